//! The chat accounts' actions (protocol version 3), carried out by the same
//! [`Operator`](crate::broker::accounts::Operator) commands as `chat-tui admin user …`:
//! create with a password, a new password, ban, unban. A generated password is made
//! here, returned once in the [`Outcome`] and never logged.

use super::ConsoleError;
use super::http::Http;
use crate::broker::accounts::{OperatorError, generate_password};
use crate::config::Password;
use crate::domain::UserName;
use crate::domain::console::{NewPassword, Outcome, Target};

/// The password to set: the typed one, or a fresh one from the system's random source.
fn resolve(password: &NewPassword) -> Result<Password, ConsoleError> {
    match password {
        NewPassword::Typed(password) => Ok(password.clone()),
        NewPassword::Generate => generate_password()
            .map(Password::new)
            .map_err(|e| ConsoleError::Broker(e.to_string())),
    }
}

/// What to report once the password is set: the generated one, to show once.
fn outcome(asked: &NewPassword, password: Password) -> Outcome {
    match asked {
        NewPassword::Generate => Outcome::Generated(password),
        NewPassword::Typed(_) => Outcome::Done,
    }
}

/// Words an operator command's failure on `user`'s account; "not found" there means
/// the user has no account (an open-mode inbox) or was deleted meanwhile.
fn failure(http: &Http, user: &UserName, error: OperatorError) -> ConsoleError {
    match error {
        OperatorError::NotFound(_) => ConsoleError::Broker(format!(
            "user {user} has no account of its own (an open-mode inbox, or deleted meanwhile)"
        )),
        other => http.operator_error(other, &Target::User(user.clone())),
    }
}

/// Creates the account `user` with its permissions, inbox and bindings.
pub(crate) async fn create(
    http: &Http,
    user: &UserName,
    asked: &NewPassword,
) -> Result<Outcome, ConsoleError> {
    let password = resolve(asked)?;
    http.operator()
        .add_user(user, password.expose())
        .await
        .map_err(|e| http.operator_error(e, &Target::User(user.clone())))?;
    Ok(outcome(asked, password))
}

/// Gives the account `user` a new password.
pub(crate) async fn set_password(
    http: &Http,
    user: &UserName,
    asked: &NewPassword,
) -> Result<Outcome, ConsoleError> {
    let password = resolve(asked)?;
    http.operator()
        .set_password(user, password.expose())
        .await
        .map_err(|e| failure(http, user, e))?;
    Ok(outcome(asked, password))
}

/// Bans the account `user` and closes its connections.
pub(crate) async fn ban(http: &Http, user: &UserName) -> Result<Outcome, ConsoleError> {
    let banned = http
        .operator()
        .ban(user)
        .await
        .map_err(|e| failure(http, user, e))?;
    Ok(Outcome::Banned {
        already: banned.already,
        closed: banned.closed,
    })
}

/// Lets the account `user` log in again.
pub(crate) async fn unban(http: &Http, user: &UserName) -> Result<Outcome, ConsoleError> {
    let unbanned = http
        .operator()
        .unban(user)
        .await
        .map_err(|e| failure(http, user, e))?;
    Ok(Outcome::Unbanned {
        was_active: unbanned.was_active,
    })
}
