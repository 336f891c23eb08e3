//! Settings that change what people get: the forms' header (unit name,
//! governing body, place) and the KPI numbers (minutes per quarter, the
//! N1–N5 weights, the standard minutes of the 14 time buckets). They live in
//! the database's `settings` table, never in a user's config file (SPEC
//! section 8, "The shared server"): only an admin changes them, in one
//! transaction, each change audited with its before and after.
//!
//! Closing a round freezes the settings in force under `round:<Q>:<key>`
//! (`round:2026-Q3:kpi.weight.N2`), so that a closed quarter's KPI summary
//! and form header stay as they were when it closed; reopening removes the
//! copy. A round closed before the copy existed has none and follows the
//! live settings.

use super::ServiceError;
use super::{Result, SETTING_GOVERNING_BODY, SETTING_PLACE, SETTING_UNIT_NAME, Service};
use crate::domain::Quarter;
use crate::domain::kpi::{KpiSetting, KpiSettings};
use crate::store;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// The keys of the forms' header, in the order they are shown.
pub const HEADER_SETTINGS: [&str; 3] = [SETTING_GOVERNING_BODY, SETTING_UNIT_NAME, SETTING_PLACE];

/// What an admin changes in one go (`danhgia settings …`): header texts
/// and KPI numbers, written in one transaction.
#[derive(Debug, Clone, Default)]
pub struct SettingsChange {
    /// A key of [`HEADER_SETTINGS`] and its new text.
    pub header: Vec<(String, String)>,
    /// A KPI number and its new value.
    pub kpi: Vec<(KpiSetting, f64)>,
}

impl SettingsChange {
    pub fn is_empty(&self) -> bool {
        self.header.is_empty() && self.kpi.is_empty()
    }
}

/// Where the KPI numbers in force come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiSource {
    /// `data/kpi.toml` alone: no admin has set any.
    Defaults,
    /// The database's live settings (some set by an admin).
    Database,
    /// The copy frozen when this quarter's round was closed.
    Frozen(Quarter),
}

/// The KPI numbers for a quarter, and where they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiInForce {
    pub settings: KpiSettings,
    pub source: KpiSource,
}

/// One live KPI number, for `danhgia settings`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiSettingValue {
    pub setting: KpiSetting,
    pub value: f64,
    /// No admin has set it: the default of `data/kpi.toml`.
    pub default: bool,
}

/// The forms' header (empty texts are `None`), and the quarter whose frozen
/// copy it is, if it is one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormHeader {
    pub governing_body: Option<String>,
    pub unit_name: Option<String>,
    pub place: Option<String>,
    pub frozen: Option<Quarter>,
}

/// The start of a closed round's frozen copy.
fn round_prefix(q: Quarter) -> String {
    format!("round:{q}:")
}

/// A number as stored: the shortest text that reads back the same.
fn number_text(v: f64) -> String {
    v.to_string()
}

/// `defaults` with the stored `kpi.…` rows in place (`rows` keyed without
/// any round prefix); which were set. A stored value that is not a
/// positive number is refused, naming its key.
fn apply_stored(
    defaults: &KpiSettings,
    rows: &BTreeMap<String, String>,
) -> Result<(KpiSettings, Vec<KpiSetting>)> {
    let mut s = defaults.clone();
    let mut set = Vec::new();
    for (key, value) in rows {
        let Some(k) = KpiSetting::from_key(key) else {
            continue;
        };
        let v = k.number(value).map_err(ServiceError::BadKpiSetting)?;
        k.set(&mut s, v);
        set.push(k);
    }
    Ok((s, set))
}

fn stored_with_prefix(conn: &Connection, prefix: &str) -> Result<BTreeMap<String, String>> {
    Ok(store::settings_with_prefix(conn, prefix)?
        .into_iter()
        .filter_map(|(k, v)| k.strip_prefix(prefix).map(|k| (k.to_owned(), v)))
        .collect())
}

fn text(v: Option<String>) -> Option<String> {
    v.map(|v| crate::text::nfc(v.trim()))
        .filter(|v| !v.is_empty())
}

