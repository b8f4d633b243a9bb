//! The tool's commands as data: what the generated code hands the runtime.
//!
//! The generated `commands.rs` fills in one [`Cli`]: a [`Group`] per group of the spec, an
//! [`Endpoint`] per endpoint with a [`Field`] per request field and the function that makes the
//! typed call ([`Run`]). The runtime builds the command line from it ([`crate::app`]) and never names a
//! generated item, as the client runtime never does.

use std::future::Future;
use std::pin::Pin;

use crate::call::Call;
use crate::exit::Failure;
use crate::fields::Field;
use crate::output::Output;
use crate::secrets::Secrets;

/// The whole tool.
#[derive(Debug)]
pub struct Cli {
    /// The binary's name, which help and messages show (`verycloud`).
    pub name: &'static str,
    /// Its version: the API description's.
    pub version: &'static str,
    /// One line on what it is.
    pub about: &'static str,
    /// What `--help` says besides.
    pub long_about: &'static str,
    /// The API's documented base URL, used unless `--base-url` or the environment say otherwise.
    pub base_url: &'static str,
    /// The request member the client adds the access token in (`token`), which `--json` may
    /// not carry.
    pub token_field: &'static str,
    /// The groups, in spec order.
    pub groups: &'static [Group],
}

/// A group of endpoints: `verycloud <group>`.
#[derive(Debug)]
pub struct Group {
    /// Its subcommand (`cdn-domains`).
    pub name: &'static str,
    /// One line on what it holds.
    pub about: &'static str,
    /// What its `--help` says besides.
    pub long_about: &'static str,
    /// Its endpoints, in spec order.
    pub endpoints: &'static [Endpoint],
}

/// An endpoint: `verycloud <group> <endpoint>`.
#[derive(Debug)]
pub struct Endpoint {
    /// Its subcommand (`subaccount-list`).
    pub name: &'static str,
    /// The spec's operation name (`subaccountList`), which the client's errors name.
    pub operation: &'static str,
    /// One line on what it does.
    pub about: &'static str,
    /// What its `--help` says besides (the docs' title, the HTTP call, notes).
    pub long_about: &'static str,
    /// The call sends the access token, so the tool needs credentials before making it.
    pub needs_token: bool,
    /// The request's fields, in spec order; empty when the call takes no request (then the
    /// command has no `--json` either).
    pub fields: &'static [Field],
    /// The reply is a page of a list that [`Endpoint::run`] can walk to the end (`--all`).
    pub pages: bool,
    /// Where what the command prints holds secrets, to hide: in the reply, or in each item
    /// for a paged reply.
    pub secrets: Option<&'static Secrets>,
    /// Makes the typed call.
    pub run: Run,
}

/// The future [`Run`] returns.
pub type Running<'a> = Pin<Box<dyn Future<Output = Result<Output, Failure>> + 'a>>;

/// Makes an endpoint's typed call: reads the request from the [`Call`], calls the client's
/// method, and hands the reply back to the `Call` to print.
pub type Run = for<'a> fn(Call<'a>) -> Running<'a>;
