//! A request field as the command line knows it: its flag, how the flag's text is read, and
//! what its help says. Part of the table the generated code fills in ([`crate::table`]).

use crate::json::Json;

/// A request field: the flag `--<flag>`.
#[derive(Debug)]
pub struct Field {
    /// The flag, without `--` (`domain-ids`).
    pub flag: &'static str,
    /// The field's name in the request body (`domain_ids`), which `--json` uses.
    pub wire_name: &'static str,
    /// One line for `-h`: the English description and the docs' words.
    pub help: &'static str,
    /// What `--help` says (with the notes and an example, where the spec has them).
    pub long_help: &'static str,
    /// How the flag's text is read.
    pub value: Value,
    /// The field is a list: the flag may be repeated.
    pub list: bool,
    /// A list whose items may also be given comma-separated in one flag (`1,2,3`).
    pub comma_separated: bool,
    /// The request must have it: the flag is required unless `--json` is given.
    pub required: bool,
    /// The field holds a secret (a password), so no message shows its value.
    pub secret: bool,
}

/// How a flag's text is read.
#[derive(Debug)]
pub enum Value {
    /// By a parser of [`crate::values`].
    Parsed {
        /// The parser.
        parse: fn(&str) -> Result<Json, String>,
        /// The placeholder help shows (`INT`).
        name: &'static str,
        /// A value may start with `-`.
        negative: bool,
    },
    /// One of an enum's documented codes.
    Codes {
        /// The codes are integers (sent as numbers), not strings.
        integer: bool,
        /// The codes, in spec order.
        codes: &'static [Code],
    },
}

/// A documented code of an enum.
#[derive(Debug)]
pub struct Code {
    /// The code as the flag takes it (`1`, `month`).
    pub code: &'static str,
    /// What it means: its name, English meaning and the docs' label.
    pub help: &'static str,
}
