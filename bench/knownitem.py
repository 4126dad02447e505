#!/usr/bin/env python3
"""Known-item search dev sets over NoReC, and their scoring.

Each query is what a user would type to find one article again; the target articles are drawn
only from the 300 files of norec-sample, and are searched for within the whole of NoReC. Four
kinds, one query per target article and kind at most, drawn with a fixed seed:

  compound  a part of a compound word of the article (its head or its first part, with the
            linking -s- or -e- taken off), which the article never writes as a word of its own,
            and one more distinctive word of the article: "kroken" for "sofakroken". A word is
            taken for a compound of two parts only when fewer articles write it than write
            either part: a compound says more than each of its parts, so it is the rarer word,
            while a lexicalised word or a mere spelling coincidence is commoner than the word
            it seems to hold ("forestillingen" is no compound of "stillingen", "skuespiller"
            none of "piller", "noensinne" none of "sinne");
  accent    a name of the article written with accents (é, ö, ü, á, ñ …), typed without them,
            and one more distinctive word: "Noren" for "Norén";
  typo      two distinctive words of the article, one of them with one typing error (a letter
            left out, doubled, swapped with the next or replaced), which makes a word that no
            NoReC article has;
  ordinary  two or three distinctive words of the article, as it writes them (inflected forms).

A word is distinctive when few articles have it (between MIN_DF and MAX_DF of NoReC's). No query
is tuned to its result: the sets are drawn once by these rules. Another seed (`--seed N`, SEED
by default) draws other queries of the same kinds for the same targets: a set that a change
found by looking at the misses of the first was not fitted to.

  bench/knownitem.py build NOREC_DIR SAMPLE_DIR OUT.tsv [--seed N]
  bench/knownitem.py score OUT.tsv ARKIV INDEX [--exact]
  bench/knownitem.py ranks OUT.tsv ARKIV INDEX [--exact] > RANKS.tsv
  bench/knownitem.py score-ranks OUT.tsv RANKS.tsv [RANKS.tsv…]
  bench/knownitem.py ceiling OUT.tsv NOREC_DIR

`build` reads the unpacked corpus (`tar -xzf norec.tar.gz` gives NOREC_DIR/norec) and writes
`kind<TAB>query<TAB>target id` lines. `score` runs `ARKIV --index INDEX search --json --limit 10
QUERY` for each line and prints MRR@10, S@1 and S@10 per kind as a Markdown table. `ranks`
writes what arkiv found instead, as a ranking file: for each line of the set, in its order,
`query<TAB>id<TAB>id…`, the top 10 best first, as another engine's searches write them
(bench/lucene). `score-ranks` scores ranking files as `score` scores arkiv, one system per file,
named by the file's name without its extension. `ceiling` says how far the rule that a word as
written ranks above its matches as a part caps the compound queries: an article that writes
both words of such a query as typed ranks above its target, which writes one only inside a
compound; with the target right below those articles, MRR@10 would be the ceiling printed.
"""

import collections
import json
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

SEED = 18
WORD = re.compile(r"\w+")
# Distinctive words: in at least MIN_DF articles (so a word of the article, not a misprint),
# at most MAX_DF (so it narrows the search).
MIN_DF, MAX_DF = 2, 60
# A compound is split where both sides are words of their own (Koehn & Knight): the part
# searched for in at least PART_MIN_DF articles, the other side in at least OTHER_MIN_DF.
PART_MIN_DF, OTHER_MIN_DF = 30, 10
# ... and in at most PART_MAX_DF: the commonest words ("stor", "heter") are endings and verbs
# that happen to spell the end of a compound, not what anyone searches for. A part has at
# least MIN_SEARCHED_PART letters.
PART_MAX_DF, MIN_SEARCHED_PART = 3000, 5
# A name is a capitalised word that few articles have (a common word opening a sentence, "Én",
# is not one).
NAME_MAX_DF = 200
# A part the article writes inflected ("produsenten" for "produsent") is found by stemming
# alone: no inflection adds more letters than this.
MAX_INFLECTION = 4
MIN_PART, MIN_COMPOUND = 4, 9
MIN_TYPO_WORD = 5
ACCENTED = set("áàâäãéèêëíìîïóòôöõúùûüñçýÿ")
LINKERS = ("s", "e")
KINDS = ("compound", "accent", "typo", "ordinary")
LIMIT = 10


def words(text):
    return WORD.findall(text)


