//! Writing and checking an output folder. (Placeholder; the codegen work fills it in.)
