//! WhatsApp chat exports (Android and iOS, Indonesian and English settings) parsed into
//! messages that keep their line number.
//!
//! A message starts at a header line (`22/04/25 09.15 - Name: text`, `[4/22/25, 9:15:03 AM] Name:
//! text`); the lines after it until the next header belong to it. Day/month order is decided per
//! file from its values. Invisible marks (U+FEFF, U+200E, U+202A…) are dropped before matching.

use super::values::{DayMonth, decide_day_month, parse_date_only, parse_time_only, plain_clock};
use chrono::NaiveDateTime;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage {
    /// 1-based line of the header in the file.
    pub line: usize,
    pub at: NaiveDateTime,
    /// `None` for a system line without an author.
    pub sender: Option<String>,
    pub text: String,
    /// Encryption notices, group events, security-code changes, business notices.
    pub system: bool,
    /// photo, video, audio, sticker, gif, document, contact, location, media.
    pub media: Option<&'static str>,
    pub deleted: bool,
    pub edited: bool,
}

/// A header-shaped line whose date or time is impossible.
#[derive(Debug, Clone, PartialEq)]
pub struct BadLine {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Chat {
    pub messages: Vec<ChatMessage>,
    /// `android` or `ios` (bracketed headers).
    pub layout: &'static str,
    pub day_month: DayMonth,
    /// Lines that could not be placed: before the first header, or a header with a bad date.
    pub bad_lines: Vec<BadLine>,
    /// Lines read (every line of the file).
    pub lines: usize,
    /// What the reader decided that a user should hear (dates read year first).
    pub notes: Vec<String>,
}

static BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+(\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)(\s*[AaPp]\.?\s?[Mm]\.?)?\]\s?(.*)$").unwrap()
});
static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+(?:klo\s+)?(\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)(\s*[AaPp]\.?\s?[Mm]\.?)?\s*(?:[-–]\s|:\s)(.*)$").unwrap()
});

/// Drops the marks WhatsApp and editors add: BOM, LRM/RLM, embedding controls; folds narrow
/// and non-breaking spaces to plain spaces.
pub fn clean_line(line: &str) -> String {
    let line = line.strip_suffix('\r').unwrap_or(line);
    // Most lines carry no marks: copy them as they are.
    if line.is_ascii() {
        return line.to_string();
    }
    line.chars()
        .filter(|c| !matches!(c, '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c == '\u{202f}' || c == '\u{a0}' { ' ' } else { c })
        .collect::<String>()
        .trim_end_matches('\r')
        .to_string()
}

struct Header<'a> {
    date: &'a str,
    time: &'a str,
    ampm: Option<&'a str>,
    rest: &'a str,
    bracket: bool,
}

fn header(line: &str) -> Option<Header<'_>> {
    let first = line.as_bytes().first()?;
    if !(first.is_ascii_digit() || *first == b'[') {
        return None;
    }
    let (c, bracket) = if *first == b'[' {
        (BRACKET.captures(line)?, true)
    } else {
        (PLAIN.captures(line)?, false)
    };
    Some(Header {
        date: c.get(1)?.as_str(),
        time: c.get(2)?.as_str(),
        ampm: c.get(3).map(|m| m.as_str()),
        rest: c.get(4).map_or("", |m| m.as_str()),
        bracket,
    })
}

/// True when the first non-blank line of `text` is a WhatsApp message header (a short chat may
/// have one message whose continuation lines fill the rest), or most of the first lines are.
pub fn looks_like_whatsapp(text: &str) -> bool {
    let lines: Vec<String> = text
        .lines()
        .map(clean_line)
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .collect();
    let headers = lines.iter().filter(|l| header(l).is_some()).count();
    lines.first().is_some_and(|l| header(l).is_some()) || headers >= 3
}

