//! Where each element of a spec file stands: YAML path → line and column.
//!
//! Built from yaml-rust2's event stream rather than from serde, because serde forgets
//! positions and silently keeps one of two duplicate keys. The same walk therefore reports
//! duplicate keys and bounds the nesting depth. Aliases are recorded where they stand and never
//! expanded; the walk counts the nodes each would repeat and refuses a document whose aliases
//! repeat more than [`MAX_ALIAS_NODES`], at the alias that crosses the bound. The loader runs
//! this walk before serde_yaml's parse, so that a document too deep or an alias bomb is refused
//! in time linear in its text, before serde_yaml expands anything.
//!
//! Paths join mapping keys with `.` and write sequence indexes as `[i]`:
//! `endpoints.subaccountAdd.request.cdnconfig`, `types.Status.enum.values[2].code`.

use std::collections::BTreeMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Nesting deeper than this is rejected before serde sees the file. The spec needs about ten
/// levels; the bound keeps every later recursive walk (serde, JSON conversion) far from the stack's end.
pub const MAX_DEPTH: usize = 64;

/// Aliases may repeat at most this many nodes in all (a node: a scalar, a mapping or a
/// sequence, counted with everything inside it). The spec uses no aliases; the bound keeps an
/// alias bomb (ten aliases of ten aliases of …) from expanding into gigabytes in serde_yaml.
pub const MAX_ALIAS_NODES: u64 = 100_000;

/// The source map stops recording paths once they total this many bytes; later nodes are
/// placed by their nearest recorded ancestor. A spec needs well under 1 MiB; the bound keeps a
/// hostile file (long keys over many nested nodes) from costing memory quadratic in its size.
const MAX_RECORDED_BYTES: usize = 32 * 1024 * 1024;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters as editors do, not in bytes.
    pub column: usize,
}

impl Position {
    fn from_marker(marker: Marker) -> Self {
        // yaml-rust2 counts lines from 1 and columns from 0.
        Self {
            line: marker.line(),
            column: marker.col() + 1,
        }
    }
}

/// How a node's value is written, which decides how a position inside a scalar maps to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueStyle {
    /// An unquoted scalar.
    Plain,
    /// A `'…'` scalar.
    SingleQuoted,
    /// A `"…"` scalar.
    DoubleQuoted,
    /// A `|` block: the text starts on the next line, indented.
    Literal,
    /// A `>` block.
    Folded,
    /// A mapping, block or flow (`{…}`).
    Mapping,
    /// A sequence, block or flow (`[…]`).
    Sequence,
    /// An alias (`*name`), never expanded.
    Alias,
}

/// Where one node stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The key's position, for a mapping value.
    pub key: Option<Position>,
    /// Where the value starts (for a block scalar, its `|` or `>` indicator).
    pub value: Position,
    /// How the value is written.
    pub style: ValueStyle,
    /// For a `|` or `>` block: where line 1, column 1 of its text stands (the marker of a block
    /// is its first non-blank line, and leading blank lines belong to the text).
    pub block_start: Option<Position>,
}

/// YAML path → position, for every node of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    nodes: BTreeMap<String, Located>,
}

impl SourceMap {
    /// The node at exactly this path.
    pub fn get(&self, path: &str) -> Option<&Located> {
        self.nodes.get(path)
    }

    /// The position a diagnostic about `path` should name: the key of the node (or its value,
    /// for a sequence item), else that of the nearest ancestor that is in the map (a path into
    /// an alias, or one that a spec omits, such as a missing key).
    pub fn position(&self, path: &str) -> Option<Position> {
        let mut current = path;
        loop {
            if let Some(node) = self.nodes.get(current) {
                return Some(node.key.unwrap_or(node.value));
            }
            current = parent(current)?;
        }
    }

    /// The bytes of path the map holds, which the recording budget bounds (32 MiB) however
    /// many nodes a document has.
    pub fn recorded_bytes(&self) -> usize {
        self.nodes.keys().map(String::len).sum()
    }

    /// Scan `text`, recording every node's position and every duplicate key.
    ///
    /// # Errors
    /// When `text` is not well-formed YAML, or nests deeper than [`MAX_DEPTH`].
    pub fn scan(text: &str) -> Result<Scan, ScanFailure> {
        Walker::default().walk(text)
    }
}

/// The path one level up: `a.b[2]` → `a.b`, `a.b` → `a`, `a` → `` (the root), `` → none.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

