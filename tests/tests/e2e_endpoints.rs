//! Every endpoint of spec/verycloud.yaml end to end: the generated method is called with the
//! documented request example, a loopback server answers with the documented reply example,
//! and the test checks the exact body the server received and the typed values decoded.
//! Endpoints whose reply no source shows return raw JSON: their documented (constructed) reply
//! carries no `data`, and a reply that does carry some must come back as sent.

mod e2e_support;

use e2e_support::{Exchange, decimal};
use serde_json::{Value, json};
use verycloud::types;

/// One test per endpoint. `$request` is the documented request example (without the token)
/// decoded into the method's request struct; `$reply` is what the method returned.
macro_rules! endpoint_test {
    ($test:ident, $name:literal, |$client:ident, $request:ident| $call:expr, |$reply:ident| $checks:block) => {
        #[tokio::test]
        async fn $test() {
            let exchange = Exchange::documented($name).await;
            let $client = &exchange.client;
            let $request = e2e_support::request(exchange.endpoint);
            let $reply = $call.await.unwrap_or_else(|e| panic!("{}: {e}", $name));
            exchange.assert_sent_documented_request().await;
            $checks
        }
    };
    // Endpoints whose reply has no data: the method returns `()` (the `|()|` pattern checks
    // that at compile time), and the test checks the call succeeded with the documented body.
    ($test:ident, $name:literal, |$client:ident, $request:ident| $call:expr, returns_nothing) => {
        #[tokio::test]
        async fn $test() {
            let exchange = Exchange::documented($name).await;
            let $client = &exchange.client;
            let $request = e2e_support::request(exchange.endpoint);
            $call
                .await
                .map(|()| ())
                .unwrap_or_else(|e| panic!("{}: {e}", $name));
            exchange.assert_sent_documented_request().await;
        }
    };
    // Endpoints whose reply no source shows: the method returns `Option<serde_json::Value>`,
    // `None` for the documented reply (the bare envelope), and any `data` a server sends,
    // untouched.
    ($test:ident, $name:literal, |$client:ident, $request:ident| $call:expr, raw_json) => {
        #[tokio::test]
        async fn $test() {
            let exchange = Exchange::documented($name).await;
            let $client = &exchange.client;
            let $request = e2e_support::request(exchange.endpoint);
            let reply: Option<Value> = $call.await.unwrap_or_else(|e| panic!("{}: {e}", $name));
            exchange.assert_sent_documented_request().await;
            assert_eq!(reply, None, "{}: the documented reply has no data", $name);

            let data = raw_data();
            let exchange =
                Exchange::replying($name, &json!({"code": 1, "message": "操作完成", "data": data}))
                    .await;
            let $client = &exchange.client;
            let $request = e2e_support::request(exchange.endpoint);
            let reply: Option<Value> = $call.await.unwrap_or_else(|e| panic!("{}: {e}", $name));
            exchange.assert_sent_documented_request().await;
            assert_eq!(reply, Some(data), "{}: the data as sent", $name);
        }
    };
    ($test:ident, $name:literal, |$client:ident| $call:expr, |$reply:ident| $checks:block) => {
        #[tokio::test]
        async fn $test() {
            let exchange = Exchange::documented($name).await;
            let $client = &exchange.client;
            let $reply = $call.await.unwrap_or_else(|e| panic!("{}: {e}", $name));
            exchange.assert_sent_documented_request().await;
            $checks
        }
    };
}

endpoint_test!(
    register,
    "register",
    |client, request| client.profile().register(request),
    |account| {
        assert_eq!(account.uid, 1_234_567_890);
        assert_eq!(account.name.as_deref(), Some("example_user"));
        assert_eq!(account.phone.as_deref(), Some("13545678945"));
    }
);

endpoint_test!(
    authorize,
    "authorize",
    |client, request| client.oauth().authorize(request),
    |reply| {
        assert_eq!(reply.access_token, "6375710ffd834236652d044776303a4c");
        assert_eq!(reply.expires.unix_seconds(), 1_426_473_466);
    }
);

