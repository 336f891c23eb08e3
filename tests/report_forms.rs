#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The official forms (issue 6): every form in every format from a fixture
//! database; the XLSX read back with calamine and checked cell by cell
//! against `status` and `commend`; Markdown snapshots of a hand-made office;
//! spreadsheet formulas never evaluated; sheet names valid and unique; the
//! CLI contract of `danhgia report`.

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use danhgia::demo::{DemoData, DemoOptions, DemoSettings, generate};
use danhgia::domain::records::{
    ChecklistRecord, CommitmentRecord, MarkNote, MarkRecord, MarkTarget, RatingPeriod, RatingRecord,
};
use danhgia::domain::rules::Outcome;
use danhgia::domain::{
    ChecklistState, Employment, Month, MonthEntry, MonthlyRating, Quarter, Rating, Staff,
    StaffGroup, StaffKind,
};
use danhgia::outfile::Replace;
use danhgia::report::{
    FormId, ReportError, ReportFormat, ReportOptions, ReportScope, render_report, write_report,
};
use danhgia::service::{
    SETTING_GOVERNING_BODY, SETTING_PLACE, SETTING_UNIT_NAME, Service, os_login,
};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

const Q2: Quarter = Quarter { year: 2026, q: 2 };
const Q3: Quarter = Quarter { year: 2026, q: 3 };
const FORMATS: [ReportFormat; 3] = [
    ReportFormat::Xlsx,
    ReportFormat::Csv,
    ReportFormat::Markdown,
];

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The forms are dated on the assessment day, so snapshots never change.
fn options(unit: Option<&str>) -> ReportOptions {
    ReportOptions {
        unit: unit.map(Into::into),
        date: Some(ymd(2026, 9, 25)),
    }
}

// ---------------------------------------------------------------------------
// The hand-made office
// ---------------------------------------------------------------------------

#[allow(clippy::too_many_arguments)]
fn person(
    code: &str,
    name: &str,
    title: &str,
    unit: &str,
    kind: StaffKind,
    group: StaffGroup,
    party: bool,
    manager: Option<&str>,
    birth: Option<NaiveDate>,
) -> Staff {
    Staff {
        code: code.into(),
        full_name: name.into(),
        birth_date: birth,
        title: title.into(),
        unit: unit.into(),
        kind,
        group,
        party_member: party,
        manager_code: manager.map(Into::into),
        login: Some(code.to_lowercase()),
        position_code: None,
        grade: None,
        employment: Employment::default(),
    }
}

const NOI_VU: &str = "Phòng Nội vụ";
const TU_PHAP: &str = "Phòng Tư pháp";
const ACHIEVEMENT: &str =
    "Tham mưu xây dựng đề án vị trí việc làm của quận, được UBND thành phố biểu dương";

/// Phòng Nội vụ: L1 (head, leader of everyone), S1, S2; Phòng Tư pháp: L2
/// (head, under L1) and S4, who has the same name as S1. In 2026-Q3:
/// L1 passes (S2's HTNV in August is excused leave); S1 passes and is
/// outstanding; S2 fails (HTNV in August); L2 is pending (III.3.3 not
/// reviewed, S4's September not rated); S4 fails (II.1.2 Chưa đạt). Q1 and
/// Q2: everyone passes. Yearly ratings: L1, S1, L2 HTXSNV; S2 HTTNV. S4
/// did not sign the commitment.
fn office_data(s2_name: &str) -> DemoData {
    use StaffGroup::*;
    use StaffKind::*;
    let staff = vec![
        person(
            "L1",
            "Lê Văn Hùng",
            "Trưởng phòng",
            NOI_VU,
            Leader,
            Cbldql,
            true,
            None,
            Some(ymd(1975, 3, 2)),
        ),
        person(
            "S1",
            "Nguyễn Thị An",
            "Chuyên viên",
            NOI_VU,
            Staff,
            Cc,
            true,
            Some("L1"),
            Some(ymd(1990, 2, 5)),
        ),
        person(
            "S2",
            s2_name,
            "Kỹ thuật viên",
            NOI_VU,
            Staff,
            Vc,
            false,
            Some("L1"),
            None,
        ),
        person(
            "L2",
            "Phạm Thị Hà",
            "Trưởng phòng",
            TU_PHAP,
            Leader,
            Cbldql,
            true,
            Some("L1"),
            Some(ymd(1980, 12, 20)),
        ),
        person(
            "S4",
            "Nguyễn Thị An",
            "Nhân viên",
            TU_PHAP,
            Staff,
            Nld,
            false,
            Some("L2"),
            Some(ymd(1995, 7, 15)),
        ),
    ];
    let mut ratings = Vec::new();
    for s in &staff {
        for month in 1..=9u8 {
            if s.code == "S4" && month == 9 {
                continue;
            }
            let (rating, excused) = match (s.code.as_str(), month) {
                ("L1", _) => (Rating::Htxsnv, false),
                ("S2", 8) => (Rating::Htnv, true),
                _ => (Rating::Httnv, false),
            };
            ratings.push(RatingRecord {
                code: s.code.clone(),
                period: RatingPeriod::Month(Month::new(2026, month).unwrap()),
                entry: MonthEntry::Rated(MonthlyRating {
                    rating,
                    discipline: Some(20),
                    excused,
                }),
            });
        }
        ratings.push(RatingRecord {
            code: s.code.clone(),
            period: RatingPeriod::Year(2026),
            entry: MonthEntry::Rated(MonthlyRating {
                rating: if s.code == "S2" || s.code == "S4" {
                    Rating::Httnv
                } else {
                    Rating::Htxsnv
                },
                discipline: None,
                excused: false,
            }),
        });
    }
    let mut marks = Vec::new();
    let mut checklists = Vec::new();
    for q in [1, 2, 3] {
        let quarter = Quarter { year: 2026, q };
        for s in &staff {
            let outstanding = q == 3 && s.code == "S1";
            checklists.push(ChecklistRecord {
                code: s.code.clone(),
                quarter,
                state: if q == 3 && s.code == "L2" {
                    ChecklistState::Submitted
                } else {
                    ChecklistState::Approved
                },
                outstanding,
                achievement: outstanding.then(|| ACHIEVEMENT.to_owned()),
                return_note: None,
            });
            marks.push(MarkRecord {
                code: s.code.clone(),
                quarter,
                target: MarkTarget::All,
                self_mark: Some(true),
                review: Some(true),
            });
        }
    }
    let item = |code: &str, item: &str, self_mark, review| MarkRecord {
        code: code.into(),
        quarter: Q3,
        target: MarkTarget::Item(item.into()),
        self_mark,
        review,
    };
    marks.push(item("S4", "II.1.2", Some(true), Some(false)));
    marks.push(item("S2", "II.2.5", Some(false), Some(true)));
    marks.push(item("L2", "III.3.3", Some(true), None));
    let notes = vec![MarkNote {
        code: "S4".into(),
        quarter: Q3,
        item: "II.1.2".into(),
        note: "Chưa tận tình hướng dẫn công dân".into(),
    }];
    let commitment = |code: &str, day: NaiveDate, leadership: Option<&str>| CommitmentRecord {
        code: code.into(),
        year: 2026,
        signed_on: day,
        focus_ethics: "Giữ gìn phẩm chất đạo đức, lối sống\nKhông tham nhũng, tiêu cực".into(),
        focus_work: "Giải quyết hồ sơ đúng hạn, không để tồn đọng".into(),
        focus_leadership: leadership.map(Into::into),
    };
    let commitments = vec![
        commitment(
            "L1",
            ymd(2026, 1, 5),
            Some("Phát huy dân chủ, lắng nghe ý kiến cán bộ"),
        ),
        commitment("S1", ymd(2026, 1, 12), None),
        commitment("S2", ymd(2026, 2, 3), None),
        commitment("L2", ymd(2026, 1, 7), None),
    ];
    DemoData {
        settings: DemoSettings {
            governing_body: "UBND thành phố Hà Nội".into(),
            unit_name: "UBND quận Long Biên".into(),
            place: "Long Biên".into(),
        },
        staff,
        ratings,
        marks,
        notes,
        checklists,
        commitments,
        catalog: Vec::new(),
        tasks: Vec::new(),
    }
}

