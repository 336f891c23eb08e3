//! Seals: a hash of every row of the tables that decide a result and who
//! may act — staff and its history, ratings, checklists, roles, rounds, and
//! the settings that change results — kept in `seals` by the store's own writes and
//! checked by `danhgia audit verify`, so that a row changed, added or
//! deleted with `sqlite3` behind danhgia's back is caught and named
//! (`checklist:CB01:2026-Q3`), as an edited audit entry is.
//!
//! A row deleted *together with its seal* leaves nothing to compare, so
//! every table also has a running [`Tally`] in `seal_tallies` (schema 7):
//! how many seals it has and a multiset hash of them — the wrapping sum,
//! mod 2^128, of a hash of each (table, key, seal) — updated by every seal
//! write (the old seal's part subtracted, the new one's added), and carried
//! by every audit entry (store::audit). `audit verify` recomputes the
//! tallies from the seals and compares them with the last entry's.
//!
//! The registry of sealed tables is [`Sealed`]: a table joins it by a
//! variant (its columns, key, which rows, and the schema version it joined
//! at); the migration to that version seals the rows already there through
//! [`seal_existing`], the one function that seals rows wholesale, which
//! says so in the audit log.
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
//! can be rewritten whole (see store::audit and docs/DEPLOY.md; the system
//! log's copy of the audit head, store::journal, catches that). Notes,
//! commitments, the KPI tables and the settings that change no result (the
//! audit head, the database's id) are not sealed; the KPI log's changes are
//! in the audit chain.

use super::Result;
use rusqlite::types::ValueRef;
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The registry of sealed tables: each one's columns (every one; a test
/// checks the list against the schema), the SQL text of its row key, which
/// of its rows are sealed, and the schema version it joined at.
///
/// A table joins (history, notes, assignments…) here and nowhere else: a
/// variant, in [`Sealed::ALL`], with its arms below (and its audit name in
/// `entity`/[`entity_exists`]); its writes call [`put`] (and [`remove`])
/// with the row; and [`Sealed::since`] gives the migration that brings it
/// in, after which `Store::migrate` seals the rows already there through
/// [`seal_existing`], which records it in the audit log. Its seals live in
/// `seals`, its tally in `seal_tallies`, and every audit entry counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealed {
    Staff,
    Ratings,
    Checklists,
    Roles,
    Rounds,
    /// The rows of `settings` that change a result: see [`is_sealed_setting`].
    Settings,
    /// The staff record's history (manager of record, unit, kind, title by
    /// date): it decides rule 3, the form and the reviewer of a quarter.
    History,
}

/// The settings sealed by name: the forms' header.
pub const SEALED_SETTINGS: [&str; 3] = ["unit_name", "governing_body", "place"];

/// The settings sealed by the start of their name: KPI numbers, a round's
/// frozen settings.
pub const SEALED_SETTING_PREFIXES: [&str; 2] = ["kpi.", "round:"];

/// Is this settings row sealed? (The audit head and the database's id are
/// not: they change with every entry, or never, and the chain holds them.)
pub fn is_sealed_setting(key: &str) -> bool {
    SEALED_SETTINGS.contains(&key) || SEALED_SETTING_PREFIXES.iter().any(|p| key.starts_with(p))
}

impl Sealed {
    pub const ALL: [Sealed; 7] = [
        Sealed::Staff,
        Sealed::Ratings,
        Sealed::Checklists,
        Sealed::Roles,
        Sealed::Rounds,
        Sealed::Settings,
        Sealed::History,
    ];

    /// The schema version whose migration brought the table into the
    /// registry: upgrading a database past it seals the rows already there
    /// with [`seal_existing`] (`Store::migrate`).
    pub fn since(self) -> usize {
        match self {
            Sealed::Settings => super::schema::TALLIES_VERSION,
            Sealed::History => super::schema::HISTORY_VERSION,
            _ => super::schema::SEALS_VERSION,
        }
    }

