//! The CLI runtime (`generator/cli-runtime/`, a crate of its own), copied into the generated
//! CLI crate as the client runtime is into the client: each module verbatim below one header
//! line, its `lib.rs` declarations, and its dependencies.
//!
//! Where it lives, the CLI runtime depends on the client runtime under the client's name
//! (`verycloud = { package = "verycloud-runtime", … }`); the generated CLI depends on the
//! generated client beside it instead, so that one line of the manifest is replaced.

use proc_macro2::TokenStream;
use quote::quote;

use crate::{GeneratedFile, REGENERATE_COMMAND};

/// Each runtime module with its source. A unit test checks this list against the modules the
/// runtime's `lib.rs` declares, so a new runtime file cannot be left out.
const FILES: [(&str, &str); 15] = [
    ("app", include_str!("../../../cli-runtime/src/app.rs")),
    ("body", include_str!("../../../cli-runtime/src/body.rs")),
    ("call", include_str!("../../../cli-runtime/src/call.rs")),
    ("exit", include_str!("../../../cli-runtime/src/exit.rs")),
    ("fields", include_str!("../../../cli-runtime/src/fields.rs")),
    ("json", include_str!("../../../cli-runtime/src/json.rs")),
    ("login", include_str!("../../../cli-runtime/src/login.rs")),
    ("output", include_str!("../../../cli-runtime/src/output.rs")),
    (
        "progress",
        include_str!("../../../cli-runtime/src/progress.rs"),
    ),
    (
        "secrets",
        include_str!("../../../cli-runtime/src/secrets.rs"),
    ),
    (
        "session",
        include_str!("../../../cli-runtime/src/session.rs"),
    ),
    ("store", include_str!("../../../cli-runtime/src/store.rs")),
    (
        "streams",
        include_str!("../../../cli-runtime/src/streams.rs"),
    ),
    ("table", include_str!("../../../cli-runtime/src/table.rs")),
    ("values", include_str!("../../../cli-runtime/src/values.rs")),
];

/// The runtime's `lib.rs`: which modules it has.
const LIB_RS: &str = include_str!("../../../cli-runtime/src/lib.rs");

/// The runtime's manifest; its `[dependencies]` table is the generated crate's too.
const CARGO_TOML: &str = include_str!("../../../cli-runtime/Cargo.toml");

/// The dependency on the client runtime, standing in for the client where the CLI runtime lives.
const STAND_IN_DEPENDENCY: &str = "verycloud = { package = \"verycloud-runtime\", path = \"../runtime\", default-features = false }";

/// The dependency on the generated client beside the CLI that replaces it: the one generated
/// with it, by path, and by exact version for a registry.
fn client_dependency(version: &str) -> String {
    format!(
        "verycloud = {{ version = \"={}\", path = \"..\", default-features = false }}",
        crate::rust::manifest::toml_string_content(version)
    )
}

/// The modules of the runtime's `lib.rs` that are copied: every file module but the tests'.
fn modules() -> Vec<syn::ItemMod> {
    // The file is compiled as the runtime crate's root, so it parses; a failure here is a
    // broken build of the generator, not bad input.
    let file = syn::parse_file(LIB_RS).expect("the CLI runtime's lib.rs parses");
    file.items
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) if module.content.is_none() && !is_test_only(&module) => {
                Some(module)
            }
            _ => None,
        })
        .collect()
}

/// `#[cfg(test)]` on a module.
fn is_test_only(module: &syn::ItemMod) -> bool {
    module.attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|argument| argument == "test")
    })
}

