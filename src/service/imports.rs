//! Bulk writes from files (and the demo), each in one transaction — a file
//! with any bad row writes nothing. Re-importing the same file changes
//! nothing (upsert by key). Ratings and marks are checked whole against the
//! database, then written; staff rows are written as they arrive (on one
//! core, while the other reads and prepares them) and checked whole before
//! the commit, which a problem anywhere prevents.

use super::moves::{Move, record_moves};
use super::{Result, Service, ServiceError};
use crate::domain::checklist::ChecklistState;
use crate::domain::kpi::{CatalogRecord, TaskName};
use crate::domain::records::{
    MarkRecord, MarkTarget, Numbered, Problem, RatingPeriod, RatingRecord, RowProblem, StaffRecord,
};
use crate::domain::{Quarter, Staff, StaffKind};
use crate::store::kpi::{self as kstore, EntryRow};
use crate::store::{self, ChecklistRow, PreparedStaff};
use chrono::NaiveDate;
use serde_json::json;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::mpsc;

/// A person's employment as a refusal shows it, in any language:
/// `10/08/2026 – …`, `… – 31/05/2026`.
fn employed_text(e: crate::domain::Employment) -> String {
    let day = |d: Option<chrono::NaiveDate>| {
        d.map_or_else(|| "…".to_owned(), |d| d.format("%d/%m/%Y").to_string())
    };
    format!("{} – {}", day(e.joined), day(e.left))
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
}

/// Which people lie on a loop of manager links (A manages B manages A),
/// `next[i]` being person `i`'s manager where known. Each person is walked
/// once: the links form chains that end at the top or in a loop.
fn on_manager_cycles(next: &[Option<usize>]) -> Vec<bool> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; next.len()];
    let mut looping = vec![false; next.len()];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..next.len() {
        if state[start] != NEW {
            continue;
        }
        path.clear();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                ON_PATH => {
                    // Back on this walk's own path: from i on, a loop.
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    for &p in &path[from..] {
                        looping[p] = true;
                    }
                    break;
                }
                DONE => break,
                _ => {
                    state[i] = ON_PATH;
                    path.push(i);
                    at = next.get(i).copied().flatten();
                }
            }
        }
        for &p in &path {
            state[p] = DONE;
        }
    }
    looping
}

/// What the checks of a staff file need of each row, kept while the rest
/// of the row is written and let go.
pub(super) struct RowLinks {
    pub(super) row: usize,
    pub(super) code: String,
    pub(super) manager_code: Option<String>,
    pub(super) login: Option<String>,
}

impl RowLinks {
    /// The row's links, moved out of a row that is let go or copied from
    /// one that is borrowed.
    fn of_batch(rows: Cow<'_, [Numbered<StaffRecord>]>, out: &mut Vec<RowLinks>) {
        match rows {
            Cow::Owned(rows) => out.extend(rows.into_iter().map(|r| RowLinks {
                row: r.row,
                code: r.record.staff.code,
                manager_code: r.record.staff.manager_code,
                login: r.record.staff.login,
            })),
            Cow::Borrowed(rows) => out.extend(rows.iter().map(|r| RowLinks {
                row: r.row,
                code: r.record.staff.code.clone(),
                manager_code: r.record.staff.manager_code.clone(),
                login: r.record.staff.login.clone(),
            })),
        }
    }
}

