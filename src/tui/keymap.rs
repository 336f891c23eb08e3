//! The one key table: every binding is one entry with its description, and
//! the same table feeds key handling, the hint bar and the help overlay, so
//! help can never drift from the keys.
//!
//! Vietnamese input methods (Telex, VNI) rewrite letters and digits while
//! they are on, so every important or destructive action sits on Enter,
//! Space, Esc, Tab, arrows, F-keys or Ctrl-keys; letters only move (vim keys)
//! or open overlays, and no action is a repeated letter. Ctrl-A and Ctrl-B are
//! left to screen and tmux.

use super::action::Action;
use crate::i18n::Msg;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Staff,
    Checklist,
    Kpi,
}

/// A key as the table writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn ch(c: char) -> Key {
    k(KeyCode::Char(c))
}

/// One entry of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub desc: Msg,
    /// Shown in the status bar's hint line.
    pub hint: bool,
}

const fn b(
    context: Context,
    keys: &'static [Key],
    action: Action,
    desc: Msg,
    hint: bool,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        desc,
        hint,
    }
}

use Context::{Checklist as C, Global as G, Kpi as K, Staff as S};

pub const BINDINGS: &[Binding] = &[
    b(
        G,
        &[ch('?'), k(KeyCode::F(1))],
        Action::Help,
        Msg::KeyHelp,
        true,
    ),
    b(G, &[ch(':')], Action::Palette, Msg::KeyPalette, true),
    b(G, &[ch('q'), ctrl('c')], Action::Quit, Msg::KeyQuit, true),
    b(
        G,
        &[k(KeyCode::Tab)],
        Action::NextPane,
        Msg::KeyNextPane,
        true,
    ),
    b(
        G,
        &[k(KeyCode::BackTab)],
        Action::PrevPane,
        Msg::KeyPrevPane,
        false,
    ),
    b(
        G,
        &[k(KeyCode::F(2))],
        Action::RoundPicker,
        Msg::KeyRound,
        false,
    ),
    b(
        G,
        &[k(KeyCode::F(4))],
        Action::Lookup,
        Msg::KeyLookup,
        false,
    ),
    b(
        G,
        &[k(KeyCode::F(5)), ctrl('r')],
        Action::Refresh,
        Msg::KeyRefresh,
        false,
    ),
    b(
        G,
        &[ctrl('n')],
        Action::NextInQueue,
        Msg::KeyNextInQueue,
        false,
    ),
    b(G, &[k(KeyCode::Up), ch('k')], Action::Up, Msg::KeyUp, false),
    b(
        G,
        &[k(KeyCode::Down), ch('j')],
        Action::Down,
        Msg::KeyDown,
        false,
    ),
    b(
        G,
        &[k(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        Msg::KeyPageUp,
        false,
    ),
    b(
        G,
        &[k(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        Msg::KeyPageDown,
        false,
    ),
    b(G, &[k(KeyCode::Home)], Action::Top, Msg::KeyTop, false),
    b(G, &[k(KeyCode::End)], Action::Bottom, Msg::KeyBottom, false),
    b(G, &[k(KeyCode::Esc)], Action::Back, Msg::KeyBack, false),
    b(
        S,
        &[k(KeyCode::Enter), k(KeyCode::Right), ch('l')],
        Action::Open,
        Msg::KeyOpen,
        true,
    ),
    b(S, &[ch('/')], Action::Filter, Msg::KeyFilter, true),
    b(
        S,
        &[k(KeyCode::F(3))],
        Action::CycleResult,
        Msg::KeyCycleResult,
        true,
    ),
    b(
        S,
        &[k(KeyCode::F(6))],
        Action::UnitPicker,
        Msg::KeyUnitPicker,
        false,
    ),
    b(
        C,
        &[k(KeyCode::Enter)],
        Action::Accept,
        Msg::KeyAccept,
        true,
    ),
    b(
        C,
        &[k(KeyCode::Delete), k(KeyCode::Backspace)],
        Action::NotPass,
        Msg::KeyNotPass,
        true,
    ),
    b(C, &[ch(' ')], Action::CycleMark, Msg::KeyCycleMark, false),
    b(
        C,
        &[k(KeyCode::Left), ch('h')],
        Action::ColumnLeft,
        Msg::KeyColumnLeft,
        false,
    ),
    b(
        C,
        &[k(KeyCode::Right), ch('l')],
        Action::ColumnRight,
        Msg::KeyColumnRight,
        false,
    ),
    b(
        C,
        &[ch(']')],
        Action::NextUnmarked,
        Msg::KeyNextUnmarked,
        false,
    ),
    b(
        C,
        &[ch('[')],
        Action::PrevUnmarked,
        Msg::KeyPrevUnmarked,
        false,
    ),
    b(
        C,
        &[k(KeyCode::F(6))],
        Action::AcceptRemaining,
        Msg::KeyAcceptRemaining,
        false,
    ),
    b(
        C,
        &[k(KeyCode::F(7))],
        Action::EditNote,
        Msg::KeyEditNote,
        false,
    ),
    b(
        C,
        &[k(KeyCode::F(8))],
        Action::SubmitOrApprove,
        Msg::KeySubmitOrApprove,
        true,
    ),
    b(
        C,
        &[k(KeyCode::F(9))],
        Action::ReturnForRevision,
        Msg::KeyReturn,
        false,
    ),
    b(
        C,
        &[k(KeyCode::F(11))],
        Action::Ratings,
        Msg::KeyRatings,
        false,
    ),
    b(
        C,
        &[k(KeyCode::F(12))],
        Action::Outstanding,
        Msg::KeyOutstanding,
        false,
    ),
    b(
        K,
        &[k(KeyCode::F(7)), k(KeyCode::Insert)],
        Action::KpiAdd,
        Msg::KeyKpiAdd,
        true,
    ),
    b(
        K,
        &[k(KeyCode::Enter)],
        Action::KpiEdit,
        Msg::KeyKpiEdit,
        true,
    ),
    b(
        K,
        &[k(KeyCode::Delete)],
        Action::KpiDelete,
        Msg::KeyKpiDelete,
        true,
    ),
    b(
        K,
        &[k(KeyCode::F(8))],
        Action::KpiConfirm,
        Msg::KeyKpiConfirm,
        true,
    ),
];

/// Actions offered only in the command palette (rare or dangerous enough
/// that they should be typed for).
pub const PALETTE_ONLY: &[(Action, Msg)] = &[
    (Action::CloseRound, Msg::KeyCloseRound),
    (Action::ReopenRound, Msg::KeyReopenRound),
    (Action::Reports, Msg::KeyReports),
];

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    // Shift is part of the character for printable keys ('?', ':').
    let mods = ev.modifiers - KeyModifiers::SHIFT;
    let want = key.mods - KeyModifiers::SHIFT;
    match (key.code, ev.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => {
            mods == want
                && a.eq_ignore_ascii_case(&b)
                && (a == b || want.contains(KeyModifiers::CONTROL))
        }
        (a, b) => a == b && mods == want,
    }
}

/// The action a key means in `context` (pane bindings first, then global).
pub fn action_for(context: Context, ev: &KeyEvent) -> Option<Action> {
    let find = |ctx: Context| {
        BINDINGS
            .iter()
            .filter(|b| b.context == ctx)
            .find(|b| b.keys.iter().any(|k| matches(k, ev)))
    };
    find(context)
        .or_else(|| find(Context::Global))
        .map(|b| b.action)
}

/// How a key is written in help and hints.
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Backspace => "Bksp".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("C-{base}")
    } else {
        base
    }
}

/// All keys of a binding, e.g. `?/F1`.
pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(key_label).collect::<Vec<_>>().join("/")
}

