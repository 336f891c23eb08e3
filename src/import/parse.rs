//! Rows of a [`Table`] into records, collecting every problem of every row.
//!
//! Only what the file alone can tell is checked here: values, dates, within-
//! file duplicates and logins used twice. What needs the database (unknown
//! staff or manager, cycles through stored people, closed rounds, whether an
//! item belongs to the person's form) is the service's.

use super::FileKind;
use super::columns::{Cell, Column, ColumnMap};
use super::table::Table;
use crate::domain::checklist::{BadMark, parse_mark};
use crate::domain::quarter::{Month, Quarter};
use crate::domain::rating::{DISCIPLINE_MAX, LeaveWord, MonthEntry, MonthlyRating, Rating};
use crate::domain::records::{
    MarkRecord, MarkTarget, Numbered, Problem, RatingPeriod, RatingRecord, RowProblem, StaffRecord,
};
use crate::domain::reference::StaffKind;
use crate::domain::staff::{Employment, Staff, StaffGroup};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The values a rating may take, as a person reads them.
const RATING_CHOICES: &str = "HTXSNV, HTTNV, HTNV, KHTNV, A, B, C, D, Nghỉ cả tháng";
/// The groups of form 02.
const GROUP_CHOICES: &str = "CBLĐQL, CC, VC, NLĐ";
const KIND_CHOICES: &str = "leader/lãnh đạo, staff/nhân viên";
const FLAG_CHOICES: &str = "1/0, x, có/không";
const MARK_CHOICES: &str = "1/0, Đạt/Chưa đạt";
const QUARTER_CHOICES: &str = "YYYY-Qn (2026-Q3)";
const ITEM_CHOICES: &str = "I.1.1 … III.3.3, all";

/// Dates before this year are typing mistakes (a birth date of 0199).
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;

/// Reads a staff file. Codes are trimmed and compared case-sensitively; a
/// code or a login twice in the file is refused on its second row.
pub fn parse_staff(table: &Table) -> Result<Vec<Numbered<StaffRecord>>, Vec<RowProblem>> {
    let mut parser = StaffParser::new(table)?;
    let mut records = Vec::with_capacity(table.rows.len());
    for (row, cells) in &table.rows {
        records.extend(parser.row(*row, &mut cells.clone()));
    }
    parser.finish().map(|()| records)
}

/// [`parse_staff`] one row at a time, for rows read as a stream: the
/// columns resolved once from the header, the codes and logins seen so far
/// kept to refuse a second occurrence.
pub struct StaffParser {
    c: StaffColumns,
    codes: HashMap<String, usize>,
    /// login → the code of the row that has it.
    logins: HashMap<String, String>,
    out: Rows<StaffRecord>,
}

/// The staff file's columns, resolved once.
struct StaffColumns {
    birth_date: Column,
    code: Column,
    effective: Column,
    full_name: Column,
    grade: Column,
    group: Column,
    joined: Column,
    kind: Column,
    left: Column,
    login: Column,
    manager_code: Column,
    party_member: Column,
    position_code: Column,
    title: Column,
    unit: Column,
}

impl StaffParser {
    /// The parser for the file whose header `header` is (its rows are not
    /// read); the header's problems if a column is missing or doubled.
    pub fn new(header: &Table) -> Result<StaffParser, Vec<RowProblem>> {
        let map = ColumnMap::new(FileKind::Staff, header)?;
        let c = StaffColumns {
            birth_date: map.column("birth_date"),
            code: map.column("code"),
            effective: map.column("effective"),
            full_name: map.column("full_name"),
            grade: map.column("grade"),
            group: map.column("group"),
            joined: map.column("joined"),
            kind: map.column("kind"),
            left: map.column("left"),
            login: map.column("login"),
            manager_code: map.column("manager_code"),
            party_member: map.column("party_member"),
            position_code: map.column("position_code"),
            title: map.column("title"),
            unit: map.column("unit"),
        };
        Ok(StaffParser {
            c,
            codes: HashMap::new(),
            logins: HashMap::new(),
            out: Rows::default(),
        })
    }

    /// Whether some row so far had a problem.
    pub fn has_problems(&self) -> bool {
        !self.out.problems.is_empty()
    }

