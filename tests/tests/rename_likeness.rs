//! The rename heuristics' thresholds (`spec_diff::rename`), measured rather than guessed.
//!
//! Two corpora, each a table in this test's snapshots:
//!
//! - **The diff fixtures**: every pair of a removed and an added element that comparing a
//!   fixture pair offers to rename detection, with the signals measured on it. [`TRUE_RENAMES`]
//!   says which pairs are the same element renamed (the fixture's own comment says so); every
//!   other pair is a false one. The test fails when a pair is judged otherwise.
//! - **The real spec** (`spec/verycloud.yaml`, 40 types, 35 endpoints): its elements are all
//!   different, so every pair of two of them is a false pair, and each type edited the way a
//!   pull request edits one (renamed to an unrelated name with its docs rewritten, and a
//!   member added or removed) is a true pair. For types the false pairs take the worst case:
//!   the other type put in every place the removed one was used (usage 1.0), so that only
//!   the members tell them apart; the true pairs get no help from names or docs either.
//!   The sweeps show how many pairs each threshold would let through or miss.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

use spec::model::{Api, EnumCode, EnumValue, Field, NamedType, TypeKind, TypeRef};
use spec_diff::rename::{
    self, Candidate, DESCRIPTION_THRESHOLD, Described, Evidence, NAME_THRESHOLD, SHAPE_THRESHOLD,
    USAGE_THRESHOLD,
};
use verycloud_tests::{project_root, spec_path};

/// The pairs of the diff fixtures that are one element renamed: (fixture, kind, old, new).
const TRUE_RENAMES: &[(&str, &str, &str, &str)] = &[
    (
        "endpoint-renamed",
        "endpoint",
        "subaccountList",
        "subaccountIndex",
    ),
    (
        "endpoint-renamed-and-moved",
        "endpoint",
        "balance",
        "accountBalance",
    ),
    (
        "endpoint-renamed-and-regrouped",
        "endpoint",
        "subaccountAdd",
        "memberAdd",
    ),
    (
        "enum-renamed-and-extended",
        "type",
        "AccountStatus",
        "LoginState",
    ),
    ("field-renames", "field", "name", "username"),
    ("field-renames", "field", "recieve_mail", "receive_mail"),
    ("group-renamed", "group", "profile", "account"),
    (
        "group-renamed-and-endpoints-moved",
        "group",
        "profile",
        "account",
    ),
    (
        "group-renamed-and-endpoints-moved",
        "endpoint",
        "subaccountAdd",
        "createSubaccount",
    ),
    ("login-field-renamed", "field", "username", "user_name"),
    ("type-renamed", "type", "SubaccountGroup", "AccountGroup"),
    (
        "type-renamed-and-extended",
        "type",
        "SubaccountGroup",
        "UserGroup",
    ),
    (
        "type-renamed-and-reduced",
        "type",
        "SubaccountGroup",
        "Team",
    ),
    (
        "type-renamed-users-changed",
        "type",
        "SubaccountGroup",
        "Team",
    ),
    ("type-renamed-users-changed", "field", "group", "team"),
];

fn load(path: &Path) -> Api {
    spec::load_api(path)
        .unwrap_or_else(|diagnostics| panic!("{} is invalid:\n{diagnostics}", path.display()))
}

fn fixture_cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(project_root().join("tests/fixtures/diff"))
        .expect("the fixture folder exists")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"))
}

fn row(case: &str, candidate: &Candidate, truth: bool) -> String {
    let e = &candidate.evidence;
    let verdict = match (truth, candidate.paired) {
        (true, true) => "rename ✓",
        (false, false) => "not a rename ✓",
        (true, false) => "rename MISSED",
        (false, true) => "FALSE rename",
    };
    format!(
        "| {case} | {} | `{}` → `{}` | {:.2} | {:.2} | {} | {} | {} | {} | {verdict} |\n",
        candidate.kind,
        candidate.old,
        candidate.new,
        e.name,
        e.en,
        if e.zh { "=" } else { "≠" },
        if e.path { "=" } else { "≠" },
        score(e.shape),
        score(e.usage),
    )
}

