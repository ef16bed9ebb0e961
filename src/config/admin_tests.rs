//! Unit tests of the admin settings.

use super::*;

fn resolve(overrides: AdminOverrides, file: &str) -> Result<AdminSettings, String> {
    AdminSettings::resolve(overrides, FileConfig::parse(file)?)
}

#[test]
fn defaults_point_at_the_local_broker() {
    let s = resolve(AdminOverrides::default(), "").expect("defaults are valid");
    assert_eq!(s.api.url, DEFAULT_API_URL);
    assert_eq!(
        (s.api.user.as_str(), s.api.password.as_str()),
        ("guest", "guest")
    );
    assert_eq!(s.api.vhost, "/");
    assert_eq!(s.amqp.as_str(), "amqp://guest:guest@127.0.0.1:5672/%2F");
    assert_eq!(s.refresh, DEFAULT_REFRESH);
}

#[test]
fn flags_beat_the_file_and_feed_the_derived_amqp_url() {
    let file = "api_url = \"http://file:15672\"\napi_user = \"ops\"\nvhost = \"chat\"\nrefresh_secs = 2.5\n";
    let s = resolve(AdminOverrides::default(), file).expect("valid");
    assert_eq!(s.api.url, "http://file:15672");
    assert_eq!(s.refresh, Duration::from_millis(2500));
    assert_eq!(s.amqp.as_str(), "amqp://ops:guest@file:5672/chat");
    let flags = AdminOverrides {
        api_url: Some("https://[::1]:443/".into()),
        api_password: Some("p@ss word".into()),
        vhost: Some("/".into()),
        refresh: Some(Duration::from_millis(300)),
        ..AdminOverrides::default()
    };
    let s = resolve(flags, file).expect("valid");
    assert_eq!(s.api.url, "https://[::1]:443");
    assert_eq!(s.amqp.as_str(), "amqp://ops:p%40ss%20word@[::1]:5672/%2F");
    assert_eq!(s.refresh, Duration::from_millis(300));
}

#[test]
fn an_amqp_url_supplies_the_api_defaults() {
    let flags = AdminOverrides {
        amqp_url: Some("amqp://bob:secret@rabbit.lan:5672/team".into()),
        ..AdminOverrides::default()
    };
    let s = resolve(flags, "").expect("valid");
    assert_eq!(s.api.url, "http://rabbit.lan:15672");
    assert_eq!(
        (s.api.user.as_str(), s.api.password.as_str()),
        ("bob", "secret")
    );
    assert_eq!(s.api.vhost, "team");
    assert_eq!(s.amqp.as_str(), "amqp://bob:secret@rabbit.lan:5672/team");
}

#[test]
fn unusable_values_are_refused_with_a_reason() {
    let bad_url = AdminOverrides {
        api_url: Some("rabbit:15672".into()),
        ..AdminOverrides::default()
    };
    assert!(
        resolve(bad_url, "")
            .expect_err("no scheme")
            .contains("http(s)://")
    );
    let empty_vhost = AdminOverrides {
        vhost: Some(String::new()),
        ..AdminOverrides::default()
    };
    assert!(
        resolve(empty_vhost, "")
            .expect_err("empty")
            .contains("virtual host")
    );
    assert!(resolve(AdminOverrides::default(), "refresh_secs = 0.01").is_err());
}

#[test]
fn refresh_intervals_parse_with_or_without_units() {
    assert_eq!(parse_refresh("1"), Ok(Duration::from_secs(1)));
    assert_eq!(parse_refresh("0.5"), Ok(Duration::from_millis(500)));
    assert_eq!(parse_refresh("250ms"), Ok(Duration::from_millis(250)));
    assert_eq!(parse_refresh("2s"), Ok(Duration::from_secs(2)));
    for bad in ["", "fast", "-1", "0", "100ms", "NaN", "inf", "7200"] {
        assert!(parse_refresh(bad).is_err(), "{bad:?} must be refused");
    }
}

#[test]
fn unusable_urls_are_refused_before_anything_runs() {
    let bad_amqp = AdminOverrides {
        amqp_url: Some("amqp://u:%zz@rabbit".into()),
        ..AdminOverrides::default()
    };
    let err = resolve(bad_amqp, "").expect_err("bad escape");
    assert_eq!(
        err,
        "the RabbitMQ management API at amqp://u:***@rabbit failed: cannot derive the \
         management URL: bad password escape"
    );
    for api_url in ["http://", "ftp://rabbit", "rabbit"] {
        let with_amqp = AdminOverrides {
            amqp_url: Some("amqp://rabbit".into()),
            api_url: Some(api_url.into()),
            ..AdminOverrides::default()
        };
        let err = resolve(with_amqp, "").expect_err(api_url);
        assert!(err.contains("http(s)://"), "{api_url}: {err}");
    }
}

#[test]
fn a_ca_file_is_read_and_trusted_by_the_api_and_amqp() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ca.pem");
    let key = rcgen::KeyPair::generate().unwrap();
    let ca = rcgen::CertificateParams::new(vec!["ca.example".to_owned()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    std::fs::write(&path, ca.pem()).unwrap();
    for amqp_url in [None, Some("amqps://rabbit.lan:5671/%2f")] {
        let flags = AdminOverrides {
            ca_file: Some(path.clone()),
            amqp_url: amqp_url.map(str::to_owned),
            ..AdminOverrides::default()
        };
        let s = resolve(flags, "").expect("valid");
        assert_eq!(s.api.tls.ca_file(), Some(path.as_path()), "{amqp_url:?}");
        assert_eq!(s.amqp.tls(), &s.api.tls, "{amqp_url:?}");
    }
    let from_file = resolve(
        AdminOverrides::default(),
        &format!("ca_file = \"{}\"\n", path.display()),
    )
    .expect("valid");
    assert_eq!(from_file.api.tls.ca_file(), Some(path.as_path()));
    let none = resolve(AdminOverrides::default(), "").expect("valid");
    assert_eq!(none.api.tls, TlsTrust::system());

    let absent = dir.path().join("absent.pem");
    let missing = AdminOverrides {
        ca_file: Some(absent.clone()),
        ..AdminOverrides::default()
    };
    let error = resolve(missing, "").unwrap_err();
    assert!(
        error.starts_with(&format!("cannot read the CA file {}", absent.display())),
        "{error}"
    );
}
