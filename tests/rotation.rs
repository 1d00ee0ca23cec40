//! Suggested casts: who holds which role, from the group's history.

use intervision::domain::method::Method;
use intervision::domain::plan::Cast;
use intervision::domain::rotation::{PastSession, role_key, suggest};
use intervision::store::library;

const CASE_CLINIC: &str = "case-clinic";
const CODEV: &str = "codev";
const INTERVISION: &str = "intervision";

fn builtin(id: &str) -> Method {
    library::builtin(id).unwrap().unwrap()
}

fn names(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A past session: who attended, and who held which role key.
fn past(attendees: &str, roles: &[(&str, &str)]) -> PastSession {
    PastSession {
        attendees: names(attendees),
        roles: roles
            .iter()
            .map(|(name, key)| ((*name).to_owned(), (*key).to_owned()))
            .collect(),
    }
}

/// The holders of a role, in cast order, joined by commas.
fn holders(cast: &Cast, role: &str) -> String {
    cast.holders(role)
        .into_iter()
        .map(|index| cast.people[index].name.clone().unwrap())
        .collect::<Vec<_>>()
        .join(",")
}

/// The people of the cast, in order, joined by commas.
fn order(cast: &Cast) -> String {
    cast.people
        .iter()
        .map(|person| person.name.clone().unwrap())
        .collect::<Vec<_>>()
        .join(",")
}

/// A method with a plain role `x` (no function) and helpers.
const PLAIN: &str = r#"
name = "Plain"
[[roles]]
id = "x"
name = "X"
[[roles]]
id = "helper"
name = "Helper"
count = "rest"
[[steps]]
name = "Talk"
duration = "5m"
"#;

/// A method where two people bring a case.
const TWO_GIVERS: &str = r#"
name = "Two givers"
[[roles]]
id = "giver"
name = "Giver"
function = "case-giver"
count = 2
[[roles]]
id = "helper"
name = "Helper"
count = "rest"
[[steps]]
name = "Talk"
duration = "5m"
"#;

struct Case {
    what: &'static str,
    method: Method,
    history: Vec<PastSession>,
    present: &'static str,
    /// (role id, its holders in cast order).
    expected: &'static [(&'static str, &'static str)],
    /// The whole cast, in order; empty to skip.
    order: &'static str,
}

#[test]
fn suggestions_follow_the_history() {
    let cases = vec![
        Case {
            what: "first session of an intervision group: everyone is new, so the first in order brings the case",
            method: builtin(INTERVISION),
            history: vec![],
            present: "Ana,Ben,Chloé,David,Emma",
            expected: &[
                ("presenter", "Ana"),
                ("peer", "Ben,Chloé,David,Emma"),
                ("animateur", "Ben"),
                ("secretaire", "Chloé"),
            ],
            order: "Ana,Ben,Chloé,David,Emma",
        },
        Case {
            what: "first session of a case clinic",
            method: builtin(CASE_CLINIC),
            history: vec![],
            present: "Ana,Ben,Chloé,David",
            expected: &[
                ("case-giver", "Ana"),
                ("coach", "Ben,Chloé,David"),
                ("timekeeper", "Ben"),
            ],
            order: "Ana,Ben,Chloé,David",
        },
        Case {
            what: "a newcomer, first in order, is not asked to bring a case while others can",
            method: builtin(INTERVISION),
            history: vec![past(
                "Ana,Ben,Chloé,David",
                &[
                    ("Ana", "case-giver"),
                    ("Ben", "facilitator"),
                    ("Chloé", "secretary"),
                ],
            )],
            present: "Zoé,Ana,Ben,Chloé,David",
            expected: &[
                ("presenter", "Ben"),
                ("peer", "Zoé,Ana,Chloé,David"),
                ("animateur", "Zoé"),
                ("secretaire", "Ana"),
            ],
            order: "Ben,Zoé,Ana,Chloé,David",
        },
        Case {
            what: "an absent person is skipped: Chloé, next in line to present, is away",
            method: builtin(INTERVISION),
            history: vec![
                past(
                    "Ana,Ben,Chloé,David,Emma",
                    &[
                        ("Ana", "case-giver"),
                        ("Ben", "facilitator"),
                        ("Chloé", "secretary"),
                    ],
                ),
                past(
                    "Ana,Ben,Chloé,David,Emma",
                    &[
                        ("Ben", "case-giver"),
                        ("Chloé", "facilitator"),
                        ("David", "secretary"),
                    ],
                ),
            ],
            present: "Ana,Ben,David,Emma",
            expected: &[
                ("presenter", "David"),
                ("peer", "Ana,Ben,Emma"),
                ("animateur", "Ana"),
                ("secretaire", "Ben"),
            ],
            order: "David,Ana,Ben,Emma",
        },
        Case {
            what: "the timekeeper is never the case giver, even when the case giver never kept time",
            method: builtin(CASE_CLINIC),
            history: vec![
                past(
                    "Ana,Ben,Chloé",
                    &[
                        ("Ana", "case-giver"),
                        ("Ben", "consultant"),
                        ("Ben", "timekeeper"),
                        ("Chloé", "consultant"),
                    ],
                ),
                past(
                    "Ana,Ben,Chloé",
                    &[
                        ("Ben", "case-giver"),
                        ("Ana", "consultant"),
                        ("Ana", "timekeeper"),
                        ("Chloé", "consultant"),
                    ],
                ),
            ],
            present: "Ana,Ben,Chloé",
            expected: &[
                ("case-giver", "Chloé"),
                ("coach", "Ana,Ben"),
                ("timekeeper", "Ben"),
            ],
            order: "Chloé,Ana,Ben",
        },
        Case {
            what: "two roles held by peers go to two different peers",
            method: builtin(INTERVISION),
            history: vec![],
            present: "Ana,Ben,Chloé",
            expected: &[
                ("presenter", "Ana"),
                ("peer", "Ben,Chloé"),
                ("animateur", "Ben"),
                ("secretaire", "Chloé"),
            ],
            order: "Ana,Ben,Chloé",
        },
        Case {
            what: "with a single peer, that peer holds both roles",
            method: builtin(INTERVISION),
            history: vec![],
            present: "Ana,Ben",
            expected: &[
                ("presenter", "Ana"),
                ("peer", "Ben"),
                ("animateur", "Ben"),
                ("secretaire", "Ben"),
            ],
            order: "Ana,Ben",
        },
        Case {
            what: "held as recently: the one who held it fewer times takes it",
            method: Method::from_str("t", PLAIN).unwrap(),
            history: vec![
                past("Ana,Ben", &[("Ana", "x")]),
                past("Ana,Ben", &[("Ana", "x"), ("Ben", "x")]),
            ],
            present: "Ana,Ben",
            expected: &[("x", "Ben"), ("helper", "Ana")],
            order: "Ben,Ana",
        },
        Case {
            what: "the oldest holder comes before the ones who held it since",
            method: Method::from_str("t", PLAIN).unwrap(),
            history: vec![
                past("Ana,Ben,Chloé", &[("Chloé", "x")]),
                past("Ana,Ben,Chloé", &[("Ana", "x")]),
                past("Ana,Ben,Chloé", &[("Ben", "x")]),
            ],
            present: "Ana,Ben,Chloé",
            expected: &[("x", "Chloé"), ("helper", "Ana,Ben")],
            order: "Chloé,Ana,Ben",
        },
        Case {
            what: "names match whatever their case",
            method: builtin(INTERVISION),
            history: vec![past("ana, BEN", &[("ANA", "case-giver")])],
            present: "Ana,Ben",
            expected: &[("presenter", "Ben"), ("peer", "Ana")],
            order: "Ben,Ana",
        },
        Case {
            what: "a newcomer brings a case only when no one else is left",
            method: Method::from_str("t", TWO_GIVERS).unwrap(),
            history: vec![past("Ana", &[("Ana", "case-giver")])],
            present: "Zoé,Yann,Ana",
            expected: &[("giver", "Ana,Zoé"), ("helper", "Yann")],
            order: "Ana,Zoé,Yann",
        },
        Case {
            what: "codev: the client and the facilitator, both counted roles, rotate",
            method: builtin(CODEV),
            history: vec![past(
                "Ana,Ben,Chloé,David,Emma",
                &[("Ana", "case-giver"), ("Ben", "facilitator")],
            )],
            present: "Ana,Ben,Chloé,David,Emma",
            expected: &[
                ("client", "Ben"),
                ("facilitator", "Ana"),
                ("consultant", "Chloé,David,Emma"),
            ],
            order: "Ben,Ana,Chloé,David,Emma",
        },
        Case {
            what: "the history carries over from codev to intervision through role functions",
            method: builtin(INTERVISION),
            history: vec![PastSession::from_cast(
                &builtin(CODEV),
                &suggest(&builtin(CODEV), &names("Ana,Ben,Chloé,David,Emma"), &[]).unwrap(),
            )],
            present: "Ana,Ben,Chloé,David,Emma",
            // Codev gave Ana the case and Ben the facilitation.
            expected: &[
                ("presenter", "Ben"),
                ("animateur", "Ana"),
                ("secretaire", "Chloé"),
            ],
            order: "",
        },
    ];
    for case in cases {
        let cast = suggest(&case.method, &names(case.present), &case.history)
            .unwrap_or_else(|error| panic!("{}: {}", case.what, error.en));
        for (role, expected) in case.expected {
            assert_eq!(
                holders(&cast, role),
                *expected,
                "{}: holders of `{role}`",
                case.what
            );
        }
        if !case.order.is_empty() {
            assert_eq!(order(&cast), case.order, "{}: cast order", case.what);
        }
        // Every person holds their own role first, and at most one role of each id.
        for person in &cast.people {
            let own = case.method.role(&person.roles[0]).unwrap();
            assert!(own.held_by.is_none(), "{}: {person:?}", case.what);
            for added in &person.roles[1..] {
                assert!(case.method.role(added).unwrap().held_by.is_some());
            }
        }
    }
}

/// Runs `sessions` sessions with the same people, each suggestion appended to the history.
fn successive(method: &Method, present: &str, sessions: usize) -> Vec<Cast> {
    let mut history = Vec::new();
    let mut casts = Vec::new();
    for _ in 0..sessions {
        let cast = suggest(method, &names(present), &history).unwrap();
        history.push(PastSession::from_cast(method, &cast));
        casts.push(cast);
    }
    casts
}

#[test]
fn roles_rotate_over_successive_intervision_sessions() {
    let method = builtin(INTERVISION);
    let casts = successive(&method, "Ana,Ben,Chloé,David,Emma", 3);
    let by_role = |role: &str| {
        casts
            .iter()
            .map(|cast| holders(cast, role))
            .collect::<Vec<_>>()
    };
    assert_eq!(by_role("presenter"), ["Ana", "Ben", "Chloé"]);
    assert_eq!(by_role("animateur"), ["Ben", "Ana", "David"]);
    assert_eq!(by_role("secretaire"), ["Chloé", "David", "Ana"]);
    // Over five sessions, each of the five brings a case once.
    let casts = successive(&method, "Ana,Ben,Chloé,David,Emma", 5);
    let mut presenters: Vec<String> = casts.iter().map(|c| holders(c, "presenter")).collect();
    presenters.sort();
    assert_eq!(presenters, ["Ana", "Ben", "Chloé", "David", "Emma"]);
}

#[test]
fn roles_rotate_over_successive_case_clinics() {
    let method = builtin(CASE_CLINIC);
    let casts = successive(&method, "Ana,Ben,Chloé,David", 3);
    let by_role = |role: &str| {
        casts
            .iter()
            .map(|cast| holders(cast, role))
            .collect::<Vec<_>>()
    };
    assert_eq!(by_role("case-giver"), ["Ana", "Ben", "Chloé"]);
    assert_eq!(by_role("timekeeper"), ["Ben", "Ana", "David"]);
}

#[test]
fn nobody_repeats_a_role_before_everyone_else_had_it() {
    // With seven people and three exclusive roles, four sessions in a row give each role to
    // someone who never held it.
    let method = builtin(INTERVISION);
    let casts = successive(&method, "Ana,Ben,Chloé,David,Emma,Farid,Gaëlle", 4);
    for role in ["presenter", "animateur", "secretaire"] {
        let mut seen: Vec<String> = casts.iter().map(|cast| holders(cast, role)).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 4, "{role}: {seen:?}");
    }
    // Within one session, nobody holds two of them.
    for cast in &casts {
        assert!(cast.people.iter().all(|person| person.roles.len() <= 2));
    }
}

