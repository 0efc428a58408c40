//! One file per subcommand; `run` resolves the settings they share and dispatches.

mod advisor;
mod case;
mod import;
mod init;
mod lexicon;
mod review;
mod rules;
mod sample;
mod stages;

use crate::cli::{Cli, Command};
use crate::config::{Config, ConfigSource};
use crate::error::{Error, Result};
use crate::lang::Lang;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Settings resolved from the command line and the configuration.
pub struct Context {
    pub db: PathBuf,
    pub config: Config,
    pub config_source: ConfigSource,
    pub lang: Lang,
    pub quiet: bool,
    pub json: bool,
}

impl Context {
    fn resolve(cli: &Cli, input_dir: Option<&Path>) -> Result<Self> {
        let (config, config_source) = Config::load(cli.config.as_deref(), input_dir)?;
        let lang = cli.lang.unwrap_or(config.report.language);
        Ok(Self {
            db: cli.db.clone(),
            config,
            config_source,
            lang,
            quiet: cli.quiet,
            json: cli.json,
        })
    }

    /// The store, which must exist already (every command after an import).
    pub fn open_store(&self) -> Result<crate::store::Store> {
        if !self.db.exists() {
            return Err(Error::input(format!(
                "{}: no store here yet; run `patuh import <folder>` first",
                self.db.display()
            )));
        }
        crate::store::Store::open(&self.db)
    }

    /// A progress or status line on stderr, unless --quiet.
    pub fn say(&self, line: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", line.as_ref());
        }
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let input_dir = match &cli.command {
        Command::Run { inputs, .. } => inputs.first().filter(|p| p.is_dir()).cloned(),
        Command::Import { paths, .. } => paths.first().filter(|p| p.is_dir()).cloned(),
        _ => None,
    };
    let result = match &cli.command {
        Command::Init { path, force } => init::run(path, *force, cli.quiet),
        Command::Sample {
            out,
            seed,
            scale,
            from,
            to,
            style,
        } => sample::run(out, *seed, *scale, *from, *to, *style, cli.quiet),
        Command::Lexicon { action } => lexicon::run(action, cli.quiet),
        command => {
            let ctx = Context::resolve(&cli, input_dir.as_deref())?;
            match command {
                Command::Rules { id, format } => rules::run(&ctx, id.as_deref(), *format),
                Command::Case { key } => case::run(&ctx, key),
                Command::Advisor { name, semester } => {
                    advisor::run(&ctx, name, semester.as_deref())
                }
                Command::Review { action } => review::run(&ctx, action),
                Command::Init { .. } | Command::Sample { .. } | Command::Lexicon { .. } => {
                    unreachable!("handled above")
                }
                other => stages::run(&ctx, other),
            }
        }
    };
    // A closed pipe (`patuh rules | head`) is success, as in ripgrep.
    match result {
        Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Standard output, with write errors turned into patuh errors.
pub(crate) fn stdout_result(r: io::Result<()>) -> Result<()> {
    r.map_err(|e| Error::io(Path::new("<stdout>"), e))?;
    io::stdout()
        .flush()
        .map_err(|e| Error::io(Path::new("<stdout>"), e))
}
