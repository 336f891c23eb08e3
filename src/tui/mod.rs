//! The terminal user interface (SPEC section 7). Data flows one way: key →
//! `Action` → `App::update` → service call (one transaction) → new state →
//! `ui::draw`. The screen is redrawn only after an event; between events the
//! loop sleeps in `poll`, waking once a second to notice other sessions'
//! commits.

pub mod action;
pub mod app;
pub mod input;
pub mod keymap;
pub mod kpi;
pub mod roster;
pub mod terminal;
pub mod theme;
pub mod ui;

use crate::domain::Quarter;
use crate::i18n::Lang;
use crate::service::{Service, ServiceError};
use crossterm::event::{self, Event, KeyCode, KeyModifiers};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How often the loop looks for other sessions' commits.
const POLL_CHANGES: Duration = Duration::from_millis(500);
/// How often the loop looks for a list being read in the background.
const LOADING_TICK: Duration = Duration::from_millis(20);

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("terminal: {0}")]
    Io(#[from] std::io::Error),
}

/// Runs the TUI until the person quits or the session ends.
pub fn run(svc: Service, lang: Lang, quarter: Quarter) -> Result<(), TuiError> {
    let mut app = app::App::new_background(svc, lang, quarter)?;
    let theme = theme::Theme::from_env();
    let quit = terminal::quit_flag()?;
    terminal::watchdog(std::sync::Arc::clone(&quit));
    let mut term = terminal::init()?;
    let result = event_loop(&mut app, theme, &mut term, &quit);
    terminal::restore();
    result
}

fn event_loop(
    app: &mut app::App,
    theme: theme::Theme,
    term: &mut ratatui::DefaultTerminal,
    quit: &std::sync::atomic::AtomicBool,
) -> Result<(), TuiError> {
    let mut dirty = true;
    let mut last_poll = Instant::now();
    let mut last_version = app.svc.data_version().unwrap_or(0);
    // An SSH drop may come as SIGHUP, or only as a terminal that has hung
    // up; either way the session ends (every change is already committed).
    let over = |app: &app::App| app.quit || quit.load(Ordering::Relaxed) || terminal::tty_gone();
    while !over(app) {
        if dirty {
            term.draw(|f| {
                app.page = ui::staff_rows(f.area()).max(1);
                ui::draw(app, theme, f);
            })?;
            dirty = false;
        }
        if app.poll_loader() {
            dirty = true;
            continue;
        }
        // While the list loads, look for it often; otherwise sleep until an
        // event or the next check for others' commits.
        let wait = if app.loading() {
            LOADING_TICK
        } else {
            POLL_CHANGES.saturating_sub(last_poll.elapsed())
        };
        // A read error on the tty (the SSH connection is gone) ends the session.
        let ready = match event::poll(wait) {
            Ok(r) => r,
            Err(_) => break,
        };
        if ready && !over(app) {
            // Drain what is queued before drawing again.
            loop {
                let ev = match event::read() {
                    Ok(ev) => ev,
                    Err(_) => return Ok(()),
                };
                match ev {
                    Event::Key(k)
                        if k.code == KeyCode::Char('z')
                            && k.modifiers.contains(KeyModifiers::CONTROL) =>
                    {
                        terminal::suspend(term)?;
                    }
                    Event::Key(k) => app.on_key(k),
                    Event::Paste(s) => app.on_paste(&s),
                    Event::Resize(_, _) => {}
                    _ => continue,
                }
                dirty = true;
                if over(app) || !event::poll(Duration::ZERO).unwrap_or(false) {
                    break;
                }
            }
        }
        if last_poll.elapsed() >= POLL_CHANGES {
            last_poll = Instant::now();
            if let Ok(v) = app.svc.data_version()
                && v != last_version
            {
                last_version = v;
                app.poll_changes();
                dirty = true;
            }
        }
    }
    Ok(())
}
