//! The client: configuration, sending a call, and checking the reply envelope.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue, USER_AGENT};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::auth::{AuthState, Secret};
use crate::error::{Error, body_excerpt};
#[cfg(feature = "paging")]
use crate::paging::Page;
use crate::retry::RetryPolicy;
use crate::wire::Lenient as _;

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

/// A VeryCloud API client.
///
/// Cheap to clone: clones share one connection pool and one access token. Build one with
/// [`Client::builder`] or [`Client::with_token`], log in with [`Client::login`], then call the
/// API through the group accessors.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    service: &'static Service,
    http: reqwest::Client,
    base_url: String,
    user_agent: HeaderValue,
    timeout: Duration,
    retry: RetryPolicy,
    auth: tokio::sync::Mutex<AuthState>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token sits behind an async lock; it is not shown in any case.
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("user_agent", &self.inner.user_agent)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
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
    token: Option<Secret>,
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
            token: None,
        }
    }
}

impl ClientBuilder {
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
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http_client = Some(http_client);
        self
    }

    /// How read-only calls are retried; defaults to [`RetryPolicy::default`].
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Starts with this access token (expiry unknown) instead of logging in.
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Builds the client.
    ///
    /// Fails with [`Error::Config`] when the base URL is not an absolute http(s) URL, the
    /// user agent is not a valid header value, or the HTTP client cannot be set up.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        let parsed = reqwest::Url::parse(&base_url).map_err(|error| Error::Config {
            message: format!("base URL {base_url:?}: {error}"),
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::Config {
                message: format!("base URL {base_url:?} is not http or https"),
            });
        }
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
                timeout: self.timeout,
                retry: self.retry,
                auth: tokio::sync::Mutex::new(AuthState::with_token(self.token)),
            }),
        })
    }
}

/// An HTTP client speaking TLS through rustls with the ring provider and the platform's
/// certificate verifier.
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

    /// The API this client calls, for auth.rs.
    pub(crate) fn service(&self) -> &'static Service {
        self.inner.service
    }

    /// The auth state, for auth.rs.
    pub(crate) fn auth_state(&self) -> &tokio::sync::Mutex<AuthState> {
        &self.inner.auth
    }

    /// Serialises `body` to a JSON object, inserts the token first when `operation` needs
    /// one (logging in again first when it is near its expiry and the credentials are known),
    /// POSTs it, retries per the retry policy only if `operation.read_only`, and returns the
    /// reply once its envelope says success.
    pub(crate) async fn call<B: Serialize + ?Sized>(
        &self,
        operation: &'static Operation,
        body: &B,
    ) -> Result<Reply, Error> {
        let fields = request_object(operation, body)?;
        if !operation.needs_token {
            return self.execute(operation, fields, Vec::new()).await;
        }
        let token = self.token_for(operation).await?;
        let token_field = self.inner.service.login.token_field;
        let mut with_token = Map::new();
        with_token.insert(
            token_field.to_owned(),
            Value::String(token.expose().to_owned()),
        );
        with_token.extend(fields.into_iter().filter(|(name, _)| name != token_field));
        self.execute(operation, with_token, vec![token]).await
    }

    /// Sends `body` with retries and checks the reply. `secrets` are hidden from errors.
    pub(crate) async fn execute(
        &self,
        operation: &Operation,
        body: Map<String, Value>,
        secrets: Vec<Secret>,
    ) -> Result<Reply, Error> {
        // Shared, not copied, by every attempt.
        let body = Bytes::from(serde_json::to_vec(&body).map_err(|error| Error::Encode {
            endpoint: operation.name,
            message: error.to_string(),
        })?);
        let retry = self.inner.retry;
        let max_retries = if operation.read_only {
            retry.max_retries
        } else {
            0
        };
        let mut retries_done = 0;
        loop {
            match self.send_once(operation, &body, &secrets).await {
                Err(error) if retries_done < max_retries && error.is_retryable() => {
                    tokio::time::sleep(retry.backoff(retries_done)).await;
                    retries_done += 1;
                }
                result => return result,
            }
        }
    }

    async fn send_once(
        &self,
        operation: &Operation,
        body: &Bytes,
        secrets: &[Secret],
    ) -> Result<Reply, Error> {
        let url = format!("{}{}", self.inner.base_url, operation.path);
        let transport_error = |error| Error::from_reqwest(operation.name, error);
        let response = self
            .inner
            .http
            .post(url)
            .header(CONTENT_TYPE, "application/json; charset=utf-8")
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, self.inner.user_agent.clone())
            .timeout(self.inner.timeout)
            .body(body.clone())
            .send()
            .await
            .map_err(transport_error)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(transport_error)?;
        if !status.is_success() {
            return Err(Error::Status {
                endpoint: operation.name,
                status,
                body_excerpt: body_excerpt(&bytes, &exposed(secrets)),
            });
        }
        Reply::check(
            &self.inner.service.envelope,
            operation.name,
            bytes,
            secrets.to_vec(),
        )
    }
}

/// `body` as a JSON object; a body that serialises to `null` (a unit struct) is empty.
fn request_object<B: Serialize + ?Sized>(
    operation: &Operation,
    body: &B,
) -> Result<Map<String, Value>, Error> {
    let encode_error = |message: String| Error::Encode {
        endpoint: operation.name,
        message,
    };
    match serde_json::to_value(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(other) => Err(encode_error(format!(
            "the body must be a JSON object, not {}",
            json_kind(&other)
        ))),
        Err(error) => Err(encode_error(error.to_string())),
    }
}

