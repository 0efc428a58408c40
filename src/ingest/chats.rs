//! Parsed chats to raw message rows: which side each sender is on, and what the file name and
//! the customer's sender name say about the customer (phone, plate).

use super::record::{Parsed, Quarantined, Val};
use super::values::{find_plate, normalise_phone};
use super::vocab::fold;
use super::whatsapp::{Chat, contact_of_file_name};
use std::collections::{HashMap, HashSet};

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
        let is_business = |s: &str| business.contains(s) && !same_person(s, &contact);
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
        let name: std::sync::Arc<str> = f.name.as_str().into();
        let phone: Option<std::sync::Arc<str>> = customer_phone.as_deref().map(Into::into);
        let plate_shared: Option<std::sync::Arc<str>> = plate.as_deref().map(Into::into);
        // Senders repeat on every message: their side and their name are worked out once.
        let mut senders: std::collections::HashMap<&str, (std::sync::Arc<str>, &'static str)> =
            Default::default();
        let rows = &mut parsed.table("raw_message").rows;
        rows.reserve(f.chat.messages.len());
        for m in &f.chat.messages {
            let (sender, side) = match m.sender.as_deref() {
                Some(s) => {
                    let (shared, side) = senders.entry(s).or_insert_with(|| {
                        (
                            s.into(),
                            if is_business(s) {
                                "business"
                            } else {
                                "customer"
                            },
                        )
                    });
                    (
                        Val::Shared(shared.clone()),
                        if m.system { "system" } else { *side },
                    )
                }
                None => (Val::Null, "system"),
            };
            rows.push((
                f.entry.clone(),
                m.line,
                vec![
                    Val::Shared(name.clone()),
                    Val::Time(m.at),
                    sender,
                    Val::Shared(side_text(side)),
                    Val::Text(m.text.clone()),
                    Val::text(m.media.map(str::to_string)),
                    Val::Bool(m.deleted),
                    Val::Bool(m.edited),
                    shared_or_null(&phone),
                    shared_or_null(&plate_shared),
                ],
            ));
        }
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

fn shared_or_null(v: &Option<std::sync::Arc<str>>) -> Val {
    v.clone().map_or(Val::Null, Val::Shared)
}

/// The three side names, allocated once.
fn side_text(side: &'static str) -> std::sync::Arc<str> {
    static SIDES: std::sync::LazyLock<[std::sync::Arc<str>; 3]> =
        std::sync::LazyLock::new(|| ["business".into(), "customer".into(), "system".into()]);
    match side {
        "business" => SIDES[0].clone(),
        "customer" => SIDES[1].clone(),
        _ => SIDES[2].clone(),
    }
}
