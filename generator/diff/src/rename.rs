//! Probable renames: an element removed and another added in the same place that looks like it.
//!
//! The caller decides what "the same place" and "the same type" mean and offers only such
//! pairs, with the [`Evidence`] it found; this module decides whether that evidence is enough,
//! and pairs the candidates one to one, best first.
//!
//! Two elements are the same element renamed when one of these *identity* signals holds:
//! - their `zh` texts are equal (they are verbatim from the vendor's docs, so an equal `zh`
//!   is the docs describing the same thing);
//! - their `en` texts share enough words: the Sørensen–Dice coefficient of their sets of
//!   lowercased words, leaving out common stop words, is at least [`DESCRIPTION_THRESHOLD`];
//! - their names are close: one minus the Levenshtein distance over the longer length, on
//!   lowercased names without `_`, is at least [`NAME_THRESHOLD`] (`recieve_mail` and
//!   `receive_mail` score 0.82);
//! - for endpoints, their HTTP paths are equal;
//! - for named types, the places that use them are mostly the same: the Dice coefficient of
//!   the sets of places (the owner, request or reply side, and how the field wraps the type,
//!   as in `list<_>`) is at least [`USAGE_THRESHOLD`]. This is what recognises a type that
//!   was renamed *and* had its docs rewritten: its users follow it to the new name.
//!
//! Named types must also keep most of their members, since a rename report lists their
//! member changes one by one: the Dice coefficient of their member sets (fields by wire name
//! and type, or enum codes) is at least [`SHAPE_THRESHOLD`]. A type renamed while it gains or
//! loses a field or a value passes; a type replaced by an unrelated one in the same places
//! does not.
//!
//! The thresholds are measured, not guessed: `tests/tests/rename_likeness.rs` scores every
//! candidate pair of every diff fixture (true renames and false pairs) and every pair of
//! distinct types of the real spec, and its snapshot is the table. The thresholds lean
//! towards reporting a removal and an addition: a missed rename costs a reviewer one more
//! row, a wrong one hides that something went away.

use std::collections::BTreeSet;

use spec::model::{EnumCode, EnumValue, Field, NamedType, TypeKind, TypeRef};

/// Minimum Dice coefficient of two `en` texts' word sets. Measured on the real spec's fields:
/// of 1,680 pairs of two different fields of one list with the same type, 82 share 0.6 of
/// their words (`daily_report` and `week_report`: "Whether to send the daily report") and 12
/// share 0.8; every true rename of the fixtures scores 0.83 or more.
pub const DESCRIPTION_THRESHOLD: f64 = 0.8;
/// Minimum normalised similarity of two names. `recieve_mail` and `receive_mail` score 0.82;
/// of the real spec's 1,680 false field pairs 4 reach 0.8, all a name and the same name
/// numbered (`password`, `password2`).
pub const NAME_THRESHOLD: f64 = 0.8;
/// Minimum Dice coefficient of the places two named types are used in: the type kept at
/// least half of its users. Two different types never share a place, so a false pair only
/// gets here when an unrelated type took over the removed one's places; a type renamed while
/// one of its two users was removed scores 0.67 (`type-renamed-users-changed`).
pub const USAGE_THRESHOLD: f64 = 0.5;
/// Minimum Dice coefficient of two named types' members: just under 2/3, the shape of a
/// type of one or two members that gained or lost one, the smallest edit a rename can come
/// with. On the real spec every type renamed with one member added or removed passes (73 of
/// 73) and 0.7 would miss 12; the false pairs that pass even when the other type takes over
/// every place (measured in the snapshot) are enums with the same codes and records with
/// most fields in common, for which the report of a rename still lists every member change.
pub const SHAPE_THRESHOLD: f64 = 0.65;

/// Words too common to tell two descriptions apart.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or",
    "that", "the", "this", "to", "when", "with",
];

/// What rename detection compares of an element.
#[derive(Debug, Clone, Copy)]
pub struct Described<'a> {
    /// The element's name: a wire name, a type's spec key or an operation name.
    pub name: &'a str,
    /// The English description; empty to leave descriptions out of the comparison.
    pub en: &'a str,
    /// The docs' description, verbatim, where there is one.
    pub zh: Option<&'a str>,
}

