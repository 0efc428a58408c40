//! The learned classifier beside the lexicon: one logistic regression per activity over
//! hashed word, word-pair and character n-gram features, trained with FTRL-Proximal (an L1
//! penalty keeps the weight file small) on `rules/corpus/`. `patuh lexicon train` rebuilds
//! `rules/model.tsv`; the build is deterministic (fixed order, fixed seed, sequential sums).
//!
//! The lexicon wins where it matches: the model labels only messages the lexicon leaves
//! unlabelled (a greeting alone explains nothing), and its scores between `CANDIDATE_AT` and
//! the label threshold make a message a *candidate* for a kind, which turns a fail that rests
//! on the absence of that kind into "needs review".

use super::classify::{Lexicon, Side};
use super::corpus::Example;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const MODEL: &str = include_str!("../../rules/model.tsv");
const CONCEPTS: &str = include_str!("../../rules/concepts.toml");

/// The word families of `rules/concepts.toml`: each word's concepts (names live as long as the
/// program, so features can borrow them).
struct Concepts {
    of: std::collections::HashMap<String, Vec<&'static str>>,
    /// Concepts by a word's consonants (`skeleton`), for words written without their vowels
    /// ("stju", "dgnti"): only skeletons of three or more letters, which few words share.
    by_skeleton: std::collections::HashMap<String, Vec<&'static str>>,
}

/// A word without its vowels: how chat shortens Indonesian ("sudah" -> "sdh", "setuju" -> "stj",
/// "servis" and "srvis" -> "srvs"), so a shortening the corpus never showed meets its word.
fn skeleton(word: &str, out: &mut String) {
    out.clear();
    out.extend(
        word.chars()
            .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')),
    );
}

impl Concepts {
    fn builtin() -> &'static Concepts {
        static BUILTIN: LazyLock<Concepts> = LazyLock::new(|| {
            Concepts::parse(CONCEPTS).expect("rules/concepts.toml is valid (tested)")
        });
        &BUILTIN
    }

    fn parse(text: &str) -> Result<Self, String> {
        #[derive(serde::Deserialize)]
        struct File {
            concepts: BTreeMap<String, Vec<String>>,
        }
        let file: File = toml::from_str(text).map_err(|e| format!("rules/concepts.toml: {e}"))?;
        let mut of: std::collections::HashMap<String, Vec<&'static str>> = Default::default();
        let mut by_skeleton: std::collections::HashMap<String, Vec<&'static str>> =
            Default::default();
        let add = |map: &mut std::collections::HashMap<String, Vec<&'static str>>,
                   key: String,
                   name: &'static str| {
            let entry = map.entry(key).or_default();
            if !entry.contains(&name) {
                entry.push(name);
            }
        };
        let mut bare = String::new();
        for (name, words) in file.concepts {
            let name: &'static str = Box::leak(name.into_boxed_str());
            for w in words {
                skeleton(&w, &mut bare);
                if bare.chars().count() >= 3 {
                    add(&mut by_skeleton, bare.clone(), name);
                }
                add(&mut of, w, name);
            }
        }
        Ok(Self { of, by_skeleton })
    }

    /// The concepts of a word as written, else of the word without a trailing particle, else
    /// of its consonants (`bare`, the word's skeleton).
    fn of(&self, word: &str, bare: &str) -> &[&'static str] {
        if let Some(c) = self.of.get(word) {
            return c;
        }
        for particle in ["nya", "ny", "lah", "kah", "pun"] {
            if let Some(stem) = word.strip_suffix(particle)
                && stem.len() >= 2
                && let Some(c) = self.of.get(stem)
            {
                return c;
            }
        }
        self.by_skeleton.get(bare).map_or(&[], Vec::as_slice)
    }
}

/// A score at or above this labels a message the lexicon left unlabelled.
pub const LABEL_AT: f32 = 0.5;
/// A model label at or above this is read by the rules like a lexicon label (its confidence
/// stays on the event). Between `LABEL_AT` and this it only turns a fail resting on its
/// absence into "needs review". Out of family (`patuh lexicon eval`), the labels read reach
/// precision 0.82 from 0.5, 0.87 from 0.8 and 0.88 from 0.9, with recall 0.66, 0.57, 0.52.
/// On the simulated branches, from 0.8 no rule of the sample moved and style b's fail recall
/// rose from 0.876 to 0.938 at precision 0.993 (0.926 / 0.992 from 0.9); from 0.5, "Bisa Kak,
/// QRIS dan debit tersedia" read as "slot unavailable" made 129 false fails of BKG-4.3.
pub const DECIDES_AT: f32 = 0.8;
/// A score at or above this (and below the label) marks a candidate for review.
pub const CANDIDATE_AT: f32 = 0.3;
/// The model disputes a lexicon reading when it gives another kind at least this much …
pub const DISPUTE_AT: f32 = 0.8;
/// … and each of the lexicon's labels less than this.
pub const DISPUTE_BELOW: f32 = 0.1;

