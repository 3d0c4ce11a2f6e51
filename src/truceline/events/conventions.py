"""PLOVER coding conventions applied to one sentence's drafts.

* an intended or conditional cooperative act ("will send aid", "is willing to withdraw") is AGREE;
* an announced or conditional hostile act ("will boycott", "would blockade ... unless") is THREATEN;
* a refused agreement ("will not accept") is REJECT;
* "Y must do Z", said by X, is a REQUEST from X to Y;
* cutting back a cooperative relation ("halted aid", "suspended talks", "cancelled a visit") is SANCTION;
* a verb that only governs another event ("ordered airstrikes") gives way to that event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from spacy.tokens import Span, Token

from truceline.events.draft import Draft
from truceline.events.lexicon import Lexicon, Trigger
from truceline.events.places import ArticlePlaces, elsewhere, inside
from truceline.nlp.index import ent_of

COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
_CONDITIONAL_MARKS = {"if", "unless"}
# planned ceasefires and prisoner releases keep their type: they are what agreements are made of
_KEPT_MODES = {"ceasefire", "release"}
_INTENDED = {"planned", "hypothetical", "proposed"}
_DECLARING = {"declare", "reiterate", "warn", "insist"}


class _Actors(Protocol):
    def actor_of(self, tok: Token | None, deep: bool = False) -> str | None: ...


def _conditional(tok: Token) -> bool:
    """Is the verb (or its head chain) the consequence of an 'if/unless' clause?"""
    cur = tok
    for _ in range(3):
        if any(
            c.dep_ == "advcl" and any(m.lower_ in _CONDITIONAL_MARKS for m in c.children if m.dep_ == "mark")
            for c in cur.children
        ):
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def apply(drafts: list[Draft]) -> None:
    for d in drafts:
        if d.absorbed:
            continue
        if d.type == "AGREE" and d.negated:
            d.type, d.mode, d.negated, d.status = "REJECT", None, False, "refused"
            d.rule += "+negated_agree"
        elif d.type in COOPERATIVE and d.status in _INTENDED and not d.negated and d.mode not in _KEPT_MODES:
            d.rule += f"+future_{d.type.lower()}"
            d.type, d.mode = "AGREE", None
        elif (
            d.type in HOSTILE
            and not d.negated
            and _announced(d)
            and (d.type != "MOBILIZE" or d.intent or _conditional(d.trigger))
        ):
            # (an announced deployment is a mobilisation told ahead, PLOVER's MOBILIZE, not a threat)
            d.rule += f"+future_{d.type.lower()}"
            d.type, d.mode, d.status = "THREATEN", _threat_mode(d), "threatened"


def _announced(d: Draft) -> bool:
    """A hostile act that is announced, offered or conditional rather than done: a threat."""
    return d.status == "planned" or (d.status == "hypothetical" and (d.intent or _conditional(d.trigger)))


def _threat_mode(d: Draft) -> str | None:
    return {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict", "SANCTION": "relations"}.get(d.type)


def must_requests(sent: Span, drafts: list[Draft], actors: _Actors, lex: Lexicon) -> list[Draft]:
    """'X said Y must do Z' -> REQUEST from X to Y (the inner event is what is demanded)."""
    new: list[Draft] = []
    by_token = {d.trigger.i: d for d in drafts}
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or not any(c.lower_ == "must" and c.dep_ == "aux" for c in verb.children):
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        target = actors.actor_of(subj, deep=True) if subj is not None else None
        source = None
        cur = verb
        for _ in range(4):
            if cur.head.i == cur.i:
                break
            parent = cur.head
            if parent.lemma_.lower() in lex.reporting | _DECLARING:
                subj_x = next((c for c in parent.children if c.dep_ == "nsubj"), None)
                source = actors.actor_of(subj_x, deep=True) if subj_x is not None else None
                break
            if parent.dep_ == "dobj" or parent.pos_ == "NOUN":  # "issued a reminder that Iraq must ..."
                cur = parent
                continue
            cur = parent
        if target is None and source is None:
            continue
        inner = by_token.get(verb.i)
        words = {t.lemma_.lower() for t in verb.subtree}
        mode = next((m for w, m in lex.request_modes.items() if w in words), "change")
        if inner is not None:
            inner.absorbed = True
        d = Draft(
            verb,
            Trigger("REQUEST", mode),
            "modal:must",
            "REQUEST",
            mode,
            status="asserted",
            source=source,
            target=target,
        )
        if inner is not None:
            d.date, d.date_text, d.location = inner.date, inner.date_text, inner.location
            d.locations = list(inner.locations)
        new.append(d)
    return new


def cutbacks(drafts: list[Draft], lex: Lexicon) -> None:
    """'halted aid', 'suspended talks', 'cancelled a visit': SANCTION by whoever cuts back."""
    by_token = {d.trigger.i: d for d in drafts}
    for d in drafts:
        np = d.trigger
        while np.dep_ == "compound" and np.head.i != np.i:
            np = np.head  # "aid deliveries", "mediation efforts"
        verb = np.head if np.dep_ in ("dobj", "nsubjpass", "xcomp") else None
        if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.cutbacks:
            continue
        if d.type not in {"AID", "COOPERATE", "CONSULT", "SUPPORT", "AGREE"}:
            continue
        mode = "withdraw" if d.type in ("CONSULT", "AGREE") else "discontinue"
        outer = by_token.get(verb.i)
        if outer is not None and outer.type == "REQUEST":
            d.absorbed = True  # "must stop arming": what is demanded
            continue
        if outer is not None:
            outer.type, outer.mode, outer.rule = "SANCTION", mode, outer.rule + "+cutback"
            outer.target = outer.target or d.target
            outer.source = outer.source or d.source
            d.absorbed = True
        else:
            d.type, d.mode, d.rule = "SANCTION", mode, d.rule + f"+cutback:{verb.lemma_.lower()}"


_DECLARE = {
    "declare",
    "announce",
    "order",
    "proclaim",
    "observe",
    "respect",
    "implement",
    "offer",
    "propose",
    "extend",
    "prolong",
    "renew",
}
_PROPOSING = {"propose", "offer", "suggest"}
_ENDING = {"end", "collapse", "shatter", "break", "violate", "breach", "wreck", "unravel", "expire"}
_IN_FORCE = {"take": "effect", "come": "force", "enter": "force", "go": "effect"}


def ceasefires(drafts: list[Draft]) -> None:
    """A ceasefire that takes effect, holds or is declared is RETREAT ceasefire; one agreed to is AGREE
    (mode ceasefire, status agreed), as PLOVER's gold codes it; 'violated the truce' is ASSAULT."""
    by_token = {d.trigger.i: d for d in drafts}
    for d in drafts:
        if d.mode != "ceasefire" or d.trigger.pos_ not in ("NOUN", "PROPN"):
            continue
        head = d.trigger.head
        lemma = head.lemma_.lower()
        objects = {o.lower_ for p in head.children if p.dep_ == "prep" for o in p.children} | {
            c.lower_ for c in head.children if c.dep_ in ("dobj", "attr")
        }
        if d.trigger.dep_ in ("nsubj", "nsubjpass") and (
            (lemma in _IN_FORCE and _IN_FORCE[lemma] in objects) or lemma in ("hold", "begin", "start")
        ):
            d.type, d.rule = "RETREAT", d.rule + "+in_force"
        gov = by_token.get(head.i) if d.trigger.dep_ in ("dobj", "pobj") else None
        if gov is None and d.trigger.dep_ == "pobj":
            gov = by_token.get(head.head.i)
        proposal = gov is not None and gov.trigger.lemma_.lower() in _PROPOSING
        if proposal:
            d.absorbed = True  # "Egypt proposed a truce": the proposal (AGREE, proposed) is the event
        elif gov is not None and gov.type == "AGREE" and not gov.absorbed:
            d.type, d.status, d.source, d.target = "AGREE", "agreed", d.source or gov.source, d.target or gov.target
            d.absorbed, gov.absorbed = False, True
            d.rule += "+agreed"
        if gov is not None and gov.type == "ASSAULT":
            d.absorbed = True  # "violated the ceasefire": the violation is the event
        if lemma in _ENDING and d.trigger.dep_ in ("dobj", "nsubj", "nsubjpass"):
            d.absorbed = True  # "strikes ending a two-month ceasefire": the agreement stage records the end
        elif (
            d.type == "RETREAT"
            and "+in_force" not in d.rule
            and d.status == "asserted"
            and "+agreed" not in d.rule
            and _governing_verb(d.trigger) not in _DECLARE
        ):
            d.absorbed = True  # a ceasefire only talked about ("discussed a ceasefire") is no concession


