//! TUI speed in process (SPEC section 9): start to first frame (target
//! ≤ 100 ms) and key press to finished frame (target ≤ 2 ms at p99) on the
//! generated database (`common::demo_db`), driving the real `App` and
//! drawing with ratatui's `TestBackend` at 80×24 and 200×60.
//!
//! Every key is timed from the action's dispatch to the end of the frame
//! drawn after it; the samples' p50, p99 and max are printed (stderr) for
//! BENCHMARKS.md, with the CPU time of the loop beside its wall time (a
//! shared machine's wall clock also counts other people's work). Criterion
//! then measures a few of the same steps. `cargo bench --bench tui`; under
//! `cargo test` it runs once, on 2,000 people.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use criterion::Criterion;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use danhgia::domain::Quarter;
use danhgia::i18n::Lang;
use danhgia::service::Service;
use danhgia::store::Store;
use danhgia::tui::app::{App, Flash, Pane};
use danhgia::tui::theme::Theme;
use danhgia::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::time::{Duration, Instant};

/// The open quarter of the demo (its "today" is in November 2026).
const Q: Quarter = Quarter { year: 2026, q: 4 };
const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

type Term = Terminal<TestBackend>;

fn service(db: &Path) -> Service {
    Service::from_store(Store::open(db).unwrap(), common::ADMIN, None).unwrap()
}

fn draw(term: &mut Term, app: &mut App) {
    term.draw(|f| {
        app.page = ui::staff_rows(f.area()).max(1);
        ui::draw(app, Theme { color: true }, f);
    })
    .unwrap();
}

