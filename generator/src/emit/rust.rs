//! The Rust client crate. (Placeholder; the Rust emitter fills it in.)
