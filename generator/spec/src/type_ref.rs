//! Type expressions once resolved (`list<map<Status>>`), and the codes of coded enums.
//!
//! The vocabulary both validation and the model speak; what each scalar means is in
//! [`crate::scalar`].

use crate::scalar::Scalar;

/// A resolved type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// A scalar.
    Scalar(Scalar),
    /// A named type, by its spec key (see [`crate::model::Api::named_type`]).
    Named(String),
    /// A JSON array of the inner type.
    List(Box<TypeRef>),
    /// A JSON object with string keys and values of the inner type.
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// The scalar or named type inside any `list<…>` and `map<…>`.
    pub fn innermost(&self) -> &TypeRef {
        let mut ty = self;
        while let TypeRef::List(inner) | TypeRef::Map(inner) = ty {
            ty = inner;
        }
        ty
    }

    /// The named type inside any `list<…>` and `map<…>`, if the innermost type is one.
    pub fn innermost_named(&self) -> Option<&str> {
        match self.innermost() {
            TypeRef::Named(name) => Some(name),
            _ => None,
        }
    }

    /// Whether this is a `list<…>` or `map<…>`.
    pub fn is_container(&self) -> bool {
        matches!(self, TypeRef::List(_) | TypeRef::Map(_))
    }

    /// The type expression as a spec author writes it: `list<SubaccountGroup>`.
    pub fn expression(&self) -> String {
        match self {
            TypeRef::Scalar(scalar) => scalar.keyword().to_owned(),
            TypeRef::Named(name) => name.clone(),
            TypeRef::List(inner) => format!("list<{}>", inner.expression()),
            TypeRef::Map(inner) => format!("map<{}>", inner.expression()),
        }
    }
}

/// The JSON type of an enum's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// Integer codes (`0`, `1`, `-1`).
    Integer,
    /// String codes (`"month"`).
    String,
}

impl CodeKind {
    /// The scalar whose encodings the codes follow.
    pub fn scalar(self) -> Scalar {
        match self {
            CodeKind::Integer => Scalar::Integer,
            CodeKind::String => Scalar::String,
        }
    }

    /// The word a spec author writes for it in `enum.code`: the keyword of its scalar.
    pub fn keyword(self) -> &'static str {
        self.scalar().keyword()
    }

    /// The code kind an `enum.code` word names.
    pub fn from_keyword(word: &str) -> Option<CodeKind> {
        [CodeKind::Integer, CodeKind::String]
            .into_iter()
            .find(|kind| kind.keyword() == word)
    }
}

/// One code of a coded enum.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EnumCode {
    /// A code of an integer-coded enum.
    Integer(i64),
    /// A code of a string-coded enum.
    String(String),
}

impl EnumCode {
    /// The code as a JSON value of its own kind.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            EnumCode::Integer(code) => serde_json::Value::from(*code),
            EnumCode::String(code) => serde_json::Value::from(code.as_str()),
        }
    }

    /// The code's text: `1` as `1`, `"month"` as `month`.
    pub fn text(&self) -> String {
        match self {
            EnumCode::Integer(code) => code.to_string(),
            EnumCode::String(code) => code.clone(),
        }
    }

    /// The code as messages show it: `1`, `"month"`.
    pub fn shown(&self) -> String {
        match self {
            EnumCode::Integer(code) => code.to_string(),
            EnumCode::String(code) => format!("{code:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_innermost_type_and_reads_as_written() {
        let ty = TypeRef::Map(Box::new(TypeRef::List(Box::new(TypeRef::Named(
            "Tag".into(),
        )))));
        assert_eq!(ty.expression(), "map<list<Tag>>");
        assert_eq!(ty.innermost_named(), Some("Tag"));
        assert!(ty.is_container());
        let scalar = TypeRef::Scalar(Scalar::Flag);
        assert_eq!(scalar.innermost(), &scalar);
        assert_eq!(scalar.innermost_named(), None);
    }
}
