//! Hostile and clumsy inputs (issue 15): each test is built from a defect's reproduction and
//! checks what a user would see — rows loaded or quarantined with the line named, files
//! refused with a sentence, nothing lost silently.

use crate::support::{patuh, run_into, stderr, stdout, tempdir};
use patuh::config::Config;
use patuh::ingest::batch::{BatchResult, NoProgress, import};
use patuh::ingest::collect_inputs;
use patuh::ingest::load::{FileReport, Status};
use patuh::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fresh(dir: &Path) -> Store {
    Store::open(&dir.join("p.duckdb")).unwrap()
}

fn import_with(store: &mut Store, config: &Config, paths: &[PathBuf]) -> BatchResult {
    let (inputs, _) = collect_inputs(paths).unwrap();
    import(store, config, &inputs, None, &NoProgress).unwrap()
}

fn import_into(store: &mut Store, paths: &[PathBuf]) -> BatchResult {
    import_with(store, &Config::defaults(), paths)
}

fn report<'a>(batch: &'a BatchResult, name: &str) -> &'a FileReport {
    batch
        .files
        .iter()
        .find(|f| f.path.ends_with(name))
        .unwrap_or_else(|| panic!("no report for {name}: {:?}", batch.files))
}

fn strings(store: &Store, sql: &str) -> Vec<String> {
    patuh::store::rows(store.conn(), sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> PathBuf {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
    path.to_path_buf()
}

fn counts(r: &FileReport) -> (usize, usize, usize, usize) {
    (
        r.rows_read,
        r.rows_loaded,
        r.rows_quarantined,
        r.rows_skipped,
    )
}

// 1. An unclosed quote no longer swallows the rest of a CSV.
#[test]
fn an_unclosed_quote_quarantines_its_row_and_the_rows_after_it_load() {
    let dir = tempdir();
    let file = write(
        &dir.path().join("q.csv"),
        "No. Booking,Tanggal Booking,Nama Pelanggan,SA\nB-1,01/03/2025 09.00,Ani,Rina\nB-2,02/03/2025 09.00,\"Budi,Rina\nB-3,03/03/2025 09.00,Cici,Rina\n",
    );
    let mut store = fresh(dir.path());
    let batch = import_into(&mut store, &[file]);
    let r = report(&batch, "q.csv");
    assert_eq!(counts(r), (3, 2, 1, 0), "{r:?}");
    assert_eq!(
        strings(
            &store,
            "select booking_id || ':' || customer_name from raw_booking order by 1"
        ),
        ["B-1:Ani", "B-3:Cici"]
    );
    let reason = strings(&store, "select reason || ' @' || row_no from quarantine");
    assert_eq!(reason.len(), 1);
    assert!(
        reason[0].contains("line 3")
            && reason[0].contains("never closed")
            && reason[0].ends_with("@3"),
        "{reason:?}"
    );
}

#[test]
fn a_quoted_cell_over_several_lines_is_still_one_row() {
    let dir = tempdir();
    let file = write(
        &dir.path().join("multi.csv"),
        "No. Booking,Tanggal Booking,Nama Pelanggan,Catatan\nB-1,01/03/2025 09.00,Ani,\"two\nlines, \"\"quoted\"\"\"\nB-2,02/03/2025 09.00,Budi,-\n",
    );
    let mut store = fresh(dir.path());
    let batch = import_into(&mut store, &[file]);
    assert_eq!(counts(report(&batch, "multi.csv")), (2, 2, 0, 0));
    assert_eq!(
        strings(
            &store,
            "select notes from raw_booking where booking_id = 'B-1'"
        ),
        ["two\nlines, \"quoted\""]
    );
}

// 2. A row whose first cell starts with "Total" is a row when it has its key fields.
#[test]
fn a_total_label_is_a_total_only_without_the_key_fields() {
    let dir = tempdir();
    let file = write(
        &dir.path().join("tiket.csv"),
        "Subjek,No. Tiket,Tanggal,Kategori,CS\nTotal biaya tidak sesuai,INQ-1,03/03/2025 09.00,komplain,Ani\nJumlah servis berkala?,INQ-2,04/03/2025 10.00,umum,Ani\nTotal,,,,\nJumlah: 2 tiket,,,,\n",
    );
    let mut store = fresh(dir.path());
    let batch = import_into(&mut store, &[file]);
    let r = report(&batch, "tiket.csv");
    assert_eq!(counts(r), (4, 2, 0, 2), "{r:?}");
    assert_eq!(
        strings(&store, "select subject from raw_ticket order by ticket_id"),
        ["Total biaya tidak sesuai", "Jumlah servis berkala?"]
    );
    // The label in the key column itself ("Total" as the work order number) is a total.
    let wo = write(
        &dir.path().join("wo.csv"),
        "No. WO,Status,Waktu,Total Biaya\nWO-1,masuk,03/03/2025 09.00,100000\nTotal,,,100000\n",
    );
    let batch = import_into(&mut store, &[wo]);
    assert_eq!(counts(report(&batch, "wo.csv")), (2, 1, 0, 1));
}

/// The peak resident memory of a child process, polled from /proc until it exits.
fn run_measured(
    mut cmd: std::process::Command,
    limit: Duration,
) -> (std::process::Output, u64, Duration) {
    let started = Instant::now();
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            for line in text.lines() {
                if let Some(v) = line.strip_prefix("VmHWM:") {
                    let kb: u64 = v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                    peak_kb = peak_kb.max(kb);
                }
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let elapsed = started.elapsed();
    (child.wait_with_output().unwrap(), peak_kb * 1024, elapsed)
}

// 3. A zip bomb is refused while it inflates, in bounded memory and time.
#[test]
fn a_zip_bomb_is_refused_within_seconds_in_bounded_memory() {
    let dir = tempdir();
    let bomb = dir.path().join("WhatsApp Chat with +62 812-7777-8888.zip");
    {
        let file = std::fs::File::create(&bomb).unwrap();
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9))
            .large_file(true);
        zip.start_file("WhatsApp Chat with +62 812-7777-8888.txt", options)
            .unwrap();
        let line =
            b"01/03/25 09.15 - Budi: halo kak, mau tanya jadwal servis untuk besok pagi ya\n";
        let block: Vec<u8> = line
            .iter()
            .copied()
            .cycle()
            .take(line.len() * 13_000)
            .collect();
        let mut written = 0u64;
        while written < 1 << 30 {
            zip.write_all(&block).unwrap();
            written += block.len() as u64;
        }
        zip.finish().unwrap();
    }
    let compressed = std::fs::metadata(&bomb).unwrap().len();
    assert!(
        compressed < 20 << 20,
        "the bomb is small: {compressed} bytes"
    );
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_patuh"));
    cmd.current_dir(dir.path())
        .args(["--db", "s.duckdb", "import"])
        .arg(&bomb);
    let (out, peak, elapsed) = run_measured(cmd, Duration::from_secs(60));
    let text = format!("{}{}", stdout(&out), stderr(&out));
    eprintln!(
        "zip bomb: {compressed} bytes, refused in {elapsed:?}, peak {} MB",
        peak >> 20
    );
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("zip bomb"), "{text}");
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    assert!(peak < 600 << 20, "peak memory {} MB", peak >> 20);
}

