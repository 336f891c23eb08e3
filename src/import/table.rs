//! A `.csv` or `.xlsx` file as a header row and numbered rows of trimmed NFC
//! text — the one shape every import parses.

use super::{FileIssue, ImportError};
use crate::domain::records::{Problem, RowProblem};
use calamine::{Data, Reader, Xlsx};
use std::path::Path;
use unicode_normalization::IsNormalized;

/// Files over this size are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Cells over this many characters are refused ([`Problem::BadText`]).
pub const MAX_CELL_CHARS: usize = 10_000;

/// How much of an overlong cell a problem repeats.
const OVERLONG_SHOWN_CHARS: usize = 100;

/// An input file read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file as the caller named it, for messages.
    pub file: String,
    /// The header's row number: 1, unless the file starts with blank rows.
    pub header_row: usize,
    /// The header row's cells, trimmed and NFC (empty where a column has no
    /// header).
    pub headers: Vec<String>,
    /// The non-empty rows after the header, each with its 1-based row number
    /// in the file as a spreadsheet shows it. Cells are trimmed and NFC; a row
    /// may be shorter or longer than the header.
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The cell of `row` under column `col`, empty if the row is short.
    pub fn cell(row: &[String], col: usize) -> &str {
        row.get(col).map_or("", String::as_str)
    }
}

/// Reads a `.csv` (UTF-8 with or without BOM, UTF-16 with BOM; comma,
/// semicolon or tab) or `.xlsx` (first worksheet) file, chosen by extension.
///
/// Text a file cannot carry — control characters such as NUL, or a cell over
/// [`MAX_CELL_CHARS`] — is refused with one [`Problem::BadText`] per cell.
pub fn read_table(path: &Path) -> Result<Table, ImportError> {
    let mut table = Collect::default();
    read_rows(path, &mut table)?;
    let Some(mut out) = table.header else {
        // read_rows refuses a file without a header row.
        return Err(ImportError::File {
            file: path.display().to_string(),
            issue: FileIssue::Empty,
        });
    };
    out.rows = table.rows;
    Ok(out)
}

/// What [`read_rows`] hands a file's rows to, as it reads them.
pub trait RowSink {
    /// The header row, before any other: a [`Table`] without rows.
    fn header(&mut self, header: &Table);
    /// A non-empty row after the header, its cells trimmed and NFC. Rows
    /// stop coming after a cell of text a file cannot carry: the file is
    /// refused for it.
    fn row(&mut self, row: usize, cells: Vec<String>);
}

/// Gathers the rows into a [`Table`] (or only its header).
#[derive(Default)]
struct Collect {
    header: Option<Table>,
    rows: Vec<(usize, Vec<String>)>,
    header_only: bool,
}

impl RowSink for Collect {
    fn header(&mut self, header: &Table) {
        self.header = Some(header.clone());
    }

    fn row(&mut self, row: usize, cells: Vec<String>) {
        if !self.header_only {
            self.rows.push((row, cells));
        }
    }
}

/// The file's header row, as a [`Table`] without rows, if the file has one
/// that can be read (whatever its rows hold).
pub fn read_header(path: &Path) -> Option<Table> {
    let mut table = Collect {
        header_only: true,
        ..Collect::default()
    };
    // A refusal for the rows leaves the header read.
    let _ = read_rows(path, &mut table);
    table.header
}

/// [`read_table`], handing each row to `sink` as soon as it is read
/// instead of keeping the whole table: an import can check and write the
/// first rows while the last are still being read.
pub fn read_rows(path: &Path, sink: &mut dyn RowSink) -> Result<(), ImportError> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = match ext.as_str() {
        "csv" => Format::Csv,
        "xlsx" => Format::Xlsx,
        _ => {
            return Err(ImportError::File {
                file,
                issue: FileIssue::UnsupportedExtension { ext },
            });
        }
    };
    let io = |source| ImportError::Io {
        file: file.clone(),
        source,
    };
    let bytes = std::fs::metadata(path).map_err(io)?.len();
    if bytes > MAX_FILE_BYTES {
        return Err(ImportError::File {
            file,
            issue: FileIssue::TooLarge { bytes },
        });
    }
    let mut builder = Builder {
        file: file.clone(),
        header: None,
        problems: Vec::new(),
        sink,
    };
    let read = match format {
        Format::Csv => {
            let data = std::fs::read(path).map_err(io)?;
            decode(data).map(|text| csv_rows(&text, &mut builder))
        }
        Format::Xlsx => xlsx_rows(path, &mut builder),
    };
    if let Err(issue) = read {
        return Err(ImportError::File {
            file: builder.file,
            issue,
        });
    }
    builder.finish()
}

enum Format {
    Csv,
    Xlsx,
}

