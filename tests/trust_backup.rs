#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Backups (SPEC section 8; docs/DEPLOY.md "Backups by cron" and
//! "Restoring"):
//!
//! - `danhgia backup` while four processes keep writing gives, each time, a
//!   consistent copy: integrity ok, `audit verify` intact (chain and seals),
//!   its audit log a prefix of the live one, each worker's changes in it a
//!   prefix of what that worker was told was done, and its data what its
//!   own log says — taken while the writes go on, not after they stop;
//! - the restore procedure of docs/DEPLOY.md, step by step, gives back the
//!   backed-up state, and danhgia works on from there.
//!
//! Sizes: `DANHGIA_TRUST_SCALE=N` multiplies the writers' changes and the
//! size of the database.

mod trust_common;

use std::path::Path;
use std::time::{Duration, Instant};
use trust_common::*;

#[test]
fn worker_process_entry() {
    worker_entry();
}

const WORKERS: usize = 4;
const SHARED: usize = 2;
const BACKUPS: usize = 3;
/// Far beyond what a backup takes (a fraction of a second here).
const STUCK: Duration = Duration::from_secs(60);
/// Extra people, so that the database is some megabytes: larger than one
/// step of an online backup.
const PEOPLE: usize = 25_000;

fn bulk_staff(db: &Path, n: usize) {
    let mut staff = Vec::with_capacity(n);
    for k in 0..n {
        staff.push(person(
            &format!("X{k:06}"),
            danhgia::domain::StaffKind::Staff,
            Some("L0"),
            &format!("x{k}"),
            &format!("Phòng {}", k % 40),
        ));
    }
    service(db, &danhgia::service::os_login())
        .import_staff("bulk.csv", &numbered(staff))
        .unwrap();
}

#[test]
fn a_backup_taken_while_four_processes_write_is_a_consistent_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    office(&db, WORKERS, SHARED);
    bulk_staff(&db, PEOPLE * scale());
    let base = audit_rows(&db).len();
    let size = std::fs::metadata(&db).unwrap().len()
        + std::fs::metadata(db.with_extension("db-wal")).map_or(0, |m| m.len());
    // The writers write until told to stop, after the backups: every
    // backup is taken while they write.
    let stop = dir.path().join("stop");
    let children: Vec<_> = (0..WORKERS)
        .map(|i| {
            spawn_worker(&WorkerSpec {
                db: db.clone(),
                id: i,
                ops: 0,
                acks: dir.path().join(format!("acks-{i}.txt")),
                seed: 77 + i as u64,
                shared: SHARED,
                stop: Some(stop.clone()),
            })
        })
        .collect();
    // Once every writer has written…
    let t0 = Instant::now();
    let written = |i: usize| {
        std::fs::metadata(dir.path().join(format!("acks-{i}.txt"))).is_ok_and(|m| m.len() > 0)
    };
    while !(0..WORKERS).all(written) {
        assert!(t0.elapsed() < STUCK, "the writers never started");
        std::thread::sleep(Duration::from_millis(10));
    }
    // …backups while they write, through the real binary, as cron would.
    let mut copies = Vec::new();
    let started = Instant::now();
    let mut stuck = None;
    for k in 0..BACKUPS * scale() {
        std::thread::sleep(Duration::from_millis(250));
        let copy = dir.path().join(format!("backup-{k}.db"));
        let t = Instant::now();
        let mut b = bin()
            .arg("--db")
            .arg(&db)
            .arg("backup")
            .arg(&copy)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Not a timing test: a copy that cannot finish while people write
        // (an online backup restarting at every commit) never would.
        while b.try_wait().unwrap().is_none() && t.elapsed() < STUCK {
            std::thread::sleep(Duration::from_millis(10));
        }
        if b.try_wait().unwrap().is_none() {
            stuck = Some(k);
            b.kill().unwrap();
        }
        let done = b.wait().unwrap();
        assert!(done.success() || stuck.is_some(), "backup {k}: {done}");
        copies.push((copy, t.elapsed()));
        if stuck.is_some() {
            break;
        }
    }
    let during = started.elapsed();
    std::fs::write(&stop, "").unwrap();
    for (i, c) in children.into_iter().enumerate() {
        wait_ok(c, &format!("worker {i}"));
    }
    assert_eq!(
        stuck, None,
        "a backup did not finish in {STUCK:?} while four processes wrote"
    );
    let hashes = |p: &Path| -> Vec<(i64, String)> {
        let c = rusqlite::Connection::open(p).unwrap();
        let mut stmt = c
            .prepare("SELECT seq, hash FROM audit ORDER BY seq")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let live_hashes = hashes(&db);
    let acks: Vec<Vec<Ack>> = (0..WORKERS)
        .map(|i| read_acks(&dir.path().join(format!("acks-{i}.txt"))).0)
        .collect();
    let mut figures = Vec::new();
    let changes: usize = acks.iter().map(Vec::len).sum();
    for (copy, took) in &copies {
        let entries = sound(copy) as usize;
        let theirs = hashes(copy);
        assert_eq!(
            theirs[..],
            live_hashes[..theirs.len()],
            "{}: its audit log is a prefix of the live one",
            copy.display()
        );
        let rows = audit_rows(copy);
        state_matches_audit_since(copy, &rows, 0);
        for (i, worker) in acks.iter().enumerate() {
            let k = audit_entries_of(&rows, i);
            // The change in flight when the copy was taken may be in it
            // before its worker heard back; it was acknowledged later.
            assert!(k <= worker.len(), "worker {i}");
            acks_are_audited(&rows, i, &worker[..k]);
        }
        assert!(
            entries > base && entries < base + changes,
            "taken while the writes went on: {entries} entries of {}",
            base + changes
        );
        figures.push(format!("{entries} entries in {:.2} s", took.as_secs_f64()));
    }
    // The live database: everything acknowledged, plus the three backups.
    database_holds_exactly(&db, &acks, SHARED);
    assert_eq!(sound(&db) as usize, base + changes + copies.len());
    eprintln!(
        "figures: database of {:.1} MB, {WORKERS} writers, {changes} changes, backups during {:.1} s: {}",
        size as f64 / 1e6,
        during.as_secs_f64(),
        figures.join("; ")
    );
}

