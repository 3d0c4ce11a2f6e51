"""The reporting vocabulary (``data/statements/verbs.yaml``), validated on load and extensible."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from truceline.vocab import clean, data_path, fail, load_yaml

_SECTIONS = ("verbs", "not_sources")


@dataclass(frozen=True)
class StatementVocabulary:
    """Lemmas of reporting verbs, and nouns that are no speaker after "according to"."""

    verbs: frozenset[str]
    not_sources: frozenset[str]


def _words(path: Path, data: dict[str, Any], section: str) -> set[str]:
    """One section of a vocabulary file as lower-case words; anything but a list of words is an error."""
    value = clean(data.get(section)) or []
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise fail(path, data, f"{section!r} must be a list of words")
    return {w.strip().lower() for w in value}


def load_vocabulary(*extra: str | Path) -> StatementVocabulary:
    """The shipped ``verbs.yaml`` plus each user file of the same shape, whose words are added.

    Example: a file with ``verbs: [brief]`` makes "the envoy briefed that ..." reported speech.
    """
    words: dict[str, set[str]] = {section: set() for section in _SECTIONS}
    for path in (data_path("statements", "verbs.yaml"), *map(Path, extra)):
        data = load_yaml(path)
        unknown = set(clean(data)) - {"version", *_SECTIONS}
        if unknown:
            raise fail(path, data, f"unknown section {sorted(unknown)[0]!r} (expected {', '.join(_SECTIONS)})")
        for section in _SECTIONS:
            words[section] |= _words(Path(path), data, section)
    return StatementVocabulary(frozenset(words["verbs"]), frozenset(words["not_sources"]))


@lru_cache(maxsize=1)
def vocabulary() -> StatementVocabulary:
    """The shipped vocabulary, loaded once per process."""
    return load_vocabulary()
