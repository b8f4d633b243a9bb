//! `Debug` for generated structs. Derived, unless a field is a credential (`secret: true` in
//! the spec): then a hand-shaped impl prints `"***"` in its place, so that a password or a
//! token logged with `{:?}` never reaches the log.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::ident;
use spec::model::Field;
use spec::names::rust as names;

/// The `Debug` entry of a struct's derive list: `Debug,` or nothing when [`impl_for`] writes one.
pub(super) fn derive(fields: &[Field]) -> TokenStream {
    if has_secret(fields) {
        TokenStream::new()
    } else {
        quote!(Debug,)
    }
}

/// A `Debug` impl that redacts secret fields; nothing when every field may be shown.
pub(super) fn impl_for(name: &Ident, fields: &[Field]) -> TokenStream {
    if !has_secret(fields) {
        return TokenStream::new();
    }
    let label = name.to_string();
    let entries = fields.iter().map(|field| {
        let field_name = ident(&names::field(field));
        let label = &names::field(field);
        if field.secret {
            quote!(.field(#label, &"***"))
        } else {
            quote!(.field(#label, &self.#field_name))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label)
                    #(#entries)*
                    .finish()
            }
        }
    }
}

fn has_secret(fields: &[Field]) -> bool {
    fields.iter().any(|field| field.secret)
}
