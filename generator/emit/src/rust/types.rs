//! `src/types.rs`: the spec's named types, objects as structs and coded enums as enums.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::Doc;
use super::{FileTokens, builder, debug, ident, typing};
use spec::model::{Api, CodeKind, EnumCode, EnumValue, Field, NamedType, TypeKind};
use spec::names::rust as names;

pub(super) fn emit(api: &Api) -> FileTokens<'_> {
    let allow_nested = typing::allow_nested_types();
    FileTokens {
        docs: quote! {
            //! The spec's named types: records the API returns and takes, and its coded enums.
            #allow_nested
        },
        items: Box::new(api.types().iter().map(|named| match &named.kind {
            TypeKind::Object { fields } => object(api, named, fields),
            TypeKind::Enum { code, values } => coded_enum(named, *code, values),
        })),
    }
}

fn type_doc(named: &NamedType) -> Doc {
    Doc::new()
        .prose(&named.en)
        .documented(named.zh.as_deref())
        .notes(named.notes.as_deref())
        .departures(&named.departures)
}

/// A struct with public fields, since callers read replies; `#[non_exhaustive]` so that a
/// field the spec adds later is not a breaking change. A type some request uses has `new` and
/// setters too (see `builder`): callers build it to send.
fn object(api: &Api, named: &NamedType, fields: &[Field]) -> TokenStream {
    let doc = type_doc(named).to_attrs();
    let name = ident(&names::named_type(named));
    let derive_debug = debug::derive(fields);
    let debug_impl = debug::impl_for(&name, fields);
    let sent = api.request_types().contains(&named.name);
    let (default, builder) = if sent {
        let methods = builder::methods(fields, "value");
        (
            builder::default_derive(fields),
            quote! {
                impl #name {
                    #methods
                }
            },
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let fields = struct_fields(api, fields);
    quote! {
        #doc
        #[derive(#derive_debug Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #debug_impl

        #builder

        impl crate::wire::Plain for #name {}
    }
}

/// `pub` fields with their docs and serde attributes, shared by every generated struct.
pub(super) fn struct_fields<'a>(
    api: &'a Api,
    fields: &'a [Field],
) -> impl Iterator<Item = TokenStream> + 'a {
    fields.iter().map(|field| {
        let doc = Doc::field(field).to_attrs();
        let serde = typing::serde_attr(api, field);
        let name = ident(&names::field(field));
        let ty = typing::field_type(field);
        quote! {
            #doc
            #serde
            pub #name: #ty,
        }
    })
}

/// A coded enum: one variant per documented code plus `Unknown`, which keeps a code this
/// version does not know so that a new server-side code never fails a reply.
fn coded_enum(named: &NamedType, code_kind: CodeKind, values: &[EnumValue]) -> TokenStream {
    let doc = type_doc(named).to_attrs();
    let name = ident(&names::named_type(named));
    let variants = values.iter().map(|value| {
        let doc = variant_doc(value).to_attrs();
        let variant = ident(&names::variant(value));
        quote!(#doc #variant,)
    });
    let code_pattern = |value: &EnumValue| code_literal(&value.code);
    let to_code = values.iter().map(|value| {
        let variant = ident(&names::variant(value));
        let code = code_pattern(value);
        quote!(Self::#variant => #code,)
    });
    let from_code = values.iter().map(|value| {
        let variant = ident(&names::variant(value));
        let code = code_pattern(value);
        quote!(#code => Self::#variant,)
    });
    let variant_names: Vec<String> = values.iter().map(names::variant).collect();
    let variant_names_allow = if draws_enum_variant_names(&names::named_type(named), &variant_names)
    {
        quote! {
            #[allow(clippy::enum_variant_names, reason = "the variants are the API's names")]
        }
    } else {
        TokenStream::new()
    };
    let unknown_doc = format!(
        " A code this version of the crate does not know, kept as received. \
         Build values with [`{}::from_code`], which never returns this variant for a known code.",
        names::named_type(named)
    );
    match code_kind {
        CodeKind::Integer => quote! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            #variant_names_allow
            pub enum #name {
                #(#variants)*
                #[doc = #unknown_doc]
                Unknown(i64),
            }

            impl #name {
                /// The code on the wire.
                pub fn code(&self) -> i64 {
                    match self {
                        #(#to_code)*
                        Self::Unknown(code) => *code,
                    }
                }

                /// The value for a code; a code not documented becomes `Unknown`.
                pub fn from_code(code: i64) -> Self {
                    match code {
                        #(#from_code)*
                        other => Self::Unknown(other),
                    }
                }
            }

            impl crate::wire::IntegerCode for #name {
                fn code(&self) -> i64 {
                    #name::code(self)
                }

                fn from_code(code: i64) -> Self {
                    #name::from_code(code)
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    crate::wire::serialize_integer_code(self, serializer)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    crate::wire::deserialize_integer_code(deserializer)
                }
            }

            impl crate::wire::WireValue for #name {
                fn serialize_wire<S: ::serde::Serializer>(&self, as_string: bool, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    crate::wire::serialize_integer_code_wire(self, as_string, serializer)
                }
            }

            impl crate::wire::Plain for #name {}
        },
        CodeKind::String => quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            #variant_names_allow
            pub enum #name {
                #(#variants)*
                #[doc = #unknown_doc]
                Unknown(::std::string::String),
            }

            impl #name {
                /// The code on the wire.
                pub fn code(&self) -> &str {
                    match self {
                        #(#to_code)*
                        Self::Unknown(code) => code,
                    }
                }

                /// The value for a code; a code not documented becomes `Unknown`.
                pub fn from_code(code: &str) -> Self {
                    match code {
                        #(#from_code)*
                        other => Self::Unknown(other.to_owned()),
                    }
                }
            }

            impl crate::wire::StringCode for #name {
                fn code(&self) -> &str {
                    #name::code(self)
                }

                fn from_code(code: ::std::string::String) -> Self {
                    #name::from_code(&code)
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    crate::wire::serialize_string_code(self, serializer)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    crate::wire::deserialize_string_code(deserializer)
                }
            }

            impl crate::wire::WireValue for #name {
                fn serialize_wire<S: ::serde::Serializer>(&self, as_string: bool, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    crate::wire::serialize_string_code_wire(self, as_string, serializer)
                }
            }

            impl crate::wire::Plain for #name {}
        },
    }
}

