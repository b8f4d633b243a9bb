//! `cargo xtask bench [--quick]`: generation speed and scaling, build cost of the generated
//! crate and per-call overhead of the client, each side by side with the alternative (progenitor
//! on our OpenAPI document; hand-written reqwest + serde_json). Prints the table and writes
//! `BENCHMARKS.md` at the project root (`--quick`: fewer iterations, written to
//! `target/bench/BENCHMARKS.quick.md` instead, for trying the harness out).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod build_cost;
mod client_cost;
mod cold_build;
mod generation;
mod hostile;
mod loopback;
mod machine;
mod pipeline;
mod progenitor_gen;
mod report;
mod stats;
mod synthetic;
mod versus;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};

use crate::report::{Results, SectionLoad};

/// How many runs each measurement makes.
struct Plan {
    quick: bool,
    /// (endpoints, warm-up runs, timed runs); 0 endpoints = the real spec.
    generation: [(usize, usize, usize); 4],
    versus: (usize, usize),
    /// The synthetic size progenitor is also compared at, with its warm-ups and runs.
    versus_scaled: (usize, usize, usize),
    build_reps: usize,
    call_rounds: usize,
    calls_per_round: usize,
    decode_batches: usize,
    decode_iterations: usize,
    /// Refusals of each hostile input at each size.
    hostile_runs: usize,
}

impl Plan {
    fn new(quick: bool) -> Plan {
        if quick {
            Plan {
                quick,
                generation: [(0, 1, 10), (100, 1, 5), (1_000, 1, 2), (10_000, 0, 1)],
                versus: (1, 5),
                versus_scaled: (1_000, 0, 1),
                build_reps: 1,
                call_rounds: 4,
                calls_per_round: 100,
                decode_batches: 3,
                decode_iterations: 2_000,
                hostile_runs: 3,
            }
        } else {
            Plan {
                quick,
                generation: [(0, 5, 100), (100, 3, 30), (1_000, 2, 10), (10_000, 1, 3)],
                versus: (3, 30),
                versus_scaled: (1_000, 1, 3),
                build_reps: 3,
                call_rounds: 20,
                calls_per_round: 500,
                decode_batches: 9,
                decode_iterations: 20_000,
                hostile_runs: 15,
            }
        }
    }
}

const USAGE: &str =
    "usage: verycloud-bench [--quick] [--only generation|progenitor|build|runtime|hostile]";

/// The measurements, by the names `--only` takes.
const SECTIONS: [&str; 5] = ["generation", "progenitor", "build", "runtime", "hostile"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some(generation::CHILD_FLAG) => generation::child_main(args.get(1..).unwrap_or_default()),
        _ => parse_options(&args).and_then(|(quick, only)| run(&Plan::new(quick), only)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// `--quick` and `--only SECTION`; `--only` is for working on the harness, and a run with
/// it writes no `BENCHMARKS.md`.
fn parse_options(args: &[String]) -> Result<(bool, Option<&'static str>)> {
    let mut quick = false;
    let mut only = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => quick = true,
            "--only" => {
                let wanted = args.next().map(String::as_str).unwrap_or_default();
                let section = SECTIONS.iter().find(|section| **section == wanted);
                only = Some(*section.with_context(|| format!("no section `{wanted}`\n{USAGE}"))?);
            }
            other => bail!("unexpected argument `{other}`\n{USAGE}"),
        }
    }
    Ok((quick, only))
}

fn project_root() -> Result<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .context("locating the project root")
}

