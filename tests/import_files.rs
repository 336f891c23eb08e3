#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Import files (SPEC section 6): whatever Excel saved — UTF-8 with or without
//! BOM, UTF-16, comma, semicolon or tab, or a workbook — reads to the same
//! records; a bad file is refused with every bad row, its row number, column
//! and value.

use chrono::NaiveDate;
use danhgia::domain::records::{
    MarkRecord, MarkTarget, Numbered, Problem, RatingPeriod, RatingRecord, RowProblem, StaffRecord,
};
use danhgia::domain::{
    Employment, Month, MonthEntry, MonthlyRating, Quarter, Rating, Staff, StaffGroup, StaffKind,
};
use danhgia::i18n::Lang;
use danhgia::import::{
    FileIssue, ImportError, Table, parse_marks, parse_ratings, parse_staff, read_table,
    render_problems,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

// ---- helpers -------------------------------------------------------------

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// CSV text from cells, quoting where the delimiter, a quote or a line break
/// needs it, with Excel's CRLF line ends.
fn csv_text(rows: &[Vec<&str>], delimiter: char) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains([delimiter, '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    (*c).to_owned()
                }
            })
            .collect();
        out.push_str(&cells.join(&delimiter.to_string()));
        out.push_str("\r\n");
    }
    out
}

fn table_of(dir: &TempDir, name: &str, text: &str) -> Table {
    read_table(&write(dir, name, text.as_bytes())).unwrap()
}

fn staff_of(dir: &TempDir, text: &str) -> Vec<Numbered<StaffRecord>> {
    parse_staff(&table_of(dir, "staff.csv", text)).unwrap()
}

fn staff_problems(dir: &TempDir, text: &str) -> Vec<RowProblem> {
    parse_staff(&table_of(dir, "staff.csv", text)).unwrap_err()
}

