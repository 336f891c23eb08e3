//! The staff list of a quarter for a long-lived view (the TUI): the same
//! people and results as [`Service::status`], but streamed line by line
//! with only what a list shows — no staff records, no reasons kept — so
//! that 100,000 people fit in a few megabytes.

use super::{Denied, Forms, Result, Service, ServiceError, StatusRow};
use crate::domain::checklist::ChecklistState;
use crate::domain::history;
use crate::domain::rating::MonthEntry;
use crate::domain::rules::{
    self, ChecklistInput, Named, Outcome, QuarterInput, QuarterResult, SubordinateMonths,
};
use crate::domain::{Employment, Quarter, StaffKind};
use crate::store::history as hstore;
use crate::store::roster::{self as rstore, RosterScope};
use crate::store::{self, StaffRow};
use std::collections::HashMap;

/// One person's line in the list of a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RosterLine<'a> {
    pub id: i64,
    pub code: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
    pub kind: StaffKind,
    /// Row id of the direct manager, if any.
    pub manager_id: Option<i64>,
    pub outcome: Outcome,
    /// `None` where no checklist has been started.
    pub state: Option<ChecklistState>,
    pub self_marked: usize,
    pub reviewed: usize,
    pub items: usize,
}

impl<'a> RosterLine<'a> {
    /// The line of a status row (its manager's row id given).
    pub fn of_status(r: &'a StatusRow, manager_id: Option<i64>) -> RosterLine<'a> {
        let s = &r.staff.staff;
        RosterLine {
            id: r.staff.id,
            code: &s.code,
            name: &s.full_name,
            unit: &s.unit,
            kind: s.kind,
            manager_id,
            outcome: r.result.outcome,
            state: r.state,
            self_marked: r.self_marked,
            reviewed: r.reviewed,
            items: r.result.items_total,
        }
    }
}

/// Everything the rules need about one person in one quarter except their
/// review marks: with it, a changed mark is re-evaluated in memory, without
/// reading the database again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterFacts {
    pub quarter: Quarter,
    pub kind: StaffKind,
    pub employment: Employment,
    pub months: [Option<MonthEntry>; 3],
    /// Direct subordinates (leaders only).
    pub subordinates: Vec<SubordinateMonths>,
    /// The direct manager (the assessing authority), if any.
    pub reviewer: Option<Named>,
    /// The round is closed: a pending result is held as a fail.
    pub closed: bool,
}

impl QuarterFacts {
    fn input<'a>(&'a self, forms: &'a Forms, checklist: ChecklistInput<'a>) -> QuarterInput<'a> {
        QuarterInput {
            quarter: self.quarter,
            kind: self.kind,
            employment: self.employment,
            item_ids: forms.ids(self.kind),
            checklist,
            reviewer: self.reviewer.as_ref(),
            months: self.months,
            subordinates: &self.subordinates,
        }
    }

    /// The result with this checklist (marks in form order), by the rules
    /// [`Service::status`] applies.
    pub fn evaluate(&self, forms: &Forms, checklist: ChecklistInput) -> QuarterResult {
        let result = rules::evaluate(&self.input(forms, checklist));
        if self.closed {
            rules::at_close(result)
        } else {
            result
        }
    }

    /// What the review marks would decide if the checklist were approved now
    /// (`None` once approved, or for someone not assessed).
    pub fn if_approved(&self, forms: &Forms, checklist: ChecklistInput) -> Option<QuarterResult> {
        rules::if_approved(&self.input(forms, checklist))
    }
}

/// Marks set (`1` or `0`) among the first `n` of a packed string.
fn count_marked(packed: &str, n: usize) -> usize {
    packed
        .bytes()
        .take(n)
        .filter(|b| matches!(b, b'1' | b'0'))
        .count()
}

/// Where the quarter's monthly ratings come from: all read at once (a
/// whole list) or one person at a time (a short one).
enum Ratings {
    All(store::ByStaff<[Option<MonthEntry>; 3]>),
    Point,
}

impl Ratings {
    fn of(
        &self,
        conn: &rusqlite::Connection,
        id: i64,
        q: Quarter,
    ) -> store::Result<[Option<MonthEntry>; 3]> {
        Ok(match self {
            Ratings::All(m) => m.get(id).copied().unwrap_or_default(),
            Ratings::Point => store::quarter_ratings_of(conn, id, q)?,
        })
    }
}

