//! Unit tests of `management`.

use super::*;

fn target(url: &str, user: &str, password: &str, vhost: &str) -> ApiTarget {
    ApiTarget {
        url: url.into(),
        user: user.into(),
        password: password.into(),
        vhost: vhost.into(),
    }
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
fn refuses_what_is_not_an_amqp_url() {
    for bad in ["localhost:5672", "http://host", "amqp://u:%zz@host"] {
        let err = api_url_for(bad).unwrap_err().to_string();
        assert!(
            err.contains("cannot derive the management URL"),
            "{bad}: {err}"
        );
    }
}
