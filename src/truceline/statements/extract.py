"""Statements stage: quoted and reported speech -> ``models.Statement`` records.

Rules, tried in this order (a span yields one statement, the first rule to claim it wins):

* ``statement:reported`` — a reporting verb with a clausal complement: "The spokesman said that
  Kyiv had violated the truce" (quote: "Kyiv had violated the truce"), or the complement first:
  "Russian forces shelled Kharkiv overnight, the general staff said". A quotation inside the
  complement makes it ``mixed`` ("said the strike was "a clear violation""); a quotation that is
  the whole complement makes it a direct quote (below).
* ``statement:direct-after`` / ``statement:direct-before`` — a quotation attributed by a reporting
  verb after it (""…," the minister said", ""…" said X") or before it ("X said: "…""), in the same
  sentence, across the sentences a long quotation spans, or in the adjacent sentence ("He said:" +
  a quotation in the next one; a quotation + "he added." split off by the parser).
* ``statement:direct-continued`` — a quotation that is a sentence of its own, right after a quoted
  sentence in the same paragraph, takes that quotation's speaker and verb ('"…," he said. "But …"').
* ``statement:according-to`` — "According to the Sudanese army, the RSF attacked El Fasher": the
  speaker is the object of "according to", the quote the rest of its clause.

Nothing is made of a reporting verb without a complement or a quotation ("claimed responsibility"),
of "said" as an adjective ("the said agreement"), of questions ("Did Putin say he would stop?"), or
of a quotation no reporting verb attributes (scare quotes: the so-called "buffer zone").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from truceline.actors import ActorResolution
from truceline.models import Event, Statement
from truceline.nlp.index import sent_of, sents, text_of
from truceline.statements.quotes import Quotation, quotations
from truceline.statements.speaker import phrase_text, speaker_actor, subject_of
from truceline.statements.vocabulary import StatementVocabulary, vocabulary

# a quotation of at most this many words needs a reporting verb right next to it ('"Never," he said')
_SHORT_QUOTE_WORDS = 2
_QUOTE_MARKS = {'"', "“", "”", "«", "»", "``", "''"}
Kind = Literal["direct", "reported", "mixed"]


@dataclass
class Draft:
    """A statement found by one rule, before its speaker, sentence and events are filled in."""

    start: int
    end: int
    kind: Kind
    rule: str
    anchor: Token  # the reporting word: the verb, or "according"
    verb: str
    speaker: Token | None


class _Text:
    """One document's quotations and reporting verbs, with the quotations already claimed."""

    def __init__(self, doc: Doc, vocab: StatementVocabulary) -> None:
        self.doc, self.vocab = doc, vocab
        self.text = text_of(doc)  # spaCy rebuilds doc.text on every access: read it once
        self.quotes = quotations(self.text)
        self.claimed: set[Quotation] = set()
        self.quoting: set[int] = set()  # the verbs that attributed a direct quote

    def quote_of(self, char: int) -> Quotation | None:
        """The quotation (marks included) a character lies in."""
        return next((q for q in self.quotes if q.contains(char)), None)

    def is_reporting(self, tok: Token) -> bool:
        """A reporting verb outside any quotation and outside a question ("the said agreement" is no verb)."""
        return (
            tok.pos_ == "VERB"
            and tok.dep_ != "amod"
            and tok.lemma_.lower() in self.vocab.verbs
            and self.quote_of(tok.idx) is None
            and not self.in_question(tok)
        )

    def in_question(self, tok: Token) -> bool:
        """Is the token's sentence a question outside quotation marks ("Will Putin say yes?")."""
        words = [t for t in sent_of(tok) if not t.is_space and t.text not in _QUOTE_MARKS]
        return bool(words) and "?" in words[-1].text and self.quote_of(words[-1].idx) is None

    def tokens(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand") if end > start else None


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _content(tokens: list[Token]) -> list[Token]:
    """The words of a clause, without punctuation, spaces or quotation marks."""
    return [t for t in tokens if not (t.is_punct or t.is_space or t.text in _QUOTE_MARKS)]


def complement(verb: Token) -> list[Token]:
    """The clause a reporting verb reports, as its words in order (empty if it has none).

    "said that Kyiv had violated the truce" -> "Kyiv had violated the truce" (the ``ccomp`` without
    "that"); "Kyiv violated the truce, the ministry said" -> the same clause before the verb; a verb
    the parser hung on the clause as ``parataxis`` ("Kyiv violated the truce, he said") -> the head's
    words before the verb.
    """
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        skip = {c.i for c in clause.children if c.dep_ == "mark" and c.lower_ == "that" and c.i < clause.i}
        return _content([t for t in clause.subtree if t.i not in skip])
    if verb.dep_ == "parataxis" and verb.head.i < verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return _content([t for t in verb.head.subtree if t.i < verb.left_edge.i])
    return []


def _direction(q: Quotation, verb: Token) -> str:
    return "statement:direct-after" if verb.idx >= q.outer_end else "statement:direct-before"


def _classify(text: _Text, words: list[Token], anchor: Token, rule: str, speaker: Token | None) -> Draft:
    """A draft for a reported clause: direct if one quotation covers it, mixed if it holds one."""
    lo, hi = words[0].idx, _end(words[-1])
    verb = "according to" if rule == "statement:according-to" else anchor.lemma_.lower()
    cover = text.quote_of(lo)
    if cover is not None and cover.start <= lo and hi <= cover.end and cover not in text.claimed:
        text.claimed.add(cover)
        if rule != "statement:reported":
            return Draft(cover.start, cover.end, "direct", rule, anchor, verb, speaker)
        text.quoting.add(anchor.i)
        return Draft(cover.start, cover.end, "direct", _direction(cover, anchor), anchor, verb, speaker)
    inside = [q for q in text.quotes if q.open < hi and lo < q.outer_end]
    if not inside:
        return Draft(lo, hi, "reported", rule, anchor, verb, speaker)
    start, end = min(lo, *(q.open for q in inside)), max(hi, *(q.outer_end for q in inside))
    if start <= anchor.idx < end:  # the quotation runs over the reporting word: keep the clause alone
        start, end = lo, hi
    text.claimed.update(inside)
    return Draft(start, end, "mixed", rule, anchor, verb, speaker)


def _reported(text: _Text) -> Iterator[Draft]:
    """``statement:reported``: "The spokesman said that Kyiv had violated the truce twice overnight."."""
    for tok in text.doc:
        if text.is_reporting(tok):
            words = complement(tok)
            if words:
                yield _classify(text, words, tok, "statement:reported", subject_of(tok))


def _according_to(text: _Text) -> Iterator[Draft]:
    """``statement:according-to``: "According to the Sudanese army, the RSF attacked El Fasher."."""
    for tok in text.doc:
        if tok.lower_ != "according" or text.quote_of(tok.idx) is not None or text.in_question(tok):
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None or source.lemma_.lower() in text.vocab.not_sources:
            continue
        head = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), sent_of(tok).root)
        phrase = {t.i for t in tok.subtree}
        words = _content([t for t in head.subtree if t.i not in phrase])
        if head.i in phrase or not words:
            continue
        yield _classify(text, words, tok, "statement:according-to", source)