endpoint_test!(
    detail,
    "detail",
    |client| client.profile().detail(),
    |detail| {
        assert_eq!(detail.uid, 1_234_566_894);
        assert_eq!(detail.status, Some(types::AccountStatus::Enabled));
        assert_eq!(detail.couponprice, Some(decimal("0.0000")));
        let profile = detail.profile.expect("a profile");
        assert_eq!(profile.daily_report, Some(true));
        assert_eq!(profile.month_report, Some(false));
        let balance = detail.balance.expect("a balance");
        assert_eq!(balance.price, Some(decimal("29122.0219")));
        assert_eq!(balance.alarm_value, Some(decimal("300.00")));
        let subaccounts = detail.subaccounts.expect("subaccounts");
        assert_eq!(subaccounts.len(), 1);
        assert_eq!(subaccounts[0].uid, 1_234_566_895);
        assert_eq!(subaccounts[0].gid, Some(144));
    }
);

endpoint_test!(
    update,
    "update",
    |client, request| client.profile().update(request),
    |phone| {
        assert_eq!(phone.phone.as_deref(), Some("13584145363"));
    }
);

endpoint_test!(
    picture_update,
    "pictureUpdate",
    |client, request| client.profile().picture_update(request),
    |picture| {
        let picture = picture.picture.expect("a URL");
        assert!(
            picture.starts_with("https://manage.verycloud.cn/"),
            "{picture}"
        );
    }
);

endpoint_test!(
    password_update,
    "passwordUpdate",
    |client, request| client.profile().password_update(request),
    returns_nothing
);

endpoint_test!(
    mail_update,
    "mailUpdate",
    |client, request| client.profile().mail_update(request),
    |mail| {
        assert_eq!(mail.mail.as_deref(), Some("test@verycloud.cn"));
    }
);

endpoint_test!(
    phone_update,
    "phoneUpdate",
    |client, request| client.profile().phone_update(request),
    |phone| {
        assert_eq!(phone.phone.as_deref(), Some("13511111111"));
    }
);

endpoint_test!(
    subaccount_list,
    "subaccountList",
    |client, request| client.subaccounts().subaccount_list(request),
    |page| {
        assert_eq!(page.total_pages, Some(1));
        let first = page.items.first().expect("a subaccount");
        assert_eq!(first.uid, 7_002_123_456);
        assert_eq!(first.receive_mail, Some(false));
        let created = first.created.as_ref().expect("a creation time");
        assert_eq!(created.to_string(), "2015-03-19 13:21");
        assert_eq!(
            created.beijing().map(|t| (t.hour(), t.minute())),
            Some((13, 21))
        );
        assert_eq!(first.group.as_ref().map(|g| g.id), Some(1_441_234_567));
    }
);

endpoint_test!(
    subaccount_add,
    "subaccountAdd",
    |client, request| client.subaccounts().subaccount_add(request),
    |account| {
        assert_eq!(account.uid, 7_002_123_456);
        assert_eq!(account.mail.as_deref(), Some("example_user@verycloud.cn"));
    }
);

endpoint_test!(
    subaccount_perm,
    "subaccountPerm",
    |client, request| client.subaccounts().subaccount_perm(request),
    returns_nothing
);

endpoint_test!(
    group_list,
    "groupList",
    |client, request| client.subaccounts().group_list(request),
    |groups| {
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].id, 1_441_234_567);
        assert_eq!(groups[0].uid, Some(6_894_123_456));
        // A one-digit hour, as documented.
        let created = groups[1].created.as_ref().expect("a creation time");
        assert_eq!(
            created
                .beijing()
                .map(|t| (t.year(), t.month(), t.day(), t.hour())),
            Some((2014, 12, 11, 9))
        );
    }
);

endpoint_test!(
    group_add,
    "groupAdd",
    |client, request| client.subaccounts().group_add(request),
    |group| {
        assert_eq!(group.id, 1_571_234_567);
        assert_eq!(group.name.as_deref(), Some("测试组"));
        assert_eq!(
            group
                .created
                .as_ref()
                .map(verycloud::Timestamp::unix_seconds),
            Some(1_426_744_428)
        );
    }
);

endpoint_test!(
    group_update,
    "groupUpdate",
    |client, request| client.subaccounts().group_update(request),
    |group| {
        assert_eq!(group.id, 1_571_234_567);
        assert_eq!(group.uid, Some(6_894_123_456));
    }
);

endpoint_test!(
    group_delete,
    "groupDelete",
    |client, request| client.subaccounts().group_delete(request),
    returns_nothing
);

