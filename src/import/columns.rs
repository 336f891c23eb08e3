//! The columns of each import file and the header names that mean them, in
//! English and Vietnamese (SPEC section 6).
//!
//! A header matches a column when their [`header_key`]s are equal: the fold
//! (no diacritics, `đ` → `d`, lower case) with any `(…)`/`[…]` hint dropped
//! and everything but letters and digits removed. So `Mã cán bộ`, `ma_can_bo`,
//! `MA CAN BO`, `Mã cán bộ (*)` and `code` are the same column.

use super::FileKind;
use super::table::Table;
use crate::domain::records::{Problem, RowProblem};

/// One column of a file kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The English name, as SPEC section 6 writes it; problems about a
    /// missing column use it (shown with the first alias in Vietnamese).
    pub name: &'static str,
    /// Other header names that mean this column, Vietnamese first.
    pub aliases: &'static [&'static str],
    /// The header row must have this column (its values may still be empty
    /// where the file kind allows).
    pub required: bool,
}

const fn req(name: &'static str, aliases: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec {
        name,
        aliases,
        required: true,
    }
}

const fn opt(name: &'static str, aliases: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec {
        name,
        aliases,
        required: false,
    }
}

const CODE: &[&str] = &[
    "Mã cán bộ",
    "Mã CB",
    "Mã",
    "Mã số",
    "Mã nhân viên",
    "Mã NV",
    "Mã CBCCVC",
    "staff_code",
];

const STAFF: &[ColumnSpec] = &[
    req("code", CODE),
    req(
        "full_name",
        &[
            "Họ và tên",
            "Họ tên",
            "Họ và tên cán bộ",
            "name",
            "full name",
        ],
    ),
    req(
        "birth_date",
        &[
            "Ngày sinh",
            "Ngày tháng năm sinh",
            "Ngày, tháng, năm sinh",
            "date of birth",
            "dob",
        ],
    ),
    req(
        "title",
        &[
            "Chức vụ",
            "Chức danh",
            "Chức vụ, chức danh",
            "Chức vụ/Chức danh",
            "job title",
        ],
    ),
    req(
        "unit",
        &[
            "Đơn vị",
            "Đơn vị công tác",
            "Phòng ban",
            "Phòng/Ban",
            "department",
        ],
    ),
    req("kind", &["Loại", "Loại cán bộ", "Phân loại", "type"]),
    req("group", &["Nhóm", "Nhóm đối tượng", "Đối tượng"]),
    req(
        "party_member",
        &["Đảng viên", "Là đảng viên", "ĐV", "party"],
    ),
    opt(
        "manager_code",
        &[
            "Mã người quản lý",
            "Người quản lý",
            "Mã quản lý",
            "Quản lý trực tiếp",
            "Mã người đánh giá",
            "Người đánh giá",
            "Người có thẩm quyền đánh giá",
            "manager",
        ],
    ),
    opt(
        "login",
        &[
            "Tài khoản",
            "Đăng nhập",
            "Tên đăng nhập",
            "Tài khoản đăng nhập",
            "account",
            "username",
            "user",
        ],
    ),
    opt(
        "position_code",
        &["Mã VTVL", "VTVL", "Vị trí việc làm", "Mã vị trí việc làm"],
    ),
    opt(
        "grade",
        &[
            "Ngạch",
            "Mã ngạch",
            "Ngạch công chức",
            "Chức danh nghề nghiệp",
        ],
    ),
    opt(
        "joined",
        &[
            "Ngày vào",
            "Ngày bắt đầu",
            "Ngày vào làm",
            "Ngày bắt đầu công tác",
            "Ngày tuyển dụng",
            "start_date",
        ],
    ),
    opt(
        "left",
        &[
            "Ngày nghỉ",
            "Ngày thôi việc",
            "Ngày nghỉ việc",
            "Ngày kết thúc",
            "end_date",
        ],
    ),
    // The date a change of manager, unit, kind or title takes effect
    // (domain::history); empty: `--effective`, else the day of the import.
    opt(
        "effective",
        &[
            "Ngày hiệu lực",
            "Ngày áp dụng",
            "Từ ngày",
            "Hiệu lực từ ngày",
            "Ngày có hiệu lực",
            "effective_date",
        ],
    ),
];

