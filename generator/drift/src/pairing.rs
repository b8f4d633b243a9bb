//! Which documented endpoint is which spec endpoint.
//!
//! By path first; then an endpoint left over on each side with the same title is one
//! endpoint whose path changed, so the report says "renamed" instead of "removed" and
//! "added", and still compares its parameters and examples.

use std::collections::HashMap;

use super::docs::{DocsEndpoint, DocsFile, ReadProblem};
use super::explain::normalize_text;
use spec::model::{Api, Endpoint};

#[derive(Clone, Copy)]
pub(crate) enum Pair<'a> {
    Both {
        docs: &'a DocsEndpoint,
        spec: &'a Endpoint,
        /// The docs document it at another path than the spec's.
        renamed: bool,
    },
    DocsOnly(&'a DocsEndpoint),
    SpecOnly(&'a Endpoint),
}

/// Pairs in docs order, then the spec's unpaired endpoints in spec order; plus a problem for
/// each path the docs document twice (the second is left out).
pub(crate) fn pair<'a>(docs: &'a DocsFile, api: &'a Api) -> (Vec<Pair<'a>>, Vec<ReadProblem>) {
    let mut problems = Vec::new();
    let spec_by_path: HashMap<&str, usize> = api
        .endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| (e.path.as_str(), i))
        .collect();
    let mut spec_taken = vec![false; api.endpoints.len()];
    let mut first_line_of_path: HashMap<&str, usize> = HashMap::new();

    // Each documented endpoint with the spec endpoint of its path, if any.
    let mut matched: Vec<(&DocsEndpoint, Option<usize>)> = Vec::new();
    for endpoint in &docs.endpoints {
        let Some(url) = &endpoint.url else {
            // Already a read problem; it may still pair by title below.
            matched.push((endpoint, None));
            continue;
        };
        if let Some(first) = first_line_of_path.get(url.path.as_str()) {
            problems.push(ReadProblem {
                line: url.line,
                message: format!(
                    "`{}` is documented twice (first at line {first}); the second is not compared",
                    url.path
                ),
            });
            continue;
        }
        first_line_of_path.insert(&url.path, endpoint.first_line);
        let spec = spec_by_path.get(url.path.as_str()).copied();
        if let Some(i) = spec {
            spec_taken[i] = true;
        }
        matched.push((endpoint, spec));
    }

    let mut pairs = Vec::new();
    for (endpoint, spec) in matched {
        if let Some(i) = spec {
            pairs.push(Pair::Both {
                docs: endpoint,
                spec: &api.endpoints[i],
                renamed: false,
            });
            continue;
        }
        let title = normalize_text(&endpoint.title);
        let same_title = (0..api.endpoints.len())
            .find(|&i| !spec_taken[i] && normalize_text(&api.endpoints[i].zh) == title);
        match same_title {
            Some(i) if !title.is_empty() => {
                spec_taken[i] = true;
                pairs.push(Pair::Both {
                    docs: endpoint,
                    spec: &api.endpoints[i],
                    renamed: endpoint.url.is_some(),
                });
            }
            _ if endpoint.url.is_some() => pairs.push(Pair::DocsOnly(endpoint)),
            // Without an address there is nothing to compare it by.
            _ => {}
        }
    }
    for (i, endpoint) in api.endpoints.iter().enumerate() {
        if !spec_taken[i] {
            pairs.push(Pair::SpecOnly(endpoint));
        }
    }
    (pairs, problems)
}
