//! Checklists (phiếu đánh giá 03A/03B): self and review marks per item.

use serde::{Deserialize, Serialize};

/// Where a checklist is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChecklistState {
    /// The person is filling in their self-assessment.
    Draft,
    /// Submitted to the assessing authority.
    Submitted,
    /// Returned by the authority for revision, with a note.
    Returned,
    /// Approved by the authority.
    Approved,
}

impl ChecklistState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Returned => "returned",
            Self::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Self::Draft),
            "submitted" => Some(Self::Submitted),
            "returned" => Some(Self::Returned),
            "approved" => Some(Self::Approved),
            _ => None,
        }
    }
}

/// The marks of one item: Đạt (`true`) / Chưa đạt (`false`) / unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemMark {
    /// Tự đánh giá.
    pub self_mark: Option<bool>,
    /// Người có thẩm quyền đánh giá: the only mark that counts.
    pub review: Option<bool>,
    pub note: Option<String>,
}

/// Why a value is not a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadMark {
    NotAMark,
    /// `D` or `Đ`: Đạt to some, KHTNV in the ratings files (Hà Nội's
    /// letters A–D); one letter has one meaning across files, so it is
    /// refused here (docs/RULES.md, "One meaning per letter").
    RatingLetter,
}

/// Reads a mark as files write it: `1/0`, `dat/chua_dat`, `Đạt/Chưa đạt`,
/// `CĐ`, `x`, `✓`/`√`/`✔` for Đạt; empty is unset (`Ok(None)`).
pub fn parse_mark(s: &str) -> Result<Option<bool>, BadMark> {
    let s = s.trim();
    // The ticks are no letters or digits: read before those are kept.
    if matches!(s, "✓" | "√" | "✔" | "☑") {
        return Ok(Some(true));
    }
    let f = crate::text::fold(s);
    let compact: String = f.chars().filter(|c| c.is_alphanumeric()).collect();
    match compact.as_str() {
        "" if s.is_empty() => Ok(None),
        "1" | "dat" | "x" | "yes" | "y" | "pass" | "true" => Ok(Some(true)),
        "0" | "chuadat" | "cd" | "khongdat" | "no" | "n" | "fail" | "false" => Ok(Some(false)),
        "d" => Err(BadMark::RatingLetter),
        _ => Err(BadMark::NotAMark),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_parse_in_every_spelling_the_spec_allows() {
        for s in ["1", "dat", "Đạt", "ĐẠT", "đạt"] {
            assert_eq!(parse_mark(s), Ok(Some(true)), "{s}");
        }
        for s in ["0", "chua_dat", "Chưa đạt", "CHƯA ĐẠT"] {
            assert_eq!(parse_mark(s), Ok(Some(false)), "{s}");
        }
        for s in ["x", "X", "✓", "√", "✔"] {
            assert_eq!(parse_mark(s), Ok(Some(true)), "{s}");
        }
        assert_eq!(parse_mark("CĐ"), Ok(Some(false)));
        assert_eq!(parse_mark(""), Ok(None));
        assert_eq!(parse_mark("  "), Ok(None));
        assert_eq!(parse_mark("maybe"), Err(BadMark::NotAMark));
        assert_eq!(parse_mark("-"), Err(BadMark::NotAMark));
    }

    #[test]
    fn the_letter_d_is_refused_since_it_is_khtnv_in_the_ratings_files() {
        for s in ["D", "d", "Đ", "đ", "Đ."] {
            assert_eq!(parse_mark(s), Err(BadMark::RatingLetter), "{s}");
        }
        // The other rating letters are no marks either.
        for s in ["A", "B", "C"] {
            assert_eq!(parse_mark(s), Err(BadMark::NotAMark), "{s}");
        }
    }
}
