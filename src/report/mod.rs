//! The official forms of 003 (Kế hoạch 05-KH/BCN, the forms at its end) as
//! XLSX, CSV and Markdown: Mẫu 01 (bản cam kết), 02 (danh sách ký cam kết),
//! 03A/03B (phiếu đánh giá), 04 (thông báo), 05A (khen thưởng định kỳ) and
//! 05B (khen thưởng đột xuất). See `docs/REPORTS.md` for the layouts and the
//! choices behind them.
//!
//! The forms read only through [`Service`] — `status`, `commend_quarter`,
//! `commend_year`, `checklist` and the commitment roll — so what a form says
//! always agrees with `danhgia status` and `danhgia commend`, and a person
//! only gets the forms of the people they may see.
//!
//! Each form is first built as a format-free [`layout::Document`] (header
//! block, title, body, signatures), then rendered by one of the writers.

mod checklist;
mod commitment;
mod common;
mod csv_out;
mod layout;
mod lists;
mod markdown;
mod text;
mod xlsx;

use crate::domain::Quarter;
use crate::i18n::Lang;
use crate::outfile::{self, OutFileError, Replace};
use crate::service::{Service, ServiceError};
use chrono::NaiveDate;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use text::{csv_safe, sheet_names};

/// Which form (mẫu) of 003.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormId {
    /// Mẫu 01 — bản cam kết: one person's yearly commitment, one per person.
    Commitment,
    /// Mẫu 02 — danh sách CBCCVC, NLĐ ký cam kết (a year).
    CommitmentList,
    /// Mẫu 03A/03B — phiếu đánh giá: one checklist per person (a quarter);
    /// 03A for leaders, 03B for everyone else.
    Checklist,
    /// Mẫu 04 — thông báo: who passed in a quarter or a year, with the counts.
    Notice,
    /// Mẫu 05A — periodic commendation list (khen thưởng định kỳ), quarter or year.
    PeriodicCommendation,
    /// Mẫu 05B — ad-hoc commendation list (khen thưởng đột xuất).
    AdhocCommendation,
}

impl FormId {
    pub const ALL: [FormId; 6] = [
        FormId::Commitment,
        FormId::CommitmentList,
        FormId::Checklist,
        FormId::Notice,
        FormId::PeriodicCommendation,
        FormId::AdhocCommendation,
    ];

    /// The form's number as the CLI and the plan write it: `01` … `05B`.
    pub fn code(self) -> &'static str {
        match self {
            FormId::Commitment => "01",
            FormId::CommitmentList => "02",
            FormId::Checklist => "03",
            FormId::Notice => "04",
            FormId::PeriodicCommendation => "05A",
            FormId::AdhocCommendation => "05B",
        }
    }

    /// A short description, for the TUI's command palette.
    pub fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FormId::Commitment, Lang::Vi) => "Bản cam kết (mẫu 01)",
            (FormId::Commitment, Lang::En) => "Commitment (form 01)",
            (FormId::CommitmentList, Lang::Vi) => "Danh sách ký cam kết (mẫu 02)",
            (FormId::CommitmentList, Lang::En) => "Commitment list (form 02)",
            (FormId::Checklist, Lang::Vi) => "Phiếu đánh giá (mẫu 03A/03B)",
            (FormId::Checklist, Lang::En) => "Checklists (form 03A/03B)",
            (FormId::Notice, Lang::Vi) => "Thông báo kết quả (mẫu 04)",
            (FormId::Notice, Lang::En) => "Notice of results (form 04)",
            (FormId::PeriodicCommendation, Lang::Vi) => "Đề nghị khen thưởng định kỳ (mẫu 05A)",
            (FormId::PeriodicCommendation, Lang::En) => "Periodic commendation (form 05A)",
            (FormId::AdhocCommendation, Lang::Vi) => "Đề nghị khen thưởng đột xuất (mẫu 05B)",
            (FormId::AdhocCommendation, Lang::En) => "Ad-hoc commendation (form 05B)",
        }
    }
}

impl fmt::Display for FormId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Not a form number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a form; use 01, 02, 03, 04, 05A or 05B")]
pub struct BadForm(pub String);

impl FromStr for FormId {
    type Err = BadForm;

    /// Accepts `01`, `1`, `05a`, `05A`, `03A`/`03B` (both mean form 03).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_uppercase();
        let t = t.strip_prefix("MAU").unwrap_or(&t).trim();
        let t = t.strip_prefix('0').unwrap_or(t);
        match t {
            "1" => Ok(FormId::Commitment),
            "2" => Ok(FormId::CommitmentList),
            "3" | "3A" | "3B" => Ok(FormId::Checklist),
            "4" => Ok(FormId::Notice),
            "5A" => Ok(FormId::PeriodicCommendation),
            "5B" => Ok(FormId::AdhocCommendation),
            _ => Err(BadForm(s.to_owned())),
        }
    }
}