    /// The record of one row, or `None` with its problems kept for
    /// [`StaffParser::finish`]. The record's text is taken out of `cells`,
    /// not copied.
    pub fn row(&mut self, row: usize, cells: &mut [String]) -> Option<Numbered<StaffRecord>> {
        let (c, out) = (&self.c, &mut self.out);
        let before = out.problems.len();
        let code = out.take(row, c.code.cell(cells), present(c.code.cell(cells).value));
        let full_name = out.take(
            row,
            c.full_name.cell(cells),
            present(c.full_name.cell(cells).value),
        );
        let birth_date = out.take(
            row,
            c.birth_date.cell(cells),
            optional_date(c.birth_date.cell(cells).value),
        );
        let unit = out.take(row, c.unit.cell(cells), present(c.unit.cell(cells).value));
        let kind = out.take(
            row,
            c.kind.cell(cells),
            staff_kind(c.kind.cell(cells).value),
        );
        let group = out.take(
            row,
            c.group.cell(cells),
            staff_group(c.group.cell(cells).value),
        );
        let party_member = out.take(
            row,
            c.party_member.cell(cells),
            flag(c.party_member.cell(cells).value),
        );
        let joined = out.take(
            row,
            c.joined.cell(cells),
            optional_date(c.joined.cell(cells).value),
        );
        let left = out.take(
            row,
            c.left.cell(cells),
            optional_date(c.left.cell(cells).value),
        );
        let effective = out.take(
            row,
            c.effective.cell(cells),
            optional_date(c.effective.cell(cells).value),
        );

        if let (Some(Some(j)), Some(Some(l))) = (joined, left)
            && l < j
        {
            out.push(row, c.left.cell(cells), Problem::LeftBeforeJoined);
        }
        if code.is_some() {
            let code = c.code.cell(cells).value;
            // A repeated code names the earlier person as the manager, not
            // themselves: only a first occurrence can manage itself.
            let first = out.once(row, c.code.cell(cells), &mut self.codes, code.to_owned());
            if first && c.manager_code.cell(cells).value == code {
                out.push(row, c.manager_code.cell(cells), Problem::ManagerCycle);
            }
            let login = c.login.cell(cells).value;
            if !login.is_empty() {
                match self.logins.get(login) {
                    Some(by) => {
                        let by = by.clone();
                        out.push(row, c.login.cell(cells), Problem::LoginTaken { by });
                    }
                    None => {
                        self.logins.insert(login.to_owned(), code.to_owned());
                    }
                }
            }
        }

        if out.problems.len() > before {
            return None;
        }
        let ((), (), ()) = (code?, full_name?, unit?);
        // Each field has its own column: taking one leaves the others.
        Some(Numbered {
            row,
            record: StaffRecord {
                effective: effective?,
                staff: Staff {
                    code: c.code.take(cells),
                    full_name: c.full_name.take(cells),
                    birth_date: birth_date?,
                    title: c.title.take(cells),
                    unit: c.unit.take(cells),
                    kind: kind?,
                    group: group?,
                    party_member: party_member?,
                    manager_code: nonempty(c.manager_code.take(cells)),
                    login: nonempty(c.login.take(cells)),
                    position_code: nonempty(c.position_code.take(cells)),
                    grade: nonempty(c.grade.take(cells)),
                    employment: Employment {
                        joined: joined?,
                        left: left?,
                    },
                },
            },
        })
    }

    /// Every row's problems, in file order, if there were any.
    pub fn finish(self) -> Result<(), Vec<RowProblem>> {
        self.out.finish().map(|_| ())
    }
}

