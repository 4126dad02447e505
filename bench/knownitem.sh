#!/usr/bin/env bash
# arkiv's known-item search quality beside Lucene's, in one run on full NoReC (issue 18). Not
# part of the test suite.
#
#   bench/knownitem.sh
#   NOREC=/path/norec.tar.gz SAMPLE=/path/norec-sample SETS=/path/sets.tsv bench/knownitem.sh
#
# It builds arkiv (release) and the Lucene peer (bench/lucene, Maven), indexes the whole of
# NoReC with both (NOREC: the tarball, or the folder it unpacks to), builds the dev sets of
# bench/knownitem.py from the targets in SAMPLE (or takes the set SETS), and scores five systems
# on the same queries: `arkiv search` as typed (arkiv), `arkiv search --exact` (arkiv-exact),
# and Lucene 10 with its Norwegian analyzer, title boosted 3× over body as arkiv boosts it,
# ranked by BM25: every word required (lucene-and), any word (lucene-or), and any word with
# title and body scored as one field (lucene-or-bm25f, Lucene's remedy for a rare word in a
# short title outscoring the rest of the query). The table of MRR@10, S@1 and S@10 per kind of
# query and system goes to stdout and, with how it was made, to
# bench/KNOWNITEM.md. Lucene 10 needs Java 21 or newer: LUCENE_JAVA_HOME (the machine's Temurin
# 25 unless set). About 10 minutes on 2 cores, most of it arkiv's ingest.
set -euo pipefail
cd "$(dirname "$0")/.."
norec="${NOREC:-../shared/corpus/norec.tar.gz}"
sample="${SAMPLE:-../shared/corpus/norec-sample}"
sets="${SETS:-}"
java_home="${LUCENE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
report="$PWD/bench/KNOWNITEM.md"
# The version measured. KNOWNITEM.md is in the tree, and a run before this one may have left it
# changed, which says nothing about the code measured, so it does not count as "dirty".
version="$(git rev-parse --short HEAD)"
git diff --quiet HEAD -- . ':(exclude)bench/KNOWNITEM.md' || version="$version-dirty"
# The last commit that changed arkiv itself rather than its benchmarks.
code_version="$(git log -1 --format=%h -- . ':(exclude)bench')"
[[ -e "$norec" ]] || { echo "knownitem.sh: $norec not found (set NOREC)" >&2; exit 2; }
[[ -n "$sets" || -d "$sample" ]] || { echo "knownitem.sh: $sample not found (set SAMPLE or SETS)" >&2; exit 2; }
[[ -z "$sets" || -f "$sets" ]] || { echo "knownitem.sh: $sets not found (SETS)" >&2; exit 2; }
[[ -x "$java_home/bin/java" ]] || { echo "knownitem.sh: no Java in $java_home (set LUCENE_JAVA_HOME to a JDK 21+)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/arkiv-knownitem.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== building arkiv and the Lucene peer" >&2
cargo build --release --locked --quiet
arkiv="$PWD/target/release/arkiv"
command -v mvn > /dev/null ||
    apt-get install -y -qq maven > /dev/null ||
    { apt-get update -qq > /dev/null && apt-get install -y -qq maven > /dev/null; }
# Maven's own output (and Java's warnings about the Maven it runs) only matters when it fails.
JAVA_HOME="$java_home" mvn -q -f bench/lucene/pom.xml package > "$work/mvn.log" 2>&1 ||
    { echo "knownitem.sh: building bench/lucene failed:" >&2; tail -20 "$work/mvn.log" >&2; exit 1; }
peer="$PWD/target/bench-tools/lucene"
lucene=("$java_home/bin/java" --add-modules jdk.incubator.vector -jar "$peer/lucene-peer.jar")
lucene_version=$(basename "$peer"/lib/lucene-core-*.jar .jar | sed 's/^lucene-core-//')
java_version=$("$java_home/bin/java" -version 2>&1 | head -1)

if [[ -d "$norec" ]]; then
    corpus="$norec"
else
    echo "== unpacking NoReC into $work" >&2
    mkdir -p "$work/norec"
    tar -xzf "$norec" -C "$work/norec"
    corpus="$work/norec"
fi
articles=$(find "$corpus" -type f -name '*.txt' | wc -l)

# timed LOG COMMAND…: runs COMMAND with its output in LOG, and sets seconds to its wall time.
timed() {
    local log="$1" started
    shift
    started=$(date +%s.%N)
    "$@" > "$log" 2>&1 || { echo "knownitem.sh: $* failed:" >&2; tail -5 "$log" >&2; exit 1; }
    seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
}

echo "== indexing $articles articles: arkiv" >&2
timed "$work/arkiv-index.log" "$arkiv" --index "$work/arkiv-index" index "$corpus"
arkiv_seconds=$seconds
echo "== indexing $articles articles: Lucene" >&2
timed "$work/lucene-index.log" "${lucene[@]}" index "$corpus" "$work/lucene-index"
lucene_seconds=$seconds

if [[ -n "$sets" ]]; then
    sets_from="given as \`$sets\`"
else
    echo "== building the dev sets from $sample" >&2
    sets="$work/sets.tsv"
    python3 bench/knownitem.py build "$corpus" "$sample" "$sets" > /dev/null
    sets_from="built by this run from the targets in \`$sample\` (\`bench/knownitem.py build\`, fixed seed)"
fi
counts=$(cut -f1 "$sets" | sort | uniq -c | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }')

echo "== searching $(wc -l < "$sets") queries with each system" >&2
mkdir -p "$work/ranks"
python3 bench/knownitem.py ranks "$sets" "$arkiv" "$work/arkiv-index" > "$work/ranks/arkiv.tsv"
python3 bench/knownitem.py ranks "$sets" "$arkiv" "$work/arkiv-index" --exact > "$work/ranks/arkiv-exact.tsv"
for mode in and or or-bm25f; do
    "${lucene[@]}" search "$work/lucene-index" "$sets" "$mode" > "$work/ranks/lucene-$mode.tsv" 2> "$work/lucene-$mode.log" ||
        { echo "knownitem.sh: Lucene search ($mode) failed:" >&2; tail -5 "$work/lucene-$mode.log" >&2; exit 1; }
done
# Each system is named by its ranking file.
table=$(python3 bench/knownitem.py score-ranks "$sets" "$work"/ranks/{arkiv,arkiv-exact,lucene-and,lucene-or,lucene-or-bm25f}.tsv)

cat > "$report" <<EOF
# Known-item search: arkiv beside Lucene

Written by \`bench/knownitem.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), every figure from this one run.

- Corpus: NoReC, $articles articles ($(basename "$norec")), indexed whole by each system.
- Dev set: $counts queries, $sets_from. Each query has one target article,
  drawn from norec-sample and searched for within the whole corpus (how each kind is drawn: the
  header of \`bench/knownitem.py\`).
- arkiv $version (its code as of $code_version), built by this run: \`arkiv search --limit 10 QUERY\`
  (arkiv) and the same with \`--exact\` (arkiv-exact), on an index made by \`arkiv index\` in $arkiv_seconds s.
- Lucene $lucene_version (\`bench/lucene\`) on $java_version, indexed in $lucene_seconds s: each file's first
  line is the title, the rest the body, both analyzed by \`NorwegianAnalyzer\`, ranked by BM25, a
  title match boosted 3× over a body match as in arkiv (which also boosts its lead 2×, a part
  that Lucene's body holds unweighted). The query goes through the classic query parser over
  title and body with every word required (lucene-and) or any word enough (lucene-or); or any
  word is enough, and each is scored over title and body as one field by \`CombinedFieldQuery\`
  (BM25F, lucene-or-bm25f).
- Scores: MRR@10 (the mean of 1 / the target's rank, 0 when it is not in the top 10), S@1 and
  S@10 (the share of queries whose target is first, or in the top 10), by
  \`bench/knownitem.py score-ranks\` for all five.

$table
EOF

echo "$table"
echo "wrote $report" >&2