    /// Which rows of the table are sealed, an SQL condition over the row.
    fn rows_sql(self) -> &'static str {
        match self {
            Sealed::Settings => {
                "(key IN ('unit_name', 'governing_body', 'place') OR key GLOB 'kpi.*' OR key GLOB 'round:*')"
            }
            _ => "1",
        }
    }

    pub fn table(self) -> &'static str {
        match self {
            Sealed::Staff => "staff",
            Sealed::Ratings => "ratings",
            Sealed::Checklists => "checklists",
            Sealed::Roles => "roles",
            Sealed::Rounds => "rounds",
            Sealed::Settings => "settings",
            Sealed::History => "staff_history",
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
            Sealed::Settings => "key, value",
            Sealed::History => "staff_id, effective, manager_code, unit, kind, title",
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
            Sealed::Settings => "key",
            Sealed::History => "staff_id || '/' || effective",
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

/// Removes the seal of a row just deleted (in the same transaction), its
/// part taken out of the table's tally. No sealed row is deleted today; a
/// table that gets a delete (a role revoked) calls this with it.
pub fn remove(conn: &Connection, t: Sealed, key: &str) -> Result<()> {
    let mut w = Writer::new(conn)?;
    let Some(old) = w.old_seal(t, key)? else {
        return Ok(());
    };
    if t == Sealed::Staff {
        conn.prepare_cached("DELETE FROM staff_seals WHERE id = ?1")?
            .execute([parse_staff_key(key)?])?;
    } else {
        conn.prepare_cached("DELETE FROM seals WHERE tbl = ?1 AND row_key = ?2")?
            .execute(params![t.table(), key])?;
    }
    add_to_tally(conn, t, -1, 0, part(t, key, &old))
}

/// [`put`] for many rows, its statements prepared once.
pub struct Writer<'c> {
    conn: &'c Connection,
    stmt: CachedStatement<'c>,
    staff: CachedStatement<'c>,
    old: CachedStatement<'c>,
    old_staff: CachedStatement<'c>,
}

/// Rows per statement of [`Writer::put_staff_many`].
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
            old: conn.prepare_cached("SELECT seal FROM seals WHERE tbl = ?1 AND row_key = ?2")?,
            old_staff: conn.prepare_cached("SELECT seal FROM staff_seals WHERE id = ?1")?,
        })
    }

    pub fn put(&mut self, t: Sealed, key: &str, values: &[ValueRef]) -> Result<()> {
        debug_assert_eq!(values.len(), t.column_count(), "{}", t.table());
        self.put_seal(t, key, &seal_values(t, values.iter().copied()))
    }

    /// The seal stored for a row, if any.
    fn old_seal(&mut self, t: Sealed, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(if t == Sealed::Staff {
            self.old_staff
                .query_row([parse_staff_key(key)?], |r| r.get(0))
                .optional()?
        } else {
            self.old
                .query_row(params![t.table(), key], |r| r.get(0))
                .optional()?
        })
    }

    /// Records the seals of many staff rows in id order, each with its
    /// [`staff_part`], computed beforehand (a bulk import does it on the
    /// other core): [`SEALS_PER_STATEMENT`] to a statement, since for rows
    /// this small SQLite spends more on running a statement than on the
    /// row. The ids are distinct. The seals they replace are read in one
    /// range scan (none, for the new rows of an import) and their parts
    /// taken out of the tally.
    pub fn put_staff_many(&mut self, seals: &[(i64, Seal, u128)]) -> Result<()> {
        let (Some(first), Some(last)) = (seals.first(), seals.last()) else {
            return Ok(());
        };
        debug_assert!(seals.windows(2).all(|w| w[0].0 < w[1].0), "in id order");
        let (mut replaced, mut sub) = (0i64, 0u128);
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, seal FROM staff_seals WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
            )?;
            let mut rows = stmt.query([first.0, last.0])?;
            let mut new = seals.iter().peekable();
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                while new.next_if(|(n, _, _)| *n < id).is_some() {}
                if new.peek().is_some_and(|(n, _, _)| *n == id) {
                    replaced += 1;
                    sub = sub.wrapping_add(staff_part(id, blob(r, 1)?));
                }
            }
        }
        let add = seals
            .iter()
            .fold(0u128, |sum, (_, _, p)| sum.wrapping_add(*p));
        let mut chunks = seals.chunks_exact(SEALS_PER_STATEMENT);
        if chunks.len() > 0 {
            let rows = vec!["(?, ?)"; SEALS_PER_STATEMENT].join(", ");
            let mut many = self.conn.prepare_cached(&format!(
                "INSERT OR REPLACE INTO staff_seals (id, seal) VALUES {rows}"
            ))?;
            for chunk in &mut chunks {
                for (i, (id, seal, _)) in chunk.iter().enumerate() {
                    many.raw_bind_parameter(2 * i + 1, id)?;
                    many.raw_bind_parameter(2 * i + 2, &seal[..])?;
                }
                many.raw_execute()?;
            }
        }
        for (id, seal, _) in chunks.remainder() {
            self.staff.execute(params![id, &seal[..]])?;
        }
        add_to_tally(
            self.conn,
            Sealed::Staff,
            seals.len() as i64 - replaced,
            add,
            sub,
        )
    }

    /// Records the seal of staff row `id`, computed beforehand.
    pub fn put_staff(&mut self, id: i64, seal: &Seal) -> Result<()> {
        self.put_seal(Sealed::Staff, &staff_key(id), seal)
    }

    /// Records a seal computed by [`seal_values`] beforehand, and moves the
    /// table's tally from the old seal (if any) to the new.
    pub fn put_seal(&mut self, t: Sealed, key: &str, seal: &Seal) -> Result<()> {
        let old = self.old_seal(t, key)?;
        if t == Sealed::Staff {
            // The key of a staff row is its id (see staff_key).
            self.staff
                .execute(params![parse_staff_key(key)?, &seal[..]])?;
        } else {
            self.stmt.execute(params![t.table(), key, &seal[..]])?;
        }
        add_to_tally(
            self.conn,
            t,
            i64::from(old.is_none()),
            part(t, key, seal),
            old.map_or(0, |o| part(t, key, &o)),
        )
    }
}

