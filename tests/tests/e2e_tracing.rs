//! What the client tells `tracing` (the default `tracing` feature): a span per call and per
//! attempt with their fields, events for retries, give-ups and re-logins at their levels, and
//! never a token or a password, even when the server echoes them. Output is captured from a
//! `tracing-subscriber` formatter at TRACE level with span closes shown, so every field
//! recorded anywhere is in the text searched.

use std::io;
use std::sync::{Arc, Mutex};

use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::util::SubscriberInitExt as _;
use verycloud::mock::MockServer;
use verycloud::{Client, Error};

const PASSWORD: &str = "hunter2-plain-password";

/// Everything the subscriber wrote.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("not poisoned")).into_owned()
    }

    /// The closing line of each call span of `operation` (not of the attempts inside it).
    fn call_closes(&self, operation: &str) -> Vec<String> {
        let operation = format!("operation=\"{operation}\"");
        self.lines_with(&["call{", &operation, "close time."])
            .into_iter()
            .filter(|line| !line.contains("attempt{"))
            .collect()
    }

    /// The lines holding every one of `parts`.
    fn lines_with(&self, parts: &[&str]) -> Vec<String> {
        self.text()
            .lines()
            .filter(|line| parts.iter().all(|part| line.contains(part)))
            .map(str::to_owned)
            .collect()
    }
}

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .expect("not poisoned")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Captures what this thread's code traces until the guard is dropped (the tests run on
/// tokio's current-thread runtime, so the client's futures run here).
fn capture() -> (Captured, impl Sized) {
    let captured = Captured::default();
    let writer = captured.clone();
    let guard = tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .finish()
        .set_default();
    (captured, guard)
}

#[tokio::test]
async fn a_call_is_a_span_with_its_operation_path_status_code_and_attempts() {
    let server = MockServer::start().await;
    let client = server.client().expect("a client");
    let (captured, _guard) = capture();
    server
        .profile()
        .detail()
        .fails_with_status(503)
        .times(1)
        .await;
    client.profile().detail().await.expect("the retry succeeds");

    // The call's span closes with its final fields.
    let closed = captured.call_closes("detail");
    assert_eq!(closed.len(), 1, "{}", captured.text());
    for field in [
        "path=\"/API/profile/detail\"",
        "attempts=2",
        "status=200",
        "code=1",
        "duration_ms=",
    ] {
        assert!(closed[0].contains(field), "{field} in {}", closed[0]);
    }
    // Each attempt is a span inside it, with its number and outcome.
    let first = captured.lines_with(&["attempt{attempt=1", "status=503", "close time."]);
    assert_eq!(first.len(), 1, "{}", captured.text());
    let second = captured.lines_with(&["attempt{attempt=2", "status=200", "code=1", "close time."]);
    assert_eq!(second.len(), 1, "{}", captured.text());
    // The retry is an INFO event naming the failure and the wait.
    let retries = captured.lines_with(&["INFO", "retrying after a failed attempt"]);
    assert_eq!(retries.len(), 1, "{}", captured.text());
    assert!(retries[0].contains("attempt=1"), "{}", retries[0]);
    assert!(retries[0].contains("wait_ms="), "{}", retries[0]);
    assert!(retries[0].contains("HTTP 503"), "{}", retries[0]);
    assert!(
        captured.lines_with(&["WARN"]).is_empty(),
        "{}",
        captured.text()
    );
}

#[tokio::test]
async fn giving_up_is_a_warning_with_its_reason() {
    let server = MockServer::start().await;
    let client = server.client().expect("a client");
    let (captured, _guard) = capture();
    server.profile().detail().fails_with_status(502).await;
    client
        .profile()
        .detail()
        .await
        .expect_err("every attempt fails");
    let warnings = captured.lines_with(&["WARN", "giving up"]);
    assert_eq!(warnings.len(), 1, "{}", captured.text());
    assert!(warnings[0].contains("attempts=3"), "{}", warnings[0]);
    assert!(warnings[0].contains("no retries left"), "{}", warnings[0]);
    assert_eq!(captured.lines_with(&["retrying after"]).len(), 2);

    // A write is never retried: it gives up at once, saying why.
    server.profile().update().fails_with_status(503).await;
    client
        .profile()
        .update(verycloud::requests::UpdateRequest::new())
        .await
        .expect_err("HTTP 503");
    let warnings = captured.lines_with(&["WARN", "giving up", "changes state"]);
    assert_eq!(warnings.len(), 1, "{}", captured.text());
}

#[tokio::test]
async fn an_api_error_closes_the_span_with_its_code() {
    let server = MockServer::start().await;
    let client = server.client().expect("a client");
    let (captured, _guard) = capture();
    server
        .finance()
        .balance()
        .fails_with(-7, "余额查询失败")
        .await;
    client.finance().balance().await.expect_err("an API error");
    let closed = captured.call_closes("balance");
    assert_eq!(closed.len(), 1, "{}", captured.text());
    assert!(closed[0].contains("code=-7"), "{}", closed[0]);
    assert!(closed[0].contains("attempts=1"), "{}", closed[0]);
    let failed = captured.lines_with(&["DEBUG", "call failed", "余额查询失败"]);
    assert_eq!(failed.len(), 1, "{}", captured.text());
}

#[tokio::test]
async fn logging_in_by_itself_is_an_info_event_and_no_secret_is_ever_traced() {
    let server = MockServer::start().await;
    let token = server.token().expose().to_owned();
    let encoded = verycloud::password::encrypt_with_lock(PASSWORD, 7).expect("a lock index");
    // The server echoes the token in an error message, and the whole body elsewhere.
    server
        .finance()
        .balance()
        .fails_with(0, format!("token {token} 余额查询失败"))
        .await;
    server
        .profile()
        .detail()
        .returns_raw(200, format!("{{\"code\": 1, \"data\": \"{token}\"}}"))
        .await;
    let (captured, guard) = capture();
    let client = Client::builder()
        .base_url(server.uri())
        .credentials("example_user", PASSWORD)
        .build()
        .expect("a client");
    client.finance().balance().await.expect_err("an API error");
    assert!(matches!(
        client.profile().detail().await,
        Err(Error::Decode { .. })
    ));
    client
        .login_encoded("example_user", &encoded)
        .await
        .expect("logs in");
    drop(guard);

    let relogin = captured.lines_with(&["INFO", "logging in again", "operation=\"balance\""]);
    assert_eq!(relogin.len(), 1, "{}", captured.text());
    assert_eq!(
        captured.call_closes("authorize").len(),
        2,
        "{}",
        captured.text()
    );
    let text = captured.text();
    for secret in [token.as_str(), PASSWORD, encoded.as_str()] {
        assert!(!text.contains(secret), "{secret:?} was traced:\n{text}");
    }
    assert!(
        !text.contains("example_user"),
        "the user name was traced:\n{text}"
    );
    assert!(
        text.contains("***"),
        "the errors traced show where secrets were:\n{text}"
    );
}
