// The generated crate's docs of this module open with what it is and an example test written
// for the API's own endpoints (emit::rust::mock_api::module_docs), on its `mod` line; these
// docs follow them.

//! What the server does:
//!
//! - **Defaults.** [`MockServer::start`](crate::mock::MockServer::start) answers every endpoint
//!   with its documented reply example (HTTP 200). The access token it accepts is the one its
//!   documented login reply issues ([`MockServer::token`](crate::mock::MockServer::token));
//!   [`MockServer::client`](crate::mock::MockServer::client) returns a client holding it, and a
//!   client that logs in against the server gets it too.
//! - **Tokens.** A request to an endpoint that needs a token, carrying none or one the server did
//!   not issue, is answered as an API error: HTTP 200, `code`
//!   [`REJECTED_TOKEN_CODE`](crate::mock::REJECTED_TOKEN_CODE) (the docs document no code for this,
//!   so the mock picks one), whatever was set for the endpoint. A login reply set with
//!   [`Endpoint::returns`](crate::mock::Endpoint::returns) issues its token too.
//! - **Per endpoint.** `server.<group>().<endpoint>()` is an [`Endpoint`](crate::mock::Endpoint),
//!   typed with the request and reply types of `client.<group>().<endpoint>()`. Each of its methods
//!   returns a [`Stub`](crate::mock::Stub), which takes effect when awaited:
//!   [`returns`](crate::mock::Endpoint::returns) a typed reply,
//!   [`fails_with`](crate::mock::Endpoint::fails_with) an API error,
//!   [`fails_with_status`](crate::mock::Endpoint::fails_with_status) an HTTP status,
//!   [`returns_raw`](crate::mock::Endpoint::returns_raw) any body, and
//!   [`documented_reply`](crate::mock::Endpoint::documented_reply) the documented reply again. A
//!   stub replaces the endpoint's previous one, unless limited with
//!   [`Stub::times`](crate::mock::Stub::times): limited stubs answer first, in the order they were
//!   set, each until used up. [`Stub::delay`](crate::mock::Stub::delay) holds the reply back, to
//!   meet a client's timeout.
//! - **Requests.** [`Endpoint::received`](crate::mock::Endpoint::received) lists the requests that
//!   reached the endpoint, decoded into its request type, after checking each one's token;
//!   [`MockServer::received_operations`](crate::mock::MockServer::received_operations) lists the
//!   operations called, in order.
//!
//! The server listens on 127.0.0.1 on a port of its own; tests running in parallel each get their
//! own. Dropped, it forgets everything and goes back to wiremock's pool of servers. A client from
//! [`MockServer::client_builder`](crate::mock::MockServer::client_builder) does not wait between
//! retries, so tests of retries run at once.

use std::collections::BTreeMap;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wiremock::matchers::{method, path};
use wiremock::{Match, Mock, Request, Respond, ResponseTemplate};

use crate::client::{ClientBuilder, Operation, Reply, Service};
use crate::error::Error;
#[cfg(feature = "paging")]
use crate::paging::Page;
use crate::{Client, Secret};

/// The `code` the mock answers a request with when its token is missing or was not issued by
/// the server. The docs document no code for this.
pub const REJECTED_TOKEN_CODE: i64 = -401;

/// Priorities (wiremock: lower answers first): limited stubs, then an endpoint's stub, then its
/// documented reply, then the refusal of a request without a valid token.
///
/// An endpoint's stub is not a wiremock mock of its own, mounted and unmounted: wiremock 0.6
/// re-sorts its mocks by priority in place, after which unmounting a scoped mock unmounts
/// another. Each endpoint instead has one mock, mounted at start, answering with what its
/// [`Slot`] holds, and only while it holds something.
const LIMITED: u8 = 1;
const CURRENT: u8 = 2;
const DOCUMENTED: u8 = 3;
const REFUSED: u8 = 4;

