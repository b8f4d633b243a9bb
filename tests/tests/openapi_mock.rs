//! The generated Rust client against a mock server made from `generated-client/openapi.json`:
//! every endpoint is called once, with its documented request example, and the mock's reply
//! (the documented reply example) must decode.
//!
//! It needs a Prism mock server, so it is ignored by a plain `cargo test`, which then reports
//! it as ignored rather than as a pass: `.ci/mock-server.sh` starts Prism, sets
//! `VERYCLOUD_MOCK_URL` and runs it with `--ignored`; run that way without the variable, it
//! fails. Prism validates each request against the
//! document and answers an invalid one with 422 and its reasons, which the failure report
//! shows, so this checks the client and the document against each other.

mod openapi_support;

use std::collections::BTreeSet;

use openapi_support::real_api;
use serde::de::DeserializeOwned;
use serde_json::Value;
use spec::model::Api;
use verycloud::requests::*;

const MOCK_URL_VARIABLE: &str = "VERYCLOUD_MOCK_URL";
/// Sent where the client needs a token; Prism only checks that it is a string.
const TOKEN: &str = "5d8531de68ae272eacb8670afe084d60";

/// Calls made so far and what went wrong.
struct Run {
    api: Api,
    exercised: BTreeSet<String>,
    failures: Vec<String>,
}

impl Run {
    /// The request of `operation` built from its documented example, without the token, which
    /// the client adds itself.
    fn request<T: DeserializeOwned>(&self, operation: &str) -> Result<T, String> {
        let endpoint = self
            .api
            .endpoints
            .iter()
            .find(|e| e.name == operation)
            .ok_or_else(|| format!("the spec has no endpoint `{operation}`"))?;
        let mut example = endpoint.request_example.clone();
        if let Value::Object(body) = &mut example {
            body.remove(&self.api.info.token_field);
        }
        serde_json::from_value(example)
            .map_err(|error| format!("the documented example does not build a request: {error}"))
    }

    fn record(&mut self, operation: &str, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => println!("ok      {operation}"),
            Err(error) => {
                println!("FAILED  {operation}: {error}");
                self.failures.push(format!("{operation}: {error}"));
            }
        }
        self.exercised.insert(operation.to_owned());
    }
}

/// One call: `exercise!(run, client, "operationId", group.method(RequestType))`, or `()` for
/// an endpoint without request fields.
macro_rules! exercise {
    ($run:ident, $client:ident, $operation:literal, $group:ident . $method:ident ()) => {{
        let outcome = $client
            .$group()
            .$method()
            .await
            .map(drop)
            .map_err(|error| error.to_string());
        $run.record($operation, outcome);
    }};
    ($run:ident, $client:ident, $operation:literal, $group:ident . $method:ident ($request:ty)) => {{
        let outcome = match $run.request::<$request>($operation) {
            Ok(request) => $client
                .$group()
                .$method(request)
                .await
                .map(drop)
                .map_err(|error| error.to_string()),
            Err(error) => Err(error),
        };
        $run.record($operation, outcome);
    }};
}

