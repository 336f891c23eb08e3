//! KPI tables (migration 2): the catalog of standard tasks and the task log,
//! and the reads of the quarter summary: one range scan of one covering
//! index per quarter, whatever the number of people (the arithmetic is the
//! domain's, `domain::kpi`).

use super::Result;
use crate::domain::Quarter;
use crate::domain::kpi::{
    CatalogEntry, CatalogItem, ComplexityGroup, EntryState, KpiEntry, SummaryLine, TimeBucket,
};
use chrono::NaiveDate;
use rusqlite::types::{ToSql, Type};
use rusqlite::{Connection, OptionalExtension, Row, params};

fn conversion(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, Type::Integer, what.to_owned().into())
}

fn complexity_at(r: &Row, col: usize) -> rusqlite::Result<ComplexityGroup> {
    ComplexityGroup::from_number(r.get(col)?).ok_or_else(|| conversion(col, "complexity"))
}

fn bucket_at(r: &Row, col: usize) -> rusqlite::Result<TimeBucket> {
    TimeBucket::new(r.get(col)?).ok_or_else(|| conversion(col, "bucket"))
}

fn day_at(r: &Row, col: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(col)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(col, Type::Text, Box::new(e)))
}

pub fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

// ---- the catalog ----

/// What search compares: the fold of the entry's words.
fn search_text(e: &CatalogEntry) -> String {
    crate::text::fold(&format!(
        "{} \u{1f} {} \u{1f} {} \u{1f} {}",
        e.task, e.area, e.steps, e.product
    ))
}

const CATALOG_COLUMNS: &str = "c.id, c.unit, c.area, c.task, c.step, c.steps, c.product, c.complexity, c.bucket,
    (SELECT count(*) FROM kpi_catalog o WHERE o.unit = c.unit AND o.area = c.area AND o.task = c.task)";

fn catalog_from_row(r: &Row) -> rusqlite::Result<CatalogItem> {
    Ok(CatalogItem {
        id: r.get(0)?,
        entry: CatalogEntry {
            unit: r.get(1)?,
            area: r.get(2)?,
            task: r.get(3)?,
            step: r.get(4)?,
            steps: r.get(5)?,
            product: r.get(6)?,
            complexity: complexity_at(r, 7)?,
            bucket: bucket_at(r, 8)?,
        },
        step_count: r.get(9)?,
    })
}

/// The id of the entry with this key, if stored.
pub fn catalog_id(conn: &Connection, e: &CatalogEntry) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM kpi_catalog WHERE unit = ?1 AND area = ?2 AND task = ?3 AND step = ?4",
        )?
        .query_row(params![e.unit, e.area, e.task, e.step], |r| r.get(0))
        .optional()?)
}

/// Inserts or updates by (unit, area, task, step); returns the stable id.
pub fn upsert_catalog(conn: &Connection, e: &CatalogEntry, at: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO kpi_catalog (unit, area, task, step, steps, product, complexity, bucket, search, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (unit, area, task, step) DO UPDATE SET
                steps = excluded.steps, product = excluded.product, complexity = excluded.complexity,
                bucket = excluded.bucket, search = excluded.search, updated_at = excluded.updated_at
             RETURNING id",
        )?
        .query_row(
            params![
                e.unit,
                e.area,
                e.task,
                e.step,
                e.steps,
                e.product,
                e.complexity.number(),
                e.bucket.number(),
                search_text(e),
                at
            ],
            |r| r.get(0),
        )?)
}

pub fn catalog_item(conn: &Connection, id: i64) -> Result<Option<CatalogItem>> {
    let sql = format!("SELECT {CATALOG_COLUMNS} FROM kpi_catalog c WHERE c.id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], catalog_from_row)
        .optional()?)
}

