//! Rules triggered by a message (a complaint, a testimonial, a review request, a completion
//! notice) when the only such message is one the model half-reads: patuh neither accuses on it
//! nor passes on faith. What would be a `fail` is `unknown` "needs review" with the message as
//! evidence; anything else is `na`, as when nothing was read.

use super::judge::{Finding, Judge, Status::*, may_be, needs_review};
use super::model::Ev;
use crate::timeline::model::CANDIDATE_AT;
use chrono::NaiveDateTime;

/// The first message at or after `from`, of the side `by`, that the model half-reads as one of
/// `kinds` (a score from `CANDIDATE_AT`, under what the rules take as read), with its score.
pub(super) fn maybe<'a>(
    msgs: &[&'a Ev],
    kinds: &[&str],
    by: impl Fn(&Ev) -> bool,
    from: NaiveDateTime,
) -> Option<(&'a Ev, f32)> {
    msgs.iter().copied().find_map(|m| {
        if !by(m) || m.at < from || kinds.iter().any(|k| m.has(k)) {
            return None;
        }
        kinds
            .iter()
            .filter_map(|k| m.attrs.uncertain(k))
            .filter(|&p| p >= CANDIDATE_AT)
            .max_by(f32::total_cmp)
            .map(|p| (m, p))
    })
}

/// A rule judged on a message patuh only half-read as its trigger (`maybe`): what would be a
/// fail is `unknown` "needs review" with the message as evidence, never a fail; anything else
/// is `na`, as when no trigger was read at all.
pub(super) fn on_maybe(
    j: &Judge,
    f: Finding,
    trigger: &Ev,
    kind: &str,
    score: f32,
    none: &str,
) -> Finding {
    judged_as(j, f, trigger, &may_be(kind, score), none)
}

/// A would-be fail on an uncertain trigger (`what` it may be) needs review; anything else is
/// `na`, as when no trigger was read.
pub(super) fn judged_as(j: &Judge, f: Finding, trigger: &Ev, what: &str, none: &str) -> Finding {
    if f.status == Fail {
        let reason = needs_review(1, what, &f.reason);
        Finding {
            status: Unknown,
            reason,
            ..f
        }
        .with(trigger)
    } else {
        j.finding(Na)
            .because(format!("{none} (1 message {what})"))
            .with(trigger)
    }
}

/// The first message of the side `by`, at or after `from`, read as one of `kinds`; else the first
/// one half-read as one (`maybe`), with its score.
pub(super) fn trigger<'a>(
    msgs: &[&'a Ev],
    kinds: &[&str],
    by: impl Fn(&Ev) -> bool + Copy,
    from: NaiveDateTime,
) -> Option<(&'a Ev, Option<f32>)> {
    msgs.iter()
        .copied()
        .find(|m| by(m) && m.at >= from && kinds.iter().any(|k| m.has(k)))
        .map(|m| (m, None))
        .or_else(|| maybe(msgs, kinds, by, from).map(|(m, p)| (m, Some(p))))
}

/// A finding judged on `trigger`: as it is when the trigger was read, through `on_maybe` when
/// it was half-read.
pub(super) fn judged_on(
    j: &Judge,
    f: Finding,
    trigger: (&Ev, Option<f32>),
    kind: &str,
    none: &str,
) -> Finding {
    match trigger {
        (m, Some(p)) => on_maybe(j, f, m, kind, p, none),
        (_, None) => f,
    }
}
