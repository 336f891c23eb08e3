//! What every database subcommand shares: finding the database, opening it
//! for the caller, and printing a refusal.

use anyhow::Context;
use danhgia::config;
use danhgia::domain::Quarter;
use danhgia::i18n::{Lang, error_text};
use danhgia::service::{Service, ServiceError};
use std::path::{Path, PathBuf};

/// The global options a subcommand needs.
pub struct Ctx {
    pub db: Option<PathBuf>,
    pub lang: Lang,
    pub as_login: Option<String>,
}

impl Ctx {
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        Ok(config::database_path(self.db.as_deref(), "danhgia.db")?)
    }

    pub fn open(&self) -> Result<Service, Refusal> {
        let path = self.db_path().map_err(|e| Refusal(format!("{e:#}")))?;
        Service::open(&path, self.as_login.as_deref()).map_err(|e| self.refusal(&e))
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
