//! The loader never panics or hangs, and every failure carries a diagnostic: arbitrary bytes,
//! YAML-ish text from a small grammar of spec-like keys, anchors and aliases, mutations of the
//! minimal spec, and fixed hostile inputs.
//!
//! Hostile inputs are bounded by work, never by the clock (which a loaded machine stretches):
//! each test checks where the loader stopped (the line of the alias that crossed the bound, the
//! depth it refused at) or how much it kept. How long refusing takes, and that it grows
//! linearly with the input, is measured by `cargo xtask bench`.

use std::path::Path;

use proptest::prelude::*;
use spec::Diagnostics;

const MINIMAL: &str = include_str!("../../../tests/fixtures/specs/minimal.yaml");

/// Loads `text` and checks the one promise every input gets.
fn load_text(text: &str) {
    if let Err(diagnostics) = spec::load_api_str("fuzz.yaml", text) {
        assert_diagnosed(&diagnostics);
    }
}

fn assert_diagnosed(diagnostics: &Diagnostics) {
    assert!(!diagnostics.0.is_empty(), "an error without diagnostics");
    for diagnostic in &diagnostics.0 {
        assert!(
            !diagnostic.message.is_empty(),
            "a diagnostic without a message: {diagnostic:?}"
        );
    }
}

/// Loads `bytes` through a file, as `cargo xtask validate` does.
fn load_bytes(bytes: &[u8]) -> Result<spec::model::Api, Diagnostics> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spec.yaml");
    std::fs::write(&path, bytes).expect("write temp spec");
    spec::load_api(&path)
}

fn expect_error(result: Result<spec::model::Api, Diagnostics>, fragment: &str) -> Diagnostics {
    match result {
        Ok(_) => panic!("loaded; expected an error saying {fragment:?}"),
        Err(diagnostics) => {
            assert_diagnosed(&diagnostics);
            assert!(
                diagnostics.to_string().contains(fragment),
                "no diagnostic says {fragment:?}:\n{diagnostics}"
            );
            diagnostics
        }
    }
}

/// Spec-like keys and scalars, so that generated text reaches past the YAML parser.
const WORDS: &[&str] = &[
    "info",
    "groups",
    "types",
    "endpoints",
    "fields",
    "enum",
    "code",
    "values",
    "name",
    "type",
    "wire",
    "either",
    "request",
    "reply",
    "data",
    "paged",
    "examples",
    "token",
    "required",
    "list<",
    "map<>",
    "list<Foo>",
    "Foo",
    "integer",
    "string",
    "0",
    "1",
    "-1",
    "1.5",
    "~",
    "true",
    "\"\"",
    "'x'",
    "{}",
    "[]",
    "\"{\\\"code\\\": 1}\"",
];

/// A YAML-ish document: nested block and flow collections with anchors and aliases.
fn yamlish() -> impl Strategy<Value = String> {
    let word = proptest::sample::select(WORDS).prop_map(str::to_owned);
    let leaf = prop_oneof![
        word.clone(),
        (0u8..4).prop_map(|n| format!("*a{n}")),
        "[ -~]{0,12}",
    ];
    leaf.prop_recursive(6, 64, 6, move |inner| {
        let anchor = proptest::option::of(0u8..4)
            .prop_map(|n| n.map(|n| format!("&a{n} ")).unwrap_or_default());
        prop_oneof![
            (
                anchor.clone(),
                proptest::collection::vec((word.clone(), inner.clone()), 0..5)
            )
                .prop_map(|(anchor, entries)| {
                    let body: Vec<String> = entries
                        .into_iter()
                        .map(|(key, value)| format!("{key}: {value}"))
                        .collect();
                    format!("{anchor}{{{}}}", body.join(", "))
                }),
            (
                anchor.clone(),
                proptest::collection::vec(inner.clone(), 0..5)
            )
                .prop_map(|(anchor, items)| format!("{anchor}[{}]", items.join(", "))),
            (
                anchor,
                proptest::collection::vec((word.clone(), inner.clone()), 1..5)
            )
                .prop_map(|(anchor, entries)| {
                    // A block mapping: nested lines indented under their key.
                    let mut text = if anchor.is_empty() {
                        String::new()
                    } else {
                        format!("{anchor}\n")
                    };
                    for (key, value) in entries {
                        let indented = value.replace('\n', "\n  ");
                        text.push_str(&format!("{key}:\n  {indented}\n"));
                    }
                    text
                }),
        ]
    })
}

