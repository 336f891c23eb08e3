//! The demo district's KPI catalog and task log (004, SPEC section 4).
//!
//! **Catalog**: every unit of the demo gets the catalog of its kind of office
//! (module `tasks`): 10–25 standard tasks in 3–5 work areas, long ones split
//! into 2–3 steps with their own products. The units repeated with a ward's
//! name at large sizes share their office's catalog.
//!
//! **Log**: for every person, every month of `year` up to `today` in which
//! they were employed, tasks drawn from their unit's catalog — the ones of
//! their job (a driver drives, a văn thư registers documents, a head reviews
//! and signs; deputies and heads also do some of their staff's work) and the
//! season (budget estimates in the autumn, the 27/7 visits in July):
//! - 15–40 entries in a full month (fewer in a month worked in part, and in
//!   the current month up to `today`), spread over its working days (Monday
//!   to Friday, 1/1, 30/4, 1/5 and 2/9 left out), an entry at most a day's
//!   work of its task at full volume (two cars serviced, not twelve);
//! - quantities and tasks such that the month's standard minutes are a
//!   share of its working time that suits the person: 82–100 % for the
//!   best, 64–90 % for most, 52–74 % for the weak, ±10 % from month to
//!   month, less in a month of leave (an excused HTNV rating), never below
//!   45 % nor above 108 %. So a past quarter's share (standard minutes ÷
//!   31 200) is about 40–105 % with the defaults of `data/kpi.toml`;
//! - in about half the months of a specialist (a quarter of a leader's) one
//!   long task, its steps on successive dates; in about a third of the
//!   months an ad-hoc task (not in the catalog: an inter-agency inspection,
//!   duty on a weekend…) with its own complexity and bucket;
//! - a product reference where the product is a numbered document
//!   (`125/UBND-NV`, `12/TTr-NV`, `1834/QĐ-UBND`), numbered as the
//!   register running through the year would be at that date, each number
//!   once in its register ([`number_documents`]); one number per công văn
//!   or báo cáo (quantity 1), one tờ trình for a batch of dossiers; none for
//!   registers, records and shifts;
//! - done, except in the current month, where the entries of the last three
//!   days are in progress half of the time and a long task's step of the
//!   last week more often; in past months about one long task in seventy
//!   stalls at a step (in progress, its later steps not logged).
//!
//! **Volume**: the log is about 30 entries per person-month. When that
//! would pass [`ENTRY_BUDGET`] entries (2 million: generated in about 1 s
//! and stored in about 10 s of CPU by `init --demo` in release mode), the
//! log keeps only the latest quarters that fit — the whole year up to
//! `today` for a few thousand people; at 20 000 people the current quarter
//! — and if even the current quarter does not fit (100 000 people), fewer
//! entries per month (5–13 instead of 15–40 at the fewest) with larger
//! quantities (a few days' registrations as one entry), so that the shares
//! stay the same. The budget is approximate: at 100 000 people on 23
//! November, 2.25 million entries.
//!
//! The manager's confirmation is not generated: the tasks file
//! ([`TaskRecord`]) has no field for it.

use super::Tier;
use super::rng::Rng;
use super::tasks::{self, AdHocT, AreaT, StepT, TaskT, UnitT, Who};
use crate::domain::MonthEntry;
use crate::domain::Staff;
use crate::domain::kpi::{
    CatalogRecord, ComplexityGroup, EntryState, TaskName, TaskRecord, TimeBucket,
};
use crate::domain::{Month, StaffKind};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::HashMap;

