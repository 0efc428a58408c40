//! The `patuh` binary: parse, run, print the error as one sentence, exit 0/1/2.

use clap::Parser;
use std::io::Write;

// mimalloc for every allocation of the process: Rust's, and DuckDB's C++ through malloc (the
// crate's `override` feature). With glibc's malloc a quarter of the import's samples were in
// malloc, free and their arena consolidation. Same hour, same inputs: `--scale 10` run 27.7-30.2 s
// -> 24.3-24.5 s (import CPU 7.7-9.0 -> 6.8-8.2 core-s); `--scale 100` 328 s -> 274 s, peak
// 3.99 -> 4.08 GB. jemalloc (tried by LD_PRELOAD) gained about as much with 25 % more memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = match patuh::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = e.print();
            std::process::exit(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let code = match patuh::cmd::run(cli) {
        Ok(()) => 0,
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "patuh: {e}");
            e.exit_code()
        }
    };
    let _ = std::io::stdout().flush();
    std::process::exit(code);
}
