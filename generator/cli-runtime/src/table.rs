//! The tool's commands as data: what the generated code hands the runtime.
//!
//! The generated `commands.rs` fills in one [`Cli`]: a [`Group`] per group of the spec, an
//! [`Endpoint`] per endpoint with a [`Field`] per request field and the function that makes the
//! typed call. The runtime builds the command line from it ([`crate::app`]) and never names a
//! generated item, as the client runtime never does.

use std::future::Future;
use std::pin::Pin;

use crate::call::Call;
use crate::exit::Failure;
use crate::json::Json;
use crate::output::Output;

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

/// A request field: the flag `--<flag>`.
#[derive(Debug)]
pub struct Field {
    /// The flag, without `--` (`domain-ids`).
    pub flag: &'static str,
    /// The field's name in the request body (`domain_ids`), which `--json` uses.
    pub wire_name: &'static str,
    /// One line for `-h`: the English description and the docs' words.
    pub help: &'static str,
    /// What `--help` says (with the notes and an example, where the spec has them).
    pub long_help: &'static str,
    /// How the flag's text is read.
    pub value: Value,
    /// The field is a list: the flag may be repeated.
    pub list: bool,
    /// A list whose items may also be given comma-separated in one flag (`1,2,3`).
    pub comma_separated: bool,
    /// The request must have it: the flag is required unless `--json` is given.
    pub required: bool,
    /// The field holds a secret (a password), so no message shows its value.
    pub secret: bool,
}

/// How a flag's text is read.
#[derive(Debug)]
pub enum Value {
    /// By a parser of [`crate::values`].
    Parsed {
        /// The parser.
        parse: fn(&str) -> Result<Json, String>,
        /// The placeholder help shows (`INT`).
        name: &'static str,
        /// A value may start with `-`.
        negative: bool,
    },
    /// One of an enum's documented codes.
    Codes {
        /// The codes are integers (sent as numbers), not strings.
        integer: bool,
        /// The codes, in spec order.
        codes: &'static [Code],
    },
}

/// A documented code of an enum.
#[derive(Debug)]
pub struct Code {
    /// The code as the flag takes it (`1`, `month`).
    pub code: &'static str,
    /// What it means: its name, English meaning and the docs' label.
    pub help: &'static str,
}

/// Where a value holds secrets; [`Secrets::hide`] replaces each with `"***"`.
#[derive(Debug)]
pub enum Secrets {
    /// The value is a secret.
    Secret,
    /// The value is an object; these members hold secrets.
    Members(&'static [(&'static str, Secrets)]),
    /// The value is an array or map; each of its items or values holds secrets like this.
    Each(&'static Secrets),
}

impl Secrets {
    /// Replaces every secret in `value` with `"***"`. A value not shaped as expected is
    /// hidden whole where a secret would be, and left alone elsewhere.
    pub fn hide(&self, value: &mut Json) {
        match (self, value) {
            (Secrets::Secret, value) => {
                if !value.is_null() {
                    *value = Json::string("***");
                }
            }
            (Secrets::Members(members), Json::Object(present)) => {
                for (name, value) in present.iter_mut() {
                    for (secret_member, secrets) in members.iter() {
                        if secret_member == name {
                            secrets.hide(value);
                        }
                    }
                }
            }
            (Secrets::Each(each), Json::Array(items)) => {
                for item in items {
                    each.hide(item);
                }
            }
            (Secrets::Each(each), Json::Object(members)) => {
                for (_, value) in members {
                    each.hide(value);
                }
            }
            (Secrets::Members(_) | Secrets::Each(_), _) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;

    static ACCOUNT: Secrets = Secrets::Members(&[("password", Secrets::Secret)]);
    static REPLY: Secrets = Secrets::Members(&[
        ("access_token", Secrets::Secret),
        ("accounts", Secrets::Each(&ACCOUNT)),
    ]);

    #[test]
    fn hides_secrets_at_every_depth() {
        let mut reply = Json::parse(
            r#"{"access_token":"t0k3n","expires":7200,"accounts":[{"name":"a","password":"p1"},{"name":"b","password":null}]}"#,
        )
        .unwrap();
        REPLY.hide(&mut reply);
        assert_eq!(
            reply.compact(),
            r#"{"access_token":"***","expires":7200,"accounts":[{"name":"a","password":"***"},{"name":"b","password":null}]}"#
        );
    }

    #[test]
    fn a_secret_where_an_object_was_expected_is_hidden_whole() {
        let mut reply = Json::parse(r#"{"access_token":{"value":"t0k3n"}}"#).unwrap();
        REPLY.hide(&mut reply);
        assert_eq!(reply.compact(), r#"{"access_token":"***"}"#);
        let mut odd = Json::parse(r#"{"accounts":"p1"}"#).unwrap();
        REPLY.hide(&mut odd);
        assert_eq!(odd.compact(), r#"{"accounts":"p1"}"#);
    }
}
