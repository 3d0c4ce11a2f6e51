"""Article-level enrichment of agreement records, after the per-mention extraction: parties from
the article's context, mediators who broker or host, conditions stated or answered in any sentence,
and the named monitor."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from truceline.models import Agreement, Condition, Event
from truceline.nlp.index import ents, sents

if TYPE_CHECKING:
    from spacy.tokens import Token

    from truceline.agreements.extract import _Extractor

CEASEFIRE_FAMILY = {"ceasefire", "truce", "cessation_of_hostilities", "humanitarian_pause"}


_BELLIGERENT_TYPES = {"ASSAULT", "COERCE", "CONCEDE", "RETREAT", "AGREE", "REJECT", "THREATEN", "ACCUSE"}


def add_context_parties(records: list[Agreement], events: list[Event], ex: _Extractor) -> None:
    """A record that names no parties ("the moratorium took effect") takes those of the article's
    other record of its kind, else the two sides the article's conflict events are between."""
    for r in records:
        if r.parties:
            continue
        if r.kind == "extension":
            # "whether the new ceasefire would prolong the truce": the extension is of that truce, between its sides
            base = [x for x in records if x is not r and x.parties and x.kind == r.extends_kind]
            base = base or [x for x in records if x is not r and x.parties and x.kind in CEASEFIRE_FAMILY]
            if base:
                r.parties = list(base[-1].parties)
                r.mediators = r.mediators or [m for m in base[-1].mediators if m not in r.parties]
                continue
        same = [
            x for x in records if x is not r and x.kind in CEASEFIRE_FAMILY and r.kind in CEASEFIRE_FAMILY and x.parties
        ]
        same = same or [x for x in records if x is not r and x.kind == r.kind and x.parties]
        if same:
            r.parties = list(same[0].parties)
            r.mediators = r.mediators or [m for m in same[0].mediators if m not in r.parties]
            continue
        sides = ex.frame_sides()
        sided = CEASEFIRE_FAMILY | {"extension", "humanitarian_corridor", "prisoner_exchange"}
        if sides and all(ex.belligerent(p) for p in sides) and (r.kind in sided or r.purpose == "protection_zone"):
            r.parties = [p for p in sides if p not in r.mediators]  # "a six-month truce in Yemen expired"
            continue
        counts: dict[str, int] = {}
        for e in events:
            if e.type not in _BELLIGERENT_TYPES:
                continue
            for a in (e.source, e.target):
                if a is None:
                    continue
                key = ex.party_of(a)
                if (len(key) == 3 and key.isupper()) or ex.kind_of.get(a) == "group":
                    counts[key] = counts.get(key, 0) + 1
        ranked = [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if k not in r.mediators]
        if len(ranked) >= 2 and counts[ranked[1]] >= 2:
            r.parties = ranked[:2]


def align_process_parties(records: list[Agreement]) -> None:
    """The phases of one process are between the same two sides: "a lasting peace between Russia and
    Ukraine … the leaders agreed that the movement to peace will begin with a ceasefire" — the
    ceasefire is Russia's and Ukraine's too, and a leader who agreed to it without being one of the
    two sides (the US president) is its mediator. So is an exchange agreed in the same talks as the
    article's one ceasefire ("the leaders also agreed to a prisoner exchange, 150 for 150")."""
    groups: dict[str, list[Agreement]] = {}
    for r in records:
        if r.process:
            groups.setdefault(r.process, []).append(r)
    for group in groups.values():
        dyads = {frozenset(r.parties) for r in group if len(r.parties) == 2}
        if len(dyads) == 1:
            _align(group, next(r.parties for r in group if len(r.parties) == 2))
    truces = [r for r in records if r.kind in CEASEFIRE_FAMILY and len(r.parties) == 2]
    if len({frozenset(r.parties) for r in truces}) == 1:
        _align([r for r in records if r.kind in ("prisoner_exchange", "hostage_release")], truces[0].parties)


