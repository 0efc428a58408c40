//! Personal data as the committee and supervisors see it: one masking policy for the report,
//! the scorecards, the workbook and `patuh case` (names and phones), so no output masks
//! differently. findings.csv, cases.csv and Parquet keep full values for the HC team.

/// A phone number with its middle hidden: +62812****7890.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let keep_end = 4;
    let keep_start = 6.min(chars.len() - keep_end);
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < keep_start || i >= chars.len() - keep_end {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// A case key as shown: a chat-only booking's key holds the customer's number
/// (`chat:+6281234567890:2025-08-14`), so its middle is hidden like any phone.
pub fn mask_case_key(key: &str) -> String {
    match key
        .strip_prefix("chat:")
        .and_then(|rest| rest.rsplit_once(':'))
    {
        Some((phone, date)) => format!("chat:{}:{date}", mask_phone(phone)),
        None => key.to_string(),
    }
}

/// Text shown to the committee and supervisors (message excerpts, evidence locations) with
/// personal data masked: phone numbers, the case customer's name wherever its words appear,
/// and any name a message introduces ("Nama: Joko Halim", "atas nama Joko", "nama saya …").
pub fn mask_text(text: &str, customer: Option<&str>) -> String {
    static INTRODUCED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(nama\s+saya|nama\s+lengkap|nama\s+pemilik|atas\s+nama|a\.\s?n\.?|an\.|nama|name|my\s+name\s+is)(\s*[:=\-]?\s*)((?-i:\p{Lu})[\p{L}'.]*(?:[ \t]+(?-i:\p{Lu})[\p{L}'.]*){0,3})",
        )
        .expect("name pattern")
    });
    let out = INTRODUCED
        .replace_all(&mask_digits(text), |c: &regex::Captures| {
            format!("{}{}{}", &c[1], &c[2], mask_name(&c[3]))
        })
        .into_owned();
    mask_customer(&out, customer)
}

/// A source location (a chat file named after the customer's number or name, and its line)
/// with the phone and the customer's name masked: what the workbook's evidence column shows.
pub fn mask_location(text: &str, customer: Option<&str>) -> String {
    mask_customer(&mask_digits(text), customer)
}

/// Every whole word of the customer's name (3 letters or more, case ignored) masked.
fn mask_customer(out: &str, customer: Option<&str>) -> String {
    let words: Vec<String> = customer
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return out.to_string();
    }
    // Whole words, case ignored: one pass over the text's words, no pattern per customer.
    let mut masked = String::with_capacity(out.len());
    let mut word = String::new();
    let flush = |word: &mut String, masked: &mut String| {
        if words.contains(&word.to_lowercase()) {
            masked.push_str(&mask_name(word));
        } else {
            masked.push_str(word);
        }
        word.clear();
    };
    for c in out.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut masked);
            masked.push(c);
        }
    }
    flush(&mut word, &mut masked);
    masked
}

/// "Budi Santoso" → "B*** S******".
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => format!("{first}{}", "*".repeat(c.count())),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Long digit runs (phone numbers in message text) hidden but their last four digits.
fn mask_digits(text: &str) -> String {
    static PHONE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(\+?\d[\d\- ]{6,}\d)").expect("phone pattern")
    });
    PHONE
        .replace_all(text, |c: &regex::Captures| {
            let s = &c[1];
            let digits: Vec<char> = s.chars().filter(char::is_ascii_digit).collect();
            if digits.len() < 9 {
                return s.to_string();
            }
            let tail: String = digits[digits.len() - 4..].iter().collect();
            format!("****{tail}")
        })
        .into_owned()
}