def plain(word):
    """The word with its accents taken off, as typed on a keyboard without them."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def document_frequencies(norec):
    df = collections.Counter()
    for path in sorted(norec.rglob("*.txt")):
        df.update({w.lower() for w in words(path.read_text(encoding="utf-8", errors="replace"))})
    return df


def distinctive(tokens, df, rng, count, exclude=()):
    seen, out = set(), []
    for token in tokens:
        lower = token.lower()
        if lower in seen or lower in exclude or not token.isalpha() or len(token) < MIN_PART:
            continue
        seen.add(lower)
        if MIN_DF <= df[lower] <= MAX_DF:
            out.append(token)
    rng.shuffle(out)
    return out[:count]


def written_as_word(part, own):
    """Whether the article writes `part` as a word of its own, inflected or not."""
    return any(word.startswith(part) and len(word) <= len(part) + MAX_INFLECTION for word in own)


def compound_query(tokens, df, rng):
    own = {t.lower() for t in tokens}
    candidates = []
    for token in dict.fromkeys(t.lower() for t in tokens):
        if len(token) < MIN_COMPOUND or not token.isalpha():
            continue
        for cut in range(MIN_PART, len(token) - MIN_PART + 1):
            head, modifier = token[cut:], token[:cut]
            modifiers = [modifier] + [modifier[: -len(l)] for l in LINKERS if modifier.endswith(l)]
            modifiers = [m for m in modifiers if len(m) >= MIN_PART]
            pairs = [(head, m) for m in modifiers] + [(m, head) for m in modifiers]
            for part, other in pairs:
                common = PART_MIN_DF <= df[part] <= PART_MAX_DF and len(part) >= MIN_SEARCHED_PART
                rarer = df[token] < min(df[part], df[other])
                if common and rarer and df[other] >= OTHER_MIN_DF and not written_as_word(part, own):
                    candidates.append(part)
    if not candidates:
        return None
    part = rng.choice(sorted(set(candidates)))
    other = distinctive(tokens, df, rng, 1, exclude={part})
    return f"{part} {other[0]}" if other else None


def accent_query(tokens, df, rng):
    names = sorted(
        {t for t in tokens if t[:1].isupper() and len(t) >= MIN_PART and ACCENTED & set(t.lower()) and df[t.lower()] <= NAME_MAX_DF}
    )
    if not names:
        return None
    name = rng.choice(names)
    other = distinctive(tokens, df, rng, 1, exclude={name.lower()})
    return f"{plain(name)} {other[0]}" if other else None


def typo(word, df, rng):
    for _ in range(20):
        i = rng.randrange(1, len(word) - 1)
        op = rng.choice(("drop", "double", "swap", "replace"))
        if op == "drop":
            wrong = word[:i] + word[i + 1 :]
        elif op == "double":
            wrong = word[:i] + word[i] + word[i:]
        elif op == "swap":
            wrong = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            wrong = word[:i] + rng.choice("abcdefghijklmnoprstuv") + word[i + 1 :]
        if wrong.lower() != word.lower() and df[wrong.lower()] == 0:
            return wrong
    return None


def typo_query(tokens, df, rng):
    chosen = distinctive(tokens, df, rng, 2)
    long_ones = [w for w in chosen if len(w) >= MIN_TYPO_WORD]
    if len(chosen) < 2 or not long_ones:
        return None
    wrong = typo(long_ones[0], df, rng)
    return " ".join(wrong if w == long_ones[0] else w for w in chosen) if wrong else None


def ordinary_query(tokens, df, rng):
    chosen = distinctive(tokens, df, rng, rng.choice((2, 3)))
    return " ".join(chosen) if len(chosen) >= 2 else None


def build(norec, sample, out, seed=SEED):
    df = document_frequencies(Path(norec))
    makers = {"compound": compound_query, "accent": accent_query, "typo": typo_query, "ordinary": ordinary_query}
    rng = random.Random(seed)
    lines = []
    for path in sorted(Path(sample).glob("*.txt")):
        tokens = words(path.read_text(encoding="utf-8", errors="replace"))
        for kind in KINDS:
            query = makers[kind](tokens, df, rng)
            if query:
                lines.append(f"{kind}\t{query}\t{path.stem}\n")
    Path(out).write_text("".join(lines), encoding="utf-8")
    counts = collections.Counter(line.split("\t")[0] for line in lines)
    print(" ".join(f"{kind}={counts[kind]}" for kind in KINDS))


def read_sets(sets):
    """The (kind, query, target) of every line of a dev set."""
    lines = Path(sets).read_text(encoding="utf-8").splitlines()
    out = []
    for number, line in enumerate(lines, 1):
        fields = line.split("\t")
        if len(fields) != 3:
            sys.exit(f"{sets}:{number}: not kind<TAB>query<TAB>target")
        out.append(tuple(fields))
    return out


def arkiv_ranking(sets, arkiv, index, extra):
    """arkiv's top ids for each query of the dev set, best first."""
    ranking = []
    for _, query, _ in read_sets(sets):
        run = subprocess.run(
            [arkiv, "--index", index, "search", "--json", "--limit", str(LIMIT), *extra, "--", query],
            capture_output=True,
            text=True,
        )
        if run.returncode not in (0, 1):  # 1: nothing found
            sys.exit(f"{arkiv} failed on the query {query!r}: {run.stderr.strip()}")
        ranking.append([Path(json.loads(hit)["path"]).stem for hit in run.stdout.splitlines() if hit.startswith("{")])
    return ranking