def _align(group: list[Agreement], order: list[str]) -> None:
    dyad = set(order)
    for r in group:
        extra = set(r.parties) - dyad
        if set(r.parties) == dyad or len(extra) > 1:
            continue
        for e in sorted(extra):
            if e not in r.mediators:
                r.mediators.append(e)
        r.mediators = [m for m in r.mediators if m not in dyad]
        r.parties = list(order)


COND_NOUNS = {"condition", "precondition", "demand", "term"}
_CLAUSE_CUES = re.compile(r"\b(first have to|must first|only if|only after|only once|only when|unless)\b", re.I)
_COND_CUES = re.compile(
    r"\b(conditions?|preconditions?|demands?|provided|only if|only after|only once|only when|unless|"
    r"first have to|must first)\b",
    re.I,
)
_SETTING = {"set", "put", "attach", "place", "impose", "lay", "demand", "stress", "insist", "want", "say", "voice"}
_STATUS_VERBS = {
    "accept": "accepted",
    "agree": "accepted",
    "meet": "met",
    "fulfil": "met",
    "fulfill": "met",
    "satisfy": "met",
    "reject": "rejected",
    "refuse": "rejected",
    "rebuff": "rejected",
    "dismiss": "rejected",
}


def _circumstances(noun: Token) -> bool:
    """'conditions for civilians', 'humanitarian conditions': a state of affairs, not a demand (a demand
    has a determiner, an owner or a number: 'two conditions', 'its conditions', 'the condition')."""
    if noun.tag_ != "NNS":
        return False
    return not any(c.dep_ in ("det", "poss", "nummod", "acl", "relcl") for c in noun.children)


def owner_hint(noun: Token | None, ex: _Extractor) -> str | None:
    """Whose condition a noun names by itself: 'its condition', 'the army's demand'."""
    if noun is None:
        return None
    return ex.actor_in(next((c for c in noun.children if c.dep_ == "poss"), None))


def _country_of_place(tok: Token) -> str | None:
    """'the demand voiced in Moscow': a demand made in a country's city is that country's."""
    if tok.ent_type_ != "GPE":
        return None
    from truceline.gazetteer import gazetteer

    place = gazetteer().lookup(tok.text)
    return place.country if place is not None and place.kind == "city" else None


