//! Text rules of the writers: spreadsheet-safe cells, valid and unique sheet
//! names, Markdown escaping, and an estimate of how many lines a wrapped
//! cell takes (spreadsheets do not grow merged cells to fit their text).

use crate::text::{fold, nfc};
use std::collections::HashSet;

/// Does a spreadsheet read this text as a formula (or a DDE command)?
/// Cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return are.
pub fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell for a CSV file: NFC, no control character but the line break
/// (escape sequences, tabs, carriage returns) and no bidirectional control
/// ([`crate::text::printable_lines`]), and prefixed with `'` where a
/// spreadsheet would otherwise evaluate it (OWASP's advice for CSV
/// injection).
pub fn csv_safe(s: &str) -> String {
    // Judged on the text as stored: a leading tab is a space once cleaned.
    let formula = formula_like(s);
    let s = nfc(&crate::text::printable_lines(s));
    if formula || formula_like(&s) {
        format!("'{s}")
    } else {
        s
    }
}

/// Characters Excel refuses in a sheet name.
const SHEET_FORBIDDEN: &[char] = &['[', ']', ':', '*', '?', '/', '\\'];
/// Excel's limit on a sheet name, in characters.
const SHEET_MAX: usize = 31;

/// Valid, distinct sheet names for the wished-for names, in order: the
/// characters Excel refuses replaced, at most 31 characters, no apostrophe
/// at either end, never "History", and a " (2)", " (3)" … suffix where two
/// names would be equal ignoring case (as Excel compares them).
pub fn sheet_names<'a>(wishes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (i, wish) in wishes.into_iter().enumerate() {
        let base = clean_sheet_name(wish, i + 1);
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.to_lowercase()) {
            let suffix = format!(" ({n})");
            let keep = SHEET_MAX - suffix.chars().count();
            let stem: String = base.chars().take(keep).collect();
            name = format!("{}{suffix}", stem.trim_end());
            n += 1;
        }
        out.push(name);
    }
    out
}

