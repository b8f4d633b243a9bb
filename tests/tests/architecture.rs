//! The invariants of ARCHITECTURE.md, checked against the code: which crate may depend on
//! which, which stage of the spec core may import which, that no source file imports one
//! that imports it back, and that the runtime never names generated code.
//!
//! Imports are read as text: every `crate::`, `super::` and `self::` path of a file (comments
//! and string literals left out) is resolved to the file it names. A path that resolves to no
//! file of the crate (a path inside a `quote!`, naming the generated crate) is ignored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use verycloud_tests::project_root;

/// Each crate of the generator, the runtime and xtask, with the crates of ours it may use.
const CRATES: &[(&str, &[&str])] = &[
    ("generator/spec", &[]),
    ("generator/emit", &["verycloud-spec"]),
    ("generator/diff", &["verycloud-spec"]),
    ("generator/drift", &["verycloud-spec"]),
    ("generator/runtime", &[]),
    // `verycloud` is the client runtime under the generated client's name (see
    // `the_cli_runtime_stands_on_the_client_runtime`).
    ("generator/cli-runtime", &["verycloud"]),
    ("generated-client", &[]),
    ("generated-client/cli", &["verycloud"]),
    (
        "xtask",
        &[
            "verycloud-spec",
            "verycloud-emit",
            "verycloud-spec-diff",
            "verycloud-docs-drift",
        ],
    ),
];

/// The spec core's modules in pipeline order, each with the modules it may import: the
/// shared vocabulary first, then the stages, each reading only what comes before it.
const SPEC_CORE: &[(&str, &[&str])] = &[
    ("source_map", &[]),
    ("diagnostics", &["source_map"]),
    ("format", &[]),
    ("scalar", &[]),
    ("type_ref", &["scalar"]),
    ("model", &["format", "scalar", "type_ref"]),
    ("names", &["model", "scalar", "type_ref"]),
    ("load", &["diagnostics", "format", "source_map"]),
    (
        "validate",
        &[
            "diagnostics",
            "format",
            "load",
            "names",
            "scalar",
            "source_map",
            "type_ref",
        ],
    ),
    ("build", &["format", "model", "source_map", "validate"]),
];

/// The generated modules of the `verycloud` crate; the runtime names none of them.
const GENERATED_MODULES: &[&str] = &[
    "api",
    "mock_api",
    "operations",
    "replies",
    "requests",
    "types",
];

/// The generated modules of the command-line tool's crate; the CLI runtime names none of them.
const GENERATED_CLI_MODULES: &[&str] = &["commands"];

#[test]
fn crates_depend_only_on_crates_before_them() {
    let ours: BTreeSet<&str> = [
        "verycloud-spec",
        "verycloud-emit",
        "verycloud-spec-diff",
        "verycloud-docs-drift",
        "verycloud-runtime",
        "verycloud",
        "xtask",
    ]
    .into();
    for (folder, allowed) in CRATES {
        let manifest = std::fs::read_to_string(project_root().join(folder).join("Cargo.toml"))
            .unwrap_or_else(|error| panic!("{folder}/Cargo.toml: {error}"));
        let manifest: toml_like::Manifest = toml_like::parse(&manifest);
        for dependency in &manifest.dependencies {
            if ours.contains(dependency.as_str()) {
                assert!(
                    allowed.contains(&dependency.as_str()),
                    "{folder} depends on {dependency}, which is not before it in the pipeline"
                );
            }
        }
    }
}

#[test]
fn each_stage_of_the_spec_core_imports_only_what_comes_before_it() {
    let src = project_root().join("generator/spec/src");
    let rules: BTreeMap<&str, &[&str]> = SPEC_CORE.iter().copied().collect();
    let graph = file_graph(&src);
    let mut seen_modules = BTreeSet::new();
    for (file, targets) in &graph {
        let Some(from) = top_module(&src, file) else {
            continue;
        };
        seen_modules.insert(from.clone());
        let allowed = rules
            .get(from.as_str())
            .unwrap_or_else(|| panic!("the module `{from}` is not in SPEC_CORE: place it"));
        for target in targets {
            let Some(to) = top_module(&src, target) else {
                continue;
            };
            assert!(
                to == from || allowed.contains(&to.as_str()),
                "{} imports `{to}`, which the `{from}` stage may not import",
                file.display()
            );
        }
    }
    let listed: BTreeSet<String> = rules.keys().map(|name| (*name).to_owned()).collect();
    assert_eq!(
        seen_modules, listed,
        "SPEC_CORE lists modules that do not exist"
    );
}

