//! What a comparison finds: differences between the docs and the spec, endpoint by endpoint,
//! each explained by a departure in the spec or not.

use std::collections::BTreeMap;

use serde::Serialize;

use super::docs::{InvisibleChars, ReadProblem};
use spec::format::DepartureKind;

/// The result of comparing one docs file with one spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drift {
    /// What the reader could not read; each one also fails the check, since the tool cannot
    /// vouch for text it did not understand.
    pub read_problems: Vec<ReadProblem>,
    /// The invisible characters the docs hold, which the reader dropped: listed so that no one
    /// copies them into the spec unawares; they fail nothing.
    pub invisible: Vec<InvisibleChars>,
    /// Departures whose `docs` no longer says what the docs say, in the spec's line order;
    /// each fails the check, since the spec's ledger no longer matches the docs.
    pub stale_departures: Vec<StaleDeparture>,
    /// Every endpoint of either side: docs order, then the spec's endpoints the docs lack.
    pub endpoints: Vec<EndpointDrift>,
    /// The spec's endpoints these docs are not expected to document, since their provenance
    /// cites other sources (an SDK, another page), in spec order.
    pub elsewhere: Vec<Elsewhere>,
}

/// A spec endpoint read from other sources than the docs compared, which lack it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Elsewhere {
    /// The operation name (`refresh`).
    pub operation: String,
    /// The path below the base URL (`/API/cdn/refresh`).
    pub path: String,
    /// The keys of the sources its provenance cites.
    pub sources: Vec<String>,
}

/// The differences found for one endpoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndpointDrift {
    /// The spec's operation name; `None` for an endpoint only the docs have.
    pub operation: Option<String>,
    /// The documented title, or the spec's `zh` for an endpoint only the spec has.
    pub title: String,
    /// The documented path, or the spec's for an endpoint only the spec has.
    pub path: String,
    /// 1-based line where the endpoint starts in the docs; `None` for an endpoint only the
    /// spec has.
    pub docs_line: Option<usize>,
    /// What differs; empty when the two agree.
    pub differences: Vec<Difference>,
}

/// One thing the docs say that the spec does not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// What sort of difference it is, which decides the departure that can explain it.
    pub kind: DiffKind,
    /// The part of the endpoint concerned: `path`, `curl URL`, `request.qq`,
    /// `reply example: data[].gid`, ...
    pub location: String,
    /// What the docs say and what the spec says, in one sentence.
    pub message: String,
    /// The 1-based docs line the difference stands on, where there is one.
    pub docs_line: Option<usize>,
    /// The departure that explains the difference; `None` when nothing does.
    pub explained_by: Option<Explanation>,
    /// For an unexplained difference, what would settle it.
    pub remedy: Option<String>,
}

impl Difference {
    /// Whether a departure in the spec explains the difference.
    pub fn is_explained(&self) -> bool {
        self.explained_by.is_some()
    }
}

/// A departure that explains a difference, and where it stands in the spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// YAML path of the element that carries the departure.
    pub yaml_path: String,
    /// YAML path of the departure itself (`endpoints.register.departures[0]`).
    pub departure: String,
    /// The departure's `docs`: what the docs say, as the spec quotes it.
    pub docs: String,
    /// The departure's `why`: why the spec says something else.
    pub why: String,
}

/// The kinds of difference. Each that a departure can explain maps to a [`DepartureKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiffKind {
    /// The docs document a path the spec has no endpoint for.
    EndpointOnlyInDocs,
    /// The spec has an endpoint whose path the docs do not document.
    EndpointOnlyInSpec,
    /// An endpoint with the same title is documented at another path.
    PathRenamed,
    /// The documented HTTP method is not POST.
    Method,
    /// The endpoint's provenance does not say where these docs document it: it cites another
    /// line, or does not cite these docs at all.
    Provenance,
    /// The address is on another host than `info.base_url`.
    BaseUrl,
    /// The curl command posts to another URL than the address line's.
    CurlUrl,
    /// The documented title or parameter description differs from the spec's `zh`.
    Description,
    /// The docs' parameter table has a row (the token included) the spec's request lacks.
    ParamRemoved,
    /// The spec's request has a field (the token included) the docs' parameter table lacks.
    ParamAdded,
    /// The documented type word does not fit the spec's type.
    Type,
    /// The documented type word fits the spec's type but not its `wire` (an `int` the spec
    /// sends as a string).
    Wire,
    /// The docs mark a parameter required or optional, or an example leaves out a field,
    /// against the spec's `required`.
    Required,
    /// The docs' request example shows other keys than the spec's.
    RequestExample,
    /// The docs' request example is not valid JSON.
    RequestExampleInvalid,
    /// The docs' reply example shows other keys than the spec's.
    ReplyExample,
    /// The docs' reply example is not valid JSON.
    ReplyExampleInvalid,
}

impl DiffKind {
    /// The departure kind that explains this kind of difference; `None` where the spec must
    /// simply be brought in line with the docs.
    pub fn departure_kind(self) -> Option<DepartureKind> {
        Some(match self {
            Self::EndpointOnlyInDocs
            | Self::EndpointOnlyInSpec
            | Self::PathRenamed
            | Self::Method
            | Self::Provenance
            | Self::BaseUrl => {
                return None;
            }
            Self::CurlUrl => DepartureKind::CurlUrl,
            Self::Description => DepartureKind::Description,
            Self::ParamRemoved => DepartureKind::ParamRemoved,
            Self::ParamAdded => DepartureKind::ParamAdded,
            Self::Type => DepartureKind::Type,
            Self::Wire => DepartureKind::Wire,
            Self::Required => DepartureKind::Required,
            Self::RequestExample | Self::RequestExampleInvalid => DepartureKind::RequestExample,
            Self::ReplyExample | Self::ReplyExampleInvalid => DepartureKind::ReplyExample,
        })
    }

