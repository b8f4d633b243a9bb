//! Stage 3: the validated spec as the [`Api`] the emitters read. Every check has passed, so
//! nothing here can fail.

use indexmap::IndexMap;

use crate::format::{ExampleSide, RawDeparture, RawProvenance, RawSource};
use crate::model::{
    Api, Constructed, Contact, Departure, Endpoint, EnumValue, Envelope, Field, Group, Info,
    Locator, Login, NamedType, Provenance, Reply, Source, TypeKind,
};
use crate::source_map::child;
use crate::validate::{CheckedEndpoint, CheckedField, CheckedKind, CheckedType, Validated};

/// Stage 3: resolve a validated spec into the [`Api`] the emitters read.
pub fn build(validated: Validated) -> Api {
    let Validated {
        info,
        groups,
        sources,
        types,
        endpoints,
    } = validated;
    let envelope = info.envelope;
    let login = info.login;
    let types: Vec<NamedType> = types
        .into_iter()
        .map(|(name, checked)| named_type(name, checked))
        .collect();
    Api::new(
        Info {
            title: info.title,
            version: info.version,
            base_url: info.base_url,
            description: info.description,
            token_field: info.token_field,
            envelope: Envelope {
                code_field: envelope.code_field,
                message_field: envelope.message_field,
                data_field: envelope.data_field,
                success_code: envelope.success_code,
            },
            login: Login {
                endpoint: login.endpoint,
                username_field: login.username_field,
                password_field: login.password_field,
                access_token_field: login.access_token_field,
                expires_field: login.expires_field,
            },
            notes: info.notes,
            contact: info.contact.map(|contact| Contact {
                name: contact.name,
                url: contact.url,
            }),
        },
        groups
            .into_iter()
            .map(|(key, group)| Group {
                key,
                zh: group.zh,
                en: group.en,
            })
            .collect(),
        types,
        endpoints
            .into_iter()
            .map(|(name, checked)| endpoint(name, checked))
            .collect(),
    )
    .with_sources(
        sources
            .into_iter()
            .map(|(key, raw)| source(key, raw))
            .collect(),
    )
}

fn source(key: String, raw: RawSource) -> Source {
    Source {
        key,
        kind: raw.kind,
        title: raw.title,
        file: raw.file,
        url: raw.url,
        commit: raw.commit,
        notes: raw.notes,
    }
}

/// Validation refuses an entry without exactly its source's locator, so one is always found.
fn provenance(raw: RawProvenance) -> Provenance {
    let locator = match (raw.line, raw.section, raw.method) {
        (Some(line), _, _) => Locator::Line(line),
        (None, Some(section), _) => Locator::Section(section),
        (None, None, method) => Locator::Method(method.unwrap_or_default()),
    };
    Provenance {
        source: raw.source,
        locator,
    }
}

fn named_type(name: String, checked: CheckedType) -> NamedType {
    let CheckedType { raw, kind } = checked;
    let kind = match kind {
        CheckedKind::Object(fields) => TypeKind::Object {
            fields: all_fields(fields),
        },
        CheckedKind::Enum { code, values } => TypeKind::Enum {
            code,
            values: values
                .into_iter()
                .map(|value| EnumValue {
                    code: value.code,
                    name: value.raw.name,
                    zh: value.raw.zh,
                    en: value.raw.en,
                })
                .collect(),
        },
    };
    NamedType {
        yaml_path: child("types", &name),
        name,
        zh: raw.zh,
        en: raw.en,
        notes: raw.notes,
        departures: departures(raw.departures),
        kind,
    }
}

fn endpoint(name: String, checked: CheckedEndpoint) -> Endpoint {
    let CheckedEndpoint {
        raw,
        request,
        data,
        reply_fields,
        request_example,
        reply_example,
    } = checked;
    Endpoint {
        yaml_path: child("endpoints", &name),
        name,
        path: raw.path,
        group: raw.group,
        zh: raw.zh,
        en: raw.en,
        needs_token: raw.token,
        read_only: raw.read_only,
        notes: raw.notes,
        provenance: raw.provenance.into_iter().map(provenance).collect(),
        departures: departures(raw.departures),
        request: all_fields(request),
        reply: Reply {
            data: data.map(field),
            fields: all_fields(reply_fields),
            paged: raw.reply.paged,
        },
        // Validation fails on an example that does not parse, so both are present here.
        request_example: request_example.unwrap_or_default(),
        reply_example: reply_example.unwrap_or_default(),
        constructed: Constructed {
            request: raw.examples.constructed.contains(&ExampleSide::Request),
            reply: raw.examples.constructed.contains(&ExampleSide::Reply),
        },
    }
}

fn all_fields(fields: IndexMap<String, CheckedField>) -> Vec<Field> {
    fields.into_values().map(field).collect()
}

fn field(checked: CheckedField) -> Field {
    let CheckedField {
        wire_name,
        raw,
        ty,
        wire,
        example,
        path,
    } = checked;
    Field {
        rust_name: raw.rust_name,
        wire_name,
        ty,
        wire,
        required: raw.required,
        nullable: raw.nullable,
        secret: raw.secret,
        zh: raw.zh,
        en: raw.en,
        example,
        notes: raw.notes,
        departures: departures(raw.departures),
        yaml_path: path,
    }
}

fn departures(raw: Vec<RawDeparture>) -> Vec<Departure> {
    raw.into_iter()
        .map(|d| Departure {
            kind: d.kind,
            docs: d.docs,
            why: d.why,
            source: d.source,
        })
        .collect()
}