const RATINGS: &[ColumnSpec] = &[
    req("code", CODE),
    req("year", &["Năm"]),
    // Required as a column so a monthly file that lost its month column is
    // not read as yearly ratings; an empty value is the yearly rating.
    req("month", &["Tháng"]),
    req(
        "rating",
        &[
            "Xếp loại",
            "Mức xếp loại",
            "Kết quả xếp loại",
            "Xếp loại mức độ hoàn thành nhiệm vụ",
            "Mức độ hoàn thành nhiệm vụ",
        ],
    ),
    req(
        "discipline",
        &[
            "Ý thức tổ chức kỷ luật",
            "Điểm ý thức tổ chức kỷ luật",
            "Điểm kỷ luật",
            "Kỷ luật",
            "Ý thức kỷ luật",
        ],
    ),
    // Absent means nobody was excused, as an empty value does. Only leave
    // and sickness excuse an HTNV (003): "Có lý do" (any reason) is refused,
    // not read as this column (see `refused_header`).
    opt(
        "excused",
        &["Nghỉ phép, ốm đau", "Nghỉ phép/ốm", "Nghỉ phép", "Ốm đau"],
    ),
    // A whole month on leave instead of a rating (1/x/có, or the kind of
    // leave); absent means none, as an empty value does. A leave word in
    // the rating column means the same (docs/RULES.md).
    opt(
        "leave",
        &[
            "Nghỉ cả tháng",
            "Nghỉ dài ngày",
            "Nghỉ thai sản, ốm dài ngày, không lương",
            "Nghỉ thai sản, ốm dài ngày",
            "Nghỉ thai sản",
            "Nghỉ không lương",
            "on_leave",
        ],
    ),
];

/// A header refused outright, with why: it looks like a column but would
/// change its meaning if read as one.
fn refused_header(kind: FileKind, key: &str) -> Option<Problem> {
    match kind {
        // "Có lý do" would excuse an HTNV for any reason; 003 excuses leave
        // and sickness only.
        FileKind::Ratings if key == "colydo" || key == "excusedanyreason" => {
            Some(Problem::ExcusedAnyReason)
        }
        _ => None,
    }
}

const MARKS: &[ColumnSpec] = &[
    req("code", CODE),
    req("quarter", &["Quý", "Kỳ đánh giá", "Đợt đánh giá"]),
    req(
        "item",
        &[
            "Nội dung",
            "Mã nội dung",
            "Tiêu chí",
            "Mã tiêu chí",
            "Mục",
            "item_id",
        ],
    ),
    // A file may carry only the self marks or only the review marks; one of
    // the two is required (see `ColumnMap::new`).
    opt(
        "self",
        &["Tự đánh giá", "Cá nhân tự đánh giá", "Tự ĐG", "self_mark"],
    ),
    opt(
        "review",
        &[
            "Đánh giá",
            "Người có thẩm quyền đánh giá",
            "Cấp có thẩm quyền đánh giá",
            "Thủ trưởng đánh giá",
            "Kết quả đánh giá",
            "review_mark",
        ],
    ),
];

const COMPLEXITY: &[&str] = &[
    "Mức độ phức tạp",
    "Mức độ phức tạp/Nhóm",
    "Phân nhóm về mức độ phức tạp",
    "Phân nhóm mức độ phức tạp",
    "Nhóm mức độ phức tạp",
    "Độ phức tạp",
    "Nhóm",
    "Phân nhóm",
    "level",
];

const TIME: &[&str] = &[
    "Định lượng thời gian",
    "Thời gian",
    "Thời gian tác nghiệp",
    "Thời gian tác nghiệp bình quân",
    "Thời gian thực hiện",
    "Định mức thời gian",
    "minutes",
    "bucket",
    "time_bucket",
];

const STEP: &[&str] = &["Bước", "Bước số", "Thứ tự bước", "step_no"];

/// The KPI catalog (004, sheet 2). `unit` may instead come from an
/// `Đơn vị: …` line above the header (see `import::kpi`).
const CATALOG: &[ColumnSpec] = &[
    opt(
        "unit",
        &[
            "Đơn vị",
            "Tên đơn vị",
            "Đơn vị thực hiện",
            "Phòng",
            "Phòng ban",
            "Phòng/Ban",
            "department",
        ],
    ),
    req(
        "area",
        &[
            "Lĩnh vực/Mảng công việc",
            "Lĩnh vực",
            "Mảng công việc",
            "Lĩnh vực, mảng công việc",
            "Chức năng/Mảng công việc",
            "Chức năng, mảng công việc",
            "Chức năng",
            "work_area",
        ],
    ),
    req(
        "task",
        &[
            "Tên nhiệm vụ",
            "Nhiệm vụ",
            "Tên công việc",
            "Tên nhiệm vụ/công việc",
            "Nhiệm vụ cụ thể",
            "task_name",
        ],
    ),
    opt(
        "steps",
        &[
            "Công việc chi tiết",
            "Chi tiết công việc",
            "Các bước thực hiện",
            "Các bước chính",
            "Quy trình thực hiện",
            "Mô tả công việc",
            "details",
            "detailed_steps",
        ],
    ),
    req(
        "product",
        &[
            "Sản phẩm đầu ra",
            "Sản phẩm",
            "Kết quả đầu ra",
            "Sản phẩm trung gian",
            "output",
            "output_product",
        ],
    ),
    req("complexity", COMPLEXITY),
    req("time", TIME),
    opt("step", STEP),
];

