//! Files the program creates for a person: reports, backups, the TUI's
//! exports. One way for all of them (SPEC section 8, "The shared server"):
//!
//! - the content goes to a new temporary file with a random name in the
//!   target folder, created exclusively (`O_CREAT|O_EXCL`, so never through a
//!   symbolic link) with mode 0600 — a predictable name such as
//!   `.<name>.<pid>.tmp` let another user plant symbolic links for the coming
//!   process ids and have the program write over their targets;
//! - it is flushed to disk, then renamed into place, never over an existing
//!   file unless the person asked ([`Replace::Asked`], `--force`), and never
//!   over a symbolic link even then (a rename replaces the link itself and
//!   writes nothing through it, but a link there is a trap or a mistake);
//! - no folder is ever created: a missing folder is an error that says so
//!   (`report --out` once created a directory where the database's `-wal`
//!   file goes).

use crate::i18n::Lang;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// May the new file take the place of an existing one?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Never (backups): an existing file is an error.
    Never,
    /// Not this time, but the command replaces it with `--force`; the
    /// refusal says so.
    NotAsked,
    /// The person asked (`--force`): an existing regular file is replaced.
    Asked,
}

/// Why a file could not be created. Each names the file as given.
#[derive(Debug, thiserror::Error)]
pub enum OutFileError {
    #[error("{}: the folder does not exist (danhgia creates no folders)", .0.display())]
    NoFolder(PathBuf),
    #[error("{}: what should be its folder is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("{}: a file of that name exists", path.display())]
    Exists { path: PathBuf, force: bool },
    #[error("{}: is a symbolic link; it is never followed or replaced", .0.display())]
    Symlink(PathBuf),
    #[error("{}: is a folder", .0.display())]
    IsFolder(PathBuf),
    #[error("{}: permission denied", .0.display())]
    Denied(PathBuf),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl OutFileError {
    /// The refusal for a person, in their language.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("Could not write {self}"),
            Lang::Vi => match self {
                OutFileError::NoFolder(p) => format!(
                    "Không ghi được {}: thư mục không tồn tại (danhgia không tự tạo thư mục)",
                    p.display()
                ),
                OutFileError::NotAFolder(p) => format!(
                    "Không ghi được {}: nơi chứa tệp không phải là thư mục",
                    p.display()
                ),
                OutFileError::Exists { path, force: true } => format!(
                    "Không ghi được {}: đã có tệp này (dùng --force để ghi đè)",
                    path.display()
                ),
                OutFileError::Exists { path, force: false } => format!(
                    "Không ghi được {}: đã có tệp này (không ghi đè; hãy chọn tên khác)",
                    path.display()
                ),
                OutFileError::Symlink(p) => format!(
                    "Không ghi được {}: đây là liên kết tượng trưng (symlink); danhgia không ghi qua hay thay nó",
                    p.display()
                ),
                OutFileError::IsFolder(p) => {
                    format!("Không ghi được {}: đây là một thư mục", p.display())
                }
                OutFileError::Denied(p) => {
                    format!("Không ghi được {}: không có quyền", p.display())
                }
                OutFileError::Io { path, source } => {
                    format!("Không ghi được {}: {source}", path.display())
                }
            },
        }
    }
}

/// Writes `bytes` as the new file `path` (module docs).
pub fn write(path: &Path, bytes: &[u8], replace: Replace) -> Result<(), OutFileError> {
    create(path, replace, |file, _| {
        file.write_all(bytes).map_err(|source| OutFileError::Io {
            path: path.to_owned(),
            source,
        })
    })
}

/// Refuses early what [`create`] would refuse at its end: a symbolic link,
/// a folder or (unless asked) a file at `path`, a missing folder. Saves
/// work that would be thrown away; the rename stays the real guard.
pub fn check(path: &Path, replace: Replace) -> Result<(), OutFileError> {
    let Some(_) = path.file_name() else {
        return Err(OutFileError::IsFolder(path.to_owned()));
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(OutFileError::Symlink(path.to_owned()));
        }
        Ok(m) if m.is_dir() => return Err(OutFileError::IsFolder(path.to_owned())),
        Ok(_) if replace != Replace::Asked => {
            return Err(OutFileError::Exists {
                path: path.to_owned(),
                force: replace == Replace::NotAsked,
            });
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(classify(path, e)),
    }
    match std::fs::metadata(folder(path)) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(OutFileError::NotAFolder(path.to_owned())),
        Err(e) => Err(classify(path, e)),
    }
}

