"""Arrangements named without a kind word: "a deal that would allow grain exports", "signed a deal to end
the conflict", "a safety and security zone around the plant", "the decision to cease hostilities", and
"the deal" / "the agreement" that refer back to the arrangement the article spoke of.

What each word means lives in ``data/agreements/vocabulary.yaml`` (``arrangement_nouns``,
``content_kinds``, ``ending_verbs``, ``conflict_words``, ``zone_nouns``, ``zone_words``, ``halt_nouns``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from truceline.agreements.candidate import Vocabulary

REFERENCE = "reference"  # a definite arrangement noun with nothing of its own: the article's last one
NEARBY = "nearby"  # an indefinite one: the arrangement of the sentences just before, if any
_DEFINITE = {"the", "this", "that", "these", "those"}
_PURPOSE_DEPS = ("xcomp", "advcl", "acl")


@dataclass(frozen=True)
class Generic:
    kind: str  # a kind, or REFERENCE
    purpose: str | None = None


def _purpose_clauses(tok: Token) -> list[Token]:
    """ "signed a deal with the leaders of X and Y to end the conflict": the infinitive may hang from the
    verb rather than from the noun; it still says what the deal is for."""
    if tok.dep_ not in ("dobj", "nsubjpass", "pobj"):
        return []
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    return [
        x
        for x in verb.children
        if x.dep_ in _PURPOSE_DEPS and x.i > tok.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
    ]


def _content(tok: Token) -> list[Token]:
    out = list(tok.subtree)
    for clause in _purpose_clauses(tok):
        out.extend(clause.subtree)
    return [t for t in out if t.i != tok.i]


def _ends_conflict(words: list[Token], voc: Vocabulary) -> bool:
    """ "to end the military conflict", "aimed at ending fighting": an ending verb whose object is the war."""
    hostile = voc.conflict_words  # (a halt of attacks or strikes is an event's: it has its targets and scope)
    for t in words:
        if t.pos_ == "VERB" and t.lemma_.lower() in voc.ending_verbs:
            if any(x.lemma_.lower() in hostile or x.lower_ in hostile for x in t.subtree if x.i != t.i):
                return True
    return False


def zone(tok: Token, voc: Vocabulary) -> bool:
    """ "a safety and security zone", "a demilitarised zone around the plant", "a buffer zone"."""
    if tok.lemma_.lower() not in voc.zone_nouns or tok.pos_ != "NOUN":
        return False
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
    mods += [x for c in mods for x in c.conjuncts]
    return any(m.lower_ in voc.zone_words or m.lemma_.lower() in voc.zone_words for m in mods)


def generic_kind(tok: Token, voc: Vocabulary) -> Generic | None:
    """The kind of an arrangement that no kind word names, from what it is about; REFERENCE for a definite
    arrangement noun about nothing in particular; None for anything else ("the agreement of both parties":
    their consent; "areas of agreement")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if zone(tok, voc):
        return Generic("other", "protection_zone")
    if tok.lemma_.lower() not in voc.arrangement_nouns:
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ == "with" and any(c.lower_ == "of" for c in tok.children):
        return None  # "extended with the agreement of both parties": their consent
    words = _content(tok)
    if _ends_conflict(words, voc):
        return Generic("ceasefire")
    for t in words:
        kind = voc.content_kinds.get(t.lemma_.lower()) or voc.content_kinds.get(t.lower_)
        if kind is not None:
            return Generic(kind, _purpose_of(kind, t))
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in tok.children):
        return Generic(REFERENCE)
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return Generic(NEARBY)  # "ministers signed an agreement brokered by the UN": the one just told of
    return None


def _purpose_of(kind: str, word: Token) -> str | None:
    if kind == "humanitarian_corridor":
        head = word if word.pos_ == "NOUN" else word.head
        mods = [c.lower_ for c in head.children if c.dep_ in ("compound", "amod")]
        return " ".join([*mods, head.lower_]) if head.pos_ == "NOUN" else None
    return None


def halt_noun(tok: Token, voc: Vocabulary) -> str | None:
    """ "the decision to cease hostilities", "a call to stop the fighting": the status the noun gives the
    halt its infinitive names (None when the noun names no halt of hostilities)."""
    status = voc.halt_nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
    if status is None:
        return None
    for x in tok.children:
        if x.dep_ == "acl" and x.lemma_.lower() in voc.ending_verbs | {"suspend", "pause"}:
            objects = [w for w in x.subtree if w.i != x.i]
            if any(w.lemma_.lower() in voc.conflict_words | voc.hostilities for w in objects):
                return status
    return None