#[test]
fn a_small_zip_entry_over_the_configured_size_is_refused_by_name() {
    let dir = tempdir();
    let path = dir.path().join("chat.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("chat.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    for i in 0..40_000 {
        writeln!(
            zip,
            "01/03/25 09.15 - Budi: pesan nomor {i} dengan teks yang cukup panjang"
        )
        .unwrap();
    }
    zip.finish().unwrap();
    let config =
        Config::parse("[import]\nmax_zip_entry_mb = 1\n", Path::new("patuh.toml")).unwrap();
    let mut store = fresh(dir.path());
    let batch = import_with(&mut store, &config, &[path]);
    let r = report(&batch, "chat.zip");
    assert_eq!(r.status, Status::Failed);
    assert!(
        r.warnings[0].contains("chat.txt") && r.warnings[0].contains("max_zip_entry_mb"),
        "{r:?}"
    );
    assert_eq!(count(&store, "select count(*) from raw_message"), 0);
}

#[test]
fn devices_and_pipes_are_refused_not_read_forever() {
    let dir = tempdir();
    let folder = dir.path().join("in");
    std::fs::create_dir_all(&folder).unwrap();
    let fifo = folder.join("WhatsApp Chat with Budi.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_patuh"));
    cmd.current_dir(dir.path())
        .args(["--db", "s.duckdb", "import", "/dev/zero"])
        .arg(&folder);
    let (out, _, _) = run_measured(cmd, Duration::from_secs(30));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}{}", stderr(&out));
    assert!(text.contains("/dev/zero"), "{text}");
    assert!(text.contains("not a regular file"), "{text}");
    if made.is_ok_and(|s| s.success()) {
        assert!(
            text.matches("not a regular file").count() >= 2,
            "the pipe is refused too: {text}"
        );
    }
}

