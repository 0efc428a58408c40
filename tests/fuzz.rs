//! Property tests that keep looking for the hostile-input defects (issue 15): generated CSV
//! files, dates and WhatsApp lines, clean and broken. Every case asserts the accounting
//! invariant — rows read = loaded + quarantined + skipped, and every physical data line is read
//! as a row of its own — and that nothing panics. The case counts are fixed so CI stays within
//! its time budget: six properties of 5,000 cases each, about two seconds.

use patuh::config::Config;
use patuh::ingest::whatsapp::parse;
use patuh::ingest::{Content, ParseSettings, read_file};
use patuh::values::{DayMonth, parse_date_only, parse_stamp};
use proptest::prelude::*;
use std::path::Path;
use std::sync::LazyLock;

static SETTINGS: LazyLock<ParseSettings> =
    LazyLock::new(|| ParseSettings::new(&Config::defaults(), None));

/// A cell as people and exports write it: plain words, dates (good and bad), totals, empty,
/// or a quoted cell holding commas, quotes and line breaks of its own.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9 .:/-]{0,12}",
        Just("Total".to_string()),
        Just("Jumlah".to_string()),
        Just(String::new()),
        "(0[1-9]|[12][0-9]|3[01])/(0[1-9]|1[0-2])/(19|20|99)[0-9]{2} [0-2][0-9]\\.[0-5][0-9]",
        "[A-Za-z]{1,5}\"[A-Za-z ]{0,5}",
        "[A-Za-z ,;\n\"]{0,12}".prop_map(|t| format!("\"{}\"", t.replace('"', "\"\""))),
    ]
}

/// A data line: cells joined by the file's delimiter. Its quotes balance within the line
/// unless a line break inside a quoted cell continues it, which the generator counts.
fn data_line() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(cell(), 1..6)
}

/// Lines a quoted cell spans beyond its first.
fn inner_breaks(cells: &[String]) -> usize {
    cells
        .iter()
        .filter(|c| c.starts_with('"'))
        .map(|c| c.matches('\n').count())
        .sum()
}

