//! Per-call options (`client.with_timeout(..)`, `client.with_retry(..)`) and a client
//! configured by the environment (`Client::from_env`), against the mock server.

use std::time::Duration;

use verycloud::mock::MockServer;
use verycloud::{Client, RetryPolicy};

#[tokio::test]
async fn a_view_with_a_longer_timeout_waits_for_a_slow_reply_and_the_client_does_not() {
    let server = MockServer::start().await;
    let client = server
        .client_builder()
        .timeout(Duration::from_millis(100))
        .retry(RetryPolicy::none())
        .build()
        .expect("a client");
    let server = &server;
    let slow = move || async move {
        server
            .profile()
            .detail()
            .documented_reply()
            .delay(Duration::from_millis(500))
            .times(1)
            .await;
    };

    slow().await;
    let error = client.profile().detail().await.expect_err("too slow");
    assert!(error.is_timeout(), "{error:?}");

    slow().await;
    client
        .with_timeout(Duration::from_secs(10))
        .profile()
        .detail()
        .await
        .expect("the view waits");

    // The client itself keeps its own timeout.
    slow().await;
    let error = client.profile().detail().await.expect_err("too slow again");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(
        server.profile().detail().received().await.map(|r| r.len()),
        Ok(3)
    );
}

#[tokio::test]
async fn a_view_with_another_retry_policy_makes_that_many_attempts() {
    let server = MockServer::start().await;
    let client = server.client().expect("a client");
    server.profile().detail().fails_with_status(503).await;
    let server = &server;
    let attempts = move |received: usize| async move {
        server
            .profile()
            .detail()
            .received()
            .await
            .map(|requests| requests.len() - received)
    };

    client.profile().detail().await.expect_err("HTTP 503");
    assert_eq!(attempts(0).await, Ok(3), "the default: two retries");
    client
        .with_retry(RetryPolicy::none())
        .profile()
        .detail()
        .await
        .expect_err("HTTP 503");
    assert_eq!(attempts(3).await, Ok(1), "no retries");
    let patient = RetryPolicy {
        max_retries: 5,
        ..RetryPolicy::default()
    };
    client
        .with_retry(patient)
        .profile()
        .detail()
        .await
        .expect_err("HTTP 503");
    assert_eq!(attempts(4).await, Ok(6), "five retries");
    client.profile().detail().await.expect_err("HTTP 503");
    assert_eq!(attempts(10).await, Ok(3), "the client's own policy again");
}

#[tokio::test]
async fn views_share_the_clients_token() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a client");
    let view = client.with_timeout(Duration::from_secs(5));
    view.login("example_user", "hunter2")
        .await
        .expect("logs in");
    assert_eq!(client.access_token().await, Some(server.token()));
    client
        .profile()
        .detail()
        .await
        .expect("the view's login serves the client");
    client.set_token("replaced").await;
    assert_eq!(
        view.access_token()
            .await
            .map(|token| token.expose().to_owned()),
        Some("replaced".to_owned())
    );
}

/// The child half of [`from_env_reads_the_documented_variables`]: a client from the real
/// environment, which the parent sets, calling the parent's mock server.
#[tokio::test]
#[ignore = "run in a child process by from_env_reads_the_documented_variables"]
async fn from_env_child() {
    let client = Client::from_env().expect("the parent set the variables");
    client
        .profile()
        .detail()
        .await
        .expect("logs in by itself, then calls");
}

/// Runs this test binary again, `from_env_child` only, with `variables` set and the
/// client's own variables cleared; returns whether it passed and what it printed.
fn run_child(variables: &[(&str, &str)]) -> (bool, String) {
    let mut command = std::process::Command::new(std::env::current_exe().expect("the test binary"));
    command.args(["--exact", "from_env_child", "--ignored", "--nocapture"]);
    for name in [
        "VERYCLOUD_BASE_URL",
        "VERYCLOUD_TOKEN",
        "VERYCLOUD_USERNAME",
        "VERYCLOUD_PASSWORD",
    ] {
        command.env_remove(name);
    }
    command.envs(variables.iter().copied());
    let output = command.output().expect("the child runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), printed)
}

#[tokio::test]
async fn from_env_reads_the_documented_variables() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let (passed, printed) = run_child(&[
        ("VERYCLOUD_BASE_URL", uri.as_str()),
        ("VERYCLOUD_USERNAME", "example_user"),
        ("VERYCLOUD_PASSWORD", "hunter2"),
    ]);
    assert!(passed, "{printed}");
    assert!(
        printed.contains("1 passed"),
        "the child ran the test: {printed}"
    );
    assert_eq!(server.received_operations().await, ["authorize", "detail"]);
    let logins = server.oauth().authorize().received().await.expect("typed");
    assert_eq!(logins[0].username, "example_user");

    let token = server.token();
    let (passed, printed) = run_child(&[
        ("VERYCLOUD_BASE_URL", uri.as_str()),
        ("VERYCLOUD_TOKEN", token.expose()),
    ]);
    assert!(passed, "{printed}");
    assert_eq!(
        server.received_operations().await,
        ["authorize", "detail", "detail"]
    );

    // Without them, the error names the variable.
    let (passed, printed) = run_child(&[("VERYCLOUD_BASE_URL", uri.as_str())]);
    assert!(!passed, "{printed}");
    assert!(
        printed.contains("MissingEnv") && printed.contains("VERYCLOUD_TOKEN"),
        "{printed}"
    );
    let (passed, printed) = run_child(&[
        ("VERYCLOUD_BASE_URL", "not a url"),
        ("VERYCLOUD_TOKEN", token.expose()),
    ]);
    assert!(!passed, "{printed}");
    assert!(
        printed.contains("InvalidEnv") && printed.contains("VERYCLOUD_BASE_URL"),
        "{printed}"
    );
    assert!(!printed.contains(token.expose()), "{printed}");
}
