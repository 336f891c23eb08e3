#![allow(clippy::unwrap_used, clippy::expect_used)]
//! KPI (issue 5, SPEC section 4): a unit's catalog imports from a spreadsheet
//! laid out as 004 asks, bad rows are refused whole and named, a person logs
//! a quarter of work through the service and from a file, the summary is
//! right by hand calculation, the rights hold, and `danhgia kpi` prints the
//! shape SPEC section 6 promises.
//!
//! The people (tests/fixtures/kpi/staff.csv): Phòng Nội chính — NC01 Phạm
//! Hồng Dương (head, login `duong`, reviewer), NC02 Tạ Ngọc Khánh (`khanh`)
//! and NC03 Lê Thu Hà (`ha`) under him, NC04 who left in 2025; Phòng Hành
//! chính - Quản trị — HC01 (`manh`, reviewer) and HC02 (`hoa`). The admin
//! is `hr`.
//!
//! The defaults of data/kpi.toml used below: standard minutes of buckets
//! 3 = 20, 5 = 60, 7 = 120, 8 = 187.5, 9 = 360, 12 = 1680; weights N1 1.0,
//! N2 1.25, N3 1.5, N4 2.0; a quarter's working time 31 200 minutes.

use chrono::NaiveDate;
use danhgia::domain::Quarter;
use danhgia::domain::kpi::{
    CatalogItem, ComplexityGroup, EntryState, KpiEntry, KpiSetting, TaskChoice, TaskInput,
    TimeBucket,
};
use danhgia::domain::records::Problem;
use danhgia::import;
use danhgia::service::{Denied, Service, ServiceError};
use danhgia::store::Store;
use danhgia::store::audit::Verification;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kpi");
const NOI_CHINH: &str = "Phòng Nội chính";
const HCQT: &str = "Phòng Hành chính - Quản trị";

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn q3() -> Quarter {
    Quarter { year: 2026, q: 3 }
}

fn day(d: u32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// A database with the staff, the reviewer roles and Phòng Nội chính's
/// catalog; `hr` is the admin.
fn office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let hr = Service::init(&db, "hr").unwrap();
    hr.import_staff_records(
        "staff.csv",
        &import::read_staff(&fixture("staff.csv")).unwrap(),
        None,
    )
    .unwrap();
    hr.grant("reviewer", "duong").unwrap();
    hr.grant("reviewer", "manh").unwrap();
    import_catalog(&hr, &fixture("catalog_noi_chinh.csv"));
    (dir, db)
}

fn as_login(db: &Path, login: &str) -> Service {
    Service::from_store(Store::open(db).unwrap(), login, None).unwrap()
}

fn import_catalog(svc: &Service, file: &Path) -> danhgia::service::CatalogImport {
    let records = import::read_catalog(file, &svc.reference().kpi).unwrap();
    svc.import_catalog(&file.display().to_string(), &records)
        .unwrap()
}

fn task(svc: &Service, unit: &str, name: &str, step: u32) -> CatalogItem {
    svc.kpi_catalog(unit)
        .unwrap()
        .into_iter()
        .find(|c| c.entry.task == name && c.entry.step == step)
        .unwrap_or_else(|| panic!("{name} step {step} not in the catalog of {unit}"))
}

fn input(date: NaiveDate, task: TaskChoice, quantity: u32, state: EntryState) -> TaskInput {
    TaskInput {
        date,
        task,
        quantity,
        product_ref: String::new(),
        state,
    }
}

