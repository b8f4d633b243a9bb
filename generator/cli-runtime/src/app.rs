//! The command line from the generated table, and a run of it: parse, make the call, print,
//! and exit with a code a script can rely on ([`crate::exit`]).

use std::ffi::OsString;
use std::io::{IsTerminal as _, Read, Write};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _, ValueParser};
use clap::{Arg, ArgAction, ArgMatches, ColorChoice, Command};

use crate::body::{self, JSON_FLAG};
use crate::call::Call;
use crate::exit::{self, Failure};
use crate::json::Json;
use crate::login::{self, LOGIN, LOGOUT};
use crate::output::{FORMATS, Format, Output, Screen};
use crate::progress::Progress;
use crate::session::{BASE_URL_VARIABLE, Settings};
use crate::table::{Cli, Endpoint, Field, Group, Value};
use crate::values;

/// `--base-url`: where the API is.
pub const BASE_URL_FLAG: &str = "base-url";
/// `--output`: JSON or a table.
pub const OUTPUT_FLAG: &str = "output";
/// `--timeout`: how long each attempt may take.
pub const TIMEOUT_FLAG: &str = "timeout";
/// `--all`: every page of a list.
pub const ALL_FLAG: &str = "all";

/// The flags every command has: clap's `--help` and the global flags.
pub const GLOBAL_FLAGS: [&str; 4] = [BASE_URL_FLAG, "help", OUTPUT_FLAG, TIMEOUT_FLAG];
/// The flags an endpoint's command may have besides its fields' (`--json` when it takes a
/// request, `--all` when its reply is a page).
pub const ENDPOINT_FLAGS: [&str; 2] = [ALL_FLAG, JSON_FLAG];
/// The commands beside the groups: clap's `help`, `login` and `logout`.
pub const COMMANDS: [&str; 3] = ["help", LOGIN, LOGOUT];

/// Where a run reads and writes: the process's streams, terminal and environment, or a test's.
pub struct Io<'a> {
    /// Standard input (`--json -`, `login --password-stdin`).
    pub stdin: &'a mut dyn Read,
    /// Standard output: the command's output, and `--help`.
    pub stdout: &'a mut dyn Write,
    /// Standard error: errors and reports.
    pub stderr: &'a mut dyn Write,
    /// Which of the streams are terminals.
    pub terminal: Terminal,
    /// The environment.
    pub env: &'a dyn Fn(&str) -> Option<OsString>,
    /// Asks for a password on the terminal without echoing it.
    pub ask_password: &'a dyn Fn(&str) -> std::io::Result<String>,
}

/// Which standard streams are terminals, and how wide standard output is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Standard input is a terminal (so `login` may prompt).
    pub stdin: bool,
    /// Standard output is a terminal (indented JSON, tables to its width, colour in help).
    pub stdout: bool,
    /// Standard error is a terminal (progress bars, colour in errors).
    pub stderr: bool,
    /// Standard output's width in columns, when it is a terminal.
    pub width: Option<u16>,
}

impl Terminal {
    /// The process's.
    pub fn detect() -> Terminal {
        let stdout = std::io::stdout().is_terminal();
        Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout,
            stderr: std::io::stderr().is_terminal(),
            width: stdout
                .then(|| console::Term::stdout().size_checked())
                .flatten()
                .map(|(_, columns)| columns),
        }
    }
}

/// The tool's `main`: runs the process's command line with its streams and environment.
pub fn main(cli: &'static Cli) -> std::process::ExitCode {
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let env = |name: &str| std::env::var_os(name);
    let ask_password = |prompt: &str| rpassword::prompt_password(prompt);
    let mut io = Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        terminal: Terminal::detect(),
        env: &env,
        ask_password: &ask_password,
    };
    std::process::ExitCode::from(run(cli, std::env::args_os(), &mut io))
}

/// Runs one command line (`args`, the program's name first); returns the exit code.
pub fn run(cli: &'static Cli, args: impl IntoIterator<Item = OsString>, io: &mut Io<'_>) -> u8 {
    let matches = match command(cli, io.terminal).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => return clap_exit(&error, io),
    };
    let outcome = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::Local(format!("cannot start: {error}")))
        .and_then(|runtime| runtime.block_on(dispatch(cli, &matches, io)));
    let format = leaf(&matches)
        .get_one::<String>(OUTPUT_FLAG)
        .map_or(Format::Json, |name| Format::named(name));
    finish(outcome, format, io)
}

