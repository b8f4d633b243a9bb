//! Where each element of a spec file stands: YAML path → line and column.
//! (Owned by the loader; placeholder until it lands.)
