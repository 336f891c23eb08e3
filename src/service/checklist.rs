//! Checklist workflow: self-assessment, review, submit, approve, return,
//! outstanding. Every call is one transaction, checked against the version the
//! caller read (optimistic concurrency): a stale write is refused as a
//! conflict, never applied over someone else's change.

use super::{Denied, Result, Service, ServiceError, now};
use crate::domain::checklist::ChecklistState;
use crate::domain::limits::TextField;
use crate::domain::{Quarter, StaffKind};
use crate::store::{self, ChecklistRow, StaffRow};
use rusqlite::Connection;
use serde_json::json;

/// One item as a person sees it.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub id: &'static str,
    pub criterion: &'static str,
    pub text: &'static str,
    pub self_mark: Option<bool>,
    pub review: Option<bool>,
    pub note: Option<String>,
}

/// A whole checklist as a person sees it.
#[derive(Debug, Clone)]
pub struct ChecklistView {
    pub staff: StaffRow,
    pub quarter: Quarter,
    pub form_id: &'static str,
    pub items: Vec<ItemView>,
    pub state: ChecklistState,
    /// 0 while nothing is stored yet.
    pub version: i64,
    pub outstanding: bool,
    pub achievement: Option<String>,
    pub return_note: Option<String>,
    pub closed: bool,
}

/// Who may do what to a checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    SelfMark,
    Review,
    Submit,
    Approve,
    Return,
    Outstanding,
    Note,
}

impl Act {
    fn name(self) -> &'static str {
        match self {
            Act::SelfMark => "self_mark",
            Act::Review => "review_mark",
            Act::Submit => "submit",
            Act::Approve => "approve",
            Act::Return => "return",
            Act::Outstanding => "outstanding",
            Act::Note => "note",
        }
    }
}

fn snapshot(c: &ChecklistRow) -> String {
    json!({
        "state": c.state.as_str(),
        "version": c.version,
        "self": store::pack_marks(&c.self_marks),
        "review": store::pack_marks(&c.review_marks),
        "outstanding": c.outstanding,
        "achievement": c.achievement,
        "return_note": c.return_note,
    })
    .to_string()
}

impl Service {
    /// The checklist of `code` for `q`, as the actor may see it.
    pub fn checklist(&self, code: &str, q: Quarter) -> Result<ChecklistView> {
        self.store.read(|tx| {
            let s = Self::staff_in_quarter(tx, code, q)?;
            if !self.can_see(&s) {
                return Err(ServiceError::Denied(Denied::NotVisible {
                    code: code.to_owned(),
                }));
            }
            self.view(tx, s, q)
        })
    }

    fn view(&self, conn: &Connection, s: StaffRow, q: Quarter) -> Result<ChecklistView> {
        let form = self.data.criteria.form(s.staff.kind);
        let row = store::checklist(conn, s.id, q)?
            .unwrap_or_else(|| ChecklistRow::empty(s.id, q, form.item_count()));
        let mut notes = store::notes(conn, s.id, q)?;
        let items = form
            .criteria()
            .flat_map(|c| c.items.iter().map(move |i| (c, i)))
            .enumerate()
            .map(|(n, (c, i))| ItemView {
                id: i.id.as_str(),
                criterion: c.id.as_str(),
                text: i.text.as_str(),
                self_mark: row.self_marks.get(n).copied().flatten(),
                review: row.review_marks.get(n).copied().flatten(),
                note: notes.remove(&i.id),
            })
            .collect();
        Ok(ChecklistView {
            closed: store::round_closed(conn, q)?,
            staff: s,
            quarter: q,
            form_id: form.id.as_str(),
            items,
            state: row.state,
            version: row.version,
            outstanding: row.outstanding,
            achievement: row.achievement,
            return_note: row.return_note,
        })
    }

