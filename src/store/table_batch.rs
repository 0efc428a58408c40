//! Raw rows as Arrow record batches for DuckDB's appender: one call per column chunk instead of
//! one per value. Column types are read from the table, so a batch matches it exactly.

use chrono::{NaiveDate, NaiveDateTime};
use duckdb::Connection;
use duckdb::ToSql;
use duckdb::arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, Int64Builder,
    StringBuilder, TimestampMicrosecondBuilder,
};
use duckdb::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use duckdb::arrow::record_batch::RecordBatch;
use duckdb::types::{ToSqlOutput, ValueRef};
use std::sync::Arc;

/// A value bound for a table column (raw rows at import, events, findings).
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Text(String),
    /// Text repeated on many rows (a chat's name, the customer's phone): one allocation, shared.
    Shared(std::sync::Arc<str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Time(NaiveDateTime),
    Date(NaiveDate),
}

impl Val {
    pub fn text(s: Option<String>) -> Self {
        s.map_or(Val::Null, Val::Text)
    }

    pub fn time(t: Option<NaiveDateTime>) -> Self {
        t.map_or(Val::Null, Val::Time)
    }

    pub fn date(d: Option<NaiveDate>) -> Self {
        d.map_or(Val::Null, Val::Date)
    }

    pub fn int(i: Option<i64>) -> Self {
        i.map_or(Val::Null, Val::Int)
    }

    pub fn float(f: Option<f64>) -> Self {
        f.map_or(Val::Null, Val::Float)
    }

    pub fn bool(b: Option<bool>) -> Self {
        b.map_or(Val::Null, Val::Bool)
    }
}

/// Bound by reference: the appender reads the text in place instead of a copy per value.
impl ToSql for Val {
    fn to_sql(&self) -> duckdb::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Null => ValueRef::Null,
            Val::Text(s) => ValueRef::Text(s.as_bytes()),
            Val::Shared(s) => ValueRef::Text(s.as_bytes()),
            Val::Int(i) => ValueRef::BigInt(*i),
            Val::Float(f) => ValueRef::Double(*f),
            Val::Bool(b) => ValueRef::Boolean(*b),
            Val::Time(t) => ValueRef::Timestamp(
                duckdb::types::TimeUnit::Microsecond,
                t.and_utc().timestamp_micros(),
            ),
            Val::Date(d) => {
                let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
                ValueRef::Date32((*d - epoch).num_days() as i32)
            }
        }))
    }
}

/// A column of a raw table, as DuckDB declares it.
enum Column {
    Int32(Int32Builder),
    Int64(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    Text(StringBuilder),
    Time(TimestampMicrosecondBuilder),
    Date(Date32Builder),
}

impl Column {
    fn for_type(duckdb_type: &str) -> Self {
        match duckdb_type {
            "INTEGER" => Column::Int32(Int32Builder::new()),
            "BIGINT" => Column::Int64(Int64Builder::new()),
            "DOUBLE" => Column::Float(Float64Builder::new()),
            "BOOLEAN" => Column::Bool(BooleanBuilder::new()),
            "TIMESTAMP" => Column::Time(TimestampMicrosecondBuilder::new()),
            "DATE" => Column::Date(Date32Builder::new()),
            _ => Column::Text(StringBuilder::new()),
        }
    }

    fn data_type(&self) -> DataType {
        match self {
            Column::Int32(_) => DataType::Int32,
            Column::Int64(_) => DataType::Int64,
            Column::Float(_) => DataType::Float64,
            Column::Bool(_) => DataType::Boolean,
            Column::Text(_) => DataType::Utf8,
            Column::Time(_) => DataType::Timestamp(TimeUnit::Microsecond, None),
            Column::Date(_) => DataType::Date32,
        }
    }

    fn push(&mut self, v: &Val) -> Result<(), String> {
        match (&mut *self, v) {
            (Column::Int32(b), Val::Int(i)) => b.append_value(*i as i32),
            (Column::Int64(b), Val::Int(i)) => b.append_value(*i),
            (Column::Float(b), Val::Float(f)) => b.append_value(*f),
            (Column::Float(b), Val::Int(i)) => b.append_value(*i as f64),
            (Column::Bool(b), Val::Bool(x)) => b.append_value(*x),
            (Column::Text(b), Val::Text(s)) => b.append_value(s),
            (Column::Text(b), Val::Shared(s)) => b.append_value(s),
            (Column::Time(b), Val::Time(t)) => b.append_value(t.and_utc().timestamp_micros()),
            (Column::Date(b), Val::Date(d)) => {
                let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
                b.append_value((*d - epoch).num_days() as i32)
            }
            (c, Val::Null) => c.push_null(),
            (c, v) => return Err(format!("{v:?} does not fit a {} column", c.data_type())),
        }
        Ok(())
    }

