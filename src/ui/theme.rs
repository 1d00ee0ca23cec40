//! The colours of the runner: calm, then warning, then overtime. The laptop's theme ([`THEME`])
//! keeps secondary text dark grey; the projector's ([`ROOM_THEME`]) has no dark grey at all, as a
//! projector in a lit room washes it out.

use ratatui::style::Color;

/// The colours every screen draws with.
pub struct Theme {
    /// A countdown with time to spare.
    pub calm: Color,
    /// The last minute of a countdown; the rules' banner; the rehearsal mark.
    pub warning: Color,
    /// A countdown past zero.
    pub overtime: Color,
    /// Silence and writing steps.
    pub quiet: Color,
    /// Ordinary text.
    pub text: Color,
    /// Secondary text.
    pub dim: Color,
    /// The text of a banner.
    pub banner_fg: Color,
    /// The background of a banner.
    pub banner_bg: Color,
    /// A step done.
    pub done: Color,
}

/// The runner's colours.
pub const THEME: Theme = Theme {
    calm: Color::Cyan,
    warning: Color::Yellow,
    overtime: Color::LightRed,
    quiet: Color::DarkGray,
    text: Color::Reset,
    dim: Color::DarkGray,
    banner_fg: Color::Black,
    banner_bg: Color::Yellow,
    done: Color::Green,
};

/// The projector's colours: high contrast, nothing dark grey.
pub const ROOM_THEME: Theme = Theme {
    calm: Color::Cyan,
    warning: Color::Yellow,
    overtime: Color::LightRed,
    quiet: Color::LightBlue,
    text: Color::Reset,
    dim: Color::Gray,
    banner_fg: Color::Black,
    banner_bg: Color::Yellow,
    done: Color::Green,
};

/// A colour of the laptop's theme as the projector's draws it: dark grey, which a projector
/// washes out, becomes the light grey of [`ROOM_THEME`]; other colours stay.
#[must_use]
pub fn for_room(color: Color) -> Color {
    match color {
        Color::DarkGray => ROOM_THEME.dim,
        other => other,
    }
}
