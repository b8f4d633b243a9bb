//! Decodes every example with a generated Rust client's models and re-encodes it, as the
//! client reads and writes bodies (serde_json from the text, then to text).
//!
//! Usage: `decode EXAMPLES_JSON RESULTS_JSON`. `cargo xtask openapi-clients` builds this file
//! once per generator, beside `dispatch.rs`, which it writes: `client` is the generated crate
//! and `models!` lists each component with the generated type holding it.

use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Value, json};

#[derive(serde::Deserialize)]
struct Example {
    id: String,
    component: String,
    json: String,
}

fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> Result<String, String> {
    let decoded: T = serde_json::from_str(text).map_err(|error| error.to_string())?;
    serde_json::to_string(&decoded).map_err(|error| error.to_string())
}

macro_rules! models {
    ($($component:literal => $ty:ty,)*) => {
        fn decode(component: &str, text: &str) -> Result<String, String> {
            match component {
                $($component => round_trip::<$ty>(text),)*
                other => Err(format!("no generated type for component {other}")),
            }
        }
    };
}

include!("dispatch.rs");

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let examples: Vec<Example> =
        serde_json::from_str(&std::fs::read_to_string(&args[1]).expect("examples readable"))
            .expect("examples are JSON");
    let results: Vec<Value> = examples
        .iter()
        .map(|example| match decode(&example.component, &example.json) {
            Ok(reencoded) => json!({"id": example.id, "decoded": true, "error": null, "reencoded": reencoded}),
            Err(error) => json!({"id": example.id, "decoded": false, "error": error, "reencoded": null}),
        })
        .collect();
    let text = serde_json::to_string_pretty(&results).expect("results serialise");
    std::fs::write(&args[2], text).expect("results writable");
}
