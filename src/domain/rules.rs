//! The rules of SPEC section 3 (003, mục III): a person's quarterly result —
//! pass (Đạt — chuyên nghiệp), fail (Chưa đạt), pending, or not assessed —
//! with every reason that decides it, and the three kinds of commendation.
//!
//! Pure functions over plain data, cheap enough to run on every key press.
//!
//! Decisions where the source is silent (also in docs/RULES.md):
//! - a person is assessed when employed on the assessment date and for the
//!   whole of at least one of the quarter's months; anyone else employed
//!   during the quarter is *not assessed* (never a pass with no rating);
//! - a month is required of a person only if they were employed for the whole
//!   of it and not on leave for the whole of it; a partial month that was
//!   rated anyway still counts; a rating of a month they were employed on no
//!   day of is not theirs and is ignored (refused on input);
//! - someone on leave for every month that would be required of them is not
//!   assessed (`why: leave`); on leave for some months, they are assessed on
//!   the others;
//! - the checklist decides only once approved (003, Bước 3: the person
//!   self-assesses, then the authority reviews); before that it is pending and
//!   one reason says which step waits and on whom;
//! - the subordinate rule looks only at months the leader was employed for the
//!   whole of and not on leave, and for each month at the subordinates whose
//!   manager of record at that month's end was the leader (domain::history);
//!   a subordinate's month on leave is neither missing nor a failure;
//! - `excused` forgives only an HTNV of a subordinate (leave or sickness), never
//!   a KHTNV, and never the person's own month;
//! - a rated month without a discipline score is missing data (pending);
//! - one reason per unmet condition: items are grouped into one reason, a
//!   month's unrated subordinates into one reason.

use super::checklist::ChecklistState;
use super::quarter::Quarter;
use super::rating::{DISCIPLINE_MAX, MonthEntry, Rating};
use super::reference::StaffKind;
use super::staff::Employment;
use serde::{Deserialize, Serialize};

/// The quarterly result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Đạt — chuyên nghiệp.
    Pass,
    /// Chưa đạt.
    Fail,
    /// Not enough data yet.
    Pending,
    /// Không đánh giá: not employed on the assessment date, or for none of
    /// the quarter's months in full, or on leave for every month that would
    /// be required. Shown, on no commendation list.
    NotAssessed,
}

impl Outcome {
    /// Every outcome, in the order lists count them.
    pub const ALL: [Outcome; 4] = [
        Outcome::Pass,
        Outcome::Fail,
        Outcome::Pending,
        Outcome::NotAssessed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Pending => "pending",
            Outcome::NotAssessed => "not_assessed",
        }
    }
}

/// Why a person employed during a quarter is not assessed in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotAssessedWhy {
    /// Joined after the assessment date, or too late to work a whole month
    /// of the quarter.
    Joined,
    /// Left before the assessment date.
    Left,
    /// On leave for every month of the quarter that would be required of
    /// them (nghỉ thai sản, ốm dài ngày, nghỉ không lương).
    Leave,
}

/// A person named in a reason: their code and full name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Named {
    pub code: String,
    pub name: String,
}

/// Why a result is what it is: one reason per unmet condition. Months are
/// 1–12 within the quarter's year. Fields marked `skip` are for the text
/// only; the JSON shape is SPEC section 6.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// The authority marked these items Chưa đạt (approved checklist).
    Item { items: Vec<String> },
    /// The month's rating is below HTTNV.
    MonthRating { month: u8, rating: Rating },
    /// The month's discipline score is below 20/20.
    Discipline { month: u8, score: u8 },
    /// A direct subordinate's month is below HTTNV (and not an excused HTNV).
    Subordinate {
        staff: String,
        name: String,
        month: u8,
        rating: Rating,
    },
    /// The person has not self-assessed these items yet.
    MissingSelf { items: Vec<String> },
    /// The authority has not reviewed these items yet.
    MissingReview { items: Vec<String> },
    /// The checklist is not approved yet: `draft` and `returned` wait on the
    /// person, `submitted` on the authority (`reviewer`).
    ChecklistState {
        state: ChecklistState,
        #[serde(skip)]
        reviewer: Option<Named>,
    },
    /// A required month is not rated yet: the person's own (`staff` empty),
    /// or the listed direct subordinates'.
    MissingRating {
        month: u8,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        staff: Vec<String>,
        /// The subordinates' names, aligned with `staff`.
        #[serde(skip)]
        names: Vec<String>,
    },
    /// Still pending when the round was closed: a fail, with what was missing.
    ClosedPending { missing: Vec<Reason> },
    /// Not assessed in the quarter.
    NotAssessed { why: NotAssessedWhy },
}

