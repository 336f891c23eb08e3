#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Many people, one database (SPEC section 8), with real processes:
//!
//! - eight processes make thousands of small changes at once — checklist
//!   marks on checklists they all write to (optimistic versions, retried on
//!   conflict), monthly ratings, KPI entries added, edited and deleted — and
//!   the database ends holding exactly what each was told was done, with no
//!   "database is locked" reaching anyone, the totals right, integrity ok
//!   and the audit log intact with one entry per acknowledged change;
//! - two sessions in two processes edit the same checklist from the same
//!   read: the second write is refused as a conflict, nothing is
//!   overwritten, and the loser sees the fresh data.
//!
//! Sizes: `DANHGIA_TRUST_SCALE=N` multiplies the changes per worker.

mod trust_common;

use danhgia::service::ServiceError;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use trust_common::*;

/// The worker mode of this binary (a no-op in a normal run).
#[test]
fn worker_process_entry() {
    worker_entry();
}

const WORKERS: usize = 8;
const SHARED: usize = 2;
/// Changes per worker in CI; DANHGIA_TRUST_SCALE multiplies it.
const OPS: usize = 2_000;

#[test]
fn eight_processes_making_thousands_of_changes_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    office(&db, WORKERS, SHARED);
    let ops = OPS * scale();
    let started = Instant::now();
    let children: Vec<_> = (0..WORKERS)
        .map(|i| {
            spawn_worker(&WorkerSpec {
                db: db.clone(),
                id: i,
                ops,
                acks: dir.path().join(format!("acks-{i}.txt")),
                seed: 1000 + i as u64,
                shared: SHARED,
                stop: None,
            })
        })
        .collect();
    for (i, c) in children.into_iter().enumerate() {
        wait_ok(c, &format!("worker {i}"));
    }
    let elapsed = started.elapsed();
    let mut all = Vec::new();
    let mut conflicts = 0;
    let rows = audit_rows(&db);
    for i in 0..WORKERS {
        let (acks, fig) = read_acks(&dir.path().join(format!("acks-{i}.txt")));
        assert_eq!(acks.len(), ops, "worker {i} acknowledged every change");
        assert_eq!(fig.ops as usize, ops);
        conflicts += fig.conflicts;
        assert_eq!(
            audit_entries_of(&rows, i),
            acks.len(),
            "worker {i}: one audit entry per acknowledged change"
        );
        acks_are_audited(&rows, i, &acks);
        all.push(acks);
    }
    database_holds_exactly(&db, &all, SHARED);
    state_matches_audit(&db);
    let entries = sound(&db);
    assert_eq!(
        entries as usize,
        office_audit_entries(WORKERS) + WORKERS * ops,
        "the audit log has exactly one entry per change"
    );
    eprintln!(
        "figures: {WORKERS} processes × {ops} changes = {} in {:.1} s, {conflicts} conflicts retried, {entries} audit entries",
        WORKERS * ops,
        elapsed.as_secs_f64()
    );
}

// ---- two sessions, one checklist ----

const ENV_CONFLICT: &str = "DANHGIA_TRUST_CONFLICT";

/// A session in its own process: reads S's checklist, says so, waits for
/// the go, writes its mark from what it read, then reads again. Prints
/// `ok <version>` or `conflict`, then the fresh marks of item I.1.1.
#[test]
fn conflict_process_entry() {
    if std::env::var_os(ENV_CONFLICT).is_none() {
        return;
    }
    let var = |k: &str| std::env::var(k).unwrap();
    let db = std::path::PathBuf::from(var("DANHGIA_TRUST_DB"));
    let dir = db.parent().unwrap().to_owned();
    let me = var("DANHGIA_TRUST_ID");
    let mark = var("DANHGIA_TRUST_MARK") == "1";
    let item = var("DANHGIA_TRUST_ITEM");
    let svc = service(&db, "w0");
    let read = svc.checklist("W0", Q).unwrap();
    // Written whole, then renamed: the parent never sees it half-written.
    let tmp = dir.join(format!(".read-{me}"));
    std::fs::write(&tmp, read.version.to_string()).unwrap();
    std::fs::rename(&tmp, dir.join(format!("read-{me}"))).unwrap();
    let waiting = Instant::now();
    while !dir.join("go").exists() {
        // The parent failed: do not linger.
        assert!(waiting.elapsed() < Duration::from_secs(60), "no go");
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut out = std::io::stdout().lock();
    match svc.set_self_mark("W0", Q, &item, Some(mark), read.version) {
        Ok(v) => writeln!(out, "RESULT ok {}", v.version).unwrap(),
        Err(ServiceError::Conflict { .. }) => writeln!(out, "RESULT conflict").unwrap(),
        Err(e) => panic!("{e:?}"),
    }
    let fresh = svc.checklist("W0", Q).unwrap();
    let m = |i: usize| match fresh.items[i].self_mark {
        Some(true) => '1',
        Some(false) => '0',
        None => '.',
    };
    writeln!(out, "FRESH {} {}{}", fresh.version, m(0), m(1)).unwrap();
}

fn session(db: &Path, id: &str, item: &str, mark: bool) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "conflict_process_entry",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(ENV_CONFLICT, "1")
        .env("DANHGIA_TRUST_DB", db)
        .env("DANHGIA_TRUST_ID", id)
        .env("DANHGIA_TRUST_ITEM", item)
        .env("DANHGIA_TRUST_MARK", if mark { "1" } else { "0" })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn line<'a>(out: &'a str, prefix: &str) -> &'a str {
    // libtest prints "test name ... " on the line the output starts on.
    out.lines()
        .find_map(|l| l.find(prefix).map(|i| &l[i + prefix.len()..]))
        .unwrap_or_else(|| panic!("no {prefix:?} in {out}"))
}