fn parse_staff_key(key: &str) -> Result<i64> {
    Ok(key
        .parse()
        .map_err(|_| rusqlite::Error::InvalidParameterName(format!("staff seal key {key}")))?)
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

/// `effective` as stored: an ISO date, or empty for "since always".
pub fn history_key(staff_id: i64, effective: &str) -> String {
    format!("{staff_id}/{effective}")
}

// ---- tallies ----

/// One sealed table's running tally: how many seals it has, and the
/// wrapping sum of their [`part`]s (a multiset hash: order-free, and
/// updated by adding and subtracting).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub rows: i64,
    pub sum: u128,
}

/// Every sealed table's tally, in [`Sealed::ALL`]'s order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallies(pub Vec<(Sealed, Tally)>);

impl Tallies {
    /// The digest of all seals: the sum of the tables' sums (the multiset
    /// hash of every (table, key, seal)).
    pub fn digest(&self) -> u128 {
        self.0.iter().fold(0u128, |d, (_, t)| d.wrapping_add(t.sum))
    }

    /// As an audit entry records it: `staff=25,ratings=300,…`.
    pub fn counts_text(&self) -> String {
        self.0
            .iter()
            .map(|(t, n)| format!("{}={}", t.table(), n.rows))
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn digest_text(&self) -> String {
        format!("{:032x}", self.digest())
    }

    pub fn rows(&self, t: Sealed) -> i64 {
        self.0
            .iter()
            .find(|(s, _)| *s == t)
            .map_or(0, |(_, n)| n.rows)
    }
}

/// Parses [`Tallies::counts_text`]: (table name, rows).
pub fn parse_counts(text: &str) -> Vec<(String, i64)> {
    text.split(',')
        .filter_map(|p| p.split_once('='))
        .map(|(t, n)| (t.to_owned(), n.parse().unwrap_or(-1)))
        .collect()
}

/// A row's part in its table's tally: 128 bits of the SHA-256 of the
/// table, the key and the seal. One short hash (one SHA-256 block) per seal
/// written.
pub fn part(t: Sealed, key: &str, seal: &[u8]) -> u128 {
    part_of(t.table().as_bytes(), key.as_bytes(), seal)
}

/// [`part`] of staff row `id`, without building its key as a `String`.
pub fn staff_part(id: i64, seal: &[u8]) -> u128 {
    use std::io::Write;
    let mut buf = [0u8; 20];
    let mut w = &mut buf[..];
    let _ = write!(w, "{id}");
    let len = 20 - w.len();
    part_of(Sealed::Staff.table().as_bytes(), &buf[..len], seal)
}

/// The first 128 bits of SHA-256(table 0x1f key 0x1f seal).
fn part_of(table: &[u8], key: &[u8], seal: &[u8]) -> u128 {
    let mut h = Sha256::new();
    h.update(table);
    h.update([0x1f]);
    h.update(key);
    h.update([0x1f]);
    h.update(seal);
    let full = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&full[..16]);
    u128::from_be_bytes(b)
}

