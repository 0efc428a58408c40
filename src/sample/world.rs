//! The simulated branch: customers, advisors and their cases over the period, with planned
//! violations. Every planned outcome is written down as an expected finding, so the scoring
//! stage can be measured against known answers.

use super::rng::Rng;
use super::text::*;
use crate::calendar::BranchCalendar;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

#[derive(Debug, Clone)]
pub struct Advisor {
    pub id: String,
    pub name: String,
    pub chat_name: String,
    pub role: &'static str,
    /// Violation rate multiplier per semester index (0 = first half of the period).
    pub factor: [f64; 2],
}

#[derive(Debug, Clone)]
pub struct Customer {
    pub name: String,
    /// As the branch wrote it (mixed spellings).
    pub phone_written: String,
    pub phone_e164: String,
    pub plate: String,
    pub vehicle: &'static str,
    /// Saved in the business phone under a name, or only a number.
    pub saved: bool,
}

#[derive(Debug, Clone)]
pub struct Msg {
    pub at: NaiveDateTime,
    pub from_customer: bool,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Booking {
    pub id: String,
    pub created_at: NaiveDateTime,
    pub customer: usize,
    pub vehicle: Option<&'static str>,
    pub service: &'static str,
    pub slot: Option<NaiveDateTime>,
    pub technician: Option<&'static str>,
    pub advisor: usize,
    pub status: &'static str,
    pub reminder_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub wo: String,
    pub customer: usize,
    pub advisor: usize,
    pub technician: &'static str,
    pub statuses: Vec<(&'static str, NaiveDateTime)>,
    pub promised: Option<NaiveDateTime>,
    pub technician_estimate_at: Option<NaiveDateTime>,
    pub additional_work: Option<&'static str>,
    pub approval_at: Option<NaiveDateTime>,
    pub total_cost: i64,
    pub phone_written: String,
}

#[derive(Debug, Clone)]
pub struct Ticket {
    pub id: String,
    pub created_at: NaiveDateTime,
    pub kind: &'static str,
    pub priority: Option<&'static str>,
    pub customer: usize,
    pub advisor: usize,
    pub subject: Option<String>,
    pub first_response_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    pub escalated_at: Option<NaiveDateTime>,
    pub resolution: Option<String>,
    pub satisfaction: Option<u8>,
    pub purchase_date: Option<NaiveDate>,
    pub warranty_status: Option<&'static str>,
    pub warranty_until: Option<NaiveDate>,
    pub shipped_at: Option<NaiveDateTime>,
    pub tracking_no: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ChecklistForm {
    pub sop: &'static str,
    pub operator: String,
    pub date: NaiveDate,
    pub plate: String,
    /// (item text, ticked, note)
    pub items: Vec<(&'static str, bool, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Expected {
    pub case_kind: &'static str,
    pub case_key: String,
    pub rule_id: &'static str,
    pub status: &'static str,
    pub semester: String,
}

#[derive(Default)]
pub struct World {
    pub advisors: Vec<Advisor>,
    pub customers: Vec<Customer>,
    /// Messages per customer, in time order once finished.
    pub chats: Vec<Vec<Msg>>,
    pub bookings: Vec<Booking>,
    pub jobs: Vec<Job>,
    pub tickets: Vec<Ticket>,
    pub checklists: Vec<ChecklistForm>,
    pub expected: Vec<Expected>,
}

/// Branch of the k-th block of nine advisors: `--scale K` makes K branches of the group.
pub fn branch_name(k: usize) -> String {
    const NAMES: &[&str] = &[
        "Medan",
        "Binjai",
        "Pematangsiantar",
        "Tebing Tinggi",
        "Kisaran",
        "Rantau Prapat",
        "Lubuk Pakam",
        "Stabat",
        "Sibolga",
        "Padang Sidempuan",
    ];
    match NAMES.get(k) {
        Some(n) => n.to_string(),
        None => format!("Medan {}", k + 1),
    }
}

pub const TECHNICIANS: &[&str] = &[
    "Joko", "Agus", "Rudi", "Eko", "Wahyu", "Irfan", "Sahat", "Tigor",
];
pub const BUSINESS_NAME: &str = "GSI Medan";
pub const REVIEW_LINK: &str = "https://g.page/r/gema-sehat-medan/review";

/// BKG checklist items as in the SOP form (FORM CHECKLIST, section 8).
pub const BKG_ITEMS: &[&str] = &[
    "Perangkat komunikasi aktif dan siap digunakan",
    "Data pelanggan dicatat lengkap",
    "Jenis layanan/keluhan tercatat dengan jelas",
    "Jadwal booking dikonfirmasi ke pelanggan",
    "Booking dimasukkan ke sistem/kalendar harian",
    "Bukti booking dikirim ke pelanggan",
    "Reminder H-1 dikirim ke pelanggan",
];

pub struct Sim<'a> {
    pub rng: Rng,
    pub cal: &'a BranchCalendar,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub scale: u32,
    pub world: World,
    /// (technician, slot) already booked, for BKG-4.1.4.
    booked: std::collections::HashMap<(&'static str, NaiveDateTime), Vec<usize>>,
}

pub fn fmt_slot(t: NaiveDateTime) -> String {
    const DAYS: [&str; 7] = [
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
    ];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    format!(
        "{} {} {} jam {}",
        DAYS[t.weekday().num_days_from_monday() as usize],
        t.day(),
        MONTHS[t.month0() as usize],
        t.format("%H.%M")
    )
}

pub fn rupiah(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A promised time as an advisor writes it, relative to when it is written: "jam 15.30",
/// "besok jam 10.00", or "Kamis 16 Jan jam 10.00" further ahead.
fn when(written: NaiveDateTime, at: NaiveDateTime) -> String {
    if at.date() == written.date() {
        format!("jam {}", at.format("%H.%M"))
    } else if Some(at.date()) == written.date().succ_opt() {
        format!("besok jam {}", at.format("%H.%M"))
    } else {
        fmt_slot(at)
    }
}

/// `t` plus `minutes` of business time.
fn biz(cal: &BranchCalendar, t: NaiveDateTime, minutes: i64) -> NaiveDateTime {
    cal.add_business(t, Duration::minutes(minutes))
        .expect("calendar has operating time")
}

/// Greetings fit the hour they are sent at: `{waktu}` becomes pagi, siang, sore or malam.
fn say(world: &mut World, customer: usize, at: NaiveDateTime, from_customer: bool, text: String) {
    use chrono::Timelike;
    let waktu = match at.hour() {
        0..=10 => "pagi",
        11..=14 => "siang",
        15..=17 => "sore",
        _ => "malam",
    };
    let mut capital = waktu.to_string();
    capital[..1].make_ascii_uppercase();
    let mut text = text.replace("{waktu}", waktu).replace("{Waktu}", &capital);
    if from_customer {
        text = casual(&text, at.minute() as usize + text.len());
    }
    world.chats[customer].push(Msg {
        at,
        from_customer,
        text,
    });
}

/// Customers write as on a phone: some shorten words (sy, yg, bsk, tgl, jm, gk), some type in
/// lower case, some drop the last punctuation or slip a letter. `salt` picks the habits.
fn casual(text: &str, salt: usize) -> String {
    let mut t = text.to_string();
    if salt.is_multiple_of(3) {
        for (long, short) in [
            ("saya", "sy"),
            ("yang", "yg"),
            ("besok", "bsk"),
            ("tanggal", "tgl"),
            (" jam ", " jm "),
            ("tidak", "gk"),
            ("sudah", "udh"),
            ("terima kasih", "trims"),
        ] {
            t = t.replace(long, short);
        }
    }
    if salt % 4 == 1 {
        t = t.to_lowercase();
    }
    if salt % 5 == 2 {
        t = t.trim_end_matches(['.', '?', '!']).to_string();
    }
    if salt % 11 == 7 {
        // A slipped letter: "servis" -> "sevris".
        if let Some(i) = t.find("servis") {
            t.replace_range(i..i + 6, "sevris");
        } else if let Some(i) = t.find("mobil") {
            t.replace_range(i..i + 5, "mobli");
        }
    }
    t
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in pairs {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

impl<'a> Sim<'a> {
    pub fn new(
        seed: u64,
        cal: &'a BranchCalendar,
        from: NaiveDate,
        to: NaiveDate,
        scale: u32,
    ) -> Self {
        Self {
            rng: Rng::new(seed),
            cal,
            from,
            to,
            scale,
            world: World::default(),
            booked: Default::default(),
        }
    }

    /// Semester label of a date, with semester 1 = January–June.
    pub fn semester(d: NaiveDate) -> String {
        format!("{}-H{}", d.year(), if d.month() <= 6 { 1 } else { 2 })
    }

    fn half(&self, d: NaiveDate) -> usize {
        usize::from(d.month() > 6)
    }

    fn expect(
        &mut self,
        kind: &'static str,
        key: &str,
        rule: &'static str,
        status: &'static str,
        on: NaiveDate,
    ) {
        self.world.expected.push(Expected {
            case_kind: kind,
            case_key: key.to_string(),
            rule_id: rule,
            status,
            semester: Self::semester(on),
        });
    }

    fn expect_all(
        &mut self,
        kind: &'static str,
        key: &str,
        rules: &[&'static str],
        status: &'static str,
        on: NaiveDate,
    ) {
        for rule in rules {
            self.expect(kind, key, rule, status, on);
        }
    }

    /// A planned violation: the rule's base rate times the advisor's factor, tuned so that about
    /// one case in five breaks some rule.
    fn fails(&mut self, advisor: usize, on: NaiveDate, base: f64) -> bool {
        const TUNE: f64 = 0.5;
        let f = self.world.advisors[advisor].factor[self.half(on)];
        self.rng.chance((base * f * TUNE).min(0.9))
    }

    pub fn people(&mut self) {
        let sa = [
            ("SA-01", "Rina Marpaung", "Rina", [0.3, 0.3]),
            ("SA-02", "Dewi Sitorus", "Dewi", [0.6, 0.6]),
            ("SA-03", "Hendra Lubis", "Hendra", [1.0, 1.0]),
            ("SA-04", "Fajar Siregar", "Fajar", [1.0, 1.2]),
            ("SA-05", "Intan Nasution", "Intan", [1.8, 1.8]),
            // Gets worse in the second half.
            ("SA-06", "Teguh Pardede", "Teguh", [0.7, 3.0]),
        ];
        for k in 0..self.scale {
            let suffix = if k == 0 {
                String::new()
            } else {
                format!(" {}", k + 1)
            };
            for (id, name, chat, factor) in sa {
                self.world.advisors.push(Advisor {
                    id: format!("{id}{}", suffix.replace(' ', "-")),
                    name: format!("{name}{suffix}"),
                    chat_name: format!("{chat}{suffix}"),
                    role: "SA",
                    factor,
                });
            }
            for (id, name, chat) in [
                ("CS-01", "Nadia Lubis", "Nadia"),
                ("CS-02", "Yanti Harahap", "Yanti"),
            ] {
                self.world.advisors.push(Advisor {
                    id: format!("{id}{}", suffix.replace(' ', "-")),
                    name: format!("{name}{suffix}"),
                    chat_name: format!("{chat}{suffix}"),
                    role: "CS",
                    factor: [1.0, 1.0],
                });
            }
            self.world.advisors.push(Advisor {
                id: format!("SPV-01{}", suffix.replace(' ', "-")),
                name: format!("Samuel Hutapea{suffix}"),
                chat_name: format!("Samuel{suffix}"),
                role: "Supervisor",
                factor: [0.0, 0.0],
            });
        }
    }

    fn new_customer(&mut self) -> usize {
        let name = format!(
            "{} {}",
            self.rng.word(FIRST_NAMES),
            self.rng.word(LAST_NAMES)
        );
        let digits = format!(
            "8{}{}",
            self.rng
                .pick(&["12", "13", "21", "22", "52", "53", "77", "78", "95"]),
            self.rng.range(1_000_000, 99_999_999)
        );
        let e164 = format!("+62{digits}");
        let written = match self.rng.range(0, 4) {
            0 => format!("0{digits}"),
            1 => format!("0{}-{}-{}", &digits[..3], &digits[3..7], &digits[7..]),
            2 => format!("62{digits}"),
            3 => format!("+62 {} {} {}", &digits[..3], &digits[3..7], &digits[7..]),
            _ => format!("'0{digits}"),
        };
        let area = if self.rng.chance(0.85) {
            "BK"
        } else {
            *self.rng.pick(&["BB", "BL", "BA", "BM", "B", "D"])
        };
        let suffix: String = (0..self.rng.range(1, 3))
            .map(|_| (b'A' + self.rng.range(0, 25) as u8) as char)
            .collect();
        let plate = format!("{area} {} {suffix}", self.rng.range(1, 9999));
        let vehicle = self.rng.word(VEHICLES);
        let saved = self.rng.chance(0.7);
        self.world.customers.push(Customer {
            name,
            phone_written: written,
            phone_e164: e164,
            plate,
            vehicle,
            saved,
        });
        self.world.chats.push(Vec::new());
        self.world.customers.len() - 1
    }

    fn random_day(&mut self) -> NaiveDate {
        let days = (self.to - self.from).num_days().max(1);
        loop {
            let d = self.from + Duration::days(self.rng.range(0, days - 10));
            if self.cal.is_operating_day(d) {
                return d;
            }
        }
    }

    fn time_on(&mut self, d: NaiveDate, from_h: i64, to_h: i64) -> NaiveDateTime {
        d.and_time(
            NaiveTime::from_hms_opt(
                self.rng.range(from_h, to_h) as u32,
                self.rng.range(0, 59) as u32,
                0,
            )
            .expect("valid time"),
        )
    }

    fn sa(&mut self) -> usize {
        // SAs are the first six of every block of nine advisors.
        let block = self.rng.range(0, i64::from(self.scale) - 1) as usize * 9;
        block + self.rng.range(0, 5) as usize
    }

    fn cs(&mut self) -> usize {
        let block = self.rng.range(0, i64::from(self.scale) - 1) as usize * 9;
        block + 6 + self.rng.range(0, 1) as usize
    }
}

impl Sim<'_> {
    /// One booking conversation and record, and what follows from it (a job or a no-show).
    pub fn booking(&mut self, n: usize) {
        let customer = if !self.world.customers.is_empty() && self.rng.chance(0.15) {
            self.rng.range(0, self.world.customers.len() as i64 - 1) as usize
        } else {
            self.new_customer()
        };
        let advisor = self.sa();
        let day = self.random_day();
        let id = format!("BKG-{}-{:05}", day.format("%y%m"), n + 1);
        // 10% of first messages arrive outside operating hours: the clock starts at opening.
        let t0 = if self.rng.chance(0.1) {
            self.time_on(day, 17, 21)
        } else {
            self.time_on(day, 8, 16)
        };
        let c = self.world.customers[customer].clone();
        let adv_name = self.world.advisors[advisor].chat_name.clone();
        let service = self.rng.word(SERVICES);
        let ahead = self.rng.range(1, 7) as u32;
        let first_day = self
            .cal
            .end_of_operating_day_after(day, ahead)
            .expect("calendar")
            .date();
        let asked = self.time_on(first_day, 8, 14).with_minute0();
        let greet = fill(
            self.rng.word(CUSTOMER_GREETING),
            &[("day", "besok"), ("hour", &asked.format("%H").to_string())],
        );
        say(&mut self.world, customer, t0, true, greet);

        // BKG-4.1.2: first reply within 5 business minutes (some exactly at the limit).
        let late = self.fails(advisor, day, 0.05);
        let delay = if late {
            self.rng.range(6, 45)
        } else if self.rng.chance(0.05) {
            5
        } else {
            self.rng.range(0, 4)
        };
        let reply = biz(self.cal, t0, delay);
        self.expect(
            "booking",
            &id,
            "BKG-4.1.2",
            if late { "fail" } else { "pass" },
            day,
        );
        let text = fill(
            self.rng.word(ADVISOR_FIRST_REPLY),
            &[("advisor", &adv_name)],
        );
        say(&mut self.world, customer, reply, false, text);

        // BKG-6.2: no excessive personal data.
        let nosy = self.fails(advisor, day, 0.02);
        self.expect(
            "booking",
            &id,
            "BKG-6.2",
            if nosy { "fail" } else { "pass" },
            day,
        );
        let mut t = reply + Duration::minutes(self.rng.range(2, 12));

        // BKG-4.3: the asked slot may be full.
        let full = self.rng.chance(0.1);
        let mut slot = asked;
        let mut pending = false;
        if full {
            let offers = !self.fails(advisor, day, 0.25);
            self.expect(
                "booking",
                &id,
                "BKG-4.3",
                if offers { "pass" } else { "fail" },
                day,
            );
            let data = fill(
                self.rng.word(CUSTOMER_DATA),
                &[
                    ("name", &c.name),
                    ("plate", &c.plate),
                    ("vehicle", c.vehicle),
                    ("service", service),
                    ("slot", &fmt_slot(asked)),
                ],
            );
            say(&mut self.world, customer, t, true, data);
            t = biz(self.cal, t, self.rng.range(1, 4));
            if offers {
                slot = asked + Duration::hours(2);
                let text = fill(
                    self.rng.word(SLOT_FULL_WITH_ALTERNATIVE),
                    &[("asked", &fmt_slot(asked)), ("slot", &fmt_slot(slot))],
                );
                say(&mut self.world, customer, t, false, text);
                t += Duration::minutes(self.rng.range(2, 20));
                let ok = self.rng.word(CUSTOMER_ACCEPT).to_string();
                say(&mut self.world, customer, t, true, ok);
            } else {
                let text = fill(
                    self.rng.word(SLOT_FULL_NO_ALTERNATIVE),
                    &[("asked", &fmt_slot(asked))],
                );
                say(&mut self.world, customer, t, false, text);
                pending = true;
            }
        } else {
            self.expect("booking", &id, "BKG-4.3", "na", day);
            let data = fill(
                self.rng.word(CUSTOMER_DATA),
                &[
                    ("name", &c.name),
                    ("plate", &c.plate),
                    ("vehicle", c.vehicle),
                    ("service", service),
                    ("slot", &fmt_slot(asked)),
                ],
            );
            say(&mut self.world, customer, t, true, data);
        }
        if nosy {
            t = biz(self.cal, t, self.rng.range(1, 3));
            let text = self.rng.word(PERSONAL_DATA_REQUEST).to_string();
            say(&mut self.world, customer, t, false, text);
        }

        // BKG-7.1: a customer question answered within 60 business minutes.
        let asks = self.rng.chance(0.4);
        if asks {
            t += Duration::minutes(self.rng.range(1, 3));
            let q = self.rng.range(0, CUSTOMER_QUESTION.len() as i64 - 1) as usize;
            say(
                &mut self.world,
                customer,
                t,
                true,
                CUSTOMER_QUESTION[q].to_string(),
            );
            let ignored = self.fails(advisor, day, 0.1);
            t = biz(
                self.cal,
                t,
                if ignored {
                    self.rng.range(75, 240)
                } else {
                    self.rng.range(1, 50)
                },
            );
            say(
                &mut self.world,
                customer,
                t,
                false,
                ADVISOR_ANSWER[q].to_string(),
            );
            self.expect(
                "booking",
                &id,
                "BKG-7.1",
                if ignored { "fail" } else { "pass" },
                day,
            );
        } else {
            self.expect("booking", &id, "BKG-7.1", "pass", day);
        }

        let technician = if pending {
            None
        } else {
            Some(self.assign_technician(slot, self.world.bookings.len(), advisor, day))
        };
        // BKG-4.2.1: confirmation with the details.
        let confirmed = !pending && !self.fails(advisor, day, 0.04);
        if pending {
            self.expect("booking", &id, "BKG-4.2.1", "na", day);
        } else {
            self.expect(
                "booking",
                &id,
                "BKG-4.2.1",
                if confirmed { "pass" } else { "fail" },
                day,
            );
        }
        if confirmed {
            t = biz(self.cal, t, self.rng.range(2, 15));
            let text = fill(
                self.rng.word(CONFIRMATION),
                &[
                    ("name", &c.name),
                    ("plate", &c.plate),
                    ("vehicle", c.vehicle),
                    ("service", service),
                    ("slot", &fmt_slot(slot)),
                ],
            );
            say(&mut self.world, customer, t, false, text);
            let ack = self.rng.word(ACK).to_string();
            say(
                &mut self.world,
                customer,
                t + Duration::minutes(self.rng.range(1, 30)),
                true,
                ack,
            );
        } else if !pending {
            // No confirmation with details, but the customer's data is still answered (BKG-7.1).
            t = biz(self.cal, t, self.rng.range(2, 15));
            say(
                &mut self.world,
                customer,
                t,
                false,
                "Baik, sudah kami catat ya".into(),
            );
        }

        // BKG-4.1.3: the record holds all six fields.
        let incomplete = self.fails(advisor, day, 0.05);
        self.expect(
            "booking",
            &id,
            "BKG-4.1.3",
            if incomplete { "fail" } else { "pass" },
            day,
        );
        // BKG-4.2.2: the recorded slot equals the slot agreed in chat.
        let wrong_slot = !pending && self.fails(advisor, day, 0.04);
        // A pending booking keeps the slot the customer asked for.
        let recorded_slot = if pending {
            Some(asked)
        } else if wrong_slot {
            Some(slot + Duration::hours(1))
        } else {
            Some(slot)
        };
        if pending {
            self.expect("booking", &id, "BKG-4.2.2", "na", day);
        } else {
            self.expect(
                "booking",
                &id,
                "BKG-4.2.2",
                if wrong_slot { "fail" } else { "pass" },
                day,
            );
        }

        // BKG-4.2.3: the H-1 reminder.
        let mut reminder_at = None;
        if pending {
            self.expect("booking", &id, "BKG-4.2.3", "na", day);
        } else {
            let (from, to) = self.cal.reminder_window(slot.date()).expect("calendar");
            if t >= from {
                self.expect("booking", &id, "BKG-4.2.3", "na", day);
            } else if self.fails(advisor, day, 0.06) {
                self.expect("booking", &id, "BKG-4.2.3", "fail", day);
            } else {
                let at = from
                    .date()
                    .and_hms_opt(15, self.rng.range(0, 59) as u32, 0)
                    .expect("time")
                    .min(to);
                let text = fill(
                    self.rng.word(REMINDER),
                    &[
                        ("plate", &c.plate),
                        ("slot", &slot.format("%H.%M").to_string()),
                        ("vehicle", c.vehicle),
                    ],
                );
                say(&mut self.world, customer, at, false, text);
                reminder_at = Some(at);
                self.expect("booking", &id, "BKG-4.2.3", "pass", day);
            }
        }

        // Arrival or no-show.
        let arrives = !pending && self.rng.chance(0.88);
        let status = if pending {
            "Pending"
        } else if arrives {
            let stale = self.fails(advisor, day, 0.04);
            self.expect(
                "booking",
                &id,
                "BKG-4.4.3",
                if stale { "fail" } else { "pass" },
                day,
            );
            self.expect("booking", &id, "BKG-8.5", "na", day);
            if stale { "Terkonfirmasi" } else { "Datang" }
        } else {
            self.expect("booking", &id, "BKG-4.4.3", "na", day);
            if !pending {
                let contacted = !self.fails(advisor, day, 0.2);
                self.expect(
                    "booking",
                    &id,
                    "BKG-8.5",
                    if contacted { "pass" } else { "fail" },
                    day,
                );
                if contacted {
                    let at = slot + Duration::minutes(self.rng.range(60, 120));
                    let text = self.rng.word(NOSHOW_CONTACT).to_string();
                    say(&mut self.world, customer, at, false, text);
                }
            }
            "Tidak Datang"
        };
        if pending {
            self.expect("booking", &id, "BKG-8.5", "na", day);
        }
        self.world.bookings.push(Booking {
            id: id.clone(),
            // Entered in the booking system when it was agreed.
            created_at: t,
            customer,
            vehicle: if incomplete { None } else { Some(c.vehicle) },
            service,
            slot: recorded_slot,
            technician,
            advisor,
            status,
            reminder_at,
        });
        if !pending && self.rng.chance(0.1) {
            // The reminder item is contradicted when no reminder was sent in its window.
            let no_reminder = reminder_at.is_none();
            self.checklist("BKG", advisor, day, &c.plate, &id, no_reminder.then_some(6));
        }
        if arrives {
            let check_in = slot + Duration::minutes(self.rng.range(-10, 15));
            self.job(
                customer,
                advisor,
                check_in,
                technician.unwrap_or("Joko"),
                Some(&id),
            );
        }
    }

    /// A free technician for the slot; sometimes (a planted BKG-4.1.4 violation) a busy one.
    fn assign_technician(
        &mut self,
        slot: NaiveDateTime,
        booking: usize,
        advisor: usize,
        day: NaiveDate,
    ) -> &'static str {
        let double = self.fails(advisor, day, 0.05);
        let busy: Vec<&'static str> = TECHNICIANS
            .iter()
            .copied()
            .filter(|t| self.booked.contains_key(&(*t, slot)))
            .collect();
        let tech = if double && !busy.is_empty() {
            *self.rng.pick(&busy)
        } else {
            let free: Vec<&'static str> = TECHNICIANS
                .iter()
                .copied()
                .filter(|t| !self.booked.contains_key(&(*t, slot)))
                .collect();
            if free.is_empty() {
                TECHNICIANS[0]
            } else {
                *self.rng.pick(&free)
            }
        };
        self.booked.entry((tech, slot)).or_default().push(booking);
        tech
    }

    /// BKG-4.1.4 once every booking has its technician: overlapping slots fail all involved.
    pub fn technician_findings(&mut self) {
        // Judged on the booking record as written (a mistyped slot can clash too): two bookings of
        // one technician clash when their slots overlap by any minute.
        let slot_len = Duration::minutes(60);
        let mut by_tech: std::collections::HashMap<&'static str, Vec<(NaiveDateTime, usize)>> =
            Default::default();
        for (i, b) in self.world.bookings.iter().enumerate() {
            if let (Some(tech), Some(slot), false) = (b.technician, b.slot, b.status == "Pending") {
                by_tech.entry(tech).or_default().push((slot, i));
            }
        }
        let mut clash = std::collections::HashSet::new();
        for list in by_tech.values_mut() {
            list.sort();
            for w in list.windows(2) {
                if w[1].0 < w[0].0 + slot_len {
                    clash.insert(w[0].1);
                    clash.insert(w[1].1);
                }
            }
        }
        let rows: Vec<(String, &'static str, NaiveDate)> = self
            .world
            .bookings
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let status = if b.technician.is_none() || b.status == "Pending" {
                    "na"
                } else if clash.contains(&i) {
                    "fail"
                } else {
                    "pass"
                };
                (b.id.clone(), status, b.created_at.date())
            })
            .collect();
        for (id, status, day) in rows {
            self.expect("booking", &id, "BKG-4.1.4", status, day);
        }
    }
}

trait Minute0 {
    fn with_minute0(self) -> Self;
}

impl Minute0 for NaiveDateTime {
    fn with_minute0(self) -> Self {
        self.date()
            .and_hms_opt(
                self.time().format("%H").to_string().parse().unwrap_or(9),
                0,
                0,
            )
            .expect("valid")
    }
}

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
        self.expect(
            "job",
            &wo,
            "KSP-6.3",
            if silent { "fail" } else { "pass" },
            day,
        );

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
                    self.rng.word(APPROVAL_REQUEST),
                    &[("part", "kampas rem"), ("cost", &part_cost)],
                );
                say(&mut self.world, customer, request_at, false, text);
                sent.push(request_at);
                let ok = self.rng.word(APPROVAL).to_string();
                say(
                    &mut self.world,
                    customer,
                    approval_at.expect("extra work has an approval time"),
                    true,
                    ok,
                );
            }
            self.expect(
                "job",
                &wo,
                "KSP-4.1.1",
                if info_late { "fail" } else { "pass" },
                day,
            );
            let finding = self.rng.word(FINDINGS);
            let mut text = fill(
                self.rng.word(DIAGNOSIS),
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
            self.expect(
                "job",
                &wo,
                "KSP-6.4",
                if promise_early { "fail" } else { "pass" },
                day,
            );
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
                    let text = self.rng.word(PROGRESS).to_string();
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
                    let pool = if apologise { DELAY_GOOD } else { DELAY_BARE };
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
                    self.expect(
                        "job",
                        &wo,
                        "KSP-4.4.2",
                        if apologise { "pass" } else { "fail" },
                        day,
                    );
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
                self.rng.word(COMPLETION),
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
            self.expect(
                "job",
                &wo,
                "KSP-7.2",
                if early { "fail" } else { "pass" },
                day,
            );
            let thanks = self.rng.word(ACK).to_string();
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

    /// FUT: the follow-up after a completed job.
    fn followup(
        &mut self,
        wo: &str,
        customer: usize,
        advisor: usize,
        done: NaiveDateTime,
        phone_ok: bool,
        silent: bool,
    ) {
        let day = done.date();
        self.expect(
            "followup",
            wo,
            "FUT-4.1.2",
            if phone_ok { "pass" } else { "fail" },
            day,
        );
        if silent {
            self.expect_all(
                "followup",
                wo,
                &[
                    "FUT-5.1",
                    "FUT-4.2.2",
                    "FUT-4.3.1",
                    "FUT-4.3.2",
                    "FUT-6.2",
                    "FUT-7.3",
                    "FUT-6.3",
                    "FUT-8.4",
                    "FUT-4.2.3",
                ],
                "unknown",
                day,
            );
            return;
        }
        let none = self.fails(advisor, day, 0.04);
        let late = !none && self.fails(advisor, day, 0.06);
        if none {
            self.expect("followup", wo, "FUT-5.1", "fail", day);
            self.expect_all(
                "followup",
                wo,
                &[
                    "FUT-4.2.2",
                    "FUT-4.3.1",
                    "FUT-4.3.2",
                    "FUT-6.2",
                    "FUT-7.3",
                    "FUT-6.3",
                    "FUT-8.4",
                    "FUT-4.2.3",
                ],
                "na",
                day,
            );
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
            self.expect_all(
                "followup",
                wo,
                &[
                    "FUT-4.3.1",
                    "FUT-4.3.2",
                    "FUT-6.2",
                    "FUT-7.3",
                    "FUT-6.3",
                    "FUT-8.4",
                    "FUT-4.2.3",
                ],
                "na",
                day,
            );
            return;
        }
        self.expect(
            "followup",
            wo,
            "FUT-5.1",
            if late { "fail" } else { "pass" },
            day,
        );
        self.expect("followup", wo, "FUT-4.2.2", "pass", day);
        let text = self.rng.word(FOLLOWUP).to_string();
        say(&mut self.world, customer, at, false, text);
        let answers = self.rng.chance(0.85);
        if !answers {
            let second = !self.fails(advisor, day, 0.3);
            self.expect(
                "followup",
                wo,
                "FUT-8.4",
                if second { "pass" } else { "fail" },
                day,
            );
            if second {
                let again = self.rng.word(SECOND_FOLLOWUP).to_string();
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
            let text = self.rng.word(COMPLAINT).to_string();
            say(&mut self.world, customer, reply_at, true, text);
            let ignored = self.fails(advisor, day, 0.25);
            self.expect(
                "followup",
                wo,
                "FUT-4.2.3",
                if ignored { "fail" } else { "pass" },
                day,
            );
            if !ignored {
                let answer = self.rng.word(COMPLAINT_ANSWER).to_string();
                let t = biz(self.cal, reply_at, self.rng.range(10, 300));
                say(&mut self.world, customer, t, false, answer);
            }
            // A testimonial request after a complaint is pushy (FUT-7.3) and not after a positive answer.
            let pushy = self.fails(advisor, day, 0.2);
            if pushy {
                let t = biz(self.cal, reply_at, 400);
                let text = fill(self.rng.word(TESTIMONIAL_REQUEST), &[("link", REVIEW_LINK)]);
                say(&mut self.world, customer, t, false, text);
            }
            self.expect(
                "followup",
                wo,
                "FUT-7.3",
                if pushy { "fail" } else { "pass" },
                day,
            );
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
        let text = self.rng.word(POSITIVE).to_string();
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
            self.rng.word(TESTIMONIAL_REQUEST_NO_LINK).to_string()
        } else {
            fill(self.rng.word(TESTIMONIAL_REQUEST), &[("link", REVIEW_LINK)])
        };
        if reward {
            text.push_str(self.rng.word(REWARD_OFFER));
        }
        let t = reply_at + Duration::minutes(self.rng.range(2, 30));
        say(&mut self.world, customer, t, false, text.clone());
        self.expect("followup", wo, "FUT-4.3.1", "pass", day);
        self.expect(
            "followup",
            wo,
            "FUT-4.3.2",
            if no_link { "fail" } else { "pass" },
            day,
        );
        self.expect(
            "followup",
            wo,
            "FUT-6.2",
            if reward { "fail" } else { "pass" },
            day,
        );
        let nag = self.fails(advisor, day, 0.05);
        if nag {
            for k in 1..=2 {
                say(
                    &mut self.world,
                    customer,
                    t + Duration::days(k),
                    false,
                    fill(TESTIMONIAL_REQUEST[0], &[("link", REVIEW_LINK)]),
                );
            }
        }
        self.expect(
            "followup",
            wo,
            "FUT-7.3",
            if nag { "fail" } else { "pass" },
            day,
        );
        let reviews = self.rng.chance(0.5);
        if reviews {
            let rt = t + Duration::minutes(self.rng.range(10, 600));
            let sent = self.rng.word(TESTIMONIAL_SENT).to_string();
            say(&mut self.world, customer, rt, true, sent);
            let unanswered = self.fails(advisor, day, 0.15);
            if !unanswered {
                let thanks = self.rng.word(TESTIMONIAL_THANKS).to_string();
                let at = biz(self.cal, rt, self.rng.range(5, 200));
                say(&mut self.world, customer, at, false, thanks);
            }
            self.expect(
                "followup",
                wo,
                "FUT-6.3",
                if unanswered { "fail" } else { "pass" },
                day,
            );
        } else {
            self.expect("followup", wo, "FUT-6.3", "na", day);
        }
    }

    /// A filled SOP checklist form for a case (CHK-complete: an unticked item needs a note).
    fn checklist(
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
        let consistent = match contradicted {
            Some(_) if !honest => "fail",
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
        let q = self.rng.range(0, INQUIRY_QUESTION.len() as i64 - 1) as usize;
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
            INQUIRY_QUESTION[q].to_string(),
        );
        let limit = match kind {
            "teknis" => 30,
            _ => 15,
        };
        let late = self.fails(advisor, day, 0.08);
        let first = biz(
            self.cal,
            t0,
            if late {
                self.rng.range(limit + 1, limit * 4)
            } else {
                self.rng.range(1, limit)
            },
        );
        self.expect(
            "inquiry",
            &id,
            "INQ-T3.sla",
            if late { "fail" } else { "pass" },
            day,
        );
        let name = self.world.advisors[advisor].chat_name.clone();
        let greets = !self.fails(advisor, day, 0.08);
        let greet = if greets {
            fill(self.rng.word(INQUIRY_GREET), &[("advisor", &name)])
        } else {
            self.rng.word(INQUIRY_NO_GREET).to_string()
        };
        say(&mut self.world, customer, first, false, greet);
        self.expect(
            "inquiry",
            &id,
            "INQ-T1.greet",
            if greets { "pass" } else { "fail" },
            day,
        );
        let answer = fill(
            self.rng.word(INQUIRY_ANSWER),
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
                let text = self.rng.word(INQUIRY_ETA).to_string();
                say(
                    &mut self.world,
                    customer,
                    first + Duration::minutes(1),
                    false,
                    text,
                );
            }
            self.expect(
                "inquiry",
                &id,
                "INQ-T3.eta",
                if eta { "pass" } else { "fail" },
                day,
            );
        }
        say(&mut self.world, customer, resolved, false, answer);
        self.expect(
            "inquiry",
            &id,
            "INQ-T5.resolve",
            if slow { "fail" } else { "pass" },
            day,
        );
        let closes = !self.fails(advisor, day, 0.1);
        if closes {
            let ok = self.rng.word(ACK).to_string();
            say(
                &mut self.world,
                customer,
                resolved + Duration::minutes(self.rng.range(1, 30)),
                true,
                ok,
            );
            let bye = self.rng.word(INQUIRY_CLOSE).to_string();
            say(
                &mut self.world,
                customer,
                resolved + Duration::minutes(self.rng.range(31, 40)),
                false,
                bye,
            );
        }
        self.expect(
            "inquiry",
            &id,
            "INQ-T5.close",
            if closes { "pass" } else { "fail" },
            day,
        );
        let unclassified = self.fails(advisor, day, 0.1);
        self.expect(
            "inquiry",
            &id,
            "INQ-T2.classify",
            if unclassified { "fail" } else { "pass" },
            day,
        );
        let no_question = self.fails(advisor, day, 0.1);
        self.expect(
            "inquiry",
            &id,
            "INQ-T1.record",
            if no_question { "fail" } else { "pass" },
            day,
        );
        let undocumented = self.fails(advisor, day, 0.1);
        self.expect(
            "inquiry",
            &id,
            "INQ-T6.doc",
            if undocumented { "fail" } else { "pass" },
            day,
        );
        let escalated = !solved_now && kind != "umum" && self.rng.chance(0.5);
        let mut escalated_at = None;
        if escalated {
            let at = first + Duration::minutes(self.rng.range(10, 60));
            escalated_at = Some(at);
            let silent = self.fails(advisor, day, 0.35);
            if !silent {
                let mut d = at.date();
                while let Some(next) = self.cal.end_of_operating_day_after(d, 1) {
                    if next.date() >= resolved.date() {
                        break;
                    }
                    d = next.date();
                    let text = self.rng.word(UPDATE_ESCALATED).to_string();
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
            self.expect(
                "inquiry",
                &id,
                "INQ-T4.updates",
                if silent { "fail" } else { "pass" },
                day,
            );
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
                Some(INQUIRY_QUESTION[q].to_string())
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
        let text = self.rng.word(AFTERSALES_COMPLAINT).to_string();
        say(&mut self.world, customer, t0, true, text);
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
            fill(self.rng.word(TICKET_NUMBER), &[("ticket", &id)]),
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
        self.expect(
            "aftersales",
            &id,
            "PJL-T2.warranty",
            if wrong { "fail" } else { "pass" },
            day,
        );
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
                self.rng.word(WARRANTY_INFO),
                &[("status", &recorded.to_lowercase())],
            ),
        );
        self.expect(
            "aftersales",
            &id,
            "PJL-T2.inform",
            if inform_late { "fail" } else { "pass" },
            day,
        );
        let slow = self.fails(advisor, day, 0.2);
        let resolved = self
            .cal
            .end_of_operating_day_after(day, if slow { 10 } else { 5 })
            .expect("calendar")
            - Duration::hours(8);
        self.expect(
            "aftersales",
            &id,
            "PJL-T3.sla",
            if slow { "fail" } else { "pass" },
            day,
        );
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
                    fill(self.rng.word(SHIPPING), &[("resi", &resi)]),
                );
            }
            self.expect(
                "aftersales",
                &id,
                "PJL-T4.ship",
                if told { "pass" } else { "fail" },
                day,
            );
            (Some(at), Some(resi))
        } else {
            self.expect("aftersales", &id, "PJL-T4.ship", "na", day);
            (None, None)
        };
        let followed = !self.fails(advisor, day, 0.25);
        if followed {
            let t = resolved + Duration::days(self.rng.range(1, 3));
            let text = self.rng.word(AFTERSALES_FOLLOWUP).to_string();
            say(&mut self.world, customer, t, false, text);
            let ok = self.rng.word(POSITIVE).to_string();
            say(
                &mut self.world,
                customer,
                t + Duration::minutes(20),
                true,
                ok,
            );
        }
        self.expect(
            "aftersales",
            &id,
            "PJL-T5.followup",
            if followed { "pass" } else { "fail" },
            day,
        );
        let csat = !self.fails(advisor, day, 0.25);
        self.expect(
            "aftersales",
            &id,
            "PJL-T5.csat",
            if csat { "pass" } else { "fail" },
            day,
        );
        let thin = self.fails(advisor, day, 0.2);
        self.expect(
            "aftersales",
            &id,
            "PJL-T1.record",
            if thin { "fail" } else { "pass" },
            day,
        );
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
                Some(AFTERSALES_COMPLAINT[0].to_string())
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