#[test]
fn fixture_pairs_are_judged_as_the_fixtures_mean_them() {
    let mut table = String::from(
        "| fixture | kind | pair | name | en | zh | path | shape | usage | verdict |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for case in fixture_cases() {
        let dir = project_root().join("tests/fixtures/diff").join(&case);
        let candidates = spec_diff::rename_candidates(
            &load(&dir.join("old.yaml")),
            &load(&dir.join("new.yaml")),
        );
        for candidate in &candidates {
            let key = (
                case.as_str(),
                candidate.kind,
                candidate.old.as_str(),
                candidate.new.as_str(),
            );
            let truth = match TRUE_RENAMES.iter().position(|known| *known == key) {
                Some(index) => seen.insert(index),
                None => false,
            };
            if truth != candidate.paired {
                wrong.push(format!("{key:?}: paired {}", candidate.paired));
            }
            table.push_str(&row(&case, candidate, truth));
        }
    }
    let unseen: Vec<_> = TRUE_RENAMES
        .iter()
        .enumerate()
        .filter(|(index, _)| !seen.contains(index))
        .map(|(_, key)| key)
        .collect();
    assert!(unseen.is_empty(), "true renames never offered: {unseen:?}");
    assert!(wrong.is_empty(), "misjudged pairs:\n{}", wrong.join("\n"));
    insta::assert_snapshot!("fixture-pairs", table);
}

/// Every type expression in `api` that names `from` names `to` instead.
fn retarget(api: &Api, from: &str, to: &str) -> (Vec<NamedType>, Vec<spec::model::Endpoint>) {
    fn in_ty(ty: &TypeRef, from: &str, to: &str) -> TypeRef {
        match ty {
            TypeRef::Named(name) if name == from => TypeRef::Named(to.to_owned()),
            TypeRef::List(inner) => TypeRef::List(Box::new(in_ty(inner, from, to))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(in_ty(inner, from, to))),
            other => other.clone(),
        }
    }
    let fix = |fields: &mut Vec<Field>| {
        for field in fields {
            field.ty = in_ty(&field.ty, from, to);
        }
    };
    let mut types = api.types().to_vec();
    for named in &mut types {
        if let TypeKind::Object { fields } = &mut named.kind {
            fix(fields);
        }
    }
    let mut endpoints = api.endpoints.clone();
    for endpoint in &mut endpoints {
        fix(&mut endpoint.request);
        fix(&mut endpoint.reply.fields);
        if let Some(data) = &mut endpoint.reply.data {
            data.ty = in_ty(&data.ty, from, to);
        }
    }
    (types, endpoints)
}

/// The real spec with `old` renamed to `RenamedType`, its docs rewritten and `edit` applied:
/// the candidate pair the diff offers for it.
fn edited_type(api: &Api, old: &NamedType, edit: impl Fn(&mut NamedType)) -> Option<Candidate> {
    let (mut types, endpoints) = retarget(api, &old.name, "RenamedType");
    let named = types.iter_mut().find(|t| t.name == old.name)?;
    named.name = "RenamedType".to_owned();
    named.en = "Rewritten without a word in common".to_owned();
    named.zh = None;
    edit(named);
    let new = Api::new(api.info.clone(), api.groups.clone(), types, endpoints);
    spec_diff::rename_candidates(api, &new)
        .into_iter()
        .find(|c| c.kind == "type" && c.old == old.name && c.new == "RenamedType")
}

/// An edit a pull request makes to a type besides renaming it.
type Edit = fn(&mut NamedType);

