//! A timetable in words: as a facilitator would print it, and as JSON for other programs.

use serde_json::json;

use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::{Clock, Method, Speaker, StepKind, written_duration};
use crate::domain::plan::{Cast, Timetable};

/// Who speaks in a step, in words.
pub fn speaker_label(method: &Method, cast: &Cast, speaker: &Speaker, lang: Lang) -> String {
    match speaker {
        Speaker::All => Bilingual::new("everyone", "tout le monde")
            .get(lang)
            .to_owned(),
        Speaker::Nobody => Bilingual::new("nobody", "personne").get(lang).to_owned(),
        Speaker::Roles(ids) => ids
            .iter()
            .map(|id| {
                let role = method
                    .role(id)
                    .map_or(id.as_str(), |role| role.name.get(lang));
                let names: Vec<String> = cast
                    .holders(id)
                    .into_iter()
                    .filter_map(|i| cast.people[i].name.clone())
                    .collect();
                if names.is_empty() {
                    role.to_owned()
                } else {
                    format!("{role} ({})", names.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

/// The kind of a step, in words.
pub fn kind_label(kind: StepKind, lang: Lang) -> &'static str {
    let (en, fr) = match kind {
        StepKind::Talk => ("talk", "parole"),
        StepKind::Round => ("round", "tour"),
        StepKind::Open => ("open", "échange"),
        StepKind::Silence => ("silence", "silence"),
        StepKind::Writing => ("writing", "écriture"),
    };
    if lang == Lang::En { en } else { fr }
}

/// The timetable as JSON: steps with `name`, `kind`, `start_s`, `duration_s`, their turns, and `total_s`.
pub fn timetable_json(
    method: &Method,
    cast: &Cast,
    table: &Timetable,
    lang: Lang,
) -> serde_json::Value {
    let steps: Vec<serde_json::Value> = table
        .steps
        .iter()
        .map(|planned| {
            let step = &method.steps[planned.index];
            let cast = planned.cast_or(cast);
            let person = |index: usize| person_json(method, cast, index, lang);
            json!({
                "name": crate::domain::plan::pass_name(step.name.get(lang), planned.pass, cast),
                "pass": planned.pass.map(|pass| json!({ "number": pass.number + 1, "of": pass.of, "client": person(pass.client) })),
                "kind": step.kind.as_str(),
                "start_s": planned.start.as_secs(),
                "duration_s": planned.duration.as_secs(),
                "speaker": match &step.speaker { Speaker::All => json!("all"), Speaker::Nobody => json!("none"), Speaker::Roles(ids) if ids.len() == 1 => json!(ids[0]), Speaker::Roles(ids) => json!(ids) },
                "speakers": planned.speakers.iter().map(|&i| person(i)).collect::<Vec<_>>(),
                "turns": planned.turns.iter().map(|turn| json!({
                    "speaker": person(turn.person),
                    "start_s": (planned.start + turn.offset).as_secs(),
                    "duration_s": turn.duration.as_secs(),
                    "tail": turn.is_tail,
                })).collect::<Vec<_>>(),
                "prompts": step.prompts.iter().map(|text| text.get(lang)).collect::<Vec<_>>(),
                "rules": step.rules.iter().map(|text| text.get(lang)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "method": method.name.get(lang),
        "language": lang.tag(),
        "people": (0..cast.people.len()).map(|index| person_json(method, cast, index, lang)).collect::<Vec<_>>(),
        "slot_s": method.slot.map(|slot| slot.as_secs()),
        "steps": steps,
        "total_s": table.total().as_secs(),
    })
}

/// A person of the cast as JSON: their place, name, label and roles.
fn person_json(method: &Method, cast: &Cast, index: usize, lang: Lang) -> serde_json::Value {
    json!({
        "index": index,
        "name": cast.people[index].name,
        "label": cast.label(method, index, lang),
        "roles": cast.people[index].roles,
    })
}

/// The timetable as a facilitator would print it.
pub fn timetable_text(method: &Method, cast: &Cast, table: &Timetable, lang: Lang) -> String {
    let mut out = String::new();
    let people = cast.people.len();
    let total = Clock(table.total());
    let (people_word, steps_word, slot_word) = match lang {
        Lang::En => ("people", "of steps", "slot"),
        Lang::Fr => ("personnes", "d'étapes", "créneau"),
    };
    let mut header = format!(
        "{} · {people} {people_word} · {total} {steps_word}",
        method.name.get(lang)
    );
    if let Some(slot) = method.slot {
        header.push_str(&format!(" · {slot_word} {}", written_duration(slot, lang)));
    }
    out.push_str(&header);
    out.push('\n');
    if let Some(source) = &method.source {
        out.push_str(&format!(
            "{} {source}\n",
            if lang == Lang::En {
                "Source:"
            } else {
                "Source :"
            }
        ));
    }
    out.push('\n');
    let cast_title = if lang == Lang::En {
        "Cast"
    } else {
        "Distribution"
    };
    out.push_str(&format!("{cast_title}\n"));
    for index in 0..people {
        let who = cast.label(method, index, lang);
        let roles = cast.role_names(method, index, lang);
        if cast.people[index].name.is_some() && !roles.is_empty() {
            out.push_str(&format!("  {who}: {roles}\n"));
        } else if cast.people[index].name.is_some() || roles.is_empty() {
            out.push_str(&format!("  {who}\n"));
        } else {
            out.push_str(&format!(
                "  {who}{}\n",
                if roles.contains(", ") {
                    format!(" ({roles})")
                } else {
                    String::new()
                }
            ));
        }
    }
    out.push('\n');
    let (start, length, step_word) = if lang == Lang::En {
        ("start", "length", "step")
    } else {
        ("début", "durée", "étape")
    };
    out.push_str(&format!("{start:>8}  {length:>7}  {step_word}\n"));
    for (position, planned) in table.steps.iter().enumerate() {
        let step = &method.steps[planned.index];
        let cast = planned.cast_or(cast);
        let who = if step.kind == StepKind::Round {
            let passes = planned
                .turns
                .iter()
                .filter(|turn| !turn.is_tail)
                .map(|turn| turn.pass as usize + 1)
                .max()
                .unwrap_or(1);
            let mut people: Vec<usize> = planned
                .turns
                .iter()
                .filter(|turn| !turn.is_tail)
                .map(|turn| turn.person)
                .collect();
            people.sort_unstable();
            people.dedup();
            let count = people.len();
            let role = speaker_label(method, &Cast { people: vec![] }, &step.speaker, lang);
            let tail = step
                .tail
                .as_ref()
                .and_then(|tail| method.role(&tail.role))
                .map(|role| role.name.get(lang));
            let mut who = match (lang, tail) {
                (Lang::En, None) => format!("{count} × {role}"),
                (Lang::En, Some(tail)) => format!("{count} × {role}, then {tail}"),
                (Lang::Fr, None) => format!("{count} × {role}"),
                (Lang::Fr, Some(tail)) => format!("{count} × {role}, puis {tail}"),
            };
            if step.until_time.is_some() {
                who.push_str(match lang {
                    Lang::En => ", round and round until time is up",
                    Lang::Fr => ", tours de table jusqu'à la fin du temps",
                });
            } else if passes > 1 {
                who.push_str(&match lang {
                    Lang::En => format!(", {passes} passes"),
                    Lang::Fr => format!(", {passes} tours de table"),
                });
            }
            who
        } else {
            speaker_label(method, cast, &step.speaker, lang)
        };
        out.push_str(&format!(
            "{:>8}  {:>7}  {}. {} · {} · {who}\n",
            Clock(planned.start).to_string(),
            Clock(planned.duration).to_string(),
            position + 1,
            crate::domain::plan::pass_name(step.name.get(lang), planned.pass, cast),
            kind_label(step.kind, lang),
        ));
        for turn in &planned.turns {
            out.push_str(&format!(
                "{:>8}  {:>7}       {}\n",
                Clock(planned.start + turn.offset).to_string(),
                Clock(turn.duration).to_string(),
                cast.label(method, turn.person, lang),
            ));
        }
    }
    out.push_str(&format!(
        "{:>8}  {:>7}  {}\n",
        Clock(table.total()).to_string(),
        "",
        if lang == Lang::En { "end" } else { "fin" }
    ));
    out
}
