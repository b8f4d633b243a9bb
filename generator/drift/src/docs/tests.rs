use super::*;

/// Two endpoints in the docs' layout: a wrapped row, broken JSON in both examples, a curl
/// URL that differs from the address, no-break-space indentation.
const SAMPLE: &str = "\
更新子账号权限

接口地址
https://api3.verycloud.cn/API/profile/subaccountPerm
HTTP请求方式
POST
请求参数
名称 类型 必须 说明
token string 密钥
uid int 子账号ID
perms array 权限,例如:{'1': [1,2,3]}
类型包括:1 云主机 2 云硬盘
请求示例
curl -i -X POST https://api3.verycloud.cn/API/profile/update 
 -H \"Accept: application/json\" 
 -d '{\"token\": \"t\", \"id\": 1571234567, name\": \"测试组\"}'
响应示例
{
\u{a0} \"code\": 1,
\u{a0} \"message\": \"操作完成\",
\u{a0} 
}

账户余额

接口地址
https://api3.verycloud.cn/API/profile/balance
HTTP请求方式
POST
请求参数
名称 类型 必须 说明
token string 是 密钥
请求示例
curl -i -X POST https://api3.verycloud.cn/API/profile/balance 
 -d '{\"token\": \"t\"}'
响应示例
{\"code\": 1, \"message\": \"操作完成\", \"data\": \"1580.0000\"}";

#[test]
fn reads_each_endpoint_with_its_title_and_line_range() {
    let docs = read_docs(SAMPLE);
    assert_eq!(docs.problems, []);
    let titles: Vec<_> = docs
        .endpoints
        .iter()
        .map(|e| (e.title.as_str(), e.first_line, e.last_line))
        .collect();
    assert_eq!(titles, [("更新子账号权限", 1, 22), ("账户余额", 24, 37)]);
    let url = docs.endpoints[0].url.as_ref().unwrap();
    assert_eq!(
        (url.base.as_str(), url.path.as_str(), url.line),
        (
            "https://api3.verycloud.cn",
            "/API/profile/subaccountPerm",
            4
        )
    );
    assert_eq!(
        docs.endpoints[0].method.as_ref().map(|m| m.text.as_str()),
        Some("POST")
    );
}

#[test]
fn a_wrapped_row_continues_the_previous_description() {
    let docs = read_docs(SAMPLE);
    let perms = &docs.endpoints[0].params[2];
    assert_eq!(perms.name, "perms");
    assert_eq!(perms.type_word.as_deref(), Some("array"));
    assert_eq!(
        perms.description,
        "权限,例如:{'1': [1,2,3]} 类型包括:1 云主机 2 云硬盘"
    );
    assert_eq!((perms.line, perms.last_line), (11, 12));
    assert_eq!(docs.endpoints[0].params.len(), 3);
}

#[test]
fn the_required_column_is_read_only_when_it_holds_a_mark() {
    let docs = read_docs(SAMPLE);
    let uid = &docs.endpoints[0].params[1];
    assert_eq!(
        (uid.required_mark.as_deref(), uid.description.as_str()),
        (None, "子账号ID")
    );
    let token = &docs.endpoints[1].params[0];
    assert_eq!(
        (token.required_mark.as_deref(), token.required()),
        (Some("是"), Some(true))
    );
    assert_eq!(token.description, "密钥");
}

#[test]
fn descriptions_keep_their_inner_spaces() {
    let docs = read_docs(
        "t\n接口地址\nhttps://h/p\nHTTP请求方式\nPOST\n请求参数\n名称 类型 必须 说明\nrecieve_mail int 是否接收邮件 1 是 0 否\n请求示例\ncurl https://h/p -d '{}'\n响应示例\n{}",
    );
    assert_eq!(docs.problems, []);
    let row = &docs.endpoints[0].params[0];
    assert_eq!(
        (row.required_mark.as_deref(), row.description.as_str()),
        (None, "是否接收邮件 1 是 0 否")
    );
}

#[test]
fn the_curl_url_and_body_are_read_from_a_command_split_over_lines() {
    let docs = read_docs(SAMPLE);
    let curl = docs.endpoints[0].curl.as_ref().unwrap();
    assert_eq!(curl.line, 14);
    assert_eq!(curl.method.as_deref(), Some("POST"));
    let url = curl.url.as_ref().unwrap();
    assert_eq!((url.path.as_str(), url.line), ("/API/profile/update", 14));
    let body = curl.body.as_ref().unwrap();
    assert_eq!(body.line, 16);
    assert_eq!(
        body.value,
        Some(serde_json::json!({"token": "t", "id": 1571234567, "name": "测试组"}))
    );
    let invalid = body.invalid.as_ref().unwrap();
    assert_eq!(invalid.line, 16);
    assert_eq!(
        invalid
            .repairs
            .iter()
            .map(|r| r.message.as_str())
            .collect::<Vec<_>>(),
        ["key `name` lacks its opening quote"]
    );
}

#[test]
fn broken_reply_json_is_recovered_and_its_repairs_listed() {
    let docs = read_docs(SAMPLE);
    let reply = docs.endpoints[0].reply_example.as_ref().unwrap();
    assert_eq!(reply.line, 18);
    assert!(
        !reply.text.contains('\u{a0}'),
        "no-break spaces become spaces"
    );
    assert_eq!(
        reply.value,
        Some(serde_json::json!({"code": 1, "message": "操作完成"}))
    );
    let invalid = reply.invalid.as_ref().unwrap();
    assert_eq!(
        invalid.repairs,
        [Repair {
            line: 20,
            message: "trailing comma before `}` removed".to_owned()
        }]
    );
    assert_eq!(invalid.line, 22);
}

#[test]
fn indentation_with_no_break_spaces_alone_is_valid() {
    let docs = read_docs(SAMPLE);
    let reply = docs.endpoints[1].reply_example.as_ref().unwrap();
    assert_eq!(reply.invalid, None);
    assert_eq!(
        reply.value,
        Some(serde_json::json!({"code": 1, "message": "操作完成", "data": "1580.0000"}))
    );
}

#[test]
fn what_cannot_be_read_is_reported_with_its_line() {
    let text = "\
标题

接口地址
not a url
HTTP请求方式
POST
请求参数
名称 类型 说明
类型包括:1 云主机
uid
请求示例
-d '{}'
响应示例
{\"a\": \"never closed}";
    let docs = read_docs(text);
    let problems: Vec<_> = docs
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (3, "endpoint `标题` has no curl command under `请求示例`"),
            (4, "`not a url` is not an http(s) URL"),
            (
                8,
                "table header reads `名称 类型 说明`, expected `名称 类型 必须 说明`"
            ),
            (
                9,
                "line is neither a parameter row nor part of one: `类型包括:1 云主机`"
            ),
            (10, "row `uid` has no type word"),
            (
                14,
                "example JSON unreadable even with repairs: EOF while parsing a string; a string is never closed"
            ),
        ]
    );
    assert_eq!(docs.endpoints.len(), 1);
    assert_eq!(docs.endpoints[0].url, None);
    assert_eq!(
        docs.endpoints[0]
            .reply_example
            .as_ref()
            .and_then(|j| j.value.as_ref()),
        None
    );
}

#[test]
fn a_missing_section_is_reported_and_the_rest_still_read() {
    let docs = read_docs(
        "标题\n接口地址\nhttps://h/API/x\n请求参数\n名称 类型 必须 说明\nid int 编号\n响应示例\n{}\n",
    );
    let problems: Vec<_> = docs.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        problems,
        [
            "endpoint `标题` has no `HTTP请求方式` section",
            "endpoint `标题` has no `请求示例` section"
        ]
    );
    assert_eq!(docs.endpoints[0].params[0].name, "id");
    assert_eq!(
        docs.endpoints[0].url.as_ref().map(|u| u.path.as_str()),
        Some("/API/x")
    );
}

#[test]
fn text_without_the_layout_is_a_problem_not_a_failure() {
    let docs = read_docs("hello\nworld\n");
    assert_eq!(docs.endpoints, []);
    assert_eq!(
        docs.problems[0].message,
        "no `接口地址` line: not the layout of the VeryCloud docs"
    );
}
