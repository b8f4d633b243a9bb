//! The first pass over `types`: what each named type is (object or enum with its code kind),
//! so that fields anywhere can be resolved against it.

use indexmap::IndexMap;

use crate::diagnostics::Reporter;
use crate::format::RawType;
use crate::source_map::child;
use crate::type_ref::CodeKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Object,
    Enum(CodeKind),
    /// The definition is wrong (reported); references to it are not reported again.
    Broken,
}

/// Type name → shape.
pub(crate) struct Shapes(IndexMap<String, Shape>);

impl Shapes {
    /// The shapes of `types`, and of the types that could not be read (`unreadable`, whose
    /// problems loading reported) as broken.
    pub(crate) fn of(
        types: &IndexMap<String, RawType>,
        unreadable: &std::collections::BTreeSet<String>,
        reporter: &mut Reporter<'_>,
    ) -> Self {
        let mut shapes: IndexMap<String, Shape> = types
            .iter()
            .map(|(name, raw)| (name.clone(), shape(raw, &child("types", name), reporter)))
            .collect();
        for name in unreadable {
            shapes.entry(name.clone()).or_insert(Shape::Broken);
        }
        Self(shapes)
    }

    pub(crate) fn get(&self, name: &str) -> Option<Shape> {
        self.0.get(name).copied()
    }

    /// A defined name that differs from `name` only in case or `_`, or by a typo, for a hint.
    pub(crate) fn similar(&self, name: &str) -> Option<&str> {
        let folded = fold(name);
        self.0
            .keys()
            .map(String::as_str)
            .find(|defined| fold(defined) == folded)
            .or_else(|| crate::diagnostics::did_you_mean(name, self.0.keys().map(String::as_str)))
    }
}

fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn shape(raw: &RawType, path: &str, reporter: &mut Reporter<'_>) -> Shape {
    match (&raw.fields, &raw.enumeration) {
        (Some(_), None) => Shape::Object,
        (None, Some(enumeration)) => match CodeKind::from_keyword(&enumeration.code) {
            Some(kind) => Shape::Enum(kind),
            None => {
                let other = &enumeration.code;
                reporter.error(
                    &child(&child(path, "enum"), "code"),
                    format!("unknown enum code kind `{other}`"),
                    "use `integer` or `string`: the JSON type of the codes",
                );
                Shape::Broken
            }
        },
        (Some(_), Some(_)) => {
            reporter.error(
                path,
                "the type has both `fields` and `enum`",
                "a type is either an object (`fields`) or a coded enum (`enum`); split it in two",
            );
            Shape::Broken
        }
        (None, None) => {
            reporter.error(
                path,
                "the type has neither `fields` nor `enum`",
                "add `fields` for an object type or `enum` for a coded enum",
            );
            Shape::Broken
        }
    }
}
