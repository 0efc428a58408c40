//! INQ — inquiry handling (case kind `inquiry`) and PJL — after-sales service (`aftersales`).
//! Limits are the company's SLA per category (catalog parameters, overridable in patuh.toml).

use super::judge::{Finding, Judge, Status::*};
use super::model::Ev;
use crate::calendar::h_plus;
use chrono::NaiveDateTime;

/// The ticket's clock start: its creation time (when the customer asked), with the customer's
/// message of that moment as evidence; without a creation time, the first customer message.
fn clock_start<'a>(j: &Judge<'a>, msgs: &[&'a Ev]) -> Option<(NaiveDateTime, Option<&'a Ev>)> {
    let first = msgs.iter().copied().find(|m| m.by_customer());
    match j.case.opened_at {
        Some(t) => Some((t, first.filter(|m| (m.at - t).num_minutes().abs() <= 10))),
        None => first.map(|m| (m.at, Some(m))),
    }
}

fn fields(j: &mut Judge, rule: &'static str, fields: &[(&str, bool)]) {
    let f = j.required_fields(rule, fields);
    j.put(f);
}

/// The category's parameter; without a category the most lenient one, said in the reason.
fn per_category(j: &Judge, rule: &str, suffix: &str) -> (f64, Option<String>) {
    match j.case.category.as_deref() {
        Some(cat @ ("umum" | "teknis" | "komplain")) => {
            (j.p(rule, &format!("{cat}_{suffix}")), None)
        }
        _ => {
            let most = ["umum", "teknis", "komplain"]
                .iter()
                .map(|c| j.p(rule, &format!("{c}_{suffix}")))
                .fold(0.0, f64::max);
            (
                most,
                Some("ticket has no category: the most lenient limit applied".into()),
            )
        }
    }
}

/// A rule that waits for the ticket's resolution, on a ticket without a resolution time: still
/// open (`open`: `na` or `unknown` as the rule reads it), or, when its export has no such column
/// at all, not known to be resolved (`unknown`, naming the column).
fn unresolved(j: &Judge, rule: &'static str, open: super::judge::Status) -> Finding {
    let no_column = j
        .case
        .record_fields
        .as_ref()
        .is_some_and(|f| !f.iter().any(|x| x == "resolved_at"));
    if no_column {
        j.finding(rule, Unknown).because(format!(
            "data missing: the ticket export has no {} column, so whether it is resolved is unknown",
            crate::ingest::vocab::fields("ticket").display("resolved_at")
        ))
    } else {
        j.finding(rule, open).because("not resolved yet")
    }
}

fn with_note(f: Finding, note: &Option<String>) -> Finding {
    match note {
        Some(n) if f.reason.is_empty() => f.because(n.clone()),
        Some(n) => {
            let r = format!("{}; {n}", f.reason);
            f.because(r)
        }
        None => f,
    }
}