def read_ranking(sets, ranks):
    """The ids of a ranking file (`query<TAB>id<TAB>id…`, one line for each line of the dev set)."""
    queries = [query for _, query, _ in read_sets(sets)]
    lines = Path(ranks).read_text(encoding="utf-8").splitlines()
    if len(lines) != len(queries):
        sys.exit(f"{ranks}: {len(lines)} lines, but {sets} has {len(queries)} queries")
    ranking = []
    for number, (line, query) in enumerate(zip(lines, queries), 1):
        ranked, *ids = line.split("\t")
        if ranked != query:
            sys.exit(f"{ranks}:{number}: ranks {ranked!r}, but line {number} of {sets} is {query!r}")
        ranking.append(ids[:LIMIT])
    return ranking


def report(sets, systems):
    """MRR@10, S@1 and S@10 per kind of query and system, as a Markdown table.

    `systems` holds (name, ranking) pairs, a ranking being the ids found for each query of the
    dev set, best first.
    """
    queries = read_sets(sets)
    lines = ["| kind | queries | system | MRR@10 | S@1 | S@10 |", "| --- | --- | --- | --- | --- | --- |"]
    for kind in KINDS:
        for name, ranking in systems:
            found = [ids.index(target) + 1 if target in ids else None for (k, _, target), ids in zip(queries, ranking) if k == kind]
            if not found:
                continue
            mrr = sum(1 / r for r in found if r) / len(found)
            s1 = sum(1 for r in found if r == 1) / len(found)
            s10 = sum(1 for r in found if r) / len(found)
            lines.append(f"| {kind} | {len(found)} | {name} | {mrr:.3f} | {s1:.3f} | {s10:.3f} |")
    print("\n".join(lines))


def ceiling(sets, norec):
    """The MRR@10 of the compound queries if each target ranked right below the other articles
    that write both words of its query as typed, and how many queries have how many such."""
    queries = [(query.lower().split(), target) for kind, query, target in read_sets(sets) if kind == "compound"]
    wanted = {word for query, _ in queries for word in query}
    writers = collections.defaultdict(set)
    for path in sorted(Path(norec).rglob("*.txt")):
        for word in wanted & {w.lower() for w in words(path.read_text(encoding="utf-8", errors="replace"))}:
            writers[word].add(path.stem)
    above = collections.Counter()
    mrr = 0.0
    for query, target in queries:
        count = len(set.intersection(*(writers[word] for word in query)) - {target})
        above[min(count, LIMIT)] += 1
        mrr += 1 / (1 + count) if count < LIMIT else 0
    print(f"compound queries: {len(queries)}; ceiling MRR@{LIMIT}: {mrr / len(queries):.3f}")
    print("articles above the target (at most 10): queries", dict(sorted(above.items())))


if __name__ == "__main__":
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else (None, [])
    if command == "build" and len(args) == 3:
        build(*args)
    elif command == "build" and len(args) == 5 and args[3] == "--seed" and args[4].isdigit():
        build(*args[:3], seed=int(args[4]))
    elif command == "score" and len(args) >= 3:
        report(args[0], [(" ".join(("arkiv", *args[3:])), arkiv_ranking(args[0], args[1], args[2], args[3:]))])
    elif command == "ranks" and len(args) >= 3:
        for (_, query, _), ids in zip(read_sets(args[0]), arkiv_ranking(args[0], args[1], args[2], args[3:])):
            print("\t".join((query, *ids)))
    elif command == "ceiling" and len(args) == 2:
        ceiling(*args)
    elif command == "score-ranks" and len(args) >= 2:
        report(args[0], [(Path(ranks).stem, read_ranking(args[0], ranks)) for ranks in args[1:]])
    else:
        sys.exit(__doc__)
