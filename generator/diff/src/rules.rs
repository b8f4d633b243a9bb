//! The rule table: every kind of change the comparison reports, with its two verdicts.
//!
//! A rule's verdicts are fixed. Where the same edit has different consequences in different
//! places (a new enum value is harmless in a request and breaks closed enums in a reply), the
//! places are different rules, so a rule id alone tells a tool what the change means.
//!
//! The *wire* verdict answers: does a client that is already deployed, in any language and
//! generated from the old OpenAPI document, break against the API the new spec describes?
//! The *Rust* verdict answers: does a program that compiles against the old `verycloud` crate
//! stop compiling against the new one? It follows the generated crate's design
//! (`generator/emit/src/rust/`): request structs are `#[non_exhaustive]` with required fields in
//! `new(..)` and optional fields as setters, reply structs are `#[non_exhaustive]` with public
//! fields (a reply field is `Option<T>` unless it is required and not nullable), coded enums are
//! `#[non_exhaustive]` with an `Unknown` variant, and named object types follow the request
//! design where requests use them and the reply design where replies do.

use serde::Serialize;

use super::versioning::Bump;

/// Whether a change breaks one kind of user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Users of this kind break: a deployed client fails, or a program stops compiling.
    Breaking,
    /// Users of this kind are unaffected.
    Safe,
}

/// How loudly a change is reported. `Breaking` when either verdict is breaking; `Warning` for
/// a change that compiles and decodes but alters what the client does; `Info` otherwise.
/// Ordered from the most to the least severe, the order reports list changes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Either verdict is breaking.
    Breaking,
    /// Nothing breaks, but the client behaves differently.
    Warning,
    /// Nothing breaks and the client behaves as before.
    Info,
}

impl Severity {
    /// The severity as reports write it (`breaking`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl Verdict {
    /// The verdict as reports write it (`breaking`, `safe`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Breaking => "breaking",
            Verdict::Safe => "safe",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The rule this row describes.
    pub id: RuleId,
    /// The stable kebab-case id tools match on.
    pub name: &'static str,
    /// Whether deployed clients, in any language, break on the wire.
    pub wire: Verdict,
    /// Whether programs using the generated Rust crate stop compiling.
    pub rust: Verdict,
    /// How loudly reports show the change; `Breaking` exactly when a verdict is.
    pub severity: Severity,
    /// The version bump the change calls for on an axis where it is safe (an axis where it
    /// breaks always calls for a major bump).
    pub safe_bump: Bump,
    /// What the rule detects, in one line.
    pub summary: &'static str,
}

impl Rule {
    /// The bump this change calls for on an axis with this verdict.
    pub fn bump(&self, verdict: Verdict) -> Bump {
        match verdict {
            Verdict::Breaking => Bump::Major,
            Verdict::Safe => self.safe_bump,
        }
    }
}

/// Declares [`RuleId`], its list and its table from one list of rows, so that the three cannot
/// disagree.
macro_rules! rules {
    ($($variant:ident = $name:literal, $wire:ident, $rust:ident, $severity:ident, $bump:ident, $summary:literal;)*) => {
        /// The stable identity of a rule; [`RuleId::rule`] gives its row of the table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $(#[doc = $summary] $variant,)*
        }

        impl RuleId {
            /// Every rule, in table order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// This rule's row of the table.
            pub const fn rule(self) -> Rule {
                match self {
                    $(RuleId::$variant => Rule {
                        id: self,
                        name: $name,
                        wire: Verdict::$wire,
                        rust: Verdict::$rust,
                        severity: Severity::$severity,
                        safe_bump: Bump::$bump,
                        summary: $summary,
                    },)*
                }
            }
        }
    };
}

