//! Text entry as Vietnamese is typed: NFC throughout, a combining mark typed
//! after a letter composes with it, Ctrl-H is Backspace, paste is NFC.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{Input, Key, TextArea};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A one-line input (filters, palette, lookup), cursor at the end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
}

impl LineInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }

    pub fn insert_str(&mut self, s: &str) {
        let line: String = s.chars().filter(|c| !c.is_control()).collect();
        self.text.push_str(&line);
        self.text = self.text.nfc().collect();
    }

    /// Applies a key; `true` if the text changed.
    pub fn key(&mut self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match ev.code {
            KeyCode::Backspace => self.text.pop().is_some(),
            KeyCode::Char('h') if ctrl => self.text.pop().is_some(),
            KeyCode::Char('u') if ctrl => {
                let changed = !self.text.is_empty();
                self.text.clear();
                changed
            }
            KeyCode::Char('w') if ctrl => {
                let trimmed = self.text.trim_end().len();
                let cut = self.text[..trimmed].rfind(' ').map_or(0, |i| i + 1);
                let changed = cut != self.text.len();
                self.text.truncate(cut);
                changed
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                self.text.push(c);
                if is_combining_mark(c) {
                    self.text = self.text.nfc().collect();
                }
                true
            }
            _ => false,
        }
    }
}

/// Feeds a key to a text area: Ctrl-H deletes, a combining mark composes
/// with the character before the cursor.
pub fn textarea_key(area: &mut TextArea<'static>, ev: &KeyEvent) {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Char('h') if ctrl => {
            area.delete_char();
        }
        KeyCode::Char(c) if !ctrl && is_combining_mark(c) => {
            let ratatui_textarea::DataCursor(row, col) = area.cursor();
            let before = area
                .lines()
                .get(row)
                .and_then(|l| l.chars().nth(col.wrapping_sub(1)));
            match before.map(|b| [b, c].iter().collect::<String>().nfc().collect::<String>()) {
                Some(composed) if composed.chars().count() == 1 => {
                    area.delete_char();
                    area.insert_str(&composed);
                }
                _ => {
                    area.insert_char(c);
                }
            }
        }
        _ => {
            let input = Input::from(*ev);
            if !matches!(input.key, Key::Null) {
                area.input(input);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn a_combining_mark_composes_with_the_letter_before_it() {
        let mut i = LineInput::default();
        for c in "Nguye\u{302}\u{303}n".chars() {
            i.key(&key(c));
        }
        assert_eq!(i.text(), "Nguyễn");
        assert_eq!(i.text().chars().count(), 6);
    }

    #[test]
    fn ctrl_h_is_backspace() {
        let mut i = LineInput::default();
        i.key(&key('a'));
        i.key(&key('b'));
        i.key(&KeyEvent::new(KeyCode::Char('h'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "a");
    }

    #[test]
    fn paste_is_normalised_and_single_line() {
        let mut i = LineInput::default();
        i.insert_str("Tra\u{302}\u{300}n\nVăn");
        assert_eq!(i.text(), "TrầnVăn");
    }

    #[test]
    fn textarea_composes_marks_too() {
        let mut a = TextArea::default();
        for c in "Đa\u{323}t".chars() {
            textarea_key(&mut a, &key(c));
        }
        assert_eq!(a.lines()[0], "Đạt");
    }
}
