"""Last-resort roles by word order, for sentences the small parser gets wrong.

The dependency roles in ``coder`` come first. When they leave the source or target empty, an
analyst reading the sentence still knows who acted: in English news the actor is nearly always
the closest name before the predicate, and the one acted on the closest name after it. These
fallbacks apply that reading, skipping places ("in Gaza"), the claimant ("Ukrainian officials
said") and the other role, and record it in the event's rule (``+source_nearby``,
``+target_nearby``) so an analyst can discount it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from truceline.events.draft import Draft
from truceline.events.syntax import ActorIndex, subject

# Prepositions whose objects are places or times, not actors of the event.
_PLACE_PREPS = {"in", "at", "near", "across", "inside", "around", "outside", "throughout", "within", "over", "during"}
# Words that end the stretch a fallback may look across.
_STOPS = {";", ":", "—", "–"}
# "in defiance of X", "in protest at X", "in response to X": a phrase of stance or cause whose object is an actor.
_STANCE_NOUNS = {"defiance", "protest", "support", "solidarity", "response", "retaliation", "opposition", "reply"}
_WINDOW = 14  # tokens: beyond this the nearest name is as likely to belong to another clause
# Types whose event has an object: the only ones given a target by proximity.
TARGETED = {
    "ASSAULT",
    "COERCE",
    "THREATEN",
    "ACCUSE",
    "REQUEST",
    "SANCTION",
    "REJECT",
    "AID",
    "SUPPORT",
    "CONSULT",
    "CONCEDE",
    "RETREAT",
    "COOPERATE",
    "AGREE",
    "MOBILIZE",
    "PROTEST",
}


def _in_place_phrase(tok: Token, stop: Token) -> bool:
    """Whether ``tok`` sits in a prepositional phrase of place or time (below ``stop``)."""
    cur = tok
    for _ in range(6):
        if cur.dep_ == "pobj" and cur.head.lower_ in _PLACE_PREPS:
            return cur.lemma_.lower() not in _STANCE_NOUNS  # "in defiance of Chinese authorities" is no place
        if cur.head.i == cur.i or cur.head.i == stop.i:
            return False
        cur = cur.head
    return False


def _said_subject(tok: Token, reporting: set[str]) -> bool:
    """'Ukrainian officials said ...': the subject of a reporting verb is the claimant, not the actor."""
    head = tok
    while head.dep_ in ("compound", "amod", "poss", "det", "appos", "flat") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in reporting


def nearest_actor(
    d: Draft, s: ActorIndex, sent: Span, *, before: bool, exclude: set[str | None], reporting: set[str]
) -> str | None:
    """The closest actor mention before (or after) the trigger, within the sentence and the window."""
    trig = d.trigger
    if before:
        order = range(trig.i - 1, max(sent.start, trig.i - _WINDOW) - 1, -1)
    else:
        order = range(trig.i + 1, min(sent.end, trig.i + _WINDOW + 1))
    for i in order:
        tok = sent.doc[i]
        if tok.text in _STOPS:
            return None
        if not before and tok.lemma_.lower() in reporting and tok.pos_ == "VERB":
            return None  # "... , the ministry said": what follows is the claimant
        if not before and tok.dep_ == "mark" and tok.lower_ in ("if", "unless", "until"):
            return None  # a condition names other actors ("... would be destroyed if Hamas did not ...")
        m = s.by_token.get(i)
        if m is None or m.actor_id in exclude:
            continue
        if i + 1 < len(sent.doc) and sent.doc[i + 1].text == "-":
            continue  # "the US-brokered truce", "Iran-backed militias": a sponsor named in a modifier
        if _in_place_phrase(tok, trig) or _said_subject(tok, reporting):
            continue
        owner = _appositive_owner(tok, s) if before else None
        if owner is not None and owner not in exclude:
            return owner  # "Antonio Guterres, Secretary General of the UN, called ...": Guterres, not the UN
        return m.actor_id
    return None


def _appositive_owner(tok: Token, s: ActorIndex) -> str | None:
    """The actor a name's appositive hangs on: 'Guterres, Secretary General of the UN' -> Guterres."""
    cur = tok
    for _ in range(5):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ == "appos":
            head = s.by_token.get(cur.head.i)
            return head.actor_id if head is not None else None
        if cur.dep_ not in ("pobj", "prep", "compound", "amod", "poss"):
            return None
        cur = cur.head
    return None


