"""Indexes JSON lines of {"title", "body"} into a Xapian database: the Xapian peer of
bench/speed.sh. Norwegian stemmer, title and body as free text (the title also under the
prefix S, for title: queries), and the article stored as the document data so that search
can show a snippet, as arkiv does.

    /usr/bin/python3 bench/xapian_index.py DATABASE ARTICLES.jsonl
"""

import json
import sys

import xapian


def main(database, articles):
    db = xapian.WritableDatabase(database, xapian.DB_CREATE_OR_OPEN)
    terms = xapian.TermGenerator()
    terms.set_stemmer(xapian.Stem("norwegian"))
    with open(articles, encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            doc = xapian.Document()
            terms.set_document(doc)
            terms.index_text(article["title"], 1, "S")
            terms.index_text(article["title"])
            terms.increase_termpos()
            terms.index_text(article["body"])
            doc.set_data(line)
            db.add_document(doc)
    db.commit()
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