/// What the database must say of a staff file (the file alone was checked
/// by its parser): every manager exists, in the file or the database; no
/// manager chain loops; no login belongs to two people. In row order.
fn staff_problems(
    records: &[RowLinks],
    existing: &HashMap<String, store::StaffLinks>,
) -> Vec<RowProblem> {
    let mut problems = Vec::new();
    // Everyone after the import, numbered: the file's people (a code
    // twice: its last row), then the database's others; with each one's
    // manager, so that the loop check walks numbers, not names.
    let mut node: HashMap<&str, usize> = HashMap::with_capacity(records.len() + existing.len());
    let mut managers: Vec<Option<&str>> = Vec::with_capacity(records.len() + existing.len());
    for r in records {
        let m = r.manager_code.as_deref();
        match node.get(r.code.as_str()) {
            Some(&i) => managers[i] = m,
            None => {
                node.insert(&r.code, managers.len());
                managers.push(m);
            }
        }
    }
    let in_file = managers.len();
    for (code, l) in existing {
        if !node.contains_key(code.as_str()) {
            node.insert(code, managers.len());
            managers.push(l.manager_code.as_deref());
        }
    }
    let known = |c: &str| node.contains_key(c);
    let next: Vec<Option<usize>> = managers
        .iter()
        .map(|m| m.and_then(|m| node.get(m).copied()))
        .collect();
    let looping = on_manager_cycles(&next);
    let mut login_owner: HashMap<&str, &str> = HashMap::new();
    for (code, l) in existing {
        if let Some(l) = &l.login
            && node.get(code.as_str()).is_some_and(|&i| i >= in_file)
        {
            login_owner.insert(l, code);
        }
    }
    for s in records {
        if let Some(m) = &s.manager_code {
            if m == &s.code {
                problems.push(problem(s.row, "manager_code", m, Problem::ManagerCycle));
            } else if !known(m) {
                problems.push(problem(s.row, "manager_code", m, Problem::UnknownManager));
            } else if node.get(s.code.as_str()).is_some_and(|&i| looping[i]) {
                // Up the chain from here comes back here.
                problems.push(problem(s.row, "manager_code", m, Problem::ManagerCycle));
            }
        }
        if let Some(l) = &s.login {
            match login_owner.get(l.as_str()) {
                Some(by) if *by != s.code => problems.push(problem(
                    s.row,
                    "login",
                    l,
                    Problem::LoginTaken {
                        by: (*by).to_owned(),
                    },
                )),
                _ => {
                    login_owner.insert(l, &s.code);
                }
            }
        }
    }
    problems.sort_by_key(|p| p.row);
    problems
}

/// A staff row's text over its limits (`domain::limits`), one problem per
/// field, the value shown cut.
fn staff_length_problems(row: usize, s: &crate::domain::Staff, out: &mut Vec<RowProblem>) {
    use crate::domain::limits::TextField;
    let fields = [
        ("code", TextField::Code, Some(s.code.as_str())),
        ("full_name", TextField::Name, Some(s.full_name.as_str())),
        ("title", TextField::Title, Some(s.title.as_str())),
        ("unit", TextField::Unit, Some(s.unit.as_str())),
        ("manager_code", TextField::Code, s.manager_code.as_deref()),
        ("login", TextField::Code, s.login.as_deref()),
        ("position_code", TextField::Code, s.position_code.as_deref()),
        ("grade", TextField::Code, s.grade.as_deref()),
    ];
    for (column, field, value) in fields {
        let Some(value) = value else { continue };
        if let Err(e) = field.check(value) {
            let shown: String = value.chars().take(60).collect();
            out.push(problem(
                row,
                column,
                &format!("{shown}…"),
                Problem::TooLong { max: e.max },
            ));
        }
    }
}

fn problem(row: usize, column: &str, value: &str, problem: Problem) -> RowProblem {
    RowProblem {
        row,
        column: column.to_owned(),
        value: value.to_owned(),
        problem,
    }
}

/// Staff rows handed to [`Service::import_staff_batches`] as a reader
/// produces them.
#[derive(Debug, Clone)]
pub enum StaffBatch<'a> {
    Rows(Cow<'a, [Numbered<StaffRecord>]>),
    /// The file was read to its end without a problem: the import may be
    /// committed. Without it nothing is.
    End,
}

/// Rows numbered and made ready to write, handed from the preparing
/// thread to the writing one.
enum Prepared<'a> {
    Rows(Cow<'a, [Numbered<StaffRecord>]>, Vec<PreparedStaff>),
    End,
}

/// Batches made ready ahead of the writer.
const PREPARED_AHEAD: usize = 4;

impl Service {
    /// Whether the actor may import at all (admins only). Front ends ask
    /// before they open the file: a file this account can read but may not
    /// import — or that only the program's group could read — is never read.
    pub fn may_import(&self) -> Result<()> {
        self.require_admin()
    }

    /// Imports staff (admin only): upsert by code. Checks that every manager
    /// exists (in the file or the database), that no manager chain loops and
    /// that no login belongs to two people. A change of place takes effect
    /// on the day of the import (see [`Service::import_staff_batches_on`]).
    pub fn import_staff(&self, file: &str, records: &[Numbered<Staff>]) -> Result<ImportSummary> {
        let records: Vec<Numbered<StaffRecord>> = records
            .iter()
            .map(|r| Numbered {
                row: r.row,
                record: r.record.clone().into(),
            })
            .collect();
        self.import_staff_records(file, &records, None)
    }

