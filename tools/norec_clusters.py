"""Word clusters learned from NoReC, for the entity tagger: crates/ner/src/norec/clusters.tsv.

  python3 -m venv /tmp/clusters && /tmp/clusters/bin/pip install -r tools/norec-clusters-requirements.txt
  PYTHONHASHSEED=0 /tmp/clusters/bin/python tools/norec_clusters.py /tmp/norec > crates/ner/src/norec/clusters.tsv

Words that are used alike get the same cluster, so a name the training data never had still
shares features with the names it had ("Drammen" with "Tromsø", "Støre" with "Solberg"). The
words of every NoReC text (lowercased, as the tagger looks them up; each line a sentence) train
word2vec vectors (CBOW, one worker and a fixed seed, so the same corpus gives the same
vectors), and k-means over the unit vectors cuts the vocabulary into clusters at several
granularities (GRANULARITIES): a coarse cluster says "a place", a fine one "a Norwegian town".
Each line of the output is a word, then its cluster at each granularity.

NoReC: Velldal et al., LREC 2018. Its licence lets models and lexicons made from it be used
freely, also commercially.
"""
import re
import sys
from pathlib import Path

import numpy as np
from gensim.models import Word2Vec
from sklearn.cluster import MiniBatchKMeans

# Numbers of clusters, coarse to fine.
GRANULARITIES = [32, 128, 512, 2048]
# The fewest occurrences of a word for it to have a vector (rarer ones are misprints).
MIN_COUNT = 5
DIMENSIONS = 100
WINDOW = 5
EPOCHS = 5
SEED = 2020
# A word as the tagger's tokenizer splits it: letters and digits, with hyphens, apostrophes and
# full stops between them ("midt-østen", "o'neill", "dagbladet.no").
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def sentences(folder):
    for path in sorted(Path(folder).rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = WORD.findall(line.lower())
            if words:
                yield words


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    corpus = list(sentences(sys.argv[1]))
    print(f"{len(corpus)} sentences, {sum(map(len, corpus))} words", file=sys.stderr)
    model = Word2Vec(corpus, vector_size=DIMENSIONS, window=WINDOW, min_count=MIN_COUNT, workers=1,
                     seed=SEED, epochs=EPOCHS)
    words = model.wv.index_to_key
    vectors = model.wv.vectors / np.linalg.norm(model.wv.vectors, axis=1, keepdims=True)
    print(f"{len(words)} words with vectors", file=sys.stderr)
    columns = []
    for k in GRANULARITIES:
        kmeans = MiniBatchKMeans(n_clusters=k, random_state=SEED, batch_size=4096, n_init=3)
        columns.append(kmeans.fit_predict(vectors))
        print(f"k={k}: done", file=sys.stderr)
    out = sys.stdout
    out.write("# Word clusters for arkiv's entity tagger, made by tools/norec_clusters.py from NoReC\n")
    out.write("# (Velldal et al., LREC 2018): word2vec vectors, k-means at "
              + ", ".join(map(str, GRANULARITIES)) + " clusters.\n")
    out.write("# word<TAB>cluster at each granularity, coarse to fine\n")
    for i in sorted(range(len(words)), key=lambda i: words[i]):
        if "\t" in words[i]:
            continue
        out.write(words[i] + "\t" + "\t".join(str(column[i]) for column in columns) + "\n")


if __name__ == "__main__":
    main()
