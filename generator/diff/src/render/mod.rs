//! A report as text: markdown for a pull request comment, JSON for tools, GitHub annotations.

pub mod github;
pub mod json;
pub mod markdown;

/// How the report names its two sides (a file path or `REV:PATH`).
#[derive(Debug, Clone, Copy)]
pub struct Sides<'a> {
    /// The side compared from (OLD).
    pub old: &'a str,
    /// The side compared to (NEW).
    pub new: &'a str,
}
