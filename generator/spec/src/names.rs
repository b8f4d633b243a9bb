//! Every name the outputs use, derived in one place: the model holds what the API is, and
//! each target spells it here.
//!
//! [`rust`] names the generated crate's items and knows which names the runtime already
//! takes; [`openapi`] names the OpenAPI document's components. Validation calls both to refuse
//! a spec whose names would collide, and the emitters and the spec diff call them to spell what
//! they write, so a name is checked exactly as it is emitted.

pub mod openapi;
pub mod rust;
