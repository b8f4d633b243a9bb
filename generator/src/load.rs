//! Stage 1: read a spec file into [`RawSpec`] and its [`SourceMap`].
//! (Placeholder signatures; the loader fills them in.)

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::spec::RawSpec;

/// A parsed spec file and where its elements stand.
#[derive(Debug, Clone)]
pub struct SpecDocument {
    /// The file as named by the caller, for diagnostics.
    pub file: String,
    pub raw: RawSpec,
}

pub fn load_file(_path: &Path) -> Result<SpecDocument, Diagnostics> {
    todo!("loader")
}

pub fn load_str(_file: &str, _text: &str) -> Result<SpecDocument, Diagnostics> {
    todo!("loader")
}
