//! The staff record's history (`staff_history`, domain::history): the
//! entries of the people whose place changed, read by person, by date and
//! by manager, and written one entry at a time with its seal.

use super::Result;
use super::queries::{StaffRow, date_text, opt_text, staff_by_code, text};
use super::seal::{self, Sealed};
use crate::domain::history::{Dated, History, Placement};
use crate::domain::{Quarter, StaffKind};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};
use std::collections::HashMap;

/// `effective` as stored: the ISO date, or empty for "since always".
pub fn effective_text(d: Option<NaiveDate>) -> String {
    date_text(d).unwrap_or_default()
}

fn dated_from(r: &Row, first: usize) -> rusqlite::Result<Dated> {
    let effective: String = r.get(first)?;
    let kind: String = r.get(first + 3)?;
    Ok(Dated {
        effective: NaiveDate::parse_from_str(&effective, "%Y-%m-%d").ok(),
        placement: Placement {
            manager_code: r.get(first + 1)?,
            unit: r.get(first + 2)?,
            kind: if kind == "leader" {
                StaffKind::Leader
            } else {
                StaffKind::Staff
            },
            title: r.get(first + 4)?,
        },
    })
}

const ENTRY: &str = "effective, manager_code, unit, kind, title";

/// Writes one entry of person `staff_id` (replacing one of the same date)
/// and its seal.
pub fn put_entry(
    conn: &Connection,
    staff_id: i64,
    effective: Option<NaiveDate>,
    p: &Placement,
) -> Result<()> {
    let effective = effective_text(effective);
    let values = [
        ValueRef::Integer(staff_id),
        text(&effective),
        opt_text(p.manager_code.as_deref()),
        text(&p.unit),
        text(p.kind.as_str()),
        text(&p.title),
    ];
    conn.prepare_cached(
        "INSERT INTO staff_history (staff_id, effective, manager_code, unit, kind, title)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (staff_id, effective) DO UPDATE SET manager_code = excluded.manager_code,
            unit = excluded.unit, kind = excluded.kind, title = excluded.title",
    )?
    .execute(rusqlite::params_from_iter(
        values
            .iter()
            .map(|v| rusqlite::types::ToSqlOutput::Borrowed(*v)),
    ))?;
    seal::put(
        conn,
        Sealed::History,
        &seal::history_key(staff_id, &effective),
        &values,
    )
}

/// One person's history; `None` where their place never changed.
pub fn history_of(conn: &Connection, staff_id: i64) -> Result<Option<History>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY} FROM staff_history WHERE staff_id = ?1 ORDER BY effective"
    ))?;
    let rows = stmt.query_map([staff_id], |r| dated_from(r, 0))?;
    Ok(History::new(rows.collect::<Result<_, _>>()?))
}

/// The histories of everyone with an entry dated after `date`: the only
/// people whose record on `date` or later may differ from their staff row
/// (whose entries all lie on or before `date` have their latest, the staff
/// row, in force from then on). A quarter reads those dated after its first
/// month's end; most people have none.
pub fn histories_after(conn: &Connection, date: NaiveDate) -> Result<HashMap<i64, History>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT staff_id, {ENTRY} FROM staff_history
         WHERE staff_id IN (SELECT staff_id FROM staff_history WHERE effective > ?1)
         ORDER BY staff_id, effective"
    ))?;
    let mut rows = stmt.query([effective_text(Some(date))])?;
    let mut by_id: HashMap<i64, Vec<Dated>> = HashMap::new();
    while let Some(r) = rows.next()? {
        by_id.entry(r.get(0)?).or_default().push(dated_from(r, 1)?);
    }
    Ok(by_id
        .into_iter()
        .filter_map(|(id, d)| History::new(d).map(|h| (id, h)))
        .collect())
}

/// The date of a person's latest entry: `None` where they have no history,
/// `Some(None)` where it is "since always".
pub fn latest_date(conn: &Connection, staff_id: i64) -> Result<Option<Option<NaiveDate>>> {
    let latest: Option<String> = conn
        .prepare_cached("SELECT max(effective) FROM staff_history WHERE staff_id = ?1")?
        .query_row([staff_id], |r| r.get(0))?;
    Ok(latest.map(|e| NaiveDate::parse_from_str(&e, "%Y-%m-%d").ok()))
}

