//! How actions read in the status line and in confirmations.

use crate::domain::console::{Action, Target};

/// The action under way: `creating queue orders…`.
pub fn doing(action: &Action) -> String {
    match action {
        Action::Create(target) => format!("creating {target}…"),
        Action::Delete(target @ Target::Connection(_)) => format!("closing {target}…"),
        Action::Delete(target) => format!("deleting {target}…"),
        Action::Purge(queue) => format!("purging queue {queue}…"),
        Action::Announce { to, .. } => format!("sending an announcement to {to}…"),
    }
}

/// The action finished: `created queue orders`.
pub fn done(action: &Action) -> String {
    match action {
        Action::Create(target) => format!("created {target}"),
        Action::Delete(target @ Target::Connection(_)) => format!("closed {target}"),
        Action::Delete(target) => format!("deleted {target}"),
        Action::Purge(queue) => format!("purged queue {queue}"),
        Action::Announce { to, .. } => format!("announcement sent to {to}"),
    }
}

/// The action failed: `could not create queue orders: it already exists`.
pub fn failed(action: &Action, error: &str) -> String {
    let what = match action {
        Action::Delete(target @ Target::Connection(_)) => format!("close {target}"),
        other => other.to_string(),
    };
    format!("could not {what}: {error}")
}

/// The y/N question before `action`, naming the item. `ready` is the queue's ready
/// count for a purge, when known.
pub fn question(action: &Action, ready: Option<u64>) -> String {
    match action {
        Action::Delete(target @ Target::Connection(_)) => format!("Close {target}? y/N"),
        Action::Delete(target @ Target::User(_)) => {
            format!("Delete {target}, its inbox and its waiting messages? y/N")
        }
        Action::Delete(target) => format!("Delete {target}? y/N"),
        Action::Purge(queue) => match ready {
            Some(ready) => format!("Purge queue {queue} ({ready} ready)? y/N"),
            None => format!("Purge queue {queue}? y/N"),
        },
        Action::Create(target) => format!("Create {target}? y/N"),
        Action::Announce { to, .. } => format!("Send the announcement to {to}? y/N"),
    }
}
