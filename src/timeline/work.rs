//! What the timeline's phases share: the messages as read, what was read in each, the case
//! each is tied to, and the work so far (`Work`), used by linking (`build`) and writing (`write`).

use super::classify::{Attributes, Lexicon};
use super::link::{self, CaseWindow, ChatLink, Directory};
use crate::config::Config;
use chrono::NaiveDateTime;
use std::collections::HashMap;
use std::sync::Arc;

/// What was read in one message, once: the labels the rules take as read (the lexicon's and
/// the model's sure ones, `Reading::decided`), every kind the lexicon and the model see (for
/// linking), what it states, the time it promises, and its stored attributes.
pub(super) struct Read {
    pub(super) labels: u64,
    pub(super) kinds: u64,
    /// Shared by every message of the same text (one copy per distinct text: every message
    /// of the store waits here until it is written).
    pub(super) attrs: Arc<Attributes>,
    pub(super) promised: Option<NaiveDateTime>,
    /// The stored attributes as JSON text: kept as text from the reading on, since every
    /// message of the store waits here until it is written (a map each was gigabytes at scale);
    /// one text shared by the messages of one distinct text that add nothing of their own.
    pub(super) json: Arc<str>,
}

/// Each message's case (index into the cases) and how it was tied, or none.
pub(super) type Assigned = Vec<Option<(usize, link::MsgLink)>>;

/// A chat message as read. The values a chat repeats on every line (its name, sheet, sender,
/// side, the customer's phone and plate) are shared, not copied per message: every message of
/// the store is held until it is written.
pub(super) struct Msg {
    pub(super) file_id: i32,
    pub(super) sheet: Arc<str>,
    pub(super) row_no: i32,
    pub(super) chat: Arc<str>,
    pub(super) sent_at: NaiveDateTime,
    pub(super) sender: Option<Arc<str>>,
    pub(super) side: Arc<str>,
    pub(super) text: String,
    pub(super) has_media: bool,
    pub(super) phone: Option<Arc<str>>,
    pub(super) plate: Option<Arc<str>>,
}

/// What the rebuild has read and worked out, shared by linking and writing.
pub(super) struct Work<'a> {
    pub(super) config: &'a Config,
    pub(super) lexicon: &'a Lexicon,
    pub(super) default_branch: &'a str,
    pub(super) msgs: &'a [Msg],
    pub(super) chats: &'a [std::ops::Range<usize>],
    pub(super) classified: &'a [Read],
    pub(super) automatic: &'a [bool],
    pub(super) directory: &'a Directory,
    /// A record's branch by (case kind, key).
    pub(super) branch_of: &'a HashMap<(&'a str, &'a str), &'a str>,
}

/// (message index in the chat, case) pairs a message is also tied to (`link::assign_all`).
pub(super) type Shared = link::SharedLinks;

/// A chat's customer, each of its messages' case, the chat's branch when known, and the
/// messages shared with a second case.
pub(super) type ChatLinks<'a> = Vec<(ChatLink, Assigned, Option<&'a str>, Shared)>;

/// Chat-only booking cases made by `chat_only_bookings`.
pub(super) struct ChatBookings<'a> {
    pub(super) cases: Vec<ChatBooking<'a>>,
    /// Chats (by index) holding one: tied to a new customer by their number.
    pub(super) chats: std::collections::HashSet<usize>,
    pub(super) without_phone: i64,
}

pub(super) struct ChatBooking<'a> {
    pub(super) case: usize,
    pub(super) branch: Option<&'a str>,
}

/// The case object a message links to: the follow-up is its own object beside the work order.
pub fn object_id(c: &CaseWindow) -> String {
    match c.kind.as_str() {
        "booking" => format!("booking:{}", c.key),
        "job" => format!("work_order:{}", c.key),
        "followup" => format!("followup:{}", c.key),
        _ => format!("ticket:{}", c.key),
    }
}

/// What a rebuild made, for the summary and `--json`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub cases: Vec<(String, i64)>,
    pub events: i64,
    pub messages: i64,
    /// Messages tied to a case (system notices left out of both counts).
    pub messages_linked: i64,
    pub messages_unlinked: i64,
    pub auto_replies: i64,
    /// Chats by how they were tied to a customer: phone, plate, name, ambiguous, unlinked.
    pub chats: Vec<(String, i64)>,
    /// With several branches whose chats are told apart by WhatsApp name or folder: chats that
    /// match no branch (their messages link to the customer's cases of any branch).
    pub chats_without_branch: i64,
    /// Per source: records (or messages) tied to a case of another source / all of them.
    pub link_rates: Vec<LinkRate>,
    /// Booking cases made from chats alone (a request no booking record covers), and how many
    /// of them have no advisor (no `chat_advisor` configured for their branch).
    pub chat_bookings: i64,
    pub chat_bookings_unattributed: i64,
    /// Booking requests no record covers in chats with no phone number: no case can be keyed.
    pub requests_without_phone: i64,
    /// Seconds per phase of the rebuild, for benchmarks.
    pub timings: Vec<(String, f64)>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct LinkRate {
    pub source: String,
    pub linked: i64,
    pub total: i64,
}