pub fn inquiry(j: &mut Judge) {
    let c = j.case;
    let msgs: Vec<&Ev> = c.messages().collect();
    fields(
        j,
        "INQ-T1.record",
        &[
            ("customer name", c.customer.is_some()),
            ("contact", c.phone.is_some()),
            ("question", c.subject.is_some()),
        ],
    );
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
    let f = if !unread.is_empty() {
        j.finding("INQ-T2.classify", Unknown).because(format!(
            "ticket {} is not a known word (rules/vocabulary.toml)",
            unread.join(" and ")
        ))
    } else if classified {
        j.finding("INQ-T2.classify", Pass)
    } else {
        j.finding("INQ-T2.classify", Fail)
            .because("the ticket lacks a category or a priority")
    }
    .with_source(c.source());
    j.put(f);
    // A ticket still open has no resolution to record yet.
    let f = match (&c.resolution, c.resolved_at) {
        (Some(_), _) => j.finding("INQ-T6.doc", Pass),
        (None, Some(_)) => j
            .finding("INQ-T6.doc", Fail)
            .because("the resolution is not recorded in the ticket"),
        (None, None) => unresolved(j, "INQ-T6.doc", Unknown),
    }
    .with_source(c.source());
    j.put(f);
    resolve(j);

    let Some((t0, opening)) = clock_start(j, &msgs) else {
        return;
    };
    let first = msgs.iter().copied().find(|m| m.by_advisor() && m.at >= t0);
    // INQ-T1.greet
    let f = match first {
        None => j
            .finding("INQ-T1.greet", Unknown)
            .because("no reply in the chat"),
        Some(m) => {
            let ok = m.has("greeting") && m.attrs.introduction;
            j.finding("INQ-T1.greet", if ok { Pass } else { Fail })
                .because(if ok {
                    ""
                } else {
                    "the first reply does not greet and introduce the advisor by name"
                })
                .with(m)
        }
    };
    j.put(f);
    // INQ-T3.sla
    let (limit, note) = per_category(j, "INQ-T3.sla", "minutes");
    let due = j.add_bmin(t0, limit);
    let replied_at = first
        .map(|m| (m.at, Some(m)))
        .or(c.first_response_at.map(|t| (t, None)));
    let f = match replied_at {
        Some((at, m)) => {
            let took = j.bmin(t0, at);
            let mut f = j
                .finding("INQ-T3.sla", if took <= limit { Pass } else { Fail })
                .measured(took, "business_minutes")
                .limit(limit, "business_minutes")
                .times(Some(t0), Some(due), Some(at))
                .because(if took <= limit {
                    String::new()
                } else {
                    format!("first response after {took:.0} business minutes")
                });
            if let Some(o) = opening {
                f = f.with(o);
            }
            if let Some(m) = m {
                f = f.with(m);
            } else {
                f = f.with_source(c.source());
            }
            f
        }
        None if j.open_at_cutoff(due) => {
            j.finding("INQ-T3.sla", Unknown).because("open at cut-off")
        }
        None => j
            .finding("INQ-T3.sla", Fail)
            .limit(limit, "business_minutes")
            .times(Some(t0), Some(due), None)
            .because("no response"),
    };
    j.put(with_note(f, &note));
    // INQ-T3.eta
    let f = match (first, c.resolved_at) {
        (Some(m), Some(r)) if (r - m.at).num_minutes() <= 3 => j
            .finding("INQ-T3.eta", Na)
            .because("solved in the first reply"),
        (Some(m), _) => {
            let until = c.resolved_at.unwrap_or(j.cutoff);
            match msgs.iter().copied().find(|e| {
                // Given with the first response (within an operating hour), not a later
                // escalation update's "besok kami kabari".
                e.by_advisor()
                    && e.at >= m.at
                    && e.at < until
                    && e.at <= j.add_bmin(m.at, 60.0)
                    && e.has("estimate_given")
            }) {
                Some(e) => j.finding("INQ-T3.eta", Pass).with(e),
                None => j
                    .finding("INQ-T3.eta", Fail)
                    .because("not solved in the first reply and no estimated resolution time given")
                    .with(m),
            }
        }
        (None, _) => j
            .finding("INQ-T3.eta", Unknown)
            .because("no reply in the chat"),
    };
    j.put(f);
    escalation_updates(j, &msgs);
    // INQ-T5.close
    let f = match c.resolved_at {
        _ if msgs.is_empty() => j
            .finding("INQ-T5.close", Unknown)
            .because("no chat linked to this ticket"),
        None => unresolved(j, "INQ-T5.close", Unknown),
        Some(r) => match msgs
            .iter()
            .copied()
            .find(|m| m.by_advisor() && m.at > r && m.has("closing_thanks"))
        {
            Some(m) => j.finding("INQ-T5.close", Pass).with(m),
            None => j
                .finding("INQ-T5.close", Fail)
                .because("the resolution was not closed with the customer with thanks")
                .with_source(c.source()),
        },
    };
    j.put(f);
}

/// INQ-T5.resolve: resolved within the category's operating days.
fn resolve(j: &mut Judge) {
    let c = j.case;
    let Some(opened) = c.opened_at else { return };
    let (days, note) = per_category(j, "INQ-T5.resolve", "days");
    let due = j.operating_days_due(opened, days);
    let f = match c.resolved_at {
        Some(r) => j
            .finding("INQ-T5.resolve", if r <= due { Pass } else { Fail })
            .limit(days, "operating_days")
            .times(Some(opened), Some(due), Some(r))
            .because(if r <= due {
                String::new()
            } else {
                format!(
                    "resolved {} after the due {}",
                    r.format("%a %d %b"),
                    due.format("%a %d %b")
                )
            })
            .with_source(c.source()),
        None if j.open_at_cutoff(due) => j
            .finding("INQ-T5.resolve", Unknown)
            .because("open at cut-off"),
        None => j
            .finding("INQ-T5.resolve", Fail)
            .limit(days, "operating_days")
            .times(Some(opened), Some(due), None)
            .because("not resolved")
            .with_source(c.source()),
    };
    j.put(with_note(f, &note));
}