/// A loopback server answering every endpoint of the API; see the [module docs](self).
pub struct MockServer {
    /// Each endpoint's current stub, by path.
    current: BTreeMap<&'static str, Slot>,
    server: wiremock::MockServer,
    service: &'static Service,
    /// The tokens the server accepts: the documented login reply's, and any a stub issues.
    tokens: Tokens,
    token: Secret,
    success_message: String,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("uri", &self.server.uri())
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts a server on 127.0.0.1 answering every endpoint with its documented reply.
    pub async fn start() -> MockServer {
        let service = ClientBuilder::default().service();
        let login_reply = service
            .documented
            .iter()
            .find(|documented| documented.operation.path == service.login.operation.path)
            .and_then(|documented| {
                serde_json::from_str::<Map<String, Value>>(documented.reply).ok()
            })
            .unwrap_or_default();
        let text = |name: &str| {
            login_reply
                .get(name)
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let token = text(service.login.access_token_field)
            .unwrap_or_else(|| "verycloud-mock-token".to_owned());
        let success_message = text(service.envelope.message_field).unwrap_or_default();
        let tokens = Tokens {
            field: service.login.token_field,
            accepted: Arc::new(Mutex::new(vec![token.clone()])),
        };
        let server = wiremock::MockServer::start().await;
        let mut current = BTreeMap::new();
        for documented in service.documented {
            let operation = documented.operation;
            let slot = Slot::default();
            Mock::given(method("POST"))
                .and(path(sent_path(operation.path)))
                .and(tokens.check(operation))
                .and(slot.clone())
                .respond_with(slot.clone())
                .with_priority(CURRENT)
                .named(format!("{} (stub)", operation.name))
                .mount(&server)
                .await;
            current.insert(operation.path, slot);
            Mock::given(method("POST"))
                .and(path(sent_path(operation.path)))
                .and(tokens.check(operation))
                .respond_with(json_reply(200, documented.reply.as_bytes().to_vec()))
                .with_priority(DOCUMENTED)
                .named(format!("{} (documented reply)", operation.name))
                .mount(&server)
                .await;
            if operation.needs_token {
                let refusal = envelope_error(
                    service,
                    REJECTED_TOKEN_CODE,
                    "mock: the request carries no token, or one this server did not issue",
                );
                Mock::given(method("POST"))
                    .and(path(sent_path(operation.path)))
                    .respond_with(json_reply(200, refusal))
                    .with_priority(REFUSED)
                    .named(format!("{} (token refused)", operation.name))
                    .mount(&server)
                    .await;
            }
        }
        MockServer {
            current,
            server,
            service,
            tokens,
            token: Secret::new(token),
            success_message,
        }
    }

    /// The server's base URL (`http://127.0.0.1:<port>`), for [`ClientBuilder::base_url`].
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The access token the server issued: its documented login reply's.
    pub fn token(&self) -> Secret {
        self.token.clone()
    }

    /// Settings for a client of this server: its base URL, its token, and retries without
    /// waiting. Change any of them before [`build`](ClientBuilder::build).
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .base_url(self.uri())
            .token(self.token())
            .sleeper(|_| std::future::ready(()))
    }

    /// A client of this server, as [`client_builder`](Self::client_builder) sets it up.
    pub fn client(&self) -> Result<Client, Error> {
        self.client_builder().build()
    }

    /// The operation name of every request the server received, in order (the request's
    /// path where it matches no operation).
    pub async fn received_operations(&self) -> Vec<String> {
        self.requests()
            .await
            .iter()
            .map(|request| {
                let path = request.url.path();
                self.service
                    .documented
                    .iter()
                    .find(|documented| sent_path(documented.operation.path) == path)
                    .map_or_else(
                        || path.to_owned(),
                        |documented| documented.operation.name.to_owned(),
                    )
            })
            .collect()
    }

    /// Every request received so far (wiremock records them all).
    async fn requests(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap_or_default()
    }
}

/// One endpoint of a [`MockServer`], typed with its request type `Req` and the type `Rep` the
/// client's method returns; made by the generated accessors (`server.profile().detail()`).
pub struct Endpoint<'a, Req, Rep> {
    server: &'a MockServer,
    operation: &'static Operation,
    encode: fn(&Rep) -> Result<Shaped, serde_json::Error>,
    decode: fn(&Reply) -> Result<Rep, Error>,
    types: PhantomData<fn() -> Req>,
}

impl<Req, Rep> fmt::Debug for Endpoint<'_, Req, Rep> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Endpoint")
            .field(&self.operation.name)
            .finish()
    }
}

impl<'a, Req, Rep> Endpoint<'a, Req, Rep> {
    /// The endpoint `operation` of `server`, whose replies `encode` writes and `decode` reads.
    pub(crate) fn new(
        server: &'a MockServer,
        operation: &'static Operation,
        encode: fn(&Rep) -> Result<Shaped, serde_json::Error>,
        decode: fn(&Reply) -> Result<Rep, Error>,
    ) -> Self {
        Endpoint {
            server,
            operation,
            encode,
            decode,
            types: PhantomData,
        }
    }