    fn push_null(&mut self) {
        match self {
            Column::Int32(b) => b.append_null(),
            Column::Int64(b) => b.append_null(),
            Column::Float(b) => b.append_null(),
            Column::Bool(b) => b.append_null(),
            Column::Text(b) => b.append_null(),
            Column::Time(b) => b.append_null(),
            Column::Date(b) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Int32(b) => Arc::new(b.finish()),
            Column::Int64(b) => Arc::new(b.finish()),
            Column::Float(b) => Arc::new(b.finish()),
            Column::Bool(b) => Arc::new(b.finish()),
            Column::Text(b) => Arc::new(b.finish()),
            Column::Time(b) => Arc::new(b.finish()),
            Column::Date(b) => Arc::new(b.finish()),
        }
    }
}

/// Builds record batches for one raw table: provenance (file_id, sheet, row_no) then values.
pub struct TableBatch {
    table: String,
    /// Each column's name and DuckDB type, as the table declares them.
    schema: Vec<(String, String)>,
    columns: Vec<Column>,
    rows: usize,
}

impl TableBatch {
    pub fn for_table(conn: &Connection, table: &str) -> duckdb::Result<Self> {
        let schema = crate::store::batches::columns(conn, table)?;
        Ok(Self::with_schema(table.to_string(), schema))
    }

    /// A batch for the same table with no rows (one per thread building rows in parallel).
    pub fn empty_like(&self) -> Self {
        Self::with_schema(self.table.clone(), self.schema.clone())
    }

    fn with_schema(table: String, schema: Vec<(String, String)>) -> Self {
        Self {
            table,
            columns: schema.iter().map(|c| Column::for_type(&c.1)).collect(),
            schema,
            rows: 0,
        }
    }

    /// One raw row: provenance, then the values in the table's column order (missing ones
    /// null). A value of another type than its column is an error, never a silent NULL.
    pub fn push(
        &mut self,
        file_id: i64,
        sheet: &Option<String>,
        row: usize,
        values: &[Val],
    ) -> duckdb::Result<()> {
        let sheet_val = sheet.clone().map_or(Val::Null, Val::Text);
        let provenance = [Val::Int(file_id), sheet_val, Val::Int(row as i64)];
        self.push_row_from(provenance.iter().chain(values))
            .map_err(|e| {
                let at = match sheet {
                    Some(s) => format!("sheet {s}, row {row}"),
                    None => format!("row {row}"),
                };
                mismatch(format!("{}, {at}: {e}", self.table))
            })
    }

    /// A row of any table: one value per column, in order (missing ones null).
    pub fn push_row(&mut self, values: &[Val]) -> duckdb::Result<()> {
        self.push_row_from(values.iter())
            .map_err(|e| mismatch(format!("{}: {e}", self.table)))
    }

    fn push_row_from<'a>(
        &mut self,
        mut values: impl Iterator<Item = &'a Val>,
    ) -> Result<(), String> {
        for (c, (name, _)) in self.columns.iter_mut().zip(&self.schema) {
            match values.next() {
                Some(v) => c.push(v).map_err(|e| format!("column {name}: {e}"))?,
                None => c.push_null(),
            }
        }
        self.rows += 1;
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The rows so far as one batch; the builders start empty again.
    pub fn finish(&mut self) -> duckdb::Result<RecordBatch> {
        let fields: Vec<Field> = self
            .schema
            .iter()
            .zip(&self.columns)
            .map(|((n, _), c)| Field::new(n, c.data_type(), true))
            .collect();
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        self.rows = 0;
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
            .map_err(|e| duckdb::Error::ArrowTypeToDuckdbType(e.to_string(), DataType::Null))
    }
}

/// A value of the wrong type for its column is a defect of the code that built the row: it
/// stops the write rather than become a NULL.
fn mismatch(message: String) -> duckdb::Error {
    duckdb::Error::ToSqlConversionFailure(message.into())
}
