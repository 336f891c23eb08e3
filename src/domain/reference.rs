//! Types of the reference data (`data/*.toml`) that the rules and the lookup
//! share.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Which checklist a person is assessed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StaffKind {
    /// Cán bộ lãnh đạo, quản lý — 27 items (form 03A).
    Leader,
    /// Công chức, viên chức, người lao động — 18 items (form 03B).
    Staff,
}

impl StaffKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StaffKind::Leader => "leader",
            StaffKind::Staff => "staff",
        }
    }
}

/// Nhóm năng lực: the three competency groups of every framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompetencyGroup {
    /// Nhóm năng lực chung (7 competencies).
    General,
    /// Nhóm năng lực chuyên môn (5).
    Professional,
    /// Nhóm năng lực quản lý (5).
    Management,
}

impl CompetencyGroup {
    pub const ALL: [CompetencyGroup; 3] = [Self::General, Self::Professional, Self::Management];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::Professional => "professional",
            Self::Management => "management",
        }
    }

    /// How many competencies each framework has in this group.
    pub fn expected_count(self) -> usize {
        match self {
            Self::General => 7,
            Self::Professional | Self::Management => 5,
        }
    }
}

/// Nhóm vị trí việc làm of 002.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PositionGroup {
    /// Lãnh đạo, quản lý, điều hành.
    #[serde(rename = "LĐQL")]
    Ldql,
    /// Chuyên môn, nghiệp vụ.
    #[serde(rename = "CMNV")]
    Cmnv,
    /// Hỗ trợ, phục vụ.
    #[serde(rename = "HTPV")]
    Htpv,
}

impl PositionGroup {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ldql => "LĐQL",
            Self::Cmnv => "CMNV",
            Self::Htpv => "HTPV",
        }
    }
}

/// Ngạch công chức — the three grades whose competency ranges 001 gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Chuyên viên cao cấp.
    ChuyenVienCaoCap,
    /// Chuyên viên chính.
    ChuyenVienChinh,
    /// Chuyên viên.
    ChuyenVien,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ChuyenVienCaoCap => "chuyen_vien_cao_cap",
            Self::ChuyenVienChinh => "chuyen_vien_chinh",
            Self::ChuyenVien => "chuyen_vien",
        }
    }
}

/// A required competency level range such as `3-4` (cấp độ 3 đến 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LevelRange {
    pub low: u8,
    pub high: u8,
}

impl LevelRange {
    pub fn contains(self, level: u8) -> bool {
        (self.low..=self.high).contains(&level)
    }
}

impl fmt::Display for LevelRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.low == self.high {
            write!(f, "{}", self.low)
        } else {
            write!(f, "{}-{}", self.low, self.high)
        }
    }
}

impl FromStr for LevelRange {
    type Err = String;

    /// Parses `4-5`, `4–5` or a single level `3`; levels must lie in 1–5.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parse = |t: &str| -> Result<u8, String> {
            let n: u8 = t
                .trim()
                .parse()
                .map_err(|_| format!("`{s}` is not a level range such as 3-4"))?;
            if (1..=5).contains(&n) {
                Ok(n)
            } else {
                Err(format!("level {n} in `{s}` is outside 1–5"))
            }
        };
        let (low, high) = match s.split_once(['-', '–']) {
            Some((a, b)) => (parse(a)?, parse(b)?),
            None => {
                let n = parse(s)?;
                (n, n)
            }
        };
        if low > high {
            return Err(format!("`{s}`: the lower level comes first"));
        }
        Ok(LevelRange { low, high })
    }
}

impl Serialize for LevelRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LevelRange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_range_parses_and_prints() {
        let r: LevelRange = "3-4".parse().unwrap();
        assert_eq!(r, LevelRange { low: 3, high: 4 });
        assert_eq!(r.to_string(), "3-4");
        assert!(r.contains(3) && r.contains(4) && !r.contains(5));
        assert_eq!("2".parse::<LevelRange>().unwrap().to_string(), "2");
    }

    #[test]
    fn level_range_refuses_levels_outside_one_to_five_and_reversed_ranges() {
        assert!("0-2".parse::<LevelRange>().is_err());
        assert!("4-6".parse::<LevelRange>().is_err());
        assert!("5-4".parse::<LevelRange>().is_err());
        assert!("cao".parse::<LevelRange>().is_err());
    }
}
