//! FUT — follow-up and testimonial (case kind `followup`, one per completed job).

use super::judge::{Judge, Status::*};
use super::model::Ev;
use crate::calendar::h_plus;
use crate::ingest::values::normalise_phone;

/// Rules judged from the follow-up conversation.
const CHAT_RULES: &[&str] = &[
    "FUT-5.1",
    "FUT-4.2.2",
    "FUT-4.2.3",
    "FUT-4.3.1",
    "FUT-4.3.2",
    "FUT-6.2",
    "FUT-7.3",
    "FUT-6.3",
    "FUT-8.4",
];

/// `job_has_chat`: whether the job itself has any message; a follow-up with no message and a
/// job with none is missing data (`unknown`), not a missed follow-up.
pub fn judge(j: &mut Judge, job_has_chat: bool) {
    let c = j.case;
    phone_valid(j);
    let Some(done) = c.opened_at else {
        j.put_all(CHAT_RULES, Unknown, "no completion time");
        return;
    };
    let msgs: Vec<&Ev> = c.messages().collect();
    if msgs.is_empty() && !job_has_chat {
        j.put_all(CHAT_RULES, Unknown, "no chat recorded for this job");
        return;
    }
    // Contacts: advisor messages after completion that are not the completion notice itself.
    let contacts: Vec<&Ev> = msgs
        .iter()
        .copied()
        .filter(|m| m.by_advisor() && m.at >= done && !m.has("completion_notice") && !media_only(m))
        .collect();
    let followup = contacts
        .iter()
        .copied()
        .find(|m| m.has("followup_question"));
    let limit = j.p("FUT-5.1", "limit_days");
    let due = h_plus(done.date(), limit as i64);
    let f = match followup {
        Some(m) => {
            let days = (m.at.date() - done.date()).num_days() as f64;
            j.finding("FUT-5.1", if days <= limit { Pass } else { Fail })
                .measured(days, "calendar_days")
                .limit(limit, "calendar_days")
                .times(Some(done), Some(due), Some(m.at))
                .because(if days <= limit {
                    String::new()
                } else {
                    format!("followed up on H+{days:.0}")
                })
                .with(m)
        }
        None if j.open_at_cutoff(due) => j
            .finding("FUT-5.1", Unknown)
            .times(Some(done), Some(due), None)
            .because("open at cut-off"),
        None => j
            .finding("FUT-5.1", Fail)
            .limit(limit, "calendar_days")
            .times(Some(done), Some(due), None)
            .because(if contacts.is_empty() {
                "no follow-up contact after completion"
            } else {
                "contacted after completion, but nobody asked how the vehicle is"
            })
            .with_all(contacts.iter().copied().take(2))
            .with_source(c.source()),
    };
    j.put(f);

    let f = match (contacts.first(), followup) {
        (None, _) => j.finding("FUT-4.2.2", Na).because("no follow-up contact"),
        (_, Some(m)) => j.finding("FUT-4.2.2", Pass).with(m),
        (Some(m), None) => j
            .finding("FUT-4.2.2", Fail)
            .because("the contact after service does not ask about the vehicle's condition")
            .with(m),
    };
    j.put(f);

    complaint_response(j, &msgs, done);
    testimonials(j, &msgs, done);
    second_contact(j, &msgs, followup);
}

fn media_only(m: &Ev) -> bool {
    m.attrs.media && m.labels.is_empty()
}

/// FUT-4.1.2: the customer's phone is a valid Indonesian mobile number.
fn phone_valid(j: &mut Judge) {
    let c = j.case;
    // The importer's own reading of a number: an Indonesian mobile or not.
    let valid = c
        .phone
        .as_deref()
        .and_then(normalise_phone)
        .is_some_and(|p| p.mobile);
    let f = if valid {
        j.finding("FUT-4.1.2", Pass)
    } else {
        j.finding("FUT-4.1.2", Fail)
            .because(match c.phone_raw.as_deref() {
                Some(raw) => format!("phone {raw:?} is not a valid Indonesian mobile number"),
                None => "no phone number on the work order".into(),
            })
            .with_source(c.source())
    };
    j.put(f);
}

fn is_complaint(m: &Ev) -> bool {
    m.by_customer() && (m.has("complaint") || m.has("negative_feedback"))
}

/// FUT-4.2.3: a complaint in the follow-up got an advisor response within a business day.
fn complaint_response(j: &mut Judge, msgs: &[&Ev], done: chrono::NaiveDateTime) {
    let Some(complaint) = msgs
        .iter()
        .copied()
        .find(|m| is_complaint(m) && m.at >= done)
    else {
        let f = j
            .finding("FUT-4.2.3", Na)
            .because("no complaint in the follow-up");
        return j.put(f);
    };
    let days = j.p("FUT-4.2.3", "limit_days");
    let due = j.operating_days_due(complaint.at, days);
    let response = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.at >= complaint.at && !m.has("testimonial_request"));
    let mut f = j
        .by_deadline(
            "FUT-4.2.3",
            complaint.at,
            due,
            response.map(|r| r.at),
            (days, "operating_days"),
            "the complaint got no response within a business day",
        )
        .with(complaint);
    if let Some(r) = response {
        // Measured in the limit's unit (operating days), never minutes against days.
        f = f
            .measured(j.operating_days_used(complaint.at, r.at), "operating_days")
            .with(r);
    }
    j.put(f);
}

