//! The spec describes exactly the documented endpoints and the SDKs' calls: the 35 addresses
//! of the vendor's docs, each once, in documented order, then every CDN call of VeryCloud's
//! official SDKs; each named after its path and citing where it was read.

use std::collections::BTreeSet;
use std::io::ErrorKind;

use spec::model::{Api, Locator};
use verycloud_tests::{project_root, spec_path};

const BASE_URL: &str = "https://api3.verycloud.cn";

/// Every `接口地址` (endpoint address) of the docs below the base URL, in documented order.
const DOCUMENTED_PATHS: [&str; 35] = [
    "/API/profile/register",
    "/API/OAuth/authorize",
    "/API/profile/detail",
    "/API/profile/update",
    "/API/profile/pictureUpdate",
    "/API/profile/passwordUpdate",
    "/API/profile/mailUpdate",
    "/API/profile/phoneUpdate",
    "/API/profile/subaccountList",
    "/API/profile/subaccountAdd",
    "/API/profile/subaccountPerm",
    "/API/profile/groupList",
    "/API/profile/groupAdd",
    "/API/profile/groupUpdate",
    "/API/profile/groupDelete",
    "/API/profile/groupPermissions",
    "/API/profile/groupRoleList",
    "/API/profile/groupRoleAdd",
    "/API/profile/groupRoleUpdate",
    "/API/profile/groupRoleDelete",
    "/API/profile/rechargeList",
    "/API/profile/balance",
    "/API/profile/balanceAlarm",
    "/API/profile/payList",
    "/API/profile/invoiceList",
    "/API/profile/invoiceApply",
    "/API/profile/invoiceBalance",
    "/API/profile/couponList",
    "/API/profile/couponExchange",
    "/API/profile/couponBalance",
    "/API/cdn/flowPriceList",
    "/API/cdn/payFlowAdd",
    "/API/cdn/payFlowList",
    "/API/cdn/payFlowBalance",
    "/API/profile/logs",
];

/// Every CDN call of VeryCloud's official SDKs (`CDNAPI.php` and `CDNAPI.java` define the same
/// 25 methods), by method name: the path each posts to.
const SDK_CALLS: [(&str, &str); 25] = [
    ("profileDetail", "/API/cdn/profileDetail"),
    ("domainList", "/API/cdn/domainList"),
    ("domainAdd", "/API/cdn/domainAdd"),
    ("domainUpdate", "/API/cdn/domainUpdate"),
    ("domainStart", "/API/cdn/domainStart"),
    ("domainClose", "/API/cdn/domainClose"),
    ("domainDelete", "/API/cdn/domainDelete"),
    ("domainLogList", "/API/cdn/domainLogList"),
    ("domainBandwidth", "/API/cdn/domainBandwidth"),
    ("domainLogstat", "/API/cdn/domainLogstat"),
    ("sslList", "/API/cdn/sslList"),
    ("sslAdd", "/API/cdn/sslAdd"),
    ("sslUpdate", "/API/cdn/sslUpdate"),
    ("sslDelete", "/API/cdn/sslDelete"),
    ("domainCurrentData", "/API/cdn/domainCurrentData"),
    ("refreshList", "/API/cdn/refreshList"),
    ("refresh", "/API/cdn/refresh"),
    ("refreshById", "/API/cdn/refreshById"),
    ("preload", "/API/cdn/preload"),
    ("preloadById", "/API/cdn/preloadById"),
    ("refreshDelete", "/API/cdn/refreshDelete"),
    ("getBillByUser", "/API/cdn/getBillByUser"),
    ("getBillByDomainID", "/API/cdn/getBillByDomainID"),
    ("nodes", "/API/cdn/nodes"),
    ("getNodesByClientIP", "/API/cdn/getNodesByClientIP"),
];

/// The spec's key for the vendor's docs file.
const DOCS_SOURCE: &str = "account-docs";

fn load_spec() -> Api {
    match spec::load_api(&spec_path()) {
        Ok(api) => api,
        Err(diagnostics) => panic!("spec/verycloud.yaml does not load:\n{diagnostics}"),
    }
}