struct Office {
    dir: TempDir,
    path: PathBuf,
}

impl Office {
    /// A database on disk, initialised by `admin`, holding `data`.
    fn with(data: &DemoData, admin: &str) -> Office {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let svc = Service::init(&path, admin).unwrap();
        svc.load_demo(data).unwrap();
        Office { dir, path }
    }

    fn hand_made() -> Office {
        Office::with(&office_data("Trần Văn Bình"), "hr")
    }

    fn as_(&self, login: &str) -> Service {
        Service::from_store(
            danhgia::store::Store::open(&self.path).unwrap(),
            login,
            None,
        )
        .unwrap()
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn markdown(svc: &Service, form: FormId, scope: ReportScope, unit: Option<&str>) -> String {
    let r = render_report(svc, form, scope, &options(unit), ReportFormat::Markdown).unwrap();
    String::from_utf8(r.bytes).unwrap()
}

// ---------------------------------------------------------------------------
// Reading the files back
// ---------------------------------------------------------------------------

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A sheet as a grid of texts at their absolute positions.
struct Sheet {
    name: String,
    cells: Vec<Vec<String>>,
}

impl Sheet {
    fn at(&self, r: usize, c: usize) -> &str {
        self.cells
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    }

    /// The first row whose column `c` is exactly `text`.
    fn row_of(&self, c: usize, text: &str) -> Option<usize> {
        (0..self.cells.len()).find(|r| self.at(*r, c) == text)
    }

    /// The first cell starting with `prefix`.
    fn find(&self, prefix: &str) -> Option<&str> {
        self.cells
            .iter()
            .flatten()
            .find(|c| c.starts_with(prefix))
            .map(String::as_str)
    }

    /// The numbered rows under the table header whose first cell is `TT`:
    /// (TT, the next columns …).
    fn list(&self) -> Vec<Vec<String>> {
        let Some(h) = self.row_of(0, "TT") else {
            return Vec::new();
        };
        // Header rows end where the numbering starts.
        let mut r = h + 1;
        while r < self.cells.len() && self.at(r, 0).parse::<usize>().is_err() {
            if self.at(r, 0).is_empty() && !self.at(r, 1).is_empty() {
                return Vec::new();
            }
            r += 1;
        }
        let mut out = Vec::new();
        while r < self.cells.len() && self.at(r, 0).parse::<usize>().is_ok() {
            out.push(self.cells[r].clone());
            r += 1;
        }
        out
    }
}

fn read_xlsx(path: &Path) -> Vec<Sheet> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let (r0, c0) = (r0 as usize, c0 as usize);
            let mut cells = vec![vec![String::new(); c0 + range.width()]; r0 + range.height()];
            for (i, row) in range.rows().enumerate() {
                for (j, c) in row.iter().enumerate() {
                    cells[r0 + i][c0 + j] = cell_text(c);
                }
            }
            Sheet { name, cells }
        })
        .collect()
}

/// No cell of any sheet is a formula.
fn assert_no_formulas(path: &Path) {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    for name in wb.sheet_names().to_vec() {
        let f = wb.worksheet_formula(&name).unwrap();
        assert!(
            f.used_cells().all(|(_, _, s)| s.is_empty()),
            "{name} has formulas"
        );
    }
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "CSV without BOM");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// "- Tổng số CBCCVC, NLĐ của đơn vị: 5 người." → 5.
fn count_after(sheet: &Sheet, prefix: &str) -> usize {
    let line = sheet
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} not in {}", sheet.name));
    line[prefix.len()..]
        .trim()
        .trim_end_matches(" người.")
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{line}"))
}

