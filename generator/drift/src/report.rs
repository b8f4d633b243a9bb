//! The drift report as markdown (for people and pull requests) or JSON (for tools).

use std::fmt::Write as _;

use serde::Serialize;

use super::docs::text::shown;
use super::docs::{InvisibleChars, ReadProblem};
use super::findings::{Difference, Drift, Elsewhere, EndpointDrift, StaleDeparture, Summary};

/// How the report names its inputs (as the user gave them, so that output is reproducible).
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// The docs file.
    pub docs: &'a str,
    /// The spec file.
    pub spec: &'a str,
}

/// A markdown document headed `# Docs drift`: the verdict, a count per kind, the unreadable
/// parts of the docs, the stale departures, the invisible characters the docs hold, then the
/// unexplained differences (the checklist) before the explained.
pub fn markdown(drift: &Drift, sources: Sources<'_>) -> String {
    let summary = drift.summary();
    let mut out = String::new();
    let _ = writeln!(out, "# Docs drift\n");
    let elsewhere = match summary.endpoints_elsewhere {
        0 => String::new(),
        n => format!(", {n} of them read from other sources"),
    };
    let _ = writeln!(
        out,
        "Docs `{}` ({} endpoints) against spec `{}` ({} endpoints{elsewhere}).\n",
        sources.docs, summary.endpoints_in_docs, sources.spec, summary.endpoints_in_spec
    );
    let _ = writeln!(out, "{}\n", verdict(&summary));
    if summary.differences > 0 {
        out.push_str(
            "| difference | kind | explained | unexplained |\n| --- | --- | ---: | ---: |\n",
        );
        for (kind, counts) in &summary.by_kind {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                kind.in_the_docs(),
                kind.name(),
                counts.explained,
                counts.unexplained
            );
        }
        let _ = writeln!(
            out,
            "| **total** | | {} | {} |\n",
            summary.explained, summary.unexplained
        );
    }
    if !drift.read_problems.is_empty() {
        out.push_str("## Unreadable parts of the docs\n\n");
        for ReadProblem { line, message } in &drift.read_problems {
            let _ = writeln!(out, "- line {line}: {}", one_line(message));
        }
        out.push('\n');
    }
    if !drift.stale_departures.is_empty() {
        out.push_str("## Stale departures\n\n");
        for stale in &drift.stale_departures {
            out.push_str(&stale_item(stale, sources.spec));
        }
        out.push('\n');
    }
    if !drift.invisible.is_empty() {
        out.push_str(
            "## Invisible characters in the docs\n\n\
             Read as nothing, as a reader of the web page sees them; keep them out of the spec.\n\n",
        );
        for invisible in &drift.invisible {
            out.push_str(&invisible_item(invisible));
        }
        out.push('\n');
    }
    // The unexplained first: they are the checklist; the explained are the record.
    for (title, explained) in [("Unexplained", false), ("Explained", true)] {
        let listed: Vec<(&EndpointDrift, Vec<&Difference>)> = drift
            .endpoints
            .iter()
            .map(|e| {
                (
                    e,
                    e.differences
                        .iter()
                        .filter(|d| d.is_explained() == explained)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, differences)| !differences.is_empty())
            .collect();
        if listed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}\n");
        for (endpoint, differences) in listed {
            let _ = writeln!(out, "### {}\n", heading(endpoint));
            for difference in differences {
                out.push_str(&item(difference));
            }
            out.push('\n');
        }
    }
    let clean = drift
        .endpoints
        .iter()
        .filter(|e| e.differences.is_empty())
        .count();
    if clean > 0 {
        let _ = writeln!(out, "{clean} endpoint(s) without differences.");
    }
    if !drift.elsewhere.is_empty() {
        let _ = writeln!(
            out,
            "\n## Not expected in these docs\n\n\
             Read from other sources (their provenance does not cite these docs), and not documented here:\n"
        );
        for Elsewhere {
            operation,
            path,
            sources,
        } in &drift.elsewhere
        {
            let sources: Vec<String> = sources.iter().map(|s| format!("`{s}`")).collect();
            let _ = writeln!(out, "- `{operation}` · `{path}`: {}", sources.join(", "));
        }
    }
    out
}

