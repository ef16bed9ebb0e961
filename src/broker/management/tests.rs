//! Unit tests of the management client (no I/O: building a client sends nothing).

use super::*;

fn target(url: &str) -> ApiTarget {
    ApiTarget {
        url: url.into(),
        user: "ops".into(),
        password: "s3cret".into(),
        vhost: "chat".into(),
        tls: Default::default(),
    }
}

#[test]
fn a_client_is_built_for_an_http_url() {
    let client = ManagementApi::new(&target("http://rabbit:15672/")).expect("valid");
    assert_eq!(client.url(), "http://rabbit:15672", "trailing / ignored");
    assert_eq!((client.user(), client.vhost()), ("ops", "chat"));
    assert!(ManagementApi::new(&target("https://[::1]:15671")).is_ok());
    assert!(!format!("{client:?}").contains("s3cret"));
}

#[test]
fn what_is_not_http_is_refused_before_anything_is_sent() {
    for bad in ["rabbit:15672", "HTTP://rabbit:15672", "ftp://rabbit", ""] {
        let err = ManagementApi::new(&target(bad)).expect_err(bad);
        assert_eq!(
            err.reason,
            "the API URL must start with http:// or https://"
        );
        assert!(matches!(
            BrokerError::from(err),
            BrokerError::Management { .. }
        ));
    }
    let err = ManagementApi::new(&target("ftp://u:s3cret@rabbit")).expect_err("ftp");
    assert!(!err.url.contains("s3cret"), "{err:?}");
}
