//! The hand-written runtime of the generated command-line tool `verycloud`: the command tree
//! built from a table of the API's groups, endpoints and fields ([`table`], [`fields`]) and
//! run ([`app`], [`call`]), request bodies from flags and `--json` ([`body`], [`values`]),
//! output as exact JSON or tables ([`output`], [`json`]) with secrets hidden ([`secrets`]), the
//! progress bar of `--all` ([`progress`]), the stored token ([`store`], [`login`]), the
//! settings every command shares ([`session`]), where a run reads and writes ([`streams`]), and
//! exit codes ([`exit`]).
//!
//! `cargo xtask codegen` copies every module of this crate but this file into the generated
//! CLI crate (`generated-client/cli/`), whose `lib.rs` declares them as this file does and adds
//! the generated `commands` module: the table, and one function per endpoint making its typed
//! call ([`table::Run`]). The runtime never names a generated item. Here, the client runtime
//! (`verycloud-runtime`) stands in for the generated client under the same name, `verycloud`,
//! with the same items at the same paths; this crate exists so that the runtime is compiled,
//! linted and tested where it is written.

#![deny(missing_docs)]

pub mod app;
pub mod body;
pub mod call;
pub mod exit;
pub mod fields;
pub mod json;
pub mod login;
pub mod output;
pub mod progress;
pub mod secrets;
pub mod session;
pub mod store;
pub mod streams;
pub mod table;
pub mod values;

#[cfg(test)]
mod tests;
