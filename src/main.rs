//! The `chat-tui` binary: parse the command line and hand over to a runtime.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use chat_tui::broker::BrokerAddress;
use chat_tui::cli::{
    AdminArgs, AdminCommand, Cli, CliCommand, HistoryArgs, UserArgs, user_url_on_command_line,
};
use chat_tui::config::{
    AdminSettings, FileConfig, LoginInputs, Password, UrlSource, UserSettings, read_password_file,
    resolve_login,
};
use chat_tui::domain::UserName;
use chat_tui::runtime::Ending;
use chat_tui::runtime::admin::{self, AdminOptions};
use chat_tui::runtime::history::{self, HistoryOptions};
use chat_tui::runtime::user::{self, Frontend, UserOptions};
use chat_tui::ui::plain::LineFormat;

fn main() -> ExitCode {
    no_huge_pages();
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    let url_on_command_line = user_url_on_command_line(&matches);
    // The local offset must be read before any thread starts (see the `time` crate).
    let local_offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
    match cli.command {
        CliCommand::User(args) => run_user(args, url_on_command_line, local_offset),
        CliCommand::Admin(args) => run_admin(args),
        CliCommand::History(args) => run_history(args, local_offset),
    }
}

/// Keeps this process off transparent huge pages. The global allocator is mimalloc (a
/// dependency of the management API client sets it), which asks the kernel for huge
/// pages for its arenas; then every thread's first allocations make 2 MiB resident at
/// once, 28 MiB of an idle client's 41 MiB. A chat client gains nothing from them.
/// Called first thing, before any thread: what is allocated later stays in small pages.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // The project's one unsafe call.
fn no_huge_pages() {
    // SAFETY: `prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)` takes plain integers, touches no
    // memory of ours, and at worst fails (then nothing changes).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Elsewhere there is nothing to turn off.
#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

fn run_history(args: HistoryArgs, local_offset: time::UtcOffset) -> ExitCode {
    let options = HistoryOptions {
        recover: args.recover,
        name: args.name,
        with: args.with,
        format: if args.json {
            LineFormat::Json
        } else {
            LineFormat::Text
        },
        local_offset,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match history::run(&options, &mut out, &mut std::io::stderr()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("chat-tui: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}

fn run_admin(args: AdminArgs) -> ExitCode {
    let file = match load_config(args.config.clone()) {
        Ok(file) => file,
        Err(code) => return code,
    };
    let settings = match AdminSettings::resolve(args.overrides(), file) {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("chat-tui: {err}");
            return ExitCode::from(2);
        }
    };
    let log = chat_tui::logging::init("admin.log");
    let log_path = log.as_ref().map(|(path, _)| path.clone());
    let runtime = match tokio_runtime() {
        Ok(runtime) => runtime,
        Err(code) => return code,
    };
    if let Some(command) = &args.command {
        return run_admin_command(&runtime, &settings, command);
    }
    let options = AdminOptions {
        settings,
        interactive: std::io::stdin().is_terminal() && std::io::stdout().is_terminal(),
        log_path: log_path.clone(),
    };
    let result = runtime.block_on(admin::run(options));
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(ending) => finish(ending, log_path),
        Err(err) => {
            tracing::error!(err = %chat_tui::logging::safe(&err), "admin mode stopped");
            eprintln!("chat-tui: {err}{}", log_hint(log_path));
            ExitCode::from(err.exit_code())
        }
    }
}

/// `chat-tui admin setup|user|topic`: one operator command, then its exit code.
fn run_admin_command(
    runtime: &tokio::runtime::Runtime,
    settings: &AdminSettings,
    command: &AdminCommand,
) -> ExitCode {
    let io = admin::cli::CommandIo {
        input: &mut std::io::stdin().lock(),
        out: &mut std::io::stdout().lock(),
        err: &mut std::io::stderr(),
    };
    match runtime.block_on(admin::cli::run(&settings.api, command, io)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(%err, "admin command failed");
            eprintln!("chat-tui: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}

/// The configuration file named by `--config`, or the default one; a message and exit
/// code 2 when it cannot be read.
fn load_config(path: Option<std::path::PathBuf>) -> Result<FileConfig, ExitCode> {
    match path.or_else(FileConfig::default_path) {
        Some(path) => FileConfig::load(&path)
            .map_err(|err| {
                eprintln!("chat-tui: {err}");
                ExitCode::from(2)
            })
            .inspect(|file| {
                chat_tui::ui::theme::install(file.theme());
                chat_tui::ui::user::keymap::install(file.keymap());
            }),
        None => Ok(FileConfig::default()),
    }
}

fn tokio_runtime() -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| {
            eprintln!("chat-tui: cannot start: {err}");
            ExitCode::FAILURE
        })
}

/// A clean ending: quietly for a quit, with a line saying why for a signal.
fn finish(ending: Ending, log_path: Option<std::path::PathBuf>) -> ExitCode {
    if let Ending::Stopped(reason) = ending {
        eprintln!(
            "chat-tui: stopped ({reason}); shut down cleanly, terminal restored{}",
            log_hint(log_path)
        );
    }
    ExitCode::SUCCESS
}

fn log_hint(log_path: Option<std::path::PathBuf>) -> String {
    log_path
        .map(|p| format!(" (log: {})", p.display()))
        .unwrap_or_default()
}

fn run_user(args: UserArgs, url_on_command_line: bool, local_offset: time::UtcOffset) -> ExitCode {
    // Refuse a bad name before anything else happens (no log file, no broker object).
    let name = match UserName::parse(&args.name) {
        Ok(name) => name,
        Err(err) => {
            eprintln!("chat-tui: {err}");
            return ExitCode::from(2);
        }
    };
    let file = match load_config(args.config.clone()) {
        Ok(file) => file,
        Err(code) => return code,
    };
    let url_source = match (&args.amqp_url, &file.amqp_url) {
        (Some(_), _) if url_on_command_line => UrlSource::CommandLine,
        (Some(_), _) => UrlSource::Environment,
        (None, Some(_)) => UrlSource::ConfigFile,
        (None, None) => UrlSource::Default,
    };
    let account = args.account || file.account == Some(true);
    let config_password = file.password.clone();
    let mut settings = UserSettings::resolve(args.overrides(), file);
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let frontend = match (args.plain || args.json || !interactive, args.json) {
        (false, _) => Frontend::Tui,
        (true, true) => Frontend::Plain(LineFormat::Json),
        (true, false) => Frontend::Plain(LineFormat::Text),
    };
    let inputs = LoginInputs {
        amqp_url: &settings.amqp_url,
        url_source,
        name: &name,
        account,
        env_password: std::env::var("CHAT_TUI_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
            .map(Password::new),
        file_password: match &args.password_file {
            Some(path) => match read_password_file(path) {
                Ok(password) => Some(password),
                Err(err) => {
                    eprintln!("chat-tui: {err}");
                    return ExitCode::from(2);
                }
            },
            None => None,
        },
        config_password,
    };
    settings.amqp_url = match login_url(&inputs, frontend) {
        Ok(url) => url,
        Err(code) => return code,
    };
    let log = chat_tui::logging::init(&format!("user-{}.log", args.name.to_ascii_lowercase()));
    let log_path = log.as_ref().map(|(path, _)| path.clone());
    let runtime = match tokio_runtime() {
        Ok(runtime) => runtime,
        Err(code) => return code,
    };
    let options = UserOptions {
        name: name.as_str().to_owned(),
        settings,
        frontend,
        local_offset,
        log_path: log_path.clone(),
        max_wait: args.max_wait.map(std::time::Duration::from_secs),
        connect_limit: args
            .connect_timeout
            .map_or(user::DEFAULT_CONNECT_LIMIT, std::time::Duration::from_secs),
    };
    // On a worker rather than this thread: the event loop and the tasks it talks to
    // (inbox, outbox) then wake each other without crossing threads when they can.
    let result = match runtime.block_on(runtime.spawn(user::run(options))) {
        Ok(result) => result,
        Err(join) => std::panic::resume_unwind(join.into_panic()),
    };
    // Standard input is read on a blocking thread that never ends by itself.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(ending) => finish(ending, log_path),
        Err(err) => {
            tracing::error!(err = %chat_tui::logging::safe(&err), "user mode stopped");
            eprintln!("chat-tui: {err}{}", log_hint(log_path));
            ExitCode::from(err.exit_code())
        }
    }
}

/// The AMQP URL to log in with, the login and password written into it (see
/// `chat_tui::config::resolve_login`): warns on stderr about a password given where other
/// users see it, and asks for a missing password in the TUI, before the terminal is
/// taken over (the prompt does not echo). Exit code 2 with a message when no password
/// can be had.
fn login_url(inputs: &LoginInputs<'_>, frontend: Frontend) -> Result<String, ExitCode> {
    let refuse = |err: &dyn std::fmt::Display| {
        eprintln!("chat-tui: {err}");
        ExitCode::from(2)
    };
    let mut plan = resolve_login(inputs).map_err(|err| refuse(&err))?;
    if let Some(warning) = plan.warning() {
        eprintln!("chat-tui: {warning}");
    }
    if plan.needs_password() && frontend == Frontend::Tui {
        let broker = BrokerAddress::parse(inputs.amqp_url)
            .map(|address| address.label().to_owned())
            .unwrap_or_default();
        let prompt = format!("chat-tui: password for {} at {broker}: ", plan.user());
        match rpassword::prompt_password(prompt) {
            Ok(typed) if !typed.is_empty() => plan = plan.with_prompted(Password::new(typed)),
            Ok(_) => return Err(refuse(&format!("no password given for {}", plan.user()))),
            Err(err) => return Err(refuse(&format!("cannot read the password: {err}"))),
        }
    }
    plan.into_url().map_err(|err| refuse(&err))
}
