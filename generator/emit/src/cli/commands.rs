//! `src/commands.rs`: the table the CLI runtime builds the command line from
//! (`crate::table::Cli`), and one function per endpoint that makes its typed call.
//!
//! Every text of the spec goes into a string literal (help), never into a doc comment, so no
//! prose can break the code; every identifier is one `spec::names` gives and validation
//! checked, or an index.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::text;
use crate::rust::ident;
use crate::rust::replies::{self, ReplyShape};
use spec::model::{Api, CodeKind, Endpoint, EnumValue, Field, Group, Scalar, TypeKind, TypeRef};
use spec::names::{cli as names, rust};

/// The file's tokens.
pub(super) fn emit(api: &Api) -> TokenStream {
    let secrets = SecretTypes::of(api);
    let statics = secrets.statics(api);
    let groups = api
        .groups
        .iter()
        .map(|group| group_entry(api, group, &secrets));
    let runs = api.endpoints.iter().map(run_function);
    let name = names::BINARY;
    let version = &api.info.version;
    let about = format!(
        "The {} from the command line",
        text::one_line(&api.info.title)
    );
    let long_about = text::paragraphs([
        Some(format!(
            "{about}: one command per endpoint, grouped as the docs group them."
        )),
        Some(api.info.description.trim().to_owned()),
    ]);
    let base_url = &api.info.base_url;
    let token_field = &api.info.token_field;
    quote! {
        //! The tool's commands: the table the runtime builds the command line from ([`CLI`]), and
        //! one function per endpoint making its typed call through the `verycloud` client.

        /// Every group, endpoint and request field of the spec, as the runtime reads them.
        pub static CLI: crate::table::Cli = crate::table::Cli {
            name: #name,
            version: #version,
            about: #about,
            long_about: #long_about,
            base_url: #base_url,
            token_field: #token_field,
            groups: &[#(#groups),*],
        };

        #statics

        #(#runs)*
    }
}

fn group_entry(api: &Api, group: &Group, secrets: &SecretTypes) -> TokenStream {
    let name = names::group(group);
    let about = text::one_line(&group.en);
    let long_about = text::paragraphs([
        Some(group.en.trim().to_owned()),
        Some(group.zh.trim().to_owned()),
    ]);
    let endpoints = api
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.group == group.key)
        .map(|endpoint| endpoint_entry(api, endpoint, secrets));
    quote! {
        crate::table::Group {
            name: #name,
            about: #about,
            long_about: #long_about,
            endpoints: &[#(#endpoints),*],
        }
    }
}

fn endpoint_entry(api: &Api, endpoint: &Endpoint, secrets: &SecretTypes) -> TokenStream {
    let name = names::endpoint_command(&endpoint.name);
    let operation = &endpoint.name;
    let about = text::one_line(&endpoint.en);
    let printed_secrets = printed_secrets(api, endpoint, secrets);
    let pages = page_field(endpoint).is_some();
    let facts = [
        format!("POST {}", endpoint.path),
        if endpoint.needs_token {
            "sends the access token".to_owned()
        } else {
            "needs no access token".to_owned()
        },
        if endpoint.read_only {
            "read-only, retried after a network failure".to_owned()
        } else {
            "changes state, never retried".to_owned()
        },
    ];
    let long_about = text::paragraphs([
        Some(endpoint.en.trim().to_owned()),
        Some(endpoint.zh.trim().to_owned()),
        Some(facts.join(" · ")),
        endpoint
            .notes
            .as_deref()
            .map(|notes| notes.trim().to_owned()),
        pages.then(|| {
            "The reply is one page of a list (--page, --limit); --all walks every page.".to_owned()
        }),
        printed_secrets
            .is_some()
            .then(|| "Secrets in the reply are shown as ***.".to_owned()),
        (endpoint.name == api.info.login.endpoint).then(|| {
            "`login` logs in the same way and stores the token for later commands.".to_owned()
        }),
    ]);
    let needs_token = endpoint.needs_token;
    let fields = endpoint
        .request
        .iter()
        .map(|field| field_entry(api, field, secrets));
    let secrets_entry = match printed_secrets {
        Some(shape) => quote!(::std::option::Option::Some(#shape)),
        None => quote!(::std::option::Option::None),
    };
    let run = ident(&rust::method(&endpoint.name));
    quote! {
        crate::table::Endpoint {
            name: #name,
            operation: #operation,
            about: #about,
            long_about: #long_about,
            needs_token: #needs_token,
            fields: &[#(#fields),*],
            pages: #pages,
            secrets: #secrets_entry,
            run: #run,
        }
    }
}

/// The `page` request field of a paged endpoint whose reply is a page of items: the field
/// `--all` walks (as the client's `*_stream` method does).
pub(super) fn page_field(endpoint: &Endpoint) -> Option<&Field> {
    match replies::shape(endpoint) {
        ReplyShape::Page { .. } => endpoint
            .request
            .iter()
            .find(|field| field.wire_name == "page"),
        _ => None,
    }
}

/// What a request field's flag takes: one value of a scalar or enum, a list of them (the flag
/// repeated), or anything else as JSON text.
pub(super) enum FlagKind {
    /// The whole value as JSON (an object, a map, a list of records, `json`).
    Json,
    /// One value of this scalar or enum.
    One(TypeRef),
    /// A list of values of this scalar or enum.
    Many(TypeRef),
}

/// What the flag of a field of type `ty` takes.
pub(super) fn flag_kind(api: &Api, ty: &TypeRef) -> FlagKind {
    let single = |ty: &TypeRef| match ty {
        TypeRef::Scalar(scalar) => *scalar != Scalar::Json,
        TypeRef::Named(name) => api
            .named_type(name)
            .is_some_and(|named| matches!(named.kind, TypeKind::Enum { .. })),
        TypeRef::List(_) | TypeRef::Map(_) => false,
    };
    match ty {
        TypeRef::List(item) if single(item) => FlagKind::Many((**item).clone()),
        one if single(one) => FlagKind::One(one.clone()),
        _ => FlagKind::Json,
    }
}

/// How a request field's flag reads its text: the runtime's `Value`, whether it is a list,
/// and whether its items may be comma-separated.
struct FlagValue {
    value: TokenStream,
    list: bool,
    comma_separated: bool,
}

fn flag_value(api: &Api, ty: &TypeRef) -> FlagValue {
    let (item, list) = match flag_kind(api, ty) {
        FlagKind::Json => {
            return FlagValue {
                value: parsed(Scalar::Json.cli()),
                list: false,
                comma_separated: false,
            };
        }
        FlagKind::One(item) => (item, false),
        FlagKind::Many(item) => (item, true),
    };
    let (value, comma_free) = match (&item, item_enum(api, &item)) {
        (TypeRef::Scalar(scalar), _) => (parsed(scalar.cli()), scalar.cli().comma_separated),
        (_, Some((code, values))) => {
            let integer = matches!(code, CodeKind::Integer);
            let codes = values.iter().map(|value| {
                let code = value.code.text();
                let help = text::code_help(&value.name, &value.en, value.zh.as_deref());
                quote!(crate::fields::Code { code: #code, help: #help })
            });
            let comma_free = values.iter().all(|value| !value.code.text().contains(','));
            (
                quote!(crate::fields::Value::Codes { integer: #integer, codes: &[#(#codes),*] }),
                comma_free,
            )
        }
        // `flag_kind` gives only scalars and enums as items.
        _ => (parsed(Scalar::Json.cli()), false),
    };
    FlagValue {
        value,
        list,
        comma_separated: list && comma_free,
    }
}

/// The code kind and values of an enum type.
fn item_enum<'a>(api: &'a Api, ty: &TypeRef) -> Option<(&'a CodeKind, &'a [EnumValue])> {
    let TypeRef::Named(name) = ty else {
        return None;
    };
    match &api.named_type(name)?.kind {
        TypeKind::Enum { code, values } => Some((code, values)),
        TypeKind::Object { .. } => None,
    }
}

fn parsed(cli: spec::scalar::CliValue) -> TokenStream {
    let parse: syn::Path = syn::parse_str(cli.parser).unwrap_or_else(|error| {
        panic!(
            "the scalar's parser `{}` does not parse: {error}",
            cli.parser
        )
    });
    let name = cli.value_name;
    let negative = cli.negative;
    quote!(crate::fields::Value::Parsed { parse: #parse, name: #name, negative: #negative })
}

fn field_entry(api: &Api, field: &Field, secrets: &SecretTypes) -> TokenStream {
    let flag = names::flag(field);
    let wire_name = &field.wire_name;
    let FlagValue {
        value,
        list,
        comma_separated,
    } = flag_value(api, &field.ty);
    let required = field.required;
    let secret = field.secret || secrets.of_type(&field.ty).is_some();
    let help = text::help(&field.en, field.zh.as_deref());
    let example = field
        .example
        .as_ref()
        .map(|example| format!("Example: {}", text::example(example)));
    let secret_note = secret.then(|| {
        "A secret: other users of the machine can see a flag's value while the command runs; `--json -` reads it from standard input instead.".to_owned()
    });
    let long_help = text::paragraphs([
        Some(field.en.trim().to_owned()),
        field.zh.as_deref().map(|zh| format!("Docs: {}", zh.trim())),
        field.notes.as_deref().map(|notes| notes.trim().to_owned()),
        example,
        Some(format!("In --json: `{wire_name}`.")),
        secret_note,
    ]);
    quote! {
        crate::fields::Field {
            flag: #flag,
            wire_name: #wire_name,
            help: #help,
            long_help: #long_help,
            value: #value,
            list: #list,
            comma_separated: #comma_separated,
            required: #required,
            secret: #secret,
        }
    }
}

/// The function that makes an endpoint's typed call.
fn run_function(endpoint: &Endpoint) -> TokenStream {
    let name = ident(&rust::method(&endpoint.name));
    let group = ident(&rust::group_accessor(&endpoint.group));
    let method = ident(&rust::method(&endpoint.name));
    let command = format!(
        " `{} {} {}`: `client.{}().{}(..)`.",
        names::BINARY,
        names::group_command(&endpoint.group),
        names::endpoint_command(&endpoint.name),
        rust::group_accessor(&endpoint.group),
        rust::method(&endpoint.name)
    );
    // A call that returns nothing prints `null`.
    let (bind, print) = match replies::shape(endpoint) {
        ReplyShape::Nothing => (TokenStream::new(), quote!(call.reply(&()))),
        ReplyShape::Page { .. } => (quote!(let reply =), quote!(call.page(&reply))),
        ReplyShape::Data(_) | ReplyShape::Whole => {
            (quote!(let reply =), quote!(call.reply(&reply)))
        }
    };
    let body = if endpoint.request.is_empty() {
        quote! {
            #bind call.client().#group().#method().await?;
            #print
        }
    } else {
        let request = ident(&rust::request_struct(&endpoint.name));
        let all = page_field(endpoint).map(|page| {
            let page_ident = ident(&rust::field(page));
            let optional = !page.required || page.nullable;
            let (first_page, set_page) = if optional {
                (
                    quote!(request.#page_ident.unwrap_or(1)),
                    quote!(request.#page_ident = ::std::option::Option::Some(page);),
                )
            } else {
                (
                    quote!(request.#page_ident),
                    quote!(request.#page_ident = page;),
                )
            };
            quote! {
                if call.all() {
                    let progress = call.progress();
                    let first_page = #first_page;
                    let items = ::verycloud::Page::walk(first_page, move |page| {
                        // Fully qualified: a request field `clone` has a setter of that name.
                        let mut request = ::std::clone::Clone::clone(&request);
                        #set_page
                        async move {
                            let reply = api.#method(request).await?;
                            progress.page(page, &reply);
                            ::std::result::Result::<_, ::verycloud::Error>::Ok(reply)
                        }
                    });
                    return call.items(items).await;
                }
            }
        });
        quote! {
            let request: ::verycloud::requests::#request = call.request()?;
            let api = call.client().#group();
            #all
            #bind api.#method(request).await?;
            #print
        }
    };
    quote! {
        #[doc = #command]
        fn #name(call: crate::call::Call<'_>) -> crate::table::Running<'_> {
            ::std::boxed::Box::pin(async move {
                #body
            })
        }
    }
}

/// The named object types that hold a secret somewhere (a `secret` field, or a field of such
/// a type), each with the index of its `static` in the file.
struct SecretTypes {
    index: BTreeMap<String, usize>,
}

impl SecretTypes {
    fn of(api: &Api) -> SecretTypes {
        // Types cannot contain themselves (validation refuses it), so growing the set until it
        // stops changing ends after at most one round per type.
        let mut holding: Vec<&str> = Vec::new();
        loop {
            let before = holding.len();
            for named in api.types() {
                if holding.contains(&named.name.as_str()) {
                    continue;
                }
                if let TypeKind::Object { fields } = &named.kind {
                    let holds = fields.iter().any(|field| {
                        field.secret
                            || field
                                .ty
                                .innermost_named()
                                .is_some_and(|inner| holding.contains(&inner))
                    });
                    if holds {
                        holding.push(&named.name);
                    }
                }
            }
            if holding.len() == before {
                break;
            }
        }
        let index = api
            .types()
            .iter()
            .enumerate()
            .filter(|(_, named)| holding.contains(&named.name.as_str()))
            .map(|(at, named)| (named.name.clone(), at))
            .collect();
        SecretTypes { index }
    }

    fn static_name(at: usize) -> proc_macro2::Ident {
        format_ident!("SECRETS_IN_TYPE_{}", at)
    }

    /// Where a value of `ty` holds secrets: a `&'static crate::secrets::Secrets` expression.
    fn of_type(&self, ty: &TypeRef) -> Option<TokenStream> {
        match ty {
            TypeRef::Scalar(_) => None,
            TypeRef::Named(name) => self.index.get(name).map(|&at| {
                let name = Self::static_name(at);
                quote!(&#name)
            }),
            TypeRef::List(inner) | TypeRef::Map(inner) => self
                .of_type(inner)
                .map(|inner| quote!(&crate::secrets::Secrets::Each(#inner))),
        }
    }

    /// Where a field's value holds secrets.
    fn of_field(&self, field: &Field) -> Option<TokenStream> {
        if field.secret {
            Some(quote!(&crate::secrets::Secrets::Secret))
        } else {
            self.of_type(&field.ty)
        }
    }

    /// Where an object with these fields holds secrets; the member `also` is one too.
    fn of_members<'f>(
        &self,
        fields: impl Iterator<Item = &'f Field>,
        also: Option<&str>,
    ) -> Option<TokenStream> {
        let members: Vec<TokenStream> = fields
            .filter_map(|field| {
                let wire_name = &field.wire_name;
                let shape = if also == Some(wire_name.as_str()) {
                    Some(quote!(&crate::secrets::Secrets::Secret))
                } else {
                    self.of_field(field)
                };
                shape.map(|shape| quote!((#wire_name, #shape)))
            })
            .collect();
        (!members.is_empty()).then(|| quote!(crate::secrets::Secrets::Members(&[#(#members),*])))
    }

    /// A `static` for each type that holds secrets.
    fn statics(&self, api: &Api) -> TokenStream {
        let mut in_spec_order: Vec<usize> = self.index.values().copied().collect();
        in_spec_order.sort_unstable();
        let statics = in_spec_order.into_iter().filter_map(|at| {
            let named = api.types().get(at)?;
            let TypeKind::Object { fields } = &named.kind else {
                return None;
            };
            let shape = self.of_members(fields.iter(), None)?;
            let name = Self::static_name(at);
            let doc = format!(" Where a `{}` holds secrets.", rust::type_name(&named.name));
            Some(quote! {
                #[doc = #doc]
                static #name: crate::secrets::Secrets = #shape;
            })
        });
        quote!(#(#statics)*)
    }
}

/// Where what an endpoint's command prints holds secrets: in the reply, or in each item of a
/// paged reply. The login reply's token is one whether or not the spec marks it `secret`:
/// `info.login` says which member it is.
fn printed_secrets(api: &Api, endpoint: &Endpoint, secrets: &SecretTypes) -> Option<TokenStream> {
    let token = (endpoint.name == api.info.login.endpoint)
        .then_some(api.info.login.access_token_field.as_str());
    match replies::shape(endpoint) {
        ReplyShape::Nothing => None,
        ReplyShape::Page { item } => secrets.of_type(item),
        ReplyShape::Data(data) => secrets.of_field(data),
        ReplyShape::Whole => secrets
            .of_members(
                endpoint.reply.data.iter().chain(&endpoint.reply.fields),
                token,
            )
            .map(|members| quote!(&#members)),
    }
}