/// Whether clippy's `enum_variant_names` would flag the variants (`Unknown` included): one
/// starts or ends with the enum's name, or all share a first or a last word. The variants are
/// the API's names for its codes, so the lint is allowed where it would fire.
fn draws_enum_variant_names(enum_name: &str, variants: &[String]) -> bool {
    fn words(name: &str) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for c in name.chars() {
            match words.last_mut() {
                Some(word) if !c.is_uppercase() && c != '_' => word.push(c),
                _ if c == '_' => words.push(String::new()),
                _ => words.push(c.to_string()),
            }
        }
        words.retain(|word| !word.is_empty());
        words
    }
    let mut all: Vec<&str> = variants.iter().map(String::as_str).collect();
    all.push(names::UNKNOWN_VARIANT);
    let shared = |pick: fn(&[String]) -> Option<&String>| {
        let picked: Vec<Option<String>> =
            all.iter().map(|name| pick(&words(name)).cloned()).collect();
        picked
            .windows(2)
            .all(|pair| pair[0].is_some() && pair[0] == pair[1])
    };
    let enum_words = words(enum_name);
    let starts_or_ends_with_enum = variants.iter().any(|variant| {
        let words = words(variant);
        words.starts_with(&enum_words) || words.ends_with(&enum_words)
    });
    starts_or_ends_with_enum || shared(|words| words.first()) || shared(|words| words.last())
}

/// A code as an unsuffixed literal, usable both as an expression and as a pattern.
fn code_literal(code: &EnumCode) -> TokenStream {
    match code {
        EnumCode::Integer(code) => {
            let magnitude = proc_macro2::Literal::u64_unsuffixed(code.unsigned_abs());
            if *code < 0 {
                quote!(-#magnitude)
            } else {
                quote!(#magnitude)
            }
        }
        EnumCode::String(code) => quote!(#code),
    }
}

fn variant_doc(value: &EnumValue) -> Doc {
    let code = match &value.code {
        EnumCode::Integer(code) => format!("`{code}`"),
        EnumCode::String(code) => super::docs::code(&format!("{code:?}")),
    };
    let label = match &value.zh {
        Some(zh) => format!("Docs: {} (code {code}).", super::docs::escape(zh)),
        None => format!("Code {code}."),
    };
    Doc::new().prose(&value.en).markdown(label)
}

#[cfg(test)]
mod tests {
    use super::draws_enum_variant_names;

    fn owned(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn tells_when_the_variants_share_words_clippy_flags() {
        assert!(!draws_enum_variant_names(
            "Status",
            &owned(&["Enabled", "Disabled"])
        ));
        assert!(draws_enum_variant_names(
            "Status",
            &owned(&["StatusOk", "Bad"])
        ));
        assert!(draws_enum_variant_names(
            "Level",
            &owned(&["High", "TopLevel"])
        ));
        // Every variant, `Unknown` included, starts with `Unknown`.
        assert!(draws_enum_variant_names(
            "Kind",
            &owned(&["UnknownA", "UnknownB"])
        ));
        assert!(!draws_enum_variant_names(
            "Kind",
            &owned(&["UnknownA", "Known"])
        ));
    }
}
