//! Every rule of SPEC section 3 and its edges.

use super::*;
use crate::domain::quarter::Quarter;
use chrono::NaiveDate;
use proptest::prelude::*;

const Q3: Quarter = Quarter { year: 2026, q: 3 };

fn ids(n: usize) -> Vec<&'static str> {
    const ALL: [&str; 27] = [
        "I.1.1", "I.1.2", "I.1.3", "I.2.1", "I.2.2", "I.2.3", "II.1.1", "II.1.2", "II.1.3",
        "II.2.1", "II.2.2", "II.2.3", "II.2.4", "II.2.5", "II.3.1", "II.3.2", "II.4.1", "II.4.2",
        "III.1.1", "III.1.2", "III.1.3", "III.2.1", "III.2.2", "III.2.3", "III.3.1", "III.3.2",
        "III.3.3",
    ];
    ALL[..n].to_vec()
}

fn good() -> Option<MonthlyRating> {
    Some(MonthlyRating {
        rating: Rating::Httnv,
        discipline: Some(20),
        excused: false,
    })
}

fn rated(rating: Rating, discipline: u8, excused: bool) -> Option<MonthlyRating> {
    Some(MonthlyRating {
        rating,
        discipline: Some(discipline),
        excused,
    })
}

fn sub(code: &str, months: [Option<MonthlyRating>; 3]) -> SubordinateMonths {
    SubordinateMonths {
        code: code.to_owned(),
        employment: Employment::default(),
        months,
    }
}

/// A person whose every datum passes.
#[derive(Debug, Clone)]
struct Case {
    kind: StaffKind,
    employment: Employment,
    item_ids: Vec<&'static str>,
    reviews: Vec<Option<bool>>,
    months: [Option<MonthlyRating>; 3],
    subordinates: Vec<SubordinateMonths>,
}

impl Case {
    fn staff() -> Case {
        Case {
            kind: StaffKind::Staff,
            employment: Employment::default(),
            item_ids: ids(18),
            reviews: vec![Some(true); 18],
            months: [good(), good(), good()],
            subordinates: Vec::new(),
        }
    }

    fn leader() -> Case {
        Case {
            kind: StaffKind::Leader,
            item_ids: ids(27),
            reviews: vec![Some(true); 27],
            subordinates: vec![
                sub("NV01", [good(), good(), good()]),
                sub("NV02", [good(), good(), good()]),
            ],
            ..Case::staff()
        }
    }

    fn run(&self) -> QuarterResult {
        evaluate(&QuarterInput {
            quarter: Q3,
            kind: self.kind,
            employment: self.employment,
            item_ids: &self.item_ids,
            reviews: &self.reviews,
            months: self.months,
            subordinates: &self.subordinates,
        })
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn staff_member_passes_with_18_items_and_three_good_months() {
    let r = Case::staff().run();
    assert_eq!(r.outcome, Outcome::Pass);
    assert_eq!((r.items_passed, r.items_total), (18, 18));
    assert!(r.reasons.is_empty());
}

#[test]
fn leader_passes_with_27_items_good_months_and_good_subordinates() {
    let r = Case::leader().run();
    assert_eq!(r.outcome, Outcome::Pass, "{:?}", r.reasons);
    assert_eq!((r.items_passed, r.items_total), (27, 27));
}

#[test]
fn htxsnv_months_pass_like_httnv() {
    let mut c = Case::staff();
    c.months = [rated(Rating::Htxsnv, 20, false); 3];
    assert_eq!(c.run().outcome, Outcome::Pass);
}

#[test]
fn item_marked_not_pass_by_the_authority_fails_and_names_the_item() {
    let mut c = Case::staff();
    c.reviews[12] = Some(false);
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![Reason::Item {
            item: "II.2.4".into()
        }]
    );
    assert_eq!(r.items_passed, 17);
}

#[test]
fn self_marks_without_review_are_pending() {
    // The self marks live elsewhere: the engine sees only unset reviews.
    let mut c = Case::staff();
    c.reviews = vec![None; 18];
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(r.reasons.len(), 18);
    assert_eq!(
        r.reasons[0],
        Reason::MissingReview {
            item: "I.1.1".into()
        }
    );
}

#[test]
fn failed_item_beside_a_missing_one_fails() {
    let mut c = Case::staff();
    c.reviews[0] = Some(false);
    c.reviews[1] = None;
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![Reason::Item {
            item: "I.1.1".into()
        }],
        "only the deciding reasons"
    );
}

