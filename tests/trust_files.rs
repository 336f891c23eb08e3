#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Files danhgia creates on a shared server (SPEC section 8, "The shared
//! server"; the real binary): reports and backups are created new, through
//! a random temporary name in the target folder, never through or over a
//! symbolic link, never over an existing file unless `--force` (reports
//! only), never in a folder that does not exist (none is created), mode 0600
//! whatever the umask; a backup is in rollback-journal mode, so it opens
//! read-only anywhere.

mod trust_common;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use trust_common::*;

/// An office database in `dir` (the process's own login is its admin).
fn office_db(dir: &Path) -> PathBuf {
    let db = dir.join("office.db");
    office(&db, 0, 2);
    db
}

fn report(db: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["report", "04", "--quarter", "2025-Q3", "--out"];
    let out = out.to_str().unwrap();
    args.push(out);
    args.extend_from_slice(extra);
    run(db, &args)
}

fn backup(db: &Path, to: &Path) -> Output {
    run(db, &["backup", to.to_str().unwrap()])
}

fn refused(out: &Output, needle: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(needle), "«{needle}» not in: {err}");
    err
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_symbolic_link_at_the_destination_is_refused_and_its_target_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = office_db(dir.path());
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let out = dir.path().join("r.md");
    symlink(&victim, &out).unwrap();
    // A dangling link: following it would create its target.
    let dangling = dir.path().join("d.md");
    let nowhere = dir.path().join("nowhere.md");
    symlink(&nowhere, &dangling).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        refused(&report(&db, &out, extra), "symlink");
        refused(&report(&db, &dangling, extra), "symlink");
    }
    let copy = dir.path().join("copy.db");
    symlink(&victim, &copy).unwrap();
    refused(&backup(&db, &copy), "symlink");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::symlink_metadata(&out).unwrap().is_symlink());
    assert!(std::fs::symlink_metadata(&copy).unwrap().is_symlink());
    assert!(!nowhere.exists());
    sound(&db);
}

#[test]
fn symbolic_links_planted_at_the_old_temporary_names_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = office_db(dir.path());
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // The next process ids (others start processes too: a wide range).
    let next = std::process::Command::new("true").spawn().unwrap().id();
    let out = dir.path().join("r.md");
    let copy = dir.path().join("copy.db");
    for pid in next..next + 2_000 {
        for name in ["r.md", "copy.db"] {
            symlink(&victim, dir.path().join(format!(".{name}.{pid}.tmp"))).unwrap();
        }
    }
    let before = listing(dir.path());
    assert!(report(&db, &out, &[]).status.success());
    assert!(backup(&db, &copy).status.success());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::read_to_string(&out).unwrap().contains("04"));
    assert_eq!(integrity(&copy), "ok");
    // Exactly the two new files, no temporary file left.
    let mut after = listing(dir.path());
    after.retain(|n| n != "r.md" && n != "copy.db");
    assert_eq!(after, before);
}

#[test]
fn an_existing_file_is_kept_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = office_db(dir.path());
    let out = dir.path().join("r.md");
    std::fs::write(&out, "mine").unwrap();
    refused(&report(&db, &out, &[]), "--force");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    assert!(report(&db, &out, &["--force"]).status.success());
    assert!(std::fs::read_to_string(&out).unwrap().contains("04"));
    assert_eq!(mode(&out), 0o600);
    // A backup never overwrites.
    let copy = dir.path().join("copy.db");
    std::fs::write(&copy, "mine").unwrap();
    let err = refused(&backup(&db, &copy), "đã có tệp này");
    assert!(!err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), "mine");
    let left = listing(dir.path());
    assert!(!left.iter().any(|n| n.ends_with(".tmp")), "{left:?}");
}