/// Reads a ratings file: one row per person and month, or per person and
/// year when the month is empty. A month needs its discipline score; the year
/// does not.
pub fn parse_ratings(table: &Table) -> Result<Vec<Numbered<RatingRecord>>, Vec<RowProblem>> {
    let map = ColumnMap::new(FileKind::Ratings, table)?;
    let mut out = Rows::default();
    let mut keys: HashMap<(&str, RatingPeriod), usize> = HashMap::new();
    for (row, cells) in &table.rows {
        let (row, before) = (*row, out.problems.len());
        let cell = |name| map.cell(cells, name);
        let code = out.take(row, cell("code"), required(cell("code").value));
        let year = out.take(row, cell("year"), year(cell("year").value));
        let month = out.take(row, cell("month"), month(cell("month").value));
        let monthly = !cell("month").value.is_empty();
        let entry = rating_entry(&mut out, row, &cell, monthly);

        let period = match (year, month) {
            (Some(year), Some(None)) => Some(RatingPeriod::Year(year)),
            (Some(year), Some(Some(month))) => Month::new(year, month).map(RatingPeriod::Month),
            _ => None,
        };
        if let (Some(_), Some(period)) = (&code, period) {
            out.once(row, cell("code"), &mut keys, (cell("code").value, period));
        }

        if out.problems.len() > before {
            continue;
        }
        if let (Some(code), Some(period), Some(entry)) = (code, period, entry) {
            out.records.push(Numbered {
                row,
                record: RatingRecord {
                    code,
                    period,
                    entry,
                },
            });
        }
    }
    out.finish()
}

/// What a ratings row says of its period: a rating with its discipline
/// score and `excused` flag, or a whole month on leave — written in the
/// rating cell (`Nghỉ thai sản`) or in the `leave` column. Every problem
/// is recorded against its cell; `None` if there was one.
fn rating_entry<'a>(
    out: &mut Rows<RatingRecord>,
    row: usize,
    cell: &impl Fn(&'static str) -> Cell<'a>,
    monthly: bool,
) -> Option<MonthEntry> {
    let rating = out.take(row, cell("rating"), rating_cell(cell("rating").value));
    let leave = out.take(row, cell("leave"), leave_flag(cell("leave").value));
    let excused = out.take(row, cell("excused"), excused_flag(cell("excused").value));
    let on_leave = |said_by: &'static str, out: &mut Rows<RatingRecord>| {
        let before = out.problems.len();
        if !monthly {
            out.push(row, cell(said_by), Problem::LeaveForYear);
        }
        if !cell("discipline").value.is_empty() {
            out.push(row, cell("discipline"), Problem::LeaveWithScore);
        }
        if excused == Some(true) {
            out.push(row, cell("excused"), Problem::LeaveWithScore);
        }
        (out.problems.len() == before).then_some(MonthEntry::Leave)
    };
    match (rating?, leave?) {
        (Some(RatingCell::Rated(_)), true) => {
            out.push(row, cell("rating"), Problem::LeaveWithRating);
            None
        }
        (Some(RatingCell::Rated(rating)), false) => {
            let discipline = out.take(
                row,
                cell("discipline"),
                discipline(cell("discipline").value, monthly),
            )?;
            Some(MonthEntry::Rated(MonthlyRating {
                rating,
                discipline,
                excused: excused?,
            }))
        }
        (Some(RatingCell::Leave), _) => on_leave("rating", out),
        (None, true) => on_leave("leave", out),
        (None, false) => {
            out.push(row, cell("rating"), Problem::Required);
            None
        }
    }
}

/// Reads a marks file: one row per person, quarter and item (or `all`), with
/// the self and review marks; an empty mark is unset.
pub fn parse_marks(table: &Table) -> Result<Vec<Numbered<MarkRecord>>, Vec<RowProblem>> {
    let map = ColumnMap::new(FileKind::Marks, table)?;
    let mut out = Rows::default();
    let mut keys: HashMap<(&str, Quarter, MarkTarget), usize> = HashMap::new();
    for (row, cells) in &table.rows {
        let (row, before) = (*row, out.problems.len());
        let cell = |name| map.cell(cells, name);
        let code = out.take(row, cell("code"), required(cell("code").value));
        let quarter = out.take(row, cell("quarter"), quarter(cell("quarter").value));
        let target = out.take(row, cell("item"), mark_target(cell("item").value));
        let self_mark = out.take(row, cell("self"), mark(cell("self").value));
        let review = out.take(row, cell("review"), mark(cell("review").value));

        if let (Some(_), Some(quarter), Some(target)) = (&code, quarter, &target) {
            out.once(
                row,
                cell("code"),
                &mut keys,
                (cell("code").value, quarter, target.clone()),
            );
        }

        if out.problems.len() > before {
            continue;
        }
        if let (Some(code), Some(quarter), Some(target), Some(self_mark), Some(review)) =
            (code, quarter, target, self_mark, review)
        {
            out.records.push(Numbered {
                row,
                record: MarkRecord {
                    code,
                    quarter,
                    target,
                    self_mark,
                    review,
                },
            });
        }
    }
    out.finish()
}

