//! WhatsApp chat exports (Android and iOS, Indonesian and English settings) parsed into
//! messages that keep their line number.
//!
//! A message starts at a header line (`22/04/25 09.15 - Name: text`, `[4/22/25, 9:15:03 AM] Name:
//! text`); the lines after it until the next header belong to it. Day/month order is decided per
//! file from its values. Invisible marks (U+FEFF, U+200E, U+202A…) are dropped before matching.

use crate::values::{DayMonth, decide_day_month, parse_date_only, parse_time_only, plain_clock};
use chrono::NaiveDateTime;
use rayon::prelude::*;
use regex::Regex;
use std::borrow::Cow;
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

/// Drops the marks WhatsApp and editors add: BOM, LRM/RLM, embedding controls; folds narrow
/// and non-breaking spaces to plain spaces. A line without them is borrowed, not copied: most
/// lines of an export have none.
pub fn clean_line(line: &str) -> Cow<'_, str> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_ascii() {
        return Cow::Borrowed(line);
    }
    if !line.chars().any(|c| is_mark(c) || is_odd_space(c)) {
        return Cow::Borrowed(line.trim_end_matches('\r'));
    }
    let cleaned: String = line
        .chars()
        .filter(|&c| !is_mark(c))
        .map(|c| if is_odd_space(c) { ' ' } else { c })
        .collect();
    Cow::Owned(cleaned.trim_end_matches('\r').to_string())
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_odd_space(c: char) -> bool {
    c == '\u{202f}' || c == '\u{a0}'
}

/// The parts of a message header line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Header<'a> {
    pub date: &'a str,
    pub time: &'a str,
    /// ` PM`, `a.m.` as written (with the spaces before it).
    pub ampm: Option<&'a str>,
    /// `Name: text` or a system line.
    pub rest: &'a str,
    /// iOS: `[date, time] rest`.
    pub bracket: bool,
}

/// Reads a header line. Hand-written because it runs on every line of every export (a regex
/// took two thirds of the parse); it accepts exactly these two shapes (tested against them):
/// `^\[(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+(\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)(\s*[AaPp]\.?\s?[Mm]\.?)?\]\s?(.*)$`
/// `^(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+(?:klo\s+)?(\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)(\s*[AaPp]\.?\s?[Mm]\.?)?\s*(?:[-–]\s|:\s)(.*)$`
/// with ASCII digits (`\s` is any Unicode white space, as in the regex).
pub fn header(line: &str) -> Option<Header<'_>> {
    let b = line.as_bytes();
    let bracket = *b.first()? == b'[';
    let start = usize::from(bracket);
    let mut i = digits(b, start, 4)?;
    i = byte_in(b, i, b"./-")?;
    i = digits(b, i, 2)?;
    i = byte_in(b, i, b"./-")?;
    i = digits(b, i, 4)?;
    let date = &line[start..i];
    if b.get(i) == Some(&b',') {
        i += 1;
    }
    let spaced = white(line, i, usize::MAX);
    if spaced == i {
        return None; // `\s+` needs one
    }
    i = spaced;
    if !bracket && line[i..].starts_with("klo") && white(line, i + 3, usize::MAX) > i + 3 {
        i = white(line, i + 3, usize::MAX);
    }
    let time_start = i;
    i = digits(b, i, 2)?;
    i = byte_in(b, i, b".:")?;
    i = two_digits(b, i)?;
    if let Some(j) = byte_in(b, i, b".:").and_then(|j| two_digits(b, j)) {
        i = j;
    }
    let time = &line[time_start..i];
    let ampm = am_pm(line, i).map(|end| {
        let written = &line[i..end];
        i = end;
        written
    });
    let rest_start = if bracket {
        i = byte_in(b, i, b"]")?;
        white(line, i, 1)
    } else {
        i = white(line, i, usize::MAX);
        let after = if let Some(j) = byte_in(b, i, b"-:") {
            j
        } else if line[i..].starts_with('–') {
            i + '–'.len_utf8()
        } else {
            return None;
        };
        let j = white(line, after, 1);
        if j == after {
            return None;
        }
        j
    };
    Some(Header {
        date,
        time,
        ampm,
        rest: &line[rest_start..],
        bracket,
    })
}

