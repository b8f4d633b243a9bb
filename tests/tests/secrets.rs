//! Credentials never reach `Debug` output: the spec marks passwords and the access token
//! `secret`, and the generated structs print `***` in their place.

use verycloud::replies::AuthorizeReply;
use verycloud::requests::{PasswordUpdateRequest, RegisterRequest, SubaccountAddRequest};

const PASSWORD: &str = "hunter2-very-secret";
const TOKEN: &str = "6375710ffd834236652d044776303a4c";

fn assert_redacted(debug: &str, secret: &str) {
    assert!(!debug.contains(secret), "{secret:?} leaked into {debug}");
    assert!(debug.contains("***"), "no redaction marker in {debug}");
}

#[test]
fn request_passwords_are_redacted() {
    let register = RegisterRequest::new("example_user", PASSWORD, PASSWORD, "a@b.cn", "135");
    let debug = format!("{register:?}");
    assert_redacted(&debug, PASSWORD);
    // Fields that are not credentials are still shown.
    assert!(debug.contains("example_user"), "{debug}");

    let update = PasswordUpdateRequest::new(PASSWORD, PASSWORD, PASSWORD);
    assert_redacted(&format!("{update:#?}"), PASSWORD);

    let subaccount = SubaccountAddRequest::new()
        .password(PASSWORD)
        .password2(PASSWORD);
    assert_redacted(&format!("{subaccount:?}"), PASSWORD);
}

#[test]
fn access_token_in_a_reply_is_redacted() {
    let reply: AuthorizeReply = serde_json::from_value(serde_json::json!({
        "code": 1,
        "message": "操作完成",
        "access_token": TOKEN,
        "expires": 1_426_473_466
    }))
    .expect("the documented authorize reply decodes");
    let debug = format!("{reply:?}");
    assert_redacted(&debug, TOKEN);
    assert!(debug.contains("1426473466"), "{debug}");
    // Redaction is for display only: the value itself is intact.
    assert_eq!(reply.access_token, TOKEN);
}
