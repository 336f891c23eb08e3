//! Import files (SPEC section 6): reading a `.csv` or `.xlsx` file into a
//! [`Table`], mapping its header row to the fields of a [`FileKind`], and
//! parsing every row into records — or into the list of *every* bad row, since
//! an import is all-or-nothing.
//!
//! This half knows files only. Checks that need the database (unknown staff,
//! unknown manager, manager cycles, closed rounds, items of the person's form)
//! belong to the service that stores the records.
//!
//! Decisions a reader may look for:
//! - Staff codes, manager codes and logins are trimmed and NFC-normalised but
//!   compared case-sensitively: `cb01` and `CB01` are two people. Offices key
//!   codes from other systems where case can matter, and a silent merge of two
//!   people would be worse than a refusal.
//! - Header names match on their fold with everything but letters and digits
//!   removed, and with any `(…)` or `[…]` hint dropped, so `Mã cán bộ`,
//!   `ma_can_bo`, `MA CAN BO`, `Ngày sinh (dd/mm/yyyy)` and `code` all match.
//!   The synonyms are in [`columns`].
//! - The header row is the file's first non-empty row; rows are numbered as a
//!   spreadsheet shows them (blank rows count, a quoted cell spanning several
//!   lines is one row).

pub mod columns;
pub mod kpi;
pub mod messages;
pub mod parse;
pub mod stream;
pub mod table;

pub use columns::{ColumnMap, ColumnSpec, header_key};
pub use kpi::{parse_catalog, parse_tasks, read_catalog, read_tasks};
pub use parse::{StaffParser, parse_date, parse_marks, parse_ratings, parse_staff};
pub use stream::{StaffImportError, import_staff_file, import_staff_file_on, stream_staff};
pub use table::{MAX_CELL_CHARS, MAX_FILE_BYTES, Table, read_table};

use crate::domain::records::{MarkRecord, Numbered, RatingRecord, RowProblem, StaffRecord};
use crate::i18n::Lang;
use std::path::Path;

/// What a file holds, which decides its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// Danh sách cán bộ: one row per person.
    Staff,
    /// Xếp loại hằng tháng / cả năm: one row per person and month (or year).
    Ratings,
    /// Phiếu đánh giá typed in: one row per person, quarter and item.
    Marks,
    /// Danh mục công việc/sản phẩm (KPI, 004): one row per task or step.
    Catalog,
    /// Nhật ký công việc (KPI): one row per logged task.
    Tasks,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [
        FileKind::Staff,
        FileKind::Ratings,
        FileKind::Marks,
        FileKind::Catalog,
        FileKind::Tasks,
    ];

    /// The word of the command line (`danhgia import staff FILE`).
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Staff => "staff",
            FileKind::Ratings => "ratings",
            FileKind::Marks => "marks",
            FileKind::Catalog => "catalog",
            FileKind::Tasks => "tasks",
        }
    }
}

/// Something wrong with the file as a whole, before any row is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileIssue {
    /// Neither `.csv` nor `.xlsx`.
    UnsupportedExtension { ext: String },
    /// Over [`MAX_FILE_BYTES`].
    TooLarge { bytes: u64 },
    /// No BOM and not UTF-8; `line` is where the first bad byte is.
    NotUtf8 { line: usize },
    /// A UTF-16 BOM followed by something that is not UTF-16.
    BadUtf16,
    /// A workbook without any worksheet.
    NoSheet,
    /// The workbook could not be read (the reader's own words).
    Workbook { message: String },
    /// Not even a header row.
    Empty,
}

/// Why nothing was imported from a file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Rows that cannot be imported, every one of them.
    #[error("{}", render_problems(.file, .problems, Lang::default()))]
    Rows {
        file: String,
        problems: Vec<RowProblem>,
    },
    /// The file as a whole cannot be read as a table.
    #[error("{}", messages::file_issue_line(.file, .issue, Lang::default()))]
    File { file: String, issue: FileIssue },
    /// The operating system refused to read the file.
    #[error("{}", messages::io_line(.file, .source, Lang::default()))]
    Io {
        file: String,
        source: std::io::Error,
    },
}

impl ImportError {
    /// The file the error is about, as the caller named it.
    pub fn file(&self) -> &str {
        match self {
            ImportError::Rows { file, .. }
            | ImportError::File { file, .. }
            | ImportError::Io { file, .. } => file,
        }
    }

    /// The message for a person, in their language.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ImportError::Rows { file, problems } => render_problems(file, problems, lang),
            ImportError::File { file, issue } => messages::file_issue_line(file, issue, lang),
            ImportError::Io { file, source } => messages::io_line(file, source, lang),
        }
    }
}

/// The message for a refused file: a first line with the count of bad rows,
/// then one line per problem,
/// `<file>:<row>: cột «<column>»: «<value>» — <explanation>`.
pub fn render_problems(file: &str, problems: &[RowProblem], lang: Lang) -> String {
    messages::render_problems(file, problems, lang)
}

/// Names the columns of problems found by the service (which knows
/// columns by their English names: `manager_code`, `login`) as the file
/// writes them (`Mã người quản lý`), so that the person finds the cell. The
/// file's header is read again: this runs only when a file is refused.
pub fn name_columns(path: &Path, kind: FileKind, problems: &mut [RowProblem]) {
    let Some(map) = table::read_header(path).and_then(|h| ColumnMap::new(kind, &h).ok()) else {
        return;
    };
    for p in problems {
        if let Some(h) = map.header(&p.column) {
            p.column = h.to_owned();
        }
    }
}

/// Reads and parses a staff file.
pub fn read_staff(path: &Path) -> Result<Vec<Numbered<StaffRecord>>, ImportError> {
    let mut records = Vec::new();
    stream_staff(path, &mut |batch| {
        records.extend(batch);
        true
    })?;
    Ok(records)
}

/// Reads and parses a ratings file.
pub fn read_ratings(path: &Path) -> Result<Vec<Numbered<RatingRecord>>, ImportError> {
    let table = read_table(path)?;
    parse_ratings(&table).map_err(|problems| ImportError::Rows {
        file: table.file,
        problems,
    })
}

/// Reads and parses a marks file.
pub fn read_marks(path: &Path) -> Result<Vec<Numbered<MarkRecord>>, ImportError> {
    let table = read_table(path)?;
    parse_marks(&table).map_err(|problems| ImportError::Rows {
        file: table.file,
        problems,
    })
}
