//! The append-only audit log, chained by hashes: each row's hash covers its
//! own fields and the previous row's hash, and the head (last seq and hash)
//! is kept in `settings`, so an edited, deleted or truncated entry breaks the
//! chain that `danhgia audit verify` walks.
//!
//! What this does not prevent: someone who can write the database file can
//! rewrite the whole chain consistently. The deployment (docs/DEPLOY.md) keeps
//! the file out of their reach; the chain detects tampering by anyone who does
//! not also recompute every later hash.

use super::Result;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

const HEAD_KEY: &str = "audit_head";
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One change, as the service describes it.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub who: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

fn hash(prev: &str, seq: i64, at: &str, e: &Entry) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        &seq.to_string(),
        at,
        e.who,
        e.action,
        e.entity,
        e.before.unwrap_or("\u{0}"),
        e.after.unwrap_or("\u{0}"),
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    hex::encode(h.finalize())
}

/// Appends an entry; call inside the transaction of the change it records.
pub fn append(conn: &Connection, at: &str, e: &Entry) -> Result<()> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS.to_owned()),
    };
    let h = hash(&prev, seq, at, e);
    conn.prepare_cached(
        "INSERT INTO audit (seq, at, who, action, entity, before, after, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![seq, at, e.who, e.action, e.entity, e.before, e.after, prev, h])?;
    conn.prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?
        .execute(params![HEAD_KEY, format!("{seq} {h}")])?;
    Ok(())
}

/// The last entry's seq (0 for an empty log).
pub fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM audit", [], |r| r.get(0))?)
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
    /// role, round) was changed, added or deleted behind danhgia's back
    /// (see store::seal).
    Tampered(super::seal::Tampered),
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

pub fn verify(conn: &Connection) -> Result<Verification> {
    let mut stmt = conn.prepare("SELECT seq, at, who, action, entity, before, after, prev_hash, hash FROM audit ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut expected = 1;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let (at, who, action, entity): (String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let (before, after): (Option<String>, Option<String>) = (r.get(5)?, r.get(6)?);
        let (prev_hash, stored): (String, String) = (r.get(7)?, r.get(8)?);
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
            action: &action,
            entity: &entity,
            before: before.as_deref(),
            after: after.as_deref(),
        };
        if hash(&prev, seq, &at, &e) != stored {
            return Ok(Verification::Broken {
                seq,
                problem: BrokenLink::Edited,
            });
        }
        prev = stored;
        expected += 1;
        count += 1;
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
    if let Some(t) = super::seal::verify(conn)? {
        return Ok(Verification::Tampered(t));
    }
    Ok(Verification::Intact { entries: count })
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
}
