//! The TUI's state and its one entry point for change: `update(Action)`.
//! Key events become actions through the key table; text typed into an
//! input or an overlay is handled here too. Every change to the database is
//! one service call (one transaction); the result shown is recomputed by the
//! same rules the CLI uses.

use super::action::Action;
use super::input::LineInput;
use super::keymap::{self, Context};
use super::kpi::{FormStep, KpiView, TaskForm};
use crate::domain::Quarter;
use crate::domain::checklist::ChecklistState;
use crate::domain::kpi::KpiSettings;
use crate::domain::rating::{DISCIPLINE_MAX, MonthEntry, MonthlyRating, Rating};
use crate::domain::rules::{ChecklistInput, Outcome, QuarterResult};
use crate::i18n::{Lang, Msg, error_text};
use crate::service::{
    ChecklistView, ItemView, QuarterFacts, RosterLine, Service, ServiceError, StatusRow,
};
use crate::text::fold;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

use super::roster::{LineStatus, RosterBuilder, byte_set};
pub use super::roster::{Person, Roster};

/// What a background read sends back: whether the round is closed, and the list.
type Loaded = Result<(bool, Roster), ServiceError>;

/// The page cache of each of the TUI's database connections (KiB): the list
/// is read once, in one pass, so a big cache would only hold memory.
const CACHE_KIB: u32 = 2048;

/// At most this many narrowing filter results are kept (one per keystroke).
const NARROWING_DEPTH: usize = 32;
/// How many names an export tries (`… (2).xlsx` and on) before giving up.
const EXPORT_NAMES: usize = 100;

/// Reads the list of `q` into a roster, one line at a time.
fn read_roster(svc: &Service, q: Quarter) -> Result<Roster, ServiceError> {
    let mut b = RosterBuilder::default();
    svc.roster(q, |l| b.push(l))?;
    Ok(b.finish())
}

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Staff,
    Checklist,
    Kpi,
}

/// Which mark column Enter/Space/Delete act on in the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    SelfMark,
    Review,
}

/// The result of a checklist with the person's facts, and what its review
/// marks would decide were it approved now (`None` once approved).
fn live_result(
    svc: &Service,
    facts: &QuarterFacts,
    view: &ChecklistView,
) -> (QuarterResult, Option<QuarterResult>) {
    let reviews: Vec<Option<bool>> = view.items.iter().map(|i| i.review).collect();
    let self_marks: Vec<Option<bool>> = view.items.iter().map(|i| i.self_mark).collect();
    let checklist = ChecklistInput {
        // Nothing stored yet: not started.
        state: (view.version != 0).then_some(view.state),
        self_marks: &self_marks,
        reviews: &reviews,
    };
    (
        facts.evaluate(svc.forms(), checklist),
        facts.if_approved(svc.forms(), checklist),
    )
}

/// A person's line status from their checklist and result.
fn line_status(view: &ChecklistView, result: &QuarterResult) -> LineStatus {
    let count = |f: fn(&ItemView) -> bool| view.items.iter().filter(|i| f(i)).count();
    LineStatus::new(
        result.outcome,
        // Nothing stored yet: not started.
        (view.version != 0).then_some(view.state),
        count(|i| i.self_mark.is_some()),
        count(|i| i.review.is_some()),
        result.items_total,
    )
}

/// The open checklist with its live result.
#[derive(Debug, Clone)]
pub struct OpenChecklist {
    pub view: ChecklistView,
    pub result: QuarterResult,
    /// What the review marks would decide if approved now ("nếu duyệt"),
    /// while the checklist is not approved.
    pub if_approved: Option<QuarterResult>,
    /// The person's months (and subordinates'), to re-evaluate a changed
    /// mark without reading them again.
    pub facts: QuarterFacts,
    /// Index into `view.items`.
    pub cursor: usize,
    pub column: Column,
}

/// What a text editor overlay is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPurpose {
    Note { item: String },
    NotPassNote { item: String },
    Return,
    Outstanding,
}

/// A month row of the ratings overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingDraft {
    pub month: u8,
    pub rating: Option<Rating>,
    pub discipline: Option<u8>,
    pub excused: bool,
    /// On leave for the whole month (nghỉ cả tháng): no rating, no score.
    pub leave: bool,
    /// Employed on some day of the month: a month the person was employed
    /// on no day of takes no rating, and is shown but not offered.
    pub employed: bool,
}

impl RatingDraft {
    /// The next choice of the rating cell: not rated → HTXSNV → HTTNV →
    /// HTNV → KHTNV → on leave → HTXSNV. A rating gets discipline 20 by
    /// default; a leave has none.
    fn cycle(&mut self) {
        (self.rating, self.leave) = match (self.rating, self.leave) {
            (_, true) | (None, false) => (Some(Rating::Htxsnv), false),
            (Some(Rating::Htxsnv), _) => (Some(Rating::Httnv), false),
            (Some(Rating::Httnv), _) => (Some(Rating::Htnv), false),
            (Some(Rating::Htnv), _) => (Some(Rating::Khtnv), false),
            (Some(Rating::Khtnv), _) => (None, true),
        };
        if self.leave {
            self.discipline = None;
            self.excused = false;
        } else if self.discipline.is_none() {
            self.discipline = Some(DISCIPLINE_MAX);
        }
    }

    /// What saving the row writes: `None` leaves the month as it is.
    fn entry(self) -> Option<MonthEntry> {
        if !self.employed {
            return None;
        }
        if self.leave {
            return Some(MonthEntry::Leave);
        }
        self.rating.map(|rating| {
            MonthEntry::Rated(MonthlyRating {
                rating,
                discipline: self.discipline,
                excused: self.excused,
            })
        })
    }
}

/// Overlays, drawn above the panes; the topmost takes the keys.
pub enum Overlay {
    Help {
        scroll: u16,
    },
    Palette {
        input: LineInput,
        selected: usize,
    },
    Rounds {
        items: Vec<Quarter>,
        selected: usize,
    },
    Units {
        items: Vec<String>,
        selected: usize,
    },
    Lookup {
        input: LineInput,
        selected: usize,
    },
    Confirm {
        prompt: String,
        action: Action,
    },
    Text {
        purpose: TextPurpose,
        title: String,
        area: Box<TextArea<'static>>,
    },
    Ratings {
        code: String,
        name: String,
        rows: [RatingDraft; 3],
        row: usize,
        field: usize,
    },
    Task(Box<TaskForm>),
    Reports {
        selected: usize,
    },
}

/// A line in the status bar after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    Info(String),
    Error(String),
}

