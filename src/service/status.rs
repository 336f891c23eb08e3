//! Reads: live status of a quarter, and commendation lists.

use super::{Result, Service};
use crate::domain::checklist::ChecklistState;
use crate::domain::rating::{MonthEntry, Rating};
use crate::domain::rules::{
    self, ChecklistInput, Named, Outcome, QuarterInput, QuarterResult, SubordinateMonths,
    YearlyCommendation,
};
use crate::domain::{Quarter, StaffKind};
use crate::store::{self, ByStaff, ChecklistStatus, StaffRow};
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

/// One person's result in a quarter, with what the status list shows.
#[derive(Debug, Clone)]
pub struct StatusRow {
    pub staff: StaffRow,
    pub quarter: Quarter,
    pub result: QuarterResult,
    /// `None` where no checklist has been started.
    pub state: Option<ChecklistState>,
    pub self_marked: usize,
    pub reviewed: usize,
    pub outstanding: bool,
    pub achievement: Option<String>,
}

/// The quarter's commendations: periodic (form 05A) and ad-hoc (05B).
#[derive(Debug, Clone)]
pub struct QuarterCommendation {
    pub quarterly: Vec<StatusRow>,
    pub adhoc: Vec<AdhocRow>,
}

#[derive(Debug, Clone)]
pub struct AdhocRow {
    pub status: StatusRow,
    pub achievement: String,
}

#[derive(Debug, Clone)]
pub struct YearlyRow {
    pub staff: StaffRow,
    pub quarters: [Outcome; 4],
    pub commendation: YearlyCommendation,
}

/// Everything loaded once for evaluating a set of people in a quarter.
struct QuarterData {
    checklists: ByStaff<ChecklistStatus>,
    ratings: ByStaff<[Option<MonthEntry>; 3]>,
}

/// The direct subordinates of each manager among a set of people, built once
/// for every quarter evaluated.
struct Teams<'a> {
    by_manager: HashMap<&'a str, Vec<&'a StaffRow>>,
    /// The full name of each manager, by code (for the reasons' text).
    managers: HashMap<&'a str, &'a str>,
}

impl<'a> Teams<'a> {
    /// The teams among `people`, whose managers are among `people` or
    /// `managers`.
    fn new(
        people: impl IntoIterator<Item = &'a StaffRow>,
        managers: impl IntoIterator<Item = &'a StaffRow>,
    ) -> Teams<'a> {
        let mut by_manager: HashMap<&str, Vec<&StaffRow>> = HashMap::new();
        let mut seen = HashSet::new();
        let mut everyone = Vec::new();
        for s in people {
            everyone.push(s);
            if let Some(m) = s.staff.manager_code.as_deref()
                && seen.insert(s.id)
            {
                by_manager.entry(m).or_default().push(s);
            }
        }
        let managers = everyone
            .into_iter()
            .chain(managers)
            .filter(|s| by_manager.contains_key(s.staff.code.as_str()))
            .map(|s| (s.staff.code.as_str(), s.staff.full_name.as_str()))
            .collect();
        Teams {
            by_manager,
            managers,
        }
    }

    fn of(&self, manager: &str) -> &[&'a StaffRow] {
        self.by_manager.get(manager).map_or(&[], Vec::as_slice)
    }

    /// The person's direct manager, named.
    fn manager_of(&self, s: &StaffRow) -> Option<Named> {
        let code = s.staff.manager_code.as_deref()?;
        Some(Named {
            code: code.to_owned(),
            name: self
                .managers
                .get(code)
                .copied()
                .unwrap_or_default()
                .to_owned(),
        })
    }
}

/// One person's evaluated quarter, before it is joined to their record.
struct Evaluated {
    result: QuarterResult,
    state: Option<ChecklistState>,
    self_marked: usize,
    reviewed: usize,
    outstanding: bool,
    achievement: Option<String>,
}

impl Evaluated {
    fn into_row(self, staff: StaffRow, quarter: Quarter) -> StatusRow {
        StatusRow {
            staff,
            quarter,
            result: self.result,
            state: self.state,
            self_marked: self.self_marked,
            reviewed: self.reviewed,
            outstanding: self.outstanding,
            achievement: self.achievement,
        }
    }
}

