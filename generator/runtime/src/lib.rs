//! The hand-written runtime of the generated `verycloud` crate: the HTTP client, the reply
//! envelope, errors, auth, paging, retries and the lenient wire forms.
//!
//! `cargo xtask codegen` copies every module of this crate but this file into the generated
//! crate, which declares them and re-exports from them exactly as this file does (the emitter
//! reads the declarations below). The runtime never names a generated item: the generated
//! crate hands it the API's constants as a [`client::Service`] (see there), and it adds the
//! group accessors to [`Client`]. This crate exists so that the runtime is compiled, linted and
//! unit-tested where it is written; it is not meant to be used on its own.
//!
//! Parts that only some specs use (paging, coded enums, the per-`wire` encoders…) are marked
//! `#[cfg(feature = "…")]`, here and in the modules; those features are listed in `Cargo.toml`
//! below the user's own (`tracing`, `mock`). The generated crate gets such a part only when
//! its spec uses it, without the attribute; the user's features it keeps as written.

#![deny(missing_docs)]
// The generated crate calls these items; on its own, this crate calls only some of them. The
// generated crate's build (`clippy -D warnings` in CI) is where an item nobody calls shows up.
#![allow(dead_code)]

mod auth;
mod client;
mod error;
mod login;
#[cfg(feature = "mock")]
pub mod mock;
// `Page` is public whether or not the spec pages: the command-line tool walks pages with
// `Page::walk`, and a walk uses the whole module.
mod paging;
pub mod password;
mod retry;
mod trace;
mod wire;

pub use auth::Secret;
pub use client::{Client, ClientBuilder, DEFAULT_MAX_REPLY_SIZE};
pub use error::{BODY_EXCERPT_LIMIT, Error};
pub use paging::Page;
pub use retry::RetryPolicy;
/// The decimal type of money amounts, re-exported so that callers use the same version.
pub use rust_decimal;
/// The type of money amounts.
pub use rust_decimal::Decimal;
pub use wire::{CivilTime, ParseTimestampError, Timestamp};

/// A stand-in API for this crate's own tests; the generated crate hands over the real one.
static STAND_IN: client::Service = client::Service {
    base_url: "http://127.0.0.1:9",
    envelope: client::Envelope {
        code_field: "code",
        message_field: "message",
        #[cfg(feature = "data-member")]
        data_field: "data",
        success_code: 1,
    },
    login: client::LoginOperation {
        operation: STAND_IN_LOGIN,
        username_field: "username",
        password_field: "password",
        access_token_field: "access_token",
        expires_field: "expires",
        token_field: "token",
    },
    #[cfg(feature = "mock")]
    documented: &[
        client::Documented {
            operation: &STAND_IN_LOGIN,
            reply: r#"{"code": 1, "message": "ok", "access_token": "stand-in-token", "expires": 7200}"#,
        },
        client::Documented {
            operation: &STAND_IN_READ,
            reply: r#"{"code": 1, "message": "ok", "data": {"n": 1}}"#,
        },
    ],
};

/// The stand-in's login operation.
const STAND_IN_LOGIN: client::Operation = client::Operation {
    name: "login",
    path: "/login",
    needs_token: false,
    read_only: false,
};

/// A read-only stand-in operation that needs the token, for the mock's own tests.
#[cfg(feature = "mock")]
static STAND_IN_READ: client::Operation = client::Operation {
    name: "read",
    path: "/read",
    needs_token: true,
    read_only: true,
};

impl Default for ClientBuilder {
    /// Settings for a client of the stand-in API.
    fn default() -> Self {
        ClientBuilder::for_service(&STAND_IN)
    }
}
