//! Queries: plain functions over a connection (or a transaction, which derefs
//! to one). The service decides the transaction; these only read and write.

use super::Result;
use super::seal::{self, Sealed};
use crate::domain::checklist::ChecklistState;
use crate::domain::rating::{MonthEntry, MonthlyRating, Rating};
use crate::domain::records::CommitmentRecord;
use crate::domain::{Employment, Quarter, Staff, StaffGroup, StaffKind};
use chrono::NaiveDate;
use rusqlite::types::{ToSqlOutput, ValueRef};
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

/// Writes a setting: the one write of `settings` (but for the audit head,
/// which store::audit keeps). A setting that changes results (the forms'
/// header, `kpi.*`, `round:*`: [`seal::is_sealed_setting`]) is sealed with
/// it, so that it too is checked by `audit verify`; the caller audits it.
pub fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    if seal::is_sealed_setting(key) {
        seal::put(conn, Sealed::Settings, key, &[text(key), text(value)])?;
    }
    Ok(())
}

/// The settings whose key starts with `prefix`, by key.
pub fn settings_with_prefix(conn: &Connection, prefix: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
    )?;
    let rows = stmt.query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Removes a setting; `false` if there was none. Every removal of a
/// settings row goes through here, as every write goes through
/// [`set_setting`].
/// A sealed setting's seal goes with it.
pub fn delete_setting(conn: &Connection, key: &str) -> Result<bool> {
    let gone = conn.execute("DELETE FROM settings WHERE key = ?1", [key])? > 0;
    if gone && seal::is_sealed_setting(key) {
        seal::remove(conn, Sealed::Settings, key)?;
    }
    Ok(gone)
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
        seal::put(
            conn,
            Sealed::Roles,
            &seal::role_key(login, role),
            &[text(login), text(role), text(at), text(by)],
        )?;
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

pub(super) fn date_text(d: Option<NaiveDate>) -> Option<String> {
    use chrono::Datelike;
    d.map(|d| {
        if (0..=9999).contains(&d.year()) {
            // What %Y-%m-%d gives, without parsing the format for every row.
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        } else {
            d.format("%Y-%m-%d").to_string()
        }
    })
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

/// code → id and employment of everyone: what a ratings import checks each
/// row against (no rating for a month the person was employed on no day of).
pub fn staff_employment(conn: &Connection) -> Result<HashMap<String, (i64, Employment)>> {
    let mut stmt = conn.prepare_cached("SELECT code, id, joined, left_on FROM staff")?;
    let rows = stmt.query_map([], |r| {
        let employment = Employment {
            joined: date(r.get(2)?),
            left: date(r.get(3)?),
        };
        Ok((r.get(0)?, (r.get(1)?, employment)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A person's row id, login, place on the record and joining date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffLinks {
    pub id: i64,
    pub login: Option<String>,
    pub manager_code: Option<String>,
    pub unit: String,
    pub kind: StaffKind,
    pub title: String,
    pub joined: Option<NaiveDate>,
}

impl StaffLinks {
    /// Whether `s` stands where they stand now (no change of place).
    pub fn same_place(&self, s: &Staff) -> bool {
        self.manager_code == s.manager_code
            && self.unit == s.unit
            && self.kind == s.kind
            && self.title == s.title
    }

    /// Their place on the record now (domain::history).
    pub fn placement(&self) -> crate::domain::history::Placement {
        crate::domain::history::Placement {
            manager_code: self.manager_code.clone(),
            unit: self.unit.clone(),
            kind: self.kind,
            title: self.title.clone(),
        }
    }
}

/// code → id, login, place and joining date of everyone: enough to check
/// an import's logins and manager links against the database, to tell a
/// change of place (which the history records) from none, and to write it
/// without looking anyone up again.
pub fn staff_links(conn: &Connection) -> Result<HashMap<String, StaffLinks>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, id, login, manager_code, unit, kind, title, joined FROM staff",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind = r.get_ref(5)?.as_str()?;
        Ok((
            r.get(0)?,
            StaffLinks {
                id: r.get(1)?,
                login: r.get(2)?,
                manager_code: r.get(3)?,
                unit: r.get(4)?,
                kind: if kind == "leader" {
                    StaffKind::Leader
                } else {
                    StaffKind::Staff
                },
                title: r.get(6)?,
                joined: date(r.get(7)?),
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn units(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT unit FROM staff ORDER BY unit")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Inserts or updates by code; returns the id.
pub fn upsert_staff(conn: &Connection, s: &Staff) -> Result<i64> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM staff WHERE code = ?1")?
        .query_row([&s.code], |r| r.get(0))
        .optional()?;
    write_staff(conn, id, s)
}

/// Writes a staff row and its seal: an update of row `id` (whose code is
/// `s.code`), or with `None` an insert; returns the id.
pub fn write_staff(conn: &Connection, id: Option<i64>, s: &Staff) -> Result<i64> {
    StaffWriter::new(conn)?.write(id, s)
}

/// Writes staff rows and their seals, its statements prepared once: for
/// bulk writes that already know which codes exist, so that nothing is
/// read back.
pub struct StaffWriter<'c> {
    conn: &'c Connection,
    /// One row, every column; a NULL id lets SQLite number the row. (A
    /// plain INSERT needs no statement journal; an upsert would copy every
    /// page it touches: a large part of a big import.)
    insert: rusqlite::CachedStatement<'c>,
    update: rusqlite::CachedStatement<'c>,
    seals: seal::Writer<'c>,
    bulk: Option<Bulk<'c>>,
}

/// What a bulk write (see [`StaffWriter::bulk`]) keeps besides.
struct Bulk<'c> {
    /// The INSERT of [`ROWS_PER_INSERT`] rows.
    insert_many: rusqlite::CachedStatement<'c>,
    /// The seals by id, each with its part of the tally, written in id
    /// order by `finish`.
    seals: Vec<(i64, seal::Seal, u128)>,
    /// The indexes dropped once `written` reaches `indexes_after`, built
    /// again by `finish`.
    indexes: &'static [(&'static str, &'static str)],
    indexes_after: usize,
    written: usize,
    indexes_dropped: bool,
}

/// The staff table's indexes that a bulk write drops and builds again, by
/// name, as schema 6 makes them: the unit's, whose entries land all over it
/// row by row; and, when foreign keys are not enforced (see
/// `Store::write_bulk`), the manager's, which SQLite's foreign-key check
/// needs while it is on.
const STAFF_BULK_INDEXES: &[(&str, &str)] = &[
    ("staff_unit", "CREATE INDEX staff_unit ON staff (unit)"),
    (
        "staff_manager",
        "CREATE INDEX staff_manager ON staff (manager_code)",
    ),
];

/// The staff table's width: its columns are [`Sealed::Staff`]'s.
const STAFF_WIDTH: usize = 16;

/// New rows per INSERT statement in a bulk write (16 values each).
const ROWS_PER_INSERT: usize = 32;

/// Below this many rows a bulk write keeps the indexes up to date row by
/// row (building them again would cost more than it saves).
const BULK_MIN_ROWS: usize = 10_000;

/// `INSERT INTO staff (every column) VALUES (?, …), …` for `rows` rows.
fn staff_insert_sql(rows: usize) -> String {
    let row = format!("({})", vec!["?"; STAFF_WIDTH].join(", "));
    format!(
        "INSERT INTO staff ({}) VALUES {}",
        Sealed::Staff.columns(),
        vec![row.as_str(); rows].join(", ")
    )
}

impl<'c> StaffWriter<'c> {
    pub fn new(conn: &'c Connection) -> Result<StaffWriter<'c>> {
        Ok(StaffWriter {
            conn,
            insert: conn.prepare_cached(&staff_insert_sql(1))?,
            update: conn.prepare_cached(
                "UPDATE staff SET code = ?2, full_name = ?3, name_fold = ?4, birth_date = ?5, title = ?6,
                    unit = ?7, kind = ?8, grp = ?9, party_member = ?10, manager_code = ?11, login = ?12,
                    position_code = ?13, grade = ?14, joined = ?15, left_on = ?16
                 WHERE id = ?1",
            )?,
            seals: seal::Writer::new(conn)?,
            bulk: None,
        })
    }

    /// A writer for many rows in one transaction, into a table that has
    /// `existing` rows; [`StaffWriter::finish`] must end its work. Written
    /// through [`StaffWriter::write_prepared_all`], new rows go
    /// [`ROWS_PER_INSERT`] to a statement. Two things are put off to the end,
    /// where they cost less than row by row: the seals, appended in id order
    /// many to a statement; and, once the rows written outnumber those
    /// already there, the secondary indexes of [`STAFF_BULK_INDEXES`], built
    /// again in one sort each instead of 100,000 inserts (the manager's only
    /// when foreign keys are not enforced: see `Store::write_bulk`). All of
    /// it is inside the caller's transaction: a refused import rolls it back
    /// with everything else.
    pub fn bulk(conn: &'c Connection, existing: usize) -> Result<StaffWriter<'c>> {
        let keys_enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        let mut w = StaffWriter::new(conn)?;
        w.bulk = Some(Bulk {
            insert_many: conn.prepare_cached(&staff_insert_sql(ROWS_PER_INSERT))?,
            seals: Vec::new(),
            indexes: if keys_enforced {
                &STAFF_BULK_INDEXES[..1]
            } else {
                STAFF_BULK_INDEXES
            },
            indexes_after: existing.max(BULK_MIN_ROWS),
            written: 0,
            indexes_dropped: false,
        });
        Ok(w)
    }

    /// Ends a bulk write: the seals, the indexes.
    pub fn finish(mut self) -> Result<()> {
        let Some(mut bulk) = self.bulk.take() else {
            return Ok(());
        };
        // In id order: appended, not inserted here and there.
        bulk.seals.sort_unstable_by_key(|(id, _, _)| *id);
        self.seals.put_staff_many(&bulk.seals)?;
        if bulk.indexes_dropped {
            for (_, create) in bulk.indexes {
                self.conn.execute_batch(create)?;
            }
        }
        Ok(())
    }

    /// Updates row `id` (whose code is `s.code`), or with `None` inserts;
    /// returns the id.
    pub fn write(&mut self, id: Option<i64>, s: &Staff) -> Result<i64> {
        let derived = Derived::of(s);
        let mut values = derived.values(id, s);
        self.before_writing(1)?;
        let id = match id {
            Some(id) => {
                self.update.execute(bound(&values))?;
                id
            }
            None => {
                let id = self.insert.insert(bound(&values))?;
                values[0] = ValueRef::Integer(id);
                id
            }
        };
        let seal = seal::seal_values(Sealed::Staff, values);
        self.put_seal(id, seal, None)?;
        Ok(id)
    }

    /// Writes a row prepared by [`PreparedStaff::new`] (on another thread,
    /// perhaps): as [`StaffWriter::write`], with the id and everything
    /// derived from the row already worked out.
    pub fn write_prepared(&mut self, s: &Staff, p: &PreparedStaff) -> Result<()> {
        self.before_writing(1)?;
        let values = p.derived.values(Some(p.id), s);
        if p.update {
            self.update.execute(bound(&values))?;
        } else {
            self.insert.execute(bound(&values))?;
        }
        self.put_seal(p.id, p.seal, Some(p.part))
    }

    /// Writes prepared rows in order, each run of [`ROWS_PER_INSERT`] new
    /// rows by one statement (in a bulk write): for rows this small SQLite
    /// spends as much on running a statement as on the row itself.
    pub fn write_prepared_all(&mut self, rows: &[(&Staff, &PreparedStaff)]) -> Result<()> {
        let mut at = 0;
        while let Some(&(s, p)) = rows.get(at) {
            let run = rows[at..]
                .iter()
                .take(ROWS_PER_INSERT)
                .take_while(|(_, p)| !p.update)
                .count();
            if run == ROWS_PER_INSERT && self.bulk.is_some() {
                self.insert_run(&rows[at..at + run])?;
                at += run;
            } else {
                self.write_prepared(s, p)?;
                at += 1;
            }
        }
        Ok(())
    }

    fn insert_run(&mut self, run: &[(&Staff, &PreparedStaff)]) -> Result<()> {
        self.before_writing(run.len())?;
        if let Some(bulk) = &mut self.bulk {
            for (j, (s, p)) in run.iter().enumerate() {
                let values = p.derived.values(Some(p.id), s);
                for (k, v) in values.into_iter().enumerate() {
                    bulk.insert_many
                        .raw_bind_parameter(STAFF_WIDTH * j + k + 1, ToSqlOutput::Borrowed(v))?;
                }
            }
            bulk.insert_many.raw_execute()?;
        }
        for (_, p) in run {
            self.put_seal(p.id, p.seal, Some(p.part))?;
        }
        Ok(())
    }

    /// In a bulk write, counts the rows about to be written, and drops the
    /// indexes once the rows written outnumber those that were there.
    fn before_writing(&mut self, rows: usize) -> Result<()> {
        let Some(bulk) = &mut self.bulk else {
            return Ok(());
        };
        if bulk.written >= bulk.indexes_after && !bulk.indexes_dropped {
            for (name, _) in bulk.indexes {
                self.conn.execute_batch(&format!("DROP INDEX {name}"))?;
            }
            bulk.indexes_dropped = true;
        }
        bulk.written += rows;
        Ok(())
    }

    /// Records row `id`'s seal, with its part of the tally if it was
    /// worked out beforehand.
    fn put_seal(&mut self, id: i64, seal: seal::Seal, part: Option<u128>) -> Result<()> {
        match &mut self.bulk {
            Some(bulk) => {
                let part = part.unwrap_or_else(|| seal::staff_part(id, &seal));
                bulk.seals.push((id, seal, part));
            }
            None => self.seals.put_staff(id, &seal)?,
        }
        Ok(())
    }
}

/// The next id a new staff row gets: one past the largest (as SQLite gives
/// a rowid), for writes that number their rows before writing them.
pub fn next_staff_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM staff", [], |r| {
            r.get(0)
        })?,
    )
}

/// What a staff row stores besides the person's own fields: the name's
/// search fold and the dates as text.
#[derive(Debug, Clone)]
struct Derived {
    fold: String,
    dates: [Option<String>; 3],
}

impl Derived {
    fn of(s: &Staff) -> Derived {
        Derived {
            fold: crate::text::fold(&s.full_name),
            dates: [
                date_text(s.birth_date),
                date_text(s.employment.joined),
                date_text(s.employment.left),
            ],
        }
    }

    /// Every column of row `id` (NULL: not numbered yet), in schema order:
    /// what is bound is what is sealed.
    fn values<'a>(&'a self, id: Option<i64>, s: &'a Staff) -> [ValueRef<'a>; STAFF_WIDTH] {
        [
            id.map_or(ValueRef::Null, ValueRef::Integer),
            text(&s.code),
            text(&s.full_name),
            text(&self.fold),
            opt_text(self.dates[0].as_deref()),
            text(&s.title),
            text(&s.unit),
            text(s.kind.as_str()),
            text(s.group.as_str()),
            ValueRef::Integer(i64::from(s.party_member)),
            opt_text(s.manager_code.as_deref()),
            opt_text(s.login.as_deref()),
            opt_text(s.position_code.as_deref()),
            opt_text(s.grade.as_deref()),
            opt_text(self.dates[1].as_deref()),
            opt_text(self.dates[2].as_deref()),
        ]
    }
}

/// A staff row made ready for [`StaffWriter::write_prepared`]: its id (an
/// existing row's, or the one it will get), the fold and dates, its seal
/// and the seal's part of the tally. Pure work, no database: a bulk import
/// does it on another core.
#[derive(Debug, Clone)]
pub struct PreparedStaff {
    id: i64,
    update: bool,
    derived: Derived,
    seal: seal::Seal,
    part: u128,
}

impl PreparedStaff {
    /// Row `id` for `s`: an update of an existing row, or an insert.
    pub fn new(id: i64, update: bool, s: &Staff) -> PreparedStaff {
        let derived = Derived::of(s);
        let seal = seal::seal_values(Sealed::Staff, derived.values(Some(id), s));
        PreparedStaff {
            id,
            update,
            derived,
            seal,
            part: seal::staff_part(id, &seal),
        }
    }

    pub fn is_update(&self) -> bool {
        self.update
    }
}

/// Values as statement parameters.
fn bound<'a>(
    values: &'a [ValueRef<'a>],
) -> rusqlite::ParamsFromIter<impl Iterator<Item = ToSqlOutput<'a>>> {
    rusqlite::params_from_iter(values.iter().map(|v| ToSqlOutput::Borrowed(*v)))
}

pub(super) fn text(s: &str) -> ValueRef<'_> {
    ValueRef::Text(s.as_bytes())
}