/// Joins a mapping key onto a path.
pub fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Joins a sequence index onto a path.
pub fn item(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// What [`SourceMap::scan`] found in a well-formed document.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Every node's position; of two duplicate keys, the first.
    pub map: SourceMap,
    /// Every key written twice in one mapping, in file order.
    pub duplicates: Vec<DuplicateKey>,
}

/// A key written twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Path of the repeated entry.
    pub path: String,
    /// Where the key is first written; its value is the one kept.
    pub first: Position,
    /// Where the key is written again.
    pub repeated: Position,
}

/// Why a document could not be scanned at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanFailure {
    /// The text is not well-formed YAML.
    Syntax {
        /// Where the parser gave up.
        position: Position,
        /// The parser's description of the problem.
        message: String,
    },
    /// Mappings and sequences nest deeper than [`MAX_DEPTH`] (or than the parser's own bound).
    TooDeep {
        /// Where the first node too deep starts.
        position: Position,
    },
    /// The aliases repeat more than [`MAX_ALIAS_NODES`] nodes.
    AliasExpansion {
        /// The alias that crosses the bound.
        position: Position,
        /// How many nodes the aliases up to it repeat.
        nodes: u64,
    },
}

/// A mapping or sequence being walked. `path` is `None` below the recording budget.
enum Frame {
    Mapping {
        path: Option<String>,
        keys: BTreeMap<String, Position>,
        pending_key: Option<(String, Position)>,
    },
    Sequence {
        path: Option<String>,
        next_index: usize,
    },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    /// Bytes of path recorded so far, against [`MAX_RECORDED_BYTES`].
    recorded_bytes: usize,
    scan: Scan,
    /// Set while inside a key that is itself a mapping or sequence (never valid in a spec):
    /// the nesting depth of that key, whose events are skipped.
    complex_key_depth: usize,
    /// Each open mapping or sequence: its anchor (0 for none) and its nodes so far, itself
    /// included.
    open_weights: Vec<(usize, u64)>,
    /// Anchor → the nodes of the node it names, once that node is complete.
    anchored: BTreeMap<usize, u64>,
    /// The nodes the aliases so far repeat.
    alias_nodes: u64,
}

impl Walker {
    fn walk(mut self, text: &str) -> Result<Scan, ScanFailure> {
        let mut parser = Parser::new_from_str(text);
        loop {
            let (event, marker) = parser.next_token().map_err(|error| {
                let position = Position::from_marker(*error.marker());
                // The parser has a nesting bound of its own, met before ours in flow collections.
                if error.info().contains("recursion limit") {
                    ScanFailure::TooDeep { position }
                } else {
                    ScanFailure::Syntax {
                        position,
                        message: error.info().to_owned(),
                    }
                }
            })?;
            let position = Position::from_marker(marker);
            match event {
                Event::StreamEnd => return Ok(self.scan),
                Event::Nothing | Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => {
                }
                Event::Scalar(value, style, anchor, _) => {
                    self.weigh(anchor, 1);
                    let style = scalar_style(style);
                    let block_start = matches!(style, ValueStyle::Literal | ValueStyle::Folded)
                        .then(|| {
                            let blank_lines = value.bytes().take_while(|b| *b == b'\n').count();
                            Position {
                                line: position.line.saturating_sub(blank_lines),
                                column: position.column,
                            }
                        });
                    self.node(position, style, block_start, Some(value));
                }
                Event::Alias(anchor) => {
                    let nodes = self.anchored.get(&anchor).copied().unwrap_or(1);
                    self.alias_nodes = self.alias_nodes.saturating_add(nodes);
                    if self.alias_nodes > MAX_ALIAS_NODES {
                        return Err(ScanFailure::AliasExpansion {
                            position,
                            nodes: self.alias_nodes,
                        });
                    }
                    self.weigh(0, nodes);
                    self.node(position, ValueStyle::Alias, None, None);
                }
                Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(ScanFailure::TooDeep { position });
                    }
                    self.open_weights.push((anchor, 1));
                    let is_mapping = matches!(event, Event::MappingStart(..));
                    if self.complex_key_depth > 0 || self.expects_key() {
                        self.complex_key_depth += 1;
                        // Keep the depth bound honest inside skipped keys too.
                        self.stack.push(Frame::Sequence {
                            path: None,
                            next_index: 0,
                        });
                        continue;
                    }
                    let style = if is_mapping {
                        ValueStyle::Mapping
                    } else {
                        ValueStyle::Sequence
                    };
                    let path = self.place(position, style, None);
                    self.stack.push(if is_mapping {
                        Frame::Mapping {
                            path,
                            keys: BTreeMap::new(),
                            pending_key: None,
                        }
                    } else {
                        Frame::Sequence {
                            path,
                            next_index: 0,
                        }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    self.stack.pop();
                    if let Some((anchor, nodes)) = self.open_weights.pop() {
                        self.weigh(anchor, nodes);
                    }
                    if self.complex_key_depth > 0 {
                        self.complex_key_depth -= 1;
                        if self.complex_key_depth == 0 {
                            self.key("?".to_owned(), position);
                        }
                    }
                }
            }
        }
    }