fn parsed(name: &str, bytes: &[u8]) -> Option<patuh::ingest::record::Parsed> {
    match read_file(Path::new(name), bytes, &SETTINGS) {
        Ok((_, Content::Rows(p))) => Some(p),
        Ok((_, Content::Chats(_))) => panic!("a .csv is never a chat"),
        Err(_) => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    /// Generated booking logs, with and without one quote that never closes: every physical
    /// data line is read, the quote's line is quarantined, nothing is swallowed.
    #[test]
    fn csv_every_data_line_is_read_once(
        lines in prop::collection::vec(data_line(), 0..25),
        semicolon in any::<bool>(),
        unclosed_at in prop::option::of(0usize..25),
        blank_after in prop::option::of(0usize..25),
    ) {
        let d = if semicolon { ";" } else { "," };
        let mut text = ["No. Booking", "Tanggal Booking", "Nama Pelanggan", "SA"].join(d);
        text.push('\n');
        let mut physical_rows = 0usize;
        let mut unclosed = false;
        for (i, cells) in lines.iter().enumerate() {
            let mut line = cells.join(d);
            // A bare quote at the start of the last cell, never closed: the rest of the file
            // must still be read, so it is placed only after every other quote.
            if unclosed_at == Some(i) && i + 1 == lines.len() {
                line.push_str(d);
                line.push_str("\"Budi");
                unclosed = true;
            }
            if line.trim().is_empty() && inner_breaks(cells) == 0 {
                continue; // a blank line is no row
            }
            text.push_str(&line);
            text.push('\n');
            physical_rows += 1;
            if blank_after == Some(i) {
                text.push('\n');
            }
        }
        if let Some(p) = parsed("fuzz.csv", text.as_bytes()) {
            prop_assert!(p.balanced(), "read {} != {} + {} + {}", p.rows_read, p.rows_loaded, p.quarantined.len(), p.rows_skipped);
            prop_assert_eq!(p.rows_read, physical_rows, "{}", text);
            let never_closed = p.quarantined.iter().filter(|q| q.reason.contains("never closed")).count();
            prop_assert_eq!(never_closed, usize::from(unclosed));
        }
    }

    /// Arbitrary bytes as a CSV: no panic, and whatever is read is accounted for.
    #[test]
    fn csv_arbitrary_bytes_are_accounted_for(
        body in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let mut bytes = b"No. Booking,Tanggal Booking,Nama Pelanggan\n".to_vec();
        bytes.extend(body);
        if let Some(p) = parsed("bytes.csv", &bytes) {
            prop_assert!(p.balanced());
        }
    }

    /// Arbitrary text never panics the date parsers.
    #[test]
    fn dates_arbitrary_text_never_panics(text in "\\PC{0,30}") {
        let _ = parse_stamp(&text, DayMonth::DayFirst);
        let _ = parse_date_only(&text, DayMonth::MonthFirst);
        let _ = parse_date_only(&text, DayMonth::YearFirst);
    }

    /// A date written in any of the forms INPUTS.md lists reads back as itself.
    #[test]
    fn dates_written_forms_read_back(
        y in 2000i32..2035, m in 1u32..=12, d in 1u32..=28, h in 0u32..24, min in 0u32..60,
        form in 0usize..5,
    ) {
        let months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
        let text = match form {
            0 => format!("{d:02}/{m:02}/{y} {h:02}.{min:02}"),
            1 => format!("{d}-{m}-{} {h}:{min:02}", y % 100),
            2 => format!("{y}-{m:02}-{d:02} {h:02}:{min:02}:00"),
            3 => format!("{d} {} {y} pukul {h:02}.{min:02}", months[m as usize - 1]),
            _ => format!("{d:02}.{m:02}.{y}, {h:02}:{min:02}"),
        };
        let want = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
        let got = parse_stamp(&text, DayMonth::DayFirst).map(|s| s.local(chrono_tz::Asia::Jakarta));
        prop_assert_eq!(got, Some(want), "{}", text);
    }
}

/// A line of a chat export: a header (Android or iOS) with a sender and text, a continuation
/// line, or a line of garbage.
#[derive(Debug, Clone)]
enum ChatLine {
    Header(String),
    Continuation(String),
}

fn chat_line() -> impl Strategy<Value = ChatLine> {
    prop_oneof![
        3 => (1u32..=28, 1u32..=12, 20u32..30, 0u32..24, 0u32..60, "[A-Z][a-z]{1,8}", "[a-z ]{0,15}[a-z]", any::<bool>())
            .prop_map(|(d, m, y, h, min, who, text, ios)| ChatLine::Header(if ios {
                format!("[{d:02}/{m:02}/{y} {h:02}.{min:02}.00] {who}: {text}")
            } else {
                format!("{d:02}/{m:02}/{y} {h:02}.{min:02} - {who}: {text}")
            })),
        1 => "[a-z][a-z ,.!?]{0,20}".prop_map(ChatLine::Continuation),
        1 => "[0-9]{1,2}/[0-9]{2}/[0-9]{2} [a-z]{1,6}".prop_map(ChatLine::Continuation),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    /// Every line of a chat is a message header, a continuation of the message before it, or
    /// a bad line with its reason: none is dropped.
    #[test]
    fn whatsapp_every_line_is_accounted_for(lines in prop::collection::vec(chat_line(), 1..40)) {
        let text: String = lines
            .iter()
            .map(|l| match l { ChatLine::Header(t) | ChatLine::Continuation(t) => format!("{t}\n") })
            .collect();
        let chat = parse(&text, Some(DayMonth::DayFirst));
        let in_messages: usize = chat.messages.iter().map(|m| m.text.split('\n').count()).sum();
        prop_assert_eq!(in_messages + chat.bad_lines.len(), lines.len(), "{}", text);
        let headers = lines.iter().filter(|l| matches!(l, ChatLine::Header(_))).count();
        prop_assert_eq!(chat.messages.len(), headers);
    }

    /// Arbitrary text never panics the parser, and what it finds has real line numbers.
    #[test]
    fn whatsapp_arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let chat = parse(&text, None);
        let lines = text.lines().count();
        prop_assert!(chat.messages.iter().all(|m| m.line >= 1 && m.line <= lines));
        prop_assert!(chat.bad_lines.iter().all(|b| b.line >= 1 && b.line <= lines));
    }
}

/// The header shapes as regular expressions: what `whatsapp::header` (hand-written for speed)
/// must accept, part for part.
static PLAIN_HEADER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^([0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}),?\s+(?:klo\s+)?([0-9]{1,2}[.:][0-9]{2}(?:[.:][0-9]{2})?)(\s*[AaPp]\.?\s?[Mm]\.?)?\s*(?:[-–]\s|:\s)(.*)$").unwrap()
});
static BRACKET_HEADER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^\[([0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}),?\s+([0-9]{1,2}[.:][0-9]{2}(?:[.:][0-9]{2})?)(\s*[AaPp]\.?\s?[Mm]\.?)?\]\s?(.*)$").unwrap()
});

