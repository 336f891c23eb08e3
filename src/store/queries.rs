//! Queries: plain functions over a connection (or a transaction, which derefs
//! to one). The service decides the transaction; these only read and write.

use super::Result;
use crate::domain::checklist::ChecklistState;
use crate::domain::rating::{MonthlyRating, Rating};
use crate::domain::records::CommitmentRecord;
use crate::domain::{Employment, Quarter, Staff, StaffGroup, StaffKind};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

// ---- settings and roles ----

pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn roles_of(conn: &Connection, login: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT role FROM roles WHERE login = ?1 ORDER BY role")?;
    let rows = stmt.query_map([login], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records a role; `false` if the login already had it.
pub fn grant_role(conn: &Connection, login: &str, role: &str, by: &str, at: &str) -> Result<bool> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO roles (login, role, granted_at, granted_by) VALUES (?1, ?2, ?3, ?4)",
        params![login, role, at, by],
    )?;
    if n > 0 {
        super::seal::reseal(conn, super::seal::Sealed::Roles, params![login, role])?;
    }
    Ok(n > 0)
}

pub fn admin_count(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT count(*) FROM roles WHERE role = 'admin'", [], |r| {
            r.get(0)
        })?,
    )
}

// ---- staff ----

/// A staff member with their row id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub id: i64,
    pub staff: Staff,
}

const STAFF_COLUMNS: &str = "id, code, full_name, birth_date, title, unit, kind, grp, party_member, manager_code, login, position_code, grade, joined, left_on";

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn staff_from_row(r: &Row) -> rusqlite::Result<StaffRow> {
    let kind: String = r.get(6)?;
    let grp: String = r.get(7)?;
    Ok(StaffRow {
        id: r.get(0)?,
        staff: Staff {
            code: r.get(1)?,
            full_name: r.get(2)?,
            birth_date: date(r.get(3)?),
            title: r.get(4)?,
            unit: r.get(5)?,
            kind: if kind == "leader" {
                StaffKind::Leader
            } else {
                StaffKind::Staff
            },
            group: StaffGroup::parse(&grp).unwrap_or(StaffGroup::Nld),
            party_member: r.get(8)?,
            manager_code: r.get(9)?,
            login: r.get(10)?,
            position_code: r.get(11)?,
            grade: r.get(12)?,
            employment: Employment {
                joined: date(r.get(13)?),
                left: date(r.get(14)?),
            },
        },
    })
}

pub fn staff_by_code(conn: &Connection, code: &str) -> Result<Option<StaffRow>> {
    let sql = format!("SELECT {STAFF_COLUMNS} FROM staff WHERE code = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([code], staff_from_row)
        .optional()?)
}

pub fn staff_by_login(conn: &Connection, login: &str) -> Result<Option<StaffRow>> {
    let sql = format!("SELECT {STAFF_COLUMNS} FROM staff WHERE login = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([login], staff_from_row)
        .optional()?)
}

pub fn staff_by_id(conn: &Connection, id: i64) -> Result<Option<StaffRow>> {
    let sql = format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], staff_from_row)
        .optional()?)
}

