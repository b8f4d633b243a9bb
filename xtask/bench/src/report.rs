//! The results of one run and their Markdown rendering (printed, and written to
//! `BENCHMARKS.md`).

use std::fmt::Write as _;
use std::time::Duration;

use crate::build_cost::BuildCost;
use crate::client_cost::{CallCost, DecodeThroughput};
use crate::cold_build::{BASELINE_VARIABLE, ColdBuild};
use crate::generation::GenerationResult;
use crate::hostile::{self, Hostile};
use crate::machine::{self, Machine};
use crate::stats::{human, micros, millis, ratio};
use crate::versus::Versus;

/// Targets from the issue.
const REAL_SPEC_BUDGET: Duration = Duration::from_millis(20);
const LARGE_SPEC_BUDGET: Duration = Duration::from_secs(5);
const LARGE_SPEC_ENDPOINTS: usize = 10_000;
const GROWTH_FROM: usize = 1_000;
const LARGE_SPEC_MEMORY: u64 = 1 << 30;
const GROWTH_LIMIT: f64 = 12.0;
const PROGENITOR_SPEEDUP: f64 = 2.0;
const CALL_OVERHEAD_LIMIT: f64 = 1.05;
/// Refusing hostile input takes time linear in its size, not quadratic: from 256 KiB to 4 MiB
/// (16 times as large), the time may grow twice as fast as the size at most (quadratic: ×256).
const HOSTILE_GROWTH_LIMIT: f64 = 16.0 * 2.0;

/// Everything one run measured. A section that failed holds its error, so the rest still
/// reports.
pub struct Results {
    pub quick: bool,
    pub progenitor_version: String,
    /// Endpoints and named types of the real spec.
    pub real_shape: (usize, usize),
    /// Whether the synthetic builder, asked for the real spec's size, reproduces its output.
    pub synthetic_faithful: bool,
    /// By endpoint count; 0 is the real spec.
    pub generation: Vec<(usize, Result<GenerationResult, String>)>,
    pub versus: Option<Versus>,
    pub versus_scaled: Option<Versus>,
    pub build: Option<Result<BuildCost, String>>,
    /// Cold builds of the generated crate, one per feature set.
    pub cold: Option<Result<Vec<ColdBuild>, String>>,
    pub calls: Option<CallCost>,
    pub decode: Option<DecodeThroughput>,
    pub hostile: Option<Result<Hostile, String>>,
    pub loads: Vec<SectionLoad>,
    pub elapsed: Duration,
}

impl Results {
    pub fn new(quick: bool, progenitor_version: String) -> Results {
        Results {
            quick,
            progenitor_version,
            real_shape: (0, 0),
            synthetic_faithful: false,
            generation: Vec::new(),
            versus: None,
            versus_scaled: None,
            build: None,
            cold: None,
            calls: None,
            decode: None,
            hostile: None,
            loads: Vec::new(),
            elapsed: Duration::ZERO,
        }
    }

    fn generation_at(&self, endpoints: usize) -> Option<&GenerationResult> {
        self.generation
            .iter()
            .find(|(size, _)| *size == endpoints)
            .and_then(|(_, result)| result.as_ref().ok())
    }
}

/// The machine's load average when a section started and when it ended: other work on the
/// machine inflates the figures measured under it.
pub struct SectionLoad {
    pub section: &'static str,
    pub at_start: String,
    pub at_end: String,
}

impl SectionLoad {
    /// `at_start` was read when the section started; the end is read now.
    pub fn new(section: &'static str, at_start: String) -> SectionLoad {
        SectionLoad {
            section,
            at_start,
            at_end: machine::load_average(),
        }
    }
}

pub fn render(results: &Results, machine: &Machine) -> String {
    let mut out = String::new();
    let _ = write_all(&mut out, results, machine);
    out
}

