#!/usr/bin/env bash
# Cross-validation of the entity tagger on NorNE, by document: the train split of each language
# dealt into K folds (5) of whole documents, and the dev split as one fold more. For each fold,
# one model is trained (train-ner, Bokmål and Nynorsk together, as the shipped model is) on all
# other documents of train and dev, and tags the fold's documents (tag-ner); NorNE's scorer
# scores them. Prints the mean and spread (sample standard deviation) over the folds, per
# language, of mention F1 for PER, PLACE, ORG and micro, of document-level micro F1, and of the
# mean per-document F1. Needs ../shared/eval/ner and python3; not part of the test suite.
# Takes about a minute and a half per fold on two quiet cores.
#
#   bench/ner-cv.sh                 # K=5, the table on stdout, progress on stderr
#   K=3 NER=/path/to/ner bench/ner-cv.sh
#   KEEP=/tmp/cv bench/ner-cv.sh    # keeps the fold directories (gold, predictions, scores)
#   RETAG=1 KEEP=/tmp/cv bench/ner-cv.sh   # tags again with the models kept there: a change
#                                          # after tagging (a filter) needs no new models
set -euo pipefail
cd "$(dirname "$0")/.."
ner="${NER:-../shared/eval/ner}"
k="${K:-5}"
work="${KEEP:-$(mktemp -d)}"
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet -p arkiv-ner --features train --bin train-ner --bin tag-ner
# Copies, so that a build during the run does not change the programs half way.
cp target/release/train-ner target/release/tag-ner "$work/"
for fold in $(python3 bench/ner_cv.py folds "$ner" "$work" "$k"); do
    dir="$work/$fold"
    if [[ -z "${RETAG:-}" || ! -f "$dir/model" ]]; then
        echo "== fold $fold: training" >&2
        "$work/train-ner" --data "$ner" --splits train,dev --leave-out "$dir/leave-out.txt" \
            --out "$dir/model" 2> "$dir/train.log"
    fi
    for lang in nob nno; do
        python3 "$ner/to_text.py" "$dir/$lang.conllu" > "$dir/$lang.sents.jsonl"
        "$work/tag-ner" --model "$dir/model" < "$dir/$lang.sents.jsonl" > "$dir/$lang.pred.jsonl"
        python3 "$ner/score_ner.py" "$dir/$lang.conllu" "$dir/$lang.pred.jsonl" --json "$dir/$lang.json" \
            | grep -E '^\s+(PER|PLACE|ORG|micro) ' | sed "s/^/$fold $lang /" >&2
        rm "$dir/$lang.sents.jsonl"
    done
done
python3 bench/ner_cv.py table "$work"