impl Service {
    /// The summary's numbers from `data/kpi.toml` alone (tests and benches
    /// compare against them; the front ends use [`Service::kpi_settings`]).
    pub fn kpi_default_settings(&self) -> KpiSettings {
        KpiSettings::defaults(&self.data.kpi)
    }

    /// The live KPI numbers and which of them an admin has set.
    fn live_kpi(&self, conn: &Connection) -> Result<(KpiSettings, Vec<KpiSetting>)> {
        let rows = store::settings_with_prefix(conn, KpiSetting::PREFIX)?
            .into_iter()
            .collect();
        apply_stored(&self.kpi_default_settings(), &rows)
    }

    /// The KPI numbers for `q`: the copy frozen when its round was closed,
    /// else the live settings. Read it once per session (or per quarter
    /// shown) and pass it to [`Service::kpi_summary`] and
    /// [`Service::kpi_log`].
    pub fn kpi_settings(&self, q: Quarter) -> Result<KpiInForce> {
        self.store.read(|tx| {
            let frozen = stored_with_prefix(tx, &round_prefix(q))?;
            if !frozen.is_empty() {
                let (settings, _) = apply_stored(&self.kpi_default_settings(), &frozen)?;
                return Ok(KpiInForce {
                    settings,
                    source: KpiSource::Frozen(q),
                });
            }
            let (settings, set) = self.live_kpi(tx)?;
            Ok(KpiInForce {
                settings,
                source: if set.is_empty() {
                    KpiSource::Defaults
                } else {
                    KpiSource::Database
                },
            })
        })
    }

    /// Every live KPI number, marking the defaults (`danhgia settings`).
    pub fn kpi_setting_values(&self) -> Result<Vec<KpiSettingValue>> {
        self.store.read(|tx| {
            let (s, set) = self.live_kpi(tx)?;
            Ok(KpiSetting::all()
                .into_iter()
                .map(|k| KpiSettingValue {
                    setting: k,
                    value: k.get(&s),
                    default: !set.contains(&k),
                })
                .collect())
        })
    }

    /// The forms' header for a form of quarter `q` — the copy frozen when
    /// its round was closed, if there is one — or, for a yearly form
    /// (`None`), the live settings: a year spans rounds that may have
    /// closed under different headers, and a yearly form is made once the
    /// year is over, under the office's header of that day.
    pub fn form_header(&self, q: Option<Quarter>) -> Result<FormHeader> {
        self.store.read(|tx| {
            if let Some(q) = q {
                let mut frozen = stored_with_prefix(tx, &round_prefix(q))?;
                if !frozen.is_empty() {
                    let mut take = |k: &str| text(frozen.remove(k));
                    return Ok(FormHeader {
                        governing_body: take(SETTING_GOVERNING_BODY),
                        unit_name: take(SETTING_UNIT_NAME),
                        place: take(SETTING_PLACE),
                        frozen: Some(q),
                    });
                }
            }
            let get = |k: &str| -> Result<Option<String>> { Ok(text(store::setting(tx, k)?)) };
            Ok(FormHeader {
                governing_body: get(SETTING_GOVERNING_BODY)?,
                unit_name: get(SETTING_UNIT_NAME)?,
                place: get(SETTING_PLACE)?,
                frozen: None,
            })
        })
    }

