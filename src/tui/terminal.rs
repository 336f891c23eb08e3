//! The terminal: raw mode and the alternate screen on, bracketed paste on,
//! and everything restored on every way out — normal quit, error, panic,
//! SIGHUP (an SSH drop), SIGTERM, and SIGINT and SIGQUIT sent from outside
//! (in raw mode Ctrl-C and Ctrl-\ are keys, not signals). Ctrl-Z suspends
//! properly.

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use ratatui::DefaultTerminal;
use std::io::{self, stdout};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// The signals that end the session gracefully: the terminal is restored
/// instead of being left raw, on the alternate screen, with bracketed paste.
pub const QUIT_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// Set by any of [`QUIT_SIGNALS`]: the loop quits at its next turn.
pub fn quit_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in QUIT_SIGNALS {
        signal_hook::flag::register(sig, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// Enters the TUI; `restore` undoes it. Installs a panic hook that restores
/// the terminal (and turns bracketed paste off) before the message prints.
pub fn init() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    execute!(stdout(), EnableBracketedPaste)?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste);
        ratatui::restore();
        hook(info);
    }));
    Ok(terminal)
}

/// Leaves the TUI. Errors are ignored: after an SSH drop there is no
/// terminal left to restore.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
}

/// The terminal has hung up (the SSH connection or the terminal window is
/// gone): reading it would only return end-of-file, forever.
pub fn tty_gone() -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
    match poll(&mut fds, PollTimeout::ZERO) {
        Ok(_) => fds[0].revents().is_some_and(|r| {
            r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL)
        }),
        Err(_) => true,
    }
}

/// Ends the process if the terminal hangs up (or a quit signal arrives)
/// and the event loop has not left by itself within a second. crossterm
/// reads a hung-up terminal in a loop that never returns, so the loop cannot
/// be relied on to notice. Exiting is safe: every acknowledged change is
/// already committed, and SQLite rolls back a transaction cut off midway.
pub fn watchdog(quit: Arc<AtomicBool>) {
    use std::sync::atomic::Ordering;
    use std::time::Duration;
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            if tty_gone() || quit.load(Ordering::Relaxed) {
                quit.store(true, Ordering::Relaxed);
                std::thread::sleep(Duration::from_secs(1));
                // The loop did not leave: give the terminal back ourselves.
                restore();
                std::process::exit(0);
            }
        }
    });
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
pub fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    restore();
    let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGTSTP);
    *terminal = ratatui::try_init()?;
    execute!(stdout(), EnableBracketedPaste)?;
    terminal.clear()?;
    Ok(())
}
