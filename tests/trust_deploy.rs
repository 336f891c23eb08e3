#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The shared server, attacked (SPEC section 8, "The shared server";
//! docs/DEPLOY.md). The test installs danhgia with `deploy/install.sh` —
//! the script DEPLOY.md tells an admin to run — into a folder of its own:
//! a setgid copy of the real binary (group 64242, a number no account
//! needs), the data folder, the backups folder and the cron line. Then it
//! runs every attack found on such a server as unprivileged accounts
//! (uid 64243 is the office's first admin, uid 64244 a plain staff account;
//! `Command::uid/gid` drop root's groups too), and checks each is refused
//! and the live database unchanged.
//!
//! A positive control comes first: the same install lets the admin's
//! legitimate write through the setgid group. Without it a `nosuid` mount
//! or a locked-down container would make every refusal pass for the wrong
//! reason.
//!
//! The copy reads its system config from the test's own file: the 24 bytes
//! of `/etc/danhgia/config.toml` in the binary are rewritten to a path of
//! the same length (`config::SYSTEM_CONFIG` says so). Nothing else of the
//! binary changes.
//!
//! It needs root (CI runs as root). Elsewhere it says SKIPPED and checks
//! nothing — but under `CI=true` it fails instead, so that CI never passes
//! it without running it.

mod trust_common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use trust_common::fingerprint;

/// The group the binary is setgid to and that owns the database.
const GROUP: u32 = 64242;
/// The office's first admin (an HR officer's account).
const ADMIN: u32 = 64243;
/// A plain staff account: the attacker.
const STAFF: u32 = 64244;

/// An installation made by `deploy/install.sh`.
struct Install {
    /// Everything but the system config lives under here.
    root: tempfile::TempDir,
    /// The system config's folder: `/tmp/dXXXXXX`, so that its
    /// `config.toml` is 24 bytes long like `/etc/danhgia/config.toml`.
    _conf: tempfile::TempDir,
    bin: PathBuf,
    data: PathBuf,
    db: PathBuf,
    backups: PathBuf,
    cron: PathBuf,
}

impl Install {
    fn home(&self, uid: u32) -> PathBuf {
        match uid {
            0 => self.root.path().to_owned(),
            _ => self.root.path().join("home").join(uid.to_string()),
        }
    }

    /// The real binary, run as `uid` from their home, with a clean
    /// environment (their HOME, nothing else of ours).
    fn run(&self, uid: u32, args: &[&str], env: &[(&str, &str)]) -> Output {
        let home = self.home(uid);
        let mut c = Command::new(&self.bin);
        c.args(args)
            .env_clear()
            .env("HOME", &home)
            .env("PATH", "/usr/bin:/bin")
            .envs(env.iter().copied())
            .current_dir(&home);
        if uid != 0 {
            c.uid(uid).gid(uid);
        }
        c.output().unwrap()
    }

    /// Runs and expects success.
    fn ok(&self, uid: u32, args: &[&str]) -> String {
        let out = self.run(uid, args, &[]);
        assert!(
            out.status.success(),
            "uid {uid} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs and expects a refusal (exit 1); its message.
    fn refused(&self, uid: u32, args: &[&str], env: &[(&str, &str)], attack: &str) -> String {
        let out = self.run(uid, args, env);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{attack}: uid {uid} {args:?} was not refused: {}{err}",
            String::from_utf8_lossy(&out.stdout)
        );
        err
    }

    /// The names in the data folder.
    fn data_files(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.data)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// The database, its `-wal` and `-shm`: plain files of root and the
    /// group, 0660 — nobody else owns a piece of it.
    fn layout_holds(&self, when: &str) {
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", self.db.display()));
            let m = std::fs::symlink_metadata(&p)
                .unwrap_or_else(|e| panic!("{when}: {}: {e}", p.display()));
            assert!(
                m.file_type().is_file(),
                "{when}: {} is not a file",
                p.display()
            );
            assert_eq!(
                (m.uid(), m.gid()),
                (0, GROUP),
                "{when}: owner of {}",
                p.display()
            );
            assert_eq!(m.mode() & 0o777, 0o660, "{when}: mode of {}", p.display());
        }
        let d = std::fs::metadata(&self.data).unwrap();
        assert_eq!(
            (d.uid(), d.mode() & 0o777),
            (0, 0o755),
            "{when}: the data folder"
        );
    }
}

