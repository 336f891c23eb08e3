//! The append-only audit log, chained by hashes: each row's hash covers its
//! own fields and the previous row's hash, and the head (last seq and hash)
//! is kept in `settings`, so an edited, deleted or truncated entry breaks the
//! chain that `danhgia audit verify` walks.
//!
//! Entry formats: format 1 (schema 1–6) hashes the previous hash, seq,
//! time, who, action, entity, before and after. Format 2 (schema 7 on; the
//! `format` column) hashes those and also the schema version, `acting_as`
//! (see [`Entry::acting_as`]) and the seals' row counts per table and
//! digest as the entry's transaction left them (store::seal::Tally). Old
//! entries keep verifying with their own format; once an entry is format 2,
//! every later one must be. So the last entry vouches for every sealed row
//! that exists: a row deleted together with its seal changes the counts and
//! the digest, and so does a log emptied or cut back to an earlier entry.
//!
//! What this does not prevent: someone who can write the database file can
//! rewrite the whole chain consistently (recomputing the seals and hashes).
//! The deployment (docs/DEPLOY.md) keeps the file out of their reach; the
//! head of every commit also goes to the system log (store::journal), and
//! `audit verify --journal` compares those heads with the chain, which
//! catches a rewrite of the whole file.

use super::Result;
use super::seal::{self, Sealed};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

const HEAD_KEY: &str = "audit_head";
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The entry format [`append`] writes.
pub const FORMAT: i64 = 2;

/// One change, as the service describes it.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// The login of the person whose process made the change: for an admin
    /// acting `--as` someone, the admin.
    pub who: &'a str,
    /// With `--as`, the login the admin acted as (whose rights the change
    /// was made with): the entry reads "`who` acting as `acting_as`"
    /// (`hr` thay mặt `an`). `None` otherwise.
    pub acting_as: Option<&'a str>,
    pub action: &'a str,
    pub entity: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// What a format 2 entry records besides the change.
struct Recorded<'a> {
    schema: i64,
    seal_rows: &'a str,
    seal_digest: &'a str,
}

fn hash(prev: &str, seq: i64, at: &str, e: &Entry, rec: Option<&Recorded>) -> String {
    let mut h = Sha256::new();
    let mut part = |p: &str| {
        h.update(p.as_bytes());
        h.update([0x1f]);
    };
    if rec.is_some() {
        part("format 2");
    }
    part(prev);
    part(&seq.to_string());
    part(at);
    part(e.who);
    if rec.is_some() {
        part(e.acting_as.unwrap_or("\u{0}"));
    }
    part(e.action);
    part(e.entity);
    part(e.before.unwrap_or("\u{0}"));
    part(e.after.unwrap_or("\u{0}"));
    if let Some(r) = rec {
        part(&r.schema.to_string());
        part(r.seal_rows);
        part(r.seal_digest);
    }
    hex::encode(h.finalize())
}

/// Appends an entry; call inside the transaction of the change it records,
/// after the change's writes (the entry records the seals as they leave them).
pub fn append(conn: &Connection, at: &str, e: &Entry) -> Result<()> {
    let (seq, prev) = match head(conn)? {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS.to_owned()),
    };
    let tallies = seal::tallies(conn)?;
    // The version this program migrates every database to on opening,
    // before anything is appended.
    let schema = super::schema::MIGRATIONS.len() as i64;
    let (rows, digest) = (tallies.counts_text(), tallies.digest_text());
    let rec = Recorded {
        schema,
        seal_rows: &rows,
        seal_digest: &digest,
    };
    let h = hash(&prev, seq, at, e, Some(&rec));
    conn.prepare_cached(
        "INSERT INTO audit (seq, at, who, action, entity, before, after, prev_hash, hash, format, schema_version, acting_as, seal_rows, seal_digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        seq, at, e.who, e.action, e.entity, e.before, e.after, prev, h, FORMAT, schema,
        e.acting_as, rows, digest
    ])?;
    conn.prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?
        .execute(params![HEAD_KEY, format!("{seq} {h}")])?;
    Ok(())
}

