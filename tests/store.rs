//! The store: versioned schema, migrations, transactions, one writer at a time.

use crate::support::{patuh, stderr, tempdir};
use patuh::store::{Store, sql};

#[test]
fn a_new_store_has_the_latest_schema_and_every_table() {
    let dir = tempdir();
    let store = Store::open(&dir.path().join("p.duckdb")).unwrap();
    assert_eq!(store.schema_version().unwrap(), sql::latest_version());
    for table in [
        "import_file",
        "quarantine",
        "rule_version",
        "event",
        "case",
        "finding",
        "raw_message",
        "raw_booking",
    ] {
        let n: i64 = store
            .conn()
            .query_row(
                "select count(*) from information_schema.tables where table_name = ?",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table}");
    }
}

#[test]
fn an_older_store_is_migrated_and_keeps_its_rows() {
    let dir = tempdir();
    let path = dir.path().join("p.duckdb");
    {
        let store = Store::open_at(&path, 1).unwrap();
        assert_eq!(store.schema_version().unwrap(), 1);
        store
            .conn()
            .execute(
                "insert into quarantine values (1, 'Rekap', 14, 'row 14: kept', '{}')",
                [],
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), sql::latest_version());
    let reason: String = store
        .conn()
        .query_row("select reason from quarantine", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reason, "row 14: kept");
}

#[test]
fn a_newer_store_is_refused_clearly() {
    let dir = tempdir();
    let path = dir.path().join("p.duckdb");
    {
        let store = Store::open(&path).unwrap();
        store
            .conn()
            .execute(
                "insert into schema_version (version, name) values (999, 'future')",
                [],
            )
            .unwrap();
    }
    let e = Store::open(&path).err().unwrap();
    assert_eq!(e.exit_code(), 2);
    let text = e.to_string();
    assert!(
        text.contains("newer patuh") && text.contains("999"),
        "{text}"
    );
}

