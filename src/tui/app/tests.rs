//! The app as a state machine: keys in, state and database out, on a real
//! (temporary) database, as each role.

use super::*;
use crate::domain::records::{Numbered, RatingPeriod, RatingRecord};
use crate::domain::{Month, Staff, StaffKind};
use crate::store::Store;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

const Q3: Quarter = Quarter { year: 2026, q: 3 };

fn person(code: &str, name: &str, kind: StaffKind, manager: Option<&str>, login: &str) -> Staff {
    Staff::new(code, name, "Phòng Nội vụ", kind, manager, Some(login))
}

/// hr (admin); L1 "truong" (reviewer) heads S1 "an" and S2 "binh".
struct Office {
    _dir: TempDir,
    path: std::path::PathBuf,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let hr = Service::init(&path, "hr").unwrap();
        let staff = vec![
            person("L1", "Trần Văn Hùng", StaffKind::Leader, None, "truong"),
            person("S1", "Nguyễn Thị Lan", StaffKind::Staff, Some("L1"), "an"),
            person("S2", "Lê Văn Nam", StaffKind::Staff, Some("L1"), "binh"),
        ];
        let staff: Vec<_> = staff
            .into_iter()
            .enumerate()
            .map(|(i, record)| Numbered { row: i + 2, record })
            .collect();
        hr.import_staff("s.csv", &staff).unwrap();
        hr.grant("reviewer", "truong").unwrap();
        let ratings: Vec<_> = (7..=9)
            .map(|m| RatingRecord {
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
            })
            .enumerate()
            .map(|(i, record)| Numbered { row: i + 2, record })
            .collect();
        hr.import_ratings("r.csv", &ratings).unwrap();
        Office { _dir: dir, path }
    }

    fn app(&self, login: &str) -> App {
        let svc = Service::from_store(Store::open(&self.path).unwrap(), login, None).unwrap();
        App::new(svc, Lang::Vi, Q3).unwrap()
    }

    fn svc(&self, login: &str) -> Service {
        Service::from_store(Store::open(&self.path).unwrap(), login, None).unwrap()
    }
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn open(app: &App) -> &OpenChecklist {
    app.checklist.as_ref().expect("a checklist is open")
}

#[test]
fn a_staff_member_sees_only_their_own_checklist_and_works_in_the_self_column() {
    let o = Office::new();
    let app = o.app("an");
    assert_eq!(app.people.len(), 1);
    assert_eq!(app.focus, Pane::Checklist);
    assert_eq!(open(&app).view.staff.staff.code, "S1");
    assert_eq!(open(&app).column, Column::SelfMark);
    assert!(!app.column_editable(Column::Review));
}

#[test]
fn staff_flow_marks_every_item_and_submits_after_confirming() {
    let o = Office::new();
    let mut app = o.app("an");
    for _ in 0..18 {
        press(&mut app, KeyCode::Enter);
    }
    assert!(
        open(&app)
            .view
            .items
            .iter()
            .all(|i| i.self_mark == Some(true))
    );
    press(&mut app, KeyCode::F(8));
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    // Esc backs out without submitting.
    press(&mut app, KeyCode::Esc);
    assert_eq!(open(&app).view.state, ChecklistState::Draft);
    press(&mut app, KeyCode::F(8));
    press(&mut app, KeyCode::Enter);
    assert_eq!(open(&app).view.state, ChecklistState::Submitted);
    assert_eq!(
        o.svc("hr").checklist("S1", Q3).unwrap().state,
        ChecklistState::Submitted
    );
}

#[test]
fn submitting_with_items_unmarked_is_refused_with_a_message() {
    let o = Office::new();
    let mut app = o.app("an");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(8));
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.flash, Some(Flash::Error(m)) if m.contains("17")),
        "{:?}",
        app.flash
    );
    assert_eq!(open(&app).view.state, ChecklistState::Draft);
}

