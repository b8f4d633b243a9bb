//! Running the third-party tools: installing them, pinned, from the package registries into
//! `target/openapi-clients/`, and running a command with its output kept in a log file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The harness's folder in the repository: driver programs and the pinned tool lists.
pub fn harness_dir(root: &Path) -> PathBuf {
    root.join("xtask").join("openapi-clients")
}

/// Runs `command`, its output going to `log`. On failure, the error holds the log's last lines.
pub fn run(command: &mut Command, log: &Path) -> Result<(), String> {
    if let Some(parent) = log.parent() {
        fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let output = command
        .output()
        .map_err(|error| format!("cannot start {:?}: {error}", command.get_program()))?;
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    fs::write(log, &text).map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} ({}; log: {})",
            tail(&text, 12),
            output.status,
            log.display()
        ))
    }
}

/// The last `lines` non-blank lines of `text`, joined by ` / `.
pub fn tail(text: &str, lines: usize) -> String {
    let kept: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    kept[kept.len().saturating_sub(lines)..].join(" / ")
}

/// The Python tools (openapi-generator-cli with its bundled jar, openapi-python-client, and
/// what the generated Python clients import), pinned in `requirements.txt`, in a virtualenv.
/// Returns the virtualenv's `bin` folder.
///
/// # Errors
/// When `python3 -m venv` or `pip install` fails.
pub fn python(root: &Path, work: &Path) -> Result<PathBuf> {
    let requirements = harness_dir(root).join("requirements.txt");
    let venv = work.join("tools").join("venv");
    let bin = venv.join("bin");
    let wanted = fs::read_to_string(&requirements).context("requirements.txt")?;
    let marker = venv.join("installed-requirements.txt");
    if fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(bin);
    }
    eprintln!(
        "openapi-clients: installing the Python tools into {}",
        venv.display()
    );
    let logs = work.join("logs");
    run(
        Command::new("python3").args(["-m", "venv"]).arg(&venv),
        &logs.join("install-venv.log"),
    )
    .map_err(anyhow::Error::msg)?;
    run(
        Command::new(bin.join("pip"))
            .args(["install", "--disable-pip-version-check", "-r"])
            .arg(&requirements),
        &logs.join("install-pip.log"),
    )
    .map_err(anyhow::Error::msg)?;
    fs::write(&marker, wanted)?;
    Ok(bin)
}

/// The Node tools (openapi-typescript, TypeScript, the linters), exactly as
/// `package-lock.json` pins them, installed with `npm ci`. Returns the `node_modules/.bin`
/// folder.
///
/// # Errors
/// When `npm ci` fails.
pub fn node(root: &Path, work: &Path) -> Result<PathBuf> {
    let prefix = work.join("tools").join("node");
    let bin = prefix.join("node_modules").join(".bin");
    fs::create_dir_all(&prefix)?;
    let mut wanted = String::new();
    for file in ["package.json", "package-lock.json"] {
        let text = fs::read_to_string(harness_dir(root).join(file))
            .with_context(|| format!("xtask/openapi-clients/{file}"))?;
        fs::write(prefix.join(file), &text)?;
        wanted.push_str(&text);
    }
    let marker = prefix.join("node_modules").join("installed-lock.json");
    if fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(bin);
    }
    eprintln!(
        "openapi-clients: installing the Node tools into {}",
        prefix.display()
    );
    run(
        Command::new("npm")
            .args([
                "ci",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
            ])
            .arg(&prefix),
        &work.join("logs").join("install-npm.log"),
    )
    .map_err(anyhow::Error::msg)?;
    fs::write(&marker, wanted)?;
    Ok(bin)
}

/// The version `file` pins for `package`: `name==1.2.3` in requirements.txt, `"name": "1.2.3"`
/// in package.json.
///
/// # Errors
/// When the file does not pin it.
pub fn pinned(root: &Path, file: &str, package: &str) -> Result<String> {
    let text = fs::read_to_string(harness_dir(root).join(file))?;
    for line in text.lines() {
        let line = line.trim();
        if let Some(version) = line.strip_prefix(&format!("{package}==")) {
            return Ok(version.trim().to_owned());
        }
        if let Some(rest) = line.strip_prefix(&format!("\"{package}\":")) {
            return Ok(rest
                .trim()
                .trim_end_matches(',')
                .trim_matches('"')
                .to_owned());
        }
    }
    bail!("{file} does not pin {package}")
}

/// Replaces `dir` with an empty folder.
pub fn fresh_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("cannot remove {}", dir.display()))?;
    }
    fs::create_dir_all(dir)?;
    Ok(())
}
