//! The command line (SPEC section 6): a stable contract that tests and scripts
//! rely on. Exit codes: 0 ok, 1 refused or invalid input, 2 usage.

mod admin;
mod common;
mod demo;
mod import;
mod kpi;
mod lookup;
mod report;
mod settings;
mod status;
mod tui;

use clap::{Parser, Subcommand, ValueEnum};
use danhgia::i18n::Lang;
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
    List,
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
        /// The first admin's login (else the caller; required when run as root)
        #[arg(long, value_name = "LOGIN")]
        admin: Option<String>,
        /// Fill it with a demo district
        #[arg(long)]
        demo: bool,
        /// Number of people in the demo
        #[arg(long, value_name = "N", requires = "demo")]
        demo_size: Option<u32>,
        /// The office heading the forms (ĐƠN VỊ), e.g. "Ủy ban nhân dân quận Long Biên"
        #[arg(long, value_name = "NAME")]
        unit_name: Option<String>,
        /// Its governing body (TÊN ĐƠN VỊ CHỦ QUẢN), e.g. "UBND thành phố Hà Nội"
        #[arg(long, value_name = "NAME")]
        governing_body: Option<String>,
        /// The place in the forms' date line, e.g. "Long Biên"
        #[arg(long, value_name = "PLACE")]
        place: Option<String>,
    },
    /// Import a .csv or .xlsx file (all-or-nothing)
    Import {
        #[arg(value_enum)]
        kind: ImportKind,
        file: PathBuf,
        /// Staff: the date a change of manager, unit, kind or title takes
        /// effect (dd/mm/yyyy), where the file has no effective column or
        /// its cell is empty; default: today
        #[arg(long, value_name = "DATE")]
        effective: Option<String>,
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
        /// The file to write (.xlsx, .csv or .md); its folder must exist
        #[arg(long)]
        out: PathBuf,
        /// Replace the file if it exists (never a symbolic link)
        #[arg(long)]
        force: bool,
    },
    /// Open or close (lock) a quarter's round (admins only)
    Round {
        /// open, close, or list
        #[arg(value_enum)]
        action: RoundAction,
        /// The quarter, e.g. 2026-Q3 (for open and close)
        #[arg(required_if_eq_any = [("action", "open"), ("action", "close")])]
        quarter: Option<String>,
        /// Close even though some people are still pending: they fail
        #[arg(long)]
        force: bool,
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
    /// Show the settings in force (forms' header, KPI numbers); change those given (admins only)
    Settings(settings::SettingsArgs),
}

#[derive(Debug, Subcommand)]
enum AuditAction {
    /// Check the hash chain, every sealed row and the seals against the
    /// log; report the first problem
    Verify {
        /// Also compare the chain with the heads the system log recorded:
        /// from `journalctl -t danhgia`, or from FILE (e.g. /var/log/syslog)
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        journal: Option<Option<PathBuf>>,
    },
}

/// What a subcommand run ended in, mapped to the exit codes of SPEC section 6.
pub enum Outcome {
    Ok,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang: Lang = cli.lang.into();
    let office = match common::startup(cli.db.as_deref(), connections(&cli.command)) {
        Ok(office) => office,
        Err(r) => {
            eprintln!("danhgia: {r}");
            return ExitCode::from(1);
        }
    };
    let ctx = common::Ctx {
        db: cli.db.clone(),
        lang,
        as_login: cli.as_login.clone(),
        office,
    };
    let result = run(&cli, &ctx);
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Err(e) => {
            // A refusal may quote a cell, a name or a path: never raw.
            let text = match e.downcast_ref::<common::Refusal>() {
                Some(r) => r.to_string(),
                None => format!("{e:#}"),
            };
            eprintln!("danhgia: {}", danhgia::text::printable_lines(&text));
            ExitCode::from(1)
        }
    }
}

/// How many connections to the office's database a command needs, opened
/// before the group is given up (`common::startup`): none for the lookup,
/// which reads only the embedded data, or for the demo, which never uses the
/// office's database.
fn connections(command: &Option<Command>) -> usize {
    match command {
        Some(Command::Lookup(_) | Command::Demo) => 0,
        None => common::connections_for_tui(),
        Some(_) => 1,
    }
}

fn run(cli: &Cli, ctx: &common::Ctx) -> anyhow::Result<Outcome> {
    let lang = ctx.lang;
    let ok = |r: anyhow::Result<()>| r.map(|()| Outcome::Ok);
    match &cli.command {
        Some(Command::Lookup(args)) => lookup::run(args, lang),
        Some(Command::Init {
            admin,
            demo,
            demo_size,
            unit_name,
            governing_body,
            place,
        }) => ok(
            admin::init(ctx, admin.as_deref(), *demo, *demo_size).and_then(|()| {
                settings::store_header(
                    ctx,
                    unit_name.as_deref(),
                    governing_body.as_deref(),
                    place.as_deref(),
                )
            }),
        ),
        Some(Command::Demo) => ok(demo::run(ctx)),
        Some(Command::Import {
            kind,
            file,
            effective,
        }) => ok(import::run(ctx, *kind, file, effective.as_deref())),
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
        Some(Command::Round {
            action,
            quarter,
            force,
        }) => match (action, quarter) {
            (RoundAction::List, _) => ok(admin::round_list(ctx)),
            (action, Some(q)) => ok(admin::round(
                ctx,
                matches!(action, RoundAction::Close),
                q,
                *force,
            )),
            (_, None) => ok(admin::round_list(ctx)),
        },
        Some(Command::Grant { role, login }) => {
            let role = match role {
                Role::Admin => "admin",
                Role::Reviewer => "reviewer",
            };
            ok(admin::grant(ctx, role, login))
        }
        Some(Command::Kpi {
            quarter,
            unit,
            format,
        }) => ok(kpi::run(ctx, quarter, unit.as_deref(), *format)),
        Some(Command::Audit {
            action: AuditAction::Verify { journal },
        }) => ok(admin::audit_verify(ctx, journal.as_ref())),
        Some(Command::Backup { file }) => ok(admin::backup(ctx, file)),
        Some(Command::Settings(args)) => ok(settings::run(ctx, args)),
        Some(Command::Report {
            form,
            quarter,
            year,
            unit,
            out,
            force,
        }) => ok(report::run(
            ctx,
            *form,
            report::Period {
                quarter: quarter.as_deref(),
                year: *year,
            },
            unit.as_deref(),
            out,
            *force,
        )),
        None => ok(tui::run(ctx)),
    }
}
