//! `patuh timeline`: cases from the records (SQL), every message classified (Rust, in
//! parallel), chats tied to customers and messages to cases (`link`), then events and their
//! object links written in one transaction.

use super::autoreply::{self, Seen};
use super::classify::{self, Attributes, Lexicon, Side};
use super::link::{self, CaseWindow, ChatLink, Directory, LinkMsg};
use super::model::{self, Model, Reading};
use super::promise::{may_state_time, promised_time};
use super::windows::{self, CaseRecord};
use super::work::{
    Assigned, ChatBooking, ChatBookings, ChatLinks, Msg, Read, Shared, Summary, Work,
};
use crate::calendar::BranchCalendar;
use crate::config::Config;
use crate::error::Result;
use crate::ingest::whatsapp::contact_of_file_name;
use crate::store::{Store, sql};
use chrono::NaiveDateTime;
use duckdb::Connection;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

pub fn rebuild(store: &mut Store, config: &Config) -> Result<Summary> {
    store.with_pool(crate::store::POOL_BESIDE_ROWS, |store| {
        rebuild_all(store, config)
    })
}

fn rebuild_all(store: &mut Store, config: &Config) -> Result<Summary> {
    let lexicon = Lexicon::builtin();
    let model = Model::builtin();
    let default_branch = config.default_branch().name.clone();
    store.unit_of_work("rebuilding the timeline", |conn| {
        conn.execute_batch(&format!(
            "set variable default_branch = '{}'; delete from event; delete from event_object; delete from timeline_link; delete from ambiguous_case;",
            crate::store::sql_text(&default_branch)
        ))?;
        let mut phases = crate::output::Phases::start();
        conn.execute_batch(sql::TL_CASES)?;
        phases.lap("cases (SQL)");
        let mut summary = Summary::default();
        // The records, messages and their readings live in this block only: they go once the
        // messages are written, before DuckDB adds the records' events and commits (the
        // timeline's peak of memory).
        let chat_counts = {
            let records = read_records(conn)?;
            let mut cases = case_windows(&records, config);
            let branch_of: HashMap<(&str, &str), &str> = records
                .iter()
                .map(|r| ((r.kind.as_str(), r.key.as_str()), r.branch.as_str()))
                .collect();
            let directory = Directory::build(&cases);
            let msgs = read_messages(conn)?;
            phases.lap("read messages");

            let chats = chat_ranges(&msgs);
            let classified = read_all(lexicon, model, &msgs, &config.organisation.domains);
            let automatic = automatic_replies(&msgs, &chats, config);
            phases.lap("classify messages");

            let work = Work {
                config,
                lexicon,
                default_branch: &default_branch,
                msgs: &msgs,
                chats: &chats,
                classified: &classified,
                automatic: &automatic,
                directory: &directory,
                branch_of: &branch_of,
            };
            let file_branch = chat_file_branches(conn, config)?;
            let mut per_chat = work.link(&cases, &file_branch);
            let chat_bookings = chat_only_bookings(
                lexicon,
                &msgs,
                &chats,
                &classified,
                &mut per_chat,
                &mut cases,
                &directory,
            );
            phases.lap("link chats and messages");

            let chat_counts = work.write_messages(conn, &cases, &per_chat, &chat_bookings, &mut summary)?;
            phases.lap("write message events");
            super::write::write_chat_bookings(conn, config, &default_branch, &cases, &chat_bookings, &mut summary)?;
            chat_counts
        };
        conn.execute_batch(sql::TL_RECORD_EVENTS)?;
        phases.lap("record events (SQL)");
        super::write::summarise(conn, &chat_counts, &mut summary)?;
        phases.lap("summary (SQL)");
        summary.timings = phases.into_laps();
        Ok(summary)
    })
}