pub(super) fn opt_text(s: Option<&str>) -> ValueRef<'_> {
    s.map_or(ValueRef::Null, text)
}

// ---- ratings ----

/// The `rating` of a month on leave for the whole month (schema
/// [`super::schema::LEAVE_VERSION`]): the row carries it instead of a
/// rating, with no discipline score and `excused` 0.
const LEAVE: &str = "leave";

/// A rating as stored (the schema allows only the four abbreviations and
/// [`LEAVE`]), without the folding that [`Rating::parse`] does for what
/// people type; `None` for a leave.
fn stored_rating(text: &[u8]) -> Option<Rating> {
    match text {
        b"HTXSNV" => Some(Rating::Htxsnv),
        b"HTTNV" => Some(Rating::Httnv),
        b"HTNV" => Some(Rating::Htnv),
        b"leave" => None,
        _ => Some(Rating::Khtnv),
    }
}

/// The month's entry of a ratings row whose `rating, discipline, excused`
/// start at column `at`.
pub(super) fn entry_from(r: &Row, at: usize) -> rusqlite::Result<MonthEntry> {
    let text = r.get_ref(at)?.as_bytes().unwrap_or_default();
    Ok(match stored_rating(text) {
        Some(rating) => MonthEntry::Rated(MonthlyRating {
            rating,
            discipline: r.get(at + 1)?,
            excused: r.get(at + 2)?,
        }),
        None => MonthEntry::Leave,
    })
}

