#!/usr/bin/env bash
# arkiv beside well-known open-source article extractors ("peers") on the HTML dev benchmarks in
# ../shared/eval/html, in one run and with the benchmark's own scorer: shingle4 P/R/F1 of the
# body and exact title match, per folder and for the Norwegian fundus pages, and pages/s.
# Not part of the tests. About 5 minutes on 2 cores, most of it readability-lxml, newspaper4k
# and goose3.
#
#   bench/html-peers.sh
#   EVAL=/path/to/eval/html bench/html-peers.sh
#   KEEP=/tmp/peers bench/html-peers.sh     # keep KEEP/<extractor>/pred/<bench>/<id>.json,
#                                           # per-page scores and the peers' stderr there
#
# The peers, with their default settings for main-text extraction, pinned with everything they
# pull in by bench/html-peers-requirements.txt: trafilatura, readability-lxml (its summary()
# rendered as text by html-text), newspaper4k (told not to download images, its one use of the
# network; without the optional Hindi and Korean tokenizers, see the requirements) and goose3.
# All four install cleanly from PyPI. bench/html_peers.py runs them offline: it blocks the
# network and reports any page on which a peer tried it, or failed.
# They go into a venv, target/bench-tools/html-venv, made again when the requirements change.
# `python3 -m venv` works on this machine (pyenv's and Debian's python3); a python3 without
# ensurepip gets an empty venv that its own pip fills (`pip --python`).
#
# Speed: a peer is timed over its extraction calls alone, in one process; arkiv's figure is
# bench/html-eval.sh's, the whole `arkiv extract` process (reading, decoding, extraction,
# language, entities). Both on one core; on a shared machine the figures vary from run to run.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir="$(realpath "${EVAL:-../shared/eval/html}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${KEEP:-$work/out}"
mkdir -p "$out"

venv="$PWD/target/bench-tools/html-venv"
requirements="$PWD/bench/html-peers-requirements.txt"
if ! cmp -s "$requirements" "$venv/requirements.txt"; then
    echo "== installing the peers into $venv" >&2
    rm -rf "$venv"
    if ! python3 -m venv "$venv" 2> /dev/null; then
        python3 -m venv --without-pip "$venv"
        python3 -m pip --python "$venv/bin/python" install -q pip==26.3
    fi
    # pip 26.3, not the venv's own: pip 23.2 stops with an internal error ("Candidate is not
    # for this requirement lxml[html-clean,html-clean]") on these requirements.
    "$venv/bin/python" -m pip install -q pip==26.3
    "$venv/bin/python" -m pip install -q -r "$requirements"
    cp "$requirements" "$venv/requirements.txt" # the stamp that the venv is complete
fi

benches=(scrapinghub readability fundus aed)
peers=(trafilatura readability-lxml newspaper4k goose3)
for peer in "${peers[@]}"; do
    echo "== running $peer" >&2
    mkdir -p "$out/$peer"
    "$venv/bin/python" bench/html_peers.py "$peer" "$eval_dir" "$out/$peer/pred" "${benches[@]}" \
        > "$out/$peer/stats" 2> "$out/$peer/stderr" ||
        { echo "html-peers.sh: $peer stopped:" >&2; tail -5 "$out/$peer/stderr" >&2; exit 1; }
    grep '^html_peers.py: ' "$out/$peer/stderr" >&2 || true
done

echo "== running arkiv (bench/html-eval.sh)" >&2
mkdir -p "$out/arkiv"
KEEP="$out/arkiv" bash bench/html-eval.sh > "$out/arkiv/html-eval.log"
# The same stats line as html_peers.py's, from html-eval.sh's last line ("extraction: N pages in
# S s, …") and its list of pages without an article (empty predictions; arkiv does not crash).
read -r _ pages _ _ seconds _ < <(tail -1 "$out/arkiv/html-eval.log")
empty=$(grep -c '^   no article: ' "$out/arkiv/html-eval.log" || true)
echo "$pages $seconds 0 $empty $(git describe --always --dirty)" > "$out/arkiv/stats"

score() { # extractor label bench [scorer options]
    local x="$1" label="$2" bench="$3"
    shift 3
    python3 "$eval_dir/score_extract.py" "$eval_dir/$bench" "$out/$x/pred/$bench" \
        --json "$out/$x/$label.json" --per-page "$out/$x/$label.tsv" "$@" > /dev/null
}
extractors=(arkiv "${peers[@]}")
for x in "${extractors[@]}"; do
    for bench in "${benches[@]}"; do
        score "$x" "$bench" "$bench"
    done
    score "$x" fundus-no fundus --only '^no-'
done

python3 - "$out" "${extractors[@]}" <<'PY'
import json, os, sys
out, extractors = sys.argv[1], sys.argv[2:]
labels = ["scrapinghub", "readability", "fundus", "fundus-no", "aed"]

def scores(x, label):
    with open(os.path.join(out, x, label + ".json"), encoding="utf-8") as f:
        res = next(iter(json.load(f).values()))
    return res["shingle4"], res["title"]["exact"]

def stats(x):  # pages seconds failed empty version
    with open(os.path.join(out, x, "stats"), encoding="utf-8") as f:
        pages, seconds, failed, empty, version = f.read().split()
    return int(pages), float(seconds), failed, empty, version

def title(t):
    return "–" if t is None else f"{t:.3f}"

print("\nshingle4 P / R / F1 of the body, title exact match:\n")
print("| extractor | version | " + " | ".join(labels) + " |")
print("|---|---|" + "---|" * len(labels))
for x in extractors:
    cells = []
    for label in labels:
        s, t = scores(x, label)
        cells.append(f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}, {title(t)}")
    print(f"| {x} | {stats(x)[4]} | " + " | ".join(cells) + " |")

print("\nSummary: body shingle4 F1 / title exact per folder; speed on one core:\n")
print("| extractor | " + " | ".join(labels) + " | pages/s | failed | empty |")
print("|---|" + "---|" * (len(labels) + 3))
for x in extractors:
    pages, seconds, failed, empty, _ = stats(x)
    cells = [f"{s['f1']:.3f} / {title(t)}" for s, t in (scores(x, label) for label in labels)]
    print(f"| {x} | " + " | ".join(cells) + f" | {pages / seconds:.0f} | {failed} | {empty} |")
PY