#[test]
fn no_source_file_imports_one_that_imports_it_back() {
    for (folder, _) in CRATES {
        let src = project_root().join(folder).join("src");
        let graph = file_graph(&src);
        if let Some(cycle) = find_cycle(&graph) {
            let shown: Vec<String> = cycle
                .iter()
                .map(|file| {
                    file.strip_prefix(project_root())
                        .unwrap_or(file)
                        .display()
                        .to_string()
                })
                .collect();
            panic!("an import cycle: {}", shown.join(" → "));
        }
    }
}

#[test]
fn the_runtime_never_names_generated_code() {
    let src = project_root().join("generator/runtime/src");
    for file in rust_files(&src) {
        let code = code_only(&std::fs::read_to_string(&file).expect("readable"));
        for module in GENERATED_MODULES {
            assert!(
                !code.contains(&format!("crate::{module}::")),
                "{} names the generated module `{module}`",
                file.display()
            );
        }
    }
}

#[test]
fn the_cli_runtime_never_names_generated_code() {
    let src = project_root().join("generator/cli-runtime/src");
    let files = rust_files(&src);
    assert!(
        !files.is_empty(),
        "generator/cli-runtime/src has no sources"
    );
    for file in files {
        let code = code_only(&std::fs::read_to_string(&file).expect("readable"));
        for module in GENERATED_CLI_MODULES {
            assert!(
                !code.contains(&format!("crate::{module}")),
                "{} names the generated module `{module}`",
                file.display()
            );
        }
        for module in GENERATED_MODULES {
            assert!(
                !code.contains(&format!("verycloud::{module}::")),
                "{} names the generated client's module `{module}`",
                file.display()
            );
        }
    }
}

/// Where the CLI runtime lives, the client runtime stands in for the generated client: its
/// `verycloud` is `verycloud-runtime`, so that it can only use what the runtime has.
#[test]
fn the_cli_runtime_stands_on_the_client_runtime() {
    let manifest = std::fs::read_to_string(project_root().join("generator/cli-runtime/Cargo.toml"))
        .expect("readable");
    let lines: Vec<&str> = manifest
        .lines()
        .filter(|line| line.starts_with("verycloud ="))
        .collect();
    assert!(!lines.is_empty());
    for line in lines {
        assert!(
            line.contains("package = \"verycloud-runtime\"")
                && line.contains("path = \"../runtime\""),
            "generator/cli-runtime/Cargo.toml: {line}"
        );
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let (a, b, c) = (PathBuf::from("a"), PathBuf::from("b"), PathBuf::from("c"));
    let mut graph = BTreeMap::new();
    graph.insert(a.clone(), BTreeSet::from([b.clone()]));
    graph.insert(b.clone(), BTreeSet::from([c.clone()]));
    graph.insert(c.clone(), BTreeSet::new());
    assert_eq!(find_cycle(&graph), None);
    graph.insert(c.clone(), BTreeSet::from([a.clone()]));
    assert_eq!(find_cycle(&graph), Some(vec![a.clone(), b, c, a]));
}

/// The crate's top-level module a file belongs to (`validate/fields.rs` → `validate`); `None`
/// for the crate root.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_owned())
}

/// File → the files of the same crate it imports.
fn file_graph(src: &Path) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    rust_files(src)
        .into_iter()
        .map(|file| {
            let code = code_only(&std::fs::read_to_string(&file).expect("readable"));
            let targets = module_paths(&code)
                .into_iter()
                .filter_map(|path| resolve(src, &file, &path))
                .filter(|target| *target != file)
                .collect();
            (file, targets)
        })
        .collect()
}