const TOTAL: &str = "- Tổng số CBCCVC, NLĐ của đơn vị:";
const SIGNED_04: &str = "- Số CBCCVC, NLĐ đã ký cam kết thực hiện bộ tiêu chí:";
const SIGNED_02: &str = "- Số CBCCVC, NLĐ đã ký cam kết thực hiện tiêu chí chuyên nghiệp:";
const PASSED: &str = "- Số CBCCVC, NLĐ đạt tiêu chí chuyên nghiệp:";

// ---------------------------------------------------------------------------
// Every form, every format
// ---------------------------------------------------------------------------

#[test]
fn every_form_comes_out_in_every_format() {
    let o = Office::hand_made();
    let svc = o.as_("hr");
    for form in FormId::ALL {
        let scope = if form == FormId::CommitmentList || form == FormId::Commitment {
            ReportScope::Year(2026)
        } else {
            ReportScope::Quarter(Q3)
        };
        for format in FORMATS {
            let out = o.out(&format!("f{}.{}", form.code(), format.extension()));
            let s = write_report(&svc, form, scope, &options(None), &out, Replace::Asked).unwrap();
            assert_eq!(s.path, out);
            assert_eq!(s.format, format);
            let bytes = std::fs::read(&out).unwrap();
            assert!(!bytes.is_empty(), "{form} {format:?}");
            match format {
                ReportFormat::Xlsx => {
                    let sheets = read_xlsx(&out);
                    assert_eq!(sheets.len(), s.counts.sections, "{form}");
                    assert_no_formulas(&out);
                }
                ReportFormat::Csv => {
                    let rows = read_csv(&out);
                    assert!(!rows.is_empty());
                }
                ReportFormat::Markdown => {
                    let text = String::from_utf8(bytes).unwrap();
                    assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
                }
            }
        }
    }
    // No temporary file is left beside the outputs.
    for e in std::fs::read_dir(o.dir.path()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "{name}");
    }
}

#[test]
fn the_hand_made_office_gives_the_expected_counts() {
    let o = Office::hand_made();
    let svc = o.as_("hr");
    let count = |form, scope| {
        render_report(&svc, form, scope, &options(None), ReportFormat::Csv)
            .unwrap()
            .counts
    };
    let c = count(FormId::Notice, ReportScope::Quarter(Q3));
    assert_eq!((c.people, c.listed), (5, 2));
    let c = count(FormId::Notice, ReportScope::Year(2026));
    assert_eq!((c.people, c.listed), (5, 5));
    let c = count(FormId::CommitmentList, ReportScope::Year(2026));
    assert_eq!((c.people, c.listed), (5, 4));
    let c = count(FormId::PeriodicCommendation, ReportScope::Year(2026));
    assert_eq!(c.listed, 3);
    let c = count(FormId::AdhocCommendation, ReportScope::Quarter(Q3));
    assert_eq!(c.listed, 1);
    let c = count(FormId::Checklist, ReportScope::Quarter(Q3));
    assert_eq!((c.people, c.sections), (5, 5));
}

// ---------------------------------------------------------------------------
// Cell by cell against status and commend (the demo district)
// ---------------------------------------------------------------------------

fn demo_office() -> Office {
    let data = generate(&DemoOptions {
        size: 45,
        ..DemoOptions::default()
    });
    Office::with(&data, "hr")
}

#[test]
fn form_04_agrees_with_status_and_commend_cell_by_cell() {
    let o = demo_office();
    let svc = o.as_("hr");
    for scope in [ReportScope::Quarter(Q2), ReportScope::Year(2026)] {
        let out = o.out("f04.xlsx");
        write_report(
            &svc,
            FormId::Notice,
            scope,
            &options(None),
            &out,
            Replace::Asked,
        )
        .unwrap();
        let sheets = read_xlsx(&out);
        let sheet = &sheets[0];
        let roll = svc.commitment_roll(2026, None).unwrap();
        let signed: HashSet<i64> = roll
            .iter()
            .filter(|r| r.commitment.is_some())
            .map(|r| r.staff.id)
            .collect();
        let (people, passed): (Vec<i64>, Vec<(String, String)>) = match scope {
            ReportScope::Quarter(q) => {
                let status = svc.status(q, None).unwrap();
                let passed = svc
                    .commend_quarter(q)
                    .unwrap()
                    .quarterly
                    .iter()
                    .map(|r| (r.staff.staff.full_name.clone(), r.staff.staff.unit.clone()))
                    .collect();
                // The commendation list is exactly the passes of status.
                let passes: Vec<&str> = status
                    .iter()
                    .filter(|r| r.result.outcome == Outcome::Pass)
                    .map(|r| r.staff.staff.code.as_str())
                    .collect();
                assert_eq!(
                    passes.len(),
                    svc.commend_quarter(q).unwrap().quarterly.len()
                );
                (status.iter().map(|r| r.staff.id).collect(), passed)
            }
            ReportScope::Year(y) => {
                let rows = svc.commend_year(y).unwrap();
                let passed = rows
                    .iter()
                    .filter(|r| r.commendation.quarters_passed >= 2)
                    .map(|r| (r.staff.staff.full_name.clone(), r.staff.staff.unit.clone()))
                    .collect();
                (rows.iter().map(|r| r.staff.id).collect(), passed)
            }
        };
        assert!(!passed.is_empty(), "the demo has passes in {scope}");
        assert_eq!(count_after(sheet, TOTAL), people.len(), "{scope}");
        assert_eq!(
            count_after(sheet, SIGNED_04),
            people.iter().filter(|id| signed.contains(id)).count()
        );
        assert_eq!(count_after(sheet, PASSED), passed.len());
        let list = sheet.list();
        assert_eq!(list.len(), passed.len(), "{scope}");
        for (i, (row, (name, unit))) in list.iter().zip(&passed).enumerate() {
            assert_eq!(row[0], (i + 1).to_string());
            assert_eq!(&row[1], name);
            assert!(row[2].ends_with(unit.as_str()), "{} / {unit}", row[2]);
        }
    }
}

