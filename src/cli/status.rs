//! `danhgia status` and `danhgia commend` (SPEC section 6, JSON shapes included).

use super::Format;
use super::common::{Ctx, Refusal, fit, parse_quarter};
use danhgia::domain::rules::Outcome;
use danhgia::i18n::{Lang, Msg, reason_text};
use danhgia::service::StatusRow;
use danhgia::text::printable;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::io::Write as _;

fn outcome_text(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Pass => Msg::ResultPass.text(lang),
        Outcome::Fail => Msg::ResultFail.text(lang),
        Outcome::Pending => Msg::ResultPending.text(lang),
        Outcome::NotAssessed => Msg::ResultNotAssessed.text(lang),
    }
}

/// The reasons of a row as one line of text, for the table and the CSV.
pub fn reasons_line(r: &StatusRow, lang: Lang) -> String {
    let texts: Vec<String> = r
        .result
        .reasons
        .iter()
        .map(|x| reason_text(x, lang))
        .collect();
    texts.join("; ")
}

pub fn status_json(r: &StatusRow, lang: Lang) -> Value {
    let reasons: Vec<Value> = r
        .result
        .reasons
        .iter()
        .map(|x| {
            // {"code","text",…}: the code and the text first, then the fields.
            let mut m = serde_json::Map::new();
            m.insert("code".into(), Value::String(x.code().into()));
            m.insert("text".into(), Value::String(reason_text(x, lang)));
            if let Ok(Value::Object(fields)) = serde_json::to_value(x) {
                m.extend(fields.into_iter().filter(|(k, _)| k != "code"));
            }
            Value::Object(m)
        })
        .collect();
    json!({
        "code": r.staff.staff.code,
        "name": r.staff.staff.full_name,
        "unit": r.staff.staff.unit,
        "kind": r.staff.staff.kind.as_str(),
        "quarter": r.quarter.to_string(),
        "result": r.result.outcome.as_str(),
        "items_passed": r.result.items_passed,
        "items_total": r.result.items_total,
        "reasons": reasons,
    })
}

pub fn status(ctx: &Ctx, quarter: &str, unit: Option<&str>, format: Format) -> anyhow::Result<()> {
    let q = parse_quarter(quarter)?;
    let svc = ctx.open()?;
    let rows = svc.status(q, unit).map_err(|e| ctx.refusal(&e))?;
    let lang = ctx.lang;
    // Written as it is made: the JSON of 100,000 people is never held whole.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        // One person per line: small (a round's start is ≈ 0.5 kB a person),
        // and still one JSON array.
        Format::Json => {
            out.write_all(b"[")?;
            for (i, r) in rows.iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                out.write_all(
                    danhgia::text::json_printable(serde_json::to_string(&status_json(r, lang))?)
                        .as_bytes(),
                )?;
            }
            out.write_all(b"\n]\n")?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "code",
                "name",
                "unit",
                "kind",
                "quarter",
                "result",
                "items_passed",
                "items_total",
                "reasons",
            ])?;
            for r in &rows {
                w.write_record(safe([
                    r.staff.staff.code.as_str(),
                    &r.staff.staff.full_name,
                    &r.staff.staff.unit,
                    r.staff.staff.kind.as_str(),
                    &q.to_string(),
                    r.result.outcome.as_str(),
                    &r.result.items_passed.to_string(),
                    &r.result.items_total.to_string(),
                    &reasons_line(r, lang),
                ]))?;
            }
            w.flush()?;
        }
        Format::Table => out.write_all(status_table(&rows, lang).as_bytes())?,
    }
    out.flush()?;
    Ok(())
}

