//! Reads: live status of a quarter, and commendation lists.

use super::{Result, Service};
use crate::domain::checklist::ChecklistState;
use crate::domain::history::{self, History};
use crate::domain::rating::{MonthEntry, Rating};
use crate::domain::rules::{
    self, ChecklistInput, Named, Outcome, QuarterInput, QuarterResult, SubordinateMonths,
    YearlyCommendation,
};
use crate::domain::{Quarter, StaffKind};
use crate::store::history as hstore;
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

/// The direct subordinates of each manager in one quarter, each with the
/// months they were under that manager (manager of record at each month's
/// end), and the managers' names.
struct Teams<'a> {
    by_manager: HashMap<&'a str, Vec<(&'a StaffRow, [bool; 3])>>,
    /// The full name of each manager, by code (for the reasons' text).
    managers: HashMap<&'a str, &'a str>,
}

impl<'a> Teams<'a> {
    /// The teams of `q` among `people`, whose managers are among `people` or
    /// `managers`: a person is under their staff row's manager throughout,
    /// or, where their record changed after the quarter's first month's end
    /// (`moved`), under each month-end's manager of record for that month.
    fn of_quarter(
        people: &'a [StaffRow],
        managers: impl IntoIterator<Item = &'a StaffRow>,
        moved: &'a HashMap<i64, History>,
        q: Quarter,
    ) -> Teams<'a> {
        let ends = history::month_ends(q);
        // Each person once: no need to look for repeats.
        let mut by_manager: HashMap<&str, Vec<(&StaffRow, [bool; 3])>> = HashMap::new();
        for s in people {
            match moved.get(&s.id) {
                None => {
                    if let Some(m) = s.staff.manager_code.as_deref() {
                        by_manager
                            .entry(m)
                            .or_default()
                            .push((s, SubordinateMonths::THROUGHOUT));
                    }
                }
                Some(h) => {
                    let of_month = ends.map(|d| h.at(d).manager_code.as_deref());
                    for (i, m) in of_month.iter().enumerate() {
                        if let Some(m) = *m
                            && !of_month[..i].contains(&Some(m))
                        {
                            let under = of_month.map(|x| x == Some(m));
                            by_manager.entry(m).or_default().push((s, under));
                        }
                    }
                }
            }
        }
        let managers = people
            .iter()
            .chain(managers)
            .filter(|s| by_manager.contains_key(s.staff.code.as_str()))
            .map(|s| (s.staff.code.as_str(), s.staff.full_name.as_str()))
            .collect();
        Teams {
            by_manager,
            managers,
        }
    }

    /// Teams given member by member: (manager's code, subordinate, months
    /// under them; a subordinate given twice under one manager counts once),
    /// and the people whose names a reason may need.
    fn of_members(
        members: impl IntoIterator<Item = (&'a str, &'a StaffRow, [bool; 3])>,
        named: impl IntoIterator<Item = &'a StaffRow>,
    ) -> Teams<'a> {
        let mut by_manager: HashMap<&str, Vec<(&StaffRow, [bool; 3])>> = HashMap::new();
        let mut seen = HashSet::new();
        for (m, s, under) in members {
            if seen.insert((m, s.id)) {
                by_manager.entry(m).or_default().push((s, under));
            }
        }
        let managers = named
            .into_iter()
            .map(|s| (s.staff.code.as_str(), s.staff.full_name.as_str()))
            .collect();
        Teams {
            by_manager,
            managers,
        }
    }

    fn of(&self, manager: &str) -> &[(&'a StaffRow, [bool; 3])] {
        self.by_manager.get(manager).map_or(&[], Vec::as_slice)
    }

    /// The person's direct manager (as placed: on the assessment date), named.
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

/// Puts each of `people` in their place on `q`'s assessment date (kind,
/// manager, unit, title on record then) where their record changed since
/// (`moved`), and orders them by that unit and code again if a unit moved.
fn place_on_assessment(people: &mut [StaffRow], moved: &HashMap<i64, History>, q: Quarter) {
    if moved.is_empty() {
        return;
    }
    let date = q.assessment_date();
    let mut unit_moved = false;
    for s in people.iter_mut() {
        if let Some(h) = moved.get(&s.id) {
            let p = h.at(date);
            unit_moved |= p.unit != s.staff.unit;
            s.staff.set_placement(p.clone());
        }
    }
    if unit_moved {
        people.sort_by(|a, b| (&a.staff.unit, &a.staff.code).cmp(&(&b.staff.unit, &b.staff.code)));
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
                    let mut people = store::all_staff(tx)?;
                    let moved = hstore::histories_after(tx, history::month_ends(q)[0])?;
                    place_on_assessment(&mut people, &moved, q);
                    let data = QuarterData {
                        checklists: store::quarter_checklist_status(tx, q)?,
                        ratings: store::quarter_ratings(tx, q)?,
                    };
                    let evaluated = {
                        let teams = Teams::of_quarter(&people, [], &moved, q);
                        evaluate_with(&people, &teams, &data, q, forms)
                    };
                    Ok(joined(people, evaluated, q))
                }
                // A unit, or the few people a reviewer or staff member sees:
                // point reads of just those people and their subordinates.
                _ => {
                    // Placed on the assessment date: the unit, and whose
                    // subordinates they were, on record then.
                    let date = q.assessment_date();
                    let people: Vec<StaffRow> = match (unit, admin) {
                        (Some(u), _) => hstore::staff_in_unit_at(tx, u, date)?,
                        (None, _) => {
                            let mut v = Vec::new();
                            if let Some(code) = &my_code {
                                if let Some(me) = hstore::staff_by_code_at(tx, code, date)? {
                                    v.push(me);
                                }
                                v.extend(hstore::subordinates_at(tx, code, date)?);
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
        let s = self.store.read(|tx| Self::staff_in_quarter(tx, code, q))?;
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
            let mut people = store::all_staff(tx)?;
            let ratings = store::year_ratings(tx, year)?;
            let [first, ..] = Quarter::of_year(year);
            // Whose record changed during the year: placed quarter by
            // quarter (in the list's order, by their current unit).
            let moved = hstore::histories_after(tx, history::month_ends(first)[0])?;
            let current: Vec<(usize, crate::domain::history::Placement)> = people
                .iter()
                .enumerate()
                .filter(|(_, s)| moved.contains_key(&s.id))
                .map(|(i, s)| (i, s.staff.placement()))
                .collect();
            let none = store::YearRatings::default();
            let mut outcomes: Vec<[Option<Outcome>; 4]> = vec![[None; 4]; people.len()];
            for q in Quarter::of_year(year) {
                for (i, _) in &current {
                    let s = &mut people[*i];
                    if let Some(h) = moved.get(&s.id) {
                        s.staff.set_placement(h.at(q.assessment_date()).clone());
                    }
                }
                let closed = store::round_closed(tx, q)?;
                let checklists = store::quarter_checklist_status(tx, q)?;
                let months = |id: i64| ratings.get(id).unwrap_or(&none).quarter(q.q);
                let teams = Teams::of_quarter(&people, [], &moved, q);
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
            for (i, p) in current {
                people[i].staff.set_placement(p);
            }
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
            let s = Self::staff_in_quarter(tx, code, q)?;
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

/// Evaluates `people` by point reads: each placed on the assessment date,
/// their checklists and months, and each leader's subordinates of the
/// quarter (manager of record at each month's end) with their months.
fn evaluate_some(
    conn: &Connection,
    mut people: Vec<StaffRow>,
    q: Quarter,
    forms: &super::Forms,
) -> Result<Vec<StatusRow>> {
    let date = q.assessment_date();
    let mut data = QuarterData {
        checklists: ByStaff::default(),
        ratings: ByStaff::default(),
    };
    let mut teams: Vec<(String, StaffRow, [bool; 3])> = Vec::new();
    let mut managers: Vec<StaffRow> = Vec::new();
    for s in &mut people {
        hstore::placed_at(s, hstore::history_of(conn, s.id)?.as_ref(), date);
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
            for (sub, under) in hstore::subordinates_in(conn, &s.staff.code, q)? {
                if !data.ratings.contains(sub.id) {
                    data.ratings
                        .insert(sub.id, store::quarter_ratings_of(conn, sub.id, q)?);
                }
                teams.push((s.staff.code.clone(), sub, under));
            }
        }
    }
    let evaluated = {
        let teams = Teams::of_members(
            teams.iter().map(|(m, s, under)| (m.as_str(), s, *under)),
            people.iter().chain(&managers),
        );
        evaluate_with(&people, &teams, &data, q, forms)
    };
    Ok(joined(people, evaluated, q))
}

/// [`evaluate`] with the checklists and months of `data`.
fn evaluate_with(
    people: &[StaffRow],
    teams: &Teams,
    data: &QuarterData,
    q: Quarter,
    forms: &super::Forms,
) -> Vec<Option<Evaluated>> {
    evaluate(
        people,
        teams,
        q,
        forms,
        |id| data.checklists.get(id),
        |id| data.ratings.get(id).copied().unwrap_or_default(),
    )
}

/// The status rows of the evaluated people (those not employed during `q`
/// left out).
fn joined(people: Vec<StaffRow>, evaluated: Vec<Option<Evaluated>>, q: Quarter) -> Vec<StatusRow> {
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
                subs_buf.extend(teams.of(&s.staff.code).iter().map(|(sub, under)| {
                    SubordinateMonths {
                        code: sub.staff.code.clone(),
                        name: sub.staff.full_name.clone(),
                        employment: sub.staff.employment,
                        months: months(sub.id),
                        under: *under,
                    }
                }));
                // By code, whichever way the team was read.
                subs_buf.sort_by(|a, b| a.code.cmp(&b.code));
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