endpoint_test!(
    group_permissions,
    "groupPermissions",
    |client| client.subaccounts().group_permissions(),
    |modules| {
        let cdn = modules.get("cloud_cdn").expect("the CDN module");
        assert_eq!(cdn.module, "cloud_cdn");
        assert_eq!(
            cdn.subs
                .as_ref()
                .and_then(|subs| subs.get("API/cdn/domainAdd"))
                .map(String::as_str),
            Some("新增频道")
        );
    }
);

endpoint_test!(
    group_role_list,
    "groupRoleList",
    |client, request| client.subaccounts().group_role_list(request),
    |roles| {
        assert_eq!(roles.len(), 2);
        assert_eq!(roles[0].id, 7_448_123_456);
        assert_eq!(roles[0].group.as_ref().map(|g| g.id), Some(1_571_234_567));
        assert_eq!(
            roles[1].value.as_deref(),
            Some("API/instance/cloudDiskList")
        );
    }
);

endpoint_test!(
    group_role_add,
    "groupRoleAdd",
    |client, request| client.subaccounts().group_role_add(request),
    |roles| {
        assert_eq!(
            roles.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![7_448_123_456, 7_412_123_456]
        );
        assert_eq!(roles[0].gid, Some(1_234_567_890));
    }
);

endpoint_test!(
    group_role_update,
    "groupRoleUpdate",
    |client, request| client.subaccounts().group_role_update(request),
    |role| {
        assert_eq!(role.id, 7_448_123_456);
        assert_eq!(
            role.created.as_ref().map(ToString::to_string).as_deref(),
            Some("2015/01/20 13:00")
        );
    }
);

endpoint_test!(
    group_role_delete,
    "groupRoleDelete",
    |client, request| client.subaccounts().group_role_delete(request),
    returns_nothing
);

endpoint_test!(
    recharge_list,
    "rechargeList",
    |client, request| client.finance().recharge_list(request),
    |page| {
        assert_eq!((page.total, page.total_pages), (Some(1), Some(1)));
        let recharge = page.items.first().expect("a recharge");
        assert_eq!(recharge.id, 2_331_234_567);
        assert_eq!(recharge.price, Some(decimal("1000.00")));
        assert_eq!(recharge.code.as_deref(), Some("20150317150637485662"));
    }
);

endpoint_test!(
    balance,
    "balance",
    |client| client.finance().balance(),
    |reply| {
        assert_eq!(reply.total, Some(1));
        let balances = reply.data;
        assert_eq!(balances.first().map(|b| b.price), Some(decimal("750.6346")));
    }
);

endpoint_test!(
    balance_alarm,
    "balanceAlarm",
    |client, request| client.finance().balance_alarm(request),
    |settings| {
        assert_eq!(settings.alarm, Some(true));
        assert_eq!(settings.alarm_num, Some(1));
        assert_eq!(settings.alarm_value, Some(decimal("300.00")));
    }
);

endpoint_test!(
    pay_list,
    "payList",
    |client, request| client.finance().pay_list(request),
    |page| {
        assert_eq!((page.total, page.total_pages), (Some(130_667), Some(4_356)));
        let payment = page.items.first().expect("a payment");
        assert_eq!(payment.id, 1_081_361_123);
        assert_eq!(payment.price, Some(decimal("0.4395")));
    }
);

endpoint_test!(
    invoice_list,
    "invoiceList",
    |client, request| client.finance().invoice_list(request),
    |page| {
        assert_eq!(page.total, Some(11));
        let invoice = page.items.first().expect("an invoice");
        assert_eq!(invoice.id, 3_212_345_678);
        assert_eq!(invoice.type_, Some(types::InvoiceHolder::Company));
        assert_eq!(invoice.invoicetype, Some(types::InvoiceType::VatSpecial));
        assert_eq!(invoice.price, Some(decimal("200.00")));
    }
);

endpoint_test!(
    invoice_apply,
    "invoiceApply",
    |client, request| client.finance().invoice_apply(request),
    |application| {
        assert_eq!(application.id, 3_512_345_678);
        assert_eq!(application.type_, Some(types::InvoiceHolder::Individual));
        assert_eq!(application.fees, Some(decimal("16.0000")));
        assert_eq!(
            application
                .created
                .as_ref()
                .map(verycloud::Timestamp::unix_seconds),
            Some(1_426_750_757)
        );
        assert_eq!(application.content, None);
    }
);

