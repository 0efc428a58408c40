//! BKG — booking online (case kind `booking`). BKG-4.1.4 compares bookings with each other and
//! lives in `technician_clashes`.

use super::judge::{Judge, Status::*};
use super::model::{Case, Ev};
use super::reply;
use chrono::{Duration, NaiveDateTime};
use std::collections::HashMap;

const CHAT_RULES: &[&str] = &[
    "BKG-4.1.2",
    "BKG-4.2.1",
    "BKG-4.2.3",
    "BKG-4.3",
    "BKG-8.5",
    "BKG-6.2",
    "BKG-7.1",
];

pub fn judge(j: &mut Judge, clashes: &HashMap<String, Vec<String>>) {
    let c = j.case;
    record_complete(j);
    technician(j, clashes);
    arrival_status(j);
    let msgs: Vec<&Ev> = c.messages().collect();
    if msgs.is_empty() {
        j.put_all(CHAT_RULES, Unknown, "no chat linked to this booking");
        slot_as_agreed(j, &msgs);
        return;
    }
    first_reply(j, &msgs);
    confirmation(j, &msgs);
    slot_as_agreed(j, &msgs);
    reminder(j, &msgs);
    slot_unavailable(j, &msgs);
    no_show(j, &msgs);
    personal_data(j, &msgs);
    replies(j, &msgs);
}

fn pending(c: &Case) -> bool {
    c.booking_status.as_deref() == Some("pending")
}

/// A booking asked for in chat that no booking record holds (`chat:<phone>:<date>`).
fn chat_only(c: &Case) -> bool {
    c.key.starts_with("chat:")
}

/// BKG-4.1.2: the first reply to the customer's first booking message.
fn first_reply(j: &mut Judge, msgs: &[&Ev]) {
    let limit = j.p("BKG-4.1.2", "limit_minutes");
    let gap = j.p("BKG-4.1.2", "burst_gap_minutes");
    let Some(first) = msgs.iter().position(|m| m.by_customer()) else {
        let f = j
            .finding("BKG-4.1.2", Unknown)
            .because("no customer message in the booking chat");
        return j.put(f);
    };
    let f = reply::judge_reply(j, "BKG-4.1.2", msgs, first, gap, limit);
    j.put(f);
}

/// BKG-4.1.3: name, phone, plate, vehicle type, complaint/service, arrival date and time.
fn record_complete(j: &mut Judge) {
    let c = j.case;
    if chat_only(c) {
        let f = j.finding("BKG-4.1.3", Na).because(
            "no booking record: asked for in chat only (BKG-4.2.2 judges a slot agreed there)",
        );
        return j.put(f);
    }
    let f = j.required_fields(
        "BKG-4.1.3",
        &[
            ("name", c.customer.is_some()),
            ("phone", c.phone.is_some()),
            ("plate", c.plate.is_some()),
            ("vehicle type", c.vehicle_type.is_some()),
            ("complaint/service", c.service.is_some()),
            ("arrival date and time", c.slot.is_some()),
        ],
    );
    j.put(f);
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
    let len = Duration::minutes(slot_minutes as i64);
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

fn technician(j: &mut Judge, clashes: &HashMap<String, Vec<String>>) {
    let c = j.case;
    let limit = j.p("BKG-4.1.4", "slot_minutes");
    let f = if pending(c) || c.technician.is_none() || c.slot.is_none() {
        j.finding("BKG-4.1.4", Na)
            .because("no technician and slot assigned")
    } else if let Some(others) = clashes.get(&c.key) {
        j.finding("BKG-4.1.4", Fail)
            .limit(limit, "minutes")
            .because(format!(
                "{} also has {} within {limit:.0} minutes of this slot",
                c.technician.as_deref().unwrap_or("?"),
                others.join(", ")
            ))
            .with_source(c.source())
    } else {
        j.finding("BKG-4.1.4", Pass)
            .limit(limit, "minutes")
            .with_source(c.source())
    };
    j.put(f);
}

fn confirmation_of<'e>(msgs: &[&'e Ev], slot: Option<NaiveDateTime>) -> Option<&'e Ev> {
    msgs.iter()
        .copied()
        .filter(|m| m.by_advisor() && m.has("booking_confirmation"))
        .find(|m| slot.is_none_or(|s| m.at < s))
}