/// The file format, taken from the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    /// `.xlsx`: the printable form, one sheet per person for 01 and 03.
    Xlsx,
    /// `.csv`: the body table only, UTF-8 with BOM.
    Csv,
    /// `.md`: the whole form as Markdown.
    Markdown,
}

impl ReportFormat {
    /// The format of `path` by its extension (any case), if known.
    pub fn from_path(path: &Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(ReportFormat::Xlsx),
            "csv" => Some(ReportFormat::Csv),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Csv => "csv",
            ReportFormat::Markdown => "md",
        }
    }
}

/// The period a form covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportScope {
    Quarter(Quarter),
    Year(i32),
}

impl ReportScope {
    pub fn year(self) -> i32 {
        match self {
            ReportScope::Quarter(q) => q.year,
            ReportScope::Year(y) => y,
        }
    }
}

impl fmt::Display for ReportScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportScope::Quarter(q) => write!(f, "{q}"),
            ReportScope::Year(y) => write!(f, "{y}"),
        }
    }
}

/// What else a form depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Only this unit (exact name, or the one unit whose name matches it
    /// ignoring case and diacritics). `None`: everyone the actor may see.
    pub unit: Option<String>,
    /// The date of the place-and-date line ("Long Biên, ngày 25 tháng 9 năm
    /// 2026"); `None` is today. Form 01 is dated by each signing date instead.
    pub date: Option<NaiveDate>,
}

/// How much a form holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportCounts {
    /// The people the form covers (its "tổng số" where it has one).
    pub people: usize,
    /// The people listed in its body: those who signed (01, 02), whose
    /// checklist is printed (03), who passed (04), who are proposed (05A, 05B).
    pub listed: usize,
    /// Sections: one per person for 01 and 03 (sheets in XLSX), else 1.
    pub sections: usize,
}

/// A form rendered in memory.
#[derive(Debug, Clone)]
pub struct RenderedReport {
    pub bytes: Vec<u8>,
    pub counts: ReportCounts,
}

/// What [`write_report`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    pub path: PathBuf,
    pub form: FormId,
    pub format: ReportFormat,
    pub scope: ReportScope,
    pub counts: ReportCounts,
}

impl ReportSummary {
    /// One line for a person: what was written where.
    pub fn describe(&self, lang: Lang) -> String {
        let c = self.counts;
        match lang {
            Lang::Vi => format!(
                "Đã ghi mẫu {} ({}) vào {}: {} người, {} trong danh sách, {} phần",
                self.form,
                self.scope,
                self.path.display(),
                c.people,
                c.listed,
                c.sections
            ),
            Lang::En => format!(
                "Wrote form {} ({}) to {}: {} people, {} listed, {} sections",
                self.form,
                self.scope,
                self.path.display(),
                c.people,
                c.listed,
                c.sections
            ),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The output file's extension names no format.
    #[error("{}: unknown report format; use .xlsx, .csv or .md", .0.display())]
    UnknownFormat(PathBuf),
    /// Form 03 is per quarter.
    #[error("form {0} is per quarter; give --quarter")]
    NeedsQuarter(FormId),
    /// The year is outside what a quarter can be.
    #[error("{0} is not a year")]
    BadYear(i32),
    /// No unit by that name among those the actor may see.
    #[error("no unit named {unit:?}")]
    UnknownUnit { unit: String, known: Vec<String> },
    /// A per-person form (01, 03) with nobody in scope.
    #[error("form {form}: nobody to print for {scope}")]
    Nobody { form: FormId, scope: ReportScope },
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("csv: {0}")]
    Csv(String),
    /// A form's own layout is inconsistent (a defect, caught by the tests).
    #[error("layout: {0}")]
    Layout(String),
    /// The file could not be created (its folder, rights, an existing file).
    #[error(transparent)]
    File(#[from] OutFileError),
}

impl ReportError {
    /// The refusal for a person, in their language.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReportError::UnknownFormat(p), Lang::Vi) => format!(
                "{}: không rõ định dạng; đặt tên tệp kết thúc bằng .xlsx, .csv hoặc .md",
                p.display()
            ),
            (ReportError::NeedsQuarter(f), Lang::Vi) => {
                format!("Mẫu {f} lập theo quý; hãy dùng --quarter (ví dụ 2026-Q3)")
            }
            (ReportError::BadYear(y), Lang::Vi) => format!("{y} không phải là một năm hợp lệ"),
            (ReportError::UnknownUnit { unit, known }, Lang::Vi) => {
                let mut s =
                    format!("Không có đơn vị nào tên \"{unit}\" trong phạm vi bạn được xem");
                if !known.is_empty() {
                    s.push_str(&format!("; các đơn vị gần giống: {}", known.join("; ")));
                }
                s
            }
            (ReportError::UnknownUnit { unit, known }, Lang::En) => {
                let mut s = format!("No unit named \"{unit}\" among those you may see");
                if !known.is_empty() {
                    s.push_str(&format!("; similar units: {}", known.join("; ")));
                }
                s
            }
            (ReportError::Nobody { form, scope }, Lang::Vi) => {
                format!("Mẫu {form}: không có ai trong phạm vi này ({scope})")
            }
            (ReportError::Service(e), lang) => crate::i18n::error_text(e, lang),
            (ReportError::File(e), lang) => e.text(lang),
            (e, _) => e.to_string(),
        }
    }
}

