//! The KPI pane: the person's task log for the quarter and its summary,
//! updated after every change.

use super::person_pane;
use crate::domain::kpi::EntryState;
use crate::i18n::Msg;
use crate::text::{fit, truncate};
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Minutes as people read them: `1.234` thousands, no decimals.
pub fn minutes(m: f64) -> String {
    let n = m.round() as i64;
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

pub fn draw(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Kpi;
    let who = app.kpi.as_ref().map(|k| {
        (
            k.log.quarter.to_string(),
            k.log.staff.staff.full_name.as_str(),
            k.log.staff.staff.code.as_str(),
        )
    });
    let Some(inner) = person_pane(f, theme, area, app, Msg::PaneKpi, focused, who) else {
        return;
    };
    let Some(k) = &app.kpi else { return };
    let width = inner.width as usize;
    let [head, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(inner);

    let sum = &k.log.summary;
    let share = format!("{:.1} %", sum.share * 100.0).replace('.', ",");
    let head_lines = vec![
        Line::from(vec![
            Span::styled(
                format!("{} {} ", sum.tasks_done, app.t(Msg::KpiTasksDone)),
                theme.heading(),
            ),
            Span::raw(format!(
                "({} {}) · ",
                sum.quantity_done,
                app.t(Msg::KpiProducts)
            )),
            Span::raw(format!(
                "{} {} · ",
                sum.unconfirmed_done,
                app.t(Msg::KpiUnconfirmed).to_lowercase()
            )),
            Span::raw(format!(
                "{} {}",
                sum.in_progress,
                app.t(Msg::KpiInProgress).to_lowercase()
            )),
        ]),
        Line::from(vec![
            Span::raw(format!(
                "{}: {} · {}: {} · ",
                app.t(Msg::KpiStandard),
                minutes(sum.standard_minutes),
                app.t(Msg::KpiWeighted),
                minutes(sum.weighted_minutes)
            )),
            Span::styled(format!("{}: {share}", app.t(Msg::KpiShare)), theme.key()),
        ]),
        Line::styled(
            format!(
                "{} {} {} {} {} {}",
                fit(app.t(Msg::KpiColDate), 10),
                fit(
                    app.t(Msg::KpiColTask),
                    width.saturating_sub(10 + 4 + 4 + 16 + 10 + 6)
                ),
                fit("N/TG", 6),
                fit(app.t(Msg::KpiColQty), 3),
                fit(app.t(Msg::KpiColRef), 14),
                app.t(Msg::KpiColState)
            ),
            theme.dim(),
        ),
    ];
    f.render_widget(Paragraph::new(head_lines), head);

    if k.log.entries.is_empty() {
        f.render_widget(
            Paragraph::new(app.t(Msg::KpiEmpty)).style(theme.dim()),
            list,
        );
        return;
    }
    let task_w = width.saturating_sub(10 + 4 + 4 + 16 + 10 + 6);
    let h = list.height as usize;
    let start = (k.cursor + 1).saturating_sub(h);
    let lines: Vec<Line> = k
        .log
        .entries
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, e)| {
            let state = match e.state {
                EntryState::Done => app.t(Msg::KpiStateDone),
                EntryState::InProgress => app.t(Msg::KpiStateDoing),
            };
            let confirmed = if e.confirmed() { "✓" } else { " " };
            let task = match e.step {
                Some(n) if n > 1 => format!("{} (bước {n})", e.task),
                _ => e.task.clone(),
            };
            let line = Line::from(vec![
                Span::raw(format!("{} ", e.date.format("%d/%m/%Y"))),
                Span::raw(fit(&task, task_w)),
                Span::raw(format!(
                    " {}",
                    fit(
                        &format!("{}/{}", e.complexity.as_str(), e.bucket.number()),
                        6
                    )
                )),
                Span::raw(format!(" {:>3}", e.quantity)),
                Span::raw(format!(" {}", fit(&truncate(&e.product_ref, 14), 14))),
                Span::styled(
                    format!(" {confirmed}{state}"),
                    if e.state == EntryState::Done {
                        theme.info()
                    } else {
                        theme.dim()
                    },
                ),
            ]);
            if i == k.cursor && focused {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), list);
}

#[cfg(test)]
mod tests {
    #[test]
    fn minutes_group_thousands_with_dots() {
        assert_eq!(super::minutes(0.0), "0");
        assert_eq!(super::minutes(999.4), "999");
        assert_eq!(super::minutes(31200.0), "31.200");
        assert_eq!(super::minutes(1234567.0), "1.234.567");
    }
}
