//! URLs with their password hidden, for messages, `Debug` output and logs.

use url::Url;

/// The URL with any password replaced by `***`, safe to show and log. The rest is kept
/// as written when the parser kept the user name and password as written (the usual
/// case); otherwise it is the parser's serialisation. A URL without a password, or text
/// that is no URL at all, is returned as it is.
pub fn redact_url(text: &str) -> String {
    let Ok(url) = Url::parse(text) else {
        return redact_unparsed(text);
    };
    let Some(password) = url.password() else {
        return text.to_owned();
    };
    let before = format!("{}://{}:", url.scheme(), url.username());
    if let (Some(prefix), Some(rest)) = (text.get(..before.len()), text.get(before.len()..))
        && prefix.eq_ignore_ascii_case(&before)
        && let Some(after) = rest.strip_prefix(password)
        && after.starts_with('@')
    {
        return format!("{prefix}***{after}");
    }
    let scheme = url.scheme().to_owned();
    let mut masked = url;
    match masked.set_password(Some("***")) {
        Ok(()) => masked.into(),
        // Not reached: a URL that has a password can have one.
        Err(()) => format!("{scheme}://***"),
    }
}

/// Text the URL parser refused (a bad port, say) may still hold a password, which
/// errors about it must not show: in `scheme://user:password@rest`, the password is what
/// follows the first `:` of what comes before the authority's last `@` (as the URL
/// standard reads the user info).
fn redact_unparsed(text: &str) -> String {
    let Some((scheme, rest)) = text.split_once("://") else {
        return text.to_owned();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    match authority.rsplit_once('@') {
        Some((userinfo, _)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[userinfo.len()..]),
            None => text.to_owned(),
        },
        None => text.to_owned(),
    }
}
