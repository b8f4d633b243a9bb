//! Logging in: the client's calls that trade credentials for a token, and getting a call
//! its token (logging in again first when the token is due). The rules are `auth.rs`'s.
//!
//! Every way of logging in ends here and keeps the token alike: [`Client::login`],
//! [`Client::login_encoded`], and the login endpoint's own generated method
//! (`client.oauth().authorize(..)`), which `Client::call` routes to [`Client::log_in_with`].

use std::time::SystemTime;

use bytes::Bytes;
use serde_json::{Map, Value};

use crate::auth::{AuthState, BeforeCall, Credentials, Secret, Token};
use crate::client::{Client, Operation, Reply};
use crate::error::Error;
use crate::wire::decode_member;

impl Client {
    /// Logs in with `username` and the plain `password`, which is encoded as the login
    /// endpoint expects (see [`password::encrypt`](crate::password::encrypt)) and never sent
    /// or kept in plain text.
    ///
    /// The client keeps the token and the credentials, and logs in again by itself shortly
    /// before the token expires. The expiry is the login reply's `expires` when that lies
    /// ahead and within 30 days; an `expires` already past when the token arrives (the
    /// documented example's is in 2015), further away, or missing is not believed, and the
    /// token is then renewed an hour after it was issued.
    ///
    /// `client.oauth().authorize(request)` logs in the same way (it keeps the token and
    /// renews it alike) with a password already encoded, and returns the login reply too.
    pub async fn login(&self, username: &str, password: &str) -> Result<(), Error> {
        let encoded = crate::password::encrypt(password);
        self.login_encoded(username, &encoded).await
    }

    /// Logs in with a password already encoded for the login endpoint, as
    /// [`password::encrypt`](crate::password::encrypt) or VeryCloud's own SDK produce it.
    /// The client keeps and renews the token as [`Client::login`] says.
    pub async fn login_encoded(&self, username: &str, encoded_password: &str) -> Result<(), Error> {
        let credentials = Credentials::new(username, encoded_password);
        let mut state = self.auth_state().lock().await;
        let (token, _reply) = self.request_token(&credentials).await?;
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
        crate::trace::logging_in_again(operation.name);
        let (token, _reply) = match self.request_token(&credentials).await {
            Ok(renewed) => renewed,
            Err(error) => {
                crate::trace::login_again_failed(operation.name, &error);
                return Err(error);
            }
        };
        let value = token.value().clone();
        state.store(token, None);
        Ok(value)
    }

    /// Sends `body` to the login endpoint `operation` and keeps the token the reply carries
    /// and `credentials`, which `body` holds, to log in with again. Returns the reply, for the
    /// login endpoint's generated method to decode.
    pub(crate) async fn log_in_with(
        &self,
        operation: &Operation,
        body: Bytes,
        credentials: Option<Credentials>,
    ) -> Result<Reply, Error> {
        let mut state = self.auth_state().lock().await;
        let (token, reply) = self
            .send_login(operation, body, credentials.as_ref())
            .await?;
        state.store(token, credentials);
        Ok(reply)
    }

    /// Calls the login endpoint with `credentials`. The caller holds the auth lock.
    async fn request_token(&self, credentials: &Credentials) -> Result<(Token, Reply), Error> {
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
        let body = serde_json::to_vec(&body).map_err(|error| Error::Encode {
            endpoint: login.operation.name,
            message: error.to_string(),
        })?;
        self.send_login(&login.operation, Bytes::from(body), Some(credentials))
            .await
    }

    /// Sends a login request and reads the token from its reply. The caller holds the auth
    /// lock.
    async fn send_login(
        &self,
        operation: &Operation,
        body: Bytes,
        credentials: Option<&Credentials>,
    ) -> Result<(Token, Reply), Error> {
        let login = &self.service().login;
        let secrets = credentials
            .map(|credentials| vec![credentials.encoded_password().clone()])
            .unwrap_or_default();
        let mut reply = self.execute(operation, body, secrets).await?;

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
        reply.hide(value.clone());
        // A token that works is not thrown away over an unreadable expiry: `Token::from_reply`
        // then assumes a lifetime.
        let expires =
            decode_member::<Option<i64>>(reply.raw_member(login.expires_field)).unwrap_or(None);
        Ok((Token::from_reply(value, expires, SystemTime::now()), reply))
    }
}
