"""Words said to a counterpart: 'Aliyev told Blinken ...', 'Erdogan assured Putin that ...'.

A verb of telling (``telling`` in triggers.yaml) whose object is an official of another country, or an
international organisation, tells that the two were in touch: CONSULT between the speaker and the one
told, as the real-news codebook codes it. Said to reporters, to a court or to the speaker's own people,
it is no consultation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from spacy.tokens import Span, Token

from truceline.events.draft import Draft
from truceline.events.lexicon import Lexicon, Trigger


class _Actors(Protocol):
    def subject_actor(self, tok: Token | None) -> str | None: ...
    def actor_of(self, tok: Token | None, deep: bool = False) -> str | None: ...
    def country_of(self, actor_id: str | None) -> str | None: ...


def told(
    sent: Span, drafts: list[Draft], actors: _Actors, lex: Lexicon, official: Callable[[str], bool]
) -> list[Draft]:
    """CONSULT drafts for the sentence's words said to an official of another side (one per one told)."""
    new: list[Draft] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.telling:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        source = actors.subject_actor(subj) if subj is not None else None
        if source is None or not official(source):
            continue
        if any(d.trigger.i == verb.i for d in drafts) or _during_talks(verb, drafts):
            continue  # "told Grossi during their meeting": the meeting is the event
        told_to = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        told_to += [c for t in told_to for c in t.conjuncts]
        for obj in told_to:
            target = actors.actor_of(obj)
            if target is None or not official(target):
                continue
            if actors.country_of(target) == actors.country_of(source):
                continue  # "Zelensky told Ukrainians": his own side
            new.append(
                Draft(
                    verb,
                    Trigger("CONSULT"),
                    f"verb:{verb.lemma_.lower()}+counterpart",
                    "CONSULT",
                    None,
                    source=source,
                    target=target,
                )
            )
    return new


def _during_talks(verb: Token, drafts: list[Draft]) -> bool:
    """Whether the words were said at talks the sentence already codes ("during their meeting", "in a call")."""
    met = {d.trigger.i for d in drafts if d.type == "CONSULT"}
    return any(t.i in met for prep in verb.children if prep.dep_ == "prep" for t in prep.subtree)
