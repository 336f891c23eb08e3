//! Where the database is: `--db`, else `DANHGIA_DB`, else `db = "…"` in
//! `/etc/danhgia/config.toml`, then in the user's XDG config
//! (`~/.config/danhgia/config.toml`), else the user's XDG data dir
//! (`~/.local/share/danhgia/danhgia.db`).
//!
//! On a shared server the binary is setgid to the group that owns the
//! office's database (docs/DEPLOY.md). The group's rights serve one purpose:
//! opening the database that `/etc/danhgia/config.toml` names. So the
//! resolution comes in two steps: [`office_config`] (the system file
//! only, read while the process still has its group) and, once the group is
//! dropped, [`user_database_path`] for every other source, read and opened
//! with the user's own rights.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The system config file. Its path is a plain literal of this length (24
/// bytes) on purpose: the deployment test (`tests/trust_deploy.rs`) points a
/// copy of the binary at its own file by rewriting these bytes.
pub const SYSTEM_CONFIG: &str = "/etc/danhgia/config.toml";
pub const ENV_DB: &str = "DANHGIA_DB";

/// The parts of a config file danhgia reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Config {
    pub db: Option<PathBuf>,
    /// The operating-system group whose members may `init` the office's
    /// database (besides root). System file only.
    pub admin_group: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// The user's own config file, if they have a config directory.
pub fn user_config_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("danhgia").join("config.toml"))
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

/// Whether the user chose a database themselves (`--db` or `DANHGIA_DB`):
/// then the system file is not consulted at all.
pub fn user_chose_database(flag: Option<&Path>) -> bool {
    flag.is_some() || std::env::var_os(ENV_DB).is_some_and(|v| !v.is_empty())
}

/// The system config file, read on its own (before the group is dropped).
pub fn system_config() -> Result<Option<Config>, ConfigError> {
    read_config(Path::new(SYSTEM_CONFIG))
}

/// The system file, when the user did not choose a database themselves:
/// its `db` is the office's database. Read on its own, before the group is
/// dropped; nothing else is read then.
pub fn office_config(flag: Option<&Path>) -> Result<Option<Config>, ConfigError> {
    if user_chose_database(flag) {
        return Ok(None);
    }
    system_config()
}

/// Every source but the system file: `--db`, `DANHGIA_DB`, the user's own
/// config, the XDG data dir. `default_name` is the file name used in the
/// data dir (`danhgia.db`, or `demo.db` for the demo). Call only with the
/// user's own rights.
pub fn user_database_path(flag: Option<&Path>, default_name: &str) -> Result<PathBuf, ConfigError> {
    if let Some(p) = flag {
        return Ok(p.to_owned());
    }
    if let Some(p) = std::env::var_os(ENV_DB).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    if let Some(f) = user_config_file()
        && let Some(Config { db: Some(db), .. }) = read_config(&f)?
    {
        return Ok(db);
    }
    let base = dirs::data_dir().unwrap_or_else(|| PathBuf::from("."));
    Ok(base.join("danhgia").join(default_name))
}

/// The config files in the order they are consulted.
pub fn config_files() -> Vec<PathBuf> {
    let mut v = vec![PathBuf::from(SYSTEM_CONFIG)];
    v.extend(user_config_file());
    v
}

// ---- the old [kpi] table ----

/// The files among `files` that still have a `[kpi]` table. Config files
/// no longer carry numbers that change anyone's result (SPEC section 8):
/// the KPI numbers live in the database, set by an admin with `danhgia
/// settings --kpi-…`. Such a table is not read; the front ends say so
/// instead of dropping it silently. A file that cannot be read or parsed
/// is left to [`user_database_path`] to report.
pub fn files_with_kpi_table(files: &[PathBuf]) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .ok()
                .and_then(|text| text.parse::<toml::Table>().ok())
                .is_some_and(|t| t.contains_key("kpi"))
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod kpi_tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn a_kpi_table_is_found_to_be_warned_about_and_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let none = dir.path().join("missing.toml");
        let db_only = write(&dir, "a.toml", "db = \"/srv/x.db\"\n");
        let office = write(
            &dir,
            "b.toml",
            "db = \"/srv/x.db\"\n[kpi]\nminutes_per_quarter = 30240\nweights = { N2 = 1.2 }\n",
        );
        let broken = write(&dir, "c.toml", "[kpi\n");
        assert_eq!(
            files_with_kpi_table(&[none, db_only, office.clone(), broken]),
            std::slice::from_ref(&office)
        );
        // The rest of the file still reads.
        let c = read_config(&office).unwrap().unwrap();
        assert_eq!(c.db, Some(PathBuf::from("/srv/x.db")));
    }
}
