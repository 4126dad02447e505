#!/usr/bin/env python3
"""Runs one open-source article extractor over the HTML dev benchmarks, offline.

    html_peers.py PEER EVAL_DIR PRED_DIR BENCH...

PEER is trafilatura, readability-lxml, newspaper4k or goose3 (each its PyPI name), used with its
default settings for the main text (each function below says why it sets an option). For every
page EVAL_DIR/BENCH/pages/<id>.html.gz it writes PRED_DIR/BENCH/<id>.json = {"title", "body"},
the format of EVAL_DIR/score_extract.py. The extractor gets the page's raw bytes and decodes
them the way it does by default. A page on which it raises is written as an empty prediction
and named on stderr. Its one line on stdout is
`<pages> <seconds> <failed> <empty> <version>`: seconds count the extractor's calls alone (no
unzipping or writing), empty counts pages whose body came out empty without an error.
Called by bench/html-peers.sh, which installs the extractors into a venv.
"""
import gzip
import importlib.metadata
import json
import logging
import os
import socket
import sys
import time

# Offline by construction: newspaper4k's tldextract would download the public suffix list at
# first use, so it gets its bundled copy instead. Any other look-up or connection raises at once
# (no waiting on DNS) and is counted, so that a page on which an extractor reached for the
# network is reported even when the extractor swallows the error.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
network_attempts = 0


def _no_network(*_args, **_kwargs):
    global network_attempts
    network_attempts += 1
    raise OSError("html_peers.py runs offline")


socket.getaddrinfo = socket.socket.connect = _no_network


def trafilatura():
    import trafilatura

    def extract(html, _url):
        # bare_extraction, not extract(): with default options extract() appends the comments
        # section to the text, bare_extraction keeps them apart. with_metadata gives the title.
        doc = trafilatura.bare_extraction(html, with_metadata=True)
        return (doc.title, doc.text) if doc else (None, None)

    return extract


def readability_lxml():
    import html_text
    from readability import Document

    def extract(html, _url):
        doc = Document(html)
        # title() is what its README shows (the <title> element); short_title() would cut off
        # the site name. summary() is HTML: html-text renders it with paragraph breaks, as the
        # scrapinghub benchmark does.
        return doc.title(), html_text.extract_text(doc.summary())

    return extract


def newspaper4k():
    import newspaper

    def extract(html, url):
        # newspaper4k wants the page's address (as in the scrapinghub benchmark's runner); with
        # input_html it does not fetch the page. By default it downloads images to pick the top
        # one: fetch_images=False turns that off, the text is extracted the same way.
        # article() also parses.
        article = newspaper.article(url, input_html=html, fetch_images=False)
        return article.title, article.text

    return extract


def goose3():
    from goose3 import Goose

    goose = Goose()

    def extract(html, _url):
        article = goose.extract(raw_html=html)
        return article.title, article.cleaned_text

    return extract


PEERS = {
    "trafilatura": trafilatura,
    "readability-lxml": readability_lxml,
    "newspaper4k": newspaper4k,
    "goose3": goose3,
}


def main():
    global network_attempts
    peer, eval_dir, pred_dir, *benches = sys.argv[1:]
    extract = PEERS[peer]()
    # Their own warnings (trafilatura's "discarding data", goose3's) would bury the failures.
    logging.disable(logging.CRITICAL)
    pages = failed = empty = 0
    seconds = 0.0
    for bench in benches:
        out = os.path.join(pred_dir, bench)
        os.makedirs(out, exist_ok=True)
        page_dir = os.path.join(eval_dir, bench, "pages")
        for name in sorted(os.listdir(page_dir)):
            page = name.removesuffix(".html.gz")
            with gzip.open(os.path.join(page_dir, name)) as f:
                html = f.read()
            # Only the page's address is read from the gold file, for newspaper4k.
            with open(os.path.join(eval_dir, bench, "gold", page + ".json"), encoding="utf-8") as f:
                url = json.load(f)["url"]
            started = time.perf_counter()
            try:
                title, body = extract(html, url)
            except Exception as e:  # any failure of the extractor is an empty prediction
                title = body = None
                failed += 1
                print(f"html_peers.py: {peer} failed on {bench}/{page}: {type(e).__name__}: {e}",
                      file=sys.stderr)
            else:
                empty += not body
            if network_attempts:
                print(f"html_peers.py: {peer} tried the network {network_attempts} times on "
                      f"{bench}/{page} (blocked)", file=sys.stderr)
                network_attempts = 0
            seconds += time.perf_counter() - started
            pages += 1
            with open(os.path.join(out, page + ".json"), "w", encoding="utf-8") as f:
                json.dump({"title": title or "", "body": body or ""}, f, ensure_ascii=False)
    print(pages, f"{seconds:.3f}", failed, empty, importlib.metadata.version(peer))


if __name__ == "__main__":
    main()
