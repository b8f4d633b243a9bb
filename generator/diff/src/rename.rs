//! Probable renames: an element removed and another added in the same place that looks like it.
//!
//! The caller decides what "the same place" and "the same type" mean and offers only such
//! pairs; this module decides whether two descriptions or names are alike enough, and pairs
//! the candidates one to one, best first.
//!
//! Two elements are alike when any of these holds:
//! - their `zh` texts are equal (they are verbatim from the vendor's docs, so an equal `zh`
//!   is the docs describing the same thing);
//! - their `en` texts share enough words: the Sørensen–Dice coefficient of their sets of
//!   lowercased words, leaving out common stop words, is at least [`DESCRIPTION_THRESHOLD`];
//! - their names are close: one minus the Levenshtein distance over the longer length, on
//!   lowercased names without `_`, is at least [`NAME_THRESHOLD`] (`recieve_mail` and
//!   `receive_mail` score 0.82).
//!
//! The thresholds lean towards reporting a removal and an addition: a missed rename costs a
//! reviewer one more row, a wrong one hides that something went away.

use std::collections::BTreeSet;

/// Minimum Dice coefficient of two `en` texts' word sets.
pub const DESCRIPTION_THRESHOLD: f64 = 0.6;
/// Minimum normalised similarity of two names.
pub const NAME_THRESHOLD: f64 = 0.8;

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

/// How alike two elements are, from 0 to 1; `None` when below every threshold.
pub fn likeness(old: Described<'_>, new: Described<'_>) -> Option<f64> {
    let zh = match (old.zh, new.zh) {
        (Some(a), Some(b)) if !a.trim().is_empty() && a.trim() == b.trim() => 1.0,
        _ => 0.0,
    };
    let en = description_similarity(old.en, new.en);
    let name = name_similarity(old.name, new.name);
    let passing = [
        (zh, 1.0),
        (en, DESCRIPTION_THRESHOLD),
        (name, NAME_THRESHOLD),
    ];
    passing
        .iter()
        .filter(|(score, threshold)| score >= threshold)
        .map(|(score, _)| *score)
        .reduce(f64::max)
}

/// Sørensen–Dice coefficient of the two texts' word sets, stop words left out.
pub fn description_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
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
