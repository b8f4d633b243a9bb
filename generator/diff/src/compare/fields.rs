//! Fields of requests, replies and named object types.
//!
//! A field is judged once for each direction it travels in (see [`Directions`]): the same
//! new required field breaks a request and is harmless in a reply. Names and documentation
//! do not depend on the direction and are reported once.

use super::typeref::{admits, rust_type};
use super::{Comparison, match_by_key};
use crate::rename::{Described, Evidence};
use crate::report::Change;
use crate::rules::RuleId;
use crate::usage::Directions;
use spec::model::{Field, TypeRef};
use spec::names::rust as names;
use spec::source_map::child;

/// What holds a list of fields.
pub(super) struct Owner {
    /// For messages: "the request of `subaccountAdd`", "type `AccountSummary`".
    pub label: String,
    /// YAML path of the list itself (`endpoints.subaccountAdd.request`).
    pub path: String,
    pub directions: Directions,
}

impl Owner {
    fn each_direction(&self) -> impl Iterator<Item = Direction> + use<> {
        let Directions { request, reply } = self.directions;
        [
            request.then_some(Direction::Request),
            reply.then_some(Direction::Reply),
        ]
        .into_iter()
        .flatten()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Reply,
}

impl Comparison<'_> {
    pub(super) fn field_lists(&mut self, owner: &Owner, old: &[Field], new: &[Field]) {
        let matching = match_by_key(
            old,
            new,
            |field| &field.wire_name,
            |a, b| {
                (self.in_new_names(&a.ty) == b.ty).then(|| Evidence::of(describe(a), describe(b)))
            },
        );
        self.record("field", &owner.path, &matching, (old, new), |f| {
            &f.wire_name
        });
        for (old_index, new_index) in matching.pairs() {
            let (before, after) = (&old[old_index], &new[new_index]);
            let renamed = matching.renamed.contains(&(old_index, new_index));
            if renamed {
                self.renamed_field(owner, before, after);
            }
            self.field_pair(owner, before, after, !renamed);
        }
        for &index in &matching.removed {
            let field = &old[index];
            for direction in owner.each_direction() {
                let rule = match direction {
                    Direction::Request => RuleId::RequestFieldRemoved,
                    Direction::Reply => RuleId::ReplyFieldRemoved,
                };
                self.push(
                    Change::new(
                        rule,
                        &field.yaml_path,
                        format!("{} removed", label(owner, field)),
                    )
                    .values(Some(field.ty.expression()), None::<&str>),
                );
            }
        }
        for &index in &matching.added {
            let field = &new[index];
            for direction in owner.each_direction() {
                let rule = match direction {
                    Direction::Request if field.required => RuleId::RequestFieldAddedRequired,
                    Direction::Request => RuleId::RequestFieldAddedOptional,
                    Direction::Reply => RuleId::ReplyFieldAdded,
                };
                let presence = if field.required {
                    "required"
                } else {
                    "optional"
                };
                self.push(
                    Change::new(
                        rule,
                        &field.yaml_path,
                        format!("{} added ({presence})", label(owner, field)),
                    )
                    .values(None::<&str>, Some(field.ty.expression())),
                );
            }
        }
        if owner.directions.request {
            self.required_order(owner, old, new, &matching.pairs());
        }
    }

    /// The arguments of a request's `new(..)` are its required fields in spec order; fields
    /// required on both sides must keep their relative order, or calls pass values to the
    /// wrong parameters (silently, where two have the same type).
    fn required_order(
        &mut self,
        owner: &Owner,
        old: &[Field],
        new: &[Field],
        pairs: &[(usize, usize)],
    ) {
        let mut kept: Vec<(usize, usize)> = pairs
            .iter()
            .copied()
            .filter(|&(i, j)| old[i].required && new[j].required)
            .collect();
        kept.sort_unstable();
        if kept.windows(2).all(|w| w[0].1 < w[1].1) {
            return;
        }
        let old_order: Vec<String> = kept.iter().map(|&(i, _)| names::field(&old[i])).collect();
        let mut by_new = kept.clone();
        by_new.sort_unstable_by_key(|&(_, j)| j);
        let new_order: Vec<String> = by_new.iter().map(|&(_, j)| names::field(&new[j])).collect();
        self.push(
            Change::new(
                RuleId::RequestFieldOrderChanged,
                &owner.path,
                format!("required fields of {} changed order: `new(..)` takes its arguments in a new order", owner.label),
            )
            .old_new(old_order.join(", "), new_order.join(", ")),
        );
    }

