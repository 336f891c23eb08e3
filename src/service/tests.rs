//! Authorisation (SPEC section 8), conflicts, closed rounds and imports, each
//! with a test.

use super::*;
use crate::domain::checklist::ChecklistState;
use crate::domain::rating::{MonthEntry, MonthlyRating, Rating};
use crate::domain::records::{
    MarkRecord, MarkTarget, Numbered, Problem, RatingPeriod, RatingRecord,
};
use crate::domain::rules::Outcome;
use crate::domain::{Month, Staff};
use crate::store::Store;
use tempfile::TempDir;

const Q3: Quarter = Quarter { year: 2026, q: 3 };

fn person(code: &str, kind: StaffKind, manager: Option<&str>, login: &str) -> Staff {
    let unit = if code == "S3" || code == "L2" {
        "Phòng Tư pháp"
    } else {
        "Phòng Nội vụ"
    };
    Staff::new(
        code,
        &format!("Người {code}"),
        unit,
        kind,
        manager,
        Some(login),
    )
}

fn numbered<T>(v: Vec<T>) -> Vec<Numbered<T>> {
    v.into_iter()
        .enumerate()
        .map(|(i, record)| Numbered { row: i + 2, record })
        .collect()
}

/// hr (admin); L1 "truong" heads S1 "an", S2 "binh" and L2 "pho"; L2 heads S3 "cuong".
struct Office {
    _dir: TempDir,
    path: std::path::PathBuf,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let hr = Service::init(&path, "hr").unwrap();
        let staff = numbered(vec![
            person("L1", StaffKind::Leader, None, "truong"),
            person("S1", StaffKind::Staff, Some("L1"), "an"),
            person("S2", StaffKind::Staff, Some("L1"), "binh"),
            person("L2", StaffKind::Leader, Some("L1"), "pho"),
            person("S3", StaffKind::Staff, Some("L2"), "cuong"),
        ]);
        hr.import_staff("staff.csv", &staff).unwrap();
        hr.grant("reviewer", "truong").unwrap();
        hr.grant("reviewer", "pho").unwrap();
        Office { _dir: dir, path }
    }

    fn as_(&self, login: &str) -> Service {
        Service::from_store(Store::open(&self.path).unwrap(), login, None).unwrap()
    }
}

