//! The words of the session screens, in both languages.

use crate::domain::lang::{Lang, Tr};

/// The start screen's warning about a round whose turns are too short to speak in: the step,
/// the turn's length, the floor, and what to do.
pub fn short_turns(short: &crate::domain::plan::ShortTurns, lang: Lang) -> String {
    use crate::domain::method::{Clock, format_duration};
    let (turn, floor, written) = (
        Clock(short.turn),
        Clock(short.floor),
        format_duration(short.floor),
    );
    let name = short.name.get(lang);
    match lang {
        Lang::En => format!(
            "Turns too short in \"{name}\": {turn} each, under {floor}. Fewer people (N), a longer slot (--fit), or turn = \"{written}\" for this round in the method"
        ),
        Lang::Fr => format!(
            "Tours trop courts dans « {name} » : {turn} chacun, moins de {floor}. Moins de personnes (N), un créneau plus long (--fit), ou turn = \"{written}\" pour ce tour dans la méthode"
        ),
    }
}

/// The time left, as the header and the quiet screens say it: "59:59 left", « reste 59:59 »
/// (the French word comes first, and agrees with no plural noun).
pub fn time_left(time: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{time} left"),
        Lang::Fr => format!("reste {time}"),
    }
}

pub const STEP_OF: Tr = Tr {
    en: "Step",
    fr: "Étape",
};
pub const OF: Tr = Tr {
    en: "of",
    fr: "sur",
};
pub const ENDS: Tr = Tr {
    en: "ends",
    fr: "fin",
};
pub const PAUSED: Tr = Tr {
    en: "PAUSED",
    fr: "PAUSE",
};
pub const REHEARSAL: Tr = Tr {
    en: "rehearsal",
    fr: "répétition",
};
pub const SPEAKS: Tr = Tr {
    en: "Speaks",
    fr: "Parole",
};
pub const EVERYONE: Tr = Tr {
    en: "Everyone",
    fr: "Tout le monde",
};
pub const NOBODY: Tr = Tr {
    en: "Nobody",
    fr: "Personne",
};
pub const TURN: Tr = Tr {
    en: "Turn",
    fr: "Tour",
};
pub const NEXT: Tr = Tr {
    en: "next",
    fr: "ensuite",
};
pub const NEXT_STEP: Tr = Tr {
    en: "Next step:",
    fr: "Étape suivante :",
};
pub const LAST_TURN: Tr = Tr {
    en: "last turn",
    fr: "dernier tour",
};
pub const OVERTIME: Tr = Tr {
    en: "over time",
    fr: "dépassement",
};
/// Over the agenda's first column: when each step starts.
pub const STARTS: Tr = Tr {
    en: "starts",
    fr: "début",
};
/// Over the agenda's last column: how long each step lasts.
pub const LASTS: Tr = Tr {
    en: "length",
    fr: "durée",
};
pub const STEP_LEFT: Tr = Tr {
    en: "step",
    fr: "étape",
};
pub const AGENDA: Tr = Tr {
    en: "Agenda",
    fr: "Programme",
};
pub const PROMPTS: Tr = Tr {
    en: "To think about",
    fr: "Pistes",
};
pub const SILENCE: Tr = Tr {
    en: "Silence",
    fr: "Silence",
};
pub const WRITING: Tr = Tr {
    en: "Writing, in silence",
    fr: "Écriture, en silence",
};
pub const LAST_MIN: Tr = Tr {
    en: "less than a minute left",
    fr: "moins d’une minute",
};
pub const TIME_UP: Tr = Tr {
    en: "time is up",
    fr: "le temps est écoulé",
};
pub const FACILITATOR_RECOMMENDED: Tr = Tr {
    en: "a facilitator is recommended",
    fr: "un animateur est recommandé",
};
pub const FACILITATOR_REQUIRED: Tr = Tr {
    en: "a facilitator is part of this method",
    fr: "un animateur fait partie de la méthode",
};
pub const READY: Tr = Tr {
    en: "Ready",
    fr: "Prêt",
};
pub const PEOPLE: Tr = Tr {
    en: "People",
    fr: "Participants",
};
pub const TOTAL: Tr = Tr {
    en: "Total",
    fr: "Total",
};
pub const SLOT: Tr = Tr {
    en: "slot",
    fr: "créneau",
};
pub const IF_NOW: Tr = Tr {
    en: "if started now, ends",
    fr: "si l’on commence maintenant, fin à",
};
pub const PRESS_START: Tr = Tr {
    en: "Press space to start the clock",
    fr: "Appuyez sur espace pour lancer le chrono",
};
/// Under "press space", on the start screen: how to give the people's names.
pub const PRESS_N: Tr = Tr {
    en: "N: type the people's names",
    fr: "N : saisir les prénoms",
};
pub const OVER: Tr = Tr {
    en: "Session over",
    fr: "Séance terminée",
};
pub const STOPPED: Tr = Tr {
    en: "Session stopped",
    fr: "Séance interrompue",
};
pub const PLANNED: Tr = Tr {
    en: "planned",
    fr: "prévu",
};
pub const ACTUAL: Tr = Tr {
    en: "actual",
    fr: "réel",
};
pub const SKIPPED: Tr = Tr {
    en: "skipped",
    fr: "sautée",
};
pub const TOO_SMALL: Tr = Tr {
    en: "Make the window larger",
    fr: "Agrandissez la fenêtre",
};
pub const QUIT_TITLE: Tr = Tr {
    en: "Quit the session?",
    fr: "Quitter la séance ?",
};
/// The quit dialog, when the log keeps timings, notes and captures.
pub const QUIT_KEEPS_ALL: Tr = Tr {
    en: "Timings, notes and captures so far are kept in the log.",
    fr: "Les temps, les notes et les phrases notées jusqu’ici restent dans le journal.",
};
/// The quit dialog, when the log keeps timings only.
pub const QUIT_KEEPS_TIMINGS: Tr = Tr {
    en: "Only the timings so far are kept, without notes.",
    fr: "Seuls les temps jusqu’ici sont gardés, sans les notes.",
};
/// The quit dialog, when the method keeps no log.
pub const QUIT_KEEPS_NOTHING: Tr = Tr {
    en: "Nothing is kept: this session writes no log.",
    fr: "Rien n’est gardé : cette séance n’écrit aucun journal.",
};
/// The quit dialog's keys.
pub const QUIT_KEYS: Tr = Tr {
    en: "y: quit   any other key: stay",
    fr: "o : quitter   autre touche : rester",
};
pub const HELP_TITLE: Tr = Tr {
    en: "Keys",
    fr: "Touches",
};
pub const HELP_CLOSE: Tr = Tr {
    en: "any key closes this help",
    fr: "une touche ferme cette aide",
};
pub const NOTE: Tr = Tr {
    en: "Note",
    fr: "Note",
};
pub const INPUT_KEYS: Tr = Tr {
    en: "enter: save · alt+enter: new line · the clock keeps running",
    fr: "entrée : enregistrer · alt+entrée : nouvelle ligne · le chrono continue",
};
pub const MUTED: Tr = Tr {
    en: "sound off",
    fr: "son coupé",
};
/// The line of a step where the group decides roles (`assign`).
pub const CHOOSE_ROLES: Tr = Tr {
    en: "Choose the roles",
    fr: "Choisissez les rôles",
};
/// What to press to choose the roles.
pub const PRESS_R: Tr = Tr {
    en: "press R (the clock keeps running)",
    fr: "touche R (le chrono continue)",
};
/// The projector's start screen, under the total and the end time.
pub const IF_STARTED_NOW: Tr = Tr {
    en: "end time if started now",
    fr: "heure de fin si l’on commence maintenant",
};
/// The projector's start screen, in large letters: "Total 1:00:00 · ends 15:02".
pub const ENDS_AT: Tr = Tr {
    en: "ends",
    fr: "fin à",
};
/// The operator's line on the projector's screens, which have no key bar.
pub const ALL_KEYS: Tr = Tr {
    en: "?: all the keys",
    fr: "? : toutes les touches",
};

/// The last row of a list cut short: how many more there are.
pub fn and_more(count: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("… and {count} more"),
        Lang::Fr if count > 1 => format!("… et {count} autres"),
        Lang::Fr => format!("… et {count} autre"),
    }
}