/// Standard minutes of buckets 1–14: the defaults of `data/kpi.toml`, which
/// the volume aims at (a unit test checks they agree).
pub(super) const STANDARD_MINUTES: [f64; 14] = [
    2.5, 10.0, 20.0, 35.0, 60.0, 90.0, 120.0, 187.5, 360.0, 720.0, 1200.0, 1680.0, 2160.0, 2400.0,
];
/// A working day: 004 equates 480 ph with 1 ngày.
const DAY_MINUTES: f64 = 480.0;
/// Entries a person logs in a full month, on average, at full volume (as
/// measured on the default demo).
const MEAN_ENTRIES: f64 = 30.0;
/// At most about this many log entries in the whole demo.
pub const ENTRY_BUDGET: f64 = 2_000_000.0;
/// Fewest entries of a full month when the volume is scaled down.
const MIN_FULL_MONTH: f64 = 5.0;

fn standard(bucket: u8) -> f64 {
    STANDARD_MINUTES[usize::from(bucket.clamp(1, 14) - 1)]
}

/// The most of one task an entry records at full volume: many registrations
/// in a day, one shift or one long piece of work.
fn most_per_entry(bucket: u8) -> u32 {
    match bucket {
        1 => 80,
        2 => 60,
        3 => 40,
        4 => 20,
        5 => 12,
        6 => 8,
        7 => 5,
        8 => 3,
        9 => 2,
        _ => 1,
    }
}

fn month_of(year: i32, m: u8) -> Month {
    Month { year, month: m }
}

/// A working day: Monday to Friday, and not one of the fixed public
/// holidays (Tết and Giỗ Tổ follow the lunar calendar and are not left out).
fn working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
        && !matches!((d.month(), d.day()), (1, 1) | (4, 30) | (5, 1) | (9, 2))
}

/// The days of `from..=to` that `keep` keeps.
fn days(from: NaiveDate, to: NaiveDate, keep: impl Fn(NaiveDate) -> bool) -> Vec<NaiveDate> {
    let mut out = Vec::with_capacity(23);
    let mut d = from;
    while d <= to {
        if keep(d) {
            out.push(d);
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    out
}

/// The template of a unit's office: by its base name (before a ward's
/// " — " suffix), folded.
pub(super) fn template_of(unit: &str) -> &'static UnitT {
    let folded = crate::text::fold(unit);
    let base = folded.split('—').next().unwrap_or_default();
    tasks::TEMPLATES
        .iter()
        .find(|t| base.contains(t.key))
        .copied()
        .unwrap_or(&tasks::GENERIC)
}

/// The areas of a template in catalog order: its own, then the shared ones.
fn areas_of(t: &'static UnitT) -> impl Iterator<Item = &'static AreaT> {
    let shared: &'static [AreaT] = if t.shared {
        &[tasks::GENERAL, tasks::LEADERSHIP]
    } else {
        &[]
    };
    t.areas.iter().chain(shared)
}

/// A unit's catalog rows: area by area, task by task, step by step.
pub(super) fn catalog_of(unit: &str, t: &'static UnitT) -> Vec<CatalogRecord> {
    let mut out = Vec::new();
    for area in areas_of(t) {
        for task in area.tasks {
            for (k, s) in task.steps.iter().enumerate() {
                out.push(record(unit, area.name, task.name, k as u32 + 1, s));
            }
        }
    }
    out
}

fn complexity(n: u8) -> ComplexityGroup {
    ComplexityGroup::from_number(n).unwrap_or(ComplexityGroup::N2)
}

fn bucket(b: u8) -> TimeBucket {
    match TimeBucket::new(b.clamp(1, TimeBucket::COUNT)) {
        Some(t) => t,
        None => unreachable!("1–14 are the buckets"),
    }
}

fn record(unit: &str, area: &str, task: &str, step: u32, s: &StepT) -> CatalogRecord {
    CatalogRecord {
        unit: unit.to_owned(),
        area: area.to_owned(),
        task: task.to_owned(),
        step,
        steps: s.what.to_owned(),
        product: s.product.to_owned(),
        complexity: complexity(s.n),
        bucket: bucket(s.b),
    }
}

/// Which months of the demo's year get KPI log entries, and how many
/// entries a month: everyone's every month up to `today` while the log stays
/// within [`ENTRY_BUDGET`] entries (about 30 a person-month); beyond it only
/// the latest quarters that fit, and if the current quarter alone does not
/// fit, that quarter with fewer, larger entries (`scale` < 1, at least ⅓).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Volume {
    /// Months `first..=last` of the year (none when `last` is 0).
    pub first: u8,
    pub last: u8,
    /// Entries of a month × this (1 unless the current quarter alone is
    /// over the budget).
    pub scale: f64,
}

