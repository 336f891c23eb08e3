//! `danhgia demo` and `danhgia init --demo`: a realistic district to try
//! danhgia on.

use super::admin::demo_path;
use super::common::{Ctx, ensure_parent};
use danhgia::demo::{DemoOptions, generate};
use danhgia::domain::Quarter;
use danhgia::domain::rules::Outcome;
use danhgia::i18n::Msg;
use danhgia::service::{Service, os_login};

/// Fills a fresh database with the demo (deterministic for a given size).
pub fn fill(ctx: &Ctx, svc: &Service, size: Option<u32>) -> anyhow::Result<()> {
    let today = chrono::Local::now().date_naive();
    let mut opts = DemoOptions::new(today);
    if let Some(n) = size {
        opts.size = n as usize;
    }
    let data = generate(&opts);
    svc.load_demo(&data).map_err(|e| ctx.refusal(&e))?;
    Ok(())
}

/// Creates (or reuses) the demo database and opens the TUI on it; without a
/// terminal (scripts, CI) it prints what the demo holds instead.
pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let path = demo_path(ctx)?;
    if !path.exists() {
        ensure_parent(&path)?;
        let svc = Service::init(&path, &os_login()).map_err(|e| ctx.refusal(&e))?;
        fill(ctx, &svc, None)?;
    }
    let svc = Service::open(&path, ctx.as_login.as_deref()).map_err(|e| ctx.refusal(&e))?;
    if super::tui::interactive() {
        return super::tui::open(ctx, svc);
    }
    let t = |m: Msg| m.text(ctx.lang);
    let q = Quarter::containing(chrono::Local::now().date_naive()).previous();
    let rows = svc.status(q, None).map_err(|e| ctx.refusal(&e))?;
    let units: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.staff.staff.unit.as_str()).collect();
    let count = |o: Outcome| rows.iter().filter(|r| r.result.outcome == o).count();
    println!("{} {}", t(Msg::DemoReady), path.display());
    println!(
        "  {} {} {}, {} {} · {q}: {} {}, {} {}, {} {}",
        t(Msg::DemoHolds),
        rows.len(),
        t(Msg::DemoPeople),
        units.len(),
        t(Msg::DemoUnits),
        count(Outcome::Pass),
        t(Msg::ResultPass),
        count(Outcome::Fail),
        t(Msg::ResultFail),
        count(Outcome::Pending),
        t(Msg::ResultPending)
    );
    let db = format!("--db {}", path.display());
    println!("{}", t(Msg::DemoTry));
    println!("  danhgia {db} status --quarter {q}");
    println!("  danhgia {db} commend --quarter {q}");
    println!("  danhgia {db} commend --year {}", q.year);
    println!("  danhgia {db} --as hr");
    println!("  danhgia lookup chuyen vien chinh");
    Ok(())
}
