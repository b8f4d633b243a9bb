//! The typed mock server users test their code against (`verycloud::mock`, the `mock`
//! feature): its defaults, typed replies and errors, simulated failures, and the typed,
//! token-checked record of what arrived.

mod e2e_support;

use std::time::Duration;

use e2e_support::{api, token_field};
use serde_json::Value;
use verycloud::mock::{MockServer, NoFields, REJECTED_TOKEN_CODE, ReceivedError};
use verycloud::requests::{AuthorizeRequest, SubaccountListRequest};
use verycloud::{Error, Page, RetryPolicy};

/// POSTs `body` to `path` on `server` as any HTTP client would, and returns the status and
/// the reply's JSON.
async fn post(server: &MockServer, path: &str, body: &Value) -> (u16, Value) {
    // reqwest as this build has it needs a TLS config, even for plain HTTP.
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    let response = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .no_proxy()
        .build()
        .expect("an HTTP client")
        .post(format!("{}{path}", server.uri()))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the mock server answers");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("a body");
    let reply = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, reply)
}

#[tokio::test]
async fn every_endpoint_answers_its_documented_reply_by_default() {
    let server = MockServer::start().await;
    for endpoint in &api().endpoints {
        let mut body = endpoint.request_example.clone();
        if let Some(token) = body.get_mut(token_field()) {
            *token = Value::String(server.token().expose().to_owned());
        }
        let (status, reply) = post(&server, &endpoint.path, &body).await;
        assert_eq!(status, 200, "{}", endpoint.name);
        assert_eq!(reply, endpoint.reply_example, "{}", endpoint.name);
    }
    let received = server.received_operations().await;
    let expected: Vec<&str> = api().endpoints.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(received, expected);
}

#[tokio::test]
async fn the_documented_replies_decode_into_the_clients_types() {
    let server = MockServer::start().await;
    let client = server.client().expect("a client");
    let documented = server.profile().detail().documented().expect("decodes");
    assert_eq!(client.profile().detail().await.expect("detail"), documented);
    let page = server
        .subaccounts()
        .subaccount_list()
        .documented()
        .expect("decodes");
    let listed = client
        .subaccounts()
        .subaccount_list(SubaccountListRequest::new())
        .await
        .expect("a page");
    assert_eq!(listed, page);
    assert_eq!(page.items.len(), 1);
}

#[tokio::test]
async fn a_client_that_logs_in_gets_the_token_the_server_accepts() {
    let server = MockServer::start().await;
    let client = verycloud::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a client");
    client
        .login("example_user", "hunter2")
        .await
        .expect("logs in");
    assert_eq!(client.access_token().await, Some(server.token()));
    client
        .profile()
        .detail()
        .await
        .expect("the token is accepted");
    assert_eq!(server.received_operations().await, ["authorize", "detail"]);
    let logins = server.oauth().authorize().received().await.expect("typed");
    assert_eq!(logins.len(), 1);
    assert_eq!(logins[0].username, "example_user");
    // The password arrives encoded, never in plain text.
    assert_ne!(logins[0].password, "hunter2");
}

#[tokio::test]
async fn typed_replies_arrive_as_set() {
    let server = MockServer::start().await;
    let client = server.client().expect("a client");

    let mut detail = server.profile().detail().documented().expect("decodes");
    detail.name = Some("someone else".to_owned());
    server.profile().detail().returns(detail.clone()).await;
    assert_eq!(client.profile().detail().await.expect("detail"), detail);

    // A page: the items and the paging members, as a server writes them.
    let documented = server
        .subaccounts()
        .subaccount_list()
        .documented()
        .expect("decodes");
    let item = documented.items[0].clone();
    let page = Page {
        items: vec![item.clone(), item],
        total: Some(4),
        total_pages: Some(2),
        page: Some(1),
        limit: Some(2),
    };
    server
        .subaccounts()
        .subaccount_list()
        .returns(page.clone())
        .await;
    let listed = client
        .subaccounts()
        .subaccount_list(SubaccountListRequest::new())
        .await
        .expect("a page");
    // The mock writes each field in the spec's wire form, so a timestamp read from a numeric
    // string comes back from a number: the same instant, compared as the server writes them.
    let written = |page: &Page<_>| serde_json::to_value(&page.items).expect("serialises");
    assert_eq!(written(&listed), written(&page));
    assert_eq!(
        (listed.total, listed.total_pages, listed.page, listed.limit),
        (Some(4), Some(2), Some(1), Some(2))
    );

    // A whole reply: a login issuing another token, which the server then accepts.
    let mut login = server.oauth().authorize().documented().expect("decodes");
    login.access_token = "a-token-the-test-chose".to_owned();
    server.oauth().authorize().returns(login).await;
    let fresh = verycloud::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a client");
    fresh
        .oauth()
        .authorize(AuthorizeRequest::new("example_user", "encoded"))
        .await
        .expect("logs in");
    assert_eq!(
        fresh
            .access_token()
            .await
            .map(|token| token.expose().to_owned()),
        Some("a-token-the-test-chose".to_owned())
    );
    fresh
        .profile()
        .detail()
        .await
        .expect("its token is accepted");
}

