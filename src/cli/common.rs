//! What every database subcommand shares: finding the database, opening it
//! for the caller, and printing a refusal.

use anyhow::Context;
use danhgia::config;
use danhgia::domain::Quarter;
use danhgia::i18n::{Lang, Msg, error_text};
use danhgia::privilege;
use danhgia::service::{Service, ServiceError, StorePool, os_login};
use danhgia::store::{Store, StoreError};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The global options a subcommand needs, and the database it works on.
pub struct Ctx {
    pub db: Option<PathBuf>,
    pub lang: Lang,
    pub as_login: Option<String>,
    /// The office's database, when `/etc/danhgia/config.toml` names it and
    /// the user did not choose another: its connections were opened before
    /// the process gave up its group (see [`startup`]).
    pub office: Option<Office>,
}

/// The office's database, opened ahead.
pub struct Office {
    pub path: PathBuf,
    /// Who may `init` it besides root (`admin_group` in the system file).
    pub admin_group: Option<String>,
    /// Its connections; a session's goes back when the session ends.
    pub pool: StorePool,
    /// Why it could not be opened, if it could not.
    error: RefCell<Option<StoreError>>,
}

/// How many connections a command needs: the TUI reads the list on a
/// second one in the background, while a third may still be finishing the
/// previous read (a quick change of quarter).
pub fn connections_for_tui() -> usize {
    3
}

/// Opens what the command will need of the office's database and gives up
/// the group, in that order, before anything else happens: the group's
/// rights serve only to open the database `/etc/danhgia/config.toml` names
/// (SPEC section 8). `connections` is 0 for a command without a database.
/// Exits the process if the group cannot be given up.
pub fn startup(db: Option<&Path>, connections: usize) -> Result<Option<Office>, Refusal> {
    let config = match connections {
        0 => Ok(None),
        _ => config::office_config(db),
    };
    let office = match config {
        Ok(Some(config::Config {
            db: Some(path),
            admin_group,
        })) => {
            let (stores, error) = match (0..connections)
                .map(|_| Store::preopen(&path))
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(stores) => (stores, None),
                Err(e) => (Vec::new(), Some(e)),
            };
            Ok(Some(Office {
                path,
                admin_group,
                pool: Arc::new(Mutex::new(stores)),
                error: RefCell::new(error),
            }))
        }
        Ok(_) => Ok(None),
        Err(e) => Err(Refusal(e.to_string())),
    };
    privilege::drop_group().map_err(|e| Refusal(e.to_string()))?;
    office
}

impl Ctx {
    /// The database this command works on, for messages and for `init`.
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        match &self.office {
            Some(o) => Ok(o.path.clone()),
            None => Ok(config::user_database_path(
                self.db.as_deref(),
                "danhgia.db",
            )?),
        }
    }

    /// Why the office's database could not be opened ahead, if it could not.
    pub fn office_error(&self) -> Option<Refusal> {
        let office = self.office.as_ref()?;
        let e = office.error.borrow_mut().take()?;
        Some(self.refusal(&ServiceError::Store(e)))
    }

    pub fn open(&self) -> Result<Service, Refusal> {
        if let Some(office) = &self.office {
            if let Some(r) = self.office_error() {
                return Err(r);
            }
            return Service::from_pool(&office.pool, &os_login(), self.as_login.as_deref())
                .map_err(|e| self.refusal(&e));
        }
        let path = self.db_path().map_err(|e| Refusal(format!("{e:#}")))?;
        let svc = Service::open(&path, self.as_login.as_deref()).map_err(|e| self.refusal(&e))?;
        if svc.read_only() {
            eprintln!(
                "danhgia: {}: {}",
                path.display(),
                Msg::DbReadOnlyNotice.text(self.lang)
            );
        }
        Ok(svc)
    }

    pub fn refusal(&self, e: &ServiceError) -> Refusal {
        Refusal(error_text(e, self.lang))
    }
}

/// A refusal (exit 1) with its message for the person.
#[derive(Debug)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

pub fn parse_quarter(s: &str) -> anyhow::Result<Quarter> {
    s.parse::<Quarter>()
        .map_err(|e| anyhow::Error::new(Refusal(e.to_string())))
}

pub fn ensure_parent(path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    Ok(())
}

pub use danhgia::text::fit;
