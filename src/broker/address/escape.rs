//! Percent-encoding of URL parts (`percent-encoding`), strict where the URL parser is
//! lenient: it keeps a malformed escape such as `%zz` as written.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters (ASCII letters, digits and `-._~`).
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one URL part (a user name, password, virtual host or object name):
/// every byte but ASCII letters, digits and `-._~` becomes `%XX`, so `/` is `%2F`.
pub(crate) fn encode_segment(segment: &str) -> String {
    utf8_percent_encode(segment, NOT_UNRESERVED).to_string()
}

/// Decodes the escapes of one URL part; `None` when an escape is not `%` and two hex
/// digits or the result is not UTF-8.
pub(super) fn decode(text: &str) -> Option<String> {
    let well_formed = text.split('%').skip(1).all(|escaped| {
        escaped
            .get(..2)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    if !well_formed {
        return None;
    }
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}
