//! Monthly and yearly ratings (xếp loại).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Xếp loại mức độ hoàn thành nhiệm vụ. Ordered: `Htxsnv > Httnv > Htnv > Khtnv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rating {
    /// KHTNV — không hoàn thành nhiệm vụ (Hà Nội's monthly letter D).
    #[serde(rename = "KHTNV")]
    Khtnv,
    /// HTNV — hoàn thành nhiệm vụ (C).
    #[serde(rename = "HTNV")]
    Htnv,
    /// HTTNV — hoàn thành tốt nhiệm vụ (B).
    #[serde(rename = "HTTNV")]
    Httnv,
    /// HTXSNV — hoàn thành xuất sắc nhiệm vụ (A).
    #[serde(rename = "HTXSNV")]
    Htxsnv,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Htxsnv, Rating::Httnv, Rating::Htnv, Rating::Khtnv];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Htxsnv => "HTXSNV",
            Rating::Httnv => "HTTNV",
            Rating::Htnv => "HTNV",
            Rating::Khtnv => "KHTNV",
        }
    }

    /// Reads a rating as files write it: the abbreviation, the letter A–D of
    /// Hà Nội's monthly assessment, or the words, with or without diacritics.
    pub fn parse(s: &str) -> Option<Rating> {
        let f = crate::text::fold(s);
        let compact: String = f.chars().filter(|c| c.is_alphanumeric()).collect();
        match compact.as_str() {
            "htxsnv" | "a" | "hoanthanhxuatsacnhiemvu" => Some(Rating::Htxsnv),
            "httnv" | "b" | "hoanthanhtotnhiemvu" => Some(Rating::Httnv),
            "htnv" | "c" | "hoanthanhnhiemvu" => Some(Rating::Htnv),
            "khtnv" | "d" | "khonghoanthanhnhiemvu" => Some(Rating::Khtnv),
            _ => None,
        }
    }

    /// HTTNV or better: what a month needs for the professional result.
    pub fn at_least_good(self) -> bool {
        self >= Rating::Httnv
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Full marks for discipline (ý thức tổ chức kỷ luật).
pub const DISCIPLINE_MAX: u8 = 20;

/// One month's rating of one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyRating {
    pub rating: Rating,
    /// 0–20; `None` where the source file left it empty.
    pub discipline: Option<u8>,
    /// Rated HTNV because of leave or sickness (nghỉ phép, ốm đau): does not
    /// break the leader's 100 % rule for subordinates.
    pub excused: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_ordered_best_first() {
        assert!(Rating::Htxsnv > Rating::Httnv);
        assert!(Rating::Httnv > Rating::Htnv);
        assert!(Rating::Htnv > Rating::Khtnv);
        assert!(Rating::Httnv.at_least_good() && !Rating::Htnv.at_least_good());
    }

    #[test]
    fn ratings_parse_from_abbreviations_letters_and_words() {
        assert_eq!(Rating::parse("HTXSNV"), Some(Rating::Htxsnv));
        assert_eq!(Rating::parse("a"), Some(Rating::Htxsnv));
        assert_eq!(Rating::parse("B"), Some(Rating::Httnv));
        assert_eq!(Rating::parse("Hoàn thành nhiệm vụ"), Some(Rating::Htnv));
        assert_eq!(
            Rating::parse("khong hoan thanh nhiem vu"),
            Some(Rating::Khtnv)
        );
        assert_eq!(Rating::parse("E"), None);
        assert_eq!(Rating::parse(""), None);
    }
}