impl Reason {
    /// A failing reason (data present and unmet), as opposed to missing data
    /// or not being assessed.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            Reason::Item { .. }
                | Reason::MonthRating { .. }
                | Reason::Discipline { .. }
                | Reason::Subordinate { .. }
                | Reason::ClosedPending { .. }
        )
    }

    pub fn code(&self) -> &'static str {
        match self {
            Reason::Item { .. } => "item",
            Reason::MonthRating { .. } => "month_rating",
            Reason::Discipline { .. } => "discipline",
            Reason::Subordinate { .. } => "subordinate",
            Reason::MissingSelf { .. } => "missing_self",
            Reason::MissingReview { .. } => "missing_review",
            Reason::ChecklistState { .. } => "checklist_state",
            Reason::MissingRating { .. } => "missing_rating",
            Reason::ClosedPending { .. } => "closed_pending",
            Reason::NotAssessed { .. } => "not_assessed",
        }
    }
}

/// A direct subordinate's three months, for the leader's 100 % rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubordinateMonths {
    pub code: String,
    pub name: String,
    pub employment: Employment,
    /// Each month rated, on leave, or `None` (not rated).
    pub months: [Option<MonthEntry>; 3],
    /// For each month: the leader was this person's manager of record at
    /// its end (003's "thuộc quyền quản lý trực tiếp hàng tháng"). A month
    /// under someone else is that manager's to answer for.
    pub under: [bool; 3],
}

impl SubordinateMonths {
    /// Under the same leader throughout the quarter.
    pub const THROUGHOUT: [bool; 3] = [true; 3];
}

/// The person's checklist (phiếu 03A/03B) as the rules see it.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChecklistInput<'a> {
    /// `None` where no checklist has been started (a draft with no marks).
    pub state: Option<ChecklistState>,
    /// The self mark of each item, aligned with the item ids (missing = unset).
    pub self_marks: &'a [Option<bool>],
    /// The review mark of each item, aligned with the item ids.
    pub reviews: &'a [Option<bool>],
}

/// Everything the rules need about one person in one quarter.
#[derive(Debug, Clone)]
pub struct QuarterInput<'a> {
    pub quarter: Quarter,
    pub kind: StaffKind,
    pub employment: Employment,
    /// The item ids of the person's form (03A or 03B), in order.
    pub item_ids: &'a [&'a str],
    pub checklist: ChecklistInput<'a>,
    /// The assessing authority (the direct manager), named in the reason
    /// of a submitted checklist.
    pub reviewer: Option<&'a Named>,
    /// The person's rating (or leave) of each of the quarter's months;
    /// `None` where not rated.
    pub months: [Option<MonthEntry>; 3],
    /// Direct subordinates in some month of the quarter (used for leaders
    /// only), each with the months they were under the leader.
    pub subordinates: &'a [SubordinateMonths],
}

/// The result of one person in one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterResult {
    pub outcome: Outcome,
    /// Items the authority marked Đạt on an approved checklist (0 before
    /// approval: the review marks do not decide yet).
    pub items_passed: usize,
    pub items_total: usize,
    /// For a fail, every unmet condition; for pending, every missing datum;
    /// for not assessed, why; empty for a pass.
    pub reasons: Vec<Reason>,
}

/// Why a person employed during `q` is not assessed in it, if they are not:
/// not employed on the assessment date, or employed for none of the
/// quarter's months in full (never a pass with no rating at all).
pub fn not_assessed(employment: Employment, q: Quarter) -> Option<NotAssessedWhy> {
    let date = q.assessment_date();
    let joined_late = |d| employment.joined.is_some_and(|j| j > d);
    if !employment.employed_on(date) {
        return Some(if joined_late(date) {
            NotAssessedWhy::Joined
        } else {
            NotAssessedWhy::Left
        });
    }
    let months = q.months();
    if months.iter().any(|m| employment.month_required(*m)) {
        return None;
    }
    // Employed on the 25th of the last month but for no whole month: they
    // joined during the quarter (or left after the 25th, having joined in it).
    Some(if joined_late(months[0].first_day()) {
        NotAssessedWhy::Joined
    } else {
        NotAssessedWhy::Left
    })
}

