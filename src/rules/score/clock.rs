//! The three primitives every time-limited rule goes through: `clock` (the time from a start to a
//! stop against a limit), `by_deadline` (a step that must happen by a deadline) and
//! `required_fields`. Elapsed time and deadlines are computed here and nowhere else in the rules
//! (`elapsed`, `deadline`): a reviewer can check with
//! `grep -nE "business_minutes|num_minutes|num_days|operating_day|h_plus|add_business|Duration" src/rules/score`.

use super::judge::{Finding, Judge, Status};
use super::model::Ev;
use chrono::{Duration, NaiveDateTime};

/// The unit a limit is stated in (the catalog's parameter units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Time inside the branch's operating hours.
    BusinessMinutes,
    Minutes,
    Hours,
    /// "within n operating days": by the close of the n-th operating day after the start date.
    OperatingDays,
    /// `H+n`: by 23:59:59 of the n-th calendar day after the start date.
    CalendarDays,
}

impl Unit {
    pub fn name(self) -> &'static str {
        match self {
            Unit::BusinessMinutes => "business_minutes",
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::OperatingDays => "operating_days",
            Unit::CalendarDays => "calendar_days",
        }
    }
}

/// A moment a clock starts or stops at, with what shows it.
#[derive(Clone)]
pub struct Mark<'e> {
    pub at: NaiveDateTime,
    shown_by: Shown<'e>,
}

#[derive(Clone)]
enum Shown<'e> {
    Event(&'e Ev),
    Record(String),
    Nothing,
}

impl<'e> Mark<'e> {
    pub fn event(e: &'e Ev) -> Self {
        Mark {
            at: e.at,
            shown_by: Shown::Event(e),
        }
    }
    /// A time from the case's record (`source`: its file and row).
    pub fn record(at: NaiveDateTime, source: String) -> Self {
        Mark {
            at,
            shown_by: Shown::Record(source),
        }
    }
    pub fn event_or(at: NaiveDateTime, e: Option<&'e Ev>) -> Self {
        Mark {
            at,
            shown_by: e.map_or(Shown::Nothing, Shown::Event),
        }
    }
}

impl Finding {
    fn shown_by(self, mark: &Mark) -> Finding {
        match &mark.shown_by {
            Shown::Event(e) => self.with(e),
            Shown::Record(s) => self.with_source(s.clone()),
            Shown::Nothing => self,
        }
    }
}