/// What speaks for two elements being one element renamed. Each signal is measured whether
/// or not it passes its threshold, so that the measurements can be tabulated.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Evidence {
    /// [`name_similarity`] of the two names.
    pub name: f64,
    /// [`description_similarity`] of the two `en` texts (0 where descriptions are left out).
    pub en: f64,
    /// Whether both have the same non-empty `zh`.
    pub zh: bool,
    /// Endpoints: whether both have the same HTTP path.
    pub path: bool,
    /// Named types: the Dice coefficient of their members; `None` for other elements.
    pub shape: Option<f64>,
    /// Named types: the Dice coefficient of the places that use them; `None` for others.
    pub usage: Option<f64>,
}

impl Evidence {
    /// The signals that two descriptions give.
    pub fn of(old: Described<'_>, new: Described<'_>) -> Evidence {
        let zh = matches!(
            (old.zh, new.zh),
            (Some(a), Some(b)) if !a.trim().is_empty() && a.trim() == b.trim()
        );
        Evidence {
            name: name_similarity(old.name, new.name),
            en: description_similarity(old.en, new.en),
            zh,
            ..Evidence::default()
        }
    }

    /// The best identity signal that passes its threshold: an equal path scores 2 (above
    /// anything else), an equal `zh` 1, any other signal its own value. `None` when none passes.
    pub fn identity(&self) -> Option<f64> {
        let usage = self.usage.unwrap_or(0.0);
        [
            (if self.path { 2.0 } else { 0.0 }, 2.0),
            (if self.zh { 1.0 } else { 0.0 }, 1.0),
            (self.en, DESCRIPTION_THRESHOLD),
            (self.name, NAME_THRESHOLD),
            (usage, USAGE_THRESHOLD),
        ]
        .into_iter()
        .filter(|(score, threshold)| *score > 0.0 && score >= threshold)
        .map(|(score, _)| score)
        .reduce(f64::max)
    }

    /// How good a rename the pair is, for ranking candidates; `None` when it is not one: no
    /// identity signal passes, or a type kept too few of its members.
    pub fn score(&self) -> Option<f64> {
        if self.shape.is_some_and(|shape| shape < SHAPE_THRESHOLD) {
            return None;
        }
        Some(self.identity()? + self.shape.unwrap_or(0.0))
    }
}

/// How alike two elements are by their descriptions alone; `None` when no signal passes.
pub fn likeness(old: Described<'_>, new: Described<'_>) -> Option<f64> {
    Evidence::of(old, new).identity()
}

/// Sørensen–Dice coefficient of two sets: twice the shared elements over the sizes added; 0
/// for two empty sets.
pub fn dice<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The Dice coefficient of two named types' members: an object's fields by wire name and
/// type expression, or an enum's codes. `in_new_names` spells the old type's expressions in
/// the new spec's names, so that a field whose type was renamed too still counts as kept.
/// `None` for an object and an enum, or integer and string codes: never one type renamed.
pub fn shape(
    old: &NamedType,
    new: &NamedType,
    in_new_names: &dyn Fn(&TypeRef) -> TypeRef,
) -> Option<f64> {
    let fields = |fields: &[Field], spell: &dyn Fn(&TypeRef) -> TypeRef| -> BTreeSet<String> {
        fields
            .iter()
            .map(|f| format!("{}: {}", f.wire_name, spell(&f.ty).expression()))
            .collect()
    };
    let codes = |values: &[EnumValue]| -> BTreeSet<EnumCode> {
        values.iter().map(|v| v.code.clone()).collect()
    };
    match (&old.kind, &new.kind) {
        (TypeKind::Object { fields: a }, TypeKind::Object { fields: b }) => Some(dice(
            &fields(a, in_new_names),
            &fields(b, &|ty: &TypeRef| ty.clone()),
        )),
        (
            TypeKind::Enum {
                code: old_code,
                values: a,
            },
            TypeKind::Enum {
                code: new_code,
                values: b,
            },
        ) if old_code == new_code => Some(dice(&codes(a), &codes(b))),
        _ => None,
    }
}

/// Sørensen–Dice coefficient of the two texts' word sets, stop words left out.
pub fn description_similarity(a: &str, b: &str) -> f64 {
    dice(&words(a), &words(b))
}

fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .collect()
}

