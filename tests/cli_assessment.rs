#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The command line end to end on real files: `init`, three imports and
//! `status` give the results SPEC section 3 demands for a scenario written by
//! hand (tests/fixtures/scenario/), bad files are refused whole, concurrent
//! imports both land, and `audit verify` catches tampering.
//!
//! The scenario, 2026-Q3: Phòng Nội vụ (LD01 pending on NV07's September;
//! LD02 and NV06 submitted, waiting on LD01; NV01, NV04 pass; NV02 HTNV,
//! NV03 discipline 19, NV05 an item Chưa đạt fail); Thanh tra (LD03 fails on
//! NV08's HTNV; NV09 and NV10 joined on 10/9 and 25/9, unrated: not
//! assessed; NV11 never self-assessed); Phòng Tư pháp (LD04, whose three
//! people NV12–NV14 are not rated for August yet).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/scenario");

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_danhgia"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

fn scenario() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    ok(&db, &["init"]);
    ok(&db, &["import", "staff", &fixture("staff.csv")]);
    ok(&db, &["import", "ratings", &fixture("ratings.csv")]);
    ok(&db, &["import", "marks", &fixture("marks.csv")]);
    (dir, db)
}

#[test]
fn scenario_status_gives_the_results_and_reasons_of_spec_section_3() {
    let (_dir, db) = scenario();
    let mut got: Value = serde_json::from_str(&ok(
        &db,
        &["status", "--quarter", "2026-Q3", "--format", "json"],
    ))
    .unwrap();
    // Every reason carries a text for people; the fixture pins the data.
    for e in got.as_array_mut().unwrap() {
        let e = e.as_object_mut().unwrap();
        assert!(e.remove("name").unwrap().is_string());
        assert!(e.remove("unit").unwrap().is_string());
        for r in e["reasons"].as_array_mut().unwrap() {
            assert!(
                !r.as_object_mut()
                    .unwrap()
                    .remove("text")
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .is_empty()
            );
        }
    }
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("expected_status.json")).unwrap())
            .unwrap();
    assert_eq!(got, expected);
}