/// A folder under which an unprivileged account can reach files and a
/// setgid binary keeps its group: `target/tmp` if every folder above it
/// lets others through, else `/var/tmp` or `/tmp`.
fn install_base() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")),
        PathBuf::from("/var/tmp"),
        PathBuf::from("/tmp"),
    ];
    candidates.into_iter().find(|c| {
        std::fs::create_dir_all(c).is_ok()
            && c.ancestors()
                .all(|a| std::fs::metadata(a).is_ok_and(|m| m.mode() & 0o001 != 0))
            && nix::sys::statvfs::statvfs(c.as_path())
                .is_ok_and(|s| !s.flags().contains(nix::sys::statvfs::FsFlags::ST_NOSUID))
    })
}

/// The real binary with its system config path rewritten to `conf` (24
/// bytes, like `/etc/danhgia/config.toml`).
fn patched_binary(to: &Path, conf: &Path) {
    let original = b"/etc/danhgia/config.toml";
    let new = conf.as_os_str().as_encoded_bytes();
    assert_eq!(new.len(), original.len(), "{}", conf.display());
    let mut bytes = std::fs::read(env!("CARGO_BIN_EXE_danhgia")).unwrap();
    let mut found = 0;
    let mut i = 0;
    while let Some(at) = bytes[i..]
        .windows(original.len())
        .position(|w| w == original)
    {
        let at = i + at;
        bytes[at..at + original.len()].copy_from_slice(new);
        found += 1;
        i = at + original.len();
    }
    assert!(
        found > 0,
        "the binary does not hold /etc/danhgia/config.toml"
    );
    std::fs::write(to, bytes).unwrap();
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Installs as docs/DEPLOY.md says, with `deploy/install.sh`.
fn install() -> Option<Install> {
    let ci = std::env::var_os("CI").is_some_and(|v| v == "true");
    let cannot = |why: String| -> Option<Install> {
        assert!(!ci, "the deployment test must run in CI: {why}");
        eprintln!("SKIPPED: {why}");
        None
    };
    if !nix::unistd::geteuid().is_root() {
        return cannot("not root: cannot install a setgid binary or run as other accounts".into());
    }
    let Some(base) = install_base() else {
        return cannot("no folder that other accounts can reach and that honours setgid".into());
    };
    let root = tempfile::Builder::new()
        .prefix("deploy-")
        .tempdir_in(&base)
        .unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let conf = tempfile::Builder::new()
        .prefix("d")
        .rand_bytes(6)
        .tempdir_in("/tmp")
        .unwrap();
    let conf_file = conf.path().join("config.toml");
    let staged = root.path().join("danhgia.built");
    patched_binary(&staged, &conf_file);
    for uid in [ADMIN, STAFF] {
        let home = root.path().join("home").join(uid.to_string());
        std::fs::create_dir_all(&home).unwrap();
        std::os::unix::fs::chown(&home, Some(uid), Some(uid)).unwrap();
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    std::fs::set_permissions(
        root.path().join("home"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let r = root.path();
    let out = Command::new("sh")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/install.sh"))
        .env("FIRST_ADMIN", format!("uid:{ADMIN}"))
        .env("GROUP", GROUP.to_string())
        .env("BIN", &staged)
        .env("PREFIX", r.join("usr"))
        .env("CONF_DIR", conf.path())
        .env("DATA_DIR", r.join("var/lib/danhgia"))
        .env("BACKUP_DIR", r.join("var/backups/danhgia"))
        .env("CRON_FILE", r.join("etc/cron.d/danhgia"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "deploy/install.sh failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let data = r.join("var/lib/danhgia");
    let inst = Install {
        bin: r.join("usr/bin/danhgia"),
        db: data.join("danhgia.db"),
        data,
        backups: r.join("var/backups/danhgia"),
        cron: r.join("etc/cron.d/danhgia"),
        root,
        _conf: conf,
    };
    let m = std::fs::metadata(&inst.bin).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (0, GROUP, 0o2755));
    inst.layout_holds("after the install");
    Some(inst)
}

#[test]
fn every_attack_on_the_shared_server_is_refused_and_the_database_unchanged() {
    let Some(inst) = install() else { return };

    // The positive control: the admin's legitimate write gets through the
    // setgid group (so the refusals below are not a nosuid mount's doing).
    let before = fingerprint(&inst.db);
    inst.ok(ADMIN, &["settings", "--place", "Long Biên"]);
    assert_ne!(
        fingerprint(&inst.db),
        before,
        "the admin's write did not land"
    );
    let shown = inst.ok(STAFF, &["lookup", "chuyen vien chinh"]);
    assert!(!shown.is_empty());
    // The attacker cannot even read it: a refusal of rights, not of files.
    let err = inst.refused(STAFF, &["settings", "--place", "X"], &[], "control");
    assert!(err.contains("quản trị"), "{err}");

    let live = fingerprint(&inst.db);
    let unchanged = |attack: &str| {
        assert_eq!(
            fingerprint(&inst.db),
            live,
            "{attack}: the live database changed"
        );
        inst.layout_holds(attack);
        assert_eq!(
            inst.data_files(),
            ["danhgia.db", "danhgia.db-shm", "danhgia.db-wal"],
            "{attack}: the data folder"
        );
    };

    takeover_by_a_backup_over_the_live_database(&inst);
    unchanged("takeover by backup");
    user_named_paths_get_no_group_rights(&inst);
    unchanged("user-named paths");
    report_temporary_files_through_planted_symlinks(&inst);
    unchanged("report temporary files");
    lockout_and_files_in_the_data_folder(&inst);
    unchanged("lock-out");
    group_only_files_cannot_be_imported(&inst);
    unchanged("group-only files");
    nobody_but_root_or_the_admin_group_inits_the_office_database(&inst);
    unchanged("init");

    // The admin can still work after all that.
    inst.ok(ADMIN, &["settings", "--place", "Long Biên, Hà Nội"]);
    backups_by_cron_are_private_rotated_and_restore_as_deploy_md_says(&inst);
}

/// `danhgia --db ~/mine.db init`, then `backup file:/…/danhgia.db`: the
/// live database was replaced by the attacker's (SQLite read `file:` as a
/// URI, with the group's rights).
fn takeover_by_a_backup_over_the_live_database(inst: &Install) {
    let mine = inst.home(STAFF).join("mine.db");
    let mine = mine.to_str().unwrap();
    inst.ok(STAFF, &["--db", mine, "init"]);
    let live = inst.db.to_str().unwrap();
    for dest in [format!("file:{live}"), live.to_owned()] {
        inst.refused(STAFF, &["--db", mine, "backup", &dest], &[], "takeover");
    }
    // As a database, `file:` is a file name too, opened with the user's rights.
    inst.refused(
        STAFF,
        &["status", "--quarter", "2026-Q3"],
        &[("DANHGIA_DB", &format!("file:{live}?mode=rw"))],
        "takeover via DANHGIA_DB",
    );
}

/// `--db`, `DANHGIA_DB` and a user's own config are opened with the user's
/// own rights: a database of the group's elsewhere, or the live one named
/// by hand, is out of reach.
fn user_named_paths_get_no_group_rights(inst: &Install) {
    let other_dir = inst.root.path().join("other");
    std::fs::create_dir_all(&other_dir).unwrap();
    let other = other_dir.join("other.db");
    let out = inst.run(
        0,
        &["--db", other.to_str().unwrap(), "init", "--admin", "x"],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for suffix in ["", "-wal", "-shm"] {
        let p = format!("{}{suffix}", other.display());
        std::os::unix::fs::chown(&p, Some(0), Some(GROUP)).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o660)).unwrap();
    }
    let other_before = fingerprint(&other);
    for (args, env) in [
        (
            vec!["--db", other.to_str().unwrap(), "audit", "verify"],
            vec![],
        ),
        (
            vec!["--db", inst.db.to_str().unwrap(), "audit", "verify"],
            vec![],
        ),
        (
            vec!["settings", "--place", "X"],
            vec![("DANHGIA_DB", inst.db.to_str().unwrap())],
        ),
    ] {
        let err = inst.refused(STAFF, &args, &env, "a path the user named");
        assert!(err.contains("không có quyền"), "{args:?}: {err}");
    }
    // The admin too: naming the live database by hand is not the office's path.
    inst.refused(
        ADMIN,
        &[
            "--db",
            inst.db.to_str().unwrap(),
            "settings",
            "--place",
            "X",
        ],
        &[],
        "the admin naming the live database",
    );
    assert_eq!(fingerprint(&other), other_before);
}

/// `&str`s of owned arguments.
fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The report's temporary file was `.<name>.<pid>.tmp` beside the output,
/// opened without O_EXCL|O_NOFOLLOW: symlinks planted for the coming PIDs
/// made a report overwrite the live database.
fn report_temporary_files_through_planted_symlinks(inst: &Install) {
    let home = inst.home(STAFF);
    let mine = home.join("mine.db");
    let staff = home.join("staff.csv");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/scenario/staff.csv"
        ),
        &staff,
    )
    .unwrap();
    std::os::unix::fs::chown(&staff, Some(STAFF), Some(STAFF)).unwrap();
    inst.ok(
        STAFF,
        &[
            "--db",
            mine.to_str().unwrap(),
            "import",
            "staff",
            "staff.csv",
        ],
    );
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1000);
    for pid in last..last + 400 {
        let link = home.join(format!(".r.md.{pid}.tmp"));
        let _ = std::os::unix::fs::symlink(&inst.db, &link);
        let _ = nix::unistd::fchownat(
            nix::fcntl::AT_FDCWD,
            &link,
            Some(nix::unistd::Uid::from_raw(STAFF)),
            Some(nix::unistd::Gid::from_raw(STAFF)),
            nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW,
        );
    }
    let report = |out: &Path| -> Vec<String> {
        [
            "--db",
            mine.to_str().unwrap(),
            "report",
            "03",
            "--quarter",
            "2026-Q3",
            "--out",
            out.to_str().unwrap(),
        ]
        .map(str::to_owned)
        .to_vec()
    };
    let out = home.join("r.md");
    inst.ok(STAFF, &args(&report(&out)));
    let m = std::fs::symlink_metadata(&out).unwrap();
    assert!(m.file_type().is_file());
    assert_eq!(m.mode() & 0o777, 0o600, "a report is private");
    // A symlink at the destination itself is never followed.
    let link = home.join("link.md");
    std::os::unix::fs::symlink(&inst.db, &link).unwrap();
    let mut forced = report(&link);
    forced.push("--force".into());
    inst.refused(STAFF, &args(&forced), &[], "report onto a symlink");
}

/// `report --out …/danhgia.db-wal/x.md` made a folder where the WAL goes
/// and locked everyone out; staff could create databases, reports and
/// folders in the data folder.
fn lockout_and_files_in_the_data_folder(inst: &Install) {
    let mine = inst.home(STAFF).join("mine.db");
    let mine = mine.to_str().unwrap();
    let in_data = |name: &str| inst.data.join(name).to_str().unwrap().to_owned();
    for out in [
        in_data("danhgia.db-wal/x.md"),
        in_data("x/y.md"),
        in_data("r.md"),
    ] {
        inst.refused(
            STAFF,
            &[
                "--db",
                mine,
                "report",
                "03",
                "--quarter",
                "2026-Q3",
                "--out",
                &out,
            ],
            &[],
            "a report in the data folder",
        );
    }
    inst.refused(
        STAFF,
        &["--db", &in_data("evil.db"), "init"],
        &[],
        "a database in the data folder",
    );
    inst.refused(
        ADMIN,
        &["backup", &in_data("copy.db")],
        &[],
        "a backup in the data folder",
    );
    inst.refused(
        STAFF,
        &["--db", mine, "backup", &in_data("copy.db")],
        &[],
        "a backup in the data folder",
    );
}

/// Any user could read a file only the group may read by importing it
/// into a database of their own.
fn group_only_files_cannot_be_imported(inst: &Install) {
    let dir = inst.root.path().join("secret");
    std::fs::create_dir_all(&dir).unwrap();
    let secret = dir.join("staff.csv");
    std::fs::write(&secret, "code,full_name\nSECRET1,Bí Mật Một\n").unwrap();
    std::os::unix::fs::chown(&secret, Some(0), Some(GROUP)).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o640)).unwrap();
    let mine = inst.home(STAFF).join("mine.db");
    let mine = mine.to_str().unwrap();
    for file in [secret.to_str().unwrap(), inst.db.to_str().unwrap()] {
        let err = inst.refused(
            STAFF,
            &["--db", mine, "import", "staff", file],
            &[],
            "import",
        );
        assert!(!err.contains("SECRET1") && !err.contains("Bí Mật"), "{err}");
    }
    let listed = inst.ok(
        STAFF,
        &[
            "--db",
            mine,
            "status",
            "--quarter",
            "2026-Q3",
            "--format",
            "csv",
        ],
    );
    assert!(!listed.contains("SECRET1"));
}

