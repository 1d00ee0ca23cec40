//! Sounds: the session's signals played as chimes through the platform's own audio player, or
//! the terminal bell (BEL) where there is none.
//!
//! The sounds are synthesised here as 16-bit PCM WAV data and written once to a private cache
//! folder; a player found on the PATH at start plays them (Linux: `pw-play`, `paplay`, `aplay`;
//! macOS: `afplay`; Windows: PowerShell's `Media.SoundPlayer`). No audio crate is used: its Linux
//! backend would need the ALSA headers at build time, which a fresh machine lacks. Each sound is
//! started and waited for in its own thread, so the event loop never waits for it. When no player
//! is found, or the first play fails (no audio server), the bell takes over.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::lang::Bilingual;
use crate::domain::session::Signal;

pub use crate::store::config::SoundChoice;

/// The sounds there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sound {
    /// A step's end: a clear, soft chime.
    Chime,
    /// A turn's end: a shorter chime.
    ShortChime,
    /// A silence's start or end: a singing bowl (low partials, slow decay).
    Bowl,
    /// The pre-warning before a step's end: a gentle double tone.
    Warning,
}

impl Sound {
    /// Every sound.
    pub const ALL: [Sound; 4] = [Sound::Chime, Sound::ShortChime, Sound::Bowl, Sound::Warning];

    /// The sound a signal asks for.
    pub fn of(signal: Signal) -> Sound {
        match signal {
            Signal::StepEnd => Sound::Chime,
            Signal::TurnEnd => Sound::ShortChime,
            Signal::QuietStart | Signal::QuietEnd => Sound::Bowl,
            Signal::Warning => Sound::Warning,
        }
    }

    /// Which sound wins when one wake-up brings several signals: a step's end first.
    fn rank(self) -> u8 {
        match self {
            Sound::Chime => 3,
            Sound::Bowl => 2,
            Sound::ShortChime => 1,
            Sound::Warning => 0,
        }
    }

    fn file_name(self) -> &'static str {
        match self {
            Sound::Chime => "chime.wav",
            Sound::ShortChime => "short-chime.wav",
            Sound::Bowl => "bowl.wav",
            Sound::Warning => "warning.wav",
        }
    }
}

/// The sound to play for the signals of one wake-up: the most important one.
pub fn sound_for(signals: &[Signal]) -> Option<Sound> {
    signals
        .iter()
        .map(|signal| Sound::of(*signal))
        .max_by_key(|sound| sound.rank())
}

/// The sample rate of the synthesised sounds.
pub const SAMPLE_RATE: u32 = 22_050;

/// A sum of decaying partials: (frequency in Hz, amplitude, decay time constant in seconds).
fn partials(seconds: f32, parts: &[(f32, f32, f32)], attack: f32) -> Vec<i16> {
    let count = (seconds * SAMPLE_RATE as f32) as usize;
    (0..count)
        .map(|index| {
            let t = index as f32 / SAMPLE_RATE as f32;
            let rise = (t / attack).min(1.0);
            // A short fade at the very end avoids a click.
            let fall = ((seconds - t) / 0.02).min(1.0);
            let value: f32 = parts
                .iter()
                .map(|(frequency, amplitude, decay)| {
                    amplitude
                        * (-t / decay).exp()
                        * (2.0 * std::f32::consts::PI * frequency * t).sin()
                })
                .sum();
            (value * rise * fall * i16::MAX as f32 * 0.5) as i16
        })
        .collect()
}

/// The samples of a sound.
pub fn samples(sound: Sound) -> Vec<i16> {
    match sound {
        Sound::Chime => partials(
            1.6,
            &[(880.0, 0.6, 0.5), (1318.5, 0.25, 0.35), (2637.0, 0.1, 0.15)],
            0.005,
        ),
        Sound::ShortChime => partials(0.5, &[(1046.5, 0.6, 0.15), (2093.0, 0.15, 0.08)], 0.005),
        Sound::Bowl => partials(
            4.0,
            &[
                (196.0, 0.5, 1.8),
                (196.0 * 2.76, 0.25, 1.2),
                (196.0 * 5.40, 0.1, 0.6),
                (197.5, 0.2, 1.8),
            ],
            0.03,
        ),
        Sound::Warning => {
            let mut first = partials(0.25, &[(659.3, 0.5, 0.12)], 0.01);
            first.extend(std::iter::repeat_n(0, (0.08 * SAMPLE_RATE as f32) as usize));
            first.extend(partials(0.35, &[(659.3, 0.5, 0.15)], 0.01));
            first
        }
    }
}

