"""Code events from each sentence's dependency parse.

For each trigger (a verb or event noun from the lexicon) the coder finds the source and target
actors from the parse (subject/agent, object/patient, prepositions, possessives, demonym
modifiers), its status from governing verbs, modals and negation, who reports it, its date,
place and quantities. Several sentences about one event become one event with several pieces
of evidence. Every event records the rule that produced it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from bisect import bisect_right
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from truceline.actors.resolve import ActorResolution
from truceline.events import conventions, conversations, framing, nearby, restatements, tolls
from truceline.events import dates as dates_mod
from truceline.events.draft import Draft
from truceline.events.explain import explain
from truceline.events.lexicon import Governor, Lexicon, Trigger, lexicon
from truceline.events.ontology import ontology
from truceline.events.place_lists import each_place
from truceline.events.places import ArticlePlaces, country_location, elsewhere, place_cues, ranked, role_of
from truceline.events.quantities import number_value, quantities_in
from truceline.events.syntax import TARGET_PREPS, ActorIndex, child, labour_strike, lemma_of, prep_objects, subject
from truceline.frame.lookup import FrameIndex
from truceline.models import ArticleFrame, Event, Evidence, Location, Quantity
from truceline.nlp.index import ent_of, ents_in, sent_of, sents

CONFLICT_TYPES = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION"}
# types whose recipient is the place they happen in when no one else is named
_GRIEVANCE_PREPS = ("over", "about", "against")
_PLACE_TARGETS = {"ASSAULT", "COERCE", "CONCEDE", "RETREAT", "AID", "MOBILIZE"}
_NOT_OBJECTS = {
    "give": {
        "order",
        "speech",
        "statement",
        "interview",
        "warning",
        "signal",
        "impression",
        "figure",
        "detail",
        "response",
        "answer",
        "reply",
    },
    "hold": {"view", "position", "office", "power", "seat", "election"},
    "hit": {"record", "target", "milestone", "high", "low"},
    "strike": {"deal", "agreement", "tone", "balance", "note", "chord", "bargain"},
    "launch": {"website", "campaign", "product", "app", "book"},
    "fire": {"official", "minister", "employee", "coach", "chief"},
    "execute": {"what", "exchange", "swap", "plan", "deal", "order", "operation", "strategy", "agreement", "contract"},
    # "has not released any statements", "released a video": published, not set free
    "release": {
        "statement",
        "report",
        "video",
        "footage",
        "data",
        "figure",
        "detail",
        "image",
        "photo",
        "list",
        "document",
        "recording",
        "film",
        "result",
        "information",
        "text",
        "record",
        "transcript",
    },
    # "received 55 prisoners", "received appreciation": no visit
    "receive": {
        "prisoner",
        "captive",
        "detainee",
        "body",
        "aid",
        "appreciation",
        "support",
        "letter",
        "message",
        "call",
        "award",
        "assurance",
        "guarantee",
        "weapon",
        "shipment",
        "delivery",
        "report",
        "request",
    },
}
_NO_COMMENT = {"comment", "elaborate", "confirm", "say", "respond", "disclose", "specify", "discuss", "name"}
_VERBAL = {"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"}
_CAPTIVE_UNITS = {"prisoners", "hostages"}
_MEDIUM_PREPS = {"on", "in", "during", "at", "over"}
_RECEIVING = {"receive", "win", "earn", "get", "obtain", "accept"}
_HOMECOMING = {"arrive", "return", "land"}
_CAPTIVES = {"prisoner", "detainee", "hostage", "captive", "pow", "pows"}
_TIME_NOUNS = {"night", "morning", "afternoon", "evening", "day", "week", "weekend", "month", "year", "hour", "dawn"}
_EXPLICIT_DATE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|"
    r"August|September|October|November|December) \d{1,2}\b(?!,? \d{4})(?! (?:p\.?m|a\.?m))|"
    r"\b(?:Orthodox )?(?:Christmas(?: Day| Eve)?|New Year[’']s (?:Day|Eve))(?:,? (?:in |of )?\d{4})?"
)
_RELATIVE_TIME = re.compile(
    r"\b(?:last night|yesterday(?: morning| afternoon| evening)?|this (?:morning|afternoon|evening)|tonight|"
    r"overnight|earlier today|today)\b",
    re.IGNORECASE,
)
_SPEECH_STATUSES = {"demanded", "threatened", "refused", "proposed"}
_REACTION_TYPES = {"ACCUSE", "REJECT", "SUPPORT", "PROTEST", "REQUEST", "CONSULT"}
_SEQUENCE_PREPS = {"after", "before", "since", "following", "despite", "amid", "over", "until", "during"}
_STATIVE = {"oppose", "commit", "determine", "prepare", "resolve", "dedicate", "engage", "involve"}
_HAPPEN = {"take", "happen", "occur", "begin", "start", "continue", "resume", "proceed", "go", "end", "collapse"}
_CONDITION_MARKS = {"if", "unless", "until"}
_READY = {"open", "ready", "willing", "prepared", "prepare"}
_JOINT_TYPES = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}
# acts done by all the conjoined subjects to someone else: "X and Y seized towns" is X's and Y's
_ONE_WAY = {"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE", "AID"}
_NEGATIONS = {"not", "never", "n't", "no"}
_FUTURE = {"will", "'ll", "shall"}
_CONDITIONAL = {"would", "could", "might", "may", "should", "can"}


# types whose place is a venue, never the one acted on ("agreed to a truce in Havana", "talks in Doha")
_VENUE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "REQUEST", "REJECT", "ACCUSE", "THREATEN", "COOPERATE"}
_PEOPLE_WORDS = {
    "gunman",
    "gunmen",
    "man",
    "men",
    "protester",
    "official",
    "fighter",
    "militant",
    "soldier",
    "troop",
    "rebel",
    "attacker",
    "assailant",
    "force",
    "side",
    "party",
    "negotiator",
    "leader",
    "group",
    "people",
    "resident",
    "other",  # "others accused Russia of ...": people the text does not name
    "critic",
}
_VICTIMS = {"prisoner", "civilian", "detainee", "hostage", "person", "woman", "activist", "member", "worker", "child"}
_SUFFERING = {"deal", "face", "suffer", "endure", "cope", "contend", "withstand", "survive", "come", "fall", "repel"}
_SIGNALS = {"alert", "alarm", "siren", "warning", "shelter", "drill"}  # "air-raid alerts": no raid
_HALT_WORDS = {"ceasefire", "truce", "cease-fire", "halt", "moratorium", "pause"}
_MENTIONS = {"reference", "mention", "fear", "risk", "prospect", "spectre", "specter", "possibility", "rumour", "rumor"}
_EACH_SIDE = {"AGREE"}  # with a joint subject, each side's own act
_PLACE_NOUNS = {"town", "city", "village", "province", "region", "territory", "soil", "capital", "port", "district"}
_RECIPROCAL = {"clash", "fight", "battle", "skirmish", "exchange", "trade"}  # each side acts on the other
_TEMPORAL = {"after": -1, "following": -1, "since": -1, "before": 1, "until": 1, "ahead": 1}
_GAP_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}


# quantity words a phrase's real object hangs on ("some of their heaviest fire", "most of the hostages")
_PARTITIVES = frozenset({"some", "much", "most", "part", "all", "many", "one", "dozens", "hundreds", "thousands"})


def _temporal_shift(clause_verb: Token, governor: Token) -> timedelta | None:
    """If a clause hangs from its governor through 'after / before / since', the time between them:
    'a day after' -> -1 day, 'two weeks before' -> +14 days, 'after' alone -> 0 (unknown). None when
    the clause is no such temporal clause."""
    cur = clause_verb
    while cur.i != governor.i and cur.head.i != cur.i:
        link = next((c for c in cur.children if c.dep_ in ("mark", "prep") and c.lower_ in _TEMPORAL), None)
        if link is None and cur.dep_ == "pcomp" and cur.head.lower_ in _TEMPORAL:
            link = cur.head
        if link is not None:
            gap = next((c for c in [*cur.children, *link.children] if c.dep_ == "npadvmod"), None)
            days = 0
            if gap is not None and gap.lower_ in _GAP_UNITS:
                count = next((c for c in gap.children if c.dep_ in ("det", "nummod")), None)
                value = (1.0, False) if count is None or count.lower_ in ("a", "one") else number_value(count.text)
                days = int(value[0]) * _GAP_UNITS[gap.lower_] if value else 0
            return timedelta(days=days * _TEMPORAL[link.lower_])
        cur = cur.head
    return None


_FUTURE_FRAMES = {"due", "set", "expected", "scheduled", "going", "poised", "likely"}
_BACKGROUND = {"since", "after", "before", "following", "until", "ahead", "prior"}


def _clause_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _future_clause(tok: Token) -> bool:
    """'will meet on Monday', 'is due to take effect on Friday', 'talks set for Wednesday': ahead."""
    verb = _clause_verb(tok)
    for v in [verb, *(verb.ancestors if verb is not None else [])][:3] if verb is not None else []:
        if v.pos_ not in ("VERB", "AUX"):
            break
        aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        if aux & _FUTURE or v.lower_ in _FUTURE_FRAMES:
            return True
        if any(c.dep_ == "acomp" and c.lower_ in _FUTURE_FRAMES for c in v.children):
            return True
        if v.dep_ not in ("xcomp", "ccomp", "advcl", "conj"):
            break
    return False


def _told_lately(verb: Token) -> bool:
    """A verb in the simple past, present or present perfect, not future, conditional or past perfect."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "had" in aux or aux & _FUTURE or aux & _CONDITIONAL:
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ == "VBN" and bool(aux & {"has", "have", "'s", "'ve"}))


def _saying(tok: Token, reporting: set[str] | frozenset[str]) -> Token | None:
    """The verb of saying the token's clause is reported by: 'said that ...', '“...,” he said'."""
    for a in tok.ancestors:
        if a.pos_ in ("VERB", "AUX") and a.lemma_.lower() in reporting:
            return a
    return None


def _said_lately(d: Draft, reporting: set[str] | frozenset[str]) -> bool:
    """A promise, offer, threat or demand is made when it is said: 'he said it will abide by the
    deal', 'has told the agency he is ready to discuss' are dated by the saying, if told lately."""
    if d.type not in _VERBAL or d.type == "CONSULT" or d.negated:
        return False
    if d.status == "hypothetical":
        clause = _clause_verb(d.trigger)
        aux = {c.lower_ for c in clause.children if c.dep_ == "aux"} if clause is not None else set()
        if aux != {"would"}:
            return False  # "said it would discuss": the "will" of the words said, shifted back
    verb = _saying(d.trigger, reporting)
    return verb is not None and _told_lately(verb) and verb.dep_ not in ("advcl", "relcl", "acl")


