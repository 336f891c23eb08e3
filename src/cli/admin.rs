//! `init`, `demo`, `round`, `grant`, `audit verify`, `backup`.

use super::common::{Ctx, Refusal, ensure_parent, fit, parse_quarter};
use super::status::reasons_line;
use danhgia::config;
use danhgia::domain::rules::Outcome;
use danhgia::i18n::Msg;
use danhgia::privilege;
use danhgia::service::{AuditReport, Service, os_login};
use danhgia::store::audit::BrokenLink;
use danhgia::store::seal::{Change, Tampered};
use std::path::{Path, PathBuf};

/// `init [--admin LOGIN]`. The office's database (named by
/// /etc/danhgia/config.toml and prepared by the install) is filled only by
/// root or a member of the config's `admin_group`; a database of the user's
/// own is created with their own rights.
pub fn init(
    ctx: &Ctx,
    admin: Option<&str>,
    demo: bool,
    demo_size: Option<u32>,
) -> anyhow::Result<()> {
    let t = |m: Msg| m.text(ctx.lang);
    let me = os_login();
    let path = ctx.db_path()?;
    let svc = if let Some(office) = &ctx.office {
        if !privilege::is_root_or_member(office.admin_group.as_deref()) {
            return Err(Refusal(format!("{}: {}", path.display(), t(Msg::ErrInitOffice))).into());
        }
        let admin = first_admin(ctx, admin, &me, true)?;
        if let Some(r) = ctx.office_error() {
            return Err(r.into());
        }
        Service::init_from_pool(&office.pool, &admin, &me).map_err(|e| ctx.refusal(&e))?
    } else {
        let admin = first_admin(ctx, admin, &me, false)?;
        ensure_parent(&path)?;
        Service::init_by(&path, &admin, &me).map_err(|e| ctx.refusal(&e))?
    };
    if demo {
        super::demo::fill(ctx, &svc, demo_size)?;
    }
    println!(
        "{} {} ({}: {})",
        t(Msg::InitDone),
        path.display(),
        t(Msg::InitAdmin),
        svc.actor().login
    );
    Ok(())
}

/// The first admin: `--admin`, else the caller — but on the office's
/// database never root, whose account is nobody's on the staff list.
fn first_admin(ctx: &Ctx, admin: Option<&str>, me: &str, office: bool) -> anyhow::Result<String> {
    match admin.map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => Ok(a.to_owned()),
        None if office && nix::unistd::Uid::current().is_root() => {
            Err(Refusal(Msg::ErrInitNeedsAdmin.text(ctx.lang).to_owned()).into())
        }
        None => Ok(me.to_owned()),
    }
}

/// `round open|close Q [--force]`. Closing with anyone still pending
/// lists them with what each is missing and needs `--force`: 003 knows two
/// levels only, so a closed round holds them as failed ("chưa đủ điều kiện
/// khi khóa kỳ"). The list and the close are two reads of the database: a
/// person who becomes pending in between is closed as failed like the
/// others, which `--force` would have done anyway.
pub fn round(ctx: &Ctx, close: bool, quarter: &str, force: bool) -> anyhow::Result<()> {
    let q = parse_quarter(quarter)?;
    let svc = ctx.open()?;
    let t = |m: Msg| m.text(ctx.lang);
    if !svc.actor().roles.admin {
        // Refused by the service, before anything about the round is said.
        svc.set_round_closed(q, close)
            .map_err(|e| ctx.refusal(&e))?;
    }
    let closed = svc.round_closed(q).map_err(|e| ctx.refusal(&e))?;
    if closed == close && (close || svc.round_recorded(q).map_err(|e| ctx.refusal(&e))?) {
        let m = if close {
            Msg::RoundAlreadyClosed
        } else {
            Msg::RoundAlreadyOpen
        };
        println!("{} {q}", t(m));
        return Ok(());
    }
    if close {
        let rows = svc.status(q, None).map_err(|e| ctx.refusal(&e))?;
        let pending: Vec<_> = rows
            .iter()
            .filter(|r| r.result.outcome == Outcome::Pending)
            .collect();
        if !pending.is_empty() {
            let mut text = format!("{} {q}: {}", t(Msg::RoundPendingCount), pending.len());
            for r in &pending {
                text.push_str(&format!(
                    "\n  {} {}: {}",
                    r.staff.staff.code,
                    danhgia::text::printable(&r.staff.staff.full_name),
                    danhgia::text::printable(&reasons_line(r, ctx.lang))
                ));
            }
            if !force {
                text.push_str(&format!("\n{}", t(Msg::RoundCloseNeedsForce)));
                return Err(Refusal(text).into());
            }
            eprintln!("{text}");
        }
    }
    svc.set_round_closed(q, close)
        .map_err(|e| ctx.refusal(&e))?;
    let m = if close {
        Msg::RoundClosedNow
    } else if closed {
        Msg::RoundOpenedNow
    } else {
        Msg::RoundOpenedFirst
    };
    println!("{} {q}", m.text(ctx.lang));
    Ok(())
}