def agreed_halts(drafts: list[Draft]) -> None:
    """'agreed to stop targeting each other': the agreed halt is the event (AGREE ceasefire, status agreed)."""
    by_token = {d.trigger.i: d for d in drafts}
    for d in drafts:
        if d.mode != "ceasefire" or d.trigger.pos_ != "VERB" or d.trigger.dep_ not in ("xcomp", "ccomp"):
            continue
        gov = by_token.get(d.trigger.head.i)
        if gov is not None and gov.type == "AGREE":
            d.absorbed, gov.absorbed = False, True
            d.type, d.status = "AGREE", "agreed"
            d.source, d.target = d.source or gov.source, d.target or gov.target
            d.date = d.date or gov.date
            d.date_text = d.date_text or gov.date_text
            d.rule += "+agreed"


def agreed_ceasefires(drafts: list[Draft]) -> None:
    """'an agreement that Russia would halt attacks on energy': a halt whose status is agreed is the
    agreement (AGREE ceasefire), as PLOVER's gold codes it."""
    for d in drafts:
        if d.type in ("RETREAT", "CONCEDE") and d.mode == "ceasefire" and d.status == "agreed" and not d.absorbed:
            d.type = "AGREE"
            d.rule += "+agreed"


def sanction_targets(drafts: list[Draft]) -> None:
    """'adopted sanctions against Russia, targeting dozens of tankers': what sanctions target is not attacked."""
    for d in drafts:
        if d.type != "ASSAULT" or d.trigger.lemma_.lower() != "target" or d.trigger.dep_ not in ("advcl", "acl"):
            continue
        head = d.trigger.head
        if any(o.type == "SANCTION" and o.trigger.i in {head.i, *(c.i for c in head.children)} for o in drafts):
            d.absorbed = True


