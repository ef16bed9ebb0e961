//! The face user mode shows: the full-screen TUI (a terminal, the input box, the size
//! of the message pane as last drawn) or line mode (one printed line per thing shown).

use std::io::Write;
use std::path::PathBuf;

use ratatui::crossterm::event::{
    Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers, MouseEventKind,
};

use super::editor;
use crate::app::user::{Event, Notification, Shown, UserApp};
use crate::config::TuiSettings;
use crate::ui::plain::{LineFormat, format_shown};
use crate::ui::terminal::TerminalGuard;
use crate::ui::user::help_overlay::scroll_help;
use crate::ui::user::input_box::InputBox;
use crate::ui::user::keys::{KeyIntent, map_key, read_terminal};
use crate::ui::user::mouse::{WHEEL_ROWS, map_mouse};
use crate::ui::user::search_overlay::list_key;
use crate::ui::user::title::window_title;

use super::notifier::Notifier;

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
    /// Ctrl-L was pressed: the whole screen is cleared and drawn again.
    clear_next: bool,
    /// The help overlay's first row shown (when it is taller than the terminal).
    help_scroll: usize,
    /// Bell, terminal notification, `notify_command`.
    notifier: Notifier,
    /// What opens a link.
    opener: Vec<String>,
    /// Whether the TUI has the mouse (F2 toggles it).
    mouse: bool,
    /// The window title last set.
    title: String,
}

impl Screen {
    /// Takes the terminal (raw mode, alternate screen, focus reports, the mouse if
    /// `settings` say so) until dropped; pastes of more than `paste_max_lines` lines
    /// ask first.
    pub fn enter(
        log_path: Option<PathBuf>,
        settings: &TuiSettings,
        paste_max_lines: usize,
    ) -> std::io::Result<Self> {
        let mut guard = TerminalGuard::enter(log_path)?;
        guard.report_focus()?;
        if settings.mouse {
            guard.set_mouse_capture(true)?;
        }
        let mut input = InputBox::new();
        input.set_paste_max_lines(paste_max_lines);
        Ok(Self {
            guard,
            input,
            pane: (0, 0),
            clear_next: false,
            help_scroll: 0,
            notifier: Notifier::new(settings),
            opener: settings.opener.clone(),
            mouse: settings.mouse,
            title: String::new(),
        })
    }

    /// F2: takes the mouse or gives it back; the app says which.
    fn toggle_mouse(&mut self) -> Option<Event> {
        let on = !self.mouse;
        match self.guard.set_mouse_capture(on) {
            Ok(()) => {
                self.mouse = on;
                Some(Event::MouseCapture(on))
            }
            Err(err) => {
                tracing::warn!(%err, "cannot change the mouse capture");
                None
            }
        }
    }

    /// Scrolls the open help by a key, by pages of the terminal's height; `false` if the
    /// key is not one that scrolls.
    fn scroll_help(&mut self, event: &TermEvent) -> bool {
        let TermEvent::Key(key) = event else {
            return false;
        };
        if key.kind == KeyEventKind::Release || !key.modifiers.is_empty() {
            return false;
        }
        let rows = self.guard.terminal.size().map_or(10, |size| size.height);
        let page = usize::from(rows.saturating_sub(3)).max(1);
        scroll_help(key.code, &mut self.help_scroll, page)
    }
}

impl Screen {
    /// Ctrl-X: the draft in the user's editor, the terminal handed over meanwhile (its
    /// input not read, raw mode and the alternate screen left) and taken back after.
    /// What the editor saved becomes the draft; if it failed, the draft stays and the
    /// returned event says why.
    fn edit_in_editor(&mut self) -> Option<Event> {
        self.input.escape();
        self.input.drop_paste();
        let draft = self.input.text();
        let command = editor::configured_editor();
        let guard = &mut self.guard;
        let (result, resumed) = off_the_workers_queue(|| {
            let paused = crate::runtime::input_pause::pause_terminal_input();
            let result = guard
                .suspend()
                .map_err(editor::EditorError::File)
                .and_then(|()| editor::edit_text(&draft, &command));
            let resumed = guard.resume();
            drop(paused);
            (result, resumed)
        });
        self.clear_next = true;
        // Giving the terminal away turned focus reports, the mouse and the title off.
        self.title.clear();
        let mouse = self.mouse;
        let resumed = resumed.and_then(|()| {
            self.guard.report_focus()?;
            if mouse {
                self.guard.set_mouse_capture(true)?;
            }
            Ok(())
        });
        if let Err(err) = resumed {
            tracing::warn!(%err, "cannot take the terminal back after the editor");
        }
        match result {
            Ok(text) => {
                self.input.replace_text(&text);
                None
            }
            Err(err) => {
                tracing::info!(%err, "the editor did not give a draft back");
                Some(Event::CommandFailed(format!(
                    "{err}; your draft is kept as it was"
                )))
            }
        }
    }
}

impl Face {
    /// Whether this is line mode.
    pub fn is_lines(&self) -> bool {
        matches!(self, Face::Lines { .. })
    }

