//! `login` and `logout`: trading a user name and password for a token kept in the token store
//! ([`crate::store`]), and forgetting it. The password is never stored, never taken from the
//! command line (where other users see it), and never printed.

use std::io::{BufRead as _, BufReader, Read};

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::exit::Failure;
use crate::output::Output;
use crate::session::Settings;
use crate::streams::Io;
use crate::table::Cli;

/// The command that logs in.
pub const LOGIN: &str = "login";
/// The command that forgets the stored token.
pub const LOGOUT: &str = "logout";

/// The variable the user name is read from when `--username` is not given.
const USERNAME_VARIABLE: &str = "VERYCLOUD_USERNAME";
/// The variable the password is read from when `--password-stdin` is not given.
const PASSWORD_VARIABLE: &str = "VERYCLOUD_PASSWORD";

/// The most standard input `--password-stdin` reads.
const MAX_PASSWORD: u64 = 4096;

/// `login` and `logout`.
pub fn commands() -> [Command; 2] {
    let login = Command::new(LOGIN)
        .about("Log in and store the access token for later commands")
        .long_about(
            "Log in with a user name and password and store the access token the API returns, \
             for later commands against the same base URL. The password is not stored.\n\n\
             The user name comes from --username, else VERYCLOUD_USERNAME, else a prompt; the \
             password from standard input (--password-stdin), else VERYCLOUD_PASSWORD, else a \
             prompt that does not echo it. The token is kept in credentials.json in the \
             tool's configuration folder (VERYCLOUD_CONFIG_DIR, or the user's configuration \
             directory), readable by you only.",
        )
        .arg(
            Arg::new("username")
                .long("username")
                .value_name("NAME")
                .help("The user name [env: VERYCLOUD_USERNAME]"),
        )
        .arg(
            Arg::new("password-stdin")
                .long("password-stdin")
                .action(ArgAction::SetTrue)
                .help("Read the password from standard input (a pipe), not from a prompt"),
        );
    let logout = Command::new(LOGOUT)
        .about("Forget the access token stored for the base URL")
        .long_about(
            "Forget the access token `login` stored for the base URL (--base-url or \
             VERYCLOUD_BASE_URL, else the documented one). Tokens for other base URLs stay.",
        );
    [login, logout]
}

/// `login`: logs in and stores the token; reports on standard error.
pub async fn login(
    cli: &Cli,
    matches: &ArgMatches,
    settings: &Settings,
    io: &mut Io<'_>,
) -> Result<Output, Failure> {
    let username = match matches.get_one::<String>("username") {
        Some(username) => username.clone(),
        None => match variable(io, USERNAME_VARIABLE)? {
            Some(username) => username,
            None if io.terminal.stdin => prompt_line(io, "User name: ")?,
            None => {
                return Err(Failure::Usage(format!(
                    "no user name: give --username, or set {USERNAME_VARIABLE}"
                )));
            }
        },
    };
    let username = username.trim().to_owned();
    if username.is_empty() {
        return Err(Failure::Usage("the user name is empty".to_owned()));
    }
    let password = if matches.get_flag("password-stdin") {
        read_password(io)?
    } else {
        match variable(io, PASSWORD_VARIABLE)? {
            Some(password) => password,
            None if io.terminal.stdin => (io.ask_password)("Password: ").map_err(|error| {
                Failure::Local(format!(
                    "cannot read the password from the terminal: {error}"
                ))
            })?,
            None => {
                return Err(Failure::Usage(format!(
                    "no password: pipe it to --password-stdin, or set {PASSWORD_VARIABLE}"
                )));
            }
        }
    };
    if password.is_empty() {
        return Err(Failure::Usage("the password is empty".to_owned()));
    }
    let store = settings.store(cli)?;
    let client = settings.builder(cli).build()?;
    client.login(&username, &password).await?;
    drop(password);
    let token = client.access_token().await.ok_or_else(|| {
        Failure::Credentials("the login succeeded but gave no access token".to_owned())
    })?;
    store.save(&settings.base_url, &token)?;
    let privately = if cfg!(unix) {
        ", readable by you only"
    } else {
        ""
    };
    report(
        io,
        &format!(
            "Logged in to {} as {username}; the token is stored in {}{privately}.",
            settings.base_url,
            store.path().display()
        ),
    )?;
    Ok(Output::Silent)
}

/// `logout`: forgets the token stored for the base URL; reports on standard error.
pub fn logout(cli: &Cli, settings: &Settings, io: &mut Io<'_>) -> Result<Output, Failure> {
    let store = settings.store(cli)?;
    let message = if store.remove(&settings.base_url)? {
        format!("Forgot the token stored for {}.", settings.base_url)
    } else {
        format!("No token was stored for {}.", settings.base_url)
    };
    report(io, &message)?;
    Ok(Output::Silent)
}

fn report(io: &mut Io<'_>, message: &str) -> Result<(), Failure> {
    writeln!(io.stderr, "{message}")
        .map_err(|error| Failure::Local(format!("cannot write to standard error: {error}")))
}

/// A variable's value; one that is set but empty or not UTF-8 is an error that does not show it.
fn variable(io: &Io<'_>, name: &str) -> Result<Option<String>, Failure> {
    match (io.env)(name) {
        None => Ok(None),
        Some(value) => match value.into_string() {
            Ok(text) if text.is_empty() => Err(Failure::Credentials(format!("{name} is empty"))),
            Ok(text) => Ok(Some(text)),
            Err(_) => Err(Failure::Credentials(format!("{name} is not valid UTF-8"))),
        },
    }
}

/// A line typed at the prompt, on standard input.
fn prompt_line(io: &mut Io<'_>, prompt: &str) -> Result<String, Failure> {
    let local =
        |error: std::io::Error| Failure::Local(format!("cannot read the user name: {error}"));
    write!(io.stderr, "{prompt}").map_err(local)?;
    io.stderr.flush().map_err(local)?;
    let mut line = String::new();
    BufReader::new(&mut io.stdin)
        .take(MAX_PASSWORD)
        .read_line(&mut line)
        .map_err(local)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// The password piped to standard input, without its final line break.
fn read_password(io: &mut Io<'_>) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    (&mut io.stdin)
        .take(MAX_PASSWORD + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Failure::Local(format!("cannot read standard input: {error}")))?;
    if u64::try_from(bytes.len()).map_or(true, |length| length > MAX_PASSWORD) {
        return Err(Failure::Usage(format!(
            "--password-stdin: standard input holds more than {MAX_PASSWORD} bytes"
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::Usage("--password-stdin: the password is not UTF-8".to_owned()))?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    Ok(text.strip_suffix('\r').unwrap_or(text).to_owned())
}