impl Volume {
    /// The volume of a demo of `size` people in `year`, up to `today`.
    pub fn new(size: usize, year: i32, today: NaiveDate) -> Volume {
        let last: u8 = match today.year().cmp(&year) {
            std::cmp::Ordering::Less => 0,
            std::cmp::Ordering::Greater => 12,
            std::cmp::Ordering::Equal => today.month() as u8,
        };
        if last == 0 {
            return Volume {
                first: 1,
                last: 0,
                scale: 1.0,
            };
        }
        // Months with entries, the current one in part.
        let worked = |m: u8| -> f64 {
            let month = month_of(year, m);
            if today <= month.last_day() {
                f64::from(today.day()) / f64::from(month.last_day().day())
            } else {
                1.0
            }
        };
        let entries = |first: u8| -> f64 {
            (first..=last).map(worked).sum::<f64>() * MEAN_ENTRIES * size as f64
        };
        let last_quarter_start = (last - 1) / 3 * 3 + 1;
        let mut first = last_quarter_start;
        while first > 1 && entries(first - 3) <= ENTRY_BUDGET {
            first -= 3;
        }
        let all = entries(first);
        let scale = if all > ENTRY_BUDGET {
            (ENTRY_BUDGET / all).max(MIN_FULL_MONTH / 15.0)
        } else {
            1.0
        };
        Volume { first, last, scale }
    }

    /// How many months have entries.
    pub fn months(&self) -> usize {
        usize::from(self.last.saturating_sub(self.first) + u8::from(self.last > 0))
    }
}

/// A unit's catalog as the generator reads it.
#[derive(Debug)]
struct UnitTasks {
    abbr: &'static str,
    /// Every task of the catalog, in its order.
    tasks: Vec<&'static TaskT>,
}

/// What a person's log is drawn from.
#[derive(Debug)]
struct Pool {
    /// Short tasks, logged with quantities: (index, weight).
    routine: Vec<(usize, u32)>,
    /// Long tasks (split, or a day or more): (index, weight).
    long: Vec<(usize, u32)>,
    /// Ad-hoc tasks open to the person: indices into `tasks::AD_HOC`.
    adhoc: Vec<usize>,
    long_pm: u32,
}

fn is_long(t: &TaskT) -> bool {
    t.steps.len() > 1 || t.steps.iter().any(|s| s.b >= 10)
}

fn in_season(season: tasks::Season, m: u8) -> bool {
    season & (1 << (m - 1)) != 0
}

/// The job of a person, as a [`Who`] bit.
fn who_of(s: &Staff) -> Who {
    if s.kind == StaffKind::Leader {
        return tasks::L;
    }
    match s.title.as_str() {
        "Lái xe" => tasks::D,
        "Bảo vệ" => tasks::G,
        "Nhân viên phục vụ" => tasks::P,
        "Văn thư" => tasks::C,
        "Kế toán" => tasks::A,
        _ => tasks::S,
    }
}

/// One generated entry, before it becomes a [`TaskRecord`].
#[derive(Debug, Clone)]
struct Entry {
    date: NaiveDate,
    /// Index into the unit's tasks, or `AD_HOC` + index.
    task: usize,
    step: usize,
    quantity: u32,
    doc: u32,
    state: EntryState,
}

/// Ad-hoc tasks are numbered after every catalog task.
const AD_HOC_BASE: usize = 1 << 12;

