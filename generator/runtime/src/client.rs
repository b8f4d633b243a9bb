//! The client: configuration, sending a call, and checking the reply envelope.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue, LOCATION, RETRY_AFTER, USER_AGENT};
use serde::Serializer as _;
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::auth::{AuthState, Credentials, Secret};
use crate::error::{Error, body_excerpt};
#[cfg(feature = "paging")]
use crate::paging::Page;
use crate::retry::{RetryPolicy, retry_after};
use crate::trace;
#[cfg(feature = "data-member")]
use crate::wire::{Lenient, decode_lenient};
use crate::wire::{decode_member, decode_plain};

/// One endpoint, as the generated code describes it.
#[derive(Debug)]
pub(crate) struct Operation {
    /// The operation name, used in errors.
    pub name: &'static str,
    /// The path below the base URL.
    pub path: &'static str,
    /// The body carries the access token.
    pub needs_token: bool,
    /// The call changes nothing, so it may be retried.
    pub read_only: bool,
}

/// The reply wrapper's member names and the success code.
#[derive(Debug)]
pub(crate) struct Envelope {
    pub code_field: &'static str,
    pub message_field: &'static str,
    #[cfg(feature = "data-member")]
    pub data_field: &'static str,
    pub success_code: i64,
}

/// The API a client calls: its address, its reply envelope and how to log in.
///
/// The runtime names no generated item. The crate that embeds it hands its `Service` over by
/// implementing `Default` for [`ClientBuilder`] with [`ClientBuilder::for_service`]: the
/// generated crate's `operations.rs` with the documented API, this crate's own `lib.rs` with a
/// stand-in for its tests.
pub(crate) struct Service {
    /// The address every path is below.
    pub base_url: &'static str,
    /// The reply wrapper.
    pub envelope: Envelope,
    /// The login endpoint.
    pub login: LoginOperation,
    /// Every operation with its documented reply, which the mock server answers with.
    #[cfg(feature = "mock")]
    pub documented: &'static [Documented],
}

/// An operation and its documented reply example (JSON text), which the mock server
/// (`mock.rs`) answers with.
#[cfg(feature = "mock")]
#[derive(Debug)]
pub(crate) struct Documented {
    pub operation: &'static Operation,
    pub reply: &'static str,
}

impl fmt::Debug for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The address says which API; the rest is the same for every client of it.
        f.debug_tuple("Service").field(&self.base_url).finish()
    }
}

/// The login endpoint and the wire names logging in needs.
#[derive(Debug)]
pub(crate) struct LoginOperation {
    pub operation: Operation,
    pub username_field: &'static str,
    pub password_field: &'static str,
    pub access_token_field: &'static str,
    pub expires_field: &'static str,
    /// The request member every `needs_token` operation carries the token in.
    pub token_field: &'static str,
}

/// The default `User-Agent`.
const DEFAULT_USER_AGENT: &str = concat!("verycloud-rust/", env!("CARGO_PKG_VERSION"));

/// The default limit on one attempt of a call, from connecting to the end of the reply.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The default limit on the size of a reply body: 16 MiB.
///
/// The largest documented reply is a page of sub-accounts, about 1.3 KiB an item; a page of
/// 1000 such items is about 1.3 MiB, so the default leaves a margin of more than ten times
/// the largest page a caller is likely to ask for, while still stopping a server that streams
/// without end long before it fills the memory of a small machine.
pub const DEFAULT_MAX_REPLY_SIZE: usize = 16 * 1024 * 1024;

/// How much of a non-2xx reply is read for the error's excerpt.
const STATUS_BODY_READ: usize = 8 * 1024;

/// How the client waits between attempts.
type SleepFn = dyn Fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync;

#[derive(Clone)]
struct Sleeper(Option<Arc<SleepFn>>);

impl Sleeper {
    async fn sleep(&self, wait: Duration) {
        match &self.0 {
            Some(sleep) => sleep(wait).await,
            None => tokio::time::sleep(wait).await,
        }
    }
}

impl fmt::Debug for Sleeper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Some(_) => "custom",
            None => "tokio::time::sleep",
        })
    }
}

/// A VeryCloud API client.
///
/// Cheap to clone: clones share one connection pool and one access token. Build one with
/// [`Client::builder`], [`Client::from_env`] or [`Client::with_token`], log in with
/// [`Client::login`] (or give the builder [`credentials`](ClientBuilder::credentials)), then
/// call the API through the group accessors.
///
/// For one call that needs another timeout or retry policy, call it through a view:
/// [`client.with_timeout(..)`](Client::with_timeout) and
/// [`client.with_retry(..)`](Client::with_retry) return a client sharing this one's
/// connections and token, with the one setting changed.
///
/// The client follows no redirect (the API documents none): a 3xx reply is
/// [`Error::Redirect`], carrying the status and `Location`.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// The limit on each attempt of a call (per view: see [`Client::with_timeout`]).
    timeout: Duration,
    /// How read-only calls are retried (per view: see [`Client::with_retry`]).
    retry: RetryPolicy,
}

struct Inner {
    service: &'static Service,
    http: reqwest::Client,
    base_url: String,
    user_agent: HeaderValue,
    max_reply_size: usize,
    sleeper: Sleeper,
    auth: tokio::sync::Mutex<AuthState>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token sits behind an async lock; it is not shown in any case.
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("user_agent", &self.inner.user_agent)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("max_reply_size", &self.inner.max_reply_size)
            .finish_non_exhaustive()
    }
}

