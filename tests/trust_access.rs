#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Who may do what (SPEC section 8, docs/RULES.md "Who may do what"), as one
//! table: every operation of the service a person can call × who calls it ×
//! whether 2026-Q3's round is open or closed, each on a fresh copy of the
//! same office with the operation's data prepared by the admin, asserting
//! allowed or refused — and that a refusal changed nothing at all (every
//! row of every table as before), while an allowed write added its audit
//! entries.
//!
//! Also: `--as` is refused for non-admins (through the service and through
//! the CLI), and identity is the real uid's account even when `USER` and
//! `LOGNAME` lie (see also tests/cli_assessment.rs,
//! `identity_comes_from_the_real_uid_not_the_environment`).

mod trust_common;

use danhgia::domain::records::Problem;
use danhgia::service::{Denied, Service, ServiceError};
use danhgia::store::Store;
use trust_common::ops::{Q3, ops, small_office};
use trust_common::*;

/// Who calls, as the table's columns.
const WHO: [(&str, &str); 6] = [
    ("admin", "hr"),
    ("reviewer of S1", "truong"),
    ("reviewer of another", "pho"),
    ("S1 themself", "an"),
    ("another staff member", "binh"),
    ("unknown login", "mallory"),
];

/// The expected table. Each cell, for admin, S1's reviewer, another
/// reviewer, S1, a colleague, an unknown login:
/// `Y` allowed · `-` allowed, but S1 is not in what comes back (lists) ·
/// `N` refused: not theirs to do · `L` refused: the round is closed.
///
/// Read it against docs/RULES.md: self marks, notes and submit are the
/// person's while a draft (admins always); review, accept, approve, return
/// are the direct manager's with the reviewer role while submitted (admins
/// always); a note on a submitted checklist is the reviewer's; imports,
/// ratings, rounds, roles, backup and settings are the admin's; a person
/// logs and changes their own unconfirmed KPI entries, their reviewer
/// confirms; a closed round refuses every write to it, to everyone, while
/// closing, reopening, roles, backup, settings, the staff list and the
/// catalog do not belong to a round. Reads: the admin sees everyone, a
/// person themselves, a reviewer their direct subordinates; the KPI catalog
/// and the audit check are open to all.
#[rustfmt::skip]
const EXPECTED: &[(&str, &str, &str)] = &[
    //  operation                        open           closed
    ("self mark [draft]",               "Y N N Y N N", "L L L L L L"),
    ("self mark [submitted]",           "Y N N N N N", "L L L L L L"),
    ("note [draft]",                    "Y N N Y N N", "L L L L L L"),
    ("note [submitted]",                "Y Y N N N N", "L L L L L L"),
    ("submit [all self-marked]",        "Y N N Y N N", "L L L L L L"),
    ("review mark [submitted]",         "Y Y N N N N", "L L L L L L"),
    ("review mark [draft]",             "Y N N N N N", "L L L L L L"),
    ("accept remaining [submitted]",    "Y Y N N N N", "L L L L L L"),
    ("approve [all reviewed]",          "Y Y N N N N", "L L L L L L"),
    ("return [submitted]",              "Y Y N N N N", "L L L L L L"),
    ("outstanding [submitted]",         "Y Y N N N N", "L L L L L L"),
    ("rating",                          "Y N N N N N", "L N N N N N"),
    ("quarter ratings",                 "Y N N N N N", "L N N N N N"),
    ("import staff",                    "Y N N N N N", "Y N N N N N"),
    ("import ratings",                  "Y N N N N N", "L N N N N N"),
    ("import marks",                    "Y N N N N N", "L N N N N N"),
    ("import catalog",                  "Y N N N N N", "Y N N N N N"),
    ("import tasks",                    "Y N N N N N", "L N N N N N"),
    ("close round",                     "Y N N N N N", "Y N N N N N"),
    ("reopen round",                    "Y N N N N N", "Y N N N N N"),
    ("grant reviewer",                  "Y N N N N N", "Y N N N N N"),
    ("backup",                          "Y N N N N N", "Y N N N N N"),
    ("setting",                         "Y N N N N N", "Y N N N N N"),
    ("settings (two at once)",          "Y N N N N N", "Y N N N N N"),
    ("kpi settings",                    "Y N N N N N", "Y N N N N N"),
    ("kpi add",                         "Y N N Y N N", "L N N L N N"),
    ("kpi edit [unconfirmed]",          "Y N N Y N N", "L N N L N N"),
    ("kpi delete [unconfirmed]",        "Y N N Y N N", "L N N L N N"),
    ("kpi confirm [done]",              "Y Y N N N N", "L L N N N N"),
    ("kpi unconfirm [confirmed]",       "Y Y N N N N", "L L N N N N"),
    ("kpi edit [confirmed]",            "Y N N N N N", "L N N N N N"),
    ("checklist",                       "Y Y N Y N N", "Y Y N Y N N"),
    ("status of S1",                    "Y Y N Y N N", "Y Y N Y N N"),
    ("status list",                     "Y Y - Y - -", "Y Y - Y - -"),
    ("status list of the unit",         "Y Y - Y - -", "Y Y - Y - -"),
    ("quarter ratings (read)",          "Y Y N Y N N", "Y Y N Y N N"),
    ("yearly rating (read)",            "Y Y N Y N N", "Y Y N Y N N"),
    ("kpi log",                         "Y Y N Y N N", "Y Y N Y N N"),
    ("kpi entry",                       "Y Y N Y N N", "Y Y N Y N N"),
    ("kpi summary",                     "Y Y - Y - -", "Y Y - Y - -"),
    ("kpi summary of the unit",         "Y Y - Y - -", "Y Y - Y - -"),
    ("commend quarter",                 "Y Y - Y - -", "Y Y - Y - -"),
    ("commend year",                    "Y Y - Y - -", "Y Y - Y - -"),
    ("commitment roll",                 "Y Y - Y - -", "Y Y - Y - -"),
    ("assessor of S1",                  "Y Y N Y N N", "Y Y N Y N N"),
    ("report 03 (checklists)",          "Y Y - Y - -", "Y Y - Y - -"),
    ("report 04 (notice)",              "Y Y - Y - -", "Y Y - Y - -"),
    ("report 05A (commendation)",       "Y Y - Y - -", "Y Y - Y - -"),
    ("audit verify",                    "Y Y Y Y Y Y", "Y Y Y Y Y Y"),
    ("rounds",                          "Y Y Y Y Y Y", "Y Y Y Y Y Y"),
    ("kpi catalog",                     "Y Y Y Y Y Y", "Y Y Y Y Y Y"),
];

