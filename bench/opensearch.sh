#!/usr/bin/env bash
# The OpenSearch back end measured in one run on this machine, on the full NoReC corpus:
# - the test cluster (deploy/opensearch/start.sh) of 1 and of 3 nodes: start-up time (start
#   to green) and resident memory of its nodes, after start and after the export;
# - export throughput: `arkiv export` of the whole local index into each (articles/s), and a
#   second export with nothing changed (the incremental check alone);
# - warm search latency: `arkiv bench --queries bench/queries.txt` through `--opensearch` on
#   the 1-node cluster and on the local index, in the same run, p50/p95/p99 in ms.
# Not part of the test suite. About 10 minutes on 2 cores.
#
#   bench/opensearch.sh
#   NOREC_DIR=/tmp/norec-x/norec PASSES=3 ARKIV=target/release/arkiv bench/opensearch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
passes="${PASSES:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-opensearch.XXXXXX")"
cleanup() {
    for run in "$work"/run-*; do
        [[ -d $run ]] && ARKIV_OPENSEARCH_RUN="$run" deploy/opensearch/stop.sh || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

norec="${NOREC_DIR:-/tmp/norec-x/norec}"
if [[ ! -d $norec ]]; then
    tarball="${NOREC:-../shared/corpus/norec.tar.gz}"
    [[ -f $tarball ]] || { echo "opensearch.sh: neither $norec nor $tarball is there (set NOREC_DIR or NOREC)" >&2; exit 2; }
    echo "== unpacking $tarball" >&2
    tar -xzf "$tarball" -C "$work"
    norec="$work/norec"
fi
if [[ -z ${ARKIV:-} ]]; then
    cargo build --release --locked --quiet
fi
arkiv="${ARKIV:-$PWD/target/release/arkiv}"
index="$work/index"
unset ARKIV_OPENSEARCH

echo "== local index of $norec" >&2
"$arkiv" --index "$index" index "$norec" >&2

# The resident memory of a cluster's nodes, in MB, summed.
rss_mb() {
    local total=0
    for pid in $(cat "$1/pids"); do
        total=$(( total + $(ps -o rss= -p "$pid") ))
    done
    echo $(( total / 1024 ))
}

field() { python3 -c "import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

lines=()
for nodes in 1 3; do
    run="$work/run-$nodes"
    echo "== $nodes-node cluster" >&2
    started=$(date +%s.%N)
    url="$(ARKIV_OPENSEARCH_RUN="$run" deploy/opensearch/start.sh "$nodes")"
    url="${url#ARKIV_OPENSEARCH=}"
    up=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$started" "$(date +%s.%N)")
    rss_start=$(rss_mb "$run")
    summary="$("$arkiv" --index "$index" --json export --opensearch "$url")"
    sent=$(field "$summary" sent)
    seconds=$(field "$summary" elapsed)
    rate=$(python3 -c "import sys; print(round(int(sys.argv[1]) / float(sys.argv[2])))" "$sent" "$seconds")
    rss_export=$(rss_mb "$run")
    again="$("$arkiv" --index "$index" --json export --opensearch "$url")"
    lines+=("| $nodes | ${up} s | ${rss_start} MB | $sent | $(printf '%.1f' "$seconds") s | $rate | ${rss_export} MB | $(printf '%.1f' "$(field "$again" elapsed)") s ($(field "$again" unchanged) unchanged) |")
    if (( nodes == 1 )); then
        echo "== warm search, $passes passes" >&2
        cluster_bench="$("$arkiv" --index "$index" bench --queries bench/queries.txt --passes "$passes" --opensearch "$url" | tail -n 1)"
        local_bench="$("$arkiv" --index "$index" bench --queries bench/queries.txt --passes "$passes" | tail -n 1)"
    fi
    ARKIV_OPENSEARCH_RUN="$run" deploy/opensearch/stop.sh
done

echo
echo "| nodes | start to green | RSS after start | articles sent | export | articles/s | RSS after export | second export |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${lines[@]}"
echo
echo "warm search, bench/queries.txt, $passes passes:"
echo "  --opensearch (1 node): $cluster_bench"
echo "  local index:           $local_bench"
