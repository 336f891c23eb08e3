//! Rows of the import files (SPEC section 6), parsed and checked but not yet
//! stored. The demo generator produces the same rows, so both go through the
//! same service path.

use super::quarter::{Month, Quarter};
use super::rating::MonthEntry;
use super::staff::{Employment, Staff};
use serde::{Deserialize, Serialize};

/// A row of the staff file: a whole [`Staff`] record, and the date from
/// which a change of its manager, unit, kind or title takes effect (the
/// `effective` column; `None`: the import's own date, see
/// `Service::import_staff_batches_on`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRecord {
    pub staff: Staff,
    pub effective: Option<chrono::NaiveDate>,
}

impl From<Staff> for StaffRecord {
    fn from(staff: Staff) -> StaffRecord {
        StaffRecord {
            staff,
            effective: None,
        }
    }
}

/// What a rating row is about: one month, or the whole year (month empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RatingPeriod {
    Month(Month),
    Year(i32),
}

impl RatingPeriod {
    /// Whether a person with this employment may have a rating (or a leave)
    /// for the period: employed on at least one day of it. A partial month
    /// may be rated; a month before `joined`'s or after `left`'s may not.
    pub fn employed_in(self, e: Employment) -> bool {
        match self {
            RatingPeriod::Month(m) => e.employed_in_month(m),
            RatingPeriod::Year(y) => e.employed_in_year(y),
        }
    }
}

/// A row of the ratings file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRecord {
    pub code: String,
    pub period: RatingPeriod,
    /// The rating (its discipline score required for a month, optional for
    /// the year), or a whole month on leave (never the year).
    pub entry: MonthEntry,
}

/// Which items a marks row sets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MarkTarget {
    /// `all`: every item of the person's checklist.
    All,
    /// One item id such as `II.2.4`.
    Item(String),
}

/// A row of the marks file (a paper checklist typed in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkRecord {
    pub code: String,
    pub quarter: Quarter,
    pub target: MarkTarget,
    pub self_mark: Option<bool>,
    pub review: Option<bool>,
}

/// A marks row may also carry a note (from the TUI or the demo; the marks
/// file has no note column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkNote {
    pub code: String,
    pub quarter: Quarter,
    pub item: String,
    pub note: String,
}

/// The state and the authority's flags of one checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistRecord {
    pub code: String,
    pub quarter: Quarter,
    pub state: super::checklist::ChecklistState,
    /// Marked outstanding by the authority (ad-hoc commendation, form 05B).
    pub outstanding: bool,
    /// Trích ngang thành tích.
    pub achievement: Option<String>,
    /// The note of a return for revision.
    pub return_note: Option<String>,
}

/// A yearly commitment (bản cam kết, form 01).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentRecord {
    pub code: String,
    pub year: i32,
    pub signed_on: chrono::NaiveDate,
    /// Đạo đức công vụ.
    pub focus_ethics: String,
    /// Hoạt động công vụ.
    pub focus_work: String,
    /// Phong cách lãnh đạo (leaders only).
    pub focus_leadership: Option<String>,
}

/// A record with the row of the file it came from (1-based, the header
/// being row 1), so that a refusal can say where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered<T> {
    pub row: usize,
    pub record: T,
}

/// One thing wrong with one row of an input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// 1-based row in the file (the header is row 1); 0 for the file itself.
    pub row: usize,
    /// The column's header as the file writes it, or the field name.
    pub column: String,
    /// The offending value as read.
    pub value: String,
    pub problem: Problem,
}

/// What is wrong with a value. Front ends render it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// A required column is missing from the header row.
    MissingColumn,
    /// A required value is empty.
    Required,
    /// Not a date as dd/mm/yyyy.
    BadDate,
    /// Not a whole number within the bounds.
    BadNumber { min: i64, max: i64 },
    /// Not one of the allowed values (listed for the person).
    BadChoice { allowed: String },
    /// The same key appears on an earlier row.
    Duplicate { first_row: usize },
    /// No staff member has this code (in the file or the database).
    UnknownStaff,
    /// The manager code names nobody.
    UnknownManager,
    /// A person cannot be their own manager, directly or through others.
    ManagerCycle,
    /// The manager links would loop on this date (A manages B manages A),
    /// with the changes dated before it: the staff record's history may not.
    ManagerCycleOn { date: String },
    /// A change of manager, unit, kind or title dated before the person
    /// joined.
    ChangeBeforeJoined,
    /// A change dated before the person's last recorded change (`last`):
    /// changes are recorded in date order.
    ChangeBeforeLastChange { last: String },
    /// A change dated on or before the end of a closed round's quarter,
    /// whose results it would change.
    ChangeInClosedRound { quarter: String },
    /// Not an item of this person's checklist (03A / 03B).
    UnknownItem { form: String },
    /// The login is already used by another person.
    LoginTaken { by: String },
    /// The round of this quarter is closed.
    RoundClosed { quarter: String },
    /// The left date is before the joined date.
    LeftBeforeJoined,
    /// A review mark on an item with no self mark (the self-assessment
    /// comes first, 003 Bước 3).
    ReviewWithoutSelf,
    /// A value the file format cannot carry (e.g. a NUL byte, or too long).
    BadText,
    /// Longer than its field may be (`domain::limits`), in characters.
    TooLong { max: usize },
    /// A short absence (nghỉ phép, ốm đau) where a rating or a whole month
    /// on leave is expected: such a month is rated (HTNV) and flagged
    /// `excused`, never left without a rating.
    ExcusedNotLeave,
    /// A whole month on leave (thai sản, ốm dài ngày, không lương) in the
    /// `excused` column, which flags a rating.
    LeaveNotExcused,
    /// A row gives both a rating and a whole month on leave.
    LeaveWithRating,
    /// A discipline score or the `excused` flag on a month on leave.
    LeaveWithScore,
    /// Leave is for a month; the yearly rating is a rating.
    LeaveForYear,
    /// A header that would widen `excused` to any reason ("Có lý do"):
    /// `excused` is HTNV because of leave or sickness only (003).
    ExcusedAnyReason,
    /// A rating (or leave) for a period the person was employed on no day
    /// of; `employed` is their employment as dates (`10/08/2026 – …`).
    NotEmployed { employed: String },
    /// "D"/"Đ" in a marks file: D is KHTNV in the ratings files.
    AmbiguousMark,
    /// "Đ" for a rating: KHTNV is written D (or KHTNV); Đạt is not a rating.
    AmbiguousRating,
    /// "C" in a yes/no column of a ratings file, where C is HTNV.
    AmbiguousFlag,
    /// Anything else, in words.
    Other { message: String },
}