fn cell(r: &Result<bool, ServiceError>) -> String {
    match r {
        Ok(true) => "Y".into(),
        Ok(false) => "-".into(),
        Err(ServiceError::Denied(_)) => "N".into(),
        Err(ServiceError::RoundClosed(_)) => "L".into(),
        // An import into a closed round names every row it refuses.
        Err(ServiceError::ImportRefused(p))
            if p.iter()
                .all(|p| matches!(p.problem, Problem::RoundClosed { .. })) =>
        {
            "L".into()
        }
        Err(e) => format!("?({e})"),
    }
}

#[test]
fn every_operation_by_every_role_in_open_and_closed_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.db");
    small_office(&template);
    let ops = ops();
    let expected: std::collections::HashMap<&str, (&str, &str)> =
        EXPECTED.iter().map(|(n, o, c)| (*n, (*o, *c))).collect();
    assert_eq!(
        expected.len(),
        ops.len(),
        "one row per operation, no more, no less"
    );
    let mut actual_table = String::new();
    let mut wrong = Vec::new();
    let mut cases = 0;
    for op in &ops {
        let mut row = [String::new(), String::new()];
        for (s, closed) in [false, true].into_iter().enumerate() {
            let mut cells = Vec::new();
            for (who, login) in WHO {
                cases += 1;
                let case = dir.path().join(format!("case-{cases}"));
                std::fs::create_dir(&case).unwrap();
                let db = case.join("office.db");
                std::fs::copy(&template, &db).unwrap();
                let prepared = {
                    let hr = service(&db, "hr");
                    let p = (op.setup)(&hr, &case);
                    if closed {
                        hr.set_round_closed(Q3, true).unwrap();
                    }
                    p
                };
                let before = fingerprint(&db);
                let audit_before = audit_rows(&db).len();
                let svc = service(&db, login);
                let r = (op.run)(&svc, &prepared);
                drop(svc);
                let c = cell(&r);
                match &r {
                    Err(_) => assert_eq!(
                        fingerprint(&db),
                        before,
                        "{}, {who}, closed {closed}: refused, yet something changed",
                        op.name
                    ),
                    Ok(_) if op.write => assert_eq!(
                        audit_rows(&db).len(),
                        audit_before + op.audit,
                        "{}, {who}: its audit entries",
                        op.name
                    ),
                    Ok(_) => {
                        assert_eq!(fingerprint(&db), before, "{}, {who}: a read wrote", op.name)
                    }
                }
                cells.push(c);
            }
            row[s] = cells.join(" ");
        }
        actual_table.push_str(&format!(
            "    ({:<32} {:?}, {:?}),\n",
            format!("{:?},", op.name),
            row[0],
            row[1]
        ));
        match expected.get(op.name) {
            Some((o, c)) if *o == row[0] && *c == row[1] => {}
            other => wrong.push(format!(
                "{}: expected {other:?}, got ({:?}, {:?})",
                op.name, row[0], row[1]
            )),
        }
    }
    assert!(
        wrong.is_empty(),
        "{}\n\nthe table as it is:\n{actual_table}",
        wrong.join("\n")
    );
    eprintln!(
        "figures: {} operations × {} callers × 2 round states = {cases} cases",
        ops.len(),
        WHO.len()
    );
}

