#!/usr/bin/env python3
"""Exhaustive near-duplicate check of a folder of NoReC-style text files, and the score of
arkiv's groups against it.

Every file is read as arkiv fingerprints it: the text after the title line, lowercased, cut
into words (runs of letters and digits), and the set of its shingles of SHINGLE words. For
every pair whose shingle containment (shared shingles over the shingles of the smaller text)
reaches LOW, the script computes the exact Jaccard and containment. Candidates come from
prefix filtering: order each text's shingles from the rarest in the whole folder to the most
common; a pair sharing at least LOW of the smaller text's shingles shares one of that text's
first |A| - ceil(LOW * |A|) + 1 shingles, so looking up those in every other text finds every
such pair, and nothing is sampled.

Gold pairs are those that satisfy arkiv's definition of a copy (containment >= CONTAINMENT,
the shorter text having at least MIN_SHINGLES shingles; see
crates/engine/src/copies/fingerprint.rs). With --groups (the
output of `arkiv duplicates --json`), the pairs inside arkiv's groups are scored against the
gold: pair precision and recall, and every pair of one group whose exact containment is below
SEPARATE (two different texts joined) is listed.

    python3 bench/duplicates_gold.py /tmp/norec-x/norec --groups groups.jsonl
"""

import argparse
import json
import math
import os
import re
import sys
from collections import defaultdict

SHINGLE = 5
CONTAINMENT = 0.8
MIN_SHINGLES = 20
LOW = 0.5
SEPARATE = 0.5

WORD = re.compile(r"[^\W_]+")


def shingles(text):
    """The set of word shingles of a text, as arkiv cuts them."""
    words = WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {hash(tuple(words))} if words else set()
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def read(folder):
    """Path -> shingle set of every .txt file under folder (the title line left out)."""
    sets = {}
    for root, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".txt"):
                path = os.path.realpath(os.path.join(root, name))
                with open(path, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
                _, _, body = text.partition("\n")
                sets[path] = frozenset(shingles(body))
    return sets


def candidates(sets, low):
    """Every pair (a, b) whose containment may reach low, by prefix filtering."""
    frequency = defaultdict(int)
    for shingle_set in sets.values():
        for shingle in shingle_set:
            frequency[shingle] += 1
    holders = defaultdict(list)
    for path, shingle_set in sets.items():
        for shingle in shingle_set:
            if frequency[shingle] > 1:
                holders[shingle].append(path)
    pairs = set()
    for path, shingle_set in sets.items():
        size = len(shingle_set)
        if size == 0:
            continue
        prefix = size - math.ceil(low * size) + 1
        ordered = sorted(shingle_set, key=lambda shingle: (frequency[shingle], shingle))
        for shingle in ordered[:prefix]:
            for other in holders.get(shingle, ()):
                # Each pair is found from its smaller text (the larger path on a tie).
                if other != path and (len(sets[other]), other) > (size, path):
                    pairs.add((path, other))
    return pairs


def measure(a, b):
    shared = len(a & b)
    union = len(a) + len(b) - shared
    smaller = min(len(a), len(b))
    return (shared / union if union else 0.0, shared / smaller if smaller else 0.0)


def is_copy(a, b, containment):
    return min(len(a), len(b)) >= MIN_SHINGLES and containment >= CONTAINMENT


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder")
    parser.add_argument("--groups", help="the output of `arkiv duplicates --json`")
    parser.add_argument("--pairs", help="write every candidate pair with its measures here (TSV)")
    args = parser.parse_args()

    sets = read(args.folder)
    measured = {}
    for a, b in candidates(sets, LOW):
        jaccard, containment = measure(sets[a], sets[b])
        if containment >= LOW:
            measured[frozenset((a, b))] = (jaccard, containment)
    gold = {pair for pair, (_, c) in measured.items() if is_copy(*(sets[p] for p in pair), c)}
    print(f"texts={len(sets)} pairs_containment_ge_{LOW}={len(measured)} gold_pairs={len(gold)}")
    near = sorted(
        (c, j, sorted(pair)) for pair, (j, c) in measured.items() if pair not in gold and c >= CONTAINMENT - 0.1
    )
    print(f"pairs just outside the definition (containment >= {CONTAINMENT - 0.1:.1f}): {len(near)}")
    for c, j, pair in near[-10:]:
        print(f"  containment={c:.3f} jaccard={j:.3f} {' '.join(os.path.basename(p) for p in pair)}")
    if args.pairs:
        with open(args.pairs, "w", encoding="utf-8") as out:
            for pair, (j, c) in sorted(measured.items(), key=lambda item: sorted(item[0])):
                a, b = sorted(pair)
                out.write(f"{a}\t{b}\t{j:.4f}\t{c:.4f}\t{int(pair in gold)}\n")

    if not args.groups:
        return 0
    predicted = set()
    unknown = 0
    with open(args.groups, encoding="utf-8") as handle:
        for line in handle:
            paths = [article["path"] for article in json.loads(line)["articles"]]
            unknown += sum(path not in sets for path in paths)
            for i, a in enumerate(paths):
                for b in paths[i + 1 :]:
                    predicted.add(frozenset((a, b)))
    right = len(predicted & gold)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(gold) if gold else 1.0
    print(f"predicted_pairs={len(predicted)} right={right} precision={precision:.4f} recall={recall:.4f}")
    if unknown:
        print(f"paths in the groups that are not files of the folder: {unknown}")
    joined = []
    for pair in predicted:
        a, b = sorted(pair)
        if a in sets and b in sets:
            j, c = measure(sets[a], sets[b])
            if c < SEPARATE:
                joined.append((c, j, a, b))
    print(f"pairs of one group with containment < {SEPARATE} (different texts joined): {len(joined)}")
    for c, j, a, b in sorted(joined):
        print(f"  containment={c:.3f} jaccard={j:.3f} {a} {b}")
    for pair in sorted(gold - predicted, key=sorted)[:20]:
        a, b = sorted(pair)
        print(f"  missed: jaccard={measured[pair][0]:.3f} containment={measured[pair][1]:.3f} {a} {b}")
    for pair in sorted(predicted - gold, key=sorted)[:20]:
        a, b = sorted(pair)
        if a in sets and b in sets:
            j, c = measure(sets[a], sets[b])
            print(f"  extra: jaccard={j:.3f} containment={c:.3f} {a} {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
