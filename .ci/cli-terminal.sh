#!/usr/bin/env bash
# The `verycloud` command-line tool on a real terminal, in tmux: `--help`, JSON (indented on a
# terminal), a table, and the progress bar of `--all` over three pages that each take a second
# to arrive (from a loopback server in Python that answers like the API, slowly). The tests
# run the binary with pipes, where none of these show; this looks at what a person sees.
#
# Needs tmux and python3; without tmux it says so and exits 0 (CI machines may lack it).
# Every screen it looked at is kept in target/cli-terminal/ (see there what it saw).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
out="$root/target/cli-terminal"
if ! command -v tmux >/dev/null; then
    echo "cli-terminal: tmux is not installed; skipped (apt-get install tmux)"
    exit 0
fi

cd "$root"
cargo build --quiet -p verycloud-cli
binary="$target/debug/verycloud"
rm -rf "$out"
mkdir -p "$out"

# The loopback server: three pages of three sub-accounts, each page a second late; the
# balance at once.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$out/server.py" <<'EOF'
import json, sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path.endswith("/subaccountList"):
            time.sleep(1.0)
            page = int(body.get("page", 1))
            items = [{"uid": 7000 + 10 * page + i, "name": "user-%d-%d" % (page, i),
                      "mail": "user%d%d@example.cn" % (page, i), "created": "2024-01-31 08:00"}
                     for i in range(3)]
            reply = {"code": 1, "message": "操作完成", "total": 9, "totalpage": 3, "page": page, "data": items}
        elif self.path.endswith("/balance"):
            reply = {"code": 1, "message": "操作完成", "total": "1", "data": [{"price": "29122.0200"}]}
        else:
            reply = {"code": 0, "message": "not served here"}
        data = json.dumps(reply, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass

HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
EOF
python3 "$out/server.py" "$port" &
server=$!
session="verycloud-cli-terminal-$$"
cleanup() {
    tmux kill-session -t "$session" 2>/dev/null || true
    kill "$server" 2>/dev/null || true
}
trap cleanup EXIT

tmux new-session -d -s "$session" -x 110 -y 40 "env -i HOME=\"$HOME\" TERM=xterm-256color PATH=\"$PATH\" bash --norc --noprofile"
tmux send-keys -t "$session" "export VERYCLOUD_BASE_URL=http://127.0.0.1:$port VERYCLOUD_TOKEN=terminal-check-token PS1='$ '; clear" Enter

failures=0
# Waits (polling, up to 20 s) until the screen shows `$1`; keeps the screen in $out/<$2>.txt.
wait_for() {
    local expect="$1" name="$2" screen=""
    for _ in $(seq 1 100); do
        sleep 0.2
        screen="$(tmux capture-pane -p -t "$session")"
        if grep -qF -- "$expect" <<<"$screen"; then
            printf '%s\n' "$screen" >"$out/$name.txt"
            echo "cli-terminal: ok   $name (the screen shows \"$expect\")"
            return 0
        fi
    done
    printf '%s\n' "$screen" >"$out/$name.txt"
    echo "cli-terminal: FAIL $name: the screen never showed \"$expect\"; it shows:" >&2
    printf '%s\n' "$screen" >&2
    failures=$((failures + 1))
}
# Runs `$1` on a clear screen.
run() {
    tmux send-keys -t "$session" "clear; $1" Enter
}

run "$binary --help"
wait_for "cdn-domains" help
run "$binary subaccounts subaccount-list --help"
wait_for "--limit <INT>" endpoint-help
run "$binary finance balance"
wait_for '"price": 29122.0200' pretty-json
run "$binary subaccounts subaccount-list --output table"
wait_for "user-1-2" table
# While the second and third pages are on their way, the bar shows; once done, it is gone and
# the nine items are printed.
run "$binary subaccounts subaccount-list --all"
wait_for "page 1 of 3" progress-page-1
wait_for "page 2 of 3" progress-page-2
wait_for "user-3-2" progress-done
if grep -qF "page 2 of 3" "$out/progress-done.txt"; then
    echo "cli-terminal: FAIL progress-done: the bar is still on the screen" >&2
    failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
    echo "cli-terminal: $failures check(s) failed; the screens are in $out/" >&2
    exit 1
fi
echo "cli-terminal: every check passed; the screens are in $out/"
