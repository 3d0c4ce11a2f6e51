"""What the sources stage hands on: a loaded article, or a problem with one input, never both."""

from __future__ import annotations

import datetime as dt
import io
import re
from enum import StrEnum
from typing import IO

from dateutil import parser as date_parser
from pydantic import BaseModel, Field

from truceline.models import Article, Warning

NEAR_JACCARD = 0.7  # word 5-gram Jaccard similarity from which a text is a near copy of another
MAX_BYTES = 5_000_000  # one article (a text, a page, a JSONL line, a CSV field)
MIN_PAGE_WORDS = 25  # fewer words extracted from a web page is page furniture, not an article


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    feed = "feed"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


class Loaded(BaseModel):
    """One document from an input: an article to code, or a problem that stopped it.

    ``ref`` says where it came from: ``path``, ``path#3`` (JSONL line, CSV data row, feed entry).
    """

    ref: str
    article: Article | None = None
    problem: Warning | None = None
    fatal: bool = Field(False, description="An error (nothing stored from this input) rather than a warning.")


def problem(ref: str, code: str, message: str, *, fatal: bool = False) -> Loaded:
    return Loaded(ref=ref, problem=Warning(code=code, message=f"{ref}: {message}"), fatal=fatal)


def parse_date(value: object, *, dayfirst: bool = False) -> dt.date | None:
    """'2026-09-13', '2026-09-13T08:30:00+03:00', 'Sun, 13 Sep 2026 08:30:00 GMT', '13/09/2026'.

    The date is the one written (the publisher's local date), never shifted to UTC. Raises
    ValueError when the value is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", text):  # ISO 8601: year first, whatever dayfirst says
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    try:
        return date_parser.parse(text, dayfirst=dayfirst, fuzzy=False).date()
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(f"not a date: {text[:40]!r}") from exc


def clean_text(text: str) -> str:
    """Paragraphs kept, runs of spaces and blank lines collapsed."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


class PrefixedStream(io.RawIOBase):
    """A byte stream that first returns bytes already read (a sniffed head), then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