#[test]
fn forms_05a_and_05b_list_exactly_whom_commend_lists() {
    let o = demo_office();
    let svc = o.as_("hr");
    // 05A, quarter and year.
    let out = o.out("f05a.xlsx");
    write_report(
        &svc,
        FormId::PeriodicCommendation,
        ReportScope::Quarter(Q2),
        &options(None),
        &out,
        Replace::Asked,
    )
    .unwrap();
    let names: Vec<String> = read_xlsx(&out)[0]
        .list()
        .into_iter()
        .map(|r| r[1].clone())
        .collect();
    let want: Vec<String> = svc
        .commend_quarter(Q2)
        .unwrap()
        .quarterly
        .iter()
        .map(|r| r.staff.staff.full_name.clone())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(names, want);

    write_report(
        &svc,
        FormId::PeriodicCommendation,
        ReportScope::Year(2026),
        &options(None),
        &out,
        Replace::Asked,
    )
    .unwrap();
    let rows = read_xlsx(&out)[0].list();
    let want: Vec<_> = svc
        .commend_year(2026)
        .unwrap()
        .into_iter()
        .filter(|r| r.commendation.eligible)
        .collect();
    assert!(!want.is_empty(), "the demo has yearly commendations");
    assert_eq!(rows.len(), want.len());
    for (row, w) in rows.iter().zip(&want) {
        assert_eq!(row[1], w.staff.staff.full_name);
        assert!(
            row[3].starts_with(&format!("Đạt {}/4 quý", w.commendation.quarters_passed)),
            "{}",
            row[3]
        );
        assert!(row[3].ends_with("HTXSNV"));
    }

    // 05B, every quarter of the year: one row per person, each achievement.
    let out = o.out("f05b.xlsx");
    write_report(
        &svc,
        FormId::AdhocCommendation,
        ReportScope::Year(2026),
        &options(None),
        &out,
        Replace::Asked,
    )
    .unwrap();
    let rows = read_xlsx(&out)[0].list();
    let mut want: HashMap<String, Vec<String>> = HashMap::new();
    for q in Quarter::of_year(2026) {
        for a in svc.commend_quarter(q).unwrap().adhoc {
            want.entry(a.status.staff.staff.full_name.clone())
                .or_default()
                .push(a.achievement);
        }
    }
    assert!(!want.is_empty(), "the demo has ad-hoc commendations");
    assert_eq!(rows.len(), want.len());
    for row in &rows {
        for a in &want[&row[1]] {
            assert!(row[3].contains(a.as_str()), "{} lacks {a}", row[3]);
        }
    }
}

#[test]
fn form_03_sheets_carry_each_persons_marks_totals_and_result() {
    let o = demo_office();
    let svc = o.as_("hr");
    let unit = "Phòng Nội vụ";
    let out = o.out("f03.xlsx");
    write_report(
        &svc,
        FormId::Checklist,
        ReportScope::Quarter(Q2),
        &options(Some(unit)),
        &out,
        Replace::Asked,
    )
    .unwrap();
    let sheets = read_xlsx(&out);
    let status = svc.status(Q2, Some(unit)).unwrap();
    assert!(status.len() > 2);
    assert_eq!(sheets.len(), status.len());
    let mut outcomes = HashSet::new();
    for (sheet, r) in sheets.iter().zip(&status) {
        let s = &r.staff.staff;
        outcomes.insert(r.result.outcome);
        assert_eq!(
            sheet.at(0, 2),
            if s.kind == StaffKind::Leader {
                "Mẫu 03A"
            } else {
                "Mẫu 03B"
            }
        );
        assert_eq!(
            sheet.find("Họ và tên: ").unwrap(),
            format!("Họ và tên: {}", s.full_name)
        );
        let view = svc.checklist(&s.code, Q2).unwrap();
        // Each item row: the self and review marks in their columns.
        for item in &view.items {
            let text_row = sheet
                .row_of(1, item.text)
                .unwrap_or_else(|| panic!("{} not on {}", item.id, sheet.name));
            let x = |c: usize| sheet.at(text_row, c) == "x";
            assert_eq!(
                (x(2), x(3)),
                (item.self_mark == Some(true), item.self_mark == Some(false))
            );
            assert_eq!(
                (x(4), x(5)),
                (item.review == Some(true), item.review == Some(false))
            );
        }
        let total = sheet
            .row_of(1, &format!("Tổng số: {} nội dung", r.result.items_total))
            .unwrap();
        let reviewed_pass = view.items.iter().filter(|i| i.review == Some(true)).count();
        assert_eq!(sheet.at(total, 4), format!("{reviewed_pass} ND"));
        let failed = view
            .items
            .iter()
            .filter(|i| i.review == Some(false))
            .count();
        assert_eq!(sheet.at(total, 5), format!("{failed} ND"));
        let line = sheet.find("Kết quả đánh giá sự chuyên nghiệp").unwrap();
        match r.result.outcome {
            Outcome::Pass => assert!(line.ends_with(": Đạt."), "{line}"),
            Outcome::Fail => assert!(line.contains(": Chưa đạt — "), "{line}"),
            Outcome::Pending => assert!(line.contains("chưa đủ dữ liệu"), "{line}"),
            Outcome::NotAssessed => panic!("form 03 holds only people assessed: {line}"),
        }
        let result_row = sheet.row_of(1, "Kết quả chung:").unwrap();
        let boxes = sheet.at(result_row, 2);
        if r.result.items_passed == r.result.items_total {
            assert!(boxes.starts_with("☒ Đạt"), "{boxes}");
        }
        if view.state != ChecklistState::Approved {
            assert!(!boxes.contains('☒'), "not approved, no box ticked: {boxes}");
        }
    }
    assert!(outcomes.len() >= 2, "the unit shows more than one outcome");
}