/// The histories of everyone who is or ever was under `manager`: in one
/// read, by the two indexes (the staff's manager, the history's manager).
pub fn team_histories(conn: &Connection, manager: &str) -> Result<HashMap<i64, History>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT staff_id, {ENTRY} FROM staff_history
         WHERE staff_id IN (SELECT id FROM staff WHERE manager_code = ?1
                            UNION SELECT staff_id FROM staff_history WHERE manager_code = ?1)
         ORDER BY staff_id, effective"
    ))?;
    let mut entries = stmt.query([manager])?;
    let mut by_id: HashMap<i64, Vec<Dated>> = HashMap::new();
    while let Some(r) = entries.next()? {
        by_id.entry(r.get(0)?).or_default().push(dated_from(r, 1)?);
    }
    Ok(by_id
        .into_iter()
        .filter_map(|(id, d)| History::new(d).map(|h| (id, h)))
        .collect())
}

/// `row` with its place on `date` where its history says otherwise.
pub fn placed_at(row: &mut StaffRow, history: Option<&History>, date: NaiveDate) {
    if let Some(h) = history {
        row.staff.set_placement(h.at(date).clone());
    }
}

/// A person by code with their place on `date`.
pub fn staff_by_code_at(
    conn: &Connection,
    code: &str,
    date: NaiveDate,
) -> Result<Option<StaffRow>> {
    let Some(mut row) = staff_by_code(conn, code)? else {
        return Ok(None);
    };
    let history = history_of(conn, row.id)?;
    placed_at(&mut row, history.as_ref(), date);
    Ok(Some(row))
}

/// The people whose unit on `date` was `unit`, placed as on that date, by
/// code: the unit's current people less those who came after `date`, and
/// those who left it since.
pub fn staff_in_unit_at(conn: &Connection, unit: &str, date: NaiveDate) -> Result<Vec<StaffRow>> {
    let later = histories_after(conn, date)?;
    let mut rows = super::staff_in_unit(conn, unit)?;
    for r in &mut rows {
        placed_at(r, later.get(&r.id), date);
    }
    rows.retain(|r| r.staff.unit == unit);
    let mut former: Vec<i64> = later
        .iter()
        .filter(|(id, h)| h.at(date).unit == unit && !rows.iter().any(|r| r.id == **id))
        .map(|(id, _)| *id)
        .collect();
    former.sort_unstable();
    for id in former {
        if let Some(mut r) = super::staff_by_id(conn, id)? {
            placed_at(&mut r, later.get(&id), date);
            rows.push(r);
        }
    }
    rows.sort_by(|a, b| a.staff.code.cmp(&b.staff.code));
    Ok(rows)
}

/// The direct subordinates of `manager` on `date` (their manager of record
/// then), placed as on that date, by code.
pub fn subordinates_at(conn: &Connection, manager: &str, date: NaiveDate) -> Result<Vec<StaffRow>> {
    let mut out = Vec::new();
    for (mut row, history) in team(conn, manager)? {
        placed_at(&mut row, history.as_ref(), date);
        if row.staff.manager_code.as_deref() == Some(manager) {
            out.push(row);
        }
    }
    Ok(out)
}

/// The direct subordinates of `manager` in some month of `q` (manager of
/// record at its end), each with the months they were, by code.
pub fn subordinates_in(
    conn: &Connection,
    manager: &str,
    q: Quarter,
) -> Result<Vec<(StaffRow, [bool; 3])>> {
    let mut out = Vec::new();
    for (row, history) in team(conn, manager)? {
        let under = match &history {
            Some(h) => crate::domain::history::under(h, manager, q),
            None => [true; 3],
        };
        if under.contains(&true) {
            out.push((row, under));
        }
    }
    Ok(out)
}

/// Everyone who is or ever was under `manager` (current rows, by code),
/// with their histories: two reads besides the current subordinates.
fn team(conn: &Connection, manager: &str) -> Result<Vec<(StaffRow, Option<History>)>> {
    let mut histories = team_histories(conn, manager)?;
    let mut rows = super::subordinates_of(conn, manager)?;
    let mut former: Vec<i64> = histories
        .keys()
        .copied()
        .filter(|id| !rows.iter().any(|r| r.id == *id))
        .collect();
    former.sort_unstable();
    for id in former {
        rows.extend(super::staff_by_id(conn, id)?);
    }
    rows.sort_by(|a, b| a.staff.code.cmp(&b.staff.code));
    Ok(rows
        .into_iter()
        .map(|r| {
            let h = histories.remove(&r.id);
            (r, h)
        })
        .collect())
}
