"""Numbers with what they count: '175 prisoners', 'hundreds have been killed', 'more than 3,700 drones'."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from truceline.events.dates import is_duration
from truceline.models import Quantity
from truceline.nlp.index import ent_of

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 100,
    "thousands": 1000,
    "scores": 40,
    "millions": 1_000_000,
}
_VAGUE = {"dozens", "hundreds", "thousands", "scores", "millions"}
_LOWER = {
    "more",
    "over",
    "least",
    "than",
    "nearly",
    "almost",
    "some",
    "about",
    "around",
    "roughly",
    "approximately",
    "up",
}
UNITS = {
    "prisoner": "prisoners",
    "inmate": "prisoners",
    "detainee": "prisoners",
    "pow": "prisoners",
    "captive": "prisoners",
    "hostage": "hostages",
    "soldier": "soldiers",
    "troop": "soldiers",
    "drone": "drones",
    "missile": "missiles",
    "rocket": "rockets",
    "shell": "shells",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "hour": "hours",
    "people": "people",
    "person": "people",
    "civilian": "civilians",
    "child": "children",
    "body": "bodies",
    "refugee": "refugees",
    "vessel": "vessels",
    "ship": "vessels",
    "tank": "tanks",
    "aircraft": "aircraft",
    "jet": "aircraft",
    "bomber": "aircraft",
    "warplane": "aircraft",
    "plane": "aircraft",
    "helicopter": "aircraft",
    "tanker": "vessels",
    "base": "bases",
    "village": "villages",
    "home": "homes",
    "house": "homes",
    "fighter": "fighters",
    "militant": "fighters",
    "tonne": "tonnes",
    "ton": "tonnes",
    "truck": "trucks",
}
VERB_UNITS = {
    "kill": "killed",
    "die": "killed",
    "wound": "wounded",
    "injure": "wounded",
    "hurt": "wounded",
    "arrest": "arrested",
    "detain": "arrested",
    "displace": "displaced",
    "release": "released",
    "free": "released",
    "abduct": "abducted",
    "kidnap": "abducted",
}
_STATES = {"dead": "killed", "killed": "killed", "injured": "wounded", "wounded": "wounded"}
_PEOPLE = {"people", "civilians", "children", "soldiers", "fighters"}


def number_value(text: str) -> tuple[float, bool] | None:
    """Value of a number phrase and whether it is vague (a lower bound)."""
    t = text.lower().replace(",", "").strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion)?", t)
    if m:
        mult = {"thousand": 1e3, "million": 1e6, "billion": 1e9}.get(m.group(2) or "", 1)
        return float(m.group(1)) * mult, False
    total = 0.0
    vague = False
    for word in t.replace("-", " ").split():
        if word in _WORDS:
            v = _WORDS[word]
            vague = vague or word in _VAGUE
            total = total * v if v >= 100 and total else total + v
        elif word not in ("and", "a"):
            return None
    return (total, vague) if total else None


def _unit_for(num: Token) -> str | None:
    head = num.head
    if num.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN"):
        # "175 prisoners", "23 more inmates", "3,700 Iranian-designed drones"
        unit = UNITS.get(head.lemma_.lower())
        verb_unit = VERB_UNITS.get(head.head.lemma_.lower()) if head.dep_ in ("nsubjpass", "nsubj", "dobj") else None
        if verb_unit is None and head.dep_ == "nsubj" and head.head.lemma_ == "be":
            # "3 persons were dead and 17 wounded"
            state = next((c.lower_ for c in head.head.children if c.dep_ in ("acomp", "attr")), None)
            verb_unit = _STATES.get(state or "")
        if verb_unit and (unit in _PEOPLE or (unit is None and head.tag_ in ("NNS", "NNPS"))):
            # "34 people were killed", "killing 12 civilians", "killed at least 30 Palestinians"
            return verb_unit
        return unit
    of_noun = next(
        (o for p in num.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None
    )
    if of_noun is not None and UNITS.get(of_noun.lemma_.lower()):
        # "thousands of people", "dozens of drones"
        if num.dep_ in ("nsubjpass", "nsubj") and head.lemma_.lower() in VERB_UNITS:
            return VERB_UNITS[head.lemma_.lower()]
        return UNITS[of_noun.lemma_.lower()]
    state = next((c for c in num.children if c.dep_ in ("acl", "amod") and c.lemma_.lower() in VERB_UNITS), None)
    if state is not None:
        return VERB_UNITS[state.lemma_.lower()]  # "12 people were killed and about 90 injured"
    if num.dep_ in ("nsubjpass", "nsubj") and head.pos_ in ("VERB", "AUX"):
        # "hundreds have been killed", "dozens died"
        return VERB_UNITS.get(head.lemma_.lower())
    if num.dep_ == "pobj" and num.head.head.pos_ == "VERB":
        return VERB_UNITS.get(num.head.head.lemma_.lower())
    return None


def _in_duration(tok: Token) -> bool:
    ent = ent_of(tok)
    return ent is not None and is_duration(ent.text)


def _clause_says_wounded(num: Token) -> bool:
    """'23 inmates will be replaced by seriously injured soldiers': the count is of wounded people."""
    clause = num.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    coordinated = {t.i for c in clause.children if c.dep_ == "conj" for t in c.subtree}
    return any(
        t.lemma_.lower() in ("injured", "wounded", "injure", "wound") for t in clause.subtree if t.i not in coordinated
    )


def quantities_in(sent: Span) -> list[tuple[Token, Quantity]]:
    """All quantities in a sentence, each with its number token."""
    out: list[tuple[Token, Quantity]] = []
    for tok in sent:
        if tok.like_num is False and tok.lower_ not in _WORDS:
            continue
        if tok.ent_type_ in ("TIME", "PERCENT", "MONEY", "ORDINAL"):
            continue
        if tok.ent_type_ == "DATE" and not _in_duration(tok):
            continue  # "in 2022", "March 18"; but "a 30-day truce" counts days
        if tok.dep_ == "compound" and tok.head.like_num:
            continue
        phrase = [t for t in tok.lefts if t.dep_ in ("compound",) and t.like_num] + [tok]
        value = number_value(" ".join(t.text for t in phrase))
        if value is None:
            continue
        unit = _unit_for(tok)
        if unit is None:
            continue
        if unit in ("prisoners", "soldiers", "people") and _clause_says_wounded(tok):
            unit = "wounded"
        mods = {t.lower_ for t in tok.children if t.dep_ in ("advmod", "quantmod", "amod")}
        mods |= {t.lower_ for t in tok.head.children if t.dep_ == "amod" and t.i < tok.i}
        lower = value[1] or bool(mods & _LOWER)
        start = tok.left_edge.idx if tok.left_edge.i >= sent.start else tok.idx
        end = tok.head.idx + len(tok.head.text) if tok.head.i > tok.i else tok.idx + len(tok.text)
        text = sent.text[start - sent.start_char : end - sent.start_char]  # (Doc.text is rebuilt per access)
        per_side = bool(re.search(r"\b(?:respective|each side|each)\b|\d+-for-\d+", sent.text.lower()))
        out.append((tok, Quantity(value=value[0], unit=unit, text=text, lower_bound=lower, per_side=per_side)))
    return out