fn problem(row: usize, column: &str, value: &str, problem: Problem) -> RowProblem {
    RowProblem {
        row,
        column: column.into(),
        value: value.into(),
        problem,
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

const STAFF_HEADER: [&str; 14] = [
    "code",
    "full_name",
    "birth_date",
    "title",
    "unit",
    "kind",
    "group",
    "party_member",
    "manager_code",
    "login",
    "position_code",
    "grade",
    "joined",
    "left",
];

/// Two people in English headers; the unit has a comma, so it is quoted.
fn good_staff_rows() -> Vec<Vec<&'static str>> {
    vec![
        STAFF_HEADER.to_vec(),
        vec![
            "LD01",
            "Nguyễn Văn An",
            "05/01/1975",
            "Trưởng phòng",
            "Phòng Tổ chức, Cán bộ",
            "leader",
            "CBLĐQL",
            "1",
            "",
            "annv",
            "BTP-XLVPHC-02",
            "Chuyên viên chính",
            "01/01/2010",
            "",
        ],
        vec![
            "CV02",
            "Trần Thị Bình",
            "",
            "",
            "Phòng Tổ chức, Cán bộ",
            "staff",
            "CC",
            "0",
            "LD01",
            "",
            "",
            "",
            "15/08/2026",
            "",
        ],
    ]
}

fn good_staff() -> Vec<Numbered<StaffRecord>> {
    let an = Staff {
        code: "LD01".into(),
        full_name: "Nguyễn Văn An".into(),
        birth_date: date(1975, 1, 5),
        title: "Trưởng phòng".into(),
        unit: "Phòng Tổ chức, Cán bộ".into(),
        kind: StaffKind::Leader,
        group: StaffGroup::Cbldql,
        party_member: true,
        manager_code: None,
        login: Some("annv".into()),
        position_code: Some("BTP-XLVPHC-02".into()),
        grade: Some("Chuyên viên chính".into()),
        employment: Employment {
            joined: date(2010, 1, 1),
            left: None,
        },
    };
    let binh = Staff {
        code: "CV02".into(),
        full_name: "Trần Thị Bình".into(),
        birth_date: None,
        title: String::new(),
        unit: "Phòng Tổ chức, Cán bộ".into(),
        kind: StaffKind::Staff,
        group: StaffGroup::Cc,
        party_member: false,
        manager_code: Some("LD01".into()),
        login: None,
        position_code: None,
        grade: None,
        employment: Employment {
            joined: date(2026, 8, 15),
            left: None,
        },
    };
    vec![
        Numbered {
            row: 2,
            record: an.into(),
        },
        Numbered {
            row: 3,
            record: binh.into(),
        },
    ]
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

// ---- encodings, delimiters, headers ----------------------------------------

#[test]
fn a_good_staff_file_reads_the_same_in_every_encoding_and_delimiter_excel_writes() {
    let dir = TempDir::new().unwrap();
    for delimiter in [',', ';', '\t'] {
        let text = csv_text(&good_staff_rows(), delimiter);
        let encodings: [(&str, Vec<u8>); 4] = [
            ("utf-8", text.as_bytes().to_vec()),
            (
                "utf-8 with BOM",
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            ),
            ("utf-16 LE with BOM", utf16(&text, false)),
            ("utf-16 BE with BOM", utf16(&text, true)),
        ];
        for (encoding, bytes) in encodings {
            let table = read_table(&write(&dir, "staff.csv", &bytes)).unwrap();
            assert_eq!(table.headers, STAFF_HEADER, "{encoding}, {delimiter:?}");
            assert_eq!(
                parse_staff(&table).unwrap(),
                good_staff(),
                "{encoding}, {delimiter:?}"
            );
        }
    }
}

#[test]
fn vietnamese_headers_in_any_order_give_the_same_records_as_english_ones() {
    let dir = TempDir::new().unwrap();
    let vietnamese = csv_text(
        &[
            vec![
                "Họ và tên",
                "Mã cán bộ",
                "Ngày sinh (dd/mm/yyyy)",
                "Chức vụ",
                "Đơn vị",
                "Loại",
                "Nhóm",
                "Đảng viên",
                "Mã người quản lý",
                "Tài khoản",
                "Mã VTVL",
                "Ngạch",
                "Ngày vào",
                "Ngày nghỉ",
                "Ghi chú",
            ],
            vec![
                "Nguyễn Văn An",
                "LD01",
                "05/01/1975",
                "Trưởng phòng",
                "Phòng Tổ chức, Cán bộ",
                "Lãnh đạo",
                "CBLĐQL",
                "x",
                "",
                "annv",
                "BTP-XLVPHC-02",
                "Chuyên viên chính",
                "2010-01-01",
                "",
                "cột lạ bị bỏ qua",
            ],
            vec![
                "Trần Thị Bình",
                "CV02",
                "",
                "",
                "Phòng Tổ chức, Cán bộ",
                "nhân viên",
                "Công chức",
                "không",
                "LD01",
                "",
                "",
                "",
                "15-08-2026",
                "",
                "",
            ],
        ],
        ',',
    );
    assert_eq!(staff_of(&dir, &vietnamese), good_staff());
}

#[test]
fn headers_match_without_diacritics_case_or_separators() {
    let dir = TempDir::new().unwrap();
    let rows = good_staff_rows();
    let mut typed = rows.clone();
    typed[0] = vec![
        "MA CAN BO",
        "ho_ten",
        "ngay sinh",
        "CHUC DANH",
        "don_vi",
        "loai",
        "NHOM",
        "dang vien",
        "nguoi danh gia",
        "dang nhap",
        "vi tri viec lam",
        "ngach",
        "ngay bat dau",
        "ngay thoi viec",
    ];
    assert_eq!(staff_of(&dir, &csv_text(&typed, ',')), good_staff());
}

#[test]
fn decomposed_vietnamese_is_stored_composed_and_trimmed() {
    let dir = TempDir::new().unwrap();
    let nfd_name: String = "  Nguyễn Văn An ".nfd().collect();
    let nfd_unit: String = "Phòng Tổ chức, Cán bộ".nfd().collect();
    let mut rows = good_staff_rows();
    rows[1][1] = &nfd_name;
    rows[1][4] = &nfd_unit;
    rows[2][4] = &nfd_unit;
    assert_eq!(staff_of(&dir, &csv_text(&rows, ';')), good_staff());
}

#[test]
fn a_workbook_with_a_date_cell_and_number_cells_reads_like_the_csv() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Staff.XLSX");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in good_staff_rows().iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    // LD01's birth date as a real date, party membership as numbers.
    let dmy = Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(1975, 1, 5).unwrap(), &dmy)
        .unwrap();
    sheet.write_number(1, 7, 1.0).unwrap();
    sheet.write_number(2, 7, 0).unwrap();
    book.save(&path).unwrap();

    let table = read_table(&path).unwrap();
    assert_eq!(table.rows[0].1[2], "05/01/1975");
    assert_eq!(table.rows[0].1[7], "1", "a whole number prints without .0");
    assert_eq!(parse_staff(&table).unwrap(), good_staff());
}

