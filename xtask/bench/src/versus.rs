//! Measurement 2, the timing: our generator and progenitor taking turns on the same API.

use std::time::Instant;

use anyhow::{Result, bail};

use crate::pipeline;
use crate::progenitor_gen::{self, ProgenitorClient};
use crate::stats::Samples;

/// Wall times of both generators on one API.
#[derive(Debug, Default)]
pub struct Versus {
    pub endpoints: usize,
    /// spec text → every file of the client crate and `openapi.json`.
    pub ours: Samples,
    /// `openapi.json` → progenitor's client, pretty-printed.
    pub theirs: Samples,
    /// Why progenitor failed, if it did; then `theirs` holds only the parse of the document.
    pub theirs_failure: Option<String>,
    /// Lines of progenitor's client.
    pub theirs_lines: usize,
}

/// Alternates runs: ours, then progenitor, `warmups + runs` times; the warm-ups are dropped.
/// Returns the timings and progenitor's client (for the build-cost measurement).
pub fn compare(
    endpoints: usize,
    spec_text: &str,
    openapi_json: &str,
    warmups: usize,
    runs: usize,
) -> Result<(Versus, Option<ProgenitorClient>)> {
    let mut versus = Versus {
        endpoints,
        ..Versus::default()
    };
    let mut client = match progenitor_gen::generate(openapi_json) {
        Ok(client) => Some(client),
        Err(error) => {
            versus.theirs_failure = Some(format!("{error:#}"));
            None
        }
    };
    for run in 0..warmups + runs.max(1) {
        let start = Instant::now();
        let ours = pipeline::generate(spec_text)?;
        let ours_time = start.elapsed();
        std::hint::black_box(ours);

        let start = Instant::now();
        let theirs_time = if versus.theirs_failure.is_none() {
            let generated = progenitor_gen::generate(openapi_json)?;
            let time = start.elapsed();
            client = Some(generated);
            time
        } else {
            // What can still be measured: reading the document.
            std::hint::black_box(progenitor_gen::parse(openapi_json)?);
            start.elapsed()
        };
        if run >= warmups {
            versus.ours.push(ours_time);
            versus.theirs.push(theirs_time);
        }
    }
    if versus.ours.len() == 0 {
        bail!("no timed runs");
    }
    versus.theirs_lines = client
        .as_ref()
        .map_or(0, |client| client.code.lines().count());
    Ok((versus, client))
}
