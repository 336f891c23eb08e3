//! Where the database is: `--db`, else `DANHGIA_DB`, else `db = "…"` in
//! `/etc/danhgia/config.toml`, then in the user's XDG config
//! (`~/.config/danhgia/config.toml`), else the user's XDG data dir
//! (`~/.local/share/danhgia/danhgia.db`).
//!
//! On a shared server the binary is setgid to the group that owns the
//! office's database (docs/DEPLOY.md). The group's rights serve one purpose:
//! opening the database that `/etc/danhgia/config.toml` names. So the
//! resolution comes in two steps: [`configured_database`] (the system file
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

/// The office's database, when the system file names one and the user did
/// not choose another.
pub fn configured_database(flag: Option<&Path>) -> Result<Option<PathBuf>, ConfigError> {
    if user_chose_database(flag) {
        return Ok(None);
    }
    Ok(system_config()?.and_then(|c| c.db))
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

// ---- KPI settings ([kpi] table) ----

/// The `[kpi]` table of a config file: an office's own numbers for the KPI
/// summary, each overriding its default in `data/kpi.toml`:
///
/// ```toml
/// [kpi]
/// minutes_per_quarter = 30240
/// weights = { N1 = 1.0, N2 = 1.2, N3 = 1.5, N4 = 1.8, N5 = 2.2 }
/// standard_minutes = { "5" = 60, "8" = 180 }   # by bucket number 1–14
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiConfig {
    pub minutes_per_quarter: Option<f64>,
    #[serde(default)]
    pub weights: std::collections::BTreeMap<String, f64>,
    #[serde(default)]
    pub standard_minutes: std::collections::BTreeMap<String, f64>,
}

#[derive(Debug, Default, Deserialize)]
struct KpiFile {
    kpi: Option<KpiConfig>,
}

impl KpiConfig {
    /// `defaults` with this table's numbers in place; a message naming the
    /// key for an unknown group or bucket, or a number that is not positive.
    pub fn apply(
        &self,
        defaults: &crate::domain::kpi::KpiSettings,
    ) -> Result<crate::domain::kpi::KpiSettings, String> {
        use crate::domain::kpi::{ComplexityGroup, TimeBucket};
        let positive = |key: String, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(v)
            } else {
                Err(format!("[kpi] {key} = {v}: must be a positive number"))
            }
        };
        let mut s = defaults.clone();
        if let Some(m) = self.minutes_per_quarter {
            s.minutes_per_quarter = positive("minutes_per_quarter".into(), m)?;
        }
        for (k, v) in &self.weights {
            let c = ComplexityGroup::parse(k)
                .filter(|c| c.as_str().eq_ignore_ascii_case(k.trim()))
                .ok_or_else(|| {
                    format!(
                        "[kpi] weights: unknown complexity group `{k}`; use N1, N2, N3, N4 or N5"
                    )
                })?;
            s.weights[c.index()] = positive(format!("weights.{k}"), *v)?;
        }
        for (k, v) in &self.standard_minutes {
            let b = k
                .trim()
                .parse::<u8>()
                .ok()
                .and_then(TimeBucket::new)
                .ok_or_else(|| {
                    format!("[kpi] standard_minutes: unknown time bucket `{k}`; use 1–14")
                })?;
            s.standard_minutes[b.index()] = positive(format!("standard_minutes.{k}"), *v)?;
        }
        Ok(s)
    }
}

/// The `[kpi]` table of one config file, if the file and the table exist.
pub fn read_kpi_config(path: &Path) -> Result<Option<KpiConfig>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str::<KpiFile>(&text)
            .map(|f| f.kpi)
            .map_err(|e| ConfigError {
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

/// The KPI numbers in force: `defaults` (from `data/kpi.toml`) overridden by
/// the `[kpi]` table of the first of `files` that has one — the system file
/// before the user's, so an office's numbers are everyone's. Returns the file
/// used, if any. A bad table is an error naming its file.
pub fn kpi_settings_from(
    files: &[PathBuf],
    defaults: &crate::domain::kpi::KpiSettings,
) -> Result<(crate::domain::kpi::KpiSettings, Option<PathBuf>), ConfigError> {
    for f in files {
        if let Some(table) = read_kpi_config(f)? {
            let s = table.apply(defaults).map_err(|message| ConfigError {
                path: f.clone(),
                message,
            })?;
            return Ok((s, Some(f.clone())));
        }
    }
    Ok((defaults.clone(), None))
}

/// [`kpi_settings_from`] the config files of [`config_files`].
pub fn kpi_settings(
    defaults: &crate::domain::kpi::KpiSettings,
) -> Result<(crate::domain::kpi::KpiSettings, Option<PathBuf>), ConfigError> {
    kpi_settings_from(&config_files(), defaults)
}

#[cfg(test)]
mod kpi_tests {
    use super::*;
    use crate::domain::kpi::KpiSettings;

    fn defaults() -> KpiSettings {
        KpiSettings::defaults(&crate::data::reference().unwrap().kpi)
    }

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn the_first_file_with_a_kpi_table_overrides_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let none = dir.path().join("missing.toml");
        let db_only = write(&dir, "a.toml", "db = \"/srv/x.db\"\n");
        let office = write(
            &dir,
            "b.toml",
            "[kpi]\nminutes_per_quarter = 30240\nweights = { N2 = 1.2 }\nstandard_minutes = { 5 = 50, \"8\" = 180.5 }\n",
        );
        let user = write(&dir, "c.toml", "[kpi]\nminutes_per_quarter = 1\n");
        let (s, from) =
            kpi_settings_from(&[none, db_only, office.clone(), user], &defaults()).unwrap();
        assert_eq!(from, Some(office));
        assert_eq!(s.minutes_per_quarter, 30_240.0);
        assert_eq!(s.weights, [1.0, 1.2, 1.5, 2.0, 2.5]);
        assert_eq!(s.standard_minutes[4], 50.0);
        assert_eq!(s.standard_minutes[7], 180.5);
        assert_eq!(s.standard_minutes[0], 2.5);
    }

    #[test]
    fn no_kpi_table_keeps_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let f = write(&dir, "a.toml", "db = \"x.db\"\n");
        assert_eq!(
            kpi_settings_from(&[f], &defaults()).unwrap(),
            (defaults(), None)
        );
    }

    #[test]
    fn a_bad_kpi_table_names_the_file_and_the_key() {
        let dir = tempfile::tempdir().unwrap();
        for (text, says) in [
            ("[kpi]\nweights = { N6 = 1.0 }\n", "N6"),
            ("[kpi]\nstandard_minutes = { 15 = 60 }\n", "`15`"),
            (
                "[kpi]\nstandard_minutes = { 5 = 0 }\n",
                "standard_minutes.5",
            ),
            ("[kpi]\nminutes_per_quarter = -1\n", "minutes_per_quarter"),
            ("[kpi]\nweight = { N1 = 1.0 }\n", "weight"),
            ("[kpi]\nweights = { N1 = \"x\" }\n", "N1"),
        ] {
            let f = write(&dir, "bad.toml", text);
            let e = kpi_settings_from(std::slice::from_ref(&f), &defaults()).unwrap_err();
            let shown = e.to_string();
            assert!(shown.starts_with(&f.display().to_string()), "{shown}");
            assert!(shown.contains(says), "{text}: {shown}");
        }
    }
}
