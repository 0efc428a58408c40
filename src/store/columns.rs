//! Typed columns of an Arrow batch read from the store, by name: the stages that stream rows in
//! column batches (the timeline's messages, scoring's cases and case events) read them through
//! `each_batch`. A
//! missing column or one of another type is an error naming the query and the column.

use chrono::NaiveDate;
use chrono::NaiveDateTime;
use duckdb::Connection;
use duckdb::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Date32Array, Int32Array, StringArray,
    TimestampMicrosecondArray,
};
use duckdb::arrow::datatypes::{Date32Type, Int32Type, TimestampMicrosecondType};
use duckdb::arrow::record_batch::RecordBatch;

/// Runs `sql` (no parameters) and hands each Arrow batch of its rows to `each` as columns read by
/// name and type, `query` naming them in errors: the one way large reads leave the store.
pub fn each_batch(
    conn: &Connection,
    sql: &str,
    query: &'static str,
    mut each: impl FnMut(&Columns) -> duckdb::Result<()>,
) -> duckdb::Result<()> {
    let mut stmt = conn.prepare(sql)?;
    for batch in stmt.stream_arrow([])? {
        each(&Columns {
            batch: &batch?,
            query,
        })?;
    }
    Ok(())
}

/// One batch of the rows of `query` (named in errors).
pub struct Columns<'a> {
    pub batch: &'a RecordBatch,
    pub query: &'static str,
}

impl Columns<'_> {
    /// An error about this query's rows.
    pub fn wrong(&self, what: &str) -> duckdb::Error {
        duckdb::Error::InvalidParameterName(format!("{}: {what}", self.query))
    }

    fn column(&self, name: &str) -> duckdb::Result<&ArrayRef> {
        self.batch
            .schema()
            .index_of(name)
            .map(|i| self.batch.column(i))
            .map_err(|_| self.wrong(&format!("no column {name}")))
    }

    /// Column `name` as the array type `cast` gives (`kind` names it in the error).
    fn typed<T: Clone>(
        &self,
        name: &str,
        kind: &str,
        cast: impl FnOnce(&ArrayRef) -> Option<&T>,
    ) -> duckdb::Result<T> {
        cast(self.column(name)?)
            .cloned()
            .ok_or_else(|| self.wrong(&format!("{name} is not {kind}")))
    }

    pub fn text(&self, name: &str) -> duckdb::Result<StringArray> {
        self.typed(name, "text", |c| c.as_string_opt::<i32>())
    }

    pub fn int32(&self, name: &str) -> duckdb::Result<Int32Array> {
        self.typed(name, "an integer", |c| c.as_primitive_opt::<Int32Type>())
    }

    pub fn timestamp(&self, name: &str) -> duckdb::Result<TimestampMicrosecondArray> {
        self.typed(name, "a timestamp", |c| {
            c.as_primitive_opt::<TimestampMicrosecondType>()
        })
    }

    pub fn boolean(&self, name: &str) -> duckdb::Result<BooleanArray> {
        self.typed(name, "a boolean", |c| c.as_boolean_opt())
    }

    pub fn date(&self, name: &str) -> duckdb::Result<Date32Array> {
        self.typed(name, "a date", |c| c.as_primitive_opt::<Date32Type>())
    }

    /// Row `i` of a text column that is never null (`name` says which in the error).
    pub fn required_at<'c>(
        &self,
        column: &'c StringArray,
        i: usize,
        name: &str,
    ) -> duckdb::Result<&'c str> {
        text_at(column, i).ok_or_else(|| self.wrong(&format!("{name} is null")))
    }

    /// Row `i` of a timestamp column, `None` when null.
    pub fn time_opt(
        &self,
        column: &TimestampMicrosecondArray,
        i: usize,
    ) -> duckdb::Result<Option<NaiveDateTime>> {
        if column.is_null(i) {
            return Ok(None);
        }
        self.time_at(column, i).map(Some)
    }

    /// Row `i` of a date column, `None` when null.
    pub fn date_opt(&self, column: &Date32Array, i: usize) -> duckdb::Result<Option<NaiveDate>> {
        if column.is_null(i) {
            return Ok(None);
        }
        column
            .value_as_date(i)
            .map(Some)
            .ok_or_else(|| self.wrong("a date out of range"))
    }

    /// Row `i` of a timestamp column as the wall-clock time the store keeps.
    pub fn time_at(
        &self,
        column: &TimestampMicrosecondArray,
        i: usize,
    ) -> duckdb::Result<NaiveDateTime> {
        chrono::DateTime::from_timestamp_micros(column.value(i))
            .map(|t| t.naive_utc())
            .ok_or_else(|| self.wrong("a timestamp out of range"))
    }
}

/// Row `i` of a text column, or `None` when null.
pub fn text_at(column: &StringArray, i: usize) -> Option<&str> {
    (!column.is_null(i)).then(|| column.value(i))
}
