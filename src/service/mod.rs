//! Services: the only way in for every read and write. Identity and
//! authorisation live here (SPEC section 8), so the CLI and the TUI obey the
//! same rules; every user action is one short transaction with its audit row.

mod admin;
mod checklist;
mod error;
pub mod identity;
mod imports;
mod kpi;
mod reports;
mod roster;
mod status;

pub use admin::{AuditReport, JournalCheck};
pub use checklist::{ChecklistView, ItemView};
pub use error::{Denied, Result, ServiceError};
pub use identity::{Actor, Roles, os_login};
pub use imports::{ImportSummary, StaffBatch};
pub use kpi::{CatalogImport, KpiLog, KpiSummaryRow, MAX_QUANTITY as KPI_MAX_QUANTITY};
pub use reports::CommitmentRow;
pub use roster::{QuarterFacts, RosterLine};
pub use status::{AdhocRow, QuarterCommendation, StatusRow, YearlyRow};

use crate::data::{ReferenceData, reference};
use crate::domain::{Quarter, StaffKind};
use crate::store::{self, StaffRow, Store, audit};
use rusqlite::Connection;
use std::path::Path;

/// Settings an office gives its reports (`danhgia init` / the admin).
pub const SETTING_GOVERNING_BODY: &str = "governing_body";
pub const SETTING_UNIT_NAME: &str = "unit_name";
pub const SETTING_PLACE: &str = "place";

/// The item ids of both forms, in order (03B's are the first 18 of 03A's).
pub struct Forms {
    pub leader: Vec<&'static str>,
    pub staff: Vec<&'static str>,
}

impl Forms {
    fn new(data: &'static ReferenceData) -> Forms {
        Forms {
            leader: data
                .criteria
                .leader
                .items()
                .map(|i| i.id.as_str())
                .collect(),
            staff: data.criteria.staff.items().map(|i| i.id.as_str()).collect(),
        }
    }

    pub fn ids(&self, kind: StaffKind) -> &[&'static str] {
        match kind {
            StaffKind::Leader => &self.leader,
            StaffKind::Staff => &self.staff,
        }
    }
}

/// A session on the database for one actor.
pub struct Service {
    store: Store,
    /// The login of the process (its real uid's account): the audit log's
    /// `who`. The same as `actor.login` unless an admin acts `--as`
    /// someone, when the entries read "`login` acting as `actor.login`".
    login: String,
    actor: Actor,
    data: &'static ReferenceData,
    forms: Forms,
}

/// The time written into audit rows and `updated_at`: UTC, millisecond precision.
pub fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

impl Service {
    /// Opens an existing database as the process's own login, or as
    /// `act_as` if that login is an admin.
    pub fn open(path: &Path, act_as: Option<&str>) -> Result<Service> {
        Self::from_store(Store::open(path)?, &os_login(), act_as)
    }

    /// A service on an open store for `login` (tests and the TUI use this
    /// with an in-memory store; `act_as` follows the same rule as `open`).
    pub fn from_store(store: Store, login: &str, act_as: Option<&str>) -> Result<Service> {
        let data = reference()?;
        let real = actor_for(store.conn(), login)?;
        let actor = match act_as {
            Some(other) if other != login => {
                if !real.roles.admin {
                    return Err(ServiceError::Denied(Denied::ActAsNotAdmin));
                }
                actor_for(store.conn(), other)?
            }
            _ => real,
        };
        Ok(Service {
            store,
            login: login.to_owned(),
            actor,
            data,
            forms: Forms::new(data),
        })
    }

    /// Creates a database at `path`; `login` becomes its first admin. Refused
    /// if the database already has an admin.
    pub fn init(path: &Path, login: &str) -> Result<Service> {
        let mut store = Store::create(path)?;
        init_store(&mut store, login, path)?;
        Self::from_store(store, login, None)
    }