    /// What a terminal event means for the app, if anything (the TUI edits its input
    /// box, scrolls an open help and toggles the mouse itself; line mode has no
    /// terminal events).
    pub fn read_terminal(&mut self, event: TermEvent, app: &UserApp) -> Option<Event> {
        let Face::Tui(screen) = self else {
            return None;
        };
        let event = crate::ui::user::keymap::remap(event);
        if app.help_open && screen.scroll_help(&event) {
            return None;
        }
        match &event {
            TermEvent::FocusGained => return Some(Event::Focus(true)),
            TermEvent::FocusLost => return Some(Event::Focus(false)),
            TermEvent::Mouse(mouse) if app.help_open => {
                // The wheel scrolls the open help, like Up and Down.
                let key = match mouse.kind {
                    MouseEventKind::ScrollUp => KeyCode::Up,
                    MouseEventKind::ScrollDown => KeyCode::Down,
                    _ => return None,
                };
                for _ in 0..WHEEL_ROWS {
                    scroll_help(key, &mut screen.help_scroll, 1);
                }
                return None;
            }
            TermEvent::Mouse(mouse) => {
                let size = screen.guard.terminal.size().ok()?;
                let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                return map_mouse(*mouse, area, app, &screen.input);
            }
            TermEvent::Key(key)
                if key.kind != KeyEventKind::Release && key.code == KeyCode::F(2) =>
            {
                return screen.toggle_mouse();
            }
            _ => {}
        }
        if app.search.is_some()
            && !app.help_open
            && !screen.input.is_modal()
            && let Some(action) = list_key(&event)
        {
            return Some(Event::Key(action));
        }
        if is_redraw(&event) {
            // Ctrl-L: whatever another program (or a terminal that disagrees about a
            // character's width) left on screen goes at the next draw.
            screen.clear_next = true;
            return None;
        }
        if wants_editor(&event) && !app.help_open && screen.input.switcher.is_none() {
            return screen.edit_in_editor();
        }
        // Only keys and pastes change the text: other events (the mouse, focus, a
        // resize) need no copy of the draft to compare.
        let before =
            matches!(event, TermEvent::Key(_) | TermEvent::Paste(_)).then(|| screen.input.text());
        let event = read_terminal(event, &mut screen.input, app);
        if let (None, Some(before)) = (&event, before) {
            // The typing indicator: the text of a message (not a command) changed.
            let after = screen.input.text();
            if after != before && !after.is_empty() && !after.starts_with('/') {
                return Some(Event::Typing {
                    at: crate::domain::envelope::now_utc_millis(),
                });
            }
        }
        event
    }

    /// Puts a refused line back into the TUI's input box, unless something new was
    /// typed meanwhile (line mode: nothing to do, the notice says why).
    pub fn give_back(&mut self, line: &str) {
        if let Face::Tui(screen) = self {
            screen.input.give_back(line);
        }
    }

    /// Calls the user (the TUI only: line mode's output is for reading, not ringing).
    pub fn notify(&mut self, notification: &Notification) {
        if let Face::Tui(screen) = self {
            let out = screen.guard.terminal.backend_mut();
            screen
                .notifier
                .notify(notification, std::time::Instant::now(), out);
        }
    }

    /// Opens a link with the configured opener (the TUI only: line mode prints links,
    /// for the terminal or the script to use).
    pub fn open_link(&mut self, url: &str) {
        match self {
            Face::Tui(screen) => super::spawn::open_link(&screen.opener, url),
            Face::Lines { .. } => tracing::debug!("/open in line mode: the link is printed"),
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
        if std::mem::take(&mut screen.clear_next) {
            screen.guard.redraw_all()?;
        }
        let input = &screen.input;
        let help_scroll = &mut screen.help_scroll;
        let mut pane = ratatui::layout::Rect::ZERO;
        screen.guard.terminal.draw(|frame| {
            pane = crate::ui::user::message_pane(frame.area(), input);
            crate::ui::user::draw(frame, app, input, help_scroll);
            crate::ui::theme::paint(frame.buffer_mut());
        })?;
        let title = window_title(app);
        if screen.title != title {
            screen.guard.set_title(&title)?;
            screen.title = title;
        }
        let size = (pane.width, pane.height);
        if screen.pane == size {
            return Ok(None);
        }
        screen.pane = size;
        Ok(Some(size))
    }
}

/// Runs `blocking` (the editor: it takes as long as the user wants) so that the tasks
/// queued on this runtime worker — the terminal reader, woken to let go of the terminal,
/// among them — move to another worker meanwhile, on the multi-threaded runtime the
/// client runs on.
fn off_the_workers_queue<T>(blocking: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(blocking)
        }
        _ => blocking(),
    }
}

/// Whether a terminal event is Ctrl-X, the key that opens the draft in `$EDITOR`.
fn wants_editor(event: &TermEvent) -> bool {
    matches!(event, TermEvent::Key(key) if map_key(*key) == KeyIntent::OpenEditor)
}

/// Whether a terminal event is Ctrl-L, the readline and WeeChat key that redraws the
/// screen.
fn is_redraw(event: &TermEvent) -> bool {
    matches!(event, TermEvent::Key(key)
        if key.kind != KeyEventKind::Release
            && key.code == KeyCode::Char('l')
            && key.modifiers.contains(KeyModifiers::CONTROL))
}
