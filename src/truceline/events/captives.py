"""Hostages or prisoners: who holds the people a count names.

The codebook (and ACLED's) tells hostages, held by an armed group that took them, from prisoners and
detainees, held by a state. A number of freed people rarely says which it is: "14 nationals of A and
52 of B were freed by the group and the state respectively". Two signs tell it:

- the captor: the article says elsewhere who took or holds hostages ("taken hostage by the group",
  "the hostages the group holds"), and this count's people were freed or are held by that captor;
- the people: the article calls people of that nationality hostages ("the A hostages"), or they were
  freed by a hostage-taker somewhere in the article (so a later "a further 11 A nationals" are hostages).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from truceline.nlp.index import memo

_HOSTAGE_WORDS = frozenset({"hostage", "abductee"})
# verbs by which a captor takes or keeps people ("taken hostage by", "hostages held by", "seized as hostages")
_CAPTOR_VERBS = frozenset({"take", "hold", "keep", "seize", "abduct", "kidnap", "capture", "detain"})
_PRONOUNS = frozenset({"it", "they", "them", "he", "she", "who", "which", "that"})


def demonym(noun: Token) -> str:
    """'Israelis' -> 'israeli', 'Thai' -> 'thai'."""
    low = noun.lower_
    return low[:-1] if noun.tag_ in ("NNPS", "NNS") and low.endswith("s") else low


def _named(tok: Token) -> list[Token]:
    """A holder and the holders coordinated with it, pronouns left out."""
    return [t for t in (tok, *tok.conjuncts) if t.lower_ not in _PRONOUNS and t.pos_ in ("PROPN", "NOUN")]


def _agents(verb: Token) -> list[Token]:
    """The 'by' agents of a passive verb, in order ('released by the group and the state')."""
    for c in verb.children:
        if c.dep_ == "agent":
            for o in c.children:
                if o.dep_ == "pobj":
                    return sorted(_named(o), key=lambda t: t.i)
    return []


def hostage_holders(doc: Doc) -> frozenset[str]:
    """The (lower-cased head words of the) names an article says took or hold hostages."""
    store = memo(doc)
    cached = store.get("hostage_holders")
    if cached is not None:
        return cached
    found: set[str] = set()
    for t in doc:
        if t.lemma_.lower() not in _HOSTAGE_WORDS:
            continue
        verbs = [c for c in t.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _CAPTOR_VERBS]
        if t.head.lemma_.lower() in _CAPTOR_VERBS and t.dep_ in ("oprd", "dobj", "xcomp", "attr", "nsubjpass"):
            verbs.append(t.head)  # "were taken hostage by X", "X took 240 hostages"
        for v in verbs:
            holders = _agents(v)
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                holders += _named(subj)  # "X took hostages", "the hostages X is holding"
            found |= {h.lower_ for h in holders}
    cached = store["hostage_holders"] = frozenset(found)
    return cached


def captor_of(noun: Token) -> Token | None:
    """Who freed or holds the people a noun counts, as the text names them with 'by': "14 A and 52 B
    were released by X and Y respectively" (paired in order), "9 A held by X"."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    group = sorted([first, *first.conjuncts], key=lambda t: t.i)
    verbs = [c for n in group for c in n.children if c.dep_ in ("acl", "relcl")]
    if first.head.pos_ in ("VERB", "AUX") and first.dep_ in ("nsubjpass", "dobj"):
        verbs.append(first.head)
    respectively = any(t.lower_ in ("respectively", "respective") for t in noun.sent)
    for v in verbs:
        agents = _agents(v)
        if len(agents) == 1 and (len(group) == 1 or not respectively):
            return agents[0]
        if len(agents) == len(group) > 1 and respectively and noun in group:
            return agents[group.index(noun)]
    return None


def hostage_peoples(doc: Doc) -> frozenset[str]:
    """The nationalities an article calls hostages ("A hostages", "hostages, most of them B") or says a
    hostage-taker freed or holds ("12 A were released by X", X being one the article says took hostages)."""
    store = memo(doc)
    cached = store.get("hostage_peoples")
    if cached is not None:
        return cached
    holders = hostage_holders(doc)
    found: set[str] = set()
    for t in doc:
        if t.lemma_.lower() in _HOSTAGE_WORDS:
            found |= {c.lower_ for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ == "NORP"}
        elif holders and (t.ent_type_ == "NORP" or t.tag_ == "NNPS") and t.pos_ in ("NOUN", "PROPN"):
            captor = captor_of(t)
            if captor is not None and captor.lower_ in holders:
                found.add(demonym(t))
    cached = store["hostage_peoples"] = frozenset(found)
    return cached


def held_as_hostages(noun: Token) -> bool:
    """Are the people this noun counts hostages (see the module's docstring)?"""
    captor = captor_of(noun)
    if captor is not None:
        return captor.lower_ in hostage_holders(noun.doc)
    return demonym(noun) in hostage_peoples(noun.doc)