fn added_member(named: &mut NamedType) {
    match &mut named.kind {
        TypeKind::Object { fields } => {
            let mut remark = fields[0].clone();
            remark.wire_name = "remark_added".to_owned();
            remark.rust_name = None;
            remark.ty = TypeRef::Scalar(spec::model::Scalar::String);
            fields.push(remark);
        }
        TypeKind::Enum { values, .. } => {
            let code = match &values[0].code {
                EnumCode::Integer(_) => EnumCode::Integer(9_999),
                EnumCode::String(_) => EnumCode::String("added_code".to_owned()),
            };
            values.push(EnumValue {
                code,
                name: "added_value".to_owned(),
                ..values[0].clone()
            });
        }
    }
}

fn removed_member(named: &mut NamedType) {
    match &mut named.kind {
        TypeKind::Object { fields } => {
            fields.pop();
        }
        TypeKind::Enum { values, .. } => {
            values.pop();
        }
    }
}

fn members(named: &NamedType) -> usize {
    match &named.kind {
        TypeKind::Object { fields } => fields.len(),
        TypeKind::Enum { values, .. } => values.len(),
    }
}

const SWEEP: [f64; 9] = [0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.85, 0.9];

fn sweep_row(label: &str, values: &[f64], passes: impl Fn(f64, f64) -> bool) -> String {
    let mut line = format!("| {label} ({}) |", values.len());
    for threshold in SWEEP {
        let count = values.iter().filter(|v| passes(**v, threshold)).count();
        let _ = write!(line, " {count} |");
    }
    line.push('\n');
    line
}

fn sweep_header(what: &str) -> String {
    let mut header = format!("| {what} |");
    let mut rule = String::from("| --- |");
    for threshold in SWEEP {
        let _ = write!(header, " ≥ {threshold} |");
        rule.push_str(" --- |");
    }
    format!("{header}\n{rule}\n")
}

#[test]
fn real_spec_pairs_measure_the_type_thresholds() {
    let api = load(&spec_path());
    let types = api.types();

    // True pairs: each type renamed, its docs rewritten, a member added or (where it has two
    // or more) removed. Nothing but its members and its places can recognise it.
    let mut true_shapes = Vec::new();
    let mut missed = Vec::new();
    let mut unused = BTreeSet::new();
    for named in types {
        let mut edits: Vec<(&str, Edit)> = vec![("member added", added_member)];
        if members(named) >= 2 {
            edits.push(("member removed", removed_member));
        }
        for (edit, apply) in edits {
            let candidate = edited_type(&api, named, apply).expect("the pair is offered");
            let e = candidate.evidence;
            if e.usage == Some(0.0) {
                // No field uses it: with its name and docs changed too, nothing is left to
                // recognise it by, and a removal plus an addition is the honest report.
                unused.insert(named.name.clone());
                assert!(!candidate.paired, "{}", named.name);
                continue;
            }
            assert_eq!(e.usage, Some(1.0), "{}: its places follow it", named.name);
            true_shapes.push(e.shape.expect("a type pair has a shape"));
            if !candidate.paired {
                missed.push(format!("{} ({edit})", named.name));
            }
        }
    }

    // False pairs: two different types, the second put where the first was used.
    let mut false_shapes = Vec::new();
    let mut closest: Vec<(f64, String)> = Vec::new();
    for a in types {
        for b in types.iter().filter(|b| b.name != a.name) {
            let Some(shape) = rename::shape(a, b, &|ty| ty.clone()) else {
                continue;
            };
            let evidence = Evidence {
                shape: Some(shape),
                usage: Some(1.0),
                ..Evidence::of(describe_type(a), describe_type(b))
            };
            false_shapes.push(shape);
            if evidence.score().is_some() {
                closest.push((shape, format!("`{}` → `{}`", a.name, b.name)));
            }
        }
    }
    closest.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));

    let mut out = String::new();
    let _ = writeln!(
        out,
        "Types of spec/verycloud.yaml. True pairs: each type renamed with its docs rewritten and one member added or removed ({}). False pairs: every ordered pair of two different types of the same kind, the second put in every place of the first ({}).\n",
        true_shapes.len(),
        false_shapes.len()
    );
    let _ = writeln!(
        out,
        "Types no field uses, left out of the true pairs (with a new name and new docs nothing recognises them; they are reported removed and added): {}.\n",
        unused
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out.push_str(&sweep_header("shape (Dice of members)"));
    out.push_str(&sweep_row("true pairs recognised", &true_shapes, |v, t| {
        v >= t
    }));
    out.push_str(&sweep_row(
        "false pairs taken for renames",
        &false_shapes,
        |v, t| v >= t,
    ));
    let _ = writeln!(
        out,
        "\nChosen: SHAPE_THRESHOLD = {SHAPE_THRESHOLD}, USAGE_THRESHOLD = {USAGE_THRESHOLD}. Smallest true shape {:.2}; false pairs at or above the threshold:",
        true_shapes.iter().copied().fold(f64::INFINITY, f64::min)
    );
    for (shape, pair) in &closest {
        let _ = writeln!(out, "- {pair}: {shape:.2}");
    }
    assert!(missed.is_empty(), "edited types not recognised: {missed:?}");
    insta::assert_snapshot!("real-spec-types", out);
}

