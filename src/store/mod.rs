//! SQLite: connection set-up, migrations and queries. Nothing else in the
//! crate speaks SQL; nothing here formats text for a person.

pub mod audit;
pub mod kpi;
mod queries;
pub mod reports;
pub mod roster;
mod schema;
pub mod seal;

pub use queries::*;
pub use reports::*;

use crate::outfile::{self, OutFileError, Replace};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another's lock before giving up. Transactions
/// are short (one user action), so this is ample even with many writers.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a danhgia database (not an SQLite file, or damaged)")]
    NotADatabase { path: PathBuf },
    #[error(
        "{path}: made by a newer danhgia (schema version {found}; this program knows up to {known}); use the newer program"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path}: cannot write to the database (read-only file or directory)")]
    ReadOnly { path: PathBuf },
    #[error("{path}: no database here; create one with `danhgia init`")]
    Missing { path: PathBuf },
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file the store creates (a backup) could not be created.
    #[error(transparent)]
    File(#[from] OutFileError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens an existing database, applying any pending migrations.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() || empty_file(path) {
            return Err(StoreError::Missing {
                path: path.to_owned(),
            });
        }
        Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    /// Creates the database file if needed and brings its schema up to date.
    ///
    /// A new file is made `0660`: on a shared server the database belongs to
    /// the `danhgia` group (docs/DEPLOY.md), and SQLite gives the `-wal` and
    /// `-shm` files the database file's mode, so every member can write them.
    pub fn create(path: &Path) -> Result<Store> {
        let new = !path.exists();
        let store = Self::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        if new {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660));
        }
        Ok(store)
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        store.configure().map_err(|e| reclassify(path, e))?;
        store.migrate().map_err(|e| reclassify(path, e))?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the schema first turns "not a database" into an error here.
        self.conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
        // A read-only file opens for reading as it is: a backup (in
        // rollback-journal mode) kept read-only can be checked; `write`
        // refuses, naming the file. Asking it for WAL would be a write.
        let read_only = self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
        if self.path.as_os_str() != ":memory:" && !read_only {
            self.refuse_before_wal()?;
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::ReadOnly {
                    path: self.path.clone(),
                });
            }
        }
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        Ok(())
    }

    /// A database not yet in WAL mode (a backup put back, a new file) that
    /// will be refused anyway — its file shorter than its header says (a
    /// copy that failed midway), or made by a newer danhgia — is refused
    /// before the switch to WAL writes into it.
    fn refuse_before_wal(&self) -> Result<()> {
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        if header_pages_beyond_file(&self.path) {
            return Err(StoreError::NotADatabase {
                path: self.path.clone(),
            });
        }
        self.refuse_newer()
    }

    /// A schema newer than this program knows.
    fn refuse_newer(&self) -> Result<()> {
        let known = schema::MIGRATIONS.len() as i64;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > known {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        self.refuse_newer()?;
        let known = schema::MIGRATIONS.len() as i64;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == known {
            return Ok(());
        }
        // A migration may rebuild a table that others refer to (6 rebuilds
        // `staff`): SQLite's way is foreign keys off, every key checked
        // before the commit. A key broken behind danhgia's back before is
        // left for `audit verify` to name; refusing to open over it would
        // hide it.
        self.write_keys_off(true, |tx| {
            // Another process may have migrated while we waited for the lock.
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(sql)?;
                if i + 1 == schema::SEALS_VERSION {
                    seal::seal_all(tx)?;
                }
                tx.pragma_update(None, "user_version", i as i64 + 1)?;
            }
            Ok(())
        })
    }

    /// [`Store::write`] with SQLite's foreign-key enforcement off for the
    /// transaction (the pragma cannot change inside one) and on again
    /// whatever happens. With `check_keys` the keys are counted before and
    /// after `f`, and a transaction that broke one is not committed.
    fn write_keys_off<T, E: From<StoreError>>(
        &self,
        check_keys: bool,
        f: impl FnOnce(&rusqlite::Transaction) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.conn
            .execute_batch("PRAGMA foreign_keys = OFF")
            .map_err(|e| E::from(e.into()))?;
        let out = self.write(|tx| {
            let before = if check_keys { broken_keys(tx)? } else { 0 };
            let out = f(tx)?;
            if check_keys && broken_keys(tx)? > before {
                return Err(E::from(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                    Some("a row would refer to one that is not there".into()),
                ))));
            }
            Ok(out)
        });
        let on = self.conn.execute_batch("PRAGMA foreign_keys = ON");
        let out = out?;
        on.map_err(|e| E::from(e.into()))?;
        Ok(out)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Transactions never nest here: each service call opens exactly one.
    ///
    /// Runs `f` in one short write transaction (taken immediately, so two
    /// writers queue on the busy timeout instead of failing on upgrade).
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        // A read-only file opens for reading (a backup on a read-only
        // mount can still be checked); a write says so, naming the file.
        if self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(E::from(StoreError::ReadOnly {
                path: self.path.clone(),
            }));
        }
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| E::from(reclassify(&self.path, e.into())))?;
        let out = f(&tx)?;
        tx.commit()
            .map_err(|e| E::from(reclassify(&self.path, e.into())))?;
        Ok(out)
    }

    /// [`Store::write`] for a bulk write, with a page cache big enough for
    /// its whole transaction (a write that touches more pages than the
    /// default 2 MiB spills them to the WAL in the middle and writes the same
    /// pages again and again), and with SQLite's foreign-key enforcement off:
    /// the service checks every key itself before it commits (the staff
    /// import: every manager is someone in the file or the database, and an
    /// import deletes no one). At 100,000 rows SQLite's own check is a lookup
    /// per row and keeps the manager index up to date row by row; the bulk
    /// write builds that index once instead. Debug builds (so every test)
    /// still check the keys before the commit, and a broken one is an error.
    pub fn write_bulk<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        set_cache_kib(&self.conn, BULK_CACHE_KIB).map_err(E::from)?;
        let out = self.write_keys_off(cfg!(debug_assertions), f);
        set_cache_kib(&self.conn, DEFAULT_CACHE_KIB).map_err(E::from)?;
        out
    }

    /// Runs `f` in one read transaction: a consistent snapshot.
    pub fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)
            .map_err(|e| E::from(reclassify(&self.path, e.into())))?;
        let out = f(&tx)?;
        tx.commit()
            .map_err(|e| E::from(reclassify(&self.path, e.into())))?;
        Ok(out)
    }

    /// Changes whenever another connection commits (PRAGMA data_version).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Copies the database to `dest` with SQLite's online backup: a consistent
    /// snapshot even while others write. `dest` is created new (never over
    /// an existing file, never through a symbolic link, mode 0600: see
    /// [`crate::outfile`]); the copy is in rollback-journal mode, so that it
    /// opens read-only anywhere without `-wal` and `-shm` files beside it,
    /// checked, and on disk before it takes its name.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        outfile::create(dest, Replace::Never, |_, tmp| self.backup_into(tmp, dest))
    }

    /// The backup proper, into the (empty, already created) file `tmp` that
    /// becomes `dest`.
    fn backup_into(&self, tmp: &Path, dest: &Path) -> Result<()> {
        // No SQLITE_OPEN_URI (a path is never read as a URI) and no
        // SQLITE_OPEN_CREATE: the file exists, made by `outfile`.
        let mut out = Connection::open_with_flags(
            tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        {
            // All pages in one step, inside one read transaction: a copy made
            // in several steps starts again whenever another process commits
            // between two steps, so with people at work a large database
            // would never finish copying. In WAL mode the read blocks no one.
            use rusqlite::backup::StepResult;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
            while backup.step(-1)? != StepResult::Done {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        // The pages say WAL (copied from the live database); a WAL database
        // cannot be opened read-only without its -shm file.
        let mode: String = out.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
        let ok: String = out.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" || !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::NotADatabase {
                path: dest.to_owned(),
            });
        }
        out.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        Ok(())
    }
}