/// One minus the edit distance over the longer length, on lowercased names without `_`.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let normalise = |name: &str| {
        name.chars()
            .filter(|c| *c != '_')
            .flat_map(char::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (a, b) = (normalise(a), normalise(b));
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0.0;
    }
    1.0 - levenshtein(&a, &b) as f64 / longest as f64
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// One pair of a removed and an added element offered to rename detection: what was
/// measured, and whether the pair was reported as a rename.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Candidate {
    /// `group`, `type`, `endpoint` or `field`.
    pub kind: &'static str,
    /// YAML path of the list both stand in (`types`, `endpoints.subaccountAdd.request`).
    pub place: String,
    /// The removed element's name.
    pub old: String,
    /// The added element's name.
    pub new: String,
    /// The signals measured on the pair.
    pub evidence: Evidence,
    /// Whether the pair was reported as a rename (it passed, and no better pair took either).
    pub paired: bool,
}

/// Pairs removed elements with added ones, one to one, best likeness first (ties go to spec
/// order). `score(i, j)` is `None` for a pair that cannot be a rename. Returns `(i, j)` pairs
/// sorted by `i`.
pub fn pair(
    removed: usize,
    added: usize,
    score: impl Fn(usize, usize) -> Option<f64>,
) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = (0..removed)
        .flat_map(|i| (0..added).map(move |j| (i, j)))
        .filter_map(|(i, j)| Some((score(i, j)?, i, j)))
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_old, mut used_new) = (BTreeSet::new(), BTreeSet::new());
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_old.contains(&i) && !used_new.contains(&j) {
            used_old.insert(i);
            used_new.insert(j);
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn described<'a>(name: &'a str, en: &'a str, zh: Option<&'a str>) -> Described<'a> {
        Described { name, en, zh }
    }

    #[test]
    fn spelling_fixes_are_alike_by_name() {
        assert!(name_similarity("recieve_mail", "receive_mail") >= NAME_THRESHOLD);
        assert!(name_similarity("start_time", "end_time") < NAME_THRESHOLD);
        assert!(name_similarity("uid", "gid") < NAME_THRESHOLD);
        assert_eq!(levenshtein(&['a', 'b', 'c'], &['a', 'c']), 1);
    }

    #[test]
    fn descriptions_are_alike_by_shared_words() {
        assert!(
            description_similarity("The user's e-mail address.", "E-mail address of the user")
                > 0.8
        );
        let start_end = description_similarity("Start of the period.", "End of the period.");
        assert!(start_end < DESCRIPTION_THRESHOLD, "{start_end}");
        assert_eq!(description_similarity("the of", "a an"), 0.0);
    }

    #[test]
    fn likeness_takes_any_passing_signal() {
        let old = described("phone", "Mobile phone number.", Some("手机号码"));
        assert_eq!(
            likeness(
                old,
                described("mobile", "Unrelated words here.", Some("手机号码"))
            ),
            Some(1.0)
        );
        assert!(
            likeness(
                old,
                described("mobile", "Mobile phone number of the account.", None)
            )
            .is_some()
        );
        assert_eq!(
            likeness(old, described("fax", "Fax number.", Some("传真"))),
            None
        );
    }

    #[test]
    fn a_type_needs_an_identity_signal_and_most_of_its_members() {
        let moved = Evidence {
            shape: Some(0.8),
            usage: Some(1.0),
            ..Evidence::default()
        };
        assert_eq!(moved.score(), Some(1.8), "same places, one member more");
        let unused = Evidence {
            usage: Some(0.0),
            ..moved
        };
        assert_eq!(unused.score(), None, "no identity signal");
        let replaced = Evidence {
            shape: Some(0.0),
            zh: true,
            ..moved
        };
        assert_eq!(replaced.score(), None, "every member changed");
        let same_path = Evidence {
            path: true,
            name: 0.9,
            ..Evidence::default()
        };
        assert_eq!(same_path.identity(), Some(2.0), "a path beats any likeness");
        assert_eq!(dice(&BTreeSet::<u8>::new(), &BTreeSet::new()), 0.0);
    }

    #[test]
    fn pairs_best_first_and_one_to_one() {
        let scores = [[Some(0.7), Some(0.9)], [None, Some(0.8)]];
        let pairs = pair(2, 2, |i, j| scores[i][j]);
        assert_eq!(
            pairs,
            [(0, 1)],
            "old 1 only fits new 1, which old 0 took with a better score"
        );
        assert_eq!(
            pair(1, 2, |_, _| Some(1.0)),
            [(0, 0)],
            "ties go to spec order"
        );
    }
}