/// Two people in two processes read the same checklist, then both write
/// from what they read: one write lands, the other is refused as a conflict
/// — even when they change different items, since a checklist is versioned
/// whole — and the refused one's mark is nowhere, while its fresh read
/// shows the winner's. Repeated, because which one wins is up to the race.
#[test]
fn two_processes_editing_one_checklist_the_second_is_refused_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    office(&db, 1, 0);
    let rounds = 6 * scale();
    let mut wins = [0usize; 2];
    for round in 0..rounds {
        for f in ["read-a", "read-b", "go"] {
            let _ = std::fs::remove_file(dir.path().join(f));
        }
        let before = service(&db, "w0").checklist("W0", Q).unwrap();
        let audit_before = audit_rows(&db).len();
        // Even rounds: the same item with opposite marks; odd: two items.
        let same = round % 2 == 0;
        let (a_item, b_item) = if same {
            ("I.1.1", "I.1.1")
        } else {
            ("I.1.1", "I.1.2")
        };
        let a = session(&db, "a", a_item, true);
        let b = session(&db, "b", b_item, false);
        let t0 = Instant::now();
        while !(dir.path().join("read-a").exists() && dir.path().join("read-b").exists()) {
            assert!(
                t0.elapsed() < Duration::from_secs(60),
                "sessions never read"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        for f in ["read-a", "read-b"] {
            let v: i64 = std::fs::read_to_string(dir.path().join(f))
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(v, before.version, "both read the same version");
        }
        std::fs::write(dir.path().join("go"), "").unwrap();
        let out_a = String::from_utf8(wait_ok(a, "session a").stdout).unwrap();
        let out_b = String::from_utf8(wait_ok(b, "session b").stdout).unwrap();
        let (ra, rb) = (line(&out_a, "RESULT "), line(&out_b, "RESULT "));
        let after = service(&db, "w0").checklist("W0", Q).unwrap();
        let winner = match (ra.starts_with("ok"), rb.starts_with("ok")) {
            (true, false) => 0,
            (false, true) => 1,
            other => panic!("exactly one write must land, got {other:?}: {ra} / {rb}"),
        };
        wins[winner] += 1;
        assert_eq!(after.version, before.version + 1, "one write, one version");
        assert_eq!(audit_rows(&db).len(), audit_before + 1, "one audit entry");
        // The winner's mark is there; the loser's is not.
        let (win_item, win_mark) = if winner == 0 {
            (a_item, true)
        } else {
            (b_item, false)
        };
        let (lose_item, lose_mark) = if winner == 0 {
            (b_item, false)
        } else {
            (a_item, true)
        };
        let item = |id: &str| after.items.iter().find(|i| i.id == id).unwrap().self_mark;
        assert_eq!(item(win_item), Some(win_mark));
        if !same {
            assert_eq!(
                item(lose_item),
                before
                    .items
                    .iter()
                    .find(|i| i.id == lose_item)
                    .unwrap()
                    .self_mark
            );
        }
        // Same item: it holds the winner's mark, the opposite of the loser's.
        assert_ne!(
            item(lose_item),
            Some(lose_mark),
            "the refused mark is nowhere"
        );
        // The loser's fresh read shows the winner's change.
        let loser_out = if winner == 0 { &out_b } else { &out_a };
        let fresh = line(loser_out, "FRESH ");
        assert!(
            fresh.starts_with(&format!("{} ", after.version)),
            "the loser sees the fresh version: {fresh}"
        );
        // Put the checklist back to a known state for the next round.
        let w0 = service(&db, "w0");
        let v = w0
            .set_self_mark("W0", Q, "I.1.1", None, after.version)
            .unwrap();
        w0.set_self_mark("W0", Q, "I.1.2", None, v.version).unwrap();
    }
    assert_eq!(sound(&db) as usize, audit_rows(&db).len());
    eprintln!("figures: {rounds} races, wins a/b = {wins:?}");
}

/// A session still holding a deleted KPI entry (id, version) must never
/// reach another entry: ids are never reused, even for the last entry
/// deleted (SQLite gives a new row the highest id + 1 unless told not to).
#[test]
fn a_stale_session_never_touches_a_new_entry_through_a_deleted_ones_id() {
    use danhgia::domain::kpi::{ComplexityGroup, EntryState, TaskChoice, TaskInput, TimeBucket};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    trust_common::ops::small_office(&db);
    let task = |name: &str| TaskInput {
        date: chrono::NaiveDate::from_ymd_opt(2026, 8, 5).unwrap(),
        task: TaskChoice::AdHoc {
            name: name.into(),
            complexity: ComplexityGroup::N2,
            bucket: TimeBucket::new(4).unwrap(),
        },
        quantity: 1,
        product_ref: String::new(),
        state: EntryState::Done,
    };
    let an = service(&db, "an");
    let binh = service(&db, "binh");
    let truong = service(&db, "truong");
    // The reviewer's screen shows an's entry…
    let seen = an.kpi_add("S1", &task("Việc của An")).unwrap();
    // …which an deletes; binh then logs a new one.
    an.kpi_delete(seen.id, seen.version).unwrap();
    let new = binh.kpi_add("S2", &task("Việc của Bình")).unwrap();
    assert_ne!(new.id, seen.id, "a deleted entry's id is not given again");
    // The reviewer confirms what their screen shows: refused, and binh's
    // entry stays unconfirmed.
    assert!(truong.kpi_confirm(seen.id, seen.version).is_err());
    assert!(!binh.kpi_entry(new.id).unwrap().confirmed());
}