    /// Sets a report setting (unit name, governing body, place). Admin only.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.set_settings(&[(key, value)])
    }

    /// Sets several header settings (admin only) in one transaction, each
    /// with its audit entry; a value equal to the stored one changes
    /// nothing.
    pub fn set_settings(&self, pairs: &[(&str, &str)]) -> Result<()> {
        self.change_settings(&SettingsChange {
            header: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            kpi: Vec::new(),
        })
    }

    /// Sets KPI numbers (admin only) in one transaction; see
    /// [`Service::change_settings`].
    pub fn set_kpi_settings(&self, values: &[(KpiSetting, f64)]) -> Result<()> {
        self.change_settings(&SettingsChange {
            header: Vec::new(),
            kpi: values.to_vec(),
        })
    }

    /// Changes header texts and KPI numbers (admin only) in one
    /// transaction. Each change is audited (`setting:<key>`, the stored
    /// value before — none for a default — and after); a value equal to the
    /// one in force is neither written nor audited. Nothing is written if
    /// any value is refused: an unknown key, a KPI number that is not
    /// positive.
    pub fn change_settings(&self, change: &SettingsChange) -> Result<()> {
        self.require_admin()?;
        for (key, value) in &change.header {
            if !HEADER_SETTINGS.contains(&key.as_str()) {
                return Err(ServiceError::UnknownSetting(key.clone()));
            }
            crate::domain::limits::TextField::Setting.check(&crate::text::nfc(value.trim()))?;
        }
        for (k, v) in &change.kpi {
            k.check(*v).map_err(ServiceError::BadKpiSetting)?;
        }
        self.store.write(|tx| {
            for (key, value) in &change.header {
                let value = crate::text::nfc(value.trim());
                let before = store::setting(tx, key)?;
                if before.as_deref() == Some(value.as_str()) {
                    continue;
                }
                self.write_setting(tx, key, before.as_deref(), &value)?;
            }
            for (k, v) in &change.kpi {
                let (in_force, _) = self.live_kpi(tx)?;
                if k.get(&in_force) == *v {
                    continue;
                }
                let key = k.key();
                let before = store::setting(tx, &key)?;
                self.write_setting(tx, &key, before.as_deref(), &number_text(*v))?;
            }
            Ok(())
        })
    }

    /// Writes one settings row and its audit entry.
    fn write_setting(
        &self,
        tx: &Connection,
        key: &str,
        before: Option<&str>,
        after: &str,
    ) -> Result<()> {
        store::set_setting(tx, key, after)?;
        self.audit(
            tx,
            "setting",
            &format!("setting:{key}"),
            before,
            Some(after),
        )
    }

    /// Copies the settings in force (the three header texts, empty where
    /// unset, and all 20 KPI numbers, defaults included) under
    /// `round:<q>:` when `q`'s round closes; what was copied, for the
    /// close's audit entry.
    pub(super) fn freeze_settings(
        &self,
        tx: &Connection,
        q: Quarter,
    ) -> Result<BTreeMap<String, String>> {
        let mut copy = BTreeMap::new();
        for key in HEADER_SETTINGS {
            copy.insert(key.to_owned(), store::setting(tx, key)?.unwrap_or_default());
        }
        let (kpi, _) = self.live_kpi(tx)?;
        for k in KpiSetting::all() {
            copy.insert(k.key(), number_text(k.get(&kpi)));
        }
        let prefix = round_prefix(q);
        for (key, value) in &copy {
            store::set_setting(tx, &format!("{prefix}{key}"), value)?;
        }
        Ok(copy)
    }

    /// Removes `q`'s frozen copy when its round reopens; what was removed,
    /// for the reopening's audit entry.
    pub(super) fn thaw_settings(tx: &Connection, q: Quarter) -> Result<BTreeMap<String, String>> {
        let prefix = round_prefix(q);
        let copy = stored_with_prefix(tx, &prefix)?;
        for key in copy.keys() {
            store::delete_setting(tx, &format!("{prefix}{key}"))?;
        }
        Ok(copy)
    }
}

#[cfg(test)]
mod tests {
    //! The cases of the old `[kpi]` config table, now as database settings.
    use super::*;
    use crate::domain::kpi::{ComplexityGroup, KpiSettingProblem, TimeBucket};

    fn admin() -> Service {
        Service::init_in_memory("hr").unwrap()
    }

    fn q() -> Quarter {
        Quarter { year: 2026, q: 3 }
    }

