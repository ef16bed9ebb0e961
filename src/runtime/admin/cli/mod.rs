//! `chat-tui admin setup|user|topic`: checks the arguments (names, a password from
//! standard input) before anything is sent, runs one [`Operator`] command and prints
//! what it did. Passwords and listings go to standard output, alone; for `user add` and
//! `user passwd` every other line goes to standard error, so `pw=$(chat-tui admin user
//! add bob)` captures just the password.

mod output;

use std::io::{BufRead, Write};

use crate::broker::ApiTarget;
use crate::broker::accounts::{InboxLimits, Operator, OperatorError, generate_password};
use crate::cli::{AdminCommand, ListArgs, PasswordArgs, SetupArgs, TopicCommand, UserCommand};
use crate::domain::{TopicName, UserName};

pub use output::{topics_json, topics_table, users_json, users_table};

/// Why a command failed. `Display` is the message for the person.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A name or argument is unusable; nothing was sent.
    #[error("{0}")]
    Invalid(String),
    /// The broker refused or could not be asked.
    #[error("{0}")]
    Operator(#[from] OperatorError),
    /// Standard input or output failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl CommandError {
    /// The exit code: 2 for an invalid argument, the operator's codes (4, 5, 6, 1) for
    /// the broker's answers, 1 for input or output that failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Invalid(_) => 2,
            CommandError::Operator(error) => error.exit_code(),
            CommandError::Io(_) => 1,
        }
    }
}

/// Where a command reads and writes.
pub struct CommandIo<'a> {
    /// Standard input (a password, with `--password-stdin`).
    pub input: &'a mut dyn BufRead,
    /// Standard output: passwords, listings, what was done.
    pub out: &'a mut dyn Write,
    /// Standard error: what was done, for the commands that print a password.
    pub err: &'a mut dyn Write,
}

/// Runs `command` against the management API at `api` (its virtual host).
pub async fn run(
    api: &ApiTarget,
    command: &AdminCommand,
    io: CommandIo<'_>,
) -> Result<(), CommandError> {
    match command {
        AdminCommand::Setup(args) => setup(api, args, io).await,
        AdminCommand::User(command) => user(api, command, io).await,
        AdminCommand::Topic(command) => topic(api, command, io).await,
    }
}

async fn setup(api: &ApiTarget, args: &SetupArgs, io: CommandIo<'_>) -> Result<(), CommandError> {
    let defaults = InboxLimits::default();
    let limits = InboxLimits {
        max_messages: args.inbox_max_messages.unwrap_or(defaults.max_messages),
        max_bytes: args.inbox_max_bytes.unwrap_or(defaults.max_bytes),
    };
    let operator = Operator::new(api)?;
    let steps = operator.setup(limits).await?;
    for step in steps.iter().filter(|s| s.changed || args.verbose) {
        writeln!(io.out, "{}", step.text)?;
    }
    if !steps.iter().any(|s| s.changed) {
        writeln!(
            io.err,
            "virtual host {:?} is set up; nothing changed",
            operator.vhost()
        )?;
    }
    Ok(())
}

