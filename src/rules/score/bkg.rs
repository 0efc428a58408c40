//! BKG — booking online (case kind `booking`). One function per rule (`registry.rs` maps ids to
//! them); BKG-4.1.4 compares bookings with each other through `technician_clashes`.

use super::clock::{Mark, Unit};
use super::half_read::{judged_on, trigger};
use super::judge::{Finding, Judge, Judged, Status::*};
use super::model::{Case, Ev};
use super::reply;
use crate::timeline::classify::BOOKING_ANSWERS;
use chrono::NaiveDateTime;
use std::collections::HashMap;

/// The booking's chat, or `unknown` when no chat is linked to it.
fn chat<'a>(j: &Judge<'a>) -> Result<Vec<&'a Ev>, Finding> {
    j.chat_or_unknown(|_| true, "no chat linked to this booking")
}

fn pending(c: &Case) -> bool {
    c.booking_status.as_deref() == Some("pending")
}

/// A booking asked for in chat that no booking record holds (`chat:<phone>:<date>`).
fn chat_only(c: &Case) -> bool {
    c.key.starts_with("chat:")
}

/// BKG-4.1.2: the first reply to the customer's first booking message.
pub fn first_reply(j: &Judge) -> Judged {
    let msgs = chat(j)?;
    let Some(first) = msgs.iter().position(|m| m.by_customer()) else {
        return Ok(j
            .finding(Unknown)
            .because("no customer message in the booking chat"));
    };
    // An advisor message answering a booking request (asking for the booking data, stating or
    // refusing a slot) before any customer message: the request it answers lies outside what
    // was tied to this booking, so its reply time cannot be measured.
    if let Some(answer) = msgs[..first]
        .iter()
        .find(|m| m.by_advisor() && BOOKING_ANSWERS.iter().any(|k| m.has(k)))
    {
        return Ok(j
            .finding(Unknown)
            .because(format!(
                "the booking chat opens with the advisor's answer at {} to a request not tied to this booking",
                answer.at.format("%d/%m %H:%M")
            ))
            .with(answer));
    }
    Ok(reply::first_reply(j, &msgs, first))
}

/// BKG-4.1.3: name, phone, plate, vehicle type, complaint/service, arrival date and time.
pub fn record_complete(j: &Judge) -> Judged {
    let c = j.case;
    if chat_only(c) {
        return Ok(j.finding(Na).because(
            "no booking record: asked for in chat only (BKG-4.2.2 judges a slot agreed there)",
        ));
    }
    Ok(j.required_fields(&[
        ("name", c.customer.is_some()),
        ("phone", c.phone.is_some()),
        ("plate", c.plate.is_some()),
        ("vehicle type", c.vehicle_type.is_some()),
        ("complaint/service", c.service.is_some()),
        ("arrival date and time", c.slot.is_some()),
    ]))
}

/// BKG-4.1.4 across bookings: a technician's slots that overlap, by booking id → the others.
pub fn technician_clashes(cases: &[Case], slot_minutes: f64) -> HashMap<String, Vec<String>> {
    let mut by_tech: HashMap<String, Vec<(NaiveDateTime, &str)>> = HashMap::new();
    for c in cases.iter().filter(|c| c.kind == "booking" && !pending(c)) {
        if let (Some(t), Some(s)) = (&c.technician, c.slot) {
            by_tech
                .entry(t.to_lowercase())
                .or_default()
                .push((s, &c.key));
        }
    }
    let len = chrono::Duration::minutes(slot_minutes as i64);
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for list in by_tech.values_mut() {
        list.sort();
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if b.0 >= a.0 + len {
                    break;
                }
                out.entry(a.1.to_string())
                    .or_default()
                    .push(b.1.to_string());
                out.entry(b.1.to_string())
                    .or_default()
                    .push(a.1.to_string());
            }
        }
    }
    out
}

/// BKG-4.1.4: the booking's technician holds no other booking whose slot overlaps this one.
pub fn technician(j: &Judge) -> Judged {
    let c = j.case;
    let limit = j.p("slot_minutes");
    if pending(c) || c.technician.is_none() || c.slot.is_none() {
        return Ok(j.finding(Na).because("no technician and slot assigned"));
    }
    Ok(match j.clashes {
        Some(others) => j
            .finding(Fail)
            .limit(limit, "minutes")
            .because(format!(
                "{} also has {} within {limit:.0} minutes of this slot",
                c.technician.as_deref().unwrap_or("?"),
                others.join(", ")
            ))
            .with_source(c.source()),
        None => j
            .finding(Pass)
            .limit(limit, "minutes")
            .with_source(c.source()),
    })
}

