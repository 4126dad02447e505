#!/usr/bin/env bash
# arkiv's ingest and search measured side by side with tantivy-cli and Xapian, in one run on
# this machine, on the full NoReC corpus (43,437 reviews). Not part of the test suite.
#
# What it measures (every figure goes to bench/RESULTS.md; a one-line summary comes last):
# - ingest of 1× the corpus by `arkiv index` (the whole pipeline: reading, cleaning,
#   segmenting, language, entities, Norwegian analysis), by tantivy-cli (the same title and
#   body text as JSON lines, its default tokenizer, both cores) and by Xapian (python3-xapian,
#   Norwegian stemmer): wall and CPU time, peak RSS, articles/s, MB/s, index size;
# - warm search: `arkiv bench --queries bench/queries.txt` and the same queries through
#   Xapian in one process (bench/xapian_search.py), p50/p95/p99 in ms;
# - cold search: `arkiv search` as a new process (start, open the index, answer, exit);
# - incremental ingest: 1% of the files changed, `arkiv index` run again;
# - scale: 1×, 2×, 4× and 8× the corpus (copies under distinct paths) through arkiv.
#
# It installs what it needs: tantivy-cli (cargo install, into target/bench-tools) and
# Debian's python3-xapian (apt-get, as root). About 15 minutes on 2 cores, and 2 GB of disk
# for the copies of the corpus.
#
#   bench/speed.sh
#   NOREC=/path/norec.tar.gz PASSES=5 REPEATS=2 bench/speed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
norec="${NOREC:-../shared/corpus/norec.tar.gz}"
passes="${PASSES:-5}"
repeats="${REPEATS:-2}"
queries="$PWD/bench/queries.txt"
results="$PWD/bench/RESULTS.md"
tantivy_cli_version=0.24.0
# The version measured. RESULTS.md is in the tree, and a run before this one may have left it
# changed, which says nothing about the code measured, so it does not count as "dirty".
version="$(git rev-parse --short HEAD)"
git diff --quiet HEAD -- . ':(exclude)bench/RESULTS.md' || version="$version-dirty"
[[ -f "$norec" ]] || { echo "speed.sh: $norec not found (set NOREC)" >&2; exit 2; }

echo "== installing" >&2
cargo build --release --locked --quiet
arkiv="$PWD/target/release/arkiv"
tools="$PWD/target/bench-tools"
tantivy="$tools/bin/tantivy"
if ! "$tantivy" --version 2>/dev/null | grep -qF "$tantivy_cli_version"; then
    # Not --locked: tantivy-cli's own lock file pins a crate that no longer builds on a
    # current compiler (traitobject 0.1.0).
    cargo install --quiet --root "$tools" tantivy-cli --version "$tantivy_cli_version"
fi
python=/usr/bin/python3 # Debian's python, which python3-xapian is built for
if ! "$python" -c 'import xapian' 2>/dev/null; then
    apt-get install -y -qq python3-xapian > /dev/null ||
        { apt-get update -qq > /dev/null && apt-get install -y -qq python3-xapian > /dev/null; }
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-speed.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "== unpacking NoReC into $work" >&2
mkdir -p "$work/x1"
tar -xzf "$norec" -C "$work/x1"
for copies in 2 4 8; do
    for copy in $(seq "$copies"); do
        mkdir -p "$work/x$copies/$copy"
        cp -r "$work/x1/." "$work/x$copies/$copy/"
    done
done
"$python" bench/to_jsonl.py "$work/x1" > "$work/x1.jsonl"
articles=$(find "$work/x1" -type f | wc -l)
megabytes=$(du -sb "$work/x1" | awk '{ printf "%.1f", $1 / 1e6 }')