/// Settings for a [`Client`]; start with [`Client::builder`].
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    service: &'static Service,
    base_url: String,
    timeout: Duration,
    user_agent: String,
    http_client: Option<reqwest::Client>,
    retry: RetryPolicy,
    max_reply_size: usize,
    sleeper: Sleeper,
    token: Option<Secret>,
    credentials: Option<Credentials>,
}

impl ClientBuilder {
    /// Default settings for a client of `service`; see [`Service`] for who calls this.
    pub(crate) fn for_service(service: &'static Service) -> Self {
        ClientBuilder {
            service,
            base_url: service.base_url.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            http_client: None,
            retry: RetryPolicy::default(),
            max_reply_size: DEFAULT_MAX_REPLY_SIZE,
            sleeper: Sleeper(None),
            token: None,
            credentials: None,
        }
    }
}

impl ClientBuilder {
    /// The API these settings are for (the mock server's).
    #[cfg(feature = "mock")]
    pub(crate) fn service(&self) -> &'static Service {
        self.service
    }

    /// The API's base URL; defaults to the documented one. Operation paths are appended to it.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The limit on each attempt of a call, from connecting to the end of the reply;
    /// defaults to 30 seconds. Retries get the same limit each.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header; defaults to `verycloud-rust/<crate version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends requests with this `reqwest::Client` (its proxy, TLS and pool settings) instead
    /// of one the builder makes. The builder's timeout and user agent still apply per request.
    ///
    /// Build it with `.redirect(reqwest::redirect::Policy::none())`. If it follows redirects
    /// anyway, the request body (which holds the access token or the password) is still never
    /// sent again: the client sends it in a form `reqwest` cannot replay, so a `307` or `308`
    /// is not followed, and a `301`, `302` or `303` becomes a body-less `GET`. Whatever such
    /// a redirect brings back is refused as [`Error::Redirect`].
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http_client = Some(http_client);
        self
    }

    /// How read-only calls are retried; defaults to [`RetryPolicy::default`].
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The largest reply body the client reads, in bytes; defaults to
    /// [`DEFAULT_MAX_REPLY_SIZE`] (16 MiB). A longer reply is [`Error::ReplyTooLarge`]: the
    /// client stops reading at the limit (or at once, when `Content-Length` says the body is
    /// longer) and never holds more than the limit in memory.
    pub fn max_reply_size(mut self, bytes: usize) -> Self {
        self.max_reply_size = bytes;
        self
    }

    /// How the client waits before a retry; defaults to `tokio::time::sleep`. The function
    /// is given the wait the retry policy (or the server's `Retry-After`) asks for: replace it
    /// to run on another timer, to log retries, or to observe waits in tests.
    pub fn sleeper<F, Fut>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.sleeper = Sleeper(Some(Arc::new(move |wait| Box::pin(sleep(wait)))));
        self
    }

    /// Starts with this access token (expiry unknown) instead of logging in.
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Logs in with `username` and the plain `password` by itself: on the first call that
    /// needs a token (unless [`token`](Self::token) gave one), and again whenever the token is
    /// due, as [`Client::login`] says. The password is encoded at once (see
    /// [`password::encrypt`](crate::password::encrypt)) and never kept or sent in plain text.
    pub fn credentials(mut self, username: impl Into<String>, password: &str) -> Self {
        let encoded = crate::password::encrypt(password);
        self.credentials = Some(Credentials::new(&username.into(), &encoded));
        self
    }

    /// Default settings changed by the environment; see [`Client::from_env`] for the
    /// variables, and for the errors.
    pub fn from_env() -> Result<ClientBuilder, Error> {
        ClientBuilder::default().env_from(|name| std::env::var_os(name))
    }

    /// Applies the variables `var` gives (the environment, or a test's table).
    fn env_from(
        mut self,
        var: impl Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Result<ClientBuilder, Error> {
        let read = |variable: &'static str| -> Result<Option<String>, Error> {
            let invalid = |problem: &str| Error::InvalidEnv {
                variable,
                problem: problem.to_owned(),
            };
            match var(variable) {
                None => Ok(None),
                Some(value) => match value.into_string() {
                    Ok(text) if text.trim().is_empty() => Err(invalid("it is empty")),
                    Ok(text) => Ok(Some(text)),
                    Err(_) => Err(invalid("it is not valid UTF-8")),
                },
            }
        };
        if let Some(base_url) = read(ENV_BASE_URL)? {
            let base_url = base_url.trim().to_owned();
            checked_base_url(&base_url).map_err(|problem| Error::InvalidEnv {
                variable: ENV_BASE_URL,
                problem,
            })?;
            self.base_url = base_url;
        }
        let token = read(ENV_TOKEN)?;
        match (read(ENV_USERNAME)?, read(ENV_PASSWORD)?) {
            (Some(username), Some(password)) => self = self.credentials(username, &password),
            (Some(_), None) => {
                return Err(Error::MissingEnv {
                    variable: ENV_PASSWORD,
                    hint: "VERYCLOUD_USERNAME is set, and logging in needs both",
                });
            }
            (None, Some(_)) => {
                return Err(Error::MissingEnv {
                    variable: ENV_USERNAME,
                    hint: "VERYCLOUD_PASSWORD is set, and logging in needs both",
                });
            }
            (None, None) if token.is_none() => {
                return Err(Error::MissingEnv {
                    variable: ENV_TOKEN,
                    hint: "set VERYCLOUD_TOKEN, or VERYCLOUD_USERNAME and VERYCLOUD_PASSWORD",
                });
            }
            (None, None) => {}
        }
        if let Some(token) = token {
            self = self.token(token.trim());
        }
        Ok(self)
    }

    /// Builds the client.
    ///
    /// Fails with [`Error::Config`] when the base URL is not an absolute http(s) URL, the
    /// user agent is not a valid header value, or the HTTP client cannot be set up.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = checked_base_url(&self.base_url).map_err(|problem| Error::Config {
            message: format!("base URL {:?}: {problem}", self.base_url),
        })?;
        let user_agent = HeaderValue::from_str(&self.user_agent).map_err(|_| Error::Config {
            message: format!(
                "user agent {:?} is not a valid header value",
                self.user_agent
            ),
        })?;
        let http = match self.http_client {
            Some(http) => http,
            None => default_http_client()?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                service: self.service,
                http,
                base_url,
                user_agent,
                max_reply_size: self.max_reply_size,
                sleeper: self.sleeper,
                auth: tokio::sync::Mutex::new(AuthState::new(self.token, self.credentials)),
            }),
            timeout: self.timeout,
            retry: self.retry,
        })
    }
}

