//! The errors a user can see, each one sentence naming where and what, and its exit code.

use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input or usage: exit code 2.
    #[error("{0}")]
    Input(String),

    #[error("{}: {}{}", path.display(), if location.is_empty() { String::new() } else { format!("{location}: ") }, message)]
    Config {
        path: PathBuf,
        location: String,
        message: String,
    },

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("the store {} is in use by another patuh run; wait for it to finish or use --db to choose another store", path.display())]
    StoreLocked { path: PathBuf },

    #[error("the store {} was written by a newer patuh (schema version {found}, this patuh knows up to {known}); use that version or a new store", path.display())]
    StoreTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    /// A database failure, with what patuh was doing when it happened.
    #[error("store {}: {doing}: {message}", path.display())]
    Store {
        path: PathBuf,
        doing: String,
        message: String,
    },

    /// A stage that is not built yet: said plainly, never pretended.
    #[error("the {stage} stage is not built yet ({issue})")]
    NotBuilt {
        stage: &'static str,
        issue: &'static str,
    },

    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn input(message: impl Into<String>) -> Self {
        Error::Input(message.into())
    }

    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Exit code: 2 for bad usage or bad input, 1 for any other failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Config { .. } | Error::StoreTooNew { .. } => 2,
            _ => 1,
        }
    }
}
