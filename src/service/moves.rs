//! A staff import's changes of place (manager, unit, kind, title), checked
//! and recorded in the staff record's history (domain::history) at the date
//! each takes effect: the row's `effective` cell, else `--effective`, else
//! the day of the import (for someone who has not joined yet, their joining
//! date: the change then corrects the record they start with).
//!
//! The staff rows themselves are written by the bulk import before this
//! runs, in the same transaction: a refusal here rolls everything back.

use super::imports::RowLinks;
use crate::domain::Quarter;
use crate::domain::history::{History, Placement};
use crate::domain::records::{Numbered, Problem, RowProblem, StaffRecord};
use crate::store::{self, StaffLinks, history as hstore};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

/// A staff file's row that changes a person's place.
pub(super) struct Move {
    row: usize,
    id: i64,
    code: String,
    /// The row's own date (its `effective` cell).
    effective: Option<NaiveDate>,
    before: Placement,
    after: Placement,
    /// The joining date the file gives.
    joined: Option<NaiveDate>,
}

impl Move {
    pub(super) fn of(r: &Numbered<StaffRecord>, l: &StaffLinks) -> Move {
        Move {
            row: r.row,
            id: l.id,
            code: r.record.staff.code.clone(),
            effective: r.record.effective,
            before: l.placement(),
            after: r.record.staff.placement(),
            joined: r.record.staff.employment.joined,
        }
    }
}

/// A moment of the history: `None` is before any date (a correction of the
/// place someone had from the start).
type Moment = Option<NaiveDate>;

/// How a move is recorded once its date is checked.
struct Planned<'m> {
    m: &'m Move,
    date: NaiveDate,
    /// From when the new place holds: the date, or from the start (`None`:
    /// a change dated on the joining date of someone with no history, which
    /// corrects their staff row and needs no entry).
    from: Moment,
    /// Whether the person had a history before this import.
    had_history: bool,
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Checks `moves` (every problem named by row) and, if there is none,
/// records them in the history. `default` is `--effective`; `links` every
/// row of the file, `existing` everyone before the import.
pub(super) fn record_moves(
    tx: &Connection,
    moves: &[Move],
    default: Option<NaiveDate>,
    today: NaiveDate,
    links: &[RowLinks],
    existing: &HashMap<String, StaffLinks>,
) -> super::Result<Vec<RowProblem>> {
    let closed: Vec<Quarter> = store::rounds(tx)?
        .into_iter()
        .filter(|(_, closed)| *closed)
        .filter_map(|(q, _)| q.parse().ok())
        .collect();
    let mut problems = Vec::new();
    let mut planned = Vec::with_capacity(moves.len());
    for m in moves {
        let column = match (m.effective, default) {
            (None, Some(_)) => "--effective",
            _ => "effective",
        };
        let date = m.effective.or(default).unwrap_or(match m.joined {
            Some(j) if j > today => j,
            _ => today,
        });
        let mut refuse = |p: Problem| {
            problems.push(RowProblem {
                row: m.row,
                column: column.to_owned(),
                value: dmy(date),
                problem: p,
            })
        };
        let latest = hstore::latest_date(tx, m.id)?;
        if m.joined.is_some_and(|j| date < j) {
            refuse(Problem::ChangeBeforeJoined);
            continue;
        }
        let from = match latest {
            Some(Some(last)) if date < last => {
                refuse(Problem::ChangeBeforeLastChange { last: dmy(last) });
                continue;
            }
            Some(_) => Some(date),
            None if m.joined == Some(date) => None,
            None => Some(date),
        };
        // The new place holds from `from` on (a correction from the start:
        // from joining, before which nobody is counted): every closed
        // quarter that ends on or after it would change.
        let counts_from = from.or(m.joined);
        if let Some(q) = closed
            .iter()
            .filter(|q| counts_from.is_none_or(|f| q.months()[2].last_day() >= f))
            .min()
        {
            refuse(Problem::ChangeInClosedRound {
                quarter: q.to_string(),
            });
            continue;
        }
        planned.push(Planned {
            m,
            date,
            from,
            had_history: latest.is_some(),
        });
    }
    problems.extend(dated_cycles(tx, &planned, links, existing)?);
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.row);
        return Ok(problems);
    }
    for p in &planned {
        let m = p.m;
        if p.from.is_none() {
            continue;
        }
        if !p.had_history {
            // The first change: the place as it stood from joining, then
            // the new one.
            hstore::put_entry(tx, m.id, m.joined, &m.before)?;
        }
        hstore::put_entry(tx, m.id, Some(p.date), &m.after)?;
    }
    Ok(problems)
}

