#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The demo district: deterministic, well-formed, and a believable mix of
//! results when the rules engine reads it.

use chrono::{Datelike, NaiveDate};
use danhgia::data::reference;
use danhgia::demo::{DemoData, DemoOptions, HR_LOGIN, generate};
use danhgia::domain::records::{MarkTarget, RatingPeriod};
use danhgia::domain::rules::{Outcome, QuarterInput, QuarterResult, SubordinateMonths, evaluate};
use danhgia::domain::{
    ChecklistState, Month, MonthlyRating, Quarter, Rating, StaffGroup, StaffKind,
};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::is_nfc;

fn default_demo() -> &'static DemoData {
    static DATA: OnceLock<DemoData> = OnceLock::new();
    DATA.get_or_init(|| generate(&DemoOptions::default()))
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
    months: HashMap<(&'a str, Month), MonthlyRating>,
    subordinates: HashMap<&'a str, Vec<usize>>,
    /// Review marks per (person, quarter), the mark rows applied in order
    /// (an unset mark in a row leaves the item as it was).
    reviews: HashMap<(&'a str, Quarter), Vec<Option<bool>>>,
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
                let rated = MonthlyRating {
                    rating: r.rating,
                    discipline: r.discipline,
                    excused: r.excused,
                };
                assert!(
                    months.insert((r.code.as_str(), m), rated).is_none(),
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
                for t in targets {
                    row[t] = m.review;
                }
            }
        }
        Index {
            data,
            by_code,
            months,
            subordinates,
            reviews,
            leader_ids,
            staff_ids,
        }
    }

    fn three(&self, code: &str, q: Quarter) -> [Option<MonthlyRating>; 3] {
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
        let subordinates: Vec<SubordinateMonths> = self
            .subordinates
            .get(s.code.as_str())
            .into_iter()
            .flatten()
            .map(|&j| {
                let sub = &self.data.staff[j];
                SubordinateMonths {
                    code: sub.code.clone(),
                    employment: sub.employment,
                    months: self.three(&sub.code, q),
                }
            })
            .collect();
        evaluate(&QuarterInput {
            quarter: q,
            kind: s.kind,
            employment: s.employment,
            item_ids: ids,
            reviews,
            months: self.three(&s.code, q),
            subordinates: &subordinates,
        })
    }

    /// Pass, fail, pending counts of everyone assessed in `q` (of the given
    /// kind, if any).
    fn mix(&self, q: Quarter, kind: Option<StaffKind>) -> [usize; 3] {
        let mut counts = [0; 3];
        for (i, s) in self.data.staff.iter().enumerate() {
            if !s.employment.assessed_in(q) || kind.is_some_and(|k| k != s.kind) {
                continue;
            }
            let slot = match self.evaluate(i, q).outcome {
                Outcome::Pass => 0,
                Outcome::Fail => 1,
                Outcome::Pending => 2,
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
                    let d = r.discipline.unwrap();
                    assert!(d <= 20);
                    assert!(!r.excused || r.rating == Rating::Htnv);
                }
                RatingPeriod::Year(y) => assert_eq!(y, opts.year),
            }
        }
    }
}

#[test]
fn monthly_ratings_have_the_usual_shares() {
    let d = generate(&sized(3000));
    let monthly: Vec<_> = d
        .ratings
        .iter()
        .filter(|r| matches!(r.period, RatingPeriod::Month(_)))
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
    assert!(yearly.iter().any(|r| r.rating == Rating::Htxsnv));
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
        assert!(by_code[c.code.as_str()].employment.assessed_in(c.quarter));
        if c.quarter < current {
            assert_eq!(c.state, ChecklistState::Approved);
        }
        assert_eq!(c.return_note.is_some(), c.state == ChecklistState::Returned);
        assert_eq!(c.outstanding, c.achievement.is_some());
        if c.outstanding {
            assert_eq!(c.state, ChecklistState::Approved);
        }
    }
    for q in Quarter::of_year(opts.year)
        .into_iter()
        .filter(|q| *q <= current)
    {
        let assessed = d
            .staff
            .iter()
            .filter(|s| s.employment.assessed_in(q))
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
        let [pass, fail, pending] = index.mix(q, None);
        let [lp, lf, lq] = index.mix(q, Some(StaffKind::Leader));
        println!("{q}: pass {pass}, fail {fail}, pending {pending} (leaders: {lp}/{lf}/{lq})");
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
        .filter(|&i| d.staff[i].employment.assessed_in(q1))
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
        .map(|r| (r.code.as_str(), r.rating))
        .collect();
    let eligible = (0..d.staff.len())
        .filter(|&i| {
            let passed = Quarter::of_year(opts.year)
                .into_iter()
                .filter(|q| d.staff[i].employment.assessed_in(*q))
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
        "100,000 people: {took:?}; {} ratings, {} marks, {} notes, {} checklists, {} commitments",
        d.ratings.len(),
        d.marks.len(),
        d.notes.len(),
        d.checklists.len(),
        d.commitments.len()
    );
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
        let [pass, fail, pending] = index.mix(q, None);
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
