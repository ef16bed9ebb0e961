//! Unit tests of `cli`.

use super::*;

#[test]
fn parses_user_mode_flags() {
    let cli = Cli::try_parse_from([
        "chat-tui",
        "user",
        "--name",
        "Alice",
        "--plain",
        "--json",
        "--roster-interval",
        "0",
    ])
    .unwrap();
    let CliCommand::User(args) = cli.command;
    assert_eq!(args.name, "Alice");
    assert!(args.plain && args.json);
    assert_eq!(args.overrides().roster_interval_secs, Some(0));
}

#[test]
fn the_definition_is_consistent() {
    use clap::CommandFactory;
    Cli::command().debug_assert();
}
