//! `danhgia settings [--unit-name …] [--governing-body …] [--place …]
//! [--kpi-minutes-per-quarter N] [--kpi-weight N2=1.2]…
//! [--kpi-standard-minutes 5=60]…`: the settings that change what people
//! get (the forms' header, the KPI numbers), changed by admins in one
//! transaction and shown as in force; and the header given to `danhgia
//! init`.

use super::common::{Ctx, Refusal};
use danhgia::domain::kpi::{KpiSetting, KpiSettingProblem};
use danhgia::i18n::{Lang, Msg, kpi_setting_problem_text};
use danhgia::service::{
    HEADER_SETTINGS, KpiSettingValue, SETTING_GOVERNING_BODY, SETTING_PLACE, SETTING_UNIT_NAME,
    Service, SettingsChange,
};

/// The options of `danhgia settings`.
#[derive(Debug, clap::Args)]
pub struct SettingsArgs {
    /// The office heading the forms (ĐƠN VỊ)
    #[arg(long, value_name = "NAME")]
    pub unit_name: Option<String>,
    /// Its governing body (TÊN ĐƠN VỊ CHỦ QUẢN)
    #[arg(long, value_name = "NAME")]
    pub governing_body: Option<String>,
    /// The place in the forms' date line
    #[arg(long, value_name = "PLACE")]
    pub place: Option<String>,
    /// KPI: the working time of a quarter, in minutes
    #[arg(long, value_name = "MINUTES")]
    pub kpi_minutes_per_quarter: Option<String>,
    /// KPI: the weight of a complexity group N1–N5, as N2=1.2 (repeatable)
    #[arg(long, value_name = "GROUP=WEIGHT")]
    pub kpi_weight: Vec<String>,
    /// KPI: the standard minutes of a time bucket 1–14, as 5=60 (repeatable)
    #[arg(long, value_name = "BUCKET=MINUTES")]
    pub kpi_standard_minutes: Vec<String>,
}

/// The header texts given, keyed as stored.
fn header(
    unit_name: Option<&str>,
    governing_body: Option<&str>,
    place: Option<&str>,
) -> Vec<(String, String)> {
    [
        (SETTING_UNIT_NAME, unit_name),
        (SETTING_GOVERNING_BODY, governing_body),
        (SETTING_PLACE, place),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned())))
    .collect()
}

/// The KPI numbers given; the first one written wrong refuses them all.
fn kpi(args: &SettingsArgs) -> Result<Vec<(KpiSetting, f64)>, KpiSettingProblem> {
    let mut v = Vec::new();
    if let Some(m) = &args.kpi_minutes_per_quarter {
        let k = KpiSetting::MinutesPerQuarter;
        v.push((k, k.number(m)?));
    }
    for w in &args.kpi_weight {
        v.push(KpiSetting::assignment(w, KpiSetting::weight)?);
    }
    for m in &args.kpi_standard_minutes {
        v.push(KpiSetting::assignment(m, KpiSetting::standard_minutes)?);
    }
    Ok(v)
}

/// Stores `change` (admins only) in one transaction; nothing to do for an
/// empty one.
fn store(ctx: &Ctx, svc: &Service, change: &SettingsChange) -> anyhow::Result<()> {
    if !change.is_empty() {
        svc.change_settings(change).map_err(|e| ctx.refusal(&e))?;
    }
    Ok(())
}

/// Stores the forms' header given to `danhgia init`.
pub fn store_header(
    ctx: &Ctx,
    unit_name: Option<&str>,
    governing_body: Option<&str>,
    place: Option<&str>,
) -> anyhow::Result<()> {
    let change = SettingsChange {
        header: header(unit_name, governing_body, place),
        kpi: Vec::new(),
    };
    if change.is_empty() {
        return Ok(());
    }
    store(ctx, &ctx.open()?, &change)
}

/// `danhgia settings`: changes what is given (admins only), then shows
/// every setting in force — the header as the forms will print it, the KPI
/// numbers marking the defaults.
pub fn run(ctx: &Ctx, args: &SettingsArgs) -> anyhow::Result<()> {
    let change = SettingsChange {
        header: header(
            args.unit_name.as_deref(),
            args.governing_body.as_deref(),
            args.place.as_deref(),
        ),
        kpi: kpi(args).map_err(|p| Refusal(kpi_setting_problem_text(&p, ctx.lang)))?,
    };
    let svc = ctx.open()?;
    // After opening: a user's own file is read with the user's own rights.
    super::kpi::warn_of_old_kpi_tables(ctx.lang);
    store(ctx, &svc, &change)?;
    let t = |m: Msg| m.text(ctx.lang);
    let header = svc.form_header(None).map_err(|e| ctx.refusal(&e))?;
    for key in HEADER_SETTINGS {
        let (label, value) = match key {
            SETTING_GOVERNING_BODY => (t(Msg::SettingGoverningBody), &header.governing_body),
            SETTING_UNIT_NAME => (t(Msg::SettingUnitName), &header.unit_name),
            _ => (t(Msg::SettingPlace), &header.place),
        };
        println!(
            "{label} (--{}): {}",
            key.replace('_', "-"),
            danhgia::text::printable(value.as_deref().unwrap_or(t(Msg::SettingUnset)))
        );
    }
    let values = svc.kpi_setting_values().map_err(|e| ctx.refusal(&e))?;
    println!("{}:", t(Msg::SettingKpiHeading));
    for v in &values {
        println!("  {}", kpi_line(v, ctx.lang));
    }
    Ok(())
}

/// `Hệ số nhóm N2 (--kpi-weight N2=…): 1.25 (mặc định)`.
fn kpi_line(v: &KpiSettingValue, lang: Lang) -> String {
    let t = |m: Msg| m.text(lang);
    let (label, option) = match v.setting {
        KpiSetting::MinutesPerQuarter => (
            t(Msg::SettingKpiMinutesPerQuarter).to_owned(),
            "--kpi-minutes-per-quarter".to_owned(),
        ),
        KpiSetting::Weight(c) => (
            format!("{} {c}", t(Msg::SettingKpiWeight)),
            format!("--kpi-weight {c}=…"),
        ),
        KpiSetting::StandardMinutes(b) => (
            format!("{} {}", t(Msg::SettingKpiStandardMinutes), b.number()),
            format!("--kpi-standard-minutes {}=…", b.number()),
        ),
    };
    let default = if v.default {
        format!(" ({})", t(Msg::SettingKpiDefault))
    } else {
        String::new()
    };
    format!("{label} ({option}): {}{default}", v.value)
}
