//! `danhgia report 01|02|03|04|05A|05B --quarter Q | --year Y [--unit U]
//! --out FILE [--force]`, and the report settings of `danhgia init`.

use super::FormId as FormArg;
use super::common::{Ctx, Refusal, parse_quarter};
use danhgia::i18n::Msg;
use danhgia::outfile::Replace;
use danhgia::report::{FormId, ReportFormat, ReportOptions, ReportScope, write_report};
use danhgia::service::{SETTING_GOVERNING_BODY, SETTING_PLACE, SETTING_UNIT_NAME};
use std::path::Path;

fn form(f: FormArg) -> FormId {
    match f {
        FormArg::F01 => FormId::Commitment,
        FormArg::F02 => FormId::CommitmentList,
        FormArg::F03 => FormId::Checklist,
        FormArg::F04 => FormId::Notice,
        FormArg::F05A => FormId::PeriodicCommendation,
        FormArg::F05B => FormId::AdhocCommendation,
    }
}

/// `--quarter` or `--year`.
pub struct Period<'a> {
    pub quarter: Option<&'a str>,
    pub year: Option<i32>,
}

pub fn run(
    ctx: &Ctx,
    form_arg: FormArg,
    period: Period,
    unit: Option<&str>,
    out: &Path,
    force: bool,
) -> anyhow::Result<()> {
    let form = form(form_arg);
    let scope = match (period.quarter, period.year) {
        (Some(q), _) => ReportScope::Quarter(parse_quarter(q)?),
        (None, Some(y)) => ReportScope::Year(y),
        (None, None) => return Err(Refusal("--quarter or --year".into()).into()),
    };
    // Refuse a wrong extension before touching the database.
    if ReportFormat::from_path(out).is_none() {
        let e = danhgia::report::ReportError::UnknownFormat(out.to_owned());
        return Err(Refusal(e.text(ctx.lang)).into());
    }
    let replace = if force {
        Replace::Asked
    } else {
        Replace::NotAsked
    };
    // The output's folder is looked at only once the database is open (and
    // the group's rights are gone), by `write_report`.
    let svc = ctx.open()?;
    let options = ReportOptions {
        unit: unit.map(str::to_owned),
        date: None,
    };
    let summary = write_report(&svc, form, scope, &options, out, replace)
        .map_err(|e| Refusal(e.text(ctx.lang)))?;
    println!("{}", summary.describe(ctx.lang));
    Ok(())
}

/// Stores the report settings given to `danhgia init` or `danhgia
/// settings` (the header block of every form), in one transaction.
pub fn store_settings(
    ctx: &Ctx,
    unit_name: Option<&str>,
    governing_body: Option<&str>,
    place: Option<&str>,
) -> anyhow::Result<()> {
    let given: Vec<(&str, &str)> = [
        (SETTING_UNIT_NAME, unit_name),
        (SETTING_GOVERNING_BODY, governing_body),
        (SETTING_PLACE, place),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    if given.is_empty() {
        return Ok(());
    }
    let svc = ctx.open()?;
    svc.set_settings(&given).map_err(|e| ctx.refusal(&e))?;
    Ok(())
}

/// `danhgia settings`: changes the report settings given (admins only),
/// then shows all three as the forms will print them.
pub fn settings(
    ctx: &Ctx,
    unit_name: Option<&str>,
    governing_body: Option<&str>,
    place: Option<&str>,
) -> anyhow::Result<()> {
    store_settings(ctx, unit_name, governing_body, place)?;
    let svc = ctx.open()?;
    let t = |m: Msg| m.text(ctx.lang);
    for (key, label) in [
        (SETTING_GOVERNING_BODY, t(Msg::SettingGoverningBody)),
        (SETTING_UNIT_NAME, t(Msg::SettingUnitName)),
        (SETTING_PLACE, t(Msg::SettingPlace)),
    ] {
        let value = svc.setting(key).map_err(|e| ctx.refusal(&e))?;
        println!(
            "{label} (--{}): {}",
            key.replace('_', "-"),
            danhgia::text::printable(value.as_deref().unwrap_or(t(Msg::SettingUnset)))
        );
    }
    Ok(())
}
