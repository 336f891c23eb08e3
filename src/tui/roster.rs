//! The staff list as the TUI holds it: one small fixed-size row per person
//! and all their text (code, name, search fold) in one shared buffer, unit
//! names interned — about 90 bytes a person, so 100,000 people take some
//! 9 MB instead of the full staff and status records.

use crate::domain::StaffKind;
use crate::domain::checklist::ChecklistState;
use crate::domain::rules::Outcome;
use crate::service::RosterLine;
use crate::text::fold;
use std::collections::HashMap;

/// No manager.
const NONE: i64 = i64::MIN;

/// What a change to a person's checklist or ratings changes in their line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineStatus {
    pub outcome: Outcome,
    pub state: Option<ChecklistState>,
    pub self_marked: u8,
    pub reviewed: u8,
    pub items: u8,
}

impl LineStatus {
    pub fn new(
        outcome: Outcome,
        state: Option<ChecklistState>,
        self_marked: usize,
        reviewed: usize,
        items: usize,
    ) -> LineStatus {
        let small = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
        LineStatus {
            outcome,
            state,
            self_marked: small(self_marked),
            reviewed: small(reviewed),
            items: small(items),
        }
    }

    fn of(l: &RosterLine) -> LineStatus {
        LineStatus::new(l.outcome, l.state, l.self_marked, l.reviewed, l.items)
    }
}

/// The set of bytes a text holds, coarsely: one bit per ASCII letter or
/// digit (case folded), one for anything else but white space (which no
/// word holds). A word can only be found in a text whose set includes the
/// word's; for a word of one letter or digit the test is exact.
pub fn byte_set(s: &str) -> u64 {
    let mut set = 0u64;
    for b in s.bytes().filter(|b| !b.is_ascii_whitespace()) {
        set |= 1
            << match b.to_ascii_lowercase() {
                b @ b'a'..=b'z' => b - b'a',
                b @ b'0'..=b'9' => 26 + b - b'0',
                _ => 36,
            };
    }
    set
}

#[derive(Debug, Clone, Copy)]
struct Row {
    /// Where the person's text starts in `Roster::text`.
    start: u32,
    code_len: u32,
    name_len: u32,
    unit: u32,
    /// Row ids of the person and of their direct manager (or `NONE`).
    id: i64,
    manager_id: i64,
    kind: StaffKind,
    status: LineStatus,
}

/// One person of the list, borrowed from the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person<'a> {
    /// Row id in the database.
    pub id: i64,
    pub code: &'a str,
    pub name: &'a str,
    /// Fold of name and code, for diacritic-insensitive filtering.
    pub fold: &'a str,
    pub unit: &'a str,
    pub kind: StaffKind,
    /// Row id of the direct manager.
    pub manager_id: Option<i64>,
    pub outcome: Outcome,
    pub state: Option<ChecklistState>,
    pub self_marked: usize,
    pub reviewed: usize,
    pub items: usize,
}

/// The people of one quarter's list, in list order.
#[derive(Debug, Default)]
pub struct Roster {
    /// Each person's code and name, back to back.
    text: String,
    rows: Vec<Row>,
    /// The search folds, back to back, apart from the rest so that a filter
    /// scans dense memory: fold `i` ends at `fold_ends[i]`.
    folds: String,
    fold_ends: Vec<u32>,
    /// `byte_set` of each fold, to skip rows that cannot match a word.
    fold_sets: Vec<u64>,
    /// Interned unit names; rows refer to them by index.
    units: Vec<Box<str>>,
    /// Row indices ordered by code (codes are unique), for lookups.
    by_code: Vec<u32>,
}

/// Builds a roster from lines handed over one at a time.
#[derive(Default)]
pub struct RosterBuilder {
    roster: Roster,
    unit_index: HashMap<Box<str>, u32>,
}

