//! Message understanding: which activities a WhatsApp message carries (booking request, reminder,
//! completion notice, …) and what it states (amounts, review links, apology, reward, personal-data
//! requests, ticket numbers). Patterns are data (`rules/lexicon.toml`); one `RegexSet` pass per
//! message finds every activity at once, and batches run in parallel.

use crate::values::parse_rupiah;
use rayon::prelude::*;
use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const LEXICON: &str = include_str!("../../rules/lexicon.toml");

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Customer,
    Business,
    Any,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActivityDef {
    side: Side,
    patterns: Vec<String>,
    /// Phrases that cancel the activity (a negation: "tidak puas" is no praise).
    #[serde(default)]
    unless: Vec<String>,
    /// The case kinds this activity belongs to (booking, job, followup, inquiry, aftersales).
    #[serde(default)]
    cases: Vec<String>,
    /// What the message does in the conversation (see `TURNS`).
    #[serde(default)]
    turn: Option<String>,
}

/// The conversational turns an activity may name in the lexicon.
pub const TURNS: &[&str] = &["asks", "answers", "reminds", "checks_resolution"];

/// What an advisor answers a customer's booking request with: asking for the booking data,
/// agreeing or refusing a slot. Linking settles a half-read request by it; BKG-4.1.2 knows by
/// it that a booking chat opening with one began before the booking.
pub const BOOKING_ANSWERS: &[&str] = &["data_request", "booking_confirmation", "slot_unavailable"];

#[derive(Deserialize)]
struct AttributeDefs {
    review_link: String,
    apology: String,
    reward: String,
    personal_data: String,
    ticket: String,
    rude: String,
    jargon: String,
    alternative: String,
    introduction: String,
    work_state: String,
    finding: String,
}

#[derive(Deserialize)]
struct LexiconFile {
    activity: BTreeMap<String, ActivityDef>,
    attribute: AttributeDefs,
}

/// What a message states besides its activities.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attributes {
    /// Rupiah amounts written with `Rp`/`IDR` or a multiplier (`850rb`, `1,25 jt`).
    pub amounts: Vec<i64>,
    pub review_link: Option<String>,
    pub apology: bool,
    pub reward: bool,
    pub personal_data: bool,
    pub ticket: Option<String>,
    /// Impolite wording (KSP-6.1, advisory).
    pub rude: bool,
    /// Unexplained workshop jargon (KSP-6.2, advisory).
    pub jargon: bool,
    /// An alternative offered (delivery, loan car, discount: KSP-4.4.2).
    pub alternative: bool,
    /// The writer introduces themself by name (INQ-T1.greet).
    pub introduction: bool,
    /// The text is about the state of the work (part, fitting, test drive, QC).
    pub work_state: bool,
    /// The text reports what an inspection found ("hasil cek", "ternyata", "penyebab").
    pub finding: bool,
}

pub struct Lexicon {
    names: Vec<String>,
    sides: Vec<Side>,
    cases: Vec<Vec<String>>,
    turns: Vec<Option<String>>,
    set: RegexSet,
    /// Pattern index in `set` → activity index.
    owner: Vec<usize>,
    unless: RegexSet,
    unless_owner: Vec<usize>,
    review_link: Regex,
    apology: Regex,
    reward: Regex,
    personal_data: Regex,
    ticket: Regex,
    rude: Regex,
    jargon: Regex,
    alternative: Regex,
    introduction: Regex,
    work_state: Regex,
    finding: Regex,
}

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:rp\.?|idr)\s?\d[\d.,]*(?:\s?(?:jt|juta|rb|ribu|k)\b)?|\b\d+(?:[.,]\d+)?\s?(?:jt|juta|rb|ribu)\b|\b\d+k\b)")
        .expect("amount pattern")
});