# timed NAME COMMAND…: runs COMMAND under /usr/bin/time; sets wall, cpu and rss_mb.
timed() {
    local name="$1"
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/$name.out" 2> "$work/$name.err" ||
        { echo "speed.sh: $name failed:" >&2; tail -5 "$work/$name.err" >&2; exit 1; }
    read -r wall user sys rss_kb < "$work/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    rss_mb=$(awk -v r="$rss_kb" 'BEGIN { printf "%.0f", r / 1024 }')
}
# best NAME DIR COMMAND…: runs COMMAND $repeats times, each time from an empty DIR (the index it
# writes), and keeps the fastest run's wall, cpu and rss_mb: other work on a shared machine can
# only slow a run down. A DIR holding meta.json first (tantivy-cli's schema) gets it back.
best() {
    local name="$1" dir="$2" best_wall="" best_cpu="" best_rss="" meta=""
    shift 2
    [[ -f "$dir/meta.json" ]] && meta=$(cat "$dir/meta.json")
    for _ in $(seq "$repeats"); do
        rm -rf "$dir"
        if [[ -n "$meta" ]]; then mkdir -p "$dir" && printf '%s\n' "$meta" > "$dir/meta.json"; fi
        timed "$name" "$@"
        if [[ -z "$best_wall" ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
            best_wall=$wall best_cpu=$cpu best_rss=$rss_mb
        fi
    done
    wall=$best_wall cpu=$best_cpu rss_mb=$best_rss
}
size_mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
mbps() { awk -v m="$1" -v t="$2" 'BEGIN { printf "%.2f", m / t }'; }
percentiles() { tail -1 "$1" | sed 's/p50_ms=\([^ ]*\) p95_ms=\([^ ]*\) p99_ms=\([^ ]*\)/\1 \2 \3/'; }

echo "== ingest 1×: arkiv" >&2
best arkiv-x1 "$work/index-x1" "$arkiv" --index "$work/index-x1" index "$work/x1"
arkiv_wall=$wall arkiv_cpu=$cpu arkiv_rss=$rss_mb arkiv_size=$(size_mb "$work/index-x1")
arkiv_summary=$(head -1 "$work/arkiv-x1.out")

echo "== ingest 1×: tantivy-cli" >&2
mkdir -p "$work/tantivy-x1"
field='"type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"default"},"stored":true,"fast":false}'
printf '{"index_settings":{"docstore_compression":"lz4","docstore_blocksize":16384},"segments":[],"schema":[{"name":"title",%s},{"name":"body",%s}],"opstamp":0}\n' \
    "$field" "$field" > "$work/tantivy-x1/meta.json"
best tantivy-x1 "$work/tantivy-x1" "$tantivy" index -i "$work/tantivy-x1" -t "$(nproc)" -f "$work/x1.jsonl"
tantivy_wall=$wall tantivy_cpu=$cpu tantivy_rss=$rss_mb tantivy_size=$(size_mb "$work/tantivy-x1")

echo "== ingest 1×: Xapian" >&2
timed xapian-x1 "$python" bench/xapian_index.py "$work/xapian-x1" "$work/x1.jsonl"
xapian_wall=$wall xapian_cpu=$cpu xapian_rss=$rss_mb xapian_size=$(size_mb "$work/xapian-x1")

echo "== warm search 1×: arkiv and Xapian" >&2
"$arkiv" --index "$work/index-x1" bench --queries "$queries" --passes "$passes" > "$work/search-arkiv-x1"
read -r arkiv_p50 arkiv_p95 arkiv_p99 < <(percentiles "$work/search-arkiv-x1")
"$python" bench/xapian_search.py "$work/xapian-x1" "$queries" "$passes" > "$work/search-xapian-x1"
read -r xapian_p50 xapian_p95 xapian_p99 < <(percentiles "$work/search-xapian-x1")
query_count=$(grep -cv '^\s*\(#\|$\)' "$queries")

echo "== cold search 1×" >&2
cold() { # runs `arkiv search ARGS…` 20 times as a new process; prints median and max ms
    "$python" - "$arkiv" "$work/index-x1" "$@" <<'PY'
import subprocess, sys, time
arkiv, index, args = sys.argv[1], sys.argv[2], sys.argv[3:]
times = []
for _ in range(21):
    started = time.perf_counter()
    run = subprocess.run([arkiv, "--index", index, "search", *args], stdout=subprocess.DEVNULL)
    assert run.returncode in (0, 1), f"arkiv search {args} failed"  # 1: nothing found
    times.append((time.perf_counter() - started) * 1000)
times = sorted(times[1:])
print("%.1f %.1f" % (times[len(times) // 2], times[-1]))
PY
}
read -r cold_plain_median cold_plain_max < <(cold "Bob Dylan")
read -r cold_person_median cold_person_max < <(cold film --person "Johnny Depp")

echo "== incremental: 1% of the files changed" >&2
find "$work/x1" -type f | sort | awk 'NR % 100 == 0' > "$work/changed"
changed=$(wc -l < "$work/changed")
while read -r file; do printf '\nOppdatert.\n' >> "$file"; done < "$work/changed"
timed arkiv-incremental "$arkiv" --index "$work/index-x1" index "$work/x1"
incremental_wall=$wall
incremental_summary=$(head -1 "$work/arkiv-incremental.out")

echo "== scale: 2×, 4× and 8×" >&2
declare -A scale_rss scale_p99 scale_growth
scale_rows="| 1× | $articles | $arkiv_wall | $arkiv_cpu | $arkiv_rss | $arkiv_size | $arkiv_p50 | $arkiv_p95 | $arkiv_p99 | 1.00 |"
for copies in 2 4 8; do
    best "arkiv-x$copies" "$work/index-x$copies" "$arkiv" --index "$work/index-x$copies" index "$work/x$copies"
    "$arkiv" --index "$work/index-x$copies" bench --queries "$queries" --passes "$passes" > "$work/search-arkiv-x$copies"
    read -r p50 p95 p99 < <(percentiles "$work/search-arkiv-x$copies")
    growth=$(awk -v w="$wall" -v w1="$arkiv_wall" -v c="$copies" 'BEGIN { printf "%.2f", w / (w1 * c) }')
    scale_rows+=$'\n'"| $copies× | $((articles * copies)) | $wall | $cpu | $rss_mb | $(size_mb "$work/index-x$copies") | $p50 | $p95 | $p99 | $growth |"
    scale_rss[$copies]=$rss_mb scale_p99[$copies]=$p99 scale_growth[$copies]=$growth
    rm -rf "${work:?}/x$copies" "${work:?}/index-x$copies"
done
max_rss=$(printf '%s\n' "$arkiv_rss" "${scale_rss[@]}" | sort -n | tail -1)

vs_tantivy=$(ratio "$arkiv_wall" "$tantivy_wall")
vs_xapian=$(ratio "$arkiv_wall" "$xapian_wall")
incremental_share=$(awk -v i="$incremental_wall" -v f="$arkiv_wall" 'BEGIN { printf "%.1f", 100 * i / f }')
verdict() { awk "BEGIN { print ($1) ? \"yes\" : \"no\" }"; }

cat > "$results" <<EOF
# Speed: arkiv beside tantivy-cli and Xapian

Written by \`bench/speed.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), every figure from this one run.

- Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(uname -sr)
- arkiv $version built with $(rustc --version | cut -d' ' -f1-2); tantivy-cli $tantivy_cli_version; Xapian $("$python" -c 'import xapian; print(xapian.version_string())') (python3-xapian)
- Corpus: NoReC, $articles files, $megabytes MB ($(basename "$norec")), unpacked to a temporary folder
- Times are wall-clock seconds unless marked; CPU is user + system; RSS is the peak of the process (\`/usr/bin/time\`)
- Every arkiv and tantivy-cli ingest ran $repeats times from an empty index; the table gives the fastest run, since other
  work on a shared machine only slows runs down (Xapian's, at 100+ s, ran once)

## Ingest, 1× the corpus

| engine | wall s | CPU s | articles/s | MB/s | peak RSS MB | index MB | wall / arkiv's |
|---|---|---|---|---|---|---|---|
| arkiv index (whole pipeline) | $arkiv_wall | $arkiv_cpu | $(rate "$articles" "$arkiv_wall") | $(mbps "$megabytes" "$arkiv_wall") | $arkiv_rss | $arkiv_size | 1.00 |
| tantivy-cli index ($(nproc) threads, default tokenizer) | $tantivy_wall | $tantivy_cpu | $(rate "$articles" "$tantivy_wall") | $(mbps "$megabytes" "$tantivy_wall") | $tantivy_rss | $tantivy_size | $(ratio "$tantivy_wall" "$arkiv_wall") |
| Xapian (Python, Norwegian stemmer) | $xapian_wall | $xapian_cpu | $(rate "$articles" "$xapian_wall") | $(mbps "$megabytes" "$xapian_wall") | $xapian_rss | $xapian_size | $(ratio "$xapian_wall" "$arkiv_wall") |

arkiv / tantivy-cli wall: **$vs_tantivy**; arkiv / Xapian wall: **$vs_xapian**. arkiv's summary: $arkiv_summary

## Search, warm, 1×

$query_count queries from \`bench/queries.txt\`, one warm-up pass, then $passes timed passes in one process. A
search is timed from the query text to the hits with their snippets (arkiv: \`arkiv bench\`;
Xapian: \`bench/xapian_search.py\`, which turns name filters into phrases and has no dates).

| engine | p50 ms | p95 ms | p99 ms |
|---|---|---|---|
| arkiv | $arkiv_p50 | $arkiv_p95 | $arkiv_p99 |
| Xapian (Python bindings) | $xapian_p50 | $xapian_p95 | $xapian_p99 |

Slowest arkiv queries, and the run's totals:

\`\`\`
$(cat "$work/search-arkiv-x1")
\`\`\`

## Cold search, 1×

A new \`arkiv search\` process each time (start, open the index, answer, exit), output discarded; 20
runs after one untimed run.

| command | median ms | max ms |
|---|---|---|
| \`arkiv search "Bob Dylan"\` | $cold_plain_median | $cold_plain_max |
| \`arkiv search film --person "Johnny Depp"\` | $cold_person_median | $cold_person_max |

## Incremental ingest

$changed files (1%) changed, then \`arkiv index\` on the same folder and index: **$incremental_wall s**, $incremental_share% of
the full ingest. Summary: $incremental_summary

## Scale

The corpus copied 2, 4 and 8 times under distinct paths, each indexed from scratch, then searched
as above. "Growth" is wall time per article against 1× (1.00 = linear).

| corpus | articles | wall s | CPU s | peak RSS MB | index MB | p50 ms | p95 ms | p99 ms | growth |
|---|---|---|---|---|---|---|---|---|---|
$scale_rows

## Targets

| target | measured | met |
|---|---|---|
| ingest wall ≤ 1.5× tantivy-cli's | $vs_tantivy× | $(verdict "$vs_tantivy <= 1.5") |
| ingest wall < Xapian's | $vs_xapian× | $(verdict "$vs_xapian < 1") |
| warm p50 ≤ 1 ms at 1× | $arkiv_p50 ms | $(verdict "$arkiv_p50 <= 1") |
| warm p99 ≤ 10 ms at 1× | $arkiv_p99 ms | $(verdict "$arkiv_p99 <= 10") |
| warm p99 ≤ 20 ms at 4× | ${scale_p99[4]} ms | $(verdict "${scale_p99[4]} <= 20") |
| peak RSS ≤ 1 GB at 4× | ${scale_rss[4]} MB | $(verdict "${scale_rss[4]} <= 1024") |
| peak RSS ≤ 400 MB at every size (1× to 8×) | $max_rss MB (8×: ${scale_rss[8]} MB) | $(verdict "$max_rss <= 400") |
| ingest grows at most linearly (growth ≤ 1.05 at 4×) | ${scale_growth[4]} | $(verdict "${scale_growth[4]} <= 1.05") |
| re-index after 1% changed ≤ 10% of full | $incremental_share% | $(verdict "$incremental_share <= 10") |
| cold \`arkiv search\` ≤ 50 ms, words only | $cold_plain_median ms median, $cold_plain_max ms max | $(verdict "$cold_plain_max <= 50") |
| cold \`arkiv search\` ≤ 50 ms, with a name filter | $cold_person_median ms median, $cold_person_max ms max | $(verdict "$cold_person_max <= 50") |
EOF

echo "wrote $results" >&2
echo "speed: ingest 1× arkiv ${arkiv_wall}s, tantivy-cli ${tantivy_wall}s (×$vs_tantivy), Xapian ${xapian_wall}s (×$vs_xapian); search p50/p99 ${arkiv_p50}/${arkiv_p99} ms (4×: p99 ${scale_p99[4]} ms, RSS ${scale_rss[4]} MB, growth ${scale_growth[4]}; 8×: RSS ${scale_rss[8]} MB, growth ${scale_growth[8]}); 1% re-index ${incremental_share}%; cold search ${cold_plain_median} ms, with --person ${cold_person_median} ms"
