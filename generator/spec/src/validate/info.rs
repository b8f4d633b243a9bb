//! `info`: the version, the base URL and the login endpoint.

use indexmap::IndexMap;

use super::checked::CheckedEndpoint;
use crate::diagnostics::Reporter;
use crate::format::RawInfo;

pub(crate) fn check(info: &RawInfo, reporter: &mut Reporter<'_>) {
    if let Err(error) = semver::Version::parse(&info.version) {
        reporter.error(
            "info.version",
            format!("the version `{}` is not semver: {error}", info.version),
            "write MAJOR.MINOR.PATCH, for example `1.0.0`",
        );
    }
    if !is_base_url(&info.base_url) {
        reporter.error(
            "info.base_url",
            format!(
                "the base URL `{}` is not an http(s) URL without a trailing `/`",
                info.base_url
            ),
            "write it as `https://api3.verycloud.cn`; endpoint paths start with `/`",
        );
    }
    if info.token_field.trim().is_empty() {
        reporter.error(
            "info.token_field",
            "the token field name is empty",
            "write the body field that carries the token: `token`",
        );
    }
}

fn is_base_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', ':']).next().unwrap_or("");
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !url.ends_with('/')
        && !url.contains(|c: char| c.is_whitespace() || c == '?' || c == '#')
}

/// `info.login` names an endpoint that takes no token, two of its request fields and two of
/// its top-level reply fields.
pub(crate) fn check_login(
    info: &RawInfo,
    endpoints: &IndexMap<String, CheckedEndpoint>,
    reporter: &mut Reporter<'_>,
) {
    let login = &info.login;
    let Some(endpoint) = endpoints.get(&login.endpoint) else {
        reporter.error(
            "info.login.endpoint",
            format!("the login endpoint `{}` is not an endpoint", login.endpoint),
            "name the key of the endpoint that trades a username and password for a token",
        );
        return;
    };
    if endpoint.raw.token {
        reporter.error(
            "info.login.endpoint",
            format!(
                "the login endpoint `{}` has `token: true`, but logging in cannot need a token",
                login.endpoint
            ),
            "set `token: false` on it, or name the right endpoint",
        );
    }
    for (key, wire_name) in [
        ("username_field", &login.username_field),
        ("password_field", &login.password_field),
    ] {
        if !endpoint.request.contains_key(wire_name) {
            reporter.error(
                &format!("info.login.{key}"),
                format!(
                    "`{wire_name}` is not a request field of the login endpoint `{}`",
                    login.endpoint
                ),
                "name a field of its `request`",
            );
        }
    }
    for (key, wire_name) in [
        ("access_token_field", &login.access_token_field),
        ("expires_field", &login.expires_field),
    ] {
        if !endpoint.reply_fields.contains_key(wire_name) {
            reporter.error(
                &format!("info.login.{key}"),
                format!(
                    "`{wire_name}` is not a top-level reply field of the login endpoint `{}`",
                    login.endpoint
                ),
                "name a field of its `reply.fields`",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_base_url;

    #[test]
    fn accepts_only_http_base_urls() {
        assert!(is_base_url("https://api3.verycloud.cn"));
        assert!(is_base_url("http://localhost:8080"));
        assert!(!is_base_url("https://api3.verycloud.cn/"));
        assert!(!is_base_url("ftp://api3.verycloud.cn"));
        assert!(!is_base_url("https://"));
        assert!(!is_base_url("api3.verycloud.cn"));
        assert!(!is_base_url("https://a b"));
    }
}
