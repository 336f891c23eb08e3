//! KPI (SPEC section 4): the catalog of standard tasks, the task log and the
//! quarter summary, with their rights:
//! - a staff member logs, edits and deletes their own entries while they are
//!   unconfirmed;
//! - the direct manager holding the reviewer role confirms (and unconfirms)
//!   their subordinates' done entries;
//! - an admin does everything (an admin's edit of a confirmed entry drops the
//!   confirmation, which attested the old content), and alone imports;
//! - a closed round refuses every change to the entries dated in its quarter.
//!
//! Every change is one transaction with its audit row; an entry carries a
//! version, and a change names the version it read, so that a stale change is
//! refused as a conflict instead of overwriting someone else's.

use super::{Denied, ImportSummary, Result, Service, ServiceError, now};
use crate::domain::Quarter;
use crate::domain::kpi::{
    CatalogItem, CatalogRecord, ComplexityGroup, EntryState, KpiEntry, KpiSettings, QuarterSummary,
    SummaryTotals, TaskChoice, TaskInput, TaskName, TaskRecord, TimeBucket,
};
use crate::domain::records::{Numbered, Problem, RowProblem};
use crate::store::kpi::{self as kstore, EntryRow, SummaryScope};
use crate::store::{self, StaffRow};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;
use std::collections::{BTreeSet, HashMap};

/// The most a single entry may count.
pub const MAX_QUANTITY: u32 = 100_000;

/// What a catalog import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogImport {
    pub summary: ImportSummary,
    /// Units of the file that no staff member belongs to yet (a typo, or a
    /// catalog imported before the staff list): imported all the same.
    pub units_without_staff: Vec<String>,
}

/// A person's task log of a quarter, as the KPI pane shows it.
#[derive(Debug, Clone)]
pub struct KpiLog {
    pub staff: StaffRow,
    pub quarter: Quarter,
    /// By date, then as logged.
    pub entries: Vec<KpiEntry>,
    pub summary: QuarterSummary,
    /// The quarter's round is closed: nothing may change.
    pub closed: bool,
    /// The actor may add entries here, and edit or delete unconfirmed ones
    /// (admins: any).
    pub can_log: bool,
    /// The actor may confirm and unconfirm entries here.
    pub can_confirm: bool,
}

/// One person's line of `danhgia kpi`.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiSummaryRow {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub summary: QuarterSummary,
}

fn problem(row: usize, column: &str, value: &str, problem: Problem) -> RowProblem {
    RowProblem {
        row,
        column: column.to_owned(),
        value: value.to_owned(),
        problem,
    }
}

/// A task input's text within its limit (`domain::limits`).
fn kpi_text_limits(input: &TaskInput) -> Result<()> {
    use crate::domain::limits::TextField;
    TextField::KpiText.check(&clean(&input.product_ref))?;
    if let TaskChoice::AdHoc { name, .. } = &input.task {
        TextField::KpiText.check(&clean(name))?;
    }
    Ok(())
}