endpoint_test!(
    invoice_balance,
    "invoiceBalance",
    |client| client.finance().invoice_balance(),
    |balance| {
        assert_eq!(balance.invoiceprice, decimal("57300"));
    }
);

endpoint_test!(
    coupon_list,
    "couponList",
    |client, request| client.finance().coupon_list(request),
    |page| {
        assert_eq!((page.total, page.total_pages), (Some(54), Some(2)));
        let coupon = page.items.first().expect("a coupon");
        assert_eq!(coupon.id, 4_841_234_567);
        assert_eq!(coupon.status, Some(types::CouponStatus::Used));
        assert_eq!(coupon.priceover, Some(decimal("0.0000")));
        assert_eq!(
            coupon
                .endtime
                .as_ref()
                .and_then(|t| t.beijing())
                .map(|t| (t.hour(), t.minute())),
            Some((23, 59))
        );
    }
);

endpoint_test!(
    coupon_exchange,
    "couponExchange",
    |client, request| client.finance().coupon_exchange(request),
    |coupon| {
        assert_eq!(coupon.price, Some(decimal("100.00")));
        assert_eq!(coupon.name.as_deref(), Some("example_user"));
    }
);

endpoint_test!(
    coupon_balance,
    "couponBalance",
    |client| client.finance().coupon_balance(),
    |balance| {
        assert_eq!(balance, decimal("1580.0000"));
    }
);

endpoint_test!(
    flow_price_list,
    "flowPriceList",
    |client| client.cdn().flow_price_list(),
    |prices| {
        assert_eq!(prices.len(), 2);
        assert_eq!(prices[0].upper, Some(1_000_000_000_000));
        assert_eq!(prices[1].price, Some(decimal("1.20")));
        assert_eq!(prices[1].id, 15);
    }
);

endpoint_test!(
    pay_flow_add,
    "payFlowAdd",
    |client, request| client.cdn().pay_flow_add(request),
    |account| {
        assert_eq!(account.freeflowtotal, Some(50_000_000_000));
        assert_eq!(account.flow, Some(16_088_000_000_000));
    }
);

endpoint_test!(
    pay_flow_list,
    "payFlowList",
    |client| client.cdn().pay_flow_list(),
    |records| {
        let first = records.first().expect("a record");
        assert_eq!(first.id, 374_487);
        assert_eq!(first.uid, Some(14_976_123_456));
        assert_eq!(first.flowover, Some(15_088_000_000_000));
        assert_eq!(first.sub_uid, Some(0));
    }
);

endpoint_test!(
    pay_flow_balance,
    "payFlowBalance",
    |client| client.cdn().pay_flow_balance(),
    |balance| {
        assert_eq!(
            balance.free.as_ref().and_then(|q| q.total),
            Some(100_000_000)
        );
        assert_eq!(balance.buy.as_ref().and_then(|q| q.used), Some(0));
        assert_eq!(
            balance.month.as_ref().and_then(|m| m.month.as_deref()),
            Some("201509")
        );
    }
);

endpoint_test!(
    logs,
    "logs",
    |client, request| client.profile().logs(request),
    |page| {
        assert_eq!(
            (page.page, page.limit, page.total),
            (Some(1), Some(20), Some(1))
        );
        let entry = page.items.first().expect("a log entry");
        assert_eq!(entry.id, 7_021_234_567);
        assert_eq!(entry.op, Some(3));
        assert_eq!(
            entry.content.as_deref(),
            Some("主机:i-l0cinjvx\n备份:b_n22ovkdx")
        );
    }
);

/// A `data` no type describes: numbers as strings and as numbers, money, nulls, nesting and
/// Chinese text, which a raw reply must hand back exactly.
fn raw_data() -> Value {
    json!({
        "list": [{"id": "1", "bandwidth": 12.5, "flow": 1_000_000_000_000_i64, "note": null}],
        "total": "1",
        "名称": "静态加速",
        "ok": true
    })
}

endpoint_test!(
    profile_detail,
    "profileDetail",
    |client| client.cdn_domains().profile_detail(),
    |reply| {
        assert_eq!(reply.created.as_deref(), Some("2015年03月21日 13:09:51"));
        assert_eq!(reply.data.len(), 2);
        assert_eq!(reply.data[0].type_, types::CdnServiceType::Cloud);
        assert_eq!(reply.data[1].type_, types::CdnServiceType::Static);
        assert_eq!(reply.data[1].type_zh.as_deref(), Some("静态加速"));
        assert_eq!(reply.data[0].billtype.as_deref(), Some("total"));
        assert_eq!(reply.data[0].billtype_zh.as_deref(), Some("总流量"));
    }
);