pub struct App {
    pub svc: Service,
    pub lang: Lang,
    pub quarter: Quarter,
    pub closed: bool,
    pub focus: Pane,
    pub people: Roster,
    /// Rows of `people` that pass the filters, in order.
    pub visible: Vec<u32>,
    /// Position in `visible`.
    pub selected: usize,
    /// First row shown (the list is virtual: only what fits is drawn).
    pub offset: usize,
    pub filter: LineInput,
    pub filtering: bool,
    pub result_filter: Option<Outcome>,
    pub unit_filter: Option<String>,
    pub checklist: Option<OpenChecklist>,
    pub overlay: Option<Overlay>,
    pub flash: Option<Flash>,
    pub quit: bool,
    /// Rows the staff list showed last frame (for paging).
    pub page: usize,
    /// Audit cursor: what of others' changes has been seen.
    cursor: i64,
    /// A list being read in the background.
    loader: Option<std::sync::mpsc::Receiver<Loaded>>,
    /// Results of the text filter for the queries typed so far, each
    /// narrower than the one before (typing on only narrows, so the next
    /// keystroke filters the last result, and a backspace finds its result
    /// here), valid for `narrowing_key`'s result and unit filters.
    narrowing: Vec<(String, Vec<u32>)>,
    narrowing_key: (Option<Outcome>, Option<Option<u32>>),
    /// The selected person's KPI log, while the KPI pane is shown.
    pub kpi: Option<KpiView>,
    /// Standard minutes, weights and working time for the quarter shown:
    /// the database's settings, or the copy frozen with its closed round.
    pub kpi_settings: KpiSettings,
    /// The quarter and round state `kpi_settings` were read for; `None`
    /// reads them again (after a change elsewhere).
    kpi_settings_for: Option<(Quarter, bool)>,
}

impl App {
    fn empty(svc: Service, lang: Lang, q: Quarter) -> Result<App, ServiceError> {
        svc.limit_cache(CACHE_KIB)?;
        let cursor = svc.change_cursor()?;
        // Read for the quarter when the KPI pane first shows it.
        let kpi_settings = svc.kpi_default_settings();
        Ok(App {
            svc,
            lang,
            quarter: q,
            closed: false,
            focus: Pane::Staff,
            people: Roster::default(),
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            filter: LineInput::default(),
            filtering: false,
            result_filter: None,
            unit_filter: None,
            checklist: None,
            overlay: None,
            flash: None,
            quit: false,
            page: 10,
            cursor,
            loader: None,
            narrowing: Vec::new(),
            narrowing_key: (None, None),
            kpi: None,
            kpi_settings,
            kpi_settings_for: None,
        })
    }

    /// Opens the app on `q` (or the current quarter).
    pub fn new(svc: Service, lang: Lang, q: Quarter) -> Result<App, ServiceError> {
        let mut app = App::empty(svc, lang, q)?;
        app.reload()?;
        // A staff member goes straight to their own checklist.
        if app.people.len() == 1 {
            app.open_selected();
        }
        Ok(app)
    }

