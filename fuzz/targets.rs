//! The bodies of the fuzz targets, shared by the cargo-fuzz binaries
//! (`fuzz_targets/`) and by `tests/trust_input.rs`, which runs every corpus
//! file and seeded mutations of them through the same code in `cargo test`.
//!
//! An importer target takes any bytes and tries them three ways: as a
//! `.csv` file, as a `.xlsx` file, and as the cells of a real workbook (the
//! bytes' lines and commas, written with rust_xlsxwriter), each through the
//! reader and, when the reader accepts the file, the service's import into
//! an in-memory office. What must hold, besides "no panic": a refused file
//! is named in every line of its message's first line, in both languages; an
//! import either lands or is refused row by row — never a database error
//! (which would mean the reader let through what the database refuses).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use danhgia::domain::StaffKind;
use danhgia::domain::lookup::{LookupIndex, PositionView, Query};
use danhgia::i18n::Lang;
use danhgia::import::{self, ImportError};
use danhgia::service::{Service, ServiceError};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// Every target, by the name of its binary and corpus folder.
pub const TARGETS: [&str; 6] = [
    "import_staff",
    "import_ratings",
    "import_marks",
    "import_catalog",
    "import_tasks",
    "lookup_query",
];

/// Runs one input through one target.
pub fn run(target: &str, data: &[u8]) {
    run_with(target, data, true);
}

/// [`run`], with or without the built workbook (the slowest of the three
/// ways: the deterministic loop in `cargo test` takes it for some inputs).
pub fn run_with(target: &str, data: &[u8], built_workbook: bool) {
    match target {
        "lookup_query" => lookup(data),
        t => {
            let kind = t.strip_prefix("import_").expect("an import target");
            importer(kind, data, built_workbook);
        }
    }
}

thread_local! {
    static SCRATCH: PathBuf = {
        let dir = std::env::temp_dir().join(format!(
            "danhgia-fuzz-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ).replace(['(', ')'], ""));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    };
    static OFFICE: RefCell<Service> = RefCell::new(office());
    static INDEX: LookupIndex<'static> = LookupIndex::new(danhgia::data::reference().unwrap());
}

/// The in-memory office the imports go into: the codes and units of the
/// corpus (hr admin; L1 heads S1, S2 and L2; L2 heads S3).
fn office() -> Service {
    let svc = Service::init_in_memory("hr").unwrap();
    let person = |code: &str, kind, manager: Option<&str>, unit: &str| {
        danhgia::domain::Staff::new(
            code,
            &format!("Người {code}"),
            unit,
            kind,
            manager,
            Some(&code.to_lowercase()),
        )
    };
    let staff: Vec<_> = [
        person("L1", StaffKind::Leader, None, "Phòng Nội vụ"),
        person("S1", StaffKind::Staff, Some("L1"), "Phòng Nội vụ"),
        person("S2", StaffKind::Staff, Some("L1"), "Phòng Nội vụ"),
        person("L2", StaffKind::Leader, Some("L1"), "Phòng Tư pháp"),
        person("S3", StaffKind::Staff, Some("L2"), "Phòng Tư pháp"),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, record)| danhgia::domain::records::Numbered { row: i + 2, record })
    .collect();
    svc.import_staff("office.csv", &staff).unwrap();
    svc
}

fn importer(kind: &str, data: &[u8], built_workbook: bool) {
    let dir = SCRATCH.with(Clone::clone);
    let csv = dir.join(format!("{kind}.csv"));
    std::fs::write(&csv, data).unwrap();
    check(kind, &csv);
    let xlsx = dir.join(format!("{kind}.xlsx"));
    std::fs::write(&xlsx, data).unwrap();
    check(kind, &xlsx);
    if let Some(book) = workbook(data).filter(|_| built_workbook) {
        let built = dir.join(format!("{kind}-built.xlsx"));
        std::fs::write(&built, book).unwrap();
        check(kind, &built);
    }
}

/// The bytes as a workbook: lines are rows, commas split cells; a cell that
/// reads as a number is written as one.
fn workbook(data: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(data);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in text.split('\n').enumerate().take(2_000) {
        for (c, cell) in line.split(',').enumerate().take(50) {
            let (r, c) = (r as u32, c as u16);
            match cell.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => sheet.write_number(r, c, n).ok()?,
                _ => sheet.write_string(r, c, cell).ok()?,
            };
        }
    }
    book.save_to_buffer().ok()
}

/// Reads the file as `kind`; imports what the reader accepts.
fn check(kind: &str, path: &Path) {
    let file = path.display().to_string();
    let kpi = &danhgia::data::reference().unwrap().kpi;
    OFFICE.with(|office| {
        let svc = office.borrow();
        let outcome = match kind {
            "staff" => import::read_staff(path)
                .map(|r| landed(&file, svc.import_staff_records(&file, &r, None))),
            "ratings" => {
                import::read_ratings(path).map(|r| landed(&file, svc.import_ratings(&file, &r)))
            }
            "marks" => import::read_marks(path).map(|r| landed(&file, svc.import_marks(&file, &r))),
            "catalog" => import::read_catalog(path, kpi)
                .map(|r| landed(&file, svc.import_catalog(&file, &r).map(|c| c.summary))),
            "tasks" => {
                import::read_tasks(path, kpi).map(|r| landed(&file, svc.import_tasks(&file, &r)))
            }
            other => panic!("no importer {other}"),
        };
        if let Err(e) = outcome {
            refused(&file, &e);
        }
    });
}

/// A refused file is named on the message's first line, in both languages.
fn refused(file: &str, e: &ImportError) {
    assert_eq!(e.file(), file);
    for lang in [Lang::Vi, Lang::En] {
        let message = e.render(lang);
        let first = message.lines().next().unwrap_or_default();
        assert!(first.contains(file), "{lang:?}: {message}");
    }
}

/// An import lands, or is refused with its rows named; nothing else.
fn landed<T>(file: &str, r: Result<T, ServiceError>) {
    match r {
        Ok(_) => {}
        Err(ServiceError::ImportRefused(problems)) => {
            assert!(!problems.is_empty());
            for lang in [Lang::Vi, Lang::En] {
                let message = import::render_problems(file, &problems, lang);
                assert!(message.contains(file), "{message}");
            }
        }
        Err(e) => panic!("{file}: the import failed with {e:?}, not a refusal of rows"),
    }
}

fn lookup(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let q = Query::parse(&text);
    assert_eq!(q.is_empty(), q.words.is_empty());
    INDEX.with(|index| {
        let hits = index.search(&text);
        if let Some(h) = hits.first() {
            let _ = PositionView::new(index.data(), h.position);
        }
        if q.is_empty() {
            assert_eq!(
                hits.len(),
                index.data().positions.positions.len(),
                "an empty query lists every position"
            );
        }
    });
}
