//! `danhgia import staff FILE` reads the file on one thread while the
//! service writes it on another (import::stream): whatever goes wrong, and
//! however late in the file, nothing is written; the file's problems come
//! first, then the database's.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use danhgia::domain::records::Problem;
use danhgia::import::{ImportError, StaffImportError, import_staff_file};
use danhgia::service::Service;
use danhgia::service::{AuditReport, ServiceError};
use std::fmt::Write as _;
use std::path::Path;

const HEADER: &str = "Mã cán bộ,Họ và tên,Ngày sinh,Chức danh,Đơn vị,Loại,Nhóm,Đảng viên,Mã người quản lý,Tên đăng nhập\n";

/// A director, then `n - 1` people under them; `change(i, line)` may spoil
/// person `i`'s line (row `i + 2` of the file).
fn staff_csv(dir: &Path, n: usize, change: impl Fn(usize, String) -> String) -> std::path::PathBuf {
    let mut text = String::from(HEADER);
    text.push_str("GD,Nguyễn Văn Một,01/01/1970,Giám đốc,Sở Nội vụ,leader,CBLĐQL,1,,gd\n");
    for i in 1..n {
        let line = format!(
            "CB{i:05},Trần Thị Hai {i},{:02}/03/1985,Chuyên viên,Phòng {},staff,VC,0,GD,\n",
            1 + i % 28,
            i % 9
        );
        text.push_str(&change(i, line));
    }
    let path = dir.join("staff.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn office() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let svc = Service::init(&dir.path().join("t.db"), "hr").unwrap();
    (dir, svc)
}

/// The problems of a file refused for its rows.
fn refused_for_the_file(svc: &Service, path: &Path) -> Vec<danhgia::domain::records::RowProblem> {
    match import_staff_file(svc, path) {
        Err(StaffImportError::File(ImportError::Rows { problems, .. })) => problems,
        other => panic!("refused for the file: {other:?}"),
    }
}

fn people(svc: &Service) -> usize {
    let mut n = 0;
    svc.roster(danhgia::domain::Quarter { year: 2026, q: 3 }, |_| n += 1)
        .unwrap();
    n
}

#[test]
fn a_good_file_is_written_whole_and_sealed() {
    let (dir, svc) = office();
    let path = staff_csv(dir.path(), 5_000, |_, l| l);
    let s = import_staff_file(&svc, &path).unwrap();
    assert_eq!((s.rows, s.inserted, s.updated), (5_000, 5_000, 0));
    assert_eq!(people(&svc), 5_000);
    assert!(matches!(
        svc.audit_verify().unwrap(),
        AuditReport::Intact { .. }
    ));
    // The same file again: every row an update.
    let s = import_staff_file(&svc, &path).unwrap();
    assert_eq!((s.inserted, s.updated), (0, 5_000));
}

#[test]
fn a_bad_row_after_thousands_of_good_ones_writes_nothing() {
    let (dir, svc) = office();
    // Row 4,902: several batches were already handed to the writer.
    let path = staff_csv(dir.path(), 5_000, |i, l| {
        if i == 4_900 {
            l.replace("/03/1985", "/13/1985")
        } else {
            l
        }
    });
    let problems = refused_for_the_file(&svc, &path);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].row, problems[0].column.as_str()),
        (4_902, "Ngày sinh")
    );
    assert_eq!(people(&svc), 0, "nothing was written");
}

#[test]
fn every_bad_row_is_reported_even_after_the_first() {
    let (dir, svc) = office();
    let path = staff_csv(dir.path(), 3_000, |i, l| match i {
        10 => l.replace(",staff,", ",boss,"),
        2_500 => l.replace(",VC,", ",XX,"),
        _ => l,
    });
    let problems = refused_for_the_file(&svc, &path);
    let rows: Vec<usize> = problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [12, 2_502]);
    assert_eq!(people(&svc), 0);
}

#[test]
fn text_a_file_cannot_carry_late_in_the_file_writes_nothing() {
    let (dir, svc) = office();
    let path = staff_csv(dir.path(), 4_000, |i, l| {
        if i == 3_999 {
            l.replace("Trần", "Tr\u{0}ần")
        } else {
            l
        }
    });
    let problems = refused_for_the_file(&svc, &path);
    assert_eq!(problems[0].problem, Problem::BadText);
    assert_eq!(problems[0].row, 4_001);
    assert_eq!(people(&svc), 0);
}

#[test]
fn the_databases_checks_run_after_the_last_row_and_refuse_the_whole_file() {
    let (dir, svc) = office();
    // The last person's manager is nobody; an earlier one takes the
    // director's login.
    let path = staff_csv(dir.path(), 4_000, |i, l| match i {
        3_999 => l.replace(",GD,", ",NOBODY,"),
        _ => l,
    });
    let Err(StaffImportError::Service(ServiceError::ImportRefused(problems))) =
        import_staff_file(&svc, &path)
    else {
        panic!("refused by the service")
    };
    let got: Vec<(usize, Problem)> = problems
        .iter()
        .map(|p| (p.row, p.problem.clone()))
        .collect();
    assert_eq!(got, [(4_001, Problem::UnknownManager)]);
    assert_eq!(people(&svc), 0);
    assert!(matches!(
        svc.audit_verify().unwrap(),
        AuditReport::Intact { .. }
    ));
}

#[test]
fn a_login_held_by_someone_already_there_is_named_not_a_database_error() {
    let (dir, svc) = office();
    let first = staff_csv(dir.path(), 10, |_, l| l);
    import_staff_file(&svc, &first).unwrap();
    // A new person, early in a long file, with the director's login: the
    // database refuses that row's write; the person sees whose login it is.
    let mut text = String::from(HEADER);
    for i in 100..3_100 {
        let login = if i == 120 { "gd" } else { "" };
        writeln!(
            text,
            "N{i},Lê Văn Ba,,Chuyên viên,Phòng 1,staff,VC,0,GD,{login}"
        )
        .unwrap();
    }
    let path = dir.path().join("more.csv");
    std::fs::write(&path, text).unwrap();
    let Err(StaffImportError::Service(ServiceError::ImportRefused(problems))) =
        import_staff_file(&svc, &path)
    else {
        panic!("refused by the service")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 22);
    assert_eq!(problems[0].problem, Problem::LoginTaken { by: "GD".into() });
    assert_eq!(people(&svc), 10);
}

#[test]
fn rights_are_checked_before_the_file_is_opened() {
    let (dir, hr) = office();
    import_staff_file(&hr, &staff_csv(dir.path(), 3, |_, l| l)).unwrap();
    let db = dir.path().join("t.db");
    let gd = Service::from_store(danhgia::store::Store::open(&db).unwrap(), "gd", None).unwrap();
    // A bad file, a good one and no file at all: the same refusal of
    // rights, before anything is read.
    let mut text = String::from(HEADER);
    writeln!(text, "X1,Người,31/02/1990,CV,P,staff,VC,0,GD,").unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, &text).unwrap();
    let good = staff_csv(dir.path(), 3, |_, l| l);
    for file in [bad, good, dir.path().join("not-there.csv")] {
        assert!(
            matches!(
                import_staff_file(&gd, &file),
                Err(StaffImportError::Service(ServiceError::Denied(_)))
            ),
            "{}",
            file.display()
        );
    }
    assert_eq!(people(&hr), 3);
}