/// The text of a CSV file, whatever Excel saved it as.
fn decode(mut data: Vec<u8>) -> Result<String, FileIssue> {
    if data.starts_with(b"\xEF\xBB\xBF") {
        data.drain(..3);
        return utf8(data);
    }
    match data.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        // UTF-16 without a BOM: a header starts with a letter, so an ASCII
        // byte beside a zero byte gives it away (and would otherwise pass as
        // UTF-8 full of NULs).
        [a, 0, ..] if *a != 0 => utf16(&data, u16::from_le_bytes),
        [0, b, ..] if *b != 0 => utf16(&data, u16::from_be_bytes),
        _ => utf8(data),
    }
}

fn utf8(data: Vec<u8>) -> Result<String, FileIssue> {
    String::from_utf8(data).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..valid).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        FileIssue::NotUtf8 { line }
    })
}

fn utf16(data: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, FileIssue> {
    let (pairs, rest) = data.as_chunks::<2>();
    if !rest.is_empty() {
        return Err(FileIssue::BadUtf16);
    }
    let units: Vec<u16> = pairs.iter().map(|&p| unit(p)).collect();
    String::from_utf16(&units).map_err(|_| FileIssue::BadUtf16)
}

fn csv_rows(text: &str, out: &mut Builder) {
    // Classic Mac Excel ends lines with a lone CR, which csv reads as a line
    // end without counting it as a line; a LF instead keeps row numbers true.
    // (CRLF, what Excel writes today, is counted right as it is.)
    let bytes = text.as_bytes();
    let lone_cr = text
        .match_indices('\r')
        .any(|(i, _)| bytes.get(i + 1) != Some(&b'\n'));
    let text = if lone_cr {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    // A spreadsheet shows a quoted cell that spans lines as one row, and a
    // blank line as a row: a record's row is the line it ends on less the
    // line breaks inside its cells and those of earlier records. (The line
    // csv gives a record is where the reader stood before skipping blank
    // lines, so it cannot be used as is.)
    let mut breaks_in_cells = 0usize;
    let mut record = csv::StringRecord::new();
    // The text is valid UTF-8 and the reader flexible, so csv has nothing
    // to refuse; an error can only be the end.
    while let Ok(true) = reader.read_record(&mut record) {
        let end = reader.position();
        let consumed = text
            .as_bytes()
            .get(..end.byte() as usize)
            .unwrap_or_default();
        // The line count includes the record's own LF once it is consumed.
        let end_line =
            (end.line() as usize).saturating_sub(usize::from(consumed.last() == Some(&b'\n')));
        breaks_in_cells += record.as_slice().bytes().filter(|&b| b == b'\n').count();
        let row = end_line.saturating_sub(breaks_in_cells).max(1);
        out.push(row, record.iter().map(str::to_owned).collect());
    }
}

/// The delimiter that splits the header line into the most fields, outside
/// quotes; a comma on a tie or when there is only one column.
fn delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if quoted => {}
            b => {
                for (d, n) in &mut counts {
                    if b == *d {
                        *n += 1;
                    }
                }
            }
        }
    }
    let mut best = counts[0];
    for c in counts {
        if c.1 > best.1 {
            best = c;
        }
    }
    best.0
}

fn xlsx_rows(path: &Path, out: &mut Builder) -> Result<(), FileIssue> {
    let mut book: Xlsx<std::io::BufReader<std::fs::File>> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| FileIssue::Workbook {
            message: e.to_string(),
        })?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(FileIssue::NoSheet)?
        .map_err(|e| FileIssue::Workbook {
            message: e.to_string(),
        })?;
    // The range starts at the sheet's first used cell; rows and columns keep
    // their sheet positions through that offset.
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    for (i, cells) in range.rows().enumerate() {
        out.push(first_row + i + 1, cells.iter().map(cell_text).collect());
    }
    Ok(())
}

/// A cell as a person reads it in Excel: whole numbers without `.0`, dates as
/// dd/mm/yyyy, booleans as 1/0, errors as `#N/A` and the like.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(dt) if dt.is_duration() => number_text(dt.as_f64()),
        Data::DateTime(dt) => {
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            if dt.as_f64() < 1.0 {
                format!("{hh:02}:{mm:02}:{ss:02}")
            } else {
                format!("{d:02}/{m:02}/{y:04}")
            }
        }
        Data::DateTimeIso(s) => iso_date_text(s),
        Data::DurationIso(s) => s.clone(),
    }
}

fn number_text(f: f64) -> String {
    // Exact for whole numbers up to 2^53, beyond which no cell is a count.
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// `2026-01-05` or `2026-01-05T08:00:00` → `05/01/2026`; other text as is.
fn iso_date_text(s: &str) -> String {
    let date = s.split('T').next().unwrap_or(s);
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => s.to_owned(),
    }
}

/// Takes rows as a reader produces them: trims and normalises every cell,
/// takes the first non-empty row as the header, drops blank rows, notes
/// text a file cannot carry, and hands the rest to the sink.
struct Builder<'s> {
    file: String,
    header: Option<Vec<String>>,
    problems: Vec<RowProblem>,
    sink: &'s mut dyn RowSink,
}

