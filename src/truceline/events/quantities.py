"""Numbers with what happened to what they count: '175 prisoners', 'killed hundreds of people',
'more than 3,700 drones', 'a seven-day ceasefire'.

A number's unit is read from the parse, not from the noun alone: "killed hundreds of people" is a
toll (``killed``, at least 100), "freed 215 people" a count of ``prisoners``, "a two-month truce" 60
``days``. Vague words follow ACLED's rules (several 10, dozens 12, scores 20, hundreds 100, ...) and
are lower bounds, as are "more than" and "at least"; "nearly" and "an estimated" are approximate.
Ratios ("one in three"), percentages, ages, dates, ranks and counts of meetings are not counts. The
vocabulary is ``data/events/quantities.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from truceline.events.captives import held_as_hostages
from truceline.models import Quantity
from truceline.nlp.index import ent_of, memo
from truceline.vocab import clean, data_path, load_yaml

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "dozen": 12,
    "half": 0.5,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "dozen": 12}
UNITS = (
    "killed",
    "wounded",
    "casualties",
    "prisoners",
    "hostages",
    "displaced",
    "troops",
    "drones",
    "missiles",
    "days",
    "aid",
    "money",
    "other",
)
PEOPLE_UNITS = {"killed", "wounded", "casualties", "prisoners", "hostages", "displaced"}


@dataclass(frozen=True)
class CountWords:
    nouns: dict[str, str]
    durations: dict[str, float]
    governors: dict[str, str]
    truce_nouns: frozenset[str]
    truce_verbs: frozenset[str]
    vague: dict[str, float]
    lower: frozenset[str]
    approx: frozenset[str]
    not_counted: frozenset[str]
    membership: frozenset[str] = frozenset()
    captivity: frozenset[str] = frozenset()
    captive_moves: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def count_words(path: str | None = None) -> CountWords:
    d = clean(load_yaml(path or data_path("events", "quantities.yaml")))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in d.get(key) or [])

    return CountWords(
        nouns={str(k).lower(): str(v) for k, v in (d.get("nouns") or {}).items()},
        durations={str(k).lower(): float(v) for k, v in (d.get("durations") or {}).items()},
        governors={str(k).lower(): str(v) for k, v in (d.get("governors") or {}).items()},
        truce_nouns=words("truce_nouns"),
        truce_verbs=words("truce_verbs"),
        vague={str(k).lower(): float(v) for k, v in (d.get("vague") or {}).items()},
        lower=words("lower_words"),
        approx=words("approx_words"),
        not_counted=words("not_counted"),
        membership=words("membership_verbs"),
        captivity=words("captivity_nouns"),
        captive_moves=words("captive_moves"),
    )


def number_value(text: str) -> tuple[float, bool] | None:
    """Value of a number phrase and whether it is vague (a lower bound): '1.1 million', 'two hundred',
    'hundreds of thousands'."""
    t = text.lower().replace(",", "").replace("-", " ").strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion)?", t)
    if m:
        return float(m.group(1)) * _SCALES.get(m.group(2) or "", 1), False
    vague_words = count_words().vague
    words = [w for w in t.split() if w not in ("and", "of")]
    if words and all(w in vague_words for w in words):
        value = 1.0
        for w in words:
            value *= vague_words[w]  # "hundreds of thousands" = 100 * 1000 (ACLED)
        return value, True
    total, current = 0.0, 0.0
    for w in words:
        if w in _SCALES and w not in ("hundred", "dozen"):
            total += (current or 1) * _SCALES[w]
            current = 0.0
        elif w in ("hundred", "dozen"):
            current = (current or 1) * _SCALES[w]  # "two hundred", "two dozen"
        elif w in _WORDS:
            current += _WORDS[w]
        elif re.fullmatch(r"\d+(?:\.\d+)?", w):
            current += float(w)
        else:
            return None
    total += current
    return (total, False) if total else None


@lru_cache(maxsize=1)
def _numeric_words() -> frozenset[str]:
    return frozenset(_WORDS) | frozenset(count_words().vague) | {"number"}


def _is_number(tok: Token) -> bool:
    low = tok.lower_.replace(",", "")
    return (
        tok.like_num
        or low in _WORDS
        or low in count_words().vague
        or bool(re.fullmatch(r"\d+(?:\.\d+)?", low))
        or _a_number_of(tok)
    )


def _a_number_of(tok: Token) -> bool:
    """'a number of people': ACLED's vague 10."""
    return (
        tok.lower_ == "number"
        and any(c.dep_ == "det" and c.lower_ == "a" for c in tok.children)
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    )


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _governor(np: Token, cw: CountWords, depth: int = 0) -> str | None:
    """What happened to the people a noun phrase counts: the verb or noun it depends on, or a state
    said of it ('left 22 people dead', 'the death of 33 Palestinians', 'killing and wounding scores')."""
    found: list[str] = []
    for n in (np, *np.conjuncts):  # "12 people killed", "150 Ukrainians and 160 Russians freed"
        for c in n.children:
            if c.dep_ in ("acl", "amod", "relcl") and _lemma(c) in cw.governors:
                found.append(cw.governors[_lemma(c)])
        if _from_captivity(n, cw):
            found.append("prisoners")  # "200 soldiers from Russian captivity"
    cur, hops = np, 0
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head  # a conjunct stands where the first one stands
    while not found and hops < 3 and cur.head.i != cur.i:
        head = cur.head
        hops += 1
        if cur.dep_ == "pobj" and head.dep_ == "prep":
            cur = head
            continue
        if _lemma(head) in cw.governors and cur.dep_ in ("nsubjpass", "dobj", "nsubj", "prep", "attr", "oprd", "appos"):
            found.append(cw.governors[_lemma(head)])
            for conj in head.conjuncts:  # "killing and injuring dozens of villagers": casualties (a shared object)
                own = any(c.dep_ in ("dobj", "nsubjpass") for c in conj.children) or (
                    conj.i > head.i and any(c.dep_ == "nsubj" for c in conj.children)  # "... and dozens more hurt"
                )
                if _lemma(conj) in cw.governors and not own:
                    found.append(cw.governors[_lemma(conj)])
        if head.pos_ in ("VERB", "AUX"):
            for c in head.children:  # "left 22 people dead", "were killed and 90 injured"
                if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl") and _lemma(c) in cw.governors and c.i > np.i:
                    found.append(cw.governors[_lemma(c)])
            break
        if head.pos_ not in ("NOUN", "PROPN") or cur.dep_ not in ("prep", "compound", "nmod", "appos"):
            break
        cur = head
    if not found:
        found = _clause_governor(np, cw, depth)
    if not found:
        return None
    kinds = set(found)
    if {"killed", "wounded"} <= kinds:
        return "casualties"
    return found[0]


