//! SQLite: connection set-up, migrations and queries. Nothing else in the
//! crate speaks SQL; nothing here formats text for a person.

pub mod audit;
pub mod history;
pub mod journal;
pub mod kpi;
mod queries;
pub mod reports;
pub mod roster;
mod schema;
pub mod seal;

pub use queries::*;
pub use reports::*;

use crate::outfile::{self, OutFileError, Replace};
use nix::unistd::AccessFlags;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema version this danhgia brings every database it opens to.
pub const SCHEMA_VERSION: usize = schema::MIGRATIONS.len();

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
    /// `PRAGMA user_version` is below a schema version the audit log
    /// records: set back by hand, so that migrations would run again over
    /// the tables (and, before schema 7, seal rows changed behind
    /// danhgia's back). Refused, never migrated.
    #[error(
        "{path}: the schema version was set back (the file says {found}; its audit log records {recorded}): the database was tampered with; restore a backup"
    )]
    SchemaLowered {
        path: PathBuf,
        found: i64,
        recorded: i64,
    },
    #[error("{path}: cannot write to the database (read-only file or directory)")]
    ReadOnly { path: PathBuf },
    /// The file is there but this account may not read it.
    #[error("{path}: no permission to open the database")]
    NoAccess { path: PathBuf },
    #[error("{path}: the disk is full; nothing was saved")]
    DiskFull { path: PathBuf },
    #[error("{path}: no database here; create one with `danhgia init`")]
    Missing { path: PathBuf },
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    /// Every connection opened ahead to the office's database is in use
    /// (and after the group was given up, no other can be opened).
    #[error("no free connection to the database")]
    Exhausted,
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
    /// The database's id, to send the audit head to the system log with
    /// after each commit that appended entries (store::journal): set for a
    /// database file, once migrated.
    log_heads_as: Option<String>,
}

impl Store {
    /// Opens an existing database, applying any pending migrations.
    pub fn open(path: &Path) -> Result<Store> {
        let mut store = Self::preopen(path)?;
        store.migrate().map_err(|e| reclassify(path, e))?;
        Ok(store)
    }

