//! Tabular sources (bookings, work orders, tickets, flat checklists, the roster): find each
//! sheet's header, decide the file's day/month order, then read every data row into its raw
//! table or into quarantine.

use super::fields::{HeaderMap, RowReader, date_texts, find_header, is_total_row, raw_json};
use super::record::{Parsed, Quarantined};
use super::table::Sheet;
use super::vocab::{fields, lookup, tick};
use crate::ingest::SourceKind;
use crate::store::table_batch::Val;
use crate::values::decide_day_month;
use chrono::Duration;
use rayon::prelude::*;

/// What every row reader needs besides the row.
pub struct SheetContext<'a> {
    /// The branch the file is read as: the one whose folder holds it, else the default.
    pub file_zone: &'a super::BranchZone,
    /// The branch whose folder holds the file, for rows that name none.
    pub file_branch: Option<&'a str>,
    /// Set when a group's folders are configured and the file is under none: the sentence
    /// that refuses it unless its sheets name each row's branch.
    pub unplaced: Option<String>,
    /// The years a date may fall in.
    pub years: (i32, i32),
    /// Every branch's zone, for rows whose branch column names one.
    pub zones: &'a [super::BranchZone],
}

impl SheetContext<'_> {
    /// The zone of a row: its branch column's branch, else the file's.
    fn row_zone(&self, row: &super::table::Row, map: &HeaderMap) -> &super::BranchZone {
        map.columns
            .get("branch")
            .map(|&c| row.get(c).text())
            .and_then(|b| {
                self.zones
                    .iter()
                    .find(|z| z.name.eq_ignore_ascii_case(b.trim()))
            })
            .unwrap_or(self.file_zone)
    }
}

/// Fields holding dates, whose written values decide day/month order for the file.
fn date_fields(kind: SourceKind) -> &'static [&'static str] {
    match kind {
        SourceKind::Booking => &["created_at", "slot", "slot_date", "reminder_sent_at"],
        SourceKind::WorkOrder => &[
            "status_at",
            "masuk",
            "diagnosa",
            "dikerjakan",
            "qc",
            "selesai",
            "diambil",
            "estimated_done_at",
        ],
        SourceKind::Ticket => &[
            "created_at",
            "first_response_at",
            "resolved_at",
            "escalated_at",
            "purchase_date",
        ],
        SourceKind::Checklist => &["work_date"],
        SourceKind::Roster => &["active_from", "active_to"],
        SourceKind::Review => &["decided_on"],
        SourceKind::Whatsapp => &[],
    }
}

/// The work-order statuses that a wide-form sheet has one time column for.
const WIDE_STATUSES: &[&str] = &[
    "masuk",
    "diagnosa",
    "menunggu_persetujuan",
    "dikerjakan",
    "menunggu_part",
    "tertunda",
    "qc",
    "selesai",
    "diambil",
];

/// A work-order sheet is usable in long form (status + time) or wide form (a time per status).
fn usable(kind: SourceKind, map: &HeaderMap) -> bool {
    match kind {
        SourceKind::WorkOrder => {
            (map.has("status") && map.has("status_at")) || WIDE_STATUSES.iter().any(|s| map.has(s))
        }
        _ => true,
    }
}

/// The best header of a sheet for `kind`, if any.
pub fn header_for(sheet: &Sheet, kind: SourceKind) -> Option<HeaderMap> {
    find_header(sheet, kind.name()).filter(|m| usable(kind, m))
}

/// One row read: its index below the header, `None` when skipped (blank or total) or whether
/// it loaded, and what it produced.
type RowResult = (usize, Option<Result<(), String>>, Parsed);

