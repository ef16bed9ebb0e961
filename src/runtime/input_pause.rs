//! Pausing terminal input while another program has the terminal (Ctrl-X's editor):
//! crossterm's event stream reads the terminal on a thread of its own and would take
//! the editor's keys. [`pause_terminal_input`] asks the reader task to drop its stream
//! and waits (briefly) until it has; dropping the returned guard lets it read again.

use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Duration;

use tokio::sync::watch;

/// How long a pause waits for the reader to let go of the terminal.
const LET_GO_WITHIN: Duration = Duration::from_millis(500);

/// The wish (paused or not) and whether the reader has let go.
struct Pause {
    wish: watch::Sender<bool>,
    let_go: Mutex<bool>,
    changed: Condvar,
}

fn pause() -> &'static Pause {
    static PAUSE: OnceLock<Pause> = OnceLock::new();
    PAUSE.get_or_init(|| Pause {
        wish: watch::channel(false).0,
        let_go: Mutex::new(false),
        changed: Condvar::new(),
    })
}

/// Terminal input stays paused until this is dropped.
#[must_use = "input resumes when the guard is dropped"]
pub struct InputPaused(());

impl Drop for InputPaused {
    fn drop(&mut self) {
        pause().wish.send_replace(false);
    }
}

/// Asks the terminal reader to stop reading and waits until it has (at most half a
/// second: a reader that is not running has nothing to let go of). Blocks the thread.
pub fn pause_terminal_input() -> InputPaused {
    let pause = pause();
    pause.wish.send_replace(true);
    if let Ok(let_go) = pause.let_go.lock() {
        let _ = pause
            .changed
            .wait_timeout_while(let_go, LET_GO_WITHIN, |let_go| !*let_go);
    }
    InputPaused(())
}

/// For the reader: a receiver of the wish to pause.
pub(super) fn pause_wish() -> watch::Receiver<bool> {
    pause().wish.subscribe()
}

/// For the reader: it has let go of the terminal (`true`) or taken it again.
pub(super) fn set_let_go(let_go: bool) {
    let pause = pause();
    if let Ok(mut state) = pause.let_go.lock() {
        *state = let_go;
        pause.changed.notify_all();
    }
}
