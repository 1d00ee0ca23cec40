//! The JSON Schemas editors use to check method and group files while they are written: the
//! committed copies are what `intervision schema` prints, every file the program accepts
//! validates, every file it refuses for a type or a key is refused by the schema too, and the
//! schema knows exactly the keys the program knows.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use intervision::cli::{SchemaKind, schema, schema_file_name};
use intervision::domain::lang::Lang;
use intervision::domain::method::{Method, parse_duration};
use intervision::store::library::BUILT_INS;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(kind: SchemaKind) -> jsonschema::Validator {
    jsonschema::validator_for(&schema(kind, Lang::En)).expect("the schema is a valid JSON Schema")
}

/// A TOML file as the JSON value a TOML editor checks against the schema.
fn toml_to_json(text: &str) -> Result<Value, toml::de::Error> {
    let value: toml::Value = toml::from_str(text)?;
    Ok(serde_json::to_value(value).expect("TOML values are JSON values"))
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_committed_schemas_are_what_the_program_prints() {
    for kind in [SchemaKind::Method, SchemaKind::Group] {
        for (lang, tag) in [(Lang::En, "en"), (Lang::Fr, "fr")] {
            let path = root().join("schemas").join(schema_file_name(kind, lang));
            let committed = fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            let name = match kind {
                SchemaKind::Method => "method",
                SchemaKind::Group => "group",
            };
            let output = Command::new(env!("CARGO_BIN_EXE_intervision"))
                .args(["schema", name, "--lang", tag])
                .output()
                .unwrap();
            assert!(output.status.success());
            let printed = String::from_utf8(output.stdout).unwrap();
            assert!(
                printed == committed,
                "{} differs from `intervision schema {name} --lang {tag}`: write it again with that command",
                path.display()
            );
            let value: Value = serde_json::from_str(&committed).unwrap();
            assert_eq!(value, schema(kind, lang));
            jsonschema::meta::validate(&value)
                .unwrap_or_else(|error| panic!("{}: not a JSON Schema: {error}", path.display()));
        }
    }
}

#[test]
fn every_method_the_program_accepts_validates() {
    let validator = validator(SchemaKind::Method);
    let mut files: Vec<(String, String)> = BUILT_INS
        .iter()
        .map(|builtin| (format!("builtin:{}", builtin.id), builtin.toml.to_owned()))
        .collect();
    for dir in ["methods", "examples"] {
        for path in toml_files(&root().join(dir)) {
            files.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    assert!(files.len() >= 2 * BUILT_INS.len() + 2);
    for (name, text) in files {
        let instance = toml_to_json(&text).unwrap();
        let problems = errors(&validator, &instance);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

#[test]
fn every_example_of_the_format_document_the_program_accepts_validates() {
    let validator = validator(SchemaKind::Method);
    let document = fs::read_to_string(root().join("docs/method-format.md")).unwrap();
    let mut accepted = 0;
    for (index, block) in document.split("```toml\n").skip(1).enumerate() {
        let text = block.split("```").next().unwrap();
        if Method::from_str("example", text).is_err() {
            // A fragment, or an example of an error.
            continue;
        }
        let instance = toml_to_json(text).unwrap();
        let problems = errors(&validator, &instance);
        assert!(
            problems.is_empty(),
            "example {}: {problems:#?}\n{text}",
            index + 1
        );
        accepted += 1;
    }
    assert!(
        accepted >= 3,
        "only {accepted} whole methods in the document"
    );
}

/// Broken method files the schema cannot judge: TOML that does not parse, or rules across fields
/// and values (a duration of zero or over a day, a role used but not declared, what a kind of
/// step allows).
const METHODS_WRONG_BEYOND_THE_SCHEMA: &[&str] = &[
    "01", "02", "03", "13", "17", "18", "19", "20", "22", "23", "24", "25", "26", "27", "29", "35",
    "40", "44", "48", "51",
    // Turn order, cycles and until-time rounds: rules across fields.
    "53", "54", "55", "56", "57", "58", "59", "60",
    // Control characters in texts; roles held by themselves; a group too small for its roles.
    "61", "62", "63", "64", "65",
];

#[test]
fn every_method_refused_for_a_type_or_a_key_fails_the_schema() {
    let validator = validator(SchemaKind::Method);
    let mut refused = 0;
    for path in toml_files(&root().join("tests/bad-methods")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let number = &name[..2];
        if METHODS_WRONG_BEYOND_THE_SCHEMA.contains(&number) {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let instance = toml_to_json(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(
            !validator.is_valid(&instance),
            "{name} is refused by the program for a type or a key, but the schema accepts it"
        );
        refused += 1;
    }
    assert!(refused >= 30, "only {refused} files checked");
}

/// Broken group files the schema cannot judge: TOML that does not parse, the same member twice,
/// another user's home folder.
const GROUPS_WRONG_BEYOND_THE_SCHEMA: &[&str] = &["01", "07", "14", "16", "20"];

#[test]
fn every_group_file_refused_for_a_type_or_a_key_fails_the_schema_and_a_new_one_validates() {
    let validator = validator(SchemaKind::Group);
    let mut refused = 0;
    for path in toml_files(&root().join("tests/bad-groups")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if GROUPS_WRONG_BEYOND_THE_SCHEMA.contains(&&name[..2]) {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let instance = toml_to_json(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(
            !validator.is_valid(&instance),
            "{name} is refused by the program, but the schema accepts it"
        );
        refused += 1;
    }
    assert!(refused >= 15, "only {refused} files checked");

    // The file `group new` writes, with every optional field the user may uncomment.
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_intervision"))
        .args([
            "group",
            "new",
            "Intervision Lyon",
            "--members",
            "Ana,Ben,Chloé",
            "--method",
            "codev",
        ])
        .env("INTERVISION_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = fs::read_to_string(dir.path().join("groups/intervision-lyon.toml")).unwrap();
    let mut instance = toml_to_json(&text).unwrap();
    assert!(
        validator.is_valid(&instance),
        "{:#?}",
        errors(&validator, &instance)
    );
    let fields = instance.as_object_mut().unwrap();
    fields.insert("log_dir".into(), "~/intervision/lyon".into());
    fields.insert("record".into(), "timings".into());
    fields.insert("language".into(), "fr".into());
    assert!(
        validator.is_valid(&instance),
        "{:#?}",
        errors(&validator, &instance)
    );
}

/// The keys the program accepts in a table, as its error for an unknown key lists them.
fn accepted_keys(kind: &str, file: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("probe.toml");
    fs::write(&path, file).unwrap();
    let args: Vec<&str> = match kind {
        "method" => vec!["check", path.to_str().unwrap()],
        _ => vec!["group", "show", path.to_str().unwrap()],
    };
    let output = Command::new(env!("CARGO_BIN_EXE_intervision"))
        .args(&args)
        .args(["--lang", "en"])
        .env("INTERVISION_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let line = stderr
        .lines()
        .find(|line| line.contains(" are `"))
        .unwrap_or_else(|| panic!("no list of keys in: {stderr}"));
    let list = &line[line.find(" are `").unwrap()..];
    // The keys are the words between backquotes.
    let mut keys: Vec<String> = list
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    keys.sort();
    keys
}

fn schema_keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

#[test]
fn the_schemas_know_the_keys_the_program_knows() {
    let method = schema(SchemaKind::Method, Lang::En);
    let defs = &method["definitions"];
    let step = "[[steps]]\nname = \"s\"\nduration = \"1m\"\n";
    let cases: [(&str, String, &Value); 7] = [
        (
            "top level",
            format!("zzz = 1\nname = \"m\"\n{step}"),
            &method,
        ),
        (
            "[[steps]]",
            format!("name = \"m\"\n{step}zzz = 1\n"),
            &defs["step"],
        ),
        (
            "[[roles]]",
            format!("name = \"m\"\n[[roles]]\nid = \"r\"\nname = \"r\"\nzzz = 1\n{step}"),
            &defs["role"],
        ),
        (
            "[[modules]]",
            format!("name = \"m\"\n[[modules]]\nid = \"a\"\nname = \"a\"\nzzz = 1\n{step}"),
            &defs["module"],
        ),
        (
            "[cycle]",
            format!("name = \"m\"\n[cycle]\nrole = \"r\"\nzzz = 1\n{step}"),
            &method["properties"]["cycle"],
        ),
        (
            "group",
            format!("name = \"m\"\ngroup = {{ min = 2, zzz = 1 }}\n{step}"),
            &method["properties"]["group"],
        ),
        (
            "tail",
            "name = \"m\"\n[[steps]]\nname = \"s\"\nkind = \"round\"\nturn = \"1m\"\ntail = { speaker = \"r\", duration = \"1m\", zzz = 1 }\n"
                .to_owned(),
            &defs["step"]["properties"]["tail"],
        ),
    ];
    for (table, file, part) in &cases {
        assert_eq!(
            accepted_keys("method", file),
            schema_keys(part),
            "the keys of {table}"
        );
    }
    let group = schema(SchemaKind::Group, Lang::En);
    assert_eq!(
        accepted_keys("group", "name = \"g\"\nmembers = [\"Ana\"]\nzzz = 1\n"),
        schema_keys(&group),
        "the keys of a group file"
    );
}

#[test]
fn the_duration_pattern_has_the_shape_the_program_reads() {
    let validator =
        jsonschema::validator_for(&schema(SchemaKind::Method, Lang::En)["definitions"]["duration"])
            .unwrap();
    let samples = [
        "90s", "2m", "1m30s", "1h30m", "1h", "24h", "1h0m5s", "000001m", "15", "1h30", "90min",
        "1 h", "1h 30m", " 2m", "2m ", "2.5m", "-2m", "2m1h", "1m1m", "h", "m", "", "1234567s",
        "2M", "1d", "１m",
    ];
    for sample in samples {
        // Zero and more than a day have the right shape: the program says why it refuses them.
        let shape_ok = !matches!(
            parse_duration(sample),
            Err(intervision::domain::method::duration::DurationError::Empty
                | intervision::domain::method::duration::DurationError::Malformed)
        );
        assert_eq!(
            validator.is_valid(&Value::from(sample)),
            shape_ok,
            "\"{sample}\": the schema and the program disagree"
        );
    }
}