    /// What the difference is, said from the docs' side, as a reader of the docs would say
    /// what changed: the names are the spec's (a row the vendor added is a `param-removed`
    /// from the spec's side), so the report shows this beside them.
    pub fn in_the_docs(self) -> &'static str {
        match self {
            Self::EndpointOnlyInDocs => "the docs have an endpoint the spec lacks",
            Self::EndpointOnlyInSpec => "the docs lack an endpoint the spec has",
            Self::PathRenamed => "the docs give the endpoint another path",
            Self::Method => "the docs give another method",
            Self::Provenance => "the docs document it on another line than the spec cites",
            Self::BaseUrl => "the docs give another host",
            Self::CurlUrl => "the docs' curl line posts elsewhere",
            Self::Description => "the docs word it otherwise",
            Self::ParamRemoved => "the docs' table has a row the spec lacks",
            Self::ParamAdded => "the docs' table lacks a field the spec has",
            Self::Type => "the docs give another type word",
            Self::Wire => "the docs' type word says another encoding",
            Self::Required => "the docs say otherwise whether it is required",
            Self::RequestExample => "the docs' request example has other keys",
            Self::RequestExampleInvalid => "the docs' request example is not valid JSON",
            Self::ReplyExample => "the docs' reply example has other keys",
            Self::ReplyExampleInvalid => "the docs' reply example is not valid JSON",
        }
    }

    /// The kebab-case name, as in the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            Self::EndpointOnlyInDocs => "endpoint-only-in-docs",
            Self::EndpointOnlyInSpec => "endpoint-only-in-spec",
            Self::PathRenamed => "path-renamed",
            Self::Method => "method",
            Self::Provenance => "provenance",
            Self::BaseUrl => "base-url",
            Self::CurlUrl => "curl-url",
            Self::Description => "description",
            Self::ParamRemoved => "param-removed",
            Self::ParamAdded => "param-added",
            Self::Type => "type",
            Self::Wire => "wire",
            Self::Required => "required",
            Self::RequestExample => "request-example",
            Self::RequestExampleInvalid => "request-example-invalid",
            Self::ReplyExample => "reply-example",
            Self::ReplyExampleInvalid => "reply-example-invalid",
        }
    }
}

/// A departure whose `docs` no longer says what the docs say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleDeparture {
    /// YAML path of the departure (`endpoints.register.departures[0]`).
    pub yaml_path: String,
    /// 1-based line of its `docs` in the spec file.
    pub spec_line: Option<usize>,
    /// Its `kind`, as the spec writes it.
    pub kind: String,
    /// Its `docs`: what it says the docs say.
    pub docs: String,
    /// What the docs say now, and what to do, in one sentence.
    pub message: String,
    /// The 1-based docs line where the docs say it now, where there is one.
    pub docs_line: Option<usize>,
}

/// Counts of one kind of difference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Differences a departure explains.
    pub explained: usize,
    /// Differences nothing explains.
    pub unexplained: usize,
}

/// Totals over a whole comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Endpoints the docs document.
    pub endpoints_in_docs: usize,
    /// Endpoints the spec has.
    pub endpoints_in_spec: usize,
    /// Of `endpoints_in_spec`, those read from other sources and absent from these docs.
    pub endpoints_elsewhere: usize,
    /// Differences over all endpoints.
    pub differences: usize,
    /// Of those, the ones a departure explains.
    pub explained: usize,
    /// Of those, the ones nothing explains.
    pub unexplained: usize,
    /// Parts of the docs the reader could not read.
    pub read_problems: usize,
    /// Departures that no longer say what the docs say.
    pub stale_departures: usize,
    /// The differences of each kind found, in [`DiffKind`] order.
    pub by_kind: BTreeMap<DiffKind, Counts>,
}

impl Drift {
    /// Every difference, endpoint by endpoint.
    pub fn differences(&self) -> impl Iterator<Item = &Difference> {
        self.endpoints.iter().flat_map(|e| &e.differences)
    }

    /// The totals of this comparison.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            endpoints_in_docs: self
                .endpoints
                .iter()
                .filter(|e| e.docs_line.is_some())
                .count(),
            endpoints_in_spec: self
                .endpoints
                .iter()
                .filter(|e| e.operation.is_some())
                .count()
                + self.elsewhere.len(),
            endpoints_elsewhere: self.elsewhere.len(),
            read_problems: self.read_problems.len(),
            stale_departures: self.stale_departures.len(),
            ..Summary::default()
        };
        for difference in self.differences() {
            let counts = summary.by_kind.entry(difference.kind).or_default();
            summary.differences += 1;
            if difference.is_explained() {
                counts.explained += 1;
                summary.explained += 1;
            } else {
                counts.unexplained += 1;
                summary.unexplained += 1;
            }
        }
        summary
    }

    /// Every difference explained, every line read and every departure still saying what the
    /// docs say: the spec accounts for the docs.
    pub fn is_accounted_for(&self) -> bool {
        self.read_problems.is_empty()
            && self.stale_departures.is_empty()
            && self.differences().all(Difference::is_explained)
    }
}