fn submit_s1(o: &Office) {
    let mut app = o.app("an");
    for _ in 0..18 {
        press(&mut app, KeyCode::Enter);
    }
    press(&mut app, KeyCode::F(8));
    press(&mut app, KeyCode::Enter);
}

#[test]
fn reviewer_flow_from_the_queue_to_pass() {
    let o = Office::new();
    submit_s1(&o);
    let mut app = o.app("truong");
    assert_eq!(app.people.len(), 3, "self and two subordinates");
    ctrl(&mut app, 'n');
    assert_eq!(open(&app).view.staff.staff.code, "S1");
    assert_eq!(open(&app).column, Column::Review);
    assert_eq!(app.focus, Pane::Checklist);
    assert_eq!(open(&app).result.outcome, Outcome::Pending);

    // Accept the first items, one by one.
    for _ in 0..3 {
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(open(&app).cursor, 3);
    // Not pass asks for a note; the result stays pending until approval,
    // and what approval would decide turns to fail at once.
    press(&mut app, KeyCode::Delete);
    assert!(matches!(app.overlay, Some(Overlay::Text { .. })));
    type_text(&mut app, "Chưa nộp báo cáo tháng 8");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(open(&app).result.outcome, Outcome::Pending);
    assert_eq!(
        open(&app).if_approved.as_ref().map(|r| r.outcome),
        Some(Outcome::Fail)
    );
    assert_eq!(
        open(&app).view.items[3].note.as_deref(),
        Some("Chưa nộp báo cáo tháng 8")
    );
    assert_eq!(open(&app).cursor, 4, "moved on to the next unreviewed item");

    // Change of mind: back to item 3, cycle the mark to Đạt... (Chưa → unset → Đạt).
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(open(&app).view.items[3].review, Some(true));

    // Accept all remaining (confirmed), then approve (confirmed).
    press(&mut app, KeyCode::F(6));
    press(&mut app, KeyCode::Enter);
    assert!(open(&app).view.items.iter().all(|i| i.review == Some(true)));
    press(&mut app, KeyCode::F(8));
    press(&mut app, KeyCode::Enter);
    assert_eq!(open(&app).view.state, ChecklistState::Approved);
    assert_eq!(open(&app).result.outcome, Outcome::Pass);
    let row = app.people.iter().find(|p| p.code == "S1").unwrap();
    assert_eq!(
        row.outcome,
        Outcome::Pass,
        "the list's status column follows"
    );
    // The database holds it.
    assert_eq!(
        o.svc("hr").status_of("S1", Q3).unwrap().result.outcome,
        Outcome::Pass
    );
    // The queue is now empty.
    ctrl(&mut app, 'n');
    assert!(matches!(&app.flash, Some(Flash::Info(m)) if m.contains("Không còn")));
}

#[test]
fn reviewer_can_return_a_checklist_with_a_note() {
    let o = Office::new();
    submit_s1(&o);
    let mut app = o.app("truong");
    ctrl(&mut app, 'n');
    press(&mut app, KeyCode::F(9));
    type_text(&mut app, "Bổ sung minh chứng");
    press(&mut app, KeyCode::Enter);
    assert_eq!(open(&app).view.state, ChecklistState::Returned);
    assert_eq!(
        open(&app).view.return_note.as_deref(),
        Some("Bổ sung minh chứng")
    );
}

#[test]
fn esc_in_an_editor_throws_nothing_away_that_was_saved() {
    let o = Office::new();
    let mut app = o.app("an");
    press(&mut app, KeyCode::F(7));
    type_text(&mut app, "Ghi chú đầu");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(7));
    // The editor opens with the saved note; Esc leaves it as it was.
    if let Some(Overlay::Text { area, .. }) = &app.overlay {
        assert_eq!(area.lines(), ["Ghi chú đầu"]);
    } else {
        panic!("editor not open");
    }
    type_text(&mut app, " thêm");
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(
        open(&app).view.items[0].note.as_deref(),
        Some("Ghi chú đầu")
    );
}

