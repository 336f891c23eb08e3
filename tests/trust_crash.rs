#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Crashes (SPEC section 8: "`kill -9` loses no acknowledged change, leaves
//! the database consistent"), at seeded random points:
//!
//! - writers killed with SIGKILL in the middle of a stream of changes:
//!   afterwards every change a worker was told was done is in the database
//!   (with its audit entry, written in the same transaction), at most the one
//!   change in flight per kill is there unacknowledged, every checklist,
//!   rating and KPI entry holds what its last audit entry says, integrity is
//!   ok and `audit verify` (chain and seals) is intact;
//! - `danhgia import staff` of a large file killed mid-way, again and again,
//!   alternating two versions of the file: the staff list is always wholly
//!   one version or the other (or, before the first import lands, empty),
//!   and the last import entry of the audit log names the version present.
//!
//! A dropped SSH connection (SIGHUP to the TUI in a pseudo-terminal) is
//! tested in tests/tui_pty.rs.
//!
//! Sizes: `DANHGIA_TRUST_SCALE=N` multiplies the kills.

mod trust_common;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};
use trust_common::*;

#[test]
fn worker_process_entry() {
    worker_entry();
}

/// Kills in CI, for each of the two tests.
const KILLS: usize = 20;
/// Rows of the staff file killed mid-import in CI.
const IMPORT_ROWS: usize = 20_000;

#[test]
fn writers_killed_mid_stream_lose_no_acknowledged_change() {
    const WORKERS: usize = 2;
    const SHARED: usize = 2;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    office(&db, WORKERS, SHARED);
    let mut rng = Rng::new(0xC0FFEE);
    let rounds = KILLS * scale() / WORKERS;
    let mut kills = [0usize; WORKERS];
    let acks_file = |i: usize| dir.path().join(format!("acks-{i}.txt"));
    let mut checked_up_to = 0;
    for round in 0..rounds {
        let mut children: Vec<_> = (0..WORKERS)
            .map(|i| {
                spawn_worker(&WorkerSpec {
                    db: db.clone(),
                    id: i,
                    ops: 0,
                    acks: acks_file(i),
                    seed: (round * WORKERS + i) as u64,
                    shared: SHARED,
                    stop: None,
                })
            })
            .collect();
        // Each worker dies at its own random moment, the other still writing.
        let mut at: Vec<(u64, usize)> = (0..WORKERS).map(|i| (150 + rng.below(450), i)).collect();
        at.sort();
        let start = Instant::now();
        for (ms, i) in at {
            let due = Duration::from_millis(ms);
            if let Some(rest) = due.checked_sub(start.elapsed()) {
                std::thread::sleep(rest);
            }
            let c = &mut children[i];
            if c.try_wait().unwrap().is_some() {
                let out = children.swap_remove(i).wait_with_output().unwrap();
                panic!(
                    "worker {i} ended before its kill: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            c.kill().unwrap(); // SIGKILL
            kills[i] += 1;
        }
        for c in &mut children {
            c.wait().unwrap();
        }
        assert_eq!(integrity(&db), "ok", "round {round}");
        audit_entries(&db);
        let rows = audit_rows(&db);
        for (i, killed) in kills.iter().enumerate() {
            let (acks, _) = read_acks(&acks_file(i));
            acks_are_audited(&rows, i, &acks);
            let audited = audit_entries_of(&rows, i);
            assert!(
                audited >= acks.len() && audited <= acks.len() + killed,
                "worker {i}: {audited} audit entries for {} acknowledged changes and {killed} kills",
                acks.len(),
            );
        }
        // What changed this round; everything again at the end.
        state_matches_audit_since(&db, &rows, checked_up_to);
        checked_up_to = rows.last().map_or(0, |r| r.seq);
    }
    state_matches_audit(&db);
    let entries = sound(&db);
    let acked: usize = (0..WORKERS).map(|i| read_acks(&acks_file(i)).0.len()).sum();
    eprintln!(
        "figures: {} kills of {WORKERS} writers, {acked} acknowledged changes kept, {entries} audit entries",
        kills.iter().sum::<usize>()
    );
}

/// A staff file of `rows` people, every name marked with `version`.
fn staff_file(path: &Path, rows: usize, version: &str) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        f,
        "code,full_name,birth_date,title,unit,kind,group,party_member,manager_code,login"
    )
    .unwrap();
    writeln!(
        f,
        "CB000000,Lãnh Đạo {version},01/01/1970,Giám đốc,Sở Nội vụ,leader,CBLĐQL,1,,"
    )
    .unwrap();
    for n in 1..rows {
        let unit = n % 40;
        let manager = if n % 50 == 1 {
            "CB000000".to_owned()
        } else {
            format!("CB{:06}", n - n % 50 + 1)
        };
        writeln!(
            f,
            "CB{n:06},Nguyễn Văn {version} {n},{:02}/{:02}/19{:02},Chuyên viên,Phòng {unit},staff,CC,{},{manager},",
            1 + n % 28,
            1 + n % 12,
            60 + n % 40,
            n % 2
        )
        .unwrap();
    }
    f.flush().unwrap();
}

