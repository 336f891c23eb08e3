//! Every sentence an import refusal shows a person, in Vietnamese and
//! English, in one place. Templates name their values in braces (`{min}`),
//! filled by [`fill`].

use super::FileIssue;
use super::table::{MAX_CELL_CHARS, MAX_FILE_BYTES};
use crate::domain::records::{Problem, RowProblem};
use crate::i18n::Lang;
use std::collections::BTreeSet;

/// A template in Vietnamese and English.
type Text = (&'static str, &'static str);

/// The first line of a refusal.
const HEADLINE: Text = (
    "{file}: {n} dòng lỗi, không nhập gì.",
    "{file}: {n} bad rows, nothing imported.",
);
const HEADLINE_ONE: Text = (
    "{file}: 1 dòng lỗi, không nhập gì.",
    "{file}: 1 bad row, nothing imported.",
);
/// `cột «…»` before a value.
const COLUMN: Text = ("cột «{column}»", "column «{column}»");
/// A clash of two headers (`Problem::Duplicate` on the header row itself).
const DUPLICATE_HEADER: Text = (
    "cột này trùng nghĩa với cột «{value}»; xoá hoặc đổi tên một trong hai cột",
    "this column means the same as column «{value}»; delete or rename one of the two",
);
const IO: Text = (
    "không đọc được tệp: {error}",
    "cannot read the file: {error}",
);

