//! Linking: which customer a chat belongs to, and which of that customer's cases each message
//! serves. Pure functions over plain data, so every decision is tested on known answers.
//!
//! A chat is tied to a customer by phone (E.164), else by the plate in the contact name, else by
//! the contact name — and a name shared by several customers is settled only by time (the chat's
//! messages fall inside one customer's cases and not the other's); otherwise the chat is reported
//! as ambiguous with every candidate and linked to none. Cases sharing a phone or a plate are one
//! customer. Inside a customer, a message goes to the case whose time window holds it; when
//! windows overlap, to the case its activities fit (a reminder → the booking, a follow-up
//! question → the follow-up), else to the case of the message before it, else to the case that
//! opened last.

use crate::values::normalise_plate;
use chrono::{Duration, NaiveDateTime};
use std::collections::{BTreeSet, HashMap};

/// One case as linking sees it.
#[derive(Debug, Clone)]
pub struct CaseWindow {
    pub kind: String,
    pub key: String,
    pub phone: Option<String>,
    pub plate: Option<String>,
    pub name: Option<String>,
    /// When the record says the case began (a ticket's creation, a check-in, a booking's
    /// recording, which ends the conversation that led to it).
    pub opened: Option<NaiveDateTime>,
    /// A booking's slot.
    pub slot: Option<NaiveDateTime>,
    /// A booking's arrival (the check-in of its job) when the customer came.
    pub arrived: Option<NaiveDateTime>,
    /// A ticket's resolution.
    pub closed: Option<NaiveDateTime>,
    /// A job's final QC (else its `selesai`).
    pub finished: Option<NaiveDateTime>,
    /// A job's estimated finish and costs as its work order states them.
    pub estimate: Option<NaiveDateTime>,
    pub costs: Vec<i64>,
    /// Messages from `from` to `to` (inclusive) may belong to the case.
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

/// A message as linking sees it: when, who, and the case kinds its activities fit.
#[derive(Debug, Clone)]
pub struct LinkMsg {
    pub at: NaiveDateTime,
    pub system: bool,
    /// Written by an advisor (not the customer, not an automatic reply).
    pub by_advisor: bool,
    /// The time and the amounts the message states.
    pub promised: Option<NaiveDateTime>,
    pub amounts: Vec<i64>,
    /// Case kinds named by the message's activities, with how many activities named each.
    pub fits: Vec<(String, u32)>,
    /// Its kinds are only ones the model half-sees (nothing read with confidence, no amount):
    /// they tie it to a case only when no conversation under way does.
    pub guessed: bool,
    /// A message that comes after a booking is recorded (a reminder, a no-show contact): it
    /// belongs to the recorded booking whose slot comes next.
    pub after_booking: bool,
    /// The business asks the customer something (a follow-up question, a testimonial or an
    /// approval request); `answers`: the customer answers such a question.
    pub asks: bool,
    pub answers: bool,
    /// Follows a resolution — asks whether a resolved problem stays solved (PJL-T5), or
    /// thanks the customer at the close: it belongs to the ticket that was resolved last
    /// before it.
    pub checks_resolution: bool,
    /// A review request that repeats, word for word, one the advisor sent in this chat in the
    /// week before (its position in the chat): asking again continues the first asking.
    pub repeats: Option<usize>,
}

/// How a chat was tied to a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatLink {
    Phone(usize),
    Plate(usize),
    Name(usize),
    /// Several customers could own the chat: (customer, a phone or name to show) each.
    Ambiguous(Vec<usize>),
    Unlinked,
}

impl ChatLink {
    pub fn outcome(&self) -> &'static str {
        match self {
            ChatLink::Phone(_) => "phone",
            ChatLink::Plate(_) => "plate",
            ChatLink::Name(_) => "name",
            ChatLink::Ambiguous(_) => "ambiguous",
            ChatLink::Unlinked => "unlinked",
        }
    }

    pub fn customer(&self) -> Option<usize> {
        match self {
            ChatLink::Phone(c) | ChatLink::Plate(c) | ChatLink::Name(c) => Some(*c),
            _ => None,
        }
    }
}

