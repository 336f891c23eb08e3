//! Lean reads for a long staff list: one SQLite row per person with only
//! what a list line needs, handed to a callback while the statement steps,
//! so that no full staff record is ever materialised for 100,000 people.

use super::Result;
use crate::domain::checklist::ChecklistState;
use crate::domain::rating::MonthEntry;
use crate::domain::{Employment, Quarter, StaffKind, history};
use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};
use std::collections::HashMap;

/// One person as a list reads them, borrowed from the statement's row (valid
/// only during the callback).
#[derive(Debug, Clone, Copy)]
pub struct RosterRecord<'a> {
    pub id: i64,
    pub code: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
    pub kind: StaffKind,
    /// Row id of the direct manager, if any.
    pub manager_id: Option<i64>,
    pub employment: Employment,
    /// The quarter's checklist, if started: state and the packed self and
    /// review marks (see [`super::pack_marks`]).
    pub checklist: Option<PackedChecklist<'a>>,
}

#[derive(Debug, Clone, Copy)]
pub struct PackedChecklist<'a> {
    pub state: ChecklistState,
    pub self_marks: &'a str,
    pub review_marks: &'a str,
}

/// Who a list shows.
#[derive(Debug, Clone, Copy)]
pub enum RosterScope<'a> {
    /// Everyone, ordered by unit and code.
    All,
    /// One person (row id) first, then, if `subordinates`, everyone who is
    /// or was ever their direct subordinate, by code (the caller keeps those
    /// of the quarter): the list of a reviewer or a staff member.
    Own {
        id: i64,
        code: &'a str,
        subordinates: bool,
    },
}

const COLUMNS: &str = "s.id, s.code, s.full_name, s.unit, s.kind, m.id, s.joined, s.left_on, \
     c.state, c.self_marks, c.review_marks \
     FROM staff s \
     LEFT JOIN staff m ON m.code = s.manager_code \
     LEFT JOIN checklists c ON c.staff_id = s.id AND c.quarter = ?1";

/// A text column, borrowed from the row.
fn text<'a>(r: &'a Row, i: usize) -> rusqlite::Result<&'a str> {
    Ok(r.get_ref(i)?.as_str()?)
}

fn date(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(r.get_ref(i)?
        .as_str_or_null()?
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()))
}

fn record<'a>(r: &'a Row) -> rusqlite::Result<RosterRecord<'a>> {
    let checklist = match r.get_ref(8)?.as_str_or_null()? {
        Some(state) => Some(PackedChecklist {
            state: ChecklistState::parse(state).unwrap_or(ChecklistState::Draft),
            self_marks: text(r, 9)?,
            review_marks: text(r, 10)?,
        }),
        None => None,
    };
    Ok(RosterRecord {
        id: r.get(0)?,
        code: text(r, 1)?,
        name: text(r, 2)?,
        unit: text(r, 3)?,
        kind: if text(r, 4)? == "leader" {
            StaffKind::Leader
        } else {
            StaffKind::Staff
        },
        manager_id: r.get(5)?,
        employment: Employment {
            joined: date(r, 6)?,
            left: date(r, 7)?,
        },
        checklist,
    })
}

/// Calls `f` with each person of `scope` and their checklist of `q`, in
/// list order, while the statement steps.
pub fn for_each_person(
    conn: &Connection,
    q: Quarter,
    scope: RosterScope,
    mut f: impl FnMut(&RosterRecord) -> Result<()>,
) -> Result<()> {
    let quarter = q.to_string();
    let mut stmt;
    let mut rows = match scope {
        RosterScope::All => {
            stmt = conn.prepare(&format!("SELECT {COLUMNS} ORDER BY s.unit, s.code"))?;
            stmt.query([&quarter])?
        }
        RosterScope::Own {
            id,
            code,
            subordinates,
        } => {
            stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} WHERE s.id = ?2 OR (?3 AND (s.manager_code = ?4 \
                    OR s.id IN (SELECT staff_id FROM staff_history WHERE manager_code = ?4))) \
                 ORDER BY s.id <> ?2, s.code"
            ))?;
            stmt.query(params![quarter, id, subordinates, code])?
        }
    };
    while let Some(r) = rows.next()? {
        f(&record(r)?)?;
    }
    Ok(())
}

/// The SQL of everyone who is or ever was under manager `?1` (by the
/// staff's manager index and the history's).
const TEAM: &str = "SELECT id FROM staff WHERE manager_code = ?1 \
     UNION SELECT staff_id FROM staff_history WHERE manager_code = ?1";

/// Calls `f` with the row id, code, full name and employment of each direct
/// subordinate of `manager_code` in some month of `q` (manager of record at
/// its end: domain::history), and the months they were (for the leader's
/// rule), by code.
pub fn for_each_subordinate(
    conn: &Connection,
    manager_code: &str,
    q: Quarter,
    mut f: impl FnMut(i64, &str, &str, Employment, [bool; 3]),
) -> Result<()> {
    let histories = super::history::team_histories(conn, manager_code)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, code, full_name, joined, left_on FROM staff WHERE id IN ({TEAM}) \
         ORDER BY code"
    ))?;
    let mut rows = stmt.query([manager_code])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let under = match histories.get(&id) {
            Some(h) => history::under(h, manager_code, q),
            None => [true; 3],
        };
        if !under.contains(&true) {
            continue;
        }
        let employment = Employment {
            joined: date(r, 3)?,
            left: date(r, 4)?,
        };
        f(id, text(r, 1)?, text(r, 2)?, employment, under);
    }
    Ok(())
}

/// The quarter's monthly ratings of everyone who is or ever was a direct
/// subordinate of `manager_code`, in one read: staff id → months.
pub fn subordinate_ratings(
    conn: &Connection,
    manager_code: &str,
    q: Quarter,
) -> Result<HashMap<i64, [Option<MonthEntry>; 3]>> {
    let first = q.months()[0].month;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.staff_id, r.month, r.rating, r.discipline, r.excused \
         FROM ratings r WHERE r.staff_id IN ({TEAM}) \
         AND r.year = ?2 AND r.month BETWEEN ?3 AND ?4"
    ))?;
    let mut rows = stmt.query(params![manager_code, q.year, first, first + 2])?;
    let mut out: HashMap<i64, [Option<MonthEntry>; 3]> = HashMap::new();
    while let Some(r) = rows.next()? {
        let month: u8 = r.get(1)?;
        out.entry(r.get(0)?).or_default()[usize::from(month - first)] =
            Some(super::queries::entry_from(r, 2)?);
    }
    Ok(out)
}