const CHAT: &str = "01/03/25 09.15 - Budi: halo kak mau booking servis\n01/03/25 09.17 - GSI Medan: baik kak, untuk kapan?\n01/03/25 09.20 - Budi: besok jam 9\n";

// 4. The same content twice in one batch is loaded once, as across imports.
#[test]
fn duplicate_content_in_one_batch_is_loaded_once_as_across_imports() {
    let dir = tempdir();
    let a = write(&dir.path().join("a/WhatsApp Chat with Budi.txt"), CHAT);
    write(&dir.path().join("backup/WhatsApp Chat with Budi.txt"), CHAT);
    let mut together = fresh(dir.path());
    let batch = import_into(
        &mut together,
        &[dir.path().join("a"), dir.path().join("backup")],
    );
    let dup = report(&batch, "backup/WhatsApp Chat with Budi.txt");
    assert_eq!(dup.status, Status::Unchanged, "{dup:?}");
    assert_eq!(
        dup.kind,
        Some(patuh::ingest::SourceKind::Whatsapp),
        "the kind of its first copy"
    );
    assert!(
        dup.warnings[0].contains("a/WhatsApp Chat with Budi.txt")
            && dup.warnings[0].contains("not loaded twice"),
        "{dup:?}"
    );
    let one_batch = count(&together, "select count(*) from raw_message");
    let separate_dir = tempdir();
    let mut separate = fresh(separate_dir.path());
    import_into(&mut separate, &[a]);
    import_into(&mut separate, &[dir.path().join("backup")]);
    assert_eq!(one_batch, 3);
    assert_eq!(
        count(&separate, "select count(*) from raw_message"),
        one_batch
    );
}

