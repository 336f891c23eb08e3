//! The reference data of `data/*.toml`, embedded at build time and validated
//! when first used. See `docs/DATA.md` for the schema and the sources.

mod competencies;
mod criteria;
mod kpi;
mod positions;

pub use competencies::{Competencies, Competency, Framework, LevelText};
pub use criteria::{ChecklistForm, Criteria, Criterion, Item, Section};
pub use kpi::{Bucket, Complexity, Kpi};
pub use positions::{GradeRange, Position, PositionCompetency, Positions, Requirements, Task};

use std::sync::OnceLock;

/// One problem in a reference data file, naming the file and the entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {entry}: {message}")]
pub struct DataError {
    pub file: &'static str,
    pub entry: String,
    pub message: String,
}

impl DataError {
    pub(crate) fn new(
        file: &'static str,
        entry: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        DataError {
            file,
            entry: entry.into(),
            message: message.into(),
        }
    }
}

pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
) -> Result<T, DataError> {
    toml::from_str(text)
        .map_err(|e| DataError::new(file, "file", e.to_string().trim_end().to_owned()))
}

/// Checks that a text field is present and already NFC (the data files keep
/// the sources' wording in NFC, so comparisons never need to normalise them).
pub(crate) fn check_text(
    file: &'static str,
    entry: &str,
    field: &str,
    value: &str,
) -> Result<(), DataError> {
    if value.trim().is_empty() {
        return Err(DataError::new(file, entry, format!("`{field}` is empty")));
    }
    if crate::text::nfc(value) != value {
        return Err(DataError::new(
            file,
            entry,
            format!("`{field}` is not in NFC"),
        ));
    }
    Ok(())
}

/// All the reference data.
#[derive(Debug)]
pub struct ReferenceData {
    pub criteria: Criteria,
    pub competencies: Competencies,
    pub positions: Positions,
    pub kpi: Kpi,
}

pub const CRITERIA_FILE: &str = "data/criteria.toml";
pub const COMPETENCIES_FILE: &str = "data/competencies.toml";
pub const POSITIONS_FILE: &str = "data/positions.toml";
pub const KPI_FILE: &str = "data/kpi.toml";

impl ReferenceData {
    /// Parses and validates the embedded files.
    pub fn load_embedded() -> Result<Self, DataError> {
        Self::load(
            include_str!("../../data/criteria.toml"),
            include_str!("../../data/competencies.toml"),
            include_str!("../../data/positions.toml"),
            include_str!("../../data/kpi.toml"),
        )
    }

    /// Parses and validates the four files' texts.
    pub fn load(
        criteria: &str,
        competencies: &str,
        positions: &str,
        kpi: &str,
    ) -> Result<Self, DataError> {
        let criteria = Criteria::parse(criteria)?;
        let competencies = Competencies::parse(competencies)?;
        let positions = Positions::parse(positions, &competencies)?;
        let kpi = Kpi::parse(kpi)?;
        Ok(ReferenceData {
            criteria,
            competencies,
            positions,
            kpi,
        })
    }
}

/// The embedded reference data, loaded once. The files are part of the
/// binary and checked by the test suite, so a failure here is a build defect;
/// it is still reported as an error rather than a panic.
pub fn reference() -> Result<&'static ReferenceData, DataError> {
    static DATA: OnceLock<Result<ReferenceData, DataError>> = OnceLock::new();
    DATA.get_or_init(ReferenceData::load_embedded)
        .as_ref()
        .map_err(Clone::clone)
}
