//! Type expressions: how they read, what Rust type they become, and which JSON values they admit.

use crate::model::{Api, CodeKind, Scalar, TypeKind, TypeRef, Wire};

/// The Rust type the generated crate uses for `ty`. Named types are looked up in `api`
/// first and in `fallback` after, so that an old expression already put in new names resolves.
pub(super) fn rust_type(ty: &TypeRef, api: &Api, fallback: &Api) -> String {
    crate::emit::rust::display_type_with(ty, &|name| {
        api.named_type(name)
            .or_else(|| fallback.named_type(name))
            .map(|t| t.rust_name.clone())
    })
}

/// Whether every JSON value `narrower` admits is admitted by `wider` (`integer` admits every
/// `flag`, `json` admits everything). Named types are looked up as in [`rust_type`]; a coded
/// enum admits what its codes are.
pub(super) fn admits(wider: &TypeRef, narrower: &TypeRef, api: &Api, fallback: &Api) -> bool {
    if wider == narrower {
        return true;
    }
    match (wider, narrower) {
        (TypeRef::Scalar(Scalar::Json), _) => true,
        (TypeRef::Scalar(wider), TypeRef::Scalar(narrower)) => scalar_admits(*wider, *narrower),
        (TypeRef::Scalar(wider), TypeRef::Named(name)) => {
            let named = api.named_type(name).or_else(|| fallback.named_type(name));
            match named.map(|t| &t.kind) {
                Some(TypeKind::Enum {
                    code: CodeKind::Integer,
                    ..
                }) => scalar_admits(*wider, Scalar::Integer),
                Some(TypeKind::Enum {
                    code: CodeKind::String,
                    ..
                }) => *wider == Scalar::String,
                _ => false,
            }
        }
        (TypeRef::List(wider), TypeRef::List(narrower))
        | (TypeRef::Map(wider), TypeRef::Map(narrower)) => admits(wider, narrower, api, fallback),
        _ => false,
    }
}

fn scalar_admits(wider: Scalar, narrower: Scalar) -> bool {
    use Scalar::*;
    wider == narrower
        || matches!(
            (wider, narrower),
            (Decimal, Integer | Flag | UnixTime) | (Integer, Flag | UnixTime) | (String, DateTime)
        )
}

/// Whether every encoding `narrower` allows is allowed by `wider` (`either` allows both).
pub(super) fn wire_admits(wider: Wire, narrower: Wire) -> bool {
    wider == narrower || wider == Wire::Either
}

pub(super) fn wire_name(wire: Wire) -> &'static str {
    match wire {
        Wire::Number => "number",
        Wire::String => "string",
        Wire::Either => "either",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_scalars_admit_narrower_ones() {
        assert!(scalar_admits(Scalar::Decimal, Scalar::Integer));
        assert!(scalar_admits(Scalar::Integer, Scalar::Flag));
        assert!(scalar_admits(Scalar::String, Scalar::DateTime));
        assert!(!scalar_admits(Scalar::Integer, Scalar::Decimal));
        assert!(!scalar_admits(Scalar::UnixTime, Scalar::DateTime));
        assert!(wire_admits(Wire::Either, Wire::String));
        assert!(!wire_admits(Wire::Number, Wire::Either));
    }

    #[test]
    fn expressions_read_as_written() {
        let ty = TypeRef::Map(Box::new(TypeRef::List(Box::new(TypeRef::Named(
            "Tag".into(),
        )))));
        assert_eq!(ty.expression(), "map<list<Tag>>");
    }
}
