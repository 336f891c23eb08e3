//! The audit head in the system log: after every commit that appended audit
//! entries, the store writes (best effort) the new head — seq and hash, the
//! first seq of the commit, and the database's id — as one syslog datagram
//! with the tag `danhgia`. Someone who can rewrite the whole database file
//! can make a chain that verifies on its own, but not the heads the system
//! log kept: `danhgia audit verify --journal` compares them with the chain.
//!
//! The datagram goes to `/dev/log`, or to the socket named by
//! `DANHGIA_SYSLOG_SOCKET` (a test hook: tests bind a socket of their own;
//! set but empty, nothing is sent). No `/dev/log` (a container, a test
//! machine): nothing is sent, and nothing fails.

use super::Result;
use rusqlite::{Connection, OptionalExtension};
use std::io::BufRead;
use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::sync::OnceLock;

/// The environment variable naming the socket to send heads to instead of
/// `/dev/log` (a test hook).
pub const ENV_SOCKET: &str = "DANHGIA_SYSLOG_SOCKET";

/// The settings key of the database's id: 32 random hex digits made once by
/// schema 7, so that heads of different databases in one log are told apart.
pub const DATABASE_ID_KEY: &str = "database_id";

/// The syslog tag.
pub const TAG: &str = "danhgia";

const DEFAULT_SOCKET: &str = "/dev/log";

/// What starts the message, after the tag.
const MARK: &str = "audit head ";

/// One head as the system log recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub db: String,
    /// The first entry of the commit (entries `from..=seq` were appended).
    pub from: i64,
    pub seq: i64,
    pub hash: String,
}

pub fn database_id(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([DATABASE_ID_KEY], |r| r.get(0))
        .optional()?)
}

/// The message of a head: `audit head db=… from=… seq=… hash=…`.
pub fn message(h: &Head) -> String {
    format!(
        "{MARK}db={} from={} seq={} hash={}",
        h.db, h.from, h.seq, h.hash
    )
}

/// Sends a head to the system log, best effort: any failure is ignored (the
/// change is committed already; `audit verify --journal` reports the
/// entries the log lacks).
pub fn send(h: &Head) {
    match std::env::var_os(ENV_SOCKET) {
        Some(s) if s.is_empty() => {}
        Some(s) => send_to(h, Path::new(&s)),
        None => send_to(h, Path::new(DEFAULT_SOCKET)),
    }
}

/// [`send`] to the datagram socket at `socket`.
pub fn send_to(h: &Head, socket: &Path) {
    // One unbound socket for the process: a commit costs one `sendto`.
    static SOCKET: OnceLock<Option<UnixDatagram>> = OnceLock::new();
    let Some(sock) = SOCKET.get_or_init(|| UnixDatagram::unbound().ok()) else {
        return;
    };
    // user.notice; RFC 3164 header, which rsyslog and journald both read.
    let datagram = format!(
        "<13>{} {TAG}[{}]: {}",
        chrono::Local::now().format("%b %e %H:%M:%S"),
        std::process::id(),
        message(h)
    );
    let _ = sock.send_to(datagram.as_bytes(), socket);
}

/// The head in a line of the system log (`journalctl -o cat`, or a syslog
/// file's line with its date, host and tag before it).
pub fn parse_line(line: &str) -> Option<Head> {
    let at = line.find(MARK)?;
    let mut h = Head {
        db: String::new(),
        from: 0,
        seq: 0,
        hash: String::new(),
    };
    for field in line[at + MARK.len()..].split_whitespace() {
        match field.split_once('=')? {
            ("db", v) => h.db = v.to_owned(),
            ("from", v) => h.from = v.parse().ok()?,
            ("seq", v) => h.seq = v.parse().ok()?,
            ("hash", v) => h.hash = v.to_owned(),
            _ => {}
        }
    }
    if h.db.is_empty() || h.seq < 1 || h.hash.is_empty() {
        return None;
    }
    if h.from < 1 || h.from > h.seq {
        h.from = h.seq;
    }
    Some(h)
}

/// The longest line kept; the rest of a longer one is skipped (a log line
/// of ours is short), so that reading is bounded whatever the file holds.
const MAX_LINE: usize = 4096;