fn denied<T: std::fmt::Debug>(r: Result<T>) -> Denied {
    match r {
        Err(ServiceError::Denied(d)) => d,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// S1 fills and submits all self marks.
fn submit_s1(o: &Office) -> ChecklistView {
    let an = o.as_("an");
    let mut v = an.checklist("S1", Q3).unwrap();
    for id in an.forms().staff.clone() {
        v = an
            .set_self_mark("S1", Q3, id, Some(true), v.version)
            .unwrap();
    }
    an.submit("S1", Q3, v.version).unwrap()
}

#[test]
fn init_makes_the_caller_admin_and_refuses_a_second_init() {
    let o = Office::new();
    assert!(o.as_("hr").actor().roles.admin);
    assert!(!o.as_("an").actor().roles.admin);
    assert!(matches!(
        Service::init(&o.path, "mallory"),
        Err(ServiceError::AlreadyInitialised(_))
    ));
}

#[test]
fn staff_edits_only_their_own_self_marks() {
    let o = Office::new();
    let an = o.as_("an");
    let v = an.set_self_mark("S1", Q3, "I.1.1", Some(true), 0).unwrap();
    assert_eq!(v.items[0].self_mark, Some(true));
    assert_eq!(
        denied(an.set_self_mark("S2", Q3, "I.1.1", Some(true), 0)),
        Denied::NotYourChecklist { code: "S2".into() }
    );
    // nor review their own
    assert_eq!(
        denied(an.set_review_mark("S1", Q3, "I.1.1", Some(true), v.version)),
        Denied::NotYourSubordinate { code: "S1".into() }
    );
}

#[test]
fn reviewer_reviews_only_direct_subordinates_once_submitted() {
    let o = Office::new();
    let truong = o.as_("truong");
    // Not submitted yet: the reviewer waits.
    assert!(matches!(
        denied(truong.set_review_mark("S1", Q3, "I.1.1", Some(true), 0)),
        Denied::WrongState { .. }
    ));
    let v = submit_s1(&o);
    let v = truong
        .set_review_mark("S1", Q3, "I.1.1", Some(true), v.version)
        .unwrap();
    assert_eq!(v.items[0].review, Some(true));
    // S3 reports to L2, not to L1.
    assert_eq!(
        denied(truong.set_review_mark("S3", Q3, "I.1.1", Some(true), 0)),
        Denied::NotYourSubordinate { code: "S3".into() }
    );
    // A staff member cannot review a colleague.
    assert_eq!(
        denied(
            o.as_("binh")
                .set_review_mark("S1", Q3, "I.1.2", Some(true), v.version)
        ),
        Denied::NotYourSubordinate { code: "S1".into() }
    );
}

#[test]
fn a_manager_without_the_reviewer_role_cannot_review() {
    let o = Office::new();
    let hr = o.as_("hr");
    hr.import_staff(
        "s.csv",
        &numbered(vec![person("S4", StaffKind::Staff, Some("S1"), "dung")]),
    )
    .unwrap();
    let dung = o.as_("dung");
    let mut v = dung.checklist("S4", Q3).unwrap();
    for id in dung.forms().staff.clone() {
        v = dung
            .set_self_mark("S4", Q3, id, Some(true), v.version)
            .unwrap();
    }
    let v = dung.submit("S4", Q3, v.version).unwrap();
    assert!(matches!(
        denied(
            o.as_("an")
                .set_review_mark("S4", Q3, "I.1.1", Some(true), v.version)
        ),
        Denied::NotYourSubordinate { .. }
    ));
}

#[test]
fn reviewer_flow_turns_the_result_to_pass() {
    let o = Office::new();
    let hr = o.as_("hr");
    let ratings: Vec<RatingRecord> = (7..=9)
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
        .collect();
    hr.import_ratings("r.csv", &numbered(ratings)).unwrap();
    let v = submit_s1(&o);
    let truong = o.as_("truong");
    assert_eq!(
        truong.status_of("S1", Q3).unwrap().result.outcome,
        Outcome::Pending
    );
    let v = truong
        .set_review_mark("S1", Q3, "II.2.4", Some(false), v.version)
        .unwrap();
    // Review marks decide only once approved (003, Bước 3): still pending,
    // waiting on the reviewer.
    let r = truong.status_of("S1", Q3).unwrap().result;
    assert_eq!(r.outcome, Outcome::Pending);
    assert!(matches!(
        r.reasons[0],
        crate::domain::rules::Reason::ChecklistState {
            state: ChecklistState::Submitted,
            ..
        }
    ));
    let v = truong
        .set_review_mark("S1", Q3, "II.2.4", Some(true), v.version)
        .unwrap();
    let v = truong.accept_remaining("S1", Q3, v.version).unwrap();
    let v = truong.approve("S1", Q3, v.version).unwrap();
    assert_eq!(v.state, ChecklistState::Approved);
    assert_eq!(
        truong.status_of("S1", Q3).unwrap().result.outcome,
        Outcome::Pass
    );
}

#[test]
fn return_for_revision_needs_a_note_and_lets_the_person_edit_again() {
    let o = Office::new();
    let v = submit_s1(&o);
    let truong = o.as_("truong");
    assert!(matches!(
        truong.return_for_revision("S1", Q3, "  ", v.version),
        Err(ServiceError::Invalid(_))
    ));
    let v = truong
        .return_for_revision("S1", Q3, "Bổ sung minh chứng nội dung II.2.4", v.version)
        .unwrap();
    assert_eq!(v.state, ChecklistState::Returned);
    let v = o
        .as_("an")
        .set_self_mark("S1", Q3, "II.2.4", Some(false), v.version)
        .unwrap();
    assert_eq!(v.items[12].self_mark, Some(false));
}

#[test]
fn stale_write_is_refused_as_a_conflict_and_nothing_is_overwritten() {
    let o = Office::new();
    let an1 = o.as_("an");
    let an2 = o.as_("an");
    let read = an1.checklist("S1", Q3).unwrap();
    an2.set_self_mark("S1", Q3, "I.1.1", Some(true), read.version)
        .unwrap();
    let r = an1.set_self_mark("S1", Q3, "I.1.1", Some(false), read.version);
    assert!(matches!(r, Err(ServiceError::Conflict { .. })), "{r:?}");
    assert_eq!(
        an1.checklist("S1", Q3).unwrap().items[0].self_mark,
        Some(true)
    );
}

#[test]
fn only_admins_import_close_reopen_grant_and_back_up() {
    let o = Office::new();
    let truong = o.as_("truong");
    assert_eq!(denied(truong.set_round_closed(Q3, true)), Denied::AdminOnly);
    assert_eq!(denied(truong.grant("admin", "truong")), Denied::AdminOnly);
    assert_eq!(denied(truong.import_staff("x", &[])), Denied::AdminOnly);
    assert_eq!(denied(truong.import_ratings("x", &[])), Denied::AdminOnly);
    assert_eq!(denied(truong.import_marks("x", &[])), Denied::AdminOnly);
    assert_eq!(
        denied(truong.backup(&o.path.with_extension("bak"))),
        Denied::AdminOnly
    );
    let r = MonthlyRating {
        rating: Rating::Htxsnv,
        discipline: Some(20),
        excused: false,
    };
    assert_eq!(
        denied(truong.set_rating("S1", 2026, Some(7), r)),
        Denied::AdminOnly
    );
    let hr = o.as_("hr");
    hr.set_round_closed(Q3, true).unwrap();
    hr.set_round_closed(Q3, false).unwrap();
    assert!(!hr.round_closed(Q3).unwrap());
}

#[test]
fn closed_round_refuses_every_write() {
    let o = Office::new();
    let v = submit_s1(&o);
    let hr = o.as_("hr");
    hr.set_round_closed(Q3, true).unwrap();
    let closed = |r: Result<ChecklistView>| {
        assert!(
            matches!(r, Err(ServiceError::RoundClosed(q)) if q == Q3),
            "{r:?}"
        )
    };
    closed(
        o.as_("truong")
            .set_review_mark("S1", Q3, "I.1.1", Some(true), v.version),
    );
    closed(o.as_("truong").approve("S1", Q3, v.version));
    closed(
        o.as_("an")
            .set_self_mark("S1", Q3, "I.1.1", Some(true), v.version),
    );
    closed(hr.set_self_mark("S2", Q3, "I.1.1", Some(true), 0));
    closed(hr.set_outstanding("S1", Q3, true, Some("x"), v.version));
    let r = MonthlyRating {
        rating: Rating::Htxsnv,
        discipline: Some(20),
        excused: false,
    };
    assert!(matches!(
        hr.set_rating("S1", 2026, Some(8), r),
        Err(ServiceError::RoundClosed(_))
    ));
    let marks = numbered(vec![MarkRecord {
        code: "S1".into(),
        quarter: Q3,
        target: MarkTarget::All,
        self_mark: Some(true),
        review: None,
    }]);
    assert!(
        matches!(hr.import_marks("m.csv", &marks), Err(ServiceError::ImportRefused(p)) if matches!(p[0].problem, Problem::RoundClosed { .. }))
    );
    // Other quarters stay open.
    hr.set_self_mark("S2", Quarter { year: 2026, q: 4 }, "I.1.1", Some(true), 0)
        .unwrap();
}

#[test]
fn act_as_is_for_admins_only() {
    let o = Office::new();
    let as_an = Service::from_store(Store::open(&o.path).unwrap(), "hr", Some("an")).unwrap();
    assert_eq!(as_an.actor().login, "an");
    let r = Service::from_store(Store::open(&o.path).unwrap(), "an", Some("hr"));
    assert!(matches!(
        r,
        Err(ServiceError::Denied(Denied::ActAsNotAdmin))
    ));
}

#[test]
fn status_shows_each_role_what_it_may_see() {
    let o = Office::new();
    let codes = |login: &str| -> Vec<String> {
        o.as_(login)
            .status(Q3, None)
            .unwrap()
            .into_iter()
            .map(|r| r.staff.staff.code)
            .collect()
    };
    assert_eq!(codes("hr").len(), 5);
    assert_eq!(codes("an"), ["S1"]);
    let mut t = codes("truong");
    t.sort();
    assert_eq!(t, ["L1", "L2", "S1", "S2"]);
    assert!(matches!(
        denied(o.as_("an").checklist("S2", Q3)),
        Denied::NotVisible { .. }
    ));
}

#[test]
fn staff_import_is_refused_whole_with_every_bad_row() {
    let o = Office::new();
    let hr = o.as_("hr");
    let bad = numbered(vec![
        person("N1", StaffKind::Staff, Some("NOBODY"), "n1"),
        person("N2", StaffKind::Staff, Some("L1"), "an"), // an belongs to S1
        person("N3", StaffKind::Staff, Some("N4"), "n3"),
        person("N4", StaffKind::Staff, Some("N3"), "n4"), // N3 <-> N4 loop
        person("N5", StaffKind::Staff, Some("L1"), "n5"), // fine, but nothing is written
    ]);
    let Err(ServiceError::ImportRefused(p)) = hr.import_staff("bad.csv", &bad) else {
        panic!()
    };
    let got: Vec<(usize, &str, Problem)> = p
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.problem.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "manager_code", Problem::UnknownManager),
            (3, "login", Problem::LoginTaken { by: "S1".into() }),
            (4, "manager_code", Problem::ManagerCycle),
            (5, "manager_code", Problem::ManagerCycle),
        ]
    );
    assert_eq!(hr.status(Q3, None).unwrap().len(), 5, "nothing was written");
}

