//! `src/operations.rs`: what the runtime needs to know about the API, handed to it as
//! values: the service (address, envelope, login) and one constant per endpoint.

use proc_macro2::TokenStream;
use quote::quote;
use spec::model::{Api, Endpoint};
use spec::names::rust as names;

use super::{docs, ident, runtime};

/// The constant's name for an endpoint.
pub(super) fn const_name(endpoint: &Endpoint) -> proc_macro2::Ident {
    ident(&names::operation_const(&endpoint.name))
}

pub(super) fn emit(api: &Api, features: &runtime::Features) -> TokenStream {
    let base_url = &api.info.base_url;
    let envelope = &api.info.envelope;
    let (code_field, message_field, data_field, success_code) = (
        &envelope.code_field,
        &envelope.message_field,
        &envelope.data_field,
        proc_macro2::Literal::i64_unsuffixed(envelope.success_code),
    );
    let operations = api.endpoints.iter().map(|endpoint| {
        let name = const_name(endpoint);
        let doc = format!(
            " {}: {}",
            docs::code(&format!("POST {}", endpoint.path)),
            endpoint.name
        );
        let operation = operation(endpoint);
        quote! {
            #[doc = #doc]
            pub(crate) const #name: crate::client::Operation = #operation;
        }
    });
    let login = &api.info.login;
    let login_operation = match api
        .endpoints
        .iter()
        .find(|endpoint| endpoint.name == login.endpoint)
    {
        Some(endpoint) => const_name(endpoint),
        // Validation guarantees the login endpoint exists.
        None => ident("LOGIN_ENDPOINT_MISSING"),
    };
    let (username_field, password_field, access_token_field, expires_field) = (
        &login.username_field,
        &login.password_field,
        &login.access_token_field,
        &login.expires_field,
    );
    let token_field = &api.info.token_field;
    // Only `Reply::data` reads the data member's name, and it is there only when used.
    let data_field = if features.has("data-member") {
        quote!(data_field: #data_field,)
    } else {
        TokenStream::new()
    };
    let documented = api.endpoints.iter().map(|endpoint| {
        let name = const_name(endpoint);
        let reply = endpoint.reply_example.to_string();
        quote! {
            crate::client::Documented { operation: &#name, reply: #reply },
        }
    });
    quote! {
        //! What the runtime needs to know about the API: the service it calls and one constant
        //! per endpoint, saying where the endpoint lives and how the client may call it.

        /// The API's address, reply envelope and login (and, for the mock server, every
        /// endpoint's documented reply), handed to the runtime by the `Default` settings of
        /// [`ClientBuilder`](crate::ClientBuilder).
        pub(crate) static SERVICE: crate::client::Service = crate::client::Service {
            base_url: #base_url,
            envelope: crate::client::Envelope {
                code_field: #code_field,
                message_field: #message_field,
                #data_field
                success_code: #success_code,
            },
            login: crate::client::LoginOperation {
                operation: #login_operation,
                username_field: #username_field,
                password_field: #password_field,
                access_token_field: #access_token_field,
                expires_field: #expires_field,
                token_field: #token_field,
            },
            #[cfg(feature = "mock")]
            documented: &[#(#documented)*],
        };

        impl ::std::default::Default for crate::ClientBuilder {
            /// Settings for a client of the documented API: its base URL, a 30-second timeout,
            /// the default retry policy and no token.
            fn default() -> Self {
                crate::ClientBuilder::for_service(&SERVICE)
            }
        }

        #(#operations)*
    }
}

fn operation(endpoint: &Endpoint) -> TokenStream {
    let (name, path, needs_token, read_only) = (
        &endpoint.name,
        &endpoint.path,
        endpoint.needs_token,
        endpoint.read_only,
    );
    quote! {
        crate::client::Operation {
            name: #name,
            path: #path,
            needs_token: #needs_token,
            read_only: #read_only,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `spec::names::rust::OPERATIONS_ITEMS` names everything `operations.rs` defines besides
    /// the operation constants, so that validation can refuse an operation that would clash.
    #[test]
    fn the_reserved_names_are_what_the_file_defines_besides_the_constants() {
        let api = spec::load_api_str(
            "minimal.yaml",
            include_str!("../../../../tests/fixtures/specs/minimal.yaml"),
        )
        .expect("the minimal spec loads");
        let file: syn::File =
            syn::parse2(emit(&api, &runtime::Features::of(&api))).expect("operations.rs parses");
        let constants: Vec<String> = api
            .endpoints
            .iter()
            .map(|e| const_name(e).to_string())
            .collect();
        let mut others: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Const(item) => Some(item.ident.to_string()),
                syn::Item::Static(item) => Some(item.ident.to_string()),
                _ => None,
            })
            .filter(|name| !constants.contains(name))
            .collect();
        others.sort();
        assert_eq!(others, names::OPERATIONS_ITEMS);
    }
}
