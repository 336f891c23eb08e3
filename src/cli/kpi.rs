//! `danhgia kpi --quarter Q [--unit U] [--format table|json|csv]` and
//! `danhgia import catalog|tasks FILE`.
//!
//! JSON: an array, one element per person the caller may see,
//! `{"code","name","unit","tasks_done","standard_minutes","weighted_minutes",
//! "share","quantity_done","unconfirmed_done"}` — `tasks_done` counts done
//! entries, `quantity_done` sums their quantities, minutes are rounded to
//! 0.01 and `share` (standard minutes ÷ the quarter's working time) to
//! 0.0001. CSV has the same columns. See docs/KPI.md.

use super::Format;
use super::common::{Ctx, Refusal, fit, parse_quarter};
use danhgia::config;
use danhgia::domain::kpi::KpiSettings;
use danhgia::i18n::{Lang, Msg};
use danhgia::import::{self, ImportError};
use danhgia::service::{KpiInForce, KpiSource, KpiSummaryRow, ServiceError};
use danhgia::text::{display_width, truncate};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::Path;

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Says once per run, on stderr, that a config file's `[kpi]` table is no
/// longer read (the numbers live in the database, set by an admin), so that
/// an office that relied on one is not left wondering. Called once the
/// database is open (the group dropped), so that a user's file is read with
/// the user's own rights.
pub fn warn_of_old_kpi_tables(lang: Lang) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for f in config::files_with_kpi_table(&config::config_files()) {
            eprintln!(
                "danhgia: {}: {}",
                danhgia::text::printable(&f.display().to_string()),
                Msg::KpiTableIgnored.text(lang)
            );
        }
    });
}

pub fn run(ctx: &Ctx, quarter: &str, unit: Option<&str>, format: Format) -> anyhow::Result<()> {
    let q = parse_quarter(quarter)?;
    let svc = ctx.open()?;
    // After opening: a user's own file is read with the user's own rights.
    warn_of_old_kpi_tables(ctx.lang);
    let KpiInForce { settings, source } = svc.kpi_settings(q).map_err(|e| ctx.refusal(&e))?;
    let rows = svc
        .kpi_summary(q, unit, &settings)
        .map_err(|e| ctx.refusal(&e))?;
    let out = match format {
        Format::Json => {
            let v: Vec<Value> = rows.iter().map(row_json).collect();
            danhgia::text::json_printable(serde_json::to_string_pretty(&v)?) + "\n"
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(FIELDS)?;
            for r in &rows {
                let s = &r.summary;
                w.write_record([
                    danhgia::report::csv_safe(&r.code),
                    danhgia::report::csv_safe(&r.name),
                    danhgia::report::csv_safe(&r.unit),
                    s.tasks_done.to_string(),
                    round(s.standard_minutes, 2).to_string(),
                    round(s.weighted_minutes, 2).to_string(),
                    round(s.share, 4).to_string(),
                    s.quantity_done.to_string(),
                    s.unconfirmed_done.to_string(),
                ])?;
            }
            String::from_utf8(w.into_inner()?)?
        }
        Format::Table => table(&rows, &settings, source, ctx.lang),
    };
    print!("{out}");
    Ok(())
}

const FIELDS: [&str; 9] = [
    "code",
    "name",
    "unit",
    "tasks_done",
    "standard_minutes",
    "weighted_minutes",
    "share",
    "quantity_done",
    "unconfirmed_done",
];

fn row_json(r: &KpiSummaryRow) -> Value {
    let s = &r.summary;
    json!({
        "code": r.code,
        "name": r.name,
        "unit": r.unit,
        "tasks_done": s.tasks_done,
        "standard_minutes": round(s.standard_minutes, 2),
        "weighted_minutes": round(s.weighted_minutes, 2),
        "share": round(s.share, 4),
        "quantity_done": s.quantity_done,
        "unconfirmed_done": s.unconfirmed_done,
    })
}

/// `s` right-aligned in `width` columns (cut with `…` if longer).
fn right(s: &str, width: usize) -> String {
    let s = truncate(s, width);
    format!("{}{s}", " ".repeat(width.saturating_sub(display_width(&s))))
}

