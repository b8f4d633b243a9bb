//! Spec change reports: what changed between two specs, judged for Rust users and on the wire.
//!
//! [`diff`] compares two models and returns a [`Report`]: each [`Change`] names a rule of
//! [`rules`] (a stable id with a wire verdict, a Rust verdict and a severity), the YAML path
//! of the element and its old and new values. The report also says which version bump the
//! changes need ([`versioning`]). [`render`] turns a report into markdown for a pull request,
//! JSON for tools or GitHub workflow annotations. Reading the two sides (files, git
//! revisions) and the command line are `cargo xtask diff`'s business, not this crate's.
//!
//! OpenAPI diff tools judge only the wire, and only what an OpenAPI document says. The spec
//! knows more (which Rust names the generated crate uses, which fields `new(..)` takes,
//! which calls the client retries), so the report judges the Rust crate as well, and it tells
//! a rename from a removal plus an addition ([`rename`]).

#![warn(missing_docs)]

mod compare;
pub mod rename;
pub mod render;
pub mod report;
pub mod rules;
mod usage;
pub mod versioning;

pub use report::{Change, Report};
pub use rules::{Rule, RuleId, Severity, Verdict};
pub use versioning::Bump;

use spec::model::Api;

/// Every change from `old` to `new`: breaking changes first, then warnings, then
/// information, each group in spec order (info, groups, types, endpoints).
pub fn diff(old: &Api, new: &Api) -> Report {
    let (mut changes, _) = compare::compare(old, new);
    changes.sort_by_key(|change| change.rule.severity());
    Report {
        old_version: old.info.version.clone(),
        new_version: new.info.version.clone(),
        changes,
    }
}

/// Every pair of a removed and an added element that the comparison of `old` and `new` offered
/// to rename detection, with the evidence measured and whether it was taken for a rename: the
/// data the thresholds of [`rename`] are chosen from.
pub fn rename_candidates(old: &Api, new: &Api) -> Vec<rename::Candidate> {
    compare::compare(old, new).1
}