/// (date, time, am/pm, rest, bracketed) as the regular expressions read a line.
type HeaderParts<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, bool);

fn header_by_regex(line: &str) -> Option<HeaderParts<'_>> {
    let (c, bracket) = match BRACKET_HEADER.captures(line) {
        Some(c) => (c, true),
        None => (PLAIN_HEADER.captures(line)?, false),
    };
    let part = |i: usize| c.get(i).map(|m| m.as_str());
    Some((part(1)?, part(2)?, part(3), part(4).unwrap_or(""), bracket))
}

fn header_by_hand(line: &str) -> Option<HeaderParts<'_>> {
    patuh::ingest::whatsapp::header(line).map(|h| (h.date, h.time, h.ampm, h.rest, h.bracket))
}

/// Lines near the header shapes: every part present, missing, doubled or bent.
fn header_like() -> impl Strategy<Value = String> {
    let num = "[0-9]{0,5}";
    let sep = prop_oneof![Just("/"), Just("."), Just("-"), Just(":"), Just("")];
    let space = prop_oneof![
        Just(""),
        Just(" "),
        Just("  "),
        Just("\t"),
        Just("\u{2009}"),
        Just(", "),
        Just(",")
    ];
    let ampm = prop_oneof![
        Just(""),
        Just(" PM"),
        Just(" am"),
        Just("a.m."),
        Just(" p. m."),
        Just(" P"),
        Just("pm.")
    ];
    let dash = prop_oneof![
        Just(" - "),
        Just(" – "),
        Just(": "),
        Just("-"),
        Just(" -"),
        Just(":"),
        Just("] "),
        Just("]"),
        Just(" ] ")
    ];
    let date = (any::<bool>(), num, sep.clone(), num, sep, num, space);
    let time = (
        prop_oneof![Just(""), Just("klo ")],
        "[0-9]{0,3}",
        prop_oneof![Just("."), Just(":"), Just("")],
        "[0-9]{0,3}",
        ampm,
        dash,
        "[A-Za-z :]{0,8}",
    );
    (date, time).prop_map(
        |((br, a, s1, b, s2, c, sp), (klo, h, ts, m, ap, d, rest))| {
            format!(
                "{}{a}{s1}{b}{s2}{c}{sp}{klo}{h}{ts}{m}{ap}{d}{rest}",
                if br { "[" } else { "" }
            )
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// The hand-written header reader and the regular expressions agree on every line near
    /// the shapes, part for part.
    #[test]
    fn whatsapp_header_reads_what_the_regex_reads(line in header_like()) {
        prop_assert_eq!(header_by_hand(&line), header_by_regex(&line), "{:?}", line);
    }
}

/// ...and on every line of the real exports and of the sample's chats.
#[test]
fn whatsapp_header_agrees_with_the_regex_on_real_lines() {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    if let Some(shared) = crate::support::shared_dir() {
        files.extend(
            std::fs::read_dir(shared.join("real_formats/whatsapp"))
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
    }
    for layout in ["android", "ios"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_data/whatsapp")
            .join(layout);
        files.extend(
            std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .take(200),
        );
    }
    let mut headers = 0;
    for f in &files {
        let text = patuh::ingest::table::decode_text(&std::fs::read(f).unwrap());
        for line in text.lines() {
            let line = patuh::ingest::whatsapp::clean_line(line);
            assert_eq!(
                header_by_hand(&line),
                header_by_regex(&line),
                "{}: {line:?}",
                f.display()
            );
            headers += usize::from(header_by_regex(&line).is_some());
        }
    }
    assert!(headers > 3_000, "{headers} header lines read");
}