/// The last entry's seq and hash.
pub fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The last entry's seq (0 for an empty log).
pub fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(seq), 0) FROM audit")?
        .query_row([], |r| r.get(0))?)
}

/// The highest schema version the audit log records (0: none): the last
/// format 2 entry's, or a migration's entry (`schema:7`). A database whose
/// `user_version` is below it was set back (see `Store::migrate`). Reads
/// only what a lowered version leaves in place: the log's own columns as
/// far as they exist.
pub fn recorded_schema(conn: &Connection) -> Result<i64> {
    let has = |column: &str| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT count(*) FROM pragma_table_info('audit') WHERE name = ?1",
            [column],
            |r| r.get::<_, i64>(0),
        )? > 0)
    };
    if !has("entity")? {
        return Ok(0);
    }
    let mut recorded: i64 = conn.query_row(
        "SELECT coalesce(max(CAST(substr(entity, 8) AS INTEGER)), 0) FROM audit
         WHERE action = 'migrate' AND entity GLOB 'schema:*'",
        [],
        |r| r.get(0),
    )?;
    if has("schema_version")? {
        let last: i64 = conn.query_row(
            "SELECT coalesce(max(schema_version), 0) FROM audit",
            [],
            |r| r.get(0),
        )?;
        recorded = recorded.max(last);
        // The columns of schema 7 are there: it was applied.
        recorded = recorded.max(super::schema::TALLIES_VERSION as i64);
    }
    Ok(recorded)
}

/// The last entry's recorded schema version, cheaply (every open).
pub fn last_schema(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row(
            "SELECT schema_version FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get::<_, Option<i64>>(0),
        )
        .optional()?
        .flatten()
        .unwrap_or(0))
}

/// The entities changed after `seq`, oldest first, with the new last seq.
pub fn entities_since(conn: &Connection, seq: i64) -> Result<(i64, Vec<String>)> {
    let mut stmt =
        conn.prepare_cached("SELECT seq, entity FROM audit WHERE seq > ?1 ORDER BY seq")?;
    let mut rows = stmt.query([seq])?;
    let mut last = seq;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        last = r.get(0)?;
        out.push(r.get(1)?);
    }
    Ok((last, out))
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Intact {
        entries: i64,
    },
    /// The first entry whose link is broken, and why.
    Broken {
        seq: i64,
        problem: BrokenLink,
    },
    /// The chain is intact, but a sealed row (staff, rating, checklist,
    /// role, round, setting) was changed, added or deleted behind
    /// danhgia's back (see store::seal).
    Tampered(seal::Tampered),
    /// The chain and every row's seal hold, but the seals are not those
    /// the last entry vouches for: rows deleted together with their seals,
    /// or the log emptied or cut back.
    Missing(Missing),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrokenLink {
    /// The row's content no longer matches its hash (edited).
    Edited,
    /// The row does not point at the previous row's hash (inserted or reordered).
    Unlinked,
    /// Rows are missing before this one (deleted).
    Gap { expected: i64 },
    /// The last rows are missing (the head records a later entry).
    Truncated { head_seq: i64 },
}

/// What the seals lack against the last entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The last entry (0: the log is empty).
    pub seq: i64,
    /// What went wrong.
    pub kind: MissingKind,
    /// The tables whose sealed rows differ in number from the entry's.
    pub counts: Vec<RowCount>,
    /// Rows the log names (`checklist:CB01:2026-Q3`) that are gone, with
    /// their seals.
    pub gone: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingKind {
    /// The log is empty, yet rows are sealed.
    EmptyLog,
    /// The last entry is older than the seals' record (format 1) on a
    /// database that keeps it: the log was cut back.
    Unrecorded,
    /// The seals' counts or digest differ from the last entry's.
    Differs,
}

/// A sealed table's rows: now, and as the last entry records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCount {
    pub table: &'static str,
    pub live: i64,
    pub recorded: i64,
}

/// The last entry's record of the seals.
struct Last {
    seq: i64,
    format: i64,
    rows: Option<String>,
    digest: Option<String>,
}

