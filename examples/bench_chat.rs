//! One large WhatsApp export, phase by phase (read, decode, parse, rows), then the whole import
//! into a fresh store, with MB/s of chat text, beside DuckDB's own `read_csv` loading the same
//! messages as a CSV into a table (the peer the import is measured against).
//!
//! `cargo run --release --example bench_chat -- FILE`
//! `cargo run --release --example bench_chat -- --make SAMPLE_DIR MB FILE` writes FILE: the
//! Android chats of a `patuh sample` folder as one export, in time order, repeated to MB.
use patuh::config::Config;
use patuh::ingest::batch::{NoProgress, import};
use patuh::ingest::chats::{BusinessNames, ChatFile, to_parsed};
use patuh::ingest::{collect_inputs, table, whatsapp};
use patuh::store::Store;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--make") {
        let [_, sample, mb, file] = &args[..] else {
            panic!("usage: bench_chat --make SAMPLE_DIR MB FILE");
        };
        make(
            sample.as_ref(),
            mb.parse().expect("MB is a number"),
            file.as_ref(),
        );
        return;
    }
    let path = args.first().expect("usage: bench_chat FILE").clone();
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
    let patuh_secs = t.elapsed().as_secs_f64();
    lap("import", t, mb);
    println!("{messages} messages, {mb:.0} MB");
    // The peer: the same messages as CSV, loaded by DuckDB's reader into a table of a new store.
    let csv = dir.join("messages.csv");
    let q = |p: &std::path::Path| p.display().to_string().replace('\'', "''");
    store
        .conn()
        .execute_batch(&format!(
            "copy (select * exclude (file_id, sheet) from raw_message) to '{}' (header)",
            q(&csv)
        ))
        .expect("the CSV");
    drop(store);
    let peer = duckdb::Connection::open(dir.join("peer.duckdb")).expect("a peer store");
    let t = Instant::now();
    peer.execute_batch(&format!(
        "create table message as select * from read_csv('{}')",
        q(&csv)
    ))
    .expect("read_csv");
    let duck_secs = t.elapsed().as_secs_f64();
    println!(
        "duckdb read_csv of the same messages as CSV into a table: {duck_secs:.2} s = {:.0} MB/s of chat text; patuh/read_csv speed ratio {:.2}",
        mb / duck_secs,
        duck_secs / patuh_secs
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The Android chats of a sample folder as one export in time order, repeated up to `mb`.
fn make(sample: &std::path::Path, mb: usize, file: &std::path::Path) {
    let mut messages = Vec::new();
    let dir = sample.join("whatsapp/android");
    for entry in std::fs::read_dir(&dir).expect("a patuh sample folder") {
        let bytes = std::fs::read(entry.expect("a file").path()).expect("a chat");
        let chat = whatsapp::parse(&table::decode_text_noted(&bytes).0, None);
        messages.extend(chat.messages);
    }
    messages.sort_by_key(|m| (m.at, m.line));
    let mut body = String::new();
    for m in &messages {
        let who = m
            .sender
            .as_deref()
            .map(|s| format!("{s}: "))
            .unwrap_or_default();
        body.push_str(&format!(
            "{} - {who}{}\n",
            m.at.format("%d/%m/%y %H.%M"),
            m.text
        ));
    }
    let mut out = String::new();
    while out.len() + body.len() <= mb * 1_000_000 {
        out.push_str(&body);
    }
    // The last copy up to the size, cut at a message.
    let rest = mb * 1_000_000 - out.len();
    let cut = body[..rest.min(body.len())]
        .rfind("\n")
        .map_or(0, |i| i + 1);
    out.push_str(&body[..cut]);
    std::fs::write(file, out).expect("the export is written");
}
