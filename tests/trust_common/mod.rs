//! What the trust tests share: an office database, worker processes that
//! make small changes and log each acknowledged one to a side file, and the
//! checks that the database holds exactly what was acknowledged.
//!
//! A worker is the test binary itself, started again with
//! `DANHGIA_TRUST_WORKER` set so that its `worker_process_entry` test runs
//! the worker instead of returning at once (each trust test file that needs
//! workers has that one-line test).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use danhgia::domain::kpi::{
    ComplexityGroup, EntryState, KpiEntry, TaskChoice, TaskInput, TimeBucket,
};
use danhgia::domain::records::Numbered;
use danhgia::domain::{MonthEntry, MonthlyRating, Quarter, Rating, Staff, StaffKind};
use danhgia::service::{AuditReport, Service, ServiceError, os_login};
use danhgia::store::Store;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The quarter the workers' checklists are in.
pub const Q: Quarter = Quarter { year: 2025, q: 3 };
/// The year of the workers' ratings and KPI entries.
pub const YEAR: i32 = 2025;

/// Multiplies the sizes of the trust tests: `DANHGIA_TRUST_SCALE=10 cargo test
/// --test trust_concurrency` runs ten times the CI size.
pub fn scale() -> usize {
    std::env::var("DANHGIA_TRUST_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|n: &usize| *n > 0)
        .unwrap_or(1)
}

/// A small deterministic generator (SplitMix64): the tests are seeded, so a
/// failure can be replayed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

pub fn person(
    code: &str,
    kind: StaffKind,
    manager: Option<&str>,
    login: &str,
    unit: &str,
) -> Staff {
    Staff::new(
        code,
        &format!("Người {code}"),
        unit,
        kind,
        manager,
        Some(login),
    )
}

pub fn numbered<T>(v: Vec<T>) -> Vec<Numbered<T>> {
    v.into_iter()
        .enumerate()
        .map(|(i, record)| Numbered { row: i + 2, record })
        .collect()
}

/// The office of the worker tests: the process's own login is the first
/// admin (so that the real binary may back up and verify); `L0` (login
/// `boss`, reviewer) heads the shared people `P0`… and the workers' own
/// people `W0`… (logins `w0`…); `adm0`… are admins, one per worker, so that
/// the audit log's `who` tells the workers apart.
pub fn office(path: &Path, workers: usize, shared: usize) {
    let me = os_login();
    let hr = Service::init(path, &me).unwrap();
    let mut staff = vec![person(
        "L0",
        StaffKind::Leader,
        None,
        "boss",
        "Phòng Nội vụ",
    )];
    for j in 0..shared {
        staff.push(person(
            &format!("P{j}"),
            StaffKind::Staff,
            Some("L0"),
            &format!("p{j}"),
            "Phòng Nội vụ",
        ));
    }
    for i in 0..workers {
        staff.push(person(
            &format!("W{i}"),
            StaffKind::Staff,
            Some("L0"),
            &format!("w{i}"),
            "Phòng Nội vụ",
        ));
    }
    hr.import_staff("staff.csv", &numbered(staff)).unwrap();
    hr.grant("reviewer", "boss").unwrap();
    for i in 0..workers {
        hr.grant("admin", &format!("adm{i}")).unwrap();
    }
}

/// The audit entries `office` writes: init, the import, the grants.
pub fn office_audit_entries(workers: usize) -> usize {
    3 + workers
}

pub fn service(path: &Path, login: &str) -> Service {
    Service::from_store(Store::open(path).unwrap(), login, None).unwrap()
}

/// What a worker is asked to do.
#[derive(Debug, Clone)]
pub struct WorkerSpec {
    pub db: PathBuf,
    pub id: usize,
    /// 0: until killed.
    pub ops: usize,
    pub acks: PathBuf,
    pub seed: u64,
    pub shared: usize,
    /// The worker stops, cleanly, once this file exists.
    pub stop: Option<PathBuf>,
}

const ENV_WORKER: &str = "DANHGIA_TRUST_WORKER";

/// Starts a worker: this test binary again, running only its
/// `worker_process_entry` test.
pub fn spawn_worker(spec: &WorkerSpec) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "worker_process_entry",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(ENV_WORKER, "1")
        .env("DANHGIA_TRUST_DB", &spec.db)
        .env("DANHGIA_TRUST_ID", spec.id.to_string())
        .env("DANHGIA_TRUST_OPS", spec.ops.to_string())
        .env("DANHGIA_TRUST_ACKS", &spec.acks)
        .env("DANHGIA_TRUST_SEED", spec.seed.to_string())
        .env("DANHGIA_TRUST_SHARED", spec.shared.to_string())
        .env(
            "DANHGIA_TRUST_STOP",
            spec.stop.as_deref().unwrap_or(Path::new("")),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// How long a worker may run before the test gives up on it: far beyond
/// what any worker needs (seconds), so that a hung worker fails the test
/// instead of holding CI until its own time limit.
pub fn worker_limit() -> std::time::Duration {
    std::time::Duration::from_secs(600 * scale() as u64)
}

/// Waits for a worker — killing it after [`worker_limit`] — and fails the
/// test with its output unless it ended well.
pub fn wait_ok(child: Child, what: &str) -> Output {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            while !done.load(Ordering::SeqCst) {
                if started.elapsed() > worker_limit() {
                    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
                    return true;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            false
        })
    };
    let out = child.wait_with_output().unwrap();
    done.store(true, Ordering::SeqCst);
    let hung = watchdog.join().unwrap();
    assert!(
        !hung,
        "{what} still running after {:?}: killed",
        worker_limit()
    );
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The body of `worker_process_entry`: a no-op unless this process was
/// started as a worker.
pub fn worker_entry() {
    if std::env::var_os(ENV_WORKER).is_none() {
        return;
    }
    let var = |k: &str| std::env::var(k).unwrap();
    let spec = WorkerSpec {
        db: var("DANHGIA_TRUST_DB").into(),
        id: var("DANHGIA_TRUST_ID").parse().unwrap(),
        ops: var("DANHGIA_TRUST_OPS").parse().unwrap(),
        acks: var("DANHGIA_TRUST_ACKS").into(),
        seed: var("DANHGIA_TRUST_SEED").parse().unwrap(),
        shared: var("DANHGIA_TRUST_SHARED").parse().unwrap(),
        stop: Some(var("DANHGIA_TRUST_STOP"))
            .filter(|s| !s.is_empty())
            .map(PathBuf::from),
    };
    run_worker(&spec);
}

/// An acknowledged change, as the side file records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ack {
    /// A checklist mark: person, column (`s`elf or `r`eview), item index,
    /// mark (`1`, `0`, `.`), the version it made.
    Mark {
        code: String,
        col: char,
        item: usize,
        mark: char,
        version: i64,
    },
    /// A month's rating of the worker's own person.
    Rating {
        month: u8,
        rating: MonthlyRating,
    },
    /// A KPI entry logged, edited (its new quantity and version) or deleted.
    KpiAdd {
        id: i64,
        quantity: u32,
        version: i64,
    },
    KpiEdit {
        id: i64,
        quantity: u32,
        version: i64,
    },
    KpiDelete {
        id: i64,
    },
}

fn mark_char(m: Option<bool>) -> char {
    match m {
        Some(true) => '1',
        Some(false) => '0',
        None => '.',
    }
}

impl Ack {
    fn line(&self) -> String {
        match self {
            Ack::Mark {
                code,
                col,
                item,
                mark,
                version,
            } => format!("M {code} {col} {item} {mark} {version}\n"),
            Ack::Rating { month, rating } => format!(
                "R {month} {} {}\n",
                rating.rating.as_str(),
                rating.discipline.unwrap_or(0)
            ),
            Ack::KpiAdd {
                id,
                quantity,
                version,
            } => format!("K {id} {quantity} {version}\n"),
            Ack::KpiEdit {
                id,
                quantity,
                version,
            } => format!("E {id} {quantity} {version}\n"),
            Ack::KpiDelete { id } => format!("D {id}\n"),
        }
    }

    fn parse(line: &str) -> Option<Ack> {
        let f: Vec<&str> = line.split(' ').collect();
        Some(match f.as_slice() {
            ["M", code, col, item, mark, version] => Ack::Mark {
                code: (*code).to_owned(),
                col: col.chars().next()?,
                item: item.parse().ok()?,
                mark: mark.chars().next()?,
                version: version.parse().ok()?,
            },
            ["R", month, rating, discipline] => Ack::Rating {
                month: month.parse().ok()?,
                rating: MonthlyRating {
                    rating: Rating::parse(rating)?,
                    discipline: Some(discipline.parse().ok()?),
                    excused: false,
                },
            },
            ["K", id, quantity, version] => Ack::KpiAdd {
                id: id.parse().ok()?,
                quantity: quantity.parse().ok()?,
                version: version.parse().ok()?,
            },
            ["E", id, quantity, version] => Ack::KpiEdit {
                id: id.parse().ok()?,
                quantity: quantity.parse().ok()?,
                version: version.parse().ok()?,
            },
            ["D", id] => Ack::KpiDelete {
                id: id.parse().ok()?,
            },
            _ => return None,
        })
    }
}

/// The acknowledged changes in a side file, in order. A last line cut short
/// by a kill (no line end) was never acknowledged and is left out;
/// `S …` lines are the worker's closing figures.
pub fn read_acks(path: &Path) -> (Vec<Ack>, WorkerFigures) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut acks = Vec::new();
    let mut figures = WorkerFigures::default();
    let complete = match text.rfind('\n') {
        Some(i) => &text[..i],
        None => "",
    };
    for line in complete.lines() {
        if let Some(rest) = line.strip_prefix("S ") {
            let n: Vec<u64> = rest.split(' ').filter_map(|x| x.parse().ok()).collect();
            if let [ops, conflicts] = n.as_slice() {
                figures.ops += ops;
                figures.conflicts += conflicts;
            }
            continue;
        }
        acks.push(Ack::parse(line).unwrap_or_else(|| panic!("bad ack line {line:?}")));
    }
    (acks, figures)
}