#[test]
fn form_02_lists_the_signers_with_their_groups() {
    let o = demo_office();
    let svc = o.as_("hr");
    let out = o.out("f02.xlsx");
    write_report(
        &svc,
        FormId::CommitmentList,
        ReportScope::Year(2026),
        &options(None),
        &out,
        Replace::Asked,
    )
    .unwrap();
    let sheet = &read_xlsx(&out)[0];
    let roll = svc.commitment_roll(2026, None).unwrap();
    let signers: Vec<_> = roll.iter().filter(|r| r.commitment.is_some()).collect();
    assert!(signers.len() < roll.len(), "the demo has someone unsigned");
    assert_eq!(count_after(sheet, TOTAL), roll.len());
    assert_eq!(count_after(sheet, SIGNED_02), signers.len());
    let list = sheet.list();
    assert_eq!(list.len(), signers.len());
    let groups = [
        StaffGroup::Cbldql,
        StaffGroup::Cc,
        StaffGroup::Vc,
        StaffGroup::Nld,
    ];
    for (row, r) in list.iter().zip(&signers) {
        let s = &r.staff.staff;
        assert_eq!(row[1], s.full_name);
        assert_eq!(row[4] == "x", s.party_member, "{}", s.code);
        for (i, g) in groups.iter().enumerate() {
            assert_eq!(row[5 + i] == "x", s.group == *g, "{} {g:?}", s.code);
        }
    }
    let total = sheet
        .row_of(0, &format!("Tổng số: {} người", signers.len()))
        .unwrap();
    let party = signers
        .iter()
        .filter(|r| r.staff.staff.party_member)
        .count();
    assert_eq!(sheet.at(total, 4), party.to_string());
    for (i, g) in groups.iter().enumerate() {
        let n = signers.iter().filter(|r| r.staff.staff.group == *g).count();
        assert_eq!(sheet.at(total, 5 + i), n.to_string());
    }
}

#[test]
fn form_01_has_one_sheet_per_person_and_the_third_heading_only_for_leaders() {
    let o = Office::hand_made();
    let svc = o.as_("hr");
    let out = o.out("f01.xlsx");
    let s = write_report(
        &svc,
        FormId::Commitment,
        ReportScope::Year(2026),
        &options(None),
        &out,
        Replace::Asked,
    )
    .unwrap();
    let sheets = read_xlsx(&out);
    let roll = svc.commitment_roll(2026, None).unwrap();
    assert_eq!(sheets.len(), roll.len());
    assert_eq!(s.counts.listed, 4);
    for (sheet, r) in sheets.iter().zip(&roll) {
        let st = &r.staff.staff;
        assert_eq!(
            sheet.find("Họ và tên: ").unwrap(),
            format!("Họ và tên: {}", st.full_name)
        );
        let third = sheet.find("3. Về phong cách lãnh đạo").is_some();
        assert_eq!(third, st.kind == StaffKind::Leader, "{}", st.code);
        match &r.commitment {
            Some(c) => {
                let day = c.signed_on.format("%d").to_string();
                assert!(
                    sheet.find("Long Biên, ngày ").unwrap().contains(&day),
                    "dated by the signing"
                );
                assert!(sheet.find("- Giải quyết hồ sơ đúng hạn").is_some());
            }
            None => assert!(sheet.find("Long Biên, ngày ………").is_some()),
        }
    }
}

// ---------------------------------------------------------------------------
// Safety of the files
// ---------------------------------------------------------------------------

#[test]
fn a_formula_in_a_name_is_never_evaluated() {
    let evil = "=cmd|' /C calc'!A0";
    let o = Office::with(&office_data(evil), "hr");
    let svc = o.as_("hr");
    // 04 for the year lists everyone, S2 included.
    let scope = ReportScope::Year(2026);
    let csv = o.out("f04.csv");
    write_report(
        &svc,
        FormId::Notice,
        scope,
        &options(None),
        &csv,
        Replace::Asked,
    )
    .unwrap();
    let rows = read_csv(&csv);
    assert!(rows.iter().flatten().any(|c| c == &format!("'{evil}")));
    assert!(!rows.iter().flatten().any(|c| c == evil));
    for c in rows.iter().flatten() {
        assert!(!c.starts_with(['=', '+', '-', '@']), "{c}");
    }

    for form in [FormId::Notice, FormId::Checklist, FormId::Commitment] {
        let scope = if form == FormId::Checklist {
            ReportScope::Quarter(Q3)
        } else {
            scope
        };
        let xlsx = o.out(&format!("f{}.xlsx", form.code()));
        write_report(&svc, form, scope, &options(None), &xlsx, Replace::Asked).unwrap();
        assert_no_formulas(&xlsx);
        let sheets = read_xlsx(&xlsx);
        let found = sheets
            .iter()
            .flat_map(|s| s.cells.iter().flatten())
            .any(|c| c == evil || c.contains(evil));
        assert!(found, "{form}: the name is kept as text");
        // Form 03 names the sheet after the person, "/" made valid.
        if form == FormId::Checklist {
            assert!(
                sheets.iter().any(|s| s.name == "=cmd|' _C calc'!A0"),
                "sheet names"
            );
        }
    }
}

#[test]
fn two_people_of_the_same_name_get_distinct_sheets() {
    let o = Office::hand_made();
    let svc = o.as_("hr");
    let out = o.out("f03.xlsx");
    write_report(
        &svc,
        FormId::Checklist,
        ReportScope::Quarter(Q3),
        &options(None),
        &out,
        Replace::Asked,
    )
    .unwrap();
    let names: Vec<String> = read_xlsx(&out).into_iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "Lê Văn Hùng",
            "Nguyễn Thị An",
            "Trần Văn Bình",
            "Phạm Thị Hà",
            "Nguyễn Thị An (2)"
        ]
    );
    let lower: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(lower.len(), names.len());
    for n in &names {
        assert!(n.chars().count() <= 31);
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']));
    }
}