/// Each record's case with the time window its messages may fall in (`windows`), by the
/// calendar of its branch.
fn case_windows(records: &[CaseRecord], config: &Config) -> Vec<CaseWindow> {
    let mut calendars: HashMap<&str, BranchCalendar> = HashMap::new();
    records
        .iter()
        .filter_map(|r| {
            let cal = calendars.entry(r.branch.as_str()).or_insert_with(|| {
                config.calendar(config.branch(&r.branch).unwrap_or(config.default_branch()))
            });
            let (from, to) = windows::window(r, cal)?;
            Some(CaseWindow {
                kind: r.kind.clone(),
                key: r.key.clone(),
                phone: r.phone.clone(),
                plate: r.plate.clone(),
                name: r.customer.clone(),
                opened: r.opened_at,
                slot: r.slot,
                arrived: r.arrived_at,
                closed: r.resolved_at,
                finished: r.finished_at,
                estimate: r.estimate_at,
                costs: r.costs.clone(),
                from,
                to,
            })
        })
        .collect()
}

/// Chats: runs of messages of one (file, sheet), in the order read.
fn chat_ranges(msgs: &[Msg]) -> Vec<std::ops::Range<usize>> {
    let mut chats = Vec::new();
    let mut start = 0;
    for i in 1..=msgs.len() {
        if i == msgs.len()
            || msgs[i].file_id != msgs[start].file_id
            || msgs[i].sheet != msgs[start].sheet
        {
            if i > start {
                chats.push(start..i);
            }
            start = i;
        }
    }
    chats
}

/// Reads every message once, in parallel: the lexicon, then the model where the lexicon
/// explains nothing. The same text on the same side reads the same (only the time it states
/// depends on when it was sent), so each distinct one is read once: chats repeat "ok", "sip",
/// "terima kasih" and an advisor's stock phrases.
fn read_all(lexicon: &Lexicon, model: &Model, msgs: &[Msg], domains: &[String]) -> Vec<Read> {
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    let mut distinct: Vec<&Msg> = Vec::new();
    let which: Vec<usize> = msgs
        .iter()
        .map(|m| {
            *index
                .entry((m.side.as_ref(), m.text.as_str()))
                .or_insert_with(|| {
                    distinct.push(m);
                    distinct.len() - 1
                })
        })
        .collect();
    let side_of = |m: &Msg| match m.side.as_ref() {
        "customer" => Some(Side::Customer),
        "business" => Some(Side::Business),
        _ => None,
    };
    // Texts that differ only in case and digits ("Rp 450.000" and "Rp 380.000") are one text to
    // the model: grouped, so each group is scored once (at `--scale 10`, 76 k distinct advisor
    // texts are 36 k to the model).
    let mut alike: HashMap<(&str, String), Vec<usize>> = HashMap::new();
    for (d, m) in distinct.iter().enumerate() {
        alike
            .entry((m.side.as_ref(), model::model_key(&m.text)))
            .or_default()
            .push(d);
    }
    let alike: Vec<Vec<usize>> = alike.into_values().collect();
    // Per text: its reading, attributes, whether it can state a time, and its attributes as
    // JSON for a message without media or promise (most messages: then nothing of the message
    // itself is added).
    let read: Vec<Vec<(usize, Option<Distinct>)>> = alike
        .par_iter()
        .map(|group| {
            let mut scores: Option<Vec<(usize, f32)>> = None;
            group
                .iter()
                .map(|&d| {
                    let m = distinct[d];
                    let read = side_of(m).map(|side| {
                        let mut score = || {
                            scores
                                .get_or_insert_with(|| model.scores(lexicon, &m.text, side))
                                .clone()
                        };
                        let reading = model::read_with(lexicon, &m.text, side, &mut score);
                        let attrs = Arc::new(lexicon.attributes(&m.text));
                        let plain = attributes_json(
                            lexicon, &m.text, false, &attrs, &reading, None, domains,
                        );
                        Distinct {
                            states_time: may_state_time(&m.text),
                            plain: serde_json::Value::Object(plain).to_string().into(),
                            reading,
                            attrs,
                        }
                    });
                    (d, read)
                })
                .collect()
        })
        .collect();
    let mut readings: Vec<Option<Distinct>> = Vec::with_capacity(distinct.len());
    readings.resize_with(distinct.len(), || None);
    for (d, read) in read.into_iter().flatten() {
        readings[d] = read;
    }
    let nothing = Arc::new(Attributes::default());
    let empty: Arc<str> = "{}".into();
    msgs.par_iter()
        .zip(which)
        .map(|(m, d)| {
            let Some(t) = &readings[d] else {
                return Read {
                    labels: 0,
                    kinds: 0,
                    attrs: Arc::clone(&nothing),
                    promised: None,
                    json: Arc::clone(&empty),
                };
            };
            let promised = t
                .states_time
                .then(|| promised_time(&m.text, m.sent_at))
                .flatten();
            let json = if promised.is_none() && !m.has_media {
                Arc::clone(&t.plain)
            } else {
                let o = attributes_json(
                    lexicon,
                    &m.text,
                    m.has_media,
                    &t.attrs,
                    &t.reading,
                    promised,
                    domains,
                );
                serde_json::Value::Object(o).to_string().into()
            };
            Read {
                labels: t.reading.decided(),
                kinds: t.reading.kinds(),
                attrs: Arc::clone(&t.attrs),
                promised,
                json,
            }
        })
        .collect()
}

