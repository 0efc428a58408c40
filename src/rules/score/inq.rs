//! INQ — inquiry handling (case kind `inquiry`). One function per rule (`registry.rs`).

use super::clock::{Mark, Unit};
use super::judge::{Judge, Judged, Status::*};
use super::model::Ev;
use super::tickets::{chat, clock_start, per_category, unresolved, with_note};

/// The ticket's messages (possibly none), its clock start with the customer's opening message,
/// and the first advisor reply after it.
struct Opening<'a> {
    msgs: Vec<&'a Ev>,
    t0: chrono::NaiveDateTime,
    opening: Option<&'a Ev>,
    first: Option<&'a Ev>,
}

fn opening<'a>(j: &Judge<'a>) -> Opening<'a> {
    let msgs: Vec<&Ev> = j.case.messages().collect();
    let (t0, opening) = clock_start(j, &msgs);
    let first = msgs.iter().copied().find(|m| m.by_advisor() && m.at >= t0);
    Opening {
        msgs,
        t0,
        opening,
        first,
    }
}

/// INQ-T1.greet: the first reply greets and the advisor introduces themself by name.
pub fn greet(j: &Judge) -> Judged {
    let first = opening(j).first;
    Ok(match first {
        None => j.finding(Unknown).because("no reply in the chat"),
        Some(m) => {
            let ok = m.has("greeting") && m.attrs.introduction;
            j.finding(if ok { Pass } else { Fail })
                .because(if ok {
                    ""
                } else {
                    "the first reply does not greet and introduce the advisor by name"
                })
                .with(m)
        }
    })
}

/// INQ-T1.record: the ticket holds the customer's name, a contact and the question.
pub fn record(j: &Judge) -> Judged {
    let c = j.case;
    Ok(j.required_fields(&[
        ("customer name", c.customer.is_some()),
        ("contact", c.phone.is_some()),
        ("question", c.subject.is_some()),
    ]))
}

/// INQ-T2.classify: the ticket has a category and a priority.
pub fn classify(j: &Judge) -> Judged {
    let c = j.case;
    // A type or priority written in words patuh does not know was recorded, only not read.
    let unread: Vec<String> = [
        ("type", &c.category, &c.category_raw),
        ("priority", &c.priority, &c.priority_raw),
    ]
    .iter()
    .filter_map(|(what, word, raw)| match (word, raw) {
        (None, Some(raw)) => Some(format!("{what} {raw:?}")),
        _ => None,
    })
    .collect();
    let classified = c.category.is_some() && c.priority.is_some();
    Ok(if !unread.is_empty() {
        j.finding(Unknown).because(format!(
            "ticket {} is not a known word (rules/vocabulary.toml)",
            unread.join(" and ")
        ))
    } else if classified {
        j.finding(Pass)
    } else {
        j.finding(Fail)
            .because("the ticket lacks a category or a priority")
    }
    .with_source(c.source()))
}

/// INQ-T3.sla: the first response within the category's SLA, from the chat or, without a reply
/// there, the ticket's first-response time.
pub fn first_response(j: &Judge) -> Judged {
    let c = j.case;
    let o = opening(j);
    if o.msgs.is_empty() && c.first_response_at.is_none() {
        // Answered by phone or e-mail, perhaps: nothing shows whether or when.
        return Ok(j
            .finding(Unknown)
            .because("no chat linked to this ticket and no first-response time recorded"));
    }
    let (limit, note) = per_category(j, "minutes");
    let stop = o
        .first
        .map(Mark::event)
        .or(c.first_response_at.map(|t| Mark::record(t, c.source())));
    let f = j.clock(
        &Mark::event_or(o.t0, o.opening),
        stop.as_ref(),
        limit,
        Unit::BusinessMinutes,
        &|took| format!("first response after {took:.0} business minutes"),
        "no response",
    );
    Ok(with_note(f, &note))
}

