"""Place names folded for lookup: case, diacritics, apostrophes, hyphens, 'St.' for 'Saint', a leading 'the'."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[\u2019\u2018'`\u02bc\u02bb\u2032]")
_SAINT = re.compile(r"\b(?:st|ste)\.?(?=\s)")


def ascii_name(name: str) -> str:
    """The name without diacritics or letter apostrophes ('Ta‘izz' -> 'Taizz', 'Laçın' -> 'Lacin')."""
    text = unicodedata.normalize("NFKD", name.replace("ı", "i").replace("ǝ", "e").replace("ə", "e"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_APOSTROPHES.sub("", text).split())


def fold(name: str) -> str:
    """The lookup key of a place name: 'St. Petersburg' -> 'saint petersburg', 'Sana’a' -> 'sanaa'."""
    text = ascii_name(name).lower().replace("-", " ").replace("\u2013", " ").replace("/", " / ")
    text = _SAINT.sub("saint", text)
    text = re.sub(r"[^\w /]", " ", text)
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text


def latin(name: str) -> bool:
    """Whether a name is written in the Latin alphabet (alternate names in other scripts are left out)."""
    return bool(name) and all(c.isascii() or unicodedata.category(c) in ("Mn", "Zs") for c in ascii_name(name))
