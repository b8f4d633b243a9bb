//! The access token: logging in, keeping the token and its expiry, logging in again before it
//! runs out, and keeping secrets out of Debug output and error messages.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};

use crate::client::{Client, Operation};
use crate::error::Error;
use crate::wire::Lenient as _;

/// A string that must not be shown: an access token or a password. Its `Debug` prints `***`
/// and it has no `Display`, so it cannot end up in a log line by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the rare caller that must store or forward it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// How long before its expiry a token is replaced, so it cannot run out mid-request.
const RENEWAL_MARGIN: Duration = Duration::from_secs(60);

/// `expires` values below this are a lifetime in seconds rather than a unix time: no token
/// the API issues expires before 2001-09-09 (10^9 seconds after the epoch).
const RELATIVE_EXPIRY_LIMIT: u64 = 1_000_000_000;

/// An access token and, when the login reply said, when it expires.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    value: Secret,
    expires_at: Option<SystemTime>,
}

impl Token {
    /// A token whose expiry is unknown; it is used until the server rejects it.
    pub(crate) fn without_expiry(value: Secret) -> Self {
        Token {
            value,
            expires_at: None,
        }
    }

    /// Whether the token is within [`RENEWAL_MARGIN`] of its expiry, or past it, at `now`.
    fn is_due_for_renewal(&self, now: SystemTime) -> bool {
        self.expires_at
            .is_some_and(|expires_at| now + RENEWAL_MARGIN >= expires_at)
    }
}

/// What the client logs in with again when its token runs out. The password is kept only in
/// its encoded form, which is what the server is sent anyway.
#[derive(Debug, Clone)]
pub(crate) struct Credentials {
    username: String,
    encoded_password: Secret,
}

/// The client's authentication state, behind one async lock so that only one re-login runs
/// at a time and concurrent calls wait for its token.
#[derive(Debug, Default)]
pub(crate) struct AuthState {
    token: Option<Token>,
    credentials: Option<Credentials>,
}

impl AuthState {
    /// State holding `token`, if any, and no credentials.
    pub(crate) fn with_token(token: Option<Secret>) -> Self {
        AuthState {
            token: token.map(Token::without_expiry),
            credentials: None,
        }
    }
}

/// The expiry an `expires` value means, read at `now`: a unix time, or a lifetime in seconds
/// when it is too small to be one.
fn expiry_from_reply(expires: i64, now: SystemTime) -> Option<SystemTime> {
    let seconds = u64::try_from(expires).ok()?;
    if seconds < RELATIVE_EXPIRY_LIMIT {
        now.checked_add(Duration::from_secs(seconds))
    } else {
        UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
    }
}

impl Client {
    /// Logs in with `username` and the plain `password`, which is encoded as the login
    /// endpoint expects (see [`password::encrypt`](crate::password::encrypt)) and never sent
    /// or kept in plain text. The client keeps the token and logs in again shortly before it
    /// expires.
    pub async fn login(&self, username: &str, password: &str) -> Result<(), Error> {
        let encoded = crate::password::encrypt(password);
        self.login_encoded(username, &encoded).await
    }

    /// Logs in with a password already encoded for the login endpoint, as
    /// [`password::encrypt`](crate::password::encrypt) or VeryCloud's own SDK produce it.
    pub async fn login_encoded(&self, username: &str, encoded_password: &str) -> Result<(), Error> {
        let credentials = Credentials {
            username: username.to_owned(),
            encoded_password: Secret::new(encoded_password),
        };
        let mut state = self.auth_state().lock().await;
        let token = self.request_token(&credentials).await?;
        state.token = Some(token);
        state.credentials = Some(credentials);
        Ok(())
    }

    /// The current access token, if the client has one.
    pub async fn access_token(&self) -> Option<Secret> {
        let state = self.auth_state().lock().await;
        state.token.as_ref().map(|token| token.value.clone())
    }

    /// Replaces the access token with `token`, whose expiry is unknown, and forgets any login
    /// credentials (the client can no longer renew the token by itself).
    pub async fn set_token(&self, token: impl Into<Secret>) {
        let mut state = self.auth_state().lock().await;
        *state = AuthState::with_token(Some(token.into()));
    }

