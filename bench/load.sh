#!/usr/bin/env bash
# `arkiv serve` under load: wrk against /api/search (snippets, facets and histogram of every
# request) on the full NoReC corpus (43,437 reviews), at 1, 8 and 64 connections, then the same
# while an `arkiv index` writes into the same index. Not part of the test suite.
#
# Two servers answer over the same index: one as started by default, which keeps the answers
# of searches asked again (`--cache-mb`; the list of searches comes round again every few
# hundred requests, so after its first round nearly every answer is kept), and one with
# `--cache-mb 0`, where every request is a search of its own. The second is the server's cost
# for searches never asked before.
#
# The searches are those of bench/queries.txt (bench/search_paths.py turns each into a request
# path; bench/load.lua takes them in turn). Two figures of the same run frame the result: the
# HTTP stack alone (wrk against /healthz, which searches nothing) and the engine alone (`arkiv
# bench`: the same searches in one process, without HTTP, facets or histogram).
#
# It installs wrk (Debian) when it is missing, builds the release binary, and unpacks NoReC when
# NOREC_DIR does not hold it. About 5 minutes on 2 cores. Run it on a machine that is otherwise
# idle: the figures are the machine's, and other work on it shows in them.
#
#   bench/load.sh
#   NOREC_DIR=/tmp/norec-x/norec DURATION=20 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
norec_dir="${NOREC_DIR:-/tmp/norec-x/norec}"
norec_tar="${NOREC:-../shared/corpus/norec.tar.gz}"
duration="${DURATION:-15}"
queries="$PWD/bench/queries.txt"

command -v wrk > /dev/null || apt-get install -y -qq wrk > /dev/null ||
    { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
echo "== building" >&2
cargo build --release --locked --quiet
arkiv="$PWD/target/release/arkiv"

work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-load.XXXXXX")"
servers=()
cleanup() {
    for server in "${servers[@]}"; do
        kill "$server" 2> /dev/null || true
        wait "$server" 2> /dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
if [[ ! -d "$norec_dir/train" ]]; then
    [[ -f "$norec_tar" ]] || { echo "load.sh: no NoReC in $norec_dir, nor $norec_tar (set NOREC_DIR or NOREC)" >&2; exit 2; }
    echo "== unpacking NoReC into $work" >&2
    tar -xzf "$norec_tar" -C "$work"
    norec_dir="$work/norec"
fi
mkdir -p "$work/more"

echo "== indexing $norec_dir" >&2
"$arkiv" --index "$work/index" index "$norec_dir" > /dev/null
python3 bench/search_paths.py "$queries" > "$work/paths.txt"

# Starts `arkiv serve` with the arguments after the first, and sets the variable the first
# names to its address.
serve() {
    local into="$1" out="$work/serve.${#servers[@]}.out"
    shift
    "$arkiv" --index "$work/index" serve --addr 127.0.0.1:0 "$@" > "$out" &
    servers+=($!)
    for _ in $(seq 100); do
        grep -q "http://" "$out" 2> /dev/null && break
        sleep 0.1
    done
    printf -v "$into" '%s' "$(grep -o 'http://[0-9.:]*' "$out")"
}
serve url
serve uncached --cache-mb 0
echo "== serving on $url, and on $uncached without a cache" >&2

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
    printf "| %s | %s | %s | %s | %s | %s |\n" "$label" "$connections" "$rps" "$p50" "$p99" "${errors:-0}"
}

echo
echo "arkiv serve, $(git rev-parse --short HEAD), full NoReC ($("$arkiv" --index "$work/index" --json check | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])') articles), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start, ${duration} s a run"
echo
echo "| what | connections | requests/s | p50 ms | p99 ms | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- |"
load 64 "/healthz (HTTP alone, no search)" "$url/healthz"
for connections in 1 8 64; do
    load "$connections" "/api/search" -s bench/load.lua "$url"
done
for connections in 1 8 64; do
    load "$connections" "/api/search, no cache" -s bench/load.lua "$uncached"
done
# The ingest under load indexes copies of the test split (4,340 files) under new paths, one
# after another until the runs are done: new articles committed every 1,000 files into the
# index being searched.
(
    copy=0
    while [[ ! -e "$work/stop" ]]; do
        copy=$((copy + 1))
        mkdir -p "$work/more/$copy"
        cp -r "$norec_dir/test" "$work/more/$copy/"
        "$arkiv" --index "$work/index" index "$work/more" --commit-every 1000 >> "$work/ingest.out" 2>&1
    done
) &
ingest=$!
for connections in 1 8 64; do
    load "$connections" "/api/search while indexing" -s bench/load.lua "$url"
done
for connections in 1 8 64; do
    load "$connections" "/api/search while indexing, no cache" -s bench/load.lua "$uncached"
done
touch "$work/stop"
wait "$ingest"
echo "ingests under load: $(grep -c 'files seen' "$work/ingest.out"); the last: $(grep 'files seen' "$work/ingest.out" | tail -1)"
articles="$(curl -s "$url/healthz" 2> /dev/null || true)"
echo "the server after it: $articles"
echo
echo "engine alone (arkiv bench --passes 3, the same queries in one process, no HTTP, no facets):"
"$arkiv" --index "$work/index" bench --queries "$queries" --passes 3 | tail -1