/// Day/month order of a chat's headers, and a note when the dates are year first. A chat is
/// written in time order, so the reading under which the dates go back in time least wins;
/// `25/12/03` read day first would put a December chat in 2003.
fn decide_order(headers: &[Option<Header>]) -> (DayMonth, Option<String>) {
    let decided = decide_day_month(headers.iter().flatten().map(|h| h.date));
    let mut distinct: Vec<&str> = headers.iter().flatten().map(|h| h.date).collect();
    distinct.dedup();
    let two_digit_first = distinct.iter().all(|d| {
        d.split(['/', '.', '-'])
            .next()
            .is_some_and(|first| first.len() == 2)
    });
    if distinct.len() < 2 || !two_digit_first {
        return (decided, None);
    }
    // (dates that do not parse, steps back in time) under one reading.
    let disorder = |order: DayMonth| {
        let (mut bad, mut back, mut prev) = (0usize, 0usize, None);
        for d in &distinct {
            match parse_date_only(d, order) {
                Some(x) => {
                    back += usize::from(prev.is_some_and(|p| x < p));
                    prev = Some(x);
                }
                None => bad += 1,
            }
        }
        (bad, back)
    };
    let (usual, year_first) = (disorder(decided), disorder(DayMonth::YearFirst));
    if year_first < usual {
        let note = format!(
            "dates read as two-digit year first (yy/mm/dd): read {} they would go back in time {} times{}",
            if decided == DayMonth::MonthFirst {
                "month first"
            } else {
                "day first"
            },
            usual.1,
            if usual.0 > 0 {
                format!(" and {} would not be dates", usual.0)
            } else {
                String::new()
            }
        );
        return (DayMonth::YearFirst, Some(note));
    }
    (decided, None)
}

/// Parses a whole export. `order` forces day/month order; `None` decides from the file.
pub fn parse(text: &str, order: Option<DayMonth>) -> Chat {
    let lines: Vec<String> = text.lines().map(clean_line).collect();
    let headers: Vec<Option<Header>> = lines.iter().map(|l| header(l)).collect();
    let (day_month, note) = match order {
        Some(o) => (o, None),
        None => decide_order(&headers),
    };
    let bracketed = headers.iter().flatten().filter(|h| h.bracket).count();
    let layout = if bracketed * 2 > headers.iter().flatten().count() {
        "ios"
    } else {
        "android"
    };

    let mut messages: Vec<ChatMessage> = Vec::new();
    let mut bad_lines = Vec::new();
    // Continuation lines attach to the last message, unless the last header was bad.
    let mut attach = false;
    let mut dates = std::collections::HashMap::new();
    for (i, (line, h)) in lines.iter().zip(&headers).enumerate() {
        let line_no = i + 1;
        match h {
            Some(h) => match stamp(h, day_month, &mut dates) {
                Some(at) => {
                    messages.push(message(line_no, at, h.rest));
                    attach = true;
                }
                None => {
                    bad_lines.push(BadLine {
                        line: line_no,
                        text: line.clone(),
                        reason: format!(
                            "line {line_no}: \"{} {}\" is not a date and time",
                            h.date, h.time
                        ),
                    });
                    attach = false;
                }
            },
            None => {
                if attach {
                    let last = messages.last_mut().expect("attach implies a message");
                    last.text.push('\n');
                    last.text.push_str(line);
                } else if !line.trim().is_empty() {
                    bad_lines.push(BadLine {
                        line: line_no,
                        text: line.clone(),
                        reason: format!(
                            "line {line_no}: expected a message line starting with a date and time"
                        ),
                    });
                }
            }
        }
    }
    for m in &mut messages {
        let trimmed = m.text.trim_end_matches('\n').to_string();
        m.text = trimmed;
        classify_markers(m);
    }
    Chat {
        messages,
        layout,
        day_month,
        bad_lines,
        lines: lines.len(),
        notes: note.into_iter().collect(),
    }
}