fn clean_sheet_name(wish: &str, index: usize) -> String {
    let s: String = nfc(wish)
        .chars()
        .map(|c| {
            if SHEET_FORBIDDEN.contains(&c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s: String = s.trim().chars().take(SHEET_MAX).collect();
    let s = s.trim_matches('\'').trim().to_owned();
    if s.is_empty() {
        format!("Trang {index}")
    } else if s.eq_ignore_ascii_case("history") {
        format!("{s} 1")
    } else {
        s
    }
}

/// Text inside Markdown: NFC, characters that would start markup escaped,
/// line breaks as `<br>` (so a cell stays one table cell).
pub fn md(s: &str) -> String {
    let s = nfc(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown text that starts a line: also keeps a leading "1." or "-" from
/// turning the line into a list.
pub fn md_line(s: &str) -> String {
    let t = md(s);
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && t[digits..].starts_with(". ") {
        format!("{}\\{}", &t[..digits], &t[digits..])
    } else if t.starts_with(['-', '+']) {
        format!("\\{t}")
    } else {
        t
    }
}

/// The advance of a character in Times New Roman, in thousandths of an em
/// (the font's published metrics; Vietnamese letters take their base
/// letter's width). Bold text is about 6 % wider.
fn advance(c: char) -> u32 {
    let base = fold(&c.to_string()).chars().next().unwrap_or(c);
    let upper = c.is_uppercase();
    let w = match base.to_ascii_lowercase() {
        'm' if upper => 889,
        'w' if upper => 944,
        'i' if upper => 333,
        'j' if upper => 389,
        'e' | 'l' | 't' | 'z' if upper => 611,
        'b' | 'c' | 'r' if upper => 667,
        'f' | 'p' | 's' if upper => 556,
        _ if upper => 722,
        'm' => 778,
        'w' => 722,
        'i' | 'j' | 'l' | 't' => 278,
        'f' | 'r' => 333,
        's' => 389,
        'a' | 'c' | 'e' | 'z' => 444,
        'a'..='z' | '0'..='9' => 500,
        ' ' | '.' | ',' => 250,
        ':' | ';' | '/' | '!' | '\'' => 278,
        '-' | '(' | ')' | '[' | ']' => 333,
        '…' => 1000,
        '–' => 500,
        '—' => 1000,
        '☐' | '☒' => 900,
        _ => 560,
    };
    // ơ, ư carry a horn that sticks out to the right.
    if matches!(
        c,
        'ơ' | 'ư'
            | 'Ơ'
            | 'Ư'
            | 'ờ'
            | 'ớ'
            | 'ở'
            | 'ỡ'
            | 'ợ'
            | 'ừ'
            | 'ứ'
            | 'ử'
            | 'ữ'
            | 'ự'
    ) {
        w + 60
    } else {
        w
    }
}

/// The width of `s` in points at `size` points.
pub fn text_width(s: &str, size: f64, bold: bool) -> f64 {
    let em: u32 = s.chars().map(advance).sum();
    let w = f64::from(em) / 1000.0 * size;
    if bold { w * 1.06 } else { w }
}

/// The usable width in points of cells spanning Excel column widths
/// `widths` (a width of w characters is 8w + 5 pixels with Times New Roman
/// 12 as the workbook's default font, whose digits are 8 pixels wide; a
/// pixel is ¾ point; a cell keeps a little padding on each side).
pub fn cells_width(widths: &[f64]) -> f64 {
    let px: f64 = widths.iter().map(|w| (w * 8.0 + 5.0).floor()).sum();
    // 5 % to spare: a line that wraps one word early must not be clipped.
    (px * 0.75 - 6.0) * 0.95
}

/// How many lines `text` wraps to in `width` points (word wrap, long words
/// broken), counting explicit line breaks.
pub fn wrapped_lines(text: &str, width: f64, size: f64, bold: bool) -> usize {
    let space = text_width(" ", size, bold);
    let mut total = 0;
    for para in text.split('\n') {
        let mut lines = 1;
        let mut used = 0.0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let w = text_width(word, size, bold);
            let need = if used > 0.0 { used + space + w } else { w };
            if need <= width {
                used = need;
            } else if used == 0.0 {
                // A word longer than the line breaks across lines.
                let extra = (w / width).ceil().max(1.0) as usize;
                lines += extra - 1;
                used = w - (extra - 1) as f64 * width;
            } else {
                lines += 1;
                used = w.min(width);
            }
        }
        total += lines;
    }
    total.max(1)
}

/// The height in points of `lines` lines of text at `size` points, as
/// spreadsheets space them: one line is the default row height of the font
/// (15.75 pt at 12 pt), wrapped lines are about 1.2 em apart, plus padding.
pub fn lines_height(lines: usize, size: f64) -> f64 {
    if lines <= 1 {
        (size * 1.3125 * 4.0).ceil() / 4.0
    } else {
        (lines as f64 * size * 1.2 + 3.0).ceil()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_quoted_in_csv() {
        assert_eq!(csv_safe("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        for s in ["+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_safe(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(csv_safe("Nguyễn Văn An"), "Nguyễn Văn An");
        assert_eq!(csv_safe("25"), "25");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let names = sheet_names([
            "Nguyễn Văn An",
            "nguyễn văn an",
            "a/b[c]:d*e?f\\g",
            "'quoted'",
            "",
            "History",
            "Một cái tên rất dài vượt quá ba mươi mốt ký tự",
            "Một cái tên rất dài vượt quá ba mươi mốt ký tự",
        ]);
        assert_eq!(names[0], "Nguyễn Văn An");
        assert_eq!(names[1], "nguyễn văn an (2)");
        assert_eq!(names[2], "a_b_c__d_e_f_g");
        assert_eq!(names[3], "quoted");
        assert_eq!(names[4], "Trang 5");
        assert_ne!(names[5].to_lowercase(), "history");
        for n in &names {
            assert!(n.chars().count() <= 31, "{n}");
            assert!(!n.contains(SHEET_FORBIDDEN), "{n}");
        }
        assert_ne!(names[6], names[7]);
        let lower: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(lower.len(), names.len());
    }

    #[test]
    fn markdown_text_cannot_break_a_table_or_start_a_list() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("x\ny"), "x<br>y");
        assert_eq!(md_line("1. Về đạo đức"), "1\\. Về đạo đức");
        assert_eq!(md_line("- x"), "\\- x");
    }

    #[test]
    fn wrapping_estimate_grows_with_text() {
        let one = wrapped_lines("Nguyễn Văn An", 200.0, 12.0, false);
        assert_eq!(one, 1);
        let long = "Chấp hành nghiêm quy định của Đảng, pháp luật của Nhà nước; nội quy, quy chế của cơ quan, đơn vị và chuẩn mực đạo đức nghề nghiệp.";
        assert!(wrapped_lines(long, 250.0, 12.0, false) >= 3);
        assert_eq!(wrapped_lines("a\nb", 200.0, 12.0, false), 2);
    }
}