/// Why the person of `input` is not assessed, if they are not: as
/// [`not_assessed`], or on leave for every month that would be required of
/// them (SPEC section 3: "on leave throughout").
pub fn not_assessed_in(input: &QuarterInput) -> Option<NotAssessedWhy> {
    not_assessed(input.employment, input.quarter).or_else(|| {
        // At least one month is required (else `not_assessed` said so).
        let on_leave_throughout = input
            .quarter
            .months()
            .iter()
            .zip(&input.months)
            .filter(|(m, _)| input.employment.month_required(**m))
            .all(|(_, e)| e.is_some_and(MonthEntry::is_leave));
        on_leave_throughout.then_some(NotAssessedWhy::Leave)
    })
}

/// The checklist's part of the result: what fails, what is missing, and
/// how many items the authority passed.
fn checklist_reasons(
    input: &QuarterInput,
    fails: &mut Vec<Reason>,
    missing: &mut Vec<Reason>,
) -> usize {
    let c = input.checklist;
    let ids = input.item_ids;
    let unset = |marks: &[Option<bool>]| -> Vec<String> {
        ids.iter()
            .enumerate()
            .filter(|(i, _)| marks.get(*i).copied().flatten().is_none())
            .map(|(_, id)| (*id).to_owned())
            .collect()
    };
    let missing_self = || {
        let items = unset(c.self_marks);
        (!items.is_empty()).then_some(Reason::MissingSelf { items })
    };
    let state = |state| Reason::ChecklistState {
        state,
        reviewer: None,
    };
    match c.state {
        // Bước 3 begins with the self-assessment: until every item is
        // self-marked, that is the one step awaited (of the person).
        None | Some(ChecklistState::Draft) => {
            missing.push(missing_self().unwrap_or(state(ChecklistState::Draft)));
            0
        }
        Some(ChecklistState::Returned) => {
            missing.push(state(ChecklistState::Returned));
            missing.extend(missing_self());
            0
        }
        Some(ChecklistState::Submitted) => {
            missing.push(Reason::ChecklistState {
                state: ChecklistState::Submitted,
                reviewer: input.reviewer.cloned(),
            });
            missing.extend(missing_self());
            let items = unset(c.reviews);
            if !items.is_empty() {
                missing.push(Reason::MissingReview { items });
            }
            0
        }
        // Approved: the review marks decide; the self mark never counts.
        Some(ChecklistState::Approved) => {
            missing.extend(missing_self());
            let mut passed = 0;
            let mut failed = Vec::new();
            let mut unreviewed = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                match c.reviews.get(i).copied().flatten() {
                    Some(true) => passed += 1,
                    Some(false) => failed.push((*id).to_owned()),
                    None => unreviewed.push((*id).to_owned()),
                }
            }
            if !failed.is_empty() {
                fails.push(Reason::Item { items: failed });
            }
            if !unreviewed.is_empty() {
                missing.push(Reason::MissingReview { items: unreviewed });
            }
            passed
        }
    }
}

/// A result as a closed round holds it: 003 knows two levels only (đạt /
/// chưa đạt), so whoever is still pending when the round is closed has not
/// passed — a fail with one `closed_pending` reason carrying what was
/// missing (SPEC section 3, "Closing a round"). Pass, fail and not assessed
/// stay as they are.
pub fn at_close(result: QuarterResult) -> QuarterResult {
    if result.outcome != Outcome::Pending {
        return result;
    }
    QuarterResult {
        outcome: Outcome::Fail,
        reasons: vec![Reason::ClosedPending {
            missing: result.reasons,
        }],
        ..result
    }
}

