//! Unit tests of `address`.

use super::*;

fn target(url: &str, user: &str, password: &str, vhost: &str) -> ApiTarget {
    ApiTarget {
        url: url.into(),
        user: user.into(),
        password: password.into(),
        vhost: vhost.into(),
        tls: Default::default(),
    }
}

fn api_url_for(url: &str) -> Result<ApiTarget, AddressError> {
    BrokerAddress::parse(url).map(|address| address.api_target().clone())
}

fn label(url: &str) -> String {
    BrokerAddress::parse(url).expect("valid").label().to_owned()
}

#[test]
fn derives_the_api_from_the_amqp_url() {
    assert_eq!(
        api_url_for("amqp://guest:guest@127.0.0.1:5672/%2f").unwrap(),
        target("http://127.0.0.1:15672", "guest", "guest", "/")
    );
    assert_eq!(
        api_url_for("amqp://rabbit.example").unwrap(),
        target("http://rabbit.example:15672", "guest", "guest", "/")
    );
    assert_eq!(
        api_url_for("amqps://al%40ice:p%3Ass@[::1]:5671/chat?heartbeat=10").unwrap(),
        target("https://[::1]:15671", "al@ice", "p:ss", "chat")
    );
    assert_eq!(
        api_url_for("amqp://bob@host/").unwrap(),
        target("http://host:15672", "bob", "", "/")
    );
}

#[test]
fn the_api_keeps_the_host_as_written_and_the_whole_vhost() {
    assert_eq!(
        api_url_for("AMQP://Rabbit.LAN/team%2Fa/b").unwrap(),
        target("http://Rabbit.LAN:15672", "guest", "guest", "team/a/b")
    );
    assert_eq!(
        api_url_for("amqp:///%2f").unwrap(),
        target("http://localhost:15672", "guest", "guest", "/"),
        "no host is localhost"
    );
    assert_eq!(
        api_url_for("amqp://:secret@host").unwrap(),
        target("http://host:15672", "", "secret", "/")
    );
}