fn denied(r: Result<impl std::fmt::Debug, ServiceError>) -> Denied {
    match r {
        Err(ServiceError::Denied(d)) => d,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

// ---- the catalog --------------------------------------------------------

#[test]
fn a_units_catalog_imports_from_a_csv_with_the_headers_and_layout_of_004() {
    let (_dir, db) = office();
    let hr = as_login(&db, "hr");
    let items = hr.kpi_catalog(NOI_CHINH).unwrap();
    let got: Vec<(&str, &str, u32, u32, &str, &str, u8)> = items
        .iter()
        .map(|c| {
            let e = &c.entry;
            (
                e.area.as_str(),
                e.task.as_str(),
                e.step,
                c.step_count,
                e.product.as_str(),
                e.complexity.as_str(),
                e.bucket.number(),
            )
        })
        .collect();
    // Title lines and the "(1) … (7)" row skipped; headings "I", "II" give
    // the areas; the row with an empty task is the report's second step.
    assert_eq!(
        got,
        vec![
            (
                "Tổng hợp - báo cáo",
                "Báo cáo công tác nội chính hằng tháng",
                1,
                2,
                "Bảng tổng hợp số liệu",
                "N2",
                8
            ),
            (
                "Tổng hợp - báo cáo",
                "Báo cáo công tác nội chính hằng tháng",
                2,
                2,
                "Dự thảo báo cáo",
                "N3",
                9
            ),
            (
                "Tổng hợp - báo cáo",
                "Trả lời văn bản xin ý kiến",
                1,
                1,
                "Công văn trả lời",
                "N2",
                5
            ),
            (
                "Tiếp công dân - khiếu nại tố cáo",
                "Tiếp công dân định kỳ",
                1,
                1,
                "Sổ tiếp công dân",
                "N1",
                7
            ),
            (
                "Tiếp công dân - khiếu nại tố cáo",
                "Xây dựng kế hoạch thanh tra",
                1,
                1,
                "Kế hoạch thanh tra",
                "N4",
                12
            ),
            (
                "Tiếp công dân - khiếu nại tố cáo",
                "Xử lý đơn thư",
                1,
                1,
                "Phiếu đề xuất xử lý",
                "N1",
                3
            ),
        ]
    );
    assert!(items.iter().all(|c| c.entry.unit == NOI_CHINH));
    assert_eq!(items[3].entry.steps, "Tiếp, ghi sổ, phân loại đơn");

    // Re-importing changes nothing and keeps the ids.
    let again = import_catalog(&hr, &fixture("catalog_noi_chinh.csv"));
    assert_eq!((again.summary.inserted, again.summary.updated), (0, 6));
    assert!(again.units_without_staff.is_empty());
    assert_eq!(hr.kpi_catalog(NOI_CHINH).unwrap(), items);
}

#[test]
fn a_catalog_workbook_with_merged_cells_and_steps_imports() {
    use rust_xlsxwriter::{Format, Workbook};
    let (dir, db) = office();
    let path = dir.path().join("danh_muc_hcqt.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    sheet
        .merge_range(0, 0, 0, 6, "DANH MỤC CÔNG VIỆC/SẢN PHẨM", &bold)
        .unwrap();
    sheet
        .merge_range(1, 0, 1, 6, "Đơn vị: Phòng Hành chính - Quản trị", &bold)
        .unwrap();
    let header = [
        "STT",
        "Lĩnh vực/Mảng công việc",
        "Tên nhiệm vụ",
        "Công việc chi tiết",
        "Sản phẩm đầu ra",
        "Mức độ phức tạp/Nhóm",
        "Định lượng thời gian",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet
            .write_string_with_format(2, c as u16, *h, &bold)
            .unwrap();
    }
    // A heading merged across the row, then a task merged over three steps.
    sheet.write_string(3, 0, "I").unwrap();
    sheet
        .merge_range(3, 1, 3, 6, "Hội nghị, sự kiện", &bold)
        .unwrap();
    sheet
        .merge_range(4, 2, 6, 2, "Tổ chức hội nghị tổng kết năm", &Format::new())
        .unwrap();
    let steps = [
        (
            "Xây dựng kế hoạch",
            "Kế hoạch tổ chức",
            "Nhóm 3",
            None,
            Some("Từ 240ph đến dưới 480ph (4 - 8 giờ)"),
        ),
        (
            "Chuẩn bị hội trường",
            "Hội trường sẵn sàng",
            "N1",
            Some(90.0),
            None,
        ),
        (
            "Tổng hợp kết quả",
            "Báo cáo kết quả hội nghị",
            "2",
            None,
            Some("B8"),
        ),
    ];
    for (i, (detail, product, complexity, minutes, label)) in steps.iter().enumerate() {
        let row = 4 + i as u32;
        sheet.write_number(row, 0, (i + 1) as f64).unwrap();
        sheet.write_string(row, 3, *detail).unwrap();
        sheet.write_string(row, 4, *product).unwrap();
        sheet.write_string(row, 5, *complexity).unwrap();
        match (minutes, label) {
            (Some(m), _) => sheet.write_number(row, 6, *m).unwrap(),
            (_, Some(l)) => sheet.write_string(row, 6, *l).unwrap(),
            _ => unreachable!(),
        };
    }
    book.save(&path).unwrap();

    let hr = as_login(&db, "hr");
    let done = import_catalog(&hr, &path);
    assert_eq!((done.summary.inserted, done.summary.updated), (3, 0));
    let items = hr.kpi_catalog(HCQT).unwrap();
    let got: Vec<(&str, &str, u32, u32, &str, u8)> = items
        .iter()
        .map(|c| {
            (
                c.entry.area.as_str(),
                c.entry.task.as_str(),
                c.entry.step,
                c.step_count,
                c.entry.complexity.as_str(),
                c.entry.bucket.number(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Hội nghị, sự kiện",
                "Tổ chức hội nghị tổng kết năm",
                1,
                3,
                "N3",
                9
            ),
            // 90 minutes, a number cell, lands in 75–105
            (
                "Hội nghị, sự kiện",
                "Tổ chức hội nghị tổng kết năm",
                2,
                3,
                "N1",
                6
            ),
            (
                "Hội nghị, sự kiện",
                "Tổ chức hội nghị tổng kết năm",
                3,
                3,
                "N2",
                8
            ),
        ]
    );
    assert_eq!(items[2].entry.product, "Báo cáo kết quả hội nghị");
    // The other unit's catalog is untouched.
    assert_eq!(hr.kpi_catalog(NOI_CHINH).unwrap().len(), 6);
}

#[test]
fn bad_catalog_rows_are_refused_whole_with_every_row_named() {
    let (_dir, db) = office();
    let hr = as_login(&db, "hr");
    let problems = match import::read_catalog(&fixture("catalog_bad.csv"), &hr.reference().kpi) {
        Err(import::ImportError::Rows { problems, .. }) => problems,
        other => panic!("{other:?}"),
    };
    let got: Vec<(usize, &str, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "Mức độ phức tạp", "N7"),
            (3, "Định lượng thời gian", "khoảng nửa ngày"),
            (4, "Sản phẩm đầu ra", ""),
        ]
    );
    assert!(matches!(problems[0].problem, Problem::BadChoice { .. }));
    assert_eq!(problems[2].problem, Problem::Required);
    // The good row 5 was not imported either.
    assert!(
        hr.kpi_catalog(NOI_CHINH)
            .unwrap()
            .iter()
            .all(|c| c.entry.task != "Văn bản đi")
    );
}

#[test]
fn only_an_admin_imports() {
    let (_dir, db) = office();
    let duong = as_login(&db, "duong");
    let records =
        import::read_catalog(&fixture("catalog_noi_chinh.csv"), &duong.reference().kpi).unwrap();
    assert_eq!(
        denied(duong.import_catalog("x", &records)),
        Denied::AdminOnly
    );
    let tasks = import::read_tasks(&fixture("tasks_q3.csv"), &duong.reference().kpi).unwrap();
    assert_eq!(denied(duong.import_tasks("x", &tasks)), Denied::AdminOnly);
}

#[test]
fn catalog_search_ignores_diacritics_and_case() {
    let (_dir, db) = office();
    let ha = as_login(&db, "ha");
    let names = |q: &str| -> Vec<(String, u32)> {
        ha.kpi_catalog_search(NOI_CHINH, q, 10)
            .unwrap()
            .into_iter()
            .map(|c| (c.entry.task, c.entry.step))
            .collect()
    };
    assert_eq!(names("don thu"), vec![("Xử lý đơn thư".to_owned(), 1)]);
    assert_eq!(names("ĐƠN THƯ"), names("don thu"));
    // Tasks named so first; then what matches by its area ("Tổng hợp - báo
    // cáo").
    assert_eq!(
        names("bao cao"),
        vec![
            ("Báo cáo công tác nội chính hằng tháng".to_owned(), 1),
            ("Báo cáo công tác nội chính hằng tháng".to_owned(), 2),
            ("Trả lời văn bản xin ý kiến".to_owned(), 1),
        ]
    );
    // The product and the detailed steps are searched too.
    assert_eq!(
        names("so tiep"),
        vec![("Tiếp công dân định kỳ".to_owned(), 1)]
    );
    assert_eq!(
        names("ke hoach"),
        vec![("Xây dựng kế hoạch thanh tra".to_owned(), 1)]
    );
    assert!(names("khong co viec nay").is_empty());
    assert_eq!(ha.kpi_catalog_search(NOI_CHINH, "", 3).unwrap().len(), 3);
}

// ---- the log and the summary ------------------------------------------

#[test]
fn a_person_logs_a_quarter_through_the_service_and_the_summary_is_right_by_hand() {
    let (_dir, db) = office();
    let ha = as_login(&db, "ha");
    let tiep = task(&ha, NOI_CHINH, "Tiếp công dân định kỳ", 1);
    let bao_cao_2 = task(&ha, NOI_CHINH, "Báo cáo công tác nội chính hằng tháng", 2);
    let ke_hoach = task(&ha, NOI_CHINH, "Xây dựng kế hoạch thanh tra", 1);
    let don_thu = task(&ha, NOI_CHINH, "Xử lý đơn thư", 1);
    let done = EntryState::Done;

    ha.kpi_add(
        "NC03",
        &input(day(2, 7), TaskChoice::Catalog(tiep.id), 5, done),
    )
    .unwrap();
    let mut report = input(day(10, 7), TaskChoice::Catalog(bao_cao_2.id), 1, done);
    report.product_ref = "  123/BC-NC ".into();
    let report = ha.kpi_add("NC03", &report).unwrap();
    assert_eq!(report.product_ref, "123/BC-NC");
    assert_eq!((report.step, report.bucket.number()), (Some(2), 9));
    let plan = ha
        .kpi_add(
            "NC03",
            &input(
                day(12, 8),
                TaskChoice::Catalog(ke_hoach.id),
                1,
                EntryState::InProgress,
            ),
        )
        .unwrap();
    let adhoc = TaskChoice::AdHoc {
        name: "Trực cơ quan ngày lễ".into(),
        complexity: ComplexityGroup::N1,
        bucket: TimeBucket::new(9).unwrap(),
    };
    let adhoc = ha
        .kpi_add("NC03", &input(day(2, 9), adhoc, 2, done))
        .unwrap();
    assert_eq!((adhoc.catalog_id, adhoc.step), (None, None));
    let mistake = ha
        .kpi_add(
            "NC03",
            &input(day(25, 9), TaskChoice::Catalog(don_thu.id), 3, done),
        )
        .unwrap();
    // The plan is finished; the mistake goes.
    let mut finished = input(day(12, 8), TaskChoice::Catalog(ke_hoach.id), 1, done);
    finished.product_ref = "KH-01".into();
    let plan = ha.kpi_edit(plan.id, plan.version, &finished).unwrap();
    assert_eq!((plan.version, plan.state), (2, done));
    ha.kpi_delete(mistake.id, mistake.version).unwrap();

    let settings = ha.kpi_default_settings();
    let log = ha.kpi_log("NC03", q3(), &settings).unwrap();
    assert_eq!(log.entries.len(), 4);
    assert!(log.can_log && !log.can_confirm && !log.closed);
    let s = log.summary;
    // Tiếp công dân: 5 × 120 (bucket 7)  =  600 standard, × N1 1.0 =  600
    // Báo cáo, step 2: 1 × 360 (bucket 9) = 360,            × N3 1.5 =  540
    // Kế hoạch thanh tra: 1 × 1680 (b. 12) = 1680,          × N4 2.0 = 3360
    // Trực ngày lễ (ad hoc): 2 × 360 (b. 9) = 720,          × N1 1.0 =  720
    //                               total 3360 standard,        5220 weighted
    assert_eq!(s.tasks_done, 4);
    assert_eq!(s.quantity_done, 5 + 1 + 1 + 2);
    assert_eq!(s.in_progress, 0);
    assert_eq!(s.unconfirmed_done, 4);
    assert!(near(s.standard_minutes, 3360.0), "{}", s.standard_minutes);
    assert!(near(s.weighted_minutes, 5220.0), "{}", s.weighted_minutes);
    // 3360 / 31 200 = 0.107692…
    assert!(near(s.share, 3360.0 / 31_200.0));
    assert!((s.share - 0.1077).abs() < 5e-5);

    // The quarter summary (set-based) says the same.
    let row = ha.kpi_summary(q3(), None, &settings).unwrap();
    assert_eq!(row.len(), 1, "staff see only themselves");
    assert_eq!(row[0].code, "NC03");
    assert_eq!(row[0].summary, s);
}

#[test]
fn a_tasks_file_logs_a_quarter_idempotently_and_the_summary_is_right_by_hand() {
    let (_dir, db) = office();
    let hr = as_login(&db, "hr");
    let records = import::read_tasks(&fixture("tasks_q3.csv"), &hr.reference().kpi).unwrap();
    let first = hr.import_tasks("tasks_q3.csv", &records).unwrap();
    assert_eq!((first.rows, first.inserted, first.updated), (7, 7, 0));
    let settings = hr.kpi_default_settings();
    let khanh = hr.kpi_log("NC02", q3(), &settings).unwrap();
    assert_eq!(khanh.entries.len(), 6);
    // The report's two steps (same product reference, two catalog rows), the
    // reply found without diacritics, and the ad-hoc meeting:
    //   Báo cáo, step 1: 1 × 187.5 (bucket 8) = 187.5, × N2 1.25 = 234.375
    //   Báo cáo, step 2: 1 × 360   (bucket 9) = 360,   × N3 1.5  = 540
    //   Trả lời văn bản: 4 × 60    (bucket 5) = 240,   × N2 1.25 = 300
    //   Xử lý đơn thư:  12 × 20    (bucket 3) = 240,   × N1 1.0  = 240
    //   Kế hoạch thanh tra: in progress — not counted
    //   Họp giao ban (ad hoc, 60 min → bucket 5): 12 × 60 = 720, × N1 = 720
    //   total 1747.5 standard, 2034.375 weighted; 1747.5 / 31 200 = 0.056009…
    let s = khanh.summary;
    assert_eq!((s.tasks_done, s.quantity_done, s.in_progress), (5, 30, 1));
    assert!(near(s.standard_minutes, 1747.5));
    assert!(near(s.weighted_minutes, 2034.375));
    assert!(near(s.share, 1747.5 / 31_200.0));
    let meeting = khanh
        .entries
        .iter()
        .find(|e| e.task == "Họp giao ban tuần")
        .unwrap();
    assert_eq!(
        (
            meeting.catalog_id,
            meeting.complexity,
            meeting.bucket.number()
        ),
        (None, ComplexityGroup::N1, 5)
    );
    let reply = khanh
        .entries
        .iter()
        .find(|e| e.product_ref == "123/UBND-VP")
        .unwrap();
    assert_eq!(reply.task, "Trả lời văn bản xin ý kiến");

    // The manager confirms one; importing the same file again changes
    // nothing, the confirmation included.
    let duong = as_login(&db, "duong");
    let confirmed = duong.kpi_confirm(reply.id, reply.version).unwrap();
    let again = hr.import_tasks("tasks_q3.csv", &records).unwrap();
    assert_eq!((again.inserted, again.updated), (0, 7));
    let after = hr.kpi_log("NC02", q3(), &settings).unwrap();
    assert_eq!(after.entries.len(), 6);
    assert_eq!(after.summary.tasks_done, 5);
    assert_eq!(after.summary.unconfirmed_done, 4);
    assert!(after.entries.iter().any(|e| e == &confirmed));

    // NC03: 6 × 120 (bucket 7) = 720 standard and weighted (N1).
    let nc03 = hr.kpi_log("NC03", q3(), &settings).unwrap().summary;
    assert!(near(nc03.standard_minutes, 720.0) && near(nc03.weighted_minutes, 720.0));
}

#[test]
fn a_bad_tasks_file_is_refused_whole_with_every_row_named() {
    let (_dir, db) = office();
    let hr = as_login(&db, "hr");
    hr.set_round_closed(Quarter { year: 2026, q: 2 }, true)
        .unwrap();
    let records = import::read_tasks(&fixture("tasks_bad.csv"), &hr.reference().kpi).unwrap();
    let problems = match hr.import_tasks("tasks_bad.csv", &records) {
        Err(ServiceError::ImportRefused(p)) => p,
        other => panic!("{other:?}"),
    };
    let got: Vec<(usize, &str, &Problem)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), &p.problem))
        .collect();
    assert_eq!(got.len(), 8, "{got:#?}");
    // a task in two steps needs its step
    assert_eq!(got[0], (2, "step", &Problem::Required));
    assert_eq!(got[1], (3, "code", &Problem::UnknownStaff));
    // not in the catalog, and not described as an ad-hoc task either
    assert_eq!((got[2].0, got[2].1), (4, "task"));
    assert!(
        matches!(got[2].2, Problem::BadChoice { allowed } if allowed.contains("Xử lý đơn thư"))
    );
    assert_eq!(got[3], (4, "complexity", &Problem::Required));
    assert_eq!(got[4], (4, "time", &Problem::Required));
    assert_eq!(got[5], (5, "step", &Problem::BadNumber { min: 1, max: 2 }));
    // the same entry twice (the name matched without diacritics)
    assert_eq!(got[6], (7, "task", &Problem::Duplicate { first_row: 6 }));
    assert_eq!(
        got[7],
        (
            8,
            "date",
            &Problem::RoundClosed {
                quarter: "2026-Q2".into()
            }
        )
    );
    // Row 6 was fine, and was not imported.
    let settings = hr.kpi_default_settings();
    assert!(
        hr.kpi_log("NC02", q3(), &settings)
            .unwrap()
            .entries
            .is_empty()
    );
}