/// Every `.rs` file below `dir`, tests' own files (`tests.rs`, `tests/`) left out.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "tests" {
                files.extend(rust_files(&path));
            }
        } else if name.ends_with(".rs") && name != "tests.rs" {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The text with comments, string and char literals blanked out, and everything from the
/// first `#[cfg(test)]` on dropped (unit tests may import what they like).
fn code_only(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every `crate::a::b`, `super::a` and `self::a` path, `{…}` groups expanded one level.
fn module_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0
            || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        let rest: String = bytes[i..bytes.len().min(i + 8)].iter().collect();
        let root = ["crate::", "super::", "self::"]
            .into_iter()
            .find(|root| rest.starts_with(root));
        let Some(root) = root.filter(|_| at_word_start) else {
            i += 1;
            continue;
        };
        let mut prefix = vec![root.trim_end_matches(':').to_owned()];
        i += root.len();
        loop {
            let start = i;
            while i < bytes.len() && (bytes[i].is_alphanumeric() || bytes[i] == '_') {
                i += 1;
            }
            if i > start {
                prefix.push(bytes[start..i].iter().collect());
            }
            let next: String = bytes[i..bytes.len().min(i + 2)].iter().collect();
            if next == "::" && bytes.get(i + 2) == Some(&'{') {
                let end = bytes[i..]
                    .iter()
                    .position(|c| *c == '}')
                    .map_or(bytes.len(), |p| i + p);
                let group: String = bytes[i + 3..end].iter().collect();
                for member in group.split(',') {
                    let first = member.trim().split("::").next().unwrap_or_default().trim();
                    if !first.is_empty() {
                        let mut path = prefix.clone();
                        path.push(first.to_owned());
                        paths.push(path);
                    }
                }
                i = end;
                break;
            } else if next == "::" {
                i += 2;
            } else {
                paths.push(prefix);
                break;
            }
        }
    }
    paths
}

/// The file a path names: the deepest existing module file along it.
fn resolve(src: &Path, file: &Path, path: &[String]) -> Option<PathBuf> {
    let mut dir = match path.first()?.as_str() {
        "crate" => src.to_path_buf(),
        "self" => module_dir(file),
        "super" => module_dir(file).parent()?.to_path_buf(),
        _ => return None,
    };
    let mut found = None;
    for segment in &path[1..] {
        let as_file = dir.join(format!("{segment}.rs"));
        let as_mod = dir.join(segment).join("mod.rs");
        if as_file.is_file() {
            found = Some(as_file);
        } else if as_mod.is_file() {
            found = Some(as_mod);
        } else {
            break;
        }
        dir = dir.join(segment);
    }
    found
}

/// The folder of a file's child modules: `a/b.rs` → `a/b`, `a/mod.rs` and `lib.rs` → their folder.
fn module_dir(file: &Path) -> PathBuf {
    let parent = file.parent().map(Path::to_path_buf).unwrap_or_default();
    match file.file_stem().and_then(|stem| stem.to_str()) {
        Some("mod" | "lib" | "main") => parent,
        Some(stem) => parent.join(stem),
        None => parent,
    }
}

/// A cycle of the graph, its first node repeated at its end; `None` when acyclic.
fn find_cycle(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        marks: &mut BTreeMap<PathBuf, Mark>,
        trail: &mut Vec<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = trail.iter().position(|n| n == node)?;
                let mut cycle = trail[start..].to_vec();
                cycle.push(node.clone());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        trail.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, trail) {
                return Some(cycle);
            }
        }
        trail.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

/// Just enough of a Cargo manifest: the names of its `[dependencies]`.
mod toml_like {
    pub struct Manifest {
        pub dependencies: Vec<String>,
    }

    pub fn parse(text: &str) -> Manifest {
        let mut section = String::new();
        let mut dependencies = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.starts_with('[') {
                section = line.trim_matches(['[', ']']).to_owned();
            } else if section == "dependencies"
                && let Some((name, _)) = line.split_once('=')
            {
                let name = name.trim().split('.').next().unwrap_or_default();
                if !name.is_empty() && !name.starts_with('#') {
                    dependencies.push(name.to_owned());
                }
            }
        }
        Manifest { dependencies }
    }
}
