//! `docs-drift` on docs as people really edit and save them: random edits of the fixture docs
//! (lines inserted, deleted and swapped; invisible characters injected; line endings of another
//! system) never crash it, its output is the same on every run, and every line it reports
//! points at a line that holds the reported thing, counted as an editor counts lines.

use std::sync::LazyLock;

use docs_drift::docs::{DocsEndpoint, DocsJson};
use docs_drift::{DiffKind, DocsFile, Drift, SpecFile, compare, read_docs, report, skeleton};
use proptest::prelude::*;
use proptest::sample::Index;
use verycloud_tests::project_root;

fn fixture(name: &str) -> String {
    let path = project_root()
        .join("tests")
        .join("fixtures")
        .join("drift")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fixture docs, with an endpoint the spec lacks so that the skeleton has work, by line.
static ORIGINAL: LazyLock<Vec<String>> = LazyLock::new(|| {
    (fixture("docs.txt") + &fixture("new-endpoint.txt"))
        .lines()
        .map(str::to_owned)
        .collect()
});

static SPEC: LazyLock<SpecFile> = LazyLock::new(|| {
    SpecFile::load(&project_root().join("tests/fixtures/drift/spec.yaml"))
        .expect("the fixture spec is valid")
});

/// Characters a web page or an editor leaves unseen: format characters (read as nothing) and
/// space characters (read as spaces).
const FORMAT: [char; 8] = [
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}', '\u{200e}', '\u{202a}',
];
const SPACES: [char; 5] = ['\u{a0}', '\u{3000}', '\u{2002}', '\u{202f}', '\t'];

/// Lines a vendor or an editor might add: the docs' own markers, rows, JSON fragments.
const EXTRA_LINES: [&str; 12] = [
    "",
    "接口地址",
    "请求参数",
    "响应示例",
    "名称 类型 必须 说明",
    "fax string 传真",
    "{",
    "}",
    "\"used\": 1,",
    "https://api3.verycloud.cn/API/profile/extra",
    " -d '{\"token\": \"t\", ",
    "curl -i -X POST https://api3.verycloud.cn/API/profile/update",
];

#[derive(Debug, Clone)]
enum Edit {
    /// A line from the docs themselves (`Some`) or from [`EXTRA_LINES`], inserted before a line.
    Insert {
        at: Index,
        from_docs: Option<Index>,
        extra: Index,
    },
    Delete {
        at: Index,
    },
    Swap {
        a: Index,
        b: Index,
    },
    Invisible {
        at: Index,
        column: Index,
        character: char,
    },
}

#[derive(Debug, Clone, Copy)]
enum Ending {
    Unix,
    Windows,
    OldMac,
}

fn edit() -> impl Strategy<Value = Edit> {
    let unseen = prop::sample::select([FORMAT.as_slice(), SPACES.as_slice()].concat());
    prop_oneof![
        (
            any::<Index>(),
            prop::option::of(any::<Index>()),
            any::<Index>()
        )
            .prop_map(|(at, from_docs, extra)| Edit::Insert {
                at,
                from_docs,
                extra
            }),
        any::<Index>().prop_map(|at| Edit::Delete { at }),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Swap { a, b }),
        (any::<Index>(), any::<Index>(), unseen).prop_map(|(at, column, character)| {
            Edit::Invisible {
                at,
                column,
                character,
            }
        }),
    ]
}

fn ending() -> impl Strategy<Value = Ending> {
    prop_oneof![
        Just(Ending::Unix),
        Just(Ending::Windows),
        Just(Ending::OldMac)
    ]
}

/// The docs' lines after the edits.
fn edited(original: &[String], edits: &[Edit]) -> Vec<String> {
    let mut lines = original.to_vec();
    for edit in edits {
        match edit {
            Edit::Insert {
                at,
                from_docs,
                extra,
            } => {
                let line = match from_docs {
                    Some(from) => original[from.index(original.len())].clone(),
                    None => EXTRA_LINES[extra.index(EXTRA_LINES.len())].to_owned(),
                };
                lines.insert(at.index(lines.len() + 1), line);
            }
            Edit::Delete { at } if !lines.is_empty() => {
                lines.remove(at.index(lines.len()));
            }
            Edit::Swap { a, b } if !lines.is_empty() => {
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
            }
            Edit::Invisible {
                at,
                column,
                character,
            } if !lines.is_empty() => {
                let at = at.index(lines.len());
                let line = &mut lines[at];
                let boundaries: Vec<usize> = line
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([line.len()])
                    .collect();
                line.insert(boundaries[column.index(boundaries.len())], *character);
            }
            _ => {}
        }
    }
    lines
}

