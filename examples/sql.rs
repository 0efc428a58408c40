//! Ad-hoc SQL over a store, for developers: `cargo run --release --example sql -- STORE "select …"`.
//! Prints rows tab-separated with a header; `batch:SCRIPT` runs statements and prints the time;
//! `timed:A\n;;\nB` times each script of several on one connection.

use duckdb::types::ValueRef;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(db), Some(query)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: sql STORE QUERY");
        std::process::exit(2);
    };
    let conn = duckdb::Connection::open(db)?;
    if let Some(script) = query.strip_prefix("timed:") {
        // Scripts separated by a line `;;`, each run and timed on its own (same connection).
        for part in script.split("\n;;\n") {
            let t = std::time::Instant::now();
            conn.execute_batch(part)?;
            let first = part.trim().lines().next().unwrap_or("");
            println!("{:6.3} s  {first}", t.elapsed().as_secs_f64());
        }
        return Ok(());
    }
    if let Some(script) = query.strip_prefix("batch:") {
        // Several statements, no result rows: timed as a whole.
        let t = std::time::Instant::now();
        conn.execute_batch(script)?;
        println!("{:.1} s", t.elapsed().as_secs_f64());
        return Ok(());
    }
    let mut stmt = conn.prepare(query)?;
    let mut rows = stmt.query([])?;
    let mut header = false;
    while let Some(row) = rows.next()? {
        let stmt = row.as_ref();
        let n = stmt.column_count();
        if !header {
            let names: Vec<String> = (0..n)
                .map(|i| stmt.column_name(i).map_or("?".into(), |s| s.to_string()))
                .collect();
            println!("{}", names.join("\t"));
            header = true;
        }
        let cells: Vec<String> = (0..n)
            .map(|i| match row.get_ref(i) {
                Ok(ValueRef::Null) => "∅".into(),
                Ok(v) => match v.to_owned() {
                    duckdb::types::Value::Text(s) => s,
                    other => format!("{other:?}"),
                },
                Err(e) => format!("<{e}>"),
            })
            .collect();
        println!("{}", cells.join("\t"));
    }
    Ok(())
}