/// Moves table `t`'s tally by `rows` seals, adding `add` and taking away
/// `sub` (wrapping).
fn add_to_tally(conn: &Connection, t: Sealed, rows: i64, add: u128, sub: u128) -> Result<()> {
    let now: Option<(i64, Vec<u8>)> = conn
        .prepare_cached("SELECT rows, sum FROM seal_tallies WHERE tbl = ?1")?
        .query_row([t.table()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let now = now.map_or(Tally::default(), |(rows, sum)| Tally {
        rows,
        sum: sum_of(&sum),
    });
    let sum = now.sum.wrapping_add(add).wrapping_sub(sub);
    conn.prepare_cached(
        "INSERT OR REPLACE INTO seal_tallies (tbl, rows, sum) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![t.table(), now.rows + rows, &sum.to_be_bytes()[..]])?;
    Ok(())
}

/// Column `i` of `row` as bytes (a seal or a sum; anything else, none).
fn blob<'r>(row: &'r rusqlite::Row, i: usize) -> rusqlite::Result<&'r [u8]> {
    Ok(match row.get_ref(i)? {
        ValueRef::Blob(b) => b,
        _ => &[],
    })
}

fn sum_of(b: &[u8]) -> u128 {
    let mut a = [0u8; 16];
    let n = b.len().min(16);
    a[16 - n..].copy_from_slice(&b[b.len() - n..]);
    u128::from_be_bytes(a)
}

/// The tallies kept by the writes (what an audit entry records).
pub fn tallies(conn: &Connection) -> Result<Tallies> {
    let mut stmt = conn.prepare_cached("SELECT tbl, rows, sum FROM seal_tallies")?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<(Sealed, Tally)> =
        Sealed::ALL.iter().map(|t| (*t, Tally::default())).collect();
    while let Some(r) = rows.next()? {
        let name: String = r.get(0)?;
        if let Some(slot) = out.iter_mut().find(|(t, _)| t.table() == name) {
            slot.1 = Tally {
                rows: r.get(1)?,
                sum: sum_of(blob(r, 2)?),
            };
        }
    }
    Ok(Tallies(out))
}

/// The tallies recomputed from the seals themselves (what `audit verify`
/// compares with the last entry's).
pub fn recount(conn: &Connection) -> Result<Tallies> {
    let mut out = Vec::with_capacity(Sealed::ALL.len());
    for t in Sealed::ALL {
        let mut tally = Tally::default();
        if t == Sealed::Staff {
            let mut stmt = conn.prepare("SELECT id, seal FROM staff_seals")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                tally.rows += 1;
                let p = staff_part(r.get(0)?, blob(r, 1)?);
                tally.sum = tally.sum.wrapping_add(p);
            }
        } else {
            let mut stmt = conn.prepare("SELECT row_key, seal FROM seals WHERE tbl = ?1")?;
            let mut rows = stmt.query([t.table()])?;
            while let Some(r) = rows.next()? {
                tally.rows += 1;
                let key: String = r.get(0)?;
                tally.sum = tally.sum.wrapping_add(part(t, &key, blob(r, 1)?));
            }
        }
        out.push((t, tally));
    }
    Ok(Tallies(out))
}