def _clause_governor(np: Token, cw: CountWords, depth: int = 0) -> list[str]:
    """What the clause of a count says happened when no word governs it directly: 'among those released
    were seven defenders', 'more than 220 were taken hostage', 'forced many more from their homes'."""
    verb = np
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    kids = list(verb.children)
    if _lemma(verb) in ("take", "hold", "keep") and any(_lemma(c) in ("hostage", "captive") for c in kids):
        return ["hostages" if any(_lemma(c) == "hostage" for c in kids) else "prisoners"]
    if _lemma(verb) in ("force", "drive", "push", "chase") and any(
        c.dep_ == "prep" and c.lower_ == "from" and any(_lemma(o) in ("home", "house", "village") for o in c.subtree)
        for c in kids
    ):
        return ["displaced"]
    if (
        _lemma(verb) in cw.captive_moves
        and np.dep_ == "nsubjpass"
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in kids)
    ):
        return ["prisoners"]  # "five commanders were taken to Turkey": people moved by others, captives
    if _lemma(verb) in cw.membership and depth < 2:
        return _whole_unit(np, verb, cw, depth)  # "the prisoners ... comprised five British nationals"
    if _from_captivity(verb, cw):
        return ["prisoners"]  # "brought 200 soldiers back from captivity"
    if _lemma(verb) == "be" and any(c.dep_ == "nsubj" and c.lower_ == "what" for c in kids):
        # "killed what medics said were at least 30 people": the verb whose object the free relative is
        cur = verb
        for _ in range(3):
            if cur.dep_ not in ("ccomp", "xcomp", "dobj") or cur.head.i == cur.i:
                break
            cur = cur.head
            if _lemma(cur) in cw.governors:
                return [cw.governors[_lemma(cur)]]
    if _lemma(verb) == "be":  # "among those released were seven defenders"
        inside = {t.i for t in np.subtree}
        return [cw.governors[_lemma(t)] for t in verb.subtree if t.i not in inside and _lemma(t) in cw.governors][:1]
    return []


