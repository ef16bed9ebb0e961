//! Owning the terminal: raw mode, alternate screen, bracketed paste — and always giving
//! them back, on a normal exit, an error, a panic or a signal.

use std::io::{self, Stdout, Write, stdout};
use std::path::PathBuf;
use std::sync::OnceLock;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The terminal type the TUI draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

static LOG_PATH: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Holds the terminal in TUI mode; dropping it restores the terminal.
pub struct TerminalGuard {
    /// The ratatui terminal to draw on.
    pub terminal: Tui,
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen, and installs a panic hook that restores
    /// the terminal and says where the log is before the process ends.
    pub fn enter(log_path: Option<PathBuf>) -> io::Result<Self> {
        let _ = LOG_PATH.set(log_path);
        install_panic_hook();
        enable_raw_mode()?;
        let mut out = stdout();
        if let Err(err) = execute!(out, EnterAlternateScreen, EnableBracketedPaste) {
            restore();
            return Err(err);
        }
        match Terminal::new(CrosstermBackend::new(out)) {
            Ok(terminal) => Ok(Self { terminal }),
            Err(err) => {
                restore();
                Err(err)
            }
        }
    }
}

impl TerminalGuard {
    /// Hands the terminal to another program for a while (the editor): cooked mode, the
    /// main screen, the cursor shown. [`resume`](Self::resume) takes it back.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        Ok(())
    }

    /// Takes the terminal back after [`suspend`](Self::suspend): raw mode, the
    /// alternate screen and bracketed paste again, and everything drawn anew at the
    /// next frame.
    pub fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        self.redraw_all()
    }

    /// Clears the screen and makes the next frame draw every cell. Unlike ratatui's
    /// `Terminal::clear`, it does not ask the terminal where its cursor is: that answer
    /// is read through crossterm's event reader, which the input task holds while it
    /// waits for a key, so the question would time out and end the client.
    pub fn redraw_all(&mut self) -> io::Result<()> {
        let size = self.terminal.size()?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = self.terminal.show_cursor();
        restore();
    }
}

/// Gives the terminal back: cooked mode, main screen, no bracketed paste. Safe to call
/// more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = out.flush();
}

fn install_panic_hook() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
            let log = LOG_PATH
                .get()
                .and_then(|p| p.as_ref())
                .map(|p| format!(" The log is at {}.", p.display()))
                .unwrap_or_default();
            eprintln!("chat-tui stopped because of an internal error.{log} No message was lost: unacknowledged messages stay in your inbox.");
            // A panic in any task ends the client: half a client drawing over a restored
            // terminal would be worse. Everything acked is already stored durably.
            std::process::exit(101);
        }));
    });
}
