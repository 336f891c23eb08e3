#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The manager of record per month (SPEC section 3, issue 14 item 5): the
//! staff record keeps the history of manager, unit, kind and title with
//! their effective dates; rule 3 for a month counts the subordinates whose
//! manager of record at its end was the leader; the kind and manager on the
//! assessment date decide the form and the reviewer; the forms print the
//! unit and title on record for the quarter. Through the real binary where
//! a person would type it, through the service for the refusals' details.

mod trust_common;

use danhgia::domain::records::{Numbered, Problem, StaffRecord};
use danhgia::domain::{Employment, Quarter, Staff, StaffKind};
use danhgia::service::{Service, ServiceError};
use serde_json::Value;
use std::path::{Path, PathBuf};
use trust_common::{ok, run, sound};

const HEADER: &str = "code,full_name,birth_date,title,unit,kind,group,party_member,manager_code,login,position_code,grade,joined,left";

/// GD heads L1 (Phòng Nội vụ) and L2 (Phòng Tư pháp); NV works under L1,
/// P under L2; everyone joined on 1/1/2020.
const STAFF: &[&str] = &[
    "GD,Nguyễn Văn Giám,,Giám đốc,Ban Giám đốc,leader,CBLĐQL,1,,gd,,,01/01/2020,",
    "L1,Trần Văn Một,,Trưởng phòng,Phòng Nội vụ,leader,CBLĐQL,1,GD,l1,,,01/01/2020,",
    "L2,Lê Thị Hai,,Trưởng phòng,Phòng Tư pháp,leader,CBLĐQL,1,GD,l2,,,01/01/2020,",
    "NV,Phạm Thị Năm,,Chuyên viên,Phòng Nội vụ,staff,CC,0,L1,nv,,,01/01/2020,",
    "P,Đỗ Văn Sáu,,Chuyên viên,Phòng Tư pháp,staff,CC,0,L2,p,,,01/01/2020,",
];

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn staff_file(dir: &Path, name: &str, rows: &[&str]) -> String {
    write(dir, name, &format!("{HEADER}\n{}\n", rows.join("\n")))
}

/// Everyone rated HTTNV 20/20 for July–September 2026, but for `htnv`:
/// (code, month) rated HTNV.
fn ratings(dir: &Path, htnv: &[(&str, u8)]) -> String {
    let mut text = String::from("code,year,month,rating,discipline,excused\n");
    for code in ["GD", "L1", "L2", "NV", "P"] {
        for month in 7..=9u8 {
            let rating = if htnv.contains(&(code, month)) {
                "HTNV"
            } else {
                "HTTNV"
            };
            text.push_str(&format!("{code},2026,{month},{rating},20,0\n"));
        }
    }
    write(dir, "ratings.csv", &text)
}

fn office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    ok(&db, &["init"]);
    ok(
        &db,
        &[
            "import",
            "staff",
            &staff_file(dir.path(), "staff.csv", STAFF),
        ],
    );
    ok(
        &db,
        &["import", "ratings", &ratings(dir.path(), &[("NV", 7)])],
    );
    (dir, db)
}

/// NV moved from L1 to L2 (Phòng Tư pháp, as Chuyên viên chính) on 1/8/2026.
fn move_nv(dir: &Path, db: &Path) {
    let mut rows = STAFF.to_vec();
    rows[3] = "NV,Phạm Thị Năm,,Chuyên viên chính,Phòng Tư pháp,staff,CC,0,L2,nv,,,01/01/2020,";
    let file = staff_file(dir, "moved.csv", &rows);
    ok(db, &["import", "staff", &file, "--effective", "01/08/2026"]);
}

fn status(db: &Path, q: &str) -> Vec<Value> {
    let out = ok(db, &["status", "--quarter", q, "--format", "json"]);
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn row<'a>(rows: &'a [Value], code: &str) -> &'a Value {
    rows.iter().find(|r| r["code"] == code).unwrap()
}

