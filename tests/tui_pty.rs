#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The real binary in a pseudo-terminal: keys typed, the screen read back
//! through a terminal emulator (vt100), the database checked afterwards.

use danhgia::domain::rating::{MonthEntry, MonthlyRating, Rating};
use danhgia::domain::records::{Numbered, RatingPeriod, RatingRecord};
use danhgia::domain::rules::Outcome;
use danhgia::domain::{Month, Quarter, Staff, StaffKind};
use danhgia::service::{Service, os_login};
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Drop for Session {
    fn drop(&mut self) {
        // Never leave a program behind, whatever the test did.
        let _ = self.child.kill();
    }
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_danhgia"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let s = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            screen,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("«{needle}» never appeared; the screen is:\n{}", self.text());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.child.kill().ok();
        panic!("the program did not exit; screen:\n{}", self.text());
    }
}

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const F6: &str = "\x1b[17~";
const F8: &str = "\x1b[19~";

const Q: Quarter = Quarter { year: 2026, q: 4 };

fn staff(
    code: &str,
    name: &str,
    kind: StaffKind,
    manager: Option<&str>,
    login: &str,
) -> Numbered<Staff> {
    Numbered {
        row: 2,
        record: Staff::new(code, name, "Phòng Nội vụ", kind, manager, Some(login)),
    }
}

/// A database where the person running the tests is the admin, and
/// Nguyễn Thị Lan has submitted her Q4 self-assessment, with good months.
fn office(dir: &Path) -> PathBuf {
    let db = dir.join("office.db");
    let me = os_login();
    let hr = Service::init(&db, &me).unwrap();
    hr.import_staff(
        "s.csv",
        &[
            staff(
                "L1",
                "Trần Văn Hùng",
                StaffKind::Leader,
                None,
                "truong-test",
            ),
            staff(
                "S1",
                "Nguyễn Thị Lan",
                StaffKind::Staff,
                Some("L1"),
                "lan-test",
            ),
            staff("S2", "Lê Văn Nam", StaffKind::Staff, Some("L1"), "nam-test"),
        ],
    )
    .unwrap();
    let ratings: Vec<_> = (10..=12)
        .map(|m| Numbered {
            row: 2,
            record: RatingRecord {
                code: "S1".into(),
                period: RatingPeriod::Month(Month {
                    year: 2026,
                    month: m,
                }),
                entry: MonthEntry::Rated(MonthlyRating {
                    rating: Rating::Httnv,
                    discipline: Some(20),
                    excused: false,
                }),
            },
        })
        .collect();
    hr.import_ratings("r.csv", &ratings).unwrap();
    let lan = Service::from_store(
        danhgia::store::Store::open(&db).unwrap(),
        &me,
        Some("lan-test"),
    )
    .unwrap();
    let mut v = lan.checklist("S1", Q).unwrap();
    for id in lan.forms().staff.clone() {
        v = lan
            .set_self_mark("S1", Q, id, Some(true), v.version)
            .unwrap();
    }
    lan.submit("S1", Q, v.version).unwrap();
    db
}

fn status_of(db: &Path, code: &str) -> Outcome {
    Service::open(db, None)
        .unwrap()
        .status_of(code, Q)
        .unwrap()
        .result
        .outcome
}

#[test]
fn review_a_checklist_to_pass_from_the_keyboard_then_quit() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let mut s = Session::start(&["--db", db.to_str().unwrap()], 80, 24);
    s.wait_for("Cán bộ (3/3)");
    // Filter without diacritics.
    s.send("/");
    s.send("lan");
    s.wait_for("Cán bộ (1/3)");
    s.send(ENTER); // leave the filter
    s.send(ENTER); // open the checklist
    s.wait_for("Phiếu đánh giá 03B — Nguyễn Thị Lan");
    s.send(F6); // accept all remaining …
    s.wait_for("Đánh dấu Đạt mọi");
    s.send(ENTER); // … confirmed
    s.wait_for("Đạt 18/18");
    s.send(F8); // approve …
    s.wait_for("Duyệt phiếu của");
    s.send(ENTER); // … confirmed
    s.wait_for("Đã duyệt");
    s.wait_for("Kết quả: Đạt");
    s.send(ESC);
    s.send("q");
    assert!(s.wait_exit());
    assert_eq!(status_of(&db, "S1"), Outcome::Pass);
}

