"""Match one name against the actor registry: exact alias -> normalised alias -> metonym,
demonym or place of government -> fuzzy (rapidfuzz) -> phonetic (jellyfish NYSIIS on a folded form).

Thresholds were calibrated on tests/data/actors (``python bench/actors_eval.py --sweep``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz, process

from truceline.actors.registry import Registry, RegistryActor, normalise

FUZZY_MIN = 88.0  # rapidfuzz ratio on normalised forms
PHONETIC_MIN = 70.0  # ratio on folded forms, with equal phonetic keys
COUNTRY_TYPO_MIN = 90.0  # untagged capitalised words against one-word country names
_KIND_FOR_LABEL = {
    "PERSON": {"person"},
    "ORG": {"group", "person"},
    "GPE": {"country"},
    "NORP": {"group", "country"},
    "LOC": {"country"},
    "FAC": set(),
}


@dataclass
class _Hit:
    actor: RegistryActor
    method: str
    score: float


def _fold(word: str) -> str:
    """A spelling-insensitive form for phonetic comparison ("Huthi" ~ "Houthi", "Hizbollah" ~ "Hezbollah")."""
    w = word.lower()
    w = re.sub(r"[^a-z]", "", w)
    w = w.replace("th", "t").replace("ph", "f").replace("ck", "k").replace("dh", "d")
    w = re.sub(r"(?<=.)h", "", w)
    w = re.sub(r"(?:y|ie|ee|ey)$", "i", w)
    w = w.replace("oo", "u").replace("ou", "u")
    w = re.sub(r"(.)\1+", r"\1", w)
    if len(w) > 4 and w.endswith("s"):
        w = w[:-1]
    return w


def _phonetic_key(text: str) -> str:
    return " ".join(jellyfish.nysiis(_fold(w)) for w in text.split() if _fold(w))


class _Index:
    """Fuzzy and phonetic indexes over the normalised alias keys of one registry."""

    def __init__(self, reg: Registry) -> None:
        self.keys = [k for k in reg.norm_keys() if len(k) >= 4]
        self.country_keys = [
            k for k in self.keys if " " not in k and any(reg.actors[i].kind == "country" for i in reg.ids_for_key(k))
        ]
        self.phonetic: dict[str, list[str]] = {}
        for key in self.keys:
            self.phonetic.setdefault(_phonetic_key(key), []).append(key)


@lru_cache(maxsize=8)
def _index(reg_id: int, reg: Registry) -> _Index:  # noqa: ARG001 - reg_id keys the cache
    return _Index(reg)


class Resolver:
    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.index = _index(id(reg), reg)

    # ---------------------------------------------------------------- names
    def lookup(self, text: str, label: str | None = None, when: date | None = None) -> list[_Hit]:
        """All candidates for a name, best first (used by ``actors lookup`` too)."""
        clean = re.sub(r"^(?:the|The)\s+", "", text.strip())
        clean = re.sub(r"['\u2019]s?$", "", clean)
        hits: list[_Hit] = []
        exact = self.reg.exact(clean)
        if exact:
            return self._rank([_Hit(self.reg.actors[i], "exact", 1.0) for i in exact], when)
        norm = self.reg.normalised(clean)
        if norm:
            return self._rank([_Hit(self.reg.actors[i], "normalised", 0.97) for i in norm], when)
        if clean.isalpha() and clean[:1].isupper() and len(clean) >= 3 and not clean.isupper():
            upper = self.reg.exact(clean.upper())  # "Nato", "Unrwa": an acronym written as a word
            if upper:
                return self._rank([_Hit(self.reg.actors[i], "normalised", 0.95) for i in upper], when)
        key = normalise(clean)
        if key in self.reg.metonyms:
            country, sector = self.reg.metonyms[key]
            return [_Hit(self.reg.generic(country, sector), "metonym", 0.95)]
        country = demonym_of(self.reg, clean)
        if country and clean[:1].isupper():
            return [_Hit(self.reg.actors[country], "demonym", 0.95)]
        if key in self.reg.places_of_government:
            return [_Hit(self.reg.actors[self.reg.places_of_government[key]], "place", 0.9)]
        allowed = _KIND_FOR_LABEL.get(label or "", {"person", "group", "country"})
        if len(key) >= 4 and allowed:
            for found, score, _ in process.extract(
                key, self.index.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=5
            ):
                for aid in self.reg.ids_for_key(found):
                    actor = self.reg.actors[aid]
                    if actor.kind in allowed:
                        hits.append(_Hit(actor, "fuzzy", round(score / 100 * 0.9, 3)))
            if hits:
                return self._rank(hits, when)
            pkey = _phonetic_key(key)
            folded = " ".join(_fold(w) for w in key.split())
            for cand in self.index.phonetic.get(pkey, []):
                score = fuzz.ratio(folded, " ".join(_fold(w) for w in cand.split()))
                if score < PHONETIC_MIN:
                    continue
                for aid in self.reg.ids_for_key(cand):
                    actor = self.reg.actors[aid]
                    if actor.kind in allowed:
                        hits.append(_Hit(actor, "phonetic", round(score / 100 * 0.8, 3)))
        return self._rank(hits, when)

    def _rank(self, hits: list[_Hit], when: date | None) -> list[_Hit]:
        best: dict[str, _Hit] = {}
        for h in hits:
            if h.actor.id not in best or best[h.actor.id].score < h.score:
                best[h.actor.id] = h

        def key(h: _Hit) -> tuple[float, int]:
            active = any(r.active(when) for r in h.actor.roles) if h.actor.roles else False
            return (h.score, int(active))

        return sorted(best.values(), key=key, reverse=True)

    def country_typo(self, text: str) -> RegistryActor | None:
        """A country name with one letter wrong, for capitalised words NER did not tag."""
        key = normalise(text)
        found = process.extractOne(key, self.index.country_keys, scorer=fuzz.ratio, score_cutoff=COUNTRY_TYPO_MIN)
        if found is None:
            return None
        ids = [i for i in self.reg.ids_for_key(found[0]) if self.reg.actors[i].kind == "country"]
        return self.reg.actors[ids[0]] if len(ids) == 1 else None

    # ---------------------------------------------------------------- roles
    def role_reference(self, where: dict, spec: dict, when: date | None) -> RegistryActor | None:
        """The one person holding the office a title names, for a country or organisation, on a date."""
        tries = []
        if spec.get("title"):
            tries.append({"title": spec["title"]})
        if spec.get("office"):
            tries.append({"office": spec["office"]})
        if spec.get("leader") or not tries:
            tries.append({"leader": True})
        for extra in tries:
            holders = self.reg.role_holders(**where, **extra, when=when)
            if len(holders) == 1:
                return holders[0]
            if len(holders) > 1:
                return None
        return None


def demonym_of(reg: Registry, text: str) -> str | None:
    """'Israeli', 'Israelis', 'Palestinians' -> the country code ('US' only as written)."""
    for form in (text, normalise(text)) if len(text) > 3 else (text,):
        if form in reg.demonyms:
            return reg.demonyms[form]
        if len(form) > 4 and form.endswith("s") and form[:-1] in reg.demonyms:
            return reg.demonyms[form[:-1]]
    return None
