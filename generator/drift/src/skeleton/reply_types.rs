//! Types guessed from example values: one named object type per object shape, lists and
//! maps around them, scalars by their JSON kind. Guesses conform to the values they come from,
//! so the drafted spec's examples validate.

use std::collections::BTreeSet;

use serde_json::{Map, Value as Json};
use serde_yaml::{Mapping, Value as Yaml};

use super::field_from_guess;
use spec::names::rust::pascal;

/// A guessed type expression, and whether the values it comes from include `null`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Guess {
    pub ty: String,
    pub nullable: bool,
}

impl Guess {
    fn plain(ty: impl Into<String>) -> Self {
        Guess {
            ty: ty.into(),
            nullable: false,
        }
    }
}

/// The named types drafted so far, and every name already taken.
pub(crate) struct ReplyTypes {
    taken: BTreeSet<String>,
    pub drafted: Mapping,
}

impl ReplyTypes {
    pub(crate) fn new(taken: BTreeSet<String>) -> Self {
        ReplyTypes {
            taken,
            drafted: Mapping::new(),
        }
    }

    fn reserve(&mut self, stem: &str) -> String {
        let mut name = stem.to_owned();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{stem}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        // Placed now so that a type comes before the types nested in it.
        self.drafted.insert(name.clone().into(), Yaml::Null);
        name
    }
}

/// The type of one value; objects become named types called after `stem`.
pub(crate) fn guess_value(value: &Json, stem: &str, types: &mut ReplyTypes) -> Guess {
    guess_values(&[value], stem, types)
}

/// One type for several values of the same key (list items, the same field in each item).
fn guess_values(values: &[&Json], stem: &str, types: &mut ReplyTypes) -> Guess {
    let nullable = values.iter().any(|v| v.is_null());
    let present: Vec<&Json> = values.iter().copied().filter(|v| !v.is_null()).collect();
    let mut guess = if present.is_empty() {
        Guess::plain("json")
    } else if present
        .iter()
        .all(|v| v.as_str().is_some_and(is_civil_time))
    {
        Guess::plain("datetime")
    } else if present.iter().all(|v| v.is_string()) {
        Guess::plain("string")
    } else if present
        .iter()
        .all(|v| v.as_i64().is_some() || v.as_u64().is_some())
    {
        Guess::plain("integer")
    } else if present.iter().all(|v| v.is_number()) {
        Guess::plain("decimal")
    } else if let Some(objects) = present
        .iter()
        .map(|v| v.as_object())
        .collect::<Option<Vec<_>>>()
    {
        object(&objects, stem, types)
    } else if let Some(lists) = present
        .iter()
        .map(|v| v.as_array())
        .collect::<Option<Vec<_>>>()
    {
        let items: Vec<&Json> = lists.into_iter().flatten().collect();
        let item = if items.is_empty() {
            Guess::plain("json")
        } else {
            guess_values(&items, &format!("{stem}Item"), types)
        };
        Guess::plain(format!("list<{}>", item.ty))
    } else {
        // Mixed kinds (a number here, a string there): any JSON until a person decides.
        Guess::plain("json")
    };
    // `json` takes null as it is; other types must say they may be null.
    guess.nullable = nullable && guess.ty != "json";
    guess
}