/// The variable [`Client::from_env`] reads the base URL from.
const ENV_BASE_URL: &str = "VERYCLOUD_BASE_URL";
/// The variable [`Client::from_env`] reads the access token from.
const ENV_TOKEN: &str = "VERYCLOUD_TOKEN";
/// The variable [`Client::from_env`] reads the user name from.
const ENV_USERNAME: &str = "VERYCLOUD_USERNAME";
/// The variable [`Client::from_env`] reads the plain password from.
const ENV_PASSWORD: &str = "VERYCLOUD_PASSWORD";

/// `base_url` without trailing slashes, or why it is not an absolute http(s) URL.
fn checked_base_url(base_url: &str) -> Result<String, String> {
    let base_url = base_url.trim_end_matches('/').to_owned();
    let parsed = reqwest::Url::parse(&base_url).map_err(|error| error.to_string())?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("not http or https".to_owned());
    }
    Ok(base_url)
}

/// An HTTP client speaking TLS through rustls with the ring provider and the platform's
/// certificate verifier, following no redirects.
///
/// The provider is handed to this client only, not installed process-wide, so an application
/// that installs its own default provider later is not refused for finding one there.
fn default_http_client() -> Result<reqwest::Client, Error> {
    use rustls_platform_verifier::BuilderVerifierExt as _;

    let config_error = |what: &str, error: &dyn fmt::Display| Error::Config {
        message: format!("{what}: {error}"),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| config_error("TLS versions", &error))?
        .with_platform_verifier()
        .map_err(|error| config_error("TLS certificate verifier", &error))?
        .with_no_client_auth();
    // reqwest sets ALPN only on configs it builds itself; this client speaks HTTP/1.1.
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|error| config_error("HTTP client", &error))
}

impl Client {
    /// Settings for a new client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client with default settings.
    pub fn new() -> Result<Client, Error> {
        Client::builder().build()
    }

    /// A client with default settings that sends `token` (expiry unknown) with every call
    /// that needs one.
    pub fn with_token(token: impl Into<Secret>) -> Result<Client, Error> {
        Client::builder().token(token).build()
    }

