//! Work orders (KSP), their follow-ups (FUT) and checklist forms (CHK).

use super::*;

use chrono::{Duration, NaiveDate, NaiveDateTime};

impl Sim<'_> {
    /// A work order with its status log and the advisor's messages (KSP), then its follow-up (FUT).
    /// Planned choices decide the messages; the time-gap rules (KSP-5.1, 5.2, 4.2.2) are then
    /// derived from the messages as written, so the expected answer is what the data shows.
    pub fn job(
        &mut self,
        customer: usize,
        advisor: usize,
        check_in: NaiveDateTime,
        technician: &'static str,
        _booking: Option<&str>,
    ) {
        let n = self.world.jobs.len() + 1;
        let wo = format!("SPK-{}-{n:05}", check_in.format("%y%m"));
        let day = check_in.date();
        let c = self.world.customers[customer].clone();
        let diag = biz(self.cal, check_in, self.rng.range(20, 60));
        let kind = self.rng.range(0, 9);
        let work_minutes = match kind {
            0..=4 => self.rng.range(60, 150),
            5..=7 => self.rng.range(200, 400),
            _ => self.rng.range(600, 1400),
        };
        let mut start = biz(self.cal, diag, self.rng.range(5, 25));
        // KSP-6.3: some jobs have no chat at all; their message rules are unknown.
        let silent = self.fails(advisor, day, 0.02);
        self.verdict("job", &wo, "KSP-6.3", silent, day);

        // Additional work needing approval (KSP-4.1.3): the request comes right after diagnosis.
        let extra = self.rng.chance(0.25);
        let unapproved = extra && self.fails(advisor, day, 0.12);
        let request_at = biz(self.cal, diag, 3);
        let mut approval_at = None;
        if extra {
            if unapproved {
                approval_at = Some(start + Duration::minutes(self.rng.range(20, 90)));
            } else {
                let at = request_at + Duration::minutes(self.rng.range(1, 4));
                start = start.max(at + Duration::minutes(5));
                approval_at = Some(at);
            }
        }
        // KSP-4.1.1: initial information within 2 business hours of diagnosa (some exactly at it).
        let info_late = self.fails(advisor, day, 0.06);
        let info_minutes = if info_late {
            self.rng.range(130, 300)
        } else if self.rng.chance(0.05) {
            120
        } else {
            self.rng.range(5, 100)
        };
        let info_at = biz(self.cal, diag, info_minutes);
        // KSP-6.4: the technician's estimate exists before the promise (or, planted, after it).
        let promise_early = self.fails(advisor, day, 0.05);
        let technician_estimate_at = if promise_early {
            info_at + Duration::minutes(self.rng.range(10, 40))
        } else {
            diag + Duration::minutes(self.rng.range(1, 4))
        };
        let mut qc = biz(self.cal, start, work_minutes);
        // The promise covers QC and hand-over: an on-time job finishes before it.
        let promised = biz(self.cal, start, work_minutes + 25);
        let delayed = kind >= 5 && self.rng.chance(0.25);
        if delayed {
            qc = biz(self.cal, qc, self.rng.range(60, 300));
        }
        let done = biz(self.cal, qc, self.rng.range(5, 20));
        let cost = self.rng.range(3, 60) * 50_000;
        let mut statuses = vec![
            ("masuk", check_in),
            ("diagnosa", diag),
            ("dikerjakan", start),
            ("qc", qc),
            ("selesai", done),
        ];
        if extra {
            statuses.push(("menunggu_persetujuan", request_at));
        }
        statuses.push(("diambil", biz(self.cal, done, self.rng.range(30, 500))));
        statuses.sort_by_key(|s| s.1);
        self.expect(
            "job",
            &wo,
            "KSP-4.1.3",
            if !extra {
                "na"
            } else if unapproved {
                "fail"
            } else {
                "pass"
            },
            day,
        );

        if silent {
            self.expect_all(
                "job",
                &wo,
                &[
                    "KSP-4.1.1",
                    "KSP-4.3.1",
                    "KSP-4.3.2",
                    "KSP-5.1",
                    "KSP-5.2",
                    "KSP-7.2",
                    "KSP-4.4.1",
                    "KSP-4.4.2",
                    "KSP-4.2.2",
                    "KSP-6.1",
                    "KSP-6.2",
                    "KSP-6.4",
                ],
                "unknown",
                day,
            );
        } else {
            // Every advisor message of this job, and which of them are updates (info, progress,
            // delay, completion) for KSP-4.2.2 and KSP-5.2.
            let mut sent: Vec<NaiveDateTime> = Vec::new();
            let mut updates: Vec<NaiveDateTime> = Vec::new();
            let rude = self.fails(advisor, day, 0.03);
            let jargon = self.fails(advisor, day, 0.04);
            self.expect(
                "job",
                &wo,
                "KSP-6.1",
                if rude { "advisory" } else { "pass" },
                day,
            );
            self.expect(
                "job",
                &wo,
                "KSP-6.2",
                if jargon { "advisory" } else { "pass" },
                day,
            );
            if rude {
                let at = check_in + Duration::minutes(5);
                say(
                    &mut self.world,
                    customer,
                    at,
                    false,
                    "Sabar dong pak, lagi dikerjain ini, jangan nanya terus".into(),
                );
                sent.push(at);
            }
            if extra {
                let part_cost = rupiah(self.rng.range(2, 20) * 50_000);
                let text = fill(
                    self.rng.word(self.texts.approval_request),
                    &[("part", "kampas rem"), ("cost", &part_cost)],
                );
                say(&mut self.world, customer, request_at, false, text);
                sent.push(request_at);
                let ok = self.rng.word(self.texts.approval).to_string();
                say(
                    &mut self.world,
                    customer,
                    approval_at.expect("extra work has an approval time"),
                    true,
                    ok,
                );
            }
            self.verdict("job", &wo, "KSP-4.1.1", info_late, day);
            let finding = self.rng.word(FINDINGS);
            let mut text = fill(
                self.rng.word(self.texts.diagnosis),
                &[
                    ("finding", finding),
                    ("eta", &when(info_at, promised)),
                    ("cost", &rupiah(cost)),
                    ("cost_short", &format!("{}rb", cost / 1000)),
                ],
            );
            if jargon {
                text.push_str(" Ada CVT judder, perlu relearn TPS dan bleeding ABS.");
            }
            say(&mut self.world, customer, info_at, false, text);
            sent.push(info_at);
            updates.push(info_at);
            self.verdict("job", &wo, "KSP-6.4", promise_early, day);
            // Progress updates on long jobs (some advisors skip them).
            let long = kind >= 5;
            let skip_updates = long && self.fails(advisor, day, 0.1);
            if long && !skip_updates {
                let mut u = info_at;
                loop {
                    u = biz(self.cal, u, self.rng.range(150, 220));
                    if u >= qc {
                        break;
                    }
                    let text = self.rng.word(self.texts.progress).to_string();
                    say(&mut self.world, customer, u, false, text);
                    sent.push(u);
                    updates.push(u);
                }
            }
            // Delay notice (KSP-4.4.1) with apology and alternative (KSP-4.4.2).
            if delayed {
                let notice = !self.fails(advisor, day, 0.2);
                if notice {
                    let apologise = !self.fails(advisor, day, 0.25);
                    let at = promised - Duration::minutes(self.rng.range(20, 60));
                    let pool = if apologise {
                        self.texts.delay_good
                    } else {
                        self.texts.delay_bare
                    };
                    let text = fill(
                        self.rng.word(pool),
                        &[
                            ("reason", self.rng.word(DELAY_REASONS)),
                            ("eta", &when(promised, qc)),
                        ],
                    );
                    say(&mut self.world, customer, at, false, text);
                    sent.push(at);
                    updates.push(at);
                    self.expect("job", &wo, "KSP-4.4.1", "pass", day);
                    self.verdict("job", &wo, "KSP-4.4.2", !apologise, day);
                } else {
                    self.expect("job", &wo, "KSP-4.4.1", "fail", day);
                    self.expect("job", &wo, "KSP-4.4.2", "na", day);
                }
            } else {
                self.expect("job", &wo, "KSP-4.4.1", "na", day);
                self.expect("job", &wo, "KSP-4.4.2", "na", day);
            }
            // Completion after QC (KSP-4.3.1); sent before QC it is inaccurate (KSP-7.2).
            let early = self.fails(advisor, day, 0.03);
            let late = !early && self.fails(advisor, day, 0.06);
            let done_msg = if early {
                qc - Duration::minutes(self.rng.range(20, 60))
            } else {
                biz(
                    self.cal,
                    qc,
                    if late {
                        self.rng.range(130, 300)
                    } else if self.rng.chance(0.04) {
                        120
                    } else {
                        self.rng.range(3, 100)
                    },
                )
            };
            let text = fill(
                self.rng.word(self.texts.completion),
                &[
                    ("cost", &rupiah(cost)),
                    ("plate", &c.plate),
                    ("pickup", "hari ini"),
                    ("cost_short", &format!("Rp {}", rupiah(cost))),
                ],
            );
            say(&mut self.world, customer, done_msg, false, text);
            sent.push(done_msg);
            updates.push(done_msg);
            let photo = self.rng.chance(0.7);
            if photo {
                say(
                    &mut self.world,
                    customer,
                    done_msg + Duration::minutes(1),
                    false,
                    "<Media tidak disertakan>".into(),
                );
                sent.push(done_msg + Duration::minutes(1));
            }
            self.expect(
                "job",
                &wo,
                "KSP-4.3.2",
                if photo { "pass" } else { "advisory" },
                day,
            );
            self.expect(
                "job",
                &wo,
                "KSP-4.3.1",
                if late || early { "fail" } else { "pass" },
                day,
            );
            self.verdict("job", &wo, "KSP-7.2", early, day);
            let thanks = self.rng.word(self.texts.ack).to_string();
            say(
                &mut self.world,
                customer,
                done_msg + Duration::minutes(self.rng.range(2, 40)),
                true,
                thanks,
            );

            // Derived from the messages as written.
            let contacted = |after: NaiveDateTime| {
                sent.iter()
                    .any(|&m| m > after && self.cal.business_minutes(after, m) <= 120.0)
                    || sent.contains(&after)
            };
            let ksp51 = contacted(diag) && contacted(qc);
            self.expect(
                "job",
                &wo,
                "KSP-5.1",
                if ksp51 { "pass" } else { "fail" },
                day,
            );
            let over_day = done - check_in > Duration::hours(24);
            let between = updates
                .iter()
                .filter(|&&u| u > info_at && u < done_msg)
                .count();
            self.expect(
                "job",
                &wo,
                "KSP-5.2",
                if !over_day {
                    "na"
                } else if between >= 1 {
                    "pass"
                } else {
                    "fail"
                },
                day,
            );
            let ksp422 = self.update_gaps(check_in, done, done_msg, &updates);
            self.expect("job", &wo, "KSP-4.2.2", ksp422, day);
        }
        let phone_ok = !self.fails(advisor, day, 0.03);
        let phone_written = if phone_ok {
            c.phone_written.clone()
        } else {
            "0812".to_string()
        };
        self.world.jobs.push(Job {
            wo: wo.clone(),
            customer,
            advisor,
            technician,
            statuses,
            promised: Some(promised),
            technician_estimate_at: Some(technician_estimate_at),
            additional_work: if extra {
                Some("ganti kampas rem")
            } else {
                None
            },
            approval_at,
            total_cost: cost,
            phone_written,
        });
        self.followup(&wo, customer, advisor, done, phone_ok, silent);
        if self.rng.chance(0.2) {
            // "Hubungi pelanggan via WA/Telepon" is contradicted when the job has no chat.
            self.checklist("KSP", advisor, day, &c.plate, &wo, silent.then_some(2));
        }
    }

    /// KSP-4.2.2 from the updates as sent: same-day jobs over 3 business hours must have no gap
    /// over 4 business hours between check-in, updates and completion; overnight jobs need an
    /// update on every operating day after check-in up to the completion day.
    fn update_gaps(
        &self,
        check_in: NaiveDateTime,
        done: NaiveDateTime,
        done_msg: NaiveDateTime,
        updates: &[NaiveDateTime],
    ) -> &'static str {
        if done.date() > check_in.date() {
            let mut d = check_in.date();
            while let Some(next) = self.cal.end_of_operating_day_after(d, 1) {
                d = next.date();
                if d > done.date() {
                    break;
                }
                if !updates.iter().any(|u| u.date() == d) {
                    return "fail";
                }
            }
            return "pass";
        }
        if self.cal.business_minutes(check_in, done) <= 180.0 {
            return "na";
        }
        let mut points: Vec<NaiveDateTime> = std::iter::once(check_in)
            .chain(updates.iter().copied().filter(|&u| u <= done_msg))
            .collect();
        points.sort();
        let worst = points
            .windows(2)
            .map(|w| self.cal.business_minutes(w[0], w[1]))
            .fold(0.0, f64::max);
        if worst > 240.0 { "fail" } else { "pass" }
    }

    /// A filled SOP checklist form for a case (CHK-complete: an unticked item needs a note).
    pub(super) fn checklist(
        &mut self,
        sop: &'static str,
        advisor: usize,
        date: NaiveDate,
        plate: &str,
        key: &str,
        contradicted: Option<usize>,
    ) {
        let items: &[&'static str] = if sop == "BKG" { BKG_ITEMS } else { KSP_ITEMS };
        let gap = self.fails(advisor, date, 0.1);
        let mut gap_at = self.rng.range(0, items.len() as i64 - 1) as usize;
        // An honest form leaves the contradicted item unticked (with a note); a careless one ticks it.
        let honest = contradicted.is_some() && !self.fails(advisor, date, 1.4);
        if let (Some(i), true) = (contradicted, honest) {
            gap_at = i;
        }
        let rows = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                if i == gap_at {
                    let note = if gap && !honest {
                        None
                    } else {
                        Some("tidak dilakukan untuk kasus ini".to_string())
                    };
                    (*item, false, note)
                } else {
                    (*item, true, None)
                }
            })
            .collect();
        self.world.checklists.push(ChecklistForm {
            sop,
            operator: self.world.advisors[advisor].chat_name.clone(),
            date,
            plate: plate.to_string(),
            items: rows,
        });
        let kind = if sop == "BKG" { "booking" } else { "job" };
        let incomplete = gap && !honest;
        self.expect(
            kind,
            key,
            "CHK-complete",
            if incomplete { "fail" } else { "pass" },
            date,
        );
        // Inconsistent when the step the data contradicts is ticked (as the form shows it).
        let consistent = match contradicted {
            Some(i) if self.world.checklists.last().is_some_and(|f| f.items[i].1) => "fail",
            _ => "pass",
        };
        self.expect(kind, key, "CHK-consistent", consistent, date);
    }
}

/// KSP checklist items (FORM CHECKLIST, section 9).
pub const KSP_ITEMS: &[&str] = &[
    "Cek progres terkini dari tim mekanik",
    "Identifikasi ada/tidaknya pekerjaan tambahan",
    "Hubungi pelanggan via WA/Telepon",
    "Jelaskan status dan estimasi terbaru",
    "Catat persetujuan pelanggan untuk pekerjaan tambahan",
    "Dokumentasikan hasil konfirmasi di sistem/form",
    "Simpan bukti komunikasi (screenshot/chat log)",
    "Lakukan follow-up jika pengerjaan > 1 hari",
];
