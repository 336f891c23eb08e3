//! Every rule of SPEC section 3 and its edges.

use super::*;
use crate::domain::quarter::Quarter;
use crate::domain::rating::MonthlyRating;
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

fn good() -> Option<MonthEntry> {
    rated(Rating::Httnv, 20, false)
}

fn rated(rating: Rating, discipline: u8, excused: bool) -> Option<MonthEntry> {
    Some(MonthEntry::Rated(MonthlyRating {
        rating,
        discipline: Some(discipline),
        excused,
    }))
}

/// On leave for the whole month.
fn leave() -> Option<MonthEntry> {
    Some(MonthEntry::Leave)
}

fn sub(code: &str, months: [Option<MonthEntry>; 3]) -> SubordinateMonths {
    SubordinateMonths {
        code: code.to_owned(),
        name: format!("Tên {code}"),
        employment: Employment::default(),
        months,
        under: SubordinateMonths::THROUGHOUT,
    }
}

/// The person's own month not rated.
fn own_missing(month: u8) -> Reason {
    Reason::MissingRating {
        month,
        staff: Vec::new(),
        names: Vec::new(),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// A person whose every datum passes: checklist self-assessed, reviewed Đạt
/// throughout and approved.
#[derive(Debug, Clone)]
struct Case {
    kind: StaffKind,
    employment: Employment,
    item_ids: Vec<&'static str>,
    state: Option<ChecklistState>,
    self_marks: Vec<Option<bool>>,
    reviews: Vec<Option<bool>>,
    reviewer: Option<Named>,
    months: [Option<MonthEntry>; 3],
    subordinates: Vec<SubordinateMonths>,
}

impl Case {
    fn staff() -> Case {
        Case {
            kind: StaffKind::Staff,
            employment: Employment::default(),
            item_ids: ids(18),
            state: Some(ChecklistState::Approved),
            self_marks: vec![Some(true); 18],
            reviews: vec![Some(true); 18],
            reviewer: Some(Named {
                code: "LD01".into(),
                name: "Trần Văn Hùng".into(),
            }),
            months: [good(), good(), good()],
            subordinates: Vec::new(),
        }
    }

    fn leader() -> Case {
        Case {
            kind: StaffKind::Leader,
            item_ids: ids(27),
            self_marks: vec![Some(true); 27],
            reviews: vec![Some(true); 27],
            subordinates: vec![
                sub("NV01", [good(), good(), good()]),
                sub("NV02", [good(), good(), good()]),
            ],
            ..Case::staff()
        }
    }

    fn input(&self) -> QuarterInput<'_> {
        QuarterInput {
            quarter: Q3,
            kind: self.kind,
            employment: self.employment,
            item_ids: &self.item_ids,
            checklist: ChecklistInput {
                state: self.state,
                self_marks: &self.self_marks,
                reviews: &self.reviews,
            },
            reviewer: self.reviewer.as_ref(),
            months: self.months,
            subordinates: &self.subordinates,
        }
    }

    fn run(&self) -> QuarterResult {
        evaluate(&self.input())
    }

    fn joined(mut self, date: NaiveDate) -> Case {
        self.employment.joined = Some(date);
        self
    }

    fn left(mut self, date: NaiveDate) -> Case {
        self.employment.left = Some(date);
        self
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

// ---- the checklist: self-assessment, review, approval (003, Bước 3) ----

#[test]
fn item_marked_not_pass_by_the_authority_fails_and_names_the_item() {
    let mut c = Case::staff();
    c.reviews[12] = Some(false);
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![Reason::Item {
            items: strings(&["II.2.4"])
        }]
    );
    assert_eq!(r.items_passed, 17);
}

#[test]
fn items_not_passed_are_one_reason_listing_them_all() {
    let mut c = Case::staff();
    for i in [0, 5, 17] {
        c.reviews[i] = Some(false);
    }
    let r = c.run();
    assert_eq!(
        r.reasons,
        vec![Reason::Item {
            items: strings(&["I.1.1", "I.2.3", "II.4.2"])
        }]
    );
}

#[test]
fn never_self_assessed_is_one_missing_self_reason_not_one_per_item() {
    let mut c = Case::staff();
    c.state = None;
    c.self_marks.clear();
    c.reviews.clear();
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(r.items_passed, 0);
    assert_eq!(
        r.reasons,
        vec![Reason::MissingSelf {
            items: strings(&ids(18))
        }]
    );
}

#[test]
fn a_draft_partly_self_assessed_names_the_items_left() {
    let mut c = Case::staff();
    c.state = Some(ChecklistState::Draft);
    c.reviews = vec![None; 18];
    c.self_marks[16] = None;
    c.self_marks[17] = None;
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(
        r.reasons,
        vec![Reason::MissingSelf {
            items: strings(&["II.4.1", "II.4.2"])
        }]
    );
}

#[test]
fn unapproved_checklists_with_every_review_mark_pass_are_pending_saying_the_step() {
    for state in [
        ChecklistState::Draft,
        ChecklistState::Submitted,
        ChecklistState::Returned,
    ] {
        let mut c = Case::staff();
        c.state = Some(state);
        let r = c.run();
        assert_eq!(r.outcome, Outcome::Pending, "{state:?}");
        assert_eq!(
            r.items_passed, 0,
            "review marks do not count before approval"
        );
        let reviewer = (state == ChecklistState::Submitted).then(|| c.reviewer.clone().unwrap());
        assert_eq!(
            r.reasons,
            vec![Reason::ChecklistState { state, reviewer }],
            "{state:?}"
        );
        assert!(!quarterly_commendation(&r), "{state:?}: not on 05A");
        assert!(
            !adhoc_commendation(&r, true, Some("x")),
            "{state:?}: not on 05B"
        );
    }
}

#[test]
fn a_submitted_checklist_waits_on_the_named_reviewer_and_lists_unreviewed_items() {
    let mut c = Case::staff();
    c.state = Some(ChecklistState::Submitted);
    c.reviews = vec![None; 18];
    c.reviews[0] = Some(true);
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(
        r.reasons[0],
        Reason::ChecklistState {
            state: ChecklistState::Submitted,
            reviewer: c.reviewer.clone()
        }
    );
    assert_eq!(
        r.reasons[1],
        Reason::MissingReview {
            items: strings(&ids(18)[1..])
        }
    );
    let text = crate::i18n::reason_text(&r.reasons[0], crate::i18n::Lang::Vi);
    assert!(text.contains("Trần Văn Hùng (LD01)"), "{text}");
}

#[test]
fn review_marks_decide_only_once_approved() {
    // A Chưa đạt review on a submitted checklist: pending, not fail, but the
    // TUI may show what approval would decide.
    let mut c = Case::staff();
    c.state = Some(ChecklistState::Submitted);
    c.reviews[3] = Some(false);
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    let would = if_approved(&c.input()).unwrap();
    assert_eq!(would.outcome, Outcome::Fail);
    assert_eq!(
        would.reasons,
        vec![Reason::Item {
            items: strings(&["I.2.1"])
        }]
    );
    c.state = Some(ChecklistState::Approved);
    assert_eq!(c.run(), would);
    assert_eq!(if_approved(&c.input()), None);
}

#[test]
fn an_approved_checklist_missing_self_marks_is_pending() {
    // As an old marks import could leave it: reviewed without a self mark.
    let mut c = Case::staff();
    c.self_marks[2] = None;
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(
        r.reasons,
        vec![Reason::MissingSelf {
            items: strings(&["I.1.3"])
        }]
    );
}

#[test]
fn an_approved_checklist_with_unreviewed_items_is_one_missing_review() {
    let mut c = Case::staff();
    c.reviews[0] = None;
    c.reviews[1] = None;
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(
        r.reasons,
        vec![Reason::MissingReview {
            items: strings(&["I.1.1", "I.1.2"])
        }]
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
            items: strings(&["I.1.1"])
        }],
        "only the deciding reasons"
    );
}

