"""Reading a sentence's dependency parse: actor look-ups, subjects, prepositional objects, lemmas."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from truceline.actors.resolve import ActorResolution, ResolvedMention
from truceline.models import FrameReference
from truceline.nlp.index import sent_of

TARGET_PREPS = ("against", "on", "at", "with", "to", "toward", "towards", "into", "upon", "between")


class ActorIndex:
    """Actor look-ups over one parsed document."""

    def __init__(self, doc: Doc, res: ActorResolution) -> None:
        self.doc = doc
        self.by_token: dict[int, ResolvedMention] = {}
        for m in res.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token[t.i] = m
        self.kinds = {a.id: a.kind for a in res.actors}
        self.res = res
        self.countries = {a.id: a.country or a.id for a in res.actors}

    def actor_of(self, tok: Token | None, deep: bool = False) -> str | None:
        """The actor a noun phrase refers to (its head, compounds, or, if deep, anything below)."""
        if tok is None:
            return None
        m = self.by_token.get(tok.i)
        if m is not None:
            return m.actor_id
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod", "appos", "flat") and child.i in self.by_token:
                if child.dep_ == "poss" and tok.lemma_.lower() not in _OWNED_BODIES:
                    continue
                return self.by_token[child.i].actor_id
        if deep:
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.i in self.by_token), None)
            if owner is not None:
                return self.by_token[owner.i].actor_id  # "rejected North Korea's demand to ..."
            found = [
                self.by_token[t.i]
                for t in phrase(tok)
                if t.i in self.by_token and not _placed(t, tok) and not _sponsor(t)
            ]
            if found:
                people = [m for m in found if self.kinds.get(m.actor_id) != "country"]
                return (people or found)[0].actor_id
        return None

    def add_references(self, refs: list[FrameReference], reps: list[str]) -> None:
        """'the two sides', 'the warring parties': mentions of both of the article's sides."""
        if len(reps) != 2:
            return
        for r in refs:
            span = self.doc.char_span(r.start, r.end, alignment_mode="expand")
            if span is None:
                continue
            m = ResolvedMention(actor_id=reps[0], text=r.text, start=r.start, end=r.end, method="frame", plural_of=reps)
            for t in span:
                self.by_token[t.i] = m

    def country_of(self, actor_id: str | None) -> str | None:
        return self.countries.get(actor_id or "", actor_id)

    def plural_of(self, tok: Token) -> list[str]:
        m = self.by_token.get(tok.i)
        return list(m.plural_of) if m is not None else []

    def subject_actor(self, tok: Token | None) -> str | None:
        """A subject's actor, looking into 'fighters from JNIM', 'a spokesman for the Houthis'."""
        found = self.actor_of(tok)
        if found is not None or tok is None:
            return found
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "for")):
            for pobj in (o for o in prep.children if o.dep_ == "pobj"):
                found = self.actor_of(pobj)
                if found is not None:
                    return found
        return None

    def conj_actor(self, tok: Token | None) -> str | None:
        """The other conjunct's actor: 'Israel and Hamas', or inside 'the ministers of Congo and Rwanda'."""
        if tok is None:
            return None
        own = self.actor_of(tok)
        for c in tok.conjuncts:
            a = self.actor_of(c)
            if a:
                return a
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (o for o in prep.children if o.dep_ == "pobj"):
                for c in pobj.conjuncts:
                    a = self.actor_of(c)
                    if a and a != own:
                        return a
        return None


# Nouns that are their possessor's own body: "Israel's army", "his country" (the speaker's state).
_OWNED_BODIES = {
    "government",
    "cabinet",
    "administration",
    "army",
    "forces",
    "military",
    "country",
    "nation",
    "state",
    "people",
    # "its jets were striking", "their fighters seized": a force's own arms and men act for it
    "jet",
    "jets",
    "warplane",
    "warplanes",
    "aircraft",
    "plane",
    "planes",
    "drone",
    "drones",
    "troops",
    "soldiers",
    "fighters",
    "navy",
    "tanks",
    "artillery",
    "units",
    "gunmen",
    "militants",
    "men",
    "forces'",
    "ships",
    "vessels",
    "delegation",
    "negotiators",
    "envoy",
    "spokesman",
    "spokesperson",
    "leaders",
    "leader",
    "officials",
}
_SAYING = {"say", "tell", "state", "announce", "add", "claim", "report", "write"}
_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"}


_PLACE_PREPS = {"in", "at", "near", "inside", "across", "around", "throughout", "within", "outside"}


def _placed(t: Token, top: Token) -> bool:
    """Is ``t`` inside a phrase of place below ``top`` ('a ceasefire in eastern Congo')?"""
    cur = t
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ == "pobj" and cur.head.lower_ in _PLACE_PREPS:
            return True
        cur = cur.head
    return False


def _sponsor(t: Token) -> bool:
    """'a Russian-proposed ceasefire', 'the US-brokered truce': who proposed it, not who it is aimed at."""
    doc = t.doc
    return t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].tag_ in ("VBN", "VBD")


