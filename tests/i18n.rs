//! Every message of the interface exists in English and in French: the source's `Tr { en, fr }`
//! and `Bilingual::new(en, fr)` are read, and a message with an empty side fails.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The string literal starting at `text` (after optional spaces), if any.
fn literal(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let rest = text.strip_prefix('"')?;
    let mut escaped = false;
    for (index, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(&rest[..index]),
            _ => escaped = false,
        }
    }
    None
}

#[test]
fn every_message_has_both_languages() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut checked = 0;
    let mut problems = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        // `Tr { en: "...", fr: "..." }`
        for (at, _) in source.match_indices("en: \"") {
            let en = literal(&source[at + 3..]);
            let after = &source[at..];
            let fr = after.find("fr: ").and_then(|i| literal(&after[i + 3..]));
            match (en, fr) {
                (Some(en), Some(fr)) if !en.trim().is_empty() && !fr.trim().is_empty() => {
                    checked += 1
                }
                _ => problems.push(format!(
                    "{}: a message near byte {at} lacks a language",
                    file.display()
                )),
            }
        }
        // `Bilingual::new("...", "...")` with literal arguments.
        for (at, _) in source
            .match_indices("Bilingual::new(\n")
            .chain(source.match_indices("Bilingual::new(\""))
        {
            let args = &source[at + "Bilingual::new(".len()..];
            let Some(en) = literal(args) else { continue };
            let rest = args.trim_start()[en.len() + 2..].trim_start();
            let Some(rest) = rest.strip_prefix(',') else {
                continue;
            };
            match literal(rest) {
                Some(fr) if !en.trim().is_empty() && !fr.trim().is_empty() => checked += 1,
                Some(_) => problems.push(format!(
                    "{}: an empty message near byte {at}",
                    file.display()
                )),
                None => {}
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        checked > 100,
        "only {checked} messages found: the scan is broken"
    );
}