impl RosterBuilder {
    /// Adds a person's line. Code and name are kept in NFC (as stored), so
    /// that drawing them needs no normalisation.
    pub fn push(&mut self, l: &RosterLine) {
        let r = &mut self.roster;
        let start = r.text.len() as u32;
        push_nfc(&mut r.text, l.code);
        let code_len = r.text.len() - start as usize;
        push_nfc(&mut r.text, l.name);
        let name_len = r.text.len() - start as usize - code_len;
        let fold_at = r.folds.len();
        r.folds.push_str(&fold(l.name));
        r.folds.push(' ');
        r.folds.push_str(&l.code.to_lowercase());
        r.fold_sets.push(byte_set(&r.folds[fold_at..]));
        r.fold_ends.push(r.folds.len() as u32);
        let unit = match self.unit_index.get(l.unit) {
            Some(&u) => u,
            None => {
                let u = r.units.len() as u32;
                r.units.push(nfc_of(l.unit).into());
                self.unit_index.insert(l.unit.into(), u);
                u
            }
        };
        r.rows.push(Row {
            start,
            code_len: code_len as u32,
            name_len: name_len as u32,
            unit,
            id: l.id,
            manager_id: l.manager_id.unwrap_or(NONE),
            kind: l.kind,
            status: LineStatus::of(l),
        });
    }

    pub fn finish(self) -> Roster {
        let mut r = self.roster;
        let mut by_code: Vec<u32> = (0..r.rows.len() as u32).collect();
        by_code.sort_unstable_by(|&a, &b| r.code(a).cmp(r.code(b)));
        r.by_code = by_code;
        r.text.shrink_to_fit();
        r.rows.shrink_to_fit();
        r.folds.shrink_to_fit();
        r.fold_ends.shrink_to_fit();
        r.fold_sets.shrink_to_fit();
        r.units.shrink_to_fit();
        r
    }
}

impl Roster {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn code(&self, i: u32) -> &str {
        let r = &self.rows[i as usize];
        let s = r.start as usize;
        &self.text[s..s + r.code_len as usize]
    }

    /// The person at row `i` (panics outside the list, like a slice).
    pub fn get(&self, i: usize) -> Person<'_> {
        let r = &self.rows[i];
        let s = r.start as usize;
        let name_at = s + r.code_len as usize;
        Person {
            id: r.id,
            code: &self.text[s..name_at],
            name: &self.text[name_at..name_at + r.name_len as usize],
            fold: self.fold_of(i),
            unit: &self.units[r.unit as usize],
            kind: r.kind,
            manager_id: (r.manager_id != NONE).then_some(r.manager_id),
            outcome: r.status.outcome,
            state: r.status.state,
            self_marked: r.status.self_marked.into(),
            reviewed: r.status.reviewed.into(),
            items: r.status.items.into(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Person<'_>> {
        (0..self.rows.len()).map(|i| self.get(i))
    }

    /// The row of the person with this code.
    pub fn find(&self, code: &str) -> Option<usize> {
        self.by_code
            .binary_search_by(|&i| self.code(i).cmp(code))
            .ok()
            .map(|k| self.by_code[k] as usize)
    }

    /// The row of the person with this row id (a scan: for rare events).
    pub fn find_id(&self, id: i64) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }

    /// Puts a person's fresh status in their line; `false` if the person is
    /// not in the list or nothing changed.
    pub fn update(&mut self, code: &str, l: &RosterLine) -> bool {
        self.set_status(code, LineStatus::of(l))
    }

    /// Like [`Roster::update`], from the status itself.
    pub fn set_status(&mut self, code: &str, status: LineStatus) -> bool {
        let Some(i) = self.find(code) else {
            return false;
        };
        let row = &mut self.rows[i];
        let changed = row.status != status;
        row.status = status;
        changed
    }

    /// The unit names, sorted.
    pub fn units(&self) -> Vec<String> {
        let mut units: Vec<String> = self.units.iter().map(|u| u.to_string()).collect();
        units.sort();
        units
    }

    /// Index of a unit name, if anyone is in it.
    pub fn unit_index(&self, unit: &str) -> Option<u32> {
        self.units
            .iter()
            .position(|u| &**u == unit)
            .map(|i| i as u32)
    }

    pub fn unit_of(&self, i: usize) -> u32 {
        self.rows[i].unit
    }

    pub fn outcome_of(&self, i: usize) -> Outcome {
        self.rows[i].status.outcome
    }

