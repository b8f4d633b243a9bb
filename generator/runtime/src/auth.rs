//! The access token a client holds: the token and its expiry, the credentials to renew it,
//! when to renew it, and keeping secrets out of Debug output and error messages. The calls
//! that log in are in `login.rs`; this module does no I/O.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

/// How long a token is taken to last when its login reply gives no expiry worth believing.
pub(crate) const ASSUMED_LIFETIME: Duration = Duration::from_secs(3600);

/// An expiry further away than this, from the time the token arrives, is not believed.
pub(crate) const LONGEST_BELIEVED_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);

/// An access token and, when the login reply said, when it expires.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    value: Secret,
    expires_at: Option<SystemTime>,
}

impl Token {
    /// A token from a login reply whose expiry member said `expires` (if it said anything
    /// readable), read at `now`.
    ///
    /// The expiry is believed only when it lies ahead, and not more than
    /// [`LONGEST_BELIEVED_LIFETIME`] ahead. One already past when the token arrives says a
    /// clock is wrong or the server sends a fixed value (the documented example's
    /// `1426473466` is in 2015), and believing it would mean logging in again before every
    /// call; one implausibly far away would mean never renewing. In those cases, and when the
    /// reply gives no readable expiry, the token is taken to last [`ASSUMED_LIFETIME`].
    pub(crate) fn from_reply(value: Secret, expires: Option<i64>, now: SystemTime) -> Self {
        let believed = expires
            .and_then(|expires| expiry_from_reply(expires, now))
            .filter(|expires_at| {
                *expires_at > now
                    && now
                        .checked_add(LONGEST_BELIEVED_LIFETIME)
                        .is_none_or(|latest| *expires_at <= latest)
            });
        Token {
            value,
            expires_at: believed.or_else(|| now.checked_add(ASSUMED_LIFETIME)),
        }
    }

    /// The token itself.
    pub(crate) fn value(&self) -> &Secret {
        &self.value
    }

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

impl Credentials {
    /// A user name and a password already encoded for the login endpoint.
    pub(crate) fn new(username: &str, encoded_password: &str) -> Self {
        Credentials {
            username: username.to_owned(),
            encoded_password: Secret::new(encoded_password),
        }
    }

    /// The user name.
    pub(crate) fn username(&self) -> &str {
        &self.username
    }

    /// The encoded password.
    pub(crate) fn encoded_password(&self) -> &Secret {
        &self.encoded_password
    }
}

/// What a call that needs the token should do, as [`AuthState::before_call`] decides.
#[derive(Debug)]
pub(crate) enum BeforeCall {
    /// Send this token.
    Send(Secret),
    /// Log in with these credentials first.
    Renew(Credentials),
    /// There is no token and no way to get one.
    NotLoggedIn,
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
        AuthState::new(token, None)
    }

    /// State holding `token` (expiry unknown), if any, and the credentials to log in with
    /// when there is no token.
    pub(crate) fn new(token: Option<Secret>, credentials: Option<Credentials>) -> Self {
        AuthState {
            token: token.map(Token::without_expiry),
            credentials,
        }
    }

    /// The current token's value.
    pub(crate) fn token(&self) -> Option<&Secret> {
        self.token.as_ref().map(Token::value)
    }

    /// Keeps a freshly issued token, and the credentials it was issued for, if given.
    pub(crate) fn store(&mut self, token: Token, credentials: Option<Credentials>) {
        self.token = Some(token);
        if credentials.is_some() {
            self.credentials = credentials;
        }
    }

    /// What a call at `now` should do: send the token, or log in again first when the token
    /// is due for renewal (or missing) and the credentials are known. Without credentials a
    /// stale token is still sent: the server has the last word.
    pub(crate) fn before_call(&self, now: SystemTime) -> BeforeCall {
        match (&self.token, &self.credentials) {
            (Some(token), Some(credentials)) if token.is_due_for_renewal(now) => {
                BeforeCall::Renew(credentials.clone())
            }
            (Some(token), _) => BeforeCall::Send(token.value.clone()),
            (None, Some(credentials)) => BeforeCall::Renew(credentials.clone()),
            (None, None) => BeforeCall::NotLoggedIn,
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

    #[test]
    fn an_expiry_past_or_implausibly_far_is_replaced_by_the_assumed_lifetime() {
        let now = UNIX_EPOCH + Duration::from_secs(1_750_000_000);
        let expiry = |expires: Option<i64>| {
            Token::from_reply(Secret::new("t"), expires, now)
                .expires_at
                .map(|at| {
                    at.duration_since(now)
                        .map_or(-1, |ahead| ahead.as_secs() as i64)
                })
        };
        let assumed = Some(ASSUMED_LIFETIME.as_secs() as i64);
        // Believed: a unix time ahead, a lifetime, up to the longest believed lifetime.
        assert_eq!(expiry(Some(1_750_007_200)), Some(7200));
        assert_eq!(expiry(Some(7200)), Some(7200));
        assert_eq!(expiry(Some(30)), Some(30));
        let longest = LONGEST_BELIEVED_LIFETIME.as_secs() as i64;
        assert_eq!(expiry(Some(1_750_000_000 + longest)), Some(longest));
        // Not believed: the documented example (2015), now itself, too far, nothing readable.
        assert_eq!(expiry(Some(1_426_473_466)), assumed);
        assert_eq!(expiry(Some(1_750_000_000)), assumed);
        assert_eq!(expiry(Some(0)), assumed);
        assert_eq!(expiry(Some(1_750_000_001 + longest)), assumed);
        assert_eq!(expiry(Some(i64::MAX)), assumed);
        assert_eq!(expiry(Some(-5)), assumed);
        assert_eq!(expiry(None), assumed);
    }

    #[test]
    fn a_token_with_a_past_expiry_is_not_renewed_before_every_call() {
        let login = UNIX_EPOCH + Duration::from_secs(1_750_000_000);
        let mut state = AuthState::default();
        state.store(
            Token::from_reply(Secret::new("t"), Some(1_426_473_466), login),
            Some(Credentials::new("u", "p")),
        );
        let sends = |at: SystemTime| matches!(state.before_call(at), BeforeCall::Send(_));
        assert!(sends(login));
        assert!(sends(
            login + ASSUMED_LIFETIME - RENEWAL_MARGIN - Duration::from_secs(1)
        ));
        assert!(!sends(login + ASSUMED_LIFETIME - RENEWAL_MARGIN));
    }
}