fn write_all(out: &mut String, results: &Results, machine: &Machine) -> std::fmt::Result {
    writeln!(out, "# Benchmarks")?;
    writeln!(out)?;
    writeln!(
        out,
        "One run of `cargo xtask bench{}` on {}: {} cores, {} of memory ({}), {}, {}. \
         The harness is `xtask/bench/` (its own workspace; progenitor {} comes from crates.io).",
        if results.quick { " --quick" } else { "" },
        machine::today(),
        machine.cores,
        machine.memory,
        machine.cpu,
        machine.os,
        machine.rustc,
        results.progenitor_version,
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Reproduce with `cargo xtask bench` (builds the harness in release mode into \
         `target/bench/`, then measures; this run's measuring took {}). `cargo xtask bench \
         --quick` makes fewer runs and writes `target/bench/BENCHMARKS.quick.md` instead.",
        human(results.elapsed)
    )?;
    if results.quick {
        writeln!(out)?;
        writeln!(out, "**Quick mode: too few runs to quote these figures.**")?;
    }
    writeln!(out)?;
    targets(out, results)?;
    generation(out, results)?;
    versus(out, results)?;
    build(out, results)?;
    run_time(out, results)?;
    hostile_input(out, results)?;
    loads(out, results)?;
    method(out, results)?;
    Ok(())
}

fn met(condition: bool) -> &'static str {
    if condition { "yes" } else { "**no**" }
}

fn targets(out: &mut String, results: &Results) -> std::fmt::Result {
    writeln!(out, "## Targets")?;
    writeln!(out)?;
    writeln!(out, "| target | measured | ratio | met |")?;
    writeln!(out, "| --- | --- | --- | --- |")?;
    let missing = "not measured (see below)";
    match results.generation_at(0) {
        Some(real) => writeln!(
            out,
            "| real spec generated in < 20 ms | {} | {:.2} of the budget | {} |",
            millis(real.median()),
            ratio(real.median(), REAL_SPEC_BUDGET),
            met(real.median() < REAL_SPEC_BUDGET)
        )?,
        None => writeln!(
            out,
            "| real spec generated in < 20 ms | {missing} | | **no** |"
        )?,
    }
    match results.generation_at(LARGE_SPEC_ENDPOINTS) {
        Some(large) => {
            writeln!(
                out,
                "| 10,000 endpoints generated in < 5 s | {} | {:.2} of the budget | {} |",
                human(large.median()),
                ratio(large.median(), LARGE_SPEC_BUDGET),
                met(large.median() < LARGE_SPEC_BUDGET)
            )?;
            match large.peak_rss_bytes {
                Some(peak) => writeln!(
                    out,
                    "| 10,000 endpoints: peak memory < 1 GiB | {} | {:.2} of the budget | {} |",
                    bytes(peak),
                    peak as f64 / LARGE_SPEC_MEMORY as f64,
                    met(peak < LARGE_SPEC_MEMORY)
                )?,
                None => writeln!(
                    out,
                    "| 10,000 endpoints: peak memory < 1 GiB | not available on this OS | | **no** |"
                )?,
            }
        }
        None => writeln!(
            out,
            "| 10,000 endpoints in < 5 s, < 1 GiB | {missing} | | **no** |"
        )?,
    }
    match (
        results.generation_at(GROWTH_FROM),
        results.generation_at(LARGE_SPEC_ENDPOINTS),
    ) {
        (Some(small), Some(large)) => {
            let growth = ratio(large.median(), small.median());
            writeln!(
                out,
                "| growth 1,000 → 10,000 endpoints < 12 (linear: 10) | {} → {} | ×{growth:.1} | {} |",
                human(small.median()),
                human(large.median()),
                met(growth < GROWTH_LIMIT)
            )?;
        }
        _ => writeln!(out, "| growth 1,000 → 10,000 < 12 | {missing} | | **no** |")?,
    }
    match &results.versus {
        Some(versus) if versus.theirs_failure.is_none() => {
            let speedup = ratio(versus.theirs.median(), versus.ours.median());
            writeln!(
                out,
                "| generation ≥ 2× faster than progenitor (real spec) | ours {}, progenitor {} | {speedup:.1}× faster | {} |",
                millis(versus.ours.median()),
                millis(versus.theirs.median()),
                met(speedup >= PROGENITOR_SPEEDUP)
            )?;
        }
        _ => writeln!(
            out,
            "| generation ≥ 2× faster than progenitor | progenitor failed (see below) | | **no** |"
        )?,
    }
    match &results.build {
        Some(Ok(cost)) if cost.theirs_failure.is_none() => {
            for (label, ours, theirs) in [
                (
                    "incremental",
                    &cost.ours_incremental,
                    &cost.theirs_incremental,
                ),
                ("`CARGO_INCREMENTAL=0`", &cost.ours_full, &cost.theirs_full),
            ] {
                let relative = ratio(ours.median(), theirs.median());
                writeln!(
                    out,
                    "| rebuild of `verycloud` no slower than progenitor's client ({label}) | {} vs {} | {relative:.2} | {} |",
                    human(ours.median()),
                    human(theirs.median()),
                    met(relative <= 1.0)
                )?;
            }
        }
        _ => writeln!(
            out,
            "| rebuild no slower than progenitor's client | not measured (see below) | | **no** |"
        )?,
    }
    match &results.calls {
        Some(calls) => {
            let relative = ratio(calls.ours.median(), calls.hand_written.median());
            writeln!(
                out,
                "| per-call cost within 5% of hand-written reqwest (median) | {} vs {} | {relative:.3} | {} |",
                micros(calls.ours.median()),
                micros(calls.hand_written.median()),
                met(relative <= CALL_OVERHEAD_LIMIT)
            )?;
        }
        None => writeln!(out, "| per-call cost within 5% | {missing} | | **no** |")?,
    }
    let size_growth = hostile::SIZES[hostile::SIZES.len() - 1] / hostile::SIZES[1];
    match results
        .hostile
        .as_ref()
        .and_then(|hostile| hostile.as_ref().ok())
        .and_then(Hostile::worst_growth)
    {
        Some(growth) => writeln!(
            out,
            "| refusing hostile input grows linearly with its size, not quadratically ({} → {}: ×{size_growth}; quadratic: ×{}) | ×{growth:.1} at worst | {:.2} of linear | {} |",
            bytes(hostile::SIZES[1] as u64),
            bytes(hostile::SIZES[hostile::SIZES.len() - 1] as u64),
            size_growth * size_growth,
            growth / size_growth as f64,
            met(growth <= HOSTILE_GROWTH_LIMIT)
        )?,
        None => writeln!(
            out,
            "| refusing hostile input takes linear time | {missing} | | **no** |"
        )?,
    }
    writeln!(out)
}