/// What one distinct text on one side reads as (`read_all`).
struct Distinct {
    reading: Reading,
    attrs: Arc<Attributes>,
    states_time: bool,
    plain: Arc<str>,
}

/// Which business messages are automatic replies (configured texts, or the same text sent
/// right after customers in many chats).
fn automatic_replies(msgs: &[Msg], chats: &[std::ops::Range<usize>], config: &Config) -> Vec<bool> {
    let mut seen = Vec::with_capacity(msgs.len());
    for (c, range) in chats.iter().enumerate() {
        for i in range.clone() {
            let prev = (i > range.start).then(|| &msgs[i - 1]);
            seen.push(Seen {
                chat: c,
                business: &*msgs[i].side == "business",
                text: &msgs[i].text,
                after_customer_minutes: prev
                    .filter(|p| &*p.side == "customer")
                    .map(|p| (msgs[i].sent_at - p.sent_at).num_minutes()),
            });
        }
    }
    autoreply::detect(&seen, &config.whatsapp.auto_reply_texts)
}

/// A chat file's branch by the folder it sits in (`[[branch]] folders`).
fn chat_file_branches<'c>(
    conn: &Connection,
    config: &'c Config,
) -> duckdb::Result<HashMap<i32, &'c str>> {
    Ok(crate::store::rows(
        conn,
        "select file_id, path from import_file where kind = 'whatsapp'",
        [],
        |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)),
    )?
    .into_iter()
    .filter_map(|(id, path)| {
        config
            .branch_of_path(std::path::Path::new(&path))
            .map(|b| (id, b.name.as_str()))
    })
    .collect())
}