impl Service {
    /// The status of everyone the actor may see who was employed during `q`
    /// (those not assessed in it with that result), optionally in one unit,
    /// ordered by unit and code.
    pub fn status(&self, q: Quarter, unit: Option<&str>) -> Result<Vec<StatusRow>> {
        let forms = &self.forms;
        let visible = |s: &StaffRow| self.can_see(s);
        let admin = self.actor.roles.admin;
        let my_code = self.actor.code().map(str::to_owned);
        self.store.read(|tx| {
            let rows = match unit {
                // A whole quarter: set-based reads, then the rules in memory.
                None if admin => {
                    let people = store::all_staff(tx)?;
                    let data = QuarterData {
                        checklists: store::quarter_checklist_status(tx, q)?,
                        ratings: store::quarter_ratings(tx, q)?,
                    };
                    Ok(evaluate_all(people, &[], &[], &data, q, forms))
                }
                // A unit, or the few people a reviewer or staff member sees:
                // point reads of just those people and their subordinates.
                _ => {
                    let people: Vec<StaffRow> = match (unit, admin) {
                        (Some(u), _) => store::staff_in_unit(tx, u)?,
                        (None, _) => {
                            let mut v = Vec::new();
                            if let Some(code) = &my_code {
                                if let Some(me) = store::staff_by_code(tx, code)? {
                                    v.push(me);
                                }
                                v.extend(store::subordinates_of(tx, code)?);
                            }
                            v
                        }
                    };
                    let people: Vec<StaffRow> = people.into_iter().filter(|s| visible(s)).collect();
                    evaluate_some(tx, people, q, forms)
                }
            }?;
            as_round_holds(tx, q, rows)
        })
    }

    /// One person's status (the TUI recomputes it live).
    pub fn status_of(&self, code: &str, q: Quarter) -> Result<StatusRow> {
        let forms = &self.forms;
        let s = self.store.read(|tx| Self::staff_or_unknown(tx, code))?;
        if !self.can_see(&s) {
            return Err(super::ServiceError::Denied(super::Denied::NotVisible {
                code: code.to_owned(),
            }));
        }
        let rows = self
            .store
            .read(|tx| as_round_holds(tx, q, evaluate_some(tx, vec![s], q, forms)?))?;
        rows.into_iter().next().ok_or_else(|| {
            super::ServiceError::Invalid(format!("{code} is not employed during {q}"))
        })
    }

    /// Quarterly and ad-hoc commendation for `q`.
    pub fn commend_quarter(&self, q: Quarter) -> Result<QuarterCommendation> {
        let rows = self.status(q, None)?;
        let mut quarterly = Vec::new();
        let mut adhoc = Vec::new();
        for r in rows {
            if rules::adhoc_commendation(&r.result, r.outstanding, r.achievement.as_deref()) {
                let achievement = r.achievement.clone().unwrap_or_default();
                adhoc.push(AdhocRow {
                    status: r.clone(),
                    achievement,
                });
            }
            if rules::quarterly_commendation(&r.result) {
                quarterly.push(r);
            }
        }
        Ok(QuarterCommendation { quarterly, adhoc })
    }

    /// Yearly commendation for everyone the actor sees who is assessed in
    /// at least one quarter of `year`.
    pub fn commend_year(&self, year: i32) -> Result<Vec<YearlyRow>> {
        if !self.actor.roles.admin {
            return self.commend_year_by_quarter(year);
        }
        let forms = &self.forms;
        // Everyone: one snapshot, the staff and the year's ratings read once,
        // each quarter's checklists from their covering index.
        self.store.read(|tx| {
            let people = store::all_staff(tx)?;
            let ratings = store::year_ratings(tx, year)?;
            let teams = Teams::new(&people, []);
            let none = store::YearRatings::default();
            let mut outcomes: Vec<[Option<Outcome>; 4]> = vec![[None; 4]; people.len()];
            for q in Quarter::of_year(year) {
                let closed = store::round_closed(tx, q)?;
                let checklists = store::quarter_checklist_status(tx, q)?;
                let months = |id: i64| ratings.get(id).unwrap_or(&none).quarter(q.q);
                let evaluated =
                    evaluate(&people, &teams, q, forms, |id| checklists.get(id), months);
                for (i, e) in evaluated.into_iter().enumerate() {
                    if let Some(e) = e
                        && e.result.outcome != Outcome::NotAssessed
                    {
                        let outcome = match e.result.outcome {
                            Outcome::Pending if closed => Outcome::Fail,
                            o => o,
                        };
                        outcomes[i][usize::from(q.q - 1)] = Some(outcome);
                    }
                }
            }
            drop(teams);
            Ok(people
                .into_iter()
                .zip(outcomes)
                .filter(|(_, o)| o.iter().any(Option::is_some))
                .map(|(s, o)| {
                    let assessed: Vec<Outcome> = o.iter().flatten().copied().collect();
                    let yearly = ratings.get(s.id).and_then(|r| r.yearly);
                    YearlyRow {
                        commendation: rules::yearly_commendation(&assessed, yearly),
                        quarters: o.map(|o| o.unwrap_or(Outcome::Pending)),
                        staff: s,
                    }
                })
                .collect())
        })
    }