fn run(plan: &Plan, only: Option<&str>) -> Result<()> {
    let wanted = |section: &str| only.is_none_or(|only| only == section);
    let started = Instant::now();
    let root = project_root()?;
    let scratch = root.join("target").join("bench");
    let spec_path = root.join("spec").join("verycloud.yaml");
    let spec_text = std::fs::read_to_string(&spec_path).context("reading spec/verycloud.yaml")?;
    let openapi_json = std::fs::read_to_string(root.join("generated-client").join("openapi.json"))
        .context("reading generated-client/openapi.json")?;
    let mut results = Results::new(plan.quick, progenitor_version(&root));
    results.real_shape = pipeline::shape(&spec_text)?;

    if wanted("generation") {
        eprintln!("1/5 generation…");
        let load = machine::load_average();
        results.synthetic_faithful = check_synthetic_round_trip(&spec_text, results.real_shape.0)?;
        for &(endpoints, warmups, runs) in &plan.generation {
            let path = if endpoints == 0 {
                spec_path.clone()
            } else {
                let path = scratch
                    .join("specs")
                    .join(format!("endpoints-{endpoints}.yaml"));
                write_file(&path, &synthetic::build(&spec_text, endpoints)?)?;
                path
            };
            eprintln!(
                "  {} ({warmups} warm-up, {runs} timed runs)",
                path.display()
            );
            let measured = generation::measure_in_child(&path, warmups, runs);
            results
                .generation
                .push((endpoints, measured.map_err(|error| format!("{error:#}"))));
        }
        results.loads.push(SectionLoad::new("1. generation", load));
    }

    let mut progenitor_client = None;
    if wanted("progenitor") {
        eprintln!("2/5 against progenitor…");
        let load = machine::load_average();
        let (versus, client) = versus::compare(
            results.real_shape.0,
            &spec_text,
            &openapi_json,
            plan.versus.0,
            plan.versus.1,
        )?;
        results.versus = Some(versus);
        progenitor_client = client;
        let (scaled_endpoints, warmups, runs) = plan.versus_scaled;
        eprintln!("  and at {scaled_endpoints} endpoints…");
        let scaled_spec = synthetic::build(&spec_text, scaled_endpoints)?;
        let scaled_openapi = pipeline::generate(&scaled_spec)?
            .0
            .into_iter()
            .find(|file| file.path == emit::openapi::PATH)
            .context("the generator wrote no openapi.json")?
            .contents;
        let (scaled, _) = versus::compare(
            scaled_endpoints,
            &scaled_spec,
            &scaled_openapi,
            warmups,
            runs,
        )?;
        results.versus_scaled = Some(scaled);
        results
            .loads
            .push(SectionLoad::new("2. against progenitor", load));
    }

    if wanted("build") {
        eprintln!("3/5 build cost…");
        let load = machine::load_average();
        if progenitor_client.is_none() {
            progenitor_client = progenitor_gen::generate(&openapi_json).ok();
        }
        results.build = Some(match &progenitor_client {
            Some(client) => {
                build_cost::measure(&root, &scratch.join("build-cost"), client, plan.build_reps)
                    .map_err(|error| format!("{error:#}"))
            }
            None => Err("progenitor generated no client to build".to_owned()),
        });
        results.cold = Some(
            cold_build::measure(&root, &scratch.join("build-cost").join("cold"))
                .map_err(|error| format!("{error:#}")),
        );
        results.loads.push(SectionLoad::new("3. build cost", load));
    }

    if wanted("runtime") {
        eprintln!("4/5 run time…");
        let load = machine::load_average();
        let (reply_endpoint, largest_reply) = largest_documented_reply(&spec_text)?;
        if reply_endpoint != client_cost::ENDPOINT {
            bail!(
                "the largest documented reply is now `{reply_endpoint}`'s, not `{}`'s: update client_cost.rs",
                client_cost::ENDPOINT
            );
        }
        results.calls = Some(client_cost::measure_calls(
            &largest_reply,
            plan.call_rounds,
            plan.calls_per_round,
        )?);
        results.decode = Some(client_cost::measure_decode(
            &largest_reply,
            plan.decode_batches,
            plan.decode_iterations,
        )?);
        results.loads.push(SectionLoad::new("4. run time", load));
    }

    if wanted("hostile") {
        eprintln!("5/5 refusing hostile input…");
        let load = machine::load_average();
        results.hostile =
            Some(hostile::measure(plan.hostile_runs).map_err(|error| format!("{error:#}")));
        results
            .loads
            .push(SectionLoad::new("5. refusing hostile input", load));
    }

    results.elapsed = started.elapsed();
    let markdown = report::render(&results, &machine::Machine::describe());
    println!("{markdown}");
    let out = if plan.quick || only.is_some() {
        scratch.join("BENCHMARKS.quick.md")
    } else {
        root.join("BENCHMARKS.md")
    };
    write_file(&out, &markdown)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// Whether rebuilding the real spec's own size through the synthetic builder generates the
/// very files the real spec does: if it does, the copies are faithful to the real spec.
fn check_synthetic_round_trip(spec_text: &str, endpoints: usize) -> Result<bool> {
    let rebuilt = synthetic::build(spec_text, endpoints)?;
    Ok(pipeline::generate(spec_text)?.0 == pipeline::generate(&rebuilt)?.0)
}

/// The endpoint whose documented reply is the largest (compact JSON), and that reply.
fn largest_documented_reply(spec_text: &str) -> Result<(String, Vec<u8>)> {
    let api = spec::load_api_str("spec/verycloud.yaml", spec_text)
        .map_err(|diagnostics| anyhow!("the spec does not load:\n{diagnostics}"))?;
    let mut largest: Option<(String, Vec<u8>)> = None;
    for endpoint in &api.endpoints {
        let reply = serde_json::to_vec(&endpoint.reply_example)?;
        if largest
            .as_ref()
            .is_none_or(|(_, bytes)| reply.len() > bytes.len())
        {
            largest = Some((endpoint.name.clone(), reply));
        }
    }
    largest.context("the spec has no endpoints")
}

/// progenitor's version as the bench's lock file pins it.
fn progenitor_version(root: &Path) -> String {
    let lock = std::fs::read_to_string(root.join("xtask/bench/Cargo.lock")).unwrap_or_default();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"progenitor-impl\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = "))
        {
            return version.trim_matches('"').to_owned();
        }
    }
    "0.15".to_owned()
}

fn write_file(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}
