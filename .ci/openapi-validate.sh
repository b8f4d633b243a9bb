#!/usr/bin/env bash
# Checks generated-client/openapi.json (or the files given) against the OpenAPI 3.0
# specification with a tool independent of this project: openapi-spec-validator from PyPI,
# installed once into a virtualenv of its own under target/. Exits non-zero on any error.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
validator_version="0.9.0"
venv="${OPENAPI_VALIDATOR_VENV:-$root/target/ci-venv/openapi-spec-validator-$validator_version}"

if [ "$#" -eq 0 ]; then
    set -- "$root/generated-client/openapi.json"
fi
for document in "$@"; do
    if [ ! -f "$document" ]; then
        echo "openapi-validate: $document does not exist (run \`cargo xtask codegen\`)" >&2
        exit 1
    fi
done

if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
    echo "openapi-validate: installing openapi-spec-validator $validator_version into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "openapi-spec-validator==$validator_version"
fi

# --schema 3.0: the document must be valid as the 3.0 it declares, not just as some version.
"$venv/bin/openapi-spec-validator" --schema 3.0 --validation-errors all "$@"
echo "openapi-validate: openapi-spec-validator $validator_version accepts $*"