#[test]
fn a_dropped_connection_keeps_what_was_committed() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let mut s = Session::start(&["--db", db.to_str().unwrap()], 100, 30);
    s.wait_for("Cán bộ (3/3)");
    s.send("/");
    s.send("lan");
    s.send(ENTER);
    s.send(ENTER);
    s.wait_for("Nguyễn Thị Lan");
    s.send(ENTER); // one review mark of the submitted checklist, committed at once
    s.wait_for("Đã lưu");
    let pid = s.child.process_id().unwrap() as i32;
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGHUP,
    )
    .unwrap();
    s.wait_exit();
    let v = Service::open(&db, None)
        .unwrap()
        .checklist("S1", Q)
        .unwrap();
    assert_eq!(v.items[0].review, Some(true));
}

/// The terminal as the program left it: cooked mode (the pseudo-terminal's
/// line discipline echoes and edits lines again), the alternate screen
/// left, bracketed paste off.
fn assert_terminal_restored(s: &Session, what: &str) {
    // What the program wrote last reaches the emulator.
    std::thread::sleep(Duration::from_millis(300));
    let fd = s._master.as_raw_fd().unwrap();
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `fd` is the open master of the pseudo-terminal; `t` is ours.
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
    assert_ne!(t.c_lflag & libc::ICANON, 0, "{what}: still in raw mode");
    assert_ne!(t.c_lflag & libc::ECHO, 0, "{what}: echo still off");
    let screen = s.screen.lock().unwrap();
    assert!(
        !screen.screen().alternate_screen(),
        "{what}: still on the alternate screen"
    );
    assert!(
        !screen.screen().bracketed_paste(),
        "{what}: bracketed paste still on"
    );
}

/// SIGINT, SIGQUIT, SIGTERM and SIGHUP sent to the TUI from outside (in raw
/// mode Ctrl-C is a key, but `kill -INT` still comes): it ends cleanly, the
/// terminal given back as it was.
#[test]
fn a_quit_signal_restores_the_terminal() {
    use nix::sys::signal::Signal;
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    for sig in [
        Signal::SIGINT,
        Signal::SIGQUIT,
        Signal::SIGTERM,
        Signal::SIGHUP,
    ] {
        let mut s = Session::start(&["--db", db.to_str().unwrap()], 80, 24);
        s.wait_for("Cán bộ (3/3)");
        assert!(s.screen.lock().unwrap().screen().alternate_screen());
        let pid = s.child.process_id().unwrap() as i32;
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), sig).unwrap();
        assert!(s.wait_exit(), "{sig}: not a clean exit");
        assert_terminal_restored(&s, sig.as_str());
    }
}

#[test]
fn a_terminal_that_goes_away_ends_the_session_without_spinning() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    // A terminal that shows the program for a moment and then closes, with
    // no SIGHUP sent by anyone: every master-side handle is dropped.
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_danhgia"));
    cmd.args(["--db", db.to_str().unwrap()]);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut buf = [0u8; 65536];
    let mut seen = Vec::new();
    let start = Instant::now();
    while !String::from_utf8_lossy(&seen).contains("3/3")
        && start.elapsed() < Duration::from_secs(20)
    {
        let n = reader.read(&mut buf).unwrap();
        seen.extend_from_slice(&buf[..n]);
    }
    drop(reader);
    drop(pair.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("the program outlived its terminal");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn two_sessions_see_each_others_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let mut a = Session::start(&["--db", db.to_str().unwrap()], 120, 30);
    a.wait_for("Cán bộ (3/3)");
    a.send("/");
    a.send("lan");
    a.send(ENTER);
    a.send(ENTER);
    a.wait_for("Đạt 0/18");
    // Another session (here: the service, as another process would) reviews
    // the first items of S1's submitted checklist.
    let other = Service::open(&db, None).unwrap();
    let v = other.checklist("S1", Q).unwrap();
    let v = other
        .set_review_mark("S1", Q, "I.1.1", Some(true), v.version)
        .unwrap();
    other
        .set_review_mark("S1", Q, "I.1.2", Some(true), v.version)
        .unwrap();
    a.wait_for("Đạt 2/18");
    a.send("q");
    assert!(a.wait_exit());
}

#[test]
fn a_small_terminal_gets_a_message_and_the_demo_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut s = Session::start(&["--db", db.to_str().unwrap(), "demo"], 50, 12);
    s.wait_for("quá nhỏ");
    s.send("q");
    assert!(s.wait_exit());
    let mut s = Session::start(
        &["--db", db.to_str().unwrap(), "--lang", "en", "demo"],
        80,
        24,
    );
    s.wait_for("Staff (");
    s.send("?");
    s.wait_for("Everywhere");
    s.send(ESC);
    s.send("q");
    assert!(s.wait_exit());
}