    /// Yearly commendation from the status of each quarter: for the few
    /// people a reviewer or staff member sees.
    fn commend_year_by_quarter(&self, year: i32) -> Result<Vec<YearlyRow>> {
        let mut per_quarter: Vec<HashMap<i64, Outcome>> = Vec::with_capacity(4);
        let mut people: HashMap<i64, StaffRow> = HashMap::new();
        for q in Quarter::of_year(year) {
            let rows: Vec<StatusRow> = self
                .status(q, None)?
                .into_iter()
                .filter(|r| r.result.outcome != Outcome::NotAssessed)
                .collect();
            per_quarter.push(
                rows.iter()
                    .map(|r| (r.staff.id, r.result.outcome))
                    .collect(),
            );
            for r in rows {
                people.entry(r.staff.id).or_insert(r.staff);
            }
        }
        let yearly = self.store.read(|tx| store::yearly_ratings(tx, year))?;
        let mut out: Vec<YearlyRow> = people
            .into_values()
            .map(|s| {
                let quarters = [0, 1, 2, 3].map(|i| {
                    per_quarter[i]
                        .get(&s.id)
                        .copied()
                        .unwrap_or(Outcome::Pending)
                });
                let assessed: Vec<Outcome> = (0..4)
                    .filter_map(|i| per_quarter[i].get(&s.id).copied())
                    .collect();
                let commendation =
                    rules::yearly_commendation(&assessed, yearly.get(&s.id).copied());
                YearlyRow {
                    staff: s,
                    quarters,
                    commendation,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            (&a.staff.staff.unit, &a.staff.staff.code)
                .cmp(&(&b.staff.staff.unit, &b.staff.staff.code))
        });
        Ok(out)
    }

    /// One person's ratings of the quarter's months (admins, the person and
    /// their reviewer may see them).
    pub fn quarter_ratings(&self, code: &str, q: Quarter) -> Result<[Option<MonthEntry>; 3]> {
        self.store.read(|tx| {
            let s = Self::staff_or_unknown(tx, code)?;
            if !self.can_see(&s) {
                return Err(super::ServiceError::Denied(super::Denied::NotVisible {
                    code: code.to_owned(),
                }));
            }
            Ok(store::quarter_ratings_of(tx, s.id, q)?)
        })
    }

    /// The yearly rating of one person, if any (admins, the person and
    /// their reviewer may see it, as the monthly ones).
    pub fn yearly_rating(&self, code: &str, year: i32) -> Result<Option<Rating>> {
        self.store.read(|tx| {
            let s = Self::staff_or_unknown(tx, code)?;
            if !self.can_see(&s) {
                return Err(super::ServiceError::Denied(super::Denied::NotVisible {
                    code: code.to_owned(),
                }));
            }
            Ok(store::rating_of(tx, s.id, year, 0)?
                .and_then(MonthEntry::rated)
                .map(|r| r.rating))
        })
    }
}

fn evaluate_some(
    conn: &Connection,
    people: Vec<StaffRow>,
    q: Quarter,
    forms: &super::Forms,
) -> Result<Vec<StatusRow>> {
    let mut data = QuarterData {
        checklists: ByStaff::default(),
        ratings: ByStaff::default(),
    };
    let mut subs: Vec<StaffRow> = Vec::new();
    let mut managers: Vec<StaffRow> = Vec::new();
    for s in &people {
        if let Some(m) = &s.staff.manager_code
            && !managers.iter().any(|x| &x.staff.code == m)
            && let Some(m) = store::staff_by_code(conn, m)?
        {
            managers.push(m);
        }
        if let Some(c) = store::checklist(conn, s.id, q)? {
            data.checklists.insert(s.id, ChecklistStatus::of(&c));
        }
        data.ratings
            .insert(s.id, store::quarter_ratings_of(conn, s.id, q)?);
        if s.staff.kind == StaffKind::Leader {
            for sub in store::subordinates_of(conn, &s.staff.code)? {
                if !data.ratings.contains(sub.id) {
                    data.ratings
                        .insert(sub.id, store::quarter_ratings_of(conn, sub.id, q)?);
                }
                subs.push(sub);
            }
        }
    }
    Ok(evaluate_all(people, &subs, &managers, &data, q, forms))
}

/// Evaluates `people`, whose direct subordinates are among `people` and
/// `subs` and whose managers among `people` and `managers`; those not
/// employed during `q` are left out.
fn evaluate_all(
    people: Vec<StaffRow>,
    subs: &[StaffRow],
    managers: &[StaffRow],
    data: &QuarterData,
    q: Quarter,
    forms: &super::Forms,
) -> Vec<StatusRow> {
    let evaluated = {
        let teams = Teams::new(people.iter().chain(subs), managers);
        evaluate(
            &people,
            &teams,
            q,
            forms,
            |id| data.checklists.get(id),
            |id| data.ratings.get(id).copied().unwrap_or_default(),
        )
    };
    people
        .into_iter()
        .zip(evaluated)
        .filter_map(|(s, e)| e.map(|e| e.into_row(s, q)))
        .collect()
}

/// The rules for each of `people` in `q` (`None` for those not employed
/// during it; a result of not assessed for those employed but not assessed),
/// their checklists and months given by staff id.
fn evaluate<'c>(
    people: &[StaffRow],
    teams: &Teams,
    q: Quarter,
    forms: &super::Forms,
    checklist: impl Fn(i64) -> Option<&'c ChecklistStatus>,
    months: impl Fn(i64) -> [Option<MonthEntry>; 3],
) -> Vec<Option<Evaluated>> {
    let mut subs_buf: Vec<SubordinateMonths> = Vec::new();
    people
        .iter()
        .map(|s| {
            if !s.staff.employment.employed_during(q) {
                return None;
            }
            let assessed = rules::not_assessed(s.staff.employment, q).is_none();
            let c = checklist(s.id);
            subs_buf.clear();
            if s.staff.kind == StaffKind::Leader && assessed {
                subs_buf.extend(teams.of(&s.staff.code).iter().map(|sub| SubordinateMonths {
                    code: sub.staff.code.clone(),
                    name: sub.staff.full_name.clone(),
                    employment: sub.staff.employment,
                    months: months(sub.id),
                }));
            }
            // The reviewer is named only where a reason names them.
            let reviewer = c
                .filter(|c| c.state == ChecklistState::Submitted)
                .and_then(|_| teams.manager_of(s));
            let input = QuarterInput {
                quarter: q,
                kind: s.staff.kind,
                employment: s.staff.employment,
                item_ids: forms.ids(s.staff.kind),
                checklist: ChecklistInput {
                    state: c.map(|c| c.state),
                    self_marks: c.map_or(&[], |c| c.self_marks.as_slice()),
                    reviews: c.map_or(&[], |c| c.review_marks.as_slice()),
                },
                reviewer: reviewer.as_ref(),
                months: months(s.id),
                subordinates: &subs_buf,
            };
            let n = input.item_ids.len();
            let marked =
                |m: &store::Marks| m.as_slice().iter().take(n).filter(|m| m.is_some()).count();
            Some(Evaluated {
                result: rules::evaluate(&input),
                state: c.map(|c| c.state),
                self_marked: c.map_or(0, |c| marked(&c.self_marks)),
                reviewed: c.map_or(0, |c| marked(&c.review_marks)),
                outstanding: c.is_some_and(|c| c.outstanding),
                achievement: c.and_then(|c| c.achievement.clone()),
            })
        })
        .collect()
}

/// Results as the round holds them: in a closed round, whoever was still
/// pending has failed ([`rules::at_close`]). Read in the transaction that
/// read the results.
fn as_round_holds(
    tx: &rusqlite::Connection,
    q: Quarter,
    rows: Vec<StatusRow>,
) -> Result<Vec<StatusRow>> {
    if !store::round_closed(tx, q)? {
        return Ok(rows);
    }
    Ok(rows
        .into_iter()
        .map(|r| StatusRow {
            result: rules::at_close(r.result),
            ..r
        })
        .collect())
}