#[test]
fn a_failed_month_fails_even_before_the_checklist_is_approved() {
    let mut c = Case::staff();
    c.state = Some(ChecklistState::Draft);
    c.months[0] = rated(Rating::Htnv, 20, false);
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![Reason::MonthRating {
            month: 7,
            rating: Rating::Htnv
        }]
    );
}

// ---- the months ----

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
fn discipline_19_fails_and_the_text_says_20_is_needed() {
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
    let vi = crate::i18n::reason_text(&r.reasons[0], crate::i18n::Lang::Vi);
    assert!(vi.contains("19/20") && vi.contains("cần đạt 20/20"), "{vi}");
    let en = crate::i18n::reason_text(&r.reasons[0], crate::i18n::Lang::En);
    assert!(en.contains("20/20 needed"), "{en}");
}

#[test]
fn missing_month_is_pending_and_names_the_month() {
    let mut c = Case::staff();
    c.months[1] = None;
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(r.reasons, vec![own_missing(8)]);
}

#[test]
fn rated_month_without_discipline_is_pending() {
    let mut c = Case::staff();
    c.months[0] = Some(MonthEntry::Rated(MonthlyRating {
        rating: Rating::Httnv,
        discipline: None,
        excused: false,
    }));
    assert_eq!(c.run().reasons, vec![own_missing(7)]);
}