/// A unit's catalog in the order it was first imported (areas, their tasks,
/// then steps), each with the fold that search compares.
pub fn catalog_of_unit(conn: &Connection, unit: &str) -> Result<Vec<(CatalogItem, String)>> {
    let sql = format!(
        "SELECT {CATALOG_COLUMNS}, c.search FROM kpi_catalog c WHERE c.unit = ?1
         ORDER BY (SELECT min(a.id) FROM kpi_catalog a WHERE a.unit = c.unit AND a.area = c.area),
                  (SELECT min(f.id) FROM kpi_catalog f WHERE f.unit = c.unit AND f.area = c.area AND f.task = c.task),
                  c.step"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([unit], |r| Ok((catalog_from_row(r)?, r.get(10)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Units with a catalog, and how many entries each has.
pub fn catalog_units(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt =
        conn.prepare_cached("SELECT unit, count(*) FROM kpi_catalog GROUP BY unit ORDER BY unit")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---- the log ----

/// A log entry as written.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryRow<'a> {
    pub staff_id: i64,
    pub date: NaiveDate,
    pub catalog_id: Option<i64>,
    pub task: &'a str,
    pub step: Option<u32>,
    pub complexity: ComplexityGroup,
    pub bucket: TimeBucket,
    pub quantity: u32,
    pub product_ref: &'a str,
    pub state: EntryState,
    pub updated_at: &'a str,
    pub updated_by: &'a str,
}

const ENTRY_COLUMNS: &str = "l.id, s.code, l.day, l.catalog_id, l.task, l.step, l.complexity, l.bucket, l.quantity,
    l.product_ref, l.done, l.confirmed_by, l.confirmed_at, l.version, l.updated_at, l.updated_by, l.staff_id";

fn entry_from_row(r: &Row) -> rusqlite::Result<(i64, KpiEntry)> {
    let done: bool = r.get(10)?;
    Ok((
        r.get(16)?,
        KpiEntry {
            id: r.get(0)?,
            code: r.get(1)?,
            date: day_at(r, 2)?,
            catalog_id: r.get(3)?,
            task: r.get(4)?,
            step: r.get(5)?,
            complexity: complexity_at(r, 6)?,
            bucket: bucket_at(r, 7)?,
            quantity: r.get(8)?,
            product_ref: r.get(9)?,
            state: if done {
                EntryState::Done
            } else {
                EntryState::InProgress
            },
            confirmed_by: r.get(11)?,
            confirmed_at: r.get(12)?,
            version: r.get(13)?,
            updated_at: r.get(14)?,
            updated_by: r.get(15)?,
        },
    ))
}

const INSERT_ENTRY: &str = "INSERT INTO kpi_log (staff_id, day, quarter, catalog_id, task, step, complexity, bucket, quantity, product_ref, done, updated_at, updated_by)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

fn execute_insert(stmt: &mut rusqlite::CachedStatement, e: &EntryRow) -> Result<()> {
    stmt.execute(params![
        e.staff_id,
        day_text(e.date),
        Quarter::containing(e.date).to_string(),
        e.catalog_id,
        e.task,
        e.step,
        e.complexity.number(),
        e.bucket.number(),
        e.quantity,
        e.product_ref,
        e.state == EntryState::Done,
        e.updated_at,
        e.updated_by
    ])?;
    Ok(())
}

/// Inserts a new entry (version 1, unconfirmed); returns its id.
pub fn insert_entry(conn: &Connection, e: &EntryRow) -> Result<i64> {
    execute_insert(&mut conn.prepare_cached(INSERT_ENTRY)?, e)?;
    Ok(conn.last_insert_rowid())
}

/// Inserts many new entries (version 1, unconfirmed) with one prepared
/// statement, in the caller's transaction; returns how many. For bulk loads
/// (the demo): a million rows take a few seconds.
pub fn insert_entries<'a>(
    conn: &Connection,
    rows: impl IntoIterator<Item = EntryRow<'a>>,
) -> Result<usize> {
    let mut stmt = conn.prepare_cached(INSERT_ENTRY)?;
    let mut n = 0;
    for e in rows {
        execute_insert(&mut stmt, &e)?;
        n += 1;
    }
    Ok(n)
}

/// Rewrites an entry if it is still at `expected_version`, bumping the
/// version; `clear_confirmation` drops the manager's confirmation.
/// `Ok(false)`: someone else changed or deleted it first.
pub fn update_entry(
    conn: &Connection,
    id: i64,
    expected_version: i64,
    e: &EntryRow,
    clear_confirmation: bool,
) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE kpi_log SET staff_id = ?3, day = ?4, quarter = ?5, catalog_id = ?6, task = ?7, step = ?8,
                complexity = ?9, bucket = ?10, quantity = ?11, product_ref = ?12, done = ?13,
                confirmed_by = CASE WHEN ?14 THEN NULL ELSE confirmed_by END,
                confirmed_at = CASE WHEN ?14 THEN NULL ELSE confirmed_at END,
                version = version + 1, updated_at = ?15, updated_by = ?16
             WHERE id = ?1 AND version = ?2",
        )?
        .execute(params![
            id,
            expected_version,
            e.staff_id,
            day_text(e.date),
            Quarter::containing(e.date).to_string(),
            e.catalog_id,
            e.task,
            e.step,
            e.complexity.number(),
            e.bucket.number(),
            e.quantity,
            e.product_ref,
            e.state == EntryState::Done,
            clear_confirmation,
            e.updated_at,
            e.updated_by
        ])?;
    Ok(n == 1)
}

