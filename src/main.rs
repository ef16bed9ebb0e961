//! The `chat-tui` binary: parse the command line and hand over to a runtime.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use chat_tui::cli::{Cli, CliCommand, UserArgs};
use chat_tui::config::{FileConfig, UserSettings};
use chat_tui::runtime::user::{self, Frontend, UserOptions};
use chat_tui::ui::plain::LineFormat;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The local offset must be read before any thread starts (see the `time` crate).
    let local_offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
    match cli.command {
        CliCommand::User(args) => run_user(args, local_offset),
    }
}

fn run_user(args: UserArgs, local_offset: time::UtcOffset) -> ExitCode {
    // Refuse a bad name before anything else happens (no log file, no broker object).
    if let Err(err) = chat_tui::domain::UserName::parse(&args.name) {
        eprintln!("chat-tui: {err}");
        return ExitCode::from(2);
    }
    let file = match args.config.clone().or_else(FileConfig::default_path) {
        Some(path) => match FileConfig::load(&path) {
            Ok(file) => file,
            Err(err) => {
                eprintln!("chat-tui: {err}");
                return ExitCode::from(2);
            }
        },
        None => FileConfig::default(),
    };
    let settings = UserSettings::resolve(args.overrides(), file);
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let frontend = match (args.plain || args.json || !interactive, args.json) {
        (false, _) => Frontend::Tui,
        (true, true) => Frontend::Plain(LineFormat::Json),
        (true, false) => Frontend::Plain(LineFormat::Text),
    };
    let log = chat_tui::logging::init(&format!("user-{}.log", args.name.to_ascii_lowercase()));
    let log_path = log.as_ref().map(|(path, _)| path.clone());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("chat-tui: cannot start: {err}");
            return ExitCode::FAILURE;
        }
    };
    let options = UserOptions {
        name: args.name,
        settings,
        frontend,
        local_offset,
        log_path: log_path.clone(),
    };
    let result = runtime.block_on(user::run(options));
    // Standard input is read on a blocking thread that never ends by itself.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(%err, "user mode stopped");
            let log = log_path
                .map(|p| format!(" (log: {})", p.display()))
                .unwrap_or_default();
            eprintln!("chat-tui: {err}{log}");
            ExitCode::from(err.exit_code())
        }
    }
}
