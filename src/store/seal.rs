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
//! transaction — computed from the values the write binds, never by reading
//! the row back (a test holds every write path to the seal recomputed from
//! the stored row, which is what `verify` compares).
//!
//! What this does not catch: someone who knows the scheme and recomputes the
//! seal of the row they change — the same limit as the audit chain, which
//! can be rewritten whole (see store::audit and docs/DEPLOY.md). Notes,
//! commitments, settings and the KPI tables are not sealed; the KPI log's
//! changes are in the audit chain.

use super::Result;
use rusqlite::types::ValueRef;
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};
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

    /// The stored seal of the outer query's row of this table, as an SQL
    /// subquery. Staff seals have a table of their own, keyed by the row's
    /// id (schema 6): a bulk import appends 100,000 of them in id order
    /// instead of inserting text keys (`1`, `10`, `100`, `2`…) all over
    /// `seals`.
    fn stored_seal_sql(self) -> String {
        match self {
            Sealed::Staff => {
                "(SELECT seal FROM staff_seals WHERE staff_seals.id = staff.id)".into()
            }
            t => format!(
                "(SELECT seal FROM seals WHERE tbl = '{}' AND row_key = {})",
                t.table(),
                t.key()
            ),
        }
    }

    /// The keys of every stored seal of this table, as [`Sealed::key`]
    /// spells them, in order.
    fn sealed_keys_sql(self) -> String {
        match self {
            Sealed::Staff => "SELECT CAST(id AS TEXT) FROM staff_seals ORDER BY 1".into(),
            t => format!(
                "SELECT row_key FROM seals WHERE tbl = '{}' ORDER BY row_key",
                t.table()
            ),
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

/// How many bytes of the SHA-256 a seal keeps: 128 bits are ample to catch
/// a changed row (the scheme is public, so a longer hash would not stop
/// someone who recomputes it), and keep `seals` small.
pub const SEAL_BYTES: usize = 16;

/// A row's seal: the hash of the table's name and every column with its
/// type, each value length-prefixed so that no two rows share an encoding.
pub type Seal = [u8; SEAL_BYTES];

/// The seal of a row given as its values, in column order — as a write
/// just bound them, so the row need not be read back.
pub fn seal_values<'a>(t: Sealed, values: impl IntoIterator<Item = ValueRef<'a>>) -> Seal {
    let mut h = Sha256::new();
    h.update(t.table().as_bytes());
    for v in values {
        match v {
            ValueRef::Null => h.update(b"N"),
            ValueRef::Integer(n) => {
                h.update(b"I");
                h.update(n.to_be_bytes());
            }
            ValueRef::Real(f) => {
                h.update(b"R");
                h.update(f.to_bits().to_be_bytes());
            }
            ValueRef::Text(s) => {
                h.update(b"T");
                h.update((s.len() as u64).to_be_bytes());
                h.update(s);
            }
            ValueRef::Blob(b) => {
                h.update(b"B");
                h.update((b.len() as u64).to_be_bytes());
                h.update(b);
            }
        }
    }
    let full = h.finalize();
    let mut seal = [0u8; SEAL_BYTES];
    seal.copy_from_slice(&full[..SEAL_BYTES]);
    seal
}

/// The seal of a row as stored: columns `first..` of `row` are the table's.
fn seal_of(t: Sealed, row: &rusqlite::Row, first: usize) -> rusqlite::Result<Seal> {
    let values = (first..first + t.column_count())
        .map(|i| row.get_ref(i))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(seal_values(t, values))
}

/// Records the seal of a row just written (in the same transaction), from
/// the values the write bound: `key` is the row's key as [`Sealed::key`]
/// spells it (see [`staff_key`] and its neighbours), `values` every column
/// in schema order, with the types SQLite stores.
pub fn put(conn: &Connection, t: Sealed, key: &str, values: &[ValueRef]) -> Result<()> {
    Writer::new(conn)?.put(t, key, values)
}

/// [`put`] for many rows, its statements prepared once.
pub struct Writer<'c> {
    conn: &'c Connection,
    stmt: CachedStatement<'c>,
    staff: CachedStatement<'c>,
}

/// Rows per statement of [`Writer::put_many`].
const SEALS_PER_STATEMENT: usize = 64;

