//! The rules of SPEC section 3 (003, mục III): a person's quarterly result —
//! pass (Đạt — chuyên nghiệp), fail (Chưa đạt) or pending — with every reason
//! that decides it, and the three kinds of commendation.
//!
//! Pure functions over plain data, cheap enough to run on every key press.
//!
//! Decisions where the source is silent (also in docs/RULES.md):
//! - a month is required of a person only if they were employed for the whole
//!   of it; a partial month that was rated anyway still counts;
//! - the subordinate rule looks only at months the leader was employed for the
//!   whole of, and at the current direct subordinates;
//! - `excused` forgives only an HTNV of a subordinate (leave or sickness), never
//!   a KHTNV, and never the person's own month;
//! - a rated month without a discipline score is missing data (pending).

use super::quarter::Quarter;
use super::rating::{DISCIPLINE_MAX, MonthlyRating, Rating};
use super::reference::StaffKind;
use super::staff::Employment;
use serde::{Deserialize, Serialize};

/// The quarterly result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Đạt — chuyên nghiệp.
    Pass,
    /// Chưa đạt.
    Fail,
    /// Not enough data yet.
    Pending,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Pending => "pending",
        }
    }
}

/// Why a result is what it is. Months are 1–12 within the quarter's year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// The authority marked this item Chưa đạt.
    Item { item: String },
    /// The month's rating is below HTTNV.
    MonthRating { month: u8, rating: Rating },
    /// The month's discipline score is below 20.
    Discipline { month: u8, score: u8 },
    /// A direct subordinate's month is below HTTNV (and not an excused HTNV).
    Subordinate {
        staff: String,
        month: u8,
        rating: Rating,
    },
    /// The authority has not reviewed this item yet.
    MissingReview { item: String },
    /// A required month is not rated yet (of a subordinate, if `staff`).
    MissingRating {
        month: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff: Option<String>,
    },
}

impl Reason {
    /// A failing reason (data present and unmet), as opposed to missing data.
    pub fn is_failure(&self) -> bool {
        !matches!(
            self,
            Reason::MissingReview { .. } | Reason::MissingRating { .. }
        )
    }
}

/// A direct subordinate's three months, for the leader's 100 % rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubordinateMonths {
    pub code: String,
    pub employment: Employment,
    pub months: [Option<MonthlyRating>; 3],
}

/// Everything the rules need about one person in one quarter.
#[derive(Debug, Clone)]
pub struct QuarterInput<'a> {
    pub quarter: Quarter,
    pub kind: StaffKind,
    pub employment: Employment,
    /// The item ids of the person's form (03A or 03B), in order.
    pub item_ids: &'a [&'a str],
    /// The review mark of each item, aligned with `item_ids` (missing = unset).
    pub reviews: &'a [Option<bool>],
    /// The person's rating of each of the quarter's months.
    pub months: [Option<MonthlyRating>; 3],
    /// Direct subordinates (used for leaders only).
    pub subordinates: &'a [SubordinateMonths],
}

/// The result of one person in one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterResult {
    pub outcome: Outcome,
    pub items_passed: usize,
    pub items_total: usize,
    /// For a fail, every unmet condition; for pending, every missing datum;
    /// empty for a pass.
    pub reasons: Vec<Reason>,
}

/// Decides a person's quarter (SPEC section 3).
pub fn evaluate(input: &QuarterInput) -> QuarterResult {
    let mut fails = Vec::new();
    let mut missing = Vec::new();

    // 1. Every item marked Đạt by the authority; the self mark never counts.
    let mut items_passed = 0;
    for (i, id) in input.item_ids.iter().enumerate() {
        match input.reviews.get(i).copied().flatten() {
            Some(true) => items_passed += 1,
            Some(false) => fails.push(Reason::Item {
                item: (*id).to_owned(),
            }),
            None => missing.push(Reason::MissingReview {
                item: (*id).to_owned(),
            }),
        }
    }

    let months = input.quarter.months();
    // 2. Each month: HTTNV or better, discipline 20/20.
    for (m, rated) in months.iter().zip(&input.months) {
        let month = m.month;
        let required = input.employment.month_required(*m);
        match rated {
            Some(r) => {
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
                    None if required => missing.push(Reason::MissingRating { month, staff: None }),
                    None => {}
                }
            }
            None if required => missing.push(Reason::MissingRating { month, staff: None }),
            None => {}
        }
    }

    // 3. Leaders: every direct subordinate HTTNV or better each month, an
    // excused HTNV (leave, sickness) forgiven.
    if input.kind == StaffKind::Leader {
        for (i, m) in months.iter().enumerate() {
            if !input.employment.month_required(*m) {
                continue;
            }
            for sub in input.subordinates {
                match sub.months[i] {
                    Some(r) => {
                        let excused = r.rating == Rating::Htnv && r.excused;
                        if !r.rating.at_least_good() && !excused {
                            fails.push(Reason::Subordinate {
                                staff: sub.code.clone(),
                                month: m.month,
                                rating: r.rating,
                            });
                        }
                    }
                    None if sub.employment.month_required(*m) => {
                        missing.push(Reason::MissingRating {
                            month: m.month,
                            staff: Some(sub.code.clone()),
                        });
                    }
                    None => {}
                }
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
        items_total: input.item_ids.len(),
        reasons,
    }
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

/// Ad-hoc commendation (khen thưởng đột xuất, form 05B): every item passed in
/// the quarter, and marked outstanding by the authority with an achievement
/// summary (trích ngang thành tích).
pub fn adhoc_commendation(
    result: &QuarterResult,
    outstanding: bool,
    achievement: Option<&str>,
) -> bool {
    result.items_total > 0
        && result.items_passed == result.items_total
        && outstanding
        && achievement.is_some_and(|a| !a.trim().is_empty())
}

#[cfg(test)]
mod tests;
