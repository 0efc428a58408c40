//! Import benchmark: generates chats and sheets the size of the sample data (one branch, one year:
//! ~2,400 bookings, ~3,000 work orders, ~2,500 chats) times `--scale`, imports them into a fresh
//! store and reports MB/s of chat text and rows/s of sheets, beside DuckDB's own `read_csv` on a
//! CSV holding the same booking rows.
//!
//! `cargo run --release --example bench_import -- --scale 100 [--dir DIR]`
//! The data is written under DIR (default: a temporary folder) and never into the repository.

use patuh::config::Config;
use patuh::ingest::batch::{NoProgress, import};
use patuh::ingest::collect_inputs;
use patuh::store::Store;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Deterministic numbers without a dependency (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const LINES: &[&str] = &[
    "Selamat pagi pak, sy mau booking servis utk besok bisa?",
    "Baik Pak, mohon kirim data: nama, plat, jenis kendaraan, keluhan, tgl & jam kedatangan 🙏",
    "Avanza BK 1234 ABC, ganti oli sama cek rem, bsk jm 10 ya",
    "Booking terkonfirmasi Senin 12 Mei pukul 10.00, terima kasih Pak",
    "Update: mobil Bapak sedang dikerjakan, estimasi selesai jam 3 sore",
    "Mohon maaf Pak, ada keterlambatan krn menunggu part, estimasi besok jam 10",
    "Mobil sudah selesai ya Pak, bisa diambil hari ini, total Rp 1.250.000",
    "ok makasih bu",
    "Bagaimana kondisi mobilnya setelah servis Pak? Ada keluhan?",
    "Aman bu, mantap 👍",
];

fn write_chats(dir: &Path, chats: usize, rng: &mut Rng) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0;
    for c in 0..chats {
        let mut text = String::new();
        let day = 1 + (c % 28);
        let month = 1 + (c / 28) % 12;
        for i in 0..20 {
            let (h, m) = (8 + (i / 3) % 9, (i * 7 + c) % 60);
            let who = if i % 2 == 0 {
                format!("Pelanggan {c}")
            } else {
                "Rina GSI".to_string()
            };
            let line = LINES[rng.below(LINES.len() as u64) as usize];
            let _ = writeln!(text, "{day:02}/{month:02}/25 {h:02}.{m:02} - {who}: {line}");
        }
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("chat_{c:06}.txt")), text)?;
    }
    Ok(bytes)
}

fn write_bookings(path: &Path, rows: usize, rng: &mut Rng) -> std::io::Result<()> {
    let mut text = String::from(
        "No. Booking;Tanggal Booking;Nama Pelanggan;No. HP;Plat;Jenis Kendaraan;Keluhan;Jadwal;SA;Status\n",
    );
    for i in 0..rows {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let _ = writeln!(
            text,
            "BKG-{i:07};{day:02}/{month:02}/2025 09.{:02};Pelanggan {i};0812{:08};BK {} ABC;Avanza;Servis berkala;{day:02}/{month:02}/2025 13.00;Rina;Terkonfirmasi",
            i % 60,
            rng.below(100_000_000),
            1 + i % 9999
        );
    }
    std::fs::write(path, text)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let scale: usize = arg("--scale").map_or(Ok(1), |s| s.parse())?;
    let tmp = tempfile::tempdir()?;
    let dir = arg("--dir").map_or_else(|| tmp.path().to_path_buf(), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    let mut rng = Rng(42);

    let chats = 2_500 * scale;
    let bookings = 5_400 * scale; // bookings + work-order rows of a year, as one sheet
    let t = Instant::now();
    let chat_bytes = write_chats(&dir.join("whatsapp"), chats, &mut rng)?;
    std::fs::create_dir_all(dir.join("sheets"))?;
    write_bookings(&dir.join("sheets").join("booking.csv"), bookings, &mut rng)?;
    println!(
        "generated {chats} chats ({:.1} MB) and {bookings} sheet rows in {:.1} s",
        chat_bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let config = Config::defaults();
    let db = dir.join("bench.duckdb");
    let _ = std::fs::remove_file(&db);
    let mut store = Store::open(&db)?;

    let (inputs, _) = collect_inputs(&[dir.join("whatsapp")])?;
    // Parsing alone (read + parse in parallel), to tell parsing from loading.
    let settings = patuh::ingest::ParseSettings::new(&config, None);
    let t = Instant::now();
    let parsed = {
        use rayon::prelude::*;
        inputs
            .par_iter()
            .filter(|f| {
                let bytes = std::fs::read(&f.canonical).unwrap_or_default();
                patuh::ingest::read_file(&f.canonical, &bytes, &settings).is_ok()
            })
            .count()
    };
    println!(
        "chats:  parsing alone: {parsed} files in {:.2} s = {:.1} MB/s",
        t.elapsed().as_secs_f64(),
        chat_bytes as f64 / 1e6 / t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let batch = import(&mut store, &config, &inputs, None, &NoProgress)?;
    let chat_secs = t.elapsed().as_secs_f64();
    let messages: usize = batch.files.iter().map(|f| f.rows_loaded).sum();
    println!(
        "chats:  {messages} messages in {chat_secs:.2} s = {:.1} MB/s of chat text",
        chat_bytes as f64 / 1e6 / chat_secs
    );

    let (inputs, _) = collect_inputs(&[dir.join("sheets")])?;
    let t = Instant::now();
    for f in &inputs {
        let bytes = std::fs::read(&f.canonical)?;
        patuh::ingest::read_file(&f.canonical, &bytes, &settings).map_err(|e| e.to_string())?;
    }
    println!(
        "sheets: parsing alone in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let batch = import(&mut store, &config, &inputs, None, &NoProgress)?;
    let sheet_secs = t.elapsed().as_secs_f64();
    let rows: usize = batch.files.iter().map(|f| f.rows_loaded).sum();
    println!(
        "sheets: {rows} rows in {sheet_secs:.2} s = {:.0} rows/s",
        rows as f64 / sheet_secs
    );

    let csv = dir.join("sheets").join("booking.csv");
    let t = Instant::now();
    store.conn().execute_batch(&format!(
        "create table bench_read_csv as select * from read_csv('{}', delim = ';', header = true)",
        csv.display()
    ))?;
    let duck_secs = t.elapsed().as_secs_f64();
    let n: i64 = store
        .conn()
        .query_row("select count(*) from bench_read_csv", [], |r| r.get(0))?;
    println!(
        "duckdb read_csv on the same rows: {n} rows in {duck_secs:.2} s = {:.0} rows/s; patuh/read_csv time ratio {:.1}x",
        n as f64 / duck_secs,
        sheet_secs / duck_secs
    );
    Ok(())
}
