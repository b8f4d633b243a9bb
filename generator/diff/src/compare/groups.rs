//! Groups: the client's accessors.

use super::{Comparison, match_by_key};
use crate::rename::{Described, Evidence};
use crate::report::Change;
use crate::rules::RuleId;
use spec::model::Group;
use spec::names::rust as names;
use spec::source_map::child;

impl Comparison<'_> {
    pub(super) fn groups(&mut self) {
        let (old, new) = (self.old, self.new);
        let matching = match_by_key(
            &old.groups,
            &new.groups,
            |g| &g.key,
            |a: &Group, b: &Group| Some(Evidence::of(describe_group(a), describe_group(b))),
        );
        self.record(
            "group",
            "groups",
            &matching,
            (&old.groups, &new.groups),
            |g| &g.key,
        );
        for (old_index, new_index) in matching.renamed.iter().copied() {
            let (before, after) = (&old.groups[old_index], &new.groups[new_index]);
            self.push(
                Change::new(
                    RuleId::GroupRenamed,
                    group_path(after),
                    format!(
                        "group `{}` is now `{}`: `client.{}()` becomes `client.{}()`",
                        before.key,
                        after.key,
                        names::accessor(before),
                        names::accessor(after)
                    ),
                )
                .old_new(&before.key, &after.key),
            );
        }
        for (old_index, new_index) in matching.pairs() {
            let (before, after) = (&old.groups[old_index], &new.groups[new_index]);
            self.group_keys
                .insert(before.key.clone(), after.key.clone());
            let path = group_path(after);
            self.doc(&path, "zh", Some(&before.zh), Some(&after.zh));
            self.doc(&path, "en", Some(&before.en), Some(&after.en));
        }
        for index in matching.removed {
            let group = &old.groups[index];
            self.push(
                Change::new(
                    RuleId::GroupRemoved,
                    group_path(group),
                    format!(
                        "group `{}` removed: `client.{}()` and `{}` are gone",
                        group.key,
                        names::accessor(group),
                        names::group_type(&group.key)
                    ),
                )
                .values(Some(&group.en), None::<&str>),
            );
        }
        for index in matching.added {
            let group = &new.groups[index];
            self.push(
                Change::new(
                    RuleId::GroupAdded,
                    group_path(group),
                    format!(
                        "group `{}` added: `client.{}()`",
                        group.key,
                        names::accessor(group)
                    ),
                )
                .values(None::<&str>, Some(&group.en)),
            );
        }
    }
}

fn group_path(group: &Group) -> String {
    child("groups", &group.key)
}

fn describe_group(group: &Group) -> Described<'_> {
    Described {
        name: &group.key,
        en: &group.en,
        zh: Some(&group.zh),
    }
}
