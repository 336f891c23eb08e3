//! The checklist pane: items grouped by criterion, the self mark beside the
//! review mark, and the live result with its reasons.

use super::person_pane;
use super::staff::{outcome_label, state_label};
use crate::domain::rules::{QuarterResult, Reason};
use crate::i18n::{Msg, reason_text};
use crate::text::{fit, truncate};
use crate::tui::app::{App, Column, Pane};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

fn mark_label(m: Option<bool>, app: &App) -> &'static str {
    match m {
        Some(true) => app.t(Msg::MarkPass),
        Some(false) => app.t(Msg::MarkFail),
        None => "·",
    }
}

pub fn draw(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Checklist;
    let who = app.checklist.as_ref().map(|c| {
        (
            c.view.form_id.to_owned(),
            c.view.staff.staff.full_name.as_str(),
            c.view.staff.staff.code.as_str(),
        )
    });
    let Some(inner) = person_pane(f, theme, area, app, Msg::PaneChecklist, focused, who) else {
        return;
    };
    let Some(c) = &app.checklist else { return };
    let s = &c.view.staff.staff;
    let width = inner.width as usize;

    let reasons = reason_texts(app, &c.result.reasons, c.if_approved.as_ref());
    let reason_lines = reasons.len().clamp(1, 4) as u16;
    let [head, list, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(reason_lines + 2),
    ])
    .areas(inner);

    // Head: who, state, result.
    let mut state = state_label(Some(c.view.state), app.lang).to_owned();
    if c.view.version == 0 {
        state = state_label(None, app.lang).to_owned();
    }
    let line1 = format!(
        "{} · {} · {}",
        s.unit,
        state,
        if c.view.closed {
            app.t(Msg::RoundClosed)
        } else {
            app.t(Msg::RoundOpen)
        }
    );
    let result = Line::from(vec![
        Span::styled(format!("{}: ", app.t(Msg::Result)), theme.heading()),
        Span::styled(
            outcome_label(c.result.outcome, app.lang),
            theme.outcome(c.result.outcome),
        ),
        Span::raw(format!(
            "  ({} {}/{})",
            app.t(Msg::MarkPass),
            // The authority's Đạt marks so far, approved or not (the result
            // beside it says whether they decide yet).
            c.if_approved
                .as_ref()
                .map_or(c.result.items_passed, |w| w.items_passed),
            c.result.items_total
        )),
        Span::styled(
            if c.view.outstanding {
                format!("  ★ {}", app.t(Msg::Outstanding))
            } else {
                String::new()
            },
            theme.info(),
        ),
    ]);
    f.render_widget(
        Paragraph::new(vec![Line::raw(truncate(&line1, width)), result]),
        head,
    );

    // Items, grouped by criterion, scrolled to keep the cursor in view.
    let crit_title = |id: &str| {
        let data = app.svc.reference();
        data.criteria
            .form(s.kind)
            .criteria()
            .find(|cr| cr.id == id)
            .map_or("", |cr| cr.title.as_str())
    };
    let mark_w = 8;
    let text_w = width.saturating_sub(9 + 2 * (mark_w + 1));
    let [list_head, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(list);
    let mut rows: Vec<(Option<usize>, Line)> = Vec::new();
    let header = format!(
        "{} {} {}",
        fit("", 9 + text_w),
        fit(app.t(Msg::ColSelf), mark_w),
        fit(app.t(Msg::ColReview), mark_w)
    );
    f.render_widget(Paragraph::new(Line::styled(header, theme.dim())), list_head);
    let mut last_criterion = "";
    for (i, item) in c.view.items.iter().enumerate() {
        if item.criterion != last_criterion {
            last_criterion = item.criterion;
            let t = format!("{} {}", item.criterion, crit_title(item.criterion));
            rows.push((None, Line::styled(truncate(&t, width), theme.heading())));
        }
        let cell = |m: Option<bool>, col: Column| {
            let label = fit(mark_label(m, app), mark_w);
            let mut style = theme.mark(m);
            if i == c.cursor && c.column == col && focused {
                style = style.add_modifier(
                    ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::BOLD,
                );
            }
            Span::styled(label, style)
        };
        let note = if item.note.is_some() { "✎" } else { " " };
        let mut line = Line::from(vec![
            Span::raw(format!(" {}{} ", fit(item.id, 7), note)),
            Span::raw(fit(item.text, text_w)),
            Span::raw(" "),
            cell(item.self_mark, Column::SelfMark),
            Span::raw(" "),
            cell(item.review, Column::Review),
        ]);
        if i == c.cursor {
            line = line.style(if focused {
                ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::BOLD)
            } else {
                theme.dim()
            });
        }
        rows.push((Some(i), line));
    }
    let height = list.height as usize;
    let cursor_row = rows
        .iter()
        .position(|(i, _)| *i == Some(c.cursor))
        .unwrap_or(0);
    // Keep the criterion heading above the cursor visible when possible.
    let start = (cursor_row + 2).saturating_sub(height);
    let visible: Vec<Line> = rows
        .into_iter()
        .skip(start)
        .take(height)
        .map(|(_, l)| l)
        .collect();
    f.render_widget(Paragraph::new(visible), list);

    // Foot: the full text and note of the item, then the reasons.
    let mut foot_lines: Vec<Line> = Vec::new();
    if let Some(item) = c.view.items.get(c.cursor) {
        let mut t = format!("{} {}", item.id, item.text);
        if let Some(n) = &item.note {
            t = format!("{t} — {}: {n}", app.t(Msg::Note));
        }
        if let Some(r) = &c.view.return_note {
            t = format!("{t} — {}: {r}", app.t(Msg::ReturnNote));
        }
        foot_lines.push(Line::styled(truncate(&t, width * 2), theme.dim()));
    }
    if reasons.is_empty() {
        foot_lines.push(Line::styled(
            app.t(Msg::NoReasons).to_owned(),
            theme.outcome(c.result.outcome),
        ));
    }
    let shown = reason_lines as usize;
    for (n, r) in reasons.iter().enumerate().take(shown) {
        let mut text = format!("• {r}");
        if n + 1 == shown && reasons.len() > shown {
            text = format!("{text} (+{})", reasons.len() - shown);
        }
        foot_lines.push(Line::styled(
            truncate(&text, width),
            theme.outcome(c.result.outcome),
        ));
    }
    f.render_widget(Paragraph::new(foot_lines).wrap(Wrap { trim: true }), foot);
}

/// The reasons as lines (already one per unmet condition), and, before
/// approval, what the review marks would decide ("nếu duyệt: …").
fn reason_texts(app: &App, reasons: &[Reason], if_approved: Option<&QuarterResult>) -> Vec<String> {
    let mut out: Vec<String> = reasons.iter().map(|r| reason_text(r, app.lang)).collect();
    if let Some(w) = if_approved {
        let mut line = format!(
            "{}: {} ({} {}/{})",
            app.t(Msg::IfApproved),
            outcome_label(w.outcome, app.lang),
            app.t(Msg::MarkPass),
            w.items_passed,
            w.items_total
        );
        if let Some(first) = w.reasons.iter().find(|r| matches!(r, Reason::Item { .. })) {
            line = format!("{line} — {}", reason_text(first, app.lang));
        }
        out.push(line);
    }
    out
}
