//! The reply-conformance suite: the generated client against a loopback server that writes
//! each reply byte for byte (status line, headers, body, and where it matters how the body
//! is cut off or drawn out), as sloppy and hostile servers do.
//!
//! Each row of [`rows`] says what the server answers (one reply per attempt; the last one
//! repeats), which call the client makes, the typed outcome expected (a summary of the value,
//! or the error variant with its fields), whether that error may be retried, and how many
//! requests the server saw. The suite then checks that nothing it captured (outcomes, errors,
//! `Debug` output, what any other origin received) holds the token or the password.
//!
//! Waits between attempts go through the client's sleeper, which records them and returns at
//! once: the rows about `Retry-After` assert the waits asked for, never elapsed time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use futures_util::StreamExt as _;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use verycloud::requests::{AuthorizeRequest, BalanceAlarmRequest, CouponListRequest};
use verycloud::{Client, ClientBuilder, Decimal, Error, RetryPolicy};

const TOKEN: &str = "tok-C0NF0RMANCE-5ecret";
const PASSWORD: &str = "Pa55-C0NF0RMANCE-word";
const USER: &str = "example_user";

// ---- The loopback server

/// One reply, exactly as written on the wire.
#[derive(Clone)]
struct Raw {
    status_line: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Body,
    length: Length,
    /// Wait this long before answering.
    delay: Option<Duration>,
}

#[derive(Clone)]
enum Body {
    Bytes(Vec<u8>),
    /// Chunks of JSON-looking bytes until the client hangs up (or 1 GiB, whichever first).
    Endless,
}

#[derive(Clone, Copy)]
enum Length {
    /// `Content-Length` of the body.
    Exact,
    /// No `Content-Length`: the body ends when the connection closes.
    Omitted,
    /// A `Content-Length` promising more than the body: the connection closes early.
    Promise(usize),
}

/// The most an endless body may write before the server gives up on the client hanging up.
const ENDLESS_LIMIT: usize = 1 << 30;

fn reply(status_line: &'static str, body: impl AsRef<[u8]>) -> Raw {
    Raw {
        status_line,
        headers: vec![("Content-Type", "application/json".to_owned())],
        body: Body::Bytes(body.as_ref().to_vec()),
        length: Length::Exact,
        delay: None,
    }
}

fn ok(body: impl AsRef<[u8]>) -> Raw {
    reply("HTTP/1.1 200 OK", body)
}

impl Raw {
    fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    fn content_type(mut self, value: Option<&str>) -> Self {
        self.headers.retain(|(name, _)| *name != "Content-Type");
        if let Some(value) = value {
            self.headers.push(("Content-Type", value.to_owned()));
        }
        self
    }

    fn length(mut self, length: Length) -> Self {
        self.length = length;
        self
    }

    fn endless(mut self) -> Self {
        self.body = Body::Endless;
        self
    }

    fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

/// A request the server received.
#[derive(Debug, Clone)]
struct Captured {
    head: String,
    body: Vec<u8>,
}

impl Captured {
    fn text(&self) -> String {
        format!("{}\n{}", self.head, String::from_utf8_lossy(&self.body))
    }

    fn path(&self) -> &str {
        self.head.split(' ').nth(1).unwrap_or_default()
    }
}

struct Server {
    url: String,
    captured: Arc<Mutex<Vec<Captured>>>,
    /// Body bytes written by endless replies.
    written: Arc<AtomicUsize>,
}

impl Server {
    /// A server answering the `n`th request with `script[n]` (the last one repeats).
    async fn start(script: Vec<Raw>) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let captured = Arc::new(Mutex::new(Vec::new()));
        let written = Arc::new(AtomicUsize::new(0));
        let (captured_by_server, written_by_server) = (captured.clone(), written.clone());
        tokio::spawn(async move {
            // Every reply closes its connection, so connections are attempts, in order.
            let mut index = 0;
            while let Ok((socket, _)) = listener.accept().await {
                let raw = script
                    .get(index)
                    .or(script.last())
                    .cloned()
                    .expect("a script");
                index += 1;
                let captured = captured_by_server.clone();
                let written = written_by_server.clone();
                tokio::spawn(answer(socket, raw, captured, written));
            }
        });
        Server {
            url,
            captured,
            written,
        }
    }

    fn requests(&self) -> Vec<Captured> {
        self.captured.lock().unwrap().clone()
    }
}