impl Lexicon {
    /// The lexicon compiled into the binary (a bad pattern fails the tests, not a run).
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
            Lexicon::parse(LEXICON).expect("rules/lexicon.toml is valid (tested)")
        });
        &BUILTIN
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let file: LexiconFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut names = Vec::new();
        let mut sides = Vec::new();
        let mut cases = Vec::new();
        let mut turns = Vec::new();
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        let mut unless = Vec::new();
        let mut unless_owner = Vec::new();
        for (i, (name, def)) in file.activity.into_iter().enumerate() {
            if let Some(t) = def.turn.as_deref().filter(|t| !TURNS.contains(t)) {
                return Err(format!(
                    "activity {name}: turn {t:?} is not one of {TURNS:?}"
                ));
            }
            names.push(name);
            sides.push(def.side);
            cases.push(def.cases);
            turns.push(def.turn);
            for p in def.patterns {
                patterns.push(compile_form(&p));
                owner.push(i);
            }
            for p in def.unless {
                unless.push(compile_form(&p));
                unless_owner.push(i);
            }
        }
        if names.len() > 64 {
            return Err("the lexicon has more than 64 activities".into());
        }
        // Bounded gaps (`.{0,40}`) make a large automaton: give the lazy DFA room so it does not
        // fall back to the slow engine: 9,000 → 208,000 messages/s on one thread
        // (examples/bench_classify.rs).
        let set = RegexSetBuilder::new(&patterns)
            .dfa_size_limit(256 << 20)
            .size_limit(256 << 20)
            .build()
            .map_err(|e| e.to_string())?;
        let unless = RegexSetBuilder::new(&unless)
            .dfa_size_limit(64 << 20)
            .build()
            .map_err(|e| e.to_string())?;
        let re = |p: &str| Regex::new(&compile_form(p)).map_err(|e| e.to_string());
        let a = &file.attribute;
        Ok(Self {
            names,
            sides,
            cases,
            turns,
            set,
            owner,
            unless,
            unless_owner,
            review_link: re(&a.review_link)?,
            apology: re(&a.apology)?,
            reward: re(&a.reward)?,
            personal_data: re(&a.personal_data)?,
            ticket: Regex::new(&a.ticket).map_err(|e| e.to_string())?,
            rude: re(&a.rude)?,
            jargon: re(&a.jargon)?,
            alternative: re(&a.alternative)?,
            introduction: re(&a.introduction)?,
            work_state: re(&a.work_state)?,
            finding: re(&a.finding)?,
        })
    }

    pub fn activities(&self) -> &[String] {
        &self.names
    }

    /// The case kinds activity number `i` belongs to.
    pub fn cases_of(&self, i: usize) -> &[String] {
        &self.cases[i]
    }

    /// Whether activity `i` can be written by `side`.
    pub fn side_fits(&self, i: usize, side: Side) -> bool {
        self.sides[i] == Side::Any || side == Side::Any || self.sides[i] == side
    }

    /// The index of a named activity.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The activities of one message written by `side`, in lexicon order.
    pub fn classify(&self, text: &str, side: Side) -> Vec<&str> {
        self.names_of(self.classify_mask(text, side))
    }

    /// The activity names of a bit set from `classify_mask`, in lexicon order.
    pub fn names_of(&self, mask: u64) -> Vec<&str> {
        self.names
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, n)| n.as_str())
            .collect()
    }

    /// The bit set of the activities whose `turn` is `turn`.
    pub fn turn_mask(&self, turn: &str) -> u64 {
        self.turns
            .iter()
            .enumerate()
            .filter(|(_, t)| t.as_deref() == Some(turn))
            .fold(0, |m, (i, _)| m | (1 << i))
    }

    /// The bit set of the named activities (unknown names are ignored).
    pub fn mask_of(&self, names: &[&str]) -> u64 {
        self.names
            .iter()
            .enumerate()
            .filter(|(_, n)| names.contains(&n.as_str()))
            .fold(0, |m, (i, _)| m | (1 << i))
    }

    /// The activities of one message as a bit set over `activities()` (bit i = activity i).
    pub fn classify_mask(&self, text: &str, side: Side) -> u64 {
        let folded = fold_spaces(text);
        let mut hit = vec![false; self.names.len()];
        for p in self.set.matches(&folded).iter() {
            let a = self.owner[p];
            if self.side_fits(a, side) {
                hit[a] = true;
            }
        }
        for p in self.unless.matches(&folded).iter() {
            hit[self.unless_owner[p]] = false;
        }
        hit.iter()
            .enumerate()
            .filter(|(_, h)| **h)
            .fold(0u64, |m, (i, _)| m | (1 << i))
    }

    /// Many messages at once, in parallel; results in input order.
    pub fn classify_batch(&self, messages: &[(String, Side)]) -> Vec<Vec<&str>> {
        messages
            .par_iter()
            .map(|(t, s)| self.classify(t, *s))
            .collect()
    }

    pub fn attributes(&self, text: &str) -> Attributes {
        Attributes {
            amounts: AMOUNT
                .find_iter(text)
                .filter_map(|m| parse_rupiah(m.as_str()))
                .filter(|&a| a >= 1_000)
                .collect(),
            review_link: links(text)
                .find(|l| self.review_link.is_match(l))
                .map(str::to_string),
            apology: self.apology.is_match(text),
            reward: self.reward.is_match(text),
            personal_data: self.personal_data.is_match(text),
            ticket: self.ticket.find(text).map(|m| m.as_str().to_string()),
            rude: self.rude.is_match(text),
            jargon: self.jargon.is_match(text),
            alternative: self.alternative.is_match(text),
            introduction: self.introduction.is_match(text),
            work_state: self.work_state.is_match(text),
            finding: self.finding.is_match(text),
        }
    }
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:https?://\S+|www\.[a-z0-9-]+\.[a-z]{2,}\S*|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S+)$")
        .expect("link pattern")
});

/// A URL-like token, with or without a scheme: `https://…`, `www.…`, or a domain with a dot
/// and a path (`g.page/r/…`, `bit.ly/…`, `maps.app.goo.gl/…`).
pub fn is_link(token: &str) -> bool {
    LINK.is_match(trim_link(token))
}

/// The links of a text, in order, without surrounding punctuation.
pub fn links(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(trim_link)
        .filter(|t| LINK.is_match(t))
}

fn trim_link(token: &str) -> &str {
    token
        .trim_start_matches(['(', '[', '<', '"', '\''])
        .trim_end_matches(['.', ',', ')', ']', '>', '"', '\'', '!', '?', ';', ':'])
}

/// A lexicon pattern as compiled: case-insensitive, with ASCII word boundaries. A Unicode
/// `\b` makes the regex engine leave its fast DFA on any non-ASCII text (emoji are everywhere
/// in chats); chat words are ASCII, so an ASCII boundary loses nothing.
fn compile_form(pattern: &str) -> String {
    format!("(?i){}", pattern.replace(r"\b", r"(?-u:\b)"))
}

/// Spacing folded (newlines, NBSP, runs of spaces) so patterns need not care.
pub fn fold_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