/// How a message was tied to its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgLink {
    /// Only one case's window holds it.
    Window,
    /// Several windows hold it; its activities fit one case.
    Content,
    /// Several windows hold it; it continues the conversation of the message before it.
    Continuity,
    /// Several windows hold it and nothing else decides: the case opened last.
    Latest,
    /// A booking request no booking record covers, and the conversation after it: a
    /// chat-only booking case.
    Request,
    /// A booking request the conversation of a booking recorded after it answers, after a
    /// pause (a request sent before a holiday): the request that led to that booking.
    LedTo,
    /// Also tied to this case: another open case of the customer fits the message as well and
    /// only the conversation's order chose between them (`assign_all`).
    Shared,
}

impl MsgLink {
    pub fn name(self) -> &'static str {
        match self {
            MsgLink::Window => "window",
            MsgLink::Content => "content",
            MsgLink::Continuity => "continuity",
            MsgLink::Latest => "latest",
            MsgLink::Request => "booking_request",
            MsgLink::LedTo => "led_to_booking",
            MsgLink::Shared => "shared",
        }
    }
}

/// Customers: cases grouped by shared phone or plate, with lookups by phone, plate and name.
pub struct Directory {
    /// Case indices of each customer.
    pub customers: Vec<Vec<usize>>,
    /// The plate keys of each customer's cases (a name shared by many customers asks for
    /// them per chat: normalising them there was half the link's time at `--scale 100`).
    plates: Vec<Vec<String>>,
    /// The customer of each case.
    customer_of: Vec<usize>,
    /// Each name's cases by window start, for settling shared names by time.
    by_name_cases: HashMap<String, Vec<(NaiveDateTime, usize)>>,
    /// The longest case window.
    longest: Duration,
    by_phone: HashMap<String, usize>,
    by_plate: HashMap<String, usize>,
    by_name: HashMap<String, BTreeSet<usize>>,
}

/// A plate's join key as the importer makes it (`normalise_plate`): "bk 1234 abc" → "BK1234ABC".
pub fn plate_key(plate: &str) -> Option<String> {
    normalise_plate(plate).map(|p| p.key)
}

/// A person's name as a key: lower case, words only, without a plate or a "(2)" the phone added.
pub fn name_key(name: &str) -> Option<String> {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // Drop a trailing plate ("Agus BK 1234 AB") and a duplicate counter ("Agus (2)").
    let mut end = words.len();
    while end > 0 && words[end - 1].chars().all(|c| c.is_ascii_digit()) {
        end -= 1;
    }
    if let Some(p) = words[..end]
        .iter()
        .rposition(|w| w.chars().all(|c| c.is_ascii_digit()))
        && p >= 1
        && words[p - 1].len() <= 2
        && words[p - 1].chars().all(|c| c.is_ascii_alphabetic())
    {
        end = p - 1;
    }
    let key = words[..end].join(" ");
    (!key.is_empty() && key.chars().any(|c| c.is_alphabetic())).then_some(key)
}

