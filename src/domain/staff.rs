//! Staff (CBCCVC, NLĐ) and their employment dates.

use super::history::Placement;
use super::quarter::{Month, Quarter};
use super::reference::StaffKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Nhóm đối tượng: the group columns of form 02.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffGroup {
    /// Cán bộ lãnh đạo, quản lý.
    #[serde(rename = "CBLĐQL")]
    Cbldql,
    /// Công chức.
    #[serde(rename = "CC")]
    Cc,
    /// Viên chức.
    #[serde(rename = "VC")]
    Vc,
    /// Người lao động.
    #[serde(rename = "NLĐ")]
    Nld,
}

impl StaffGroup {
    pub const ALL: [StaffGroup; 4] = [Self::Cbldql, Self::Cc, Self::Vc, Self::Nld];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cbldql => "CBLĐQL",
            Self::Cc => "CC",
            Self::Vc => "VC",
            Self::Nld => "NLĐ",
        }
    }

    /// Reads the group as written in a file, with or without diacritics.
    pub fn parse(s: &str) -> Option<StaffGroup> {
        match crate::text::fold(s)
            .replace([' ', '.', '-', '_'], "")
            .as_str()
        {
            "cbldql" | "cbql" | "ldql" | "leader" => Some(Self::Cbldql),
            "cc" | "congchuc" => Some(Self::Cc),
            "vc" | "vienchuc" => Some(Self::Vc),
            "nld" | "nguoilaodong" | "ldhd" => Some(Self::Nld),
            _ => None,
        }
    }
}

/// When a person worked here. Months outside it are not required of them
/// (nor of their manager, for the subordinate rule).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employment {
    pub joined: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
}

impl Employment {
    pub fn employed_on(self, date: NaiveDate) -> bool {
        self.joined.is_none_or(|j| j <= date) && self.left.is_none_or(|l| date <= l)
    }

    /// A month is *required* (its rating must be present) when the person was
    /// employed for the whole of it. A partial month — joined or left during
    /// it — is not required; if it was rated anyway, the rating still counts.
    pub fn month_required(self, m: Month) -> bool {
        self.employed_on(m.first_day()) && self.employed_on(m.last_day())
    }

    /// Employed on at least one day of the month: a month that may hold a
    /// rating (or a leave) of the person. Outside it, a rating is refused.
    pub fn employed_in_month(self, m: Month) -> bool {
        self.joined.is_none_or(|j| j <= m.last_day())
            && self.left.is_none_or(|l| l >= m.first_day())
    }

    /// A person is assessed in a quarter when employed on its assessment date
    /// (the 25th of the last month).
    pub fn assessed_in(self, q: Quarter) -> bool {
        self.employed_on(q.assessment_date())
    }

    /// Employed on any day of the quarter: the people a quarter's status
    /// lists, assessed or not.
    pub fn employed_during(self, q: Quarter) -> bool {
        let [first, _, last] = q.months();
        self.joined.is_none_or(|j| j <= last.last_day())
            && self.left.is_none_or(|l| l >= first.first_day())
    }

    /// Employed on any day of the year (for the commitment and yearly lists).
    pub fn employed_in_year(self, year: i32) -> bool {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
        self.joined.is_none_or(|j| j <= last) && self.left.is_none_or(|l| l >= first)
    }
}

/// A staff member as the staff file and the database hold them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    /// Mã cán bộ: the key of every import.
    pub code: String,
    pub full_name: String,
    pub birth_date: Option<NaiveDate>,
    /// Chức vụ / chức danh.
    pub title: String,
    pub unit: String,
    pub kind: StaffKind,
    pub group: StaffGroup,
    pub party_member: bool,
    /// The direct manager (người có thẩm quyền đánh giá).
    pub manager_code: Option<String>,
    /// The operating-system login that identifies this person.
    pub login: Option<String>,
    pub position_code: Option<String>,
    pub grade: Option<String>,
    pub employment: Employment,
}

impl Staff {
    /// Their place on the record: manager, unit, kind, title.
    pub fn placement(&self) -> Placement {
        Placement {
            manager_code: self.manager_code.clone(),
            unit: self.unit.clone(),
            kind: self.kind,
            title: self.title.clone(),
        }
    }

    /// Puts them in place `p` (their record on some date).
    pub fn set_placement(&mut self, p: Placement) {
        self.manager_code = p.manager_code;
        self.unit = p.unit;
        self.kind = p.kind;
        self.title = p.title;
    }

    /// A person with only what the rules need — title "Chuyên viên", group
    /// CBLĐQL for leaders and CC otherwise, employed throughout, no birth date,
    /// position or grade. For tests and examples.
    pub fn new(
        code: &str,
        full_name: &str,
        unit: &str,
        kind: StaffKind,
        manager: Option<&str>,
        login: Option<&str>,
    ) -> Staff {
        Staff {
            code: code.into(),
            full_name: full_name.into(),
            birth_date: None,
            title: "Chuyên viên".into(),
            unit: unit.into(),
            kind,
            group: if kind == StaffKind::Leader {
                StaffGroup::Cbldql
            } else {
                StaffGroup::Cc
            },
            party_member: false,
            manager_code: manager.map(Into::into),
            login: login.map(Into::into),
            position_code: None,
            grade: None,
            employment: Employment::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn partial_months_are_not_required() {
        let e = Employment {
            joined: Some(d(2026, 8, 15)),
            left: None,
        };
        assert!(!e.month_required(Month {
            year: 2026,
            month: 7
        }));
        assert!(!e.month_required(Month {
            year: 2026,
            month: 8
        }));
        assert!(e.month_required(Month {
            year: 2026,
            month: 9
        }));
        let gone = Employment {
            joined: None,
            left: Some(d(2026, 8, 31)),
        };
        assert!(gone.month_required(Month {
            year: 2026,
            month: 8
        }));
        assert!(!gone.month_required(Month {
            year: 2026,
            month: 9
        }));
    }

    #[test]
    fn assessed_when_employed_on_the_25th_of_the_last_month() {
        let q3 = Quarter { year: 2026, q: 3 };
        assert!(
            Employment {
                joined: Some(d(2026, 9, 25)),
                left: None
            }
            .assessed_in(q3)
        );
        assert!(
            !Employment {
                joined: Some(d(2026, 9, 26)),
                left: None
            }
            .assessed_in(q3)
        );
        assert!(
            !Employment {
                joined: None,
                left: Some(d(2026, 9, 24))
            }
            .assessed_in(q3)
        );
    }

    #[test]
    fn groups_read_with_or_without_diacritics() {
        assert_eq!(StaffGroup::parse("CBLĐQL"), Some(StaffGroup::Cbldql));
        assert_eq!(StaffGroup::parse("cbldql"), Some(StaffGroup::Cbldql));
        assert_eq!(StaffGroup::parse("NLĐ"), Some(StaffGroup::Nld));
        assert_eq!(StaffGroup::parse("vc"), Some(StaffGroup::Vc));
        assert_eq!(StaffGroup::parse("XYZ"), None);
    }
}
