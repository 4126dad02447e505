"""Folds and tables for bench/ner-cv.sh: cross-validation of the entity tagger on NorNE.

  python3 bench/ner_cv.py folds NER_DIR WORK K   # writes WORK/FOLD/{leave-out.txt,nob.conllu,nno.conllu,...}
  python3 bench/ner_cv.py table WORK             # the table of WORK/*/{nob,nno}.json

Folds are sets of whole documents (NorNE's document maps), so no article is tagged by a model
that saw part of it. The documents of each language's train split are dealt into K folds of
about the same number of sentences (largest documents first, each to the fold with the fewest
sentences so far, ties by document id: deterministic); the dev split is one fold more. Each
fold's gold sentences are copied, in CoNLL-U form as NorNE's README asks, with their document
map, into a temporary directory the shell script removes.
"""
import json
import statistics
import sys
from collections import OrderedDict
from pathlib import Path

LANGUAGES = {"nob": "nob/no_bokmaal-ud", "nno": "nno/no_nynorsk-ud"}
SCORES = [("PER", "mention", "PER"), ("PLACE", "mention", "PLACE"), ("ORG", "mention", "ORG"),
          ("micro", "mention", "micro"), ("doc micro", "document", "micro"), ("doc mean", "document", "mean_doc_f1")]


def read_blocks(path):
    """The sentences of a CoNLL-U file as (sent_id, text block)."""
    blocks = []
    for block in Path(path).read_text(encoding="utf-8").split("\n\n"):
        if not block.strip():
            continue
        sent_id = next(line.split("=", 1)[1].strip() for line in block.splitlines() if line.startswith("# sent_id"))
        blocks.append((sent_id, block.strip("\n")))
    return blocks


def read_docmap(path):
    docmap = OrderedDict()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        sent_id, doc = line.split("\t")
        docmap[sent_id.strip()] = doc.strip()
    return docmap


def deal(sizes, k):
    """Documents (id → sentences) dealt into k folds of about equal size."""
    folds = [[] for _ in range(k)]
    load = [0] * k
    for doc, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        fold = min(range(k), key=lambda i: (load[i], i))
        folds[fold].append(doc)
        load[fold] += size
    return folds


def folds(ner, work, k):
    ner, work = Path(ner), Path(work)
    plan = {}  # fold name → language → documents
    data = {}
    for lang, stem in LANGUAGES.items():
        for split in ("train", "dev"):
            blocks = read_blocks(ner / f"{stem}-{split}.conllu")
            docmap = read_docmap(ner / f"{stem}-{split}.docmap.tsv")
            data[(lang, split)] = (blocks, docmap)
        blocks, docmap = data[(lang, "train")]
        sizes = {}
        for sent_id, _ in blocks:
            sizes[docmap[sent_id]] = sizes.get(docmap[sent_id], 0) + 1
        for i, docs in enumerate(deal(sizes, k)):
            plan.setdefault(f"train{i + 1}", {})[lang] = ("train", set(docs))
        plan.setdefault("dev", {})[lang] = ("dev", set(data[(lang, "dev")][1].values()))
    for name, languages in plan.items():
        out = work / name
        out.mkdir(parents=True, exist_ok=True)
        leave_out = []
        for lang, (split, docs) in languages.items():
            blocks, docmap = data[(lang, split)]
            kept = [(sent_id, block) for sent_id, block in blocks if docmap[sent_id] in docs]
            (out / f"{lang}.conllu").write_text("\n\n".join(b for _, b in kept) + "\n\n", encoding="utf-8")
            (out / f"{lang}.docmap.tsv").write_text(
                "# sent_id\tdoc_id\n" + "".join(f"{s}\t{docmap[s]}\n" for s, _ in kept), encoding="utf-8")
            leave_out.extend(sorted(docs))
            print(f"{name} {lang}: {len(docs)} documents, {len(kept)} sentences", file=sys.stderr)
        (out / "leave-out.txt").write_text("".join(f"{d}\n" for d in leave_out), encoding="utf-8")
        print(name)


def table(work):
    work = Path(work)
    print("| lang | " + " | ".join(name for name, _, _ in SCORES) + " |")
    print("| --- |" + " --- |" * len(SCORES))
    for lang in LANGUAGES:
        results = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(work.glob(f"*/{lang}.json"))]
        cells = []
        for _, level, key in SCORES:
            values = [r[level][key] if key == "mean_doc_f1" else r[level][key]["f1"] for r in results]
            spread = statistics.stdev(values) if len(values) > 1 else 0.0
            cells.append(f"{statistics.mean(values):.3f} ± {spread:.3f}")
        print(f"| {lang} ({len(results)} folds) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "folds":
        folds(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 3 and sys.argv[1] == "table":
        table(sys.argv[2])
    else:
        sys.exit(__doc__)
