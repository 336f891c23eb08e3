//! Staff import speed (SPEC section 9): 100,000 staff from CSV within 2× the
//! time of `sqlite3 .import` of the same file, measured in the same run.
//!
//! Each repetition imports the same generated file into a fresh database
//! three ways, and the medians are compared:
//! - (a) in this process, as `danhgia import staff` does it: open the
//!   database, read and check the file, write it through the service;
//! - (b) the whole `danhgia import staff FILE` process (start, open, import,
//!   exit) into a database made by `danhgia init`;
//! - (c) the floor: `sqlite3 DB ".import --csv FILE t"`, also a whole process,
//!   if `sqlite3` is on the PATH; otherwise the same thing `.import` does,
//!   done here with rusqlite (a table of TEXT columns named by the header,
//!   one prepared INSERT per record, one transaction) — the output says
//!   which floor was used.
//!
//! and, for reference, (d) `sqlite3` copying the imported table into
//! danhgia's own `staff` table with one `INSERT … SELECT`, and (e) the same
//! file imported again in this process (every row an update). CPU figures
//! are of every thread of the process.
//!
//! `cargo bench --bench import`; quick mode (`cargo test`) imports 2,000 rows
//! once. `DANHGIA_BENCH_SIZE=N` sets the number of rows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

/// As the `danhgia` binary allocates (src/main.rs), so that the in-process
/// figure is what the binary does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use danhgia::service::Service;
use danhgia::store::Store;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The staff file of the trust suite's large import
/// (tests/trust_input.rs): one director, everyone else reporting to them,
/// in 400 units.
fn write_staff_csv(path: &Path, rows: usize) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        w,
        "Mã cán bộ,Họ và tên,Ngày sinh,Chức danh,Đơn vị,Loại,Nhóm,Đảng viên,Mã người quản lý,Tên đăng nhập"
    )
    .unwrap();
    writeln!(
        w,
        "CB0000000,Nguyễn Văn Một,01/01/1970,Giám đốc,Sở Nội vụ,leader,CBLĐQL,1,,"
    )
    .unwrap();
    for n in 1..rows {
        writeln!(
            w,
            "CB{n:07},Nguyễn Thị Hai {n},{:02}/{:02}/1985,Chuyên viên,Phòng {},staff,VC,0,CB0000000,",
            1 + n % 28,
            1 + n % 12,
            n % 400
        )
        .unwrap();
    }
    w.flush().unwrap();
}

/// Wall clock and CPU time of one measurement.
#[derive(Clone, Copy)]
struct Took {
    wall: Duration,
    cpu: Duration,
}

/// (a) In this process: what `danhgia import staff` does after parsing its
/// arguments.
/// `inserted` is how many rows must be new (the others are updates).
fn in_process(db: &Path, csv: &Path, inserted: usize) -> Took {
    let cpu0 = common::stat_cpu("self", false);
    let t = Instant::now();
    let svc = Service::from_store(Store::open(db).unwrap(), common::ADMIN, None).unwrap();
    let summary = danhgia::import::import_staff_file(&svc, csv).unwrap();
    drop(svc);
    let wall = t.elapsed();
    assert_eq!(summary.inserted, inserted);
    Took {
        wall,
        cpu: common::stat_cpu("self", false).saturating_sub(cpu0),
    }
}

/// Runs a command to its end; its wall clock and CPU time.
fn timed(cmd: &mut Command) -> Took {
    let cpu0 = common::stat_cpu("self", true);
    let t = Instant::now();
    let out = cmd.output().unwrap();
    let wall = t.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Took {
        wall,
        cpu: common::stat_cpu("self", true).saturating_sub(cpu0),
    }
}

/// (b) The whole `danhgia import staff` process.
fn whole_process(db: &Path, csv: &Path) -> Took {
    let bin = env!("CARGO_BIN_EXE_danhgia");
    let db = db.to_str().unwrap();
    // The binary's login is the real uid's; `init` makes it admin.
    timed(Command::new(bin).args(["--db", db, "init"]));
    timed(Command::new(bin).args(["--db", db, "import", "staff", csv.to_str().unwrap()]))
}