/// Typed text as stored: NFC, runs of white space as one space.
fn clean(s: &str) -> String {
    crate::text::nfc(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn snapshot(e: &KpiEntry) -> String {
    serde_json::to_string(e).unwrap_or_default()
}

fn invalid(message: impl Into<String>) -> ServiceError {
    ServiceError::Invalid(message.into())
}

/// The task an entry will record, resolved against the catalog.
#[derive(Debug, Clone, PartialEq)]
enum Resolved {
    Catalog(CatalogItem),
    AdHoc {
        name: String,
        complexity: ComplexityGroup,
        bucket: TimeBucket,
    },
}

impl Resolved {
    fn catalog_id(&self) -> Option<i64> {
        match self {
            Resolved::Catalog(c) => Some(c.id),
            Resolved::AdHoc { .. } => None,
        }
    }

    fn name(&self) -> &str {
        match self {
            Resolved::Catalog(c) => &c.entry.task,
            Resolved::AdHoc { name, .. } => name,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row<'a>(
        &'a self,
        staff_id: i64,
        date: NaiveDate,
        quantity: u32,
        product_ref: &'a str,
        state: EntryState,
        at: &'a str,
        by: &'a str,
    ) -> EntryRow<'a> {
        let (step, complexity, bucket) = match self {
            Resolved::Catalog(c) => (Some(c.entry.step), c.entry.complexity, c.entry.bucket),
            Resolved::AdHoc {
                complexity, bucket, ..
            } => (None, *complexity, *bucket),
        };
        EntryRow {
            staff_id,
            date,
            catalog_id: self.catalog_id(),
            task: self.name(),
            step,
            complexity,
            bucket,
            quantity,
            product_ref,
            state,
            updated_at: at,
            updated_by: by,
        }
    }
}

/// Does the stored entry already say what `row` says?
fn same_content(e: &KpiEntry, row: &EntryRow) -> bool {
    e.date == row.date
        && e.catalog_id == row.catalog_id
        && e.task == row.task
        && e.step == row.step
        && e.complexity == row.complexity
        && e.bucket == row.bucket
        && e.quantity == row.quantity
        && e.product_ref == row.product_ref
        && e.state == row.state
}

impl Service {
    // ---- the catalog ----

    /// Imports a catalog (admin only), upserting by unit, area, task and
    /// step: ids stay stable and a re-import changes nothing. Rows are never
    /// deleted (log entries refer to them).
    pub fn import_catalog(
        &self,
        file: &str,
        records: &[Numbered<CatalogRecord>],
    ) -> Result<CatalogImport> {
        self.require_admin()?;
        self.store.write(|tx| {
            let known: BTreeSet<String> = store::units(tx)?.into_iter().collect();
            let at = now();
            let mut out = CatalogImport {
                summary: ImportSummary {
                    rows: records.len(),
                    ..Default::default()
                },
                units_without_staff: Vec::new(),
            };
            let mut strangers = BTreeSet::new();
            for r in records {
                let e = &r.record;
                if kstore::catalog_id(tx, e)?.is_some() {
                    out.summary.updated += 1;
                } else {
                    out.summary.inserted += 1;
                }
                kstore::upsert_catalog(tx, e, &at)?;
                if !known.contains(&e.unit) {
                    strangers.insert(e.unit.clone());
                }
            }
            out.units_without_staff = strangers.into_iter().collect();
            self.audit_kpi_import(tx, "catalog", file, out.summary)?;
            Ok(out)
        })
    }

    fn audit_kpi_import(
        &self,
        tx: &Connection,
        kind: &str,
        file: &str,
        s: ImportSummary,
    ) -> Result<()> {
        let after =
            json!({ "file": file, "rows": s.rows, "inserted": s.inserted, "updated": s.updated })
                .to_string();
        self.audit(tx, "import", &format!("import:{kind}"), None, Some(&after))
    }

    /// Units that have a catalog, with its number of entries.
    pub fn kpi_catalog_units(&self) -> Result<Vec<(String, i64)>> {
        self.store.read(|tx| Ok(kstore::catalog_units(tx)?))
    }

    /// A unit's whole catalog, by area, task and step. Catalogs are the
    /// office's public standards: anyone may read any unit's.
    pub fn kpi_catalog(&self, unit: &str) -> Result<Vec<CatalogItem>> {
        self.store.read(|tx| {
            Ok(kstore::catalog_of_unit(tx, unit)?
                .into_iter()
                .map(|(c, _)| c)
                .collect())
        })
    }

    /// The unit's catalog entries matching typed text, best first: every word
    /// of the query (folded: no diacritics, `đ` = `d`, any case) must occur
    /// in the task, area, detailed steps or product; entries whose task name
    /// holds the words come first, then by catalog order. At most `limit`.
    pub fn kpi_catalog_search(
        &self,
        unit: &str,
        query: &str,
        limit: usize,
    ) -> Result<Vec<CatalogItem>> {
        let folded = crate::text::fold(query);
        let words: Vec<&str> = crate::text::words(&folded).collect();
        let items = self
            .store
            .read(|tx| Ok::<_, ServiceError>(kstore::catalog_of_unit(tx, unit)?))?;
        let mut hits: Vec<(u8, usize, CatalogItem)> = items
            .into_iter()
            .enumerate()
            .filter(|(_, (_, text))| words.iter().all(|w| text.contains(w)))
            .map(|(i, (c, _))| {
                let task = crate::text::fold(&c.entry.task);
                let rank = if task.starts_with(folded.trim()) {
                    0
                } else if words.iter().all(|w| task.contains(w)) {
                    1
                } else {
                    2
                };
                (rank, i, c)
            })
            .collect();
        hits.sort_by_key(|(rank, i, _)| (*rank, *i));
        Ok(hits.into_iter().take(limit).map(|(_, _, c)| c).collect())
    }

    // ---- the log ----

    /// `code`'s entries of `q` with their summary under `settings`, and what
    /// the actor may do with them.
    pub fn kpi_log(&self, code: &str, q: Quarter, settings: &KpiSettings) -> Result<KpiLog> {
        self.store.read(|tx| {
            let s = Self::staff_or_unknown(tx, code)?;
            if !self.can_see(&s) {
                return Err(ServiceError::Denied(Denied::NotVisible {
                    code: code.to_owned(),
                }));
            }
            let entries = kstore::entries_of(tx, s.id, q)?;
            let summary = QuarterSummary::of(entries.iter().map(KpiEntry::line), settings);
            let closed = store::round_closed(tx, q)?;
            Ok(KpiLog {
                can_log: !closed && (self.actor.roles.admin || self.is_self(&s)),
                can_confirm: !closed && (self.actor.roles.admin || self.is_reviewer_of(&s)),
                staff: s,
                quarter: q,
                entries,
                summary,
                closed,
            })
        })
    }

    /// One entry, if the actor may see its owner.
    pub fn kpi_entry(&self, id: i64) -> Result<KpiEntry> {
        self.store.read(|tx| {
            let (s, e) = self.entry_or_gone(tx, id)?;
            if !self.can_see(&s) {
                return Err(ServiceError::Denied(Denied::NotVisible { code: e.code }));
            }
            Ok(e)
        })
    }

    /// Logs a task for `code` (themselves, or anyone for an admin).
    pub fn kpi_add(&self, code: &str, input: &TaskInput) -> Result<KpiEntry> {
        kpi_text_limits(input)?;
        self.store.write(|tx| {
            let s = Self::staff_or_unknown(tx, code)?;
            self.may_log(&s)?;
            Self::refuse_if_closed(tx, Quarter::containing(input.date))?;
            let task = Self::resolve_input(tx, &s, input)?;
            let product_ref = clean(&input.product_ref);
            let at = now();
            let row = task.row(
                s.id,
                input.date,
                input.quantity,
                &product_ref,
                input.state,
                &at,
                &self.actor.login,
            );
            let id = kstore::insert_entry(tx, &row)?;
            let (_, e) = self.entry_or_gone(tx, id)?;
            self.audit(tx, "kpi_add", &entity(&e), None, Some(&snapshot(&e)))?;
            Ok(e)
        })
    }

    /// Rewrites entry `id`, read at `version`. Its owner stays.
    pub fn kpi_edit(&self, id: i64, version: i64, input: &TaskInput) -> Result<KpiEntry> {
        kpi_text_limits(input)?;
        self.store.write(|tx| {
            let (s, before) = self.entry_or_gone(tx, id)?;
            self.may_change(&s, &before, version)?;
            Self::refuse_if_closed(tx, before.quarter())?;
            Self::refuse_if_closed(tx, Quarter::containing(input.date))?;
            let task = Self::resolve_input(tx, &s, input)?;
            let product_ref = clean(&input.product_ref);
            let at = now();
            let row = task.row(
                s.id,
                input.date,
                input.quantity,
                &product_ref,
                input.state,
                &at,
                &self.actor.login,
            );
            if same_content(&before, &row) {
                return Ok(before);
            }
            if !kstore::update_entry(tx, id, version, &row, before.confirmed())? {
                return Err(conflict(&before));
            }
            let (_, after) = self.entry_or_gone(tx, id)?;
            self.audit(
                tx,
                "kpi_edit",
                &entity(&after),
                Some(&snapshot(&before)),
                Some(&snapshot(&after)),
            )?;
            Ok(after)
        })
    }

    /// Deletes entry `id`, read at `version`.
    pub fn kpi_delete(&self, id: i64, version: i64) -> Result<()> {
        self.store.write(|tx| {
            let (s, before) = self.entry_or_gone(tx, id)?;
            self.may_change(&s, &before, version)?;
            Self::refuse_if_closed(tx, before.quarter())?;
            if !kstore::delete_entry(tx, id, version)? {
                return Err(conflict(&before));
            }
            self.audit(
                tx,
                "kpi_delete",
                &entity(&before),
                Some(&snapshot(&before)),
                None,
            )
        })
    }

    /// Confirms a done entry, read at `version` (the direct manager with the
    /// reviewer role, or an admin). Confirming a confirmed entry changes
    /// nothing.
    pub fn kpi_confirm(&self, id: i64, version: i64) -> Result<KpiEntry> {
        self.set_confirmation(id, version, true)
    }

    /// Withdraws a confirmation, so that the owner may edit the entry again.
    pub fn kpi_unconfirm(&self, id: i64, version: i64) -> Result<KpiEntry> {
        self.set_confirmation(id, version, false)
    }

    fn set_confirmation(&self, id: i64, version: i64, confirm: bool) -> Result<KpiEntry> {
        self.store.write(|tx| {
            let (s, before) = self.entry_or_gone(tx, id)?;
            if !(self.actor.roles.admin || self.is_reviewer_of(&s)) {
                return Err(ServiceError::Denied(Denied::NotYourSubordinate {
                    code: s.staff.code.clone(),
                }));
            }
            if before.version != version {
                return Err(conflict(&before));
            }
            Self::refuse_if_closed(tx, before.quarter())?;
            if before.confirmed() == confirm {
                return Ok(before);
            }
            if confirm && before.state != EntryState::Done {
                return Err(ServiceError::Denied(Denied::WrongState {
                    code: s.staff.code.clone(),
                    state: EntryState::InProgress.as_str(),
                }));
            }
            let by = confirm.then_some(self.actor.login.as_str());
            if !kstore::set_confirmation(tx, id, version, by, &now())? {
                return Err(conflict(&before));
            }
            let (_, after) = self.entry_or_gone(tx, id)?;
            self.audit(
                tx,
                if confirm {
                    "kpi_confirm"
                } else {
                    "kpi_unconfirm"
                },
                &entity(&after),
                Some(&snapshot(&before)),
                Some(&snapshot(&after)),
            )?;
            Ok(after)
        })
    }

    fn entry_or_gone(&self, conn: &Connection, id: i64) -> Result<(StaffRow, KpiEntry)> {
        let gone = || invalid(format!("KPI entry #{id} does not exist (deleted?)"));
        let (staff_id, e) = kstore::entry(conn, id)?.ok_or_else(gone)?;
        let s = store::staff_by_id(conn, staff_id)?.ok_or_else(gone)?;
        Ok((s, e))
    }

    /// May the actor log tasks for `s`?
    fn may_log(&self, s: &StaffRow) -> Result<()> {
        if self.actor.roles.admin || self.is_self(s) {
            return Ok(());
        }
        if self.actor.staff.is_none() {
            return Err(ServiceError::Denied(Denied::NotOnStaffList));
        }
        let code = s.staff.code.clone();
        Err(ServiceError::Denied(if self.can_see(s) {
            Denied::NotYourLog { code }
        } else {
            Denied::NotVisible { code }
        }))
    }

    /// May the actor edit or delete `e` (of `s`), read at `version`?
    fn may_change(&self, s: &StaffRow, e: &KpiEntry, version: i64) -> Result<()> {
        self.may_log(s)?;
        if e.version != version {
            return Err(conflict(e));
        }
        if e.confirmed() && !self.actor.roles.admin {
            return Err(ServiceError::Denied(Denied::WrongState {
                code: s.staff.code.clone(),
                state: "confirmed",
            }));
        }
        Ok(())
    }

    /// The task of a person's input: a catalog entry of their unit, or a
    /// well-formed ad-hoc task; the quantity within bounds.
    fn resolve_input(conn: &Connection, s: &StaffRow, input: &TaskInput) -> Result<Resolved> {
        if !(1..=MAX_QUANTITY).contains(&input.quantity) {
            return Err(invalid(format!(
                "quantity must be from 1 to {MAX_QUANTITY}, not {}",
                input.quantity
            )));
        }
        match &input.task {
            TaskChoice::Catalog(id) => {
                let c = kstore::catalog_item(conn, *id)?
                    .ok_or_else(|| invalid(format!("no catalog task #{id}")))?;
                if c.entry.unit != s.staff.unit {
                    return Err(invalid(format!(
                        "catalog task #{id} belongs to «{}», not to «{}» of {}",
                        c.entry.unit, s.staff.unit, s.staff.code
                    )));
                }
                Ok(Resolved::Catalog(c))
            }
            TaskChoice::AdHoc {
                name,
                complexity,
                bucket,
            } => {
                let name = clean(name);
                if name.is_empty() {
                    return Err(invalid("an ad-hoc task needs a name"));
                }
                Ok(Resolved::AdHoc {
                    name,
                    complexity: *complexity,
                    bucket: *bucket,
                })
            }
        }
    }

    // ---- bulk entry ----

    /// Imports log entries (admin only). A row's natural key is the person,
    /// the date, the task (catalog entry, or the ad-hoc name) and the product
    /// reference: a row whose key is stored updates that entry (dropping its
    /// confirmation if its content changes), others are added — so a
    /// re-import changes nothing. A task is named by its catalog id or by
    /// its name in the person's unit catalog (with `step` for a task split
    /// into steps); a name not in the catalog is an ad-hoc task and needs
    /// `complexity` and `time`.
    pub fn import_tasks(
        &self,
        file: &str,
        records: &[Numbered<TaskRecord>],
    ) -> Result<ImportSummary> {
        self.require_admin()?;
        self.store.write(|tx| {
            let mut people: HashMap<&str, Option<StaffRow>> = HashMap::new();
            let mut closed: HashMap<Quarter, bool> = HashMap::new();
            let mut catalogs: HashMap<String, Vec<CatalogItem>> = HashMap::new();
            let mut keys: HashMap<(i64, NaiveDate, Option<i64>, String, String), usize> =
                HashMap::new();
            let mut problems = Vec::new();
            let mut resolved: Vec<(i64, Resolved)> = Vec::with_capacity(records.len());
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
                let q = Quarter::containing(rec.date);
                let is_closed = match closed.get(&q) {
                    Some(c) => *c,
                    None => *closed.entry(q).or_insert(store::round_closed(tx, q)?),
                };
                if is_closed {
                    problems.push(problem(
                        r.row,
                        "date",
                        &rec.date.format("%d/%m/%Y").to_string(),
                        Problem::RoundClosed {
                            quarter: q.to_string(),
                        },
                    ));
                }
                if !catalogs.contains_key(&s.staff.unit) {
                    let items = kstore::catalog_of_unit(tx, &s.staff.unit)?
                        .into_iter()
                        .map(|(c, _)| c)
                        .collect();
                    catalogs.insert(s.staff.unit.clone(), items);
                }
                let catalog = catalogs.get(&s.staff.unit).map_or(&[][..], Vec::as_slice);
                match resolve_record(r.row, rec, &s.staff.unit, catalog) {
                    Ok(task) => {
                        let key = (
                            s.id,
                            rec.date,
                            task.catalog_id(),
                            match &task {
                                Resolved::AdHoc { name, .. } => name.clone(),
                                Resolved::Catalog(_) => String::new(),
                            },
                            rec.product_ref.clone(),
                        );
                        if let Some(first_row) = keys.get(&key) {
                            problems.push(problem(
                                r.row,
                                "task",
                                &task_text(&rec.task),
                                Problem::Duplicate {
                                    first_row: *first_row,
                                },
                            ));
                        } else {
                            keys.insert(key, r.row);
                        }
                        resolved.push((s.id, task));
                    }
                    Err(mut p) => problems.append(&mut p),
                }
            }
            if !problems.is_empty() {
                problems.sort_by_key(|p| p.row);
                return Err(ServiceError::ImportRefused(problems));
            }
            let mut summary = ImportSummary {
                rows: records.len(),
                ..Default::default()
            };
            let at = now();
            for (r, (staff_id, task)) in records.iter().zip(&resolved) {
                let rec = &r.record;
                let row = task.row(
                    *staff_id,
                    rec.date,
                    rec.quantity,
                    &rec.product_ref,
                    rec.state,
                    &at,
                    &self.actor.login,
                );
                let stored = kstore::entry_by_key(
                    tx,
                    *staff_id,
                    rec.date,
                    task.catalog_id(),
                    task.name(),
                    &rec.product_ref,
                )?;
                match stored {
                    Some(e) => {
                        summary.updated += 1;
                        if !same_content(&e, &row) {
                            kstore::update_entry(tx, e.id, e.version, &row, e.confirmed())?;
                        }
                    }
                    None => {
                        summary.inserted += 1;
                        kstore::insert_entry(tx, &row)?;
                    }
                }
            }
            self.audit_kpi_import(tx, "tasks", file, summary)?;
            Ok(summary)
        })
    }

    // ---- the summary ----

    /// The quarter summary of everyone the actor may see (admins: everyone;
    /// reviewers: themselves and their direct subordinates; staff:
    /// themselves), optionally of one unit, ordered by unit and code. People
    /// not employed on any day of the quarter are left out unless they logged
    /// something in it. Two set-based reads in one snapshot — the people in
    /// scope, and one range scan of the quarter's log — and the domain's
    /// arithmetic, never a query per person.
    pub fn kpi_summary(
        &self,
        q: Quarter,
        unit: Option<&str>,
        settings: &KpiSettings,
    ) -> Result<Vec<KpiSummaryRow>> {
        let scope = if self.actor.roles.admin {
            match unit {
                Some(u) => SummaryScope::Unit(u),
                None => SummaryScope::Everyone,
            }
        } else {
            match &self.actor.staff {
                Some(me) => SummaryScope::Team {
                    id: me.id,
                    manager_code: self.actor.roles.reviewer.then_some(me.staff.code.as_str()),
                    unit,
                },
                None => return Ok(Vec::new()),
            }
        };
        self.store.read(|tx| {
            let people = kstore::summary_people(tx, q, scope)?;
            let mut totals: HashMap<i64, SummaryTotals> = HashMap::with_capacity(people.len());
            kstore::summary_lines(tx, q, scope, |id, line| {
                totals.entry(id).or_default().add(line, settings);
            })?;
            Ok(people
                .into_iter()
                .filter_map(|p| {
                    let t = totals.remove(&p.id);
                    (p.employed || t.is_some()).then(|| KpiSummaryRow {
                        code: p.code,
                        name: p.name,
                        unit: p.unit,
                        summary: QuarterSummary::from_totals(t.unwrap_or_default(), settings),
                    })
                })
                .collect())
        })
    }
}

fn entity(e: &KpiEntry) -> String {
    format!("kpi:{}:{}", e.code, e.id)
}

fn conflict(e: &KpiEntry) -> ServiceError {
    ServiceError::EntryConflict {
        code: e.code.clone(),
        id: e.id,
    }
}

fn task_text(t: &TaskName) -> String {
    match t {
        TaskName::Id(id) => id.to_string(),
        TaskName::Name(n) => n.clone(),
    }
}

/// How many catalog names a refusal suggests.
const SUGGESTIONS: usize = 5;

/// A tasks-file row's task, or its problems.
fn resolve_record(
    row: usize,
    rec: &TaskRecord,
    unit: &str,
    catalog: &[CatalogItem],
) -> std::result::Result<Resolved, Vec<RowProblem>> {
    let shown = task_text(&rec.task);
    let not_in_catalog = |query: &str| {
        let allowed = if catalog.is_empty() {
            format!("— («{unit}»: 0)")
        } else {
            suggestions(query, catalog)
        };
        problem(row, "task", &shown, Problem::BadChoice { allowed })
    };
    match &rec.task {
        TaskName::Id(id) => match catalog.iter().find(|c| c.id == *id) {
            Some(c) => Ok(Resolved::Catalog(c.clone())),
            None => Err(vec![not_in_catalog("")]),
        },
        TaskName::Name(name) => {
            let key = crate::text::fold(name);
            let matches: Vec<&CatalogItem> = catalog
                .iter()
                .filter(|c| crate::text::fold(&c.entry.task) == key)
                .collect();
            if matches.is_empty() {
                return match (rec.complexity, rec.bucket) {
                    (Some(complexity), Some(bucket)) => Ok(Resolved::AdHoc {
                        name: clean(name),
                        complexity,
                        bucket,
                    }),
                    (c, b) => {
                        let mut p = Vec::new();
                        if !catalog.is_empty() {
                            p.push(not_in_catalog(name));
                        }
                        if c.is_none() {
                            p.push(problem(row, "complexity", "", Problem::Required));
                        }
                        if b.is_none() {
                            p.push(problem(row, "time", "", Problem::Required));
                        }
                        Err(p)
                    }
                };
            }
            let areas: BTreeSet<&str> = matches.iter().map(|c| c.entry.area.as_str()).collect();
            if areas.len() > 1 {
                let allowed = matches
                    .iter()
                    .map(|c| format!("#{} ({})", c.id, c.entry.area))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(vec![problem(
                    row,
                    "task",
                    &shown,
                    Problem::BadChoice { allowed },
                )]);
            }
            let steps = matches.len();
            match (rec.step, steps) {
                (None, 1) => Ok(Resolved::Catalog(matches[0].clone())),
                (None, _) => Err(vec![problem(row, "step", "", Problem::Required)]),
                (Some(n), _) => matches
                    .iter()
                    .find(|c| c.entry.step == n)
                    .map(|c| Resolved::Catalog((*c).clone()))
                    .ok_or_else(|| {
                        let max = matches.iter().map(|c| c.entry.step).max().unwrap_or(1);
                        vec![problem(
                            row,
                            "step",
                            &n.to_string(),
                            Problem::BadNumber {
                                min: 1,
                                max: i64::from(max),
                            },
                        )]
                    }),
            }
        }
    }
}

/// The catalog's task names sharing the most words with `query`.
fn suggestions(query: &str, catalog: &[CatalogItem]) -> String {
    let q = crate::text::fold(query);
    let words: Vec<&str> = crate::text::words(&q).collect();
    let mut names: Vec<(usize, usize, &str)> = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, c) in catalog.iter().enumerate() {
        if !seen.insert(c.entry.task.as_str()) {
            continue;
        }
        let t = crate::text::fold(&c.entry.task);
        let shared = crate::text::words(&t).filter(|w| words.contains(w)).count();
        names.push((shared, i, c.entry.task.as_str()));
    }
    names.sort_by_key(|(shared, i, _)| (std::cmp::Reverse(*shared), *i));
    let total = names.len();
    let mut out: Vec<&str> = names.iter().take(SUGGESTIONS).map(|(_, _, n)| *n).collect();
    if total > SUGGESTIONS {
        out.push("…");
    }
    out.join(", ")
}