#[test]
fn the_quarter_summary_agrees_with_each_persons_log_and_shows_whom_one_may_see() {
    let (_dir, db) = office();
    let hr = as_login(&db, "hr");
    let records = import::read_tasks(&fixture("tasks_q3.csv"), &hr.reference().kpi).unwrap();
    hr.import_tasks("tasks_q3.csv", &records).unwrap();
    let ha = as_login(&db, "ha");
    let don_thu = task(&ha, NOI_CHINH, "Xử lý đơn thư", 1);
    ha.kpi_add(
        "NC03",
        &input(
            day(1, 9),
            TaskChoice::Catalog(don_thu.id),
            7,
            EntryState::Done,
        ),
    )
    .unwrap();
    // Another quarter's entry stays out of Q3.
    ha.kpi_add(
        "NC03",
        &input(
            day(1, 10),
            TaskChoice::Catalog(don_thu.id),
            9,
            EntryState::Done,
        ),
    )
    .unwrap();
    let mut settings = hr.kpi_default_settings();
    settings.weights[0] = 1.1;
    settings.standard_minutes[2] = 25.0;

    let all = hr.kpi_summary(q3(), None, &settings).unwrap();
    // NC04 left in 2025 and logged nothing: not in the quarter.
    let codes: Vec<&str> = all.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["HC01", "HC02", "NC01", "NC02", "NC03"]);
    for r in &all {
        let log = hr.kpi_log(&r.code, q3(), &settings).unwrap();
        assert_eq!(r.summary, log.summary, "{}", r.code);
    }
    // NC03 with the changed numbers: 6 × 120 × 1.1 + 7 × 25 × 1.1
    let nc03 = &all[4].summary;
    assert!(near(nc03.standard_minutes, 6.0 * 120.0 + 7.0 * 25.0));
    assert!(near(nc03.weighted_minutes, (720.0 + 175.0) * 1.1));

    let seen = |login: &str, unit: Option<&str>| -> Vec<String> {
        as_login(&db, login)
            .kpi_summary(q3(), unit, &settings)
            .unwrap()
            .into_iter()
            .map(|r| r.code)
            .collect()
    };
    assert_eq!(seen("duong", None), ["NC01", "NC02", "NC03"]);
    assert_eq!(seen("duong", Some(HCQT)), Vec::<String>::new());
    assert_eq!(seen("khanh", None), ["NC02"]);
    assert_eq!(seen("manh", None), ["HC01", "HC02"]);
    assert_eq!(seen("hr", Some(NOI_CHINH)), ["NC01", "NC02", "NC03"]);
    assert_eq!(seen("stranger", None), Vec::<String>::new());
}

