//! The command line from the generated table, and a run of it: parse, make the call, print,
//! and exit with a code a script can rely on ([`crate::exit`]).

use std::ffi::OsString;
use std::io::Write;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _, ValueParser};
use clap::{Arg, ArgAction, ArgMatches, ColorChoice, Command};

use crate::body::{self, JSON_FLAG};
use crate::call::Call;
use crate::exit::{self, Failure};
use crate::fields::{Code, Field, Value};
use crate::json::Json;
use crate::login::{self, LOGIN, LOGOUT};
use crate::output::{FORMATS, Format, Output, Screen};
use crate::progress::Progress;
use crate::session::{BASE_URL_FLAG, BASE_URL_VARIABLE, Settings, TIMEOUT_FLAG};
use crate::streams::{Io, Terminal};
use crate::table::{Cli, Endpoint, Group};
use crate::values;

/// `--output`: JSON or a table.
pub const OUTPUT_FLAG: &str = "output";
/// `--all`: every page of a list.
pub const ALL_FLAG: &str = "all";

/// The help's heading of the flags every command has.
const GLOBAL_HEADING: &str = "Global options";

/// The flags every command has: clap's `--help` and the global flags.
pub const GLOBAL_FLAGS: [&str; 4] = [BASE_URL_FLAG, "help", OUTPUT_FLAG, TIMEOUT_FLAG];
/// The flags an endpoint's command may have besides its fields' (`--json` when it takes a
/// request, `--all` when its reply is a page).
pub const ENDPOINT_FLAGS: [&str; 2] = [ALL_FLAG, JSON_FLAG];
/// The commands beside the groups: clap's `help`, `login` and `logout`.
pub const COMMANDS: [&str; 3] = ["help", LOGIN, LOGOUT];

/// The tool's `main`: runs the process's command line with its streams and environment.
pub fn main(cli: &'static Cli) -> std::process::ExitCode {
    let mut stdin = std::io::stdin().lock();
    // Not locked for the whole run: the progress bar draws on standard error from a thread of
    // its own, which would wait for the lock forever.
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
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
        body::gather(
            endpoint.fields,
            endpoint_matches,
            cli.token_field,
            &mut *io.stdin,
        )?
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
        operation: endpoint.operation,
        fields: endpoint.fields,
        secrets: endpoint.secrets,
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
                .help_heading(GLOBAL_HEADING)
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
                .help_heading(GLOBAL_HEADING)
                .value_name("FORMAT")
                .value_parser(FORMATS)
                .default_value("json")
                .help("JSON (indented on a terminal) or a table"),
        )
        .arg(
            Arg::new(TIMEOUT_FLAG)
                .long(TIMEOUT_FLAG)
                .global(true)
                .help_heading(GLOBAL_HEADING)
                .value_name("SECONDS")
                .value_parser(ValueParser::new(values::seconds))
                .help("How long each attempt of a call may take [default: 30]"),
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

fn code_list(codes: &[Code]) -> String {
    codes
        .iter()
        .map(|code| code.code)
        .collect::<Vec<_>>()
        .join(", ")
}
