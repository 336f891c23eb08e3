#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Whole-screen snapshots of every pane and overlay on ratatui's TestBackend,
//! at 80×24 and 160×48, from a fixed demo (no colour, so the text is the
//! snapshot).

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use danhgia::demo::{DemoOptions, generate};
use danhgia::domain::Quarter;
use danhgia::i18n::Lang;
use danhgia::service::Service;
use danhgia::tui::app::App;
use danhgia::tui::theme::Theme;
use danhgia::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const Q: Quarter = Quarter { year: 2026, q: 4 };

fn app(lang: Lang) -> App {
    let svc = Service::init_in_memory("hr").unwrap();
    let mut opts = DemoOptions::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    opts.size = 40;
    svc.load_demo(&generate(&opts)).unwrap();
    App::new(svc, lang, Q).unwrap()
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        app.page = ui::staff_rows(f.area()).max(1);
        ui::draw(app, Theme { color: false }, f);
    })
    .unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Snapshots of one state at both sizes.
fn both(name: &str, setup: impl Fn(&mut App)) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut a = app(Lang::Vi);
        setup(&mut a);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&mut a, w, h));
    }
}

#[test]
fn staff_pane() {
    both("staff", |_| {});
}

#[test]
fn staff_pane_filtered() {
    both("staff_filtered", |a| {
        press(a, KeyCode::Char('/'));
        keys(a, "nguyen");
    });
}

#[test]
fn checklist_pane() {
    both("checklist", |a| {
        press(a, KeyCode::Down);
        press(a, KeyCode::Enter);
    });
}

#[test]
fn kpi_pane() {
    both("kpi", |a| {
        press(a, KeyCode::Tab);
        press(a, KeyCode::Tab);
    });
}

#[test]
fn help_overlay() {
    both("help", |a| press(a, KeyCode::Char('?')));
}

#[test]
fn palette_overlay() {
    both("palette", |a| {
        press(a, KeyCode::Char(':'));
        keys(a, "duyet");
    });
}

#[test]
fn lookup_overlay() {
    both("lookup", |a| {
        press(a, KeyCode::F(4));
        keys(a, "chuyen vien chinh");
    });
}

#[test]
fn round_picker_overlay() {
    both("rounds", |a| press(a, KeyCode::F(2)));
}

#[test]
fn confirm_overlay() {
    both("confirm", |a| {
        press(a, KeyCode::Enter);
        press(a, KeyCode::F(8));
    });
}

#[test]
fn note_editor_overlay() {
    both("editor", |a| {
        press(a, KeyCode::Enter);
        press(a, KeyCode::F(7));
        keys(a, "Chưa nộp báo cáo");
    });
}

#[test]
fn ratings_overlay() {
    both("ratings", |a| {
        press(a, KeyCode::Enter);
        press(a, KeyCode::F(11));
    });
}

#[test]
fn unit_picker_overlay() {
    both("units", |a| press(a, KeyCode::F(6)));
}

#[test]
fn english_interface() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Enter);
    insta::assert_snapshot!("english_checklist_80x24", screen(&mut a, 80, 24));
}

#[test]
fn too_small_a_terminal_shows_a_message_instead_of_panicking() {
    let mut a = app(Lang::Vi);
    let s = screen(&mut a, 40, 10);
    assert!(s.contains("quá nhỏ"), "{s}");
    for (w, h) in [(1, 1), (59, 24), (80, 14), (0, 0)] {
        screen(&mut a, w, h);
    }
}

#[test]
fn every_frame_fits_and_no_line_is_wider_than_the_screen() {
    let mut a = app(Lang::Vi);
    for (w, h) in [(60, 15), (80, 24), (109, 30), (110, 30), (200, 60)] {
        let s = screen(&mut a, w, h);
        for line in s.lines() {
            assert!(
                danhgia::text::display_width(line) <= w as usize,
                "{w}x{h}: {line}"
            );
        }
    }
}
