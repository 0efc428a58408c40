//! Rows into the store as Arrow record batches, inserted by a parallel scan.
//!
//! DuckDB's appender writes on the calling thread only; an `insert … select` over a table
//! function that hands out the batches' slices to every DuckDB thread writes (and compresses)
//! on all cores. One 171 MB chat: 1.9 s through the appender, 0.9 s this way (2 cores).
//! Rows land in no particular order (`preserve_insertion_order` is off for the insert); every
//! query that reads them orders by their columns.

use duckdb::arrow::compute::concat_batches;
use duckdb::arrow::datatypes::Schema;
use duckdb::arrow::record_batch::RecordBatch;
use duckdb::core::{DataChunkHandle, LogicalTypeHandle, LogicalTypeId};
use duckdb::vtab::{
    BindInfo, InitInfo, TableFunctionInfo, VTab, record_batch_to_duckdb_data_chunk,
    to_duckdb_logical_type_for_field,
};
use duckdb::{Connection, ToSql};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

/// The table function's name on every connection of the store.
const SCAN: &str = "patuh_batches";

/// Registers the scan on a connection (done when the store opens a connection).
pub fn register(conn: &Connection) -> duckdb::Result<()> {
    conn.register_table_function::<BatchScan>(SCAN)
}

/// Inserts `batches` (columns in the table's order and of its types or castable to them) into
/// `table`, in the caller's transaction.
pub fn insert(conn: &Connection, table: &str, batches: Vec<RecordBatch>) -> duckdb::Result<()> {
    let batches = coalesce(batches)?;
    let slices: Vec<RecordBatch> = batches
        .iter()
        .flat_map(|b| {
            (0..b.num_rows())
                .step_by(SLICE_ROWS)
                .map(move |at| b.slice(at, SLICE_ROWS.min(b.num_rows() - at)))
        })
        .collect();
    if slices.is_empty() {
        return Ok(());
    }
    // Columns go in by position: a batch whose names are not the table's, in its order, is a
    // defect that would put values in the wrong column.
    let columns: Vec<String> = columns(conn, table)?.into_iter().map(|c| c.0).collect();
    for batch in &batches {
        let names: Vec<&String> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name())
            .collect();
        if names
            .iter()
            .map(|n| n.as_str())
            .ne(columns.iter().map(String::as_str))
        {
            return Err(duckdb::Error::ToSqlConversionFailure(
                format!("rows for {table} have the columns {names:?}, the table has {columns:?}")
                    .into(),
            ));
        }
    }
    let registered = Registered::new(slices);
    conn.execute_batch("set preserve_insertion_order = false")?;
    let inserted = conn.execute(
        &format!("insert into {table} select * from {SCAN}(?)"),
        [&registered],
    );
    // A failed insert's own error is the one to report (the reset may then fail too).
    let reset = conn.execute_batch("reset preserve_insertion_order");
    inserted?;
    reset
}

/// A table's columns in order: (name, DuckDB type).
pub fn columns(conn: &Connection, table: &str) -> duckdb::Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "select column_name, data_type from information_schema.columns where table_name = ? order by ordinal_position",
    )?;
    stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// Small batches (a chat file of 25 messages is one) joined into batches of some thousand rows:
/// the scan hands out one slice per call, and a call per 25 rows would cost more than the rows.
fn coalesce(batches: Vec<RecordBatch>) -> duckdb::Result<Vec<RecordBatch>> {
    let Some(first) = batches.first() else {
        return Ok(batches);
    };
    if batches.iter().all(|b| b.num_rows() >= SLICE_ROWS / 2) {
        return Ok(batches);
    }
    // Nullability differs between batches (a column without nulls says so); the joined one
    // allows them everywhere.
    let schema = Arc::new(Schema::new(
        first
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone().with_nullable(true))
            .collect::<Vec<_>>(),
    ));
    let join = |group: &[RecordBatch]| {
        concat_batches(&schema, group).map_err(|e| duckdb::Error::ToSqlConversionFailure(e.into()))
    };
    let (mut out, mut group, mut rows) = (Vec::new(), Vec::new(), 0);
    for batch in batches {
        if batch.num_rows() >= SLICE_ROWS {
            out.push(batch);
            continue;
        }
        rows += batch.num_rows();
        group.push(batch);
        if rows >= 8 * SLICE_ROWS {
            out.push(join(&group)?);
            (group, rows) = (Vec::new(), 0);
        }
    }
    if !group.is_empty() {
        out.push(join(&group)?);
    }
    Ok(out)
}