    /// The endpoint's documented reply example, decoded as the client decodes it: a value to
    /// change and hand to [`returns`](Self::returns). The generator checks every example
    /// against its types, so this fails only if the crate is broken.
    pub fn documented(&self) -> Result<Rep, Error> {
        let reply = Reply::check(
            &self.server.service.envelope,
            self.operation.name,
            self.documented_text().as_bytes().to_vec().into(),
            Vec::new(),
        )?;
        (self.decode)(&reply)
    }

    /// Answers with the documented reply example again (after other stubs).
    pub fn documented_reply(&self) -> Stub<'a> {
        self.stub(json_reply(200, self.documented_text().as_bytes().to_vec()))
    }

    /// Answers with a success carrying `reply`, written as the server writes it (the envelope
    /// with `code` 1 around it; a page's `total`, `totalpage`, `page` and `limit` beside its
    /// items). A login reply's token is accepted by the server from then on.
    pub fn returns(&self, reply: Rep) -> Stub<'a> {
        let body = (self.encode)(&reply).map(|shaped| self.envelope(shaped));
        let body = match body {
            Ok(body) => body,
            // Generated types always serialise; should one not, the test sees why.
            Err(error) => {
                return self.stub(
                    ResponseTemplate::new(500)
                        .set_body_string(format!("mock: cannot write the reply: {error}")),
                );
            }
        };
        if self.operation.path == self.server.service.login.operation.path {
            let issued = body
                .get(self.server.service.login.access_token_field)
                .and_then(Value::as_str);
            if let Some(token) = issued {
                self.server.tokens.accept(token);
            }
        }
        self.stub(json_reply(
            200,
            Value::Object(body).to_string().into_bytes(),
        ))
    }

    /// Answers with an API error: HTTP 200 and the envelope `{"code": code, "message":
    /// message}`, which the client returns as [`Error::Api`].
    pub fn fails_with(&self, code: i64, message: impl Into<String>) -> Stub<'a> {
        let body = envelope_error(self.server.service, code, &message.into());
        self.stub(json_reply(200, body))
    }

    /// Answers with the HTTP status `status` and a short text body; the client returns
    /// [`Error::Status`] for a status other than 2xx or 3xx (and retries 429 and 5xx on a
    /// read-only endpoint).
    pub fn fails_with_status(&self, status: u16) -> Stub<'a> {
        self.stub(
            ResponseTemplate::new(status).set_body_string(format!("mock: HTTP status {status}")),
        )
    }

    /// Answers with the HTTP status `status` and `body` as it is (`application/json`), for
    /// replies the typed methods cannot write: a broken envelope, a member of the wrong type.
    pub fn returns_raw(&self, status: u16, body: impl Into<Vec<u8>>) -> Stub<'a> {
        self.stub(json_reply(status, body.into()))
    }

    fn stub(&self, response: ResponseTemplate) -> Stub<'a> {
        Stub {
            server: self.server,
            operation: self.operation,
            response,
            times: None,
        }
    }

    fn documented_text(&self) -> &'static str {
        self.server
            .service
            .documented
            .iter()
            .find(|documented| documented.operation.path == self.operation.path)
            .map_or("{}", |documented| documented.reply)
    }

    /// The reply object around `shaped`, with the success code and message.
    fn envelope(&self, shaped: Shaped) -> Map<String, Value> {
        let envelope = &self.server.service.envelope;
        let mut body = Map::new();
        body.insert(envelope.code_field.to_owned(), envelope.success_code.into());
        body.insert(
            envelope.message_field.to_owned(),
            self.server.success_message.clone().into(),
        );
        match shaped {
            #[cfg(feature = "nothing")]
            Shaped::Nothing => {}
            #[cfg(feature = "data")]
            Shaped::Data(data) => {
                body.insert(envelope.data_field.to_owned(), data);
            }
            Shaped::Whole(members) => body.extend(members),
            #[cfg(feature = "paging")]
            Shaped::Page {
                items,
                total,
                total_pages,
                page,
                limit,
            } => {
                body.insert(envelope.data_field.to_owned(), items);
                for (name, value) in [
                    ("total", total),
                    ("totalpage", total_pages),
                    ("page", page),
                    ("limit", limit),
                ] {
                    if let Some(value) = value {
                        body.insert(name.to_owned(), value.into());
                    }
                }
            }
        }
        body
    }
}

