//! The chat accounts: add, new password, ban, unban, remove.

use super::Operator;
use super::setup::inbox_bindings;
use crate::broker::accounts::api::Account;
use crate::broker::accounts::error::OperatorError;
use crate::broker::accounts::permissions::UserPermissions;
use crate::domain::UserName;
use crate::domain::wire::{ANNOUNCE_EXCHANGE, DIRECT_EXCHANGE, inbox_queue, removal_reason};

/// The tag every chat account gets: it may read the management API for its own virtual
/// host (the exchanges, for `/topics`) and change nothing there.
const CHAT_TAG: &str = "management";

/// What `add_user` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedUser {
    /// The inbox was there already (an open-mode user moving to an account) and was
    /// kept, with this many messages (the broker's last statistics).
    pub kept_inbox: Option<u64>,
}

/// What `ban` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banned {
    /// The user had no permissions on the virtual host already.
    pub already: bool,
    /// Connections closed.
    pub closed: usize,
}

/// What `unban` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unbanned {
    /// The user was not banned (its permissions were set again all the same).
    pub was_active: bool,
}

/// What `remove_user` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// An account was deleted (an open-mode user has none).
    pub account: bool,
    /// The inbox was deleted with this many messages (the broker's last statistics);
    /// `None` when there was no inbox.
    pub inbox_messages: Option<u64>,
    /// Connections closed.
    pub closed: usize,
}

/// The reason a banned user's connections are closed with.
fn ban_reason(user: &UserName) -> String {
    format!("chat-tui admin banned user {user}")
}

impl Operator {
    /// The account `user`, which these commands may change: an error when there is none
    /// ([`OperatorError::NotFound`]) or when it is an operator's (tagged administrator,
    /// or the one logged in).
    async fn chat_account(&self, user: &UserName) -> Result<Account, OperatorError> {
        let account = self
            .api
            .account(user.as_str())
            .await?
            .ok_or_else(|| OperatorError::NotFound(format!("user {user}")))?;
        self.refuse_operator(&account)?;
        Ok(account)
    }

    fn refuse_operator(&self, account: &Account) -> Result<(), OperatorError> {
        if account.is_administrator() || account.name == self.api.operator() {
            return Err(OperatorError::OperatorAccount(account.name.clone()));
        }
        Ok(())
    }

    /// Creates the account `user` with `password`, tag `management`, the chat
    /// permissions, its inbox and the inbox's bindings. An existing inbox is kept with
    /// its messages and topic bindings. Refused, with nothing changed, when the account
    /// exists or the virtual host was not set up; if a later step fails, what was
    /// created is removed again.
    pub async fn add_user(
        &self,
        user: &UserName,
        password: &str,
    ) -> Result<AddedUser, OperatorError> {
        if password.is_empty() {
            return Err(OperatorError::Other("the password is empty".into()));
        }
        self.api.check_vhost().await?;
        if self.api.account(user.as_str()).await?.is_some() {
            return Err(OperatorError::AlreadyExists(format!("user {user}")));
        }
        for exchange in [DIRECT_EXCHANGE, ANNOUNCE_EXCHANGE] {
            if self.api.exchange(exchange).await?.is_none() {
                return Err(OperatorError::NotSetUp(format!(
                    "the virtual host {:?} has no exchange {exchange}",
                    self.api.vhost()
                )));
            }
        }
        let inbox = inbox_queue(user);
        let kept = self.api.queue(&inbox).await?;
        self.api
            .put_account(user.as_str(), password, &[CHAT_TAG.to_owned()])
            .await?;
        let rest = async {
            self.api
                .grant(user.as_str(), &UserPermissions::for_user(user))
                .await?;
            if kept.is_none() {
                self.api.declare_durable_queue(&inbox).await?;
            }
            for (exchange, key) in inbox_bindings(user.as_str()) {
                self.api.bind(exchange, &inbox, &key).await?;
            }
            Ok::<(), OperatorError>(())
        }
        .await;
        if let Err(error) = rest {
            // Undo what was created; the error that stopped it is the one to report.
            if kept.is_none()
                && let Err(undo) = self.api.delete_queue(&inbox).await
            {
                tracing::warn!(%undo, "could not delete the half-made inbox {inbox}");
            }
            if let Err(undo) = self.api.delete_account(user.as_str()).await {
                tracing::warn!(%undo, "could not delete the half-made account {user}");
            }
            return Err(error);
        }
        Ok(AddedUser {
            kept_inbox: kept.map(|q| q.messages.unwrap_or(0)),
        })
    }

