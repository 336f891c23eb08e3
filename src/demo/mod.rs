//! A deterministic demo district: staff, monthly ratings, checklists, marks
//! and commitments of a made-up Hanoi district (Long Biên), for
//! `danhgia init --demo [--demo-size N]` and for the benchmarks at 100,000
//! people.
//!
//! The output is the same rows the import files carry (see
//! [`crate::domain::records`]), so the demo goes through the same service path
//! as real data. The same [`DemoOptions`] always give the same [`DemoData`]:
//! every person and every kind of datum draws from its own SplitMix64 stream
//! (module `rng`), written out here so that no crate upgrade can change it.
//!
//! What an HR officer sees, and the choices behind it:
//! - **Units** are the distinct units of the 002 positions in the reference
//!   data (Phòng Nội vụ first, then in the order of the decision; the generic
//!   "quận (huyện, thị xã)" and Ba Vì entries left out). A small demo uses up
//!   to all of them with ~10–30 people each; when more are needed (about 250
//!   people a unit at 100,000 people, so 400 units) they repeat with a ward or
//!   commune appended: "Phòng Nội vụ — phường Bồ Đề".
//! - **People**: the first person (`CB000001`, login [`HR_LOGIN`]) is the HR
//!   officer of Phòng Nội vụ, a plain staff member in the data: the CLI makes
//!   whoever runs `init` the admin, and the demo TUI can be opened with
//!   `--as hr`. The second is the Chủ tịch UBND quận, the top leader without a
//!   manager. Each unit has a head (Trưởng phòng, Chánh Văn phòng, Chánh
//!   Thanh tra) reporting to the Chủ tịch, one or two deputies reporting to
//!   the head, and staff reporting to the head or, for about 30 %, to a
//!   deputy. Drivers, guards and service staff (NLĐ) sit mostly in Văn phòng.
//!   About 3 % of the staff joined during the year and 1 % left during it
//!   (never a leader or the HR officer).
//! - **Monthly ratings** for every month of `year` before `today`'s month
//!   (the current month is not rated yet), and only for months the person
//!   worked at least half of. About 20 % HTXSNV, 70 % HTTNV, 9 % HTNV (a third
//!   of them excused: leave or sickness), 1 % KHTNV, and discipline 18–19 in
//!   about 5 % of months. Weak months cluster in some people and in some
//!   units' quarters, as in real offices, so that a unit head passes the
//!   100 % rule about half of the time instead of almost never. In a past
//!   quarter about two thirds of the people pass.
//! - **Leave for a whole month** (a `leave` row instead of a rating): about
//!   one staff member in a hundred on maternity leave for six months, which
//!   covers a whole quarter (not assessed in it, no checklist), and one in
//!   a hundred on long sick leave for one month (assessed on the others);
//!   never a leader, the HR officer or someone who joined or left during the
//!   year. Nobody logs KPI work in a month on leave.
//! - **Yearly ratings** for `year` are pre-filled, derived from the months,
//!   for about 60 % of the people (everyone once the year is over), so that
//!   the yearly commendation has data to show in the demo.
//! - **Checklists** for every quarter of `year` up to the one containing
//!   `today`, for the people assessed in it (employed on its 25th). Past
//!   quarters are approved and fully reviewed; about a tenth of the people
//!   have one or two items Chưa đạt with a note, more often after a weak
//!   month. The current quarter is a mix: ~40 % draft with some self marks,
//!   ~35 % submitted, ~20 % approved, ~5 % returned with a note (so most of
//!   its results are pending). About 2 % of the approved checklists with
//!   every item Đạt are marked outstanding with an achievement summary
//!   (form 05B).
//! - **Commitments** (form 01) for `year`: most signed in January, some late
//!   (February–March), about 3 % not at all; newcomers sign within two weeks
//!   of joining. None is dated after `today`.
//! - **KPI** (004): every unit has the catalog of its kind of office
//!   (module `tasks`: 10–25 standard tasks in 3–5 work areas, long ones in
//!   2–3 steps), and everyone logs their work of every month of `year` up to
//!   `today` from their unit's catalog — 15–40 entries a month, mostly done,
//!   some ad hoc, the last days of the current month partly in progress —
//!   about 40–105 % of a quarter's working time with the default numbers.
//!   Large demos keep only the latest quarters (at 100,000 people, the
//!   current quarter, with fewer, larger entries): see module `kpi` and
//!   [`Volume`]. Confirmations are not generated (the tasks file has no
//!   field for them).
//!
//! Marks come as rows to apply in order: an `all` row first, then item rows
//! that override it (a Chưa đạt item, a reviewed item of a returned
//! checklist, the self marks of a draft). An unset mark in a row means "not
//! given by this row"; the generator never needs it to clear an earlier one.

mod kpi;
mod rng;
mod tasks;
mod words;

pub use kpi::{ENTRY_BUDGET, Volume};

use crate::data::ReferenceData;
use crate::domain::kpi::{CatalogRecord, TaskRecord};
use crate::domain::records::{
    ChecklistRecord, CommitmentRecord, MarkNote, MarkRecord, MarkTarget, RatingPeriod, RatingRecord,
};
use crate::domain::{
    ChecklistState, Employment, Month, MonthEntry, MonthlyRating, Quarter, Rating, Staff,
    StaffGroup, StaffKind,
};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use rng::Rng;
use serde::Serialize;
use std::collections::HashMap;

/// The login of the demo's HR officer (the first person).
pub const HR_LOGIN: &str = "hr";
/// People in the demo unless `--demo-size` says otherwise.
pub const DEFAULT_SIZE: usize = 300;
/// The seed of `danhgia init --demo`.
pub const DEFAULT_SEED: u64 = 20_260_101;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// Number of people (default 300).
    pub size: usize,
    /// The year of the ratings, checklists and commitments.
    pub year: i32,
    pub seed: u64,
    /// Where the data stops: months from `today`'s month on are not rated,
    /// quarters after `today`'s are not assessed, nothing is signed after it.
    pub today: NaiveDate,
}