#[test]
fn reimporting_the_same_staff_is_idempotent() {
    let o = Office::new();
    let hr = o.as_("hr");
    let again = numbered(vec![person("S1", StaffKind::Staff, Some("L1"), "an")]);
    let s = hr.import_staff("s.csv", &again).unwrap();
    assert_eq!((s.inserted, s.updated), (0, 1));
    assert_eq!(hr.status(Q3, None).unwrap().len(), 5);
}

#[test]
fn marks_import_checks_items_against_the_persons_form() {
    let o = Office::new();
    let hr = o.as_("hr");
    // III.1.1 exists on 03A (leaders) only.
    let marks = numbered(vec![
        MarkRecord {
            code: "L1".into(),
            quarter: Q3,
            target: MarkTarget::Item("III.1.1".into()),
            self_mark: Some(true),
            review: Some(true),
        },
        MarkRecord {
            code: "S1".into(),
            quarter: Q3,
            target: MarkTarget::Item("III.1.1".into()),
            self_mark: Some(true),
            review: Some(true),
        },
        MarkRecord {
            code: "ZZ".into(),
            quarter: Q3,
            target: MarkTarget::All,
            self_mark: Some(true),
            review: None,
        },
    ]);
    let Err(ServiceError::ImportRefused(p)) = hr.import_marks("m.csv", &marks) else {
        panic!()
    };
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[0].row, &p[0].problem),
        (3, &Problem::UnknownItem { form: "03B".into() })
    );
    assert_eq!((p[1].row, &p[1].problem), (4, &Problem::UnknownStaff));
    // A whole paper form: every item reviewed → approved.
    let all = numbered(vec![MarkRecord {
        code: "S1".into(),
        quarter: Q3,
        target: MarkTarget::All,
        self_mark: Some(true),
        review: Some(true),
    }]);
    hr.import_marks("m.csv", &all).unwrap();
    assert_eq!(
        hr.checklist("S1", Q3).unwrap().state,
        ChecklistState::Approved
    );
}