def _words(text: _Text, q: Quotation) -> int:
    span = text.tokens(q.start, q.end)
    return sum(1 for t in span if t.is_alpha) if span is not None else 0


def _next_to(text: _Text, q: Quotation, verb: Token, short: bool) -> bool:
    """Is the verb right next to the quotation, with only its subject or its own modifiers and a
    comma or colon between them ('"…," the minister said' / '"…" said X' / 'X said on Monday: "…"')?"""
    if verb.idx >= q.outer_end:
        subject = subject_of(verb)
        allowed = {t.i for t in subject.subtree} if subject is not None else set()
        between = text.tokens(q.outer_end, verb.idx)
        return between is None or all(t.is_punct or t.is_space or t.i in allowed for t in between)
    between = [t for t in text.tokens(_end(verb), q.open) or [] if not t.is_space]
    if not between:
        return not short  # 'He said "we will win"' but not 'He denied the "allegations"'
    clauses = {t.i for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree}
    own = {t.i for t in verb.subtree} - clauses
    return between[-1].text in (":", ",") and all(t.is_punct or t.i in own for t in between)


def _linked(text: _Text, q: Quotation, verb: Token) -> bool:
    """Does the parse tie the quotation to the verb (its object or clause, or the verb hung on it)?"""
    span = text.tokens(q.start, q.end)
    if span is None:
        return False
    inside = {t.i for t in span}
    return verb.head.i in inside or any(t.head.i == verb.i for t in span)


def _sentences(doc: Doc, start: int, end: int) -> list[Span]:
    return [s for s in sents(doc) if s.start_char < end and start < s.end_char]


def _verb_before(text: _Text, q: Quotation, first: Span) -> tuple[Token, str] | None:
    """The verb of the sentence before a quotation that opens its own sentence: a reporting verb
    ending in ':' ("He said:\n“…”"), or, in the same paragraph, the verb of the quotation just
    before ('“…,” he said. “But the ELN must stop the kidnappings.”': ``statement:direct-continued``)."""
    if first.start == 0 or text.text[first.start_char : q.open].strip():
        return None
    before = sent_of(text.doc[first.start - 1])
    words = [t for t in before if not t.is_space]
    if not words:
        return None
    if words[-1].text == ":":
        verbs = [t for t in before if text.is_reporting(t) and not complement(t)]
        return (verbs[-1], "statement:direct-before") if verbs else None
    if "\n" in text.text[words[-1].idx : q.open]:
        return None
    verbs = [t for t in before if t.i in text.quoting]
    return (verbs[-1], "statement:direct-continued") if verbs else None


