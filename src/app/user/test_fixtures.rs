//! What the app's unit tests share: names, a connected alice, messages to her, and the
//! notices she was shown.

use time::UtcOffset;

use super::{Event, Line, UserApp};
use crate::domain::{ChatMessage, Direction, Envelope, UserName};

/// A valid user name.
pub fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

/// alice, connected, with nothing loaded.
pub fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    app
}

/// A direct message from `from` to alice, as received.
pub fn dm_from(from: &str, body: &str) -> ChatMessage {
    let env = Envelope::direct(name(from), name("alice"), body.into());
    ChatMessage::from_envelope(&env, &name("alice"), Direction::Incoming).unwrap()
}

/// The newest notice of the conversation on screen ("" if none).
pub fn last_notice(app: &UserApp) -> String {
    app.current_conversation()
        .lines
        .iter()
        .rev()
        .find_map(|l| match l {
            Line::Notice(n) => Some(n.text.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// Every notice of the conversation on screen, oldest first.
pub fn notices(app: &UserApp) -> Vec<String> {
    app.current_conversation()
        .lines
        .iter()
        .filter_map(|l| match l {
            Line::Notice(n) => Some(n.text.clone()),
            _ => None,
        })
        .collect()
}