fn hostile_input(out: &mut String, results: &Results) -> std::fmt::Result {
    writeln!(out, "## 5. Refusing hostile input")?;
    writeln!(out)?;
    writeln!(
        out,
        "`spec::load::load_str` on input the loader refuses (nesting thousands of levels deep, in \
         flow and in block style, and an alias bomb), alone and after a plain document of the \
         given size (one short mapping entry a line). The scan reads up to the hostile part and \
         stops where a bound is met (nesting past 64 levels, aliases repeating more than 100,000 \
         nodes), before serde_yaml, whose work grows with the square of the nesting depth, sees \
         anything: alone, the hostile part costs next to nothing, and after a plain document the \
         time follows the document's size (the source map's sorted index adds a logarithm). The \
         tests check where the loader stopped, not how long it took; this is where the time is \
         measured. Median of the runs."
    )?;
    writeln!(out)?;
    let Some(hostile) = &results.hostile else {
        return writeln!(out, "Not measured in this run.\n");
    };
    let hostile = match hostile {
        Ok(hostile) => hostile,
        Err(error) => return writeln!(out, "Failed: {}\n", one_line(error)),
    };
    write!(out, "| hostile part | alone |")?;
    for size in &hostile::SIZES[1..] {
        write!(out, " after {} |", bytes(*size as u64))?;
    }
    writeln!(
        out,
        " growth, {} → {} |",
        bytes(hostile::SIZES[1] as u64),
        bytes(hostile::SIZES[hostile::SIZES.len() - 1] as u64)
    )?;
    write!(out, "| --- |")?;
    for _ in hostile::SIZES {
        write!(out, " ---: |")?;
    }
    writeln!(out, " ---: |")?;
    for ending in hostile.endings() {
        write!(out, "| {ending} |")?;
        let medians: Vec<Option<Duration>> = hostile::SIZES
            .iter()
            .map(|size| hostile.median(ending, *size))
            .collect();
        for median in &medians {
            match median {
                Some(median) => write!(out, " {} |", millis(*median))?,
                None => write!(out, " n/a |")?,
            }
        }
        match (
            medians.get(1).copied().flatten(),
            medians.last().copied().flatten(),
        ) {
            (Some(small), Some(large)) => writeln!(out, " ×{:.1} |", ratio(large, small))?,
            _ => writeln!(out, " n/a |")?,
        }
    }
    writeln!(out)
}