/// An empty file with no write-ahead log beside it: not a database yet (an
/// empty file would otherwise silently become one, without an admin). A new
/// database whose first pages are still in its `-wal` is not empty.
/// How many rows break a foreign key.
fn broken_keys(conn: &Connection) -> Result<usize> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while rows.next()?.is_some() {
        n += 1;
    }
    Ok(n)
}

/// The page cache of a bulk write, in KiB: enough for 100,000 staff rows
/// with their indexes and seals in one transaction.
const BULK_CACHE_KIB: u32 = 128 * 1024;

/// SQLite's default page cache, in KiB.
const DEFAULT_CACHE_KIB: u32 = 2000;

/// Sets the page cache of this connection, in KiB.
fn set_cache_kib(conn: &Connection, kib: u32) -> Result<()> {
    conn.execute_batch(&format!("PRAGMA cache_size = -{kib}"))?;
    Ok(())
}

fn empty_file(path: &Path) -> bool {
    let len = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    len(path) == 0 && len(Path::new(&wal)) == 0
}

/// The file's header gives it more pages than the file holds (SQLite's
/// "in-header database size", where the header marks it valid).
fn header_pages_beyond_file(path: &Path) -> bool {
    use std::io::Read;
    let mut h = [0u8; 100];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    if f.read_exact(&mut h).is_err() {
        return false;
    }
    let be = |at: usize| u32::from_be_bytes([h[at], h[at + 1], h[at + 2], h[at + 3]]);
    let page = match u16::from_be_bytes([h[16], h[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(be(28));
    let valid = pages > 0 && be(24) == be(92);
    let len = f.metadata().map_or(0, |m| m.len());
    valid && pages * page > len
}

fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    reclassify(path, StoreError::Sqlite(e))
}

fn reclassify(path: &Path, e: StoreError) -> StoreError {
    use rusqlite::ErrorCode;
    match &e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => match f.code {
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => StoreError::NotADatabase {
                path: path.to_owned(),
            },
            ErrorCode::ReadOnly | ErrorCode::CannotOpen if path.exists() => StoreError::ReadOnly {
                path: path.to_owned(),
            },
            _ => e,
        },
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_is_at_the_latest_schema() {
        let s = Store::in_memory().unwrap();
        let v: i64 = s
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        std::fs::write(
            &p,
            b"this is a spreadsheet, not a database, and it is long enough to matter",
        )
        .unwrap();
        let e = Store::open(&p).err().unwrap();
        assert!(matches!(e, StoreError::NotADatabase { .. }), "{e}");
        // and the file is untouched
        assert!(
            std::fs::read(&p)
                .unwrap()
                .starts_with(b"this is a spreadsheet")
        );
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        drop(Store::create(&p).unwrap());
        let c = Connection::open(&p).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        drop(c);
        let e = Store::open(&p).err().unwrap();
        assert!(
            matches!(e, StoreError::NewerSchema { found: 99, .. }),
            "{e}"
        );
    }

    #[test]
    fn a_new_database_is_group_writable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        drop(Store::create(&p).unwrap());
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o660
        );
    }

    #[test]
    fn wal_and_foreign_keys_are_on() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::create(&dir.path().join("x.db")).unwrap();
        let mode: String = s
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = s
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    /// A database at schema 5 with people, a manager link and a rating,
    /// sealed as danhgia 5 sealed them.
    fn schema_5_database(path: &Path) {
        let c = Connection::open(path).unwrap();
        c.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
            .unwrap();
        for (i, sql) in schema::MIGRATIONS.iter().take(5).enumerate() {
            c.execute_batch(sql).unwrap();
            c.pragma_update(None, "user_version", i as i64 + 1).unwrap();
        }
        c.execute_batch(
            "INSERT INTO staff (id, code, full_name, name_fold, title, unit, kind, grp, party_member, manager_code, login)
             VALUES (1, 'GD', 'Nguyễn Văn Một', 'nguyen van mot', 'Giám đốc', 'Sở', 'leader', 'CBLĐQL', 1, NULL, 'mot'),
                    (7, 'CV', 'Trần Thị Hai', 'tran thi hai', 'Chuyên viên', 'Phòng', 'staff', 'VC', 0, 'GD', NULL);
             INSERT INTO ratings (staff_id, year, month, rating, discipline) VALUES (7, 2026, 3, 'HTTNV', 0);",
        )
        .unwrap();
        seal::seal_all(&c).unwrap();
    }

    #[test]
    fn schema_6_rebuilds_staff_keeping_rows_seals_keys_and_checks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.db");
        schema_5_database(&path);
        let s = Store::open(&path).unwrap();
        let c = s.conn();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::MIGRATIONS.len() as i64);
        assert_eq!(seal::verify(c).unwrap(), None, "every seal still holds");
        let moved: (i64, i64) = c
            .query_row(
                "SELECT (SELECT count(*) FROM staff_seals), (SELECT count(*) FROM seals WHERE tbl = 'staff')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(moved, (2, 0), "the staff rows' seals have their own table");
        let ids: Vec<(i64, String)> = c
            .prepare("SELECT id, code FROM staff ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(ids, [(1, "GD".to_owned()), (7, "CV".to_owned())]);
        let fk: i64 = c
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys are on again after the upgrade");
        let sql: String = c
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'staff'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(!sql.contains(" IN ("), "{sql}");
        // The checks and keys still hold, written differently.
        let insert = |kind: &str, grp: &str, party: i64, manager: &str| {
            c.execute(
                "INSERT INTO staff (code, full_name, name_fold, title, unit, kind, grp, party_member, manager_code)
                 VALUES ('X', 'x', 'x', 't', 'u', ?1, ?2, ?3, ?4)",
                rusqlite::params![kind, grp, party, manager],
            )
        };
        assert!(insert("boss", "VC", 0, "GD").is_err());
        assert!(insert("staff", "vc", 0, "GD").is_err());
        assert!(insert("staff", "VC", 2, "GD").is_err());
        assert!(
            insert("staff", "NLĐ", 1, "nobody").is_err(),
            "manager must exist"
        );
        insert("staff", "NLĐ", 1, "GD").unwrap();
        let taken = c.execute("UPDATE staff SET login = 'mot' WHERE code = 'X'", []);
        assert!(taken.is_err(), "a login is one person's");
        c.execute("UPDATE staff SET login = NULL WHERE code = 'X'", [])
            .unwrap();
        let plan: String = c
            .query_row(
                "EXPLAIN QUERY PLAN SELECT id FROM staff WHERE login = ?1",
                ["mot"],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("staff_login"), "{plan}");
        let deleted = c.execute("DELETE FROM staff WHERE id = 7", []);
        assert!(deleted.is_err(), "a rated person cannot be deleted");
        for name in ["staff_login", "staff_manager", "staff_unit"] {
            let n: i64 = c
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "{name}");
        }
    }
}