impl<'c> Writer<'c> {
    pub fn new(conn: &'c Connection) -> Result<Writer<'c>> {
        // REPLACE: a row written again (an update) gets its new seal.
        Ok(Writer {
            conn,
            stmt: conn.prepare_cached(
                "INSERT OR REPLACE INTO seals (tbl, row_key, seal) VALUES (?1, ?2, ?3)",
            )?,
            staff: conn
                .prepare_cached("INSERT OR REPLACE INTO staff_seals (id, seal) VALUES (?1, ?2)")?,
        })
    }

    pub fn put(&mut self, t: Sealed, key: &str, values: &[ValueRef]) -> Result<()> {
        debug_assert_eq!(values.len(), t.column_count(), "{}", t.table());
        self.put_seal(t, key, &seal_values(t, values.iter().copied()))
    }

    /// Records the seals of many staff rows, computed by [`seal_values`]
    /// beforehand: [`SEALS_PER_STATEMENT`] to a statement, since for rows
    /// this small SQLite spends more on running a statement than on the row.
    pub fn put_staff_many(&mut self, seals: &[(i64, Seal)]) -> Result<()> {
        let mut chunks = seals.chunks_exact(SEALS_PER_STATEMENT);
        if chunks.len() > 0 {
            let rows = vec!["(?, ?)"; SEALS_PER_STATEMENT].join(", ");
            let mut many = self.conn.prepare_cached(&format!(
                "INSERT OR REPLACE INTO staff_seals (id, seal) VALUES {rows}"
            ))?;
            for chunk in &mut chunks {
                for (i, (id, seal)) in chunk.iter().enumerate() {
                    many.raw_bind_parameter(2 * i + 1, id)?;
                    many.raw_bind_parameter(2 * i + 2, &seal[..])?;
                }
                many.raw_execute()?;
            }
        }
        for (id, seal) in chunks.remainder() {
            self.put_staff(*id, seal)?;
        }
        Ok(())
    }

    /// Records the seal of staff row `id`, computed beforehand.
    pub fn put_staff(&mut self, id: i64, seal: &Seal) -> Result<()> {
        self.staff.execute(params![id, &seal[..]])?;
        Ok(())
    }

    /// Records a seal computed by [`seal_values`] beforehand.
    pub fn put_seal(&mut self, t: Sealed, key: &str, seal: &Seal) -> Result<()> {
        if t == Sealed::Staff {
            // The key of a staff row is its id (see staff_key).
            let id = key.parse().map_err(|_| {
                rusqlite::Error::InvalidParameterName(format!("staff seal key {key}"))
            })?;
            return self.put_staff(id, seal);
        }
        self.stmt.execute(params![t.table(), key, &seal[..]])?;
        Ok(())
    }
}

/// The row keys of [`Sealed::key`], built in Rust.
pub fn staff_key(id: i64) -> String {
    id.to_string()
}

pub fn rating_key(staff_id: i64, year: i32, month: u8) -> String {
    format!("{staff_id}/{year}/{month}")
}

pub fn checklist_key(staff_id: i64, quarter: &str) -> String {
    format!("{staff_id}/{quarter}")
}

pub fn role_key(login: &str, role: &str) -> String {
    format!("{login}/{role}")
}

/// Seals every row (the migration that introduced seals, on a database made
/// before them), all in `seals` as schema 3 kept them: schema 6 moves the
/// staff rows' seals to `staff_seals`.
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
            put.execute(params![t.table(), key, &seal_of(t, r, 1)?[..]])?;
        }
    }
    Ok(())
}