#[test]
fn a_failed_unit_of_work_leaves_the_store_as_before() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("p.duckdb")).unwrap();
    let r: patuh::Result<()> = store.unit_of_work("testing", |conn| {
        conn.execute(
            "insert into quarantine values (1, null, 2, 'half done', '{}')",
            [],
        )?;
        conn.execute("insert into no_such_table values (1)", [])?;
        Ok(())
    });
    let e = r.unwrap_err().to_string();
    assert!(e.contains("testing"), "{e}");
    let n: i64 = store
        .conn()
        .query_row("select count(*) from quarantine", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn a_second_process_is_told_the_store_is_in_use() {
    let dir = tempdir();
    let path = dir.path().join("p.duckdb");
    let _held = Store::open(&path).unwrap();
    let out = patuh(dir.path(), &["--db", "p.duckdb", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(e.contains("in use by another patuh run"), "{e}");
    assert!(!e.contains("IO Error"), "no bare DuckDB message: {e}");
}

#[test]
fn a_file_that_is_not_a_store_is_named() {
    let dir = tempdir();
    std::fs::write(dir.path().join("notes.duckdb"), "bukan database").unwrap();
    let out = patuh(dir.path(), &["--db", "notes.duckdb", "check"]);
    assert_ne!(out.status.code(), Some(0));
    let e = stderr(&out);
    assert!(e.contains("notes.duckdb"), "{e}");
}

/// Rows handed over as Arrow batches land whole (small batches joined, large ones sliced across
/// DuckDB's threads), inside the caller's transaction; a batch whose columns are not the
/// table's is refused with both lists named, and the transaction leaves nothing behind.
#[test]
fn arrow_batches_insert_whole_or_not_at_all() {
    use duckdb::arrow::array::{ArrayRef, Int32Array, StringArray};
    use duckdb::arrow::record_batch::RecordBatch;
    use std::sync::Arc;
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("p.duckdb")).unwrap();
    store
        .conn()
        .execute_batch("create table t (id integer, name varchar)")
        .unwrap();
    let batch = |from: i32, n: i32, names: (&str, &str)| {
        let ids: ArrayRef = Arc::new(Int32Array::from((from..from + n).collect::<Vec<_>>()));
        let text: ArrayRef = Arc::new(StringArray::from(
            (from..from + n)
                .map(|i| format!("n{i}"))
                .collect::<Vec<_>>(),
        ));
        RecordBatch::try_from_iter([(names.0, ids), (names.1, text)]).unwrap()
    };
    // 300 small batches of 10 rows and one of 10,000: 13,000 rows, each once.
    let mut batches: Vec<RecordBatch> = (0..300)
        .map(|k| batch(k * 10, 10, ("id", "name")))
        .collect();
    batches.push(batch(3_000, 10_000, ("id", "name")));
    store
        .unit_of_work("inserting", |conn| {
            patuh::store::batches::insert(conn, "t", batches)
        })
        .unwrap();
    let (rows, distinct, sum): (i64, i64, i64) = store
        .conn()
        .query_row(
            "select count(*), count(distinct id), sum(id) from t",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (rows, distinct, sum),
        (13_000, 13_000, (0..13_000).sum::<i64>())
    );
    let named: String = store
        .conn()
        .query_row("select name from t where id = 12345", [], |r| r.get(0))
        .unwrap();
    assert_eq!(named, "n12345");
    // Columns in another order or under other names: refused, nothing written.
    let wrong = vec![batch(20_000, 5, ("id", "label"))];
    let err = store
        .unit_of_work("inserting", |conn| {
            patuh::store::batches::insert(conn, "t", wrong)
        })
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("\"label\"") && err.contains("\"name\""),
        "{err}"
    );
    let after: i64 = store
        .conn()
        .query_row("select count(*) from t", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, 13_000);
}

/// Columns of a streamed batch are read by name and type: a wall-clock timestamp and a date come
/// back as stored, a null text, time or date as none, a null where a value is required, a
/// missing column or one of another type is an error naming the query and the column.
#[test]
fn batch_columns_are_read_by_name_and_type() {
    use patuh::store::columns::{Columns, text_at};
    let conn = duckdb::Connection::open_in_memory().unwrap();
    let mut stmt = conn
        .prepare(
            "select * from (values (1, 'a', timestamp '2025-03-05 10:30:00', true, date '2024-02-29', null::timestamp), \
             (2, null, timestamp '2025-12-31 23:59:00', false, null::date, timestamp '2025-07-01 08:00:00')) \
             t(n, name, sent, ok, bought, shipped)",
        )
        .unwrap();
    let batch = stmt.stream_arrow([]).unwrap().next().unwrap().unwrap();
    let c = Columns {
        batch: &batch,
        query: "test rows",
    };
    let (n, name, at, ok) = (
        c.int32("n").unwrap(),
        c.text("name").unwrap(),
        c.timestamp("sent").unwrap(),
        c.boolean("ok").unwrap(),
    );
    assert_eq!((n.value(0), n.value(1)), (1, 2));
    assert_eq!((text_at(&name, 0), text_at(&name, 1)), (Some("a"), None));
    assert_eq!(
        c.time_at(&at, 1).unwrap().to_string(),
        "2025-12-31 23:59:00"
    );
    assert!(ok.value(0) && !ok.value(1));
    let (bought, shipped) = (c.date("bought").unwrap(), c.timestamp("shipped").unwrap());
    assert_eq!(
        (
            c.date_opt(&bought, 0).unwrap(),
            c.date_opt(&bought, 1).unwrap()
        ),
        (chrono::NaiveDate::from_ymd_opt(2024, 2, 29), None)
    );
    assert_eq!(c.time_opt(&shipped, 0).unwrap(), None);
    assert_eq!(
        c.time_opt(&shipped, 1).unwrap().map(|t| t.to_string()),
        Some("2025-07-01 08:00:00".to_string())
    );
    assert_eq!(c.required_at(&name, 0, "name").unwrap(), "a");
    let err = |e: duckdb::Error| e.to_string();
    assert!(err(c.required_at(&name, 1, "name").unwrap_err()).contains("test rows: name is null"));
    assert!(err(c.date("sent").unwrap_err()).contains("sent is not a date"));
    assert!(err(c.text("missing").unwrap_err()).contains("test rows: no column missing"));
    assert!(err(c.text("n").unwrap_err()).contains("test rows: n is not text"));
    assert!(err(c.timestamp("name").unwrap_err()).contains("name is not a timestamp"));
}

/// `each_batch` hands every row of a query to its reader, batch after batch in the query's
/// order, and the reader's error ends the read with that error.
#[test]
fn each_batch_reads_every_row_in_order() {
    use patuh::store::columns::each_batch;
    let conn = duckdb::Connection::open_in_memory().unwrap();
    let query = "select range::integer as n from range(5000) order by n";
    let (mut rows, mut batches, mut next, mut in_order) = (0, 0, 0, true);
    each_batch(&conn, query, "numbers", |c| {
        let n = c.int32("n")?;
        for i in 0..c.batch.num_rows() {
            in_order &= n.value(i) == next;
            next += 1;
        }
        rows += c.batch.num_rows();
        batches += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(rows, 5000);
    assert!(batches > 1, "5,000 rows came in one batch");
    assert!(in_order);
    let stopped = each_batch(&conn, query, "numbers", |c| Err(c.wrong("stop here")));
    assert!(
        stopped
            .unwrap_err()
            .to_string()
            .contains("numbers: stop here")
    );
}

/// `rows_named` remembers where each name was found: a row that asks in another order, or for
/// a name asked under the same text from elsewhere, still gets the right column, and a missing
/// name is an error naming it.
#[test]
fn named_rows_read_each_column_by_name_in_any_order() {
    let conn = duckdb::Connection::open_in_memory().unwrap();
    let query =
        "select * from (values (1, 'a', 10.5), (2, 'b', null), (3, null, 7.0)) t(n, name, x)";
    let mut turn = 0;
    let rows = patuh::store::rows_named(&conn, query, [], |r| {
        turn += 1;
        // Every other row asks in reverse order.
        if turn % 2 == 0 {
            let x: Option<f64> = r.get("x")?;
            let name: Option<String> = r.get("name")?;
            Ok((r.get::<i32>("n")?, name, x))
        } else {
            let n: i32 = r.get("n")?;
            let name: Option<String> = r.get("name")?;
            Ok((n, name, r.get("x")?))
        }
    })
    .unwrap();
    assert_eq!(
        rows,
        vec![
            (1, Some("a".to_string()), Some(10.5)),
            (2, Some("b".to_string()), None),
            (3, None, Some(7.0)),
        ]
    );
    // The same name from another string (not the literal seen first) finds the same column.
    let owned: &'static str = Box::leak("name".to_string().into_boxed_str());
    let names = patuh::store::rows_named(&conn, query, [], |r| {
        let x: Option<f64> = r.get("x")?;
        let name: Option<String> = r.get(owned)?;
        Ok((x, name))
    })
    .unwrap();
    assert_eq!(
        names,
        vec![
            (Some(10.5), Some("a".to_string())),
            (None, Some("b".to_string())),
            (Some(7.0), None),
        ]
    );
    let missing = patuh::store::rows_named(&conn, query, [], |r| r.get::<i32>("nope"));
    assert!(missing.unwrap_err().to_string().contains("nope"));
}