pub fn parse(sheets: &[Sheet], kind: SourceKind, ctx: &SheetContext) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let mut found: Vec<(&Sheet, HeaderMap)> = Vec::new();
    for sheet in sheets {
        match header_for(sheet, kind) {
            Some(map) => found.push((sheet, map)),
            None => {
                let blank = sheet.rows.iter().all(|r| r.is_blank());
                if !blank {
                    parsed.warn(format!(
                        "sheet {:?}: no {} header row found; sheet skipped",
                        sheet.name.as_deref().unwrap_or("-"),
                        kind.name()
                    ));
                }
            }
        }
    }
    if found.is_empty() {
        let spec = fields(kind.name());
        let wanted: Vec<&str> = spec.required.iter().map(|f| spec.display(f)).collect();
        return Err(format!(
            "no header row found in the first rows; expected columns such as {}",
            wanted.join(", ")
        ));
    }
    if let Some(refusal) = &ctx.unplaced
        && !found.iter().any(|(_, m)| m.has("branch"))
    {
        return Err(refusal.clone());
    }
    // The fields the file provides, for the rules that need them (a column may be missing).
    let mut provided: Vec<String> = found
        .iter()
        .flat_map(|(_, m)| m.columns.keys().cloned())
        .collect();
    provided.sort();
    provided.dedup();
    parsed.fields = provided;
    let texts: Vec<&str> = found
        .iter()
        .flat_map(|(s, m)| date_texts(s, m, date_fields(kind)))
        .collect();
    let order = decide_day_month(texts);
    let wide = kind == SourceKind::WorkOrder
        && found
            .iter()
            .all(|(_, m)| !(m.has("status") && m.has("status_at")));
    parsed.layout = match kind {
        SourceKind::WorkOrder if wide => "wide".into(),
        SourceKind::WorkOrder => "long".into(),
        SourceKind::Ticket if found.iter().any(|(_, m)| m.has("first_response_minutes")) => {
            "zendesk".into()
        }
        SourceKind::Ticket if found.iter().any(|(_, m)| m.has("first_response_hours")) => {
            "freshdesk".into()
        }
        SourceKind::Checklist => "flat".into(),
        _ => "sheet".into(),
    };
    for (sheet, map) in &found {
        let header_row = &sheet.rows[map.header_index];
        let sheet_name = sheet.name.clone();
        let place = sheet_name
            .as_deref()
            .map_or(String::new(), |n| format!("sheet {n:?}: "));
        for note in sheet.notes.iter().chain(&map.repeated_notes()) {
            parsed.warn(format!("{place}{note}"));
        }
        // Rows are independent: read them in parallel, each into its own small result, then
        // merge in row order so quarantine and warnings keep the file's order.
        let rows: Vec<RowResult> = sheet.rows[map.header_index + 1..]
            .par_iter()
            .enumerate()
            .map(|(i, row)| {
                let mut local = Parsed::default();
                if let Some(defect) = &row.defect {
                    return (i, Some(Err(defect.clone())), local);
                }
                if row.is_blank() || is_total_row(row, map) {
                    return (i, None, local);
                }
                let zone = ctx.row_zone(row, map);
                let reader = RowReader {
                    row,
                    map,
                    order,
                    tz: zone.tz,
                    years: ctx.years,
                    file_branch: ctx.file_branch,
                };
                for conflict in reader.repeated_conflicts() {
                    local.warn(conflict);
                }
                let result = match kind {
                    SourceKind::Booking => booking(&reader, &mut local, &sheet_name),
                    SourceKind::WorkOrder => work_order(&reader, &mut local, &sheet_name),
                    SourceKind::Ticket => ticket(&reader, &mut local, &sheet_name, &zone.calendar),
                    SourceKind::Checklist => checklist(&reader, &mut local, &sheet_name),
                    SourceKind::Roster => roster(&reader, &mut local, &sheet_name),
                    // A row with no decision yet is not reviewed: skipped, not loaded.
                    SourceKind::Review => match review(&reader, &mut local, &sheet_name) {
                        Ok(false) => return (i, None, local),
                        other => other.map(|_| ()),
                    },
                    SourceKind::Whatsapp => Err("a chat is not a sheet".to_string()),
                };
                (i, Some(result), local)
            })
            .collect();
        for (i, result, local) in rows {
            let row = &sheet.rows[map.header_index + 1 + i];
            parsed.rows_read += 1;
            match result {
                None => parsed.rows_skipped += 1,
                Some(Ok(())) => {
                    parsed.rows_loaded += 1;
                    for t in local.tables {
                        parsed.table(t.table).rows.extend(t.rows);
                    }
                }
                Some(Err(reason)) => parsed.quarantined.push(Quarantined {
                    sheet: sheet_name.clone(),
                    row: row.number,
                    reason,
                    raw: raw_json(row, Some(header_row)),
                }),
            }
            for w in local.warnings {
                parsed.warn(w);
            }
        }
    }
    Ok(parsed)
}