/// The minimal spec with lines removed, repeated or altered.
fn mutated_minimal() -> impl Strategy<Value = String> {
    let lines: Vec<&'static str> = MINIMAL.lines().collect();
    let count = lines.len();
    let edit = prop_oneof![
        (0..count).prop_map(Edit::Delete),
        (0..count).prop_map(Edit::Repeat),
        (0..count, proptest::sample::select(WORDS))
            .prop_map(|(line, word)| Edit::ReplaceValue(line, word)),
        (0..count, 0usize..8).prop_map(|(line, cut)| Edit::Dedent(line, cut)),
    ];
    proptest::collection::vec(edit, 1..4).prop_map(move |edits| {
        let mut lines: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        for edit in edits {
            edit.apply(&mut lines);
        }
        lines.join("\n")
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Repeat(usize),
    ReplaceValue(usize, &'static str),
    Dedent(usize, usize),
}

impl Edit {
    fn apply(self, lines: &mut Vec<String>) {
        match self {
            Edit::Delete(at) if at < lines.len() => {
                lines.remove(at);
            }
            Edit::Repeat(at) if at < lines.len() => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            Edit::ReplaceValue(at, word) if at < lines.len() => {
                if let Some((key, _)) = lines[at].split_once(": ") {
                    lines[at] = format!("{key}: {word}");
                }
            }
            Edit::Dedent(at, cut) if at < lines.len() => {
                let line = &lines[at];
                let spaces = line.len() - line.trim_start_matches(' ').len();
                lines[at] = line[spaces.min(cut)..].to_owned();
            }
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_through_a_file(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Err(diagnostics) = load_bytes(&bytes) {
            assert_diagnosed(&diagnostics);
        }
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,400}") {
        load_text(&text);
    }

    #[test]
    fn yamlish_text(text in yamlish()) {
        load_text(&text);
    }

    #[test]
    fn spec_shaped_yamlish_text(info in yamlish(), types in yamlish(), endpoints in yamlish()) {
        let indent = |text: String| text.replace('\n', "\n  ");
        load_text(&format!("info:\n  {}\ngroups: {{}}\ntypes:\n  {}\nendpoints:\n  {}\n", indent(info), indent(types), indent(endpoints)));
    }

    #[test]
    fn mutations_of_the_minimal_spec(text in mutated_minimal()) {
        load_text(&text);
    }
}

/// The one diagnostic of `diagnostics`, with its place.
fn only(diagnostics: &Diagnostics) -> &spec::Diagnostic {
    assert_eq!(diagnostics.0.len(), 1, "{diagnostics}");
    &diagnostics.0[0]
}

#[test]
fn the_minimal_spec_loads() {
    spec::load_api_str("minimal.yaml", MINIMAL).expect("the minimal spec is valid");
}

/// Ten levels of ten aliases each would be 10^10 nodes: refused at the first alias past the
/// bound, on the line where the expansion crosses it, before serde_yaml expands anything.
#[test]
fn alias_bomb_is_refused_where_it_crosses_the_bound() {
    let mut bomb = String::from("info: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let previous = format!("*l{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        bomb.push_str(&format!("k{level}: &l{level} [{items}]\n"));
    }
    let diagnostics = expect_error(
        spec::load_api_str("bomb.yaml", &bomb),
        "over the limit of 100000",
    );
    let diagnostic = only(&diagnostics);
    // Level 4 (line 5) is the first whose aliases repeat more than 100,000 nodes in all.
    assert_eq!(diagnostic.line, Some(5), "{diagnostic}");
    assert!(diagnostic.column.is_some());
    assert!(
        diagnostic
            .hint
            .as_deref()
            .is_some_and(|hint| hint.contains("named type")),
        "{diagnostic}"
    );
}

/// Refused near the start, where the scan meets its depth bound (or, in flow collections, the
/// YAML parser's own, met while it looks ahead): the rest of the input is never read.
#[test]
fn deep_nesting_is_refused_near_the_start() {
    let block: String = (0..1_000)
        .map(|depth| format!("{}a:\n", " ".repeat(depth)))
        .collect();
    let cases = [
        ("[".repeat(10_000), 1, 300),
        ("{a: ".repeat(10_000), 1, 4 * 300),
        (block, 65, 70),
    ];
    for (deep, line, max_column) in cases {
        let diagnostics = expect_error(
            spec::load_api_str("deep.yaml", &deep),
            "nesting deeper than 64 levels",
        );
        let diagnostic = only(&diagnostics);
        assert_eq!(diagnostic.line, Some(line), "{diagnostic}");
        assert!(
            diagnostic.column.is_some_and(|column| column <= max_column),
            "{diagnostic}"
        );
    }
}

#[test]
fn a_fifty_megabyte_file_is_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.yaml");
    let line = "# padding padding padding padding padding padding padding padding padding\n";
    let huge = line.repeat(50 * 1024 * 1024 / line.len());
    std::fs::write(&path, &huge).expect("write huge file");
    // The size is told from the metadata, and the reader reads one byte past the limit at most.
    let expected = format!(
        "the file is {} bytes, over the limit of 8388608 bytes",
        huge.len()
    );
    let diagnostics = expect_error(spec::load_api(&path), &expected);
    assert!(only(&diagnostics).file.ends_with("huge.yaml"));
    expect_error(spec::load_api_str("huge.yaml", &huge), "over the limit");
}

#[test]
fn nul_bytes_are_refused() {
    expect_error(
        spec::load_api_str("nul.yaml", "info:\0\n  title: x\n"),
        "YAML",
    );
    expect_error(load_bytes(b"\0\0\0\0"), "");
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let mut bytes = b"info:\n  title: ab".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    let diagnostics = expect_error(load_bytes(&bytes), "not valid UTF-8");
    assert_eq!(
        (diagnostics.0[0].line, diagnostics.0[0].column),
        (Some(2), Some(12))
    );
}

#[test]
fn a_missing_file_is_a_diagnostic() {
    expect_error(
        spec::load_api(Path::new("/nonexistent/spec.yaml")),
        "cannot read the file",
    );
}

#[test]
fn empty_and_scalar_documents_are_refused() {
    for text in [
        "",
        "   \n",
        "just a string",
        "- a list\n",
        "---\n...\n",
        "a: 1\n---\nb: 2\n",
    ] {
        let result = spec::load_api_str("odd.yaml", text);
        assert!(result.is_err(), "{text:?} loaded");
        if let Err(diagnostics) = result {
            assert_diagnosed(&diagnostics);
        }
    }
}

/// A chain of thousands of types that loops back: found without deep recursion.
#[test]
fn a_long_type_cycle_is_found_without_recursion() {
    let count = 5_000;
    let mut types = String::from("types:\n");
    for index in 0..count {
        let next = (index + 1) % count;
        types.push_str(&format!(
            "  T{index}:\n    en: x\n    fields:\n      next: {{type: T{next}, en: x}}\n"
        ));
    }
    let spec = MINIMAL.replacen("types:\n", &types, 1);
    let diagnostics = expect_error(spec::load_api_str("chain.yaml", &spec), "contains itself");
    assert_eq!(diagnostics.0.len(), 1, "{diagnostics}");
}

/// Long keys over many nested nodes: the source map's budget keeps this linear.
#[test]
fn long_keys_over_many_nodes_stay_cheap() {
    // YAML allows implicit keys of up to 1024 characters.
    let key = "k".repeat(1000);
    let mut text = String::new();
    for depth in 0..40 {
        text.push_str(&format!("{}{key}{depth}:\n", " ".repeat(depth)));
    }
    text.push_str(&format!(
        "{}[{}]\n",
        " ".repeat(40),
        vec!["1"; 200_000].join(",")
    ));
    expect_error(spec::load_api_str("long.yaml", &text), "");
    // Without the budget, the paths of 200,000 items below 40 keys of 4 KiB would be 32 GiB.
    let map = spec::source_map::SourceMap::scan(&text)
        .expect("well-formed")
        .map;
    assert!(
        map.recorded_bytes() <= 32 * 1024 * 1024,
        "{} bytes of paths",
        map.recorded_bytes()
    );
}

#[test]
fn many_duplicate_keys_are_cut_to_a_readable_report() {
    let text = "a: 1\n".repeat(200_000);
    let diagnostics = expect_error(
        spec::load_api_str("dups.yaml", &text),
        "more errors not shown",
    );
    assert_eq!(diagnostics.0.len(), 101);
}