impl Default for DemoOptions {
    /// 300 people in 2026, data up to 20 August 2026 (mid third quarter).
    fn default() -> Self {
        DemoOptions {
            size: DEFAULT_SIZE,
            year: 2026,
            seed: DEFAULT_SEED,
            today: ymd(2026, 8, 20),
        }
    }
}

impl DemoOptions {
    /// The default demo (300 people, default seed) with data up to `today`:
    /// what `danhgia init --demo` uses. The year is `today`'s, except in the
    /// first quarter, where it is the previous year: that year is then
    /// complete (four reviewed quarters, yearly ratings for everyone), so the
    /// demo has something to show in January too, and the previous quarter
    /// (the last finished round) has its data.
    pub fn new(today: NaiveDate) -> DemoOptions {
        let year = if today.month() <= 3 {
            today.year() - 1
        } else {
            today.year()
        };
        DemoOptions {
            size: DEFAULT_SIZE,
            year,
            seed: DEFAULT_SEED,
            today,
        }
    }
}

/// The organisation the demo's forms are headed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoSettings {
    /// Cơ quan chủ quản, e.g. "UBND QUẬN LONG BIÊN".
    pub governing_body: String,
    /// Tên đơn vị, e.g. "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN".
    pub unit_name: String,
    /// Địa danh of the forms' dates, e.g. "Long Biên".
    pub place: String,
}

/// A generated district.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoData {
    pub settings: DemoSettings,
    /// Exactly `size` people; the first is the HR officer ([`HR_LOGIN`]).
    pub staff: Vec<Staff>,
    /// Monthly ratings up to the month before `today`, and the pre-filled
    /// yearly ratings of `year`.
    pub ratings: Vec<RatingRecord>,
    /// Self and review marks, in the order they apply.
    pub marks: Vec<MarkRecord>,
    /// Notes on the items the authority marked Chưa đạt.
    pub notes: Vec<MarkNote>,
    /// One per person and assessed quarter up to `today`'s.
    pub checklists: Vec<ChecklistRecord>,
    pub commitments: Vec<CommitmentRecord>,
    /// The KPI catalog of every unit someone of the demo belongs to, in the
    /// order of the unit's first member: areas, their tasks, then steps.
    pub catalog: Vec<CatalogRecord>,
    /// Everyone's KPI log (catalog tasks by their name and step, ad-hoc ones
    /// with their complexity and bucket), person by person, by date.
    pub tasks: Vec<TaskRecord>,
}

/// Generates the demo district from the embedded reference data (positions,
/// units and checklist items). Should that data not load — a build defect
/// the test suite catches — it falls back to the units and item ids of SPEC
/// section 3, without position codes.
pub fn generate(opts: &DemoOptions) -> DemoData {
    let catalog = match crate::data::reference() {
        Ok(data) => Catalog::from_reference(data),
        Err(_) => Catalog::fallback(),
    };
    Generator::new(catalog, opts).run()
}

/// Generates the demo district from the given reference data.
pub fn generate_from(data: &ReferenceData, opts: &DemoOptions) -> DemoData {
    Generator::new(Catalog::from_reference(data), opts).run()
}

const GOVERNING_BODY: &str = "UBND QUẬN LONG BIÊN";
const UNIT_NAME: &str = "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN";
const PLACE: &str = "Long Biên";
/// The unit of the top leader.
const TOP_UNIT: &str = "UBND quận Long Biên";

const GRADE_CVCC: &str = "chuyen_vien_cao_cap";
const GRADE_CVC: &str = "chuyen_vien_chinh";
const GRADE_CV: &str = "chuyen_vien";

// Streams of the generator, one per kind of datum.
const TAG_UNIT: u64 = 1;
const TAG_CLIMATE: u64 = 2;
const TAG_PERSON: u64 = 3;
const TAG_MONTHS: u64 = 4;
const TAG_YEAR: u64 = 5;
const TAG_CHECKLIST: u64 = 6;
const TAG_COMMIT: u64 = 7;
const TAG_KPI: u64 = 8;
const TAG_LEAVE: u64 = 9;

/// A date that exists (callers pass valid ones); `NaiveDate::MIN` otherwise.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// A uniform date in `lo..=hi`.
fn date_between(rng: &mut Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    let span = (hi - lo).num_days().max(0);
    plus_days(lo, rng.between(0, span) as u64)
}

/// The next working day (Saturday and Sunday move to Monday).
fn workday(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => plus_days(d, 2),
        Weekday::Sun => plus_days(d, 1),
        _ => d,
    }
}

/// Which kind of office a unit is: decides the titles of its people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Office {
    /// Phòng chuyên môn: Trưởng phòng, Phó Trưởng phòng.
    Phong,
    /// Văn phòng HĐND và UBND: Chánh Văn phòng, drivers and guards.
    VanPhong,
    /// Thanh tra: Chánh Thanh tra, thanh tra viên.
    ThanhTra,
}

/// A unit of the district decision, with the positions that fit its people.
#[derive(Debug, Clone)]
struct BaseUnit {
    name: String,
    office: Office,
    head_position: Option<String>,
    deputy_position: Option<String>,
    /// CMNV positions of the unit, and the HTPV ones with a grade.
    specialist_positions: Vec<String>,
}