/// After a run of 1..=`max` ASCII digits at `i`; none when the run is empty or longer (what
/// follows each header part is not a digit, so a longer run never matches).
fn digits(b: &[u8], i: usize, max: usize) -> Option<usize> {
    let n = b
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (1..=max).contains(&n).then_some(i + n)
}

fn two_digits(b: &[u8], i: usize) -> Option<usize> {
    (b.get(i).is_some_and(u8::is_ascii_digit) && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        .then_some(i + 2)
}

fn byte_in(b: &[u8], i: usize, set: &[u8]) -> Option<usize> {
    b.get(i).filter(|c| set.contains(c)).map(|_| i + 1)
}

/// After up to `max` white-space characters from `i`.
fn white(line: &str, i: usize, max: usize) -> usize {
    let mut j = i;
    for c in line[i..].chars().take(max) {
        if !c.is_whitespace() {
            break;
        }
        j += c.len_utf8();
    }
    j
}

/// `\s*[AaPp]\.?\s?[Mm]\.?` at `i`: where it ends.
fn am_pm(line: &str, i: usize) -> Option<usize> {
    let b = line.as_bytes();
    let mut j = white(line, i, usize::MAX);
    j = byte_in(b, j, b"AaPp")?;
    if b.get(j) == Some(&b'.') {
        j += 1;
    }
    j = byte_in(b, white(line, j, 1), b"Mm").or_else(|| byte_in(b, j, b"Mm"))?;
    if b.get(j) == Some(&b'.') {
        j += 1;
    }
    Some(j)
}

/// True when the first non-blank line of `text` is a WhatsApp message header (a short chat may
/// have one message whose continuation lines fill the rest), or most of the first lines are.
pub fn looks_like_whatsapp(text: &str) -> bool {
    let lines: Vec<Cow<str>> = text
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
fn decide_order(mut distinct: Vec<&str>) -> (DayMonth, Option<String>) {
    distinct.dedup();
    // Repeats of a date say nothing more about its order.
    let decided = decide_day_month(distinct.iter().copied());
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
///
/// A large export is read on every core, in two passes over chunks of about a megabyte: the
/// first finds each chunk's lines, header dates and first header line (the day/month order
/// needs every date); the second reads the messages of pieces that each start at a header line
/// (a message never spans two pieces, so they need nothing from each other). No list of every
/// line of the file is ever held.
pub fn parse(text: &str, order: Option<DayMonth>) -> Chat {
    let chunks = chunks(text);
    let scans: Vec<Scan> = chunks.par_iter().map(|c| scan(&text[c.clone()])).collect();
    let dates: Vec<&str> = scans
        .iter()
        .flat_map(|s| s.dates.iter().map(|d| &**d))
        .collect();
    let (day_month, note) = match order {
        Some(o) => (o, None),
        None => decide_order(dates),
    };
    let headers: usize = scans.iter().map(|s| s.headers).sum();
    let bracketed: usize = scans.iter().map(|s| s.bracketed).sum();
    let layout = if bracketed * 2 > headers {
        "ios"
    } else {
        "android"
    };
    // Pieces: from one chunk's first header line to the next's (the first from the start).
    let mut pieces: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    let mut line = 0;
    for (c, s) in chunks.iter().zip(&scans) {
        match (s.first_header, pieces.last_mut()) {
            (Some((at, nth)), Some(last)) => {
                last.0.end = c.start + at;
                pieces.push((c.start + at..c.end, line + nth));
            }
            (None, Some(last)) => last.0.end = c.end,
            (_, None) => pieces.push((c.clone(), 0)),
        }
        line += s.lines;
    }
    let built: Vec<(Vec<ChatMessage>, Vec<BadLine>)> = pieces
        .into_par_iter()
        .map(|(bytes, first_line)| {
            let lines: Vec<Cow<str>> = text[bytes].lines().map(clean_line).collect();
            let headers: Vec<Option<Header>> = lines.iter().map(|l| header(l)).collect();
            read_piece(&lines, &headers, first_line, day_month)
        })
        .collect();
    let mut messages = Vec::with_capacity(built.iter().map(|b| b.0.len()).sum());
    let mut bad_lines = Vec::new();
    for (m, b) in built {
        messages.extend(m);
        bad_lines.extend(b);
    }
    Chat {
        messages,
        layout,
        day_month,
        bad_lines,
        lines: line,
        notes: note.into_iter().collect(),
    }
}

/// Bytes per chunk of a large export (a smaller export is one chunk).
const CHUNK_BYTES: usize = 1 << 20;

/// Byte ranges of about `CHUNK_BYTES`, each ending after a line break (or at the end).
fn chunks(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = match text.as_bytes()[(start + CHUNK_BYTES).min(text.len())..]
            .iter()
            .position(|&b| b == b'\n')
        {
            Some(k) if start + CHUNK_BYTES < text.len() => start + CHUNK_BYTES + k + 1,
            _ => text.len(),
        };
        out.push(start..end);
        start = end;
    }
    out
}

/// What the first pass learns of a chunk.
struct Scan<'a> {
    lines: usize,
    headers: usize,
    bracketed: usize,
    /// Header dates, a repeat of the one before left out (borrowed unless the line had marks).
    dates: Vec<Cow<'a, str>>,
    /// Byte offset and line index of the chunk's first header line.
    first_header: Option<(usize, usize)>,
}

fn scan(chunk: &str) -> Scan<'_> {
    let mut s = Scan {
        lines: 0,
        headers: 0,
        bracketed: 0,
        dates: Vec::new(),
        first_header: None,
    };
    for raw in chunk.lines() {
        let line = clean_line(raw);
        if let Some(h) = header(&line) {
            s.headers += 1;
            s.bracketed += usize::from(h.bracket);
            if s.first_header.is_none() {
                let at = raw.as_ptr() as usize - chunk.as_ptr() as usize;
                s.first_header = Some((at, s.lines));
            }
            if s.dates.last().is_none_or(|d| d != h.date) {
                let start = usize::from(h.bracket);
                s.dates.push(match line {
                    Cow::Borrowed(l) => Cow::Borrowed(&l[start..start + h.date.len()]),
                    Cow::Owned(_) => Cow::Owned(h.date.to_string()),
                });
            }
        }
        s.lines += 1;
    }
    s
}

