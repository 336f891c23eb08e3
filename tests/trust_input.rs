#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Hostile and broken input (SPEC section 8, issue 8):
//!
//! - the fuzz targets of `fuzz/` (every importer, as CSV, as XLSX and as the
//!   cells of a real workbook; the lookup query parser) run here on every
//!   corpus file and on seeded random mutations of them: no panic, a refused
//!   file named in its message, an import landed or refused row by row;
//! - files in a wrong encoding, with a huge field, a NUL byte, over the size
//!   limit, not a workbook, a folder, missing: each refused with a message
//!   naming the file (and the row), the database unchanged, the file
//!   unchanged;
//! - formula-looking text (`=cmd|' /C calc'!A0`, `+`, `-`, `@`, a tab) in
//!   names, units, titles, notes, achievements and KPI tasks never comes out
//!   as a formula: every report in every format, and every `--format csv`,
//!   scanned;
//! - a large file (10^5 rows in CI, 10^6 with `DANHGIA_TRUST_SCALE=10`);
//! - a database that is not SQLite, is damaged, is empty, is from a newer
//!   danhgia, or is read-only (file, folder): a clear message naming the file,
//!   and the file's bytes unchanged.

#[path = "../fuzz/targets.rs"]
mod targets;
mod trust_common;

use std::path::{Path, PathBuf};
use std::time::Instant;
use trust_common::*;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus");
/// Mutations run in CI, over all targets; DANHGIA_TRUST_SCALE multiplies.
const MUTATIONS: usize = 10_000;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(Path::new(CORPUS).join(target))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

/// Runs one input; on a panic, keeps the input for replay (`cargo fuzz run
/// <target> <file>`) and fails with where it is.
fn run_kept(target: &str, data: &[u8], what: &str, built_workbook: bool) {
    let r = std::panic::catch_unwind(|| targets::run_with(target, data, built_workbook));
    if r.is_err() {
        let keep = std::env::temp_dir().join(format!("danhgia-fuzz-failure-{target}-{what}"));
        std::fs::write(&keep, data).unwrap();
        panic!(
            "{target}: {what} panicked; the input is in {}",
            keep.display()
        );
    }
}

#[test]
fn every_fuzz_corpus_file_goes_through_its_target() {
    let mut n = 0;
    for t in targets::TARGETS {
        let files = corpus(t);
        assert!(!files.is_empty(), "{t} has a corpus");
        for (p, data) in files {
            run_kept(t, &data, &p.file_name().unwrap().to_string_lossy(), true);
            n += 1;
        }
    }
    eprintln!(
        "figures: {n} corpus files through {} targets",
        targets::TARGETS.len()
    );
}

const TOKENS: &[&[u8]] = &[
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r\n",
    b"\r",
    b"\"",
    b"\"\"",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"=cmd|' /C calc'!A0",
    b"@SUM(A1)",
    b"+1",
    b"-1",
    b"all",
    b"2026-Q3",
    b"2026-Q9",
    b"31/02/2026",
    b"HTXSNV",
    b"N5",
    b"B14",
    b"100001",
    b"-0",
    b"1e309",
    b"S1",
    b"L1",
    b"\xCC\x82",
    b"\xC4\x91",
    b"\xED\xA0\x80",
    b"PK\x03\x04",
];

fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> Vec<u8> {
    let mut d = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = |rng: &mut Rng, d: &Vec<u8>| rng.below(d.len() as u64 + 1) as usize;
        match rng.below(9) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len() as u64) as usize;
                d[i] ^= 1 << rng.below(8);
            }
            1 if !d.is_empty() => {
                let i = rng.below(d.len() as u64) as usize;
                d[i] = rng.next() as u8;
            }
            2 => {
                let i = at(rng, &d);
                let t = TOKENS[rng.below(TOKENS.len() as u64) as usize];
                d.splice(i..i, t.iter().copied());
            }
            3 if !d.is_empty() => {
                let i = rng.below(d.len() as u64) as usize;
                let j = (i + 1 + rng.below(16) as usize).min(d.len());
                d.drain(i..j);
            }
            4 if !d.is_empty() => {
                let i = rng.below(d.len() as u64) as usize;
                let j = (i + 1 + rng.below(64) as usize).min(d.len());
                let chunk = d[i..j].to_vec();
                let k = at(rng, &d);
                d.splice(k..k, chunk);
            }
            5 if !other.is_empty() => {
                let cut = at(rng, &d);
                let from = rng.below(other.len() as u64) as usize;
                d.truncate(cut);
                d.extend_from_slice(&other[from..]);
            }
            6 => {
                let cut = at(rng, &d);
                d.truncate(cut);
            }
            7 => {
                let i = at(rng, &d);
                let n = rng.below(300) as usize;
                let b = rng.next() as u8;
                d.splice(i..i, std::iter::repeat_n(b, n));
            }
            _ => {
                let i = at(rng, &d);
                let b = rng.next() as u8;
                d.insert(i, b);
            }
        }
    }
    d.truncate(16 * 1024);
    d
}