    /// The token `operation` should carry, logging in again first when the current one is
    /// due for renewal and the credentials are known.
    pub(crate) async fn token_for(&self, operation: &Operation) -> Result<Secret, Error> {
        let mut state = self.auth_state().lock().await;
        let renewal_credentials = match (&state.token, &state.credentials) {
            (Some(token), Some(credentials)) if token.is_due_for_renewal(SystemTime::now()) => {
                credentials.clone()
            }
            // Without credentials a stale token is still sent: the server has the last word.
            (Some(token), _) => return Ok(token.value.clone()),
            (None, Some(credentials)) => credentials.clone(),
            (None, None) => {
                return Err(Error::NotLoggedIn {
                    endpoint: operation.name,
                });
            }
        };
        let token = self.request_token(&renewal_credentials).await?;
        let value = token.value.clone();
        state.token = Some(token);
        Ok(value)
    }

    /// Calls the login endpoint. The caller holds the auth lock.
    async fn request_token(&self, credentials: &Credentials) -> Result<Token, Error> {
        let login = &self.service().login;
        let mut body = Map::new();
        body.insert(
            login.username_field.to_owned(),
            Value::String(credentials.username.clone()),
        );
        body.insert(
            login.password_field.to_owned(),
            Value::String(credentials.encoded_password.expose().to_owned()),
        );
        let secrets = vec![credentials.encoded_password.clone()];
        let reply = self.execute(&login.operation, body, secrets).await?;

        let value = match reply.member(login.access_token_field) {
            Some(Value::String(token)) if !token.is_empty() => Secret::new(token),
            Some(other) => {
                let shown = other.to_string();
                return Err(reply.decode_error_hiding(
                    format!("`{}` is not a non-empty string", login.access_token_field),
                    &shown,
                ));
            }
            None => {
                return Err(reply.decode_error_hiding(
                    format!("the reply has no `{}`", login.access_token_field),
                    "",
                ));
            }
        };
        // A token that works is not thrown away over an unreadable expiry: it is then kept
        // until the server rejects it.
        let expires_at = reply
            .member(login.expires_field)
            .and_then(|expires| Option::<i64>::from_json(&expires).ok().flatten())
            .and_then(|expires| expiry_from_reply(expires, SystemTime::now()));
        Ok(Token { value, expires_at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_debug_is_redacted() {
        let secret = Secret::new("6375710ffd834236652d044776303a4c");
        assert_eq!(format!("{secret:?}"), "\"***\"");
        assert_eq!(format!("{secret:#?}"), "\"***\"");
        assert_eq!(secret.expose(), "6375710ffd834236652d044776303a4c");
    }

    #[test]
    fn auth_state_debug_hides_token_and_password() {
        let state = AuthState {
            token: Some(Token {
                value: Secret::new("tok-6375710ffd"),
                expires_at: Some(UNIX_EPOCH),
            }),
            credentials: Some(Credentials {
                username: "example_user".into(),
                encoded_password: Secret::new("SB8iW8x9wFF1WMoEA"),
            }),
        };
        let shown = format!("{state:?}");
        assert!(!shown.contains("tok-6375710ffd"), "{shown}");
        assert!(!shown.contains("SB8iW8x9wFF1WMoEA"), "{shown}");
        assert!(shown.contains("example_user"), "{shown}");
    }

    #[test]
    fn renewal_is_due_within_the_margin() {
        let now = UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        let token = |expires_in: u64| Token {
            value: Secret::new("t"),
            expires_at: Some(now + Duration::from_secs(expires_in)),
        };
        assert!(token(0).is_due_for_renewal(now));
        assert!(token(59).is_due_for_renewal(now));
        assert!(token(60).is_due_for_renewal(now));
        assert!(!token(61).is_due_for_renewal(now));
        assert!(!token(3600).is_due_for_renewal(now));
        let past = Token {
            value: Secret::new("t"),
            expires_at: Some(now - Duration::from_secs(10)),
        };
        assert!(past.is_due_for_renewal(now));
        assert!(!Token::without_expiry(Secret::new("t")).is_due_for_renewal(now));
    }

    #[test]
    fn expires_is_a_unix_time_or_a_lifetime() {
        let now = UNIX_EPOCH + Duration::from_secs(1_500_000_000);
        assert_eq!(
            expiry_from_reply(1_426_473_466, now),
            Some(UNIX_EPOCH + Duration::from_secs(1_426_473_466))
        );
        assert_eq!(
            expiry_from_reply(7200, now),
            Some(now + Duration::from_secs(7200))
        );
        assert_eq!(expiry_from_reply(-1, now), None);
    }
}