async fn answer(
    mut socket: tokio::net::TcpStream,
    raw: Raw,
    captured: Arc<Mutex<Vec<Captured>>>,
    written: Arc<AtomicUsize>,
) {
    let mut received = Vec::new();
    let mut buffer = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
    };
    let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    while received.len() < head_end + length {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
    }
    let body = received[head_end..].to_vec();
    captured.lock().unwrap().push(Captured { head, body });

    if let Some(delay) = raw.delay {
        tokio::time::sleep(delay).await;
    }
    let mut out = Vec::new();
    write!(out, "{}\r\n", raw.status_line).unwrap();
    for (name, value) in &raw.headers {
        write!(out, "{name}: {value}\r\n").unwrap();
    }
    match (&raw.body, raw.length) {
        (Body::Endless, _) => out.extend_from_slice(b"Transfer-Encoding: chunked\r\n"),
        (Body::Bytes(bytes), Length::Exact) => {
            write!(out, "Content-Length: {}\r\n", bytes.len()).unwrap()
        }
        (Body::Bytes(_), Length::Promise(length)) => {
            write!(out, "Content-Length: {length}\r\n").unwrap()
        }
        (Body::Bytes(_), Length::Omitted) => {}
    }
    out.extend_from_slice(b"Connection: close\r\n\r\n");
    match &raw.body {
        Body::Bytes(bytes) => out.extend_from_slice(bytes),
        Body::Endless => {
            if socket.write_all(&out).await.is_err() {
                return;
            }
            let chunk = format!("10000\r\n{}\r\n", "0,".repeat(0x8000));
            while written.load(Ordering::SeqCst) < ENDLESS_LIMIT {
                if socket.write_all(chunk.as_bytes()).await.is_err() {
                    return;
                }
                written.fetch_add(0x10000, Ordering::SeqCst);
            }
            return;
        }
    }
    let _ = socket.write_all(&out).await;
    let _ = socket.shutdown().await;
}

// ---- The client and the calls

/// A client of `server` holding the token, retrying twice with waits up to 5 s, which the
/// returned log records instead of sleeping.
fn client(server: &Server, setup: Setup) -> (Client, Arc<Mutex<Vec<Duration>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = waits.clone();
    let builder = Client::builder()
        .base_url(&server.url)
        .timeout(Duration::from_secs(20))
        .retry(RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
        })
        .sleeper(move |wait| {
            recorded.lock().unwrap().push(wait);
            std::future::ready(())
        });
    let builder = match setup {
        Setup::Token => builder.token(TOKEN),
        Setup::NoToken => builder,
        Setup::Custom(custom) => custom(builder.token(TOKEN)),
    };
    (builder.build().unwrap(), waits)
}

#[derive(Clone, Copy)]
enum Setup {
    Token,
    NoToken,
    Custom(fn(ClientBuilder) -> ClientBuilder),
}

/// A `reqwest` client with reqwest's own defaults: it follows up to ten redirects.
fn following_client(builder: ClientBuilder) -> ClientBuilder {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    let http = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .no_proxy()
        .build()
        .unwrap();
    builder.http_client(http)
}

fn small_cap(builder: ClientBuilder) -> ClientBuilder {
    builder.max_reply_size(64 * 1024)
}

fn short_timeout(builder: ClientBuilder) -> ClientBuilder {
    builder.timeout(Duration::from_millis(300))
}

fn default_retry(builder: ClientBuilder) -> ClientBuilder {
    builder.retry(RetryPolicy::default())
}

#[derive(Clone, Copy, Debug)]
enum Call {
    /// `finance().balance()`: read-only; the whole reply, `data` a list of amounts.
    Balance,
    /// `profile().detail()`: read-only; a record with nested sub-accounts.
    Detail,
    /// `finance().coupon_list(..)`: read-only; one page of vouchers with dates.
    CouponList,
    /// `finance().coupon_list_stream(..)`, read as it is (it is `Unpin`).
    CouponStream,
    /// `finance().coupon_balance()`: read-only; `data` a bare decimal.
    CouponBalance,
    /// `finance().balance_alarm(..)` with an amount beyond 15 digits: a write.
    BalanceAlarm,
    /// `client.login(..)`, then `detail` twice.
    LoginThenDetailTwice,
    /// `oauth().authorize(..)`, then `detail`.
    AuthorizeThenDetail,
}

fn amount() -> Decimal {
    "12345678901234567.89".parse().unwrap()
}

/// Runs `call` and sums its value up as text.
async fn run(call: Call, client: &Client) -> Result<String, Error> {
    match call {
        Call::Balance => {
            let reply = client.finance().balance().await?;
            let prices: Vec<String> = reply.data.iter().map(|b| b.price.to_string()).collect();
            Ok(format!("prices {prices:?} total {:?}", reply.total))
        }
        Call::Detail => {
            let detail = client.profile().detail().await?;
            let subaccounts: Option<Vec<i64>> = detail
                .subaccounts
                .map(|list| list.iter().map(|s| s.uid).collect());
            Ok(format!("uid {} subaccounts {subaccounts:?}", detail.uid))
        }
        Call::CouponList => {
            let page = client
                .finance()
                .coupon_list(CouponListRequest::new())
                .await?;
            let items: Vec<String> = page
                .items
                .iter()
                .map(|c| format!("{}:{:?}", c.id, c.endtime.as_ref().map(|t| t.to_string())))
                .collect();
            Ok(format!("{items:?} total {:?}", page.total))
        }
        Call::CouponStream => {
            let mut stream = client
                .finance()
                .coupon_list_stream(CouponListRequest::new());
            let mut ids = Vec::new();
            while let Some(coupon) = stream.next().await {
                ids.push(coupon?.id);
            }
            Ok(format!("ids {ids:?}"))
        }
        Call::CouponBalance => Ok(client.finance().coupon_balance().await?.to_string()),
        Call::BalanceAlarm => {
            let request = BalanceAlarmRequest::new().alarm_value(amount());
            let settings = client.finance().balance_alarm(request).await?;
            Ok(format!(
                "alarm_value {:?}",
                settings.alarm_value.map(|v| v.to_string())
            ))
        }
        Call::LoginThenDetailTwice => {
            client.login(USER, PASSWORD).await?;
            let first = client.profile().detail().await?.uid;
            let second = client.profile().detail().await?.uid;
            Ok(format!("uid {first} then {second}"))
        }
        Call::AuthorizeThenDetail => {
            let encoded = verycloud::password::encrypt(PASSWORD);
            let reply = client
                .oauth()
                .authorize(AuthorizeRequest::new(USER, encoded))
                .await?;
            let stored = client
                .access_token()
                .await
                .map(|t| t.expose() == reply.access_token);
            let uid = client.profile().detail().await?.uid;
            Ok(format!("stored {stored:?} uid {uid}"))
        }
    }
}