fn confirmation_of<'e>(msgs: &[&'e Ev], slot: Option<NaiveDateTime>) -> Option<&'e Ev> {
    msgs.iter()
        .copied()
        .filter(|m| m.by_advisor() && m.has("booking_confirmation"))
        .find(|m| slot.is_none_or(|s| m.at < s))
}

/// BKG-4.2.1: a confirmation with the booking details before the slot.
pub fn confirmation(j: &Judge) -> Judged {
    let c = j.case;
    let msgs = chat(j)?;
    if pending(c) {
        return Ok(j
            .finding(Na)
            .because("booking is pending: no slot to confirm"));
    }
    if chat_only(c) && confirmation_of(&msgs, None).is_none() {
        return Ok(j
            .finding(Na)
            .because("asked for in chat only: no slot was agreed to confirm"));
    }
    // A booking recorded at or after its own slot (agreed on the spot) is judged on whether a
    // confirmation was sent at all.
    let before = c.slot.filter(|s| c.opened_at.is_none_or(|o| o < *s));
    Ok(match confirmation_of(&msgs, before) {
        Some(m) => j.finding(Pass).times(None, c.slot, Some(m.at)).with(m),
        None => j
            .finding(Fail)
            .times(None, c.slot, None)
            .because("no confirmation with the booking details before the slot")
            .with_all(msgs.iter().copied().filter(|m| m.by_advisor()).take(3)),
    })
}

/// BKG-4.2.2: the slot agreed in chat equals the recorded slot (7.2 "salah input jadwal").
/// The agreed slot: the confirmation's, else the last time an advisor offered, else an advisor
/// message stating the recorded slot, else the time the customer asked for (`asked_for`). Judged without a
/// chat too (`unknown`: no slot stated).
pub fn slot_as_agreed(j: &Judge) -> Judged {
    let c = j.case;
    let msgs: Vec<&Ev> = c.messages().collect();
    if pending(c) {
        return Ok(j.finding(Na).because("booking is pending: no slot agreed"));
    }
    let confirmed = confirmation_of(&msgs, None).and_then(|m| m.promised_at().map(|t| (t, m)));
    // Asked for in chat only: a slot counts as agreed when an advisor confirmed it; a time the
    // customer asked for, unanswered, is no booking to record.
    if chat_only(c) && confirmed.is_none() {
        return Ok(j
            .finding(Na)
            .because("asked for in chat only: no slot was agreed"));
    }
    let agreed = confirmed
        .or_else(|| {
            msgs.iter()
                .rev()
                .filter(|m| m.by_advisor() && m.has("slot_unavailable"))
                .find_map(|m| alternative_time(m, day_in_talk(c, &msgs, m)).map(|t| (t, *m)))
        })
        .or_else(|| {
            // No confirmation or refusal read: an advisor message offering the recorded slot
            // (stated, or as the alternative it proposes) agreed it, whatever its words.
            let slot = c.slot?;
            msgs.iter()
                .rev()
                .filter(|m| m.by_advisor())
                .find(|m| crate::timeline::promise::stated_times(&m.text, m.at).contains(&slot))
                .map(|m| (slot, *m))
        })
        .map(Ok)
        .or_else(|| asked_for(&msgs, c.slot));
    let agreed = match agreed {
        Some(Err(times)) => {
            return Ok(j.finding(Unknown).because(format!(
                "the customer asked for {times} different times and no advisor message read agreed one"
            )));
        }
        Some(Ok(a)) => Some(a),
        None => None,
    };
    Ok(match (agreed, c.slot) {
        (None, _) => j.finding(Unknown).because("no slot stated in the chat"),
        (Some((t, m)), None) => j
            .finding(Fail)
            .times(None, None, Some(t))
            .because(if chat_only(c) {
                format!(
                    "agreed {} in chat; no booking record holds it",
                    t.format("%d %b %H:%M")
                )
            } else {
                format!(
                    "agreed {} in chat; the record has no slot",
                    t.format("%d %b %H:%M")
                )
            })
            .with(m)
            .with_source(c.source()),
        (Some((t, m)), Some(s)) => {
            let status = if t == s { Pass } else { Fail };
            j.finding(status)
                .measured(j.elapsed(t, s, Unit::Minutes), "minutes")
                .times(None, Some(t), Some(s))
                .because(if t == s {
                    String::new()
                } else {
                    format!(
                        "agreed {} in chat, recorded {}",
                        t.format("%a %d %b %H:%M"),
                        s.format("%a %d %b %H:%M")
                    )
                })
                .with(m)
                .with_source(c.source())
        }
    })
}

