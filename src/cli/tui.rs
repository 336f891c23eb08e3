//! `danhgia` with no subcommand: the TUI on the database.

use super::common::Ctx;
use danhgia::domain::Quarter;
use danhgia::service::Service;
use std::io::IsTerminal;

/// A terminal on both ends: otherwise (a pipe, CI) the TUI does not start.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    if !interactive() {
        anyhow::bail!(super::common::Refusal(
            "danhgia: the TUI needs a terminal; see `danhgia --help` for the commands".into()
        ));
    }
    let svc = ctx.open()?;
    open(ctx, svc)
}

pub fn open(ctx: &Ctx, svc: Service) -> anyhow::Result<()> {
    let q = Quarter::containing(chrono::Local::now().date_naive());
    // Before the alternate screen, so that it stays readable after quitting.
    super::kpi::warn_of_old_kpi_tables(ctx.lang);
    danhgia::tui::run(svc, ctx.lang, q).map_err(|e| match e {
        danhgia::tui::TuiError::Service(s) => ctx.refusal(&s).into(),
        other => anyhow::Error::new(other),
    })
}
