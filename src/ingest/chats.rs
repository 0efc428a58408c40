//! Parsed chats to raw message rows: which side each sender is on, and what the file name and
//! the customer's sender name say about the customer (phone, plate).

use super::record::{Parsed, Quarantined, RawBatch};
use super::vocab::fold;
use super::whatsapp::ChatMessage;
use super::whatsapp::{Chat, contact_of_file_name};
use crate::values::{find_plate, normalise_phone};
use duckdb::arrow::array::{
    ArrayRef, BooleanBuilder, Int32Builder, StringBuilder, TimestampMicrosecondBuilder,
};
use duckdb::arrow::record_batch::RecordBatch;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// One conversation read from a `.txt` (or a `.txt` inside a `.zip`).
#[derive(Debug, Clone)]
pub struct ChatFile {
    /// The conversation's name: the file (or zip) name without extension.
    pub name: String,
    /// The `.txt` entry inside a zip, for provenance.
    pub entry: Option<String>,
    pub chat: Chat,
}

/// The names of the business side, folded for comparison.
#[derive(Debug, Clone, Default)]
pub struct BusinessNames {
    names: HashSet<String>,
    /// Said in the import summary when the business account was inferred.
    pub inferred: Option<String>,
}

impl BusinessNames {
    pub fn new(configured: impl IntoIterator<Item = String>) -> Self {
        Self {
            names: configured
                .into_iter()
                .map(|n| fold(&n))
                .filter(|n| !n.is_empty())
                .collect(),
            inferred: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn contains(&self, sender: &str) -> bool {
        self.names.contains(&fold(sender))
    }

    /// With no names known, the sender found in most chat files is the business account
    /// (exports come from one phone, so its name is in nearly every file).
    pub fn infer(&mut self, chats: &[&ChatFile]) {
        let mut files_per_sender: HashMap<String, (usize, String)> = HashMap::new();
        for c in chats {
            let senders: HashSet<&str> = c
                .chat
                .messages
                .iter()
                .filter(|m| !m.system)
                .filter_map(|m| m.sender.as_deref())
                .collect();
            for s in senders {
                files_per_sender
                    .entry(fold(s))
                    .or_insert((0, s.to_string()))
                    .0 += 1;
            }
        }
        let best = files_per_sender
            .into_iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(&a.0)));
        // Only a sender present in more than one file, and in most of them, is taken.
        if let Some((key, (n, display))) = best
            && chats.len() > 1
            && n * 2 > chats.len()
        {
            self.names.insert(key);
            self.inferred = Some(format!(
                "no business WhatsApp names configured: took {display:?} (in {n} of {} chat files) as the business account",
                chats.len()
            ));
        }
    }
}

/// The rows of one chat file for `raw_message`, with bad lines quarantined.
pub fn to_parsed(files: &[ChatFile], business: &BusinessNames) -> Parsed {
    let mut parsed = Parsed {
        layout: String::new(),
        ..Parsed::default()
    };
    for f in files {
        parsed.layout = f.chat.layout.to_string();
        let contact = contact_of_file_name(&f.name);
        // The file names the other party, the customer: a sender with that name is the
        // customer even when an advisor (a roster name taken as business) shares it.
        // Each sender's side once per file (a chat has two or three senders, and folding a
        // name per message was a tenth of the import's time).
        let decide = |s: &str| business.contains(s) && !same_person(s, &contact);
        let mut sides: HashMap<&str, bool> = HashMap::new();
        for s in f.chat.messages.iter().filter_map(|m| m.sender.as_deref()) {
            sides.entry(s).or_insert_with(|| decide(s));
        }
        let is_business = |s: &str| sides.get(s).copied().unwrap_or_else(|| decide(s));
        let contact_phone = normalise_phone(&contact)
            .filter(|_| contact.chars().filter(char::is_ascii_digit).count() >= 8);
        let mut customer_phone = contact_phone.map(|p| p.e164);
        let mut plate = find_plate(&contact).map(|p| p.display);
        // The customer's own sender name may be a number or carry a plate ("Budi BK 1234 AB").
        for m in f.chat.messages.iter().filter(|m| !m.system) {
            if let Some(s) = m.sender.as_deref().filter(|s| !is_business(s)) {
                if customer_phone.is_none() && s.chars().filter(char::is_ascii_digit).count() >= 8 {
                    customer_phone = normalise_phone(s).map(|p| p.e164);
                }
                if plate.is_none() {
                    plate = find_plate(s).map(|p| p.display);
                }
            }
        }
        let file = FileFacts {
            chat: &f.name,
            sheet: f.entry.as_deref(),
            phone: customer_phone.as_deref(),
            plate: plate.as_deref(),
        };
        // Large exports are turned into batches on every core.
        let batches: Vec<RecordBatch> = f
            .chat
            .messages
            .par_chunks(BATCH_MESSAGES)
            .map(|chunk| message_batch(chunk, &file, &is_business))
            .collect();
        parsed
            .batches
            .extend(batches.into_iter().map(|batch| RawBatch {
                table: "raw_message",
                batch,
            }));
        parsed.rows_read += f.chat.messages.len() + f.chat.bad_lines.len();
        parsed.rows_loaded += f.chat.messages.len();
        for b in &f.chat.bad_lines {
            parsed.quarantined.push(Quarantined {
                sheet: f.entry.clone(),
                row: b.line,
                reason: b.reason.clone(),
                raw: serde_json::json!({ "line": b.text }).to_string(),
            });
        }
        for note in &f.chat.notes {
            parsed.warn(format!("{}: {note}", f.entry.as_deref().unwrap_or(&f.name)));
        }
        if f.chat.messages.is_empty() {
            parsed.warn(format!(
                "{}: no messages found",
                f.entry.as_deref().unwrap_or(&f.name)
            ));
        }
    }
    parsed
}