/// Waits for the list being read in the background.
fn wait_loaded(app: &mut App) {
    while app.loading() {
        if !app.poll_loader() {
            std::thread::sleep(Duration::from_micros(200));
        }
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// This thread's CPU time (exact, unlike schedstat's tick-updated sum).
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Timings of one kind of step: wall clock and this thread's CPU time per
/// sample (on a loaded machine the two part; the CPU time is the work done).
struct Samples {
    name: String,
    times: Vec<Duration>,
    cpu_times: Vec<Duration>,
    cpu: Duration,
    wall: Duration,
}

impl Samples {
    fn new(name: impl Into<String>) -> Samples {
        Samples {
            name: name.into(),
            times: Vec::new(),
            cpu_times: Vec::new(),
            cpu: Duration::ZERO,
            wall: Duration::ZERO,
        }
    }

    /// Times `step` (wall clock per sample; CPU and wall summed).
    fn time<T>(&mut self, step: impl FnOnce() -> T) -> T {
        let c = thread_cpu();
        let t = Instant::now();
        let out = step();
        let took = t.elapsed();
        let cpu = thread_cpu().saturating_sub(c);
        self.cpu += cpu;
        self.wall += took;
        self.times.push(took);
        self.cpu_times.push(cpu);
        out
    }

    fn report(&mut self) {
        self.times.sort();
        self.cpu_times.sort();
        let p = |v: &[Duration], x| common::percentile(v, x);
        eprintln!(
            "{:<50} n={:<5} wall p50 {:>9.3?} p99 {:>9.3?} max {:>9.3?} | CPU p50 {:>9.3?} p99 {:>9.3?} max {:>9.3?}",
            self.name,
            self.times.len(),
            p(&self.times, 50.0),
            p(&self.times, 99.0),
            self.times.last().copied().unwrap_or_default(),
            p(&self.cpu_times, 50.0),
            p(&self.cpu_times, 99.0),
            self.cpu_times.last().copied().unwrap_or_default(),
        );
    }
}

/// A key dispatched and the frame after it drawn, timed.
fn press(s: &mut Samples, term: &mut Term, app: &mut App, code: KeyCode) {
    s.time(|| {
        app.on_key(key(code));
        draw(term, app);
    });
}

/// Start to first frame (the list still loading) and to the loaded list.
fn first_frame(db: &Path, runs: usize) {
    for (w, h) in SIZES {
        let mut first = Samples::new(format!("first frame {w}x{h}"));
        let mut loaded = Samples::new(format!("first frame with the list loaded {w}x{h}"));
        for _ in 0..runs {
            let started = Instant::now();
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            let mut app = first.time(|| {
                let mut app = App::new_background(service(db), Lang::Vi, Q).unwrap();
                draw(&mut term, &mut app);
                app
            });
            wait_loaded(&mut app);
            draw(&mut term, &mut app);
            loaded.times.push(started.elapsed());
            loaded.cpu_times.push(Duration::ZERO);
            assert!(!app.people.is_empty());
        }
        first.report();
        loaded.report();
    }
}

fn loaded_app(db: &Path, w: u16, h: u16) -> (App, Term) {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut app = App::new_background(service(db), Lang::Vi, Q).unwrap();
    draw(&mut term, &mut app);
    wait_loaded(&mut app);
    draw(&mut term, &mut app);
    (app, term)
}

/// Moving through the list: j/k, PageDown/PageUp, End/Home.
fn moving(db: &Path, reps: usize) {
    for (w, h) in SIZES {
        let (mut app, mut term) = loaded_app(db, w, h);
        let mut s = Samples::new(format!("move j/k, PgDn/PgUp, End/Home {w}x{h}"));
        for _ in 0..reps {
            for _ in 0..100 {
                press(&mut s, &mut term, &mut app, KeyCode::Char('j'));
            }
            for _ in 0..100 {
                press(&mut s, &mut term, &mut app, KeyCode::Char('k'));
            }
            for _ in 0..30 {
                press(&mut s, &mut term, &mut app, KeyCode::PageDown);
            }
            for _ in 0..30 {
                press(&mut s, &mut term, &mut app, KeyCode::PageUp);
            }
            press(&mut s, &mut term, &mut app, KeyCode::End);
            for _ in 0..10 {
                press(&mut s, &mut term, &mut app, KeyCode::Char('k'));
            }
            press(&mut s, &mut term, &mut app, KeyCode::Home);
        }
        s.report();
    }
    // Wide, with a checklist open beside the list: each move reads the
    // next person's checklist.
    let (w, h) = SIZES[1];
    let (mut app, mut term) = loaded_app(db, w, h);
    app.on_key(key(KeyCode::Enter));
    app.on_key(key(KeyCode::Esc));
    assert_eq!(app.focus, Pane::Staff);
    assert!(app.checklist.is_some());
    draw(&mut term, &mut app);
    let mut s = Samples::new(format!("move j/k with the checklist beside {w}x{h}"));
    for _ in 0..reps {
        for _ in 0..100 {
            press(&mut s, &mut term, &mut app, KeyCode::Char('j'));
        }
        for _ in 0..100 {
            press(&mut s, &mut term, &mut app, KeyCode::Char('k'));
        }
        for _ in 0..5 {
            press(&mut s, &mut term, &mut app, KeyCode::PageDown);
        }
        press(&mut s, &mut term, &mut app, KeyCode::End);
        press(&mut s, &mut term, &mut app, KeyCode::Home);
    }
    s.report();
}

/// Typing a name into the filter, char by char, then erasing it.
fn filtering(db: &Path, reps: usize) {
    const QUERY: &str = "nguyen thi h";
    for (w, h) in SIZES {
        let (mut app, mut term) = loaded_app(db, w, h);
        let mut typing = Samples::new(format!("filter: type {QUERY:?} {w}x{h}"));
        let mut erasing = Samples::new(format!("filter: backspace to empty {w}x{h}"));
        for _ in 0..reps {
            press(&mut typing, &mut term, &mut app, KeyCode::Char('/'));
            for c in QUERY.chars() {
                press(&mut typing, &mut term, &mut app, KeyCode::Char(c));
            }
            assert!(!app.visible.is_empty() && app.visible.len() < app.people.len());
            for _ in QUERY.chars() {
                press(&mut erasing, &mut term, &mut app, KeyCode::Backspace);
            }
            press(&mut erasing, &mut term, &mut app, KeyCode::Esc);
            assert_eq!(app.visible.len(), app.people.len());
        }
        typing.report();
        erasing.report();
    }
}

/// An admin reviewing a checklist: Space cycles the review mark (each press
/// one committed transaction), j moves to the next item.
fn toggling(db: &Path, reps: usize) {
    let (_dir, copy) = common::copy_of(db);
    for (w, h) in SIZES {
        let (mut app, mut term) = loaded_app(&copy, w, h);
        // Someone in the middle of the list.
        for _ in 0..7 {
            app.on_key(key(KeyCode::PageDown));
        }
        press(&mut Samples::new(""), &mut term, &mut app, KeyCode::Enter);
        assert_eq!(app.focus, Pane::Checklist);
        let mut toggle = Samples::new(format!("checklist: Space (mark committed) {w}x{h}"));
        let mut moves = Samples::new(format!("checklist: j/k between items {w}x{h}"));
        for _ in 0..reps {
            for _ in 0..3 {
                press(&mut toggle, &mut term, &mut app, KeyCode::Char(' '));
                assert!(
                    matches!(app.flash, Some(Flash::Info(_))),
                    "the mark was refused: {:?}",
                    app.flash
                );
            }
            press(&mut moves, &mut term, &mut app, KeyCode::Char('j'));
            if app
                .checklist
                .as_ref()
                .is_some_and(|c| c.cursor + 1 == c.view.items.len())
            {
                for _ in 0..30 {
                    press(&mut moves, &mut term, &mut app, KeyCode::Char('k'));
                }
            }
        }
        toggle.report();
        moves.report();
    }
}

fn criterion_benches(c: &mut Criterion, db: &Path) {
    let mut g = c.benchmark_group("tui");
    g.sample_size(20);
    // The first frame is not a criterion benchmark: each start reads the
    // whole list in the background, which would pile up over thousands of
    // iterations; `first_frame` times it instead.
    let (mut app, mut term) = loaded_app(db, 80, 24);
    g.bench_function("key j + frame 80x24", |b| {
        b.iter(|| {
            app.on_key(key(KeyCode::Char('j')));
            draw(&mut term, &mut app);
        })
    });
    g.bench_function("filter keystroke 'n' + backspace, 2 frames 80x24", |b| {
        app.on_key(key(KeyCode::Char('/')));
        b.iter(|| {
            app.on_key(key(KeyCode::Char('n')));
            draw(&mut term, &mut app);
            app.on_key(key(KeyCode::Backspace));
            draw(&mut term, &mut app);
        });
        app.on_key(key(KeyCode::Esc));
    });
    let (_dir, copy) = common::copy_of(db);
    let (mut app, mut term) = loaded_app(&copy, 80, 24);
    app.on_key(key(KeyCode::Enter));
    g.bench_function("checklist Space (mark committed) + frame 80x24", |b| {
        b.iter(|| {
            app.on_key(key(KeyCode::Char(' ')));
            draw(&mut term, &mut app);
        })
    });
    g.finish();
}

fn main() {
    let db = common::demo_db(common::size());
    let quick = common::quick();
    let reps = if quick { 1 } else { 5 };
    eprintln!(
        "TUI on {} ({} people), quarter {Q}",
        db.display(),
        common::size()
    );
    // DANHGIA_BENCH_ONLY=moving,filtering runs only those parts (for a
    // profiler); the parts: first, moving, filtering, toggling, criterion.
    let only = std::env::var("DANHGIA_BENCH_ONLY").ok();
    let run = |part: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|p| p == part))
    };
    if run("first") {
        first_frame(&db, if quick { 2 } else { 10 });
    }
    if run("moving") {
        moving(&db, reps);
    }
    if run("filtering") {
        filtering(&db, if quick { 2 } else { 10 });
    }
    if run("toggling") {
        toggling(&db, if quick { 10 } else { 100 });
    }
    let mut c = Criterion::default().configure_from_args();
    if run("criterion") {
        criterion_benches(&mut c, &db);
    }
    c.final_summary();
}