#[test]
fn filtering_by_typing_ignores_diacritics() {
    let o = Office::new();
    let mut app = o.app("hr");
    assert_eq!(app.visible.len(), 3);
    press(&mut app, KeyCode::Char('/'));
    assert!(app.filtering);
    type_text(&mut app, "nguyen");
    assert_eq!(app.visible.len(), 1);
    assert_eq!(app.selected_person().unwrap().name, "Nguyễn Thị Lan");
    // q is text while typing, not quit.
    type_text(&mut app, "q");
    assert!(!app.quit);
    assert_eq!(app.visible.len(), 0);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert!(!app.filtering);
    assert_eq!(app.visible.len(), 1);
    // Esc in the list clears the filter.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.visible.len(), 3);
    // By code too.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "l1");
    assert_eq!(app.selected_person().unwrap().code, "L1");
}

#[test]
fn the_result_filter_cycles_through_the_outcomes() {
    let o = Office::new();
    let mut app = o.app("hr");
    press(&mut app, KeyCode::F(3));
    assert_eq!(app.result_filter, Some(Outcome::Pass));
    assert!(app.visible.is_empty());
    press(&mut app, KeyCode::F(3));
    press(&mut app, KeyCode::F(3));
    assert_eq!(app.result_filter, Some(Outcome::Pending));
    assert_eq!(app.visible.len(), 3);
    press(&mut app, KeyCode::F(3));
    assert_eq!(app.result_filter, Some(Outcome::NotAssessed));
    assert!(app.visible.is_empty());
    press(&mut app, KeyCode::F(3));
    assert_eq!(app.result_filter, None);
}

#[test]
fn a_stale_session_gets_a_conflict_and_the_fresh_data() {
    let o = Office::new();
    let mut first = o.app("an");
    let mut second = o.app("an");
    press(&mut first, KeyCode::Enter); // I.1.1 Đạt
    // The second session still has version 0 and tries to mark I.1.1 Chưa đạt.
    press(&mut second, KeyCode::Delete);
    assert!(
        matches!(&second.flash, Some(Flash::Error(m)) if m.contains("Người khác")),
        "{:?}",
        second.flash
    );
    assert!(second.overlay.is_none(), "no note asked for a refused mark");
    assert_eq!(
        open(&second).view.items[0].self_mark,
        Some(true),
        "fresh data shown"
    );
    assert_eq!(
        o.svc("an").checklist("S1", Q3).unwrap().items[0].self_mark,
        Some(true),
        "nothing overwritten"
    );
}

#[test]
fn another_sessions_commit_shows_up_after_a_poll() {
    let o = Office::new();
    let mut hr = o.app("hr");
    let before = hr
        .people
        .iter()
        .find(|p| p.code == "S1")
        .unwrap()
        .self_marked;
    let mut an = o.app("an");
    press(&mut an, KeyCode::Enter);
    hr.poll_changes();
    let after = hr
        .people
        .iter()
        .find(|p| p.code == "S1")
        .unwrap()
        .self_marked;
    assert_eq!((before, after), (0, 1));
    assert!(matches!(&hr.flash, Some(Flash::Info(_))));
}

#[test]
fn admin_closes_the_round_from_the_palette_and_nothing_can_change() {
    let o = Office::new();
    let mut app = o.app("hr");
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "khoa ky");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm {
            action: Action::CloseRound,
            ..
        })
    ));
    press(&mut app, KeyCode::Enter);
    assert!(app.closed);
    press(&mut app, KeyCode::Enter); // open the first person's checklist
    press(&mut app, KeyCode::Enter); // try to mark
    assert!(
        matches!(&app.flash, Some(Flash::Error(m)) if m.contains("khóa")),
        "{:?}",
        app.flash
    );
    // Reopen.
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "mo lai");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(!app.closed);
}