def _from_captivity(tok: Token, cw: CountWords) -> bool:
    """'(back) from captivity', 'from prison': where freed people come from."""
    return any(
        c.dep_ == "prep" and c.lower_ == "from" and any(_lemma(o) in cw.captivity for o in c.children)
        for c in tok.children
    )


def _whole_unit(np: Token, verb: Token, cw: CountWords, depth: int) -> list[str]:
    """The people a membership verb puts a count among: its subject ("the prisoners freed comprised five
    nationals") or the group it is included in ("six civilians were included in the released group")."""
    inside = {t.i for t in np.subtree}
    wholes = [c for c in verb.children if c.dep_ == "nsubj" and c.i not in inside]
    wholes += [
        o
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("in", "among")
        for o in c.children
        if o.dep_ == "pobj" and o.i not in inside
    ]
    for whole in wholes:
        unit = cw.nouns.get(_lemma(whole))
        if unit in PEOPLE_UNITS:
            return [unit]
        told = _governor(whole, cw, depth + 1)
        if told in PEOPLE_UNITS:
            return [told]
    return []


_LEVELS = {"number", "level", "figure", "count", "total", "toll", "tally", "strength"}


def _level_unit(num: Token, cw: CountWords) -> str | None:
    """A number a level is said to reach: 'the death toll rose to 33', 'troop numbers will fall to
    4,500', 'the number of refugees climbed to 2 million'."""
    if num.dep_ != "pobj" or num.head.lower_ not in ("to", "from", "at") or num.head.head.pos_ != "VERB":
        return None
    subj = next((c for c in num.head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in _LEVELS:
        return None
    kinds = [c for c in subj.children if c.dep_ in ("compound", "amod", "nmod")]
    kinds += [o for p in subj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    for k in kinds:
        unit = cw.nouns.get(k.lemma_.lower()) or cw.governors.get(k.lemma_.lower())
        if unit and unit != "people":
            return unit
    return "killed" if subj.lemma_.lower() == "toll" else None


def _truce_context(tok: Token, cw: CountWords) -> bool:
    """Whether a length measures a truce: 'a seven-day ceasefire', 'extend the truce by two days',
    'shall stay in force for ten days', 'the truce, which was meant to run three weeks', 'fighters
    must leave within three months' under an agreement -- never 'three months of talks on a truce'."""
    if tok.head.lower_ in ("within", "by") and any(_lemma(t) in cw.truce_nouns for t in tok.sent):
        return True  # a deadline the agreement sets
    # "set to last two months", parsed with "last" as an adjective of the time noun: the length still runs
    runs = any(c.dep_ == "amod" and c.lower_ in cw.truce_verbs for c in tok.children)
    for a in list(tok.ancestors)[:4]:
        if _lemma(a) in cw.truce_nouns or a.lower_ in cw.truce_nouns:
            return True
        if a.pos_ in ("VERB", "AUX") or a.lower_ in cw.truce_verbs:
            if _lemma(a) not in cw.truce_verbs and a.lower_ not in cw.truce_verbs and not runs:
                return False
            cur = a
            for _ in range(4):  # the verb's own subject or object, or the noun its clause is about
                if any(c.dep_ in _ARGS and _names_truce(c, cw) for c in cur.children):
                    return True
                if cur.dep_ in ("relcl", "acl") and (_names_truce(cur.head, cw) or _names_truce(_antecedent(cur), cw)):
                    return True
                if cur.dep_ not in ("xcomp", "conj", "relcl", "ccomp", "acl", "advcl") or cur.head.i == cur.i:
                    return False
                cur = cur.head
            return False
    return False


_ARGS = ("nsubj", "nsubjpass", "dobj", "attr")


def _antecedent(clause: Token) -> Token:
    """The noun just before a relative clause's 'which' ('the plan to prolong the pause -- which was meant
    to run for two months': the pause), whatever noun the parser hung the clause on."""
    rel = next((c for c in clause.children if c.lower_ in ("which", "that") and c.i < clause.i), None)
    i = rel.i - 1 if rel is not None else -1
    while i >= clause.sent.start and clause.doc[i].is_punct:
        i -= 1
    return clause.doc[i] if rel is not None and i >= clause.sent.start else clause.head


_OFFSET_WORDS = {"after", "before", "since", "until", "into", "ago", "later", "earlier"}


def _offset(noun: Token) -> bool:
    """'three days after the truce began', 'two weeks into the truce', 'a week ago': a time from a moment,
    not how long something runs."""
    if noun.dep_ == "npadvmod" and (
        noun.head.lower_ in _OFFSET_WORDS
        or any(c.dep_ == "mark" and c.lower_ in _OFFSET_WORDS for c in noun.head.children)
    ):
        return True
    nxt = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    return nxt is not None and nxt.lower_ in _OFFSET_WORDS and not (noun.dep_ == "pobj" and noun.head.lower_ == "for")


def _one_unit_lengths(sent: Span, cw: CountWords, used: set[int]) -> list[tuple[Token, Quantity]]:
    """Truce lengths told with an article, not a number: 'extended for a month', 'renewed to half a year',
    'a year-long truce'. Half a year is six months (180 days, a month being 30)."""
    out: list[tuple[Token, Quantity]] = []
    for noun in sent:
        days = _duration(noun, cw) if noun.tag_ == "NN" else None
        if days is None or noun.i in used or any(c.dep_ in ("nummod", "quantmod") for c in noun.children):
            continue
        det = next((c for c in noun.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
        hyphened = noun.dep_ == "npadvmod" and noun.head.lower_ == "long" and noun.head.dep_ == "amod"
        if det is None and not hyphened:
            continue
        half = next((c for c in noun.children if c.dep_ in ("predet", "quantmod", "amod") and c.lower_ == "half"), None)
        if half is not None:
            days = 180.0 if _lemma(noun) == "year" else days / 2
        # "a year-long truce": the noun the length describes names the truce
        truce = _names_truce(noun.head.head, cw) if hyphened else _truce_context(noun, cw)
        if _offset(noun) or not truce:
            continue
        first = min(t.i for t in (noun, det, half) if t is not None)
        last = noun.head.i if hyphened else noun.i
        span = sent.doc[first : last + 1]
        out.append((noun, Quantity(value=days, unit="days", text=span.text)))
    return out


def _names_truce(tok: Token, cw: CountWords) -> bool:
    """A truce noun, or 'it'/'which' standing for the truce a clause is about."""
    return _lemma(tok) in cw.truce_nouns or any(
        c.dep_ in ("compound", "amod") and _lemma(c) in cw.truce_nouns for c in tok.children
    )


def _duration(noun: Token | None, cw: CountWords) -> float | None:
    """Days in one of the counted time nouns ('seven-day', 'two months', '36 hours')."""
    if noun is None:
        return None
    lemma = _lemma(noun).rstrip("s") if noun.lower_.endswith("s") else _lemma(noun)
    return cw.durations.get(lemma) or cw.durations.get(_lemma(noun))


_CURRENCY = re.compile(
    r"[$€£¥₽₴]|\b(?:dollars?|euros?|pounds?|usd|eur|gbp|yuan|renminbi|roubles?|rubles?|riyals?|dinars?|"
    r"dirhams?|shekels?|rupees?|hryvnias?|francs?|yen|lira)\b",
    re.IGNORECASE,
)


def _skip(tok: Token, sent: Span) -> bool:
    """Numbers that are no count: a ratio, a percentage, an age, a rank, a year, part of a bigger number."""
    ent = ent_of(tok)
    if ent is not None and ent.label_ in ("PERCENT", "ORDINAL"):
        return True
    if ent is not None and ent.label_ == "MONEY" and _CURRENCY.search(ent.text):
        return True  # (the tagger calls a bare "more than 2 million" money too: only a currency makes it so)
    if tok.dep_ in ("compound", "nummod", "quantmod") and tok.head.i != tok.i and _is_number(tok.head):
        return True  # part of a bigger number: "1" of "1 million", "hundreds" of "hundreds of thousands"
    nxt = tok.nbor(1) if tok.i + 1 < sent.end else None
    if (
        nxt is not None
        and nxt.lower_ in ("percent", "%", "per", "in")
        and tok.i + 2 < sent.end
        and (nxt.lower_ != "in" or _is_number(tok.nbor(2)))
    ):
        return True  # "one in three people", "20 percent"
    if tok.head.lower_ == "in" and tok.head.head.i != tok.i and _is_number(tok.head.head):
        return True  # the "three" of "one in three"
    if tok.dep_ in ("nummod", "appos", "npadvmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.i > tok.head.i:
        return True  # a label, not a count: "Article 5", "Resolution 2334", "Route 60"
    after = " ".join(t.lower_ for t in sent.doc[tok.i : min(tok.i + 5, sent.end)])  # (not Doc.text: rebuilt per access)
    after = after.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    if re.match(r"[\w,.]+[- ]years?[- ]old", after) or tok.head.lower_ in ("aged", "age"):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", tok.text) and (ent is None or ent.label_ == "DATE"):
        return True
    return False


def quantities_in(sent: Span) -> list[tuple[Token, Quantity]]:
    """All quantities in a sentence, each with its number token (read once per sentence; callers copy
    a Quantity before changing it)."""
    counted = memo(sent.doc).setdefault("quantities", {})
    key = (sent.start, sent.end)
    if key not in counted:
        counted[key] = _quantities_in(sent)
    return list(counted[key])


def _quantities_in(sent: Span) -> list[tuple[Token, Quantity]]:
    cw = count_words()
    out: list[tuple[Token, Quantity]] = []
    used: set[int] = set()
    sent_text = sent.text
    numeric = _numeric_words()
    for tok in sent:
        if not (tok.like_num or tok.lower_ in numeric) or tok.i in used or not _is_number(tok) or _skip(tok, sent):
            continue
        # the number phrase: "1.1 million", "two hundred", "hundreds of thousands"
        low_end = _range_low(tok)  # "20 to 30 civilians", "20-30 people"
        high_end = _range_high(tok)  # "between 20 and 30 people"
        if high_end is not None:
            used.add(high_end.i)
        phrase = [
            t
            for t in tok.lefts
            if t.dep_ in ("compound", "nummod", "quantmod") and _is_number(t) and (low_end is None or t.i != low_end.i)
        ] + [tok]
        phrase += [t for t in tok.rights if t.dep_ in ("compound", "nummod", "quantmod") and t.lower_ in _SCALES]
        of_num = next(
            (
                o
                for p in tok.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj" and o.lower_ in cw.vague
            ),
            None,
        )
        if tok.lower_ in cw.vague and of_num is not None:
            phrase_text = f"{tok.lower_} of {of_num.lower_}"  # "hundreds of thousands"
            used.add(of_num.i)
            counted_from = of_num
        else:
            phrase_text = " ".join(t.text for t in phrase)
            counted_from = tok
        value = (count_words().vague.get("a number of", 10.0), True) if _a_number_of(tok) else number_value(phrase_text)
        if value is None:
            continue
        # the noun counted: "175 prisoners", "dozens of hostages", or the number itself ("freed 215")
        noun: Token | None = None
        if tok.dep_ in ("nummod", "quantmod", "amod", "compound", "det") and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
        else:
            noun = next(
                (
                    o
                    for p in counted_from.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children
                    if o.dep_ == "pobj"
                ),
                None,
            )
        np = noun if noun is not None else tok
        unit: str | None = None
        level = _level_unit(tok, cw) if noun is None else None  # "the death toll rose to 33"
        days = _duration(noun, cw)
        number = value[0]
        if days is not None:
            if _offset(np) or not _truce_context(np, cw):
                continue  # the length of a war, a blockade or talks: no count (PLACES-COUNTS.md)
            unit, number = "days", round(number * days, 4)
        else:
            lemma = _lemma(noun) if noun is not None else None
            if lemma in cw.not_counted:
                continue
            unit = level or cw.nouns.get(lemma or "")
            if unit is None and noun is not None and (noun.ent_type_ == "NORP" or noun.tag_ == "NNPS"):
                unit = "people"  # "230 Ukrainians", "52 Congolese"
            if unit is None and noun is None and tok.lower_ not in ("one",):
                unit = "people"  # "hundreds have been killed", "freed 215"
            if unit is None and noun is not None and noun.tag_ == "NNS" and _governor(np, cw) in PEOPLE_UNITS:
                unit = "people"  # "killing scores of villagers": a noun the vocabulary lacks, told killed
            if unit is None:
                continue
            if unit in ("people", "troops"):
                via_of = noun is not None and noun.head.dep_ == "prep" and noun.head.head.i == counted_from.i
                happened = _governor(counted_from if via_of else np, cw)  # "four of its soldiers were killed"
                if happened in ("troops",) and unit == "people":
                    happened = None
                if happened is not None:
                    unit = happened
                elif unit == "people":
                    continue  # people of whom nothing is said: no toll, no captives
            if unit in ("prisoners", "troops") and _clause_says_wounded(tok):
                unit = "wounded"  # "23 inmates will be replaced by seriously injured soldiers"
            if unit == "prisoners" and noun is not None and held_as_hostages(noun):
                unit = "hostages"  # "14 Thais were freed by the group", who (the article says) took hostages
        if tok.lower_ == "one" and noun is None:
            continue
        low = high = None
        if low_end is not None or high_end is not None:
            other = number_value((low_end or high_end).text)  # type: ignore[union-attr]
            if other is not None:
                a, b = (other[0], number) if low_end is not None else (number, other[0])
                low, high, number = min(a, b), max(a, b), min(a, b)
        left = [t for t in sent if np.left_edge.i <= t.i < tok.i]
        words = {t.lower_ for t in left} | {t.lower_ for t in tok.children if t.dep_ in ("advmod", "quantmod")}
        lower = value[1] or bool(words & cw.lower)
        approx = not lower and bool(words & cw.approx)
        start = min([t.idx for t in left] + [t.idx for t in phrase])
        end_tok = np if np.i > tok.i else counted_from
        end = end_tok.idx + len(end_tok.text)
        text = sent_text[start - sent.start_char : end - sent.start_char] if end > start else tok.text
        per_side = bool(
            re.search(r"\b(?:respective(?:ly)?|each side|per side|each)\b|\d+[- ]for[- ]\d+", sent.text.lower())
        ) and unit in ("prisoners", "hostages")
        q = Quantity(
            value=number,
            unit=unit,
            text=text,
            lower_bound=lower,
            approx=approx,
            per_side=per_side,
            low=low,
            high=high,
            noun=noun.text if noun is not None else None,
        )
        out.append((tok, q))
    return out + _one_unit_lengths(sent, cw, used)


def _range_low(tok: Token) -> Token | None:
    """The low end of 'X to Y' or 'X-Y' whose high end is ``tok``."""
    for c in tok.lefts:
        if (
            c.dep_ == "quantmod"
            and _is_number(c)
            and any(t.lower_ in ("to", "-", "–") for t in tok.doc[c.i + 1 : tok.i])
        ):
            return c
    return None


def _range_high(tok: Token) -> Token | None:
    """The high end of 'between X and Y' whose low end is ``tok``."""
    if not any(c.lower_ == "between" for c in tok.lefts):
        return None
    return next((c for c in tok.rights if c.dep_ == "conj" and _is_number(c)), None)


def _clause_says_wounded(num: Token) -> bool:
    """Whether the clause of a count of captives says they are wounded."""
    clause = num.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    coordinated = {t.i for c in clause.children if c.dep_ == "conj" for t in c.subtree}
    return any(
        t.lemma_.lower() in ("injured", "wounded", "injure", "wound") for t in clause.subtree if t.i not in coordinated
    )
