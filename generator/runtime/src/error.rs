//! The one error type every call returns.

use std::time::Duration;

use reqwest::StatusCode;

/// Everything that can go wrong calling the API.
///
/// Messages never contain the access token or a password: the client removes both from body
/// excerpts before it builds an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the reply could not be read (connection refused,
    /// TLS failure, connection reset, …).
    #[error("{endpoint}: transport error: {source}")]
    Transport {
        /// The operation that failed.
        endpoint: &'static str,
        /// The underlying HTTP client error.
        #[source]
        source: reqwest::Error,
    },

    /// No complete reply arrived within the configured timeout.
    #[error("{endpoint}: timed out")]
    Timeout {
        /// The operation that timed out.
        endpoint: &'static str,
    },

    /// The server answered with an HTTP status other than 2xx or 3xx.
    #[error("{endpoint}: HTTP {status}: {body_excerpt}")]
    Status {
        /// The operation that failed.
        endpoint: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The start of the reply body, at most [`BODY_EXCERPT_LIMIT`] bytes.
        body_excerpt: String,
        /// How long the server asked callers to wait before trying again (its `Retry-After`,
        /// in seconds or as an HTTP date), if it said.
        retry_after: Option<Duration>,
    },

    /// The server answered with a redirect. The API documents none, and following one would
    /// send the access token or the password elsewhere, so the client follows none.
    ///
    /// When an HTTP client given to [`ClientBuilder::http_client`](crate::ClientBuilder::http_client)
    /// followed a `301`, `302` or `303` by itself (as a body-less `GET`), `status` is that of
    /// the reply at the end and `location` its URL; that reply is not used either.
    #[error("{endpoint}: HTTP {status}: redirect to {} refused", location.as_deref().unwrap_or("nowhere"))]
    Redirect {
        /// The operation that failed.
        endpoint: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The `Location` the server gave, if any.
        location: Option<String>,
    },

    /// The reply body is longer than the client's limit
    /// ([`ClientBuilder::max_reply_size`](crate::ClientBuilder::max_reply_size)); the client
    /// stopped reading it there.
    #[error("{endpoint}: the reply is larger than the limit of {limit} bytes")]
    ReplyTooLarge {
        /// The operation that failed.
        endpoint: &'static str,
        /// The limit, in bytes.
        limit: usize,
    },

    /// The server answered, but its envelope code says the call failed (this happens on
    /// HTTP 200 too).
    #[error("{endpoint}: API error {code}: {message}")]
    Api {
        /// The envelope's `code`.
        code: i64,
        /// The envelope's `message`, usually Chinese; empty when the reply had none.
        message: String,
        /// The operation that failed.
        endpoint: &'static str,
    },

    /// The reply is not what the operation promises: not JSON, not an object, no envelope
    /// code, or a member of the wrong shape.
    #[error("{endpoint}: cannot decode reply: {message}; body starts: {body_excerpt}")]
    Decode {
        /// The operation whose reply could not be decoded.
        endpoint: &'static str,
        /// What was wrong.
        message: String,
        /// The start of the reply body, at most [`BODY_EXCERPT_LIMIT`] bytes.
        body_excerpt: String,
    },

    /// The request could not be turned into a JSON object body.
    #[error("{endpoint}: cannot encode request: {message}")]
    Encode {
        /// The operation whose request failed to encode.
        endpoint: &'static str,
        /// What was wrong.
        message: String,
    },

    /// The operation needs an access token and the client has none: call
    /// [`Client::login`](crate::Client::login) or set a token first.
    #[error("{endpoint}: not logged in: log in or set an access token first")]
    NotLoggedIn {
        /// The operation that needed a token.
        endpoint: &'static str,
    },

    /// The client could not be built from the given settings.
    #[error("invalid client configuration: {message}")]
    Config {
        /// What was wrong.
        message: String,
    },

    /// [`Client::from_env`](crate::Client::from_env) needs an environment variable that is
    /// not set.
    #[error("environment variable {variable} is not set: {hint}")]
    MissingEnv {
        /// The variable, such as `VERYCLOUD_TOKEN`.
        variable: &'static str,
        /// What the client needs instead.
        hint: &'static str,
    },

    /// An environment variable [`Client::from_env`](crate::Client::from_env) reads is set to
    /// a value it cannot use. The value is not shown: it may be a token or a password.
    #[error("environment variable {variable} is invalid: {problem}")]
    InvalidEnv {
        /// The variable, such as `VERYCLOUD_BASE_URL`.
        variable: &'static str,
        /// What is wrong with it.
        problem: String,
    },
}

/// The longest body excerpt an error carries, in bytes.
pub const BODY_EXCERPT_LIMIT: usize = 512;

