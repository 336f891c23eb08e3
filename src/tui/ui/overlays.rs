//! Overlays: help (from the key table), command palette, round and unit
//! pickers, position lookup, confirmations, the text editor and the monthly
//! ratings form.

use crate::domain::lookup::{LookupIndex, PositionView};
use crate::i18n::Msg;
use crate::text::{fit, truncate};
use crate::tui::app::{App, Overlay, palette_items};
use crate::tui::keymap::{BINDINGS, Context, PALETTE_ONLY, keys_label};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width.saturating_sub(2));
    let h = height.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn popup(f: &mut Frame, theme: Theme, area: Rect, title: String, hint: &str) -> Rect {
    f.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(title)
        .title_bottom(Line::styled(format!(" {hint} "), theme.dim()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}

/// A list with the selected row highlighted and scrolled into view.
fn list(f: &mut Frame, theme: Theme, area: Rect, items: &[String], selected: usize) {
    let h = area.height as usize;
    let start = if selected >= h { selected + 1 - h } else { 0 };
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, s)| {
            let l = Line::raw(fit(s, area.width as usize));
            if i == selected {
                l.style(theme.selected())
            } else {
                l
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

pub fn draw(app: &App, theme: Theme, f: &mut Frame, full: Rect) {
    let Some(overlay) = &app.overlay else { return };
    match overlay {
        Overlay::Help { scroll } => {
            let area = centered(full, 76, full.height.saturating_sub(2));
            let inner = popup(
                f,
                theme,
                area,
                format!(" {} ", app.t(Msg::KeyHelp)),
                app.t(Msg::HelpHint),
            );
            let mut lines = Vec::new();
            for (ctx, m) in [
                (Context::Global, Msg::ContextGlobal),
                (Context::Staff, Msg::ContextStaff),
                (Context::Checklist, Msg::ContextChecklist),
                (Context::Kpi, Msg::ContextKpi),
            ] {
                lines.push(Line::styled(app.t(m).to_owned(), theme.heading()));
                for b in BINDINGS.iter().filter(|b| b.context == ctx) {
                    lines.push(Line::from(vec![
                        Span::styled(fit(&format!("  {}", keys_label(b)), 20), theme.key()),
                        Span::raw(b.desc.text(app.lang)),
                    ]));
                }
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(
                app.t(Msg::ContextPalette).to_owned(),
                theme.heading(),
            ));
            for (_, m) in PALETTE_ONLY {
                lines.push(Line::from(vec![
                    Span::styled(fit("  :", 20), theme.key()),
                    Span::raw(m.text(app.lang)),
                ]));
            }
            f.render_widget(Paragraph::new(lines).scroll((*scroll, 0)), inner);
        }
        Overlay::Palette { input, selected } => {
            let area = centered(full, 60, 16);
            let inner = popup(
                f,
                theme,
                area,
                format!(" {} ", app.t(Msg::KeyPalette)),
                app.t(Msg::PaletteHint),
            );
            let [top, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
            f.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(": ", theme.key()),
                    Span::raw(input.text().to_owned()),
                    Span::styled("▏", theme.key()),
                ])),
                top,
            );
            let items: Vec<String> = palette_items(input.text(), app.lang)
                .iter()
                .map(|(_, m)| m.text(app.lang).to_owned())
                .collect();
            list(
                f,
                theme,
                rest,
                &items,
                (*selected).min(items.len().saturating_sub(1)),
            );
        }
        Overlay::Rounds { items, selected } => {
            let area = centered(full, 30, items.len() as u16 + 2);
            let inner = popup(
                f,
                theme,
                area,
                format!(" {} ", app.t(Msg::KeyRound)),
                app.t(Msg::PickHint),
            );
            let labels: Vec<String> = items
                .iter()
                .map(|q| format!(" {q}{}", if *q == app.quarter { " ●" } else { "" }))
                .collect();
            list(f, theme, inner, &labels, *selected);
        }
        Overlay::Units { items, selected } => {
            let area = centered(full, 60, (items.len() as u16 + 2).min(20));
            let inner = popup(
                f,
                theme,
                area,
                format!(" {} ", app.t(Msg::KeyUnitPicker)),
                app.t(Msg::PickHint),
            );
            let labels: Vec<String> = items.iter().map(|u| format!(" {u}")).collect();
            list(f, theme, inner, &labels, *selected);
        }
        Overlay::Lookup { input, selected } => {
            draw_lookup(app, theme, f, full, input.text(), *selected)
        }
        Overlay::Confirm { prompt, .. } => {
            let area = centered(full, 64, 6);
            let inner = popup(
                f,
                theme,
                area,
                format!(" {} ", app.t(Msg::ConfirmTitle)),
                app.t(Msg::ConfirmPrompt),
            );
            f.render_widget(
                Paragraph::new(prompt.clone()).wrap(Wrap { trim: true }),
                inner,
            );
        }
        Overlay::Text {
            title, area: ta, ..
        } => {
            let area = centered(full, 72, 10);
            let inner = popup(f, theme, area, format!(" {title} "), app.t(Msg::EditorHint));
            f.render_widget(&**ta, inner);
        }
        Overlay::Reports { selected } => {
            let items: Vec<String> = crate::report::FormId::ALL
                .iter()
                .map(|f| format!(" {}", f.describe(app.lang)))
                .collect();
            let area = centered(full, 62, items.len() as u16 + 2);
            let inner = popup(
                f,
                theme,
                area,
                format!(" {} ", app.t(Msg::ReportsTitle)),
                app.t(Msg::PickHint),
            );
            list(f, theme, inner, &items, *selected);
        }
        Overlay::Task(form) => draw_task_form(app, theme, f, full, form),
        Overlay::Ratings {
            name,
            rows,
            row,
            field,
            ..
        } => {
            let area = centered(full, 72, 10);
            let inner = popup(
                f,
                theme,
                area,
                format!(" {} {name} — {} ", app.t(Msg::RatingsFor), app.quarter),
                app.t(Msg::RatingsHint),
            );
            let mut lines = vec![Line::styled(
                format!(
                    "{} {} {} {}",
                    fit(app.t(Msg::Month), 10),
                    fit(app.t(Msg::Result), 14),
                    fit(app.t(Msg::Discipline), 10),
                    app.t(Msg::Excused)
                ),
                theme.heading(),
            )];
            for (i, r) in rows.iter().enumerate() {
                let none = || "—".to_owned();
                let cells = if !r.employed {
                    [app.t(Msg::NotEmployed).to_owned(), none(), none()]
                } else if r.leave {
                    [app.t(Msg::OnLeave).to_owned(), none(), none()]
                } else {
                    [
                        r.rating.map_or_else(
                            || app.t(Msg::NotRated).to_owned(),
                            |x| x.as_str().to_owned(),
                        ),
                        r.discipline.map_or_else(none, |d| format!("{d}/20")),
                        if r.excused {
                            app.t(Msg::Yes).to_owned()
                        } else {
                            app.t(Msg::No).to_owned()
                        },
                    ]
                };
                let mut spans = vec![
                    Span::raw(fit(&format!("{} {}", app.t(Msg::Month), r.month), 10)),
                    Span::raw(" "),
                ];
                for (j, (cell, w)) in cells.iter().zip([14, 10, 12]).enumerate() {
                    let style = if !r.employed {
                        theme.dim()
                    } else if i == *row && j == *field {
                        theme.selected()
                    } else {
                        ratatui::style::Style::default()
                    };
                    spans.push(Span::styled(fit(cell, w), style));
                    spans.push(Span::raw(" "));
                }
                lines.push(Line::from(spans));
            }
            // What the choices mean: a month on leave is not an excused HTNV.
            lines.push(Line::raw(""));
            for m in [
                Msg::RatingsChoices,
                Msg::RatingsLeaveMeans,
                Msg::RatingsExcusedMeans,
            ] {
                lines.push(Line::styled(
                    fit(app.t(m), usize::from(inner.width)),
                    theme.dim(),
                ));
            }
            f.render_widget(Paragraph::new(lines), inner);
        }
    }
}

fn draw_lookup(app: &App, theme: Theme, f: &mut Frame, full: Rect, query: &str, selected: usize) {
    let area = centered(
        full,
        full.width.saturating_sub(4).max(60),
        full.height.saturating_sub(2),
    );
    let inner = popup(
        f,
        theme,
        area,
        format!(" {} ", app.t(Msg::KeyLookup)),
        app.t(Msg::LookupHint),
    );
    let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("› ", theme.key()),
            Span::raw(query.to_owned()),
            Span::styled("▏", theme.key()),
        ])),
        top,
    );
    let data = app.svc.reference();
    let index = LookupIndex::new(data);
    let hits = index.search(query);
    let sel = selected.min(hits.len().saturating_sub(1));
    let [left, _, right] = Layout::horizontal([
        Constraint::Percentage(40),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(rest);
    let labels: Vec<String> = hits
        .iter()
        .map(|h| format!("{} {}", h.position.code, h.position.name))
        .collect();
    list(f, theme, left, &labels, sel);
    let Some(hit) = hits.get(sel) else {
        f.render_widget(
            Paragraph::new(format!("{} «{query}».", app.t(Msg::NoPositionFound)))
                .style(theme.dim()),
            right,
        );
        return;
    };
    let Some(v) = PositionView::new(data, hit.position) else {
        return;
    };
    let w = right.width.saturating_sub(1) as usize;
    let p = v.position;
    let mut lines = vec![
        Line::styled(
            truncate(&format!("{} — {}", p.code, p.name), w),
            theme.heading(),
        ),
        Line::raw(truncate(
            &format!(
                "{}: {} · {}: {}",
                app.t(Msg::Group),
                p.group.as_str(),
                app.t(Msg::Unit),
                p.unit
            ),
            w,
        )),
    ];
    let source = match v.source {
        crate::domain::lookup::RangeSource::Own => app.t(Msg::RangesOwn).to_owned(),
        crate::domain::lookup::RangeSource::Grade(g) => {
            let name = data
                .positions
                .grade_range(g)
                .map_or("", |r| r.name.as_str());
            format!("{} {}", app.t(Msg::RangesFromGrade), name.to_lowercase())
        }
        crate::domain::lookup::RangeSource::None => app.t(Msg::RangesNone).to_owned(),
    };
    lines.push(Line::styled(truncate(&source, w), theme.dim()));
    let mut group = None;
    for c in &v.competencies {
        if group != Some(c.group) {
            group = Some(c.group);
            lines.push(Line::styled(
                app.t(Msg::competency_group(c.group)).to_owned(),
                theme.heading(),
            ));
        }
        let value = match (c.range, c.requirement) {
            (Some(r), _) => r.to_string(),
            (None, Some(req)) => req.to_owned(),
            (None, None) => "—".to_owned(),
        };
        lines.push(Line::from(vec![
            Span::raw(fit(&format!("  {}", c.name), w.saturating_sub(8).min(44))),
            Span::styled(format!(" {value}"), theme.key()),
        ]));
        for l in &c.levels {
            lines.push(Line::styled(
                truncate(
                    &format!(
                        "    {} {}: {}",
                        app.t(Msg::Level),
                        l.level,
                        l.text.replace('\n', " ")
                    ),
                    w,
                ),
                theme.dim(),
            ));
        }
    }
    f.render_widget(Paragraph::new(lines), right);
}

fn draw_task_form(
    app: &App,
    theme: Theme,
    f: &mut Frame,
    full: Rect,
    form: &crate::tui::kpi::TaskForm,
) {
    use crate::tui::kpi::{Field, MATCHES};
    let fields = form.fields();
    let area = centered(full, 76, (fields.len() + MATCHES + 4) as u16);
    let inner = popup(
        f,
        theme,
        area,
        format!(" {} ", form.title(app.lang)),
        app.t(Msg::KpiFormHint),
    );
    let w = inner.width as usize;
    let label_w = 17;
    let mut lines: Vec<Line> = Vec::new();
    let row = |field: Field, label: &str, value: String, lines: &mut Vec<Line>| {
        let active = form.field == field;
        let value_style = if active {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        let cursor = if active
            && matches!(
                field,
                Field::Date | Field::Task | Field::Quantity | Field::Reference
            ) {
            "▏"
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled(
                fit(label, label_w),
                if active { theme.key() } else { theme.dim() },
            ),
            Span::styled(
                truncate(&format!("{value}{cursor}"), w.saturating_sub(label_w)),
                value_style,
            ),
        ]));
    };
    for field in &fields {
        match field {
            Field::Date => row(
                *field,
                app.t(Msg::KpiColDate),
                form.date.text().to_owned(),
                &mut lines,
            ),
            Field::Task => {
                row(
                    *field,
                    app.t(Msg::KpiColTask),
                    form.task.text().to_owned(),
                    &mut lines,
                );
                let adhoc = format!("  ✎ {}: «{}»", app.t(Msg::KpiAdHoc), form.task.text());
                let mut l = Line::raw(truncate(&adhoc, w));
                if form.pick.is_none() {
                    l = l.style(theme.selected());
                }
                lines.push(l);
                for i in 0..MATCHES {
                    let text = form.matches.get(i).map_or_else(String::new, |m| {
                        let step = if m.step_count > 1 {
                            format!(" (bước {}/{})", m.entry.step, m.step_count)
                        } else {
                            String::new()
                        };
                        format!(
                            "  {} {}{step} · {} · {}/{}",
                            m.id,
                            m.entry.task,
                            m.entry.area,
                            m.entry.complexity.as_str(),
                            m.entry.bucket.number()
                        )
                    });
                    let mut l = Line::raw(truncate(&text, w));
                    if form.pick == Some(i) && !text.is_empty() {
                        l = l.style(theme.selected());
                    }
                    lines.push(l);
                }
            }
            Field::Complexity => row(
                *field,
                app.t(Msg::KpiComplexity),
                form.complexity.as_str().to_owned(),
                &mut lines,
            ),
            Field::Bucket => {
                let label = app
                    .svc
                    .reference()
                    .kpi
                    .buckets
                    .get(usize::from(form.bucket.saturating_sub(1)))
                    .map_or("", |b| b.label.as_str());
                row(
                    *field,
                    app.t(Msg::KpiBucket),
                    format!("{} — {label}", form.bucket),
                    &mut lines,
                )
            }
            Field::Quantity => row(
                *field,
                app.t(Msg::KpiColQty),
                form.quantity.text().to_owned(),
                &mut lines,
            ),
            Field::Reference => row(
                *field,
                app.t(Msg::KpiColRef),
                form.reference.text().to_owned(),
                &mut lines,
            ),
            Field::State => {
                let v = if form.done {
                    app.t(Msg::KpiDone)
                } else {
                    app.t(Msg::KpiInProgress)
                };
                row(*field, app.t(Msg::KpiColState), v.to_owned(), &mut lines)
            }
        }
    }
    if let Some(e) = form.error {
        lines.push(Line::styled(e.text(app.lang).to_owned(), theme.error()));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