// 5. A failed file is in `patuh check` and the report, and `patuh run` exits 2.
#[test]
fn a_file_that_fails_to_import_is_reported_and_run_exits_2() {
    let dir = tempdir();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    for entry in std::fs::read_dir(crate::timeline::fixtures()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, inputs.join(p.file_name().unwrap())).unwrap();
    }
    write(
        &inputs.join("spk_semester1.xlsx"),
        b"this is not a workbook",
    );
    let out = dir.path().join("out");
    let o = run_into(dir.path(), &inputs);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 of"), "{}", stderr(&o));
    let html =
        std::fs::read_to_string(out.join("laporan-2025-H1.html")).expect("the report is written");
    let at = html
        .find("id=\"failed-files\"")
        .expect("the failed-files table");
    assert!(
        html[at..].contains("spk_semester1.xlsx"),
        "the file is named"
    );
    assert!(
        html[at..].contains("cannot be read as a spreadsheet"),
        "with its reason"
    );
    let check = patuh(dir.path(), &["--db", "s.duckdb", "check"]);
    assert!(
        stdout(&check).contains("1 files could not be imported"),
        "{}",
        stdout(&check)
    );
    assert!(stdout(&check).contains("spk_semester1.xlsx"));
    // Fixed (the broken file replaced by a good one), the folder imports clean and the
    // failure leaves the list.
    std::fs::remove_file(inputs.join("spk_semester1.xlsx")).unwrap();
    let o = patuh(
        dir.path(),
        &[
            "--db",
            "s.duckdb",
            "--quiet",
            "import",
            inputs.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let check = patuh(dir.path(), &["--db", "s.duckdb", "check"]);
    assert!(
        !stdout(&check).contains("could not be imported"),
        "{}",
        stdout(&check)
    );
}

// 6. A changed file whose new content equals another file loses its old rows.
#[test]
fn a_file_changed_to_another_files_content_keeps_none_of_its_old_rows() {
    let dir = tempdir();
    let x = "No. Booking,Tanggal Booking,Nama Pelanggan\nB-1,01/03/2025 09.00,Ani\n";
    let y = "No. Booking,Tanggal Booking,Nama Pelanggan\nB-9,02/03/2025 09.00,Yusuf\n";
    let a = write(&dir.path().join("a.csv"), x);
    let b = write(&dir.path().join("b.csv"), y);
    let mut store = fresh(dir.path());
    import_into(&mut store, &[a.clone(), b.clone()]);
    assert_eq!(count(&store, "select count(*) from raw_booking"), 2);
    write(&b, x);
    let batch = import_into(&mut store, &[a, b]);
    let r = report(&batch, "b.csv");
    assert_eq!(r.status, Status::Replaced, "{r:?}");
    assert!(
        r.warnings[0].contains("now holds the same content as"),
        "{r:?}"
    );
    assert_eq!(
        strings(&store, "select booking_id from raw_booking"),
        ["B-1"],
        "B-9 is gone with b.csv's old content, B-1 is not loaded twice"
    );
    assert_eq!(count(&store, "select count(*) from import_file"), 1);
}

// 7. One invalid byte no longer turns a UTF-8 file into Windows-1252.
#[test]
fn one_bad_byte_is_replaced_and_the_rest_stays_utf8() {
    let dir = tempdir();
    let mut bytes = "No. Booking,Tanggal Booking,Nama Pelanggan,Catatan\nB-1,01/03/2025 09.00,Séptian Ñoñó,✓ sudah\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"B-2,02/03/2025 09.00,Budi \xff,-\n");
    let file = write(&dir.path().join("utf8.csv"), &bytes);
    let mut store = fresh(dir.path());
    let batch = import_into(&mut store, &[file]);
    let r = report(&batch, "utf8.csv");
    assert_eq!(
        strings(
            &store,
            "select customer_name from raw_booking order by booking_id"
        ),
        ["Séptian Ñoñó", "Budi \u{fffd}"]
    );
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("1 byte sequence was not valid UTF-8")),
        "{r:?}"
    );
    // A file Excel wrote in Windows-1252 is still read as such.
    let cp = write(
        &dir.path().join("cp1252.csv"),
        b"No. Booking,Tanggal Booking,Nama Pelanggan\nB-3,03/03/2025 09.00,Andr\xe9\n",
    );
    import_into(&mut store, &[cp]);
    assert_eq!(
        strings(
            &store,
            "select customer_name from raw_booking where booking_id = 'B-3'"
        ),
        ["André"]
    );
    // An iOS chat (its lines start with a left-to-right mark) with one bad byte is still an
    // iOS chat: read as Windows-1252, the marks would hide every header.
    let mut chat = "\u{200e}[01/03/25 09.15.00] Budi: halo kak\n\u{200e}[01/03/25 09.16.00] GSI Medan: iya kak\n"
        .as_bytes()
        .to_vec();
    chat.extend_from_slice("\u{200e}[01/03/25 09.17.00] Budi: ok \u{fe}".as_bytes());
    chat.extend_from_slice(b"\xfe\n");
    let ios = write(&dir.path().join("WhatsApp Chat - Budi.txt"), &chat);
    let batch = import_into(&mut store, &[ios]);
    let r = report(&batch, "WhatsApp Chat - Budi.txt");
    assert_eq!(
        (r.layout.as_deref(), r.rows_loaded),
        (Some("ios"), 3),
        "{r:?}"
    );
}

