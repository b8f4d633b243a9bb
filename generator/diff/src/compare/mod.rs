//! The walk over two models: match elements, then compare each matched pair.
//!
//! Elements are matched by their spec key first; what stays unmatched is offered to rename
//! detection; what is left after that is a removal or an addition. Named types and groups are
//! matched before endpoints, so that a field whose type was renamed, or an endpoint whose
//! group was renamed, is not reported a second time.

mod docs;
mod endpoints;
mod fields;
mod groups;
mod info;
mod typeref;
mod types;

use std::collections::BTreeMap;

use super::rename::{self, Candidate, Evidence};
use super::report::Change;
use super::usage::{self, Directions};
use spec::model::{Api, TypeRef};

/// Every change from `old` to `new`, in spec order (info, sources, groups, types, endpoints),
/// and every pair offered to rename detection on the way.
pub fn compare(old: &Api, new: &Api) -> (Vec<Change>, Vec<Candidate>) {
    let mut comparison = Comparison {
        old,
        new,
        endpoint_matching: endpoints::matching(old, new),
        type_names: BTreeMap::new(),
        group_keys: BTreeMap::new(),
        old_usage: usage::usage(old),
        new_usage: usage::usage(new),
        changes: Vec::new(),
        candidates: Vec::new(),
    };
    comparison.info();
    comparison.sources();
    comparison.groups();
    comparison.types();
    comparison.endpoints();
    (comparison.changes, comparison.candidates)
}

struct Comparison<'a> {
    old: &'a Api,
    new: &'a Api,
    /// Old type name → new type name, for types matched by name or as probable renames.
    type_names: BTreeMap<String, String>,
    /// Old group key → new group key, likewise.
    group_keys: BTreeMap<String, String>,
    /// How old endpoints correspond to new ones.
    endpoint_matching: Matching,
    old_usage: BTreeMap<String, Directions>,
    new_usage: BTreeMap<String, Directions>,
    changes: Vec<Change>,
    /// Every pair offered to rename detection, in the order the lists were matched.
    candidates: Vec<Candidate>,
}

impl Comparison<'_> {
    fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    /// Keeps the pairs a matching offered to rename detection, for measuring it.
    fn record<T>(
        &mut self,
        kind: &'static str,
        place: &str,
        matching: &Matching,
        (old, new): (&[T], &[T]),
        name: impl Fn(&T) -> &str,
    ) {
        for &(i, j, evidence) in &matching.candidates {
            self.candidates.push(Candidate {
                kind,
                place: place.to_owned(),
                old: name(&old[i]).to_owned(),
                new: name(&new[j]).to_owned(),
                evidence,
                paired: matching.renamed.contains(&(i, j)),
            });
        }
    }

    /// An old type expression in new names, so that a renamed type compares equal to itself.
    fn in_new_names(&self, ty: &TypeRef) -> TypeRef {
        match ty {
            TypeRef::Scalar(scalar) => TypeRef::Scalar(*scalar),
            TypeRef::Named(name) => {
                TypeRef::Named(self.type_names.get(name).unwrap_or(name).clone())
            }
            TypeRef::List(inner) => TypeRef::List(Box::new(self.in_new_names(inner))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(self.in_new_names(inner))),
        }
    }

    /// Where a type travels in either spec, under its new name.
    fn directions_of(&self, old_name: &str, new_name: &str) -> Directions {
        let old = self.old_usage.get(old_name).copied().unwrap_or_default();
        let new = self.new_usage.get(new_name).copied().unwrap_or_default();
        old.union(new)
    }
}

/// How the elements of two lists correspond. Indexes are into the old and the new list.
#[derive(Debug, Clone, Default)]
struct Matching {
    /// Same key on both sides.
    same_key: Vec<(usize, usize)>,
    /// Probable renames.
    renamed: Vec<(usize, usize)>,
    removed: Vec<usize>,
    added: Vec<usize>,
    /// Every (old, new) pair offered to rename detection, with its evidence.
    candidates: Vec<(usize, usize, Evidence)>,
}

impl Matching {
    /// Every matched pair, same-key and renamed, in the old list's order.
    fn pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs: Vec<_> = self.same_key.iter().chain(&self.renamed).copied().collect();
        pairs.sort_unstable();
        pairs
    }
}

/// Matches two lists by key, then pairs what is left by the [`Evidence`] `evidence` finds
/// (see [`rename::pair`]); `evidence` is `None` for a pair that cannot be a rename at all
/// (fields of different types, an object and an enum).
fn match_by_key<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> &String,
    evidence: impl Fn(&T, &T) -> Option<Evidence>,
) -> Matching {
    let mut same_key = Vec::new();
    let mut unmatched_old = Vec::new();
    for (old_index, element) in old.iter().enumerate() {
        match new
            .iter()
            .position(|candidate| key(candidate) == key(element))
        {
            Some(new_index) => same_key.push((old_index, new_index)),
            None => unmatched_old.push(old_index),
        }
    }
    let unmatched_new: Vec<usize> = (0..new.len())
        .filter(|index| !same_key.iter().any(|(_, matched)| matched == index))
        .collect();
    let candidates: Vec<(usize, usize, Evidence)> = unmatched_old
        .iter()
        .flat_map(|&i| unmatched_new.iter().map(move |&j| (i, j)))
        .filter_map(|(i, j)| Some((i, j, evidence(&old[i], &new[j])?)))
        .collect();
    let scores: BTreeMap<(usize, usize), f64> = candidates
        .iter()
        .filter_map(|&(i, j, evidence)| Some(((i, j), evidence.score()?)))
        .collect();
    let renamed: Vec<(usize, usize)> =
        rename::pair(unmatched_old.len(), unmatched_new.len(), |i, j| {
            scores.get(&(unmatched_old[i], unmatched_new[j])).copied()
        })
        .into_iter()
        .map(|(i, j)| (unmatched_old[i], unmatched_new[j]))
        .collect();
    let removed = unmatched_old
        .into_iter()
        .filter(|index| !renamed.iter().any(|(i, _)| i == index))
        .collect();
    let added = unmatched_new
        .into_iter()
        .filter(|index| !renamed.iter().any(|(_, j)| j == index))
        .collect();
    Matching {
        same_key,
        renamed,
        removed,
        added,
        candidates,
    }
}
