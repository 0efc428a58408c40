//! One large WhatsApp export, phase by phase: read, decode, parse, rows, load.
//! `cargo run --release --example bench_chat -- FILE`
use patuh::ingest::batch::{NoProgress, import};
use patuh::ingest::chats::{BusinessNames, ChatFile, to_parsed};
use patuh::ingest::whatsapp;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let t = Instant::now();
    let bytes = std::fs::read(&path).unwrap();
    let mb = bytes.len() as f64 / 1e6;
    eprintln!("read {:.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let (text, _) = patuh::ingest::table::decode_text_noted(&bytes);
    eprintln!("decode {:.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let chat = whatsapp::parse(&text, None);
    let p = t.elapsed().as_secs_f64();
    eprintln!(
        "parse {p:.2} s = {:.0} MB/s ({} messages)",
        mb / p,
        chat.messages.len()
    );
    let t = Instant::now();
    let files = vec![ChatFile {
        name: "WhatsApp Chat with Budi".into(),
        entry: None,
        chat,
    }];
    let parsed = to_parsed(&files, &BusinessNames::new(["GSI Medan".to_string()]));
    eprintln!("rows {:.2} s", t.elapsed().as_secs_f64());
    let dir = tempdir();
    {
        let store = patuh::store::Store::open(&dir.join("a.duckdb")).unwrap();
        let conn = store.conn();
        conn.execute_batch("begin").unwrap();
        let t = Instant::now();
        let mut batch =
            patuh::ingest::batch_rows::TableBatch::for_table(conn, "raw_message").unwrap();
        for (sheet, row, values) in &parsed.tables[0].rows {
            batch.push(1, sheet, *row, values);
        }
        let rb = batch.finish().unwrap();
        eprintln!("arrow batch {:.2} s", t.elapsed().as_secs_f64());
        {
            let store2 = patuh::store::Store::open(&dir.join("b.duckdb")).unwrap();
            let c2 = store2.conn();
            c2.register_table_function::<Rows>("patuh_rows").unwrap();
            let t = Instant::now();
            c2.execute_batch("set preserve_insertion_order = false")
                .unwrap();
            let token = register(rb.clone());
            c2.execute(
                "insert into raw_message select * from patuh_rows(?)",
                [token],
            )
            .unwrap();
            eprintln!("vtab insert {:.2} s", t.elapsed().as_secs_f64());
        }
        let t = Instant::now();
        let mut app = conn.appender("raw_message").unwrap();
        app.append_record_batch(rb).unwrap();
        eprintln!("append_record_batch {:.2} s", t.elapsed().as_secs_f64());
        app.flush().unwrap();
        drop(app);
        eprintln!("append {:.2} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        conn.execute_batch("commit").unwrap();
        eprintln!("commit {:.2} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        conn.execute_batch("checkpoint").unwrap();
        eprintln!("checkpoint {:.2} s", t.elapsed().as_secs_f64());
    }
    drop(parsed);
    let t = Instant::now();
    let mut store = patuh::store::Store::open(&dir.join("s.duckdb")).unwrap();
    let config = patuh::config::Config::defaults();
    let (inputs, _) = patuh::ingest::collect_inputs(&[std::path::PathBuf::from(&path)]).unwrap();
    import(&mut store, &config, &inputs, None, &NoProgress).unwrap();
    let w = t.elapsed().as_secs_f64();
    eprintln!("import whole {w:.2} s = {:.0} MB/s", mb / w);
    let _ = std::fs::remove_dir_all(dir);
}

fn tempdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("bench_chat_{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

use duckdb::arrow::record_batch::RecordBatch;
use duckdb::core::{DataChunkHandle, LogicalTypeHandle, LogicalTypeId};
use duckdb::vtab::{
    BindInfo, InitInfo, TableFunctionInfo, VTab, record_batch_to_duckdb_data_chunk,
    to_duckdb_logical_type_for_field,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};
static REG: LazyLock<Mutex<HashMap<u64, RecordBatch>>> = LazyLock::new(Default::default);
static NEXT: AtomicU64 = AtomicU64::new(1);
fn register(rb: RecordBatch) -> u64 {
    let t = NEXT.fetch_add(1, Ordering::Relaxed);
    REG.lock().unwrap().insert(t, rb);
    t
}
struct Rows;
struct Bind {
    rb: RecordBatch,
}
struct Init {
    next: AtomicUsize,
}
impl VTab for Rows {
    type BindData = Bind;
    type InitData = Init;
    fn bind(bind: &BindInfo) -> Result<Bind, Box<dyn std::error::Error>> {
        let token = bind.get_parameter(0).to_uint64();
        let rb = REG.lock().unwrap().get(&token).cloned().ok_or("no batch")?;
        for f in rb.schema().fields() {
            bind.add_result_column(f.name(), to_duckdb_logical_type_for_field(f)?);
        }
        Ok(Bind { rb })
    }
    fn init(init: &InitInfo) -> Result<Init, Box<dyn std::error::Error>> {
        init.set_max_threads(2);
        Ok(Init {
            next: AtomicUsize::new(0),
        })
    }
    fn func(
        func: &TableFunctionInfo<Self>,
        output: &mut DataChunkHandle,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let rb = &func.get_bind_data().rb;
        let n = rb.num_rows();
        let at = func.get_init_data().next.fetch_add(2048, Ordering::Relaxed);
        if at >= n {
            output.set_len(0);
            return Ok(());
        }
        record_batch_to_duckdb_data_chunk(&rb.slice(at, (n - at).min(2048)), output)?;
        Ok(())
    }
    fn parameters() -> Option<Vec<LogicalTypeHandle>> {
        Some(vec![LogicalTypeHandle::from(LogicalTypeId::UBigint)])
    }
}