/// The (subordinate, month) of each `subordinate` reason of `code`.
fn subordinate_reasons(rows: &[Value], code: &str) -> Vec<(String, u64)> {
    row(rows, code)["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["code"] == "subordinate")
        .map(|r| {
            (
                r["staff"].as_str().unwrap().to_owned(),
                r["month"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_person_moved_on_1_august_counts_for_the_former_leader_in_july_and_the_new_one_after() {
    let (dir, db) = office();
    let before = status(&db, "2026-Q3");
    assert_eq!(subordinate_reasons(&before, "L1"), [("NV".to_owned(), 7)]);
    move_nv(dir.path(), &db);

    // NV's HTNV of July is L1's, who was NV's manager at the end of July:
    // L1 fails, L2 does not (the current manager would have had it the
    // other way round).
    let rows = status(&db, "2026-Q3");
    assert_eq!(row(&rows, "L1")["result"], "fail");
    assert_eq!(subordinate_reasons(&rows, "L1"), [("NV".to_owned(), 7)]);
    assert!(subordinate_reasons(&rows, "L2").is_empty(), "{rows:?}");

    // An HTNV of August is L2's alone.
    ok(
        &db,
        &[
            "import",
            "ratings",
            &ratings(dir.path(), &[("NV", 7), ("NV", 8)]),
        ],
    );
    let rows = status(&db, "2026-Q3");
    assert_eq!(subordinate_reasons(&rows, "L1"), [("NV".to_owned(), 7)]);
    assert_eq!(subordinate_reasons(&rows, "L2"), [("NV".to_owned(), 8)]);
    assert_eq!(row(&rows, "L2")["result"], "fail");

    // The quarter shows NV where the record has them on its assessment
    // date: Phòng Tư pháp in Q3, Phòng Nội vụ in Q2.
    assert_eq!(row(&rows, "NV")["unit"], "Phòng Tư pháp");
    assert_eq!(row(&status(&db, "2026-Q2"), "NV")["unit"], "Phòng Nội vụ");
    // And so does a unit's status.
    let out = ok(
        &db,
        &[
            "status",
            "--quarter",
            "2026-Q2",
            "--unit",
            "Phòng Nội vụ",
            "--format",
            "json",
        ],
    );
    assert!(out.contains("\"NV\""), "{out}");
    sound(&db);
    // The history decides results: it is sealed like them.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE staff_history SET manager_code = 'L1' WHERE effective = '2026-08-01'",
            [],
        )
        .unwrap();
    let out = run(&db, &["--lang", "en", "audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("history:NV:2026-08-01"), "{said}");
}

#[test]
fn form_03_prints_the_title_and_unit_on_record_for_its_quarter() {
    let (dir, db) = office();
    move_nv(dir.path(), &db);
    for (q, line) in [
        ("2026-Q2", "Chuyên viên, Phòng Nội vụ"),
        ("2026-Q3", "Chuyên viên chính, Phòng Tư pháp"),
    ] {
        let out = dir.path().join(format!("03-{q}.md"));
        ok(
            &db,
            &[
                "report",
                "03",
                "--quarter",
                q,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        let text = std::fs::read_to_string(&out).unwrap();
        let nv = text.find("Phạm Thị Năm").unwrap();
        assert!(text[nv..].contains(line), "{q}: {}", &text[nv..nv + 400]);
    }
}

#[test]
fn a_change_of_kind_mid_quarter_gives_the_form_of_the_assessment_date() {
    let (dir, db) = office();
    // P becomes a leader on 1/8/2026, dated in the file's own column.
    let header = format!("{HEADER},Ngày hiệu lực");
    let text = format!(
        "{header}\n{}\n",
        STAFF
            .iter()
            .map(|r| {
                if r.starts_with("P,") {
                    "P,Đỗ Văn Sáu,,Phó Trưởng phòng,Phòng Tư pháp,leader,CBLĐQL,0,L2,p,,,01/01/2020,,01/08/2026".to_owned()
                } else {
                    format!("{r},")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    );
    ok(
        &db,
        &["import", "staff", &write(dir.path(), "kind.csv", &text)],
    );
    let q3 = status(&db, "2026-Q3");
    assert_eq!(
        (&row(&q3, "P")["kind"], &row(&q3, "P")["items_total"]),
        (&Value::from("leader"), &Value::from(27))
    );
    let q2 = status(&db, "2026-Q2");
    assert_eq!(
        (&row(&q2, "P")["kind"], &row(&q2, "P")["items_total"]),
        (&Value::from("staff"), &Value::from(18))
    );
    // The same file again changes nothing.
    let again = ok(
        &db,
        &["import", "staff", &write(dir.path(), "kind.csv", &text)],
    );
    assert!(again.contains("(0 "), "{again}");
    sound(&db);
}

#[test]
fn a_change_dated_inside_or_before_a_closed_quarter_is_refused_naming_the_row() {
    let (dir, db) = office();
    ok(&db, &["round", "close", "2026-Q2", "--force"]);
    let mut rows = STAFF.to_vec();
    rows[4] = "P,Đỗ Văn Sáu,,Chuyên viên,Phòng Nội vụ,staff,CC,0,L1,p,,,01/01/2020,";
    let file = staff_file(dir.path(), "p.csv", &rows);
    let before = trust_common::fingerprint(&db);
    for date in ["15/06/2026", "01/03/2026"] {
        let out = run(&db, &["import", "staff", &file, "--effective", date]);
        assert_eq!(out.status.code(), Some(1), "{date}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(":6:") && err.contains("2026-Q2") && err.contains(date),
            "{err}"
        );
        assert_eq!(trust_common::fingerprint(&db), before, "nothing written");
    }
    // Dated after the closed quarter, ISO as the importer reads dates.
    ok(
        &db,
        &["import", "staff", &file, "--effective", "2026-07-01"],
    );
    let q3 = status(&db, "2026-Q3");
    assert_eq!(row(&q3, "P")["unit"], "Phòng Nội vụ");
    // A bad date is refused before anything is read.
    let out = run(
        &db,
        &["import", "staff", &file, "--effective", "31/02/2026"],
    );
    assert_eq!(out.status.code(), Some(1));
    sound(&db);
}

// ---- through the service: the refusals ----

fn person(code: &str, kind: StaffKind, manager: Option<&str>) -> Staff {
    let mut s = Staff::new(code, &format!("Người {code}"), "Phòng", kind, manager, None);
    s.employment = Employment {
        joined: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
        left: None,
    };
    s
}

fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn records(staff: Vec<Staff>) -> Vec<Numbered<StaffRecord>> {
    staff
        .into_iter()
        .enumerate()
        .map(|(i, s)| Numbered {
            row: i + 2,
            record: s.into(),
        })
        .collect()
}

fn refused(r: danhgia::service::Result<danhgia::service::ImportSummary>) -> Vec<(usize, Problem)> {
    match r {
        Err(ServiceError::ImportRefused(p)) => p.into_iter().map(|p| (p.row, p.problem)).collect(),
        other => panic!("not refused: {other:?}"),
    }
}

/// L1 heads L2; L2 heads L3.
fn chain() -> (tempfile::TempDir, Service, Vec<Staff>) {
    let dir = tempfile::tempdir().unwrap();
    let hr = Service::init(&dir.path().join("x.db"), "hr").unwrap();
    let staff = vec![
        person("L1", StaffKind::Leader, None),
        person("L2", StaffKind::Leader, Some("L1")),
        person("L3", StaffKind::Leader, Some("L2")),
    ];
    hr.import_staff_records("s.csv", &records(staff.clone()), None)
        .unwrap();
    (dir, hr, staff)
}

#[test]
fn manager_links_that_loop_only_between_two_dated_changes_are_refused() {
    let (_dir, hr, mut staff) = chain();
    // L3 goes under L1 on 1/10.
    staff[2].manager_code = Some("L1".into());
    hr.import_staff_records("a.csv", &records(staff.clone()), Some(d(2026, 10, 1)))
        .unwrap();
    // L2 under L3 from 1/9: today's links are a tree (L2 → L3 → L1), but in
    // September L3 was still under L2.
    staff[1].manager_code = Some("L3".into());
    let problems =
        refused(hr.import_staff_records("b.csv", &records(staff.clone()), Some(d(2026, 9, 1))));
    assert_eq!(
        problems,
        [(
            3,
            Problem::ManagerCycleOn {
                date: "01/09/2026".into()
            }
        )]
    );
    // From 1/10 on there is no loop.
    hr.import_staff_records("b.csv", &records(staff), Some(d(2026, 10, 1)))
        .unwrap();
}

#[test]
fn a_loop_across_the_file_and_the_database_is_refused() {
    let (_dir, hr, mut staff) = chain();
    staff[0].manager_code = Some("L3".into());
    let problems = refused(hr.import_staff_records("c.csv", &records(staff), None));
    assert!(
        problems.contains(&(2, Problem::ManagerCycle)),
        "{problems:?}"
    );
}

#[test]
fn a_change_before_joining_or_before_the_last_recorded_change_is_refused() {
    let (_dir, hr, mut staff) = chain();
    staff[2].unit = "Thanh tra".into();
    assert_eq!(
        refused(hr.import_staff_records("u.csv", &records(staff.clone()), Some(d(2019, 6, 1)))),
        [(4, Problem::ChangeBeforeJoined)]
    );
    hr.import_staff_records("u.csv", &records(staff.clone()), Some(d(2026, 8, 1)))
        .unwrap();
    staff[2].title = "Phó Chánh Thanh tra".into();
    assert_eq!(
        refused(hr.import_staff_records("t.csv", &records(staff.clone()), Some(d(2026, 7, 1)))),
        [(
            4,
            Problem::ChangeBeforeLastChange {
                last: "01/08/2026".into()
            }
        )]
    );
    // The same date corrects the change.
    hr.import_staff_records("t.csv", &records(staff), Some(d(2026, 8, 1)))
        .unwrap();
    let q3 = hr.status(Quarter { year: 2026, q: 3 }, None).unwrap();
    let l3 = q3.iter().find(|r| r.staff.staff.code == "L3").unwrap();
    assert_eq!(
        (l3.staff.staff.unit.as_str(), l3.staff.staff.title.as_str()),
        ("Thanh tra", "Phó Chánh Thanh tra")
    );
    let q2 = hr.status(Quarter { year: 2026, q: 2 }, None).unwrap();
    let l3 = q2.iter().find(|r| r.staff.staff.code == "L3").unwrap();
    assert_eq!(l3.staff.staff.unit, "Phòng");
}

#[test]
fn the_reviewer_of_a_quarter_is_the_manager_of_record_on_its_assessment_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let hr = Service::init(&db, "hr").unwrap();
    let mut staff = vec![
        person("L1", StaffKind::Leader, None),
        person("L2", StaffKind::Leader, None),
        person("S", StaffKind::Staff, Some("L1")),
    ];
    staff[0].login = Some("l1".into());
    staff[1].login = Some("l2".into());
    staff[2].login = Some("s".into());
    hr.import_staff_records("s.csv", &records(staff.clone()), None)
        .unwrap();
    staff[2].manager_code = Some("L2".into());
    hr.import_staff_records("m.csv", &records(staff), Some(d(2026, 8, 1)))
        .unwrap();
    hr.grant("reviewer", "l1").unwrap();
    hr.grant("reviewer", "l2").unwrap();
    let q2 = Quarter { year: 2026, q: 2 };
    let q3 = Quarter { year: 2026, q: 3 };
    // S submits both quarters.
    let s = Service::from_store(danhgia::store::Store::open(&db).unwrap(), "s", None).unwrap();
    for q in [q2, q3] {
        let mut v = s.checklist("S", q).unwrap();
        for id in v.items.iter().map(|i| i.id).collect::<Vec<_>>() {
            v = s.set_self_mark("S", q, id, Some(true), v.version).unwrap();
        }
        s.submit("S", q, v.version).unwrap();
    }
    let as_login =
        |l: &str| Service::from_store(danhgia::store::Store::open(&db).unwrap(), l, None).unwrap();
    let (l1, l2) = (as_login("l1"), as_login("l2"));
    let version = |q| hr.checklist("S", q).unwrap().version;
    assert!(
        l1.set_review_mark("S", q2, "I.1.1", Some(true), version(q2))
            .is_ok()
    );
    assert!(
        l2.set_review_mark("S", q2, "I.1.1", Some(true), version(q2))
            .is_err()
    );
    assert!(
        l2.set_review_mark("S", q3, "I.1.1", Some(true), version(q3))
            .is_ok()
    );
    assert!(
        l1.set_review_mark("S", q3, "I.1.1", Some(true), version(q3))
            .is_err()
    );
    assert_eq!(
        hr.assessor_of("S", q2).unwrap().map(|r| r.staff.code),
        Some("L1".to_owned())
    );
    // Each sees S in the quarter they review.
    let codes = |svc: &Service, q| -> Vec<String> {
        svc.status(q, None)
            .unwrap()
            .into_iter()
            .map(|r| r.staff.staff.code)
            .collect()
    };
    assert_eq!(codes(&l1, q2), ["L1", "S"]);
    assert_eq!(codes(&l1, q3), ["L1"]);
    assert_eq!(codes(&l2, q3), ["L2", "S"]);
    let mut roster = Vec::new();
    l2.roster(q3, |l| roster.push(l.code.to_owned())).unwrap();
    assert_eq!(roster, ["L2", "S"]);
    let mut roster = Vec::new();
    l2.roster(q2, |l| roster.push(l.code.to_owned())).unwrap();
    assert_eq!(roster, ["L2"]);
}

#[test]
fn the_tuis_list_and_live_result_agree_with_status_across_a_move() {
    let (dir, db) = office();
    move_nv(dir.path(), &db);
    ok(
        &db,
        &[
            "import",
            "ratings",
            &ratings(dir.path(), &[("NV", 7), ("NV", 8)]),
        ],
    );
    let me = danhgia::service::identity::os_login();
    let svc = trust_common::service(&db, &me);
    for q in [Quarter { year: 2026, q: 2 }, Quarter { year: 2026, q: 3 }] {
        let status = svc.status(q, None).unwrap();
        let mut lines = Vec::new();
        svc.roster(q, |l| {
            lines.push((l.code.to_owned(), l.unit.to_owned(), l.kind, l.outcome))
        })
        .unwrap();
        let expected: Vec<_> = status
            .iter()
            .map(|r| {
                (
                    r.staff.staff.code.clone(),
                    r.staff.staff.unit.clone(),
                    r.staff.staff.kind,
                    r.result.outcome,
                )
            })
            .collect();
        // The list streams in the current units' order; status orders by
        // the units on record for the quarter.
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let mut expected = expected;
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(lines, expected, "{q}");
        for r in &status {
            let code = &r.staff.staff.code;
            let facts = svc.quarter_facts(code, q).unwrap();
            let view = svc.checklist(code, q).unwrap();
            let reviews: Vec<_> = view.items.iter().map(|i| i.review).collect();
            let marks: Vec<_> = view.items.iter().map(|i| i.self_mark).collect();
            let live = facts.evaluate(
                svc.forms(),
                danhgia::domain::rules::ChecklistInput {
                    state: (view.version != 0).then_some(view.state),
                    self_marks: &marks,
                    reviews: &reviews,
                },
            );
            assert_eq!(live, r.result, "{code} in {q}");
            assert_eq!(
                live,
                svc.status_of(code, q).unwrap().result,
                "{code} in {q}"
            );
        }
    }
}

#[test]
fn a_newcomers_record_corrected_on_their_joining_date_changes_no_closed_quarter() {
    let (_dir, hr, mut staff) = chain();
    hr.set_round_closed(Quarter { year: 2026, q: 2 }, true)
        .unwrap();
    let mut new = person("N", StaffKind::Staff, Some("L2"));
    new.employment.joined = Some(d(2026, 8, 1));
    staff.push(new);
    hr.import_staff_records("n.csv", &records(staff.clone()), None)
        .unwrap();
    // Dated on their joining date: the record they start with, corrected.
    staff[3].manager_code = Some("L3".into());
    hr.import_staff_records("n.csv", &records(staff.clone()), Some(d(2026, 8, 1)))
        .unwrap();
    let q3 = hr.status(Quarter { year: 2026, q: 3 }, None).unwrap();
    let n = q3.iter().find(|r| r.staff.staff.code == "N").unwrap();
    assert_eq!(n.staff.staff.manager_code.as_deref(), Some("L3"));
    // Someone who was there during the closed quarter cannot be corrected
    // from the start.
    staff[2].unit = "Thanh tra".into();
    assert_eq!(
        refused(hr.import_staff_records("u.csv", &records(staff), Some(d(2020, 1, 1)))),
        [(
            4,
            Problem::ChangeInClosedRound {
                quarter: "2026-Q2".into()
            }
        )]
    );
}
