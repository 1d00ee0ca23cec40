//! The one place that takes the terminal full-screen and gives it back.
//!
//! [`FullScreen::open`] enters raw mode and the alternate screen (through `ratatui::try_init`,
//! which also installs a panic hook that restores the terminal before the panic message is
//! printed); dropping the [`FullScreen`] restores it. So the terminal is given back on every way
//! out: a normal return, an early `?`, an error, a panic, and a signal (which every full-screen
//! loop receives through [`crate::ui::wakes`] and turns into a return).

use std::ops::{Deref, DerefMut};

/// The terminal, full-screen for as long as this value lives.
pub struct FullScreen {
    terminal: ratatui::DefaultTerminal,
}

impl FullScreen {
    /// Takes the terminal full-screen; on failure, gives back whatever part was taken.
    pub fn open() -> std::io::Result<FullScreen> {
        // Signals are caught before the terminal is taken: from now on, a SIGHUP or a SIGTERM
        // wakes a loop that gives the terminal back, instead of killing the program with the
        // terminal left raw.
        crate::ui::wakes::install();
        match ratatui::try_init() {
            Ok(terminal) => Ok(FullScreen { terminal }),
            Err(error) => {
                // Raw mode may have been entered before the failure; a failure to leave it
                // again changes nothing to what is told.
                let _ = ratatui::try_restore();
                Err(error)
            }
        }
    }
}

impl Deref for FullScreen {
    type Target = ratatui::DefaultTerminal;

    fn deref(&self) -> &Self::Target {
        &self.terminal
    }
}

impl DerefMut for FullScreen {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.terminal
    }
}

impl Drop for FullScreen {
    fn drop(&mut self) {
        // The frames are put on screen by a painter that hides the cursor behind ratatui's back:
        // it is shown again whoever hid it.
        let _ = self.terminal.show_cursor();
        ratatui::restore();
    }
}
