"""Roles from the article's frame, after the parse and before the word-order fallbacks.

A human coder fills the missing target of "agreed to a ceasefire" with the other side, and keeps a
mediator or a host out of the dyad of the deal it brokered. These are the frame's rules:

* one side known, the other missing, on an event between the sides (an attack, a deal, talks, an
  accusation, a threat, a refusal, a release): the missing one is the counterpart side
  (``+target_frame`` / ``+source_frame``, with a lower confidence);
* a third party (mediator, host, international body) that calls on, welcomes or talks with no one
  named: the first side stands for both (``+target_frame``);
* a third party in the dyad of a deal, release or attack beside one side: it is replaced by the
  other side (``+mediator_out``); a mediator is the source of CONSULT or SUPPORT, not a party (but
  what a side agrees "with" the mediator is agreed with the mediator);
* a deal told in the passive by one side is that side's, with the other (``+claimant_party``);
* in a war of a state against an armed group, an air attack no one is named for is the state's
  (``+air_power``);
* a target read off a place is the side that holds it (``+side_of_place``), except for aid, which goes
  to the people there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from truceline.events.draft import Draft
from truceline.frame.lookup import FrameIndex

# types whose two roles are the conflict's two sides when the text names only one
BETWEEN_SIDES = {
    "ASSAULT",
    "COERCE",
    "AGREE",
    "CONSULT",
    "ACCUSE",
    "THREATEN",
    "REJECT",
    "RETREAT",
    "CONCEDE",
    "SANCTION",
    "REQUEST",
}
# words for fighting between two sides (not a one-sided strike, not a tally like "the war has killed")
FIGHTING = {
    "fighting",
    "fight",
    "clash",
    "clashes",
    "battle",
    "battles",
    "hostility",
    "hostilities",
    "combat",
    "skirmish",
    "skirmishes",
    "exchange",
    "firefight",
    "gunbattle",
}
# speech acts aimed across the lines, completed from the article's own events
ARTICLE_FILL = {"REJECT", "ACCUSE", "THREATEN"}
# what a third party does to the sides as a whole
THIRD_PARTY = {"REQUEST", "SUPPORT", "CONSULT"}
# a third party is never a party to these
PARTIES_ONLY = {"AGREE", "RETREAT", "CONCEDE", "ASSAULT", "COERCE"}


def fill(
    d: Draft,
    fi: FrameIndex,
    places: set[str] | frozenset[str] = frozenset(),
    thing_subject: bool = False,
    from_the_air: bool = False,
) -> None:
    """Fill the roles the parse left empty from the frame; ``places``: the countries of the places the
    sentence names (an attack in a third country is not taken to be on the other side); ``from_the_air``: the
    attack is an air strike or its doer an aircraft the text gives no owner."""
    if not fi.two_sided:
        return
    side_of_place(d, fi)
    air_power(d, fi, from_the_air)
    agreed_unnamed(d, fi)
    placed = d.target is not None and "+target_from_location" in d.rule and d.target in fi.countries()
    if d.source is None and (d.target is None or placed):
        fighting = d.type == "ASSAULT" and d.trigger.pos_ == "NOUN" and d.trigger.lemma_.lower() in FIGHTING
        if fighting and not places - fi.countries():
            # "heavy fighting raged in Khartoum", "clashes erupted on Sept. 27": the conflict's own fighting
            d.source, d.target = fi.reps()
            d.rule += "+frame_both"
        if d.target is None:
            return
    if d.source and d.target and d.type in ("ASSAULT", "COERCE") and fi.side_of(d.source) is not None:
        own = fi.side_of(d.source)
        if fi.side_of(d.target) == own and len(fi.countries()) == 2:
            # "the Israeli military ... firing" at Israel in a war between two states: the parse took the
            # attacker's own country for the target; it is the other side
            d.target = fi.counterpart(d.source)
            d.rule += "+target_frame"
    if d.source and d.target:
        _mediator_out(d, fi)
        if d.mode == "third-party" and fi.is_third(d.target) and fi.is_third(d.source):
            d.target = fi.reps()[0]  # "Egypt, Qatar and the UN sought to mediate": between the sides
            d.rule += "+target_frame"
        return
    if d.source and d.target is None:
        other = fi.counterpart(d.source) if d.type in BETWEEN_SIDES else None
        if other is not None and d.type in ("ASSAULT", "COERCE") and places - fi.countries():
            other = None  # "struck targets near the Syrian town of Qusayr": somewhere else
        if other is None and d.type in THIRD_PARTY and fi.side_of(d.source) is None:
            other = fi.reps()[0]
        if other is not None and other != d.source:
            d.target = other
            d.rule += "+target_frame"
    elif d.target and d.source is None and d.type in BETWEEN_SIDES and not thing_subject:
        # (not when the clause names a thing as the doer: "the deal would allow", "the conflict has killed")
        other = fi.counterpart(d.target)
        if other is not None and other != d.target:
            d.source = other
            d.rule += "+source_frame"


def air_power(d: Draft, fi: FrameIndex, from_the_air: bool) -> None:
    """'Military aircraft bombed villages', 'airstrikes hit the camp': in a war between a state and an armed
    group, an air attack no one is named for is the state's, on the other side (``+air_power``)."""
    side = fi.state_side()
    if not from_the_air or d.type != "ASSAULT" or d.source is not None or side is None:
        return
    rep, other = fi.reps()[side], fi.reps()[1 - side]
    if d.target is not None and fi.side_of(d.target) == side:
        return  # the state's own side was hit: by whom, the text does not say
    d.source = rep
    own = fi.frame.sides[side].country
    if d.target is None or (d.target == own and fi.side_of(d.target) is None):
        d.target = other  # (villages of the state's own country, in a civil war, are the other side's ground)
    d.rule += "+air_power"


