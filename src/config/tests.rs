//! Unit tests of `config`.

use super::*;

/// The documented default configuration file, shipped in `assets/`.
const DEFAULT_CONFIG_TOML: &str = include_str!("../../assets/config.toml");

#[test]
fn defaults_apply_when_nothing_is_set() {
    let s = UserSettings::resolve(Overrides::default(), FileConfig::default());
    assert_eq!(s.amqp_url, DEFAULT_AMQP_URL);
    assert_eq!(s.roster_interval, Some(DEFAULT_ROSTER_INTERVAL));
}

#[test]
fn flags_beat_the_file_which_beats_defaults() {
    let file =
        FileConfig::parse("amqp_url = \"amqp://file\"\nroster_interval_secs = 60\n").unwrap();
    let s = UserSettings::resolve(Overrides::default(), file.clone());
    assert_eq!(s.amqp_url, "amqp://file");
    assert_eq!(s.roster_interval, Some(Duration::from_secs(60)));
    let flags = Overrides {
        amqp_url: Some("amqp://flag".into()),
        roster_interval_secs: Some(0),
        ..Overrides::default()
    };
    let s = UserSettings::resolve(flags, file);
    assert_eq!(s.amqp_url, "amqp://flag");
    assert_eq!(s.roster_interval, None, "0 turns the roster off");
}

#[test]
fn the_shipped_default_file_parses() {
    let file = FileConfig::parse(DEFAULT_CONFIG_TOML).unwrap();
    let s = UserSettings::resolve(Overrides::default(), file);
    assert_eq!(s.amqp_url, DEFAULT_AMQP_URL);
}

#[test]
fn bad_files_are_reported_with_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "amqp_urll = 1").unwrap();
    let err = FileConfig::load(&path).unwrap_err().to_string();
    assert!(err.contains("config.toml"), "{err}");
    assert_eq!(
        FileConfig::load(&dir.path().join("missing.toml")).unwrap(),
        FileConfig::default()
    );
}

#[test]
fn user_mode_asks_the_api_of_its_broker_unless_told_otherwise() {
    let address = BrokerAddress::parse("amqp://bob:pw@rabbit:5672/team").unwrap();
    let derived = UserSettings::resolve(Overrides::default(), FileConfig::default());
    assert_eq!(
        derived.api_target(&address),
        ApiTarget {
            url: "http://rabbit:15672".into(),
            user: "bob".into(),
            password: "pw".into(),
            vhost: "team".into(),
        }
    );
    let told = UserSettings::resolve(
        Overrides {
            api_url: Some("https://ops.lan".into()),
            api_user: Some("ops".into()),
            api_password: Some("secret".into()),
            ..Overrides::default()
        },
        FileConfig::default(),
    );
    assert_eq!(
        told.api_target(&address),
        ApiTarget {
            url: "https://ops.lan".into(),
            user: "ops".into(),
            password: "secret".into(),
            vhost: "team".into(),
        },
        "the virtual host is the broker's"
    );
}
