//! Queries for the official forms (`report`): the year's commitments of one
//! unit or one person. Everything else the forms need goes through the
//! status and commendation reads.

use super::Result;
use crate::domain::records::CommitmentRecord;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

const COMMITMENT_COLUMNS: &str =
    "c.staff_id, s.code, c.year, c.signed_on, c.focus_ethics, c.focus_work, c.focus_leadership";

fn commitment_from_row(r: &Row) -> rusqlite::Result<(i64, CommitmentRecord)> {
    let signed: String = r.get(3)?;
    Ok((
        r.get(0)?,
        CommitmentRecord {
            code: r.get(1)?,
            year: r.get(2)?,
            signed_on: NaiveDate::parse_from_str(&signed, "%Y-%m-%d").unwrap_or_default(),
            focus_ethics: r.get(4)?,
            focus_work: r.get(5)?,
            focus_leadership: r.get(6)?,
        },
    ))
}

/// staff id → commitment of `year`, for the people of one unit.
pub fn unit_commitments(
    conn: &Connection,
    year: i32,
    unit: &str,
) -> Result<HashMap<i64, CommitmentRecord>> {
    let sql = format!(
        "SELECT {COMMITMENT_COLUMNS} FROM commitments c JOIN staff s ON s.id = c.staff_id
         WHERE c.year = ?1 AND s.unit = ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![year, unit], commitment_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One person's commitment of `year`, if signed.
pub fn commitment_of(
    conn: &Connection,
    staff_id: i64,
    year: i32,
) -> Result<Option<CommitmentRecord>> {
    let sql = format!(
        "SELECT {COMMITMENT_COLUMNS} FROM commitments c JOIN staff s ON s.id = c.staff_id
         WHERE c.staff_id = ?1 AND c.year = ?2"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![staff_id, year], commitment_from_row)
        .optional()?
        .map(|(_, c)| c))
}
