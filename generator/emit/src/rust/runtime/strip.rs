//! The runtime's sources without the optional parts a spec does not use.
//!
//! An optional part is an item (or an impl item, struct field, field initialiser, match arm,
//! enum variant or `let`) carrying `#[cfg(feature = "name")]` or
//! `#[cfg(all(feature = "a", feature = "b"))]` where every feature named is one of the
//! runtime's parts. Where the features are on, only the attribute goes; where one is off, the
//! whole node goes, its docs and attributes included. A `cfg` naming a feature of the
//! generated crate itself (`tracing`, `mock`) is no part's and stays as written, for cargo to
//! settle. The text is cut where syn's token positions say, so that everything else (comments,
//! layout) stays as written.
//!
//! Whether a feature is on is asked of a [`Parts`] function: `Some(on)` for a part, `None` for
//! a feature of the crate.

use proc_macro2::{LineColumn, TokenStream};
use quote::ToTokens;
use syn::visit::Visit;

/// Whether a feature is a part that is on (`Some(true)`), a part that is off (`Some(false)`),
/// or no part but a feature of the generated crate (`None`).
pub(super) type Parts<'a> = &'a dyn Fn(&str) -> Option<bool>;

/// The features of a part `cfg`: a `cfg` of the two forms above whose every feature is a part.
pub(super) fn part_cfg(attr: &syn::Attribute, parts: Parts<'_>) -> Option<Vec<String>> {
    cfg_features(attr).filter(|features| features.iter().all(|feature| parts(feature).is_some()))
}

/// The features a `#[cfg(...)]` attribute asks for, if it is one of the two forms above.
pub(super) fn cfg_features(attr: &syn::Attribute) -> Option<Vec<String>> {
    if !attr.path().is_ident("cfg") {
        return None;
    }
    let mut features = Vec::new();
    let mut other = false;
    let parsed = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("feature") {
            let value: syn::LitStr = meta.value()?.parse()?;
            features.push(value.value());
        } else if meta.path.is_ident("all") {
            meta.parse_nested_meta(|inner| {
                if inner.path.is_ident("feature") {
                    let value: syn::LitStr = inner.value()?.parse()?;
                    features.push(value.value());
                } else {
                    other = true;
                }
                Ok(())
            })?;
        } else {
            other = true;
        }
        Ok(())
    });
    (parsed.is_ok() && !other && !features.is_empty()).then_some(features)
}

/// `source` with the parts that are off taken out, and the `cfg` attributes of the others
/// removed.
///
/// When every feature the source names is on (as for a spec that uses everything, the real one
/// among them), only the attribute lines go, which needs no parse; a test checks that this and
/// [`cut`] agree.
pub(super) fn strip(source: &str, parts: Parts<'_>) -> String {
    if named_features(source).all(|feature| parts(feature) != Some(false)) {
        without_attribute_lines(source, parts)
    } else {
        cut(source, parts).0
    }
}

