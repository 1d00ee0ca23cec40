//! Every file under tests/bad-methods/ is refused with a located, explained error, in both
//! languages; the messages are kept as insta snapshots.

use intervision::domain::lang::Lang;
use intervision::domain::method::Method;

#[test]
fn every_bad_method_file_gets_a_located_error() {
    insta::glob!("bad-methods/*.toml", |path| {
        let bytes = std::fs::read(path).unwrap();
        let name = format!(
            "bad-methods/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let error = Method::from_bytes(&name, &bytes).expect_err("a bad file must be refused");
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