fn describe_type(named: &NamedType) -> Described<'_> {
    Described {
        name: &named.name,
        en: &named.en,
        zh: named.zh.as_deref(),
    }
}

fn describe_field(field: &Field) -> Described<'_> {
    Described {
        name: &field.wire_name,
        en: &field.en,
        zh: field.zh.as_deref(),
    }
}

#[test]
fn real_spec_pairs_measure_the_description_and_name_thresholds() {
    let api = load(&spec_path());
    // Every list of fields: a type's, a request's, a reply's.
    let mut lists: Vec<(String, Vec<&Field>)> = Vec::new();
    for named in api.types() {
        if let TypeKind::Object { fields } = &named.kind {
            lists.push((named.yaml_path.clone(), fields.iter().collect()));
        }
    }
    for endpoint in &api.endpoints {
        lists.push((
            format!("{}.request", endpoint.yaml_path),
            endpoint.request.iter().collect(),
        ));
        lists.push((
            format!("{}.reply", endpoint.yaml_path),
            endpoint
                .reply
                .data
                .iter()
                .chain(&endpoint.reply.fields)
                .collect(),
        ));
    }
    // False pairs: two different fields of one list with the same type, as the diff offers
    // them when one is removed and the other added.
    let (mut names, mut descriptions, mut zh_equal) = (Vec::new(), Vec::new(), 0);
    let mut passing = Vec::new();
    for (place, fields) in &lists {
        for a in fields {
            for b in fields
                .iter()
                .filter(|b| b.wire_name != a.wire_name && b.ty == a.ty)
            {
                let evidence = Evidence::of(describe_field(a), describe_field(b));
                names.push(evidence.name);
                descriptions.push(evidence.en);
                zh_equal += usize::from(evidence.zh);
                if evidence.identity().is_some() {
                    passing.push(format!(
                        "- {place}: `{}` → `{}` (name {:.2}, en {:.2}, zh {})",
                        a.wire_name,
                        b.wire_name,
                        evidence.name,
                        evidence.en,
                        if evidence.zh { "=" } else { "≠" }
                    ));
                }
            }
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Fields of spec/verycloud.yaml: every ordered pair of two different fields of one list with the same type ({} false pairs; {} with equal zh).\n",
        names.len(),
        zh_equal
    );
    out.push_str(&sweep_header("false pairs passing"));
    out.push_str(&sweep_row("name similarity", &names, |v, t| v >= t));
    out.push_str(&sweep_row("en Dice", &descriptions, |v, t| v >= t));
    let _ = writeln!(
        out,
        "\nChosen: NAME_THRESHOLD = {NAME_THRESHOLD}, DESCRIPTION_THRESHOLD = {DESCRIPTION_THRESHOLD}. False pairs any identity signal lets through:"
    );
    for line in &passing {
        let _ = writeln!(out, "{line}");
    }
    insta::assert_snapshot!("real-spec-fields", out);
}
