//! End-to-end tests of the client runtime's behaviour (auth, secrets, retries, transport
//! failures) against a loopback mock server, through the generated crate's public API.
//! `e2e_errors.rs` covers the reply-side error paths; `e2e_endpoints.rs` every endpoint.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Duration;

use serde_json::{Value, json};
use verycloud::requests::UpdateRequest;
use verycloud::{Client, ClientBuilder, Error, RetryPolicy};
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

// ---- The generated surface these tests touch

const LOGIN_PATH: &str = "/API/OAuth/authorize";
/// A read-only operation that needs the token.
const READ_PATH: &str = "/API/profile/detail";
/// A write that needs the token.
const WRITE_PATH: &str = "/API/profile/update";

async fn read(client: &Client) -> Result<i64, Error> {
    let detail = client.profile().detail().await?;
    Ok(detail.uid)
}

async fn write(client: &Client) -> Result<(), Error> {
    let mut request = UpdateRequest::default();
    request.qq = Some("110".to_owned());
    request.daily_report = Some(true);
    client.profile().update(request).await.map(drop)
}

// ---- Fixtures

fn envelope(data: Value) -> Value {
    json!({"code": 1, "message": "操作完成", "data": data})
}

fn profile(uid: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(envelope(json!({"uid": uid, "name": "example_user"})))
}

fn login_reply(token: &str, expires: i64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(
        json!({"code": 1, "message": "操作完成", "access_token": token, "expires": expires}),
    )
}

/// A unix time an hour from now.
fn in_an_hour() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    i64::try_from(now.as_secs()).unwrap() + 3600
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
    }
}

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder().base_url(server.uri()).retry(fast_retry())
}

fn with_token(server: &MockServer) -> Client {
    builder(server).token("tok-fixed").build().unwrap()
}

async fn requests_to(server: &MockServer, wanted: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|request| request.url.path() == wanted)
        .collect()
}

fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

// ---- Reply checking

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    // A port that was just free: nothing listens there once the listener is dropped.
    // (A dropped MockServer goes back to wiremock's pool and keeps listening.)
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .token("tok-fixed")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = read(&client).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
}

// ---- Authentication

#[tokio::test]
async fn calls_needing_a_token_fail_typed_without_one() {
    let server = MockServer::start().await;
    let client = builder(&server).build().unwrap();
    let error = read(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::NotLoggedIn { endpoint: "detail" }),
        "{error:?}"
    );
    assert!(
        server
            .received_requests()
            .await
            .unwrap_or_default()
            .is_empty()
    );
}

#[tokio::test]
async fn login_then_the_token_goes_first_into_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(LOGIN_PATH))
        .and(body_partial_json(json!({"username": "example_user"})))
        .respond_with(login_reply("tok-1", in_an_hour()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(READ_PATH))
        .and(body_partial_json(json!({"token": "tok-1"})))
        .respond_with(profile("1234566894"))
        .expect(2)
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    client.login("example_user", "S3cret-pass!").await.unwrap();
    assert_eq!(read(&client).await.unwrap(), 1234566894);
    assert_eq!(read(&client).await.unwrap(), 1234566894);

    let login = &requests_to(&server, LOGIN_PATH).await[0];
    let sent_password = json_body(login)["password"].as_str().unwrap().to_owned();
    assert_ne!(sent_password, "S3cret-pass!");
    let encodings: Vec<String> = (0..=verycloud::password::MAX_LOCK_INDEX)
        .filter_map(|lock| verycloud::password::encrypt_with_lock("S3cret-pass!", lock))
        .collect();
    assert!(encodings.contains(&sent_password), "{sent_password}");

    let read_request = &requests_to(&server, READ_PATH).await[0];
    let body = String::from_utf8(read_request.body.clone()).unwrap();
    assert!(body.starts_with(r#"{"token":"tok-1""#), "{body}");
    assert_eq!(
        read_request.headers.get("content-type").unwrap(),
        "application/json; charset=utf-8"
    );
    let user_agent = read_request
        .headers
        .get("user-agent")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(user_agent.starts_with("verycloud-rust/"), "{user_agent}");
}

#[tokio::test]
async fn write_bodies_carry_token_and_wire_encoded_fields() {
    let server = MockServer::start().await;
    Mock::given(path(WRITE_PATH))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(envelope(json!({"phone": "13584145363"}))),
        )
        .expect(1)
        .mount(&server)
        .await;
    write(&with_token(&server)).await.unwrap();
    let body = json_body(&requests_to(&server, WRITE_PATH).await[0]);
    assert_eq!(
        body,
        json!({"token": "tok-fixed", "qq": "110", "daily_report": 1})
    );
}

#[tokio::test]
async fn expired_token_is_renewed_by_exactly_one_login() {
    let server = MockServer::start().await;
    // The first login hands out a token about to expire (within the renewal margin).
    Mock::given(path(LOGIN_PATH))
        .respond_with(login_reply("tok-old", in_an_hour() - 3600 + 30))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(LOGIN_PATH))
        .respond_with(login_reply("tok-new", in_an_hour()))
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(path(READ_PATH))
        .and(body_partial_json(json!({"token": "tok-new"})))
        .respond_with(profile("7"))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    client.login("example_user", "S3cret-pass!").await.unwrap();

    // Concurrent calls wait for one re-login instead of each starting their own.
    let calls = (0..5).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { read(&client).await })
    });
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap(), 7);
    }
    assert_eq!(requests_to(&server, LOGIN_PATH).await.len(), 2);
    assert_eq!(requests_to(&server, READ_PATH).await.len(), 5);
    let token = client.access_token().await.unwrap();
    assert_eq!(token.expose(), "tok-new");
}

#[tokio::test]
async fn secrets_stay_out_of_errors_and_debug_output() {
    let server = MockServer::start().await;
    Mock::given(path(LOGIN_PATH))
        .respond_with(login_reply("tok-secret-1", in_an_hour()))
        .mount(&server)
        .await;
    // The server echoes the token in its message and its body.
    Mock::given(path(READ_PATH))
        .respond_with(ResponseTemplate::new(403).set_body_string("bad token tok-secret-1"))
        .mount(&server)
        .await;
    Mock::given(path(WRITE_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"code": 0, "message": "token tok-secret-1 失效"})),
        )
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    client.login("example_user", "S3cret-pass!").await.unwrap();
    let status_error = read(&client).await.unwrap_err();
    let api_error = write(&client).await.unwrap_err();
    for shown in [
        format!("{status_error}"),
        format!("{status_error:?}"),
        format!("{api_error}"),
        format!("{api_error:?}"),
        format!("{client:?}"),
        format!("{:?}", client.access_token().await),
    ] {
        assert!(!shown.contains("tok-secret-1"), "{shown}");
        assert!(!shown.contains("S3cret-pass!"), "{shown}");
    }
}

// ---- Retries

#[tokio::test]
async fn retries_give_up_after_the_policy_limit() {
    let server = MockServer::start().await;
    Mock::given(path(READ_PATH))
        .respond_with(ResponseTemplate::new(429))
        .expect(3)
        .mount(&server)
        .await;
    let error = read(&with_token(&server)).await.unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(429));
}

#[tokio::test]
async fn writes_and_other_4xx_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path(WRITE_PATH))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(READ_PATH))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    let client = with_token(&server);
    assert_eq!(
        write(&client)
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(503)
    );
    assert_eq!(
        read(&client)
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
}

// ---- Paging