pub fn verify(conn: &Connection) -> Result<Verification> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, who, action, entity, before, after, prev_hash, hash,
                format, schema_version, acting_as, seal_rows, seal_digest
         FROM audit ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut expected = 1;
    let mut count = 0;
    let mut last: Option<Last> = None;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let (at, who, action, entity): (String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let (before, after): (Option<String>, Option<String>) = (r.get(5)?, r.get(6)?);
        let (prev_hash, stored): (String, String) = (r.get(7)?, r.get(8)?);
        let format: i64 = r.get(9)?;
        let schema: Option<i64> = r.get(10)?;
        let acting_as: Option<String> = r.get(11)?;
        let (seal_rows, seal_digest): (Option<String>, Option<String>) = (r.get(12)?, r.get(13)?);
        if seq != expected {
            return Ok(Verification::Broken {
                seq,
                problem: BrokenLink::Gap { expected },
            });
        }
        if prev_hash != prev {
            return Ok(Verification::Broken {
                seq,
                problem: BrokenLink::Unlinked,
            });
        }
        let e = Entry {
            who: &who,
            acting_as: acting_as.as_deref(),
            action: &action,
            entity: &entity,
            before: before.as_deref(),
            after: after.as_deref(),
        };
        let downgraded = last.as_ref().is_some_and(|l| l.format > format);
        let computed = match (format, schema, &seal_rows, &seal_digest) {
            (1, None, None, None) if acting_as.is_none() => Some(hash(&prev, seq, &at, &e, None)),
            (2, Some(schema), Some(rows), Some(digest)) => Some(hash(
                &prev,
                seq,
                &at,
                &e,
                Some(&Recorded {
                    schema,
                    seal_rows: rows,
                    seal_digest: digest,
                }),
            )),
            _ => None,
        };
        if downgraded || computed.as_deref() != Some(stored.as_str()) {
            return Ok(Verification::Broken {
                seq,
                problem: BrokenLink::Edited,
            });
        }
        prev = stored;
        expected += 1;
        count += 1;
        last = Some(Last {
            seq,
            format,
            rows: seal_rows,
            digest: seal_digest,
        });
    }
    let head: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [HEAD_KEY],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(head) = head {
        let head_seq: i64 = head
            .split_once(' ')
            .and_then(|(s, _)| s.parse().ok())
            .unwrap_or(-1);
        if head_seq != count || head.split_once(' ').map(|(_, h)| h) != Some(prev.as_str()) {
            return Ok(Verification::Broken {
                seq: count + 1,
                problem: BrokenLink::Truncated { head_seq },
            });
        }
    } else if count > 0 {
        return Ok(Verification::Broken {
            seq: count,
            problem: BrokenLink::Truncated { head_seq: 0 },
        });
    }
    if let Some(t) = seal::verify(conn)? {
        return Ok(Verification::Tampered(t));
    }
    if let Some(m) = missing(conn, last.as_ref())? {
        return Ok(Verification::Missing(m));
    }
    Ok(Verification::Intact { entries: count })
}

/// The seals against the last entry's record of them.
fn missing(conn: &Connection, last: Option<&Last>) -> Result<Option<Missing>> {
    let live = seal::recount(conn)?;
    let sealed = live.0.iter().any(|(_, t)| t.rows > 0);
    let (seq, kind, recorded) = match last {
        None if sealed => (0, MissingKind::EmptyLog, Vec::new()),
        None => return Ok(None),
        Some(l) => match (&l.rows, &l.digest) {
            (Some(rows), Some(digest)) => {
                let recorded = seal::parse_counts(rows);
                let same_counts = live
                    .0
                    .iter()
                    .all(|(t, n)| recorded_rows(&recorded, *t) == n.rows);
                if same_counts && *digest == live.digest_text() {
                    return Ok(None);
                }
                (l.seq, MissingKind::Differs, recorded)
            }
            _ if sealed => (l.seq, MissingKind::Unrecorded, Vec::new()),
            _ => return Ok(None),
        },
    };
    let counts = live
        .0
        .iter()
        .map(|(t, n)| RowCount {
            table: t.table(),
            live: n.rows,
            recorded: recorded_rows(&recorded, *t),
        })
        .filter(|c| c.live != c.recorded)
        .collect();
    Ok(Some(Missing {
        seq,
        kind,
        counts,
        gone: gone(conn)?,
    }))
}