fn required(r: &RowReader, field: &str) -> Result<String, String> {
    r.text(field).ok_or_else(|| {
        format!(
            "row {}: {} is empty (required)",
            r.row.number,
            r.display(field)
        )
    })
}

/// A vocabulary word, or null with a warning naming the row when the word is unknown.
fn mapped(
    r: &RowReader,
    parsed: &mut Parsed,
    field: &str,
    domain: &str,
) -> (Option<String>, Option<String>) {
    let raw = r.text(field);
    let word = raw
        .as_deref()
        .and_then(|w| lookup(domain, w))
        .map(str::to_string);
    if let (Some(raw), None) = (&raw, &word) {
        parsed.warn(format!(
            "row {}: {} {raw:?} is not a known {}; loaded without it",
            r.row.number,
            r.display(field),
            domain.replace('_', " ")
        ));
    }
    (word, raw)
}

fn booking(r: &RowReader, parsed: &mut Parsed, sheet: &Option<String>) -> Result<(), String> {
    let booking_id = required(r, "booking_id")?;
    let created_at = r
        .stamp("created_at")?
        .ok_or_else(|| required(r, "created_at").unwrap_err())?;
    let slot = r.stamp_or_pair("slot", "slot_date", "slot_time")?;
    let reminder = r.stamp("reminder_sent_at")?;
    let (phone, phone_raw) = r.phone("phone");
    let (plate, plate_raw) = r.plate("plate");
    let (status, status_raw) = mapped(r, parsed, "status", "booking_status");
    let values = vec![
        Val::Text(booking_id),
        Val::Time(created_at),
        Val::text(r.text("channel").map(|c| c.to_lowercase())),
        Val::text(r.text("customer_name")),
        Val::text(phone.map(|p| p.e164)),
        Val::text(phone_raw),
        Val::text(plate.map(|p| p.display)),
        Val::text(plate_raw),
        Val::text(r.text("vehicle_type")),
        Val::text(r.text("service")),
        Val::time(slot),
        Val::text(r.text("technician")),
        Val::text(r.text("advisor")),
        Val::text(status),
        Val::text(status_raw),
        Val::time(reminder),
        Val::text(r.branch()),
        Val::text(r.text("notes")),
        Val::Text(r.extra_json()),
    ];
    parsed
        .table("raw_booking")
        .rows
        .push((sheet.clone(), r.row.number, values));
    Ok(())
}