/// INQ-T4.updates: while escalated, the customer hears from the branch every operating day: no
/// operating day strictly between the escalation's day and the resolution's day passes without
/// an advisor message (an escalation resolved the next operating day needs none).
fn escalation_updates(j: &mut Judge, msgs: &[&Ev]) {
    let c = j.case;
    let Some(esc) = c.escalated_at else {
        let f = j.finding("INQ-T4.updates", Na).because("not escalated");
        return j.put(f);
    };
    if msgs.is_empty() {
        let f = j
            .finding("INQ-T4.updates", Unknown)
            .because("no chat linked to this ticket");
        return j.put(f);
    }
    let interval = j.p("INQ-T4.updates", "interval_days");
    let interval_days = interval.max(1.0) as u32;
    let end = c.resolved_at.unwrap_or(j.cutoff);
    let during: Vec<&Ev> = msgs
        .iter()
        .copied()
        .filter(|m| m.by_advisor() && m.at > esc && m.at < end)
        .collect();
    let mut missing = Vec::new();
    // Every `interval_days`-th operating day after the escalation, before the resolution day,
    // must see a message within the interval ending that day.
    let mut d = esc.date();
    let mut last_contact = esc.date();
    while let Some(next) = j.cal.end_of_operating_day_after(d, 1) {
        d = next.date();
        if d >= end.date() {
            break;
        }
        if during.iter().any(|m| m.at.date() == d) {
            last_contact = d;
        } else if j
            .cal
            .end_of_operating_day_after(last_contact, interval_days)
            .is_some_and(|due| due.date() <= d)
        {
            missing.push(d.format("%a %d %b").to_string());
            last_contact = d;
        }
    }
    let f = if missing.is_empty() {
        j.finding("INQ-T4.updates", Pass)
            .measured(during.len() as f64, "messages")
            .with_all(during)
    } else {
        j.finding("INQ-T4.updates", Fail)
            .measured(during.len() as f64, "messages")
            .limit(interval, "operating_days")
            .times(Some(esc), None, None)
            .because(format!("no update on {}", missing.join(", ")))
            .with_source(c.source())
    };
    j.put(f);
}

