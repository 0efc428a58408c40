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