/// What each [`Problem`] means for the person who must fix the file.
fn problem_text(problem: &Problem) -> Text {
    match problem {
        Problem::MissingColumn => (
            "dòng tiêu đề thiếu cột bắt buộc này; thêm cột hoặc sửa lại tên cột",
            "the header row lacks this required column; add it or correct its name",
        ),
        Problem::Required => ("ô này không được để trống", "this cell must not be empty"),
        Problem::BadDate => (
            "không phải ngày hợp lệ; viết theo dạng dd/mm/yyyy, ví dụ 05/01/1990",
            "not a valid date; write it as dd/mm/yyyy, e.g. 05/01/1990",
        ),
        Problem::BadNumber { .. } => (
            "phải là số nguyên từ {min} đến {max}",
            "must be a whole number from {min} to {max}",
        ),
        Problem::BadChoice { .. } => (
            "không phải giá trị hợp lệ; dùng một trong: {allowed}",
            "not an accepted value; use one of: {allowed}",
        ),
        Problem::Duplicate { .. } => (
            "đã có ở dòng {first_row}; chỉ giữ lại một trong hai dòng",
            "already given on row {first_row}; keep only one of the two rows",
        ),
        Problem::UnknownStaff => (
            "không có cán bộ nào mang mã này, trong tệp cũng như trong cơ sở dữ liệu",
            "no staff member has this code, in the file or in the database",
        ),
        Problem::UnknownManager => (
            "mã người quản lý này không ứng với cán bộ nào",
            "this manager code matches no staff member",
        ),
        Problem::ManagerCycle => (
            "một người không thể là người quản lý của chính mình, trực tiếp hay qua người khác",
            "a person cannot be their own manager, directly or through others",
        ),
        Problem::ManagerCycleOn { .. } => (
            "vào ngày {date}, người quản lý (theo các thay đổi có hiệu lực đến ngày đó) sẽ quay vòng về chính người này",
            "on {date}, the managers (with the changes in force by then) would loop back to this person",
        ),
        Problem::ChangeBeforeJoined => (
            "thay đổi người quản lý, đơn vị, loại hoặc chức vụ có hiệu lực trước ngày vào làm",
            "a change of manager, unit, kind or title dated before the person joined",
        ),
        Problem::ChangeBeforeLastChange { .. } => (
            "thay đổi có hiệu lực trước lần thay đổi đã ghi ngày {last}; các thay đổi được ghi theo thứ tự ngày",
            "dated before the change already recorded on {last}; changes are recorded in date order",
        ),
        Problem::ChangeInClosedRound { .. } => (
            "thay đổi có hiệu lực từ ngày này sẽ làm thay đổi kết quả quý {quarter} đã khoá; ghi ngày hiệu lực sau quý đó (cột «Ngày hiệu lực» hoặc --effective)",
            "a change in force from this date would change the results of the closed quarter {quarter}; date it after that quarter (the effective column or --effective)",
        ),
        Problem::UnknownItem { .. } => (
            "không phải nội dung của phiếu {form} của người này",
            "not an item of this person's form {form}",
        ),
        Problem::LoginTaken { .. } => (
            "tài khoản này đã dùng cho cán bộ {by}",
            "this login is already used by {by}",
        ),
        Problem::RoundClosed { .. } => (
            "đợt đánh giá {quarter} đã khoá, không sửa được",
            "the {quarter} round is closed and cannot be changed",
        ),
        Problem::LeftBeforeJoined => (
            "ngày nghỉ trước ngày vào",
            "the leaving date is before the joining date",
        ),
        Problem::ReviewWithoutSelf => (
            "có đánh giá của người có thẩm quyền nhưng cá nhân chưa tự đánh giá; điền cả cột tự đánh giá",
            "a review mark with no self mark; fill in the self-assessment column too",
        ),
        Problem::BadText => (
            "ô chứa ký tự điều khiển (như NUL) hoặc dài quá {max_chars} ký tự",
            "the cell holds a control character (such as NUL) or is longer than {max_chars} characters",
        ),
        Problem::TooLong { .. } => (
            "dài quá {max} ký tự (giới hạn để biểu mẫu in được); hãy rút gọn",
            "longer than {max} characters (the limit that keeps the forms printable); shorten it",
        ),
        Problem::ExcusedNotLeave => (
            "nghỉ phép, ốm đau không phải nghỉ cả tháng: người nghỉ phép, ốm đau vẫn được xếp loại — ghi xếp loại (thường là HTNV) và đánh dấu 1 ở cột «Nghỉ phép, ốm đau»; nếu nghỉ cả tháng (thai sản, ốm dài ngày, không lương) ghi «Nghỉ cả tháng»",
            "leave or sickness (nghỉ phép, ốm đau) is not a whole month on leave: such a month is rated — write the rating (usually HTNV) and 1 in the «Nghỉ phép, ốm đau» (excused) column; for a whole month on leave (maternity, long illness, unpaid) write «Nghỉ cả tháng»",
        ),
        Problem::LeaveNotExcused => (
            "đây là nghỉ cả tháng, không có xếp loại: cột «Nghỉ phép, ốm đau» chỉ đánh dấu tháng được xếp loại HTNV do nghỉ phép, ốm đau; ghi «Nghỉ cả tháng» ở cột xếp loại (hoặc cột «Nghỉ cả tháng») và để trống xếp loại, điểm kỷ luật",
            "this is a whole month on leave, which has no rating: the «Nghỉ phép, ốm đau» (excused) column only flags a month rated HTNV because of leave or sickness; write «Nghỉ cả tháng» in the rating (or leave) column and leave the rating and discipline empty",
        ),
        Problem::LeaveWithRating => (
            "dòng này vừa có xếp loại vừa ghi nghỉ cả tháng: tháng nghỉ cả tháng không có xếp loại; xoá một trong hai",
            "this row has both a rating and a whole month on leave: a month on leave has no rating; remove one of the two",
        ),
        Problem::LeaveWithScore => (
            "tháng nghỉ cả tháng không có điểm kỷ luật hay đánh dấu nghỉ phép, ốm đau: để trống ô này",
            "a month on leave has no discipline score and is not flagged excused: leave this cell empty",
        ),
        Problem::LeaveForYear => (
            "xếp loại năm không thể là nghỉ: chỉ ghi nghỉ cả tháng cho từng tháng (điền cột Tháng)",
            "the yearly rating cannot be a leave: write a whole month on leave for each month (fill in the month column)",
        ),
        Problem::ExcusedAnyReason => (
            "không nhận cột này: đánh dấu «excused» chỉ có nghĩa được xếp loại HTNV do nghỉ phép, ốm đau (003), không phải do bất kỳ lý do nào; nếu cột đúng nghĩa đó, đổi tên cột thành «Nghỉ phép, ốm đau»; nếu là nghỉ cả tháng, đổi tên thành «Nghỉ cả tháng»; nếu không, xoá cột",
            "this column is not taken: the «excused» flag means rated HTNV because of leave or sickness only (003), not for any reason; if the column means that, rename it «Nghỉ phép, ốm đau»; if it means a whole month on leave, rename it «Nghỉ cả tháng»; otherwise delete it",
        ),
        Problem::NotEmployed { .. } => (
            "người này không công tác ngày nào trong kỳ này (thời gian công tác: {employed}), nên không có xếp loại; xoá dòng này, hoặc sửa ngày vào, ngày nghỉ trong danh sách cán bộ",
            "this person was employed on no day of this period (employed {employed}), so it has no rating; delete the row, or correct the joined and left dates in the staff list",
        ),
        Problem::AmbiguousMark => (
            "chữ «D» là KHTNV trong tệp xếp loại, nên không dùng ở phiếu đánh giá: ghi «Đạt» hoặc 1 (chưa đạt: «Chưa đạt» hoặc 0)",
            "the letter «D» means KHTNV in the ratings files, so a marks file may not use it: write «Đạt» or 1 (not passed: «Chưa đạt» or 0)",
        ),
        Problem::AmbiguousRating => (
            "«Đ» không phải xếp loại (Đạt?): ghi HTXSNV, HTTNV, HTNV, KHTNV hoặc A, B, C, D (D là KHTNV)",
            "«Đ» is not a rating (Đạt?): write HTXSNV, HTTNV, HTNV, KHTNV or A, B, C, D (D is KHTNV)",
        ),
        Problem::AmbiguousFlag => (
            "chữ «C» là HTNV trong tệp xếp loại: ở cột có/không ghi 1, x hoặc «có» (không: 0 hoặc để trống)",
            "the letter «C» means HTNV in a ratings file: in a yes/no column write 1, x or «có» (no: 0 or empty)",
        ),
        Problem::Other { .. } => ("{message}", "{message}"),
    }
}