#[test]
fn too_few_people_are_refused() {
    let two_counted = Method::from_str(
        "t",
        r#"
name = "T"
[[roles]]
id = "giver"
name = "Giver"
count = 2
[[roles]]
id = "facilitator"
name = "Facilitator"
[[steps]]
name = "Talk"
duration = "5m"
"#,
    )
    .unwrap();
    let error = suggest(&two_counted, &names("Ana,Ben"), &[]).unwrap_err();
    assert!(error.en.contains("at least 3 people"), "{}", error.en);
    assert!(error.en.contains("2 are present"), "{}", error.en);
    assert!(error.fr.contains("au moins 3 personnes"), "{}", error.fr);

    let error = suggest(&builtin(CASE_CLINIC), &names("Ana"), &[]).unwrap_err();
    assert!(error.en.contains("at least 2 people"), "{}", error.en);

    let error = suggest(&builtin(CASE_CLINIC), &[], &[]).unwrap_err();
    assert!(error.en.contains("0 are present"), "{}", error.en);
}

#[test]
fn a_held_role_needing_more_hosts_than_there_are_is_refused() {
    let method = Method::from_str(
        "t",
        r#"
name = "T"
[[roles]]
id = "giver"
name = "Giver"
[[roles]]
id = "helper"
name = "Helper"
[[roles]]
id = "scribe"
name = "Scribe"
held_by = "helper"
count = 2
[[steps]]
name = "Talk"
duration = "5m"
"#,
    )
    .unwrap();
    let error = suggest(&method, &names("Ana,Ben,Chloé"), &[]).unwrap_err();
    assert!(
        error
            .en
            .contains("`scribe` needs 2 of the people holding `helper`"),
        "{}",
        error.en
    );
}

