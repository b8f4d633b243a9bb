//! Endpoints: the operation, its request and its reply.

use super::fields::Owner;
use super::{Comparison, Matching, match_by_key};
use crate::rename::{Described, Evidence};
use crate::report::Change;
use crate::rules::RuleId;
use crate::usage::Directions;
use spec::model::{Api, Endpoint};
use spec::names::rust as names;
use spec::source_map::child;

/// Reply members the client reads into `Page<T>` rather than into a reply struct.
const PAGING_FIELDS: [&str; 4] = ["total", "totalpage", "page", "limit"];

/// Endpoints match by operation name, then by path (a renamed operation), then by an equal
/// Chinese title or a close operation name (an operation renamed along with its path).
pub(super) fn matching(old: &Api, new: &Api) -> Matching {
    match_by_key(
        &old.endpoints,
        &new.endpoints,
        |e| &e.name,
        |a, b| {
            Some(Evidence {
                // Scores above any other signal, so that a path match always wins.
                path: a.path == b.path,
                ..Evidence::of(describe(a), describe(b))
            })
        },
    )
}

/// Descriptions are left out: two different endpoints of one group are often summarised alike.
fn describe(endpoint: &Endpoint) -> Described<'_> {
    Described {
        name: &endpoint.name,
        en: "",
        zh: Some(&endpoint.zh),
    }
}