/// The slot the customer asked for, when no advisor message agreed one: the one the record
/// holds if the customer named it at all (a question like "bsk jm 09 kosong?" is often
/// revised in the next message), else the one time they named. Several times, none recorded:
/// `Err(how many)` — what was agreed is not in the words read.
fn asked_for<'a>(
    msgs: &[&'a Ev],
    slot: Option<NaiveDateTime>,
) -> Option<Result<(NaiveDateTime, &'a Ev), usize>> {
    let asked: Vec<(NaiveDateTime, &Ev)> = msgs
        .iter()
        .filter(|m| m.by_customer())
        .filter_map(|m| m.promised_at().map(|t| (t, *m)))
        .collect();
    if let Some(&hit) = asked.iter().find(|(t, _)| Some(*t) == slot) {
        return Some(Ok(hit));
    }
    let mut times: Vec<NaiveDateTime> = asked.iter().map(|(t, _)| *t).collect();
    times.sort();
    times.dedup();
    match times.len() {
        0 => None,
        1 => asked.first().copied().map(Ok),
        n => Some(Err(n)),
    }
}

/// The alternative an "unavailable" message offers: the time it names after its offering words.
/// "kalau jam 11 bisa?" names no day: it is on the day being booked (the customer's asked day,
/// else the recorded slot's), not on the day the message was sent.
/// Without offering words, a message stating a second, different time offers it ("jam 08.00
/// sudah tidak muat, yang masih lowong jam 10.00, mau?").
fn alternative_time(m: &Ev, day_in_talk: Option<chrono::NaiveDate>) -> Option<NaiveDateTime> {
    use crate::timeline::promise::{clauses, promised_time, states_day};
    let at = |offer: &str| {
        let t = promised_time(offer, m.at)?;
        Some(match day_in_talk {
            Some(day) if !states_day(offer, m.at) => day.and_time(t.time()),
            _ => t,
        })
    };
    let lower = m.text.to_lowercase();
    match [
        "alternatif",
        "bagaimana kalau",
        "gimana kalau",
        "kalau",
        "bisa di",
    ]
    .iter()
    .find_map(|w| lower.find(w))
    {
        Some(cut) => at(&m.text[cut..]),
        None => {
            let times: Vec<NaiveDateTime> = clauses(&m.text).filter_map(|c| at(&c)).collect();
            let refused = times.first()?;
            times.iter().rev().find(|t| *t != refused).copied()
        }
    }
}

/// The day a booking conversation is about, as of message `m`: the day the customer last asked
/// for before it, else the recorded slot's.
fn day_in_talk(c: &Case, msgs: &[&Ev], m: &Ev) -> Option<chrono::NaiveDate> {
    msgs.iter()
        .rev()
        .filter(|o| o.by_customer() && o.at <= m.at)
        .find_map(|o| o.promised_at())
        .or(c.slot)
        .map(|t| t.date())
}

/// BKG-4.2.3: a reminder in the H-1 window.
pub fn reminder(j: &Judge) -> Judged {
    let c = j.case;
    let msgs = chat(j)?;
    let Some(slot) = c.slot.filter(|_| !pending(c)) else {
        return Ok(j.finding(Na).because("no confirmed slot to remind of"));
    };
    let Some((from, to)) = j.cal.reminder_window(slot.date()) else {
        return Ok(j
            .finding(Unknown)
            .because("no operating day before the slot in the calendar"));
    };
    if c.opened_at.is_some_and(|t| t >= from) {
        return Ok(j
            .finding(Na)
            .times(Some(from), Some(to), None)
            .because("booked inside the H-1 window or later"));
    }
    let in_window = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.has("reminder") && m.at >= from && m.at <= to)
        .or_else(|| {
            // The booking log's reminder time counts when the message itself is not in the chat.
            c.events
                .iter()
                .find(|e| &*e.activity == "reminder_logged" && e.at >= from && e.at <= to)
        });
    // A reminder outside the window is named in the reason and shown.
    let other = msgs.iter().find(|m| m.by_advisor() && m.has("reminder"));
    let late = match other {
        Some(m) => format!(
            "reminder sent {} — outside the H-1 window",
            m.at.format("%a %d %b %H:%M")
        ),
        None => "no reminder in the H-1 window".into(),
    };
    let f = j.by_deadline(Some(from), to, in_window.map(|m| m.at), &late);
    Ok(match (f.status, in_window, other) {
        (Pass, Some(m), _) => f.with(m),
        (Fail, _, Some(m)) => {
            let mut f = f.with_source(c.source()).with(m);
            f.done_at = Some(m.at);
            f
        }
        (Fail, _, None) => f.with_source(c.source()),
        _ => f,
    })
}

