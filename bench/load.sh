#!/usr/bin/env bash
# `arkiv serve` under load: wrk against /api/search (snippets, facets and histogram of every
# request) on the full NoReC corpus (43,437 reviews), at 1, 8 and 64 connections, then the same
# while an `arkiv index` writes into the same index. Not part of the test suite.
#
# Each server is measured twice: as started by default, which keeps the answers of searches
# asked again (`--cache-mb`; the list of searches comes round again every few hundred
# requests, so after its first round nearly every answer is kept), and with `--cache-mb 0`,
# where every request is a search of its own: the server's cost for searches never asked
# before. Only the server measured runs: an idle one would take in the ingest's commits too.
#
# The searches are those of bench/queries.txt (bench/search_paths.py turns each into a request
# path; bench/load.lua takes them in turn). Two figures of the same run frame the result: the
# HTTP stack alone (wrk against /healthz, which searches nothing) and the engine alone (`arkiv
# bench`: the same searches in one process, without HTTP, facets or histogram).
#
# PEER names another arkiv binary (main's release build, say) measured the same way in the same
# run, over the same index, its rows marked "peer": figures of a busy machine compare only
# within one run. INDEX names a full-NoReC index to copy instead of indexing NoReC first.
# INGEST_NICE runs the ingest under `nice -n INGEST_NICE`. ARKIV names the binary measured
# instead of this checkout's release build.
#
# It installs wrk (Debian) when it is missing, builds the release binary, and unpacks NoReC when
# NOREC_DIR does not hold it. About 6 minutes on 2 cores (twice that with PEER). Run it on a
# machine that is otherwise idle: the figures are the machine's, and other work on it shows in
# them.
#
#   bench/load.sh
#   NOREC_DIR=/tmp/norec-x/norec DURATION=20 bench/load.sh
#   PEER=/tmp/arkiv-main INDEX=/tmp/norec-index DURATION=10 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
norec_dir="${NOREC_DIR:-/tmp/norec-x/norec}"
norec_tar="${NOREC:-../shared/corpus/norec.tar.gz}"
duration="${DURATION:-15}"
peer="${PEER:-}"
ingest_nice="${INGEST_NICE:-0}"
queries="$PWD/bench/queries.txt"

command -v wrk > /dev/null || apt-get install -y -qq wrk > /dev/null ||
    { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
arkiv="${ARKIV:-}"
if [[ -z "$arkiv" ]]; then
    echo "== building" >&2
    cargo build --release --locked --quiet
    arkiv="$PWD/target/release/arkiv"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-load.XXXXXX")"
server=""
ingest=""
cleanup() {
    stop_ingest
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT
if [[ ! -d "$norec_dir/train" ]]; then
    [[ -f "$norec_tar" ]] || { echo "load.sh: no NoReC in $norec_dir, nor $norec_tar (set NOREC_DIR or NOREC)" >&2; exit 2; }
    echo "== unpacking NoReC into $work" >&2
    tar -xzf "$norec_tar" -C "$work"
    norec_dir="$work/norec"
fi

if [[ -n "${INDEX:-}" ]]; then
    echo "== copying $INDEX" >&2
    cp -r "$INDEX" "$work/index"
else
    echo "== indexing $norec_dir" >&2
    "$arkiv" --index "$work/index" index "$norec_dir" > /dev/null
fi
python3 bench/search_paths.py "$queries" > "$work/paths.txt"

# Starts BINARY serve over INDEX with the arguments after them, and sets `url` to its address.
start_server() {
    local binary="$1" index="$2" out="$work/serve.out"
    shift 2
    "$binary" --index "$index" serve --addr 127.0.0.1:0 "$@" > "$out" &
    server=$!
    for _ in $(seq 100); do
        grep -q "http://" "$out" 2> /dev/null && break
        sleep 0.1
    done
    url="$(grep -o 'http://[0-9.:]*' "$out")"
}

stop_server() {
    if [[ -n "$server" ]]; then
        kill "$server" 2> /dev/null || true
        wait "$server" 2> /dev/null || true
    fi
    server=""
}

# The ingest under load: BINARY indexes copies of the test split (4,340 files) under new paths
# into INDEX, one after another until stopped: new articles committed every 1,000 files into
# the index being searched.
start_ingest() {
    local binary="$1" index="$2" more="$work/more"
    rm -rf "$more" "$work/stop"
    mkdir -p "$more"
    (
        copy=0
        while [[ ! -e "$work/stop" ]]; do
            copy=$((copy + 1))
            mkdir -p "$more/$copy"
            cp -r "$norec_dir/test" "$more/$copy/"
            nice -n "$ingest_nice" "$binary" --index "$index" index "$more" --commit-every 1000 >> "$work/ingest.out" 2>&1
        done
    ) &
    ingest=$!
}

stop_ingest() {
    if [[ -n "$ingest" ]]; then
        touch "$work/stop"
        wait "$ingest" 2> /dev/null || true
    fi
    ingest=""
}

# wrk's latency in milliseconds: it prints 812.00us, 1.23ms or 1.02s.
ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# One wrk run: connections, a label, then wrk's extra arguments; prints a row of the table.
load() {
    local connections="$1" label="$2"
    shift 2
    local threads=$((connections < 2 ? 1 : 2))
    local out
    out="$(PATHS="$work/paths.txt" wrk -t "$threads" -c "$connections" -d "${duration}s" --latency "$@")"
    local rps p50 p99 errors
    rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<< "$out")"
    p50="$(ms "$(awk '$1 == "50%" { print $2 }' <<< "$out")")"
    p99="$(ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")"
    errors="$(awk '/Non-2xx/ { print $NF }' <<< "$out")"
    printf "| %s | %s | %s | %s | %s | %s | %s |\n" "$build" "$label" "$connections" "$rps" "$p50" "$p99" "${errors:-0}"
}

