#!/usr/bin/env bash
# Scores `arkiv extract --json` (`title`, and `text` as the body) on the HTML dev benchmarks
# in ../shared/eval/html with its own scorer (shingle4 P/R/F1, title exact match), per folder
# and for the Norwegian fundus pages, and prints the extraction speed. Not part of the tests.
#
#   bench/html-eval.sh                       # all four folders
#   EVAL=/path/to/eval/html bench/html-eval.sh
#   KEEP=/tmp/pred bench/html-eval.sh        # keep predictions and per-page scores there
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir="$(realpath "${EVAL:-../shared/eval/html}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${KEEP:-$work/out}"
mkdir -p "$out"

cargo build --release --locked --quiet
arkiv="$PWD/target/release/arkiv"

benches=(scrapinghub readability fundus aed)
pages=0
for bench in "${benches[@]}"; do
    mkdir -p "$work/pages/$bench"
    for gz in "$eval_dir/$bench"/pages/*.html.gz; do
        id="$(basename "$gz" .html.gz)"
        gunzip -c "$gz" > "$work/pages/$bench/$id.html"
        pages=$((pages + 1))
    done
done

# One process per folder; a page without an article is reported on stderr and scores empty.
started=$(date +%s.%N)
for bench in "${benches[@]}"; do
    "$arkiv" extract --json "$work/pages/$bench"/*.html > "$work/$bench.jsonl" 2> "$work/$bench.err" || true
done
ended=$(date +%s.%N)

python3 - "$work" "$out" "${benches[@]}" <<'PY'
import json, os, sys
work, out, benches = sys.argv[1], sys.argv[2], sys.argv[3:]
for bench in benches:
    pred = os.path.join(out, "pred", bench)
    os.makedirs(pred, exist_ok=True)
    with open(os.path.join(work, bench + ".jsonl"), encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            page = os.path.basename(article["path"])[: -len(".html")]
            with open(os.path.join(pred, page + ".json"), "w", encoding="utf-8") as f:
                json.dump({"title": article["title"], "body": article["text"]}, f, ensure_ascii=False)
PY

score() { # bench label [scorer options]
    local bench="$1" label="$2"
    shift 2
    echo "== $label"
    python3 "$eval_dir/score_extract.py" "$eval_dir/$bench" "$out/pred/$bench" --per-page "$out/$label.tsv" "$@"
}
for bench in "${benches[@]}"; do
    score "$bench" "$bench"
    grep -h '^arkiv: ' "$work/$bench.err" | grep -v -e 'warning' -e 'yielded no article' | sed 's|^arkiv: .*/|   no article: |' || true
done
score fundus fundus-no --only '^no-'

awk -v n="$pages" -v s="$started" -v e="$ended" 'BEGIN {
    printf "extraction: %d pages in %.2f s, %.0f pages/s (one process, one core)\n", n, e - s, n / (e - s) }'