/// Everything the generator takes from the reference data.
#[derive(Debug, Clone, Default)]
struct Catalog {
    bases: Vec<BaseUnit>,
    staff_items: Vec<String>,
    leader_items: Vec<String>,
    /// `(item index, note)` candidates for a Chưa đạt, per form.
    staff_notes: Vec<(usize, &'static str)>,
    leader_notes: Vec<(usize, &'static str)>,
    top_position: Option<String>,
    hr_position: Option<String>,
    accountant: Option<String>,
    clerk: Option<String>,
    driver: Option<String>,
    guard: Option<String>,
    service: Option<String>,
}

fn office_of(unit: &str) -> Office {
    let f = crate::text::fold(unit);
    if f.starts_with("van phong") {
        Office::VanPhong
    } else if f == "thanh tra" {
        Office::ThanhTra
    } else {
        Office::Phong
    }
}

fn notes_for(items: &[String]) -> Vec<(usize, &'static str)> {
    words::ITEM_NOTES
        .iter()
        .filter_map(|(id, note)| items.iter().position(|i| i == id).map(|i| (i, *note)))
        .collect()
}

impl Catalog {
    fn from_reference(data: &ReferenceData) -> Catalog {
        let p002: Vec<_> = data
            .positions
            .positions
            .iter()
            .filter(|p| p.source == "002")
            .collect();
        let by_name = |name: &str| p002.iter().find(|p| p.name == name).map(|p| p.code.clone());
        let mut bases: Vec<BaseUnit> = Vec::new();
        let mut folds: Vec<String> = Vec::new();
        for p in &p002 {
            let unit = p.unit.trim();
            let f = crate::text::fold(unit);
            // Leave out the generic "… quận (huyện, thị xã)" and the
            // "Phòng Dân tộc huyện Ba Vì hoặc …" entries.
            if unit.contains('(') || f.contains(" hoac ") || folds.contains(&f) {
                continue;
            }
            folds.push(f);
            let office = office_of(unit);
            let (head, deputy) = match office {
                Office::VanPhong => ("CHÁNH VĂN PHÒNG HĐND VÀ UBND", "PHÓ CHÁNH VĂN PHÒNG"),
                Office::ThanhTra => ("CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA"),
                Office::Phong => ("TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"),
            };
            bases.push(BaseUnit {
                name: crate::text::nfc(unit),
                office,
                head_position: by_name(head),
                deputy_position: by_name(deputy),
                specialist_positions: Vec::new(),
            });
        }
        for (b, f) in bases.iter_mut().zip(&folds) {
            b.specialist_positions = p002
                .iter()
                .filter(|p| {
                    crate::text::fold(p.unit.trim()) == *f
                        && match p.group {
                            crate::domain::PositionGroup::Cmnv => true,
                            crate::domain::PositionGroup::Htpv => p.grade.is_some(),
                            crate::domain::PositionGroup::Ldql => false,
                        }
                })
                .map(|p| p.code.clone())
                .collect();
        }
        if bases.is_empty() {
            return Catalog::fallback();
        }
        if let Some(i) = bases
            .iter()
            .position(|b| crate::text::fold(&b.name) == "phong noi vu")
        {
            let noi_vu = bases.remove(i);
            bases.insert(0, noi_vu);
        }
        let ids = |kind| -> Vec<String> {
            data.criteria
                .form(kind)
                .items()
                .map(|i| i.id.clone())
                .collect()
        };
        let staff_items = ids(StaffKind::Staff);
        let leader_items = ids(StaffKind::Leader);
        Catalog {
            staff_notes: notes_for(&staff_items),
            leader_notes: notes_for(&leader_items),
            staff_items,
            leader_items,
            bases,
            top_position: by_name("CHỦ TỊCH UBND"),
            hr_position: by_name("QUẢN LÝ ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"),
            accountant: by_name("KẾ TOÁN"),
            clerk: by_name("VĂN THƯ"),
            driver: by_name("LÁI XE"),
            guard: by_name("BẢO VỆ"),
            service: by_name("PHỤC VỤ"),
        }
    }

    /// The units and item ids of SPEC section 3, without position codes.
    fn fallback() -> Catalog {
        let ids = |criteria: &[(&str, u8)]| -> Vec<String> {
            criteria
                .iter()
                .flat_map(|(c, n)| (1..=*n).map(move |i| format!("{c}.{i}")))
                .collect()
        };
        let staff_items = ids(&words::FALLBACK_SHAPE[..6]);
        let leader_items = ids(words::FALLBACK_SHAPE);
        Catalog {
            bases: words::FALLBACK_UNITS
                .iter()
                .map(|name| BaseUnit {
                    name: (*name).to_owned(),
                    office: office_of(name),
                    head_position: None,
                    deputy_position: None,
                    specialist_positions: Vec::new(),
                })
                .collect(),
            staff_notes: notes_for(&staff_items),
            leader_notes: notes_for(&leader_items),
            staff_items,
            leader_items,
            ..Catalog::default()
        }
    }

    fn items(&self, kind: StaffKind) -> &[String] {
        match kind {
            StaffKind::Leader => &self.leader_items,
            StaffKind::Staff => &self.staff_items,
        }
    }

    fn notes(&self, kind: StaffKind) -> &[(usize, &'static str)] {
        match kind {
            StaffKind::Leader => &self.leader_notes,
            StaffKind::Staff => &self.staff_notes,
        }
    }
}

/// How far the data of `year` goes, given `today`.
#[derive(Debug, Clone, Copy)]
struct Calendar {
    year: i32,
    /// Months 1..=rated_months are rated (where the person worked).
    rated_months: u8,
    /// Quarters 1..=open_quarters have checklists.
    open_quarters: u8,
    /// The quarter containing `today`, if in `year`.
    current: Option<u8>,
}

impl Calendar {
    fn new(year: i32, today: NaiveDate) -> Calendar {
        let (rated_months, open_quarters, current) = match today.year().cmp(&year) {
            std::cmp::Ordering::Less => (0, 0, None),
            std::cmp::Ordering::Greater => (12, 4, None),
            std::cmp::Ordering::Equal => {
                let m = today.month() as u8;
                let q = (m - 1) / 3 + 1;
                (m - 1, q, Some(q))
            }
        };
        Calendar {
            year,
            rated_months,
            open_quarters,
            current,
        }
    }

    fn year_over(self) -> bool {
        self.rated_months == 12
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Hr,
    Top,
    Head,
    Deputy,
    Member,
}

/// How a person tends to be rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    Excellent,
    Normal,
    Weak,
}

/// What the generator remembers of a person beyond their staff record.
#[derive(Debug, Clone, Copy)]
struct Meta {
    unit: Option<usize>,
    tier: Tier,
}

struct Unit {
    name: String,
    base: usize,
}

/// A month the person worked at least half of: rated.
fn rated_month(e: Employment, m: Month) -> bool {
    let (first, last) = (m.first_day(), m.last_day());
    if let Some(j) = e.joined
        && (j > last || (j > first && j.day() > 15))
    {
        return false;
    }
    if let Some(l) = e.left
        && (l < first || (l < last && l.day() < 15))
    {
        return false;
    }
    true
}

/// A month that breaks the person's own condition 2.
fn weak_month(r: &MonthlyRating) -> bool {
    !r.rating.at_least_good() || r.discipline.is_some_and(|d| d < 20)
}

struct Generator<'a> {
    cat: Catalog,
    opts: &'a DemoOptions,
    cal: Calendar,
    units: Vec<Unit>,
    /// Per unit and quarter: no unexcused weak month among its staff.
    clean: Vec<bool>,
    code_width: usize,
    /// The KPI log's generator, once the staff is known.
    kpi: Option<kpi::Log>,
}

impl<'a> Generator<'a> {
    fn new(cat: Catalog, opts: &'a DemoOptions) -> Generator<'a> {
        Generator {
            cat,
            opts,
            cal: Calendar::new(opts.year, opts.today),
            units: Vec::new(),
            clean: Vec::new(),
            code_width: opts.size.to_string().len().max(6),
            kpi: None,
        }
    }

    fn code(&self, i: usize) -> String {
        format!("CB{:0w$}", i + 1, w = self.code_width)
    }

    /// How many people each unit has (the HR officer and the top leader
    /// aside): ~10–30 at demo size, ~250 at 100,000.
    fn unit_sizes(&self, rest: usize) -> Vec<usize> {
        let bases = self.cat.bases.len();
        if rest == 0 || bases == 0 {
            return Vec::new();
        }
        let n = rest
            .div_ceil(10)
            .min(bases)
            .max(rest.div_ceil(250))
            .min(rest);
        let weights: Vec<u128> = (0..n)
            .map(|u| 70 + u128::from(Rng::derive(self.opts.seed, TAG_UNIT, u as u64).below(61)))
            .collect();
        let total: u128 = weights.iter().sum();
        let mut sizes: Vec<usize> = weights
            .iter()
            .map(|w| (rest as u128 * w / total) as usize)
            .collect();
        let mut left = rest - sizes.iter().sum::<usize>();
        let mut u = 0;
        while left > 0 {
            sizes[u % n] += 1;
            left -= 1;
            u += 1;
        }
        // Every unit needs its head.
        for u in 0..n {
            while sizes[u] == 0 {
                let mut big = 0;
                for (v, s) in sizes.iter().enumerate() {
                    if *s > sizes[big] {
                        big = v;
                    }
                }
                sizes[big] -= 1;
                sizes[u] += 1;
            }
        }
        sizes
    }

    fn unit_name(&self, u: usize) -> String {
        let b = self.cat.bases.len().max(1);
        let base = &self.cat.bases[u % b].name;
        let round = u / b;
        if round == 0 {
            return base.clone();
        }
        let k = round - 1;
        let places = words::PLACES.len();
        let place = words::PLACES[k % places];
        if k < places {
            format!("{base} — {place}")
        } else {
            format!("{base} — {place} {}", k / places + 1)
        }
    }

    fn run(mut self) -> DemoData {
        let size = self.opts.size;
        let sizes = self.unit_sizes(size.saturating_sub(2));
        self.units = (0..sizes.len())
            .map(|u| Unit {
                name: self.unit_name(u),
                base: u % self.cat.bases.len().max(1),
            })
            .collect();
        self.clean = (0..self.units.len() * 4)
            .map(|i| Rng::derive(self.opts.seed, TAG_CLIMATE, i as u64).per_mille(500))
            .collect();

        let mut staff: Vec<Staff> = Vec::with_capacity(size);
        let mut metas: Vec<Meta> = Vec::with_capacity(size);
        let mut logins: HashMap<String, u32> = HashMap::with_capacity(size);
        logins.insert(HR_LOGIN.to_owned(), 1);
        let mut push = |g: &Generator, role, unit, manager: Option<usize>| {
            let i = staff.len();
            let (meta, record) = g.person(i, role, unit, manager, &mut logins);
            staff.push(record);
            metas.push(meta);
        };
        if size >= 1 {
            let manager = if !sizes.is_empty() {
                Some(2)
            } else if size >= 2 {
                Some(1)
            } else {
                None
            };
            push(&self, Role::Hr, (!sizes.is_empty()).then_some(0), manager);
        }
        if size >= 2 {
            push(&self, Role::Top, None, None);
        }
        let mut start = 2;
        for (u, &k) in sizes.iter().enumerate() {
            let deputies = match k {
                15.. => 2,
                4.. => 1,
                _ => 0,
            };
            let mut rng = Rng::derive(self.opts.seed, TAG_UNIT, (u as u64) | (1 << 40));
            for j in 0..k {
                let (role, manager) = if j == 0 {
                    (Role::Head, 1)
                } else if j <= deputies {
                    (Role::Deputy, start)
                } else if deputies > 0 && rng.per_mille(300) {
                    (Role::Member, start + 1 + rng.index(deputies))
                } else {
                    (Role::Member, start)
                };
                push(&self, role, Some(u), Some(manager));
            }
            start += k;
        }

        let months = usize::from(self.cal.rated_months);
        let quarters = usize::from(self.cal.open_quarters);
        let mut out = DemoData {
            settings: DemoSettings {
                governing_body: GOVERNING_BODY.to_owned(),
                unit_name: UNIT_NAME.to_owned(),
                place: PLACE.to_owned(),
            },
            ratings: Vec::with_capacity(size * (months + 1)),
            marks: Vec::with_capacity(size * (quarters + 1)),
            notes: Vec::new(),
            checklists: Vec::with_capacity(size * quarters),
            commitments: Vec::with_capacity(size),
            staff: Vec::new(),
            catalog: Vec::new(),
            tasks: Vec::new(),
        };
        let (log, catalog) = kpi::Log::new(&staff, self.opts.seed, self.cal.year, self.opts.today);
        out.catalog = catalog;
        out.tasks = Vec::with_capacity(log.expected(size));
        self.kpi = Some(log);
        for (i, (record, meta)) in staff.iter().zip(&metas).enumerate() {
            self.activity(i, record, *meta, &mut out);
        }
        kpi::number_documents(&mut out.tasks, &staff);
        out.staff = staff;
        out
    }

    /// One person's staff record.
    fn person(
        &self,
        i: usize,
        role: Role,
        unit: Option<usize>,
        manager: Option<usize>,
        logins: &mut HashMap<String, u32>,
    ) -> (Meta, Staff) {
        let mut rng = Rng::derive(self.opts.seed, TAG_PERSON, i as u64);
        let base = unit.and_then(|u| self.cat.bases.get(self.units[u].base));
        let office = base.map_or(Office::Phong, |b| b.office);
        let specialist =
            |rng: &mut Rng| base.and_then(|b| rng.pick(&b.specialist_positions).cloned());
        let kind = match role {
            Role::Top | Role::Head | Role::Deputy => StaffKind::Leader,
            Role::Hr | Role::Member => StaffKind::Staff,
        };
        let tier = match (kind, rng.below(1000)) {
            (StaffKind::Leader, r) if r < 350 => Tier::Excellent,
            (StaffKind::Leader, _) => Tier::Normal,
            (_, r) if r < 200 => Tier::Excellent,
            (_, r) if r < 920 => Tier::Normal,
            _ => Tier::Weak,
        };
        // `male`: None = draw.
        let (group, title, grade, position, male): (
            StaffGroup,
            &str,
            Option<&str>,
            Option<String>,
            Option<bool>,
        ) = match role {
            Role::Hr => (
                StaffGroup::Cc,
                "Chuyên viên phụ trách tổ chức cán bộ",
                Some(GRADE_CVC),
                self.cat.hr_position.clone(),
                None,
            ),
            Role::Top => (
                StaffGroup::Cbldql,
                "Chủ tịch UBND quận",
                Some(if rng.per_mille(500) {
                    GRADE_CVCC
                } else {
                    GRADE_CVC
                }),
                self.cat.top_position.clone(),
                Some(rng.per_mille(800)),
            ),
            Role::Head => (
                StaffGroup::Cbldql,
                match office {
                    Office::VanPhong => "Chánh Văn phòng",
                    Office::ThanhTra => "Chánh Thanh tra",
                    Office::Phong => "Trưởng phòng",
                },
                Some(if rng.per_mille(800) {
                    GRADE_CVC
                } else {
                    GRADE_CV
                }),
                base.and_then(|b| b.head_position.clone()),
                Some(rng.per_mille(700)),
            ),
            Role::Deputy => (
                StaffGroup::Cbldql,
                match office {
                    Office::VanPhong => "Phó Chánh Văn phòng",
                    Office::ThanhTra => "Phó Chánh Thanh tra",
                    Office::Phong => "Phó Trưởng phòng",
                },
                Some(if rng.per_mille(550) {
                    GRADE_CVC
                } else {
                    GRADE_CV
                }),
                base.and_then(|b| b.deputy_position.clone()),
                Some(rng.per_mille(600)),
            ),
            Role::Member => {
                let (nld, vc) = match office {
                    Office::VanPhong => (300, 0),
                    Office::ThanhTra => (0, 0),
                    Office::Phong => (30, 100),
                };
                let r = rng.below(1000);
                if r < nld {
                    match rng.below(100) {
                        0..45 => (
                            StaffGroup::Nld,
                            "Lái xe",
                            None,
                            self.cat.driver.clone(),
                            Some(true),
                        ),
                        45..80 => (
                            StaffGroup::Nld,
                            "Bảo vệ",
                            None,
                            self.cat.guard.clone(),
                            Some(true),
                        ),
                        _ => (
                            StaffGroup::Nld,
                            "Nhân viên phục vụ",
                            None,
                            self.cat.service.clone(),
                            Some(rng.per_mille(300)),
                        ),
                    }
                } else if r < nld + vc {
                    let title = if rng.per_mille(600) {
                        "Kỹ sư"
                    } else {
                        "Kỹ thuật viên"
                    };
                    (StaffGroup::Vc, title, None, specialist(&mut rng), None)
                } else {
                    let senior = rng.per_mille(250);
                    let grade = Some(if senior { GRADE_CVC } else { GRADE_CV });
                    match office {
                        Office::ThanhTra => (
                            StaffGroup::Cc,
                            if senior {
                                "Thanh tra viên chính"
                            } else {
                                "Thanh tra viên"
                            },
                            grade,
                            specialist(&mut rng),
                            None,
                        ),
                        Office::VanPhong if !senior && rng.per_mille(250) => {
                            if rng.per_mille(500) {
                                (
                                    StaffGroup::Cc,
                                    "Văn thư",
                                    None,
                                    self.cat.clerk.clone(),
                                    Some(false),
                                )
                            } else {
                                (
                                    StaffGroup::Cc,
                                    "Kế toán",
                                    None,
                                    self.cat.accountant.clone(),
                                    None,
                                )
                            }
                        }
                        _ => (
                            StaffGroup::Cc,
                            if senior {
                                "Chuyên viên chính"
                            } else {
                                "Chuyên viên"
                            },
                            grade,
                            specialist(&mut rng),
                            None,
                        ),
                    }
                }
            }
        };
        let male = male.unwrap_or_else(|| rng.per_mille(420));

        // Name and login.
        let family = rng.weighted(words::FAMILY);
        let middle = rng.weighted(if male {
            words::MIDDLE_MALE
        } else {
            words::MIDDLE_FEMALE
        });
        let given_pool = if male {
            words::GIVEN_MALE
        } else {
            words::GIVEN_FEMALE
        };
        let given = rng.pick(given_pool).copied().unwrap_or("Anh");
        let full_name = format!("{family} {middle} {given}");
        let login = if role == Role::Hr {
            HR_LOGIN.to_owned()
        } else {
            let mut base: String = crate::text::fold(given)
                .chars()
                .filter(char::is_ascii_lowercase)
                .collect();
            for w in std::iter::once(family).chain(middle.split(' ')) {
                if let Some(c) = crate::text::fold(w).chars().find(char::is_ascii_lowercase) {
                    base.push(c);
                }
            }
            let n = logins.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}{n}") }
        };

        // Dates.
        let year = self.opts.year;
        let (lo, hi) = match role {
            Role::Top => (1965, 1972),
            Role::Head => (1966, 1980),
            Role::Deputy => (1970, 1986),
            Role::Hr => (1978, 1988),
            Role::Member => (1968, 2000),
        };
        let mut birth_year = rng.between(lo, hi) as i32;
        let jan1 = ymd(year, 1, 1);
        let dec31 = ymd(year, 12, 31);
        let window_end = self.opts.today.min(dec31);
        let change = if role == Role::Member {
            rng.below(1000)
        } else {
            1000
        };
        let (joined, left) = if change < 30 && window_end > jan1 {
            // Joined during the year: half on the first of a month.
            birth_year = rng.between(1992, 2000) as i32;
            let mut d = date_between(&mut rng, jan1, window_end);
            if rng.per_mille(500) {
                d = d.with_day(1).unwrap_or(d);
            } else {
                d = workday(d).min(window_end);
            }
            (d, None)
        } else {
            // Years ago; leaders longer ago.
            let (age, latest) = match kind {
                StaffKind::Leader => (24, i64::from(year) - 3),
                StaffKind::Staff => (22, i64::from(year) - 1),
            };
            let first = (i64::from(birth_year) + age).max(1990);
            let jy = rng.between(first, latest) as i32;
            let joined = workday(date_between(&mut rng, ymd(jy, 1, 1), ymd(jy, 12, 28)))
                .min(self.opts.today);
            let leave_start = ymd(year, 1, 15);
            let leave_end = self.opts.today.pred_opt().unwrap_or(jan1).min(dec31);
            let left = (change < 40 && leave_end > leave_start && joined < leave_start)
                .then(|| date_between(&mut rng, leave_start, leave_end));
            (joined, left)
        };
        let birth = date_between(&mut rng, ymd(birth_year, 1, 1), ymd(birth_year, 12, 28));

        let party_pm = match (role, group) {
            (Role::Hr, _) => 1000,
            (_, StaffGroup::Cbldql) => 950,
            (_, StaffGroup::Cc) => 620,
            (_, StaffGroup::Vc) => 450,
            (_, StaffGroup::Nld) => 250,
        };
        let record = Staff {
            code: self.code(i),
            full_name,
            birth_date: Some(birth),
            title: title.to_owned(),
            unit: match unit {
                Some(u) => self.units[u].name.clone(),
                None if role == Role::Hr => self
                    .cat
                    .bases
                    .first()
                    .map_or_else(|| "Phòng Nội vụ".to_owned(), |b| b.name.clone()),
                None => TOP_UNIT.to_owned(),
            },
            kind,
            group,
            party_member: rng.per_mille(party_pm),
            manager_code: manager.map(|m| self.code(m)),
            login: Some(login),
            position_code: position,
            grade: grade.map(str::to_owned),
            employment: Employment {
                joined: Some(joined),
                left,
            },
        };
        (Meta { unit, tier }, record)
    }

    /// One month's rating. Leaders are rarely below HTTNV; the staff of a unit
    /// in an unclean quarter carry the weak months.
    fn draw_month(rng: &mut Rng, kind: StaffKind, tier: Tier, clean: bool) -> MonthlyRating {
        let leader = kind == StaffKind::Leader;
        if rng.per_mille(if leader { 20 } else { 35 }) {
            // Leave or sickness.
            return MonthlyRating {
                rating: Rating::Htnv,
                discipline: Some(20),
                excused: true,
            };
        }
        let weak_pm = match (clean, leader, tier) {
            (true, _, _) => 0,
            (false, true, _) => 30,
            (false, false, Tier::Excellent) => 20,
            (false, false, Tier::Normal) => 130,
            (false, false, Tier::Weak) => 520,
        };
        if rng.per_mille(weak_pm) {
            if !leader && rng.per_mille(140) {
                return MonthlyRating {
                    rating: Rating::Khtnv,
                    discipline: Some(16 + rng.below(4) as u8),
                    excused: false,
                };
            }
            let discipline = if rng.per_mille(400) {
                18 + rng.below(2) as u8
            } else {
                20
            };
            return MonthlyRating {
                rating: Rating::Htnv,
                discipline: Some(discipline),
                excused: false,
            };
        }
        let best_pm = match (leader, tier) {
            (true, Tier::Excellent) => 700,
            (true, _) => 100,
            (false, Tier::Excellent) => 750,
            (false, Tier::Normal) => 90,
            (false, Tier::Weak) => 10,
        };
        if rng.per_mille(best_pm) {
            return MonthlyRating {
                rating: Rating::Htxsnv,
                discipline: Some(20),
                excused: false,
            };
        }
        let slip_pm = match tier {
            Tier::Excellent => 5,
            Tier::Normal => 25,
            Tier::Weak => 100,
        };
        let discipline = if rng.per_mille(slip_pm) {
            18 + rng.below(2) as u8
        } else {
            20
        };
        MonthlyRating {
            rating: Rating::Httnv,
            discipline: Some(discipline),
            excused: false,
        }
    }

    /// The months of `year` (rated ones only) that person `i` spends on
    /// leave for the whole month: about one staff member in a hundred has
    /// a maternity leave of six months (which always covers a whole
    /// quarter, when enough months are rated), another a long illness of
    /// one month. Never a leader, the HR officer or someone who joined or
    /// left during the year.
    fn long_leave(&self, i: usize, staff: &Staff) -> Option<std::ops::RangeInclusive<u8>> {
        let e = staff.employment;
        let all_year = e.joined.is_some_and(|j| j <= ymd(self.cal.year, 1, 1)) && e.left.is_none();
        let last = self.cal.rated_months;
        if staff.kind != StaffKind::Staff || i == 0 || !all_year || last == 0 {
            return None;
        }
        let mut rng = Rng::derive(self.opts.seed, TAG_LEAVE, i as u64);
        match rng.below(1000) {
            // Nghỉ thai sản: six months from a month that leaves a whole
            // quarter inside the rated ones where it can.
            0..10 => {
                let from = 1 + rng.below(u64::from(last.saturating_sub(5).clamp(1, 7))) as u8;
                Some(from..=(from + 5).min(last))
            }
            // Ốm dài ngày: one month.
            10..20 => {
                let m = 1 + rng.below(u64::from(last)) as u8;
                Some(m..=m)
            }
            _ => None,
        }
    }

    /// A person's ratings, checklists, marks and commitment.
    fn activity(&self, i: usize, staff: &Staff, meta: Meta, out: &mut DemoData) {
        let seed = self.opts.seed;
        let year = self.cal.year;
        let e = staff.employment;
        let kind = staff.kind;

        let leave = self.long_leave(i, staff);
        let on_leave = |m: u8| leave.as_ref().is_some_and(|r| r.contains(&m));
        let mut months: [Option<MonthEntry>; 12] = [None; 12];
        let mut rng = Rng::derive(seed, TAG_MONTHS, i as u64);
        for m in 1..=self.cal.rated_months {
            let month = Month { year, month: m };
            if !rated_month(e, month) {
                continue;
            }
            let q = usize::from((m - 1) / 3);
            let clean = meta.unit.is_some_and(|u| self.clean[u * 4 + q]);
            // Drawn on leave too, so that the other months stay as they were.
            let r = Self::draw_month(&mut rng, kind, meta.tier, clean);
            let entry = if on_leave(m) {
                MonthEntry::Leave
            } else {
                MonthEntry::Rated(r)
            };
            months[usize::from(m - 1)] = Some(entry);
            out.ratings.push(RatingRecord {
                code: staff.code.clone(),
                period: RatingPeriod::Month(month),
                entry,
            });
        }

        // The yearly rating, pre-filled from the months rated.
        let mut rng = Rng::derive(seed, TAG_YEAR, i as u64);
        let rated: Vec<MonthlyRating> = months.iter().flatten().filter_map(|m| m.rated()).collect();
        if !rated.is_empty() && (self.cal.year_over() || rng.per_mille(600)) {
            let n = rated.len();
            let best = rated.iter().filter(|r| r.rating == Rating::Htxsnv).count();
            let failed = rated.iter().filter(|r| r.rating == Rating::Khtnv).count();
            let weak = rated
                .iter()
                .filter(|r| !r.rating.at_least_good() && !r.excused)
                .count();
            let rating = if failed >= 3 {
                Rating::Khtnv
            } else if weak >= 3 || weak * 3 >= n && weak > 0 {
                Rating::Htnv
            } else if weak == 0 && best * 2 > n {
                Rating::Htxsnv
            } else {
                Rating::Httnv
            };
            out.ratings.push(RatingRecord {
                code: staff.code.clone(),
                period: RatingPeriod::Year(year),
                entry: MonthEntry::Rated(MonthlyRating {
                    rating,
                    discipline: None,
                    excused: false,
                }),
            });
        }

        for qn in 1..=self.cal.open_quarters {
            let quarter = Quarter { year, q: qn };
            // No checklist for someone not assessed in the quarter (joined
            // too late for a whole month, gone by the 25th, or on leave
            // throughout).
            let on_leave_throughout = quarter.months().iter().all(|m| on_leave(m.month));
            if crate::domain::rules::not_assessed(e, quarter).is_none() && !on_leave_throughout {
                self.checklist(i, staff, meta, quarter, &months, out);
            }
        }

        if let Some(log) = &self.kpi {
            log.person(i, staff, meta.tier, &months, &mut out.tasks);
        }

        self.commitment(i, staff, out);
    }

    /// One checklist with its marks and notes.
    fn checklist(
        &self,
        i: usize,
        staff: &Staff,
        meta: Meta,
        quarter: Quarter,
        months: &[Option<MonthEntry>; 12],
        out: &mut DemoData,
    ) {
        let mut rng = Rng::derive(
            self.opts.seed,
            TAG_CHECKLIST,
            (i as u64) * 4 + u64::from(quarter.q),
        );
        let current = self.cal.current == Some(quarter.q);
        let state = if current {
            match rng.below(1000) {
                0..400 => ChecklistState::Draft,
                400..750 => ChecklistState::Submitted,
                750..950 => ChecklistState::Approved,
                _ => ChecklistState::Returned,
            }
        } else {
            ChecklistState::Approved
        };
        let items = self.cat.items(staff.kind);
        let n = items.len();
        let mark = |target, self_mark, review| MarkRecord {
            code: staff.code.clone(),
            quarter,
            target,
            self_mark,
            review,
        };
        let mut record = ChecklistRecord {
            code: staff.code.clone(),
            quarter,
            state,
            outstanding: false,
            achievement: None,
            return_note: None,
        };
        match state {
            ChecklistState::Draft => {
                // Filled from the top, not finished.
                let k = rng.index(n);
                for id in &items[..k] {
                    let self_mark = !rng.per_mille(20);
                    out.marks
                        .push(mark(MarkTarget::Item(id.clone()), Some(self_mark), None));
                }
            }
            ChecklistState::Submitted => {
                out.marks.push(mark(MarkTarget::All, Some(true), None));
            }
            ChecklistState::Returned => {
                out.marks.push(mark(MarkTarget::All, Some(true), None));
                let j = rng.index(n);
                for id in &items[..j] {
                    out.marks
                        .push(mark(MarkTarget::Item(id.clone()), Some(true), Some(true)));
                }
                let note = rng.pick(words::RETURN_NOTES).copied().unwrap_or_default();
                let item = items.get(j).map_or("", String::as_str);
                record.return_note = Some(note.replace("{item}", item));
            }
            ChecklistState::Approved => {
                out.marks
                    .push(mark(MarkTarget::All, Some(true), Some(true)));
                let qmonths = quarter.months();
                let weak = qmonths
                    .iter()
                    .find(|m| {
                        months[usize::from(m.month - 1)]
                            .and_then(MonthEntry::rated)
                            .is_some_and(|r| weak_month(&r) && !r.excused)
                    })
                    .map(|m| m.month);
                let fail_pm = match (staff.kind, weak.is_some(), meta.tier) {
                    (_, true, _) => 350,
                    (StaffKind::Leader, false, _) => 25,
                    (_, false, Tier::Excellent) => 10,
                    (_, false, Tier::Normal) => 40,
                    (_, false, Tier::Weak) => 150,
                };
                let fails = if rng.per_mille(fail_pm) {
                    if rng.per_mille(300) { 2 } else { 1 }
                } else {
                    0
                };
                // The month a note speaks of: the weak one, else any month of
                // the quarter up to today's.
                let latest = if current {
                    self.opts.today.month() as u8
                } else {
                    qmonths[2].month
                };
                let candidates = self.cat.notes(staff.kind);
                let mut used: Vec<usize> = Vec::new();
                for _ in 0..fails {
                    let (idx, template) = match rng.pick(candidates) {
                        Some(&(idx, t)) if !used.contains(&idx) => (idx, t),
                        _ => match (0..n).find(|x| !used.contains(x)) {
                            Some(idx) => (idx, words::GENERIC_NOTE),
                            None => break,
                        },
                    };
                    used.push(idx);
                    let month = weak.unwrap_or_else(|| {
                        let first = qmonths[0].month;
                        first + rng.below(u64::from(latest.saturating_sub(first)) + 1) as u8
                    });
                    let count = 2 + rng.below(3);
                    let id = items[idx].clone();
                    let self_mark = !rng.per_mille(300);
                    out.marks.push(mark(
                        MarkTarget::Item(id.clone()),
                        Some(self_mark),
                        Some(false),
                    ));
                    out.notes.push(MarkNote {
                        code: staff.code.clone(),
                        quarter,
                        item: id,
                        note: template
                            .replace("{m}", &month.to_string())
                            .replace("{n}", &count.to_string()),
                    });
                }
                let outstanding_pm = match meta.tier {
                    Tier::Excellent => 50,
                    Tier::Normal => 12,
                    Tier::Weak => 0,
                };
                if used.is_empty() && rng.per_mille(outstanding_pm) {
                    record.outstanding = true;
                    record.achievement = rng.pick(words::ACHIEVEMENTS).map(|a| (*a).to_owned());
                }
            }
        }
        out.checklists.push(record);
    }

    /// The commitment of form 01, if signed by `today`.
    fn commitment(&self, i: usize, staff: &Staff, out: &mut DemoData) {
        let year = self.cal.year;
        let e = staff.employment;
        if !e.employed_in_year(year) {
            return;
        }
        let mut rng = Rng::derive(self.opts.seed, TAG_COMMIT, i as u64);
        let jan1 = ymd(year, 1, 1);
        let signed = match e.joined {
            Some(j) if j >= jan1 => Some(plus_days(j, rng.between(3, 14) as u64)),
            _ => match rng.below(1000) {
                0..900 => Some(plus_days(jan1, rng.between(1, 29) as u64)),
                900..970 => Some(plus_days(ymd(year, 2, 10), rng.between(0, 44) as u64)),
                _ => None,
            },
        };
        let Some(signed) = signed.map(workday) else {
            return;
        };
        if signed > self.opts.today || signed.year() != year || e.left.is_some_and(|l| signed > l) {
            return;
        }
        let pick = |rng: &mut Rng, pool: &[&str]| {
            rng.pick(pool).map_or_else(String::new, |s| (*s).to_owned())
        };
        let focus_ethics = pick(&mut rng, words::FOCUS_ETHICS);
        let focus_work = pick(&mut rng, words::FOCUS_WORK);
        let focus_leadership =
            (staff.kind == StaffKind::Leader).then(|| pick(&mut rng, words::FOCUS_LEADERSHIP));
        out.commitments.push(CommitmentRecord {
            code: staff.code.clone(),
            year,
            signed_on: signed,
            focus_ethics,
            focus_work,
            focus_leadership,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_catalog_has_the_item_ids_of_spec_section_3() {
        let c = Catalog::fallback();
        assert_eq!(c.staff_items.len(), 18);
        assert_eq!(c.leader_items.len(), 27);
        assert_eq!(c.staff_items[..], c.leader_items[..18]);
        assert_eq!(c.leader_items[13], "II.2.5");
        assert_eq!(c.leader_items[26], "III.3.3");
        assert_eq!(c.bases[0].name, "Phòng Nội vụ");
    }

    #[test]
    fn the_fallback_catalog_generates_a_district() {
        let opts = DemoOptions::default();
        let d = Generator::new(Catalog::fallback(), &opts).run();
        assert_eq!(d.staff.len(), opts.size);
        assert!(d.staff.iter().all(|s| s.position_code.is_none()));
        assert!(!d.checklists.is_empty() && !d.notes.is_empty());
    }

    #[test]
    fn reference_units_put_noi_vu_first_and_leave_out_generic_ones() {
        let Ok(data) = crate::data::reference() else {
            panic!("reference data loads");
        };
        let c = Catalog::from_reference(data);
        let names: Vec<&str> = c.bases.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names[0], "Phòng Nội vụ");
        assert!(names.contains(&"Thanh tra") && names.contains(&"Văn phòng HĐND và UBND"));
        assert!(
            names
                .iter()
                .all(|n| !n.contains('(') && !n.contains("hoặc"))
        );
        assert!(
            c.bases
                .iter()
                .all(|b| b.head_position.is_some() && b.deputy_position.is_some())
        );
        assert!(c.bases.iter().all(|b| !b.specialist_positions.is_empty()));
        assert!(c.top_position.is_some() && c.hr_position.is_some() && c.driver.is_some());
    }

    #[test]
    fn rated_months_need_half_a_month_of_work() {
        let m = Month {
            year: 2026,
            month: 8,
        };
        let joined = |d| Employment {
            joined: Some(ymd(2026, 8, d)),
            left: None,
        };
        assert!(rated_month(joined(1), m));
        assert!(rated_month(joined(15), m));
        assert!(!rated_month(joined(16), m));
        let left = |d| Employment {
            joined: None,
            left: Some(ymd(2026, 8, d)),
        };
        assert!(rated_month(left(31), m));
        assert!(rated_month(left(15), m));
        assert!(!rated_month(left(14), m));
    }
}
