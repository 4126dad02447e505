#!/usr/bin/env bash
# Peak memory of arkiv's ingest as the archive grows: `arkiv index` of 1×, 2×, 4× and 8× the
# NoReC corpus (copies under distinct paths, each indexed from scratch), then `arkiv index
# --rebuild` (from the stored articles) of each of those indexes. The target is at most 400 MB
# peak RSS at every size and for the rebuild: ingest memory is to be set by the writer's
# budget and the batch size, not by the archive. Only the memory part of bench/speed.sh,
# without its peers, so that it can be run on its own (about 15 minutes a build on an idle
# 2-core machine, 3 GB of disk for the copies and 2.5 GB for the indexes). With PEER, another
# build (main's, say) runs each step too, just after this one, on the same copies, so that the
# two are compared under the same load. Not part of the test suite.
#
#   bench/memory.sh
#   NOREC=/path/norec.tar.gz SIZES="1 2" bench/memory.sh
#   NOREC=/tmp/norec-x/norec bench/memory.sh          # an unpacked corpus
#   ARKIV=/path/to/arkiv bench/memory.sh              # another build (no build then)
#   PEER=/tmp/main/arkiv PEER_SIZES="1 8" REBUILD_SIZES="1 8" bench/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
norec="${NOREC:-../shared/corpus/norec.tar.gz}"
sizes="${SIZES:-1 2 4 8}"
rebuild_sizes="${REBUILD_SIZES:-$sizes}"
peer="${PEER:-}"
peer_sizes="${PEER_SIZES:-$sizes}"
target_mb=400
[[ -e "$norec" ]] || { echo "memory.sh: $norec not found (set NOREC)" >&2; exit 2; }
[[ -z "$peer" || -x "$peer" ]] || { echo "memory.sh: PEER $peer is not an executable" >&2; exit 2; }
if [[ -z "${ARKIV:-}" ]]; then
    cargo build --release --locked --quiet
fi
arkiv="${ARKIV:-$PWD/target/release/arkiv}"

work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-memory.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
if [[ -d "$norec" ]]; then
    cp -r "$norec" "$work/corpus/"
else
    tar -xzf "$norec" -C "$work/corpus"
fi

# measure LABEL COMMAND…: runs COMMAND under /usr/bin/time and prints its wall and CPU time
# (user + system) and peak RSS; sets rss_mb.
measure() {
    local label="$1"
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/out" 2> "$work/err" ||
        { echo "memory.sh: $label failed:" >&2; tail -5 "$work/err" >&2; exit 1; }
    local wall user sys rss_kb
    read -r wall user sys rss_kb < "$work/time"
    rss_mb=$(awk -v r="$rss_kb" 'BEGIN { printf "%.0f", r / 1024 }')
    printf '%-34s wall %7.2f s  CPU %7.2f s  peak RSS %5d MB  (%s; load %s)\n' "$label" "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$rss_mb" "$(head -1 "$work/out")" \
        "$(cut -d' ' -f1 /proc/loadavg)"
}

# has WORD LIST: whether LIST (words) holds WORD.
has() {
    [[ " $2 " == *" $1 "* ]]
}

declare -A worst=([arkiv]=0 [peer]=0)
for copies in $sizes; do
    rm -rf "${work:?}/x" "$work"/index-*
    for copy in $(seq "$copies"); do
        mkdir -p "$work/x/$copy"
        cp -r "$work/corpus/." "$work/x/$copy/"
    done
    articles=$(find "$work/x" -type f | wc -l)
    builds=(arkiv)
    [[ -n "$peer" ]] && has "$copies" "$peer_sizes" && builds+=(peer)
    for build in "${builds[@]}"; do
        binary=$arkiv
        [[ "$build" == peer ]] && binary=$peer
        measure "$build ingest ${copies}× ($articles files)" "$binary" --index "$work/index-$build" index "$work/x"
        ((rss_mb > worst[$build])) && worst[$build]=$rss_mb
    done
    if has "$copies" "$rebuild_sizes"; then
        for build in "${builds[@]}"; do
            binary=$arkiv
            [[ "$build" == peer ]] && binary=$peer
            measure "$build rebuild ${copies}× (stored)" "$binary" --index "$work/index-$build" index "$work/x" --rebuild
            ((rss_mb > worst[$build])) && worst[$build]=$rss_mb
        done
    fi
done
verdict=no
((worst[arkiv] <= target_mb)) && verdict=yes
echo "memory: highest peak RSS ${worst[arkiv]} MB (target ≤ $target_mb MB: $verdict)"
[[ -z "$peer" ]] || echo "memory: the peer's highest peak RSS ${worst[peer]} MB"
