"""Build an article's frame: the two sides of its conflict, its third parties and its venue.

A report is about one conflict, or a few. Its sides are named once in full and then as "the two
sides", "both countries", "the rebels"; its mediators and hosts stand beside them. The frame is
read from the parse and the resolved actors, before any event is coded:

* **pairs**: actors that are the subject and object (or "between X and Y", or the two conjuncts)
  of a conflict or negotiation word (or of a fighting phrase of the events vocabulary: "traded fire"),
  or joined by a hyphen ("the Israel-Hamas war"), count towards being the two sides; conflict words
  count more than negotiation words;
* **third parties**: the agent of "brokered by", the subject of "mediated / hosted", the owner of
  "the mediation of", a "Qatari-brokered" or "AU-led" modifier of talks; international
  organisations and outlets are never sides;
* **sides**: the pair with the most weight among the rest, or, with no such cue, the two most
  mentioned states or groups when they clearly stand out; civilians are no side (the armed group of
  their people the story names stands for them);
* **references**: phrases that stand for both sides ("the warring parties").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from truceline.actors.resolve import ActorResolution, ResolvedMention
from truceline.frame.cues import Cues, cues
from truceline.models import Actor, ArticleFrame, FrameDyad, FrameReference, FrameSide
from truceline.nlp.index import ent_of, sents, text_of

_PARTY_KINDS = {"country", "generic", "group", "person"}
_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "SPY", "POL", None}
_THIRD_SECTORS = {"IGO", "MED", "NGO"}
_MEDIA = {"JRN"}
_RECIPROCAL = {
    "fight",
    "fighting",
    "clash",
    "clashes",
    "battle",
    "war",
    "hostility",
    "hostilities",
    "conflict",
    "combat",
}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DATELINE = re.compile(
    r"^\W{0,3}[A-Z][\w .'\[\]()/-]{1,60}?,\s*(?:(?P<m1>[A-Z][a-z]{2,8})\.?\s+(?P<d1>\d{1,2})|(?P<d2>\d{1,2})\s+"
    r"(?P<m2>[A-Z][a-z]{2,8}))\b(?:,?\s*\d{4})?\s*(?:\([^)]{1,40}\))?\s*[-–—:]"
)


@dataclass
class _Tally:
    pairs: Counter = field(default_factory=Counter)
    conflict: Counter = field(default_factory=Counter)  # the part of a pair's weight from conflict words
    violent: Counter = field(default_factory=Counter)  # how often a pair fights (attacks, strikes, clashes)
    third: Counter = field(default_factory=Counter)
    hosts: Counter = field(default_factory=Counter)
    fought: Counter = field(default_factory=Counter)
    venues: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


class FrameBuilder:
    def __init__(self, doc: Doc, res: ActorResolution, published: date | None, vocab: Cues | None = None) -> None:
        self.doc = doc
        self.res = res
        self.published = published
        self.cues = vocab or cues()
        self.actors: dict[str, Actor] = {a.id: a for a in res.actors}
        self.by_token: dict[int, ResolvedMention] = {}
        self.plural_at: dict[int, list[str]] = {}  # "Thai and Cambodian troops": both forces
        for m in res.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            if m.plural_of:
                if m.method == "generic":
                    self.plural_at[span.root.i] = list(m.plural_of)
                continue
            for t in span:
                self.by_token[t.i] = m

    # ---------------------------------------------------------------- keys
    def key(self, actor_id: str | None) -> str | None:
        """What stands for a side: a state's country (its government, forces and leaders too), or the
        group or person itself. Outlets never; international bodies only as third parties."""
        a = self.actors.get(actor_id or "")
        if a is None or a.kind not in _PARTY_KINDS or a.sector in _MEDIA:
            return None
        if a.kind in ("country", "generic") and a.country:
            return a.country if a.sector not in ("REB", "CVL", "IGO", "NGO") else a.id
        if a.kind == "person" and a.country and a.sector in _STATE_SECTORS:
            return a.country
        if a.kind == "person" and a.sector == "REB" and a.country:
            # a rebel leader stands for the one armed group of his country the article names
            groups = [
                g for g in self.actors.values() if g.kind == "group" and g.sector == "REB" and g.country == a.country
            ]
            if len(groups) == 1:
                return groups[0].id
        return a.id

    def _third_party_kind(self, key: str) -> bool:
        a = self.actors.get(key)
        return a is not None and a.sector in _THIRD_SECTORS

    def _actors_at(self, tok: Token) -> list[str]:
        """Actors a noun phrase names: its own mention, its modifiers' and its conjuncts'."""
        out: list[str] = list(self.plural_at.get(tok.i, []))
        for t in [tok, *tok.conjuncts]:
            of = [
                o for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"
            ]
            for u in [t, *(c for c in t.children if c.dep_ in ("compound", "amod", "poss", "nmod", "appos")), *of]:
                m = self.by_token.get(u.i)
                if m is not None and m.actor_id not in out:
                    out.append(m.actor_id)
                    break
        return out

    @property
    def _helping(self) -> frozenset[str]:
        """'with the mediation / help / support of X': X is a third party, not a participant."""
        return self.cues.mediation | {"help", "support", "backing", "assistance", "aid", "participation"}

    def _listed(self, tok: Token) -> list[str]:
        """'the mediation of Egypt and Qatar': both; 'with the mediation of the US, Azerbaijan and Armenia
        agreed': a comma list the small parser hangs on the mediator is the next verb's subject, so the
        first name only."""
        if any(self.doc[c.i - 1].text == "," for c in tok.conjuncts if c.i > 0):
            m = self.by_token.get(tok.i)
            return [m.actor_id] if m is not None else []
        return self._actors_at(tok)

    def _participants(self, tok: Token) -> list[str]:
        found: list[str] = []
        if tok.pos_ == "ADJ" and tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN":
            tok = tok.head  # "offensive actions against the guerrillas"

        def add(ids: list[str]) -> None:
            found.extend(i for i in ids if i not in found)

        if tok.pos_ in ("VERB", "AUX"):
            for c in tok.children:
                if c.dep_ == "dobj" and c.lemma_.lower() in self.cues.proposals:
                    continue  # "accepted the US-Saudi proposal": its authors put it to the sides
                if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
                    add(self._actors_at(c))
                elif c.dep_ in ("prep", "agent") and c.lower_ in ("against", "with", "on", "between", "by", "at", "to"):
                    for o in c.children:
                        if o.dep_ == "pobj" and o.lemma_.lower() not in self._helping:
                            add(self._actors_at(o))
        else:
            for c in tok.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod"):
                    m = self.by_token.get(c.i)
                    if m is not None:
                        add([m.actor_id])
                elif c.dep_ == "prep" and c.lower_ in ("between", "with", "against", "on", "by", "from", "of"):
                    for o in c.children:
                        if o.dep_ == "pobj":
                            add(self._actors_at(o))
            head = tok.head
            if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
                head = head.head  # "X and Y have been at war", "X is in talks with Y"
                for c in head.children:
                    if c.dep_ == "prep" and c.lower_ in ("with", "against"):
                        for o in c.children:
                            if o.dep_ == "pobj" and o.lemma_.lower() not in self._helping:
                                add(self._actors_at(o))
            between = any(c.dep_ == "prep" and c.lower_ == "between" for c in tok.children)
            if (
                (tok.dep_ in ("dobj", "nsubjpass") or head is not tok.head)
                and head.pos_ in ("VERB", "AUX")
                and not between  # "Qatar announced a deal between Israel and Hamas": the announcer is no side
            ):
                subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    add(self._actors_at(subj))
        return found

    # ---------------------------------------------------------------- tallies
    def _tally(self) -> _Tally:
        t = _Tally()
        c = self.cues
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            # "X and Y traded some of their heaviest fire": a fighting phrase, each side firing at the other
            phrase = tok.pos_ == "VERB" and lemma not in c.conflict and self._hostile_phrase(tok)
            weight = c.conflict_weight if lemma in c.conflict or phrase else 0
            weight = weight or (c.negotiation_weight if lemma in c.negotiation else 0)
            if lemma in c.mediation or lemma in c.hosting:
                weight = 0  # "the mediation of the US": a third party, not a pair of sides
            if weight:
                keys = [k for k in dict.fromkeys(self.key(a) for a in self._participants(tok)) if k]
                hostile = lemma in c.conflict or phrase
                allies = self._co_agents(tok) if lemma in c.conflict and lemma not in c.reciprocal else set()
                for i, a in enumerate(keys):
                    for b in keys[i + 1 :]:
                        if a in allies and b in allies:
                            continue  # "the M23 and the Rwandan army seized towns": on one side
                        t.pairs[frozenset((a, b))] += weight
                        if hostile:
                            t.conflict[frozenset((a, b))] += weight
                        if lemma in c.violent or phrase:
                            t.violent[frozenset((a, b))] += 1
                        if len(t.evidence) < 12:
                            t.evidence.append(f"{lemma}: {a} / {b}")
                    if hostile:
                        t.fought[a] += 1
            if lemma in c.mediation or lemma in c.hosting:
                self._third_parties(tok, lemma in c.hosting, t)
            if lemma in c.proposals and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj", "nsubjpass"):
                # "accepted the US-Saudi proposal": who puts a proposal to the sides stands beside them
                for m in tok.subtree:
                    if m.i < tok.i and m.dep_ in ("compound", "amod", "poss", "nmod") and m.i in self.by_token:
                        a = self.by_token[m.i].actor_id
                        t.third[self.key(a) or a] += 1
        self._hyphen_pairs(t)
        return t

    def _hostile_phrase(self, verb: Token) -> bool:
        """'traded fire', 'exchanged heavy fire', 'traded some of their heaviest fire': a fighting phrase of the
        events vocabulary, said of the verb and its object (or the object's "of" noun)."""
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            nouns = [obj, *(o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children)]
            if any(f"{verb.lemma_.lower()} {n.lemma_.lower()}" in self.cues.hostile_phrases for n in nouns):
                return True
        return False

    def _co_agents(self, tok: Token) -> set[str]:
        """The keys of a one-way conflict verb's conjoined subjects: they act together."""
        if tok.pos_ != "VERB":
            return set()
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or not subj.conjuncts:
            return set()
        return {k for a in self._actors_at(subj) if (k := self.key(a))}

    def _third_parties(self, tok: Token, hosting: bool, t: _Tally) -> None:
        bucket = t.hosts if hosting else t.third
        one = 0.5 if tok.lemma_.lower() in self.cues.weak_mediation else 1  # (an envoy: half a cue)
        if tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
                subj = tok.head  # "Qatar's foreign ministry, which mediated the deal"
            if subj is None and tok.dep_ == "xcomp":
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)  # "sought to mediate"

            if subj is not None and tok.tag_ != "VBN":
                for a in self._actors_at(subj):
                    bucket[self.key(a) or a] += one
            for c in tok.children:
                if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                    for o in c.children:
                        for a in self._actors_at(o):
                            bucket[self.key(a) or a] += one
            if hosting:
                for c in tok.children:
                    if c.dep_ == "dobj" and c.lemma_.lower() not in ("talk", "talks", "meeting", "negotiation"):
                        return
        else:
            for c in tok.children:
                if c.dep_ in ("poss", "compound", "amod") and c.i in self.by_token:
                    a = self.by_token[c.i].actor_id
                    bucket[self.key(a) or a] += one
                if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
                    for o in c.children:
                        for a in self._listed(o):
                            bucket[self.key(a) or a] += one
            if tok.dep_ == "appos" or (tok.dep_ == "attr" and tok.head.lemma_ == "be"):
                head = (
                    tok.head if tok.dep_ == "appos" else next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                )
                for a in self._actors_at(head) if head is not None else []:
                    bucket[self.key(a) or a] += one

    def _hyphen_pairs(self, t: _Tally) -> None:
        """'the Israel-Hamas war', 'Armenian-Azerbaijani clashes': two sides joined by a hyphen; and
        'Qatari-brokered', 'AU-led talks': a third party."""
        doc = self.doc
        suffixes = self.cues.hyphen_suffixes
        for tok in doc[1:-1]:
            if tok.text not in ("-", "–", "—") or tok.whitespace_ or doc[tok.i - 1].whitespace_:
                continue
            left, right = self.by_token.get(tok.i - 1), self.by_token.get(tok.i + 1)
            nxt = doc[tok.i + 1].lower_
            if left is not None and nxt in suffixes:
                if nxt == "led" and not self._talks_after(doc[tok.i + 1]):
                    continue  # "a Saudi-led coalition" is a side
                t.third[self.key(left.actor_id) or left.actor_id] += 1
                continue
            if left is not None and right is not None and self._cue_after(doc[tok.i + 1]):
                a, b = self.key(left.actor_id), self.key(right.actor_id)
                if a and b and a != b:
                    t.pairs[frozenset((a, b))] += self.cues.conflict_weight
                    t.conflict[frozenset((a, b))] += self.cues.conflict_weight
                    t.evidence.append(f"hyphen: {a} / {b}")

    def _talks_after(self, tok: Token) -> bool:
        for t in self.doc[tok.i + 1 : tok.i + 4]:
            if t.lemma_.lower() in self.cues.negotiation or t.lemma_.lower() in self.cues.mediation:
                return True
        return False

    def _cue_after(self, tok: Token) -> bool:
        """'the Israel-Hamas war', 'the US-Taliban deal' (not 'a US-Saudi monitoring mechanism')."""
        for t in self.doc[tok.i + 1 : tok.i + 4]:
            w = t.lemma_.lower()
            if w in self.cues.conflict or w in self.cues.negotiation:
                return True
            if t.pos_ not in ("PROPN", "ADJ", "NOUN", "PUNCT"):
                return False
        return False

    # ---------------------------------------------------------------- sides
    def build(self) -> ArticleFrame:
        t = self._tally()
        counts: Counter = Counter()
        for m in self.res.mentions:
            k = self.key(m.actor_id)
            if k and not m.plural_of:
                counts[k] += 1
        weight: Counter = Counter()
        for pair, w in t.pairs.items():
            for k in pair:
                weight[k] += w
        third = {k for k, n in t.third.items() if n > 0 and weight[k] < 3 * n}
        third |= {k for k in counts if self._third_party_kind(k)}
        hosts = {k for k, n in t.hosts.items() if n > 0 and k not in third and t.fought[k] == 0}
        outside = third | hosts
        # the conflict's sides first (who fights whom), then who negotiates with whom
        late = self._late_keys()
        ranked = sorted(
            ((w, pair) for pair, w in t.pairs.items() if not pair & outside and len(pair) == 2 and not pair <= late),
            # a pair that fights outranks one that only sanctions, accuses or urges ("Washington sanctioned
            # Sudan's warring parties" beside "the army blasted RSF bases")
            key=lambda x: (
                -(t.violent[x[1]] > 0),
                -min(t.conflict[x[1]], 6),
                -x[0],
                -sum(counts[k] for k in x[1]),
                sorted(x[1]),
            ),
        )
        sides: list[str] = []
        if ranked and ranked[0][0] >= 2:
            sides = sorted(ranked[0][1], key=lambda k: (-counts[k], k))
        else:
            top = [(k, n) for k, n in counts.most_common() if k not in outside]
            if len(top) >= 2 and top[1][1] >= 2 and (len(top) == 2 or top[2][1] < top[1][1]):
                sides = [top[0][0], top[1][0]]
                t.evidence.append("most mentioned")
            elif len(top) >= 3 and top[1][1] >= 2 and top[0][1] > top[1][1] and self._home_groups(top):
                # a state and several of its own armed groups named as often ("the junta" against an
                # alliance and its members): the state against the group it names first
                first = self._first_mentioned([k for k, n in top[1:] if n == top[1][1]])
                sides = [top[0][0], first]
                t.evidence.append("state against the first of its armed groups")
        sides = [self._armed_for_civilians(k, counts, sides) for k in sides]
        others = [
            FrameDyad(sides=sorted((self._rep(k) for k in pair), key=str), weight=w)
            for w, pair in ranked
            if w >= self.cues.conflict_weight and set(pair) != set(sides)
        ][:4]
        frame = ArticleFrame(
            sides=[self._side(k) for k in sides],
            dyads=others,
            mediators=[
                self._rep(k) for k in sorted(third, key=lambda k: (-t.third[k], k)) if k in counts or k in t.third
            ],
            hosts=[self._rep(k) for k in sorted(hosts)],
            venues=self._venues(),
            references=self._references() if sides else [],
            dateline_date=self._dateline_date(),
            evidence=t.evidence[:12],
        )
        return frame

    def _home_groups(self, top: list[tuple[str, int]]) -> bool:
        """Are the runners-up (as often named as each other) armed groups of the most named state?"""
        state = top[0][0]
        tied = [k for k, n in top[1:] if n == top[1][1]]
        return (
            len(state) == 3
            and state.isupper()
            and all((a := self.actors.get(k)) is not None and a.kind == "group" and a.country == state for k in tied)
        )

    def _late_keys(self) -> set[str]:
        """Actors first named in the last third of the article: "In the South Caucasus, meanwhile, a truce
        between Armenia and Azerbaijan broke down" at the end of a report on Libya is background, and a pair
        of them is never the article's conflict."""
        size = len(self.doc.text)
        first: dict[str, int] = {}
        for m in self.res.mentions:
            k = self.key(m.actor_id)
            if k and not m.plural_of:
                first[k] = min(first.get(k, m.start), m.start)
        return {k for k, at in first.items() if size and at > size * 2 / 3}

    def _first_mentioned(self, keys: list[str]) -> str:
        def first(k: str) -> int:
            return min((m.start for m in self.res.mentions if self.key(m.actor_id) == k), default=10**9)

        return min(keys, key=lambda k: (first(k), k))

    def _rep(self, key: str) -> str:
        """The actor that stands for a side: the country itself, else its most mentioned actor."""
        if key in self.actors:
            return key
        ids = self._members(key)
        return ids.most_common(1)[0][0] if ids else key

    def _members(self, key: str) -> Counter:
        ids = Counter(m.actor_id for m in self.res.mentions if not m.plural_of and self.key(m.actor_id) == key)
        for plural in self.plural_at.values():
            ids.update(a for a in plural if self.key(a) == key)
        return ids

    def _armed_for_civilians(self, key: str, counts: Counter, sides: list[str]) -> str:
        """'Israel released 183 Palestinian prisoners' beside 'Hamas freed three men': civilians are no side of a
        war; the armed group of their people the story names most stands for them."""
        a = self.actors.get(key)
        if a is None or a.sector != "CVL" or not a.country:
            return key
        groups = [
            k
            for k, _ in counts.most_common()
            if k not in sides
            and (g := self.actors.get(k)) is not None
            and g.kind == "group"
            and g.sector == "REB"
            and g.country == a.country
        ]
        return groups[0] if groups else key

    def _side(self, key: str) -> FrameSide:
        ids = self._members(key)
        rep = self._rep(key)
        members = [rep] + [a for a, _ in ids.most_common() if a != rep]
        country = self.actors[rep].country if rep in self.actors else None
        label = self.actors[rep].name if rep in self.actors else key
        return FrameSide(actors=members, country=country, label=label)

    def _references(self) -> list[FrameReference]:
        c = self.cues
        out = []
        for sent in sents(self.doc):
            toks = list(sent)
            for i, tok in enumerate(toks):
                if tok.lower_ not in c.side_nouns or tok.i in self.by_token:
                    continue
                j = i - 1
                words = []
                while j >= 0 and toks[j].lower_ in c.side_determiners and len(words) < 3:
                    words.append(toks[j].lower_)
                    j -= 1
                if not set(words) & c.side_markers and not (words == ["the"] and self._bare_doer(tok)):
                    continue
                if i + 1 < len(toks) and toks[i + 1].lower_ in ("of", "to", "in") and "both" not in words:
                    continue  # "the two sides of the border", "the parties to the accord"
                first = toks[j + 1]
                out.append(
                    FrameReference(text=self.doc[first.i : tok.i + 1].text, start=first.idx, end=tok.idx + len(tok))
                )
        return out

    def _bare_doer(self, tok: Token) -> bool:
        """'the sides were trading blows', 'signed by the parties': a bare side noun that does its clause's act."""
        if tok.lower_ not in self.cues.bare_sides:
            return False
        return tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")

    def _venues(self) -> list[str]:
        out: list[str] = []
        c = self.cues
        for tok in self.doc:
            if tok.lemma_.lower() not in c.negotiation and tok.lemma_.lower() not in ("held", "hold"):
                continue
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ in ("in", "at"):
                    for o in p.children:
                        ent = ent_of(o)
                        if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") and ent.text not in out:
                            out.append(ent.text)
        return out[:5]

    def _dateline_date(self) -> date | None:
        m = _DATELINE.match(text_of(self.doc).lstrip()[:160])
        if m is None or self.published is None:
            return None
        name = (m.group("m1") or m.group("m2") or "").lower()[:3]
        day = int(m.group("d1") or m.group("d2"))
        if name not in _MONTHS:
            return None
        year = self.published.year
        try:
            found = date(year, _MONTHS.index(name) + 1, day)
            if found > self.published + timedelta(days=7):
                found = date(year - 1, found.month, day)
        except ValueError:
            return None
        return found


def build_frame(doc: Doc, res: ActorResolution, published: date | None) -> ArticleFrame:
    """The article's frame (see the module's docstring)."""
    return FrameBuilder(doc, res, published).build()