/// The restore procedure of docs/DEPLOY.md, step by step. The test also
/// checks that the document still says what the test does.
#[test]
fn the_restore_procedure_of_deploy_md_gives_back_the_backed_up_state() {
    let deploy =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/DEPLOY.md")).unwrap();
    for step in [
        "danhgia backup /var/backups/danhgia/danhgia-$(date +\\%F).db",
        "danhgia --db /var/backups/danhgia/danhgia-2026-11-20.db audit verify",
        "mv /var/lib/danhgia/danhgia.db /var/lib/danhgia/danhgia.db-wal /var/lib/danhgia/danhgia.db-shm",
        "install -o root -g danhgia -m 0660 /var/backups/danhgia/danhgia-2026-11-20.db /var/lib/danhgia/danhgia.db",
        "danhgia audit verify",
    ] {
        assert!(
            deploy.contains(step),
            "docs/DEPLOY.md no longer says {step:?}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let live_dir = dir.path().join("lib");
    let backups = dir.path().join("backups");
    let moved = dir.path().join("moved");
    for d in [&live_dir, &backups, &moved] {
        std::fs::create_dir(d).unwrap();
    }
    let live = live_dir.join("danhgia.db");
    office(&live, 2, 2);
    let writer = |seed: u64, ops: usize| {
        let c = spawn_worker(&WorkerSpec {
            db: live.clone(),
            id: seed as usize % 2,
            ops,
            acks: dir.path().join(format!("acks-{seed}.txt")),
            seed,
            shared: 2,
            stop: None,
        });
        wait_ok(c, "writer");
    };
    writer(0, 300);
    // The nightly backup.
    let backup = backups.join("danhgia-2026-11-20.db");
    ok(&live, &["backup", backup.to_str().unwrap()]);
    let status = |db: &Path| ok(db, &["status", "--quarter", "2025-Q3", "--format", "json"]);
    let kpi = |db: &Path| ok(db, &["kpi", "--quarter", "2025-Q3", "--format", "csv"]);
    let backed_up = (status(&backup), kpi(&backup), audit_rows(&backup).len());
    // A day of work after it, then the disaster.
    writer(1, 300);
    assert_ne!(status(&live), backed_up.0);
    // 1. Everyone has quit (no session is open here).
    // 2. Check the copy.
    let out = ok(&backup, &["--lang", "en", "audit", "verify"]);
    assert!(out.contains("intact"), "{out}");
    // 3. Move the live files away; copy the backup in, mode 0660.
    for f in ["danhgia.db", "danhgia.db-wal", "danhgia.db-shm"] {
        let from = live_dir.join(f);
        if from.exists() {
            std::fs::rename(&from, moved.join(f)).unwrap();
        }
    }
    std::fs::copy(&backup, &live).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&live, std::fs::Permissions::from_mode(0o660)).unwrap();
    }
    // 4. Verify the restored database, then let people back in.
    let out = ok(&live, &["--lang", "en", "audit", "verify"]);
    assert!(out.contains("intact"), "{out}");
    assert_eq!(
        (status(&live), kpi(&live), audit_rows(&live).len()),
        backed_up,
        "the restored database is the backup"
    );
    // Work goes on from there, and the chain with it.
    writer(2, 100);
    sound(&live);
}
