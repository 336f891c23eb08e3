//! Service speed on the generated database (SPEC section 9): one mark
//! toggled and committed (≤ 1 ms p50), the status of everyone in a quarter
//! (≤ 1 s) and of one unit (≤ 10 ms), and the yearly commendation of
//! everyone (no figure in the SPEC; we hold it to the same 1 s).
//!
//! `cargo bench --bench service` (100,000 people; the database is generated
//! once and cached, see `common`). Every figure is printed first as plain
//! timings with CPU time beside the wall clock, then measured by criterion.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use danhgia::domain::Quarter;
use danhgia::service::Service;
use danhgia::store::Store;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const Q3: Quarter = Quarter { year: 2026, q: 3 };
/// The open round of the demo's "today".
const Q4: Quarter = Quarter { year: 2026, q: 4 };

fn open(path: &Path, login: &str) -> Service {
    Service::from_store(Store::open(path).unwrap(), login, None).unwrap()
}

/// Runs `f` `n` times (after a few warm-up runs) and prints the
/// percentiles of the wall clock, with the CPU time of the whole series.
fn percentiles(what: &str, n: usize, mut f: impl FnMut()) {
    for _ in 0..n.min(20) {
        f();
    }
    let mut times = Vec::with_capacity(n);
    let before = common::cpu_and_wait();
    for _ in 0..n {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    let after = common::cpu_and_wait();
    times.sort();
    let cpu = match (before, after) {
        (Some((c0, w0)), Some((c1, w1))) => format!(
            "; per call on a CPU {:.1?}, waiting for one {:.1?}",
            (c1 - c0) / n as u32,
            (w1 - w0) / n as u32
        ),
        _ => String::new(),
    };
    eprintln!(
        "{what}: {n} calls, p50 {:.1?}, p90 {:.1?}, p99 {:.1?}, max {:.1?}{cpu}",
        common::percentile(&times, 50.0),
        common::percentile(&times, 90.0),
        common::percentile(&times, 99.0),
        times.last().copied().unwrap_or_default(),
    );
}

/// Wall clock and CPU time of single runs of a long call.
fn runs<T>(what: &str, n: usize, mut f: impl FnMut() -> T, describe: impl Fn(&T) -> String) {
    for run in 1..=n {
        let before = common::cpu_and_wait();
        let t = Instant::now();
        let out = f();
        let wall = t.elapsed();
        let after = common::cpu_and_wait();
        let cpu = match (before, after) {
            (Some((c0, w0)), Some((c1, w1))) => format!(
                ", on a CPU {:.2?}, waiting for one {:.2?}",
                c1 - c0,
                w1 - w0
            ),
            _ => String::new(),
        };
        eprintln!(
            "{what}, run {run}: {}: wall {wall:.2?}{cpu}",
            describe(&out)
        );
    }
}

/// A person of kind `staff` with a checklist in the open round, and a
/// person whose submitted checklist their manager (a reviewer) may mark:
/// (code, reviewer's login).
fn mark_targets(db: &Path) -> (String, Option<(String, String)>) {
    let c = rusqlite::Connection::open(db).unwrap();
    let q = Q4.to_string();
    let admin_target: String = c
        .query_row(
            "SELECT s.code FROM checklists c JOIN staff s ON s.id = c.staff_id
             WHERE c.quarter = ?1 AND s.kind = 'staff' ORDER BY s.code LIMIT 1",
            [&q],
            |r| r.get(0),
        )
        .unwrap();
    let reviewed = c
        .query_row(
            "SELECT s.code, m.login FROM checklists c JOIN staff s ON s.id = c.staff_id
             JOIN staff m ON m.code = s.manager_code
             JOIN roles r ON r.login = m.login AND r.role = 'reviewer'
             WHERE c.quarter = ?1 AND c.state = 'submitted' AND s.kind = 'staff'
             ORDER BY s.code LIMIT 1",
            [&q],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    (admin_target, reviewed)
}

/// Flips item I.1.1 of one checklist, at the version the last write left,
/// as the TUI does on Space.
struct Toggler<'a> {
    svc: &'a Service,
    code: &'a str,
    review: bool,
    version: i64,
    mark: bool,
}

impl<'a> Toggler<'a> {
    fn new(svc: &'a Service, code: &'a str, review: bool) -> Toggler<'a> {
        let view = svc.checklist(code, Q4).unwrap();
        let item = &view.items[0];
        let mark = if review { item.review } else { item.self_mark };
        Toggler {
            svc,
            code,
            review,
            version: view.version,
            mark: mark.unwrap_or(false),
        }
    }

    fn toggle(&mut self) {
        self.mark = !self.mark;
        let (code, m, v) = (self.code, Some(self.mark), self.version);
        let view = if self.review {
            self.svc.set_review_mark(code, Q4, "I.1.1", m, v)
        } else {
            self.svc.set_self_mark(code, Q4, "I.1.1", m, v)
        };
        self.version = view.unwrap().version;
    }
}

