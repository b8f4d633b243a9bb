//! Type expressions across two specs: what Rust type they become and which JSON values they
//! admit. What each scalar means is [`spec::scalar`]'s to say; this only walks the expressions.

use spec::model::{Api, Scalar, TypeKind, TypeRef};
use spec::names::rust as names;

/// The Rust type the generated crate uses for `ty`, as a reader writes it.
pub(super) fn rust_type(ty: &TypeRef) -> String {
    names::display_type(ty)
}

/// Whether every JSON value `narrower` admits is admitted by `wider` (`integer` admits every
/// `flag`, `json` admits everything). Named types are looked up in `api` first and in
/// `fallback` after, so that an old expression already put in new names resolves; a coded
/// enum admits what its codes are.
pub(super) fn admits(wider: &TypeRef, narrower: &TypeRef, api: &Api, fallback: &Api) -> bool {
    if wider == narrower {
        return true;
    }
    match (wider, narrower) {
        (TypeRef::Scalar(Scalar::Json), _) => true,
        (TypeRef::Scalar(wider), TypeRef::Scalar(narrower)) => wider.admits(*narrower),
        (TypeRef::Scalar(wider), TypeRef::Named(name)) => {
            let named = api.named_type(name).or_else(|| fallback.named_type(name));
            match named.map(|t| &t.kind) {
                Some(TypeKind::Enum { code, .. }) => wider.admits(code.scalar()),
                _ => false,
            }
        }
        (TypeRef::List(wider), TypeRef::List(narrower))
        | (TypeRef::Map(wider), TypeRef::Map(narrower)) => admits(wider, narrower, api, fallback),
        _ => false,
    }
}
