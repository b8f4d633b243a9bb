//! `cargo xtask openapi-clients`: does `openapi.json` work in the client generators people
//! use? Generates a client with each (openapi-generator `rust`, `typescript-fetch` and
//! `python`; openapi-python-client; openapi-typescript checked by `tsc --strict`; progenitor),
//! builds it, decodes every documented request and reply example with the generated models,
//! encodes each again and compares, and decodes replies holding an enum code the document does
//! not list. Prints the table and writes it, with the failures and the validators' verdicts, to
//! `OPENAPI-CLIENTS.md`.
//!
//! Not part of `cargo test` or CI: it installs the tools, pinned, from the package registries
//! into `target/openapi-clients/` (versions in `xtask/openapi-clients/requirements.txt` and
//! `package-lock.json`) and builds four clients, which takes a while. The driver programs are
//! in `xtask/openapi-clients/`; everything generated stays under `target/`.

mod examples;
mod generators;
mod tools;
mod validators;

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde_json::Value;

use self::examples::{Example, Kind};
pub use self::generators::Generator;
use self::generators::{Outcome, Setup};
use self::validators::Verdict;

/// How many replies with an unknown enum code each client decodes.
const UNKNOWN_CODE_REPLIES: usize = 2;

/// `cargo xtask openapi-clients [--document PATH] [--only GENERATOR]... [--report PATH]`.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// The document to generate from [default: generated-client/openapi.json]
    #[arg(long)]
    pub document: Option<PathBuf>,
    /// Run only these generators (repeatable); the report then goes to target/openapi-clients/
    #[arg(long, value_enum)]
    pub only: Vec<Generator>,
    /// Where to write the report [default: OPENAPI-CLIENTS.md, or target/openapi-clients/ with --only or --document]
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Skip the validators and linters.
    #[arg(long)]
    pub no_validators: bool,
}