impl<'a> Work<'a> {
    /// Ties each chat to a customer and each of its messages to a case, chats in parallel.
    fn link(&self, cases: &[CaseWindow], file_branch: &HashMap<i32, &'a str>) -> ChatLinks<'a> {
        let (config, lexicon, msgs, classified) =
            (self.config, self.lexicon, self.msgs, self.classified);
        let case_branch: Vec<&str> = cases
            .iter()
            .map(|c| self.branch_of[&(c.kind.as_str(), c.key.as_str())])
            .collect();
        let turn = |t: &str| lexicon.turn_mask(t);
        let (asks, answers, reminds, checks) = (
            turn("asks"),
            turn("answers"),
            turn("reminds"),
            turn("checks_resolution"),
        );
        let greeting = lexicon.mask_of(&["greeting"]);
        // A review request an advisor sends again (a stock follow-up question, sent again, asks
        // about the next job: measured, not taken).
        let asked_again = lexicon.mask_of(&["testimonial_request"]);
        self.chats
            .par_iter()
            .map(|range| {
                let chat = &msgs[range.start..range.end];
                // The chat's branch: the one whose WhatsApp name writes in it, else the one
                // whose folder holds the file. A chat of a branch links only to its cases.
                let chat_branch: Option<&'a str> = chat
                    .iter()
                    .filter(|m| &*m.side == "business")
                    .find_map(|m| {
                        m.sender
                            .as_deref()
                            .and_then(|s| config.branch_of_whatsapp_name(s))
                    })
                    .map(|b| b.name.as_str())
                    .or_else(|| file_branch.get(&chat[0].file_id).copied());
                let phone = chat.iter().find_map(|m| m.phone.as_deref());
                let plate = chat.iter().find_map(|m| m.plate.as_deref());
                let name = contact_name(chat);
                // Each review request's text, and where in the chat it was last sent.
                let mut asked_before: HashMap<&str, (usize, NaiveDateTime)> = HashMap::new();
                let lm: Vec<LinkMsg> = range
                    .clone()
                    .enumerate()
                    .map(|(k, i)| {
                        let (m, c) = (&msgs[i], &classified[i]);
                        let by_advisor = &*m.side == "business" && !self.automatic[i];
                        // A review request sent again word for word within a week: where the
                        // first was.
                        let repeats = if by_advisor && c.labels & asked_again != 0 {
                            asked_before
                                .insert(m.text.as_str(), (k, m.sent_at))
                                .filter(|&(_, t)| m.sent_at - t <= chrono::Duration::days(7))
                                .map(|(j, _)| j)
                        } else {
                            None
                        };
                        LinkMsg {
                            at: m.sent_at,
                            system: &*m.side == "system" || self.automatic[i],
                            by_advisor,
                            promised: c.promised,
                            amounts: c.attrs.amounts.clone(),
                            // The model's kinds help tie a message to the case it is about;
                            // they decide no verdict.
                            fits: fits(lexicon, c.kinds, !c.attrs.amounts.is_empty()),
                            guessed: c.labels & !greeting == 0
                                && c.kinds & !greeting != 0
                                && c.attrs.amounts.is_empty(),
                            after_booking: c.labels & reminds != 0,
                            asks: c.labels & asks != 0,
                            checks_resolution: c.labels & checks != 0,
                            answers: c.labels & answers != 0,
                            repeats,
                        }
                    })
                    .collect();
                let who = self
                    .directory
                    .identify(cases, phone, plate, name.as_deref(), &lm);
                let (assigned, shared) = match who.customer() {
                    Some(cust) => {
                        let own: Vec<usize> = self.directory.customers[cust]
                            .iter()
                            .copied()
                            .filter(|&i| chat_branch.is_none_or(|b| case_branch[i] == b))
                            .collect();
                        link::assign_all(cases, &own, &lm)
                    }
                    None => (vec![None; chat.len()], Vec::new()),
                };
                (who, assigned, chat_branch, shared)
            })
            .collect()
    }
}

/// The business's next message after customer message `k`, the same day, answers a booking
/// request (`answer`: `BOOKING_ANSWERS`, read with confidence): it settles a request the model
/// only half-read.
fn answered_as_booking(chat: &[Msg], read: &[Read], k: usize, answer: u64) -> bool {
    let day = chat[k].sent_at.date();
    chat.iter()
        .zip(read)
        .skip(k + 1)
        .take_while(|(m, _)| m.sent_at.date() == day)
        .find(|(m, _)| &*m.side == "business")
        .is_some_and(|(_, r)| r.labels & answer != 0)
}

/// A customer's booking request that no booking record covers (no booking case of that
/// customer holds it in its window) becomes a booking case `chat:<E.164>:<date of the first
/// message>`, owning the request, the unassigned messages of that day before it and the
/// conversation after it (until a message of another case or three days of silence); when the
/// conversation then resumes in a booking recorded after the request, that booking owns it. Without
/// the chat's phone number no case can be keyed: counted, not guessed. A message the model
/// only half-reads as a request counts when the advisor's answer shows it was one.
fn chat_only_bookings<'a>(
    lexicon: &Lexicon,
    msgs: &[Msg],
    chats: &[std::ops::Range<usize>],
    classified: &[Read],
    per_chat: &mut [(ChatLink, Assigned, Option<&'a str>, Shared)],
    cases: &mut Vec<CaseWindow>,
    directory: &Directory,
) -> ChatBookings<'a> {
    let request = lexicon.mask_of(&["booking_request"]);
    let answer = lexicon.mask_of(classify::BOOKING_ANSWERS);
    let silence = chrono::Duration::days(3);
    let mut out = ChatBookings {
        cases: Vec::new(),
        chats: Default::default(),
        without_phone: 0,
    };
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (ci, (range, (who, assigned, chat_branch, _))) in
        chats.iter().zip(per_chat.iter_mut()).enumerate()
    {
        let chat = &msgs[range.clone()];
        let phone: Option<String> = chat
            .iter()
            .find_map(|m| m.phone.as_deref().map(str::to_string))
            .or_else(|| {
                who.customer().and_then(|c| {
                    directory.customers[c]
                        .iter()
                        .find_map(|&i| cases[i].phone.clone())
                })
            });
        let read = &classified[range.clone()];
        let mut k = 0;
        while k < chat.len() {
            let asks = &*chat[k].side == "customer"
                && assigned[k].is_none()
                && (read[k].labels & request != 0
                    || (read[k].kinds & request != 0
                        && answered_as_booking(chat, read, k, answer)));
            if !asks {
                k += 1;
                continue;
            }
            let day = chat[k].sent_at.date();
            let mut start = k;
            while start > 0
                && assigned[start - 1].is_none()
                && &*chat[start - 1].side != "system"
                && chat[start - 1].sent_at.date() == day
            {
                start -= 1;
            }
            let mut end = k + 1;
            while end < chat.len()
                && assigned[end].is_none()
                && chat[end].sent_at - chat[end - 1].sent_at <= silence
            {
                end += 1;
            }
            // The conversation resumes, within a week, in a booking recorded after the request
            // (a request sent before a holiday, answered when the branch opened): the request
            // led to that booking, which covers it.
            let resumes = assigned.get(end).copied().flatten().filter(|&(i, _)| {
                cases[i].kind == "booking"
                    && cases[i].opened.is_some_and(|o| o >= chat[k].sent_at)
                    && chat[end].sent_at - chat[end - 1].sent_at <= chrono::Duration::days(7)
            });
            if let Some((i, _)) = resumes {
                for a in &mut assigned[start..end] {
                    *a = Some((i, link::MsgLink::LedTo));
                }
                k = end;
                continue;
            }
            let Some(phone) = phone.as_deref() else {
                out.without_phone += 1;
                break;
            };
            let key = format!("chat:{phone}:{}", chat[start].sent_at.date());
            let index = *by_key.entry(key.clone()).or_insert_with(|| {
                cases.push(CaseWindow {
                    kind: "booking".into(),
                    key: key.clone(),
                    phone: Some(phone.to_string()),
                    plate: chat
                        .iter()
                        .find_map(|m| m.plate.as_deref().map(str::to_string)),
                    name: contact_name(chat),
                    opened: Some(chat[start].sent_at),
                    slot: None,
                    arrived: None,
                    closed: None,
                    finished: None,
                    estimate: None,
                    costs: Vec::new(),
                    from: chat[start].sent_at,
                    to: chat[end - 1].sent_at,
                });
                out.cases.push(ChatBooking {
                    case: cases.len() - 1,
                    branch: *chat_branch,
                });
                cases.len() - 1
            });
            for a in &mut assigned[start..end] {
                *a = Some((index, link::MsgLink::Request));
            }
            out.chats.insert(ci);
            k = end;
        }
    }
    out
}

/// The customer's name as the chat shows it: the customer's sender name unless it is a number,
/// else the contact the chat file is named after.
fn contact_name(chat: &[Msg]) -> Option<String> {
    let sender = chat
        .iter()
        .filter(|m| &*m.side == "customer")
        .find_map(|m| m.sender.as_deref().map(str::to_string))
        .filter(|s| s.chars().any(char::is_alphabetic));
    sender.or_else(|| {
        let contact = contact_of_file_name(&chat.first()?.chat);
        contact.chars().any(char::is_alphabetic).then_some(contact)
    })
}

/// The case kinds a message fits, weighted: 2 per activity, 1 for a greeting, and 1 for a job
/// when it states an amount (a price, a bill) — which settles a bill sent the day after the
/// work between the job and its follow-up when no words were read.
fn fits(lexicon: &Lexicon, mask: u64, amount: bool) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    if amount {
        out.push(("job".to_string(), 1));
    }
    for i in 0..lexicon.activities().len() {
        if mask & (1 << i) == 0 {
            continue;
        }
        // A greeting opens any conversation: it counts for little.
        let weight = if lexicon.activities()[i] == "greeting" {
            1
        } else {
            2
        };
        for k in lexicon.cases_of(i) {
            match out.iter_mut().find(|(n, _)| n == k) {
                Some(e) => e.1 += weight,
                None => out.push((k.clone(), weight)),
            }
        }
    }
    out
}