/// Prints clap's help, version or usage error where it belongs; its exit code.
fn clap_exit(error: &clap::Error, io: &mut Io<'_>) -> u8 {
    let to_stdout = !error.use_stderr();
    let (stream, terminal): (&mut dyn Write, bool) = if to_stdout {
        (io.stdout, io.terminal.stdout)
    } else {
        (io.stderr, io.terminal.stderr)
    };
    let rendered = error.render();
    let text = if terminal {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    // A closed stream cannot be told about it; the exit code still says what happened.
    let _ = stream.write_all(text.as_bytes());
    let _ = stream.flush();
    if to_stdout {
        exit::SUCCESS
    } else {
        exit::USAGE
    }
}

/// Prints the output, or the failure; the exit code.
fn finish(outcome: Result<Output, Failure>, format: Format, io: &mut Io<'_>) -> u8 {
    let failure = match outcome {
        Ok(output) => {
            let screen = Screen {
                terminal: io.terminal.stdout,
                width: io.terminal.width,
            };
            let text = output.render(format, screen);
            match io
                .stdout
                .write_all(text.as_bytes())
                .and_then(|()| io.stdout.flush())
            {
                Ok(()) => return exit::SUCCESS,
                // The reader went away (`| head`): what it wanted, it got.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                    return exit::SUCCESS;
                }
                Err(error) => Failure::Local(format!("cannot write to standard output: {error}")),
            }
        }
        Err(failure) => failure,
    };
    let mut message = format!("error: {failure}\n");
    if let Some(hint) = failure.hint() {
        message.push_str(&format!("hint: {hint}\n"));
    }
    let _ = io.stderr.write_all(message.as_bytes());
    let _ = io.stderr.flush();
    failure.code()
}

/// The matches of the deepest command given, where every global flag is seen.
fn leaf(matches: &ArgMatches) -> &ArgMatches {
    let mut leaf = matches;
    while let Some((_, deeper)) = leaf.subcommand() {
        leaf = deeper;
    }
    leaf
}

/// Runs the command `matches` names.
async fn dispatch(
    cli: &'static Cli,
    matches: &ArgMatches,
    io: &mut Io<'_>,
) -> Result<Output, Failure> {
    let settings = Settings::of(cli, leaf(matches), io.env)?;
    let Some((name, group_matches)) = matches.subcommand() else {
        return Err(Failure::Usage("no command given; see --help".to_owned()));
    };
    match name {
        LOGIN => return login::login(cli, group_matches, &settings, io).await,
        LOGOUT => return login::logout(cli, &settings, io),
        _ => {}
    }
    let group = find(cli.groups, |group: &Group| group.name == name)?;
    let Some((name, endpoint_matches)) = group_matches.subcommand() else {
        return Err(Failure::Usage(format!(
            "no command given for `{}`; see --help",
            group.name
        )));
    };
    let endpoint = find(group.endpoints, |endpoint: &Endpoint| endpoint.name == name)?;
    let body = if endpoint.fields.is_empty() {
        Json::Object(Vec::new())
    } else {
        body::gather(endpoint, endpoint_matches, cli.token_field, &mut *io.stdin)?
    };
    let client = settings.client(cli, endpoint.needs_token, io.env)?;
    let all = endpoint.pages && endpoint_matches.get_flag(ALL_FLAG);
    let progress = if all {
        Progress::start(io.terminal.stderr)
    } else {
        Progress::off()
    };
    let call = Call {
        client: &client,
        endpoint,
        body,
        all,
        progress: &progress,
    };
    let outcome = (endpoint.run)(call).await;
    progress.finish();
    outcome
}

