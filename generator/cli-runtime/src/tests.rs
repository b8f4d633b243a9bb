//! Whole runs of a stand-in tool, in process: the command line from a small table, its
//! request bodies, outputs, exit codes and messages, the token store and `login` against the
//! client runtime's mock server. (The generated tool's tests run the real binary against the
//! real API's mock: `generated-client/cli/tests/`.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::ffi::OsString;

use verycloud::{Error, Page};

use crate::app;
use crate::call::Call;
use crate::exit;
use crate::fields::{Code, Field, Value};
use crate::secrets::Secrets;
use crate::streams::{Io, Terminal};
use crate::table::{Cli, Endpoint, Group, Running};
use crate::values;

const fn text_field(flag: &'static str, wire_name: &'static str) -> Field {
    Field {
        flag,
        wire_name,
        help: "Text.",
        long_help: "Text, at length.",
        value: Value::Parsed {
            parse: values::text,
            name: "TEXT",
            negative: false,
        },
        list: false,
        comma_separated: false,
        required: false,
        secret: false,
    }
}

static ECHO_FIELDS: [Field; 8] = [
    Field {
        required: true,
        ..text_field("name", "name")
    },
    Field {
        value: Value::Parsed {
            parse: values::integer,
            name: "INT",
            negative: true,
        },
        list: true,
        comma_separated: true,
        ..text_field("ids", "ids")
    },
    Field {
        value: Value::Parsed {
            parse: values::decimal,
            name: "DECIMAL",
            negative: true,
        },
        ..text_field("price", "price")
    },
    Field {
        value: Value::Parsed {
            parse: values::flag,
            name: "0|1",
            negative: false,
        },
        ..text_field("receive-mail", "recieve_mail")
    },
    Field {
        value: Value::Parsed {
            parse: values::time,
            name: "TIME",
            negative: true,
        },
        ..text_field("start", "start")
    },
    Field {
        value: Value::Parsed {
            parse: values::json,
            name: "JSON",
            negative: false,
        },
        ..text_field("extra", "extra")
    },
    Field {
        value: Value::Codes {
            integer: true,
            codes: &[
                Code {
                    code: "-1",
                    help: "closed",
                },
                Code {
                    code: "1",
                    help: "open",
                },
            ],
        },
        ..text_field("status", "status")
    },
    Field {
        secret: true,
        ..text_field("password", "password")
    },
];

static STRICT_FIELDS: [Field; 1] = [Field {
    value: Value::Parsed {
        parse: values::integer,
        name: "INT",
        negative: true,
    },
    required: true,
    ..text_field("id", "id")
}];

static PASSWORD_SECRETS: Secrets = Secrets::Members(&[("password", &Secrets::Secret)]);

static TOKEN_SECRETS: Secrets = Secrets::Members(&[("access_token", &Secrets::Secret)]);

const fn endpoint(name: &'static str, run: crate::table::Run) -> Endpoint {
    Endpoint {
        name,
        operation: name,
        about: "A stand-in endpoint.",
        long_about: "A stand-in endpoint of the runtime's tests.",
        needs_token: false,
        fields: &[],
        pages: false,
        secrets: None,
        run,
    }
}

static DEMO: [Endpoint; 6] = [
    Endpoint {
        fields: &ECHO_FIELDS,
        secrets: Some(&PASSWORD_SECRETS),
        ..endpoint("echo", echo)
    },
    Endpoint {
        fields: &STRICT_FIELDS,
        ..endpoint("strict", strict)
    },
    Endpoint {
        pages: true,
        ..endpoint("list", list)
    },
    Endpoint {
        needs_token: true,
        ..endpoint("refused", refused)
    },
    Endpoint {
        secrets: Some(&TOKEN_SECRETS),
        ..endpoint("token", token)
    },
    endpoint("unreachable", unreachable),
];

static STAND_IN: Cli = Cli {
    name: "standin",
    version: "1.2.3",
    about: "A stand-in tool.",
    long_about: "A stand-in tool for the runtime's tests.",
    base_url: "http://127.0.0.1:9",
    token_field: "token",
    groups: &[Group {
        name: "demo",
        about: "Stand-in endpoints.",
        long_about: "Stand-in endpoints, at length.",
        endpoints: &DEMO,
    }],
};

