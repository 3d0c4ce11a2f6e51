"""Who speaks: the subject of a reporting verb (or the object of "according to") and its actor."""

from __future__ import annotations

from spacy.tokens import Token

from truceline.actors import ActorResolution, ResolvedMention

# children that are no part of the speaker as a name: "officials [who visited Kyiv] said"
_CLAUSES = {"relcl", "acl", "advcl", "punct"}
# prepositions whose object still names the speaker: "a spokesman for Hamas", "the head of the army"
_OWNER_PREPS = {"for", "of", "from", "at"}
# how a participle or a second verb borrows its subject: "Saar defended the strike, saying that ..."
_BORROWS = {"conj", "xcomp"}
_MISPARSED = {"compound", "npadvmod", "nmod", "dep"}


def _misparsed_subject(verb: Token) -> Token | None:
    """A name the parser hung before the verb as a compound ("Trump boasted" read as one noun)."""
    for child in verb.lefts:
        if child.dep_ in _MISPARSED and child.pos_ in ("PROPN", "NOUN") and child.i == verb.i - 1:
            return child
    return None


def _issuer(noun: Token) -> Token:
    """Who issued the statement a participle hangs on: "the president issued a statement indicating
    that ..." -> "the president"; otherwise the noun itself ("a statement saying that ...")."""
    if noun.dep_ == "dobj":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    return noun


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker token of a reporting verb.

    Covers "the minister said" (nsubj, before or after the verb), "it was announced by the army"
    (the agent of a passive), "X defended the strike, saying ..." (a participle takes its head's
    subject), "X condemned the raid and said ..." (a conjoined verb takes the first one's), "the
    spokesman, who said ..." (a relative clause takes its noun) and "X issued a statement saying ...".
    """
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if any(child.dep_ == "nsubjpass" for child in verb.children) or depth > 3:
        return None
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return _issuer(verb.head)
    if verb.head.i != verb.i and (verb.dep_ in _BORROWS or (verb.dep_ == "advcl" and verb.tag_ == "VBG")):
        return subject_of(verb.head, depth + 1)
    return _misparsed_subject(verb)


def phrase_tokens(head: Token) -> list[Token]:
    """The speaker's noun phrase without its relative clauses and trailing punctuation."""
    kept: list[Token] = [head]
    for child in head.children:
        if child.dep_ in _CLAUSES:
            continue
        if child.dep_ == "prep" and child.lower_ not in _OWNER_PREPS:
            continue
        kept.extend(child.subtree)
    kept.sort(key=lambda t: t.i)
    while len(kept) > 1 and (kept[-1].is_punct or kept[-1].is_space):
        kept.pop()
    while len(kept) > 1 and (kept[0].is_punct or kept[0].is_space):
        kept.pop(0)
    return kept


def phrase_text(head: Token) -> str:
    """The speaker as written: "an Israeli military spokesman", "Dmitry Peskov, the Kremlin spokesman"."""
    tokens = phrase_tokens(head)
    return head.doc[tokens[0].i : tokens[-1].i + 1].text.strip()


def _covering(mentions: list[ResolvedMention], tok: Token) -> ResolvedMention | None:
    return next((m for m in mentions if m.start <= tok.idx < m.end), None)


def speaker_actor(head: Token, res: ActorResolution) -> str | None:
    """The actor id of a speaker phrase, from the actors stage's resolved mentions.

    In order: a mention covering the head word ("Peskov", a resolved "he"), one covering an
    apposition ("the Kremlin spokesman, Dmitry Peskov"), then the first mention anywhere in the
    phrase ("a Kremlin spokesman", "a spokesman for the Houthis"). A pronoun takes only the first.
    """
    found = _covering(res.mentions, head)
    if found is not None or head.pos_ == "PRON":
        return found.actor_id if found is not None else None
    tokens = phrase_tokens(head)
    for child in head.children:
        if child.dep_ == "appos":
            for tok in child.subtree:
                found = _covering(res.mentions, tok)
                if found is not None:
                    return found.actor_id
    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    inside = [m for m in res.mentions if lo <= m.start and m.end <= hi]
    return min(inside, key=lambda m: m.start).actor_id if inside else None
