#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The demo district: deterministic, well-formed, and a believable mix of
//! results when the rules engine reads it.

use chrono::{Datelike, NaiveDate};
use danhgia::data::reference;
use danhgia::demo::{DemoData, DemoOptions, ENTRY_BUDGET, HR_LOGIN, Volume, generate};
use danhgia::domain::kpi::{CatalogRecord, ComplexityGroup, EntryState, TaskName, TaskRecord};
use danhgia::domain::records::Numbered;
use danhgia::domain::records::{MarkTarget, RatingPeriod};
use danhgia::domain::rules::{
    ChecklistInput, Outcome, QuarterInput, QuarterResult, SubordinateMonths, evaluate, not_assessed,
};
use danhgia::domain::{
    ChecklistState, Month, MonthEntry, MonthlyRating, Quarter, Rating, StaffGroup, StaffKind,
};
use danhgia::service::Service;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::is_nfc;

fn default_demo() -> &'static DemoData {
    static DATA: OnceLock<DemoData> = OnceLock::new();
    DATA.get_or_init(|| generate(&DemoOptions::default()))
}

/// The months each person spends on leave for the whole month.
fn leave_months(d: &DemoData) -> HashSet<(&str, Month)> {
    d.ratings
        .iter()
        .filter(|r| r.entry.is_leave())
        .filter_map(|r| match r.period {
            RatingPeriod::Month(m) => Some((r.code.as_str(), m)),
            RatingPeriod::Year(_) => None,
        })
        .collect()
}

fn sized(size: usize) -> DemoOptions {
    DemoOptions {
        size,
        ..DemoOptions::default()
    }
}

fn item_ids(kind: StaffKind) -> Vec<&'static str> {
    reference()
        .unwrap()
        .criteria
        .form(kind)
        .items()
        .map(|i| i.id.as_str())
        .collect()
}

