"""Writes the OpenAPI 3.1 form of the 3.0.3 document, for measuring whether 3.1 makes the
generated clients better (README: "Clients in other languages").

Usage: python3 to_3_1.py OPENAPI_3_0_JSON OPENAPI_3_1_JSON
then:  cargo xtask openapi-clients --document OPENAPI_3_1_JSON

What 3.1 (JSON Schema 2020-12) says differently:
- `nullable: true` beside `type: T` becomes `type: [T, "null"]` (and `null` joins an `enum`);
- a union of a number and a string form (`IntegerOrString`: `oneOf` of `integer` and a
  numeric-string `pattern`) becomes one schema, `type: [integer, string]` with the `pattern`
  (which applies to strings only), as 3.1 allows and the issue suggested;
- `openapi` is `3.1.0`; everything else is valid 3.1 as it is.
"""

import json
import sys

SCALAR_TYPES = {"integer", "number", "string"}


def merged_union(schema):
    """`oneOf: [number form, string form]` as one schema with a type list, or None."""
    branches = schema.get("oneOf")
    if not isinstance(branches, list) or len(branches) != 2:
        return None
    number, string = branches
    if not all(isinstance(b, dict) and "$ref" not in b and "not" not in b for b in branches):
        return None
    if number.get("type") not in ("integer", "number") or string.get("type") != "string":
        return None
    if "enum" in number or "enum" in string:
        return None
    merged = {k: v for k, v in schema.items() if k != "oneOf"}
    merged["type"] = [number["type"], "string"]
    if "pattern" in string:
        merged["pattern"] = string["pattern"]
    return merged


def convert(node):
    if isinstance(node, list):
        return [convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    merged = merged_union(node)
    if merged is not None:
        node = merged
    out = {}
    for key, value in node.items():
        if key in ("example", "x-extensible-enum", "enum", "x-enum-varnames"):
            out[key] = value
        else:
            out[key] = convert(value)
    if out.pop("nullable", False):
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
    return out


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        document = json.load(file)
    converted = convert(document)
    converted["openapi"] = "3.1.0"
    with open(sys.argv[2], "w", encoding="utf-8") as file:
        json.dump(converted, file, ensure_ascii=False, indent=2)
        file.write("\n")


if __name__ == "__main__":
    main()
