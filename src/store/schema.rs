//! Versioned migrations, applied in order on open. `PRAGMA user_version`
//! records how many have been applied; a database from a newer danhgia
//! (more migrations than this binary knows) is refused, never downgraded.

/// Migration `i` brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the assessment.
    r#"
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE roles (
        login      TEXT NOT NULL,
        role       TEXT NOT NULL CHECK (role IN ('admin', 'reviewer')),
        granted_at TEXT NOT NULL,
        granted_by TEXT NOT NULL,
        PRIMARY KEY (login, role)
    ) WITHOUT ROWID;

    CREATE TABLE staff (
        id            INTEGER PRIMARY KEY,
        code          TEXT NOT NULL UNIQUE,
        full_name     TEXT NOT NULL,
        name_fold     TEXT NOT NULL,
        birth_date    TEXT,
        title         TEXT NOT NULL,
        unit          TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('leader', 'staff')),
        grp           TEXT NOT NULL CHECK (grp IN ('CBLĐQL', 'CC', 'VC', 'NLĐ')),
        party_member  INTEGER NOT NULL CHECK (party_member IN (0, 1)),
        manager_code  TEXT REFERENCES staff (code) DEFERRABLE INITIALLY DEFERRED,
        login         TEXT UNIQUE,
        position_code TEXT,
        grade         TEXT,
        joined        TEXT,
        left_on       TEXT
    );
    CREATE INDEX staff_manager ON staff (manager_code);
    CREATE INDEX staff_unit ON staff (unit);

    CREATE TABLE rounds (
        quarter    TEXT PRIMARY KEY,
        state      TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        changed_at TEXT NOT NULL,
        changed_by TEXT NOT NULL
    ) WITHOUT ROWID;

    -- month 0 is the yearly rating.
    CREATE TABLE ratings (
        staff_id   INTEGER NOT NULL REFERENCES staff (id),
        year       INTEGER NOT NULL,
        month      INTEGER NOT NULL CHECK (month BETWEEN 0 AND 12),
        rating     TEXT NOT NULL CHECK (rating IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
        discipline INTEGER CHECK (discipline BETWEEN 0 AND 20),
        excused    INTEGER NOT NULL DEFAULT 0 CHECK (excused IN (0, 1)),
        PRIMARY KEY (staff_id, year, month)
    ) WITHOUT ROWID;
    CREATE INDEX ratings_period ON ratings (year, month);

    -- Marks are packed, one character per item in form order ('1' Đạt,
    -- '0' Chưa đạt, '.' unset): a checklist is one row, read and written in
    -- one step, versioned as a whole. 03B's items are the first 18 of 03A.
    CREATE TABLE checklists (
        staff_id     INTEGER NOT NULL REFERENCES staff (id),
        quarter      TEXT NOT NULL,
        state        TEXT NOT NULL DEFAULT 'draft'
                     CHECK (state IN ('draft', 'submitted', 'returned', 'approved')),
        version      INTEGER NOT NULL DEFAULT 1,
        self_marks   TEXT NOT NULL CHECK (self_marks NOT GLOB '*[^10.]*'),
        review_marks TEXT NOT NULL CHECK (review_marks NOT GLOB '*[^10.]*'),
        outstanding  INTEGER NOT NULL DEFAULT 0 CHECK (outstanding IN (0, 1)),
        achievement  TEXT,
        return_note  TEXT,
        updated_at   TEXT NOT NULL,
        updated_by   TEXT NOT NULL,
        PRIMARY KEY (staff_id, quarter)
    ) WITHOUT ROWID;
    CREATE INDEX checklists_quarter ON checklists (quarter, state);

    CREATE TABLE notes (
        staff_id INTEGER NOT NULL,
        quarter  TEXT NOT NULL,
        item     TEXT NOT NULL,
        note     TEXT NOT NULL,
        PRIMARY KEY (staff_id, quarter, item),
        FOREIGN KEY (staff_id, quarter) REFERENCES checklists (staff_id, quarter)
            DEFERRABLE INITIALLY DEFERRED
    ) WITHOUT ROWID;

    CREATE TABLE commitments (
        staff_id         INTEGER NOT NULL REFERENCES staff (id),
        year             INTEGER NOT NULL,
        signed_on        TEXT NOT NULL,
        focus_ethics     TEXT NOT NULL,
        focus_work       TEXT NOT NULL,
        focus_leadership TEXT,
        PRIMARY KEY (staff_id, year)
    ) WITHOUT ROWID;

    -- Append-only, chained by hashes (see store::audit).
    CREATE TABLE audit (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        who       TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        before    TEXT,
        after     TEXT,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    "#,
    // 2: KPI (004): the catalog of standard tasks and the task log.
    r#"
    -- One row per task, or per step of a task split into steps. Upserted by
    -- (unit, area, task, step) so that ids stay stable across re-imports.
    CREATE TABLE kpi_catalog (
        id         INTEGER PRIMARY KEY,
        unit       TEXT NOT NULL,
        area       TEXT NOT NULL,
        task       TEXT NOT NULL,
        step       INTEGER NOT NULL DEFAULT 1 CHECK (step >= 1),
        steps      TEXT NOT NULL DEFAULT '',
        product    TEXT NOT NULL DEFAULT '',
        complexity INTEGER NOT NULL CHECK (complexity BETWEEN 1 AND 5),
        bucket     INTEGER NOT NULL CHECK (bucket BETWEEN 1 AND 14),
        -- danhgia::text::fold of area, task, steps and product, for search.
        search     TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (unit, area, task, step)
    );

    -- The task's name, step, complexity and bucket are copied from the
    -- catalog when logged, so a later catalog change leaves past quarters be.
    CREATE TABLE kpi_log (
        id           INTEGER PRIMARY KEY,
        staff_id     INTEGER NOT NULL REFERENCES staff (id),
        day          TEXT NOT NULL,
        quarter      TEXT NOT NULL,
        catalog_id   INTEGER REFERENCES kpi_catalog (id),
        task         TEXT NOT NULL,
        step         INTEGER,
        complexity   INTEGER NOT NULL CHECK (complexity BETWEEN 1 AND 5),
        bucket       INTEGER NOT NULL CHECK (bucket BETWEEN 1 AND 14),
        quantity     INTEGER NOT NULL CHECK (quantity >= 1),
        product_ref  TEXT NOT NULL DEFAULT '',
        done         INTEGER NOT NULL CHECK (done IN (0, 1)),
        confirmed_by TEXT,
        confirmed_at TEXT,
        version      INTEGER NOT NULL DEFAULT 1,
        updated_at   TEXT NOT NULL,
        updated_by   TEXT NOT NULL
    );
    -- The quarter summary reads only this index, in staff order.
    CREATE INDEX kpi_log_summary ON kpi_log
        (quarter, staff_id, done, bucket, complexity, quantity, confirmed_by);
    -- A person's days (the log pane, the tasks file's natural key).
    CREATE INDEX kpi_log_staff_day ON kpi_log (staff_id, day);
    "#,
    // 3: seals of the rows that decide results and rights (see store::seal);
    // the rows already there are sealed by `Store::migrate` right after.
    r#"
    -- seal: the first 16 bytes of a SHA-256 of the row (store::seal).
    CREATE TABLE seals (
        tbl     TEXT NOT NULL,
        row_key TEXT NOT NULL,
        seal    BLOB NOT NULL,
        PRIMARY KEY (tbl, row_key)
    ) WITHOUT ROWID;
    "#,
    // 4: KPI entry ids are never reused. Without AUTOINCREMENT SQLite gives
    // a new row the id of the last one deleted, and a session still holding
    // "entry #22, version 1" of a deleted entry would edit, delete or
    // confirm someone else's new entry #22 at version 1.
    r#"
    CREATE TABLE kpi_log_new (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        staff_id     INTEGER NOT NULL REFERENCES staff (id),
        day          TEXT NOT NULL,
        quarter      TEXT NOT NULL,
        catalog_id   INTEGER REFERENCES kpi_catalog (id),
        task         TEXT NOT NULL,
        step         INTEGER,
        complexity   INTEGER NOT NULL CHECK (complexity BETWEEN 1 AND 5),
        bucket       INTEGER NOT NULL CHECK (bucket BETWEEN 1 AND 14),
        quantity     INTEGER NOT NULL CHECK (quantity >= 1),
        product_ref  TEXT NOT NULL DEFAULT '',
        done         INTEGER NOT NULL CHECK (done IN (0, 1)),
        confirmed_by TEXT,
        confirmed_at TEXT,
        version      INTEGER NOT NULL DEFAULT 1,
        updated_at   TEXT NOT NULL,
        updated_by   TEXT NOT NULL
    );
    INSERT INTO kpi_log_new SELECT * FROM kpi_log;
    DROP TABLE kpi_log;
    ALTER TABLE kpi_log_new RENAME TO kpi_log;
    CREATE INDEX kpi_log_summary ON kpi_log
        (quarter, staff_id, done, bucket, complexity, quantity, confirmed_by);
    CREATE INDEX kpi_log_staff_day ON kpi_log (staff_id, day);
    "#,
    // 5: covering indexes for the reads of a whole quarter or year (status,
    // commendation): its ratings and checklists come from the index alone,
    // in order, instead of one lookup into the table per row (300,000 for a
    // quarter of 100,000 people). The staff id is in each entry already, as
    // the primary key of a WITHOUT ROWID table.
    r#"
    DROP INDEX ratings_period;
    CREATE INDEX ratings_period ON ratings (year, month, rating, discipline, excused);
    DROP INDEX checklists_quarter;
    CREATE INDEX checklists_quarter ON checklists
        (quarter, state, outstanding, review_marks, self_marks, achievement);
    "#,
    // 6: the staff table rebuilt for bulk imports, and its seals moved to a
    // table of their own (below). Its checks are written
    // as comparisons: a `CHECK (x IN (...))` builds a small lookup table for
    // every statement that runs it, and an import runs one INSERT per
    // person (the three IN checks: 0.45 s against 0.39 s for 100,000 rows
    // in a plain `sqlite3` test). Logins are unique through an index of the
    // rows that have one (most staff have none; an index entry per empty
    // login cost 1 MB and time per row); `WHERE login = ?` still uses it.
    // Same columns in the same order, same ids, same values, so the rows'
    // seals still hold; `Store::migrate` runs this with foreign keys off and
    // checks them before it commits (SQLite's way of changing a table that
    // others refer to).
    r#"
    CREATE TABLE staff_new (
        id            INTEGER PRIMARY KEY,
        code          TEXT NOT NULL UNIQUE,
        full_name     TEXT NOT NULL,
        name_fold     TEXT NOT NULL,
        birth_date    TEXT,
        title         TEXT NOT NULL,
        unit          TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind = 'leader' OR kind = 'staff'),
        grp           TEXT NOT NULL
                      CHECK (grp = 'CBLĐQL' OR grp = 'CC' OR grp = 'VC' OR grp = 'NLĐ'),
        party_member  INTEGER NOT NULL CHECK (party_member = 0 OR party_member = 1),
        manager_code  TEXT REFERENCES staff (code) DEFERRABLE INITIALLY DEFERRED,
        login         TEXT,
        position_code TEXT,
        grade         TEXT,
        joined        TEXT,
        left_on       TEXT
    );
    INSERT INTO staff_new SELECT * FROM staff;
    DROP TABLE staff;
    ALTER TABLE staff_new RENAME TO staff;
    CREATE UNIQUE INDEX staff_login ON staff (login) WHERE login IS NOT NULL;
    CREATE INDEX staff_manager ON staff (manager_code);
    CREATE INDEX staff_unit ON staff (unit);

    -- The staff rows' seals (store::seal), by id: appended in id order by a
    -- bulk import, where text keys in `seals` land all over the table.
    CREATE TABLE staff_seals (
        id   INTEGER PRIMARY KEY,
        seal BLOB NOT NULL
    );
    INSERT OR REPLACE INTO staff_seals (id, seal)
        SELECT CAST(row_key AS INTEGER), seal FROM seals WHERE tbl = 'staff';
    DELETE FROM seals WHERE tbl = 'staff';
    "#,
    // 7: an audit that survives deletion (store::audit, store::seal). Each
    // new entry (format 2) also carries the schema version, who an admin
    // acted as (`--as`), and the seals' row counts and digest, kept by the
    // writes in `seal_tallies`; the database gets an id for the system log.
    // `Store::migrate` then counts the seals already there (it does not
    // seal rows again), seals the settings that change results (the table
    // joins the registry at 7), and records both in the log.
    r#"
    ALTER TABLE audit ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE audit ADD COLUMN schema_version INTEGER;
    ALTER TABLE audit ADD COLUMN acting_as TEXT;
    ALTER TABLE audit ADD COLUMN seal_rows TEXT;
    ALTER TABLE audit ADD COLUMN seal_digest TEXT;

    -- One row per sealed table: its seals' count and the wrapping sum of
    -- their parts, 16 bytes big-endian (store::seal::Tally).
    CREATE TABLE seal_tallies (
        tbl  TEXT PRIMARY KEY,
        rows INTEGER NOT NULL,
        sum  BLOB NOT NULL
    ) WITHOUT ROWID;

    INSERT OR IGNORE INTO settings (key, value)
        VALUES ('database_id', lower(hex(randomblob(16))));
    "#,
    // LEAVE_VERSION: a whole month on leave (nghỉ thai sản, ốm dài ngày,
    // không lương) is recordable: `rating` may be 'leave' instead of a
    // rating, with no discipline score, not excused, never for the year
    // (month 0). The table is rebuilt to change its check; same columns in
    // the same order, same values, so the rows' seals (store::seal, which
    // hashes the columns) still hold, and their tally with them. Its checks
    // are comparisons, as in 6. Nothing refers to `ratings`; `Store::migrate`
    // runs this with foreign keys off and checks them before the commit.
    r#"
    CREATE TABLE ratings_new (
        staff_id   INTEGER NOT NULL REFERENCES staff (id),
        year       INTEGER NOT NULL,
        month      INTEGER NOT NULL CHECK (month BETWEEN 0 AND 12),
        rating     TEXT NOT NULL
                   CHECK (rating = 'HTXSNV' OR rating = 'HTTNV' OR rating = 'HTNV'
                          OR rating = 'KHTNV' OR rating = 'leave'),
        discipline INTEGER CHECK (discipline BETWEEN 0 AND 20),
        excused    INTEGER NOT NULL DEFAULT 0 CHECK (excused = 0 OR excused = 1),
        PRIMARY KEY (staff_id, year, month),
        CHECK (rating <> 'leave' OR (month > 0 AND discipline IS NULL AND excused = 0))
    ) WITHOUT ROWID;
    INSERT INTO ratings_new SELECT * FROM ratings;
    DROP TABLE ratings;
    ALTER TABLE ratings_new RENAME TO ratings;
    CREATE INDEX ratings_period ON ratings (year, month, rating, discipline, excused);
    "#,
    // HISTORY_VERSION: The staff record's history (domain::history, store::history): a
    // person's manager of record, unit, kind and title, each entry from its
    // effective date ('' = since always, where `joined` is empty) until the
    // next. Only people whose place changed have entries: the first change
    // writes the place as it stood from `joined` and the new one; everyone
    // else's staff row is their record since `joined`. So an upgrade has
    // nothing to fill (every staff row is its person's record since they
    // joined, no change having been recorded), and a first import of
    // 100,000 people writes no entry at all. The staff row stays the
    // current record: the latest entry. Sealed (store::seal) from here on.
    r#"
    CREATE TABLE staff_history (
        staff_id     INTEGER NOT NULL REFERENCES staff (id),
        effective    TEXT NOT NULL,
        manager_code TEXT REFERENCES staff (code) DEFERRABLE INITIALLY DEFERRED,
        unit         TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind = 'leader' OR kind = 'staff'),
        title        TEXT NOT NULL,
        PRIMARY KEY (staff_id, effective)
    ) WITHOUT ROWID;
    -- Whose record changed after a date (a quarter's reads), and who was
    -- someone's subordinate at some time (a leader's team).
    CREATE INDEX staff_history_effective ON staff_history (effective);
    CREATE INDEX staff_history_manager ON staff_history (manager_code);
    "#,
];

/// The schema version whose migration lets a ratings row hold a whole month
/// on leave (`rating = 'leave'`); the migration tests read it.
#[allow(dead_code)]
pub const LEAVE_VERSION: usize = 8;

/// The schema version whose migration creates `seals`.
pub const SEALS_VERSION: usize = 3;

/// The schema version whose migration creates `seal_tallies` and the audit
/// log's format 2.
pub const TALLIES_VERSION: usize = 7;

/// The schema version whose migration creates `staff_history` (and so
/// brings it into the seals' registry): the position of that migration in
/// [`MIGRATIONS`], plus one.
pub const HISTORY_VERSION: usize = 9;