#[test]
fn month_rated_htnv_fails() {
    let mut c = Case::staff();
    c.months[1] = rated(Rating::Htnv, 20, false);
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![Reason::MonthRating {
            month: 8,
            rating: Rating::Htnv
        }]
    );
}

#[test]
fn own_excused_htnv_still_fails() {
    let mut c = Case::staff();
    c.months[0] = rated(Rating::Htnv, 20, true);
    assert_eq!(c.run().outcome, Outcome::Fail);
}

#[test]
fn discipline_19_fails() {
    let mut c = Case::staff();
    c.months[2] = rated(Rating::Htxsnv, 19, false);
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![Reason::Discipline {
            month: 9,
            score: 19
        }]
    );
}

#[test]
fn missing_month_is_pending_and_names_the_month() {
    let mut c = Case::staff();
    c.months[1] = None;
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(
        r.reasons,
        vec![Reason::MissingRating {
            month: 8,
            staff: None
        }]
    );
}

#[test]
fn rated_month_without_discipline_is_pending() {
    let mut c = Case::staff();
    c.months[0] = Some(MonthlyRating {
        rating: Rating::Httnv,
        discipline: None,
        excused: false,
    });
    assert_eq!(
        c.run().reasons,
        vec![Reason::MissingRating {
            month: 7,
            staff: None
        }]
    );
}

#[test]
fn joined_mid_quarter_needs_only_the_whole_months() {
    let mut c = Case::staff();
    c.employment = Employment {
        joined: Some(d(2026, 8, 10)),
        left: None,
    };
    c.months = [None, None, good()];
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pass, "{:?}", r.reasons);
    // A partial month that was rated anyway still counts.
    c.months[1] = rated(Rating::Khtnv, 20, false);
    assert_eq!(c.run().outcome, Outcome::Fail);
}

#[test]
fn leader_fails_when_subordinate_rated_htnv_without_leave() {
    let mut c = Case::leader();
    c.subordinates[1].months[2] = rated(Rating::Htnv, 20, false);
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![Reason::Subordinate {
            staff: "NV02".into(),
            month: 9,
            rating: Rating::Htnv
        }]
    );
}

#[test]
fn leader_passes_when_subordinate_rated_htnv_because_of_leave() {
    let mut c = Case::leader();
    c.subordinates[1].months[2] = rated(Rating::Htnv, 20, true);
    assert_eq!(c.run().outcome, Outcome::Pass);
}

#[test]
fn excused_does_not_forgive_a_subordinates_khtnv() {
    let mut c = Case::leader();
    c.subordinates[0].months[0] = rated(Rating::Khtnv, 20, true);
    assert_eq!(c.run().outcome, Outcome::Fail);
}

#[test]
fn subordinates_discipline_does_not_count_for_the_leader() {
    // Rule 3 is about the rating only.
    let mut c = Case::leader();
    c.subordinates[0].months[0] = rated(Rating::Httnv, 15, false);
    assert_eq!(c.run().outcome, Outcome::Pass);
}

#[test]
fn leader_without_subordinates_is_judged_on_rules_1_and_2() {
    let mut c = Case::leader();
    c.subordinates.clear();
    assert_eq!(c.run().outcome, Outcome::Pass);
}

#[test]
fn subordinates_unrated_month_leaves_the_leader_pending_and_names_them() {
    let mut c = Case::leader();
    c.subordinates[0].months[1] = None;
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(
        r.reasons,
        vec![Reason::MissingRating {
            month: 8,
            staff: Some("NV01".into())
        }]
    );
}

