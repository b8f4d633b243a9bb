//! The hand-written runtime (`generator/runtime/`, a crate of its own), copied into the
//! generated crate: each module below one header line, its `lib.rs` declarations and
//! re-exports, and its dependencies.
//!
//! The runtime's optional parts (items marked `#[cfg(feature = "…")]`, the features declared in
//! its `Cargo.toml`) are copied only when the spec uses them ([`features`]), and without the
//! attribute ([`strip`]); everything else is copied verbatim. So a spec that has no paged
//! endpoint, say, leaves no paging code unused in its crate.
//!
//! The sources are compiled into the emitter so that emitting needs no file system and gives
//! the same bytes wherever it runs. The runtime's `lib.rs` is the one list of its modules and
//! public names: the emitter reads it rather than keeping a copy.

mod features;
mod strip;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;
use spec::model::Api;

use crate::{GeneratedFile, REGENERATE_COMMAND};

/// The runtime's parts a spec uses (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Features {
    /// The parts on.
    on: BTreeSet<&'static str>,
    /// Every part the runtime declares; its other features are the generated crate's own.
    parts: BTreeSet<&'static str>,
}

impl Features {
    /// The parts the code generated for `api` needs.
    pub(super) fn of(api: &Api) -> Self {
        Self {
            on: features::used(api, CARGO_TOML),
            parts: features::parts(CARGO_TOML),
        }
    }

    /// Whether the part `feature` is on.
    pub(super) fn has(&self, feature: &str) -> bool {
        self.on.contains(feature)
    }

    /// Whether `feature` is a part that is on or off; `None` for a feature of the crate.
    fn state(&self, feature: &str) -> Option<bool> {
        self.parts.contains(feature).then(|| self.has(feature))
    }

    /// Whether an item with these attributes is copied: each part `cfg` it has is on.
    fn keeps(&self, attrs: &[syn::Attribute]) -> bool {
        attrs
            .iter()
            .filter_map(|attr| strip::part_cfg(attr, &|feature| self.state(feature)))
            .flatten()
            .all(|feature| self.has(&feature))
    }
}

/// Each runtime module with its source. A unit test checks this list against the modules the
/// runtime's `lib.rs` declares, so a new runtime file cannot be left out.
const FILES: [(&str, &str); 10] = [
    ("auth", include_str!("../../../runtime/src/auth.rs")),
    ("client", include_str!("../../../runtime/src/client.rs")),
    ("error", include_str!("../../../runtime/src/error.rs")),
    ("login", include_str!("../../../runtime/src/login.rs")),
    ("mock", include_str!("../../../runtime/src/mock.rs")),
    ("paging", include_str!("../../../runtime/src/paging.rs")),
    ("password", include_str!("../../../runtime/src/password.rs")),
    ("retry", include_str!("../../../runtime/src/retry.rs")),
    ("trace", include_str!("../../../runtime/src/trace.rs")),
    ("wire", include_str!("../../../runtime/src/wire.rs")),
];

/// The runtime's `lib.rs`: which modules are public and what the crate root re-exports.
const LIB_RS: &str = include_str!("../../../runtime/src/lib.rs");

/// The runtime's manifest; from `[dependencies]` on, it is the generated crate's too.
const CARGO_TOML: &str = include_str!("../../../runtime/Cargo.toml");

/// The first line of the manifest part the generated crate shares.
const SHARED_MANIFEST_START: &str = "\n[dependencies]\n";

/// The `mod` and `pub use` items of the runtime's `lib.rs`, in its order.
fn lib_items() -> Vec<syn::Item> {
    // The file is compiled as the runtime crate's root, so it parses; a failure here is a
    // broken build of the generator, not bad input.
    let file = syn::parse_file(LIB_RS).expect("the runtime's lib.rs parses");
    file.items
        .into_iter()
        .filter(|item| match item {
            syn::Item::Mod(module) => module.content.is_none(),
            syn::Item::Use(reexport) => matches!(reexport.vis, syn::Visibility::Public(_)),
            _ => false,
        })
        .collect()
}

