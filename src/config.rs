//! Where the database is, and an office's own settings: `--db`, else
//! `DANHGIA_DB`, else `db = "…"` in `/etc/danhgia/config.toml`, then in the
//! user's XDG config (`~/.config/danhgia/config.toml`), else the user's XDG
//! data dir (`~/.local/share/danhgia/danhgia.db`).

use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const SYSTEM_CONFIG: &str = "/etc/danhgia/config.toml";
pub const ENV_DB: &str = "DANHGIA_DB";

/// The parts of a config file danhgia reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Config {
    pub db: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// The config files in the order they are consulted.
pub fn config_files() -> Vec<PathBuf> {
    let mut v = vec![PathBuf::from(SYSTEM_CONFIG)];
    if let Some(d) = dirs::config_dir() {
        v.push(d.join("danhgia").join("config.toml"));
    }
    v
}

pub fn read_config(path: &Path) -> Result<Option<Config>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).map(Some).map_err(|e| ConfigError {
            path: path.to_owned(),
            message: e.to_string().trim().to_owned(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigError {
            path: path.to_owned(),
            message: e.to_string(),
        }),
    }
}

/// Resolves the database path (module docs); `default_name` is the file name
/// used in the XDG data dir (`danhgia.db`, or `demo.db` for the demo).
pub fn database_path(flag: Option<&Path>, default_name: &str) -> Result<PathBuf, ConfigError> {
    if let Some(p) = flag {
        return Ok(p.to_owned());
    }
    if let Some(p) = std::env::var_os(ENV_DB).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    for f in config_files() {
        if let Some(Config { db: Some(db) }) = read_config(&f)? {
            return Ok(db);
        }
    }
    let base = dirs::data_dir().unwrap_or_else(|| PathBuf::from("."));
    Ok(base.join("danhgia").join(default_name))
}
