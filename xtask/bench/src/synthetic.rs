//! Synthetic specs of any number of endpoints with the real spec's mix of constructs.
//!
//! The real spec is copied as many times as needed: copy 0 is the real spec unchanged, and
//! copy `k` renames every named type `Name` to `NameCk`, every endpoint `op` to `opCk` (its
//! path gains the same suffix) and every group `g` to `g_ck`, rewriting type expressions and
//! group keys so that references stay within the copy. The last copy keeps only as many
//! endpoints as the size needs. The result goes through the real loader, so it must pass
//! every check the real spec passes.

use std::collections::BTreeSet;

use anyhow::{Context, Result, bail};
use serde_yaml::{Mapping, Value};

/// The YAML text of a spec with `endpoints` endpoints built from the real spec's `text`.
pub fn build(text: &str, endpoints: usize) -> Result<String> {
    let document: Value = serde_yaml::from_str(text).context("the real spec is not YAML")?;
    let sections = Sections::of(&document)?;
    let per_copy = sections.endpoints.len();
    if per_copy == 0 {
        bail!("the real spec has no endpoints to copy");
    }
    let type_names: BTreeSet<String> = sections
        .types
        .keys()
        .filter_map(|key| key.as_str().map(str::to_owned))
        .collect();

    let mut groups = Mapping::new();
    let mut types = Mapping::new();
    let mut endpoint_map = Mapping::new();
    for copy in 0..endpoints.div_ceil(per_copy) {
        let renamer = Renamer {
            copy,
            type_names: &type_names,
        };
        for (name, named_type) in sections.types {
            let mut named_type = named_type.clone();
            renamer.rewrite_type_expressions(&mut named_type);
            types.insert(renamer.type_key(name)?, named_type);
        }
        let wanted = endpoints - copy * per_copy;
        let mut used_groups = BTreeSet::new();
        for (name, endpoint) in sections.endpoints.iter().take(wanted) {
            let mut endpoint = endpoint.clone();
            renamer.rewrite_type_expressions(&mut endpoint);
            let group = renamer.rename_endpoint(&mut endpoint)?;
            used_groups.insert(group);
            endpoint_map.insert(renamer.endpoint_key(name)?, endpoint);
        }
        // A group with no endpoint would be an accessor with no methods: keep only used ones.
        for (key, group) in sections.groups {
            let renamed = renamer.group_key(key)?;
            if used_groups.contains(&renamed) {
                groups.insert(Value::String(renamed), group.clone());
            }
        }
    }

    let mut document = document;
    let root = document
        .as_mapping_mut()
        .context("the real spec is not a mapping")?;
    root.insert("groups".into(), Value::Mapping(groups));
    root.insert("types".into(), Value::Mapping(types));
    root.insert("endpoints".into(), Value::Mapping(endpoint_map));
    serde_yaml::to_string(&document).context("serialising the synthetic spec")
}

struct Sections<'a> {
    groups: &'a Mapping,
    types: &'a Mapping,
    endpoints: &'a Mapping,
}

impl<'a> Sections<'a> {
    fn of(document: &'a Value) -> Result<Self> {
        let section = |name: &str| {
            document
                .get(name)
                .and_then(Value::as_mapping)
                .with_context(|| format!("the real spec has no `{name}` mapping"))
        };
        Ok(Sections {
            groups: section("groups")?,
            types: section("types")?,
            endpoints: section("endpoints")?,
        })
    }
}

/// Renames the elements of one copy.
struct Renamer<'a> {
    copy: usize,
    type_names: &'a BTreeSet<String>,
}

