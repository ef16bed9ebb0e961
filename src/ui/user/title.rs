//! The terminal window's title: the unread count and who you are,
//! `chat-tui (3) — alice`.

use crate::app::user::UserApp;

/// The title for the app as it is now: `chat-tui (3) — alice` with 3 messages unread
/// elsewhere, `chat-tui — alice` with none.
pub fn window_title(app: &UserApp) -> String {
    match app.total_unread() {
        0 => format!("chat-tui — {}", app.me),
        unread => format!("chat-tui ({unread}) — {}", app.me),
    }
}