/// Every feature name a `feature = "…"` in `source` names.
fn named_features(source: &str) -> impl Iterator<Item = &str> {
    source
        .split("feature = \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
}

/// `source` without its lines that hold a part's `cfg` attribute alone.
pub(super) fn without_attribute_lines(source: &str, parts: Parts<'_>) -> String {
    source
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            let is_cfg = line.starts_with("#[cfg(feature") || line.starts_with("#[cfg(all(feature");
            !(is_cfg && named_features(line).all(|feature| parts(feature).is_some()))
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// [`strip`] by syn's token positions. The second value counts the attributes met, for tests.
pub(super) fn cut(source: &str, parts: Parts<'_>) -> (String, usize) {
    // The runtime's sources are compiled as the runtime crate, so they parse; a failure is a
    // broken build of the generator, not bad input.
    let file = syn::parse_file(source).expect("the runtime's sources parse");
    let mut finder = Finder {
        parts,
        cuts: Vec::new(),
        attributes: 0,
    };
    finder.visit_file(&file);
    let attributes = finder.attributes;
    let lines = LineStarts::new(source);
    let mut cuts: Vec<(usize, usize)> = finder
        .cuts
        .into_iter()
        .map(|(start, end)| {
            widen(
                source,
                lines.offset(source, start),
                lines.offset(source, end),
            )
        })
        .collect();
    cuts.sort_unstable();
    let mut out = String::with_capacity(source.len());
    let mut copied_to = 0;
    for (start, end) in cuts {
        // A cut inside one already made (an attribute of a part taken out whole) is done.
        if start < copied_to {
            continue;
        }
        out.push_str(&source[copied_to..start]);
        copied_to = end;
    }
    out.push_str(&source[copied_to..]);
    (out, attributes)
}

/// Collects what to cut: positions of a whole node, or of one attribute.
struct Finder<'e> {
    parts: Parts<'e>,
    cuts: Vec<(LineColumn, LineColumn)>,
    attributes: usize,
}

impl Finder<'_> {
    /// Whether the node with `attrs` (and tokens `node`) stays; records the cuts either way.
    fn node(&mut self, attrs: &[syn::Attribute], node: &dyn ToTokens) -> bool {
        let mut keep = true;
        let mut cfg_attrs = Vec::new();
        for attr in attrs {
            if let Some(features) = part_cfg(attr, self.parts) {
                self.attributes += 1;
                keep &= features
                    .iter()
                    .all(|feature| (self.parts)(feature) == Some(true));
                cfg_attrs.push(attr);
            }
        }
        if cfg_attrs.is_empty() {
            return true;
        }
        if keep {
            for attr in cfg_attrs {
                if let Some(span) = extent(attr.to_token_stream()) {
                    self.cuts.push(span);
                }
            }
        } else if let Some(span) = extent(node.to_token_stream()) {
            self.cuts.push(span);
        }
        keep
    }
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_item(&mut self, node: &'ast syn::Item) {
        if self.node(item_attrs(node), node) {
            syn::visit::visit_item(self, node);
        }
    }

    fn visit_impl_item(&mut self, node: &'ast syn::ImplItem) {
        let attrs: &[syn::Attribute] = match node {
            syn::ImplItem::Const(item) => &item.attrs,
            syn::ImplItem::Fn(item) => &item.attrs,
            syn::ImplItem::Type(item) => &item.attrs,
            syn::ImplItem::Macro(item) => &item.attrs,
            _ => &[],
        };
        if self.node(attrs, node) {
            syn::visit::visit_impl_item(self, node);
        }
    }

    fn visit_trait_item(&mut self, node: &'ast syn::TraitItem) {
        let attrs: &[syn::Attribute] = match node {
            syn::TraitItem::Const(item) => &item.attrs,
            syn::TraitItem::Fn(item) => &item.attrs,
            syn::TraitItem::Type(item) => &item.attrs,
            syn::TraitItem::Macro(item) => &item.attrs,
            _ => &[],
        };
        if self.node(attrs, node) {
            syn::visit::visit_trait_item(self, node);
        }
    }

    fn visit_field(&mut self, node: &'ast syn::Field) {
        if self.node(&node.attrs, node) {
            syn::visit::visit_field(self, node);
        }
    }

    fn visit_field_value(&mut self, node: &'ast syn::FieldValue) {
        if self.node(&node.attrs, node) {
            syn::visit::visit_field_value(self, node);
        }
    }

    fn visit_arm(&mut self, node: &'ast syn::Arm) {
        if self.node(&node.attrs, node) {
            syn::visit::visit_arm(self, node);
        }
    }

    fn visit_variant(&mut self, node: &'ast syn::Variant) {
        if self.node(&node.attrs, node) {
            syn::visit::visit_variant(self, node);
        }
    }

    fn visit_local(&mut self, node: &'ast syn::Local) {
        if self.node(&node.attrs, node) {
            syn::visit::visit_local(self, node);
        }
    }
}