pub fn aftersales(j: &mut Judge) {
    let c = j.case;
    let msgs: Vec<&Ev> = c.messages().collect();
    fields(
        j,
        "PJL-T1.record",
        &[
            ("customer data", c.customer.is_some() && c.phone.is_some()),
            ("product/vehicle", c.product.is_some() || c.plate.is_some()),
            ("chronology", c.subject.is_some()),
        ],
    );
    let Some(opened) = c.opened_at else { return };
    // PJL-T2.warranty
    // Calendar months, not 365 days: a year bought across 29 February still ends on the same
    // date a year later.
    let months = j.p("PJL-T2.warranty", "warranty_months").max(0.0) as u32;
    let until = c.warranty_until.or(c
        .purchase_date
        .and_then(|p| p.checked_add_months(chrono::Months::new(months))));
    let recorded = c.warranty_status.as_deref().map(warranty_in);
    let f = match (until, recorded) {
        (_, None) => j
            .finding("PJL-T2.warranty", Fail)
            .because("no warranty status recorded")
            .with_source(c.source()),
        // A status written in words patuh does not know was recorded, only not read: the data
        // cannot show whether it is right.
        (_, Some(None)) => j
            .finding("PJL-T2.warranty", Unknown)
            .because(format!(
                "warranty status {:?} is not a known word (rules/vocabulary.toml, warranty_status)",
                c.warranty_status.as_deref().unwrap_or("")
            ))
            .with_source(c.source()),
        (None, Some(Some(_))) => j
            .finding("PJL-T2.warranty", Unknown)
            .because("no purchase date or warranty end to check the status against"),
        (Some(u), Some(Some(said_in))) => {
            let truly_in = u >= opened.date();
            j.finding(
                "PJL-T2.warranty",
                if truly_in == said_in { Pass } else { Fail },
            )
            .because(if truly_in == said_in {
                String::new()
            } else {
                format!(
                    "recorded {:?} but the warranty {} {}",
                    c.warranty_status.as_deref().unwrap_or(""),
                    if truly_in { "runs until" } else { "ended on" },
                    u
                )
            })
            .with_source(c.source())
        }
    };
    j.put(f);
    let (t0, opening) = clock_start(j, &msgs).unwrap_or((opened, None));
    // PJL-T1.ticket_no
    let limit = j.p("PJL-T1.ticket_no", "limit_minutes");
    let due = j.add_bmin(t0, limit);
    let given = msgs.iter().copied().find(|m| {
        m.by_advisor()
            && (m.has("ticket_number") || m.attrs.ticket.as_deref() == Some(c.key.as_str()))
    });
    let f = match given {
        Some(m) => {
            let took = j.bmin(t0, m.at);
            let mut f = j
                .finding("PJL-T1.ticket_no", if took <= limit { Pass } else { Fail })
                .measured(took, "business_minutes")
                .limit(limit, "business_minutes")
                .times(Some(t0), Some(due), Some(m.at))
                .because(if took <= limit {
                    String::new()
                } else {
                    format!("ticket number given after {took:.0} business minutes")
                })
                .with(m);
            if let Some(o) = opening {
                f = f.with(o);
            }
            f
        }
        None if msgs.is_empty() => j
            .finding("PJL-T1.ticket_no", Unknown)
            .because("no chat linked to this ticket"),
        // The deadline lies after the last imported data: the number may still come.
        None if due > j.cutoff => j
            .finding("PJL-T1.ticket_no", Unknown)
            .times(Some(t0), Some(due), None)
            .because("open at cut-off"),
        None => j
            .finding("PJL-T1.ticket_no", Fail)
            .times(Some(t0), Some(due), None)
            .because("the ticket number was never given"),
    };
    j.put(f);
    // PJL-T2.inform
    let days = j.p("PJL-T2.inform", "limit_days");
    let due = j.operating_days_due(opened, days);
    let told = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.has("warranty_info"));
    let f = if msgs.is_empty() {
        j.finding("PJL-T2.inform", Unknown)
            .because("no chat linked to this ticket")
    } else {
        let f = j.by_deadline(
            "PJL-T2.inform",
            opened,
            due,
            told.map(|m| m.at),
            (days, "operating_days"),
            if told.is_some() {
                "warranty status told after the limit"
            } else {
                "the customer was not told the warranty status"
            },
        );
        match told {
            Some(m) => f.with(m),
            None => f,
        }
    };
    j.put(f);
    // PJL-T3.sla
    let days = j.p("PJL-T3.sla", "limit_days");
    let due = j.operating_days_due(opened, days);
    let f = match c.resolved_at {
        Some(r) => j
            .finding("PJL-T3.sla", if r <= due { Pass } else { Fail })
            .limit(days, "operating_days")
            .times(Some(opened), Some(due), Some(r))
            .because(if r <= due {
                ""
            } else {
                "handled after the SLA"
            })
            .with_source(c.source()),
        None if j.open_at_cutoff(due) => {
            j.finding("PJL-T3.sla", Unknown).because("open at cut-off")
        }
        None => j
            .finding("PJL-T3.sla", Fail)
            .times(Some(opened), Some(due), None)
            .because("not handled")
            .with_source(c.source()),
    };
    j.put(f);
    // PJL-T4.ship
    let f = match c.shipped_at {
        None => j.finding("PJL-T4.ship", Na).because("nothing shipped"),
        Some(_) if msgs.is_empty() => j
            .finding("PJL-T4.ship", Unknown)
            .because("no chat linked to this ticket"),
        Some(s) => match msgs
            .iter()
            .copied()
            .find(|m| m.by_advisor() && m.has("shipping_info"))
        {
            Some(m) => j.finding("PJL-T4.ship", Pass).with(m),
            None => j
                .finding("PJL-T4.ship", Fail)
                .times(Some(s), None, None)
                .because("goods shipped but the customer got no shipping status and ETA")
                .with_source(c.source()),
        },
    };
    j.put(f);
    // PJL-T5.followup
    let f = match c.resolved_at {
        None => unresolved(j, "PJL-T5.followup", Na),
        Some(_) if msgs.is_empty() => j
            .finding("PJL-T5.followup", Unknown)
            .because("no chat linked to this ticket"),
        Some(r) => {
            let days = j.p("PJL-T5.followup", "limit_days");
            let due = h_plus(r.date(), days as i64);
            let contact = msgs.iter().copied().find(|m| m.by_advisor() && m.at > r);
            let f = j.by_deadline(
                "PJL-T5.followup",
                r,
                due,
                contact.map(|m| m.at),
                (days, "calendar_days"),
                "no follow-up after the resolution",
            );
            match contact {
                Some(m) => f.with(m),
                None => f.with_source(c.source()),
            }
        }
    };
    j.put(f);
    // The score is asked for once the claim is handled: an open claim has none yet.
    let f = match (&c.satisfaction, c.resolved_at) {
        (Some(_), _) => j.finding("PJL-T5.csat", Pass),
        (None, Some(_)) => j
            .finding("PJL-T5.csat", Fail)
            .because("no satisfaction score collected")
            .with_source(c.source()),
        (None, None) => unresolved(j, "PJL-T5.csat", Na),
    };
    j.put(f);
}

/// A recorded warranty status read as in (true) or out (false) of warranty, by the words of
/// `rules/vocabulary.toml` (`warranty_status`); `None` when the words are not known.
fn warranty_in(status: &str) -> Option<bool> {
    crate::ingest::vocab::lookup("warranty_status", status).map(|w| w == "in")
}
