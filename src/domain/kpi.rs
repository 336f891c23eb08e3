//! KPI (004, SPEC section 4): the catalog of standard tasks (danh mục công
//! việc/sản phẩm), the task log, and the quarter summary — pure types and
//! arithmetic. No I/O, no SQL.
//!
//! The arithmetic of the summary, per *done* entry:
//! - standard minutes = quantity × the bucket's standard minutes;
//! - weighted minutes = standard minutes × the complexity group's weight;
//!
//! and per person and quarter: the sums of both, and the *share* of the
//! quarter's working time = standard minutes ÷ minutes per quarter (time is
//! measured in standard minutes; the weight says how much a minute counts,
//! not how long it lasts). The weighted share is kept beside it. The numbers
//! come from `data/kpi.toml` (defaults, not in 004), overridden by the
//! database's settings ([`KpiSetting`]); see `docs/KPI.md`.

use crate::data::{Bucket, Kpi};
use crate::domain::Quarter;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

// ---- complexity and time -------------------------------------------------

/// Nhóm mức độ phức tạp (004): N1 simple and repetitive … N5 strategic. The
/// definitions are in [`crate::data::Complexity`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ComplexityGroup {
    N1,
    N2,
    N3,
    N4,
    N5,
}

impl ComplexityGroup {
    pub const ALL: [ComplexityGroup; 5] = [Self::N1, Self::N2, Self::N3, Self::N4, Self::N5];

    /// 1–5.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// 0–4: the position in `data/kpi.toml` and in [`KpiSettings::weights`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    pub fn as_str(self) -> &'static str {
        ["N1", "N2", "N3", "N4", "N5"][self.index()]
    }

    /// `N3`, `n3`, `3`, `Nhóm 3`, `nhom3`, `N 3`.
    pub fn parse(s: &str) -> Option<Self> {
        let c = compact(s);
        let digits = c
            .strip_prefix("nhom")
            .or_else(|| c.strip_prefix('n'))
            .unwrap_or(&c);
        match digits {
            "1" | "2" | "3" | "4" | "5" => digits.parse().ok().and_then(Self::from_number),
            _ => None,
        }
    }
}

impl fmt::Display for ComplexityGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One of the 14 time buckets of 004 (định lượng thời gian), numbered 1–14
/// as in `data/kpi.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TimeBucket(u8);

impl TimeBucket {
    pub const COUNT: u8 = 14;

    pub fn new(n: u8) -> Option<Self> {
        (1..=Self::COUNT).contains(&n).then_some(TimeBucket(n))
    }

    /// 1–14.
    pub fn number(self) -> u8 {
        self.0
    }

    /// 0–13: the position in `data/kpi.toml` and [`KpiSettings::standard_minutes`].
    pub fn index(self) -> usize {
        usize::from(self.0 - 1)
    }

    /// Its reference data (label, bounds), if `buckets` is the 14 of `data/kpi.toml`.
    pub fn of(self, buckets: &[Bucket]) -> Option<&Bucket> {
        buckets.get(self.index())
    }

    /// The bucket a duration falls in: `[min, max)`, the last open-ended.
    pub fn for_minutes(minutes: f64, buckets: &[Bucket]) -> Option<Self> {
        if !(minutes.is_finite() && minutes >= 0.0) {
            return None;
        }
        let b = buckets.iter().find(|b| {
            minutes >= f64::from(b.min_minutes)
                && b.max_minutes.is_none_or(|m| minutes < f64::from(m))
        })?;
        Self::new(b.id)
    }
}

impl fmt::Display for TimeBucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "B{}", self.0)
    }
}

