//! Type expressions: `string`, `Name`, `list<T>`, `map<T>` and their nesting.

use crate::diagnostics::did_you_mean;
use crate::scalar::Scalar;
use crate::type_ref::TypeRef;

/// Deeper nesting than `list<map<list<…>>>` at this depth is surely a mistake, and the bound
/// keeps the recursive parser's stack small on any input.
const MAX_NESTING: usize = 8;

/// Why a type expression does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// Parses a type expression. Named types are returned unresolved, as [`TypeRef::Named`].
pub(crate) fn parse(text: &str) -> Result<TypeRef, SyntaxError> {
    let mut parser = ExprParser {
        whole: text,
        rest: text,
    };
    let ty = parser.expr(0)?;
    parser.skip_space();
    match parser.rest.chars().next() {
        None => Ok(ty),
        Some(unexpected) => Err(parser.error(
            format!("unexpected `{unexpected}` after a complete type"),
            "a field has one type; remove what follows it",
        )),
    }
}

struct ExprParser<'t> {
    whole: &'t str,
    rest: &'t str,
}

impl<'t> ExprParser<'t> {
    fn expr(&mut self, depth: usize) -> Result<TypeRef, SyntaxError> {
        self.skip_space();
        let word = self.word();
        if word.is_empty() {
            return Err(match self.rest.chars().next() {
                None => self.error(
                    "a type is missing",
                    format!(
                        "write one of {}, a named type, list<T> or map<T>",
                        Scalar::keywords()
                    ),
                ),
                Some(c) => self.error(
                    format!("unexpected `{c}` where a type should start"),
                    format!(
                        "types are {}, a named type, list<T> or map<T>",
                        Scalar::keywords()
                    ),
                ),
            });
        }
        self.skip_space();
        if let Some(after) = self.rest.strip_prefix('<') {
            let constructor: fn(Box<TypeRef>) -> TypeRef = match word {
                "list" => TypeRef::List,
                "map" => TypeRef::Map,
                other => {
                    return Err(self.error(
                        format!("`{other}<…>` is not a type"),
                        "only list<T> and map<T> take a type argument",
                    ));
                }
            };
            if depth >= MAX_NESTING {
                return Err(self.error(
                    format!("type nested more than {MAX_NESTING} levels deep"),
                    "flatten the type with a named type",
                ));
            }
            self.rest = after;
            self.skip_space();
            if self.rest.is_empty() || self.rest.starts_with('>') {
                return Err(self.error(
                    format!("`{word}<>` lacks its element type"),
                    format!("write {word}<T>, for example {word}<string>"),
                ));
            }
            let inner = self.expr(depth + 1)?;
            self.skip_space();
            return match self.rest.strip_prefix('>') {
                Some(after) => {
                    self.rest = after;
                    Ok(constructor(Box::new(inner)))
                }
                None => Err(self.error(format!("`{word}<` is not closed"), "add the closing `>`")),
            };
        }
        scalar_or_name(word).map_err(|(message, hint)| self.error(message, hint))
    }

    fn word(&mut self) -> &'t str {
        let end = self
            .rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.rest.len());
        let (word, rest) = self.rest.split_at(end);
        self.rest = rest;
        word
    }

    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start();
    }

    fn error(&self, message: impl Into<String>, hint: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: format!("bad type `{}`: {}", self.whole, message.into()),
            hint: hint.into(),
        }
    }
}

fn scalar_or_name(word: &str) -> Result<TypeRef, (String, String)> {
    if let Some(scalar) = Scalar::from_keyword(word) {
        return Ok(TypeRef::Scalar(scalar));
    }
    match word {
        "list" | "map" => Err((
            format!("`{word}` lacks its element type"),
            format!("write {word}<T>, for example {word}<string>"),
        )),
        _ if word.starts_with(|c: char| c.is_ascii_uppercase()) => {
            Ok(TypeRef::Named(word.to_owned()))
        }
        _ => {
            let hint = match word {
                "int" | "long" | "number" => "use `integer` (or `decimal` for money)".to_owned(),
                "bool" | "boolean" => "use `flag` for 0/1 values".to_owned(),
                "array" => "use list<T>".to_owned(),
                "object" => "use a named type, or map<T>".to_owned(),
                "float" | "double" => "use `decimal`".to_owned(),
                _ => match did_you_mean(word, Scalar::ALL.iter().map(|scalar| scalar.keyword())) {
                    Some(meant) => format!("did you mean `{meant}`?"),
                    None => format!(
                        "the scalars are {}; named types start with a capital letter",
                        Scalar::keywords()
                    ),
                },
            };
            Err((format!("unknown scalar type `{word}`"), hint))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.to_owned())
    }

    #[test]
    fn parses_scalars_names_and_constructors() {
        assert_eq!(parse("integer"), Ok(TypeRef::Scalar(Scalar::Integer)));
        assert_eq!(parse(" json "), Ok(TypeRef::Scalar(Scalar::Json)));
        assert_eq!(parse("SubaccountGroup"), Ok(named("SubaccountGroup")));
        assert_eq!(
            parse("list<Domain>"),
            Ok(TypeRef::List(Box::new(named("Domain"))))
        );
        assert_eq!(
            parse("map< list<decimal> >"),
            Ok(TypeRef::Map(Box::new(TypeRef::List(Box::new(
                TypeRef::Scalar(Scalar::Decimal)
            )))))
        );
    }

    fn message(text: &str) -> String {
        parse(text).expect_err(text).message
    }

    #[test]
    fn rejects_bad_syntax_with_a_reason() {
        assert_eq!(
            message("list<"),
            "bad type `list<`: `list<>` lacks its element type"
        );
        assert_eq!(
            message("map<>"),
            "bad type `map<>`: `map<>` lacks its element type"
        );
        assert_eq!(
            message("list<string"),
            "bad type `list<string`: `list<` is not closed"
        );
        assert_eq!(message("int"), "bad type `int`: unknown scalar type `int`");
        assert_eq!(
            message("list"),
            "bad type `list`: `list` lacks its element type"
        );
        assert_eq!(
            message("Set<string>"),
            "bad type `Set<string>`: `Set<…>` is not a type"
        );
        assert_eq!(
            message("string>"),
            "bad type `string>`: unexpected `>` after a complete type"
        );
        assert_eq!(message(""), "bad type ``: a type is missing");
        assert_eq!(
            message("<x>"),
            "bad type `<x>`: unexpected `<` where a type should start"
        );
        assert_eq!(
            message("string string"),
            "bad type `string string`: unexpected `s` after a complete type"
        );
    }

    #[test]
    fn suggests_the_scalar_meant() {
        assert_eq!(
            parse("bool").expect_err("bool").hint,
            "use `flag` for 0/1 values"
        );
        assert_eq!(
            parse("integr").expect_err("integr").hint,
            "did you mean `integer`?"
        );
        assert_eq!(
            parse("list<strnig>").expect_err("strnig").hint,
            "did you mean `string`?"
        );
    }

    #[test]
    fn bounds_nesting() {
        let deep = format!(
            "{}string{}",
            "list<".repeat(MAX_NESTING + 1),
            ">".repeat(MAX_NESTING + 1)
        );
        assert!(message(&deep).contains("nested more than"));
        let fine = format!(
            "{}string{}",
            "list<".repeat(MAX_NESTING),
            ">".repeat(MAX_NESTING)
        );
        assert!(parse(&fine).is_ok());
        let runaway = "list<".repeat(100_000);
        assert!(parse(&runaway).is_err());
    }
}
