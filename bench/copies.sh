#!/usr/bin/env bash
# Near-duplicates on the full NoReC corpus: how well arkiv's groups of copies agree with an
# exhaustive check, and what the fingerprints cost at ingest. Not part of the test suite.
#
# - Quality: `arkiv duplicates --json` on an index of NoReC, scored by
#   bench/duplicates_gold.py, which computes the shingle Jaccard and containment of every pair
#   of texts that could be copies (prefix filtering: nothing is sampled) and takes as gold the
#   pairs that arkiv's definition of a copy holds for. Prints pair precision and recall and
#   every pair of one group whose texts are different (containment under 0.5).
# - Cost: `arkiv index` of the corpus by this arkiv and by BASELINE (an arkiv built without
#   fingerprints, such as the commit before them), alternately, ROUNDS times each, from an
#   empty index; the fastest run of each is kept, since other work on a shared machine only
#   slows a run down.
#
#   BASELINE=/tmp/arkiv-base bench/copies.sh
#   NOREC=/tmp/norec-x/norec ROUNDS=3 BASELINE=… bench/copies.sh
set -euo pipefail
cd "$(dirname "$0")/.."
norec="${NOREC:-}"
rounds="${ROUNDS:-2}"
baseline="${BASELINE:-}"
[[ -x "$baseline" ]] || { echo "copies.sh: set BASELINE to an arkiv binary without fingerprints" >&2; exit 2; }

cargo build --release --locked --quiet
arkiv="$PWD/target/release/arkiv"
work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-copies.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [[ -z "$norec" ]]; then
    echo "== unpacking NoReC into $work" >&2
    tar -xzf ../shared/corpus/norec.tar.gz -C "$work"
    norec="$work/norec"
fi
articles=$(find "$norec" -type f -name '*.txt' | wc -l)

# ingest BINARY: the wall seconds of one `index` of the corpus into an empty index.
ingest() {
    rm -rf "$work/index"
    /usr/bin/time -f '%e' -o "$work/time" "$1" --index "$work/index" index "$norec" > /dev/null 2> "$work/err" ||
        { echo "copies.sh: $1 index failed:" >&2; tail -5 "$work/err" >&2; exit 1; }
    cat "$work/time"
}
best_arkiv="" best_baseline=""
for round in $(seq "$rounds"); do
    echo "== ingest, round $round of $rounds" >&2
    wall=$(ingest "$baseline")
    echo "   baseline $wall s" >&2
    [[ -z "$best_baseline" ]] || awk -v a="$wall" -v b="$best_baseline" 'BEGIN { exit !(a < b) }' && best_baseline=$wall
    wall=$(ingest "$arkiv")
    echo "   arkiv    $wall s" >&2
    [[ -z "$best_arkiv" ]] || awk -v a="$wall" -v b="$best_arkiv" 'BEGIN { exit !(a < b) }' && best_arkiv=$wall
done
slower=$(awk -v a="$best_arkiv" -v b="$best_baseline" 'BEGIN { printf "%+.1f", 100 * (a / b - 1) }')

echo "== groups" >&2
/usr/bin/time -f '%e' -o "$work/time" "$arkiv" --index "$work/index" duplicates --json > "$work/groups.jsonl"
groups=$(wc -l < "$work/groups.jsonl")
listing=$(cat "$work/time")
python3 bench/duplicates_gold.py "$norec" --groups "$work/groups.jsonl" | tee "$work/score"

echo "copies: $articles articles, $groups groups (arkiv duplicates: $listing s); ingest best of $rounds: ${best_arkiv} s against ${best_baseline} s without fingerprints (${slower}%)"
