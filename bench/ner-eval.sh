#!/usr/bin/env bash
# Scores `arkiv entities` on the NorNE dev sets (Bokmål and Nynorsk) with NorNE's own scorer.
# Needs ../shared/eval/ner and python3; not part of the test suite.
#
#   bench/ner-eval.sh             # both dev sets, full scorer output
#   NER=/path/to/ner bench/ner-eval.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ner="${NER:-../shared/eval/ner}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet
for gold in "$ner/nob/no_bokmaal-ud-dev.conllu" "$ner/nno/no_nynorsk-ud-dev.conllu"; do
    echo "== $(basename "$gold")"
    python3 "$ner/to_text.py" "$gold" > "$work/sents.jsonl"
    target/release/arkiv entities < "$work/sents.jsonl" > "$work/pred.jsonl"
    python3 "$ner/score_ner.py" "$gold" "$work/pred.jsonl"
done