// ---- rights -------------------------------------------------------------

fn logged(db: &Path) -> (Service, KpiEntry, KpiEntry) {
    let ha = as_login(db, "ha");
    let tiep = task(&ha, NOI_CHINH, "Tiếp công dân định kỳ", 1);
    let done = ha
        .kpi_add(
            "NC03",
            &input(day(2, 7), TaskChoice::Catalog(tiep.id), 2, EntryState::Done),
        )
        .unwrap();
    let going = ha
        .kpi_add(
            "NC03",
            &input(
                day(3, 7),
                TaskChoice::Catalog(tiep.id),
                1,
                EntryState::InProgress,
            ),
        )
        .unwrap();
    (ha, done, going)
}

#[test]
fn staff_log_and_change_only_their_own_entries() {
    let (_dir, db) = office();
    let (ha, entry, _) = logged(&db);
    let tiep = task(&ha, NOI_CHINH, "Tiếp công dân định kỳ", 1);
    let new = input(day(4, 7), TaskChoice::Catalog(tiep.id), 1, EntryState::Done);
    let khanh = as_login(&db, "khanh");
    assert_eq!(
        denied(khanh.kpi_add("NC03", &new)),
        Denied::NotVisible {
            code: "NC03".into()
        }
    );
    assert_eq!(
        denied(khanh.kpi_edit(entry.id, entry.version, &new)),
        Denied::NotVisible {
            code: "NC03".into()
        }
    );
    assert_eq!(
        denied(khanh.kpi_delete(entry.id, entry.version)),
        Denied::NotVisible {
            code: "NC03".into()
        }
    );
    assert_eq!(
        denied(khanh.kpi_log("NC03", q3(), &khanh.kpi_default_settings())),
        Denied::NotVisible {
            code: "NC03".into()
        }
    );
    // Nor may the manager write a subordinate's log: he confirms it.
    let duong = as_login(&db, "duong");
    assert!(matches!(
        denied(duong.kpi_add("NC03", &new)),
        Denied::NotYourLog { .. }
    ));
    // Someone not on the staff list logs nothing.
    let stranger = as_login(&db, "stranger");
    assert_eq!(
        denied(stranger.kpi_add("NC03", &new)),
        Denied::NotOnStaffList
    );
    // A task of another unit's catalog, or nothing to count, is refused.
    let mut zero = new.clone();
    zero.quantity = 0;
    assert!(matches!(
        ha.kpi_add("NC03", &zero),
        Err(ServiceError::Invalid(_))
    ));
    let hoa = as_login(&db, "hoa");
    assert!(matches!(
        hoa.kpi_add("HC02", &new),
        Err(ServiceError::Invalid(m)) if m.contains(NOI_CHINH)
    ));
    // And the owner may.
    ha.kpi_add("NC03", &new).unwrap();
}

