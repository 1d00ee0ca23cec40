//! Group files: reading, checking, finding, listing and creating them.

use std::fs;
use std::path::{Path, PathBuf};

use intervision::domain::lang::Lang;
use intervision::domain::method::Record;
use intervision::store::group::{self, Group};

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|name| (*name).to_owned()).collect()
}

#[test]
fn every_bad_group_file_gets_a_located_error() {
    insta::glob!("bad-groups/*.toml", |path| {
        let bytes = fs::read(path).unwrap();
        let name = format!("bad-groups/{}", path.file_name().unwrap().to_string_lossy());
        let error = group::from_bytes(&bytes, Path::new(&name))
            .expect_err("a bad group file must be refused");
        assert_eq!(error.origin, name);
        let location = error
            .location
            .as_ref()
            .expect("every error in a file has a place");
        assert!(location.line >= 1 && location.column >= 1);
        assert!(error.help.is_some(), "{name}: an error says what to do");
        assert_ne!(
            error.message.en, error.message.fr,
            "{name}: the message is translated"
        );
        insta::assert_snapshot!(format!(
            "{}\n{}",
            error.render(Lang::En),
            error.render(Lang::Fr)
        ));
    });
}

#[test]
fn a_duplicate_member_is_pointed_at_where_it_is_repeated() {
    let source = "name = \"Lyon\"\nmembers = [\n  \"Ana\",\n  \"Ben\",\n  \"ANA\",\n]\n";
    let error = group::parse(source, Path::new("lyon.toml")).unwrap_err();
    let location = error.location.unwrap();
    assert_eq!((location.line, location.column), (5, 3));
    assert_eq!(location.width, "\"ANA\"".len());
    assert!(error.message.en.contains("\"ANA\""), "{}", error.message.en);
    assert!(error.message.en.contains("\"Ana\""), "{}", error.message.en);
}

#[test]
fn slugs_are_lowercase_ascii_with_hyphens() {
    let cases = [
        ("Intervision Lyon – Équipe 2", "intervision-lyon-equipe-2"),
        ("Intervision Lyon", "intervision-lyon"),
        ("  Les Cœurs   d'Ærø  ", "les-coeurs-d-aero"),
        ("Straße_München", "strasse-munchen"),
        ("Łódź & Kraków", "lodz-krakow"),
        ("E\u{301}quipe", "equipe"),
        ("--Groupe--", "groupe"),
        ("2024", "2024"),
        ("日本", ""),
        ("", ""),
    ];
    for (name, expected) in cases {
        assert_eq!(group::slug(name), expected, "{name}");
    }
    let long = group::slug(&"abc ".repeat(40));
    assert!(
        long.len() <= group::MAX_SLUG && !long.ends_with('-'),
        "{long}"
    );
}

#[test]
fn a_full_group_file_is_read() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("lyon.toml");
    fs::write(
        &path,
        r#"
name = "  Intervision Lyon "
members = ["Ana", " Ben ", "Chloé", "David", "Emma"]
method = "intervision"
log_dir = "logs/lyon"
record = "timings"
language = "fr-CA"
"#,
    )
    .unwrap();
    let group = group::load(&path).unwrap();
    assert_eq!(
        group,
        Group {
            name: "Intervision Lyon".into(),
            members: names(&["Ana", "Ben", "Chloé", "David", "Emma"]),
            method: Some("intervision".into()),
            log_dir: Some(folder.path().join("logs/lyon")),
            record: Some(Record::Timings),
            language: Some(Lang::Fr),
            path: path.clone(),
        }
    );

    // The smallest group file: optional fields are absent.
    let group = group::parse("name = \"Solo\"\nmembers = [\"Ana\"]\n", &path).unwrap();
    assert_eq!(group.members, names(&["Ana"]));
    assert_eq!(
        (group.method, group.log_dir, group.record, group.language),
        (None, None, None, None)
    );
}