/// The KPI task log, for bulk entry. `complexity` and `time` are for ad-hoc
/// tasks (not in the catalog).
const TASKS: &[ColumnSpec] = &[
    req("code", CODE),
    req(
        "date",
        &[
            "Ngày",
            "Ngày thực hiện",
            "Ngày hoàn thành",
            "Ngày làm",
            "Ngày ghi nhận",
            "day",
        ],
    ),
    req(
        "task",
        &[
            "Tên nhiệm vụ",
            "Nhiệm vụ",
            "Mã nhiệm vụ",
            "Tên công việc",
            "Công việc",
            "task_id",
            "task_name",
        ],
    ),
    opt("step", STEP),
    opt(
        "quantity",
        &["Số lượng", "SL", "Khối lượng", "qty", "count"],
    ),
    opt(
        "product_ref",
        &[
            "Số hiệu sản phẩm",
            "Sản phẩm",
            "Sản phẩm đầu ra",
            "Số văn bản",
            "Số, ký hiệu văn bản",
            "Số ký hiệu",
            "Số hiệu văn bản",
            "Ký hiệu",
            "product",
            "reference",
        ],
    ),
    opt("state", &["Trạng thái", "Tình trạng", "Tiến độ", "status"]),
    opt("complexity", COMPLEXITY),
    opt("time", TIME),
];

/// The columns of a file kind, in SPEC order.
pub fn columns(kind: FileKind) -> &'static [ColumnSpec] {
    match kind {
        FileKind::Staff => STAFF,
        FileKind::Ratings => RATINGS,
        FileKind::Marks => MARKS,
        FileKind::Catalog => CATALOG,
        FileKind::Tasks => TASKS,
    }
}

/// The key a header is matched on: folded, hints in brackets dropped, letters
/// and digits only.
pub fn header_key(header: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(header.len());
    for c in crate::text::fold(header).chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

impl ColumnSpec {
    fn matches(&self, key: &str) -> bool {
        header_key(self.name) == key || self.aliases.iter().any(|a| header_key(a) == key)
    }
}

/// Where each column of a file kind is in one file's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    kind: FileKind,
    /// Per column of [`columns`]`(kind)`: its index in the file and its
    /// header as the file writes it.
    found: Vec<Option<(usize, String)>>,
}

/// A cell read through the column map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The column's header as the file writes it (the English name if the
    /// file has no such column).
    pub column: &'a str,
    /// Trimmed NFC text; empty if the column is absent or the row short.
    pub value: &'a str,
}

/// A column of a [`ColumnMap`], resolved by [`ColumnMap::column`]; it
/// owns its header, so a parser can keep it beside the rows it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    index: Option<usize>,
    column: String,
}

impl Column {
    /// The text of `row`'s cell in this column, taken out of the row
    /// (empty if the column is absent or the row short).
    pub fn take(&self, row: &mut [String]) -> String {
        self.index
            .and_then(|i| row.get_mut(i))
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// The cell of `row` in this column, as [`ColumnMap::cell`] gives it.
    pub fn cell<'r>(&'r self, row: &'r [String]) -> Cell<'r> {
        Cell {
            column: &self.column,
            value: self.index.map_or("", |i| Table::cell(row, i)),
        }
    }
}

impl ColumnMap {
    /// Maps the table's header to the kind's columns. Unknown columns are
    /// ignored; a missing required column or two headers meaning the same
    /// column is a problem on the header row.
    pub fn new(kind: FileKind, table: &Table) -> Result<ColumnMap, Vec<RowProblem>> {
        let specs = columns(kind);
        let mut found: Vec<Option<(usize, String)>> = vec![None; specs.len()];
        let mut problems = Vec::new();
        for (index, header) in table.headers.iter().enumerate() {
            let key = header_key(header);
            if key.is_empty() {
                continue;
            }
            if let Some(problem) = refused_header(kind, &key) {
                problems.push(RowProblem {
                    row: table.header_row,
                    column: header.clone(),
                    value: String::new(),
                    problem,
                });
                continue;
            }
            let Some(field) = specs.iter().position(|s| s.matches(&key)) else {
                continue;
            };
            match &found[field] {
                // Two headers for one column: which one holds the data is a
                // guess, so refuse. `first_row` equal to the row marks it as
                // a header clash; the value names the first header.
                Some((_, first)) => problems.push(RowProblem {
                    row: table.header_row,
                    column: header.clone(),
                    value: first.clone(),
                    problem: Problem::Duplicate {
                        first_row: table.header_row,
                    },
                }),
                None => found[field] = Some((index, header.clone())),
            }
        }
        for (spec, slot) in specs.iter().zip(&found) {
            if spec.required && slot.is_none() {
                problems.push(missing(table, spec.name));
            }
        }
        let map = ColumnMap { kind, found };
        if kind == FileKind::Marks && !map.has("self") && !map.has("review") {
            problems.push(missing(table, "review"));
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }

    /// The file's header of the column named (in English) `name`, if the
    /// file has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        match self.slot(name) {
            Some(Some((_, header))) => Some(header),
            _ => None,
        }
    }