#[test]
fn the_direct_manager_confirms_and_a_confirmed_entry_is_the_owners_no_more() {
    let (_dir, db) = office();
    let (ha, entry, going) = logged(&db);
    let manh = as_login(&db, "manh");
    assert_eq!(
        denied(manh.kpi_confirm(entry.id, entry.version)),
        Denied::NotYourSubordinate {
            code: "NC03".into()
        }
    );
    assert!(matches!(
        denied(ha.kpi_confirm(entry.id, entry.version)),
        Denied::NotYourSubordinate { .. }
    ));
    let duong = as_login(&db, "duong");
    let log = duong
        .kpi_log("NC03", q3(), &duong.kpi_default_settings())
        .unwrap();
    assert!(log.can_confirm && !log.can_log);
    // Work in progress is not confirmed.
    assert_eq!(
        denied(duong.kpi_confirm(going.id, going.version)),
        Denied::WrongState {
            code: "NC03".into(),
            state: "in_progress"
        }
    );
    let confirmed = duong.kpi_confirm(entry.id, entry.version).unwrap();
    assert_eq!(confirmed.confirmed_by.as_deref(), Some("duong"));
    assert_eq!(confirmed.version, entry.version + 1);
    // Confirming twice changes nothing.
    assert_eq!(
        duong.kpi_confirm(confirmed.id, confirmed.version).unwrap(),
        confirmed
    );

    let edit = input(
        day(2, 7),
        TaskChoice::Catalog(entry.catalog_id.unwrap()),
        9,
        EntryState::Done,
    );
    let locked = Denied::WrongState {
        code: "NC03".into(),
        state: "confirmed",
    };
    assert_eq!(
        denied(ha.kpi_edit(confirmed.id, confirmed.version, &edit)),
        locked
    );
    assert_eq!(
        denied(ha.kpi_delete(confirmed.id, confirmed.version)),
        locked
    );

    // Unconfirmed, it is the owner's again.
    let back = duong
        .kpi_unconfirm(confirmed.id, confirmed.version)
        .unwrap();
    assert_eq!(back.confirmed_by, None);
    let edited = ha.kpi_edit(back.id, back.version, &edit).unwrap();
    assert_eq!(edited.quantity, 9);

    // An admin may change a confirmed entry; the confirmation, which
    // attested the old content, goes.
    let again = duong.kpi_confirm(edited.id, edited.version).unwrap();
    let hr = as_login(&db, "hr");
    let mut fixed = edit.clone();
    fixed.quantity = 8;
    let fixed = hr.kpi_edit(again.id, again.version, &fixed).unwrap();
    assert_eq!((fixed.quantity, fixed.confirmed_by.as_deref()), (8, None));
    assert_eq!(fixed.updated_by, "hr");
}