#[derive(Debug, Clone, Copy, Default)]
pub struct WorkerFigures {
    pub ops: u64,
    pub conflicts: u64,
}

/// The KPI inputs of a worker's own live entries, so that it can edit them.
struct OwnEntry {
    input: TaskInput,
    version: i64,
}

fn input_of(e: &KpiEntry) -> TaskInput {
    TaskInput {
        date: e.date,
        task: TaskChoice::AdHoc {
            name: e.task.clone(),
            complexity: e.complexity,
            bucket: e.bucket,
        },
        quantity: e.quantity,
        product_ref: e.product_ref.clone(),
        state: e.state,
    }
}

/// Makes `spec.ops` small changes (or changes until killed), each one
/// service call, and appends each acknowledged change to the side file once
/// the call has returned. Conflicts are retried on fresh data; anything else
/// (a "database is locked" among them) fails the worker.
pub fn run_worker(spec: &WorkerSpec) {
    let i = spec.id;
    let admin = service(&spec.db, &format!("adm{i}"));
    let me = service(&spec.db, &format!("w{i}"));
    let own = format!("W{i}");
    let items = admin.forms().staff.clone();
    let settings = me.kpi_default_settings();
    let mut rng = Rng::new(spec.seed);
    let mut acks = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&spec.acks)
        .unwrap();
    let mut ack = |a: &Ack| {
        // One write of a whole line: a kill leaves at most a cut last line.
        acks.write_all(a.line().as_bytes()).unwrap();
    };
    // A restarted worker carries on with the entries it logged before.
    let mut entries: BTreeMap<i64, OwnEntry> = BTreeMap::new();
    for q in Quarter::of_year(YEAR) {
        for e in me.kpi_log(&own, q, &settings).unwrap().entries {
            entries.insert(
                e.id,
                OwnEntry {
                    input: input_of(&e),
                    version: e.version,
                },
            );
        }
    }
    let fail = |what: &str, e: ServiceError| -> ! {
        panic!("worker {i}: {what}: {e} ({e:?})");
    };
    let mut conflicts = 0u64;
    let mut n = 0usize;
    // A worker whose test has died (its parent gone) stops too.
    let parent = nix::unistd::getppid();
    let stopped =
        || spec.stop.as_deref().is_some_and(Path::exists) || nix::unistd::getppid() != parent;
    while (spec.ops == 0 || n < spec.ops) && !stopped() {
        n += 1;
        let roll = rng.below(100);
        if roll < 55 {
            // A mark on a checklist every worker writes to.
            let code = format!("P{}", rng.below(spec.shared as u64));
            let item = rng.below(items.len() as u64) as usize;
            let review = rng.chance(30);
            let mark = match rng.below(3) {
                0 => Some(true),
                1 => Some(false),
                _ => None,
            };
            loop {
                let v = admin
                    .checklist(&code, Q)
                    .unwrap_or_else(|e| fail("read checklist", e));
                // An item with no self mark cannot be reviewed (the
                // self-assessment comes first): the person's mark instead.
                let review = review && (mark.is_none() || v.items[item].self_mark.is_some());
                let r = if review {
                    admin.set_review_mark(&code, Q, items[item], mark, v.version)
                } else {
                    admin.set_self_mark(&code, Q, items[item], mark, v.version)
                };
                match r {
                    Ok(after) => {
                        ack(&Ack::Mark {
                            code: code.clone(),
                            col: if review { 'r' } else { 's' },
                            item,
                            mark: mark_char(mark),
                            version: after.version,
                        });
                        break;
                    }
                    Err(ServiceError::Conflict { .. }) => conflicts += 1,
                    Err(e) => fail("mark", e),
                }
            }
        } else if roll < 75 {
            let month = 1 + rng.below(12) as u8;
            let rating = MonthlyRating {
                rating: Rating::ALL[rng.below(4) as usize],
                discipline: Some(rng.below(21) as u8),
                excused: false,
            };
            admin
                .set_rating(&own, YEAR, Some(month), rating)
                .unwrap_or_else(|e| fail("rating", e));
            ack(&Ack::Rating { month, rating });
        } else if entries.is_empty() || rng.chance(60) {
            let month = 1 + rng.below(12) as u32;
            let input = TaskInput {
                date: chrono::NaiveDate::from_ymd_opt(YEAR, month, 1 + rng.below(28) as u32)
                    .unwrap(),
                task: TaskChoice::AdHoc {
                    name: format!("Việc {i}-{n} của tổ {}", rng.below(1000)),
                    complexity: ComplexityGroup::ALL[rng.below(5) as usize],
                    bucket: TimeBucket::new(1 + rng.below(14) as u8).unwrap(),
                },
                quantity: 1 + rng.below(50) as u32,
                product_ref: format!("{n}/UBND-VP"),
                state: if rng.chance(80) {
                    EntryState::Done
                } else {
                    EntryState::InProgress
                },
            };
            let e = me
                .kpi_add(&own, &input)
                .unwrap_or_else(|e| fail("kpi add", e));
            ack(&Ack::KpiAdd {
                id: e.id,
                quantity: e.quantity,
                version: e.version,
            });
            entries.insert(
                e.id,
                OwnEntry {
                    input,
                    version: e.version,
                },
            );
        } else {
            let keys: Vec<i64> = entries.keys().copied().collect();
            let id = keys[rng.below(keys.len() as u64) as usize];
            if rng.chance(70) {
                let own_entry = entries.get_mut(&id).unwrap();
                // Always a different quantity: an edit that changes nothing
                // is not a change.
                own_entry.input.quantity = own_entry.input.quantity % 50 + 1;
                let e = me
                    .kpi_edit(id, own_entry.version, &own_entry.input)
                    .unwrap_or_else(|e| fail("kpi edit", e));
                own_entry.version = e.version;
                ack(&Ack::KpiEdit {
                    id,
                    quantity: e.quantity,
                    version: e.version,
                });
            } else {
                let version = entries[&id].version;
                me.kpi_delete(id, version)
                    .unwrap_or_else(|e| fail("kpi delete", e));
                entries.remove(&id);
                ack(&Ack::KpiDelete { id });
            }
        }
    }
    ack_figures(&spec.acks, n as u64, conflicts);
}