impl Service {
    /// Calls `f` with the line of each person the actor may see who was
    /// employed during `q`, in the order of [`Service::status`] (admins: by unit
    /// and code; others: themselves, then their direct subordinates), with
    /// the same results. One read transaction; lines are evaluated and
    /// handed over one at a time, and borrowed only for the call.
    pub fn roster(&self, q: Quarter, mut f: impl FnMut(&RosterLine<'_>)) -> Result<()> {
        let admin = self.actor.roles.admin;
        let scope = match (&self.actor.staff, admin) {
            (_, true) => RosterScope::All,
            (Some(me), false) => RosterScope::Own {
                id: me.id,
                code: &me.staff.code,
                subordinates: self.actor.roles.reviewer,
            },
            (None, false) => return Ok(()),
        };
        let forms = &self.forms;
        let date = q.assessment_date();
        let own = match scope {
            RosterScope::Own { id, .. } => Some(id),
            RosterScope::All => None,
        };
        self.store.read(|tx| {
            let closed = store::round_closed(tx, q)?;
            // Whose record changed since the quarter's first month's end:
            // their kind, unit and manager are those on record on the
            // assessment date (the staff row is everyone else's).
            let moved = hstore::histories_after(tx, history::month_ends(q)[0])?;
            let mut manager_ids: HashMap<String, Option<i64>> = HashMap::new();
            let ratings = if admin {
                Ratings::All(store::quarter_ratings(tx, q)?)
            } else {
                Ratings::Point
            };
            let mut reviews: Vec<Option<bool>> = Vec::new();
            let mut self_marks: Vec<Option<bool>> = Vec::new();
            let mut subs: Vec<SubordinateMonths> = Vec::new();
            let mut sub_ids: Vec<(i64, String, String, Employment, [bool; 3])> = Vec::new();
            rstore::for_each_person(tx, q, scope, |p| {
                if !p.employment.employed_during(q) {
                    return Ok(());
                }
                let placed = moved.get(&p.id).map(|h| h.at(date));
                let (kind, unit, manager_id) = match placed {
                    None => (p.kind, p.unit, p.manager_id),
                    Some(at) => {
                        let manager_id = match &at.manager_code {
                            None => None,
                            Some(m) => match manager_ids.get(m) {
                                Some(id) => *id,
                                None => {
                                    let id = store::staff_by_code(tx, m)?.map(|r| r.id);
                                    manager_ids.insert(m.clone(), id);
                                    id
                                }
                            },
                        };
                        (at.kind, at.unit.as_str(), manager_id)
                    }
                };
                // Someone else's list shows their subordinates on the
                // assessment date (who reviews that quarter).
                if let Some(me) = own
                    && p.id != me
                    && manager_id != Some(me)
                {
                    return Ok(());
                }
                let ids = forms.ids(kind);
                let n = ids.len();
                reviews.clear();
                self_marks.clear();
                subs.clear();
                if let Some(c) = &p.checklist {
                    reviews.extend(store::unpack_marks(c.review_marks));
                    self_marks.extend(store::unpack_marks(c.self_marks));
                }
                let assessed = rules::not_assessed(p.employment, q).is_none();
                if kind == StaffKind::Leader && assessed {
                    sub_ids.clear();
                    rstore::for_each_subordinate(
                        tx,
                        p.code,
                        q,
                        |id, code, name, employment, under| {
                            sub_ids.push((id, code.to_owned(), name.to_owned(), employment, under));
                        },
                    )?;
                    for (id, code, name, employment, under) in sub_ids.drain(..) {
                        subs.push(SubordinateMonths {
                            code,
                            name,
                            employment,
                            months: ratings.of(tx, id, q)?,
                            under,
                        });
                    }
                }
                let months = ratings.of(tx, p.id, q)?;
                // The list needs the outcome only: the reviewer's name is for
                // the reasons' text.
                let result = rules::evaluate(&QuarterInput {
                    quarter: q,
                    kind,
                    employment: p.employment,
                    item_ids: ids,
                    checklist: ChecklistInput {
                        state: p.checklist.map(|c| c.state),
                        self_marks: &self_marks,
                        reviews: &reviews,
                    },
                    reviewer: None,
                    months,
                    subordinates: &subs,
                });
                let result = if closed {
                    rules::at_close(result)
                } else {
                    result
                };
                f(&RosterLine {
                    id: p.id,
                    code: p.code,
                    name: p.name,
                    unit,
                    kind,
                    manager_id,
                    outcome: result.outcome,
                    state: p.checklist.map(|c| c.state),
                    self_marked: p.checklist.map_or(0, |c| count_marked(c.self_marks, n)),
                    reviewed: p.checklist.map_or(0, |c| count_marked(c.review_marks, n)),
                    items: n,
                });
                Ok(())
            })?;
            Ok(())
        })
    }

    /// The facts of one person in `q` (who may see them, as for
    /// [`Service::status_of`]), in one read transaction: their months and,
    /// for a leader, their subordinates' months in one query.
    pub fn quarter_facts(&self, code: &str, q: Quarter) -> Result<QuarterFacts> {
        self.store.read(|tx| {
            let s: StaffRow = Self::staff_in_quarter(tx, code, q)?;
            if !self.can_see(&s) {
                return Err(ServiceError::Denied(Denied::NotVisible {
                    code: code.to_owned(),
                }));
            }
            let mut subordinates = Vec::new();
            if s.staff.kind == StaffKind::Leader {
                let ratings = rstore::subordinate_ratings(tx, code, q)?;
                rstore::for_each_subordinate(tx, code, q, |id, sub, name, employment, under| {
                    subordinates.push(SubordinateMonths {
                        code: sub.to_owned(),
                        name: name.to_owned(),
                        employment,
                        months: ratings.get(&id).copied().unwrap_or_default(),
                        under,
                    })
                })?;
            }
            let reviewer = match &s.staff.manager_code {
                Some(m) => store::staff_by_code(tx, m)?.map(|m| Named {
                    code: m.staff.code,
                    name: m.staff.full_name,
                }),
                None => None,
            };
            Ok(QuarterFacts {
                closed: store::round_closed(tx, q)?,
                reviewer,
                quarter: q,
                kind: s.staff.kind,
                employment: s.staff.employment,
                months: store::quarter_ratings_of(tx, s.id, q)?,
                subordinates,
            })
        })
    }

    /// Bounds this connection's page cache (KiB), for a long-lived session
    /// that should stay small.
    pub fn limit_cache(&self, kib: u32) -> Result<()> {
        self.store
            .conn()
            .execute_batch(&format!("PRAGMA cache_size = -{kib}"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoOptions, generate};
    use crate::store::Store;

    /// The result of a checklist as the TUI evaluates it.
    fn evaluate_view(
        forms: &Forms,
        facts: &QuarterFacts,
        view: &crate::service::ChecklistView,
    ) -> QuarterResult {
        let reviews: Vec<Option<bool>> = view.items.iter().map(|i| i.review).collect();
        let self_marks: Vec<Option<bool>> = view.items.iter().map(|i| i.self_mark).collect();
        facts.evaluate(
            forms,
            ChecklistInput {
                state: (view.version != 0).then_some(view.state),
                self_marks: &self_marks,
                reviews: &reviews,
            },
        )
    }

    fn lines_of(
        svc: &Service,
        q: Quarter,
    ) -> Vec<(String, Outcome, Option<ChecklistState>, usize, usize, usize)> {
        let mut out = Vec::new();
        svc.roster(q, |l| {
            out.push((
                l.code.to_owned(),
                l.outcome,
                l.state,
                l.self_marked,
                l.reviewed,
                l.items,
            ))
        })
        .unwrap();
        out
    }

    fn status_of(
        svc: &Service,
        q: Quarter,
    ) -> Vec<(String, Outcome, Option<ChecklistState>, usize, usize, usize)> {
        svc.status(q, None)
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r.staff.staff.code.clone(),
                    r.result.outcome,
                    r.state,
                    r.self_marked,
                    r.reviewed,
                    r.result.items_total,
                )
            })
            .collect()
    }