def phrase_objects(drafts: list[Draft]) -> None:
    """'lodged a protest with Beijing', 'filed a case against Israel': a verb whose trigger phrase names its
    object ('lodge protest') is the event; the object noun is not a second one."""
    for d in drafts:
        if d.absorbed or not d.rule.startswith("verb:") or " " not in d.rule.split("+")[0]:
            continue
        for e in drafts:
            if e is not d and not e.absorbed and e.trigger.dep_ in ("dobj", "obj") and e.trigger.head.i == d.trigger.i:
                e.absorbed = True


_SEQUENCE_MARKS = {"after", "before", "since", "until", "once"}


def consequences(drafts: list[Draft]) -> None:
    """'struck a hospital, killing four patients': the killing is part of the strike, not a new attack."""
    by_token = {d.trigger.i: d for d in drafts}
    for d in drafts:
        if d.type != "ASSAULT" or d.trigger.dep_ not in ("advcl", "xcomp") or d.trigger.pos_ != "VERB":
            continue  # only a participle clause ("..., killing four"); coordinated attacks stay apart
        if any(c.dep_ == "mark" and c.lower_ in _SEQUENCE_MARKS for c in d.trigger.children):
            continue  # "struck Beirut two days after Hezbollah fired rockets": an attack of its own
        head = by_token.get(d.trigger.head.i)
        if head is not None and head.type == "ASSAULT" and not head.absorbed:
            d.absorbed = True
            head.target = head.target or d.target
            head.source = head.source or d.source
            if head.location is None:
                head.location, head.locations = d.location, list(d.locations)