/// A mono 16-bit PCM WAV file of `samples`.
pub fn wav(samples: &[i16]) -> Vec<u8> {
    let data = (samples.len() * 2) as u32;
    let mut out = Vec::with_capacity(44 + data as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&SAMPLE_RATE.to_le_bytes());
    out.extend_from_slice(&(SAMPLE_RATE * 2).to_le_bytes()); // bytes per second
    out.extend_from_slice(&2u16.to_le_bytes()); // bytes per frame
    out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data.to_le_bytes());
    for sample in samples {
        out.extend_from_slice(&sample.to_le_bytes());
    }
    out
}

/// An audio player of the platform: the program and the arguments before the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    /// The program, as found on the PATH.
    pub program: PathBuf,
    /// What goes before the file's path.
    pub args: Vec<String>,
    /// Whether the file's path goes inside a PowerShell command rather than as an argument.
    pub powershell: bool,
}

/// The platform's players, in order of preference: (program, arguments before the file).
fn candidates() -> &'static [(&'static str, &'static [&'static str])] {
    if cfg!(target_os = "macos") {
        &[("afplay", &[])]
    } else if cfg!(windows) {
        &[(
            "powershell.exe",
            &["-NoProfile", "-NonInteractive", "-Command"],
        )]
    } else {
        &[("pw-play", &[]), ("paplay", &[]), ("aplay", &["-q"])]
    }
}

/// Finds the first of the platform's players in the folders of `path` (the PATH's value).
pub fn find_player(path: Option<&std::ffi::OsStr>) -> Option<Player> {
    let folders: Vec<PathBuf> = path.map(|path| std::env::split_paths(path).collect())?;
    candidates().iter().find_map(|(name, args)| {
        folders
            .iter()
            .map(|folder| folder.join(name))
            .find(|file| is_program(file))
            .map(|program| Player {
                program,
                args: args.iter().map(|arg| (*arg).to_owned()).collect(),
                powershell: cfg!(windows),
            })
    })
}

fn is_program(file: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.metadata()
            .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        file.is_file()
    }
}

/// What [`Sounder::play`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Played {
    /// Nothing (muted, no sound chosen, or no signal).
    Nothing,
    /// The terminal bell.
    Bell,
    /// A sound, through the player.
    Sound(Sound),
}

/// Plays the session's signals.
pub struct Sounder {
    choice: SoundChoice,
    player: Option<Player>,
    /// The cache folder holding the WAV files (removed when the sounder goes).
    cache: Option<tempfile::TempDir>,
    /// Set once a play failed: the bell takes over.
    failed: Arc<AtomicBool>,
    report: Arc<dyn Fn(Bilingual) + Send + Sync>,
}

/// Said once when sounds fall back to the bell.
pub fn bell_notice() -> Bilingual {
    Bilingual::new(
        "No audio player found: the terminal bell will ring instead",
        "Aucun lecteur audio trouvé : la sonnerie du terminal le remplace",
    )
}

impl Sounder {
    /// A sounder for `choice`, playing through `player` (see [`find_player`]); `report` is
    /// called once, from another thread, if playing fails later. When chimes are chosen but
    /// cannot be played, the second value says why, to show on the start screen.
    pub fn new(
        choice: SoundChoice,
        player: Option<Player>,
        report: impl Fn(Bilingual) + Send + Sync + 'static,
    ) -> (Sounder, Option<Bilingual>) {
        let mut sounder = Sounder {
            choice,
            player: None,
            cache: None,
            failed: Arc::new(AtomicBool::new(false)),
            report: Arc::new(report),
        };
        if choice != SoundChoice::Chime {
            return (sounder, None);
        }
        let cache = player.as_ref().and_then(|_| write_cache().ok());
        match (player, cache) {
            (Some(player), Some(cache)) => {
                sounder.player = Some(player);
                sounder.cache = Some(cache);
                (sounder, None)
            }
            _ => (sounder, Some(bell_notice())),
        }
    }

    /// Makes the signals of one wake-up heard, unless `muted`: one sound, the most important;
    /// the bell is written to `terminal` where sounds cannot be played. Never waits for a sound.
    pub fn play(
        &self,
        signals: &[Signal],
        muted: bool,
        terminal: &mut dyn Write,
    ) -> std::io::Result<Played> {
        let Some(sound) = sound_for(signals) else {
            return Ok(Played::Nothing);
        };
        if muted || self.choice == SoundChoice::None {
            return Ok(Played::Nothing);
        }
        match (&self.player, &self.cache) {
            (Some(player), Some(cache)) if !self.failed.load(Ordering::Relaxed) => {
                let file = cache.path().join(sound.file_name());
                self.spawn(player.clone(), file);
                Ok(Played::Sound(sound))
            }
            _ => {
                terminal.write_all(b"\x07")?;
                terminal.flush()?;
                Ok(Played::Bell)
            }
        }
    }

