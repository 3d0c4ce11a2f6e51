"""The frame vocabulary (``data/frame/cues.yaml``), validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from truceline.vocab import clean, data_path, fail, load_yaml


@dataclass(frozen=True)
class Cues:
    conflict: frozenset[str]
    conflict_weight: int
    negotiation: frozenset[str]
    negotiation_weight: int
    mediation: frozenset[str]
    hosting: frozenset[str]
    proposals: frozenset[str]
    reciprocal: frozenset[str]
    hyphen_suffixes: frozenset[str]
    side_determiners: frozenset[str]
    side_nouns: frozenset[str]
    side_markers: frozenset[str]
    bare_sides: frozenset[str] = frozenset()  # "signed by the parties": the sides, as a clause's doer
    violent: frozenset[str] = frozenset()  # the conflict cues that are fighting itself (ASSAULT triggers)
    hostile_phrases: frozenset[str] = frozenset()  # "trade fire", "exchange fire": a verb and its object
    weak_mediation: frozenset[str] = frozenset()  # "envoy": a party's negotiators bear the title too


def _words(path: Path, entry: object, key: str) -> frozenset[str]:
    if not isinstance(entry, dict) or not isinstance(entry.get(key), list):
        raise fail(path, entry, f"'{key}' must be a list of words")
    return frozenset(str(w).lower() for w in entry[key])


_HOSTILE = {"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION"}
_TALKS = {"AGREE", "CONSULT"}


def _trigger_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The one-word event triggers of ``data/events/triggers.yaml`` (a shared vocabulary file): hostile
    ones count as conflict cues, deals and talks as negotiation cues; and its two-word verb phrases of
    fighting ("trade fire": ASSAULT), which count as conflict cues said of the verb and its object."""
    raw = clean(load_yaml(data_path("events", "triggers.yaml")))
    hostile: set[str] = set()
    talks: set[str] = set()
    violent: set[str] = set()
    phrases: set[str] = set()
    for section in ("verbs", "nouns"):
        for word, spec in (raw.get(section) or {}).items():
            if not isinstance(spec, dict):
                continue
            if " " in str(word):
                if section == "verbs" and spec.get("type") == "ASSAULT" and len(str(word).split()) == 2:
                    phrases.add(str(word).lower())
                continue
            if spec.get("type") in _HOSTILE:
                hostile.add(str(word).lower())
            if spec.get("type") == "ASSAULT":
                violent.add(str(word).lower())
            elif spec.get("type") in _TALKS:
                talks.add(str(word).lower())
    return frozenset(hostile), frozenset(talks), frozenset(violent), frozenset(phrases)


@lru_cache(maxsize=4)
def cues(path: str | None = None) -> Cues:
    p = Path(path) if path else data_path("frame", "cues.yaml")
    raw = load_yaml(p)
    if not isinstance(raw, dict):
        raise fail(p, raw, "expected a mapping")
    refs = raw.get("side_references")
    conflict, negotiation = raw.get("conflict"), raw.get("negotiation")
    hostile, talks, violent, phrases = _trigger_words()
    out = Cues(
        conflict=_words(p, conflict, "lemmas") | hostile,
        conflict_weight=int(clean(conflict).get("weight", 3)),
        negotiation=_words(p, negotiation, "lemmas") | talks,
        negotiation_weight=int(clean(negotiation).get("weight", 2)),
        mediation=_words(p, raw.get("mediation"), "lemmas"),
        hosting=_words(p, raw.get("hosting"), "lemmas"),
        proposals=frozenset(str(w).lower() for w in raw.get("proposals") or []),
        reciprocal=frozenset(str(w).lower() for w in raw.get("reciprocal") or []),
        hyphen_suffixes=_words(p, raw, "hyphen_suffixes"),
        side_determiners=_words(p, refs, "determiners"),
        side_nouns=_words(p, refs, "nouns"),
        side_markers=_words(p, refs, "markers"),
        bare_sides=frozenset(str(w).lower() for w in clean(refs).get("bare") or []),
        violent=violent,
        hostile_phrases=phrases,
        weak_mediation=frozenset(str(w).lower() for w in clean(raw.get("mediation")).get("weak") or []),
    )
    return out