/// The records and problems gathered so far.
struct Rows<T> {
    records: Vec<Numbered<T>>,
    problems: Vec<RowProblem>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            records: Vec::new(),
            problems: Vec::new(),
        }
    }
}

impl<T> Rows<T> {
    /// The value, or `None` with the problem recorded against the cell.
    fn take<V>(&mut self, row: usize, cell: Cell<'_>, value: Result<V, Problem>) -> Option<V> {
        value.map_err(|problem| self.push(row, cell, problem)).ok()
    }

    fn push(&mut self, row: usize, cell: Cell<'_>, problem: Problem) {
        self.problems.push(RowProblem {
            row,
            column: cell.column.to_owned(),
            value: cell.value.to_owned(),
            problem,
        });
    }

    /// Records the key's first row and returns true, or a duplicate and
    /// returns false if the key was seen before.
    fn once<K: std::hash::Hash + Eq>(
        &mut self,
        row: usize,
        cell: Cell<'_>,
        seen: &mut HashMap<K, usize>,
        key: K,
    ) -> bool {
        match seen.get(&key) {
            Some(&first_row) => {
                self.push(row, cell, Problem::Duplicate { first_row });
                false
            }
            None => {
                seen.insert(key, row);
                true
            }
        }
    }

    fn finish(self) -> Result<Vec<Numbered<T>>, Vec<RowProblem>> {
        if self.problems.is_empty() {
            Ok(self.records)
        } else {
            Err(self.problems)
        }
    }
}

fn required(value: &str) -> Result<String, Problem> {
    if value.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(value.to_owned())
    }
}

/// A required cell has a value.
fn present(value: &str) -> Result<(), Problem> {
    if value.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(())
    }
}

fn nonempty(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// Letters and digits of the fold: how choice words are compared. Most
/// cells (`staff`, `0`, `1`) are that already and are not copied.
fn compact(value: &str) -> std::borrow::Cow<'_, str> {
    if value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return std::borrow::Cow::Borrowed(value);
    }
    if value.is_ascii() {
        return value
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
    }
    crate::text::fold(value)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Leader (27 items, form 03A) or not (18 items, form 03B). Besides the
/// SPEC's `leader|staff`: `lãnh đạo`, `LĐ`, `LĐQL`, `CBLĐQL` are leaders;
/// `nhân viên`, `NV`, `cán bộ`, `CB` and the non-leader groups (`CC`, `VC`,
/// `NLĐ`) are staff.
fn staff_kind(value: &str) -> Result<StaffKind, Problem> {
    match compact(value).as_ref() {
        "" => Err(Problem::Required),
        "leader" | "lanhdao" | "ld" | "ldql" | "lanhdaoquanly" | "cbldql" | "canbolanhdao"
        | "canbolanhdaoquanly" => Ok(StaffKind::Leader),
        "staff" | "nhanvien" | "nv" | "canbo" | "cb" | "cc" | "congchuc" | "vc" | "vienchuc"
        | "nld" | "nguoilaodong" => Ok(StaffKind::Staff),
        _ => Err(Problem::BadChoice {
            allowed: KIND_CHOICES.to_owned(),
        }),
    }
}

fn staff_group(value: &str) -> Result<StaffGroup, Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    StaffGroup::parse(value).ok_or_else(|| Problem::BadChoice {
        allowed: GROUP_CHOICES.to_owned(),
    })
}

/// A yes/no column (đảng viên, nghỉ phép/ốm): empty is no.
fn flag(value: &str) -> Result<bool, Problem> {
    match compact(value).as_ref() {
        "" | "0" | "khong" | "k" | "no" | "n" | "false" => Ok(false),
        "1" | "x" | "co" | "c" | "yes" | "y" | "true" => Ok(true),
        _ => Err(Problem::BadChoice {
            allowed: FLAG_CHOICES.to_owned(),
        }),
    }
}

