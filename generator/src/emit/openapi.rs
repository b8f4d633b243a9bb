//! The OpenAPI 3.0.3 document. (Placeholder; the OpenAPI emitter fills it in.)