/// The first key bound to `action`, for messages ("press F8 to submit").
pub fn first_key(action: Action) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map(key_label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn pane_bindings_win_over_global_ones() {
        let enter = ev(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(action_for(Context::Staff, &enter), Some(Action::Open));
        assert_eq!(action_for(Context::Checklist, &enter), Some(Action::Accept));
        let f6 = ev(KeyCode::F(6), KeyModifiers::NONE);
        assert_eq!(action_for(Context::Staff, &f6), Some(Action::UnitPicker));
        assert_eq!(
            action_for(Context::Checklist, &f6),
            Some(Action::AcceptRemaining)
        );
    }

    #[test]
    fn shifted_punctuation_and_ctrl_letters_match() {
        assert_eq!(
            action_for(Context::Staff, &ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            action_for(
                Context::Staff,
                &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Context::Staff, &ev(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{} bound to {:?} and {:?}",
                            key_label(k),
                            a.action,
                            b.action
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn important_actions_are_never_on_letters_or_digits() {
        use Action::*;
        for b in BINDINGS {
            if matches!(
                b.action,
                Accept
                    | NotPass
                    | AcceptRemaining
                    | SubmitOrApprove
                    | ReturnForRevision
                    | Outstanding
                    | Ratings
                    | CloseRound
                    | ReopenRound
            ) {
                for k in b.keys {
                    if let KeyCode::Char(c) = k.code {
                        assert!(
                            !c.is_alphanumeric() || k.mods.contains(KeyModifiers::CONTROL),
                            "{:?} on {c}",
                            b.action
                        );
                    }
                }
            }
        }
    }
}