_OCCASION_PREPS = {"after", "before", "since", "following", "despite", "amid", "during", "over"}
_OCCASION_MARKS = {"after", "before", "since", "as", "because", "while", "when"}
_CONTENT_LINKS = {"xcomp", "ccomp", "dobj", "acl", "pobj", "prep", "pcomp", "advcl", "relcl", "conj", "compound"}


def speech_contents(drafts: list[Draft]) -> None:
    """'called on Israel to lift its blockade', 'rejected a request to allow fuel deliveries': what is
    demanded or refused has not happened; it is the content of the demand, not an event of its own.
    (A demand by someone else inside a refusal stays: 'rejected a demand by France'.)"""
    for d in drafts:
        if d.absorbed or d.type not in ("REQUEST", "REJECT"):
            continue
        for e in drafts:
            if e is d or e.absorbed or e.type in ("REQUEST", "REJECT", "ACCUSE", "THREATEN"):
                continue
            if _inside_content(e.trigger, d.trigger):
                e.absorbed = True
                d.target = d.target or e.target


def _inside_content(tok: Token, speech: Token) -> bool:
    cur = tok
    for _ in range(8):
        if cur.i == speech.i:
            return True
        if cur.dep_ in ("nsubj", "nsubjpass") and cur.head.i == speech.i:
            return False  # the speaker, not the content
        if cur.head.i == cur.i:
            return False
        if cur.dep_ not in _CONTENT_LINKS and cur.dep_ not in ("amod", "nmod", "poss", "det"):
            return False
        if cur.dep_ == "prep" and cur.lower_ in _OCCASION_PREPS:
            return False  # "urged allies to send more air defences after Russia's largest attack": the occasion
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _OCCASION_MARKS for c in cur.children):
            return False
        cur = cur.head
    return False


def reactions(drafts: list[Draft]) -> None:
    """'Iran condemned the aggression of the Zionist regime': a reaction to an event is aimed at the
    event's perpetrator, not at its victim."""
    by_token = {d.trigger.i: d for d in drafts}
    for d in drafts:
        if d.type not in ("ACCUSE", "PROTEST", "REJECT", "SUPPORT") or d.trigger.pos_ != "VERB":
            continue
        for obj in (c for c in d.trigger.children if c.dep_ in ("dobj", "obj")):
            inner = by_token.get(obj.i)
            if inner is not None and inner.source and inner.source != d.source and inner.type in HOSTILE:
                d.target = inner.source
                d.rule += "+perpetrator"


