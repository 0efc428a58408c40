//! FUT — follow-up and testimonial (case kind `followup`, one per completed job; the case opens
//! at the job's completion). One function per rule (`registry.rs`).

use super::clock::{Mark, Unit};
use super::half_read::{judged_as, judged_on, maybe, on_maybe, trigger};
use super::judge::{Finding, Judge, Judged, Status::*};
use super::model::Ev;
use crate::values::normalise_phone;
use chrono::NaiveDateTime;

/// The follow-up conversation and the completion time, or `unknown` when neither the
/// follow-up nor its job has any message (missing data, not a missed follow-up).
fn chat<'a>(j: &Judge<'a>) -> Result<(Vec<&'a Ev>, NaiveDateTime), Finding> {
    let msgs: Vec<&Ev> = j.case.messages().collect();
    let done = j.opened;
    if msgs.is_empty() && !j.job_has_chat {
        return Err(j.finding(Unknown).because("no chat recorded for this job"));
    }
    Ok((msgs, done))
}

fn media_only(m: &Ev) -> bool {
    m.attrs.media && m.labels.is_empty()
}

/// Advisor messages after completion that are not the completion notice itself, and the first
/// of them that asks how the vehicle is (the follow-up).
fn contacts<'a>(msgs: &[&'a Ev], done: NaiveDateTime) -> (Vec<&'a Ev>, Option<&'a Ev>) {
    let contacts: Vec<&Ev> = msgs
        .iter()
        .copied()
        .filter(|m| m.by_advisor() && m.at >= done && !m.has("completion_notice") && !media_only(m))
        .collect();
    let followup = contacts
        .iter()
        .copied()
        .find(|m| m.has("followup_question"));
    (contacts, followup)
}

/// FUT-4.1.2: the customer's phone is a valid Indonesian mobile number.
pub fn phone_valid(j: &Judge) -> Judged {
    let c = j.case;
    // The importer's own reading of a number: an Indonesian mobile or not.
    let valid = c
        .phone
        .as_deref()
        .and_then(normalise_phone)
        .is_some_and(|p| p.mobile);
    Ok(if valid {
        j.finding(Pass)
    } else {
        j.finding(Fail)
            .because(match c.phone_raw.as_deref() {
                Some(raw) => format!("phone {raw:?} is not a valid Indonesian mobile number"),
                None => "no phone number on the work order".into(),
            })
            .with_source(c.source())
    })
}

/// FUT-5.1: a follow-up asking how the vehicle is, by H+2.
pub fn followup_in_time(j: &Judge) -> Judged {
    let (msgs, done) = chat(j)?;
    let (contacts, followup) = contacts(&msgs, done);
    let stop = followup.map(Mark::event);
    let f = j.clock(
        &Mark::record(done, String::new()),
        stop.as_ref(),
        j.p("limit_days"),
        Unit::CalendarDays,
        &|days| format!("followed up on H+{days:.0}"),
        if contacts.is_empty() {
            "no follow-up contact after completion"
        } else {
            "contacted after completion, but nobody asked how the vehicle is"
        },
    );
    Ok(if f.status == Fail && followup.is_none() {
        f.with_all(contacts.iter().copied().take(2))
            .with_source(j.case.source())
    } else {
        f
    })
}

/// FUT-4.2.2: the contact after service asks about the vehicle's condition.
pub fn asks_condition(j: &Judge) -> Judged {
    let (msgs, done) = chat(j)?;
    Ok(match contacts(&msgs, done) {
        (c, _) if c.is_empty() => j.finding(Na).because("no follow-up contact"),
        (_, Some(m)) => j.finding(Pass).with(m),
        (c, None) => j
            .finding(Fail)
            .because("the contact after service does not ask about the vehicle's condition")
            .with(c[0]),
    })
}

const COMPLAINT: &[&str] = &["complaint", "negative_feedback"];

fn is_complaint(m: &Ev) -> bool {
    m.by_customer() && COMPLAINT.iter().any(|k| m.has(k))
}

/// A rule that would pass on a request made after a message (from `from`) the model half-reads
/// as a complaint: the verdict as if it were one (`fail`, built by `as_fail`) goes through
/// `on_maybe`, so it needs review instead of passing on faith. `None` when no such message
/// precedes `request_at`.
fn after_half_read_complaint(
    j: &Judge,
    msgs: &[&Ev],
    from: NaiveDateTime,
    request_at: NaiveDateTime,
    as_fail: impl FnOnce() -> Finding,
) -> Option<Finding> {
    let none = "no complaint before the request";
    if let Some((m, p)) =
        maybe(msgs, COMPLAINT, Ev::by_customer, from).filter(|(m, _)| m.at <= request_at)
    {
        return Some(on_maybe(j, as_fail(), m, "complaint", p, none));
    }
    let (m, apology) = apologised_for(msgs, from).filter(|(m, _)| m.at <= request_at)?;
    let f = judged_as(
        j,
        as_fail(),
        m,
        "could not be read and the advisor apologised in answer (it may be a complaint)",
        none,
    );
    Some(f.with(apology))
}

