//! Where a printed value holds secrets (a token in a login reply), to hide them.

use crate::json::Json;

/// Where a value holds secrets; [`Secrets::hide`] replaces each with `"***"`.
#[derive(Debug)]
pub enum Secrets {
    /// The value is a secret.
    Secret,
    /// The value is an object; these members hold secrets.
    Members(&'static [(&'static str, &'static Secrets)]),
    /// The value is an array or map; each of its items or values holds secrets like this.
    Each(&'static Secrets),
}

impl Secrets {
    /// Replaces every secret in `value` with `"***"`. A value not shaped as expected is
    /// hidden whole where a secret would be, and left alone elsewhere.
    pub fn hide(&self, value: &mut Json) {
        match (self, value) {
            (Secrets::Secret, value) => {
                if !value.is_null() {
                    *value = Json::string("***");
                }
            }
            (Secrets::Members(members), Json::Object(present)) => {
                for (name, value) in present.iter_mut() {
                    for (secret_member, secrets) in members.iter() {
                        if secret_member == name {
                            secrets.hide(value);
                        }
                    }
                }
            }
            (Secrets::Each(each), Json::Array(items)) => {
                for item in items {
                    each.hide(item);
                }
            }
            (Secrets::Each(each), Json::Object(members)) => {
                for (_, value) in members {
                    each.hide(value);
                }
            }
            (Secrets::Members(_) | Secrets::Each(_), _) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;

    static ACCOUNT: Secrets = Secrets::Members(&[("password", &Secrets::Secret)]);
    static REPLY: Secrets = Secrets::Members(&[
        ("access_token", &Secrets::Secret),
        ("accounts", &Secrets::Each(&ACCOUNT)),
    ]);

    #[test]
    fn hides_secrets_at_every_depth() {
        let mut reply = Json::parse(
            r#"{"access_token":"t0k3n","expires":7200,"accounts":[{"name":"a","password":"p1"},{"name":"b","password":null}]}"#,
        )
        .unwrap();
        REPLY.hide(&mut reply);
        assert_eq!(
            reply.compact(),
            r#"{"access_token":"***","expires":7200,"accounts":[{"name":"a","password":"***"},{"name":"b","password":null}]}"#
        );
    }

    #[test]
    fn a_secret_where_an_object_was_expected_is_hidden_whole() {
        let mut reply = Json::parse(r#"{"access_token":{"value":"t0k3n"}}"#).unwrap();
        REPLY.hide(&mut reply);
        assert_eq!(reply.compact(), r#"{"access_token":"***"}"#);
        let mut odd = Json::parse(r#"{"accounts":"p1"}"#).unwrap();
        REPLY.hide(&mut odd);
        assert_eq!(odd.compact(), r#"{"accounts":"p1"}"#);
    }
}
