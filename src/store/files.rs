//! Files in one place: private folders and files, atomic writes, scanning a folder.
//!
//! Everything the program writes is private to its owner: the folders it creates are `0700`,
//! its files `0600` (on Unix). A folder that already exists keeps its mode: the user chose it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Creates a folder and its missing parents, each readable by its owner only. A folder that
/// already exists is left as it is (its mode is not changed, a link is not followed into a
/// change of mode).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates a new file readable by its owner only, open for writing; fails with
/// [`io::ErrorKind::AlreadyExists`] when there is one.
pub fn create_private_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Writes `contents` to `path` so that the file is either the old one or the whole new one,
/// never a half-written file: a private temporary file in the same folder is written, synced,
/// then renamed over `path`, and the folder is synced so that the rename lasts.
pub fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    if path.file_name().is_none() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: not a file name", path.display()),
        ));
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(contents.as_bytes())?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    sync_dir(dir);
    Ok(())
}

/// Makes the changes to a folder's entries durable; a folder that cannot be opened or synced is
/// not an error (some systems do not allow it).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The files of `dir` whose name ends in `.EXTENSION` (`toml`, `jsonl`), sorted by path; nothing
/// when the folder is missing or cannot be read.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension) && path.is_file())
        .collect();
    paths.sort();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[cfg(unix)]
    #[test]
    fn only_the_folders_it_creates_are_made_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        for existing_mode in [0o755, 0o2775] {
            let existing = dir.path().join(format!("existing-{existing_mode:o}"));
            fs::create_dir(&existing).unwrap();
            fs::set_permissions(&existing, fs::Permissions::from_mode(existing_mode)).unwrap();
            let created = existing.join("a/b");
            create_private_dir(&existing).unwrap();
            create_private_dir(&created).unwrap();
            assert_eq!(
                mode(&existing),
                existing_mode,
                "an existing folder keeps its mode"
            );
            assert_eq!(mode(&existing.join("a")) & 0o777, 0o700);
            assert_eq!(mode(&created) & 0o777, 0o700);
            drop(create_private_file(&created.join("f")).unwrap());
            assert_eq!(mode(&created.join("f")), 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_is_not_followed_into_a_change_of_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::create_dir(&target).unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o755)).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        create_private_dir(&link).unwrap();
        assert_eq!(mode(&target), 0o755);
    }

    #[test]
    fn an_atomic_write_replaces_the_whole_file_privately() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.md");
        write_atomically(&path, "first").unwrap();
        write_atomically(&path, "second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        assert!(write_atomically(&dir.path().join("missing/x.md"), "x").is_err());
    }

    #[test]
    fn a_scan_finds_the_files_of_one_extension_sorted() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.toml", "a.toml", "c.jsonl", "d.toml.bak"] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        fs::create_dir(dir.path().join("folder.toml")).unwrap();
        let names: Vec<_> = files_with_extension(dir.path(), "toml")
            .iter()
            .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.toml", "b.toml"]);
        assert!(files_with_extension(&dir.path().join("missing"), "toml").is_empty());
    }
}
