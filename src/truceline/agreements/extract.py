"""Agreement records (ceasefires first) from an article's parse and coded events.

Each mention of an agreement ("a ceasefire of energy and infrastructure", "prisoner exchanges",
"a two-month ceasefire") becomes a candidate with kind, scope, status cue, parties and dates.
Candidates about the same arrangement merge (same kind, compatible scope and parties); a
sentence that lists several agreements after a sequence cue ("would begin with ...") becomes one
process with ordered phases. The status is derived from the timeline, by event date, then by
lifecycle rank; never by the order of the text.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from truceline.actors.resolve import ActorResolution
from truceline.agreements.candidate import Candidate, vocabulary
from truceline.agreements.enrich import (
    CEASEFIRE_FAMILY,
    COND_NOUNS,
    add_brokers,
    add_context_parties,
    add_stated_conditions,
    align_process_parties,
    find_monitor,
)
from truceline.agreements.generic import NEARBY, REFERENCE, generic_kind, halt_noun
from truceline.agreements.records import (
    compatible,
    derive_status,
    evidence_of,
    family,
    merge_into,
    new_record,
    unqualified,
)
from truceline.agreements.war_tolls import attach_war_tolls
from truceline.events import dates as dates_mod
from truceline.events.places import ArticlePlaces
from truceline.events.quantities import quantities_in
from truceline.gazetteer import gazetteer
from truceline.models import Agreement, ArticleFrame, Condition, Event, Quantity
from truceline.nlp.index import ent_of, ents_in, sent_of, sents, text_of

_CONTEXT_TYPES = {"CONSULT", "AGREE", "SUPPORT", "CONCEDE"}
_RELATIVE_TIME = re.compile(
    r"\b(?:last night|yesterday(?: morning| afternoon| evening)?|this (?:morning|afternoon|evening)|tonight|"
    r"overnight|earlier today|today|at midnight)\b",
    re.IGNORECASE,
)
_AGREEING = {"agree": "agreed", "accept": "agreed", "commit": "agreed", "pledge": "agreed", "propose": "proposed"}
_HALT_VERBS = {"stop", "halt", "pause", "cease", "suspend", "refrain", "end", "eliminate", "renounce"}
_HOSTILE_VERBS = {"attack", "strike", "target", "shell", "bomb", "fire", "hit", "shoot"}
_EVENT_TO_STATUS = {
    "agreed": "agreed",
    "planned": "planned",
    "proposed": "proposed",
    "demanded": "proposed",
    "hypothetical": "proposed",
    "refused": "rejected",
}
_EARLIER = {"earlier", "previous", "past", "former", "prior"}
_REPORTING_CUES = {"announce"}  # "the spokesman announced that the army welcomes ... but will not sign"
_CAUSE_WORDS = {"after", "following", "since", "view", "because", "amid", "despite", "over"}
_DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|thirty|sixty|ninety)[- ]"
    r"(day|week|month|year)s?\b(?![- ]old)"  # ("a three-week-old ceasefire": its age, not its length)
)
_EXCHANGES = {"exchange", "swap", "transfer", "handover"}
_CAPTIVES = {"prisoner", "inmate", "pow", "captive", "detainee", "pows"}
_N_FOR_N = re.compile(r"\b(\d{1,5})[- ]for[- ](\d{1,5})\b")
_GENERIC_DOMAINS = {"infrastructure"}  # a domain of its own only when nothing narrows it
_BREACH_VERBS = {"violate", "breach", "break", "flout", "undermine"}
_OFFERS = {"proposal", "offer", "plan", "initiative", "deal", "draft"}
_ATTEMPTS = {"bid", "push", "effort", "attempt", "call", "request", "demand"}
_NAMES = {"agreement", "deal", "accord", "treaty", "arrangement"}  # nouns that name an arrangement
_SCHEDULED = {"due", "set", "expect", "schedule", "plan", "suppose", "likely", "poise"}
_ONSET_VERBS = {"start", "begin", "commence", "effective"}
_RENEWAL_VERBS = {"extend", "renew", "prolong"}


_EXAMPLES = {"including", "include", "notably", "especially", "particularly", "like", "except", "excluding"}


def _scope_words(tok: Token) -> list[Token]:
    """The words under a token that can narrow a scope, without its examples ("a halt to all attacks, including
    air strikes": all attacks, not air strikes only)."""
    out: list[Token] = []
    for t in tok.subtree:
        node, example = t, False
        while node.i != tok.i and node.head.i != node.i:
            if node.lower_ in _EXAMPLES or (node.lower_ == "such" and node.head.lower_ == "as"):
                example = True
                break
            node = node.head
        if not example:
            out.append(t)
    return out


def _halted(verb: Token) -> list[Token]:
    """What a halt verb stops: its object, its passive subject, or what follows it ("stop attacking"),
    never the cause ("the talks were suspended following a rebel bombing": the talks, not the bombing)."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "xcomp", "pcomp", "ccomp") or (
            child.dep_ == "prep" and child.lower_ in ("of", "on", "to", "in", "from")
        ):
            out.extend(child.subtree)
    return out


def _in_cause(tok: Token) -> bool:
    """Inside 'after / following / in view of …': the date of a cause, not of the status change."""
    for a in tok.ancestors:
        if a.lower_ in _CAUSE_WORDS or any(x.dep_ == "pobj" and x.lower_ in _CAUSE_WORDS for x in a.children):
            return True
    return False


_MONTHS = {m: i for i, m in enumerate(dates_mod.MONTHS, 1)}
_END_NOUNS = {
    "expiration": ("ended", "expired"),
    "expiry": ("ended", "expired"),
    "lapse": ("ended", "expired"),
    "collapse": ("ended", "collapsed"),
    "breakdown": ("ended", "collapsed"),
    "termination": ("ended", "terminated_by_party"),
    "suspension": ("suspended", None),
}
_PARTICIPATION = {"participation", "part", "role", "involvement", "membership"}
_SUSPENDING = {"suspend", "pause", "freeze", "halt"}
_STOPPING = {"stop", "quit", "withdraw", "terminate", "cease", "abandon", "exit", "leave"}
_LEAVING = {"pull out", "walk out", "back out", "step out", "opt out"}
_GOAL_VERBS = {"aim", "seek", "intend", "strive", "endeavour", "endeavor"}
_SIDE_NOUNS = {"side", "party", "belligerent", "foe", "enemy", "adversary", "rival", "combatant"}
_SIDED_KINDS = CEASEFIRE_FAMILY | {"extension", "humanitarian_corridor"}  # between the two sides that fight
_RENEWALS = {"extension", "renewal", "prolongation", "prolonging", "extending"}
_AREA_PREPS = {"in", "across", "along", "over", "off", "near", "around", "on", "for"}
_DEMAND_VERBS = {"want", "demand", "require", "insist", "need", "seek", "expect"}
_CARRIED_OUT = {"execute", "carry", "complete", "conduct", "release", "free", "repatriate", "hand", "return", "swap"}
_REQUEST_VERBS = {"call", "urge", "ask", "press", "appeal", "demand", "implore", "encourage", "exhort", "invite"}


class _Extractor:
    def __init__(
        self,
        doc: Doc,
        res: ActorResolution,
        events: list[Event],
        published: date | None,
        frame: ArticleFrame | None = None,
    ) -> None:
        self.doc, self.res, self.events, self.published = doc, res, events, published
        self.frame = frame
        self.voc = vocabulary()
        self.country_of = {a.id: a.country for a in res.actors}
        self.kind_of = {a.id: a.kind for a in res.actors}
        self.org_of = {a.id: a.org for a in res.actors if a.org}
        self._sent_index: dict[int, int] | None = None
        self._events_by_sent: dict[int, list[Event]] | None = None
        self._fighters: set[str] | None = None
        # international bodies and their people mediate, host or monitor; they are never a side
        self.bodies = {a.id for a in res.actors if a.sector == "IGO" and not a.country}
        self.bodies |= {self.party_of(a) for a in self.bodies}
        self.by_token: dict[int, str] = {}
        self.plural: dict[int, list[str]] = {}
        for m in res.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.by_token[t.i] = m.actor_id
                    if m.plural_of:
                        self.plural[t.i] = m.plural_of

    # ------------------------------------------------------------- mentions
    def mentions(self) -> list[Candidate]:
        out = []
        for sent in sents(self.doc):
            for tok in sent:
                kind = self._kind_at(tok)
                purpose, rule, refers = None, "agreement:mention", None
                if kind is None:
                    generic = generic_kind(tok, self.voc)
                    if generic is None or self._covered(tok):
                        continue  # ("the ceasefire agreement": the kind word is the mention)
                    kind, purpose, rule = generic.kind, generic.purpose, "agreement:generic"
                    if kind in (REFERENCE, NEARBY):
                        earlier = [c for c in out if c.head.i < tok.i and c.kind != "extension"]
                        if kind == NEARBY:
                            earlier = [c for c in earlier if self._sentences_apart(c.sent, sent) <= 2]
                        own = self._own_domains(tok)
                        if own:  # "the Black Sea arrangement": the earlier one at sea, not the last one
                            earlier = [c for c in earlier if own & set(c.domains)]
                        if not earlier:
                            continue
                        kind, purpose, rule = earlier[-1].kind, earlier[-1].purpose, "agreement:reference"
                        refers = earlier[-1]
                if any(c.dep_ == "amod" and c.lower_ in _EARLIER for c in tok.children):
                    continue  # "earlier truces agreed in Jeddah broke down": other, past arrangements
                if tok.dep_ == "compound" and tok.head.lemma_.lower() in (
                    "talk",
                    "talks",
                    "negotiation",
                    "agreement",
                    "deal",
                ):
                    if tok.head.lemma_.lower() in ("talk", "talks", "negotiation"):
                        continue  # "ceasefire talks": the talks, not an arrangement
                c = self._candidate(kind, tok, sent, purpose)
                c.refers = refers
                if rule != "agreement:mention":
                    c.rule = rule
                out.append(c)
        return out

    def _own_domains(self, tok: Token) -> set[str]:
        """The scope domains an arrangement noun's own modifiers name ("the Black Sea arrangement": maritime)."""
        lemmas = [t.lemma_.lower() for t in self._modifiers(tok)]
        found = {self.voc.domains[w] for w in lemmas if w in self.voc.domains}
        for t in (x for x in tok.children if x.dep_ == "compound" and x.ent_type_ in ("LOC", "GPE")):
            place = gazetteer().lookup(self._ent_text(t))
            if place is not None and place.kind in ("sea", "strait"):
                found.add("maritime")
        return found

    def _carried_out(self, tok: Token) -> bool:
        """ "Ukraine and Russia have executed the biggest prisoner exchange", "prisoners were released in
        exchange for a Saudi held by the Houthis": the first verbs above the mention say it took place."""
        seen = 0
        for verb in (a for a in tok.ancestors if a.pos_ == "VERB"):
            seen += 1
            if seen > 2 or self.voc.status.get(verb.lemma_.lower()):
                return False  # ("agreed to exchange", "proposed a swap": a status of its own)
            aux = {x.lower_ for x in verb.children if x.dep_ in ("aux", "auxpass")}
            if (
                verb.lemma_.lower() in _CARRIED_OUT
                and verb.tag_ in ("VBD", "VBN")
                and not aux & {"will", "would", "shall", "could", "may", "might", "to"}
                and not any(x.dep_ == "neg" for x in verb.children)
            ):
                return True
        return False

    def _ahead_of_story(self, c: Candidate, own: dates_mod.Resolved | None) -> bool:
        """Is the status change dated after the story ("the truce expires on Friday", said on Tuesday; "the
        ceasefire takes effect in phases, takes full effect in October", said in July)?"""
        if self.published is None:
            return False
        if own is not None:
            return own.date is not None and own.date > self.published
        verb = c.status_verb or next((a for a in c.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.tag_ not in ("VBZ", "VBP"):
            return False  # (a date told in the past tense is not ahead)
        verbs = {verb.i} | {x.i for x in verb.children if x.pos_ == "VERB" and x.dep_ in ("conj", "dep")}
        for ent in (e for e in ents_in(c.sent) if e.label_ == "DATE" and not dates_mod.is_duration(e.text)):
            head = ent.root.head
            head = head.head if head.dep_ == "prep" else head
            if head.i in verbs:
                r = dates_mod.resolve(ent.text, self.published, future=True)
                if r is not None and r.date is not None and r.date > self.published:
                    return True
                months = [_MONTHS[w] for w in ent.text.lower().split() if w in _MONTHS]
                if r is None and months and months[0] > self.published.month:
                    return True  # "takes full effect in October" (said in July)
        return False

    def _still_ahead(self, verb: Token) -> bool:
        """A time clause in the present under a main clause in the future: "will resume once the truce ends"."""
        if verb.dep_ != "advcl" or verb.tag_ not in ("VBZ", "VBP", "VB"):
            return False
        marks = ("after", "when", "once", "until", "before", "if")
        if not any(x.dep_ == "mark" and x.lower_ in marks for x in verb.children):
            return False
        main = verb.head
        return any(x.lower_ in ("will", "would", "shall", "'ll") for x in main.children if x.dep_ == "aux")

    def _requested(self, verb: Token) -> bool:
        """Is the verb what someone calls for ("urged both sides to respect the truce")?"""
        for _ in range(3):  # "calls on all parties to continue to respect the arrangement"
            head = verb.head
            if verb.dep_ not in ("xcomp", "ccomp") or head.i == verb.i:
                return False
            if head.lemma_.lower() in _REQUEST_VERBS:
                return True
            verb = head
        return False

    def _sentences_apart(self, a: Span, b: Span) -> int:
        if self._sent_index is None:
            self._sent_index = {s.start: i for i, s in enumerate(sents(self.doc))}
        return abs(self._sent_index.get(b.start, 0) - self._sent_index.get(a.start, 0))

    def _covered(self, tok: Token) -> bool:
        """Is an arrangement noun already told by a kind word under it ("an agreement on a ceasefire")?"""
        if tok.dep_ == "compound" and self._kind_at(tok.head) is not None:
            return True
        return any(self._kind_at(t) is not None for t in tok.subtree if t.i != tok.i)

    def from_events(self, cands: list[Candidate]) -> list[Candidate]:
        """'Russia would halt attacks on energy infrastructure': a ceasefire without the word."""
        out = []
        mentioned = {
            c.sent.start for c in cands if c.kind in ("ceasefire", "extension") and c.rule != "agreement:reference"
        }
        for e in self.events:
            if e.type not in ("CONCEDE", "RETREAT", "AGREE") or e.mode != "ceasefire" or e.status == "hypothetical":
                continue  # a condition ("until they halt attacks") is not an arrangement
            span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None:
                continue
            tok = span.root
            sent = sent_of(tok)
            if sent.start in mentioned:
                continue
            c = Candidate("ceasefire", tok, sent, rule="agreement:from-event")
            for t in _scope_words(tok):
                w = t.lemma_.lower()
                if w in self.voc.domains and self.voc.domains[w] not in c.domains:
                    c.domains.append(self.voc.domains[w])
            c.coverage = "partial" if c.domains else "unknown"
            c.status = _EVENT_TO_STATUS.get(e.status, "declared")
            aims = any(a.lemma_.lower() in _GOAL_VERBS for a in tok.ancestors)
            if any(self.voc.status.get(a.lemma_.lower()) == "negotiating" for a in tok.ancestors) or (
                aims and any(self.voc.status.get(t.lemma_.lower()) == "negotiating" for t in sent)
            ):
                c.status = "negotiating"  # "talks aimed at halting the war": what the talks are for
            elif aims:
                c.status = "proposed"  # "efforts aimed at halting the fighting": a goal, not a halt
            c.date, c.date_precision = e.date, e.date_precision
            out.append(c)
        out += self._proposed_halts(mentioned | {c.sent.start for c in out})
        return out

    def _proposed_halts(self, mentioned: set[int]) -> list[Candidate]:
        """'The US proposed that Russia and Ukraine stop attacking energy infrastructure', 'the parties
        agreed to eliminate the use of force in the Black Sea': a halt of hostilities agreed or proposed
        without the word ceasefire is an arrangement all the same."""
        out = []
        events_at = {e.start: e for e in self.events if e.type == "AGREE"}
        for e in self.events:
            for x in e.evidence if e.type == "AGREE" else []:
                if x.trigger_start is not None:
                    events_at.setdefault(x.trigger_start, e)
        for tok in self.doc:
            status = _AGREEING.get(tok.lemma_.lower()) if tok.pos_ == "VERB" else halt_noun(tok, self.voc)
            if status is None or sent_of(tok).start in mentioned:
                continue
            e = events_at.get(tok.idx)
            found = self._halt_in(e, tok, status)
            if found is not None:
                out.append(found)
                mentioned.add(found.sent.start)
        return out

    def _halt_in(self, e: Event | None, root: Token, status: str) -> Candidate | None:
        """The halt of hostilities an agreement or proposal is about, as a candidate."""
        for tok in root.subtree:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in _HALT_VERBS:
                continue
            what = _halted(tok)
            stopped = {t.lemma_.lower() for t in what}
            words = " ".join(t.lower_ for t in what)
            if not stopped & (self.voc.hostilities | _HOSTILE_VERBS) and "use of force" not in words:
                continue
            c = Candidate("ceasefire", tok, sent_of(tok), rule="agreement:proposed-halt")
            for t in _scope_words(tok):
                w = t.lemma_.lower()
                if w in self.voc.domains and self.voc.domains[w] not in c.domains:
                    c.domains.append(self.voc.domains[w])
            c.coverage = "partial" if c.domains else "unknown"
            c.status = status
            if e is not None:
                c.date, c.date_precision = e.date, e.date_precision
            if not any(x.label_ == "DATE" for x in ents_in(c.sent)) and not _RELATIVE_TIME.search(c.sent.text):
                echoed = self._echo_date(c)  # the event took the article's date; an earlier sentence has its own
                if echoed is not None:
                    c.date, c.date_precision = echoed.date, echoed.precision
            m = _DURATION.search(" ".join(t.text for t in root.subtree))
            c.duration_text = m.group(0) if m else None
            agents = [x for x in root.children if x.dep_ == "nsubj"]
            agents = [self.actor_in(t) for a in agents for t in [a, *a.conjuncts]]
            if e is not None:
                agents += [e.source, e.target] if status == "agreed" else [e.source]
            for a in (x for x in agents if x):
                key = self.party_of(a)
                if status == "proposed":
                    if key not in c.mediators:
                        c.mediators.append(key)  # who proposes a halt is not a party to it
                else:
                    self._add_party(c, a)  # "Russia and Ukraine agreed to eliminate the use of force"
            subj = next((x for x in tok.children if x.dep_ == "nsubj"), None)
            for t in [subj, *subj.conjuncts] if subj is not None else []:
                if t.i in self.by_token:
                    self._add_party(c, self.by_token[t.i])  # "that Russia and Ukraine stop attacking"
            return c
        return None

    def _kind_at(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if tok.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ"):
            return None
        if prev is not None and f"{prev.lemma_.lower()} {lemma}" in self.voc.kinds:
            return self.voc.kinds[f"{prev.lemma_.lower()} {lemma}"]
        if prev is not None and f"{prev.lower_} {tok.lower_}" in self.voc.kinds:
            return self.voc.kinds[f"{prev.lower_} {tok.lower_}"]
        if lemma in ("exchange", "swap") or (lemma in _EXCHANGES and tok.pos_ == "NOUN"):
            # "a swap of 118 detainees", "the release and transfer of 118 prisoners"
            scope = list(tok.subtree) + (list(tok.head.subtree) if tok.dep_ == "conj" else [])
            if any(t.lemma_.lower() in _CAPTIVES for t in scope):
                return "prisoner_exchange"
            if (
                tok.pos_ == "NOUN"
                and lemma in ("exchange", "swap")
                and not any(c.dep_ in ("compound", "prep", "nmod") for c in tok.children)
                and any(t.lemma_.lower() in _CAPTIVES | {"hostage"} for t in tok.sent)
            ):
                return "prisoner_exchange"  # "Hamas freed three men and Israel 183 prisoners, the fifth exchange"
        if (
            lemma == "peace"
            and tok.dep_ in ("pobj", "dobj", "conj", "appos", "compound", "nsubj")
            and any(
                c.lemma_.lower() in ("permanent", "lasting", "durable", "comprehensive", "just") for c in tok.children
            )
        ):
            return "peace_agreement"
        if lemma == "cease" and nxt is not None and nxt.lower_ == "fire":
            return "ceasefire"
        if lemma in self.voc.kinds and " " not in lemma and self.voc.kinds[lemma] == "ceasefire":
            return "ceasefire"
        if tok.lower_ in ("ceasefire", "ceasefires", "truce", "truces", "armistice"):
            return "ceasefire"
        nominal = tok.pos_ == "NOUN" or (
            tok.dep_ in ("dobj", "pobj", "nsubj") and any(c.dep_ in ("det", "amod") for c in tok.children)
        )  # "discuss a mutual halt to strikes": the tagger may call "halt" a verb
        if lemma in self.voc.pause_nouns and nominal:
            # "a moratorium on strikes", "a halt to attacks on energy facilities", "an energy-strike pause"
            stopped = [
                o
                for p in tok.children
                if p.dep_ == "prep" and p.lower_ in ("on", "to", "in", "of")
                for o in p.children
                if o.dep_ == "pobj"
            ]
            stopped += [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
            if nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in ("on", "to", "in", "of"):
                stopped += [o for o in nxt.children if o.dep_ == "pobj"]  # "a halt | to strikes", attached elsewhere
            if any(t.lemma_.lower() in self.voc.hostilities for o in stopped for t in o.subtree):
                return "ceasefire"
        return None

    def _candidate(self, kind: str, tok: Token, sent: Span, purpose: str | None = None) -> Candidate:
        not_renewed = (
            tok.dep_ == "dobj"
            and tok.head.lemma_.lower() in _RENEWAL_VERBS
            and any(x.dep_ == "neg" for x in tok.head.children)
            and tok.lemma_.lower() in self.voc.arrangement_nouns
        )  # "will not renew the deal that let grain ships pass": the deal ends, by that party's choice
        extends = kind
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _RENEWAL_VERBS and not not_renewed:
            kind = "extension"  # "agreed today to extend the humanitarian truce by 30 days"
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _RENEWALS:
            kind = "extension"  # "the extension of the humanitarian truce": a new, linked record
        c = Candidate(kind, tok, sent, purpose=purpose)
        c.extends_kind = extends if kind == "extension" else None
        mods = self._modifiers(tok)
        for t in mods:
            w = t.lemma_.lower()
            if w in self.voc.domains and self._qualified(t):
                c.scope_tokens.append(t.i)
                continue  # "energy infrastructure": the energy domain, not all infrastructure
            if w in self.voc.domains and self.voc.domains[w] not in c.domains:
                c.domains.append(self.voc.domains[w])
                c.scope_tokens.append(t.i)
            for form in (w, t.lower_):
                if form in self.voc.coverage:
                    c.coverage = self.voc.coverage[form]
        for prep in (t for t in tok.children if t.dep_ == "prep" and t.lower_ in _AREA_PREPS):
            for t in prep.subtree:
                if t.ent_type_ in ("LOC", "GPE"):
                    place = gazetteer().lookup(self._ent_text(t))
                    if place is not None and place.kind != "country":
                        c.area = place.name
                        if place.kind in ("sea", "strait") and "maritime" not in c.domains:
                            c.domains.append("maritime")
                    break
        if c.domains and c.coverage == "unknown":
            c.coverage = "partial"
        if kind == "humanitarian_corridor" and "maritime" not in c.domains:
            if any(self.voc.domains.get(t.lemma_.lower()) == "maritime" for t in tok.subtree):
                c.domains.append("maritime")  # "a deal that let grain ships leave Black Sea ports"
        near = tok.doc[tok.left_edge.i : tok.i + 1].text  # (Doc.text is rebuilt on every access)
        m = _DURATION.search(near)
        if m is None:  # "a ceasefire on energy and infrastructure, to last 30 days"
            m = re.search(
                r"\b(?:to last|lasting|for)\s+(?:a period of\s+)?" + _DURATION.pattern,
                tok.doc[tok.i : min(tok.sent.end, tok.i + 14)].text,
            )
        if m:
            c.duration_text = _DURATION.search(m.group(0)).group(0)  # type: ignore[union-attr]
        if not_renewed:
            c.status, c.end_reason, c.status_verb = "ended", "terminated_by_party", tok.head
            return c
        self._status(c)
        return c

    def _relative_status(self, c: Candidate) -> bool:
        """ "the truce, which lapsed on Sunday", "the ceasefire that took effect on Monday": a relative
        clause on the mention says what happened to it, and its date is the clause's."""
        for rel in (x for x in c.head.children if x.dep_ == "relcl" and x.pos_ in ("VERB", "AUX")):
            subj = next((x for x in rel.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.tag_ not in ("WDT", "WP") or any(x.dep_ == "neg" for x in rel.children):
                continue  # "the truce Russia violated": the relative clause is someone's act on it
            lemma = rel.lemma_.lower()
            obj = next((x.lower_ for x in rel.children if x.dep_ in ("prt", "dobj")), "")
            into = next(
                (f"{lemma} {p.lower_} {o.lower_}" for p in rel.children if p.dep_ == "prep" for o in p.children),
                "",
            )
            if lemma in self.voc.ends:
                c.status, c.end_reason = "ended", self.voc.ends[lemma]
            else:
                cue = self.voc.status.get(lemma) or self.voc.status.get(f"{lemma} {obj}") or self.voc.status.get(into)
                if cue not in ("in_force", "suspended", "agreed"):
                    continue
                c.status = cue
            if any(x.lower_ in ("will", "shall", "would") for x in rel.children if x.dep_ == "aux"):
                c.modality = "future"
            c.status_verb = rel
            return True
        return False

    def _qualified(self, tok: Token) -> bool:
        """A generic domain noun narrowed by another domain word: 'energy infrastructure', 'oil facilities'."""
        if tok.lemma_.lower() not in _GENERIC_DOMAINS:
            return False
        return any(x.dep_ in ("compound", "amod") and x.lemma_.lower() in self.voc.domains for x in tok.children)

    def _blocked_above(self, c: Candidate) -> bool:
        """Is the mention in an adverbial 'despite / amid / after' phrase, so that the clause's verb is not its?"""
        return c.head.dep_ == "pobj" and c.head.head.lower_ in ("despite", "amid", "after", "before", "during")

    def _with_reservations(self, c: Candidate) -> bool:
        """A proposal answered 'in principle' or 'but demands …': still under negotiation."""
        if not any(a.lemma_.lower() in self.voc.responses for a in c.head.ancestors):
            return False
        text = " " + " ".join(t.lower_ for t in c.sent if not t.is_punct) + " "
        return any(f" {r} " in text for r in self.voc.reservations)

    def _modifiers(self, tok: Token) -> list[Token]:
        """Words that qualify an agreement noun: its modifiers and 'of/on/for/covering' objects."""
        out: list[Token] = []
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if (
            nxt is not None
            and nxt.dep_ == "prep"
            and nxt.lower_ in ("on", "to", "of", "in")
            and nxt.head.i != tok.i
            and tok.lemma_.lower() in self.voc.pause_nouns
        ):
            for pobj in (x for x in nxt.children if x.dep_ == "pobj" and x.lemma_.lower() in self.voc.hostilities):
                out.extend(_scope_words(pobj))  # "observe the halt | to strikes on energy", attached to the verb
        heads = [tok]
        if tok.dep_ == "compound":
            heads.append(tok.head)  # "permanent peace implementation", "energy ceasefire deal"
        for h in heads:
            for c in h.children:
                if c.dep_ in ("amod", "compound", "nmod", "nummod"):
                    out.extend(c.subtree)
                elif c.dep_ == "prep" and c.lower_ in ("of", "on", "for", "covering", "over", "to", "against", "in"):
                    for pobj in (x for x in c.children if x.dep_ == "pobj"):
                        if pobj.lemma_.lower() in self.voc.hostilities:
                            out.extend(_scope_words(pobj))  # "a moratorium on strikes against energy facilities"
                            continue
                        for t in [pobj, *pobj.conjuncts]:
                            if t.pos_ in ("NOUN", "PROPN", "ADJ") and self._kind_at(t) is None:
                                out.append(t)
                                out.extend(x for x in t.children if x.dep_ in ("amod", "compound"))
        return out

    def _on_schedule(self, verb: Token) -> bool:
        """'ended at midnight', 'ended on Sunday as planned': an end by the clock, not by fighting."""
        words = {t.lower_ for t in verb.subtree}
        return bool(words & {"midnight", "scheduled", "planned", "expired", "lapsed"})

    def _ent_text(self, tok: Token) -> str:
        ent = ent_of(tok)
        return ent.text if ent is not None else tok.text

    def _status(self, c: Candidate) -> None:
        self._governed_status(c)
        if c.purpose == "peace_talks":
            # talks are under way once agreed, begun or held; only a suspension, an end or a plan says more
            if c.status in (None, "agreed", "declared", "in_force", "proposed"):
                c.status = "planned" if c.modality == "future" else "negotiating"
                c.modality = "asserted"
            return
        if c.status is not None or self.demand_behind(c) is not None:
            return
        head = c.head
        if head.dep_ == "pobj" and head.head.lower_ == "under" and not self._in_time_clause(c):
            # "handed the city back under a truce brokered by China", "the fifth exchange under a ceasefire";
            # "under the arrangement, Hezbollah will carry out no attacks" tells its terms: agreed, not yet in force
            verb = head.head.head
            ahead = any(x.lower_ in ("will", "would", "shall", "to") for x in verb.children if x.dep_ == "aux")
            c.status = "in_force" if c.kind in _SIDED_KINDS and not ahead else "agreed"
            return
        for acl in (x for x in head.children if x.dep_ == "acl" and x.tag_ == "VBN"):
            cue = self.voc.status.get(acl.lemma_.lower())
            if cue in ("agreed", "declared", "proposed") and not _in_cause(head):
                c.status, c.status_verb = cue, acl  # "a cessation of hostilities signed in Pretoria on 2 November"
                return

    @staticmethod
    def _through_verb(tok: Token, top: Token) -> bool:
        """Is there a verb between a token and the mention it hangs under?"""
        node = tok.head
        while node.i != top.i and node.head.i != node.i:
            if node.pos_ in ("VERB", "AUX"):
                return True
            node = node.head
        return False

    def venue_countries(self, c: Candidate) -> list[str]:
        """Where it was agreed or talked about: "agreed to a ceasefire in Havana", "signed in Doha, Qatar",
        "the agreement reached in Jeddah" (a place under the mention or its verb; never a place of fighting)."""
        verb = next((a for a in [c.head, *c.head.ancestors] if a.pos_ in ("VERB", "AUX")), None)
        holders = [c.head] + ([verb] if verb is not None else [])
        holders += [x for x in c.head.children if x.dep_ == "acl" and x.tag_ == "VBN"]
        out: list[str] = []
        for h in holders:
            for prep in (x for x in h.children if x.dep_ == "prep" and x.lower_ == "in"):
                for obj in (x for x in prep.children if x.dep_ == "pobj" and x.ent_type_ == "GPE"):
                    place = gazetteer().lookup(self._ent_text(obj))
                    if place is not None and place.kind == "city" and place.country and place.country not in out:
                        out.append(place.country)
        return out

    def claimant(self, c: Candidate) -> str | None:
        """Who says it: the subject of the claim verb above the mention ("the Kremlin said the truce had
        expired"), the X of "according to X", else the speaker the events stage found for the sentence."""
        for verb in (a for a in c.head.ancestors if a.pos_ in ("VERB", "AUX")):
            if verb.lemma_.lower() in self.voc.claim_verbs:
                subj = next((x for x in verb.children if x.dep_ == "nsubj"), None)
                if subj is not None and c.head.i not in {t.i for t in subj.subtree}:
                    who = self._actor_named(subj)
                    if who is not None:
                        return who
        for tok in c.sent:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                for obj in (x for x in self.doc[tok.i + 1].children if x.dep_ == "pobj"):
                    who = self._actor_named(obj)
                    if who is not None:
                        return who
        said = [e.reported_by for e in self._sentence_events(c.sent) if e.reported_by]
        return max(set(said), key=said.count) if said else None

    def _actor_named(self, tok: Token) -> str | None:
        """The actor a phrase names, a person first ("Kremlin spokesperson, Dmitry Peskov": Peskov)."""
        named = [self.by_token[t.i] for t in [tok, *tok.subtree] if t.i in self.by_token]
        people = [a for a in named if self.kind_of.get(a) == "person"]
        return (people or named or [None])[0]

    def _end_noun(self, c: Candidate) -> Token | None:
        """ "after the ceasefire's expiry on Friday", "the collapse of the truce": a noun that ends it,
        dated by its own date phrase."""
        node = c.head
        for _ in range(4):
            if node.dep_ not in ("pobj", "prep") or node.head.i == node.i:
                return None
            node = node.head
            noun = node.lemma_.lower()
            if node.pos_ == "NOUN" and noun in _END_NOUNS:
                c.status, c.end_reason = _END_NOUNS[noun]
                if c.status != "ended":
                    c.end_reason = None
                for t in node.subtree:
                    if t.ent_type_ == "DATE" and t.dep_ == "pobj" and t.head.head.i == node.i:
                        got = dates_mod.resolve(ent_of(t).text if ent_of(t) is not None else t.text, self.published)
                        if got is not None:
                            c.date, c.date_precision, c.date_fixed = got.date, got.precision, True
                        break
                return node
        return None

    def _left(self, c: Candidate) -> bool:
        """ "stopped its participation in the grain arrangement", "will no longer take part in it", "pulled out
        of the deal", "withdrew from the truce": one party leaves; for a deal between two, that ends it."""
        tok = c.head
        if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "from", "of"):
            return False
        holder = tok.head.head
        verb = holder.head if holder.lemma_.lower() in _PARTICIPATION and holder.pos_ == "NOUN" else holder
        if verb.pos_ != "VERB":
            return False
        lemma = verb.lemma_.lower()
        prt = next((x.lower_ for x in verb.children if x.dep_ == "prt"), "")
        part = any(x.lower_ == "part" for x in verb.children if x.dep_ == "dobj")
        no_longer = any(x.lower_ == "longer" for x in verb.children if x.dep_ == "advmod") or any(
            x.dep_ == "neg" for x in verb.children
        )
        if holder is not verb and lemma in _SUSPENDING:
            c.status, c.status_verb = "suspended", verb
        elif holder is not verb and lemma in _STOPPING | {"end"}:
            c.status, c.end_reason, c.status_verb = "ended", "terminated_by_party", verb
        elif lemma == "take" and part and no_longer:
            c.status, c.end_reason, c.status_verb = "ended", "terminated_by_party", verb
        elif (lemma in _STOPPING or f"{lemma} {prt}" in _LEAVING) and not any(x.dep_ == "neg" for x in verb.children):
            c.status, c.end_reason, c.status_verb = "ended", "terminated_by_party", verb
        else:
            return False
        reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.voc.claim_verbs
        aux = {x.lower_ for x in verb.children if x.dep_ == "aux"}
        if "will" in aux or "shall" in aux or ("would" in aux and not reported):
            c.modality = "future"  # ("said it would no longer take part": the decision, told in reported speech)
        return True

    def _governed_status(self, c: Candidate) -> None:
        if self._left(c):
            return
        force = next(
            (
                o
                for p in c.head.children
                if p.dep_ == "prep" and p.lower_ == "in"
                for o in p.children
                if o.dep_ == "pobj" and o.lower_ in ("force", "effect", "place")
            ),
            None,
        )
        nxt = c.head.doc[force.i + 1] if force is not None and force.i + 1 < len(c.head.doc) else None
        if nxt is not None and nxt.lower_ == "since":
            # "the truce in place since 2021": when it began, told in passing
            when = next((o for o in nxt.children if o.dep_ == "pobj"), None)
            began = dates_mod.resolve(when.text, self.published) if when is not None else None
            if began is not None and began.date is not None:
                c.start_date, c.start_precision = began.date, began.precision or "day"
        end = self._end_noun(c)
        if end is not None:
            return
        if force is not None:
            c.status = "in_force"
            return
        cur = c.head
        if cur.dep_ == "compound" and cur.head.lemma_.lower() in ("agreement", "deal", "accord", "treaty"):
            cur = cur.head  # "ceasefire agreement" names the arrangement; it is no status cue
        else:
            x = cur  # "a violation of the agreement on the cessation of hostilities": a name too
            for _ in range(3):
                if not (x.dep_ == "pobj" and x.head.lower_ in ("of", "on", "for") and x.head.head.pos_ == "NOUN"):
                    break
                x = x.head.head
                if x.lemma_.lower() in _NAMES:
                    cur = x
                    break
        if self.demand_behind(c) is not None:
            return  # "wants X in order to sign a ceasefire": a condition, not a status
        if self._with_reservations(c):
            c.status = "negotiating"
            return
        if self._relative_status(c):
            return
        if c.kind == "prisoner_exchange" and cur.pos_ == "VERB" and cur.lemma_.lower() in _EXCHANGES:
            # "Russia and Ukraine swapped 390 prisoners each on Friday": carried out, so concluded
            aux = {x.lower_ for x in cur.children if x.dep_ == "aux"}
            negated = any(x.dep_ == "neg" for x in cur.children)
            if not negated and cur.dep_ != "xcomp" and aux & {"will", "shall"}:
                c.status, c.modality = "planned", "future"  # "will exchange 1,000 prisoners next week"
                return
            if not negated and cur.dep_ != "xcomp" and not aux and cur.tag_ in ("VBD", "VBN"):
                c.status, c.end_reason = "ended", "concluded"
                return  # "agreed to exchange …" goes on to the governing verb below
        if c.kind in ("prisoner_exchange", "hostage_release") and self._carried_out(cur):
            c.status, c.end_reason = "ended", "concluded"
            return
        if cur.pos_ == "VERB" and cur.lemma_.lower() == "cease" and not any(x.dep_ == "neg" for x in cur.children):
            # "the two sides will stop firing from 6 a.m.": agreed between two; declared by one alone
            subj = next((x for x in cur.children if x.dep_ == "nsubj"), None)
            if subj is not None:
                c.status = "agreed" if subj.conjuncts else "declared"
                return
        parent = cur.head
        if (
            c.kind == "extension"
            and cur.dep_ == "dobj"
            and parent.lemma_.lower() in _RENEWAL_VERBS
            and any(x.dep_ == "mark" and x.lower_ in ("if", "whether") for x in parent.children)
        ):
            c.status, c.modality = (
                "proposed",
                "hypothetical",
            )  # "unclear whether the new ceasefire would prolong the truce"
            return
        if c.kind == "extension" and cur.dep_ == "dobj" and parent.lemma_.lower() in _RENEWAL_VERBS:
            # "extended their truce by two months": the extension is agreed (or will be)
            offer = parent.head if parent.dep_ in ("acl", "xcomp") else None
            if offer is not None and offer.lemma_.lower() in _OFFERS | _ATTEMPTS:
                # "the envoy's plan to extend the truce was rejected by the Houthis": the offer's fate
                rejected = any(
                    t.pos_ == "VERB" and self.voc.status.get(t.lemma_.lower()) == "rejected" and t.i != parent.i
                    for t in c.sent
                )
                c.status = "rejected" if rejected else "proposed"
                owner = next((x for x in offer.children if x.dep_ == "poss"), None) or next(
                    (o for p in offer.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children), None
                )
                proposer = self.actor_in(owner)
                if proposer is not None:
                    c.proposer = proposer  # "the envoy's plan", "the plan of the UN envoy": a go-between's offer
                return
            if not any(x.dep_ == "neg" for x in parent.children):
                c.status = "agreed"
                if any(x.lower_ in ("will", "would") for x in parent.children if x.dep_ == "aux"):
                    c.status = "planned"
                return
        if cur.dep_ == "dobj" and cur.head.lemma_.lower() in _BREACH_VERBS:
            c.status, c.rule = "in_force", "agreement:violated"  # "violated the Easter truce": it was in force
            return
        if cur.dep_ == "compound" and cur.head.lemma_.lower() in _OFFERS:
            offer = cur.head  # "accepted a ceasefire proposal": what happens to the proposal happens to the ceasefire
            verb = offer.head
            cue = self.voc.status.get(verb.lemma_.lower()) if offer.dep_ in ("dobj", "nsubjpass") else None
            if cue in ("agreed", "rejected") and verb.pos_ == "VERB":
                c.status = "rejected" if any(x.dep_ == "neg" for x in verb.children) else cue
                return
        if cur.dep_ == "nsubj":
            # "the ceasefire appeared to be holding", "the truce is due to take effect on Monday": the verb's
            # complement says what happens to it
            for x in (y for y in cur.head.children if y.dep_ in ("xcomp", "acomp")):
                chain = [x, *(z for z in x.children if z.dep_ == "xcomp")]
                for z in chain:
                    obj = next((o.lower_ for o in z.children if o.dep_ == "dobj"), "")
                    cue = self.voc.status.get(z.lemma_.lower()) or self.voc.status.get(f"{z.lemma_.lower()} {obj}")
                    if cue in ("in_force", "ended", "suspended"):
                        c.status = cue
                        if any(w.lemma_.lower() in _SCHEDULED for w in chain):
                            c.modality = "future"
                        return
        for acl in (x for x in c.head.children if x.dep_ == "acl" and x.tag_ == "VBN"):
            cue = self.voc.status.get(acl.lemma_.lower())
            if cue in ("agreed", "declared", "proposed") and self._blocked_above(c):
                c.status = cue  # "fighting resumed despite a ceasefire announced by the government"
                return
        through_other_verb = False
        if self._blocked_above(c):
            return  # "fighting resumed despite a ceasefire": the fighting resumed, not the ceasefire
        for _ in range(6):
            parent = cur.head
            if parent.i == cur.i:
                break
            lemma = parent.lemma_.lower()
            if lemma in COND_NOUNS:
                return  # "rejected the demand ... as a condition for a full ceasefire": the condition's fate
            phrase = f"{lemma} {next((x.lower_ for x in parent.children if x.dep_ in ('prt', 'dobj')), '')}".strip()
            negated = any(x.dep_ == "neg" for x in parent.children)
            intransitive = cur.dep_ == "nsubj" and not any(x.dep_ == "dobj" for x in parent.children)
            if lemma in self.voc.ends and parent.pos_ == "VERB" and (cur.dep_ in ("dobj", "nsubjpass") or intransitive):
                c.status, c.end_reason = "ended", self.voc.ends[lemma]
                if intransitive and lemma == "end" and (c.duration_text or self._on_schedule(parent)):
                    c.end_reason = "expired"  # "the two-week truce ended at midnight": it ran its course
                if self._still_ahead(parent):
                    c.modality = "future"  # "fighting would restart once the truce ends": not yet
                return
            into = next(
                (
                    f"{lemma} {p.lower_} {o.lower_}"
                    for p in parent.children
                    if p.dep_ == "prep"
                    for o in p.children
                    if o.dep_ == "pobj"
                ),
                "",
            )
            if cur.dep_ == "nsubj" and (phrase in self.voc.ends or into in self.voc.ends):
                c.status, c.end_reason = "ended", self.voc.ends.get(phrase) or self.voc.ends[into]
                return  # "the accords were in effect dead", "the truce ended"
            cue = self.voc.status.get(lemma) or self.voc.status.get(phrase) or self.voc.status.get(into)
            obj = next((x for x in parent.children if x.dep_ == "dobj" and x.i != cur.i), None)
            if cur.dep_ != "dobj" and obj is not None and parent.pos_ == "VERB" and phrase not in self.voc.status:
                # "held talks on creating a zone", "resume talks to review the ceasefire",
                # "reached an agreement on a truce": the verb's own object says what happens to the arrangement
                # (the truce 'holds'; talks are 'held'); "agreed a deal on a truce" keeps the verb's word
                own = self.voc.status.get(obj.lemma_.lower())
                if own is not None or cue == "in_force":
                    cue = own
            if lemma in _REPORTING_CUES and through_other_verb:
                cue = None  # "announced that the army welcomes the initiative for a truce": a report, not a deal
            if cue in ("in_force", "agreed", "ended", "suspended") and self._requested(parent):
                return  # "called on all parties to implement the arrangement": a demand, no status
            if negated and cue in ("planned", "negotiating", "proposed"):
                return  # "did not lead to a peace deal": no status either way
            if cue and negated and cue == "agreed" and re.search(r"\b(unless|until)\b", c.sent.text):
                c.status = "negotiating"  # "will not sign unless the militia meets two conditions"
                return
            if lemma == "refuse" or (cue and negated and cue == "agreed"):
                c.status = "rejected"
                return
            if cue in ("in_force", "suspended", "ended") and (
                any(x.lower_ in ("will", "shall", "'ll", "would") for x in parent.children if x.dep_ == "aux")
                or (parent.dep_ == "xcomp" and parent.head.lemma_.lower() in _SCHEDULED)
            ):
                c.modality = "future"  # "the truce will enter into force / is due to begin on Monday": not yet
            if cue:
                if (
                    cue == "proposed"
                    and parent.head.lemma_.lower() in self.voc.status
                    and self.voc.status[parent.head.lemma_.lower()] == "rejected"
                ):
                    c.status = "rejected"
                    return
                c.status = cue
                if cue == "agreed" and lemma == "announce":
                    subj = next((x for x in parent.children if x.dep_ == "nsubj"), None)
                    c.declared_by = self.by_token.get(subj.i) if subj is not None else None
                if (
                    cue == "agreed"
                    and any(x.lower_ in ("will", "would") for x in parent.children if x.dep_ == "aux")
                    and parent.lemma_.lower() not in ("agree",)
                ):
                    c.status = "planned"
                return
            if parent.pos_ == "VERB" and lemma not in ("take", "begin", "start", "be", "have"):
                through_other_verb = True
            if lemma in ("take", "begin") and any(x.lower_ == "place" for x in parent.children):
                c.status = "planned" if any(x.lower_ in ("will", "would") for x in parent.children) else "in_force"
                cur = parent
                continue
            cur = parent
        # the root verb of the sentence may still say "agreed"
        root = c.sent.root
        cue = self.voc.status.get(root.lemma_.lower())
        if cue == "agreed" and c.status is None and root.lemma_.lower() not in _REPORTING_CUES:
            c.status = "agreed"
        if c.status is None:
            # "presented officials with a proposal, drafted with France, for a ceasefire": the proposal and
            # the ceasefire hang from one verb
            verb = c.head
            while verb.pos_ != "VERB" and verb.head.i != verb.i:
                verb = verb.head
            for t in verb.subtree:
                cue = self.voc.status.get(t.lemma_.lower())
                if (
                    t.i < c.head.i
                    and t.pos_ == "NOUN"
                    and cue in ("proposed", "agreed")
                    and t.lemma_.lower() not in _NAMES
                ):
                    c.status = cue  # "welcome the signature today in Jeddah ... of a humanitarian truce"
                    break

    # ------------------------------------------------------------- parties
    def _sentence_events(self, sent: Span) -> list[Event]:
        if self._events_by_sent is None:
            self._events_by_sent = {}
            for e in self.events:
                for start in dict.fromkeys(ev.start for ev in e.evidence):
                    self._events_by_sent.setdefault(start, []).append(e)
        return self._events_by_sent.get(sent.start_char, [])

    def _trigger_tokens(self, e: Event, sent: Span) -> set[int]:
        by_start = {t.idx: t.i for t in sent}
        return {
            by_start[ev.trigger_start]
            for ev in e.evidence
            if ev.start == sent.start_char and ev.trigger_start in by_start
        }

    def parties(self, c: Candidate) -> None:
        sent_events = self._sentence_events(c.sent)
        # "the truce between Armenia and Azerbaijan"; "a moratorium ... in Russia and Ukraine"
        for prep in (x for x in c.head.subtree if x.dep_ == "prep" and x.lower_ in ("between", "among", "in")):
            for pobj in (x for x in prep.children if x.dep_ == "pobj"):
                named = [self.by_token[t.i] for t in [pobj, *pobj.conjuncts] if t.i in self.by_token]
                if prep.lower_ != "in" or (
                    not self._through_verb(prep, c.head)
                    and len(named) >= 2
                    and all(self.kind_of.get(a) == "country" for a in named)
                ):  # (not "the talks held in Oslo, Doha and Geneva": venues of talks are no sides)
                    for a in named:
                        self._add_party(c, a)
                    if prep.lower_ == "between" and len(c.parties) >= 2:
                        c.named_sides = True  # "a truce between the M23 and the army": these are its sides
        # "suspended the ceasefire with the ELN": the other side, and whoever acts on the ceasefire
        holders = [c.head] + ([c.head.head] if c.head.dep_ == "dobj" else [])  # "suspended X with the ELN"
        for prep in (x for h in holders for x in h.children if x.dep_ == "prep" and x.lower_ == "with"):
            others = [
                self.by_token[t.i]
                for p in prep.children
                if p.dep_ == "pobj"
                for t in [p, *p.conjuncts]
                if t.i in self.by_token
            ]
            for a in [*self._governing_agents(c), *others]:
                self._add_party(c, a)
        owner = self.actor_in(next((x for x in c.head.children if x.dep_ == "poss"), None))
        if owner is not None and c.head.lemma_.lower() in self.voc.kinds:
            self._add_party(c, owner)  # "its ceasefire", "Russia's truce": the owner is a side
        verb = c.head.head
        if c.head.dep_ == "dobj" and verb.lemma_.lower() in _BREACH_VERBS:
            for a in self._governing_agents(c):
                self._add_party(c, a)  # "Russia violated the Easter truce": who breaks it is bound by it
        if not c.parties and c.kind == "prisoner_exchange" and c.head.pos_ == "VERB":
            subj = next((x for x in c.head.children if x.dep_ == "nsubj"), None)
            for t in [subj, *subj.conjuncts] if subj is not None else []:
                self._add_party(c, self.actor_in(t))  # "Russia and Ukraine swapped prisoners"
        # plural references inside the mention's clause: "between the two countries", "the warring sides
        # agreed" (never "praised Oman and Kuwait for their efforts": whose efforts is no side of it), when
        # the names do not already give both sides
        for t in c.head.head.subtree if c.head.head.i != c.head.i else c.head.subtree:
            if t.i in self.plural and t.tag_ != "PRP$" and len(c.parties) < 2:
                for a in self._sides_for(t) or self.plural[t.i]:
                    self._add_party(c, a)
            elif t.lemma_.lower() in _SIDE_NOUNS | {"camp", "faction"} and t.tag_ == "NNS" and not c.parties:
                # "Libya's two main warring camps signed a ceasefire": a war within that country
                owner = next((x for x in t.children if x.dep_ == "poss"), None)
                country = self.by_token.get(owner.i) if owner is not None else None
                if country is not None and self.kind_of.get(country) == "country":
                    self._add_party(c, country)
        if c.status == "ended":
            for e in self._ending_events(c, sent_events):
                for a in (e.source, e.target):
                    self._add_party(c, a)
                c.events.append(e.id)
                c.date = e.date or self.published
                c.date_precision = e.date_precision or ("day" if self.published else None)
        # a halt declared, ordered or agreed names the parties; one taking effect ("+in_force") does not
        halts = [
            e
            for e in sent_events
            if e.type in ("CONCEDE", "RETREAT", "AGREE") and e.mode == "ceasefire" and "+in_force" not in e.rule
        ]
        for e in halts:
            for a in (e.source, e.target):
                self._add_party(c, a)
            c.events.append(e.id)
        if c.status in ("rejected",):
            for e in sent_events:
                if e.type == "REJECT" and e.source:
                    self._add_party(c, e.source)
                    c.events.append(e.id)
                    c.date = c.date or e.date
        if not c.parties:
            # "Israel and Hamas agreed to a ceasefire": the subject of the verb that agrees or announces
            for a in self._governing_subjects(c):
                self._add_party(c, a)
        if not c.parties and c.kind in _SIDED_KINDS:
            # "talks between Ethiopia's government and Tigrayan forces ... no sign yet of a truce": the pair the
            # sentence names is the truce's, not the article's (another conflict, told in passing)
            for prep in (t for t in c.sent if t.lower_ == "between" and t.dep_ == "prep"):
                named = [
                    self.by_token[x.i]
                    for o in prep.children
                    if o.dep_ == "pobj"
                    for t in [o, *o.conjuncts]
                    for x in [t, *t.children]
                    if x.i in self.by_token
                ]
                if len({self.party_of(a) for a in named}) >= 2:
                    for a in named:
                        self._add_party(c, a)
                    break
        if c.proposer is not None and c.proposer not in c.parties and c.proposer not in c.mediators:
            if not self.is_side(c.proposer):
                c.mediators.append(c.proposer)
        self._frame_sides(c)
        party_countries = {self.country_of.get(p) or p for p in c.parties}
        for e in sent_events:
            if e.type in _CONTEXT_TYPES and c.parties:
                for a in (e.source, e.target):
                    if (
                        a
                        and (self.country_of.get(a) or a) not in party_countries
                        and (self.country_of.get(a) or a) not in c.mediators
                        and self.party_of(a) not in c.dropped
                    ):
                        c.mediators.append(self.country_of.get(a) or a)
                c.events.append(e.id)
                c.date = c.date or (e.date if _dated_in(e, c.sent) else None)
        own = self._clause_date(c) if c.status and not c.date_fixed else None
        if own is not None:
            c.date, c.date_precision = own.date, own.precision  # the date of the clause that changes the status
        if c.status in ("in_force", "ended", "suspended") and self._ahead_of_story(c, own):
            c.modality = "future"  # "takes full effect in October", "runs out at the end of 9 June"
        # "the fiercest fighting since the energy ceasefire began": the fighting's date is not the start's
        undated = own is None and self._in_time_clause(c)
        if c.date is None and not undated:
            for e in sent_events:
                if e.date and e.type in _CONTEXT_TYPES | {"RETREAT"} and _dated_in(e, c.sent):
                    c.date = e.date
                    break
        if c.date is None and not undated:
            for ent in ents_in(c.sent):
                if _in_cause(ent.root):
                    continue  # "in view of the shelling on Thursday, the army suspended ...": the cause's date
                if any(a.dep_ == "relcl" for a in [ent.root, *ent.root.ancestors]) and not any(
                    a.dep_ == "relcl" for a in [c.head, *c.head.ancestors]
                ):
                    continue  # "accepted the arrangement, which will enter into force on Wednesday": its own clause
                if ent.label_ == "DATE" and not dates_mod.is_duration(ent.text):
                    r = dates_mod.resolve(ent.text, self.published)
                    if r:
                        c.date, c.date_precision = r.date, r.precision
                        break
        if c.date is None and c.status and not undated:
            echoed = self._echo_date(c)
            if echoed is not None:
                c.date, c.date_precision = echoed.date, echoed.precision
        if undated and c.status in ("in_force", "agreed", "declared"):
            c.date = c.date_precision = None  # neither the sentence's events nor its other dates date it
        if c.status == "ended" and c.duration_text and c.date:
            days = dates_mod.duration_days(c.duration_text)
            if days:
                c.start_date = c.date - relativedelta(days=days)
                if days >= 28:
                    c.start_date = date(c.start_date.year, c.start_date.month, 1)

    def _in_dateline(self, span: Span) -> bool:
        """ "MOSCOW, April 19 (CPA) - ...": the dateline dates the report, not the news."""
        dash = next((t.i for t in self.doc[:14] if t.text in ("-", "–", "—")), None)
        return dash is not None and span.start < dash

    def _echo_date(self, c: Candidate) -> dates_mod.Resolved | None:
        """A sentence that restates an earlier one's news takes its date: "Russia and Ukraine agreed on
        Wednesday to …. Washington said the parties agreed to …" (the same verb, two sentences back at most)."""
        verb = next((a for a in c.head.ancestors if a.pos_ == "VERB" and self.voc.status.get(a.lemma_.lower())), None)
        if verb is None:
            return None
        in_doc = sents(self.doc)
        at = next((i for i, s in enumerate(in_doc) if s.start == c.sent.start), None)
        for prev in reversed(in_doc[max(0, (at or 0) - 2) : at or 0]):
            for tok in prev:
                if tok.pos_ != "VERB" or tok.lemma_.lower() != verb.lemma_.lower():
                    continue
                for ent in ents_in(prev):
                    if ent.label_ != "DATE" or dates_mod.is_duration(ent.text) or _in_cause(ent.root):
                        continue
                    if self._in_dateline(ent):
                        continue
                    head = ent.root
                    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
                        head = head.head
                    if head.i == tok.i:
                        return dates_mod.resolve(ent.text, self.published)
        return None

    def _in_time_clause(self, c: Candidate) -> bool:
        """Is the status verb a subordinate time clause ('since the truce began', 'after it took effect')?"""
        verb = next((a for a in [c.head, *c.head.ancestors] if a.pos_ in ("VERB", "AUX")), None)
        marks = ("since", "after", "before", "until", "when", "once")
        return verb is not None and any(x.dep_ == "mark" and x.lower_ in marks for x in verb.children)

    def _clause_date(self, c: Candidate) -> dates_mod.Resolved | None:
        """A date in the clause of the verb that governs the mention ("entered into force this morning,
        after the first truce ended at midnight yesterday": this morning)."""
        verb = c.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        verb = c.status_verb or verb
        ahead = c.modality == "future" or any(
            x.lower_ in ("will", "shall", "'ll", "would") for x in verb.children if x.dep_ == "aux"
        )
        if ahead and c.status in ("agreed", "declared"):
            return None  # "the two sides will stop firing from 6 a.m. on Monday": the day it takes effect
        spans = [e for e in ents_in(c.sent) if e.label_ in ("DATE", "TIME") and not dates_mod.is_duration(e.text)]
        spans = [e for e in spans if not self._in_dateline(e)]
        for i, e in enumerate(spans[:-1]):  # "on Monday" + ", " + "4 May 2026" is one date
            nxt = spans[i + 1]
            if nxt.start - e.end <= 1 and all(t.is_punct for t in self.doc[e.end : nxt.start]):
                spans[i] = self.doc[e.start : nxt.end]
        for m in _RELATIVE_TIME.finditer(c.sent.text):
            span = self.doc.char_span(c.sent.start_char + m.start(), c.sent.start_char + m.end())
            if span is not None and not any(span.start < e.end and e.start < span.end for e in spans):
                spans.append(span)
        for span in sorted(spans, key=lambda e: abs(e.root.i - c.head.i)):
            if _in_cause(span.root):
                continue
            head = span.root
            while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
                head = head.head
            if head.lemma_.lower() in _ONSET_VERBS and head.dep_ in ("advcl", "xcomp") and head.head.i == verb.i:
                head = head.head  # "suspend its commitment for 72 hours, starting from today, Saturday 9 May"
            if c.status_verb is not None and c.status_verb.dep_ == "acl":
                # "the truce signed in Jeddah on 2 May": only a date that hangs on the participle itself
                up = span.root.head
                if not (up.i == verb.i or (up.dep_ == "prep" and up.head.i == verb.i)):
                    continue
            if head.i == verb.i:
                resolved = dates_mod.resolve(span.text, self.published, future=ahead)
                if resolved is not None:
                    return resolved
        return None

    def _governing_agents(self, c: Candidate) -> list[str]:
        """The subject of the verb the mention is the object of ('the government suspended the ceasefire')."""
        verb = c.head.head
        if c.head.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
            return []
        subj = next((x for x in verb.children if x.dep_ == "nsubj"), None)
        return [a for a in [self.actor_in(subj)] if a]

    def _governing_subjects(self, c: Candidate) -> list[str]:
        cur = c.head
        for _ in range(5):
            if cur.head.i == cur.i:
                return []
            cur = cur.head
            if cur.pos_ == "VERB":
                break
        while cur.dep_ == "xcomp" and self.voc.status.get(cur.lemma_.lower()) is None:
            cur = cur.head  # "X and Y have agreed today to extend the truce": the subject of 'agreed'
        carried = c.end_reason == "concluded" and cur.lemma_.lower() in _CARRIED_OUT  # "carried out an exchange"
        if cur.pos_ != "VERB" or (
            self.voc.status.get(cur.lemma_.lower()) not in ("agreed", "rejected", "proposed") and not carried
        ):
            return []
        subj = next((x for x in cur.children if x.dep_ == "nsubj"), None)
        if subj is None:
            return []
        found = []
        for t in [subj, *subj.conjuncts]:
            span = [t] + [x for x in t.children if x.dep_ in ("compound", "amod", "poss")]
            for x in span:
                if x.i in self.by_token and self.by_token[x.i] not in found:
                    found.append(self.by_token[x.i])
                    break
        return found

    def _ending_events(self, c: Candidate, sent_events: list[Event]) -> list[Event]:
        """The attacks that end an agreement: subject of the ending verb, or the clause it qualifies."""
        verb = c.head.head
        while verb.pos_ != "VERB" and verb.head.i != verb.i:
            verb = verb.head
        scope: set[int] = set()
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                scope |= {t.i for t in child.subtree}
        if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ == "VERB":
            scope |= {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
        found = [e for e in sent_events if e.type in ("ASSAULT", "COERCE") and self._trigger_tokens(e, c.sent) & scope]
        if not found:
            # no subject in the parse: the nearest attack before the ending verb
            before = [
                (max(i for i in self._trigger_tokens(e, c.sent) if i < verb.i), e)
                for e in sent_events
                if e.type in ("ASSAULT", "COERCE") and any(i < verb.i for i in self._trigger_tokens(e, c.sent))
            ]
            if before:
                found = [max(before, key=lambda x: x[0])[1]]
        return found

    def actor_in(self, tok: Token | None) -> str | None:
        """The party an actor named in or under this token stands for (country, or group id)."""
        if tok is None:
            return None
        for t in [tok, *tok.subtree]:
            actor = self.by_token.get(t.i)
            if actor is not None:
                return self.party_of(actor)
        return None

    def party_of(self, actor: str) -> str:
        """How an actor counts as a side: a group as itself, anyone else as their country, a person of an
        international body ("the UN envoy Hans Grundberg") as that body."""
        if self.kind_of.get(actor) == "group":
            return actor
        return self.country_of.get(actor) or self.org_of.get(actor) or actor

    def frame_sides(self) -> list[str]:
        """The article's two sides as parties, when its frame has two."""
        if self.frame is None or len(self.frame.sides) != 2:
            return []
        sides = [self.party_of(s.actors[0]) if s.actors else s.country for s in self.frame.sides]
        return [s for s in sides if s] if all(sides) else []

    def is_side(self, party: str) -> bool:
        """Is this party one of the two sides of the article's conflict?"""
        if self.frame is None:
            return False
        return any(party in {self.party_of(a) for a in s.actors} or party == s.country for s in self.frame.sides)

    def belligerent(self, party: str) -> bool:
        """Does this side attack, coerce or threaten anyone in the article?"""
        if self._fighters is None:
            self._fighters = {
                self.party_of(e.source) for e in self.events if e.type in ("ASSAULT", "COERCE", "THREATEN") and e.source
            }
        return party in self._fighters

    def _sides_for(self, tok: Token) -> list[str]:
        """ "the two sides", "both parties", "the warring sides": in an article about one conflict, its
        two sides (the actors stage takes the last pair named, which may be the go-betweens)."""
        noun = tok.head if tok.dep_ in ("nummod", "det", "predet", "amod") else tok  # "both | parties"
        if self.frame is None or len(self.frame.sides) != 2 or noun.lemma_.lower() not in _SIDE_NOUNS:
            return []
        if any(x.dep_ == "poss" for x in noun.children):
            return []  # "Sudan's warring parties": the sides of a war within that country (below)
        return self.frame_sides()

    def _frame_sides(self, c: Candidate) -> None:
        """A halt is between the sides that fight: when one of its parties is a side of the article's
        conflict and the others are not ("Trump and Putin agreed to an energy ceasefire" in a report on
        Russia and Ukraine), the other side is the second party and the outsiders are go-betweens; a
        halt one side declares or ends alone is still one between it and the other side."""
        if self.frame is None or len(self.frame.sides) != 2 or c.kind not in _SIDED_KINDS or c.named_sides:
            return
        sides = self.frame_sides()
        if not c.parties and c.mediators and all(m in self.bodies for m in c.mediators) and sides:
            # "the UN envoy's plan to extend the truce": a body names no side; the truce is the conflict's
            c.parties = list(sides)
            return
        side_keys = [
            {self.party_of(a) for a in s.actors} | ({s.country} if s.country else set()) for s in self.frame.sides
        ]

        def keys_of(party: str) -> set[str]:
            return {party} | ({self.country_of[party]} if self.country_of.get(party) else set())

        on = [i for i, keys in enumerate(side_keys) if any(keys & keys_of(p) for p in c.parties)]
        outside = [p for p in c.parties if not any(keys & keys_of(p) for keys in side_keys)]
        if not on and len(outside) == 1 and not self.belligerent(outside[0]) and sides:
            # "the warring generals kept fighting even as they agreed to a pause" with 'they' taken for the
            # embassy they ransacked: one named actor that fights nobody is no side of a halt between two
            # (it is not made a mediator either: one who brokers, hosts or proposes is found as such below)
            c.dropped.extend(outside)
            c.parties = list(sides)
            return
        if len(on) != 1:
            return  # both sides named already, or neither
        if outside and all(self.belligerent(p) for p in outside):
            return  # "Turkey and Russia agreed a ceasefire in Idlib" in a report on Syria: Russia fights there too
        other = self.frame.sides[1 - on[0]]
        counterpart = self.party_of(other.actors[0]) if other.actors else other.country
        if counterpart is None or counterpart in c.mediators:
            return  # (a frame that took a go-between for a side)
        c.parties = [p for p in c.parties if p not in outside]
        if counterpart not in c.parties:
            c.parties.append(counterpart)
        c.mediators.extend(p for p in outside if p not in c.mediators)

    def _add_party(self, c: Candidate, actor: str | None) -> None:
        if actor is None or c.named_sides:
            return
        country = self.party_of(actor)
        if country in self.bodies or actor in self.bodies:
            if country not in c.mediators:
                c.mediators.append(country)  # "the UN envoy agreed the truce with both sides": a go-between
            return
        if country in c.mediators:
            return  # who proposes or brokers a halt is not a party to it
        if country not in c.parties:
            c.parties.append(country)

    # ------------------------------------------------------------- conditions
    def demand_behind(self, c: Candidate) -> Token | None:
        """The demand verb when the agreement is the goal of a demand: 'X wants Y in order to sign Z'."""
        verb = c.head
        while verb.pos_ != "VERB" and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("sign", "agree", "accept", "reach", "conclude", "get"):
            return None
        before = [t.lower_ for t in c.sent.doc[max(c.sent.start, verb.i - 3) : verb.i]]
        if not (before[-1:] == ["to"] or "order" in before):
            return None
        if verb.dep_ in ("advcl", "xcomp") and verb.head.lemma_.lower() in _DEMAND_VERBS:
            return verb.head
        demands = [t for t in c.sent if t.i < verb.i and t.lemma_.lower() in _DEMAND_VERBS and t.pos_ == "VERB"]
        return demands[-1] if demands else None

    def conditions(self, cands: list[Candidate]) -> None:
        """'X wants Y (from Z) in order to sign <agreement>' -> a condition set by X on Z."""
        for c in cands:
            want = self.demand_behind(c)
            if want is None:
                continue
            subj = next((x for x in want.children if x.dep_ == "nsubj"), None)
            obj = next((x for x in want.children if x.dep_ in ("dobj", "ccomp")), None)
            if obj is None:
                continue
            span = self.doc[obj.left_edge.i : obj.right_edge.i + 1]
            while len(span) and span[-1].is_punct:
                span = span[:-1]
            on = None
            for t in span:
                if t.i in self.by_token and t.head.lower_ == "from":
                    on = self.country_of.get(self.by_token[t.i]) or self.by_token[t.i]
                    break
            by = self.by_token.get(subj.i) if subj is not None else None
            c.conditions.append(
                Condition(
                    by=(self.country_of.get(by) or by) if by else None,
                    on=on,
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                )
            )

    # ------------------------------------------------------------- phases
    def _sequenced(self, sent: Span) -> bool:
        text = sent.text.lower()
        return any(re.search(rf"\b{re.escape(cue)}\b", text) for cue in self.voc.sequence)

    def phases(self, cands: list[Candidate]) -> None:
        by_sent: dict[int, list[Candidate]] = {}
        for c in cands:
            by_sent.setdefault(c.sent.start, []).append(c)
        # a sequence may run over adjacent sentences: "... will begin with an energy ceasefire. Talks on a
        # maritime ceasefire will start at once, followed by talks on a full ceasefire."
        order = sents(self.doc)
        index = {s.start: i for i, s in enumerate(order)}
        groups: list[list[Candidate]] = []
        last = -2
        for start in sorted(by_sent, key=lambda x: index.get(x, 0)):
            group = by_sent[start]
            if not self._sequenced(group[0].sent):
                last = -2
                continue
            i = index.get(start, 0)
            if groups and i == last + 1:
                groups[-1].extend(group)
            else:
                groups.append(list(group))
            last = i
        for group in groups:
            if len(group) < 2:
                continue
            text = " ".join(dict.fromkeys(c.sent.text.lower() for c in group))
            group.sort(key=lambda c: c.head.i)
            pid = (
                "proc-"
                + hashlib.sha1(f"{group[0].sent.start_char}:{text}".encode(), usedforsecurity=False).hexdigest()[:10]
            )
            first_status = group[0].status or "agreed"
            for n, c in enumerate(group, 1):
                c.process, c.phase = pid, n
                if n == 1:
                    c.status = first_status if first_status != "negotiating" else "agreed"
                elif n == 2 and self._under_negotiation(c):
                    c.status = "negotiating"
                else:
                    c.status = "planned"
                c.rule = "agreement:process-phase"

    def _under_negotiation(self, c: Candidate) -> bool:
        cur = c.head
        for _ in range(5):
            cur = cur.head
            if self.voc.status.get(cur.lemma_.lower()) == "negotiating":
                return True
            if cur.head.i == cur.i:
                break
        return False


def extract_agreements(
    doc: Doc,
    res: ActorResolution,
    events: list[Event],
    article_id: str,
    published: date | None,
    frame: ArticleFrame | None = None,
) -> list[Agreement]:
    # an event dated only by the story's date has no date of its own: an agreement's dates come from
    # what the text says (its own clause, then the sentence), so such dates are not read here
    events = [
        e.model_copy(update={"date": None, "date_precision": None}) if e.date_basis == "published" else e
        for e in events
    ]
    ex = _Extractor(doc, res, events, published, frame)
    cands = ex.mentions()
    cands = sorted(cands + ex.from_events(cands), key=lambda c: c.head.i)
    for c in cands:
        ex.parties(c)
    ex.phases(cands)
    ex.conditions(cands)
    for c in cands:
        c.declared_by = c.declared_by or ex.claimant(c)
    _exchange_quantities(ex, cands)
    records: list[Agreement] = []
    bare: list[Candidate] = []
    placed: list[tuple[Candidate, Agreement]] = []
    for c in cands:
        if not (c.status or c.parties or c.domains or c.coverage != "unknown" or c.conditions or c.quantities):
            bare.append(c)  # "Details of the ceasefire": evidence only, placed below
            continue
        referent = next((r for x, r in placed if x is c.refers), None)
        fits = [referent] if referent is not None else [r for r in records if compatible(r, c)]
        if not fits and referent is None:  # a report that says less than another: "a ceasefire" / "a full ceasefire"
            fits = [r for r in records if compatible(r, c, loose=True)]
        if len(c.parties) >= 2 and not any(ex.is_side(p) for p in c.parties):
            # "in the South Caucasus, meanwhile, a truce between Armenia and Azerbaijan broke down" in a report on
            # Libya: another conflict's arrangement never joins one whose sides are not named yet
            fits = [r for r in fits if r.parties]
        if c.status in ("in_force", "suspended", "ended"):
            # an implementation report goes to an arrangement already agreed, not one still talked about
            settled = [r for r in fits if any(s.status in ("agreed", "declared", "in_force") for s in r.timeline)]
            fits = settled or fits
        target = fits[-1] if fits else None
        if target is None and unqualified(c):
            # "the ceasefire", "a four-day truce" with nothing else to tell it apart: the arrangement of its
            # family the article spoke of last (never a phase of a process, one that ended, or another length)
            same = [
                r
                for r in records
                if family(r.kind) == family(c.kind)
                and not r.process
                and not r.end_date
                and (r.duration_text is None or c.duration_text is None or r.duration_text == c.duration_text)
            ]
            if same:
                target = max(same, key=lambda r: max(e.start for e in r.evidence))
        if target is None:
            target = new_record(c, article_id)
            records.append(target)
        merge_into(target, c)
        placed.append((c, target))
    for c in bare:
        # a bare mention (a headline) belongs with the next informative mention of its kind nearby
        after = [(x, r) for x, r in placed if x.kind == c.kind and 0 < x.sent.start - c.sent.start]
        before = [(x, r) for x, r in placed if x.kind == c.kind and x.sent.start <= c.sent.start]
        pick = min(after, key=lambda xr: xr[0].head.i)[1] if after else (before[-1][1] if before else None)
        if pick is not None:
            pick.evidence.append(evidence_of(c))
            pick.duration_text = pick.duration_text or c.duration_text  # "revive a six-month truce" (headline)
    # phases inherit the parties and mediators of their process's first phase
    for r in records:
        if r.process and r.phase and r.phase > 1:
            first = next((x for x in records if x.process == r.process and x.phase == 1), None)
            if first is not None:
                r.parties = r.parties or list(first.parties)
                r.mediators = r.mediators or list(first.mediators)
    add_context_parties(records, events, ex)
    align_process_parties(records)
    add_brokers(placed, ex)
    add_stated_conditions(records, placed, ex)
    monitor = find_monitor(ex)
    for r in records:
        r.monitor = r.monitor or (monitor if r.kind in ("ceasefire", "extension") else None)
    for c, r in placed:
        for host in ex.venue_countries(c):
            if host not in r.hosts:
                r.hosts.append(host)
    for r in records:
        r.kind = _named_kind(r, text_of(doc))
        r.hosts = [h for h in r.hosts if h not in r.parties and not ex.is_side(h)]
        # a party's own country is no go-between ("Palestinian prisoners" on an exchange with Hamas)
        own = {ex.country_of.get(p) for p in r.parties} | set(r.parties)
        r.mediators = [m for m in r.mediators if m not in own]
        derive_status(r, published)
        if r.status == "ended" and r.end_date and r.duration_text and r.start_date is None:
            days = dates_mod.duration_days(r.duration_text)  # "the six-month truce lapsed on Sunday": began in April
            if days:
                begun = r.end_date - relativedelta(days=days)
                r.start_date, r.start_precision = (
                    (date(begun.year, begun.month, 1), "month")
                    if days >= 28
                    else (
                        begun,
                        "day",
                    )
                )
        if r.name in ("Ceasefire", "Peace agreement", "Prisoner exchange", "Extension") and r.parties:
            r.name = f"{r.name} ({'–'.join(r.parties)})"
    _truce_lengths(ex, records)
    _areas(ex, records)
    attach_war_tolls(doc, records, events, ex.country_of)
    return records


def _areas(ex: _Extractor, records: list[Agreement]) -> None:
    """Where an arrangement applies, from its own words: "a maritime ceasefire in the Black Sea", "the Gaza
    truce", "a truce along the frontier line" (the place table's names, in ``areas``)."""
    mentioned = {m.start for m in ex.res.mentions}
    geo = ArticlePlaces.of(
        ex.doc,
        [s.country for s in (ex.frame.sides if ex.frame else []) if s.country],
        is_actor=lambda t: t.idx in mentioned,
    )
    for r in records:
        for e in r.evidence:
            if e.trigger_start is None or e.trigger_end is None:
                continue
            span = ex.doc.char_span(e.trigger_start, e.trigger_end, alignment_mode="expand")
            if span is None or span.root.pos_ not in ("NOUN", "PROPN"):
                continue
            for loc in geo.area(span.root):
                if loc.name not in r.areas:
                    r.areas.append(loc.name)


def _truce_lengths(ex: _Extractor, records: list[Agreement]) -> None:
    """Every length a record's sentences give a truce ("a four-day truce", "stays in force for ten
    days"), as a count of days on the record; and the troop levels a deal's own sentences set ("troop
    numbers will fall to 4,500") where no event of the sentence took them."""
    by_start = {s.start_char: s for s in sents(ex.doc)}
    for r in records:
        for e in r.evidence:
            sent = by_start.get(e.start)
            if sent is None:
                continue
            taken = {q.text for ev in ex._sentence_events(sent) for q in ev.quantities}
            for _, q in quantities_in(sent):
                if any(x.unit == q.unit and x.text == q.text for x in r.quantities):
                    continue
                if q.unit == "days" or (q.unit == "troops" and q.text not in taken):
                    r.quantities.append(q)
        lengths = {q.value for q in r.quantities if q.unit == "days"}
        if r.duration_days is None and len(lengths) == 1:
            r.duration_days = round(next(iter(lengths)))  # "a two-month ceasefire": 60 days


def _exchange_quantities(ex: _Extractor, cands: list[Candidate]) -> None:
    """Prisoner counts in an exchange's sentence or the two sentences after it."""
    all_sents = sents(ex.doc)
    index = {s.start: i for i, s in enumerate(all_sents)}
    for c in cands:
        if c.kind not in ("prisoner_exchange", "hostage_release"):
            continue
        i = index.get(c.sent.start, 0)
        for s in all_sents[i : i + 3]:
            for _, q in quantities_in(s):
                bodies = q.unit == "killed" and (q.noun or "").lower() in ("bodies", "remains")  # an exchange of bodies
                if q.unit in ("prisoners", "hostages", "troops", "wounded") or bodies:
                    c.quantities.append(q)
        if not any(q.per_side for q in c.quantities):
            m = _N_FOR_N.search(c.sent.text)  # "a prisoner exchange, 150 for 150"
            if m and m.group(1) == m.group(2):
                unit = "hostages" if c.kind == "hostage_release" else "prisoners"
                c.quantities.append(Quantity(value=int(m.group(1)), unit=unit, text=m.group(0), per_side=True))


_KIND_WORDS = {"truce": "truce", "truces": "truce", "cessation": "cessation_of_hostilities"}


def _named_kind(r: Agreement, text: str) -> str:
    """A ceasefire the reports call a truce (or a cessation of hostilities) is recorded as one."""
    if r.kind != "ceasefire":
        return r.kind
    named = []
    for e in r.evidence:
        if e.trigger_start is None:
            continue
        word = text[e.trigger_start : e.trigger_end].lower()
        before = text[max(0, e.trigger_start - 14) : e.trigger_start].lower()
        if word in ("pause", "pauses") and "humanitarian" in before:
            named.append("humanitarian_pause")  # "a humanitarian pause of four hours a day"
        elif word:
            named.append(_KIND_WORDS.get(word, "ceasefire"))
    if not named:
        return r.kind
    top = max(set(named), key=lambda k: (named.count(k), k == "ceasefire"))
    return top


def _dated_in(e: Event, sent: Span) -> bool:
    """Whether an event's date was read in this sentence: its own first telling, or a telling that states the date
    ("the group confirmed that a pause had been agreed", merged with a deal "near agreement on Monday" told in
    another sentence, is not dated Monday)."""
    if e.date_text:
        return e.date_text in sent.text
    return bool(e.evidence) and e.evidence[0].start == sent.start_char