fn exposed(secrets: &[Secret]) -> Vec<&str> {
    secrets.iter().map(Secret::expose).collect()
}

/// A member's value; raw text is valid JSON by construction, so the fallback never shows.
fn parse_raw(raw: &RawValue) -> Value {
    parse_raw_str(raw.get())
}

fn parse_raw_str(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// `[]` or `{}`, with any whitespace inside.
#[cfg(feature = "data")]
fn is_empty_container(text: &str) -> bool {
    let inner: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    inner == "[]" || inner == "{}"
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

/// A reply whose envelope code was success.
///
/// Every accessor maps a decode failure to [`Error::Decode`] naming the operation, with an
/// excerpt of the body.
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
    /// Parses `body` and checks its envelope: a JSON object whose code is the success code.
    fn check(
        envelope: &'static Envelope,
        endpoint: &'static str,
        body: Bytes,
        secrets: Vec<Secret>,
    ) -> Result<Reply, Error> {
        let decode_error = |message: String, body: &[u8]| Error::Decode {
            endpoint,
            message,
            body_excerpt: body_excerpt(body, &exposed(&secrets)),
        };
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
        let member = |name: &str| members.get(name).map(|raw| parse_raw(raw));
        let code = match member(envelope.code_field) {
            Some(code) => i64::from_json(&code).map_err(|error| {
                decode_error(format!("`{}`: {error}", envelope.code_field), &body)
            })?,
            None => {
                let message = format!("the reply has no `{}`", envelope.code_field);
                return Err(decode_error(message, &body));
            }
        };
        if code != envelope.success_code {
            let message = match member(envelope.message_field) {
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

    /// The `data` member; a missing member decodes as `null`, so `Option<T>` works.
    ///
    /// An empty `[]` or `{}` that `T` cannot take is read as `null` too: PHP writes an empty
    /// array for "nothing", whatever the member usually holds.
    #[cfg(feature = "data")]
    pub(crate) fn data<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let data = self.raw_member(self.envelope.data_field);
        serde_json::from_str::<T>(data)
            .or_else(|error| {
                if is_empty_container(data) {
                    serde_json::from_str::<T>("null").map_err(|_| error)
                } else {
                    Err(error)
                }
            })
            .map_err(|error| self.decode_error(format!("`{}`: {error}", self.envelope.data_field)))
    }

    /// The whole envelope object, for replies with members beside `data`.
    pub(crate) fn whole<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|error| self.decode_error(error.to_string()))
    }

    /// One page of a list: `data` holds the items, `total`, `totalpage`, `page` and `limit`
    /// the paging (names fixed by the spec format for `paged: true`).
    #[cfg(feature = "paging")]
    pub(crate) fn page<T: DeserializeOwned>(&self) -> Result<Page<T>, Error> {
        let data_field = self.envelope.data_field;
        let item_error = |index: String, error: serde_json::Error| {
            self.decode_error(format!("`{data_field}`[{index}]: {error}"))
        };
        let data = self.raw_member(data_field);
        let items = if let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(data) {
            items
                .into_iter()
                .enumerate()
                .map(|(index, item)| {
                    serde_json::from_str(item.get())
                        .map_err(|error| item_error(index.to_string(), error))
                })
                .collect::<Result<_, _>>()?
        } else if let Ok(items) = serde_json::from_str::<Map<String, Value>>(data) {
            // PHP encodes a list whose keys are not 0..n as an object; rare enough to go
            // through `Value`, whose map keeps the members' order.
            items
                .into_iter()
                .map(|(key, item)| T::deserialize(item).map_err(|error| item_error(key, error)))
                .collect::<Result<_, _>>()?
        } else {
            match parse_raw_str(data) {
                Value::Null => Vec::new(),
                other => {
                    return Err(self.decode_error(format!(
                        "`{data_field}` is {}, not a list",
                        json_kind(&other)
                    )));
                }
            }
        };
        Ok(Page {
            items,
            total: self.paging_member("total")?,
            total_pages: self.paging_member("totalpage")?,
            page: self.paging_member("page")?,
            limit: self.paging_member("limit")?,
        })
    }

    /// A top-level member of the reply.
    pub(crate) fn member(&self, name: &str) -> Option<Value> {
        self.members.get(name).map(|raw| parse_raw(raw))
    }

    /// A top-level member's JSON text; `null` when the reply lacks it.
    #[cfg(feature = "data-member")]
    fn raw_member(&self, name: &str) -> &str {
        self.members.get(name).map_or("null", |raw| raw.get())
    }

    #[cfg(feature = "paging")]
    fn paging_member(&self, name: &str) -> Result<Option<i64>, Error> {
        match self.member(name) {
            None => Ok(None),
            Some(value) => Option::<i64>::from_json(&value)
                .map_err(|error| self.decode_error(format!("`{name}`: {error}"))),
        }
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
    #[cfg(feature = "data")]
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
    #[cfg(feature = "data")]
    fn empty_php_arrays_read_as_no_data() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Phone {
            phone: String,
        }
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
                assert!(message.starts_with("`data`[1]"), "{message}")
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
        assert_eq!(request_object(&OP, &()).unwrap(), Map::new());
        assert_eq!(
            request_object(&OP, &json!({"a": 1})).unwrap().get("a"),
            Some(&json!(1))
        );
        assert!(matches!(
            request_object(&OP, &[1, 2]),
            Err(Error::Encode { endpoint: "op", .. })
        ));
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