impl Directory {
    pub fn build(cases: &[CaseWindow]) -> Self {
        // Union-find over cases: a shared phone or plate is one customer.
        let mut parent: Vec<usize> = (0..cases.len()).collect();
        fn find(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        let plate_keys: Vec<Option<String>> = cases
            .iter()
            .map(|c| c.plate.as_deref().and_then(plate_key))
            .collect();
        let mut first_by: HashMap<String, usize> = HashMap::new();
        for (i, c) in cases.iter().enumerate() {
            let keys = c
                .phone
                .iter()
                .map(|p| format!("phone:{p}"))
                .chain(plate_keys[i].iter().map(|k| format!("plate:{k}")));
            for k in keys {
                match first_by.get(&k) {
                    Some(&j) => {
                        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                        parent[a.max(b)] = a.min(b);
                    }
                    None => {
                        first_by.insert(k, i);
                    }
                }
            }
        }
        let mut index: HashMap<usize, usize> = HashMap::new();
        let mut customers: Vec<Vec<usize>> = Vec::new();
        let mut by_phone = HashMap::new();
        let mut by_plate = HashMap::new();
        let mut by_name: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for (i, c) in cases.iter().enumerate() {
            let root = find(&mut parent, i);
            let cust = *index.entry(root).or_insert_with(|| {
                customers.push(Vec::new());
                customers.len() - 1
            });
            customers[cust].push(i);
            if let Some(p) = &c.phone {
                by_phone.insert(p.clone(), cust);
            }
            if let Some(k) = &plate_keys[i] {
                by_plate.insert(k.clone(), cust);
            }
            if let Some(n) = c.name.as_deref().and_then(name_key) {
                by_name.entry(n).or_default().insert(cust);
            }
        }
        let mut customer_of = vec![0; cases.len()];
        for (cust, list) in customers.iter().enumerate() {
            for &i in list {
                customer_of[i] = cust;
            }
        }
        let plates = customers
            .iter()
            .map(|list| list.iter().filter_map(|&i| plate_keys[i].clone()).collect())
            .collect();
        let mut by_name_cases: HashMap<String, Vec<(NaiveDateTime, usize)>> = HashMap::new();
        for (name, custs) in &by_name {
            let mut list: Vec<(NaiveDateTime, usize)> = custs
                .iter()
                .flat_map(|&c| customers[c].iter().map(|&i| (cases[i].from, i)))
                .collect();
            list.sort();
            by_name_cases.insert(name.clone(), list);
        }
        let longest = cases
            .iter()
            .map(|c| c.to - c.from)
            .max()
            .unwrap_or(Duration::zero());
        Self {
            customers,
            plates,
            customer_of,
            by_name_cases,
            longest,
            by_phone,
            by_plate,
            by_name,
        }
    }

    /// The customer a chat belongs to. `msgs` (times and what they fit) are used only to
    /// settle a name shared by several customers.
    pub fn identify(
        &self,
        cases: &[CaseWindow],
        phone: Option<&str>,
        plate: Option<&str>,
        name: Option<&str>,
        msgs: &[LinkMsg],
    ) -> ChatLink {
        if let Some(c) = phone.and_then(|p| self.by_phone.get(p)) {
            return ChatLink::Phone(*c);
        }
        if let Some(c) = plate
            .and_then(plate_key)
            .and_then(|k| self.by_plate.get(&k))
        {
            return ChatLink::Plate(*c);
        }
        if phone.is_some() {
            // A number no record knows: another customer's chat, never matched by name.
            return ChatLink::Unlinked;
        }
        let Some(key) = name.and_then(name_key) else {
            return ChatLink::Unlinked;
        };
        let Some(found) = self.by_name.get(&key) else {
            return ChatLink::Unlinked;
        };
        if found.len() == 1 {
            return ChatLink::Name(*found.first().expect("one"));
        }
        // Several customers share the name. A plate in the contact name rules out customers
        // known only with other plates; then the chat goes to the customer whose cases hold
        // nearly all its messages and fit their content, when no other does as well.
        let chat_plate = plate.and_then(plate_key);
        let plate_fits = |cust: usize| match &chat_plate {
            Some(p) => self.plates[cust].is_empty() || self.plates[cust].contains(p),
            None => true,
        };
        // (customer → messages fitting an open case, messages inside any case), found through
        // the name's cases sorted by window start: only windows starting within the longest
        // window length before a message can hold it.
        let name_cases = &self.by_name_cases[&key];
        // Per customer: (messages fitting an open case, messages held, the last message
        // counted, whether it fitted), in one map for the chat rather than one per message.
        let mut tally: HashMap<usize, (usize, usize, usize, bool)> = HashMap::new();
        let mut n = 0;
        for m in msgs.iter().filter(|m| !m.system) {
            n += 1;
            let lo = name_cases.partition_point(|(from, _)| *from < m.at - self.longest);
            let hi = name_cases.partition_point(|(from, _)| *from <= m.at);
            for &(_, i) in &name_cases[lo..hi] {
                if cases[i].to < m.at {
                    continue;
                }
                let fits = m.fits.iter().any(|(k, _)| *k == cases[i].kind);
                let (fit, held, last, fitted) = tally.entry(self.customer_of[i]).or_default();
                if *last != n {
                    (*last, *fitted) = (n, false);
                    *held += 1;
                }
                if fits && !*fitted {
                    *fitted = true;
                    *fit += 1;
                }
            }
        }
        let mut scored: Vec<((usize, usize), usize)> = tally
            .into_iter()
            .filter(|(cust, _)| plate_fits(*cust))
            .map(|(c, (fit, held, _, _))| ((fit, held), c))
            .collect();
        scored.sort_by(|a, b| b.cmp(a));
        match scored.as_slice() {
            [] => ChatLink::Unlinked,
            [((fit, held), c), rest @ ..]
                if *held * 5 >= n * 4
                    && rest
                        .first()
                        .is_none_or(|(second, _)| second < &(*fit, *held)) =>
            {
                ChatLink::Name(*c)
            }
            _ => {
                let mut list: Vec<usize> = scored.iter().map(|s| s.1).collect();
                list.sort();
                ChatLink::Ambiguous(list)
            }
        }
    }
}

/// The case (an index into `cases`) of each message of one customer's chat, in order.
pub fn assign(
    cases: &[CaseWindow],
    customer_cases: &[usize],
    msgs: &[LinkMsg],
) -> Vec<Option<(usize, MsgLink)>> {
    assign_all(cases, customer_cases, msgs).0
}

/// (message index, case) pairs, in message order: a message also tied to a second case.
pub type SharedLinks = Vec<(usize, usize)>;

/// `assign`, and the (message, case) pairs a message is shared with: when only the
/// conversation's order chose its case — the case opened last, continuity between two jobs or
/// two follow-ups of the customer, or an unexplained advisor message after an open booking's
/// slot (its no-show contact?) — it is tied to the other open cases it fits as well. The
/// same vehicle's update may be about either job; a rule must not fail a case for a message
/// patuh could not tell was not its own.
pub fn assign_all(
    cases: &[CaseWindow],
    customer_cases: &[usize],
    msgs: &[LinkMsg],
) -> (Vec<Option<(usize, MsgLink)>>, SharedLinks) {
    let mut shared = Vec::new();
    let mut out = Vec::with_capacity(msgs.len());
    let mut previous: Option<(usize, NaiveDateTime)> = None;
    let mut asked: Option<(usize, NaiveDateTime)> = None;
    // The case of the customer's message, when the message before was the customer's.
    let mut customer_said: Option<(usize, NaiveDateTime)> = None;
    // The case of the customer's last answer (praise, a complaint, a review).
    let mut answered: Option<(usize, NaiveDateTime)> = None;
    let resolving = resolving_messages(cases, customer_cases, msgs);
    for (k, m) in msgs.iter().enumerate() {
        if m.system {
            out.push(None);
            continue;
        }
        let open: Vec<usize> = customer_cases
            .iter()
            .copied()
            .filter(|&i| cases[i].from <= m.at && m.at <= cases[i].to)
            .collect();
        // The case the repeated request went to, when it is still open and the customer has
        // not just answered in another one (a request after their praise there is its own).
        let answered_elsewhere = |c: usize| {
            answered.is_some_and(|(a, at): (usize, NaiveDateTime)| {
                a != c && open.contains(&a) && m.at - at <= Duration::hours(24)
            })
        };
        let repeated = m
            .repeats
            .and_then(|j| out.get(j).copied().flatten())
            .map(|(c, _): (usize, MsgLink)| c)
            .filter(|&c| open.contains(&c) && !answered_elsewhere(c));
        let pick = match open.as_slice() {
            [] => None,
            [one] => Some((*one, MsgLink::Window)),
            _ if repeated.is_some() => repeated.map(|c| (c, MsgLink::Content)),
            _ => Some(choose(
                cases,
                &open,
                m,
                previous,
                asked,
                customer_said,
                resolving.get(&k).copied(),
            )),
        };
        customer_said = pick
            .as_ref()
            .filter(|_| !m.by_advisor)
            .map(|&(i, _)| (i, m.at));
        if let Some(&(i, _)) = pick.as_ref().filter(|_| !m.by_advisor && m.answers) {
            answered = Some((i, m.at));
        }
        if let Some((i, how)) = pick {
            previous = Some((i, m.at));
            if m.asks {
                asked = Some((i, m.at));
            }
            // Nothing but the order decided: the case opened last (any other case fitting as
            // well may own it), continuity between two jobs or follow-ups of one vehicle, or
            // between any case and a booking past its slot.
            let alike = |o: usize| match how {
                MsgLink::Latest => true,
                MsgLink::Continuity => {
                    (matches!(cases[i].kind.as_str(), "job" | "followup")
                        && cases[o].kind == cases[i].kind)
                        // An advisor message fitting nothing, after the slot of an open booking
                        // nobody arrived for: it may be its no-show contact.
                        || (m.by_advisor
                            && m.fits.is_empty()
                            && cases[o].kind == "booking"
                            && cases[o].arrived.is_none()
                            && cases[o].slot.is_some_and(|s| s <= m.at))
                }
                _ => false,
            };
            shared.extend(
                open.iter()
                    .copied()
                    .filter(|&o| o != i && alike(o) && fit(cases, o, m) == fit(cases, i, m))
                    .map(|o| (k, o)),
            );
        }
        out.push(pick);
    }
    (out, shared)
}

/// The one item of `items`, if there is exactly one.
fn sole(mut items: impl Iterator<Item = usize>) -> Option<usize> {
    let first = items.next()?;
    items.next().is_none().then_some(first)
}

/// How well a message's activities fit case `i`: the weight of the activities naming its kind.
fn fit(cases: &[CaseWindow], i: usize, m: &LinkMsg) -> u32 {
    m.fits
        .iter()
        .filter(|(k, _)| *k == cases[i].kind)
        .map(|(_, n)| *n)
        .sum()
}

/// For each ticket of the customer with a resolution time, the advisor message sent nearest
/// to it (within ten minutes): message index → ticket.
fn resolving_messages(
    cases: &[CaseWindow],
    customer_cases: &[usize],
    msgs: &[LinkMsg],
) -> HashMap<usize, usize> {
    let mut out = HashMap::new();
    for &i in customer_cases {
        if !matches!(cases[i].kind.as_str(), "inquiry" | "aftersales") {
            continue;
        }
        let Some(closed) = cases[i].closed else {
            continue;
        };
        let nearest = msgs
            .iter()
            .enumerate()
            .filter(|(_, m)| m.by_advisor && !m.system)
            .map(|(k, m)| (k, (m.at - closed).num_seconds().abs()))
            .filter(|&(_, gap)| gap <= 600)
            .min_by_key(|&(k, gap)| (gap, k));
        if let Some((k, _)) = nearest {
            out.insert(k, i);
        }
    }
    out
}

fn choose(
    cases: &[CaseWindow],
    open: &[usize],
    m: &LinkMsg,
    previous: Option<(usize, NaiveDateTime)>,
    asked: Option<(usize, NaiveDateTime)>,
    customer_said: Option<(usize, NaiveDateTime)>,
    resolves: Option<usize>,
) -> (usize, MsgLink) {
    let fit = |i: usize| fit(cases, i, m);
    // A case whose record begins with this very message (a ticket opened when the customer
    // wrote) owns it, whatever conversation went before. Only the customer's: an advisor's
    // follow-up question sent minutes after a claim was opened is the follow-up's.
    let opening = sole(open.iter().copied().filter(|&i| {
        !m.by_advisor
            && matches!(cases[i].kind.as_str(), "inquiry" | "aftersales")
            && cases[i]
                .opened
                .is_some_and(|o| (m.at - o).num_minutes().abs() <= 10)
    }));
    if let Some(one) = opening {
        return (one, MsgLink::Content);
    }
    // Likewise a ticket resolved when an advisor wrote owns the advisor message nearest its
    // resolution: it tells the customer the resolution, whatever other case its words are
    // about (a warranty answer to an inquiry while a claim is open).
    if let Some(i) = resolves.filter(|i| open.contains(i)) {
        return (i, MsgLink::Content);
    }
    // The one open case whose record states what the message states owns it: a job's finish
    // time or amount, a booking's slot (a confirmation in words patuh does not know).
    let stating = sole(
        open.iter()
            .copied()
            .filter(|&i| match cases[i].kind.as_str() {
                "job" => {
                    (m.promised.is_some() && m.promised == cases[i].estimate)
                        || m.amounts.iter().any(|a| cases[i].costs.contains(a))
                }
                "booking" => m.promised.is_some() && m.promised == cases[i].slot,
                _ => false,
            }),
    );
    if let Some(one) = stating {
        return (one, MsgLink::Content);
    }
    // A conversation under way keeps a message whose kinds are only half-seen: a booking's
    // data line read as a maybe-complaint stays with the booking, not the open follow-up.
    if m.guessed
        && let Some((p, at)) = previous
        && open.contains(&p)
        && m.at - at <= Duration::hours(12)
    {
        return (p, MsgLink::Continuity);
    }
    let best = open.iter().map(|&i| fit(i)).max().unwrap_or(0);
    let fitting: Vec<usize> = open.iter().copied().filter(|&i| fit(i) == best).collect();
    if best > 0 && fitting.len() == 1 {
        return (fitting[0], MsgLink::Content);
    }
    let pool = if best > 0 { &fitting[..] } else { open };
    // A question fitting several cases asks how something turned out: it goes to the one case
    // with an outcome by then (a job's follow-up, a resolved ticket), not a ticket still open
    // (a follow-up question sent minutes after a claim was opened).
    if m.asks && pool.len() > 1 {
        let settled = sole(
            pool.iter()
                .copied()
                .filter(|&i| match cases[i].kind.as_str() {
                    "followup" => true,
                    "inquiry" | "aftersales" => cases[i].closed.is_some_and(|c| c <= m.at),
                    _ => false,
                }),
        );
        if let Some(one) = settled {
            return (one, MsgLink::Content);
        }
    }
    // An answer goes to the case that asked the question, within a day.
    if m.answers
        && let Some((q, at)) = asked
        && pool.contains(&q)
        && m.at - at <= Duration::hours(24)
    {
        return (q, MsgLink::Continuity);
    }
    if m.checks_resolution {
        // Thanks for what the customer just wrote in a follow-up (a review, praise) answers
        // it, not the ticket resolved last.
        if let Some((p, at)) = customer_said
            && pool.contains(&p)
            && cases[p].kind == "followup"
            && m.at - at <= Duration::hours(24)
        {
            return (p, MsgLink::Continuity);
        }
        let resolved = pool
            .iter()
            .copied()
            .filter(|&i| cases[i].closed.is_some_and(|c| c <= m.at))
            .max_by_key(|&i| cases[i].closed);
        if let Some(i) = resolved {
            return (i, MsgLink::Content);
        }
    }
    // Several bookings of one customer: a reminder goes to the recorded booking whose slot is
    // next; any other message to the booking whose conversation is under way (recorded next).
    let bookings: Vec<usize> = pool
        .iter()
        .copied()
        .filter(|&i| cases[i].kind == "booking")
        .collect();
    if bookings.len() >= 2 {
        let continues = previous
            .filter(|(p, at)| bookings.contains(p) && m.at - *at <= Duration::hours(1))
            .map(|(p, _)| p);
        let pick = if m.after_booking {
            bookings
                .iter()
                .copied()
                .filter(|&i| cases[i].opened.is_some_and(|o| o <= m.at))
                .filter(|&i| cases[i].slot.is_some_and(|s| s >= m.at))
                .min_by_key(|&i| cases[i].slot)
        } else if continues.is_some() {
            return (continues.expect("checked"), MsgLink::Continuity);
        } else {
            bookings
                .iter()
                .copied()
                .filter(|&i| cases[i].opened.is_some_and(|o| o >= m.at))
                .min_by_key(|&i| cases[i].opened)
        };
        if let Some(i) = pick {
            return (i, MsgLink::Content);
        }
    }
    // A conversation continues: the case of the message before, if it is still open and the
    // pause is short.
    if let Some((p, at)) = previous
        && pool.contains(&p)
        && m.at - at <= Duration::hours(12)
    {
        return (p, MsgLink::Continuity);
    }
    let latest = pool
        .iter()
        .copied()
        .max_by_key(|&i| (cases[i].from, i))
        .expect("at least two open cases");
    (latest, MsgLink::Latest)
}