/// What each [`FileIssue`] means, and what to do.
fn issue_text(issue: &FileIssue) -> Text {
    match issue {
        FileIssue::UnsupportedExtension { .. } => (
            "chỉ nhập được tệp .csv hoặc .xlsx (tệp này: «{ext}»); trong Excel chọn Lưu thành → CSV UTF-8 hoặc Excel Workbook",
            "only .csv and .xlsx files can be imported (this one: «{ext}»); in Excel use Save As → CSV UTF-8 or Excel Workbook",
        ),
        FileIssue::TooLarge { .. } => (
            "tệp nặng {mb} MB, quá giới hạn {limit_mb} MB",
            "the file is {mb} MB, over the {limit_mb} MB limit",
        ),
        FileIssue::NotUtf8 { .. } => (
            "tệp không phải văn bản UTF-8 (byte lỗi đầu tiên ở dòng {line}); trong Excel lưu lại bằng «CSV UTF-8 (Comma delimited)»",
            "the file is not UTF-8 text (first bad byte on line {line}); in Excel save it again as «CSV UTF-8 (Comma delimited)»",
        ),
        FileIssue::BadUtf16 => (
            "tệp ghi là UTF-16 nhưng nội dung không phải UTF-16 hợp lệ",
            "the file is marked UTF-16 but its content is not valid UTF-16",
        ),
        FileIssue::NoSheet => (
            "sổ tính không có trang tính nào",
            "the workbook has no worksheet",
        ),
        FileIssue::Workbook { .. } => (
            "không đọc được sổ tính Excel: {message}",
            "cannot read the Excel workbook: {message}",
        ),
        FileIssue::Empty => (
            "tệp trống, không có dòng tiêu đề",
            "the file is empty: there is no header row",
        ),
    }
}

fn pick(text: Text, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => text.0,
        Lang::En => text.1,
    }
}

/// The template with each `{name}` replaced by its value.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(template.to_owned(), |s, (name, value)| {
        s.replace(&format!("{{{name}}}"), value)
    })
}

/// The explanation of a problem, in `lang`.
pub fn explain(problem: &Problem, lang: Lang) -> String {
    let values: Vec<(&str, String)> = match problem {
        Problem::BadNumber { min, max } => vec![("min", min.to_string()), ("max", max.to_string())],
        Problem::BadChoice { allowed } => vec![("allowed", allowed.clone())],
        Problem::Duplicate { first_row } => vec![("first_row", first_row.to_string())],
        Problem::UnknownItem { form } => vec![("form", form.clone())],
        Problem::LoginTaken { by } => vec![("by", by.clone())],
        Problem::RoundClosed { quarter } => vec![("quarter", quarter.clone())],
        Problem::ManagerCycleOn { date } => vec![("date", date.clone())],
        Problem::ChangeBeforeLastChange { last } => vec![("last", last.clone())],
        Problem::ChangeInClosedRound { quarter } => vec![("quarter", quarter.clone())],
        Problem::BadText => vec![("max_chars", MAX_CELL_CHARS.to_string())],
        Problem::TooLong { max } => vec![("max", max.to_string())],
        Problem::NotEmployed { employed } => vec![("employed", employed.clone())],
        Problem::Other { message } => vec![("message", message.clone())],
        _ => Vec::new(),
    };
    fill(pick(problem_text(problem), lang), &values)
}