def add_stated_conditions(records: list[Agreement], placed: list, ex: _Extractor) -> None:
    """Conditions stated, accepted, rejected or met, in any sentence of an article about an agreement:
    "it sets a condition on Kyiv: Ukraine would first have to stop ...", "rejected the army's other
    demand, that ...", "the central condition of the agreement has been met"."""
    if not records:
        return
    seen = {(c.start, c.end) for r in records for c in r.conditions}
    for sent in sents(ex.doc):
        if not _COND_CUES.search(sent.text):
            continue
        noun = next((t for t in sent if t.lemma_.lower() in COND_NOUNS and t.pos_ == "NOUN"), None)
        if noun is not None and _circumstances(noun):
            noun = None
        verb = noun.head if noun is not None else sent.root
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        status = "stated"
        for v in [verb, *verb.ancestors] if noun is not None else [sent.root]:
            if v.lemma_.lower() in _STATUS_VERBS:
                status, verb = _STATUS_VERBS[v.lemma_.lower()], v
                break
        if noun is None and status == "stated" and not _CLAUSE_CUES.search(sent.text):
            continue
        subj_verb = verb
        while not any(c.dep_ == "nsubj" for c in subj_verb.children) and subj_verb.dep_ in ("advcl", "xcomp", "conj"):
            subj_verb = subj_verb.head  # "the minister said on Monday, accepting the condition ...": the minister
        subject = ex.actor_in(next((c for c in subj_verb.children if c.dep_ in ("nsubj", "nsubjpass")), None))
        if status == "met" and any(x.lower_ in ("would", "will") for v in [verb, *verb.ancestors] for x in v.children):
            status = "accepted"  # "would open the roads, meeting one of the conditions": a commitment, not yet met
        demanded_of = None
        if status == "stated" and any(
            x.dep_ == "mark" and x.lower_ in ("unless", "if", "until") for x in verb.children
        ):
            # "will not sign unless the militia implements two conditions": set by the main clause's subject
            demanded_of, subject = (
                subject,
                ex.actor_in(next((x for x in verb.head.children if x.dep_ == "nsubj"), None)),
            )
        passive = any(x.dep_ == "nsubjpass" for x in verb.children)
        speaker = subj_verb
        if status == "met" and passive and owner_hint(noun, ex) is None:
            # 'a Hezbollah lawmaker said … "the central condition of the agreement has been met"': a side
            # declares its own condition met
            while speaker.dep_ == "ccomp" and speaker.head.i != speaker.i:
                speaker = speaker.head
                said = ex.actor_in(next((x for x in speaker.children if x.dep_ == "nsubj"), None))
                if said is not None:
                    status_setter = said
                    break
            else:
                status_setter = None
        else:
            status_setter = None
        speaker = subj_verb
        while subject is None and status == "stated" and speaker.dep_ == "ccomp":
            speaker = speaker.head  # "the Russian side stressed that the key condition … must be …": the speaker
            subject = ex.actor_in(next((c for c in speaker.children if c.dep_ == "nsubj"), None))
        if (
            noun is not None
            and status in ("accepted", "met")
            and (any(c.lower_ == "no" for c in noun.children) or any(c.dep_ == "neg" for c in verb.children))
        ):
            status = "rejected"  # "no such condition had been agreed"
        owner = None
        if noun is not None:
            owner = ex.actor_in(next((c for c in noun.children if c.dep_ == "poss"), None))
            for rel in (c for c in noun.children if c.dep_ in ("relcl", "acl")):  # "the condition Moscow attached"
                if any(c.dep_ == "mark" and c.lower_ == "that" for c in rel.children):
                    continue  # "the demand that Ukraine stop …": a content clause names who must act
                owner = owner or ex.actor_in(next((c for c in rel.children if c.dep_ == "nsubj"), None))
            for c in noun.subtree:  # "the condition set by the army", "the demand voiced in Moscow"
                if owner is None and c.dep_ == "pobj" and c.head.lower_ in ("by", "in") and c.head.head.pos_ == "VERB":
                    owner = ex.actor_in(c) or _country_of_place(c)
        if status == "stated":
            by, on, by_status = owner or subject, demanded_of, None
        else:
            by, on, by_status = owner or status_setter, subject, subject
        if ":" in sent.text and status == "stated":
            text = sent.text.split(":", 1)[1].strip().rstrip(".")
        elif noun is not None:
            span = ex.doc[noun.left_edge.i : noun.right_edge.i + 1]
            attr = next((x for x in noun.head.children if x.dep_ == "attr"), None)
            if noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and attr is not None:
                span = ex.doc[attr.left_edge.i : attr.right_edge.i + 1]  # "the key condition … must be an end to X"
            text = span.text.strip().rstrip(".")
        else:
            text = sent.text.strip().rstrip(".")
        if on is None:
            for t in (
                ex.doc.char_span(sent.start_char + sent.text.find(text), sent.end_char, alignment_mode="expand") or []
            ):
                a = ex.actor_in(t)
                if a and a != by:
                    on = a
                    break
        start = sent.start_char + max(sent.text.find(text), 0)
        if (start, start + len(text)) in seen or (by is None and on is None):
            continue
        seen.add((start, start + len(text)))
        target = _record_for(sent, records, placed)
        if target is None:
            continue
        target.conditions.append(
            Condition(by=by, on=on, text=text, start=start, end=start + len(text), status=status, status_by=by_status)
        )