#[test]
fn subordinate_who_joined_late_is_not_required_before() {
    let mut c = Case::leader();
    c.subordinates[0].employment = Employment {
        joined: Some(d(2026, 9, 1)),
        left: None,
    };
    c.subordinates[0].months = [None, None, good()];
    assert_eq!(c.run().outcome, Outcome::Pass);
}

#[test]
fn leader_who_joined_late_answers_only_for_his_months() {
    let mut c = Case::leader();
    c.employment = Employment {
        joined: Some(d(2026, 9, 1)),
        left: None,
    };
    c.months = [None, None, good()];
    c.subordinates[0].months[0] = rated(Rating::Khtnv, 0, false);
    assert_eq!(
        c.run().outcome,
        Outcome::Pass,
        "July was before the leader's time"
    );
}

#[test]
fn staff_ignores_subordinates() {
    let mut c = Case::staff();
    c.subordinates = vec![sub("X", [rated(Rating::Khtnv, 0, false), None, None])];
    assert_eq!(c.run().outcome, Outcome::Pass);
}

#[test]
fn fail_lists_every_unmet_condition() {
    let mut c = Case::leader();
    c.reviews[26] = Some(false);
    c.months[0] = rated(Rating::Htnv, 18, false);
    c.subordinates[0].months[2] = rated(Rating::Khtnv, 20, false);
    c.months[1] = None; // missing, but fail wins
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![
            Reason::Item {
                item: "III.3.3".into()
            },
            Reason::MonthRating {
                month: 7,
                rating: Rating::Htnv
            },
            Reason::Discipline {
                month: 7,
                score: 18
            },
            Reason::Subordinate {
                staff: "NV01".into(),
                month: 9,
                rating: Rating::Khtnv
            },
        ]
    );
}

#[test]
fn reasons_serialise_with_the_spec_codes() {
    let json = serde_json::to_value(vec![
        Reason::Item {
            item: "I.1.1".into(),
        },
        Reason::MissingRating {
            month: 7,
            staff: None,
        },
        Reason::MissingRating {
            month: 7,
            staff: Some("NV01".into()),
        },
        Reason::Subordinate {
            staff: "NV01".into(),
            month: 9,
            rating: Rating::Htnv,
        },
    ])
    .unwrap();
    assert_eq!(
        json[0],
        serde_json::json!({"code": "item", "item": "I.1.1"})
    );
    assert_eq!(
        json[1],
        serde_json::json!({"code": "missing_rating", "month": 7})
    );
    assert_eq!(
        json[2],
        serde_json::json!({"code": "missing_rating", "month": 7, "staff": "NV01"})
    );
    assert_eq!(
        json[3],
        serde_json::json!({"code": "subordinate", "staff": "NV01", "month": 9, "rating": "HTNV"})
    );
}

#[test]
fn yearly_commendation_needs_two_quarters_and_htxsnv() {
    use Outcome::*;
    let two = [Pass, Fail, Pass, Pending];
    assert!(yearly_commendation(&two, Some(Rating::Htxsnv)).eligible);
    assert!(
        !yearly_commendation(&two, Some(Rating::Httnv)).eligible,
        "HTTNV for the year is not enough"
    );
    assert!(!yearly_commendation(&two, None).eligible);
    let one = [Pass, Fail, Fail, Fail];
    assert!(!yearly_commendation(&one, Some(Rating::Htxsnv)).eligible);
    assert_eq!(yearly_commendation(&two, None).quarters_passed, 2);
}

#[test]
fn adhoc_commendation_needs_every_item_outstanding_and_a_summary() {
    let pass = Case::staff().run();
    assert!(adhoc_commendation(&pass, true, Some("Cứu người trong lũ")));
    assert!(!adhoc_commendation(
        &pass,
        false,
        Some("Cứu người trong lũ")
    ));
    assert!(!adhoc_commendation(&pass, true, Some("  ")));
    assert!(!adhoc_commendation(&pass, true, None));
    // All items passed is enough even if a month is missing.
    let mut c = Case::staff();
    c.months[0] = None;
    assert!(adhoc_commendation(&c.run(), true, Some("x")));
    c.reviews[3] = Some(false);
    assert!(!adhoc_commendation(&c.run(), true, Some("x")));
    assert!(quarterly_commendation(&pass));
}