/// Minutes as a whole number with thin grouping (`31 200`), as the table
/// shows them; the exact value is in JSON and CSV.
fn minutes(m: f64) -> String {
    let n = m.round() as i64;
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Fits 80 columns: 9 + 18 + 12 + 7 + 10 + 10 + 7 and six spaces = 79.
fn table(rows: &[KpiSummaryRow], s: &KpiSettings, source: KpiSource, lang: Lang) -> String {
    let t = |m: Msg| m.text(lang);
    let mut out = String::new();
    if rows.is_empty() {
        let _ = writeln!(out, "{}", t(Msg::NobodyToShow));
        return out;
    }
    let line =
        |code: &str, name: &str, unit: &str, done: &str, std: &str, wtd: &str, share: &str| {
            format!(
                "{} {} {} {} {} {} {}",
                fit(code, 9),
                fit(name, 18),
                fit(unit, 12),
                right(done, 7),
                right(std, 10),
                right(wtd, 10),
                right(share, 7)
            )
        };
    let _ = writeln!(
        out,
        "{}",
        line(
            t(Msg::ColCode),
            t(Msg::ColName),
            t(Msg::ColUnit),
            t(Msg::ColTasksDone),
            t(Msg::ColStandardMinutes),
            t(Msg::ColWeightedMinutes),
            t(Msg::ColShare)
        )
        .trim_end()
    );
    let (mut done, mut std, mut wtd, mut unconfirmed) = (0u64, 0.0, 0.0, 0u64);
    for r in rows {
        let q = &r.summary;
        done += u64::from(q.tasks_done);
        std += q.standard_minutes;
        wtd += q.weighted_minutes;
        unconfirmed += u64::from(q.unconfirmed_done);
        let _ = writeln!(
            out,
            "{}",
            line(
                &r.code,
                &r.name,
                &r.unit,
                &q.tasks_done.to_string(),
                &minutes(q.standard_minutes),
                &minutes(q.weighted_minutes),
                &percent(q.share)
            )
            .trim_end()
        );
    }
    let _ = writeln!(
        out,
        "{}: {} {} · {done} {}\n{} {} · {} {}",
        t(Msg::Totals),
        rows.len(),
        t(Msg::People),
        t(Msg::KpiDoneTasks),
        minutes(std),
        t(Msg::KpiStandardMinutesUnit),
        minutes(wtd),
        t(Msg::KpiWeightedMinutesUnit),
    );
    if unconfirmed > 0 {
        let _ = writeln!(out, "{unconfirmed} {}", t(Msg::KpiUnconfirmedNote));
    }
    let _ = writeln!(
        out,
        "{} ({} {}).",
        t(Msg::KpiShareNote),
        minutes(s.minutes_per_quarter),
        t(Msg::KpiMinutes),
    );
    let _ = writeln!(out, "{}.", t(Msg::KpiWeightedNote));
    let source = match source {
        KpiSource::Defaults => t(Msg::KpiDefaults).to_owned(),
        KpiSource::Database => t(Msg::KpiFromDatabase).to_owned(),
        KpiSource::Frozen(q) => format!("{} {q}", t(Msg::KpiFrozenWith)),
    };
    let _ = writeln!(out, "{}: {source}", t(Msg::KpiSettingsFrom));
    out
}

fn summary_line(ctx: &Ctx, name: &str, s: danhgia::service::ImportSummary) {
    let t = |m: Msg| m.text(ctx.lang);
    println!(
        "{} {name}: {} ({} {}, {} {})",
        t(Msg::ImportDone),
        s.rows,
        s.inserted,
        t(Msg::ImportRowsNew),
        s.updated,
        t(Msg::ImportRowsUpdated)
    );
}

fn refused(ctx: &Ctx, name: &str, e: ServiceError) -> anyhow::Error {
    match e {
        ServiceError::ImportRefused(problems) => {
            Refusal(import::render_problems(name, &problems, ctx.lang)).into()
        }
        e => ctx.refusal(&e).into(),
    }
}

/// `danhgia import catalog FILE`.
pub fn import_catalog(ctx: &Ctx, file: &Path) -> anyhow::Result<()> {
    let name = file.display().to_string();
    let svc = ctx.open()?;
    svc.may_import().map_err(|e| ctx.refusal(&e))?;
    let records = import::read_catalog(file, &svc.reference().kpi)
        .map_err(|e: ImportError| Refusal(e.render(ctx.lang)))?;
    let done = svc
        .import_catalog(&name, &records)
        .map_err(|e| refused(ctx, &name, e))?;
    summary_line(ctx, &name, done.summary);
    if !done.units_without_staff.is_empty() {
        println!(
            "{} {}",
            Msg::KpiUnitsWithoutStaff.text(ctx.lang),
            done.units_without_staff.join(", ")
        );
    }
    Ok(())
}

/// `danhgia import tasks FILE`.
pub fn import_tasks(ctx: &Ctx, file: &Path) -> anyhow::Result<()> {
    let name = file.display().to_string();
    let svc = ctx.open()?;
    svc.may_import().map_err(|e| ctx.refusal(&e))?;
    let records = import::read_tasks(file, &svc.reference().kpi)
        .map_err(|e: ImportError| Refusal(e.render(ctx.lang)))?;
    let done = svc
        .import_tasks(&name, &records)
        .map_err(|e| refused(ctx, &name, e))?;
    summary_line(ctx, &name, done);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_group_thousands() {
        assert_eq!(minutes(31_200.0), "31 200");
        assert_eq!(minutes(565.0), "565");
        assert_eq!(minutes(187.5), "188");
        assert_eq!(minutes(1_234_567.0), "1 234 567");
        assert_eq!(minutes(0.0), "0");
    }
}
