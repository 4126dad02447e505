#!/usr/bin/env bash
# The CPU a server spends per search never asked before: `arkiv serve --cache-mb 0` of this
# build and of PEER over the same index, in turn ROUNDS times, each under `wrk -c 2` with the
# searches of bench/queries.txt for DURATION seconds; the server's CPU time (user and system,
# from /proc) over the requests it answered. On a machine shared with other work the
# throughput of bench/load.sh follows the load of the moment; the CPU a search takes follows
# it far less, so this tells a change that makes a search cheaper from the noise.
#
#   PEER=/tmp/arkiv-main INDEX=/tmp/norec-index bench/cpu-per-search.sh
set -euo pipefail
cd "$(dirname "$0")/.."
peer="${PEER:?PEER names the other arkiv binary}"
index="${INDEX:?INDEX names the index both servers read}"
arkiv="${ARKIV:-$PWD/target/release/arkiv}"
duration="${DURATION:-8}"
rounds="${ROUNDS:-3}"

work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-cpu.XXXXXX")"
server=""
cleanup() {
    if [[ -n "$server" ]]; then
        kill "$server" 2> /dev/null || true
        wait "$server" 2> /dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
python3 bench/search_paths.py bench/queries.txt > "$work/paths.txt"

# The CPU seconds (user and system) the process PID has used so far.
cpu_seconds() {
    awk -v tick="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / tick }' "/proc/$1/stat"
}

# One round of BINARY: requests answered, server CPU ms per request, requests/s.
measure() {
    local out="$work/serve.out"
    "$1" --index "$index" serve --addr 127.0.0.1:0 --cache-mb 0 > "$out" &
    server=$!
    for _ in $(seq 100); do
        grep -q "http://" "$out" 2> /dev/null && break
        sleep 0.1
    done
    local url before after wrk_out requests rps
    url="$(grep -o 'http://[0-9.:]*' "$out")"
    # A first round warms what a state of the index reads once (names, groups of copies).
    PATHS="$work/paths.txt" wrk -t 1 -c 2 -d 2s -s bench/load.lua "$url" > /dev/null
    before="$(cpu_seconds "$server")"
    wrk_out="$(PATHS="$work/paths.txt" wrk -t 1 -c 2 -d "${duration}s" -s bench/load.lua "$url")"
    after="$(cpu_seconds "$server")"
    kill "$server"
    wait "$server" 2> /dev/null || true
    server=""
    requests="$(awk '/requests in/ { print $1 }' <<< "$wrk_out")"
    rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<< "$wrk_out")"
    awk -v r="$requests" -v b="$before" -v a="$after" -v rps="$rps" \
        'BEGIN { printf "%s requests, %.2f ms of CPU each, %s/s", r, (a - b) * 1000 / r, rps }'
}

echo "CPU per uncached /api/search, $(git rev-parse --short HEAD) against $peer, ${duration} s a round, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
for round in $(seq "$rounds"); do
    echo "round $round: this: $(measure "$arkiv"); peer: $(measure "$peer")"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