rules! {
    // The API as a whole.
    VersionChanged = "version-changed", Safe, Safe, Info, None,
        "`info.version` changed (checked by `--check-version`, not itself a change to version)";
    BaseUrlChanged = "base-url-changed", Breaking, Safe, Breaking, Patch,
        "`info.base_url` changed: deployed clients keep calling the old server";
    EnvelopeChanged = "envelope-changed", Breaking, Safe, Breaking, Patch,
        "a member or the success code of the reply envelope changed";
    TokenFieldChanged = "token-field-changed", Breaking, Safe, Breaking, Patch,
        "`info.token_field`, the body field carrying the token, changed";
    LoginChanged = "login-changed", Safe, Safe, Warning, Patch,
        "`info.login` changed: `client.login()` calls another endpoint or reads other fields";
    DocChanged = "doc-changed", Safe, Safe, Info, Patch,
        "documentation only: titles, summaries, zh, notes, departures, examples";

    // Groups: the client's accessors (`client.profile()`).
    GroupAdded = "group-added", Safe, Safe, Info, Minor,
        "a group, and so a client accessor, was added";
    GroupRemoved = "group-removed", Safe, Breaking, Breaking, Patch,
        "a group was removed: its accessor and accessor type are gone";
    GroupRenamed = "group-renamed", Safe, Breaking, Breaking, Patch,
        "a group's key changed (probable rename): its accessor is renamed";

    // Named types.
    TypeAdded = "type-added", Safe, Safe, Info, Minor,
        "a named type was added";
    TypeRemoved = "type-removed", Safe, Breaking, Breaking, Patch,
        "a named type was removed (fields that used it are reported on their own)";
    TypeRenamed = "type-renamed", Safe, Breaking, Breaking, Patch,
        "a named type was removed and one of the same shape added (probable rename)";
    TypeKindChanged = "type-kind-changed", Breaking, Breaking, Breaking, Major,
        "a named type changed between object and coded enum";
    EnumCodeTypeChanged = "enum-code-type-changed", Breaking, Breaking, Breaking, Major,
        "an enum's codes changed between integers and strings";

    // Values of coded enums.
    EnumValueAdded = "enum-value-added", Safe, Safe, Info, Minor,
        "an enum that no reply uses gained a value";
    EnumValueAddedToReply = "enum-value-added-to-reply", Breaking, Safe, Breaking, Minor,
        "an enum that replies use gained a value: closed enums in other languages reject it, Rust keeps `Unknown`";
    EnumValueRemoved = "enum-value-removed", Breaking, Breaking, Breaking, Major,
        "an enum that requests use lost a value: deployed clients may still send it";
    EnumValueRemovedFromReply = "enum-value-removed-from-reply", Safe, Breaking, Breaking, Patch,
        "an enum used only in replies lost a value: its Rust variant is gone";
    EnumValueRenamed = "enum-value-renamed", Safe, Breaking, Breaking, Patch,
        "an enum value kept its code and changed its name: the Rust variant is renamed";
    EnumValueCodeChanged = "enum-value-code-changed", Breaking, Safe, Breaking, Patch,
        "an enum value kept its name and changed its code on the wire";

    // Endpoints.
    EndpointAdded = "endpoint-added", Safe, Safe, Info, Minor,
        "an endpoint was added";
    EndpointRemoved = "endpoint-removed", Breaking, Breaking, Breaking, Major,
        "an endpoint was removed";
    EndpointRenamed = "endpoint-renamed", Safe, Breaking, Breaking, Patch,
        "an endpoint's operation name changed: its Rust method and request type are renamed";
    EndpointPathChanged = "endpoint-path-changed", Breaking, Safe, Breaking, Patch,
        "an endpoint's HTTP path changed";
    GroupChanged = "group-changed", Safe, Breaking, Breaking, Patch,
        "an endpoint moved to another group: its method moves to another accessor";
    TokenRequirementAdded = "token-requirement-added", Breaking, Safe, Breaking, Patch,
        "an endpoint now needs the token: deployed clients that do not send it fail";
    TokenRequirementRemoved = "token-requirement-removed", Safe, Safe, Warning, Patch,
        "an endpoint no longer takes the token";
    ReadOnlyChanged = "read-only-changed", Safe, Safe, Warning, Patch,
        "an endpoint's `read_only` changed: the client retries it, or stops retrying it";
    PagingChanged = "paging-changed", Safe, Breaking, Breaking, Patch,
        "`reply.paged` changed: the method's return type and its `_stream` method change";
    PagingFlagChanged = "paging-flag-changed", Safe, Safe, Info, Patch,
        "`reply.paged` changed on a reply with members beyond paging: the method returns its reply struct either way, so neither the Rust API nor the wire changes";
    ReplyDataAdded = "reply-data-added", Safe, Breaking, Breaking, Minor,
        "the reply gained `data`: the method's return type changes";
    ReplyDataRemoved = "reply-data-removed", Breaking, Breaking, Breaking, Major,
        "the reply lost `data`";
    ReplyShapeChanged = "reply-shape-changed", Safe, Breaking, Breaking, Patch,
        "the method now returns a reply struct instead of `data` itself, or the other way round";

    // Fields of requests, and of named types that requests use.
    RequestFieldAddedOptional = "request-field-added-optional", Safe, Safe, Info, Minor,
        "an optional request field was added (a new setter)";
    RequestFieldAddedRequired = "request-field-added-required", Breaking, Breaking, Breaking, Major,
        "a required request field was added (a new `new(..)` argument)";
    RequestFieldRemoved = "request-field-removed", Breaking, Breaking, Breaking, Major,
        "a request field was removed";
    RequestFieldBecameRequired = "request-field-became-required", Breaking, Breaking, Breaking, Major,
        "a request field became required";
    RequestFieldBecameOptional = "request-field-became-optional", Safe, Breaking, Breaking, Minor,
        "a request field became optional: it leaves `new(..)` for a setter";
    RequestFieldBecameNullable = "request-field-became-nullable", Safe, Safe, Info, Minor,
        "a request field may now be null";
    RequestFieldBecameNonNullable = "request-field-became-non-nullable", Breaking, Safe, Breaking, Patch,
        "a request field may no longer be null";
    RequestFieldTypeChanged = "request-field-type-changed", Breaking, Breaking, Breaking, Major,
        "a request field's type changed";
    RequestFieldTypeWidened = "request-field-type-widened", Safe, Breaking, Breaking, Minor,
        "a request field's type now accepts more (every old value still valid), but its Rust type changed";
    RequestFieldFormatChanged = "request-field-format-changed", Breaking, Safe, Breaking, Patch,
        "a request field's JSON form changed while its Rust type stayed (datetime and unixtime)";
    RequestFieldWireChanged = "request-field-wire-changed", Breaking, Safe, Breaking, Patch,
        "a request field's `wire` no longer accepts an encoding deployed clients send";
    RequestFieldWireWidened = "request-field-wire-widened", Safe, Safe, Info, Minor,
        "a request field's `wire` now accepts more encodings";
    RequestFieldOrderChanged = "request-field-order-changed", Safe, Breaking, Breaking, Patch,
        "required request fields changed order: the arguments of `new(..)` are reordered";

    // Fields of replies (`data`, top-level members), and of named types that replies use.
    ReplyFieldAdded = "reply-field-added", Safe, Safe, Info, Minor,
        "a reply field was added";
    ReplyFieldRemoved = "reply-field-removed", Breaking, Breaking, Breaking, Major,
        "a reply field was removed";
    ReplyFieldBecameOptional = "reply-field-became-optional", Breaking, Breaking, Breaking, Major,
        "a reply field that was always there may now be missing or null: `T` becomes `Option<T>`";
    ReplyFieldBecameNullable = "reply-field-became-nullable", Breaking, Safe, Breaking, Patch,
        "a reply field already `Option<T>` in Rust may now also be null or missing";
    ReplyFieldBecameRequired = "reply-field-became-required", Safe, Breaking, Breaking, Patch,
        "a reply field is now always there and never null: `Option<T>` becomes `T`";
    ReplyFieldBecameNonNullable = "reply-field-became-non-nullable", Safe, Safe, Info, Patch,
        "a reply field promises more (never null, or always present) while staying `Option<T>`";
    ReplyFieldTypeChanged = "reply-field-type-changed", Breaking, Breaking, Breaking, Major,
        "a reply field's type changed";
    ReplyFieldTypeNarrowed = "reply-field-type-narrowed", Safe, Breaking, Breaking, Patch,
        "a reply field's type promises less variety (every new value was valid before), but its Rust type changed";
    ReplyFieldFormatChanged = "reply-field-format-changed", Breaking, Safe, Breaking, Patch,
        "a reply field's JSON form changed while its Rust type stayed (datetime and unixtime)";
    ReplyFieldWireChanged = "reply-field-wire-changed", Breaking, Safe, Breaking, Patch,
        "a reply field's `wire` admits an encoding deployed clients do not expect; Rust decodes both";
    ReplyFieldWireNarrowed = "reply-field-wire-narrowed", Safe, Safe, Info, Patch,
        "a reply field's `wire` admits fewer encodings";

    // Names of fields, in requests and replies alike.
    FieldRenamed = "field-renamed", Breaking, Breaking, Breaking, Major,
        "a field was removed and one of the same type and meaning added (probable rename)";
    FieldWireRenamed = "field-wire-renamed", Breaking, Safe, Breaking, Patch,
        "a field's wire name changed while its Rust name stayed (probable rename)";
    RustNameChanged = "rust-name-changed", Safe, Breaking, Breaking, Patch,
        "a field's wire name stayed and its Rust name changed";
}