impl Comparison<'_> {
    /// The new operation name of an old endpoint that was renamed.
    pub(super) fn endpoint_renamed_to(&self, old_name: &str) -> Option<&str> {
        self.endpoint_matching
            .renamed
            .iter()
            .find(|(i, _)| self.old.endpoints[*i].name == old_name)
            .map(|(_, j)| self.new.endpoints[*j].name.as_str())
    }

    pub(super) fn endpoints(&mut self) {
        let (old, new) = (self.old, self.new);
        let matching = self.endpoint_matching.clone();
        self.record(
            "endpoint",
            "endpoints",
            &matching,
            (&old.endpoints, &new.endpoints),
            |e| &e.name,
        );
        let renamed = matching.renamed;
        for (old_index, new_index) in self.endpoint_matching.pairs() {
            let (before, after) = (&old.endpoints[old_index], &new.endpoints[new_index]);
            if renamed.contains(&(old_index, new_index)) {
                self.renamed_endpoint(before, after);
            }
            self.endpoint_pair(before, after);
        }
        for index in self.endpoint_matching.removed.clone() {
            let endpoint = &old.endpoints[index];
            self.push(
                Change::new(
                    RuleId::EndpointRemoved,
                    &endpoint.yaml_path,
                    format!(
                        "endpoint `{}` removed: `{}` is gone",
                        endpoint.name,
                        call(endpoint)
                    ),
                )
                .values(Some(&endpoint.path), None::<&str>),
            );
        }
        for index in self.endpoint_matching.added.clone() {
            let endpoint = &new.endpoints[index];
            self.push(
                Change::new(
                    RuleId::EndpointAdded,
                    &endpoint.yaml_path,
                    format!("endpoint `{}` added: `{}`", endpoint.name, call(endpoint)),
                )
                .values(None::<&str>, Some(&endpoint.path)),
            );
        }
    }

    fn renamed_endpoint(&mut self, before: &Endpoint, after: &Endpoint) {
        let rust_kept = names::method(&before.name) == names::method(&after.name)
            && names::request_struct(&before.name) == names::request_struct(&after.name);
        let change = if rust_kept {
            // Only the OpenAPI operationId changes; no client acts on it.
            Change::new(
                RuleId::DocChanged,
                &after.yaml_path,
                format!(
                    "operation `{}` is now `{}`; its Rust names stay",
                    before.name, after.name
                ),
            )
        } else {
            Change::new(
                RuleId::EndpointRenamed,
                &after.yaml_path,
                format!(
                    "endpoint `{}` is now `{}`: `{}` becomes `{}`, `{}` becomes `{}`",
                    before.name,
                    after.name,
                    names::method(&before.name),
                    names::method(&after.name),
                    names::request_struct(&before.name),
                    names::request_struct(&after.name)
                ),
            )
        };
        self.push(change.old_new(&before.name, &after.name));
    }

    fn endpoint_pair(&mut self, before: &Endpoint, after: &Endpoint) {
        let path = after.yaml_path.as_str();
        if before.path != after.path {
            self.push(
                Change::new(
                    RuleId::EndpointPathChanged,
                    child(path, "path"),
                    format!(
                        "`{}` moved to another path: deployed clients call the old one",
                        after.name
                    ),
                )
                .old_new(&before.path, &after.path),
            );
        }
        let group_before = self.group_keys.get(&before.group).unwrap_or(&before.group);
        if *group_before != after.group {
            self.push(
                Change::new(
                    RuleId::GroupChanged,
                    child(path, "group"),
                    format!(
                        "`{}` moved: `{}` becomes `{}`",
                        after.name,
                        call(before),
                        call(after)
                    ),
                )
                .old_new(&before.group, &after.group),
            );
        }
        match (before.needs_token, after.needs_token) {
            (false, true) => self.push(
                Change::new(
                    RuleId::TokenRequirementAdded,
                    child(path, "token"),
                    format!(
                        "`{}` now needs the token: deployed clients do not send it",
                        after.name
                    ),
                )
                .old_new("false", "true"),
            ),
            (true, false) => self.push(
                Change::new(
                    RuleId::TokenRequirementRemoved,
                    child(path, "token"),
                    format!(
                        "`{}` no longer takes the token; the client stops sending it",
                        after.name
                    ),
                )
                .old_new("true", "false"),
            ),
            _ => {}
        }
        if before.read_only != after.read_only {
            let consequence = if after.read_only {
                "the client now retries it on transport errors, 429 and 5xx: check that repeating it is harmless"
            } else {
                "the client no longer retries it"
            };
            self.push(
                Change::new(
                    RuleId::ReadOnlyChanged,
                    child(path, "read_only"),
                    format!("`{}`: {consequence}", after.name),
                )
                .old_new(before.read_only.to_string(), after.read_only.to_string()),
            );
        }
        self.prose(path, before, after);
        self.provenance(path, before, after);
        let request = Owner {
            label: format!("the request of `{}`", after.name),
            path: child(path, "request"),
            directions: Directions::REQUEST,
        };
        self.field_lists(&request, &before.request, &after.request);
        self.reply(before, after);
        self.example(
            path,
            "examples.request",
            Some(&before.request_example),
            Some(&after.request_example),
        );
        self.example(
            path,
            "examples.reply",
            Some(&before.reply_example),
            Some(&after.reply_example),
        );
    }

    fn reply(&mut self, before: &Endpoint, after: &Endpoint) {
        let reply_path = child(&after.yaml_path, "reply");
        let owner = Owner {
            label: format!("the reply of `{}`", after.name),
            path: child(&reply_path, "fields"),
            directions: Directions::REPLY,
        };
        let paging_changed = before.reply.paged != after.reply.paged;
        let (old_shape, new_shape) = (Shape::of(before), Shape::of(after));
        if paging_changed {
            // `Page<T>` and the `_stream` method come with the page shape, not the flag: a
            // reply with other members is returned whole, paged or not.
            let (rule, how) = if old_shape == new_shape {
                (
                    RuleId::PagingFlagChanged,
                    "changed `paged`; the reply has other members, so the method returns its reply struct either way"
                        .to_owned(),
                )
            } else if after.reply.paged {
                (
                    RuleId::PagingChanged,
                    "is now paged: the method returns `Page<T>` and gains a `_stream` method"
                        .to_owned(),
                )
            } else {
                (
                    RuleId::PagingChanged,
                    "is no longer paged: `Page<T>` and the `_stream` method go".to_owned(),
                )
            };
            self.push(
                Change::new(
                    rule,
                    child(&reply_path, "paged"),
                    format!("`{}` {how}", after.name),
                )
                .old_new(
                    before.reply.paged.to_string(),
                    after.reply.paged.to_string(),
                ),
            );
        }
        let data_path = child(&reply_path, "data");
        let data_presence_changed = before.reply.data.is_some() != after.reply.data.is_some();
        match (&before.reply.data, &after.reply.data) {
            // A reply struct on both sides gains `data` as one more public field.
            (None, Some(data))
                if old_shape == Shape::ReplyStruct && new_shape == Shape::ReplyStruct =>
            {
                self.push(
                    Change::new(
                        RuleId::ReplyFieldAdded,
                        &data_path,
                        format!("the reply of `{}` gained `data`", after.name),
                    )
                    .values(None::<&str>, Some(data.ty.expression())),
                )
            }
            (None, Some(data)) => self.push(
                Change::new(
                    RuleId::ReplyDataAdded,
                    &data_path,
                    format!(
                        "the reply of `{}` gained `data`: the method's return type changes",
                        after.name
                    ),
                )
                .values(None::<&str>, Some(data.ty.expression())),
            ),
            (Some(data), None) => self.push(
                Change::new(
                    RuleId::ReplyDataRemoved,
                    &data_path,
                    format!("the reply of `{}` lost `data`", after.name),
                )
                .values(Some(data.ty.expression()), None::<&str>),
            ),
            (Some(old_data), Some(new_data)) => self.field_pair(&owner, old_data, new_data, false),
            (None, None) => {}
        }
        self.field_lists(&owner, &before.reply.fields, &after.reply.fields);
        if old_shape != new_shape && !paging_changed && !data_presence_changed {
            self.push(
                Change::new(
                    RuleId::ReplyShapeChanged,
                    &reply_path,
                    format!("`{}` returns another shape of value", after.name),
                )
                .old_new(old_shape.describe(before), new_shape.describe(after)),
            );
        }
    }
}

/// What the generated method returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Nothing,
    Data,
    Page,
    /// A reply struct: the reply has members beyond `data` and paging.
    ReplyStruct,
}

impl Shape {
    fn of(endpoint: &Endpoint) -> Shape {
        let reply = &endpoint.reply;
        let beyond_paging = reply
            .fields
            .iter()
            .any(|f| !(reply.paged && PAGING_FIELDS.contains(&f.wire_name.as_str())));
        if beyond_paging {
            Shape::ReplyStruct
        } else if reply.paged {
            Shape::Page
        } else if reply.data.is_some() {
            Shape::Data
        } else {
            Shape::Nothing
        }
    }

    fn describe(self, endpoint: &Endpoint) -> String {
        match self {
            Shape::Nothing => "()".to_owned(),
            Shape::Data => "data".to_owned(),
            Shape::Page => "Page<T>".to_owned(),
            Shape::ReplyStruct => names::reply_struct(&endpoint.name),
        }
    }
}

/// How a Rust program calls the endpoint: `client.profile().subaccount_add(..)`.
fn call(endpoint: &Endpoint) -> String {
    format!(
        "client.{}().{}(..)",
        names::group_accessor(&endpoint.group),
        names::method(&endpoint.name)
    )
}