fn status_table(rows: &[StatusRow], lang: Lang) -> String {
    let t = |m: Msg| m.text(lang);
    let mut out = String::new();
    if rows.is_empty() {
        let _ = writeln!(out, "{}", t(Msg::NobodyToShow));
        return out;
    }
    let _ = writeln!(
        out,
        "{} {} {} {} {} {}",
        fit(t(Msg::ColCode), 10),
        fit(t(Msg::ColName), 22),
        fit(t(Msg::ColUnit), 20),
        fit(t(Msg::ColResult), 9),
        fit(t(Msg::ColItems), 8),
        t(Msg::ColReasons)
    );
    let mut counts = [0usize; Outcome::ALL.len()];
    for r in rows {
        counts[r.result.outcome as usize] += 1;
        let reason = reasons_line(r, lang);
        let reason = printable(&reason);
        let line = format!(
            "{} {} {} {} {} {}",
            fit(&r.staff.staff.code, 10),
            fit(&r.staff.staff.full_name, 22),
            fit(&r.staff.staff.unit, 20),
            fit(outcome_text(r.result.outcome, lang), 9),
            fit(
                &format!("{}/{}", r.result.items_passed, r.result.items_total),
                8
            ),
            reason
        );
        // The reasons in full: one line a person, however long.
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(
        out,
        "{}: {} · {}: {} · {}: {} · {}: {} · {}: {}",
        t(Msg::Totals),
        rows.len(),
        t(Msg::ResultPass),
        counts[Outcome::Pass as usize],
        t(Msg::ResultFail),
        counts[Outcome::Fail as usize],
        t(Msg::ResultPending),
        counts[Outcome::Pending as usize],
        t(Msg::ResultNotAssessed),
        counts[Outcome::NotAssessed as usize]
    );
    out
}

pub fn commend(
    ctx: &Ctx,
    quarter: Option<&str>,
    year: Option<i32>,
    format: Format,
) -> anyhow::Result<()> {
    let svc = ctx.open()?;
    let lang = ctx.lang;
    let t = |m: Msg| m.text(lang);
    let mut out = String::new();
    match (quarter, year) {
        (Some(q), _) => {
            let q = parse_quarter(q)?;
            let c = svc.commend_quarter(q).map_err(|e| ctx.refusal(&e))?;
            match format {
                Format::Json => {
                    let v = json!({
                        "quarterly": c.quarterly.iter().map(|r| &r.staff.staff.code).collect::<Vec<_>>(),
                        "adhoc": c.adhoc.iter().map(|r| &r.status.staff.staff.code).collect::<Vec<_>>(),
                    });
                    out = danhgia::text::json_printable(serde_json::to_string_pretty(&v)?) + "\n";
                }
                Format::Csv => {
                    let mut w = csv::Writer::from_writer(Vec::new());
                    w.write_record(["kind", "code", "name", "unit", "achievement"])?;
                    for r in &c.quarterly {
                        w.write_record(safe([
                            "quarterly",
                            &r.staff.staff.code,
                            &r.staff.staff.full_name,
                            &r.staff.staff.unit,
                            "",
                        ]))?;
                    }
                    for r in &c.adhoc {
                        let s = &r.status.staff.staff;
                        w.write_record(safe([
                            "adhoc",
                            &s.code,
                            &s.full_name,
                            &s.unit,
                            &r.achievement,
                        ]))?;
                    }
                    out = String::from_utf8(w.into_inner()?)?;
                }
                Format::Table => {
                    let _ = writeln!(
                        out,
                        "{} — {q} ({})",
                        t(Msg::CommendQuarterly),
                        c.quarterly.len()
                    );
                    for r in &c.quarterly {
                        let s = &r.staff.staff;
                        let _ = writeln!(
                            out,
                            "  {} {} {}",
                            fit(&s.code, 10),
                            fit(&s.full_name, 26),
                            fit(&s.unit, 38).trim_end()
                        );
                    }
                    let _ = writeln!(out, "\n{} — {q} ({})", t(Msg::CommendAdhoc), c.adhoc.len());
                    for r in &c.adhoc {
                        let s = &r.status.staff.staff;
                        let _ = writeln!(
                            out,
                            "  {} {} {}",
                            fit(&s.code, 10),
                            fit(&s.full_name, 26),
                            fit(&s.unit, 38).trim_end()
                        );
                        let _ = writeln!(out, "      {}", printable(&r.achievement));
                    }
                }
            }
        }
        (None, Some(y)) => {
            let rows = svc.commend_year(y).map_err(|e| ctx.refusal(&e))?;
            match format {
                Format::Json => {
                    let v = json!({ "yearly": rows.iter().map(|r| json!({
                        "code": r.staff.staff.code,
                        "quarters_passed": r.commendation.quarters_passed,
                        "yearly_rating": r.commendation.yearly_rating.map(|x| x.as_str()),
                        "eligible": r.commendation.eligible,
                    })).collect::<Vec<_>>() });
                    out = danhgia::text::json_printable(serde_json::to_string_pretty(&v)?) + "\n";
                }
                Format::Csv => {
                    let mut w = csv::Writer::from_writer(Vec::new());
                    w.write_record([
                        "code",
                        "name",
                        "unit",
                        "quarters_passed",
                        "yearly_rating",
                        "eligible",
                    ])?;
                    for r in &rows {
                        let s = &r.staff.staff;
                        w.write_record(safe([
                            s.code.as_str(),
                            &s.full_name,
                            &s.unit,
                            &r.commendation.quarters_passed.to_string(),
                            r.commendation.yearly_rating.map_or("", |x| x.as_str()),
                            if r.commendation.eligible { "1" } else { "0" },
                        ]))?;
                    }
                    out = String::from_utf8(w.into_inner()?)?;
                }
                Format::Table => {
                    let eligible: Vec<_> =
                        rows.iter().filter(|r| r.commendation.eligible).collect();
                    let _ = writeln!(
                        out,
                        "{} — {y} ({}/{})",
                        t(Msg::CommendYearly),
                        eligible.len(),
                        rows.len()
                    );
                    let _ = writeln!(
                        out,
                        "  {} {} {} {}",
                        fit(t(Msg::ColCode), 10),
                        fit(t(Msg::ColName), 26),
                        fit(t(Msg::ColQuartersPassed), 11),
                        t(Msg::ColYearlyRating)
                    );
                    for r in eligible {
                        let s = &r.staff.staff;
                        let _ = writeln!(
                            out,
                            "  {} {} {} {}",
                            fit(&s.code, 10),
                            fit(&s.full_name, 26),
                            fit(&r.commendation.quarters_passed.to_string(), 11),
                            r.commendation.yearly_rating.map_or("", |x| x.as_str())
                        );
                    }
                }
            }
        }
        (None, None) => return Err(Refusal("--quarter or --year".into()).into()),
    }
    print!("{out}");
    Ok(())
}

/// Text cells as a spreadsheet may open them: a cell that would start a
/// formula (`=`, `+`, `-`, `@` …) is quoted with `'` (as the report writers
/// do), no control or bidirectional character in it; on a terminal, no line
/// break either.
fn safe<const N: usize>(cells: [&str; N]) -> [String; N] {
    use std::io::IsTerminal;
    static TTY: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let tty = *TTY.get_or_init(|| std::io::stdout().is_terminal());
    cells.map(|c| {
        let cell = danhgia::report::csv_safe(c);
        if tty {
            danhgia::text::printable(&cell).into_owned()
        } else {
            cell
        }
    })
}
