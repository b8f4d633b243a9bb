//! What validation hands to the model builder: the spec's elements with their type
//! expressions resolved, wire encodings decided and examples parsed as JSON.

use indexmap::IndexMap;

use crate::format::{RawEndpoint, RawEnumValue, RawField, RawType};
use crate::scalar::Wire;
use crate::type_ref::{CodeKind, EnumCode, TypeRef};

/// A field whose type resolved to defined types (or, after an error, to `json`, so that one
/// mistake does not cascade into others).
#[derive(Debug, Clone)]
pub(crate) struct CheckedField {
    /// The name on the wire (for `reply.data`, the envelope's data field).
    pub(crate) wire_name: String,
    pub(crate) raw: RawField,
    pub(crate) ty: TypeRef,
    pub(crate) wire: Wire,
    pub(crate) example: Option<serde_json::Value>,
    /// YAML path of the field.
    pub(crate) path: String,
}

/// A named type that has a valid shape.
#[derive(Debug, Clone)]
pub(crate) struct CheckedType {
    pub(crate) raw: RawType,
    pub(crate) kind: CheckedKind,
}

#[derive(Debug, Clone)]
pub(crate) enum CheckedKind {
    Object(IndexMap<String, CheckedField>),
    Enum {
        code: CodeKind,
        values: Vec<CheckedEnumValue>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct CheckedEnumValue {
    pub(crate) code: EnumCode,
    pub(crate) raw: RawEnumValue,
}

#[derive(Debug, Clone)]
pub(crate) struct CheckedEndpoint {
    pub(crate) raw: RawEndpoint,
    pub(crate) request: IndexMap<String, CheckedField>,
    pub(crate) data: Option<CheckedField>,
    pub(crate) reply_fields: IndexMap<String, CheckedField>,
    /// `None` when the example is not valid JSON (reported).
    pub(crate) request_example: Option<serde_json::Value>,
    pub(crate) reply_example: Option<serde_json::Value>,
}

impl CheckedType {
    pub(crate) fn fields(&self) -> Option<&IndexMap<String, CheckedField>> {
        match &self.kind {
            CheckedKind::Object(fields) => Some(fields),
            CheckedKind::Enum { .. } => None,
        }
    }
}
