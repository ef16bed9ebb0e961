//! The fake's accounts (protocol version 3): create with a password, a new password,
//! ban, unban, by the same rules as the real console (no account: refused; an existing
//! inbox is kept when an account is created for it).

use std::collections::BTreeSet;

use super::{
    ConsoleError, FAKE_PASSWORD, FakeAccount, FakeQueue, Outcome, Password, Target, World,
    queue_row,
};
use crate::domain::UserName;
use crate::domain::console::{AccountState, NewPassword};
use crate::domain::wire::{DIRECT_EXCHANGE, client_connection_name, inbox_queue};

/// The password to set and what to report: a generated one is always [`FAKE_PASSWORD`].
fn resolve(asked: &NewPassword) -> (Password, Outcome) {
    match asked {
        NewPassword::Typed(password) => (password.clone(), Outcome::Done),
        NewPassword::Generate => {
            let password = Password::new(FAKE_PASSWORD);
            (password.clone(), Outcome::Generated(password))
        }
    }
}

fn no_account(user: &UserName) -> ConsoleError {
    ConsoleError::Broker(format!(
        "user {user} has no account of its own (an open-mode inbox, or deleted meanwhile)"
    ))
}

impl World {
    /// The state of `user`'s account as the Users pane shows it.
    pub(super) fn account_state(&self, user: &UserName) -> AccountState {
        match self.accounts.get(user) {
            None => AccountState::NoAccount,
            Some(account) if account.banned => AccountState::Banned,
            Some(_) => AccountState::Active,
        }
    }

    pub(super) fn create_account(
        &mut self,
        user: &UserName,
        asked: &NewPassword,
    ) -> Result<Outcome, ConsoleError> {
        if self.accounts.contains_key(user) {
            return Err(ConsoleError::AlreadyExists(Target::User(user.clone())));
        }
        let (password, outcome) = resolve(asked);
        let inbox = inbox_queue(user);
        self.queues
            .entry(inbox.clone())
            .or_insert_with(|| FakeQueue {
                row: queue_row(&inbox, 0, 0),
                bindings: BTreeSet::from([DIRECT_EXCHANGE.to_owned()]),
            });
        let account = FakeAccount {
            password,
            banned: false,
        };
        self.accounts.insert(user.clone(), account);
        Ok(outcome)
    }

    pub(super) fn set_password(
        &mut self,
        user: &UserName,
        asked: &NewPassword,
    ) -> Result<Outcome, ConsoleError> {
        let account = self
            .accounts
            .get_mut(user)
            .ok_or_else(|| no_account(user))?;
        let (password, outcome) = resolve(asked);
        account.password = password;
        Ok(outcome)
    }

    pub(super) fn ban(&mut self, user: &UserName) -> Result<Outcome, ConsoleError> {
        let account = self
            .accounts
            .get_mut(user)
            .ok_or_else(|| no_account(user))?;
        let already = account.banned;
        account.banned = true;
        let closed = self.close_connections_of(user);
        Ok(Outcome::Banned { already, closed })
    }

    pub(super) fn unban(&mut self, user: &UserName) -> Result<Outcome, ConsoleError> {
        let account = self
            .accounts
            .get_mut(user)
            .ok_or_else(|| no_account(user))?;
        let was_active = !account.banned;
        account.banned = false;
        Ok(Outcome::Unbanned { was_active })
    }

    /// Closes every connection of `user`'s clients (consuming its inbox, logged in as
    /// it, or named `chat-tui <user>`); how many there were.
    pub(super) fn close_connections_of(&mut self, user: &UserName) -> usize {
        let inbox = inbox_queue(user);
        let client = client_connection_name(user);
        let (closed, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.connections)
            .into_iter()
            .partition(|c| {
                c.consumes.as_deref() == Some(inbox.as_str())
                    || c.row.user == user.as_str()
                    || c.row.client == client
            });
        self.connections = kept;
        if let Some(queue) = self.queues.get_mut(&inbox) {
            queue.row.consumers = 0;
        }
        let count = closed.len();
        self.closed.extend(closed.into_iter().map(|c| c.row.name));
        count
    }
}