/// `month` 0 is the yearly rating (never a leave: the schema refuses it).
pub fn upsert_rating(
    conn: &Connection,
    staff_id: i64,
    year: i32,
    month: u8,
    entry: &MonthEntry,
) -> Result<()> {
    let (rating, discipline, excused) = match entry {
        MonthEntry::Rated(r) => (r.rating.as_str(), r.discipline, r.excused),
        MonthEntry::Leave => (LEAVE, None, false),
    };
    let values = [
        ValueRef::Integer(staff_id),
        ValueRef::Integer(i64::from(year)),
        ValueRef::Integer(i64::from(month)),
        text(rating),
        discipline.map_or(ValueRef::Null, |d| ValueRef::Integer(i64::from(d))),
        ValueRef::Integer(i64::from(excused)),
    ];
    // An update, else an insert: single-row statements need no statement
    // journal, where an upsert or a REPLACE (ratings have a foreign key)
    // would copy every page they touch.
    let updated = conn
        .prepare_cached(
            "UPDATE ratings SET rating = ?4, discipline = ?5, excused = ?6
             WHERE staff_id = ?1 AND year = ?2 AND month = ?3",
        )?
        .execute(bound(&values))?;
    if updated == 0 {
        conn.prepare_cached(
            "INSERT INTO ratings (staff_id, year, month, rating, discipline, excused) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(bound(&values))?;
    }
    seal::put(
        conn,
        Sealed::Ratings,
        &seal::rating_key(staff_id, year, month),
        &values,
    )
}

pub fn rating_of(
    conn: &Connection,
    staff_id: i64,
    year: i32,
    month: u8,
) -> Result<Option<MonthEntry>> {
    Ok(conn
        .prepare_cached("SELECT rating, discipline, excused FROM ratings WHERE staff_id = ?1 AND year = ?2 AND month = ?3")?
        .query_row(params![staff_id, year, month], |r| entry_from(r, 0))
        .optional()?)
}

/// Everyone's ratings (and leaves) of the quarter's three months: staff id
/// → months; read from the covering index `ratings_period` alone.
pub fn quarter_ratings(conn: &Connection, q: Quarter) -> Result<ByStaff<[Option<MonthEntry>; 3]>> {
    let first = q.months()[0].month;
    let mut stmt = conn.prepare_cached(
        "SELECT staff_id, month, rating, discipline, excused FROM ratings INDEXED BY ratings_period
         WHERE year = ?1 AND month BETWEEN ?2 AND ?3",
    )?;
    let mut rows = stmt.query(params![q.year, first, first + 2])?;
    let mut out: ByStaff<[Option<MonthEntry>; 3]> = ByStaff::for_everyone(conn)?;
    while let Some(r) = rows.next()? {
        let month: u8 = r.get(1)?;
        if let Some(m) = out
            .get_or_default(r.get(0)?)
            .get_mut(usize::from(month.wrapping_sub(first)))
        {
            *m = Some(entry_from(r, 2)?);
        }
    }
    Ok(out)
}

/// Values by staff id, for reads of everyone: a vector indexed by the id
/// where ids are dense (staff rows are never deleted, so they run from 1 to
/// about the count: no hashing), a hash map where they are not.
#[derive(Debug, Clone)]
pub struct ByStaff<T> {
    dense: Vec<Option<T>>,
    sparse: HashMap<i64, T>,
}

impl<T> Default for ByStaff<T> {
    fn default() -> Self {
        ByStaff {
            dense: Vec::new(),
            sparse: HashMap::new(),
        }
    }
}

impl<T> ByStaff<T> {
    /// Sized for every staff id in the database.
    pub fn for_everyone(conn: &Connection) -> Result<ByStaff<T>> {
        let (max, count): (i64, i64) = conn
            .prepare_cached("SELECT coalesce(max(id), 0), count(*) FROM staff")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut out = ByStaff::default();
        if max >= 0 && max <= 2 * count + 1024 {
            out.dense.resize_with(max as usize + 1, || None);
        }
        Ok(out)
    }

    fn slot(&self, id: i64) -> Option<usize> {
        usize::try_from(id).ok().filter(|&i| i < self.dense.len())
    }

    pub fn get(&self, id: i64) -> Option<&T> {
        match self.slot(id) {
            Some(i) => self.dense[i].as_ref(),
            None => self.sparse.get(&id),
        }
    }

    pub fn insert(&mut self, id: i64, value: T) {
        match self.slot(id) {
            Some(i) => self.dense[i] = Some(value),
            None => {
                self.sparse.insert(id, value);
            }
        }
    }

    pub fn contains(&self, id: i64) -> bool {
        self.get(id).is_some()
    }

    pub fn get_or_default(&mut self, id: i64) -> &mut T
    where
        T: Default,
    {
        match self.slot(id) {
            Some(i) => self.dense[i].get_or_insert_with(T::default),
            None => self.sparse.entry(id).or_default(),
        }
    }
}

/// One person's ratings (and leaves) of the quarter's three months (one
/// range of the primary key).
pub fn quarter_ratings_of(
    conn: &Connection,
    staff_id: i64,
    q: Quarter,
) -> Result<[Option<MonthEntry>; 3]> {
    let first = q.months()[0].month;
    let mut stmt = conn.prepare_cached(
        "SELECT month, rating, discipline, excused FROM ratings
         WHERE staff_id = ?1 AND year = ?2 AND month BETWEEN ?3 AND ?4",
    )?;
    let mut rows = stmt.query(params![staff_id, q.year, first, first + 2])?;
    let mut out = [None; 3];
    while let Some(r) = rows.next()? {
        let month: u8 = r.get(0)?;
        if let Some(m) = out.get_mut(usize::from(month.wrapping_sub(first))) {
            *m = Some(entry_from(r, 1)?);
        }
    }
    Ok(out)
}

/// Everyone's ratings of a year: staff id → the twelve months (index 0 is
/// January) and the yearly rating; read from the covering index
/// `ratings_period` alone.
pub fn year_ratings(conn: &Connection, year: i32) -> Result<ByStaff<YearRatings>> {
    let mut stmt = conn.prepare_cached(
        "SELECT staff_id, month, rating, discipline, excused FROM ratings INDEXED BY ratings_period
         WHERE year = ?1",
    )?;
    let mut rows = stmt.query([year])?;
    let mut out = ByStaff::for_everyone(conn)?;
    while let Some(r) = rows.next()? {
        let month: u8 = r.get(1)?;
        let entry = entry_from(r, 2)?;
        let e: &mut YearRatings = out.get_or_default(r.get(0)?);
        match month {
            0 => e.yearly = entry.rated().map(|r| r.rating),
            1..=12 => e.months[usize::from(month - 1)] = Some(entry),
            _ => {}
        }
    }
    Ok(out)
}

/// A person's ratings of one year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YearRatings {
    /// January first.
    pub months: [Option<MonthEntry>; 12],
    pub yearly: Option<Rating>,
}

