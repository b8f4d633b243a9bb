//! The prose both emitters give an endpoint's provenance: which sources it was read from and
//! where in each, and which of its examples no source shows.

use spec::model::{Api, Endpoint, Locator, Provenance, SourceKind};

/// `Sources: `php-sdk` (…); `java-sdk` (…).`, or `None` for an endpoint whose spec does not
/// say. Plain text with `code spans`; each emitter escapes it for its own reader. Each source
/// is named with its key, so that a departure quoting a source (`java-sdk`: “id”) can be
/// traced to it.
pub(crate) fn sources_paragraph(api: &Api, endpoint: &Endpoint) -> Option<String> {
    let entries: Vec<String> = endpoint
        .provenance
        .iter()
        .map(|provenance| entry(api, provenance))
        .collect();
    if entries.is_empty() {
        return None;
    }
    let label = if entries.len() == 1 {
        "Source"
    } else {
        "Sources"
    };
    Some(format!("{label}: {}.", entries.join("; ")))
}

fn entry(api: &Api, provenance: &Provenance) -> String {
    let key = &provenance.source;
    // Validation guarantees the source exists; a model built by hand may lack it.
    let Some(source) = api.source(key) else {
        return format!("`{key}`");
    };
    let mut parts = vec![source.title.clone()];
    match source.kind {
        // The docs file is the vendor's, not the reader's: its line numbers locate nothing
        // for them, and the documented title is shown beside this already.
        SourceKind::Docs => {}
        SourceKind::Page | SourceKind::Sdk => {
            parts.extend(source.url.clone());
            parts.extend(source.file.as_ref().map(|file| format!("`{file}`")));
        }
    }
    match &provenance.locator {
        Locator::Line(_) => {}
        Locator::Section(section) => parts.push(format!("section “{section}”")),
        Locator::Method(method) => parts.push(format!("method `{method}`")),
    }
    format!("`{key}` ({})", parts.join(", "))
}

/// What the reader should know about examples the spec's author built: `None` when the
/// sources show both.
pub(crate) fn constructed_note(endpoint: &Endpoint) -> Option<&'static str> {
    match (endpoint.constructed.request, endpoint.constructed.reply) {
        (false, false) => None,
        (true, false) => Some(
            "No source shows a request example: the request example is built from the documented fields.",
        ),
        (false, true) => Some(
            "No source shows a reply example: the reply example is built from the documented fields.",
        ),
        (true, true) => Some(
            "No source shows examples: the request and reply examples are built from the documented fields.",
        ),
    }
}
