//! Pure drawing: `draw(&App, &mut Frame)`. Nothing here changes state or
//! reads the database.

mod checklist;
mod kpi;
mod overlays;
mod staff;

use super::app::{App, Flash, Pane};
use super::keymap::{self, BINDINGS};
use super::theme::Theme;
use crate::i18n::Msg;
use crate::text::{display_width, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The smallest terminal the app draws into; below it a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;
/// From this width the staff list and the checklist sit side by side.
pub const WIDE: u16 = 110;
/// Width of the staff list in the wide layout: two fifths, within bounds.
fn staff_width(total: u16) -> u16 {
    (total * 2 / 5).clamp(50, 90)
}

/// Draws the whole screen.
pub fn draw(app: &App, theme: Theme, f: &mut Frame) {
    draw_frame(app, theme, f);
    printable_cells(f.buffer_mut());
}

/// Every cell of the frame without a control or bidirectional character
/// (`text::unsafe_for_terminal`): whatever a pane draws — a name, a note,
/// a setting — none reaches the terminal. ratatui drops control characters
/// itself; a right-to-left override would pass.
fn printable_cells(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(crate::text::unsafe_for_terminal) {
            // A zero-width override rides on the cell before it: keep that.
            let kept: String = cell
                .symbol()
                .chars()
                .filter(|&c| !crate::text::unsafe_for_terminal(c))
                .collect();
            if kept.is_empty() {
                let mut b = [0u8; 4];
                cell.set_symbol(crate::text::REPLACEMENT.encode_utf8(&mut b));
            } else {
                cell.set_symbol(&kept);
            }
        }
    }
}

fn draw_frame(app: &App, theme: Theme, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "{} {MIN_WIDTH}×{MIN_HEIGHT} ({}×{})",
            app.t(Msg::TooSmall),
            area.width,
            area.height
        );
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [tabs, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(app, theme, f, tabs);
    if area.width >= WIDE {
        let [left, right] = Layout::horizontal([
            Constraint::Length(staff_width(area.width)),
            Constraint::Min(40),
        ])
        .areas(body);
        staff::draw(app, theme, f, left);
        match app.focus {
            Pane::Kpi => kpi::draw(app, theme, f, right),
            _ => checklist::draw(app, theme, f, right),
        }
    } else {
        match app.focus {
            Pane::Staff => staff::draw(app, theme, f, body),
            Pane::Checklist => checklist::draw(app, theme, f, body),
            Pane::Kpi => kpi::draw(app, theme, f, body),
        }
    }
    draw_status(app, theme, f, status);
    draw_hints(app, theme, f, hints);
    overlays::draw(app, theme, f, area);
}

/// Rows the staff list can show in a terminal of this size (for paging).
pub fn staff_rows(area: Rect) -> usize {
    // tabs, status, hints, borders, header line, filter line
    area.height.saturating_sub(1 + 1 + 1 + 2 + 1 + 1) as usize
}

fn draw_tabs(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let mut spans = vec![Span::styled(" danhgia ", theme.bar())];
    for (pane, m) in [
        (Pane::Staff, Msg::PaneStaff),
        (Pane::Checklist, Msg::PaneChecklist),
        (Pane::Kpi, Msg::PaneKpi),
    ] {
        let label = format!(" {} ", app.t(m));
        let style = if app.focus == pane {
            theme.selected()
        } else {
            Style::default()
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(label, style));
    }
    let round = format!(
        "{} {} — {}",
        app.t(Msg::Round),
        app.quarter,
        if app.closed {
            app.t(Msg::RoundClosed)
        } else {
            app.t(Msg::RoundOpen)
        }
    );
    let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    let pad = (area.width as usize).saturating_sub(used + display_width(&round) + 1);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(
        round,
        if app.closed {
            theme.error()
        } else {
            theme.info()
        },
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let actor = app.svc.actor();
    let role = if actor.roles.admin {
        app.t(Msg::RoleAdmin)
    } else if actor.roles.reviewer {
        app.t(Msg::RoleReviewer)
    } else {
        app.t(Msg::RoleStaff)
    };
    let who = match &actor.staff {
        Some(s) => format!("{} ({}, {role})", s.staff.full_name, actor.login),
        None => format!("{} ({role})", actor.login),
    };
    let db = app.svc.db_path().file_name().map_or_else(
        || app.svc.db_path().display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let text = format!(
        " {}: {who} │ {}: {db} │ {} {} {} │ {} {}",
        app.t(Msg::You),
        app.t(Msg::Database),
        app.t(Msg::Round),
        app.quarter,
        if app.closed {
            app.t(Msg::RoundClosed)
        } else {
            app.t(Msg::RoundOpen)
        },
        app.people.len(),
        app.t(Msg::People),
    );
    f.render_widget(
        Paragraph::new(truncate(&text, area.width as usize)).style(theme.bar()),
        area,
    );
}

fn draw_hints(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let line = match &app.flash {
        Some(Flash::Error(m)) => Line::from(Span::styled(format!(" {m}"), theme.error())),
        Some(Flash::Info(m)) => Line::from(Span::styled(format!(" {m}"), theme.info())),
        None => {
            let ctx = app.context();
            let mut spans = Vec::new();
            for b in BINDINGS
                .iter()
                .filter(|b| b.hint && (b.context == ctx || b.context == keymap::Context::Global))
            {
                spans.push(Span::styled(
                    format!(
                        " {}",
                        b.keys.first().map(keymap::key_label).unwrap_or_default()
                    ),
                    theme.key(),
                ));
                spans.push(Span::raw(format!(" {} ", b.desc.text(app.lang))));
            }
            Line::from(spans)
        }
    };
    f.render_widget(Paragraph::new(line), area);
}

/// A pane with nobody chosen yet: its title and a hint. Otherwise draws the
/// pane's frame titled `pane — Name (code)` and returns the area inside.
fn person_pane(
    f: &mut Frame,
    theme: Theme,
    area: Rect,
    app: &App,
    pane: Msg,
    focused: bool,
    who: Option<(String, &str, &str)>,
) -> Option<Rect> {
    let Some((extra, name, code)) = who else {
        let block = pane_block(format!(" {} ", app.t(pane)), focused, theme);
        f.render_widget(
            Paragraph::new(app.t(Msg::NoSelection))
                .block(block)
                .style(theme.dim()),
            area,
        );
        return None;
    };
    let block = pane_block(
        format!(" {} {extra} — {name} ({code}) ", app.t(pane)),
        focused,
        theme,
    );
    let inner = block.inner(area);
    f.render_widget(block, area);
    Some(inner)
}

/// A bordered block with the pane's title, highlighted when focused.
fn pane_block(title: String, focused: bool, theme: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.border()
        })
        .title(title)
}
