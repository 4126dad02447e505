#!/usr/bin/env bash
# `arkiv similar`, `timeline` and `kwic` timed warm on the full NoReC corpus (43,437 reviews),
# each in one process by `arkiv bench --command …`, with `arkiv search` of the same lines as
# the peer in the same run. Not part of the test suite.
#
# NoReC's files carry no date and its metadata.json is not available here, so this script
# writes a SYNTHETIC metadata file beside the corpus: each review gets a date made from its id
# (a year from 2003 to 2019, a month and a day), the same on every run, so that timelines have
# periods to count. The dates mean nothing about the reviews.
#
#   bench/stories.sh                       # NoReC from ../shared/corpus/norec.tar.gz
#   NOREC_DIR=/tmp/norec-x/norec PASSES=5 bench/stories.sh
set -euo pipefail
cd "$(dirname "$0")/.."
passes="${PASSES:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-stories.XXXXXX")"
trap 'rm -rf "$work"' EXIT

norec="${NOREC_DIR:-}"
if [[ -z "$norec" ]]; then
    tarball="${NOREC:-../shared/corpus/norec.tar.gz}"
    [[ -f "$tarball" ]] || { echo "stories.sh: $tarball not found (set NOREC or NOREC_DIR)" >&2; exit 2; }
    tar -xzf "$tarball" -C "$work"
    norec="$work/norec"
fi
[[ -d "$norec/train" ]] || { echo "stories.sh: $norec has no train/ folder" >&2; exit 2; }

echo "== building" >&2
cargo build --release --locked --quiet
arkiv="$PWD/target/release/arkiv"

# The corpus: a copy of NoReC's three folders (a copy, not links, so that `similar` finds the
# files by their paths), and the synthetic metadata file beside them.
corpus="$work/corpus"
mkdir -p "$corpus"
for split in train dev test; do cp -r "$norec/$split" "$corpus/$split"; done
{
    echo "id,date"
    find "$corpus" -name '*.txt' -printf '%f\n' | sed 's/\.txt$//' | sort | while read -r id; do
        n=$((10#$id))
        printf '%s,%04d-%02d-%02d\n' "$id" $((2003 + n % 17)) $((1 + n * 7 % 12)) $((1 + n * 13 % 28))
    done
} > "$corpus/metadata.csv"
echo "== indexing $(($(wc -l < "$corpus/metadata.csv") - 1)) reviews with synthetic dates" >&2
"$arkiv" --index "$work/index" index "$corpus" | head -1 >&2

# Similar: twenty reviews spread over the corpus, by path.
find "$corpus" -name '*.txt' | sort | awk 'NR % 2000 == 1' > "$work/similar.txt"

bench() {
    local command="$1" file="$2"
    "$arkiv" --index "$work/index" bench --command "$command" --queries "$file" --passes "$passes" | tail -1
}
# The peer of a timeline: the same lines with a query, searched.
grep -v '^#' bench/stories-timeline.txt | grep -v '^ *--' | grep -v '^$' | sed 's/ --by [a-z]*//' > "$work/timeline-search.txt"
grep -v '^#' bench/stories-kwic.txt | grep -v '^$' | sed 's/ --width [0-9]*//' > "$work/kwic-search.txt"

echo "similar   $(bench similar "$work/similar.txt")"
echo "timeline  $(bench timeline bench/stories-timeline.txt)"
echo "  search  $(bench search "$work/timeline-search.txt")"
echo "kwic      $(bench kwic bench/stories-kwic.txt)"
echo "  search  $(bench search "$work/kwic-search.txt")"