#[test]
fn every_write_leaves_an_audit_row_and_an_edit_behind_its_back_is_caught() {
    let o = Office::new();
    submit_s1(&o);
    let hr = o.as_("hr");
    let AuditReport::Intact { entries } = hr.audit_verify().unwrap() else {
        panic!()
    };
    // init, staff import, 2 grants, 18 self marks, submit
    assert_eq!(entries, 1 + 1 + 2 + 18 + 1);
    let c = rusqlite::Connection::open(&o.path).unwrap();
    c.execute_batch(
        "DROP TRIGGER audit_no_update; UPDATE audit SET who = 'mallory' WHERE seq = 7;",
    )
    .unwrap();
    assert!(matches!(
        hr.audit_verify().unwrap(),
        AuditReport::Broken { seq: 7, .. }
    ));
}

#[test]
fn outstanding_needs_an_achievement_summary() {
    let o = Office::new();
    let v = submit_s1(&o);
    let truong = o.as_("truong");
    assert!(matches!(
        truong.set_outstanding("S1", Q3, true, None, v.version),
        Err(ServiceError::Invalid(_))
    ));
    let v = truong
        .set_outstanding("S1", Q3, true, Some("Cứu người trong lũ"), v.version)
        .unwrap();
    assert!(v.outstanding);
}