    /// Plays `file` in a thread of its own; a failure turns the bell on, said once.
    fn spawn(&self, player: Player, file: PathBuf) {
        let failed = Arc::clone(&self.failed);
        let report = Arc::clone(&self.report);
        std::thread::spawn(move || {
            let mut command = Command::new(&player.program);
            command.args(&player.args);
            if player.powershell {
                let quoted = file.display().to_string().replace('\'', "''");
                command.arg(format!(
                    "(New-Object Media.SoundPlayer '{quoted}').PlaySync()"
                ));
            } else {
                command.arg(&file);
            }
            let status = command
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            if !status.is_ok_and(|status| status.success()) && !failed.swap(true, Ordering::Relaxed)
            {
                report(Bilingual::new(
                    "The sound cannot be played (no audio device?): the terminal bell will ring instead",
                    "Le son ne peut pas être joué (pas de sortie audio ?) : la sonnerie du terminal le remplace",
                ));
            }
        });
    }
}

/// Writes every sound to a new private cache folder.
fn write_cache() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new()
        .prefix("intervision-sounds-")
        .tempdir()?;
    for sound in Sound::ALL {
        std::fs::write(dir.path().join(sound.file_name()), wav(&samples(sound)))?;
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sound_is_a_valid_wav_of_its_length() {
        for (sound, seconds) in [
            (Sound::Chime, 1.6),
            (Sound::ShortChime, 0.5),
            (Sound::Bowl, 4.0),
            (Sound::Warning, 0.68),
        ] {
            let data = wav(&samples(sound));
            assert_eq!(&data[0..4], b"RIFF");
            let riff = u32::from_le_bytes(data[4..8].try_into().unwrap()) as usize;
            assert_eq!(riff, data.len() - 8);
            assert_eq!(&data[8..16], b"WAVEfmt ");
            assert_eq!(u16::from_le_bytes([data[20], data[21]]), 1, "PCM");
            assert_eq!(u16::from_le_bytes([data[22], data[23]]), 1, "mono");
            assert_eq!(
                u32::from_le_bytes(data[24..28].try_into().unwrap()),
                SAMPLE_RATE
            );
            assert_eq!(u16::from_le_bytes([data[34], data[35]]), 16, "16 bits");
            assert_eq!(&data[36..40], b"data");
            let size = u32::from_le_bytes(data[40..44].try_into().unwrap()) as usize;
            assert_eq!(size, data.len() - 44);
            let length = size as f32 / 2.0 / SAMPLE_RATE as f32;
            assert!((length - seconds).abs() < 0.01, "{sound:?}: {length} s");
            let peak = samples(sound)
                .iter()
                .map(|s| s.unsigned_abs())
                .max()
                .unwrap();
            assert!(
                peak > 3000 && peak < i16::MAX as u16,
                "{sound:?}: peak {peak}"
            );
        }
    }

    #[test]
    fn without_a_player_the_bell_rings_and_says_so() {
        let (sounder, notice) = Sounder::new(SoundChoice::Chime, None, |_| {});
        assert!(
            notice
                .unwrap()
                .get(crate::domain::lang::Lang::Fr)
                .contains("sonnerie")
        );
        let mut terminal = Vec::new();
        let played = sounder
            .play(&[Signal::StepEnd], false, &mut terminal)
            .unwrap();
        assert_eq!((played, terminal.as_slice()), (Played::Bell, &b"\x07"[..]));
        let mut terminal = Vec::new();
        assert_eq!(
            sounder
                .play(&[Signal::StepEnd], true, &mut terminal)
                .unwrap(),
            Played::Nothing,
            "muted"
        );
        assert!(terminal.is_empty());
        assert_eq!(find_player(Some(std::ffi::OsStr::new(""))), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_player_plays_and_a_failing_one_hands_over_to_the_bell() {
        let (sender, receiver) = std::sync::mpsc::channel();
        let player = Player {
            program: PathBuf::from("false"),
            args: Vec::new(),
            powershell: false,
        };
        let (sounder, notice) = Sounder::new(SoundChoice::Chime, Some(player), move |problem| {
            let _ = sender.send(problem);
        });
        assert!(notice.is_none());
        let mut terminal = Vec::new();
        let played = sounder
            .play(&[Signal::Warning, Signal::StepEnd], false, &mut terminal)
            .unwrap();
        assert_eq!(played, Played::Sound(Sound::Chime), "the step's end wins");
        let problem = receiver
            .recv_timeout(std::time::Duration::from_secs(5))
            .unwrap();
        assert!(problem.get(crate::domain::lang::Lang::En).contains("bell"));
        let played = sounder
            .play(&[Signal::TurnEnd], false, &mut terminal)
            .unwrap();
        assert_eq!(played, Played::Bell);
        assert!(receiver.try_recv().is_err(), "said once");
    }
}