#[test]
fn joined_mid_quarter_needs_only_the_whole_months() {
    let mut c = Case::staff().joined(d(2026, 8, 10));
    c.months = [None, None, good()];
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pass, "{:?}", r.reasons);
    // A partial month that was rated anyway still counts.
    c.months[1] = rated(Rating::Khtnv, 20, false);
    assert_eq!(c.run().outcome, Outcome::Fail);
}

// ---- who is assessed (SPEC section 3) ----

fn not_assessed_because(c: &Case, why: NotAssessedWhy) {
    let r = c.run();
    assert_eq!(r.outcome, Outcome::NotAssessed, "{:?}", c.employment);
    assert_eq!(r.reasons, vec![Reason::NotAssessed { why }]);
    assert_eq!(r.items_passed, 0);
    assert!(!quarterly_commendation(&r), "not on 05A");
    assert!(!adhoc_commendation(&r, true, Some("x")), "not on 05B");
}

#[test]
fn newcomers_who_joined_on_10_and_25_september_unrated_are_not_assessed() {
    for day in [10, 25] {
        let mut c = Case::staff().joined(d(2026, 9, day));
        c.months = [None, None, None];
        not_assessed_because(&c, NotAssessedWhy::Joined);
    }
}

#[test]
fn a_partial_month_rated_anyway_does_not_make_a_quarter_with_no_whole_month() {
    let mut c = Case::staff().joined(d(2026, 9, 10));
    c.months = [None, None, good()];
    not_assessed_because(&c, NotAssessedWhy::Joined);
}

#[test]
fn joined_after_the_assessment_date_is_not_assessed() {
    let c = Case::staff().joined(d(2026, 9, 26));
    not_assessed_because(&c, NotAssessedWhy::Joined);
}

#[test]
fn left_before_the_assessment_date_is_not_assessed() {
    not_assessed_because(&Case::staff().left(d(2026, 9, 24)), NotAssessedWhy::Left);
    // Two whole months worked, but gone by the 25th.
    not_assessed_because(&Case::staff().left(d(2026, 8, 31)), NotAssessedWhy::Left);
}

#[test]
fn joined_on_the_first_of_the_last_month_is_assessed_on_that_month() {
    let mut c = Case::staff().joined(d(2026, 9, 1));
    c.months = [None, None, good()];
    assert_eq!(c.run().outcome, Outcome::Pass);
    c.months[2] = None;
    assert_eq!(c.run().reasons, vec![own_missing(9)]);
}

#[test]
fn leave_is_a_reason_ready_for_the_ratings_that_record_it() {
    let r = Reason::NotAssessed {
        why: NotAssessedWhy::Leave,
    };
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::json!({"code": "not_assessed", "why": "leave"})
    );
    assert!(!r.is_failure());
}

