//! The face user mode shows: the full-screen TUI (a terminal, the input box, the size
//! of the message pane as last drawn) or line mode (one printed line per thing shown).

use std::io::Write;
use std::path::PathBuf;

use ratatui::crossterm::event::Event as TermEvent;

use crate::app::user::{Event, Shown, UserApp};
use crate::ui::plain::{LineFormat, format_shown};
use crate::ui::terminal::TerminalGuard;
use crate::ui::user::input_box::InputBox;
use crate::ui::user::keys::read_terminal;

/// Where line mode prints.
pub type LineOutput = Box<dyn Write + Send>;

/// The TUI or line mode.
pub enum Face {
    /// The full-screen client.
    Tui(Box<Screen>),
    /// Line mode: what is shown is printed, one line each.
    Lines {
        /// Text or JSON.
        format: LineFormat,
        /// Standard output (a buffer in tests).
        out: LineOutput,
    },
}

/// The TUI's terminal and what only it has: the input box and the pane's size.
pub struct Screen {
    guard: TerminalGuard,
    input: InputBox,
    pane: (u16, u16),
}

impl Screen {
    /// Takes the terminal (raw mode, alternate screen) until dropped.
    pub fn enter(log_path: Option<PathBuf>) -> std::io::Result<Self> {
        Ok(Self {
            guard: TerminalGuard::enter(log_path)?,
            input: InputBox::new(),
            pane: (0, 0),
        })
    }
}

impl Face {
    /// Whether this is line mode.
    pub fn is_lines(&self) -> bool {
        matches!(self, Face::Lines { .. })
    }

    /// What a terminal event means for the app, if anything (the TUI edits its input
    /// box itself; line mode has no terminal events).
    pub fn read_terminal(&mut self, event: TermEvent) -> Option<Event> {
        match self {
            Face::Tui(screen) => read_terminal(event, &mut screen.input),
            Face::Lines { .. } => None,
        }
    }

    /// Prints what line mode shows. `Err` once nobody reads the output any more.
    pub fn show(&mut self, shown: &Shown, app: &UserApp) -> std::io::Result<()> {
        let Face::Lines { format, out } = self else {
            return Ok(());
        };
        match format_shown(shown, &app.me, app.local_offset, *format) {
            Some(line) => writeln!(out, "{line}").and_then(|()| out.flush()),
            None => Ok(()),
        }
    }

    /// Draws the TUI; returns the message pane's size when it changed since the last
    /// draw (the app scrolls by its rows).
    pub fn draw(&mut self, app: &UserApp) -> std::io::Result<Option<(u16, u16)>> {
        let Face::Tui(screen) = self else {
            return Ok(None);
        };
        let input = &screen.input;
        let mut pane = ratatui::layout::Rect::ZERO;
        screen.guard.terminal.draw(|frame| {
            pane = crate::ui::user::message_pane(frame.area());
            crate::ui::user::draw(frame, app, &input.textarea);
        })?;
        let size = (pane.width, pane.height);
        if screen.pane == size {
            return Ok(None);
        }
        screen.pane = size;
        Ok(Some(size))
    }
}
