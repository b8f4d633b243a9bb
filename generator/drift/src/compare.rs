//! Docs against spec: every difference, endpoint by endpoint, judged against the spec's
//! departures.

use std::collections::{BTreeSet, HashSet};

use super::docs::{DocsEndpoint, DocsFile, DocsParam};
use super::examples::{ExampleSide, compare_example};
use super::explain::{Finding, Quote, endpoint_place, field_place, normalize_text};
use super::findings::{DiffKind, Difference, Drift, Elsewhere, EndpointDrift};
use super::pairing::{Pair, pair};
use super::spec_file::SpecFile;
use super::stale::stale_departures;
use super::type_words::{Verdict, judge, spec_type_text};
use spec::model::{Api, Endpoint, Field, Locator, SourceKind};

/// The method every endpoint is documented with, and the only one the generated client sends.
const METHOD: &str = "POST";

/// Which of the spec's endpoints a docs file is expected to document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Every endpoint: the spec does not say which of its sources the docs are.
    Every,
    /// The docs are the spec's source with this key: the endpoints whose provenance cites it
    /// (and any that record no provenance) are expected in them, the others are not.
    Source(&'a str),
}

impl<'a> Scope<'a> {
    /// The spec's only `docs` source; [`Scope::Every`] for a spec that declares none, or
    /// several (then the caller must say which, as `cargo xtask docs-drift --source` does).
    pub fn of(api: &'a Api) -> Scope<'a> {
        let mut docs = api.sources.iter().filter(|s| s.kind == SourceKind::Docs);
        match (docs.next(), docs.next()) {
            (Some(only), None) => Scope::Source(&only.key),
            _ => Scope::Every,
        }
    }

    /// The key of the source the docs are, if known.
    pub fn source(self) -> Option<&'a str> {
        match self {
            Scope::Every => None,
            Scope::Source(key) => Some(key),
        }
    }

    /// Whether the docs should document this endpoint.
    pub fn expects(self, endpoint: &Endpoint) -> bool {
        match self {
            Scope::Every => true,
            Scope::Source(key) => endpoint.provenance.is_empty() || endpoint.cites(key),
        }
    }
}

/// Compares what the docs say with a loaded spec, taking the docs for the spec's only `docs`
/// source (see [`Scope::of`]): every difference, judged against the spec's departures, and
/// every departure that no longer says what the docs say.
pub fn compare(docs: &DocsFile, spec: &SpecFile) -> Drift {
    compare_in(docs, spec, Scope::of(&spec.api))
}

/// Compares what the docs say with a loaded spec, taking the docs for `scope`'s source: the
/// spec's endpoints read elsewhere are not expected in them, and departures quoting other
/// sources explain nothing in them.
pub fn compare_in(docs: &DocsFile, file: &SpecFile, scope: Scope<'_>) -> Drift {
    let api = &file.api;
    let (pairs, mut read_problems) = pair(docs, api);
    read_problems.extend(docs.problems.iter().cloned());
    read_problems.sort_by_key(|p| p.line);
    let source = scope.source();
    let mut endpoints = Vec::new();
    let mut elsewhere = Vec::new();
    for &pair in &pairs {
        match pair {
            Pair::Both {
                docs,
                spec,
                renamed,
            } => endpoints.push(both(docs, spec, renamed, api, source)),
            Pair::DocsOnly(docs) => endpoints.push(docs_only(docs)),
            Pair::SpecOnly(spec) if scope.expects(spec) => endpoints.push(spec_only(spec)),
            Pair::SpecOnly(spec) => elsewhere.push(Elsewhere {
                operation: spec.name.clone(),
                path: spec.path.clone(),
                sources: spec.provenance.iter().map(|p| p.source.clone()).collect(),
            }),
        }
    }
    let explained: BTreeSet<String> = endpoints
        .iter()
        .flat_map(|e| &e.differences)
        .filter_map(|d| d.explained_by.as_ref())
        .map(|e| e.departure.clone())
        .collect();
    let stale_departures = stale_departures(&pairs, file, &explained, source);
    Drift {
        read_problems,
        invisible: docs.invisible.clone(),
        stale_departures,
        endpoints,
        elsewhere,
    }
}

fn docs_only(docs: &DocsEndpoint) -> EndpointDrift {
    let path = docs
        .url
        .as_ref()
        .map(|u| u.path.clone())
        .unwrap_or_default();
    let message = format!(
        "documented at `{path}` (docs lines {}–{}); the spec has no endpoint with this path",
        docs.first_line, docs.last_line
    );
    let difference = Finding::new(DiffKind::EndpointOnlyInDocs, "path", message)
        .line(docs.url.as_ref().map_or(docs.first_line, |u| u.line))
        .fix("add the endpoint to the spec (`cargo xtask docs-drift DOCS --skeleton` drafts it)")
        .judge(None);
    EndpointDrift {
        operation: None,
        title: docs.title.clone(),
        path,
        docs_line: Some(docs.first_line),
        differences: vec![difference],
    }
}

