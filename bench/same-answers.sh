#!/usr/bin/env bash
# Whether two builds of `arkiv serve` give the same `/api/search` answers: every search of
# bench/queries.txt (as bench/search_paths.py turns them into request paths) asked of this
# build's server and of PEER's over the same index (both read it only, with no cache), and
# the answers compared as JSON. Prints the searches whose answers differ and exits 1 if any
# does. A check for a change meant to make the search cheaper, not faster to a different answer.
#
#   PEER=/tmp/arkiv-main INDEX=/tmp/norec-index bench/same-answers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
peer="${PEER:?PEER names the other arkiv binary}"
index="${INDEX:?INDEX names the index both servers read}"
arkiv="${ARKIV:-$PWD/target/release/arkiv}"

work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-same.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# Starts BINARY serve without a cache and prints its address.
serve() {
    local out="$work/serve.${#pids[@]}.out"
    "$1" --index "$index" serve --addr 127.0.0.1:0 --cache-mb 0 > "$out" &
    pids+=($!)
    for _ in $(seq 100); do
        grep -q "http://" "$out" 2> /dev/null && break
        sleep 0.1
    done
}
serve "$arkiv"
serve "$peer"
this="$(grep -o 'http://[0-9.:]*' "$work/serve.0.out")"
other="$(grep -o 'http://[0-9.:]*' "$work/serve.1.out")"
python3 bench/search_paths.py bench/queries.txt > "$work/paths.txt"
python3 - "$this" "$other" "$work/paths.txt" <<'PY'
import json, sys, urllib.request

this, other, paths = sys.argv[1:]
differ = 0
lines = [line.strip() for line in open(paths) if line.strip()]
for path in lines:
    answers = [json.load(urllib.request.urlopen(base + path)) for base in (this, other)]
    if answers[0] != answers[1]:
        differ += 1
        print(f"differs: {path}")
print(f"{len(lines) - differ} of {len(lines)} searches answered the same")
sys.exit(1 if differ else 0)
PY
