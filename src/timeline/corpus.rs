//! The labelled message corpus (`rules/corpus/*.txt`): messages written as customers and
//! advisors write, grouped into families (one way of saying a thing). The model is trained on
//! it, and its out-of-family accuracy is measured by holding whole families out.
//!
//! A file is a list of families:
//!
//! ```text
//! [booking_confirmation.slot-stated-casual]   # activity.family-name ("none." for no label)
//! side = business                             # customer or business
//! oke kak, kami catat Rabu 3/12 jam 10 ya     # one message per line
//! +approval_request hasil cek …, boleh?       # "+label" adds a label to this message
//! ```

use super::classify::Side;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Example {
    /// `activity.family-name`.
    pub family: String,
    pub side: Side,
    pub text: String,
    pub labels: Vec<String>,
}

/// Every `*.txt` file of `dir`, in file-name order.
pub fn load_dir(dir: &Path) -> Result<Vec<Example>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no corpus files (*.txt)", dir.display()));
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        out.extend(parse(&f.display().to_string(), &text)?);
    }
    Ok(out)
}

/// One corpus file; errors name the file and line.
pub fn parse(name: &str, text: &str) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    let mut family: Option<(String, Vec<String>)> = None;
    let mut side: Option<Side> = None;
    for (i, line) in text.lines().enumerate() {
        let at = || format!("{name}:{}", i + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let (activity, rest) = head
                .split_once('.')
                .ok_or_else(|| format!("{}: a family is [activity.name], got [{head}]", at()))?;
            if rest.is_empty() {
                return Err(format!("{}: the family [{head}] has no name", at()));
            }
            let labels = if activity == "none" {
                vec![]
            } else {
                vec![activity.to_string()]
            };
            family = Some((head.to_string(), labels));
            side = None;
            continue;
        }
        if let Some(s) = line.strip_prefix("side =") {
            side = Some(match s.trim() {
                "customer" => Side::Customer,
                "business" => Side::Business,
                other => {
                    return Err(format!(
                        "{}: side is customer or business, got {other:?}",
                        at()
                    ));
                }
            });
            continue;
        }
        let Some((fam, labels)) = &family else {
            return Err(format!("{}: a message before the first [family]", at()));
        };
        let Some(side) = side else {
            return Err(format!("{}: the family [{fam}] has no `side =` line", at()));
        };
        let mut labels = labels.clone();
        let mut text = line;
        while let Some(rest) = text.strip_prefix('+') {
            let (label, after) = rest.split_once(' ').unwrap_or((rest, ""));
            if !labels.iter().any(|l| l == label) {
                labels.push(label.to_string());
            }
            text = after.trim_start();
        }
        if text.is_empty() {
            return Err(format!("{}: an empty message", at()));
        }
        out.push(Example {
            family: fam.clone(),
            side,
            text: text.to_string(),
            labels,
        });
    }
    Ok(out)
}

/// Every label names an activity of the lexicon.
pub fn check_labels(
    examples: &[Example],
    lexicon: &super::classify::Lexicon,
) -> Result<(), String> {
    for e in examples {
        if let Some(l) = e.labels.iter().find(|l| lexicon.index_of(l).is_none()) {
            return Err(format!(
                "family [{}] labels {l:?}, which is no activity of rules/lexicon.toml",
                e.family
            ));
        }
    }
    Ok(())
}

/// The activity a family is about (`none` for the negatives).
pub fn activity_of(family: &str) -> &str {
    family.split_once('.').map_or(family, |(a, _)| a)
}
