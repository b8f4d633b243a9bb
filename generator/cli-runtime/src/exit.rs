//! Exit codes and error messages a script can rely on.
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | success: the output is on standard output |
//! | 1 | the API refused the call: its reply's `code` is not success (`error: <operation>: API error <code>: <message>`) |
//! | 2 | usage: the command line, `--json` or a value is wrong (clap's own code for usage errors) |
//! | 3 | transport: no usable answer (connection, TLS, timeout, an HTTP error status, a redirect) |
//! | 4 | the reply is not what the API describes (not JSON, a member of the wrong type, too large) |
//! | 5 | credentials: none, unusable ones in the environment, or a stored token that cannot be read safely |
//! | 6 | a local stream or file could not be read or written (standard input or output, the token file) |
//!
//! Every failure is one line on standard error starting `error: `, sometimes followed by a
//! line starting `hint: `; standard output stays empty. No message shows a token or a
//! password: the client removes them from its errors, and the tool never prints a value it
//! was given for a secret field.

use std::fmt;

use verycloud::Error;

/// Success.
pub const SUCCESS: u8 = 0;
/// The API refused the call.
pub const API: u8 = 1;
/// The command line, `--json` or a value is wrong.
pub const USAGE: u8 = 2;
/// No usable answer from the server.
pub const TRANSPORT: u8 = 3;
/// The reply is not what the API describes.
pub const REPLY: u8 = 4;
/// No usable credentials.
pub const CREDENTIALS: u8 = 5;
/// A local stream or file could not be read or written.
pub const LOCAL: u8 = 6;

/// Why a command failed: the message to show and the exit code.
#[derive(Debug)]
pub enum Failure {
    /// The command line, `--json` or a value is wrong.
    Usage(String),
    /// No usable credentials, with a hint on how to give some.
    Credentials(String),
    /// A local stream or file could not be read or written.
    Local(String),
    /// The client's error.
    Client(Error),
}

impl Failure {
    /// The exit code.
    pub fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => USAGE,
            Failure::Credentials(_) => CREDENTIALS,
            Failure::Local(_) => LOCAL,
            Failure::Client(error) => client_code(error),
        }
    }

    /// What to try, when the tool knows.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Failure::Credentials(_) | Failure::Client(Error::NotLoggedIn { .. }) => Some(
                "run `login`, or set VERYCLOUD_TOKEN (or VERYCLOUD_USERNAME and VERYCLOUD_PASSWORD)",
            ),
            Failure::Client(Error::Transport { .. } | Error::Timeout { .. }) => Some(
                "check the base URL (--base-url, VERYCLOUD_BASE_URL) and the network; --timeout gives a slow server longer",
            ),
            _ => None,
        }
    }
}

/// The exit code of a client error.
fn client_code(error: &Error) -> u8 {
    match error {
        Error::Api { .. } => API,
        Error::Transport { .. }
        | Error::Timeout { .. }
        | Error::Status { .. }
        | Error::Redirect { .. } => TRANSPORT,
        Error::Decode { .. } | Error::ReplyTooLarge { .. } => REPLY,
        Error::NotLoggedIn { .. } | Error::MissingEnv { .. } | Error::InvalidEnv { .. } => {
            CREDENTIALS
        }
        // A base URL or user agent the client cannot use, a request it cannot encode.
        Error::Config { .. } | Error::Encode { .. } => USAGE,
        // A kind of error this tool does not know yet: the server did not give a usable answer.
        _ => TRANSPORT,
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(message) | Failure::Credentials(message) | Failure::Local(message) => {
                f.write_str(message)
            }
            Failure::Client(error) => {
                write!(f, "{error}")?;
                // The client's message shows its source (reqwest's "error sending request"),
                // whose own sources say why ("Connection refused").
                let mut source =
                    std::error::Error::source(error).and_then(|source| source.source());
                while let Some(cause) = source {
                    write!(f, ": {cause}")?;
                    source = cause.source();
                }
                Ok(())
            }
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Client(error)
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;

    #[test]
    fn each_kind_of_failure_has_its_code() {
        let api = Failure::from(Error::Api {
            code: 40001,
            message: "余额不足".to_owned(),
            endpoint: "balance",
        });
        assert_eq!(api.code(), API);
        assert_eq!(api.to_string(), "balance: API error 40001: 余额不足");
        assert_eq!(
            Failure::from(Error::Timeout { endpoint: "x" }).code(),
            TRANSPORT
        );
        let decode = Error::Decode {
            endpoint: "x",
            message: "m".to_owned(),
            body_excerpt: String::new(),
        };
        assert_eq!(Failure::from(decode).code(), REPLY);
        assert_eq!(
            Failure::from(Error::NotLoggedIn { endpoint: "x" }).code(),
            CREDENTIALS
        );
        let config = Error::Config {
            message: "m".to_owned(),
        };
        assert_eq!(Failure::from(config).code(), USAGE);
        assert_eq!(Failure::Usage(String::new()).code(), USAGE);
        assert_eq!(Failure::Credentials(String::new()).code(), CREDENTIALS);
        assert_eq!(Failure::Local(String::new()).code(), LOCAL);
    }

    #[test]
    fn codes_are_distinct() {
        let mut codes = vec![SUCCESS, API, USAGE, TRANSPORT, REPLY, CREDENTIALS, LOCAL];
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 7);
    }
}