def _just_happened(d: Draft, reporting: set[str] | frozenset[str] = frozenset()) -> bool:
    """An event told as done in the article's own voice (simple past, present perfect or present), with
    no date of its own; not planned, hypothetical or denied, not in a background clause ('since',
    'after', a past perfect). A past perfect reported by a verb of saying in the past is the simple
    past shifted back ('said that the two had agreed'): the act is recent."""
    if d.status in ("planned", "hypothetical", "proposed") or d.negated or d.intent:
        return False
    verb = _clause_verb(d.trigger)
    if verb is None:
        return False
    for t in [d.trigger, *d.trigger.ancestors]:
        if t.i == verb.i:
            break
        if t.lower_ in _BACKGROUND and t.dep_ in ("prep", "mark"):
            return False
    cur = verb
    for _ in range(4):
        aux = {c.lower_ for c in cur.children if c.dep_ in ("aux", "auxpass")}
        if (
            "had" in aux
            and cur.dep_ == "ccomp"
            and cur.head.lemma_.lower() in reporting
            and cur.head.tag_ == "VBD"
            and not aux & _CONDITIONAL
        ):
            cur = cur.head  # "said that Armenia and Azerbaijan had agreed": the saying's tense
            continue
        if "had" in aux or aux & _FUTURE or aux & _CONDITIONAL:
            return False
        if any(c.dep_ == "mark" and c.lower_ in _BACKGROUND | _CONDITION_MARKS for c in cur.children):
            return False
        if cur.tag_ in ("VBD", "VBZ", "VBP") or (
            cur.tag_ == "VBN" and aux & {"has", "have", "was", "were", "'s", "'ve"}
        ):
            return True
        if cur.tag_ in ("VBG", "VBN") and cur.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl", "ccomp"):
            cur = cur.head  # "..., killing 12": the tense of the clause it hangs on
            if cur.pos_ == "NOUN" and cur.dep_ in ("dobj", "nsubj", "nsubjpass"):
                cur = cur.head  # "put out a statement thanking Egypt": the tense of the statement's verb
            elif cur.pos_ == "NOUN" and cur.dep_ == "pobj" and cur.head.head.pos_ in ("VERB", "AUX"):
                cur = cur.head.head
            if cur.pos_ not in ("VERB", "AUX"):
                return False
            continue
        if cur.tag_ == "VB" and cur.dep_ == "xcomp":
            cur = cur.head  # "has instructed the minister to order a ceasefire": the order's tense is the instruction's
            continue
        if cur.tag_ == "VBG" and cur.dep_ == "pcomp" and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head  # "resumed operations after accusing the group": the same subject's act, then
            continue
        return False
    return False


def _restates(d: Draft, e: Event) -> bool:
    """Does a later sentence's act restate an earlier event: same mode, or the same kind of word?"""
    if d.mode and d.mode == e.mode:
        return True
    return (d.trigger.pos_ == "VERB") == (e.rule.startswith("verb:")) and e.trigger.lower()[:4] == d.trigger.lower_[:4]


_PERIOD_WORDS = {"over", "from", "until", "till", "through", "throughout", "during", "for", "to", "into"}


def _halt_period(tok: Token, halt: Token) -> bool:
    """Is a date inside a halt's own period: 'a truce over Orthodox Christmas', 'a ceasefire beginning
    tonight', 'until Friday' (not 'agreed to a ceasefire on Monday', which dates the agreeing)?"""
    cur = tok
    while cur.i != halt.i:
        if cur.head.i == cur.i:
            return False  # the date is not under the halt's noun
        if cur.i != tok.i and (cur.pos_ in ("VERB", "AUX") or cur.lower_ in _PERIOD_WORDS):
            return True
        cur = cur.head
    return False


_ANOTHER = {"also", "too", "additionally", "further", "separately", "again", "likewise"}


def _told_as_another(d: Draft) -> bool:
    """'The US also issued visa restrictions', 'Israel again struck Rafah': an act added to those told."""
    verb = _clause_verb(d.trigger)
    return verb is not None and any(c.dep_ == "advmod" and c.lower_ in _ANOTHER for c in verb.children)


def _anaphoric(d: Draft) -> bool:
    """'The attack killed 20', 'the strikes': a definite noun that points back at an act already told."""
    if d.type not in ("ASSAULT", "COERCE") or d.trigger.pos_ != "NOUN":
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another") for c in d.trigger.children)


def _in_other_relative_clause(verb: Token, trigger: Token) -> bool:
    """'The war, which began in April 2023, has killed thousands': the date is the relative clause's."""
    for v in [verb, *verb.ancestors]:
        if v.dep_ in ("relcl", "acl"):
            return trigger.i < v.left_edge.i or trigger.i > v.right_edge.i
    return False


_CAPTIVE_NOUNS = {"prisoner", "prisoners", "detainee", "detainees", "inmate", "inmates", "captive", "captives", "pows"}


def _freed_by_group(q: Quantity, d: Draft, s: ActorIndex) -> bool:
    """People (not prisoners by name) that an armed group frees or hands over are hostages."""
    if (q.noun or "").lower() in _CAPTIVE_NOUNS or q.noun is None:
        return False
    return d.type in ("RETREAT", "CONCEDE") and d.source is not None and s.kinds.get(d.source) == "group"


def _own_people(num: Token, d: Draft, s: ActorIndex) -> bool:
    """Whether the people a count names are of the freeing group's own nation ("120 Y were
    freed by the group and the state respectively": the group's own people are prisoners it gets back)."""
    noun = num.head
    words = [noun, *noun.children]
    own = s.country_of(d.source)
    for w in words:
        m = s.by_token.get(w.i)
        if m is not None and w.ent_type_ == "NORP" and s.country_of(m.actor_id) == own:
            return True
    return False


def _in_another_town(loc: Location | None, other: Location | None) -> bool:
    """Whether a later telling places an act (not a meeting or a deal) in a town other than the first
    telling's place: ACLED's one event per place."""
    if loc is None or other is None or loc.precision != "city" or loc.role == "venue":
        return False
    return other.name != loc.name


def _deal_named(participle: Token) -> list[Token]:
    """The noun a participle describes, and the one before its "of" ("a cessation of hostilities signed")."""
    noun = participle.head
    if noun.pos_ != "NOUN":
        return []
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return [noun, noun.head.head]
    return [noun]


def _clause_of(trigger: Token) -> tuple[int, ...]:
    """The tokens that head an event's own clause: its trigger, and the verb a noun trigger is the subject or
    object of."""
    if (
        trigger.pos_ in ("NOUN", "PROPN")
        and trigger.dep_ in ("nsubj", "nsubjpass", "dobj")
        and trigger.head.pos_ == "VERB"
    ):
        return (trigger.i, trigger.head.i)  # ("fighting raged in K", "signed a truce in M")
    return (trigger.i,)


def _from_party(loc: Location, sent: Span) -> bool:
    """Whether a country is named as a party ('concessions from Ukraine', 'talks with Russia'), not as where
    something happens ('in', 'at') or where people are taken ('to')."""
    span = sent.doc.char_span(loc.start or 0, loc.end or 0, alignment_mode="expand")
    cur = span.root if span is not None else None
    for _ in range(4):
        if cur is None or cur.head.i == cur.i:
            return False
        if cur.dep_ == "prep" or cur.pos_ == "ADP":
            return cur.lower_ in ("from", "with", "against", "by", "between", "among")
        cur = cur.head
    return False


def _doer(verb: Token) -> Token | None:
    """The word that names who does a verb's act: its subject, or in the passive the object of its "by"."""
    subj, passive = subject(verb)
    if not passive:
        return subj
    agent = child(verb, "agent")
    return child(agent, "pobj") if agent is not None else None


def _nominal(tok: Token) -> bool:
    """'in retaliation for the US strikes on its sites': a noun the tagger took for a verb."""
    return tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and any(
        c.dep_ in ("det", "compound", "poss", "amod") for c in tok.children
    )