fn sqlite3_on_path() -> bool {
    Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// (c) with the sqlite3 shell.
fn sqlite3_import(db: &Path, csv: &Path) -> Took {
    timed(
        Command::new("sqlite3")
            .arg(db)
            .arg(format!(".import --csv {} t", csv.to_str().unwrap())),
    )
}

/// (d) with the shell, for reference: the floor's `.import`, then the same
/// rows copied into danhgia's own `staff` table (its four indexes, three
/// checks and foreign key, enforced) in one transaction — what the schema
/// alone costs, without danhgia's checks, seals, audit or name folding.
fn sqlite3_into_schema(db: &Path, csv: &Path) -> Took {
    timed(Command::new("sqlite3").arg(db).args([
        "PRAGMA foreign_keys = ON",
        &format!(".import --csv {} t", csv.to_str().unwrap()),
        "BEGIN",
        "INSERT INTO staff (code, full_name, name_fold, birth_date, title, unit, kind, grp, party_member, manager_code, login)
         SELECT \"Mã cán bộ\", \"Họ và tên\", lower(\"Họ và tên\"),
                substr(\"Ngày sinh\", 7, 4) || '-' || substr(\"Ngày sinh\", 4, 2) || '-' || substr(\"Ngày sinh\", 1, 2),
                \"Chức danh\", \"Đơn vị\", \"Loại\", \"Nhóm\", CAST(\"Đảng viên\" AS INTEGER),
                nullif(\"Mã người quản lý\", ''), nullif(\"Tên đăng nhập\", '')
         FROM t",
        "COMMIT",
    ]))
}

/// (c) without it: what the shell's `.import --csv` does, in this process.
fn rusqlite_import(db: &Path, csv: &Path) -> Took {
    let before = common::cpu_and_wait();
    let t = Instant::now();
    let mut conn = rusqlite::Connection::open(db).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(csv)
        .unwrap();
    let mut record = csv::StringRecord::new();
    reader.read_record(&mut record).unwrap();
    let columns: Vec<String> = record
        .iter()
        .map(|h| format!("\"{}\" TEXT", h.replace('"', "\"\"")))
        .collect();
    let n = columns.len();
    conn.execute(&format!("CREATE TABLE t({})", columns.join(", ")), [])
        .unwrap();
    let tx = conn.transaction().unwrap();
    {
        let marks = vec!["?"; n].join(", ");
        let mut insert = tx
            .prepare(&format!("INSERT INTO t VALUES ({marks})"))
            .unwrap();
        while reader.read_record(&mut record).unwrap() {
            for i in 0..n {
                insert
                    .raw_bind_parameter(i + 1, record.get(i).unwrap_or(""))
                    .unwrap();
            }
            insert.raw_execute().unwrap();
        }
    }
    tx.commit().unwrap();
    drop(conn);
    let wall = t.elapsed();
    let cpu = match (before, common::cpu_and_wait()) {
        (Some((c0, _)), Some((c1, _))) => c1 - c0,
        _ => Duration::ZERO,
    };
    Took { wall, cpu }
}

fn median(mut v: Vec<Took>) -> Took {
    v.sort_by_key(|t| t.wall);
    let wall = v[v.len() / 2].wall;
    let mut cpus: Vec<Duration> = v.iter().map(|t| t.cpu).collect();
    cpus.sort();
    Took {
        wall,
        cpu: cpus[cpus.len() / 2],
    }
}

fn main() {
    let rows = common::size();
    // Eleven: the machine is shared, and a median of more runs moves less.
    let repeat = if common::quick() { 1 } else { 11 };
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("staff.csv");
    write_staff_csv(&csv, rows);
    let bytes = std::fs::metadata(&csv).unwrap().len();
    let shell = sqlite3_on_path();
    let floor_name = if shell {
        "sqlite3 .import --csv (the shell, a whole process)"
    } else {
        "sqlite3 is not on the PATH: .import's work done in-process with rusqlite"
    };

    let (mut a, mut b, mut c, mut d, mut e) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..repeat {
        // Interleaved, so that a burst of load on a shared machine falls on
        // all three alike.
        let fresh = |name: &str| {
            let p = dir.path().join(format!("{name}-{i}.db"));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
            }
            p
        };
        let db = fresh("floor");
        c.push(if shell {
            sqlite3_import(&db, &csv)
        } else {
            rusqlite_import(&db, &csv)
        });
        let db = fresh("in-process");
        drop(Service::init(&db, common::ADMIN).unwrap());
        a.push(in_process(&db, &csv, rows));
        // The same file again: every row an update.
        e.push(in_process(&db, &csv, 0));
        let db = fresh("process");
        b.push(whole_process(&db, &csv));
        if shell {
            let db = fresh("schema");
            drop(Service::init(&db, common::ADMIN).unwrap());
            d.push(sqlite3_into_schema(&db, &csv));
        }
        for name in ["floor", "in-process", "process", "schema"] {
            let p = dir.path().join(format!("{name}-{i}.db"));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
            }
        }
    }
    let d = (!d.is_empty()).then(|| median(d));
    let (a, b, c, e) = (median(a), median(b), median(c), median(e));
    let line =
        |what: &str, t: Took| eprintln!("{what}: median wall {:.3?}, CPU {:.3?}", t.wall, t.cpu);
    eprintln!(
        "staff import of {rows} rows ({:.1} MB), median of {repeat} runs:",
        bytes as f64 / 1e6
    );
    eprintln!("floor: {floor_name}");
    line("(c) floor", c);
    line("(a) danhgia in-process (open, read, check, write)", a);
    line("(b) danhgia import staff, whole process", b);
    line(
        "(e) for reference: danhgia in-process, the same file again (every row an update)",
        e,
    );
    if let Some(d) = d {
        line(
            "(d) for reference: sqlite3 .import, then INSERT … SELECT into danhgia's staff table",
            d,
        );
    }
    let ratio = |x: Duration| x.as_secs_f64() / c.wall.as_secs_f64().max(1e-9);
    eprintln!(
        "ratio to the floor (target ≤ 2): in-process {:.2}×, whole process {:.2}× (wall clock)",
        ratio(a.wall),
        ratio(b.wall)
    );
}
