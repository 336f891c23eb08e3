//! `danhgia report 01|02|03|04|05A|05B --quarter Q | --year Y [--unit U]
//! --out FILE`.

use super::FormId as FormArg;
use super::common::{Ctx, Refusal, ensure_parent, parse_quarter};
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

pub fn run(
    ctx: &Ctx,
    form_arg: FormArg,
    quarter: Option<&str>,
    year: Option<i32>,
    unit: Option<&str>,
    out: &Path,
) -> anyhow::Result<()> {
    let form = form(form_arg);
    let scope = match (quarter, year) {
        (Some(q), _) => ReportScope::Quarter(parse_quarter(q)?),
        (None, Some(y)) => ReportScope::Year(y),
        (None, None) => return Err(Refusal("--quarter or --year".into()).into()),
    };
    // Refuse a wrong extension before touching the database.
    if ReportFormat::from_path(out).is_none() {
        let e = danhgia::report::ReportError::UnknownFormat(out.to_owned());
        return Err(Refusal(e.text(ctx.lang)).into());
    }
    ensure_parent(out)?;
    let svc = ctx.open()?;
    let options = ReportOptions {
        unit: unit.map(str::to_owned),
        date: None,
    };
    let summary =
        write_report(&svc, form, scope, &options, out).map_err(|e| Refusal(e.text(ctx.lang)))?;
    println!("{}", summary.describe(ctx.lang));
    Ok(())
}
