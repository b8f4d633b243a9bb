//! Types guessed from example values: one named object type per object shape, lists and
//! maps around them, scalars by their JSON kind and, for text, by what it holds: the docs
//! write amounts (`"1580.0000"`) and ids (`"uid": "1234566894"`) as numeric strings, which the
//! spec types `decimal` and `integer` with `wire: either`. Guesses conform to the values they
//! come from, so the drafted spec's examples validate.

use std::collections::BTreeSet;

use serde_json::{Map, Value as Json};
use serde_yaml::{Mapping, Value as Yaml};

use super::field_from_guess;
use super::write::todo;
use spec::names::rust::pascal;
use spec::scalar::{Scalar, Wire, is_decimal_text, is_integer_text};
use spec::type_ref::TypeRef;

/// A guessed type, how its values are written where that is not the type's default, and
/// whether the values it comes from include `null`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Guess {
    pub ty: TypeRef,
    pub wire: Option<Wire>,
    pub nullable: bool,
}

impl Guess {
    fn plain(ty: TypeRef) -> Self {
        Guess {
            ty,
            wire: None,
            nullable: false,
        }
    }

    fn scalar(scalar: Scalar) -> Self {
        Self::plain(TypeRef::Scalar(scalar))
    }

    /// A number the docs write as a number or as a numeric string.
    fn either(scalar: Scalar) -> Self {
        Guess {
            wire: Some(Wire::Either),
            ..Self::scalar(scalar)
        }
    }

