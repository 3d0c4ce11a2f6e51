"""Where an event happened: a place named in the trigger's clause, from the offline gazetteer."""

from __future__ import annotations

from spacy.tokens import Span, Token

from truceline.gazetteer import gazetteer
from truceline.models import Location
from truceline.nlp.index import ent_of

_BORDERS = {"border", "frontier", "boundary"}
_LOC_PREPS = {
    "in",
    "at",
    "near",
    "on",
    "over",
    "across",
    "inside",
    "around",
    "off",
    "along",
    "through",
    "throughout",
    "outside",
}


# Nouns named after a city that are not places: "the Pretoria agreement", "the Doha talks".
_NAMED_AFTER = {
    "agreement",
    "accord",
    "declaration",
    "process",
    "format",
    "protocol",
    "treaty",
    "statute",
    "principles",
}


# Nouns whose possessor is who asks or pays, not a place: "at Poland's request".
_OWNED_ACTS = {"request", "invitation", "behest", "initiative", "urging", "expense", "suggestion", "demand", "proposal"}


def _place_span(tok: Token) -> Span | None:
    ent = ent_of(tok)
    if ent is None or ent.label_ not in ("GPE", "LOC", "FAC"):
        return None
    root = ent.root
    if root.dep_ == "compound" and root.head.lemma_.lower() in _NAMED_AFTER:
        return None
    if root.dep_ == "poss" and root.head.lemma_.lower() in _OWNED_ACTS:
        return None  # "at Poland's request": whose request, not where
    return ent


def location_for(trigger: Token, destination: bool = False) -> Location | None:
    """The first gazetteer place under a locative preposition of the trigger or its verb; with
    ``destination``, also where a move goes ("will deploy troops to Goma", "travelled to Doha")."""
    preps = _LOC_PREPS | {"to", "into"} if destination else _LOC_PREPS
    heads = [trigger]
    if trigger.head.i != trigger.i and trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(trigger.head)
    g = gazetteer()
    for head in heads:
        # "struck a market in Amhara", "hit the centre of Sumy", "a strike on the refinery in Saratov"
        places = [c for c in head.children if c.dep_ == "prep" and c.lower_ in preps]
        places += [c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB"]
        if head is trigger and trigger.dep_ == "pobj" and trigger.head.head.pos_ in ("VERB", "AUX"):
            # "troops remained on alert in the West Bank": the place of the verb the trigger's phrase hangs on
            verb = trigger.head.head
            places += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and c.i != trigger.head.i]
        for prep in places:
            for tok in prep.subtree:
                if tok.head.lower_ == "with" and tok.head.head.lemma_.lower() in _BORDERS:
                    continue  # "reinforcements to the border with Venezuela": the own side of the border
                span = _place_span(tok)
                if span is None:
                    continue
                place = g.lookup(span.text, minor=True)
                if place is None:
                    continue
                return Location(
                    text=span.text,
                    name=place.name,
                    country=place.country,
                    kind=place.kind,
                    lat=place.lat,
                    lon=place.lon,
                )
    return None