// 11. Dates outside the plausible years are quarantined, and 0001 is not 2001.
#[test]
fn stray_dates_are_quarantined_with_the_years_named() {
    let dir = tempdir();
    let file = write(
        &dir.path().join("stray.csv"),
        "No. Booking,Tanggal Booking,Nama Pelanggan\nB-1,01/03/2025 09.00,Ani\nB-2,01/01/1900 09.00,Budi\nB-3,31/12/2099 09.00,Cici\nB-4,31/12/9999 09.00,Dodi\nB-5,01/01/0001 09.00,Eka\n",
    );
    let mut store = fresh(dir.path());
    let batch = import_into(&mut store, std::slice::from_ref(&file));
    assert_eq!(counts(report(&batch, "stray.csv")), (5, 1, 4, 0));
    let reasons = strings(&store, "select reason from quarantine order by row_no");
    assert!(
        reasons
            .iter()
            .all(|r| r.contains("outside the plausible years 2000–")),
        "{reasons:?}"
    );
    assert!(reasons[3].contains("01/01/0001"), "{reasons:?}");
    // The window is configurable.
    let config = Config::parse("[import]\nlatest_year = 2100\n", Path::new("patuh.toml")).unwrap();
    let dir2 = tempdir();
    let mut store = fresh(dir2.path());
    let batch = import_with(&mut store, &config, &[file]);
    assert_eq!(counts(report(&batch, "stray.csv")), (5, 2, 3, 0));
    // A chat message dated 1970 (a phone's clock reset) is a bad line, not a message.
    let chat = write(
        &dir.path().join("WhatsApp Chat with Ani.txt"),
        "01/03/25 09.15 - Ani: halo\n01/01/1970 00.00 - Ani: ping\n",
    );
    let batch = import_into(&mut store, &[chat]);
    let r = report(&batch, "WhatsApp Chat with Ani.txt");
    assert_eq!((r.rows_loaded, r.rows_quarantined), (1, 1), "{r:?}");
}