#[test]
fn admin_enters_monthly_ratings_in_one_form() {
    let o = Office::new();
    let mut app = o.app("hr");
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "nam");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(open(&app).view.staff.staff.code, "S2");
    press(&mut app, KeyCode::F(11));
    assert!(matches!(app.overlay, Some(Overlay::Ratings { .. })));
    for row in 0..3 {
        if row > 0 {
            press(&mut app, KeyCode::Down);
        }
        // Space cycles HTXSNV → HTTNV; discipline defaults to 20.
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Char(' '));
    }
    // Month 3 of the quarter: discipline 19.
    press(&mut app, KeyCode::Right);
    type_text(&mut app, "19");
    press(&mut app, KeyCode::Enter);
    let r = o.svc("hr").quarter_ratings("S2", Q3).unwrap();
    let r = r.map(|m| m.and_then(MonthEntry::rated));
    assert_eq!(r.map(|m| m.map(|m| m.rating)), [Some(Rating::Httnv); 3]);
    assert_eq!(r[2].unwrap().discipline, Some(19));
    assert!(open(&app).result.reasons.iter().any(|x| matches!(
        x,
        crate::domain::rules::Reason::Discipline {
            month: 9,
            score: 19
        }
    )));
}

#[test]
fn a_staff_member_cannot_review_even_by_switching_column() {
    let o = Office::new();
    let mut app = o.app("an");
    press(&mut app, KeyCode::Right);
    assert_eq!(open(&app).column, Column::SelfMark);
}

#[test]
fn quitting_and_help_and_palette() {
    let o = Office::new();
    let mut app = o.app("hr");
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "tro giup");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn the_round_picker_switches_quarter() {
    let o = Office::new();
    let mut app = o.app("hr");
    press(&mut app, KeyCode::F(2));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.quarter, Quarter { year: 2026, q: 2 });
    // The third quarter's results leave the screen at once; the second's
    // arrive from the background read.
    assert!(app.loading());
    assert_eq!(app.people.len(), 0);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.poll_loader() {
        assert!(std::time::Instant::now() < deadline, "the list never came");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(app.people.len(), 3);
    // S1's line is the second quarter's, as the service reads it.
    let s1 = app.people.get(app.people.find("S1").unwrap());
    let q2 = app
        .svc
        .status_of("S1", Quarter { year: 2026, q: 2 })
        .unwrap();
    assert_eq!(s1.outcome, q2.result.outcome);
}

#[test]
fn the_kpi_pane_follows_the_quarter() {
    let (_dir, mut app) = kpi_office();
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Kpi);
    assert_eq!(app.kpi.as_ref().unwrap().log.quarter, Q3);
    press(&mut app, KeyCode::F(2));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.poll_loader() {
        assert!(std::time::Instant::now() < deadline, "the list never came");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(
        app.kpi.as_ref().unwrap().log.quarter,
        Quarter { year: 2026, q: 2 }
    );
}

#[test]
fn paste_is_nfc_and_goes_to_the_focused_input() {
    let o = Office::new();
    let mut app = o.app("hr");
    press(&mut app, KeyCode::Char('/'));
    app.on_paste("Nguye\u{302}\u{303}n");
    assert_eq!(app.filter.text(), "Nguyễn");
    assert_eq!(app.visible.len(), 1);
}

#[test]
fn palette_offers_every_bound_action_and_the_palette_only_ones() {
    let all = palette_items("", Lang::Vi);
    assert!(all.iter().any(|(a, _)| *a == Action::CloseRound));
    assert!(all.iter().any(|(a, _)| *a == Action::SubmitOrApprove));
    // A label that starts with the word comes before one that merely contains it.
    assert_eq!(palette_items("xuat", Lang::Vi)[0].0, Action::Reports);
    let found = palette_items("khoa", Lang::Vi);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, Action::CloseRound);
}

