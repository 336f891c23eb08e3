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
//! - a database made before seals existed is sealed when opened, says so in
//!   its audit log, and verifies;
//! - a row deleted together with its seal (a checklist, a rating, a staff
//!   member, a role, a closed round), an emptied log, a log cut back with
//!   its head rewritten: each caught, naming what is missing; a lowered
//!   `user_version` is refused; an upgrade from schema 6 verifies;
//! - the heads in the system log catch a rewrite of the whole file
//!   (`audit verify --journal`);
//! - an admin acting `--as` someone is recorded as both.

mod trust_common;

use danhgia::domain::kpi::{ComplexityGroup, EntryState, TaskChoice, TaskInput, TimeBucket};
use danhgia::domain::{MonthlyRating, Quarter, Rating};
use danhgia::service::Service;
use danhgia::store::SCHEMA_VERSION;
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
    hr.set_quarter_ratings("S1", Q3, [Some(good.into()); 3])
        .unwrap();
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
    hr.set_quarter_ratings("S1", Q3, [Some(good.into()); 3])
        .unwrap();
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
    hr.set_quarter_ratings("S1", Q3, [Some(good.into()); 3])
        .unwrap();
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
    // demo import, tasks import and init: three entries; then the
    // upgrade's own: the rows sealed (the tables of schema 3, then the
    // settings of schema 7), and the migration.
    assert_eq!(sound(&db), 6);
    assert!(version(&db) >= 4);
    let new: Vec<(String, String)> = audit_rows(&db)[3..]
        .iter()
        .map(|r| (r.action.clone(), r.entity.clone()))
        .collect();
    let seal = ("seal".to_owned(), "seals".to_owned());
    assert_eq!(
        new,
        [
            seal.clone(),
            seal,
            ("migrate".to_owned(), format!("schema:{SCHEMA_VERSION}"))
        ]
    );
    let why = |i: usize| audit_rows(&db)[i].after.clone().unwrap()["why"].clone();
    assert!(why(3).as_str().unwrap().ends_with("schema 3"));
    assert!(why(4).as_str().unwrap().ends_with("schema 7"));
    let c = Connection::open(&db).unwrap();
    let (rows, seals): (i64, i64) = c
        .query_row(
            "SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM ratings) + (SELECT count(*) FROM checklists)
                  + (SELECT count(*) FROM roles) + (SELECT count(*) FROM rounds),
                    (SELECT count(*) FROM seals WHERE tbl != 'settings') + (SELECT count(*) FROM staff_seals)",
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

/// Drops every trigger of the database (the audit log's guards, and any
/// other), as someone with the sqlite3 shell would before tampering.
fn drop_triggers(c: &Connection) {
    let names: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for n in names {
        c.execute_batch(&format!("DROP TRIGGER \"{n}\"")).unwrap();
    }
}

/// A copy of `template` tampered with by `sql` (triggers dropped first),
/// then `danhgia audit verify`: exit 1, its message (English) containing
/// every one of `says`, and the Vietnamese one too.
fn missing(dir: &Path, template: &Path, name: &str, sql: &str, says: &[&str], vi: &[&str]) {
    let db = dir.join(format!("m-{name}.db"));
    std::fs::copy(template, &db).unwrap();
    let c = Connection::open(&db).unwrap();
    drop_triggers(&c);
    c.execute_batch(sql).unwrap();
    drop(c);
    let out = run(&db, &["--lang", "en", "audit", "verify"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(
        err.contains("The audit log no longer vouches for the sealed data"),
        "{name}: {err}"
    );
    for s in says {
        assert!(err.contains(s), "{name}: {s:?} in {err}");
    }
    let out = run(&db, &["audit", "verify"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{name}");
    for s in vi {
        assert!(err.contains(s), "{name}: {s:?} in {err}");
    }
}

/// The last entry's seq of a database.
fn last_seq(db: &Path) -> i64 {
    audit_rows(db).last().map_or(0, |r| r.seq)
}

#[test]
fn a_row_deleted_together_with_its_seal_is_caught_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    busy_office(&db);
    let n = sound(&db);
    let d = dir.path();
    let id = |code: &str| -> i64 {
        Connection::open(&db)
            .unwrap()
            .query_row("SELECT id FROM staff WHERE code = ?1", [code], |r| r.get(0))
            .unwrap()
    };
    let s1 = id("S1");
    missing(
        d,
        &db,
        "checklist",
        &format!(
            "DELETE FROM notes WHERE staff_id = {s1};
             DELETE FROM checklists WHERE staff_id = {s1} AND quarter = '2026-Q3';
             DELETE FROM seals WHERE tbl = 'checklists' AND row_key = '{s1}/2026-Q3';"
        ),
        &[
            "checklist:S1:2026-Q3: deleted with its seal",
            &format!("checklists: 0 rows, the log records 1 (entry {n})"),
        ],
        &["checklist:S1:2026-Q3: bị xóa cùng dấu niêm phong"],
    );
    missing(
        d,
        &db,
        "rating",
        &format!(
            "DELETE FROM ratings WHERE staff_id = {s1} AND year = 2026 AND month = 8;
             DELETE FROM seals WHERE tbl = 'ratings' AND row_key = '{s1}/2026/8';"
        ),
        &[
            "rating:S1:2026-08: deleted with its seal",
            "ratings: 2 rows, the log records 3",
        ],
        &["xếp loại (ratings): 2 dòng, nhật ký ghi nhận 3"],
    );
    // Someone nobody rated, imported (so the log names no row of theirs):
    // the count says it.
    let s2 = id("S2");
    missing(
        d,
        &db,
        "staff",
        &format!("DELETE FROM staff WHERE id = {s2}; DELETE FROM staff_seals WHERE id = {s2};"),
        &["staff: 4 rows, the log records 5"],
        &["cán bộ (staff): 4 dòng, nhật ký ghi nhận 5"],
    );
    missing(
        d,
        &db,
        "role",
        "DELETE FROM roles WHERE login = 'pho';
         DELETE FROM seals WHERE tbl = 'roles' AND row_key = 'pho/reviewer';",
        &[
            "role:pho:reviewer: deleted with its seal",
            "roles: 2 rows, the log records 3",
        ],
        &["role:pho:reviewer: bị xóa cùng dấu niêm phong"],
    );
    // A closed round deleted: it would be open again.
    missing(
        d,
        &db,
        "round",
        "DELETE FROM rounds WHERE quarter = '2026-Q3';
         DELETE FROM seals WHERE tbl = 'rounds' AND row_key = '2026-Q3';",
        &[
            "round:2026-Q3: deleted with its seal",
            "rounds: 0 rows, the log records 1",
        ],
        &["round:2026-Q3: bị xóa cùng dấu niêm phong"],
    );
    // A setting that changes results, deleted with its seal.
    let with_setting = dir.path().join("with-setting.db");
    std::fs::copy(&db, &with_setting).unwrap();
    service(&with_setting, "hr")
        .set_setting("unit_name", "UBND quận Long Biên")
        .unwrap();
    caught(
        d,
        &with_setting,
        "UPDATE settings SET value = 'UBND khác' WHERE key = 'unit_name'",
        "setting:unit_name",
        "edited",
    );
    missing(
        d,
        &with_setting,
        "setting",
        "DELETE FROM settings WHERE key = 'unit_name';
         DELETE FROM seals WHERE tbl = 'settings' AND row_key = 'unit_name';",
        &["setting:unit_name: deleted with its seal"],
        &["setting:unit_name: bị xóa cùng dấu niêm phong"],
    );
    sound(&db);
}

#[test]
fn an_emptied_audit_log_beside_sealed_rows_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    busy_office(&db);
    missing(
        dir.path(),
        &db,
        "empty",
        "DELETE FROM audit; DELETE FROM settings WHERE key = 'audit_head';",
        &[
            "the audit log is empty but 5 staff rows are sealed",
            "the audit log is empty but 1 rounds rows are sealed",
        ],
        &["nhật ký kiểm toán trống nhưng có 5 dòng cán bộ (staff) được niêm phong"],
    );
    // Also with the head left in place.
    let copy = dir.path().join("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    let c = Connection::open(&copy).unwrap();
    drop_triggers(&c);
    c.execute_batch("DELETE FROM audit").unwrap();
    drop(c);
    assert_eq!(run(&copy, &["audit", "verify"]).status.code(), Some(1));
}

#[test]
fn a_log_cut_back_with_its_head_rewritten_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    busy_office(&db);
    let n = last_seq(&db);
    let cut = |m: i64| {
        format!(
            "DELETE FROM audit WHERE seq > {m};
             UPDATE settings SET value = (SELECT seq || ' ' || hash FROM audit WHERE seq = {m})
             WHERE key = 'audit_head';"
        )
    };
    // The round's closing and the quarter's ratings cut: the counts say it.
    missing(
        dir.path(),
        &db,
        "cut-4",
        &cut(n - 4),
        &[
            &format!("rounds: 1 rows, the log records 0 (entry {})", n - 4),
            "ratings: 3 rows, the log records 0",
        ],
        &[&format!(
            "kỳ đánh giá (rounds): 1 dòng, nhật ký ghi nhận 0 (mục {})",
            n - 4
        )],
    );
    // Only the last rating cut (an update: the counts stay): the digest says it.
    let one = dir.path().join("one.db");
    std::fs::copy(&db, &one).unwrap();
    let hr = service(&one, "hr");
    let bad = MonthlyRating {
        rating: Rating::Khtnv,
        discipline: Some(5),
        excused: false,
    };
    hr.set_rating("S1", 2026, Some(9), bad).unwrap_err(); // the round is closed
    hr.set_round_closed(Q3, false).unwrap();
    hr.set_rating("S1", 2026, Some(9), bad).unwrap();
    drop(hr);
    let m = last_seq(&one);
    missing(
        dir.path(),
        &one,
        "cut-1",
        &cut(m - 1),
        &[&format!(
            "the digest of the seals differs from the one the last entry records: rows rewritten with their seals, or the log cut back; the last entry is {}",
            m - 1
        )],
        &["dấu tổng hợp của các dấu niêm phong khác"],
    );
}

#[test]
fn a_lowered_user_version_is_refused_as_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    busy_office(&db);
    // The attack: a rating changed, the seals dropped, the version set
    // back so that danhgia's migrations would seal the rows again.
    for (lowered, sql) in [
        (
            2,
            "UPDATE ratings SET rating = 'KHTNV'; DROP TABLE seals; DROP TABLE staff_seals;",
        ),
        (
            6,
            "DELETE FROM rounds; DELETE FROM seals WHERE tbl = 'rounds';",
        ),
    ] {
        let copy = dir.path().join(format!("v{lowered}.db"));
        std::fs::copy(&db, &copy).unwrap();
        let c = Connection::open(&copy).unwrap();
        drop_triggers(&c);
        c.execute_batch(sql).unwrap();
        c.pragma_update(None, "user_version", lowered).unwrap();
        drop(c);
        let before = fingerprint(&copy);
        let out = run(&copy, &["--lang", "en", "audit", "verify"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        // The log records the version the office runs: the latest.
        assert!(
            err.contains(&format!(
                "the schema version was set back (the file says {lowered}; its audit log records {SCHEMA_VERSION})"
            )),
            "{err}"
        );
        let out = run(&copy, &["status", "--quarter", "2026-Q3"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1));
        assert!(err.contains("phiên bản lược đồ đã bị hạ xuống"), "{err}");
        assert_eq!(
            fingerprint(&copy),
            before,
            "nothing ran, nothing was sealed"
        );
    }
}

#[test]
fn a_normal_database_with_many_actions_verifies_and_its_last_entry_vouches_for_every_seal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    busy_office(&db);
    let hr = service(&db, "hr");
    hr.set_settings(&[("unit_name", "UBND quận"), ("place", "Long Biên")])
        .unwrap();
    hr.set_round_closed(Q3, false).unwrap();
    hr.set_round_closed(Q3, true).unwrap();
    let an = service(&db, "an");
    an.set_self_mark("S1", Quarter { year: 2026, q: 4 }, "I.1.1", Some(true), 0)
        .unwrap();
    drop((hr, an));
    let n = sound(&db);
    assert!(n > 30, "{n}");
    let c = Connection::open(&db).unwrap();
    let (format, rows): (i64, String) = c
        .query_row(
            "SELECT format, seal_rows FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(format, 2);
    // settings: the two header values set, and the 23 (3 header, 20 KPI)
    // frozen with the closed round.
    assert_eq!(
        rows,
        "staff=5,ratings=3,checklists=2,roles=3,rounds=1,settings=25,staff_history=0"
    );
}

#[test]
fn an_upgrade_from_schema_6_verifies_and_records_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v6.db");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/trust/schema_v6.sqlite"
        ),
        &db,
    )
    .unwrap();
    let version = || -> i64 {
        Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(), 6, "the fixture is a schema-6 database");
    let before = audit_rows(&db).len();
    let n = sound(&db);
    let latest = version();
    assert!(latest >= 8, "{latest}");
    assert_eq!(latest, SCHEMA_VERSION as i64);
    let rows = audit_rows(&db);
    let new: Vec<(&str, &str)> = rows[before..]
        .iter()
        .map(|r| (r.action.as_str(), r.entity.as_str()))
        .collect();
    // The settings sealed at 7; the staff history joins empty at 8.
    let migrated = format!("schema:{latest}");
    assert_eq!(new, [("seal", "seals"), ("migrate", migrated.as_str())]);
    assert_eq!(n as usize, before + 2);
    // The old entries kept their format; tampering is caught from now on.
    let c = Connection::open(&db).unwrap();
    let old: i64 = c
        .query_row("SELECT count(*) FROM audit WHERE format = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(old as usize, before);
    drop(c);
    // The staff history, written after the upgrade, verifies; a change
    // dated inside the closed 2026-Q1 is refused.
    let file = dir.path().join("moved.csv");
    std::fs::write(
        &file,
        "code,full_name,birth_date,title,unit,kind,group,party_member,manager_code,joined\n\
         NV01,Nguyễn Thị Lan,,Chuyên viên,Thanh tra,staff,CC,1,LD03,01/09/2012\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let out = run(&db, &["import", "staff", file, "--effective", "15/03/2026"]);
    assert_eq!(out.status.code(), Some(1));
    ok(&db, &["import", "staff", file, "--effective", "01/08/2026"]);
    assert_eq!(sound(&db) as usize, before + 3);
    let c = Connection::open(&db).unwrap();
    let entries: i64 = c
        .query_row("SELECT count(*) FROM staff_history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entries, 2, "NV01 from joining, and from 1/8");
    c.execute_batch("DELETE FROM rounds; DELETE FROM seals WHERE tbl = 'rounds';")
        .unwrap();
    drop(c);
    assert_eq!(run(&db, &["audit", "verify"]).status.code(), Some(1));
}

#[test]
fn an_admin_acting_as_someone_is_recorded_as_both() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    small_office(&db);
    let as_an =
        Service::from_store(danhgia::store::Store::open(&db).unwrap(), "hr", Some("an")).unwrap();
    as_an
        .set_self_mark("S1", Q3, "I.1.1", Some(true), 0)
        .unwrap();
    drop(as_an);
    let c = Connection::open(&db).unwrap();
    let (who, acting_as): (String, Option<String>) = c
        .query_row(
            "SELECT who, acting_as FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((who.as_str(), acting_as.as_deref()), ("hr", Some("an")));
    let (who, acting_as): (String, Option<String>) = c
        .query_row("SELECT who, acting_as FROM audit WHERE seq = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((who.as_str(), acting_as), ("hr", None));
    drop(c);
    let n = sound(&db);
    // Both are in the entry's hash.
    let mut c = Connection::open(&db).unwrap();
    assert_eq!(
        verify_after(
            &mut c,
            &format!("UPDATE audit SET acting_as = NULL WHERE seq = {n}")
        ),
        Verification::Broken {
            seq: n,
            problem: BrokenLink::Edited
        }
    );
}

/// Receives every datagram waiting on `sock` into `log`, as lines.
fn drain(sock: &std::os::unix::net::UnixDatagram, log: &Path) -> usize {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    let mut buf = [0u8; 2048];
    let mut n = 0;
    while let Ok(len) = sock.recv(&mut buf) {
        f.write_all(&buf[..len]).unwrap();
        f.write_all(b"\n").unwrap();
        n += 1;
    }
    n
}

#[test]
fn the_system_log_catches_a_rewrite_of_the_whole_file_and_reports_what_it_does_not_cover() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let socket = dir.path().join("log.sock");
    let log = dir.path().join("syslog");
    let sock = std::os::unix::net::UnixDatagram::bind(&socket).unwrap();
    sock.set_nonblocking(true).unwrap();
    let logged = |args: &[&str]| {
        let out = bin()
            .arg("--db")
            .arg(&db)
            .args(args)
            .env(danhgia::store::journal::ENV_SOCKET, &socket)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    logged(&["init"]);
    let after_init = dir.path().join("after-init.db");
    std::fs::copy(&db, &after_init).unwrap();
    logged(&["grant", "reviewer", "truong"]);
    logged(&["round", "close", "2026-Q3", "--force"]);
    assert_eq!(drain(&sock, &log), 3, "one head per commit");
    // A change while the system log is not there (the test hook set empty).
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["round", "open", "2026-Q3"])
        .env(danhgia::store::journal::ENV_SOCKET, "")
        .output()
        .unwrap();
    assert!(out.status.success());
    logged(&["grant", "reviewer", "pho"]);
    assert_eq!(drain(&sock, &log), 1);
    let journal = log.to_str().unwrap();
    let out = ok(
        &db,
        &["--lang", "en", "audit", "verify", "--journal", journal],
    );
    assert!(out.contains("Audit log intact: 5 entries"), "{out}");
    assert!(
        out.contains("System log: heads of this database that match the chain: 4"),
        "{out}"
    );
    assert!(
        out.contains("Not tampering, for information: the system log does not cover entries 4–4 ("),
        "{out}"
    );
    // The whole file rewritten: the copy made after init, with other
    // changes (consistent on its own: audit verify alone says intact).
    std::fs::copy(&after_init, &db).unwrap();
    for args in [
        &["grant", "reviewer", "mallory"][..],
        &["round", "close", "2026-Q4", "--force"],
    ] {
        let out = bin()
            .arg("--db")
            .arg(&db)
            .args(args)
            .env(danhgia::store::journal::ENV_SOCKET, "")
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    assert_eq!(sound(&db), 3);
    let out = run(
        &db,
        &["--lang", "en", "audit", "verify", "--journal", journal],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("The system log records a head this database does not have"),
        "{err}"
    );
    assert!(err.contains("entry 2 hash"), "{err}");
    let out = run(&db, &["audit", "verify", "--journal", journal]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nhật ký hệ thống ghi nhận đầu chuỗi"),);
    // Another database's heads in the same log are not this one's.
    let other = dir.path().join("other.db");
    ok(&other, &["init"]);
    let out = ok(
        &other,
        &["--lang", "en", "audit", "verify", "--journal", journal],
    );
    assert!(
        out.contains("The system log has no head of this database"),
        "{out}"
    );
}