/// Seeded random mutations of the corpus through every target: the same
/// code as `cargo fuzz run`, deterministic, in `cargo test`.
#[test]
fn seeded_mutations_of_the_corpus_never_panic() {
    let per_target = MUTATIONS * scale() / targets::TARGETS.len();
    let started = Instant::now();
    for (k, t) in targets::TARGETS.iter().enumerate() {
        let files: Vec<Vec<u8>> = corpus(t).into_iter().map(|(_, b)| b).collect();
        let mut rng = Rng::new(0x5EED + k as u64);
        for n in 0..per_target {
            let base = &files[rng.below(files.len() as u64) as usize];
            let other = &files[rng.below(files.len() as u64) as usize];
            let data = mutate(&mut rng, base, other);
            // Every fourth input also as the cells of a built workbook.
            run_kept(t, &data, &format!("mutation-{n}"), n % 4 == 0);
        }
    }
    eprintln!(
        "figures: {} seeded mutations ({per_target} per target) in {:.1} s",
        per_target * targets::TARGETS.len(),
        started.elapsed().as_secs_f64()
    );
}

// ---- broken files through the command line ----

/// Runs `danhgia import KIND FILE` expecting a refusal that names the file
/// (and `row`, if given); the database and the file are unchanged.
fn refused(db: &Path, kind: &str, file: &Path, needles: &[&str]) -> String {
    let bytes = std::fs::read(file).ok();
    let before = fingerprint(db);
    let out = run(
        db,
        &["--lang", "en", "import", kind, file.to_str().unwrap()],
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{}: {err}", file.display());
    assert!(
        err.contains(&file.display().to_string()),
        "names the file: {err}"
    );
    for n in needles {
        assert!(err.contains(n), "{}: {n:?} in {err}", file.display());
    }
    assert_eq!(fingerprint(db), before, "nothing imported");
    assert_eq!(std::fs::read(file).ok(), bytes, "the file is untouched");
    err
}

#[test]
fn broken_files_are_refused_with_the_file_and_row_named_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    trust_common::ops::small_office(&db);
    service(&db, "hr")
        .grant("admin", &danhgia::service::os_login())
        .unwrap();
    let d = dir.path();
    let header =
        "code,full_name,birth_date,title,unit,kind,group,party_member,manager_code,login\n";
    let w = |name: &str, bytes: &[u8]| -> PathBuf {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    // Windows-1258 / Latin-1 bytes where UTF-8 was expected: the line.
    let mut latin = header.as_bytes().to_vec();
    latin.extend_from_slice(b"S4,Nguy\xe9n V\xe3n T\xfa,01/01/1990,CV,Ph\xf2ng,staff,CC,0,L1,tu\n");
    refused(&db, "staff", &w("latin1.csv", &latin), &["2"]);
    // UTF-16 cut in the middle of a character.
    let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
    utf16.extend(header.encode_utf16().flat_map(u16::to_le_bytes));
    utf16.push(b'S');
    refused(&db, "staff", &w("utf16.csv", &utf16), &[]);
    // A field of 20,000 characters: the row and the column.
    let huge = format!(
        "{header}S4,{},01/01/1990,CV,Phòng Nội vụ,staff,CC,0,L1,tu\n",
        "A".repeat(20_000)
    );
    refused(
        &db,
        "staff",
        &w("huge.csv", huge.as_bytes()),
        &["huge.csv:2", "full_name"],
    );
    // A NUL byte inside a cell.
    let nul = format!("{header}S4,Tú\0,01/01/1990,CV,Phòng Nội vụ,staff,CC,0,L1,tu\n");
    refused(&db, "staff", &w("nul.csv", nul.as_bytes()), &["nul.csv:2"]);
    // Over the size limit (a sparse file: nothing is read).
    let big = d.join("big.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(danhgia::import::MAX_FILE_BYTES + 1)
        .unwrap();
    refused(&db, "staff", &big, &[]);
    // Not a workbook, though named .xlsx; not a table file at all.
    refused(
        &db,
        "staff",
        &w("fake.xlsx", b"PK\x03\x04 not really a zip"),
        &[],
    );
    refused(&db, "ratings", &w("notes.txt", b"code\n"), &[]);
    // A folder, and nothing.
    let folder = d.join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    refused(&db, "marks", &folder, &[]);
    refused(&db, "marks", &d.join("missing.csv"), &[]);
    // Excel's UTF-16 with BOM, and UTF-8 with BOM, do import.
    let good = format!("{header}S4,Trịnh Văn Tú,01/01/1990,CV,Phòng Nội vụ,staff,CC,0,L1,tu\n");
    let mut le = vec![0xFF, 0xFE];
    le.extend(good.encode_utf16().flat_map(u16::to_le_bytes));
    ok(
        &db,
        &["import", "staff", w("le.csv", &le).to_str().unwrap()],
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(
        good.replace("S4,", "S5,")
            .replace(",tu\n", ",tu5\n")
            .as_bytes(),
    );
    ok(
        &db,
        &["import", "staff", w("bom.csv", &bom).to_str().unwrap()],
    );
    sound(&db);
}

// ---- formula-looking text in every output ----

/// Text a spreadsheet would evaluate, in every place a person can type or
/// import text that comes out in a report.
const HOSTILE: [&str; 6] = [
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "=HYPERLINK(\"http://x\",\"y\")",
    "\t=1+1",
];

/// Does a spreadsheet evaluate this cell?
fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn scan_csv(path: &Path, bytes: &[u8]) -> usize {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut cells = 0;
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            cells += 1;
            assert!(
                !formula_like(cell),
                "{}: a cell a spreadsheet would evaluate: {cell:?}",
                path.display()
            );
        }
    }
    cells
}

fn scan_xlsx(path: &Path) -> usize {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut cells = 0;
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{}: sheet {name} has formulas",
            path.display()
        );
        let range = book.worksheet_range(&name).unwrap();
        for (_, _, c) in range.used_cells() {
            cells += 1;
            assert!(
                matches!(
                    c,
                    Data::String(_) | Data::Float(_) | Data::Int(_) | Data::Empty
                ),
                "{}: {c:?}",
                path.display()
            );
        }
    }
    cells
}