#[test]
fn the_same_name_twice_is_refused() {
    let error = suggest(&builtin(INTERVISION), &names("Ana,Ben,ana"), &[]).unwrap_err();
    assert!(error.en.contains("\"ana\" is given twice"), "{}", error.en);
    assert_ne!(error.en, error.fr);
}

#[test]
fn role_keys_are_functions_when_given() {
    let intervision = builtin(INTERVISION);
    let keys: Vec<String> = intervision.roles.iter().map(role_key).collect();
    assert_eq!(
        keys,
        ["case-giver", "consultant", "facilitator", "secretary"]
    );
    let plain = Method::from_str("t", PLAIN).unwrap();
    assert_eq!(role_key(&plain.roles[0]), "x");
}

#[test]
fn past_sessions_come_from_casts() {
    let method = builtin(CASE_CLINIC);
    let cast = suggest(&method, &names("Ana,Ben,Chloé"), &[]).unwrap();
    let session = PastSession::from_cast(&method, &cast);
    assert_eq!(session.attendees, names("Ana,Ben,Chloé"));
    assert_eq!(
        session.roles,
        [
            ("Ana".to_owned(), "case-giver".to_owned()),
            ("Ben".to_owned(), "consultant".to_owned()),
            ("Ben".to_owned(), "timekeeper".to_owned()),
            ("Chloé".to_owned(), "consultant".to_owned()),
        ]
    );
    // An anonymous cast leaves no trace.
    let anonymous = Cast::assign(&method, &intervision::domain::plan::People::Count(3)).unwrap();
    assert_eq!(
        PastSession::from_cast(&method, &anonymous),
        PastSession::default()
    );
}