impl<Req: DeserializeOwned, Rep> Endpoint<'_, Req, Rep> {
    /// Every request that reached this endpoint so far, in order, decoded into its request
    /// type (the token, which the client adds, is checked and left out).
    ///
    /// Fails on the first request that carries no token or one the server did not issue
    /// (for an endpoint that needs one), or that is not a request of this endpoint.
    pub async fn received(&self) -> Result<Vec<Req>, ReceivedError> {
        let operation = self.operation.name;
        let mut decoded = Vec::new();
        let requests = self.server.requests().await;
        let here = requests
            .iter()
            .filter(|request| request.url.path() == sent_path(self.operation.path));
        for (index, request) in here.enumerate() {
            let undecodable = |message: String| ReceivedError::Undecodable {
                operation,
                index,
                message,
            };
            if self.operation.needs_token {
                match self.server.tokens.of(request) {
                    TokenSeen::Accepted => {}
                    TokenSeen::Missing => {
                        return Err(ReceivedError::TokenMissing {
                            operation,
                            index,
                            field: self.server.tokens.field,
                        });
                    }
                    TokenSeen::Refused => {
                        return Err(ReceivedError::TokenRefused { operation, index });
                    }
                }
            }
            let request = serde_json::from_slice(&request.body)
                .map_err(|error| undecodable(error.to_string()))?;
            decoded.push(request);
        }
        Ok(decoded)
    }
}

/// How a request listed by [`Endpoint::received`] differs from what the server expects. No
/// variant shows a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReceivedError {
    /// The request carries no token, though the endpoint needs one.
    #[error("{operation}: request {index} carries no `{field}`")]
    TokenMissing {
        /// The endpoint's operation name.
        operation: &'static str,
        /// The request's place among the endpoint's requests, from 0.
        index: usize,
        /// The member the token travels in.
        field: &'static str,
    },
    /// The request carries a token the server did not issue.
    #[error("{operation}: request {index} carries a token this mock server did not issue")]
    TokenRefused {
        /// The endpoint's operation name.
        operation: &'static str,
        /// The request's place among the endpoint's requests, from 0.
        index: usize,
    },
    /// The request's body is not one of the endpoint's requests.
    #[error("{operation}: request {index} is not a request of this endpoint: {message}")]
    Undecodable {
        /// The endpoint's operation name.
        operation: &'static str,
        /// The request's place among the endpoint's requests, from 0.
        index: usize,
        /// Why it does not decode.
        message: String,
    },
}

/// How an endpoint answers, set when awaited: `server.profile().detail().fails_with_status(503).times(2).await`.
#[must_use = "a stub takes effect when awaited"]
pub struct Stub<'a> {
    server: &'a MockServer,
    operation: &'static Operation,
    response: ResponseTemplate,
    times: Option<u64>,
}

impl fmt::Debug for Stub<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stub")
            .field("operation", &self.operation.name)
            .field("times", &self.times)
            .finish_non_exhaustive()
    }
}

impl Stub<'_> {
    /// Answers only the next `times` requests (the first limited stubs set answer first);
    /// after them the endpoint answers as before.
    pub fn times(mut self, times: u64) -> Self {
        self.times = Some(times);
        self
    }

    /// Holds each reply back for `delay` before sending it, to meet a client's timeout.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.response = self.response.set_delay(delay);
        self
    }
}

impl<'a> IntoFuture for Stub<'a> {
    type Output = ();
    type IntoFuture = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let Stub {
                server,
                operation,
                response,
                times,
            } = self;
            match times {
                Some(times) => {
                    Mock::given(method("POST"))
                        .and(path(sent_path(operation.path)))
                        .and(server.tokens.check(operation))
                        .respond_with(response)
                        .up_to_n_times(times)
                        .with_priority(LIMITED)
                        .named(format!("{} (limited)", operation.name))
                        .mount(&server.server)
                        .await;
                }
                None => {
                    if let Some(slot) = server.current.get(operation.path) {
                        slot.set(response);
                    }
                }
            }
        })
    }
}

/// A typed reply in the place the server writes it, made by the generated code's encoders.
#[derive(Debug)]
pub(crate) enum Shaped {
    /// No `data`.
    #[cfg(feature = "nothing")]
    Nothing,
    /// The `data` member.
    #[cfg(feature = "data")]
    Data(Value),
    /// Members of the envelope itself.
    Whole(Map<String, Value>),
    /// A page: `data` and the paging members.
    #[cfg(feature = "paging")]
    Page {
        items: Value,
        total: Option<i64>,
        total_pages: Option<i64>,
        page: Option<i64>,
        limit: Option<i64>,
    },
}

/// The encoder of an endpoint that returns `()`.
#[cfg(feature = "nothing")]
pub(crate) fn nothing(_: &()) -> Result<Shaped, serde_json::Error> {
    Ok(Shaped::Nothing)
}