#[test]
fn the_list_can_load_in_the_background_while_the_first_frame_shows() {
    let o = Office::new();
    let svc = Service::from_store(Store::open(&o.path).unwrap(), "hr", None).unwrap();
    let mut app = App::new_background(svc, Lang::Vi, Q3).unwrap();
    assert!(app.loading());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.poll_loader() {
        assert!(
            std::time::Instant::now() < deadline,
            "the list never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(app.flash.is_none(), "{:?}", app.flash);
    assert_eq!(app.people.len(), 3);
    assert!(!app.loading());
}

#[test]
fn refresh_reads_the_list_again_in_the_background_keeping_the_selection() {
    let o = Office::new();
    let mut app = o.app("hr");
    app.update(Action::Down);
    let chosen = app.selected_person().unwrap().code.to_owned();
    // Someone else marks S1 meanwhile.
    let other = o.app("an");
    let v = other.svc.checklist("S1", Q3).unwrap();
    other
        .svc
        .set_self_mark("S1", Q3, "I.1.1", Some(true), v.version)
        .unwrap();
    ctrl(&mut app, 'r');
    assert!(app.loading());
    assert_eq!(app.people.len(), 3, "the list stays on screen meanwhile");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.poll_loader() {
        assert!(std::time::Instant::now() < deadline, "the list never came");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(app.selected_person().unwrap().code, chosen);
    let s1 = app.people.get(app.people.find("S1").unwrap());
    assert_eq!(s1.self_marked, 1);
}

/// Phòng Nội chính with its catalog (tests/fixtures/kpi), as `khanh` (NC02).
fn kpi_office() -> (TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kpi");
    let hr = Service::init(&path, "hr").unwrap();
    hr.import_staff_records(
        "staff.csv",
        &crate::import::read_staff(&fixtures.join("staff.csv")).unwrap(),
        None,
    )
    .unwrap();
    let catalog = crate::import::kpi::read_catalog(
        &fixtures.join("catalog_noi_chinh.csv"),
        &hr.reference().kpi,
    )
    .unwrap();
    hr.import_catalog("catalog.csv", &catalog).unwrap();
    let svc = Service::from_store(Store::open(&path).unwrap(), "khanh", None).unwrap();
    (dir, App::new(svc, Lang::Vi, Q3).unwrap())
}

#[test]
fn a_person_logs_a_catalog_task_in_the_kpi_pane_and_the_summary_follows() {
    let (_dir, mut app) = kpi_office();
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Kpi);
    assert!(app.kpi.as_ref().unwrap().log.entries.is_empty());
    press(&mut app, KeyCode::F(7));
    // Choose the task by typing part of its name, without diacritics.
    type_text(&mut app, "bao cao");
    let Some(Overlay::Task(form)) = &app.overlay else {
        panic!("no form")
    };
    assert!(!form.matches.is_empty());
    let chosen = form.matches[0].clone();
    assert!(crate::text::fold(&chosen.entry.task).contains("bao cao"));
    // Quantity 3, reference, save.
    press(&mut app, KeyCode::Tab); // quantity
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "3");
    press(&mut app, KeyCode::Tab); // reference
    type_text(&mut app, "12/BC-NC");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.flash);
    let k = app.kpi.as_ref().unwrap();
    assert_eq!(k.log.entries.len(), 1);
    let e = &k.log.entries[0];
    assert_eq!(
        (e.quantity, e.product_ref.as_str(), e.catalog_id),
        (3, "12/BC-NC", Some(chosen.id))
    );
    // The summary, by hand: 3 × the bucket's standard minutes.
    let std = app.kpi_settings.standard(chosen.entry.bucket);
    assert_eq!(k.log.summary.tasks_done, 1);
    assert!((k.log.summary.standard_minutes - 3.0 * std).abs() < 1e-9);
    // Delete, confirmed.
    press(&mut app, KeyCode::Delete);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm {
            action: Action::KpiDelete,
            ..
        })
    ));
    press(&mut app, KeyCode::Enter);
    assert!(app.kpi.as_ref().unwrap().log.entries.is_empty());
}