    fn renamed_field(&mut self, owner: &Owner, before: &Field, after: &Field) {
        let (rule, message) = if names::field(before) == names::field(after) {
            (
                RuleId::FieldWireRenamed,
                format!(
                    "{} is now `{}` on the wire (probable rename); the Rust name `{}` stays",
                    label(owner, before),
                    after.wire_name,
                    names::field(after)
                ),
            )
        } else {
            (
                RuleId::FieldRenamed,
                format!(
                    "{} is now `{}` (probable rename)",
                    label(owner, before),
                    after.wire_name
                ),
            )
        };
        self.push(
            Change::new(rule, &after.yaml_path, message)
                .old_new(&before.wire_name, &after.wire_name),
        );
    }

    /// Compares two fields that are the same field. `compare_names` is false for renamed
    /// fields, whose names were reported already, and for `data`, whose name the envelope gives.
    pub(super) fn field_pair(
        &mut self,
        owner: &Owner,
        before: &Field,
        after: &Field,
        compare_names: bool,
    ) {
        if compare_names && names::field(before) != names::field(after) {
            self.push(
                Change::new(
                    RuleId::RustNameChanged,
                    child(&after.yaml_path, "rust_name"),
                    format!(
                        "{} keeps its wire name; its Rust name changed",
                        label(owner, after)
                    ),
                )
                .old_new(names::field(before), names::field(after)),
            );
        }
        let before_ty = self.in_new_names(&before.ty);
        if before_ty != after.ty {
            self.type_change(owner, before, after, &before_ty);
        } else if before.wire != after.wire {
            self.wire_change(owner, before, after);
        }
        self.presence_change(owner, before, after);
        let path = after.yaml_path.as_str();
        self.prose(path, before, after);
        if before.secret != after.secret {
            // Only what `Debug` prints changes: neither the wire nor the Rust API.
            let marking = |secret: bool| if secret { "secret" } else { "not secret" };
            self.doc_at(
                child(path, "secret"),
                "credential marking",
                Some(marking(before.secret)),
                Some(marking(after.secret)),
            );
        }

        self.example(
            path,
            "example",
            before.example.as_ref(),
            after.example.as_ref(),
        );
    }

    fn type_change(&mut self, owner: &Owner, before: &Field, after: &Field, before_ty: &TypeRef) {
        let (old_api, new_api) = (self.old, self.new);
        let same_rust = rust_type(before_ty) == rust_type(&after.ty);
        for direction in owner.each_direction() {
            let (rule, how) = match direction {
                Direction::Request if same_rust => {
                    (RuleId::RequestFieldFormatChanged, "changed its JSON form")
                }
                Direction::Reply if same_rust => {
                    (RuleId::ReplyFieldFormatChanged, "changed its JSON form")
                }
                Direction::Request if admits(&after.ty, before_ty, new_api, old_api) => {
                    (RuleId::RequestFieldTypeWidened, "accepts more values")
                }
                Direction::Reply if admits(before_ty, &after.ty, new_api, old_api) => (
                    RuleId::ReplyFieldTypeNarrowed,
                    "promises fewer kinds of value",
                ),
                Direction::Request => (RuleId::RequestFieldTypeChanged, "changed type"),
                Direction::Reply => (RuleId::ReplyFieldTypeChanged, "changed type"),
            };
            let rust = if same_rust {
                format!("; its Rust type `{}` stays", rust_type(&after.ty))
            } else {
                format!(
                    "; its Rust type changes from `{}` to `{}`",
                    rust_type(before_ty),
                    rust_type(&after.ty)
                )
            };
            self.push(
                Change::new(
                    rule,
                    child(&after.yaml_path, "type"),
                    format!("{} {how}{rust}", label(owner, after)),
                )
                .old_new(before.ty.expression(), after.ty.expression()),
            );
        }
    }

