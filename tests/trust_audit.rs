#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The audit log (SPEC section 8: "every change is in an append-only audit
//! log … chained by hashes so `danhgia audit verify` detects an edited or
//! deleted entry") and the seals of the data (store::seal):
//!
//! - every kind of write adds exactly its audit entries, by the right
//!   person, about the right thing; a change that changes nothing adds none;
//! - editing any column of any entry, deleting any entry, swapping two,
//!   forging one at the end, cutting the tail or moving the head: each is
//!   caught at the right entry;
//! - a checklist, rating, staff row, role or round changed, added or deleted
//!   with sqlite3 behind danhgia's back: `danhgia audit verify` exits 1 and
//!   names it;
//! - a database made before seals existed is sealed when opened, and
//!   verifies.

mod trust_common;

use danhgia::domain::kpi::{ComplexityGroup, EntryState, TaskChoice, TaskInput, TimeBucket};
use danhgia::domain::{MonthlyRating, Rating};
use danhgia::store::audit::{self, BrokenLink, Verification};
use rusqlite::Connection;
use std::path::Path;
use trust_common::ops::{Q3, ops, small_office};
use trust_common::*;

#[test]
fn every_kind_of_write_adds_exactly_its_audit_entries() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.db");
    small_office(&template);
    // init, the staff import, two grants.
    assert_eq!(audit_rows(&template).len(), 4);
    let mut kinds = 0;
    for op in ops().into_iter().filter(|o| o.write) {
        let case = dir.path().join(format!("case-{kinds}"));
        std::fs::create_dir(&case).unwrap();
        let db = case.join("office.db");
        std::fs::copy(&template, &db).unwrap();
        let hr = service(&db, "hr");
        let p = (op.setup)(&hr, &case);
        let before = audit_rows(&db).len();
        (op.run)(&hr, &p).unwrap_or_else(|e| panic!("{}: {e}", op.name));
        let rows = audit_rows(&db);
        let new = &rows[before..];
        assert_eq!(new.len(), op.audit, "{}: {new:?}", op.name);
        for r in new {
            assert_eq!(r.who, "hr", "{}", op.name);
            assert!(
                r.entity.contains("S1")
                    || r.entity.starts_with("import:")
                    || r.entity.starts_with("round:")
                    || r.entity.starts_with("role:an:")
                    || r.entity.starts_with("setting:")
                    || r.entity == "database",
                "{}: about {}",
                op.name,
                r.entity
            );
        }
        drop(hr);
        sound(&db);
        kinds += 1;
    }
    eprintln!("figures: {kinds} kinds of write, each with its audit entries");
}

#[test]
fn a_change_that_changes_nothing_adds_no_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    small_office(&db);
    let hr = service(&db, "hr");
    let good = MonthlyRating {
        rating: Rating::Httnv,
        discipline: Some(20),
        excused: false,
    };
    hr.set_quarter_ratings("S1", Q3, [Some(good); 3]).unwrap();
    let input = TaskInput {
        date: chrono::NaiveDate::from_ymd_opt(2026, 8, 5).unwrap(),
        task: TaskChoice::AdHoc {
            name: "Soạn công văn".into(),
            complexity: ComplexityGroup::N2,
            bucket: TimeBucket::new(4).unwrap(),
        },
        quantity: 2,
        product_ref: String::new(),
        state: EntryState::Done,
    };
    let e = hr.kpi_add("S1", &input).unwrap();
    let e = hr.kpi_confirm(e.id, e.version).unwrap();
    let before = audit_rows(&db).len();
    assert!(
        !hr.grant("reviewer", "truong").unwrap(),
        "already a reviewer"
    );
    hr.set_quarter_ratings("S1", Q3, [Some(good); 3]).unwrap();
    hr.kpi_confirm(e.id, e.version).unwrap();
    assert_eq!(audit_rows(&db).len(), before);
}

/// An office with a few dozen audit entries of every kind.
fn busy_office(db: &Path) {
    small_office(db);
    let hr = service(db, "hr");
    let an = service(db, "an");
    let truong = service(db, "truong");
    let mut v = 0;
    for id in an.forms().staff.clone() {
        v = an
            .set_self_mark("S1", Q3, id, Some(true), v)
            .unwrap()
            .version;
    }
    v = an.submit("S1", Q3, v).unwrap().version;
    v = truong
        .set_note("S1", Q3, "II.2.4", "Thiếu minh chứng", v)
        .unwrap()
        .version;
    v = truong.accept_remaining("S1", Q3, v).unwrap().version;
    truong.approve("S1", Q3, v).unwrap();
    let good = MonthlyRating {
        rating: Rating::Htxsnv,
        discipline: Some(20),
        excused: false,
    };
    hr.set_quarter_ratings("S1", Q3, [Some(good); 3]).unwrap();
    hr.set_round_closed(Q3, true).unwrap();
}

