"""Read plain-text files into articles: encodings, bad input, stable ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from truceline.errors import InputError
from truceline.models import Article, Warning
from truceline.sources.documents import MAX_BYTES

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def normalise_text(text: str) -> str:
    """The form an article's id is computed from: NFC, unified quotes and whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def article_id(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def decode_bytes(data: bytes, name: str) -> tuple[str, str, list[Warning]]:
    """Decode bytes to text; returns (text, encoding, warnings). Raises InputError."""
    warnings: list[Warning] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, warnings
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but does not decode: {exc.reason}"
                ) from None
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    if sum(b < 128 for b in data[:65536]) >= 0.9 * min(len(data), 65536):
        # mostly ASCII with a few accented letters: English-language copy in Windows-1252 (a superset of
        # Latin-1's letters) is far more likely than the Central-European code pages a detector may guess
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            warnings.append(Warning(code="encoding_guessed", message="not UTF-8; read as cp1252 (guessed)"))
            return text, "cp1252", warnings
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{name}: could not detect the text encoding")
    encoding = best.encoding
    text = str(best)
    warnings.append(Warning(code="encoding_guessed", message=f"not UTF-8; read as {encoding} (guessed)"))
    return text, encoding, warnings


def article_from_text(
    text: str,
    *,
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    encoding: str | None = None,
    warnings: list[Warning] | None = None,
    ref: str | None = None,
) -> Article:
    """Build an article from text already in memory."""
    if not text.strip():
        raise InputError(f"{source or 'text'}: is empty")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = list(warnings or [])
    if published is None:
        found.append(Warning(code="no_publication_date", message="no publication date: relative dates stay unresolved"))
    if title is None:
        first = text.strip().split("\n", 1)[0].strip()
        title = first[:120] if first else None
    return Article(
        id=article_id(text),
        url=url,
        title=title,
        source=source,
        published=published,
        text=text,
        encoding=encoding,
        ref=ref,
        warnings=found,
    )


def read_article(
    path: str | Path,
    *,
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Article:
    """Read one plain-text file. Raises :class:`InputError` with a one-line reason."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{p}: {size:,} bytes is larger than the {MAX_BYTES:,}-byte limit for one article")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{p}: is empty")
    text, encoding, warnings = decode_bytes(data, str(p))
    return article_from_text(
        text,
        published=published,
        url=url,
        title=title,
        source=source,
        ref=str(p),
        encoding=encoding,
        warnings=warnings,
    )
