//! Unit tests of `config`.

use super::*;

/// The documented default configuration file, shipped in `assets/`.
const DEFAULT_CONFIG_TOML: &str = include_str!("../../assets/config.toml");

#[test]
fn defaults_apply_when_nothing_is_set() {
    let s = UserSettings::resolve(Overrides::default(), FileConfig::default());
    assert_eq!(s.amqp_url, DEFAULT_AMQP_URL);
    assert_eq!(s.roster_interval, Some(DEFAULT_ROSTER_INTERVAL));
    assert_eq!(s.paste_max_lines, 10);
}

#[test]
fn the_file_sets_how_long_a_paste_goes_in_without_asking() {
    let file = FileConfig::parse("paste_max_lines = 50\n").unwrap();
    let s = UserSettings::resolve(Overrides::default(), file);
    assert_eq!(s.paste_max_lines, 50);
    assert!(FileConfig::parse("paste_max_lines = -1\n").is_err());
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
            tls: Default::default(),
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
            tls: Default::default(),
        },
        "the virtual host is the broker's"
    );
}

#[cfg(unix)]
fn write_with_mode(path: &std::path::Path, text: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_config_file_with_a_password_must_be_its_owners_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    for secret in [
        "password = \"hunter2\"\n",
        "api_password = \"ops-pw\"\n",
        "amqp_url = \"amqp://alice:pw@rabbit/%2f\"\n",
    ] {
        for loose in [0o644, 0o640, 0o604, 0o660] {
            write_with_mode(&path, secret, loose);
            let err = FileConfig::load(&path).unwrap_err().to_string();
            let shown = path.display().to_string();
            assert!(err.contains(&shown), "{err}");
            assert!(err.contains(&format!("mode {loose:04o}")), "{err}");
            assert!(err.contains(&format!("chmod 600 {shown}")), "{err}");
            assert!(!err.contains("hunter2") && !err.contains("pw@"), "{err}");
        }
        write_with_mode(&path, secret, 0o600);
        assert!(FileConfig::load(&path).unwrap().holds_secret(), "{secret}");
    }
    // Nothing secret in it: the mode does not matter.
    for harmless in [
        "roster_interval_secs = 60\naccount = true\n",
        "amqp_url = \"amqp://guest:guest@127.0.0.1:5672/%2f\"\n",
        "amqp_url = \"amqp://alice@rabbit/%2f\"\n",
    ] {
        write_with_mode(&path, harmless, 0o644);
        let file = FileConfig::load(&path).unwrap();
        assert!(!file.holds_secret(), "{harmless}");
    }
}

#[test]
fn the_config_files_password_is_never_shown_by_debug() {
    let file = FileConfig::parse("password = \"hunter2\"\naccount = true\n").unwrap();
    assert_eq!(file.password, Some(Password::new("hunter2")));
    assert_eq!(file.account, Some(true));
    assert!(!format!("{file:?}").contains("hunter2"), "{file:?}");
    let settings = UserSettings {
        amqp_url: "amqp://alice:hunter2@rabbit/%2f".into(),
        api_password: Some("hunter3".into()),
        ..UserSettings::resolve(Overrides::default(), FileConfig::default())
    };
    let shown = format!("{settings:?}");
    assert!(
        !shown.contains("hunter2") && !shown.contains("hunter3"),
        "{shown}"
    );
}

#[test]
fn a_password_file_gives_its_first_line() {
    let first = |text: &str| password_from_file_text(text).map(|p| p.expose().to_owned());
    assert_eq!(first("s3cret\n").as_deref(), Some("s3cret"));
    assert_eq!(first("s3cret").as_deref(), Some("s3cret"));
    assert_eq!(first("s3cret\r\nsecond line\n").as_deref(), Some("s3cret"));
    assert_eq!(first(" spaced pass \n").as_deref(), Some(" spaced pass "));
    assert_eq!(first(""), None);
    assert_eq!(first("\nlater"), None);
}

#[cfg(unix)]
#[test]
fn a_password_file_others_can_read_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pw");
    write_with_mode(&path, "s3cret\n", 0o600);
    assert_eq!(read_password_file(&path).unwrap().expose(), "s3cret");
    write_with_mode(&path, "s3cret\n", 0o400);
    assert_eq!(read_password_file(&path).unwrap().expose(), "s3cret");
    write_with_mode(&path, "s3cret\n", 0o644);
    let err = read_password_file(&path).unwrap_err().to_string();
    assert!(
        err.contains("password file") && err.contains("mode 0644") && err.contains("chmod 600"),
        "{err}"
    );
    write_with_mode(&path, "\n", 0o600);
    assert!(
        read_password_file(&path)
            .unwrap_err()
            .to_string()
            .contains("empty")
    );
    let missing = read_password_file(&dir.path().join("missing")).unwrap_err();
    assert!(missing.to_string().contains("cannot read"), "{missing}");
}

#[test]
fn the_ca_file_flag_beats_the_file_and_the_api_trusts_what_the_address_trusts() {
    let file = FileConfig::parse("ca_file = \"/etc/file-ca.pem\"\n").unwrap();
    let from_file = UserSettings::resolve(Overrides::default(), file.clone());
    assert_eq!(
        from_file.ca_file.as_deref(),
        Some(Path::new("/etc/file-ca.pem"))
    );
    let flags = Overrides {
        ca_file: Some("/tmp/flag-ca.pem".into()),
        ..Overrides::default()
    };
    let from_flag = UserSettings::resolve(flags, file);
    assert_eq!(
        from_flag.ca_file.as_deref(),
        Some(Path::new("/tmp/flag-ca.pem"))
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ca.pem");
    let key = rcgen::KeyPair::generate().unwrap();
    let ca = rcgen::CertificateParams::new(Vec::<String>::new())
        .unwrap()
        .self_signed(&key)
        .unwrap();
    std::fs::write(&path, ca.pem()).unwrap();
    let tls = crate::broker::TlsTrust::from_ca_file(&path).unwrap();
    let address = BrokerAddress::parse("amqps://rabbit:5671/%2f")
        .unwrap()
        .with_tls(tls.clone());
    let target = from_file.api_target(&address);
    assert_eq!(target.url, "https://rabbit:15671");
    assert_eq!(target.tls, tls);
}

#[test]
fn the_typing_indicator_is_on_unless_the_file_turns_it_off() {
    let on = UserSettings::resolve(Overrides::default(), FileConfig::default());
    assert!(on.typing);
    let file = FileConfig::parse("typing = false\n").unwrap();
    assert!(!UserSettings::resolve(Overrides::default(), file).typing);
    assert!(FileConfig::parse("typing = \"yes\"\n").is_err());
}
