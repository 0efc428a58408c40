//! Words for statuses, categories and ticks (`rules/vocabulary.toml`) mapped to one vocabulary,
//! and the header aliases of each source (`rules/headers.toml`).

use std::collections::HashMap;
use std::sync::LazyLock;

const VOCABULARY: &str = include_str!("../../rules/vocabulary.toml");
const HEADERS: &str = include_str!("../../rules/headers.toml");

/// Lower case, punctuation and spacing folded: `"No. HP:"` → `"no hp"`, `"Tidak-Datang"` →
/// `"tidak datang"`. Symbols such as ✓ are kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.trim().chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() || !(ch.is_ascii() || ch.is_whitespace() || ch == '\u{a0}') {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(ch);
        } else {
            space = true;
        }
    }
    out
}

/// A header as compared: folded, with a helpdesk type suffix (`Kategori [list]`) dropped.
pub fn fold_header(text: &str) -> String {
    let t = text.trim();
    let t = match (t.rfind('['), t.ends_with(']')) {
        (Some(i), true) if i > 0 => &t[..i],
        _ => t,
    };
    fold(t)
}

struct Vocabulary(HashMap<String, HashMap<String, String>>);

static VOCAB: LazyLock<Vocabulary> = LazyLock::new(|| {
    let table: toml::Table = toml::from_str(VOCABULARY).expect("rules/vocabulary.toml is valid");
    let mut domains = HashMap::new();
    for (domain, words) in table {
        let mut map = HashMap::new();
        for (canonical, list) in words.as_table().expect("a table per domain") {
            for w in list.as_array().expect("a list of words") {
                map.insert(
                    fold(w.as_str().expect("words are strings")),
                    canonical.clone(),
                );
            }
        }
        domains.insert(domain, map);
    }
    Vocabulary(domains)
});

/// The canonical word for `raw` in `domain` (`booking_status`, `work_order_status`,
/// `ticket_type`, `priority`, `tick`), or `None` when the word is not known.
pub fn lookup(domain: &str, raw: &str) -> Option<&'static str> {
    VOCAB
        .0
        .get(domain)
        .and_then(|m| m.get(&fold(raw)))
        .map(String::as_str)
}

/// A tick cell: `Some(true)` ticked, `Some(false)` not done, `None` unreadable.
pub fn tick(raw: &str) -> Option<bool> {
    lookup("tick", raw).map(|w| w == "yes")
}

/// The fields of one source kind with their folded aliases.
#[derive(Debug)]
pub struct SourceFields {
    pub required: Vec<String>,
    /// (field, display name, folded aliases) in file order.
    pub fields: Vec<(String, String, Vec<String>)>,
}

impl SourceFields {
    /// The field a header names, if any.
    pub fn field_of(&self, header: &str) -> Option<&str> {
        let h = fold_header(header);
        if h.is_empty() {
            return None;
        }
        self.fields
            .iter()
            .find(|(_, _, aliases)| aliases.contains(&h))
            .map(|(f, _, _)| f.as_str())
    }

    pub fn has(&self, field: &str) -> bool {
        self.fields.iter().any(|(f, _, _)| f == field)
    }

    pub fn display<'a>(&'a self, field: &'a str) -> &'a str {
        self.fields
            .iter()
            .find(|(f, _, _)| f == field)
            .map_or(field, |(_, d, _)| d.as_str())
    }
}

static FIELDS: LazyLock<HashMap<String, SourceFields>> = LazyLock::new(|| {
    let table: toml::Table = toml::from_str(HEADERS).expect("rules/headers.toml is valid");
    let order = field_order(HEADERS);
    table
        .into_iter()
        .map(|(kind, v)| {
            let t = v.as_table().expect("a table per source");
            let strings = |v: &toml::Value| -> Vec<String> {
                v.as_array()
                    .expect("a list")
                    .iter()
                    .map(|s| s.as_str().expect("strings").to_string())
                    .collect()
            };
            let required = t.get("required").map(strings).unwrap_or_default();
            let mut fields: Vec<(String, String, Vec<String>)> = t
                .iter()
                .filter(|(k, _)| *k != "required")
                .map(|(k, v)| {
                    let aliases = strings(v);
                    let display = aliases.first().cloned().unwrap_or_else(|| k.clone());
                    (
                        k.clone(),
                        display,
                        aliases.iter().map(|a| fold_header(a)).collect(),
                    )
                })
                .collect();
            // Keep the file's order so an alias shared by two fields goes to the first listed.
            fields.sort_by_key(|(k, _, _)| {
                order
                    .get(&(kind.clone(), k.clone()))
                    .copied()
                    .unwrap_or(usize::MAX)
            });
            (kind, SourceFields { required, fields })
        })
        .collect()
});

/// Line order of `field = [...]` under each `[source]` header, so lookups are deterministic.
fn field_order(text: &str) -> HashMap<(String, String), usize> {
    let mut section = String::new();
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.starts_with('[') {
            section = l.trim_matches(['[', ']']).to_string();
        } else if let Some((k, _)) = l.split_once('=')
            && !l.starts_with('#')
        {
            out.insert((section.clone(), k.trim().to_string()), i);
        }
    }
    out
}

/// The header aliases of a source kind (`booking`, `work_order`, `ticket`, `checklist`, `roster`).
pub fn fields(kind: &str) -> &'static SourceFields {
    FIELDS
        .get(kind)
        .unwrap_or_else(|| panic!("no header aliases for source {kind}"))
}