    #[test]
    fn stored_kpi_numbers_override_the_defaults() {
        let svc = admin();
        let bucket = |n| KpiSetting::StandardMinutes(TimeBucket::new(n).unwrap());
        svc.set_kpi_settings(&[
            (KpiSetting::MinutesPerQuarter, 30_240.0),
            (KpiSetting::Weight(ComplexityGroup::N2), 1.2),
            (bucket(5), 50.0),
            (bucket(8), 180.5),
        ])
        .unwrap();
        let k = svc.kpi_settings(q()).unwrap();
        assert_eq!(k.source, KpiSource::Database);
        let s = k.settings;
        assert_eq!(s.minutes_per_quarter, 30_240.0);
        assert_eq!(s.weights, [1.0, 1.2, 1.5, 2.0, 2.5]);
        assert_eq!(s.standard_minutes[4], 50.0);
        assert_eq!(s.standard_minutes[7], 180.5);
        assert_eq!(s.standard_minutes[0], 2.5);
    }

    #[test]
    fn no_stored_kpi_number_keeps_the_defaults() {
        let svc = admin();
        assert_eq!(
            svc.kpi_settings(q()).unwrap(),
            KpiInForce {
                settings: svc.kpi_default_settings(),
                source: KpiSource::Defaults
            }
        );
        assert!(svc.kpi_setting_values().unwrap().iter().all(|v| v.default));
    }

    #[test]
    fn a_bad_kpi_number_names_the_key_and_writes_nothing() {
        let parsed = [
            (
                KpiSetting::assignment("N6=1.0", KpiSetting::weight),
                KpiSettingProblem::UnknownGroup("N6".into()),
            ),
            (
                KpiSetting::assignment("15=60", KpiSetting::standard_minutes),
                KpiSettingProblem::UnknownBucket("15".into()),
            ),
            (
                KpiSetting::assignment("5=0", KpiSetting::standard_minutes),
                KpiSettingProblem::NotPositive {
                    key: "kpi.standard_minutes.5".into(),
                    value: "0".into(),
                },
            ),
            (
                KpiSetting::MinutesPerQuarter
                    .number("-1")
                    .map(|v| (KpiSetting::MinutesPerQuarter, v)),
                KpiSettingProblem::NotPositive {
                    key: "kpi.minutes_per_quarter".into(),
                    value: "-1".into(),
                },
            ),
            (
                KpiSetting::assignment("N1", KpiSetting::weight),
                KpiSettingProblem::NotKeyValue("N1".into()),
            ),
            (
                KpiSetting::assignment("N1=x", KpiSetting::weight),
                KpiSettingProblem::NotPositive {
                    key: "kpi.weight.N1".into(),
                    value: "x".into(),
                },
            ),
        ];
        for (got, want) in parsed {
            assert_eq!(got, Err(want));
        }
        assert_eq!(
            KpiSetting::assignment(" n2 = 1,25 ", KpiSetting::weight),
            Ok((KpiSetting::Weight(ComplexityGroup::N2), 1.25))
        );
        // A number given directly is checked by the service, and one bad
        // value writes nothing of the change.
        let svc = admin();
        let before = svc.change_cursor().unwrap();
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let r = svc.set_kpi_settings(&[
                (KpiSetting::Weight(ComplexityGroup::N2), 1.2),
                (KpiSetting::MinutesPerQuarter, bad),
            ]);
            assert!(
                matches!(r, Err(ServiceError::BadKpiSetting(KpiSettingProblem::NotPositive { ref key, .. })) if key == "kpi.minutes_per_quarter"),
                "{bad}: {r:?}"
            );
        }
        assert!(matches!(
            svc.set_settings(&[("kpi.weight.N2", "9")]),
            Err(ServiceError::UnknownSetting(_))
        ));
        assert_eq!(svc.change_cursor().unwrap(), before);
        assert_eq!(svc.kpi_settings(q()).unwrap().source, KpiSource::Defaults);
    }

    #[test]
    fn every_kpi_key_reads_back_as_its_setting() {
        let all = KpiSetting::all();
        assert_eq!(all.len(), 20);
        for k in all {
            assert_eq!(KpiSetting::from_key(&k.key()), Some(k));
        }
    }
}
