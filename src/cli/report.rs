//! `danhgia report 01|02|03|04|05A|05B --quarter Q | --year Y [--unit U]
//! --out FILE [--force]`.

use super::FormId as FormArg;
use super::common::{Ctx, Refusal, parse_quarter};
use danhgia::outfile::Replace;
use danhgia::report::{FormId, ReportFormat, ReportOptions, ReportScope, write_report};
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