fn spec_only(spec: &Endpoint) -> EndpointDrift {
    let message = format!(
        "`{}` has path `{}`, which the docs do not document",
        spec.yaml_path, spec.path
    );
    let difference = Finding::new(DiffKind::EndpointOnlyInSpec, "path", message)
        .fix("remove the endpoint from the spec, or correct its `path`")
        .judge(None);
    EndpointDrift {
        operation: Some(spec.name.clone()),
        title: spec.zh.clone(),
        path: spec.path.clone(),
        docs_line: None,
        differences: vec![difference],
    }
}

fn both(
    docs: &DocsEndpoint,
    spec: &Endpoint,
    renamed: bool,
    api: &Api,
    source: Option<&str>,
) -> EndpointDrift {
    let mut findings = address(docs, spec, renamed, api);
    findings.extend(source.and_then(|source| provenance(docs, spec, source)));
    if normalize_text(&docs.title) != normalize_text(&spec.zh) {
        let message = format!(
            "the docs' title is \"{}\"; the spec's `zh` is \"{}\"",
            docs.title, spec.zh
        );
        findings.push(
            Finding::new(DiffKind::Description, "title", message)
                .line(docs.first_line)
                .on(vec![endpoint_place(spec)])
                .quoting(Quote::Text(docs.title.clone())),
        );
    }
    findings.extend(parameters(docs, spec, api));
    let request_body = docs.curl.as_ref().and_then(|c| c.body.as_ref());
    findings.extend(compare_example(
        ExampleSide::Request,
        request_body,
        spec,
        api,
    ));
    findings.extend(compare_example(
        ExampleSide::Reply,
        docs.reply_example.as_ref(),
        spec,
        api,
    ));

    let mut differences: Vec<Difference> = findings
        .into_iter()
        .map(|finding| finding.judge(source))
        .collect();
    let mut seen = HashSet::new();
    differences.retain(|d| seen.insert((d.kind, d.location.clone(), d.message.clone())));
    EndpointDrift {
        operation: Some(spec.name.clone()),
        title: docs.title.clone(),
        path: docs
            .url
            .as_ref()
            .map_or_else(|| spec.path.clone(), |u| u.path.clone()),
        docs_line: Some(docs.first_line),
        differences,
    }
}

/// Where the spec says it read a documented endpoint, against where the docs have it: the
/// provenance must cite these docs, at the line of the endpoint's title. (An endpoint that
/// records no provenance is left alone: the spec does not say.)
fn provenance<'a>(docs: &DocsEndpoint, spec: &'a Endpoint, source: &str) -> Option<Finding<'a>> {
    if spec.provenance.is_empty() {
        return None;
    }
    let title_line = docs.first_line;
    let citation = spec.provenance.iter().find(|p| p.source == source);
    let message = match citation.map(|p| &p.locator) {
        None => format!(
            "the docs document it (line {title_line}); its provenance does not cite `{source}`"
        ),
        Some(Locator::Line(line)) if *line == title_line as u64 => return None,
        Some(Locator::Line(line)) => format!(
            "its provenance cites `{source}` line {line}; the docs have its title at line {title_line}"
        ),
        // Validation gives a `docs` source's citation a line; a model built otherwise may not.
        Some(_) => format!("its provenance cites `{source}` without the line of its title"),
    };
    Some(
        Finding::new(DiffKind::Provenance, "provenance", message)
            .line(title_line)
            .fix(format!(
                "cite the docs in `{}.provenance` as `{{source: {source}, line: {title_line}}}`",
                spec.yaml_path
            )),
    )
}

/// The address line, the method and the curl command's URL.
fn address<'a>(
    docs: &DocsEndpoint,
    spec: &'a Endpoint,
    renamed: bool,
    api: &Api,
) -> Vec<Finding<'a>> {
    let mut findings = Vec::new();
    if let Some(url) = &docs.url {
        if renamed {
            let message = format!(
                "the docs document \"{}\" at `{}`; the spec has `{}`",
                docs.title, url.path, spec.path
            );
            findings.push(
                Finding::new(DiffKind::PathRenamed, "path", message)
                    .line(url.line)
                    .fix(format!("set `{}.path` to `{}`", spec.yaml_path, url.path)),
            );
        }
        if url.base.trim_end_matches('/') != api.info.base_url.trim_end_matches('/') {
            let message = format!(
                "the address is on `{}`; the spec's `info.base_url` is `{}`",
                url.base, api.info.base_url
            );
            findings.push(
                Finding::new(DiffKind::BaseUrl, "address", message)
                    .line(url.line)
                    .fix("correct `info.base_url`, or ask the vendor which host is right"),
            );
        }
        if let Some(curl_url) = docs.curl.as_ref().and_then(|c| c.url.as_ref())
            && curl_url.url != url.url
        {
            let message = format!(
                "the curl command posts to `{}`; the address line says `{}`",
                curl_url.url, url.url
            );
            findings.push(
                Finding::new(DiffKind::CurlUrl, "curl URL", message)
                    .line(curl_url.line)
                    .on(vec![endpoint_place(spec)])
                    .quoting(Quote::Url {
                        url: curl_url.url.clone(),
                        path: curl_url.path.clone(),
                    }),
            );
        }
    }
    if let Some(method) = &docs.method
        && !method.text.eq_ignore_ascii_case(METHOD)
    {
        let message = format!(
            "the docs say `{}`; the generated client sends every request as {METHOD}",
            method.text
        );
        findings.push(
            Finding::new(DiffKind::Method, "method", message)
                .line(method.line)
                .fix(format!("the spec has no per-endpoint method: the generator needs one before a non-{METHOD} endpoint")),
        );
    }
    findings
}

