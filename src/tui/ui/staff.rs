//! The staff pane: a virtual list — only the rows on screen are built, so a
//! list of 100,000 people draws as fast as one of ten.

use super::pane_block;
use crate::domain::checklist::ChecklistState;
use crate::domain::rules::Outcome;
use crate::i18n::{Lang, Msg};
use crate::text::fit;
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::fmt::Write as _;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn outcome_label(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Pass => Msg::ResultPass.text(lang),
        Outcome::Fail => Msg::ResultFail.text(lang),
        Outcome::Pending => Msg::ResultPending.text(lang),
        Outcome::NotAssessed => Msg::ResultNotAssessed.text(lang),
    }
}

pub fn state_label(s: Option<ChecklistState>, lang: Lang) -> &'static str {
    match s {
        None => Msg::StateNone.text(lang),
        Some(ChecklistState::Draft) => Msg::StateDraft.text(lang),
        Some(ChecklistState::Submitted) => Msg::StateSubmitted.text(lang),
        Some(ChecklistState::Returned) => Msg::StateReturned.text(lang),
        Some(ChecklistState::Approved) => Msg::StateApproved.text(lang),
    }
}

pub fn draw(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let title = if app.loading() {
        format!(" {} — {} ", app.t(Msg::PaneStaff), app.t(Msg::Loading))
    } else {
        format!(
            " {} ({}/{}) ",
            app.t(Msg::PaneStaff),
            app.visible.len(),
            app.people.len()
        )
    };
    let block = pane_block(title, app.focus == Pane::Staff, theme);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = inner.width as usize;
    // Wide enough for the unit and the checklist state as well.
    let full = width >= 70;
    let mut lines: Vec<Line> = Vec::with_capacity(inner.height as usize);

    // Filter line.
    let mut filter = vec![
        Span::styled(format!("/{}: ", app.t(Msg::FilterPrompt)), theme.key()),
        Span::raw(app.filter.text().to_owned()),
    ];
    if app.filtering {
        filter.push(Span::styled("▏", theme.key()));
    }
    let unit = app
        .unit_filter
        .clone()
        .unwrap_or_else(|| app.t(Msg::AllUnits).to_owned());
    let result = app
        .result_filter
        .map_or(app.t(Msg::AllResults), |o| outcome_label(o, app.lang));
    filter.push(Span::styled(format!("  · {unit} · {result}"), theme.dim()));
    lines.push(Line::from(filter));

    // Columns: code, name, [unit], result, progress.
    let code_w = 9;
    let result_w = 9;
    let progress_w = if full { 22 } else { 7 };
    let rest = width.saturating_sub(code_w + result_w + progress_w + 4);
    let (name_w, unit_w) = if full {
        // Names first: a full Vietnamese name is three or four words.
        (rest * 3 / 5, rest - rest * 3 / 5)
    } else {
        (rest, 0)
    };
    let header = format!(
        "{} {} {}{} {}",
        fit(app.t(Msg::ColCode), code_w),
        fit(app.t(Msg::ColName), name_w),
        if full {
            fit(app.t(Msg::ColUnit), unit_w) + " "
        } else {
            String::new()
        },
        fit(app.t(Msg::ColResult), result_w),
        fit(app.t(Msg::Progress), progress_w)
    );
    lines.push(Line::styled(header, theme.heading()));

    f.render_widget(Paragraph::new(lines), inner);

    // The rows on screen only, written straight into the buffer: no line,
    // span or padded string is built per cell.
    let rows = (inner.height as usize).saturating_sub(2);
    let end = (app.offset + rows).min(app.visible.len());
    let right = inner.right();
    let buf = f.buffer_mut();
    let mut progress = String::new();
    for (k, pos) in (app.offset..end).enumerate() {
        let p = app.people.get(app.visible[pos] as usize);
        let y = inner.y + 2 + k as u16;
        // As a styled line would: the line's style under each span's.
        let base = if pos == app.selected {
            theme.selected()
        } else {
            Style::default()
        };
        progress.clear();
        if full {
            let _ = write!(
                progress,
                "{} {}/{}",
                state_label(p.state, app.lang),
                p.reviewed,
                p.items
            );
        } else {
            let _ = write!(progress, "{}/{}", p.reviewed, p.items);
        }
        let mut x = inner.x;
        x = put(buf, x, y, right, p.code, code_w, base);
        x = put(buf, x, y, right, " ", 1, base);
        x = put(buf, x, y, right, p.name, name_w, base);
        x = put(buf, x, y, right, " ", 1, base);
        if full {
            x = put(buf, x, y, right, p.unit, unit_w, base.patch(theme.dim()));
            x = put(buf, x, y, right, " ", 1, base);
        }
        x = put(
            buf,
            x,
            y,
            right,
            outcome_label(p.outcome, app.lang),
            result_w,
            base.patch(theme.outcome(p.outcome)),
        );
        x = put(buf, x, y, right, " ", 1, base);
        put(
            buf,
            x,
            y,
            right,
            &progress,
            progress_w,
            base.patch(theme.dim()),
        );
    }
}

/// Writes `s` (NFC, as the roster keeps it) at `(x, y)` cut or padded to
/// exactly `width` columns, as [`fit`] does, styled, stopping at `right`;
/// returns the column after it.
fn put(buf: &mut Buffer, x: u16, y: u16, right: u16, s: &str, width: usize, style: Style) -> u16 {
    let width = width.min(usize::from(right.saturating_sub(x)));
    let end = x + width as u16;
    let full = if s.is_ascii() { s.len() } else { s.width() };
    let after = if full <= width {
        buf.set_stringn(x, y, s, width, style).0
    } else {
        // Cut with `…`, as `text::truncate` does.
        let mut used = 0;
        let mut cut = 0;
        for (i, c) in s.char_indices() {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            used += w;
            cut = i + c.len_utf8();
        }
        let at = buf.set_stringn(x, y, &s[..cut], width, style).0;
        if width > 0 {
            buf.set_stringn(at, y, "…", 1, style).0
        } else {
            at
        }
    };
    if after < end {
        buf.set_style(Rect::new(after, y, end - after, 1), style);
    }
    end
}