/// The rows whose new manager would close a loop on some date from which
/// it holds: the file as a whole was checked (the places now, every change
/// in force), but a change dated before another person's later recorded
/// one may loop in between (A's manager B from 1/9; B's manager A until
/// 1/10).
fn dated_cycles(
    tx: &Connection,
    planned: &[Planned],
    links: &[RowLinks],
    existing: &HashMap<String, StaffLinks>,
) -> super::Result<Vec<RowProblem>> {
    let Some(first) = planned.iter().map(|p| p.from).min() else {
        return Ok(Vec::new());
    };
    // Everyone whose place may differ from now at some moment from `first`
    // on: those with an entry after it.
    let since = first.unwrap_or(NaiveDate::MIN);
    let histories: HashMap<i64, History> = hstore::histories_after(tx, since)?;
    let mut moments: Vec<Moment> = planned.iter().map(|p| p.from).collect();
    for h in histories.values() {
        moments.extend(
            h.entries()
                .iter()
                .filter(|e| e.effective.is_some() && e.effective >= first)
                .map(|e| e.effective),
        );
    }
    moments.sort_unstable();
    moments.dedup();

    let moved: HashMap<&str, &Planned> = planned.iter().map(|p| (p.m.code.as_str(), p)).collect();
    let in_file: HashMap<&str, Option<&str>> = links
        .iter()
        .map(|l| (l.code.as_str(), l.manager_code.as_deref()))
        .collect();
    let at = |h: &'_ History, t: Moment| -> Option<String> {
        let p = match t {
            Some(d) => h.at(d),
            None => &h.entries()[0].placement,
        };
        p.manager_code.clone()
    };
    let manager_at = |code: &str, t: Moment| -> Option<String> {
        let id = existing.get(code).map(|l| l.id);
        let history = id.and_then(|id| histories.get(&id));
        if let Some(p) = moved.get(code) {
            if p.from <= t {
                return p.m.after.manager_code.clone();
            }
            return match history {
                Some(h) => at(h, t),
                None => p.m.before.manager_code.clone(),
            };
        }
        if let Some(h) = history {
            return at(h, t);
        }
        match in_file.get(code) {
            Some(m) => m.map(str::to_owned),
            None => existing.get(code).and_then(|l| l.manager_code.clone()),
        }
    };
    let mut out = Vec::new();
    for p in planned {
        let on_loop = moments.iter().filter(|t| p.from <= **t).find(|t| {
            let mut seen: Vec<String> = Vec::new();
            let mut at = p.m.code.clone();
            while let Some(next) = manager_at(&at, **t) {
                if next == p.m.code {
                    return true;
                }
                if seen.contains(&next) {
                    return false;
                }
                seen.push(next.clone());
                at = next;
            }
            false
        });
        if let Some(t) = on_loop {
            let date = t.map_or_else(|| dmy(p.date), dmy);
            out.push(RowProblem {
                row: p.m.row,
                column: "manager_code".to_owned(),
                value: p.m.after.manager_code.clone().unwrap_or_default(),
                problem: Problem::ManagerCycleOn { date },
            });
        }
    }
    Ok(out)
}
