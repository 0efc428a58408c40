//! Follow-ups after completed jobs (FUT): the H+2 contact, complaints, testimonial requests.

use super::*;
use chrono::{Duration, NaiveDateTime};

/// The rules that apply only once the customer has been contacted and has answered.
const AFTER_CONTACT: &[&str] = &[
    "FUT-4.3.1",
    "FUT-4.3.2",
    "FUT-6.2",
    "FUT-7.3",
    "FUT-6.3",
    "FUT-8.4",
    "FUT-4.2.3",
];

impl Sim<'_> {
    /// FUT: the follow-up after a completed job.
    pub(super) fn followup(
        &mut self,
        wo: &str,
        customer: usize,
        advisor: usize,
        done: NaiveDateTime,
        phone_ok: bool,
        silent: bool,
    ) {
        let day = done.date();
        self.verdict("followup", wo, "FUT-4.1.2", !phone_ok, day);
        if silent {
            self.expect_all("followup", wo, &["FUT-5.1", "FUT-4.2.2"], "unknown", day);
            self.expect_all("followup", wo, AFTER_CONTACT, "unknown", day);
            return;
        }
        let none = self.fails(advisor, day, 0.04);
        let late = !none && self.fails(advisor, day, 0.06);
        if none {
            self.expect("followup", wo, "FUT-5.1", "fail", day);
            self.expect("followup", wo, "FUT-4.2.2", "na", day);
            self.expect_all("followup", wo, AFTER_CONTACT, "na", day);
            return;
        }
        let days = if late {
            self.rng.range(3, 5)
        } else {
            self.rng.range(1, 2)
        };
        // Advisors work on operating days: a follow-up due on a Sunday or holiday moves to the
        // next operating day, and is judged by the day it was really sent (H+2 in calendar days).
        let mut on = day + Duration::days(days);
        while !self.cal.is_operating_day(on) {
            on = on.succ_opt().expect("a later date");
        }
        let late = (on - day).num_days() > 2;
        let at = self.time_on(on, 9, 16);
        // A contact that only sells (no question about the vehicle) is no follow-up.
        if self.fails(advisor, day, 0.03) {
            say(
                &mut self.world,
                customer,
                at,
                false,
                "Terima kasih sudah servis di Gema Sehat! Promo bulan ini: diskon 15% ganti oli 🎉"
                    .into(),
            );
            self.expect("followup", wo, "FUT-5.1", "fail", day);
            self.expect("followup", wo, "FUT-4.2.2", "fail", day);
            self.expect_all("followup", wo, AFTER_CONTACT, "na", day);
            return;
        }
        self.verdict("followup", wo, "FUT-5.1", late, day);
        self.expect("followup", wo, "FUT-4.2.2", "pass", day);
        let text = self.rng.word(self.texts.followup).to_string();
        say(&mut self.world, customer, at, false, text);
        let answers = self.rng.chance(0.85);
        if !answers {
            let second = !self.fails(advisor, day, 0.3);
            self.verdict("followup", wo, "FUT-8.4", !second, day);
            if second {
                let again = self.rng.word(self.texts.second_followup).to_string();
                say(
                    &mut self.world,
                    customer,
                    at + Duration::days(self.rng.range(1, 3)),
                    false,
                    again,
                );
            }
            self.expect_all(
                "followup",
                wo,
                &[
                    "FUT-4.3.1",
                    "FUT-4.3.2",
                    "FUT-6.2",
                    "FUT-7.3",
                    "FUT-6.3",
                    "FUT-4.2.3",
                ],
                "na",
                day,
            );
            return;
        }
        self.expect("followup", wo, "FUT-8.4", "na", day);
        let reply_at = at + Duration::minutes(self.rng.range(5, 240));
        let complains = self.rng.chance(0.12);
        if complains {
            let text = self.rng.word(self.texts.complaint).to_string();
            say(&mut self.world, customer, reply_at, true, text);
            let ignored = self.fails(advisor, day, 0.25);
            self.verdict("followup", wo, "FUT-4.2.3", ignored, day);
            if !ignored {
                let answer = self.rng.word(self.texts.complaint_answer).to_string();
                let t = biz(self.cal, reply_at, self.rng.range(10, 300));
                say(&mut self.world, customer, t, false, answer);
            }
            // A testimonial request after a complaint is pushy (FUT-7.3) and not after a positive answer.
            let pushy = self.fails(advisor, day, 0.2);
            if pushy {
                let t = biz(self.cal, reply_at, 400);
                let text = fill(
                    self.rng.word(self.texts.testimonial_request),
                    &[("link", self.texts.review_link)],
                );
                say(&mut self.world, customer, t, false, text);
            }
            self.verdict("followup", wo, "FUT-7.3", pushy, day);
            self.expect(
                "followup",
                wo,
                "FUT-4.3.1",
                if pushy { "fail" } else { "na" },
                day,
            );
            self.expect(
                "followup",
                wo,
                "FUT-4.3.2",
                if pushy { "pass" } else { "na" },
                day,
            );
            self.expect("followup", wo, "FUT-6.2", "pass", day);
            self.expect("followup", wo, "FUT-6.3", "na", day);
            return;
        }
        self.expect("followup", wo, "FUT-4.2.3", "na", day);
        let text = self.rng.word(self.texts.positive).to_string();
        say(&mut self.world, customer, reply_at, true, text);
        let asks = self.rng.chance(0.8);
        if !asks {
            self.expect_all(
                "followup",
                wo,
                &["FUT-4.3.1", "FUT-4.3.2", "FUT-6.2", "FUT-6.3"],
                "na",
                day,
            );
            self.expect("followup", wo, "FUT-7.3", "pass", day);
            return;
        }
        let no_link = self.fails(advisor, day, 0.08);
        let reward = self.fails(advisor, day, 0.03);
        let mut text = if no_link {
            self.rng
                .word(self.texts.testimonial_request_no_link)
                .to_string()
        } else {
            fill(
                self.rng.word(self.texts.testimonial_request),
                &[("link", self.texts.review_link)],
            )
        };
        if reward {
            text.push_str(self.rng.word(self.texts.reward_offer));
        }
        let t = reply_at + Duration::minutes(self.rng.range(2, 30));
        say(&mut self.world, customer, t, false, text.clone());
        self.expect("followup", wo, "FUT-4.3.1", "pass", day);
        self.verdict("followup", wo, "FUT-4.3.2", no_link, day);
        self.verdict("followup", wo, "FUT-6.2", reward, day);
        let nag = self.fails(advisor, day, 0.05);
        if nag {
            for k in 1..=2 {
                say(
                    &mut self.world,
                    customer,
                    t + Duration::days(k),
                    false,
                    fill(
                        self.texts.testimonial_request[0],
                        &[("link", self.texts.review_link)],
                    ),
                );
            }
        }
        self.verdict("followup", wo, "FUT-7.3", nag, day);
        let reviews = self.rng.chance(0.5);
        if reviews {
            let rt = t + Duration::minutes(self.rng.range(10, 600));
            let sent = self.rng.word(self.texts.testimonial_sent).to_string();
            say(&mut self.world, customer, rt, true, sent);
            let unanswered = self.fails(advisor, day, 0.15);
            if !unanswered {
                let thanks = self.rng.word(self.texts.testimonial_thanks).to_string();
                let at = biz(self.cal, rt, self.rng.range(5, 200));
                say(&mut self.world, customer, at, false, thanks);
            }
            self.verdict("followup", wo, "FUT-6.3", unanswered, day);
        } else {
            self.expect("followup", wo, "FUT-6.3", "na", day);
        }
    }
}