/// The generated rows, indexed the way the service would store them.
struct Index<'a> {
    data: &'a DemoData,
    by_code: HashMap<&'a str, usize>,
    months: HashMap<(&'a str, Month), MonthEntry>,
    subordinates: HashMap<&'a str, Vec<usize>>,
    /// Self and review marks per (person, quarter), the mark rows applied
    /// in order (an unset mark in a row leaves the item as it was).
    reviews: HashMap<(&'a str, Quarter), Vec<Option<bool>>>,
    self_marks: HashMap<(&'a str, Quarter), Vec<Option<bool>>>,
    states: HashMap<(&'a str, Quarter), ChecklistState>,
    leader_ids: Vec<&'static str>,
    staff_ids: Vec<&'static str>,
}

impl<'a> Index<'a> {
    fn new(data: &'a DemoData) -> Index<'a> {
        let leader_ids = item_ids(StaffKind::Leader);
        let staff_ids = item_ids(StaffKind::Staff);
        let by_code: HashMap<&str, usize> = data
            .staff
            .iter()
            .enumerate()
            .map(|(i, s)| (s.code.as_str(), i))
            .collect();
        let mut months = HashMap::new();
        for r in &data.ratings {
            if let RatingPeriod::Month(m) = r.period {
                assert!(
                    months.insert((r.code.as_str(), m), r.entry).is_none(),
                    "{} rated twice for {m}",
                    r.code
                );
            }
        }
        let mut subordinates: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, s) in data.staff.iter().enumerate() {
            if let Some(m) = &s.manager_code {
                subordinates.entry(m.as_str()).or_default().push(i);
            }
        }
        let mut reviews: HashMap<(&str, Quarter), Vec<Option<bool>>> = HashMap::new();
        let mut self_marks: HashMap<(&str, Quarter), Vec<Option<bool>>> = HashMap::new();
        for m in &data.marks {
            let s = &data.staff[by_code[m.code.as_str()]];
            let ids = if s.kind == StaffKind::Leader {
                &leader_ids
            } else {
                &staff_ids
            };
            let row = reviews
                .entry((m.code.as_str(), m.quarter))
                .or_insert_with(|| vec![None; ids.len()]);
            let targets: Vec<usize> = match &m.target {
                MarkTarget::All => (0..ids.len()).collect(),
                MarkTarget::Item(id) => vec![ids.iter().position(|i| i == id).unwrap()],
            };
            if m.review.is_some() {
                for &t in &targets {
                    row[t] = m.review;
                }
            }
            let row = self_marks
                .entry((m.code.as_str(), m.quarter))
                .or_insert_with(|| vec![None; ids.len()]);
            if m.self_mark.is_some() {
                for t in targets {
                    row[t] = m.self_mark;
                }
            }
        }
        let states = data
            .checklists
            .iter()
            .map(|c| ((c.code.as_str(), c.quarter), c.state))
            .collect();
        Index {
            data,
            by_code,
            months,
            subordinates,
            reviews,
            self_marks,
            states,
            leader_ids,
            staff_ids,
        }
    }

    fn three(&self, code: &str, q: Quarter) -> [Option<MonthEntry>; 3] {
        q.months().map(|m| self.months.get(&(code, m)).copied())
    }

    /// The rules engine's result for person `i` in `q`.
    fn evaluate(&self, i: usize, q: Quarter) -> QuarterResult {
        let s = &self.data.staff[i];
        let ids = if s.kind == StaffKind::Leader {
            &self.leader_ids
        } else {
            &self.staff_ids
        };
        let none = vec![None; ids.len()];
        let reviews = self.reviews.get(&(s.code.as_str(), q)).unwrap_or(&none);
        let self_marks = self.self_marks.get(&(s.code.as_str(), q)).unwrap_or(&none);
        let subordinates: Vec<SubordinateMonths> = self
            .subordinates
            .get(s.code.as_str())
            .into_iter()
            .flatten()
            .map(|&j| {
                let sub = &self.data.staff[j];
                SubordinateMonths {
                    code: sub.code.clone(),
                    name: sub.full_name.clone(),
                    employment: sub.employment,
                    months: self.three(&sub.code, q),
                    // The demo records no change of manager.
                    under: SubordinateMonths::THROUGHOUT,
                }
            })
            .collect();
        evaluate(&QuarterInput {
            quarter: q,
            kind: s.kind,
            employment: s.employment,
            item_ids: ids,
            checklist: ChecklistInput {
                state: self.states.get(&(s.code.as_str(), q)).copied(),
                self_marks,
                reviews,
            },
            reviewer: None,
            months: self.three(&s.code, q),
            subordinates: &subordinates,
        })
    }

    /// Pass, fail, pending and not-assessed counts of everyone employed
    /// during `q` (of the given kind, if any).
    fn mix(&self, q: Quarter, kind: Option<StaffKind>) -> [usize; 4] {
        let mut counts = [0; 4];
        for (i, s) in self.data.staff.iter().enumerate() {
            if !s.employment.employed_during(q) || kind.is_some_and(|k| k != s.kind) {
                continue;
            }
            let slot = match self.evaluate(i, q).outcome {
                Outcome::Pass => 0,
                Outcome::Fail => 1,
                Outcome::Pending => 2,
                Outcome::NotAssessed => 3,
            };
            counts[slot] += 1;
        }
        counts
    }
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole.max(1) as f64
}

#[test]
fn the_same_options_give_the_same_district() {
    let opts = DemoOptions::default();
    assert_eq!(generate(&opts), generate(&opts));
    assert_eq!(&generate(&opts), default_demo());
    let other = generate(&DemoOptions {
        seed: opts.seed + 1,
        ..opts.clone()
    });
    assert_ne!(other.staff, default_demo().staff);
    // Pinned: the generator must not drift with a crate upgrade.
    let d = default_demo();
    assert_eq!(d.staff[0].code, "CB000001");
    assert_eq!(d.staff[0].login.as_deref(), Some(HR_LOGIN));
}

#[test]
fn exactly_size_people_for_every_size() {
    for size in [0, 1, 2, 3, 4, 5, 9, 10, 23, 37, 121, 300, 1000, 4321] {
        let d = generate(&sized(size));
        assert_eq!(d.staff.len(), size, "size {size}");
        check_structure(&d);
    }
}

/// Managers exist, there is no cycle, codes and logins are unique.
fn check_structure(d: &DemoData) {
    let codes: HashMap<&str, usize> = d
        .staff
        .iter()
        .enumerate()
        .map(|(i, s)| (s.code.as_str(), i))
        .collect();
    assert_eq!(codes.len(), d.staff.len(), "codes are unique");
    let logins: HashSet<&str> = d
        .staff
        .iter()
        .map(|s| s.login.as_deref().unwrap())
        .collect();
    assert_eq!(
        logins.len(),
        d.staff.len(),
        "every person has a unique login"
    );
    for s in &d.staff {
        let l = s.login.as_deref().unwrap();
        assert!(
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
            "{l}"
        );
        assert!(s.code.starts_with("CB") && s.code.len() >= 8, "{}", s.code);
        if let Some(m) = &s.manager_code {
            assert!(
                codes.contains_key(m.as_str()),
                "{} has unknown manager {m}",
                s.code
            );
            assert_ne!(m, &s.code);
        }
    }
    // No cycle: following managers from anyone ends within n steps.
    for s in &d.staff {
        let mut at = s;
        let mut steps = 0;
        while let Some(m) = &at.manager_code {
            at = &d.staff[codes[m.as_str()]];
            steps += 1;
            assert!(steps <= d.staff.len(), "cycle through {}", s.code);
        }
    }
}

#[test]
fn the_default_demo_is_well_formed() {
    check_structure(default_demo());
}

#[test]
fn the_hierarchy_has_one_top_leader_unit_heads_and_deputies() {
    let d = default_demo();
    let by_code: HashMap<&str, _> = d.staff.iter().map(|s| (s.code.as_str(), s)).collect();
    let hr = &d.staff[0];
    assert_eq!(hr.login.as_deref(), Some("hr"));
    assert_eq!(hr.unit, "Phòng Nội vụ");
    assert_eq!(hr.title, "Chuyên viên phụ trách tổ chức cán bộ");
    assert_eq!(hr.kind, StaffKind::Staff);

    let tops: Vec<_> = d
        .staff
        .iter()
        .filter(|s| s.manager_code.is_none())
        .collect();
    assert_eq!(tops.len(), 1, "one person without a manager");
    let top = tops[0];
    assert_eq!(top.kind, StaffKind::Leader);
    assert_eq!(top.group, StaffGroup::Cbldql);
    assert!(top.title.starts_with("Chủ tịch"));

    let units: HashSet<&str> = d.staff[2..].iter().map(|s| s.unit.as_str()).collect();
    for unit in &units {
        let people: Vec<_> = d.staff.iter().filter(|s| s.unit == *unit).collect();
        assert!(
            (10..=40).contains(&people.len()),
            "{unit}: {}",
            people.len()
        );
        let heads: Vec<_> = people
            .iter()
            .filter(|s| s.manager_code.as_deref() == Some(top.code.as_str()))
            .collect();
        assert_eq!(heads.len(), 1, "{unit} has one head");
        let head = heads[0];
        assert_eq!(head.kind, StaffKind::Leader);
        let deputies = people
            .iter()
            .filter(|s| s.kind == StaffKind::Leader && s.code != head.code)
            .inspect(|s| assert_eq!(s.manager_code.as_deref(), Some(head.code.as_str())))
            .count();
        assert!((1..=2).contains(&deputies), "{unit}: {deputies} deputies");
        for s in people.iter().filter(|s| s.kind == StaffKind::Staff) {
            let m = by_code[s.manager_code.as_deref().unwrap()];
            assert_eq!(m.unit, s.unit, "{} reports within the unit", s.code);
            assert_eq!(m.kind, StaffKind::Leader);
            assert_ne!(s.group, StaffGroup::Cbldql);
        }
    }
    // At demo size the units are the district's own, without suffixes.
    assert_eq!(units.len(), 12, "{units:?}");
    assert!(units.iter().all(|u| !u.contains('—')));
    assert!(units.contains("Thanh tra") && units.contains("Văn phòng HĐND và UBND"));

    // A believable workforce.
    let n = d.staff.len();
    let party = d.staff.iter().filter(|s| s.party_member).count();
    assert!((0.5..0.75).contains(&share(party, n)), "party {party}/{n}");
    let groups = |g| d.staff.iter().filter(|s| s.group == g).count();
    assert!(groups(StaffGroup::Vc) > 0 && groups(StaffGroup::Nld) > 0);
    assert!(groups(StaffGroup::Cc) > n / 2);
    assert!(
        d.staff
            .iter()
            .any(|s| s.title == "Lái xe" && s.group == StaffGroup::Nld)
    );
    for s in &d.staff {
        let b = s.birth_date.unwrap();
        assert!((1965..=2000).contains(&b.year()), "{}: {b}", s.code);
        // Văn for men, Thị for women: never both in one name.
        let words: Vec<&str> = s.full_name.split(' ').collect();
        assert!(words.len() >= 3, "{}", s.full_name);
        assert!(
            !(words.contains(&"Văn") && words.contains(&"Thị")),
            "{}",
            s.full_name
        );
    }
    if let Ok(r) = reference() {
        for s in &d.staff {
            if let Some(p) = &s.position_code {
                assert!(r.positions.by_code(p).is_some(), "{p}");
            }
        }
        assert!(d.staff.iter().filter(|s| s.position_code.is_some()).count() > n * 9 / 10);
    }
}

#[test]
fn joiners_and_leavers_during_the_year() {
    let opts = sized(5000);
    let d = generate(&opts);
    let jan1 = NaiveDate::from_ymd_opt(opts.year, 1, 1).unwrap();
    let joined = d
        .staff
        .iter()
        .filter(|s| s.employment.joined.is_some_and(|j| j >= jan1))
        .count();
    let left = d
        .staff
        .iter()
        .filter(|s| s.employment.left.is_some())
        .count();
    assert!(
        (0.015..0.05).contains(&share(joined, d.staff.len())),
        "joined {joined}"
    );
    assert!(
        (0.003..0.02).contains(&share(left, d.staff.len())),
        "left {left}"
    );
    for s in &d.staff {
        let e = s.employment;
        assert!(e.joined.unwrap() <= opts.today);
        if let Some(l) = e.left {
            assert!(l < opts.today && l >= jan1 && e.joined.unwrap() < l);
            assert_eq!(s.kind, StaffKind::Staff);
        }
    }
}

#[test]
fn ratings_fall_within_employment_and_before_today() {
    for opts in [
        DemoOptions::default(),
        sized(3000),
        DemoOptions {
            today: NaiveDate::from_ymd_opt(2027, 2, 3).unwrap(),
            ..sized(500)
        },
    ] {
        let d = generate(&opts);
        let by_code: HashMap<&str, _> = d.staff.iter().map(|s| (s.code.as_str(), s)).collect();
        let today_month = Month {
            year: opts.today.year(),
            month: opts.today.month() as u8,
        };
        for r in &d.ratings {
            let s = by_code[r.code.as_str()];
            match r.period {
                RatingPeriod::Month(m) => {
                    assert_eq!(m.year, opts.year);
                    assert!(m < today_month, "{m} is not before today");
                    let e = s.employment;
                    assert!(
                        e.joined.is_none_or(|j| j <= m.last_day())
                            && e.left.is_none_or(|l| l >= m.first_day()),
                        "{} rated for {m} outside {e:?}",
                        s.code
                    );
                    if let MonthEntry::Rated(r) = r.entry {
                        assert!(r.discipline.unwrap() <= 20);
                        assert!(!r.excused || r.rating == Rating::Htnv);
                    }
                }
                RatingPeriod::Year(y) => assert_eq!(y, opts.year),
            }
        }
    }
}

#[test]
fn monthly_ratings_have_the_usual_shares() {
    let d = generate(&sized(3000));
    let monthly: Vec<MonthlyRating> = d
        .ratings
        .iter()
        .filter(|r| matches!(r.period, RatingPeriod::Month(_)))
        .filter_map(|r| r.entry.rated())
        .collect();
    let n = monthly.len();
    let count = |rating| monthly.iter().filter(|r| r.rating == rating).count();
    let (xs, good, ok, bad) = (
        count(Rating::Htxsnv),
        count(Rating::Httnv),
        count(Rating::Htnv),
        count(Rating::Khtnv),
    );
    let excused = monthly.iter().filter(|r| r.excused).count();
    let slipped = monthly.iter().filter(|r| r.discipline < Some(20)).count();
    println!(
        "monthly: HTXSNV {:.1}% HTTNV {:.1}% HTNV {:.1}% (excused {:.1}%) KHTNV {:.1}%, discipline < 20 {:.1}%",
        100.0 * share(xs, n),
        100.0 * share(good, n),
        100.0 * share(ok, n),
        100.0 * share(excused, n),
        100.0 * share(bad, n),
        100.0 * share(slipped, n)
    );
    assert!((0.14..0.28).contains(&share(xs, n)));
    assert!((0.58..0.75).contains(&share(good, n)));
    assert!((0.06..0.14).contains(&share(ok, n)));
    assert!((0.2..0.5).contains(&share(excused, ok)));
    assert!((0.003..0.025).contains(&share(bad, n)));
    assert!((0.025..0.08).contains(&share(slipped, n)));

    let yearly: Vec<_> = d
        .ratings
        .iter()
        .filter(|r| matches!(r.period, RatingPeriod::Year(_)))
        .collect();
    let y = share(yearly.len(), d.staff.len());
    assert!(
        (0.5..0.7).contains(&y),
        "yearly ratings for {y:.2} of the staff"
    );
    assert!(
        yearly
            .iter()
            .any(|r| r.entry.rated().is_some_and(|r| r.rating == Rating::Htxsnv))
    );
}

#[test]
fn marks_and_notes_use_the_items_of_the_persons_form() {
    let d = default_demo();
    let by_code: HashMap<&str, _> = d.staff.iter().map(|s| (s.code.as_str(), s)).collect();
    let leader: HashSet<&str> = item_ids(StaffKind::Leader).into_iter().collect();
    let staff: HashSet<&str> = item_ids(StaffKind::Staff).into_iter().collect();
    let form = |code: &str| {
        if by_code[code].kind == StaffKind::Leader {
            &leader
        } else {
            &staff
        }
    };
    let checklists: HashSet<(&str, Quarter)> = d
        .checklists
        .iter()
        .map(|c| (c.code.as_str(), c.quarter))
        .collect();
    assert_eq!(
        checklists.len(),
        d.checklists.len(),
        "one checklist per person and quarter"
    );
    for m in &d.marks {
        assert!(checklists.contains(&(m.code.as_str(), m.quarter)));
        if let MarkTarget::Item(id) = &m.target {
            assert!(
                form(&m.code).contains(id.as_str()),
                "{} has no item {id}",
                m.code
            );
        }
    }
    let index = Index::new(d);
    for n in &d.notes {
        assert!(
            form(&n.code).contains(n.item.as_str()),
            "{} has no item {}",
            n.code,
            n.item
        );
        // A note explains a Chưa đạt.
        let s = &d.staff[index.by_code[n.code.as_str()]];
        let ids = if s.kind == StaffKind::Leader {
            &index.leader_ids
        } else {
            &index.staff_ids
        };
        let at = ids.iter().position(|i| *i == n.item).unwrap();
        assert_eq!(
            index.reviews[&(n.code.as_str(), n.quarter)][at],
            Some(false)
        );
        assert!(!n.note.contains('{'), "{}", n.note);
    }
    assert!(!d.notes.is_empty());
}

#[test]
fn checklists_cover_the_quarters_up_to_today() {
    let opts = DemoOptions::default();
    let d = default_demo();
    let current = Quarter::containing(opts.today);
    let by_code: HashMap<&str, _> = d.staff.iter().map(|s| (s.code.as_str(), s)).collect();
    for c in &d.checklists {
        assert!(c.quarter <= current && c.quarter.year == opts.year);
        assert!(not_assessed(by_code[c.code.as_str()].employment, c.quarter).is_none());
        if c.quarter < current {
            assert_eq!(c.state, ChecklistState::Approved);
        }
        assert_eq!(c.return_note.is_some(), c.state == ChecklistState::Returned);
        assert_eq!(c.outstanding, c.achievement.is_some());
        if c.outstanding {
            assert_eq!(c.state, ChecklistState::Approved);
        }
    }
    let leave = leave_months(d);
    for q in Quarter::of_year(opts.year)
        .into_iter()
        .filter(|q| *q <= current)
    {
        // Not assessed: by employment, or on leave all quarter.
        let assessed = d
            .staff
            .iter()
            .filter(|s| not_assessed(s.employment, q).is_none())
            .filter(|s| {
                !q.months()
                    .iter()
                    .all(|m| leave.contains(&(s.code.as_str(), *m)))
            })
            .count();
        let have = d.checklists.iter().filter(|c| c.quarter == q).count();
        assert_eq!(have, assessed, "{q}");
    }
    let now: Vec<_> = d
        .checklists
        .iter()
        .filter(|c| c.quarter == current)
        .collect();
    let state = |s| share(now.iter().filter(|c| c.state == s).count(), now.len());
    println!(
        "{current}: draft {:.0}% submitted {:.0}% approved {:.0}% returned {:.0}%",
        100.0 * state(ChecklistState::Draft),
        100.0 * state(ChecklistState::Submitted),
        100.0 * state(ChecklistState::Approved),
        100.0 * state(ChecklistState::Returned)
    );
    assert!((0.3..0.5).contains(&state(ChecklistState::Draft)));
    assert!((0.25..0.45).contains(&state(ChecklistState::Submitted)));
    assert!((0.12..0.3).contains(&state(ChecklistState::Approved)));
    assert!((0.01..0.1).contains(&state(ChecklistState::Returned)));
}

#[test]
fn past_quarters_mostly_pass_some_fail_and_the_current_one_is_pending() {
    let opts = DemoOptions::default();
    let index = Index::new(default_demo());
    let current = Quarter::containing(opts.today);
    for q in Quarter::of_year(opts.year) {
        let [pass, fail, pending, not_assessed] = index.mix(q, None);
        let [lp, lf, lq, _] = index.mix(q, Some(StaffKind::Leader));
        println!(
            "{q}: pass {pass}, fail {fail}, pending {pending}, not assessed {not_assessed} \
             (leaders: {lp}/{lf}/{lq})"
        );
        let n = pass + fail + pending;
        if q < current {
            assert!(share(pass, n) > 0.55, "{q}: most pass");
            assert!(share(fail, n) > 0.05, "{q}: some fail");
            assert_eq!(pending, 0, "{q}: a past quarter is complete");
            assert!(lp > 0 && lf > 0, "{q}: leaders pass and fail");
        } else if q == current {
            assert!(share(pending, n) > 0.5, "{q}: many pending");
            assert!(fail > 0, "{q}: a weak July already fails some");
        } else {
            assert_eq!(pass + fail, 0, "{q} has no data yet");
        }
    }
    // The reasons name what they are about.
    let d = index.data;
    let q1 = Quarter {
        year: opts.year,
        q: 1,
    };
    let reasons: Vec<_> = (0..d.staff.len())
        .filter(|&i| not_assessed(d.staff[i].employment, q1).is_none())
        .flat_map(|i| index.evaluate(i, q1).reasons)
        .collect();
    let mut codes: std::collections::BTreeMap<String, usize> = Default::default();
    for r in &reasons {
        let code = serde_json::to_value(r).unwrap()["code"]
            .as_str()
            .unwrap()
            .to_owned();
        *codes.entry(code).or_default() += 1;
    }
    println!("{q1} reasons: {codes:?}");
    for code in ["item", "month_rating", "discipline", "subordinate"] {
        assert!(
            codes.contains_key(code),
            "Q1 has a `{code}` reason: {codes:?}"
        );
    }
    // About a tenth of the people have an item Chưa đạt in a past quarter.
    let with_items: HashSet<&str> = d
        .notes
        .iter()
        .filter(|n| n.quarter == q1)
        .map(|n| n.code.as_str())
        .collect();
    let assessed = d.checklists.iter().filter(|c| c.quarter == q1).count();
    println!(
        "{q1}: {} of {assessed} with an item Chưa đạt",
        with_items.len()
    );
    assert!((0.04..0.16).contains(&share(with_items.len(), assessed)));
}

#[test]
fn commendations_have_data() {
    let opts = DemoOptions::default();
    let d = default_demo();
    let index = Index::new(d);
    let outstanding = d.checklists.iter().filter(|c| c.outstanding).count();
    assert!(outstanding > 0, "someone is outstanding (form 05B)");
    let yearly: HashMap<&str, Rating> = d
        .ratings
        .iter()
        .filter(|r| r.period == RatingPeriod::Year(opts.year))
        .filter_map(|r| Some((r.code.as_str(), r.entry.rated()?.rating)))
        .collect();
    let eligible = (0..d.staff.len())
        .filter(|&i| {
            let passed = Quarter::of_year(opts.year)
                .into_iter()
                .filter(|q| index.evaluate(i, *q).outcome == Outcome::Pass)
                .count();
            passed >= 2 && yearly.get(d.staff[i].code.as_str()) == Some(&Rating::Htxsnv)
        })
        .count();
    println!("outstanding checklists {outstanding}, yearly commendation eligible {eligible}");
    assert!(
        eligible > 0,
        "someone is eligible for the yearly commendation"
    );
}

#[test]
fn commitments_are_signed_mostly_in_january() {
    let opts = sized(3000);
    let d = generate(&opts);
    let by_code: HashMap<&str, _> = d.staff.iter().map(|s| (s.code.as_str(), s)).collect();
    let mut seen = HashSet::new();
    for c in &d.commitments {
        assert!(seen.insert(c.code.as_str()), "one commitment each");
        assert_eq!(c.year, opts.year);
        assert!(c.signed_on <= opts.today && c.signed_on.year() == opts.year);
        let s = by_code[c.code.as_str()];
        assert!(s.employment.joined.unwrap() <= c.signed_on);
        assert_eq!(c.focus_leadership.is_some(), s.kind == StaffKind::Leader);
        assert!(!c.focus_ethics.is_empty() && !c.focus_work.is_empty());
    }
    let n = d.staff.len();
    let january = d
        .commitments
        .iter()
        .filter(|c| c.signed_on.month() == 1)
        .count();
    let later = d.commitments.len() - january;
    println!(
        "commitments: {} of {n}, {january} in January",
        d.commitments.len()
    );
    assert!(share(d.commitments.len(), n) > 0.9 && d.commitments.len() < n);
    assert!(share(january, n) > 0.8 && later > 0);
}

#[test]
fn texts_are_nfc() {
    let d = default_demo();
    let big = generate(&sized(20_000));
    let mut texts: Vec<&str> = vec![
        &d.settings.governing_body,
        &d.settings.unit_name,
        &d.settings.place,
    ];
    for data in [d, &big] {
        for s in &data.staff {
            texts.extend([s.full_name.as_str(), &s.title, &s.unit]);
        }
        texts.extend(data.notes.iter().map(|n| n.note.as_str()));
        for c in &data.checklists {
            texts.extend(c.achievement.as_deref());
            texts.extend(c.return_note.as_deref());
        }
        for c in &data.commitments {
            texts.extend([c.focus_ethics.as_str(), &c.focus_work]);
            texts.extend(c.focus_leadership.as_deref());
        }
        for c in &data.catalog {
            texts.extend([c.unit.as_str(), &c.area, &c.task, &c.steps, &c.product]);
        }
        for t in data.tasks.iter().step_by(7) {
            if let TaskName::Name(n) = &t.task {
                texts.push(n);
            }
            if !t.product_ref.is_empty() {
                texts.push(&t.product_ref);
            }
        }
    }
    for t in texts {
        assert!(is_nfc(t), "not NFC: {t}");
        assert!(!t.trim().is_empty());
    }
}

#[test]
fn a_hundred_thousand_people_in_four_hundred_units() {
    let opts = sized(100_000);
    let started = std::time::Instant::now();
    let d = generate(&opts);
    let took = started.elapsed();
    println!(
        "100,000 people: {took:?}; {} ratings, {} marks, {} notes, {} checklists, {} commitments, {} catalog rows, {} KPI entries",
        d.ratings.len(),
        d.marks.len(),
        d.notes.len(),
        d.checklists.len(),
        d.commitments.len(),
        d.catalog.len(),
        d.tasks.len()
    );
    // The KPI log keeps to its budget: the current quarter only, fewer and
    // larger entries, about 20 a person.
    let current = Quarter::containing(opts.today);
    assert!(
        d.tasks.len() as f64 <= ENTRY_BUDGET * 1.25,
        "{}",
        d.tasks.len()
    );
    assert!(d.tasks.len() > 1_500_000, "{}", d.tasks.len());
    assert!(
        d.tasks
            .iter()
            .all(|t| Quarter::containing(t.date) == current)
    );
    let catalog_units: HashSet<&str> = d.catalog.iter().map(|c| c.unit.as_str()).collect();
    assert_eq!(catalog_units.len(), 401, "every unit has its catalog");
    assert_eq!(d.staff.len(), 100_000);
    let units: HashSet<&str> = d.staff.iter().map(|s| s.unit.as_str()).collect();
    // 400 units, the top leader's besides.
    assert_eq!(units.len(), 401);
    assert!(
        units.contains("Phòng Nội vụ — phường Bồ Đề"),
        "suffixed by ward"
    );
    assert_eq!(d.staff[99_999].code, "CB100000");
    check_structure(&d);
}

#[test]
fn the_demo_of_init_shows_a_finished_year_in_the_first_quarter() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let jan = DemoOptions::new(d(2027, 1, 20));
    assert_eq!((jan.year, jan.size), (2026, 300));
    assert_eq!(DemoOptions::new(d(2026, 4, 1)).year, 2026);
    assert_eq!(DemoOptions::new(d(2026, 12, 31)).year, 2026);
}

#[test]
fn a_finished_year_is_complete() {
    let opts = DemoOptions {
        today: NaiveDate::from_ymd_opt(2027, 2, 3).unwrap(),
        ..sized(600)
    };
    let d = generate(&opts);
    check_structure(&d);
    assert!(
        d.checklists
            .iter()
            .all(|c| c.state == ChecklistState::Approved)
    );
    let yearly = d
        .ratings
        .iter()
        .filter(|r| r.period == RatingPeriod::Year(opts.year))
        .count();
    assert_eq!(yearly, d.staff.len(), "everyone has a yearly rating");
    let index = Index::new(&d);
    for q in Quarter::of_year(opts.year) {
        let [pass, fail, pending, _] = index.mix(q, None);
        println!("{q} (year over): pass {pass}, fail {fail}, pending {pending}");
        assert_eq!(pending, 0, "{q}");
        assert!(pass > fail, "{q}");
    }
}

#[test]
fn a_year_not_started_has_people_and_nothing_else() {
    let opts = DemoOptions {
        today: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
        ..sized(200)
    };
    let d = generate(&opts);
    assert_eq!(d.staff.len(), 200);
    check_structure(&d);
    assert!(d.ratings.is_empty() && d.checklists.is_empty() && d.marks.is_empty());
    assert!(d.notes.is_empty() && d.commitments.is_empty());
    assert!(
        d.staff
            .iter()
            .all(|s| s.employment.joined.unwrap() <= opts.today)
    );
}

// ---- KPI: the catalogs and the task log ------------------------------------

/// A unit's catalog: task name → (area, its steps' rows).
fn catalogs(d: &DemoData) -> HashMap<&str, HashMap<&str, (&str, Vec<&CatalogRecord>)>> {
    let mut out: HashMap<&str, HashMap<&str, (&str, Vec<&CatalogRecord>)>> = HashMap::new();
    for c in &d.catalog {
        let task = out
            .entry(c.unit.as_str())
            .or_default()
            .entry(c.task.as_str())
            .or_insert((c.area.as_str(), Vec::new()));
        assert_eq!(task.0, c.area, "{}: «{}» in two areas", c.unit, c.task);
        task.1.push(c);
    }
    out
}

#[test]
fn every_unit_has_a_catalog_as_004_asks() {
    for d in [default_demo(), &generate(&sized(3000))] {
        let cats = catalogs(d);
        let units: HashSet<&str> = d.staff.iter().map(|s| s.unit.as_str()).collect();
        let listed: HashSet<&str> = cats.keys().copied().collect();
        assert_eq!(
            units, listed,
            "a catalog for every unit, and only for those"
        );
        let mut split = 0;
        for (unit, tasks) in &cats {
            assert!(
                (10..=25).contains(&tasks.len()),
                "{unit}: {} tasks",
                tasks.len()
            );
            let areas: HashSet<&str> = tasks.values().map(|(a, _)| *a).collect();
            assert!((3..=5).contains(&areas.len()), "{unit}: {areas:?}");
            for (name, (_, steps)) in tasks {
                let numbers: Vec<u32> = steps.iter().map(|c| c.step).collect();
                let expected: Vec<u32> = (1..=steps.len() as u32).collect();
                assert_eq!(numbers, expected, "{unit}: «{name}» steps in order");
                assert!(steps.len() <= 3, "{unit}: «{name}»");
                if steps.len() > 1 {
                    split += 1;
                }
                for c in steps {
                    assert!(!c.steps.trim().is_empty() && !c.product.trim().is_empty());
                    // A district office makes nothing for the whole country.
                    assert_ne!(c.complexity, ComplexityGroup::N5, "{name}");
                }
            }
        }
        assert!(split >= cats.len(), "long tasks are split into steps");
    }
    // The examples an office would look for.
    let cats = catalogs(default_demo());
    let has = |unit: &str, task: &str| cats[unit].contains_key(task);
    assert!(has(
        "Phòng Nội vụ",
        "Thẩm định hồ sơ nâng lương thường xuyên"
    ));
    assert!(has(
        "Văn phòng HĐND và UBND",
        "Tiếp nhận, vào sổ văn bản đến"
    ));
    assert!(has(
        "Phòng Tài chính – Kế hoạch",
        "Thẩm định dự toán ngân sách xã, phường"
    ));
    let (_, steps) = &cats["Thanh tra"]["Tiến hành cuộc thanh tra theo kế hoạch"];
    assert_eq!(steps.len(), 3);
    assert!(steps[0].product.starts_with("Quyết định thanh tra"));
}

fn month_of(d: NaiveDate) -> Month {
    Month {
        year: d.year(),
        month: d.month() as u8,
    }
}

/// Monday to Friday but 1/1, 30/4, 1/5 and 2/9.
fn working_day(d: NaiveDate) -> bool {
    d.weekday().number_from_monday() <= 5
        && !matches!((d.month(), d.day()), (1, 1) | (4, 30) | (5, 1) | (9, 2))
}

/// Working days of `m` the person was employed on, up to `today`.
fn worked_days(e: danhgia::domain::Employment, m: Month, today: NaiveDate) -> (usize, usize) {
    let mut d = m.first_day();
    let (mut worked, mut all) = (0, 0);
    while d <= m.last_day() {
        if working_day(d) {
            all += 1;
            if e.employed_on(d) && d <= today {
                worked += 1;
            }
        }
        d = d.succ_opt().unwrap();
    }
    (worked, all)
}

/// Checks the log of `d` against its catalog, employment and `today`.
fn check_log(d: &DemoData, opts: &DemoOptions) {
    let cats = catalogs(d);
    let by_code: HashMap<&str, _> = d.staff.iter().map(|s| (s.code.as_str(), s)).collect();
    let leave = leave_months(d);
    let mut keys = HashSet::new();
    for t in &d.tasks {
        let s = by_code[t.code.as_str()];
        assert!(
            !leave.contains(&(t.code.as_str(), month_of(t.date))),
            "{t:?} in a month on leave"
        );
        let TaskName::Name(name) = &t.task else {
            panic!("the demo names its tasks: {t:?}");
        };
        let unit = &cats[s.unit.as_str()];
        match unit.get(name.as_str()) {
            Some((_, steps)) => {
                // A catalog task of the person's own unit, with its step
                // when it is split.
                assert!(t.complexity.is_none() && t.bucket.is_none(), "{t:?}");
                match t.step {
                    None => assert_eq!(steps.len(), 1, "{t:?}"),
                    Some(n) => assert!(steps.len() > 1 && (1..=steps.len() as u32).contains(&n)),
                }
                assert!(working_day(t.date), "{t:?}");
            }
            None => {
                // Ad hoc: not in the unit's catalog (by the fold, as the tasks
                // file matches), with its own complexity and bucket.
                let folded = danhgia::text::fold(name);
                assert!(
                    unit.keys().all(|n| danhgia::text::fold(n) != folded),
                    "{name}"
                );
                assert!(t.complexity.is_some() && t.bucket.is_some() && t.step.is_none());
            }
        }
        assert!(t.date <= opts.today, "{t:?} after today");
        assert_eq!(t.date.year(), opts.year);
        assert!(
            s.employment.employed_on(t.date),
            "{t:?} outside {:?}",
            s.employment
        );
        assert!(t.quantity >= 1);
        let r = &t.product_ref;
        assert!(
            r.is_empty()
                || r.split_once('/').is_some_and(|(n, sign)| {
                    n.parse::<u32>().is_ok_and(|n| n >= 1)
                        && !sign.is_empty()
                        && !sign.contains(' ')
                }),
            "{r}"
        );
        // The tasks file's natural key: person, date, task (and step), reference.
        assert!(
            keys.insert((&t.code, t.date, name, t.step, r)),
            "twice: {t:?}"
        );
    }
}

#[test]
fn the_task_log_names_its_units_catalog_within_employment_up_to_today() {
    for opts in [
        DemoOptions::default(),
        sized(3000),
        DemoOptions {
            today: NaiveDate::from_ymd_opt(2027, 2, 3).unwrap(),
            ..sized(500)
        },
        DemoOptions {
            today: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            ..sized(200)
        },
    ] {
        let d = generate(&opts);
        check_log(&d, &opts);
        let v = Volume::new(opts.size, opts.year, opts.today);
        println!(
            "{} people to {}: {} catalog rows, {} entries, months {}..={}",
            opts.size,
            opts.today,
            d.catalog.len(),
            d.tasks.len(),
            v.first,
            v.last
        );
    }
    let none = generate(&DemoOptions {
        today: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
        ..sized(50)
    });
    assert!(none.tasks.is_empty(), "a year not started has no log");
    assert!(!none.catalog.is_empty(), "but its catalogs");
}

#[test]
fn everyone_logs_15_to_40_entries_a_full_month_mostly_done() {
    let opts = DemoOptions::default();
    let d = default_demo();
    let by_code: HashMap<&str, _> = d.staff.iter().map(|s| (s.code.as_str(), s)).collect();
    let today_month = month_of(opts.today);
    let mut per_month: HashMap<(&str, Month), Vec<&TaskRecord>> = HashMap::new();
    for t in &d.tasks {
        per_month
            .entry((t.code.as_str(), month_of(t.date)))
            .or_default()
            .push(t);
    }
    let leave = leave_months(d);
    let mut full_months = 0;
    for s in &d.staff {
        for m in 1..=today_month.month {
            let month = Month {
                year: opts.year,
                month: m,
            };
            let (worked, all) = if leave.contains(&(s.code.as_str(), month)) {
                (0, 1)
            } else {
                worked_days(s.employment, month, opts.today)
            };
            let n = per_month.get(&(s.code.as_str(), month)).map_or(0, Vec::len);
            if worked == 0 {
                assert_eq!(n, 0, "{} in {month}", s.code);
            } else {
                assert!(n >= 1, "{} logged nothing in {month}", s.code);
            }
            if worked == all && month < today_month {
                full_months += 1;
                assert!((15..=40).contains(&n), "{} in {month}: {n}", s.code);
            }
        }
    }
    assert!(full_months > d.staff.len() * 6);
    let past: Vec<&TaskRecord> = d
        .tasks
        .iter()
        .filter(|t| month_of(t.date) < today_month)
        .collect();
    let current: Vec<&TaskRecord> = d
        .tasks
        .iter()
        .filter(|t| month_of(t.date) == today_month)
        .collect();
    let in_progress = |ts: &[&TaskRecord]| {
        ts.iter()
            .filter(|t| t.state == EntryState::InProgress)
            .count()
    };
    let adhoc = d.tasks.iter().filter(|t| t.complexity.is_some()).count();
    let referenced = d.tasks.iter().filter(|t| !t.product_ref.is_empty()).count();
    println!(
        "{} entries: past {} ({} in progress), current month {} ({} in progress); ad hoc {adhoc}, with a reference {referenced}",
        d.tasks.len(),
        past.len(),
        in_progress(&past),
        current.len(),
        in_progress(&current)
    );
    assert!(
        share(in_progress(&past), past.len()) < 0.01,
        "past: mostly done"
    );
    assert!(
        (0.02..0.3).contains(&share(in_progress(&current), current.len())),
        "the current month: some in progress"
    );
    assert!(
        (0.005..0.05).contains(&share(adhoc, d.tasks.len())),
        "some ad hoc"
    );
    assert!(
        share(referenced, d.tasks.len()) > 0.2,
        "many products are numbered"
    );
    // Every kind of person logs: drivers, guards, the Chủ tịch, heads…
    let titles: HashSet<&str> = d.staff.iter().map(|s| s.title.as_str()).collect();
    for title in [
        "Lái xe",
        "Bảo vệ",
        "Chủ tịch UBND quận",
        "Trưởng phòng",
        "Chánh Thanh tra",
    ] {
        assert!(titles.contains(title), "{title}");
    }
    for title in titles {
        let codes: HashSet<&str> = d
            .staff
            .iter()
            .filter(|s| s.title == title)
            .map(|s| s.code.as_str())
            .collect();
        assert!(
            d.tasks.iter().any(|t| codes.contains(t.code.as_str())),
            "{title} logs"
        );
    }
    // …tasks of their job.
    let drivers: HashSet<&str> = d
        .staff
        .iter()
        .filter(|s| s.title == "Lái xe" && s.unit == "Văn phòng HĐND và UBND")
        .map(|s| s.code.as_str())
        .collect();
    assert!(
        d.tasks
            .iter()
            .filter(|t| drivers.contains(t.code.as_str()))
            .all(|t| {
                matches!(&t.task, TaskName::Name(n)
            if n.contains("xe") || n.contains("phương tiện") || t.complexity.is_some())
            })
    );
    let _ = by_code;
}

#[test]
fn the_kpi_summary_of_the_demo_gives_everyone_a_believable_share() {
    let opts = DemoOptions::default();
    let d = default_demo();
    let svc = Service::init_in_memory("hr").unwrap();
    svc.load_demo(d).unwrap();
    let settings = svc.kpi_default_settings();
    let by_code: HashMap<&str, _> = d.staff.iter().map(|s| (s.code.as_str(), s)).collect();
    let leave = leave_months(d);
    let current = Quarter::containing(opts.today);
    for q in Quarter::of_year(opts.year)
        .into_iter()
        .filter(|q| *q <= current)
    {
        let rows = svc.kpi_summary(q, None, &settings).unwrap();
        let logged: Vec<&TaskRecord> = d
            .tasks
            .iter()
            .filter(|t| Quarter::containing(t.date) == q)
            .collect();
        let done = logged
            .iter()
            .filter(|t| t.state == EntryState::Done)
            .count();
        let in_progress = logged.len() - done;
        assert_eq!(
            rows.iter()
                .map(|r| r.summary.tasks_done as usize)
                .sum::<usize>(),
            done,
            "{q}: every entry is stored"
        );
        assert_eq!(
            rows.iter()
                .map(|r| r.summary.in_progress as usize)
                .sum::<usize>(),
            in_progress
        );
        let mut shares = Vec::new();
        for r in &rows {
            let s = by_code[r.code.as_str()];
            // A month on leave is not worked.
            let days: Vec<(usize, usize)> = q
                .months()
                .iter()
                .map(|m| {
                    let (worked, all) = worked_days(s.employment, *m, opts.today);
                    let away = leave.contains(&(s.code.as_str(), *m));
                    (if away { 0 } else { worked }, all)
                })
                .collect();
            let worked: usize = days.iter().map(|d| d.0).sum();
            let all: usize = days.iter().map(|d| d.1).sum();
            let share = r.summary.share;
            if q < current && worked > 0 {
                assert!(share > 0.0, "{} has no share in {q}", r.code);
            }
            if q < current && worked == all {
                assert!(
                    (0.40..=1.10).contains(&share),
                    "{} ({}) in {q}: {:.1} %",
                    r.code,
                    s.title,
                    share * 100.0
                );
                shares.push(share);
            }
        }
        if q < current {
            shares.sort_by(f64::total_cmp);
            let median = shares[shares.len() / 2];
            println!(
                "{q}: {} people the whole quarter, shares {:.0}–{:.0} %, median {:.0} %",
                shares.len(),
                shares[0] * 100.0,
                shares[shares.len() - 1] * 100.0,
                median * 100.0
            );
            assert!((0.65..0.85).contains(&median), "{q}: median {median}");
            assert!(shares.len() > d.staff.len() * 9 / 10);
        } else {
            let open: u32 = rows.iter().map(|r| r.summary.in_progress).sum();
            assert!(open > 0, "{q}: some in progress");
        }
    }
    // The pane reads the same log.
    let log = svc
        .kpi_log(
            "CB000001",
            Quarter {
                year: opts.year,
                q: 1,
            },
            &settings,
        )
        .unwrap();
    assert!(log.entries.len() >= 45, "{}", log.entries.len());
    assert!(log.entries.iter().all(|e| !e.task.is_empty()));
}

#[test]
fn the_demo_log_imports_as_a_tasks_file_to_the_same_summary() {
    let opts = DemoOptions::default();
    let d = default_demo();
    let loaded = Service::init_in_memory("hr").unwrap();
    loaded.load_demo(d).unwrap();
    // The same district without its log, then the log of two units (every
    // kind of person) as the tasks file would bring it.
    let units = ["Văn phòng HĐND và UBND", "Thanh tra"];
    let codes: HashSet<&str> = d
        .staff
        .iter()
        .filter(|s| units.contains(&s.unit.as_str()))
        .map(|s| s.code.as_str())
        .collect();
    let records: Vec<Numbered<TaskRecord>> = d
        .tasks
        .iter()
        .filter(|t| codes.contains(t.code.as_str()))
        .enumerate()
        .map(|(i, t)| Numbered {
            row: i + 2,
            record: t.clone(),
        })
        .collect();
    let imported = Service::init_in_memory("hr").unwrap();
    imported
        .load_demo(&DemoData {
            tasks: Vec::new(),
            ..d.clone()
        })
        .unwrap();
    let summary = imported.import_tasks("demo.csv", &records).unwrap();
    assert_eq!(summary.inserted, records.len(), "no two rows share a key");
    let settings = loaded.kpi_default_settings();
    for unit in units {
        for q in Quarter::of_year(opts.year) {
            let a = loaded.kpi_summary(q, Some(unit), &settings).unwrap();
            let b = imported.kpi_summary(q, Some(unit), &settings).unwrap();
            assert_eq!(a, b, "{unit} {q}");
        }
    }
}

#[test]
fn document_numbers_run_through_the_year_once_each() {
    let d = default_demo();
    let mut series: HashMap<&str, Vec<(NaiveDate, u32)>> = HashMap::new();
    for t in &d.tasks {
        if let Some((n, sign)) = t.product_ref.split_once('/') {
            series
                .entry(sign)
                .or_default()
                .push((t.date, n.parse().unwrap()));
        }
    }
    let signs: HashSet<&str> = series.keys().copied().collect();
    for sign in [
        "UBND-NV", "TTr-NV", "QĐ-UBND", "KH-UBND", "TB-UBND", "BC-TCKH", "KL-TTr", "GPXD",
    ] {
        assert!(signs.contains(sign), "{sign}: {signs:?}");
    }
    for (sign, mut docs) in series {
        docs.sort();
        for w in docs.windows(2) {
            assert!(w[0].1 < w[1].1, "{sign}: {:?} then {:?}", w[0], w[1]);
        }
    }
}

#[test]
fn the_log_is_deterministic_and_follows_the_seed() {
    let opts = sized(120);
    let a = generate(&opts);
    assert_eq!(a.tasks, generate(&opts).tasks);
    let b = generate(&DemoOptions {
        seed: opts.seed + 1,
        ..opts.clone()
    });
    assert_ne!(a.tasks, b.tasks);
    assert_eq!(
        a.catalog.len(),
        catalogs(&a)
            .values()
            .map(|u| u.values().map(|(_, s)| s.len()).sum::<usize>())
            .sum::<usize>()
    );
}

#[test]
fn the_demo_shows_every_result_pass_fail_pending_and_not_assessed() {
    let opts = DemoOptions::default();
    let index = Index::new(default_demo());
    let mut total = [0; 4];
    for q in Quarter::of_year(opts.year) {
        for (t, n) in total.iter_mut().zip(index.mix(q, None)) {
            *t += n;
        }
    }
    println!("the year: pass, fail, pending, not assessed = {total:?}");
    assert!(total.iter().all(|n| *n > 0), "{total:?}");
}

/// SPEC section 3's leave, shown: someone on leave for a whole month and
/// assessed on the others, and someone on leave for a whole quarter, not
/// assessed (`why: leave`), with no checklist for it and no KPI entry in
/// a month on leave.
#[test]
fn the_demo_has_a_month_on_leave_and_a_quarter_on_leave() {
    use danhgia::domain::rules::{NotAssessedWhy, Reason};
    let opts = DemoOptions::default();
    let d = default_demo();
    let index = Index::new(d);
    let leave = leave_months(d);
    let by_code: HashMap<&str, usize> = d
        .staff
        .iter()
        .enumerate()
        .map(|(i, s)| (s.code.as_str(), i))
        .collect();
    let mut on_leave: Vec<&str> = leave.iter().map(|(c, _)| *c).collect();
    on_leave.sort_unstable();
    on_leave.dedup();
    println!("on leave: {on_leave:?}");
    for code in &on_leave {
        let s = &d.staff[by_code[code]];
        assert_eq!(s.kind, StaffKind::Staff, "{code}");
        assert!(s.employment.left.is_none() && s.login.as_deref() != Some(HR_LOGIN));
    }
    let (mut month_only, mut quarter) = (0, 0);
    for code in &on_leave {
        let i = by_code[code];
        for q in Quarter::of_year(opts.year) {
            let away = q
                .months()
                .iter()
                .filter(|m| leave.contains(&(*code, **m)))
                .count();
            let r = index.evaluate(i, q);
            if away == 3 {
                quarter += 1;
                assert_eq!(
                    r.reasons,
                    [Reason::NotAssessed {
                        why: NotAssessedWhy::Leave
                    }]
                );
                assert!(
                    !d.checklists
                        .iter()
                        .any(|c| c.code == *code && c.quarter == q)
                );
            } else if away > 0 && q < Quarter::containing(opts.today) {
                month_only += 1;
                assert!(
                    matches!(r.outcome, Outcome::Pass | Outcome::Fail),
                    "{code} {q}: assessed on the other months: {r:?}"
                );
            }
        }
    }
    assert!(
        month_only > 0,
        "someone is on leave for a month of a past quarter"
    );
    assert!(quarter > 0, "someone is on leave for a whole quarter");
}
