//! Drafts left in the spec: the texts `docs-drift --skeleton` writes for a person to settle
//! (`en: "TODO: translate \"发票详情\""`, a departure's `why: "TODO: …"`). A spec holding one is
//! not finished, and whatever is generated from it would publish the marker, so each is an
//! error at its place.

use crate::diagnostics::Reporter;
use crate::format::{RawDeparture, RawField, RawSpec, is_draft};
use crate::source_map::{child, item};

pub(crate) fn check(raw: &RawSpec, reporter: &mut Reporter<'_>) {
    let mut drafts = Drafts { reporter };
    drafts.text("info.description", &raw.info.description);
    for (index, note) in raw.info.notes.iter().enumerate() {
        drafts.text(&item("info.notes", index), note);
    }
    for (name, group) in &raw.groups {
        let path = child("groups", name);
        drafts.text(&child(&path, "zh"), &group.zh);
        drafts.text(&child(&path, "en"), &group.en);
    }
    for (name, ty) in &raw.types {
        let path = child("types", name);
        drafts.prose(
            &path,
            ty.zh.as_deref(),
            &ty.en,
            ty.notes.as_deref(),
            &ty.departures,
        );
        for (wire_name, field) in ty.fields.iter().flatten() {
            drafts.field(&child(&child(&path, "fields"), wire_name), field);
        }
        if let Some(enumeration) = &ty.enumeration {
            let values = child(&child(&path, "enum"), "values");
            for (index, value) in enumeration.values.iter().enumerate() {
                let value_path = item(&values, index);
                if let Some(zh) = &value.zh {
                    drafts.text(&child(&value_path, "zh"), zh);
                }
                drafts.text(&child(&value_path, "en"), &value.en);
            }
        }
    }
    for (name, endpoint) in &raw.endpoints {
        let path = child("endpoints", name);
        drafts.text(&child(&path, "zh"), &endpoint.zh);
        drafts.prose(
            &path,
            None,
            &endpoint.en,
            endpoint.notes.as_deref(),
            &endpoint.departures,
        );
        for (wire_name, field) in &endpoint.request {
            drafts.field(&child(&child(&path, "request"), wire_name), field);
        }
        let reply = child(&path, "reply");
        if let Some(data) = &endpoint.reply.data {
            drafts.field(&child(&reply, "data"), data);
        }
        for (wire_name, field) in &endpoint.reply.fields {
            drafts.field(&child(&child(&reply, "fields"), wire_name), field);
        }
    }
}

struct Drafts<'r, 'a> {
    reporter: &'r mut Reporter<'a>,
}

impl Drafts<'_, '_> {
    fn field(&mut self, path: &str, field: &RawField) {
        self.prose(
            path,
            field.zh.as_deref(),
            &field.en,
            field.notes.as_deref(),
            &field.departures,
        );
    }

    /// The prose keys an element of the spec shares: `zh`, `en`, `notes`, `departures`.
    fn prose(
        &mut self,
        path: &str,
        zh: Option<&str>,
        en: &str,
        notes: Option<&str>,
        departures: &[RawDeparture],
    ) {
        if let Some(zh) = zh {
            self.text(&child(path, "zh"), zh);
        }
        self.text(&child(path, "en"), en);
        if let Some(notes) = notes {
            self.text(&child(path, "notes"), notes);
        }
        let list = child(path, "departures");
        for (index, departure) in departures.iter().enumerate() {
            let departure_path = item(&list, index);
            self.text(&child(&departure_path, "docs"), &departure.docs);
            self.text(&child(&departure_path, "why"), &departure.why);
        }
    }