const BITS: u32 = 18;
const BUCKETS: usize = 1 << BITS;

/// Training settings (documented in the model file's header).
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub alpha: f64,
    pub beta: f64,
    pub l1: f64,
    pub l2: f64,
    pub epochs: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            alpha: 0.2,
            beta: 1.0,
            l1: 2.0,
            l2: 0.5,
            epochs: 12,
        }
    }
}

/// Per bucket, the weights of the activities whose features fall in it, laid out flat (the
/// entries of bucket b are `entries[offsets[b]..offsets[b + 1]]`): two reads per feature and no
/// hashing, where a map of small vectors missed the cache on every feature.
pub struct Model {
    offsets: Vec<u32>,
    entries: Vec<(u8, f32)>,
    /// Activities the model scores (lexicon indices).
    scored: Vec<usize>,
}

impl Model {
    /// The model compiled into the binary.
    pub fn builtin() -> &'static Model {
        static BUILTIN: LazyLock<Model> = LazyLock::new(|| {
            Model::parse(MODEL, Lexicon::builtin()).expect("rules/model.tsv is valid (tested)")
        });
        &BUILTIN
    }

    /// `activity<TAB>weight<TAB>feature` lines; `#` starts a comment.
    pub fn parse(text: &str, lexicon: &Lexicon) -> Result<Self, String> {
        let mut rows: Vec<(u32, u8, f32)> = Vec::new();
        let mut scored = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, '\t');
            let (Some(a), Some(w), Some(f)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(format!(
                    "model line {}: expected activity, weight, feature",
                    i + 1
                ));
            };
            let act = lexicon
                .activities()
                .iter()
                .position(|n| n == a)
                .ok_or_else(|| format!("model line {}: {a:?} is no lexicon activity", i + 1))?;
            let w: f32 = w
                .parse()
                .map_err(|_| format!("model line {}: weight {w:?} is no number", i + 1))?;
            if !scored.contains(&act) {
                scored.push(act);
            }
            rows.push((bucket(f), act as u8, w));
        }
        scored.sort_unstable();
        rows.sort_by_key(|r| (r.0, r.1));
        let mut offsets = vec![0u32; BUCKETS + 1];
        for r in &rows {
            offsets[r.0 as usize + 1] += 1;
        }
        for b in 0..BUCKETS {
            offsets[b + 1] += offsets[b];
        }
        let entries = rows.into_iter().map(|(_, a, w)| (a, w)).collect();
        Ok(Self {
            offsets,
            entries,
            scored,
        })
    }

    /// The probability of each activity the model scores for `side`, in lexicon order.
    pub fn scores(&self, lexicon: &Lexicon, text: &str, side: Side) -> Vec<(usize, f32)> {
        // Sums by lexicon index; NaN marks an activity the side cannot write.
        let mut sum = [f32::NAN; 64];
        let mut any = false;
        for &a in &self.scored {
            if lexicon.side_fits(a, side) {
                sum[a] = 0.0;
                any = true;
            }
        }
        if !any {
            return vec![];
        }
        let mut buckets = Vec::with_capacity(256);
        feature_buckets(text, &mut |b| buckets.push(b));
        buckets.sort_unstable();
        buckets.dedup();
        for b in buckets {
            let (from, to) = (self.offsets[b as usize], self.offsets[b as usize + 1]);
            for &(a, w) in &self.entries[from as usize..to as usize] {
                sum[a as usize] += w;
            }
        }
        sum.iter()
            .enumerate()
            .filter(|(_, s)| !s.is_nan())
            .map(|(a, s)| (a, sigmoid(*s)))
            .collect()
    }
}

/// A model score as events store it: two decimals.
pub fn score_value(p: f32) -> serde_json::Value {
    serde_json::Value::from(((p * 100.0).round() / 100.0) as f64)
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x.clamp(-30.0, 30.0)).exp())
}

/// FNV-1a, folded to the bucket count: stable across platforms and releases.
fn bucket(feature: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in feature.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fold(h)
}

