//! How actions read in the status line and in confirmations.

use crate::domain::console::{Action, NewPassword, Outcome, Target};

/// The action under way: `creating queue orders…`.
pub fn doing(action: &Action) -> String {
    match action {
        Action::Create(target) => format!("creating {target}…"),
        Action::Delete(target @ Target::Connection(_)) => format!("closing {target}…"),
        Action::Delete(target) => format!("deleting {target}…"),
        Action::Purge(queue) => format!("purging queue {queue}…"),
        Action::Announce { to, .. } => format!("sending an announcement to {to}…"),
        Action::CreateAccount { user, .. } => format!("creating user {user} with an account…"),
        Action::SetPassword { user, .. } => format!("setting a new password for {user}…"),
        Action::Ban(user) => format!("banning {user}…"),
        Action::Unban(user) => format!("unbanning {user}…"),
    }
}

/// `n connection(s)`.
fn connections(count: usize) -> String {
    match count {
        1 => "1 connection".to_owned(),
        n => format!("{n} connections"),
    }
}

/// The action finished, with what came of it: `created queue orders`, `banned bob;
/// closed 2 connections`.
pub fn done(action: &Action, outcome: &Outcome) -> String {
    match (action, outcome) {
        (Action::Ban(user), Outcome::Banned { already, closed }) => {
            let closed = connections(*closed);
            if *already {
                format!("{user} was banned already; closed {closed}")
            } else {
                format!("banned {user}; closed {closed}")
            }
        }
        (Action::Unban(user), Outcome::Unbanned { was_active: true }) => {
            format!("{user} was not banned; its permissions are set again")
        }
        (Action::CreateAccount { user, password }, _) => match password {
            NewPassword::Generate => {
                format!("created user {user} with an account; copy its password now")
            }
            NewPassword::Typed(_) => format!("created user {user} with an account"),
        },
        (Action::SetPassword { user, password }, _) => match password {
            NewPassword::Generate => format!("new password for {user}; copy it now"),
            NewPassword::Typed(_) => format!("new password set for {user}"),
        },
        (action, _) => done_plain(action),
    }
}

/// What a finished action says when its outcome adds nothing.
fn done_plain(action: &Action) -> String {
    match action {
        Action::Create(target) => format!("created {target}"),
        Action::Delete(target @ Target::Connection(_)) => format!("closed {target}"),
        Action::Delete(target) => format!("deleted {target}"),
        Action::Purge(queue) => format!("purged queue {queue}"),
        Action::Announce { to, .. } => format!("announcement sent to {to}"),
        Action::Ban(user) => format!("banned {user}"),
        Action::Unban(user) => format!("unbanned {user}"),
        Action::CreateAccount { user, .. } => format!("created user {user} with an account"),
        Action::SetPassword { user, .. } => format!("new password set for {user}"),
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
        Action::Ban(user) => format!(
            "Ban {user}? The account stays; the broker refuses its logins and its connections are closed. y/N"
        ),
        Action::Unban(user) => format!("Unban {user} (let the account log in again)? y/N"),
        Action::CreateAccount { user, .. } => format!("Create user {user} with an account? y/N"),
        Action::SetPassword { user, .. } => format!("Set a new password for {user}? y/N"),
    }
}