/// The catalog of every unit and the log of every person.
#[derive(Debug)]
pub(super) struct Log {
    seed: u64,
    year: i32,
    today: NaiveDate,
    volume: Volume,
    units: HashMap<String, UnitTasks>,
}

impl Log {
    /// The catalogs of the units `staff` belong to (in the order their
    /// first member appears) and the generator of their logs.
    pub(super) fn new(
        staff: &[Staff],
        seed: u64,
        year: i32,
        today: NaiveDate,
    ) -> (Log, Vec<CatalogRecord>) {
        let mut units: HashMap<String, UnitTasks> = HashMap::new();
        let mut catalog = Vec::new();
        for s in staff {
            if units.contains_key(&s.unit) {
                continue;
            }
            let t = template_of(&s.unit);
            catalog.extend(catalog_of(&s.unit, t));
            units.insert(
                s.unit.clone(),
                UnitTasks {
                    abbr: t.abbr,
                    tasks: areas_of(t).flat_map(|a| a.tasks.iter()).collect(),
                },
            );
        }
        let log = Log {
            seed,
            year,
            today,
            volume: Volume::new(staff.len(), year, today),
            units,
        };
        (log, catalog)
    }

    /// How many entries to make room for.
    pub(super) fn expected(&self, people: usize) -> usize {
        (people as f64 * self.volume.months() as f64 * MEAN_ENTRIES * self.volume.scale) as usize
    }

    fn pool(&self, unit: &UnitTasks, s: &Staff) -> Pool {
        let who = who_of(s);
        let deputy = s.title.starts_with("Phó");
        let weight = |t: &TaskT| -> u32 {
            let w = u32::from(t.weight);
            if t.who & who != 0 {
                w * 15
            } else if who == tasks::L && t.who & tasks::S != 0 && t.steps[0].n >= 2 {
                // Heads and deputies also do some of their staff's work
                // (not the clerical kind).
                w * if deputy { 5 } else { 3 }
            } else {
                0
            }
        };
        let mut pool = Pool {
            routine: Vec::new(),
            long: Vec::new(),
            adhoc: Vec::new(),
            long_pm: match who {
                tasks::S => 500,
                tasks::L => 250,
                _ => 400,
            },
        };
        for (i, t) in unit.tasks.iter().enumerate() {
            let w = weight(t);
            if w == 0 {
                continue;
            }
            if is_long(t) {
                pool.long.push((i, w));
            } else {
                pool.routine.push((i, w));
            }
        }
        if pool.routine.is_empty() {
            // A job the unit's catalog does not name (a driver of a phòng
            // without shared tasks): the unit's specialist tasks.
            for (i, t) in unit.tasks.iter().enumerate() {
                if t.who & tasks::S != 0 && !is_long(t) {
                    pool.routine.push((i, u32::from(t.weight)));
                }
            }
        }
        pool.adhoc = tasks::AD_HOC
            .iter()
            .enumerate()
            .filter(|(_, a)| a.who & who != 0)
            .map(|(i, _)| i)
            .collect();
        pool
    }

    /// Appends person `i`'s log to `out`. Their tier says how busy they
    /// are, `months` their ratings (a month excused for leave or sickness
    /// is lighter; a whole month on leave has no entries).
    pub(super) fn person(
        &self,
        i: usize,
        s: &Staff,
        tier: Tier,
        months: &[Option<MonthEntry>; 12],
        out: &mut Vec<TaskRecord>,
    ) {
        let Some(unit) = self.units.get(&s.unit) else {
            return;
        };
        let mut rng = Rng::derive(self.seed, super::TAG_KPI, i as u64);
        let pool = self.pool(unit, s);
        if pool.routine.is_empty() {
            return;
        }
        let (lo, hi) = match tier {
            Tier::Excellent => (820, 1000),
            Tier::Normal => (640, 900),
            Tier::Weak => (520, 740),
        };
        let effort = rng.between(lo, hi) as f64 / 1000.0;
        for m in self.volume.first..=self.volume.last {
            let month = months[usize::from(m - 1)];
            if month.is_some_and(MonthEntry::is_leave) {
                continue;
            }
            let mut f = effort * rng.between(900, 1100) as f64 / 1000.0;
            if month.and_then(MonthEntry::rated).is_some_and(|r| r.excused) {
                f *= rng.between(650, 800) as f64 / 1000.0;
            }
            let f = f.clamp(0.45, 1.08);
            let entries = self.month(&mut rng, unit, &pool, s, m, f);
            out.extend(entries.into_iter().map(|e| self.record(unit, s, &e)));
        }
    }