fn find<T>(items: &'static [T], wanted: impl Fn(&T) -> bool) -> Result<&'static T, Failure> {
    items
        .iter()
        .find(|item| wanted(item))
        .ok_or_else(|| Failure::Usage("no such command".to_owned()))
}

/// The whole command tree.
pub fn command(cli: &'static Cli, terminal: Terminal) -> Command {
    let color = if terminal.stdout && terminal.stderr {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut root = Command::new(cli.name)
        .version(cli.version)
        .about(cli.about)
        .long_about(cli.long_about)
        .color(color)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(
            Arg::new(BASE_URL_FLAG)
                .long(BASE_URL_FLAG)
                .global(true)
                .value_name("URL")
                .help(format!(
                    "The API's base URL [env: {BASE_URL_VARIABLE}] [default: {}]",
                    cli.base_url
                )),
        )
        .arg(
            Arg::new(OUTPUT_FLAG)
                .short('o')
                .long(OUTPUT_FLAG)
                .global(true)
                .value_name("FORMAT")
                .value_parser(FORMATS)
                .default_value("json")
                .help("JSON (indented on a terminal) or a table"),
        )
        .arg(
            Arg::new(TIMEOUT_FLAG)
                .long(TIMEOUT_FLAG)
                .global(true)
                .value_name("SECONDS")
                .value_parser(ValueParser::new(values::seconds))
                .help("How long each attempt of a call may take [default: the client's, 30]"),
        );
    for group in cli.groups {
        root = root.subcommand(group_command(cli, group));
    }
    root.subcommands(login::commands())
}

fn group_command(cli: &'static Cli, group: &'static Group) -> Command {
    let mut command = Command::new(group.name)
        .about(group.about)
        .long_about(group.long_about)
        .subcommand_required(true)
        .arg_required_else_help(true);
    for endpoint in group.endpoints {
        command = command.subcommand(endpoint_command(cli, endpoint));
    }
    command
}

fn endpoint_command(cli: &'static Cli, endpoint: &'static Endpoint) -> Command {
    let mut command = Command::new(endpoint.name)
        .about(endpoint.about)
        .long_about(endpoint.long_about);
    if !endpoint.fields.is_empty() {
        command = command.next_help_heading("Fields");
        for field in endpoint.fields {
            command = command.arg(field_arg(field));
        }
        command = command.next_help_heading("Request").arg(
            Arg::new(JSON_FLAG)
                .long(JSON_FLAG)
                .value_name("JSON")
                .allow_hyphen_values(true)
                .help(format!(
                    "The whole request body as a JSON object (`{}` left out), or `-` to read it from standard input; flags override its members",
                    cli.token_field
                )),
        );
    }
    if endpoint.pages {
        command = command.next_help_heading("Request").arg(
            Arg::new(ALL_FLAG)
                .long(ALL_FLAG)
                .action(ArgAction::SetTrue)
                .help("Every item of every page from --page on, as one list (a progress bar on a terminal while pages take time)"),
        );
    }
    command
}

fn field_arg(field: &'static Field) -> Arg {
    let mut arg = Arg::new(field.flag)
        .long(field.flag)
        .help(field.help)
        .long_help(field.long_help);
    arg = match &field.value {
        // A secret's text is kept as it is and read later, so that no clap message shows it.
        Value::Parsed { name, .. } if field.secret => {
            arg.value_name(*name).value_parser(ValueParser::string())
        }
        Value::Parsed {
            parse,
            name,
            negative,
        } => {
            let parse = *parse;
            arg.value_name(*name)
                .allow_negative_numbers(*negative)
                .value_parser(ValueParser::new(move |text: &str| parse(text)))
        }
        Value::Codes { codes, .. } if field.secret => arg
            .value_name("CODE")
            .value_parser(ValueParser::string())
            .help(format!("{} [codes: {}]", field.help, code_list(codes))),
        Value::Codes { integer, codes } => {
            let integer = *integer;
            let possible = codes
                .iter()
                .map(|code| PossibleValue::new(code.code).help(code.help));
            arg.value_name("CODE")
                .allow_negative_numbers(true)
                .value_parser(
                    PossibleValuesParser::new(possible)
                        .map(move |text| values::code(&text, integer)),
                )
        }
    };
    arg = if field.list {
        arg.action(ArgAction::Append)
    } else {
        arg.action(ArgAction::Set)
    };
    if field.list && field.comma_separated {
        arg = arg.value_delimiter(',');
    }
    if field.required {
        arg = arg.required_unless_present(JSON_FLAG);
    }
    arg
}

fn code_list(codes: &[crate::table::Code]) -> String {
    codes
        .iter()
        .map(|code| code.code)
        .collect::<Vec<_>>()
        .join(", ")
}
