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

/// What a month's row of the ratings holds: the rating, or the whole month
/// on leave (SPEC section 3: "a `leave` value on the ratings row instead of
/// a rating"). A month with no row at all — not rated yet — is `None`
/// beside it, so that the rules see rated, on leave, or nothing.
///
/// In JSON (the audit log's before and after): a rating as
/// [`MonthlyRating`] always was, a leave as `{"leave":true}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "MonthEntryJson", try_from = "MonthEntryJson")]
pub enum MonthEntry {
    Rated(MonthlyRating),
    /// Nghỉ cả tháng — thai sản, ốm dài ngày, không lương: no rating and no
    /// discipline score. Not required of the person, not held against their
    /// manager. (Rated HTNV *because of* leave or sickness is a rating,
    /// flagged `excused`.)
    Leave,
}

impl MonthEntry {
    /// The rating, unless the month is on leave.
    pub fn rated(self) -> Option<MonthlyRating> {
        match self {
            MonthEntry::Rated(r) => Some(r),
            MonthEntry::Leave => None,
        }
    }

    pub fn is_leave(self) -> bool {
        self == MonthEntry::Leave
    }
}

/// [`MonthEntry`]'s JSON: the rating's own fields, or `{"leave":true}`.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum MonthEntryJson {
    Rated(MonthlyRating),
    Leave { leave: bool },
}

impl From<MonthEntry> for MonthEntryJson {
    fn from(e: MonthEntry) -> Self {
        match e {
            MonthEntry::Rated(r) => MonthEntryJson::Rated(r),
            MonthEntry::Leave => MonthEntryJson::Leave { leave: true },
        }
    }
}

impl TryFrom<MonthEntryJson> for MonthEntry {
    type Error = &'static str;

    fn try_from(j: MonthEntryJson) -> Result<Self, Self::Error> {
        match j {
            MonthEntryJson::Rated(r) => Ok(MonthEntry::Rated(r)),
            MonthEntryJson::Leave { leave: true } => Ok(MonthEntry::Leave),
            MonthEntryJson::Leave { leave: false } => Err("a month not on leave needs a rating"),
        }
    }
}

impl From<MonthlyRating> for MonthEntry {
    fn from(r: MonthlyRating) -> Self {
        MonthEntry::Rated(r)
    }
}

/// How a file or a person may write a value that is about leave, in place of
/// a rating or in the `leave` column (docs/RULES.md, "Leave and `excused`").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveWord {
    /// On leave for the whole month, not rated: `Nghỉ cả tháng`, `Nghỉ thai
    /// sản`, `Nghỉ ốm dài ngày`, `Nghỉ không lương`, `Nghỉ dài ngày`, `Nghỉ`,
    /// `leave` (with or without `nghỉ`, diacritics and case).
    WholeMonth,
    /// A short absence for which the person is still rated — `Nghỉ phép`,
    /// `Nghỉ ốm`, `Ốm đau`, `Phép`, `Ốm`: that is a rating (HTNV) flagged
    /// `excused`, never a month without one. Refused where a rating or a
    /// leave is expected, with that advice.
    Excused,
}

impl LeaveWord {
    /// Reads a leave word; `None` for anything else (a rating, a yes/no).
    pub fn parse(s: &str) -> Option<LeaveWord> {
        let f = crate::text::fold(s);
        let compact: String = f.chars().filter(|c| c.is_alphanumeric()).collect();
        // `Nghỉ` alone, written where the rating goes: no rating was given.
        if matches!(compact.as_str(), "nghi" | "leave" | "onleave") {
            return Some(LeaveWord::WholeMonth);
        }
        match compact.strip_prefix("nghi").unwrap_or(&compact) {
            "cathang" | "thaisan" | "chedothaisan" | "huongchedothaisan" | "omdaingay"
            | "daingay" | "khongluong" | "khonghuongluong" => Some(LeaveWord::WholeMonth),
            "phep" | "om" | "omdau" | "phepomdau" | "phepom" => Some(LeaveWord::Excused),
            _ => None,
        }
    }
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

    #[test]
    fn whole_month_leave_words_and_excused_words_are_told_apart() {
        for w in [
            "Nghỉ cả tháng",
            "Nghỉ thai sản",
            "thai san",
            "Nghỉ hưởng chế độ thai sản",
            "Nghỉ ốm dài ngày",
            "Ốm dài ngày",
            "Nghỉ không lương",
            "Không hưởng lương",
            "nghỉ không hưởng lương",
            "Nghỉ dài ngày",
            "Nghỉ",
            "NGHỈ",
            "leave",
            "On leave",
        ] {
            assert_eq!(LeaveWord::parse(w), Some(LeaveWord::WholeMonth), "{w}");
        }
        for w in [
            "Nghỉ phép",
            "Phép",
            "Nghỉ ốm",
            "Ốm",
            "Ốm đau",
            "nghỉ phép, ốm đau",
        ] {
            assert_eq!(LeaveWord::parse(w), Some(LeaveWord::Excused), "{w}");
        }
        for w in [
            "",
            "HTNV",
            "C",
            "D",
            "1",
            "x",
            "có",
            "Có lý do",
            "nghỉ việc",
            "nghile",
        ] {
            assert_eq!(LeaveWord::parse(w), None, "{w}");
        }
    }

    #[test]
    fn a_month_reads_in_json_as_the_audit_log_writes_it() {
        let rated = MonthEntry::Rated(MonthlyRating {
            rating: Rating::Htnv,
            discipline: Some(20),
            excused: true,
        });
        let json = serde_json::to_string(&rated).unwrap();
        assert_eq!(json, r#"{"rating":"HTNV","discipline":20,"excused":true}"#);
        assert_eq!(serde_json::from_str::<MonthEntry>(&json).unwrap(), rated);
        let leave = serde_json::to_string(&MonthEntry::Leave).unwrap();
        assert_eq!(leave, r#"{"leave":true}"#);
        assert_eq!(
            serde_json::from_str::<MonthEntry>(&leave).unwrap(),
            MonthEntry::Leave
        );
        assert!(serde_json::from_str::<MonthEntry>(r#"{"leave":false}"#).is_err());
    }
}