// ---- the leader's subordinates ----

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
            name: "Tên NV02".into(),
            month: 9,
            rating: Rating::Htnv
        }]
    );
    let text = crate::i18n::reason_text(&r.reasons[0], crate::i18n::Lang::Vi);
    assert!(text.contains("Tên NV02 (NV02)"), "by name and code: {text}");
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
            staff: strings(&["NV01"]),
            names: strings(&["Tên NV01"]),
        }]
    );
}

#[test]
fn leader_with_three_subordinates_unrated_in_august_gets_one_reason_for_the_month() {
    let mut c = Case::leader();
    c.subordinates.push(sub("NV03", [good(), None, good()]));
    for s in &mut c.subordinates {
        s.months[1] = None;
    }
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(r.reasons.len(), 1, "{:?}", r.reasons);
    assert_eq!(
        serde_json::to_value(&r.reasons[0]).unwrap(),
        serde_json::json!({"code": "missing_rating", "month": 8, "staff": ["NV01", "NV02", "NV03"]})
    );
    let text = crate::i18n::reason_text(&r.reasons[0], crate::i18n::Lang::Vi);
    assert!(
        text.contains("3 cấp dưới") && text.contains("Tên NV03 (NV03)"),
        "{text}"
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
    let mut c = Case::leader().joined(d(2026, 9, 1));
    c.months = [None, None, good()];
    c.subordinates[0].months[0] = rated(Rating::Khtnv, 0, false);
    assert_eq!(
        c.run().outcome,
        Outcome::Pass,
        "July was before the leader's time"
    );
}

/// NV02 moved to another leader on 1/8: this leader answers for July only.
fn moved_away_after_july() -> Case {
    let mut c = Case::leader();
    c.subordinates[1].under = [true, false, false];
    c
}

#[test]
fn a_subordinate_moved_away_on_1_august_counts_for_july_only() {
    let mut c = moved_away_after_july();
    c.subordinates[1].months = [good(), rated(Rating::Khtnv, 20, false), None];
    assert_eq!(
        c.run().outcome,
        Outcome::Pass,
        "August and September are the new leader's"
    );
    c.subordinates[1].months[0] = rated(Rating::Htnv, 20, false);
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![Reason::Subordinate {
            staff: "NV02".into(),
            name: "Tên NV02".into(),
            month: 7,
            rating: Rating::Htnv
        }]
    );
}

#[test]
fn a_subordinate_moved_in_on_1_august_counts_from_august() {
    let mut c = Case::leader();
    c.subordinates[1].under = [false, true, true];
    c.subordinates[1].months = [rated(Rating::Htnv, 20, false), good(), good()];
    assert_eq!(
        c.run().outcome,
        Outcome::Pass,
        "July's HTNV is the former leader's"
    );
    c.subordinates[1].months[1] = None;
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pending);
    assert_eq!(
        r.reasons,
        vec![Reason::MissingRating {
            month: 8,
            staff: strings(&["NV02"]),
            names: strings(&["Tên NV02"]),
        }]
    );
}

#[test]
fn an_unrated_month_under_another_leader_is_not_awaited() {
    let mut c = moved_away_after_july();
    c.subordinates[1].months = [good(), None, None];
    assert_eq!(c.run().outcome, Outcome::Pass);
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
                items: strings(&["III.3.3"])
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
                name: "Tên NV01".into(),
                month: 9,
                rating: Rating::Khtnv
            },
        ]
    );
}