fn recorded_rows(recorded: &[(String, i64)], t: Sealed) -> i64 {
    recorded
        .iter()
        .find(|(name, _)| name == t.table())
        .map_or(0, |(_, n)| *n)
}

/// The rows the log names that no longer exist, oldest mention first.
fn gone(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT entity FROM audit GROUP BY entity ORDER BY min(seq)")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let entity: String = r.get(0)?;
        if let Some((_, false)) = seal::entity_exists(conn, &entity)? {
            out.push(entity);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn store_with(n: usize) -> Store {
        let s = Store::in_memory().unwrap();
        for i in 0..n {
            let after = format!("{{\"i\":{i}}}");
            append(
                s.conn(),
                "2026-11-23T10:00:00Z",
                &Entry {
                    who: "hr",
                    acting_as: None,
                    action: "test",
                    entity: "x",
                    before: None,
                    after: Some(&after),
                },
            )
            .unwrap();
        }
        s
    }

    /// Tampering needs the triggers out of the way, as someone with the
    /// sqlite3 shell would do.
    fn drop_guards(s: &Store) {
        s.conn()
            .execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
            .unwrap();
    }

    #[test]
    fn intact_chain_verifies() {
        assert_eq!(
            verify(store_with(5).conn()).unwrap(),
            Verification::Intact { entries: 5 }
        );
        assert_eq!(
            verify(store_with(0).conn()).unwrap(),
            Verification::Intact { entries: 0 }
        );
    }

    #[test]
    fn the_log_refuses_updates_and_deletes() {
        let s = store_with(2);
        assert!(s.conn().execute("UPDATE audit SET who = 'x'", []).is_err());
        assert!(s.conn().execute("DELETE FROM audit", []).is_err());
    }

    #[test]
    fn an_edited_entry_is_caught_at_its_seq() {
        let s = store_with(5);
        drop_guards(&s);
        s.conn()
            .execute("UPDATE audit SET after = '{\"i\":99}' WHERE seq = 3", [])
            .unwrap();
        assert_eq!(
            verify(s.conn()).unwrap(),
            Verification::Broken {
                seq: 3,
                problem: BrokenLink::Edited
            }
        );
    }

    #[test]
    fn a_deleted_entry_is_caught() {
        let s = store_with(5);
        drop_guards(&s);
        s.conn()
            .execute("DELETE FROM audit WHERE seq = 2", [])
            .unwrap();
        assert_eq!(
            verify(s.conn()).unwrap(),
            Verification::Broken {
                seq: 3,
                problem: BrokenLink::Gap { expected: 2 }
            }
        );
    }

    #[test]
    fn a_deleted_tail_is_caught() {
        let s = store_with(5);
        drop_guards(&s);
        s.conn()
            .execute("DELETE FROM audit WHERE seq = 5", [])
            .unwrap();
        assert!(matches!(
            verify(s.conn()).unwrap(),
            Verification::Broken {
                problem: BrokenLink::Truncated { head_seq: 5 },
                ..
            }
        ));
    }

    /// A format 1 entry, as danhgia 1 to 6 wrote them.
    fn append_format_1(c: &Connection, seq: i64, prev: &str) -> String {
        let e = Entry {
            who: "hr",
            acting_as: None,
            action: "init",
            entity: "database",
            before: None,
            after: None,
        };
        let h = hash(prev, seq, "t", &e, None);
        c.execute(
            "INSERT INTO audit (seq, at, who, action, entity, prev_hash, hash) VALUES (?1, 't', 'hr', 'init', 'database', ?2, ?3)",
            params![seq, prev, h],
        )
        .unwrap();
        c.execute(
            "INSERT OR REPLACE INTO settings VALUES ('audit_head', ?1)",
            [format!("{seq} {h}")],
        )
        .unwrap();
        h
    }

    #[test]
    fn format_1_entries_still_verify_and_none_may_follow_a_format_2_entry() {
        let s = Store::in_memory().unwrap();
        append_format_1(s.conn(), 1, GENESIS);
        assert_eq!(
            verify(s.conn()).unwrap(),
            Verification::Intact { entries: 1 }
        );
        let s = store_with(2);
        let (_, last) = head(s.conn()).unwrap().unwrap();
        append_format_1(s.conn(), 3, &last);
        assert_eq!(
            verify(s.conn()).unwrap(),
            Verification::Broken {
                seq: 3,
                problem: BrokenLink::Edited
            }
        );
    }

    #[test]
    fn every_field_a_format_2_entry_adds_is_in_its_hash() {
        let s = store_with(3);
        drop_guards(&s);
        for set in [
            "format = 3",
            "format = 1",
            "schema_version = 6",
            "acting_as = 'an'",
            "seal_rows = 'staff=1'",
            "seal_digest = '00'",
        ] {
            let tx = s.conn().unchecked_transaction().unwrap();
            tx.execute(&format!("UPDATE audit SET {set} WHERE seq = 2"), [])
                .unwrap();
            assert_eq!(
                verify(&tx).unwrap(),
                Verification::Broken {
                    seq: 2,
                    problem: BrokenLink::Edited
                },
                "{set}"
            );
            tx.rollback().unwrap();
        }
    }

    fn close_round(s: &Store) {
        let q = "2026-Q3".parse().unwrap();
        crate::store::set_round(s.conn(), q, true, "hr", "t").unwrap();
        append(
            s.conn(),
            "t",
            &Entry {
                who: "hr",
                acting_as: None,
                action: "close_round",
                entity: "round:2026-Q3",
                before: None,
                after: None,
            },
        )
        .unwrap();
    }

    #[test]
    fn a_row_deleted_with_its_seal_is_missing_and_named() {
        let s = store_with(1);
        close_round(&s);
        assert_eq!(
            verify(s.conn()).unwrap(),
            Verification::Intact { entries: 2 }
        );
        s.conn()
            .execute_batch("DELETE FROM rounds; DELETE FROM seals WHERE tbl = 'rounds';")
            .unwrap();
        assert_eq!(
            verify(s.conn()).unwrap(),
            Verification::Missing(Missing {
                seq: 2,
                kind: MissingKind::Differs,
                counts: vec![RowCount {
                    table: "rounds",
                    live: 0,
                    recorded: 1
                }],
                gone: vec!["round:2026-Q3".into()],
            })
        );
    }

    #[test]
    fn an_emptied_log_beside_sealed_rows_is_missing() {
        let s = store_with(1);
        close_round(&s);
        drop_guards(&s);
        s.conn()
            .execute_batch("DELETE FROM audit; DELETE FROM settings WHERE key = 'audit_head';")
            .unwrap();
        assert_eq!(
            verify(s.conn()).unwrap(),
            Verification::Missing(Missing {
                seq: 0,
                kind: MissingKind::EmptyLog,
                counts: vec![RowCount {
                    table: "rounds",
                    live: 1,
                    recorded: 0
                }],
                gone: vec![],
            })
        );
    }

    #[test]
    fn a_tail_cut_with_the_head_rewritten_is_missing() {
        let s = store_with(1);
        close_round(&s);
        let (seq, _) = head(s.conn()).unwrap().unwrap();
        drop_guards(&s);
        s.conn()
            .execute_batch(&format!(
                "DELETE FROM audit WHERE seq = {seq};
                 UPDATE settings SET value = (SELECT seq || ' ' || hash FROM audit WHERE seq = {prev}) WHERE key = 'audit_head';",
                prev = seq - 1
            ))
            .unwrap();
        assert!(matches!(
            verify(s.conn()).unwrap(),
            Verification::Missing(Missing {
                seq: 1,
                kind: MissingKind::Differs,
                ..
            })
        ));
    }
}