/// Which version of the staff file the database holds: `None` when empty;
/// fails if it holds a mixture, or not every row.
fn version_present(db: &Path, rows: usize) -> Option<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let total = c
        .query_row("SELECT count(*) FROM staff", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize;
    if total == 0 {
        return None;
    }
    assert_eq!(total, rows, "a partial import");
    let mut found = None;
    for v in ["AAA", "BBB"] {
        let n = c
            .query_row(
                "SELECT count(*) FROM staff WHERE full_name LIKE ?1",
                [format!("% {v}%")],
                |r| r.get::<_, i64>(0),
            )
            .unwrap() as usize;
        assert!(n == 0 || n == rows, "a mixture: {n} rows of {v}");
        if n == rows {
            found = Some(v.to_owned());
        }
    }
    assert!(found.is_some(), "neither version");
    found
}

#[test]
fn a_large_import_killed_mid_way_is_wholly_in_or_wholly_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    ok(&db, &["init"]);
    let rows = IMPORT_ROWS;
    let files = [dir.path().join("AAA.csv"), dir.path().join("BBB.csv")];
    staff_file(&files[0], rows, "AAA");
    staff_file(&files[1], rows, "BBB");
    // The first version lands whole, and shows how long an import takes
    // here: the kills spread over that time, each over a re-import that
    // would change every row.
    let t0 = Instant::now();
    ok(&db, &["import", "staff", files[0].to_str().unwrap()]);
    let full = t0.elapsed();
    let mut rng = Rng::new(0xDEAD);
    let mut present = version_present(&db, rows);
    assert_eq!(present.as_deref(), Some("AAA"));
    let (mut killed, mut landed, mut killed_after_commit) = (0, 0, 0);
    let rounds = KILLS * scale();
    for round in 0..rounds {
        let file = &files[(round + 1) % 2];
        let mut child = bin()
            .arg("--db")
            .arg(&db)
            .args(["import", "staff"])
            .arg(file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Anywhere from the start to past the end.
        let wait = full.mul_f64(rng.below(1500) as f64 / 1000.0);
        std::thread::sleep(wait);
        let finished = child.try_wait().unwrap();
        if finished.is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        let status = child.wait().unwrap();
        let now = version_present(&db, rows);
        if status.success() {
            landed += 1;
            assert_eq!(
                now.as_deref(),
                Some(if round % 2 == 0 { "BBB" } else { "AAA" }),
                "round {round}: a finished import is wholly in"
            );
        } else {
            assert!(
                finished.is_none(),
                "round {round}: the import failed on its own: {status}"
            );
        }
        if now != present && finished.is_none() {
            killed_after_commit += 1;
        }
        if now != present {
            // Only a committed import changes the data, and its audit
            // entry, in the same transaction, names it.
            let last_import = audit_rows(&db)
                .into_iter()
                .rev()
                .find(|r| r.action == "import")
                .unwrap();
            assert!(
                last_import.after.as_ref().unwrap()["file"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("{}.csv", now.as_deref().unwrap())),
                "round {round}: {last_import:?}"
            );
        }
        present = now;
        assert_eq!(integrity(&db), "ok", "round {round}");
    }
    let entries = sound(&db);
    let imports = audit_rows(&db)
        .iter()
        .filter(|r| r.action == "import")
        .count();
    assert!(
        imports >= landed,
        "{imports} import entries, {landed} landed"
    );
    eprintln!(
        "figures: {rows} rows; one import takes {:.2} s; {rounds} runs, {killed} killed with SIGKILL mid-way ({killed_after_commit} of them after the commit), {landed} finished, {imports} committed; {entries} audit entries",
        full.as_secs_f64()
    );
}