/// BKG-4.2.1: a confirmation with the booking details before the slot.
fn confirmation(j: &mut Judge, msgs: &[&Ev]) {
    let c = j.case;
    if pending(c) {
        let f = j
            .finding("BKG-4.2.1", Na)
            .because("booking is pending: no slot to confirm");
        return j.put(f);
    }
    if chat_only(c) && confirmation_of(msgs, None).is_none() {
        let f = j
            .finding("BKG-4.2.1", Na)
            .because("asked for in chat only: no slot was agreed to confirm");
        return j.put(f);
    }
    // A booking recorded at or after its own slot (agreed on the spot) is judged on whether a
    // confirmation was sent at all.
    let before = c.slot.filter(|s| c.opened_at.is_none_or(|o| o < *s));
    let f = match confirmation_of(msgs, before) {
        Some(m) => j
            .finding("BKG-4.2.1", Pass)
            .times(None, c.slot, Some(m.at))
            .with(m),
        None => j
            .finding("BKG-4.2.1", Fail)
            .times(None, c.slot, None)
            .because("no confirmation with the booking details before the slot")
            .with_all(msgs.iter().copied().filter(|m| m.by_advisor()).take(3)),
    };
    j.put(f);
}

/// BKG-4.2.2: the slot agreed in chat equals the recorded slot (7.2 "salah input jadwal").
/// The agreed slot: the confirmation's, else the last time an advisor offered, else an advisor
/// message stating the recorded slot, else the time the customer asked for.
fn slot_as_agreed(j: &mut Judge, msgs: &[&Ev]) {
    let c = j.case;
    if pending(c) {
        let f = j
            .finding("BKG-4.2.2", Na)
            .because("booking is pending: no slot agreed");
        return j.put(f);
    }
    let confirmed = confirmation_of(msgs, None).and_then(|m| m.promised_at().map(|t| (t, m)));
    // Asked for in chat only: a slot counts as agreed when an advisor confirmed it; a time the
    // customer asked for, unanswered, is no booking to record.
    if chat_only(c) && confirmed.is_none() {
        let f = j
            .finding("BKG-4.2.2", Na)
            .because("asked for in chat only: no slot was agreed");
        return j.put(f);
    }
    let agreed = confirmed
        .or_else(|| {
            msgs.iter()
                .rev()
                .filter(|m| m.by_advisor() && m.has("slot_unavailable"))
                .find_map(|m| alternative_time(m, day_in_talk(c, msgs, m)).map(|t| (t, *m)))
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
        .or_else(|| {
            msgs.iter()
                .filter(|m| m.by_customer())
                .find_map(|m| m.promised_at().map(|t| (t, *m)))
        });
    let f = match (agreed, c.slot) {
        (None, _) => j
            .finding("BKG-4.2.2", Unknown)
            .because("no slot stated in the chat"),
        (Some((t, m)), None) => j
            .finding("BKG-4.2.2", Fail)
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
            j.finding("BKG-4.2.2", status)
                .measured((s - t).num_minutes() as f64, "minutes")
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
    };
    j.put(f);
}

/// The alternative an "unavailable" message offers: the time it names after its offering words.
/// "kalau jam 11 bisa?" names no day: it is on the day being booked (the customer's asked day,
/// else the recorded slot's), not on the day the message was sent.
fn alternative_time(m: &Ev, day_in_talk: Option<chrono::NaiveDate>) -> Option<NaiveDateTime> {
    let lower = m.text.to_lowercase();
    let cut = [
        "alternatif",
        "bagaimana kalau",
        "gimana kalau",
        "kalau",
        "bisa di",
    ]
    .iter()
    .find_map(|w| lower.find(w))?;
    let offer = &m.text[cut..];
    let at = crate::timeline::promise::promised_time(offer, m.at)?;
    Some(match day_in_talk {
        Some(day) if !crate::timeline::promise::states_day(offer, m.at) => day.and_time(at.time()),
        _ => at,
    })
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
fn reminder(j: &mut Judge, msgs: &[&Ev]) {
    let c = j.case;
    let Some(slot) = c.slot.filter(|_| !pending(c)) else {
        let f = j
            .finding("BKG-4.2.3", Na)
            .because("no confirmed slot to remind of");
        return j.put(f);
    };
    let Some((from, to)) = j.cal.reminder_window(slot.date()) else {
        return;
    };
    let f = if c.opened_at.is_some_and(|t| t >= from) {
        j.finding("BKG-4.2.3", Na)
            .times(Some(from), Some(to), None)
            .because("booked inside the H-1 window or later")
    } else if let Some(m) = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.has("reminder") && m.at >= from && m.at <= to)
        .or_else(|| {
            // The booking log's reminder time counts when the message itself is not in the chat.
            c.events
                .iter()
                .find(|e| &*e.activity == "reminder_logged" && e.at >= from && e.at <= to)
        })
    {
        j.finding("BKG-4.2.3", Pass)
            .times(Some(from), Some(to), Some(m.at))
            .with(m)
    } else if j.open_at_cutoff(to) {
        j.finding("BKG-4.2.3", Unknown)
            .times(Some(from), Some(to), None)
            .because("open at cut-off")
    } else {
        let other = msgs.iter().find(|m| m.by_advisor() && m.has("reminder"));
        let mut f = j
            .finding("BKG-4.2.3", Fail)
            .times(Some(from), Some(to), other.map(|m| m.at))
            .because(match other {
                Some(m) => format!(
                    "reminder sent {} — outside the H-1 window",
                    m.at.format("%a %d %b %H:%M")
                ),
                None => "no reminder in the H-1 window".into(),
            })
            .with_source(c.source());
        if let Some(m) = other {
            f = f.with(m);
        }
        f
    };
    j.put(f);
}

/// BKG-4.3: an unavailable slot came with an alternative (or the booking is pending).
fn slot_unavailable(j: &mut Judge, msgs: &[&Ev]) {
    let Some(m) = msgs
        .iter()
        .find(|m| m.by_advisor() && m.has("slot_unavailable"))
    else {
        let f = j
            .finding("BKG-4.3", Na)
            .because("the asked slot was available");
        return j.put(f);
    };
    let offered = alternative_time(m, None).is_some()
        || msgs.iter().any(|o| {
            o.by_advisor()
                && o.at >= m.at
                && o.at <= m.at + Duration::hours(2)
                && !std::ptr::eq(*o, *m)
                && o.promised_at().is_some()
                && !o.has("booking_confirmation")
        });
    let f = if offered {
        j.finding("BKG-4.3", Pass).with(m)
    } else {
        j.finding("BKG-4.3", Fail)
            .because("slot unavailable and no alternative offered")
            .with(m)
    };
    j.put(f);
}

/// BKG-4.4.3: an arrived customer's booking says `Datang`.
fn arrival_status(j: &mut Judge) {
    let c = j.case;
    let f = match c.arrived_at {
        None => j
            .finding("BKG-4.4.3", Na)
            .because("no check-in for this plate on the slot date"),
        Some(at) => {
            let ok = c.booking_status.as_deref() == Some("arrived");
            j.finding("BKG-4.4.3", if ok { Pass } else { Fail })
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
    };
    j.put(f);
}

/// BKG-8.5: a no-show is contacted by the end of the next operating day.
fn no_show(j: &mut Judge, msgs: &[&Ev]) {
    let c = j.case;
    let (Some(slot), None, false) = (c.slot, c.arrived_at, pending(c)) else {
        let f = j.finding("BKG-8.5", Na).because("not a no-show");
        return j.put(f);
    };
    let days = j.p("BKG-8.5", "limit_days");
    let due = j.operating_days_due(slot, days);
    if slot > j.cutoff {
        let f = j
            .finding("BKG-8.5", Unknown)
            .because("slot after the data cut-off");
        return j.put(f);
    }
    let contact = msgs.iter().copied().find(|m| m.by_advisor() && m.at > slot);
    let mut f = j.by_deadline(
        "BKG-8.5",
        slot,
        due,
        contact.map(|m| m.at),
        (days, "operating_days"),
        "no-show not contacted by the end of the next operating day",
    );
    f = match contact {
        Some(m) => f.with(m),
        None => f.with_source(c.source()),
    };
    j.put(f);
}

/// BKG-6.2: no request for excessive personal data.
fn personal_data(j: &mut Judge, msgs: &[&Ev]) {
    let asked: Vec<&Ev> = msgs
        .iter()
        .copied()
        .filter(|m| m.by_advisor() && m.attrs.personal_data)
        .collect();
    let f = if asked.is_empty() {
        j.finding("BKG-6.2", Pass)
    } else {
        j.finding("BKG-6.2", Fail)
            .because("asked for ID card/NIK, family card, birth date or home address")
            .with_all(asked)
    };
    j.put(f);
}

/// BKG-7.1: every customer message of the conversation got a reply within the limit.
fn replies(j: &mut Judge, msgs: &[&Ev]) {
    let limit = j.p("BKG-7.1", "limit_minutes");
    let gap = j.p("BKG-7.1", "burst_gap_minutes");
    let f = reply::judge_every_reply(j, "BKG-7.1", msgs, gap, limit);
    j.put(f);
}
