//! Inquiries (INQ), after-sales claims (PJL) and walk-in jobs.

use super::*;

use chrono::Duration;

impl Sim<'_> {
    /// An inquiry ticket with its chat (INQ).
    pub fn inquiry(&mut self, n: usize) {
        let customer = if self.rng.chance(0.5) && !self.world.customers.is_empty() {
            self.rng.range(0, self.world.customers.len() as i64 - 1) as usize
        } else {
            self.new_customer()
        };
        let advisor = self.cs();
        let day = self.random_day();
        let id = format!("INQ-{}-{:04}", day.format("%y%m"), n + 1);
        let t0 = self.time_on(day, 8, 15);
        let q = self
            .rng
            .range(0, self.texts.inquiry_question.len() as i64 - 1) as usize;
        let kind = match q {
            4 => "teknis",
            5 => "komplain",
            _ => "umum",
        };
        say(
            &mut self.world,
            customer,
            t0,
            true,
            self.texts.inquiry_question[q].to_string(),
        );
        let limit = match kind {
            "teknis" => 30,
            _ => 15,
        };
        let late = self.fails(advisor, day, 0.08);
        let delay = if late {
            self.rng.range(limit + 1, limit * 4)
        } else {
            self.rng.range(1, limit)
        };
        let first = biz(self.cal, t0, delay);
        let name = self.world.advisors[advisor].chat_name.clone();
        let greets = !self.fails(advisor, day, 0.08);
        let greet = if greets {
            fill(
                self.rng.word(self.texts.inquiry_greet),
                &[("advisor", &name)],
            )
        } else {
            self.rng.word(self.texts.inquiry_no_greet).to_string()
        };
        say(&mut self.world, customer, first, false, greet);
        self.verdict("inquiry", &id, "INQ-T1.greet", !greets, day);
        let answer = fill(
            self.rng.word(self.texts.inquiry_answer),
            &[("answer", self.rng.word(INQUIRY_ANSWERS))],
        );
        let solved_now = kind == "umum" && self.rng.chance(0.6);
        let resolve_days = match kind {
            "umum" => 1,
            "teknis" => 2,
            _ => 3,
        };
        let slow = self.fails(advisor, day, 0.08);
        // On time = within N × 9 business hours, which is also by the end of the Nth operating
        // day: the answer holds whichever way a scorer reads "N operating days". Late = two
        // operating days past that.
        let resolved = if solved_now {
            first + Duration::minutes(2)
        } else if slow {
            self.cal
                .end_of_operating_day_after(day, resolve_days + 2)
                .expect("calendar")
                - Duration::hours(self.rng.range(8, 10))
        } else {
            let minutes = self
                .rng
                .range(limit * 4 + 30, i64::from(resolve_days) * 540 - 30);
            biz(self.cal, t0, minutes).max(first + Duration::minutes(5))
        };
        if solved_now {
            self.expect("inquiry", &id, "INQ-T3.eta", "na", day);
        } else {
            let eta = !self.fails(advisor, day, 0.1);
            if eta {
                let text = self.rng.word(self.texts.inquiry_eta).to_string();
                say(
                    &mut self.world,
                    customer,
                    first + Duration::minutes(1),
                    false,
                    text,
                );
            }
            self.verdict("inquiry", &id, "INQ-T3.eta", !eta, day);
        }
        say(&mut self.world, customer, resolved, false, answer);
        // Solved in the first reply, a "slow" draw changes nothing: the data shows it on time.
        self.verdict("inquiry", &id, "INQ-T5.resolve", slow && !solved_now, day);
        let closes = !self.fails(advisor, day, 0.1);
        if closes {
            let ok = self.rng.word(self.texts.ack).to_string();
            say(
                &mut self.world,
                customer,
                resolved + Duration::minutes(self.rng.range(1, 30)),
                true,
                ok,
            );
            let bye = self.rng.word(self.texts.inquiry_close).to_string();
            say(
                &mut self.world,
                customer,
                resolved + Duration::minutes(self.rng.range(31, 40)),
                false,
                bye,
            );
        }
        self.verdict("inquiry", &id, "INQ-T5.close", !closes, day);
        let unclassified = self.fails(advisor, day, 0.1);
        // A ticket without a category is held to the most lenient first-response limit
        // (teknis, 30 business minutes): the data cannot say which limit was meant.
        let sla_late = if unclassified { delay > 30 } else { late };
        self.verdict("inquiry", &id, "INQ-T3.sla", sla_late, day);
        self.verdict("inquiry", &id, "INQ-T2.classify", unclassified, day);
        let no_question = self.fails(advisor, day, 0.1);
        self.verdict("inquiry", &id, "INQ-T1.record", no_question, day);
        let undocumented = self.fails(advisor, day, 0.1);
        self.verdict("inquiry", &id, "INQ-T6.doc", undocumented, day);
        let escalated = !solved_now && kind != "umum" && self.rng.chance(0.5);
        let mut escalated_at = None;
        if escalated {
            let at = first + Duration::minutes(self.rng.range(10, 60));
            escalated_at = Some(at);
            let silent = self.fails(advisor, day, 0.7);
            if !silent {
                let mut d = at.date();
                while let Some(next) = self.cal.end_of_operating_day_after(d, 1) {
                    if next.date() >= resolved.date() {
                        break;
                    }
                    d = next.date();
                    let text = self.rng.word(self.texts.update_escalated).to_string();
                    say(
                        &mut self.world,
                        customer,
                        d.and_hms_opt(10, self.rng.range(0, 59) as u32, 0)
                            .expect("time"),
                        false,
                        text,
                    );
                }
            }
            // Updates are due on the operating days strictly between escalation and
            // resolution; with none in between, silence breaks nothing (as the data shows).
            let due_days = self
                .cal
                .end_of_operating_day_after(at.date(), 1)
                .is_some_and(|next| next.date() < resolved.date());
            self.verdict("inquiry", &id, "INQ-T4.updates", silent && due_days, day);
        } else {
            self.expect("inquiry", &id, "INQ-T4.updates", "na", day);
        }
        self.world.tickets.push(Ticket {
            id,
            created_at: t0,
            kind: if unclassified { "" } else { kind },
            priority: if unclassified {
                None
            } else {
                Some(if kind == "komplain" {
                    "tinggi"
                } else {
                    "sedang"
                })
            },
            customer,
            advisor,
            subject: if no_question {
                None
            } else {
                Some(self.texts.inquiry_question[q].to_string())
            },
            first_response_at: Some(first),
            resolved_at: Some(resolved),
            escalated_at,
            resolution: if undocumented {
                None
            } else {
                Some("dijawab via WhatsApp".into())
            },
            satisfaction: None,
            purchase_date: None,
            warranty_status: None,
            warranty_until: None,
            shipped_at: None,
            tracking_no: None,
            product: None,
        });
    }

    /// An after-sales claim (PJL).
    pub fn aftersales(&mut self, n: usize) {
        let customer = if !self.world.customers.is_empty() {
            self.rng.range(0, self.world.customers.len() as i64 - 1) as usize
        } else {
            self.new_customer()
        };
        let advisor = self.cs();
        let day = self.random_day();
        let id = format!("PJL-{}-{:04}", day.format("%y%m"), n + 1);
        let t0 = self.time_on(day, 8, 15);
        let which =
            self.rng
                .range(0, self.texts.aftersales_complaint.len() as i64 - 1) as usize;
        let text = self.texts.aftersales_complaint[which].to_string();
        let product = ["Aki", "Ban", "Kampas rem"][which % 3];
        say(&mut self.world, customer, t0, true, text.clone());
        let slow_no = self.fails(advisor, day, 0.2);
        let t1 = biz(
            self.cal,
            t0,
            if slow_no {
                self.rng.range(61, 240)
            } else {
                self.rng.range(2, 59)
            },
        );
        say(
            &mut self.world,
            customer,
            t1,
            false,
            fill(self.rng.word(self.texts.ticket_number), &[("ticket", &id)]),
        );
        self.expect(
            "aftersales",
            &id,
            "PJL-T1.ticket_no",
            if slow_no { "fail" } else { "pass" },
            day,
        );
        let purchase = day - Duration::days(self.rng.range(10, 500));
        let until = purchase + Duration::days(365);
        let truly_in = until >= day;
        let wrong = self.fails(advisor, day, 0.3);
        let recorded = if truly_in != wrong {
            "Dalam garansi"
        } else {
            "Di luar garansi"
        };
        self.verdict("aftersales", &id, "PJL-T2.warranty", wrong, day);
        let inform_late = self.fails(advisor, day, 0.3);
        let t2 = if inform_late {
            self.cal
                .end_of_operating_day_after(day, 3)
                .expect("calendar")
                - Duration::hours(9)
        } else {
            biz(self.cal, t1, self.rng.range(20, 400))
        };
        say(
            &mut self.world,
            customer,
            t2,
            false,
            fill(
                self.rng.word(self.texts.warranty_info),
                &[("status", &recorded.to_lowercase())],
            ),
        );
        self.verdict("aftersales", &id, "PJL-T2.inform", inform_late, day);
        let slow = self.fails(advisor, day, 0.2);
        let resolved = self
            .cal
            .end_of_operating_day_after(day, if slow { 10 } else { 5 })
            .expect("calendar")
            - Duration::hours(8);
        self.verdict("aftersales", &id, "PJL-T3.sla", slow, day);
        let ships = self.rng.chance(0.4);
        let (shipped_at, tracking) = if ships {
            let at = resolved - Duration::days(1);
            let resi = format!("JNE{}", self.rng.range(100_000_000, 999_999_999));
            let told = !self.fails(advisor, day, 0.45);
            if told {
                say(
                    &mut self.world,
                    customer,
                    at + Duration::minutes(30),
                    false,
                    fill(self.rng.word(self.texts.shipping), &[("resi", &resi)]),
                );
            }
            self.verdict("aftersales", &id, "PJL-T4.ship", !told, day);
            (Some(at), Some(resi))
        } else {
            self.expect("aftersales", &id, "PJL-T4.ship", "na", day);
            (None, None)
        };
        let followed = !self.fails(advisor, day, 0.25);
        if followed {
            let t = resolved + Duration::days(self.rng.range(1, 3));
            let text = self.rng.word(self.texts.aftersales_followup).to_string();
            say(&mut self.world, customer, t, false, text);
            let ok = self.rng.word(self.texts.positive).to_string();
            say(
                &mut self.world,
                customer,
                t + Duration::minutes(20),
                true,
                ok,
            );
        }
        self.verdict("aftersales", &id, "PJL-T5.followup", !followed, day);
        let csat = !self.fails(advisor, day, 0.25);
        self.verdict("aftersales", &id, "PJL-T5.csat", !csat, day);
        let thin = self.fails(advisor, day, 0.2);
        self.verdict("aftersales", &id, "PJL-T1.record", thin, day);
        self.world.tickets.push(Ticket {
            id,
            created_at: t0,
            kind: "garansi",
            priority: Some("tinggi"),
            customer,
            advisor,
            subject: if thin {
                None
            } else {
                Some(format!("{text} (dilaporkan via WhatsApp)"))
            },
            first_response_at: Some(t1),
            resolved_at: Some(resolved),
            escalated_at: None,
            resolution: Some("penggantian unit".into()),
            satisfaction: if csat {
                Some(self.rng.range(3, 5) as u8)
            } else {
                None
            },
            purchase_date: Some(purchase),
            warranty_status: Some(recorded),
            warranty_until: Some(until),
            shipped_at,
            tracking_no: tracking,
            product: Some(product),
        });
    }
}

impl Sim<'_> {
    /// A customer who drives in without a booking: a job and its follow-up only.
    pub fn walk_in(&mut self) {
        let customer = if !self.world.customers.is_empty() && self.rng.chance(0.3) {
            self.rng.range(0, self.world.customers.len() as i64 - 1) as usize
        } else {
            self.new_customer()
        };
        let advisor = self.sa();
        let day = self.random_day();
        let at = self.time_on(day, 8, 14);
        let tech = self.rng.word(TECHNICIANS);
        self.job(customer, advisor, at, tech, None);
    }
}