fn ack_figures(path: &Path, ops: u64, conflicts: u64) {
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(format!("S {ops} {conflicts}\n").as_bytes())
        .unwrap();
}

// ---- checks ----

pub fn integrity(path: &Path) -> String {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// `audit verify` through the service (chain and seals).
pub fn audit_entries(path: &Path) -> i64 {
    match service(path, &os_login()).audit_verify().unwrap() {
        AuditReport::Intact { entries } => entries,
        other => panic!("{}: audit verify: {other:?}", path.display()),
    }
}

/// One audit entry.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub seq: i64,
    pub who: String,
    pub action: String,
    pub entity: String,
    pub after: Option<Value>,
}

pub fn audit_rows(path: &Path) -> Vec<AuditRow> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut stmt = c
        .prepare("SELECT seq, who, action, entity, after FROM audit ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| {
        let after: Option<String> = r.get(4)?;
        Ok(AuditRow {
            seq: r.get(0)?,
            who: r.get(1)?,
            action: r.get(2)?,
            entity: r.get(3)?,
            after: after.map(|a| serde_json::from_str(&a).unwrap_or(Value::String(a))),
        })
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// Every checklist, rating and KPI entry that the audit log names holds
/// what its last audit entry says it became (or is gone, after a delete):
/// nothing acknowledged-and-audited was lost or overwritten unseen.
pub fn state_matches_audit(path: &Path) {
    state_matches_audit_since(path, &audit_rows(path), 0);
}

/// [`state_matches_audit`] for the entities whose last entry is after
/// `since` (those checked before and not changed since need no new look).
pub fn state_matches_audit_since(path: &Path, rows: &[AuditRow], since: i64) {
    let svc = service(path, &os_login());
    let mut last: HashMap<String, &AuditRow> = HashMap::new();
    for r in rows {
        last.insert(r.entity.clone(), r);
    }
    let mut checked = 0;
    for (entity, r) in last.iter().filter(|(_, r)| r.seq > since) {
        let parts: Vec<&str> = entity.split(':').collect();
        match parts.as_slice() {
            ["checklist", code, q] => {
                let v = svc.checklist(code, q.parse().unwrap()).unwrap();
                let after = r.after.as_ref().unwrap();
                assert_eq!(v.version, after["version"].as_i64().unwrap(), "{entity}");
                let pack = |f: fn(&danhgia::service::ItemView) -> Option<bool>| -> String {
                    v.items.iter().map(|i| mark_char(f(i))).collect()
                };
                assert_eq!(pack(|i| i.self_mark), after["self"], "{entity}");
                assert_eq!(pack(|i| i.review), after["review"], "{entity}");
                checked += 1;
            }
            ["rating", code, ym] => {
                let (y, m) = ym.split_once('-').unwrap();
                let (y, m): (i32, u8) = (y.parse().unwrap(), m.parse().unwrap());
                let q = Quarter::of_month(danhgia::domain::Month::new(y, m).unwrap());
                let got = svc.quarter_ratings(code, q).unwrap()[usize::from((m - 1) % 3)];
                assert_eq!(
                    serde_json::to_value(got).unwrap(),
                    *r.after.as_ref().unwrap(),
                    "{entity}"
                );
                checked += 1;
            }
            ["kpi", _code, id] => {
                let got = svc.kpi_entry(id.parse().unwrap());
                if r.action == "kpi_delete" {
                    assert!(got.is_err(), "{entity} was deleted: {got:?}");
                } else {
                    assert_eq!(
                        serde_json::to_value(got.unwrap()).unwrap(),
                        *r.after.as_ref().unwrap(),
                        "{entity}"
                    );
                }
                checked += 1;
            }
            _ => {}
        }
    }
    assert!(
        checked > 0 || rows.len() < 20 || since > 0,
        "nothing was checked"
    );
}

/// Every acknowledged change of worker `id` is in the audit log, with what
/// the worker was told (the version a mark made, the rating, the entry).
pub fn acks_are_audited(rows: &[AuditRow], id: usize, acks: &[Ack]) {
    let mine: Vec<&AuditRow> = rows
        .iter()
        .filter(|r| r.who == format!("adm{id}") || r.who == format!("w{id}"))
        .collect();
    let mut by_checklist: HashMap<(String, i64), &AuditRow> = HashMap::new();
    let mut by_entity: HashMap<&str, Vec<&AuditRow>> = HashMap::new();
    for r in &mine {
        if let Some(v) = r
            .after
            .as_ref()
            .and_then(|a| a.get("version"))
            .and_then(Value::as_i64)
            && r.entity.starts_with("checklist:")
        {
            by_checklist.insert((r.entity.clone(), v), r);
        }
        by_entity.entry(r.entity.as_str()).or_default().push(r);
    }
    for a in acks {
        match a {
            Ack::Mark {
                code,
                col,
                item,
                mark,
                version,
            } => {
                let entity = format!("checklist:{code}:{Q}");
                let r = by_checklist
                    .get(&(entity.clone(), *version))
                    .unwrap_or_else(|| panic!("worker {id}: {a:?} is not in the audit log"));
                let marks = r.after.as_ref().unwrap()[if *col == 's' { "self" } else { "review" }]
                    .as_str()
                    .unwrap()
                    .to_owned();
                assert_eq!(marks.chars().nth(*item), Some(*mark), "{entity} v{version}");
            }
            Ack::Rating { month, rating } => {
                let entity = format!("rating:W{id}:{YEAR}-{month:02}");
                let want = serde_json::to_value(rating).unwrap();
                assert!(
                    by_entity
                        .get(entity.as_str())
                        .is_some_and(|v| v.iter().any(|r| r.after.as_ref() == Some(&want))),
                    "worker {id}: {a:?} is not in the audit log"
                );
            }
            Ack::KpiAdd { id: e, version, .. } | Ack::KpiEdit { id: e, version, .. } => {
                let entity = format!("kpi:W{id}:{e}");
                assert!(
                    by_entity
                        .get(entity.as_str())
                        .is_some_and(|v| v.iter().any(|r| r
                            .after
                            .as_ref()
                            .and_then(|a| a.get("version"))
                            .and_then(Value::as_i64)
                            == Some(*version))),
                    "worker {id}: {a:?} is not in the audit log"
                );
            }
            Ack::KpiDelete { id: e } => {
                let entity = format!("kpi:W{id}:{e}");
                assert!(
                    by_entity
                        .get(entity.as_str())
                        .is_some_and(|v| v.iter().any(|r| r.action == "kpi_delete")),
                    "worker {id}: {a:?} is not in the audit log"
                );
            }
        }
    }
}

/// The audit entries written by worker `id`.
pub fn audit_entries_of(rows: &[AuditRow], id: usize) -> usize {
    rows.iter()
        .filter(|r| r.who == format!("adm{id}") || r.who == format!("w{id}"))
        .count()
}

/// With every worker done and nobody killed, the database holds exactly
/// what was acknowledged: each checklist's versions are 1…n, each made by
/// one acknowledged write, and replaying the acknowledged marks in version
/// order gives the stored marks; each rating is the last one acknowledged;
/// each worker's KPI entries are those it was told it added and did not
/// delete, with the quantity and version of its last acknowledged change;
/// the KPI totals add up.
pub fn database_holds_exactly(path: &Path, acks: &[Vec<Ack>], shared: usize) {
    let svc = service(path, &os_login());
    let items = svc.forms().staff.len();
    // Checklists.
    let mut marks: BTreeMap<String, Vec<(i64, char, usize, char)>> = BTreeMap::new();
    for a in acks.iter().flatten() {
        if let Ack::Mark {
            code,
            col,
            item,
            mark,
            version,
        } = a
        {
            marks
                .entry(code.clone())
                .or_default()
                .push((*version, *col, *item, *mark));
        }
    }
    for j in 0..shared {
        let code = format!("P{j}");
        let mut writes = marks.remove(&code).unwrap_or_default();
        writes.sort();
        let v = svc.checklist(&code, Q).unwrap();
        let versions: Vec<i64> = writes.iter().map(|w| w.0).collect();
        let expected: Vec<i64> = (1..=v.version).collect();
        assert_eq!(
            versions, expected,
            "{code}: every version is one acknowledged write, none twice, none lost"
        );
        let mut selfm = vec!['.'; items];
        let mut review = vec!['.'; items];
        for (_, col, item, mark) in writes {
            if col == 's' {
                selfm[item] = mark;
            } else {
                review[item] = mark;
            }
        }
        let got_self: String = v.items.iter().map(|i| mark_char(i.self_mark)).collect();
        let got_review: String = v.items.iter().map(|i| mark_char(i.review)).collect();
        assert_eq!(
            got_self,
            selfm.iter().collect::<String>(),
            "{code} self marks"
        );
        assert_eq!(
            got_review,
            review.iter().collect::<String>(),
            "{code} review marks"
        );
    }
    let settings = svc.kpi_default_settings();
    for (i, worker) in acks.iter().enumerate() {
        let own = format!("W{i}");
        // Ratings: the last acknowledged value of each month.
        let mut last: BTreeMap<u8, MonthlyRating> = BTreeMap::new();
        let mut live: BTreeMap<i64, (u32, i64)> = BTreeMap::new();
        for a in worker {
            match a {
                Ack::Rating { month, rating } => {
                    last.insert(*month, *rating);
                }
                Ack::KpiAdd {
                    id,
                    quantity,
                    version,
                }
                | Ack::KpiEdit {
                    id,
                    quantity,
                    version,
                } => {
                    live.insert(*id, (*quantity, *version));
                }
                Ack::KpiDelete { id } => {
                    live.remove(id);
                }
                Ack::Mark { .. } => {}
            }
        }
        for q in Quarter::of_year(YEAR) {
            let got = svc.quarter_ratings(&own, q).unwrap();
            for (k, m) in q.months().iter().enumerate() {
                assert_eq!(
                    got[k],
                    last.get(&m.month).copied().map(MonthEntry::Rated),
                    "{own} {YEAR}-{}",
                    m.month
                );
            }
        }
        let mut stored: BTreeMap<i64, (u32, i64)> = BTreeMap::new();
        let mut done_quantity = 0u64;
        let mut summary_quantity = 0u64;
        for q in Quarter::of_year(YEAR) {
            let log = svc.kpi_log(&own, q, &settings).unwrap();
            for e in &log.entries {
                stored.insert(e.id, (e.quantity, e.version));
                if e.state == EntryState::Done {
                    done_quantity += u64::from(e.quantity);
                }
            }
            summary_quantity += svc
                .kpi_summary(q, None, &settings)
                .unwrap()
                .iter()
                .find(|r| r.code == own)
                .map_or(0, |r| r.summary.quantity_done);
        }
        assert_eq!(
            stored, live,
            "{own}: KPI entries are exactly those acknowledged"
        );
        assert_eq!(summary_quantity, done_quantity, "{own}: KPI totals");
    }
}

// ---- the real binary ----

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_danhgia"))
}

pub fn run(db: &Path, args: &[&str]) -> Output {
    bin().arg("--db").arg(db).args(args).output().unwrap()
}

pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `PRAGMA integrity_check` is ok, and `danhgia audit verify` (the real
/// binary: chain and seals) says intact; the number of entries.
pub fn sound(db: &Path) -> i64 {
    assert_eq!(integrity(db), "ok", "{}", db.display());
    let out = ok(db, &["--lang", "en", "audit", "verify"]);
    out.split(':')
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("audit verify said {out:?}"))
}

pub mod ops;

/// A fingerprint of every row of every table: equal before and after means
/// nothing was written. Read-only: it never checkpoints the database or
/// removes its `-wal` on closing.
pub fn fingerprint(path: &Path) -> String {
    use rusqlite::OpenFlags;
    use sha2::{Digest, Sha256};
    let c = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut h = Sha256::new();
    for t in tables {
        let mut stmt = c
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        h.update(t.as_bytes());
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                h.update(format!("{:?}\u{1f}", r.get_ref(i).unwrap()).as_bytes());
            }
        }
    }
    format!("{:x}", h.finalize())
}
