//! Services: the only way in for every read and write. Identity and
//! authorisation live here (SPEC section 8), so the CLI and the TUI obey the
//! same rules; every user action is one short transaction with its audit row.

mod admin;
mod checklist;
mod error;
pub mod identity;
mod imports;
mod kpi;
mod moves;
mod reports;
mod roster;
mod settings;
mod status;

pub use admin::{AuditReport, JournalCheck};
pub use checklist::{ChecklistView, ItemView};
pub use error::{Denied, RatingRefused, Result, ServiceError};
pub use identity::{Actor, Roles, os_login};
pub use imports::{ImportSummary, StaffBatch};
pub use kpi::{CatalogImport, KpiLog, KpiSummaryRow, MAX_QUANTITY as KPI_MAX_QUANTITY};
pub use reports::CommitmentRow;
pub use roster::{QuarterFacts, RosterLine};
pub use settings::{
    FormHeader, HEADER_SETTINGS, KpiInForce, KpiSettingValue, KpiSource, SettingsChange,
};
pub use status::{AdhocRow, QuarterCommendation, StatusRow, YearlyRow};

use crate::data::{ReferenceData, reference};
use crate::domain::{Quarter, StaffKind};
use crate::store::{self, StaffRow, Store, audit};
use rusqlite::Connection;
use std::mem::ManuallyDrop;
use std::path::Path;
use std::sync::{Arc, Mutex};

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
    /// Taken out only in `Drop`, to go back to its pool.
    store: ManuallyDrop<Store>,
    /// The login of the process (its real uid's account): the audit log's
    /// `who`. The same as `actor.login` unless an admin acts `--as`
    /// someone, when the entries read "`login` acting as `actor.login`".
    login: String,
    actor: Actor,
    data: &'static ReferenceData,
    forms: Forms,
    /// Connections opened ahead for [`Service::reopen`] (on a shared server,
    /// before the process gave up the database's group, after which the
    /// database cannot be opened again).
    spares: Pool,
    /// Where this session's connection goes when it ends: the pool it was
    /// taken from by [`Service::reopen`], if any.
    home: Option<Pool>,
}

/// Connections to the same database, ready to be used on another thread.
pub type StorePool = Arc<Mutex<Vec<Store>>>;
type Pool = StorePool;

impl Drop for Service {
    fn drop(&mut self) {
        // SAFETY: `store` is not used again: this is the end of `self`.
        let store = unsafe { ManuallyDrop::take(&mut self.store) };
        if let Some(pool) = &self.home
            && let Ok(mut spares) = pool.lock()
        {
            spares.push(store);
        }
    }
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
            store: ManuallyDrop::new(store),
            login: login.to_owned(),
            actor,
            data,
            forms: Forms::new(data),
            spares: Pool::default(),
            home: None,
        })
    }

    /// A service on a store taken from `pool` (connections to the office's
    /// database opened ahead, before the group was dropped): migrated if
    /// need be; its connection goes back to the pool when the session ends,
    /// and [`Service::reopen`] takes from the same pool.
    pub fn from_pool(pool: &StorePool, login: &str, act_as: Option<&str>) -> Result<Service> {
        let store = take_migrated(pool)?;
        Ok(Self::from_store(store, login, act_as)?.into_pool(pool))
    }

    /// Creates the database on a store taken from `pool` (the office's
    /// database, prepared by the install); `admin` becomes its first admin,
    /// `by` is who ran `init`. Refused if the database already has an admin.
    pub fn init_from_pool(pool: &StorePool, admin: &str, by: &str) -> Result<Service> {
        let mut store = take_migrated(pool)?;
        let path = store.path().to_owned();
        init_store(&mut store, admin, by, &path)?;
        Ok(Self::from_store(store, admin, None)?.into_pool(pool))
    }

    fn into_pool(mut self, pool: &StorePool) -> Service {
        self.spares = Arc::clone(pool);
        self.home = Some(Arc::clone(pool));
        self
    }

    /// Creates a database at `path`; `login` becomes its first admin. Refused
    /// if the database already has an admin.
    pub fn init(path: &Path, login: &str) -> Result<Service> {
        Self::init_by(path, login, login)
    }

    /// [`Service::init`] run by `by` naming another first admin (`init
    /// --admin`); the audit log records who ran it.
    pub fn init_by(path: &Path, admin: &str, by: &str) -> Result<Service> {
        let mut store = Store::create(path)?;
        init_store(&mut store, admin, by, path)?;
        Self::from_store(store, admin, None)
    }

    /// Like [`Service::init`] on a private in-memory database.
    pub fn init_in_memory(login: &str) -> Result<Service> {
        let mut store = Store::in_memory()?;
        init_store(&mut store, login, login, Path::new(":memory:"))?;
        Self::from_store(store, login, None)
    }

    /// A second session for the same actor on the same database (for work
    /// on another thread): a spare connection if one is free (it goes back
    /// when the session ends), else one opened by path — which fails for an
    /// in-memory database, and for the office's database once the process
    /// has given up its group.
    pub fn reopen(&self) -> Result<Service> {
        let spare = self.spares.lock().ok().and_then(|mut s| s.pop());
        let (store, home) = match spare {
            Some(store) => (store, Some(Arc::clone(&self.spares))),
            None => {
                let path = self.store.path();
                if path.as_os_str() == ":memory:" {
                    return Err(ServiceError::Invalid(
                        "an in-memory database cannot be opened twice".into(),
                    ));
                }
                (Store::open(path)?, None)
            }
        };
        let actor = actor_for(store.conn(), &self.actor.login)?;
        Ok(Service {
            store: ManuallyDrop::new(store),
            login: self.login.clone(),
            actor,
            data: self.data,
            forms: Forms::new(self.data),
            spares: Arc::clone(&self.spares),
            home,
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

    /// The database opened read-only (every write will be refused).
    pub fn read_only(&self) -> bool {
        self.store.is_read_only()
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

    /// A person as the staff record placed them on `q`'s assessment date:
    /// the kind that decides their form, the manager who reviews them, the
    /// unit and title the forms print (domain::history).
    fn staff_in_quarter(conn: &Connection, code: &str, q: Quarter) -> Result<StaffRow> {
        store::history::staff_by_code_at(conn, code, q.assessment_date())?
            .ok_or_else(|| ServiceError::UnknownStaff(code.to_owned()))
    }
}

/// A store from `pool`, its schema brought up to date.
fn take_migrated(pool: &StorePool) -> Result<Store> {
    let store = pool.lock().ok().and_then(|mut p| p.pop());
    let Some(mut store) = store else {
        return Err(ServiceError::Store(store::StoreError::Exhausted));
    };
    store.finish_open()?;
    Ok(store)
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

/// Makes `admin` the first admin; `by` is who ran `init` (the same login,
/// or root naming the HR officer with `--admin`).
fn init_store(store: &mut Store, admin: &str, by: &str, path: &Path) -> Result<()> {
    store.write(|tx| {
        if store::admin_count(tx)? > 0 {
            return Err(ServiceError::AlreadyInitialised(path.to_owned()));
        }
        let at = now();
        store::grant_role(tx, admin, "admin", by, &at)?;
        audit::append(
            tx,
            &at,
            &audit::Entry {
                who: by,
                acting_as: None,
                action: "init",
                entity: "database",
                before: None,
                after: Some(&format!("{{\"admin\":{}}}", serde_json::json!(admin))),
            },
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests;