    #[test]
    fn facts_evaluated_in_memory_give_the_status_result_after_every_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let hr = Service::init(&path, "hr").unwrap();
        let mut opts = DemoOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        opts.size = 120;
        hr.load_demo(&generate(&opts)).unwrap();
        let q = Quarter { year: 2026, q: 4 };
        let rows = hr.status(q, None).unwrap();
        let leader = rows
            .iter()
            .find(|r| r.staff.staff.kind == StaffKind::Leader)
            .unwrap();
        let worker = rows
            .iter()
            .find(|r| r.staff.staff.kind == StaffKind::Staff)
            .unwrap();
        for code in [&leader.staff.staff.code, &worker.staff.staff.code] {
            let facts = hr.quarter_facts(code, q).unwrap();
            let mut view = hr.checklist(code, q).unwrap();
            for (i, mark) in [Some(true), Some(false), None, Some(true)]
                .into_iter()
                .enumerate()
            {
                let item = view.items[i % 3].id;
                view = hr
                    .set_review_mark(code, q, item, mark, view.version)
                    .unwrap();
                assert_eq!(
                    evaluate_view(hr.forms(), &facts, &view),
                    hr.status_of(code, q).unwrap().result,
                    "{code} after mark {i}"
                );
            }
        }
        for q in Quarter::of_year(2026) {
            for r in hr.status(q, None).unwrap() {
                let code = &r.staff.staff.code;
                let view = hr.checklist(code, q).unwrap();
                let facts = hr.quarter_facts(code, q).unwrap();
                let result = evaluate_view(hr.forms(), &facts, &view);
                assert_eq!(result.outcome, r.result.outcome, "{code} in {q}");
                assert_eq!(
                    result,
                    hr.status_of(code, q).unwrap().result,
                    "{code} in {q}"
                );
            }
        }
    }

    #[test]
    fn the_roster_is_the_status_list_for_every_role_and_quarter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let hr = Service::init(&path, "hr").unwrap();
        let mut opts = DemoOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        opts.size = 300;
        let demo = generate(&opts);
        hr.load_demo(&demo).unwrap();
        let leader = demo
            .staff
            .iter()
            .find(|s| s.kind == StaffKind::Leader && s.login.is_some())
            .and_then(|s| s.login.clone())
            .unwrap();
        let worker = demo
            .staff
            .iter()
            .find(|s| s.kind == StaffKind::Staff && s.login.is_some())
            .and_then(|s| s.login.clone())
            .unwrap();
        for login in ["hr".to_owned(), leader, worker] {
            let svc = Service::from_store(Store::open(&path).unwrap(), &login, None).unwrap();
            for q in Quarter::of_year(2026) {
                let roster = lines_of(&svc, q);
                assert_eq!(roster, status_of(&svc, q), "{login} in {q}");
                if login == "hr" {
                    assert!(roster.len() > 250, "{q}: {}", roster.len());
                }
            }
        }
    }
}