/// Runs the harness.
///
/// # Errors
/// When the document or the spec cannot be read or a tool cannot be installed; a generator
/// that fails is a row of the table, not an error.
pub fn run(options: &Options) -> Result<ExitCode> {
    let root = crate::project_root();
    let work = root.join("target").join("openapi-clients");
    fs::create_dir_all(&work)?;
    let document = options
        .document
        .clone()
        .unwrap_or_else(|| root.join(crate::DEFAULT_OUT).join("openapi.json"));
    let document = fs::canonicalize(&document)
        .with_context(|| format!("{} does not exist", document.display()))?;
    let parsed: Value = serde_json::from_str(&fs::read_to_string(&document)?)
        .with_context(|| format!("{} is not JSON", document.display()))?;
    let api = spec::load_api(&crate::default_spec())
        .map_err(|diagnostics| anyhow::anyhow!("the spec does not load:\n{diagnostics}"))?;

    let mut all = examples::documented(&parsed)?;
    all.extend(examples::unknown_codes(&api, &all, UNKNOWN_CODE_REPLIES));
    let examples_file = work.join("examples.json");
    fs::write(&examples_file, serde_json::to_string_pretty(&all)?)?;

    let (python_bin, node_bin) = generators::prepare(&root, &work)?;
    let cx = Setup {
        root: root.clone(),
        work: work.clone(),
        document: document.clone(),
        python_bin,
        node_bin,
        examples_file,
    };
    let chosen: Vec<Generator> = if options.only.is_empty() {
        Generator::ALL.to_vec()
    } else {
        Generator::ALL
            .into_iter()
            .filter(|g| options.only.contains(g))
            .collect()
    };
    let openapi_version = parsed["openapi"].as_str().unwrap_or("?").to_owned();
    let mut outcomes = Vec::new();
    for generator in chosen {
        eprintln!("openapi-clients: {}", generator.label());
        if generator == Generator::Progenitor && !openapi_version.starts_with("3.0") {
            outcomes.push(Outcome {
                generator,
                version: generators::PROGENITOR_VERSION.to_owned(),
                builds: Err(format!("reads OpenAPI 3.0 only; this is {openapi_version}")),
                results: Vec::new(),
                reencodes: true,
            });
            continue;
        }
        outcomes.push(generators::run_one(&cx, generator, &all));
    }
    let verdicts = if options.no_validators {
        Vec::new()
    } else {
        eprintln!("openapi-clients: validators");
        validators::run_all(&root, &work, &document, &cx.python_bin, &cx.node_bin)
    };

    let relative = document
        .strip_prefix(&root)
        .unwrap_or(&document)
        .display()
        .to_string();
    let mut report = render(&relative, &openapi_version, &all, &outcomes, &verdicts);
    // What the table cannot say: the choices behind the document and the generators' limits,
    // kept beside the drivers and checked against each run by whoever changes them.
    if let Ok(notes) = fs::read_to_string(tools::harness_dir(&root).join("notes.md")) {
        report.push('\n');
        report.push_str(&notes);
    }
    println!("{}", table(&all, &outcomes));
    let default_report = options.only.is_empty() && options.document.is_none();
    let path = options.report.clone().unwrap_or_else(|| {
        if default_report {
            root.join("OPENAPI-CLIENTS.md")
        } else {
            work.join("OPENAPI-CLIENTS.md")
        }
    });
    fs::write(&path, report).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("openapi-clients: wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// One generator's counts.
#[derive(Debug, Default)]
struct Counts {
    replies: (usize, usize),
    requests: (usize, usize),
    exact: (usize, usize),
    unknown: (usize, usize),
    failures: Vec<String>,
}

fn counts(examples: &[Example], outcome: &Outcome) -> Counts {
    let mut counts = Counts::default();
    for example in examples {
        let result = outcome.results.iter().find(|r| r.id == example.id);
        let decoded = result.is_some_and(|r| r.decoded);
        let slot = match example.kind {
            Kind::Request => &mut counts.requests,
            Kind::Reply => &mut counts.replies,
            Kind::UnknownCode => &mut counts.unknown,
        };
        slot.1 += 1;
        let mut kept = decoded;
        if let Some((path, code)) = &example.unknown {
            kept = decoded
                && (!outcome.reencodes
                    || result
                        .and_then(|r| r.reencoded.as_deref())
                        .and_then(|text| serde_json::from_str::<Value>(text).ok())
                        .is_some_and(|value| examples::at(&value, path) == Some(code)));
        }
        if kept {
            slot.0 += 1;
        }
        match result {
            Some(r) if !r.decoded => counts.failures.push(format!(
                "`{}` not decoded: {}",
                example.id,
                one_line(r.error.as_deref().unwrap_or("no error given"))
            )),
            None => counts
                .failures
                .push(format!("`{}`: the driver gave no result", example.id)),
            Some(_) if !kept => counts.failures.push(format!(
                "`{}`: decoded, but the code was not kept",
                example.id
            )),
            _ => {}
        }
        if example.kind != Kind::UnknownCode && outcome.reencodes && decoded {
            counts.exact.1 += 1;
            let original: Value = serde_json::from_str(&example.json).unwrap_or(Value::Null);
            let again = result
                .and_then(|r| r.reencoded.as_deref())
                .and_then(|text| serde_json::from_str::<Value>(text).ok());
            match again {
                Some(again) if again == original => counts.exact.0 += 1,
                Some(again) => counts.failures.push(format!(
                    "`{}` re-encodes differently: {}",
                    example.id,
                    first_difference(&original, &again, String::new())
                )),
                None => counts
                    .failures
                    .push(format!("`{}`: the re-encoding is not JSON", example.id)),
            }
        }
    }
    counts
}

/// Where two JSON values first differ, as `path: was → now`.
fn first_difference(was: &Value, now: &Value, path: String) -> String {
    match (was, now) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{path}.{key}");
                match b.get(key) {
                    None => return format!("`{here}` dropped"),
                    Some(other) if other != value => return first_difference(value, other, here),
                    Some(_) => {}
                }
            }
            match b.keys().find(|key| !a.contains_key(*key)) {
                Some(key) => format!("`{path}.{key}` added ({})", b[key]),
                None => format!("`{path}` differs"),
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .map_or_else(
                || format!("`{path}` differs"),
                |(i, (x, y))| first_difference(x, y, format!("{path}[{i}]")),
            ),
        _ => format!("`{path}`: {} → {}", short(was), short(now)),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = joined.chars().take(300).collect();
    cut.replace('|', "\\|")
}

fn ratio((done, of): (usize, usize)) -> String {
    format!("{done}/{of}")
}

/// The table, as Markdown.
fn table(examples: &[Example], outcomes: &[Outcome]) -> String {
    let mut text = String::from(
        "| generator | version | builds | replies decoded | requests decoded | round-trips exact | unknown codes kept |\n\
         | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for outcome in outcomes {
        let counts = counts(examples, outcome);
        let builds = if outcome.builds.is_ok() {
            "yes"
        } else {
            "**no**"
        };
        let exact = if !outcome.reencodes {
            "– (types only)".to_owned()
        } else if outcome.builds.is_err() {
            "–".to_owned()
        } else {
            ratio(counts.exact)
        };
        let _ = writeln!(
            text,
            "| {} | {} | {builds} | {} | {} | {exact} | {} |",
            outcome.generator.label(),
            outcome.version,
            ratio(counts.replies),
            ratio(counts.requests),
            ratio(counts.unknown),
        );
    }
    text
}

fn render(
    document: &str,
    openapi_version: &str,
    examples: &[Example],
    outcomes: &[Outcome],
    verdicts: &[Verdict],
) -> String {
    let mut text = format!(
        "# OpenAPI clients\n\n\
         Written by `cargo xtask openapi-clients` from `{document}` (OpenAPI {openapi_version}); \
         do not edit. Each generator's client is generated with the generator's defaults, \
         built, and used to decode every documented request and reply example (from the \
         document's `example`s) with the generated models, as the client decodes bodies; each \
         decoded value is encoded again with the same models and compared with the example \
         (**exact** means the same JSON value: the same members, the same strings, and `300` \
         is not `300.0`). Then {UNKNOWN_CODE_REPLIES} documented replies are decoded with one \
         enum code replaced by a code the document does not list; **kept** means the reply \
         decodes and the code comes out again as it came in. openapi-typescript writes types \
         only: there, an example is decoded when `tsc --strict` accepts it as a value of its \
         component's type.\n\n",
    );
    text.push_str(&table(examples, outcomes));
    text.push_str("\n## Failures\n\n");
    for outcome in outcomes {
        let counts = counts(examples, outcome);
        let _ = write!(text, "### {}\n\n", outcome.generator.label());
        if let Err(error) = &outcome.builds {
            let _ = write!(text, "Does not build: {}\n\n", one_line(error));
            continue;
        }
        if counts.failures.is_empty() {
            text.push_str("None.\n\n");
            continue;
        }
        for failure in counts.failures.iter().take(12) {
            let _ = writeln!(text, "- {failure}");
        }
        if counts.failures.len() > 12 {
            let _ = writeln!(text, "- … and {} more", counts.failures.len() - 12);
        }
        text.push('\n');
    }
    if !verdicts.is_empty() {
        text.push_str(
            "## Validators and linters\n\n| tool | verdict | summary |\n| --- | --- | --- |\n",
        );
        for verdict in verdicts {
            let _ = writeln!(
                text,
                "| {} | {} | {} |",
                verdict.tool,
                if verdict.passed {
                    "passes"
                } else {
                    "**fails**"
                },
                verdict.summary
            );
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_whole_number_and_its_float_spelling_differ() {
        let was = json!({"data": {"price": 300, "name": "a"}});
        let now = json!({"data": {"name": "a", "price": 300.0}});
        assert_ne!(
            was, now,
            "exact means the same JSON value, not the same number"
        );
        assert_eq!(
            first_difference(&was, &now, String::new()),
            "`.data.price`: 300 → 300.0"
        );
        let reordered = json!({"data": {"name": "a", "price": 300}});
        assert_eq!(was, reordered, "member order is not a difference");
        let dropped = json!({"data": {"price": 300}});
        assert_eq!(
            first_difference(&was, &dropped, String::new()),
            "`.data.name` dropped"
        );
    }

    #[test]
    fn every_operation_gives_a_request_and_a_reply_and_unknown_codes_are_unlisted() {
        let root = crate::project_root();
        let document: Value = serde_json::from_str(
            &fs::read_to_string(root.join(crate::DEFAULT_OUT).join("openapi.json")).unwrap(),
        )
        .unwrap();
        let api = spec::load_api(&crate::default_spec()).unwrap();
        let documented = examples::documented(&document).unwrap();
        assert_eq!(documented.len(), 2 * api.endpoints.len());
        let unknown = examples::unknown_codes(&api, &documented, UNKNOWN_CODE_REPLIES);
        assert_eq!(unknown.len(), UNKNOWN_CODE_REPLIES);
        for example in &unknown {
            let (path, code) = example.unknown.clone().unwrap();
            let body: Value = serde_json::from_str(&example.json).unwrap();
            assert_eq!(examples::at(&body, &path), Some(&code), "{}", example.id);
            let original = documented
                .iter()
                .find(|d| d.component == example.component)
                .unwrap();
            let original: Value = serde_json::from_str(&original.json).unwrap();
            assert_ne!(
                examples::at(&original, &path),
                Some(&code),
                "{}",
                example.id
            );
        }
        assert_ne!(unknown[0].component, unknown[1].component);
    }
}