    /// A client configured by the environment, as deployments configure one:
    ///
    /// | variable | meaning |
    /// | --- | --- |
    /// | `VERYCLOUD_BASE_URL` | the API's base URL (optional; the documented one by default) |
    /// | `VERYCLOUD_TOKEN` | an access token, sent with every call that needs one |
    /// | `VERYCLOUD_USERNAME`, `VERYCLOUD_PASSWORD` | a user name and its plain password: the client logs in on the first call that needs a token, and again when the token is due |
    ///
    /// It needs `VERYCLOUD_TOKEN`, or `VERYCLOUD_USERNAME` and `VERYCLOUD_PASSWORD` (or all
    /// three: the token is used first). The other settings are the defaults; to change one,
    /// start from [`ClientBuilder::from_env`] instead.
    ///
    /// Fails with [`Error::MissingEnv`] naming the variable that is missing, or
    /// [`Error::InvalidEnv`] naming the one that is set but empty, not UTF-8 or (the base
    /// URL) not an absolute http(s) URL. Neither error shows a variable's value.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), verycloud::Error> {
    /// // VERYCLOUD_TOKEN=… (or VERYCLOUD_USERNAME=… VERYCLOUD_PASSWORD=…) in the environment
    /// let client = verycloud::Client::from_env()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build()
    }

    /// A view of this client whose calls may each take up to `timeout` an attempt, for one
    /// slow call: `client.with_timeout(Duration::from_secs(120)).finance().invoice_list(request).await`.
    ///
    /// The view shares this client's connections, token and other settings (a login through
    /// either is seen by both); making one costs a reference count. Calls through `client`
    /// itself keep its own timeout. A `*_stream` method borrows the client it is called on:
    /// to walk a stream through a view, bind the view to a variable first.
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        Client {
            timeout,
            ..self.clone()
        }
    }

    /// A view of this client whose read-only calls are retried by `retry`, for one call that
    /// must not wait (`RetryPolicy::none()`) or may try harder. Shares everything else, as
    /// [`Client::with_timeout`] says.
    pub fn with_retry(&self, retry: RetryPolicy) -> Client {
        Client {
            retry,
            ..self.clone()
        }
    }

    /// The API this client calls, for auth.rs.
    pub(crate) fn service(&self) -> &'static Service {
        self.inner.service
    }

    /// The auth state, for auth.rs.
    pub(crate) fn auth_state(&self) -> &tokio::sync::Mutex<AuthState> {
        &self.inner.auth
    }

    /// Serialises `body` to a JSON object, inserts the token first when `operation` needs
    /// one (logging in again first when it is due for renewal and the credentials are known),
    /// POSTs it, retries per the retry policy only if `operation.read_only`, and returns the
    /// reply once its envelope says success.
    ///
    /// A call of the login endpoint itself keeps the token it returns and the credentials it
    /// sent, exactly as [`Client::login_encoded`] does.
    pub(crate) async fn call<B: Serialize + ?Sized>(
        &self,
        operation: &'static Operation,
        body: &B,
    ) -> Result<Reply, Error> {
        let members = RequestMembers::of(operation, body)?;
        let login = &self.inner.service.login;
        if operation.path == login.operation.path {
            let credentials = members.credentials(login);
            let body = members.to_body(operation, None)?;
            return self.log_in_with(operation, body, credentials).await;
        }
        if !operation.needs_token {
            let body = members.to_body(operation, None)?;
            return self.execute(operation, body, Vec::new()).await;
        }
        let token = self.token_for(operation).await?;
        let body = members.to_body(operation, Some((login.token_field, &token)))?;
        self.execute(operation, body, vec![token]).await
    }

    /// Sends `body` with retries and checks the reply. `secrets` are hidden from errors.
    ///
    /// Between attempts the client waits as the retry policy says, or as the server's
    /// `Retry-After` asks when the policy allows that long; see [`RetryPolicy::delay`]. The
    /// call and each attempt are traced (`trace.rs`).
    pub(crate) async fn execute(
        &self,
        operation: &Operation,
        body: Bytes,
        secrets: Vec<Secret>,
    ) -> Result<Reply, Error> {
        let call = trace::Call::start(operation.name, operation.path);
        call.instrument(self.attempts(operation, body, secrets, &call))
            .await
    }

    /// The attempts of one call, as [`Client::execute`] says.
    async fn attempts(
        &self,
        operation: &Operation,
        body: Bytes,
        secrets: Vec<Secret>,
        call: &trace::Call,
    ) -> Result<Reply, Error> {
        let retry = self.retry;
        let max_retries = if operation.read_only {
            retry.max_retries
        } else {
            0
        };
        let mut attempts: u32 = 0;
        loop {
            attempts += 1;
            let attempt = call.attempt(attempts);
            let mut status = None;
            let result = attempt
                .instrument(self.send_once(operation, &body, &secrets, &mut status))
                .await;
            let code = match &result {
                Ok(_) => Some(self.inner.service.envelope.success_code),
                Err(error) => error.api_code(),
            };
            attempt.finish(status, code, &result);
            let retries_done = attempts - 1;
            let error = match result {
                Err(error) if error.is_retryable() => error,
                result => {
                    call.finish(attempts, status, code, &result);
                    return result;
                }
            };
            let wait = if retries_done >= max_retries {
                Err(if !operation.read_only {
                    "the operation changes state, so it is never retried"
                } else if max_retries == 0 {
                    "the retry policy allows no retries"
                } else {
                    "no retries left"
                })
            } else {
                retry.delay(retries_done, error.retry_after()).ok_or(
                    "the server's Retry-After asks for a longer wait than the retry policy's max_backoff",
                )
            };
            match wait {
                Ok(wait) => {
                    call.retrying(attempts, wait, &error);
                    self.inner.sleeper.sleep(wait).await;
                }
                Err(reason) => {
                    call.giving_up(attempts, &error, reason);
                    let result = Err(error);
                    call.finish(attempts, status, code, &result);
                    return result;
                }
            }
        }
    }

    async fn send_once(
        &self,
        operation: &Operation,
        body: &Bytes,
        secrets: &[Secret],
        status_seen: &mut Option<u16>,
    ) -> Result<Reply, Error> {
        let endpoint = operation.name;
        let url = format!("{}{}", self.inner.base_url, operation.path);
        let url = reqwest::Url::parse(&url).map_err(|error| Error::Config {
            message: format!("URL {url:?}: {error}"),
        })?;
        let transport_error = |error| Error::from_reqwest(endpoint, error);
        // A body reqwest cannot clone is a body no redirect can send again, whatever the HTTP
        // client's redirect policy (see `ClientBuilder::http_client`).
        let once = reqwest::Body::wrap(http_body_util::Full::new(body.clone()));
        let response = self
            .inner
            .http
            .post(url.clone())
            .header(CONTENT_TYPE, "application/json; charset=utf-8")
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, self.inner.user_agent.clone())
            .timeout(self.timeout)
            .body(once)
            .send()
            .await
            .map_err(transport_error)?;
        let status = response.status();
        *status_seen = Some(status.as_u16());
        let hidden = exposed(secrets);
        if status.is_redirection() || response.url() != &url {
            // A redirect the HTTP client followed by itself ends at another URL: what it
            // brings back is not the API's reply.
            let location = if response.url() == &url {
                response
                    .headers()
                    .get(LOCATION)
                    .map(|location| String::from_utf8_lossy(location.as_bytes()).into_owned())
            } else {
                Some(response.url().to_string())
            };
            return Err(Error::Redirect {
                endpoint,
                status,
                location: location.map(|location| crate::error::redact(&location, &hidden)),
            });
        }
        if !status.is_success() {
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|value| retry_after(value.as_bytes(), SystemTime::now()));
            let limit = self.inner.max_reply_size.min(STATUS_BODY_READ);
            let (bytes, _complete) = read_body(response, limit).await.map_err(transport_error)?;
            return Err(Error::Status {
                endpoint,
                status,
                body_excerpt: body_excerpt(&bytes, &hidden),
                retry_after,
            });
        }
        let limit = self.inner.max_reply_size;
        let too_large = Error::ReplyTooLarge { endpoint, limit };
        if response
            .content_length()
            .is_some_and(|length| length > u64::try_from(limit).unwrap_or(u64::MAX))
        {
            return Err(too_large);
        }
        let (bytes, complete) = read_body(response, limit).await.map_err(transport_error)?;
        if !complete {
            return Err(too_large);
        }
        Reply::check(
            &self.inner.service.envelope,
            endpoint,
            bytes,
            secrets.to_vec(),
        )
    }
}

