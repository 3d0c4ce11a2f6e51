"""Acts told again with no one named: "the accord was signed in Muscat", "talks were held in Geneva".

A sentence that tells an agreement or a meeting in the passive, or by its noun alone, names no side: on
its own it is no event (a record needs a source or a target). In a story that has told that act with its
sides, it is the same act told again, often with what the first telling left out: where it happened. The
sentence joins that event as one more piece of its evidence (rule ``restates``), and its place joins the
event's places (a place of the act's own clause ranks before one merely in the first sentence).

A deal told so in a story of two sides that tells it nowhere else ("the handover follows a cessation of
hostilities signed in Pretoria") is the two sides' deal (``+frame_both``): no one else signs a war's truce.
"""

from __future__ import annotations

from spacy.tokens import Span

from truceline.events.draft import Draft
from truceline.events.places import ranked
from truceline.models import Event, Evidence

# the acts a story tells again without their sides: deals and meetings (PLOVER's AGREE and CONSULT)
RESTATED_TYPES = frozenset({"AGREE", "CONSULT"})


def restates(d: Draft) -> bool:
    """Could this sideless draft be an act told before (an agreement or meeting, affirmed)?"""
    return d.type in RESTATED_TYPES and not d.negated and d.status == "asserted"


def made_deal(d: Draft) -> bool:
    """A sideless telling that is a deal made ("was signed", "has been reached", "a truce signed in Pretoria"), not
    a meeting, a plan, or a deal only spoken of ("the difficulty of reaching an agreement", "that it be renewed")."""
    if d.type != "AGREE" or d.negated or d.status not in ("asserted", "agreed"):
        return False
    verb = d.trigger
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBN"):
        return False
    if verb.tag_ == "VBN" and verb.dep_ != "acl":
        return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children)
    return True


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def join(events: list[Event], told: list[tuple[Draft, Span]]) -> list[tuple[Draft, Span]]:
    """Each sideless telling joins the nearest event of its type (and of its mode, where one has it); the
    tellings that found none are returned."""
    alone = []
    for d, sent in told:
        same = [e for e in events if e.type == d.type and not e.negated and e.status == d.status]
        if d.mode is not None and any(e.mode == d.mode for e in same):
            same = [e for e in same if e.mode == d.mode]
        if not same:
            alone.append((d, sent))
            continue
        nearest = min(same, key=lambda e: min(abs(ev.start - sent.start_char) for ev in e.evidence))
        dyad = {nearest.source, nearest.target}
        for e in (e for e in same if {e.source, e.target} == dyad):
            if any(ev.start == sent.start_char for ev in e.evidence):
                continue
            e.evidence.append(
                Evidence(
                    sentence=sent.text.strip(),
                    start=sent.start_char,
                    end=sent.end_char,
                    rule=f"restates:{d.rule}",
                    trigger_start=d.trigger.idx,
                    trigger_end=d.trigger.idx + len(d.trigger.text),
                )
            )
            e.locations = ranked(e.locations + [loc for loc in d.locations if loc not in e.locations])
            e.location = e.locations[0] if e.locations else None
    return alone