#[test]
fn scenario_commendation_follows_the_results() {
    let (_dir, db) = scenario();
    let q: Value = serde_json::from_str(&ok(
        &db,
        &["commend", "--quarter", "2026-Q3", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(
        q,
        serde_json::json!({"quarterly": ["NV01", "NV04"], "adhoc": []})
    );
    let y: Value =
        serde_json::from_str(&ok(&db, &["commend", "--year", "2026", "--format", "json"])).unwrap();
    let nv01 = y["yearly"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "NV01")
        .unwrap();
    // One quarter passed and HTXSNV for the year: not yet eligible.
    assert_eq!(nv01["quarters_passed"], 1);
    assert_eq!(nv01["yearly_rating"], "HTXSNV");
    assert_eq!(nv01["eligible"], false);
}

#[test]
fn status_of_one_unit_and_as_csv() {
    let (_dir, db) = scenario();
    let out = ok(
        &db,
        &[
            "status",
            "--quarter",
            "2026-Q3",
            "--unit",
            "Thanh tra",
            "--format",
            "csv",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "code,name,unit,kind,quarter,result,items_passed,items_total,reasons"
    );
    assert_eq!(lines.len(), 6);
    assert!(
        lines[1].starts_with("LD03,Ngô Thanh Hà,Thanh tra,leader,2026-Q3,fail,27,27,"),
        "{}",
        lines[1]
    );
    // Every reason on the one line: the subordinate by name and code.
    assert!(
        lines[1].ends_with(
            ",\"Cấp dưới Dương Văn Sơn (NV08) tháng 7 xếp loại HTNV, cần HTTNV trở lên\""
        ),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].starts_with(
            "NV09,Mai Thị Hồng,Thanh tra,staff,2026-Q3,not_assessed,0,18,\"Không đánh giá"
        ),
        "{}",
        lines[3]
    );
}

#[test]
fn a_file_with_bad_rows_imports_nothing_and_names_every_bad_row() {
    let (dir, db) = scenario();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "code,full_name,birth_date,title,unit,kind,group,party_member,manager_code,login\n\
         NV20,Trịnh Văn Tú,01/01/1990,Chuyên viên,Phòng Nội vụ,staff,CC,0,LD01,tu\n\
         NV21,Lý Thị Hoa,31/02/1990,Chuyên viên,Phòng Nội vụ,staff,CC,0,LD01,hoa\n\
         NV22,,01/01/1990,Chuyên viên,Phòng Nội vụ,staff,XX,0,LD01,x22\n",
    )
    .unwrap();
    let out = run(&db, &["import", "staff", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.csv:3"), "{err}");
    assert!(err.contains("31/02/1990"), "{err}");
    assert!(err.contains("bad.csv:4"), "{err}");
    assert!(err.contains("XX"), "{err}");
    assert!(!err.contains("bad.csv:2"), "row 2 is fine: {err}");
    // Nothing written: NV20 (a good row) is not there.
    let csv = ok(&db, &["status", "--quarter", "2026-Q3", "--format", "csv"]);
    assert!(!csv.contains("NV20"));

    // Unknown staff in a ratings file: refused with row and column.
    let bad = dir.path().join("r.csv");
    std::fs::write(&bad, "code,year,month,rating,discipline,excused\nNV01,2026,9,HTTNV,20,0\nNOPE,2026,9,HTTNV,20,0\n").unwrap();
    let out = run(&db, &["import", "ratings", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("r.csv:3") && err.contains("NOPE"), "{err}");

    // A problem only the database can see is named by the file's header
    // too, as the person wrote it.
    let bad = dir.path().join("vi.csv");
    std::fs::write(
        &bad,
        "Mã cán bộ,Họ và tên,Ngày sinh,Chức danh,Đơn vị,Loại,Nhóm,Đảng viên,Mã người quản lý\n\
         NV30,Đỗ Văn Ba,02/03/1991,Chuyên viên,Phòng Nội vụ,staff,CC,0,KHONGCO\n",
    )
    .unwrap();
    let out = run(&db, &["import", "staff", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("vi.csv:2") && err.contains("«Mã người quản lý»: «KHONGCO»"),
        "{err}"
    );
}

#[test]
fn reimporting_the_same_files_changes_nothing() {
    let (_dir, db) = scenario();
    let before = ok(&db, &["status", "--quarter", "2026-Q3", "--format", "json"]);
    let out = ok(&db, &["import", "staff", &fixture("staff.csv")]);
    assert!(out.contains("18"), "{out}");
    ok(&db, &["import", "ratings", &fixture("ratings.csv")]);
    ok(&db, &["import", "marks", &fixture("marks.csv")]);
    assert_eq!(
        ok(&db, &["status", "--quarter", "2026-Q3", "--format", "json"]),
        before
    );
}

#[test]
fn two_processes_importing_at_once_both_succeed() {
    let (dir, db) = scenario();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    let mut ra = String::from("code,year,month,rating,discipline,excused\n");
    let mut rb = ra.clone();
    for m in 1..=6 {
        for code in ["LD01", "NV01", "NV02", "NV03", "NV05"] {
            ra.push_str(&format!("{code},2026,{m},HTTNV,20,0\n"));
        }
        for code in ["NV06", "NV07", "LD02", "LD03", "NV08"] {
            rb.push_str(&format!("{code},2026,{m},HTXSNV,20,0\n"));
        }
    }
    std::fs::write(&a, ra).unwrap();
    std::fs::write(&b, rb).unwrap();
    let spawn = |f: &Path| {
        Command::new(env!("CARGO_BIN_EXE_danhgia"))
            .arg("--db")
            .arg(&db)
            .args(["import", "ratings"])
            .arg(f)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut pa, mut pb) = (spawn(&a), spawn(&b));
    assert!(pa.wait().unwrap().success());
    assert!(pb.wait().unwrap().success());
    let json: Value = serde_json::from_str(&ok(
        &db,
        &["status", "--quarter", "2026-Q1", "--format", "json"],
    ))
    .unwrap();
    let missing: Vec<_> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| ["NV01", "NV08"].contains(&e["code"].as_str().unwrap()))
        .flat_map(|e| {
            e["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["code"] == "missing_rating")
        })
        .collect();
    assert!(missing.is_empty(), "both files landed: {missing:?}");
    // init, the scenario's three imports and these two: six chained entries.
    assert!(ok(&db, &["audit", "verify"]).contains(": 6 "));
}

#[test]
fn audit_verify_catches_a_row_edited_behind_its_back() {
    let (_dir, db) = scenario();
    assert!(run(&db, &["audit", "verify"]).status.success());
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "DROP TRIGGER audit_no_update; UPDATE audit SET after = '{\"rows\":1}' WHERE seq = 3;",
    )
    .unwrap();
    drop(c);
    let out = run(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains(" 3"));
}

#[test]
fn a_closed_round_refuses_imports_into_it() {
    let (_dir, db) = scenario();
    ok(&db, &["round", "close", "2026-Q3", "--force"]);
    let out = run(&db, &["import", "marks", &fixture("marks.csv")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("2026-Q3"), "{err}");
    // A month of the closed round: the cell named as the file wrote it.
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("r.csv");
    std::fs::write(
        &r,
        "Mã cán bộ,Năm,Tháng,Xếp loại,Ý thức tổ chức kỷ luật
NV01,2026,8,HTTNV,18
",
    )
    .unwrap();
    let out = run(&db, &["import", "ratings", r.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("r.csv:2: cột «Tháng»: «8»") && err.contains("2026-Q3"),
        "{err}"
    );
    ok(&db, &["round", "open", "2026-Q3"]);
    ok(&db, &["import", "marks", &fixture("marks.csv")]);
}

#[test]
fn identity_comes_from_the_real_uid_not_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = Command::new(env!("CARGO_BIN_EXE_danhgia"))
        .arg("--db")
        .arg(&db)
        .arg("init")
        .env("USER", "mallory")
        .env("LOGNAME", "mallory")
        .output()
        .unwrap();
    assert!(out.status.success());
    let c = rusqlite::Connection::open(&db).unwrap();
    let admin: String = c
        .query_row("SELECT login FROM roles WHERE role = 'admin'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_ne!(admin, "mallory");
    assert_eq!(admin, danhgia::service::os_login());
}

#[test]
fn a_second_init_is_refused_and_a_missing_database_is_named() {
    let (dir, db) = scenario();
    assert_eq!(run(&db, &["init"]).status.code(), Some(1));
    let out = run(
        &dir.path().join("nope.db"),
        &["status", "--quarter", "2026-Q3"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("nope.db"));
}

#[test]
fn backup_makes_a_consistent_copy() {
    let (dir, db) = scenario();
    let copy = dir.path().join("copy.db");
    ok(&db, &["backup", copy.to_str().unwrap()]);
    let a = ok(&db, &["status", "--quarter", "2026-Q3", "--format", "json"]);
    let b = ok(
        &copy,
        &["status", "--quarter", "2026-Q3", "--format", "json"],
    );
    assert_eq!(a, b);
    assert_eq!(
        run(&db, &["backup", copy.to_str().unwrap()]).status.code(),
        Some(1),
        "never overwrites"
    );
}

#[test]
fn bad_quarter_and_usage_errors_have_their_exit_codes() {
    let (_dir, db) = scenario();
    let out = run(&db, &["status", "--quarter", "2026-Q7"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("2026-Q7"));
    assert_eq!(run(&db, &["status"]).status.code(), Some(2));
}

/// The status of `code` in 2026-Q3, as `status --format json` prints it.
fn status_of(db: &Path, code: &str) -> Value {
    let all: Value = serde_json::from_str(&ok(
        db,
        &["status", "--quarter", "2026-Q3", "--format", "json"],
    ))
    .unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == code)
        .unwrap_or_else(|| panic!("{code} not in the status"))
        .clone()
}

/// The codes on the quarterly list (05A) of 2026-Q3, and on the ad-hoc one.
fn commended(db: &Path) -> (Vec<String>, Vec<String>) {
    let v: Value = serde_json::from_str(&ok(
        db,
        &["commend", "--quarter", "2026-Q3", "--format", "json"],
    ))
    .unwrap();
    let codes = |k: &str| {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect()
    };
    (codes("quarterly"), codes("adhoc"))
}

/// The text of form 05A for 2026-Q3 as the command writes it (Markdown).
fn form_05a(db: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("05a.md");
    ok(
        db,
        &[
            "report",
            "05A",
            "--quarter",
            "2026-Q3",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn newcomers_who_joined_on_10_and_25_september_unrated_are_not_assessed_nor_on_05a() {
    let (_dir, db) = scenario();
    for code in ["NV09", "NV10"] {
        let s = status_of(&db, code);
        assert_eq!(s["result"], "not_assessed", "{s}");
        assert_eq!(s["items_passed"], 0);
        let reasons = s["reasons"].as_array().unwrap();
        assert_eq!(reasons.len(), 1, "{s}");
        assert_eq!(reasons[0]["code"], "not_assessed");
        assert_eq!(reasons[0]["why"], "joined");
        assert!(
            reasons[0]["text"]
                .as_str()
                .unwrap()
                .starts_with("Không đánh giá")
        );
    }
    let (quarterly, adhoc) = commended(&db);
    assert_eq!(quarterly, ["NV01", "NV04"]);
    assert!(adhoc.is_empty());
    let form = form_05a(&db);
    assert!(form.contains("Nguyễn Thị Lan"), "{form}");
    for name in ["Mai Thị Hồng", "Lý Văn Bảo"] {
        assert!(!form.contains(name), "{name} on 05A: {form}");
    }
    // The table counts them apart.
    let table = ok(&db, &["status", "--quarter", "2026-Q3"]);
    assert!(table.contains("Không đánh giá: 2"), "{table}");
}

#[test]
fn a_checklist_is_pending_until_approved_whatever_its_review_marks() {
    let (_dir, db) = scenario();
    // NV01 passes on a paper form; clear it and type it again, item by
    // item, as an admin would: self and review marks all Đạt, but a draft.
    let dir = tempfile::tempdir().unwrap();
    let clear = dir.path().join("clear.csv");
    std::fs::write(
        &clear,
        "code,quarter,item,self,review\nNV01,2026-Q3,all,,\n",
    )
    .unwrap();
    ok(&db, &["import", "marks", clear.to_str().unwrap()]);
    let s = status_of(&db, "NV01");
    assert_eq!(s["result"], "pending");
    assert_eq!(s["reasons"].as_array().unwrap().len(), 1, "{s}");
    assert_eq!(s["reasons"][0]["code"], "missing_self");

    let admin = danhgia::service::os_login();
    let svc = danhgia::service::Service::from_store(
        danhgia::store::Store::open(&db).unwrap(),
        &admin,
        None,
    )
    .unwrap();
    let q = danhgia::domain::Quarter { year: 2026, q: 3 };
    let mut v = svc.checklist("NV01", q).unwrap();
    let ids: Vec<&str> = v.items.iter().map(|i| i.id).collect();
    for id in &ids {
        v = svc
            .set_self_mark("NV01", q, id, Some(true), v.version)
            .unwrap();
        v = svc
            .set_review_mark("NV01", q, id, Some(true), v.version)
            .unwrap();
    }
    let pending_on = |state: &str, whom: &str| {
        let s = status_of(&db, "NV01");
        assert_eq!(s["result"], "pending", "{state}: {s}");
        assert_eq!(
            s["items_passed"], 0,
            "{state}: review marks do not count yet"
        );
        let reasons = s["reasons"].as_array().unwrap();
        assert_eq!(reasons.len(), 1, "{state}: {s}");
        assert_eq!(reasons[0]["code"], "checklist_state");
        assert_eq!(reasons[0]["state"], state);
        let text = reasons[0]["text"].as_str().unwrap();
        assert!(text.contains(whom), "{state}: {text}");
        let (quarterly, _) = commended(&db);
        assert_eq!(quarterly, ["NV04"], "{state}: not on the quarterly list");
        assert!(
            !form_05a(&db).contains("Nguyễn Thị Lan"),
            "{state}: not on 05A"
        );
    };
    pending_on("draft", "cá nhân");
    let v = svc.submit("NV01", q, v.version).unwrap();
    pending_on("submitted", "Trần Văn Hùng (LD01)");
    let v = svc
        .return_for_revision("NV01", q, "Bổ sung minh chứng", v.version)
        .unwrap();
    pending_on("returned", "cá nhân");
    let v = svc.submit("NV01", q, v.version).unwrap();
    svc.approve("NV01", q, v.version).unwrap();
    assert_eq!(status_of(&db, "NV01")["result"], "pass");
    assert_eq!(commended(&db).0, ["NV01", "NV04"]);
}

#[test]
fn someone_who_never_self_assessed_gets_one_missing_self_reason() {
    let (_dir, db) = scenario();
    let s = status_of(&db, "NV11");
    assert_eq!(s["result"], "pending");
    let reasons = s["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 1, "one reason, not one per item: {s}");
    assert_eq!(reasons[0]["code"], "missing_self");
    assert_eq!(reasons[0]["items"].as_array().unwrap().len(), 18);
    assert_eq!(reasons[0]["items"][0], "I.1.1");
    assert!(
        reasons[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Chưa tự đánh giá 18 nội dung")
    );
}

#[test]
fn a_leader_with_three_subordinates_unrated_in_august_gets_one_reason_naming_them() {
    let (_dir, db) = scenario();
    let s = status_of(&db, "LD04");
    assert_eq!(s["result"], "pending");
    let reasons = s["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 1, "{s}");
    let r = &reasons[0];
    assert_eq!(r["code"], "missing_rating");
    assert_eq!(r["month"], 8);
    assert_eq!(r["staff"], serde_json::json!(["NV12", "NV13", "NV14"]));
    let text = r["text"].as_str().unwrap();
    assert!(
        text.contains("3 cấp dưới") && text.contains("Hồ Thị Vân (NV12)"),
        "{text}"
    );
}

#[test]
fn a_marks_file_with_review_marks_but_no_self_marks_is_refused_naming_the_rows() {
    let (dir, db) = scenario();
    let bad = dir.path().join("m.csv");
    std::fs::write(
        &bad,
        "code,quarter,item,self,review\n\
         NV11,2026-Q3,I.1.1,1,1\n\
         NV11,2026-Q3,I.1.2,,1\n\
         NV11,2026-Q3,all,,0\n",
    )
    .unwrap();
    let out = run(&db, &["import", "marks", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("m.csv:3") && err.contains("m.csv:4"), "{err}");
    assert!(!err.contains("m.csv:2"), "row 2 is fine: {err}");
    assert!(err.contains("tự đánh giá"), "{err}");
    // Nothing written.
    assert_eq!(status_of(&db, "NV11")["reasons"][0]["code"], "missing_self");

    // Self marks alone: the paper form went to the authority (submitted).
    let good = dir.path().join("self.csv");
    std::fs::write(
        &good,
        "code,quarter,item,self,review\nNV11,2026-Q3,all,1,\n",
    )
    .unwrap();
    ok(&db, &["import", "marks", good.to_str().unwrap()]);
    let s = status_of(&db, "NV11");
    assert_eq!(s["reasons"][0]["code"], "checklist_state", "{s}");
    assert_eq!(s["reasons"][0]["state"], "submitted");
}

#[test]
fn a_person_at_the_start_of_a_round_is_small_in_json() {
    // Nobody marked, nothing rated: a round's first day.
    let (_dir, db) = scenario();
    let out = ok(&db, &["status", "--quarter", "2026-Q4", "--format", "json"]);
    let people = serde_json::from_str::<Value>(&out).unwrap();
    let n = people.as_array().unwrap().len();
    assert_eq!(n, 18);
    // One line a person.
    assert_eq!(out.lines().count(), n + 2);
    let per_person = out.len() / n;
    assert!(per_person < 1000, "{per_person} bytes a person");
}

/// Closing a round (SPEC section 3): with anyone pending it lists them with
/// what is missing and needs `--force`; closed, the pending are held as
/// failed with `closed_pending` carrying what was missing, and leave every
/// commendation list; reopening brings back live evaluation; `round open`
/// on an open round and `close` on a closed one say so; `round list` counts.
#[test]
fn closing_a_round_with_people_pending_needs_force_and_holds_them_as_failed() {
    let (_dir, db) = scenario();
    let before = status_of(&db, "NV11");
    assert_eq!(before["result"], "pending");
    let out = run(&db, &["round", "close", "2026-Q3"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("NV11") && err.contains("--force"), "{err}");
    assert!(err.contains("Chưa tự đánh giá"), "what is missing: {err}");
    let open = |db: &Path| {
        !ok(db, &["round", "list"])
            .lines()
            .any(|l| l.starts_with("2026-Q3") && l.contains("đã khóa"))
    };
    assert!(open(&db), "refused: the round is still open");
    let pass_before: Vec<String> = commended(&db).0;

    let out = ok(&db, &["round", "close", "2026-Q3", "--force"]);
    assert!(out.contains("2026-Q3"), "{out}");
    let after = status_of(&db, "NV11");
    assert_eq!(after["result"], "fail");
    let reasons = after["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 1, "{after}");
    assert_eq!(reasons[0]["code"], "closed_pending");
    let missing: Vec<&Value> = reasons[0]["missing"].as_array().unwrap().iter().collect();
    let codes = |v: &[&Value]| v.iter().map(|r| r["code"].clone()).collect::<Vec<_>>();
    let was: Vec<&Value> = before["reasons"].as_array().unwrap().iter().collect();
    assert_eq!(codes(&missing), codes(&was), "{after}");
    assert!(
        reasons[0]["text"].as_str().unwrap().contains("khi khóa kỳ"),
        "{after}"
    );
    // Nobody pending in a closed round; those who passed still pass.
    let all: Value = serde_json::from_str(&ok(
        &db,
        &["status", "--quarter", "2026-Q3", "--format", "json"],
    ))
    .unwrap();
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|e| e["result"] != "pending")
    );
    assert_eq!(commended(&db).0, pass_before);
    let list = ok(&db, &["round", "list"]);
    let line = list.lines().find(|l| l.starts_with("2026-Q3")).unwrap();
    assert!(line.contains("đã khóa"), "{list}");
    assert!(!open(&db));
    let again = ok(&db, &["round", "close", "2026-Q3"]);
    assert!(again.contains("đã khóa, không có gì thay đổi"), "{again}");

    // Reopened: live evaluation again.
    ok(&db, &["round", "open", "2026-Q3"]);
    assert_eq!(status_of(&db, "NV11"), before);
    let again = ok(&db, &["round", "open", "2026-Q3"]);
    assert!(again.contains("đang mở, không có gì thay đổi"), "{again}");
}

/// Writes `text` as a file of the test's directory and returns its path.
fn file_in(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// A whole month on leave (SPEC section 3), through the binary: NV07 on
/// maternity leave in September is not awaited, by herself nor by LD01;
/// NV11 on unpaid leave all quarter is not assessed, why `leave`.
#[test]
fn a_month_on_leave_is_not_awaited_and_a_quarter_on_leave_is_not_assessed() {
    let (dir, db) = scenario();
    assert_eq!(status_of(&db, "LD01")["result"], "pending");
    let leave = file_in(
        dir.path(),
        "nghi.csv",
        "Mã cán bộ;Năm;Tháng;Xếp loại;Điểm kỷ luật;Nghỉ phép;Nghỉ cả tháng\n\
         NV07;2026;9;Nghỉ thai sản;;;\n\
         NV11;2026;7;;;;Nghỉ không lương\n\
         NV11;2026;8;;;;x\n\
         NV11;2026;9;;;;x\n",
    );
    let out = ok(&db, &["import", "ratings", &leave]);
    // NV07's September is new; NV11's three leaves replace ratings.
    assert!(out.contains("4 (1 dòng mới, 3 dòng cập nhật)"), "{out}");
    for code in ["NV07", "LD01"] {
        let s = status_of(&db, code);
        assert_eq!(s["result"], "pass", "{s}");
    }
    let nv11 = status_of(&db, "NV11");
    assert_eq!(nv11["result"], "not_assessed", "{nv11}");
    let reasons = nv11["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 1, "{nv11}");
    assert_eq!(reasons[0]["code"], "not_assessed");
    assert_eq!(reasons[0]["why"], "leave");
    assert!(
        reasons[0]["text"].as_str().unwrap().contains("nghỉ cả quý"),
        "{nv11}"
    );
    let (quarterly, _) = commended(&db);
    assert!(quarterly.contains(&"NV07".to_owned()) && !quarterly.contains(&"NV11".to_owned()));
    let table = ok(&db, &["status", "--quarter", "2026-Q3"]);
    assert!(table.contains("Không đánh giá: 3"), "{table}");
    assert!(run(&db, &["audit", "verify"]).status.success());
}

#[test]
fn ratings_files_refuse_co_ly_do_leave_with_a_rating_and_months_outside_employment() {
    let (dir, db) = scenario();
    let before = ok(&db, &["status", "--quarter", "2026-Q3", "--format", "json"]);

    let any_reason = file_in(
        dir.path(),
        "lydo.csv",
        "Mã cán bộ,Năm,Tháng,Xếp loại,Điểm kỷ luật,Có lý do\nNV08,2026,7,HTNV,20,1\n",
    );
    let out = run(&db, &["import", "ratings", &any_reason]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("lydo.csv:1: cột «Có lý do»")
            && err.contains("nghỉ phép, ốm đau (003)")
            && err.contains("«Nghỉ phép, ốm đau»"),
        "{err}"
    );

    // NV01's row is good; NV07's has a rating and a leave; NV09 joined on
    // 10/09 (no rating for July); NV04 joined on 10/08 (August may be rated).
    let bad = file_in(
        dir.path(),
        "bad.csv",
        "Mã cán bộ,Năm,Tháng,Xếp loại,Điểm kỷ luật,Nghỉ cả tháng\n\
         NV01,2026,9,HTTNV,20,\n\
         NV07,2026,9,B,20,x\n\
         NV09,2026,7,HTTNV,20,\n\
         NV04,2026,8,HTTNV,20,\n",
    );
    let out = run(&db, &["import", "ratings", &bad]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "bad.csv:3: cột «Xếp loại»: «B» — dòng này vừa có xếp loại vừa ghi nghỉ cả tháng"
        ),
        "{err}"
    );
    // The second check (the database's) runs once the file reads.
    let bad = file_in(
        dir.path(),
        "bad2.csv",
        "Mã cán bộ,Năm,Tháng,Xếp loại,Điểm kỷ luật\n\
         NV01,2026,9,HTTNV,20\n\
         NV09,2026,7,HTTNV,20\n\
         NV04,2026,8,HTTNV,20\n",
    );
    let out = run(&db, &["import", "ratings", &bad]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad2.csv:3: cột «Tháng»: «7» — người này không công tác ngày nào")
            && err.contains("10/09/2026 – …"),
        "{err}"
    );
    assert!(
        !err.contains("bad2.csv:2") && !err.contains("bad2.csv:4"),
        "{err}"
    );
    assert_eq!(
        ok(&db, &["status", "--quarter", "2026-Q3", "--format", "json"]),
        before,
        "nothing was imported"
    );

    // In a marks file D is refused: it is KHTNV in a ratings file.
    let marks = file_in(
        dir.path(),
        "phieu.csv",
        "Mã cán bộ,Quý,Nội dung,Tự đánh giá,Đánh giá\nNV11,2026-Q3,all,D,\n",
    );
    let out = run(&db, &["import", "marks", &marks]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("phieu.csv:2: cột «Tự đánh giá»: «D»") && err.contains("ghi «Đạt» hoặc 1"),
        "{err}"
    );
}