async fn user(
    api: &ApiTarget,
    command: &UserCommand,
    io: CommandIo<'_>,
) -> Result<(), CommandError> {
    match command {
        UserCommand::Add(args) => {
            let (user, password) = name_and_password(args, io.input)?;
            let operator = Operator::new(api)?;
            let added = operator.add_user(&user, &password.text).await?;
            match added.kept_inbox {
                Some(messages) => writeln!(
                    io.err,
                    "created the account {user}; its existing inbox was kept ({messages} messages waiting)"
                )?,
                None => writeln!(io.err, "created the account {user} and its inbox")?,
            }
            print_password(&password, &user, io.out, io.err)
        }
        UserCommand::Passwd(args) => {
            let (user, password) = name_and_password(args, io.input)?;
            Operator::new(api)?
                .set_password(&user, &password.text)
                .await?;
            writeln!(io.err, "set a new password for {user}")?;
            print_password(&password, &user, io.out, io.err)
        }
        UserCommand::Ban(args) => {
            let user = user_name(&args.name)?;
            let banned = Operator::new(api)?.ban(&user).await?;
            if banned.already {
                writeln!(io.out, "{user} is already banned")?;
            } else {
                writeln!(io.out, "banned {user}")?;
            }
            if banned.closed > 0 {
                writeln!(io.out, "closed {}", connections(banned.closed))?;
            }
            Ok(())
        }
        UserCommand::Unban(args) => {
            let user = user_name(&args.name)?;
            let unbanned = Operator::new(api)?.unban(&user).await?;
            if unbanned.was_active {
                writeln!(
                    io.out,
                    "{user} is not banned (its permissions were set again)"
                )?;
            } else {
                writeln!(io.out, "unbanned {user}")?;
            }
            Ok(())
        }
        UserCommand::Remove(args) => {
            let user = user_name(&args.name)?;
            let removed = Operator::new(api)?.remove_user(&user).await?;
            if removed.account {
                writeln!(io.out, "deleted the account {user}")?;
            }
            if removed.closed > 0 {
                writeln!(io.out, "closed {}", connections(removed.closed))?;
            }
            if let Some(messages) = removed.inbox_messages {
                writeln!(
                    io.out,
                    "deleted the inbox of {user} with {messages} {}",
                    if messages == 1 { "message" } else { "messages" }
                )?;
            }
            Ok(())
        }
        UserCommand::List(ListArgs { json }) => {
            let users = Operator::new(api)?.list_users().await?;
            let text = if *json {
                users_json(&users)
            } else {
                users_table(&users)
            };
            io.out.write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

async fn topic(
    api: &ApiTarget,
    command: &TopicCommand,
    io: CommandIo<'_>,
) -> Result<(), CommandError> {
    match command {
        TopicCommand::Add(args) => {
            let topic = topic_name(&args.name)?;
            Operator::new(api)?.add_topic(&topic).await?;
            writeln!(io.out, "created topic {topic}")?;
            Ok(())
        }
        TopicCommand::Remove(args) => {
            let topic = topic_name(&args.name)?;
            Operator::new(api)?.remove_topic(&topic).await?;
            writeln!(io.out, "deleted topic {topic}")?;
            Ok(())
        }
        TopicCommand::List(ListArgs { json }) => {
            let topics = Operator::new(api)?.list_topics().await?;
            let text = if *json {
                topics_json(&topics)
            } else {
                topics_table(&topics)
            };
            io.out.write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

fn user_name(name: &str) -> Result<UserName, CommandError> {
    UserName::parse(name).map_err(|e| CommandError::Invalid(e.to_string()))
}

fn topic_name(name: &str) -> Result<TopicName, CommandError> {
    TopicName::parse(name).map_err(|e| CommandError::Invalid(e.to_string()))
}

fn connections(count: usize) -> String {
    match count {
        1 => "1 connection".to_owned(),
        n => format!("{n} connections"),
    }
}

/// A password and whether it was generated (then it is printed).
struct Password {
    text: String,
    generated: bool,
}

/// The user's name, then the password: read from `input` with `--password-stdin`, else
/// generated. Both are checked before anything is sent.
fn name_and_password(
    args: &PasswordArgs,
    input: &mut dyn BufRead,
) -> Result<(UserName, Password), CommandError> {
    let user = user_name(&args.name)?;
    let password = if args.password_stdin {
        Password {
            text: read_password(input)?,
            generated: false,
        }
    } else {
        Password {
            text: generate_password().map_err(|e| OperatorError::Other(e.to_string()))?,
            generated: true,
        }
    };
    Ok((user, password))
}

/// One line of `input`, without its line ending; an empty one is refused.
fn read_password(input: &mut dyn BufRead) -> Result<String, CommandError> {
    let mut line = String::new();
    input.read_line(&mut line).map_err(|e| {
        CommandError::Invalid(format!("cannot read the password from standard input: {e}"))
    })?;
    let password = line
        .strip_suffix('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or(&line);
    if password.is_empty() {
        return Err(CommandError::Invalid(
            "the password read from standard input is empty".into(),
        ));
    }
    Ok(password.to_owned())
}

/// Prints a generated password alone on `out`; says on `err` how to hand it over.
fn print_password(
    password: &Password,
    user: &UserName,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CommandError> {
    if password.generated {
        writeln!(out, "{}", password.text)?;
        out.flush()?;
        writeln!(
            err,
            "the password of {user} was printed on standard output, this once: hand it over privately"
        )?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
