//! Seals: a hash of every row of the tables that decide a result and who
//! may act — staff, ratings, checklists, roles, rounds — kept in `seals` by
//! the store's own writes and checked by `danhgia audit verify`, so that a
//! row changed, added or deleted with `sqlite3` behind danhgia's back is
//! caught and named (`checklist:CB01:2026-Q3`), as an edited audit entry is.
//!
//! Why seals and not a comparison with the audit log's `after` states:
//! imports write thousands of rows under one audit entry, so most ratings and
//! staff rows have no per-row state in the log. A seal is written with every
//! row, by whichever path writes it (service, import, demo), in the same
//! transaction.
//!
//! What this does not catch: someone who knows the scheme and recomputes the
//! seal of the row they change — the same limit as the audit chain, which
//! can be rewritten whole (see store::audit and docs/DEPLOY.md). Notes,
//! commitments, settings and the KPI tables are not sealed; the KPI log's
//! changes are in the audit chain.

use super::Result;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Params, params};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// A sealed table: its columns (every one; a test checks the list against
/// the schema), the SQL text of its row key, and how to find one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealed {
    Staff,
    Ratings,
    Checklists,
    Roles,
    Rounds,
}

impl Sealed {
    pub const ALL: [Sealed; 5] = [
        Sealed::Staff,
        Sealed::Ratings,
        Sealed::Checklists,
        Sealed::Roles,
        Sealed::Rounds,
    ];

    pub fn table(self) -> &'static str {
        match self {
            Sealed::Staff => "staff",
            Sealed::Ratings => "ratings",
            Sealed::Checklists => "checklists",
            Sealed::Roles => "roles",
            Sealed::Rounds => "rounds",
        }
    }

    /// Every column, in schema order.
    pub fn columns(self) -> &'static str {
        match self {
            Sealed::Staff => {
                "id, code, full_name, name_fold, birth_date, title, unit, kind, grp, party_member, manager_code, login, position_code, grade, joined, left_on"
            }
            Sealed::Ratings => "staff_id, year, month, rating, discipline, excused",
            Sealed::Checklists => {
                "staff_id, quarter, state, version, self_marks, review_marks, outstanding, achievement, return_note, updated_at, updated_by"
            }
            Sealed::Roles => "login, role, granted_at, granted_by",
            Sealed::Rounds => "quarter, state, changed_at, changed_by",
        }
    }

    /// The row's key as text, an SQL expression over the row.
    fn key(self) -> &'static str {
        match self {
            Sealed::Staff => "CAST(id AS TEXT)",
            Sealed::Ratings => "staff_id || '/' || year || '/' || month",
            Sealed::Checklists => "staff_id || '/' || quarter",
            Sealed::Roles => "login || '/' || role",
            Sealed::Rounds => "quarter",
        }
    }

    /// Finds one row by its primary key, `?1`, `?2`, … in key order.
    fn by_key(self) -> &'static str {
        match self {
            Sealed::Staff => "id = ?1",
            Sealed::Ratings => "staff_id = ?1 AND year = ?2 AND month = ?3",
            Sealed::Checklists => "staff_id = ?1 AND quarter = ?2",
            Sealed::Roles => "login = ?1 AND role = ?2",
            Sealed::Rounds => "quarter = ?1",
        }
    }

    fn column_count(self) -> usize {
        self.columns().split(',').count()
    }
}

/// How a sealed row differs from what danhgia wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Its content does not match its seal (an UPDATE).
    Edited,
    /// It has no seal (an INSERT).
    Added,
    /// Its seal has no row (a DELETE).
    Deleted,
}

/// The first row found changed behind danhgia's back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tampered {
    /// As the audit log names it: `checklist:CB01:2026-Q3`, `rating:CB01:2026-08`,
    /// `staff:CB01`, `role:login:admin`, `round:2026-Q3`.
    pub entity: String,
    pub change: Change,
}

/// The hash of a row: the table's name and every column with its type.
fn seal_of(t: Sealed, row: &rusqlite::Row, first: usize) -> rusqlite::Result<String> {
    let mut h = Sha256::new();
    h.update(t.table().as_bytes());
    for i in first..first + t.column_count() {
        h.update([0x1f]);
        match row.get_ref(i)? {
            ValueRef::Null => h.update(b"N"),
            ValueRef::Integer(n) => {
                h.update(b"I");
                h.update(n.to_string().as_bytes());
            }
            ValueRef::Real(f) => {
                h.update(b"R");
                h.update(f.to_bits().to_be_bytes());
            }
            ValueRef::Text(s) => {
                h.update(b"T");
                h.update(s);
            }
            ValueRef::Blob(b) => {
                h.update(b"B");
                h.update(b);
            }
        }
    }
    Ok(hex::encode(h.finalize()))
}

/// Seals the row of `t` whose primary key is `key` (call after writing it,
/// in the same transaction).
pub fn reseal<P: Params>(conn: &Connection, t: Sealed, key: P) -> Result<()> {
    let sql = format!(
        "SELECT {}, {} FROM {} WHERE {}",
        t.key(),
        t.columns(),
        t.table(),
        t.by_key()
    );
    let found: Option<(String, String)> = conn
        .prepare_cached(&sql)?
        .query_row(key, |r| Ok((r.get(0)?, seal_of(t, r, 1)?)))
        .optional()?;
    if let Some((row_key, seal)) = found {
        conn.prepare_cached(
            "INSERT INTO seals (tbl, row_key, seal) VALUES (?1, ?2, ?3)
             ON CONFLICT (tbl, row_key) DO UPDATE SET seal = excluded.seal",
        )?
        .execute(params![t.table(), row_key, seal])?;
    }
    Ok(())
}