/// Reads `response`'s body up to `limit` bytes, and says whether that was all of it. Past
/// the limit nothing more is read: the connection is dropped with the rest unread.
async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<(Bytes, bool), reqwest::Error> {
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        let room = limit - body.len();
        if chunk.len() > room {
            body.extend_from_slice(chunk.get(..room).unwrap_or_default());
            return Ok((body.freeze(), false));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body.freeze(), true))
}

/// A request body's members, in order, each as its exact JSON text.
#[derive(Default)]
pub(crate) struct RequestMembers(Vec<(String, Box<RawValue>)>);

impl RequestMembers {
    /// `body`'s members; a body that serialises to `null` (a unit struct) has none. The body
    /// is serialised to text, not to a `serde_json::Value`, so numbers keep their digits.
    pub(crate) fn of<B: Serialize + ?Sized>(
        operation: &Operation,
        body: &B,
    ) -> Result<Self, Error> {
        let encode_error = |message: String| Error::Encode {
            endpoint: operation.name,
            message,
        };
        let text = serde_json::to_string(body).map_err(|error| encode_error(error.to_string()))?;
        serde_json::from_str::<Option<RequestMembers>>(&text)
            .map(Option::unwrap_or_default)
            .map_err(|_| {
                let kind = serde_json::from_str::<Value>(&text)
                    .map_or("not JSON", |value| json_kind(&value));
                encode_error(format!("the body must be a JSON object, not {kind}"))
            })
    }

    /// The members a login sends, as credentials the client can log in with again.
    fn credentials(&self, login: &LoginOperation) -> Option<Credentials> {
        let text = |name: &str| {
            self.0
                .iter()
                .find(|(member, _)| member == name)
                .and_then(|(_, raw)| serde_json::from_str::<String>(raw.get()).ok())
        };
        Some(Credentials::new(
            &text(login.username_field)?,
            &text(login.password_field)?,
        ))
    }

    /// The JSON body: `token` first when given, then every other member in order.
    pub(crate) fn to_body(
        &self,
        operation: &Operation,
        token: Option<(&str, &Secret)>,
    ) -> Result<Bytes, Error> {
        let mut body = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut body);
        let written = (|| {
            let mut map = serializer.serialize_map(None)?;
            if let Some((field, token)) = token {
                map.serialize_entry(field, token.expose())?;
            }
            let token_field = token.map(|(field, _)| field);
            for (name, value) in &self.0 {
                if Some(name.as_str()) != token_field {
                    map.serialize_entry(name, value)?;
                }
            }
            map.end()
        })();
        written.map_err(|error: serde_json::Error| Error::Encode {
            endpoint: operation.name,
            message: error.to_string(),
        })?;
        Ok(Bytes::from(body))
    }
}

impl<'de> Deserialize<'de> for RequestMembers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;

        impl<'de> serde::de::Visitor<'de> for MembersVisitor {
            type Value = RequestMembers;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push(member);
                }
                Ok(RequestMembers(members))
            }
        }

        deserializer.deserialize_map(MembersVisitor)
    }
}

fn exposed(secrets: &[Secret]) -> Vec<&str> {
    secrets.iter().map(Secret::expose).collect()
}

