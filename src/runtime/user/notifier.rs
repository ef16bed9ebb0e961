//! Giving a notification: the bell or a terminal notification (OSC 9, OSC 777) written
//! to the terminal, and the configured `notify_command` run — at most once per
//! [`MIN_INTERVAL`] for a conversation and once per [`MIN_GAP`] in all, so a backlog
//! arriving at once calls once, not a thousand times, while a direct message right after
//! a mention elsewhere still calls.
//!
//! Everything written is made safe first: the sender, the conversation and the text
//! come from the network, and no control character of theirs may reach the terminal
//! (an OSC string ends at the first `BEL` or `ESC \`).

use std::collections::HashMap;
use std::io::Write;
use std::time::{Duration, Instant};

use crate::app::user::Notification;
use crate::config::{NotifyStyle, TuiSettings};
use crate::domain::ConversationId;
use crate::ui::widgets::sanitize::sanitize;

use super::spawn::spawn_detached;

/// The least time between two notifications of one conversation; those in between are
/// dropped.
pub const MIN_INTERVAL: Duration = Duration::from_secs(2);

/// The least time between any two notifications.
pub const MIN_GAP: Duration = Duration::from_millis(500);

/// The terminal bell.
const BEL: u8 = 0x07;

/// Gives notifications the way the configuration says.
#[derive(Debug)]
pub struct Notifier {
    style: NotifyStyle,
    command: Option<Vec<String>>,
    /// When the last notification was given.
    last: Option<Instant>,
    /// When each conversation last notified.
    last_in: HashMap<ConversationId, Instant>,
}

impl Notifier {
    /// A notifier as `settings` configure it.
    pub fn new(settings: &TuiSettings) -> Self {
        Self {
            style: settings.notify,
            command: settings.notify_command.clone(),
            last: None,
            last_in: HashMap::new(),
        }
    }

    /// Gives `notification` at `now` — writes to `terminal` and runs the command —
    /// unless its conversation notified less than [`MIN_INTERVAL`] ago, or any did less
    /// than [`MIN_GAP`] ago. `true` if it was given.
    pub fn notify(
        &mut self,
        notification: &Notification,
        now: Instant,
        terminal: &mut impl Write,
    ) -> bool {
        let within = |last: Option<&Instant>, gap: Duration| {
            last.is_some_and(|last| now.saturating_duration_since(*last) < gap)
        };
        if within(self.last.as_ref(), MIN_GAP)
            || within(self.last_in.get(&notification.conversation), MIN_INTERVAL)
        {
            return false;
        }
        self.last = Some(now);
        self.last_in
            .retain(|_, last| now.saturating_duration_since(*last) < MIN_INTERVAL);
        self.last_in.insert(notification.conversation.clone(), now);
        let bytes = terminal_bytes(self.style, notification);
        if !bytes.is_empty()
            && let Err(err) = terminal.write_all(&bytes).and_then(|()| terminal.flush())
        {
            tracing::warn!(%err, "cannot write a notification to the terminal");
        }
        if let Some(argv) = &self.command {
            run_command(argv, notification);
        }
        true
    }
}

/// The bytes a notification writes to the terminal in `style`: `BEL`;
/// `ESC ] 9 ; title: text BEL`; `ESC ] 777 ; notify ; title ; text BEL`; or nothing.
pub fn terminal_bytes(style: NotifyStyle, notification: &Notification) -> Vec<u8> {
    let title = title(notification);
    let text = terminal_safe(&notification.text);
    let sequence = match style {
        NotifyStyle::None => return Vec::new(),
        NotifyStyle::Bell => return vec![BEL],
        NotifyStyle::Osc9 => format!("\x1b]9;{title}: {text}\x07"),
        // OSC 777 separates its fields by `;`: none may be in the title.
        NotifyStyle::Osc777 => format!("\x1b]777;notify;{};{text}\x07", title.replace(';', ",")),
    };
    sequence.into_bytes()
}

/// `bob in #news`, or `bob` for a direct message: who and where, made safe.
fn title(notification: &Notification) -> String {
    let from = terminal_safe(notification.from.as_str());
    match &notification.conversation {
        ConversationId::Direct(_) => from,
        other => format!("{from} in {}", terminal_safe(&other.to_string())),
    }
}

/// Text with nothing that can act on a terminal: escapes dropped and controls shown as
/// stand-ins by the sanitiser, then any control character left removed (a newline
/// becomes a space).
pub fn terminal_safe(text: &str) -> String {
    sanitize(&text.replace(['\n', '\r'], " "))
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// Starts `argv` with the notification in its environment (see [`spawn_detached`]).
fn run_command(argv: &[String], notification: &Notification) {
    let Some((program, args)) = argv.split_first() else {
        return;
    };
    let env = [
        ("CHAT_SENDER", terminal_safe(notification.from.as_str())),
        (
            "CHAT_CONVERSATION",
            terminal_safe(&notification.conversation.to_string()),
        ),
        ("CHAT_TEXT", terminal_safe(&notification.text)),
    ];
    spawn_detached(program, args, &env, "notify_command");
}

#[cfg(test)]
#[path = "notifier_tests.rs"]
mod tests;