fn fold(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32 & (BUCKETS as u32 - 1)
}

/// The features of one message, each handed to `emit` as text: a bias, words, word pairs,
/// character 3- and 4-grams of each word, each word's consonants (`skeleton`), the word
/// families of rules/concepts.toml and their pairs, the first word, a length class, a question
/// mark, a link, an amount, symbols (emoji). Digits read as `0`, so numbers generalise.
pub fn features(text: &str, emit: &mut dyn FnMut(&str)) {
    let mut buf = String::with_capacity(32);
    feature_parts(text, &mut |parts| {
        buf.clear();
        for p in parts {
            buf.push_str(p);
        }
        emit(&buf);
    });
}

/// The buckets of a message's features, hashed part by part (FNV streams, so a bucket equals
/// `bucket` of the joined text) without building any feature's text: scoring's hot path.
fn feature_buckets(text: &str, emit: &mut dyn FnMut(u32)) {
    feature_parts(text, &mut |parts| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for p in parts {
            for b in p.bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        emit(fold(h));
    });
}

/// The text as the model sees it: lower case, every digit `0`. Two texts with the same key get
/// the same scores (every feature is made from it), so a key is scored once.
pub fn model_key(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// Every feature of a message as the parts its text is made of.
fn feature_parts(text: &str, emit: &mut dyn FnMut(&[&str])) {
    let norm = model_key(text);
    let put = |parts: &[&str], emit: &mut dyn FnMut(&[&str])| emit(parts);
    put(&["bias"], emit);
    let mut padded = String::with_capacity(32);
    let mut bounds: Vec<usize> = Vec::with_capacity(32);
    let words: Vec<&str> = norm
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let class = match words.len() {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=12 => "6-12",
        _ => "13+",
    };
    put(&["n:", class], emit);
    if let Some(first) = words.first() {
        put(&["f:", first], emit);
    }
    let concepts = Concepts::builtin();
    let mut seen: Vec<&str> = Vec::with_capacity(16);
    let mut bare = String::with_capacity(16);
    for (i, w) in words.iter().enumerate() {
        put(&["w:", w], emit);
        skeleton(w, &mut bare);
        if bare.len() >= 2 {
            put(&["s:", &bare], emit);
        }
        seen.extend_from_slice(concepts.of(w, &bare));
        if let Some(next) = words.get(i + 1) {
            put(&["b:", w, " ", next], emit);
        }
        // Character 3- and 4-grams of "^word$", sliced at char boundaries (no string per gram).
        padded.clear();
        padded.push('^');
        padded.push_str(w);
        padded.push('$');
        bounds.clear();
        bounds.extend(padded.char_indices().map(|(i, _)| i));
        bounds.push(padded.len());
        for n in [3, 4] {
            for i in 0..bounds.len().saturating_sub(n) {
                put(&["c:", &padded[bounds[i]..bounds[i + n]]], emit);
            }
        }
    }
    // Numbers that state a time of day ("10.00", "9:30") or a date ("3/12") are those concepts
    // too (digits read as 0 here).
    let b = norm.as_bytes();
    for i in 1..b.len().saturating_sub(2) {
        let digits = |k: usize| b.get(k) == Some(&b'0');
        if digits(i - 1) && digits(i + 1) {
            match b[i] {
                b'.' | b':' if digits(i + 2) && !digits(i + 3) => seen.push("clock"),
                b'/' => seen.push("day"),
                _ => {}
            }
        }
    }
    // Word families: each concept of the message, and each pair of them in any order.
    seen.sort_unstable();
    seen.dedup();
    for (i, a) in seen.iter().enumerate() {
        put(&["k:", a], emit);
        for b in &seen[i + 1..] {
            put(&["kk:", a, " ", b], emit);
        }
    }
    if norm.contains('?') {
        put(&["q"], emit);
    }
    if norm.split_whitespace().any(super::classify::is_link) {
        put(&["u"], emit);
    }
    if norm.contains("rp") || norm.contains("rb") || norm.contains("jt") || norm.contains("ribu") {
        put(&["m"], emit);
    }
    for c in norm.chars() {
        if !c.is_alphanumeric() && !c.is_whitespace() && !c.is_ascii() {
            let mut s = [0u8; 4];
            put(&["y:", c.encode_utf8(&mut s)], emit);
        }
    }
}

/// Trains one model per activity of the lexicon that has positive examples, in parallel;
/// returns the weight file's text.
pub fn train(examples: &[Example], lexicon: &Lexicon, settings: Settings) -> String {
    // Each message's feature buckets once, and one readable feature per bucket for the file.
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    let rows: Vec<Vec<u32>> = examples
        .iter()
        .map(|e| {
            let mut b = Vec::new();
            features(&e.text, &mut |f| {
                let k = bucket(f);
                names.entry(k).or_insert_with(|| f.to_string());
                b.push(k);
            });
            b.sort_unstable();
            b.dedup();
            b
        })
        .collect();
    let activities: Vec<usize> = (0..lexicon.activities().len())
        .filter(|&a| {
            examples
                .iter()
                .any(|e| e.labels.iter().any(|l| *l == lexicon.activities()[a]))
        })
        .collect();
    let per_activity: Vec<(usize, Vec<(u32, f64)>)> = activities
        .par_iter()
        .map(|&a| (a, train_one(examples, &rows, lexicon, a, settings)))
        .collect();
    let mut out = String::new();
    out.push_str("# The message model: one logistic regression per activity (FTRL-Proximal).\n");
    out.push_str("# Built by `patuh lexicon train` from rules/corpus/; do not edit by hand.\n");
    out.push_str(&format!(
        "# {} messages in {} families; alpha {} beta {} l1 {} l2 {} epochs {}.\n",
        examples.len(),
        {
            let mut f: Vec<&str> = examples.iter().map(|e| e.family.as_str()).collect();
            f.sort_unstable();
            f.dedup();
            f.len()
        },
        settings.alpha,
        settings.beta,
        settings.l1,
        settings.l2,
        settings.epochs
    ));
    out.push_str("# activity\tweight\tfeature\n");
    for (a, weights) in per_activity {
        let mut lines: Vec<(&str, f64)> = weights
            .iter()
            .map(|&(b, w)| (names[&b].as_str(), w))
            .collect();
        lines.sort_by(|x, y| x.0.cmp(y.0));
        for (f, w) in lines {
            let w = format!("{w:.4}");
            if w != "0.0000" && w != "-0.0000" {
                out.push_str(&format!("{}\t{w}\t{f}\n", lexicon.activities()[a]));
            }
        }
    }
    out
}

/// FTRL-Proximal for one activity over the messages its side can write.
fn train_one(
    examples: &[Example],
    rows: &[Vec<u32>],
    lexicon: &Lexicon,
    activity: usize,
    s: Settings,
) -> Vec<(u32, f64)> {
    let name = &lexicon.activities()[activity];
    let idx: Vec<usize> = (0..examples.len())
        .filter(|&i| lexicon.side_fits(activity, examples[i].side))
        .collect();
    let positive = |i: usize| examples[i].labels.iter().any(|l| l == name);
    let pos = idx.iter().filter(|&&i| positive(i)).count().max(1) as f64;
    let neg = (idx.len() as f64 - pos).max(1.0);
    // Positives are few: weight them up, by less than the full ratio so scores stay honest.
    let pos_weight = (neg / pos).sqrt();
    let mut z = vec![0f64; BUCKETS];
    let mut n = vec![0f64; BUCKETS];
    let weight = |z: f64, n: f64| {
        if z.abs() <= s.l1 {
            0.0
        } else {
            -(z - z.signum() * s.l1) / ((s.beta + n.sqrt()) / s.alpha + s.l2)
        }
    };
    let mut order = idx.clone();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..s.epochs {
        // Fisher–Yates with a fixed xorshift: the same order on every machine.
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &i in &order {
            let row = &rows[i];
            let dot: f64 = row
                .iter()
                .map(|&b| weight(z[b as usize], n[b as usize]))
                .sum();
            let p = 1.0 / (1.0 + (-dot.clamp(-30.0, 30.0)).exp());
            let (y, sw) = if positive(i) {
                (1.0, pos_weight)
            } else {
                (0.0, 1.0)
            };
            let g = (p - y) * sw;
            for &b in row {
                let b = b as usize;
                let w = weight(z[b], n[b]);
                let sigma = ((n[b] + g * g).sqrt() - n[b].sqrt()) / s.alpha;
                z[b] += g - sigma * w;
                n[b] += g * g;
            }
        }
    }
    (0..BUCKETS as u32)
        .filter_map(|b| {
            let w = weight(z[b as usize], n[b as usize]);
            (w != 0.0).then_some((b, w))
        })
        .collect()
}

/// What the lexicon and the model together read in one message.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The lexicon's labels (bit i = lexicon activity i): the only ones rules take as read.
    pub lexicon: u64,
    /// Labels the model gave a message the lexicon left unexplained, with its confidence.
    pub by_model: Vec<(usize, f32)>,
    /// Kinds the model gives at least `CANDIDATE_AT` (below the label) on a message still
    /// unexplained, or the kind it is sure of where it disputes the lexicon.
    pub candidates: Vec<(usize, f32)>,
}