/// Decides a person's quarter (SPEC section 3).
pub fn evaluate(input: &QuarterInput) -> QuarterResult {
    let items_total = input.item_ids.len();
    if let Some(why) = not_assessed_in(input) {
        return QuarterResult {
            outcome: Outcome::NotAssessed,
            items_passed: 0,
            items_total,
            reasons: vec![Reason::NotAssessed { why }],
        };
    }
    let mut fails = Vec::new();
    let mut missing = Vec::new();

    // 1. The checklist: self-assessed, reviewed and approved; every item
    // marked Đạt by the authority.
    let items_passed = checklist_reasons(input, &mut fails, &mut missing);

    let months = input.quarter.months();
    // 2. Each month: HTTNV or better, discipline 20/20. A month on leave is
    // not required and never fails.
    for (m, entry) in months.iter().zip(&input.months) {
        let month = m.month;
        let required = input.employment.month_required(*m);
        let own_missing = || Reason::MissingRating {
            month,
            staff: Vec::new(),
            names: Vec::new(),
        };
        match entry.filter(|_| input.employment.employed_in_month(*m)) {
            Some(MonthEntry::Leave) => {}
            Some(MonthEntry::Rated(r)) => {
                if !r.rating.at_least_good() {
                    fails.push(Reason::MonthRating {
                        month,
                        rating: r.rating,
                    });
                }
                match r.discipline {
                    Some(score) if score < DISCIPLINE_MAX => {
                        fails.push(Reason::Discipline { month, score })
                    }
                    Some(_) => {}
                    None if required => missing.push(own_missing()),
                    None => {}
                }
            }
            None if required => missing.push(own_missing()),
            None => {}
        }
    }

    // 3. Leaders: every direct subordinate HTTNV or better each month the
    // leader led (employed for the whole of it, not on leave), an excused
    // HTNV (leave, sickness) forgiven, a month on leave neither missing nor
    // failed; a month counts the people whose manager of record at its end
    // was the leader. A month's unrated subordinates make one reason.
    if input.kind == StaffKind::Leader {
        for (i, m) in months.iter().enumerate() {
            let on_leave = input.months[i].is_some_and(MonthEntry::is_leave);
            if !input.employment.month_required(*m) || on_leave {
                continue;
            }
            let mut staff = Vec::new();
            let mut names = Vec::new();
            for sub in input.subordinates.iter().filter(|s| s.under[i]) {
                match sub.months[i].filter(|_| sub.employment.employed_in_month(*m)) {
                    Some(MonthEntry::Leave) => {}
                    Some(MonthEntry::Rated(r)) => {
                        let excused = r.rating == Rating::Htnv && r.excused;
                        if !r.rating.at_least_good() && !excused {
                            fails.push(Reason::Subordinate {
                                staff: sub.code.clone(),
                                name: sub.name.clone(),
                                month: m.month,
                                rating: r.rating,
                            });
                        }
                    }
                    None if sub.employment.month_required(*m) => {
                        staff.push(sub.code.clone());
                        names.push(sub.name.clone());
                    }
                    None => {}
                }
            }
            if !staff.is_empty() {
                missing.push(Reason::MissingRating {
                    month: m.month,
                    staff,
                    names,
                });
            }
        }
    }

    let (outcome, reasons) = if !fails.is_empty() {
        (Outcome::Fail, fails)
    } else if !missing.is_empty() {
        (Outcome::Pending, missing)
    } else {
        (Outcome::Pass, Vec::new())
    };
    QuarterResult {
        outcome,
        items_passed,
        items_total,
        reasons,
    }
}

/// What the review marks would decide if the checklist were approved as it
/// stands (the TUI's "nếu duyệt" line); `None` once it is approved, or when
/// the person is not assessed.
pub fn if_approved(input: &QuarterInput) -> Option<QuarterResult> {
    if input.checklist.state == Some(ChecklistState::Approved) || not_assessed_in(input).is_some() {
        return None;
    }
    let mut approved = input.clone();
    approved.checklist.state = Some(ChecklistState::Approved);
    Some(evaluate(&approved))
}

/// Quarterly commendation (khen thưởng định kỳ theo quý, form 05A): the
/// professional result in that quarter.
pub fn quarterly_commendation(result: &QuarterResult) -> bool {
    result.outcome == Outcome::Pass
}

/// The yearly commendation of one person (form 05A, yearly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearlyCommendation {
    pub quarters_passed: usize,
    pub yearly_rating: Option<Rating>,
    pub eligible: bool,
}

/// Yearly commendation: professional in at least 2 of the year's 4 quarters
/// and a yearly rating of HTXSNV.
pub fn yearly_commendation(
    quarters: &[Outcome],
    yearly_rating: Option<Rating>,
) -> YearlyCommendation {
    let quarters_passed = quarters.iter().filter(|o| **o == Outcome::Pass).count();
    let eligible = quarters_passed >= 2 && yearly_rating == Some(Rating::Htxsnv);
    YearlyCommendation {
        quarters_passed,
        yearly_rating,
        eligible,
    }
}

/// Ad-hoc commendation (khen thưởng đột xuất, form 05B, "đạt tiêu chí chuyên
/// nghiệp"): professional in the quarter — 003's "đạt 100% tiêu chí" is the
/// whole result, not merely every item — and marked outstanding by the
/// authority with an achievement summary (trích ngang thành tích).
pub fn adhoc_commendation(
    result: &QuarterResult,
    outstanding: bool,
    achievement: Option<&str>,
) -> bool {
    result.outcome == Outcome::Pass
        && outstanding
        && achievement.is_some_and(|a| !a.trim().is_empty())
}

#[cfg(test)]
mod tests;