/// An item's attributes, whatever its kind.
pub(super) fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::ExternCrate(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::ForeignMod(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Macro(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::TraitAlias(item) => &item.attrs,
        syn::Item::Type(item) => &item.attrs,
        syn::Item::Union(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

/// Where the first token of `tokens` starts and the last ends.
fn extent(tokens: TokenStream) -> Option<(LineColumn, LineColumn)> {
    let mut tokens = tokens.into_iter();
    let first = tokens.next()?;
    let last = tokens.last().unwrap_or_else(|| first.clone());
    Some((first.span().start(), last.span().end()))
}

/// A cut widened to whole lines when it stands alone on them: the indentation before it, a
/// `,` after it (a field, an initialiser or an arm), the rest of its last line, and a blank line
/// it would leave doubled.
fn widen(source: &str, start: usize, end: usize) -> (usize, usize) {
    let line_start = source[..start].rfind('\n').map_or(0, |newline| newline + 1);
    let alone_before = source[line_start..start].trim().is_empty();
    let mut end = end;
    let after = &source[end..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    if let Some(rest) = trimmed.strip_prefix(',') {
        end = source.len() - rest.len();
    }
    let line_end = source[end..]
        .find('\n')
        .map_or(source.len(), |at| end + at + 1);
    if !alone_before || !source[end..line_end].trim().is_empty() {
        return (start, end);
    }
    let mut end = line_end;
    let blank_before = source[..line_start].ends_with("\n\n") || line_start == 0;
    if blank_before && source[end..].starts_with('\n') {
        end += 1;
    }
    (line_start, end)
}

/// Byte offsets of the starts of lines, to turn a token's line and column into an offset.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(at, _)| at + 1));
        Self(starts)
    }

    /// The byte offset of a position (line from 1, column in characters from 0).
    fn offset(&self, source: &str, position: LineColumn) -> usize {
        let line_start = self
            .0
            .get(position.line.saturating_sub(1))
            .copied()
            .unwrap_or(source.len());
        source[line_start..]
            .char_indices()
            .nth(position.column)
            .map_or(source.len(), |(at, _)| line_start + at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"use std::fmt;
#[cfg(feature = "b")]
use std::collections::BTreeMap;

/// Always here.
pub struct S {
    a: i64,
    /// Only with `b`.
    #[cfg(feature = "b")]
    b: i64,
}

impl S {
    fn new() -> Self {
        S {
            a: 1,
            #[cfg(feature = "b")]
            b: 2,
        }
    }

    /// Only with `b`.
    #[cfg(feature = "b")]
    fn b(&self) -> i64 {
        self.b
    }

    #[cfg(all(feature = "a", feature = "b"))]
    fn both(&self) {}
}

#[cfg(feature = "a")]
fn only_a() {}

#[cfg(feature = "tracing")]
fn for_cargo() {}

fn last() {}
"#;

    /// `a` and `b` are parts, on as `on` says; any other feature is the crate's.
    fn parts(on: fn(&str) -> bool) -> impl Fn(&str) -> Option<bool> {
        move |feature| matches!(feature, "a" | "b").then(|| on(feature))
    }

    #[test]
    fn takes_out_what_is_off_and_unmarks_what_is_on() {
        let (none, attributes) = cut(SOURCE, &parts(|_| false));
        assert_eq!(attributes, 6);
        assert_eq!(
            none,
            "use std::fmt;\n\n/// Always here.\npub struct S {\n    a: i64,\n}\n\nimpl S {\n    fn new() -> Self {\n        S {\n            a: 1,\n        }\n    }\n\n}\n\n#[cfg(feature = \"tracing\")]\nfn for_cargo() {}\n\nfn last() {}\n"
        );
        let (all, _) = cut(SOURCE, &parts(|_| true));
        assert_eq!(all, without_attribute_lines(SOURCE, &parts(|_| true)));
        assert!(all.contains("#[cfg(feature = \"tracing\")]\nfn for_cargo() {}"));
        assert_eq!(strip(SOURCE, &parts(|_| true)), all);
        let only_b = strip(SOURCE, &parts(|feature| feature == "b"));
        assert_eq!(only_b, cut(SOURCE, &parts(|feature| feature == "b")).0);
        assert!(
            only_b.contains("fn b(&self)")
                && !only_b.contains("fn both")
                && !only_b.contains("only_a")
        );
        assert!(syn::parse_file(&only_b).is_ok());
    }

    #[test]
    fn reads_the_two_forms_only() {
        let attr = |text: &str| -> syn::Attribute {
            let item: syn::ItemFn = syn::parse_str(&format!("{text} fn f() {{}}")).expect("parses");
            item.attrs.into_iter().next().expect("one attribute")
        };
        assert_eq!(
            cfg_features(&attr(r#"#[cfg(feature = "x")]"#)),
            Some(vec!["x".to_owned()])
        );
        assert_eq!(
            cfg_features(&attr(r#"#[cfg(all(feature = "x", feature = "y"))]"#)),
            Some(vec!["x".to_owned(), "y".to_owned()])
        );
        assert_eq!(cfg_features(&attr("#[cfg(test)]")), None);
        assert_eq!(
            cfg_features(&attr(r#"#[cfg(any(feature = "x", test))]"#)),
            None
        );
        assert_eq!(cfg_features(&attr(r#"#[cfg(not(feature = "x"))]"#)), None);
    }
}