/// The parameter table against the spec's request fields and `token`.
fn parameters<'a>(docs: &DocsEndpoint, spec: &'a Endpoint, api: &Api) -> Vec<Finding<'a>> {
    let token = api.info.token_field.as_str();
    let mut findings = Vec::new();
    for row in &docs.params {
        if row.name == token {
            if !spec.needs_token {
                let message =
                    format!("the docs' table has the token `{token}`; the spec has `token: false`");
                findings.push(
                    Finding::new(DiffKind::ParamRemoved, format!("request.{token}"), message)
                        .line(row.line)
                        .on(vec![endpoint_place(spec)])
                        .quoting(Quote::Word(row.name.clone())),
                );
            }
            continue;
        }
        match spec.request.iter().find(|f| f.wire_name == row.name) {
            Some(field) => findings.extend(parameter(row, field, api)),
            None => {
                let message = format!(
                    "the docs' table has `{}` ({}, \"{}\"); the spec has no such request field",
                    row.name,
                    row.type_word.as_deref().unwrap_or("no type"),
                    row.description
                );
                findings.push(
                    Finding::new(
                        DiffKind::ParamRemoved,
                        format!("request.{}", row.name),
                        message,
                    )
                    .line(row.line)
                    .on(vec![endpoint_place(spec)])
                    .quoting(Quote::Word(row.name.clone())),
                );
            }
        }
    }
    if spec.needs_token && !docs.params.iter().any(|row| row.name == token) {
        let message = format!("the spec has `token: true`; the docs' table has no `{token}` row");
        findings.push(
            Finding::new(DiffKind::ParamAdded, format!("request.{token}"), message)
                .on(vec![endpoint_place(spec)]),
        );
    }
    for field in &spec.request {
        if !docs.params.iter().any(|row| row.name == field.wire_name) {
            let message = format!(
                "the spec has request field `{}`; the docs' table does not",
                field.wire_name
            );
            findings.push(
                Finding::new(
                    DiffKind::ParamAdded,
                    format!("request.{}", field.wire_name),
                    message,
                )
                .on(vec![field_place(field)]),
            );
        }
    }
    findings
}

/// One documented row against the spec's field of the same name.
fn parameter<'a>(row: &DocsParam, field: &'a Field, api: &Api) -> Vec<Finding<'a>> {
    let mut findings = Vec::new();
    let location = format!("request.{}", field.wire_name);
    if let Some(word) = &row.type_word {
        let verdict = judge(word, field, api);
        if verdict != Verdict::Fits {
            let message = format!(
                "the docs' type is `{word}`; the spec's is `{}`",
                spec_type_text(field, api)
            );
            let finding = match verdict {
                Verdict::WireDiffers => Finding::new(DiffKind::Wire, &location, message),
                _ => Finding::new(DiffKind::Type, &location, message)
                    .quoting(Quote::Word(word.clone())),
            };
            findings.push(finding.line(row.line).on(vec![field_place(field)]));
        }
    }
    if normalize_text(&row.description) != normalize_text(field.zh.as_deref().unwrap_or("")) {
        let spec_says = match &field.zh {
            Some(zh) => format!("the spec's `zh` is \"{zh}\""),
            None => "the spec has no `zh`".to_owned(),
        };
        let message = format!(
            "the docs' description is \"{}\"; {spec_says}",
            row.description
        );
        findings.push(
            Finding::new(DiffKind::Description, &location, message)
                .line(row.line)
                .on(vec![field_place(field)])
                .quoting(Quote::Text(row.description.clone())),
        );
    }
    if let Some(required) = row.required()
        && required != field.required
    {
        let message = format!(
            "the docs mark it `{}` ({}); the spec has `required: {}`",
            row.required_mark.as_deref().unwrap_or_default(),
            if required { "required" } else { "optional" },
            field.required
        );
        findings.push(
            Finding::new(DiffKind::Required, location, message)
                .line(row.line)
                .on(vec![field_place(field)]),
        );
    }
    findings
}