    /// Checks that the actor may do `act` on `s`'s checklist in `state`.
    fn authorise(&self, act: Act, s: &StaffRow, state: ChecklistState) -> Result<()> {
        if self.actor.roles.admin {
            return Ok(());
        }
        let code = s.staff.code.clone();
        let own = matches!(act, Act::SelfMark | Act::Submit);
        let wrong_state = |state: ChecklistState| {
            Err(ServiceError::Denied(Denied::WrongState {
                code: code.clone(),
                state: state.as_str(),
            }))
        };
        if own || (act == Act::Note && self.is_self(s)) {
            if !self.is_self(s) {
                return Err(ServiceError::Denied(Denied::NotYourChecklist { code }));
            }
            return match state {
                ChecklistState::Draft | ChecklistState::Returned => Ok(()),
                other => wrong_state(other),
            };
        }
        if !self.is_reviewer_of(s) {
            return Err(ServiceError::Denied(Denied::NotYourSubordinate { code }));
        }
        match (act, state) {
            (Act::Outstanding, ChecklistState::Submitted | ChecklistState::Approved) => Ok(()),
            (_, ChecklistState::Submitted) => Ok(()),
            (_, other) => wrong_state(other),
        }
    }

    /// Loads, authorises, changes, version-checks, stores and audits one
    /// checklist in one transaction; returns the new view.
    fn modify(
        &self,
        code: &str,
        q: Quarter,
        expected_version: i64,
        act: Act,
        change: impl FnOnce(&Connection, &mut ChecklistRow, &StaffRow) -> Result<()>,
    ) -> Result<ChecklistView> {
        self.store.write(|tx| {
            // The quarter's form and reviewer: the kind and manager of
            // record on its assessment date.
            let s = Self::staff_in_quarter(tx, code, q)?;
            Self::refuse_if_closed(tx, q)?;
            let items = self.data.criteria.form(s.staff.kind).item_count();
            let mut row = store::checklist(tx, s.id, q)?
                .unwrap_or_else(|| ChecklistRow::empty(s.id, q, items));
            if row.version != expected_version {
                return Err(ServiceError::Conflict {
                    code: code.to_owned(),
                    quarter: q,
                });
            }
            self.authorise(act, &s, row.state)?;
            // A checklist started before a change of kind keeps working.
            row.self_marks.resize(items, None);
            row.review_marks.resize(items, None);
            let before = (row.version > 0).then(|| snapshot(&row));
            change(tx, &mut row, &s)?;
            row.updated_at = now();
            row.updated_by = self.actor.login.clone();
            if !store::put_checklist(tx, &row)? {
                return Err(ServiceError::Conflict {
                    code: code.to_owned(),
                    quarter: q,
                });
            }
            row.version += 1;
            self.audit(
                tx,
                act.name(),
                &format!("checklist:{code}:{q}"),
                before.as_deref(),
                Some(&snapshot(&row)),
            )?;
            self.view(tx, s, q)
        })
    }

    fn item_index(&self, kind: StaffKind, item: &str) -> Result<usize> {
        self.forms
            .ids(kind)
            .iter()
            .position(|i| *i == item)
            .ok_or_else(|| {
                ServiceError::Invalid(format!(
                    "{item} is not an item of form {}",
                    self.data.criteria.form(kind).id
                ))
            })
    }

    /// Sets one self mark (tự đánh giá): the person's own, or an admin typing
    /// a paper form.
    pub fn set_self_mark(
        &self,
        code: &str,
        q: Quarter,
        item: &str,
        mark: Option<bool>,
        version: i64,
    ) -> Result<ChecklistView> {
        self.modify(code, q, version, Act::SelfMark, |_, row, s| {
            let i = self.item_index(s.staff.kind, item)?;
            row.self_marks[i] = mark;
            Ok(())
        })
    }

    /// Sets one review mark: the direct manager with the reviewer role (while
    /// submitted), or an admin. An item with no self mark cannot be reviewed
    /// (003, Bước 3: the self-assessment comes first); clearing is allowed.
    pub fn set_review_mark(
        &self,
        code: &str,
        q: Quarter,
        item: &str,
        mark: Option<bool>,
        version: i64,
    ) -> Result<ChecklistView> {
        self.modify(code, q, version, Act::Review, |_, row, s| {
            let i = self.item_index(s.staff.kind, item)?;
            if mark.is_some() && row.self_marks[i].is_none() {
                return Err(ServiceError::ReviewWithoutSelf {
                    code: code.to_owned(),
                    items: vec![item.to_owned()],
                });
            }
            row.review_marks[i] = mark;
            Ok(())
        })
    }