    fn record(&self, unit: &UnitTasks, s: &Staff, e: &Entry) -> TaskRecord {
        let (name, step, complexity, bucket, doc) = if e.task >= AD_HOC_BASE {
            let a: &AdHocT = &tasks::AD_HOC[e.task - AD_HOC_BASE];
            (
                a.name,
                None,
                Some(self::complexity(a.n)),
                Some(self::bucket(a.b)),
                tasks::NONE,
            )
        } else {
            let t = unit.tasks[e.task];
            let split = t.steps.len() > 1;
            (
                t.name,
                split.then_some(e.step as u32 + 1),
                None,
                None,
                t.steps[e.step].doc,
            )
        };
        let product_ref = if doc.per_year == 0 {
            String::new()
        } else {
            doc.format
                .replace("{n}", &e.doc.to_string())
                .replace("{u}", unit.abbr)
        };
        TaskRecord {
            code: s.code.clone(),
            date: e.date,
            task: TaskName::Name(name.to_owned()),
            step,
            quantity: e.quantity,
            product_ref,
            state: e.state,
            complexity,
            bucket,
        }
    }

    /// The number a document of a register of `per_year` has on `date`.
    fn doc_number(&self, rng: &mut Rng, per_year: u32, date: NaiveDate) -> u32 {
        if per_year == 0 {
            return 0;
        }
        let per_day = f64::from(per_year) / 365.0;
        let before = (f64::from(date.ordinal0()) * per_day) as u32;
        before + 1 + rng.below(per_day.ceil().max(1.0) as u64 * 2) as u32
    }