    /// Like [`App::new`], but the list is read in the background: the first
    /// frame comes at once, the list when it is ready.
    pub fn new_background(svc: Service, lang: Lang, q: Quarter) -> Result<App, ServiceError> {
        let mut app = App::empty(svc, lang, q)?;
        if !app.reload_in_background() {
            app.reload()?;
            if app.people.len() == 1 {
                app.open_selected();
            }
        }
        Ok(app)
    }

    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.lang)
    }

    /// Re-reads the list and the open checklist.
    pub fn reload(&mut self) -> Result<(), ServiceError> {
        self.closed = self.svc.round_closed(self.quarter)?;
        let roster = read_roster(&self.svc, self.quarter)?;
        self.install(roster);
        Ok(())
    }

    /// Puts a freshly read list in place, keeping the selection.
    fn install(&mut self, people: Roster) {
        // A full reload follows a change elsewhere, perhaps to the settings.
        self.kpi_settings_for = None;
        let keep = self.selected_person().map(|p| p.code.to_owned());
        // Free the old list before filtering the new one.
        self.visible = Vec::new();
        self.narrowing.clear();
        self.people = people;
        self.apply_filters();
        if let Some(code) = keep {
            self.select_code(&code);
        }
        self.reload_open_checklist();
        if self.kpi.is_some() || self.focus == Pane::Kpi {
            self.load_kpi();
        }
    }

    /// The code of the person whose checklist is open.
    fn open_checklist_code(&self) -> Option<String> {
        self.checklist
            .as_ref()
            .map(|c| c.view.staff.staff.code.clone())
    }

    /// Reads the open checklist again, if one is open.
    fn reload_open_checklist(&mut self) {
        if let Some(code) = self.open_checklist_code() {
            self.load_checklist(&code);
        }
    }

    /// Reads the list on a second connection in the background, so the
    /// first frame does not wait for the status of everyone. `false` when the
    /// database cannot be opened twice (in memory): then it reads in place.
    pub fn reload_in_background(&mut self) -> bool {
        let Ok(svc) = self.svc.reopen() else {
            return false;
        };
        let q = self.quarter;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = svc
                .limit_cache(CACHE_KIB)
                .and_then(|()| svc.round_closed(q))
                .and_then(|closed| Ok((closed, read_roster(&svc, q)?)));
            let _ = tx.send(result);
        });
        self.loader = Some(rx);
        true
    }

    /// Shows another quarter. Its list is read in the background (at
    /// 100,000 people half a second that the keyboard should not wait); the
    /// old quarter's results are taken off the screen at once, so that they
    /// never stand under the new quarter's name.
    fn switch_quarter(&mut self, q: Quarter) {
        if q == self.quarter {
            return;
        }
        self.quarter = q;
        self.checklist = None;
        self.kpi = None;
        match self.svc.round_closed(q) {
            Ok(closed) => self.closed = closed,
            Err(e) => return self.error(&e),
        }
        if self.reload_in_background() {
            self.install(Roster::default());
        } else if let Err(e) = self.reload() {
            self.error(&e);
        }
    }

    /// Installs the background read if it has arrived; `true` if it did.
    pub fn poll_loader(&mut self) -> bool {
        let Some(rx) = &self.loader else { return false };
        match rx.try_recv() {
            Ok(result) => {
                self.loader = None;
                match result {
                    Ok((closed, people)) => {
                        self.closed = closed;
                        self.install(people);
                        if self.people.len() == 1 && self.checklist.is_none() {
                            self.open_selected();
                        }
                    }
                    Err(e) => self.error(&e),
                }
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.loader = None;
                true
            }
        }
    }

    /// A background read is under way.
    pub fn loading(&self) -> bool {
        self.loader.is_some()
    }

    /// Notices other sessions' commits and refreshes what they touched.
    pub fn poll_changes(&mut self) {
        let Ok((cursor, entities)) = self.svc.changes_since(self.cursor) else {
            return;
        };
        if entities.is_empty() {
            return;
        }
        self.cursor = cursor;
        let q = self.quarter.to_string();
        let mut codes: Vec<String> = Vec::new();
        let mut full = false;
        for e in &entities {
            let parts: Vec<&str> = e.split(':').collect();
            match parts.as_slice() {
                ["checklist", code, quarter] | ["note", code, quarter, _] if *quarter == q => {
                    codes.push((*code).to_owned())
                }
                ["checklist" | "note", ..] => {}
                ["kpi", code, _] => codes.push((*code).to_owned()),
                ["rating", code, _] => {
                    codes.push((*code).to_owned());
                    // A subordinate's month changes the leader's result.
                    if let Some(m) = self
                        .people
                        .find(code)
                        .and_then(|i| self.people.get(i).manager_id)
                        .and_then(|id| self.people.find_id(id))
                    {
                        codes.push(self.people.get(m).code.to_owned());
                    }
                }
                _ => full = true,
            }
        }
        if full {
            if !self.reload_in_background() {
                let _ = self.reload();
            }
        } else {
            codes.sort();
            codes.dedup();
            for c in &codes {
                self.refresh_person(c);
            }
            if let Some(open) = self.open_checklist_code()
                && codes.contains(&open)
            {
                self.load_checklist(&open);
            }
            if self
                .kpi
                .as_ref()
                .is_some_and(|k| codes.contains(&k.log.staff.staff.code))
            {
                self.load_kpi();
            }
        }
        self.flash = Some(Flash::Info(self.t(Msg::Refreshed).to_owned()));
    }

    /// Recomputes one person's line (not the list) and returns their status.
    fn refresh_person(&mut self, code: &str) -> Option<StatusRow> {
        let row = self.svc.status_of(code, self.quarter).ok()?;
        self.update_line(code, &row);
        Some(row)
    }

    fn update_line(&mut self, code: &str, row: &StatusRow) {
        self.people.update(code, &RosterLine::of_status(row, None));
        self.after_line_change();
    }

    /// A line's status may have changed: cached filter results may no
    /// longer match the result filter.
    fn after_line_change(&mut self) {
        if self.result_filter.is_some() {
            self.narrowing.clear();
        }
    }

    // ---- the staff list ----

    pub fn apply_filters(&mut self) {
        let unit = self.unit_filter.as_ref().map(|u| self.people.unit_index(u));
        let key = (self.result_filter, unit);
        if self.narrowing_key != key {
            self.narrowing.clear();
            self.narrowing_key = key;
        }
        let query = fold(self.filter.text());
        self.visible = self.matching(&query);
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        self.clamp_offset();
    }

    /// The rows matching `query` (folded) and the result and unit filters.
    /// Starts from the last cached result that `query` narrows, if any.
    fn matching(&mut self, query: &str) -> Vec<u32> {
        while self
            .narrowing
            .last()
            .is_some_and(|(q, _)| !query.starts_with(q.as_str()))
        {
            self.narrowing.pop();
        }
        if let Some((q, rows)) = self.narrowing.last()
            && q == query
        {
            return rows.clone();
        }
        let words: Vec<&str> = query.split_whitespace().collect();
        // Typing on only narrows: every row that matches `query` matched
        // the shorter query before it (each of its words lies in one of
        // `query`'s words), so only that query's rows are searched, and only
        // for the words it did not have.
        let (base, new_words): (Option<&[u32]>, Vec<&str>) = match self.narrowing.last() {
            Some((q, rows)) => {
                let old: Vec<&str> = q.split_whitespace().collect();
                let new = words.iter().copied().filter(|w| !old.contains(w)).collect();
                (Some(rows.as_slice()), new)
            }
            None => (None, words.clone()),
        };
        let finders: Vec<memchr::memmem::Finder> =
            new_words.iter().map(memchr::memmem::Finder::new).collect();
        // Rows whose byte set lacks a byte of some word are skipped without
        // a search; words of one ASCII letter or digit need none at all.
        let need = new_words.iter().fold(0, |set, w| set | byte_set(w));
        let exact = new_words
            .iter()
            .all(|w| w.len() == 1 && byte_set(w) != 1 << 36);
        let people = &self.people;
        let has_words = |i: usize| {
            people.fold_set_of(i) & need == need
                && (exact
                    || finders
                        .iter()
                        .all(|w| w.find(people.fold_of(i).as_bytes()).is_some()))
        };
        let rows: Vec<u32> = match base {
            Some(base) if new_words.is_empty() => base.to_vec(),
            Some(base) => base
                .iter()
                .copied()
                .filter(|&i| has_words(i as usize))
                .collect(),
            None => {
                let (result, unit) = self.narrowing_key;
                (0..people.len())
                    .filter(|&i| result.is_none_or(|r| people.outcome_of(i) == r))
                    .filter(|&i| unit.is_none_or(|u| Some(people.unit_of(i)) == u))
                    .filter(|&i| has_words(i))
                    .map(|i| i as u32)
                    .collect()
            }
        };
        if !words.is_empty() && self.narrowing.len() < NARROWING_DEPTH {
            self.narrowing.push((query.to_owned(), rows.clone()));
        }
        rows
    }

    pub fn selected_person(&self) -> Option<Person<'_>> {
        self.visible
            .get(self.selected)
            .map(|&i| self.people.get(i as usize))
    }

    fn select_code(&mut self, code: &str) -> bool {
        let Some(row) = self.people.find(code) else {
            return false;
        };
        match self.visible.iter().position(|&i| i as usize == row) {
            Some(pos) => {
                self.selected = pos;
                self.clamp_offset();
                true
            }
            None => false,
        }
    }

    fn clamp_offset(&mut self) {
        let page = self.page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }

    fn move_selection(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
        self.clamp_offset();
        if self.checklist.is_some() {
            self.open_selected_quietly();
        }
        if self.kpi.is_some() {
            self.load_kpi();
        }
    }

    fn open_selected_quietly(&mut self) {
        if let Some(code) = self.selected_person().map(|p| p.code.to_owned()) {
            self.load_checklist(&code);
        }
    }

    fn open_selected(&mut self) {
        self.open_selected_quietly();
        if self.checklist.is_some() {
            self.focus = Pane::Checklist;
        }
    }

    /// The reviewer's queue: submitted checklists of the actor's direct
    /// subordinates (an admin's queue is every submitted checklist).
    fn in_queue(&self, p: Person) -> bool {
        let actor = self.svc.actor();
        p.state == Some(ChecklistState::Submitted)
            && (actor.roles.admin
                || (actor.roles.reviewer
                    && p.manager_id.is_some()
                    && p.manager_id == actor.staff.as_ref().map(|s| s.id)))
    }

    fn next_in_queue(&mut self) {
        let n = self.visible.len();
        let found = (1..=n)
            .map(|d| (self.selected + d) % n)
            .find(|&pos| self.in_queue(self.people.get(self.visible[pos] as usize)));
        match found {
            Some(pos) => {
                self.selected = pos;
                self.clamp_offset();
                self.open_selected();
                if let Some(c) = &mut self.checklist {
                    c.column = Column::Review;
                    c.cursor = c
                        .view
                        .items
                        .iter()
                        .position(|i| i.review.is_none())
                        .unwrap_or(0);
                }
            }
            None => self.flash = Some(Flash::Info(self.t(Msg::QueueEmpty).to_owned())),
        }
    }

    // ---- the checklist ----

    fn load_checklist(&mut self, code: &str) {
        let q = self.quarter;
        match self
            .svc
            .checklist(code, q)
            .and_then(|v| Ok((self.svc.quarter_facts(code, q)?, v)))
        {
            Ok((facts, view)) => {
                let (result, if_approved) = live_result(&self.svc, &facts, &view);
                self.people.set_status(code, line_status(&view, &result));
                let (cursor, column) = match &self.checklist {
                    Some(c) if c.view.staff.staff.code == code => {
                        (c.cursor.min(view.items.len().saturating_sub(1)), c.column)
                    }
                    _ => (0, self.default_column(&view)),
                };
                self.checklist = Some(OpenChecklist {
                    result,
                    if_approved,
                    view,
                    cursor,
                    column,
                    facts,
                });
                self.after_line_change();
            }
            Err(e) => self.error(&e),
        }
    }

    /// The column a person works in: their own checklist → self; someone
    /// they review → review; admins start on review.
    fn default_column(&self, view: &ChecklistView) -> Column {
        let own = self.svc.actor().code() == Some(view.staff.staff.code.as_str());
        // An admin's own checklist: self column until it is submitted.
        if own && (!self.svc.actor().roles.admin || view.state != ChecklistState::Submitted) {
            Column::SelfMark
        } else {
            Column::Review
        }
    }

    /// May the actor edit this column at all (the service decides finally)?
    pub fn column_editable(&self, column: Column) -> bool {
        let Some(c) = &self.checklist else {
            return false;
        };
        let actor = self.svc.actor();
        let own = actor.code() == Some(c.view.staff.staff.code.as_str());
        actor.roles.admin
            || match column {
                Column::SelfMark => own,
                Column::Review => {
                    actor.roles.reviewer
                        && c.view.staff.staff.manager_code.as_deref() == actor.code()
                        && actor.code().is_some()
                }
            }
    }

    /// Runs one checklist change through the service and shows the result.
    fn change_checklist(
        &mut self,
        f: impl FnOnce(&Service, &str, Quarter, i64) -> Result<ChecklistView, ServiceError>,
    ) -> bool {
        let Some(c) = &self.checklist else {
            return false;
        };
        let code = c.view.staff.staff.code.clone();
        let version = c.view.version;
        match f(&self.svc, &code, self.quarter, version) {
            Ok(view) => {
                // One person recomputed, in memory: the live result from the
                // new marks and the facts read with the checklist, and their
                // line in the list.
                if let Some(c) = &mut self.checklist {
                    (c.result, c.if_approved) = live_result(&self.svc, &c.facts, &view);
                    self.people.set_status(&code, line_status(&view, &c.result));
                    c.view = view;
                }
                self.after_line_change();
                self.flash = Some(Flash::Info(self.t(Msg::Saved).to_owned()));
                true
            }
            Err(e) => {
                self.error(&e);
                // A conflict or a refusal: show the fresh data.
                self.load_checklist(&code);
                false
            }
        }
    }

    fn set_mark(&mut self, mark: Option<bool>) -> bool {
        let Some(c) = &self.checklist else {
            return false;
        };
        let Some(item) = c.view.items.get(c.cursor) else {
            return false;
        };
        let id = item.id;
        let column = c.column;
        self.change_checklist(|svc, code, q, v| match column {
            Column::SelfMark => svc.set_self_mark(code, q, id, mark, v),
            Column::Review => svc.set_review_mark(code, q, id, mark, v),
        })
    }

    fn current_mark(&self) -> Option<bool> {
        let c = self.checklist.as_ref()?;
        let item = c.view.items.get(c.cursor)?;
        match c.column {
            Column::SelfMark => item.self_mark,
            Column::Review => item.review,
        }
    }

    fn move_item(&mut self, delta: isize) {
        if let Some(c) = &mut self.checklist {
            let last = c.view.items.len() as isize - 1;
            c.cursor = (c.cursor as isize + delta).clamp(0, last.max(0)) as usize;
        }
    }

    fn seek_unmarked(&mut self, forward: bool) {
        if let Some(c) = &mut self.checklist {
            let n = c.view.items.len();
            let unmarked = |i: usize| match c.column {
                Column::SelfMark => c.view.items[i].self_mark.is_none(),
                Column::Review => c.view.items[i].review.is_none(),
            };
            let found = (1..=n)
                .map(|d| {
                    if forward {
                        (c.cursor + d) % n
                    } else {
                        (c.cursor + n - d % n) % n
                    }
                })
                .find(|&i| unmarked(i));
            if let Some(i) = found {
                c.cursor = i;
            }
        }
    }

    fn open_text(&mut self, purpose: TextPurpose, title: String, initial: &str) {
        let mut area = TextArea::new(initial.lines().map(str::to_owned).collect());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.overlay = Some(Overlay::Text {
            purpose,
            title,
            area: Box::new(area),
        });
    }

    fn confirm(&mut self, prompt: String, action: Action) {
        self.overlay = Some(Overlay::Confirm { prompt, action });
    }

    fn person_label(&self) -> String {
        self.checklist.as_ref().map_or_else(String::new, |c| {
            format!(
                "{} ({})",
                c.view.staff.staff.full_name, c.view.staff.staff.code
            )
        })
    }

    pub fn error(&mut self, e: &ServiceError) {
        self.flash = Some(Flash::Error(error_text(e, self.lang)));
    }

    /// The context whose bindings apply now.
    pub fn context(&self) -> Context {
        match self.focus {
            Pane::Staff => Context::Staff,
            Pane::Checklist => Context::Checklist,
            Pane::Kpi => Context::Kpi,
        }
    }

    // ---- input ----

    /// Routes a key: overlay first, then the filter input, then the key table.
    pub fn on_key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        if self.overlay.is_some() {
            self.overlay_key(ev);
            return;
        }
        if self.filtering {
            match ev.code {
                KeyCode::Enter => self.filtering = false,
                KeyCode::Esc => {
                    self.filtering = false;
                    self.filter.clear();
                    self.apply_filters();
                }
                KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown => {
                    if let Some(a) = keymap::action_for(Context::Staff, &ev) {
                        self.update(a);
                    }
                }
                _ => {
                    if self.filter.key(&ev) {
                        self.selected = 0;
                        self.offset = 0;
                        self.apply_filters();
                    }
                }
            }
            return;
        }
        if let Some(a) = keymap::action_for(self.context(), &ev) {
            self.update(a);
        }
    }

    /// Text pasted by the terminal (bracketed paste): NFC, into the input
    /// that has focus.
    pub fn on_paste(&mut self, text: &str) {
        let text = crate::text::nfc(text);
        match &mut self.overlay {
            Some(Overlay::Text { area, .. }) => {
                area.insert_str(&text);
            }
            Some(Overlay::Palette { input, .. }) | Some(Overlay::Lookup { input, .. }) => {
                input.insert_str(&text)
            }
            Some(Overlay::Task(form)) => match form.field {
                super::kpi::Field::Task => form.task.insert_str(&text),
                super::kpi::Field::Reference => form.reference.insert_str(&text),
                _ => {}
            },
            _ if self.filtering => {
                self.filter.insert_str(&text);
                self.apply_filters();
            }
            _ => {}
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.flash = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Palette => {
                self.overlay = Some(Overlay::Palette {
                    input: LineInput::default(),
                    selected: 0,
                })
            }
            Action::NextPane | Action::PrevPane => {
                let panes = [Pane::Staff, Pane::Checklist, Pane::Kpi];
                let i = panes.iter().position(|p| *p == self.focus).unwrap_or(0);
                let step = if action == Action::NextPane { 1 } else { 2 };
                self.focus = panes[(i + step) % 3];
                if self.focus == Pane::Checklist && self.checklist.is_none() {
                    self.open_selected_quietly();
                }
                if self.focus == Pane::Kpi {
                    self.load_kpi();
                }
            }
            Action::Refresh => {
                let cursor = self.svc.change_cursor().unwrap_or(self.cursor);
                // A long list is read again in the background, the current
                // one shown meanwhile; an in-memory database in place.
                if self.reload_in_background() {
                    self.cursor = cursor;
                } else {
                    match self.reload() {
                        Ok(()) => self.cursor = cursor,
                        Err(e) => self.error(&e),
                    }
                }
            }
            Action::RoundPicker => {
                let now = self.quarter;
                let mut items: Vec<Quarter> = (0..8)
                    .scan(now.next(), |q, _| {
                        *q = q.previous();
                        Some(*q)
                    })
                    .collect();
                items.insert(0, now.next());
                let selected = items.iter().position(|q| *q == now).unwrap_or(0);
                self.overlay = Some(Overlay::Rounds { items, selected });
            }
            Action::UnitPicker => {
                let mut units = self.people.units();
                units.insert(0, self.t(Msg::AllUnits).to_owned());
                let selected = self
                    .unit_filter
                    .as_ref()
                    .and_then(|u| units.iter().position(|x| x == u))
                    .unwrap_or(0);
                self.overlay = Some(Overlay::Units {
                    items: units,
                    selected,
                });
            }
            Action::Lookup => {
                self.overlay = Some(Overlay::Lookup {
                    input: LineInput::default(),
                    selected: 0,
                })
            }
            Action::Up => self.move_in_focus(-1),
            Action::Down => self.move_in_focus(1),
            Action::PageUp => self.move_in_focus(-(self.page.max(1) as isize)),
            Action::PageDown => self.move_in_focus(self.page.max(1) as isize),
            Action::Top => self.move_in_focus(isize::MIN / 2),
            Action::Bottom => self.move_in_focus(isize::MAX / 2),
            Action::Open => self.open_selected(),
            Action::Back => {
                if self.focus != Pane::Staff {
                    self.focus = Pane::Staff;
                } else if !self.filter.text().is_empty()
                    || self.result_filter.is_some()
                    || self.unit_filter.is_some()
                {
                    self.filter.clear();
                    self.result_filter = None;
                    self.unit_filter = None;
                    self.apply_filters();
                }
            }
            Action::Filter => {
                self.focus = Pane::Staff;
                self.filtering = true;
            }
            Action::CycleResult => {
                self.result_filter = match self.result_filter {
                    None => Some(Outcome::Pass),
                    Some(Outcome::Pass) => Some(Outcome::Fail),
                    Some(Outcome::Fail) => Some(Outcome::Pending),
                    Some(Outcome::Pending) => Some(Outcome::NotAssessed),
                    Some(Outcome::NotAssessed) => None,
                };
                self.apply_filters();
            }
            Action::NextInQueue => self.next_in_queue(),
            Action::Accept => {
                if self.set_mark(Some(true)) {
                    self.seek_unmarked(true);
                }
            }
            Action::NotPass => {
                if self.set_mark(Some(false))
                    && let Some(c) = &self.checklist
                {
                    let item = c.view.items[c.cursor].id.to_owned();
                    let note = c.view.items[c.cursor].note.clone().unwrap_or_default();
                    let title = format!("{} {item}", self.t(Msg::NoteFor));
                    self.open_text(TextPurpose::NotPassNote { item }, title, &note);
                }
            }
            Action::CycleMark => {
                let next = match self.current_mark() {
                    None => Some(true),
                    Some(true) => Some(false),
                    Some(false) => None,
                };
                self.set_mark(next);
            }
            Action::ColumnLeft | Action::ColumnRight => {
                let want = if action == Action::ColumnLeft {
                    Column::SelfMark
                } else {
                    Column::Review
                };
                if self.column_editable(want)
                    && let Some(c) = &mut self.checklist
                {
                    c.column = want;
                }
            }
            Action::NextUnmarked => self.seek_unmarked(true),
            Action::PrevUnmarked => self.seek_unmarked(false),
            Action::AcceptRemaining => {
                if self.checklist.is_some() {
                    let p = format!(
                        "{} {}?",
                        self.t(Msg::ConfirmAcceptRemaining),
                        self.person_label()
                    );
                    self.confirm(p, Action::AcceptRemaining);
                }
            }
            Action::EditNote => {
                if let Some(c) = &self.checklist {
                    let item = c.view.items[c.cursor].id.to_owned();
                    let note = c.view.items[c.cursor].note.clone().unwrap_or_default();
                    let title = format!("{} {item}", self.t(Msg::NoteFor));
                    self.open_text(TextPurpose::Note { item }, title, &note);
                }
            }
            Action::SubmitOrApprove => {
                if let Some(c) = &self.checklist {
                    let own = self.svc.actor().code() == Some(c.view.staff.staff.code.as_str());
                    let submit = own
                        && matches!(
                            c.view.state,
                            ChecklistState::Draft | ChecklistState::Returned
                        );
                    let m = if submit {
                        Msg::ConfirmSubmit
                    } else {
                        Msg::ConfirmApprove
                    };
                    let p = format!("{} {}?", self.t(m), self.person_label());
                    self.confirm(p, Action::SubmitOrApprove);
                }
            }
            Action::ReturnForRevision => {
                if self.checklist.is_some() {
                    let title = format!("{} — {}", self.t(Msg::ReturnNote), self.person_label());
                    self.open_text(TextPurpose::Return, title, "");
                }
            }
            Action::Outstanding => {
                if let Some(c) = &self.checklist {
                    let text = c.view.achievement.clone().unwrap_or_default();
                    let title = format!("{} — {}", self.t(Msg::Achievement), self.person_label());
                    self.open_text(TextPurpose::Outstanding, title, &text);
                }
            }
            Action::Ratings => self.open_ratings(),
            Action::KpiAdd | Action::KpiEdit | Action::KpiDelete | Action::KpiConfirm => {
                self.kpi_action(action)
            }
            Action::Reports => self.overlay = Some(Overlay::Reports { selected: 0 }),
            Action::CloseRound => self.confirm(
                format!("{} {}?", self.t(Msg::ConfirmClose), self.quarter),
                Action::CloseRound,
            ),
            Action::ReopenRound => self.confirm(
                format!("{} {}?", self.t(Msg::ConfirmReopen), self.quarter),
                Action::ReopenRound,
            ),
        }
    }

    fn move_in_focus(&mut self, delta: isize) {
        match self.focus {
            Pane::Staff => self.move_selection(delta),
            Pane::Checklist => self.move_item(delta),
            Pane::Kpi => {
                if let Some(k) = &mut self.kpi {
                    let last = k.log.entries.len() as isize - 1;
                    k.cursor = (k.cursor as isize + delta).clamp(0, last.max(0)) as usize;
                }
            }
        }
    }

    // ---- the KPI pane ----

    /// Reads the selected person's task log for the quarter.
    pub fn load_kpi(&mut self) {
        let Some(code) = self.selected_person().map(|p| p.code.to_owned()) else {
            self.kpi = None;
            return;
        };
        let shown = (self.quarter, self.closed);
        if self.kpi_settings_for != Some(shown) {
            match self.svc.kpi_settings(self.quarter) {
                Ok(k) => {
                    self.kpi_settings = k.settings;
                    self.kpi_settings_for = Some(shown);
                }
                Err(e) => {
                    self.kpi = None;
                    return self.error(&e);
                }
            }
        }
        match self.svc.kpi_log(&code, self.quarter, &self.kpi_settings) {
            Ok(log) => {
                let cursor = match &self.kpi {
                    Some(k) if k.log.staff.staff.code == code => {
                        k.cursor.min(log.entries.len().saturating_sub(1))
                    }
                    _ => 0,
                };
                self.kpi = Some(KpiView { log, cursor });
            }
            Err(e) => {
                self.kpi = None;
                self.error(&e);
            }
        }
    }

    fn kpi_action(&mut self, action: Action) {
        if self.focus != Pane::Kpi {
            return;
        }
        let Some(k) = &self.kpi else { return };
        let unit = k.log.staff.staff.unit.clone();
        let code = k.log.staff.staff.code.clone();
        match action {
            Action::KpiAdd => {
                let today = chrono::Local::now().date_naive();
                let form = TaskForm::new(&self.svc, &code, &unit, self.quarter, today);
                self.overlay = Some(Overlay::Task(Box::new(form)));
            }
            Action::KpiEdit => {
                if let Some(e) = k.selected() {
                    let form = TaskForm::edit(&self.svc, &unit, e);
                    self.overlay = Some(Overlay::Task(Box::new(form)));
                }
            }
            Action::KpiDelete => {
                if let Some(e) = k.selected() {
                    let p = format!(
                        "{} «{}» ({})?",
                        self.t(Msg::ConfirmKpiDelete),
                        e.task,
                        e.date.format("%d/%m/%Y")
                    );
                    self.confirm(p, Action::KpiDelete);
                }
            }
            Action::KpiConfirm => {
                if let Some(e) = k.selected() {
                    let r = if e.confirmed() {
                        self.svc.kpi_unconfirm(e.id, e.version)
                    } else {
                        self.svc.kpi_confirm(e.id, e.version)
                    };
                    self.after_kpi(r.map(|_| ()));
                }
            }
            _ => {}
        }
    }

    fn after_kpi(&mut self, r: Result<(), ServiceError>) {
        match r {
            Ok(()) => self.flash = Some(Flash::Info(self.t(Msg::Saved).to_owned())),
            Err(e) => self.error(&e),
        }
        let keep = self.flash.clone();
        self.load_kpi();
        if self.flash.is_none() {
            self.flash = keep;
        }
    }

    fn save_task(&mut self, form: &TaskForm, input: &crate::domain::kpi::TaskInput) {
        let r = match form.editing {
            Some((id, version)) => self.svc.kpi_edit(id, version, input).map(|_| ()),
            None => self.svc.kpi_add(&form.code, input).map(|_| ()),
        };
        self.after_kpi(r);
    }

    fn write_report(&mut self, form: crate::report::FormId) {
        let dir = dirs::home_dir().unwrap_or_else(|| std::path::PathBuf::from("."));
        self.write_report_in(form, &dir);
    }

    /// Exports a form into `dir` as `danhgia-mau-<form>-<quarter>.xlsx`,
    /// through the one writer of files ([`crate::outfile`]): never over an
    /// existing file or a symbolic link; a name already taken gets the next
    /// free ` (2)`, ` (3)` ….
    pub(crate) fn write_report_in(&mut self, form: crate::report::FormId, dir: &std::path::Path) {
        use crate::outfile::{OutFileError, Replace};
        use crate::report::{ReportError, ReportOptions, ReportScope, write_report};
        let options = ReportOptions {
            unit: self.unit_filter.clone(),
            date: None,
        };
        let stem = format!("danhgia-mau-{}-{}", form.code(), self.quarter);
        let mut result = None;
        for n in 1..=EXPORT_NAMES {
            let name = if n == 1 {
                format!("{stem}.xlsx")
            } else {
                format!("{stem} ({n}).xlsx")
            };
            let r = write_report(
                &self.svc,
                form,
                ReportScope::Quarter(self.quarter),
                &options,
                &dir.join(name),
                Replace::Never,
            );
            let taken = matches!(
                r,
                Err(ReportError::File(
                    OutFileError::Exists { .. } | OutFileError::Symlink(_)
                ))
            );
            result = Some(r);
            if !taken {
                break;
            }
        }
        match result {
            Some(Ok(summary)) => self.flash = Some(Flash::Info(summary.describe(self.lang))),
            Some(Err(e)) => self.flash = Some(Flash::Error(e.text(self.lang))),
            None => {}
        }
    }

    /// Runs a confirmed action.
    fn confirmed(&mut self, action: Action) {
        match action {
            Action::KpiDelete => {
                if let Some(e) = self.kpi.as_ref().and_then(|k| k.selected()) {
                    let r = self.svc.kpi_delete(e.id, e.version);
                    self.after_kpi(r);
                }
            }
            Action::AcceptRemaining => {
                self.change_checklist(|svc, code, q, v| svc.accept_remaining(code, q, v));
            }
            Action::SubmitOrApprove => {
                let Some(c) = &self.checklist else { return };
                let own = self.svc.actor().code() == Some(c.view.staff.staff.code.as_str());
                let submit = own
                    && matches!(
                        c.view.state,
                        ChecklistState::Draft | ChecklistState::Returned
                    );
                self.change_checklist(|svc, code, q, v| {
                    if submit {
                        svc.submit(code, q, v)
                    } else {
                        svc.approve(code, q, v)
                    }
                });
            }
            Action::CloseRound | Action::ReopenRound => {
                match self
                    .svc
                    .set_round_closed(self.quarter, action == Action::CloseRound)
                {
                    Ok(()) => {
                        // The state shows at once; the list (whose results
                        // a closed round does not change) is read again in
                        // the background.
                        self.closed = action == Action::CloseRound;
                        self.reload_open_checklist();
                        if !self.reload_in_background() {
                            let _ = self.reload();
                        }
                        self.flash = Some(Flash::Info(self.t(Msg::Saved).to_owned()));
                    }
                    Err(e) => self.error(&e),
                }
            }
            _ => {}
        }
    }

    fn open_ratings(&mut self) {
        let Some(c) = &self.checklist else { return };
        let code = c.view.staff.staff.code.clone();
        let name = c.view.staff.staff.full_name.clone();
        let employment = c.view.staff.staff.employment;
        let months = self.quarter.months();
        let current = self
            .svc
            .quarter_ratings(&code, self.quarter)
            .unwrap_or_default();
        let rows = [0, 1, 2].map(|i| {
            let rated = current[i].and_then(MonthEntry::rated);
            RatingDraft {
                month: months[i].month,
                rating: rated.map(|r| r.rating),
                discipline: rated.and_then(|r| r.discipline),
                excused: rated.is_some_and(|r| r.excused),
                leave: current[i].is_some_and(MonthEntry::is_leave),
                employed: employment.employed_in_month(months[i]),
            }
        });
        let row = rows.iter().position(|r| r.employed).unwrap_or(0);
        self.overlay = Some(Overlay::Ratings {
            code,
            name,
            rows,
            row,
            field: 0,
        });
    }

    // ---- overlays ----

    fn overlay_key(&mut self, ev: KeyEvent) {
        let Some(mut overlay) = self.overlay.take() else {
            return;
        };
        let close = match &mut overlay {
            Overlay::Help { scroll } => match ev.code {
                KeyCode::Esc
                | KeyCode::Char('q')
                | KeyCode::Char('?')
                | KeyCode::F(1)
                | KeyCode::Enter => true,
                KeyCode::Down | KeyCode::Char('j') => {
                    *scroll = scroll.saturating_add(1);
                    false
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    *scroll = scroll.saturating_sub(1);
                    false
                }
                KeyCode::PageDown => {
                    *scroll = scroll.saturating_add(10);
                    false
                }
                KeyCode::PageUp => {
                    *scroll = scroll.saturating_sub(10);
                    false
                }
                _ => false,
            },
            Overlay::Palette { input, selected } => match ev.code {
                KeyCode::Esc => true,
                KeyCode::Up => {
                    *selected = selected.saturating_sub(1);
                    false
                }
                KeyCode::Down => {
                    *selected += 1;
                    false
                }
                KeyCode::Enter => {
                    let items = palette_items(input.text(), self.lang);
                    if let Some((action, _)) =
                        items.get((*selected).min(items.len().saturating_sub(1)))
                    {
                        let a = *action;
                        self.overlay = None;
                        self.update(a);
                        return;
                    }
                    true
                }
                _ => {
                    if input.key(&ev) {
                        *selected = 0;
                    }
                    false
                }
            },
            Overlay::Rounds { items, selected } => match pick(&ev, selected, items.len()) {
                Pick::Close => true,
                Pick::Chosen(i) => {
                    self.switch_quarter(items[i]);
                    true
                }
                Pick::Stay => false,
            },
            Overlay::Units { items, selected } => match pick(&ev, selected, items.len()) {
                Pick::Close => true,
                Pick::Chosen(i) => {
                    self.unit_filter = if i == 0 { None } else { Some(items[i].clone()) };
                    self.selected = 0;
                    self.offset = 0;
                    self.apply_filters();
                    true
                }
                Pick::Stay => false,
            },
            Overlay::Lookup { input, selected } => match ev.code {
                KeyCode::Esc => true,
                KeyCode::Up => {
                    *selected = selected.saturating_sub(1);
                    false
                }
                KeyCode::Down => {
                    *selected += 1;
                    false
                }
                _ => {
                    if input.key(&ev) {
                        *selected = 0;
                    }
                    false
                }
            },
            Overlay::Confirm { action, .. } => match ev.code {
                KeyCode::Enter => {
                    let a = *action;
                    self.overlay = None;
                    self.confirmed(a);
                    return;
                }
                KeyCode::Esc => true,
                _ => false,
            },
            Overlay::Text { purpose, area, .. } => match ev.code {
                KeyCode::Esc => true,
                KeyCode::Enter if !ev.modifiers.contains(KeyModifiers::ALT) => {
                    let text = crate::text::nfc(&area.lines().join("\n"));
                    let purpose = purpose.clone();
                    self.overlay = None;
                    self.save_text(purpose, &text);
                    return;
                }
                KeyCode::Enter => {
                    area.insert_newline();
                    false
                }
                _ => {
                    super::input::textarea_key(area, &ev);
                    false
                }
            },
            Overlay::Task(form) => match form.key(&ev, &self.svc) {
                FormStep::Stay => false,
                FormStep::Cancel => true,
                FormStep::Save(input) => {
                    let form = form.clone();
                    self.overlay = None;
                    self.save_task(&form, &input);
                    return;
                }
            },
            Overlay::Reports { selected } => {
                match pick(&ev, selected, crate::report::FormId::ALL.len()) {
                    Pick::Close => true,
                    Pick::Chosen(i) => {
                        self.overlay = None;
                        self.write_report(crate::report::FormId::ALL[i]);
                        return;
                    }
                    Pick::Stay => false,
                }
            }
            Overlay::Ratings {
                code,
                rows,
                row,
                field,
                ..
            } => match ev.code {
                KeyCode::Esc => true,
                // Months the person was employed on no day of are skipped.
                KeyCode::Up => {
                    if let Some(up) = (0..*row).rev().find(|&i| rows[i].employed) {
                        *row = up;
                    }
                    false
                }
                KeyCode::Down => {
                    if let Some(down) = (*row + 1..3).find(|&i| rows[i].employed) {
                        *row = down;
                    }
                    false
                }
                KeyCode::Left | KeyCode::BackTab => {
                    *field = field.saturating_sub(1);
                    false
                }
                KeyCode::Right | KeyCode::Tab => {
                    *field = (*field + 1).min(2);
                    false
                }
                // A month on leave has only its first cell to change.
                KeyCode::Char(_) | KeyCode::Backspace
                    if !rows[*row].employed || (rows[*row].leave && *field > 0) =>
                {
                    false
                }
                KeyCode::Char(' ') => {
                    let r = &mut rows[*row];
                    match *field {
                        0 => r.cycle(),
                        1 => {
                            r.discipline = Some(if r.discipline == Some(DISCIPLINE_MAX) {
                                0
                            } else {
                                DISCIPLINE_MAX
                            })
                        }
                        _ => r.excused = !r.excused,
                    }
                    false
                }
                KeyCode::Char(d) if d.is_ascii_digit() && *field == 1 => {
                    let r = &mut rows[*row];
                    let digit = d.to_digit(10).unwrap_or(0) as u8;
                    let cur = r.discipline.unwrap_or(0);
                    let next = cur.saturating_mul(10).saturating_add(digit);
                    r.discipline = Some(if next <= DISCIPLINE_MAX && cur != 0 {
                        next
                    } else {
                        digit
                    });
                    false
                }
                KeyCode::Backspace if *field == 1 => {
                    rows[*row].discipline = None;
                    false
                }
                KeyCode::Enter => {
                    let code = code.clone();
                    let months = rows.map(RatingDraft::entry);
                    self.overlay = None;
                    match self.svc.set_quarter_ratings(&code, self.quarter, months) {
                        Ok(()) => {
                            self.refresh_person(&code);
                            self.load_checklist(&code);
                            self.flash = Some(Flash::Info(self.t(Msg::Saved).to_owned()));
                        }
                        Err(e) => self.error(&e),
                    }
                    return;
                }
                _ => false,
            },
        };
        if !close {
            self.overlay = Some(overlay);
        }
    }

    fn save_text(&mut self, purpose: TextPurpose, text: &str) {
        match purpose {
            TextPurpose::Note { item } => {
                self.change_checklist(|svc, code, q, v| svc.set_note(code, q, &item, text, v));
            }
            TextPurpose::NotPassNote { item } => {
                self.change_checklist(|svc, code, q, v| svc.set_note(code, q, &item, text, v));
                // After a not-pass and its note, go on to the next item to mark.
                if open_cursor_item(self).as_deref() == Some(item.as_str()) {
                    self.seek_unmarked(true);
                }
            }
            TextPurpose::Return => {
                self.change_checklist(|svc, code, q, v| svc.return_for_revision(code, q, text, v));
            }
            TextPurpose::Outstanding => {
                let on = !text.trim().is_empty();
                self.change_checklist(|svc, code, q, v| {
                    svc.set_outstanding(code, q, on, Some(text), v)
                });
            }
        }
    }
}

