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
    /// The part claimed under warranty (after-sales claims).
    pub product: Option<&'static str>,
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

/// The group's branches in the order `--scale K` adds them (K branches): cities in several
/// time zones, the third in WITA, so a scaled sample exercises per-branch calendars. Every
/// branch keeps the same local opening hours, so the simulation's local times hold for each.
const BRANCHES: &[(&str, chrono_tz::Tz)] = &[
    ("Medan", chrono_tz::Asia::Jakarta),
    ("Pekanbaru", chrono_tz::Asia::Jakarta),
    ("Makassar", chrono_tz::Asia::Makassar),
    ("Palembang", chrono_tz::Asia::Jakarta),
    ("Banjarmasin", chrono_tz::Asia::Makassar),
    ("Padang", chrono_tz::Asia::Jakarta),
    ("Balikpapan", chrono_tz::Asia::Makassar),
    ("Jambi", chrono_tz::Asia::Jakarta),
    ("Manado", chrono_tz::Asia::Makassar),
    ("Pontianak", chrono_tz::Asia::Pontianak),
];

/// Advisors per branch: the k-th block of nine advisors is branch k.
pub const ADVISORS_PER_BRANCH: usize = 9;

/// Name and time zone of branch `k`.
pub fn branch(k: usize) -> (String, chrono_tz::Tz) {
    match BRANCHES.get(k) {
        Some((n, tz)) => (n.to_string(), *tz),
        None => (format!("Medan {}", k + 1), chrono_tz::Asia::Jakarta),
    }
}

/// The branch of the advisor with this index.
pub fn branch_of_advisor(advisor: usize) -> (String, chrono_tz::Tz) {
    branch(advisor / ADVISORS_PER_BRANCH)
}

pub const TECHNICIANS: &[&str] = &[
    "Joko", "Agus", "Rudi", "Eko", "Wahyu", "Irfan", "Sahat", "Tigor",
];

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
    /// How this branch's people write.
    pub texts: &'static Texts,
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
        texts: &'static Texts,
    ) -> Self {
        Self {
            texts,
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
        crate::calendar::semester_of(d, 1)
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

    /// `fail` when the planned violation happened, else `pass`.
    fn verdict(
        &mut self,
        kind: &'static str,
        key: &str,
        rule: &'static str,
        failed: bool,
        on: NaiveDate,
    ) {
        self.expect(kind, key, rule, if failed { "fail" } else { "pass" }, on);
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
            let mut add =
                |id: &str, name: &str, chat: &str, role: &'static str, factor: [f64; 2]| {
                    self.world.advisors.push(Advisor {
                        id: format!("{id}{}", suffix.replace(' ', "-")),
                        name: format!("{name}{suffix}"),
                        chat_name: format!("{chat}{suffix}"),
                        role,
                        factor,
                    });
                };
            for (id, name, chat, factor) in sa {
                add(id, name, chat, "SA", factor);
            }
            add("CS-01", "Nadia Lubis", "Nadia", "CS", [1.0, 1.0]);
            add("CS-02", "Yanti Harahap", "Yanti", "CS", [1.0, 1.0]);
            add(
                "SPV-01",
                "Samuel Hutapea",
                "Samuel",
                "Supervisor",
                [0.0, 0.0],
            );
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

mod booking;
mod followup;
mod job;
mod tickets;

pub use job::KSP_ITEMS;
