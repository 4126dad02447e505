#!/usr/bin/env bash
# Times arkiv on single big inputs, where work that grows faster than the input shows: one
# ~20 MB article (NoReC reviews end to end, as one text file) through `arkiv extract`, and a
# ~9.5 MB text as one JSON line through `arkiv entities`. Prints wall time, CPU time (user +
# system, which other work on a shared machine changes less) and peak RSS of each.
# Needs ../shared/corpus/norec.tar.gz and python3; not part of the test suite.
#
#   bench/big-input.sh
#   NOREC=/path/norec.tar.gz bench/big-input.sh
#   ARKIV=/path/to/arkiv bench/big-input.sh     # another build (no build then)
#   PEER=/path/to/arkiv RUNS=3 bench/big-input.sh   # each input RUNS times, this build and
#                                                   # the peer's in turn
set -euo pipefail
cd "$(dirname "$0")/.."
norec="${NOREC:-../shared/corpus/norec.tar.gz}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "${ARKIV:-}" ]]; then
    cargo build --release --locked --quiet
fi
arkiv="${ARKIV:-$PWD/target/release/arkiv}"
peer="${PEER:-}"
runs="${RUNS:-1}"
[[ -z "$peer" || -x "$peer" ]] || { echo "big-input.sh: PEER $peer is not an executable" >&2; exit 2; }
tar -xzf "$norec" -C "$work"

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
reviews = []
for folder, _, names in sorted(os.walk(os.path.join(work, "norec"))):
    for name in sorted(names):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                reviews.append(f.read().strip())

def joined(limit):
    """Review texts, blank lines between them, up to `limit` bytes of UTF-8."""
    out, size = [], 0
    for review in reviews:
        size += len(review.encode("utf-8")) + 2
        if size > limit:
            break
        out.append(review)
    return "\n\n".join(out)

with open(os.path.join(work, "big-article.txt"), "w", encoding="utf-8") as f:
    f.write("Alle anmeldelsene\n\n" + joined(20_000_000) + "\n")
with open(os.path.join(work, "big-text.jsonl"), "w", encoding="utf-8") as f:
    f.write(json.dumps({"text": joined(9_500_000)}, ensure_ascii=False) + "\n")
PY

measure() { # label input command...
    local label="$1" input="$2"
    shift 2
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" < "$input" > /dev/null
    read -r wall user sys rss_kb < "$work/time"
    awk -v l="$label" -v b="$(stat -c %s "$input")" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss_kb" \
        'BEGIN { printf "%-40s %5.1f MB  wall %6.2f s  CPU %6.2f s  peak RSS %5.0f MB\n", l, b/1e6, w, u + s, r/1024 }'
}

for ((run = 1; run <= runs; run++)); do
    for build in "$arkiv" ${peer:+"$peer"}; do
        name="$([[ "$build" == "$arkiv" ]] && echo arkiv || echo peer)"
        measure "$name extract, one article" "$work/big-article.txt" "$build" extract --json "$work/big-article.txt"
        measure "$name entities, one JSON line" "$work/big-text.jsonl" "$build" entities
    done
done