impl YearRatings {
    /// The three months of quarter `q` (1–4).
    pub fn quarter(&self, q: u8) -> [Option<MonthEntry>; 3] {
        let first = usize::from(q.clamp(1, 4) - 1) * 3;
        [
            self.months[first],
            self.months[first + 1],
            self.months[first + 2],
        ]
    }
}

/// staff id → yearly rating.
pub fn yearly_ratings(conn: &Connection, year: i32) -> Result<HashMap<i64, Rating>> {
    let mut stmt =
        conn.prepare_cached("SELECT staff_id, rating FROM ratings WHERE year = ?1 AND month = 0")?;
    let rows = stmt.query_map([year], |r| {
        let t: String = r.get(1)?;
        Ok((r.get(0)?, stored_rating(t.as_bytes())))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        if let (id, Some(rating)) = row? {
            out.insert(id, rating);
        }
    }
    Ok(out)
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
    let quarter = q.to_string();
    let values = [
        text(&quarter),
        text(if closed { "closed" } else { "open" }),
        text(at),
        text(by),
    ];
    conn.execute(
        "INSERT INTO rounds (quarter, state, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (quarter) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at, changed_by = excluded.changed_by",
        bound(&values),
    )?;
    seal::put(conn, Sealed::Rounds, &quarter, &values)
}

/// Every round with a recorded state: (quarter, closed).
pub fn rounds(conn: &Connection) -> Result<Vec<(String, bool)>> {
    let mut stmt = conn.prepare_cached("SELECT quarter, state FROM rounds ORDER BY quarter")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)? == "closed")))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The quarters that have any checklist, in order.