#[test]
fn refuses_what_is_not_an_amqp_url() {
    for bad in [
        "localhost:5672",
        "http://host",
        "amqp://u:%zz@host",
        "not a url",
        "amqp:/host",
        "amqp://%zz@host",
        "amqp://host/%zz",
        "amqp://host/%ff",
        "amqp://[::1",
    ] {
        let err = BrokerAddress::parse(bad).unwrap_err();
        assert!(
            matches!(err, AddressError::Underivable { .. }),
            "{bad}: {err:?}"
        );
        assert!(
            err.to_string().contains("cannot derive the management URL"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn what_lapin_cannot_parse_is_malformed() {
    for bad in ["amqp://host:abc", "amqp://ho st/", "amqp://:5672/x"] {
        let err = BrokerAddress::parse(bad).unwrap_err();
        assert!(
            matches!(err, AddressError::Malformed { .. }),
            "{bad}: {err:?}"
        );
        assert!(
            bad.parse::<lapin::uri::AMQPUri>().is_err(),
            "{bad} is refused by lapin too"
        );
    }
}

#[test]
fn errors_hide_the_password() {
    let err = BrokerAddress::parse("amqp://u:s3cret@host:abc").unwrap_err();
    assert!(!format!("{err:?}").contains("s3cret"), "{err:?}");
    let err = BrokerAddress::parse("http://u:s3cret@host").unwrap_err();
    assert_eq!(err.url(), "http://u:***@host");
}

#[test]
fn broker_labels_are_host_and_port() {
    assert_eq!(
        label("amqp://guest:guest@127.0.0.1:5672/%2f"),
        "127.0.0.1:5672"
    );
    assert_eq!(label("amqp://h"), "h");
    assert_eq!(label("amqps://[::1]:5671/chat?heartbeat=10"), "[::1]:5671");
    assert_eq!(label("amqp://Rabbit:5672"), "Rabbit:5672");
    assert_eq!(label("amqp://h?heartbeat=10"), "h");
}

#[test]
fn lapin_gets_the_url_as_given() {
    let text = "amqp://guest:guest@127.0.0.1:5672/%2f?heartbeat=10";
    assert_eq!(BrokerAddress::parse(text).unwrap().as_str(), text);
}

#[test]
fn hides_passwords_only() {
    assert_eq!(
        redact_url("amqp://guest:s3cr%40t@host:5672/%2f"),
        "amqp://guest:***@host:5672/%2f"
    );
    assert_eq!(redact_url("amqp://host/%2f"), "amqp://host/%2f");
    assert_eq!(redact_url("amqp://bob@host"), "amqp://bob@host");
    assert_eq!(redact_url("not a url"), "not a url");
    assert_eq!(
        redact_url("http://u:p@[::1]:15672"),
        "http://u:***@[::1]:15672"
    );
}

#[test]
fn hides_passwords_the_parser_rewrote() {
    assert_eq!(redact_url("AMQP://U:P@Host:1/V"), "AMQP://U:***@Host:1/V");
    assert_eq!(
        redact_url("amqp://user:p@ss@host/"),
        "amqp://user:***@host/",
        "an @ in the password"
    );
    let redacted = redact_url("amqp://al ice:pass word@h/v");
    assert!(!redacted.contains("pass"), "{redacted}");
    assert!(redacted.contains("***@h"), "{redacted}");
    let address = BrokerAddress::parse("amqp://guest:s3cret@127.0.0.1:1/%2f").unwrap();
    assert_eq!(address.redacted(), "amqp://guest:***@127.0.0.1:1/%2f");
    assert!(!format!("{address:?}").contains("s3cret"));
    assert!(!format!("{:?}", address.api_target()).contains("s3cret"));
}

#[test]
fn an_address_beside_the_api_is_percent_encoded() {
    let beside = |url: &str, user: &str, password: &str, vhost: &str| {
        BrokerAddress::beside(&target(url, user, password, vhost)).map(|a| a.as_str().to_owned())
    };
    assert_eq!(
        beside("http://127.0.0.1:15672", "guest", "guest", "/").unwrap(),
        "amqp://guest:guest@127.0.0.1:5672/%2F"
    );
    assert_eq!(
        beside("https://[::1]:443", "ops", "p@ss word", "/").unwrap(),
        "amqp://ops:p%40ss%20word@[::1]:5672/%2F"
    );
    assert_eq!(
        beside("http://u:p@rabbit:15672/x", "é", "a:b/c", "chat").unwrap(),
        "amqp://%C3%A9:a%3Ab%2Fc@rabbit:5672/chat"
    );
    let address = BrokerAddress::beside(&target("http://h:1", "ops", "a/b?c", "v/h")).unwrap();
    assert_eq!(
        address.api_target(),
        &target("http://h:15672", "ops", "a/b?c", "v/h"),
        "the credentials and vhost read back as they were"
    );
    for bad in ["rabbit:15672", "ftp://host", "http://", "host"] {
        let err = beside(bad, "guest", "guest", "/").unwrap_err();
        assert!(
            matches!(err, AddressError::NotAnApiUrl { .. }),
            "{bad}: {err:?}"
        );
        assert!(err.to_string().contains("http(s)://"), "{bad}: {err}");
    }
}

#[test]
fn vhosts_are_percent_encoded_as_one_segment() {
    assert_eq!(encode_segment("/"), "%2F");
    assert_eq!(encode_segment("chat prod"), "chat%20prod");
    assert_eq!(encode_segment("a-b_c.d~e"), "a-b_c.d~e");
    assert_eq!(encode_segment("é"), "%C3%A9");
}

#[test]
fn escapes_decode_strictly() {
    assert_eq!(escape::decode("a%2Fb%2f").as_deref(), Some("a/b/"));
    assert_eq!(escape::decode("%C3%A9").as_deref(), Some("é"));
    for bad in ["%", "%2", "%zz", "a%g1", "%ff", "%é1"] {
        assert_eq!(escape::decode(bad), None, "{bad}");
    }
}

#[test]
fn hides_passwords_in_what_does_not_parse() {
    assert_eq!(
        redact_url("amqp://u:s3cret@host:abc/%2f"),
        "amqp://u:***@host:abc/%2f"
    );
    assert_eq!(redact_url("amqp://u:p@ss@ho st"), "amqp://u:***@ho st");
    assert_eq!(redact_url("amqp://u@host:abc"), "amqp://u@host:abc");
}

#[test]
fn a_real_password_is_not_sent_over_plain_http_to_another_machine() {
    let target = |url: &str, user: &str| ApiTarget {
        url: url.into(),
        user: user.into(),
        password: "pw".into(),
        vhost: "/".into(),
        tls: Default::default(),
    };
    assert!(target("http://chat.example:15672", "alice").exposes_password());
    for (url, user) in [
        ("https://chat.example:15671", "alice"),
        ("http://127.0.0.1:15672", "alice"),
        ("http://localhost:15672", "alice"),
        ("http://[::1]:15672", "alice"),
        ("http://chat.example:15672", "guest"),
    ] {
        assert!(!target(url, user).exposes_password(), "{url} as {user}");
    }
}
