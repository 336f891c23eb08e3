//! A staff file read on one core while the other writes it: `danhgia
//! import staff` of 100,000 people within twice the time of `sqlite3
//! .import` (SPEC section 9) needs both, since reading and checking the
//! file costs about half of what writing it does.
//!
//! The reader parses rows as it reads them and hands the good ones over in
//! batches, until the first bad row: from then on it only reads on, to
//! report every bad row. The service writes what it is handed and commits
//! only on [`StaffBatch::End`], which the reader sends when the whole file
//! was good; a file refused after some rows were written leaves nothing.

use super::ImportError;
use super::parse::StaffParser;
use super::table::{RowSink, Table, read_rows};
use crate::domain::records::{Numbered, RowProblem, StaffRecord};
use crate::service::{ImportSummary, Service, ServiceError, StaffBatch};
use std::borrow::Cow;
use std::path::Path;
use std::sync::mpsc;

/// Rows per batch handed over: large enough that handing over costs
/// nothing. The first batches are smaller, so that the writer starts at
/// once: 64 rows, then twice as many each time up to this.
pub const BATCH_ROWS: usize = 1024;
const FIRST_BATCH_ROWS: usize = 64;

/// Batches waiting for the writer before the reader waits: a bound on
/// memory if writing is the slower half.
const BATCHES_AHEAD: usize = 16;

/// Why a staff file was not imported.
#[derive(Debug)]
pub enum StaffImportError {
    /// The file: unreadable, or rows with problems (every one of them).
    File(ImportError),
    /// The service: the database's checks, rights, storage.
    Service(ServiceError),
}

/// Reads and checks `path` as a staff file, handing its records to `send`
/// in batches of up to [`BATCH_ROWS`] while every row so far is good (`send`
/// returns false to stop taking them). `Ok` means the whole file was good
/// and every record was handed over.
pub fn stream_staff(
    path: &Path,
    send: &mut dyn FnMut(Vec<Numbered<StaffRecord>>) -> bool,
) -> Result<(), ImportError> {
    let mut sink = StaffSink {
        parser: None,
        batch: Vec::with_capacity(FIRST_BATCH_ROWS),
        batch_rows: FIRST_BATCH_ROWS,
        send,
        taking: true,
    };
    read_rows(path, &mut sink)?;
    let file = path.display().to_string();
    let rows = |problems| ImportError::Rows {
        file: file.clone(),
        problems,
    };
    match sink.parser {
        // read_rows refuses a file without a header.
        None => Ok(()),
        Some(Err(problems)) => Err(rows(problems)),
        Some(Ok(parser)) => {
            parser.finish().map_err(rows)?;
            if !sink.batch.is_empty() && sink.taking {
                (sink.send)(std::mem::take(&mut sink.batch));
            }
            Ok(())
        }
    }
}

struct StaffSink<'s> {
    /// From the header on; the header's problems if it lacks a column.
    parser: Option<Result<StaffParser, Vec<RowProblem>>>,
    batch: Vec<Numbered<StaffRecord>>,
    /// The size of the batch being filled.
    batch_rows: usize,
    send: &'s mut dyn FnMut(Vec<Numbered<StaffRecord>>) -> bool,
    /// Whether the receiver still takes batches.
    taking: bool,
}

impl RowSink for StaffSink<'_> {
    fn header(&mut self, header: &Table) {
        self.parser = Some(StaffParser::new(header));
    }

    fn row(&mut self, row: usize, mut cells: Vec<String>) {
        let Some(Ok(parser)) = &mut self.parser else {
            return;
        };
        let record = parser.row(row, &mut cells);
        if parser.has_problems() {
            // Nothing of this file will be written: keep only reading.
            self.batch = Vec::new();
            return;
        }
        self.batch.extend(record);
        if self.batch.len() == self.batch_rows && self.taking {
            self.batch_rows = (self.batch_rows * 2).min(BATCH_ROWS);
            let full = std::mem::replace(&mut self.batch, Vec::with_capacity(self.batch_rows));
            self.taking = (self.send)(full);
        }
    }
}

/// `danhgia import staff FILE`: reads and checks the file on a second
/// thread while `svc` writes its rows, all in one transaction. The caller's
/// rights are checked before the file is opened; then the file's problems
/// come first; nothing is written unless the file and the database's checks
/// are both clean.
pub fn import_staff_file(svc: &Service, path: &Path) -> Result<ImportSummary, StaffImportError> {
    import_staff_file_on(svc, path, None)
}

/// [`import_staff_file`], a change of place without its own date (the
/// `effective` column) taking effect on `effective` (`--effective`), else
/// on the day of the import.
pub fn import_staff_file_on(
    svc: &Service,
    path: &Path,
    effective: Option<chrono::NaiveDate>,
) -> Result<ImportSummary, StaffImportError> {
    svc.may_import().map_err(StaffImportError::Service)?;
    let file = path.display().to_string();
    let (tx, rx) = mpsc::sync_channel::<StaffBatch<'static>>(BATCHES_AHEAD);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let read = stream_staff(path, &mut |rows| {
                tx.send(StaffBatch::Rows(Cow::Owned(rows))).is_ok()
            });
            if read.is_ok() {
                // The writer may have stopped already; then it has its reason.
                let _ = tx.send(StaffBatch::End);
            }
            read
        });
        // The receiver goes with the call: a writer that stops early lets
        // the reader's next hand-over fail, and it reads on only to report.
        let written = svc.import_staff_batches_on(&file, effective, rx);
        let read = match reader.join() {
            Ok(read) => read,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        read.map_err(StaffImportError::File)?;
        written.map_err(StaffImportError::Service)
    })
}