#[test]
fn the_domain_reads_a_group_from_its_text_with_the_home_folder_given() {
    let source =
        "name = \"Lyon\"\nmembers = [\"Ana\"]\nlog_dir = \"~/logs\"\nmethod = \"~/m.toml\"\n";
    let path = Path::new("/config/groups/lyon.toml");
    let group =
        intervision::domain::group::parse(source, path, Some(Path::new("/home/ana"))).unwrap();
    assert_eq!(group.log_dir, Some(PathBuf::from("/home/ana/logs")));
    assert_eq!(group.method.as_deref(), Some("/home/ana/m.toml"));
    // Without a home folder, `~` is an error, not a guess.
    let error = intervision::domain::group::parse(source, path, None).unwrap_err();
    assert!(
        error.message.en.contains("home folder"),
        "{}",
        error.message.en
    );
}

#[test]
fn paths_in_a_group_file_are_resolved() {
    let path = Path::new("/groups/lyon.toml");
    let read = |line: &str| {
        group::parse(
            &format!("name = \"Lyon\"\nmembers = [\"Ana\"]\n{line}\n"),
            path,
        )
        .unwrap()
    };
    assert_eq!(
        read("log_dir = \"/var/log/lyon\"").log_dir,
        Some(PathBuf::from("/var/log/lyon"))
    );
    assert_eq!(
        read("log_dir = \"logs\"").log_dir,
        Some(PathBuf::from("/groups/logs"))
    );
    if let Some(dirs) = directories::BaseDirs::new() {
        let home = dirs.home_dir();
        assert_eq!(
            read("log_dir = \"~/intervision/lyon\"").log_dir,
            Some(home.join("intervision/lyon"))
        );
        assert_eq!(read("log_dir = \"~\"").log_dir, Some(home.to_owned()));
    }
    // A method id stays an id; a method path is made absolute.
    assert_eq!(read("method = \"codev\"").method.as_deref(), Some("codev"));
    assert_eq!(
        read("method = \"mine.toml\"").method.as_deref(),
        Some("/groups/mine.toml")
    );
    assert_eq!(
        read("method = \"/srv/methods/mine.toml\"")
            .method
            .as_deref(),
        Some("/srv/methods/mine.toml")
    );
}

#[test]
fn created_groups_read_back_and_are_never_overwritten() {
    let config = tempfile::tempdir().unwrap();
    let members = names(&["Ana", "Ben", "Chloé \"Clo\"", "D\\avid"]);
    let path = group::create(
        config.path(),
        "Intervision Lyon – Équipe 2",
        &members,
        Some("intervision"),
    )
    .unwrap();
    assert_eq!(
        path,
        config
            .path()
            .join("groups")
            .join("intervision-lyon-equipe-2.toml")
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with('#'), "the file is commented:\n{text}");
    assert!(text.contains("docs/group-format.md"), "{text}");
    let group = group::load(&path).unwrap();
    assert_eq!(group.name, "Intervision Lyon – Équipe 2");
    assert_eq!(group.members, members);
    assert_eq!(group.method.as_deref(), Some("intervision"));
    assert_eq!(group.path, path);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&config.path().join("groups")), 0o700);
    }

    let error = group::create(
        config.path(),
        "intervision lyon: équipe 2",
        &names(&["Emma"]),
        None,
    )
    .unwrap_err();
    assert!(error.en.contains("already exists"), "{}", error.en);
    assert!(error.fr.contains("existe déjà"), "{}", error.fr);
    assert_eq!(group::load(&path).unwrap().members, members);

    // Without a method, the line is left as a comment.
    let path = group::create(config.path(), "Paris", &names(&["Ana"]), None).unwrap();
    assert_eq!(group::load(&path).unwrap().method, None);
}

#[test]
fn creating_a_group_checks_its_name_and_members() {
    let config = tempfile::tempdir().unwrap();
    let refused = [
        ("  ", names(&["Ana"]), "name is empty"),
        ("日本", names(&["Ana"]), "no letter or digit"),
        ("Lyon", names(&[]), "no members"),
        ("Lyon", names(&["Ana", "Ben", "ana"]), "listed twice"),
        ("Lyon", names(&["Ana", " "]), "empty name"),
        ("Lyon", names(&["Ana", "Ben, Chloé"]), "comma"),
    ];
    for (name, members, expected) in refused {
        let error = group::create(config.path(), name, &members, None).unwrap_err();
        assert!(
            error.en.contains(expected),
            "{name} {members:?}: {}",
            error.en
        );
        assert_ne!(error.en, error.fr);
    }
    let error = group::create(config.path(), "Lyon", &names(&["Ana"]), Some(" ")).unwrap_err();
    assert!(error.en.contains("method is empty"), "{}", error.en);
    assert!(!config.path().join("groups").join("lyon.toml").exists());
}

