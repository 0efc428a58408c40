//! Automated WhatsApp Business messages (greeting and away messages) are not replies
//! (RULES.md "Only a person's reply counts"). They are recognised from the texts configured
//! for the branch, and by detection: the same business text, sent in the same minute as a
//! customer's message, in at least `MIN_CHATS` chats and nearly every time it is sent.

use std::collections::{HashMap, HashSet};

/// A text must be seen right after customers in this many chats to be called automatic.
pub const MIN_CHATS: usize = 5;
/// …and be sent right after a customer this share of the times it is sent at all.
pub const MIN_SHARE: f64 = 0.9;

/// One message as detection sees it.
pub struct Seen<'a> {
    pub chat: usize,
    pub business: bool,
    pub text: &'a str,
    /// Minutes since the previous message of the chat, and whether that one was the customer's.
    pub after_customer_minutes: Option<i64>,
}

fn norm(text: &str) -> String {
    super::classify::fold_spaces(text).to_lowercase()
}

/// Which messages are automatic: configured texts (compared without case and spacing, a
/// configured text may be the start of the message) and detected ones.
pub fn detect(msgs: &[Seen], configured: &[String]) -> Vec<bool> {
    let configured: Vec<String> = configured.iter().map(|t| norm(t)).collect();
    let mut sent: HashMap<String, usize> = HashMap::new();
    let mut prompt_chats: HashMap<String, HashSet<usize>> = HashMap::new();
    let mut prompt_count: HashMap<String, usize> = HashMap::new();
    let normed: Vec<Option<String>> = msgs
        .iter()
        .map(|m| (m.business && !m.text.is_empty()).then(|| norm(m.text)))
        .collect();
    for (m, n) in msgs.iter().zip(&normed) {
        let Some(n) = n else { continue };
        *sent.entry(n.clone()).or_default() += 1;
        if matches!(m.after_customer_minutes, Some(0..=1)) {
            prompt_chats.entry(n.clone()).or_default().insert(m.chat);
            *prompt_count.entry(n.clone()).or_default() += 1;
        }
    }
    let automatic: HashSet<&String> = prompt_chats
        .iter()
        .filter(|(text, chats)| {
            chats.len() >= MIN_CHATS && prompt_count[*text] as f64 >= MIN_SHARE * sent[*text] as f64
        })
        .map(|(t, _)| t)
        .collect();
    normed
        .iter()
        .map(|n| {
            n.as_ref().is_some_and(|n| {
                automatic.contains(n) || configured.iter().any(|c| n.starts_with(c.as_str()))
            })
        })
        .collect()
}
