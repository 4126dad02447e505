"""Runs the queries of bench/queries.txt through a Xapian database built by
bench/xapian_index.py, in one process, as `arkiv bench` does: one warm-up pass, then PASSES
timed passes; each search parses the query, ranks, and makes a snippet for every hit shown.
The last line is "p50_ms=… p95_ms=… p99_ms=…".

Xapian has no entities or dates, so a --person/--place/--org value becomes a required phrase
in the text, and --sort, --lang, --from and --to are left out; --limit and --offset are kept.

    /usr/bin/python3 bench/xapian_search.py DATABASE QUERIES [PASSES]
"""

import json
import math
import shlex
import sys
import time

import xapian

FLAGS = (
    xapian.QueryParser.FLAG_PHRASE
    | xapian.QueryParser.FLAG_BOOLEAN
    | xapian.QueryParser.FLAG_LOVEHATE
    | xapian.QueryParser.FLAG_PURE_NOT
)


def split_options(line):
    """The query as typed and its options: options start at the first ' --' outside quotes."""
    quoted = False
    previous = " "
    for at, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif not quoted and previous.isspace() and line.startswith("--", at):
            return line[:at].strip(), shlex.split(line[at:])
        previous = char
    return line.strip(), []


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            text, options = split_options(line)
            names, limit, offset = [], 10, 0
            for flag, value in zip(options[::2], options[1::2]):
                if flag in ("--person", "--place", "--org"):
                    names.append('"%s"' % value)
                elif flag == "--limit":
                    limit = int(value)
                elif flag == "--offset":
                    offset = int(value)
            queries.append((line, " ".join([text] + names).strip(), limit, offset))
    return queries


def main(database, queries_path, passes=5):
    db = xapian.Database(database)
    stemmer = xapian.Stem("norwegian")
    parser = xapian.QueryParser()
    parser.set_stemmer(stemmer)
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_default_op(xapian.Query.OP_AND)
    parser.set_database(db)
    parser.add_prefix("title", "S")
    enquire = xapian.Enquire(db)
    queries = read_queries(queries_path)

    def search(text, limit, offset):
        enquire.set_query(parser.parse_query(text, FLAGS))
        mset = enquire.get_mset(offset, limit)
        snippets = []
        for match in mset:
            article = json.loads(match.document.get_data())
            snippets.append(mset.snippet(article["body"], 220, stemmer))
        return mset.get_matches_estimated(), snippets

    hits = sum(len(search(text, limit, offset)[1]) for _, text, limit, offset in queries)
    times = []
    for _ in range(passes):
        for _, text, limit, offset in queries:
            started = time.perf_counter()
            search(text, limit, offset)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()

    def percentile(p):
        return times[max(1, math.ceil(p / 100 * len(times))) - 1]

    print("%d queries x %d passes = %d searches; %d hits shown per pass; mean %.3f ms, max %.3f ms"
          % (len(queries), passes, len(times), hits, sum(times) / len(times), times[-1]))
    print("p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f" % (percentile(50), percentile(95), percentile(99)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
