#!/usr/bin/env bash
# Times `arkiv index` on the bundled corpus and on the full NoReC corpus (43,437 reviews),
# from a fresh index each time, with and without entity recognition, and the entity tagger on
# its own (`arkiv entities` on NoReC's paragraphs, one process, one core): words per second.
# Needs ../shared/corpus/norec.tar.gz and python3; not part of the test suite.
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

measure() { # name dir [index options]
    local name="$1" dir="$2" index="$work/index-$1"
    shift 2
    local bytes files
    bytes=$(du -sb "$dir" | cut -f1)
    files=$(find "$dir" -type f | wc -l)
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$arkiv" --index "$index" index "$dir" "$@" > "$work/summary"
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
    measure norec-no-entities "$work/norec" --no-entities
    python3 - "$work/norec" > "$work/paragraphs.jsonl" <<'PY'
import json, os, sys
for root, _, names in sorted(os.walk(sys.argv[1])):
    for name in sorted(names):
        with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
            for paragraph in f.read().split("\n\n"):
                if paragraph.strip():
                    print(json.dumps({"doc_id": name, "text": paragraph}, ensure_ascii=False))
PY
    words=$(python3 -c 'import json, re, sys; print(sum(len(re.findall(r"\w+", json.loads(l)["text"])) for l in sys.stdin))' < "$work/paragraphs.jsonl")
    /usr/bin/time -f '%e %M' -o "$work/time" "$arkiv" entities < "$work/paragraphs.jsonl" > /dev/null
    read -r wall rss_kb < "$work/time"
    awk -v w="$words" -v t="$wall" -v r="$rss_kb" 'BEGIN {
        printf "tagger   %d words in %.2f s: %.0f words/s on one core, peak RSS %.0f MB\n", w, t, w/t, r/1024 }'
else
    echo "norec: $norec not found, skipped"
fi