#[test]
fn groups_are_found_by_file_name_slug_name_or_path() {
    let config = tempfile::tempdir().unwrap();
    let lyon = group::create(
        config.path(),
        "Intervision Lyon",
        &names(&["Ana", "Ben"]),
        None,
    )
    .unwrap();
    // A file whose name is not the slug of the group's name.
    fs::write(
        config.path().join("groups").join("paris.toml"),
        "name = \"Codév Paris Nord\"\nmembers = [\"Emma\"]\n",
    )
    .unwrap();
    for spec in [
        "intervision-lyon",
        "Intervision Lyon",
        "INTERVISION LYON",
        lyon.to_str().unwrap(),
    ] {
        assert_eq!(
            group::find(spec, config.path()).unwrap().name,
            "Intervision Lyon",
            "{spec}"
        );
    }
    for spec in ["paris", "codév paris nord", "Codev Paris Nord"] {
        assert_eq!(
            group::find(spec, config.path()).unwrap().name,
            "Codév Paris Nord",
            "{spec}"
        );
    }
    let error = group::find("Marseille", config.path()).unwrap_err();
    assert!(
        error.en.contains("intervision-lyon, paris"),
        "the known groups are listed: {}",
        error.en
    );
    assert!(error.fr.contains("intervision-lyon, paris"), "{}", error.fr);
}

#[test]
fn finding_without_any_group_says_how_to_create_one() {
    let config = tempfile::tempdir().unwrap();
    let error = group::find("Lyon", config.path()).unwrap_err();
    assert!(error.en.contains("intervision group new"), "{}", error.en);
    assert!(error.fr.contains("intervision group new"), "{}", error.fr);
}

#[test]
fn a_broken_group_file_is_reported_with_its_place() {
    let config = tempfile::tempdir().unwrap();
    let folder = config.path().join("groups");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("lyon.toml"),
        "name = \"Lyon\"\nmembres = [\"Ana\"]\n",
    )
    .unwrap();
    let error = group::find("lyon", config.path()).unwrap_err();
    assert!(
        error.en.starts_with(&format!(
            "{}:2:1: unknown key `membres`",
            folder.join("lyon.toml").display()
        )),
        "{}",
        error.en
    );
    assert!(error.fr.contains("clé inconnue `membres`"), "{}", error.fr);
    let error = group::find("missing/file.toml", config.path()).unwrap_err();
    assert!(
        error.en.contains("cannot read the group file"),
        "{}",
        error.en
    );
}

#[test]
fn groups_are_listed_in_file_order_broken_ones_included() {
    let config = tempfile::tempdir().unwrap();
    assert!(group::list(config.path()).is_empty());
    group::create(config.path(), "Zurich", &names(&["Ana"]), None).unwrap();
    group::create(config.path(), "Annecy", &names(&["Ben"]), None).unwrap();
    let folder = group::groups_dir(config.path());
    fs::write(folder.join("broken.toml"), "name = \"Broken\"\n").unwrap();
    fs::write(folder.join("notes.txt"), "not a group").unwrap();
    let listed = group::list(config.path());
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[0].as_ref().unwrap().name, "Annecy");
    let broken = listed[1].as_ref().unwrap_err();
    assert!(broken.origin.ends_with("broken.toml"), "{}", broken.origin);
    assert!(broken.message.en.contains("`members` is missing"));
    assert_eq!(listed[2].as_ref().unwrap().name, "Zurich");
}

/// A device, a folder or a named pipe given as a group file is refused at once, not read for ever
/// (`/dev/zero` never ends; a pipe would wait for a writer).
#[test]
fn a_group_path_that_is_not_a_regular_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .is_ok_and(|status| status.success());
    let mut paths = vec![PathBuf::from("/dev/zero"), dir.path().to_owned()];
    if made {
        paths.push(pipe);
    }
    for path in paths {
        let error = group::load(&path).expect_err("not a group file");
        let text = error.render(Lang::En);
        assert!(
            text.contains("not a regular file") && text.contains("intervision group list"),
            "{}: {text}",
            path.display()
        );
        assert!(error.render(Lang::Fr).contains("pas un fichier ordinaire"));
    }
}