    /// Opens an existing database without migrating it yet: the connection
    /// is set up and has read the schema, so the database file, its `-wal`
    /// and its `-shm` are all open. On a shared server this runs while the
    /// process still has the database's group; [`Store::finish_open`]
    /// runs after the group is dropped (see `privilege`).
    ///
    /// A database this account may read but not write opens read-only
    /// (checking a backup on a read-only mount, say): every write is then
    /// refused naming the file ([`Store::write`]). Such an open never
    /// creates a `-wal` or `-shm` file: SQLite would make them with the
    /// read-only file's mode, and once the database was made writable again
    /// those stale files would refuse every later write.
    pub fn preopen(path: &Path) -> Result<Store> {
        if !path.exists() || empty_file(path) {
            return Err(StoreError::Missing {
                path: path.to_owned(),
            });
        }
        if !accessible(path, AccessFlags::R_OK) {
            return Err(StoreError::NoAccess {
                path: path.to_owned(),
            });
        }
        if accessible(path, AccessFlags::W_OK) {
            repair_own_sidecars(path);
            return Self::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE);
        }
        Self::connect_read_only(path)
    }

    /// A read-only connection that leaves nothing behind (see
    /// [`Store::preopen`]). With its `-wal` and `-shm` present, SQLite
    /// reads through them as usual. Without a `-wal` the whole database is
    /// in its main file, and it is opened `immutable` (no locks, no
    /// `-shm`), through a URI that this function builds itself from the
    /// path, every byte but the unreserved ones percent-encoded: the path is
    /// never read as a URI.
    fn connect_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if sidecar(path, "-wal").exists() && sidecar(path, "-shm").exists() {
            Connection::open_with_flags(path, flags)
        } else {
            let uri = format!("file:{}?immutable=1", percent_encode(path));
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
        }
        .map_err(|e| classify(path, e))?;
        let store = Store {
            conn,
            path: path.to_owned(),
            log_heads_as: None,
        };
        store.conn.busy_timeout(BUSY_TIMEOUT)?;
        store
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(|e| classify(path, e))?;
        store.conn.execute_batch("PRAGMA foreign_keys = ON")?;
        Ok(store)
    }

    /// Applies pending migrations to a [`Store::preopen`]ed database.
    pub fn finish_open(&mut self) -> Result<()> {
        let path = self.path.clone();
        self.migrate().map_err(|e| reclassify(&path, e))
    }

    /// Creates the database file if needed and brings its schema up to date.
    ///
    /// A new file is made `0660` before SQLite opens it: on a shared server
    /// the database belongs to the `danhgia` group (docs/DEPLOY.md), and
    /// SQLite gives the `-wal` and `-shm` files the database file's mode, so
    /// every member can write them. Created new (`O_EXCL`, never through a
    /// symbolic link).
    pub fn create(path: &Path) -> Result<Store> {
        if !path.exists() {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            let io = |e: std::io::Error| StoreError::Io {
                path: path.to_owned(),
                message: e.to_string(),
            };
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o660)
                .custom_flags(nix::libc::O_NOFOLLOW)
                .open(path)
                .map_err(io)?;
            file.set_permissions(std::fs::Permissions::from_mode(0o660))
                .map_err(io)?;
        }
        Self::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
            log_heads_as: None,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        let mut store = Self::connect(path, flags)?;
        store.migrate().map_err(|e| reclassify(path, e))?;
        Ok(store)
    }

    /// One configured connection. Never with `SQLITE_OPEN_URI`: a path is a
    /// path (`file:/…` given as a database or a backup is a file of that
    /// name, not a URI with its own options).
    fn connect(path: &Path, flags: OpenFlags) -> Result<Store> {
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        let store = Store {
            conn,
            path: path.to_owned(),
            log_heads_as: None,
        };
        store.configure().map_err(|e| reclassify(path, e))?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        if self.path.as_os_str() != ":memory:" {
            persist_wal(&self.conn)?;
            // The kept -wal is emptied when the last connection closes (and
            // whenever the log restarts): a database file copied or put
            // back on its own never meets old frames beside it.
            self.conn.execute_batch("PRAGMA journal_size_limit = 0")?;
        }
        // Room for every statement of one user action (a mark toggled: the
        // checklist's reads and write, its seal and tally, the audit entry
        // and head): with rusqlite's default of 16 they pushed each other
        // out and were compiled again on every toggle.
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
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

    /// Brings the schema up to date, then learns the database's id for the
    /// system log's heads (file databases only).
    fn migrate(&mut self) -> Result<()> {
        self.migrate_schema()?;
        if self.path.as_os_str() != ":memory:" {
            self.log_heads_as = journal::database_id(&self.conn)?;
        }
        Ok(())
    }

    fn migrate_schema(&mut self) -> Result<()> {
        self.refuse_newer()?;
        let known = schema::MIGRATIONS.len() as i64;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        // A version set back would have migrations run again over tables
        // already there; the audit log remembers what was applied. (At the
        // latest version only the last entry is read: every open does it.)
        let recorded = if version < known {
            audit::recorded_schema(&self.conn)?
        } else {
            audit::last_schema(&self.conn)?
        };
        if recorded > version {
            return Err(StoreError::SchemaLowered {
                path: self.path.clone(),
                found: version,
                recorded,
            });
        }
        if version == known {
            return Ok(());
        }
        // A migration may rebuild a table that others refer to (6 rebuilds
        // `staff`): SQLite's way is foreign keys off, every key checked
        // before the commit. A key broken behind danhgia's back before is
        // left for `audit verify` to name; refusing to open over it would
        // hide it.
        let head = self.write_keys_off(true, |tx| {
            // Another process may have migrated while we waited for the lock.
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", i as i64 + 1)?;
            }
            if version == known {
                return Ok(None);
            }
            if version < schema::TALLIES_VERSION as i64 {
                // The tallies of the seals already there (none in a new
                // database): counted, not sealed again.
                seal::count_existing(tx)?;
            }
            if version == 0 {
                // A new database: nothing to seal, nothing to record yet.
                return Ok(None);
            }
            let before = audit::last_seq(tx)?;
            record_upgrade(tx, version, known)?;
            new_head(tx, before)
        })?;
        if let Some(h) = head.filter(|_| self.path.as_os_str() != ":memory:") {
            journal::send(&h);
        }
        Ok(())
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

    /// Opened read-only: this account may read the file, not write it.
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
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
        let before = match self.log_heads_as {
            Some(_) => audit::last_seq(&tx).map_err(E::from)?,
            None => 0,
        };
        let out = f(&tx)?;
        let head = match &self.log_heads_as {
            Some(db) => audit::head(&tx)
                .map_err(E::from)?
                .filter(|(seq, _)| *seq > before)
                .map(|(seq, hash)| journal::Head {
                    db: db.clone(),
                    from: before + 1,
                    seq,
                    hash,
                }),
            None => None,
        };
        tx.commit()
            .map_err(|e| E::from(reclassify(&self.path, e.into())))?;
        if let Some(h) = head {
            journal::send(&h);
        }
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

/// Keeps the `-wal` file when the last connection closes
/// (`SQLITE_FCNTL_PERSIST_WAL`). On a shared server the install creates the
/// database, its `-wal` and its `-shm` once, owned by root and the group, in
/// a directory the group cannot write (docs/DEPLOY.md): were SQLite to delete
/// the WAL after a quiet night, the next person to open the database would
/// create it again as their own file, and could then write the database with
/// their own rights. SQLite keeps the `-shm` whenever it keeps the WAL.
fn persist_wal(conn: &Connection) -> Result<()> {
    let mut on: std::os::raw::c_int = 1;
    // SAFETY: `conn.handle()` is this open connection's handle, "main" is a
    // NUL-terminated name, and SQLITE_FCNTL_PERSIST_WAL reads and writes
    // exactly one int through the pointer, which outlives the call.
    let rc = unsafe {
        rusqlite::ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
            (&raw mut on).cast(),
        )
    };
    if rc == rusqlite::ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rc),
            Some("SQLITE_FCNTL_PERSIST_WAL".into()),
        )))
    }
}