/// Letters and digits of the fold.
fn compact(s: &str) -> String {
    crate::text::fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Minutes in one working day: 004 itself equates 480 ph with 1 ngày.
pub const MINUTES_PER_DAY: f64 = 480.0;

/// Reads a duration as an office writes it, leniently, into its bucket:
/// - a bucket's label from 004, with or without diacritics, spaces, `ph` or
///   `phút`, and the hours in brackets: `Từ 45 ph đến dưới 75 ph (0,75 - 1,25
///   giờ)`, `tu 45ph den duoi 75ph`, `Dưới 5 phút`, `Từ 2400 ph trở lên`. The
///   label is read for its bounds, which must be a bucket's own;
/// - a duration, which lands in the bucket that contains it: `60` (a bare
///   number is minutes), `60 ph`, `1,5 giờ`, `2 ngày` (a day is 480 minutes);
/// - the bucket's number with a `B`: `B5`.
pub fn parse_time_bucket(s: &str, buckets: &[Bucket]) -> Option<TimeBucket> {
    let folded = drop_brackets(&crate::text::fold(s));
    let c: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    if let Some(n) = c.strip_prefix('b')
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return TimeBucket::new(n.parse().ok()?);
    }
    let tokens = tokens(&folded);
    let numbers: Vec<f64> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Number(n) => Some(*n),
            Token::Word(_) => None,
        })
        .collect();
    let words: Vec<&str> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w.as_str()),
            Token::Number(_) => None,
        })
        .collect();
    // The unit of every number: minutes unless a word says hours or days.
    let mut scale = None;
    let mut range_words = Vec::new();
    for w in &words {
        match unit_scale(w) {
            Some(u) if scale.is_none_or(|s| s == u) => scale = Some(u),
            Some(_) => return None,
            None => range_words.push(*w),
        }
    }
    let scale = scale.unwrap_or(1.0);
    let has = |w: &str| range_words.contains(&w);
    let open_end = has("tren") || (has("tro") && has("len")) || has("trolen");
    if range_words.iter().any(|w| {
        !matches!(
            *w,
            "tu" | "den" | "duoi" | "tren" | "tro" | "len" | "trolen"
        )
    }) {
        return None;
    }
    let bounds = |min: f64, max: Option<f64>| {
        buckets
            .iter()
            .find(|b| f64::from(b.min_minutes) == min && b.max_minutes.map(f64::from) == max)
    };
    let found = match (numbers.as_slice(), range_words.is_empty()) {
        ([n], true) => return TimeBucket::for_minutes(n * scale, buckets),
        ([n], false) if open_end => bounds(n * scale, None),
        ([n], false) if has("duoi") && !has("tu") => bounds(0.0, Some(n * scale)),
        ([a, b], _) if !open_end => bounds(a * scale, Some(b * scale)),
        _ => None,
    }?;
    TimeBucket::new(found.id)
}

/// Minutes per unit word: `ph`/`phút`/`min` 1, `giờ`/`h` 60, `ngày`/`d` 480.
fn unit_scale(word: &str) -> Option<f64> {
    match word {
        "ph" | "phut" | "p" | "m" | "min" | "mins" | "minute" | "minutes" => Some(1.0),
        "h" | "gio" | "g" | "tieng" | "hour" | "hours" => Some(60.0),
        "ngay" | "d" | "day" | "days" => Some(MINUTES_PER_DAY),
        _ => None,
    }
}

fn drop_brackets(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[derive(Debug, PartialEq)]
enum Token {
    Number(f64),
    Word(String),
}

/// Numbers (`0,75` and `0.75` alike) and words of folded text; everything
/// else separates them. `5ph` is a number and a word.
fn tokens(s: &str) -> Vec<Token> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let mut text = String::new();
            while i < chars.len() {
                let d = chars[i];
                let decimal = matches!(d, ',' | '.')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                    && !text.contains('.');
                if d.is_ascii_digit() {
                    text.push(d);
                } else if decimal {
                    text.push('.');
                } else {
                    break;
                }
                i += 1;
            }
            if let Ok(n) = text.parse() {
                out.push(Token::Number(n));
            }
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while i < chars.len() && chars[i].is_alphabetic() {
                word.push(chars[i]);
                i += 1;
            }
            out.push(Token::Word(word));
        } else {
            i += 1;
        }
    }
    out
}

// ---- the catalog -----------------------------------------------------------

/// One row of a unit's catalog (004, sheet 2): a task, or one step of a long
/// task (each step its own row with its own intermediate product).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// Đơn vị (phòng, ban): whose catalog this is.
    pub unit: String,
    /// Lĩnh vực / mảng công việc.
    pub area: String,
    /// Tên nhiệm vụ.
    pub task: String,
    /// The step's number within the task, from 1; a task not split is step 1.
    pub step: u32,
    /// Công việc chi tiết: the main steps of the work.
    pub steps: String,
    /// Sản phẩm đầu ra (the intermediate product of a step).
    pub product: String,
    pub complexity: ComplexityGroup,
    pub bucket: TimeBucket,
}

/// A row of the catalog file is a whole [`CatalogEntry`].
pub type CatalogRecord = CatalogEntry;