#[test]
fn formula_looking_text_never_comes_out_as_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("office.db");
    ok(&db, &["init"]);
    // People whose names, titles and units look like formulas.
    let mut staff = String::from(
        "code,full_name,birth_date,title,unit,kind,group,party_member,manager_code,login\n",
    );
    staff.push_str("L1,Trần Văn Hùng,01/01/1970,Trưởng phòng,Phòng Nội vụ,leader,CBLĐQL,1,,hung\n");
    for (i, h) in HOSTILE.iter().enumerate() {
        let h = h.replace('"', "\"\"");
        staff.push_str(&format!(
            "H{i},\"{h}\",01/01/1990,\"{h}\",\"{}\",staff,CC,0,L1,h{i}\n",
            if i % 2 == 0 {
                "Phòng Nội vụ".to_owned()
            } else {
                h.clone()
            }
        ));
    }
    let f = d.join("staff.csv");
    std::fs::write(&f, &staff).unwrap();
    ok(&db, &["import", "staff", f.to_str().unwrap()]);
    // Everyone passes 2026-Q3, so that they are in every list.
    let mut ratings = String::from("code,year,month,rating,discipline,excused\n");
    let mut marks = String::from("code,quarter,item,self,review\n");
    for code in std::iter::once("L1".to_owned()).chain((0..HOSTILE.len()).map(|i| format!("H{i}")))
    {
        for m in 7..=9 {
            ratings.push_str(&format!("{code},2026,{m},HTXSNV,20,0\n"));
        }
        ratings.push_str(&format!("{code},2026,,HTXSNV,,0\n"));
        marks.push_str(&format!("{code},2026-Q3,all,1,1\n"));
    }
    for (name, text) in [("ratings", &ratings), ("marks", &marks)] {
        let f = d.join(format!("{name}.csv"));
        std::fs::write(&f, text).unwrap();
        ok(&db, &["import", name, f.to_str().unwrap()]);
    }
    // Typed text: notes, achievements, return notes, settings, KPI tasks.
    {
        let admin = service(&db, &danhgia::service::os_login());
        let q = trust_common::ops::Q3;
        for (i, h) in HOSTILE.iter().enumerate() {
            let code = format!("H{i}");
            let v = admin.checklist(&code, q).unwrap().version;
            let v = admin.set_note(&code, q, "I.1.1", h, v).unwrap().version;
            admin.set_outstanding(&code, q, true, Some(h), v).unwrap();
            admin
                .set_setting(danhgia::service::SETTING_PLACE, HOSTILE[0])
                .unwrap();
        }
        let catalog = format!(
            "unit,area,task,steps,product,complexity,time\nPhòng Nội vụ,\"{0}\",\"{0}\",\"{1}\",\"{2}\",N3,B6\n",
            HOSTILE[0].replace('"', "\"\""),
            HOSTILE[1],
            HOSTILE[3]
        );
        let f = d.join("catalog.csv");
        std::fs::write(&f, catalog).unwrap();
        ok(&db, &["import", "catalog", f.to_str().unwrap()]);
        let tasks = format!(
            "code,date,task,step,quantity,product_ref,state,complexity,time\nH0,05/08/2026,\"{}\",,2,\"{}\",done,,\nH2,06/08/2026,\"{}\",,1,x,done,N2,B4\n",
            HOSTILE[0].replace('"', "\"\""),
            HOSTILE[2],
            HOSTILE[3]
        );
        let f = d.join("tasks.csv");
        std::fs::write(&f, tasks).unwrap();
        ok(&db, &["import", "tasks", f.to_str().unwrap()]);
    }
    let mut files = 0;
    let mut cells = 0;
    for form in ["01", "02", "03", "04", "05A", "05B"] {
        for scope in [["--quarter", "2026-Q3"], ["--year", "2026"]] {
            if form == "03" && scope[0] == "--year" {
                continue;
            }
            for ext in ["xlsx", "csv", "md"] {
                let out = d.join(format!("form-{form}-{}.{ext}", &scope[0][2..]));
                let o = run(
                    &db,
                    &[
                        "report",
                        form,
                        scope[0],
                        scope[1],
                        "--out",
                        out.to_str().unwrap(),
                    ],
                );
                assert!(
                    o.status.success(),
                    "report {form} {scope:?} {ext}: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
                files += 1;
                cells += match ext {
                    "xlsx" => scan_xlsx(&out),
                    "csv" => scan_csv(&out, &std::fs::read(&out).unwrap()),
                    _ => 0,
                };
            }
        }
    }
    for args in [
        &["status", "--quarter", "2026-Q3", "--format", "csv"][..],
        &["commend", "--quarter", "2026-Q3", "--format", "csv"][..],
        &["commend", "--year", "2026", "--format", "csv"][..],
        &["kpi", "--quarter", "2026-Q3", "--format", "csv"][..],
    ] {
        let out = ok(&db, args);
        cells += scan_csv(Path::new(&args.join(" ")), out.as_bytes());
        files += 1;
    }
    // And the hostile text is there, escaped, not dropped.
    let csv = std::fs::read_to_string(d.join("form-05B-quarter.csv")).unwrap();
    assert!(csv.contains("'=cmd|"), "{csv}");
    eprintln!("figures: {files} outputs, {cells} cells scanned");
}