/// `n` people of one unit under L1, coded `B00001`…, none with a login.
fn many(n: usize) -> Vec<Numbered<crate::domain::records::StaffRecord>> {
    numbered(
        (1..=n)
            .map(|i| {
                let mut s = person(&format!("B{i:05}"), StaffKind::Staff, Some("L1"), "x");
                s.login = None;
                s.unit = format!("Phòng {}", i % 7);
                s.into()
            })
            .collect(),
    )
}

fn batches(
    rows: &[Numbered<crate::domain::records::StaffRecord>],
    end: bool,
) -> Vec<StaffBatch<'_>> {
    let mut out: Vec<StaffBatch> = rows
        .chunks(1000)
        .map(|c| StaffBatch::Rows(std::borrow::Cow::Borrowed(c)))
        .collect();
    if end {
        out.push(StaffBatch::End);
    }
    out
}

/// The staff table's indexes as sqlite_master has them, and whether
/// foreign keys are enforced on the connection.
fn unit_index_sql(svc: &Service) -> Option<String> {
    let c = svc.store.conn();
    let sql: Vec<String> = c
        .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'staff' AND type = 'index' ORDER BY name")
        .ok()?
        .query_map([], |r| r.get::<_, Option<String>>(0))
        .ok()?
        .map(|r| r.ok().flatten().unwrap_or_default())
        .collect();
    let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).ok()?;
    Some(format!("{sql:?} foreign_keys={fk}"))
}

#[test]
fn batches_that_stop_before_their_end_write_nothing() {
    let o = Office::new();
    let hr = o.as_("hr");
    let rows = many(2500);
    let r = hr.import_staff_batches("big.csv", batches(&rows, false));
    assert!(matches!(r, Err(ServiceError::ImportUnfinished)), "{r:?}");
    assert_eq!(hr.status(Q3, None).unwrap().len(), 5, "nothing was written");
}