#[test]
fn sheet_names_stay_valid_for_long_and_odd_names() {
    let names = danhgia::report::sheet_names([
        "Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Linh",
        "Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Linh",
        "A/B: C?",
    ]);
    assert_eq!(names[0].chars().count(), 31);
    assert_ne!(names[0], names[1]);
    assert!(names[1].ends_with(" (2)") && names[1].chars().count() <= 31);
    assert_eq!(names[2], "A_B_ C_");
}

#[test]
fn text_comes_out_in_nfc_even_when_stored_decomposed() {
    let nfd: String = "Trần Văn Bình".nfd().collect();
    assert_ne!(nfd, "Trần Văn Bình");
    let o = Office::with(&office_data(&nfd), "hr");
    let svc = o.as_("hr");
    let scope = ReportScope::Year(2026);
    for format in FORMATS {
        let out = o.out(&format!("f04.{}", format.extension()));
        write_report(
            &svc,
            FormId::Notice,
            scope,
            &options(None),
            &out,
            Replace::Asked,
        )
        .unwrap();
        let text: String = match format {
            ReportFormat::Xlsx => read_xlsx(&out)
                .iter()
                .flat_map(|s| s.cells.iter().flatten().cloned())
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::from_utf8(std::fs::read(&out).unwrap()).unwrap(),
        };
        assert!(text.contains("Trần Văn Bình"), "{format:?}");
        assert!(!text.contains(&nfd), "{format:?}");
    }
}

// ---------------------------------------------------------------------------
// Scope, settings, authorisation
// ---------------------------------------------------------------------------

#[test]
fn missing_settings_leave_dotted_blanks_never_a_guess() {
    let mut data = office_data("Trần Văn Bình");
    data.settings = DemoSettings {
        governing_body: String::new(),
        unit_name: String::new(),
        place: String::new(),
    };
    let o = Office::with(&data, "hr");
    let svc = o.as_("hr");
    let md = markdown(&svc, FormId::Notice, ReportScope::Quarter(Q3), None);
    insta::assert_snapshot!("notice_without_settings", md);
    assert!(md.contains("| ……… | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |"));
    assert!(md.contains("*………, ngày 25 tháng 9 năm 2026*"));
}

#[test]
fn a_unit_is_found_ignoring_case_and_diacritics_and_an_unknown_one_is_refused() {
    let o = Office::hand_made();
    let svc = o.as_("hr");
    let r = render_report(
        &svc,
        FormId::Notice,
        ReportScope::Quarter(Q3),
        &options(Some("phong tu phap")),
        ReportFormat::Csv,
    )
    .unwrap();
    assert_eq!(r.counts.people, 2);
    let e = render_report(
        &svc,
        FormId::Notice,
        ReportScope::Quarter(Q3),
        &options(Some("Phòng Kế hoạch")),
        ReportFormat::Csv,
    )
    .unwrap_err();
    assert!(matches!(e, ReportError::UnknownUnit { .. }), "{e}");
}

#[test]
fn form_03_is_per_quarter() {
    let o = Office::hand_made();
    let svc = o.as_("hr");
    let e = render_report(
        &svc,
        FormId::Checklist,
        ReportScope::Year(2026),
        &options(None),
        ReportFormat::Markdown,
    )
    .unwrap_err();
    assert!(matches!(e, ReportError::NeedsQuarter(FormId::Checklist)));
}

#[test]
fn a_reviewer_and_a_staff_member_get_only_the_people_they_may_see() {
    let o = Office::hand_made();
    // L2 reviews S4 only.
    let l2 = o.as_("l2");
    let r = render_report(
        &l2,
        FormId::Notice,
        ReportScope::Quarter(Q3),
        &options(None),
        ReportFormat::Csv,
    )
    .unwrap();
    assert_eq!(r.counts.people, 2);
    let md = markdown(&l2, FormId::Checklist, ReportScope::Quarter(Q3), None);
    assert!(md.contains("Họ và tên: Phạm Thị Hà"));
    assert!(!md.contains("Lê Văn Hùng\n") && !md.contains("Họ và tên: Lê Văn Hùng"));
    // S1 sees only herself.
    let s1 = o.as_("s1");
    let r = render_report(
        &s1,
        FormId::CommitmentList,
        ReportScope::Year(2026),
        &options(None),
        ReportFormat::Csv,
    )
    .unwrap();
    assert_eq!((r.counts.people, r.counts.listed), (1, 1));
    let e = render_report(
        &s1,
        FormId::Notice,
        ReportScope::Quarter(Q3),
        &options(Some(TU_PHAP)),
        ReportFormat::Csv,
    )
    .unwrap_err();
    assert!(matches!(e, ReportError::UnknownUnit { .. }), "{e}");
}

#[test]
fn csv_is_the_body_table_with_a_bom() {
    let o = Office::hand_made();
    let svc = o.as_("hr");
    let out = o.out("f02.csv");
    write_report(
        &svc,
        FormId::CommitmentList,
        ReportScope::Year(2026),
        &options(None),
        &out,
        Replace::Asked,
    )
    .unwrap();
    let rows = read_csv(&out);
    assert_eq!(
        rows[0],
        [
            "TT",
            "Họ và tên",
            "Ngày, tháng, năm sinh",
            "Chức vụ hiện nay",
            "Đảng viên",
            "Thuộc nhóm: CB lãnh đạo quản lý",
            "Thuộc nhóm: CC",
            "Thuộc nhóm: VC",
            "Thuộc nhóm: NLĐ",
            "Ghi chú"
        ]
    );
    // Four signers and the totals row.
    assert_eq!(rows.len(), 1 + 4 + 1);
    assert_eq!(rows[1][1], "Lê Văn Hùng");
    assert_eq!(rows[5][0], "Tổng số: 4 người");
    assert_eq!(&rows[5][4..9], ["3", "2", "1", "1", "0"]);

    let out = o.out("f03.csv");
    write_report(
        &svc,
        FormId::Checklist,
        ReportScope::Quarter(Q3),
        &options(Some(TU_PHAP)),
        &out,
        Replace::Asked,
    )
    .unwrap();
    let rows = read_csv(&out);
    let s4_item = rows
        .iter()
        .find(|r| r[0] == "S4" && r[4] == "II.1.2")
        .unwrap();
    assert_eq!(s4_item[2], "03B");
    assert_eq!(
        &s4_item[6..11],
        ["x", "", "", "x", "Chưa tận tình hướng dẫn công dân"]
    );
}