impl Reading {
    /// The labels the rules take as read: the lexicon's, and the model's from `DECIDES_AT`.
    pub fn decided(&self) -> u64 {
        self.decided_at(DECIDES_AT)
    }

    /// The lexicon's labels and the model's from `at` (`patuh lexicon eval` weighs `at`).
    pub fn decided_at(&self, at: f32) -> u64 {
        self.by_model
            .iter()
            .filter(|&&(_, p)| p >= at)
            .fold(self.lexicon, |m, &(a, _)| m | (1 << a))
    }

    /// The lexicon's and the model's labels together (what the accuracy tables measure).
    pub fn labels(&self) -> u64 {
        self.by_model
            .iter()
            .fold(self.lexicon, |m, &(a, _)| m | (1 << a))
    }

    /// Every kind read or half-seen: labels and candidates (which case a message is about).
    pub fn kinds(&self) -> u64 {
        self.candidates
            .iter()
            .fold(self.labels(), |m, &(a, _)| m | (1 << a))
    }
}

/// The lexicon first; the model only where the lexicon explains nothing (a greeting alone is
/// no explanation).
///
/// Rules take the lexicon's labels (and structural cues) as read, and the model's only from
/// `DECIDES_AT`; a less sure model label, like a candidate, turns a fail that rests on the
/// absence of its kind into "needs review" instead.
pub fn read(lexicon: &Lexicon, model: &Model, text: &str, side: Side) -> Reading {
    read_with(lexicon, text, side, &mut || {
        model.scores(lexicon, text, side)
    })
}