def _verb_after(text: _Text, q: Quotation, last: Span) -> tuple[Token, str] | None:
    """The reporting verb of a short sentence the parser split off after a quotation ('“…!” he added.'),
    when that sentence has no clause or quotation of its own and follows in the same paragraph."""
    if last.end >= len(text.doc):
        return None
    after = sent_of(text.doc[last.end])
    gap = text.text[q.outer_end : after.start_char]
    if gap.strip(" \t.,!?") or "\n" in gap or any(after.start_char <= q2.open < after.end_char for q2 in text.quotes):
        return None
    verbs = [t for t in after if text.is_reporting(t) and not complement(t) and t.i - after.start < 8]
    return (verbs[0], "statement:direct-after") if verbs else None


def _adjacent_verb(text: _Text, q: Quotation) -> tuple[Token, str] | None:
    """A reporting verb in the sentence just before or just after the sentences a quotation spans."""
    spanned = _sentences(text.doc, q.open, q.outer_end)
    if not spanned:
        return None
    return _verb_before(text, q, spanned[0]) or _verb_after(text, q, spanned[-1])


def _attribution(text: _Text, q: Quotation) -> tuple[Token, str] | None:
    """The reporting verb that attributes a quotation, and the rule: in its own sentences, then adjacent."""
    short = _words(text, q) <= _SHORT_QUOTE_WORDS
    near: list[Token] = []
    for sent in _sentences(text.doc, q.open, q.outer_end):
        for tok in sent:
            if text.is_reporting(tok) and (_next_to(text, q, tok, short) or (not short and _linked(text, q, tok))):
                near.append(tok)
    if near:
        verb = min(near, key=lambda t: min(abs(t.idx - q.open), abs(t.idx - q.outer_end)))
        return verb, _direction(q, verb)
    return _adjacent_verb(text, q)


def _direct(text: _Text) -> Iterator[Draft]:
    """``statement:direct-*``: '"We will not withdraw from Kherson," the defence minister said.'."""
    for q in text.quotes:
        if q in text.claimed:
            continue
        found = _attribution(text, q)
        if found is not None:
            verb, rule = found
            text.claimed.add(q)
            text.quoting.add(verb.i)
            yield Draft(q.start, q.end, "direct", rule, verb, verb.lemma_.lower(), subject_of(verb))


def _asserted(events: list[Event], start: int, end: int) -> list[str]:
    """Ids of the events whose trigger lies inside [start, end)."""
    found = []
    for e in events:
        triggers = [ev.trigger_start for ev in e.evidence if ev.trigger_start is not None] or [e.start]
        if any(start <= t < end for t in triggers):
            found.append(e.id)
    return found


def _statement(text: _Text, res: ActorResolution, events: list[Event], article_id: str, d: Draft) -> Statement:
    """The record for one draft: its speaker's actor and words, its sentences and the events it asserts."""
    lo, hi = min(d.start, d.anchor.idx), max(d.end, _end(d.anchor))
    spanned = _sentences(text.doc, lo, hi)
    sentence = text.text[spanned[0].start_char : spanned[-1].end_char] if spanned else text.text[lo:hi]
    return Statement(
        id="st-" + hashlib.sha1(f"{article_id}:{d.start}:{d.end}".encode()).hexdigest()[:12],  # noqa: S324 - an id, not security
        speaker=speaker_actor(d.speaker, res) if d.speaker is not None else None,
        speaker_text=phrase_text(d.speaker) if d.speaker is not None else None,
        kind=d.kind,
        verb=d.verb,
        quote=text.text[d.start : d.end],
        start=d.start,
        end=d.end,
        sentence=sentence.strip(),
        events=_asserted(events, d.start, d.end),
        rule=d.rule,
        article_id=article_id,
    )


def extract_statements(
    doc: Doc,
    res: ActorResolution,
    events: list[Event],
    article_id: str,
    *,
    vocab: StatementVocabulary | None = None,
) -> list[Statement]:
    """Every statement in one parsed article, in text order; one per span.

    Example: '"Russian forces shelled Kharkiv overnight," the Ukrainian general staff said.' gives a
    ``direct`` statement whose quote is the text inside the marks, whose speaker is the general
    staff's actor, and whose ``events`` hold the id of the ASSAULT triggered by "shelled".
    ``vocab`` replaces the shipped reporting vocabulary (see ``load_vocabulary``).
    """
    text = _Text(doc, vocab or vocabulary())
    drafts: dict[tuple[int, int], Draft] = {}
    for rule in (_reported, _according_to, _direct):
        for d in rule(text):
            if d.end > d.start:
                drafts.setdefault((d.start, d.end), d)
    ordered = sorted(drafts.values(), key=lambda d: (d.start, d.end))
    return [_statement(text, res, events, article_id, d) for d in ordered]
