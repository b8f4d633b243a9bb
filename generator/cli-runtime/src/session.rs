//! Settings every command shares: where the API is, how long to wait, and the credentials,
//! from the command line, the environment and the stored token, in that order.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::ArgMatches;
use verycloud::{Client, ClientBuilder};

use crate::exit::Failure;
use crate::store::{CONFIG_DIR_VARIABLE, Store};
use crate::table::Cli;

/// `--base-url`: where the API is.
pub const BASE_URL_FLAG: &str = "base-url";
/// `--timeout`: how long each attempt may take.
pub const TIMEOUT_FLAG: &str = "timeout";

/// The variable the base URL is read from when `--base-url` is not given (the client's own).
pub const BASE_URL_VARIABLE: &str = "VERYCLOUD_BASE_URL";

/// The variables `ClientBuilder::from_env` reads credentials from; when any is set, the
/// environment's credentials are used and the stored token is not.
pub const CREDENTIAL_VARIABLES: [&str; 3] = [
    "VERYCLOUD_TOKEN",
    "VERYCLOUD_USERNAME",
    "VERYCLOUD_PASSWORD",
];

/// The environment as a run sees it: the process's, or a test's.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<OsString>;

/// What the global flags and the environment say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The API's base URL.
    pub base_url: String,
    /// How long each attempt may take, when `--timeout` says.
    pub timeout: Option<Duration>,
    /// Where the token is stored.
    pub config_dir: Option<PathBuf>,
}

impl Settings {
    /// The settings of a run: `--base-url`, else `$VERYCLOUD_BASE_URL`, else the API's
    /// documented base URL; `--timeout`; `$VERYCLOUD_CONFIG_DIR`.
    pub fn of(cli: &Cli, matches: &ArgMatches, env: Env<'_>) -> Result<Settings, Failure> {
        let base_url = match matches.get_one::<String>(BASE_URL_FLAG) {
            Some(flag) => flag.clone(),
            None => match env(BASE_URL_VARIABLE) {
                Some(value) => value.into_string().map_err(|_| {
                    Failure::Usage(format!("{BASE_URL_VARIABLE} is not valid UTF-8"))
                })?,
                None => cli.base_url.to_owned(),
            },
        };
        Ok(Settings {
            base_url: base_url.trim().trim_end_matches('/').to_owned(),
            timeout: matches.get_one::<Duration>(TIMEOUT_FLAG).copied(),
            config_dir: env(CONFIG_DIR_VARIABLE).map(PathBuf::from),
        })
    }

    /// The token store.
    pub fn store(&self, cli: &Cli) -> Result<Store, Failure> {
        Store::locate(self.config_dir.clone(), cli.name)
    }

    /// Client settings for these settings, without credentials.
    pub fn builder(&self, cli: &Cli) -> ClientBuilder {
        self.with_settings(cli, ClientBuilder::default())
    }

    fn with_settings(&self, cli: &Cli, builder: ClientBuilder) -> ClientBuilder {
        let builder = builder
            .base_url(self.base_url.clone())
            .user_agent(format!("{}-cli/{}", cli.name, cli.version));
        match self.timeout {
            Some(timeout) => builder.timeout(timeout),
            None => builder,
        }
    }

    /// The client for a call: with the environment's credentials when it has any
    /// (`VERYCLOUD_TOKEN`, or `VERYCLOUD_USERNAME` and `VERYCLOUD_PASSWORD`), else with the
    /// token `login` stored for this base URL. A call that needs a token and has none fails
    /// here, before anything is sent.
    pub fn client(&self, cli: &Cli, needs_token: bool, env: Env<'_>) -> Result<Client, Failure> {
        let from_environment = CREDENTIAL_VARIABLES
            .iter()
            .any(|variable| env(variable).is_some());
        let builder = if from_environment {
            self.with_settings(cli, ClientBuilder::from_env()?)
        } else if needs_token {
            let store = self.store(cli)?;
            match store.token(&self.base_url)? {
                Some(token) => self.builder(cli).token(token),
                None => {
                    return Err(Failure::Credentials(format!(
                        "not logged in to {}: no token is stored for it ({})",
                        self.base_url,
                        store.path().display()
                    )));
                }
            }
        } else {
            self.builder(cli)
        };
        Ok(builder.build()?)
    }
}