/// A member's value; raw text is valid JSON by construction, so the fallback never shows.
fn parse_raw(raw: &RawValue) -> Value {
    serde_json::from_str(raw.get()).unwrap_or(Value::Null)
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The UTF-8 byte-order mark, which RFC 8259 lets a parser ignore.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// A reply whose envelope code was success.
///
/// Every accessor maps a decode failure to [`Error::Decode`] naming the operation and the
/// path to the member that failed (`` `data.subaccounts[0].uid` ``), with an excerpt of the
/// body.
pub(crate) struct Reply {
    #[cfg(feature = "data-member")]
    envelope: &'static Envelope,
    endpoint: &'static str,
    body: Bytes,
    /// The envelope's top-level members as raw JSON text, so that each is decoded once,
    /// straight into its Rust type, rather than through a `serde_json::Value` tree.
    members: BTreeMap<String, Box<RawValue>>,
    secrets: Vec<Secret>,
}

impl fmt::Debug for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body may hold a freshly issued access token (the login reply).
        f.debug_struct("Reply")
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl Reply {
    /// Parses `body` and checks its envelope: a JSON object (after a byte-order mark, if any)
    /// whose code is the success code.
    pub(crate) fn check(
        envelope: &'static Envelope,
        endpoint: &'static str,
        body: Bytes,
        secrets: Vec<Secret>,
    ) -> Result<Reply, Error> {
        let body = if body.starts_with(BYTE_ORDER_MARK) {
            body.slice(BYTE_ORDER_MARK.len()..)
        } else {
            body
        };
        let decode_error = |message: String, body: &[u8]| Error::Decode {
            endpoint,
            message: crate::error::redact(&message, &exposed(&secrets)),
            body_excerpt: body_excerpt(body, &exposed(&secrets)),
        };
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(decode_error("the reply is empty".to_owned(), &body));
        }
        let members: BTreeMap<String, Box<RawValue>> = match serde_json::from_slice(&body) {
            Ok(members) => members,
            Err(error) => {
                let message = match serde_json::from_slice::<Value>(&body) {
                    Ok(other) => format!("the reply is {}, not an object", json_kind(&other)),
                    Err(_) => format!("not JSON: {error}"),
                };
                return Err(decode_error(message, &body));
            }
        };
        let code = match members.get(envelope.code_field) {
            Some(code) => decode_member::<i64>(code.get()).map_err(|error| {
                decode_error(format!("`{}`: {error}", envelope.code_field), &body)
            })?,
            None => {
                let message = format!("the reply has no `{}`", envelope.code_field);
                return Err(decode_error(message, &body));
            }
        };
        if code != envelope.success_code {
            let message = match members
                .get(envelope.message_field)
                .map(|raw| parse_raw(raw))
            {
                Some(Value::String(message)) => message,
                Some(Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            };
            return Err(Error::Api {
                code,
                message: crate::error::redact(&message, &exposed(&secrets)),
                endpoint,
            });
        }
        Ok(Reply {
            #[cfg(feature = "data-member")]
            envelope,
            endpoint,
            body,
            members,
            secrets,
        })
    }

    /// The `data` member, decoded by the lenient rules (`crate::wire`); a missing member
    /// decodes as `null`, so `Option<T>` works, and PHP's `[]` for "nothing" is `None` too.
    #[cfg(feature = "data-member")]
    pub(crate) fn data<T: Lenient>(&self) -> Result<T, Error> {
        let data_field = self.envelope.data_field;
        decode_lenient(self.raw_member(data_field))
            .map_err(|(path, error)| self.decode_error(format!("`{data_field}{path}`: {error}")))
    }

    /// The whole envelope object, for replies with members beside `data`.
    pub(crate) fn whole<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let text = String::from_utf8_lossy(&self.body);
        decode_plain(&text).map_err(|(path, error)| {
            let message = if path.is_empty() {
                error
            } else {
                format!("`{}`: {error}", path.trim_start_matches('.'))
            };
            self.decode_error(message)
        })
    }

    /// One page of a list: `data` holds the items (a list, or a PHP object of them; `null`,
    /// `""` or a missing `data` is an empty page), `total`, `totalpage`, `page` and `limit`
    /// the paging (names fixed by the spec format for `paged: true`).
    #[cfg(feature = "paging")]
    pub(crate) fn page<T: Lenient>(&self) -> Result<Page<T>, Error> {
        let items: Option<Vec<T>> = self.data()?;
        Ok(Page {
            items: items.unwrap_or_default(),
            total: self.paging_member("total")?,
            total_pages: self.paging_member("totalpage")?,
            page: self.paging_member("page")?,
            limit: self.paging_member("limit")?,
        })
    }

    /// Hides `secret` too from every error this reply makes (a token it carries).
    pub(crate) fn hide(&mut self, secret: Secret) {
        self.secrets.push(secret);
    }

    /// A top-level member of the reply.
    pub(crate) fn member(&self, name: &str) -> Option<Value> {
        self.members.get(name).map(|raw| parse_raw(raw))
    }

    /// A top-level member's JSON text; `null` when the reply lacks it.
    pub(crate) fn raw_member(&self, name: &str) -> &str {
        self.members.get(name).map_or("null", |raw| raw.get())
    }

    #[cfg(feature = "paging")]
    fn paging_member(&self, name: &str) -> Result<Option<i64>, Error> {
        decode_member::<Option<i64>>(self.raw_member(name))
            .map_err(|error| self.decode_error(format!("`{name}`: {error}")))
    }

    fn decode_error(&self, message: String) -> Error {
        self.decode_error_hiding(message, "")
    }

    /// A decode error that also hides `extra_secret` (for example a token the reply holds).
    pub(crate) fn decode_error_hiding(&self, message: String, extra_secret: &str) -> Error {
        let mut secrets = exposed(&self.secrets);
        secrets.push(extra_secret);
        Error::Decode {
            endpoint: self.endpoint,
            message: crate::error::redact(&message, &secrets),
            body_excerpt: body_excerpt(&self.body, &secrets),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use serde_json::json;

    static ENVELOPE: Envelope = Envelope {
        code_field: "code",
        message_field: "message",
        #[cfg(feature = "data-member")]
        data_field: "data",
        success_code: 1,
    };

    fn reply(body: Value) -> Result<Reply, Error> {
        Reply::check(
            &ENVELOPE,
            "test",
            serde_json::to_vec(&body).unwrap().into(),
            vec![Secret::new("s3cr3t")],
        )
    }

    #[test]
    fn success_code_accepted_as_number_or_string() {
        assert!(reply(json!({"code": 1, "message": "操作完成"})).is_ok());
        assert!(reply(json!({"code": "1", "message": "操作完成"})).is_ok());
    }

    #[test]
    fn other_codes_are_api_errors_with_the_message() {
        match reply(json!({"code": 0, "message": "token s3cr3t 失效"})) {
            Err(Error::Api {
                code: 0,
                message,
                endpoint: "test",
            }) => assert_eq!(message, "token *** 失效"),
            other => panic!("{other:?}"),
        }
        match reply(json!({"code": "-3"})) {
            Err(Error::Api {
                code: -3, message, ..
            }) => assert_eq!(message, ""),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bodies_without_an_envelope_are_decode_errors() {
        for body in [
            json!([1]),
            json!({"message": "x"}),
            json!({"code": "ok"}),
            json!("x"),
        ] {
            match reply(body.clone()) {
                Err(Error::Decode {
                    endpoint: "test", ..
                }) => {}
                other => panic!("{body}: {other:?}"),
            }
        }
        match Reply::check(
            &ENVELOPE,
            "test",
            Bytes::from_static(b"<html>s3cr3t</html>"),
            vec![Secret::new("s3cr3t")],
        ) {
            Err(Error::Decode {
                body_excerpt,
                message,
                ..
            }) => {
                assert_eq!(body_excerpt, "<html>***</html>");
                assert!(message.starts_with("not JSON"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    #[cfg(feature = "data-member")]
    fn data_and_whole_decode_members() {
        let ok = reply(json!({"code": 1, "data": {"uid": 7}, "access_token": "a"})).unwrap();
        let data: Value = ok.data().unwrap();
        assert_eq!(data, json!({"uid": 7}));
        #[derive(serde::Deserialize)]
        struct Whole {
            access_token: String,
        }
        assert_eq!(ok.whole::<Whole>().unwrap().access_token, "a");
        let missing = reply(json!({"code": 1})).unwrap();
        assert_eq!(missing.data::<Option<i64>>().unwrap(), None);
        match missing.data::<i64>() {
            Err(Error::Decode {
                endpoint: "test",
                message,
                ..
            }) => {
                assert!(message.starts_with("`data`"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    #[cfg(feature = "data-member")]
    fn empty_php_arrays_read_as_no_data() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Phone {
            phone: String,
        }
        impl crate::wire::Plain for Phone {}
        let empty = reply(json!({"code": 1, "data": []})).unwrap();
        assert_eq!(empty.data::<Option<Phone>>().unwrap(), None);
        assert_eq!(empty.data::<Vec<Phone>>().unwrap(), Vec::new());
        assert!(matches!(empty.data::<Phone>(), Err(Error::Decode { .. })));
        let some = reply(json!({"code": 1, "data": {"phone": "135"}})).unwrap();
        assert_eq!(
            some.data::<Option<Phone>>().unwrap(),
            Some(Phone {
                phone: "135".into()
            })
        );
        let wrong = reply(json!({"code": 1, "data": [1]})).unwrap();
        assert!(matches!(
            wrong.data::<Option<Phone>>(),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    #[cfg(feature = "paging")]
    fn pages_decode_lenient_paging_members() {
        let page = reply(json!({
            "code": 1, "data": [{"n": 1}, {"n": 2}], "total": "11", "totalpage": 1,
        }))
        .unwrap()
        .page::<Value>()
        .unwrap();
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.total, Some(11));
        assert_eq!(page.total_pages, Some(1));
        assert_eq!(page.page, None);
        assert_eq!(page.limit, None);

        let page = reply(json!({
            "code": 1, "data": [], "limit": 20, "page": 1, "total": 0, "totalpage": 0,
        }))
        .unwrap()
        .page::<Value>()
        .unwrap();
        assert!(page.items.is_empty());
        assert_eq!((page.page, page.limit), (Some(1), Some(20)));

        let page = reply(json!({"code": 1, "data": {"5": 1, "9": 2}, "total": 2}))
            .unwrap()
            .page::<i64>()
            .unwrap();
        assert_eq!(page.items, vec![1, 2]);

        let bad_total = reply(json!({"code": 1, "data": [], "total": "many"})).unwrap();
        assert!(matches!(
            bad_total.page::<Value>(),
            Err(Error::Decode { .. })
        ));
        let bad_item = reply(json!({"code": 1, "data": [1, "x"]})).unwrap();
        match bad_item.page::<i64>() {
            Err(Error::Decode { message, .. }) => {
                assert!(
                    message.starts_with("`data[1]`: expected an integer"),
                    "{message}"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn request_bodies_must_be_objects() {
        static OP: Operation = Operation {
            name: "op",
            path: "/x",
            needs_token: false,
            read_only: true,
        };
        fn body<B: Serialize>(value: &B) -> Result<String, Error> {
            RequestMembers::of(&OP, value)
                .and_then(|members| members.to_body(&OP, None))
                .map(|bytes| String::from_utf8(bytes.to_vec()).unwrap())
        }
        assert_eq!(body(&()).unwrap(), "{}");
        assert_eq!(
            body(&json!({"a": 1, "b": "x"})).unwrap(),
            r#"{"a":1,"b":"x"}"#
        );
        assert!(matches!(
            body(&[1, 2]),
            Err(Error::Encode { endpoint: "op", .. })
        ));
        // The token goes first and replaces a member of its name; numbers keep their text.
        let members = RequestMembers::of(
            &OP,
            &serde_json::from_str::<Value>(r#"{"price":1.50,"token":"x"}"#).unwrap(),
        )
        .unwrap();
        let with_token = members
            .to_body(&OP, Some(("token", &Secret::new("t"))))
            .unwrap();
        assert_eq!(&with_token[..], br#"{"token":"t","price":1.5}"#);
    }

    #[test]
    fn builder_rejects_bad_settings() {
        let bad = |builder: ClientBuilder| matches!(builder.build(), Err(Error::Config { .. }));
        assert!(bad(Client::builder().base_url("not a url")));
        assert!(bad(Client::builder().base_url("ftp://example.com")));
        assert!(bad(Client::builder().user_agent("bad\nagent")));
    }

    #[test]
    fn default_client_builds_without_a_process_wide_tls_provider() {
        let client = Client::builder()
            .base_url("https://example.com/")
            .build()
            .unwrap();
        assert_eq!(client.inner.base_url, "https://example.com");
        assert_eq!(client.inner.user_agent, DEFAULT_USER_AGENT);
        assert!(rustls::crypto::CryptoProvider::get_default().is_none());
    }

    /// The builder `ClientBuilder::from_env` makes from the variables in `table`.
    fn from_table(table: &[(&str, &str)]) -> Result<ClientBuilder, Error> {
        let table: Vec<(String, std::ffi::OsString)> = table
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).into()))
            .collect();
        ClientBuilder::default().env_from(|name| {
            table
                .iter()
                .find(|(variable, _)| variable == name)
                .map(|(_, value)| value.clone())
        })
    }

    #[test]
    fn from_env_reads_a_token_or_credentials_and_a_base_url() {
        let builder = from_table(&[
            ("VERYCLOUD_TOKEN", " tok-123 "),
            ("VERYCLOUD_BASE_URL", "http://127.0.0.1:8080/"),
        ])
        .unwrap();
        assert_eq!(builder.token, Some(Secret::new("tok-123")));
        assert_eq!(builder.base_url, "http://127.0.0.1:8080/");
        assert!(builder.credentials.is_none());
        let client = builder.build().unwrap();
        assert_eq!(client.inner.base_url, "http://127.0.0.1:8080");

        let builder = from_table(&[
            ("VERYCLOUD_USERNAME", "example_user"),
            ("VERYCLOUD_PASSWORD", "hunter2"),
        ])
        .unwrap();
        let credentials = builder.credentials.as_ref().unwrap();
        assert_eq!(credentials.username(), "example_user");
        // Kept encoded only, as the login endpoint takes it.
        assert_ne!(credentials.encoded_password().expose(), "hunter2");
        assert!(builder.token.is_none());
        assert_eq!(builder.base_url, ClientBuilder::default().base_url);
        let shown = format!("{builder:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(
            !shown.contains(credentials.encoded_password().expose()),
            "{shown}"
        );
    }

    #[test]
    fn from_env_names_the_missing_variable() {
        let missing = |table: &[(&str, &str)]| match from_table(table) {
            Err(Error::MissingEnv { variable, hint }) => (variable, hint),
            other => panic!("{other:?}"),
        };
        let (variable, hint) = missing(&[]);
        assert_eq!(variable, "VERYCLOUD_TOKEN");
        assert!(
            hint.contains("VERYCLOUD_USERNAME and VERYCLOUD_PASSWORD"),
            "{hint}"
        );
        assert_eq!(
            missing(&[("VERYCLOUD_USERNAME", "u")]).0,
            "VERYCLOUD_PASSWORD"
        );
        assert_eq!(
            missing(&[("VERYCLOUD_PASSWORD", "p"), ("VERYCLOUD_TOKEN", "t")]).0,
            "VERYCLOUD_USERNAME"
        );
        let shown = from_table(&[("VERYCLOUD_BASE_URL", "https://example.com")])
            .unwrap_err()
            .to_string();
        assert!(shown.contains("VERYCLOUD_TOKEN is not set"), "{shown}");
    }

    #[test]
    fn from_env_names_the_invalid_variable_without_its_value() {
        let invalid = |table: &[(&str, &str)]| match from_table(table) {
            Err(error @ Error::InvalidEnv { .. }) => error,
            other => panic!("{other:?}"),
        };
        let error = invalid(&[("VERYCLOUD_TOKEN", "  ")]);
        assert!(
            matches!(
                error,
                Error::InvalidEnv {
                    variable: "VERYCLOUD_TOKEN",
                    ..
                }
            ),
            "{error:?}"
        );
        let error = invalid(&[
            ("VERYCLOUD_TOKEN", "t"),
            ("VERYCLOUD_BASE_URL", "ftp://user:s3cr3t@example.com"),
        ]);
        let shown = error.to_string();
        assert!(shown.contains("VERYCLOUD_BASE_URL"), "{shown}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        let error = invalid(&[
            ("VERYCLOUD_TOKEN", "t"),
            ("VERYCLOUD_BASE_URL", "not a url"),
        ]);
        assert!(error.to_string().contains("VERYCLOUD_BASE_URL"), "{error}");
        assert_eq!(error.endpoint(), None);

        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt as _;
            let not_utf8 = ClientBuilder::default().env_from(|name| {
                (name == "VERYCLOUD_TOKEN").then(|| std::ffi::OsString::from_vec(vec![0xff, 0xfe]))
            });
            assert!(matches!(
                not_utf8,
                Err(Error::InvalidEnv {
                    variable: "VERYCLOUD_TOKEN",
                    ..
                })
            ));
        }
    }

    #[test]
    fn views_change_one_setting_and_share_the_rest() {
        let client = Client::builder()
            .timeout(Duration::from_secs(3))
            .build()
            .unwrap();
        let slow = client.with_timeout(Duration::from_secs(120));
        let once = slow.with_retry(RetryPolicy::none());
        assert_eq!(client.timeout, Duration::from_secs(3));
        assert_eq!(slow.timeout, Duration::from_secs(120));
        assert_eq!(slow.retry, RetryPolicy::default());
        assert_eq!(
            (once.timeout, once.retry),
            (slow.timeout, RetryPolicy::none())
        );
        assert_eq!(client.retry, RetryPolicy::default());
        // One pool, one token: the views are the same client underneath.
        assert!(Arc::ptr_eq(&client.inner, &once.inner));
        assert!(format!("{slow:?}").contains("120s"), "{slow:?}");
    }

    #[test]
    fn client_is_send_sync_and_debug_hides_the_token() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Client>();
        let client = Client::with_token("secret-token-123").unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("secret-token-123"), "{shown}");
        assert!(shown.contains(client.service().base_url), "{shown}");
        let builder = Client::builder().token("secret-token-123");
        let shown = format!("{builder:?}");
        assert!(!shown.contains("secret-token-123"), "{shown}");
        assert!(shown.contains("***"), "{shown}");
    }
}
