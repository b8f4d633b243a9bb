//! Measurement 1: generation time and peak memory, one child process a spec.
//!
//! Each spec is generated in a fresh child process of this binary, so that its peak resident
//! set (`VmHWM` in `/proc/self/status`: the kernel's high-water mark of the process's RSS,
//! spec text and runtime included) belongs to that spec alone.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::pipeline::{self, StageTimes};
use crate::stats::Samples;

/// The flag that makes this binary a generation child.
pub const CHILD_FLAG: &str = "--child-generate";

/// What a child reports about one spec.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GenerationResult {
    pub endpoints: usize,
    pub types: usize,
    pub spec_bytes: usize,
    pub output_files: usize,
    pub output_bytes: usize,
    pub output_lines: usize,
    pub runs: usize,
    /// Medians over the timed runs, in seconds.
    pub median_total: f64,
    pub min_total: f64,
    pub median_load: f64,
    pub median_validate_and_model: f64,
    pub median_emit_rust: f64,
    pub median_emit_openapi: f64,
    /// `VmHWM`, bytes; `None` where `/proc` does not tell.
    pub peak_rss_bytes: Option<u64>,
}

impl GenerationResult {
    pub fn median(&self) -> Duration {
        Duration::from_secs_f64(self.median_total)
    }
}

/// Runs the child for the spec at `spec` and reads its report.
pub fn measure_in_child(spec: &Path, warmups: usize, runs: usize) -> Result<GenerationResult> {
    let exe = std::env::current_exe().context("locating the bench binary")?;
    let output = Command::new(exe)
        .arg(CHILD_FLAG)
        .arg(spec)
        .arg(warmups.to_string())
        .arg(runs.to_string())
        .output()
        .context("starting a generation child")?;
    if !output.status.success() {
        bail!(
            "generating {} failed ({}):\n{}",
            spec.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(stdout.trim())
        .with_context(|| format!("reading the child's report {stdout:?}"))
}

/// The child's side: `--child-generate SPEC WARMUPS RUNS`; prints one JSON report.
pub fn child_main(args: &[String]) -> Result<()> {
    let [spec, warmups, runs] = args else {
        bail!("usage: {CHILD_FLAG} SPEC WARMUPS RUNS");
    };
    let warmups: usize = warmups.parse().context("WARMUPS")?;
    let runs: usize = runs.parse().context("RUNS")?;
    let text = std::fs::read_to_string(spec).with_context(|| format!("reading {spec}"))?;
    let (endpoints, types) = pipeline::shape(&text)?;

    for _ in 0..warmups {
        pipeline::generate(&text)?;
    }
    let mut stages: Vec<StageTimes> = Vec::with_capacity(runs);
    let mut output = (0, 0, 0);
    for _ in 0..runs.max(1) {
        let (files, times) = pipeline::generate(&text)?;
        output = (
            files.len(),
            files.iter().map(|file| file.contents.len()).sum(),
            files.iter().map(|file| file.contents.lines().count()).sum(),
        );
        stages.push(times);
    }
    let median_of = |stage: fn(&StageTimes) -> Duration| {
        let mut samples = Samples::default();
        for times in &stages {
            samples.push(stage(times));
        }
        samples
    };
    let totals = median_of(StageTimes::total);
    let report = GenerationResult {
        endpoints,
        types,
        spec_bytes: text.len(),
        output_files: output.0,
        output_bytes: output.1,
        output_lines: output.2,
        runs: stages.len(),
        median_total: totals.median().as_secs_f64(),
        min_total: totals.min().as_secs_f64(),
        median_load: median_of(|t| t.load).median().as_secs_f64(),
        median_validate_and_model: median_of(|t| t.validate_and_model).median().as_secs_f64(),
        median_emit_rust: median_of(|t| t.emit_rust).median().as_secs_f64(),
        median_emit_openapi: median_of(|t| t.emit_openapi).median().as_secs_f64(),
        peak_rss_bytes: peak_rss_bytes(),
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

/// This process's peak resident set size (`VmHWM`), in bytes.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_high_water_mark_in_bytes() {
        let status = "Name:\tbench\nVmPeak:\t  20000 kB\nVmHWM:\t    1234 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(1234 * 1024));
        assert_eq!(parse_vm_hwm("Name:\tbench\n"), None);
    }
}
