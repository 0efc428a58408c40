//! What the inquiry (INQ) and after-sales (PJL) rules share: a ticket's clock start, its
//! category's limit and the wait for its resolution. Limits are the company's SLA per category
//! (catalog parameters, overridable in patuh.toml).

use super::clock::Unit;
use super::judge::{Finding, Judge, Status, Status::*};
use super::model::Ev;
use chrono::NaiveDateTime;

/// The customer's first message is shown as the ticket's opening when it lies this close to the
/// creation time (evidence only: the clock starts at the creation time either way).
const OPENING_WITHIN_MINUTES: f64 = 10.0;

/// The ticket's clock start: its creation time (when the customer asked), with the customer's
/// message of that moment as evidence when there is one.
pub fn clock_start<'a>(j: &Judge<'a>, msgs: &[&'a Ev]) -> (NaiveDateTime, Option<&'a Ev>) {
    let t = j.opened;
    let first = msgs.iter().copied().find(|m| m.by_customer());
    (
        t,
        first.filter(|m| j.elapsed(t, m.at, Unit::Minutes).abs() <= OPENING_WITHIN_MINUTES),
    )
}

/// The rule's parameter for the ticket's category (`umum_minutes`, …); without a category the
/// most lenient one, with a note saying so.
pub fn per_category(j: &Judge, suffix: &str) -> (f64, Option<String>) {
    match j.case.category.as_deref() {
        Some(cat @ ("umum" | "teknis" | "komplain")) => (j.p(&format!("{cat}_{suffix}")), None),
        _ => {
            let most = ["umum", "teknis", "komplain"]
                .iter()
                .map(|c| j.p(&format!("{c}_{suffix}")))
                .fold(0.0, f64::max);
            (
                most,
                Some("ticket has no category: the most lenient limit applied".into()),
            )
        }
    }
}

pub fn with_note(f: Finding, note: &Option<String>) -> Finding {
    match note {
        Some(n) if f.reason.is_empty() => f.because(n.clone()),
        Some(n) => {
            let r = format!("{}; {n}", f.reason);
            f.because(r)
        }
        None => f,
    }
}

/// A rule that waits for the ticket's resolution, on a ticket without a resolution time: still
/// open (`open`: `na` or `unknown` as the rule reads it), or, when its export has no such column
/// at all, not known to be resolved (`unknown`, naming the column).
pub fn unresolved(j: &Judge, open: Status) -> Finding {
    if !j.case.has_field("resolved_at") {
        j.finding(Unknown).because(format!(
            "data missing: the ticket export has no {} column, so whether it is resolved is unknown",
            crate::ingest::vocab::fields("ticket").display("resolved_at")
        ))
    } else {
        j.finding(open).because("not resolved yet")
    }
}

/// The ticket's chat, or `unknown` when none is linked to it.
pub fn chat<'a>(j: &Judge<'a>) -> Result<Vec<&'a Ev>, Finding> {
    j.chat_or_unknown(|_| true, "no chat linked to this ticket")
}