    /// Imports the records of a staff file, as read; a change of place
    /// without its own date takes effect on `effective`, else on the day of
    /// the import.
    pub fn import_staff_records(
        &self,
        file: &str,
        records: &[Numbered<StaffRecord>],
        effective: Option<NaiveDate>,
    ) -> Result<ImportSummary> {
        self.import_staff_batches_on(
            file,
            effective,
            [StaffBatch::Rows(Cow::Borrowed(records)), StaffBatch::End],
        )
    }

    /// [`Service::import_staff`] with the rows arriving in batches, so that
    /// they are written while the rest of the file is still being read (on
    /// the other core: see `import::import_staff_file`). The checks that need
    /// every row run after the last one, before the commit; a file refused
    /// then, or whose batches stop without [`StaffBatch::End`], writes
    /// nothing.
    pub fn import_staff_batches<'a, I>(&self, file: &str, batches: I) -> Result<ImportSummary>
    where
        I: IntoIterator<Item = StaffBatch<'a>>,
        I::IntoIter: Send,
    {
        self.import_staff_batches_on(file, None, batches)
    }

    /// [`Service::import_staff_batches`], a change of place (manager, unit,
    /// kind, title: domain::history) without a date of its own taking effect
    /// on `effective` (`--effective`), else on the day of the import. A
    /// changed place is recorded in the staff record's history at its date;
    /// an unchanged one writes nothing. Refused, naming the row: a change
    /// dated before the person joined, before their last recorded change,
    /// or on or before the end of a closed round's quarter; manager links
    /// that would loop on any date.
    pub fn import_staff_batches_on<'a, I>(
        &self,
        file: &str,
        effective: Option<NaiveDate>,
        batches: I,
    ) -> Result<ImportSummary>
    where
        I: IntoIterator<Item = StaffBatch<'a>>,
        I::IntoIter: Send,
    {
        self.require_admin()?;
        self.store
            .write_bulk(|tx| self.import_staff_in(tx, file, effective, batches))
    }

    fn import_staff_in<'a, I>(
        &self,
        tx: &rusqlite::Connection,
        file: &str,
        effective: Option<NaiveDate>,
        batches: I,
    ) -> Result<ImportSummary>
    where
        I: IntoIterator<Item = StaffBatch<'a>>,
        I::IntoIter: Send,
    {
        let existing = store::staff_links(tx)?;
        let first_new_id = store::next_staff_id(tx)?;
        let mut writer = store::StaffWriter::bulk(tx, existing.len())?;
        let (to_writer, prepared) = mpsc::sync_channel::<Prepared<'a>>(PREPARED_AHEAD);
        std::thread::scope(|scope| {
            // This thread only writes. The other core numbers the rows (an
            // existing person's id, or the next one free: what SQLite would
            // give) and works out what each stores and its seal.
            let existing = &existing;
            let batches = batches.into_iter();
            scope.spawn(move || {
                let mut next_id = first_new_id;
                for batch in batches {
                    let message = match batch {
                        StaffBatch::End => Prepared::End,
                        StaffBatch::Rows(rows) => {
                            let ready = rows
                                .iter()
                                .map(|r| match existing.get(&r.record.staff.code) {
                                    Some(l) => PreparedStaff::new(l.id, true, &r.record.staff),
                                    None => {
                                        next_id += 1;
                                        PreparedStaff::new(next_id - 1, false, &r.record.staff)
                                    }
                                })
                                .collect();
                            Prepared::Rows(rows, ready)
                        }
                    };
                    let end = matches!(message, Prepared::End);
                    if to_writer.send(message).is_err() || end {
                        break;
                    }
                }
            });
            let mut summary = ImportSummary::default();
            let mut links: Vec<RowLinks> = Vec::new();
            // A write the database refuses (a login still held by someone
            // the file changes later, say) stops the writing; the file's own
            // problems, found once every row is in, are what the person sees.
            let mut refused: Option<ServiceError> = None;
            let mut too_long: Vec<RowProblem> = Vec::new();
            let mut moves: Vec<Move> = Vec::new();
            let mut ended = false;
            for message in prepared {
                let (rows, ready) = match message {
                    Prepared::Rows(rows, ready) => (rows, ready),
                    Prepared::End => {
                        ended = true;
                        break;
                    }
                };
                if refused.is_none() {
                    let pairs: Vec<_> = rows.iter().map(|r| &r.record.staff).zip(&ready).collect();
                    match writer.write_prepared_all(&pairs) {
                        Ok(()) => {
                            let updated = ready.iter().filter(|p| p.is_update()).count();
                            summary.updated += updated;
                            summary.inserted += ready.len() - updated;
                        }
                        Err(e) => refused = Some(e.into()),
                    }
                }
                summary.rows += rows.len();
                for r in rows.iter() {
                    staff_length_problems(r.row, &r.record.staff, &mut too_long);
                    if let Some(l) = existing.get(&r.record.staff.code)
                        && !l.same_place(&r.record.staff)
                    {
                        moves.push(Move::of(r, l));
                    }
                }
                RowLinks::of_batch(rows, &mut links);
            }
            if !ended {
                return Err(ServiceError::ImportUnfinished);
            }

            // The checks read only memory: they run on the other core while
            // this one ends the writing (a refused file is rolled back).
            let (problems, finished) = std::thread::scope(|end| {
                let checks = end.spawn(|| staff_problems(&links, existing));
                let finished = match refused {
                    None => writer.finish(),
                    Some(_) => Ok(()),
                };
                match checks.join() {
                    Ok(problems) => (problems, finished),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            });
            if !problems.is_empty() || !too_long.is_empty() {
                let mut problems = problems;
                problems.append(&mut too_long);
                problems.sort_by_key(|p| p.row);
                return Err(ServiceError::ImportRefused(problems));
            }
            if let Some(e) = refused {
                return Err(e);
            }
            finished?;
            if !moves.is_empty() {
                let today = chrono::Local::now().date_naive();
                let problems = record_moves(tx, &moves, effective, today, &links, existing)?;
                if !problems.is_empty() {
                    return Err(ServiceError::ImportRefused(problems));
                }
            }
            self.audit_import(tx, "staff", file, summary)?;
            Ok(summary)
        })
    }

    fn audit_import(
        &self,
        tx: &rusqlite::Connection,
        kind: &str,
        file: &str,
        s: ImportSummary,
    ) -> Result<()> {
        let after =
            json!({ "file": file, "rows": s.rows, "inserted": s.inserted, "updated": s.updated })
                .to_string();
        self.audit(tx, "import", &format!("import:{kind}"), None, Some(&after))
    }

    /// Imports monthly and yearly ratings, and months on leave (admin only):
    /// upsert by code, year and month. A month of a closed round, or the
    /// yearly rating of a year whose fourth quarter is closed, is refused;
    /// so is a rating or a leave for a month (or year) the person was
    /// employed on no day of.
    pub fn import_ratings(
        &self,
        file: &str,
        records: &[Numbered<RatingRecord>],
    ) -> Result<ImportSummary> {
        self.require_admin()?;
        self.store.write(|tx| {
            let ids = store::staff_employment(tx)?;
            let mut closed: HashMap<Quarter, bool> = HashMap::new();
            let mut problems = Vec::new();
            // The cell as written: the month, or empty for the year.
            let month_cell = |p: RatingPeriod| match p {
                RatingPeriod::Month(m) => m.month.to_string(),
                RatingPeriod::Year(_) => String::new(),
            };
            for r in records {
                let rec = &r.record;
                match ids.get(&rec.code) {
                    None => problems.push(problem(r.row, "code", &rec.code, Problem::UnknownStaff)),
                    Some((_, e)) if !rec.period.employed_in(*e) => {
                        // The cell that says when: the month, or the year.
                        let (column, value) = match rec.period {
                            RatingPeriod::Month(m) => ("month", m.month.to_string()),
                            RatingPeriod::Year(y) => ("year", y.to_string()),
                        };
                        problems.push(problem(
                            r.row,
                            column,
                            &value,
                            Problem::NotEmployed {
                                employed: employed_text(*e),
                            },
                        ));
                    }
                    Some(_) => {}
                }
                let q = match rec.period {
                    RatingPeriod::Month(m) => Quarter::of_month(m),
                    RatingPeriod::Year(y) => Quarter { year: y, q: 4 },
                };
                let is_closed = match closed.get(&q) {
                    Some(c) => *c,
                    None => {
                        let c = store::round_closed(tx, q)?;
                        closed.insert(q, c);
                        c
                    }
                };
                if is_closed {
                    problems.push(problem(
                        r.row,
                        "month",
                        &month_cell(rec.period),
                        Problem::RoundClosed {
                            quarter: q.to_string(),
                        },
                    ));
                }
            }
            if !problems.is_empty() {
                return Err(ServiceError::ImportRefused(problems));
            }
            let mut summary = ImportSummary {
                rows: records.len(),
                ..Default::default()
            };
            for r in records {
                let rec = &r.record;
                let id = ids[&rec.code].0;
                let (year, month) = match rec.period {
                    RatingPeriod::Month(m) => (m.year, m.month),
                    RatingPeriod::Year(y) => (y, 0),
                };
                if store::rating_of(tx, id, year, month)?.is_some() {
                    summary.updated += 1;
                } else {
                    summary.inserted += 1;
                }
                store::upsert_rating(tx, id, year, month, &rec.entry)?;
            }
            self.audit_import(tx, "ratings", file, summary)?;
            Ok(summary)
        })
    }

    /// Imports checklist marks typed from paper forms (admin only). Each row
    /// states both marks of its items (empty = unset), rows apply in file
    /// order, so `all` followed by single items sets a form and its
    /// exceptions. A row with a review mark but no self mark is refused (the
    /// self-assessment comes first, 003 Bước 3). The marks set the state:
    /// every item self-marked and reviewed → approved (the paper form carries
    /// the authority's signature); every item self-marked → submitted;
    /// otherwise draft.
    pub fn import_marks(
        &self,
        file: &str,
        records: &[Numbered<MarkRecord>],
    ) -> Result<ImportSummary> {
        self.require_admin()?;
        self.store.write(|tx| {
            let mut people: HashMap<&str, Option<store::StaffRow>> = HashMap::new();
            let mut closed: HashMap<Quarter, bool> = HashMap::new();
            let mut problems = Vec::new();
            for r in records {
                let rec = &r.record;
                let s = match people.get(rec.code.as_str()) {
                    Some(s) => s.clone(),
                    None => {
                        let s = store::staff_by_code(tx, &rec.code)?;
                        people.insert(&rec.code, s.clone());
                        s
                    }
                };
                let Some(s) = s else {
                    problems.push(problem(r.row, "code", &rec.code, Problem::UnknownStaff));
                    continue;
                };
                if rec.review.is_some() && rec.self_mark.is_none() {
                    problems.push(problem(r.row, "self", "", Problem::ReviewWithoutSelf));
                }
                if let MarkTarget::Item(item) = &rec.target
                    && !self.forms.ids(s.staff.kind).contains(&item.as_str())
                {
                    let form = self.data.criteria.form(s.staff.kind).id.clone();
                    problems.push(problem(r.row, "item", item, Problem::UnknownItem { form }));
                }
                let c = match closed.get(&rec.quarter) {
                    Some(c) => *c,
                    None => {
                        let c = store::round_closed(tx, rec.quarter)?;
                        closed.insert(rec.quarter, c);
                        c
                    }
                };
                if c {
                    let q = rec.quarter.to_string();
                    problems.push(problem(
                        r.row,
                        "quarter",
                        &q,
                        Problem::RoundClosed { quarter: q.clone() },
                    ));
                }
            }
            if !problems.is_empty() {
                return Err(ServiceError::ImportRefused(problems));
            }
            let mut rows: HashMap<(i64, Quarter), (ChecklistRow, StaffKind)> = HashMap::new();
            let mut summary = ImportSummary {
                rows: records.len(),
                ..Default::default()
            };
            let at = super::now();
            for r in records {
                let rec = &r.record;
                let Some(Some(s)) = people.get(rec.code.as_str()) else {
                    continue;
                };
                let key = (s.id, rec.quarter);
                if let std::collections::hash_map::Entry::Vacant(e) = rows.entry(key) {
                    let n = self.data.criteria.form(s.staff.kind).item_count();
                    let row = match store::checklist(tx, s.id, rec.quarter)? {
                        Some(c) => {
                            summary.updated += 1;
                            c
                        }
                        None => {
                            summary.inserted += 1;
                            ChecklistRow::empty(s.id, rec.quarter, n)
                        }
                    };
                    e.insert((row, s.staff.kind));
                }
                let Some((row, kind)) = rows.get_mut(&key) else {
                    continue;
                };
                let ids = self.forms.ids(*kind);
                row.self_marks.resize(ids.len(), None);
                row.review_marks.resize(ids.len(), None);
                let targets: Vec<usize> = match &rec.target {
                    MarkTarget::All => (0..ids.len()).collect(),
                    MarkTarget::Item(item) => {
                        ids.iter().position(|i| i == item).into_iter().collect()
                    }
                };
                // Empty means unset: a row states both marks of its items.
                for i in targets {
                    row.self_marks[i] = rec.self_mark;
                    row.review_marks[i] = rec.review;
                }
            }
            for (row, _) in rows.values_mut() {
                let all_self = row.self_marks.iter().all(Option::is_some);
                let all_review = row.review_marks.iter().all(Option::is_some);
                row.state = match (all_self, all_review) {
                    (true, true) => ChecklistState::Approved,
                    (true, false) => ChecklistState::Submitted,
                    (false, _) => ChecklistState::Draft,
                };
                row.updated_at = at.clone();
                row.updated_by = self.actor.login.clone();
                // Inside this immediate transaction nobody else can write, so
                // the version check cannot fail.
                store::put_checklist(tx, row)?;
            }
            self.audit_import(tx, "marks", file, summary)?;
            Ok(summary)
        })
    }
}

