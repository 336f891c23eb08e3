//! Pure domain types and rules: no I/O, no SQL, no terminal.

pub mod lookup;
pub mod reference;

pub use reference::{CompetencyGroup, Grade, LevelRange, PositionGroup, StaffKind};