fn marks(c: &mut Criterion) {
    let n = common::size();
    let db = common::demo_db(n);
    let (_guard, copy) = common::copy_of(&db);
    let (admin_target, reviewed) = mark_targets(&copy);
    let calls = if common::quick() { 50 } else { 2_000 };

    // The admin typing a paper form in: self marks, item I.1.1 flipped.
    let admin = open(&copy, common::ADMIN);
    let mut t = Toggler::new(&admin, &admin_target, false);
    let toggle = |t: &mut Toggler| t.toggle();
    percentiles(
        &format!("mark committed (admin, self mark of {admin_target})"),
        calls,
        || toggle(&mut t),
    );
    // What the TUI does after each mark: the person's live result.
    percentiles(
        &format!("mark committed + live status (admin, {admin_target})"),
        calls,
        || {
            toggle(&mut t);
            black_box(admin.status_of(&admin_target, Q4).unwrap());
        },
    );
    // The live status the TUI computes after a mark, of the leader with the
    // most direct subordinates (their ratings are part of the rule).
    let (leader, team): (String, i64) = rusqlite::Connection::open(&copy)
        .unwrap()
        .query_row(
            "SELECT manager_code, count(*) FROM staff WHERE manager_code IS NOT NULL
             GROUP BY manager_code ORDER BY 2 DESC, 1 LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    percentiles(
        &format!("live status of leader {leader} ({team} direct subordinates)"),
        calls / 10,
        || {
            black_box(admin.status_of(&leader, Q4).unwrap());
        },
    );
    let mut g = c.benchmark_group("mark");
    g.bench_function("admin self mark, committed", |b| b.iter(|| toggle(&mut t)));

    if let Some((code, login)) = &reviewed {
        let reviewer = open(&copy, login);
        let mut t = Toggler::new(&reviewer, code, true);
        percentiles(
            &format!("mark committed (reviewer {login}, review mark of {code})"),
            calls,
            || toggle(&mut t),
        );
        g.bench_function("reviewer review mark, committed", |b| {
            b.iter(|| toggle(&mut t))
        });
    } else {
        eprintln!("no submitted checklist with a reviewer in {Q4}: reviewer mark not measured");
    }
    g.finish();
    // The chain and seals the marks wrote still verify.
    assert!(matches!(
        admin.audit_verify().unwrap(),
        danhgia::service::AuditReport::Intact { .. }
    ));
}

fn status(c: &mut Criterion) {
    let n = common::size();
    let db = common::demo_db(n);
    let svc = open(&db, common::ADMIN);
    let unit = svc.status(Q3, None).unwrap()[n / 2]
        .staff
        .staff
        .unit
        .clone();
    let repeat = if common::quick() { 1 } else { 3 };

    runs(
        &format!("status of everyone, {Q3}"),
        repeat,
        || svc.status(Q3, None).unwrap(),
        |rows| format!("{} people", rows.len()),
    );
    percentiles(
        &format!("status of one unit, {Q3} ({unit})"),
        if common::quick() { 20 } else { 200 },
        || {
            black_box(svc.status(Q3, Some(&unit)).unwrap());
        },
    );
    runs(
        "yearly commendation 2026, everyone",
        repeat,
        || svc.commend_year(2026).unwrap(),
        |rows| {
            format!(
                "{} people, {} commended",
                rows.len(),
                rows.iter().filter(|r| r.commendation.eligible).count()
            )
        },
    );

    let mut g = c.benchmark_group("status");
    g.sample_size(10);
    g.bench_function("status of everyone (one quarter)", |b| {
        b.iter(|| svc.status(black_box(Q3), None).unwrap().len())
    });
    g.bench_function("status of one unit", |b| {
        b.iter(|| svc.status(black_box(Q3), Some(&unit)).unwrap().len())
    });
    g.bench_function("yearly commendation of everyone", |b| {
        b.iter(|| svc.commend_year(black_box(2026)).unwrap().len())
    });
    g.finish();
}

criterion_group!(benches, marks, status);
criterion_main!(benches);