fn work_order(r: &RowReader, parsed: &mut Parsed, sheet: &Option<String>) -> Result<(), String> {
    let wo = required(r, "work_order")?;
    let branch = r.branch();
    let mut statuses: Vec<(String, Option<String>, chrono::NaiveDateTime)> = Vec::new();
    if r.map.has("status") && r.map.has("status_at") {
        let raw = required(r, "status")?;
        let status = lookup("work_order_status", &raw)
            .ok_or_else(|| format!("row {}: Status {raw:?} is not a known work-order status (masuk, diagnosa, …, diambil)", r.row.number))?;
        let at = r
            .stamp("status_at")?
            .ok_or_else(|| required(r, "status_at").unwrap_err())?;
        statuses.push((status.to_string(), Some(raw), at));
    } else {
        for s in WIDE_STATUSES {
            if let Some(at) = r.stamp(s)? {
                statuses.push((s.to_string(), None, at));
            }
        }
        if statuses.is_empty() {
            return Err(format!(
                "row {}: no status time is filled (expected Masuk, Diagnosa, …, Selesai)",
                r.row.number
            ));
        }
    }
    let estimated = r.stamp("estimated_done_at")?;
    let tech_estimate = r.stamp("technician_estimate_at")?;
    let approval = r.stamp("approval_at")?;
    let cost_estimate = r.amount("cost_estimate")?;
    let total = r.amount("total_cost")?;
    let (phone, phone_raw) = r.phone("phone");
    let (plate, plate_raw) = r.plate("plate");
    for (status, raw, at) in statuses {
        parsed.table("raw_work_order_status").rows.push((
            sheet.clone(),
            r.row.number,
            vec![
                Val::Text(wo.clone()),
                Val::Text(status),
                Val::text(raw),
                Val::Time(at),
                Val::text(branch.clone()),
            ],
        ));
    }
    let values = vec![
        Val::Text(wo),
        Val::text(plate.map(|p| p.display)),
        Val::text(plate_raw),
        Val::text(r.text("customer_name")),
        Val::text(phone.map(|p| p.e164)),
        Val::text(phone_raw),
        Val::text(r.text("advisor")),
        Val::text(r.text("technician")),
        Val::time(estimated),
        Val::time(tech_estimate),
        // "tidak", "-", "nihil": no additional work, not additional work called "tidak".
        Val::text(
            r.text("additional_work")
                .filter(|t| lookup("nothing", t).is_none()),
        ),
        Val::time(approval),
        Val::int(cost_estimate),
        Val::int(total),
        Val::text(r.text("note")),
        Val::text(branch),
        Val::Text(r.extra_json()),
    ];
    parsed
        .table("raw_work_order")
        .rows
        .push((sheet.clone(), r.row.number, values));
    Ok(())
}

/// A first response given as a duration: minutes, on which clock, and the time it derives.
#[derive(Default)]
struct FirstResponse {
    minutes: Option<f64>,
    clock: Option<&'static str>,
    at: Option<chrono::NaiveDateTime>,
}

/// Helpdesk first-response durations: Zendesk minutes (calendar or business clock, by header)
/// and Freshdesk hours (`HH:MM:SS` or a decimal).
fn first_response(
    r: &RowReader,
    created: chrono::NaiveDateTime,
    calendar: &crate::calendar::BranchCalendar,
) -> Result<FirstResponse, String> {
    if let Some(t) = r.text("first_response_minutes") {
        let minutes: f64 = t.replace(',', ".").parse().map_err(|_| {
            format!(
                "row {}: First reply time {t:?} is not a number of minutes",
                r.row.number
            )
        })?;
        let business = r
            .map
            .headers
            .get("first_response_minutes")
            .is_some_and(|h| h.to_lowercase().contains("business"));
        let at = if business {
            calendar.add_business(created, Duration::seconds((minutes * 60.0) as i64))
        } else {
            Some(created + Duration::seconds((minutes * 60.0) as i64))
        };
        return Ok(FirstResponse {
            minutes: Some(minutes),
            clock: Some(if business { "business" } else { "calendar" }),
            at,
        });
    }
    if let Some(t) = r.text("first_response_hours") {
        let hours = if t.contains(':') {
            let parts: Vec<f64> = t
                .split(':')
                .map(|p| p.trim().parse().unwrap_or(f64::NAN))
                .collect();
            match parts.as_slice() {
                [h, m, s] => h + m / 60.0 + s / 3600.0,
                [h, m] => h + m / 60.0,
                _ => f64::NAN,
            }
        } else {
            t.replace(',', ".").parse().unwrap_or(f64::NAN)
        };
        if hours.is_nan() {
            return Err(format!(
                "row {}: First response time (in hrs) {t:?} is not a duration",
                r.row.number
            ));
        }
        let minutes = hours * 60.0;
        let at = Some(created + Duration::seconds((minutes * 60.0) as i64));
        return Ok(FirstResponse {
            minutes: Some(minutes),
            clock: Some("calendar"),
            at,
        });
    }
    Ok(FirstResponse::default())
}

