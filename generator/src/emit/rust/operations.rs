//! `src/operations.rs`: the facts the runtime needs about each endpoint, as constants.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Api, Endpoint};

/// The constant's name for an endpoint: its method name in capitals.
pub(super) fn const_name(endpoint: &Endpoint) -> proc_macro2::Ident {
    ident(&endpoint.rust_method.to_ascii_uppercase())
}

pub(super) fn emit(api: &Api) -> TokenStream {
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
        let doc = format!(" `POST {}`: {}", endpoint.path, endpoint.name);
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
    quote! {
        //! One constant per endpoint: where it lives and how the client may call it.

        /// The API's address; every path is below it.
        pub(crate) const BASE_URL: &str = #base_url;

        /// The wrapper of every reply.
        pub(crate) const ENVELOPE: crate::client::Envelope = crate::client::Envelope {
            code_field: #code_field,
            message_field: #message_field,
            data_field: #data_field,
            success_code: #success_code,
        };

        /// The endpoint `Client::login` calls, and where the credentials and token stand in it.
        pub(crate) const LOGIN: crate::client::LoginOperation = crate::client::LoginOperation {
            operation: #login_operation,
            username_field: #username_field,
            password_field: #password_field,
            access_token_field: #access_token_field,
            expires_field: #expires_field,
            token_field: #token_field,
        };

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