def phrase(tok: Token) -> list[Token]:
    """A noun phrase's own words: its subtree without the clauses hung on it ("Kyiv, which ...")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in _CLAUSES and c.dep_ != "punct":
            out.extend(phrase(c))
    return sorted(out, key=lambda t: t.i)


_LABOUR = {
    "hunger",
    "general",
    "labour",
    "labor",
    "worker",
    "union",
    "teacher",
    "doctor",
    "nurse",
    "miner",
    "nationwide",
    "national",
    "indefinite",
    "open-ended",
    "day",
    "week",
    "sit-down",
    "transport",
    "rail",
}


def labour_strike(tok: Token) -> bool:
    """'a four-day strike', 'workers went on strike', 'called off the strike': a walk-out, not an attack."""
    mods = {t.lemma_.lower() for t in tok.subtree if t.i < tok.i}
    if mods & _LABOUR or any(m.endswith("-day") or m.endswith("-hour") for m in mods):
        return True
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "on":  # "on strike"
        return True
    sent = {t.lemma_.lower() for t in sent_of(tok)}
    labour = sent & {"worker", "union", "employee", "teacher", "wage", "pay"}
    return bool(labour) and not (sent & {"missile", "air", "drone", "military", "army"})


_LEMMA_FIXES = {"stag": "stage", "shel": "shell"}


def lemma_of(tok: Token) -> str:
    """The lemma, mended where the small model's lemmatiser is wrong ('staged' -> 'stag')."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and tok.lower_.endswith(("ed", "es", "ing")) and lemma in _LEMMA_FIXES:
        return _LEMMA_FIXES[lemma]
    return lemma


def child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def prep_objects(tok: Token, preps: tuple[str, ...] = TARGET_PREPS) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            out.extend(o for o in c.children if o.dep_ == "pobj")
    return out


_RELATIVES = {"which", "who", "that", "whom"}


def subject(verb: Token) -> tuple[Token | None, bool]:
    """Subject of a verb, following control and coordination; (token, passive)."""
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for") and verb.head.head.pos_ == "VERB":
        obj = child(verb.head.head, "dobj")
        if obj is not None and child(verb, "nsubj") is None:
            return obj, False  # "accused the army of bombing": the army bombed
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and child(verb, "nsubj") is None:
        # "..., the health ministry said, blaming Israeli fire": the participle is the sayer's
        left = verb.i - 1
        while left > 0 and verb.doc[left].is_punct:
            left -= 1
        said = verb.doc[left]
        if said.lemma_.lower() in _SAYING and child(said, "nsubj") is not None:
            return child(said, "nsubj"), False
    if verb.dep_ in ("conj", "advcl") and child(verb, "nsubj", "nsubjpass") is None:
        # "Hamas freed hostages and Israel released prisoners", parsed with "Israel" hanging elsewhere:
        # a name right after the conjunction is the second verb's subject
        left = verb.i - 1
        while left > verb.head.i and verb.doc[left].pos_ in ("ADV", "AUX", "PART"):
            left -= 1
        tok = verb.doc[left]
        if left > verb.head.i and tok.pos_ == "PROPN" and verb.doc[left - 1].lower_ in ("and", ",", "but", "while"):
            return tok, False
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and child(verb, "nsubj") is None and verb.head.pos_ == "PROPN":
        return verb.head, False  # "Egypt, which brokered the truce, called on ...": a finite verb parsed as a modifier
    cur: Token | None = verb
    if (
        verb.dep_ == "conj"
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and child(verb, "nsubj", "nsubjpass") is None
        and verb.head.dep_ in ("relcl", "acl")
        and verb.head.tag_ == "VBN"
    ):
        # "Zelenskiy posted photos of the freed men, several wrapped in flags, and thanked the UAE": a
        # finite verb the parse hangs on a participle modifier goes with the clause that modifier is in
        main = (a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ not in ("relcl", "acl"))
        cur = next(main, verb)
    elif (
        verb.dep_ == "conj"
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and child(verb, "nsubj", "nsubjpass", "auxpass") is None
        and verb.head.dep_ == "ccomp"
        and child(verb.head, "nsubjpass") is not None
        and child(verb.head.head, "nsubj") is not None
    ):
        # "the group said a pause had been agreed and thanked Egypt": an active finite verb the parse hangs on the
        # passive clause of what was said goes with the sayer (what was agreed thanks no one)
        cur = verb.head.head
    seen = 0
    while cur is not None and seen < 6:
        subj = child(cur, "nsubj")
        if subj is not None and subj.lower_ in _RELATIVES and cur.dep_ == "relcl":
            return cur.head, False  # "Egypt, which brokered the ceasefire": the antecedent acts
        if subj is not None:
            return subj, False
        subjpass = child(cur, "nsubjpass")
        if subjpass is not None:
            return subjpass, True
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head  # "resumed operations after accusing the group": who resumed, accused
        elif cur.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "ccomp") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ == "ADJ" and cur.dep_ == "acomp" and cur.head.pos_ in ("VERB", "AUX"):
                cur = cur.head  # "he is ready to meet Putin": through the adjective to "is"
            if cur.pos_ not in ("VERB", "AUX"):
                return None, False
        else:
            break
        seen += 1
    return None, False
