//! The KPI pane's state: the person's task log for the quarter, and the form
//! that logs or edits one task (choosing the catalog task by typing part of
//! its name, diacritics optional).

use super::input::LineInput;
use crate::domain::Quarter;
use crate::domain::kpi::{
    CatalogItem, ComplexityGroup, EntryState, KpiEntry, TaskChoice, TaskInput, TimeBucket,
};
use crate::i18n::{Lang, Msg};
use crate::service::{KpiLog, Service};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

/// How many catalog matches the form lists.
pub const MATCHES: usize = 6;

/// The log on screen.
#[derive(Debug, Clone)]
pub struct KpiView {
    pub log: KpiLog,
    pub cursor: usize,
}

impl KpiView {
    pub fn selected(&self) -> Option<&KpiEntry> {
        self.log.entries.get(self.cursor)
    }
}

/// The fields of the form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Task,
    Complexity,
    Bucket,
    Quantity,
    Reference,
    State,
}

/// Logging or editing one task.
#[derive(Debug, Clone)]
pub struct TaskForm {
    /// `(id, version)` when editing an entry.
    pub editing: Option<(i64, i64)>,
    pub code: String,
    pub unit: String,
    pub date: LineInput,
    pub task: LineInput,
    pub matches: Vec<CatalogItem>,
    /// The chosen match; `None` is a task outside the catalog, named by `task`.
    pub pick: Option<usize>,
    pub complexity: ComplexityGroup,
    pub bucket: u8,
    pub quantity: LineInput,
    pub reference: LineInput,
    pub done: bool,
    pub field: Field,
    pub error: Option<Msg>,
}

/// What a key did to the form.
pub enum FormStep {
    Stay,
    Cancel,
    Save(Box<TaskInput>),
}

fn line(s: &str) -> LineInput {
    let mut l = LineInput::default();
    l.insert_str(s);
    l
}

impl TaskForm {
    /// A new entry dated today (or the nearest day of the quarter).
    pub fn new(svc: &Service, code: &str, unit: &str, q: Quarter, today: NaiveDate) -> TaskForm {
        let [first, _, last] = q.months();
        let date = today.clamp(first.first_day(), last.last_day());
        let mut f = TaskForm {
            editing: None,
            code: code.to_owned(),
            unit: unit.to_owned(),
            date: line(&date.format("%d/%m/%Y").to_string()),
            task: LineInput::default(),
            matches: Vec::new(),
            pick: None,
            complexity: ComplexityGroup::N1,
            bucket: 5,
            quantity: line("1"),
            reference: LineInput::default(),
            done: true,
            field: Field::Task,
            error: None,
        };
        f.search(svc);
        f
    }

    /// The form filled from a stored entry.
    pub fn edit(svc: &Service, unit: &str, e: &KpiEntry) -> TaskForm {
        let mut f = TaskForm {
            editing: Some((e.id, e.version)),
            code: e.code.clone(),
            unit: unit.to_owned(),
            date: line(&e.date.format("%d/%m/%Y").to_string()),
            task: line(&e.task),
            matches: Vec::new(),
            pick: None,
            complexity: e.complexity,
            bucket: e.bucket.number(),
            quantity: line(&e.quantity.to_string()),
            reference: line(&e.product_ref),
            done: e.state == EntryState::Done,
            field: Field::Quantity,
            error: None,
        };
        f.search(svc);
        f.pick = e
            .catalog_id
            .and_then(|id| f.matches.iter().position(|m| m.id == id));
        if e.catalog_id.is_some() && f.pick.is_none() {
            // The catalog task may be beyond the first matches: put it first.
            if let Ok(all) = svc.kpi_catalog(unit)
                && let Some(item) = all.into_iter().find(|m| Some(m.id) == e.catalog_id)
            {
                f.matches.insert(0, item);
                f.matches.truncate(MATCHES);
                f.pick = Some(0);
            }
        }
        f
    }

    fn search(&mut self, svc: &Service) {
        self.matches = svc
            .kpi_catalog_search(&self.unit, self.task.text(), MATCHES)
            .unwrap_or_default();
        self.pick = if self.matches.is_empty() {
            None
        } else {
            Some(0)
        };
    }

