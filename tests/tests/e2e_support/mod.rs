//! What the end-to-end tests share: the spec's documented examples, a loopback server that
//! answers with them, and a client pointed at it.

#![allow(dead_code)] // Each test file uses its own part of this module.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde_json::Value;
use spec::model::{Api, Endpoint};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The spec, loaded once per test binary.
pub fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| {
        spec::load_api(&verycloud_tests::spec_path()).unwrap_or_else(|diagnostics| {
            panic!("spec/verycloud.yaml does not load:\n{diagnostics}")
        })
    })
}

pub fn endpoint(name: &str) -> &'static Endpoint {
    api()
        .endpoints
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no endpoint `{name}` in the spec"))
}

/// The token field's name.
pub fn token_field() -> &'static str {
    &api().info.token_field
}

/// The documented request example without the token: what a caller's request struct holds.
pub fn request<R: DeserializeOwned>(endpoint: &Endpoint) -> R {
    let mut example = endpoint.request_example.clone();
    if let Value::Object(fields) = &mut example {
        fields.shift_remove(token_field());
    }
    serde_json::from_value(example.clone()).unwrap_or_else(|e| {
        panic!(
            "{}: the request example {example} does not decode: {e}",
            endpoint.name
        )
    })
}

/// A loopback server answering one endpoint, and a client that calls it.
pub struct Exchange {
    pub server: MockServer,
    pub client: verycloud::Client,
    pub endpoint: &'static Endpoint,
}

impl Exchange {
    /// A server that answers `name` with its documented reply example, and a client holding
    /// the documented example's token.
    pub async fn documented(name: &str) -> Self {
        Self::replying(name, &endpoint(name).reply_example).await
    }

    /// A server that answers `name` with `reply`, and a client holding the documented
    /// example's token.
    pub async fn replying(name: &str, reply: &Value) -> Self {
        let endpoint = endpoint(name);
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(endpoint.path.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(reply))
            .expect(1)
            .mount(&server)
            .await;
        let mut builder = client_builder(&server);
        if let Some(token) = endpoint
            .request_example
            .get(token_field())
            .and_then(Value::as_str)
        {
            builder = builder.token(token);
        }
        let client = builder.build().expect("the client builds");
        Self {
            server,
            client,
            endpoint,
        }
    }

    /// Asserts the server got exactly one request, whose JSON body is the documented example
    /// (the token included).
    pub async fn assert_sent_documented_request(&self) {
        self.assert_sent(&self.endpoint.request_example).await;
    }

    /// Asserts the server got exactly one request, whose JSON body is `expected`.
    pub async fn assert_sent(&self, expected: &Value) {
        let received = self
            .server
            .received_requests()
            .await
            .expect("requests are recorded");
        assert_eq!(received.len(), 1, "{}: one request", self.endpoint.name);
        assert_eq!(
            &body(&received[0]),
            expected,
            "{}: the body sent",
            self.endpoint.name
        );
    }
}

/// A client for `server` that does not wait long between retries.
pub fn client_builder(server: &MockServer) -> verycloud::ClientBuilder {
    verycloud::Client::builder()
        .base_url(server.uri())
        .retry(verycloud::RetryPolicy {
            initial_backoff: std::time::Duration::from_millis(1),
            ..verycloud::RetryPolicy::default()
        })
}

pub fn body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap_or_else(|e| panic!("the body is not JSON: {e}"))
}

pub fn decimal(text: &str) -> rust_decimal::Decimal {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}
