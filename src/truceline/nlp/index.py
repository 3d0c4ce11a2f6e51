"""Cached look-ups over a parsed Doc: spaCy rebuilds ``doc.ents``, ``doc.sents`` and ``doc.text`` on every
access, which is quadratic when later stages ask for them per token or per record."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

_KEY = "truceline_index"


def _index(doc: Doc) -> dict:
    idx = doc.user_data.get(_KEY)
    if idx is None:
        ents = list(doc.ents)
        sents = list(doc.sents)
        ent_at: dict[int, Span] = {}
        for e in ents:
            for i in range(e.start, e.end):
                ent_at[i] = e
        sent_at: dict[int, Span] = {}
        for s in sents:
            for i in range(s.start, s.end):
                sent_at[i] = s
        idx = {"ents": ents, "sents": sents, "ent_at": ent_at, "sent_at": sent_at, "starts": [e.start for e in ents]}
        doc.user_data[_KEY] = idx
    return idx


def memo(doc: Doc) -> dict:
    """A per-document dict for later stages' own look-ups (read once, shared between stages)."""
    return _index(doc).setdefault("memo", {})


def text_of(doc: Doc) -> str:
    """The document's text, joined once."""
    idx = _index(doc)
    if "text" not in idx:
        idx["text"] = doc.text
    return idx["text"]


def ents(doc: Doc) -> list[Span]:
    return _index(doc)["ents"]


def sents(doc: Doc) -> list[Span]:
    return _index(doc)["sents"]


def ent_of(tok: Token) -> Span | None:
    return _index(tok.doc)["ent_at"].get(tok.i)


def sent_of(tok: Token) -> Span:
    return _index(tok.doc)["sent_at"][tok.i]


def ents_in(span: Span) -> list[Span]:
    idx = _index(span.doc)
    found = []
    for e in idx["ents"][bisect_left(idx["starts"], span.start) :]:  # (entities are in document order)
        if e.start >= span.end:
            break
        if e.end <= span.end:
            found.append(e)
    return found
