//! What wakes the full-screen loops: a key (or any terminal event) and the signals that ask the
//! program to stop (SIGHUP, SIGTERM, SIGINT).
//!
//! One thread reads the terminal and one waits for signals, for the whole life of the process:
//! a second reader would steal keys from the first, and a signal that came between two screens
//! would be lost. [`install`] starts them before the terminal is taken full-screen (so a signal
//! never finds the terminal raw with no one to give it back); every screen's loop then reads
//! from the same queue with [`next`].

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use crossterm::event::Event as TermEvent;

/// What woke a loop.
#[derive(Debug)]
pub enum Wake {
    /// A key, a resize, a paste...
    Terminal(TermEvent),
    /// SIGHUP, SIGTERM or SIGINT: the terminal is closing or the program is asked to stop.
    Signal,
    /// The time asked for passed with nothing else.
    Timeout,
    /// The terminal can no longer be read.
    Closed,
    /// A helper thread (a hook, a sound player) has something to tell the screen, once.
    Notice(crate::domain::lang::Bilingual),
}

static QUEUE: OnceLock<Mutex<Receiver<Wake>>> = OnceLock::new();
static SENDER: OnceLock<Sender<Wake>> = OnceLock::new();

/// Starts listening to signals and to the terminal, once per process.
pub fn install() {
    QUEUE.get_or_init(|| {
        let (sender, receiver) = mpsc::channel();
        let _ = SENDER.set(sender.clone());
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
            {
                let signal_sender = sender.clone();
                std::thread::spawn(move || {
                    for _ in signals.forever() {
                        if signal_sender.send(Wake::Signal).is_err() {
                            break;
                        }
                    }
                });
            }
        }
        std::thread::spawn(move || {
            loop {
                let wake = match crossterm::event::read() {
                    Ok(event) => Wake::Terminal(event),
                    Err(_) => Wake::Closed,
                };
                let closed = matches!(wake, Wake::Closed);
                if sender.send(wake).is_err() || closed {
                    break;
                }
            }
        });
        Mutex::new(receiver)
    });
}

/// A sender into the same queue, for helper threads whose news must wake the loop.
pub fn sender() -> Sender<Wake> {
    install();
    SENDER.get().expect("installed above").clone()
}

/// Waits for the next key or signal, at most `timeout` when one is given.
pub fn next(timeout: Option<Duration>) -> Wake {
    install();
    let queue = QUEUE.get().expect("installed above");
    // A loop that panicked while waiting leaves the queue as it was: it can still be read.
    let receiver = queue
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let received = match timeout {
        Some(timeout) => receiver.recv_timeout(timeout),
        None => receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
    };
    match received {
        Ok(wake) => wake,
        Err(RecvTimeoutError::Timeout) => Wake::Timeout,
        Err(RecvTimeoutError::Disconnected) => Wake::Closed,
    }
}

/// The error a screen before the session returns when a signal stops the program: the terminal
/// is given back and the program ends with a failure status.
pub fn signal_error(lang: crate::domain::lang::Lang) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::Interrupted,
        crate::domain::lang::Tr {
            en: "stopped by a signal",
            fr: "arrêté par un signal",
        }
        .get(lang),
    )
}