fn verdict(summary: &Summary) -> String {
    let unreadable = match summary.read_problems {
        0 => String::new(),
        1 => "; 1 part of the docs unreadable".to_owned(),
        n => format!("; {n} parts of the docs unreadable"),
    };
    let status = if summary.unexplained == 0
        && summary.read_problems == 0
        && summary.stale_departures == 0
    {
        "The spec accounts for the docs."
    } else {
        "The spec does not account for the docs."
    };
    format!(
        "**{} difference(s): {} explained, {} unexplained; {} stale departure(s){unreadable}.** {status}",
        summary.differences, summary.explained, summary.unexplained, summary.stale_departures
    )
}

fn stale_item(stale: &StaleDeparture, spec: &str) -> String {
    let at = match stale.spec_line {
        Some(line) => format!("{spec}:{line}"),
        None => spec.to_owned(),
    };
    let docs_line = stale
        .docs_line
        .map(|l| format!(", docs line {l}"))
        .unwrap_or_default();
    format!(
        "- `{}` (`{}` at `{at}`){docs_line}: {}\n",
        one_line(&stale.yaml_path),
        stale.kind,
        one_line(&stale.message),
    )
}

fn heading(endpoint: &EndpointDrift) -> String {
    let name = match &endpoint.operation {
        Some(operation) => format!("`{operation}`"),
        None => "(not in the spec)".to_owned(),
    };
    let place = match endpoint.docs_line {
        Some(line) => format!("docs line {line}"),
        None => "not in the docs".to_owned(),
    };
    format!(
        "{name} · {} · `{}` ({place})",
        one_line(&endpoint.title),
        one_line(&endpoint.path)
    )
}

/// How many lines are listed before the rest are counted.
const LINES_LISTED: usize = 10;

fn invisible_item(invisible: &InvisibleChars) -> String {
    let listed: Vec<String> = invisible
        .lines
        .iter()
        .take(LINES_LISTED)
        .map(usize::to_string)
        .collect();
    let more = match invisible.lines.len().saturating_sub(LINES_LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let (times, lines) = (
        if invisible.count == 1 {
            "once"
        } else {
            "times"
        },
        if invisible.lines.len() == 1 {
            "line"
        } else {
            "lines"
        },
    );
    let count = if invisible.count == 1 {
        times.to_owned()
    } else {
        format!("{} {times}", invisible.count)
    };
    format!(
        "- {} {}: {count}, on {lines} {}{more}\n",
        invisible.code_point,
        invisible.name,
        listed.join(", ")
    )
}

fn item(difference: &Difference) -> String {
    let line = difference
        .docs_line
        .map(|l| format!(", line {l}"))
        .unwrap_or_default();
    // What the docs say comes first; the kind's name, which is the spec's, after it.
    let mut out = format!(
        "- {}{line}: {} (`{}`)\n",
        one_line(&difference.location),
        one_line(&difference.message),
        difference.kind.name(),
    );
    match &difference.explained_by {
        Some(explanation) => {
            let _ = writeln!(
                out,
                "  - explained by `{}`: {}",
                explanation.yaml_path,
                one_line(&explanation.why)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "  - to do: {}",
                one_line(difference.remedy.as_deref().unwrap_or_default())
            );
        }
    }
    out
}

/// Markdown list items hold one line; the docs' and the spec's text may hold several. What
/// cannot be seen is named.
fn one_line(text: &str) -> String {
    shown(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

#[derive(Serialize)]
struct JsonReport<'a> {
    docs: &'a str,
    spec: &'a str,
    accounted_for: bool,
    summary: Summary,
    read_problems: &'a [ReadProblem],
    invisible: &'a [InvisibleChars],
    stale_departures: &'a [StaleDeparture],
    endpoints: &'a [EndpointDrift],
    elsewhere: &'a [Elsewhere],
}

/// Pretty-printed JSON with a fixed key order; ends in a newline.
pub fn json(drift: &Drift, sources: Sources<'_>) -> String {
    let report = JsonReport {
        docs: sources.docs,
        spec: sources.spec,
        accounted_for: drift.is_accounted_for(),
        summary: drift.summary(),
        read_problems: &drift.read_problems,
        invisible: &drift.invisible,
        stale_departures: &drift.stale_departures,
        endpoints: &drift.endpoints,
        elsewhere: &drift.elsewhere,
    };
    // Serializing plain structs, strings and ordered maps into memory cannot fail.
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