/// A message's attributes as stored on its event: what it states, and where each label the
/// lexicon did not give came from (`model`: confidence; `maybe`: kinds the model half-sees on
/// an unexplained message, which make an absence-based fail "needs review").
fn attributes_json(
    lexicon: &Lexicon,
    text: &str,
    has_media: bool,
    a: &Attributes,
    reading: &Reading,
    promised: Option<NaiveDateTime>,
    domains: &[String],
) -> serde_json::Map<String, serde_json::Value> {
    let mut o = serde_json::Map::new();
    if !a.amounts.is_empty() {
        o.insert("amounts".into(), a.amounts.clone().into());
    }
    // A review link: one to a review place, to the company's own domain, or any link in a
    // message that asks for a review.
    let asks_review = lexicon
        .index_of("testimonial_request")
        .is_some_and(|i| reading.labels() & (1 << i) != 0);
    let review_link = a.review_link.clone().or_else(|| {
        classify::links(text)
            .find(|l| {
                asks_review
                    || domains.iter().any(|d| {
                        let host = l.split("://").last().unwrap_or(l);
                        let host = host.trim_start_matches("www.");
                        host.starts_with(d.as_str())
                    })
            })
            .map(str::to_string)
    });
    if let Some(l) = review_link {
        o.insert("review_link".into(), l.into());
    }
    let scores = |list: &[(usize, f32)]| -> serde_json::Value {
        list.iter()
            .map(|&(i, p)| (lexicon.activities()[i].clone(), model::score_value(p)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    if !reading.by_model.is_empty() {
        o.insert("model".into(), scores(&reading.by_model));
    }
    if !reading.candidates.is_empty() {
        o.insert("maybe".into(), scores(&reading.candidates));
    }
    for (k, v) in [
        ("apology", a.apology),
        ("reward", a.reward),
        ("personal_data", a.personal_data),
        ("rude", a.rude),
        ("jargon", a.jargon),
        ("alternative", a.alternative),
        ("introduction", a.introduction),
        ("media", has_media),
    ] {
        if v {
            o.insert(k.into(), true.into());
        }
    }
    if let Some(t) = &a.ticket {
        o.insert("ticket".into(), t.as_str().into());
    }
    if let Some(p) = promised {
        o.insert(
            "promised_at".into(),
            p.format("%Y-%m-%d %H:%M").to_string().into(),
        );
    }
    o
}

fn read_records(conn: &Connection) -> duckdb::Result<Vec<CaseRecord>> {
    crate::store::rows_named(conn, sql::TL_WINDOWS, [], |r| {
        Ok(CaseRecord {
            kind: r.get("kind")?,
            key: r.get("key")?,
            branch: r.get("branch")?,
            phone: r.get("phone")?,
            plate: r.get("plate")?,
            customer: r.get("customer")?,
            opened_at: r.get("opened_at")?,
            closed_at: r.get("closed_at")?,
            slot: r.get("slot")?,
            booking_status: r.get("booking_status")?,
            arrived_at: r.get("arrived_at")?,
            checkin_at: r.get("checkin_at")?,
            done_at: r.get("done_at")?,
            picked_up_at: r.get("picked_up_at")?,
            last_at: r.get("last_at")?,
            resolved_at: r.get("resolved_at")?,
            finished_at: r.get("finished_at")?,
            estimate_at: r.get("estimate_at")?,
            costs: [r.get::<Option<i64>>("cost_estimate")?, r.get("total_cost")?]
                .into_iter()
                .flatten()
                .collect(),
        })
    })
}

fn read_messages(conn: &Connection) -> duckdb::Result<Vec<Msg>> {
    use crate::store::columns::{each_batch, text_at};
    use duckdb::arrow::array::StringArray;
    // In column batches, the repeated texts (sheet, chat, sender, side, phone, plate) shared:
    // consecutive messages mostly repeat the one before, so that is tried first. At
    // `--scale 10` (700 k messages) reading row by row took 1.1-1.2 s, this 0.8 s.
    let mut shared = crate::values::Interner::default();
    // Sized once: grown by doubling, the last copy held 1.5 times the messages at once. The
    // count reads the table queries/timeline/messages.sql reads, all of it.
    let count: i64 = conn.query_row("select count(*) from raw_message", [], |r| r.get(0))?;
    let mut out = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    each_batch(conn, sql::TL_MESSAGES, "messages", |c| {
        let (sheet, chat, sender, side, body, phone, plate) = (
            c.text("sheet")?,
            c.text("chat")?,
            c.text("sender")?,
            c.text("side")?,
            c.text("text")?,
            c.text("phone")?,
            c.text("plate")?,
        );
        let (file_id, row_no) = (c.int32("file_id")?, c.int32("row_no")?);
        let (sent_at, has_media) = (c.timestamp("sent_at")?, c.boolean("has_media")?);
        // The shared text of each text column for the row before.
        let mut before: [Option<std::sync::Arc<str>>; 6] = Default::default();
        let mut share = |slot: usize, column: &StringArray, i: usize| {
            let v = text_at(column, i)?;
            match &before[slot] {
                Some(a) if &**a == v => Some(a.clone()),
                _ => {
                    let a = shared.get(v);
                    before[slot] = Some(a.clone());
                    Some(a)
                }
            }
        };
        let not_null = |a: Option<std::sync::Arc<str>>, what: &str| {
            a.ok_or_else(|| c.wrong(&format!("{what} is null")))
        };
        for i in 0..c.batch.num_rows() {
            out.push(Msg {
                file_id: file_id.value(i),
                sheet: not_null(share(0, &sheet, i), "sheet")?,
                row_no: row_no.value(i),
                chat: not_null(share(1, &chat, i), "chat")?,
                sent_at: c.time_at(&sent_at, i)?,
                sender: share(2, &sender, i),
                side: not_null(share(3, &side, i), "side")?,
                text: body.value(i).to_string(),
                has_media: has_media.value(i),
                phone: share(4, &phone, i),
                plate: share(5, &plate, i),
            });
        }
        Ok(())
    })?;
    Ok(out)
}