#[test]
fn a_workbook_keeps_the_sheet_row_numbers_below_leading_empty_rows() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("ratings.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["code", "year", "month", "rating", "discipline"],
        ["CV02", "2026", "7", "B", "20"],
        ["CV02", "2026", "8", "E", "20"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            // Rows 1 and 2 of the sheet stay empty: the header is on row 3.
            sheet.write_string(r as u32 + 2, c as u16, *cell).unwrap();
        }
    }
    sheet.write_number(3, 1, 2026).unwrap();
    book.save(&path).unwrap();

    let table = read_table(&path).unwrap();
    assert_eq!(table.header_row, 3);
    assert_eq!(table.rows.iter().map(|r| r.0).collect::<Vec<_>>(), [4, 5]);
    assert_eq!(
        parse_ratings(&table).unwrap_err(),
        [problem(
            5,
            "rating",
            "E",
            Problem::BadChoice {
                allowed: "HTXSNV, HTTNV, HTNV, KHTNV, A, B, C, D, Nghỉ cả tháng".into()
            }
        )]
    );
}

// ---- refusals --------------------------------------------------------------

#[test]
fn a_bad_file_reports_every_problem_of_every_row_with_row_column_and_value() {
    let dir = TempDir::new().unwrap();
    let text = "\
Mã cán bộ,Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Loại,Nhóm,Đảng viên,Mã người quản lý,Tài khoản,Ngày vào,Ngày nghỉ
LD01,Nguyễn Văn An,31/02/1975,Trưởng phòng,Phòng Nội vụ,leader,CBLĐQL,1,,annv,,
CV02,,05/01/1990,Chuyên viên,,sếp,GV,2,,annv,,
CV03,Lê Văn Cường,1990-13-01,Chuyên viên,Phòng Nội vụ,staff,VC,0,CV03,,01/09/2026,31/08/2026
LD01,Phạm Thị Dung,05/01/1990,Chuyên viên,Phòng Nội vụ,staff,NLĐ,có,LD01,,,
";
    assert_eq!(
        staff_problems(&dir, text),
        [
            problem(2, "Ngày sinh", "31/02/1975", Problem::BadDate),
            problem(3, "Họ và tên", "", Problem::Required),
            problem(3, "Đơn vị", "", Problem::Required),
            problem(
                3,
                "Loại",
                "sếp",
                Problem::BadChoice {
                    allowed: "leader/lãnh đạo, staff/nhân viên".into()
                }
            ),
            problem(
                3,
                "Nhóm",
                "GV",
                Problem::BadChoice {
                    allowed: "CBLĐQL, CC, VC, NLĐ".into()
                }
            ),
            problem(
                3,
                "Đảng viên",
                "2",
                Problem::BadChoice {
                    allowed: "1/0, x, có/không".into()
                }
            ),
            problem(
                3,
                "Tài khoản",
                "annv",
                Problem::LoginTaken { by: "LD01".into() }
            ),
            problem(4, "Ngày sinh", "1990-13-01", Problem::BadDate),
            problem(4, "Ngày nghỉ", "31/08/2026", Problem::LeftBeforeJoined),
            problem(4, "Mã người quản lý", "CV03", Problem::ManagerCycle),
            problem(5, "Mã cán bộ", "LD01", Problem::Duplicate { first_row: 2 }),
        ]
    );
}

#[test]
fn a_missing_required_column_is_one_problem_on_the_header_row() {
    let dir = TempDir::new().unwrap();
    let rows: Vec<Vec<&str>> = good_staff_rows()
        .into_iter()
        .map(|r| {
            r.into_iter()
                .enumerate()
                .filter(|(i, _)| *i != 4)
                .map(|(_, c)| c)
                .collect()
        })
        .collect();
    assert_eq!(
        staff_problems(&dir, &csv_text(&rows, ',')),
        [problem(1, "unit", "", Problem::MissingColumn)]
    );
}