pub fn quarters_with_checklists(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT quarter FROM checklists ORDER BY quarter")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
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

/// The most items a form has (03A); marks past it are never read.
pub const MAX_ITEMS: usize = 27;

/// A checklist's marks, unpacked without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    len: u8,
    marks: [Option<bool>; MAX_ITEMS],
}

impl Marks {
    /// From the packed form (`1`, `0`, `.` per item).
    pub fn unpack(packed: &[u8]) -> Marks {
        let mut marks = [None; MAX_ITEMS];
        let len = packed.len().min(MAX_ITEMS);
        for (m, c) in marks.iter_mut().zip(&packed[..len]) {
            *m = match c {
                b'1' => Some(true),
                b'0' => Some(false),
                _ => None,
            };
        }
        Marks {
            len: len as u8,
            marks,
        }
    }

    pub fn as_slice(&self) -> &[Option<bool>] {
        &self.marks[..usize::from(self.len)]
    }
}

/// What the status of a quarter needs of a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistStatus {
    pub state: ChecklistState,
    pub self_marks: Marks,
    pub review_marks: Marks,
    pub outstanding: bool,
    pub achievement: Option<String>,
}

impl ChecklistStatus {
    pub fn of(c: &ChecklistRow) -> ChecklistStatus {
        ChecklistStatus {
            state: c.state,
            self_marks: Marks::unpack(pack_marks(&c.self_marks).as_bytes()),
            review_marks: Marks::unpack(pack_marks(&c.review_marks).as_bytes()),
            outstanding: c.outstanding,
            achievement: c.achievement.clone(),
        }
    }
}