/// `read`, with the model's scores asked of `scores` only when needed: texts that read alike
/// to the model (`model_key`) share one scoring.
pub fn read_with(
    lexicon: &Lexicon,
    text: &str,
    side: Side,
    scores: &mut dyn FnMut() -> Vec<(usize, f32)>,
) -> Reading {
    let mask = lexicon.classify_mask(text, side);
    let greeting = lexicon.mask_of(&["greeting"]);
    // A labelled customer message is not scored: disputes serve the advisor's rules, and
    // scoring every message costs 2 s per 700,000 at `--scale 10`.
    if mask & !greeting != 0 && side != Side::Business {
        return Reading {
            lexicon: mask,
            ..Reading::default()
        };
    }
    let scores = scores();
    if mask & !greeting != 0 {
        // The lexicon's labels stand. Only when the model is sure of another kind and gives
        // every lexicon label next to nothing is the reading disputed: the other kind becomes
        // a candidate (a fail resting on its absence needs review; it helps tie the message to
        // its case beside the lexicon's kinds). Dropping the lexicon's kinds from linking
        // instead unlinked a sample inquiry's whole chat: measured, not kept.
        let score = |a: usize| scores.iter().find(|s| s.0 == a).map_or(0.0, |s| s.1);
        let labels: Vec<usize> = (0..64)
            .filter(|a| mask & !greeting & (1 << a) != 0)
            .collect();
        let contested = labels
            .iter()
            .all(|&a| scores.iter().any(|s| s.0 == a) && score(a) < DISPUTE_BELOW);
        let other = scores
            .iter()
            .copied()
            .filter(|&(a, p)| p >= DISPUTE_AT && mask & (1 << a) == 0 && (1 << a) & greeting == 0)
            .max_by(|x, y| x.1.total_cmp(&y.1));
        return match other {
            Some(o) if contested => Reading {
                lexicon: mask,
                candidates: vec![o],
                ..Reading::default()
            },
            _ => Reading {
                lexicon: mask,
                ..Reading::default()
            },
        };
    }
    let by_model: Vec<(usize, f32)> = scores
        .iter()
        .copied()
        .filter(|&(a, p)| p >= LABEL_AT && (1 << a) & greeting == 0)
        .collect();
    let candidates = scores
        .into_iter()
        .filter(|&(a, p)| (CANDIDATE_AT..LABEL_AT).contains(&p) && (1 << a) & greeting == 0)
        .collect();
    Reading {
        lexicon: mask,
        by_model,
        candidates,
    }
}