#[test]
fn a_task_outside_the_catalog_needs_its_own_complexity_and_time() {
    let (_dir, mut app) = kpi_office();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::F(7));
    type_text(&mut app, "Tiếp đoàn kiểm tra xyz");
    let Some(Overlay::Task(form)) = &app.overlay else {
        panic!("no form")
    };
    assert!(form.pick.is_none(), "nothing in the catalog matches");
    press(&mut app, KeyCode::Tab); // complexity
    press(&mut app, KeyCode::Down); // N2
    press(&mut app, KeyCode::Tab); // bucket
    press(&mut app, KeyCode::Down); // 6
    press(&mut app, KeyCode::Enter);
    let e = &app.kpi.as_ref().unwrap().log.entries[0];
    assert_eq!(
        (e.catalog_id, e.complexity.as_str(), e.bucket.number()),
        (None, "N2", 6)
    );
    // A bad date is refused in the form, with the field named.
    press(&mut app, KeyCode::F(7));
    press(&mut app, KeyCode::BackTab); // date
    press(&mut app, KeyCode::Backspace); // "30/09/202" would read as the year 202
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Task(form)) = &app.overlay else {
        panic!("form closed on a three-digit year")
    };
    assert_eq!(form.error, Some(Msg::KpiBadDate));
    ctrl(&mut app, 'u');
    type_text(&mut app, "31/02/2026");
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Task(form)) = &app.overlay else {
        panic!("form closed on a bad date")
    };
    assert_eq!(form.error, Some(Msg::KpiBadDate));
}

/// The rows a full scan finds: what the incremental filter must equal.
fn scanned(app: &App) -> Vec<u32> {
    let q = fold(app.filter.text());
    let words: Vec<&str> = q.split_whitespace().collect();
    app.people
        .iter()
        .enumerate()
        .filter(|(_, p)| app.result_filter.is_none_or(|r| p.outcome == r))
        .filter(|(_, p)| app.unit_filter.as_deref().is_none_or(|u| p.unit == u))
        .filter(|(_, p)| words.iter().all(|w| p.fold.contains(w)))
        .map(|(i, _)| i as u32)
        .collect()
}

#[test]
fn the_incremental_filter_finds_what_a_full_scan_finds() {
    let svc = Service::init_in_memory("hr").unwrap();
    let mut opts =
        crate::demo::DemoOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    opts.size = 400;
    svc.load_demo(&crate::demo::generate(&opts)).unwrap();
    let mut app = App::new(svc, Lang::Vi, Quarter { year: 2026, q: 4 }).unwrap();
    assert!(app.people.len() > 300);
    let check = |app: &App, what: &str| {
        assert_eq!(app.visible, scanned(app), "after {what:?}");
    };
    press(&mut app, KeyCode::Char('/'));
    let mut typed = String::new();
    for c in "nguyen thi h".chars() {
        press(&mut app, KeyCode::Char(c));
        typed.push(c);
        check(&app, &typed);
    }
    assert!(!app.visible.is_empty() && app.visible.len() < app.people.len());
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
        typed.pop();
        check(&app, &typed);
    }
    // Another word after the erased part, digits, a character that is not
    // a letter, and a result filter changed in the middle.
    for c in "van 1-".chars() {
        press(&mut app, KeyCode::Char(c));
        typed.push(c);
        check(&app, &typed);
    }
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::F(3));
        check(&app, "F3");
        press(&mut app, KeyCode::Char('/'));
        press(&mut app, KeyCode::Backspace);
        check(&app, "backspace after F3");
        press(&mut app, KeyCode::Char('e'));
        check(&app, "e after F3");
        press(&mut app, KeyCode::Enter);
    }
    // A unit chosen, then the text cleared.
    app.unit_filter = Some(app.people.get(0).unit.to_owned());
    app.apply_filters();
    check(&app, "a unit");
    press(&mut app, KeyCode::Esc);
    check(&app, "Esc");
    assert_eq!(app.filter.text(), "");
}