/// Deletes an entry if it is still at `expected_version`.
pub fn delete_entry(conn: &Connection, id: i64, expected_version: i64) -> Result<bool> {
    let n = conn
        .prepare_cached("DELETE FROM kpi_log WHERE id = ?1 AND version = ?2")?
        .execute(params![id, expected_version])?;
    Ok(n == 1)
}

/// Sets (`by` = the confirming login) or clears the confirmation if the
/// entry is still at `expected_version`, bumping the version. `updated_*`
/// keep recording the last change of the entry's content.
pub fn set_confirmation(
    conn: &Connection,
    id: i64,
    expected_version: i64,
    by: Option<&str>,
    at: &str,
) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE kpi_log SET confirmed_by = ?3, confirmed_at = CASE WHEN ?3 IS NULL THEN NULL ELSE ?4 END,
                version = version + 1
             WHERE id = ?1 AND version = ?2",
        )?
        .execute(params![id, expected_version, by, at])?;
    Ok(n == 1)
}

/// An entry with its staff id.
pub fn entry(conn: &Connection, id: i64) -> Result<Option<(i64, KpiEntry)>> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM kpi_log l JOIN staff s ON s.id = l.staff_id WHERE l.id = ?1"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], entry_from_row)
        .optional()?)
}

/// A person's entries of a quarter, by date then as logged.
pub fn entries_of(conn: &Connection, staff_id: i64, q: Quarter) -> Result<Vec<KpiEntry>> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM kpi_log l JOIN staff s ON s.id = l.staff_id
         WHERE l.staff_id = ?1 AND l.day BETWEEN ?2 AND ?3 ORDER BY l.day, l.id"
    );
    let [first, _, last] = q.months();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            staff_id,
            day_text(first.first_day()),
            day_text(last.last_day())
        ],
        |r| entry_from_row(r).map(|(_, e)| e),
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The first entry with the tasks file's natural key: person, day, task
/// (catalog id, or the ad-hoc name) and product reference.
pub fn entry_by_key(
    conn: &Connection,
    staff_id: i64,
    date: NaiveDate,
    catalog_id: Option<i64>,
    task: &str,
    product_ref: &str,
) -> Result<Option<KpiEntry>> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM kpi_log l JOIN staff s ON s.id = l.staff_id
         WHERE l.staff_id = ?1 AND l.day = ?2 AND l.product_ref = ?5
           AND (CASE WHEN ?3 IS NULL THEN l.catalog_id IS NULL AND l.task = ?4 ELSE l.catalog_id = ?3 END)
         ORDER BY l.id LIMIT 1"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(
            params![staff_id, day_text(date), catalog_id, task, product_ref],
            |r| entry_from_row(r).map(|(_, e)| e),
        )
        .optional()?)
}

// ---- the summary ----

/// Whose summary to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryScope<'a> {
    Everyone,
    Unit(&'a str),
    /// A person (`id`) and, when `manager_code` is given, their direct
    /// subordinates; optionally within one unit.
    Team {
        id: i64,
        manager_code: Option<&'a str>,
        unit: Option<&'a str>,
    },
}