/// Prints the request body it was given.
fn echo(call: Call<'_>) -> Running<'_> {
    Box::pin(async move {
        let request: serde_json::Value = call.request()?;
        call.reply(&request)
    })
}

#[derive(serde::Deserialize, serde::Serialize)]
struct StrictRequest {
    id: i64,
}

fn strict(call: Call<'_>) -> Running<'_> {
    Box::pin(async move {
        let request: StrictRequest = call.request()?;
        call.reply(&request)
    })
}

/// Three pages of two items.
fn list(call: Call<'_>) -> Running<'_> {
    fn page(number: i64) -> Page<BTreeMap<&'static str, i64>> {
        Page {
            items: vec![
                BTreeMap::from([("id", number * 10)]),
                BTreeMap::from([("id", number * 10 + 1)]),
            ],
            total: Some(6),
            total_pages: Some(3),
            page: Some(number),
            limit: Some(2),
        }
    }
    Box::pin(async move {
        if call.all() {
            let progress = call.progress();
            let items = Page::walk(1, move |number| async move {
                let page = page(number);
                progress.page(number, &page);
                Ok(page)
            });
            return call.items(items).await;
        }
        call.page(&page(1))
    })
}

fn refused(call: Call<'_>) -> Running<'_> {
    Box::pin(async move {
        let _ = call.client();
        Err(Error::Api {
            code: 40001,
            message: "余额不足".to_owned(),
            endpoint: "refused",
        }
        .into())
    })
}

fn token(call: Call<'_>) -> Running<'_> {
    Box::pin(async move {
        let reply = serde_json::json!({"access_token": "t0k3n-secret", "expires": 7200});
        call.reply(&reply)
    })
}

/// Logs in against the base URL, which nothing answers.
fn unreachable(call: Call<'_>) -> Running<'_> {
    Box::pin(async move {
        call.client().login("user", "pw").await?;
        call.reply(&())
    })
}

struct Ran {
    code: u8,
    stdout: String,
    stderr: String,
}

/// Runs the stand-in tool in process.
fn run_with(args: &[&str], stdin: &str, env: &[(&str, String)], terminal: Terminal) -> Ran {
    let mut stdin = stdin.as_bytes();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let env: BTreeMap<String, OsString> = env
        .iter()
        .map(|(name, value)| ((*name).to_owned(), OsString::from(value)))
        .collect();
    let lookup = |name: &str| env.get(name).cloned();
    let ask_password = |_: &str| Ok("typed-password".to_owned());
    let mut io = Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        terminal,
        env: &lookup,
        ask_password: &ask_password,
    };
    let args = std::iter::once("standin")
        .chain(args.iter().copied())
        .map(OsString::from);
    let code = app::run(&STAND_IN, args, &mut io);
    let ran = Ran {
        code,
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    };
    for secret in [
        "t0k3n-secret",
        "s3cret-pw",
        "stand-in-token",
        "typed-password",
    ] {
        assert!(
            !ran.stdout.contains(secret) && !ran.stderr.contains(secret),
            "`{secret}` shown:\n{}\n{}",
            ran.stdout,
            ran.stderr
        );
    }
    ran
}

fn run(args: &[&str]) -> Ran {
    run_with(args, "", &[], Terminal::default())
}

#[test]
fn flags_build_the_body_exactly_as_typed() {
    let ran = run(&[
        "demo",
        "echo",
        "--name",
        "n",
        "--ids",
        "1,2",
        "--ids=-3",
        "--price",
        "12.50",
        "--receive-mail",
        "yes",
        "--start",
        "2024-01-31 08:00",
        "--extra",
        r#"{"a": [1.10]}"#,
        "--status",
        "-1",
        "--password",
        "s3cret-pw",
    ]);
    assert_eq!(ran.code, exit::SUCCESS, "{}", ran.stderr);
    assert_eq!(ran.stderr, "");
    // The echo prints the request as serde_json reads it (its own number forms), the body's
    // members in the fields' order, the password among them but hidden.
    let echoed: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(
        echoed,
        serde_json::json!({
            "name": "n", "ids": [1, 2, -3], "price": 12.5, "recieve_mail": true,
            "start": "2024-01-31 08:00", "extra": {"a": [1.1]}, "status": -1,
            "password": "***",
        })
    );
}

#[test]
fn json_gives_the_body_and_flags_override_it() {
    let ran = run_with(
        &["demo", "echo", "--json", "-", "--name", "flag"],
        r#"{"name": "json", "price": 300.00}"#,
        &[],
        Terminal::default(),
    );
    assert_eq!(ran.code, exit::SUCCESS, "{}", ran.stderr);
    assert_eq!(ran.stdout, "{\"name\":\"flag\",\"price\":300.0}\n");

    let ran = run(&["demo", "echo", "--json", r#"{"name": "j"}"#]);
    assert_eq!(ran.stdout, "{\"name\":\"j\"}\n");
}

#[test]
fn bad_input_is_a_usage_error_that_says_what_is_wrong() {
    let cases: [(&[&str], &str); 9] = [
        (&["demo", "echo"], "--name <TEXT>"),
        (
            &["demo", "echo", "--name", "n", "--ids", "x"],
            "not a whole number",
        ),
        (
            &["demo", "echo", "--name", "n", "--status", "2"],
            "[possible values: -1, 1]",
        ),
        (
            &["demo", "echo", "--name", "n", "--nmae", "x"],
            "unexpected argument '--nmae'",
        ),
        (&["demo", "echo", "--json", "{"], "--json: not JSON"),
        (&["demo", "echo", "--json", "[]"], "must be a JSON object"),
        (
            &["demo", "echo", "--json", r#"{"nmae": 1}"#],
            "`nmae` is not a field of this request; its fields are name, ids",
        ),
        (
            &["demo", "echo", "--json", r#"{"token": "x"}"#],
            "leave out `token`",
        ),
        (
            &["demo", "strict", "--json", "{}"],
            "the request needs `id`: give --id (or `id` in --json)",
        ),
    ];
    for (args, expected) in cases {
        let ran = run(args);
        assert_eq!(ran.code, exit::USAGE, "{args:?}: {}", ran.stderr);
        assert_eq!(ran.stdout, "", "{args:?}");
        assert!(ran.stderr.contains(expected), "{args:?}: {}", ran.stderr);
    }
    let ran = run(&["demo", "strict", "--json", r#"{"id": "seven"}"#]);
    assert_eq!(ran.code, exit::USAGE);
    assert!(
        ran.stderr
            .starts_with("error: --id (`id`): invalid type: string \"seven\", expected i64"),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_secret_is_never_echoed_even_when_refused() {
    // The stand-in's password is text, which any value is; a secret flag's clap parser keeps
    // the text, so that even a refusal would not quote it.
    let ran = run(&["demo", "echo", "--password", "s3cret-pw"]);
    assert_eq!(ran.code, exit::USAGE);
    assert!(ran.stderr.contains("--name"), "{}", ran.stderr);
}

#[test]
fn help_lists_groups_endpoints_and_fields() {
    let ran = run(&["--help"]);
    assert_eq!(ran.code, exit::SUCCESS);
    for listed in [
        "demo",
        "login",
        "logout",
        "--base-url",
        "--output",
        "--timeout",
    ] {
        assert!(ran.stdout.contains(listed), "{listed}: {}", ran.stdout);
    }
    let ran = run(&["demo", "echo", "--help"]);
    assert_eq!(ran.code, exit::SUCCESS);
    for listed in [
        "--name <TEXT>",
        "--ids <INT>",
        "--status <CODE>",
        "Text, at length.",
        "--json <JSON>",
        "Fields:",
    ] {
        assert!(ran.stdout.contains(listed), "{listed}: {}", ran.stdout);
    }
    assert!(!run(&["demo", "echo", "--help"]).stdout.contains("--all"));
    assert!(run(&["demo", "list", "--help"]).stdout.contains("--all"));
    // No command: the help, on standard error, as a usage error.
    let ran = run(&[]);
    assert_eq!(ran.code, exit::USAGE);
    assert!(ran.stderr.contains("Usage: standin"), "{}", ran.stderr);
    let ran = run(&["--version"]);
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (exit::SUCCESS, "standin 1.2.3\n")
    );
}

#[test]
fn a_page_and_all_pages() {
    let ran = run(&["demo", "list"]);
    assert_eq!(ran.code, exit::SUCCESS, "{}", ran.stderr);
    assert_eq!(
        ran.stdout,
        "{\"items\":[{\"id\":10},{\"id\":11}],\"total\":6,\"total_pages\":3,\"page\":1,\"limit\":2}\n"
    );
    let ran = run(&["demo", "list", "--all"]);
    assert_eq!(ran.code, exit::SUCCESS, "{}", ran.stderr);
    assert_eq!(
        ran.stdout,
        "[{\"id\":10},{\"id\":11},{\"id\":20},{\"id\":21},{\"id\":30},{\"id\":31}]\n"
    );
    // No progress bar off the terminal: standard error stays empty.
    assert_eq!(ran.stderr, "");
    let ran = run(&["demo", "list", "--all", "--output", "table"]);
    assert!(ran.stdout.ends_with("6 items\n"), "{}", ran.stdout);
    assert!(ran.stdout.contains("│ 31 │"), "{}", ran.stdout);
}

#[test]
fn an_api_error_exits_1_with_its_code_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().to_string_lossy().into_owned();
    let store = crate::store::Store::new(dir.path());
    store
        .save(
            "http://127.0.0.1:9",
            &verycloud::Secret::new("stand-in-token"),
        )
        .unwrap();
    let ran = run_with(
        &["demo", "refused"],
        "",
        &[("VERYCLOUD_CONFIG_DIR", config)],
        Terminal::default(),
    );
    assert_eq!(ran.code, exit::API);
    assert_eq!(ran.stdout, "");
    assert_eq!(ran.stderr, "error: refused: API error 40001: 余额不足\n");
}

#[test]
fn a_call_that_needs_a_token_without_one_exits_5_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().to_string_lossy().into_owned();
    let ran = run_with(
        &["demo", "refused"],
        "",
        &[("VERYCLOUD_CONFIG_DIR", config)],
        Terminal::default(),
    );
    assert_eq!(ran.code, exit::CREDENTIALS);
    assert!(
        ran.stderr
            .starts_with("error: not logged in to http://127.0.0.1:9"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("\nhint: run `login`"), "{}", ran.stderr);
}

#[test]
fn no_answer_exits_3() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let ran = run(&[
        "demo",
        "unreachable",
        "--base-url",
        &address,
        "--timeout",
        "5",
    ]);
    assert_eq!(ran.code, exit::TRANSPORT, "{}", ran.stderr);
    assert!(
        ran.stderr.starts_with("error: login: transport error"),
        "{}",
        ran.stderr
    );
    let ran = run(&["demo", "unreachable", "--base-url", "not a url"]);
    assert_eq!(ran.code, exit::USAGE, "{}", ran.stderr);
    assert!(ran.stderr.contains("base URL"), "{}", ran.stderr);
}

#[test]
fn secrets_in_replies_are_hidden() {
    let ran = run(&["demo", "token"]);
    assert_eq!(ran.code, exit::SUCCESS);
    assert_eq!(ran.stdout, "{\"access_token\":\"***\",\"expires\":7200}\n");
    let ran = run(&["demo", "token", "-o", "table"]);
    assert!(ran.stdout.contains("***"), "{}", ran.stdout);
}

#[test]
fn output_follows_the_terminal() {
    let terminal = Terminal {
        stdin: false,
        stdout: true,
        stderr: false,
        width: Some(80),
    };
    let ran = run_with(&["demo", "token"], "", &[], terminal);
    assert_eq!(
        ran.stdout,
        "{\n  \"access_token\": \"***\",\n  \"expires\": 7200\n}\n"
    );
}

#[test]
fn login_stores_the_token_and_logout_forgets_it() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(verycloud::mock::MockServer::start());
    let dir = tempfile::tempdir().unwrap();
    let env = [(
        "VERYCLOUD_CONFIG_DIR",
        dir.path().to_string_lossy().into_owned(),
    )];
    let base_url = server.uri();

    let ran = run_with(
        &[
            "login",
            "--base-url",
            &base_url,
            "--username",
            "user",
            "--password-stdin",
        ],
        "s3cret-pw\n",
        &env,
        Terminal::default(),
    );
    assert_eq!(ran.code, exit::SUCCESS, "{}", ran.stderr);
    assert_eq!(ran.stdout, "");
    assert!(
        ran.stderr.starts_with(&format!(
            "Logged in to {base_url} as user; the token is stored in "
        )),
        "{}",
        ran.stderr
    );
    let stored = std::fs::read_to_string(dir.path().join("credentials.json")).unwrap();
    assert!(stored.contains("stand-in-token"));
    assert!(!stored.contains("s3cret-pw"));
    let store = crate::store::Store::new(dir.path());
    assert_eq!(store.token(&base_url).unwrap(), Some(server.token()));

    // The password from the environment, or typed at a prompt on a terminal.
    let mut with_password = env.to_vec();
    with_password.push(("VERYCLOUD_PASSWORD", "s3cret-pw".to_owned()));
    let ran = run_with(
        &["login", "--base-url", &base_url, "--username", "user"],
        "",
        &with_password,
        Terminal::default(),
    );
    assert_eq!(ran.code, exit::SUCCESS, "{}", ran.stderr);
    let on_terminal = Terminal {
        stdin: true,
        ..Terminal::default()
    };
    let ran = run_with(
        &["login", "--base-url", &base_url],
        "user\n",
        &env,
        on_terminal,
    );
    assert_eq!(ran.code, exit::SUCCESS, "{}", ran.stderr);
    assert!(
        ran.stderr.starts_with("User name: Logged in"),
        "{}",
        ran.stderr
    );

    // Off a terminal, nothing to ask with.
    let ran = run_with(
        &["login", "--base-url", &base_url, "--username", "user"],
        "",
        &env,
        Terminal::default(),
    );
    assert_eq!(ran.code, exit::USAGE);
    assert!(ran.stderr.contains("no password"), "{}", ran.stderr);

    let ran = run_with(
        &["logout", "--base-url", &base_url],
        "",
        &env,
        Terminal::default(),
    );
    assert_eq!(ran.code, exit::SUCCESS);
    assert_eq!(
        ran.stderr,
        format!("Forgot the token stored for {base_url}.\n")
    );
    assert_eq!(store.token(&base_url).unwrap(), None);
    let ran = run_with(
        &["logout", "--base-url", &base_url],
        "",
        &env,
        Terminal::default(),
    );
    assert_eq!(ran.stderr, format!("No token was stored for {base_url}.\n"));
    drop(server);
}

#[test]
fn the_command_has_the_flags_and_commands_the_spec_reserves() {
    let command = app::command(&STAND_IN, Terminal::default());
    let mut commands: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .filter(|name| name != "demo")
        .collect();
    commands.push("help".to_owned());
    commands.sort();
    assert_eq!(commands, app::COMMANDS);
    let mut command = command;
    command.build();
    let mut globals: Vec<&str> = command
        .get_arguments()
        .filter_map(|arg| arg.get_long())
        .collect();
    globals.sort_unstable();
    // The root alone has `--version`; every other flag here reaches every command.
    let mut expected: Vec<&str> = app::GLOBAL_FLAGS.to_vec();
    expected.push("version");
    expected.sort_unstable();
    assert_eq!(globals, expected);
    let echo = command
        .find_subcommand("demo")
        .and_then(|demo| demo.find_subcommand("list"))
        .unwrap();
    let own: Vec<&str> = echo
        .get_arguments()
        .filter(|arg| !arg.is_global_set())
        .filter_map(|arg| arg.get_long())
        .filter(|long| *long != "help")
        .collect();
    assert_eq!(own, [app::ALL_FLAG]);
}
