"""Every input a batch names -> loaded articles and problems, one bad document never stopping the rest.

Inputs are files, folders (searched recursively), or ``-`` for standard input. The format comes
from the name (``.txt``, ``.html``/``.htm``, ``.xml``/``.rss``/``.atom``, ``.jsonl``/``.ndjson``,
``.csv``, each optionally ``.gz``) or, failing that, from the first bytes; ``--format`` forces one.
"""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from truceline.errors import InputError
from truceline.sources.documents import MAX_BYTES, InputFormat, Loaded, PrefixedStream, problem
from truceline.sources.feeds import looks_like_feed, read_feed
from truceline.sources.html import article_from_html, looks_like_html
from truceline.sources.reader import article_from_text, decode_bytes
from truceline.sources.tables import Columns, read_csv, read_json, read_jsonl

MAX_FILE_BYTES = 4_000_000_000  # a corpus file (JSONL, CSV) is streamed; past this it is refused


_SUFFIXES = {
    ".txt": InputFormat.text,
    ".text": InputFormat.text,
    "": InputFormat.text,
    ".html": InputFormat.html,
    ".htm": InputFormat.html,
    ".xhtml": InputFormat.html,
    ".xml": InputFormat.feed,
    ".rss": InputFormat.feed,
    ".atom": InputFormat.feed,
    ".jsonl": InputFormat.jsonl,
    ".ndjson": InputFormat.jsonl,
    ".json": InputFormat.json,
    ".csv": InputFormat.csv,
}
_CORPORA = (InputFormat.jsonl, InputFormat.json, InputFormat.csv)
_READERS = {InputFormat.jsonl: read_jsonl, InputFormat.json: read_json, InputFormat.csv: read_csv}


def format_of(path: Path) -> InputFormat | None:
    """The format a file name says, or None (not an input: images, column mappings…)."""
    name = path.name.lower()
    if name.endswith(".columns.json"):
        return None
    suffix = Path(name[:-3]).suffix if name.endswith(".gz") else path.suffix.lower()
    return _SUFFIXES.get(suffix)


def sniff(head: bytes) -> InputFormat:
    stripped = head.lstrip()
    if looks_like_feed(head):
        return InputFormat.feed
    if looks_like_html(head):
        return InputFormat.html
    if stripped.startswith(b"{"):
        return InputFormat.jsonl
    return InputFormat.text


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders searched recursively for the formats above, in name order."""
    for p in paths:
        if str(p) == "-":
            yield p
        elif p.is_dir():
            yield from sorted(x for x in p.rglob("*") if x.is_file() and format_of(x) is not None)
        else:
            yield p


def collect(
    paths: Iterable[Path],
    *,
    fmt: InputFormat = InputFormat.auto,
    columns: Columns | None = None,
    published: date | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Loaded]:
    """Loaded articles and problems from every input, in order."""
    for path in expand(paths):
        if str(path) == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, fmt, columns or Columns(), published)
        else:
            yield from _read_file(path, fmt, columns, published)


def _read_stdin(stream: IO[bytes], fmt: InputFormat, columns: Columns, published: date | None) -> Iterator[Loaded]:
    head = stream.read(4096)
    kind = fmt if fmt is not InputFormat.auto else sniff(head)
    whole = io.BufferedReader(PrefixedStream(head, stream))
    if kind in _CORPORA:
        yield from _READERS[kind](whole, "stdin", columns)
        return
    data = whole.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        yield problem("stdin", "too_large", f"more than the {MAX_BYTES:,}-byte limit for one article", fatal=True)
        return
    yield from _one_document(data, "stdin", kind, published)


def _read_file(path: Path, fmt: InputFormat, columns: Columns | None, published: date | None) -> Iterator[Loaded]:
    name = str(path)
    kind = fmt if fmt is not InputFormat.auto else format_of(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        yield problem(name, "missing", "no such file", fatal=True)
        return
    except OSError as exc:
        yield problem(name, "unreadable", f"cannot be read ({exc.strerror})", fatal=True)
        return
    if size == 0:
        yield problem(name, "empty", "is empty (0 bytes)", fatal=True)
        return
    packed = name.lower().endswith(".gz")
    try:
        stream: IO[bytes] = gzip.open(path, "rb") if packed else path.open("rb")  # closed by the with below
    except OSError as exc:
        yield problem(name, "unreadable", f"cannot be read ({exc.strerror})", fatal=True)
        return
    with stream:
        try:
            head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
        except (OSError, EOFError) as exc:
            yield problem(name, "unreadable", f"is not a readable {'gzip ' if packed else ''}file ({exc})", fatal=True)
            return
        if kind is None:
            kind = sniff(head)
        if kind in _CORPORA:
            if size > MAX_FILE_BYTES:
                yield problem(name, "too_large", f"{size:,} bytes is larger than {MAX_FILE_BYTES:,}", fatal=True)
                return
            mapping = columns if columns is not None else _beside(path)
            yield from _READERS[kind](stream, name, mapping)
            return
        if size > MAX_BYTES and not packed:
            yield problem(
                name,
                "too_large",
                f"{size:,} bytes is larger than the {MAX_BYTES:,}-byte limit for one article "
                "(a corpus belongs in a .jsonl or .csv file)",
                fatal=True,
            )
            return
        try:
            data = stream.read(MAX_BYTES + 1)
        except (OSError, EOFError) as exc:
            yield problem(name, "unreadable", f"cannot be read to its end ({exc}); nothing stored", fatal=True)
            return
    if len(data) > MAX_BYTES:
        yield problem(name, "too_large", f"more than the {MAX_BYTES:,}-byte limit for one article", fatal=True)
        return
    yield from _one_document(data, name, kind, published)


def _beside(path: Path) -> Columns:
    """``export.columns.json`` beside ``export.csv``: the mapping that file's exporter wrote."""
    stem = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    mapping = path.with_name(Path(stem).stem + ".columns.json")
    if not mapping.exists():
        return Columns()
    return Columns.parse(None, mapping).model_copy(update={"fallback": True})


def _one_document(data: bytes, name: str, kind: InputFormat, published: date | None) -> Iterator[Loaded]:
    if not data.strip():
        yield problem(name, "empty", "is empty", fatal=True)
        return
    try:
        if kind is InputFormat.feed:
            yield from read_feed(data, name)
            return
        if kind is InputFormat.html:
            article = article_from_html(data, name, ref=name)
        else:
            text, encoding, warnings = decode_bytes(data, name)
            article = article_from_text(text, published=published, encoding=encoding, warnings=warnings, ref=name)
    except InputError as exc:
        message = str(exc)
        yield problem(
            name, "unreadable", message.split(": ", 1)[-1] if message.startswith(name) else message, fatal=True
        )
        return
    if published is not None and article.published is None:
        article = article.model_copy(update={"published": published})
        article.warnings = [w for w in article.warnings if w.code != "no_publication_date"]
    yield Loaded(ref=name, article=article)
