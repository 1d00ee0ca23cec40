//! What wakes the viewer: keys, the live folder's changes (inotify on Linux, else a look every
//! 100 ms), the end of the operator's program (a pidfd on Linux, else a look every 500 ms), and
//! the signals that end it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, SystemTime};

use crossterm::event::Event as TermEvent;

use crate::store::live;

/// What wakes the viewer.
pub(super) enum Wake {
    Terminal(TermEvent),
    /// The live folder changed.
    Changed,
    /// The followed program ended.
    Died(u32),
    Signal,
}

/// The keys, the live folder's changes and the signals, on one channel. Keys and signals come
/// from the process's one queue ([`crate::ui::wakes`]): a second reader of the terminal would
/// steal keys from it.
pub(super) fn spawn_wakers(dir: &Path) -> (Receiver<Wake>, Sender<Wake>) {
    let (sender, receiver) = mpsc::channel();
    let input = sender.clone();
    std::thread::spawn(move || {
        loop {
            let wake = match crate::ui::wakes::next(None) {
                crate::ui::wakes::Wake::Terminal(event) => Wake::Terminal(event),
                crate::ui::wakes::Wake::Signal | crate::ui::wakes::Wake::Closed => Wake::Signal,
                crate::ui::wakes::Wake::Timeout | crate::ui::wakes::Wake::Notice(_) => continue,
            };
            let last = matches!(wake, Wake::Signal);
            if input.send(wake).is_err() || last {
                break;
            }
        }
    });
    let changes = sender.clone();
    let folder = dir.to_owned();
    std::thread::spawn(move || watch_folder(&folder, &changes));
    (receiver, sender)
}

/// Sends [`Wake::Changed`] at each change of a `.json` file in `dir`: with inotify on Linux,
/// else by comparing the folder's files every 100 ms.
fn watch_folder(dir: &Path, changes: &Sender<Wake>) {
    #[cfg(target_os = "linux")]
    if inotify_loop(dir, changes) {
        return;
    }
    let mut last = folder_signature(dir);
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let now = folder_signature(dir);
        if now != last {
            last = now;
            if changes.send(Wake::Changed).is_err() {
                return;
            }
        }
    }
}

/// The `.json` files of `dir` with their length and time of change.
fn folder_signature(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    crate::store::files::files_with_extension(dir, "json")
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
            let modified = meta.and_then(|meta| meta.modified().ok());
            (path, len, modified)
        })
        .collect()
}

/// Blocks on inotify events in `dir`, sending a change for each `.json` name written, moved in
/// or removed; `false` when inotify cannot be used (then nothing was sent).
#[cfg(target_os = "linux")]
fn inotify_loop(dir: &Path, changes: &Sender<Wake>) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: plain system calls on a descriptor this function owns; the buffer outlives them.
    unsafe {
        let fd = libc::inotify_init1(libc::IN_CLOEXEC);
        if fd < 0 {
            return false;
        }
        let mask = libc::IN_CLOSE_WRITE | libc::IN_MOVED_TO | libc::IN_DELETE | libc::IN_MOVED_FROM;
        if libc::inotify_add_watch(fd, path.as_ptr(), mask) < 0 {
            libc::close(fd);
            return false;
        }
        let mut buffer = [0u8; 4096];
        loop {
            let read = libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len());
            if read <= 0 {
                libc::close(fd);
                return true;
            }
            let mut offset = 0usize;
            let mut relevant = false;
            let header = std::mem::size_of::<libc::inotify_event>();
            while offset + header <= read as usize {
                let event: libc::inotify_event =
                    std::ptr::read_unaligned(buffer.as_ptr().add(offset).cast());
                let name = &buffer[offset + header..offset + header + event.len as usize];
                let name = name.split(|byte| *byte == 0).next().unwrap_or_default();
                relevant |= name.ends_with(b".json");
                offset += header + event.len as usize;
            }
            if relevant && changes.send(Wake::Changed).is_err() {
                libc::close(fd);
                return true;
            }
        }
    }
}

/// Sends [`Wake::Died`] when the program `pid` ends: with a pidfd on Linux, else by looking
/// every 500 ms.
pub(super) fn spawn_death_watch(pid: u32, sender: Sender<Wake>) {
    std::thread::spawn(move || {
        #[cfg(target_os = "linux")]
        if wait_pidfd(pid) {
            let _ = sender.send(Wake::Died(pid));
            return;
        }
        while live::alive(pid) {
            std::thread::sleep(Duration::from_millis(500));
        }
        let _ = sender.send(Wake::Died(pid));
    });
}

/// Waits for the program `pid` to end on a pidfd; `false` when one cannot be opened.
#[cfg(target_os = "linux")]
fn wait_pidfd(pid: u32) -> bool {
    // SAFETY: pidfd_open and poll on a descriptor this function owns.
    unsafe {
        let fd = libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) as libc::c_int;
        if fd < 0 {
            return false;
        }
        let mut poll = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        loop {
            let ready = libc::poll(&mut poll, 1, -1);
            if ready > 0 {
                break;
            }
            if ready < 0
                && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
            {
                libc::close(fd);
                return false;
            }
        }
        libc::close(fd);
        true
    }
}
