//! How long stored text may be. The forms are printed: a 40,000-character
//! note made form 03 unprintable (a spreadsheet row cannot grow that tall,
//! and a cell holds at most 32,767 characters). Every write path of the
//! service checks these — from the TUI, the CLI and imports alike — and
//! refuses, naming the field and its limit, rather than cutting text.
//!
//! | field | at most (characters, after NFC and trimming) |
//! |---|---|
//! | item note (self or review), return note, achievement summary, commitment focus | 2,000 |
//! | KPI task text (name, description, note) | 1,000 |
//! | name, title, unit, report settings | 200 |
//! | code, login, position code, grade | 64 |

/// A text field with a length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// Ghi chú of a checklist item (self or review).
    Note,
    /// Lý do trả lại: what to revise.
    ReturnNote,
    /// Trích ngang thành tích: the achievement summary of form 05B.
    Achievement,
    /// A focus point of the yearly commitment (form 01).
    Commitment,
    /// Họ và tên.
    Name,
    /// Chức vụ / chức danh.
    Title,
    /// Đơn vị.
    Unit,
    /// A report setting (the forms' header).
    Setting,
    /// A KPI task's text.
    KpiText,
    /// A code, a login, a position code or a grade.
    Code,
}

impl TextField {
    /// The most characters the field may hold.
    pub fn max_chars(self) -> usize {
        match self {
            TextField::Note
            | TextField::ReturnNote
            | TextField::Achievement
            | TextField::Commitment => 2_000,
            TextField::KpiText => 1_000,
            TextField::Name | TextField::Title | TextField::Unit | TextField::Setting => 200,
            TextField::Code => 64,
        }
    }

    /// `Err` with the length found if `value` is over the limit.
    pub fn check(self, value: &str) -> Result<(), TooLong> {
        let max = self.max_chars();
        // A char takes at least one byte: short text needs no counting.
        if value.len() <= max {
            return Ok(());
        }
        let len = value.chars().count();
        if len > max {
            return Err(TooLong {
                field: self,
                max,
                len,
            });
        }
        Ok(())
    }
}

/// A value over its field's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{field:?}: {len} characters, over the limit of {max}")]
pub struct TooLong {
    pub field: TextField,
    pub max: usize,
    pub len: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_not_bytes() {
        assert!(TextField::Name.check(&"ễ".repeat(200)).is_ok());
        let e = TextField::Name.check(&"ễ".repeat(201)).unwrap_err();
        assert_eq!((e.max, e.len), (200, 201));
        assert!(TextField::Note.check(&"x".repeat(2_000)).is_ok());
        assert!(TextField::Note.check(&"x".repeat(40_000)).is_err());
    }
}