/// Sets the kept tallies to those recomputed from the seals: once, by the
/// migration that introduced them (schema 7), which records the result in
/// the audit log. Rows are not sealed again.
pub fn count_existing(conn: &Connection) -> Result<Tallies> {
    let t = recount(conn)?;
    conn.execute("DELETE FROM seal_tallies", [])?;
    for (s, n) in &t.0 {
        conn.execute(
            "INSERT INTO seal_tallies (tbl, rows, sum) VALUES (?1, ?2, ?3)",
            params![s.table(), n.rows, &n.sum.to_be_bytes()[..]],
        )?;
    }
    Ok(t)
}

/// Seals every row there is of `tables`, and records in the audit log that
/// it did, how many rows of each, and `why` (if it sealed any). The only code that seals rows
/// wholesale: a table joining the registry (its rows were there before it
/// was sealed) goes through here from `Store::migrate`, so that a seal
/// danhgia wrote for rows it did not write itself is never silent.
pub fn seal_existing(
    conn: &Connection,
    tables: &[Sealed],
    at: &str,
    who: &str,
    why: &str,
) -> Result<()> {
    let mut counts = serde_json::Map::new();
    let mut w = Writer::new(conn)?;
    for &t in tables {
        let sql = format!(
            "SELECT {}, {} FROM {} WHERE {}",
            t.key(),
            t.columns(),
            t.table(),
            t.rows_sql()
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            let key: String = r.get(0)?;
            w.put_seal(t, &key, &seal_of(t, r, 1)?)?;
            n += 1;
        }
        counts.insert(t.table().to_owned(), n.into());
    }
    if counts.values().all(|n| n.as_u64() == Some(0)) {
        // A table that joins empty (staff_history): nothing was sealed,
        // nothing to say.
        return Ok(());
    }
    let after = serde_json::json!({ "why": why, "rows": counts }).to_string();
    super::audit::append(
        conn,
        at,
        &super::audit::Entry {
            who,
            acting_as: None,
            action: "seal",
            entity: "seals",
            before: None,
            after: Some(&after),
        },
    )
}

/// Checks every sealed row; the first row changed, added or deleted behind
/// danhgia's back, if any.
pub fn verify(conn: &Connection) -> Result<Option<Tampered>> {
    for t in Sealed::ALL {
        let sql = format!(
            "SELECT {key}, {stored}, {cols} FROM {table} WHERE {rows} ORDER BY 1",
            key = t.key(),
            stored = t.stored_seal_sql(),
            cols = t.columns(),
            table = t.table(),
            rows = t.rows_sql(),
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
                .prepare(&format!(
                    "SELECT {} FROM {} WHERE {}",
                    t.key(),
                    t.table(),
                    t.rows_sql()
                ))?
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

/// Does the row that the audit log calls `entity` (`checklist:CB01:2026-Q3`)
/// exist? `None` for an entity that names no sealed row (`import:staff`).
pub fn entity_exists(conn: &Connection, entity: &str) -> Result<Option<(Sealed, bool)>> {
    let id = |code: &str| -> Result<Option<i64>> {
        Ok(conn
            .prepare_cached("SELECT id FROM staff WHERE code = ?1")?
            .query_row([code], |r| r.get(0))
            .optional()?)
    };
    let exists = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<bool> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row(p, |_| Ok(()))
            .optional()?
            .is_some())
    };
    let parts: Vec<&str> = entity.split(':').collect();
    Ok(match parts.as_slice() {
        ["checklist", code, quarter] => Some((
            Sealed::Checklists,
            match id(code)? {
                Some(id) => exists(
                    "SELECT 1 FROM checklists WHERE staff_id = ?1 AND quarter = ?2",
                    &[&id, quarter],
                )?,
                None => false,
            },
        )),
        ["rating", code, period] => {
            let (year, month) = period.split_once('-').unwrap_or((period, ""));
            let (year, month): (i64, i64) = (year.parse().unwrap_or(0), month.parse().unwrap_or(0));
            Some((
                Sealed::Ratings,
                match id(code)? {
                    Some(id) => exists(
                        "SELECT 1 FROM ratings WHERE staff_id = ?1 AND year = ?2 AND month = ?3",
                        &[&id, &year, &month],
                    )?,
                    None => false,
                },
            ))
        }
        ["staff", code] => Some((Sealed::Staff, id(code)?.is_some())),
        ["history", code, effective] => Some((
            Sealed::History,
            match id(code)? {
                Some(id) => exists(
                    "SELECT 1 FROM staff_history WHERE staff_id = ?1 AND effective = ?2",
                    &[&id, effective],
                )?,
                None => false,
            },
        )),
        ["role", login @ .., role] if !login.is_empty() => {
            let login = login.join(":");
            Some((
                Sealed::Roles,
                exists(
                    "SELECT 1 FROM roles WHERE login = ?1 AND role = ?2",
                    &[&login, role],
                )?,
            ))
        }
        ["round", quarter] => Some((
            Sealed::Rounds,
            exists("SELECT 1 FROM rounds WHERE quarter = ?1", &[quarter])?,
        )),
        ["setting", ..] => {
            let key = &entity["setting:".len()..];
            is_sealed_setting(key)
                .then(|| {
                    exists("SELECT 1 FROM settings WHERE key = ?1", &[&key])
                        .map(|e| (Sealed::Settings, e))
                })
                .transpose()?
        }
        _ => None,
    })
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
    if t == Sealed::Settings {
        return Ok(format!("setting:{key}"));
    }
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
        (Sealed::History, [id, effective]) => format!("history:{}:{effective}", code(id)?),
        _ => format!("{}:{key}", t.table()),
    })
}