/// A stored catalog entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogItem {
    /// Stable across re-imports (upsert by unit, area, task and step).
    pub id: i64,
    pub entry: CatalogEntry,
    /// How many steps its task has (1 when it is not split).
    pub step_count: u32,
}

// ---- the log ---------------------------------------------------------------

/// Where a logged task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Đang thực hiện.
    InProgress,
    /// Đã hoàn thành: only these count in the summary.
    Done,
}

impl EntryState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InProgress => "in_progress",
            Self::Done => "done",
        }
    }

    /// `done`, `xong`, `hoàn thành`, `đã hoàn thành`, `HT`, `1`;
    /// `in_progress`, `đang thực hiện`, `đang làm`, `chưa xong`, `0`.
    pub fn parse(s: &str) -> Option<Self> {
        match compact(s).as_str() {
            "done" | "xong" | "daxong" | "hoanthanh" | "dahoanthanh" | "ht" | "dht" | "1"
            | "completed" | "finished" => Some(Self::Done),
            "inprogress" | "dangthuchien" | "danglam" | "dang" | "chuaxong" | "chuahoanthanh"
            | "dth" | "0" | "progress" | "ongoing" => Some(Self::InProgress),
            _ => None,
        }
    }
}

/// Which task an entry is: from the unit's catalog, or ad hoc (not in the
/// catalog) with its own name, complexity and bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskChoice {
    Catalog(i64),
    AdHoc {
        name: String,
        complexity: ComplexityGroup,
        bucket: TimeBucket,
    },
}

/// What a person enters to log (or edit) a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskInput {
    pub date: NaiveDate,
    pub task: TaskChoice,
    /// How many times (products) — at least 1.
    pub quantity: u32,
    /// The product's reference, e.g. a document number `123/UBND-VP`; may
    /// be empty.
    pub product_ref: String,
    pub state: EntryState,
}

/// A stored log entry. Its task's name, step, complexity and bucket are
/// copied from the catalog when it is logged or edited, so that a later
/// change of the catalog does not rewrite past quarters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiEntry {
    pub id: i64,
    /// The staff member's code.
    pub code: String,
    pub date: NaiveDate,
    /// `None` for an ad-hoc task.
    pub catalog_id: Option<i64>,
    pub task: String,
    /// The step of the catalog task (1 when it is not split).
    pub step: Option<u32>,
    pub complexity: ComplexityGroup,
    pub bucket: TimeBucket,
    pub quantity: u32,
    pub product_ref: String,
    pub state: EntryState,
    /// Login of the manager (or admin) who confirmed it.
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<String>,
    /// Optimistic concurrency: an edit names the version it read.
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
}

impl KpiEntry {
    pub fn quarter(&self) -> Quarter {
        Quarter::containing(self.date)
    }

    pub fn confirmed(&self) -> bool {
        self.confirmed_by.is_some()
    }

    /// What this entry contributes to the summary.
    pub fn line(&self) -> SummaryLine {
        SummaryLine {
            state: self.state,
            confirmed: self.confirmed(),
            complexity: self.complexity,
            bucket: self.bucket,
            quantity: self.quantity,
        }
    }
}

/// A row of the tasks file (bulk entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRecord {
    pub code: String,
    pub date: NaiveDate,
    /// The catalog task's id or name (resolved against the person's unit).
    pub task: TaskName,
    /// Which step of a split task.
    pub step: Option<u32>,
    pub quantity: u32,
    pub product_ref: String,
    pub state: EntryState,
    /// For an ad-hoc task (not in the catalog): its complexity and bucket.
    pub complexity: Option<ComplexityGroup>,
    pub bucket: Option<TimeBucket>,
}

/// A task as a file names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaskName {
    /// A catalog id (`17` or `#17`).
    Id(i64),
    Name(String),
}

// ---- the summary -----------------------------------------------------------

/// The numbers of the summary: defaults from `data/kpi.toml`, overridden by
/// what an admin stored in the database ([`KpiSetting`]; frozen with a
/// closed round). Read through `Service::kpi_settings`.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiSettings {
    /// Working time of a quarter.
    pub minutes_per_quarter: f64,
    /// Weight of N1–N5.
    pub weights: [f64; 5],
    /// Standard minutes of one task of buckets 1–14.
    pub standard_minutes: [f64; 14],
}

