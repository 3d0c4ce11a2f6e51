"""A war's toll told on its own goes with the agreement meant to end that war.

"The fighting has killed hundreds of farmers" in a sentence where the events stage found no event is no
attack's toll (``events.tolls``); in a report on a truce it is the toll of the war the truce is to end. It
joins the article's main agreement, marked ``of_war``, with the sentence as one more piece of its evidence
(rule ``toll_of_war``), unless the sentence names only countries that are none of the agreement's parties'.
"""

from __future__ import annotations

from spacy.tokens import Doc

from truceline.events.places import ArticlePlaces
from truceline.events.quantities import quantities_in
from truceline.events.tolls import TOLL_UNITS, war_toll
from truceline.models import Agreement, Event, Evidence
from truceline.nlp.index import ents_in, sents


def attach_war_tolls(
    doc: Doc, records: list[Agreement], events: list[Event], country_of: dict[str, str | None]
) -> None:
    if not records:
        return
    main = max(records, key=lambda r: (len(r.evidence), bool(r.parties)))
    told = {ev.start for e in events for ev in e.evidence}
    parties = {country_of.get(p) or p for p in main.parties}
    geo = ArticlePlaces.of(doc)
    for sent in sents(doc):
        if sent.start_char in told:
            continue  # the events stage gave the sentence's numbers to its own event
        tolls = [
            q.model_copy(update={"of_war": True})
            for tok, q in quantities_in(sent)
            if q.unit in TOLL_UNITS and war_toll(q, sent, tok)
        ]
        if not tolls:
            continue
        named = {c for e in ents_in(sent) if (c := geo.country_at(e))}
        if named and parties and not named & parties:
            continue  # another war's toll ("the war in Ukraine has killed thousands" in a report on Gaza)
        main.quantities.extend(q for q in tolls if q not in main.quantities)
        if not any(ev.start == sent.start_char for ev in main.evidence):
            main.evidence.append(
                Evidence(sentence=sent.text.strip(), start=sent.start_char, end=sent.end_char, rule="toll_of_war")
            )
