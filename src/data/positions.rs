//! `data/positions.toml`: the job positions (vị trí việc làm) of 001 and 002,
//! and the grade → level-range table that 001 implies.

use super::competencies::group_of;
use super::{Competencies, DataError, POSITIONS_FILE as FILE, check_text, parse_toml};
use crate::domain::{CompetencyGroup, Grade, LevelRange, PositionGroup};
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    grade_range: Vec<GradeRange>,
    position: Vec<Position>,
}

/// The ranges 001 requires of a grade, per competency group; used for
/// positions without their own table, labelled as derived from the grade.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeRange {
    pub grade: Grade,
    pub name: String,
    pub general: LevelRange,
    pub professional: LevelRange,
    pub management: LevelRange,
    /// The 001 position the ranges are read from.
    pub source_position: String,
}

impl GradeRange {
    pub fn range(&self, group: CompetencyGroup) -> LevelRange {
        match group {
            CompetencyGroup::General => self.general,
            CompetencyGroup::Professional => self.professional,
            CompetencyGroup::Management => self.management,
        }
    }
}

/// One main task (nhiệm vụ chính) with its completion criteria.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub task: String,
    pub criteria: Option<String>,
}

/// Yêu cầu về trình độ: each field absent where the source says nothing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    pub education: Option<String>,
    pub political_theory: Option<String>,
    pub state_management: Option<String>,
    pub foreign_language: Option<String>,
    pub it: Option<String>,
    pub experience: Option<String>,
    pub other: Option<String>,
}

impl Requirements {
    /// `(field, text)` pairs in display order.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("education", &self.education),
            ("political_theory", &self.political_theory),
            ("state_management", &self.state_management),
            ("foreign_language", &self.foreign_language),
            ("it", &self.it),
            ("experience", &self.experience),
            ("other", &self.other),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
    }
}

/// A competency requirement from a position's own table (001 §5.2).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionCompetency {
    pub key: String,
    pub name: String,
    pub range: Option<LevelRange>,
    pub requirement: Option<String>,
}

/// A job position (vị trí việc làm).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub code: String,
    pub source: String,
    pub name: String,
    pub group: PositionGroup,
    pub framework: String,
    pub grade: Option<Grade>,
    pub unit: String,
    pub direct_manager: Option<String>,
    pub functional_manager: Option<String>,
    pub objective: Option<String>,
    pub code_in_source: Option<String>,
    pub code_note: Option<String>,
    /// Set where the source misspells the "Tên VTVL" heading (VTBL, VTTL).
    pub heading_in_source: Option<String>,
    #[serde(default, rename = "task")]
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub requirements: Requirements,
    #[serde(default, rename = "competency")]
    pub competencies: Vec<PositionCompetency>,
}

#[derive(Debug, Clone)]
pub struct Positions {
    pub grade_ranges: Vec<GradeRange>,
    pub positions: Vec<Position>,
}

/// How many positions each source holds: 001, one per grade; 002, 72 headed
/// `Tên VTVL` and 13 headed with a misspelling (`heading_in_source`).
const EXPECTED: [(&str, usize); 2] = [("001", 3), ("002", 85)];

impl Positions {
    pub fn grade_range(&self, grade: Grade) -> Option<&GradeRange> {
        self.grade_ranges.iter().find(|g| g.grade == grade)
    }

    pub fn by_code(&self, code: &str) -> Option<&Position> {
        self.positions.iter().find(|p| p.code == code)
    }

    pub(crate) fn parse(text: &str, competencies: &Competencies) -> Result<Self, DataError> {
        let raw: RawFile = parse_toml(FILE, text)?;
        let mut grades = HashSet::new();
        for g in &raw.grade_range {
            let entry = format!("grade_range {}", g.grade.as_str());
            if !grades.insert(g.grade) {
                return Err(DataError::new(FILE, entry, "duplicate grade"));
            }
            check_text(FILE, &entry, "name", &g.name)?;
        }
        if grades.len() != 3 {
            return Err(DataError::new(
                FILE,
                "grade_range",
                "expected the three grades of 001",
            ));
        }
        let mut codes = HashSet::new();
        for p in &raw.position {
            let entry = format!("position {}", p.code);
            check_text(FILE, &entry, "code", &p.code)?;
            if !codes.insert(p.code.as_str()) {
                return Err(DataError::new(FILE, entry, "duplicate code"));
            }
            check_text(FILE, &entry, "name", &p.name)?;
            check_text(FILE, &entry, "unit", &p.unit)?;
            let Some(fw) = competencies.framework(&p.framework) else {
                return Err(DataError::new(
                    FILE,
                    entry,
                    format!("unknown framework `{}`", p.framework),
                ));
            };
            if p.tasks.is_empty() {
                return Err(DataError::new(FILE, entry, "no tasks"));
            }
            for t in &p.tasks {
                check_text(FILE, &entry, "task", &t.task)?;
            }
            let mut keys = HashSet::new();
            for c in &p.competencies {
                let entry = format!("{entry} competency {}", c.key);
                if group_of(&c.key).is_none() || fw.competency(&c.key).is_none() {
                    return Err(DataError::new(
                        FILE,
                        entry,
                        format!("not a competency of framework {}", fw.id),
                    ));
                }
                if !keys.insert(c.key.as_str()) {
                    return Err(DataError::new(FILE, entry, "duplicate key"));
                }
                if c.range.is_none() && c.requirement.is_none() {
                    return Err(DataError::new(
                        FILE,
                        entry,
                        "neither a range nor a requirement",
                    ));
                }
            }
        }
        for (source, n) in EXPECTED {
            let found = raw.position.iter().filter(|p| p.source == source).count();
            if found != n {
                return Err(DataError::new(
                    FILE,
                    format!("source {source}"),
                    format!("expected {n} positions, found {found}"),
                ));
            }
        }
        if let Some(p) = raw
            .position
            .iter()
            .find(|p| !EXPECTED.iter().any(|(s, _)| *s == p.source))
        {
            return Err(DataError::new(
                FILE,
                format!("position {}", p.code),
                format!("unknown source `{}`", p.source),
            ));
        }
        Ok(Positions {
            grade_ranges: raw.grade_range,
            positions: raw.position,
        })
    }
}