/// Whether a sender is the contact the chat file is named after (case and spacing ignored, a
/// duplicate counter such as "Budi (2)" dropped).
fn same_person(sender: &str, contact: &str) -> bool {
    let fold = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let contact = contact.trim();
    let contact = match contact.rfind(" (") {
        Some(i)
            if contact.ends_with(')')
                && contact[i + 2..contact.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_digit()) =>
        {
            &contact[..i]
        }
        _ => contact,
    };
    !contact.is_empty() && fold(sender) == fold(contact)
}

/// Messages per Arrow batch.
const BATCH_MESSAGES: usize = 65_536;

/// What every message row of one chat file repeats.
struct FileFacts<'a> {
    chat: &'a str,
    /// The `.txt` inside a `.zip`.
    sheet: Option<&'a str>,
    phone: Option<&'a str>,
    plate: Option<&'a str>,
}

/// `raw_message` rows (all columns but `file_id`) for some of a file's messages: each text is
/// copied once, into the batch.
fn message_batch(
    messages: &[ChatMessage],
    file: &FileFacts,
    is_business: &(dyn Fn(&str) -> bool + Sync),
) -> RecordBatch {
    let n = messages.len();
    let texts: usize = messages.iter().map(|m| m.text.len()).sum();
    let strings = |bytes: usize| StringBuilder::with_capacity(n, bytes);
    let (mut sheet, mut chat, mut sender, mut side) = (
        strings(file.sheet.map_or(0, str::len) * n),
        strings(file.chat.len() * n),
        strings(16 * n),
        strings(8 * n),
    );
    let (mut text, mut media) = (strings(texts), strings(0));
    let (mut phone, mut plate) = (strings(16 * n), strings(12 * n));
    let mut row_no = Int32Builder::with_capacity(n);
    let mut sent_at = TimestampMicrosecondBuilder::with_capacity(n);
    let (mut deleted, mut edited) = (
        BooleanBuilder::with_capacity(n),
        BooleanBuilder::with_capacity(n),
    );
    // Senders repeat on every message: their side is worked out once.
    let mut sides: HashMap<&str, &'static str> = HashMap::new();
    for m in messages {
        sheet.append_option(file.sheet);
        row_no.append_value(m.line as i32);
        chat.append_value(file.chat);
        sent_at.append_value(m.at.and_utc().timestamp_micros());
        let who = match m.sender.as_deref() {
            Some(s) => {
                let business = *sides.entry(s).or_insert_with(|| {
                    if is_business(s) {
                        "business"
                    } else {
                        "customer"
                    }
                });
                sender.append_value(s);
                if m.system { "system" } else { business }
            }
            None => {
                sender.append_null();
                "system"
            }
        };
        side.append_value(who);
        text.append_value(&m.text);
        media.append_option(m.media);
        deleted.append_value(m.deleted);
        edited.append_value(m.edited);
        phone.append_option(file.phone);
        plate.append_option(file.plate);
    }
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("sheet", Arc::new(sheet.finish())),
        ("row_no", Arc::new(row_no.finish())),
        ("chat", Arc::new(chat.finish())),
        ("sent_at", Arc::new(sent_at.finish())),
        ("sender", Arc::new(sender.finish())),
        ("sender_side", Arc::new(side.finish())),
        ("text", Arc::new(text.finish())),
        ("media", Arc::new(media.finish())),
        ("deleted", Arc::new(deleted.finish())),
        ("edited", Arc::new(edited.finish())),
        ("customer_phone", Arc::new(phone.finish())),
        ("chat_plate", Arc::new(plate.finish())),
    ];
    RecordBatch::try_from_iter(columns).expect("columns of one length")
}