pub type Result<T, E = ReportError> = std::result::Result<T, E>;

/// The period a form really covers: the commitment forms (01, 02) are
/// yearly, so a quarter stands for its year.
pub fn effective_scope(form: FormId, scope: ReportScope) -> ReportScope {
    match form {
        FormId::Commitment | FormId::CommitmentList => ReportScope::Year(scope.year()),
        _ => scope,
    }
}

/// Renders a form in memory (the TUI and the tests use this; the CLI
/// writes with [`write_report`]).
pub fn render_report(
    svc: &Service,
    form: FormId,
    scope: ReportScope,
    options: &ReportOptions,
    format: ReportFormat,
) -> Result<RenderedReport> {
    let scope = effective_scope(form, scope);
    let year = scope.year();
    if Quarter::new(year, 1).is_none() {
        return Err(ReportError::BadYear(year));
    }
    let ctx = common::Ctx::new(svc, scope, options)?;
    let doc = match form {
        FormId::Commitment => commitment::form01(&ctx)?,
        FormId::CommitmentList => commitment::form02(&ctx)?,
        FormId::Checklist => match scope {
            ReportScope::Quarter(q) => checklist::form03(&ctx, q)?,
            ReportScope::Year(_) => return Err(ReportError::NeedsQuarter(form)),
        },
        FormId::Notice => lists::form04(&ctx)?,
        FormId::PeriodicCommendation => lists::form05a(&ctx)?,
        FormId::AdhocCommendation => lists::form05b(&ctx)?,
    };
    if doc.sections.is_empty() {
        return Err(ReportError::Nobody { form, scope });
    }
    let bytes = match format {
        ReportFormat::Xlsx => xlsx::render(&doc)?,
        ReportFormat::Csv => csv_out::render(&doc)?,
        ReportFormat::Markdown => markdown::render(&doc).into_bytes(),
    };
    Ok(RenderedReport {
        bytes,
        counts: doc.counts,
    })
}

/// Writes a form to `out`, in the format its extension names. The file is
/// written whole or not at all, created new with mode 0600, never through a
/// symbolic link, over an existing file only if `replace` says so, and never
/// in a folder that does not exist ([`crate::outfile`]).
pub fn write_report(
    svc: &Service,
    form: FormId,
    scope: ReportScope,
    options: &ReportOptions,
    out: &Path,
    replace: Replace,
) -> Result<ReportSummary> {
    let format =
        ReportFormat::from_path(out).ok_or_else(|| ReportError::UnknownFormat(out.to_owned()))?;
    if form == FormId::Checklist && matches!(scope, ReportScope::Year(_)) {
        return Err(ReportError::NeedsQuarter(form));
    }
    // The file's place is checked before the work, and again at the rename.
    outfile::check(out, replace)?;
    let rendered = render_report(svc, form, scope, options, format)?;
    outfile::write(out, &rendered.bytes, replace)?;
    Ok(ReportSummary {
        path: out.to_owned(),
        form,
        format,
        scope: effective_scope(form, scope),
        counts: rendered.counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_numbers_parse_as_people_write_them() {
        assert_eq!("01".parse::<FormId>().unwrap(), FormId::Commitment);
        assert_eq!("2".parse::<FormId>().unwrap(), FormId::CommitmentList);
        assert_eq!("03B".parse::<FormId>().unwrap(), FormId::Checklist);
        assert_eq!(
            "05a".parse::<FormId>().unwrap(),
            FormId::PeriodicCommendation
        );
        assert_eq!("05B".parse::<FormId>().unwrap(), FormId::AdhocCommendation);
        assert!("06".parse::<FormId>().is_err());
        for f in FormId::ALL {
            assert_eq!(f.code().parse::<FormId>().unwrap(), f);
        }
    }

    #[test]
    fn the_format_comes_from_the_extension() {
        assert_eq!(
            ReportFormat::from_path(Path::new("a/b.XLSX")),
            Some(ReportFormat::Xlsx)
        );
        assert_eq!(
            ReportFormat::from_path(Path::new("b.csv")),
            Some(ReportFormat::Csv)
        );
        assert_eq!(
            ReportFormat::from_path(Path::new("b.md")),
            Some(ReportFormat::Markdown)
        );
        assert_eq!(ReportFormat::from_path(Path::new("b.pdf")), None);
        assert_eq!(ReportFormat::from_path(Path::new("b")), None);
    }
}
