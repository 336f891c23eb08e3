//! What a service refuses, and why. Rendered for a person by `i18n`.

use crate::data::DataError;
use crate::domain::Employment;
use crate::domain::Quarter;
use crate::domain::kpi::KpiSettingProblem;
use crate::domain::limits::TooLong;
use crate::domain::records::{RatingPeriod, RowProblem};
use crate::store::StoreError;
use std::path::PathBuf;

/// Why an action is not allowed for this person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// Only an admin may do this.
    AdminOnly,
    /// `--as` is for admins only.
    ActAsNotAdmin,
    /// The login is not on the staff list (and not an admin).
    NotOnStaffList,
    /// Self-assessment is the person's own.
    NotYourChecklist { code: String },
    /// A KPI task log is kept by the person (or an admin); their manager
    /// confirms entries but does not write them.
    NotYourLog { code: String },
    /// Reviewing is for the direct manager holding the reviewer role.
    NotYourSubordinate { code: String },
    /// The checklist is not in a state that allows this.
    WrongState { code: String, state: &'static str },
    /// Reading someone the person may not see.
    NotVisible { code: String },
}

/// Why a rating, or a month on leave, is not taken (one at a time: the TUI's
/// ratings dialog, `Service::set_rating`). An import says the same per row
/// with a [`RowProblem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatingRefused {
    /// The person was employed on no day of the period (`joined` after it,
    /// or `left` before it): a partial month may be rated, this may not.
    NotEmployed {
        code: String,
        period: RatingPeriod,
        employment: Employment,
    },
    /// Leave is for a month: the yearly rating is a rating.
    YearlyLeave { code: String, year: i32 },
    /// A discipline score over 20.
    Discipline { score: u8 },
    /// Not a month 1–12.
    BadMonth { month: u8 },
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Data(#[from] DataError),
    #[error("not allowed: {0:?}")]
    Denied(Denied),
    #[error("round {0} is closed")]
    RoundClosed(Quarter),
    /// Someone else changed the checklist since it was read.
    #[error("conflict: checklist of {code} for {quarter} was changed by someone else")]
    Conflict { code: String, quarter: Quarter },
    /// Someone else changed (or deleted) the KPI entry since it was read.
    #[error("conflict: KPI entry #{id} of {code} was changed by someone else")]
    EntryConflict { code: String, id: i64 },
    #[error("no staff member with code {0}")]
    UnknownStaff(String),
    /// A review mark on items the person has not self-assessed (003, Bước 3:
    /// the self-assessment comes first).
    #[error("{code}: review marks on items with no self mark: {}", .items.join(", "))]
    ReviewWithoutSelf { code: String, items: Vec<String> },
    #[error("{0}")]
    Invalid(String),
    /// A rating (or a month on leave) not taken: nothing was written.
    #[error("rating refused: {0:?}")]
    Rating(RatingRefused),
    /// An import with bad rows: nothing was written.
    #[error("{} bad rows", .0.len())]
    ImportRefused(Vec<RowProblem>),
    /// The rows of an import stopped coming before the file's end (its
    /// reader failed): nothing was written.
    #[error("the file was not read to its end; nothing was imported")]
    ImportUnfinished,
    #[error("{0}: already initialised")]
    AlreadyInitialised(PathBuf),
    /// A KPI number given to `danhgia settings` (or found stored) that is
    /// not taken; nothing was written.
    #[error("KPI setting: {0:?}")]
    BadKpiSetting(KpiSettingProblem),
    /// A settings key that is neither a form header's nor a KPI number's.
    #[error("unknown setting {0}")]
    UnknownSetting(String),
    /// Text over its field's limit (`domain::limits`): nothing was written.
    #[error(transparent)]
    TooLong(#[from] TooLong),
}

impl From<rusqlite::Error> for ServiceError {
    fn from(e: rusqlite::Error) -> Self {
        ServiceError::Store(StoreError::Sqlite(e))
    }
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;
