//! Away (protocol version 4): `/away [reason]` and `/back`, sent as presence (`here`
//! with `away`), and who else is away as their presence says — shown in the sidebar
//! and by `/who`.

use std::collections::HashMap;

use crate::domain::{PresenceState, UserName};

use super::effect::Effect;
use super::line::NoticeLevel;
use super::state::UserApp;

/// Who is away, this user included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Away {
    /// This user is away, with the reason given (empty: none).
    pub mine: Option<String>,
    /// Others away, with their reasons (empty: none), as their presence says.
    pub others: HashMap<UserName, String>,
}

impl UserApp {
    /// `/away [reason]` (`Some`; `/away` alone while away is `/back`) or `/back`
    /// (`None`): said here and announced to everyone online.
    pub(super) fn set_away(&mut self, reason: Option<String>, fx: &mut Vec<Effect>) {
        let reason = match reason {
            Some(reason) if reason.is_empty() && self.away.mine.is_some() => None,
            other => other,
        };
        if reason.is_none() && self.away.mine.is_none() {
            return self.notice(NoticeLevel::Info, "you are not away".into(), fx);
        }
        let text = match &reason {
            Some(why) if why.is_empty() => "you are away (/back when you are back)".to_owned(),
            Some(why) => format!("you are away: {why} (/back when you are back)"),
            None => "you are back".to_owned(),
        };
        self.away.mine = reason;
        self.notice(NoticeLevel::Info, text, fx);
        self.announce_topics(fx);
    }

    /// Notes what someone's presence says of their being away.
    pub(super) fn note_away(
        &mut self,
        from: &UserName,
        state: PresenceState,
        away: Option<String>,
    ) {
        if *from == self.me {
            return;
        }
        match (state, away) {
            (PresenceState::Leave, _) | (_, None) => {
                self.away.others.remove(from);
            }
            (_, Some(reason)) => {
                self.away.others.insert(from.clone(), reason);
            }
        }
    }

    /// Whether `user` (this user too) is away, and why (empty: no reason given).
    pub fn away_reason(&self, user: &UserName) -> Option<&str> {
        if *user == self.me {
            return self.away.mine.as_deref();
        }
        self.away.others.get(user).map(String::as_str)
    }
}

#[cfg(test)]
#[path = "away_tests.rs"]
mod tests;