/// `round list`: each quarter with a round or a checklist, its state and
/// its counts.
pub fn round_list(ctx: &Ctx) -> anyhow::Result<()> {
    let svc = ctx.open()?;
    let t = |m: Msg| m.text(ctx.lang);
    let rounds = svc.round_overview().map_err(|e| ctx.refusal(&e))?;
    if rounds.is_empty() {
        println!("{}", t(Msg::RoundNone));
        return Ok(());
    }
    println!(
        "{} {} {} {} {} {} {}",
        fit(t(Msg::RoundColQuarter), 8),
        fit(t(Msg::RoundColState), 10),
        fit(t(Msg::ResultPass), 8),
        fit(t(Msg::ResultFail), 9),
        fit(t(Msg::ResultPending), 6),
        fit(t(Msg::ResultNotAssessed), 15),
        t(Msg::RoundColTotal)
    );
    for (quarter, closed) in rounds {
        let q = parse_quarter(&quarter)?;
        let rows = svc.status(q, None).map_err(|e| ctx.refusal(&e))?;
        let count = |o: Outcome| rows.iter().filter(|r| r.result.outcome == o).count();
        let state = if closed {
            t(Msg::RoundStateClosed)
        } else {
            t(Msg::RoundStateOpen)
        };
        println!(
            "{} {} {} {} {} {} {}",
            fit(&quarter, 8),
            fit(state, 10),
            fit(&count(Outcome::Pass).to_string(), 8),
            fit(&count(Outcome::Fail).to_string(), 9),
            fit(&count(Outcome::Pending).to_string(), 6),
            fit(&count(Outcome::NotAssessed).to_string(), 15),
            rows.len()
        );
    }
    Ok(())
}

pub fn grant(ctx: &Ctx, role: &str, login: &str) -> anyhow::Result<()> {
    let svc = ctx.open()?;
    let added = svc.grant(role, login).map_err(|e| ctx.refusal(&e))?;
    let t = |m: Msg| m.text(ctx.lang);
    if added {
        println!("{} {role}: {login}", t(Msg::Granted));
    } else {
        println!("{login} {} ({role})", t(Msg::AlreadyGranted));
    }
    Ok(())
}