#[test]
fn a_large_import_builds_the_unit_index_again_and_seals_every_row() {
    let o = Office::new();
    let hr = o.as_("hr");
    let before = unit_index_sql(&hr).unwrap();
    // More rows than the bulk threshold, and than the 5 already there: the
    // unit index is dropped part way and must be back after.
    let rows = many(12_000);
    let s = hr
        .import_staff_batches("big.csv", batches(&rows, true))
        .unwrap();
    assert_eq!((s.rows, s.inserted, s.updated), (12_000, 12_000, 0));
    assert_eq!(unit_index_sql(&hr).as_deref(), Some(before.as_str()));
    assert!(
        matches!(hr.audit_verify().unwrap(), AuditReport::Intact { .. }),
        "every row sealed, the chain intact"
    );
    assert_eq!(hr.status(Q3, Some("Phòng 3")).unwrap().len(), 12_000 / 7);
    // Again: all updates, the same outcome.
    let s = hr
        .import_staff_batches("big.csv", batches(&rows, true))
        .unwrap();
    assert_eq!((s.inserted, s.updated), (0, 12_000));
    assert!(matches!(
        hr.audit_verify().unwrap(),
        AuditReport::Intact { .. }
    ));
    // New people scattered among known ones: runs of inserts broken by
    // updates, numbered on past the largest id.
    let all = many(16_000);
    let (known, new) = all.split_at(12_000);
    let mut mixed = Vec::new();
    let mut new = new.iter();
    for (i, r) in known.iter().enumerate() {
        mixed.push(r.clone());
        if i % 3 == 0 {
            mixed.extend(new.next().cloned());
        }
    }
    mixed.extend(new.cloned());
    let s = hr
        .import_staff_batches("mixed.csv", batches(&mixed, true))
        .unwrap();
    assert_eq!((s.inserted, s.updated), (4_000, 12_000));
    assert!(matches!(
        hr.audit_verify().unwrap(),
        AuditReport::Intact { .. }
    ));
    assert_eq!(hr.status(Q3, None).unwrap().len(), 5 + 16_000);
}

#[test]
fn a_large_import_refused_by_its_last_row_leaves_the_database_as_it_was() {
    let o = Office::new();
    let hr = o.as_("hr");
    let before = unit_index_sql(&hr).unwrap();
    let mut rows = many(12_000);
    let last = rows.len() - 1;
    rows[last].record.staff.manager_code = Some("NOBODY".into());
    let Err(ServiceError::ImportRefused(p)) =
        hr.import_staff_batches("big.csv", batches(&rows, true))
    else {
        panic!("refused")
    };
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].row, 12_001);
    assert_eq!(p[0].problem, Problem::UnknownManager);
    assert_eq!(hr.status(Q3, None).unwrap().len(), 5, "nothing was written");
    assert_eq!(unit_index_sql(&hr).as_deref(), Some(before.as_str()));
    assert!(matches!(
        hr.audit_verify().unwrap(),
        AuditReport::Intact { .. }
    ));
}

/// On a shared server the office's database cannot be opened again once the
/// group is given up: the TUI's background reads take connections opened
/// ahead, which go back to the pool when the read ends.
#[test]
fn reopen_uses_the_connections_opened_ahead_and_gives_them_back() {
    let o = Office::new();
    let pool: StorePool = Arc::new(Mutex::new(
        (0..3).map(|_| Store::preopen(&o.path).unwrap()).collect(),
    ));
    let main = Service::from_pool(&pool, "hr", None).unwrap();
    // From now on the file cannot be opened by path.
    let gone = o.path.with_extension("moved");
    std::fs::rename(&o.path, &gone).unwrap();
    assert!(Store::open(&o.path).is_err());
    let free = || pool.lock().unwrap().len();
    assert_eq!(free(), 2);
    {
        let a = main.reopen().unwrap();
        let b = main.reopen().unwrap();
        assert_eq!(free(), 0);
        assert_eq!(a.actor().login, "hr");
        let rows = std::thread::spawn(move || b.status(Q3, None).unwrap().len())
            .join()
            .unwrap();
        assert_eq!(rows, 5);
        assert_eq!(free(), 1, "the thread's connection went back");
        assert!(matches!(main.reopen().map(|_| ()), Ok(())));
        drop(a);
    }
    assert_eq!(free(), 2);
    // Writes on the main connection still land.
    main.set_round_closed(Q3, true).unwrap();
    drop(main);
    assert_eq!(free(), 3, "the main connection goes back too");
    let again = Service::from_pool(&pool, "hr", None).unwrap();
    assert!(again.round_closed(Q3).unwrap());
}

