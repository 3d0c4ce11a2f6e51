"""Toponym resolution: which place a name stands for, given the article it is in.

Candidates come from the place table by folded name and alternate names (case, diacritics,
apostrophes, "St." for "Saint", an Arabic article, "X province" for X), then from a bounded fuzzy
match among the article's countries ("Kiwandja" for "Kiwanja"). They are ranked by:

* the countries of the article (its frame's sides and the countries it names), strongest;
* nearness to the places already resolved in the article;
* population and kind: a country before a province of the same name, a province before a village;
* cue words: "the city / town / port of X" asks for a town, "X province / oblast / state" for a
  division.

A village of under 15,000 people is only taken in one of the article's countries, or after a cue
word: the world has a village for most words a tagger may call a place.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from truceline.gazetteer import gazetteer
from truceline.places.fold import fold
from truceline.places.table import TablePlace, english_country, km, place_table

FUZZY_MIN = 88  # rapidfuzz ratio for a spelling variant within the article's countries
SMALL_TOWN = 15_000
NEAR_KM = 250
_TRAILING = re.compile(
    r"\s+(?:oblast|province|governorate|region|state|district|prefecture|county|territory|department|krai|"
    r"refugee camp|camp|city)$"
)


@dataclass
class GeoContext:
    """What the article tells about where it is: its countries (with weights) and the places resolved so far."""

    countries: Counter = field(default_factory=Counter)
    anchors: list[TablePlace] = field(default_factory=list)
    _memo: dict[tuple[str, str | None, str | None], TablePlace | None] = field(default_factory=dict)

    def top_countries(self) -> set[str]:
        if not self.countries:
            return set()
        best = max(self.countries.values())
        return {c for c, w in self.countries.items() if w >= best * 0.2}

    def anchor(self, place: TablePlace) -> None:
        if place.lat is not None and place.kind in ("city", "facility") and place not in self.anchors:
            self.anchors.append(place)


def country_place(iso3: str, name: str | None = None) -> TablePlace:
    return TablePlace(
        id=0,
        name=name or english_country(iso3) or iso3,
        kind="country",
        country=iso3,
        admin1=None,
        admin2=None,
        lat=None,
        lon=None,
        population=0,
        geonames_id=None,
        curated=True,
    )


@lru_cache(maxsize=20000)
def candidates(text: str) -> tuple[list[TablePlace], str | None]:
    """Places a name may stand for, and the kind its own words ask for ("Idlib province": a division)."""
    key = fold(text)
    if not key or len(key) < 2:
        return [], None
    asked = None
    keys = [key]
    m = _TRAILING.search(key)
    if m:
        word = m.group(0).strip().split()[-1]
        asked = "town" if word in ("camp", "city") else "division"
        keys.append(key[: m.start()])
    if "/" in key:
        keys += [k.strip() for k in key.split("/") if k.strip()]  # "Yuzhny/Pivdennyi"
    found: list[TablePlace] = []
    g = gazetteer().lookup(text)
    if g is not None and g.kind == "country" and g.country:
        found.append(country_place(g.country, g.name))
    table = place_table()
    seen = {p.id for p in found}
    for k in keys:
        for p in table.by_key(k):
            if p.id not in seen:
                seen.add(p.id)
                found.append(p)
    return found, asked


def _score(
    p: TablePlace, ctx: GeoContext, asked: str | None, top: set[str], prefer: str | None, key: str = ""
) -> float:
    if p.kind == "country":
        s = 10.0
    elif p.curated:
        # a sea or a region across countries has no country for the article's to vote for: it scores as
        # one of them would ("the Middle East" is no village of Maryland in a story about Washington)
        s = 8.0 if p.country else 12.0
    else:
        s = math.log10(p.population + 10) + (0.5 if p.own_name else -1.0)
        s += fuzz.ratio(key, fold(p.name)) / 100  # "Sloviansk" is Slovyansk, not Nikopol (which lists it too)
        if p.kind == "admin1":
            s = 7.0  # a province before a foreign town of its name (a capital of its name: see resolve)
        elif p.kind == "admin2":
            s = 5.0  # a district after a town of its name, unless the text asks for a division
    if prefer and p.country == prefer:
        s += 5.0  # "Kunming, Yunnan Province", "Doha, Qatar"
    if p.country in top:
        s += 4.0
    elif p.country and ctx.countries.get(p.country):
        s += 2.0
    if ctx.anchors and p.lat is not None:
        if min(km(p.lat, p.lon, a.lat, a.lon) for a in ctx.anchors if a.lat is not None) < NEAR_KM:
            s += 2.0
    if asked == "division":
        s += 4.0 if p.kind in ("admin1", "admin2", "region", "territory") else -2.0
    elif asked == "town":
        s += 3.0 if p.kind in ("city", "facility") else -3.0
    return s


def _admissible(p: TablePlace, ctx: GeoContext, asked: str | None, top: set[str]) -> bool:
    if p.kind != "city" or p.curated or p.population >= SMALL_TOWN:
        return True
    return p.country in top or bool(ctx.countries.get(p.country or "")) or asked == "town"


def resolve(text: str, ctx: GeoContext, cue: str | None = None, prefer: str | None = None) -> TablePlace | None:
    """The place a name in this article stands for; ``cue`` is 'town' or 'division' when the words
    around the name say which ("the town of X", "X province"); ``prefer`` a country that the text
    says contains it."""
    memo_key = (text, cue, prefer)
    if memo_key in ctx._memo:
        return ctx._memo[memo_key]
    found, asked = candidates(text)
    found = list(found)
    asked = asked or cue
    top = ctx.top_countries()
    found = [p for p in found if _admissible(p, ctx, asked, top)]
    if not found:
        found = _fuzzy(fold(text), top)
    key = fold(text)
    best = max(found, key=lambda p: _score(p, ctx, asked, top, prefer, key), default=None)
    if best is not None and best.kind in ("admin1", "admin2") and asked != "division":
        # a province named like its capital ("Sumy", "Geneva", "Kherson"): the capital, unless the text asks
        capital = [p for p in found if p.kind == "city" and p.country == best.country and p.own_name]
        if capital:
            best = max(capital, key=lambda p: p.population)
    ctx._memo[memo_key] = best
    return best


def _fuzzy(key: str, top: set[str]) -> list[TablePlace]:
    if len(key) < 6 or not top:
        return []
    return list(_fuzzy_in(key, tuple(sorted(top))))


@lru_cache(maxsize=20000)
def _fuzzy_in(key: str, top: tuple[str, ...]) -> tuple[TablePlace, ...]:
    scored = [(fuzz.ratio(key, k), p) for k, p in place_table().keys_near(key, top)]
    scored = [(r, p) for r, p in scored if r >= FUZZY_MIN]
    if not scored:
        return ()
    best = max(r for r, _ in scored)
    return tuple(p for r, p in scored if r == best)