fn open_cursor_item(app: &App) -> Option<String> {
    let c = app.checklist.as_ref()?;
    c.view.items.get(c.cursor).map(|i| i.id.to_owned())
}

enum Pick {
    Close,
    Chosen(usize),
    Stay,
}

fn pick(ev: &KeyEvent, selected: &mut usize, len: usize) -> Pick {
    match ev.code {
        KeyCode::Esc => Pick::Close,
        KeyCode::Enter => Pick::Chosen((*selected).min(len.saturating_sub(1))),
        KeyCode::Up | KeyCode::Char('k') => {
            *selected = selected.saturating_sub(1);
            Pick::Stay
        }
        KeyCode::Down | KeyCode::Char('j') => {
            *selected = (*selected + 1).min(len.saturating_sub(1));
            Pick::Stay
        }
        _ => Pick::Stay,
    }
}

/// The palette's commands matching `query` (diacritic-insensitive), from the
/// key table plus the palette-only actions.
pub fn palette_items(query: &str, lang: Lang) -> Vec<(Action, Msg)> {
    let q = fold(query);
    let words: Vec<&str> = q.split_whitespace().collect();
    let mut seen = std::collections::HashSet::new();
    let mut found: Vec<(usize, Action, Msg)> = keymap::BINDINGS
        .iter()
        .map(|b| (b.action, b.desc))
        .chain(keymap::PALETTE_ONLY.iter().copied())
        .filter(|(a, _)| {
            !matches!(
                a,
                Action::Up
                    | Action::Down
                    | Action::PageUp
                    | Action::PageDown
                    | Action::Top
                    | Action::Bottom
                    | Action::Palette
            )
        })
        .filter(|(a, _)| seen.insert(*a))
        .filter_map(|(a, m)| {
            let f = fold(m.text(lang));
            // Where the first word is found: labels that start with it first.
            let at = words.first().map_or(Some(0), |w| f.find(w))?;
            words.iter().all(|w| f.contains(w)).then_some((at, a, m))
        })
        .collect();
    found.sort_by_key(|(at, _, _)| *at);
    found.into_iter().map(|(_, a, m)| (a, m)).collect()
}

#[cfg(test)]
mod tests;