    fn wire_change(&mut self, owner: &Owner, before: &Field, after: &Field) {
        for direction in owner.each_direction() {
            let (rule, how) = match direction {
                Direction::Request if after.wire.admits(before.wire) => (
                    RuleId::RequestFieldWireWidened,
                    "is accepted in more encodings",
                ),
                Direction::Request => (
                    RuleId::RequestFieldWireChanged,
                    "is no longer accepted in an encoding deployed clients send",
                ),
                Direction::Reply if before.wire.admits(after.wire) => {
                    (RuleId::ReplyFieldWireNarrowed, "arrives in fewer encodings")
                }
                Direction::Reply => (
                    RuleId::ReplyFieldWireChanged,
                    "may arrive in an encoding deployed clients do not expect (the Rust client decodes both)",
                ),
            };
            self.push(
                Change::new(
                    rule,
                    child(&after.yaml_path, "wire"),
                    format!("{} {how}", label(owner, after)),
                )
                .old_new(before.wire.keyword(), after.wire.keyword()),
            );
        }
    }

    fn presence_change(&mut self, owner: &Owner, before: &Field, after: &Field) {
        if before.required == after.required && before.nullable == after.nullable {
            return;
        }
        let key = if before.required != after.required {
            "required"
        } else {
            "nullable"
        };
        let path = child(&after.yaml_path, key);
        for direction in owner.each_direction() {
            let found = match direction {
                Direction::Request => request_presence(before, after),
                Direction::Reply => reply_presence(before, after),
            };
            for (rule, how) in found {
                self.push(
                    Change::new(rule, &path, format!("{} {how}", label(owner, after)))
                        .old_new(presence(before), presence(after)),
                );
            }
        }
    }
}

/// Request fields: required-ness moves a field between `new(..)` and a setter; nullability
/// is what a server accepts and leaves the Rust signature alone (a setter takes `T`).
fn request_presence(before: &Field, after: &Field) -> Vec<(RuleId, String)> {
    let mut found = Vec::new();
    match (before.required, after.required) {
        (false, true) => found.push((
            RuleId::RequestFieldBecameRequired,
            "became required".to_owned(),
        )),
        (true, false) => found.push((
            RuleId::RequestFieldBecameOptional,
            "became optional: it moves from `new(..)` to a setter".to_owned(),
        )),
        _ => {}
    }
    match (before.nullable, after.nullable) {
        (false, true) => found.push((
            RuleId::RequestFieldBecameNullable,
            "may now be null".to_owned(),
        )),
        (true, false) => found.push((
            RuleId::RequestFieldBecameNonNullable,
            "may no longer be null".to_owned(),
        )),
        _ => {}
    }
    found
}

/// Reply fields: `Option<T>` in Rust unless required and not nullable; the wire verdict
/// follows whether the server may now leave out or null a value it did not before.
fn reply_presence(before: &Field, after: &Field) -> Vec<(RuleId, String)> {
    let optional_in_rust = |field: &Field| !field.required || field.nullable;
    let may_now_be_missing = before.required && !after.required;
    let may_now_be_null = !before.nullable && after.nullable;
    let loosened = match (may_now_be_missing, may_now_be_null) {
        (true, true) => "may now be missing or null",
        (true, false) => "may now be missing",
        (false, true) => "may now be null",
        (false, false) => "",
    };
    let tightened = match (
        !before.required && after.required,
        before.nullable && !after.nullable,
    ) {
        (true, true) => "is now always present and never null",
        (true, false) => "is now always present",
        (false, true) => "is never null now",
        (false, false) => "",
    };
    let found = match (optional_in_rust(before), optional_in_rust(after)) {
        (false, true) => (
            RuleId::ReplyFieldBecameOptional,
            format!("{loosened}: `T` becomes `Option<T>`"),
        ),
        (true, false) => (
            RuleId::ReplyFieldBecameRequired,
            format!("{tightened}: `Option<T>` becomes `T`"),
        ),
        _ if !loosened.is_empty() => (
            RuleId::ReplyFieldBecameNullable,
            format!("{loosened} (Rust keeps `Option<T>`)"),
        ),
        _ => (
            RuleId::ReplyFieldBecameNonNullable,
            format!("{tightened} (Rust keeps `Option<T>`)"),
        ),
    };
    vec![found]
}

fn presence(field: &Field) -> String {
    let required = if field.required {
        "required"
    } else {
        "optional"
    };
    if field.nullable {
        format!("{required}, nullable")
    } else {
        required.to_owned()
    }
}

fn label(owner: &Owner, field: &Field) -> String {
    format!("`{}` in {}", field.wire_name, owner.label)
}

fn describe(field: &Field) -> Described<'_> {
    Described {
        name: &field.wire_name,
        en: &field.en,
        zh: field.zh.as_deref(),
    }
}
