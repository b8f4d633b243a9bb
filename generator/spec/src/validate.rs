//! Stage 2: every check beyond the YAML shape, all problems collected as [`Diagnostics`].
//!
//! Checks run in passes: the shape of each named type; each type's fields and values; each
//! endpoint; then the rules across elements (names, recursion, examples, login); last, the
//! drafts `docs-drift --skeleton` leaves for a person. A field whose type fails to resolve is
//! treated as `json` afterwards, so one mistake is reported once.

mod checked;
mod cli_names;
mod conformance;
mod drafts;
mod endpoints;
mod examples;
mod fields;
mod info;
mod json_text;
mod names;
mod prose;
mod shapes;
mod sources;
mod type_expr;
mod types;

use indexmap::IndexMap;

pub(crate) use checked::{CheckedEndpoint, CheckedField, CheckedKind, CheckedType};

use crate::diagnostics::{Diagnostics, Reporter};
use crate::format::{RawGroup, RawInfo, RawSource};
use crate::load::SpecDocument;

/// A spec that passed every check; only [`crate::build::build`] consumes it.
#[derive(Debug, Clone)]
pub struct Validated {
    pub(crate) info: RawInfo,
    pub(crate) groups: IndexMap<String, RawGroup>,
    pub(crate) sources: IndexMap<String, RawSource>,
    pub(crate) types: IndexMap<String, CheckedType>,
    pub(crate) endpoints: IndexMap<String, CheckedEndpoint>,
}

/// Runs every check on a loaded spec, reporting the problems loading deferred with the rest.
///
/// # Errors
/// Every problem found, deferred ones included, sorted by position and capped at
/// [`MAX_DIAGNOSTICS`](crate::diagnostics::MAX_DIAGNOSTICS).
pub fn validate(document: &SpecDocument) -> Result<Validated, Diagnostics> {
    let raw = &document.raw;
    let broken = &document.broken;
    let mut reporter = Reporter::new(&document.file, &document.source_map);
    for deferred in &document.deferred {
        reporter.push(deferred.clone());
    }
    // Without a readable `info`, nothing that needs it is checked (see `load::Broken`).
    let info = (!broken.info).then_some(&raw.info);
    if let Some(info) = info {
        info::check(info, &mut reporter);
    }
    sources::check_sources(&raw.sources, &mut reporter);
    let shapes = shapes::Shapes::of(&raw.types, &broken.types, &mut reporter);
    let types = types::check_all(&raw.types, &shapes, &mut reporter);
    let endpoints = endpoints::check_all(
        &raw.endpoints,
        &raw.groups,
        &broken.groups,
        info,
        &shapes,
        &mut reporter,
    );
    // An unreadable source would read as an undefined one wherever it is cited.
    if broken.sources.is_empty() {
        sources::check_provenance(&raw.endpoints, &raw.sources, &mut reporter);
        sources::check_departure_sources(&raw.endpoints, &raw.types, &raw.sources, &mut reporter);
    }
    sources::check_constructed(&raw.endpoints, &mut reporter);
    types::check_recursion(&types, &mut reporter);
    names::check(raw, &types, &endpoints, &mut reporter);
    prose::check(raw, &mut reporter);
    cli_names::check(raw, &endpoints, &mut reporter);
    examples::check_field_examples(
        examples::all_fields(&types, &endpoints),
        &types,
        &mut reporter,
    );
    if let Some(info) = info {
        if !broken.endpoints.contains(&info.login.endpoint) {
            info::check_login(info, &endpoints, &mut reporter);
        }
        for (name, endpoint) in &endpoints {
            examples::check_endpoint(name, endpoint, info, &types, &mut reporter);
        }
    }
    drafts::check(raw, &mut reporter);
    match reporter.finish() {
        Some(diagnostics) => Err(diagnostics),
        None => Ok(Validated {
            info: raw.info.clone(),
            groups: raw.groups.clone(),
            sources: raw.sources.clone(),
            types,
            endpoints,
        }),
    }
}