fn generation(out: &mut String, results: &Results) -> std::fmt::Result {
    writeln!(out, "## 1. Generation")?;
    writeln!(out)?;
    writeln!(
        out,
        "In-process, one child process a spec: load → validate → model → emit Rust (printed by \
         prettyplease) → emit OpenAPI (pretty JSON), from spec text in memory to every file's \
         contents. Median of the timed runs after warm-up; stages are medians of their own. Peak \
         memory is the child's `VmHWM` (high-water resident set, spec text and runtime \
         included)."
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| spec | endpoints | types | spec | output | runs | median | load | validate + model | emit Rust | emit OpenAPI | peak memory |"
    )?;
    writeln!(
        out,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )?;
    for (endpoints, result) in &results.generation {
        let label = if *endpoints == 0 {
            "`spec/verycloud.yaml`".to_owned()
        } else {
            format!("synthetic {}", count(*endpoints))
        };
        match result {
            Ok(r) => writeln!(
                out,
                "| {label} | {} | {} | {} | {} lines | {} | {} | {} | {} | {} | {} | {} |",
                count(r.endpoints),
                count(r.types),
                bytes(r.spec_bytes as u64),
                count(r.output_lines),
                r.runs,
                human(r.median()),
                human(Duration::from_secs_f64(r.median_load)),
                human(Duration::from_secs_f64(r.median_validate_and_model)),
                human(Duration::from_secs_f64(r.median_emit_rust)),
                human(Duration::from_secs_f64(r.median_emit_openapi)),
                r.peak_rss_bytes.map_or("n/a".to_owned(), bytes),
            )?,
            Err(error) => writeln!(out, "| {label} | failed: {} |||||||||||", one_line(error))?,
        }
    }
    writeln!(out)?;
    if let (Some(small), Some(large)) = (
        results.generation_at(GROWTH_FROM),
        results.generation_at(LARGE_SPEC_ENDPOINTS),
    ) {
        let memory = match (small.peak_rss_bytes, large.peak_rss_bytes) {
            (Some(small), Some(large)) => {
                format!(", peak memory ×{:.1}", large as f64 / small as f64)
            }
            _ => String::new(),
        };
        writeln!(
            out,
            "Growth from 1,000 to 10,000 endpoints: time ×{:.1}{memory} (linear is 10).",
            ratio(large.median(), small.median())
        )?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "Synthetic specs copy the real spec ({} endpoints, {} named types) as often as needed, \
         renaming each copy's types, endpoints, paths and groups and keeping every reference \
         inside its copy, and go through the real loader and validator. Check: the builder asked \
         for the real spec's own size generates {} output as the real spec.",
        results.real_shape.0,
        results.real_shape.1,
        if results.synthetic_faithful {
            "byte for byte the same"
        } else {
            "**different**"
        }
    )?;
    writeln!(out)
}