/// The messages and unplaced lines of one piece, whose first line is `first_line` (0-based)
/// of the file.
fn read_piece(
    lines: &[Cow<str>],
    headers: &[Option<Header>],
    first_line: usize,
    day_month: DayMonth,
) -> (Vec<ChatMessage>, Vec<BadLine>) {
    let mut messages: Vec<ChatMessage> = Vec::new();
    let mut bad_lines = Vec::new();
    let mut reader = MessageReader::default();
    // Continuation lines attach to the last message, unless the last header was bad.
    let mut attach = false;
    for (i, (line, h)) in lines.iter().zip(headers).enumerate() {
        let line_no = first_line + i + 1;
        match h {
            Some(h) => match reader.stamp(h, day_month) {
                Some(at) => {
                    if let Some(last) = messages.last_mut() {
                        reader.finish(last);
                    }
                    messages.push(reader.message(line_no, at, h.rest));
                    attach = true;
                }
                None => {
                    bad_lines.push(BadLine {
                        line: line_no,
                        text: line.to_string(),
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
                        text: line.to_string(),
                        reason: format!(
                            "line {line_no}: expected a message line starting with a date and time"
                        ),
                    });
                }
            }
        }
    }
    if let Some(last) = messages.last_mut() {
        reader.finish(last);
    }
    (messages, bad_lines)
}

