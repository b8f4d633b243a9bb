//! Named types: objects and coded enums.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::Owner;
use super::{Comparison, Matching, match_by_key};
use crate::rename::{self, Described, Evidence};
use crate::report::Change;
use crate::rules::RuleId;
use crate::usage::{self, Directions};
use spec::model::{CodeKind, EnumCode, EnumValue, NamedType, TypeKind};
use spec::names::rust as names;
use spec::source_map::{child, item};

/// Type matching repeats while it finds new renames (see `Comparison::type_matching`); each
/// round resolves one more level of types nested in renamed types, and specs nest them a few
/// levels deep at most.
const MAX_TYPE_ROUNDS: usize = 4;

impl Comparison<'_> {
    pub(super) fn types(&mut self) {
        let (old, new) = (self.old, self.new);
        let matching = self.type_matching();
        self.record(
            "type",
            "types",
            &matching,
            (old.types(), new.types()),
            |t| &t.name,
        );
        for (old_index, new_index) in matching.pairs() {
            let (before, after) = (&old.types()[old_index], &new.types()[new_index]);
            if matching.renamed.contains(&(old_index, new_index)) {
                self.push(
                    Change::new(
                        RuleId::TypeRenamed,
                        &after.yaml_path,
                        format!(
                            "type `{}` is now `{}` (probable rename)",
                            names::named_type(before),
                            names::named_type(after)
                        ),
                    )
                    .old_new(&before.name, &after.name),
                );
            }
            self.named_type_pair(before, after);
        }
        for index in matching.removed {
            let named = &old.types()[index];
            self.push(
                Change::new(
                    RuleId::TypeRemoved,
                    &named.yaml_path,
                    format!("type `{}` removed", names::named_type(named)),
                )
                .values(Some(outline(named)), None::<&str>),
            );
        }
        for index in matching.added {
            let named = &new.types()[index];
            self.push(
                Change::new(
                    RuleId::TypeAdded,
                    &named.yaml_path,
                    format!("type `{}` added", names::named_type(named)),
                )
                .values(None::<&str>, Some(outline(named))),
            );
        }
    }

    /// Matches the types by name, then by the evidence for a rename. A type's members compare
    /// in new names, so a type that holds a renamed type is only recognised once that rename
    /// is known: matching repeats until a round finds the names the previous one did, at most
    /// [`MAX_TYPE_ROUNDS`] times.
    fn type_matching(&mut self) -> Matching {
        let (old, new) = (self.old, self.new);
        let endpoint_names: BTreeMap<String, String> = self
            .endpoint_matching
            .pairs()
            .into_iter()
            .map(|(i, j)| (old.endpoints[i].name.clone(), new.endpoints[j].name.clone()))
            .collect();
        let new_places = usage::places(new, &|name| name.to_owned(), &|name| name.to_owned());
        let places = |map: &BTreeMap<String, BTreeSet<String>>, name: &str| {
            map.get(name).cloned().unwrap_or_default()
        };
        let mut round = 0;
        loop {
            round += 1;
            // OLD's places in NEW's names, as far as the renames are known so far.
            let in_new = |names: &BTreeMap<String, String>, name: &str| {
                names
                    .get(name)
                    .map_or_else(|| name.to_owned(), Clone::clone)
            };
            let old_places = usage::places(old, &|name| in_new(&endpoint_names, name), &|name| {
                in_new(&self.type_names, name)
            });
            let matching = match_by_key(
                old.types(),
                new.types(),
                |t| &t.name,
                |a, b| {
                    Some(Evidence {
                        shape: Some(rename::shape(a, b, &|ty| self.in_new_names(ty))?),
                        usage: Some(rename::dice(
                            &places(&old_places, &a.name),
                            &places(&new_places, &b.name),
                        )),
                        ..Evidence::of(describe(a), describe(b))
                    })
                },
            );
            let names: BTreeMap<String, String> = matching
                .pairs()
                .into_iter()
                .map(|(i, j)| (old.types()[i].name.clone(), new.types()[j].name.clone()))
                .collect();
            let settled = names == self.type_names || round == MAX_TYPE_ROUNDS;
            // Every matched name first, so that fields compare in new names from the start.
            self.type_names = names;
            if settled {
                return matching;
            }
        }
    }

    fn named_type_pair(&mut self, before: &NamedType, after: &NamedType) {
        let path = after.yaml_path.as_str();
        self.prose(path, before, after);
        let directions = self.directions_of(&before.name, &after.name);
        match (&before.kind, &after.kind) {
            (TypeKind::Object { fields: old_fields }, TypeKind::Object { fields: new_fields }) => {
                let owner = Owner {
                    label: format!("type `{}`", after.name),
                    path: child(path, "fields"),
                    directions: directions.or_reply(),
                };
                self.field_lists(&owner, old_fields, new_fields);
            }
            (
                TypeKind::Enum {
                    code: old_code,
                    values: old_values,
                },
                TypeKind::Enum {
                    code: new_code,
                    values: new_values,
                },
            ) => {
                if old_code == new_code {
                    self.enum_values(after, directions, old_values, new_values);
                } else {
                    self.push(
                        Change::new(
                            RuleId::EnumCodeTypeChanged,
                            child(path, "enum.code"),
                            format!("the codes of `{}` changed type", after.name),
                        )
                        .old_new(code_kind(*old_code), code_kind(*new_code)),
                    );
                }
            }
            _ => self.push(
                Change::new(
                    RuleId::TypeKindChanged,
                    path,
                    format!("type `{}` changed between object and enum", after.name),
                )
                .old_new(kind(&before.kind), kind(&after.kind)),
            ),
        }
    }

    /// Values match by code; a value whose code changed matches by its Rust name.
    fn enum_values(
        &mut self,
        after: &NamedType,
        directions: Directions,
        old: &[EnumValue],
        new: &[EnumValue],
    ) {
        let values_path = child(&after.yaml_path, "enum.values");
        let mut matched_new = BTreeSet::new();
        let mut unmatched_old = Vec::new();
        for (old_index, before) in old.iter().enumerate() {
            match new.iter().position(|v| v.code == before.code) {
                Some(new_index) => {
                    matched_new.insert(new_index);
                    self.enum_value_pair(
                        after,
                        &item(&values_path, new_index),
                        before,
                        &new[new_index],
                    );
                }
                None => unmatched_old.push(old_index),
            }
        }
        let mut unmatched_new: Vec<usize> = (0..new.len())
            .filter(|i| !matched_new.contains(i))
            .collect();
        unmatched_old.retain(|&old_index| {
            let before = &old[old_index];
            let Some(slot) = unmatched_new
                .iter()
                .position(|&j| names::variant(&new[j]) == names::variant(before))
            else {
                return true;
            };
            let new_index = unmatched_new.remove(slot);
            let moved = &new[new_index];
            let path = item(&values_path, new_index);
            self.push(
                Change::new(
                    RuleId::EnumValueCodeChanged,
                    child(&path, "code"),
                    format!(
                        "`{}::{}` is sent and received with another code",
                        names::named_type(after),
                        names::variant(moved)
                    ),
                )
                .old_new(code_text(&before.code), code_text(&moved.code)),
            );
            self.enum_value_docs(&path, before, moved);
            false
        });
        for old_index in unmatched_old {
            let value = &old[old_index];
            let (rule, consequence) = if directions.request {
                (
                    RuleId::EnumValueRemoved,
                    "deployed clients may still send it",
                )
            } else {
                (
                    RuleId::EnumValueRemovedFromReply,
                    "replies no longer carry it",
                )
            };
            let path = item(&child(&self.old_type_path(after), "enum.values"), old_index);
            self.push(
                Change::new(
                    rule,
                    path,
                    format!(
                        "value `{}::{}` removed: {consequence}; its Rust variant is gone",
                        names::named_type(after),
                        names::variant(value)
                    ),
                )
                .values(Some(value_text(value)), None::<&str>),
            );
        }
        for new_index in unmatched_new {
            let value = &new[new_index];
            let (rule, consequence) = if directions.reply {
                (
                    RuleId::EnumValueAddedToReply,
                    "replies may carry it, which closed enums generated from the old OpenAPI document reject; Rust reads it as `Unknown` until upgraded",
                )
            } else {
                (RuleId::EnumValueAdded, "no reply carries this enum")
            };
            self.push(
                Change::new(
                    rule,
                    item(&values_path, new_index),
                    format!(
                        "value `{}::{}` added: {consequence}",
                        names::named_type(after),
                        names::variant(value)
                    ),
                )
                .values(None::<&str>, Some(value_text(value))),
            );
        }
    }

    fn enum_value_pair(
        &mut self,
        after: &NamedType,
        path: &str,
        before: &EnumValue,
        value: &EnumValue,
    ) {
        if names::variant(before) != names::variant(value) {
            self.push(
                Change::new(
                    RuleId::EnumValueRenamed,
                    child(path, "name"),
                    format!(
                        "code {} of `{}` keeps its code; its Rust variant is renamed",
                        code_text(&value.code),
                        names::named_type(after)
                    ),
                )
                .old_new(names::variant(before), names::variant(value)),
            );
        } else {
            self.doc(path, "name", Some(&before.name), Some(&value.name));
        }
        self.enum_value_docs(path, before, value);
    }

    fn enum_value_docs(&mut self, path: &str, before: &EnumValue, after: &EnumValue) {
        self.doc(path, "zh", before.zh.as_deref(), after.zh.as_deref());
        self.doc(path, "en", Some(&before.en), Some(&after.en));
    }

    /// The YAML path the matched old type had: removed enum values stand in OLD.
    fn old_type_path(&self, after: &NamedType) -> String {
        self.type_names
            .iter()
            .find(|(_, new_name)| **new_name == after.name)
            .and_then(|(old_name, _)| self.old.named_type(old_name))
            .map_or_else(|| after.yaml_path.clone(), |t| t.yaml_path.clone())
    }
}

fn describe(named: &NamedType) -> Described<'_> {
    Described {
        name: &named.name,
        en: &named.en,
        zh: named.zh.as_deref(),
    }
}

/// A type in a few words: `object with 2 fields`, `integer enum with 3 values`.
fn outline(named: &NamedType) -> String {
    match &named.kind {
        TypeKind::Object { fields } => {
            format!("object with {} field{}", fields.len(), plural(fields.len()))
        }
        TypeKind::Enum { code, values } => {
            format!(
                "{} enum with {} value{}",
                code_kind(*code),
                values.len(),
                plural(values.len())
            )
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn kind(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Object { .. } => "object",
        TypeKind::Enum { .. } => "enum",
    }
}

fn code_kind(code: CodeKind) -> &'static str {
    match code {
        CodeKind::Integer => "integer",
        CodeKind::String => "string",
    }
}

fn code_text(code: &EnumCode) -> String {
    match code {
        EnumCode::Integer(value) => value.to_string(),
        EnumCode::String(value) => format!("\"{value}\""),
    }
}

fn value_text(value: &EnumValue) -> String {
    format!("{} = {}", value.name, code_text(&value.code))
}