/// Seals every row of the tables sealed before schema 7 as danhgia 3 to 6
/// did (no tallies, no audit entry): the staff rows' seals in
/// `staff_seals` if it is there, else in `seals`. For tests of upgrades.
#[cfg(test)]
pub(crate) fn seal_as_before_7(conn: &Connection) {
    let staff_seals: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'staff_seals'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for t in Sealed::ALL.into_iter().filter(|t| t.since() < 7) {
        let sql = format!("SELECT {}, {} FROM {}", t.key(), t.columns(), t.table());
        let mut stmt = conn.prepare(&sql).unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let key: String = r.get(0).unwrap();
            let seal = seal_of(t, r, 1).unwrap();
            if t == Sealed::Staff && staff_seals {
                conn.execute(
                    "INSERT INTO staff_seals (id, seal) VALUES (?1, ?2)",
                    params![key.parse::<i64>().unwrap(), &seal[..]],
                )
                .unwrap();
            } else {
                conn.execute(
                    "INSERT INTO seals (tbl, row_key, seal) VALUES (?1, ?2, ?3)",
                    params![t.table(), key, &seal[..]],
                )
                .unwrap();
            }
        }
    }
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
                "SELECT {key}, {stored}, {cols} FROM {table} WHERE {rows}",
                key = t.key(),
                stored = t.stored_seal_sql(),
                cols = t.columns(),
                table = t.table(),
                rows = t.rows_sql(),
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
        use crate::domain::rating::{MonthEntry, MonthlyRating, Rating};
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
        let r = |rating, discipline, excused| {
            MonthEntry::Rated(MonthlyRating {
                rating,
                discipline,
                excused,
            })
        };
        store::upsert_rating(c, s1, 2026, 7, &r(Rating::Htnv, Some(20), true)).unwrap();
        store::upsert_rating(c, s1, 2026, 0, &r(Rating::Htxsnv, None, false)).unwrap();
        store::upsert_rating(c, s1, 2026, 7, &MonthEntry::Leave).unwrap();
        store::upsert_rating(c, s1, 2026, 7, &r(Rating::Khtnv, Some(3), false)).unwrap();
        store::upsert_rating(c, s1, 2026, 8, &MonthEntry::Leave).unwrap();
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
        // The history: since always, then dated, then that date rewritten.
        let mut place = one.placement();
        store::history::put_entry(c, s1, None, &place).unwrap();
        let aug = chrono::NaiveDate::from_ymd_opt(2026, 8, 1);
        place.manager_code = None;
        store::history::put_entry(c, s1, aug, &place).unwrap();
        place.kind = StaffKind::Leader;
        place.title = "Phó Trưởng phòng".into();
        store::history::put_entry(c, s1, aug, &place).unwrap();

        let seals = stored_and_recomputed(c);
        assert_eq!(seals.len(), 2 + 3 + 1 + 1 + 1 + 2, "{seals:?}");
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

    #[test]
    fn the_kept_tallies_equal_those_recounted_from_the_seals_after_every_kind_of_write() {
        let s = Store::in_memory().unwrap();
        let c = s.conn();
        let same = |what: &str| assert_eq!(tallies(c).unwrap(), recount(c).unwrap(), "{what}");
        same("empty");
        assert_eq!(recount(c).unwrap().digest(), 0);
        let q = "2026-Q3".parse().unwrap();
        crate::store::set_round(c, q, true, "hr", "t").unwrap();
        crate::store::set_round(c, q, false, "hr", "t2").unwrap();
        crate::store::grant_role(c, "hr", "admin", "hr", "t").unwrap();
        same("a round written twice, a role");
        crate::store::set_setting(c, "unit_name", "UBND").unwrap();
        crate::store::set_setting(c, "unit_name", "UBND quận").unwrap();
        crate::store::set_setting(c, "kpi.standard.1", "40").unwrap();
        crate::store::set_setting(c, "theme", "dark").unwrap();
        same("settings");
        assert_eq!(
            tallies(c).unwrap().rows(Sealed::Settings),
            2,
            "theme is not sealed"
        );
        let seal = |n: u8| [n; SEAL_BYTES];
        let many = |rows: &[(i64, u8)]| -> Vec<(i64, Seal, u128)> {
            rows.iter()
                .map(|(id, n)| (*id, seal(*n), staff_part(*id, &seal(*n))))
                .collect()
        };
        let mut w = Writer::new(c).unwrap();
        w.put_staff_many(&many(&[(1, 1), (2, 2), (5, 5)])).unwrap();
        same("staff in bulk");
        // 2 replaced, 3 and 9 new, 5 untouched inside the range.
        w.put_staff_many(&many(&[(2, 20), (3, 3), (9, 9)])).unwrap();
        w.put_staff(1, &seal(10)).unwrap();
        same("staff replaced and added");
        assert_eq!(tallies(c).unwrap().rows(Sealed::Staff), 5);
        remove(c, Sealed::Rounds, "2026-Q3").unwrap();
        remove(c, Sealed::Staff, "9").unwrap();
        remove(c, Sealed::Staff, "77").unwrap();
        same("seals removed");
        let t = tallies(c).unwrap();
        assert_eq!((t.rows(Sealed::Rounds), t.rows(Sealed::Staff)), (0, 4));
        assert_eq!(
            t.counts_text(),
            "staff=4,ratings=0,checklists=0,roles=1,rounds=0,settings=2,staff_history=0"
        );
        assert_eq!(parse_counts(&t.counts_text())[0], ("staff".to_owned(), 4));
    }

    #[test]
    fn sealing_existing_rows_wholesale_says_so_in_the_audit_log() {
        let s = Store::in_memory().unwrap();
        let c = s.conn();
        c.execute_batch(
            "INSERT INTO settings VALUES ('place', 'Long Biên'), ('kpi.x', '1'), ('other', 'x');",
        )
        .unwrap();
        assert_eq!(
            verify(c).unwrap().map(|t| t.change),
            Some(Change::Added),
            "rows written without danhgia"
        );
        seal_existing(c, &[Sealed::Settings], "t", "danhgia", "test").unwrap();
        assert_eq!(verify(c).unwrap(), None);
        let (action, after): (String, String) = c
            .query_row("SELECT action, after FROM audit", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(action, "seal");
        assert_eq!(after, r#"{"why":"test","rows":{"settings":2}}"#);
        assert_eq!(tallies(c).unwrap(), recount(c).unwrap());
    }
}