impl RuleId {
    /// The stable kebab-case id.
    pub fn name(self) -> &'static str {
        self.rule().name
    }

    /// How loudly reports show the change.
    pub fn severity(self) -> Severity {
        self.rule().severity
    }

    /// Whether deployed clients break on the wire.
    pub fn wire(self) -> Verdict {
        self.rule().wire
    }

    /// Whether programs using the generated Rust crate stop compiling.
    pub fn rust(self) -> Verdict {
        self.rule().rust
    }

    /// The rule with this kebab-case id.
    pub fn from_name(name: &str) -> Option<RuleId> {
        Self::ALL.iter().copied().find(|id| id.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn severity_is_breaking_exactly_when_a_verdict_is() {
        for id in RuleId::ALL {
            let rule = id.rule();
            let breaks = rule.wire == Verdict::Breaking || rule.rust == Verdict::Breaking;
            assert_eq!(rule.severity == Severity::Breaking, breaks, "{}", rule.name);
        }
    }

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        let mut seen = BTreeSet::new();
        for &id in RuleId::ALL {
            let name = id.name();
            assert!(seen.insert(name), "duplicate rule name {name}");
            assert!(
                name.split('-')
                    .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase())),
                "{name} is not kebab-case"
            );
            assert_eq!(RuleId::from_name(name), Some(id));
        }
    }

    #[test]
    fn only_the_version_rule_calls_for_no_bump() {
        for id in RuleId::ALL {
            let rule = id.rule();
            assert_eq!(
                rule.safe_bump == Bump::None,
                *id == RuleId::VersionChanged,
                "{}",
                rule.name
            );
        }
    }
}
