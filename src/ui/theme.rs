//! The colours of the runner, chosen for a projector: calm, then warning, then overtime.

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
