//! Markdown: the whole form, for reading on screen, in a wiki or in a
//! review. The header block and the signatures are two-column tables (left
//! and right halves of the page); merged cells are written once, in their
//! first column; per-person forms are separated by a rule.

use super::layout::{Align, Block, Document, Line, Section, SignBlock, Style, Table, Value};
use super::text::{md, md_line};
use std::fmt::Write as _;

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for (i, s) in doc.sections.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n\n");
        }
        section(&mut out, s);
    }
    out
}

fn styled(text: &str, style: Style) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    match style {
        Style::Normal => text.to_owned(),
        Style::Bold => format!("**{text}**"),
        Style::Italic => format!("*{text}*"),
        Style::BoldItalic => format!("***{text}***"),
    }
}

fn line(l: &Line) -> String {
    styled(&md_line(&l.text), l.style)
}

fn section(out: &mut String, s: &Section) {
    let _ = writeln!(out, "*{}*\n", md(&s.label));
    let _ = writeln!(
        out,
        "| {} | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
        md(&s.org[0])
    );
    let _ = writeln!(out, "| :---: | :---: |");
    let _ = writeln!(
        out,
        "| {} | **Độc lập - Tự do - Hạnh phúc** |",
        styled(&md(&s.org[1]), Style::Bold)
    );
    let _ = writeln!(out, "|  | *{}* |\n", md(&s.date_line));
    for (i, l) in s.title.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "## {}\n", md_line(&l.text));
        } else {
            let _ = writeln!(out, "{}\n", line(l));
        }
    }
    let mut in_list = false;
    for b in &s.body {
        if in_list && !matches!(b, Block::Bullet(_)) {
            out.push('\n');
            in_list = false;
        }
        match b {
            Block::Para(l) => {
                let _ = writeln!(out, "{}\n", line(l));
            }
            Block::Bullet(t) => {
                let _ = writeln!(out, "- {}", md(t));
                in_list = true;
            }
            Block::Table(t) => table(out, t),
            Block::Signatures { left, right } => signatures(out, left.as_ref(), right.as_ref()),
            Block::Gap => {}
        }
    }
    if in_list {
        out.push('\n');
    }
}

fn align_mark(a: Align) -> &'static str {
    match a {
        Align::Left => ":---",
        Align::Center => ":---:",
        Align::Right => "---:",
    }
}

fn table(out: &mut String, t: &Table) {
    let labels: Vec<String> = t.columns.iter().map(|c| md(&c.label)).collect();
    let _ = writeln!(out, "| {} |", labels.join(" | "));
    let marks: Vec<&str> = t.columns.iter().map(|c| align_mark(c.align)).collect();
    let _ = writeln!(out, "| {} |", marks.join(" | "));
    for (row, values) in t.rows.iter().zip(t.grid()) {
        let cells: Vec<String> = values
            .iter()
            .map(|v| match v {
                Value::Text(s) => styled(&md(s), row.style),
                Value::Count(n) => styled(&n.to_string(), row.style),
                Value::Empty => String::new(),
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | ").trim_end());
    }
    out.push('\n');
}

/// The lines of one half of the signature row, the first being its heading.
fn sign_lines(b: Option<&SignBlock>) -> Vec<String> {
    match b {
        None => vec![String::new()],
        Some(SignBlock::Recipients(lines)) => {
            let mut v = vec![styled("Nơi nhận:", Style::BoldItalic)];
            v.extend(lines.iter().map(|l| md_line(l)));
            v
        }
        Some(SignBlock::Signer { title, hint, name }) => {
            let mut v = vec![
                styled(&md(title), Style::Bold),
                styled(&md(hint), Style::Italic),
            ];
            // The space to sign, then the name where it is known.
            if let Some(n) = name {
                v.push(String::new());
                v.push(styled(&md(n), Style::Bold));
            }
            v
        }
    }
}

fn signatures(out: &mut String, left: Option<&SignBlock>, right: Option<&SignBlock>) {
    let l = sign_lines(left);
    let r = sign_lines(right);
    let la = if matches!(left, Some(SignBlock::Recipients(_))) {
        ":---"
    } else {
        ":---:"
    };
    let n = l.len().max(r.len());
    let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
    let _ = writeln!(out, "| {} | {} |", at(&l, 0), at(&r, 0));
    let _ = writeln!(out, "| {la} | :---: |");
    for i in 1..n {
        let _ = writeln!(out, "| {} | {} |", at(&l, i), at(&r, i));
    }
    out.push('\n');
}