impl KpiSettings {
    /// The defaults of `data/kpi.toml` (validated there: five groups, 14
    /// buckets, every number positive).
    pub fn defaults(kpi: &Kpi) -> KpiSettings {
        let mut weights = [1.0; 5];
        for (w, c) in weights.iter_mut().zip(&kpi.complexities) {
            *w = c.weight;
        }
        let mut standard_minutes = [1.0; 14];
        for (m, b) in standard_minutes.iter_mut().zip(&kpi.buckets) {
            *m = b.standard_minutes;
        }
        KpiSettings {
            minutes_per_quarter: kpi.minutes_per_quarter,
            weights,
            standard_minutes,
        }
    }

    pub fn weight(&self, c: ComplexityGroup) -> f64 {
        self.weights[c.index()]
    }

    pub fn standard(&self, b: TimeBucket) -> f64 {
        self.standard_minutes[b.index()]
    }

    /// quantity × the bucket's standard minutes.
    pub fn standard_minutes_of(&self, quantity: u32, b: TimeBucket) -> f64 {
        f64::from(quantity) * self.standard(b)
    }

    /// quantity × the bucket's standard minutes × the group's weight.
    pub fn weighted_minutes_of(&self, quantity: u32, c: ComplexityGroup, b: TimeBucket) -> f64 {
        self.standard_minutes_of(quantity, b) * self.weight(c)
    }
}

/// One number of [`KpiSettings`] that an office may set: an admin stores it
/// in the database (`danhgia settings --kpi-…`) under [`KpiSetting::key`];
/// absent, the default of `data/kpi.toml` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KpiSetting {
    /// `kpi.minutes_per_quarter`.
    MinutesPerQuarter,
    /// `kpi.weight.N2`.
    Weight(ComplexityGroup),
    /// `kpi.standard_minutes.5` (bucket 1–14).
    StandardMinutes(TimeBucket),
}

/// Why a KPI number given by an admin (or found stored) is not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KpiSettingProblem {
    /// Not `N1`–`N5`.
    UnknownGroup(String),
    /// Not a bucket number 1–14.
    UnknownBucket(String),
    /// Not written `KEY=NUMBER`.
    NotKeyValue(String),
    /// Not a number, or not a positive finite one; `key` names the setting.
    NotPositive { key: String, value: String },
}

impl KpiSetting {
    /// The start of every KPI key in the `settings` table.
    pub const PREFIX: &'static str = "kpi.";

    /// All 20, in the order they are shown.
    pub fn all() -> Vec<KpiSetting> {
        let mut v = vec![KpiSetting::MinutesPerQuarter];
        v.extend(ComplexityGroup::ALL.map(KpiSetting::Weight));
        v.extend(
            (1..=TimeBucket::COUNT)
                .filter_map(TimeBucket::new)
                .map(KpiSetting::StandardMinutes),
        );
        v
    }

    /// Its key in the `settings` table.
    pub fn key(self) -> String {
        match self {
            KpiSetting::MinutesPerQuarter => "kpi.minutes_per_quarter".to_owned(),
            KpiSetting::Weight(c) => format!("kpi.weight.{c}"),
            KpiSetting::StandardMinutes(b) => format!("kpi.standard_minutes.{}", b.number()),
        }
    }

    /// The setting stored under `key`, if `key` is one.
    pub fn from_key(key: &str) -> Option<KpiSetting> {
        Self::all().into_iter().find(|s| s.key() == key)
    }

    /// `N1`–`N5` (any case), as the old `[kpi] weights` table took them.
    pub fn weight(group: &str) -> Result<KpiSetting, KpiSettingProblem> {
        ComplexityGroup::parse(group)
            .filter(|c| c.as_str().eq_ignore_ascii_case(group.trim()))
            .map(KpiSetting::Weight)
            .ok_or_else(|| KpiSettingProblem::UnknownGroup(group.trim().to_owned()))
    }

    /// A bucket number 1–14.
    pub fn standard_minutes(bucket: &str) -> Result<KpiSetting, KpiSettingProblem> {
        bucket
            .trim()
            .parse::<u8>()
            .ok()
            .and_then(TimeBucket::new)
            .map(KpiSetting::StandardMinutes)
            .ok_or_else(|| KpiSettingProblem::UnknownBucket(bucket.trim().to_owned()))
    }