    fn text(&mut self, path: &str, text: &str) {
        if !is_draft(text) {
            return;
        }
        let key = path.rsplit('.').next().unwrap_or(path);
        let hint = match key {
            "en" => "write the English text the TODO asks for",
            "zh" => "copy the docs' text",
            "why" => "judge the departure: say why the spec departs from the docs, or remove it",
            "notes" => "settle what the TODO asks, then write the note or remove it",
            _ => "settle what the TODO asks and write the text",
        };
        self.reporter.error(
            path,
            format!(
                "`{key}` is still a draft left for a person: {}",
                excerpt(text)
            ),
            format!("{hint}; a spec with drafts is not generated"),
        );
    }
}

/// The text's first line, cut at 60 characters.
fn excerpt(text: &str) -> String {
    const LONGEST: usize = 60;
    let line = text.trim().lines().next().unwrap_or_default();
    let mut excerpt: String = line.chars().take(LONGEST).collect();
    if line.chars().count() > LONGEST || text.trim().lines().nth(1).is_some() {
        excerpt.push('…');
    }
    format!("\"{excerpt}\"")
}

#[cfg(test)]
mod tests {
    use crate::load::load_str;
    use crate::validate::validate;

    const SPEC: &str = r#"
info:
  title: T
  version: 0.1.0
  base_url: https://api3.verycloud.cn
  description: An API.
  token_field: token
  envelope: {code_field: code, message_field: message, data_field: data, success_code: 1}
  login: {endpoint: authorize, username_field: username, password_field: password, access_token_field: access_token, expires_field: expires}
groups:
  oauth: {zh: 授权, en: Authorisation.}
types:
  Invoice:
    en: "TODO: describe"
    notes: "TODO: fields and types guessed from the docs' reply example."
    fields:
      id: {type: integer, en: "TODO: describe"}
endpoints:
  authorize:
    path: /API/OAuth/authorize
    group: oauth
    zh: 获取token
    en: "TODO: translate \"获取token\""
    token: false
    read_only: false
    notes: Not a TODO, though it says the word.
    departures:
      - {kind: reply-example, docs: x, why: "TODO: the envelope is completed"}
    request:
      username: {type: string, required: true, zh: 用户名, en: User name.}
      password: {type: string, required: true, zh: 密码, en: "  TODO: translate \"密码\""}
    reply:
      fields:
        access_token: {type: string, required: true, en: Token.}
        expires: {type: unixtime, required: true, en: Expiry.}
    examples:
      request: '{"username": "u", "password": "p"}'
      reply: '{"code": 1, "message": "ok", "access_token": "a", "expires": 1}'
"#;

    #[test]
    fn every_draft_is_an_error_at_its_place() {
        let document = load_str("spec.yaml", SPEC).expect("loads");
        let diagnostics = validate(&document).expect_err("drafts fail validation");
        let found: Vec<(Option<usize>, &str, &str)> = diagnostics
            .0
            .iter()
            .map(|d| (d.line, d.yaml_path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some(14),
                    "types.Invoice.en",
                    "`en` is still a draft left for a person: \"TODO: describe\""
                ),
                (
                    Some(15),
                    "types.Invoice.notes",
                    "`notes` is still a draft left for a person: \"TODO: fields and types guessed from the docs' reply example.\""
                ),
                (
                    Some(17),
                    "types.Invoice.fields.id.en",
                    "`en` is still a draft left for a person: \"TODO: describe\""
                ),
                (
                    Some(23),
                    "endpoints.authorize.en",
                    "`en` is still a draft left for a person: \"TODO: translate \"获取token\"\""
                ),
                (
                    Some(28),
                    "endpoints.authorize.departures[0].why",
                    "`why` is still a draft left for a person: \"TODO: the envelope is completed\""
                ),
                (
                    Some(31),
                    "endpoints.authorize.request.password.en",
                    "`en` is still a draft left for a person: \"TODO: translate \"密码\"\""
                ),
            ]
        );
        assert!(diagnostics.0.iter().all(|d| {
            d.column.is_some()
                && d.hint
                    .as_deref()
                    .is_some_and(|h| h.ends_with("a spec with drafts is not generated"))
        }));
    }
}
