//! The spec as the docs drift reads it: the model, and where each element stands in the file,
//! so that a stale departure is reported at its line.

use std::path::Path;

use spec::Diagnostics;
use spec::model::Api;
use spec::source_map::SourceMap;

/// A loaded, validated spec and its source map.
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// The model every comparison reads.
    pub api: Api,
    /// YAML path → line, for the spec's own lines in the report.
    pub source_map: SourceMap,
}

impl SpecFile {
    /// Loads, validates and builds the spec at `path`.
    ///
    /// # Errors
    /// As [`spec::load_api`]: every problem found, located in the file.
    pub fn load(path: &Path) -> Result<SpecFile, Diagnostics> {
        Self::of(spec::load::load_file(path)?)
    }

    /// The same for a spec held in memory; `file` names it in diagnostics.
    ///
    /// # Errors
    /// As [`spec::load_api_str`].
    pub fn parse(file: &str, text: &str) -> Result<SpecFile, Diagnostics> {
        Self::of(spec::load::load_str(file, text)?)
    }

    fn of(document: spec::load::SpecDocument) -> Result<SpecFile, Diagnostics> {
        let validated = spec::validate::validate(&document)?;
        Ok(SpecFile {
            api: spec::build::build(validated),
            source_map: document.source_map,
        })
    }

    /// The 1-based line of the element at `yaml_path` (its key), or of its nearest ancestor
    /// the file writes.
    pub fn line(&self, yaml_path: &str) -> Option<usize> {
        self.source_map.position(yaml_path).map(|p| p.line)
    }
}