/// A date as dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd;
/// empty is `None`.
fn optional_date(value: &str) -> Result<Option<NaiveDate>, Problem> {
    if value.is_empty() {
        return Ok(None);
    }
    parse_date(value).map(Some).ok_or(Problem::BadDate)
}

/// A date as the files write it (see `optional_date`), e.g. for
/// `--effective`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let sep = value.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '/' | '-' | '.') {
        return None;
    }
    let parts: Vec<&str> = value.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if [a, b, c]
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = match (a.len(), c.len()) {
        (4, 1..=2) => (a, b, c),
        (1..=2, 4) => (c, b, a),
        _ => return None,
    };
    if m.len() > 2 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

fn number(value: &str, min: i64, max: i64) -> Result<i64, Problem> {
    value
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or(Problem::BadNumber { min, max })
}

fn year(value: &str) -> Result<i32, Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    let n = number(value, i64::from(FIRST_YEAR), i64::from(LAST_YEAR))?;
    i32::try_from(n).map_err(|_| Problem::BadNumber {
        min: i64::from(FIRST_YEAR),
        max: i64::from(LAST_YEAR),
    })
}

/// 1–12, also written `07`, `T7` or `Tháng 7`; empty is the yearly rating.
fn month(value: &str) -> Result<Option<u8>, Problem> {
    if value.is_empty() {
        return Ok(None);
    }
    let c = compact(value);
    let digits = c
        .strip_prefix("thang")
        .or_else(|| c.strip_prefix('t'))
        .unwrap_or(&c);
    let n = number(digits, 1, 12).map_err(|_| Problem::BadNumber { min: 1, max: 12 })?;
    u8::try_from(n)
        .map(Some)
        .map_err(|_| Problem::BadNumber { min: 1, max: 12 })
}

/// What the rating cell of a ratings row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RatingCell {
    Rated(Rating),
    /// A whole month on leave written instead of a rating.
    Leave,
}

/// A rating, a whole-month leave word, or empty (`None`). A short absence
/// (`Nghỉ phép`, `Ốm đau`) is refused: such a month is rated and flagged
/// `excused`. `Đ` is refused: D is KHTNV, and Đạt is not a rating.
fn rating_cell(value: &str) -> Result<Option<RatingCell>, Problem> {
    if value.is_empty() {
        return Ok(None);
    }
    if matches!(value.trim_end_matches('.'), "Đ" | "đ") {
        return Err(Problem::AmbiguousRating);
    }
    if let Some(r) = Rating::parse(value) {
        return Ok(Some(RatingCell::Rated(r)));
    }
    match LeaveWord::parse(value) {
        Some(LeaveWord::WholeMonth) => Ok(Some(RatingCell::Leave)),
        Some(LeaveWord::Excused) => Err(Problem::ExcusedNotLeave),
        None => Err(Problem::BadChoice {
            allowed: RATING_CHOICES.to_owned(),
        }),
    }
}

/// A yes/no cell of a ratings file: [`flag`], but not the bare letter C,
/// which is HTNV in the same file.
fn ratings_flag(value: &str) -> Result<bool, Problem> {
    if compact(value) == "c" {
        return Err(Problem::AmbiguousFlag);
    }
    flag(value)
}

/// The `leave` column: yes/no, or the kind of whole-month leave written out
/// (`Thai sản`, `Không lương`). A short absence is refused, as in the rating
/// cell.
fn leave_flag(value: &str) -> Result<bool, Problem> {
    match LeaveWord::parse(value) {
        Some(LeaveWord::WholeMonth) => Ok(true),
        Some(LeaveWord::Excused) => Err(Problem::ExcusedNotLeave),
        None => ratings_flag(value),
    }
}

/// The `excused` column: yes/no, or the reason written out (`Nghỉ phép`,
/// `Ốm đau`). A whole month on leave is refused: it has no rating to excuse.
fn excused_flag(value: &str) -> Result<bool, Problem> {
    match LeaveWord::parse(value) {
        Some(LeaveWord::Excused) => Ok(true),
        Some(LeaveWord::WholeMonth) => Err(Problem::LeaveNotExcused),
        None => ratings_flag(value),
    }
}