/// Asserts `actual` holds the documented paths, naming the missing and the extra ones first
/// (the readable failure), then the order.
fn assert_documented_paths(actual: &[&str], source: &str) {
    let expected: BTreeSet<&str> = DOCUMENTED_PATHS.into_iter().collect();
    let found: BTreeSet<&str> = actual.iter().copied().collect();
    let missing: Vec<&str> = expected.difference(&found).copied().collect();
    let extra: Vec<&str> = found.difference(&expected).copied().collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{source}: missing {missing:?}, not documented {extra:?}"
    );
    assert_eq!(
        actual, DOCUMENTED_PATHS,
        "{source}: paths out of documented order or repeated"
    );
}

#[test]
fn the_endpoints_citing_the_docs_are_the_documented_paths() {
    let api = load_spec();
    let paths: Vec<&str> = api
        .endpoints
        .iter()
        .filter(|e| e.cites(DOCS_SOURCE))
        .map(|e| e.path.as_str())
        .collect();
    assert_documented_paths(&paths, "spec/verycloud.yaml");
}

#[test]
fn the_other_endpoints_are_the_sdk_calls_and_cite_both_sdks_by_method() {
    let api = load_spec();
    let others: Vec<_> = api
        .endpoints
        .iter()
        .filter(|e| !e.cites(DOCS_SOURCE))
        .collect();
    let paths: BTreeSet<&str> = others.iter().map(|e| e.path.as_str()).collect();
    let expected: BTreeSet<&str> = SDK_CALLS.iter().map(|(_, path)| *path).collect();
    assert_eq!(paths, expected, "the spec's endpoints outside the docs");
    assert_eq!(others.len(), SDK_CALLS.len(), "one endpoint per SDK call");
    for (method, path) in SDK_CALLS {
        let endpoint = others
            .iter()
            .find(|e| e.path == path)
            .unwrap_or_else(|| panic!("no endpoint for {path}"));
        for sdk in ["php-sdk", "java-sdk"] {
            let cited = endpoint
                .provenance
                .iter()
                .find(|p| p.source == sdk)
                .map(|p| &p.locator);
            assert_eq!(
                cited,
                Some(&Locator::Method(method.to_owned())),
                "{}: its provenance cites {sdk}'s {method}",
                endpoint.name
            );
        }
    }
}

#[test]
fn every_endpoint_says_where_it_was_read() {
    let api = load_spec();
    for endpoint in &api.endpoints {
        assert!(
            !endpoint.provenance.is_empty(),
            "{} has no provenance",
            endpoint.name
        );
    }
}

#[test]
fn operation_names_and_methods_are_unique() {
    let api = load_spec();
    let mut names = BTreeSet::new();
    let mut methods = BTreeSet::new();
    for endpoint in &api.endpoints {
        assert!(
            names.insert(&endpoint.name),
            "operation name `{}` repeated",
            endpoint.name
        );
        let method = spec::names::rust::method(&endpoint.name);
        assert!(
            methods.insert(method.clone()),
            "Rust method `{method}` repeated"
        );
    }
}

#[test]
fn operation_names_are_the_last_path_segment() {
    let api = load_spec();
    for endpoint in &api.endpoints {
        let last_segment = endpoint.path.rsplit('/').next().unwrap_or_default();
        assert_eq!(
            endpoint.name, last_segment,
            "operation name of {}",
            endpoint.path
        );
    }
}

/// The addresses in the vendor's docs, when the docs are present (they live outside the
/// repository, in `../shared`).
#[test]
fn documented_addresses_are_the_listed_paths() {
    let docs_path = project_root().join("../shared/verycloud-api-docs.txt");
    let docs = match std::fs::read_to_string(&docs_path) {
        Ok(docs) => docs,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            eprintln!("skipped: {} not found", docs_path.display());
            return;
        }
        Err(error) => panic!("reading {}: {error}", docs_path.display()),
    };
    let urls = documented_addresses(&docs);
    let paths: Vec<&str> = urls
        .iter()
        .map(|url| {
            url.strip_prefix(BASE_URL)
                .unwrap_or_else(|| panic!("address {url} is not below {BASE_URL}"))
        })
        .collect();
    assert_documented_paths(&paths, "the docs' 接口地址 lines");
}

/// The line after each `接口地址` heading.
fn documented_addresses(docs: &str) -> Vec<&str> {
    let mut lines = docs.lines().map(str::trim);
    let mut urls = Vec::new();
    while let Some(line) = lines.next() {
        if line == "接口地址" {
            urls.push(lines.next().unwrap_or_default());
        }
    }
    urls
}
