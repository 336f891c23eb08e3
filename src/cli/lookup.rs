//! `danhgia lookup QUERY [--format table|json]` (SPEC sections 5 and 6).

use super::{LookupFormat, Outcome};
use anyhow::Context;
use danhgia::data::reference;
use danhgia::domain::lookup::{LookupIndex, PositionView, RangeSource};
use danhgia::i18n::{Lang, Msg};
use danhgia::text::{display_width, truncate};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Width of the table output: it fits an 80-column terminal.
const WIDTH: usize = 80;
/// How many other matches the table lists after the best one.
const OTHERS_SHOWN: usize = 10;

#[derive(Debug, clap::Args)]
pub struct LookupArgs {
    /// Part of a position's name or code; case and diacritics are ignored
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[arg(long, value_enum, default_value_t = LookupFormat::Table)]
    format: LookupFormat,
    /// Show the descriptors of the levels in each range
    #[arg(long)]
    levels: bool,
    /// Show the position's main tasks and their criteria
    #[arg(long)]
    tasks: bool,
    /// Show every match in full, not only the best one
    #[arg(long)]
    all: bool,
}

pub fn run(args: &LookupArgs, lang: Lang) -> anyhow::Result<Outcome> {
    let data = reference().context("reference data")?;
    let index = LookupIndex::new(data);
    let query = args.query.join(" ");
    let hits = index.search(&query);
    let views: Vec<PositionView> = hits
        .iter()
        .filter_map(|h| PositionView::new(data, h.position))
        .collect();
    let out = match args.format {
        LookupFormat::Json => {
            let arr: Vec<Value> = views.iter().map(view_json).collect();
            danhgia::text::json_printable(serde_json::to_string_pretty(&arr)?) + "\n"
        }
        // The table echoes the query: never with a control character.
        LookupFormat::Table => {
            danhgia::text::printable_lines(&table(&query, &views, args, lang)).into_owned()
        }
    };
    print!("{out}");
    Ok(Outcome::Ok)
}