/// Runs `tamper` on the database inside a transaction (the audit triggers
/// out of the way, as someone with the sqlite3 shell would do), verifies,
/// and rolls back.
fn verify_after(c: &mut Connection, tamper: &str) -> Verification {
    let tx = c.transaction().unwrap();
    tx.execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
        .unwrap();
    tx.execute_batch(tamper).unwrap();
    let v = audit::verify(&tx).unwrap();
    tx.rollback().unwrap();
    v
}

#[test]
fn editing_deleting_swapping_or_forging_any_audit_entry_is_caught_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    busy_office(&db);
    let n = audit_entries(&db);
    assert!(n > 25, "{n}");
    let mut c = Connection::open(&db).unwrap();
    let mut cases = 0;
    for seq in 1..=n {
        for column in ["at", "who", "action", "entity", "before", "after"] {
            let tamper = format!(
                "UPDATE audit SET {column} = coalesce({column}, '') || ' ' WHERE seq = {seq}"
            );
            assert_eq!(
                verify_after(&mut c, &tamper),
                Verification::Broken {
                    seq,
                    problem: BrokenLink::Edited
                },
                "{tamper}"
            );
            cases += 1;
        }
        let v = verify_after(&mut c, &format!("DELETE FROM audit WHERE seq = {seq}"));
        let want = if seq == n {
            Verification::Broken {
                seq: n,
                problem: BrokenLink::Truncated { head_seq: n },
            }
        } else {
            Verification::Broken {
                seq: seq + 1,
                problem: BrokenLink::Gap { expected: seq },
            }
        };
        assert_eq!(v, want, "delete {seq}");
        cases += 1;
        if seq < n {
            // Two entries swapped, each keeping its own hash.
            let swap = format!(
                "UPDATE audit SET seq = -1 WHERE seq = {seq};
                 UPDATE audit SET seq = {seq} WHERE seq = {next};
                 UPDATE audit SET seq = {next} WHERE seq = -1;",
                next = seq + 1
            );
            assert!(
                matches!(verify_after(&mut c, &swap), Verification::Broken { seq: s, .. } if s == seq),
                "swap {seq}"
            );
            cases += 1;
        }
    }
    // A forged entry at the end, chained but with a made-up hash.
    let forged = format!(
        "INSERT INTO audit (seq, at, who, action, entity, before, after, prev_hash, hash)
         SELECT {next}, at, 'hr', 'grant', 'role:mallory:admin', NULL, NULL, hash, hash FROM audit WHERE seq = {n}",
        next = n + 1
    );
    assert!(matches!(
        verify_after(&mut c, &forged),
        Verification::Broken { seq, problem: BrokenLink::Edited } if seq == n + 1
    ));
    // The last three cut off, and the head moved back to hide it: the head
    // then no longer matches the hash of its entry.
    assert!(matches!(
        verify_after(&mut c, &format!("DELETE FROM audit WHERE seq > {}", n - 3)),
        Verification::Broken {
            problem: BrokenLink::Truncated { .. },
            ..
        }
    ));
    assert!(matches!(
        verify_after(
            &mut c,
            &format!(
                "DELETE FROM audit WHERE seq > {m};
                 UPDATE settings SET value = '{m} ' || substr(value, instr(value, ' ') + 1) WHERE key = 'audit_head';",
                m = n - 3
            )
        ),
        Verification::Broken {
            problem: BrokenLink::Truncated { .. },
            ..
        }
    ));
    cases += 3;
    // Through the binary: exit 1, naming the entry.
    drop(c);
    let copy = dir.path().join("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    Connection::open(&copy)
        .unwrap()
        .execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 7;")
        .unwrap();
    let out = run(&copy, &["--lang", "en", "audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("entry 8") && err.contains("expected entry 7"),
        "{err}"
    );
    eprintln!("figures: {n} entries, {cases} tamperings, each caught at its entry");
}

/// Changes `db` with sqlite3-like SQL, then `danhgia audit verify` must
/// exit 1 naming `entity` and `how`, in both languages.
fn caught(dir: &Path, template: &Path, sql: &str, entity: &str, how: &str) {
    let db = dir.join(format!("t-{}.db", entity.replace([':', '/'], "_")));
    std::fs::copy(template, &db).unwrap();
    Connection::open(&db).unwrap().execute_batch(sql).unwrap();
    let out = run(&db, &["--lang", "en", "audit", "verify"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{sql}: {err}");
    assert!(
        err.contains(&format!("{entity}: {how} outside danhgia")),
        "{sql}: {err}"
    );
    let out = run(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(entity));
}

#[test]
fn a_row_changed_behind_danhgias_back_is_caught_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    busy_office(&db);
    assert!(sound(&db) > 0);
    let d = dir.path();
    let s1 = "(SELECT id FROM staff WHERE code = 'S1')";
    // The review marks of an approved checklist.
    caught(
        d,
        &db,
        &format!(
            "UPDATE checklists SET review_marks = replace(review_marks, '1', '0') WHERE staff_id = {s1}"
        ),
        "checklist:S1:2026-Q3",
        "edited",
    );
    // Only the version, to hide an edit from the sessions.
    caught(
        d,
        &db,
        "UPDATE checklists SET version = version + 1",
        "checklist:S1:2026-Q3",
        "edited",
    );
    // A checklist that nobody filled, inserted as approved.
    caught(
        d,
        &db,
        "INSERT INTO checklists (staff_id, quarter, state, self_marks, review_marks, updated_at, updated_by)
         SELECT id, '2026-Q3', 'approved', '111111111111111111', '111111111111111111', 'x', 'hr' FROM staff WHERE code = 'S2'",
        "checklist:S2:2026-Q3",
        "added",
    );
    caught(
        d,
        &db,
        &format!("UPDATE ratings SET rating = 'KHTNV' WHERE staff_id = {s1} AND month = 8"),
        "rating:S1:2026-08",
        "edited",
    );
    caught(
        d,
        &db,
        &format!("UPDATE ratings SET discipline = 19 WHERE staff_id = {s1} AND month = 9"),
        "rating:S1:2026-09",
        "edited",
    );
    caught(
        d,
        &db,
        &format!("DELETE FROM ratings WHERE staff_id = {s1} AND month = 7"),
        "rating:S1:2026-07",
        "deleted",
    );
    caught(
        d,
        &db,
        "UPDATE staff SET manager_code = 'L2' WHERE code = 'S1'",
        "staff:S1",
        "edited",
    );
    caught(
        d,
        &db,
        "INSERT INTO roles VALUES ('mallory', 'admin', '2026-01-01', 'hr')",
        "role:mallory:admin",
        "added",
    );
    caught(
        d,
        &db,
        "DELETE FROM roles WHERE login = 'pho'",
        "role:pho:reviewer",
        "deleted",
    );
    caught(
        d,
        &db,
        "UPDATE rounds SET state = 'open'",
        "round:2026-Q3",
        "edited",
    );
    // The original is untouched and still verifies.
    sound(&db);
}

#[test]
fn a_database_made_before_seals_is_sealed_when_opened_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/trust/schema_v2.sqlite"
        ),
        &db,
    )
    .unwrap();
    let version = |db: &Path| -> i64 {
        Connection::open(db)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&db), 2, "the fixture is a schema-2 database");
    // demo import, tasks import and init: three entries.
    assert_eq!(sound(&db), 3);
    assert!(version(&db) >= 4);
    let c = Connection::open(&db).unwrap();
    let (rows, seals): (i64, i64) = c
        .query_row(
            "SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM ratings) + (SELECT count(*) FROM checklists)
                  + (SELECT count(*) FROM roles) + (SELECT count(*) FROM rounds),
                    (SELECT count(*) FROM seals) + (SELECT count(*) FROM staff_seals)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(rows, seals, "every row sealed");
    assert!(rows > 200);
    // And tampering is caught from then on.
    c.execute_batch("UPDATE ratings SET excused = 1 - excused WHERE month = 1")
        .unwrap();
    drop(c);
    assert_eq!(run(&db, &["audit", "verify"]).status.code(), Some(1));
}

/// The demo district is written through the store like everything else, so
/// its rows are sealed and it verifies.
#[test]
fn a_demo_database_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["init", "--demo", "--demo-size", "60"]);
    assert!(sound(&db) >= 2);
}