/// The `mod` and `pub use` items of the runtime's `lib.rs` that `features` keeps, without
/// their parts' `cfg`s.
fn kept_lib_items(features: &Features) -> Vec<syn::Item> {
    lib_items()
        .into_iter()
        .filter(|item| features.keeps(strip::item_attrs(item)))
        .map(|mut item| {
            let attrs = match &mut item {
                syn::Item::Mod(module) => Some(&mut module.attrs),
                syn::Item::Use(reexport) => Some(&mut reexport.attrs),
                _ => None,
            };
            if let Some(attrs) = attrs {
                attrs.retain(|attr| {
                    strip::part_cfg(attr, &|feature| features.state(feature)).is_none()
                });
            }
            item
        })
        .collect()
}

/// The runtime's module declarations (`mod auth;`, `#[cfg(feature = "mock")] pub mod mock;`)
/// with the attributes left, each told to rustfmt to leave the module as written. `docs` gives
/// a module docs written for the spec, which rustdoc shows before the module's own.
pub(super) fn module_declarations(
    features: &Features,
    docs: &dyn Fn(&str) -> TokenStream,
) -> TokenStream {
    let modules = kept_lib_items(features)
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) => {
                let (attrs, vis, name) = (module.attrs, module.vis, module.ident);
                let docs = docs(&name.to_string());
                Some(quote! { #docs #(#attrs)* #[rustfmt::skip] #vis mod #name; })
            }
            _ => None,
        });
    quote!(#(#modules)*)
}