_SELF = {"it", "its", "they", "their", "we", "our"}


def _state_body(actor_id: str | None, s: ActorIndex) -> bool:
    """A state or one of its bodies (government, forces, police): who can deploy a state's troops."""
    if actor_id is None or s.kinds.get(actor_id) not in ("country", "generic"):
        return False
    actor = next((a for a in s.res.actors if a.id == actor_id), None)
    return actor is not None and actor.sector in (None, "GOV", "MIL", "COP")


def _speaks_of_itself(d: Draft) -> bool:
    """'Hamas said its fighters had ...', 'the SBU said it had used drones to hit ...'."""
    verb = d.trigger if d.trigger.pos_ in ("VERB", "AUX") else d.trigger.head
    subj, passive = subject(verb) if verb.pos_ in ("VERB", "AUX") else (None, False)
    if subj is None or passive:
        return False
    if subj.lower_ in _SELF:
        return True
    return any(c.dep_ == "poss" and c.lower_ in _SELF for c in subj.children)


_REACTIONS = {
    "condemn",
    "denounce",
    "deplore",
    "decry",
    "criticise",
    "criticize",
    "welcome",
    "praise",
    "mourn",
    "investigate",
    "report",
    "document",
    "confirm",
    "deny",
    "regret",
    "protest",
    "blame",
}


def _reacted_to(d: Draft) -> bool:
    """'The Security Council condemned the attack on peacekeepers': who reacts to an event did not do it."""
    t = d.trigger
    return t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "obj") and t.head.lemma_.lower() in _REACTIONS


def fill_roles(d: Draft, s: ActorIndex, sent: Span, reporting: set[str]) -> None:
    """Give a draft the source and target its parse left empty: the claimant speaking of itself, then proximity."""
    if d.source is None and d.reported_by is not None and d.reported_by != d.target and _speaks_of_itself(d):
        d.source = d.reported_by
        d.rule += "+source_is_claimant"
    if d.source is None and d.type == "THREATEN" and d.reported_by is not None and d.reported_by != d.target:
        # "Katz said Gaza City would be destroyed if ...": who announces the harm threatens it
        d.source = d.reported_by
        d.rule += "+source_is_speaker"
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in d.trigger.children)
    if d.source is None and passive and d.type == "MOBILIZE" and _state_body(d.reported_by, s):
        # "the defence ministry said 5,000 troops had been deployed": a state tells of its own forces' moves
        d.source = d.reported_by
        d.rule += "+own_forces"
        return
    if d.source is None and passive:
        # "34 people were killed when Russian missiles hit": after a passive verb comes the cause
        d.source = nearest_actor(d, s, sent, before=False, exclude={d.target, d.reported_by}, reporting=reporting)
        if d.source is not None:
            d.rule += "+source_nearby"
        return
    if d.source is None and not _reacted_to(d):
        d.source = nearest_actor(d, s, sent, before=True, exclude={d.target, d.reported_by}, reporting=reporting)
        if d.source is not None:
            d.rule += "+source_nearby"
    if d.target is None and d.type == "PROTEST" and d.source is not None:
        # "blocked a road to show their disapproval of the United States' policies", "in defiance of the
        # Chinese authorities": an adversary named after the protest is its target
        after = nearest_actor(d, s, sent, before=False, exclude={d.source, d.reported_by}, reporting=reporting)
        if after is not None and s.country_of(after) != s.country_of(d.source):
            d.target = after
            d.rule += "+target_nearby"
            return
        # protesters with no named adversary protest to their own government (CAMEO/PLOVER practice), or
        # abroad to the state they protest in ("prisoners rioted at a jail in northern Israel")
        own = s.country_of(d.source) or ""
        if "-" in own:
            own = own.split("-", 1)[0]  # a generic id made by the coder ("UKR-CVL")
        where = d.location.country if d.location is not None else None
        if where and own and where != own and len(own) == 3:
            d.target = where
            d.rule += "+target_from_location"
            return
        if own != d.source and len(own) == 3 and own.isupper():
            d.target = own
            d.rule += "+own_government"
    if d.target is None and d.type in TARGETED:
        d.target = nearest_actor(d, s, sent, before=False, exclude={d.source, d.reported_by}, reporting=reporting)
        if d.target is not None:
            d.rule += "+target_nearby"