    /// `N2=1.2` (with [`KpiSetting::weight`]) or `5=60` (with
    /// [`KpiSetting::standard_minutes`]): the setting and its number.
    pub fn assignment(
        text: &str,
        which: fn(&str) -> Result<KpiSetting, KpiSettingProblem>,
    ) -> Result<(KpiSetting, f64), KpiSettingProblem> {
        let (k, v) = text
            .split_once('=')
            .ok_or_else(|| KpiSettingProblem::NotKeyValue(text.trim().to_owned()))?;
        let s = which(k)?;
        Ok((s, s.number(v)?))
    }

    /// `text` as a value of this setting: a positive finite number (a
    /// decimal comma is taken as a point).
    pub fn number(self, text: &str) -> Result<f64, KpiSettingProblem> {
        let t = text.trim();
        t.replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0)
            .ok_or_else(|| KpiSettingProblem::NotPositive {
                key: self.key(),
                value: t.to_owned(),
            })
    }

    /// A number given as such (not as text), checked as [`KpiSetting::number`].
    pub fn check(self, v: f64) -> Result<f64, KpiSettingProblem> {
        if v.is_finite() && v > 0.0 {
            Ok(v)
        } else {
            Err(KpiSettingProblem::NotPositive {
                key: self.key(),
                value: v.to_string(),
            })
        }
    }

    /// Its value in `s`.
    pub fn get(self, s: &KpiSettings) -> f64 {
        match self {
            KpiSetting::MinutesPerQuarter => s.minutes_per_quarter,
            KpiSetting::Weight(c) => s.weights[c.index()],
            KpiSetting::StandardMinutes(b) => s.standard_minutes[b.index()],
        }
    }

    pub fn set(self, s: &mut KpiSettings, v: f64) {
        match self {
            KpiSetting::MinutesPerQuarter => s.minutes_per_quarter = v,
            KpiSetting::Weight(c) => s.weights[c.index()] = v,
            KpiSetting::StandardMinutes(b) => s.standard_minutes[b.index()] = v,
        }
    }
}

/// What one entry brings to the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryLine {
    pub state: EntryState,
    pub confirmed: bool,
    pub complexity: ComplexityGroup,
    pub bucket: TimeBucket,
    pub quantity: u32,
}

/// Sums over a person's quarter, before the share (what the set-based query
/// of the store returns per person).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SummaryTotals {
    pub tasks_done: u32,
    pub quantity_done: u64,
    pub unconfirmed_done: u32,
    pub in_progress: u32,
    pub standard_minutes: f64,
    pub weighted_minutes: f64,
}

/// One person's quarter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct QuarterSummary {
    /// Done entries (a line of the log, whatever its quantity).
    pub tasks_done: u32,
    /// The sum of the done entries' quantities.
    pub quantity_done: u64,
    /// Done entries the manager has not confirmed yet (they still count).
    pub unconfirmed_done: u32,
    /// Entries still in progress (they do not count).
    pub in_progress: u32,
    pub standard_minutes: f64,
    pub weighted_minutes: f64,
    /// standard minutes ÷ minutes per quarter: the share of working time.
    pub share: f64,
    /// weighted minutes ÷ minutes per quarter.
    pub weighted_share: f64,
}

impl SummaryTotals {
    pub fn add(&mut self, l: SummaryLine, s: &KpiSettings) {
        match l.state {
            EntryState::InProgress => self.in_progress += 1,
            EntryState::Done => {
                self.tasks_done += 1;
                self.quantity_done += u64::from(l.quantity);
                if !l.confirmed {
                    self.unconfirmed_done += 1;
                }
                self.standard_minutes += s.standard_minutes_of(l.quantity, l.bucket);
                self.weighted_minutes += s.weighted_minutes_of(l.quantity, l.complexity, l.bucket);
            }
        }
    }
}

impl QuarterSummary {
    /// The summary of a person's entries of one quarter.
    pub fn of(lines: impl IntoIterator<Item = SummaryLine>, s: &KpiSettings) -> QuarterSummary {
        let mut t = SummaryTotals::default();
        for l in lines {
            t.add(l, s);
        }
        Self::from_totals(t, s)
    }