// ---- a large file ----

#[test]
fn a_large_staff_file_imports_whole() {
    let rows = 100_000 * scale();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    ok(&db, &["init"]);
    let f = dir.path().join("big.csv");
    {
        use std::io::Write;
        let mut w = std::io::BufWriter::new(std::fs::File::create(&f).unwrap());
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
    }
    let size = std::fs::metadata(&f).unwrap().len();
    let t = Instant::now();
    let out = ok(
        &db,
        &["--lang", "en", "import", "staff", f.to_str().unwrap()],
    );
    let took = t.elapsed();
    assert!(out.contains(&rows.to_string()), "{out}");
    let c = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM staff", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n as usize, rows);
    drop(c);
    let t2 = Instant::now();
    sound(&db);
    eprintln!(
        "figures: {rows} rows ({:.1} MB) imported in {:.1} s (debug build); integrity and audit verify in {:.1} s",
        size as f64 / 1e6,
        took.as_secs_f64(),
        t2.elapsed().as_secs_f64()
    );
}

// ---- database files ----

/// Any database command on `db` is refused with a message naming it, and
/// leaves its bytes as they were.
fn db_refused(db: &Path, needles: &[&str]) {
    let bytes = std::fs::read(db).unwrap();
    for args in [
        &["status", "--quarter", "2026-Q3"][..],
        &["audit", "verify"][..],
        &["round", "close", "2026-Q3"][..],
    ] {
        let out = run(db, &[&["--lang", "en"][..], args].concat());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(&db.display().to_string()), "{args:?}: {err}");
        for n in needles {
            assert!(err.contains(n), "{args:?}: {n:?} in {err}");
        }
        assert_eq!(
            std::fs::read(db).unwrap(),
            bytes,
            "{args:?}: the file changed"
        );
    }
}