#[test]
fn a_stale_version_is_a_conflict_not_an_overwrite() {
    let (_dir, db) = office();
    let (ha, entry, _) = logged(&db);
    let edit = input(
        day(2, 7),
        TaskChoice::Catalog(entry.catalog_id.unwrap()),
        3,
        EntryState::Done,
    );
    let first = ha.kpi_edit(entry.id, entry.version, &edit).unwrap();
    let mut other = edit.clone();
    other.quantity = 4;
    assert!(matches!(
        ha.kpi_edit(entry.id, entry.version, &other),
        Err(ServiceError::EntryConflict { code, id }) if code == "NC03" && id == entry.id
    ));
    assert!(matches!(
        ha.kpi_delete(entry.id, entry.version),
        Err(ServiceError::EntryConflict { .. })
    ));
    assert_eq!(ha.kpi_entry(entry.id).unwrap(), first);
}

#[test]
fn a_closed_round_refuses_every_change_to_its_months() {
    let (_dir, db) = office();
    let (ha, entry, _) = logged(&db);
    let hr = as_login(&db, "hr");
    hr.set_round_closed(q3(), true).unwrap();
    let tiep = entry.catalog_id.unwrap();
    let in_q3 = input(day(20, 9), TaskChoice::Catalog(tiep), 1, EntryState::Done);
    let in_q4 = input(day(1, 10), TaskChoice::Catalog(tiep), 1, EntryState::Done);
    let closed =
        |r: Result<_, ServiceError>| matches!(r, Err(ServiceError::RoundClosed(q)) if q == q3());
    assert!(closed(ha.kpi_add("NC03", &in_q3).map(|_| ())));
    assert!(closed(
        ha.kpi_edit(entry.id, entry.version, &in_q4).map(|_| ())
    ));
    assert!(closed(ha.kpi_delete(entry.id, entry.version)));
    let duong = as_login(&db, "duong");
    assert!(closed(
        duong.kpi_confirm(entry.id, entry.version).map(|_| ())
    ));
    // Admins too.
    assert!(closed(hr.kpi_add("NC03", &in_q3).map(|_| ())));
    let log = ha
        .kpi_log("NC03", q3(), &ha.kpi_default_settings())
        .unwrap();
    assert!(log.closed && !log.can_log);
    // The next quarter is open; an entry may not move into the closed one.
    let later = ha.kpi_add("NC03", &in_q4).unwrap();
    assert!(closed(
        ha.kpi_edit(later.id, later.version, &in_q3).map(|_| ())
    ));
    // Every change so far is in the audit chain, which is intact.
    assert!(matches!(
        hr.audit_verify().unwrap(),
        Verification::Intact { .. }
    ));
}

// ---- the command line ----------------------------------------------------

