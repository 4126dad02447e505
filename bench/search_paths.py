"""The searches of a query file (bench/queries.txt: a query as typed after `arkiv search`, then
its options) as request paths of `arkiv serve`'s `/api/search`, one a line, for bench/load.lua.

    python3 bench/search_paths.py bench/queries.txt > paths.txt
"""

import shlex
import sys
from urllib.parse import urlencode

# `arkiv search` options and the API parameters they become.
OPTIONS = {
    "--from": "from",
    "--lang": "lang",
    "--limit": "limit",
    "--offset": "offset",
    "--org": "org",
    "--person": "person",
    "--place": "place",
    "--sort": "sort",
    "--to": "to",
}


def path(line):
    words, params = [], []
    tokens = iter(shlex.split(line))
    for token in tokens:
        if token in OPTIONS:
            params.append((OPTIONS[token], next(tokens)))
        elif token == "--exact":
            params.append(("exact", "true"))
        else:
            words.append(token)
    # Quoted phrases stay phrases, as the command line joins its arguments into one query.
    query = " ".join(f'"{word}"' if " " in word else word for word in words)
    return "/api/search?" + urlencode([("q", query)] + params)


def main():
    with open(sys.argv[1], encoding="utf-8") as queries:
        for line in queries:
            line = line.strip()
            if line and not line.startswith("#"):
                print(path(line))


if __name__ == "__main__":
    main()
