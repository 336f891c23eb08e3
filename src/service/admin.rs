//! Admin actions: rounds, roles, ratings one at a time, backup;
//! and the audit check anyone may run.

use super::error::RatingRefused;
use super::{Result, Service, ServiceError, now};
use crate::domain::rating::{DISCIPLINE_MAX, MonthEntry};
use crate::domain::records::RatingPeriod;
use crate::domain::{Employment, Month, Quarter};
use crate::store::{self, audit, journal};
use serde_json::json;
use std::path::Path;

/// Refuses what `code` cannot have for `period`: anything for a period they
/// were employed on no day of, a leave for the year, a discipline score
/// over 20.
fn check_entry(
    code: &str,
    employment: Employment,
    period: RatingPeriod,
    entry: &MonthEntry,
) -> Result<()> {
    let refuse = |r| Err(ServiceError::Rating(r));
    if !period.employed_in(employment) {
        return refuse(RatingRefused::NotEmployed {
            code: code.to_owned(),
            period,
            employment,
        });
    }
    match (entry, period) {
        (MonthEntry::Leave, RatingPeriod::Year(year)) => refuse(RatingRefused::YearlyLeave {
            code: code.to_owned(),
            year,
        }),
        (MonthEntry::Rated(r), _) if r.discipline.is_some_and(|d| d > DISCIPLINE_MAX) => {
            refuse(RatingRefused::Discipline {
                score: r.discipline.unwrap_or(0),
            })
        }
        _ => Ok(()),
    }
}

/// A month's entry as the audit log records it: the rating's fields as
/// before leave existed, or `{"leave":true}` (see [`MonthEntry`]).
fn entry_json(entry: &MonthEntry) -> String {
    serde_json::to_string(entry).unwrap_or_default()
}

/// The outcome of `audit verify`.
pub type AuditReport = audit::Verification;

/// The outcome of `audit verify --journal`'s comparison with the system log.
pub type JournalCheck = journal::JournalCheck;

impl Service {
    /// Closes (locks) or reopens a round. Admin only; audited.
    pub fn set_round_closed(&self, q: Quarter, closed: bool) -> Result<()> {
        self.require_admin()?;
        self.store.write(|tx| {
            let before = store::round_closed(tx, q)?;
            store::set_round(tx, q, closed, &self.actor.login, &now())?;
            // Closing freezes the settings in force with the round (a round
            // already closed keeps the copy it has); reopening removes the
            // copy. The copy is part of the close's audit entry.
            let (mut was, mut is) = (
                json!({ "state": if before { "closed" } else { "open" } }),
                json!({ "state": if closed { "closed" } else { "open" } }),
            );
            if closed && !before {
                is["settings"] = json!(self.freeze_settings(tx, q)?);
            } else if !closed {
                let thawed = Self::thaw_settings(tx, q)?;
                if !thawed.is_empty() {
                    was["settings"] = json!(thawed);
                }
            }
            self.audit(
                tx,
                if closed { "close_round" } else { "open_round" },
                &format!("round:{q}"),
                Some(&was.to_string()),
                Some(&is.to_string()),
            )
        })
    }

    pub fn round_closed(&self, q: Quarter) -> Result<bool> {
        self.store.read(|tx| Ok(store::round_closed(tx, q)?))
    }

    /// Whether the round of `q` has a recorded state (opened or closed).
    pub fn round_recorded(&self, q: Quarter) -> Result<bool> {
        let q = q.to_string();
        Ok(self.rounds()?.iter().any(|(r, _)| *r == q))
    }

    /// Every quarter with a recorded round or any checklist, in order, and
    /// whether it is closed (a quarter never opened or closed is open).
    pub fn round_overview(&self) -> Result<Vec<(String, bool)>> {
        self.store.read(|tx| {
            let mut all: std::collections::BTreeMap<String, bool> =
                store::quarters_with_checklists(tx)?
                    .into_iter()
                    .map(|q| (q, false))
                    .collect();
            all.extend(store::rounds(tx)?);
            Ok(all.into_iter().collect())
        })
    }

    /// Rounds with a recorded state.
    pub fn rounds(&self) -> Result<Vec<(String, bool)>> {
        self.store.read(|tx| Ok(store::rounds(tx)?))
    }

    /// Grants `admin` or `reviewer` to a login. Admin only; audited.
    pub fn grant(&self, role: &str, login: &str) -> Result<bool> {
        self.require_admin()?;
        if !matches!(role, "admin" | "reviewer") {
            return Err(ServiceError::Invalid(format!("unknown role {role}")));
        }
        self.store.write(|tx| {
            let added = store::grant_role(tx, login, role, &self.actor.login, &now())?;
            if added {
                self.audit(
                    tx,
                    "grant",
                    &format!("role:{login}:{role}"),
                    None,
                    Some(&json!({ "login": login, "role": role }).to_string()),
                )?;
            }
            Ok(added)
        })
    }

