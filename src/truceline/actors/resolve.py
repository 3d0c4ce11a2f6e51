"""Resolve the mentions in a parsed article to registry actors.

Named spans are matched by ``actors.names`` (exact -> normalised -> metonym/demonym/place ->
fuzzy -> phonetic). Generic forms ("Russian troops"), role references ("the US president", "the Russian leader"),
pronouns and dyad references ("the two leaders", "both sides") are resolved from the document
and the article's date. A span that matches nothing is kept as unresolved with its NER label.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import ChainMap
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, Field
from spacy.tokens import Doc, Span, Token

from truceline.actors.names import Resolver, demonym_of
from truceline.actors.registry import Registry, RegistryActor, is_acronym, normalise
from truceline.models import Actor, Mention, UnresolvedMention
from truceline.nlp.index import ent_of, ents, sent_of, sents, text_of

# sectors a bare "the government", "the army", "police", "rebels" may take from the passage's country
_CONTEXT_SECTORS = {"GOV", "MIL", "COP", "REB", "LEG", "JUD", "SPY", "OPP"}
NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_PEOPLE_NOUNS = {"leaders", "presidents", "men", "generals", "ministers", "premiers", "envoys", "women"}
_PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}
_DYAD_PEOPLE = re.compile(r"^(?:the )?(?:two|both) (?:leaders|presidents|men|heads of state)$", re.I)
_DYAD_PARTIES = re.compile(
    r"^(?:the )?(?:two|both) (?:sides|countries|parties|nations|governments|states|powers)$|^both sides$", re.I
)
# nouns that make the name before them a geographic feature ("the Litani river", "the Kerch Strait")
_FEATURE_NOUNS = {
    "river",
    "sea",
    "valley",
    "mountains",
    "mountain",
    "hills",
    "lake",
    "gulf",
    "bay",
    "strait",
    "desert",
    "canal",
    "basin",
    "plain",
    "plateau",
    "peninsula",
    "coast",
    "dam",
    "reservoir",
    "heights",
    "highway",
}


class ResolvedMention(BaseModel):
    """One resolved mention (internal to the actors -> events boundary)."""

    actor_id: str
    text: str
    start: int
    end: int
    method: str
    score: float = 1.0
    label: str | None = None
    plural_of: list[str] = Field(default_factory=list, description="For dyad references.")


class ActorResolution(BaseModel):
    """What the actors stage hands to the events stage."""

    actors: list[Actor]
    mentions: list[ResolvedMention]
    unresolved: list[UnresolvedMention]

    def by_start(self) -> dict[int, ResolvedMention]:
        return {m.start: m for m in self.mentions}


def _title_at(reg: Registry, lowers: list[str], i: int) -> tuple[dict, int] | None:
    """The longest title phrase starting at token i of a document's lower-case words: (its spec, its length
    in tokens)."""
    if lowers[i] not in _title_starts(reg):
        return None  # most tokens start no title: skip building the phrases
    words = lowers[i : i + 5]
    for n in range(len(words), 0, -1):
        phrase = " ".join(words[:n]).replace(" - ", "-")
        if phrase in reg.titles:
            return reg.titles[phrase], n
    return None


_SECTOR_WORDS: dict[int, frozenset[str]] = {}
_REFERENCE_WORDS: dict[int, frozenset[str]] = {}


def _sector_words(reg: Registry) -> frozenset[str]:
    """Words that may end a sector noun phrase ('troops', 'ministry' of 'defence ministry')."""
    key = id(reg.sector_nouns)
    if key not in _SECTOR_WORDS:
        _SECTOR_WORDS[key] = frozenset(n.split()[-1] for n in reg.sector_nouns) | {"coalition", "alliance"}
    return _SECTOR_WORDS[key]


def _reference_words(reg: Registry) -> frozenset[str]:
    """Words the references pass looks at: pronouns, dyad nouns, sector and organisation nouns."""
    key = id(reg.sector_nouns)
    if key not in _REFERENCE_WORDS:
        _REFERENCE_WORDS[key] = (
            frozenset(reg.sector_nouns)
            | frozenset(reg.org_nouns)
            | _PEOPLE_NOUNS
            | _GROUP_ANAPHORS
            | _PRONOUNS_PERSON
            | {"countries", "sides", "parties", "it", "its", "they", "them", "their", "she"}
        )
    return _REFERENCE_WORDS[key]


_STARTS: dict[int, frozenset[str]] = {}


def _title_starts(reg: Registry) -> frozenset[str]:
    """The first words of the registry's titles (a title may begin 'vice-' or 'vice - ')."""
    key = id(reg.titles)
    if key not in _STARTS:
        _STARTS[key] = frozenset(t.split()[0].split("-")[0] for t in reg.titles) | frozenset(
            t.split()[0] for t in reg.titles
        )
    return _STARTS[key]


