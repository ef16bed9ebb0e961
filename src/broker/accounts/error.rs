//! Why an operator command failed, worded for the operator, with its exit code.

use crate::broker::management::api_error::ApiFailure;

/// Why an operator command failed. `Display` is the message for the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OperatorError {
    /// The management API did not answer.
    #[error("cannot reach the management API at {url}: {reason}")]
    Unreachable {
        /// The API base URL.
        url: String,
        /// What went wrong, with a hint of what to do.
        reason: String,
    },
    /// The API answered 401 or 403.
    #[error(
        "the management API at {url} refused {user:?} ({status}): check --api-user and --api-password; operator commands need an account tagged administrator"
    )]
    Refused {
        /// The API base URL.
        url: String,
        /// The operator's user name.
        user: String,
        /// The HTTP status.
        status: u16,
    },
    /// What is to be created is there already ("user bob already exists").
    #[error("{0} already exists")]
    AlreadyExists(String),
    /// What is to be changed is not there ("no such user bob").
    #[error("no such {0}")]
    NotFound(String),
    /// The account belongs to an operator (tagged administrator, or the one logged in):
    /// the chat commands leave it alone.
    #[error(
        "{0} is an operator's account (tagged administrator, or the one these commands log in as); chat-tui leaves it alone"
    )]
    OperatorAccount(String),
    /// The virtual host is missing something `chat-tui admin setup` creates.
    #[error("{0}; run `chat-tui admin setup` first")]
    NotSetUp(String),
    /// Anything else, in the broker's (or the system's) words.
    #[error("{0}")]
    Other(String),
}

impl OperatorError {
    /// The exit code: 4 unreachable, 5 refused, 6 already exists or not found, 2 for an
    /// operator's account (a name these commands do not take), 1 for the rest.
    pub fn exit_code(&self) -> u8 {
        match self {
            OperatorError::Unreachable { .. } => 4,
            OperatorError::Refused { .. } => 5,
            OperatorError::AlreadyExists(_) | OperatorError::NotFound(_) => 6,
            OperatorError::OperatorAccount(_) => 2,
            OperatorError::NotSetUp(_) | OperatorError::Other(_) => 1,
        }
    }

    /// Words a classified management API failure; `what` names the request for the 404
    /// case ("the virtual host chat", "exchange chat.direct").
    pub(crate) fn from_api(failure: ApiFailure, url: &str, user: &str, what: &str) -> Self {
        match failure {
            ApiFailure::Unreachable(reason) => OperatorError::Unreachable {
                url: url.to_owned(),
                reason,
            },
            ApiFailure::Refused(status) => OperatorError::Refused {
                url: url.to_owned(),
                user: user.to_owned(),
                status,
            },
            ApiFailure::NotFound => {
                OperatorError::Other(format!("the management API at {url} found no {what}"))
            }
            ApiFailure::Other(message) => OperatorError::Other(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_exit_code_and_words() {
        let refused = OperatorError::from_api(ApiFailure::Refused(401), "http://r", "ops", "x");
        assert_eq!(refused.exit_code(), 5);
        assert!(refused.to_string().contains("--api-password"), "{refused}");
        let gone = OperatorError::from_api(
            ApiFailure::Unreachable("no answer".into()),
            "http://r",
            "ops",
            "x",
        );
        assert_eq!(gone.exit_code(), 4);
        assert!(gone.to_string().contains("http://r"), "{gone}");
        let missing = OperatorError::from_api(ApiFailure::NotFound, "http://r", "ops", "vhost v");
        assert_eq!(missing.exit_code(), 1);
        assert!(missing.to_string().contains("vhost v"), "{missing}");
        let exists = OperatorError::AlreadyExists("user bob".into());
        assert_eq!(
            (exists.exit_code(), exists.to_string()),
            (6, "user bob already exists".into())
        );
        let none = OperatorError::NotFound("user bob".into());
        assert_eq!(
            (none.exit_code(), none.to_string()),
            (6, "no such user bob".into())
        );
        assert_eq!(
            OperatorError::OperatorAccount("guest".into()).exit_code(),
            2
        );
        assert_eq!(OperatorError::NotSetUp("x".into()).exit_code(), 1);
    }
}