/// Runs the binary on `db` with an empty config dir, so the defaults hold
/// unless the test writes a config file there.
fn run(dir: &Path, db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_danhgia"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("DANHGIA_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn ok(dir: &Path, db: &Path, args: &[&str]) -> String {
    let out = run(dir, db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn cli_office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let d = dir.path();
    ok(d, &db, &["init"]);
    for (kind, file) in [
        ("staff", "staff.csv"),
        ("catalog", "catalog_noi_chinh.csv"),
        ("tasks", "tasks_q3.csv"),
    ] {
        ok(d, &db, &["import", kind, fixture(file).to_str().unwrap()]);
    }
    (dir, db)
}

#[test]
fn kpi_json_has_the_shape_of_spec_section_6() {
    let (dir, db) = cli_office();
    let out = ok(
        dir.path(),
        &db,
        &["kpi", "--quarter", "2026-Q3", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    let codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["HC01", "HC02", "NC01", "NC02", "NC03"]);
    for r in rows {
        let o = r.as_object().unwrap();
        for key in [
            "code",
            "name",
            "unit",
            "tasks_done",
            "standard_minutes",
            "weighted_minutes",
            "share",
        ] {
            assert!(o.contains_key(key), "{key} missing in {r}");
        }
        assert!(r["name"].is_string() && r["unit"].is_string());
        assert!(r["tasks_done"].is_u64());
        assert!(r["standard_minutes"].is_number() && r["weighted_minutes"].is_number());
        assert!(r["share"].is_number());
    }
    // By hand (see the tasks-file test): 1747.5 standard, 2034.375 weighted
    // (shown to 0.01), share 1747.5 / 31 200 = 0.0560 (to 0.0001).
    let nc02 = &rows[3];
    assert_eq!(nc02["name"], "Tạ Ngọc Khánh");
    assert_eq!(nc02["unit"], NOI_CHINH);
    assert_eq!(nc02["tasks_done"], 5);
    assert_eq!(nc02["standard_minutes"], 1747.5);
    assert_eq!(nc02["weighted_minutes"], 2034.38);
    assert_eq!(nc02["share"], 0.056);
    assert_eq!(nc02["quantity_done"], 30);
    assert_eq!(rows[0]["tasks_done"], 0);
    assert_eq!(rows[0]["share"], 0.0);

    let unit = ok(
        dir.path(),
        &db,
        &[
            "kpi",
            "--quarter",
            "2026-Q3",
            "--unit",
            HCQT,
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&unit).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
}

#[test]
fn kpi_table_fits_80_columns_and_csv_has_the_json_fields() {
    let (dir, db) = cli_office();
    for lang in ["vi", "en"] {
        let out = ok(
            dir.path(),
            &db,
            &["--lang", lang, "kpi", "--quarter", "2026-Q3"],
        );
        let widest = out.lines().map(danhgia::text::display_width).max().unwrap();
        assert!(widest <= 80, "{lang}: {widest} columns\n{out}");
        assert!(
            out.contains("Tạ Ngọc Khánh") && out.contains("5.6%"),
            "{out}"
        );
    }
    let csv = ok(
        dir.path(),
        &db,
        &["kpi", "--quarter", "2026-Q3", "--format", "csv"],
    );
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "code,name,unit,tasks_done,standard_minutes,weighted_minutes,share,quantity_done,unconfirmed_done"
    );
    assert!(csv.contains("NC02,Tạ Ngọc Khánh,Phòng Nội chính,5,1747.5,2034.38,0.056,30,5"));
}

/// `share` of NC02 (the fourth row) in `kpi --quarter Q --format json`.
fn nc02_share(dir: &Path, db: &Path, quarter: &str) -> Value {
    let v: Value = serde_json::from_str(&ok(
        dir,
        db,
        &["kpi", "--quarter", quarter, "--format", "json"],
    ))
    .unwrap();
    assert_eq!(v[3]["code"], "NC02");
    v[3]["share"].clone()
}

#[test]
fn a_kpi_table_in_a_config_file_changes_nothing_and_is_warned_about() {
    let (dir, db) = cli_office();
    let config = dir.path().join("config").join("danhgia");
    std::fs::create_dir_all(&config).unwrap();
    let file = config.join("config.toml");
    // This table once made NC02's share 1747.5 / 17 475 = 0.1.
    std::fs::write(
        &file,
        "[kpi]\nminutes_per_quarter = 17475\nstandard_minutes = { 5 = 60 }\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &db,
        &["kpi", "--quarter", "2026-Q3", "--format", "json"],
    );
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[3]["share"], 0.056);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&file.display().to_string())
            && err.contains("[kpi]")
            && err.contains("không còn được đọc")
            && err.contains("danhgia settings --kpi-"),
        "{err}"
    );
    // Even a table that no longer parses as numbers is only warned about.
    std::fs::write(&file, "[kpi]\nweights = { N9 = 3 }\n").unwrap();
    let out = run(
        dir.path(),
        &db,
        &["--lang", "en", "kpi", "--quarter", "2026-Q3"],
    );
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("KPI settings: the defaults of data/kpi.toml"),
        "{table}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is no longer read"), "{err}");
}

