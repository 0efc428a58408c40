//! Evidence from content, not only words: an advisor message is read by what it states in the
//! case it belongs to, whatever its wording.
//!
//! - In a booking, a message stating the booked slot's date and time, or the one the customer
//!   asked for, is a confirmation of it.
//! - In a job, a message stating an amount or a finish time is a diagnosis/estimate (KSP-4.1.1),
//!   even when it also asks for approval (if it says what was found or when it will be done);
//!   its finish time is the promise (KSP-4.4.x).
//! - In a job, a finish time later than the one already promised, sent before it passed, is a
//!   delay notice's new estimate.
//! - In a job, after the final QC, a message stating an amount is the completion notice with
//!   its bill.
//! - In a job, an unlabelled message about the work's state (part arrived, fitting, test drive,
//!   QC) is a progress update.

use super::classify::{Attributes, Lexicon};
use super::link::CaseWindow;
use chrono::NaiveDateTime;

/// A label a cue adds, and the cue's name (shown by `patuh case`).
pub type Cue = (usize, &'static str);

/// One advisor message as the cues see it.
pub struct Said<'a> {
    pub text: &'a str,
    pub sent: NaiveDateTime,
    /// What the lexicon read.
    pub mask: u64,
    /// The kinds the message model sees in it (no verdict of its own, but a completion notice
    /// stating its bill is no diagnosis).
    pub model: u64,
    pub attrs: &'a Attributes,
    /// The time the message states (`promise::promised_time`), read once by the timeline.
    pub promised: Option<NaiveDateTime>,
    /// The finish time an advisor last promised in this case, before this message.
    pub promised_before: Option<NaiveDateTime>,
    /// The time the customer last asked for in this case, before this message.
    pub asked_before: Option<NaiveDateTime>,
}

/// The name `other_time_stated` gives its candidates on an event (`maybe_cues`).
pub const OTHER_TIME: &str = "other_time";

/// What a structural candidate's cue says of its message, for a finding's reason.
pub fn cue_says(cue: &str) -> Option<&'static str> {
    match cue {
        OTHER_TIME => Some("it states a time other than the booked slot"),
        _ => None,
    }
}

/// An advisor message of a booking that states a time, neither the booked slot nor the one
/// asked for, and is nothing that confirms no slot (`no_confirmation`) nor a confirmation
/// already: it may confirm another time (BKG-4.2.2 would say so) or mean something else. Not a
/// label; a candidate, so that "no confirmation" rests on nothing that could be one.
pub fn other_time_stated(lexicon: &Lexicon, case: &CaseWindow, said: &Said) -> bool {
    case.kind == "booking"
        && said.promised.is_some()
        && said.promised != case.slot
        && said.promised != said.asked_before
        && !no_confirmation(lexicon, case, said)
        && (said.mask | said.model) & lexicon.mask_of(&["booking_confirmation"]) == 0
}

/// A booking message that confirms no slot whatever time it states: a question offering it,
/// or what the lexicon, or the model even unsure, reads as a reminder, a refusal or a data
/// request ("Sabtu jam 13.00 kami sudah tidak muat"). The model's reminder counts only where a
/// reminder can be (H-1: from three days before the slot, a weekend between): a message
/// stating the slot a week ahead, as the booking is made, is no reminder however alike the
/// words.
fn no_confirmation(lexicon: &Lexicon, case: &CaseWindow, said: &Said) -> bool {
    let not_confirming = lexicon.mask_of(&["reminder", "slot_unavailable", "data_request"]);
    let reminder_time = case
        .slot
        .is_none_or(|slot| (slot.date() - said.sent.date()).num_days() <= 3);
    let model_objects = if reminder_time {
        said.model & not_confirming
    } else {
        said.model & not_confirming & !lexicon.mask_of(&["reminder"])
    };
    said.text.contains('?') || said.mask & not_confirming != 0 || model_objects != 0
}

/// The cue that labels an advisor message of `case`, if any.
pub fn cue(lexicon: &Lexicon, case: &CaseWindow, said: &Said) -> Option<Cue> {
    let Said {
        text,
        sent,
        mask,
        model,
        attrs,
        promised,
        promised_before,
        asked_before,
    } = *said;
    let has = |names: &[&str]| mask & lexicon.mask_of(names) != 0;
    let asks = text.contains('?');
    match case.kind.as_str() {
        "booking" => {
            if has(&["booking_confirmation"]) || no_confirmation(lexicon, case, said) {
                return None;
            }
            // The booked slot, or the time the customer asked for (which the record may hold
            // wrongly: BKG-4.2.2 compares them).
            let stated = promised?;
            let cue = if case.slot == Some(stated) {
                "slot"
            } else if asked_before == Some(stated) {
                "asked"
            } else {
                return None;
            };
            lexicon.index_of("booking_confirmation").map(|i| (i, cue))
        }
        "job" => {
            let others = lexicon.mask_of(&[
                "diagnosis",
                "completion_notice",
                "delay_notice",
                "reminder",
                "booking_confirmation",
            ]);
            if mask & others != 0 {
                return None;
            }
            // The model seeing a completion, a reminder or a confirmation keeps the cues below
            // from calling it a diagnosis or a delay; seeing a delay, from calling it a
            // diagnosis (it seeing a diagnosis does neither).
            let model_sees = |names: &[&str]| model & lexicon.mask_of(names) != 0;
            let model_objects =
                model_sees(&["completion_notice", "reminder", "booking_confirmation"]);
            let model_delay = model_sees(&["delay_notice"]);
            let diagnosis = lexicon.index_of("diagnosis")?;
            let finish_at = promised;
            let finish = finish_at.is_some();
            let done = case.finished.is_some_and(|f| sent >= f);
            // Once the work is done (final QC), a message stating the bill is the completion
            // notice (its time is when to collect); one that also reports what an inspection
            // found is a (late) diagnosis, read below.
            if done && !attrs.finding {
                return (!attrs.amounts.is_empty())
                    .then(|| lexicon.index_of("completion_notice").map(|i| (i, "bill")))
                    .flatten();
            }
            if model_objects {
                return None;
            }
            // While the work runs, a finish time later than the one already promised is the new
            // estimate of a delay notice (its apology and reason are for KSP-4.4.2 to read).
            if let (Some(new), Some(old)) = (finish_at, promised_before)
                && !done
                && new > old
                && sent <= old
                && !has(&["approval_request"])
            {
                return lexicon.index_of("delay_notice").map(|i| (i, "later_time"));
            }
            if model_delay {
                return None;
            }
            let request = lexicon.mask_of(&["approval_request"]);
            let bare_request = (mask | model) & request != 0 && !finish && !attrs.finding;
            if !attrs.amounts.is_empty() && !bare_request {
                return Some((diagnosis, "amount"));
            }
            if !asks && finish {
                return Some((diagnosis, "finish_time"));
            }
            let explained = mask & !lexicon.mask_of(&["greeting"]) != 0;
            (!explained && attrs.work_state)
                .then(|| {
                    lexicon
                        .index_of("progress_update")
                        .map(|i| (i, "work_state"))
                })
                .flatten()
        }
        _ => None,
    }
}