/// Message headers repeat their date many times a day: each distinct date is parsed once.
fn stamp<'a>(
    h: &Header<'a>,
    order: DayMonth,
    dates: &mut std::collections::HashMap<&'a str, Option<chrono::NaiveDate>>,
) -> Option<NaiveDateTime> {
    let date = (*dates
        .entry(h.date)
        .or_insert_with(|| parse_date_only(h.date, order)))?;
    let time = match h.ampm {
        Some(ap) => parse_time_only(&format!("{} {}", h.time, ap.trim()))?,
        None => plain_clock(h.time).or_else(|| parse_time_only(h.time))?,
    };
    Some(date.and_time(time))
}

/// Phrases of system events that iOS files under the contact's name, matched by prefix
/// (wording changes between app versions).
const SYSTEM_TEXT: &[&str] = &[
    "messages and calls are end-to-end encrypted",
    "messages to this group are now secured",
    "pesan dan panggilan terenkripsi",
    "pesan yang dikirim ke grup ini",
    "your security code with",
    "kode keamanan anda dengan",
    "this business uses a secure service",
    "bisnis ini menggunakan layanan aman",
    "this chat is with a business account",
    "chat ini dengan akun bisnis",
    "this business is now using",
    "missed voice call",
    "missed video call",
    "panggilan suara tak terjawab",
    "panggilan video tak terjawab",
    "you blocked this contact",
    "anda memblokir kontak ini",
    "you unblocked this contact",
    "anda membuka blokir kontak ini",
    "disappearing messages were turned",
    "disappearing messages are",
    "pesan sementara diaktifkan",
    "pesan sementara dinonaktifkan",
    "pesan sementara telah",
    "tap to learn more",
    "ketuk untuk info selengkapnya",
    "this business account has now registered",
    "akun bisnis ini sekarang",
];

/// Phrases of system events that iOS files under the contact's name and that begin with the
/// contact's own name ("Budi changed their phone number…"), matched anywhere in the text.
const SYSTEM_TEXT_WITHIN: &[&str] = &[
    "turned on disappearing messages",
    "turned off disappearing messages",
    "mengaktifkan pesan sementara",
    "menonaktifkan pesan sementara",
    "changed their phone number",
    "changed to a new number",
    "is now using a new number",
    "mengganti nomor teleponnya",
    "telah mengganti nomor telepon",
    "telah berganti nomor",
];

/// Words that mark an authorless event line mistaken for `Name: text` ("Budi changed the
/// subject to "A: B""). Matched as whole words after the first (the actor), so a sender named
/// "Keluarga Budi" or "Lefty" is a person.
const SYSTEM_VERBS: &[&str] = &[
    "changed",
    "created",
    "added",
    "removed",
    "left",
    "joined",
    "mengubah",
    "membuat",
    "menambahkan",
    "mengeluarkan",
    "keluar",
    "bergabung",
];