/// The first customer message at or after `from` that nothing read, and the advisor's next
/// message answering it with an apology: it may be a complaint, so a request after it is not
/// passed on faith (it needs review; the apology alone accuses no one).
fn apologised_for<'a>(msgs: &[&'a Ev], from: NaiveDateTime) -> Option<(&'a Ev, &'a Ev)> {
    msgs.iter().enumerate().find_map(|(i, m)| {
        let unread = m.by_customer() && m.at >= from && m.labels.is_empty() && !m.attrs.media;
        let answer = msgs[i + 1..]
            .iter()
            .copied()
            .find(|n| n.by_advisor() || n.by_customer())?;
        (unread && answer.by_advisor() && answer.attrs.apology).then_some((*m, answer))
    })
}

/// FUT-4.2.3: a complaint in the follow-up got an advisor response within a business day.
pub fn complaint_response(j: &Judge) -> Judged {
    let (msgs, done) = chat(j)?;
    let none = "no complaint in the follow-up";
    let Some(found @ (complaint, _)) = trigger(&msgs, COMPLAINT, Ev::by_customer, done) else {
        return Ok(j.finding(Na).because(none));
    };
    let response = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.at >= complaint.at && !m.has("testimonial_request"))
        .map(Mark::event);
    let late = "the complaint got no response within a business day";
    let f = j.in_time(
        &Mark::event(complaint),
        response.as_ref(),
        j.p("limit_days"),
        Unit::OperatingDays,
        late,
    );
    Ok(judged_on(j, f, found, "complaint", none))
}

/// The advisor's testimonial requests after completion.
fn requests<'a>(msgs: &[&'a Ev], done: NaiveDateTime) -> Vec<&'a Ev> {
    msgs.iter()
        .copied()
        .filter(|m| m.by_advisor() && m.has("testimonial_request") && m.at >= done)
        .collect()
}

/// The conversation and its first testimonial request, or `na` when none was sent.
fn first_request<'a>(j: &Judge<'a>) -> Result<(Vec<&'a Ev>, &'a Ev), Finding> {
    let (msgs, done) = chat(j)?;
    match requests(&msgs, done).first().copied() {
        Some(first) => Ok((msgs, first)),
        None => Err(j.finding(Na).because("no testimonial request")),
    }
}

/// FUT-4.3.1: a testimonial is asked for only after a positive response, never after a
/// complaint.
pub fn testimonial_after_praise(j: &Judge) -> Judged {
    let (msgs, first) = first_request(j)?;
    let before = |m: &&&Ev| m.at <= first.at && m.by_customer();
    // A testimonial the customer offered unasked is a positive response too.
    let positive = msgs
        .iter()
        .filter(before)
        .any(|m| m.has("positive_feedback") || m.has("testimonial"));
    let complained = msgs.iter().filter(before).any(|m| is_complaint(m));
    Ok(if positive && !complained {
        after_half_read_complaint(j, &msgs, NaiveDateTime::MIN, first.at, || {
            j.finding(Fail)
                .because("testimonial requested after the customer complained")
                .with(first)
        })
        .unwrap_or_else(|| j.finding(Pass).with(first))
    } else {
        let f = j.finding(Fail);
        if complained {
            f.on_presence()
                .because("testimonial requested after the customer complained")
        } else {
            f.because("testimonial requested before any positive response")
        }
        .with(first)
    })
}

/// How long after a testimonial request the advisor's own further messages still belong to it.
const REQUEST_TURN_MINUTES: i64 = 10;

/// FUT-4.3.2: the testimonial request carries a review link.
pub fn review_link(j: &Judge) -> Judged {
    let (msgs, done) = chat(j)?;
    let none = "no testimonial request";
    let Some(found @ (first, _)) = trigger(&msgs, &["testimonial_request"], Ev::by_advisor, done)
    else {
        return Ok(j.finding(Na).because(none));
    };
    // The link may come on its own right after the request (sent apart for its preview): the
    // advisor's messages of the next minutes, before the customer writes, are the request's.
    // A link a day later is a second request, not this one's.
    let same_turn = first.at + chrono::Duration::minutes(REQUEST_TURN_MINUTES);
    let link = msgs
        .iter()
        .copied()
        .skip_while(|m| !std::ptr::eq(*m, first))
        .take_while(|m| std::ptr::eq(*m, first) || (m.by_advisor() && m.at <= same_turn))
        .find(|m| m.attrs.review_link.is_some());
    let f = j
        .holds(link.is_some(), "the testimonial request has no review link")
        .with(first)
        .with_all(link);
    Ok(judged_on(j, f, found, "testimonial request", none))
}