/// Checks every sealed row; the first row changed, added or deleted behind
/// danhgia's back, if any.
pub fn verify(conn: &Connection) -> Result<Option<Tampered>> {
    for t in Sealed::ALL {
        let sql = format!(
            "SELECT {key}, {stored}, {cols} FROM {table} ORDER BY 1",
            key = t.key(),
            stored = t.stored_seal_sql(),
            cols = t.columns(),
            table = t.table()
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut count = 0i64;
        while let Some(r) = rows.next()? {
            count += 1;
            let key: String = r.get(0)?;
            let change = match r.get_ref(1)? {
                ValueRef::Null => Some(Change::Added),
                ValueRef::Blob(s) if s == seal_of(t, r, 2)?.as_slice() => None,
                _ => Some(Change::Edited),
            };
            if let Some(change) = change {
                return Ok(Some(Tampered {
                    entity: entity(conn, t, &key)?,
                    change,
                }));
            }
        }
        let sealed: i64 = conn.query_row(
            &format!("SELECT count(*) FROM ({})", t.sealed_keys_sql()),
            [],
            |r| r.get(0),
        )?;
        if sealed != count {
            // Every row has its own seal, so a seal is left over: find it.
            let keys: HashSet<String> = conn
                .prepare(&format!("SELECT {} FROM {}", t.key(), t.table()))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt = conn.prepare(&t.sealed_keys_sql())?;
            let mut seals = stmt.query([])?;
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

    /// Every seal in `seals`, and the seal recomputed from its row.
    fn stored_and_recomputed(c: &Connection) -> Vec<(String, Vec<u8>, Seal)> {
        let mut out = Vec::new();
        for t in Sealed::ALL {
            let sql = format!(
                "SELECT {key}, {stored}, {cols} FROM {table}",
                key = t.key(),
                stored = t.stored_seal_sql(),
                cols = t.columns(),
                table = t.table()
            );
            let mut stmt = c.prepare(&sql).unwrap();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let key: String = r.get(0).unwrap();
                let stored: Vec<u8> = r.get(1).unwrap();
                out.push((
                    format!("{}:{key}", t.table()),
                    stored,
                    seal_of(t, r, 2).unwrap(),
                ));
            }
        }
        out
    }

    #[test]
    fn the_seal_of_a_freshly_written_row_equals_the_seal_recomputed_from_the_database() {
        use crate::domain::rating::{MonthlyRating, Rating};
        use crate::domain::{Employment, Staff, StaffGroup, StaffKind};
        use crate::store::{self, ChecklistRow};
        let s = Store::in_memory().unwrap();
        let c = s.conn();
        let mut boss = Staff {
            code: "L1".into(),
            full_name: "Nguyễn Văn Đạt".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1970, 1, 2),
            title: "Trưởng phòng".into(),
            unit: "Phòng Nội vụ".into(),
            kind: StaffKind::Leader,
            group: StaffGroup::Cbldql,
            party_member: true,
            manager_code: None,
            login: Some("dat".into()),
            position_code: Some("QL01".into()),
            grade: Some("01.002".into()),
            employment: Employment {
                joined: chrono::NaiveDate::from_ymd_opt(2020, 3, 1),
                left: None,
            },
        };
        let mut one = Staff {
            code: "S1".into(),
            full_name: "Trần Thị Hoa".into(),
            birth_date: None,
            title: String::new(),
            kind: StaffKind::Staff,
            group: StaffGroup::Nld,
            party_member: false,
            manager_code: Some("L1".into()),
            login: None,
            position_code: None,
            grade: None,
            employment: Employment::default(),
            ..boss.clone()
        };
        // Inserts, then updates of every kind of sealed row.
        let l1 = store::upsert_staff(c, &boss).unwrap();
        let s1 = store::upsert_staff(c, &one).unwrap();
        boss.party_member = false;
        boss.employment.left = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
        one.login = Some("hoa".into());
        assert_eq!(store::write_staff(c, Some(l1), &boss).unwrap(), l1);
        assert_eq!(store::upsert_staff(c, &one).unwrap(), s1);
        let r = |rating, discipline, excused| MonthlyRating {
            rating,
            discipline,
            excused,
        };
        store::upsert_rating(c, s1, 2026, 7, &r(Rating::Htnv, Some(20), true)).unwrap();
        store::upsert_rating(c, s1, 2026, 0, &r(Rating::Htxsnv, None, false)).unwrap();
        store::upsert_rating(c, s1, 2026, 7, &r(Rating::Khtnv, Some(3), false)).unwrap();
        let q: crate::domain::Quarter = "2026-Q3".parse().unwrap();
        let mut row = ChecklistRow::empty(s1, q, 18);
        row.self_marks[0] = Some(true);
        row.updated_at = "t1".into();
        row.updated_by = "hr".into();
        assert!(store::put_checklist(c, &row).unwrap());
        row.version = 1;
        row.review_marks[3] = Some(false);
        row.outstanding = true;
        row.achievement = Some("Sáng kiến".into());
        row.return_note = Some("Bổ sung".into());
        assert!(store::put_checklist(c, &row).unwrap());
        // A stale version writes nothing, and seals nothing.
        assert!(!store::put_checklist(c, &row).unwrap());
        store::grant_role(c, "dat", "reviewer", "hr", "t").unwrap();
        store::set_round(c, q, true, "hr", "t").unwrap();
        store::set_round(c, q, false, "hr", "t2").unwrap();

        let seals = stored_and_recomputed(c);
        assert_eq!(seals.len(), 2 + 2 + 1 + 1 + 1, "{seals:?}");
        for (row, stored, recomputed) in &seals {
            assert_eq!(stored.as_slice(), recomputed.as_slice(), "{row}");
        }
        assert_eq!(verify(c).unwrap(), None);
        // And the recomputation sees a change.
        c.execute("UPDATE checklists SET version = 3", []).unwrap();
        assert_eq!(verify(c).unwrap().map(|t| t.change), Some(Change::Edited));
    }

    #[test]
    fn no_two_rows_share_an_encoding() {
        let a = seal_values(Sealed::Roles, [ValueRef::Text(b"a\x1fTb"), ValueRef::Null]);
        let b = seal_values(Sealed::Roles, [ValueRef::Text(b"a"), ValueRef::Text(b"b")]);
        assert_ne!(a, b);
        let n = seal_values(Sealed::Rounds, [ValueRef::Integer(1)]);
        let t = seal_values(Sealed::Rounds, [ValueRef::Text(b"1")]);
        assert_ne!(n, t);
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