/// Everyone, ordered by unit then code.
pub fn all_staff(conn: &Connection) -> Result<Vec<StaffRow>> {
    let sql = format!("SELECT {STAFF_COLUMNS} FROM staff ORDER BY unit, code");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], staff_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn staff_in_unit(conn: &Connection, unit: &str) -> Result<Vec<StaffRow>> {
    let sql = format!("SELECT {STAFF_COLUMNS} FROM staff WHERE unit = ?1 ORDER BY code");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([unit], staff_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn subordinates_of(conn: &Connection, manager_code: &str) -> Result<Vec<StaffRow>> {
    let sql = format!("SELECT {STAFF_COLUMNS} FROM staff WHERE manager_code = ?1 ORDER BY code");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([manager_code], staff_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// code → id of everyone.
pub fn staff_ids(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT code, id FROM staff")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// (login, manager_code) of a person.
pub type StaffLinks = (Option<String>, Option<String>);

/// code → (login, manager_code) of everyone: enough to check an import's
/// logins and manager links against the database.
pub fn staff_links(conn: &Connection) -> Result<HashMap<String, StaffLinks>> {
    let mut stmt = conn.prepare_cached("SELECT code, login, manager_code FROM staff")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn units(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT unit FROM staff ORDER BY unit")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Inserts or updates by code; returns the id.
pub fn upsert_staff(conn: &Connection, s: &Staff) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO staff (code, full_name, name_fold, birth_date, title, unit, kind, grp, party_member, manager_code, login, position_code, grade, joined, left_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT (code) DO UPDATE SET
            full_name = excluded.full_name, name_fold = excluded.name_fold, birth_date = excluded.birth_date,
            title = excluded.title, unit = excluded.unit, kind = excluded.kind, grp = excluded.grp,
            party_member = excluded.party_member, manager_code = excluded.manager_code, login = excluded.login,
            position_code = excluded.position_code, grade = excluded.grade, joined = excluded.joined, left_on = excluded.left_on
         RETURNING id",
    )?;
    let id = stmt.query_row(
        params![
            s.code,
            s.full_name,
            crate::text::fold(&s.full_name),
            date_text(s.birth_date),
            s.title,
            s.unit,
            s.kind.as_str(),
            s.group.as_str(),
            s.party_member,
            s.manager_code,
            s.login,
            s.position_code,
            s.grade,
            date_text(s.employment.joined),
            date_text(s.employment.left),
        ],
        |r| r.get(0),
    )?;
    super::seal::reseal(conn, super::seal::Sealed::Staff, [id])?;
    Ok(id)
}

// ---- ratings ----

fn rating_from(r: &Row, at: usize) -> rusqlite::Result<MonthlyRating> {
    let text: String = r.get(at)?;
    Ok(MonthlyRating {
        rating: Rating::parse(&text).unwrap_or(Rating::Khtnv),
        discipline: r.get(at + 1)?,
        excused: r.get(at + 2)?,
    })
}

/// `month` 0 is the yearly rating.
pub fn upsert_rating(
    conn: &Connection,
    staff_id: i64,
    year: i32,
    month: u8,
    r: &MonthlyRating,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO ratings (staff_id, year, month, rating, discipline, excused) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (staff_id, year, month) DO UPDATE SET rating = excluded.rating, discipline = excluded.discipline, excused = excluded.excused",
    )?
    .execute(params![staff_id, year, month, r.rating.as_str(), r.discipline, r.excused])?;
    super::seal::reseal(
        conn,
        super::seal::Sealed::Ratings,
        params![staff_id, year, month],
    )?;
    Ok(())
}

pub fn rating_of(
    conn: &Connection,
    staff_id: i64,
    year: i32,
    month: u8,
) -> Result<Option<MonthlyRating>> {
    Ok(conn
        .prepare_cached("SELECT rating, discipline, excused FROM ratings WHERE staff_id = ?1 AND year = ?2 AND month = ?3")?
        .query_row(params![staff_id, year, month], |r| rating_from(r, 0))
        .optional()?)
}

/// Everyone's ratings of the quarter's three months: staff id → months.
pub fn quarter_ratings(
    conn: &Connection,
    q: Quarter,
) -> Result<HashMap<i64, [Option<MonthlyRating>; 3]>> {
    let first = q.months()[0].month;
    let mut stmt = conn.prepare_cached(
        "SELECT staff_id, month, rating, discipline, excused FROM ratings WHERE year = ?1 AND month BETWEEN ?2 AND ?3",
    )?;
    let mut rows = stmt.query(params![q.year, first, first + 2])?;
    let mut out: HashMap<i64, [Option<MonthlyRating>; 3]> = HashMap::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let month: u8 = r.get(1)?;
        out.entry(id).or_default()[usize::from(month - first)] = Some(rating_from(r, 2)?);
    }
    Ok(out)
}

/// One person's ratings of the quarter's three months.
pub fn quarter_ratings_of(
    conn: &Connection,
    staff_id: i64,
    q: Quarter,
) -> Result<[Option<MonthlyRating>; 3]> {
    let mut out = [None; 3];
    for (i, m) in q.months().iter().enumerate() {
        out[i] = rating_of(conn, staff_id, q.year, m.month)?;
    }
    Ok(out)
}

/// staff id → yearly rating.
pub fn yearly_ratings(conn: &Connection, year: i32) -> Result<HashMap<i64, Rating>> {
    let mut stmt =
        conn.prepare_cached("SELECT staff_id, rating FROM ratings WHERE year = ?1 AND month = 0")?;
    let rows = stmt.query_map([year], |r| {
        let t: String = r.get(1)?;
        Ok((r.get(0)?, Rating::parse(&t).unwrap_or(Rating::Khtnv)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---- rounds ----

/// `None` when the round has never been opened or closed: it is open.
pub fn round_closed(conn: &Connection, q: Quarter) -> Result<bool> {
    let state: Option<String> = conn
        .prepare_cached("SELECT state FROM rounds WHERE quarter = ?1")?
        .query_row([q.to_string()], |r| r.get(0))
        .optional()?;
    Ok(state.as_deref() == Some("closed"))
}

pub fn set_round(conn: &Connection, q: Quarter, closed: bool, by: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO rounds (quarter, state, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (quarter) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at, changed_by = excluded.changed_by",
        params![q.to_string(), if closed { "closed" } else { "open" }, at, by],
    )?;
    super::seal::reseal(conn, super::seal::Sealed::Rounds, [q.to_string()])?;
    Ok(())
}

/// Every round with a recorded state: (quarter, closed).
pub fn rounds(conn: &Connection) -> Result<Vec<(String, bool)>> {
    let mut stmt = conn.prepare_cached("SELECT quarter, state FROM rounds ORDER BY quarter")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)? == "closed")))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---- checklists ----

/// A stored checklist. Marks are packed one character per item in form order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    pub staff_id: i64,
    pub quarter: Quarter,
    pub state: ChecklistState,
    pub version: i64,
    pub self_marks: Vec<Option<bool>>,
    pub review_marks: Vec<Option<bool>>,
    pub outstanding: bool,
    pub achievement: Option<String>,
    pub return_note: Option<String>,
    pub updated_at: String,
    pub updated_by: String,
}

impl ChecklistRow {
    /// A new, empty checklist of `items` items.
    pub fn empty(staff_id: i64, quarter: Quarter, items: usize) -> ChecklistRow {
        ChecklistRow {
            staff_id,
            quarter,
            state: ChecklistState::Draft,
            version: 0,
            self_marks: vec![None; items],
            review_marks: vec![None; items],
            outstanding: false,
            achievement: None,
            return_note: None,
            updated_at: String::new(),
            updated_by: String::new(),
        }
    }
}

pub fn pack_marks(marks: &[Option<bool>]) -> String {
    marks
        .iter()
        .map(|m| match m {
            Some(true) => '1',
            Some(false) => '0',
            None => '.',
        })
        .collect()
}

pub fn unpack_marks(s: &str) -> Vec<Option<bool>> {
    s.chars()
        .map(|c| match c {
            '1' => Some(true),
            '0' => Some(false),
            _ => None,
        })
        .collect()
}

const CHECKLIST_COLUMNS: &str = "staff_id, quarter, state, version, self_marks, review_marks, outstanding, achievement, return_note, updated_at, updated_by";

fn checklist_from_row(r: &Row) -> rusqlite::Result<ChecklistRow> {
    let q: String = r.get(1)?;
    let state: String = r.get(2)?;
    let self_marks: String = r.get(4)?;
    let review_marks: String = r.get(5)?;
    Ok(ChecklistRow {
        staff_id: r.get(0)?,
        quarter: q.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?,
        state: ChecklistState::parse(&state).unwrap_or(ChecklistState::Draft),
        version: r.get(3)?,
        self_marks: unpack_marks(&self_marks),
        review_marks: unpack_marks(&review_marks),
        outstanding: r.get(6)?,
        achievement: r.get(7)?,
        return_note: r.get(8)?,
        updated_at: r.get(9)?,
        updated_by: r.get(10)?,
    })
}

pub fn checklist(conn: &Connection, staff_id: i64, q: Quarter) -> Result<Option<ChecklistRow>> {
    let sql =
        format!("SELECT {CHECKLIST_COLUMNS} FROM checklists WHERE staff_id = ?1 AND quarter = ?2");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![staff_id, q.to_string()], checklist_from_row)
        .optional()?)
}

/// staff id → checklist, for everyone in a quarter.
pub fn quarter_checklists(conn: &Connection, q: Quarter) -> Result<HashMap<i64, ChecklistRow>> {
    let sql = format!("SELECT {CHECKLIST_COLUMNS} FROM checklists WHERE quarter = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([q.to_string()], |r| {
        checklist_from_row(r).map(|c| (c.staff_id, c))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes `c` if the stored version is still `c.version` (0 = not stored
/// yet), bumping the version. `Ok(false)`: someone else wrote it first.
pub fn put_checklist(conn: &Connection, c: &ChecklistRow) -> Result<bool> {
    let q = c.quarter.to_string();
    let (selfm, review) = (pack_marks(&c.self_marks), pack_marks(&c.review_marks));
    let n = if c.version == 0 {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO checklists (staff_id, quarter, state, version, self_marks, review_marks, outstanding, achievement, return_note, updated_at, updated_by)
             VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![c.staff_id, q, c.state.as_str(), selfm, review, c.outstanding, c.achievement, c.return_note, c.updated_at, c.updated_by])?
    } else {
        conn.prepare_cached(
            "UPDATE checklists SET state = ?3, version = version + 1, self_marks = ?4, review_marks = ?5, outstanding = ?6,
                achievement = ?7, return_note = ?8, updated_at = ?9, updated_by = ?10
             WHERE staff_id = ?1 AND quarter = ?2 AND version = ?11",
        )?
        .execute(params![
            c.staff_id,
            q,
            c.state.as_str(),
            selfm,
            review,
            c.outstanding,
            c.achievement,
            c.return_note,
            c.updated_at,
            c.updated_by,
            c.version
        ])?
    };
    if n == 1 {
        super::seal::reseal(
            conn,
            super::seal::Sealed::Checklists,
            params![c.staff_id, q],
        )?;
    }
    Ok(n == 1)
}

pub fn notes(conn: &Connection, staff_id: i64, q: Quarter) -> Result<HashMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT item, note FROM notes WHERE staff_id = ?1 AND quarter = ?2")?;
    let rows = stmt.query_map(params![staff_id, q.to_string()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Sets or (with an empty note) clears an item's note.
pub fn set_note(
    conn: &Connection,
    staff_id: i64,
    q: Quarter,
    item: &str,
    note: &str,
) -> Result<()> {
    if note.trim().is_empty() {
        conn.prepare_cached(
            "DELETE FROM notes WHERE staff_id = ?1 AND quarter = ?2 AND item = ?3",
        )?
        .execute(params![staff_id, q.to_string(), item])?;
    } else {
        conn.prepare_cached(
            "INSERT INTO notes (staff_id, quarter, item, note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (staff_id, quarter, item) DO UPDATE SET note = excluded.note",
        )?
        .execute(params![staff_id, q.to_string(), item, note])?;
    }
    Ok(())
}

// ---- commitments ----

pub fn upsert_commitment(conn: &Connection, staff_id: i64, c: &CommitmentRecord) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO commitments (staff_id, year, signed_on, focus_ethics, focus_work, focus_leadership) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (staff_id, year) DO UPDATE SET signed_on = excluded.signed_on, focus_ethics = excluded.focus_ethics,
            focus_work = excluded.focus_work, focus_leadership = excluded.focus_leadership",
    )?
    .execute(params![staff_id, c.year, date_text(Some(c.signed_on)), c.focus_ethics, c.focus_work, c.focus_leadership])?;
    Ok(())
}

/// staff id → commitment, for a year.
pub fn commitments(conn: &Connection, year: i32) -> Result<HashMap<i64, CommitmentRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.staff_id, s.code, c.signed_on, c.focus_ethics, c.focus_work, c.focus_leadership
         FROM commitments c JOIN staff s ON s.id = c.staff_id WHERE c.year = ?1",
    )?;
    let rows = stmt.query_map([year], |r| {
        Ok((
            r.get(0)?,
            CommitmentRecord {
                code: r.get(1)?,
                year,
                signed_on: date(r.get(2)?).unwrap_or_default(),
                focus_ethics: r.get(3)?,
                focus_work: r.get(4)?,
                focus_leadership: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