fn ticket(
    r: &RowReader,
    parsed: &mut Parsed,
    sheet: &Option<String>,
    calendar: &crate::calendar::BranchCalendar,
) -> Result<(), String> {
    let id = required(r, "ticket_id")?;
    let created = r
        .stamp("created_at")?
        .ok_or_else(|| required(r, "created_at").unwrap_err())?;
    let FirstResponse {
        minutes,
        clock,
        at: derived,
    } = first_response(r, created, calendar)?;
    let first_at = r.stamp("first_response_at")?.or(derived);
    let (kind, kind_raw) = mapped(r, parsed, "type", "ticket_type");
    let (priority, priority_raw) = mapped(r, parsed, "priority", "priority");
    let (phone, _) = r.phone("phone");
    let (plate, _) = r.plate("plate");
    let values = vec![
        Val::Text(id),
        Val::Time(created),
        Val::text(kind),
        Val::text(kind_raw),
        Val::text(priority),
        Val::text(r.text("customer_name")),
        Val::text(phone.map(|p| p.e164)),
        Val::text(r.text("phone")),
        Val::text(plate.map(|p| p.display)),
        Val::text(r.text("advisor")),
        Val::text(r.text("subject")),
        Val::time(first_at),
        Val::float(minutes),
        Val::text(clock.map(str::to_string)),
        Val::time(r.stamp("escalated_at")?),
        Val::text(r.text("escalated_to")),
        Val::time(r.stamp("resolved_at")?),
        Val::text(r.text("status").map(|s| s.to_lowercase())),
        Val::text(r.text("resolution")),
        Val::text(r.text("satisfaction")),
        Val::date(r.date("purchase_date")?),
        Val::text(r.text("product")),
        Val::text(r.text("warranty_status")),
        Val::date(r.date("warranty_until")?),
        Val::time(r.stamp("shipped_at")?),
        Val::text(r.text("tracking_no")),
        Val::time(r.stamp("followup_at")?),
        Val::text(r.branch()),
        Val::Text(r.extra_json()),
        // Added by schema 7, so after `extra`.
        Val::text(priority_raw),
    ];
    parsed
        .table("raw_ticket")
        .rows
        .push((sheet.clone(), r.row.number, values));
    Ok(())
}

/// `BKG`, `KSP`, `FUT` from a code or from the SOP's title words.
pub fn sop_code(text: &str) -> Option<&'static str> {
    let t = text.to_lowercase();
    if t.contains("bkg") || t.contains("booking") {
        Some("BKG")
    } else if t.contains("ksp")
        || t.contains("status pengerjaan")
        || t.contains("komunikasi status")
    {
        Some("KSP")
    } else if t.contains("fut") || t.contains("follow") || t.contains("testimoni") {
        Some("FUT")
    } else {
        None
    }
}

fn checklist(r: &RowReader, parsed: &mut Parsed, sheet: &Option<String>) -> Result<(), String> {
    let sop_raw = required(r, "sop")?;
    let sop = sop_code(&sop_raw).ok_or_else(|| {
        format!(
            "row {}: SOP {sop_raw:?} is not BKG, KSP or FUT",
            r.row.number
        )
    })?;
    let item = required(r, "item")?;
    let done_raw = r.text("done");
    let done = tick(done_raw.as_deref().unwrap_or(""));
    if done.is_none() {
        parsed.warn(format!(
            "row {}: Selesai {:?} is neither a tick nor blank; loaded as unknown",
            r.row.number,
            done_raw.as_deref().unwrap_or("")
        ));
    }
    let (plate, plate_raw) = r.plate("plate");
    let values = vec![
        Val::Text(sop.to_string()),
        Val::text(r.text("operator")),
        Val::date(r.date("work_date")?),
        Val::text(plate.map(|p| p.display)),
        Val::text(plate_raw),
        Val::int(r.text("item_no").and_then(|n| n.parse().ok())),
        Val::Text(item),
        Val::bool(done),
        Val::text(done_raw),
        Val::text(r.text("note")),
    ];
    parsed
        .table("raw_checklist_item")
        .rows
        .push((sheet.clone(), r.row.number, values));
    Ok(())
}

