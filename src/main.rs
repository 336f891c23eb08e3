//! The `danhgia` binary: parses the command line and dispatches. No logic
//! lives here; see `cli/` for the subcommands.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