/// A named object type, or `map<T>` when the keys are data rather than field names (ids,
/// paths, numbers as keys).
fn object(objects: &[&Map<String, Json>], stem: &str, types: &mut ReplyTypes) -> Guess {
    let keys: Vec<&String> = {
        let mut keys: Vec<&String> = Vec::new();
        for key in objects.iter().flat_map(|o| o.keys()) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    };
    if keys.is_empty() || !keys.iter().all(|k| is_field_name(k)) {
        let values: Vec<&Json> = objects.iter().flat_map(|o| o.values()).collect();
        let item = if values.is_empty() {
            Guess::plain("json")
        } else {
            guess_values(&values, &format!("{stem}Value"), types)
        };
        return Guess::plain(format!("map<{}>", item.ty));
    }
    let name = types.reserve(stem);
    let mut fields = Mapping::new();
    for key in keys {
        let values: Vec<&Json> = objects.iter().filter_map(|o| o.get(key.as_str())).collect();
        let guess = guess_values(&values, &format!("{name}{}", pascal(key)), types);
        let example = values.iter().copied().find(|v| !v.is_null());
        fields.insert(
            key.clone().into(),
            Yaml::Mapping(field_from_guess(&guess, example)),
        );
    }
    let mut entry = Mapping::new();
    entry.insert("en".into(), "TODO: describe".into());
    entry.insert(
        "notes".into(),
        "TODO: fields and types guessed from the docs' reply example.".into(),
    );
    entry.insert("fields".into(), Yaml::Mapping(fields));
    types
        .drafted
        .insert(name.clone().into(), Yaml::Mapping(entry));
    Guess::plain(name)
}

/// The docs' civil times: `2015/03/19 13:21`, `2015-03-19 13:21`, `2014/12/11 9:58`.
fn is_civil_time(text: &str) -> bool {
    let Some((date, time)) = text.split_once(' ') else {
        return false;
    };
    let date: Vec<&str> = date.split(['/', '-']).collect();
    let time: Vec<&str> = time.split(':').collect();
    let digits = |part: &&str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    date.len() == 3
        && digits(&date[0], 4..=4)
        && date[1..].iter().all(|p| digits(p, 1..=2))
        && time.len() == 2
        && time.iter().all(|p| digits(p, 1..=2))
}

fn is_field_name(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn guess(value: Json) -> (Guess, Vec<String>) {
        let mut types = ReplyTypes::new(BTreeSet::from(["TakenData".to_owned()]));
        let guess = guess_value(&value, "TakenData", &mut types);
        let names = types
            .drafted
            .keys()
            .filter_map(|k| k.as_str().map(str::to_owned))
            .collect();
        (guess, names)
    }

    #[test]
    fn scalars_by_their_json_kind() {
        assert_eq!(guess(json!("x")).0, Guess::plain("string"));
        assert_eq!(guess(json!(3)).0, Guess::plain("integer"));
        assert_eq!(guess(json!(0.5)).0, Guess::plain("decimal"));
        assert_eq!(guess(json!(null)).0, Guess::plain("json"));
    }

    #[test]
    fn the_docs_civil_times_are_datetimes() {
        assert_eq!(guess(json!("2015/03/19 13:21")).0, Guess::plain("datetime"));
        assert_eq!(guess(json!("2014/12/11 9:58")).0, Guess::plain("datetime"));
        assert_eq!(guess(json!("2015-03-19 11:11")).0, Guess::plain("datetime"));
        assert_eq!(guess(json!("1426744428")).0, Guess::plain("string"));
        assert_eq!(guess(json!("14分钟前")).0, Guess::plain("string"));
    }

    #[test]
    fn objects_become_named_types_nested_after_their_parent() {
        let (guess, names) =
            guess(json!({"uid": "1", "profile": {"qq": "110"}, "subs": [{"a": 1}, {"b": null}]}));
        assert_eq!(guess.ty, "TakenData2");
        assert_eq!(
            names,
            ["TakenData2", "TakenData2Profile", "TakenData2SubsItem"]
        );
    }

    #[test]
    fn objects_keyed_by_data_become_maps() {
        let (guess, names) =
            guess(json!({"API/cdn/domainList": "频道列表", "API/cdn/domainAdd": "新增频道"}));
        assert_eq!(guess.ty, "map<string>");
        assert!(names.is_empty());
    }

    #[test]
    fn mixed_values_fall_back_to_json() {
        assert_eq!(guess(json!([1, "1"])).0.ty, "list<json>");
        let (list, _) = guess(json!([{"a": 1}, {"a": null}]));
        assert_eq!(list.ty, "list<TakenDataItem>");
    }
}
