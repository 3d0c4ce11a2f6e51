"""Quotation marks in the raw text: where each quotation opens and closes.

Quotations are paired within one paragraph (a line of the text): “…” and «…» by their own marks,
straight "…" by the next straight mark (a curly closing mark also closes it, for sloppy text). A
closing mark with no opening one is ignored; a quotation still open at the end of its paragraph
ends there, unless another one opens first, which drops it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSERS = {"“": '”"', "«": "»", '"': '"”'}
_PARAGRAPH = re.compile(r"[^\n]+")
# what is trimmed from the inside of a quotation: spaces, and the comma or colon before the attribution
_TRIM_END = " \t\r,;:"


@dataclass(frozen=True)
class Quotation:
    """One quotation: its marks' offsets and the offsets of the text inside them (trimmed)."""

    open: int
    close: int | None  # None: never closed, ended at the end of its paragraph
    start: int
    end: int

    @property
    def outer_end(self) -> int:
        """End of the quotation including its closing mark."""
        return self.close + 1 if self.close is not None else self.end

    def contains(self, char: int) -> bool:
        return self.open <= char < self.outer_end


def _inner(text: str, open_: int, close: int | None, stop: int) -> Quotation | None:
    """The quotation from the mark at ``open_`` to ``close`` (or ``stop``), or None if nothing is inside."""
    start, end = open_ + 1, close if close is not None else stop
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return Quotation(open_, close, start, end) if end > start else None


def _paragraph(text: str, lo: int, hi: int) -> list[Quotation]:
    """Pair the quotation marks of one paragraph ``text[lo:hi]``."""
    found: list[Quotation] = []
    opened: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if opened is None:
            if ch in _CLOSERS:
                opened = i
        elif ch in _CLOSERS[text[opened]]:
            q = _inner(text, opened, i, hi)
            if q is not None:
                found.append(q)
            opened = None
        elif ch in _CLOSERS:  # a new opening mark before the last one closed: drop the unclosed one
            opened = i
    if opened is not None:
        q = _inner(text, opened, None, hi)
        if q is not None:
            found.append(q)
    return found


def quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, in order.

    Example: ``“We will not withdraw,” he said.`` gives one quotation whose inside is
    ``We will not withdraw`` (the comma before the attribution is trimmed).
    """
    found: list[Quotation] = []
    for para in _PARAGRAPH.finditer(text):
        if any(mark in para.group() for mark in _CLOSERS):
            found.extend(_paragraph(text, para.start(), para.end()))
    return found