/// The heads of database `db` in a system log's text, in order.
pub fn read_heads(mut r: impl BufRead, db: &str) -> std::io::Result<Vec<Head>> {
    let mut out = Vec::new();
    let mut line: Vec<u8> = Vec::with_capacity(256);
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let (chunk, ends) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        let room = MAX_LINE.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = ends.unwrap_or(buf.len());
        r.consume(used);
        if ends.is_some() {
            take_head(&line, db, &mut out);
            line.clear();
        }
    }
    take_head(&line, db, &mut out);
    Ok(out)
}

fn take_head(line: &[u8], db: &str, out: &mut Vec<Head>) {
    if let Some(h) = parse_line(&String::from_utf8_lossy(line)).filter(|h| h.db == db) {
        out.push(h);
    }
}

/// The chain against the heads the system log recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JournalCheck {
    /// The heads of this database found in the log.
    pub heads: usize,
    /// Recorded heads the chain does not have (another hash at that seq, or
    /// no such entry): the file was rewritten, or replaced by an older copy.
    pub unknown: Vec<Head>,
    /// The entries no recorded head covers, as ranges: not tampering, but
    /// periods the log cannot vouch for (no `/dev/log`, a rotated log).
    pub uncovered: Vec<Uncovered>,
}

/// Entries `from..=to`, written between `from_at` and `to_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered {
    pub from: i64,
    pub to: i64,
    pub from_at: String,
    pub to_at: String,
}

/// Compares the recorded heads with the chain (walked and found intact by
/// `audit::verify` first).
pub fn check(conn: &Connection, heads: &[Head]) -> Result<JournalCheck> {
    let mut entry = conn.prepare_cached("SELECT hash, at FROM audit WHERE seq = ?1")?;
    let mut at_of = |seq: i64| -> Result<Option<(String, String)>> {
        Ok(entry
            .query_row([seq], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    };
    let mut out = JournalCheck {
        heads: heads.len(),
        ..JournalCheck::default()
    };
    let mut covered: Vec<(i64, i64)> = Vec::new();
    for h in heads {
        match at_of(h.seq)? {
            Some((hash, _)) if hash == h.hash => covered.push((h.from, h.seq)),
            _ => out.unknown.push(h.clone()),
        }
    }
    covered.sort_unstable();
    let last = super::audit::last_seq(conn)?;
    let mut next = 1;
    let mut gaps = Vec::new();
    for (from, to) in covered {
        if from > next {
            gaps.push((next, from - 1));
        }
        next = next.max(to + 1);
    }
    if next <= last {
        gaps.push((next, last));
    }
    for (from, to) in gaps {
        let mut when =
            |seq| -> Result<String> { Ok(at_of(seq)?.map(|(_, at)| at).unwrap_or_default()) };
        out.uncovered.push(Uncovered {
            from,
            to,
            from_at: when(from)?,
            to_at: when(to)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_reads_back_from_journalctl_and_from_a_syslog_file() {
        let h = Head {
            db: "ab12".into(),
            from: 3,
            seq: 5,
            hash: "ff00".into(),
        };
        assert_eq!(parse_line(&message(&h)), Some(h.clone()));
        let syslog = format!("Dec  4 15:39:53 srv danhgia[812]: {}", message(&h));
        assert_eq!(parse_line(&syslog), Some(h.clone()));
        assert_eq!(parse_line("Dec  4 15:39:53 srv sshd[1]: audit head"), None);
        let text = format!(
            "{syslog}\nnoise\n{}\n{}",
            "x".repeat(10_000),
            message(&Head {
                db: "other".into(),
                ..h.clone()
            })
        );
        assert_eq!(read_heads(text.as_bytes(), "ab12").unwrap(), vec![h]);
    }

    #[test]
    fn a_head_is_one_syslog_datagram_tagged_danhgia() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        let sock = std::os::unix::net::UnixDatagram::bind(&path).unwrap();
        let h = Head {
            db: "ab12".into(),
            from: 1,
            seq: 1,
            hash: "00".into(),
        };
        send_to(&h, &path);
        // No socket there: nothing happens.
        send_to(&h, &dir.path().join("none"));
        let mut buf = [0u8; 512];
        let n = sock.recv(&mut buf).unwrap();
        let got = String::from_utf8_lossy(&buf[..n]).into_owned();
        assert!(got.starts_with("<13>"), "{got}");
        assert!(got.contains("danhgia["), "{got}");
        assert_eq!(parse_line(&got), Some(h));
    }
}
