//! Quá trình công tác: where a person stood on a given date — their direct
//! manager (the manager of record), unit, kind and title — from the dated
//! changes of the staff record (SPEC section 3: "the staff record keeps the
//! history of manager, unit and kind changes with their effective dates").
//!
//! A person whose place never changed has no history: their staff row is
//! their record since `joined`. The first recorded change writes two
//! entries: the place as it stood from `joined` (or since always, where
//! `joined` is empty), and the new one from its effective date. Before its
//! first entry's date the first entry holds (before `joined` nobody is
//! assessed or counted anyway: employment decides that).

use super::quarter::Quarter;
use super::reference::StaffKind;
use chrono::NaiveDate;

/// A person's place on the staff record: what decides their form (the
/// kind), who reviews them and whose subordinate they are (the manager),
/// and what the forms print (unit, title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The direct manager's code (người có thẩm quyền đánh giá).
    pub manager_code: Option<String>,
    pub unit: String,
    pub kind: StaffKind,
    /// Chức vụ / chức danh.
    pub title: String,
}

/// One dated entry of a person's history: the placement holds from
/// `effective` (`None`: since always) until the next entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub effective: Option<NaiveDate>,
    pub placement: Placement,
}

/// A person's recorded places, oldest first (never empty when built by
/// [`History::new`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History(Vec<Dated>);

impl History {
    /// The entries sorted by date; `None` when there are none (the staff
    /// row is then the person's record throughout).
    pub fn new(mut entries: Vec<Dated>) -> Option<History> {
        if entries.is_empty() {
            return None;
        }
        entries.sort_by_key(|d| d.effective);
        Some(History(entries))
    }

    pub fn entries(&self) -> &[Dated] {
        &self.0
    }

    /// The placement on record on `date`: the last entry dated on or before
    /// it, else the first.
    pub fn at(&self, date: NaiveDate) -> &Placement {
        let after = self
            .0
            .partition_point(|d| d.effective.is_none_or(|e| e <= date));
        &self.0[after.saturating_sub(1)].placement
    }

    /// The current record: the latest entry, whatever its date.
    pub fn latest(&self) -> &Placement {
        &self.0[self.0.len() - 1].placement
    }
}

/// The dates of a quarter that the staff record decides: the end of each
/// month (whose subordinate a person is for rule 3) and the assessment date
/// (form, reviewer, what the forms print).
pub fn month_ends(q: Quarter) -> [NaiveDate; 3] {
    q.months().map(|m| m.last_day())
}

/// For each month of `q`: was `manager` the person's manager of record at
/// its end?
pub fn under(history: &History, manager: &str, q: Quarter) -> [bool; 3] {
    month_ends(q).map(|d| history.at(d).manager_code.as_deref() == Some(manager))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn placed(manager: &str, kind: StaffKind) -> Placement {
        Placement {
            manager_code: Some(manager.into()),
            unit: "Phòng Nội vụ".into(),
            kind,
            title: "Chuyên viên".into(),
        }
    }

    #[test]
    fn the_entry_in_force_is_the_last_one_dated_on_or_before_the_day() {
        let h = History::new(vec![
            Dated {
                effective: Some(d(2026, 8, 1)),
                placement: placed("L2", StaffKind::Staff),
            },
            Dated {
                effective: None,
                placement: placed("L1", StaffKind::Staff),
            },
        ])
        .unwrap();
        assert_eq!(h.at(d(2026, 7, 31)).manager_code.as_deref(), Some("L1"));
        assert_eq!(h.at(d(2026, 8, 1)).manager_code.as_deref(), Some("L2"));
        assert_eq!(h.latest().manager_code.as_deref(), Some("L2"));
        let q3 = Quarter { year: 2026, q: 3 };
        assert_eq!(under(&h, "L1", q3), [true, false, false]);
        assert_eq!(under(&h, "L2", q3), [false, true, true]);
    }

    #[test]
    fn before_the_first_entry_the_first_holds() {
        let h = History::new(vec![
            Dated {
                effective: Some(d(2026, 3, 1)),
                placement: placed("L1", StaffKind::Staff),
            },
            Dated {
                effective: Some(d(2026, 9, 30)),
                placement: placed("L2", StaffKind::Leader),
            },
        ])
        .unwrap();
        assert_eq!(h.at(d(2020, 1, 1)).manager_code.as_deref(), Some("L1"));
        // A change on the last day of September counts for September.
        assert_eq!(
            under(&h, "L2", Quarter { year: 2026, q: 3 }),
            [false, false, true]
        );
        assert!(History::new(Vec::new()).is_none());
    }
}