/// What a piece's reader remembers between messages: dates and senders repeat on most lines,
/// so each distinct one is worked out once (and the last one is checked before the map).
#[derive(Default)]
struct MessageReader<'a> {
    dates: std::collections::HashMap<&'a str, Option<chrono::NaiveDate>>,
    last_date: Option<(&'a str, Option<chrono::NaiveDate>)>,
    event_senders: std::collections::HashMap<&'a str, bool>,
    last_sender: Option<(&'a str, bool)>,
}

impl<'a> MessageReader<'a> {
    fn stamp(&mut self, h: &Header<'a>, order: DayMonth) -> Option<NaiveDateTime> {
        let date = match self.last_date {
            Some((text, date)) if text == h.date => date,
            _ => {
                let date = *self
                    .dates
                    .entry(h.date)
                    .or_insert_with(|| parse_date_only(h.date, order));
                self.last_date = Some((h.date, date));
                date
            }
        }?;
        let time = match h.ampm {
            Some(ap) => parse_time_only(&format!("{} {}", h.time, ap.trim()))?,
            None => plain_clock(h.time).or_else(|| parse_time_only(h.time))?,
        };
        Some(date.and_time(time))
    }

    fn message(&mut self, line: usize, at: NaiveDateTime, rest: &'a str) -> ChatMessage {
        let (sender, text) = match self.split_sender(rest) {
            Some((s, t)) => (Some(s.to_string()), t.to_string()),
            None => (None, rest.to_string()),
        };
        let trimmed = text.trim();
        let system = sender.is_none()
            || SYSTEM_TEXT.iter().any(|p| starts_with_folded(trimmed, p))
            || (trimmed.len() < 200 && SYSTEM_TEXT_WITHIN.is_match(trimmed));
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

    fn split_sender(&mut self, rest: &'a str) -> Option<(&'a str, &'a str)> {
        let i = rest.find(':')?;
        let sender = rest[..i].trim();
        if sender.is_empty() || sender.chars().count() > 60 {
            return None;
        }
        let event = match self.last_sender {
            Some((known, event)) if known == sender => event,
            _ => {
                let event = *self
                    .event_senders
                    .entry(sender)
                    .or_insert_with(|| is_event_sender(sender));
                self.last_sender = Some((sender, event));
                event
            }
        };
        if event {
            return None;
        }
        let text = &rest[i + 1..];
        Some((sender, text.strip_prefix(' ').unwrap_or(text)))
    }

    /// A message is complete when the next header comes: its trailing blank lines go, and its
    /// markers (deleted, edited, media) are read. The marker phrases are ASCII, so they are
    /// compared ignoring ASCII case, without a lower-cased copy of the text.
    fn finish(&mut self, m: &mut ChatMessage) {
        let kept = m.text.trim_end_matches('\n').len();
        m.text.truncate(kept);
        if m.system {
            return;
        }
        for suffix in EDITED_SUFFIX {
            if ends_with_folded(m.text.trim(), suffix) {
                m.edited = true;
                let keep = m.text.trim_end().len() - suffix.len();
                m.text = m.text[..keep].trim_end().to_string();
            }
        }
        let first_line = m.text.trim().lines().next().unwrap_or("");
        if DELETED_TEXT.iter().any(|d| {
            let line = first_line.trim_end_matches('.');
            line.eq_ignore_ascii_case(d.trim_end_matches('.'))
        }) {
            m.deleted = true;
            return;
        }
        if let Some((_, kind)) = MEDIA_TEXT
            .iter()
            .find(|(t, _)| ends_with_folded(first_line, t))
        {
            m.media = Some(kind);
        } else if starts_with_folded(first_line, "<attached:") {
            m.media = Some(media_of_file(&first_line["<attached:".len()..]));
        } else if ends_with_folded(first_line, "(file attached)")
            || ends_with_folded(first_line, "(file terlampir)")
        {
            m.media = Some(media_of_file(first_line));
        } else if starts_with_folded(first_line, "location: https://")
            || starts_with_folded(first_line, "lokasi: https://")
        {
            m.media = Some("location");
        }
    }
}

/// `text` starts with the lower-case ASCII `prefix`, ignoring ASCII case.
fn starts_with_folded(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `text` ends with the lower-case ASCII `suffix`, ignoring ASCII case.
fn ends_with_folded(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
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
/// contact's own name ("Budi changed their phone number…"), matched anywhere in the text,
/// ignoring case.
static SYSTEM_TEXT_WITHIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        "(?i)",
        "turned on disappearing messages",
        "|turned off disappearing messages",
        "|mengaktifkan pesan sementara",
        "|menonaktifkan pesan sementara",
        "|changed their phone number",
        "|changed to a new number",
        "|is now using a new number",
        "|mengganti nomor teleponnya",
        "|telah mengganti nomor telepon",
        "|telah berganti nomor",
    ))
    .expect("a valid pattern")
});

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