#[test]
fn reasons_serialise_with_the_spec_codes_and_fields() {
    let json = serde_json::to_value(vec![
        Reason::Item {
            items: strings(&["I.1.1"]),
        },
        own_missing(7),
        Reason::MissingRating {
            month: 7,
            staff: strings(&["NV01"]),
            names: strings(&["Nguyễn Thị Lan"]),
        },
        Reason::Subordinate {
            staff: "NV01".into(),
            name: "Nguyễn Thị Lan".into(),
            month: 9,
            rating: Rating::Htnv,
        },
        Reason::ChecklistState {
            state: ChecklistState::Submitted,
            reviewer: Some(Named {
                code: "LD01".into(),
                name: "Trần Văn Hùng".into(),
            }),
        },
        Reason::MissingSelf {
            items: strings(&["I.1.1"]),
        },
        Reason::ClosedPending {
            missing: vec![own_missing(9)],
        },
    ])
    .unwrap();
    use serde_json::json;
    assert_eq!(json[0], json!({"code": "item", "items": ["I.1.1"]}));
    assert_eq!(json[1], json!({"code": "missing_rating", "month": 7}));
    assert_eq!(
        json[2],
        json!({"code": "missing_rating", "month": 7, "staff": ["NV01"]})
    );
    assert_eq!(
        json[3],
        json!({"code": "subordinate", "staff": "NV01", "name": "Nguyễn Thị Lan", "month": 9, "rating": "HTNV"})
    );
    assert_eq!(
        json[4],
        json!({"code": "checklist_state", "state": "submitted"})
    );
    assert_eq!(json[5], json!({"code": "missing_self", "items": ["I.1.1"]}));
    assert_eq!(
        json[6],
        json!({"code": "closed_pending", "missing": [{"code": "missing_rating", "month": 9}]})
    );
    assert_eq!(
        serde_json::to_value(Outcome::NotAssessed).unwrap(),
        json!("not_assessed")
    );
}

// ---- commendation ----

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
fn adhoc_commendation_needs_a_pass_outstanding_and_a_summary() {
    let pass = Case::staff().run();
    assert!(adhoc_commendation(&pass, true, Some("Cứu người trong lũ")));
    assert!(!adhoc_commendation(
        &pass,
        false,
        Some("Cứu người trong lũ")
    ));
    assert!(!adhoc_commendation(&pass, true, Some("  ")));
    assert!(!adhoc_commendation(&pass, true, None));
    assert!(quarterly_commendation(&pass));
}

#[test]
fn adhoc_commendation_excludes_every_item_passed_but_the_quarter_not() {
    // Every item Đạt, outstanding, a summary — yet not professional.
    let mut htnv = Case::staff();
    htnv.months[1] = rated(Rating::Htnv, 20, false);
    let mut discipline = Case::staff();
    discipline.months[0] = rated(Rating::Httnv, 18, false);
    let mut subordinate = Case::leader();
    subordinate.subordinates[0].months[2] = rated(Rating::Htnv, 20, false);
    let mut pending = Case::staff();
    pending.months[2] = None;
    for (what, c) in [
        ("HTNV month", htnv),
        ("discipline 18", discipline),
        ("subordinate", subordinate),
        ("pending", pending),
    ] {
        let r = c.run();
        assert_eq!(r.items_passed, r.items_total, "{what}");
        assert!(!adhoc_commendation(&r, true, Some("x")), "{what}");
        assert!(!quarterly_commendation(&r), "{what}");
    }
}

// ---- whole months on leave ----

#[test]
fn a_month_on_leave_is_not_required_of_the_person_and_never_fails_them() {
    let mut c = Case::staff();
    c.months = [good(), leave(), good()];
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pass, "{:?}", r.reasons);
    // Only the month not rated is missing, not the month on leave.
    c.months = [None, leave(), good()];
    assert_eq!(c.run().reasons, vec![own_missing(7)]);
}

#[test]
fn on_leave_for_one_month_the_person_is_assessed_on_the_others() {
    let mut c = Case::staff();
    c.months = [leave(), good(), rated(Rating::Htnv, 20, false)];
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(
        r.reasons,
        vec![Reason::MonthRating {
            month: 9,
            rating: Rating::Htnv
        }]
    );
}

#[test]
fn on_leave_for_the_whole_quarter_is_not_assessed_with_why_leave() {
    let mut c = Case::staff();
    c.months = [leave(), leave(), leave()];
    // Whatever the checklist holds: there is no month to judge.
    c.state = None;
    c.reviews = vec![None; 18];
    let r = c.run();
    assert_eq!(r.outcome, Outcome::NotAssessed);
    assert_eq!(
        r.reasons,
        vec![Reason::NotAssessed {
            why: NotAssessedWhy::Leave
        }]
    );
    assert_eq!(r.items_passed, 0);
    assert!(if_approved(&c.input()).is_none());
    // One month rated, the others on leave: assessed.
    c.months[2] = good();
    assert_ne!(c.run().outcome, Outcome::NotAssessed);
}