impl Error {
    /// Whether trying the same call again may succeed: transport errors, timeouts, HTTP 429
    /// and 5xx. The client retries only read-only operations, whatever this says.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { .. } | Error::Timeout { .. } => true,
            Error::Status { status, .. } => {
                *status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
            }
            _ => false,
        }
    }

    /// Whether this is [`Error::Timeout`].
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// The envelope code of an [`Error::Api`].
    pub fn api_code(&self) -> Option<i64> {
        match self {
            Error::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The HTTP status of an [`Error::Status`] or [`Error::Redirect`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Status { status, .. } | Error::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// How long the server asked callers to wait before trying again (`Retry-After` on an
    /// [`Error::Status`]). The client honours it itself when it retries; this is for a caller
    /// that retries on its own.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The operation the error belongs to, where there is one.
    pub fn endpoint(&self) -> Option<&'static str> {
        match self {
            Error::Transport { endpoint, .. }
            | Error::Timeout { endpoint }
            | Error::Status { endpoint, .. }
            | Error::Redirect { endpoint, .. }
            | Error::ReplyTooLarge { endpoint, .. }
            | Error::Api { endpoint, .. }
            | Error::Decode { endpoint, .. }
            | Error::Encode { endpoint, .. }
            | Error::NotLoggedIn { endpoint } => Some(endpoint),
            Error::Config { .. } | Error::MissingEnv { .. } | Error::InvalidEnv { .. } => None,
        }
    }

    /// A transport error, or [`Error::Timeout`] when reqwest says it timed out.
    pub(crate) fn from_reqwest(endpoint: &'static str, source: reqwest::Error) -> Error {
        if source.is_timeout() {
            Error::Timeout { endpoint }
        } else {
            // reqwest puts the URL into its messages; the URL never carries a secret here
            // (the token travels in the body), so the source is kept as is.
            Error::Transport { endpoint, source }
        }
    }
}

/// `text` with every non-empty secret replaced by `***`.
pub(crate) fn redact(text: &str, secrets: &[&str]) -> String {
    let mut text = text.to_owned();
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        text = text.replace(secret, "***");
        // PHP escapes `/` in JSON strings, and encoded passwords contain `/`.
        if secret.contains('/') {
            text = text.replace(&secret.replace('/', "\\/"), "***");
        }
    }
    text
}

/// The first [`BODY_EXCERPT_LIMIT`] bytes of `body`, cut on a character boundary, with every
/// secret replaced by `***` (the server may echo what it was sent).
pub(crate) fn body_excerpt(body: &[u8], secrets: &[&str]) -> String {
    // Secrets are replaced before cutting, so a cut cannot leave half of one behind.
    let mut text = redact(&String::from_utf8_lossy(body), secrets);
    let mut end = text.len().min(BODY_EXCERPT_LIMIT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let truncated = end < text.len();
    text.truncate(end);
    if truncated {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_bounded_and_cut_on_a_char_boundary() {
        // 3-byte characters: 512 is not a multiple of 3, so a byte cut would split one.
        let body = "云".repeat(400);
        let excerpt = body_excerpt(body.as_bytes(), &[]);
        let kept = excerpt.trim_end_matches('…');
        assert!(kept.len() <= BODY_EXCERPT_LIMIT);
        assert_eq!(kept.len(), 510);
        assert!(excerpt.ends_with('…'));
    }

    #[test]
    fn short_body_is_kept_whole() {
        assert_eq!(body_excerpt(b"{\"code\":0}", &[]), "{\"code\":0}");
    }

    #[test]
    fn excerpt_hides_secrets() {
        let excerpt = body_excerpt(b"{\"message\":\"bad token abc123\"}", &["abc123", ""]);
        assert_eq!(excerpt, "{\"message\":\"bad token ***\"}");
        let excerpt = body_excerpt(br#"{"password":"a\/b"}"#, &["a/b"]);
        assert_eq!(excerpt, r#"{"password":"***"}"#);
    }

    #[test]
    fn invalid_utf8_does_not_panic() {
        let excerpt = body_excerpt(&[0xff, 0xfe, b'a'], &[]);
        assert!(excerpt.ends_with('a'));
    }

    #[test]
    fn retryable_classification() {
        let status = |code: u16| Error::Status {
            endpoint: "x",
            status: StatusCode::from_u16(code).unwrap_or(StatusCode::OK),
            body_excerpt: String::new(),
            retry_after: None,
        };
        assert!(status(500).is_retryable());
        assert!(status(503).is_retryable());
        assert!(status(429).is_retryable());
        assert!(!status(404).is_retryable());
        assert!(!status(400).is_retryable());
        assert!(Error::Timeout { endpoint: "x" }.is_retryable());
        let api = Error::Api {
            code: 0,
            message: "失败".into(),
            endpoint: "x",
        };
        assert!(!api.is_retryable());
        assert_eq!(api.api_code(), Some(0));
        assert_eq!(api.endpoint(), Some("x"));
        assert!(!Error::NotLoggedIn { endpoint: "x" }.is_retryable());
    }
}