def _record_for(sent, records: list[Agreement], placed: list) -> Agreement | None:
    """The record a condition belongs to: one mentioned in its sentence, a comprehensive one when the
    sentence speaks of a full ceasefire, else the article's first record."""
    here = [r for c, r in placed if c.sent.start == sent.start]
    if here:
        return here[0]
    words = sent.text.lower()
    if any(w in words for w in ("full ceasefire", "complete ceasefire", "comprehensive")):
        full = [r for r in records if r.coverage == "comprehensive"]
        if full:
            return full[0]
    return records[0]


def find_monitor(ex: _Extractor) -> str | None:
    """A named monitoring body ("the Joint Ceasefire Monitoring Committee (JCMC)"), with its abbreviation."""
    words = ex.voc.monitor_words
    for ent in ents(ex.doc):
        if ent.label_ not in ("ORG", "NORP", "FAC") or not any(t.lower_ in words for t in ent):
            continue
        name = re.sub(r"^the\s+", "", ent.text.strip(), flags=re.I)
        tail = ex.doc.text[ent.end_char : ent.end_char + 12]
        abbrev = re.match(r"\s*\(([A-Z]{2,8})\)", tail)
        return f"{name} ({abbrev.group(1)})" if abbrev else name
    return None


_ANNOUNCING = {"say", "announce", "state", "declare", "confirm"}
_BROKERING_NOUNS = {"mediation", "auspices", "brokering", "facilitation", "sponsorship", "good offices"}
_BROKERING = {"broker", "mediate", "host", "propose", "announce", "facilitate", "sponsor", "draft", "present"}


def add_brokers(placed: list, ex: _Extractor) -> None:
    """Who brokers, hosts or proposes an arrangement without being a party to it is a mediator:
    "talks hosted by Saudi Arabia", "the US-brokered truce", "the United States and France announce that ..."."""
    for c, r in placed:
        found: list[str] = []
        for t in c.sent:
            lemma = t.lemma_.lower()
            if lemma in _BROKERING and t.pos_ == "VERB":
                agents = [x for x in t.children if x.dep_ == "nsubj"]
                agents += [o for a in t.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
                for a in agents:
                    for x in [a, *a.conjuncts]:
                        found.append(ex.actor_in(x) or "")
            if lemma in _BROKERING_NOUNS and t.pos_ == "NOUN":
                # "with Qatar's mediation", "thanks to Oman's good offices"
                for x in t.children:
                    if x.dep_ == "poss":
                        found.append(ex.actor_in(x) or "")
                    if x.dep_ == "prep" and x.lower_ == "of":
                        found += [ex.actor_in(o) or "" for o in x.children if o.dep_ == "pobj"]
            if (
                t.text == "-"
                and t.i + 1 < len(ex.doc)
                and ex.doc[t.i + 1].lemma_.lower() in ("broker", "mediate", "sponsor")
            ):
                found.append(ex.actor_in(ex.doc[t.i - 1]) or "")  # "the US-brokered truce"
        if c.status in ("agreed", "in_force", "declared") and r.parties:
            # "the two armies reached a deal, Washington and Riyadh said in a joint statement": who announces
            # a deal between others, and fights neither, stands beside it
            root = c.sent.root
            if (
                root.lemma_.lower() in _ANNOUNCING
                and root.i != c.head.i
                and c.head.i not in {t.i for t in root.children}
            ):
                for subj in (x for x in root.children if x.dep_ == "nsubj"):
                    for x in [subj, *subj.conjuncts]:
                        who = ex.actor_in(x)
                        if who and not ex.is_side(who) and not ex.belligerent(who):
                            found.append(who)
        for m in found:
            if m and m not in r.parties and m not in r.mediators and len(r.parties) >= 1:
                r.mediators.append(m)
            elif m and m in r.parties and len(r.parties) > 2:
                # "the US-brokered truce" taken for one between three: who brokers it is not a side
                r.parties.remove(m)
                r.mediators.append(m)
