//! The DuckDB store: open, lock, migrate, and run a unit of work in one transaction.
//!
//! A command does its work inside `Store::unit_of_work`: it commits at the end or not at all, so
//! a failure or a kill leaves the store as it was before (DuckDB discards an uncommitted WAL).

pub mod batches;
pub mod columns;
pub mod sql;
pub mod table_batch;

use crate::error::{Error, Result};
use duckdb::Connection;
use std::path::{Path, PathBuf};

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What every connection of the store has: the review fingerprint macro and the batch scan.
fn prepare(conn: &Connection) -> duckdb::Result<()> {
    conn.execute_batch(sql::RV_FINGERPRINT)?;
    batches::register(conn)
}

/// DuckDB's buffer pool (the whole database's, every connection's).
pub const POOL: &str = "2GB";
/// The pool while a stage holds its own rows in memory as well (the timeline every message,
/// scoring every case): at `--scale 100` the process peaked at 5.3 GB with the full pool and at
/// 4.2 GB with this; DuckDB spills their sorts to disk instead, which cost each stage up to 7 s
/// there (at 640 MB scoring lost 10 s more).
pub const POOL_BESIDE_ROWS: &str = "1GB";

fn set_pool(conn: &Connection, limit: &str) -> duckdb::Result<()> {
    conn.execute_batch(&format!("set memory_limit = '{limit}'"))
}

/// `text` as the inside of a single-quoted SQL string literal (paths and names in statements
/// that take no parameters: COPY targets, file globs, variables).
pub fn sql_text(text: &str) -> String {
    text.replace('\'', "''")
}

impl Store {
    /// Runs `work` with DuckDB's buffer pool at `limit`, then sets it back to `POOL` (also
    /// when `work` fails).
    pub fn with_pool<T>(
        &mut self,
        limit: &str,
        work: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let set = |store: &Self, limit: &str| {
            set_pool(&store.conn, limit).map_err(|e| store.error("sizing the buffer pool", e))
        };
        set(self, limit)?;
        let result = work(self);
        let restored = set(self, POOL);
        let value = result?;
        restored.map(|()| value)
    }