    /// A complete node of `nodes` nodes: named by `anchor` (0 for none), and counted in the
    /// collection that holds it.
    fn weigh(&mut self, anchor: usize, nodes: u64) {
        if anchor != 0 {
            self.anchored.insert(anchor, nodes);
        }
        if let Some((_, held)) = self.open_weights.last_mut() {
            *held = held.saturating_add(nodes);
        }
    }

    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Mapping {
                pending_key: None,
                ..
            })
        )
    }

    /// A scalar or alias: a key, or a value placed at the current path.
    fn node(
        &mut self,
        position: Position,
        style: ValueStyle,
        block_start: Option<Position>,
        text: Option<String>,
    ) {
        if self.complex_key_depth > 0 {
            return;
        }
        if self.expects_key() {
            let key = text.unwrap_or_else(|| "*".to_owned());
            self.key(key, position);
        } else {
            self.place(position, style, block_start);
        }
    }

    fn key(&mut self, key: String, position: Position) {
        let Some(Frame::Mapping {
            path,
            keys,
            pending_key,
        }) = self.stack.last_mut()
        else {
            return;
        };
        if keys.is_empty() {
            // yaml-rust2 marks a block mapping's start after its first key; a mapping that is a
            // sequence item (or the root) is better placed at that key.
            let node = path
                .as_deref()
                .and_then(|path| self.scan.map.nodes.get_mut(path));
            if let Some(node) = node.filter(|node| node.key.is_none() && position < node.value) {
                node.value = position;
            }
        }
        if let Some(&first) = keys.get(&key) {
            let path = path
                .as_deref()
                .map_or_else(|| key.clone(), |path| child(path, &key));
            self.scan.duplicates.push(DuplicateKey {
                path,
                first,
                repeated: position,
            });
        } else {
            keys.insert(key.clone(), position);
        }
        *pending_key = Some((key, position));
    }

    /// Records a value at the path its parent gives it and returns that path, or `None` once
    /// the recording budget is spent.
    fn place(
        &mut self,
        value: Position,
        style: ValueStyle,
        block_start: Option<Position>,
    ) -> Option<String> {
        let (parent, step, key) = match self.stack.last_mut() {
            None => (Some(String::new()), Step::Same, None),
            Some(Frame::Sequence { path, next_index }) => {
                let index = *next_index;
                *next_index += 1;
                (path.clone(), Step::Item(index), None)
            }
            Some(Frame::Mapping {
                path, pending_key, ..
            }) => match pending_key.take() {
                Some((key, position)) => (path.clone(), Step::Key(key), Some(position)),
                None => (path.clone(), Step::Same, None),
            },
        };
        let parent = parent?;
        let needed = parent.len() + step.len() + 1;
        if self.recorded_bytes + needed > MAX_RECORDED_BYTES {
            return None;
        }
        self.recorded_bytes += needed;
        let path = match step {
            Step::Same => parent,
            Step::Item(index) => item(&parent, index),
            Step::Key(key) => child(&parent, &key),
        };
        // The first of two duplicate keys keeps its place, as the loader keeps its value.
        self.scan.map.nodes.entry(path.clone()).or_insert(Located {
            key,
            value,
            style,
            block_start,
        });
        Some(path)
    }
}

/// How a node's path extends its parent's.
enum Step {
    Same,
    Item(usize),
    Key(String),
}

impl Step {
    /// An upper bound of the bytes the step adds.
    fn len(&self) -> usize {
        match self {
            Step::Same => 0,
            Step::Item(_) => 22,
            Step::Key(key) => key.len() + 1,
        }
    }
}