    /// Marks every unreviewed item Đạt; refused, naming them, if any of
    /// those items has no self mark.
    pub fn accept_remaining(&self, code: &str, q: Quarter, version: i64) -> Result<ChecklistView> {
        self.modify(code, q, version, Act::Review, |_, row, s| {
            let ids = self.forms.ids(s.staff.kind);
            let unmarked: Vec<String> = row
                .review_marks
                .iter()
                .zip(&row.self_marks)
                .zip(ids)
                .filter(|((r, m), _)| r.is_none() && m.is_none())
                .map(|(_, id)| (*id).to_owned())
                .collect();
            if !unmarked.is_empty() {
                return Err(ServiceError::ReviewWithoutSelf {
                    code: code.to_owned(),
                    items: unmarked,
                });
            }
            for m in &mut row.review_marks {
                if m.is_none() {
                    *m = Some(true);
                }
            }
            Ok(())
        })
    }

    /// Writes (or, empty, clears) the note of an item. The checklist's version
    /// moves, so a concurrent edit is caught.
    pub fn set_note(
        &self,
        code: &str,
        q: Quarter,
        item: &str,
        note: &str,
        version: i64,
    ) -> Result<ChecklistView> {
        let note = crate::text::nfc(note.trim());
        TextField::Note.check(&note)?;
        self.modify(code, q, version, Act::Note, |tx, _, s| {
            self.item_index(s.staff.kind, item)?;
            store::set_note(tx, s.id, q, item, &note)?;
            self.audit(
                tx,
                "note",
                &format!("note:{code}:{q}:{item}"),
                None,
                Some(&json!({ "note": note }).to_string()),
            )
        })
    }

    /// Submits the self-assessment to the authority: every item self-marked.
    pub fn submit(&self, code: &str, q: Quarter, version: i64) -> Result<ChecklistView> {
        self.modify(code, q, version, Act::Submit, |_, row, _| {
            let unset = row.self_marks.iter().filter(|m| m.is_none()).count();
            if unset > 0 {
                return Err(ServiceError::Invalid(format!(
                    "{unset} items are not self-assessed yet"
                )));
            }
            row.state = ChecklistState::Submitted;
            row.return_note = None;
            Ok(())
        })
    }

    /// Approves a submitted checklist: every item reviewed.
    pub fn approve(&self, code: &str, q: Quarter, version: i64) -> Result<ChecklistView> {
        self.modify(code, q, version, Act::Approve, |_, row, _| {
            let unset = row.review_marks.iter().filter(|m| m.is_none()).count();
            if unset > 0 {
                return Err(ServiceError::Invalid(format!(
                    "{unset} items are not reviewed yet"
                )));
            }
            row.state = ChecklistState::Approved;
            Ok(())
        })
    }

    /// Returns a submitted checklist for revision, with a note.
    pub fn return_for_revision(
        &self,
        code: &str,
        q: Quarter,
        note: &str,
        version: i64,
    ) -> Result<ChecklistView> {
        let note = crate::text::nfc(note.trim());
        if note.is_empty() {
            return Err(ServiceError::Invalid(
                "a return needs a note saying what to revise".into(),
            ));
        }
        TextField::ReturnNote.check(&note)?;
        self.modify(code, q, version, Act::Return, |_, row, _| {
            row.state = ChecklistState::Returned;
            row.return_note = Some(note);
            Ok(())
        })
    }

    /// Marks (or unmarks) the person outstanding with an achievement summary.
    pub fn set_outstanding(
        &self,
        code: &str,
        q: Quarter,
        outstanding: bool,
        achievement: Option<&str>,
        version: i64,
    ) -> Result<ChecklistView> {
        let achievement = achievement
            .map(|a| crate::text::nfc(a.trim()))
            .filter(|a| !a.is_empty());
        if outstanding && achievement.is_none() {
            return Err(ServiceError::Invalid(
                "outstanding needs an achievement summary (trích ngang thành tích)".into(),
            ));
        }
        if let Some(a) = &achievement {
            TextField::Achievement.check(a)?;
        }
        self.modify(code, q, version, Act::Outstanding, |_, row, _| {
            row.outstanding = outstanding;
            row.achievement = achievement;
            Ok(())
        })
    }
}