/// Creates `path` with what `fill` writes into a new temporary file beside
/// it (given open, and by its path for writers that open it themselves,
/// such as SQLite's backup), then flushes it and renames it into place
/// (module docs). On any error the temporary file is removed.
pub fn create<E: From<OutFileError>>(
    path: &Path,
    replace: Replace,
    fill: impl FnOnce(&mut File, &Path) -> Result<(), E>,
) -> Result<(), E> {
    check(path, replace)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Random name, O_EXCL, mode 0600 (tempfile's defaults on Unix).
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder(path))
        .map_err(|e| classify(path, e))?;
    let tmp_path = tmp.path().to_owned();
    fill(tmp.as_file_mut(), &tmp_path)?;
    tmp.as_file()
        .sync_all()
        .map_err(|source| OutFileError::Io {
            path: path.to_owned(),
            source,
        })?;
    let persisted = match replace {
        Replace::Never | Replace::NotAsked => tmp.persist_noclobber(path),
        Replace::Asked => {
            // Looked at again just before the rename: a link put there since
            // `check` is refused too (and a rename would replace the link
            // itself, never write through it).
            match std::fs::symlink_metadata(path) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(OutFileError::Symlink(path.to_owned()).into());
                }
                Ok(m) if m.is_dir() => return Err(OutFileError::IsFolder(path.to_owned()).into()),
                _ => tmp.persist(path),
            }
        }
    };
    if let Err(e) = persisted {
        // Dropping the error's file removes the temporary file.
        let err = if e.error.kind() == io::ErrorKind::AlreadyExists {
            match std::fs::symlink_metadata(path) {
                Ok(m) if m.file_type().is_symlink() => OutFileError::Symlink(path.to_owned()),
                _ => OutFileError::Exists {
                    path: path.to_owned(),
                    force: replace == Replace::NotAsked,
                },
            }
        } else {
            classify(path, e.error)
        };
        return Err(err.into());
    }
    // The new name on disk too (best effort: some file systems refuse to
    // sync a folder).
    if let Ok(dir) = File::open(folder(path)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The folder `path` goes in (`.` for a bare name).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The real cause of an I/O error about `path` or its folder.
fn classify(path: &Path, e: io::Error) -> OutFileError {
    let path = path.to_owned();
    match e.kind() {
        io::ErrorKind::NotFound => OutFileError::NoFolder(path),
        io::ErrorKind::NotADirectory => OutFileError::NotAFolder(path),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            OutFileError::Denied(path)
        }
        io::ErrorKind::IsADirectory => OutFileError::IsFolder(path),
        _ => OutFileError::Io { path, source: e },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_file_is_written_whole_with_mode_0600_and_no_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.md");
        write(&out, b"hello", Replace::Never).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"hello");
        assert_eq!(mode(&out), 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_existing_file_is_kept_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.md");
        std::fs::write(&out, b"old").unwrap();
        let e = write(&out, b"new", Replace::NotAsked).unwrap_err();
        assert!(matches!(e, OutFileError::Exists { force: true, .. }), "{e}");
        assert!(e.text(Lang::Vi).contains("--force"));
        let e = write(&out, b"new", Replace::Never).unwrap_err();
        assert!(!e.text(Lang::Vi).contains("--force"));
        assert_eq!(std::fs::read(&out).unwrap(), b"old");
        write(&out, b"new", Replace::Asked).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        assert_eq!(mode(&out), 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_symbolic_link_is_never_followed_or_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        std::fs::write(&target, b"precious").unwrap();
        let out = dir.path().join("r.md");
        symlink(&target, &out).unwrap();
        let dangling = dir.path().join("d.md");
        symlink(dir.path().join("nowhere"), &dangling).unwrap();
        for replace in [Replace::Never, Replace::NotAsked, Replace::Asked] {
            let e = write(&out, b"x", replace).unwrap_err();
            assert!(matches!(e, OutFileError::Symlink(_)), "{e}");
            let e = write(&dangling, b"x", replace).unwrap_err();
            assert!(matches!(e, OutFileError::Symlink(_)), "{e}");
        }
        assert_eq!(std::fs::read(&target).unwrap(), b"precious");
        assert!(std::fs::symlink_metadata(&out).unwrap().is_symlink());
        assert!(!dir.path().join("nowhere").exists());
    }

    #[test]
    fn a_missing_folder_is_an_error_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("no").join("such").join("r.md");
        let e = write(&out, b"x", Replace::Asked).unwrap_err();
        assert!(matches!(e, OutFileError::NoFolder(_)), "{e}");
        assert!(e.text(Lang::Vi).contains("thư mục không tồn tại"));
        assert!(!dir.path().join("no").exists());
        // A file where the folder should be (a database's -wal file).
        let wal = dir.path().join("danhgia.db-wal");
        std::fs::write(&wal, b"").unwrap();
        let e = write(&wal.join("x.md"), b"x", Replace::Never).unwrap_err();
        assert!(matches!(e, OutFileError::NotAFolder(_)), "{e}");
        assert!(wal.is_file());
    }

    #[test]
    fn a_failed_fill_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.md");
        let r: Result<(), OutFileError> = create(&out, Replace::Never, |f, _| {
            f.write_all(b"half").unwrap();
            Err(OutFileError::Denied(out.clone()))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
