//! Vietnamese text: NFC normalisation, the diacritic-free search fold,
//! display width, and text made safe for a terminal.
//!
//! Everything a person types or a file brings is normalised to NFC before it
//! is stored or compared; search compares the *fold* (`Nguyễn` → `nguyen`,
//! `Đ` → `d`), so typing without diacritics finds the accented name.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_width::UnicodeWidthStr;

/// The NFC form of `s` (a combining mark typed after a letter composes with it).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The search fold: NFD, combining marks dropped, `đ`/`Đ` → `d`, lower case.
///
/// Each character is decomposed on its own: NFD's one other step, putting
/// combining marks in canonical order, only moves marks, which the fold
/// drops. (A whole-string `nfd()` looks every ASCII letter up in the
/// combining-class tables; this fold runs once per imported name.)
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            decompose_canonical(c, |d| {
                if is_combining_mark(d) {
                    return;
                }
                match d {
                    'đ' | 'Đ' => out.push('d'),
                    d if d.is_ascii() => out.push(d.to_ascii_lowercase()),
                    d => out.extend(d.to_lowercase()),
                }
            });
        }
    }
    out
}

/// The columns `s` takes on a terminal, measured on its NFC form so that a
/// decomposed (NFD) `ế` counts as one column like the composed one.
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    nfc(s).width()
}

/// A character that must never reach a terminal as it is: C0 and C1
/// controls and DEL (an escape sequence stored in a name or a setting would
/// be run by every terminal that shows it), and the bidirectional controls
/// — embeddings, overrides, isolates and marks (U+202E turns
/// `Nguyễn<RLO>gnp.exe` around on screen).
pub fn unsafe_for_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// The character shown in place of one that may not reach a terminal.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Text from the database or a file as a terminal may show it on one line:
/// tabs and line breaks become spaces, every other
/// [`unsafe_for_terminal`] character becomes [`REPLACEMENT`]. The one
/// function for every table, message and screen (the TUI's lines go through
/// [`truncate`] and [`fit`], which use it).
/// JSON text with every character a terminal would act on (beyond what
/// `serde_json` escapes: C1 controls, DEL, bidi controls) written as a
/// `\uXXXX` escape: the same JSON value, harmless on a terminal. Such a
/// character can only stand inside a string, where the escape means it.
pub fn json_printable(json: String) -> String {
    if !json.chars().any(|c| c != '\n' && unsafe_for_terminal(c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c != '\n' && unsafe_for_terminal(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

pub fn printable(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// [`printable`], but line breaks (LF) are kept: multi-line messages, and
/// CSV cells written to a file or a pipe (the CSV's own quoting carries
/// them).
pub fn printable_lines(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

fn clean(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let bad = |c: char| unsafe_for_terminal(c) && !(keep_lines && c == '\n');
    // Most text is plain: no copy.
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                c if !bad(c) => c,
                '\t' | '\n' | '\r' => ' ',
                _ => REPLACEMENT,
            })
            .collect(),
    )
}

/// `s` cut to at most `width` terminal columns, with `…` where it was cut,
/// made [`printable`].
pub fn truncate(s: &str, width: usize) -> String {
    let s = nfc(&printable(s));
    if s.width() <= width {
        return s;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `s` cut or padded with spaces to exactly `width` terminal columns.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Splits folded text into words (letters and digits), for word matching.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_its_value_and_loses_what_a_terminal_acts_on() {
        let evil = "Evil\u{1b}]0;x\u{7}\u{9b}31m\u{202e}gnp.exe\u{2067}";
        let json = serde_json::to_string(&serde_json::json!({ "name": evil })).unwrap();
        let safe = json_printable(json);
        assert!(!safe.chars().any(unsafe_for_terminal), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], evil);
    }

    #[test]
    fn fold_removes_vietnamese_diacritics_and_d_stroke() {
        assert_eq!(fold("Nguyễn Thị Đào"), "nguyen thi dao");
        assert_eq!(fold("CHUYÊN VIÊN CHÍNH"), "chuyen vien chinh");
        assert_eq!(fold("Ưu tiên, ơ kìa"), "uu tien, o kia");
    }

    #[test]
    fn fold_of_nfd_input_equals_fold_of_nfc_input() {
        let nfd: String = "Phạm Hồng Dương".nfd().collect();
        assert_ne!(nfd, "Phạm Hồng Dương");
        assert_eq!(fold(&nfd), fold("Phạm Hồng Dương"));
    }

    /// The fold as first written: the whole string to NFD, then filtered.
    fn fold_by_nfd(s: &str) -> String {
        let mut out = String::new();
        for c in s.nfd() {
            if is_combining_mark(c) {
                continue;
            }
            match c {
                'đ' | 'Đ' => out.push('d'),
                c => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn fold_char_by_char_equals_fold_of_the_nfd(
            s in "[a-zA-Z0-9 .,Đđ\\u{00C0}-\\u{024F}\\u{0300}-\\u{036F}\\u{1E00}-\\u{1EFF}\\u{AC00}-\\u{AC40}]{0,40}",
            any in ".{0,20}",
        ) {
            proptest::prop_assert_eq!(fold(&s), fold_by_nfd(&s));
            proptest::prop_assert_eq!(fold(&any), fold_by_nfd(&any));
        }
    }

    #[test]
    fn nfc_composes_a_mark_typed_after_its_letter() {
        // "e" + combining circumflex + combining acute = "ế"
        assert_eq!(nfc("e\u{302}\u{301}"), "ế");
    }

    #[test]
    fn display_width_counts_decomposed_letters_once() {
        let nfd: String = "Nguyễn".nfd().collect();
        assert_eq!(display_width(&nfd), 6);
        assert_eq!(display_width("Nguyễn"), 6);
    }

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("Đạt", 5), "Đạt  ");
        assert_eq!(fit("Nguyễn Văn An", 8), "Nguyễn …");
        assert_eq!(display_width(&fit("Nguyễn Văn An", 8)), 8);
        let nfd: String = "Nguyễn".nfd().collect();
        assert_eq!(fit(&nfd, 7), "Nguyễn ");
    }

    #[test]
    fn escapes_and_bidi_controls_never_come_out() {
        let evil = "An\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}exe.txt\u{2066}x\u{2069}";
        for out in [
            printable(evil).into_owned(),
            printable_lines(evil).into_owned(),
            fit(evil, 60),
            truncate(evil, 10),
        ] {
            assert!(!out.chars().any(unsafe_for_terminal), "{out:?}");
        }
        assert_eq!(printable("Nguyễn Văn An"), "Nguyễn Văn An");
        assert!(matches!(printable("Nguyễn"), Cow::Borrowed(_)));
        assert_eq!(printable("a\tb\nc"), "a b c");
        assert_eq!(printable_lines("a\tb\nc\r"), "a b\nc ");
    }

    #[test]
    fn words_split_on_punctuation() {
        let w: Vec<_> = words("lđql 01/qhtx-hc").collect();
        assert_eq!(w, vec!["lđql", "01", "qhtx", "hc"]);
    }
}