#[test]
fn a_review_mark_on_an_item_with_no_self_mark_is_refused() {
    // 003, Bước 3: the person self-assesses first, then the authority.
    let o = Office::new();
    let hr = o.as_("hr");
    let v = hr.checklist("S1", Q3).unwrap();
    match hr.set_review_mark("S1", Q3, "I.1.2", Some(true), v.version) {
        Err(ServiceError::ReviewWithoutSelf { code, items }) => {
            assert_eq!((code.as_str(), items), ("S1", vec!["I.1.2".to_owned()]));
        }
        other => panic!("{other:?}"),
    }
    let v = hr
        .set_self_mark("S1", Q3, "I.1.2", Some(true), v.version)
        .unwrap();
    // Accepting the rest names the items still not self-assessed.
    match hr.accept_remaining("S1", Q3, v.version) {
        Err(ServiceError::ReviewWithoutSelf { items, .. }) => {
            assert_eq!(items.len(), 17);
            assert!(!items.contains(&"I.1.2".to_owned()));
        }
        other => panic!("{other:?}"),
    }
    let v = hr
        .set_review_mark("S1", Q3, "I.1.2", Some(true), v.version)
        .unwrap();
    assert_eq!(v.items[1].review, Some(true));
}

// ---- whole months on leave, and ratings outside employment ----

fn good_month() -> MonthEntry {
    MonthEntry::Rated(MonthlyRating {
        rating: Rating::Httnv,
        discipline: Some(20),
        excused: false,
    })
}

