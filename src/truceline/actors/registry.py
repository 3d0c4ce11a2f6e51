"""The actor registry: countries (from pycountry), people, groups and generic forms.

Built-in data lives in ``truceline/data/actors/*.yaml``; users add files in the same format
(``--actors FILE`` or ``TRUCELINE_ACTORS``). Every file is validated and a mistake is reported
with its file and line; a bad user file never breaks the built-in registry.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from truceline.vocab import clean, data_path, fail, load_yaml

SECTORS = {
    "GOV",
    "MIL",
    "REB",
    "LEG",
    "JUD",
    "IGO",
    "NGO",
    "MED",
    "CVL",
    "BUS",
    "COP",
    "PRM",
    "PTY",
    "SPY",
    "UAF",
    "UNK",
    "AGR",
    "CRM",
    "EDU",
    "ELI",
    "JRN",
    "LAB",
    "REF",
    "OPP",
    "PRE",
    "REL",
    "SOC",
}
OFFICES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "army_chief",
    "chief_negotiator",
    "group_leader",
    "igo_head",
    "other",
}
BUILTIN_FILES = ("countries.yaml", "people.yaml", "people_archive.yaml", "groups.yaml", "sectors.yaml", "titles.yaml")
_ARABIC_ARTICLE = re.compile(r"\b(?:al|el|ar|as|ad|an|ash|at|az)[- ](?=\w)")


def is_acronym(text: str) -> bool:
    """'AU', 'SDF', 'M23', 'U.N.': short all-capital names that ordinary text also uses."""
    core = text.replace(".", "").replace("-", "")
    return core.isupper() and len(core) <= 5


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Fold case, diacritics, apostrophes, hyphens and common transliteration variants (a pure function of
    the text, cached: the same names recur across an article and a batch)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"^the\s+", "", text)
    text = _ARABIC_ARTICLE.sub("", text)
    text = text.replace("'", "").replace(".", "")
    text = re.sub(r"[-\u2010-\u2015_/]", " ", text)
    # transliteration variants: Zelenskiy/Zelenskyy -> zelensky, Kiev/Kyiv kept apart (aliases)
    text = re.sub(r"(?:iy|yy|ii)\b", "y", text)
    text = re.sub(r"kh", "h", text)
    text = re.sub(r"([a-z])\1", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Role:
    country: str | None
    sector: str
    title: str
    office: str
    start: date | None
    end: date | None
    leader: bool = False
    org: str | None = None

    def active(self, when: date | None) -> bool:
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass
class RegistryActor:
    id: str
    name: str
    kind: str  # country, person, group, generic
    country: str | None
    sector: str | None
    qid: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    source: str = "builtin"

    def at(self, when: date | None) -> tuple[str | None, str | None]:
        """Country and sector of the actor on a date (people take them from their roles)."""
        if not self.roles:
            return self.country, self.sector
        active = [r for r in self.roles if r.active(when)]
        if active:
            best = sorted(active, key=lambda r: (not r.leader, r.start or date.min))[0]
            return best.country or self.country, best.sector
        last = max(self.roles, key=lambda r: r.end or date.max)
        if when is not None and last.start is not None and when < last.start:
            return last.country or self.country, None
        return last.country or self.country, "ELI"

    def org_at(self, when: date | None) -> str | None:
        """The organisation (registry id) a person acts for on a date: 'un' for the UN's envoy to Yemen."""
        active = [r for r in self.roles if r.active(when) and r.org]
        return sorted(active, key=lambda r: (not r.leader, r.start or date.min))[0].org if active else None