// ---- The table

/// What a row expects.
enum Expect {
    /// Success, summed up as [`run`] does.
    Value(&'static str),
    /// An error that `matches` accepts; `shown` is its description in the table.
    Error(fn(&Error) -> bool),
}

/// A further check of a row: the waits the client asked for, the requests the server saw.
type Check = fn(&[Duration], &[Captured], &Server);

struct Row {
    name: &'static str,
    call: Call,
    setup: Setup,
    /// Built with the address of another origin, for redirects.
    replies: fn(&str) -> Vec<Raw>,
    expect: Expect,
    /// Whether the error may be retried (`None` for a value).
    retryable: Option<bool>,
    /// Requests the server saw.
    attempts: usize,
    /// Requests the other origin saw.
    elsewhere: usize,
    /// A further check of the waits the client asked for and what the server received.
    check: Option<Check>,
}

fn row(name: &'static str, call: Call, replies: fn(&str) -> Vec<Raw>, expect: Expect) -> Row {
    Row {
        name,
        call,
        setup: Setup::Token,
        replies,
        expect,
        retryable: None,
        attempts: 1,
        elsewhere: 0,
        check: None,
    }
}

impl Row {
    fn retryable(mut self, retryable: bool) -> Self {
        self.retryable = Some(retryable);
        self
    }
    fn attempts(mut self, attempts: usize) -> Self {
        self.attempts = attempts;
        self
    }
    fn setup(mut self, setup: Setup) -> Self {
        self.setup = setup;
        self
    }
    fn elsewhere(mut self, requests: usize) -> Self {
        self.elsewhere = requests;
        self
    }
    fn check(mut self, check: Check) -> Self {
        self.check = Some(check);
        self
    }
}

const BALANCE_OK: &str =
    r#"{"code":1,"message":"操作完成","data":[{"price":"29122.0219"}],"total":"1"}"#;
const DETAIL_OK: &str =
    r#"{"code":1,"message":"操作完成","data":{"uid":"1234566894","name":"example_user"}}"#;
const LOGIN_DOCUMENTED: &str = r#"{"code":1,"message":"操作完成","access_token":"tok-C0NF0RMANCE-5ecret","expires":1426473466}"#;

fn coupons(endtime: &str) -> String {
    format!(
        r#"{{"code":1,"message":"操作完成","data":[{{"id":"1","endtime":"2016-03-19 13:21:00"}},{{"id":"2","endtime":{endtime}}}],"total":"2","totalpage":1}}"#
    )
}

fn redirect(status_line: &'static str, other: &str) -> Raw {
    reply(status_line, "").header("Location", format!("{other}/API/profile/balance"))
}

fn is_redirect(status: u16, location_is_elsewhere: bool) -> impl Fn(&Error) -> bool {
    move |error| match error {
        Error::Redirect {
            status: got,
            location,
            ..
        } => {
            got.as_u16() == status
                && location
                    .as_deref()
                    .is_some_and(|l| l.contains("/API/profile/balance"))
                    == location_is_elsewhere
        }
        _ => false,
    }
}

fn decode_error_saying(error: &Error, parts: &[&str]) -> bool {
    matches!(error, Error::Decode { message, .. } if parts.iter().all(|part| message.contains(part)))
}

fn rows() -> Vec<Row> {
    use Call::*;
    vec![
        // -- 1. Redirects: none followed, none re-sends the body elsewhere.
        row("307 to another origin", Balance, |o| vec![redirect("HTTP/1.1 307 Temporary Redirect", o)],
            Expect::Error(|e| is_redirect(307, true)(e))).retryable(false),
        row("302 to another origin", Balance, |o| vec![redirect("HTTP/1.1 302 Found", o)],
            Expect::Error(|e| is_redirect(302, true)(e))).retryable(false),
        row("301 to another origin", Balance, |o| vec![redirect("HTTP/1.1 301 Moved Permanently", o)],
            Expect::Error(|e| is_redirect(301, true)(e))).retryable(false),
        row("303 to another origin", Balance, |o| vec![redirect("HTTP/1.1 303 See Other", o)],
            Expect::Error(|e| is_redirect(303, true)(e))).retryable(false),
        row("308 to another origin", Balance, |o| vec![redirect("HTTP/1.1 308 Permanent Redirect", o)],
            Expect::Error(|e| is_redirect(308, true)(e))).retryable(false),
        row("302 without Location", Balance, |_| vec![reply("HTTP/1.1 302 Found", "")],
            Expect::Error(|e| matches!(e, Error::Redirect { location: None, .. }))).retryable(false),
        row("307 whose Location echoes the token", Balance,
            |o| vec![reply("HTTP/1.1 307 Temporary Redirect", "")
                .header("Location", format!("{o}/API/profile/balance?token={TOKEN}"))],
            Expect::Error(|e| matches!(e, Error::Redirect { location: Some(l), .. } if l.ends_with("token=***"))))
            .retryable(false),
        row("307, custom client that follows redirects", Balance, |o| vec![redirect("HTTP/1.1 307 Temporary Redirect", o)],
            Expect::Error(|e| is_redirect(307, true)(e)))
            .setup(Setup::Custom(following_client)).retryable(false),
        row("302, custom client that follows redirects", Balance, |o| vec![redirect("HTTP/1.1 302 Found", o)],
            Expect::Error(|e| is_redirect(200, true)(e)))
            .setup(Setup::Custom(following_client)).retryable(false).elsewhere(1),
        // -- 2. Money: exact from a number or a string, out of range is an error, sent exactly.
        row("decimal beyond f64 as a number", Balance,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":[{"price":12345678901234567.89}],"total":1}"#)],
            Expect::Value(r#"prices ["12345678901234567.89"] total Some(1)"#)),
        row("decimal beyond f64 as a string", Balance,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":[{"price":"12345678901234567.89"}],"total":"1"}"#)],
            Expect::Value(r#"prices ["12345678901234567.89"] total Some(1)"#)),
        row("decimal in exponent form", Balance,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":[{"price":1.2345e3}],"total":1}"#)],
            Expect::Value(r#"prices ["1234.5"] total Some(1)"#)),
        row("decimal too large for Decimal", Balance,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":[{"price":1e40}],"total":1}"#)],
            Expect::Error(|e| decode_error_saying(e, &["`data[0].price`", "out of range"]))).retryable(false),
        row("decimal with 29 decimal places", Balance,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":[{"price":"0.00000000000000000000000000001"}]}"#)],
            Expect::Error(|e| decode_error_saying(e, &["`data[0].price`", "out of range"]))).retryable(false),
        row("bare decimal data, 4 decimal places kept", CouponBalance,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":1580.0000}"#)],
            Expect::Value("1580.0000")),
        row("decimal sent exactly", BalanceAlarm,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"alarm_value":12345678901234567.89}}"#)],
            Expect::Value(r#"alarm_value Some("12345678901234567.89")"#))
            .check(|_, sent, _| {
                let body = String::from_utf8_lossy(&sent[0].body).into_owned();
                assert!(body.contains(r#""alarm_value":12345678901234567.89"#), "{body}");
            }),
        // -- 3. Integers beyond i64.
        row("uid beyond i64 as a string", Detail,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"uid":"12345678901234567890"}}"#)],
            Expect::Error(|e| decode_error_saying(e, &["`data.uid`", "out of range", "12345678901234567890"]))).retryable(false),
        row("uid beyond i64 as a number", Detail,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"uid":12345678901234567890}}"#)],
            Expect::Error(|e| decode_error_saying(e, &["`data.uid`", "out of range"]))).retryable(false),
        row("uid at i64::MAX", Detail,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"uid":"9223372036854775807"}}"#)],
            Expect::Value("uid 9223372036854775807 subaccounts None")),
        row("total beyond i64", Balance,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":[],"total":"99999999999999999999"}"#)],
            Expect::Error(|e| decode_error_saying(e, &["`total`", "out of range"]))).retryable(false),
        // -- 4. Byte-order mark, content types, empty and broken bodies.
        row("UTF-8 BOM before the JSON", Detail,
            |_| vec![ok([&b"\xEF\xBB\xBF"[..], DETAIL_OK.as_bytes()].concat())],
            Expect::Value("uid 1234566894 subaccounts None")),
        row("BOM and nothing else", Detail, |_| vec![ok(b"\xEF\xBB\xBF")],
            Expect::Error(|e| decode_error_saying(e, &["empty"]))).retryable(false),
        row("JSON sent as text/html", Detail, |_| vec![ok(DETAIL_OK).content_type(Some("text/html; charset=gbk"))],
            Expect::Value("uid 1234566894 subaccounts None")),
        row("JSON without Content-Type", Detail, |_| vec![ok(DETAIL_OK).content_type(None)],
            Expect::Value("uid 1234566894 subaccounts None")),
        row("JSON without Content-Length, ended by close", Detail, |_| vec![ok(DETAIL_OK).length(Length::Omitted)],
            Expect::Value("uid 1234566894 subaccounts None")),
        row("HTML on 200", Detail, |_| vec![ok("<html><body>维护中</body></html>").content_type(Some("text/html"))],
            Expect::Error(|e| decode_error_saying(e, &["not JSON"]))).retryable(false),
        row("empty body on 200", Detail, |_| vec![ok("")],
            Expect::Error(|e| decode_error_saying(e, &["empty"]))).retryable(false),
        row("truncated JSON, complete HTTP body", Detail, |_| vec![ok(&DETAIL_OK.as_bytes()[..40])],
            Expect::Error(|e| decode_error_saying(e, &["not JSON"]))).retryable(false),
        row("body cut short of its Content-Length", Detail,
            |_| vec![ok(&DETAIL_OK.as_bytes()[..40]).length(Length::Promise(DETAIL_OK.len()))],
            Expect::Error(|e| matches!(e, Error::Transport { .. }))).retryable(true).attempts(3),
        row("JSON array instead of an object", Detail, |_| vec![ok("[1,2]")],
            Expect::Error(|e| decode_error_saying(e, &["an array, not an object"]))).retryable(false),
        row("HTML on 502", Detail, |_| vec![reply("HTTP/1.1 502 Bad Gateway", "<html>bad gateway</html>").content_type(Some("text/html"))],
            Expect::Error(|e| matches!(e, Error::Status { status, body_excerpt, retry_after: None, .. }
                if status.as_u16() == 502 && body_excerpt.contains("bad gateway"))))
            .retryable(true).attempts(3),
        row("empty body on 500", Detail, |_| vec![reply("HTTP/1.1 500 Internal Server Error", "")],
            Expect::Error(|e| matches!(e, Error::Status { status, body_excerpt, .. } if status.as_u16() == 500 && body_excerpt.is_empty())))
            .retryable(true).attempts(3),
        row("500 then 200", Detail, |_| vec![reply("HTTP/1.1 500 Internal Server Error", "oops"), ok(DETAIL_OK)],
            Expect::Value("uid 1234566894 subaccounts None")).attempts(2)
            .check(|waits, _, _| {
                assert_eq!(waits.len(), 1);
                assert!(waits[0] <= Duration::from_millis(100), "{waits:?}");
            }),
        row("500 on a write", BalanceAlarm, |_| vec![reply("HTTP/1.1 500 Internal Server Error", "")],
            Expect::Error(|e| e.status().is_some_and(|s| s.as_u16() == 500))).retryable(true).attempts(1),
        row("404", Detail, |_| vec![reply("HTTP/1.1 404 Not Found", "no such page")],
            Expect::Error(|e| e.status().is_some_and(|s| s.as_u16() == 404))).retryable(false),
        row("reply slower than the timeout", Detail, |_| vec![ok(DETAIL_OK).delay(Duration::from_secs(3))],
            Expect::Error(|e| matches!(e, Error::Timeout { endpoint: "detail" })))
            .setup(Setup::Custom(short_timeout)).retryable(true).attempts(3),
        // -- Size cap.
        row("body over the cap, Content-Length says so", Detail,
            |_| vec![ok(format!(r#"{{"code":1,"data":{{"uid":1}},"pad":"{}"}}"#, "x".repeat(100 * 1024)))],
            Expect::Error(|e| matches!(e, Error::ReplyTooLarge { limit: 65536, .. })))
            .setup(Setup::Custom(small_cap)).retryable(false),
        row("body over the cap, no Content-Length", Detail,
            |_| vec![ok(format!(r#"{{"code":1,"data":{{"uid":1}},"pad":"{}"}}"#, "x".repeat(100 * 1024))).length(Length::Omitted)],
            Expect::Error(|e| matches!(e, Error::ReplyTooLarge { limit: 65536, .. })))
            .setup(Setup::Custom(small_cap)).retryable(false),
        row("endless chunked body", Detail, |_| vec![ok("").endless()],
            Expect::Error(|e| matches!(e, Error::ReplyTooLarge { limit: 65536, .. })))
            .setup(Setup::Custom(small_cap)).retryable(false)
            .check(|_, _, server| {
                // The client hung up long before the server's 1 GiB limit: it read no more
                // than the cap (the rest is what the sockets' buffers took).
                let written = server.written.load(Ordering::SeqCst);
                println!("endless body: the server wrote {written} bytes before the client hung up");
                assert!(written < 64 * 1024 * 1024, "the server wrote {written} bytes");
            }),
        row("just under the cap", Detail,
            |_| vec![ok(format!(r#"{{"code":1,"data":{{"uid":1}},"pad":"{}"}}"#, "x".repeat(60 * 1024)))],
            Expect::Value("uid 1 subaccounts None")).setup(Setup::Custom(small_cap)),
        // -- 5. Retry-After.
        row("429 Retry-After: 3, twice, then 200", Detail,
            |_| vec![reply("HTTP/1.1 429 Too Many Requests", "").header("Retry-After", "3"),
                     reply("HTTP/1.1 429 Too Many Requests", "").header("Retry-After", "3"),
                     ok(DETAIL_OK)],
            Expect::Value("uid 1234566894 subaccounts None")).attempts(3)
            .check(|waits, _, _| assert_eq!(waits, [Duration::from_secs(3), Duration::from_secs(3)])),
        row("503 Retry-After as an HTTP date", Detail,
            |_| vec![reply("HTTP/1.1 503 Service Unavailable", "")
                         .header("Retry-After", httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(4))),
                     ok(DETAIL_OK)],
            Expect::Value("uid 1234566894 subaccounts None")).attempts(2)
            .check(|waits, _, _| {
                // An HTTP date has whole seconds: the wait is at most 4 s and, however slow
                // the machine, not the jittered backoff (at most 100 ms).
                assert_eq!(waits.len(), 1);
                assert!(waits[0] <= Duration::from_secs(4) && waits[0] > Duration::from_millis(100), "{waits:?}");
            }),
        row("429 Retry-After beyond the policy", Detail,
            |_| vec![reply("HTTP/1.1 429 Too Many Requests", "").header("Retry-After", "60")],
            Expect::Error(|e| e.status().is_some_and(|s| s.as_u16() == 429) && e.retry_after() == Some(Duration::from_secs(60))))
            .retryable(true).attempts(1)
            .check(|waits, _, _| assert!(waits.is_empty(), "{waits:?}")),
        row("429 Retry-After: 3 under the default policy (2 s cap)", Detail,
            |_| vec![reply("HTTP/1.1 429 Too Many Requests", "").header("Retry-After", "3")],
            Expect::Error(|e| e.retry_after() == Some(Duration::from_secs(3))))
            .setup(Setup::Custom(default_retry)).retryable(true).attempts(1),
        row("503 without Retry-After", Detail, |_| vec![reply("HTTP/1.1 503 Service Unavailable", "")],
            Expect::Error(|e| e.retry_after().is_none() && e.status().is_some_and(|s| s.as_u16() == 503)))
            .retryable(true).attempts(3)
            .check(|waits, _, _| {
                assert_eq!(waits.len(), 2);
                assert!(waits[0] <= Duration::from_millis(100) && waits[1] <= Duration::from_millis(200), "{waits:?}");
            }),
        row("Retry-After unreadable", Detail,
            |_| vec![reply("HTTP/1.1 503 Service Unavailable", "").header("Retry-After", "soon"), ok(DETAIL_OK)],
            Expect::Value("uid 1234566894 subaccounts None")).attempts(2),
        row("Retry-After on a write: never retried", BalanceAlarm,
            |_| vec![reply("HTTP/1.1 503 Service Unavailable", "").header("Retry-After", "1")],
            Expect::Error(|e| e.retry_after() == Some(Duration::from_secs(1)))).retryable(true).attempts(1),
        // -- 6. Placeholder dates.
        row("endtime 0000-00-00 00:00:00", CouponList, |_| vec![ok(coupons(r#""0000-00-00 00:00:00""#))],
            Expect::Value(r#"["1:Some(\"2016-03-19 13:21:00\")", "2:None"] total Some(2)"#)),
        row("endtime 0000-00-00", CouponList, |_| vec![ok(coupons(r#""0000-00-00""#))],
            Expect::Value(r#"["1:Some(\"2016-03-19 13:21:00\")", "2:None"] total Some(2)"#)),
        row("endtime 0000-00-00 00:00", CouponList, |_| vec![ok(coupons(r#""0000-00-00 00:00""#))],
            Expect::Value(r#"["1:Some(\"2016-03-19 13:21:00\")", "2:None"] total Some(2)"#)),
        row("endtime 0000/00/00 00:00:00", CouponList, |_| vec![ok(coupons(r#""0000/00/00 00:00:00""#))],
            Expect::Value(r#"["1:Some(\"2016-03-19 13:21:00\")", "2:None"] total Some(2)"#)),
        row("endtime 0000-00-00 00:00:00.000000", CouponList, |_| vec![ok(coupons(r#""0000-00-00 00:00:00.000000""#))],
            Expect::Value(r#"["1:Some(\"2016-03-19 13:21:00\")", "2:None"] total Some(2)"#)),
        row("endtime -0001-11-30 00:00:00 (PHP)", CouponList, |_| vec![ok(coupons(r#""-0001-11-30 00:00:00""#))],
            Expect::Value(r#"["1:Some(\"2016-03-19 13:21:00\")", "2:None"] total Some(2)"#)),
        row("endtime empty string", CouponList, |_| vec![ok(coupons(r#""""#))],
            Expect::Value(r#"["1:Some(\"2016-03-19 13:21:00\")", "2:None"] total Some(2)"#)),
        row("endtime null", CouponList, |_| vec![ok(coupons("null"))],
            Expect::Value(r#"["1:Some(\"2016-03-19 13:21:00\")", "2:None"] total Some(2)"#)),
        row("endtime garbage names the item and field", CouponList, |_| vec![ok(coupons(r#""soon""#))],
            Expect::Error(|e| decode_error_saying(e, &["`data[1].endtime`", "soon"]))).retryable(false),
        // -- 7. Lists written as objects, at every depth; null; unknown fields.
        row("subaccounts as a PHP object", Detail,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"uid":"1","subaccounts":{"1":{"uid":"2"}}}}"#)],
            Expect::Value("uid 1 subaccounts Some([2])")),
        row("page data as a PHP object", CouponList,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"7":{"id":"7"},"9":{"id":9}},"total":2}"#)],
            Expect::Value(r#"["7:None", "9:None"] total Some(2)"#)),
        row("balance data as a PHP object", Balance,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"0":{"price":"1.5"}},"total":1}"#)],
            Expect::Value(r#"prices ["1.5"] total Some(1)"#)),
        row("subaccounts [] and balance [] (PHP empties)", Detail,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"uid":1,"subaccounts":[],"balance":[],"profile":[]}}"#)],
            Expect::Value("uid 1 subaccounts Some([])")),
        row("null where an optional list is", Detail,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"uid":1,"subaccounts":null,"profile":null}}"#)],
            Expect::Value("uid 1 subaccounts None")),
        row("null where the record must be", Detail, |_| vec![ok(r#"{"code":1,"message":"ok","data":null}"#)],
            Expect::Error(|e| decode_error_saying(e, &["`data`"]))).retryable(false),
        row("null where a list must be", Balance, |_| vec![ok(r#"{"code":1,"message":"ok","data":null,"total":0}"#)],
            Expect::Error(|e| decode_error_saying(e, &["`data`"]))).retryable(false),
        row("null page data is an empty page", CouponList, |_| vec![ok(r#"{"code":1,"message":"ok","data":null,"total":0}"#)],
            Expect::Value("[] total Some(0)")),
        row("a sub-account item of the wrong shape names its key", Detail,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"uid":1,"subaccounts":{"5":{"uid":"x"}}}}"#)],
            Expect::Error(|e| decode_error_saying(e, &["`data.subaccounts.5.uid`"]))).retryable(false),
        row("unknown fields at every level", Detail,
            |_| vec![ok(r#"{"code":1,"message":"ok","extra":{"a":[1]},"data":{"uid":1,"new":true,"subaccounts":[{"uid":2,"more":null,"profile":{"x":1}}],"balance":{"y":"z"}}}"#)],
            Expect::Value("uid 1 subaccounts Some([2])")),
        row("the stream, Unpin, over a PHP-object page", CouponStream,
            |_| vec![ok(r#"{"code":1,"message":"ok","data":{"3":{"id":3},"4":{"id":4}},"total":2,"totalpage":1}"#)],
            Expect::Value("ids [3, 4]")),
        // -- The envelope.
        row("code as a numeric string", Detail, |_| vec![ok(r#"{"code":"1","message":"ok","data":{"uid":5}}"#)],
            Expect::Value("uid 5 subaccounts None")),
        row("code 1.0", Detail, |_| vec![ok(r#"{"code":1.0,"data":{"uid":5}}"#)],
            Expect::Value("uid 5 subaccounts None")),
        row("failure code as a string, message kept", Detail, |_| vec![ok(r#"{"code":"-3","message":"token 无效"}"#)],
            Expect::Error(|e| matches!(e, Error::Api { code: -3, message, .. } if message == "token 无效"))).retryable(false),
        row("failure code, message missing", Detail, |_| vec![ok(r#"{"code":0}"#)],
            Expect::Error(|e| matches!(e, Error::Api { code: 0, message, .. } if message.is_empty()))).retryable(false),
        row("failure code echoing the token", Detail, |_| vec![ok(format!(r#"{{"code":0,"message":"token {TOKEN} 失效"}}"#))],
            Expect::Error(|e| matches!(e, Error::Api { message, .. } if message == "token *** 失效"))).retryable(false),
        row("500 echoing the token", Detail, |_| vec![reply("HTTP/1.1 500 Internal Server Error", format!("bad token {TOKEN}"))],
            Expect::Error(|e| matches!(e, Error::Status { body_excerpt, .. } if body_excerpt == "bad token ***")))
            .retryable(true).attempts(3),
        row("code missing", Detail, |_| vec![ok(r#"{"message":"ok","data":{"uid":5}}"#)],
            Expect::Error(|e| decode_error_saying(e, &["no `code`"]))).retryable(false),
        row("code not a number", Detail, |_| vec![ok(r#"{"code":"ok","data":{"uid":5}}"#)],
            Expect::Error(|e| decode_error_saying(e, &["`code`"]))).retryable(false),
        // -- 8 and 9. Logging in: authorize stores the token; a past expiry is not believed.
        row("login, documented past expiry, two calls", LoginThenDetailTwice,
            |_| vec![ok(LOGIN_DOCUMENTED), ok(DETAIL_OK)],
            Expect::Value("uid 1234566894 then 1234566894")).setup(Setup::NoToken).attempts(3)
            .check(|_, sent, _| {
                let logins = sent.iter().filter(|r| r.path() == "/API/OAuth/authorize").count();
                assert_eq!(logins, 1, "one login, no renewal before each call");
                let details: Vec<String> = sent.iter().filter(|r| r.path() == "/API/profile/detail")
                    .map(|r| String::from_utf8_lossy(&r.body).into_owned()).collect();
                assert!(details.iter().all(|b| b.starts_with(&format!(r#"{{"token":"{TOKEN}""#))), "{details:?}");
            }),
        row("oauth().authorize() keeps the token", AuthorizeThenDetail,
            |_| vec![ok(LOGIN_DOCUMENTED), ok(DETAIL_OK)],
            Expect::Value("stored Some(true) uid 1234566894")).setup(Setup::NoToken).attempts(2),
        row("login reply without access_token", LoginThenDetailTwice,
            |_| vec![ok(r#"{"code":1,"message":"ok","expires":1426473466}"#)],
            Expect::Error(|e| decode_error_saying(e, &["access_token"]))).setup(Setup::NoToken).retryable(false),
        row("login refused", LoginThenDetailTwice,
            |_| vec![ok(r#"{"code":0,"message":"密码错误"}"#)],
            Expect::Error(|e| matches!(e, Error::Api { code: 0, endpoint: "authorize", .. }))).setup(Setup::NoToken).retryable(false),
        row("login answered 500: never retried", LoginThenDetailTwice,
            |_| vec![reply("HTTP/1.1 500 Internal Server Error", "")],
            Expect::Error(|e| e.status().is_some_and(|s| s.as_u16() == 500))).setup(Setup::NoToken).retryable(true),
    ]
}

// ---- The run

/// Every password encoding the server could have been sent.
fn encoded_passwords() -> Vec<String> {
    (0..=verycloud::password::MAX_LOCK_INDEX)
        .filter_map(|lock| verycloud::password::encrypt_with_lock(PASSWORD, lock))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_row_of_the_reply_conformance_table() {
    let mut captured_text: Vec<String> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut table: Vec<String> = Vec::new();
    for row in rows() {
        let elsewhere = Server::start(vec![ok(BALANCE_OK)]).await;
        let server = Server::start((row.replies)(&elsewhere.url)).await;
        let (client, waits) = client(&server, row.setup);
        let outcome = run(row.call, &client).await;
        let sent = server.requests();
        let waits = waits.lock().unwrap().clone();
        let mut problems = Vec::new();
        let shown = match &outcome {
            Ok(value) => value.clone(),
            Err(error) => format!("{error:?} / {error}"),
        };
        match (&row.expect, &outcome) {
            (Expect::Value(expected), Ok(value)) if value == expected => {}
            (Expect::Error(matches), Err(error)) if matches(error) => {
                if row.retryable != Some(error.is_retryable()) {
                    problems.push(format!("retryable: {}", error.is_retryable()));
                }
            }
            _ => problems.push(format!("unexpected outcome: {shown}")),
        }
        if sent.len() != row.attempts {
            problems.push(format!(
                "the server saw {} requests, not {}",
                sent.len(),
                row.attempts
            ));
        }
        let other = elsewhere.requests();
        if other.len() != row.elsewhere {
            problems.push(format!("the other origin saw {} requests", other.len()));
        }
        for request in &other {
            // Whatever reached another origin carried no body and no credentials.
            if !request.body.is_empty() || !request.head.starts_with("GET ") {
                problems.push(format!("the other origin got {}", request.text()));
            }
        }
        if let Some(check) = row.check {
            let result = std::panic::AssertUnwindSafe(|| check(&waits, &sent, &server));
            if let Err(panic) = std::panic::catch_unwind(result) {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                problems.push(format!("check: {message}"));
            }
        }
        table.push(format!("{} | {}", row.name, shown));
        captured_text.push(shown);
        captured_text.push(format!("{client:?}"));
        captured_text.extend(other.iter().map(Captured::text));
        if !problems.is_empty() {
            failures.push(format!("{}: {}", row.name, problems.join("; ")));
        }
    }
    println!("{}", table.join("\n"));
    assert!(
        failures.is_empty(),
        "rows that failed:\n{}",
        failures.join("\n")
    );

    // Nothing the suite captured holds a credential.
    let mut secrets = vec![TOKEN.to_owned(), PASSWORD.to_owned()];
    secrets.extend(encoded_passwords());
    for text in &captured_text {
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{secret:?} leaked into {text}"
            );
        }
    }
}

#[test]
fn the_table_covers_each_failing_input_of_the_issue() {
    let names: Vec<&str> = rows().iter().map(|row| row.name).collect();
    for needed in [
        "307 to another origin",
        "302 to another origin",
        "decimal beyond f64 as a number",
        "decimal sent exactly",
        "uid beyond i64 as a string",
        "UTF-8 BOM before the JSON",
        "429 Retry-After: 3, twice, then 200",
        "endtime 0000-00-00 00:00:00",
        "subaccounts as a PHP object",
        "oauth().authorize() keeps the token",
        "login, documented past expiry, two calls",
        "the stream, Unpin, over a PHP-object page",
    ] {
        assert!(names.contains(&needed), "no row {needed:?}");
    }
}

#[test]
fn rust_decimal_is_re_exported() {
    let amount: verycloud::rust_decimal::Decimal = "1.5".parse().unwrap();
    let same: Decimal = amount;
    assert_eq!(same.to_string(), "1.5");
    assert_eq!(verycloud::DEFAULT_MAX_REPLY_SIZE, 16 * 1024 * 1024);
}
