//! The login part of an AMQP URL: reading the user name and password in it, and writing
//! the resolved ones into it (percent-encoded), which is how lapin is told whom to log in
//! as.

use url::Url;

use super::escape::{decode, encode_segment};
use super::{AddressError, redact_url};

/// The user name and password written in an AMQP URL, decoded.
#[derive(Clone, PartialEq, Eq)]
pub struct UrlLogin {
    /// The user name; empty when the URL names none.
    pub user: String,
    /// The password, when the URL has one.
    pub password: Option<String>,
}

impl std::fmt::Debug for UrlLogin {
    /// The user name, and whether there is a password (never the password).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UrlLogin")
            .field("user", &self.user)
            .field("has_password", &self.password.is_some())
            .finish()
    }
}

/// Reads the user name and password of the AMQP URL `text`.
pub fn url_login(text: &str) -> Result<UrlLogin, AddressError> {
    let url = parse(text)?;
    let bad = |reason: &str| AddressError::Underivable {
        url: redact_url(text),
        reason: reason.to_owned(),
    };
    Ok(UrlLogin {
        user: decode(url.username()).ok_or_else(|| bad("bad user name escape"))?,
        password: match url.password() {
            Some(password) => Some(decode(password).ok_or_else(|| bad("bad password escape"))?),
            None => None,
        },
    })
}

/// The AMQP URL `text` with `user` and `password` as its login (replacing any it had),
/// everything else kept as written.
pub fn with_login(text: &str, user: &str, password: &str) -> Result<String, AddressError> {
    let mut url = parse(text)?;
    let refused = || AddressError::Underivable {
        url: redact_url(text),
        reason: "the URL cannot hold a user name and password".to_owned(),
    };
    // `Url` escapes what its user info may not hold, but not `%`: escaped first, every
    // character comes back as it was when lapin (or `BrokerAddress`) decodes it.
    url.set_username(&encode_segment(user))
        .map_err(|()| refused())?;
    url.set_password(Some(&encode_segment(password)))
        .map_err(|()| refused())?;
    Ok(url.into())
}

fn parse(text: &str) -> Result<Url, AddressError> {
    let url = Url::parse(text).map_err(|error| AddressError::Malformed {
        url: redact_url(text),
        reason: error.to_string(),
    })?;
    if !url.has_authority() || !matches!(url.scheme(), "amqp" | "amqps") {
        return Err(AddressError::Underivable {
            url: redact_url(text),
            reason: "not an amqp:// or amqps:// URL".to_owned(),
        });
    }
    Ok(url)
}