// ---- properties ----

fn arb_mark() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![Just(Some(true)), Just(Some(false)), Just(None)]
}

fn arb_month() -> impl Strategy<Value = Option<MonthlyRating>> {
    let rating = prop_oneof![
        Just(Rating::Htxsnv),
        Just(Rating::Httnv),
        Just(Rating::Htnv),
        Just(Rating::Khtnv)
    ];
    let discipline = prop_oneof![Just(Some(20u8)), (0u8..=20).prop_map(Some), Just(None)];
    prop_oneof![
        2 => Just(good()),
        1 => (rating, discipline, any::<bool>()).prop_map(|(rating, discipline, excused)| Some(MonthlyRating { rating, discipline, excused })),
        1 => Just(None),
    ]
}

fn arb_case() -> impl Strategy<Value = Case> {
    (
        any::<bool>(),
        prop::collection::vec(arb_mark(), 27),
        [arb_month(), arb_month(), arb_month()],
        prop::collection::vec([arb_month(), arb_month(), arb_month()], 0..4),
    )
        .prop_map(|(leader, reviews, months, subs)| {
            let mut c = if leader {
                Case::leader()
            } else {
                Case::staff()
            };
            c.reviews = reviews[..c.item_ids.len()].to_vec();
            c.months = months;
            c.subordinates = subs
                .into_iter()
                .enumerate()
                .map(|(i, m)| sub(&format!("S{i}"), m))
                .collect();
            c
        })
}

/// Every way to turn one datum of `c` into a failing one.
fn single_failures(c: &Case) -> Vec<Case> {
    let mut out = Vec::new();
    let clone = Case::clone;
    for i in 0..c.reviews.len() {
        let mut x = clone(c);
        x.reviews[i] = Some(false);
        out.push(x);
    }
    for i in 0..3 {
        let mut x = clone(c);
        x.months[i] = rated(Rating::Htnv, 20, false);
        out.push(x);
        let mut x = clone(c);
        let r = c.months[i].map_or(Rating::Httnv, |m| m.rating);
        x.months[i] = Some(MonthlyRating {
            rating: r,
            discipline: Some(19),
            excused: false,
        });
        out.push(x);
        for s in 0..c.subordinates.len() {
            let mut x = clone(c);
            x.subordinates[s].months[i] = rated(Rating::Khtnv, 20, false);
            out.push(x);
        }
    }
    out
}

proptest! {
    #[test]
    fn turning_any_single_datum_into_a_fail_never_gives_a_pass(c in arb_case()) {
        for x in single_failures(&c) {
            let only_leader_rule = x.kind == StaffKind::Staff && x.subordinates != c.subordinates;
            if only_leader_rule { continue; }
            prop_assert_eq!(x.run().outcome, Outcome::Fail);
        }
    }

    #[test]
    fn pass_has_no_reasons_and_every_item_passed(c in arb_case()) {
        let r = c.run();
        if r.outcome == Outcome::Pass {
            prop_assert!(r.reasons.is_empty());
            prop_assert_eq!(r.items_passed, r.items_total);
        } else {
            prop_assert!(!r.reasons.is_empty());
        }
        let fail = r.reasons.iter().any(Reason::is_failure);
        prop_assert_eq!(fail, r.outcome == Outcome::Fail);
        prop_assert!(r.reasons.iter().all(|x| x.is_failure() == fail), "reasons are all of one kind");
    }

    #[test]
    fn filling_in_missing_data_with_passes_never_fails_a_pending(c in arb_case()) {
        let r = c.run();
        if r.outcome == Outcome::Pending {
            let mut x = c.clone();
            for m in &mut x.reviews { if m.is_none() { *m = Some(true); } }
            for m in &mut x.months { if m.is_none() || m.is_some_and(|m| m.discipline.is_none()) { *m = good(); } }
            for s in &mut x.subordinates { for m in &mut s.months { if m.is_none() { *m = good(); } } }
            prop_assert_eq!(x.run().outcome, Outcome::Pass);
        }
    }
}
