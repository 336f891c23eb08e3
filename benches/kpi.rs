//! KPI quarter summary speed (SPEC section 9, issue 5): the summary of
//! 100 000 people in 400 units with 20 logged tasks each in the quarter
//! (2 000 000 entries) must take at most 2 s. The data is generated in the
//! setup directly through the store, in one transaction, into a database
//! file; the measured call is the service's, as an admin, with JSON-ready
//! rows. `cargo bench --bench kpi` (add `-- --quick` for a short run). Under
//! `cargo test` (quick mode, see `common`) it generates 2,000 people only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use danhgia::domain::kpi::{CatalogEntry, ComplexityGroup, EntryState, TimeBucket};
use danhgia::domain::{Employment, Quarter, Staff, StaffGroup, StaffKind};
use danhgia::service::Service;
use danhgia::store::kpi::{self as kstore, EntryRow};
use danhgia::store::{self, Store};
use std::hint::black_box;
use std::time::{Duration, Instant};

const UNITS: usize = 400;
const TASKS_PER_PERSON: usize = 20;
const CATALOG_PER_UNIT: usize = 30;

/// A small deterministic generator (xorshift), so every run measures the
/// same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn unit_name(u: usize) -> String {
    format!("Phòng {u:03}")
}

/// `people` staff (100 000 in a full run), a 30-task catalog per unit and 20
/// entries per person in 2026-Q3 (plus, in Q2, as many again, so the
/// summary must pick its quarter out of a bigger log).
fn generate(path: &std::path::Path, people: usize) {
    let store = Store::open(path).unwrap();
    // A big cache for the one big transaction of the setup only.
    store
        .conn()
        .execute_batch("PRAGMA cache_size = -262144")
        .unwrap();
    let started = Instant::now();
    store
        .write(|tx| -> Result<(), danhgia::store::StoreError> {
            let at = "2026-09-01T00:00:00.000Z";
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
            let mut catalog: Vec<Vec<(i64, ComplexityGroup, TimeBucket)>> = Vec::new();
            for u in 0..UNITS {
                let mut items = Vec::new();
                for t in 0..CATALOG_PER_UNIT {
                    let e = CatalogEntry {
                        unit: unit_name(u),
                        area: format!("Lĩnh vực {}", t / 10),
                        task: format!("Nhiệm vụ số {t}"),
                        step: 1,
                        steps: "Các bước".into(),
                        product: "Văn bản".into(),
                        complexity: ComplexityGroup::from_number((rng.below(5) + 1) as u8).unwrap(),
                        bucket: TimeBucket::new((rng.below(14) + 1) as u8).unwrap(),
                    };
                    let id = kstore::upsert_catalog(tx, &e, at)?;
                    items.push((id, e.complexity, e.bucket));
                }
                catalog.push(items);
            }
            for p in 0..people {
                let u = p % UNITS;
                let staff = Staff {
                    code: format!("CB{p:06}"),
                    full_name: format!("Nguyễn Văn {p}"),
                    birth_date: None,
                    title: "Chuyên viên".into(),
                    unit: unit_name(u),
                    kind: StaffKind::Staff,
                    group: StaffGroup::Cc,
                    party_member: false,
                    manager_code: None,
                    login: Some(format!("u{p}")),
                    position_code: None,
                    grade: None,
                    employment: Employment::default(),
                };
                let staff_id = store::upsert_staff(tx, &staff)?;
                for quarter_start in [
                    NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
                    NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
                ] {
                    for _ in 0..TASKS_PER_PERSON {
                        let (id, complexity, bucket) = catalog[u][rng.below(CATALOG_PER_UNIT)];
                        let date = quarter_start + chrono::Days::new(rng.below(90) as u64);
                        let product_ref = format!("{}/VP", rng.below(1000));
                        let row = EntryRow {
                            staff_id,
                            date,
                            catalog_id: Some(id),
                            task: "Nhiệm vụ",
                            step: Some(1),
                            complexity,
                            bucket,
                            quantity: (rng.below(5) + 1) as u32,
                            product_ref: &product_ref,
                            state: if rng.below(10) == 0 {
                                EntryState::InProgress
                            } else {
                                EntryState::Done
                            },
                            updated_at: at,
                            updated_by: "bench",
                        };
                        kstore::insert_entry(tx, &row)?;
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "generated {people} people × {TASKS_PER_PERSON} tasks × 2 quarters in {:.1?}",
        started.elapsed()
    );
}

fn summary(c: &mut Criterion) {
    // DANHGIA_KPI_BENCH_DB=/path/kpi.db keeps the generated database for the
    // next run (generating it takes a minute or two).
    let people = common::size();
    let dir = tempfile::tempdir().unwrap();
    let path = std::env::var_os("DANHGIA_KPI_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("kpi-bench.db"));
    if !path.exists() {
        drop(Service::init(&path, "hr").unwrap());
        generate(&path, people);
    }
    let svc = Service::from_store(Store::open(&path).unwrap(), "hr", None).unwrap();
    let settings = svc.kpi_default_settings();
    let q = Quarter { year: 2026, q: 3 };

    // Plain timings first, wall clock beside CPU time, to report with
    // criterion's (wall clock) estimate.
    for run in 1..=3 {
        let before = common::cpu_and_wait();
        let t = Instant::now();
        let rows = svc.kpi_summary(q, None, &settings).unwrap();
        let wall = t.elapsed();
        let after = common::cpu_and_wait();
        let cpu = match (before, after) {
            (Some((c0, w0)), Some((c1, w1))) => {
                format!(
                    ", on a CPU {:.2?}, waiting for one {:.2?}",
                    c1 - c0,
                    w1 - w0
                )
            }
            _ => String::new(),
        };
        eprintln!(
            "run {run}: summary of {} people ({} done entries): wall {wall:.2?}{cpu}",
            rows.len(),
            rows.iter()
                .map(|r| u64::from(r.summary.tasks_done))
                .sum::<u64>(),
        );
        assert_eq!(rows.len(), people);
    }

    let mut g = c.benchmark_group("kpi");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function(
        format!("summary of {people} people × 20 tasks (one quarter)"),
        |b| {
            b.iter(|| {
                svc.kpi_summary(black_box(q), None, &settings)
                    .unwrap()
                    .len()
            })
        },
    );
    g.bench_function(
        format!("summary of one unit ({} people)", people / UNITS),
        |b| {
            b.iter(|| {
                svc.kpi_summary(black_box(q), Some("Phòng 007"), &settings)
                    .unwrap()
                    .len()
            })
        },
    );
    g.finish();
}

criterion_group!(benches, summary);
criterion_main!(benches);