// 12. --config naming a folder is an error, not the built-in defaults.
#[test]
fn config_naming_a_folder_is_refused() {
    let dir = tempdir();
    let o = patuh(dir.path(), &["--config", ".", "rules"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("names a folder"), "{}", stderr(&o));
}

// 13. WhatsApp parser cases found against other parsers' fixtures.
#[test]
fn a_short_chat_with_continuation_lines_is_a_chat() {
    use patuh::ingest::whatsapp::{looks_like_whatsapp, parse};
    let text = "12/05/2025, 10:01 - Budi: selamat pagi\nsaya mau tanya\nbiaya servis berkala\n";
    assert!(looks_like_whatsapp(text));
    let chat = parse(text, None);
    assert_eq!(chat.messages.len(), 1);
    assert_eq!(
        chat.messages[0].text,
        "selamat pagi\nsaya mau tanya\nbiaya servis berkala"
    );
    assert!(!looks_like_whatsapp("Laporan bulanan\nMei 2025\n"));
}

#[test]
fn kind_whatsapp_is_honoured_for_a_zip() {
    let dir = tempdir();
    let path = dir.path().join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("chat.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"Ekspor dari ponsel kantor\n01/03/25 09.15 - Budi: halo\n")
        .unwrap();
    zip.finish().unwrap();
    let plain = patuh(dir.path(), &["--db", "a.duckdb", "import", "export.zip"]);
    assert_eq!(plain.status.code(), Some(2));
    assert!(
        stdout(&plain).contains("holds no WhatsApp chat"),
        "{}",
        stdout(&plain)
    );
    let forced = patuh(
        dir.path(),
        &[
            "--db",
            "b.duckdb",
            "--json",
            "import",
            "--kind",
            "whatsapp",
            "export.zip",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&forced)).expect("json summary");
    let file = &json["files"][0];
    assert_eq!(file["status"], "loaded", "{json}");
    assert_eq!(
        (
            file["rows_loaded"].as_u64(),
            file["rows_quarantined"].as_u64()
        ),
        (Some(1), Some(1))
    );
}

#[test]
fn senders_named_keluarga_or_left_are_people_and_ios_events_are_system() {
    use patuh::ingest::whatsapp::parse;
    let text = "[01/03/25 09.15.00] Keluarga Sitepu: mau tanya servis\n[01/03/25 09.16.00] Lefty Tan: saya juga\n[01/03/25 09.17.00] Budi left\n[01/03/25 09.18.00] Sitepu: Disappearing messages were turned off. Tap to change.\n[01/03/25 09.19.00] Sitepu: Sitepu changed their phone number to a new number. Tap to message or add the new number.\n[01/03/25 09.20.00] Sitepu: Pesan sementara dinonaktifkan.\n[01/03/25 09.21.00] Sitepu: nomor saya ganti ya kak\n";
    let chat = parse(text, None);
    let seen: Vec<(Option<&str>, bool)> = chat
        .messages
        .iter()
        .map(|m| (m.sender.as_deref(), m.system))
        .collect();
    assert_eq!(
        seen,
        [
            (Some("Keluarga Sitepu"), false),
            (Some("Lefty Tan"), false),
            (None, true),
            (Some("Sitepu"), true),
            (Some("Sitepu"), true),
            (Some("Sitepu"), true),
            (Some("Sitepu"), false),
        ]
    );
}

#[test]
fn a_two_digit_year_first_chat_is_read_in_the_right_decade_and_said() {
    let dir = tempdir();
    let text = "25/12/29 09.15 - Budi: halo\n25/12/30 10.00 - GSI Medan: iya kak\n25/12/31 08.00 - Budi: jadi besok\n26/01/02 09.00 - Budi: sudah sampai\n";
    let chat = patuh::ingest::whatsapp::parse(text, None);
    let dates: Vec<String> = chat
        .messages
        .iter()
        .map(|m| m.at.format("%Y-%m-%d").to_string())
        .collect();
    assert_eq!(
        dates,
        ["2025-12-29", "2025-12-30", "2025-12-31", "2026-01-02"]
    );
    let file = write(&dir.path().join("WhatsApp Chat with Budi.txt"), text);
    let mut store = fresh(dir.path());
    let batch = import_into(&mut store, &[file]);
    let r = report(&batch, "WhatsApp Chat with Budi.txt");
    assert!(r.warnings.iter().any(|w| w.contains("year first")), "{r:?}");
    // An ordinary day-first chat is not affected.
    let normal = patuh::ingest::whatsapp::parse(
        "29/12/25 09.15 - Budi: halo\n30/12/25 10.00 - Budi: lagi\n02/01/26 09.00 - Budi: ok\n",
        None,
    );
    assert!(normal.notes.is_empty());
    assert_eq!(
        normal.messages[2].at.format("%Y-%m-%d").to_string(),
        "2026-01-02"
    );
}

// 14. Configuration errors found after parsing name the line, the file given, and limits.
#[test]
fn configuration_errors_name_file_line_and_key() {
    let err = |text: &str| {
        Config::parse(text, Path::new("cabang/medan.toml"))
            .map(|_| ())
            .expect_err("an error")
            .to_string()
    };
    let e = err(
        "[organisation]\nname = \"X\"\n\n[[branch]]\nname = \"Medan\"\n[branch.hours]\nmon = \"25:00-26:00\"\n",
    );
    assert!(
        e.starts_with("cabang/medan.toml: line 7, key branch[0].hours.mon"),
        "{e}"
    );
    let e = err(
        "[[rule_override]]\nrule = \"BKG-4.1.2\"\nparam = \"limit_minutes\"\nvalue = 10\neffective_from = \"2026-01-01\"\n\n[[rule_override]]\nrule = \"BKG-9.9\"\nparam = \"limit_minutes\"\nvalue = 10\neffective_from = \"2026-01-01\"\n",
    );
    assert!(
        e.starts_with("cabang/medan.toml: line 8, key rule_override[1].rule"),
        "{e}"
    );
    let e = err(
        "[[rule_override]]\nrule = \"BKG-4.1.2\"\nparam = \"limit_minutes\"\nvalue = -5\neffective_from = \"2026-01-01\"\n",
    );
    assert!(
        e.contains("line 4, key rule_override[0].value") && e.contains("-5"),
        "{e}"
    );
    let e = err("[import]\nmax_zip_ratio = 0\n");
    assert!(
        e.contains("line 2, key import.max_zip_ratio") && e.contains("above 0"),
        "{e}"
    );
    let dir = tempdir();
    write(
        &dir.path().join("latin.toml"),
        b"[organisation]\nname = \"Bengkel Andr\xe9\"\n",
    );
    let o = patuh(dir.path(), &["--config", "latin.toml", "rules"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("latin.toml") && stderr(&o).contains("not UTF-8"),
        "{}",
        stderr(&o)
    );
}

// 15. A store that another run is creating at this instant is waited for, not called foreign.
#[test]
fn a_store_being_created_is_not_called_a_foreign_file() {
    let dir = tempdir();
    let ready = dir.path().join("ready.duckdb");
    drop(Store::open(&ready).unwrap());
    let path = dir.path().join("s.duckdb");
    // What a second run sees while the first is creating the store: a file whose header is not
    // written yet.
    write(&path, vec![0u8; 4096]);
    let (from, to) = (ready.clone(), path.clone());
    let writer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        std::fs::rename(from, to).unwrap();
    });
    let opened = Store::open(&path);
    writer.join().unwrap();
    assert!(opened.is_ok(), "{:?}", opened.err().map(|e| e.to_string()));
    // A foreign file that is not new is named at once.
    let foreign = write(
        &dir.path().join("old.duckdb"),
        b"just some text, not a database at all",
    );
    std::fs::File::options()
        .write(true)
        .open(&foreign)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    let started = Instant::now();
    let e = Store::open(&foreign)
        .map(|_| ())
        .expect_err("refused")
        .to_string();
    assert!(e.contains("not a patuh store"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

// 16. Two columns with the same header: the filled one is used, and the file says so.
#[test]
fn a_repeated_header_takes_the_filled_column_and_warns() {
    let dir = tempdir();
    let file = write(
        &dir.path().join("dup.csv"),
        "No. Booking,Tanggal Booking,Nama Pelanggan,Tanggal Booking\nB-1,,Ani,01/03/2025 09.00\nB-2,02/03/2025 08.00,Budi,02/03/2025 09.00\n",
    );
    let mut store = fresh(dir.path());
    let batch = import_into(&mut store, &[file]);
    let r = report(&batch, "dup.csv");
    assert_eq!(counts(r), (2, 2, 0, 0), "{r:?}");
    assert_eq!(
        strings(
            &store,
            "select strftime(created_at, '%d %H:%M') from raw_booking order by booking_id"
        ),
        ["01 09:00", "02 08:00"]
    );
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("columns B, D are all headed \"Tanggal Booking\"")),
        "{r:?}"
    );
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("row 3:") && w.contains("column B")),
        "{r:?}"
    );
}

