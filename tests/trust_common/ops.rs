//! Every operation of `Service` that a person can call, each with the data
//! it needs prepared by the admin first — the rows of the access table
//! (trust_access.rs) and of the audit table (trust_audit.rs).
//!
//! The office: `hr` (admin); `L1` (login `truong`, reviewer) heads `S1`
//! (`an`), `S2` (`binh`) and `L2` (`pho`, reviewer); `L2` heads `S3`
//! (`cuong`). Every operation is about `S1` in 2026-Q3.

use super::{numbered, person};
use danhgia::domain::kpi::{
    CatalogRecord, ComplexityGroup, EntryState, TaskChoice, TaskInput, TaskName, TaskRecord,
    TimeBucket,
};
use danhgia::domain::records::{MarkRecord, MarkTarget, RatingPeriod, RatingRecord};
use danhgia::domain::{Month, MonthEntry, MonthlyRating, Quarter, Rating, StaffKind};
use danhgia::report::{FormId, ReportFormat, ReportOptions, ReportScope, render_report};
use danhgia::service::{Service, ServiceError};
use std::path::{Path, PathBuf};

pub const Q3: Quarter = Quarter { year: 2026, q: 3 };
pub const UNIT: &str = "Phòng Nội vụ";

/// The office of the table (module docs).
pub fn small_office(path: &Path) {
    let hr = Service::init(path, "hr").unwrap();
    let staff = numbered(vec![
        person("L1", StaffKind::Leader, None, "truong", UNIT),
        person("S1", StaffKind::Staff, Some("L1"), "an", UNIT),
        person("S2", StaffKind::Staff, Some("L1"), "binh", UNIT),
        person("L2", StaffKind::Leader, Some("L1"), "pho", "Phòng Tư pháp"),
        person("S3", StaffKind::Staff, Some("L2"), "cuong", "Phòng Tư pháp"),
    ]);
    hr.import_staff("staff.csv", &staff).unwrap();
    hr.grant("reviewer", "truong").unwrap();
    hr.grant("reviewer", "pho").unwrap();
}

/// What a setup leaves for the operation: the checklist's version, a KPI
/// entry (id, version), a directory for files.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub version: i64,
    pub entry: (i64, i64),
    pub dir: PathBuf,
}

/// What an operation came back with: `true` when it was allowed and (for
/// a list) S1 is in it; `false` for a list allowed without S1.
pub type Outcome = Result<bool, ServiceError>;

pub struct Op {
    pub name: &'static str,
    /// Is it a write?
    pub write: bool,
    /// Audit entries it adds when it lands.
    pub audit: usize,
    pub setup: fn(&Service, &Path) -> Prepared,
    pub run: fn(&Service, &Prepared) -> Outcome,
}

fn prepared(dir: &Path, version: i64) -> Prepared {
    Prepared {
        version,
        entry: (0, 0),
        dir: dir.to_owned(),
    }
}

fn none(_: &Service, dir: &Path) -> Prepared {
    prepared(dir, 0)
}

/// Every item of S1 self-assessed (a draft ready to submit).
fn self_marked(hr: &Service, dir: &Path) -> Prepared {
    let mut v = 0;
    for id in hr.forms().staff.clone() {
        v = hr
            .set_self_mark("S1", Q3, id, Some(true), v)
            .unwrap()
            .version;
    }
    prepared(dir, v)
}

fn submitted(hr: &Service, dir: &Path) -> Prepared {
    let p = self_marked(hr, dir);
    prepared(dir, hr.submit("S1", Q3, p.version).unwrap().version)
}

fn reviewed(hr: &Service, dir: &Path) -> Prepared {
    let p = submitted(hr, dir);
    prepared(
        dir,
        hr.accept_remaining("S1", Q3, p.version).unwrap().version,
    )
}

/// S1 passes 2026-Q3: approved with every item Đạt, three HTTNV months.
fn passing(hr: &Service, dir: &Path) -> Prepared {
    let p = reviewed(hr, dir);
    let v = hr.approve("S1", Q3, p.version).unwrap().version;
    let good = MonthlyRating {
        rating: Rating::Httnv,
        discipline: Some(20),
        excused: false,
    };
    hr.set_quarter_ratings("S1", Q3, [Some(good.into()); 3])
        .unwrap();
    prepared(dir, v)
}

fn task(quantity: u32) -> TaskInput {
    TaskInput {
        date: chrono::NaiveDate::from_ymd_opt(2026, 8, 5).unwrap(),
        task: TaskChoice::AdHoc {
            name: "Soạn công văn".into(),
            complexity: ComplexityGroup::N2,
            bucket: TimeBucket::new(4).unwrap(),
        },
        quantity,
        product_ref: "12/UBND-NV".into(),
        state: EntryState::Done,
    }
}

