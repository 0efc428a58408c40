//! `patuh init`: write the commented default configuration.

use crate::config::DEFAULT_TOML;
use crate::error::{Error, Result};
use std::path::Path;

pub fn run(path: &Path, force: bool, quiet: bool) -> Result<()> {
    if path.exists() && !force {
        return Err(Error::input(format!(
            "{}: already exists; use --force to overwrite it",
            path.display()
        )));
    }
    std::fs::write(path, DEFAULT_TOML).map_err(|e| Error::io(path, e))?;
    if !quiet {
        eprintln!(
            "wrote {} with every default; edit what differs for your branches, then `patuh rules` shows the catalog",
            path.display()
        );
    }
    Ok(())
}