/// `audit verify [--journal [FILE]]`: exit 0 when intact (with the
/// journal, the periods the system log does not cover are printed, for
/// information), 1 naming the first problem.
pub fn audit_verify(ctx: &Ctx, journal: Option<&Option<PathBuf>>) -> anyhow::Result<()> {
    let svc = ctx.open()?;
    let t = |m: Msg| m.text(ctx.lang);
    let (report, check) = match journal {
        None => (svc.audit_verify().map_err(|e| ctx.refusal(&e))?, None),
        Some(file) => {
            let unreadable = |e: &dyn std::fmt::Display| {
                Refusal(format!("{}: {e}", t(Msg::AuditJournalUnreadable)))
            };
            match file {
                Some(path) => {
                    let f = std::fs::File::open(path)
                        .map_err(|e| unreadable(&format!("{}: {e}", path.display())))?;
                    svc.audit_verify_journal(std::io::BufReader::new(f))
                        .map_err(|e| ctx.refusal(&e))?
                }
                None => {
                    let mut child = std::process::Command::new("journalctl")
                        .args(["-t", "danhgia", "-o", "cat", "--no-pager"])
                        .stdout(std::process::Stdio::piped())
                        .stderr(std::process::Stdio::null())
                        .spawn()
                        .map_err(|e| unreadable(&format!("journalctl: {e}")))?;
                    let out = child
                        .stdout
                        .take()
                        .ok_or_else(|| unreadable(&"journalctl"))?;
                    let r = svc.audit_verify_journal(std::io::BufReader::new(out));
                    let _ = child.wait();
                    r.map_err(|e| ctx.refusal(&e))?
                }
            }
        }
    };
    match report {
        AuditReport::Intact { entries } => {
            println!(
                "{}: {entries} {}",
                t(Msg::AuditIntact),
                t(Msg::AuditEntries)
            );
            if let Some(check) = check {
                let (failure, info) = danhgia::i18n::journal_lines(&check, ctx.lang);
                for line in info {
                    println!("{line}");
                }
                if let Some(f) = failure {
                    return Err(Refusal(f).into());
                }
            }
            Ok(())
        }
        AuditReport::Broken { seq, problem } => {
            let why = match problem {
                BrokenLink::Edited => t(Msg::AuditEdited).to_owned(),
                BrokenLink::Unlinked => t(Msg::AuditUnlinked).to_owned(),
                BrokenLink::Gap { expected } => format!("{} {expected}", t(Msg::AuditGap)),
                BrokenLink::Truncated { head_seq } => {
                    format!("{} {head_seq})", t(Msg::AuditTruncated))
                }
            };
            Err(Refusal(format!("{} {seq}: {why}", t(Msg::AuditBroken))).into())
        }
        AuditReport::Tampered(tampered) => Err(Refusal(tampered_text(&tampered, ctx.lang)).into()),
        AuditReport::Missing(missing) => {
            let mut text = t(Msg::AuditMissing).to_owned();
            let lines = danhgia::i18n::missing_lines(&missing, ctx.lang);
            for line in lines.iter().take(20) {
                text.push_str("\n  ");
                text.push_str(line);
            }
            if lines.len() > 20 {
                text.push_str(&format!("\n  … ({})", lines.len()));
            }
            Err(Refusal(text).into())
        }
    }
}

/// A row changed behind danhgia's back, named as the audit log names it.
fn tampered_text(t: &Tampered, lang: danhgia::i18n::Lang) -> String {
    use danhgia::i18n::Lang;
    let how = match (&t.change, lang) {
        (Change::Edited, Lang::Vi) => "bị sửa",
        (Change::Added, Lang::Vi) => "bị thêm",
        (Change::Deleted, Lang::Vi) => "bị xóa",
        (Change::Edited, Lang::En) => "edited",
        (Change::Added, Lang::En) => "added",
        (Change::Deleted, Lang::En) => "deleted",
    };
    match lang {
        Lang::Vi => format!(
            "{}: {how} ngoài danhgia (không khớp dấu niêm phong của dữ liệu)",
            t.entity
        ),
        Lang::En => format!(
            "{}: {how} outside danhgia (does not match the seal danhgia wrote)",
            t.entity
        ),
    }
}

pub fn backup(ctx: &Ctx, file: &Path) -> anyhow::Result<()> {
    let svc = ctx.open()?;
    svc.backup(file).map_err(|e| ctx.refusal(&e))?;
    println!("{} {}", Msg::BackupDone.text(ctx.lang), file.display());
    Ok(())
}

/// The demo database's path: `--db`, else `DANHGIA_DB`, else `demo.db` in
/// the XDG data dir (never the office's own database from the config file).
pub fn demo_path(ctx: &Ctx) -> anyhow::Result<std::path::PathBuf> {
    if let Some(p) = &ctx.db {
        return Ok(p.clone());
    }
    if let Some(p) = std::env::var_os(config::ENV_DB).filter(|v| !v.is_empty()) {
        return Ok(p.into());
    }
    let base = dirs::data_dir().unwrap_or_else(|| ".".into());
    Ok(base.join("danhgia").join("demo.db"))
}
