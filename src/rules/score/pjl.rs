//! PJL — after-sales service (case kind `aftersales`: a warranty claim or complaint ticket).
//! One function per rule (`registry.rs`).

use super::clock::{Mark, Unit};
use super::judge::{Judge, Judged, Status::*};
use super::tickets::{chat, clock_start, unresolved};

/// PJL-T1.record: customer data, the product or vehicle and the problem's chronology.
pub fn record(j: &Judge) -> Judged {
    let c = j.case;
    Ok(j.required_fields(&[
        ("customer data", c.customer.is_some() && c.phone.is_some()),
        ("product/vehicle", c.product.is_some() || c.plate.is_some()),
        ("chronology", c.subject.is_some()),
    ]))
}

/// A recorded warranty status read as in (true) or out (false) of warranty, by the words of
/// `rules/vocabulary.toml` (`warranty_status`); `None` when the words are not known.
fn warranty_in(status: &str) -> Option<bool> {
    crate::ingest::vocab::lookup("warranty_status", status).map(|w| w == "in")
}

/// PJL-T2.warranty: the recorded warranty status agrees with the purchase date plus the
/// warranty term (or the recorded warranty end) on the claim's date.
pub fn warranty(j: &Judge) -> Judged {
    let c = j.case;
    let opened = j.opened;
    // Calendar months, not 365 days: a year bought across 29 February still ends on the same
    // date a year later.
    let months = j.p("warranty_months").max(0.0) as u32;
    let until = c.warranty_until.or(c
        .purchase_date
        .and_then(|p| p.checked_add_months(chrono::Months::new(months))));
    let recorded = c.warranty_status.as_deref().map(warranty_in);
    Ok(match (until, recorded) {
        (_, None) => j
            .finding(Fail)
            .because("no warranty status recorded")
            .with_source(c.source()),
        // A status written in words patuh does not know was recorded, only not read: the data
        // cannot show whether it is right.
        (_, Some(None)) => j
            .finding(Unknown)
            .because(format!(
                "warranty status {:?} is not a known word (rules/vocabulary.toml, warranty_status)",
                c.warranty_status.as_deref().unwrap_or("")
            ))
            .with_source(c.source()),
        (None, Some(Some(_))) => j
            .finding(Unknown)
            .because("no purchase date or warranty end to check the status against"),
        (Some(u), Some(Some(said_in))) => {
            let truly_in = u >= opened.date();
            j.finding(if truly_in == said_in { Pass } else { Fail })
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
    })
}

/// PJL-T1.ticket_no: the customer is given the ticket number within the limit.
pub fn ticket_number(j: &Judge) -> Judged {
    let c = j.case;
    let msgs = chat(j)?;
    let (t0, opening) = clock_start(j, &msgs);
    let given = msgs
        .iter()
        .copied()
        .find(|m| {
            m.by_advisor()
                && (m.has("ticket_number") || m.attrs.ticket.as_deref() == Some(c.key.as_str()))
        })
        .map(Mark::event);
    Ok(j.clock(
        &Mark::event_or(t0, opening),
        given.as_ref(),
        j.p("limit_minutes"),
        Unit::BusinessMinutes,
        &|took| format!("ticket number given after {took:.0} business minutes"),
        "the ticket number was never given",
    ))
}

/// PJL-T2.inform: the customer is told the warranty status and an estimate of the process.
pub fn warranty_told(j: &Judge) -> Judged {
    let c = j.case;
    let msgs = chat(j)?;
    let opened = j.opened;
    let told = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.has("warranty_info"))
        .map(Mark::event);
    Ok(j.clock(
        &Mark::record(opened, c.source()),
        told.as_ref(),
        j.p("limit_days"),
        Unit::OperatingDays,
        &|_| "warranty status told after the limit".into(),
        "the customer was not told the warranty status",
    ))
}

/// PJL-T3.sla: the claim is handled within the limit in operating days.
pub fn handled(j: &Judge) -> Judged {
    let c = j.case;
    let opened = j.opened;
    let stop = c.resolved_at.map(|r| Mark::record(r, c.source()));
    Ok(j.clock(
        &Mark::record(opened, c.source()),
        stop.as_ref(),
        j.p("limit_days"),
        Unit::OperatingDays,
        &|_| "handled after the SLA".into(),
        "not handled",
    ))
}

/// PJL-T4.ship: goods shipped back come with the shipping status and an ETA.
pub fn shipping(j: &Judge) -> Judged {
    let c = j.case;
    let Some(s) = c.shipped_at else {
        return Ok(j.finding(Na).because("nothing shipped"));
    };
    let msgs = chat(j)?;
    Ok(
        match msgs
            .iter()
            .copied()
            .find(|m| m.by_advisor() && m.has("shipping_info"))
        {
            Some(m) => j.finding(Pass).with(m),
            None => j
                .finding(Fail)
                .times(Some(s), None, None)
                .because("goods shipped but the customer got no shipping status and ETA")
                .with_source(c.source()),
        },
    )
}

/// PJL-T5.followup: after the resolution, a follow-up within the limit in calendar days.
pub fn followup(j: &Judge) -> Judged {
    let c = j.case;
    let Some(r) = c.resolved_at else {
        return Ok(unresolved(j, Na));
    };
    let msgs = chat(j)?;
    let contact = msgs
        .iter()
        .copied()
        .find(|m| m.by_advisor() && m.at > r)
        .map(Mark::event);
    let late = "no follow-up after the resolution";
    Ok(j.in_time(
        &Mark::record(r, c.source()),
        contact.as_ref(),
        j.p("limit_days"),
        Unit::CalendarDays,
        late,
    ))
}

/// PJL-T5.csat: a satisfaction score is collected once the claim is handled.
pub fn satisfaction(j: &Judge) -> Judged {
    let c = j.case;
    Ok(match (&c.satisfaction, c.resolved_at) {
        (Some(_), _) => j.finding(Pass),
        (None, Some(_)) => j
            .finding(Fail)
            .because("no satisfaction score collected")
            .with_source(c.source()),
        (None, None) => unresolved(j, Na),
    })
}