    /// Like [`Service::init`] on a private in-memory database.
    pub fn init_in_memory(login: &str) -> Result<Service> {
        let mut store = Store::in_memory()?;
        init_store(&mut store, login, Path::new(":memory:"))?;
        Self::from_store(store, login, None)
    }

    /// A second session for the same actor on the same database (for work
    /// on another thread). Fails for an in-memory database.
    pub fn reopen(&self) -> Result<Service> {
        let path = self.store.path();
        if path.as_os_str() == ":memory:" {
            return Err(ServiceError::Invalid(
                "an in-memory database cannot be opened twice".into(),
            ));
        }
        let store = Store::open(path)?;
        let actor = actor_for(store.conn(), &self.actor.login)?;
        Ok(Service {
            store,
            login: self.login.clone(),
            actor,
            data: self.data,
            forms: Forms::new(self.data),
        })
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn reference(&self) -> &'static ReferenceData {
        self.data
    }

    pub fn forms(&self) -> &Forms {
        &self.forms
    }

    pub fn db_path(&self) -> &Path {
        self.store.path()
    }

    /// Changes when any other connection commits; poll it to refresh.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.store.data_version()?)
    }

    /// Re-reads the actor's roles and staff record (after a refresh).
    pub fn reload_actor(&mut self) -> Result<()> {
        self.actor = actor_for(self.store.conn(), &self.actor.login)?;
        Ok(())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(store::setting(self.store.conn(), key)?)
    }

    // ---- authorisation helpers ----

    fn require_admin(&self) -> Result<()> {
        if self.actor.roles.admin {
            Ok(())
        } else {
            Err(ServiceError::Denied(Denied::AdminOnly))
        }
    }

    /// May the actor see this person?
    fn can_see(&self, s: &StaffRow) -> bool {
        self.actor.roles.admin || self.is_self(s) || self.is_reviewer_of(s)
    }

    fn is_self(&self, s: &StaffRow) -> bool {
        self.actor.staff.as_ref().is_some_and(|me| me.id == s.id)
    }

    /// The direct manager of `s`, holding the reviewer role.
    fn is_reviewer_of(&self, s: &StaffRow) -> bool {
        self.actor.roles.reviewer
            && s.staff.manager_code.is_some()
            && s.staff.manager_code.as_deref() == self.actor.code()
    }

    fn refuse_if_closed(conn: &Connection, q: Quarter) -> Result<()> {
        if store::round_closed(conn, q)? {
            Err(ServiceError::RoundClosed(q))
        } else {
            Ok(())
        }
    }

    fn audit(
        &self,
        conn: &Connection,
        action: &str,
        entity: &str,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<()> {
        audit::append(
            conn,
            &now(),
            &audit::Entry {
                who: &self.login,
                acting_as: (self.actor.login != self.login).then_some(self.actor.login.as_str()),
                action,
                entity,
                before,
                after,
            },
        )?;
        Ok(())
    }

    fn staff_or_unknown(conn: &Connection, code: &str) -> Result<StaffRow> {
        store::staff_by_code(conn, code)?.ok_or_else(|| ServiceError::UnknownStaff(code.to_owned()))
    }
}

fn actor_for(conn: &Connection, login: &str) -> Result<Actor> {
    let roles = identity::Roles::from_names(&store::roles_of(conn, login)?);
    let staff = store::staff_by_login(conn, login)?;
    Ok(Actor {
        login: login.to_owned(),
        roles,
        staff,
    })
}

fn init_store(store: &mut Store, login: &str, path: &Path) -> Result<()> {
    store.write(|tx| {
        if store::admin_count(tx)? > 0 {
            return Err(ServiceError::AlreadyInitialised(path.to_owned()));
        }
        let at = now();
        store::grant_role(tx, login, "admin", login, &at)?;
        audit::append(
            tx,
            &at,
            &audit::Entry {
                who: login,
                acting_as: None,
                action: "init",
                entity: "database",
                before: None,
                after: Some(&format!("{{\"admin\":{}}}", serde_json::json!(login))),
            },
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests;