/// staff id → what the status needs of their checklist, for everyone in a
/// quarter: read from the covering index `checklists_quarter` alone.
pub fn quarter_checklist_status(conn: &Connection, q: Quarter) -> Result<ByStaff<ChecklistStatus>> {
    let mut stmt = conn.prepare_cached(
        "SELECT staff_id, state, outstanding, review_marks, self_marks, achievement
         FROM checklists INDEXED BY checklists_quarter WHERE quarter = ?1",
    )?;
    let mut rows = stmt.query([q.to_string()])?;
    let mut out = ByStaff::for_everyone(conn)?;
    while let Some(r) = rows.next()? {
        let state = ChecklistState::parse(r.get_ref(1)?.as_str().unwrap_or_default())
            .unwrap_or(ChecklistState::Draft);
        out.insert(
            r.get::<_, i64>(0)?,
            ChecklistStatus {
                state,
                outstanding: r.get(2)?,
                review_marks: Marks::unpack(r.get_ref(3)?.as_bytes().unwrap_or_default()),
                self_marks: Marks::unpack(r.get_ref(4)?.as_bytes().unwrap_or_default()),
                achievement: r.get(5)?,
            },
        );
    }
    Ok(out)
}

/// Writes `c` if the stored version is still `c.version` (0 = not stored
/// yet), bumping the version. `Ok(false)`: someone else wrote it first.
pub fn put_checklist(conn: &Connection, c: &ChecklistRow) -> Result<bool> {
    let q = c.quarter.to_string();
    let (selfm, review) = (pack_marks(&c.self_marks), pack_marks(&c.review_marks));
    // The row as it will be stored, in schema order: what is bound is what
    // is sealed.
    let mut values = [
        ValueRef::Integer(c.staff_id),
        text(&q),
        text(c.state.as_str()),
        ValueRef::Integer(c.version + 1),
        text(&selfm),
        text(&review),
        ValueRef::Integer(i64::from(c.outstanding)),
        opt_text(c.achievement.as_deref()),
        opt_text(c.return_note.as_deref()),
        text(&c.updated_at),
        text(&c.updated_by),
        // The version the write expects to find.
        ValueRef::Integer(c.version),
    ];
    let n = if c.version == 0 {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO checklists (staff_id, quarter, state, version, self_marks, review_marks, outstanding, achievement, return_note, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(bound(&values[..11]))?
    } else {
        conn.prepare_cached(
            "UPDATE checklists SET state = ?3, version = ?4, self_marks = ?5, review_marks = ?6, outstanding = ?7,
                achievement = ?8, return_note = ?9, updated_at = ?10, updated_by = ?11
             WHERE staff_id = ?1 AND quarter = ?2 AND version = ?12",
        )?
        .execute(bound(&values))?
    };
    if n == 1 {
        values[11] = ValueRef::Null;
        seal::put(
            conn,
            Sealed::Checklists,
            &seal::checklist_key(c.staff_id, &q),
            &values[..11],
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