class _Builder:
    def __init__(self, doc: Doc, reg: Registry, when: date | None, outlet: str | None = None) -> None:
        self.doc, self.reg, self.when = doc, reg, when
        self.resolver = Resolver(reg)
        self.mentions: list[ResolvedMention] = []
        self._starts: list[int] = []  # the mentions' starts, sorted, for range look-ups
        self._by_position: list[tuple[int, ResolvedMention]] = []  # (order found, mention) by start
        self._at_token: dict[int, ResolvedMention] = {}  # the first mention over each token
        self.unresolved: list[UnresolvedMention] = []
        self.taken: set[int] = set()
        # actors the text itself describes ("Hikmet Hajiyev, an aide to the President of Azerbaijan"): this
        # article's only, laid over the registry without changing it
        self.described: dict[str, RegistryActor] = {}
        self.actors: ChainMap[str, RegistryActor] = ChainMap(self.described, reg.actors)
        self.sector_in_text: dict[str, str] = {}  # a registry person's sector as the text presents him
        self.acronyms: dict[str, RegistryActor] = {}  # "(GNA)" after a described organisation's name
        self.own_country = self._issuer(outlet)
        # each token's words, read once: spaCy builds a new Token object on every doc[i], and the passes
        # below look at every token several times
        self.lowers: list[str] = []
        self.lemmas: list[str] = []
        self.ent_types: list[str] = []
        self.bare_caps: list[bool] = []  # capitalised and outside every entity
        for t in doc:
            self.lowers.append(t.lower_)
            self.lemmas.append(t.lemma_.lower())
            self.ent_types.append(t.ent_type_)
            self.bare_caps.append(t.text[:1].isupper() and not t.ent_type_)
        self.sector_words = _sector_words(reg)
        self._shouted: dict[int, bool] = {}  # sentence start -> written in capitals

    def _issuer(self, outlet: str | None) -> str | None:
        """The country whose government issues the text, when the outlet is a government office
        ("The White House", "The Kremlin"): its readouts say "the President" for their own."""
        if not outlet:
            return None
        name = re.split(r"\s+\(|\s+and\s+", outlet.strip())[0]
        hits = self.resolver.lookup(name, "ORG", self.when)
        if not hits or hits[0].method not in ("metonym", "exact"):
            return None
        actor = hits[0].actor
        country, sector = actor.at(self.when)
        return country if actor.kind == "generic" and sector == "GOV" and country else None

    def add(
        self,
        span: Span,
        actor: RegistryActor,
        method: str,
        score: float,
        label: str | None = None,
        plural_of: list[str] | None = None,
    ) -> None:
        m = ResolvedMention(
            actor_id=actor.id,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            method=method,
            score=score,
            label=label,
            plural_of=plural_of or [],
        )
        self.mentions.append(m)
        k = bisect_right(self._starts, m.start)
        self._starts.insert(k, m.start)
        self._by_position.insert(k, (len(self.mentions), m))
        for i in range(span.start, span.end):
            self._at_token.setdefault(i, m)
        self.taken.update(range(span.start, span.end))

    def between(self, lo: int, hi: int) -> list[ResolvedMention]:
        """The mentions starting at characters lo..hi-1, in the order they were found (as ``self.mentions``)."""
        i, j = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        return [m for _, m in sorted(self._by_position[i:j], key=lambda pair: pair[0])]

    def free(self, span: Span) -> bool:
        return not any(i in self.taken for i in range(span.start, span.end))

    # pass 1: role references and generic forms (they contain names that must not win alone)
    def roles_and_generics(self) -> None:
        doc, lowers, lemmas = self.doc, self.lowers, self.lemmas
        starts = _title_starts(self.reg)
        for i, word in enumerate(lowers):
            if word not in starts or i in self.taken:
                continue
            found = _title_at(self.reg, lowers, i)
            if found is not None:
                self._role(doc[i], *found)
        words = self.sector_words
        for i, word in enumerate(lowers):
            if word not in words and lemmas[i] not in words:
                continue  # no sector noun ends here
            tok = doc[i]
            sector = self._sector_of(tok)
            if sector is None and tok.lower_ in ("coalition", "alliance") and self._leader_of(tok, named=True):
                sector = "MIL"  # "a military coalition led by Riyadh": the leader's forces
            if sector is None or tok.i in self.taken or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            if tok.pos_ == "ADJ" and tok.lower_ not in ("military", "naval", "rebel", "militant"):
                continue
            ent = ent_of(tok)
            if ent is not None and len(ent) > 1 and ent.label_ in ("ORG", "PERSON") and self.reg.normalised(ent.text):
                continue  # "the Tigray People's Liberation Front": a named group, not the people of Tigray
            if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and self._sector_of(tok.head):
                continue  # "fighter jets", "army officers": the head noun decides
            titled = _title_at(self.reg, lowers, tok.i) is not None
            if titled and tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ == "PERSON":
                continue  # "Syrian President Bashar al-Assad": the person, resolved from the name
            if self._rebel_state_form(tok, sector):
                continue
            mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod")]
            countries: list[str] = []
            first = tok
            # "the ethnic Chinese armed group": a people's name after "ethnic" tells who they are, not whose state
            ethnic = any(m.lower_ == "ethnic" for m in mods)
            for m in mods:
                whole = doc[m.left_edge.i : m.right_edge.i + 1]
                if ethnic and demonym_of(self.reg, whole.text):
                    continue
                c = demonym_of(self.reg, whole.text) if whole.text[:1].isupper() else None
                if c and c not in countries:  # "North Korean troops"
                    countries.append(c)
                    first = min(first, whole[0], key=lambda x: x.i)
                    continue
                for t in m.subtree:
                    c = self._country_of_token(t)
                    if c and c not in countries:
                        countries.append(c)
                        first = min(first, t, key=lambda x: x.i)
            group = self._group_modifier(tok)
            if group is not None:
                continue  # "RSF fighters", "ELN guerrillas": the group itself (added by _group_modifier)
            leader = self._leader_of(tok) if not countries else None
            if leader:
                countries.append(leader)
                first = min(tok.left_edge, tok, key=lambda x: x.i)
                first = first if first.pos_ != "DET" else doc[first.i + 1]
            if not countries and tok.i > 0:
                c = self._country_of_token(doc[tok.i - 1])  # "Israeli army positions" parsed flat
                if c:
                    countries.append(c)
                    first = doc[tok.i - 1]
            # (not "talks between the MNDAA and the junta in the Chinese city of Kunming": where the talks were)
            listed = tok.dep_ == "conj" and any(a.lower_ == "between" for a in list(tok.ancestors)[:3])
            if not countries:
                # "rebels in the Ivory Coast", "officials of Sudan"
                for prep in (
                    c
                    for c in tok.rights
                    if c.dep_ == "prep" and c.lower_ in ("in", "of", "from") and not (listed and c.lower_ == "in")
                ):
                    for pobj in (x for x in prep.children if x.dep_ == "pobj"):
                        whole = self.doc[pobj.left_edge.i : pobj.i + 1].text  # "the Ivory Coast"
                        named = [
                            i
                            for i in self.reg.exact(re.sub(r"^the ", "", whole, flags=re.I))
                            if self.actors[i].kind == "country"
                        ]
                        if named:
                            countries.append(named[0])
                            continue
                        if self._names_organisation(pobj):
                            continue  # "the leader of the Russian Orthodox Church": the church's, not Russia's
                        for t in pobj.subtree:
                            c = self._country_of_token(t)
                            if c and self.actors.get(c) is not None:
                                countries.append(c)
                                break
                for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"):
                    for pobj in (x for x in prep.children if x.dep_ == "pobj"):
                        for other in pobj.conjuncts:  # "delegations of the United States and Ukraine"
                            c = self._country_of_token(other)
                            if c and c not in countries and self.actors.get(c) is not None:
                                countries.append(c)
                if countries:
                    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
                    last = _phrase_end(prep) if prep is not None else tok.i  # "armed forces of Pakistan"
                    comma = next((t.i for t in doc[tok.i : last + 1] if t.text == ","), None)
                    last = comma - 1 if comma is not None else last  # "the President of Moldova, Ion X": not X
                    span = doc[tok.left_edge.i : last + 1]
                    if self.free(span):
                        actors = [self.reg.generic(c, sector) for c in countries]
                        plural = [a.id for a in actors] if len(actors) > 1 else None
                        self.add(span, actors[0], "generic", 0.85, "GENERIC", plural_of=plural)
                continue
            span = doc[first.i : tok.i + 1]
            if not self.free(span):
                continue
            actors = [self.reg.generic(c, sector) for c in countries]
            plural = [a.id for a in actors] if len(actors) > 1 else None
            self.add(span, actors[0], "generic", 0.9, "GENERIC", plural_of=plural)

    def _names_organisation(self, tok: Token) -> bool:
        """A noun phrase that is an organisation's name ('the Moscow Patriarchate of the Russian Orthodox Church')."""
        for t in tok.subtree:
            ent = ent_of(t)
            if ent is not None and ent.label_ == "ORG" and len(ent) > 1 and ent[-1].lower_ in self.reg.org_nouns:
                return not self.reg.exact(re.sub(r"^the\s+", "", ent.text, flags=re.I))
        return False

    def _group_modifier(self, tok: Token) -> RegistryActor | None:
        """A named group in front of a force noun: 'RSF fighters', 'BLA militants', 'HTS-led rebels'."""
        for m in (c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")):
            for t in m.subtree:
                if t.i in self.taken or not t.text[:1].isupper():
                    continue
                ids = [i for i in self.reg.exact(t.text) if self.actors[i].kind == "group"]
                if len(ids) == 1:
                    actor = self.actors[ids[0]]
                    self.add(self.doc[t.i : t.i + 1], actor, "exact", 1.0, "GROUP")
                    return actor
        return None

    def _sector_of(self, tok: Token) -> str | None:
        """Sector of a head noun; a two-word phrase wins ('defence ministry' is MIL, 'ministry' GOV)."""
        if tok.lower_ == "side" and (
            any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
            or (tok.dep_ == "pobj" and tok.head.lower_ in ("on", "from", "to", "across", "along"))
        ):
            return None  # "on the Ukrainian side of the border": a place; "the Russian side stressed": a party
        if tok.i > 0:
            pair = f"{tok.doc[tok.i - 1].lower_} {tok.lower_}"
            if pair in self.reg.sector_nouns:
                return self.reg.sector_nouns[pair]
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if tok.lower_ == "ministry" and nxt is not None and nxt.lower_ == "of":
            # "Ministry of Defence of Russia"
            obj = tok.doc[tok.i + 2] if tok.i + 2 < len(tok.doc) else None
            if obj is not None and f"ministry of {obj.lower_}" in self.reg.sector_nouns:
                return self.reg.sector_nouns[f"ministry of {obj.lower_}"]
        return self.reg.sector_nouns.get(tok.lower_) or self.reg.sector_nouns.get(tok.lemma_.lower())

    def _plain_country(self, t: Token) -> str | None:
        """The country a capitalised word names by itself: a demonym, a country's name, its capital."""
        if not t.text[:1].isupper():
            return None
        named = [i for i in self.reg.exact(t.text) if self.actors[i].kind == "country"]
        return demonym_of(self.reg, t.text) or (named[0] if named else None) or self._metonym_country(t)

    def _leader_of(self, tok: Token, named: bool = False) -> str | None:
        """'a military coalition led by Riyadh', 'Riyadh has been leading a coalition', 'the Saudi-led coalition':
        the country that leads a coalition or force (``named``: only where the text calls it led by it)."""
        for acl in (c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in _LEAD_VERBS):
            for by in (c for c in acl.children if c.dep_ == "agent"):
                for pobj in (c for c in by.children if c.dep_ == "pobj"):
                    if found := self._plain_country(pobj):
                        return found
        if not named and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LEAD_VERBS:
            for subj in (c for c in tok.head.children if c.dep_ == "nsubj"):
                if found := self._plain_country(subj):
                    return found
        for m in (c for c in tok.lefts if c.dep_ == "amod" and c.lower_ == "led"):
            for t in m.subtree:
                if t.i < m.i and (found := self._plain_country(t)):
                    return found
        return None

    def _rebel_state_form(self, tok: Token, sector: str) -> bool:
        """'the Karabakh Defense Ministry', 'ethnic Armenian forces in Nagorno-Karabakh': a breakaway state's
        bodies and forces are rebels of the country it broke away from (the region's name alone is a place)."""
        if sector not in ("GOV", "MIL", "REB", "PRM", "COP"):
            return False
        doc = self.doc
        region, last = None, tok
        for m in (c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod")):
            region = next((r for t in m.subtree if (r := self._breakaway_of(t))), None) or region
        if region is None and tok.i > 0 and doc[tok.i - 1].dep_ == "compound":
            region = self._breakaway_of(doc[tok.i - 1])
        if region is None:
            words = {t.lower_ for t in doc[tok.left_edge.i : tok.i]}
            if words & {"ethnic", "separatist", "breakaway", "local"} or not any(
                self._country_of_token(t) for t in doc[tok.left_edge.i : tok.i]
            ):
                for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "in"):
                    for pobj in (x for x in prep.children if x.dep_ == "pobj"):
                        found = next((r for t in pobj.subtree if (r := self._breakaway_of(t))), None)
                        if found:
                            region, last = found, doc[pobj.right_edge.i]
        if region is None:
            return False
        span = doc[tok.left_edge.i : last.i + 1]
        if not self.free(span):
            return False
        self.add(span, self.reg.generic(region, "REB"), "generic", 0.85, "GENERIC")
        return True

    def _country_of_token(self, t: Token) -> str | None:
        doc = t.doc
        if t.text[:1].isupper() and demonym_of(self.reg, t.text):
            if not (t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].tag_ == "VBN"):
                return demonym_of(self.reg, t.text)
        if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].tag_ == "VBN":
            if doc[t.i + 2].lower_ == "led":  # "the Saudi-led coalition": the leader's
                return self._plain_country(t)
            return None  # "Iran-backed", "Iranian-designed": not that country's own people
        if not t.text[:1].isupper():
            return None  # "us", "china" in lower case are not country names
        for form in (t.text, normalise(t.text)):
            if form in self.reg.demonyms:
                return self.reg.demonyms[form]
            if form in self.reg.places_of_government:
                return self.reg.places_of_government[form]
        for i in self.reg.exact(t.text):
            if self.actors[i].kind == "country":
                return i
        return None

    def _people_of_place(self, ent: Span) -> str | None:
        """'Bosnian Serbs', 'Iraqi Kurds' (a community of the first-named country), 'ethnic Albanians in south
        Serbia', 'the Albanians of southern Serbia' and 'ethnic Albanians protested in Serbia' (a community named
        with the country it lives in)."""
        toks = [t for t in ent if t.is_alpha]
        if len(toks) == 2 and all(demonym_of(self.reg, t.text) for t in toks):
            return demonym_of(self.reg, toks[0].text)
        if not demonym_of(self.reg, ent.text):
            return None
        root = ent.root
        preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ in ("in", "of")]
        before = self.doc[ent.start - 1] if ent.start > 0 else None
        if (before is not None and before.lower_ == "ethnic") or any(c.lower_ == "ethnic" for c in root.children):
            # "ethnic Albanians demonstrated in Serbia": where the clause puts them
            np = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root  # "hundreds of"
            clauses = [np.head] if np.dep_ in ("nsubj", "nsubjpass", "dobj") else []
            clauses += [c for c in np.children if c.dep_ == "acl" and c.pos_ == "VERB"]  # a parse of "X protested"
            for clause in clauses:
                preps += [c for c in clause.children if c.dep_ == "prep" and c.lower_ == "in"]
        for prep in preps:
            for t in (x for x in prep.subtree if x.i != prep.i):
                named = [i for i in self.reg.exact(t.text) if self.actors[i].kind == "country"]
                if named:
                    return named[0]
        return None

    def _needs_context(self, ent: Span, actor: RegistryActor) -> bool:
        """Acronyms, countries that are also common nouns, and a capital used as a modifier."""
        text = ent.text.strip()
        if is_acronym(text):
            return True
        if actor.kind == "country" and text.lower() in self.reg.homographs:
            return True
        return ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" and not ent.root.head.ent_type_

    def _shouting(self, ent: Span) -> bool:
        """Is the sentence of ``ent`` written in capitals (a headline)? Computed once per sentence."""
        sent = sent_of(ent.root)
        if sent.start not in self._shouted:
            letters = [c for c in sent.text if c.isalpha()]
            self._shouted[sent.start] = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
        return self._shouted[sent.start]

    def _named_in_full(self, actor: RegistryActor) -> bool:
        """'The RSF shelled villages', in a story that names the Rapid Support Forces or has already resolved the
        acronym: the short form needs no context of its own sentence."""
        if any(m.actor_id == actor.id for m in self.mentions):
            return True
        if actor.kind == "country":
            return False  # ("Chad", "Jordan" as words: only the sentence tells)
        text = text_of(self.doc)  # (Doc.text is rebuilt on each access)
        return any(len(n) > 6 and " " in n and n in text for n in (actor.name, *actor.aliases))

    def _has_context(self, span: Span) -> bool:
        """Another actor, or a word naming a government, force or group, in the sentence."""
        sent = sent_of(span.root)
        others = [i for i in range(sent.start, sent.end) if i < span.start or i >= span.end]
        if any(i in self.taken for i in others):
            return True
        if any(self.ent_types[i] in ("PERSON", "GPE", "NORP") for i in others):
            return True
        return any(self.reg.sector_nouns.get(self.lowers[i]) for i in others)

    def _title_before(self, ent: Span) -> tuple[list[Token], bool]:
        """The title words in front of a name ("Azerbaijani presidential aide", "Norway's foreign minister") and
        whether they are marked as past ("then-president")."""
        doc = self.doc
        i = ent.start - 1
        title_tokens: list[Token] = []
        while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and doc[i].ent_type_ not in ("PERSON",):
            title_tokens.insert(0, doc[i])
            i -= 1
        if i >= 0 and doc[i].dep_ == "case":  # "Norway 's foreign minister"
            title_tokens.insert(0, doc[i])
            i -= 1
            if i >= 0:
                title_tokens.insert(0, doc[i])
        then = bool(title_tokens) and i >= 1 and doc[i].text == "-" and doc[i - 1].lower_ == "then"
        return title_tokens, then

    def _title_sector(self, toks: list[Token]) -> tuple[str | None, str | None]:
        """(sector of the title, sector of an institution named in it): "junta spokesperson" is the junta's
        (MIL), "foreign ministry spokesman" the ministry's (GOV), "presidential aide" an aide's (GOV)."""
        sector = institution = None
        for k, t in enumerate(toks):
            here = self._sector_of(t)
            if here and k < len(toks) - 1 and t.lower_ not in _ROLE_NOUNS and institution is None:
                institution = here
            sector = here or sector
        return institution or sector, institution

    def _affiliation(self, toks: Iterable[Token], sector: str | None) -> tuple[str | None, str | None] | None:
        """Country and sector a title or an "of/for/at <organisation>" phrase gives the person it describes: a
        group or organisation named in it first, then a breakaway state, a state body, a person, a country."""
        found: dict[str, tuple[str | None, str | None]] = {}
        for t in toks:
            m = self._mention_at(t)
            actor = self.actors.get(m.actor_id) if m is not None else None
            if actor is not None and not m.plural_of:
                country, own = actor.at(self.when)
                own = self.sector_in_text.get(actor.id, own)
                if own == "JRN":
                    continue  # "a reporter for Reuters": the outlet is no side
                if actor.kind == "group":
                    found.setdefault("group", (country, own))
                elif actor.kind in ("generic", "person"):
                    found.setdefault("body", (country, sector or own))
                elif actor.kind == "country":
                    found.setdefault("country", (country, sector))
                continue
            region = self._breakaway_of(t)
            if region:
                found.setdefault("breakaway", (region, "REB"))
            else:
                country = self._country_of_token(t)
                if country:
                    found.setdefault("country", (country, sector))
        for key in ("group", "breakaway", "body", "country"):
            if key in found:
                return found[key]
        return None

    def _breakaway_of(self, t: Token) -> str | None:
        """'Karabakh', 'Nagorno-Karabakh': the country a self-proclaimed state broke away from."""
        if not t.text[:1].isupper():
            return None
        ent = ent_of(t)
        for text in (ent.text if ent is not None else None, t.text):
            if text and normalise(text) in self.reg.breakaway:
                return self.reg.breakaway[normalise(text)]
        return None

    def _person(self, span: Span, ent: Span, country: str | None, sector: str | None, score: float = 0.8) -> None:
        """A person the registry does not know, acting for the country and sector the text gives him."""
        aid = "person:" + _slug(ent.text)
        actor = self.described.get(aid)
        if actor is None:
            actor = RegistryActor(aid, ent.text, "person", country, sector or "GOV", source="text")
            self.described[aid] = actor
        self.add(span if self.free(span) else ent, actor, "title", score, "PERSON")

    def _titled(self, ent: Span) -> bool:
        """'Iraqi President Saddam Hussein', "Norway's foreign minister Knut Vollebaek", 'Karabakh President X': a
        person not in the registry still acts for the country, group or breakaway state named in the title (sector
        from the title noun)."""
        title_tokens, _ = self._title_before(ent)
        if not title_tokens:
            return False
        sector, institution = self._title_sector(title_tokens)
        words = " ".join(t.lower_ for t in title_tokens)
        if sector is None and any(phrase in words for phrase in self.reg.titles):
            sector = "GOV"  # "British Defence Secretary Tom King": a title the registry knows
        if sector is None and not any(w in words for w in ("king", "emir", "sheikh", "sultan", "general")):
            return False
        span = self.doc[title_tokens[0].i : ent.end]
        found = self._affiliation(title_tokens, sector)
        if found is None and institution is not None:
            # "junta spokesperson Zaw Min Tun": the junta the passage has just named
            recent = self._recent_distinct(ent.start_char, {"generic"}, 1, window=3, sector=institution)
            if recent:
                found = (self.actors[recent[0]].country, institution)
        if found is None and sector is not None:
            # "National Security Adviser Tzachi Hanegbi" in a passage about one country: that country's;
            # "President X has reneged on his commitment to the Zambian people": the one country of his sentence
            country = self._dominant_country(ent.root) or self._sentence_country(ent)
            found = (country, sector) if country else None
        if found is None or (found[0] is None and found[1] in _STATE_SECTORS):
            return False
        self._person(span, ent, found[0], found[1] or sector)
        return True

    def _presented_as(self, ent: Span, actor: RegistryActor) -> None:
        """A registry person named with one of his offices takes that office's sector in this article:
        'army chief Abdel Fattah al-Burhan' (MIL), 'then-president Juan Manuel Santos' (GOV, not ELI)."""
        if actor.id in self.sector_in_text or not actor.roles:
            return
        title_tokens, then = self._title_before(ent)
        words = " ".join(t.lower_ for t in title_tokens)
        phrases = sorted((p for p in self.reg.titles if _ends_with_words(words, p)), key=len)
        if not phrases:
            return
        spec = self.reg.titles[phrases[-1]]
        roles = [
            r
            for r in actor.roles
            if (spec.get("title") and r.title == spec["title"]) or (spec.get("office") and r.office == spec["office"])
        ]
        roles = [r for r in roles if then or r.active(self.when)]
        if len(roles) >= 1 and roles[-1].sector != actor.at(self.when)[1]:
            self.sector_in_text[actor.id] = roles[-1].sector

    def _mention_at(self, tok: Token) -> ResolvedMention | None:
        return self._at_token.get(tok.i)

    def _role(self, tok: Token, spec: dict, n: int) -> None:
        doc = self.doc
        end = tok.i + n
        if end < len(doc) and doc[end].ent_type_ == "PERSON":
            return  # "Russian President Vladimir Putin": the name that follows wins (pass 2)
        start = tok.i
        where: dict = {}
        # "the US president", "Israel's army chief", "NATO's secretary-general", "the Hezbollah leader"
        for t in reversed(list(doc[max(0, tok.i - 3) : tok.i])):
            country = self._country_of_token(t)
            org = next((i for i in self.reg.exact(t.text) if self.actors[i].kind == "group"), None)
            if org is None and t.text[:1].isupper():
                org = next((i for i in self.reg.normalised(t.text) if self.actors[i].kind == "group"), None)
            key = normalise(t.text)
            if country is None and key in self.reg.metonyms:
                country, sector = self.reg.metonyms[key]
                if sector == "MIL" and spec.get("leader"):
                    spec = {"office": "defence_minister"}  # "the Pentagon chief"
            if org:
                where, start = {"org": org}, t.i
                break
            if country:
                where, start = {"country": country}, t.i
                break
            if t.lower_ in ("the", "'s", "’s") or t.dep_ == "case":
                continue
            if t.pos_ not in ("ADJ", "PROPN", "PART"):
                break
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        actor = None
        if where:
            actor = self.resolver.role_reference(where, spec, self.when)
        elif spec.get("title") and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            actor = self._recent_title_holder(tok.idx, spec["title"])
        if actor is not None:
            self.add(doc[start:end], actor, "role", 0.9, "ROLE")

    def _recent_title_holder(self, before: int, title: str) -> RegistryActor | None:
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if m.start >= before:
                continue
            actor = self.actors.get(m.actor_id)
            if actor and actor.kind == "person" and any(r.title == title and r.active(self.when) for r in actor.roles):
                return actor
        return None

    # pass 2: named entities
    def entities(self) -> None:
        pending: list[Span] = []
        for ent in ents(self.doc):
            if ent.label_ not in NER_LABELS or not self.free(ent):
                continue
            if not any(c.isupper() for c in ent.text):
                continue  # "the china cabinet": names are capitalised
            if is_acronym(ent.text.strip()) and self._shouting(ent):
                continue  # "SO WHO WILL CLEAR THE PATHS?": an all-capital headline, not the WHO
            after = self.doc[ent.end] if ent.end < len(self.doc) else None
            if after is not None and after.lower_ in _FEATURE_NOUNS:
                continue  # "the Litani river", "the Jordan Valley": the name of a place, not of an actor
            if (
                after is not None
                and after.text == "-"
                and ent.end + 1 < len(self.doc)
                and self.doc[ent.end + 1].lower_ in _MADE_IN
            ):
                continue  # "Iranian-designed drones", "US-made missiles": where a thing was made, not who acts
            longer = self._longer_name(ent)
            if longer is not None:
                pending.append(longer)  # "the European Council on Foreign Relations": not the European Council
                continue
            hits = self.resolver.lookup(ent.text, ent.label_, self.when)
            if not hits and len(ent) > 1 and ent[-1].lower_ in _MEMBER_NOUNS:
                # "NATO Allies", "EU member states", "ECOWAS members": the organisation speaking as its members
                hits = [h for h in self.resolver.lookup(ent[:-1].text, ent.label_, self.when) if h.method == "exact"]
            if hits and hits[0].method in ("metonym", "place") and (_only_a_location(ent) or _taken_place(ent)):
                continue  # "talks in Doha", "strikes on Gaza", "seized Sanaa", a dateline: a place, not an actor
            if hits and hits[0].method == "exact" and hits[0].actor.kind == "country" and _venue(ent):
                continue  # "announced in a briefing in South Africa", "talks due in Tunisia": where, not who
            if hits and hits[0].method in ("fuzzy", "phonetic") and not _proper(ent):
                hits = []
            if ent.label_ == "NORP" or (ent.label_ == "PERSON" and all(demonym_of(self.reg, t.text) for t in ent)):
                # "Bosnian Serbs" is sometimes tagged as a person's name
                where = self._people_of_place(ent)
                if where is not None:
                    self.add(ent, self.actors[where], "demonym", 0.85, "NORP")
                    continue
                if ent.start > 0 and self.doc[ent.start - 1].lower_ == "ethnic":
                    continue  # "the ethnic Chinese armed group": a people, of no state the sentence names
            if (
                hits
                and self._needs_context(ent, hits[0].actor)
                and not self._has_context(ent)
                and not self._named_in_full(hits[0].actor)
            ):
                continue  # "AA batteries", "Turkey, stuffing and cranberry sauce", "Lima beans"
            if hits:
                h = hits[0]
                if h.actor.kind == "person":
                    self._presented_as(ent, h.actor)
                self.add(ent, h.actor, h.method, h.score, ent.label_)
            elif ent.label_ in ("PERSON", "ORG"):
                pending.append(ent)  # described by its own words or its context, once all names are known
            elif ent.label_ in ("NORP", "GPE"):
                self.unresolved.append(
                    UnresolvedMention(text=ent.text, start=ent.start_char, end=ent.end_char, label=ent.label_)
                )
        # noun phrases the model did not tag: exact or normalised aliases only, never fuzzy
        for chunk in self.doc.noun_chunks:
            words = [t for t in chunk if t.pos_ in ("PROPN", "NOUN", "ADJ") or t.is_punct]
            if not words or not self.free(chunk) or not any(t.text[:1].isupper() for t in words):
                continue
            span = self.doc[words[0].i : words[-1].i + 1]
            if not self.free(span) or not span.text[:1].isupper() or any(t.ent_type_ for t in span):
                continue  # inside a named place such as "the Sea of Azov"
            if is_acronym(span.text) and not self._has_context(span):
                continue
            hits = [h for h in self.resolver.lookup(span.text, None, self.when) if h.method in ("exact", "normalised")]
            if hits:
                self.add(span, hits[0].actor, hits[0].method, hits[0].score, "NP")
        # a capitalised word the model missed that is one typo away from a country ("Ethopia")
        bare = [i for i, cap in enumerate(self.bare_caps) if cap]
        for i in bare:
            tok = self.doc[i]
            if tok.i in self.taken or tok.tag_ != "NNP" or len(tok.text) < 5:
                continue
            hit = self.resolver.country_typo(tok.text)
            if hit is not None:
                self.add(self.doc[tok.i : tok.i + 1], hit, "fuzzy", 0.8, "NP")
        # registry names the model missed entirely (lower-case forms are not tried)
        for i in bare:
            tok = self.doc[i]
            if tok.i in self.taken:
                continue
            key = normalise(tok.text)
            if key in self.reg.metonyms and tok.pos_ == "PROPN" and not _token_place(tok):
                country, sector = self.reg.metonyms[key]
                self.add(self.doc[tok.i : tok.i + 1], self.reg.generic(country, sector), "metonym", 0.9, "METONYM")
        self._described_entities(pending)

    # pass 3: pronouns and dyads
    def references(self) -> None:
        doc = self.doc
        for sent in sents(doc):
            text = sent.text
            for m in re.finditer(r"\b(?:the )?(?:two|both) [a-z]+(?: of state)?\b", text, re.I):
                phrase = m.group(0)
                span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end())
                if span is None or not self.free(span):
                    continue
                kinds = None
                noun = phrase.lower().split()[-1]
                sector = self.reg.sector_nouns.get(noun)
                if _DYAD_PEOPLE.match(phrase) or noun in _PEOPLE_NOUNS:
                    kinds = {"person"}
                elif _DYAD_PARTIES.match(phrase) or sector:
                    kinds = {"country", "generic", "group"}
                if kinds:
                    pair = self._salient(span.start_char, kinds, 2)
                    if kinds == {"person"} and len(pair) < 2:
                        pair = self._leaders(span.start_char)  # "the President ... the Russian president"
                    if len(pair) == 2 and sector and kinds != {"person"}:
                        # "both governments", "the two delegations": each country's sector actor
                        pair = [
                            self.reg.generic(p, sector).id
                            if p in self.actors and self.actors[p].kind == "country"
                            else p
                            for p in pair
                        ]
                    if len(pair) == 2:
                        self.add(span, self.actors[pair[0]], "dyad", 0.8, "DYAD", plural_of=pair)
        words = _reference_words(self.reg)
        for i, word in enumerate(self.lowers):
            if word not in words:
                continue  # no pronoun, dyad, sector or organisation noun: nothing to refer back
            tok = doc[i]
            # "countries will trade prisoners": a bare plural subject right after a dyad
            if (
                tok.lower_ in ("countries", "sides", "parties")
                and tok.dep_ == "nsubj"
                and tok.i not in self.taken
                and not any(True for _ in tok.children)
            ):
                recent = [m for m in self.mentions if m.plural_of and m.start < tok.idx]
                last = max(recent, key=lambda m: m.start) if recent else None
                pair = last.plural_of if last else []
                gap = len([s for s in sents(doc) if last and last.start < s.start_char <= tok.idx])
                if len(pair) == 2 and gap <= 2:
                    self.add(doc[tok.i : tok.i + 1], self.actors[pair[0]], "dyad", 0.6, "DYAD", plural_of=pair)
                    continue
            start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ in ("two", "both") else tok.i
            start = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
            if (
                tok.lower_ in _PEOPLE_NOUNS
                and tok.tag_ == "NNS"
                and tok.i not in self.taken
                and start < tok.i
                and not any(c.dep_ in ("prep", "amod", "compound", "poss", "nmod") for c in tok.children)
            ):
                # "The (two) leaders agreed": the two leaders the passage has named, one from each country
                pair = self._leaders(tok.idx)
                if len(pair) == 2:
                    self.add(doc[start : tok.i + 1], self.actors[pair[0]], "dyad", 0.6, "DYAD", plural_of=pair)
                    continue
            # "the army", "the government": the last generic actor of that sector nearby
            sector = self.reg.sector_nouns.get(tok.lower_)
            first = tok.i
            named = {first}
            before = doc[tok.i - 1] if tok.i > 0 else None
            if before is not None and before.dep_ == "compound" and before.head.i == tok.i:
                phrase = self.reg.sector_nouns.get(f"{before.lower_} {tok.lower_}")
                if phrase:  # "the defence ministry said": a state body named by its two words
                    sector, first = phrase, before.i
                    named.add(before.i)
            while first > 0 and doc[first - 1].lower_ in _OWN_STATE and first - 1 not in self.taken:
                first -= 1  # "the federal government", "the transitional authorities"
            if (
                sector
                and tok.i not in self.taken
                and first > 0
                and doc[first - 1].lower_ == "the"
                and tok.pos_ in ("NOUN", "PROPN")  # (a lower-case "ministry" the tagger calls a name is a noun)
                and not any(
                    c.dep_ in ("amod", "compound", "poss") and c.lower_ not in _OWN_STATE and c.i not in named
                    for c in tok.children
                )
            ):
                if sector == "GOV" and self.own_country is not None:
                    # the issuing government's readout: "the President" is its own
                    actor = self.reg.generic(self.own_country, sector)
                    self.add(doc[first - 1 : tok.i + 1], actor, "context", 0.7, "DEF")
                    continue
                if sector == "REB":
                    # "Al-Shabaab attacked a base. The militants said ...": the armed group just named
                    armed = [
                        a
                        for a in self._recent_distinct(tok.idx, {"group"}, 1, window=2)
                        if self.reg.actors[a].sector == "REB"
                    ]
                    if armed:
                        self.add(doc[first - 1 : tok.i + 1], self.reg.actors[armed[0]], "coreference", 0.7, "DEF")
                        continue
                recent = self._recent_distinct(tok.idx, {"generic"}, 1, window=3, sector=sector)
                if recent:
                    self.add(doc[first - 1 : tok.i + 1], self.actors[recent[0]], "coreference", 0.7, "DEF")
                    continue
                # no such actor yet: the one country the passage is about, if there is exactly one
                countries = self._passage_countries(tok, people=tok.lower_ in _RULERS)
                rebels_state = self._rebels_state(tok, countries, sector) if len(countries) > 1 else None
                countries = [rebels_state] if rebels_state else countries
                if not countries and sector in _CONTEXT_SECTORS:
                    # no country in the passage: the one the article is about, if one clearly is
                    dominant = self._dominant_country(tok, window=None)
                    countries = [dominant] if dominant else []
                if len(countries) == 1 and sector in _CONTEXT_SECTORS:
                    actor = self.reg.generic(countries[0], sector)
                    self.add(doc[first - 1 : tok.i + 1], actor, "context", 0.6, "DEF")
                    continue
            if self._same_noun_again(tok):
                continue
            det = tok.i - 1  # "the group", "the paramilitary group"
            while det > 0 and doc[det].lower_ in _GROUP_ADJECTIVES and doc[det].head.i == tok.i:
                det -= 1
            if (
                tok.lower_ in _GROUP_ANAPHORS
                and tok.i not in self.taken
                and tok.i > 0
                and doc[det].lower_ == "the"
                and not any(
                    c.dep_ in ("compound", "poss") or (c.dep_ == "amod" and c.lower_ not in _GROUP_ADJECTIVES)
                    for c in tok.children
                )
                and (
                    not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
                    or tok.head.lemma_.lower() in ("accuse", "suspect", "convict", "charge")  # "accusing the group of"
                )
            ):
                # "suspended talks with the ELN, accusing the group of war crimes": the last armed group named
                recent = [
                    a
                    for a in self._recent_distinct(tok.idx, {"group"}, 3, window=3)
                    if self.actors[a].sector not in ("IGO", "NGO", "MED")
                ]
                if recent:
                    self.add(doc[det : tok.i + 1], self.actors[recent[0]], "coreference", 0.7, "DEF")
                    continue
            if tok.lower_ in ("it", "its") and tok.pos_ == "PRON" and tok.i not in self.taken:
                found = self._institution_antecedent(tok)
                if found is not None:
                    self.add(doc[tok.i : tok.i + 1], self.actors[found], "coreference", 0.6, "PRON")
                continue
            if tok.lower_ in ("they", "them", "their") and tok.pos_ == "PRON" and tok.i not in self.taken:
                self._plural_pronoun(tok)
                continue
            if tok.lower_ in _PRONOUNS_PERSON and tok.pos_ == "PRON" and tok.i not in self.taken:
                if tok.lower_ in ("he", "she"):
                    recent = self._subject_person(tok) or self._recent_distinct(tok.idx, {"person"}, 1, window=2)
                else:
                    recent = self._recent_distinct(tok.idx, {"person"}, 1, window=2, exclude=self._clause_subject(tok))
                if recent:
                    self.add(doc[tok.i : tok.i + 1], self.actors[recent[0]], "coreference", 0.7, "PRON")

    def _same_noun_again(self, tok: Token) -> bool:
        """'a military coalition led by Riyadh ... The coalition said': a bare 'the <organisation noun>' names the
        actor an earlier phrase with that head noun named, in the last three sentences."""
        doc = self.doc
        if (
            tok.i in self.taken
            or tok.pos_ != "NOUN"
            or tok.i == 0
            or doc[tok.i - 1].lower_ != "the"
            or tok.lower_ not in self.reg.org_nouns
            or any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in tok.children)
        ):
            return False
        here = [s for s in sents(doc) if s.start_char <= tok.idx]
        limit = here[-3].start_char if len(here) >= 3 else 0
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if not (limit <= m.start < tok.idx) or m.plural_of:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            actor = self.actors.get(m.actor_id)
            if span is not None and actor is not None and actor.kind in ("generic", "group"):
                if span.root.lower_ == tok.lower_ and span.root.i != tok.i:
                    self.add(doc[tok.i - 1 : tok.i + 1], actor, "coreference", 0.7, "DEF")
                    return True
        return False

    def _titled_after(self, ent: Span) -> bool:
        """'Abdul-Qader el-Murtaza, a Houthi official, said', 'X, media adviser to Hamas chief Y', 'X, a policy
        fellow at the European Council on Foreign Relations': the title in apposition after the name, with the
        organisation or country its "of/for/to/at/with" phrase names."""
        doc = self.doc
        k = ent.end
        if k + 1 >= len(doc) or doc[k].text != ",":
            return False
        k += 1
        determiner = doc[k].lower_ in ("a", "an", "the")
        k += determiner
        title: list[Token] = []
        while (
            k < len(doc)
            and len(title) < 6
            and doc[k].ent_type_ != "PERSON"
            and (doc[k].pos_ in ("PROPN", "NOUN", "ADJ") or doc[k].dep_ == "case")
        ):
            title.append(doc[k])
            k += 1
        if not title or (not self._role_noun(title[-1]) and not (determiner and self._title_sector(title)[0])):
            return False
        chain = self._prep_chain(k)
        end = chain[-1].i + 1 if chain else k
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and (
            (nxt.pos_ in ("AUX", "VERB") and nxt.lower_ not in _SAYING)
            or (nxt.pos_ == "CCONJ" and end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN")
        ):
            return False  # "a memorandum on X, the Sudanese government and SPLM/A have agreed": a subject
        sector, _ = self._title_sector(title)
        expert = title[-1].lower_ in _EXPERT_NOUNS
        found = self._affiliation([*title, *chain], "NGO" if expert else sector)
        if found is None and expert:
            found = (None, "NGO")  # "Middle East expert at Cambridge University": an analyst, no side
        if found is None or (found[0] is None and found[1] in _STATE_SECTORS):
            return False
        self._person(ent, ent, found[0], found[1], 0.75)
        return True

    def _role_after(self, ent: Span) -> bool:
        """', a spokesman for ...' after a name."""
        doc = self.doc
        k = ent.end + 1
        if k >= len(doc) or doc[ent.end].text != ",":
            return False
        k += doc[k].lower_ in ("a", "an", "the")
        while k < len(doc) and doc[k].pos_ == "ADJ":
            k += 1
        return k < len(doc) and doc[k].pos_ == "NOUN" and self._role_noun(doc[k])

    def _prep_chain(self, k: int) -> list[Token]:
        """The tokens of 'of the Moscow Patriarchate of the Russian Orthodox Church' from token k: prepositional
        phrases of names and nouns, up to a clause's end."""
        doc = self.doc
        out: list[Token] = []
        while k + 1 < len(doc) and doc[k].lower_ in _AFFILIATION_PREPS and len(out) < 16:
            j = k + 1
            while j < len(doc) and (
                doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "CCONJ")
                or doc[j].dep_ == "case"
                or doc[j].text in ("-", "\u2019", "'")
            ):
                j += 1
            if j == k + 1:
                break
            out.extend(doc[k:j])
            k = j
        return out

    def _role_noun(self, tok: Token) -> bool:
        word = tok.lower_
        return (
            word in _ROLE_NOUNS
            or word in _EXPERT_NOUNS
            or (self.reg.sector_nouns.get(word) is not None and tok.tag_ in ("NN", "NNP"))
            or any(p.split()[-1] == word for p in self.reg.titles)
        )

    def _apposed_before(self, ent: Span) -> bool:
        """'the aide to the President of Azerbaijan, Hikmet Hajiyev.', 'the leader of the Russian Orthodox Church,
        Patriarch Kirill,': a title phrase in apposition before the name."""
        doc = self.doc
        comma = ent.start - 1
        after = doc[ent.end] if ent.end < len(doc) else None
        if comma < 2 or doc[comma].text != "," or (after is not None and after.text not in (",", ".", ";", ")")):
            return False
        first = max(0, comma - 16)
        for r in range(first, comma):
            tok = doc[r]
            if tok.pos_ not in ("NOUN", "PROPN") or not self._role_noun(tok):
                continue
            start = r
            while start > first and (doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN") or doc[start - 1].dep_ == "case"):
                start -= 1
            opener = doc[start - 1] if start > 0 else None
            if opener is None or not (opener.pos_ == "DET" or opener.tag_ == "PRP$" or doc[start].dep_ == "case"):
                continue
            chain = self._prep_chain(r + 1)
            if (chain[-1].i if chain else r) != comma - 1:
                continue  # the phrase must run up to the comma
            title = list(doc[start : r + 1])
            sector, _ = self._title_sector(title)
            found = self._affiliation([*title, *chain], sector)
            if found is None and sector is not None:
                country = self._dominant_country(ent.root)
                found = (country, sector) if country else None
            if found is None or (found[0] is None and found[1] in _STATE_SECTORS):
                return False
            self._person(ent, ent, found[0], found[1], 0.75)
            return True
        return False

    def _member_of(self, ent: Span) -> bool:
        """'Tar Bhone Kyaw of the Ta'ang National Liberation Army added': a person of a named group."""
        chain = self._prep_chain(ent.end)
        if len(ent) < 2 or not chain or chain[0].lower_ != "of":
            return False  # a one-word name may be a place the model took for a person ("retook Moqokori from")
        for t in chain:
            m = self._mention_at(t)
            actor = self.actors.get(m.actor_id) if m is not None else None
            if actor is not None and actor.kind == "group" and actor.sector != "JRN":
                country, sector = actor.at(self.when)
                self._person(ent, ent, country, sector, 0.75)
                return True
        return False

    def _organisation(self, ent: Span) -> bool:
        """'the Government of National Accord', 'the Khartoum-based Defence Industries Corporation', 'the Catholic
        Church', 'the European Council on Foreign Relations': a name whose head noun is an organisation word is an
        actor of that noun's sector, of the country its own words (or for state bodies the passage) give."""
        doc = self.doc
        words = [t for t in ent if t.lower_ != "the" and not t.is_punct]
        if len(words) < 2 or not all(t.text[:1].isupper() or t.is_digit or t.lower_ in _NAME_LINKS for t in words):
            return False
        cut = next((k for k, t in enumerate(words) if k > 0 and t.lower_ in _NAME_LINKS), len(words))
        head = words[cut - 1].lower_
        sector = self.reg.org_nouns.get(head)
        if any(self.reg.org_nouns.get(t.lower_) == "JRN" for t in words):
            sector = "JRN"  # "Yemen News Agency", "Al-Qahera News": an outlet
        tail = words[cut].lower_ if cut < len(words) else None
        if sector == "GOV" and head == "council" and tail in ("on", "for"):
            sector = "NGO"  # "the Council on Foreign Relations": a think tank
        last = self.reg.org_nouns.get(words[-1].lower_)
        if cut < len(words) and sector == "GOV" and last in ("NGO", "JRN", "BUS"):
            sector = last  # "the Council of the Ukrainian Orthodox Church": the church's council
        if sector in _STATE_SECTORS and any(t.lower_ in _REBEL_WORDS for t in words):
            sector = "REB"  # "the National Liberation Army", "the Revolutionary Armed Forces": no state's army
        if sector == "BUS" and any(t.lower_ in _DEFENCE_WORDS for t in words):
            sector = "MIL"  # "Defence Industries Corporation": the state's arms maker
        if words[0].lower_ == "international" and (sector in ("GOV", None) or head in _IGO_HEADS):
            sector = "IGO" if head in _IGO_HEADS or sector == "GOV" else None
        if sector is None and head not in _IGO_HEADS:
            return False
        # a registry organisation at the front: "UN Support Mission ...", "East African Community Regional Force"
        for n in range(cut - 1, 0, -1):
            ids = [i for i in self.reg.exact(" ".join(t.text for t in words[:n])) if self.actors[i].kind == "group"]
            if len(ids) == 1:
                owner = self.actors[ids[0]]
                if owner.sector == "IGO" and (sector is not None or head in _IGO_HEADS):
                    return self._org(ent, ent.text, None, "MIL" if sector == "MIL" else "IGO")
                if owner.sector in ("REB", "PRM"):
                    self.add(ent, owner, "title", 0.75, "ORG")  # "the Hamas Political Bureau": the group itself
                    return True
                break
        if sector is None:
            return False
        country = rebel = None
        before = doc[ent.start - 1] if ent.start > 0 else None
        led = doc[ent.start - 3] if ent.start >= 3 and before is not None and before.lower_ in _LED_WORDS else None
        for t in [*([led] if led is not None else []), *words]:
            if t.lower_ in _NAME_LINKS:
                continue
            region = self._breakaway_of(t)
            if region:
                country, rebel = region, True
                break
            country = country or self._country_of_token(t) or self._metonym_country(t)
        if rebel and sector in _STATE_SECTORS:
            sector = "REB"  # "the Nagorno-Karabakh Defence Army": a breakaway state's
        if country is None and (sector in _STATE_SECTORS or head in _PASSAGE_HEADS):
            passage = self._passage_countries(ent.root)
            country = passage[0] if len(passage) == 1 else self._rebels_state(ent.root, passage, sector)
            country = country or self._dominant_country(ent.root, window=None)
            if country is None:
                return False  # a state body of no known state: left unresolved
        return self._org(ent, ent.text, country, sector)

    def _metonym_country(self, t: Token) -> str | None:
        key = normalise(t.text)
        return self.reg.metonyms[key][0] if key in self.reg.metonyms and t.text[:1].isupper() else None

    def _org(self, ent: Span, name: str, country: str | None, sector: str) -> bool:
        """A described organisation: a state's body is that state's sector actor; others are actors of their own."""
        if country is not None and sector in (*_STATE_SECTORS, "REB"):
            actor = self.reg.generic(country, sector)
        else:
            name = re.sub(r"^the\s+", "", name, flags=re.I)
            aid = "org:" + _slug(name)
            actor = self.described.get(aid) or RegistryActor(aid, name, "group", country, sector, source="text")
            self.described[aid] = actor
        self.add(ent, actor, "described", 0.7, "ORG")
        doc = self.doc
        k = ent.end
        while k < min(len(doc), ent.end + 4) and doc[k].pos_ in ("ADP", "PROPN", "DET") and doc[k].text != "(":
            k += 1  # "the UN Support Mission in Libya (UNSMIL)"
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")" and is_acronym(doc[k + 1].text):
            self.acronyms[doc[k + 1].text] = actor  # "the Government of National Accord (GNA)"
        return True

    def _longer_name(self, ent: Span) -> Span | None:
        """An organisation's name the model cut short: 'European Council' + 'on Foreign Relations'."""
        doc = self.doc
        j = ent.end
        if ent.label_ != "ORG" or j + 1 >= len(doc) or doc[j].lower_ not in ("on", "for"):
            return None
        if doc[j + 1].ent_type_ in ("DATE", "TIME"):
            return None  # "the United Nations on Tuesday": a date, not the rest of a name
        j += 1
        while j < len(doc) and (
            (doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN")
            or (doc[j].lower_ in ("of", "and") and j + 1 < len(doc) and doc[j + 1].text[:1].isupper())
        ):
            j += 1
        if j <= ent.end + 1 or j - ent.start > 10:
            return None
        longer = Span(doc, ent.start, j, label="ORG")
        return None if self.reg.exact(re.sub(r"^the\s+", "", longer.text, flags=re.I)) else longer

    def _described_entities(self, pending: list[Span]) -> None:
        """Names the registry does not know, described by their own words or their context: organisations first
        (a person's title may name one), then people."""
        for ent in pending:
            if ent.label_ != "ORG" or not self.free(ent):
                continue
            text = ent.text.strip()
            if text in self.acronyms:
                self.add(ent, self.acronyms[text], "described", 0.7, "ORG")
                continue
            self._organisation(ent)
        for ent in pending:
            if not self.free(ent):
                continue
            if ent.label_ == "PERSON" or (
                ent.label_ == "ORG" and len(ent) > 1 and (self._role_after(ent) or self._personal_title_before(ent))
            ):
                # a name the model took for an organisation is a person when a person's title follows or precedes it
                known = self._described_person(ent)
                if known is not None:
                    self.add(ent, known, "described", 0.7, "PERSON")
                    continue
                if self._titled(ent) or self._titled_after(ent) or self._apposed_before(ent) or self._member_of(ent):
                    continue
            self.unresolved.append(
                UnresolvedMention(text=ent.text, start=ent.start_char, end=ent.end_char, label=ent.label_)
            )

    def _personal_title_before(self, ent: Span) -> bool:
        """'Vice-President Moody Awori': a name of two or three proper nouns right after a person's title."""
        if len(ent) > 3 or any(t.pos_ != "PROPN" for t in ent) or ent.start == 0:
            return False
        word = self.doc[ent.start - 1].lower_
        return any(p.split()[-1].split("-")[-1] == word for p in self.reg.titles)

    def _described_person(self, ent: Span) -> RegistryActor | None:
        """'Kanyuka' after 'Lawrence Kanyuka, a political spokesman for the M23': the person described before."""
        key = normalise(ent.text)
        for actor in self.described.values():
            name = normalise(actor.name)
            if actor.kind == "person" and (name == key or name.endswith(" " + key)):
                return actor
        return None

    def _dominant_country(self, tok: Token, window: int | None = 3) -> str | None:
        """The country named most in the last three sentences (or, window None, so far in the article), if it is
        named at least twice as often as any other (a title without a country belongs to it)."""
        here = [s for s in sents(self.doc) if s.start_char <= tok.idx]
        limit = here[-window].start_char if window is not None and len(here) >= window else 0
        counts: dict[str, int] = {}
        for m in self.between(limit, tok.idx):
            if not m.plural_of:
                actor = self.actors.get(m.actor_id)
                if actor is not None and actor.kind in ("country", "generic") and actor.country:
                    counts[actor.country] = counts.get(actor.country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    def _sentence_country(self, ent: Span) -> str | None:
        """The one country that qualifies the sentence of ``ent``, when ``ent`` is its subject: "President X has
        reneged on his commitment to the Zambian people", "X resigned to allow Haiti's first elections". Only
        modifiers count ("Zambian", "Haiti's", "Kenya" in "the Kenya Commission"): a country that is itself an
        object ("threatened Russia") is more often the other side, and a demonym in another person's title
        ("South African leader Y") is that person's. A body or people of a country counts ("the Zambian
        people"), since its country is named by a modifier."""
        if ent.root.dep_ not in ("nsubj", "nsubjpass"):
            return None
        sent = ent.sent
        found: set[str] = set()
        for m in self.between(sent.start_char, sent.end_char):
            if m.plural_of:
                continue
            actor = self.actors.get(m.actor_id)
            if actor is None or actor.kind not in ("country", "generic") or not actor.country:
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            tok = span.root if span is not None else None
            if tok is None or (actor.kind == "country" and tok.dep_ not in ("amod", "poss", "compound", "nmod")):
                continue  # a body or people of a country ("the Zambian people") names it by a modifier
            if actor.kind == "generic" and tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
                continue  # "South African leader Y": another name's title
            head = tok.head
            if head.ent_type_ == "PERSON" or (head.dep_ == "compound" and head.head.pos_ == "PROPN"):
                continue  # "South African leader Y": part of another name's title
            found.add(actor.country)
        return next(iter(found)) if len(found) == 1 else None

    def _passage_countries(self, tok: Token, people: bool = False) -> list[str]:
        """Distinct countries named in this sentence and the one before (for 'the government'); ``people``:
        counting the countries of the people named ("Junta leader X condemned ... The government")."""
        kinds = ("country", "generic", "group", "person") if people else ("country", "generic", "group")
        here = [s for s in sents(self.doc) if s.start_char <= tok.idx]
        limit = here[-2].start_char if len(here) >= 2 else 0
        end = here[-1].end_char if here else tok.idx
        found: list[str] = []
        for m in self.between(limit, end):
            if not m.plural_of:
                actor = self.actors.get(m.actor_id)
                country = actor.country if actor is not None and actor.kind in kinds else None
                if country and country not in found:
                    found.append(country)
        return found

    def _rebels_state(self, tok: Token, countries: list[str], sector: str | None) -> str | None:
        """'talks between the MNDAA and the junta in the Chinese city of Kunming': among the passage's countries,
        the state army or government no country is named for is the one the passage's rebels fight in (a
        mediator's or a venue's country is named beside them)."""
        if sector not in _STATE_SECTORS:
            return None
        here = [s for s in sents(self.doc) if s.start_char <= tok.idx]
        limit = here[-2].start_char if len(here) >= 2 else 0
        end = here[-1].end_char if here else tok.idx
        named = [a for m in self.between(limit, end) if (a := self.actors.get(m.actor_id)) is not None and a.country]
        rebels = {a.country for a in named if a.kind == "group" and a.sector == "REB"}
        if any(a.kind in ("generic", "group") and a.sector == sector and a.country not in rebels for a in named):
            return None  # "the Israel Defense Forces ... the military said": another state's forces stand named
        found = [c for c in countries if c in rebels]
        return found[0] if len(rebels) == 1 and len(found) == 1 else None

    def _subject_person(self, tok: Token) -> list[str]:
        """'he/his' most often refers to the subject of its own sentence, or of the one before."""
        here = [s for s in sents(self.doc) if s.start_char <= tok.idx]
        for sent in reversed(here[-2:]):
            for m in self.between(sent.start_char, min(sent.end_char, tok.idx)):
                if m.plural_of:
                    continue
                actor = self.actors.get(m.actor_id)
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if (
                    actor is not None
                    and actor.kind == "person"
                    and span is not None
                    and span.root.dep_ in ("nsubj", "nsubjpass")
                ):
                    return [actor.id]
        return []

    def _plural_pronoun(self, tok: Token) -> None:
        """'they' after 'Trump and Putin' -> the pair; after 'the Houthis' -> the group."""
        before = [s for s in sents(self.doc) if s.start_char <= tok.idx]
        limit = before[-2].start_char if len(before) >= 2 else 0
        by_token: dict[int, ResolvedMention] = {}
        for m in self.between(limit, tok.idx):
            if not m.plural_of:
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    for t in span:
                        by_token[t.i] = m
        best: tuple[int, list[str]] | None = None
        for i, m in by_token.items():
            t = self.doc[i]
            if t.dep_ == "conj" and t.head.i in by_token and by_token[t.head.i].actor_id != m.actor_id:
                pair = [by_token[t.head.i].actor_id, m.actor_id]
                if best is None or i > best[0]:
                    best = (i, pair)
        if best is None:
            # "Erdogan met Putin in Moscow. ... they announced": who met whom
            for i, m in by_token.items():
                t = self.doc[i]
                if t.dep_ != "nsubj" or t.head.lemma_.lower() not in _MEETING_VERBS:
                    continue
                others = [c for c in t.head.children if c.dep_ == "dobj"]
                others += [o for c in t.head.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children]
                other = next((by_token[o.i] for o in others if o.i in by_token), None)
                if other is not None and other.actor_id != m.actor_id and (best is None or i > best[0]):
                    best = (i, [m.actor_id, other.actor_id])
        span = self.doc[tok.i : tok.i + 1]
        if best is not None:
            self.add(span, self.actors[best[1][0]], "coreference", 0.6, "PRON", plural_of=best[1])
            return
        plural = [m for m in by_token.values() if self.actors[m.actor_id].kind in ("group", "generic")]
        if plural:
            m = max(plural, key=lambda m: m.start)
            self.add(span, self.actors[m.actor_id], "coreference", 0.6, "PRON")

    def _salient(self, before: int, kinds: set[str], n: int, window: int = 8) -> list[str]:
        """The n most-mentioned distinct actors of these kinds in the last sentences (dyads)."""
        earlier = [s for s in sents(self.doc) if s.start_char <= before]
        limit = earlier[-window].start_char if len(earlier) >= window else 0
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        rep: dict[str, str] = {}
        for m in self.between(limit, before):
            if m.plural_of:
                continue
            actor = self.actors.get(m.actor_id)
            if actor is None or actor.kind not in kinds:
                continue
            key = actor.country if actor.kind in ("country", "generic") and actor.country else actor.id
            counts[key] = counts.get(key, 0) + 1
            last[key] = max(last.get(key, 0), m.start)
            rep.setdefault(key, key if key in self.actors else actor.id)
        ranked = sorted(counts, key=lambda k: (-counts[k], -last[k]))
        return [rep[k] for k in ranked[:n]]

    def _leaders(self, before: int, window: int = 8) -> list[str]:
        """Two leaders of two countries named in the last sentences: persons of a government, or a
        government's head named by title ("the President of the Russian Federation")."""
        earlier = [s for s in sents(self.doc) if s.start_char <= before]
        limit = earlier[-window].start_char if len(earlier) >= window else 0
        by_country: dict[str, str] = {}
        counts: dict[str, int] = {}
        for m in self.between(limit, before):
            actor = self.actors.get(m.actor_id)
            if m.plural_of or actor is None or not actor.country:
                continue
            if not (
                (actor.kind == "person" and actor.sector in ("GOV", None))
                or (actor.kind == "generic" and actor.sector == "GOV")
            ):
                continue
            if actor.kind == "person" or actor.country not in by_country:
                by_country[actor.country] = actor.id  # a named leader stands before a title
            counts[actor.country] = counts.get(actor.country, 0) + 1
        if len(counts) != 2:
            return []  # none, one, or more than two countries' leaders: no pair to point at
        return [by_country[c] for c in sorted(counts, key=lambda c: -counts[c])]

    def _institution_antecedent(self, tok: Token) -> str | None:
        """'it/its' after a state, force or group that is a subject: 'Israel's military says it has struck'."""
        here = [s for s in sents(self.doc) if s.start_char <= tok.idx]
        for sent in reversed(here[-2:]):
            best = None
            for m in self.between(sent.start_char, min(sent.end_char, tok.idx)):
                if m.plural_of:
                    continue
                actor = self.actors.get(m.actor_id)
                if actor is None or actor.kind not in ("country", "group", "generic"):
                    continue
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                    best = m.actor_id  # the last subject before the pronoun
            if best is not None and tok.lower_ == "it" and tok.dep_ in ("dobj", "dative", "pobj"):
                # "X ordered the ICRC to leave, accusing it of ...": an object pronoun is not its clause's subject
                other = self._last_non_subject(sent, tok, best)
                return other or best
            if best is not None:
                return best
        return None

    def _last_non_subject(self, sent: Span, tok: Token, subject_actor: str) -> str | None:
        found = None
        for m in self.between(sent.start_char, min(sent.end_char, tok.idx)):
            if m.plural_of:
                continue
            actor = self.actors.get(m.actor_id)
            if actor is not None and actor.kind in ("country", "group", "generic") and m.actor_id != subject_actor:
                found = m.actor_id
        return found

    def _clause_subject(self, tok: Token) -> str | None:
        """The person who is the subject of the pronoun's own clause ('him' cannot be them)."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        m = self._at_token.get(subj.i)
        return m.actor_id if m is not None else None

    def _recent_distinct(
        self,
        before: int,
        kinds: set[str],
        n: int,
        window: int | None = None,
        sector: str | None = None,
        exclude: str | None = None,
    ) -> list[str]:
        limit = 0
        if window is not None:
            earlier = [s for s in sents(self.doc) if s.start_char <= before]
            limit = earlier[-window].start_char if len(earlier) >= window else 0
        found: list[str] = []
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if m.start >= before or m.start < limit or m.plural_of:
                continue
            actor = self.actors.get(m.actor_id)
            if actor is None or actor.kind not in kinds or (sector and actor.sector != sector) or actor.id == exclude:
                continue
            key = actor.country if actor.kind in ("country", "generic") else actor.id
            if all(
                (self.actors[f].country if self.actors[f].kind in ("country", "generic") else f) != key for f in found
            ):
                found.append(actor.id)
            if len(found) == n:
                break
        return found


# sectors of a state (a title or body of these with no country named is left alone)
_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
# words for people in a role, beside the sector nouns ("aide", "spokesman") and the titles ("president")
_ROLE_NOUNS = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "adviser",
    "advisor",
    "aide",
    "official",
    "head",
    "chief",
    "leader",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "commander",
    "member",
    "representative",
    "envoy",
    "negotiator",
    "coordinator",
    "founder",
    "deputy",
    "minister",
    "governor",
    "president",
}
# analysts speak for no side: their institutes are NGOs ("a fellow at the European Council on Foreign Relations")
_EXPERT_NOUNS = {"expert", "analyst", "fellow", "researcher", "professor", "scholar", "academic", "lecturer"}
_AFFILIATION_PREPS = {"of", "for", "to", "at", "with", "from", "in"}
# the small words inside an organisation's name ("Council on Foreign Relations", "Government of National Accord")
_NAME_LINKS = {"of", "on", "for", "in", "and", "to", "the", "'s", "\u2019s"}
_REBEL_WORDS = {"liberation", "revolutionary", "resistance", "rebel", "insurgent", "mujahideen", "jihad", "salvation"}
_DEFENCE_WORDS = {"defence", "defense", "military", "armament", "armaments", "arms", "munitions"}
_IGO_HEADS = {"conference", "organisation", "organization", "union", "community", "commission", "agency", "mission"}
_LEAD_VERBS = {"lead", "head"}
_SAYING = {"said", "says", "told", "added", "stated", "wrote", "tweeted", "announced"}
_LED_WORDS = {"led", "based"}  # "the Saudi-led coalition", "the Khartoum-based company"
# organisations of the passage's country even without a country in their name ("the Catholic Church")
_PASSAGE_HEADS = {"church", "patriarchate"}

_NAMED_AFTER_PLACES = {
    "agreement",
    "accord",
    "declaration",
    "process",
    "talks",
    "format",
    "summit",
    "protocol",
    "treaty",
    "deal",
    "communique",
    "conference",
    "framework",
    "memorandum",
    "statute",
    "convention",
    "principles",
}
# Modifiers that keep "the federal government" the government of the passage's country.
_OWN_STATE = {"federal", "central", "national", "transitional", "interim", "military", "regular", "armed"}
_MEMBER_NOUNS = {"allies", "members", "states", "partners"}
# "Iranian-designed drones", "US-made missiles": where a thing was made, not who acts
_MADE_IN = {"designed", "made", "built", "manufactured", "produced", "developed", "supplied", "style", "type"}
# "the militant group", "the armed movement": a description of the group named before, not another one
_GROUP_ADJECTIVES = {"militant", "armed", "rebel", "islamist", "jihadist", "paramilitary", "separatist", "insurgent"}
_MEETING_VERBS = {"meet", "host", "receive", "call", "phone", "speak", "talk", "negotiate", "visit"}
_GROUP_ANAPHORS = {
    "group",
    "movement",
    "militia",
    "organisation",
    "organization",
    "rebels",
    "insurgents",
    "guerrillas",
    "militants",
    "paramilitaries",
    "separatists",
    "alliance",
    "jihadists",
}
_ON_PARTIES = {"call", "urge", "press", "prevail", "impose", "declare", "wage", "retaliate", "rely", "depend"}
_RULERS = {"regime", "entity", "enemy", "government", "administration", "authorities", "leadership", "junta"}
_LOCATIVE = {
    "in",
    "at",
    "near",
    "to",
    "from",
    "into",
    "across",
    "around",
    "inside",
    "outside",
    "through",
    "toward",
    "towards",
    "over",
    "on",
    "via",
    "throughout",
    "within",
    "outskirts",
    "for",
    "of",
}


def _ends_with_words(words: str, phrase: str) -> bool:
    """Whether ``words`` ends with ``phrase`` at a word boundary ("vice-president" ends with "president")."""
    if not words.endswith(phrase):
        return False
    k = len(words) - len(phrase)
    return k == 0 or not (words[k - 1].isalnum() or words[k - 1] == "_")


def _phrase_end(prep: Token) -> int:
    """Last token of a prepositional phrase without the clauses hung on it: 'from two American aid groups'
    in 'Doctors from two American aid groups donated ...' (the parse may attach the verb to the noun)."""
    last = prep.i
    stack = [prep]
    while stack:
        t = stack.pop()
        last = max(last, t.i)
        stack.extend(c for c in t.children if c.dep_ not in ("acl", "relcl", "advcl", "punct"))
    return last


def _slug(name: str) -> str:
    """'Tarek Megerisi' -> 'tarek-megerisi': the id of an actor the text describes."""
    folded = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


_MESSAGES = {
    "statement",
    "letter",
    "message",
    "readout",
    "response",
    "reply",
    "call",
    "proposal",
    "offer",
    "note",
    "request",
    "demand",
    "warning",
    "envoy",
    "delegation",
    "official",
    "officials",
    "spokesman",
    "diplomat",
}


_TAKING = {"seize", "capture", "control", "take", "enter", "besiege", "encircle", "storm", "overrun", "retake"}


def _taken_place(ent: Span) -> bool:
    """'the Houthis, who seized Sanaa': the city taken is a place, not its government."""
    root = ent.root
    return root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in _TAKING


def _venue(ent: Span) -> bool:
    """A country named as where something is said or held ('in a briefing in South Africa', 'talks are due in
    Tunisia'), not where fighting happens: a place, not an actor."""
    root = ent.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("in", "at"):
        return False
    head = root.head.head
    words = {head.lemma_.lower(), *(a.lemma_.lower() for a in head.ancestors)}
    return bool(words & _VENUE_WORDS) and not words & _FIGHTING_WORDS


_VENUE_WORDS = {
    "announce",
    "briefing",
    "conference",
    "talk",
    "talks",
    "meeting",
    "summit",
    "negotiation",
    "ceremony",
    "sign",
    "hold",
    "held",
    "due",
    "speak",
    "say",
    "tell",
    "gather",
    "meet",
    "round",
    "visit",
}
_FIGHTING_WORDS = {"fight", "fighting", "attack", "strike", "war", "kill", "shell", "clash", "offensive", "bomb"}


def _token_place(tok: Token) -> bool:
    """A capital not recognised as an entity, used as a place: 'the Khartoum-based company', 'LUANDA - ...'."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == "-" and tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ in ("based", "born"):
        return True  # "Khartoum-based"
    if tok.is_upper and nxt is not None and nxt.text in ("-", "–", "—", ",") and tok.i == sent_of(tok).start:
        return True  # a dateline
    return (tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE) or (
        tok.dep_ in ("dobj",) and tok.head.lemma_.lower() in _TAKING
    )


def _only_a_location(ent: Span) -> bool:
    """A capital or territory named as where something happens, not as who acts."""
    root = ent.root
    if root.lemma_.lower() in _RULERS:
        return False  # "the aggression of the Zionist regime", "the Kyiv regime": who acts
    if root.dep_ == "compound" and root.head.lemma_.lower() in _NAMED_AFTER_PLACES:
        return True  # "the Pretoria agreement", "the Doha talks", "the Minsk format": named after a city
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "over the Kherson and Mykolaiv regions": a list's later names stand where its first does
    if root.dep_ in ("compound", "nmod") and root.head.dep_ == "pobj":
        root = root.head  # "in Gaza City", "near Kharkiv oblast"
    if root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE:
        verb = root.head.head
        if root.head.lower_ == "from" and verb.lemma_.lower() in _MESSAGES:
            return False  # "a statement from the White House", "a letter from Kyiv": who speaks
        if root.head.lower_ in ("on", "upon") and verb.lemma_.lower() in _ON_PARTIES:
            return False  # "called on Islamabad to end ...": the party called upon, not a place
        return True
    if ent.start == sent_of(ent.root).start and ent.end < len(ent.doc) and ent.doc[ent.end].text in (",", "-", "—"):
        return ent.text.isupper()  # a dateline: "KYIV, March 18 (Reuters) -"
    return _in_dateline(ent)


_DATELINE_HEAD = re.compile(r"^\W{0,3}[A-Z][A-Z .'-]{1,40},\s*[^\n()]{0,40}?\s*\([^)]{1,40}\)\s*[-–—]")


def _in_dateline(ent: Span) -> bool:
    """'DEIR AL-BALAH, Gaza Strip (AP) -': a place in the dateline that opens the story says where it was filed."""
    sent = sent_of(ent.root)
    if ent.start - sent.start > 10:
        return False
    m = _DATELINE_HEAD.match(sent.text)
    return m is not None and ent.end_char - sent.start_char <= m.end()


def _proper(ent: Span) -> bool:
    """Fuzzy and phonetic matches only for proper-noun spans, never ordinary words."""
    return all(t.tag_ in ("NNP", "NNPS") or not t.is_alpha for t in ent) and len(ent.text) >= 4


def complete(res: ActorResolution, ids: Iterable[str | None], reg: Registry, when: date | None) -> None:
    """Add actors that later stages referred to without a mention (a place's country, 'UKR-CVL')."""
    known = {a.id for a in res.actors}
    for aid in ids:
        if aid is None or aid in known:
            continue
        actor = reg.actors.get(aid)
        if actor is None and "-" in aid:
            country, _, sector = aid.partition("-")
            if country in reg.actors and sector:
                actor = reg.generic(country, sector)
        if actor is None:
            continue
        country, sector = actor.at(when)
        res.actors.append(Actor(id=actor.id, name=actor.name, country=country, sector=sector, kind=actor.kind))
        known.add(aid)


def resolve(doc: Doc, reg: Registry, when: date | None, outlet: str | None = None) -> ActorResolution:
    """Resolve every actor mention in a parsed article (``outlet``: who published it, when known)."""
    b = _Builder(doc, reg, when, outlet)
    b.roles_and_generics()
    b.entities()
    b.references()
    mentions = sorted(b.mentions, key=lambda m: m.start)
    actors: dict[str, Actor] = {}
    for m in mentions:
        ids = m.plural_of or [m.actor_id]
        for aid in ids:
            ra = b.actors[aid]
            if aid not in actors:
                country, sector = ra.at(when)
                sector = b.sector_in_text.get(aid, sector)
                actors[aid] = Actor(
                    id=aid, name=ra.name, country=country, sector=sector, kind=ra.kind, org=ra.org_at(when)
                )
            actors[aid].mentions.append(Mention(text=m.text, start=m.start, end=m.end, method=m.method, score=m.score))
    # a name left unresolved by one pass and resolved by a later one ("the Armed Forces") is resolved
    unresolved = [u for u in b.unresolved if not any(m.start < u.end and u.start < m.end for m in mentions)]
    return ActorResolution(actors=list(actors.values()), mentions=mentions, unresolved=unresolved)