def agreed_unnamed(d: Draft, fi: FrameIndex) -> None:
    """'The group confirmed on Tuesday that a pause had been agreed': a deal told in the passive with no one
    agreeing is, told by one of the war's sides, that side's own, made with the other (``+claimant_party``)."""
    if d.type != "AGREE" or d.source is not None or d.target is not None or d.negated or d.status == "hypothetical":
        return
    verb = d.trigger
    if verb.pos_ != "VERB" or not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return
    if any(c.dep_ == "agent" for c in verb.children) or fi.side_of(d.reported_by) is None:
        return
    other = fi.counterpart(d.reported_by)
    if other is not None and other != d.reported_by:
        d.source, d.target = d.reported_by, other
        d.rule += "+claimant_party"


def side_of_place(d: Draft, fi: FrameIndex) -> None:
    """A target read off a place stands for the side that place belongs to ("a ceasefire in Lebanon" between
    Israel and Hezbollah is Hezbollah's)."""
    if not fi.two_sided or not d.target or d.type == "AID":
        return  # (aid to Gaza is for the people there, not for the side that holds it)
    if "+target_from_location" in d.rule or "+target_of_sentence" in d.rule:
        side = fi.side_of(d.target)
        rep = fi.reps()[side] if side is not None else None
        if rep is not None and rep != d.target and rep != d.source:
            d.target = rep
            d.rule += "+side_of_place"


def _mediator_out(d: Draft, fi: FrameIndex) -> None:
    if d.type not in PARTIES_ONLY:
        return
    for role, other_role in (("source", "target"), ("target", "source")):
        actor, other = getattr(d, role), getattr(d, other_role)
        if role == "source" and d.mode not in ("ceasefire", "release", "withdraw") and d.type == "AGREE":
            continue  # "Turkey will host talks": a host's own promise is its own
        with_whom = any(c.dep_ == "prep" and c.lower_ == "with" for c in d.trigger.children)
        if role == "target" and d.type == "AGREE" and with_whom:
            continue  # "the operation agreed with Erdogan": agreed with the mediator itself
        if fi.is_third(actor) and fi.side_of(other) is not None:
            setattr(d, role, fi.counterpart(other))
            d.rule += "+mediator_out"
            return


def from_article(drafts: list[Draft], country_of: Callable[[str | None], str | None]) -> None:
    """After every sentence is coded: a one-sided event between the sides takes its counterpart from
    the article's own complete events ("Hamas refused to release the hostages", in a report of Israeli
    strikes on Gaza, is refused to Israel) when one partner clearly stands out (``+target_article``)."""
    partners: dict[str, Counter] = {}
    for d in drafts:
        if d.source and d.target and d.type in BETWEEN_SIDES and "_frame" not in d.rule and "_article" not in d.rule:
            a, b = country_of(d.source), country_of(d.target)
            if a and b and a != b:
                partners.setdefault(a, Counter())[d.target] += 1
                partners.setdefault(b, Counter())[d.source] += 1
    for d in drafts:
        if d.type not in ARTICLE_FILL or not d.source or d.target:
            continue
        known = d.source
        ranked = partners.get(country_of(known) or "", Counter()).most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
            continue
        other = ranked[0][0]
        if country_of(other) == country_of(known):
            continue
        if d.source:
            d.target = other
            d.rule += "+target_article"
        else:
            d.source = other
            d.rule += "+source_article"