// ---------------------------------------------------------------------------
// Snapshots of the Markdown of each form
// ---------------------------------------------------------------------------

#[test]
fn snapshot_form_01() {
    let svc = Office::hand_made().as_("hr");
    insta::assert_snapshot!(
        "form_01",
        markdown(&svc, FormId::Commitment, ReportScope::Year(2026), None)
    );
}

#[test]
fn snapshot_form_02() {
    let svc = Office::hand_made().as_("hr");
    insta::assert_snapshot!(
        "form_02",
        markdown(&svc, FormId::CommitmentList, ReportScope::Year(2026), None)
    );
}

#[test]
fn snapshot_form_03() {
    let svc = Office::hand_made().as_("hr");
    insta::assert_snapshot!(
        "form_03_tu_phap",
        markdown(
            &svc,
            FormId::Checklist,
            ReportScope::Quarter(Q3),
            Some(TU_PHAP)
        )
    );
}

#[test]
fn snapshot_form_04() {
    let svc = Office::hand_made().as_("hr");
    insta::assert_snapshot!(
        "form_04_quarter",
        markdown(&svc, FormId::Notice, ReportScope::Quarter(Q3), None)
    );
    insta::assert_snapshot!(
        "form_04_year",
        markdown(&svc, FormId::Notice, ReportScope::Year(2026), None)
    );
}

#[test]
fn snapshot_form_05a() {
    let svc = Office::hand_made().as_("hr");
    insta::assert_snapshot!(
        "form_05a_quarter",
        markdown(
            &svc,
            FormId::PeriodicCommendation,
            ReportScope::Quarter(Q3),
            None
        )
    );
    insta::assert_snapshot!(
        "form_05a_year",
        markdown(
            &svc,
            FormId::PeriodicCommendation,
            ReportScope::Year(2026),
            None
        )
    );
}