#[test]
fn a_changed_mark_is_recomputed_in_memory_as_the_service_computes_it() {
    let o = Office::new();
    let mut hr = o.app("hr");
    let check = |app: &App| {
        let c = open(app);
        let code = c.view.staff.staff.code.clone();
        let status = app.svc.status_of(&code, Q3).unwrap();
        assert_eq!(c.result, status.result, "{code}: the live result");
        let line = app.people.get(app.people.find(&code).unwrap());
        assert_eq!(
            (
                line.outcome,
                line.state,
                line.self_marked,
                line.reviewed,
                line.items
            ),
            (
                status.result.outcome,
                status.state,
                status.self_marked,
                status.reviewed,
                status.result.items_total
            ),
            "{code}: the list's line"
        );
    };
    // The leader L1 (whose result depends on S1's and S2's months), then S1.
    for code in ["L1", "S1"] {
        hr.update(Action::Top);
        while hr.selected_person().unwrap().code != code {
            hr.update(Action::Down);
        }
        hr.update(Action::Open);
        check(&hr);
        for _ in 0..4 {
            press(&mut hr, KeyCode::Char(' '));
            check(&hr);
            press(&mut hr, KeyCode::Enter);
            check(&hr);
        }
        press(&mut hr, KeyCode::F(6));
        press(&mut hr, KeyCode::Enter);
        check(&hr);
        hr.update(Action::Back);
    }
}

#[test]
fn the_kpi_pane_of_a_closed_quarter_uses_the_numbers_frozen_with_it() {
    use crate::domain::kpi::KpiSetting;
    let (dir, mut app) = kpi_office();
    let hr =
        Service::from_store(Store::open(&dir.path().join("k.db")).unwrap(), "hr", None).unwrap();
    let minutes = |hr: &Service, m: f64| {
        hr.set_kpi_settings(&[(KpiSetting::MinutesPerQuarter, m)])
            .unwrap()
    };
    minutes(&hr, 10_000.0);
    hr.set_round_closed(Q3, true).unwrap();
    minutes(&hr, 20_000.0);
    let shown = |app: &mut App, q: Quarter| {
        app.switch_quarter(q);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while app.loading() {
            assert!(std::time::Instant::now() < deadline, "the list never came");
            app.poll_loader();
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        app.load_kpi();
        assert!(app.kpi.is_some(), "{:?}", app.flash);
        app.kpi_settings.minutes_per_quarter
    };
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.kpi_settings.minutes_per_quarter, 10_000.0);
    let q4 = Quarter { year: 2026, q: 4 };
    assert_eq!(shown(&mut app, q4), 20_000.0);
    assert_eq!(shown(&mut app, Q3), 10_000.0);
    // Reopened, the quarter follows the live numbers again.
    hr.set_round_closed(Q3, false).unwrap();
    app.reload().unwrap();
    app.load_kpi();
    assert_eq!(app.kpi_settings.minutes_per_quarter, 20_000.0);
}

#[test]
fn the_export_goes_through_the_one_file_writer() {
    use crate::report::FormId;
    use std::os::unix::fs::{PermissionsExt, symlink};
    let o = Office::new();
    let mut hr = o.app("hr");
    let dir = tempfile::tempdir().unwrap();
    // A symbolic link planted at the export's name is neither followed nor
    // replaced: the export takes the next free name, created 0600.
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let first = dir.path().join(format!("danhgia-mau-04-{Q3}.xlsx"));
    symlink(&victim, &first).unwrap();
    hr.write_report_in(FormId::Notice, dir.path());
    assert!(matches!(&hr.flash, Some(Flash::Info(_))), "{:?}", hr.flash);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::symlink_metadata(&first).unwrap().is_symlink());
    let second = dir.path().join(format!("danhgia-mau-04-{Q3} (2).xlsx"));
    let mode = std::fs::metadata(&second).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Again: a third file, the second kept.
    let before = std::fs::read(&second).unwrap();
    hr.write_report_in(FormId::Notice, dir.path());
    assert!(
        dir.path()
            .join(format!("danhgia-mau-04-{Q3} (3).xlsx"))
            .is_file()
    );
    assert_eq!(std::fs::read(&second).unwrap(), before);
    // A folder that does not exist is an error, and is not created.
    let missing = dir.path().join("missing");
    hr.write_report_in(FormId::Notice, &missing);
    assert!(
        matches!(&hr.flash, Some(Flash::Error(m)) if m.contains("thư mục không tồn tại")),
        "{:?}",
        hr.flash
    );
    assert!(!missing.exists());
}