fn view_json(v: &PositionView) -> Value {
    let p = v.position;
    json!({
        "code": p.code,
        "name": p.name,
        "group": p.group.as_str(),
        "unit": p.unit,
        "source": v.source.as_str(),
        "grade": p.grade.map(|g| g.as_str()),
        "framework": v.framework.id,
        "competencies": v.competencies.iter().map(|c| json!({
            "group": c.group.as_str(),
            "key": c.key,
            "name": c.name,
            "range": c.range.map(|r| r.to_string()),
            "requirement": c.requirement,
            "levels": c.levels.iter().map(|l| json!({"level": l.level, "text": l.text})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "tasks": p.tasks.iter().map(|t| json!({"task": t.task, "criteria": t.criteria})).collect::<Vec<_>>(),
        "requirements": p.requirements.fields().map(|(k, t)| json!({"field": k, "text": t})).collect::<Vec<_>>(),
    })
}

fn table(query: &str, views: &[PositionView], args: &LookupArgs, lang: Lang) -> String {
    let mut out = String::new();
    let Some((best, rest)) = views.split_first() else {
        let _ = writeln!(out, "{} «{query}».", Msg::NoPositionFound.text(lang));
        return out;
    };
    position_block(&mut out, best, args, lang);
    if args.all {
        for v in rest {
            out.push('\n');
            out.push_str(&"═".repeat(WIDTH));
            out.push('\n');
            position_block(&mut out, v, args, lang);
        }
    } else if !rest.is_empty() {
        let _ = writeln!(out, "\n{} ({}):", Msg::OtherMatches.text(lang), rest.len());
        for v in rest.iter().take(OTHERS_SHOWN) {
            let code = &v.position.code;
            let name_width = WIDTH.saturating_sub(display_width(code) + 4);
            let _ = writeln!(out, "  {code}  {}", truncate(&v.position.name, name_width));
        }
        if rest.len() > OTHERS_SHOWN {
            let _ = writeln!(out, "  …");
        }
    }
    if !(args.levels && args.tasks && args.all) {
        out.push('\n');
        wrap_into(&mut out, Msg::MoreHint.text(lang), "", "");
    }
    out
}

fn position_block(out: &mut String, v: &PositionView, args: &LookupArgs, lang: Lang) {
    let p = v.position;
    wrap_into(out, &format!("{} — {}", p.code, p.name), "", "  ");
    let t = |m: Msg| m.text(lang);
    let mut facts = format!(
        "{}: {} · {}: {}",
        t(Msg::Group),
        p.group.as_str(),
        t(Msg::Framework),
        v.framework.id
    );
    if let Some(g) = p
        .grade
        .and_then(|g| reference().ok()?.positions.grade_range(g))
    {
        let _ = write!(facts, " · {}: {}", t(Msg::Grade), g.name);
    }
    wrap_into(out, &facts, "  ", "  ");
    wrap_into(out, &format!("{}: {}", t(Msg::Unit), p.unit), "  ", "    ");
    if let Some(m) = &p.direct_manager {
        wrap_into(
            out,
            &format!("{}: {m}", t(Msg::DirectManager)),
            "  ",
            "    ",
        );
    }
    let source = match v.source {
        RangeSource::Own => t(Msg::RangesOwn).to_owned(),
        RangeSource::Grade(_) => {
            let name = p
                .grade
                .and_then(|g| reference().ok()?.positions.grade_range(g))
                .map_or("", |g| g.name.as_str());
            format!("{} {}", t(Msg::RangesFromGrade), name.to_lowercase())
        }
        RangeSource::None => t(Msg::RangesNone).to_owned(),
    };
    wrap_into(out, &source, "  ", "  ");

    let mut group = None;
    for c in &v.competencies {
        if group != Some(c.group) {
            group = Some(c.group);
            let _ = writeln!(out, "\n  {}", t(Msg::competency_group(c.group)));
        }
        let value = match (c.range, c.requirement) {
            (Some(r), _) => r.to_string(),
            (None, Some(_)) => "*".to_owned(),
            (None, None) => "—".to_owned(),
        };
        // name, dotted leader, value right-aligned at WIDTH.
        let name = truncate(c.name, WIDTH - 16);
        let used = 4 + display_width(&name) + 1;
        let dots = WIDTH.saturating_sub(used + 1 + display_width(&value));
        let _ = writeln!(out, "    {name} {} {value}", ".".repeat(dots.max(1)));
        if let Some(req) = c.requirement {
            wrap_into(out, &format!("* {req}"), "      ", "        ");
        }
        if let Some(r) = c.range.filter(|_| args.levels) {
            for level in r.low..=r.high {
                let text = c.levels.iter().find(|l| l.level == level).map_or_else(
                    || format!("({})", t(Msg::NoDescriptor)),
                    |l| l.text.replace('\n', " "),
                );
                wrap_into(
                    out,
                    &format!("{} {level}: {text}", t(Msg::Level)),
                    "      ",
                    "        ",
                );
            }
        }
    }

    let reqs: Vec<_> = p.requirements.fields().collect();
    if !reqs.is_empty() {
        let _ = writeln!(out, "\n  {}", t(Msg::Requirements));
        for (field, text) in reqs {
            let label = t(Msg::requirement(field));
            if text.contains('\n') {
                let _ = writeln!(out, "    - {label}:");
                for line in text.lines() {
                    wrap_into(out, &format!("· {line}"), "      ", "        ");
                }
            } else {
                wrap_into(out, &format!("- {label}: {text}"), "    ", "      ");
            }
        }
    }
    if args.tasks && !p.tasks.is_empty() {
        let _ = writeln!(out, "\n  {}", t(Msg::Tasks));
        for (i, task) in p.tasks.iter().enumerate() {
            wrap_into(
                out,
                &format!("{}. {}", i + 1, task.task.replace('\n', " ")),
                "    ",
                "       ",
            );
            if let Some(c) = &task.criteria {
                wrap_into(
                    out,
                    &format!("{}: {}", t(Msg::Criteria), c.replace('\n', " ")),
                    "       ",
                    "         ",
                );
            }
        }
    }
}

/// Appends `text` wrapped to [`WIDTH`] columns (by display width), the first
/// line indented by `first`, the others by `rest`.
fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str) {
    let opts = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest);
    for line in textwrap::wrap(text, opts) {
        out.push_str(&line);
        out.push('\n');
    }
}