    /// Gives the account `user` a new password (its tags stay).
    pub async fn set_password(&self, user: &UserName, password: &str) -> Result<(), OperatorError> {
        if password.is_empty() {
            return Err(OperatorError::Other("the password is empty".into()));
        }
        let account = self.chat_account(user).await?;
        self.api
            .put_account(&account.name, password, &account.tags)
            .await
    }

    /// Clears `user`'s permissions on the virtual host (the account stays; the broker
    /// refuses its logins there) and closes its clients' connections.
    pub async fn ban(&self, user: &UserName) -> Result<Banned, OperatorError> {
        let account = self.chat_account(user).await?;
        let already = !self.api.has_permissions(&account.name).await?;
        if !already {
            self.api.revoke(&account.name).await?;
        }
        let closed = self.close_connections_of(user, &ban_reason(user)).await?;
        Ok(Banned { already, closed })
    }

    /// Sets `user`'s chat permissions on the virtual host again.
    pub async fn unban(&self, user: &UserName) -> Result<Unbanned, OperatorError> {
        let account = self.chat_account(user).await?;
        let was_active = self.api.has_permissions(&account.name).await?;
        self.api
            .grant(&account.name, &UserPermissions::for_user(user))
            .await?;
        Ok(Unbanned { was_active })
    }

    /// Deletes the account `user` (if there is one), closes its clients' connections and
    /// deletes its inbox (if there is one) with the messages in it. Neither there is
    /// [`OperatorError::NotFound`].
    pub async fn remove_user(&self, user: &UserName) -> Result<Removed, OperatorError> {
        self.api.check_vhost().await?;
        let account = self.api.account(user.as_str()).await?;
        if let Some(account) = &account {
            self.refuse_operator(account)?;
        }
        let inbox = inbox_queue(user);
        let queue = self.api.queue(&inbox).await?;
        if account.is_none() && queue.is_none() {
            return Err(OperatorError::NotFound(format!("user {user}")));
        }
        // Its permissions first, so that no new login takes the place of those closed.
        if account.is_some() {
            self.api.revoke(user.as_str()).await?;
        }
        let closed = self
            .close_connections_of(user, &removal_reason(user))
            .await?;
        if account.is_some() {
            self.api.delete_account(user.as_str()).await?;
        }
        if queue.is_some() {
            self.api.delete_queue(&inbox).await?;
        }
        Ok(Removed {
            account: account.is_some(),
            inbox_messages: queue.map(|q| q.messages.unwrap_or(0)),
            closed,
        })
    }

    /// For the console's delete of a user, which closes its clients and deletes its
    /// inbox itself: whether `user` has an account (an operator's is refused, with
    /// nothing changed); when it has one, its permissions are cleared, so that no new
    /// login takes the place of the connections being closed. Delete the account with
    /// [`Operator::delete_account`] afterwards.
    pub async fn revoke_for_removal(&self, user: &UserName) -> Result<bool, OperatorError> {
        let Some(account) = self.api.account(user.as_str()).await? else {
            return Ok(false);
        };
        self.refuse_operator(&account)?;
        self.api.revoke(&account.name).await?;
        Ok(true)
    }

    /// Deletes the account `user` (see [`Operator::revoke_for_removal`]).
    pub async fn delete_account(&self, user: &UserName) -> Result<(), OperatorError> {
        let account = self.chat_account(user).await?;
        self.api.delete_account(&account.name).await
    }
}
