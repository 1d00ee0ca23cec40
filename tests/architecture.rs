//! The architecture, checked: the layers import only downwards (domain < store < ui < cli), the
//! domain stays pure (no terminal, file, environment or clock), and `Cargo.toml`'s
//! `rust-version` is at least what the locked dependencies need.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate's root folder.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `folder`, sorted.
fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a source folder reads") {
            let path = entry.expect("a folder entry reads").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The code of a file, comments left out: each line with its number (from 1).
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).expect("a source file reads");
    text.lines()
        .enumerate()
        .map(|(index, line)| {
            let code = match line.find("//") {
                // A `//` inside a string ("https://...") is kept; a comment is cut.
                Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
                _ => line,
            };
            (index + 1, code.to_owned())
        })
        .filter(|(_, code)| !code.trim().is_empty())
        .collect()
}

/// The `use` declarations of a file, each on one line, whitespace removed.
fn uses(path: &Path) -> Vec<String> {
    let code: String = code_lines(path)
        .into_iter()
        .map(|(_, line)| line)
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(start) = rest.find("use ") {
        let before = rest[..start].chars().last();
        rest = &rest[start + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        found.push(rest[..end].split_whitespace().collect::<String>());
        rest = &rest[end..];
    }
    found
}

/// The places (`file:line: text`) under `folder` whose code contains one of `needles`.
fn occurrences(folder: &Path, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in rust_files(folder) {
        for (number, line) in code_lines(&path) {
            if let Some(needle) = needles.iter().find(|needle| line.contains(*needle)) {
                found.push(format!(
                    "{}:{number}: `{needle}` in {}",
                    path.strip_prefix(root()).unwrap_or(&path).display(),
                    line.trim()
                ));
            }
        }
    }
    found
}

#[test]
fn the_domain_touches_no_terminal_file_environment_or_clock() {
    let domain = root().join("src/domain");
    let mut found = occurrences(
        &domain,
        &[
            "ratatui",
            "crossterm",
            "tui_big_text",
            "std::fs",
            "std::env",
            "std::io",
            "std::process",
            "std::net",
            "std::thread",
            "Instant::now",
            "SystemTime::now",
            "Zoned::now",
            "Timestamp::now",
            "jiff::",
            "directories",
            "signal_hook",
        ],
    );
    // `use std::{fs, ...}` names a forbidden module without `std::fs`.
    for path in rust_files(&domain) {
        for declaration in uses(&path) {
            let Some(group) = declaration.strip_prefix("std::{") else {
                continue;
            };
            for item in group.trim_end_matches('}').split([',', '{', '}']) {
                let module = item.split("::").next().unwrap_or_default();
                if ["fs", "env", "io", "process", "net", "thread"].contains(&module) {
                    found.push(format!(
                        "{}: `use std::{{{group}`",
                        path.strip_prefix(root()).unwrap_or(&path).display()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the domain is pure (no terminal, file, environment or clock); found:\n{}",
        found.join("\n")
    );
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let rules: [(&str, &[&str]); 3] = [
        ("src/domain", &["crate::store", "crate::ui", "crate::cli"]),
        ("src/store", &["crate::ui", "crate::cli"]),
        ("src/ui", &["crate::cli"]),
    ];
    let mut found = Vec::new();
    for (folder, higher) in rules {
        found.extend(occurrences(&root().join(folder), higher));
    }
    assert!(
        found.is_empty(),
        "a layer imports a higher one (domain < store < ui < cli); found:\n{}",
        found.join("\n")
    );
}

/// A `major.minor[.patch]` version as numbers, for comparing (a missing patch is 0).
fn version(text: &str) -> [u64; 3] {
    let mut numbers = [0; 3];
    for (number, part) in numbers.iter_mut().zip(text.split('.')) {
        *number = part.parse().expect("a version is numbers and dots");
    }
    numbers
}

/// The `rust-version` of the `[package]` table of `Cargo.toml`.
fn declared_rust_version() -> String {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml reads");
    let manifest: toml::Table = manifest.parse().expect("Cargo.toml parses");
    manifest["package"]["rust-version"]
        .as_str()
        .expect("Cargo.toml gives a rust-version")
        .to_owned()
}

/// The platform the tests run on, as rustc names it.
fn host() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = Command::new(rustc).arg("-vV").output().expect("rustc runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_owned()
}

#[test]
fn rust_version_covers_the_locked_dependencies() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    // Only the host's packages: the others (Windows, WebAssembly) need not be downloaded.
    let output = Command::new(cargo)
        .current_dir(root())
        .args(["metadata", "--locked", "--format-version", "1"])
        .args(["--filter-platform", &host()])
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata writes JSON");
    let (needed, by) = metadata["packages"]
        .as_array()
        .expect("cargo metadata lists packages")
        .iter()
        .filter(|package| package["name"] != "intervision")
        .filter_map(|package| {
            let rust_version = package["rust_version"].as_str()?;
            Some((version(rust_version), package["name"].to_string()))
        })
        .max()
        .expect("some dependency declares a rust-version");
    let declared = declared_rust_version();
    assert!(
        version(&declared) >= needed,
        "Cargo.toml says rust-version = \"{declared}\", but {by} needs {needed:?}"
    );
}