/// Seals every row (the migration that introduced seals, on a database made
/// before them).
pub fn seal_all(conn: &Connection) -> Result<()> {
    for t in Sealed::ALL {
        let sql = format!("SELECT {}, {} FROM {}", t.key(), t.columns(), t.table());
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut put = conn.prepare_cached(
            "INSERT OR REPLACE INTO seals (tbl, row_key, seal) VALUES (?1, ?2, ?3)",
        )?;
        while let Some(r) = rows.next()? {
            let key: String = r.get(0)?;
            put.execute(params![t.table(), key, seal_of(t, r, 1)?])?;
        }
    }
    Ok(())
}

/// Checks every sealed row; the first row changed, added or deleted behind
/// danhgia's back, if any.
pub fn verify(conn: &Connection) -> Result<Option<Tampered>> {
    for t in Sealed::ALL {
        let sql = format!(
            "SELECT {key}, (SELECT seal FROM seals WHERE tbl = ?1 AND row_key = {key}), {cols} FROM {table} ORDER BY 1",
            key = t.key(),
            cols = t.columns(),
            table = t.table()
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([t.table()])?;
        let mut count = 0i64;
        while let Some(r) = rows.next()? {
            count += 1;
            let key: String = r.get(0)?;
            let stored: Option<String> = r.get(1)?;
            let change = match stored {
                None => Some(Change::Added),
                Some(s) if s != seal_of(t, r, 2)? => Some(Change::Edited),
                Some(_) => None,
            };
            if let Some(change) = change {
                return Ok(Some(Tampered {
                    entity: entity(conn, t, &key)?,
                    change,
                }));
            }
        }
        let sealed: i64 = conn.query_row(
            "SELECT count(*) FROM seals WHERE tbl = ?1",
            [t.table()],
            |r| r.get(0),
        )?;
        if sealed != count {
            // Every row has its own seal, so a seal is left over: find it.
            let keys: HashSet<String> = conn
                .prepare(&format!("SELECT {} FROM {}", t.key(), t.table()))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt =
                conn.prepare("SELECT row_key FROM seals WHERE tbl = ?1 ORDER BY row_key")?;
            let mut seals = stmt.query([t.table()])?;
            while let Some(r) = seals.next()? {
                let key: String = r.get(0)?;
                if !keys.contains(&key) {
                    return Ok(Some(Tampered {
                        entity: entity(conn, t, &key)?,
                        change: Change::Deleted,
                    }));
                }
            }
        }
    }
    Ok(None)
}

/// The audit log's name of a row, from its key.
fn entity(conn: &Connection, t: Sealed, key: &str) -> Result<String> {
    let code = |id: &str| -> Result<String> {
        let code: Option<String> = conn
            .query_row(
                "SELECT code FROM staff WHERE CAST(id AS TEXT) = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(code.unwrap_or_else(|| format!("#{id}")))
    };
    let parts: Vec<&str> = key.split('/').collect();
    Ok(match (t, parts.as_slice()) {
        (Sealed::Staff, [id]) => format!("staff:{}", code(id)?),
        (Sealed::Ratings, [id, year, month]) => {
            let m: u8 = month.parse().unwrap_or(0);
            format!("rating:{}:{year}-{m:02}", code(id)?)
        }
        (Sealed::Checklists, [id, quarter]) => format!("checklist:{}:{quarter}", code(id)?),
        (Sealed::Roles, [login @ .., role]) => format!("role:{}:{role}", login.join("/")),
        (Sealed::Rounds, _) => format!("round:{key}"),
        _ => format!("{}:{key}", t.table()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn every_column_of_every_sealed_table_is_sealed() {
        let s = Store::in_memory().unwrap();
        for t in Sealed::ALL {
            let mut stmt = s
                .conn()
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    t.table()
                ))
                .unwrap();
            let names: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(names.join(", "), t.columns(), "{}", t.table());
        }
    }

    #[test]
    fn an_update_an_insert_and_a_delete_are_each_named() {
        let s = Store::in_memory().unwrap();
        let c = s.conn();
        crate::store::set_round(c, "2026-Q3".parse().unwrap(), true, "hr", "t").unwrap();
        crate::store::grant_role(c, "hr", "admin", "hr", "t").unwrap();
        assert_eq!(verify(c).unwrap(), None);
        c.execute("UPDATE rounds SET state = 'open'", []).unwrap();
        assert_eq!(
            verify(c).unwrap(),
            Some(Tampered {
                entity: "round:2026-Q3".into(),
                change: Change::Edited
            })
        );
        c.execute("DELETE FROM rounds", []).unwrap();
        assert_eq!(verify(c).unwrap().map(|t| t.change), Some(Change::Deleted));
        c.execute(
            "INSERT INTO roles VALUES ('mallory', 'admin', 't', 'hr')",
            [],
        )
        .unwrap();
        assert_eq!(
            verify(c).unwrap(),
            Some(Tampered {
                entity: "role:mallory:admin".into(),
                change: Change::Added
            })
        );
    }
}
