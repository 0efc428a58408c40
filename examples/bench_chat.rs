//! One large WhatsApp export, phase by phase (read, decode, parse, rows), then the whole import
//! into a fresh store, with MB/s of chat text. `benches/run.sh --chat` makes the export.
//!
//! `cargo run --release --example bench_chat -- FILE`
use patuh::config::Config;
use patuh::ingest::batch::{NoProgress, import};
use patuh::ingest::chats::{BusinessNames, ChatFile, to_parsed};
use patuh::ingest::{collect_inputs, table, whatsapp};
use patuh::store::Store;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: bench_chat FILE");
    let lap = |what: &str, t: Instant, mb: f64| {
        let s = t.elapsed().as_secs_f64();
        println!("{what:<8} {s:>6.2} s {:>7.0} MB/s", mb / s);
    };
    let t = Instant::now();
    let bytes = std::fs::read(&path).expect("the export can be read");
    let mb = bytes.len() as f64 / 1e6;
    lap("read", t, mb);
    let t = Instant::now();
    let (text, _) = table::decode_text_noted(&bytes);
    lap("decode", t, mb);
    let t = Instant::now();
    let chat = whatsapp::parse(&text, None);
    lap("parse", t, mb);
    let messages = chat.messages.len();
    let t = Instant::now();
    let files = vec![ChatFile {
        name: "WhatsApp Chat with Budi".into(),
        entry: None,
        chat,
    }];
    let parsed = to_parsed(&files, &BusinessNames::new(["GSI Medan".to_string()]));
    lap("rows", t, mb);
    drop((parsed, files, text));
    let dir = std::env::temp_dir().join(format!("bench_chat_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let t = Instant::now();
    let mut store = Store::open(&dir.join("store.duckdb")).expect("a fresh store");
    let (inputs, _) = collect_inputs(&[std::path::PathBuf::from(&path)]).expect("the export");
    import(&mut store, &Config::defaults(), &inputs, None, &NoProgress).expect("the import");
    lap("import", t, mb);
    println!("{messages} messages, {mb:.0} MB");
    let _ = std::fs::remove_dir_all(dir);
}