/// 0–20 (also `18/20`); required for a month, optional for the year.
fn discipline(value: &str, monthly: bool) -> Result<Option<u8>, Problem> {
    let bad = || Problem::BadNumber {
        min: 0,
        max: i64::from(DISCIPLINE_MAX),
    };
    match value {
        "" if monthly => Err(Problem::Required),
        "" => Ok(None),
        v => {
            let v = v.strip_suffix("/20").map_or(v, str::trim);
            let n = number(v, 0, i64::from(DISCIPLINE_MAX)).map_err(|_| bad())?;
            u8::try_from(n).map(Some).map_err(|_| bad())
        }
    }
}

fn quarter(value: &str) -> Result<Quarter, Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    value.parse().map_err(|_| Problem::BadChoice {
        allowed: QUARTER_CHOICES.to_owned(),
    })
}

/// `all` / `tất cả`, or an item id `<I|II|III>.<digit>.<digit>` (roman part
/// in any case, stored upper case). Whether the item is on the person's form
/// is the service's to check.
fn mark_target(value: &str) -> Result<MarkTarget, Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    if matches!(compact(value).as_ref(), "all" | "tatca") {
        return Ok(MarkTarget::All);
    }
    let id = value.to_ascii_uppercase();
    let parts: Vec<&str> = id.split('.').collect();
    let single_digit = |p: &str| p.len() == 1 && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [section, criterion, item]
            if matches!(*section, "I" | "II" | "III")
                && single_digit(criterion)
                && single_digit(item) =>
        {
            Ok(MarkTarget::Item(id))
        }
        _ => Err(Problem::BadChoice {
            allowed: ITEM_CHOICES.to_owned(),
        }),
    }
}

fn mark(value: &str) -> Result<Option<bool>, Problem> {
    parse_mark(value).map_err(|e| match e {
        BadMark::RatingLetter => Problem::AmbiguousMark,
        BadMark::NotAMark => Problem::BadChoice {
            allowed: MARK_CHOICES.to_owned(),
        },
    })
}

// ---- shared with the KPI files (`super::kpi`) ----

/// A date as every file writes it (see `optional_date`).
pub(super) fn date_cell(value: &str) -> Result<Option<NaiveDate>, Problem> {
    optional_date(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_read_day_first_or_iso() {
        assert_eq!(parse_date("05/01/1990"), d(1990, 1, 5));
        assert_eq!(parse_date("5/1/1990"), d(1990, 1, 5));
        assert_eq!(parse_date("05-01-1990"), d(1990, 1, 5));
        assert_eq!(parse_date("05.01.1990"), d(1990, 1, 5));
        assert_eq!(parse_date("1990-01-05"), d(1990, 1, 5));
        for bad in [
            "31/02/1990",
            "05/01/90",
            "1990",
            "05/01-1990",
            "0199-01-05",
            "a/b/c",
            "05/13/1990",
            "05//1990",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn item_ids_are_roman_section_and_two_digits_or_all() {
        assert_eq!(mark_target("II.2.4"), Ok(MarkTarget::Item("II.2.4".into())));
        assert_eq!(
            mark_target("iii.3.3"),
            Ok(MarkTarget::Item("III.3.3".into()))
        );
        assert_eq!(mark_target("Tất cả"), Ok(MarkTarget::All));
        for bad in ["IV.1.1", "II.2", "II.12.1", "2.2.4", "II.2.4.1"] {
            assert!(mark_target(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn months_read_as_people_write_them() {
        assert_eq!(month("7"), Ok(Some(7)));
        assert_eq!(month("07"), Ok(Some(7)));
        assert_eq!(month("T7"), Ok(Some(7)));
        assert_eq!(month("Tháng 12"), Ok(Some(12)));
        assert_eq!(month(""), Ok(None));
        assert_eq!(month("13"), Err(Problem::BadNumber { min: 1, max: 12 }));
    }

    #[test]
    fn discipline_may_be_written_out_of_twenty() {
        assert_eq!(discipline("18/20", true), Ok(Some(18)));
        assert_eq!(
            discipline("21", true),
            Err(Problem::BadNumber { min: 0, max: 20 })
        );
    }
}
