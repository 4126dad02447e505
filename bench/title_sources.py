#!/usr/bin/env python3
"""Which of a page's declared titles each HTML benchmark folder takes as its gold title.

A page declares its headline up to four times: the `<title>` element, `og:title`, the first
`<h1>` and the JSON-LD `headline`. When they differ, a title extractor has to choose, and the
benchmark folders in ../shared/eval/html made their gold titles by different conventions. This
script measures that: for each folder, how often each source equals the gold title exactly
(after whitespace collapsing and NFC, as the folder's scorer compares), and, on the pages where
a source and the `<h1>` both exist and differ, which of the two the gold title is.

    python3 bench/title_sources.py [EVAL_HTML_DIR]

Standard library only. Not part of the test suite.
"""

import gzip
import html.parser
import json
import sys
import unicodedata
from pathlib import Path

FOLDERS = ["readability", "fundus", "aed"]
SOURCES = ["title", "og", "h1", "ld"]


def norm(text):
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


class Declared(html.parser.HTMLParser):
    """Collects the four declared titles of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = {}
        self.capturing = None  # "title", "h1" or "ld" while inside that element
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")) == "og:title":
            self.found.setdefault("og", attrs.get("content") or "")
        elif tag in ("title", "h1") and tag not in self.found and self.capturing is None:
            self.capturing, self.buffer = tag, []
        elif tag == "script" and attrs.get("type") == "application/ld+json" and self.capturing is None:
            self.capturing, self.buffer = "ld", []

    def handle_endtag(self, tag):
        if self.capturing is None or tag != {"ld": "script"}.get(self.capturing, self.capturing):
            return
        text = "".join(self.buffer)
        if self.capturing == "ld":
            headline = find_headline(text)
            if headline is not None:
                self.found.setdefault("ld", headline)
        else:
            self.found[self.capturing] = text
        self.capturing = None

    def handle_data(self, data):
        if self.capturing is not None:
            self.buffer.append(data)


def find_headline(text):
    """The first `headline` anywhere in a JSON-LD block, or None."""
    try:
        stack = [json.loads(text)]
    except ValueError:
        return None
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            if isinstance(item.get("headline"), str):
                return item["headline"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def declared_titles(page):
    raw = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
    parser = Declared()
    parser.feed(raw)
    return {source: norm(parser.found.get(source)) or None for source in SOURCES}


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "../../shared/eval/html")
    print("share of pages whose gold title equals each source:")
    print(f"{'folder':12} {'pages':>5} " + " ".join(f"{s:>6}" for s in SOURCES))
    contests = {}
    for folder in FOLDERS:
        equal = dict.fromkeys(SOURCES, 0)
        pages = 0
        contests[folder] = {s: [0, 0, 0] for s in SOURCES if s != "h1"}
        for gold_file in sorted((root / folder / "gold").glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8")).get("title")
            if gold is None:
                continue
            gold = norm(gold)
            pages += 1
            titles = declared_titles(root / folder / "pages" / (gold_file.stem + ".html.gz"))
            for source, title in titles.items():
                equal[source] += title == gold
            for source, tally in contests[folder].items():
                other, h1 = titles[source], titles["h1"]
                if other and h1 and other != h1:
                    tally[0 if other == gold else 1 if h1 == gold else 2] += 1
        print(f"{folder:12} {pages:>5} " + " ".join(f"{equal[s] / pages:6.2f}" for s in SOURCES))
    print("\npages where a source and the h1 differ: gold is the source / the h1 / neither")
    for folder, tallies in contests.items():
        print(f"{folder:12} " + "   ".join(f"{s} vs h1: {a}/{b}/{c}" for s, (a, b, c) in tallies.items()))


if __name__ == "__main__":
    main()