/// The explanation of a file issue, in `lang`.
pub fn explain_issue(issue: &FileIssue, lang: Lang) -> String {
    const MB: u64 = 1024 * 1024;
    let values: Vec<(&str, String)> = match issue {
        FileIssue::UnsupportedExtension { ext } => {
            vec![(
                "ext",
                if ext.is_empty() {
                    "—".to_owned()
                } else {
                    format!(".{ext}")
                },
            )]
        }
        FileIssue::TooLarge { bytes } => vec![
            ("mb", bytes.div_ceil(MB).to_string()),
            ("limit_mb", (MAX_FILE_BYTES / MB).to_string()),
        ],
        FileIssue::NotUtf8 { line } => vec![("line", line.to_string())],
        FileIssue::Workbook { message } => vec![("message", message.clone())],
        FileIssue::BadUtf16 | FileIssue::NoSheet | FileIssue::Empty => Vec::new(),
    };
    fill(pick(issue_text(issue), lang), &values)
}

/// `<file>: <explanation>`.
pub fn file_issue_line(file: &str, issue: &FileIssue, lang: Lang) -> String {
    format!("{file}: {}", explain_issue(issue, lang))
}

/// `<file>: cannot read the file: <os error>`.
pub fn io_line(file: &str, error: &std::io::Error, lang: Lang) -> String {
    format!(
        "{file}: {}",
        fill(pick(IO, lang), &[("error", error.to_string())])
    )
}

/// See [`super::render_problems`]. The number is of rows, not problems; the
/// value part is left out where the cell is empty, and the row where the
/// problem is about the file (row 0).
pub fn render_problems(file: &str, problems: &[RowProblem], lang: Lang) -> String {
    let rows: BTreeSet<usize> = problems.iter().map(|p| p.row).collect();
    let headline = if rows.len() == 1 {
        HEADLINE_ONE
    } else {
        HEADLINE
    };
    let mut out = fill(
        pick(headline, lang),
        &[("file", file.to_owned()), ("n", rows.len().to_string())],
    );
    for p in problems {
        out.push('\n');
        out.push_str(&problem_line(file, p, lang));
    }
    out
}

/// `<file>:<row>: cột «<column>»: «<value>» — <explanation>`.
fn problem_line(file: &str, p: &RowProblem, lang: Lang) -> String {
    let mut line = if p.row == 0 {
        format!("{file}: ")
    } else {
        format!("{file}:{}: ", p.row)
    };
    if !p.column.is_empty() {
        // A missing column has no header in the file to show: in Vietnamese
        // it is named as a Vietnamese header would be, with the English name
        // the SPEC gives (`Ngày sinh (birth_date)`).
        let column = match (
            &p.problem,
            lang,
            super::columns::vietnamese_header(&p.column),
        ) {
            (Problem::MissingColumn, Lang::Vi, Some(vi)) => format!("{vi} ({})", p.column),
            _ => shown(&p.column),
        };
        line.push_str(&fill(pick(COLUMN, lang), &[("column", column)]));
    }
    let header_clash = matches!(p.problem, Problem::Duplicate { first_row } if first_row == p.row);
    let explanation = if header_clash {
        fill(pick(DUPLICATE_HEADER, lang), &[("value", shown(&p.value))])
    } else {
        if !p.value.is_empty() {
            if !p.column.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&format!("«{}»", shown(&p.value)));
        }
        explain(&p.problem, lang)
    };
    if !p.column.is_empty() || (!p.value.is_empty() && !header_clash) {
        line.push_str(" — ");
    }
    line.push_str(&explanation);
    line
}

