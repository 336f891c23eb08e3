//! The command line (SPEC section 6): a stable contract that tests and scripts
//! rely on. Exit codes: 0 ok, 1 refused or invalid input, 2 usage.

mod admin;
mod common;
mod demo;
mod import;
mod lookup;
mod status;
mod tui;

use clap::{Parser, Subcommand, ValueEnum};
use danhgia::i18n::{Lang, Msg};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "danhgia",
    version,
    about = "Đánh giá sự chuyên nghiệp, nhật ký KPI và tra cứu khung năng lực vị trí việc làm",
    long_about = None
)]
pub struct Cli {
    /// Database file (else $DANHGIA_DB, else the config file, else the XDG data dir)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Interface language
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Vi)]
    lang: LangArg,
    /// Act as another login (admins only)
    #[arg(long = "as", global = true, value_name = "LOGIN")]
    as_login: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LookupFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ImportKind {
    Staff,
    Ratings,
    Marks,
    Catalog,
    Tasks,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoundAction {
    Open,
    Close,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Role {
    Admin,
    Reviewer,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormId {
    #[value(name = "01")]
    F01,
    #[value(name = "02")]
    F02,
    #[value(name = "03")]
    F03,
    #[value(name = "04")]
    F04,
    #[value(name = "05A", alias = "05a")]
    F05A,
    #[value(name = "05B", alias = "05b")]
    F05B,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create (or reuse) a demo database and open the app on it
    Demo,
    /// Create a database; the caller becomes its first admin
    Init {
        /// Fill it with a demo district
        #[arg(long)]
        demo: bool,
        /// Number of people in the demo
        #[arg(long, value_name = "N", requires = "demo")]
        demo_size: Option<u32>,
    },
    /// Import a .csv or .xlsx file (all-or-nothing)
    Import {
        #[arg(value_enum)]
        kind: ImportKind,
        file: PathBuf,
    },
    /// Pass / fail / pending of each person for a quarter, with the reasons
    Status {
        /// Quarter, e.g. 2026-Q3
        #[arg(long)]
        quarter: String,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Who is eligible for commendation in a quarter or a year
    Commend {
        #[arg(long, conflicts_with = "year", required_unless_present = "year")]
        quarter: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Find positions by name or code and show their required competency levels
    Lookup(lookup::LookupArgs),
    /// Produce an official form (01, 02, 03, 04, 05A, 05B) as .xlsx, .csv or .md
    Report {
        #[arg(value_enum)]
        form: FormId,
        #[arg(long, conflicts_with = "year", required_unless_present = "year")]
        quarter: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Open or close (lock) a quarter's round (admins only)
    Round {
        #[arg(value_enum)]
        action: RoundAction,
        quarter: String,
    },
    /// Grant a role to a login (admins only)
    Grant {
        #[arg(value_enum)]
        role: Role,
        login: String,
    },
    /// KPI summary per person for a quarter
    Kpi {
        #[arg(long)]
        quarter: String,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Audit log operations
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Copy the database consistently while others write (admins only)
    Backup { file: PathBuf },
}

#[derive(Debug, Subcommand)]
enum AuditAction {
    /// Check the hash chain; report the first broken link
    Verify,
}

/// What a subcommand run ended in, mapped to the exit codes of SPEC section 6.
pub enum Outcome {
    Ok,
    /// Usage error (exit 2); the message is already printed.
    Usage,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang: Lang = cli.lang.into();
    let ctx = common::Ctx {
        db: cli.db.clone(),
        lang,
        as_login: cli.as_login.clone(),
    };
    let result = run(&cli, &ctx);
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Usage) => ExitCode::from(2),
        Err(e) => {
            match e.downcast_ref::<common::Refusal>() {
                Some(r) => eprintln!("danhgia: {r}"),
                None => eprintln!("danhgia: {e:#}"),
            }
            ExitCode::from(1)
        }
    }
}

fn run(cli: &Cli, ctx: &common::Ctx) -> anyhow::Result<Outcome> {
    let lang = ctx.lang;
    let ok = |r: anyhow::Result<()>| r.map(|()| Outcome::Ok);
    match &cli.command {
        Some(Command::Lookup(args)) => lookup::run(args, lang),
        Some(Command::Init { demo, demo_size }) => ok(admin::init(ctx, *demo, *demo_size)),
        Some(Command::Demo) => ok(demo::run(ctx)),
        Some(Command::Import { kind, file }) => match import::run(ctx, *kind, file)? {
            true => Ok(Outcome::Ok),
            false => Ok(not_available("import catalog|tasks", lang)),
        },
        Some(Command::Status {
            quarter,
            unit,
            format,
        }) => ok(status::status(ctx, quarter, unit.as_deref(), *format)),
        Some(Command::Commend {
            quarter,
            year,
            format,
        }) => ok(status::commend(ctx, quarter.as_deref(), *year, *format)),
        Some(Command::Round { action, quarter }) => ok(admin::round(
            ctx,
            matches!(action, RoundAction::Close),
            quarter,
        )),
        Some(Command::Grant { role, login }) => {
            let role = match role {
                Role::Admin => "admin",
                Role::Reviewer => "reviewer",
            };
            ok(admin::grant(ctx, role, login))
        }
        Some(Command::Audit {
            action: AuditAction::Verify,
        }) => ok(admin::audit_verify(ctx)),
        Some(Command::Backup { file }) => ok(admin::backup(ctx, file)),
        Some(other) => Ok(not_available(command_name(other), lang)),
        None => ok(tui::run(ctx)),
    }
}

fn not_available(what: &str, lang: Lang) -> Outcome {
    eprintln!("danhgia {what}: {}", Msg::NotAvailableYet.text(lang));
    Outcome::Usage
}

fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Demo => "demo",
        Command::Init { .. } => "init",
        Command::Import { .. } => "import",
        Command::Status { .. } => "status",
        Command::Commend { .. } => "commend",
        Command::Lookup(_) => "lookup",
        Command::Report { .. } => "report",
        Command::Round { .. } => "round",
        Command::Grant { .. } => "grant",
        Command::Kpi { .. } => "kpi",
        Command::Audit { .. } => "audit",
        Command::Backup { .. } => "backup",
    }
}