fn entry(hr: &Service, dir: &Path) -> Prepared {
    let e = hr.kpi_add("S1", &task(1)).unwrap();
    Prepared {
        entry: (e.id, e.version),
        ..prepared(dir, 0)
    }
}

fn confirmed(hr: &Service, dir: &Path) -> Prepared {
    let p = entry(hr, dir);
    let e = hr.kpi_confirm(p.entry.0, p.entry.1).unwrap();
    Prepared {
        entry: (e.id, e.version),
        ..p
    }
}

fn seen(rows: impl IntoIterator<Item = String>) -> bool {
    rows.into_iter().any(|c| c == "S1")
}

fn report(svc: &Service, form: FormId, scope: ReportScope) -> Outcome {
    match render_report(
        svc,
        form,
        scope,
        &ReportOptions::default(),
        ReportFormat::Markdown,
    ) {
        Ok(r) => Ok(String::from_utf8(r.bytes).unwrap().contains("Người S1")),
        Err(danhgia::report::ReportError::Service(e)) => Err(e),
        // Nobody in scope: allowed, S1 not in it.
        Err(danhgia::report::ReportError::Nobody { .. }) => Ok(false),
        Err(e) => panic!("{e}"),
    }
}

fn good() -> MonthlyRating {
    MonthlyRating {
        rating: Rating::Htxsnv,
        discipline: Some(20),
        excused: false,
    }
}