/// The `after` of the last audit entry about `entity`.
fn audited_after(o: &Office, entity: &str) -> String {
    Store::open(&o.path)
        .unwrap()
        .conn()
        .query_row(
            "SELECT after FROM audit WHERE entity = ?1 ORDER BY seq DESC LIMIT 1",
            [entity],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_month_on_leave_is_stored_read_back_audited_and_not_awaited() {
    let o = Office::new();
    let hr = o.as_("hr");
    let months = [
        Some(good_month()),
        Some(MonthEntry::Leave),
        Some(good_month()),
    ];
    hr.set_quarter_ratings("S1", Q3, months).unwrap();
    assert_eq!(hr.quarter_ratings("S1", Q3).unwrap(), months);
    assert_eq!(audited_after(&o, "rating:S1:2026-08"), r#"{"leave":true}"#);
    // S1 waits on nothing for August, nor does their leader.
    let missing = |code: &str| {
        hr.status_of(code, Q3)
            .unwrap()
            .result
            .reasons
            .into_iter()
            .filter(|r| {
                matches!(
                    r,
                    crate::domain::rules::Reason::MissingRating { month: 8, .. }
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(missing("S1").is_empty());
    let l1 = missing("L1");
    assert!(
        l1.iter().all(|r| !matches!(
            r,
            crate::domain::rules::Reason::MissingRating { staff, .. } if staff.contains(&"S1".to_owned())
        )),
        "{l1:?}"
    );
    // A leave replaced by a rating, and the chain still holds.
    hr.set_rating("S1", 2026, Some(8), good_month()).unwrap();
    assert_eq!(hr.quarter_ratings("S1", Q3).unwrap()[1], Some(good_month()));
    assert!(matches!(
        hr.audit_verify().unwrap(),
        AuditReport::Intact { .. }
    ));
}

#[test]
fn on_leave_for_the_whole_quarter_is_not_assessed_why_leave() {
    use crate::domain::rules::{NotAssessedWhy, Reason};
    let o = Office::new();
    let hr = o.as_("hr");
    hr.set_quarter_ratings("S1", Q3, [Some(MonthEntry::Leave); 3])
        .unwrap();
    let r = hr.status_of("S1", Q3).unwrap().result;
    assert_eq!(r.outcome, Outcome::NotAssessed);
    assert_eq!(
        r.reasons,
        [Reason::NotAssessed {
            why: NotAssessedWhy::Leave
        }]
    );
    let text = crate::i18n::reason_text(&r.reasons[0], crate::i18n::Lang::Vi);
    assert!(text.contains("nghỉ cả quý"), "{text}");
    assert!(
        hr.commend_quarter(Q3)
            .unwrap()
            .quarterly
            .iter()
            .all(|s| s.staff.staff.code != "S1")
    );
}

#[test]
fn a_yearly_leave_and_a_rating_outside_employment_are_refused_and_nothing_is_written() {
    let o = Office::new();
    let hr = o.as_("hr");
    // S2 left on 15 August (August is partial: it may be rated); S3
    // joins in 2027.
    let mut s2 = person("S2", StaffKind::Staff, Some("L1"), "binh");
    s2.employment.left = chrono::NaiveDate::from_ymd_opt(2026, 8, 15);
    let mut s3 = person("S3", StaffKind::Staff, Some("L2"), "cuong");
    s3.employment.joined = chrono::NaiveDate::from_ymd_opt(2027, 2, 1);
    hr.import_staff("staff.csv", &numbered(vec![s2, s3]))
        .unwrap();
    let refused = |r: Result<()>| match r {
        Err(ServiceError::Rating(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let september = refused(hr.set_quarter_ratings(
        "S2",
        Q3,
        [Some(good_month()), Some(good_month()), Some(good_month())],
    ));
    assert!(
        matches!(&september, RatingRefused::NotEmployed { code, period: RatingPeriod::Month(m), .. }
            if code == "S2" && m.month == 9),
        "{september:?}"
    );
    assert_eq!(
        hr.quarter_ratings("S2", Q3).unwrap(),
        [None; 3],
        "all or nothing"
    );
    let text = crate::i18n::error_text(&ServiceError::Rating(september), crate::i18n::Lang::Vi);
    assert!(
        text.contains("S2 không công tác ngày nào trong tháng 9/2026")
            && text.contains("… – 15/08/2026"),
        "{text}"
    );
    // A partial month may be rated, and a leave too.
    hr.set_quarter_ratings(
        "S2",
        Q3,
        [Some(good_month()), Some(MonthEntry::Leave), None],
    )
    .unwrap();
    assert!(matches!(
        refused(hr.set_rating("S2", 2026, Some(9), MonthEntry::Leave)),
        RatingRefused::NotEmployed { .. }
    ));
    assert!(matches!(
        refused(hr.set_rating("S3", 2026, None, good_month())),
        RatingRefused::NotEmployed {
            period: RatingPeriod::Year(2026),
            ..
        }
    ));
    assert_eq!(
        refused(hr.set_rating("S1", 2026, None, MonthEntry::Leave)),
        RatingRefused::YearlyLeave {
            code: "S1".into(),
            year: 2026
        }
    );
    assert_eq!(
        refused(hr.set_rating("S1", 2026, Some(13), good_month())),
        RatingRefused::BadMonth { month: 13 }
    );
    // The import refuses the same, naming the row and the cell.
    let rows = numbered(vec![
        RatingRecord {
            code: "S1".into(),
            period: RatingPeriod::Month(Month::new(2026, 9).unwrap()),
            entry: good_month(),
        },
        RatingRecord {
            code: "S2".into(),
            period: RatingPeriod::Month(Month::new(2026, 9).unwrap()),
            entry: MonthEntry::Leave,
        },
        RatingRecord {
            code: "S3".into(),
            period: RatingPeriod::Year(2026),
            entry: good_month(),
        },
    ]);
    let Err(ServiceError::ImportRefused(problems)) = hr.import_ratings("r.csv", &rows) else {
        panic!("refused");
    };
    let got: Vec<_> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.value.as_str(), &p.problem))
        .collect();
    assert_eq!(
        got,
        [
            (
                3,
                "month",
                "9",
                &Problem::NotEmployed {
                    employed: "… – 15/08/2026".into()
                }
            ),
            (
                4,
                "year",
                "2026",
                &Problem::NotEmployed {
                    employed: "01/02/2027 – …".into()
                }
            ),
        ]
    );
    assert_eq!(
        hr.quarter_ratings("S1", Q3).unwrap(),
        [None; 3],
        "all or nothing"
    );
}