# The searches at 1, 8 and 64 connections of a server started with the arguments given.
searches() {
    local label="$1"
    shift
    start_server "$binary" "$index" "$@"
    for connections in 1 8 64; do
        load "$connections" "$label" -s bench/load.lua "$url"
    done
    stop_server
}

# The same while an ingest of the same binary writes into a copy of the index, for each run a
# fresh copy of the index as it was before any ingest.
searches_while_indexing() {
    local label="$1"
    shift
    rm -rf "$work/ingesting"
    cp -r "$work/index" "$work/ingesting"
    start_server "$binary" "$work/ingesting" "$@"
    : > "$work/ingest.out"
    start_ingest "$binary" "$work/ingesting"
    for connections in 1 8 64; do
        load "$connections" "$label" -s bench/load.lua "$url"
    done
    stop_ingest
    printf "%s, %s: %s ingests, the last: %s; the server after them: %s\n" "$build" "$label" \
        "$(grep -c 'files seen' "$work/ingest.out")" "$(grep 'files seen' "$work/ingest.out" | tail -1)" \
        "$(curl -s "$url/healthz" 2> /dev/null || true)" >> "$work/ingests.txt"
    stop_server
}

builds=("this:$arkiv")
[[ -n "$peer" ]] && builds+=("peer:$peer")
index="$work/index"
: > "$work/ingests.txt"

echo
echo "arkiv serve, $(git rev-parse --short HEAD)${peer:+ (peer: $peer)}, full NoReC ($("$arkiv" --index "$work/index" --json check | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])') articles), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start, ${duration} s a run, ingest at nice ${ingest_nice}"
echo
echo "| build | what | connections | requests/s | p50 ms | p99 ms | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for entry in "${builds[@]}"; do
    build="${entry%%:*}"
    binary="${entry#*:}"
    start_server "$binary" "$index"
    load 64 "/healthz (HTTP alone, no search)" "$url/healthz"
    stop_server
    searches "/api/search"
    searches "/api/search, no cache" --cache-mb 0
    searches_while_indexing "/api/search while indexing"
    searches_while_indexing "/api/search while indexing, no cache" --cache-mb 0
done
echo
cat "$work/ingests.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "engine alone (arkiv bench --passes 3, the same queries in one process, no HTTP, no facets):"
for entry in "${builds[@]}"; do
    echo "${entry%%:*}: $("${entry#*:}" --index "$work/index" bench --queries "$queries" --passes 3 | tail -1)"
done