    /// Whether the file has the column (by its English name).
    pub fn has(&self, name: &str) -> bool {
        self.slot(name).is_some_and(|s| s.is_some())
    }

    /// The cell of `row` in the column named (in English) `name`.
    pub fn cell<'a>(&'a self, row: &'a [String], name: &'static str) -> Cell<'a> {
        match self.slot(name) {
            Some(Some((index, header))) => Cell {
                column: header,
                value: Table::cell(row, *index),
            },
            _ => Cell {
                column: name,
                value: "",
            },
        }
    }

    /// A column resolved once, to read it from many rows without looking
    /// its name up again.
    pub fn column(&self, name: &'static str) -> Column {
        match self.slot(name) {
            Some(Some((index, header))) => Column {
                index: Some(*index),
                column: header.clone(),
            },
            _ => Column {
                index: None,
                column: name.to_owned(),
            },
        }
    }

    fn slot(&self, name: &str) -> Option<&Option<(usize, String)>> {
        let index = columns(self.kind).iter().position(|s| s.name == name)?;
        self.found.get(index)
    }
}

/// The Vietnamese header of the column named (in English) `name` in any
/// file kind: the first of its aliases.
pub fn vietnamese_header(name: &str) -> Option<&'static str> {
    FileKind::ALL
        .iter()
        .flat_map(|&k| columns(k))
        .find(|spec| spec.name == name)
        .and_then(|spec| spec.aliases.first().copied())
}

fn missing(table: &Table, name: &str) -> RowProblem {
    RowProblem {
        row: table.header_row,
        column: name.to_owned(),
        value: String::new(),
        problem: Problem::MissingColumn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn vietnamese_english_and_typed_variants_share_one_key() {
        let key = header_key("code");
        assert!(STAFF[0].matches(&key));
        for h in [
            "Mã cán bộ",
            "ma_can_bo",
            "MA CAN BO",
            "Mã CB",
            "Mã cán bộ (*)",
            "mã  cán-bộ",
        ] {
            assert!(STAFF[0].matches(&header_key(h)), "{h}");
        }
        assert_eq!(header_key("Ngày sinh (dd/mm/yyyy)"), "ngaysinh");
        assert_eq!(header_key("birth_date"), "birthdate");
    }

    #[test]
    fn co_ly_do_is_refused_in_a_ratings_file_and_names_no_column() {
        for h in ["Có lý do", "co_ly_do", "CÓ LÝ DO (1/0)"] {
            let key = header_key(h);
            assert_eq!(
                refused_header(FileKind::Ratings, &key),
                Some(Problem::ExcusedAnyReason),
                "{h}"
            );
            for spec in columns(FileKind::Ratings) {
                assert!(!spec.matches(&key), "{h} reads as {}", spec.name);
            }
        }
        assert_eq!(refused_header(FileKind::Staff, "colydo"), None);
    }

    #[test]
    fn no_header_means_two_columns_of_one_kind() {
        for kind in FileKind::ALL {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for spec in columns(kind) {
                for name in std::iter::once(&spec.name).chain(spec.aliases) {
                    let key = header_key(name);
                    assert!(!key.is_empty(), "{name}");
                    if let Some(other) = seen.insert(key.clone(), spec.name) {
                        assert_eq!(
                            other, spec.name,
                            "{kind:?}: `{name}` means both {other} and {}",
                            spec.name
                        );
                    }
                }
            }
        }
    }
}