    pub fn from_totals(t: SummaryTotals, s: &KpiSettings) -> QuarterSummary {
        QuarterSummary {
            tasks_done: t.tasks_done,
            quantity_done: t.quantity_done,
            unconfirmed_done: t.unconfirmed_done,
            in_progress: t.in_progress,
            standard_minutes: t.standard_minutes,
            weighted_minutes: t.weighted_minutes,
            share: t.standard_minutes / s.minutes_per_quarter,
            weighted_share: t.weighted_minutes / s.minutes_per_quarter,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::reference;

    fn buckets() -> &'static [Bucket] {
        &reference().unwrap().kpi.buckets
    }

    fn defaults() -> KpiSettings {
        KpiSettings::defaults(&reference().unwrap().kpi)
    }

    fn b(n: u8) -> TimeBucket {
        TimeBucket::new(n).unwrap()
    }

    fn done(c: ComplexityGroup, bucket: u8, quantity: u32) -> SummaryLine {
        SummaryLine {
            state: EntryState::Done,
            confirmed: true,
            complexity: c,
            bucket: b(bucket),
            quantity,
        }
    }

    #[test]
    fn defaults_are_those_of_data_kpi_toml() {
        let s = defaults();
        assert_eq!(s.minutes_per_quarter, 31_200.0);
        assert_eq!(s.weights, [1.0, 1.25, 1.5, 2.0, 2.5]);
        assert_eq!(
            s.standard_minutes,
            [
                2.5, 10.0, 20.0, 35.0, 60.0, 90.0, 120.0, 187.5, 360.0, 720.0, 1200.0, 1680.0,
                2160.0, 2400.0
            ]
        );
    }

    #[test]
    fn summary_of_a_quarter_by_hand() {
        use ComplexityGroup::*;
        let s = defaults();
        let mut unconfirmed = done(N1, 1, 10);
        unconfirmed.confirmed = false;
        let lines = [
            // 3 × bucket 5 (60 min) = 180 standard; × N2 1.25 = 225 weighted
            done(N2, 5, 3),
            // 1 × bucket 9 (360 min) = 360; × N4 2.0 = 720
            done(N4, 9, 1),
            // 10 × bucket 1 (2.5 min) = 25; × N1 1.0 = 25 (not yet confirmed:
            // it counts, and is counted as unconfirmed)
            unconfirmed,
            // in progress: counts nowhere but in `in_progress`
            SummaryLine {
                state: EntryState::InProgress,
                ..done(N3, 10, 1)
            },
        ];
        let q = QuarterSummary::of(lines, &s);
        assert_eq!(q.tasks_done, 3);
        assert_eq!(q.quantity_done, 3 + 1 + 10);
        assert_eq!(q.unconfirmed_done, 1);
        assert_eq!(q.in_progress, 1);
        // 180 + 360 + 25 = 565
        assert_eq!(q.standard_minutes, 565.0);
        // 225 + 720 + 25 = 970
        assert_eq!(q.weighted_minutes, 970.0);
        // 565 / 31 200 = 0.018108974…  (1.81 % of the quarter)
        assert!((q.share - 0.018_108_974).abs() < 1e-9, "{}", q.share);
        // 970 / 31 200 = 0.031089743…
        assert!((q.weighted_share - 0.031_089_743).abs() < 1e-9);
    }

    #[test]
    fn a_full_quarter_of_one_bucket_fills_the_working_time() {
        let s = defaults();
        // 52 tasks of bucket 10 (standard 720 min): 52 × 720 = 37 440
        // standard minutes; 37 440 / 31 200 (65 days × 8 h × 60) = 1.2 — the
        // share is not capped at 1.
        let q = QuarterSummary::of([done(ComplexityGroup::N5, 10, 52)], &s);
        assert_eq!(q.standard_minutes, 37_440.0);
        // × 2.5 = 93 600
        assert_eq!(q.weighted_minutes, 93_600.0);
        assert_eq!(q.share, 1.2);
        assert_eq!(q.weighted_share, 3.0);
    }

    #[test]
    fn overridden_settings_change_the_arithmetic() {
        let mut s = defaults();
        s.minutes_per_quarter = 30_240.0;
        s.weights[1] = 1.2;
        s.standard_minutes[4] = 50.0;
        // 4 × 50 = 200 standard; × 1.2 = 240 weighted; 200 / 30 240 = 0.006613…
        let q = QuarterSummary::of([done(ComplexityGroup::N2, 5, 4)], &s);
        assert_eq!(q.standard_minutes, 200.0);
        assert!((q.weighted_minutes - 240.0).abs() < 1e-9);
        assert!((q.share - 200.0 / 30_240.0).abs() < 1e-12);
    }

    #[test]
    fn nothing_done_is_all_zero() {
        let q = QuarterSummary::of([], &defaults());
        assert_eq!(q, QuarterSummary::default());
    }

    #[test]
    fn the_fourteen_labels_of_004_read_back_to_their_buckets() {
        for bucket in buckets() {
            assert_eq!(
                parse_time_bucket(&bucket.label, buckets()),
                TimeBucket::new(bucket.id),
                "{}",
                bucket.label
            );
        }
    }

    #[test]
    fn labels_read_leniently() {
        let p = |s: &str| parse_time_bucket(s, buckets()).map(TimeBucket::number);
        assert_eq!(p("Từ 45 ph đến dưới 75 ph"), Some(5));
        assert_eq!(p("tu 45ph den duoi 75ph"), Some(5));
        assert_eq!(p("TỪ 45 PHÚT ĐẾN DƯỚI 75 PHÚT"), Some(5));
        assert_eq!(p("Từ 45 đến dưới 75 phút (0,75 - 1,25 giờ)"), Some(5));
        assert_eq!(p("45 - 75 ph"), Some(5));
        assert_eq!(p("Dưới 5 phút"), Some(1));
        assert_eq!(p("duoi5ph"), Some(1));
        assert_eq!(p("Từ 2400 ph trở lên"), Some(14));
        assert_eq!(p("tu 2400ph tro len"), Some(14));
        assert_eq!(p("Từ 1 đến dưới 2 ngày"), Some(10));
        assert_eq!(p("Từ 4 đến dưới 8 giờ"), Some(9));
        // bounds that are no bucket's
        assert_eq!(p("Từ 45 ph đến dưới 90 ph"), None);
        assert_eq!(p("Dưới 10 ph"), None);
        assert_eq!(p("Từ 45 ph trở lên"), None);
        assert_eq!(p("khoảng một buổi"), None);
        assert_eq!(p(""), None);
    }

    #[test]
    fn durations_land_in_their_bucket_and_b_numbers_name_one() {
        let p = |s: &str| parse_time_bucket(s, buckets()).map(TimeBucket::number);
        assert_eq!(p("0"), Some(1));
        assert_eq!(p("4.9"), Some(1));
        // a bare number is minutes: 5 is the lower bound of bucket 2
        assert_eq!(p("5"), Some(2));
        assert_eq!(p("60"), Some(5));
        assert_eq!(p("74"), Some(5));
        assert_eq!(p("75"), Some(6));
        assert_eq!(p("60 ph"), Some(5));
        assert_eq!(p("60 phút"), Some(5));
        assert_eq!(p("1,5 giờ"), Some(6)); // 90 min
        assert_eq!(p("2h"), Some(7)); // 120 min
        assert_eq!(p("1 ngày"), Some(10)); // 480 min
        assert_eq!(p("100000"), Some(14));
        assert_eq!(p("B5"), Some(5));
        assert_eq!(p("b14"), Some(14));
        assert_eq!(p("B15"), None);
        assert_eq!(p("B0"), None);
        assert_eq!(p("-5"), Some(2)); // the minus sign is not read: 5 min
        assert_eq!(p("1 giờ 30 ph"), None);
    }

    #[test]
    fn complexity_groups_read_as_offices_write_them() {
        use ComplexityGroup::*;
        for (s, c) in [
            ("N1", N1),
            ("n3", N3),
            ("5", N5),
            ("Nhóm 2", N2),
            ("nhom4", N4),
            ("N 3", N3),
        ] {
            assert_eq!(ComplexityGroup::parse(s), Some(c), "{s}");
        }
        for s in ["N0", "N6", "", "Nhóm", "12", "phức tạp"] {
            assert_eq!(ComplexityGroup::parse(s), None, "{s}");
        }
        assert_eq!(N4.number(), 4);
        assert_eq!(ComplexityGroup::from_number(4), Some(N4));
        assert_eq!(ComplexityGroup::from_number(0), None);
    }

    #[test]
    fn states_read_in_both_languages() {
        assert_eq!(EntryState::parse("Đã hoàn thành"), Some(EntryState::Done));
        assert_eq!(EntryState::parse("done"), Some(EntryState::Done));
        assert_eq!(
            EntryState::parse("Đang thực hiện"),
            Some(EntryState::InProgress)
        );
        assert_eq!(
            EntryState::parse("in_progress"),
            Some(EntryState::InProgress)
        );
        assert_eq!(EntryState::parse("maybe"), None);
    }
}