#[tokio::test]
#[ignore = "needs a Prism mock server: run `bash .ci/mock-server.sh`"]
async fn every_endpoint_round_trips_through_the_mock_server() {
    let base_url = std::env::var(MOCK_URL_VARIABLE).unwrap_or_else(|_| {
        panic!(
            "{MOCK_URL_VARIABLE} is not set: this test calls a Prism mock server; \
             run `bash .ci/mock-server.sh`, which starts one and sets the variable"
        )
    });
    let client = verycloud::Client::builder()
        .base_url(base_url.as_str())
        .token(TOKEN)
        .retry(verycloud::RetryPolicy::none())
        .build()
        .unwrap_or_else(|error| panic!("cannot build a client for {base_url}: {error}"));
    let mut run = Run {
        api: real_api(),
        exercised: BTreeSet::new(),
        failures: Vec::new(),
    };

    exercise!(run, client, "authorize", oauth.authorize(AuthorizeRequest));
    exercise!(run, client, "register", profile.register(RegisterRequest));
    exercise!(run, client, "detail", profile.detail());
    exercise!(run, client, "update", profile.update(UpdateRequest));
    exercise!(
        run,
        client,
        "pictureUpdate",
        profile.picture_update(PictureUpdateRequest)
    );
    exercise!(
        run,
        client,
        "passwordUpdate",
        profile.password_update(PasswordUpdateRequest)
    );
    exercise!(
        run,
        client,
        "mailUpdate",
        profile.mail_update(MailUpdateRequest)
    );
    exercise!(
        run,
        client,
        "phoneUpdate",
        profile.phone_update(PhoneUpdateRequest)
    );
    exercise!(run, client, "logs", profile.logs(LogsRequest));
    exercise!(
        run,
        client,
        "subaccountList",
        subaccounts.subaccount_list(SubaccountListRequest)
    );
    exercise!(
        run,
        client,
        "subaccountAdd",
        subaccounts.subaccount_add(SubaccountAddRequest)
    );
    exercise!(
        run,
        client,
        "subaccountPerm",
        subaccounts.subaccount_perm(SubaccountPermRequest)
    );
    exercise!(
        run,
        client,
        "groupList",
        subaccounts.group_list(GroupListRequest)
    );
    exercise!(
        run,
        client,
        "groupAdd",
        subaccounts.group_add(GroupAddRequest)
    );
    exercise!(
        run,
        client,
        "groupUpdate",
        subaccounts.group_update(GroupUpdateRequest)
    );
    exercise!(
        run,
        client,
        "groupDelete",
        subaccounts.group_delete(GroupDeleteRequest)
    );
    exercise!(
        run,
        client,
        "groupPermissions",
        subaccounts.group_permissions()
    );
    exercise!(
        run,
        client,
        "groupRoleList",
        subaccounts.group_role_list(GroupRoleListRequest)
    );
    exercise!(
        run,
        client,
        "groupRoleAdd",
        subaccounts.group_role_add(GroupRoleAddRequest)
    );
    exercise!(
        run,
        client,
        "groupRoleUpdate",
        subaccounts.group_role_update(GroupRoleUpdateRequest)
    );
    exercise!(
        run,
        client,
        "groupRoleDelete",
        subaccounts.group_role_delete(GroupRoleDeleteRequest)
    );
    exercise!(
        run,
        client,
        "rechargeList",
        finance.recharge_list(RechargeListRequest)
    );
    exercise!(run, client, "balance", finance.balance());
    exercise!(
        run,
        client,
        "balanceAlarm",
        finance.balance_alarm(BalanceAlarmRequest)
    );
    exercise!(run, client, "payList", finance.pay_list(PayListRequest));
    exercise!(
        run,
        client,
        "invoiceList",
        finance.invoice_list(InvoiceListRequest)
    );
    exercise!(
        run,
        client,
        "invoiceApply",
        finance.invoice_apply(InvoiceApplyRequest)
    );
    exercise!(run, client, "invoiceBalance", finance.invoice_balance());
    exercise!(
        run,
        client,
        "couponList",
        finance.coupon_list(CouponListRequest)
    );
    exercise!(
        run,
        client,
        "couponExchange",
        finance.coupon_exchange(CouponExchangeRequest)
    );
    exercise!(run, client, "couponBalance", finance.coupon_balance());
    exercise!(run, client, "flowPriceList", cdn.flow_price_list());
    exercise!(
        run,
        client,
        "payFlowAdd",
        cdn.pay_flow_add(PayFlowAddRequest)
    );
    exercise!(run, client, "payFlowList", cdn.pay_flow_list());
    exercise!(run, client, "payFlowBalance", cdn.pay_flow_balance());
    exercise!(run, client, "profileDetail", cdn_domains.profile_detail());
    exercise!(
        run,
        client,
        "domainList",
        cdn_domains.domain_list(DomainListRequest)
    );
    exercise!(
        run,
        client,
        "domainAdd",
        cdn_domains.domain_add(DomainAddRequest)
    );
    exercise!(
        run,
        client,
        "domainUpdate",
        cdn_domains.domain_update(DomainUpdateRequest)
    );
    exercise!(
        run,
        client,
        "domainStart",
        cdn_domains.domain_start(DomainStartRequest)
    );
    exercise!(
        run,
        client,
        "domainClose",
        cdn_domains.domain_close(DomainCloseRequest)
    );
    exercise!(
        run,
        client,
        "domainDelete",
        cdn_domains.domain_delete(DomainDeleteRequest)
    );
    exercise!(
        run,
        client,
        "domainLogList",
        cdn_domains.domain_log_list(DomainLogListRequest)
    );
    exercise!(
        run,
        client,
        "domainBandwidth",
        cdn_domains.domain_bandwidth(DomainBandwidthRequest)
    );
    exercise!(
        run,
        client,
        "domainLogstat",
        cdn_domains.domain_logstat(DomainLogstatRequest)
    );
    exercise!(
        run,
        client,
        "domainCurrentData",
        cdn_domains.domain_current_data(DomainCurrentDataRequest)
    );
    exercise!(
        run,
        client,
        "sslList",
        certificates.ssl_list(SslListRequest)
    );
    exercise!(run, client, "sslAdd", certificates.ssl_add(SslAddRequest));
    exercise!(
        run,
        client,
        "sslUpdate",
        certificates.ssl_update(SslUpdateRequest)
    );
    exercise!(
        run,
        client,
        "sslDelete",
        certificates.ssl_delete(SslDeleteRequest)
    );
    exercise!(
        run,
        client,
        "refreshList",
        cache.refresh_list(RefreshListRequest)
    );
    exercise!(run, client, "refresh", cache.refresh(RefreshRequest));
    exercise!(
        run,
        client,
        "refreshById",
        cache.refresh_by_id(RefreshByIdRequest)
    );
    exercise!(run, client, "preload", cache.preload(PreloadRequest));
    exercise!(
        run,
        client,
        "preloadById",
        cache.preload_by_id(PreloadByIdRequest)
    );
    exercise!(
        run,
        client,
        "refreshDelete",
        cache.refresh_delete(RefreshDeleteRequest)
    );
    exercise!(
        run,
        client,
        "getBillByUser",
        cdn_bills.get_bill_by_user(GetBillByUserRequest)
    );
    exercise!(
        run,
        client,
        "getBillByDomainID",
        cdn_bills.get_bill_by_domain_id(GetBillByDomainIdRequest)
    );
    exercise!(run, client, "nodes", cdn_nodes.nodes(NodesRequest));
    exercise!(
        run,
        client,
        "getNodesByClientIP",
        cdn_nodes.get_nodes_by_client_ip(GetNodesByClientIpRequest)
    );

    let documented: BTreeSet<String> = run.api.endpoints.iter().map(|e| e.name.clone()).collect();
    let missing: Vec<&String> = documented.difference(&run.exercised).collect();
    let unknown: Vec<&String> = run.exercised.difference(&documented).collect();
    let succeeded = run.exercised.len() - run.failures.len();
    println!(
        "mock-server run: {} operations exercised, {succeeded} succeeded",
        run.exercised.len()
    );
    assert!(
        missing.is_empty(),
        "endpoints of the spec this test does not call: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "calls to endpoints the spec lacks: {unknown:?}"
    );
    assert!(
        run.failures.is_empty(),
        "{} calls failed:\n{}",
        run.failures.len(),
        run.failures.join("\n")
    );
}