impl Renamer<'_> {
    /// PascalCase and camelCase names take `Ck`; copy 0 keeps the real names.
    fn suffix(&self) -> String {
        if self.copy == 0 {
            String::new()
        } else {
            format!("C{}", self.copy)
        }
    }

    fn type_key(&self, key: &Value) -> Result<Value> {
        Ok(Value::String(format!("{}{}", text(key)?, self.suffix())))
    }

    fn endpoint_key(&self, key: &Value) -> Result<Value> {
        Ok(Value::String(format!("{}{}", text(key)?, self.suffix())))
    }

    /// snake_case group keys take `_ck`.
    fn group_key(&self, key: &Value) -> Result<String> {
        let key = text(key)?;
        Ok(if self.copy == 0 {
            key.to_owned()
        } else {
            format!("{key}_c{}", self.copy)
        })
    }

    /// Suffixes the endpoint's path and renames its group; returns the new group key.
    fn rename_endpoint(&self, endpoint: &mut Value) -> Result<String> {
        let fields = endpoint
            .as_mapping_mut()
            .context("an endpoint is not a mapping")?;
        let path = fields
            .get("path")
            .and_then(Value::as_str)
            .context("an endpoint has no path")?;
        let path = format!("{path}{}", self.suffix());
        fields.insert("path".into(), Value::String(path));
        let group = fields.get("group").context("an endpoint has no group")?;
        let group = self.group_key(group)?;
        fields.insert("group".into(), Value::String(group.clone()));
        Ok(group)
    }

    /// Renames the named types in every `type:` expression below `value`. Examples are
    /// data, not spec, so they are left alone.
    fn rewrite_type_expressions(&self, value: &mut Value) {
        match value {
            Value::Mapping(mapping) => {
                for (key, child) in mapping.iter_mut() {
                    match (key.as_str(), &mut *child) {
                        (Some("example" | "examples"), _) => {}
                        (Some("type"), Value::String(expression)) => {
                            *expression = self.rename_in_expression(expression);
                        }
                        _ => self.rewrite_type_expressions(child),
                    }
                }
            }
            Value::Sequence(items) => {
                for item in items {
                    self.rewrite_type_expressions(item);
                }
            }
            _ => {}
        }
    }

    /// `map<list<Name>>` → `map<list<NameCk>>`: every word that names a type is renamed.
    fn rename_in_expression(&self, expression: &str) -> String {
        let suffix = self.suffix();
        let mut out = String::with_capacity(expression.len() + suffix.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            out.push_str(word);
            if self.type_names.contains(word.trim()) {
                out.push_str(&suffix);
            }
            word.clear();
        };
        for character in expression.chars() {
            if matches!(character, '<' | '>' | ',') {
                flush(&mut word, &mut out);
                out.push(character);
            } else {
                word.push(character);
            }
        }
        flush(&mut word, &mut out);
        out
    }
}

fn text(key: &Value) -> Result<&str> {
    key.as_str()
        .with_context(|| format!("a key is not a string: {key:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "
info: {title: T}
groups:
  profile: {zh: z, en: e}
  unused: {zh: z, en: e}
types:
  Record:
    en: r
    fields:
      type: {type: Status, en: a field named type}
      others: {type: 'map<list<Record>>', en: nested, example: {type: Record}}
  Status:
    en: s
    enum: {code: integer, values: []}
endpoints:
  detail: {path: /API/detail, group: profile, reply: {data: {type: Record}}}
  listAll: {path: /API/listAll, group: profile, reply: {data: {type: 'list<Status>'}}}
";

    fn built(endpoints: usize) -> Value {
        let text = build(SPEC, endpoints).expect("the fixture builds");
        serde_yaml::from_str(&text).expect("the output is YAML")
    }

    fn keys(document: &Value, section: &str) -> Vec<String> {
        document[section]
            .as_mapping()
            .map(|mapping| {
                mapping
                    .keys()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn copies_rename_types_endpoints_paths_and_groups_consistently() {
        let document = built(3);
        assert_eq!(
            keys(&document, "endpoints"),
            ["detail", "listAll", "detailC1"]
        );
        assert_eq!(
            keys(&document, "types"),
            ["Record", "Status", "RecordC1", "StatusC1"]
        );
        assert_eq!(keys(&document, "groups"), ["profile", "profile_c1"]);
        let copy = &document["endpoints"]["detailC1"];
        assert_eq!(copy["path"].as_str(), Some("/API/detailC1"));
        assert_eq!(copy["group"].as_str(), Some("profile_c1"));
        assert_eq!(copy["reply"]["data"]["type"].as_str(), Some("RecordC1"));
        let record = &document["types"]["RecordC1"]["fields"];
        assert_eq!(record["type"]["type"].as_str(), Some("StatusC1"));
        assert_eq!(
            record["others"]["type"].as_str(),
            Some("map<list<RecordC1>>")
        );
        // Examples are data: unchanged.
        assert_eq!(record["others"]["example"]["type"].as_str(), Some("Record"));
    }

    #[test]
    fn copy_zero_is_the_spec_itself() {
        let document = built(2);
        let original: Value = serde_yaml::from_str(SPEC).expect("fixture");
        assert_eq!(document["endpoints"], original["endpoints"]);
        assert_eq!(document["types"], original["types"]);
        assert_eq!(keys(&document, "groups"), ["profile"]);
    }
}