#[test]
fn the_worked_example_of_the_group_format_reference() {
    // docs/group-format.md, "Rotation": three sessions of an intervision group.
    let method = builtin(INTERVISION);
    let mut history = Vec::new();
    let mut run = |present: &str| {
        let cast = suggest(&method, &names(present), &history).unwrap();
        history.push(PastSession::from_cast(&method, &cast));
        [
            holders(&cast, "presenter"),
            holders(&cast, "animateur"),
            holders(&cast, "secretaire"),
            order(&cast),
        ]
    };
    assert_eq!(
        run("Ana,Ben,Chloé,David,Emma"),
        ["Ana", "Ben", "Chloé", "Ana,Ben,Chloé,David,Emma"]
    );
    assert_eq!(
        run("Ana,Ben,Chloé,David,Emma"),
        ["Ben", "Ana", "David", "Ben,Ana,Chloé,David,Emma"]
    );
    // Chloé is away; Farid comes for the first time.
    assert_eq!(
        run("Ana,Ben,David,Emma,Farid"),
        ["David", "Emma", "Ana", "David,Ana,Ben,Emma,Farid"]
    );
    // Next time, with everyone, Chloé presents.
    assert_eq!(run("Ana,Ben,Chloé,David,Emma,Farid")[0], "Chloé");
}
