#!/usr/bin/env bash
# Fuzzes arkiv's handling of untrusted input: each target of fuzz/ (decoding, the text
# cleaner, the HTML cleaner, the query parser and planner, `arkiv entities` lines) runs under
# libFuzzer for SECONDS (300 unless given), one after the other, and a line per target says
# how many inputs it ran and whether it crashed. Not part of the test suite.
#
# cargo-fuzz needs a nightly compiler; RUSTC_BOOTSTRAP=1 lets the stable one build it. The
# targets are built with debug assertions (so an overflow is a crash too) and without a
# sanitizer: arkiv is safe Rust, and what the fuzzing looks for is panics. Each target starts
# from a few of arkiv's own files and keeps what it learns in fuzz/corpus/TARGET; a crash
# leaves its input in fuzz/artifacts/TARGET, to be turned into a regression test.
#
#   bench/fuzz.sh             # 5 minutes per target
#   bench/fuzz.sh 60 query    # one minute, one target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(read clean_text clean_html query entities)
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz > /dev/null || cargo install --locked cargo-fuzz

seed() { # TARGET: copies a few of the repository's files into the target's corpus
    local corpus="fuzz/corpus/$1"
    mkdir -p "$corpus"
    case "$1" in
        read | clean_text) find corpus -type f | sort | head -20 | xargs -I{} cp {} "$corpus/" ;;
        clean_html) find tests/fixtures/html -type f -name '*.html' | sort | head -20 | xargs -I{} cp {} "$corpus/" ;;
        query) grep -v '^\s*\(#\|$\)' bench/queries.txt | head -50 | split -l 1 - "$corpus/query-" ;;
        entities)
            printf '%s\n' '{"doc_id": 1, "text": "Mike Pompeo møtte Sergej Lavrov i Sotsji."}' \
                '{"doc_id": 1, "text": "Pompeo sa at Putins regjering må svare.", "n": 1e400}' > "$corpus/lines"
            ;;
    esac
}

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
for target in "${targets[@]}"; do
    seed "$target"
    if cargo fuzz run --sanitizer none --debug-assertions --fuzz-dir fuzz "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 > "$log" 2>&1; then
        crashes="no crash"
    else
        crashes="CRASHED: $(grep -o 'fuzz/artifacts/[^ ]*' "$log" | tail -1)"
        status=1
    fi
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "fuzz $target: ${executions:-0} executions (at most ${seconds} s: a crash stops it), $crashes"
done
exit "$status"