#[test]
fn optional_staff_columns_may_be_left_out() {
    let dir = TempDir::new().unwrap();
    let text = "code,full_name,birth_date,title,unit,kind,group,party_member\nCV02,Trần Thị Bình,,,P1,staff,VC,\n";
    let records = staff_of(&dir, text);
    assert_eq!(records.len(), 1);
    let r = &records[0].record.staff;
    assert_eq!(
        (r.manager_code.as_deref(), r.login.as_deref(), r.employment),
        (None, None, Employment::default())
    );
    assert!(!r.party_member, "an empty party_member is 0");
}

#[test]
fn two_headers_for_one_column_are_refused() {
    let dir = TempDir::new().unwrap();
    let mut rows = good_staff_rows();
    rows[0][11] = "Mã CB";
    assert_eq!(
        staff_problems(&dir, &csv_text(&rows, ',')),
        [problem(
            1,
            "Mã CB",
            "code",
            Problem::Duplicate { first_row: 1 }
        )]
    );
}

#[test]
fn a_code_twice_is_refused_on_its_second_row_and_codes_are_case_sensitive() {
    let dir = TempDir::new().unwrap();
    let mut rows = good_staff_rows();
    let mut again = rows[2].clone();
    again[0] = "CV02";
    rows.push(again);
    let mut other_case = rows[2].clone();
    other_case[0] = "cv02";
    rows.push(other_case);
    assert_eq!(
        staff_problems(&dir, &csv_text(&rows, ',')),
        [problem(
            4,
            "code",
            "CV02",
            Problem::Duplicate { first_row: 3 }
        )]
    );
}

#[test]
fn a_cell_spanning_two_lines_does_not_shift_the_numbers_of_later_rows() {
    let dir = TempDir::new().unwrap();
    let mut rows = good_staff_rows();
    rows[1][3] = "Trưởng phòng\nkiêm Chánh Văn phòng";
    rows[2][2] = "không rõ";
    let text = csv_text(&rows, ',');
    assert_eq!(text.lines().count(), 4, "the quoted cell takes two lines");
    assert_eq!(
        staff_problems(&dir, &text),
        [problem(3, "birth_date", "không rõ", Problem::BadDate)]
    );
    assert_eq!(
        table_of(&dir, "staff.csv", &text).rows[0].1[3],
        "Trưởng phòng\nkiêm Chánh Văn phòng"
    );
}

#[test]
fn blank_rows_are_skipped_but_still_counted() {
    let dir = TempDir::new().unwrap();
    let mut rows = good_staff_rows();
    rows[2][2] = "không rõ";
    rows.insert(2, vec![]);
    rows.insert(2, vec![""; 14]);
    let text = csv_text(&rows, ';');
    let table = table_of(&dir, "staff.csv", &text);
    assert_eq!(table.rows.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 5]);
    assert_eq!(
        parse_staff(&table).unwrap_err(),
        [problem(5, "birth_date", "không rõ", Problem::BadDate)]
    );
}

#[test]
fn a_nul_byte_is_a_row_problem_not_a_panic() {
    let dir = TempDir::new().unwrap();
    let mut rows = good_staff_rows();
    rows[2][1] = "Trần\0Thị Bình";
    let err = read_table(&write(&dir, "staff.csv", csv_text(&rows, ',').as_bytes())).unwrap_err();
    let ImportError::Rows { file, problems } = &err else {
        panic!("{err:?}")
    };
    assert!(file.ends_with("staff.csv"));
    assert_eq!(
        problems,
        &[problem(3, "full_name", "Trần\0Thị Bình", Problem::BadText)]
    );
    assert!(
        err.render(Lang::En).contains("«Trần\\0Thị Bình»"),
        "{}",
        err.render(Lang::En)
    );
}