fn scalar_style(style: TScalarStyle) -> ValueStyle {
    match style {
        TScalarStyle::SingleQuoted => ValueStyle::SingleQuoted,
        TScalarStyle::DoubleQuoted => ValueStyle::DoubleQuoted,
        TScalarStyle::Literal => ValueStyle::Literal,
        TScalarStyle::Folded => ValueStyle::Folded,
        TScalarStyle::Plain => ValueStyle::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    const TEXT: &str = "\
info:
  title: T
groups:
  profile: {zh: 资料, en: Profile}
list:
  - a
  - key: v
";

    #[test]
    fn records_keys_values_and_items() {
        let scan = SourceMap::scan(TEXT).expect("well-formed");
        let map = scan.map;
        assert_eq!(
            map.get("info.title").map(|n| (n.key, n.value)),
            Some((Some(at(2, 3)), at(2, 10)))
        );
        // Columns count characters, as editors do, not bytes.
        assert_eq!(map.position("groups.profile.en"), Some(at(4, 21)));
        assert_eq!(map.position("list[0]"), Some(at(6, 5)));
        assert_eq!(map.position("list[1].key"), Some(at(7, 5)));
        assert_eq!(map.get("info").map(|n| n.style), Some(ValueStyle::Mapping));
        assert!(scan.duplicates.is_empty());
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let map = SourceMap::scan(TEXT).expect("well-formed").map;
        assert_eq!(map.position("info.missing.deeper"), Some(at(1, 1)));
        assert_eq!(map.position("list[1].nope[3]"), Some(at(7, 5)));
        assert_eq!(parent("a.b[2]"), Some("a.b"));
        assert_eq!(parent("a"), Some(""));
        assert_eq!(parent(""), None);
    }

    #[test]
    fn reports_every_duplicate_key_and_keeps_the_first() {
        let scan = SourceMap::scan("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n").expect("well-formed");
        let found: Vec<_> = scan
            .duplicates
            .iter()
            .map(|d| (d.path.as_str(), d.first, d.repeated))
            .collect();
        assert_eq!(
            found,
            [("b.c", at(3, 3), at(4, 3)), ("a", at(1, 1), at(5, 1))]
        );
        assert_eq!(scan.map.get("b.c").map(|n| n.value), Some(at(3, 6)));
    }

    #[test]
    fn records_where_block_text_starts() {
        let map = SourceMap::scan("ex:\n  request: |\n    {}\n  reply: |\n\n     {}\n")
            .expect("well-formed")
            .map;
        let request = map.get("ex.request").expect("recorded");
        assert_eq!(
            (request.style, request.block_start),
            (ValueStyle::Literal, Some(at(3, 5)))
        );
        // A leading blank line is line 1 of the text.
        assert_eq!(
            map.get("ex.reply").and_then(|n| n.block_start),
            Some(at(5, 6))
        );
        assert_eq!(map.get("ex").and_then(|n| n.block_start), None);
    }

    #[test]
    fn bounds_depth_and_reports_syntax_errors() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(matches!(
            SourceMap::scan(&deep),
            Err(ScanFailure::TooDeep { .. })
        ));
        assert!(matches!(
            SourceMap::scan("a: [1, 2"),
            Err(ScanFailure::Syntax { .. })
        ));
    }

    #[test]
    fn refuses_aliases_that_repeat_too_much_at_the_alias_that_crosses() {
        // Each level repeats the previous one ten times: level 5 is 10^5 nodes and more.
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..9 {
            let items = vec![format!("*a{}", level - 1); 10].join(", ");
            bomb.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        match SourceMap::scan(&bomb) {
            Err(ScanFailure::AliasExpansion { position, nodes }) => {
                assert_eq!(
                    position.line, 5,
                    "the first line whose aliases cross the bound"
                );
                assert!(
                    nodes > MAX_ALIAS_NODES && nodes < 2 * MAX_ALIAS_NODES,
                    "{nodes}"
                );
            }
            other => panic!("expected an alias expansion failure, got {other:?}"),
        }
        // A few aliases of a small anchor are fine.
        let scan = SourceMap::scan("a: &x {b: [1, 2]}\nc: *x\nd: *x\n").expect("well-formed");
        assert_eq!(scan.map.get("d").map(|n| n.style), Some(ValueStyle::Alias));
    }

    #[test]
    fn skips_complex_keys_and_does_not_expand_aliases() {
        let scan = SourceMap::scan("? [a, b]\n: 1\nx: &a {y: 1}\nz: *a\n").expect("well-formed");
        assert_eq!(scan.map.get("z").map(|n| n.style), Some(ValueStyle::Alias));
        assert_eq!(scan.map.position("z.y"), Some(at(4, 1)));
        assert!(scan.map.get("?").is_some());
    }
}
