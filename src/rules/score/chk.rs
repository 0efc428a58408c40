//! CHK-complete and CHK-consistent: the hand-filled SOP checklist forms, matched to their case
//! by plate and date. A ticked item is checked against the case's events where the data can
//! show the step did not happen.

use super::judge::{Judge, Status::*};
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

pub fn judge(j: &mut Judge, forms: &[&Form]) {
    if forms.is_empty() {
        j.put_all(
            &["CHK-complete", "CHK-consistent"],
            Na,
            "no checklist form for this case",
        );
        return;
    }
    let mut gaps = Vec::new();
    let mut contradicted = Vec::new();
    for form in forms {
        for (text, ticked, note, source) in &form.items {
            if !ticked && note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                gaps.push((text.clone(), source.clone()));
            }
            if *ticked {
                let lower = text.to_lowercase();
                for (sop, words, evidence, contradicts) in CHECKABLE {
                    if form.sop == *sop && lower.contains(words) && contradicts(j.case) {
                        contradicted.push((text.clone(), source.clone(), *evidence));
                    }
                }
            }
        }
    }
    let f = if gaps.is_empty() {
        j.finding("CHK-complete", Pass)
    } else {
        let mut f = j.finding("CHK-complete", Fail).because(format!(
            "not ticked and not explained: {}",
            gaps.iter()
                .map(|g| g.0.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ));
        for (_, s) in gaps {
            f = f.with_source(s);
        }
        f
    };
    j.put(f);
    let f = if contradicted.is_empty() {
        j.finding("CHK-consistent", Pass)
    } else {
        let mut f = j.finding("CHK-consistent", Fail).because(format!(
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
        f
    };
    j.put(f);
}