#[test]
fn snapshot_form_05b() {
    let svc = Office::hand_made().as_("hr");
    insta::assert_snapshot!(
        "form_05b_quarter",
        markdown(
            &svc,
            FormId::AdhocCommendation,
            ReportScope::Quarter(Q3),
            None
        )
    );
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

fn danhgia(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_danhgia"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_report_writes_the_file_and_refuses_clearly() {
    let o = Office::with(&office_data("Trần Văn Bình"), &os_login());
    // The folder must exist: danhgia creates none (trust_files.rs).
    std::fs::create_dir(o.out("sub")).unwrap();
    let out = o.out("sub/thong-bao.xlsx");
    let r = danhgia(
        &o.path,
        &[
            "report",
            "04",
            "--quarter",
            "2026-Q3",
            "--unit",
            NOI_VU,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("thong-bao.xlsx"));
    assert_eq!(read_xlsx(&out)[0].list().len(), 2);

    let md = o.out("f.md");
    let r = danhgia(
        &o.path,
        &[
            "report",
            "05a",
            "--year",
            "2026",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));

    // Exit 1, with a message, for a wrong extension and for 03 by year.
    let r = danhgia(
        &o.path,
        &["report", "04", "--quarter", "2026-Q3", "--out", "x.pdf"],
    );
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains(".xlsx"));
    let r = danhgia(
        &o.path,
        &[
            "report",
            "03",
            "--year",
            "2026",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--quarter"));
    // Exit 2 without a period.
    let r = danhgia(&o.path, &["report", "04", "--out", "x.md"]);
    assert_eq!(r.status.code(), Some(2));
}

#[test]
fn cli_settings_shows_and_changes_the_headers_after_init() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let r = danhgia(&db, &["init", "--place", "Long Bien"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    // A typo made at init is corrected later; what is not given stays.
    let r = danhgia(
        &db,
        &[
            "--lang",
            "en",
            "settings",
            "--place",
            "Long Biên",
            "--unit-name",
            "Ủy ban nhân dân quận Long Biên",
        ],
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let shown = String::from_utf8(r.stdout).unwrap();
    assert!(shown.contains("Place (--place): Long Biên"), "{shown}");
    assert!(
        shown.contains("Unit name (--unit-name): Ủy ban nhân dân quận Long Biên"),
        "{shown}"
    );
    assert!(
        shown.contains("Governing body (--governing-body): (not set)"),
        "{shown}"
    );
    let svc = Service::open(&db, None).unwrap();
    assert_eq!(
        svc.setting(SETTING_PLACE).unwrap().as_deref(),
        Some("Long Biên")
    );
    // Each change is audited; the same value again changes nothing.
    let entries = |svc: &Service| svc.change_cursor().unwrap();
    let before = entries(&svc);
    svc.set_settings(&[(SETTING_PLACE, "Long Biên")]).unwrap();
    assert_eq!(entries(&svc), before);
    // Only an admin changes them: nothing is written for anyone else.
    let other =
        Service::from_store(danhgia::store::Store::open(&db).unwrap(), "someone", None).unwrap();
    assert!(other.set_settings(&[(SETTING_PLACE, "Hà Nội")]).is_err());
    assert_eq!(
        svc.setting(SETTING_PLACE).unwrap().as_deref(),
        Some("Long Biên")
    );
}

#[test]
fn a_closed_quarters_forms_keep_the_header_frozen_with_it_and_a_yearly_form_follows() {
    let o = Office::hand_made();
    let svc = o.as_("hr");
    let header = |scope: ReportScope, form: FormId| markdown(&svc, form, scope, None);
    svc.set_round_closed(Q3, true).unwrap();
    svc.set_settings(&[
        (SETTING_UNIT_NAME, "UBND quận Ba Đình"),
        (SETTING_PLACE, "Ba Đình"),
    ])
    .unwrap();
    // The closed quarter: the header of the day it closed.
    for form in [FormId::Checklist, FormId::Notice] {
        let md = header(ReportScope::Quarter(Q3), form);
        assert!(md.contains("UBND QUẬN LONG BIÊN"), "{form:?}: {md}");
        assert!(md.contains("*Long Biên, ngày 25"), "{form:?}: {md}");
        assert!(!md.contains("BA ĐÌNH"), "{form:?}");
    }
    // An open quarter and a yearly form: the header in force.
    for (scope, form) in [
        (ReportScope::Quarter(Q2), FormId::Notice),
        (ReportScope::Year(2026), FormId::CommitmentList),
    ] {
        let md = header(scope, form);
        assert!(md.contains("UBND QUẬN BA ĐÌNH"), "{form:?}: {md}");
        assert!(md.contains("*Ba Đình, ngày 25"), "{form:?}: {md}");
    }
    // Reopened, the quarter follows the live header again.
    svc.set_round_closed(Q3, false).unwrap();
    assert!(header(ReportScope::Quarter(Q3), FormId::Notice).contains("*Ba Đình, ngày 25"));
}

#[test]
fn cli_init_stores_the_report_settings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let r = danhgia(
        &db,
        &[
            "init",
            "--unit-name",
            "Phòng Nội vụ quận Long Biên",
            "--governing-body",
            "UBND quận Long Biên",
            "--place",
            "Long Biên",
        ],
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let svc = Service::open(&db, None).unwrap();
    assert_eq!(
        svc.setting(SETTING_UNIT_NAME).unwrap().as_deref(),
        Some("Phòng Nội vụ quận Long Biên")
    );
    assert_eq!(
        svc.setting(SETTING_GOVERNING_BODY).unwrap().as_deref(),
        Some("UBND quận Long Biên")
    );
    assert_eq!(
        svc.setting(SETTING_PLACE).unwrap().as_deref(),
        Some("Long Biên")
    );
}

/// The hand-made office in which everyone's 2026-Q3 checklist is marked
/// outstanding with an achievement and every item Đạt, yet only S1 is
/// professional: S2 fails on an HTNV month, L1 on discipline 18/20 in July,
/// L2 on a subordinate (S4, HTNV in July, who fails on it too), and S5's
/// checklist is submitted but not approved (pending).
fn everyone_outstanding_in_q3() -> DemoData {
    let mut d = office_data("Trần Văn Bình");
    d.staff.push(person(
        "S5",
        "Đinh Văn Khánh",
        "Chuyên viên",
        NOI_VU,
        StaffKind::Staff,
        StaffGroup::Cc,
        false,
        Some("L1"),
        None,
    ));
    for month in 7..=9u8 {
        d.ratings.push(RatingRecord {
            code: "S5".into(),
            period: RatingPeriod::Month(Month::new(2026, month).unwrap()),
            entry: MonthEntry::Rated(MonthlyRating {
                rating: Rating::Httnv,
                discipline: Some(20),
                excused: false,
            }),
        });
    }
    for r in &mut d.ratings {
        let MonthEntry::Rated(rated) = &mut r.entry else {
            continue;
        };
        match (r.code.as_str(), r.period) {
            ("L1", RatingPeriod::Month(m)) if m.month == 7 => rated.discipline = Some(18),
            ("S4", RatingPeriod::Month(m)) if m.month == 7 => rated.rating = Rating::Htnv,
            _ => {}
        }
    }
    // Every item Đạt for everyone: no item Chưa đạt, nothing left unreviewed.
    d.marks
        .retain(|m| m.quarter != Q3 || m.target == MarkTarget::All);
    d.marks.push(MarkRecord {
        code: "S5".into(),
        quarter: Q3,
        target: MarkTarget::All,
        self_mark: Some(true),
        review: Some(true),
    });
    d.notes.clear();
    d.checklists.push(ChecklistRecord {
        code: "S5".into(),
        quarter: Q3,
        state: ChecklistState::Submitted,
        outstanding: false,
        achievement: None,
        return_note: None,
    });
    for c in d.checklists.iter_mut().filter(|c| c.quarter == Q3) {
        c.state = if c.code == "S5" {
            ChecklistState::Submitted
        } else {
            ChecklistState::Approved
        };
        c.outstanding = true;
        c.achievement = Some(format!("Thành tích nổi bật của {}", c.code));
    }
    d
}

#[test]
fn form_05b_lists_only_people_who_passed_the_quarter() {
    let o = Office::with(&everyone_outstanding_in_q3(), &os_login());
    let svc = o.as_(&os_login());
    let outcome = |code: &str| svc.status_of(code, Q3).unwrap().result;
    for (code, want) in [
        ("S1", Outcome::Pass),
        ("S2", Outcome::Fail),
        ("L1", Outcome::Fail),
        ("L2", Outcome::Fail),
        ("S4", Outcome::Fail),
        ("S5", Outcome::Pending),
    ] {
        let r = outcome(code);
        assert_eq!(r.outcome, want, "{code}: {:?}", r.reasons);
    }
    // The binary: commend and the form itself.
    let r = danhgia(
        &o.path,
        &["commend", "--quarter", "2026-Q3", "--format", "json"],
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["adhoc"], serde_json::json!(["S1"]), "{v}");
    assert_eq!(v["quarterly"], serde_json::json!(["S1"]), "{v}");
    let out = o.out("f05b.xlsx");
    let r = danhgia(
        &o.path,
        &[
            "report",
            "05B",
            "--quarter",
            "2026-Q3",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let rows = read_xlsx(&out)[0].list();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0][3].contains("Thành tích nổi bật của S1"), "{rows:?}");
}
