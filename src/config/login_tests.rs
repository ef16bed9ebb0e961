//! Unit tests of the login rules.

use super::*;

fn alice() -> UserName {
    UserName::parse("alice").unwrap()
}

/// Inputs with nothing set but the URL and the name.
fn inputs<'a>(url: &'a str, name: &'a UserName) -> LoginInputs<'a> {
    LoginInputs {
        amqp_url: url,
        url_source: UrlSource::Default,
        name,
        account: false,
        env_password: None,
        file_password: None,
        config_password: None,
    }
}

fn pw(text: &str) -> Option<Password> {
    Some(Password::new(text))
}

const PLAIN: &str = "amqp://127.0.0.1:5672/%2f";

#[test]
fn nothing_given_is_open_mode_as_guest() {
    let name = alice();
    let plan = resolve_login(&inputs(PLAIN, &name)).unwrap();
    assert_eq!(plan.user(), "guest");
    assert!(plan.is_guest() && plan.warning().is_none());
    assert_eq!(plan.password_source(), Some(PasswordSource::Guest));
    assert_eq!(
        plan.into_url().unwrap(),
        "amqp://guest:guest@127.0.0.1:5672/%2f"
    );
}

#[test]
fn a_password_from_any_source_logs_in_as_the_chat_name_first_source_first() {
    let name = alice();
    let all = LoginInputs {
        env_password: pw("from-env"),
        file_password: pw("from-file"),
        config_password: pw("from-config"),
        ..inputs(PLAIN, &name)
    };
    let plan = resolve_login(&all).unwrap();
    assert_eq!(plan.user(), "alice");
    assert_eq!(plan.password_source(), Some(PasswordSource::Environment));
    assert_eq!(
        plan.into_url().unwrap(),
        "amqp://alice:from-env@127.0.0.1:5672/%2f"
    );
    let file_and_config = LoginInputs {
        env_password: None,
        ..all.clone()
    };
    let plan = resolve_login(&file_and_config).unwrap();
    assert_eq!(plan.password_source(), Some(PasswordSource::File));
    let config_only = LoginInputs {
        file_password: None,
        ..file_and_config
    };
    let plan = resolve_login(&config_only).unwrap();
    assert_eq!(plan.password_source(), Some(PasswordSource::ConfigFile));
    assert_eq!(
        plan.into_url().unwrap(),
        "amqp://alice:from-config@127.0.0.1:5672/%2f"
    );
}

#[test]
fn account_without_a_password_asks_or_says_what_to_do() {
    let name = alice();
    let account = LoginInputs {
        account: true,
        ..inputs(PLAIN, &name)
    };
    let plan = resolve_login(&account).unwrap();
    assert_eq!(plan.user(), "alice");
    assert!(plan.needs_password());
    assert_eq!(
        plan.clone().into_url().unwrap_err().to_string(),
        "no password for alice: set CHAT_TUI_PASSWORD or use --password-file"
    );
    let typed = plan.with_prompted(Password::new("typed"));
    assert_eq!(typed.password_source(), Some(PasswordSource::Prompt));
    assert_eq!(
        typed.into_url().unwrap(),
        "amqp://alice:typed@127.0.0.1:5672/%2f"
    );
}

#[test]
fn a_user_in_the_url_is_the_login() {
    let name = alice();
    let with_password = LoginInputs {
        env_password: pw("ignored"),
        url_source: UrlSource::Environment,
        ..inputs("amqp://ops:url-pw@rabbit:5672/chat", &name)
    };
    let plan = resolve_login(&with_password).unwrap();
    assert_eq!(plan.user(), "ops");
    assert_eq!(plan.password_source(), Some(PasswordSource::Url));
    assert!(
        plan.warning().is_none(),
        "the environment is not shown to others"
    );
    assert_eq!(
        plan.into_url().unwrap(),
        "amqp://ops:url-pw@rabbit:5672/chat"
    );
    // Without a password in the URL, the sources give it; without any, it is asked.
    let user_only = LoginInputs {
        env_password: pw("env-pw"),
        ..inputs("amqp://ops@rabbit:5672/chat", &name)
    };
    let plan = resolve_login(&user_only).unwrap();
    assert_eq!(plan.user(), "ops");
    assert_eq!(
        plan.into_url().unwrap(),
        "amqp://ops:env-pw@rabbit:5672/chat"
    );
    let plan = resolve_login(&inputs("amqp://ops@rabbit", &name)).unwrap();
    assert!(plan.needs_password());
    assert_eq!(plan.user(), "ops");
}

#[test]
fn a_password_on_the_command_line_is_warned_about_but_works() {
    let name = alice();
    let flag = LoginInputs {
        url_source: UrlSource::CommandLine,
        ..inputs("amqp://alice:s3cret@rabbit/%2f", &name)
    };
    let plan = resolve_login(&flag).unwrap();
    let warning = plan.warning().unwrap();
    assert!(
        warning.contains("visible to every user of this machine"),
        "{warning}"
    );
    assert!(warning.contains("CHAT_TUI_PASSWORD") && warning.contains("--password-file"));
    assert!(!warning.contains("s3cret"), "{warning}");
    assert_eq!(plan.into_url().unwrap(), "amqp://alice:s3cret@rabbit/%2f");
    // The shared guest account's well-known password is no secret.
    let guest = LoginInputs {
        url_source: UrlSource::CommandLine,
        ..inputs("amqp://guest:guest@127.0.0.1:5672/%2f", &name)
    };
    assert!(resolve_login(&guest).unwrap().warning().is_none());
}

#[test]
fn passwords_with_url_characters_survive_the_url() {
    let name = alice();
    let odd = LoginInputs {
        env_password: pw("p@ss:w/rd%41 é#?"),
        ..inputs(PLAIN, &name)
    };
    let url = resolve_login(&odd).unwrap().into_url().unwrap();
    let back = crate::broker::url_login(&url).unwrap();
    assert_eq!(back.user, "alice");
    assert_eq!(back.password.as_deref(), Some("p@ss:w/rd%41 é#?"));
    let lapin: lapin::uri::AMQPUri = url.parse().unwrap();
    assert_eq!(lapin.authority.userinfo.password, "p@ss:w/rd%41 é#?");
    assert_eq!(lapin.vhost, "/");
}

#[test]
fn debug_never_shows_the_password() {
    let name = alice();
    let plan = resolve_login(&LoginInputs {
        env_password: pw("hunter2"),
        ..inputs(PLAIN, &name)
    })
    .unwrap();
    assert!(!format!("{plan:?}").contains("hunter2"), "{plan:?}");
    assert_eq!(format!("{}", Password::new("hunter2")), "***");
    assert_eq!(format!("{:?}", Password::new("hunter2")), "Password(***)");
}

#[test]
fn an_unusable_url_is_refused() {
    let name = alice();
    for url in ["http://rabbit", "rabbit:5672", "amqp://u:%zz@rabbit"] {
        assert!(
            resolve_login(&inputs(url, &name)).is_err(),
            "{url} must be refused"
        );
    }
}