impl Judge<'_> {
    /// The time from `t0` to `t1` in `unit`. Operating days: the operating days after `t0`'s date
    /// up to `t1`'s, a closed day counting as the next operating day (so the count exceeds the
    /// limit exactly when `t1` is past `deadline(t0, limit)`). Calendar days: dates apart.
    pub fn elapsed(&self, t0: NaiveDateTime, t1: NaiveDateTime, unit: Unit) -> f64 {
        match unit {
            Unit::BusinessMinutes => self.cal.business_minutes(t0, t1),
            Unit::Minutes => (t1 - t0).num_minutes() as f64,
            Unit::Hours => (t1 - t0).num_minutes() as f64 / 60.0,
            Unit::CalendarDays => (t1.date() - t0.date()).num_days() as f64,
            Unit::OperatingDays => {
                let (d0, d1) = (t0.date(), t1.date());
                let open = d0
                    .iter_days()
                    .skip(1)
                    .take_while(|d| *d <= d1)
                    .filter(|d| self.cal.is_operating_day(*d))
                    .count();
                let closed_end = d1 > d0 && !self.cal.is_operating_day(d1);
                (open + usize::from(closed_end)) as f64
            }
        }
    }

    /// The moment `amount` of `unit` after `t`.
    pub fn deadline(&self, t: NaiveDateTime, amount: f64, unit: Unit) -> NaiveDateTime {
        match unit {
            Unit::BusinessMinutes => self
                .cal
                .add_business(t, Duration::seconds((amount * 60.0) as i64))
                .unwrap_or(t),
            Unit::Minutes => t + Duration::seconds((amount * 60.0) as i64),
            Unit::Hours => t + Duration::seconds((amount * 3600.0) as i64),
            Unit::OperatingDays => self
                .cal
                .end_of_operating_day_after(t.date(), amount.max(0.0) as u32)
                .unwrap_or(t),
            Unit::CalendarDays => crate::calendar::h_plus(t.date(), amount as i64),
        }
    }

    /// The operating days after `d`, in order ("an update on every operating day").
    pub fn operating_days_after(
        &self,
        d: chrono::NaiveDate,
    ) -> impl Iterator<Item = chrono::NaiveDate> + '_ {
        std::iter::successors(Some(d), move |d| {
            self.cal.end_of_operating_day_after(*d, 1).map(|t| t.date())
        })
        .skip(1)
    }

    /// Whether a deadline lies beyond the imported data (the case is open at cut-off).
    pub fn open_at_cutoff(&self, due: NaiveDateTime) -> bool {
        due > self.cutoff
    }

    /// A clock from `start` to `stop` against `limit` in `unit`: pass when it took no more,
    /// fail when it took more (`late` says by how much) or never stopped (`never`), `unknown`
    /// "open at cut-off" when it has not stopped and its deadline lies beyond the data. Always
    /// with the limit, start, deadline and stop, and the evidence of start and stop.
    pub fn clock(
        &self,
        start: &Mark,
        stop: Option<&Mark>,
        limit: f64,
        unit: Unit,
        late: &dyn Fn(f64) -> String,
        never: &str,
    ) -> Finding {
        let due = self.deadline(start.at, limit, unit);
        let f = |status| {
            self.finding(status)
                .limit(limit, unit.name())
                .times(Some(start.at), Some(due), stop.map(|s| s.at))
                .shown_by(start)
        };
        match stop {
            Some(stop) => {
                let took = self.elapsed(start.at, stop.at, unit);
                let ok = took <= limit;
                f(if ok { Status::Pass } else { Status::Fail })
                    .measured(took, unit.name())
                    .because(if ok { String::new() } else { late(took) })
                    .shown_by(stop)
            }
            None if self.open_at_cutoff(due) => f(Status::Unknown).because("open at cut-off"),
            None => f(Status::Fail).because(never),
        }
    }

    /// A clock whose late and missing stops are one failing ("not contacted by …"): `missed`
    /// says it either way.
    pub fn in_time(
        &self,
        start: &Mark,
        stop: Option<&Mark>,
        limit: f64,
        unit: Unit,
        missed: &str,
    ) -> Finding {
        self.clock(start, stop, limit, unit, &|_| missed.to_string(), missed)
    }

    /// A step that must happen by `due` (a time from the calendar, or another step: approval
    /// before the work starts): pass when it was `done` by then, unknown while the deadline lies
    /// beyond the imported data, fail otherwise (late or never, `late` says why). Callers add
    /// the evidence.
    pub fn by_deadline(
        &self,
        started: Option<NaiveDateTime>,
        due: NaiveDateTime,
        done: Option<NaiveDateTime>,
        late: &str,
    ) -> Finding {
        let status = match done {
            Some(d) if d <= due => Status::Pass,
            _ if self.open_at_cutoff(due) => Status::Unknown,
            _ => Status::Fail,
        };
        let f = self.finding(status).times(started, Some(due), done);
        match status {
            Status::Unknown => f.because("open at cut-off"),
            Status::Fail => f.because(late),
            _ => f,
        }
    }

    /// A record that must hold every field: pass when at least the required number (the rule's
    /// parameter `required_fields`) is filled; the reason names the missing ones.
    pub fn required_fields(&self, fields: &[(&str, bool)]) -> Finding {
        let have = fields.iter().filter(|f| f.1).count();
        let required = self.p("required_fields");
        let missing: Vec<&str> = fields.iter().filter(|f| !f.1).map(|f| f.0).collect();
        self.finding(if have as f64 >= required {
            Status::Pass
        } else {
            Status::Fail
        })
        .measured(have as f64, "fields")
        .limit(required, "fields")
        .because(if missing.is_empty() {
            String::new()
        } else {
            format!("missing: {}", missing.join(", "))
        })
        .with_source(self.case.source())
    }
}

/// Of several clocks of one rule on a case (every reply, every status change), the one that
/// decides: the slowest judged one (never stopped counts as slowest); `None` when every clock is
/// still open at cut-off, or there was none.
pub fn slowest(clocks: Vec<Finding>) -> Option<Finding> {
    clocks
        .into_iter()
        .filter(|f| f.status != Status::Unknown)
        // The first of equally slow ones: the earliest that shows it.
        .reduce(|a, b| {
            let took = |f: &Finding| f.measured.unwrap_or(f64::INFINITY);
            if took(&b) > took(&a) { b } else { a }
        })
}
