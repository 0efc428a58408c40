//! The `patuh` binary: parse, run, print the error as one sentence, exit 0/1/2.

use clap::Parser;
use std::io::Write;

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
