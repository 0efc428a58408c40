//! What a rule sees of a case: its record fields and its events, read once for all cases.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Customer,
    Advisor,
    /// Automated WhatsApp Business messages: shown, never a reply.
    Auto,
    Technician,
    System,
}

impl Role {
    pub fn parse(s: &str) -> Self {
        match s {
            "customer" => Role::Customer,
            "advisor" => Role::Advisor,
            "auto_reply" => Role::Auto,
            "technician" => Role::Technician,
            _ => Role::System,
        }
    }
}

/// Facts read from a message's text at timeline time (see `timeline::classify`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Attrs {
    pub amounts: Vec<i64>,
    pub review_link: Option<String>,
    pub apology: bool,
    pub reward: bool,
    pub personal_data: bool,
    pub rude: bool,
    pub jargon: bool,
    pub alternative: bool,
    pub introduction: bool,
    pub media: bool,
    pub ticket: Option<String>,
    pub promised_at: Option<String>,
    /// Labels the message model gave a message the lexicon left unexplained (not taken as
    /// read: see `timeline::model::read`).
    pub model: std::collections::BTreeMap<String, f32>,
    /// Kinds the message model half-sees on a message nothing read with confidence.
    pub maybe: std::collections::BTreeMap<String, f32>,
    /// Kinds a structural cue makes the message a candidate for, whatever the model's score
    /// (`timeline::cues::other_time_stated`): kind → cue.
    pub maybe_cues: std::collections::BTreeMap<String, String>,
}

impl Attrs {
    /// The model's score for a kind on this message, as a label or a candidate.
    pub fn uncertain(&self, kind: &str) -> Option<f32> {
        self.model.get(kind).or(self.maybe.get(kind)).copied()
    }
}

/// A message's labels as a list, shared by every event with the same set.
pub type Labels = Arc<[Box<str>]>;

/// The labels of the store's comma-joined column.
pub fn labels_of(joined: &str) -> Labels {
    joined
        .split(',')
        .filter(|l| !l.is_empty())
        .map(Box::from)
        .collect()
}

#[derive(Debug, Clone)]
pub struct Ev {
    pub at: NaiveDateTime,
    pub role: Role,
    /// Record events: 'status:qc', 'booking_recorded', …; messages: the first label.
    /// Interned: a few dozen distinct values over millions of events.
    pub activity: Arc<str>,
    /// The message's labels (the store keeps them comma-joined; read once per distinct set).
    pub labels: Labels,
    pub attrs: Attrs,
    pub text: String,
    /// "file:" or "file:sheet:" (interned), and the row or line.
    pub file: Arc<str>,
    pub row: Option<i32>,
    /// Tied to this case and to another open case of the customer alike
    /// (`link::assign_all`): it may pass a case, never fail one.
    pub shared: bool,
}

impl Ev {
    /// Where the event was read: file:line or file:sheet:row.
    pub fn source(&self) -> String {
        match self.row {
            Some(r) if !self.file.is_empty() => format!("{}{r}", self.file),
            _ => String::new(),
        }
    }
    pub fn is_message(&self) -> bool {
        matches!(self.role, Role::Customer | Role::Advisor | Role::Auto) && !self.text.is_empty()
    }
    /// A message from a person on the business side (automatic replies never count).
    pub fn by_advisor(&self) -> bool {
        self.role == Role::Advisor && !self.text.is_empty()
    }
    pub fn by_customer(&self) -> bool {
        self.role == Role::Customer && !self.text.is_empty()
    }
    pub fn has(&self, label: &str) -> bool {
        self.labels.iter().any(|l| &**l == label)
    }
    pub fn promised_at(&self) -> Option<NaiveDateTime> {
        self.attrs
            .promised_at
            .as_deref()
            .and_then(|p| NaiveDateTime::parse_from_str(p, "%Y-%m-%d %H:%M").ok())
    }
    /// A customer message that needs no answer: an acknowledgement, a sticker, an emoji.
    pub fn needs_no_reply(&self) -> bool {
        self.has("acknowledgement") || (self.labels.is_empty() && self.attrs.media)
    }
}

