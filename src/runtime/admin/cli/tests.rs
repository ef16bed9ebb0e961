//! Unit tests of the command line's own checks (nothing is sent to a broker: a name or
//! password that is refused stops the command first).

use super::*;

fn target() -> ApiTarget {
    ApiTarget {
        // Nothing listens there; a command that got as far as asking would fail with 4.
        url: "http://127.0.0.1:1".into(),
        user: "ops".into(),
        password: "pw".into(),
        vhost: "/".into(),
        tls: Default::default(),
    }
}

async fn run_with_input(
    command: &AdminCommand,
    input: &str,
) -> (Result<(), CommandError>, String, String) {
    let mut input = input.as_bytes();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result = run(
        &target(),
        command,
        CommandIo {
            input: &mut input,
            out: &mut out,
            err: &mut err,
        },
    )
    .await;
    (
        result,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

fn add(name: &str, password_stdin: bool) -> AdminCommand {
    AdminCommand::User(UserCommand::Add(PasswordArgs {
        name: name.into(),
        password_stdin,
    }))
}

#[tokio::test]
async fn an_invalid_name_is_refused_with_the_name_rules() {
    let (result, out, _) = run_with_input(&add("Bob!", false), "").await;
    let error = result.expect_err("refused");
    assert_eq!(error.exit_code(), 2);
    assert!(error.to_string().contains("invalid user name"), "{error}");
    assert!(out.is_empty());
    let topic = AdminCommand::Topic(TopicCommand::Add(crate::cli::NameArg {
        name: "-news".into(),
    }));
    let (result, _, _) = run_with_input(&topic, "").await;
    let error = result.expect_err("refused");
    assert_eq!(error.exit_code(), 2);
    assert!(error.to_string().contains("invalid topic name"), "{error}");
}

#[tokio::test]
async fn an_empty_password_line_is_refused_before_anything_is_sent() {
    for input in ["", "\n", "\r\n"] {
        let (result, _, _) = run_with_input(&add("bob", true), input).await;
        let error = result.expect_err("refused");
        assert_eq!(error.exit_code(), 2, "{input:?}: {error}");
        assert!(error.to_string().contains("empty"), "{error}");
    }
}

#[tokio::test]
async fn a_valid_command_goes_on_to_the_broker() {
    // The password line is read; then the (absent) API is asked: exit code 4.
    let (result, out, _) = run_with_input(&add("bob", true), "s3cret\n").await;
    let error = result.expect_err("nothing listens");
    assert_eq!(error.exit_code(), 4, "{error}");
    assert!(out.is_empty(), "no password printed: {out}");
}

#[test]
fn the_password_line_loses_only_its_line_ending() {
    let read = |text: &str| read_password(&mut text.as_bytes()).expect("a password");
    assert_eq!(read("s3cret\n"), "s3cret");
    assert_eq!(read("s3cret\r\n"), "s3cret");
    assert_eq!(read("s3cret"), "s3cret");
    assert_eq!(read(" spaced \nsecond line\n"), " spaced ");
}