/// FUT-6.2: no reward offered for a review.
pub fn no_reward(j: &Judge) -> Judged {
    let (msgs, done) = chat(j)?;
    let requests = requests(&msgs, done);
    if requests.is_empty() {
        return Ok(j.finding(Na).because("no testimonial request"));
    }
    let rewarded: Vec<&Ev> = requests.into_iter().filter(|m| m.attrs.reward).collect();
    Ok(
        j.holds(rewarded.is_empty(), "a reward was offered for a review")
            .with_all(rewarded),
    )
}

/// FUT-7.3: at most `max_requests` testimonial requests, none after a complaint.
pub fn not_pushy(j: &Judge) -> Judged {
    let (msgs, done) = chat(j)?;
    let requests = requests(&msgs, done);
    let max = j.p("max_requests");
    if requests.is_empty() {
        return Ok(j.finding(Pass).measured(0.0, "messages"));
    }
    let after_complaint = requests.iter().any(|r| {
        msgs.iter()
            .any(|m| is_complaint(m) && m.at <= r.at && m.at >= done)
    });
    let too_many = requests.len() as f64 > max;
    if !too_many && !after_complaint {
        let last = requests.iter().map(|r| r.at).max().expect("requests");
        let as_fail = || {
            j.finding(Fail)
                .measured(requests.len() as f64, "messages")
                .limit(max, "messages")
                .because("testimonial requested after a complaint")
                .with_all(requests.iter().copied())
        };
        if let Some(f) = after_half_read_complaint(j, &msgs, done, last, as_fail) {
            return Ok(f);
        }
    }
    let f = j
        .finding(if too_many || after_complaint {
            Fail
        } else {
            Pass
        })
        .measured(requests.len() as f64, "messages")
        .limit(max, "messages");
    Ok(if too_many || after_complaint {
        f.because(if too_many {
            format!("{} testimonial requests", requests.len())
        } else {
            "testimonial requested after a complaint".into()
        })
        .with_all(requests)
    } else {
        f
    })
}

/// FUT-6.3: a customer's testimonial is answered within a business day.
pub fn review_answered(j: &Judge) -> Judged {
    let (msgs, _) = chat(j)?;
    let none = "the customer sent no testimonial";
    // A review the customer reports unasked is read anywhere; one only half-read counts after
    // a review was asked for ("udah halus kak" answering "how is the car?" reports no review).
    let asked = msgs
        .iter()
        .find(|m| m.by_advisor() && m.has("testimonial_request"))
        .map(|m| m.at);
    let found = trigger(&msgs, &["testimonial"], Ev::by_customer, NaiveDateTime::MIN)
        .filter(|(_, p)| p.is_none())
        .or_else(|| {
            maybe(&msgs, &["testimonial"], Ev::by_customer, asked?).map(|(m, p)| (m, Some(p)))
        });
    let Some(found @ (review, _)) = found else {
        return Ok(j.finding(Na).because(none));
    };
    // Asking for the review again answers nothing the customer sent.
    let answer = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.at >= review.at && !m.has("testimonial_request"))
        .map(Mark::event);
    let late = "the customer's review got no response within a business day";
    let f = j.in_time(
        &Mark::event(review),
        answer.as_ref(),
        j.p("limit_days"),
        Unit::OperatingDays,
        late,
    );
    Ok(judged_on(j, f, found, "testimonial", none))
}

/// FUT-8.4: an unanswered follow-up gets a second contact within 3 calendar days.
pub fn second_contact(j: &Judge) -> Judged {
    let (msgs, done) = chat(j)?;
    let Some(first) = contacts(&msgs, done).1 else {
        return Ok(j.finding(Na).because("no follow-up question"));
    };
    if msgs.iter().any(|m| m.by_customer() && m.at >= first.at) {
        return Ok(j.finding(Na).because("the customer answered the follow-up"));
    }
    let second = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.at > first.at)
        .map(Mark::event);
    let late = "no second contact after an unanswered follow-up";
    Ok(j.in_time(
        &Mark::event(first),
        second.as_ref(),
        j.p("limit_days"),
        Unit::CalendarDays,
        late,
    ))
}
