//! The lock on a live journal: the process running a session holds an advisory lock on its
//! journal's file (`flock` on Unix, through `fs4`) for as long as the session runs. The system
//! drops it when the process ends, however it ends (a SIGKILL included), so a lock never
//! outlives its session and nothing has to be cleaned up.

use std::fs::File;
use std::path::Path;

use crate::domain::lang::Bilingual;

/// Takes the lock on a journal being written; a system that has no such locks (some network
/// folders) runs the session unlocked rather than not at all.
pub(super) fn lock(file: &File) {
    let _ = try_lock(file);
}

/// Takes the lock on `file` if no one holds it.
pub(super) fn try_lock(file: &File) -> Result<(), fs4::TryLockError> {
    fs4::FileExt::try_lock(file)
}

/// Whether the journal at `path` belongs to a session running now, in this process or another
/// one: its lock is held. A journal that cannot be opened is not live.
pub fn is_live(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    // Taking the lock to see whether it is free: it is let go when `file` is closed.
    matches!(
        fs4::FileExt::try_lock_shared(&file),
        Err(fs4::TryLockError::WouldBlock)
    )
}

/// The message for a journal whose session is running in another window.
pub fn running_elsewhere(path: &Path) -> Bilingual {
    Bilingual::new(
        format!(
            "{}: this session is running now, in another window or terminal; finish it there first",
            path.display()
        ),
        format!(
            "{} : cette séance est en cours, dans une autre fenêtre ou un autre terminal ; terminez-la d'abord là-bas",
            path.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_journal_is_live_until_its_file_is_closed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.jsonl");
        std::fs::write(&path, "{}\n").unwrap();
        assert!(!is_live(&path));
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        lock(&file);
        assert!(is_live(&path), "a held lock makes the journal live");
        drop(file);
        assert!(!is_live(&path), "the lock goes with the file");
        assert!(!is_live(&dir.path().join("missing.jsonl")));
    }
}
