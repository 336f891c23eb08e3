//! Everything a person can ask the TUI to do. Keys map to these through the
//! one key table (`keymap.rs`); the command palette lists them too.

/// One user intent. `update` turns it into state changes and service calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the program (every change is already committed).
    Quit,
    /// Show the help overlay (generated from the key table).
    Help,
    /// Open the command palette.
    Palette,
    /// Move focus to the next / previous pane.
    NextPane,
    PrevPane,
    /// Re-read everything from the database.
    Refresh,
    /// Choose another quarter.
    RoundPicker,
    /// Position lookup overlay.
    Lookup,
    /// Cursor movement in the focused list.
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open the selected person's checklist.
    Open,
    /// Back out one level (never throws work away).
    Back,
    /// Type to filter the staff list.
    Filter,
    /// Cycle the result filter: all → pass → fail → pending.
    CycleResult,
    /// Choose a unit to filter by.
    UnitPicker,
    /// Jump to the next submitted checklist waiting for the actor's review.
    NextInQueue,
    /// Mark the item Đạt (in the active column) and go to the next one.
    Accept,
    /// Mark the item Chưa đạt and ask for a note.
    NotPass,
    /// Cycle the item's mark: unset → Đạt → Chưa đạt → unset.
    CycleMark,
    /// Switch between the self and the review column (admins).
    ColumnLeft,
    ColumnRight,
    /// Move to the next / previous item still unmarked in the active column.
    NextUnmarked,
    PrevUnmarked,
    /// Mark every unreviewed item Đạt (confirmed).
    AcceptRemaining,
    /// Write the note of the item.
    EditNote,
    /// Submit (own checklist) or approve (as reviewer), confirmed.
    SubmitOrApprove,
    /// Return a submitted checklist for revision, with a note.
    ReturnForRevision,
    /// Mark the person outstanding with an achievement summary (or clear it).
    Outstanding,
    /// Enter the quarter's monthly ratings of the person (admins).
    Ratings,
    /// Close (lock) or reopen the current round (admins), confirmed.
    CloseRound,
    ReopenRound,
    /// Write an official form (01–05B) to a file.
    Reports,
    /// KPI: log a new task.
    KpiAdd,
    /// KPI: edit the selected entry.
    KpiEdit,
    /// KPI: delete the selected entry (confirmed).
    KpiDelete,
    /// KPI: confirm the selected entry, or withdraw the confirmation (manager).
    KpiConfirm,
}