    /// One month of a person's log, by date.
    fn month(
        &self,
        rng: &mut Rng,
        unit: &UnitTasks,
        pool: &Pool,
        s: &Staff,
        m: u8,
        f: f64,
    ) -> Vec<Entry> {
        let month = month_of(self.year, m);
        let e = s.employment;
        let from = e
            .joined
            .map_or(month.first_day(), |j| j.max(month.first_day()));
        let to = [Some(month.last_day()), e.left, Some(self.today)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(month.last_day());
        if from > to {
            return Vec::new();
        }
        let work = days(from, to, working_day);
        if work.is_empty() {
            return Vec::new();
        }
        let full = days(month.first_day(), month.last_day(), working_day).len();
        let current = self.today <= month.last_day();
        let target = work.len() as f64 * DAY_MINUTES * f;
        let seasonal = |t: &TaskT| in_season(t.season, m);
        let routine: Vec<(usize, u32)> = pool
            .routine
            .iter()
            .copied()
            .filter(|(i, _)| seasonal(unit.tasks[*i]))
            .collect();
        let Some(smallest) = routine
            .iter()
            .map(|(i, _)| standard(unit.tasks[*i].steps[0].b))
            .min_by(f64::total_cmp)
        else {
            return Vec::new();
        };
        let scale = self.volume.scale;
        // The most one entry holds: at full volume a day's work of the task.
        let most = |t: &TaskT| -> f64 {
            if t.steps[0].doc.each {
                return 1.0;
            }
            let b = t.steps[0].b;
            let day = (DAY_MINUTES / standard(b)).floor();
            let mut n = f64::from(most_per_entry(b)).min(day);
            if t.most > 0 {
                n = n.min(f64::from(t.most));
            }
            (n.max(1.0) / scale).ceil()
        };
        let biggest = routine
            .iter()
            .map(|(i, _)| {
                let t = unit.tasks[*i];
                most(t) * standard(t.steps[0].b)
            })
            .fold(0.0, f64::max);
        let part = work.len() as f64 / full.max(1) as f64;
        // Not more than 40 (scaled), nor than the smallest task allows.
        let upper = (40.0 * scale * part)
            .ceil()
            .min((target / smallest).floor())
            .max(1.0);
        // 15–40, and enough for the month's time.
        let n = (rng.between(15, 40) as f64 * scale * part)
            .round()
            .max((target / biggest).ceil())
            .min(upper)
            .max(1.0) as usize;
        let upper = upper as usize;

        let mut out: Vec<Entry> = Vec::with_capacity(n + 3);
        let mut seen: HashMap<u64, usize> = HashMap::with_capacity(n + 3);
        let mut budget = target;
        let recent = |d: NaiveDate, days: u64| {
            current
                && self
                    .today
                    .checked_sub_days(Days::new(days))
                    .is_none_or(|x| d >= x)
        };

        // A long task, its steps on successive dates.
        let long: Vec<(usize, u32)> = pool
            .long
            .iter()
            .copied()
            .filter(|(i, _)| seasonal(unit.tasks[*i]))
            .collect();
        if work.len() >= 5 && !long.is_empty() && rng.per_mille(pool.long_pm) {
            let i = pick(rng, &long);
            let t = unit.tasks[i];
            let total: f64 = t.steps.iter().map(|s| standard(s.b)).sum();
            if total <= 0.6 * target {
                let k = t.steps.len();
                let segment = (work.len() / k).max(1);
                for (j, st) in t.steps.iter().enumerate() {
                    let at = (j * segment + rng.index(segment)).min(work.len() - 1);
                    let date = work[at];
                    let stalls = if recent(date, 7) {
                        rng.per_mille(600)
                    } else {
                        !current && rng.per_mille(15)
                    };
                    let doc = self.doc_number(rng, st.doc.per_year, date);
                    add(
                        &mut out,
                        &mut seen,
                        Entry {
                            date,
                            task: i,
                            step: j,
                            quantity: 1,
                            doc,
                            state: if stalls {
                                EntryState::InProgress
                            } else {
                                EntryState::Done
                            },
                        },
                    );
                    budget -= standard(st.b);
                    if stalls {
                        break;
                    }
                }
            }
        }

        // An ad-hoc task.
        if n >= 3 && rng.per_mille(350) {
            let open: Vec<usize> = pool
                .adhoc
                .iter()
                .copied()
                .filter(|a| in_season(tasks::AD_HOC[*a].season, m))
                .collect();
            if let Some(&a) = rng.pick(&open) {
                let t = &tasks::AD_HOC[a];
                let minutes = standard(t.b);
                let when = if t.name.contains("ngày nghỉ") {
                    days(from, to, |d| {
                        matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
                    })
                } else {
                    work.clone()
                };
                if let (true, Some(&date)) = (minutes <= 0.5 * budget, rng.pick(&when)) {
                    let in_progress = recent(date, 3) && rng.per_mille(500);
                    add(
                        &mut out,
                        &mut seen,
                        Entry {
                            date,
                            task: AD_HOC_BASE + a,
                            step: 0,
                            quantity: 1,
                            doc: 0,
                            state: if in_progress {
                                EntryState::InProgress
                            } else {
                                EntryState::Done
                            },
                        },
                    );
                    budget -= minutes;
                }
            }
        }

        // Routine tasks fill the rest of the month's time, spread over its
        // working days; more of them (up to `upper`) while a twentieth of
        // it is left (tasks of one document each fill little).
        let slots = n.saturating_sub(out.len()).max(1);
        let spread = (work.len() / slots).max(1);
        let mut k = 0;
        while k < 2 * upper && out.len() < upper && (k < slots || budget > 0.05 * target) {
            let left = slots.saturating_sub(k).max(1) as f64;
            let per = (budget.max(0.0) / left) * rng.between(600, 1400) as f64 / 1000.0;
            let fits: Vec<(usize, u32)> = routine
                .iter()
                .copied()
                .filter(|(i, _)| standard(unit.tasks[*i].steps[0].b) <= per * 1.3)
                .collect();
            let i = if fits.is_empty() {
                routine
                    .iter()
                    .map(|(i, _)| *i)
                    .min_by(|a, b| {
                        standard(unit.tasks[*a].steps[0].b)
                            .total_cmp(&standard(unit.tasks[*b].steps[0].b))
                    })
                    .unwrap_or(0)
            } else {
                pick(rng, &fits)
            };
            let st = &unit.tasks[i].steps[0];
            let minutes = standard(st.b);
            let quantity = (per / minutes).round().clamp(1.0, most(unit.tasks[i])) as u32;
            let at = k * work.len() / slots + rng.index(spread);
            // Without a document number, the same task twice on a day is
            // one entry: take the next day that has none.
            let date = (0..work.len())
                .map(|j| work[(at + j) % work.len()])
                .find(|d| st.doc.per_year != 0 || !seen.contains_key(&key(*d, i, 0, 0)))
                .unwrap_or(work[at % work.len()]);
            let in_progress = recent(date, 3) && rng.per_mille(500);
            let doc = self.doc_number(rng, st.doc.per_year, date);
            add(
                &mut out,
                &mut seen,
                Entry {
                    date,
                    task: i,
                    step: 0,
                    quantity,
                    doc,
                    state: if in_progress {
                        EntryState::InProgress
                    } else {
                        EntryState::Done
                    },
                },
            );
            budget -= f64::from(quantity) * minutes;
            k += 1;
        }
        out.sort_by_key(|e| e.date);
        out
    }
}

/// Makes every document number unique in its register, as a văn thư's
/// register would: the entries of a series (a district's `QĐ-UBND`, a
/// unit's `TTr-NV`…) by date, each number at least the one drawn for its
/// date and above the one before. The units repeated with a ward's name
/// are that ward's district: they keep their own registers.
pub(super) fn number_documents(tasks: &mut [TaskRecord], staff: &[Staff]) {
    let unit: HashMap<&str, &str> = staff
        .iter()
        .map(|s| (s.code.as_str(), s.unit.as_str()))
        .collect();
    // (district, sign) → (date, number drawn, index) of its documents.
    type Register = Vec<(NaiveDate, u32, usize)>;
    let mut series: HashMap<(&str, String), Register> = HashMap::new();
    for (i, t) in tasks.iter().enumerate() {
        let Some((n, sign)) = t.product_ref.split_once('/') else {
            continue;
        };
        let Ok(n) = n.parse::<u32>() else { continue };
        let district = unit
            .get(t.code.as_str())
            .and_then(|u| u.split_once(" — "))
            .map_or("", |(_, d)| d);
        series
            .entry((district, sign.to_owned()))
            .or_default()
            .push((t.date, n, i));
    }
    let mut renumbered: Vec<(usize, String)> = Vec::new();
    for ((_, sign), mut docs) in series {
        docs.sort_unstable();
        let mut last = 0;
        for (_, n, i) in docs {
            let n = n.max(last + 1);
            last = n;
            renumbered.push((i, format!("{n}/{sign}")));
        }
    }
    for (i, r) in renumbered {
        tasks[i].product_ref = r;
    }
}

/// An entry's natural key within a person's log.
fn key(date: NaiveDate, task: usize, step: usize, doc: u32) -> u64 {
    (u64::from(date.ordinal0()) << 48)
        | ((task as u64) << 32)
        | ((step as u64) << 28)
        | u64::from(doc & 0x0FFF_FFFF)
}

/// A weighted choice of an index.
fn pick(rng: &mut Rng, xs: &[(usize, u32)]) -> usize {
    let total: u64 = xs.iter().map(|(_, w)| u64::from(*w)).sum();
    let mut r = rng.below(total);
    for (i, w) in xs {
        if r < u64::from(*w) {
            return *i;
        }
        r -= u64::from(*w);
    }
    xs.last().map_or(0, |(i, _)| *i)
}

/// Adds `e` unless an entry with its natural key (the tasks file's: date,
/// task and product reference) is there: a numbered document takes the next
/// number; an entry without a reference adds its quantity to the one there.
fn add(out: &mut Vec<Entry>, seen: &mut HashMap<u64, usize>, mut e: Entry) {
    loop {
        let k = key(e.date, e.task, e.step, e.doc);
        match seen.get(&k) {
            None => {
                seen.insert(k, out.len());
                out.push(e);
                return;
            }
            Some(&j) if e.doc == 0 => {
                out[j].quantity += e.quantity;
                return;
            }
            Some(_) => e.doc += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::ymd;
    use super::*;

    #[test]
    fn the_standard_minutes_are_those_of_data_kpi_toml() {
        let Ok(data) = crate::data::reference() else {
            panic!("reference data loads");
        };
        let s = crate::domain::kpi::KpiSettings::defaults(&data.kpi);
        assert_eq!(s.standard_minutes, STANDARD_MINUTES);
    }

    #[test]
    fn every_unit_finds_its_office() {
        let key = |u: &str| template_of(u).key;
        assert_eq!(key("Phòng Nội vụ"), "noi vu");
        assert_eq!(key("Phòng Nội vụ — phường Bồ Đề"), "noi vu");
        assert_eq!(key("Văn phòng HĐND và UBND"), "van phong");
        assert_eq!(key("Phòng Văn hóa — xã Văn Đức"), "van hoa");
        assert_eq!(key("Phòng Y tế — thị trấn Yên Viên"), "y te");
        assert_eq!(key("UBND quận Long Biên"), "ubnd");
        assert_eq!(key("Phòng Dân tộc"), "");
        for u in super::super::words::FALLBACK_UNITS {
            assert_ne!(key(u), "", "{u}");
        }
    }

    #[test]
    fn months_run_over_the_new_year() {
        assert_eq!(tasks::months(1, 1), 1);
        assert_eq!(tasks::months(11, 2), 0b1100_0000_0011);
        assert_eq!(tasks::months(1, 12), tasks::ANY);
    }

    #[test]
    fn the_volume_keeps_the_latest_quarters_that_fit() {
        let aug20 = ymd(2026, 8, 20);
        let v = Volume::new(300, 2026, aug20);
        assert_eq!((v.first, v.last, v.scale), (1, 8, 1.0));
        let v = Volume::new(20_000, 2026, aug20);
        assert_eq!((v.first, v.last, v.scale), (7, 8, 1.0));
        let v = Volume::new(100_000, 2026, aug20);
        assert_eq!((v.first, v.last), (7, 8));
        assert!(v.scale < 0.5 && v.scale >= MIN_FULL_MONTH / 15.0, "{v:?}");
        let v = Volume::new(300, 2026, ymd(2027, 2, 1));
        assert_eq!((v.first, v.last), (1, 12));
        let v = Volume::new(300, 2026, ymd(2025, 12, 1));
        assert_eq!(v.months(), 0);
    }

    #[test]
    fn working_days_leave_out_weekends_and_fixed_holidays() {
        assert!(working_day(ymd(2026, 8, 20)));
        assert!(!working_day(ymd(2026, 8, 22)));
        assert!(!working_day(ymd(2026, 4, 30)));
        assert!(!working_day(ymd(2026, 9, 2)));
        assert_eq!(
            days(ymd(2026, 8, 1), ymd(2026, 8, 31), working_day).len(),
            21
        );
    }
}
