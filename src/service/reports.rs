//! Reads the official forms need beyond `status` and `commend`: the year's
//! commitment roll (forms 01, 02, 04), the assessing authority of a person
//! (the signature of form 03) and the units a person may report on.
//! Authorisation is the same as `status`: admins see everyone, a reviewer
//! themself and their direct subordinates, a staff member themself.

use super::{Denied, Result, Service, ServiceError};
use crate::domain::Quarter;
use crate::domain::records::CommitmentRecord;
use crate::store::{self, StaffRow};
use std::collections::HashMap;

/// A person employed during a year, with the year's commitment (bản cam kết,
/// form 01) if they signed it.
#[derive(Debug, Clone)]
pub struct CommitmentRow {
    pub staff: StaffRow,
    pub commitment: Option<CommitmentRecord>,
}

impl Service {
    /// Everyone the actor may see who was employed at some time in `year`,
    /// optionally in one unit, ordered by unit and code, each with the year's
    /// commitment where signed.
    pub fn commitment_roll(&self, year: i32, unit: Option<&str>) -> Result<Vec<CommitmentRow>> {
        let admin = self.actor.roles.admin;
        let my_code = self.actor.code().map(str::to_owned);
        let mut rows = self.store.read(|tx| {
            let (people, mut signed): (Vec<StaffRow>, HashMap<i64, CommitmentRecord>) =
                match (unit, admin) {
                    (Some(u), _) => (
                        store::staff_in_unit(tx, u)?,
                        store::unit_commitments(tx, year, u)?,
                    ),
                    (None, true) => (store::all_staff(tx)?, store::commitments(tx, year)?),
                    // A reviewer or staff member sees a handful of people:
                    // point reads instead of the whole year.
                    (None, false) => {
                        let mut people = Vec::new();
                        if let Some(code) = &my_code {
                            if let Some(me) = store::staff_by_code(tx, code)? {
                                people.push(me);
                            }
                            people.extend(store::subordinates_of(tx, code)?);
                        }
                        let mut signed = HashMap::new();
                        for p in &people {
                            if let Some(c) = store::commitment_of(tx, p.id, year)? {
                                signed.insert(p.id, c);
                            }
                        }
                        (people, signed)
                    }
                };
            Ok::<_, ServiceError>(
                people
                    .into_iter()
                    .filter(|s| self.can_see(s) && s.staff.employment.employed_in_year(year))
                    .map(|s| CommitmentRow {
                        commitment: signed.remove(&s.id),
                        staff: s,
                    })
                    .collect::<Vec<_>>(),
            )
        })?;
        rows.sort_by(|a, b| {
            (&a.staff.staff.unit, &a.staff.staff.code)
                .cmp(&(&b.staff.staff.unit, &b.staff.staff.code))
        });
        Ok(rows)
    }

    /// The direct manager (người có thẩm quyền đánh giá) of a person the
    /// actor may see in quarter `q`: their manager of record on its
    /// assessment date, with the title and unit on record then (form 03's
    /// signature); `None` for the top of the hierarchy.
    pub fn assessor_of(&self, code: &str, q: Quarter) -> Result<Option<StaffRow>> {
        let date = q.assessment_date();
        self.store.read(|tx| {
            let s = Self::staff_in_quarter(tx, code, q)?;
            if !self.can_see(&s) {
                return Err(ServiceError::Denied(Denied::NotVisible {
                    code: code.to_owned(),
                }));
            }
            match s.staff.manager_code.as_deref() {
                Some(m) => Ok(store::history::staff_by_code_at(tx, m, date)?),
                None => Ok(None),
            }
        })
    }

    /// The units the actor may report on: every unit for an admin, else the
    /// units of the people they see. Sorted, without duplicates.
    pub fn report_units(&self) -> Result<Vec<String>> {
        if self.actor.roles.admin {
            return self.store.read(|tx| Ok(store::units(tx)?));
        }
        let Some(code) = self.actor.code().map(str::to_owned) else {
            return Ok(Vec::new());
        };
        self.store.read(|tx| {
            let mut people: Vec<StaffRow> = store::staff_by_code(tx, &code)?.into_iter().collect();
            people.extend(store::subordinates_of(tx, &code)?);
            let mut units: Vec<String> = people
                .into_iter()
                .filter(|s| self.can_see(s))
                .map(|s| s.staff.unit)
                .collect();
            units.sort();
            units.dedup();
            Ok(units)
        })
    }
}