/// Opens the ratings dialog of S2 (Lê Văn Nam) as hr.
fn ratings_of_s2(o: &Office) -> App {
    let mut app = o.app("hr");
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "nam");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(open(&app).view.staff.staff.code, "S2");
    press(&mut app, KeyCode::F(11));
    assert!(matches!(app.overlay, Some(Overlay::Ratings { .. })));
    app
}

#[test]
fn a_month_can_be_set_on_leave_in_the_ratings_dialog() {
    let o = Office::new();
    let mut app = ratings_of_s2(&o);
    // HTXSNV, HTTNV, HTNV, KHTNV, then on leave for the whole month.
    for _ in 0..5 {
        press(&mut app, KeyCode::Char(' '));
    }
    // A month on leave has no discipline score to type.
    press(&mut app, KeyCode::Right);
    type_text(&mut app, "19");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Left);
    // August and September: HTTNV.
    for _ in 1..3 {
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Char(' '));
    }
    let Some(Overlay::Ratings { rows, .. }) = &app.overlay else {
        panic!("the dialog is open");
    };
    assert!(rows[0].leave && rows[0].rating.is_none() && rows[0].discipline.is_none());
    press(&mut app, KeyCode::Enter);
    let r = o.svc("hr").quarter_ratings("S2", Q3).unwrap();
    assert_eq!(r[0], Some(MonthEntry::Leave));
    assert_eq!(
        r[1].and_then(MonthEntry::rated).map(|m| m.rating),
        Some(Rating::Httnv)
    );
    // July is not awaited: S2 is assessed on August and September.
    assert!(
        !open(&app)
            .result
            .reasons
            .iter()
            .any(|x| matches!(x, crate::domain::rules::Reason::MissingRating { .. })),
        "{:?}",
        open(&app).result.reasons
    );
    // Cycling on from a leave starts the ratings again.
    press(&mut app, KeyCode::F(11));
    press(&mut app, KeyCode::Char(' '));
    let Some(Overlay::Ratings { rows, .. }) = &app.overlay else {
        panic!("the dialog is open");
    };
    assert_eq!(
        (rows[0].rating, rows[0].leave, rows[0].discipline),
        (Some(Rating::Htxsnv), false, Some(DISCIPLINE_MAX))
    );
}

#[test]
fn the_ratings_dialog_does_not_offer_months_the_person_was_not_employed() {
    let o = Office::new();
    let hr = o.svc("hr");
    let mut s2 = person("S2", "Lê Văn Nam", StaffKind::Staff, Some("L1"), "binh");
    s2.employment.left = chrono::NaiveDate::from_ymd_opt(2026, 7, 31);
    hr.import_staff("s.csv", &[Numbered { row: 2, record: s2 }])
        .unwrap();
    let mut app = ratings_of_s2(&o);
    // August and September cannot be reached; July can be rated.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let Some(Overlay::Ratings { rows, row, .. }) = &app.overlay else {
        panic!("the dialog is open");
    };
    assert_eq!(*row, 0);
    assert_eq!(rows.map(|r| r.employed), [true, false, false]);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    let r = o.svc("hr").quarter_ratings("S2", Q3).unwrap();
    assert!(r[0].is_some() && r[1].is_none() && r[2].is_none(), "{r:?}");
}
