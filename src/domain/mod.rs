//! Pure domain types and rules: no I/O, no SQL, no terminal.

pub mod checklist;
pub mod history;
pub mod kpi;
pub mod limits;
pub mod lookup;
pub mod quarter;
pub mod rating;
pub mod records;
pub mod reference;
pub mod rules;
pub mod staff;

pub use checklist::{ChecklistState, ItemMark};
pub use quarter::{Month, Quarter};
pub use rating::{LeaveWord, MonthEntry, MonthlyRating, Rating};
pub use reference::{CompetencyGroup, Grade, LevelRange, PositionGroup, StaffKind};
pub use staff::{Employment, Staff, StaffGroup};