/// A line as a reader of the page sees it, by the test's own reckoning.
fn seen(line: &str) -> String {
    line.chars()
        .filter(|c| !FORMAT.contains(c))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// `data[].id`, as the report writes a key path.
fn shown(path: &[String]) -> String {
    let mut text = String::new();
    for segment in path {
        if !text.is_empty() && segment != "[]" {
            text.push('.');
        }
        text.push_str(segment);
    }
    text
}

/// Every key path of a value, as the report writes them.
fn value_paths(value: &serde_json::Value) -> Vec<String> {
    fn walk(value: &serde_json::Value, at: &[String], out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(members) => {
                for (key, member) in members {
                    let path = [at, std::slice::from_ref(key)].concat();
                    out.push(shown(&path));
                    walk(member, &path, out);
                }
            }
            serde_json::Value::Array(items) => {
                let path = [at, &["[]".to_owned()]].concat();
                for item in items {
                    walk(item, &path, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &[], &mut out);
    out
}

/// Every line reported holds what the report says stands there.
fn check_lines(lines: &[String], docs: &DocsFile, drift: &Drift) -> Result<(), TestCaseError> {
    let exists = |line: usize| (1..=lines.len().max(1)).contains(&line);
    let held = |line: usize| lines.get(line - 1).map_or("", String::as_str);
    for problem in &drift.read_problems {
        prop_assert!(
            exists(problem.line),
            "read problem at line {}",
            problem.line
        );
        if let Some(name) = problem
            .message
            .strip_prefix("row `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(name, _)| name)
        {
            prop_assert_eq!(held(problem.line).split_whitespace().next(), Some(name));
        }
    }
    for stale in &drift.stale_departures {
        if let Some(line) = stale.docs_line {
            prop_assert!(exists(line), "stale departure at line {}", line);
        }
    }
    for endpoint in &drift.endpoints {
        let Some(first_line) = endpoint.docs_line else {
            continue;
        };
        let read: &DocsEndpoint = docs
            .endpoints
            .iter()
            .find(|e| e.first_line == first_line)
            .expect("a reported endpoint is a read one");
        for difference in &endpoint.differences {
            let Some(line) = difference.docs_line else {
                continue;
            };
            prop_assert!(exists(line), "{:?} at line {}", difference.kind, line);
            let holds = held(line);
            let says = |what: &str| -> Result<(), TestCaseError> {
                prop_assert!(
                    holds.contains(what),
                    "{:?} at {}, line {}: `{}` does not hold `{}`",
                    difference.kind,
                    difference.location,
                    line,
                    holds,
                    what
                );
                Ok(())
            };
            let location = difference.location.as_str();
            match difference.kind {
                DiffKind::EndpointOnlyInDocs | DiffKind::PathRenamed | DiffKind::BaseUrl => {
                    says(&read.url.as_ref().expect("an address").url)?;
                }
                DiffKind::CurlUrl => {
                    let curl = read.curl.as_ref().and_then(|c| c.url.as_ref());
                    says(&curl.expect("a curl URL").url)?;
                }
                DiffKind::Method => says(&read.method.as_ref().expect("a method").text)?,
                DiffKind::RequestExampleInvalid | DiffKind::ReplyExampleInvalid => {
                    let json = example(read, location).expect("the example");
                    let last = json.line + json.text.lines().count().max(1) - 1;
                    prop_assert!(
                        (json.line..=last).contains(&line),
                        "{location} at line {line}, outside the example's lines {}–{last}: {:?} {:?}",
                        json.line,
                        json.text,
                        difference.message
                    );
                }
                _ if location == "title" => says(&read.title)?,
                _ => {
                    if let Some(name) = location.strip_prefix("request.") {
                        prop_assert_eq!(holds.split_whitespace().next(), Some(name));
                    } else if let Some((side, path)) = location.split_once(" example: ") {
                        let json = example(read, side).expect("the example");
                        let in_docs = json
                            .value
                            .as_ref()
                            .is_some_and(|value| value_paths(value).iter().any(|p| p == path));
                        let key = json.keys.iter().find(|k| shown(&k.path) == path);
                        match key.filter(|_| in_docs) {
                            Some(key) => {
                                prop_assert_eq!(line, key.line);
                                let name = key.path.iter().rev().find(|s| *s != "[]");
                                says(name.expect("a key"))?;
                            }
                            // A key the docs' example lacks is reported where it starts.
                            None => prop_assert_eq!(line, json.line),
                        }
                    } else {
                        prop_assert!(false, "a line for an unknown location `{}`", location);
                    }
                }
            }
        }
    }
    Ok(())
}

/// The example a location names: `request …` or `reply …`.
fn example<'a>(read: &'a DocsEndpoint, location: &str) -> Option<&'a DocsJson> {
    if location.starts_with("request") {
        read.curl.as_ref().and_then(|c| c.body.as_ref())
    } else {
        read.reply_example.as_ref()
    }
}

fn run(text: &str, lines: &[String], spec: &SpecFile) -> Result<(), TestCaseError> {
    let docs = read_docs(text);
    let drift = compare(&docs, spec);
    let sources = report::Sources {
        docs: "docs.txt",
        spec: "spec.yaml",
    };
    let markdown = report::markdown(&drift, sources);
    prop_assert_eq!(
        &markdown,
        &report::markdown(&compare(&read_docs(text), spec), sources)
    );
    prop_assert!(
        !markdown.chars().any(|c| FORMAT.contains(&c)),
        "the report shows an invisible character raw"
    );
    let _ = report::json(&drift, sources);
    let _ = skeleton(&docs, &spec.api, "docs.txt");
    let seen: Vec<String> = lines.iter().map(|l| seen(l)).collect();
    check_lines(&seen, &docs, &drift)
}

fn join(lines: &[String], ending: Ending) -> String {
    let ending = match ending {
        Ending::Unix => "\n",
        Ending::Windows => "\r\n",
        Ending::OldMac => "\r",
    };
    let mut text = lines.join(ending);
    text.push_str(ending);
    text
}

proptest! {
    // Each case reads and compares about 200 lines twice and drafts a skeleton: 256 cases take
    // about five seconds in a debug build.
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn edited_docs_never_crash_and_every_line_reported_holds_its_thing(
        edits in prop::collection::vec(edit(), 1..8),
        ending in ending(),
    ) {
        let lines = edited(&ORIGINAL, &edits);
        run(&join(&lines, ending), &lines, &SPEC)?;
    }
}

#[test]
fn the_unedited_docs_pass_the_same_checks() {
    for ending in [Ending::Unix, Ending::Windows, Ending::OldMac] {
        run(&join(&ORIGINAL, ending), &ORIGINAL, &SPEC).unwrap_or_else(|e| panic!("{e}"));
    }
}