/// Whether this process may access `path` as `mode` asks, with its
/// effective ids (the office's database is opened with the setgid group).
fn accessible(path: &Path, mode: AccessFlags) -> bool {
    nix::unistd::faccessat(
        nix::fcntl::AT_FDCWD,
        path,
        mode,
        nix::fcntl::AtFlags::AT_EACCESS,
    )
    .is_ok()
}

/// `path` with `suffix` appended (`-wal`, `-shm`).
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// `-wal` and `-shm` files of this account's own that an earlier danhgia
/// left read-only (opened while the database was read-only) get the
/// database's mode back, so the writable database works again. Files of
/// another owner (the office's, root's) are never touched.
fn repair_own_sidecars(path: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(db) = std::fs::symlink_metadata(path) else {
        return;
    };
    let me = nix::unistd::Uid::current().as_raw();
    for suffix in ["-wal", "-shm"] {
        let p = sidecar(path, suffix);
        let Ok(m) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if m.file_type().is_file() && m.uid() == me && m.mode() & 0o200 == 0 {
            let _ =
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(db.mode() & 0o777));
        }
    }
}

/// Every byte of the path but the unreserved ones and `/` as `%XX`.
fn percent_encode(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The head to send to the system log if the transaction appended audit
/// entries after `before`.
fn new_head(conn: &Connection, before: i64) -> Result<Option<journal::Head>> {
    let Some((seq, hash)) = audit::head(conn)?.filter(|(seq, _)| *seq > before) else {
        return Ok(None);
    };
    Ok(journal::database_id(conn)?.map(|db| journal::Head {
        db,
        from: before + 1,
        seq,
        hash,
    }))
}

/// Who the audit log says upgraded a database: the program, with the real
/// uid of the process that ran it.
fn upgrader() -> String {
    format!("danhgia (uid {})", nix::unistd::getuid())
}

/// Records an upgrade from schema `from` to `to` in the audit log: the
/// tables that joined the seals' registry on the way have their rows sealed
/// (through the one audited path, store::seal::seal_existing), then one
/// `migrate` entry, which carries the schema version and the seals' tallies.
fn record_upgrade(conn: &Connection, from: i64, to: i64) -> Result<()> {
    let at = chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    let who = upgrader();
    for v in (from + 1)..=to {
        let joined: Vec<seal::Sealed> = seal::Sealed::ALL
            .into_iter()
            .filter(|t| t.since() as i64 == v)
            .collect();
        if !joined.is_empty() {
            seal::seal_existing(
                conn,
                &joined,
                &at,
                &who,
                &format!("the tables joined the seals at schema {v}"),
            )?;
        }
    }
    audit::append(
        conn,
        &at,
        &audit::Entry {
            who: &who,
            acting_as: None,
            action: "migrate",
            entity: &format!("schema:{to}"),
            before: Some(&format!("{{\"version\":{from}}}")),
            after: Some(&format!("{{\"version\":{to}}}")),
        },
    )
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

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 64;

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
            ErrorCode::CannotOpen | ErrorCode::PermissionDenied
                if path.exists() && !accessible(path, AccessFlags::R_OK) =>
            {
                StoreError::NoAccess {
                    path: path.to_owned(),
                }
            }
            ErrorCode::ReadOnly | ErrorCode::CannotOpen if path.exists() => StoreError::ReadOnly {
                path: path.to_owned(),
            },
            ErrorCode::DiskFull => StoreError::DiskFull {
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
    fn the_history_joins_the_seals_at_the_migration_that_creates_it() {
        // The migrations may be reordered when branches meet: the version
        // the registry gives must still be the one creating the table.
        let v = schema::HISTORY_VERSION;
        assert!(schema::MIGRATIONS[v - 1].contains("CREATE TABLE staff_history"));
        assert_eq!(seal::Sealed::History.since(), v);
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
        seal::seal_as_before_7(&c);
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

    /// A database at schema 6 as danhgia 6 left it: people, a rating, a
    /// closed round, a header setting (not sealed then), sealed as
    /// danhgia 6 sealed them.
    fn schema_6_database(path: &Path) {
        let c = Connection::open(path).unwrap();
        c.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
        for (i, sql) in schema::MIGRATIONS.iter().take(6).enumerate() {
            c.execute_batch(sql).unwrap();
            c.pragma_update(None, "user_version", i as i64 + 1).unwrap();
        }
        c.execute_batch(
            "INSERT INTO staff (id, code, full_name, name_fold, title, unit, kind, grp, party_member, manager_code, login)
             VALUES (1, 'GD', 'Nguyễn Văn Một', 'nguyen van mot', 'Giám đốc', 'Sở', 'leader', 'CBLĐQL', 1, NULL, 'mot');
             INSERT INTO ratings (staff_id, year, month, rating, discipline) VALUES (1, 2026, 3, 'HTTNV', 0);
             INSERT INTO rounds VALUES ('2026-Q1', 'closed', 't', 'hr');
             INSERT INTO roles VALUES ('hr', 'admin', 't', 'hr');
             INSERT INTO settings VALUES ('unit_name', 'Sở Nội vụ');",
        )
        .unwrap();
        seal::seal_as_before_7(&c);
    }

    fn audit_actions(c: &Connection) -> Vec<(String, String)> {
        c.prepare("SELECT action, entity FROM audit ORDER BY seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn an_upgrade_from_schema_6_counts_the_seals_and_records_it_without_sealing_rows_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v6.db");
        schema_6_database(&path);
        // Changed behind danhgia 6's back: the upgrade must not hide it.
        Connection::open(&path)
            .unwrap()
            .execute("UPDATE ratings SET rating = 'HTXSNV'", [])
            .unwrap();
        let s = Store::open(&path).unwrap();
        let c = s.conn();
        assert_eq!(
            audit_actions(c),
            [
                ("seal".to_owned(), "seals".to_owned()),
                (
                    "migrate".to_owned(),
                    format!("schema:{}", schema::MIGRATIONS.len())
                )
            ]
        );
        let (after, rows): (String, String) = c
            .query_row(
                "SELECT (SELECT after FROM audit WHERE seq = 1), seal_rows FROM audit WHERE seq = 2",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(after.contains(r#""rows":{"settings":1}"#), "{after}");
        assert_eq!(
            rows,
            "staff=1,ratings=1,checklists=0,roles=1,rounds=1,settings=1,staff_history=0"
        );
        assert_eq!(seal::tallies(c).unwrap(), seal::recount(c).unwrap());
        assert_eq!(
            audit::verify(c).unwrap(),
            audit::Verification::Tampered(seal::Tampered {
                entity: "rating:GD:2026-03".into(),
                change: seal::Change::Edited
            }),
            "the rating changed before the upgrade is still caught"
        );
        assert!(
            journal::database_id(c)
                .unwrap()
                .is_some_and(|id| id.len() == 32)
        );
        drop(s);
        // A clean one verifies.
        let clean = dir.path().join("clean.db");
        schema_6_database(&clean);
        let s = Store::open(&clean).unwrap();
        assert_eq!(
            audit::verify(s.conn()).unwrap(),
            audit::Verification::Intact { entries: 2 }
        );
    }

    /// A database at the schema just before leave could be recorded, as
    /// that danhgia left it: people, monthly ratings (one excused, one with
    /// discipline 18), a yearly rating with no discipline, a closed round,
    /// every row sealed and the seals counted.
    fn before_leave_database(path: &Path) {
        let c = Connection::open(path).unwrap();
        c.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
        for (i, sql) in schema::MIGRATIONS
            .iter()
            .take(schema::LEAVE_VERSION - 1)
            .enumerate()
        {
            c.execute_batch(sql).unwrap();
            c.pragma_update(None, "user_version", i as i64 + 1).unwrap();
        }
        c.execute_batch(
            "INSERT INTO staff (id, code, full_name, name_fold, title, unit, kind, grp, party_member, manager_code, login)
             VALUES (1, 'GD', 'Nguyễn Văn Một', 'nguyen van mot', 'Giám đốc', 'Sở', 'leader', 'CBLĐQL', 1, NULL, 'mot'),
                    (2, 'CV', 'Trần Thị Hai', 'tran thi hai', 'Chuyên viên', 'Phòng', 'staff', 'VC', 0, 'GD', NULL);
             INSERT INTO ratings (staff_id, year, month, rating, discipline, excused) VALUES
                    (1, 2026, 3, 'HTTNV', 20, 0), (2, 2026, 3, 'HTNV', 20, 1),
                    (2, 2026, 4, 'KHTNV', 18, 0), (2, 2026, 0, 'HTXSNV', NULL, 0);
             INSERT INTO rounds VALUES ('2026-Q1', 'closed', 't', 'hr');
             INSERT INTO roles VALUES ('hr', 'admin', 't', 'hr');",
        )
        .unwrap();
        // The seals as every danhgia writes them (the same hash of the same
        // columns), and their tallies.
        seal::seal_as_before_7(&c);
        seal::count_existing(&c).unwrap();
    }

    fn ratings_rows(c: &Connection) -> Vec<(i64, i64, i64, String, Option<i64>, i64)> {
        c.prepare("SELECT * FROM ratings ORDER BY staff_id, year, month")
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn the_leave_migration_keeps_the_ratings_and_their_seals_and_checks_a_leave() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("before.db");
        before_leave_database(&path);
        let before = ratings_rows(&Connection::open(&path).unwrap());
        let s = Store::open(&path).unwrap();
        let c = s.conn();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::MIGRATIONS.len() as i64);
        assert_eq!(ratings_rows(c), before, "same rows, same values");
        assert_eq!(seal::verify(c).unwrap(), None, "every seal still holds");
        assert_eq!(seal::tallies(c).unwrap(), seal::recount(c).unwrap());
        assert!(
            matches!(
                audit::verify(c).unwrap(),
                audit::Verification::Intact { .. }
            ),
            "audit verify is clean on the upgraded database"
        );
        let fk: i64 = c
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys are on again after the upgrade");
        // A leave: a month, no rating, no discipline, not excused.
        let put = |month: i64, rating: &str, discipline: Option<i64>, excused: i64| {
            c.execute(
                "INSERT OR REPLACE INTO ratings VALUES (1, 2026, ?1, ?2, ?3, ?4)",
                rusqlite::params![month, rating, discipline, excused],
            )
        };
        put(5, "leave", None, 0).unwrap();
        assert!(put(0, "leave", None, 0).is_err(), "never the yearly rating");
        assert!(put(6, "leave", Some(20), 0).is_err(), "no discipline");
        assert!(put(6, "leave", None, 1).is_err(), "not excused");
        assert!(put(6, "Leave", None, 0).is_err());
        assert!(put(6, "HTNV", Some(21), 0).is_err());
        assert!(put(6, "HTNV", Some(20), 2).is_err());
        assert!(put(13, "HTNV", Some(20), 0).is_err());
        put(6, "HTNV", Some(20), 1).unwrap();
        assert!(
            c.execute(
                "INSERT INTO ratings VALUES (99, 2026, 1, 'HTNV', 20, 0)",
                []
            )
            .is_err(),
            "a rating is someone's"
        );
        let plan: String = c
            .query_row(
                "EXPLAIN QUERY PLAN SELECT staff_id, month, rating, discipline, excused
                 FROM ratings INDEXED BY ratings_period WHERE year = 2026 AND month BETWEEN 1 AND 3",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("COVERING INDEX ratings_period"), "{plan}");
        assert!(
            schema::MIGRATIONS[schema::LEAVE_VERSION - 1].contains("rating = 'leave'"),
            "LEAVE_VERSION names the migration that brings leave"
        );
    }

    #[test]
    fn a_rating_changed_before_the_leave_migration_is_still_caught() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("before.db");
        before_leave_database(&path);
        Connection::open(&path)
            .unwrap()
            .execute(
                "UPDATE ratings SET rating = 'HTXSNV' WHERE staff_id = 2 AND month = 4",
                [],
            )
            .unwrap();
        let s = Store::open(&path).unwrap();
        assert_eq!(
            audit::verify(s.conn()).unwrap(),
            audit::Verification::Tampered(seal::Tampered {
                entity: "rating:CV:2026-04".into(),
                change: seal::Change::Edited
            })
        );
    }

    #[test]
    fn a_lowered_user_version_is_refused_and_nothing_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        drop(Store::create(&path).unwrap());
        for lowered in [6, 2] {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", lowered).unwrap();
            drop(c);
            let e = Store::open(&path).err().unwrap();
            assert!(
                matches!(e, StoreError::SchemaLowered { found, recorded: 7, .. } if found == lowered),
                "{e}"
            );
            let c = Connection::open(&path).unwrap();
            let v: i64 = c
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, lowered, "no migration ran");
        }
    }
}