    pub(crate) fn is_json(&self) -> bool {
        self.ty == TypeRef::Scalar(Scalar::Json)
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

/// The type of one value of the member `key`; objects become named types called after `stem`.
pub(crate) fn guess_value(value: &Json, key: &str, stem: &str, types: &mut ReplyTypes) -> Guess {
    guess_values(&[value], key, stem, types)
}

/// One type for several values of the same key (list items, the same field in each item).
fn guess_values(values: &[&Json], key: &str, stem: &str, types: &mut ReplyTypes) -> Guess {
    let nullable = values.iter().any(|v| v.is_null());
    let present: Vec<&Json> = values.iter().copied().filter(|v| !v.is_null()).collect();
    let numeric_text = |v: &&Json| v.as_str().is_some_and(is_integer_text);
    let amount_text = |v: &&Json| {
        v.as_str()
            .is_some_and(|t| is_decimal_text(t) && t.contains('.'))
    };
    let whole = |v: &&Json| v.as_i64().is_some() || v.as_u64().is_some();
    let mut guess = if present.is_empty() {
        Guess::scalar(Scalar::Json)
    } else if present
        .iter()
        .all(|v| v.as_str().is_some_and(is_civil_time))
    {
        Guess::scalar(Scalar::DateTime)
    } else if present.iter().all(|v| amount_text(v) || numeric_text(v))
        && present.iter().any(amount_text)
    {
        Guess::either(Scalar::Decimal)
    } else if present.iter().all(numeric_text) && counts_or_identifies(key) {
        either_if_fits(Scalar::Integer, &present)
    } else if present.iter().all(|v| v.is_string()) {
        Guess::scalar(Scalar::String)
    } else if present.iter().all(whole) {
        Guess::scalar(Scalar::Integer)
    } else if present.iter().all(|v| v.is_number()) {
        Guess::scalar(Scalar::Decimal)
    } else if present.iter().all(|v| whole(v) || numeric_text(v)) {
        // `1234567890` in one example, `"7002123456"` in the next.
        either_if_fits(Scalar::Integer, &present)
    } else if present
        .iter()
        .all(|v| v.is_number() || amount_text(v) || numeric_text(v))
    {
        Guess::either(Scalar::Decimal)
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
            Guess::scalar(Scalar::Json)
        } else {
            guess_values(&items, key, &format!("{stem}Item"), types)
        };
        Guess {
            ty: TypeRef::List(Box::new(item.ty)),
            wire: item.wire,
            nullable: false,
        }
    } else {
        // Mixed kinds (a number here, words there): any JSON until a person decides.
        Guess::scalar(Scalar::Json)
    };
    // `json` takes null as it is; other types must say they may be null.
    guess.nullable = nullable && !guess.is_json();
    guess
}

/// `scalar` written either way, if every value is one (an id beyond 64 bits stays text).
fn either_if_fits(scalar: Scalar, values: &[&Json]) -> Guess {
    if values.iter().all(|v| scalar.accepts(v, Wire::Either)) {
        Guess::either(scalar)
    } else {
        Guess::scalar(Scalar::String)
    }
}

/// Keys whose numeric text is a number, not a code: ids (`id`, `uid`, `gid`, `order_id`) and
/// the paging counts. Phone numbers, QQ numbers and postcodes are numeric text too, and stay
/// text.
fn counts_or_identifies(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.ends_with("id")
        || matches!(
            key.as_str(),
            "total" | "totalpage" | "count" | "page" | "limit"
        )
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
            Guess::scalar(Scalar::Json)
        } else {
            guess_values(&values, "", &format!("{stem}Value"), types)
        };
        return Guess {
            ty: TypeRef::Map(Box::new(item.ty)),
            wire: item.wire,
            nullable: false,
        };
    }
    let name = types.reserve(stem);
    let mut fields = Mapping::new();
    for key in keys {
        let values: Vec<&Json> = objects.iter().filter_map(|o| o.get(key.as_str())).collect();
        let guess = guess_values(&values, key, &format!("{name}{}", pascal(key)), types);
        let example = values.iter().copied().find(|v| !v.is_null());
        fields.insert(
            key.clone().into(),
            Yaml::Mapping(field_from_guess(&guess, example)),
        );
    }
    let mut entry = Mapping::new();
    entry.insert("en".into(), todo("describe").into());
    entry.insert(
        "notes".into(),
        todo("fields and types guessed from the docs' reply example.").into(),
    );
    entry.insert("fields".into(), Yaml::Mapping(fields));
    types
        .drafted
        .insert(name.clone().into(), Yaml::Mapping(entry));
    Guess::plain(TypeRef::Named(name))
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

    fn guess_of(key: &str, value: Json) -> (Guess, Vec<String>) {
        let mut types = ReplyTypes::new(BTreeSet::from(["TakenData".to_owned()]));
        let guess = guess_value(&value, key, "TakenData", &mut types);
        let names = types
            .drafted
            .keys()
            .filter_map(|k| k.as_str().map(str::to_owned))
            .collect();
        (guess, names)
    }

    fn guess(value: Json) -> (Guess, Vec<String>) {
        guess_of("value", value)
    }

    fn written(guess: &Guess) -> (String, Option<&'static str>) {
        (guess.ty.expression(), guess.wire.map(Wire::keyword))
    }

    #[test]
    fn scalars_by_their_json_kind() {
        assert_eq!(guess(json!("x")).0, Guess::scalar(Scalar::String));
        assert_eq!(guess(json!(3)).0, Guess::scalar(Scalar::Integer));
        assert_eq!(guess(json!(0.5)).0, Guess::scalar(Scalar::Decimal));
        assert_eq!(guess(json!(null)).0, Guess::scalar(Scalar::Json));
    }

    #[test]
    fn the_docs_civil_times_are_datetimes() {
        for time in ["2015/03/19 13:21", "2014/12/11 9:58", "2015-03-19 11:11"] {
            assert_eq!(guess(json!(time)).0, Guess::scalar(Scalar::DateTime));
        }
        assert_eq!(guess(json!("1426744428")).0, Guess::scalar(Scalar::String));
        assert_eq!(guess(json!("14分钟前")).0, Guess::scalar(Scalar::String));
    }

    #[test]
    fn amounts_and_ids_written_as_text_are_numbers_either_way() {
        assert_eq!(
            written(&guess_of("balance", json!("1580.0000")).0),
            ("decimal".to_owned(), Some("either"))
        );
        assert_eq!(
            written(&guess_of("uid", json!("1234566894")).0),
            ("integer".to_owned(), Some("either"))
        );
        assert_eq!(
            written(&guess_of("total", json!("1")).0),
            ("integer".to_owned(), Some("either"))
        );
        assert_eq!(
            written(&guess_of("uid", json!([1234567890, "7002123456"])).0),
            ("list<integer>".to_owned(), Some("either"))
        );
        // Numeric text that is not a quantity stays text.
        assert_eq!(
            written(&guess_of("phone", json!("13545678945")).0).0,
            "string"
        );
        assert_eq!(written(&guess_of("qq", json!("110")).0).0, "string");
        assert_eq!(
            written(&guess_of("id", json!("98765432109876543210")).0).0,
            "string",
            "beyond 64 bits"
        );
    }

    #[test]
    fn objects_become_named_types_nested_after_their_parent() {
        let (guess, names) =
            guess(json!({"uid": "1", "profile": {"qq": "110"}, "subs": [{"a": 1}, {"b": null}]}));
        assert_eq!(guess.ty.expression(), "TakenData2");
        assert_eq!(
            names,
            ["TakenData2", "TakenData2Profile", "TakenData2SubsItem"]
        );
    }

    #[test]
    fn objects_keyed_by_data_become_maps() {
        let (guess, names) =
            guess(json!({"API/cdn/domainList": "频道列表", "API/cdn/domainAdd": "新增频道"}));
        assert_eq!(guess.ty.expression(), "map<string>");
        assert!(names.is_empty());
    }

    #[test]
    fn mixed_values_fall_back_to_json() {
        assert_eq!(guess(json!([1, "a"])).0.ty.expression(), "list<json>");
        let (list, _) = guess(json!([{"a": 1}, {"a": null}]));
        assert_eq!(list.ty.expression(), "list<TakenDataItem>");
    }
}