/// The runtime's re-exports (`pub use client::{Client, ClientBuilder};`): the crate's public
/// face besides the generated modules.
pub(super) fn reexports(features: &Features) -> TokenStream {
    let reexports = kept_lib_items(features)
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Use(reexport) => Some(quote!(#reexport)),
            _ => None,
        });
    quote!(#(#reexports)*)
}

/// The generated crate's dependencies, features, lints and the rest of its manifest after
/// `[package]`: the runtime's, without the parts' features (the crate has each part it needs
/// unconditionally).
pub(super) fn shared_manifest() -> String {
    let shared = CARGO_TOML
        .find(SHARED_MANIFEST_START)
        .map_or("", |start| &CARGO_TOML[start + 1..]);
    // The runtime's manifest is read by cargo on every build of the generator, so it parses; a
    // failure is a broken build of the generator, not bad input.
    let mut manifest: toml_edit::DocumentMut =
        shared.parse().expect("the runtime's Cargo.toml parses");
    let parts = features::parts(CARGO_TOML);
    if let Some(table) = manifest
        .get_mut("features")
        .and_then(toml_edit::Item::as_table_mut)
    {
        table.retain(|name, _| !parts.contains(name));
        if let Some(default) = table
            .get_mut("default")
            .and_then(toml_edit::Item::as_array_mut)
        {
            default.retain(|feature| feature.as_str().is_none_or(|name| !parts.contains(name)));
            // One line again, as short lists are written.
            default.fmt();
        }
    }
    manifest.to_string()
}

/// The runtime's modules that `features` keeps, as files of the generated crate.
pub(super) fn files(features: &Features) -> Vec<GeneratedFile> {
    let declared: BTreeSet<String> = kept_lib_items(features)
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) => Some(module.ident.to_string()),
            _ => None,
        })
        .collect();
    FILES
        .iter()
        .filter(|(module, _)| declared.contains(*module))
        .map(|(module, source)| {
            let source = strip::strip(source, &|feature| features.state(feature));
            GeneratedFile {
                path: format!("src/{module}.rs"),
                contents: format!(
                    "// @generated by `{REGENERATE_COMMAND}` from generator/runtime/src/{module}.rs; edit that file, not this one.\n{source}"
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_module_is_copied() {
        let declared: Vec<String> = lib_items()
            .into_iter()
            .filter_map(|item| match item {
                syn::Item::Mod(module) => Some(module.ident.to_string()),
                _ => None,
            })
            .collect();
        let copied: Vec<&str> = FILES.iter().map(|(module, _)| *module).collect();
        assert_eq!(
            declared, copied,
            "the runtime's lib.rs and emit::rust::runtime::FILES differ"
        );
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src");
        let mut on_disk: Vec<String> = std::fs::read_dir(&folder)
            .expect("generator/runtime/src is readable")
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| {
                let name = entry.file_name().to_str()?.strip_suffix(".rs")?.to_owned();
                (name != "lib").then_some(name)
            })
            .collect();
        on_disk.sort();
        assert_eq!(
            on_disk, copied,
            "a file of generator/runtime/src is not copied"
        );
    }

    /// Every part `cfg` of the runtime is one the emitter reads (of the two forms it knows, on
    /// a node it can take out), and its parts come out whole: with every part off, each source
    /// still parses; with every one on, only the attribute lines go. The crate's own features'
    /// `cfg`s stay.
    #[test]
    fn every_part_cfg_of_the_runtime_is_understood() {
        let parts = features::parts(CARGO_TOML);
        let parts = &parts;
        let all = |on: bool| move |feature: &str| parts.contains(feature).then_some(on);
        let is_part_cfg = |line: &str| {
            let line = line.trim_start();
            (line.starts_with("#[cfg(feature") || line.starts_with("#[cfg(all(feature"))
                && line
                    .split("feature = \"")
                    .skip(1)
                    .filter_map(|rest| rest.split('"').next())
                    .all(|feature| parts.contains(feature))
        };
        for (module, source) in FILES {
            let written = source.lines().filter(|line| is_part_cfg(line)).count();
            let mentions: usize = parts
                .iter()
                .map(|part| source.matches(&format!("feature = \"{part}\"")).count())
                .sum();
            let (all_on, understood) = strip::cut(source, &all(true));
            assert_eq!(
                understood, written,
                "{module}.rs: a part `cfg` the emitter does not see"
            );
            let in_part_cfgs: usize = source
                .lines()
                .filter(|line| is_part_cfg(line))
                .map(|line| line.matches("feature = ").count())
                .sum();
            assert_eq!(
                mentions, in_part_cfgs,
                "{module}.rs: a part in a `cfg` of a form the emitter does not read"
            );
            assert_eq!(
                all_on,
                strip::without_attribute_lines(source, &all(true)),
                "{module}.rs"
            );
            assert_eq!(strip::strip(source, &all(true)), all_on, "{module}.rs");
            for feature in features::CRATE_FEATURES {
                assert_eq!(
                    all_on.matches(&format!("feature = \"{feature}\"")).count(),
                    source.matches(&format!("feature = \"{feature}\"")).count(),
                    "{module}.rs: the crate's feature `{feature}` is kept as written"
                );
            }
            let (all_off, _) = strip::cut(source, &all(false));
            assert!(
                syn::parse_file(&all_off).is_ok(),
                "{module}.rs without its optional parts"
            );
        }
    }

    /// The generated crate's manifest has the crate's own features and none of the parts.
    #[test]
    fn the_shared_manifest_has_the_crates_features_only() {
        let manifest: toml_edit::DocumentMut = shared_manifest()
            .parse()
            .expect("the shared manifest parses");
        let features = manifest["features"].as_table().expect("a [features] table");
        let names: Vec<&str> = features.iter().map(|(name, _)| name).collect();
        let mut expected = vec!["default"];
        expected.extend(features::CRATE_FEATURES);
        assert_eq!(names, expected);
        let default: Vec<&str> = features["default"]
            .as_array()
            .expect("default is a list")
            .iter()
            .filter_map(|feature| feature.as_str())
            .collect();
        assert_eq!(default, ["tracing"]);
    }

    #[test]
    fn the_shared_manifest_starts_at_the_dependencies() {
        let manifest = shared_manifest();
        assert!(manifest.starts_with("[dependencies]\n"));
        assert!(!manifest.contains("[package]"));
    }
}

#[cfg(test)]
mod reserved_names {
    //! The names the spec core refuses because the runtime takes them are checked here against
    //! the runtime's real sources, so a new runtime method cannot silently collide with a
    //! generated one.

    use std::collections::BTreeSet;

    use spec::names::rust as names;

    use super::{FILES, lib_items};

    /// Every inherent method of the type named `self_type`, across the runtime's modules.
    fn inherent_methods(self_type: &str) -> BTreeSet<String> {
        let mut methods = BTreeSet::new();
        for (_, source) in FILES {
            let file = syn::parse_file(source).expect("runtime sources parse");
            for item in file.items {
                let syn::Item::Impl(block) = item else {
                    continue;
                };
                let is_self = matches!(&*block.self_ty, syn::Type::Path(path)
                    if path.path.segments.last().is_some_and(|s| s.ident == self_type));
                if block.trait_.is_some() || !is_self {
                    continue;
                }
                for member in block.items {
                    if let syn::ImplItem::Fn(function) = member {
                        methods.insert(function.sig.ident.to_string());
                    }
                }
            }
        }
        methods
    }

    #[test]
    fn client_methods_are_the_runtimes() {
        let listed: BTreeSet<String> = names::CLIENT_METHODS
            .iter()
            .map(|name| (*name).to_owned())
            .collect();
        assert_eq!(
            listed,
            inherent_methods("Client"),
            "spec::names::rust::CLIENT_METHODS and the runtime's `impl Client` blocks differ"
        );
    }

    /// `CLIENT_TRAIT_METHODS` lists the methods of `Clone` and `Debug` (and of the blanket
    /// impls every type has): a trait `Client` gains means names to add there.
    #[test]
    fn client_implements_only_the_traits_whose_methods_are_reserved() {
        let mut traits = BTreeSet::new();
        for (_, source) in FILES {
            let file = syn::parse_file(source).expect("runtime sources parse");
            for item in file.items {
                match item {
                    syn::Item::Struct(client) if client.ident == "Client" => {
                        for attr in &client.attrs {
                            if attr.path().is_ident("derive") {
                                let _ = attr.parse_nested_meta(|meta| {
                                    if let Some(name) = meta.path.segments.last() {
                                        traits.insert(name.ident.to_string());
                                    }
                                    Ok(())
                                });
                            }
                        }
                    }
                    syn::Item::Impl(block) => {
                        let is_client = matches!(&*block.self_ty, syn::Type::Path(path)
                            if path.path.segments.last().is_some_and(|s| s.ident == "Client"));
                        if let (true, Some((_, path, _))) = (is_client, &block.trait_)
                            && let Some(name) = path.segments.last()
                        {
                            traits.insert(name.ident.to_string());
                        }
                    }
                    _ => {}
                }
            }
        }
        let expected: BTreeSet<String> = ["Clone", "Debug"].map(str::to_owned).into();
        assert_eq!(
            traits, expected,
            "Client implements other traits: add their methods to spec::names::rust::CLIENT_TRAIT_METHODS"
        );
        for method in ["clone", "clone_from", "fmt"] {
            assert!(names::CLIENT_TRAIT_METHODS.contains(&method));
        }
    }

    #[test]
    fn mock_server_methods_are_the_runtimes() {
        let listed: BTreeSet<String> = names::MOCK_SERVER_METHODS
            .iter()
            .map(|name| (*name).to_owned())
            .collect();
        assert_eq!(
            listed,
            inherent_methods("MockServer"),
            "spec::names::rust::MOCK_SERVER_METHODS and the runtime's `impl MockServer` blocks differ"
        );
    }

    #[test]
    fn runtime_exports_are_the_runtimes() {
        fn leaves(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
            match tree {
                syn::UseTree::Path(path) => leaves(&path.tree, out),
                syn::UseTree::Name(name) => {
                    out.insert(name.ident.to_string());
                }
                syn::UseTree::Rename(rename) => {
                    out.insert(rename.rename.to_string());
                }
                syn::UseTree::Group(group) => {
                    for tree in &group.items {
                        leaves(tree, out);
                    }
                }
                syn::UseTree::Glob(_) => panic!("the runtime's lib.rs re-exports with a glob"),
            }
        }
        let mut exported = BTreeSet::new();
        for item in lib_items() {
            if let syn::Item::Use(reexport) = item {
                leaves(&reexport.tree, &mut exported);
            }
        }
        let listed: BTreeSet<String> = names::RUNTIME_EXPORTS
            .iter()
            .map(|name| (*name).to_owned())
            .collect();
        assert_eq!(
            listed, exported,
            "spec::names::rust::RUNTIME_EXPORTS and the runtime's lib.rs differ"
        );
    }
}