fn versus(out: &mut String, results: &Results) -> std::fmt::Result {
    writeln!(out, "## 2. Against progenitor")?;
    writeln!(out)?;
    writeln!(
        out,
        "Ours: spec text → the whole `verycloud` crate and `openapi.json` (as above). progenitor {} \
         (default settings): the `openapi.json` our generator wrote → `openapiv3` parse → \
         `generate_tokens` → prettyplease. The two take turns, run by run, in one process.",
        results.progenitor_version
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| API | runs | ours | progenitor | progenitor / ours | progenitor's client |"
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |")?;
    for (label, versus) in [
        ("real spec", &results.versus),
        ("synthetic", &results.versus_scaled),
    ] {
        let Some(versus) = versus else { continue };
        let theirs = match &versus.theirs_failure {
            None => human(versus.theirs.median()),
            Some(_) => format!("failed (parse alone: {})", human(versus.theirs.median())),
        };
        writeln!(
            out,
            "| {label}, {} endpoints | {} | {} | {theirs} | {:.1}× | {} lines |",
            count(versus.endpoints),
            versus.ours.len(),
            human(versus.ours.median()),
            ratio(versus.theirs.median(), versus.ours.median()),
            count(versus.theirs_lines),
        )?;
    }
    writeln!(out)?;
    for versus in [&results.versus, &results.versus_scaled]
        .into_iter()
        .flatten()
    {
        if let Some(failure) = &versus.theirs_failure {
            writeln!(
                out,
                "progenitor on {} endpoints: `{}`",
                versus.endpoints,
                one_line(failure)
            )?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn build(out: &mut String, results: &Results) -> std::fmt::Result {
    writeln!(out, "## 3. Build cost")?;
    writeln!(out)?;
    writeln!(
        out,
        "Debug builds in a scratch workspace (`target/bench/build-cost/`) holding a copy of \
         `generated-client/` and a crate with progenitor's client for the same `openapi.json`, \
         its dependencies as progenitor's CLI lists them. Dependencies built first; then each \
         crate's `src/lib.rs` is touched and that crate alone rebuilt (`cargo build -p`), the \
         two taking turns: with the dev profile's incremental compilation, and with \
         `CARGO_INCREMENTAL=0` (the whole crate compiled again)."
    )?;
    writeln!(out)?;
    match &results.build {
        Some(Ok(cost)) => rebuilds(out, cost)?,
        Some(Err(error)) => writeln!(out, "Not measured: {}\n", one_line(error))?,
        None => writeln!(out, "Not measured.\n")?,
    }
    cold(out, results)
}

fn rebuilds(out: &mut String, cost: &BuildCost) -> std::fmt::Result {
    writeln!(
        out,
        "| crate | lines of Rust | rebuilds | touched, incremental | touched, `CARGO_INCREMENTAL=0` |"
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
    writeln!(
        out,
        "| `verycloud` | {} ({} generated + {} runtime) | {} | {} | {} |",
        count(cost.ours_lines.total()),
        count(cost.ours_lines.generated),
        count(cost.ours_lines.runtime),
        cost.ours_incremental.len(),
        human(cost.ours_incremental.median()),
        human(cost.ours_full.median()),
    )?;
    match &cost.theirs_failure {
        None => {
            writeln!(
                out,
                "| progenitor's client | {} (runtime in the `progenitor-client` dependency) | {} | {} | {} |",
                count(cost.theirs_lines.total()),
                cost.theirs_incremental.len(),
                human(cost.theirs_incremental.median()),
                human(cost.theirs_full.median()),
            )?;
            writeln!(
                out,
                "| ours / progenitor's | {:.2} | | {:.2} | {:.2} |",
                cost.ours_lines.total() as f64 / cost.theirs_lines.total().max(1) as f64,
                ratio(
                    cost.ours_incremental.median(),
                    cost.theirs_incremental.median()
                ),
                ratio(cost.ours_full.median(), cost.theirs_full.median()),
            )?;
        }
        Some(failure) => writeln!(
            out,
            "| progenitor's client | {} | — | does not build: {} | |",
            count(cost.theirs_lines.total()),
            one_line(failure)
        )?,
    }
    writeln!(out)?;
    writeln!(
        out,
        "Building both crates' dependencies first took {}.",
        human(cost.priming)
    )?;
    writeln!(out)
}

fn cold(out: &mut String, results: &Results) -> std::fmt::Result {
    writeln!(out, "### Cold build of `verycloud`")?;
    writeln!(out)?;
    writeln!(
        out,
        "A user's first `cargo build` of the crate: the crate and every dependency compiled \
         from nothing (debug, the project's `Cargo.lock`), each feature set in a scratch \
         workspace and target folder of its own, one build each, one after another. Wall time \
         depends on what else the machine runs; CPU time (user + system of cargo and every \
         compiler it ran) much less. `{BASELINE_VARIABLE}=DIR` adds another copy of the crate, \
         such as an earlier commit's `generated-client/`."
    )?;
    writeln!(out)?;
    let builds = match &results.cold {
        Some(Ok(builds)) => builds,
        Some(Err(error)) => return writeln!(out, "Not measured: {}\n", one_line(error)),
        None => return writeln!(out, "Not measured.\n"),
    };
    writeln!(out, "| build | crates compiled | wall | CPU | `target/` |")?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
    for build in builds {
        writeln!(
            out,
            "| {} | {} | {} | {} | {:.0} MiB |",
            build.label,
            build.crates,
            human(build.wall),
            human(build.cpu),
            build.target_bytes as f64 / (1024.0 * 1024.0)
        )?;
    }
    writeln!(out)
}

fn run_time(out: &mut String, results: &Results) -> std::fmt::Result {
    writeln!(out, "## 4. Run time")?;
    writeln!(out)?;
    writeln!(
        out,
        "Both clients call `detail` (the largest documented reply) on a loopback HTTP/1.1 server \
         in the harness that answers every request at once with that documented reply, over \
         kept-alive connections; client and server each on one thread. Ours: \
         `client.profile().detail()` (default client: token in the body, envelope check, typed \
         `ProfileDetail`). Hand-written: reqwest `.json(&json!({{\"token\": …}}))`, \
         `.json::<serde_json::Value>()`, code check. A third client is the hand-written call with the options the generated client sets on every \
         request. Every call timed on its own, the clients taking turns in rounds after a warm-up."
    )?;
    writeln!(out)?;
    if let Some(calls) = &results.calls {
        writeln!(out, "| client | calls | median per call | mean per call |")?;
        writeln!(out, "| --- | ---: | ---: | ---: |")?;
        for (label, samples) in [
            ("generated `verycloud`", &calls.ours),
            ("hand-written reqwest + serde_json", &calls.hand_written),
            (
                "hand-written, with the generated client's timeout, user agent and `accept`",
                &calls.hand_written_same_options,
            ),
        ] {
            writeln!(
                out,
                "| {label} | {} | {} | {} |",
                count(samples.len()),
                micros(samples.median()),
                micros(samples.mean())
            )?;
        }
        writeln!(
            out,
            "| ours / hand-written | | {:.3} | {:.3} |",
            ratio(calls.ours.median(), calls.hand_written.median()),
            ratio(calls.ours.mean(), calls.hand_written.mean())
        )?;
        writeln!(
            out,
            "| ours / hand-written with the same options | | {:.3} | {:.3} |",
            ratio(
                calls.ours.median(),
                calls.hand_written_same_options.median()
            ),
            ratio(calls.ours.mean(), calls.hand_written_same_options.mean())
        )?;
        writeln!(out)?;
    }
    if let Some(decode) = &results.decode {
        writeln!(
            out,
            "Decode throughput of the `detail` reply ({} bytes of compact JSON), MB/s, median of batches:",
            count(decode.reply_bytes)
        )?;
        writeln!(out)?;
        writeln!(out, "| decoding | MB/s | relative to `Value` |")?;
        writeln!(out, "| --- | ---: | ---: |")?;
        for (label, rate) in [
            (
                "into `verycloud::types::ProfileDetail` (inside its envelope)",
                decode.typed,
            ),
            (
                "into `serde_json::Value` (the hand-written call)",
                decode.value,
            ),
            (
                "the generated client's path: the envelope's members as raw JSON, then `ProfileDetail` from `data`",
                decode.client_path,
            ),
        ] {
            writeln!(
                out,
                "| {label} | {rate:.0} | {:.2} |",
                rate / decode.value.max(f64::MIN_POSITIVE)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn loads(out: &mut String, results: &Results) -> std::fmt::Result {
    writeln!(out, "## Load on the machine")?;
    writeln!(out)?;
    writeln!(
        out,
        "Load averages (1, 5, 15 min) when each section started and ended; anything else running \
         on the machine slows the figures measured under it."
    )?;
    writeln!(out)?;
    writeln!(out, "| section | at start | at end |")?;
    writeln!(out, "| --- | --- | --- |")?;
    for load in &results.loads {
        writeln!(
            out,
            "| {} | {} | {} |",
            load.section, load.at_start, load.at_end
        )?;
    }
    writeln!(out)
}

fn method(out: &mut String, _results: &Results) -> std::fmt::Result {
    writeln!(out, "## Notes on method")?;
    writeln!(out)?;
    for note in [
        "Times are wall-clock medians; ratios are of medians.",
        "Generation skips the loader's 8 MiB file bound (`load::load_str_unbounded`): the \
         10,000-endpoint spec is larger than that, so `cargo xtask codegen` itself would refuse it.",
        "Every loop is bounded; the server listens on 127.0.0.1 only and stops with the run.",
        "The harness, like `cargo xtask codegen`, runs with mimalloc as its global allocator; \
         its arenas are why even the smallest spec shows tens of MiB of peak memory.",
        "The generator uses both cores for the three largest Rust files, each printed item by \
         item on its own thread. The loader's two YAML passes run one after the other: the scan \
         first, so that it refuses hostile input before serde_yaml's parse spends more than \
         linear time on it (section 5).",
    ] {
        writeln!(out, "- {note}")?;
    }
    Ok(())
}

/// `12345` → `12,345`.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn bytes(n: u64) -> String {
    let n = n as f64;
    if n >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.2} GiB", n / (1024.0 * 1024.0 * 1024.0))
    } else if n >= 1024.0 * 1024.0 {
        format!("{:.1} MiB", n / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KiB", n / 1024.0)
    }
}

/// An error's first line, with `|` escaped for a table cell.
fn one_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(count(7), "7");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn sizes_pick_a_readable_unit() {
        assert_eq!(bytes(2048), "2 KiB");
        assert_eq!(bytes(3 * 1024 * 1024 / 2), "1.5 MiB");
        assert_eq!(bytes(1 << 30), "1.00 GiB");
    }
}
