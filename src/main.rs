//! The `danhgia` binary: parses the command line and dispatches. No logic
//! lives here; see `cli/` for the subcommands.

mod cli;

use std::process::ExitCode;

/// mimalloc instead of the system allocator. A 100,000-row import frees
/// millions of small strings (cells, records) while SQLite allocates its
/// page cache from the same heap; glibc's allocator then spends a tenth of
/// the import consolidating its free lists (measured with `perf`, see
/// BENCHMARKS.md). mimalloc keeps small and large blocks apart.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