    /// Sets one month's rating or leave (month `None` = the yearly rating,
    /// never a leave). Admin only. Refused for a period the person was
    /// employed on no day of.
    pub fn set_rating(
        &self,
        code: &str,
        year: i32,
        month: Option<u8>,
        entry: impl Into<MonthEntry>,
    ) -> Result<()> {
        self.require_admin()?;
        let entry = entry.into();
        let period = match month {
            Some(m) => RatingPeriod::Month(
                Month::new(year, m)
                    .ok_or(ServiceError::Rating(RatingRefused::BadMonth { month: m }))?,
            ),
            None => RatingPeriod::Year(year),
        };
        let q = match period {
            RatingPeriod::Month(m) => Quarter::of_month(m),
            RatingPeriod::Year(_) => Quarter { year, q: 4 },
        };
        self.store.write(|tx| {
            let s = Self::staff_or_unknown(tx, code)?;
            Self::refuse_if_closed(tx, q)?;
            check_entry(code, s.staff.employment, period, &entry)?;
            let m = month.unwrap_or(0);
            let before = store::rating_of(tx, s.id, year, m)?.map(|e| entry_json(&e));
            store::upsert_rating(tx, s.id, year, m, &entry)?;
            self.audit(
                tx,
                "rating",
                &format!("rating:{code}:{year}-{m:02}"),
                before.as_deref(),
                Some(&entry_json(&entry)),
            )
        })
    }

    /// Copies the database to `dest`, consistent while others write: for
    /// admins, and for the operating system's root acting as itself, whose
    /// nightly cron job makes the backups (docs/DEPLOY.md; root can read the
    /// file anyway). Never over an existing file; created 0600
    /// ([`Store::backup_to`](crate::store::Store::backup_to)).
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if !(self.actor.login == "root" && super::identity::is_os_root()) {
            self.require_admin()?;
        }
        // Refused before the copy is made, not after.
        crate::outfile::check(dest, crate::outfile::Replace::Never)
            .map_err(|e| ServiceError::Store(e.into()))?;
        self.store.backup_to(dest)?;
        self.store.write(|tx| {
            self.audit(
                tx,
                "backup",
                "database",
                None,
                Some(&json!({ "to": dest.display().to_string() }).to_string()),
            )
        })
    }

    /// The last audit entry's seq: a cursor for [`Service::changes_since`].
    pub fn change_cursor(&self) -> Result<i64> {
        self.store.read(|tx| Ok(audit::last_seq(tx)?))
    }

    /// What changed after `cursor` (audit entities such as
    /// `checklist:CB000123:2026-Q3`), and the new cursor.
    pub fn changes_since(&self, cursor: i64) -> Result<(i64, Vec<String>)> {
        self.store.read(|tx| Ok(audit::entities_since(tx, cursor)?))
    }

    /// Sets the ratings (or leaves) of a quarter's months for one person in
    /// one transaction (admin only); `None` leaves a month as it is. A month
    /// the person was employed on no day of is refused, and nothing is
    /// written.
    pub fn set_quarter_ratings(
        &self,
        code: &str,
        q: Quarter,
        months: [Option<MonthEntry>; 3],
    ) -> Result<()> {
        self.require_admin()?;
        self.store.write(|tx| {
            let s = Self::staff_or_unknown(tx, code)?;
            Self::refuse_if_closed(tx, q)?;
            for (m, entry) in q.months().iter().zip(&months) {
                if let Some(entry) = entry {
                    check_entry(code, s.staff.employment, RatingPeriod::Month(*m), entry)?;
                }
            }
            for (m, entry) in q.months().iter().zip(months) {
                let Some(entry) = entry else { continue };
                let before = store::rating_of(tx, s.id, m.year, m.month)?;
                if before == Some(entry) {
                    continue;
                }
                store::upsert_rating(tx, s.id, m.year, m.month, &entry)?;
                self.audit(
                    tx,
                    "rating",
                    &format!("rating:{code}:{}-{:02}", m.year, m.month),
                    before.as_ref().map(entry_json).as_deref(),
                    Some(&entry_json(&entry)),
                )?;
            }
            Ok(())
        })
    }

    /// Walks the audit chain, checks every sealed row against its seal and
    /// the seals against the last entry's record of them.
    pub fn audit_verify(&self) -> Result<AuditReport> {
        self.store.read(|tx| Ok(audit::verify(tx)?))
    }

    /// [`Service::audit_verify`], then, if the chain holds, the chain
    /// against the heads of this database that the system log recorded
    /// (`log`: the text of `journalctl -t danhgia -o cat`, or a syslog
    /// file). Reading is bounded per line whatever the text holds.
    pub fn audit_verify_journal(
        &self,
        log: impl std::io::BufRead,
    ) -> Result<(AuditReport, Option<JournalCheck>)> {
        let id = self
            .store
            .read(|tx| Ok::<_, ServiceError>(journal::database_id(tx)?))?
            .unwrap_or_default();
        let heads =
            journal::read_heads(log, &id).map_err(|e| ServiceError::Invalid(format!("{e}")))?;
        self.store.read(|tx| {
            let report = audit::verify(tx)?;
            if !matches!(report, AuditReport::Intact { .. }) {
                return Ok((report, None));
            }
            Ok((report, Some(journal::check(tx, &heads)?)))
        })
    }
}