    /// The fields shown: complexity and time only for a task outside the catalog.
    pub fn fields(&self) -> Vec<Field> {
        let mut v = vec![Field::Date, Field::Task];
        if self.pick.is_none() {
            v.extend([Field::Complexity, Field::Bucket]);
        }
        v.extend([Field::Quantity, Field::Reference, Field::State]);
        v
    }

    fn move_field(&mut self, forward: bool) {
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = fields.len();
        self.field = fields[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    pub fn key(&mut self, ev: &KeyEvent, svc: &Service) -> FormStep {
        self.error = None;
        match ev.code {
            KeyCode::Esc => return FormStep::Cancel,
            KeyCode::Enter => return self.submit(),
            KeyCode::Tab => self.move_field(true),
            KeyCode::BackTab => self.move_field(false),
            KeyCode::Up | KeyCode::Down => {
                let up = ev.code == KeyCode::Up;
                match self.field {
                    Field::Task => {
                        // Above the first match: a task outside the catalog.
                        self.pick = match (self.pick, up) {
                            (None, false) if !self.matches.is_empty() => Some(0),
                            (None, _) => None,
                            (Some(0), true) => None,
                            (Some(i), true) => Some(i - 1),
                            (Some(i), false) => {
                                Some((i + 1).min(self.matches.len().saturating_sub(1)))
                            }
                        };
                    }
                    Field::Complexity => {
                        let n = self.complexity.number();
                        let n = if up {
                            n.saturating_sub(1).max(1)
                        } else {
                            (n + 1).min(5)
                        };
                        self.complexity =
                            ComplexityGroup::from_number(n).unwrap_or(self.complexity);
                    }
                    Field::Bucket => {
                        self.bucket = if up {
                            self.bucket.saturating_sub(1).max(1)
                        } else {
                            (self.bucket + 1).min(14)
                        };
                    }
                    _ => self.move_field(!up),
                }
            }
            KeyCode::Char(' ') if self.field == Field::State => self.done = !self.done,
            _ => {
                let changed = match self.field {
                    Field::Date => self.date.key(ev),
                    Field::Task => self.task.key(ev),
                    Field::Quantity => self.quantity.key(ev),
                    Field::Reference => self.reference.key(ev),
                    _ => false,
                };
                if changed && self.field == Field::Task {
                    self.search(svc);
                }
            }
        }
        FormStep::Stay
    }

    fn submit(&mut self) -> FormStep {
        use chrono::Datelike;
        let parsed = NaiveDate::parse_from_str(self.date.text().trim(), "%d/%m/%Y").ok();
        let Some(date) = parsed.filter(|d| (1900..=2100).contains(&d.year())) else {
            self.error = Some(Msg::KpiBadDate);
            self.field = Field::Date;
            return FormStep::Stay;
        };
        let quantity = match self.quantity.text().trim().parse::<u32>() {
            Ok(q) if q > 0 => q,
            _ => {
                self.error = Some(Msg::KpiBadQuantity);
                self.field = Field::Quantity;
                return FormStep::Stay;
            }
        };
        let task = match (
            self.pick.and_then(|i| self.matches.get(i)),
            TimeBucket::new(self.bucket),
        ) {
            (Some(item), _) => TaskChoice::Catalog(item.id),
            (None, Some(bucket)) if !self.task.text().trim().is_empty() => TaskChoice::AdHoc {
                name: self.task.text().trim().to_owned(),
                complexity: self.complexity,
                bucket,
            },
            _ => {
                self.error = Some(Msg::KpiNeedTask);
                self.field = Field::Task;
                return FormStep::Stay;
            }
        };
        FormStep::Save(Box::new(TaskInput {
            date,
            task,
            quantity,
            product_ref: self.reference.text().trim().to_owned(),
            state: if self.done {
                EntryState::Done
            } else {
                EntryState::InProgress
            },
        }))
    }

    pub fn title(&self, lang: Lang) -> &'static str {
        if self.editing.is_some() {
            Msg::KpiFormEdit.text(lang)
        } else {
            Msg::KpiFormAdd.text(lang)
        }
    }
}