#[test]
fn a_database_that_is_not_one_or_is_newer_is_refused_clearly_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let w = |name: &str, bytes: &[u8]| -> PathBuf {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let not_db = "not a danhgia database";
    db_refused(
        &w("text.db", &b"code,full_name\nS1,An\n".repeat(100)),
        &[not_db],
    );
    let mut rng = Rng::new(7);
    let noise: Vec<u8> = (0..8192).map(|_| rng.next() as u8).collect();
    db_refused(&w("noise.db", &noise), &[not_db]);
    let xlsx = std::fs::read(Path::new(CORPUS).join("import_staff/valid.xlsx")).unwrap();
    db_refused(&w("workbook.db", &xlsx), &[not_db]);
    let mut header = b"SQLite format 3\0".to_vec();
    header.extend_from_slice(&noise);
    db_refused(&w("header-only.db", &header), &[not_db]);
    // A real database cut short, as a failed copy leaves it.
    let good = d.join("good.db");
    ok(&good, &["init"]);
    ok(&good, &["backup", d.join("whole.db").to_str().unwrap()]);
    let whole = std::fs::read(d.join("whole.db")).unwrap();
    db_refused(&w("cut.db", &whole[..whole.len() / 3]), &[not_db]);
    // An empty file is not a database either (it would silently become one).
    db_refused(&w("empty.db", b""), &["danhgia init"]);
    // From a newer danhgia.
    let newer = d.join("newer.db");
    std::fs::copy(d.join("whole.db"), &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    db_refused(&newer, &["newer", "99"]);
}

/// Read-only database files and folders. Root ignores permissions, so as
/// root the commands run as `nobody`; if that is not possible the test says
/// so and checks nothing.
#[test]
fn a_read_only_database_is_refused_clearly_and_left_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let root = nix::unistd::geteuid().is_root();
    let nobody = if root {
        match nix::unistd::User::from_name("nobody") {
            Ok(Some(u)) => Some(u),
            _ => {
                eprintln!("SKIPPED: running as root and there is no `nobody` account");
                return;
            }
        }
    } else {
        None
    };
    let who = nobody
        .as_ref()
        .map_or_else(danhgia::service::os_login, |u| u.name.clone());
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    let as_user = |db: &Path, args: &[&str]| {
        let mut c = bin();
        c.arg("--lang").arg("en").arg("--db").arg(db).args(args);
        if let Some(u) = &nobody {
            c.uid(u.uid.as_raw()).gid(u.gid.as_raw());
        }
        c.output().unwrap()
    };
    let make = |name: &str| -> PathBuf {
        let sub = d.join(name);
        std::fs::create_dir(&sub).unwrap();
        let db = sub.join("office.db");
        ok(&db, &["init"]);
        service(&db, &danhgia::service::os_login())
            .grant("admin", &who)
            .unwrap();
        db
    };
    // Can the user run anything here at all?
    let probe = make("probe");
    std::fs::set_permissions(
        probe.parent().unwrap(),
        std::fs::Permissions::from_mode(0o777),
    )
    .unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = as_user(&probe, &["status", "--quarter", "2026-Q3"]);
    if !out.status.success() {
        eprintln!(
            "SKIPPED: cannot run danhgia as {who} here: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    // A read-only file in a writable folder; a writable file in a read-only
    // folder (no room for the -wal and -shm files).
    let ro_file = make("ro-file");
    std::fs::set_permissions(
        ro_file.parent().unwrap(),
        std::fs::Permissions::from_mode(0o777),
    )
    .unwrap();
    std::fs::set_permissions(&ro_file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let ro_dir = make("ro-dir");
    std::fs::set_permissions(&ro_dir, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(
        ro_dir.parent().unwrap(),
        std::fs::Permissions::from_mode(0o555),
    )
    .unwrap();
    // A write is refused, naming the file; a read of a read-only file works
    // (a backup on a read-only mount can be checked), and may fail only
    // with a message naming the file. Nothing changes either way.
    for db in [&ro_file, &ro_dir] {
        let bytes = std::fs::read(db).unwrap();
        let out = as_user(db, &["round", "close", "2026-Q3"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", db.display());
        assert!(err.contains(&db.display().to_string()), "{err}");
        assert!(err.contains("read-only"), "{err}");
        let out = as_user(db, &["audit", "verify"]);
        let err = String::from_utf8_lossy(&out.stderr);
        eprintln!(
            "{}: audit verify as {who}: {} {}{err}",
            db.display(),
            out.status,
            String::from_utf8_lossy(&out.stdout)
        );
        if db == &ro_file {
            assert!(out.status.success(), "a read-only file can be read: {err}");
        } else if !out.status.success() {
            assert!(err.contains(&db.display().to_string()), "{err}");
        }
        assert_eq!(std::fs::read(db).unwrap(), bytes, "the file changed");
    }
    std::fs::set_permissions(
        ro_dir.parent().unwrap(),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    eprintln!("figures: read-only file and folder checked as {who}");
}

/// A database that is read-only for its owner for a while (a backup being
/// checked, a file copied from a read-only mount) opens read-only, says so,
/// and leaves no `-wal` or `-shm` of its read-only mode behind: once the
/// file is writable again, the next write works (it used to fail for good).
#[test]
fn a_read_only_database_leaves_nothing_behind_and_works_once_writable_again() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let ci = std::env::var_os("CI").is_some_and(|v| v == "true");
    let root = nix::unistd::geteuid().is_root();
    // Root ignores file modes: as root the commands run as another uid.
    let uid = if root {
        64245
    } else {
        nix::unistd::getuid().as_raw()
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut reachable = true;
    for a in d.ancestors() {
        use std::os::unix::fs::MetadataExt;
        reachable &= std::fs::metadata(a).is_ok_and(|m| m.mode() & 0o001 != 0);
    }
    if root && !reachable {
        assert!(
            !ci,
            "the temporary folder is not reachable by other accounts"
        );
        eprintln!("SKIPPED: the temporary folder is not reachable by other accounts");
        return;
    }
    if root {
        std::os::unix::fs::chown(d, Some(uid), Some(uid)).unwrap();
    }
    let db = d.join("own.db");
    let as_owner = |args: &[&str]| {
        let mut c = bin();
        c.arg("--db").arg(&db).args(args).current_dir(d);
        if root {
            c.uid(uid).gid(uid);
        }
        c.output().unwrap()
    };
    let expect_ok = |args: &[&str]| {
        let out = as_owner(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    expect_ok(&["init"]);
    expect_ok(&["settings", "--place", "A"]);
    let sidecars = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with("-wal") || n.ends_with("-shm"))
            .collect();
        v.sort();
        v
    };
    let set_mode =
        |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    // With its -wal and -shm beside it (kept by the persistent WAL).
    set_mode(&db, 0o444);
    let out = expect_ok(&["--lang", "en", "audit", "verify"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Read-only database"));
    let out = as_owner(&["--lang", "en", "settings", "--place", "B"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    set_mode(&db, 0o644);
    expect_ok(&["settings", "--place", "C"]);
    // Without them: a copy whose WAL was checkpointed into the file.
    let copy = d.join("copy.db");
    expect_ok(&["backup", copy.to_str().unwrap()]);
    for s in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{s}", copy.display()));
    }
    let before = sidecars();
    set_mode(&copy, 0o444);
    let as_copy = |args: &[&str]| {
        let mut c = bin();
        c.arg("--db").arg(&copy).args(args).current_dir(d);
        if root {
            c.uid(uid).gid(uid);
        }
        c.output().unwrap()
    };
    let out = as_copy(&["audit", "verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(sidecars(), before, "a read-only open created files");
    set_mode(&copy, 0o644);
    let out = as_copy(&["settings", "--place", "D"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
