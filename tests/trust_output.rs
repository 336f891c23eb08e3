#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Output hygiene (SPEC section 8, "The shared server"; the real binary):
//! text stored by one person never reaches another's terminal with control
//! or bidirectional-override characters — escape sequences in a setting or
//! a name, U+202E in a name — in tables, CSV, settings or refusals; and
//! stored text has length limits that keep the forms printable, enforced by
//! the service on every write path, imports included.

mod trust_common;

use danhgia::domain::StaffKind;
use danhgia::i18n::{Lang, error_text};
use danhgia::service::{ServiceError, os_login};
use danhgia::text::unsafe_for_terminal;
use std::path::Path;
use trust_common::*;

/// An escape sequence that sets the window title, one that clears the
/// screen, an 8-bit CSI, and a right-to-left override.
const EVIL: &str = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}gnp.exe\u{2067}x";

/// Nothing a terminal would act on: no control character but the line
/// breaks of the output itself, no bidirectional control.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        assert!(
            line_end || !unsafe_for_terminal(c),
            "{what}: {:?} in {text:?}",
            c
        );
    }
}

fn hostile_office(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("office.db");
    office(&db, 0, 1);
    let hr = service(&db, &os_login());
    let mut evil = person("E1", StaffKind::Staff, Some("L0"), "e1", EVIL);
    evil.full_name = EVIL.into();
    evil.title = EVIL.into();
    hr.import_staff("evil.csv", &numbered(vec![evil])).unwrap();
    hr.set_settings(&[("unit_name", EVIL), ("place", EVIL)])
        .unwrap();
    db
}

#[test]
fn escapes_and_bidi_overrides_in_names_and_settings_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_office(dir.path());
    let q = Q.to_string();
    for args in [
        vec!["status", "--quarter", &q],
        vec!["status", "--quarter", &q, "--format", "csv"],
        vec!["status", "--quarter", &q, "--format", "json"],
        vec!["commend", "--year", "2025", "--format", "json"],
        vec!["kpi", "--quarter", &q, "--format", "json"],
        vec!["commend", "--quarter", &q],
        vec!["commend", "--quarter", &q, "--format", "csv"],
        vec!["commend", "--year", "2025", "--format", "csv"],
        vec!["kpi", "--quarter", &q],
        vec!["settings"],
        // A refusal quoting stored text: the units near the one asked for.
        vec!["status", "--quarter", &q, "--unit", "Evil zzz"],
        vec!["lookup", EVIL],
    ] {
        let out = run(&db, &args);
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    // The text is there, made harmless, not dropped.
    let table = ok(&db, &["status", "--quarter", &q]);
    assert!(table.contains("Evil"), "{table}");
    let csv = ok(&db, &["status", "--quarter", &q, "--format", "csv"]);
    assert!(csv.contains("gnp.exe"), "{csv}");
}

#[test]
fn an_over_long_note_is_refused_naming_the_field_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    office(&db, 0, 1);
    let hr = service(&db, &os_login());
    let v = hr.checklist("P0", Q).unwrap();
    let item = v.items[0].id;
    let before = fingerprint(&db);
    let long = "ghi chú ".repeat(5_000); // 40,000 characters
    let e = hr.set_note("P0", Q, item, &long, v.version).unwrap_err();
    assert!(matches!(e, ServiceError::TooLong(_)), "{e:?}");
    let vi = error_text(&e, Lang::Vi);
    assert!(vi.contains("«Ghi chú»") && vi.contains("2000"), "{vi}");
    let en = error_text(&e, Lang::En);
    assert!(en.contains("«Note»") && en.contains("2000"), "{en}");
    let e = hr
        .set_outstanding("P0", Q, true, Some(&long), v.version)
        .unwrap_err();
    assert!(error_text(&e, Lang::Vi).contains("Trích ngang thành tích"));
    assert_eq!(fingerprint(&db), before, "nothing written");
    // At the limit it is taken.
    hr.set_note("P0", Q, item, &"x".repeat(2_000), v.version)
        .unwrap();
    // A setting, through the binary: exit 1, the field and its limit named.
    let out = run(&db, &["settings", "--place", &"Long Biên ".repeat(30)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Thiết lập biểu mẫu") && err.contains("200"),
        "{err}"
    );
}

#[test]
fn an_over_long_name_in_a_staff_file_is_refused_naming_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    office(&db, 0, 1);
    let before = fingerprint(&db);
    let file = dir.path().join("staff.csv");
    let long = "Nguyễn ".repeat(40); // 280 characters
    std::fs::write(
        &file,
        format!(
            "code,full_name,birth_date,title,unit,kind,group,party_member\n\
             N1,Trần Văn An,01/02/1980,Chuyên viên,Phòng Nội vụ,staff,CC,0\n\
             N2,{long},01/02/1980,Chuyên viên,Phòng Nội vụ,staff,CC,0\n"
        ),
    )
    .unwrap();
    let out = run(&db, &["import", "staff", file.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("200 ký tự"), "{err}");
    assert!(err.contains("full_name") || err.contains("Họ"), "{err}");
    assert!(err.contains('3'), "the row: {err}");
    assert_eq!(fingerprint(&db), before, "nothing imported");
}