/// The operations, in the order of the tables.
pub fn ops() -> Vec<Op> {
    vec![
        // ---- the checklist ----
        Op {
            name: "self mark [draft]",
            write: true,
            audit: 1,
            setup: none,
            run: |s, p| {
                s.set_self_mark("S1", Q3, "I.1.1", Some(true), p.version)
                    .map(|_| true)
            },
        },
        Op {
            name: "self mark [submitted]",
            write: true,
            audit: 1,
            setup: submitted,
            run: |s, p| {
                s.set_self_mark("S1", Q3, "I.1.1", Some(false), p.version)
                    .map(|_| true)
            },
        },
        Op {
            name: "note [draft]",
            write: true,
            audit: 2,
            setup: none,
            run: |s, p| {
                s.set_note("S1", Q3, "I.1.1", "Có minh chứng", p.version)
                    .map(|_| true)
            },
        },
        Op {
            name: "note [submitted]",
            write: true,
            audit: 2,
            setup: submitted,
            run: |s, p| {
                s.set_note("S1", Q3, "I.1.1", "Cần bổ sung", p.version)
                    .map(|_| true)
            },
        },
        Op {
            name: "submit [all self-marked]",
            write: true,
            audit: 1,
            setup: self_marked,
            run: |s, p| s.submit("S1", Q3, p.version).map(|_| true),
        },
        Op {
            name: "review mark [submitted]",
            write: true,
            audit: 1,
            setup: submitted,
            run: |s, p| {
                s.set_review_mark("S1", Q3, "I.1.1", Some(true), p.version)
                    .map(|_| true)
            },
        },
        Op {
            name: "review mark [draft]",
            write: true,
            audit: 1,
            setup: self_marked,
            run: |s, p| {
                s.set_review_mark("S1", Q3, "I.1.1", Some(true), p.version)
                    .map(|_| true)
            },
        },
        Op {
            name: "accept remaining [submitted]",
            write: true,
            audit: 1,
            setup: submitted,
            run: |s, p| s.accept_remaining("S1", Q3, p.version).map(|_| true),
        },
        Op {
            name: "approve [all reviewed]",
            write: true,
            audit: 1,
            setup: reviewed,
            run: |s, p| s.approve("S1", Q3, p.version).map(|_| true),
        },
        Op {
            name: "return [submitted]",
            write: true,
            audit: 1,
            setup: submitted,
            run: |s, p| {
                s.return_for_revision("S1", Q3, "Bổ sung minh chứng", p.version)
                    .map(|_| true)
            },
        },
        Op {
            name: "outstanding [submitted]",
            write: true,
            audit: 1,
            setup: submitted,
            run: |s, p| {
                s.set_outstanding("S1", Q3, true, Some("Cứu người trong lũ"), p.version)
                    .map(|_| true)
            },
        },
        // ---- ratings, imports, rounds, roles, backup, settings ----
        Op {
            name: "rating",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| s.set_rating("S1", 2026, Some(8), good()).map(|_| true),
        },
        Op {
            name: "quarter ratings",
            write: true,
            audit: 3,
            setup: none,
            run: |s, _| {
                s.set_quarter_ratings("S1", Q3, [Some(good().into()); 3])
                    .map(|_| true)
            },
        },
        Op {
            name: "import staff",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| {
                let again = numbered(vec![person("S1", StaffKind::Staff, Some("L1"), "an", UNIT)]);
                s.import_staff("staff.csv", &again).map(|_| true)
            },
        },
        Op {
            name: "import ratings",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| {
                let r = numbered(vec![RatingRecord {
                    code: "S1".into(),
                    period: RatingPeriod::Month(Month {
                        year: 2026,
                        month: 8,
                    }),
                    entry: MonthEntry::Rated(MonthlyRating {
                        rating: Rating::Httnv,
                        discipline: Some(20),
                        excused: false,
                    }),
                }]);
                s.import_ratings("ratings.csv", &r).map(|_| true)
            },
        },
        Op {
            name: "import marks",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| {
                let m = numbered(vec![MarkRecord {
                    code: "S1".into(),
                    quarter: Q3,
                    target: MarkTarget::All,
                    self_mark: Some(true),
                    review: None,
                }]);
                s.import_marks("marks.csv", &m).map(|_| true)
            },
        },
        Op {
            name: "import catalog",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| {
                let c = numbered(vec![CatalogRecord {
                    unit: UNIT.into(),
                    area: "Tổ chức".into(),
                    task: "Thẩm định hồ sơ".into(),
                    step: 1,
                    steps: String::new(),
                    product: "Tờ trình".into(),
                    complexity: ComplexityGroup::N3,
                    bucket: TimeBucket::new(6).unwrap(),
                }]);
                s.import_catalog("catalog.csv", &c).map(|_| true)
            },
        },
        Op {
            name: "import tasks",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| {
                let t = numbered(vec![TaskRecord {
                    code: "S1".into(),
                    date: chrono::NaiveDate::from_ymd_opt(2026, 8, 6).unwrap(),
                    task: TaskName::Name("Tiếp công dân".into()),
                    step: None,
                    quantity: 2,
                    product_ref: String::new(),
                    state: EntryState::Done,
                    complexity: Some(ComplexityGroup::N1),
                    bucket: Some(TimeBucket::new(3).unwrap()),
                }]);
                s.import_tasks("tasks.csv", &t).map(|_| true)
            },
        },
        Op {
            name: "close round",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| s.set_round_closed(Q3, true).map(|_| true),
        },
        Op {
            name: "reopen round",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| s.set_round_closed(Q3, false).map(|_| true),
        },
        Op {
            name: "grant reviewer",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| s.grant("reviewer", "an").map(|_| true),
        },
        Op {
            name: "backup",
            write: true,
            audit: 1,
            setup: none,
            run: |s, p| s.backup(&p.dir.join("copy.sqlite")).map(|_| true),
        },
        Op {
            name: "setting",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| {
                s.set_setting(danhgia::service::SETTING_PLACE, "Long Biên")
                    .map(|_| true)
            },
        },
        Op {
            name: "settings (two at once)",
            write: true,
            audit: 2,
            setup: none,
            run: |s, _| {
                s.set_settings(&[
                    (danhgia::service::SETTING_UNIT_NAME, "Phòng Nội vụ"),
                    (danhgia::service::SETTING_GOVERNING_BODY, "UBND quận"),
                ])
                .map(|_| true)
            },
        },
        Op {
            name: "kpi settings",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| {
                s.set_kpi_settings(&[(
                    danhgia::domain::kpi::KpiSetting::Weight(ComplexityGroup::N2),
                    1.2,
                )])
                .map(|_| true)
            },
        },
        // ---- KPI ----
        Op {
            name: "kpi add",
            write: true,
            audit: 1,
            setup: none,
            run: |s, _| s.kpi_add("S1", &task(3)).map(|_| true),
        },
        Op {
            name: "kpi edit [unconfirmed]",
            write: true,
            audit: 1,
            setup: entry,
            run: |s, p| s.kpi_edit(p.entry.0, p.entry.1, &task(7)).map(|_| true),
        },
        Op {
            name: "kpi delete [unconfirmed]",
            write: true,
            audit: 1,
            setup: entry,
            run: |s, p| s.kpi_delete(p.entry.0, p.entry.1).map(|_| true),
        },
        Op {
            name: "kpi confirm [done]",
            write: true,
            audit: 1,
            setup: entry,
            run: |s, p| s.kpi_confirm(p.entry.0, p.entry.1).map(|_| true),
        },
        Op {
            name: "kpi unconfirm [confirmed]",
            write: true,
            audit: 1,
            setup: confirmed,
            run: |s, p| s.kpi_unconfirm(p.entry.0, p.entry.1).map(|_| true),
        },
        Op {
            name: "kpi edit [confirmed]",
            write: true,
            audit: 1,
            setup: confirmed,
            run: |s, p| s.kpi_edit(p.entry.0, p.entry.1, &task(9)).map(|_| true),
        },
        // ---- reads ----
        Op {
            name: "checklist",
            write: false,
            audit: 0,
            setup: submitted,
            run: |s, _| s.checklist("S1", Q3).map(|_| true),
        },
        Op {
            name: "status of S1",
            write: false,
            audit: 0,
            setup: none,
            run: |s, _| s.status_of("S1", Q3).map(|_| true),
        },
        Op {
            name: "status list",
            write: false,
            audit: 0,
            setup: none,
            run: |s, _| {
                s.status(Q3, None)
                    .map(|r| seen(r.into_iter().map(|r| r.staff.staff.code)))
            },
        },
        Op {
            name: "status list of the unit",
            write: false,
            audit: 0,
            setup: none,
            run: |s, _| {
                s.status(Q3, Some(UNIT))
                    .map(|r| seen(r.into_iter().map(|r| r.staff.staff.code)))
            },
        },
        Op {
            name: "quarter ratings (read)",
            write: false,
            audit: 0,
            setup: passing,
            run: |s, _| s.quarter_ratings("S1", Q3).map(|_| true),
        },
        Op {
            name: "yearly rating (read)",
            write: false,
            audit: 0,
            setup: none,
            run: |s, _| s.yearly_rating("S1", 2026).map(|_| true),
        },
        Op {
            name: "kpi log",
            write: false,
            audit: 0,
            setup: entry,
            run: |s, _| {
                let settings = s.kpi_default_settings();
                s.kpi_log("S1", Q3, &settings).map(|_| true)
            },
        },
        Op {
            name: "kpi entry",
            write: false,
            audit: 0,
            setup: entry,
            run: |s, p| s.kpi_entry(p.entry.0).map(|_| true),
        },
        Op {
            name: "kpi summary",
            write: false,
            audit: 0,
            setup: entry,
            run: |s, _| {
                let settings = s.kpi_default_settings();
                s.kpi_summary(Q3, None, &settings)
                    .map(|r| seen(r.into_iter().map(|r| r.code)))
            },
        },
        Op {
            name: "kpi summary of the unit",
            write: false,
            audit: 0,
            setup: entry,
            run: |s, _| {
                let settings = s.kpi_default_settings();
                s.kpi_summary(Q3, Some(UNIT), &settings)
                    .map(|r| seen(r.into_iter().map(|r| r.code)))
            },
        },
        Op {
            name: "commend quarter",
            write: false,
            audit: 0,
            setup: passing,
            run: |s, _| {
                s.commend_quarter(Q3)
                    .map(|c| seen(c.quarterly.into_iter().map(|r| r.staff.staff.code)))
            },
        },
        Op {
            name: "commend year",
            write: false,
            audit: 0,
            setup: passing,
            run: |s, _| {
                s.commend_year(2026)
                    .map(|r| seen(r.into_iter().map(|r| r.staff.staff.code)))
            },
        },
        Op {
            name: "commitment roll",
            write: false,
            audit: 0,
            setup: none,
            run: |s, _| {
                s.commitment_roll(2026, None)
                    .map(|r| seen(r.into_iter().map(|r| r.staff.staff.code)))
            },
        },
        Op {
            name: "assessor of S1",
            write: false,
            audit: 0,
            setup: none,
            run: |s, _| s.assessor_of("S1", Q3).map(|_| true),
        },
        Op {
            name: "report 03 (checklists)",
            write: false,
            audit: 0,
            setup: submitted,
            run: |s, _| report(s, FormId::Checklist, ReportScope::Quarter(Q3)),
        },
        Op {
            name: "report 04 (notice)",
            write: false,
            audit: 0,
            setup: passing,
            run: |s, _| report(s, FormId::Notice, ReportScope::Quarter(Q3)),
        },
        Op {
            name: "report 05A (commendation)",
            write: false,
            audit: 0,
            setup: passing,
            run: |s, _| report(s, FormId::PeriodicCommendation, ReportScope::Quarter(Q3)),
        },
        Op {
            name: "audit verify",
            write: false,
            audit: 0,
            setup: none,
            run: |s, _| s.audit_verify().map(|_| true),
        },
        Op {
            name: "rounds",
            write: false,
            audit: 0,
            setup: none,
            run: |s, _| s.rounds().map(|_| true),
        },
        Op {
            name: "kpi catalog",
            write: false,
            audit: 0,
            setup: none,
            run: |s, _| s.kpi_catalog(UNIT).map(|_| true),
        },
    ]
}