class Coder:
    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()
        self._by_sentence: tuple[ActorResolution | None, dict[int, list]] = (None, {})

    # ------------------------------------------------------------------ triggers
    def _appraisal(self, verb: Token) -> Trigger | None:
        """'called the raid an aggression', 'described the talks as constructive', 'called X's failure
        appalling': condemning is ACCUSE (disapprove), praising SUPPORT."""
        preds = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp")]
        preds += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children]
        for p in preds:
            words = {p.lemma_.lower(), p.lower_}
            words |= {c.lemma_.lower() for c in p.children if c.dep_ in ("amod", "advmod")}
            if words & self.lex.condemning:
                return Trigger("ACCUSE", "disapprove")
            if words & self.lex.praising:
                return Trigger("SUPPORT", None)
        return None

    def _medium_of_saying(self, tok: Token) -> bool:
        """A call, interview or briefing in which something is said, with no one named on the other end."""
        if tok.lemma_.lower() not in self.lex.media or tok.dep_ != "pobj" or tok.head.lower_ not in _MEDIUM_PREPS:
            return False
        verb = tok.head.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in self.lex.reporting:
            return False
        return not any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children)

    def trigger_of(self, tok: Token) -> tuple[Trigger, str] | None:
        lemma = lemma_of(tok)
        if tok.pos_ in ("VERB",):
            modifier = tok.dep_ == "amod" or (tok.i > 0 and tok.doc[tok.i - 1].text == "-")
            if tok.tag_ == "VBN" and modifier and child(tok, "nsubj") is None:
                return None  # "injured soldiers", "Iran-backed militias": a modifier, not an event
            obj = child(tok, "dobj")
            xcomp = child(tok, "xcomp")
            if lemma in ("decline", "refuse") and xcomp is not None and xcomp.lemma_.lower() in _NO_COMMENT:
                return None  # "declined to comment": no refusal of anything an analyst codes
            # "were taken hostage" (a predicate of the passive subject); "the hostages it is holding"
            # (the relative clause's object is the noun it hangs on)
            objects = list(tok.children)
            if tok.dep_ == "relcl" and obj is None and tok.head.pos_ == "NOUN":
                objects.append(tok.head)
            if obj is not None and obj.lemma_.lower() in _PARTITIVES:
                # "traded some of their heaviest fire", "freed most of the hostages": the "of" noun is the object
                objects += [
                    o
                    for c in obj.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for o in c.children
                    if o.dep_ == "pobj"
                ]
            named = _deal_named(tok) if tok.dep_ == "acl" and tok.tag_ == "VBN" else []
            deal = next((n for n in named if self._makes_deal(lemma, n)), None)
            if deal is not None:
                # "the accords signed in Oslo", "a cessation of hostilities signed in Pretoria": a deal named by
                # its making (a participle that only describes its noun, "the hostages held in Gaza", tells no act)
                key = f"{lemma} {deal.lemma_.lower()}"
                return self.lex.verbs[key], f"verb:{key}"
            for c in objects:
                if c.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in c.children if o.dep_ == "pobj"):
                    continue  # "called Egypt on Monday" is no "call on"
                # a passive's subject is its object ("a deal was struck"), where the phrase recodes a verb
                # that is an act of its own (strike: an attack) or makes a deal ("an agreement was reached")
                passive = c.dep_ == "nsubjpass" and (lemma in self.lex.verbs or self._makes_deal(lemma, c))
                partitive = c.dep_ == "pobj" and c.head.head.i == (obj.i if obj is not None else -1)
                if c.dep_ in ("prt", "prep", "dobj", "xcomp", "oprd") or passive or partitive or c.i == tok.head.i:
                    key = f"{lemma} {c.lower_ if c.dep_ in ('prt', 'prep') else c.lemma_.lower()}"
                    if key in self.lex.verbs:
                        return self.lex.verbs[key], f"verb:{key}"
                if c.dep_ in ("npadvmod", "compound", "amod") and c.i == tok.i - 2 and tok.doc[tok.i - 1].text == "-":
                    key = f"{c.lower_}-{lemma}"  # "test-fired a missile"
                    if key in self.lex.verbs:
                        return self.lex.verbs[key], f"verb:{key}"
            if self._alarm(tok):
                # "sirens warned of incoming rockets", "sirens sounded in southern Israel": fire coming in
                return Trigger("ASSAULT"), f"verb:{lemma}+alarm"
            voted = self._voted_for(tok) if lemma in self.lex.vote_verbs else None
            if voted is not None:
                key = f"{lemma} {voted.lemma_.lower()}"
                return self.lex.verbs[key], f"verb:{lemma} for {voted.lemma_.lower()}"
            ordered = lemma in ("give", "issue") and obj is not None and obj.lemma_.lower() == "order"
            if ordered and self._halt_context(tok):
                # "has given the order" right after a ceasefire is announced: the order to stop (RETREAT)
                return Trigger("RETREAT", "ceasefire"), f"verb:{lemma} order+ceasefire_context"
            if obj is not None and obj.lemma_.lower() in _NOT_OBJECTS.get(lemma, ()):
                return None  # "gave the order", "gave a speech", "struck a balance" (a phrase above may still fit)
            if lemma == "execute" and obj is not None and obj.lemma_.lower() not in _PEOPLE_WORDS | _VICTIMS:
                if obj.ent_type_ != "PERSON":
                    return None  # "executed the swap / what officials hail as ...": carried out, not killed
            subj = child(tok, "nsubj")
            if lemma in _HOMECOMING and subj is not None and subj.lemma_.lower() in _CAPTIVES:
                # "13 prisoners arrived in Sanaa", "the freed hostages returned home": a release carried out
                return Trigger("RETREAT", "release"), f"verb:{lemma}+captives_home"
            appraised = self._appraisal(tok) if lemma in self.lex.appraisal_verbs else None
            if appraised is not None:
                return appraised, f"verb:{lemma}+appraisal"
            if lemma in self.lex.verbs:
                return self.lex.verbs[lemma], f"verb:{lemma}"
        elif tok.pos_ in ("NOUN", "PROPN"):
            head = tok.head.lemma_.lower()
            if (
                tok.dep_ == "compound"
                and tok.head.pos_ in ("NOUN", "PROPN")
                and (head not in self.lex.nouns or head in _SIGNALS)
                and head not in self.lex.event_heads
            ):
                return None  # "aid workers", "a security cooperation mechanism": a modifier, not an event
            if tok.dep_ == "compound" and tok.head.i == tok.i + 1 and f"{lemma} {head}" in self.lex.nouns:
                return None  # "a phone call": the head names the event with its modifier
            if self._medium_of_saying(tok):
                return None  # "told reporters on a phone call", "said in an interview": how it was said
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and c.i == tok.i - 1:
                    # the lemma ("war game") or the words as written ("war games", as the vocabulary may list)
                    for key in (f"{c.lemma_.lower()} {lemma}", f"{c.lower_} {tok.lower_}"):
                        if key in self.lex.nouns:
                            return self.lex.nouns[key], f"noun:{key}"
                if c.dep_ in ("compound", "amod") and c.i == tok.i - 2 and tok.doc[tok.i - 1].text == "-":
                    key = f"{c.lower_}-{tok.lower_}"  # "a cease-fire" split at its hyphen
                    if key in self.lex.nouns:
                        return self.lex.nouns[key], f"noun:{key}"
            if lemma == "call" and any(
                (c.dep_ == "prep" and c.lower_ in ("for", "on"))
                or (
                    c.dep_ in ("advcl", "acl", "relcl")
                    and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                )
                for c in tok.children
            ):
                return Trigger("REQUEST"), "noun:call for"  # "his calls for fighting to stop": a demand
            if (
                lemma == "exchange"
                and tok.dep_ == "pobj"
                and tok.head.lower_ == "in"
                and not any(c.dep_ == "det" for c in tok.children)
            ):
                return None  # "in exchange for" (but "involved in an exchange of fire")
            for of in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (x for x in of.children if x.dep_ == "pobj"):
                    key = f"{lemma} of {obj.lemma_.lower()}"
                    if key in self.lex.not_events:
                        return None  # "a frank exchange of views"
                    if key in self.lex.nouns:
                        return self.lex.nouns[key], f"noun:{key}"  # "an exchange of fire"
            for prep in (c for c in tok.children if c.dep_ == "prep"):
                key = f"{lemma} {prep.lower_}"  # "an operation against the enclave" (not a rescue operation)
                if key in self.lex.nouns and any(o.dep_ == "pobj" for o in prep.children):
                    return self.lex.nouns[key], f"noun:{key}"
            if tok.dep_ == "pobj" and tok.head.lower_ == "since":
                return None  # "three years since Russia's full-scale invasion": a date, not a new event
            if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "of") and tok.head.head.lemma_.lower() in _MENTIONS:
                return None  # "a reference to the NATO invasion", "fears of a wider war": spoken of, not reported
            if lemma == "strike" and labour_strike(tok):
                return Trigger("PROTEST", "strike"), "noun:strike(labour)"
            word = lemma if lemma in self.lex.nouns else tok.lower_ if tok.lower_ in self.lex.nouns else None
            if word is not None:
                spec = self.lex.nouns[word]
                if spec.type in ("MOBILIZE", "ASSAULT") and any(
                    c.dep_ == "amod" and c.lower_ in self.lex.joint_modifiers for c in tok.children
                ):
                    return Trigger("COOPERATE", None, None), f"noun:joint {word}"
                return spec, f"noun:{word}"
        return None

    def _alarm(self, verb: Token) -> bool:
        """A verb of warning or sounding said of an alarm ("sirens warned", "sirens warning of rockets"), or
        one that sets an alarm off ("rockets setting off sirens across northern Israel")."""
        obj = child(verb, "dobj")
        if lemma_of(verb) in self.lex.alarm_setters and obj is not None and obj.lemma_.lower() in self.lex.alarms:
            return True
        if lemma_of(verb) not in self.lex.alarm_verbs:
            return False
        subj = child(verb, "nsubj")
        if subj is None and verb.dep_ == "xcomp":
            subj = child(verb.head, "nsubj")  # "sirens continued to sound"
        alarm = verb.head if verb.dep_ == "acl" else subj
        return alarm is not None and alarm.lemma_.lower() in self.lex.alarms

    def _voted_for(self, verb: Token) -> Token | None:
        """The agreement noun a vote is for ("voted for the deal", "voted in favour of a truce")."""
        lemma = verb.lemma_.lower()
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "in")):
            obj = child(prep, "pobj")
            if obj is not None and prep.lower_ == "in" and obj.lemma_.lower() in ("favor", "favour"):
                of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                obj = child(of, "pobj") if of is not None else None
            if obj is not None and f"{lemma} {obj.lemma_.lower()}" in self.lex.verbs:
                return obj
        return None

    def _makes_deal(self, lemma: str, noun: Token) -> bool:
        """Is 'verb noun' a phrase of making a deal ("reach agreement", "sign accord")?"""
        made = self.lex.verbs.get(f"{lemma} {noun.lemma_.lower()}")
        return made is not None and made.type == "AGREE"

    def _halt_context(self, verb: Token) -> bool:
        """An order with no act of its own ('gave the order to respond immediately') in a passage that has just
        told of a ceasefire: the order is the halt's."""
        obj = child(verb, "dobj")
        content = [t for t in (obj.subtree if obj is not None else []) if t.i != obj.i]
        if any(self.trigger_of(t) for t in content if t.pos_ in ("VERB", "NOUN") and t.lemma_.lower() != "order"):
            return False
        here = sent_of(verb)
        passage = [sp for sp in sents(verb.doc) if sp.end <= here.end][-3:]
        return any(t.lemma_.lower() in _HALT_WORDS for sp in passage for t in sp)

    def governor_of(self, tok: Token) -> Governor | None:
        lemma = tok.lemma_.lower()
        for c in tok.children:
            if c.dep_ in ("prt", "prep") and f"{lemma} {c.lower_}" in self.lex.governors:
                return self.lex.governors[f"{lemma} {c.lower_}"]
        return self.lex.governors.get(lemma)

    # ------------------------------------------------------------------ roles
    def _verb_roles(self, d: Draft, s: ActorIndex) -> None:
        verb = d.trigger
        agent = child(verb, "agent")
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and agent is not None:
            # "M23 rebels backed by Rwandan troops", "a convoy struck by RSF drones": a passive modifier
            d.source = s.actor_of(child(agent, "pobj"), deep=True)
            d.target = s.actor_of(verb.head)
            if d.source or d.target:
                return
        phrase_noun = self._phrase_noun(d)
        if phrase_noun is not None and any(c.dep_ == "prep" and c.lower_ == "by" for c in phrase_noun.children):
            # "was committed the terrorist attack by the Kyiv regime": the phrase's noun carries the roles
            self._noun_roles(d, s, phrase_noun)
            if d.source or d.target:
                return
        subj, passive = subject(verb)
        if passive and verb.lemma_.lower() in _STATIVE and child(verb, "agent") is None:
            passive = False  # "Israel is opposed to ...", "Vietnam is committed to ...": the subject acts
        if passive:
            agent = child(verb, "agent")
            d.source = s.actor_of(child(agent, "pobj")) if agent is not None else None
            d.target = s.actor_of(subj)
        else:
            d.source = s.subject_actor(subj)
            obj = child(verb, "dobj", "obj")
            if obj is not None and obj.lemma_.lower() in _PARTITIVES and lemma_of(obj) != "all":
                obj = None  # "traded some of their heaviest fire": no one is the target of "some"
            noun = obj if obj is not None and d.rule == f"verb:{lemma_of(verb)} {obj.lemma_.lower()}" else None
            if d.rule.startswith(f"verb:{lemma_of(verb)} for "):
                noun = self._voted_for(verb)  # "voted in favour of a truce with Hamas"
            if noun is not None:
                # "reaffirmed the UK's support for Ukraine", "ended sanctions on Syria": the phrase's noun
                # is the event; who it is for or against hangs from the noun
                for pobj in prep_objects(noun, (*TARGET_PREPS, "for", "in", "over")):
                    d.target = s.actor_of(pobj, deep=True)
                    if d.target:
                        break
            d.target = d.target or s.actor_of(obj) or s.actor_of(child(verb, "dative", "iobj"))
            if d.target is None:
                # "demanded that the US cancel ...", "urged that Israel withdraw"
                comp = child(verb, "ccomp")
                if comp is not None:
                    d.target = s.subject_actor(child(comp, "nsubj", "nsubjpass"))
                    if d.target and d.source and s.country_of(d.target) == s.country_of(d.source):
                        # "Medvedev warned that Moscow would strike depots in Ukraine": the speaker's own
                        # side acts; the event's target is what that clause acts on
                        d.target = self._clause_object(comp, s, d.source)
            if d.target is None and d.type in _JOINT_TYPES and subj is not None:
                d.target = s.conj_actor(subj)  # "Israel and Hamas agreed ...": the other party
                for pobj in prep_objects(subj, ("with",)) if d.target is None else []:
                    d.target = s.actor_of(pobj)  # "the Navy of Myanmar together with the Navy of Russia"
            if d.target is None:
                pobjs = prep_objects(verb)
                if d.type == "ACCUSE":
                    # "complained to the UN over Israeli raids": the accused, not the body complained to
                    pobjs = prep_objects(verb, _GRIEVANCE_PREPS) + pobjs
                for pobj in pobjs:
                    if pobj.head.i < verb.i and pobj.head.i == pobj.head.left_edge.i == verb.left_edge.i:
                        continue  # "On Tuesday Guterres ... condemned": a fronted adverbial, no target
                    # a protest "against the handover of villages to Azerbaijan" is against a policy, not Azerbaijan
                    d.target = s.actor_of(pobj, deep=d.type != "PROTEST")
                    if d.target:
                        break
            if d.target is None and obj is not None:
                # "accused Moscow of ..." or "halted attacks on Ukraine's energy"
                for pobj in prep_objects(obj):
                    d.target = s.actor_of(pobj, deep=True)
                    if d.target:
                        break
                if d.target is None:
                    d.target = s.actor_of(obj, deep=True) if obj.dep_ != "dobj" or d.type != "CONSULT" else None
        one_way = d.type in _ONE_WAY and verb.lemma_.lower() not in _RECIPROCAL
        if d.source and d.target is None and subj is not None and not one_way:
            # "Trump and Putin discussed ..." (not "the M23 and the Rwandan army seized towns": co-attackers)
            d.target = s.conj_actor(subj)
        if d.target is None and subj is not None and (d.type in _JOINT_TYPES or verb.lemma_.lower() in _RECIPROCAL):
            pair = s.plural_of(subj)  # "the two leaders agreed", "Thai and Cambodian troops clashed"
            if len(pair) == 2:
                d.source, d.target = pair
        if d.source is None and subj is not None and subj.pos_ == "PRON":
            d.source = s.actor_of(subj)
        if d.source is None and d.type == "ASSAULT" and subj is None:
            # "as a result of shelling from Russian troops": a gerund whose attacker comes with 'from'
            for pobj in prep_objects(verb, ("from",)):
                d.source = s.actor_of(pobj, deep=True)
                if d.source:
                    break
        if d.source is None and d.type == "ASSAULT" and subj is not None and s.actor_of(subj) is None:
            # "a drone launched from Yemen hit a building": a projectile's doer is where it was fired from
            for acl in (c for c in subj.children if c.dep_ == "acl" and lemma_of(c) in place_cues().projectile_verbs):
                for pobj in prep_objects(acl, ("from",)):
                    d.source = s.actor_of(pobj)
                    if d.source:
                        d.rule += "+fired_from"
                        break
        guest = s.actor_of(child(verb, "dobj", "obj"))
        if d.spec.swap and d.source and d.target and d.target == guest:
            d.source, d.target = d.target, d.source  # "X hosted Y": Y visits X
            d.rule += "+visitor_first"

    def _speech_act_status(self, drafts: list[Draft]) -> None:
        """'Guterres urged Israel to ...' is a demand, 'Putin offered talks' a proposal: a verbal act's
        status is what it does to its content, whether or not a complement event was found."""
        for d in drafts:
            if d.absorbed or d.status != "asserted" or d.negated:
                continue
            gov = self.governor_of(d.trigger) if d.trigger.pos_ == "VERB" else None
            if gov is not None and gov.status in _SPEECH_STATUSES and (gov.type in (None, d.type)):
                d.status = gov.status
            elif d.type in self.lex.type_status:
                d.status = self.lex.type_status[d.type]

    def _reacts(self, verb: Token) -> bool:
        """'condemned the attack', 'denied the killing': the verb's subject reacts to the event, not does it."""
        found = self.trigger_of(verb) if verb.pos_ == "VERB" else None
        return found is not None and found[0].type in _REACTION_TYPES

    def _clause_object(self, verb: Token, s: ActorIndex, source: str) -> str | None:
        """The first actor a clause acts on that is not the source's own country."""
        own = s.country_of(source)
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")] + prep_objects(
            verb, (*TARGET_PREPS, "in", "if")
        )
        objs += [c for c in verb.children if c.dep_ == "advcl"]
        for obj in objs:
            for t in obj.subtree:
                m = s.by_token.get(t.i)
                if m is not None and s.country_of(m.actor_id) != own:
                    return m.actor_id
        return None

    def _phrase_noun(self, d: Draft) -> Token | None:
        """The noun of a verb-noun trigger phrase ("commit attack", "reaffirm support"), if the rule is one."""
        for c in d.trigger.children:
            if c.dep_ in ("dobj", "nsubjpass") and d.rule == f"verb:{lemma_of(d.trigger)} {c.lemma_.lower()}":
                return c
        return None

    def _noun_roles(self, d: Draft, s: ActorIndex, noun: Token | None = None) -> None:
        noun = noun if noun is not None else d.trigger
        if self._exposed(d, s, noun):
            return
        mods = list(noun.children)
        if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and self.trigger_of(noun.head) is None:
            # "Israeli air and artillery strikes": the nationality modifies the first conjunct, for both
            mods += [c for c in noun.head.children if c.i < noun.head.i]
        for c in mods:
            if c.dep_ == "poss":
                d.source = s.actor_of(c)
            elif c.dep_ in ("amod", "compound", "nmod") and d.source is None and c.i in s.by_token:
                d.source = s.by_token[c.i].actor_id
        if d.source is None:
            # "a massive Russian drone and missile attack": a modifier of a modifier
            for t in noun.subtree:
                if t.i >= noun.i:
                    break
                if t.i in s.by_token and t.dep_ in ("amod", "compound", "nmod", "poss") and t.head.i != noun.i:
                    d.source = s.by_token[t.i].actor_id
                    break
        for c in noun.children:
            if c.dep_ != "prep":
                continue
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if not objs:
                continue
            if c.lower_ == "between":
                a = s.actor_of(objs[0])
                b = s.conj_actor(objs[0])
                d.source, d.target = d.source or a, b if d.source in (None, a) else a
            elif c.lower_ in ("by", "from") and d.source is None and (c.lower_ == "by" or d.type == "ASSAULT"):
                d.source = s.actor_of(objs[0], deep=True)  # "shelling from Russian troops"
                if c.lower_ == "by" and d.target is None and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
                    # "the Kremlin rejected a demand by France": the demand was made of the one who rejects it
                    subj, passive = subject(noun.head)
                    d.target = None if passive else s.actor_of(subj)
            elif c.lower_ in TARGET_PREPS and d.target is None:
                d.target = s.actor_of(objs[0], deep=True)
        of_actor = next(
            (s.actor_of(o) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children), None
        )
        if of_actor is not None and d.source is None and (d.type == "MOBILIZE" or d.mode in ("withdraw", "disarm")):
            d.source = of_actor  # "the withdrawal of Israeli forces", "the deployment of troops": they move
        elif of_actor is not None and d.type in ("ASSAULT", "COERCE", "THREATEN", "SANCTION"):
            # "the aggression of X against Y": X acts; "the killing of 15 medics": the of-phrase suffers it
            if d.target is not None and d.source is None and of_actor != d.target:
                d.source = of_actor
            elif d.target is None and of_actor != d.source:
                d.target = of_actor
        head = noun.head
        reacting = self._reacts(head)
        if noun.dep_ == "dobj" and head.pos_ == "VERB" and lemma_of(head) in _RECEIVING and d.source is None:
            # "Ukraine received aid from Germany", "the UAE won praise from both sides": the giver acts on
            # the one who receives
            givers = [o for o in prep_objects(head, ("from",)) + prep_objects(noun, ("from",))]
            giver = next((a for o in givers if (a := s.actor_of(o, deep=True))), None)
            subj, passive = subject(head)
            taker = s.actor_of(subj) if subj is not None and not passive else None
            if giver and taker and giver != taker:
                d.source, d.target = giver, taker
                d.rule += "+received"
                return
        observed = lemma_of(head) in self.lex.observing and d.type in ("ASSAULT", "COERCE")
        if (
            d.source is None
            and noun.dep_ in ("dobj", "nsubjpass", "attr")
            and head.pos_ == "VERB"
            and not reacting
            and not observed
        ):
            # "Israeli forces launched a deadly air attack", "Trump ordered a series of airstrikes"
            subj, passive = subject(head)
            if not passive:
                d.source = s.actor_of(subj)
                if d.target is None and d.type in _JOINT_TYPES and subj is not None:
                    # "the Navy of Myanmar together with the Navy of Russia conducted a joint exercise"
                    partners = [s.actor_of(p) for p in prep_objects(subj, ("with",))] + [s.conj_actor(subj)]
                    d.target = next((p for p in partners if p and p != d.source), None)
        if d.source is None and noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.dep_ in ("dobj", "nsubj"):
            verb = head.head.head
            if verb.pos_ == "VERB" and (lemma_of(verb) in self.lex.light_verbs or lemma_of(verb) in self.lex.governors):
                subj, passive = subject(verb)
                if not passive:
                    d.source = s.actor_of(subj)
        if (
            d.source is None
            and d.type in _JOINT_TYPES
            and noun.dep_ == "pobj"
            and head.lower_ in ("after", "following")
            and head.head.pos_ in ("VERB", "AUX")
            and head.i < head.head.i
        ):
            # "After talks in Moscow on Thursday, they announced a ceasefire": the talks were theirs
            subj, passive = subject(head.head)
            pair = s.plural_of(subj) if subj is not None and not passive else []
            if len(pair) == 2:
                d.source, d.target = pair
                d.rule += "+talks_of_subject"
        if d.source is None and noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ not in _SEQUENCE_PREPS:
            # "arrived on a visit", "engaged in talks"; "is open to attacks" (through the adjective)
            # (not "imposed a curfew after attacks": a preposition of time introduces another event)
            verb = head.head
            if verb.pos_ == "ADJ" and verb.dep_ in ("acomp", "amod") and verb.head.pos_ in ("VERB", "AUX"):
                verb = verb.head
            named = any(c.dep_ == "prep" and c.lower_ in ("by", "from") for c in noun.children)
            # (not "had to deal with attacks from proxies", "came under attack": the subject suffers it)
            if verb.pos_ in ("VERB", "AUX") and not named and verb.lemma_.lower() not in _SUFFERING:
                subj, passive = subject(verb)
                if not passive:
                    d.source = s.actor_of(subj)
        if d.target is None:
            # "attacks Iran" (a name in apposition after the event noun)
            d.target = next((s.actor_of(c) for c in noun.children if c.dep_ == "appos" and s.actor_of(c)), None)
        if d.source is None and d.target is None and noun.dep_ in ("nsubj", "nsubjpass"):
            # "prisoner exchanges will take place between the two countries"
            for pobj in prep_objects(head, ("between",)):
                pair = s.plural_of(pobj)
                if len(pair) == 2:
                    d.source, d.target = pair
                else:
                    d.source, d.target = s.actor_of(pobj), s.conj_actor(pobj)
        if d.type == "CONSULT" and d.target is None and d.source is None:
            return
        if d.target is None:
            verb = head.head if head.dep_ == "prep" else head
            if verb.pos_ == "VERB":
                for pobj in prep_objects(verb, ("against", "on", "at")):
                    d.target = s.actor_of(pobj, deep=True)
                    if d.target:
                        break

    def _exposed(self, d: Draft, s: ActorIndex, noun: Token) -> bool:
        """'Armenian forces subjected Azerbaijani units to artillery fire': who subjects acts on the object;
        'the town was subjected to shelling': the subject suffers it (``+exposed``)."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "to":
            return False
        # (the parse may hang "to artillery fire" on a participle of the object: "units located in X to fire")
        above = list(noun.head.ancestors)[:5]
        verb = next((a for a in above if a.pos_ == "VERB" and lemma_of(a) in self.lex.exposing), None)
        if verb is None:
            return False
        subj, passive = subject(verb)
        if passive:
            d.target = s.actor_of(subj, deep=True) if subj is not None else None
        else:
            d.source = s.actor_of(subj, deep=True) if subj is not None else None
            d.target = s.actor_of(child(verb, "dobj"), deep=True)
        if d.source is None and d.target is None:
            return False
        d.rule += "+exposed"
        return True

    # ------------------------------------------------------------------ status
    def _status(self, d: Draft) -> None:
        tok = d.trigger
        # modals and negation on the trigger's own verb (or the light verb that carries a noun)
        verb = tok if tok.pos_ == "VERB" else None
        if verb is None and tok.dep_ in ("dobj", "attr") and lemma_of(tok.head) in self.lex.light_verbs:
            verb = tok.head  # "launched an attack": the light verb carries tense and negation
        if verb is None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _HAPPEN:
            verb = tok.head  # "exchanges will take place", "talks will begin"
        if verb is not None:
            aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
            if {c.lower_ for c in verb.children if c.dep_ == "neg"} & _NEGATIONS:
                d.negated = True
            if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
                d.negated = True  # "have carried out no strikes"
            if aux & _FUTURE:
                d.status = "planned"
            elif "would" in aux and self._reported(verb):
                d.status = "planned"  # "said they would boycott": the future of reported speech
            elif aux & _CONDITIONAL:
                d.status = "hypothetical"
            ready = {c.lemma_.lower() for c in verb.children if c.dep_ == "acomp"}
            if verb.lemma_.lower() != "open":
                ready.add(verb.lemma_.lower())  # ("opened fire": the verb "open" offers nothing)
            if ready & _READY:
                d.status, d.intent = "hypothetical", True
        if (
            verb is not None
            and verb.dep_ == "advcl"
            and any(m.lower_ in _CONDITION_MARKS for m in verb.children if m.dep_ == "mark")
        ):
            d.status = "hypothetical"  # "until the militants halted attacks", "if Israel strikes"
        # governing verbs up the tree: refuse, threaten, agree, want, order, ...
        cur = tok
        for _ in range(4):
            link = cur.dep_
            parent = cur.head
            if parent.i == cur.i:
                break
            if link == "pobj" and parent.dep_ == "prep":
                if parent.lower_ in _SEQUENCE_PREPS:
                    break  # "urged allies to send air defences after Russia's attack": the occasion, not the ask
                cur = parent
                continue
            if link not in ("xcomp", "ccomp", "dobj", "acl", "pcomp", "prep", "nsubjpass"):
                break  # adverbial and relative clauses are events of their own
            if (
                parent.lemma_.lower() in _READY and not (parent.lemma_.lower() == "open" and parent.pos_ == "VERB")
            ) or any(c.lemma_.lower() in _READY for c in parent.children if c.dep_ in ("acomp", "amod")):
                d.status, d.intent = "hypothetical", True
            gov = self.governor_of(parent) if parent.pos_ in ("VERB", "NOUN") else None
            if gov is not None and parent.i != tok.i:
                if (
                    (gov.only_conflict and d.type not in CONFLICT_TYPES)
                    or (gov.only_cooperative and d.type in CONFLICT_TYPES)
                    or not gov.absorb
                ):
                    cur = parent  # "ordered/resumed attacks": keep climbing to "threatened to resume"
                    continue
                d.status = gov.status
                by_agent = d.trigger.pos_ == "NOUN" and any(
                    c.dep_ == "prep" and c.lower_ == "by" for c in d.trigger.children
                )
                if gov.type and gov.absorb and not by_agent and parent.pos_ == "VERB" and not self._triggers(parent):
                    # "vowed to attack Israel": the governor has no event of its own, so the complement becomes it
                    d.type, d.mode = gov.type, "violence" if d.type in CONFLICT_TYPES else None
                    d.rule += f"+governed:{parent.lemma_.lower()}"
                elif gov.type and gov.absorb and not by_agent:
                    d.absorbed = True  # "refused to talk"; but "rejected a demand by France" keeps the demand
                elif gov.type is None and self._typed_governor_above(parent):
                    d.absorbed = True  # "refused to propose a ceasefire": the refusal is the event
                if parent.pos_ == "VERB" and {c.lower_ for c in parent.children if c.dep_ == "neg"}:
                    d.negated = True
                break
            if parent.pos_ == "NOUN" and parent.lemma_.lower() in ("agreement", "deal", "accord") and link == "acl":
                d.status = "agreed"
                break
            cur = parent

    def _triggers(self, verb: Token) -> bool:
        """Is this verb an event trigger of its own (so that it makes its own draft)?"""
        return self.trigger_of(verb) is not None

    def _typed_governor_above(self, tok: Token) -> bool:
        """Is there a refusing, threatening or agreeing verb right above this one?"""
        cur = tok
        for _ in range(2):
            if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i:
                return False
            cur = cur.head
            gov = self.governor_of(cur)
            if gov is not None and gov.type is not None and gov.absorb:
                return True
        return False

    def _reported(self, verb: Token) -> bool:
        """Is this clause what someone said ('X said they would ...')?"""
        return verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in self.lex.reporting | {"announce"}

    def _reported_by(self, d: Draft, s: ActorIndex, sent: Span) -> None:
        # "according to X"
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < len(s.doc) and s.doc[t.i + 1].lower_ == "to":
                for pobj in prep_objects(s.doc[t.i], ("to",)) + [
                    c for c in s.doc[t.i + 1].children if c.dep_ == "pobj"
                ]:
                    actor = s.actor_of(pobj, deep=True)
                    if actor:
                        d.reported_by = actor
                        return
        cur = d.trigger
        for _ in range(6):
            parent = cur.head
            if parent.i == cur.i:
                break
            if (
                parent.pos_ == "VERB"
                and parent.lemma_.lower() in self.lex.reporting
                and cur.dep_ in ("ccomp", "parataxis", "dobj", "advcl", "conj", "xcomp", "prep", "pcomp")
            ):
                subj, _ = subject(parent)
                actor = s.actor_of(subj, deep=True)
                if actor:
                    d.reported_by = actor
                    return
            cur = parent
        root = sent.root
        if root.lemma_.lower() in self.lex.reporting and root.i != d.trigger.i:
            subj, _ = subject(root)
            actor = s.actor_of(subj, deep=True)
            if actor:
                d.reported_by = actor

    # ------------------------------------------------------------------ main
    def code(
        self,
        doc: Doc,
        res: ActorResolution,
        article_id: str,
        published: date | None,
        frame: ArticleFrame | None = None,
    ) -> list[Event]:
        s = ActorIndex(doc, res)
        fi = FrameIndex(frame, res.actors)
        outlets = {a.id for a in res.actors if a.sector == "JRN"}
        s.add_references(frame.references if frame else [], fi.reps())
        geo = ArticlePlaces.of(
            doc,
            fi.countries(),
            is_actor=lambda t: t.i in s.by_token,
            country_of_norp=lambda t: self._norp_country(t, s),
        )
        drafts: list[tuple[Draft, Span]] = []
        orphans: list[tuple[Span, Quantity]] = []  # tolls of sentences with no attack of their own
        told_again: list[tuple[Draft, Span]] = []  # deals and meetings told with no side named
        anchor: date | None = None
        for sent in sents(doc):
            sent_dates = self._dates(sent, published, anchor)
            sent_drafts: list[Draft] = []
            for tok in sent:
                found = self.trigger_of(tok)
                if found is None:
                    continue
                spec, rule = found
                d = Draft(tok, spec, rule, spec.type, spec.mode)
                if tok.pos_ == "VERB" and not _nominal(tok):
                    self._verb_roles(d, s)
                else:
                    self._noun_roles(d, s)
                self._status(d)
                self._reported_by(d, s, sent)
                self._attach_date(d, sent_dates)
                moving = d.type in ("MOBILIZE", "AID") or d.mode in ("visit", "troops")  # where troops or aid go
                d.locations = geo.clause(tok, role_of(d.type, d.mode), destination=moving)
                unplaced_attack = d.type == "ASSAULT" and tok.pos_ == "NOUN" and fi.two_sided
                if not d.locations and ("+alarm" in d.rule or unplaced_attack):
                    # the alarm is where the fire comes in; "a witness could hear heavy shelling" in a town the
                    # sentence names is shelling there
                    d.locations = geo.sentence(sent, "action", tok)
                d.location = d.locations[0] if d.locations else None
                sent_drafts.append(d)
            sent_drafts += conventions.must_requests(sent, sent_drafts, s, self.lex)
            for d in conversations.told(sent, sent_drafts, s, self.lex, lambda a: self._counterpart(a, res)):
                self._attach_date(d, sent_dates)
                sent_drafts.append(d)
            self._apply_governor_types(sent_drafts, s)
            conventions.cutbacks(sent_drafts, self.lex)
            conventions.reversals(sent_drafts, self.lex)
            conventions.drop_bare_governors(sent_drafts, self.lex)
            conventions.absorb_nested(sent_drafts)
            conventions.ceasefires(sent_drafts)
            conventions.consequences(sent_drafts)
            conventions.phrase_objects(sent_drafts)
            conventions.sanction_targets(sent_drafts)
            conventions.agreed_halts(sent_drafts)
            conventions.seizures(sent_drafts)
            conventions.captives_home(sent_drafts)
            conventions.walkouts(sent_drafts)
            conventions.state_blockades(sent_drafts, lambda a: self._is_state(a, res))
            conventions.protest_sources(sent_drafts, lambda t: self._place_country(t, s), geo)
            conventions.apply(sent_drafts)
            self._speech_act_status(sent_drafts)
            conventions.agreed_ceasefires(sent_drafts)
            conventions.speech_contents(sent_drafts)
            conventions.reactions(sent_drafts)
            conventions.same_event(sent_drafts)
            for d in sent_drafts:
                if d.date is None and d.said_on is not None and d.type in _VERBAL:
                    d.date, d.date_text = d.said_on, d.said_text  # a threat or demand is dated when made
                if d.date is None and published is not None and _just_happened(d, self.lex.reporting):
                    # told as done, in the article's own voice, with no date of its own: the story's date
                    d.date, d.date_basis = dates_mod.Resolved(published, None, "day"), "published"
                elif d.date is None and published is not None and _said_lately(d, self.lex.reporting):
                    d.date, d.date_basis = dates_mod.Resolved(published, None, "day"), "published"
                    d.rule += "+dated_by_saying"
            kept: list[Draft] = []
            for d in sent_drafts:
                if d.absorbed:
                    continue
                if d.source in outlets:
                    d.source = None  # "Reuters reported ...": the outlet tells the news, it does not act in it
                if d.target in outlets:
                    d.target = None
                if d.source is not None and d.target == d.source:
                    d.target = None  # "recalled its diplomats": no event aimed at oneself; look further
                if d.target is None and d.source and (d.type in _JOINT_TYPES or d.mode in ("ceasefire", "release")):
                    d.target = self._co_subject(d.trigger, s, d.source)
                if d.target is None and (d.type in _PLACE_TARGETS or d.mode == "visit"):
                    d.target = self._locative_actor(d.trigger, s, d.source)
                    if d.target:
                        d.rule += "+target_in_place"
                self._target_from_place(d, res)
                if d.target is None and d.type == "ASSAULT" and d.source is not None:
                    # "Kyiv came under one of the heaviest attacks": the one country the sentence names;
                    # an armed group's attack at home is an attack on its own country ("RSF drones hit Khartoum")
                    state = s.kinds.get(d.source) != "group"
                    d.target = self._sentence_country(sent, self._country(d.source, res) if state else None)
                    if d.target:
                        d.rule += "+target_of_sentence"
                if d.source is None:
                    d.source = self._blamed_on(d.trigger, s)
                    if d.source:
                        d.rule += "+blamed_on"
                places = self._sentence_countries(sent, s)
                thing = self._thing_subject(d, s) and "+alarm" not in d.rule  # (the siren is no doer)
                air = self._from_the_air(d)
                framing.fill(d, fi, places, thing, air)
                if not thing:  # no name standing near the verb is the doer a thing names
                    nearby.fill_roles(d, s, sent, self.lex.reporting)
                framing.fill(
                    d, fi, places, thing, air
                )  # what proximity found may be a mediator, or leave a role to fill
                if d.source in outlets or d.target in outlets:
                    # "an agency's reporter saw the strike": proximity found the outlet, which acts in no news
                    d.source = None if d.source in outlets else d.source
                    d.target = None if d.target in outlets else d.target
                    d.rule += "+outlet_out"
                if d.spec.swap and d.source and d.target and d.rule.endswith("+target_nearby"):
                    d.source, d.target = d.target, d.source  # "X hosted Y", parsed loosely: Y visits X
                    d.rule += "+visitor_first"
                if d.source is not None and d.target == d.source:
                    d.target = None
                if (
                    d.source is None
                    and d.type in ("ASSAULT", "COERCE")
                    and not d.negated
                    and not _anaphoric(d)  # ("the reason for the attack": one told before, by whoever did it)
                    and "+target_nearby" not in d.rule
                ):
                    # "a journalist was killed by a car bomb in Beirut": no attacker named anywhere; unidentified
                    # attackers of the place the attack hit (PLOVER's convention), never a state
                    where = d.location.country if d.location is not None else None
                    if where is None and d.target is not None:
                        where = s.country_of(d.target)
                    if fi.two_sided and where in fi.countries():
                        where = None  # a war's side was hit by what the text does not attribute: left open
                    if where and len(where) == 3 and where.isupper():
                        d.source = f"{where}-UAF"
                        d.rule += "+unattributed"
                if d.source is None and d.target is None:
                    if restatements.restates(d):
                        told_again.append((d, sent))  # "the accord was signed in Muscat": the deal told before
                    continue
                d.confidence = round(
                    0.45
                    + 0.2 * (d.source is not None)
                    + 0.2 * (d.target is not None)
                    + 0.1 * (d.trigger.pos_ == "VERB"),
                    2,
                )
                kept.append(d)
            self._place(sent, kept, geo, fi)
            conventions.same_event(kept)
            kept = [d for d in kept if not d.absorbed]
            self._aim_by_sentence_place(kept, fi, res)
            kept = [c for d in kept for c in each_place(d)]
            kept += [self._mirror(d) for d in kept if d.type in _EACH_SIDE and self._joint_subject(d, s)]
            drafts.extend((d, sent) for d in kept)
            orphans += [(sent, q) for q in self._quantities(sent, kept, s)]
            resolved = [r for r, _ in sent_dates if r is not None and r.precision == "day"]
            if resolved:
                anchor = resolved[-1].date
        framing.from_article([d for d, _ in drafts], s.country_of)
        main = geo.main_place([loc for d, _ in drafts for loc in d.locations[:1]])
        for d, sent in drafts:
            if not d.locations and main is not None and d.type in ("ASSAULT", "COERCE") and geo.unplaced(sent):
                # told with no place of its own in a report about one place: the article's (basis "article")
                d.locations = [geo.location_of_article(main)]
                d.location = d.locations[0]
        events = self._merge(drafts, article_id, res)
        for d, sent in told_again:
            self._place(sent, [d], geo, fi)
        for d, sent in restatements.join(events, told_again):
            if fi.two_sided and restatements.made_deal(d) and len(fi.reps()) == 2:
                d.source, d.target = fi.reps()
                d.rule += "+frame_both"
                events += self._merge([(d, sent)], article_id, res)
        tolls.attach(events, orphans)
        for e in events:
            e.fatalities = tolls.fatalities(e.quantities)
        return events

    def _aim_by_sentence_place(self, kept: list[Draft], fi: FrameIndex, res: ActorResolution) -> None:
        """Attacks placed once their sentence is read, with a doer their parse names (a name that merely
        stands near is no doer to aim anywhere), take their target from that place; a side at home is the
        target only where its own clause places the act, and never in a war between two countries."""
        for d in kept:
            if d.target is not None or d.source is None or d.type not in ("ASSAULT", "COERCE"):
                continue
            if "+source_nearby" in d.rule:
                continue
            civil = not fi.two_sided or fi.countries() <= {self._country(d.source, res)}
            at_home = civil and d.location is not None and d.location.basis == "clause"
            self._target_from_place(d, res, at_home=at_home)
            framing.side_of_place(d, fi)

    def _target_from_place(self, d: Draft, res: ActorResolution, at_home: bool = True) -> None:
        """An act on a place with no target named is aimed at the place's country ("strikes on Rafah");
        ``at_home``: an attack in the source's own country is on that country (a civil war's)."""
        if d.target is not None or d.location is None or not d.location.country:
            return
        # a promise to act on a place ("will provide aid to refugees in Liberia", "will evacuate the
        # settlements in Gaza") is aimed where the act would be, as the act itself would be
        promised = any(f"+future_{t.lower()}" in d.rule for t in _PLACE_TARGETS)
        own = self._country(d.source, res)
        foreign_place = (
            d.source is not None
            and d.location.country != own
            and d.type != "PROTEST"
            and (d.type not in _VENUE_TYPES or d.mode == "visit" or promised)  # "agreed in Havana": a venue
        )
        # the place's country; in a civil war that is the source's own country
        if (d.type in _PLACE_TARGETS or foreign_place) and (
            d.location.country != own or (at_home and d.type in ("ASSAULT", "COERCE"))
        ):
            d.target = d.location.country
            d.rule += "+target_from_location"

    def _blamed_on(self, trigger: Token, s: ActorIndex) -> str | None:
        """'shelling blamed on the paramilitary group killed 17', 'an attack attributed to the rebels': the
        group it is laid on is the doer."""
        nouns = [trigger] if trigger.pos_ in ("NOUN", "PROPN") else []
        nouns += [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        for n in nouns:
            for acl in (c for c in n.children if c.dep_ == "acl" and c.lemma_.lower() in ("blame", "attribute")):
                for prep in (c for c in acl.children if c.dep_ == "prep" and c.lower_ in ("on", "to")):
                    obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
                    actor = s.actor_of(obj, deep=True) if obj is not None else None
                    if actor:
                        return actor
        return None

    def _place(self, sent: Span, kept: list[Draft], geo: ArticlePlaces, fi: FrameIndex | None = None) -> None:
        """Each event's place with its role; the sentence's when its clause names none."""
        # an event's clause: its trigger, and the verb a noun trigger is the subject or object of ("fighting raged")
        clauses = {d.trigger.i: _clause_of(d.trigger) for d in kept}
        roles = {d.trigger.i: role_of(d.type, d.mode) for d in kept}
        for d in kept:
            role = role_of(d.type, d.mode)
            if not d.locations:  # (a draft a convention made has not been placed yet)
                others = frozenset(i for k, c in clauses.items() if k != d.trigger.i for i in c)
                # a deal or a meeting is never where the sentence's fighting is ("as battles raged in
                # city K, the sides signed a truce"), nor a fight where its deal was made ("units were to stop
                # fighting once the truce was signed in city M")
                barred = frozenset(i for k, r in roles.items() if k != d.trigger.i and r != role for i in clauses[k])
                d.locations = geo.clause(d.trigger, role) or geo.sentence(sent, role, d.trigger, others, barred)
            ground = geo.enemy_ground(d.trigger) if not d.locations and fi is not None and d.source else None
            if ground is not None and fi is not None:
                # "talks held on enemy territory": the country of the side facing the doer
                enemy = self._country_of(fi.counterpart(d.source))
                if enemy is None and self._country_of(d.target) != self._country_of(d.source):
                    enemy = self._country_of(d.target)  # (the other side, as the roles already stand)
                if enemy and len(enemy) == 3:
                    d.locations = [country_location(enemy, ground.text, ground.idx, "clause", role)]
            d.locations = geo.narrowed(sent, d.locations)
            if d.type in ("ASSAULT", "COERCE"):
                source, target = self._country_of(d.source), self._country_of(d.target)
                d.locations = [geo.on_target_side(loc, target, source) for loc in d.locations]
            if role == "venue" and d.trigger.lemma_.lower() not in geo.cues.motion_verbs:
                # "wants concessions from Ukraine", "talks with Russia": a party's own country is no venue
                own = {self._country_of(d.source), self._country_of(d.target)} - {None}
                d.locations = [
                    loc
                    for loc in d.locations
                    if not (loc.precision == "country" and loc.country in own and _from_party(loc, sent))
                ]
            d.locations = [loc.model_copy(update={"role": role}) for loc in d.locations]
            d.location = d.locations[0] if d.locations else None

    def _country_of(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        head = actor_id.split("-")[0]
        return head if len(head) == 3 and head.isupper() else None

    def _norp_country(self, tok: Token, s: ActorIndex) -> str | None:
        """'the Sudanese capital': the country an adjective of nationality names."""
        m = s.by_token.get(tok.i)
        country = s.country_of(m.actor_id) if m is not None else None
        return country if country and len(country) == 3 and country.isupper() else None

    def _counterpart(self, actor_id: str | None, res: ActorResolution) -> bool:
        """A state's official or an international body: someone words said to make a consultation."""
        a = next((x for x in res.actors if x.id == actor_id), None)
        return a is not None and (a.sector == "IGO" or self._is_state(actor_id, res))

    def _is_state(self, actor_id: str | None, res: ActorResolution) -> bool:
        a = next((x for x in res.actors if x.id == actor_id), None)
        return a is not None and (
            a.kind == "country" or (a.kind in ("generic", "person") and a.sector in ("GOV", "MIL"))
        )

    def _place_country(self, tok: Token, s: ActorIndex) -> str | None:
        """The country a word names or stands in (an actor mention or a gazetteer place)."""
        m = s.by_token.get(tok.i)
        if m is not None and "-" not in m.actor_id and m.actor_id.isupper() and len(m.actor_id) == 3:
            return m.actor_id
        ent = ent_of(tok)
        if ent is not None and ent.label_ in ("GPE", "LOC"):
            return ArticlePlaces.of(ent.doc).country_at(ent)
        return None

    def _sentence_countries(self, sent: Span, s: ActorIndex) -> set[str]:
        """The countries of the places a sentence names ('near Qusayr', 'the Syrian town of ...')."""
        found: set[str] = set()
        for ent in ents_in(sent):
            if ent.label_ in ("GPE", "LOC"):
                country = ArticlePlaces.of(ent.doc).country_at(ent)
                if country:
                    found.add(country)
            elif ent.label_ == "NORP" and ent.root.head.lemma_.lower() in _PLACE_NOUNS:
                m = s.by_token.get(ent.root.i)
                country = s.country_of(m.actor_id) if m is not None else None
                if country and len(country) == 3 and country.isupper():
                    found.add(country)
        return found

    def _sentence_country(self, sent: Span, own: str | None) -> str | None:
        """The single country other than the attacker's own that a sentence's places belong to."""
        found: set[str] = set()
        for ent in ents_in(sent):
            if ent.label_ not in ("GPE", "LOC"):
                continue
            country = ArticlePlaces.of(ent.doc).country_at(ent)
            if country:
                found.add(country)
        found.discard(own or "")
        return next(iter(found)) if len(found) == 1 else None

    def _from_the_air(self, d: Draft) -> bool:
        """An air strike ("airstrikes hit", "dropped bombs"), or an attack whose doer is an aircraft the text
        gives no owner ("military aircraft bombed villages")."""
        if d.type != "ASSAULT":
            return False
        key = d.rule.split("+", 1)[0].split(":", 1)[-1]
        if key in self.lex.air_strikes:
            return True
        subj = _doer(d.trigger) if d.trigger.pos_ == "VERB" else None
        if subj is None:
            return False
        words = {lemma_of(subj), " ".join(t.lemma_.lower() for t in subj.subtree if not t.is_punct)}
        return bool(words & self.lex.aircraft) or any(
            c.dep_ == "compound" and f"{c.lemma_.lower()} {lemma_of(subj)}" in self.lex.aircraft for c in subj.children
        )

    def _thing_subject(self, d: Draft, s: ActorIndex) -> bool:
        """Does the clause name a thing, not an actor, as the doer ('a deal that would allow', 'the conflict has
        killed hundreds', 'killed by rocket fire')? Then no actor is put in its place."""
        if d.source is not None or d.trigger.pos_ != "VERB":
            return False
        subj = _doer(d.trigger)
        if subj is None or subj.pos_ in ("PRON", "PROPN") or s.actor_of(subj, deep=True) is not None:
            return False
        if subj.lemma_.lower() in _PEOPLE_WORDS:
            return False  # "gunmen", "protesters", "officials": people the text does not name
        return True

    def _joint_subject(self, d: Draft, s: ActorIndex) -> bool:
        """Are the event's source and target both the subject of its clause ('X and Y agreed', 'the two
        sides agreed', 'the ministers of X and Y agreed')?"""
        if not (d.source and d.target) or d.mirror:
            return False
        verb = _clause_verb(d.trigger)
        subj, passive = subject(verb) if verb is not None else (None, False)
        if subj is None or passive:
            return False
        named = {s.actor_of(subj), *s.plural_of(subj), s.conj_actor(subj)}
        named |= {s.actor_of(c) for c in subj.conjuncts}
        return {d.source, d.target} <= named

    def _mirror(self, d: Draft) -> Draft:
        """Each side of a joint subject agrees: the second side's event (as PETRARCH codes compound actors)."""
        m = dataclasses.replace(d, source=d.target, target=d.source, mirror=True, quantities=list(d.quantities))
        m.rule = d.rule + "+each_side"
        return m

    def _co_subject(self, trigger: Token, s: ActorIndex, source: str) -> str | None:
        """'Israel and Lebanon renewed negotiations': the other conjunct of the subject."""
        verb = trigger if trigger.pos_ == "VERB" else trigger.head
        subj, _ = subject(verb) if verb.pos_ in ("VERB", "AUX") else (None, False)
        if subj is None:
            return None
        pair = s.plural_of(subj)
        if len(pair) == 2:
            return pair[1] if pair[0] == source else pair[0]
        other = s.conj_actor(subj)
        return other if other != source else None

    def _locative_actor(self, trigger: Token, s: ActorIndex, source: str | None) -> str | None:
        """'airstrikes in areas held by the Houthis': a non-country actor under 'in/at/near'."""
        heads = [trigger]
        cur = trigger
        while cur.dep_ in ("pobj", "prep", "dobj", "compound") and cur.head.i != cur.i and len(heads) < 5:
            cur = cur.head
            heads.append(cur)
            if cur.pos_ == "VERB":
                break
        for head in heads:
            for pobj in prep_objects(head, ("in", "at", "near", "inside")):
                for t in pobj.subtree:
                    m = s.by_token.get(t.i)
                    if m and m.actor_id != source and s.kinds.get(m.actor_id) in ("group", "person", "generic"):
                        return m.actor_id
        return None

    def _mentions_in(self, res: ActorResolution, sent: Span) -> list:
        """The mentions inside a sentence (indexed once per article: the article's mentions are many)."""
        cached = self._by_sentence  # (read once: a pipeline may be shared by threads)
        if cached[0] is not res:
            by: dict[int, list] = {}
            starts = sorted({s.start_char for s in sents(sent.doc)})
            for m in res.mentions:
                i = bisect_right(starts, m.start) - 1
                by.setdefault(starts[i] if i >= 0 else 0, []).append(m)
            self._by_sentence = cached = (res, by)
        return [m for m in cached[1].get(sent.start_char, []) if m.start < sent.end_char]

    def _explain(self, d: Draft, sent: Span, res: ActorResolution) -> str:
        """The parse path from the trigger to the nearest word of each actor."""
        roles: dict[str, Token | None] = {}
        for role, actor in (("source", d.source), ("target", d.target), ("reported_by", d.reported_by)):
            if actor is None:
                continue
            spans = [m for m in self._mentions_in(res, sent) if m.actor_id == actor or actor in m.plural_of]
            toks = [sent.doc.char_span(m.start, m.end, alignment_mode="expand") for m in spans]
            toks = [t.root for t in toks if t is not None]
            roles[f"{role} {actor}"] = min(toks, key=lambda t: abs(t.i - d.trigger.i)) if toks else None
        loc = d.location
        if loc is not None and loc.start is not None and sent.start_char <= loc.start < sent.end_char:
            span = sent.doc.char_span(loc.start, loc.end or loc.start + 1, alignment_mode="expand")
            roles[f"place {loc.name} ({loc.basis})"] = span.root if span is not None else None
        return explain(d.trigger, roles)

    def _country(self, actor_id: str | None, res: ActorResolution) -> str | None:
        for a in res.actors:
            if a.id == actor_id:
                return a.country
        return None

    def _apply_governor_types(self, drafts: list[Draft], s: ActorIndex) -> None:
        """A governor with its own type ('refused', 'threatened') takes the complement's mode."""
        by_token = {d.trigger.i: d for d in drafts}
        for d in drafts:
            gov = self.governor_of(d.trigger) if d.trigger.pos_ == "VERB" and not d.rule.startswith("modal:") else None
            if gov is None or gov.type is None:
                continue
            comps = [c for c in d.trigger.subtree if c.i in by_token and c.i != d.trigger.i and by_token[c.i].absorbed]
            words = {t.lemma_.lower() for t in d.trigger.subtree}
            if (gov.only_conflict or gov.only_cooperative) and not comps:
                continue  # "suspended the treaty": no hostile (or cooperative) event governed; the verb's own type
            d.type = gov.type
            if gov.status in ("refused", "threatened", "agreed"):
                d.status = gov.status
            if gov.mode:
                d.mode = gov.mode
            elif gov.type in ("REJECT", "REQUEST"):
                d.mode = next((m for w, m in self.lex.request_modes.items() if w in words), None)
            elif gov.type == "THREATEN":
                d.mode = "violence" if any(by_token[c.i].type in ("ASSAULT", "MOBILIZE") for c in comps) else d.mode
            elif gov.type == "AGREE":
                d.mode = None
            inner = by_token[comps[0].i] if comps else None
            if inner is not None and d.target is None:
                d.target = inner.target
            if inner is not None and d.source is None:
                d.source = inner.source
            if d.target is None:
                d.target = self._complement_actor(d, s)

    def _complement_actor(self, d: Draft, s: ActorIndex) -> str | None:
        """'threatened to break relations with Russia', 'refused to let UN planes land': the first
        other actor named as an object inside what is threatened, refused or promised."""
        comps = [c for c in d.trigger.children if c.dep_ in ("xcomp", "ccomp")]
        if d.type == "AGREE":
            comps += [c for c in d.trigger.children if c.dep_ == "dobj"]  # "proposed a truce under which Hamas ..."
        for comp in comps:
            for t in comp.subtree:
                m = s.by_token.get(t.i)
                if m is None or m.actor_id == d.source:
                    continue
                head = t.head
                as_object = t.dep_ == "pobj" and head.lower_ in (*TARGET_PREPS, "from")
                # "threatened that Israel would be hit": yes; "warned that Moscow would strike" (own side): no
                subject_ok = t.dep_ == "nsubj" and s.country_of(m.actor_id) != s.country_of(d.source)
                if t.dep_ in ("dobj", "dative") or as_object or subject_ok:
                    return m.actor_id
                if t.dep_ in ("poss", "compound") and head.dep_ in ("dobj", "pobj"):
                    return m.actor_id
        return None

    def _dates(
        self, sent: Span, published: date | None, anchor: date | None
    ) -> list[tuple[dates_mod.Resolved | None, Span]]:
        out = []
        taken: set[int] = set()
        # dates the NER leaves unlabelled or splits: "the Oct 7 rampage", "on Christmas Day in 2015"
        for m in _EXPLICIT_DATE.finditer(sent.text):
            span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is None:
                continue
            resolved = dates_mod.resolve(span.text, published, anchor, future=_future_clause(span.root))
            if resolved is not None:
                out.append((resolved, span))
                taken.update(range(span.start, span.end))
        for ent in ents_in(sent):
            if set(range(ent.start, ent.end)) & taken:
                continue
            if ent.label_ not in ("DATE", "TIME") or dates_mod.is_duration(ent.text):
                continue
            out.append((dates_mod.resolve(ent.text, published, anchor, future=_future_clause(ent.root)), ent))
            taken.update(range(ent.start, ent.end))
        # relative times the NER leaves unlabelled ("protested last night", "pulled out overnight")
        for m in _RELATIVE_TIME.finditer(sent.text):
            span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end())
            if span is not None and not taken & set(range(span.start, span.end)):
                out.append((dates_mod.resolve(span.text, published, anchor, future=_future_clause(span.root)), span))
        return out

    def _attach_date(self, d: Draft, sent_dates: list) -> None:
        if not sent_dates:
            return

        def clause(tok: Token) -> Token:
            cur = tok
            while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
                cur = cur.head
            return cur

        mine = clause(d.trigger)
        ancestors = {mine.i} | {a.i for a in mine.ancestors}
        chosen = None
        # resolvable dates first: "in the night on Sunday" is dated by "Sunday", not "the night"
        ordered = sorted(sent_dates, key=lambda rd: rd[0] is None)
        if d.trigger.pos_ == "NOUN" and d.mode == "ceasefire":
            # "ordered a ceasefire over Orthodox Christmas", "a truce beginning tonight": the halt's own
            # period, not the day it was ordered or agreed
            sent_dates = [(r, e) for r, e in sent_dates if not _halt_period(e.root, d.trigger)]
        # "the Oct 7 rampage": a date that modifies a noun dates that noun's act, not the clause's
        own_noun = [
            (r, e)
            for r, e in sent_dates
            if e.root.dep_ in ("nmod", "compound", "amod", "nummod")
            and e.root.head.pos_ in ("NOUN", "PROPN")
            and not e.root.head.ent_type_  # "on Tuesday night": a time of day, still the clause's
            and e.root.head.lemma_.lower() not in _TIME_NOUNS
        ]
        sent_dates = [(r, e) for r, e in sent_dates if (r, e) not in own_noun or e.root.head.i == d.trigger.i]
        ordered = sorted(sent_dates, key=lambda rd: rd[0] is None)
        for resolved, ent in ordered:
            if clause(ent.root).i == mine.i or d.trigger.i in (ent.root.head.i, ent.root.head.head.i):
                chosen = (resolved, ent)
                break
        if chosen is None:
            # a date on a governing clause: "On Tuesday, Trump ordered strikes that hit ..." applies;
            # "X said on Monday that Y struck Z" dates the saying, which is kept aside for verbal acts
            for resolved, ent in sent_dates:
                head = clause(ent.root)
                if head.i not in ancestors:
                    continue
                shift = _temporal_shift(mine, head)
                if shift is not None:
                    # "shelled a market on Tuesday, a day after the army rejected …": the rejection was on
                    # Monday; with no stated gap ("after the army rejected") the date is unknown
                    if shift and resolved is not None and resolved.precision == "day":
                        d.date = dates_mod.Resolved(resolved.date + shift, None, "day", resolved.basis)
                        d.date_text = ent.text
                        d.rule += "+date_shifted"
                    return  # the main clause's date is not this clause's
                if head.lemma_.lower() in self.lex.reporting:
                    d.said_on, d.said_text = resolved, ent.text
                elif d.status not in ("planned", "proposed", "demanded"):
                    chosen = (resolved, ent)
                break
        if chosen is None and d.status == "asserted":
            # the parse links the date elsewhere, but a sentence with one date that dates no saying
            # ("34 were killed when missiles hit Sumy on Sunday") dates what it reports
            reporting = self.lex.reporting
            free = [
                (r, e)
                for r, e in sent_dates
                if r is not None
                and clause(e.root).lemma_.lower() not in reporting
                and not any(a.lower_ in ("since", "after", "before", "following", "until") for a in e.root.ancestors)
                and not any(m.dep_ == "mark" and m.lower_ in _BACKGROUND for m in clause(e.root).children)
                and not _in_other_relative_clause(clause(e.root), d.trigger)
                and _temporal_shift(mine, clause(e.root)) is None
            ]
            if len({r.date for r, _ in free}) == 1:
                chosen = free[0]
                d.rule += "+date_of_sentence"
        if chosen is None:
            return
        resolved, ent = chosen
        d.date = resolved
        d.date_text = ent.text

    def _quantities(self, sent: Span, drafts: list[Draft], s: ActorIndex) -> list[Quantity]:
        """Give each count of the sentence to the event it measures; the tolls no event here takes."""
        orphans: list[Quantity] = []
        for tok, q in quantities_in(sent):
            claimant = tolls.claimant(tok, s, self.lex.reporting)
            if q.unit in tolls.TOLL_UNITS and tolls.war_toll(q, sent, tok):
                # "the deal ... ending a conflict that has killed thousands": the war's toll; it goes, marked,
                # with the event its sentence tells and counts in no event's fatalities
                q = q.model_copy(update={"of_war": True})
            if not drafts:  # a sentence with no event: its numbers follow its toll, if it has one (tolls.attach)
                orphans.append(q.model_copy(update={"claimant": claimant}))
                continue
            # a toll belongs to the attack, a captive count to the release or exchange, a truce's length
            # to the truce; other counts to the nearest event of the sentence
            pool = drafts
            above = {a.i for a in list(tok.ancestors)[:5]}
            if q.unit in tolls.TOLL_UNITS and not q.of_war:  # (a war's toll stays with the sentence's event)
                pool = [d for d in drafts if d.type == "ASSAULT"]
                if not pool and q.unit == "wounded":  # "23 inmates will be replaced by injured soldiers"
                    pool = [d for d in drafts if d.type in ("RETREAT", "CONCEDE", "AGREE")]
                if not pool:
                    orphans.append(q.model_copy(update={"claimant": claimant}))
                    continue
            elif q.unit in _CAPTIVE_UNITS:
                pool = [d for d in drafts if d.type in ("RETREAT", "CONCEDE", "AGREE", "COERCE")] or drafts
            elif q.unit == "days":
                pool = [d for d in drafts if d.trigger.i in above and d.type != "ASSAULT"]
                pool = pool or [d for d in drafts if d.mode == "ceasefire" or d.type in ("AGREE", "RETREAT")]
                pool = pool or [d for d in drafts if d.type != "ASSAULT"]  # "endorsed a plan for a three-week truce"
            if not pool:
                continue
            best = min(pool, key=lambda d: (d.trigger.i not in above, abs(d.trigger.i - tok.i)))
            if best.source is None or best.target is None:
                # "three farmers were killed by a drone strike": the toll of a partial report goes with the complete
                # report of the same act it names (the fire), not out of the record with it
                within = {t.i for t in best.trigger.subtree}
                same = [d for d in pool if d is not best and d.source and d.target and d.trigger.i in within]
                best = same[0] if same else best
            if q.unit == "prisoners" and _freed_by_group(q, best, s) and not _own_people(tok, best, s):
                q = q.model_copy(update={"unit": "hostages"})  # "Hamas freed three Israeli men": hostages
            best.quantities.append(q.model_copy(update={"claimant": claimant or best.reported_by}))
        return orphans

    # ------------------------------------------------------------------ merge
    def _merge(self, drafts: list[tuple[Draft, Span]], article_id: str, res: ActorResolution) -> list[Event]:
        events: list[Event] = []
        onto = ontology()
        kinds = {a.id: (a.kind, a.country) for a in res.actors}

        def key(actor: str | None) -> str | None:
            kind, country = kinds.get(actor or "", (None, None))
            return country if kind in ("country", "generic") and country else actor

        lemmas: dict[str, set[str]] = {}
        for d, sent in drafts:
            text = sent.text.strip()
            ev_date = d.date.date if d.date else None
            twin = None
            for e in events if not (d.mirror or d.place_copy) else []:
                if e.type != d.type or e.status != d.status or e.negated != d.negated:
                    continue
                es, et, ds, dt_ = key(e.source), key(e.target), key(d.source), key(d.target)
                # meetings and deals have no direction; an attack and the retaliation for it do
                same_dyad = {es, et} == {ds, dt_} if d.type in _JOINT_TYPES else (es, et) == (ds, dt_)
                sub_dyad = es == ds and (dt_ is None or et is None or dt_ == et)
                if not (same_dyad or sub_dyad):
                    continue
                if ev_date and e.date and ev_date != e.date:
                    if "published" not in (e.date_basis, d.date_basis) or abs((ev_date - e.date).days) > 3:
                        continue  # (a publication date stands for "lately": it tells apart only older events)
                if e.sentence != text and not _restates(d, e) and not _anaphoric(d):
                    continue  # another sentence's act with another word and aim, told afresh, is another act
                if e.sentence != text and _told_as_another(d):
                    continue  # "the US also issued visa restrictions": one more act, not the one before
                if elsewhere(d.location, e.location):
                    continue  # an act in Taiz and one in Hodeidah are two acts (ACLED: one event, one place)
                if e.sentence != text and _in_another_town(d.location, e.location):
                    continue  # "strikes across the enclave" and, later, "shelling in Khan Younis": two records
                twin = e
                break
            ev_text = d.trigger.text
            evidence = Evidence(
                parse=self._explain(d, sent, res),
                sentence=text,
                start=sent.start_char,
                end=sent.end_char,
                rule=d.rule,
                trigger_start=d.trigger.idx,
                trigger_end=d.trigger.idx + len(d.trigger.text),
            )
            if twin is not None:
                lemmas.setdefault(twin.id, set()).add(lemma_of(d.trigger))
                twin.evidence.append(evidence)
                twin.target = twin.target or d.target
                if ev_date and (twin.date is None or (twin.date_basis == "published" and d.date_basis != "published")):
                    twin.date, twin.date_text = ev_date, d.date_text
                    twin.date_basis = (d.date_basis or d.date.basis) if d.date else None
                    twin.date_end = d.date.end if d.date else None
                    twin.date_precision = d.date.precision if d.date else None
                twin.locations = ranked(twin.locations + [loc for loc in d.locations if loc not in twin.locations])
                twin.location = twin.locations[0] if twin.locations else None
                twin.quantities.extend(d.quantities)
                twin.reported_by = twin.reported_by or d.reported_by
                twin.confidence = min(0.99, max(twin.confidence, d.confidence) + 0.05)
                continue
            coding = onto.code(
                d.type, d.mode, d.spec.cameo if d.type == d.spec.type and d.mode == d.spec.mode else None
            )
            start = d.trigger.idx
            salt = (":each_side" if d.mirror else "") + (f":place{d.place_copy}" if d.place_copy else "")
            eid = hashlib.sha1(f"{article_id}:{d.type}:{start}{salt}".encode(), usedforsecurity=False).hexdigest()[:12]
            lemmas[f"ev-{eid}"] = {lemma_of(d.trigger)}
            events.append(
                Event(
                    id=f"ev-{eid}",
                    type=d.type,
                    mode=d.mode,
                    source=d.source,
                    target=d.target,
                    date=ev_date,
                    date_end=d.date.end if d.date else None,
                    date_text=d.date_text,
                    date_precision=d.date.precision if d.date else None,
                    date_basis=(d.date_basis or d.date.basis) if d.date else None,
                    status=d.status,
                    negated=d.negated,
                    reported_by=d.reported_by,
                    location=d.location,
                    locations=list(d.locations),
                    quantities=d.quantities,
                    cameo=coding.cameo,
                    goldstein=coding.goldstein,
                    quad_class=coding.quad_class,
                    sentence=text,
                    start=start,
                    end=start + len(ev_text),
                    trigger=ev_text,
                    confidence=d.confidence,
                    rule=d.rule,
                    evidence=[evidence],
                )
            )
        return events


_ONE_SIDED = {"PROTEST", "MOBILIZE"}  # a protest or a deployment needs no target


def dyadic(e: Event) -> bool:
    """Is this a complete event: a source and a target (a protest or mobilisation: a source)?"""
    return bool(e.source and (e.target or e.type in _ONE_SIDED))


def code_events(
    doc: Doc, res: ActorResolution, article_id: str, published: date | None, frame: ArticleFrame | None = None
) -> list[Event]:
    return Coder().code(doc, res, article_id, published, frame=frame)