    /// Opens (creating when missing) and migrates the store at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_at(path, sql::latest_version())
    }

    /// Opens and migrates up to `target` (tests use this to build an older store).
    pub fn open_at(path: &Path, target: i64) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(Error::input(format!(
                "{}: the folder for the store does not exist",
                path.display()
            )));
        }
        let conn = open_connection(path)?;
        // DuckDB's default buffer pool is 80% of RAM; a batch tool sharing a 2-core office
        // machine keeps to a bounded pool and spills to disk beyond it.
        set_pool(&conn, POOL).map_err(|e| open_error(path, &e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate(target)?;
        prepare(&store.conn).map_err(|e| open_error(path, &e))?;
        Ok(store)
    }

    /// A second connection to the same store, for work on another thread (its temporary views
    /// and macros are its own).
    pub fn try_clone(&self) -> Result<Self> {
        let conn = self
            .conn
            .try_clone()
            .map_err(|e| self.error("opening a second connection", e))?;
        prepare(&conn).map_err(|e| self.error("opening a second connection", e))?;
        Ok(Store {
            conn,
            path: self.path.clone(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The schema version recorded in the store (0 for a new, empty store).
    pub fn schema_version(&self) -> Result<i64> {
        let exists: i64 = self
            .conn
            .query_row(
                "select count(*) from information_schema.tables where table_name = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.error("reading the schema version", e))?;
        if exists == 0 {
            return Ok(0);
        }
        self.conn
            .query_row(
                "select coalesce(max(version), 0) from schema_version",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.error("reading the schema version", e))
    }

    fn migrate(&mut self, target: i64) -> Result<()> {
        let found = self.schema_version()?;
        let known = sql::latest_version();
        if found > known {
            return Err(Error::StoreTooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        for &(version, name, script) in sql::MIGRATIONS {
            if version <= found || version > target {
                continue;
            }
            let doing = format!("migrating the schema to version {version} ({name})");
            self.unit_of_work(&doing, |conn| {
                conn.execute_batch(
                    "create table if not exists schema_version (version integer not null, name varchar not null, applied_at timestamp not null default current_timestamp)",
                )?;
                conn.execute_batch(script)?;
                conn.execute(
                    "insert into schema_version (version, name) values (?, ?)",
                    duckdb::params![version, name],
                )?;
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Runs `work` in one transaction: committed when it returns Ok, rolled back otherwise.
    pub fn unit_of_work<T>(
        &mut self,
        doing: &str,
        work: impl FnOnce(&Connection) -> std::result::Result<T, duckdb::Error>,
    ) -> Result<T> {
        let path = self.path.clone();
        let err = |e: duckdb::Error| Error::Store {
            path: path.clone(),
            doing: doing.to_string(),
            message: e.to_string(),
        };
        let tx = self.conn.transaction().map_err(err)?;
        let out = work(&tx).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(out)
    }

    pub fn error(&self, doing: &str, e: duckdb::Error) -> Error {
        Error::Store {
            path: self.path.clone(),
            doing: doing.to_string(),
            message: e.to_string(),
        }
    }
}

/// Every row of a query, each mapped by `row`: the one way patuh reads result sets.
pub fn rows<T, P: duckdb::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    row: impl FnMut(&duckdb::Row) -> duckdb::Result<T>,
) -> duckdb::Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map(params, row)?.collect()
}

/// Every row of a query, each mapped by `row` reading its columns by name. DuckDB's lookup by
/// name lower-cases and hashes the name on every call; here each name's position is found once
/// per query (40 columns a row over 85 k rows: 0.7 -> 0.5 s). Large reads go in Arrow batches
/// instead (`columns`: scoring's cases, the timeline's messages).
pub fn rows_named<T, P: duckdb::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    mut row: impl FnMut(&Named) -> duckdb::Result<T>,
) -> duckdb::Result<Vec<T>> {
    let positions = Positions::default();
    rows(conn, sql, params, |r| {
        row(&Named {
            row: r,
            positions: &positions,
        })
    })
}

/// A row whose columns are read by name (`rows_named`).
pub struct Named<'r, 's> {
    row: &'r duckdb::Row<'s>,
    positions: &'r Positions,
}

impl Named<'_, '_> {
    pub fn get<T: duckdb::types::FromSql>(&self, name: &'static str) -> duckdb::Result<T> {
        self.row.get(self.positions.of(self.row, name)?)
    }
}

/// Column positions by name as a query's rows ask for them: every row asks in the same order,
/// so the next name is tried first.
#[derive(Default)]
struct Positions {
    known: std::cell::RefCell<Vec<(&'static str, usize)>>,
    next: std::cell::Cell<usize>,
}

impl Positions {
    fn of(&self, row: &duckdb::Row, name: &'static str) -> duckdb::Result<usize> {
        let known = self.known.borrow();
        let next = self.next.get();
        let at = match known.get(next) {
            Some(k) if std::ptr::eq(k.0, name) => Some(next),
            _ => known.iter().position(|k| k.0 == name),
        };
        if let Some(at) = at {
            self.next.set(at + 1);
            return Ok(known[at].1);
        }
        drop(known);
        let position = row.as_ref().column_index(name)?;
        let mut known = self.known.borrow_mut();
        known.push((name, position));
        self.next.set(known.len());
        Ok(position)
    }
}

/// Opens the DuckDB file. A store that another patuh is creating at this very instant can look
/// like a file that is not DuckDB's (its header not written yet): such a young file is tried
/// again for a moment, so the second run hears "in use", not "not a patuh store".
fn open_connection(path: &Path) -> Result<Connection> {
    let young = || {
        std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age < std::time::Duration::from_secs(10))
    };
    let mut attempts = 0;
    loop {
        match Connection::open(path) {
            Ok(conn) => return Ok(conn),
            Err(e) => {
                let error = open_error(path, &e);
                if matches!(error, Error::Input(_)) && attempts < 30 && young() {
                    attempts += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    continue;
                }
                return Err(error);
            }
        }
    }
}

/// DuckDB refuses a second writer with an IO error about a conflicting lock: say it plainly.
fn open_error(path: &Path, e: &duckdb::Error) -> Error {
    let message = e.to_string();
    if message.contains("Conflicting lock") || message.contains("Could not set lock") {
        return Error::StoreLocked {
            path: path.to_path_buf(),
        };
    }
    if message.contains("not a valid DuckDB database") || message.contains("Magic") {
        return Error::input(format!(
            "{}: this file is not a patuh store (not a DuckDB database)",
            path.display()
        ));
    }
    Error::Store {
        path: path.to_path_buf(),
        doing: "opening the store".into(),
        message,
    }
}

/// An invariant of the store (`sql::INVARIANTS`) and the rows breaking it: how many, and the
/// first few as text.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Invariant {
    pub name: &'static str,
    pub violations: usize,
    pub examples: Vec<String>,
}

/// Runs every invariant of `sql::INVARIANTS` on the store.
pub fn invariants(conn: &Connection) -> duckdb::Result<Vec<Invariant>> {
    sql::INVARIANTS
        .iter()
        .map(|(name, query)| {
            let query = query.trim().trim_end_matches(';');
            let violations: i64 =
                conn.query_row(&format!("select count(*) from ({query})"), [], |r| r.get(0))?;
            let mut stmt = conn.prepare(&format!("select * from ({query}) limit 5"))?;
            let mut rows = stmt.query([])?;
            let mut examples = Vec::new();
            while let Some(r) = rows.next()? {
                let n = r.as_ref().column_count();
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get::<_, duckdb::types::Value>(i) {
                        Ok(duckdb::types::Value::Text(s)) => s,
                        Ok(duckdb::types::Value::Null) => String::new(),
                        Ok(v) => format!("{v:?}"),
                        Err(e) => format!("<{e}>"),
                    })
                    .collect();
                examples.push(cells.join(" | "));
            }
            Ok(Invariant {
                name,
                violations: violations as usize,
                examples,
            })
        })
        .collect()
}