/// A value as a terminal can show it: control characters escaped, long text
/// cut.
fn shown(value: &str) -> String {
    const MAX_SHOWN: usize = 80;
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == MAX_SHOWN {
            out.push('…');
            break;
        }
        if crate::text::unsafe_for_terminal(c) {
            out.extend(c.escape_debug())
        } else {
            out.push(c)
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_column_is_named_in_vietnamese_and_english() {
        let p = RowProblem {
            row: 1,
            column: "birth_date".into(),
            value: String::new(),
            problem: Problem::MissingColumn,
        };
        let vi = problem_line("s.csv", &p, Lang::Vi);
        assert!(vi.contains("«Ngày sinh (birth_date)»"), "{vi}");
        let en = problem_line("s.csv", &p, Lang::En);
        assert!(en.contains("«birth_date»"), "{en}");
    }

    fn every_problem() -> Vec<Problem> {
        vec![
            Problem::MissingColumn,
            Problem::Required,
            Problem::BadDate,
            Problem::BadNumber { min: 0, max: 20 },
            Problem::BadChoice {
                allowed: "A, B".into(),
            },
            Problem::Duplicate { first_row: 2 },
            Problem::UnknownStaff,
            Problem::UnknownManager,
            Problem::ManagerCycle,
            Problem::UnknownItem { form: "03B".into() },
            Problem::LoginTaken { by: "CB01".into() },
            Problem::RoundClosed {
                quarter: "2026-Q3".into(),
            },
            Problem::LeftBeforeJoined,
            Problem::ManagerCycleOn {
                date: "01/08/2026".into(),
            },
            Problem::ChangeBeforeJoined,
            Problem::ChangeBeforeLastChange {
                last: "01/08/2026".into(),
            },
            Problem::ChangeInClosedRound {
                quarter: "2026-Q3".into(),
            },
            Problem::ReviewWithoutSelf,
            Problem::BadText,
            Problem::ExcusedNotLeave,
            Problem::LeaveNotExcused,
            Problem::LeaveWithRating,
            Problem::LeaveWithScore,
            Problem::LeaveForYear,
            Problem::ExcusedAnyReason,
            Problem::NotEmployed {
                employed: "10/08/2026 – …".into(),
            },
            Problem::AmbiguousMark,
            Problem::AmbiguousRating,
            Problem::AmbiguousFlag,
            Problem::Other {
                message: "x".into(),
            },
        ]
    }

    fn every_issue() -> Vec<FileIssue> {
        vec![
            FileIssue::UnsupportedExtension { ext: "xls".into() },
            FileIssue::TooLarge { bytes: 300 << 20 },
            FileIssue::NotUtf8 { line: 3 },
            FileIssue::BadUtf16,
            FileIssue::NoSheet,
            FileIssue::Workbook {
                message: "zip".into(),
            },
            FileIssue::Empty,
        ]
    }

    #[test]
    fn every_explanation_exists_in_both_languages_with_its_values_filled() {
        for lang in [Lang::Vi, Lang::En] {
            let problems = every_problem().into_iter().map(|p| explain(&p, lang));
            let issues = every_issue().into_iter().map(|i| explain_issue(&i, lang));
            for text in problems.chain(issues) {
                assert!(!text.is_empty());
                assert!(!text.contains('{') && !text.contains('}'), "{text}");
            }
        }
    }

    #[test]
    fn a_problem_line_names_file_row_column_and_value() {
        let p = RowProblem {
            row: 4,
            column: "Ngày sinh".into(),
            value: "31/02/1990".into(),
            problem: Problem::BadDate,
        };
        assert_eq!(
            problem_line("nv.csv", &p, Lang::Vi),
            "nv.csv:4: cột «Ngày sinh»: «31/02/1990» — không phải ngày hợp lệ; viết theo dạng dd/mm/yyyy, ví dụ 05/01/1990"
        );
        assert_eq!(
            problem_line("nv.csv", &p, Lang::En),
            "nv.csv:4: column «Ngày sinh»: «31/02/1990» — not a valid date; write it as dd/mm/yyyy, e.g. 05/01/1990"
        );
    }

    #[test]
    fn a_header_clash_names_both_headers_and_a_file_problem_has_no_row() {
        let clash = RowProblem {
            row: 1,
            column: "Mã CB".into(),
            value: "code".into(),
            problem: Problem::Duplicate { first_row: 1 },
        };
        assert_eq!(
            problem_line("nv.csv", &clash, Lang::En),
            "nv.csv:1: column «Mã CB» — this column means the same as column «code»; delete or rename one of the two"
        );
        let whole = RowProblem {
            row: 0,
            column: String::new(),
            value: String::new(),
            problem: Problem::Other {
                message: "x".into(),
            },
        };
        assert_eq!(problem_line("nv.csv", &whole, Lang::Vi), "nv.csv: x");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(shown("A\0B"), "A\\0B");
        assert_eq!(shown("A\u{202e}B\u{1b}"), "A\\u{202e}B\\u{1b}");
        assert_eq!(shown(&"x".repeat(100)).chars().count(), 81);
    }
}
