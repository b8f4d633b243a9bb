#!/usr/bin/env bash
# Runs the generated Rust client against a Prism mock server built from
# generated-client/openapi.json: every endpoint once, with its documented request example
# (tests/tests/openapi_mock.rs). Prism validates each request against the document and replies
# with the documented reply example, which the client must decode. Fails unless every one of
# the API's operations was exercised and succeeded.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prism_version="5.14.2"
prefix="${PRISM_PREFIX:-$root/target/ci-node/prism-$prism_version}"
document="${OPENAPI_DOCUMENT:-$root/generated-client/openapi.json}"
expected_operations="${EXPECTED_OPERATIONS:-60}"
listen_timeout_seconds=60

if [ ! -f "$document" ]; then
    echo "mock-server: $document does not exist (run \`cargo xtask codegen\`)" >&2
    exit 1
fi
documented_operations="$(python3 -c 'import json, sys; print(sum(len(item) for item in json.load(open(sys.argv[1]))["paths"].values()))' "$document")"
if [ "$documented_operations" != "$expected_operations" ]; then
    echo "mock-server: $document has $documented_operations operations, expected $expected_operations" >&2
    exit 1
fi

if [ ! -x "$prefix/node_modules/.bin/prism" ]; then
    echo "mock-server: installing @stoplight/prism-cli@$prism_version into $prefix"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "@stoplight/prism-cli@$prism_version"
fi

# Compile before Prism starts, so that the wait for it is not spent compiling.
cargo test --quiet -p verycloud-tests --test openapi_mock --no-run

workdir="$(mktemp -d)"
prism_pid=""
cleanup() {
    if [ -n "$prism_pid" ]; then
        kill "$prism_pid" 2>/dev/null || true
        wait "$prism_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT

# A port nobody holds now, so that parallel runs on one machine do not collide.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
: >"$workdir/prism.log"
# Static examples (Prism's default, no --dynamic): the documented reply examples come back.
"$prefix/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" "$document" >"$workdir/prism.log" 2>&1 &
prism_pid=$!

waited=0
until grep -q "Prism is listening" "$workdir/prism.log"; do
    if ! kill -0 "$prism_pid" 2>/dev/null; then
        echo "mock-server: Prism exited before listening:" >&2
        cat "$workdir/prism.log" >&2
        prism_pid=""
        exit 1
    fi
    if [ "$waited" -ge "$listen_timeout_seconds" ]; then
        echo "mock-server: Prism did not listen within ${listen_timeout_seconds}s:" >&2
        cat "$workdir/prism.log" >&2
        exit 1
    fi
    sleep 1
    waited=$((waited + 1))
done
echo "mock-server: Prism $prism_version listening on 127.0.0.1:$port"

status=0
VERYCLOUD_MOCK_URL="http://127.0.0.1:$port" \
    cargo test --quiet -p verycloud-tests --test openapi_mock -- --ignored --nocapture --test-threads 1 \
    2>&1 | tee "$workdir/test.log" || status=$?

# Prism also checks its own replies (the documented examples) against the document and logs
# each mismatch as a violation; the client may have decoded such a reply, but it is still wrong.
violations="$(grep -c "Violation:" "$workdir/prism.log" || true)"
echo "mock-server: Prism reported ${violations} reply violations"

exercised="$(sed -n 's/^mock-server run: \([0-9]*\) operations exercised.*/\1/p' "$workdir/test.log" | tail -n 1)"
echo "mock-server run: ${exercised:-0} operations exercised"
if [ "$status" -ne 0 ] || [ "${exercised:-0}" != "$expected_operations" ] || [ "$violations" -ne 0 ]; then
    echo "mock-server: FAILED (test exit $status; $expected_operations operations expected; no violations allowed). Prism's messages:" >&2
    grep -E "✖|error|warning" "$workdir/prism.log" >&2 || true
    exit 1
fi