/// One case with the record fields of its kind (unused ones are None). Deserialisable by field
/// name for the per-rule fixtures (`tests/rules/`); the store reads it in `read_cases`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Case {
    pub kind: String,
    pub key: String,
    pub branch: String,
    pub advisor: Option<Box<str>>,
    pub customer: Option<Box<str>>,
    pub phone: Option<Box<str>>,
    pub plate: Option<Box<str>>,
    pub opened_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub object_id: String,
    // booking
    pub vehicle_type: Option<Box<str>>,
    pub service: Option<Box<str>>,
    pub slot: Option<NaiveDateTime>,
    pub technician: Option<Box<str>>,
    pub booking_status: Option<Box<str>>,
    pub arrived_at: Option<NaiveDateTime>,
    // job
    pub estimated_done_at: Option<NaiveDateTime>,
    pub technician_estimate_at: Option<NaiveDateTime>,
    pub additional_work: Option<Box<str>>,
    pub approval_at: Option<NaiveDateTime>,
    pub phone_raw: Option<Box<str>>,
    // ticket
    pub category: Option<Box<str>>,
    pub priority: Option<Box<str>>,
    /// The type and priority as written (set when the word is not one patuh knows, too).
    pub category_raw: Option<Box<str>>,
    pub priority_raw: Option<Box<str>>,
    pub subject: Option<Box<str>>,
    pub first_response_at: Option<NaiveDateTime>,
    pub escalated_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    pub resolution: Option<Box<str>>,
    pub satisfaction: Option<Box<str>>,
    pub purchase_date: Option<NaiveDate>,
    pub product: Option<Box<str>>,
    pub warranty_status: Option<Box<str>>,
    pub warranty_until: Option<NaiveDate>,
    pub shipped_at: Option<NaiveDateTime>,
    pub tracking_no: Option<Box<str>>,
    pub record_source: Option<Box<str>>,
    /// The fields the record's file provides; `None` when not known (imported before patuh
    /// recorded them, or no record file).
    /// Shared by every case of one file (a handful of distinct lists over all cases).
    #[serde(deserialize_with = "shared_list")]
    pub record_fields: Option<Arc<Vec<String>>>,
    /// A chat that may be this case's could not be tied to one customer (same name).
    pub chat_ambiguous: bool,
    /// The case's events in time order (file order within a minute).
    #[serde(skip)]
    pub events: Vec<Ev>,
}

impl Case {
    pub fn messages(&self) -> impl Iterator<Item = &Ev> {
        self.events.iter().filter(|e| e.is_message())
    }
    pub fn advisor_messages(&self) -> impl Iterator<Item = &Ev> {
        self.events.iter().filter(|e| e.by_advisor())
    }
    pub fn status(&self, status: &str) -> Option<&Ev> {
        let name = format!("status:{status}");
        self.events.iter().find(|e| *e.activity == *name)
    }
    pub fn source(&self) -> String {
        self.record_source
            .as_deref()
            .unwrap_or_default()
            .to_string()
    }
    /// Whether the case's record file has a column for `field` (assumed so when patuh did not
    /// record the file's columns).
    pub fn has_field(&self, field: &str) -> bool {
        self.record_fields
            .as_ref()
            .is_none_or(|f| f.iter().any(|x| x == field))
    }
}

/// One filled checklist form.
#[derive(Debug, Clone)]
pub struct Form {
    pub sop: String,
    pub operator: Option<String>,
    pub date: Option<NaiveDate>,
    pub plate: Option<String>,
    /// (item text, ticked, note, source)
    pub items: Vec<(String, bool, Option<String>, String)>,
}

/// A fixture's list of record fields, shared as scoring shares it.
fn shared_list<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Arc<Vec<String>>>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.map(Arc::new))
}
