"""JSONL and CSV corpora: one article per line or row, with a configurable column mapping.

Columns are found by their usual names (``text``/``body``/``content``, ``url``/``link``,
``title``/``headline``, ``published``/``date``/``pub_date``, ``source``/``outlet``) unless a mapping
says otherwise: ``--columns text=body,published=pub_date`` or a JSON file
(``{"text": "body", "published": "pub_date", "dayfirst": true}``). A file ``NAME.columns.json``
beside ``NAME.csv`` / ``NAME.jsonl`` is used automatically. Bad lines and rows become warnings with
their line number; the rest of the file is still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pydantic import BaseModel, Field

from truceline.errors import InputError
from truceline.sources.documents import MAX_BYTES, Loaded, PrefixedStream, parse_date, problem
from truceline.sources.reader import article_from_text, decode_bytes

MAX_JSON_BYTES = 500_000_000
FIELDS = ("text", "url", "title", "published", "source")
_USUAL = {
    "text": ("text", "body", "content", "article", "full_text", "maintext", "story"),
    "url": ("url", "link", "href", "article_url"),
    "title": ("title", "headline", "heading"),
    "published": ("published", "date", "pub_date", "publish_date", "published_at", "datetime", "timestamp"),
    "source": ("source", "outlet", "publisher", "site", "site_name", "domain", "media"),
}


class Columns(BaseModel):
    """Which column holds what; None means: look for the usual names."""

    text: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    dayfirst: bool = Field(False, description="Read 08/10/2026 as 8 October.")
    fallback: bool = Field(False, description="A mapped column the file lacks falls back to the usual names.")

    @classmethod
    def parse(cls, spec: str | None, file: Path | None = None) -> Columns:
        """From ``text=body,url=link`` and/or a JSON file (the spec wins)."""
        data: dict = {}
        if file is not None:
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise InputError(f"{file}: cannot read the column mapping ({exc})") from None
            if not isinstance(data, dict):
                raise InputError(f"{file}: a column mapping is a JSON object like {{'text': 'body'}}")
        for part in (spec or "").split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            if not sep:
                raise InputError(f"--columns: {part!r} is not FIELD=COLUMN (fields: {', '.join(FIELDS)})")
            data[key.strip()] = value.strip()
        unknown = set(data) - {*FIELDS, "dayfirst", "fallback"}
        if unknown:
            raise InputError(f"column mapping: unknown field(s) {', '.join(sorted(unknown))}; use {', '.join(FIELDS)}")
        return cls.model_validate(data)

    def pick(self, header: list[str]) -> dict[str, str | None]:
        """The column name for each field, from the mapping or the usual names (case-insensitive)."""
        lower = {h.lower().strip(): h for h in header}
        out: dict[str, str | None] = {}
        for name in FIELDS:
            wanted = getattr(self, name)
            if wanted is not None and (wanted.lower() in lower or not self.fallback):
                out[name] = lower.get(wanted.lower())
            else:
                out[name] = next((lower[u] for u in _USUAL[name] if u in lower), None)
        return out


def _record(row: dict, cols: dict[str, str | None], columns: Columns, ref: str) -> Iterator[Loaded]:
    if cols["text"] is None:
        keys = ", ".join(list(row)[:8])
        yield problem(ref, "no_text", f"has no text field (fields: {keys}); map one with --columns text=NAME; skipped")
        return
    text = row.get(cols["text"])
    if not isinstance(text, str) or not text.strip():
        yield problem(ref, "no_text", f"has no text in {cols['text']!r}; skipped")
        return
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        yield problem(ref, "too_large", f"its text is larger than the {MAX_BYTES:,}-byte limit; skipped")
        return
    published = None
    raw = row.get(cols["published"] or "")
    try:
        published = parse_date(raw, dayfirst=columns.dayfirst)
    except ValueError:
        yield problem(ref, "bad_date", f"the date {raw!r} is not a date; stored without one")

    def field(name: str) -> str | None:
        value = row.get(cols[name] or "")
        return str(value).strip() or None if value is not None else None

    try:
        article = article_from_text(
            text, published=published, url=field("url"), title=field("title"), source=field("source"), ref=ref
        )
    except InputError as exc:
        yield problem(ref, "bad_record", str(exc))
        return
    yield Loaded(ref=ref, article=article)


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None, str | None]]:
    """(line number, bytes, problem) for each line, never holding more than one article in memory."""
    n = 0
    while True:
        try:
            line = stream.readline(MAX_BYTES + 1)
        except EOFError:
            yield n + 1, None, "the compressed stream ends early (truncated file); the rest is lost"
            return
        except OSError as exc:
            yield n + 1, None, f"cannot be read further ({exc})"
            return
        if not line:
            return
        n += 1
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of an oversized line
                try:
                    chunk = stream.readline(MAX_BYTES)
                except (EOFError, OSError):
                    chunk = b""
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield n, None, f"line {n} is longer than the {MAX_BYTES:,}-byte limit; skipped"
            continue
        yield n, line, None


def read_jsonl(stream: IO[bytes], name: str, columns: Columns) -> Iterator[Loaded]:
    for n, line, trouble in _lines(stream):
        ref = f"{name}#{n}"
        if trouble is not None:
            yield problem(ref, "bad_line", trouble)
            continue
        assert line is not None
        if not line.strip():
            continue
        try:
            row = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                row = json.loads(decode_bytes(line, ref)[0])
            except (InputError, json.JSONDecodeError) as exc:
                yield problem(ref, "bad_line", f"line {n} is not JSON ({exc}); skipped")
                continue
        except json.JSONDecodeError as exc:
            yield problem(ref, "bad_line", f"line {n} is not JSON ({exc}); skipped")
            continue
        if not isinstance(row, dict):
            yield problem(ref, "bad_line", f"line {n} is JSON but not an object; skipped")
            continue
        yield from _record(row, columns.pick(list(row)), columns, ref)


def read_json(stream: IO[bytes], name: str, columns: Columns) -> Iterator[Loaded]:
    """A JSON file: a list of article objects, or an object holding one under articles / items / data."""
    data = stream.read(MAX_JSON_BYTES + 1)
    if len(data) > MAX_JSON_BYTES:
        yield problem(name, "too_large", f"a JSON file over {MAX_JSON_BYTES:,} bytes; export it as JSONL", fatal=True)
        return
    try:
        doc = json.loads(decode_bytes(data, name)[0])
    except (InputError, json.JSONDecodeError) as exc:
        yield problem(name, "bad_json", f"is not JSON ({exc})", fatal=True)
        return
    if isinstance(doc, dict):
        doc = next((doc[k] for k in ("articles", "items", "data", "records") if isinstance(doc.get(k), list)), doc)
    if not isinstance(doc, list):
        yield problem(name, "not_a_corpus", "is JSON but holds no list of articles; skipped", fatal=True)
        return
    for n, row in enumerate(doc, 1):
        ref = f"{name}#{n}"
        if not isinstance(row, dict):
            yield problem(ref, "bad_record", f"item {n} is not an object; skipped")
            continue
        yield from _record(row, columns.pick(list(row)), columns, ref)


def read_csv(stream: IO[bytes], name: str, columns: Columns) -> Iterator[Loaded]:
    head = stream.read(65536)
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # a character cut at the end of the sample
            encoding = "utf-8"
        else:
            try:
                encoding = decode_bytes(head, name)[1]
            except InputError as err:
                yield problem(name, "bad_csv", str(err).split(": ", 1)[-1], fatal=True)
                return
    rest = io.BufferedReader(PrefixedStream(head, stream))
    text = io.TextIOWrapper(rest, encoding=encoding, errors="replace", newline="")
    csv.field_size_limit(MAX_BYTES)
    reader = csv.reader(text)
    try:
        header = next(reader)
    except StopIteration:
        yield problem(name, "empty", "is empty", fatal=True)
        return
    except (csv.Error, EOFError, OSError) as exc:
        yield problem(name, "bad_csv", f"the header cannot be read ({exc})", fatal=True)
        return
    cols = columns.pick(header)
    if cols["text"] is None:
        wanted = f"the mapped text column {columns.text!r}" if columns.text else "text column"
        yield problem(
            name,
            "no_text_column",
            f"has no {wanted} (columns: {', '.join(header)}); map one with --columns text=NAME; nothing stored",
            fatal=True,
        )
        return
    row_no = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row_no += 1
            yield problem(f"{name}#{row_no}", "bad_row", f"row {row_no} is not valid CSV ({exc}); skipped")
            continue
        except (EOFError, OSError) as exc:
            yield problem(f"{name}#{row_no + 1}", "bad_row", f"the file cannot be read further ({exc})")
            return
        row_no += 1
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            yield problem(
                f"{name}#{row_no}", "bad_row", f"row {row_no} has {len(values)} fields, the header {len(header)}"
            )
        yield from _record(dict(zip(header, values, strict=False)), cols, columns, f"{name}#{row_no}")