/// Anyone could `init` the configured database before the HR officer did.
fn nobody_but_root_or_the_admin_group_inits_the_office_database(inst: &Install) {
    for args in [vec!["init"], vec!["init", "--admin", "uid:64244"]] {
        let err = inst.refused(STAFF, &args, &[], "init of the office's database");
        assert!(err.contains("admin_group"), "{err}");
    }
}

/// The cron line of the install, run as cron would: a private, consistent
/// copy that opens read-only anywhere; old copies removed; and the restore
/// procedure of DEPLOY.md gives back a database everyone can work on, laid
/// out as before.
fn backups_by_cron_are_private_rotated_and_restore_as_deploy_md_says(inst: &Install) {
    let line = std::fs::read_to_string(&inst.cron).unwrap();
    let job = line
        .lines()
        .find(|l| !l.starts_with('#') && !l.trim().is_empty())
        .unwrap();
    let fields: Vec<&str> = job.splitn(7, ' ').collect();
    assert_eq!(fields[5], "root", "{job}");
    let command = fields[6].replace("\\%", "%");
    let old = inst.backups.join("danhgia-2000-01-01.db");
    std::fs::write(&old, b"old").unwrap();
    let out = Command::new("touch")
        .args(["-d", "70 days ago"])
        .arg(&old)
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = Command::new("sh").arg("-c").arg(&command).output().unwrap();
    assert!(
        out.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !old.exists(),
        "the rotation removes copies older than 60 days"
    );
    let copies: Vec<PathBuf> = std::fs::read_dir(&inst.backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = &copies[0];
    let m = std::fs::metadata(copy).unwrap();
    assert_eq!(
        (m.uid(), m.mode() & 0o777),
        (0, 0o600),
        "a backup is root's and private"
    );
    let b = std::fs::metadata(&inst.backups).unwrap();
    assert_eq!(b.mode() & 0o777, 0o700);

    // The admin's own backup, into their home: theirs, private.
    let own = inst.home(ADMIN).join("b.db");
    inst.ok(ADMIN, &["backup", own.to_str().unwrap()]);
    let m = std::fs::metadata(&own).unwrap();
    assert_eq!((m.uid(), m.mode() & 0o777), (ADMIN, 0o600));

    // Restore (docs/DEPLOY.md, "Restoring"), as root.
    let after_backup = fingerprint(copy);
    inst.ok(ADMIN, &["settings", "--place", "after the backup"]);
    let aside = inst.data.join("before-restore");
    std::fs::create_dir(&aside).unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let from = format!("{}{suffix}", inst.db.display());
        std::fs::rename(&from, aside.join(format!("danhgia.db{suffix}"))).unwrap();
    }
    let out = Command::new("install")
        .args(["-o", "root", "-g", &GROUP.to_string(), "-m", "0660"])
        .arg(copy)
        .arg(&inst.db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    inst.ok(0, &["--db", inst.db.to_str().unwrap(), "audit", "verify"]);
    inst.layout_holds("after the restore");
    assert_eq!(
        fingerprint(&inst.db),
        after_backup,
        "the restored state is the backup's"
    );
    inst.ok(ADMIN, &["settings", "--place", "after the restore"]);
    inst.layout_holds("after a write on the restored database");
}
