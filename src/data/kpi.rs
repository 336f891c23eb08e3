//! `data/kpi.toml`: complexity groups N1–N5 and the 14 time buckets of 004,
//! with danhgia's default weights and standard minutes (not in the source).

use super::{DataError, KPI_FILE as FILE, check_text, parse_toml};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    working_time: WorkingTime,
    complexity: Vec<Complexity>,
    bucket: Vec<Bucket>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkingTime {
    minutes_per_quarter: f64,
}

/// A complexity group (nhóm mức độ phức tạp) N1–N5.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complexity {
    pub id: String,
    pub definition: String,
    /// Default weight (not in the source).
    pub weight: f64,
}

/// A time bucket (định lượng thời gian): `[min_minutes, max_minutes)`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bucket {
    pub id: u8,
    pub label: String,
    pub min_minutes: u32,
    pub max_minutes: Option<u32>,
    /// Default standard minutes of one task in this bucket (not in the source).
    pub standard_minutes: f64,
}

impl Bucket {
    pub fn contains(&self, minutes: u32) -> bool {
        minutes >= self.min_minutes && self.max_minutes.is_none_or(|m| minutes < m)
    }
}

#[derive(Debug, Clone)]
pub struct Kpi {
    pub complexities: Vec<Complexity>,
    pub buckets: Vec<Bucket>,
    /// Default working time of a quarter, in minutes (not in the source).
    pub minutes_per_quarter: f64,
}

impl Kpi {
    /// The bucket that a duration in minutes falls into.
    pub fn bucket_for_minutes(&self, minutes: u32) -> Option<&Bucket> {
        self.buckets.iter().find(|b| b.contains(minutes))
    }

    pub(crate) fn parse(text: &str) -> Result<Self, DataError> {
        let raw: RawFile = parse_toml(FILE, text)?;
        let ids: Vec<&str> = raw.complexity.iter().map(|c| c.id.as_str()).collect();
        if ids != ["N1", "N2", "N3", "N4", "N5"] {
            return Err(DataError::new(
                FILE,
                "complexity",
                format!("expected N1–N5 in order, found {ids:?}"),
            ));
        }
        for c in &raw.complexity {
            check_text(
                FILE,
                &format!("complexity {}", c.id),
                "definition",
                &c.definition,
            )?;
            if !(c.weight.is_finite() && c.weight > 0.0) {
                return Err(DataError::new(
                    FILE,
                    format!("complexity {}", c.id),
                    "weight must be a positive number",
                ));
            }
        }
        if raw.bucket.len() != 14 {
            return Err(DataError::new(
                FILE,
                "bucket",
                format!("expected 14 time buckets, found {}", raw.bucket.len()),
            ));
        }
        let mut expected_min = 0;
        for (i, b) in raw.bucket.iter().enumerate() {
            let entry = format!("bucket {}", b.id);
            check_text(FILE, &entry, "label", &b.label)?;
            if usize::from(b.id) != i + 1 {
                return Err(DataError::new(
                    FILE,
                    entry,
                    format!("expected id {}", i + 1),
                ));
            }
            if b.min_minutes != expected_min {
                return Err(DataError::new(
                    FILE,
                    entry,
                    format!(
                        "starts at {} minutes but the previous bucket ends at {expected_min}",
                        b.min_minutes
                    ),
                ));
            }
            let last = i + 1 == raw.bucket.len();
            match (b.max_minutes, last) {
                (Some(max), false) if max > b.min_minutes => expected_min = max,
                (Some(_), false) => {
                    return Err(DataError::new(
                        FILE,
                        entry,
                        "upper bound must exceed the lower bound",
                    ));
                }
                (None, false) => {
                    return Err(DataError::new(
                        FILE,
                        entry,
                        "only the last bucket may be open-ended",
                    ));
                }
                (Some(_), true) => {
                    return Err(DataError::new(FILE, entry, "the last bucket is open-ended"));
                }
                (None, true) => {}
            }
            if !(b.standard_minutes.is_finite() && b.standard_minutes > 0.0) {
                return Err(DataError::new(
                    FILE,
                    entry,
                    "standard_minutes must be a positive number",
                ));
            }
        }
        let minutes_per_quarter = raw.working_time.minutes_per_quarter;
        if !(minutes_per_quarter.is_finite() && minutes_per_quarter > 0.0) {
            return Err(DataError::new(
                FILE,
                "working_time",
                "minutes_per_quarter must be a positive number",
            ));
        }
        Ok(Kpi {
            complexities: raw.complexity,
            buckets: raw.bucket,
            minutes_per_quarter,
        })
    }
}