    pub fn fold_set_of(&self, i: usize) -> u64 {
        self.fold_sets[i]
    }

    pub fn fold_of(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.fold_ends[i - 1] };
        &self.folds[start as usize..self.fold_ends[i] as usize]
    }
}

fn nfc_of(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(crate::text::nfc(s))
    }
}

fn push_nfc(out: &mut String, s: &str) {
    out.push_str(&nfc_of(s));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(
        id: i64,
        code: &'a str,
        name: &'a str,
        unit: &'a str,
        manager: Option<i64>,
    ) -> RosterLine<'a> {
        RosterLine {
            id,
            code,
            name,
            unit,
            kind: StaffKind::Staff,
            manager_id: manager,
            outcome: Outcome::Pending,
            state: None,
            self_marked: 0,
            reviewed: 3,
            items: 18,
        }
    }

    fn roster() -> Roster {
        let mut b = RosterBuilder::default();
        b.push(&line(7, "B2", "Nguyễn Thị Lan", "Phòng Nội vụ", Some(9)));
        b.push(&line(9, "A1", "Trần Văn Hùng", "Phòng Nội vụ", None));
        b.push(&line(3, "C3", "Lê Văn Nam", "Văn phòng", Some(42)));
        b.finish()
    }

    #[test]
    fn rows_give_back_what_was_pushed() {
        let r = roster();
        assert_eq!(r.len(), 3);
        let p = r.get(0);
        assert_eq!(
            (p.code, p.name, p.unit),
            ("B2", "Nguyễn Thị Lan", "Phòng Nội vụ")
        );
        assert_eq!(p.fold, "nguyen thi lan b2");
        assert_eq!((p.reviewed, p.items), (3, 18));
        assert_eq!(p.manager_id, Some(9));
        assert_eq!(r.get(1).manager_id, None);
        assert_eq!(r.find_id(9), Some(1));
        assert_eq!(r.find_id(42), None, "a manager outside the list");
        assert_eq!(r.get(2).unit, "Văn phòng");
        assert_eq!(r.fold_of(2), "le van nam c3");
    }

    #[test]
    fn byte_sets_tell_which_rows_may_hold_a_word() {
        let lan = byte_set("nguyen thi lan b2");
        for word in ["n", "lan", "b2", "thi"] {
            assert_eq!(lan & byte_set(word), byte_set(word), "{word}");
        }
        for word in ["z", "k", "3", "é"] {
            assert_ne!(lan & byte_set(word), byte_set(word), "{word}");
        }
        assert_eq!(byte_set("ABC"), byte_set("abc"));
    }

    #[test]
    fn decomposed_text_is_kept_composed() {
        let mut b = RosterBuilder::default();
        let nfd = "Nguye\u{302}\u{303}n"; // Nguyễn, decomposed
        b.push(&line(1, "A1", nfd, "Pho\u{300}ng", None));
        let r = b.finish();
        assert_eq!(r.get(0).name, "Nguyễn");
        assert_eq!(r.get(0).unit, "Phòng");
        assert_eq!(r.get(0).fold, "nguyen a1");
    }

    #[test]
    fn units_are_interned_and_codes_found() {
        let r = roster();
        assert_eq!(r.units(), vec!["Phòng Nội vụ", "Văn phòng"]);
        assert_eq!(r.unit_of(0), r.unit_of(1));
        assert_ne!(r.unit_of(0), r.unit_of(2));
        assert_eq!(r.find("A1"), Some(1));
        assert_eq!(r.find("C3"), Some(2));
        assert_eq!(r.find("Z9"), None);
    }

    #[test]
    fn an_update_changes_one_line() {
        let mut r = roster();
        let mut l = line(7, "B2", "Nguyễn Thị Lan", "Phòng Nội vụ", Some(9));
        l.outcome = Outcome::Pass;
        l.reviewed = 18;
        assert!(r.update("B2", &l));
        assert!(!r.update("B2", &l), "nothing new the second time");
        assert_eq!(r.get(0).outcome, Outcome::Pass);
        assert_eq!(r.get(0).reviewed, 18);
        assert_eq!(r.get(1).outcome, Outcome::Pending);
        assert!(!r.update("Z9", &l));
    }
}
