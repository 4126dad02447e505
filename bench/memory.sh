#!/usr/bin/env bash
# Peak memory of arkiv's ingest as the archive grows: `arkiv index` of 1×, 2×, 4× and 8× the
# NoReC corpus (copies under distinct paths, each indexed from scratch), then `arkiv index
# --rebuild` (from the stored articles) of the 1× index. The target is at most 400 MB peak RSS
# at every size and for the rebuild: ingest memory is to be set by the writer's budget and the
# batch size, not by the archive. Only the memory part of bench/speed.sh, without its peers, so
# that it can be run on its own (about 15 minutes on 2 cores, 3 GB of disk for the copies).
# Not part of the test suite.
#
#   bench/memory.sh
#   NOREC=/path/norec.tar.gz SIZES="1 2" bench/memory.sh
#   ARKIV=/path/to/arkiv bench/memory.sh     # another build, to compare (no build then)
set -euo pipefail
cd "$(dirname "$0")/.."
norec="${NOREC:-../shared/corpus/norec.tar.gz}"
sizes="${SIZES:-1 2 4 8}"
target_mb=400
[[ -f "$norec" ]] || { echo "memory.sh: $norec not found (set NOREC)" >&2; exit 2; }
if [[ -z "${ARKIV:-}" ]]; then
    cargo build --release --locked --quiet
fi
arkiv="${ARKIV:-$PWD/target/release/arkiv}"

work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-memory.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
tar -xzf "$norec" -C "$work/corpus"

# measure LABEL COMMAND…: runs COMMAND under /usr/bin/time and prints its wall time and peak
# RSS; sets rss_mb.
measure() {
    local label="$1"
    shift
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/out" 2> "$work/err" ||
        { echo "memory.sh: $label failed:" >&2; tail -5 "$work/err" >&2; exit 1; }
    local wall rss_kb
    read -r wall rss_kb < "$work/time"
    rss_mb=$(awk -v r="$rss_kb" 'BEGIN { printf "%.0f", r / 1024 }')
    printf '%-28s wall %7.2f s  peak RSS %5d MB  (%s)\n' "$label" "$wall" "$rss_mb" "$(head -1 "$work/out")"
}

worst=0
for copies in $sizes; do
    rm -rf "${work:?}/x" "${work:?}/index"
    for copy in $(seq "$copies"); do
        mkdir -p "$work/x/$copy"
        cp -r "$work/corpus/." "$work/x/$copy/"
    done
    articles=$(find "$work/x" -type f | wc -l)
    measure "ingest ${copies}× ($articles files)" "$arkiv" --index "$work/index" index "$work/x"
    ((rss_mb > worst)) && worst=$rss_mb
    if [[ "$copies" == 1 ]]; then
        measure "rebuild 1× (stored)" "$arkiv" --index "$work/index" index "$work/x" --rebuild
        ((rss_mb > worst)) && worst=$rss_mb
    fi
done
verdict=no
((worst <= target_mb)) && verdict=yes
echo "memory: highest peak RSS $worst MB (target ≤ $target_mb MB: $verdict)"
