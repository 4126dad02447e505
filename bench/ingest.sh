#!/usr/bin/env bash
# Times `arkiv index` on the bundled corpus and on the full NoReC corpus (43,437 reviews),
# from a fresh index each time. Needs ../shared/corpus/norec.tar.gz; not part of the test suite.
#
#   bench/ingest.sh            # both corpora
#   NOREC=/path/norec.tar.gz bench/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
norec="${NOREC:-../shared/corpus/norec.tar.gz}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet
arkiv="$PWD/target/release/arkiv"

measure() { # name dir
    local name="$1" dir="$2" index="$work/index-$1"
    local bytes files
    bytes=$(du -sb "$dir" | cut -f1)
    files=$(find "$dir" -type f | wc -l)
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$arkiv" --index "$index" index "$dir" > "$work/summary"
    read -r wall user sys rss_kb < "$work/time"
    local size
    size=$(du -sb "$index" | cut -f1)
    awk -v n="$name" -v f="$files" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss_kb" -v i="$size" 'BEGIN {
        printf "%-8s %6d files %7.1f MB  wall %6.2f s  cpu %6.2f s  %8.0f files/s  %5.2f MB/s  peak RSS %5.0f MB  index %6.1f MB\n",
            n, f, b/1e6, w, u+s, f/w, b/1e6/w, r/1024, i/1e6 }'
    head -1 "$work/summary"
}

measure corpus corpus
if [[ -f "$norec" ]]; then
    tar -xzf "$norec" -C "$work"
    measure norec "$work/norec"
else
    echo "norec: $norec not found, skipped"
fi
