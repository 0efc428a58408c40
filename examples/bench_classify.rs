//! Classification speed: `cargo run --release --example bench_classify`. Times the lexicon's
//! activities, its attributes and promised times separately over the labelled messages,
//! repeated to about 60,000 messages, on one thread.

use patuh::timeline::classify::{Lexicon, Side};
use patuh::timeline::promise::promised_time;
use std::time::Instant;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/messages/labelled_messages.csv"
    );
    let mut reader = csv::Reader::from_path(path).expect("labelled messages");
    let msgs: Vec<(Side, String)> = reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            let side = if &r[0] == "customer" {
                Side::Customer
            } else {
                Side::Business
            };
            (side, r[1].to_string())
        })
        .collect();
    let times = 60_000 / msgs.len().max(1);
    let lexicon = Lexicon::builtin();
    let sent = chrono::NaiveDate::from_ymd_opt(2025, 5, 14)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("time");
    let n = msgs.len() * times;
    let t = Instant::now();
    let mut hits = 0u64;
    for _ in 0..times {
        for (side, text) in &msgs {
            hits += lexicon.classify_mask(text, *side).count_ones() as u64;
        }
    }
    let activities = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..times {
        for (_, text) in &msgs {
            hits += u64::from(lexicon.attributes(text).apology);
        }
    }
    let attributes = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..times {
        for (_, text) in &msgs {
            hits += u64::from(promised_time(text, sent).is_some());
        }
    }
    let promises = t.elapsed().as_secs_f64();
    println!(
        "{n} messages, one thread: activities {:.0}/s, attributes {:.0}/s, promised times {:.0}/s ({hits})",
        n as f64 / activities,
        n as f64 / attributes,
        n as f64 / promises
    );
}
