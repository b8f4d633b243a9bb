//! The request body: `--json` (a whole body, or `-` for standard input) with the flags' values
//! over it, checked against the request's fields and then decoded into the typed request.

use std::io::Read;

use clap::ArgMatches;
use serde::de::DeserializeOwned;

use crate::exit::Failure;
use crate::fields::{Field, Value};
use crate::json::Json;
use crate::values;

/// The id (and long name) of the flag that takes a whole request body.
pub const JSON_FLAG: &str = "json";

/// The most standard input `--json -` reads.
const MAX_STDIN: u64 = 64 * 1024 * 1024;

/// The body of a request with these `fields` from the command line: the object `--json`
/// gives (none when it is not given), then each field's flag, which replaces the member of the
/// same name.
///
/// `token_field` is the member the client adds by itself; `--json` may not carry it.
pub fn gather(
    fields: &[Field],
    matches: &ArgMatches,
    token_field: &str,
    stdin: &mut dyn Read,
) -> Result<Json, Failure> {
    let mut members = match matches.get_one::<String>(JSON_FLAG) {
        Some(text) => given_body(fields, text, token_field, stdin)?,
        None => Vec::new(),
    };
    for field in fields {
        let Some(value) = flag_value(field, matches)? else {
            continue;
        };
        match members.iter_mut().find(|(name, _)| name == field.wire_name) {
            Some((_, member)) => *member = value,
            None => members.push((field.wire_name.to_owned(), value)),
        }
    }
    Ok(Json::Object(members))
}

/// The members of the body `--json` gives: its text, or standard input for `-`.
fn given_body(
    fields: &[Field],
    text: &str,
    token_field: &str,
    stdin: &mut dyn Read,
) -> Result<Vec<(String, Json)>, Failure> {
    let read;
    let text = if text == "-" {
        let mut bytes = Vec::new();
        stdin
            .take(MAX_STDIN + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| Failure::Local(format!("cannot read standard input: {error}")))?;
        if u64::try_from(bytes.len()).map_or(true, |length| length > MAX_STDIN) {
            return Err(Failure::Usage(format!(
                "--json -: standard input holds more than {MAX_STDIN} bytes"
            )));
        }
        read = String::from_utf8(bytes)
            .map_err(|_| Failure::Usage("--json -: standard input is not UTF-8".to_owned()))?;
        read.as_str()
    } else {
        text
    };
    let body = Json::parse(text).map_err(|error| {
        Failure::Usage(format!(
            "--json: not JSON: {}",
            values::without_position(&error)
        ))
    })?;
    let Json::Object(members) = body else {
        return Err(Failure::Usage(
            "--json: the request body must be a JSON object ({\"name\": value, …})".to_owned(),
        ));
    };
    for (name, _) in &members {
        if name == token_field {
            return Err(Failure::Usage(format!(
                "--json: leave out `{token_field}`: the tool adds the access token itself (from `login` or VERYCLOUD_TOKEN)"
            )));
        }
        if !fields.iter().any(|field| field.wire_name == name) {
            let known: Vec<&str> = fields.iter().map(|field| field.wire_name).collect();
            return Err(Failure::Usage(format!(
                "--json: `{name}` is not a field of this request; its fields are {}",
                known.join(", ")
            )));
        }
    }
    Ok(members)
}

/// A field's value from its flag, when the flag is given: the parsed value, or an array of
/// them for a list.
fn flag_value(field: &Field, matches: &ArgMatches) -> Result<Option<Json>, Failure> {
    if field.secret {
        // A secret's flag keeps its text, so that clap's messages never show it; it is read here.
        let Some(texts) = matches.get_many::<String>(field.flag) else {
            return Ok(None);
        };
        let values = texts
            .map(|text| secret_value(field, text))
            .collect::<Result<Vec<Json>, Failure>>()?;
        return Ok(Some(one_or_list(field, values)));
    }
    let Some(values) = matches.get_many::<Json>(field.flag) else {
        return Ok(None);
    };
    Ok(Some(one_or_list(field, values.cloned().collect())))
}

fn one_or_list(field: &Field, mut values: Vec<Json>) -> Json {
    if field.list {
        Json::Array(values)
    } else {
        values.pop().unwrap_or_else(Json::null)
    }
}

/// A secret field's value, read from its text without showing it in any message.
fn secret_value(field: &Field, text: &str) -> Result<Json, Failure> {
    let refused = || {
        Failure::Usage(format!(
            "--{}: not a valid value (not shown: the field holds a secret)",
            field.flag
        ))
    };
    match &field.value {
        Value::Parsed { parse, .. } => parse(text).map_err(|_| refused()),
        Value::Codes { integer, codes } => codes
            .iter()
            .any(|code| code.code == text)
            .then(|| values::code(text, *integer))
            .ok_or_else(refused),
    }
}

/// The typed request from the body of a request with these `fields`; a value the request type
/// refuses is a usage error that names the field's flag (without its value, for a secret).
pub fn decode<R: DeserializeOwned>(fields: &[Field], body: &Json) -> Result<R, Failure> {
    let text = body.compact();
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let field = error
            .path()
            .iter()
            .next()
            .and_then(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => {
                    fields.iter().find(|field| field.wire_name == key)
                }
                _ => None,
            });
        let message = values::without_position(error.inner());
        Failure::Usage(match field {
            Some(field) if field.secret => format!(
                "--{} (`{}`): not a valid value (not shown: the field holds a secret)",
                field.flag, field.wire_name
            ),
            Some(field) => format!("--{} (`{}`): {message}", field.flag, field.wire_name),
            None => match missing_field(&message)
                .and_then(|name| fields.iter().find(|field| field.wire_name == name))
            {
                Some(field) => format!(
                    "the request needs `{}`: give --{} (or `{}` in --json)",
                    field.wire_name, field.flag, field.wire_name
                ),
                None => format!("the request is not valid: {message}"),
            },
        })
    })
}

/// The name in serde's "missing field `name`" message.
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
}