/// INQ-T3.eta: when not solved in the first reply, an estimated resolution time given with the
/// first response (within `with_first_reply_minutes` of it).
pub fn estimate(j: &Judge) -> Judged {
    let c = j.case;
    let o = opening(j);
    let Some(m) = o.first else {
        return Ok(j.finding(Unknown).because("no reply in the chat"));
    };
    if c.resolved_at
        .is_some_and(|r| j.elapsed(m.at, r, Unit::Minutes) <= j.p("solved_within_minutes"))
    {
        return Ok(j.finding(Na).because("solved in the first reply"));
    }
    let until = c.resolved_at.unwrap_or(j.cutoff);
    let within = j.deadline(m.at, j.p("with_first_reply_minutes"), Unit::BusinessMinutes);
    // Given with the first response, not a later escalation update's "besok kami kabari".
    let given = o.msgs.iter().copied().find(|e| {
        e.by_advisor() && e.at >= m.at && e.at < until && e.at <= within && e.has("estimate_given")
    });
    Ok(match given {
        Some(e) => j.finding(Pass).with(e),
        None if j.open_at_cutoff(within) => j.finding(Unknown).because("open at cut-off").with(m),
        None => j
            .finding(Fail)
            .because("not solved in the first reply and no estimated resolution time given")
            .with(m),
    })
}

/// INQ-T4.updates: while escalated, the customer hears from the branch every operating day: no
/// operating day strictly between the escalation's day and the resolution's day passes without
/// an advisor message (an escalation resolved the next operating day needs none).
pub fn escalation_updates(j: &Judge) -> Judged {
    let c = j.case;
    let Some(esc) = c.escalated_at else {
        return Ok(j.finding(Na).because("not escalated"));
    };
    let msgs = chat(j)?;
    let interval = j.p("interval_days").max(1.0);
    let end = c.resolved_at.unwrap_or(j.cutoff);
    let during: Vec<&Ev> = msgs
        .iter()
        .copied()
        .filter(|m| m.by_advisor() && m.at > esc && m.at < end)
        .collect();
    let mut missing = Vec::new();
    // Every `interval_days`-th operating day after the escalation, before the resolution day,
    // must see a message within the interval ending that day.
    let mut last_contact = esc;
    for d in j
        .operating_days_after(esc.date())
        .take_while(|d| *d < end.date())
    {
        if during.iter().any(|m| m.at.date() == d) {
            last_contact = crate::calendar::start_of_day(d);
        } else if j
            .deadline(last_contact, interval, Unit::OperatingDays)
            .date()
            <= d
        {
            missing.push(d.format("%a %d %b").to_string());
            last_contact = crate::calendar::start_of_day(d);
        }
    }
    // Measured: the operating days that passed without the update due on them (none allowed).
    let f = j
        .finding(if missing.is_empty() { Pass } else { Fail })
        .measured(missing.len() as f64, "days without update")
        .limit(0.0, "days without update")
        .times(Some(esc), None, None);
    Ok(if missing.is_empty() {
        f.with_all(during)
    } else {
        f.because(format!("no update on {}", missing.join(", ")))
            .with_source(c.source())
            .with_all(during)
    })
}

/// INQ-T5.resolve: resolved within the category's operating days.
pub fn resolve(j: &Judge) -> Judged {
    let c = j.case;
    let opened = j.opened;
    let (days, note) = per_category(j, "days");
    let due = j.deadline(opened, days, Unit::OperatingDays);
    let stop = c.resolved_at.map(|r| Mark::record(r, c.source()));
    let f = j.clock(
        &Mark::record(opened, c.source()),
        stop.as_ref(),
        days,
        Unit::OperatingDays,
        &|_| {
            format!(
                "resolved {} after the due {}",
                c.resolved_at.unwrap_or(due).format("%a %d %b"),
                due.format("%a %d %b")
            )
        },
        "not resolved",
    );
    Ok(with_note(f, &note))
}

/// INQ-T5.close: after the resolution the advisor confirms with the customer and thanks them.
pub fn close(j: &Judge) -> Judged {
    let c = j.case;
    let msgs = chat(j)?;
    let Some(r) = c.resolved_at else {
        return Ok(unresolved(j, Unknown));
    };
    Ok(
        match msgs
            .iter()
            .copied()
            .find(|m| m.by_advisor() && m.at > r && m.has("closing_thanks"))
        {
            Some(m) => j.finding(Pass).with(m),
            None => j
                .finding(Fail)
                .because("the resolution was not closed with the customer with thanks")
                .with_source(c.source()),
        },
    )
}

/// INQ-T6.doc: the resolution is recorded in the ticket (a ticket still open has none yet).
pub fn documented(j: &Judge) -> Judged {
    let c = j.case;
    Ok(match (&c.resolution, c.resolved_at) {
        (Some(_), _) => j.finding(Pass).with_source(c.source()),
        (None, Some(_)) => j
            .finding(Fail)
            .because("the resolution is not recorded in the ticket")
            .with_source(c.source()),
        (None, None) => unresolved(j, Unknown).with_source(c.source()),
    })
}
