"""Arrangements named without a kind word: "a deal that would allow grain exports", "signed a deal to end
the conflict", "a protection zone around the reactors", "the decision to halt the fighting", and
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
    """ "signed an accord with the heads of X and Y to end the war": the infinitive may hang from the
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


def _ends(words: list[Token], voc: Vocabulary) -> str | None:
    """ "to end the military conflict", "aimed at ending fighting": an ending verb whose object is the war
    ('war'); "to set aside a bitter dispute": one whose object is a quarrel ('dispute'). A halt of attacks or
    strikes is not looked for here: the events stage codes it, with its targets and scope."""
    for t in words:
        if t.pos_ != "VERB":
            continue
        lemma = t.lemma_.lower()
        prt = next((x.lower_ for x in t.children if x.dep_ == "prt"), "")
        if lemma not in voc.ending_verbs and f"{lemma} {prt}" not in voc.ending_verbs:
            continue
        objects = {w for x in t.subtree if x.i != t.i for w in (x.lemma_.lower(), x.lower_)}
        if objects & voc.conflict_words:
            return "war"
        if objects & voc.dispute_words:
            return "dispute"
    return None


def _purpose(tok: Token) -> str | None:
    """ "signed an agreement with the government to integrate their forces": what the agreement is for."""
    for clause in [x for x in tok.children if x.dep_ == "acl"] + _purpose_clauses(tok):
        if clause.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
            obj = next((x for x in clause.children if x.dep_ == "dobj"), None)
            return clause.lemma_.lower() + (f" {obj.lower_}" if obj is not None else "")
    return None


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
    lemma = tok.lemma_.lower()
    if (lemma in voc.process_nouns or tok.lower_ in voc.process_nouns) and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() == "peace" for c in tok.children
    ):
        return Generic("other", "peace_talks")  # "suspended peace talks with the ELN"
    if lemma not in voc.arrangement_nouns:
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ == "with" and any(c.lower_ == "of" for c in tok.children):
        return None  # "prolonged with the consent of both sides": their consent
    words = _content(tok)
    ends = _ends(words, voc)
    if ends == "war":
        return Generic("peace_agreement" if lemma in voc.peace_nouns else "ceasefire")
    if ends == "dispute":
        return Generic("other", "settlement")
    for t in words:
        kind = voc.content_kinds.get(t.lemma_.lower()) or voc.content_kinds.get(t.lower_)
        if kind is not None:
            return Generic(kind, _purpose_of(kind, t))
    aim = _purpose(tok)
    if aim is not None and tok.dep_ == "dobj" and voc.status.get(tok.head.lemma_.lower()) == "agreed":
        return Generic("other", aim)  # "signed an agreement with Damascus to integrate their forces"
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in tok.children):
        return Generic(REFERENCE)
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return Generic(NEARBY)  # "envoys signed an accord brokered by the UN": the one just told of
    return None


def _purpose_of(kind: str, word: Token) -> str | None:
    if kind == "humanitarian_corridor":
        head = word if word.pos_ == "NOUN" else word.head
        mods = [c.lower_ for c in head.children if c.dep_ in ("compound", "amod")]
        return " ".join([*mods, head.lower_]) if head.pos_ == "NOUN" else None
    return None


def halt_noun(tok: Token, voc: Vocabulary) -> str | None:
    """ "the decision to halt the fighting", "a call to stop the fighting": the status the noun gives the
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
