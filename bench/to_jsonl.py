"""Writes the articles under a folder as JSON lines for the peers of bench/speed.sh.

Each file becomes {"title": first line, "body": the rest}: the same text arkiv indexes, as
the peers (tantivy-cli, Xapian) take it. Files are read as UTF-8 (NoReC is), in sorted order.

    python3 bench/to_jsonl.py FOLDER > articles.jsonl
"""

import json
import os
import sys


def main(folder):
    out = sys.stdout
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                title, _, body = f.read().partition("\n")
            out.write(json.dumps({"title": title.strip(), "body": body.strip()}, ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
