//! `patuh report --from LAKE...`: the report of a group whose branches ran on separate
//! machines, from their lakes alone. The lakes' findings, cases and events are read into a
//! fresh store beside the output (removed afterwards), and the report is written from it as from
//! any store.

use crate::error::{Error, Result};
use crate::store::{Store, sql};
use std::path::{Path, PathBuf};

/// A lake folder: the `lake/` itself, or a run's output folder holding one.
fn lake_dir(given: &Path) -> Result<PathBuf> {
    for dir in [given.to_path_buf(), given.join("lake")] {
        if dir.join("findings").is_dir()
            && dir.join("cases").is_dir()
            && dir.join("events").is_dir()
        {
            return Ok(dir);
        }
    }
    Err(Error::input(format!(
        "{}: not a lake (expected the folders findings/, cases/ and events/ that `patuh run` writes under out/lake/)",
        given.display()
    )))
}

/// A DuckDB list of globs, quoted: `['a/findings/**/*.parquet', …]`.
fn globs(lakes: &[PathBuf], table: &str) -> String {
    let items: Vec<String> = lakes
        .iter()
        .map(|l| {
            format!(
                "'{}'",
                crate::store::sql_text(&l.join(table).join("**/*.parquet").display().to_string())
            )
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// A temporary store at `path` holding what the lakes hold; the caller removes the file.
pub fn store_from(lakes: &[PathBuf], path: &Path) -> Result<Store> {
    let lakes: Vec<PathBuf> = lakes.iter().map(|l| lake_dir(l)).collect::<Result<_>>()?;
    for stale in [path.to_path_buf(), path.with_extension("duckdb.wal")] {
        let _ = std::fs::remove_file(stale);
    }
    let mut store = Store::open(path)?;
    // A lake written by an earlier patuh lacks columns the report reads: said, not a SQL error.
    for (table, column) in [("findings", "review_decision"), ("cases", "object_id")] {
        for lake in &lakes {
            let described = format!(
                "select count(*) from (describe select * from read_parquet({}, hive_partitioning = true, union_by_name = true)) where column_name = '{column}'",
                globs(std::slice::from_ref(lake), table)
            );
            let found: i64 = store
                .conn()
                .query_row(&described, [], |r| r.get(0))
                .map_err(|e| store.error(&format!("reading {}", lake.display()), e))?;
            if found == 0 {
                return Err(Error::input(format!(
                    "{}: written by an earlier patuh ({table} have no column {column}); rewrite it with `patuh export --out …` on its store",
                    lake.display()
                )));
            }
        }
    }
    let script = sql::RP_FROM_LAKE
        .replace("{findings}", &globs(&lakes, "findings"))
        .replace("{cases}", &globs(&lakes, "cases"))
        .replace("{events}", &globs(&lakes, "events"));
    store.unit_of_work("reading the lakes", |conn| conn.execute_batch(&script))?;
    Ok(store)
}