#[test]
fn on_leave_for_every_month_that_would_be_required_is_not_assessed() {
    // Joined on 10 July: August and September are required; both on leave.
    // July, a partial month rated anyway, does not make a quarter.
    let mut c = Case::staff().joined(d(2026, 7, 10));
    c.months = [good(), leave(), leave()];
    assert_eq!(
        c.run().reasons,
        vec![Reason::NotAssessed {
            why: NotAssessedWhy::Leave
        }]
    );
    // Joined too late for a whole month: that is why, not the leave.
    let mut c = Case::staff().joined(d(2026, 9, 10));
    c.months = [None, None, leave()];
    assert_eq!(
        c.run().reasons,
        vec![Reason::NotAssessed {
            why: NotAssessedWhy::Joined
        }]
    );
}

#[test]
fn a_subordinates_month_on_leave_is_neither_missing_nor_a_failure() {
    let mut c = Case::leader();
    c.subordinates[0].months = [good(), leave(), good()];
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pass, "{:?}", r.reasons);
    // The month's unrated subordinates are listed without the one on leave.
    c.subordinates[1].months[1] = None;
    assert_eq!(
        c.run().reasons,
        vec![Reason::MissingRating {
            month: 8,
            staff: strings(&["NV02"]),
            names: strings(&["Tên NV02"]),
        }]
    );
    // On leave all quarter: nothing of theirs is awaited.
    c.subordinates[1].months = [leave(), leave(), leave()];
    assert_eq!(c.run().outcome, Outcome::Pass);
}

#[test]
fn a_leader_on_leave_for_a_month_does_not_answer_for_that_months_subordinates() {
    let mut c = Case::leader();
    c.months = [good(), leave(), good()];
    c.subordinates[0].months = [good(), rated(Rating::Khtnv, 20, false), good()];
    c.subordinates[1].months = [good(), None, good()];
    let r = c.run();
    assert_eq!(r.outcome, Outcome::Pass, "{:?}", r.reasons);
    // The months they led still count.
    c.subordinates[0].months[2] = rated(Rating::Htnv, 20, false);
    assert_eq!(
        c.run().reasons,
        vec![Reason::Subordinate {
            staff: "NV01".into(),
            name: "Tên NV01".into(),
            month: 9,
            rating: Rating::Htnv
        }]
    );
}

#[test]
fn a_rating_of_a_month_employed_on_no_day_is_not_counted() {
    // Joined on 1 August: a July rating is not theirs (refused on input,
    // but an older database may hold one).
    let mut c = Case::staff().joined(d(2026, 8, 1));
    c.months = [rated(Rating::Khtnv, 0, false), good(), good()];
    assert_eq!(c.run().outcome, Outcome::Pass);
    // A subordinate who left on 31 July, rated KHTNV for September, is
    // not held against the leader; July (employed all of it) is.
    let mut c = Case::leader();
    c.subordinates[0].employment.left = Some(d(2026, 7, 31));
    c.subordinates[0].months = [good(), None, rated(Rating::Khtnv, 20, false)];
    assert_eq!(c.run().outcome, Outcome::Pass);
    c.subordinates[0].months[0] = rated(Rating::Htnv, 20, false);
    assert_eq!(c.run().outcome, Outcome::Fail);
}

// ---- properties ----

fn arb_mark() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![Just(Some(true)), Just(Some(false)), Just(None)]
}

fn arb_month() -> impl Strategy<Value = Option<MonthEntry>> {
    let rating = prop_oneof![
        Just(Rating::Htxsnv),
        Just(Rating::Httnv),
        Just(Rating::Htnv),
        Just(Rating::Khtnv)
    ];
    let discipline = prop_oneof![Just(Some(20u8)), (0u8..=20).prop_map(Some), Just(None)];
    prop_oneof![
        2 => Just(good()),
        1 => (rating, discipline, any::<bool>()).prop_map(|(rating, discipline, excused)| Some(MonthEntry::Rated(MonthlyRating { rating, discipline, excused }))),
        1 => Just(None),
        1 => Just(leave()),
    ]
}