/// The encoder of an endpoint that returns its `data`.
#[cfg(feature = "data")]
pub(crate) fn data<T: Serialize>(value: &T) -> Result<Shaped, serde_json::Error> {
    serde_json::to_value(value).map(Shaped::Data)
}

/// The encoder of an endpoint that returns its whole reply: an object, whose members are the
/// envelope's.
pub(crate) fn whole<T: Serialize>(value: &T) -> Result<Shaped, serde_json::Error> {
    match serde_json::to_value(value)? {
        Value::Object(members) => Ok(Shaped::Whole(members)),
        other => Err(serde::ser::Error::custom(format!(
            "a whole reply is a JSON object, not {other}"
        ))),
    }
}

/// The encoder of a paged endpoint.
#[cfg(feature = "paging")]
pub(crate) fn page<T: Serialize>(page: &Page<T>) -> Result<Shaped, serde_json::Error> {
    Ok(Shaped::Page {
        items: serde_json::to_value(&page.items)?,
        total: page.total,
        total_pages: page.total_pages,
        page: page.page,
        limit: page.limit,
    })
}

/// What [`Endpoint::received`] lists for an endpoint whose request has no member but the
/// token: that a request came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoFields;

impl<'de> Deserialize<'de> for NoFields {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<String, IgnoredAny>::deserialize(deserializer).map(|_| NoFields)
    }
}

/// An operation's path as the client's request carries it: parsed into a URL, which
/// percent-encodes what a path cannot hold as written and reads `\\` as `/`, as the URL
/// standard says for http.
fn sent_path(path: &str) -> String {
    reqwest::Url::parse(&format!("http://127.0.0.1{path}"))
        .map_or_else(|_| path.to_owned(), |url| url.path().to_owned())
}

/// A JSON reply with `status` and `body`.
fn json_reply(status: u16, body: Vec<u8>) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body, "application/json")
}

/// The body of an API error.
fn envelope_error(service: &Service, code: i64, message: &str) -> Vec<u8> {
    let mut body = Map::new();
    body.insert(service.envelope.code_field.to_owned(), code.into());
    body.insert(service.envelope.message_field.to_owned(), message.into());
    Value::Object(body).to_string().into_bytes()
}

/// The tokens a server accepts, shared with its matchers.
#[derive(Clone)]
struct Tokens {
    field: &'static str,
    accepted: Arc<Mutex<Vec<String>>>,
}

/// What a request's token is to the server.
enum TokenSeen {
    Accepted,
    Missing,
    Refused,
}

impl Tokens {
    fn accept(&self, token: &str) {
        let mut accepted = self.accepted.lock().unwrap_or_else(PoisonError::into_inner);
        if !accepted.iter().any(|known| known == token) {
            accepted.push(token.to_owned());
        }
    }

    fn of(&self, request: &Request) -> TokenSeen {
        let body = serde_json::from_slice::<Map<String, Value>>(&request.body).unwrap_or_default();
        match body.get(self.field).and_then(Value::as_str) {
            None => TokenSeen::Missing,
            Some(token) => {
                let accepted = self.accepted.lock().unwrap_or_else(PoisonError::into_inner);
                if accepted.iter().any(|known| known == token) {
                    TokenSeen::Accepted
                } else {
                    TokenSeen::Refused
                }
            }
        }
    }

    /// A matcher letting through requests of `operation` that carry an accepted token, or
    /// every request when `operation` needs none.
    fn check(&self, operation: &'static Operation) -> TokenCheck {
        TokenCheck {
            tokens: self.clone(),
            needed: operation.needs_token,
        }
    }
}

struct TokenCheck {
    tokens: Tokens,
    needed: bool,
}

impl Match for TokenCheck {
    fn matches(&self, request: &Request) -> bool {
        !self.needed || matches!(self.tokens.of(request), TokenSeen::Accepted)
    }
}

/// An endpoint's current stub: empty until a test sets one, then the reply to answer with.
/// As a matcher it lets a request through while it holds a reply; as a responder it gives
/// that reply.
#[derive(Clone, Default)]
struct Slot(Arc<Mutex<Option<ResponseTemplate>>>);

impl Slot {
    fn set(&self, response: ResponseTemplate) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(response);
    }

    fn get(&self) -> Option<ResponseTemplate> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Match for Slot {
    fn matches(&self, _: &Request) -> bool {
        self.get().is_some()
    }
}

impl Respond for Slot {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        // Matched a moment ago, and a slot is never emptied: the fallback cannot show.
        self.get().unwrap_or_else(|| ResponseTemplate::new(500))
    }
}
