//! `docs-drift`: what the vendor's docs say that the spec does not.
//!
//! [`docs::read_docs`] reads the docs in their own layout, [`compare()`] lists every difference
//! from a loaded spec ([`SpecFile`]) and whether a departure in the spec explains it, and every
//! departure that no longer says what the docs say; [`report`] renders the result and
//! [`skeleton()`] drafts spec entries for the endpoints the spec lacks.

#![warn(missing_docs)]

mod compare;
pub mod docs;
mod examples;
mod explain;
mod findings;
pub mod lenient_json;
mod pairing;
pub mod report;
pub mod skeleton;
mod spec_file;
mod stale;
mod type_words;

pub use compare::{Scope, compare, compare_in};
pub use docs::{DocsFile, ReadProblem, read_docs};
pub use findings::{
    Counts, DiffKind, Difference, Drift, Elsewhere, EndpointDrift, Explanation, StaleDeparture,
    Summary,
};
pub use skeleton::{skeleton, skeleton_in};
pub use spec_file::SpecFile;