/// Batches for one table, inserted a few hundred thousand rows at a time: memory holds one
/// such group, not the whole table.
pub struct Inserter {
    table: &'static str,
    pending: Vec<RecordBatch>,
    rows: usize,
}

/// Rows held before an insert: enough to keep every core busy, few enough to bound memory.
const INSERT_ROWS: usize = 500_000;

impl Inserter {
    pub fn new(table: &'static str) -> Self {
        Self {
            table,
            pending: Vec::new(),
            rows: 0,
        }
    }

    pub fn push(&mut self, conn: &Connection, batch: RecordBatch) -> duckdb::Result<()> {
        self.rows += batch.num_rows();
        self.pending.push(batch);
        if self.rows >= INSERT_ROWS {
            self.flush(conn)?;
        }
        Ok(())
    }

    pub fn flush(&mut self, conn: &Connection) -> duckdb::Result<()> {
        self.rows = 0;
        insert(conn, self.table, std::mem::take(&mut self.pending))
    }
}

/// DuckDB's vector size: a scan call fills one data chunk of at most this many rows.
const SLICE_ROWS: usize = 2048;

type Slices = Arc<Vec<RecordBatch>>;

/// Batches waiting for their scan, by token (a table function's parameters are SQL values).
static WAITING: LazyLock<Mutex<HashMap<u64, Slices>>> = LazyLock::new(Default::default);
static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

/// Slices registered for one insert; dropping it forgets them.
struct Registered(u64);

impl Registered {
    fn new(slices: Vec<RecordBatch>) -> Self {
        let token = NEXT_TOKEN.fetch_add(1, Ordering::Relaxed);
        waiting().insert(token, Arc::new(slices));
        Registered(token)
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        waiting().remove(&self.0);
    }
}

impl ToSql for &Registered {
    fn to_sql(&self) -> duckdb::Result<duckdb::types::ToSqlOutput<'_>> {
        Ok(duckdb::types::ToSqlOutput::from(self.0))
    }
}

fn waiting() -> std::sync::MutexGuard<'static, HashMap<u64, Slices>> {
    WAITING.lock().unwrap_or_else(PoisonError::into_inner)
}

struct BatchScan;

struct Bound {
    slices: Slices,
}

struct Scan {
    next: AtomicUsize,
}

impl VTab for BatchScan {
    type BindData = Bound;
    type InitData = Scan;

    fn bind(bind: &BindInfo) -> Result<Bound, Box<dyn std::error::Error>> {
        let token = bind.get_parameter(0).to_uint64();
        let slices = waiting()
            .get(&token)
            .cloned()
            .ok_or_else(|| format!("no batches are registered under {token}"))?;
        for field in slices[0].schema().fields() {
            bind.add_result_column(field.name(), to_duckdb_logical_type_for_field(field)?);
        }
        Ok(Bound { slices })
    }

    fn init(init: &InitInfo) -> Result<Scan, Box<dyn std::error::Error>> {
        // DuckDB caps this at its own thread count.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        init.set_max_threads(cores as u64);
        Ok(Scan {
            next: AtomicUsize::new(0),
        })
    }

    fn func(
        func: &TableFunctionInfo<Self>,
        output: &mut DataChunkHandle,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let slices = &func.get_bind_data().slices;
        let i = func.get_init_data().next.fetch_add(1, Ordering::Relaxed);
        match slices.get(i) {
            Some(slice) => record_batch_to_duckdb_data_chunk(slice, output)?,
            None => output.set_len(0),
        }
        Ok(())
    }

    fn parameters() -> Option<Vec<LogicalTypeHandle>> {
        Some(vec![LogicalTypeHandle::from(LogicalTypeId::UBigint)])
    }
}