fn is_event_sender(sender: &str) -> bool {
    let lower = sender.to_lowercase();
    if lower.contains("security code") || lower.contains("kode keamanan") {
        return true;
    }
    lower
        .split_whitespace()
        .skip(1)
        .any(|w| SYSTEM_VERBS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

fn message(line: usize, at: NaiveDateTime, rest: &str) -> ChatMessage {
    let (sender, text) = match split_sender(rest) {
        Some((s, t)) => (Some(s.to_string()), t.to_string()),
        None => (None, rest.to_string()),
    };
    let folded = text.trim().to_lowercase();
    let system = sender.is_none()
        || SYSTEM_TEXT.iter().any(|p| folded.starts_with(p))
        || (folded.len() < 200 && SYSTEM_TEXT_WITHIN.iter().any(|p| folded.contains(p)));
    ChatMessage {
        line,
        at,
        sender,
        text,
        system,
        media: None,
        deleted: false,
        edited: false,
    }
}

fn split_sender(rest: &str) -> Option<(&str, &str)> {
    let i = rest.find(':')?;
    let sender = rest[..i].trim();
    if sender.is_empty() || sender.chars().count() > 60 {
        return None;
    }
    if is_event_sender(sender) {
        return None;
    }
    let text = &rest[i + 1..];
    Some((sender, text.strip_prefix(' ').unwrap_or(text)))
}

const MEDIA_TEXT: &[(&str, &str)] = &[
    ("<media omitted>", "media"),
    ("<media tidak disertakan>", "media"),
    ("image omitted", "photo"),
    ("gambar tidak disertakan", "photo"),
    ("foto tidak disertakan", "photo"),
    ("video omitted", "video"),
    ("video tidak disertakan", "video"),
    ("audio omitted", "audio"),
    ("audio tidak disertakan", "audio"),
    ("sticker omitted", "sticker"),
    ("stiker tidak disertakan", "sticker"),
    ("gif omitted", "gif"),
    ("gif tidak disertakan", "gif"),
    ("document omitted", "document"),
    ("dokumen tidak disertakan", "document"),
    ("contact card omitted", "contact"),
    ("kartu kontak tidak disertakan", "contact"),
];

const DELETED_TEXT: &[&str] = &[
    "this message was deleted",
    "you deleted this message",
    "pesan ini telah dihapus",
    "pesan ini dihapus",
    "anda menghapus pesan ini",
];

const EDITED_SUFFIX: &[&str] = &["<this message was edited>", "<pesan ini diedit>"];

fn classify_markers(m: &mut ChatMessage) {
    if m.system {
        return;
    }
    let lower = m.text.trim().to_lowercase();
    for suffix in EDITED_SUFFIX {
        if lower.ends_with(suffix) {
            m.edited = true;
            let keep = m.text.trim_end().len() - suffix.len();
            m.text = m.text[..keep].trim_end().to_string();
        }
    }
    let lower = m.text.trim().to_lowercase();
    let first_line = lower.lines().next().unwrap_or("");
    if DELETED_TEXT
        .iter()
        .any(|d| first_line.trim_end_matches('.') == d.trim_end_matches('.'))
    {
        m.deleted = true;
        return;
    }
    if let Some((_, kind)) = MEDIA_TEXT.iter().find(|(t, _)| first_line.ends_with(t)) {
        m.media = Some(kind);
    } else if let Some(name) = first_line.strip_prefix("<attached:") {
        m.media = Some(media_of_file(name));
    } else if first_line.ends_with("(file attached)") || first_line.ends_with("(file terlampir)") {
        m.media = Some(media_of_file(first_line));
    } else if first_line.starts_with("location: https://")
        || first_line.starts_with("lokasi: https://")
    {
        m.media = Some("location");
    }
}

fn media_of_file(name: &str) -> &'static str {
    let n = name.to_lowercase();
    if n.contains("photo")
        || n.contains("img-")
        || n.ends_with(".jpg>")
        || n.contains(".jpg")
        || n.contains(".jpeg")
        || n.contains(".png")
    {
        "photo"
    } else if n.contains("sticker") || n.contains("stk-") || n.contains(".webp") {
        "sticker"
    } else if n.contains("video") || n.contains("vid-") || n.contains(".mp4") {
        "video"
    } else if n.contains("audio") || n.contains("ptt-") || n.contains(".opus") || n.contains("aud-")
    {
        "audio"
    } else if n.contains(".vcf") {
        "contact"
    } else if n.contains(".gif") {
        "gif"
    } else {
        "document"
    }
}

/// What a chat file's name says about the customer: "WhatsApp Chat with +62 812-3456-7890",
/// "Chat WhatsApp dengan Budi BK 1234 ABC".
pub fn contact_of_file_name(stem: &str) -> String {
    let mut s = stem.trim().to_string();
    for prefix in [
        "WhatsApp Chat with ",
        "WhatsApp Chat - ",
        "WhatsApp Chat dengan ",
        "Chat WhatsApp dengan ",
        "Chat WhatsApp - ",
        "Chat WhatsApp with ",
        "Chat with ",
        "Chat dengan ",
        "Obrolan WhatsApp dengan ",
    ] {
        if s.to_lowercase().starts_with(&prefix.to_lowercase()) {
            s = s[prefix.len()..].to_string();
            break;
        }
    }
    s.trim().to_string()
}
