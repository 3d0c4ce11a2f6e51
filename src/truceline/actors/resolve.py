"""Resolve the mentions in a parsed article to registry actors.

Named spans are matched by ``actors.names`` (exact -> normalised -> metonym/demonym/place ->
fuzzy -> phonetic). Generic forms ("Russian troops"), role references ("the US president", "the Russian leader"),
pronouns and dyad references ("the two leaders", "both sides") are resolved from the document
and the article's date. A span that matches nothing is kept as unresolved with its NER label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, Field
from spacy.tokens import Doc, Span, Token

from truceline.actors.names import Resolver, demonym_of
from truceline.actors.registry import Registry, RegistryActor, is_acronym, normalise
from truceline.models import Actor, Mention, UnresolvedMention
from truceline.nlp.index import ent_of, ents, sent_of, sents

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


def _title_at(reg: Registry, doc: Doc, i: int) -> tuple[dict, int] | None:
    """The longest title phrase starting at token i: (its spec, its length in tokens)."""
    first = doc[i].lower_
    if first not in _title_starts(reg):
        return None  # most tokens start no title: skip building the phrases
    words = [t.lower_ for t in doc[i : i + 5]]
    for n in range(len(words), 0, -1):
        phrase = " ".join(words[:n]).replace(" - ", "-")
        if phrase in reg.titles:
            return reg.titles[phrase], n
    return None


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
        self.unresolved: list[UnresolvedMention] = []
        self.taken: set[int] = set()
        self.own_country = self._issuer(outlet)

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
        self.mentions.append(
            ResolvedMention(
                actor_id=actor.id,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                method=method,
                score=score,
                label=label,
                plural_of=plural_of or [],
            )
        )
        self.taken.update(range(span.start, span.end))

    def free(self, span: Span) -> bool:
        return not any(i in self.taken for i in range(span.start, span.end))

    # pass 1: role references and generic forms (they contain names that must not win alone)
    def roles_and_generics(self) -> None:
        doc = self.doc
        for tok in doc:
            if tok.i in self.taken:
                continue
            found = _title_at(self.reg, doc, tok.i)
            if found is not None:
                self._role(tok, *found)
        for tok in doc:
            sector = self._sector_of(tok)
            if sector is None or tok.i in self.taken or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            if tok.pos_ == "ADJ" and tok.lower_ not in ("military", "naval", "rebel", "militant"):
                continue
            ent = ent_of(tok)
            if ent is not None and len(ent) > 1 and ent.label_ in ("ORG", "PERSON") and self.reg.normalised(ent.text):
                continue  # "the Tigray People's Liberation Front": a named group, not the people of Tigray
            if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and self._sector_of(tok.head):
                continue  # "fighter jets", "army officers": the head noun decides
            titled = _title_at(self.reg, doc, tok.i) is not None
            if titled and tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ == "PERSON":
                continue  # "Syrian President Bashar al-Assad": the person, resolved from the name
            mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod")]
            countries: list[str] = []
            first = tok
            for m in mods:
                whole = doc[m.left_edge.i : m.right_edge.i + 1]
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
            if not countries and tok.i > 0:
                c = self._country_of_token(doc[tok.i - 1])  # "Israeli army positions" parsed flat
                if c:
                    countries.append(c)
                    first = doc[tok.i - 1]
            if not countries:
                # "rebels in the Ivory Coast", "officials of Sudan"
                for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("in", "of", "from")):
                    for pobj in (x for x in prep.children if x.dep_ == "pobj"):
                        whole = self.doc[pobj.left_edge.i : pobj.i + 1].text  # "the Ivory Coast"
                        named = [
                            i
                            for i in self.reg.exact(re.sub(r"^the ", "", whole, flags=re.I))
                            if self.reg.actors[i].kind == "country"
                        ]
                        if named:
                            countries.append(named[0])
                            continue
                        for t in pobj.subtree:
                            c = self._country_of_token(t)
                            if c and self.reg.actors.get(c) is not None:
                                countries.append(c)
                                break
                for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"):
                    for pobj in (x for x in prep.children if x.dep_ == "pobj"):
                        for other in pobj.conjuncts:  # "delegations of the United States and Ukraine"
                            c = self._country_of_token(other)
                            if c and c not in countries and self.reg.actors.get(c) is not None:
                                countries.append(c)
                if countries:
                    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
                    last = prep.right_edge.i if prep is not None else tok.i  # "armed forces of Pakistan"
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

    def _group_modifier(self, tok: Token) -> RegistryActor | None:
        """A named group in front of a force noun: 'RSF fighters', 'BLA militants', 'HTS-led rebels'."""
        for m in (c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")):
            for t in m.subtree:
                if t.i in self.taken or not t.text[:1].isupper():
                    continue
                ids = [i for i in self.reg.exact(t.text) if self.reg.actors[i].kind == "group"]
                if len(ids) == 1:
                    actor = self.reg.actors[ids[0]]
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

    def _country_of_token(self, t: Token) -> str | None:
        doc = t.doc
        if t.text[:1].isupper() and demonym_of(self.reg, t.text):
            if not (t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].tag_ == "VBN"):
                return demonym_of(self.reg, t.text)
        if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].tag_ == "VBN":
            return None  # "Iran-backed", "Iranian-designed": not that country's own people
        if not t.text[:1].isupper():
            return None  # "us", "china" in lower case are not country names
        for form in (t.text, normalise(t.text)):
            if form in self.reg.demonyms:
                return self.reg.demonyms[form]
            if form in self.reg.places_of_government:
                return self.reg.places_of_government[form]
        for i in self.reg.exact(t.text):
            if self.reg.actors[i].kind == "country":
                return i
        return None

    def _people_of_place(self, ent: Span) -> str | None:
        """'Bosnian Serbs', 'Iraqi Kurds' (a community of the first-named country) and 'ethnic
        Albanians in south Serbia' (a community named with the country it lives in)."""
        toks = [t for t in ent if t.is_alpha]
        if len(toks) == 2 and all(demonym_of(self.reg, t.text) for t in toks):
            return demonym_of(self.reg, toks[0].text)
        if not demonym_of(self.reg, ent.text):
            return None
        for prep in (c for c in ent.root.children if c.dep_ == "prep" and c.lower_ == "in"):
            for t in (x for x in prep.subtree if x.i != prep.i):
                named = [i for i in self.reg.exact(t.text) if self.reg.actors[i].kind == "country"]
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

    def _has_context(self, span: Span) -> bool:
        """Another actor, or a word naming a government, force or group, in the sentence."""
        sent = sent_of(span.root)
        others = [t for t in sent if (t.i < span.start or t.i >= span.end)]
        if any(t.i in self.taken for t in others):
            return True
        if any(t.ent_type_ in ("PERSON", "GPE", "NORP") for t in others):
            return True
        return any(self.reg.sector_nouns.get(t.lower_) for t in others)

    def _titled(self, ent: Span) -> bool:
        """'Iraqi President Saddam Hussein', "Norway's foreign minister Knut Vollebaek": a person not in
        the registry still acts for the country named in the title (sector from the title noun)."""
        doc = self.doc
        i = ent.start - 1
        title_tokens = []
        while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and doc[i].ent_type_ not in ("PERSON",):
            title_tokens.insert(0, doc[i])
            i -= 1
        if i >= 0 and doc[i].dep_ == "case":  # "Norway 's foreign minister"
            title_tokens.insert(0, doc[i])
            i -= 1
            if i >= 0:
                title_tokens.insert(0, doc[i])
        if not title_tokens:
            return False
        sector = None
        for t in title_tokens:
            sector = self._sector_of(t) or sector
        words = " ".join(t.lower_ for t in title_tokens)
        if sector is None and any(phrase in words for phrase in self.reg.titles):
            sector = "GOV"  # "British Defence Secretary Tom King": a title the registry knows
        if sector is None and not any(w in words for w in ("king", "emir", "sheikh", "sultan", "general")):
            return False
        country = None
        for t in title_tokens:
            country = self._country_of_token(t) or country
        group = next((self.reg.actors.get(m.actor_id) for t in title_tokens if (m := self._mention_at(t))), None)
        if country is None and group is not None and group.kind == "group":
            # "Houthi official Abdul-Qader el-Murtaza", "M23 spokesman Lawrence Kanyuka": the group speaks
            span = ent if not self.free(doc[title_tokens[0].i : ent.end]) else doc[title_tokens[0].i : ent.end]
            self.add(span, group, "title", 0.75, "PERSON")
            return True
        if country is None and sector is not None:
            # "National Security Adviser Tzachi Hanegbi" in a passage about one country: that country's
            country = self._dominant_country(ent.root)
        if country is None:
            return False
        span = doc[title_tokens[0].i : ent.end]
        if not self.free(span):
            span = ent
        self.add(span, self.reg.generic(country, sector or "GOV"), "title", 0.8, "PERSON")
        return True

    def _mention_at(self, tok: Token) -> ResolvedMention | None:
        return next((m for m in self.mentions if m.start <= tok.idx < m.end), None)

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
            org = next((i for i in self.reg.exact(t.text) if self.reg.actors[i].kind == "group"), None)
            if org is None and t.text[:1].isupper():
                org = next((i for i in self.reg.normalised(t.text) if self.reg.actors[i].kind == "group"), None)
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
            actor = self.reg.actors.get(m.actor_id)
            if actor and actor.kind == "person" and any(r.title == title and r.active(self.when) for r in actor.roles):
                return actor
        return None

    # pass 2: named entities
    def entities(self) -> None:
        for ent in ents(self.doc):
            if ent.label_ not in NER_LABELS or not self.free(ent):
                continue
            if not any(c.isupper() for c in ent.text):
                continue  # "the china cabinet": names are capitalised
            if is_acronym(ent.text.strip()) and _shouting(ent):
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
            if ent.label_ == "NORP":
                where = self._people_of_place(ent)
                if where is not None:
                    self.add(ent, self.reg.actors[where], "demonym", 0.85, "NORP")
                    continue
            if hits and self._needs_context(ent, hits[0].actor) and not self._has_context(ent):
                continue  # "AA batteries", "Turkey, stuffing and cranberry sauce", "Lima beans"
            if hits:
                h = hits[0]
                self.add(ent, h.actor, h.method, h.score, ent.label_)
            elif ent.label_ == "PERSON" and (self._titled(ent) or self._titled_after(ent)):
                continue
            elif ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
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
        for tok in self.doc:
            if tok.i in self.taken or tok.tag_ != "NNP" or tok.ent_type_ or len(tok.text) < 5:
                continue
            hit = self.resolver.country_typo(tok.text)
            if hit is not None:
                self.add(self.doc[tok.i : tok.i + 1], hit, "fuzzy", 0.8, "NP")
        # registry names the model missed entirely (lower-case forms are not tried)
        for tok in self.doc:
            if tok.i in self.taken or not tok.text[:1].isupper() or tok.ent_type_:
                continue
            key = normalise(tok.text)
            if key in self.reg.metonyms and tok.pos_ == "PROPN" and not _token_place(tok):
                country, sector = self.reg.metonyms[key]
                self.add(self.doc[tok.i : tok.i + 1], self.reg.generic(country, sector), "metonym", 0.9, "METONYM")

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
                            if p in self.reg.actors and self.reg.actors[p].kind == "country"
                            else p
                            for p in pair
                        ]
                    if len(pair) == 2:
                        self.add(span, self.reg.actors[pair[0]], "dyad", 0.8, "DYAD", plural_of=pair)
        for tok in doc:
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
                    self.add(doc[tok.i : tok.i + 1], self.reg.actors[pair[0]], "dyad", 0.6, "DYAD", plural_of=pair)
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
                    self.add(doc[start : tok.i + 1], self.reg.actors[pair[0]], "dyad", 0.6, "DYAD", plural_of=pair)
                    continue
            # "the army", "the government": the last generic actor of that sector nearby
            sector = self.reg.sector_nouns.get(tok.lower_)
            first = tok.i
            while first > 0 and doc[first - 1].lower_ in _OWN_STATE and first - 1 not in self.taken:
                first -= 1  # "the federal government", "the transitional authorities"
            if (
                sector
                and tok.i not in self.taken
                and first > 0
                and doc[first - 1].lower_ == "the"
                and (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text[:1].isupper()))
                and not any(c.dep_ in ("amod", "compound", "poss") and c.lower_ not in _OWN_STATE for c in tok.children)
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
                    self.add(doc[first - 1 : tok.i + 1], self.reg.actors[recent[0]], "coreference", 0.7, "DEF")
                    continue
                # no such actor yet: the one country the passage is about, if there is exactly one
                countries = self._passage_countries(tok)
                if len(countries) == 1 and sector in _CONTEXT_SECTORS:
                    actor = self.reg.generic(countries[0], sector)
                    self.add(doc[first - 1 : tok.i + 1], actor, "context", 0.6, "DEF")
                    continue
            if (
                tok.lower_ in _GROUP_ANAPHORS
                and tok.i not in self.taken
                and tok.i > 0
                and doc[tok.i - 1].lower_ == "the"
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
                    if self.reg.actors[a].sector not in ("IGO", "NGO", "MED")
                ]
                if recent:
                    self.add(doc[tok.i - 1 : tok.i + 1], self.reg.actors[recent[0]], "coreference", 0.7, "DEF")
                    continue
            if tok.lower_ in ("it", "its") and tok.pos_ == "PRON" and tok.i not in self.taken:
                found = self._institution_antecedent(tok)
                if found is not None:
                    self.add(doc[tok.i : tok.i + 1], self.reg.actors[found], "coreference", 0.6, "PRON")
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
                    self.add(doc[tok.i : tok.i + 1], self.reg.actors[recent[0]], "coreference", 0.7, "PRON")

    def _titled_after(self, ent: Span) -> bool:
        """'Abdul-Qader el-Murtaza, a Houthi official, said': the title in apposition after the name."""
        doc = self.doc
        if ent.end + 2 >= len(doc) or doc[ent.end].text != "," or doc[ent.end + 1].lower_ not in ("a", "an", "the"):
            return False
        title = []
        for t in doc[ent.end + 2 : ent.end + 7]:
            if t.pos_ not in ("PROPN", "NOUN", "ADJ"):
                break
            title.append(t)
        sector = next((self._sector_of(t) for t in title if self._sector_of(t)), None)
        if not title or sector is None:
            return False
        group = next((self.reg.actors.get(m.actor_id) for t in title if (m := self._mention_at(t))), None)
        if group is not None and group.kind == "group":
            self.add(ent, group, "title", 0.75, "PERSON")
            return True
        country = next((c for t in title if (c := self._country_of_token(t))), None)
        if country is None:
            return False
        self.add(ent, self.reg.generic(country, sector), "title", 0.75, "PERSON")
        return True

    def _dominant_country(self, tok: Token) -> str | None:
        """The country named most in the last three sentences, if it is named at least twice as often as
        any other (a title without a country belongs to it)."""
        here = [s for s in sents(self.doc) if s.start_char <= tok.idx]
        limit = here[-3].start_char if len(here) >= 3 else 0
        counts: dict[str, int] = {}
        for m in self.mentions:
            if limit <= m.start < tok.idx and not m.plural_of:
                actor = self.reg.actors.get(m.actor_id)
                if actor is not None and actor.kind in ("country", "generic") and actor.country:
                    counts[actor.country] = counts.get(actor.country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    def _passage_countries(self, tok: Token) -> list[str]:
        """Distinct countries named in this sentence and the one before (for 'the government')."""
        here = [s for s in sents(self.doc) if s.start_char <= tok.idx]
        limit = here[-2].start_char if len(here) >= 2 else 0
        end = here[-1].end_char if here else tok.idx
        found: list[str] = []
        for m in self.mentions:
            if limit <= m.start < end and not m.plural_of:
                actor = self.reg.actors.get(m.actor_id)
                country = actor.country if actor is not None and actor.kind in ("country", "generic", "group") else None
                if country and country not in found:
                    found.append(country)
        return found

    def _subject_person(self, tok: Token) -> list[str]:
        """'he/his' most often refers to the subject of its own sentence, or of the one before."""
        here = [s for s in sents(self.doc) if s.start_char <= tok.idx]
        for sent in reversed(here[-2:]):
            for m in self.mentions:
                if not (sent.start_char <= m.start < min(sent.end_char, tok.idx)) or m.plural_of:
                    continue
                actor = self.reg.actors.get(m.actor_id)
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
        for m in self.mentions:
            if limit <= m.start < tok.idx and not m.plural_of:
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
            self.add(span, self.reg.actors[best[1][0]], "coreference", 0.6, "PRON", plural_of=best[1])
            return
        plural = [m for m in by_token.values() if self.reg.actors[m.actor_id].kind in ("group", "generic")]
        if plural:
            m = max(plural, key=lambda m: m.start)
            self.add(span, self.reg.actors[m.actor_id], "coreference", 0.6, "PRON")

    def _salient(self, before: int, kinds: set[str], n: int, window: int = 8) -> list[str]:
        """The n most-mentioned distinct actors of these kinds in the last sentences (dyads)."""
        earlier = [s for s in sents(self.doc) if s.start_char <= before]
        limit = earlier[-window].start_char if len(earlier) >= window else 0
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        rep: dict[str, str] = {}
        for m in self.mentions:
            if not (limit <= m.start < before) or m.plural_of:
                continue
            actor = self.reg.actors.get(m.actor_id)
            if actor is None or actor.kind not in kinds:
                continue
            key = actor.country if actor.kind in ("country", "generic") and actor.country else actor.id
            counts[key] = counts.get(key, 0) + 1
            last[key] = max(last.get(key, 0), m.start)
            rep.setdefault(key, key if key in self.reg.actors else actor.id)
        ranked = sorted(counts, key=lambda k: (-counts[k], -last[k]))
        return [rep[k] for k in ranked[:n]]

    def _leaders(self, before: int, window: int = 8) -> list[str]:
        """Two leaders of two countries named in the last sentences: persons of a government, or a
        government's head named by title ("the President of the Russian Federation")."""
        earlier = [s for s in sents(self.doc) if s.start_char <= before]
        limit = earlier[-window].start_char if len(earlier) >= window else 0
        by_country: dict[str, str] = {}
        counts: dict[str, int] = {}
        for m in self.mentions:
            actor = self.reg.actors.get(m.actor_id)
            if not (limit <= m.start < before) or m.plural_of or actor is None or not actor.country:
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
            for m in self.mentions:
                if not (sent.start_char <= m.start < min(sent.end_char, tok.idx)) or m.plural_of:
                    continue
                actor = self.reg.actors.get(m.actor_id)
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
        for m in self.mentions:
            if not (sent.start_char <= m.start < min(sent.end_char, tok.idx)) or m.plural_of:
                continue
            actor = self.reg.actors.get(m.actor_id)
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
        for m in self.mentions:
            if m.start <= subj.idx < m.end:
                return m.actor_id
        return None

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
            actor = self.reg.actors.get(m.actor_id)
            if actor is None or actor.kind not in kinds or (sector and actor.sector != sector) or actor.id == exclude:
                continue
            key = actor.country if actor.kind in ("country", "generic") else actor.id
            if all(
                (self.reg.actors[f].country if self.reg.actors[f].kind in ("country", "generic") else f) != key
                for f in found
            ):
                found.append(actor.id)
            if len(found) == n:
                break
        return found


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


def _shouting(ent: Span) -> bool:
    sent = sent_of(ent.root)
    letters = [c for c in sent.text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


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
    if root.dep_ == "compound" and root.head.dep_ == "pobj":
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
    return False


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
            ra = reg.actors[aid]
            if aid not in actors:
                country, sector = ra.at(when)
                actors[aid] = Actor(id=aid, name=ra.name, country=country, sector=sector, kind=ra.kind)
            actors[aid].mentions.append(Mention(text=m.text, start=m.start, end=m.end, method=m.method, score=m.score))
    # a name left unresolved by one pass and resolved by a later one ("the Armed Forces") is resolved
    unresolved = [u for u in b.unresolved if not any(m.start < u.end and u.start < m.end for m in mentions)]
    return ActorResolution(actors=list(actors.values()), mentions=mentions, unresolved=unresolved)
