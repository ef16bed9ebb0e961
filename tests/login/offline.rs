//! What needs no broker: `--help`, refusals before connecting, the modes of the files a
//! start leaves (against an address where nothing listens).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::client::TestHome;
use crate::common::unique_user;

/// An address where no broker listens: the client exits 4 after setting up its files.
const NOWHERE: &str = "amqp://127.0.0.1:1/%2f";

/// `chat-tui <args>` with the home's directories and none of the developer's settings.
fn chat_tui(home: &TestHome, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chat-tui"));
    command.args(args);
    for (key, _) in std::env::vars() {
        if key.starts_with("CHAT_TUI_") {
            command.env_remove(key);
        }
    }
    command
        .env("CHAT_TUI_DATA_DIR", home.data())
        .env("CHAT_TUI_LOG_DIR", home.logs())
        .env("CHAT_TUI_CONFIG", home.config())
        .stdin(Stdio::null());
    command
}

fn run(command: &mut Command) -> (Output, String) {
    let output = command.output().expect("the chat-tui binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stderr)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn help_never_prints_the_values_of_secret_variables() {
    let home = TestHome::new();
    let secrets = [
        ("CHAT_TUI_PASSWORD", "env-password-1x"),
        (
            "CHAT_TUI_AMQP_URL",
            "amqp://alice:url-password-2x@rabbit/%2f",
        ),
        ("CHAT_TUI_API_PASSWORD", "api-password-3x"),
        ("CHAT_TUI_PASSWORD_FILE", "/run/file-name-4x"),
    ];
    for mode_args in [["user", "--help"], ["admin", "--help"]] {
        let mut command = chat_tui(&home, &mode_args);
        for (key, value) in secrets {
            command.env(key, value);
        }
        let (output, stderr) = run(&mut command);
        assert!(output.status.success(), "{stderr}");
        let help = String::from_utf8_lossy(&output.stdout);
        for secret in ["password-1x", "password-2x", "password-3x"] {
            assert!(
                !help.contains(secret),
                "{mode_args:?} shows {secret}:\n{help}"
            );
        }
        assert!(help.contains("CHAT_TUI_AMQP_URL"), "{help}");
    }
    let (output, _) = run(&mut chat_tui(&home, &["user", "--help"]));
    let help = String::from_utf8_lossy(&output.stdout);
    for documented in [
        "Logging in",
        "CHAT_TUI_PASSWORD",
        "--password-file",
        "--account",
        "guest",
    ] {
        assert!(help.contains(documented), "{documented} missing:\n{help}");
    }
}

#[test]
fn an_account_without_a_password_in_line_mode_exits_2_before_anything_is_made() {
    let home = TestHome::new();
    let name = unique_user("alice");
    let (output, stderr) = run(chat_tui(
        &home,
        &["user", "--name", name.as_str(), "--plain", "--account"],
    )
    .env("CHAT_TUI_AMQP_URL", NOWHERE));
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "no password for {name}: set CHAT_TUI_PASSWORD or use --password-file"
        )),
        "{stderr}"
    );
    assert!(
        !home.data().exists() && !home.logs().exists(),
        "nothing was created"
    );
}

#[test]
fn password_files_and_config_files_others_can_read_are_refused() {
    let home = TestHome::new();
    let name = unique_user("alice");
    let dir = home.data().parent().unwrap().to_path_buf();
    let password_file = dir.join("password");
    std::fs::write(&password_file, "s3cret-pw\n").unwrap();
    set_mode(&password_file, 0o644);
    let file_arg = password_file.to_str().unwrap();
    let (output, stderr) = run(chat_tui(
        &home,
        &[
            "user",
            "--name",
            name.as_str(),
            "--plain",
            "--password-file",
            file_arg,
        ],
    )
    .env("CHAT_TUI_AMQP_URL", NOWHERE));
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("chmod 600 {file_arg}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("mode 0644") && !stderr.contains("s3cret"),
        "{stderr}"
    );

    let config = home.config();
    std::fs::write(&config, "password = \"s3cret-pw\"\n").unwrap();
    set_mode(&config, 0o640);
    let (output, stderr) = run(
        chat_tui(&home, &["user", "--name", name.as_str(), "--plain"])
            .env("CHAT_TUI_AMQP_URL", NOWHERE),
    );
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let shown = config.display().to_string();
    assert!(
        stderr.contains(&format!("config file {shown}"))
            && stderr.contains("mode 0640")
            && stderr.contains(&format!("chmod 600 {shown}")),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
    assert!(
        !home.data().exists() && !home.logs().exists(),
        "nothing was created"
    );
}

#[test]
fn a_password_in_amqp_url_on_the_command_line_works_with_a_warning() {
    let home = TestHome::new();
    let name = unique_user("alice");
    let url = "amqp://alice:s3cret-pw@127.0.0.1:1/%2f";
    let (output, stderr) = run(&mut chat_tui(
        &home,
        &[
            "user",
            "--name",
            name.as_str(),
            "--plain",
            "--amqp-url",
            url,
        ],
    ));
    // It was used (the address was tried), and the person was told.
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("cannot reach RabbitMQ at amqp://alice:***@127.0.0.1:1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the password in --amqp-url is visible to every user of this machine"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
    // The same URL in the environment is not shown to others: no warning.
    let (output, stderr) = run(
        chat_tui(&home, &["user", "--name", name.as_str(), "--plain"])
            .env("CHAT_TUI_AMQP_URL", url),
    );
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(!stderr.contains("visible to every user"), "{stderr}");
}

#[test]
fn log_and_history_files_are_private_and_old_ones_are_tightened() {
    let home = TestHome::new();
    let name = unique_user("alice");
    // What an older chat-tui left: directories 0755, files 0644.
    let user_dir = home.history(name.as_str()).parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&user_dir).unwrap();
    std::fs::create_dir_all(home.logs()).unwrap();
    let log = home.logs().join(format!("user-{name}.log"));
    std::fs::write(&log, "an old line\n").unwrap();
    for dir in [&user_dir, &home.logs()] {
        set_mode(dir, 0o755);
    }
    set_mode(&log, 0o644);
    let (output, stderr) = run(
        chat_tui(&home, &["user", "--name", name.as_str(), "--plain"])
            .env("CHAT_TUI_AMQP_URL", NOWHERE),
    );
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    let history = home.history(name.as_str());
    let mut lock = history.as_os_str().to_owned();
    lock.push(".lock");
    assert_eq!(mode(&home.logs()), 0o700);
    assert_eq!(mode(&log), 0o600);
    assert_eq!(mode(&user_dir), 0o700);
    assert_eq!(mode(&history), 0o600);
    assert_eq!(mode(Path::new(&lock)), 0o600);
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .starts_with("an old line\n")
    );

    // A fresh start makes them private from the first moment.
    let fresh = TestHome::new();
    let (output, stderr) = run(
        chat_tui(&fresh, &["user", "--name", name.as_str(), "--plain"])
            .env("CHAT_TUI_AMQP_URL", NOWHERE),
    );
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    let history = fresh.history(name.as_str());
    assert_eq!(mode(&fresh.logs()), 0o700);
    assert_eq!(mode(&fresh.logs().join(format!("user-{name}.log"))), 0o600);
    assert_eq!(mode(history.parent().unwrap()), 0o700);
    assert_eq!(mode(&history), 0o600);
}