/// The runtime's module declarations (`pub mod app;`), each told to rustfmt to leave the module
/// as written.
pub(super) fn module_declarations() -> TokenStream {
    let modules = modules().into_iter().map(|module| {
        let (attrs, vis, name) = (module.attrs, module.vis, module.ident);
        quote! { #(#attrs)* #[rustfmt::skip] #vis mod #name; }
    });
    quote!(#(#modules)*)
}

/// The generated crate's `[dependencies]` table: the runtime's, with the client beside it
/// (of `version`) in place of the client runtime.
pub(super) fn dependencies(version: &str) -> String {
    let start = CARGO_TOML.find("\n[dependencies]\n").map_or(0, |at| at + 1);
    let rest = &CARGO_TOML[start..];
    // The table ends where the next one starts.
    let end = rest
        .match_indices("\n[")
        .next()
        .map_or(rest.len(), |(at, _)| at + 1);
    let table = rest[..end].replace(STAND_IN_DEPENDENCY, &client_dependency(version));
    format!("{}\n", table.trim_end())
}

/// The exit codes' table, from the module docs of the runtime's `exit.rs`.
pub(super) fn exit_codes_table() -> String {
    let (_, exit) = FILES
        .iter()
        .find(|(module, _)| *module == "exit")
        .copied()
        .unwrap_or_default();
    exit.lines()
        .filter_map(|line| line.strip_prefix("//! |"))
        .map(|row| format!("|{row}\n"))
        .collect()
}

/// The runtime's modules as files of the generated crate.
pub(super) fn files() -> Vec<GeneratedFile> {
    FILES
        .iter()
        .map(|(module, source)| GeneratedFile {
            path: format!("src/{module}.rs"),
            contents: format!(
                "// @generated by `{REGENERATE_COMMAND}` from generator/cli-runtime/src/{module}.rs; edit that file, not this one.\n{source}"
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_module_is_copied() {
        let declared: Vec<String> = modules()
            .into_iter()
            .map(|module| module.ident.to_string())
            .collect();
        let copied: Vec<&str> = FILES.iter().map(|(module, _)| *module).collect();
        assert_eq!(
            declared, copied,
            "the CLI runtime's lib.rs and emit::cli::runtime::FILES differ"
        );
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli-runtime/src");
        let mut on_disk: Vec<String> = std::fs::read_dir(&folder)
            .expect("generator/cli-runtime/src is readable")
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| {
                let name = entry.file_name().to_str()?.strip_suffix(".rs")?.to_owned();
                (name != "lib" && name != "tests").then_some(name)
            })
            .collect();
        on_disk.sort();
        assert_eq!(
            on_disk, copied,
            "a file of generator/cli-runtime/src is not copied"
        );
    }

    #[test]
    fn the_dependencies_point_at_the_client_beside_the_cli() {
        assert_eq!(CARGO_TOML.matches(STAND_IN_DEPENDENCY).count(), 1);
        let dependencies = dependencies("1.2.3");
        assert!(
            dependencies.starts_with("[dependencies]\n"),
            "{dependencies}"
        );
        assert!(
            dependencies.contains(
                "verycloud = { version = \"=1.2.3\", path = \"..\", default-features = false }"
            ),
            "{dependencies}"
        );
        assert!(
            !dependencies.contains("verycloud-runtime"),
            "{dependencies}"
        );
        assert_eq!(dependencies.matches("\n[").count(), 0, "{dependencies}");
    }

    #[test]
    fn the_exit_codes_come_from_the_runtime() {
        let table = exit_codes_table();
        assert!(
            table.starts_with("| code | meaning |\n| --- | --- |\n| 0 |"),
            "{table}"
        );
        assert_eq!(table.lines().count(), 9, "{table}");
    }

    #[test]
    fn every_scalar_parser_is_the_runtimes() {
        let (_, values) = FILES
            .iter()
            .find(|(module, _)| *module == "values")
            .expect("a values module");
        for scalar in spec::model::Scalar::ALL {
            let parser = scalar.cli().parser;
            let function = parser
                .strip_prefix("crate::values::")
                .unwrap_or_else(|| panic!("{parser} is not in crate::values"));
            assert!(
                values.contains(&format!(
                    "pub fn {function}(text: &str) -> Result<Json, String>"
                )),
                "generator/cli-runtime/src/values.rs has no parser `{function}`"
            );
        }
    }
}