endpoint_test!(
    domain_list,
    "domainList",
    |client, request| client.cdn_domains().domain_list(request),
    raw_json
);

endpoint_test!(
    domain_add,
    "domainAdd",
    |client, request| client.cdn_domains().domain_add(request),
    raw_json
);

endpoint_test!(
    domain_update,
    "domainUpdate",
    |client, request| client.cdn_domains().domain_update(request),
    raw_json
);

endpoint_test!(
    domain_start,
    "domainStart",
    |client, request| client.cdn_domains().domain_start(request),
    raw_json
);

endpoint_test!(
    domain_close,
    "domainClose",
    |client, request| client.cdn_domains().domain_close(request),
    raw_json
);

endpoint_test!(
    domain_delete,
    "domainDelete",
    |client, request| client.cdn_domains().domain_delete(request),
    raw_json
);

endpoint_test!(
    domain_log_list,
    "domainLogList",
    |client, request| client.cdn_domains().domain_log_list(request),
    raw_json
);

endpoint_test!(
    domain_bandwidth,
    "domainBandwidth",
    |client, request| client.cdn_domains().domain_bandwidth(request),
    raw_json
);

endpoint_test!(
    domain_logstat,
    "domainLogstat",
    |client, request| client.cdn_domains().domain_logstat(request),
    raw_json
);

endpoint_test!(
    domain_current_data,
    "domainCurrentData",
    |client, request| client.cdn_domains().domain_current_data(request),
    raw_json
);

endpoint_test!(
    ssl_list,
    "sslList",
    |client, request| client.certificates().ssl_list(request),
    raw_json
);

endpoint_test!(
    ssl_add,
    "sslAdd",
    |client, request| client.certificates().ssl_add(request),
    raw_json
);

endpoint_test!(
    ssl_update,
    "sslUpdate",
    |client, request| client.certificates().ssl_update(request),
    raw_json
);

endpoint_test!(
    ssl_delete,
    "sslDelete",
    |client, request| client.certificates().ssl_delete(request),
    raw_json
);

endpoint_test!(
    refresh_list,
    "refreshList",
    |client, request| client.cache().refresh_list(request),
    raw_json
);

endpoint_test!(
    refresh,
    "refresh",
    |client, request| client.cache().refresh(request),
    raw_json
);

endpoint_test!(
    refresh_by_id,
    "refreshById",
    |client, request| client.cache().refresh_by_id(request),
    raw_json
);

endpoint_test!(
    preload,
    "preload",
    |client, request| client.cache().preload(request),
    raw_json
);

endpoint_test!(
    preload_by_id,
    "preloadById",
    |client, request| client.cache().preload_by_id(request),
    raw_json
);

endpoint_test!(
    refresh_delete,
    "refreshDelete",
    |client, request| client.cache().refresh_delete(request),
    raw_json
);

endpoint_test!(
    get_bill_by_user,
    "getBillByUser",
    |client, request| client.cdn_bills().get_bill_by_user(request),
    raw_json
);

endpoint_test!(
    get_bill_by_domain_id,
    "getBillByDomainID",
    |client, request| client.cdn_bills().get_bill_by_domain_id(request),
    raw_json
);

endpoint_test!(
    nodes,
    "nodes",
    |client, request| client.cdn_nodes().nodes(request),
    raw_json
);

endpoint_test!(
    get_nodes_by_client_ip,
    "getNodesByClientIP",
    |client, request| client.cdn_nodes().get_nodes_by_client_ip(request),
    raw_json
);

/// Requests built in code, as callers build them, put the spec's decisions on the wire.
mod built_requests {
    use std::collections::BTreeMap;

    use serde_json::json;
    use verycloud::requests::{
        DomainAddRequest, DomainStartRequest, RefreshRequest, SslUpdateRequest,
    };
    use verycloud::types;

    use super::e2e_support::Exchange;

    const TOKEN: &str = "5d8531de68ae272eacb8670afe084d60";

    /// The envelope of a success without data.
    fn success() -> serde_json::Value {
        json!({"code": 1, "message": "操作完成"})
    }