fn arb_case() -> impl Strategy<Value = Case> {
    let state = prop_oneof![
        4 => Just(Some(ChecklistState::Approved)),
        1 => Just(Some(ChecklistState::Submitted)),
        1 => Just(Some(ChecklistState::Returned)),
        1 => Just(Some(ChecklistState::Draft)),
        1 => Just(None),
    ];
    (
        any::<bool>(),
        prop::collection::vec(arb_mark(), 27),
        [arb_month(), arb_month(), arb_month()],
        prop::collection::vec([arb_month(), arb_month(), arb_month()], 0..4),
        state,
    )
        .prop_map(|(leader, reviews, months, subs, state)| {
            let mut c = if leader {
                Case::leader()
            } else {
                Case::staff()
            };
            c.reviews = reviews[..c.item_ids.len()].to_vec();
            c.state = state;
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
    // Review marks decide only on an approved checklist.
    let approved = c.state == Some(ChecklistState::Approved);
    for i in (0..c.reviews.len()).filter(|_| approved) {
        let mut x = clone(c);
        x.reviews[i] = Some(false);
        out.push(x);
    }
    for i in 0..3 {
        let mut x = clone(c);
        x.months[i] = rated(Rating::Htnv, 20, false);
        out.push(x);
        let mut x = clone(c);
        let r = c.months[i]
            .and_then(MonthEntry::rated)
            .map_or(Rating::Httnv, |m| m.rating);
        x.months[i] = Some(MonthEntry::Rated(MonthlyRating {
            rating: r,
            discipline: Some(19),
            excused: false,
        }));
        out.push(x);
        // A leader on leave for the month does not answer for it.
        let led = !c.months[i].is_some_and(MonthEntry::is_leave);
        for s in (0..c.subordinates.len()).filter(|_| led) {
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
            // A subordinate's month changed: the leader's rule only.
            let only_leader_rule =
                x.kind == StaffKind::Staff && x.months == c.months && x.reviews == c.reviews;
            if only_leader_rule { continue; }
            // On leave all quarter: not assessed, whatever the checklist.
            let expected = if not_assessed_in(&x.input()).is_some() {
                Outcome::NotAssessed
            } else {
                Outcome::Fail
            };
            prop_assert_eq!(x.run().outcome, expected);
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
            // Before approval the reviewer may still change a mark: approving
            // is filling in the decision, with every item passed.
            if c.state != Some(ChecklistState::Approved) {
                x.reviews = vec![Some(true); x.item_ids.len()];
            }
            x.self_marks = vec![Some(true); x.item_ids.len()];
            x.state = Some(ChecklistState::Approved);
            let unscored = |m: MonthEntry| m.rated().is_some_and(|m| m.discipline.is_none());
            for m in &mut x.months { if m.is_none() || m.is_some_and(unscored) { *m = good(); } }
            for s in &mut x.subordinates { for m in &mut s.months { if m.is_none() { *m = good(); } } }
            prop_assert_eq!(x.run().outcome, Outcome::Pass);
        }
    }
}

#[test]
fn closing_turns_pending_into_fail_carrying_what_was_missing_and_leaves_the_rest() {
    let pending = QuarterResult {
        outcome: Outcome::Pending,
        items_passed: 0,
        items_total: 18,
        reasons: vec![Reason::MissingRating {
            month: 9,
            staff: vec![],
            names: vec![],
        }],
    };
    let closed = at_close(pending.clone());
    assert_eq!(closed.outcome, Outcome::Fail);
    assert_eq!(
        closed.reasons,
        vec![Reason::ClosedPending {
            missing: pending.reasons.clone()
        }]
    );
    for o in [Outcome::Pass, Outcome::Fail, Outcome::NotAssessed] {
        let r = QuarterResult {
            outcome: o,
            ..pending.clone()
        };
        assert_eq!(at_close(r.clone()), r);
    }
}
