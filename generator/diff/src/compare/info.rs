//! `info`: the API-wide facts.

use super::Comparison;
use crate::report::Change;
use crate::rules::RuleId;
use spec::source_map::item;

impl Comparison<'_> {
    pub(super) fn info(&mut self) {
        let (old, new) = (&self.old.info, &self.new.info);
        if old.version != new.version {
            self.push(
                Change::new(
                    RuleId::VersionChanged,
                    "info.version",
                    format!("version {} → {}", old.version, new.version),
                )
                .old_new(&old.version, &new.version),
            );
        }
        if old.base_url != new.base_url {
            self.push(
                Change::new(
                    RuleId::BaseUrlChanged,
                    "info.base_url",
                    "the base URL changed: deployed clients keep calling the old one",
                )
                .old_new(&old.base_url, &new.base_url),
            );
        }
        if old.token_field != new.token_field {
            self.push(
                Change::new(
                    RuleId::TokenFieldChanged,
                    "info.token_field",
                    "the token travels in another body field: deployed clients send it in the old one",
                )
                .old_new(&old.token_field, &new.token_field),
            );
        }
        let envelope = [
            (
                "code_field",
                &old.envelope.code_field,
                &new.envelope.code_field,
            ),
            (
                "message_field",
                &old.envelope.message_field,
                &new.envelope.message_field,
            ),
            (
                "data_field",
                &old.envelope.data_field,
                &new.envelope.data_field,
            ),
        ];
        for (key, before, after) in envelope {
            if before != after {
                self.push(
                    Change::new(
                        RuleId::EnvelopeChanged,
                        format!("info.envelope.{key}"),
                        format!("the reply envelope's `{key}` changed: every deployed client reads the old member"),
                    )
                    .old_new(before, after),
                );
            }
        }
        if old.envelope.success_code != new.envelope.success_code {
            self.push(
                Change::new(
                    RuleId::EnvelopeChanged,
                    "info.envelope.success_code",
                    "the success code changed: deployed clients take every reply for a failure",
                )
                .old_new(
                    old.envelope.success_code.to_string(),
                    new.envelope.success_code.to_string(),
                ),
            );
        }
        let login = [
            ("endpoint", &old.login.endpoint, &new.login.endpoint),
            (
                "username_field",
                &old.login.username_field,
                &new.login.username_field,
            ),
            (
                "password_field",
                &old.login.password_field,
                &new.login.password_field,
            ),
            (
                "access_token_field",
                &old.login.access_token_field,
                &new.login.access_token_field,
            ),
            (
                "expires_field",
                &old.login.expires_field,
                &new.login.expires_field,
            ),
        ];
        for (key, before, after) in login {
            // Renaming the login endpoint's key is reported on the endpoint; `login.endpoint`
            // follows it and is no change of behaviour.
            let follows_rename = key == "endpoint"
                && self
                    .endpoint_renamed_to(before)
                    .is_some_and(|name| name == after);
            if before != after && !follows_rename {
                self.push(
                    Change::new(
                        RuleId::LoginChanged,
                        format!("info.login.{key}"),
                        format!("`client.login()` changes: `info.login.{key}` is now `{after}`"),
                    )
                    .old_new(before, after),
                );
            }
        }
        self.doc("info", "title", Some(&old.title), Some(&new.title));
        self.doc(
            "info",
            "description",
            Some(&old.description),
            Some(&new.description),
        );
        for index in 0..old.notes.len().max(new.notes.len()) {
            let (before, after) = (old.notes.get(index), new.notes.get(index));
            if before != after {
                self.doc_at(
                    item("info.notes", index),
                    "note",
                    before.map(String::as_str),
                    after.map(String::as_str),
                );
            }
        }
    }
}
