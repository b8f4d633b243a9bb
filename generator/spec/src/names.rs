//! Every name the outputs use, derived in one place: the model holds what the API is, and
//! each target spells it here.
//!
//! [`rust`] names the generated crate's items and knows which names the runtime already
//! takes; [`openapi`] names the OpenAPI document's components; [`cli`] names the command-line
//! tool's subcommands and flags and knows which its runtime takes. Validation calls them to
//! refuse a spec whose names would collide, and the emitters and the spec diff call them to
//! spell what they write, so a name is checked exactly as it is emitted.

pub mod cli;
pub mod openapi;
pub mod rust;