/// A supervisor's decision on one finding. A row without a decision is not reviewed yet
/// (skipped); a decision without its reason, reviewer or fingerprint, or on a rule the catalog
/// does not have, is quarantined with that sentence.
fn review(r: &RowReader, parsed: &mut Parsed, sheet: &Option<String>) -> Result<bool, String> {
    static CATALOG: std::sync::LazyLock<crate::rules::Catalog> =
        std::sync::LazyLock::new(crate::rules::Catalog::builtin);
    let Some(decision_raw) = r.text("decision") else {
        return Ok(false);
    };
    let n = r.row.number;
    let decision = lookup("review_decision", &decision_raw).ok_or_else(|| {
        format!(
            "row {n}: Keputusan {decision_raw:?} is not a decision; expected setuju, batal, ubah:pass, ubah:fail or ubah:na"
        )
    })?;
    let (decision, new_status) = match decision.split_once(':') {
        Some((d, s)) => (d, Some(s.to_string())),
        None => (decision, None),
    };
    let case_key = required(r, "case_key")?;
    let rule = required(r, "rule_id")?;
    let rule_id = CATALOG
        .get(&rule)
        .filter(|rule| rule.measurable)
        .map(|rule| rule.id.clone())
        .ok_or_else(|| {
            format!("row {n}: Aturan {rule:?} is not a measurable rule of the catalog (`patuh rules` lists them)")
        })?;
    let reason = r.text("reason").ok_or_else(|| {
        format!("row {n}: the decision {decision_raw:?} has no reason (Alasan); a decision on an evaluation must say why")
    })?;
    let reviewer = r.text("reviewer").ok_or_else(|| {
        format!("row {n}: the decision {decision_raw:?} names no reviewer (Peninjau)")
    })?;
    let fingerprint = r.text("fingerprint").ok_or_else(|| {
        format!("row {n}: Sidik Bukti is empty; a decision must name the evidence it was made on (write the workbook with `patuh review export`)")
    })?;
    let values = vec![
        Val::Text(case_key),
        Val::Text(rule_id),
        Val::text(r.text("case_kind").map(|k| k.to_lowercase())),
        Val::text(r.text("advisor")),
        Val::text(r.text("machine_status")),
        Val::Text(fingerprint.to_lowercase()),
        Val::Text(decision.to_string()),
        Val::text(new_status),
        Val::Text(decision_raw),
        Val::Text(reason),
        Val::Text(reviewer),
        Val::date(r.date("decided_on")?),
    ];
    parsed
        .table("raw_review")
        .rows
        .push((sheet.clone(), n, values));
    Ok(true)
}

fn roster(r: &RowReader, parsed: &mut Parsed, sheet: &Option<String>) -> Result<(), String> {
    let id = required(r, "advisor_id")?;
    let name = required(r, "name")?;
    let values = vec![
        Val::Text(id),
        Val::Text(name),
        Val::text(r.text("chat_names")),
        Val::text(r.text("role").map(|s| s.to_uppercase())),
        Val::text(r.branch()),
        Val::date(r.date("active_from")?),
        Val::date(r.date("active_to")?),
    ];
    parsed
        .table("raw_advisor")
        .rows
        .push((sheet.clone(), r.row.number, values));
    Ok(())
}