impl Service {
    /// Fills an empty database with the demo district (admin only, one
    /// transaction): staff, ratings, checklists, notes, commitments, the
    /// KPI catalogs and task log, and the report settings; the reviewer role
    /// goes to everyone who manages someone, and the demo's HR officer
    /// (login `hr`) becomes an admin. A log entry whose task is in no
    /// catalog of its person's unit refuses the whole demo.
    pub fn load_demo(&self, d: &crate::demo::DemoData) -> Result<ImportSummary> {
        self.require_admin()?;
        self.store.write(|tx| {
            let at = super::now();
            store::set_setting(
                tx,
                super::SETTING_GOVERNING_BODY,
                &d.settings.governing_body,
            )?;
            store::set_setting(tx, super::SETTING_UNIT_NAME, &d.settings.unit_name)?;
            store::set_setting(tx, super::SETTING_PLACE, &d.settings.place)?;
            let mut ids: HashMap<&str, (i64, StaffKind)> = HashMap::with_capacity(d.staff.len());
            for s in &d.staff {
                ids.insert(&s.code, (store::upsert_staff(tx, s)?, s.kind));
            }
            let managers: HashSet<&str> = d
                .staff
                .iter()
                .filter_map(|s| s.manager_code.as_deref())
                .collect();
            for s in d
                .staff
                .iter()
                .filter(|s| managers.contains(s.code.as_str()))
            {
                if let Some(l) = &s.login {
                    store::grant_role(tx, l, "reviewer", &self.actor.login, &at)?;
                }
            }
            store::grant_role(tx, "hr", "admin", &self.actor.login, &at)?;
            for r in &d.ratings {
                let Some((id, _)) = ids.get(r.code.as_str()) else {
                    continue;
                };
                let (year, month) = match r.period {
                    RatingPeriod::Month(m) => (m.year, m.month),
                    RatingPeriod::Year(y) => (y, 0),
                };
                store::upsert_rating(tx, *id, year, month, &r.entry)?;
            }
            let mut rows: HashMap<(i64, Quarter), ChecklistRow> = HashMap::new();
            for c in &d.checklists {
                let Some((id, kind)) = ids.get(c.code.as_str()) else {
                    continue;
                };
                let mut row = ChecklistRow::empty(*id, c.quarter, self.forms.ids(*kind).len());
                row.state = c.state;
                row.outstanding = c.outstanding;
                row.achievement = c.achievement.clone();
                row.return_note = c.return_note.clone();
                row.updated_at = at.clone();
                row.updated_by = self.actor.login.clone();
                rows.insert((*id, c.quarter), row);
            }
            for m in &d.marks {
                let Some((id, kind)) = ids.get(m.code.as_str()) else {
                    continue;
                };
                let n = self.forms.ids(*kind).len();
                let row = rows.entry((*id, m.quarter)).or_insert_with(|| {
                    let mut r = ChecklistRow::empty(*id, m.quarter, n);
                    r.updated_at = at.clone();
                    r.updated_by = self.actor.login.clone();
                    r
                });
                let targets: Vec<usize> = match &m.target {
                    MarkTarget::All => (0..n).collect(),
                    MarkTarget::Item(item) => self
                        .forms
                        .ids(*kind)
                        .iter()
                        .position(|i| i == item)
                        .into_iter()
                        .collect(),
                };
                for i in targets {
                    row.self_marks[i] = m.self_mark;
                    row.review_marks[i] = m.review;
                }
            }
            for row in rows.values() {
                store::put_checklist(tx, row)?;
            }
            for n in &d.notes {
                if let Some((id, _)) = ids.get(n.code.as_str()) {
                    store::set_note(tx, *id, n.quarter, &n.item, &n.note)?;
                }
            }
            for c in &d.commitments {
                if let Some((id, _)) = ids.get(c.code.as_str()) {
                    store::upsert_commitment(tx, *id, c)?;
                }
            }
            // KPI: the catalogs, then the log resolved against them as the
            // tasks file is (a catalog task by its name and step in the
            // person's unit; an ad-hoc one by its own complexity and bucket),
            // its task copied into each entry.
            let mut catalog: HashMap<(&str, &str, u32), (i64, &CatalogRecord)> =
                HashMap::with_capacity(d.catalog.len());
            for c in &d.catalog {
                let id = kstore::upsert_catalog(tx, c, &at)?;
                catalog.insert((&c.unit, &c.task, c.step), (id, c));
            }
            let units: HashMap<&str, &str> = d
                .staff
                .iter()
                .map(|s| (s.code.as_str(), s.unit.as_str()))
                .collect();
            let mut unresolved: Option<String> = None;
            let known = d
                .tasks
                .iter()
                .filter_map(|t| ids.get(t.code.as_str()).map(|(id, _)| (*id, t)));
            let rows = known.map_while(|(staff_id, t)| {
                let row = |catalog_id, task, step, complexity, bucket| EntryRow {
                    staff_id,
                    date: t.date,
                    catalog_id,
                    task,
                    step,
                    complexity,
                    bucket,
                    quantity: t.quantity,
                    product_ref: &t.product_ref,
                    state: t.state,
                    updated_at: &at,
                    updated_by: &self.actor.login,
                };
                let unit = units.get(t.code.as_str()).copied().unwrap_or_default();
                let found = match &t.task {
                    TaskName::Name(name) => catalog
                        .get(&(unit, name.as_str(), t.step.unwrap_or(1)))
                        .map(|(id, c)| {
                            row(Some(*id), &c.task, Some(c.step), c.complexity, c.bucket)
                        })
                        .or_else(|| match (t.complexity, t.bucket) {
                            (Some(c), Some(b)) => Some(row(None, name, None, c, b)),
                            _ => None,
                        }),
                    TaskName::Id(_) => None,
                };
                if found.is_none() {
                    unresolved = Some(format!(
                        "demo task {:?} of {} is not in the catalog of «{unit}»",
                        t.task, t.code
                    ));
                }
                found
            });
            kstore::insert_entries(tx, rows)?;
            if let Some(e) = unresolved {
                return Err(ServiceError::Invalid(e));
            }
            let summary = ImportSummary {
                rows: d.staff.len(),
                inserted: d.staff.len(),
                updated: 0,
            };
            self.audit_import(tx, "demo", "demo", summary)?;
            Ok(summary)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::on_manager_cycles;
    use std::collections::HashMap;

    fn looping(links: &[(&'static str, &'static str)]) -> Vec<&'static str> {
        let mut codes: Vec<&str> = links.iter().flat_map(|(a, b)| [*a, *b]).collect();
        codes.sort();
        codes.dedup();
        let at = |c: &str| codes.iter().position(|x| *x == c);
        let managers: HashMap<&str, &str> = links.iter().copied().collect();
        let next: Vec<Option<usize>> = codes
            .iter()
            .map(|c| managers.get(c).and_then(|m| at(m)))
            .collect();
        let on = on_manager_cycles(&next);
        codes
            .iter()
            .zip(on)
            .filter_map(|(c, l)| l.then_some(*c))
            .collect()
    }

    #[test]
    fn only_the_codes_on_a_loop_of_managers_are_looping() {
        // A tree: no loop.
        assert!(looping(&[("B", "A"), ("C", "A"), ("D", "C")]).is_empty());
        // C → D → E → C is a loop; A and B only lead into it.
        assert_eq!(
            looping(&[("A", "B"), ("B", "C"), ("C", "D"), ("D", "E"), ("E", "C")]),
            ["C", "D", "E"]
        );
        // Walks that meet a finished walk stop there.
        assert_eq!(looping(&[("X", "Y"), ("Y", "X"), ("Z", "X")]), ["X", "Y"]);
        assert_eq!(looping(&[("S", "S")]), ["S"]);
    }
}
