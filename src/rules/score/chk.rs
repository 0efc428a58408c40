//! CHK-complete and CHK-consistent: the hand-filled SOP checklist forms, matched to their case
//! by plate and date. A ticked item is checked against the case's events where the data can
//! show the step did not happen.

use super::judge::{Judge, Judged, Status::*};
use super::model::Form;

use super::model::Case;

/// Items whose tick the data can contradict: (SOP, words in the item, what the evidence is,
/// whether the case's events show the step did not happen).
type Contradiction = fn(&Case) -> bool;
const CHECKABLE: &[(&str, &str, &str, Contradiction)] = &[
    // As BKG-4.2.3 reads it: a reminder message, or the reminder time the booking log records.
    (
        "BKG",
        "reminder",
        "no reminder message or logged reminder",
        |c| {
            !c.advisor_messages().any(|m| m.has("reminder"))
                && !c.events.iter().any(|e| &*e.activity == "reminder_logged")
        },
    ),
    (
        "KSP",
        "hubungi pelanggan",
        "no message to the customer",
        |c| !c.chat_ambiguous && c.advisor_messages().next().is_none(),
    ),
];

/// Items not ticked and not explained, with their cells.
fn gaps(forms: &[&Form]) -> Vec<(String, String)> {
    forms
        .iter()
        .flat_map(|form| &form.items)
        .filter(|(_, ticked, note, _)| {
            !ticked && note.as_deref().is_none_or(|n| n.trim().is_empty())
        })
        .map(|(text, _, _, source)| (text.clone(), source.clone()))
        .collect()
}

/// Ticked items the case's events contradict: (item, cell, what the evidence is).
fn contradicted(j: &Judge, forms: &[&Form]) -> Vec<(String, String, &'static str)> {
    let mut out = Vec::new();
    for form in forms {
        for (text, ticked, _, source) in &form.items {
            if !ticked {
                continue;
            }
            let lower = text.to_lowercase();
            for (sop, words, evidence, contradicts) in CHECKABLE {
                if form.sop == *sop && lower.contains(words) && contradicts(j.case) {
                    out.push((text.clone(), source.clone(), *evidence));
                }
            }
        }
    }
    out
}

/// CHK-complete: every item of the case's checklist is ticked or explained in its note.
pub fn complete(j: &Judge) -> Judged {
    if j.forms.is_empty() {
        return Ok(j.finding(Na).because("no checklist form for this case"));
    }
    let gaps = gaps(j.forms);
    if gaps.is_empty() {
        return Ok(j.finding(Pass));
    }
    let mut f = j.finding(Fail).because(format!(
        "not ticked and not explained: {}",
        gaps.iter()
            .map(|g| g.0.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    ));
    for (_, s) in gaps {
        f = f.with_source(s);
    }
    Ok(f)
}

/// CHK-consistent: a ticked item agrees with the data where the data can show the step did
/// not happen.
pub fn consistent(j: &Judge) -> Judged {
    if j.forms.is_empty() {
        return Ok(j.finding(Na).because("no checklist form for this case"));
    }
    let contradicted = contradicted(j, j.forms);
    if contradicted.is_empty() {
        return Ok(j.finding(Pass));
    }
    let mut f = j.finding(Fail).because(format!(
        "ticked but the data says otherwise: {}",
        contradicted
            .iter()
            .map(|c| format!("{} ({})", c.0, c.2))
            .collect::<Vec<_>>()
            .join("; ")
    ));
    for (_, s, _) in contradicted {
        f = f.with_source(s);
    }
    Ok(f)
}
