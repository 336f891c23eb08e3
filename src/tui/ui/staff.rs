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
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn outcome_label(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Pass => Msg::ResultPass.text(lang),
        Outcome::Fail => Msg::ResultFail.text(lang),
        Outcome::Pending => Msg::ResultPending.text(lang),
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
        (rest * 45 / 100, rest - rest * 45 / 100)
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

    let rows = (inner.height as usize).saturating_sub(2);
    let end = (app.offset + rows).min(app.visible.len());
    for pos in app.offset..end {
        let p = app.people.get(app.visible[pos] as usize);
        let progress = if full {
            format!(
                "{} {}/{}",
                state_label(p.state, app.lang),
                p.reviewed,
                p.items
            )
        } else {
            format!("{}/{}", p.reviewed, p.items)
        };
        let mut spans = vec![
            Span::raw(fit(p.code, code_w)),
            Span::raw(" "),
            Span::raw(fit(p.name, name_w)),
            Span::raw(" "),
        ];
        if full {
            spans.push(Span::styled(fit(p.unit, unit_w), theme.dim()));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            fit(outcome_label(p.outcome, app.lang), result_w),
            theme.outcome(p.outcome),
        ));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(fit(&progress, progress_w), theme.dim()));
        let mut line = Line::from(spans);
        if pos == app.selected {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
}