impl SummaryScope<'_> {
    /// The condition on `staff s` (named parameters `:unit`, `:me`,
    /// `:manager`).
    fn condition(&self) -> &'static str {
        match self {
            SummaryScope::Everyone => "1",
            SummaryScope::Unit(_) => "s.unit = :unit",
            SummaryScope::Team {
                manager_code: Some(_),
                unit: None,
                ..
            } => "(s.id = :me OR s.manager_code = :manager)",
            SummaryScope::Team {
                manager_code: Some(_),
                unit: Some(_),
                ..
            } => "(s.id = :me OR s.manager_code = :manager) AND s.unit = :unit",
            SummaryScope::Team {
                manager_code: None,
                unit: None,
                ..
            } => "s.id = :me",
            SummaryScope::Team {
                manager_code: None,
                unit: Some(_),
                ..
            } => "s.id = :me AND s.unit = :unit",
        }
    }

    fn params<'p>(&'p self, out: &mut Vec<(&'static str, &'p dyn ToSql)>) {
        match self {
            SummaryScope::Everyone => {}
            SummaryScope::Unit(u) => out.push((":unit", u)),
            SummaryScope::Team {
                id,
                manager_code,
                unit,
            } => {
                out.push((":me", id));
                if let Some(m) = manager_code {
                    out.push((":manager", m));
                }
                if let Some(u) = unit {
                    out.push((":unit", u));
                }
            }
        }
    }
}

/// A person in the scope of a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryPerson {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    /// Employed on at least one day of the quarter.
    pub employed: bool,
}

/// Everyone in `scope`, ordered by unit and code.
pub fn summary_people(
    conn: &Connection,
    q: Quarter,
    scope: SummaryScope,
) -> Result<Vec<SummaryPerson>> {
    let sql = format!(
        "SELECT s.id, s.code, s.full_name, s.unit,
                (s.joined IS NULL OR s.joined <= :last) AND (s.left_on IS NULL OR s.left_on >= :first)
         FROM staff s WHERE {} ORDER BY s.unit, s.code",
        scope.condition()
    );
    let [first, _, last] = q.months();
    let (first, last) = (day_text(first.first_day()), day_text(last.last_day()));
    let mut named: Vec<(&str, &dyn ToSql)> = vec![(":first", &first), (":last", &last)];
    scope.params(&mut named);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(named.as_slice(), |r| {
        Ok(SummaryPerson {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            employed: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Calls `f(staff_id, line)` for every entry of quarter `q` of the people in
/// `scope`, in staff id order: one range scan of the covering index
/// `kpi_log_summary`, whatever the number of people.
pub fn summary_lines(
    conn: &Connection,
    q: Quarter,
    scope: SummaryScope,
    mut f: impl FnMut(i64, SummaryLine),
) -> Result<()> {
    let people = match scope {
        SummaryScope::Everyone => String::new(),
        _ => format!(
            "AND l.staff_id IN (SELECT s.id FROM staff s WHERE {})",
            scope.condition()
        ),
    };
    // Packed in one integer, so each row costs three column reads. (In SQL,
    // `|` and `<<` bind alike, left to right: hence the brackets.)
    let sql = format!(
        "SELECT l.staff_id, l.quantity,
                l.done | ((l.confirmed_by IS NOT NULL) << 1) | (l.complexity << 2) | (l.bucket << 5)
         FROM kpi_log l INDEXED BY kpi_log_summary WHERE l.quarter = :q {people}"
    );
    let quarter = q.to_string();
    let mut named: Vec<(&str, &dyn ToSql)> = vec![(":q", &quarter)];
    scope.params(&mut named);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(named.as_slice())?;
    while let Some(r) = rows.next()? {
        let packed: i64 = r.get(2)?;
        let complexity = ComplexityGroup::from_number(((packed >> 2) & 0b111) as u8)
            .ok_or_else(|| conversion(2, "complexity"))?;
        let bucket = TimeBucket::new((packed >> 5) as u8).ok_or_else(|| conversion(2, "bucket"))?;
        f(
            r.get(0)?,
            SummaryLine {
                state: if packed & 1 == 1 {
                    EntryState::Done
                } else {
                    EntryState::InProgress
                },
                confirmed: packed & 2 == 2,
                complexity,
                bucket,
                quantity: r.get(1)?,
            },
        );
    }
    Ok(())
}
