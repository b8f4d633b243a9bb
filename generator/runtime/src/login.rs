//! Logging in: the client's calls that trade credentials for a token, and getting a call
//! its token (logging in again first when the token is due). The rules are `auth.rs`'s.

use std::time::SystemTime;

use serde_json::{Map, Value};

use crate::auth::{AuthState, BeforeCall, Credentials, Secret, Token};
use crate::client::{Client, Operation};
use crate::error::Error;
use crate::wire::Lenient as _;

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
        let credentials = Credentials::new(username, encoded_password);
        let mut state = self.auth_state().lock().await;
        let token = self.request_token(&credentials).await?;
        state.store(token, Some(credentials));
        Ok(())
    }

    /// The current access token, if the client has one.
    pub async fn access_token(&self) -> Option<Secret> {
        let state = self.auth_state().lock().await;
        state.token().cloned()
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
        let credentials = match state.before_call(SystemTime::now()) {
            BeforeCall::Send(token) => return Ok(token),
            BeforeCall::Renew(credentials) => credentials,
            BeforeCall::NotLoggedIn => {
                return Err(Error::NotLoggedIn {
                    endpoint: operation.name,
                });
            }
        };
        let token = self.request_token(&credentials).await?;
        let value = token.value().clone();
        state.store(token, None);
        Ok(value)
    }

    /// Calls the login endpoint. The caller holds the auth lock.
    async fn request_token(&self, credentials: &Credentials) -> Result<Token, Error> {
        let login = &self.service().login;
        let mut body = Map::new();
        body.insert(
            login.username_field.to_owned(),
            Value::String(credentials.username().to_owned()),
        );
        body.insert(
            login.password_field.to_owned(),
            Value::String(credentials.encoded_password().expose().to_owned()),
        );
        let secrets = vec![credentials.encoded_password().clone()];
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
        let expires = reply
            .member(login.expires_field)
            .and_then(|expires| Option::<i64>::from_json(&expires).ok().flatten());
        Ok(Token::from_reply(value, expires, SystemTime::now()))
    }
}
