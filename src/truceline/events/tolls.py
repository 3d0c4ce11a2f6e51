"""Tolls: who claims a count, the attack a toll told on its own belongs to, and an event's fatalities.

* A count's claimant is the speaker of the statement it is told in ("Gaza health officials claim
  that hundreds have been killed"); with no speaker it is the outlet's own (``claimant: null``).
* "Hundreds have been killed" in a sentence with no attack of its own is the toll of the attack told
  just before it (within two sentences or so): the count joins that event, and the sentence becomes
  one more piece of its evidence. A war's own toll ("the conflict has killed thousands") is not an
  attack's: it goes, marked ``of_war``, with the event its own sentence tells, and is no event's
  fatalities.
* ``fatalities``: UCDP's best, low and high from every claim of deaths the event carries (the
  store derives them again over every report of one incident).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from truceline.events.syntax import ActorIndex
from truceline.models import Event, Evidence, Fatalities, Quantity

TOLL_REACH = 600  # characters between the attack's last sentence and a toll told after it
_WAR_NOUNS = {"war", "conflict", "fighting", "violence", "crisis", "insurgency", "campaign", "offensive", "siege"}


def claimant(num: Token, s: ActorIndex, reporting: set[str]) -> str | None:
    """The actor whose statement a number is told in: the subject of the reporting verb above it."""
    for a in num.ancestors:
        if a.pos_ == "VERB" and a.lemma_.lower() in reporting:
            subj = next((c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.i != num.i and num not in subj.subtree:
                return s.actor_of(subj, deep=True)
            return None
    return None


def war_toll(q: Quantity, sent: Span, num: Token | None = None) -> bool:
    """'The war has cost thousands of lives', 'six years of war that caused the deaths of thousands', 'the
    fighting has killed hundreds and displaced a million': a war's toll, not an attack's."""
    if num is not None and _said_of_war(num):
        return True
    start = sent.text.find(q.text)
    head = sent.text[:start].lower() if start >= 0 else sent.text.lower()
    return any(w in head.split()[-8:] for w in _WAR_NOUNS) or any(
        f"{w} that" in head or f"{w} which" in head for w in _WAR_NOUNS
    )


def _said_of_war(num: Token) -> bool:
    """The parse says a war does the killing: a war noun above the number, the subject of its verb (or of
    the verb it is coordinated with), or the noun a relative clause about it hangs on."""
    for a in list(num.ancestors)[:7]:
        if a.lemma_.lower() in _WAR_NOUNS:
            return True
        if a.pos_ not in ("VERB", "AUX"):
            continue
        verb = a.head if a.dep_ == "conj" and a.head.pos_ in ("VERB", "AUX") else a
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lemma_.lower() in _WAR_NOUNS:
            return True
        if verb.dep_ == "relcl":
            held = verb.head
            above = held.head.head if held.dep_ == "pobj" and held.head.dep_ == "prep" else None
            of = [o for p in held.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
            nouns = [held, *of] + ([above] if above is not None else [])  # "two decades of conflict that ..."
            return any(n.lemma_.lower() in _WAR_NOUNS for n in nouns)
        return False
    return False


TOLL_UNITS = {"killed", "wounded", "casualties", "displaced"}
CAPTIVE_UNITS = {"prisoners", "hostages"}


def attach(events: list[Event], orphans: list[tuple[Span, Quantity]]) -> None:
    """Give each toll told on its own to the attack told just before it (or, when every attack told before
    hit one side, to the last of them however far back: "nearly 60 people have died by now" in a story of
    one offensive), and each count of captives told on its own to the release or exchange told before it
    ("six civilians were also among those freed"). The other numbers of a sentence with no event of its
    own ("5,133 violations ... which resulted in 46 deaths") go with its toll."""
    by_sent: dict[int, tuple[Span, list[Quantity]]] = {}
    for sent, q in orphans:
        by_sent.setdefault(sent.start_char, (sent, []))[1].append(q)
    for sent, qs in by_sent.values():
        tolls = [q for q in qs if q.unit in TOLL_UNITS and not q.of_war]  # (the coder marked the war's own)
        captives = [q for q in qs if q.unit in CAPTIVE_UNITS]
        if tolls:
            e = _attack_before(events, sent) or _story_attack(events, sent)
            found = tolls + [q for q in qs if q.unit not in TOLL_UNITS]
            rule = "toll_of_attack_before"
        elif captives:
            e, found, rule = _release_before(events, sent), captives, "captives_of_release_before"
        else:
            continue  # (a war's toll told on its own goes with the agreement: agreements.war_tolls)
        if e is None:
            continue
        e.quantities.extend(found)
        if not any(ev.start == sent.start_char for ev in e.evidence):
            e.evidence.append(Evidence(sentence=sent.text.strip(), start=sent.start_char, end=sent.end_char, rule=rule))


def _ends_before(e: Event, sent: Span) -> list[int]:
    return [ev.end for ev in e.evidence if ev.end <= sent.start_char]


def _nearest_before(events: list[Event], sent: Span, reach: float) -> Event | None:
    best: tuple[int, Event] | None = None
    for e in events:
        ends = _ends_before(e, sent)
        if not ends:
            continue
        gap = sent.start_char - max(ends)
        if gap <= reach and (best is None or gap < best[0]):
            best = (gap, e)
    return best[1] if best is not None else None


def _attack_before(events: list[Event], sent: Span) -> Event | None:
    return _nearest_before([e for e in events if e.type == "ASSAULT" and not e.negated], sent, TOLL_REACH)


def _story_attack(events: list[Event], sent: Span) -> Event | None:
    """The last attack told before a sentence, when every attack told before it hit the same side."""
    before = [e for e in events if e.type == "ASSAULT" and not e.negated and _ends_before(e, sent)]
    if not before or len({e.target for e in before}) != 1 or before[0].target is None:
        return None
    return _nearest_before(before, sent, float("inf"))


def _release_before(events: list[Event], sent: Span) -> Event | None:
    """The release or exchange told just before a sentence (a count of captives it gives on its own)."""
    freeing = [e for e in events if not e.negated and (e.mode == "release" or _counts_captives(e))]
    return _nearest_before(freeing, sent, TOLL_REACH)


def _counts_captives(e: Event) -> bool:
    return any(q.unit in CAPTIVE_UNITS for q in e.quantities)


def combine(reports: list[Fatalities]) -> Fatalities | None:
    """One incident's deaths over its reports: every distinct claim kept (one per value, claimant and bound),
    then best, low and high as for one report."""
    claims: list[Quantity] = []
    seen: set[tuple] = set()
    for f in reports:
        for q in f.claims:
            key = (q.value, q.claimant, q.lower_bound, q.approx)
            if key not in seen:
                seen.add(key)
                claims.append(q)
    return fatalities(claims)


def fatalities(quantities: list[Quantity]) -> Fatalities | None:
    """Best, low and high deaths from the claims: low the smallest, high the largest, best the largest
    exact figure (or, with none, the smallest lower bound)."""
    claims = [q for q in quantities if q.unit == "killed" and not q.of_war]
    if not claims:
        return None
    values = [q.value for q in claims]
    exact = [q.value for q in claims if not q.lower_bound and not q.approx]
    best = max(exact) if exact else min(values)
    highs = [q.high for q in claims if q.high is not None]
    return Fatalities(best=best, low=min(values), high=max(values + highs), claims=claims)