/// BKG-4.3: an unavailable slot came with an alternative, in the same message or soon after.
/// A refusal half-read (`half_read`) of a `pending` booking that would fail needs review.
pub fn slot_unavailable(j: &Judge) -> Judged {
    let msgs = chat(j)?;
    let none = "the asked slot was available";
    // A refusal the model only half-reads is judged as one (through `half_read`) only where the
    // record agrees no slot was settled: the booking is `pending`.
    let Some(found @ (m, _)) = trigger(
        &msgs,
        &["slot_unavailable"],
        Ev::by_advisor,
        NaiveDateTime::MIN,
    )
    .filter(|(_, half_read)| half_read.is_none() || pending(j.case)) else {
        return Ok(j.finding(Na).because(none));
    };
    let within = j.deadline(m.at, j.p("offer_within_minutes"), Unit::Minutes);
    let offered = alternative_time(m, day_in_talk(j.case, &msgs, m)).is_some()
        || msgs.iter().any(|o| {
            o.by_advisor()
                && o.at >= m.at
                && o.at <= within
                && !std::ptr::eq(*o, m)
                && o.promised_at().is_some()
                && !o.has("booking_confirmation")
        });
    let f = j
        .holds(offered, "slot unavailable and no alternative offered")
        .with(m);
    Ok(judged_on(j, f, found, "slot refusal", none))
}

/// BKG-4.4.3: an arrived customer's booking says `Datang`.
pub fn arrival_status(j: &Judge) -> Judged {
    let c = j.case;
    Ok(match c.arrived_at {
        None => j
            .finding(Na)
            .because("no check-in for this plate on the slot date"),
        Some(at) => {
            let ok = c.booking_status.as_deref() == Some("arrived");
            j.finding(if ok { Pass } else { Fail })
                .times(None, None, Some(at))
                .because(if ok {
                    String::new()
                } else {
                    format!(
                        "checked in {} but the booking status is {}",
                        at.format("%d %b %H:%M"),
                        c.booking_status.as_deref().unwrap_or("empty")
                    )
                })
                .with_source(c.source())
        }
    })
}

/// BKG-8.5: a no-show is contacted by the end of the next operating day.
pub fn no_show(j: &Judge) -> Judged {
    let c = j.case;
    let msgs = chat(j)?;
    let (Some(slot), None, false) = (c.slot, c.arrived_at, pending(c)) else {
        return Ok(j.finding(Na).because("not a no-show"));
    };
    if slot > j.cutoff {
        return Ok(j.finding(Unknown).because("slot after the data cut-off"));
    }
    let contact = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.at > slot)
        .map(Mark::event);
    let late = "no-show not contacted by the end of the next operating day";
    Ok(j.in_time(
        &Mark::record(slot, c.source()),
        contact.as_ref(),
        j.p("limit_days"),
        Unit::OperatingDays,
        late,
    ))
}

/// BKG-6.2: no request for excessive personal data.
pub fn personal_data(j: &Judge) -> Judged {
    let msgs = chat(j)?;
    let asked: Vec<&Ev> = msgs
        .iter()
        .copied()
        .filter(|m| m.by_advisor() && m.attrs.personal_data)
        .collect();
    Ok(j.holds(
        asked.is_empty(),
        "asked for ID card/NIK, family card, birth date or home address",
    )
    .with_all(asked))
}

/// BKG-7.1: every customer message of the conversation got a reply within the limit.
pub fn replies(j: &Judge) -> Judged {
    let msgs = chat(j)?;
    Ok(reply::every_reply(j, &msgs))
}