    #[tokio::test]
    async fn a_domain_id_list_travels_as_domain_ids() {
        let exchange = Exchange::replying("domainStart", &success()).await;
        let reply = exchange
            .client
            .cdn_domains()
            .domain_start(DomainStartRequest::new(vec![7, 8]))
            .await
            .expect("domainStart");
        assert_eq!(reply, None);
        exchange
            .assert_sent(&json!({"token": TOKEN, "domain_ids": [7, 8]}))
            .await;
    }

    #[tokio::test]
    async fn a_certificate_update_names_its_certificate() {
        let exchange = Exchange::replying("sslUpdate", &success()).await;
        exchange
            .client
            .certificates()
            .ssl_update(SslUpdateRequest::new(661).ssl_key("-----BEGIN PRIVATE KEY-----"))
            .await
            .expect("sslUpdate");
        exchange
            .assert_sent(
                &json!({"token": TOKEN, "id": 661, "ssl_key": "-----BEGIN PRIVATE KEY-----"}),
            )
            .await;
    }

    #[tokio::test]
    async fn the_private_key_of_a_certificate_stays_out_of_debug_output() {
        let request = SslUpdateRequest::new(661).ssl_key("-----BEGIN PRIVATE KEY----- secret");
        let shown = format!("{request:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("661"), "{shown}");
    }

    #[tokio::test]
    async fn coded_values_go_out_as_their_codes() {
        let exchange = Exchange::replying("domainAdd", &success()).await;
        let ip = BTreeMap::from([("1.1.1.1".to_owned(), "80".to_owned())]);
        let rule: types::CacheRule =
            serde_json::from_value(json!({"type": 2, "pattern": "php", "unit": "h", "ttl": 1}))
                .expect("a cache rule");
        let request =
            DomainAddRequest::new("www.example.com", types::CdnServiceType::Rtmp, ip, "ICP")
                .cachetype(types::CacheType::CacheStatic)
                .cacheconf(vec![rule])
                .origin_protocol(types::OriginProtocol::Https)
                .ssl_redirect(true)
                .accesskey(types::Switch::On)
                .allow_null_referer(types::Switch::Off);
        exchange
            .client
            .cdn_domains()
            .domain_add(request)
            .await
            .expect("domainAdd");
        exchange
            .assert_sent(&json!({
                "token": TOKEN,
                "name": "www.example.com",
                "type": "rtmp",
                "ip": {"1.1.1.1": "80"},
                "icp": "ICP",
                "cachetype": "cacheStaic",
                "cacheconf": [{"type": 2, "pattern": "php", "ttl": 1, "unit": "h"}],
                "origin_protocol": 0,
                "ssl_redirect": 1,
                "accesskey": "on",
                "allow_null_referer": "off"
            }))
            .await;
    }

    #[tokio::test]
    async fn a_refresh_sends_its_kind_and_urls() {
        let exchange = Exchange::replying("refresh", &success()).await;
        exchange
            .client
            .cache()
            .refresh(
                RefreshRequest::new(types::RefreshType::Dir, "http://www.example.com/img/")
                    .partition(";"),
            )
            .await
            .expect("refresh");
        exchange
            .assert_sent(&json!({"token": TOKEN, "type": "dir", "urls": "http://www.example.com/img/", "partition": ";"}))
            .await;
    }

    #[tokio::test]
    async fn an_acceleration_type_no_source_lists_is_kept() {
        let reply =
            json!({"code": 1, "message": "操作成功", "data": [{"type": "quic", "type_zh": "新"}]});
        let exchange = Exchange::replying("profileDetail", &reply).await;
        let reply = exchange
            .client
            .cdn_domains()
            .profile_detail()
            .await
            .expect("profileDetail");
        assert_eq!(
            reply.data[0].type_,
            types::CdnServiceType::Unknown("quic".to_owned())
        );
        assert_eq!(reply.created, None);
    }
}

/// Every endpoint of the spec has a test above: a new endpoint cannot go untested.
#[test]
fn every_endpoint_of_the_spec_is_tested_here() {
    let source = include_str!("e2e_endpoints.rs");
    let tested: std::collections::BTreeSet<&str> = source
        .split("\nendpoint_test!(")
        .skip(1)
        .filter_map(|call| call.split('"').nth(1))
        .collect();
    let endpoints: std::collections::BTreeSet<&str> = e2e_support::api()
        .endpoints
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(tested, endpoints);
}