#[test]
fn a_missing_folder_is_an_error_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = office_db(dir.path());
    let before = listing(dir.path());
    let missing = dir.path().join("no").join("such");
    refused(
        &report(&db, &missing.join("r.md"), &[]),
        "thư mục không tồn tại",
    );
    refused(
        &backup(&db, &missing.join("copy.db")),
        "thư mục không tồn tại",
    );
    // Where the database's write-ahead log goes: no folder made there.
    let wal = dir.path().join("office.db-wal");
    let wal_was = wal.exists();
    refused(
        &report(&db, &wal.join("x.md"), &[]),
        "không phải là thư mục",
    );
    assert!(!dir.path().join("no").exists());
    assert!(!wal.is_dir());
    assert_eq!(wal.exists(), wal_was);
    assert_eq!(listing(dir.path()), before);
}

#[test]
fn reports_and_backups_are_mode_0600_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let db = office_db(dir.path());
    let with_umask_0 = |args: &[&str]| {
        let mut c = bin();
        c.arg("--db").arg(&db).args(args);
        // SAFETY: umask is async-signal-safe and touches only the child.
        unsafe {
            c.pre_exec(|| {
                libc::umask(0);
                Ok(())
            });
        }
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    for name in ["r.md", "r.csv", "r.xlsx"] {
        let out = dir.path().join(name);
        let out = out.to_str().unwrap();
        with_umask_0(&["report", "04", "--quarter", "2025-Q3", "--out", out]);
        with_umask_0(&[
            "report",
            "04",
            "--quarter",
            "2025-Q3",
            "--out",
            out,
            "--force",
        ]);
        assert_eq!(mode(Path::new(out)), 0o600, "{out}");
    }
    let copy = dir.path().join("copy.db");
    with_umask_0(&["backup", copy.to_str().unwrap()]);
    assert_eq!(mode(&copy), 0o600);
}

/// The backup is in rollback-journal mode: it opens read-only, in a folder
/// nobody may write, with no `-wal` or `-shm` beside it, and `danhgia audit
/// verify` finds it intact there. Root ignores permissions, so as root the
/// binary runs as `nobody` (if there is no such account, only the journal
/// mode and the read-only open are checked).
#[test]
fn a_backup_opens_read_only_in_a_read_only_folder() {
    use rusqlite::{Connection, OpenFlags};
    let dir = tempfile::tempdir().unwrap();
    let db = office_db(dir.path());
    let nobody = if nix::unistd::geteuid().is_root() {
        nix::unistd::User::from_name("nobody").ok().flatten()
    } else {
        None
    };
    if let Some(u) = &nobody {
        service(&db, &danhgia::service::os_login())
            .grant("admin", &u.name)
            .unwrap();
    }
    let entries = sound(&db);
    let shelf = dir.path().join("shelf");
    std::fs::create_dir(&shelf).unwrap();
    let copy = shelf.join("copy.db");
    assert!(backup(&db, &copy).status.success());
    assert_eq!(listing(&shelf), ["copy.db"]);
    if let Some(u) = &nobody {
        std::os::unix::fs::chown(&copy, Some(u.uid.as_raw()), Some(u.gid.as_raw())).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Kept as backups are kept: a read-only file in a read-only folder.
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o400)).unwrap();
    std::fs::set_permissions(&shelf, std::fs::Permissions::from_mode(0o555)).unwrap();
    let c = Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let n: i64 = c
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert!(n > 0);
    drop(c);
    let mut verify = bin();
    verify
        .args(["--lang", "en", "--db"])
        .arg(&copy)
        .args(["audit", "verify"]);
    if let Some(u) = &nobody {
        verify.uid(u.uid.as_raw()).gid(u.gid.as_raw());
    }
    let out = verify.output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The copy has what the database had then, the backup's own entry
    // being written after the copy.
    assert!(said.contains(&format!(": {entries} ")), "{said}");
    assert_eq!(listing(&shelf), ["copy.db"], "nothing written beside it");
    std::fs::set_permissions(&shelf, std::fs::Permissions::from_mode(0o755)).unwrap();
}