impl Builder<'_> {
    fn push(&mut self, row: usize, mut cells: Vec<String>) {
        for cell in &mut cells {
            clean(cell);
        }
        if cells.iter().all(String::is_empty) {
            return;
        }
        let headers = self.header.as_ref().unwrap_or(&cells);
        let before = self.problems.len();
        for (col, cell) in cells.iter().enumerate() {
            if let Some(value) = unreadable(cell) {
                self.problems.push(RowProblem {
                    row,
                    column: Table::cell(headers, col).to_owned(),
                    value,
                    problem: Problem::BadText,
                });
            }
        }
        if self.header.is_none() {
            if self.problems.len() == before {
                self.sink.header(&Table {
                    file: self.file.clone(),
                    header_row: row,
                    headers: cells.clone(),
                    rows: Vec::new(),
                });
            }
            self.header = Some(cells);
        } else if self.problems.is_empty() {
            self.sink.row(row, cells);
        }
    }

    fn finish(self) -> Result<(), ImportError> {
        if self.header.is_none() {
            return Err(ImportError::File {
                file: self.file,
                issue: FileIssue::Empty,
            });
        }
        if !self.problems.is_empty() {
            return Err(ImportError::Rows {
                file: self.file,
                problems: self.problems,
            });
        }
        Ok(())
    }
}

/// Trims the cell and makes it NFC, with line breaks as LF; most cells are
/// ASCII or already NFC and are left where they are.
fn clean(cell: &mut String) {
    if cell.contains('\r') {
        *cell = cell.replace("\r\n", "\n").replace('\r', "\n");
    }
    let trimmed = cell.trim();
    let normal = trimmed.is_ascii()
        || unicode_normalization::is_nfc_quick(trimmed.chars()) == IsNormalized::Yes;
    if !normal {
        *cell = crate::text::nfc(trimmed).trim().to_owned();
    } else if trimmed.len() != cell.len() {
        *cell = trimmed.to_owned();
    }
}

/// The value to report if a cell cannot be imported: a control character
/// (NUL, escape sequences; tabs and line breaks are text), or too long.
fn unreadable(cell: &str) -> Option<String> {
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let has_control = if cell.is_ascii() {
        cell.bytes().any(|b| control(char::from(b)))
    } else {
        cell.chars().any(control)
    };
    // A char takes at least one byte: short text needs no counting.
    let too_long = cell.len() > MAX_CELL_CHARS && cell.chars().count() > MAX_CELL_CHARS;
    if has_control {
        Some(cell.to_owned())
    } else if too_long {
        let shown: String = cell.chars().take(OVERLONG_SHOWN_CHARS).collect();
        Some(format!("{shown}…"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_the_one_that_splits_the_header_most() {
        assert_eq!(delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(delimiter("a\tb\tc"), b'\t');
        assert_eq!(delimiter("code"), b',');
    }

    fn row_numbers(text: &str) -> Vec<usize> {
        let mut table = Collect::default();
        let mut b = Builder {
            file: "t.csv".into(),
            header: None,
            problems: Vec::new(),
            sink: &mut table,
        };
        csv_rows(text, &mut b);
        let header = table.header.map(|t| t.header_row);
        header
            .into_iter()
            .chain(table.rows.iter().map(|(row, _)| *row))
            .collect()
    }

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        assert_eq!(row_numbers("h\na\nb\n"), [1, 2, 3]);
        assert_eq!(
            row_numbers("h\na\nb"),
            [1, 2, 3],
            "no line break at the end"
        );
        assert_eq!(
            row_numbers("\n\nh\n\na\n\n\nb\n"),
            [3, 5, 8],
            "blank lines count"
        );
        assert_eq!(
            row_numbers("h,x\n\"one\ntwo\nthree\",1\nb,2\n"),
            [1, 2, 3],
            "a cell over three lines is one row"
        );
        assert_eq!(row_numbers("h\r\na\r\n\r\nb\r\n"), [1, 2, 4]);
        assert_eq!(
            row_numbers("h\ra\r\rb\r"),
            [1, 2, 4],
            "classic Mac line ends"
        );
        assert_eq!(row_numbers("h,x\r\n\"a\r\nb\",1\r\n\r\nc,2"), [1, 2, 4]);
    }

    #[test]
    fn whole_numbers_lose_their_point_zero() {
        assert_eq!(number_text(2026.0), "2026");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(0.5), "0.5");
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
        let le: Vec<u8> = "code\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(le).unwrap(), "code\n");
        let be: Vec<u8> = "code\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(be).unwrap(), "code\n");
    }

    #[test]
    fn invalid_utf8_names_the_line_of_the_first_bad_byte() {
        assert_eq!(
            decode(b"code\nA1\n\xE0 b\n".to_vec()),
            Err(FileIssue::NotUtf8 { line: 3 })
        );
    }
}