#[test]
fn only_an_admin_changes_kpi_settings_through_the_service_or_the_cli() {
    let (dir, db) = cli_office();
    let khanh = as_login(&db, "khanh");
    let n2 = KpiSetting::Weight(ComplexityGroup::N2);
    assert_eq!(
        denied(khanh.set_kpi_settings(&[(n2, 3.0)])),
        Denied::AdminOnly
    );
    // From the command line too (an admin acting as a staff member is
    // that staff member): exit 1, nothing written.
    let before = khanh.change_cursor().unwrap();
    let out = run(
        dir.path(),
        &db,
        &["--as", "khanh", "settings", "--kpi-weight", "N2=3"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("quản trị"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(khanh.change_cursor().unwrap(), before);
    assert_eq!(
        khanh.kpi_settings(q3()).unwrap().settings,
        khanh.kpi_default_settings()
    );
}

#[test]
fn an_admins_kpi_change_is_audited_with_before_and_after_and_an_unchanged_one_is_not() {
    let (dir, db) = cli_office();
    let audit = || -> Vec<(String, Option<String>, Option<String>)> {
        let c = rusqlite::Connection::open(&db).unwrap();
        let mut stmt = c
            .prepare(
                "SELECT entity, before, after FROM audit WHERE action = 'setting' ORDER BY seq",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let shown = ok(
        dir.path(),
        &db,
        &[
            "--lang",
            "en",
            "settings",
            "--kpi-weight",
            "N2=1.2",
            "--kpi-standard-minutes",
            "5=50",
            // At its default already: not a change.
            "--kpi-minutes-per-quarter",
            "31200",
        ],
    );
    assert!(
        shown.contains("Weight of group N2 (--kpi-weight N2=…): 1.2\n")
            && shown.contains("Weight of group N1 (--kpi-weight N1=…): 1 (default)")
            && shown
                .contains("Standard minutes of time bucket 5 (--kpi-standard-minutes 5=…): 50\n")
            && shown.contains("(--kpi-minutes-per-quarter): 31200 (default)"),
        "{shown}"
    );
    let s = |t: &str| Some(t.to_owned());
    assert_eq!(
        audit(),
        [
            ("setting:kpi.weight.N2".to_owned(), None, s("1.2")),
            ("setting:kpi.standard_minutes.5".to_owned(), None, s("50")),
        ]
    );
    // The same values again change nothing; a new one records its before.
    ok(dir.path(), &db, &["settings", "--kpi-weight", "n2=1.2"]);
    assert_eq!(audit().len(), 2);
    ok(dir.path(), &db, &["settings", "--kpi-weight", "N2=1,3"]);
    assert_eq!(
        audit()[2],
        ("setting:kpi.weight.N2".to_owned(), s("1.2"), s("1.3"))
    );
    // A value written wrong is refused whole, in Vietnamese by default.
    for (args, says) in [
        (&["--kpi-weight", "N6=1"][..], "«N6»"),
        (&["--kpi-standard-minutes", "15=60"][..], "«15»"),
        (
            &["--kpi-standard-minutes", "5=0"][..],
            "kpi.standard_minutes.5",
        ),
        (
            &["--kpi-minutes-per-quarter=-1"][..],
            "kpi.minutes_per_quarter",
        ),
        (&["--kpi-weight", "N1"][..], "KHÓA=SỐ"),
        (&["--kpi-weight", "N1=x"][..], "kpi.weight.N1"),
    ] {
        let mut all = vec!["settings", "--kpi-weight", "N3=9"];
        all.extend(args);
        let out = run(dir.path(), &db, &all);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(audit().len(), 3);
    // The summary uses the stored numbers: NC02's 1747.5 standard minutes
    // had 5 × 60 of bucket 5 … the table names where the numbers live.
    let table = ok(dir.path(), &db, &["kpi", "--quarter", "2026-Q3"]);
    assert!(
        table.contains("Thiết lập KPI: cơ sở dữ liệu (danhgia settings)"),
        "{table}"
    );
}

/// Writes `tasks_q3.csv` moved three months on (into 2026-Q4) and imports
/// it, so that an open quarter holds the same work as 2026-Q3.
fn import_the_same_work_in_q4(dir: &Path, db: &Path) {
    let text = std::fs::read_to_string(fixture("tasks_q3.csv"))
        .unwrap()
        .replace("/07/2026", "/10/2026")
        .replace("/08/2026", "/11/2026")
        .replace("/09/2026", "/12/2026");
    let q4 = dir.join("tasks_q4.csv");
    std::fs::write(&q4, text).unwrap();
    ok(dir, db, &["import", "tasks", q4.to_str().unwrap()]);
}

/// The place-and-date line and header of form 04 for `quarter`.
fn notice(dir: &Path, db: &Path, quarter: &str) -> String {
    let out = dir.join(format!("04-{quarter}-{}.md", next_file_number()));
    ok(
        dir,
        db,
        &[
            "report",
            "04",
            "--quarter",
            quarter,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    std::fs::read_to_string(out).unwrap()
}

/// A new number for each form file a test writes.
fn next_file_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[test]
fn closing_a_quarter_freezes_its_kpi_summary_and_form_header() {
    let (dir, db) = cli_office();
    let d = dir.path();
    import_the_same_work_in_q4(d, &db);
    ok(
        d,
        &db,
        &[
            "settings",
            "--place",
            "Long Biên",
            "--kpi-minutes-per-quarter",
            "17475",
        ],
    );
    // 1747.5 / 17 475.
    assert_eq!(nc02_share(d, &db, "2026-Q3"), 0.1);
    assert_eq!(nc02_share(d, &db, "2026-Q4"), 0.1);
    ok(d, &db, &["round", "close", "2026-Q3", "--force"]);
    // The close's audit entry carries the copy.
    let c = rusqlite::Connection::open(&db).unwrap();
    let after: String = c
        .query_row(
            "SELECT after FROM audit WHERE action = 'close_round' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let after: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["state"], "closed");
    assert_eq!(after["settings"]["kpi.minutes_per_quarter"], "17475");
    assert_eq!(after["settings"]["place"], "Long Biên");
    assert_eq!(after["settings"]["unit_name"], "");

    // Settings change after the close: the closed quarter keeps its own.
    ok(
        d,
        &db,
        &[
            "settings",
            "--place",
            "Hà Nội",
            // Unset when the round closed: stays a dotted blank there.
            "--unit-name",
            "Phòng Nội vụ quận Ba Đình",
            "--kpi-minutes-per-quarter",
            "34950",
        ],
    );
    assert_eq!(nc02_share(d, &db, "2026-Q3"), 0.1);
    assert_eq!(nc02_share(d, &db, "2026-Q4"), 0.05);
    let table = ok(d, &db, &["kpi", "--quarter", "2026-Q3"]);
    assert!(table.contains("bản chốt khi khóa quý 2026-Q3"), "{table}");
    let (closed, open) = (notice(d, &db, "2026-Q3"), notice(d, &db, "2026-Q4"));
    assert!(closed.contains("*Long Biên, ngày"), "{closed}");
    assert!(!closed.contains("BA ĐÌNH"), "{closed}");
    assert!(open.contains("*Hà Nội, ngày"), "{open}");
    assert!(open.contains("PHÒNG NỘI VỤ QUẬN BA ĐÌNH"), "{open}");
    let svc = as_login(&db, "hr");
    assert_eq!(
        svc.kpi_settings(q3()).unwrap().settings.minutes_per_quarter,
        17_475.0
    );
    // Closing again keeps the copy made at the first close.
    ok(d, &db, &["round", "close", "2026-Q3", "--force"]);
    assert_eq!(nc02_share(d, &db, "2026-Q3"), 0.1);

    // Reopening removes the copy (in the reopening's audit entry): the
    // quarter follows the live settings again.
    ok(d, &db, &["round", "open", "2026-Q3"]);
    assert_eq!(nc02_share(d, &db, "2026-Q3"), 0.05);
    assert!(notice(d, &db, "2026-Q3").contains("*Hà Nội, ngày"));
    let left: i64 = c
        .query_row(
            "SELECT count(*) FROM settings WHERE key LIKE 'round:%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    assert!(matches!(
        svc.audit_verify().unwrap(),
        Verification::Intact { .. }
    ));
}

#[test]
fn a_bad_catalog_file_exits_1_naming_every_bad_row() {
    let (dir, db) = cli_office();
    let out = run(
        dir.path(),
        &db,
        &[
            "import",
            "catalog",
            fixture("catalog_bad.csv").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        ":2:",
        "«N7»",
        ":3:",
        "«khoảng nửa ngày»",
        ":4:",
        "Sản phẩm đầu ra",
    ] {
        assert!(err.contains(needle), "{needle}: {err}");
    }
    assert!(!err.contains(":5:"), "{err}");
}
