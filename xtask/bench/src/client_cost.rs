//! Measurement 4: what a generated method costs per call against hand-written reqwest +
//! serde_json, both calling a loopback server that answers at once with the documented reply
//! of `detail` (the largest documented reply); and how fast that reply decodes.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::loopback::LoopbackServer;
use crate::stats::Samples;

/// The token both clients send; the server ignores it.
const TOKEN: &str = "5d8531de68ae272eacb8670afe084d60";
/// The endpoint whose documented reply is the largest, and its path.
pub const ENDPOINT: &str = "detail";
const DETAIL_PATH: &str = "/API/profile/detail";

/// Per-call times of each client, every call timed on its own.
#[derive(Debug, Default)]
pub struct CallCost {
    pub ours: Samples,
    pub hand_written: Samples,
    /// The hand-written call with the request options the generated client sets on every
    /// call (its 30 s timeout, user agent and `accept` header): the share of the difference
    /// that is those options rather than the generated code.
    pub hand_written_same_options: Samples,
}

/// The request options the generated client sets by default, for the like-for-like call.
const GENERATED_CLIENT_TIMEOUT: Duration = Duration::from_secs(30);
const GENERATED_CLIENT_USER_AGENT: &str = "verycloud-rust/0.1.0";

/// Times `rounds` rounds of `calls` calls with each client, the clients taking turns to go
/// first, after a warm-up that opens the keep-alive connections.
pub fn measure_calls(reply: &[u8], rounds: usize, calls: usize) -> Result<CallCost> {
    // reqwest is built here with only `rustls-no-provider` (the generated crate asks for no
    // more), so a plain `reqwest::Client` needs a process-wide provider, as an application
    // would install. The generated client hands its own provider to its own client.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let server = LoopbackServer::start(reply)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the client's runtime")?;
    runtime.block_on(async {
        let ours = verycloud::Client::builder()
            .base_url(server.base_url.as_str())
            .token(TOKEN)
            .build()
            .context("building the generated client")?;
        let http = reqwest::Client::new();
        let url = format!("{}{DETAIL_PATH}", server.base_url);

        let mut cost = CallCost::default();
        let mut discard = CallCost::default();
        let warm_up = calls.clamp(10, 200);
        for client in Contender::ALL {
            client
                .calls(&ours, &http, &url, warm_up, &mut discard)
                .await?;
        }
        for round in 0..rounds {
            // Each client goes first, second and third in turn.
            for offset in 0..Contender::ALL.len() {
                let client = Contender::ALL[(round + offset) % Contender::ALL.len()];
                client.calls(&ours, &http, &url, calls, &mut cost).await?;
            }
        }
        Ok(cost)
    })
}

#[derive(Debug, Clone, Copy)]
enum Contender {
    Generated,
    HandWritten,
    HandWrittenSameOptions,
}

impl Contender {
    const ALL: [Contender; 3] = [
        Contender::Generated,
        Contender::HandWritten,
        Contender::HandWrittenSameOptions,
    ];

    /// Makes `calls` calls, timing each on its own into this contender's samples.
    async fn calls(
        self,
        ours: &verycloud::Client,
        http: &reqwest::Client,
        url: &str,
        calls: usize,
        cost: &mut CallCost,
    ) -> Result<()> {
        for _ in 0..calls {
            let start = Instant::now();
            match self {
                Contender::Generated => {
                    let detail = ours
                        .profile()
                        .detail()
                        .await
                        .context("the generated call")?;
                    cost.ours.push(start.elapsed());
                    black_box(detail);
                }
                Contender::HandWritten => {
                    let reply = hand_written_detail(http.post(url)).await?;
                    cost.hand_written.push(start.elapsed());
                    black_box(reply);
                }
                Contender::HandWrittenSameOptions => {
                    let request = http
                        .post(url)
                        .timeout(GENERATED_CLIENT_TIMEOUT)
                        .header(reqwest::header::USER_AGENT, GENERATED_CLIENT_USER_AGENT)
                        .header(reqwest::header::ACCEPT, "application/json");
                    let reply = hand_written_detail(request).await?;
                    cost.hand_written_same_options.push(start.elapsed());
                    black_box(reply);
                }
            }
        }
        Ok(())
    }
}

/// What a user writing the call by hand would write: post the token, decode the reply as
/// JSON and check the envelope's code.
async fn hand_written_detail(request: reqwest::RequestBuilder) -> Result<Value> {
    let reply: Value = request
        .json(&serde_json::json!({ "token": TOKEN }))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .context("the hand-written call")?
        .json()
        .await
        .context("the hand-written call's reply")?;
    match reply.get("code").and_then(Value::as_i64) {
        Some(1) => Ok(reply),
        other => bail!("the reply's code is {other:?}, not 1"),
    }
}

/// Decode throughput of one reply, MB/s (10^6 bytes), median over batches.
#[derive(Debug, Default, Clone, Copy)]
pub struct DecodeThroughput {
    pub reply_bytes: usize,
    /// Straight into the typed struct.
    pub typed: f64,
    /// Into `serde_json::Value`, as the hand-written call does.
    pub value: f64,
    /// The generated client's path (generator/runtime/src/client.rs): the envelope's members as
    /// raw JSON text (to check the code), then the struct from `data`'s text.
    pub client_path: f64,
}

/// The reply as the typed client sees it: the envelope around `ProfileDetail`.
#[derive(Deserialize)]
struct DetailReply {
    #[serde(rename = "data")]
    _data: Option<verycloud::types::ProfileDetail>,
}

/// Decodes a reply; `true` when it decoded.
type Decoder<'a> = &'a dyn Fn(&[u8]) -> bool;

pub fn measure_decode(reply: &[u8], batches: usize, iterations: usize) -> Result<DecodeThroughput> {
    // Fail loudly, not slowly, if the reply does not decode.
    serde_json::from_slice::<DetailReply>(reply)
        .context("the documented reply as ProfileDetail")?;

    let typed = |bytes: &[u8]| serde_json::from_slice::<DetailReply>(bytes).is_ok();
    let value = |bytes: &[u8]| serde_json::from_slice::<Value>(bytes).is_ok();
    let client_path = |bytes: &[u8]| {
        serde_json::from_slice::<BTreeMap<String, Box<RawValue>>>(bytes).is_ok_and(|members| {
            members.contains_key("code")
                && members.get("data").is_some_and(|data| {
                    serde_json::from_str::<verycloud::types::ProfileDetail>(data.get()).is_ok()
                })
        })
    };
    let decoders: [Decoder<'_>; 3] = [&typed, &value, &client_path];
    // The decoders take turns batch by batch, so that a burst of load elsewhere on the
    // machine falls on all of them.
    let mut rates: [Vec<f64>; 3] = Default::default();
    for _ in 0..batches.max(1) {
        for (decode, rates) in decoders.iter().zip(rates.iter_mut()) {
            let start = Instant::now();
            for _ in 0..iterations {
                black_box(decode(black_box(reply)));
            }
            let seconds = start.elapsed().max(Duration::from_nanos(1)).as_secs_f64();
            rates.push((reply.len() * iterations) as f64 / seconds / 1e6);
        }
    }
    let [typed, value, client_path] = rates.map(|mut rates| {
        rates.sort_by(f64::total_cmp);
        rates.get(rates.len() / 2).copied().unwrap_or_default()
    });
    Ok(DecodeThroughput {
        reply_bytes: reply.len(),
        typed,
        value,
        client_path,
    })
}