def _date(value: Any, path: Path, entry: Any, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise fail(path, entry, f"{name} {value!r} is not a date (YYYY-MM-DD)") from None


class Registry:
    """All actors with their alias indexes."""

    def __init__(self) -> None:
        self.actors: dict[str, RegistryActor] = {}
        self.demonyms: dict[str, str] = {}
        self.metonyms: dict[str, tuple[str, str]] = {}
        self.sector_nouns: dict[str, str] = {}
        self.places_of_government: dict[str, str] = {}
        # self-proclaimed states inside a country: their authorities and forces are that country's rebels
        self.breakaway: dict[str, str] = {}
        # head nouns that make a capitalised name an organisation of a sector ("Corporation" BUS)
        self.org_nouns: dict[str, str] = {}
        self.files: list[str] = []
        self._metonym_names: set[str] = set()
        self.titles: dict[str, dict] = {}
        # (alias, id) pairs listed in a data file, not generated from pycountry
        self.curated: set[tuple[str, str]] = set()
        # country names that are also common words: resolved only with context
        self.homographs: set[str] = set()
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._norm: dict[str, set[str]] = defaultdict(set)

    # ---------------------------------------------------------------- building
    def add(self, actor: RegistryActor, *, replace: bool = False) -> None:
        if actor.id in self.actors and not replace:
            raise ValueError(f"duplicate actor id {actor.id!r}")
        self.actors[actor.id] = actor
        for alias in {actor.name, *actor.aliases}:
            self.add_alias(alias, actor.id)
            base = re.match(r"^(.*\S)\s+\([^)]*\)$", alias)
            if base:  # "National Liberation Army (Colombia)": news writes the name without the qualifier
                self.add_alias(base.group(1), actor.id)

    def add_alias(self, alias: str, actor_id: str) -> None:
        self._exact[alias].add(actor_id)
        if is_acronym(alias):
            return  # acronyms ("AU", "SANA", "IS") match exactly, never through normalisation
        key = normalise(alias)
        if key:
            self._norm[key].add(actor_id)

    def generic(self, country: str, sector: str) -> RegistryActor:
        """The generic actor for a country's sector ("Russian troops" -> RUS-MIL)."""
        aid = f"{country}-{sector}"
        actor = self.actors.get(aid)
        if actor is None:
            base = self.actors.get(country)
            name = f"{base.name if base else country} ({sector})"
            actor = RegistryActor(aid, name, "generic", country, sector)
            self.actors[aid] = actor
        return actor

    # ---------------------------------------------------------------- queries
    def exact(self, text: str) -> set[str]:
        """Ids with this exact alias; where several share it, those whose data file lists it win
        ("Congo" is listed for the DR Congo; pycountry also names the Republic of the Congo so)."""
        ids = set(self._exact.get(text, ()))
        if len(ids) > 1:
            listed = {i for i in ids if (text, i) in self.curated}
            return listed or ids
        return ids

    def normalised(self, text: str) -> set[str]:
        return set(self._norm.get(normalise(text), ()))

    def norm_keys(self) -> list[str]:
        return list(self._norm)

    def ids_for_key(self, key: str) -> set[str]:
        return set(self._norm.get(key, ()))

    def role_holders(
        self,
        *,
        country: str | None = None,
        org: str | None = None,
        title: str | None = None,
        office: str | None = None,
        leader: bool = False,
        when: date | None = None,
    ) -> list[RegistryActor]:
        """People holding a role on a date (all current holders when the date is unknown)."""
        found = []
        for actor in self.actors.values():
            if actor.kind != "person":
                continue  # a group's roles date its sector; nobody holds them as an office
            for role in actor.roles:
                if country and role.country != country:
                    continue
                if org and role.org != org:
                    continue
                if leader and not role.leader:
                    continue
                if title and role.title != title:
                    continue
                if office and role.office != office:
                    continue
                if role.active(when):
                    found.append(actor)
                    break
        return found

    def as_rows(self) -> list[dict]:
        """Every registry actor as a plain row for the store."""
        rows = []
        for a in self.actors.values():
            roles = [
                {
                    "country": r.country,
                    "org": r.org,
                    "sector": r.sector,
                    "title": r.title,
                    "office": r.office,
                    "leader": r.leader,
                    "start": r.start.isoformat() if r.start else None,
                    "end": r.end.isoformat() if r.end else None,
                }
                for r in a.roles
            ]
            rows.append(
                {
                    "id": a.id,
                    "name": a.name,
                    "country": a.country,
                    "sector": a.sector,
                    "kind": a.kind,
                    "qid": a.qid,
                    "aliases": sorted(set(a.aliases)),
                    "roles": roles,
                    "origin": a.source,
                }
            )
        return rows

    def entity_patterns(self) -> list[dict[str, str]]:
        """Entity-ruler patterns for names the small model mislabels."""
        pats = []
        for actor in self.actors.values():
            label = {"person": "PERSON", "group": "ORG"}.get(actor.kind)
            if label is None:
                continue
            for alias in {actor.name, *actor.aliases}:
                if len(alias) >= 3 and alias[:1].isupper() and not is_acronym(alias):
                    pats.append({"label": label, "pattern": alias})
                    if "'" in alias:  # news text writes the typographic apostrophe: "People’s"
                        pats.append({"label": label, "pattern": alias.replace("'", "\u2019")})
        for name in sorted(self._metonym_names):
            pats.append({"label": "ORG", "pattern": name})
        return pats


# -------------------------------------------------------------------- loading
def _countries(reg: Registry) -> None:
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        aliases = {c.name, name, c.alpha_3}
        if getattr(c, "official_name", None):
            aliases.add(c.official_name)
        reg.add(RegistryActor(c.alpha_3, name, "country", c.alpha_3, None, aliases=sorted(aliases - {name})))
    if "XKX" not in reg.actors:
        reg.add(RegistryActor("XKX", "Kosovo", "country", "XKX", None, aliases=["Kosovo"]))


def _load_countries(reg: Registry, path: Path, data: dict) -> None:
    for code, entry in (data.get("countries") or {}).items():
        if code == "__line__":
            continue
        if not isinstance(entry, dict):
            raise fail(path, data.get("countries"), f"country {code!r} must be a mapping")
        actor = reg.actors.get(code)
        if actor is None or actor.kind != "country":
            raise fail(path, entry, f"unknown country code {code!r} (ISO 3166-1 alpha-3 expected)")
        e = clean(entry)
        aliases = [str(a) for a in e.get("aliases") or []]
        display = e.get("name") or (aliases[0] if aliases else None)
        if display and display != actor.name:
            actor.aliases.append(actor.name)
            actor.name = str(display)
        for alias in aliases:
            reg.curated.add((alias, code))
            if str(alias) not in actor.aliases and str(alias) != actor.name:
                actor.aliases.append(str(alias))
            reg.add_alias(str(alias), code)
        for dem in e.get("demonyms") or []:
            reg.demonyms.setdefault(normalise(str(dem)), code)
            reg.demonyms.setdefault(str(dem), code)
        for name, sector in (e.get("metonyms") or {}).items():
            if sector not in SECTORS:
                raise fail(path, entry, f"metonym {name!r}: unknown sector {sector!r}")
            reg.metonyms[normalise(str(name))] = (code, sector)
            reg._metonym_names.add(str(name))


def _roles(path: Path, entry: dict, raw_roles: Any) -> list[Role]:
    roles = []
    for raw in raw_roles or []:
        if not isinstance(raw, dict):
            raise fail(path, entry, "each role must be a mapping")
        sector = raw.get("sector")
        if sector not in SECTORS:
            raise fail(path, raw, f"unknown sector {sector!r}")
        office = raw.get("office", "other")
        if office not in OFFICES:
            raise fail(path, raw, f"unknown office {office!r}")
        country = raw.get("country")
        if country is not None and pycountry.countries.get(alpha_3=str(country)) is None and country != "XKX":
            raise fail(path, raw, f"unknown country code {country!r}")
        start = _date(raw.get("start"), path, raw, "start")
        end = _date(raw.get("end"), path, raw, "end")
        if start and end and end < start:
            raise fail(path, raw, f"role ends ({end}) before it starts ({start})")
        roles.append(
            Role(
                country,
                sector,
                str(raw.get("title", office)).lower(),
                office,
                start,
                end,
                bool(raw.get("leader", False)),
                raw.get("org"),
            )
        )
    for i, a in enumerate(roles):
        for b in roles[i + 1 :]:
            same = (a.office, a.title, a.country, a.org) == (b.office, b.title, b.country, b.org)
            if same and (a.start or date.min) < (b.end or date.max) and (b.start or date.min) < (a.end or date.max):
                raise fail(
                    path, entry, f"overlapping tenures as {a.office} ({a.start}..{a.end} and {b.start}..{b.end})"
                )
    return roles


def _load_people_groups(reg: Registry, path: Path, data: dict, source: str) -> None:
    for key, kind in (("people", "person"), ("groups", "group")):
        for entry in data.get(key) or []:
            if not isinstance(entry, dict):
                raise fail(path, None, f"each entry under {key} must be a mapping")
            aid, name = entry.get("id"), entry.get("name")
            if not aid or not name:
                raise fail(path, entry, "an actor needs id and name")
            aid = str(aid)
            if aid in reg.actors:
                raise fail(path, entry, f"duplicate actor id {aid!r}")
            sector = entry.get("sector")
            if sector is not None and sector not in SECTORS:
                raise fail(path, entry, f"unknown sector {sector!r}")
            country = entry.get("country")
            if country is not None and country not in reg.actors:
                raise fail(path, entry, f"unknown country code {country!r}")
            roles = _roles(path, entry, entry.get("roles"))
            aliases = [str(a) for a in (entry.get("aliases") or [])]
            if kind == "person" and not country and roles:
                country = next((r.country for r in roles if r.country), None)
            if kind == "person" and not sector and roles:
                sector = roles[-1].sector
            reg.add(RegistryActor(aid, str(name), kind, country, sector, entry.get("qid"), aliases, roles, source))


def _load_sectors(reg: Registry, path: Path, data: dict) -> None:
    for sector, entry in (data.get("sectors") or {}).items():
        if sector == "__line__":
            continue
        if sector not in SECTORS:
            raise fail(path, entry, f"unknown sector {sector!r}")
        for noun in (clean(entry) or {}).get("nouns") or []:
            reg.sector_nouns[str(noun).lower()] = sector
    for name, code in clean(data.get("places_of_government") or {}).items():
        reg.places_of_government[normalise(str(name))] = str(code)
    for name, code in clean(data.get("breakaway_regions") or {}).items():
        if str(code) not in reg.actors:
            raise fail(path, data.get("breakaway_regions"), f"breakaway region {name!r}: unknown country {code!r}")
        reg.breakaway[normalise(str(name))] = str(code)
    for sector, nouns in clean(data.get("organisations") or {}).items():
        if sector not in SECTORS:
            raise fail(path, data.get("organisations"), f"organisations: unknown sector {sector!r}")
        for noun in nouns or []:
            reg.org_nouns[str(noun).lower()] = str(sector)


def _load_titles(reg: Registry, path: Path, data: dict) -> None:
    for phrase, entry in (data.get("titles") or {}).items():
        if phrase == "__line__":
            continue
        spec = clean(entry) or {}
        if spec.get("office") is not None and spec["office"] not in OFFICES:
            raise fail(path, entry, f"title {phrase!r}: unknown office {spec['office']!r}")
        reg.titles[str(phrase).lower()] = spec


def load_file(reg: Registry, path: Path, source: str) -> None:
    data = load_yaml(path)
    if data.get("version") not in (1, "1"):
        raise fail(path, data, "missing or unsupported `version` (expected 1)")
    known = {
        "version",
        "countries",
        "people",
        "groups",
        "sectors",
        "places_of_government",
        "breakaway_regions",
        "organisations",
        "titles",
        "homographs",
        "__line__",
    }
    extra = set(data) - known
    if extra:
        raise fail(path, data, f"unknown top-level keys: {', '.join(sorted(map(str, extra)))}")
    _load_countries(reg, path, data)
    _load_people_groups(reg, path, data, source)
    _load_sectors(reg, path, data)
    _load_titles(reg, path, data)
    reg.homographs |= {str(w).lower() for w in clean(data.get("homographs") or [])}
    reg.files.append(str(path))


def build_registry(extra: Iterable[str | Path] = ()) -> Registry:
    """The built-in registry plus the users' files. Raises DataFileError on a bad user file."""
    reg = Registry()
    _countries(reg)
    for name in BUILTIN_FILES:
        path = data_path("actors", name)
        if path.exists():
            load_file(reg, path, "builtin")
    for path in extra:
        load_file(reg, Path(path), str(path))
    return reg


def user_files_from_env() -> list[str]:
    value = os.environ.get("TRUCELINE_ACTORS", "")
    return [p for p in value.split(os.pathsep) if p]


@lru_cache(maxsize=8)
def registry(extra: tuple[str, ...] = ()) -> Registry:
    """The process-wide registry for a set of user files (built once)."""
    return build_registry(extra)