#[test]
fn an_overlong_cell_is_refused_and_shown_cut() {
    let dir = TempDir::new().unwrap();
    let long = "a".repeat(10_001);
    let mut rows = good_staff_rows();
    rows[1][3] = &long;
    let err = read_table(&write(&dir, "staff.csv", csv_text(&rows, ',').as_bytes())).unwrap_err();
    let ImportError::Rows { problems, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        problems,
        [problem(
            2,
            "title",
            &format!("{}…", "a".repeat(100)),
            Problem::BadText
        )]
    );
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_the_line_and_the_fix() {
    let dir = TempDir::new().unwrap();
    // "Nguyễn" in Windows-1258, as an old Excel "CSV" would save it.
    let bytes = b"code,full_name\nCV02,Nguy\xF2n\n";
    let err = read_table(&write(&dir, "staff.csv", bytes)).unwrap_err();
    assert!(
        matches!(
            &err,
            ImportError::File {
                issue: FileIssue::NotUtf8 { line: 2 },
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.render(Lang::Vi).contains("CSV UTF-8"));
}

#[test]
fn only_csv_and_xlsx_are_read() {
    let dir = TempDir::new().unwrap();
    let err = read_table(&write(&dir, "staff.xls", b"code\n")).unwrap_err();
    assert!(
        matches!(&err, ImportError::File { issue: FileIssue::UnsupportedExtension { ext }, .. } if ext == "xls")
    );
    assert!(
        read_table(&write(&dir, "STAFF.CSV", b"code\n")).is_ok(),
        "the extension is case-insensitive"
    );
    let missing = read_table(Path::new("/nonexistent/staff.csv")).unwrap_err();
    assert!(matches!(missing, ImportError::Io { .. }));
}

#[test]
fn the_refusal_message_counts_rows_and_names_each_problem() {
    let problems = [
        problem(1, "unit", "", Problem::MissingColumn),
        problem(3, "Ngày sinh", "31/02/1975", Problem::BadDate),
        problem(3, "Mã cán bộ", "LD01", Problem::Duplicate { first_row: 2 }),
    ];
    assert_eq!(
        render_problems("nv.csv", &problems, Lang::Vi),
        "nv.csv: 2 dòng lỗi, không nhập gì.\n\
         nv.csv:1: cột «Đơn vị (unit)» — dòng tiêu đề thiếu cột bắt buộc này; thêm cột hoặc sửa lại tên cột\n\
         nv.csv:3: cột «Ngày sinh»: «31/02/1975» — không phải ngày hợp lệ; viết theo dạng dd/mm/yyyy, ví dụ 05/01/1990\n\
         nv.csv:3: cột «Mã cán bộ»: «LD01» — đã có ở dòng 2; chỉ giữ lại một trong hai dòng"
    );
    assert_eq!(
        render_problems("nv.csv", &problems[1..2], Lang::En),
        "nv.csv: 1 bad row, nothing imported.\n\
         nv.csv:3: column «Ngày sinh»: «31/02/1975» — not a valid date; write it as dd/mm/yyyy, e.g. 05/01/1990"
    );
}

// ---- ratings -----------------------------------------------------------------

fn ratings_of(dir: &TempDir, text: &str) -> Result<Vec<Numbered<RatingRecord>>, Vec<RowProblem>> {
    parse_ratings(&table_of(dir, "ratings.csv", text))
}

fn month(year: i32, month: u8) -> RatingPeriod {
    RatingPeriod::Month(Month { year, month })
}

#[test]
fn hanoi_letters_a_to_d_are_the_four_ratings() {
    let dir = TempDir::new().unwrap();
    let text = "code,year,month,rating,discipline,excused\n\
                CV02,2026,1,A,20,\nCV02,2026,2,b,20,0\nCV02,2026,3,C,18,1\nCV02,2026,4,D,10,\n";
    let records = ratings_of(&dir, text).unwrap();
    let got: Vec<_> = records
        .iter()
        .map(|n| {
            let r = n.record.entry.rated().unwrap();
            (n.row, n.record.period, r.rating, r.discipline, r.excused)
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, month(2026, 1), Rating::Htxsnv, Some(20), false),
            (3, month(2026, 2), Rating::Httnv, Some(20), false),
            (4, month(2026, 3), Rating::Htnv, Some(18), true),
            (5, month(2026, 4), Rating::Khtnv, Some(10), false),
        ]
    );
}

#[test]
fn a_yearly_rating_needs_no_discipline_but_a_month_does() {
    let dir = TempDir::new().unwrap();
    let text = "Mã CB;Năm;Tháng;Xếp loại;Điểm kỷ luật\nCV02;2026;;HTXSNV;\nCV02;2026;7;HTTNV;\n";
    assert_eq!(
        ratings_of(&dir, text).unwrap_err(),
        [problem(3, "Điểm kỷ luật", "", Problem::Required)]
    );

    let yearly_only =
        "Mã CB;Năm;Tháng;Xếp loại;Điểm kỷ luật\nCV02;2026;;Hoàn thành xuất sắc nhiệm vụ;\n";
    assert_eq!(
        ratings_of(&dir, yearly_only).unwrap(),
        [Numbered {
            row: 2,
            record: RatingRecord {
                code: "CV02".into(),
                period: RatingPeriod::Year(2026),
                entry: MonthEntry::Rated(MonthlyRating {
                    rating: Rating::Htxsnv,
                    discipline: None,
                    excused: false,
                }),
            },
        }]
    );
}

#[test]
fn ratings_refuse_bad_values_and_a_person_rated_twice_for_one_month() {
    let dir = TempDir::new().unwrap();
    let text = "code,year,month,rating,discipline,excused\n\
                CV02,2026,13,A,20,\nCV02,26,1,A,21,có\nCV02,2026,7,A,20,\nCV02,2026,07,B,20,\nCV02,2026,,A,,\nCV02,2026,,B,,\n";
    assert_eq!(
        ratings_of(&dir, text).unwrap_err(),
        [
            problem(2, "month", "13", Problem::BadNumber { min: 1, max: 12 }),
            problem(
                3,
                "year",
                "26",
                Problem::BadNumber {
                    min: 1900,
                    max: 2100
                }
            ),
            problem(
                3,
                "discipline",
                "21",
                Problem::BadNumber { min: 0, max: 20 }
            ),
            problem(5, "code", "CV02", Problem::Duplicate { first_row: 4 }),
            problem(7, "code", "CV02", Problem::Duplicate { first_row: 6 }),
        ]
    );
}

#[test]
fn a_leave_word_in_the_rating_cell_or_a_mark_in_the_leave_column_is_a_month_on_leave() {
    let dir = TempDir::new().unwrap();
    let text = "Mã CB;Năm;Tháng;Xếp loại;Điểm kỷ luật;Nghỉ phép, ốm đau;Nghỉ cả tháng\n\
                CV02;2026;1;Nghỉ thai sản;;;\n\
                CV02;2026;2;;;;x\n\
                CV02;2026;3;;;;Ốm dài ngày\n\
                CV02;2026;4;Nghỉ không lương;;0;\n\
                CV02;2026;5;Nghỉ;;;\n\
                CV02;2026;6;HTNV;20;Nghỉ phép;\n\
                CV02;2026;7;C;20;1;0\n";
    let got: Vec<_> = ratings_of(&dir, text)
        .unwrap()
        .into_iter()
        .map(|n| n.record.entry)
        .collect();
    let excused_htnv = MonthEntry::Rated(MonthlyRating {
        rating: Rating::Htnv,
        discipline: Some(20),
        excused: true,
    });
    assert_eq!(
        got,
        [
            MonthEntry::Leave,
            MonthEntry::Leave,
            MonthEntry::Leave,
            MonthEntry::Leave,
            MonthEntry::Leave,
            excused_htnv,
            excused_htnv,
        ]
    );
    // English headers: `leave`.
    let en = ratings_of(
        &dir,
        "code,year,month,rating,discipline,leave\nCV02,2026,8,,,1\n",
    )
    .unwrap();
    assert_eq!(en[0].record.entry, MonthEntry::Leave);
}

#[test]
fn leave_is_refused_with_a_rating_a_score_for_the_year_or_as_a_short_absence() {
    let dir = TempDir::new().unwrap();
    let text = "Mã CB;Năm;Tháng;Xếp loại;Điểm kỷ luật;Nghỉ phép, ốm đau;Nghỉ cả tháng\n\
                CV02;2026;1;B;20;;x\n\
                CV02;2026;2;Nghỉ phép;20;;\n\
                CV02;2026;3;;;;Nghỉ ốm\n\
                CV02;2026;4;Nghỉ thai sản;20;1;\n\
                CV02;2026;;Nghỉ;;;\n\
                CV02;2026;6;HTNV;20;Thai sản;\n\
                CV02;2026;7;HTNV;20;C;\n\
                CV02;2026;8;Đ;20;;\n\
                CV02;2026;9;;20;;\n";
    assert_eq!(
        ratings_of(&dir, text).unwrap_err(),
        [
            problem(2, "Xếp loại", "B", Problem::LeaveWithRating),
            problem(3, "Xếp loại", "Nghỉ phép", Problem::ExcusedNotLeave),
            problem(4, "Nghỉ cả tháng", "Nghỉ ốm", Problem::ExcusedNotLeave),
            problem(5, "Điểm kỷ luật", "20", Problem::LeaveWithScore),
            problem(5, "Nghỉ phép, ốm đau", "1", Problem::LeaveWithScore),
            problem(6, "Xếp loại", "Nghỉ", Problem::LeaveForYear),
            problem(7, "Nghỉ phép, ốm đau", "Thai sản", Problem::LeaveNotExcused),
            problem(8, "Nghỉ phép, ốm đau", "C", Problem::AmbiguousFlag),
            problem(9, "Xếp loại", "Đ", Problem::AmbiguousRating),
            problem(10, "Xếp loại", "", Problem::Required),
        ]
    );
    // The message says what each means and what to write.
    let message = render_problems("r.csv", &ratings_of(&dir, text).unwrap_err(), Lang::Vi);
    assert!(
        message.contains(
            "r.csv:3: cột «Xếp loại»: «Nghỉ phép» — nghỉ phép, ốm đau không phải nghỉ cả tháng"
        ) && message.contains("đánh dấu 1 ở cột «Nghỉ phép, ốm đau»"),
        "{message}"
    );
}

#[test]
fn the_header_co_ly_do_is_refused_rather_than_read_as_excused() {
    let dir = TempDir::new().unwrap();
    let text = "Mã CB,Năm,Tháng,Xếp loại,Điểm kỷ luật,Có lý do\nCV02,2026,7,HTNV,20,1\n";
    let problems = ratings_of(&dir, text).unwrap_err();
    assert_eq!(
        problems,
        [problem(1, "Có lý do", "", Problem::ExcusedAnyReason)]
    );
    let message = render_problems("r.csv", &problems, Lang::Vi);
    assert!(
        message.contains("r.csv:1: cột «Có lý do» — không nhận cột này")
            && message.contains("chỉ có nghĩa được xếp loại HTNV do nghỉ phép, ốm đau")
            && message.contains("đổi tên cột thành «Nghỉ phép, ốm đau»"),
        "{message}"
    );
    // Renamed, it is read as `excused`.
    let renamed =
        "Mã CB,Năm,Tháng,Xếp loại,Điểm kỷ luật,Nghỉ phép, ốm đau\nCV02,2026,7,HTNV,20,1\n";
    let renamed = renamed.replacen("Nghỉ phép, ốm đau", "\"Nghỉ phép, ốm đau\"", 1);
    let r = ratings_of(&dir, &renamed).unwrap();
    assert!(r[0].record.entry.rated().unwrap().excused);
}

// ---- marks -------------------------------------------------------------------

fn marks_of(dir: &TempDir, text: &str) -> Result<Vec<Numbered<MarkRecord>>, Vec<RowProblem>> {
    parse_marks(&table_of(dir, "marks.csv", text))
}

#[test]
fn marks_read_all_items_and_every_spelling_of_pass_fail_and_unset() {
    let dir = TempDir::new().unwrap();
    let text = "code,quarter,item,self,review\n\
                CV02,2026-Q3,all,1,\n\
                CV02,2026-Q3,II.2.4,Đạt,Chưa đạt\n\
                CV02,2026-Q3,ii.2.3,0,1\n\
                CV02,Q3/2026,I.1.1,,Đạt\n";
    let got: Vec<_> = marks_of(&dir, text)
        .unwrap()
        .into_iter()
        .map(|n| (n.row, n.record.target, n.record.self_mark, n.record.review))
        .collect();
    assert_eq!(
        got,
        [
            (2, MarkTarget::All, Some(true), None),
            (
                3,
                MarkTarget::Item("II.2.4".into()),
                Some(true),
                Some(false)
            ),
            (
                4,
                MarkTarget::Item("II.2.3".into()),
                Some(false),
                Some(true)
            ),
            (5, MarkTarget::Item("I.1.1".into()), None, Some(true)),
        ]
    );
    let first = marks_of(&dir, text).unwrap().remove(0).record;
    assert_eq!(
        (first.code.as_str(), first.quarter),
        ("CV02", Quarter { year: 2026, q: 3 })
    );
}

#[test]
fn marks_refuse_bad_items_quarters_and_marks_and_an_item_twice() {
    let dir = TempDir::new().unwrap();
    let text = "Mã cán bộ\tQuý\tNội dung\tTự đánh giá\tĐánh giá\n\
                CV02\t2026-Q5\tII.2.4\t1\t1\n\
                CV02\t2026-Q3\tIV.1.1\tcó lẽ\t1\n\
                CV02\t2026-Q3\tII.2.4\t1\t1\n\
                CV02\t2026Q3\tII.2.4\t1\t0\n";
    assert_eq!(
        marks_of(&dir, text).unwrap_err(),
        [
            problem(
                2,
                "Quý",
                "2026-Q5",
                Problem::BadChoice {
                    allowed: "YYYY-Qn (2026-Q3)".into()
                }
            ),
            problem(
                3,
                "Nội dung",
                "IV.1.1",
                Problem::BadChoice {
                    allowed: "I.1.1 … III.3.3, all".into()
                }
            ),
            problem(
                3,
                "Tự đánh giá",
                "có lẽ",
                Problem::BadChoice {
                    allowed: "1/0, Đạt/Chưa đạt".into()
                }
            ),
            problem(5, "Mã cán bộ", "CV02", Problem::Duplicate { first_row: 4 }),
        ]
    );
}

#[test]
fn the_letter_d_is_refused_in_a_marks_file_since_d_is_khtnv_in_a_ratings_file() {
    let dir = TempDir::new().unwrap();
    let text = "Mã cán bộ,Quý,Nội dung,Tự đánh giá,Đánh giá\n\
                CV02,2026-Q3,all,D,Đ\n\
                CV02,2026-Q3,I.1.1,Đạt,1\n";
    assert_eq!(
        marks_of(&dir, text).unwrap_err(),
        [
            problem(2, "Tự đánh giá", "D", Problem::AmbiguousMark),
            problem(2, "Đánh giá", "Đ", Problem::AmbiguousMark),
        ]
    );
    let message = render_problems("marks.csv", &marks_of(&dir, text).unwrap_err(), Lang::Vi);
    assert!(
        message
            .contains("marks.csv:2: cột «Tự đánh giá»: «D» — chữ «D» là KHTNV trong tệp xếp loại")
            && message.contains("ghi «Đạt» hoặc 1"),
        "{message}"
    );
    // The same letter in a ratings file is KHTNV.
    let rated = ratings_of(
        &dir,
        "code,year,month,rating,discipline\nCV02,2026,7,D,20\n",
    )
    .unwrap();
    assert_eq!(rated[0].record.entry.rated().unwrap().rating, Rating::Khtnv);
}

#[test]
fn ticks_are_read_as_dat_not_as_an_empty_cell() {
    let dir = TempDir::new().unwrap();
    let text = "code,quarter,item,self,review\nCV02,2026-Q3,all,✓,√\nCV02,2026-Q3,I.1.1,x,✔\n";
    let got: Vec<_> = marks_of(&dir, text)
        .unwrap()
        .into_iter()
        .map(|n| (n.record.self_mark, n.record.review))
        .collect();
    assert_eq!(got, [(Some(true), Some(true)); 2]);
}

#[test]
fn a_marks_file_needs_self_or_review_but_not_both() {
    let dir = TempDir::new().unwrap();
    assert!(marks_of(&dir, "code,quarter,item,review\nCV02,2026-Q3,all,1\n").is_ok());
    assert_eq!(
        marks_of(&dir, "code,quarter,item\nCV02,2026-Q3,all\n").unwrap_err(),
        [problem(1, "review", "", Problem::MissingColumn)]
    );
}