#[tokio::test]
async fn api_errors_statuses_and_raw_bodies_are_the_clients_errors() {
    let server = MockServer::start().await;
    let client = server.client().expect("a client");

    server
        .finance()
        .balance()
        .fails_with(0, "余额查询失败")
        .await;
    match client.finance().balance().await {
        Err(Error::Api {
            code: 0,
            message,
            endpoint: "balance",
        }) => assert_eq!(message, "余额查询失败"),
        other => panic!("{other:?}"),
    }

    // A later stub replaces the earlier one.
    server.finance().balance().fails_with_status(404).await;
    assert_eq!(
        client
            .finance()
            .balance()
            .await
            .err()
            .and_then(|e| e.status()),
        Some(reqwest::StatusCode::NOT_FOUND)
    );
    server
        .finance()
        .balance()
        .returns_raw(200, "{\"code\": \"one\"}")
        .await;
    assert!(matches!(
        client.finance().balance().await,
        Err(Error::Decode { .. })
    ));
    server.finance().balance().documented_reply().await;
    client.finance().balance().await.expect("documented again");
    // A write is never retried: one request per call.
    server.profile().update().fails_with_status(503).await;
    let update = client
        .profile()
        .update(verycloud::requests::UpdateRequest::new())
        .await;
    assert_eq!(
        update.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(503)
    );
    assert_eq!(
        server.profile().update().received().await.map(|r| r.len()),
        Ok(1)
    );
}

#[tokio::test]
async fn limited_stubs_answer_first_then_the_endpoint_answers_as_before() {
    let server = MockServer::start().await;
    let client = server.client().expect("a client");
    server
        .profile()
        .detail()
        .fails_with_status(503)
        .times(2)
        .await;
    client
        .profile()
        .detail()
        .await
        .expect("the third attempt succeeds");
    assert_eq!(
        server.profile().detail().received().await.map(|r| r.len()),
        Ok(3)
    );

    // Used up: the next failure needs a new stub. Without retries, it is returned.
    server
        .profile()
        .detail()
        .fails_with_status(429)
        .times(1)
        .await;
    let once = client.with_retry(RetryPolicy::none());
    let error = once.profile().detail().await.expect_err("HTTP 429");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    once.profile().detail().await.expect("documented again");
}

#[tokio::test]
async fn a_delayed_reply_meets_the_clients_timeout() {
    let server = MockServer::start().await;
    let client = server
        .client_builder()
        .timeout(Duration::from_millis(100))
        .retry(RetryPolicy::none())
        .build()
        .expect("a client");
    server
        .profile()
        .detail()
        .documented_reply()
        .delay(Duration::from_millis(600))
        .times(1)
        .await;
    let error = client.profile().detail().await.expect_err("times out");
    assert!(error.is_timeout(), "{error:?}");
    // The stub is used up: the next reply is prompt (a generous limit, so that a slow moment
    // of the machine cannot fail this).
    client
        .with_timeout(Duration::from_secs(10))
        .profile()
        .detail()
        .await
        .expect("the next reply is prompt");
}

#[tokio::test]
async fn requests_arrive_typed() {
    let server = MockServer::start().await;
    let client = server.client().expect("a client");
    let first = SubaccountListRequest::new().page(2).limit(5);
    let second = SubaccountListRequest::new();
    for request in [first.clone(), second.clone()] {
        client
            .subaccounts()
            .subaccount_list(request)
            .await
            .expect("a page");
    }
    assert_eq!(
        server.subaccounts().subaccount_list().received().await,
        Ok(vec![first, second])
    );
    client.profile().detail().await.expect("detail");
    assert_eq!(
        server.profile().detail().received().await,
        Ok(vec![NoFields])
    );
    assert_eq!(server.finance().balance().received().await, Ok(Vec::new()));
}

#[tokio::test]
async fn a_wrong_or_missing_token_is_refused_and_reported_without_showing_it() {
    const WRONG: &str = "a-token-nobody-issued-0f3c";
    let server = MockServer::start().await;
    let client = verycloud::Client::builder()
        .base_url(server.uri())
        .token(WRONG)
        .build()
        .expect("a client");
    match client.profile().detail().await {
        Err(Error::Api { code, .. }) => assert_eq!(code, REJECTED_TOKEN_CODE),
        other => panic!("{other:?}"),
    }
    // Even a stub set for the endpoint does not answer a refused token.
    server.profile().detail().fails_with_status(500).await;
    assert!(
        client
            .profile()
            .detail()
            .await
            .is_err_and(|e| e.api_code().is_some())
    );
    let error = server
        .profile()
        .detail()
        .received()
        .await
        .expect_err("refused");
    assert_eq!(
        error,
        ReceivedError::TokenRefused {
            operation: "detail",
            index: 0
        }
    );
    assert!(!error.to_string().contains(WRONG), "{error}");

    let other = MockServer::start().await;
    post(&other, "/API/profile/detail", &serde_json::json!({})).await;
    assert!(matches!(
        other.profile().detail().received().await,
        Err(ReceivedError::TokenMissing {
            operation: "detail",
            index: 0,
            field: "token"
        })
    ));
    let token = other.token().expose().to_owned();
    let third = MockServer::start().await;
    post(
        &third,
        "/API/profile/subaccountList",
        &serde_json::json!({"token": token, "page": {"not": "a number"}}),
    )
    .await;
    assert!(matches!(
        third.subaccounts().subaccount_list().received().await,
        Err(ReceivedError::Undecodable { index: 0, .. })
    ));
}

#[tokio::test]
async fn servers_are_independent() {
    let (one, two) = (MockServer::start().await, MockServer::start().await);
    assert_ne!(one.uri(), two.uri());
    one.profile().detail().fails_with(7, "only on one").await;
    let client_two = two.client().expect("a client");
    client_two
        .profile()
        .detail()
        .await
        .expect("two is untouched");
    assert!(one.received_operations().await.is_empty());
}
