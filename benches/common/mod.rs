//! What every benchmark shares: the generated database of SPEC section 9,
//! the quick mode, and CPU-time readings.
//!
//! The database is the demo of `danhgia init --demo --demo-size N` (the same
//! library calls: [`danhgia::demo::generate`] then `Service::load_demo`),
//! with a fixed "today" so that every run measures the same data: 100,000
//! people in 400 units, a year of monthly ratings, checklists for every
//! quarter up to the third of 2026 and KPI logs. It is built once and kept in
//! `target/bench-data/`, next to a fingerprint of the code that shapes it
//! (the demo generator and the schema); a change to either builds it again.
//!
//! Quick mode — when the bench binary runs without `--bench`, as `cargo test`
//! runs it (every bench target has `test = true`), or with
//! `DANHGIA_BENCH_QUICK=1` — uses 2,000 people, so that CI proves every
//! benchmark still runs without spending minutes on it.
//! `DANHGIA_BENCH_SIZE=N` sets the size by hand.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use danhgia::demo::{DemoOptions, generate};
use danhgia::service::Service;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The size of SPEC section 9.
pub const FULL_SIZE: usize = 100_000;
/// The size of quick mode.
pub const QUICK_SIZE: usize = 2_000;
/// The login the demo makes admin.
pub const ADMIN: &str = "hr";

/// True when the benchmarks should only prove they run (`cargo test`).
pub fn quick() -> bool {
    std::env::var_os("DANHGIA_BENCH_QUICK").is_some_and(|v| v != "0")
        || !std::env::args().any(|a| a == "--bench")
}

/// The number of people to generate.
pub fn size() -> usize {
    if let Some(n) = std::env::var("DANHGIA_BENCH_SIZE")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return n;
    }
    if quick() { QUICK_SIZE } else { FULL_SIZE }
}

/// The demo's "today": data up to the middle of the fourth quarter of 2026,
/// so the third quarter is complete (reviewed) and the fourth is open.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// Where generated databases are kept between runs.
pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fingerprint of the source files that decide what the database holds.
fn fingerprint() -> String {
    use sha2::{Digest, Sha256};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/store/schema.rs")];
    for dir in ["src/demo", "data"] {
        let mut in_dir: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        in_dir.sort();
        files.extend(in_dir);
    }
    let mut h = Sha256::new();
    for f in files {
        if f.is_file() {
            h.update(std::fs::read(&f).unwrap());
        }
    }
    hex::encode(h.finalize())
}

/// The demo database of `size` people, built if missing or out of date.
/// Returns its path; the caller opens it (read-write: benchmarks that write
/// should work on a copy, see [`copy_of`]).
pub fn demo_db(size: usize) -> PathBuf {
    let path = data_dir().join(format!("demo-{size}.db"));
    let stamp = data_dir().join(format!("demo-{size}.stamp"));
    let print = fingerprint();
    if path.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(print.as_str()) {
        return path;
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let started = Instant::now();
    let svc = Service::init(&path, ADMIN).unwrap();
    let mut opts = DemoOptions::new(today());
    opts.size = size;
    svc.load_demo(&generate(&opts)).unwrap();
    drop(svc);
    std::fs::write(&stamp, print).unwrap();
    eprintln!(
        "generated the demo database of {size} people in {:.1?}: {}",
        started.elapsed(),
        path.display()
    );
    path
}

/// A private copy of a database (for benchmarks that write), in a
/// temporary folder that lives as long as the returned guard.
pub fn copy_of(db: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("copy.db");
    danhgia::store::Store::open(db)
        .unwrap()
        .backup_to(&to)
        .unwrap();
    (dir, to)
}

/// This thread's time on a CPU, and its time waiting for one (Linux
/// schedstat): on a shared machine the wall clock also counts other
/// people's work.
pub fn cpu_and_wait() -> Option<(Duration, Duration)> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut it = text.split_whitespace().map(|n| n.parse::<u64>().ok());
    Some((
        Duration::from_nanos(it.next()??),
        Duration::from_nanos(it.next()??),
    ))
}

/// CPU time (user + system) from `/proc/<pid>/stat` (`pid` may be
/// `self`): of the process, every thread, or with `children` of its
/// waited-for children.
pub fn stat_cpu(pid: &str, children: bool) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses: utime and
    // stime (14 and 15 of the whole line) are at 11 and 12 of these,
    // cutime and cstime (16 and 17) at 13 and 14.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<u64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    let first = if children { 13 } else { 11 };
    let ticks =
        fields.get(first).copied().unwrap_or(0) + fields.get(first + 1).copied().unwrap_or(0);
    let hz = nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
        .ok()
        .flatten()
        .unwrap_or(100) as u64;
    Duration::from_millis(ticks * 1000 / hz.max(1))
}

/// The p-th percentile (0–100) of some durations, nearest rank.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
