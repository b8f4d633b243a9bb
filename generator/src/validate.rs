//! Stage 2: every check beyond the YAML shape. (Placeholder; the validator fills it in.)

use crate::diagnostics::Diagnostics;
use crate::load::SpecDocument;

/// A spec that passed every check; only [`crate::model::build`] consumes it.
#[derive(Debug, Clone)]
pub struct Validated {}

pub fn validate(_document: &SpecDocument) -> Result<Validated, Diagnostics> {
    todo!("validator")
}