#[test]
fn act_as_is_refused_for_non_admins_through_the_service() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    small_office(&db);
    for login in ["truong", "an", "mallory"] {
        let r = Service::from_store(Store::open(&db).unwrap(), login, Some("hr"));
        assert!(
            matches!(r, Err(ServiceError::Denied(Denied::ActAsNotAdmin))),
            "{login}"
        );
    }
    let as_an = Service::from_store(Store::open(&db).unwrap(), "hr", Some("an")).unwrap();
    assert_eq!(as_an.actor().login, "an");
    assert!(
        !as_an.actor().roles.admin,
        "acting as a person, with their rights only"
    );
}

#[test]
fn act_as_is_refused_for_non_admins_through_the_cli_and_env_lies_change_nothing() {
    // The office's admin is `hr`; this process's own account is not on it.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    small_office(&db);
    let me = danhgia::service::os_login();
    assert_ne!(me, "hr");
    let before = fingerprint(&db);
    for args in [
        &["--as", "hr", "round", "close", "2026-Q3"][..],
        &["--as", "hr", "status", "--quarter", "2026-Q3"][..],
        &["--as", "an", "audit", "verify"][..],
    ] {
        let out = run(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--as"), "{args:?}: {err}");
    }
    // USER and LOGNAME claiming to be the admin change nothing: identity is
    // the real uid's account.
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["round", "close", "2026-Q3"])
        .env("USER", "hr")
        .env("LOGNAME", "hr")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fingerprint(&db), before, "nothing was written");
    // Made an admin, the same account may act as someone, with their rights.
    service(&db, "hr").grant("admin", &me).unwrap();
    let out = ok(
        &db,
        &[
            "--as",
            "an",
            "status",
            "--quarter",
            "2026-Q3",
            "--format",
            "csv",
        ],
    );
    let codes: Vec<&str> = out
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(codes, ["S1"], "acting as an, one sees what an sees");
    let out = run(&db, &["--as", "an", "round", "close", "2026-Q3"]);
    assert_eq!(out.status.code(), Some(1), "an is not an admin");
}