// 8 and 10. No formula in the CSV exports; one scorecard per advisor whatever the name.
#[test]
fn exports_carry_no_formula_and_every_advisor_gets_a_scorecard_of_their_own() {
    let dir = tempdir();
    let inputs = dir.path().join("in");
    let long = "Nama Yang Sangat Panjang ".repeat(14);
    let rows = [
        ("=HYPERLINK(\"http://x.example\")", "@SUM(A1:A9)", "Teguh"),
        ("B-2", "-Budi", "TEGUH"),
        ("B-3", "Cici", "Dewi 🌸"),
        ("B-4", "Dodi", "Dewi 🌷"),
        ("B-5", "Eka", long.trim()),
    ];
    let mut csv = String::from("No. Booking;Tanggal Booking;Nama Pelanggan;No. HP;Jadwal;SA\n");
    for (i, (id, name, sa)) in rows.iter().enumerate() {
        csv.push_str(&format!(
            "{id};0{}/03/2025 09.00;{name};0812-1000-000{};0{}/03/2025 10.00;{sa}\n",
            i + 3,
            i + 1,
            i + 5
        ));
    }
    write(&inputs.join("booking.csv"), csv);
    let o = run_into(dir.path(), &inputs);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("out");
    let cases = std::fs::read_to_string(out.join("cases.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(cases.as_bytes());
    let mut cells = Vec::new();
    for rec in reader.records() {
        cells.extend(rec.unwrap().iter().map(str::to_string));
    }
    for bad in ["=", "+", "@"] {
        assert!(
            cells.iter().all(|c| !c.starts_with(bad)),
            "a cell starts with {bad}: {cells:?}"
        );
    }
    assert!(
        cells
            .iter()
            .any(|c| c == "'=HYPERLINK(\"http://x.example\")"),
        "{cells:?}"
    );
    assert!(cells.iter().any(|c| c == "'@SUM(A1:A9)"));
    assert!(cells.iter().any(|c| c == "'-Budi"));
    assert!(
        cells.iter().any(|c| c == "'+6281210000001"),
        "phones stay text: {cells:?}"
    );
    let findings = std::fs::read_to_string(out.join("findings.csv")).unwrap();
    assert!(
        findings.contains("'=HYPERLINK"),
        "the case key in findings.csv"
    );
    // Parquet keeps the values as they are.
    let raw: String = duckdb::Connection::open_in_memory()
        .unwrap()
        .query_row(
            "select min(case_key) from read_parquet(?)",
            [out.join("cases.parquet").to_str().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(raw, "=HYPERLINK(\"http://x.example\")");
    // Scorecards: Teguh and TEGUH are one advisor; the two Dewis and the long name each have
    // their own file, every name under 255 bytes.
    let mut pages: Vec<String> = std::fs::read_dir(out.join("advisor"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html")
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 4, "{pages:?}");
    assert!(pages.iter().all(|p| p.len() < 100), "{pages:?}");
    let index = std::fs::read_to_string(out.join("advisor/index.html")).unwrap();
    for name in ["Teguh", "Dewi 🌸", "Dewi 🌷"] {
        assert!(index.contains(name), "{name} in the index");
    }
    assert!(!index.contains("TEGUH"), "TEGUH is Teguh");
    let file = patuh::report::file_name("Dewi 🌸");
    assert_ne!(file, patuh::report::file_name("Dewi 🌷"));
    assert!(pages.contains(&format!("{file}.html")), "{pages:?}");
}

// 9. Excerpts and evidence shown to the committee mask the names messages introduce.
#[test]
fn shown_text_masks_introduced_names_the_customer_and_phones() {
    use patuh::privacy::mask_text;
    assert_eq!(
        mask_text("Nama: Joko Halim, plat BK 1234 AB", None),
        "Nama: J*** H****, plat BK 1234 AB"
    );
    assert_eq!(
        mask_text("atas nama Sri Rahayu ya kak, hp 0812-3456-7890", None),
        "atas nama S** R***** ya kak, hp ****7890"
    );
    assert_eq!(
        mask_text("ok pak joko, besok jam 9", Some("Joko Halim")),
        "ok pak j***, besok jam 9"
    );
    assert_eq!(
        mask_text(
            "Chat WhatsApp dengan Budi Santoso.txt:12",
            Some("Budi Santoso")
        ),
        "Chat WhatsApp dengan B*** S******.txt:12"
    );
}

#[test]
fn the_sample_reports_quote_no_customer_name_or_phone() {
    let out = crate::support::sample_run().join("out");
    let mut reader = csv::Reader::from_path(out.join("cases.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let (ci, pi) = (
        h.iter().position(|x| x == "customer").unwrap(),
        h.iter().position(|x| x == "phone").unwrap(),
    );
    let mut names = std::collections::BTreeSet::new();
    let mut phones = std::collections::BTreeSet::new();
    let mut advisors = std::collections::BTreeSet::new();
    let ai = h.iter().position(|x| x == "advisor").unwrap();
    for rec in reader.records().map(|r| r.unwrap()) {
        advisors.insert(rec[ai].to_string());
        if rec[ci].split_whitespace().count() >= 2 {
            names.insert(rec[ci].to_string());
        }
        let phone = rec[pi].trim_start_matches('\'');
        if let Some(local) = phone.strip_prefix("+62") {
            phones.insert(format!("+62{local}"));
            phones.insert(format!("0{local}"));
        }
    }
    // An advisor who shares a name with a customer is named as the advisor.
    names.retain(|n| !advisors.contains(n));
    assert!(names.len() > 100 && phones.len() > 100);
    let mut pages = vec![out.join("laporan-2025-H2.html")];
    for e in std::fs::read_dir(out.join("advisor")).unwrap() {
        pages.push(e.unwrap().path());
    }
    let mut leaks = Vec::new();
    // The workbook is the committee's copy too: every cell of every sheet.
    let workbook = out.join("evaluasi-2025-H2.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&workbook).unwrap();
    let mut cells = String::new();
    for name in calamine::Reader::sheet_names(&book) {
        let range = calamine::Reader::worksheet_range(&mut book, &name).unwrap();
        for row in range.rows() {
            for cell in row {
                cells.push_str(&cell.to_string());
                cells.push('\n');
            }
        }
    }
    // Phones are looked for with their spaces and dashes dropped ("+62 812-3000-0001").
    let leaks_in = |text: &str, place: &str| -> Vec<String> {
        let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        names
            .iter()
            .filter(|n| text.contains(n.as_str()))
            .chain(phones.iter().filter(|p| compact.contains(p.as_str())))
            .map(|n| format!("{place}: {n}"))
            .collect()
    };
    leaks.extend(leaks_in(&cells, &workbook.display().to_string()));
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        leaks.extend(leaks_in(&html, &page.display().to_string()));
    }
    assert!(
        leaks.is_empty(),
        "{} leaks: {:?}",
        leaks.len(),
        &leaks[..leaks.len().min(20)]
    );
}