/// FUT-4.3.1, 4.3.2, 6.2, 7.3 (the requests) and FUT-6.3 (answering a testimonial).
fn testimonials(j: &mut Judge, msgs: &[&Ev], done: chrono::NaiveDateTime) {
    let requests: Vec<&Ev> = msgs
        .iter()
        .copied()
        .filter(|m| m.by_advisor() && m.has("testimonial_request") && m.at >= done)
        .collect();
    if let Some(first) = requests.first() {
        let before = |m: &&&Ev| m.at <= first.at && m.by_customer();
        let positive = msgs
            .iter()
            .filter(before)
            .any(|m| m.has("positive_feedback"));
        let complained = msgs.iter().filter(before).any(|m| is_complaint(m));
        let f = if positive && !complained {
            j.finding("FUT-4.3.1", Pass).with(first)
        } else {
            let f = j.finding("FUT-4.3.1", Fail);
            if complained {
                f.on_presence()
                    .because("testimonial requested after the customer complained")
            } else {
                f.because("testimonial requested before any positive response")
            }
            .with(first)
        };
        j.put(f);
        let f = if first.attrs.review_link.is_some() {
            j.finding("FUT-4.3.2", Pass).with(first)
        } else {
            j.finding("FUT-4.3.2", Fail)
                .because("the testimonial request has no review link")
                .with(first)
        };
        j.put(f);
        let rewarded: Vec<&Ev> = requests
            .iter()
            .copied()
            .filter(|m| m.attrs.reward)
            .collect();
        let f = if rewarded.is_empty() {
            j.finding("FUT-6.2", Pass)
        } else {
            j.finding("FUT-6.2", Fail)
                .because("a reward was offered for a review")
                .with_all(rewarded)
        };
        j.put(f);
        let max = j.p("FUT-7.3", "max_requests");
        let after_complaint: Vec<&Ev> = requests
            .iter()
            .copied()
            .filter(|r| {
                msgs.iter()
                    .any(|m| is_complaint(m) && m.at <= r.at && m.at >= done)
            })
            .collect();
        let too_many = requests.len() as f64 > max;
        let f = if too_many || !after_complaint.is_empty() {
            j.finding("FUT-7.3", Fail)
                .measured(requests.len() as f64, "messages")
                .limit(max, "messages")
                .because(if too_many {
                    format!("{} testimonial requests", requests.len())
                } else {
                    "testimonial requested after a complaint".into()
                })
                .with_all(requests.iter().copied())
        } else {
            j.finding("FUT-7.3", Pass)
                .measured(requests.len() as f64, "messages")
                .limit(max, "messages")
        };
        j.put(f);
    } else {
        j.put_all(
            &["FUT-4.3.1", "FUT-4.3.2", "FUT-6.2"],
            Na,
            "no testimonial request",
        );
        let f = j.finding("FUT-7.3", Pass).measured(0.0, "messages");
        j.put(f);
    }

    let Some(review) = msgs
        .iter()
        .copied()
        .find(|m| m.by_customer() && m.has("testimonial"))
    else {
        let f = j
            .finding("FUT-6.3", Na)
            .because("the customer sent no testimonial");
        return j.put(f);
    };
    let days = j.p("FUT-6.3", "limit_days");
    let due = j.operating_days_due(review.at, days);
    let answer = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.at >= review.at);
    let mut f = j
        .by_deadline(
            "FUT-6.3",
            review.at,
            due,
            answer.map(|a| a.at),
            (days, "operating_days"),
            "the customer's review got no response within a business day",
        )
        .with(review);
    if let Some(a) = answer {
        f = f.with(a);
    }
    j.put(f);
}

/// FUT-8.4: an unanswered follow-up gets a second contact within 3 calendar days.
fn second_contact(j: &mut Judge, msgs: &[&Ev], followup: Option<&Ev>) {
    let Some(first) = followup else {
        let f = j.finding("FUT-8.4", Na).because("no follow-up question");
        return j.put(f);
    };
    if msgs.iter().any(|m| m.by_customer() && m.at >= first.at) {
        let f = j
            .finding("FUT-8.4", Na)
            .because("the customer answered the follow-up");
        return j.put(f);
    }
    let limit = j.p("FUT-8.4", "limit_days");
    let due = h_plus(first.at.date(), limit as i64);
    let second = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.at > first.at);
    let mut f = j
        .by_deadline(
            "FUT-8.4",
            first.at,
            due,
            second.map(|s| s.at),
            (limit, "calendar_days"),
            "no second contact after an unanswered follow-up",
        )
        .with(first);
    if let Some(s) = second {
        f = f.with(s);
    }
    j.put(f);
}