def _fits(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def same_event(drafts: list[Draft]) -> None:
    """'34 people were killed when two missiles hit the centre': two words, one attack.

    Within one sentence, drafts of the same type, status and polarity whose source and target do
    not contradict each other are one event; the better-filled draft keeps it and takes the other's
    roles, place and quantities.
    """
    live = [d for d in drafts if not d.absorbed]
    for i, a in enumerate(live):
        if a.absorbed:
            continue
        for b in live[i + 1 :]:
            if b.absorbed or b.type != a.type or b.status != a.status or b.negated != a.negated:
                continue
            if not (_fits(a.source, b.source) and _fits(a.target, b.target)) and not _same_pair(a, b):
                continue
            if (a.source is None and a.target is None) or (b.source is None and b.target is None):
                continue  # an empty draft is decided later, by the sentence's other fallbacks
            if elsewhere(a.location, b.location):
                continue  # "an offensive on one town ... while a strike on another city": two attacks
            keep, drop = (a, b) if _filled(a) >= _filled(b) else (b, a)
            drop.absorbed = True
            keep.source = keep.source or drop.source
            keep.target = keep.target or drop.target
            keep.mode = keep.mode or drop.mode
            keep.reported_by = keep.reported_by or drop.reported_by
            if keep.location is None:
                keep.location, keep.locations = drop.location, list(drop.locations)
            elif drop.location is not None and inside(drop.location, keep.location):
                # "strikes on Gaza killed 25 as troops pushed into Khan Younis": the town within, first
                keep.locations = [drop.location, *(loc for loc in keep.locations if loc != drop.location)]
                keep.location = drop.location
            keep.date = keep.date or drop.date
            keep.date_text = keep.date_text or drop.date_text
            if keep is b:
                break


def _same_pair(a: Draft, b: Draft) -> bool:
    """Meetings and deals are symmetric: 'Putin held talks with Witkoff' is also 'Witkoff met Putin'."""
    if a.type not in ("CONSULT", "AGREE", "COOPERATE"):
        return False
    x = {a.source, a.target} - {None}
    y = {b.source, b.target} - {None}
    return bool(x) and bool(y) and (x <= y or y <= x)


def _filled(d: Draft) -> tuple[int, bool, bool]:
    return (d.source is not None) + (d.target is not None), d.mode is not None, d.trigger.pos_ == "VERB"


def _governing_verb(tok: Token) -> str | None:
    """The verb a noun hangs from, through prepositions and 'the extension of': its lemma."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ == "VERB":
            return cur.lemma_.lower()
    return None


def protest_sources(drafts: list[Draft], place_of: Callable[[Token], str | None], geo: ArticlePlaces) -> None:
    """'Thousands protested in Kyiv', 'students throughout Indonesia staged demonstrations':
    protesters with no named actor are the civilians of the place they protest in or come from."""
    for d in drafts:
        if d.type != "PROTEST" or d.source is not None:
            continue
        country = d.location.country if d.location is not None else None
        if country is None:
            verb = d.trigger if d.trigger.pos_ == "VERB" else d.trigger.head
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            for t in subj.subtree if subj is not None else []:
                country = place_of(t)
                if country:
                    break
        cur = d.trigger
        while country is None and cur.dep_ in ("conj", "advcl", "xcomp", "ccomp") and cur.head.i != cur.i:
            cur = cur.head  # "In Port-au-Prince, hundreds took to the streets, burning tyres and blocking roads"
            where = geo.clause(cur, "action")
            country = where[0].country if where else None
        if country:
            d.source = f"{country}-CVL"
            d.rule += "+civilians_of_place"


def absorb_nested(drafts: list[Draft]) -> None:
    """'hold talks', 'host a meeting', 'carried out an attack': the object restates the verb's event."""
    by_token = {d.trigger.i: d for d in drafts}
    for d in drafts:
        head = d.trigger.head
        if d.trigger.pos_ in ("NOUN", "PROPN") and d.trigger.dep_ == "dobj" and head.i in by_token:
            outer = by_token[head.i]
            if outer.type == d.type and not outer.absorbed:
                d.absorbed = True
                outer.mode = outer.mode or d.mode
                outer.target = outer.target or d.target


def reversals(drafts: list[Draft], lex: Lexicon) -> None:
    """'lifted the curfew', 'cancelled restrictions', 'ended sanctions': a concession (CONCEDE policy);
    lifting a blockade or siege lets people through (RETREAT access)."""
    by_token = {d.trigger.i: d for d in drafts}
    for d in drafts:
        np = d.trigger
        while np.dep_ == "compound" and np.head.i != np.i:
            np = np.head
        verb = np.head if np.dep_ in ("dobj", "nsubjpass") else None
        if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.reversals:
            continue
        if d.type not in ("COERCE", "SANCTION") or "+cutback" in d.rule:
            continue  # ("cancelled a visit" is already the cutback: cancelling it again undoes nothing)
        opened = d.mode == "restrict" and d.trigger.lemma_.lower() in ("blockade", "siege")
        outer = by_token.get(verb.i)
        target = outer if outer is not None else d
        target.type, target.mode = ("RETREAT", "access") if opened else ("CONCEDE", "policy")
        target.rule += f"+reversal:{verb.lemma_.lower()}"
        if outer is not None:
            outer.target = outer.target or d.target
            d.absorbed = True


def drop_bare_governors(drafts: list[Draft], lex: Lexicon) -> None:
    """'ordered airstrikes': the order gives way to the airstrikes it governs."""
    by_token = {d.trigger.i: d for d in drafts}
    for d in drafts:
        gov = lex.governors.get(d.trigger.lemma_.lower())
        if gov is None or (gov.absorb and gov.type is not None) or d.absorbed:
            continue
        complements = [c for c in d.trigger.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
        governed = [by_token[t.i] for c in complements for t in c.subtree if t.i in by_token]
        if governed:
            d.absorbed = True
            for g in governed:
                g.source = g.source or d.source


_PLACE_OBJECTS = {
    "town",
    "city",
    "village",
    "settlement",
    "territory",
    "area",
    "region",
    "district",
    "province",
    "capital",
    "airport",
    "base",
    "hill",
    "height",
    "position",
    "stronghold",
    "port",
    "border",
    "crossing",
    "bridge",
    "locality",
    "enclave",
    "outpost",
    "headquarters",
    "camp",
}


def seizures(drafts: list[Draft]) -> None:
    """'captured the village', 'seized several towns': taking ground by force is an attack (ASSAULT), as
    the realnews codebook codes it; seizing ships, goods or assets stays COERCE."""
    for d in drafts:
        if d.type != "COERCE" or d.mode != "seize" or d.trigger.pos_ != "VERB":
            continue
        obj = next((c for c in d.trigger.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None:
            continue
        if obj.lemma_.lower() == "control":  # "took full control of El Fasher", "regained control on the palace"
            obj = next((o for p in obj.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"), obj)
        ent = ent_of(obj)
        if obj.lemma_.lower() in _PLACE_OBJECTS or (ent is not None and ent.label_ in ("GPE", "LOC", "FAC")):
            d.type, d.mode = "ASSAULT", None
            d.rule += "+ground_taken"


def captives_home(drafts: list[Draft]) -> None:
    """'13 Houthi prisoners arrived in Sanaa': the prisoners' side is released to, by the other side."""
    for d in drafts:
        if "+captives_home" in d.rule and d.source is not None:
            d.source, d.target = None, d.source


def state_blockades(drafts: list[Draft], is_state: Callable[[str | None], bool]) -> None:
    """'Russia has been blocking access to the ports': a state or its forces blocking is a blockade
    (COERCE restrict), not a protesters' obstruction."""
    for d in drafts:
        if d.type == "PROTEST" and d.mode == "obstruct" and is_state(d.source):
            d.type, d.mode = "COERCE", "restrict"
            d.rule += "+state_blockade"


_TALKS = {
    "talk",
    "talks",
    "negotiation",
    "negotiations",
    "dialogue",
    "process",
    "deal",
    "agreement",
    "accord",
    "treaty",
    "pact",
    "initiative",
    "mediation",
}
_WALKING_OUT = {"pull", "withdraw", "walk", "quit", "leave", "exit", "freeze", "freezing", "suspension", "call"}


def walkouts(drafts: list[Draft]) -> None:
    """'pulled out of the truce talks', 'announced the freezing of peace talks', 'called off the talks': leaving
    or freezing talks or a deal is SANCTION (withdraw), not a retreat; the talks are no second event."""
    by_token = {d.trigger.i: d for d in drafts}
    for d in drafts:
        t = d.trigger
        if t.lemma_.lower() not in _WALKING_OUT or d.absorbed:
            continue
        if t.lemma_.lower() == "call" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in t.children):
            continue
        objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        objs += [
            o
            for p in t.children
            if p.dep_ == "prep" and p.lower_ in ("of", "from", "out")
            for o in p.children
            if o.dep_ == "pobj"
        ]
        objs += [o for p in t.children if p.dep_ == "prt" for q in p.children for o in q.children if o.dep_ == "pobj"]
        objs += [
            o
            for p in t.children
            if p.dep_ == "prep"
            for q in p.children
            if q.dep_ == "prep"
            for o in q.children
            if o.dep_ == "pobj"
        ]  # "pull out of": out -> of -> talks
        talks = [o for o in objs if o.lemma_.lower() in _TALKS]
        if not talks:
            continue
        d.type, d.mode = "SANCTION", "withdraw"
        d.rule += "+left_talks"
        for o in talks:
            inner = by_token.get(o.i)
            if inner is not None and inner is not d:
                inner.absorbed = True
                d.target = d.target or inner.target
