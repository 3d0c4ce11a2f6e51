"""Statements: quoted and reported speech with its speaker, span, sentence and the events it asserts."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from truceline.actors import resolve
from truceline.errors import DataFileError
from truceline.models import Event, Statement
from truceline.statements import extract_statements, load_vocabulary

PUBLISHED = dt.date(2025, 3, 19)
ARTICLE = "art-test"


def code(pipe, text: str, **kwargs) -> tuple[list[Statement], list[Event], str]:
    """Run the stages before statements exactly as ``Pipeline.extract_article`` does, then statements."""
    doc = pipe.nlp(text)
    res = resolve(doc, pipe.registry, PUBLISHED)
    events = pipe.coder.code(doc, res, ARTICLE, PUBLISHED)
    statements = extract_statements(doc, res, events, ARTICLE, **kwargs)
    for st in statements:  # every statement points at its own text
        assert doc.text[st.start : st.end] == st.quote
    return statements, events, doc.text


def only(statements: list[Statement]) -> Statement:
    assert len(statements) == 1, statements
    return statements[0]


def test_quote_before_said_is_direct_with_named_speaker(pipe):
    text = '"Our air defences shot down eleven drones over Odesa," Ukrainian President Volodymyr Zelensky said.'
    st = only(code(pipe, text)[0])
    assert (st.kind, st.rule, st.verb) == ("direct", "statement:direct-after", "say")
    assert st.quote == "Our air defences shot down eleven drones over Odesa"  # inside the marks, comma trimmed
    assert st.speaker == "volodymyr-zelensky"
    assert st.speaker_text == "Ukrainian President Volodymyr Zelensky"
    assert st.sentence == text and st.article_id == ARTICLE


def test_curly_quote_with_inverted_said_keeps_the_speaker_phrase(pipe):
    st = only(code(pipe, "“The corridor will stay open for another 48 hours,” said a United Nations spokesman.")[0])
    assert (st.kind, st.rule) == ("direct", "statement:direct-after")
    assert st.quote == "The corridor will stay open for another 48 hours"
    assert st.speaker_text == "a United Nations spokesman"
    assert st.speaker == "un"


def test_quote_after_colon_links_the_event_it_asserts(pipe):
    text = 'Ukraine\'s general staff said in a statement: "Russian forces shelled Kharkiv overnight."'
    statements, events, _ = code(pipe, text)
    st = only(statements)
    assert (st.kind, st.rule) == ("direct", "statement:direct-before")
    assert st.quote == "Russian forces shelled Kharkiv overnight."
    shelling = next(e for e in events if e.trigger == "shelled")
    assert st.events == [shelling.id]
    assert st.speaker == "UKR-MIL"


def test_quote_across_two_sentences_is_one_statement(pipe):
    text = (
        "“We have met every condition. Now it is Hamas that must release the hostages,” "
        "Israeli Prime Minister Benjamin Netanyahu said in a televised address."
    )
    st = only(code(pipe, text)[0])
    assert st.quote == "We have met every condition. Now it is Hamas that must release the hostages"
    assert st.sentence == text  # both sentences the quote spans
    assert st.speaker == "benjamin-netanyahu"


def test_quote_on_the_line_after_a_colon_is_attributed(pipe):
    text = (
        "The Qatari mediator said:\n"
        "“Both parties have accepted the first phase. The exchange of prisoners will begin on Sunday.”"
    )
    st = only(code(pipe, text)[0])
    assert (st.kind, st.rule, st.speaker_text) == ("direct", "statement:direct-before", "The Qatari mediator")
    assert st.quote.startswith("Both parties") and st.quote.endswith("on Sunday.")


def test_quoted_sentence_after_an_attributed_one_continues_it(pipe):
    text = (
        "“Nobody wants this war to go on,” the Colombian president told a news conference. "
        "“But the ELN must stop the kidnappings.”"
    )
    first, second = code(pipe, text)[0]
    assert second.rule == "statement:direct-continued"
    assert second.quote == "But the ELN must stop the kidnappings."
    assert (second.speaker, second.verb) == (first.speaker, first.verb) == (first.speaker, "tell")


def test_said_that_clause_is_reported_speech_without_that(pipe):
    text = "A Sudanese army spokesman said that the Rapid Support Forces had shelled a displacement camp near Kadugli."
    statements, events, _ = code(pipe, text)
    st = only(statements)
    assert (st.kind, st.rule, st.verb) == ("reported", "statement:reported", "say")
    assert st.quote == "the Rapid Support Forces had shelled a displacement camp near Kadugli"
    assert st.speaker_text == "A Sudanese army spokesman" and st.speaker == "SDN-MIL"
    assert st.events == [e.id for e in events if e.trigger == "shelled"]


def test_clause_before_the_reporting_verb_is_reported_speech(pipe):
    st = only(code(pipe, "Russian forces shelled Kharkiv overnight, the Ukrainian general staff said.")[0])
    assert (st.kind, st.quote) == ("reported", "Russian forces shelled Kharkiv overnight")
    assert st.speaker == "UKR-MIL"


def test_according_to_takes_its_object_as_speaker(pipe):
    text = "According to the Lebanese health ministry, Israeli strikes killed four people in Nabatieh on Friday."
    st = only(code(pipe, text)[0])
    assert (st.rule, st.verb, st.kind) == ("statement:according-to", "according to", "reported")
    assert st.speaker_text == "the Lebanese health ministry" and st.speaker == "LBN-GOV"
    assert st.quote == "Israeli strikes killed four people in Nabatieh on Friday"


def test_according_to_a_clause_without_a_verb_reports_the_phrase(pipe):
    st = only(code(pipe, "Heavy losses on both sides, according to the Ukrainian army.")[0])
    assert (st.rule, st.quote, st.speaker) == ("statement:according-to", "Heavy losses on both sides", "UKR-MIL")


def test_according_to_a_plan_is_no_statement(pipe):
    assert code(pipe, "Russian troops will pull back from the dam according to the agreement.")[0] == []


def test_short_quote_inside_reported_speech_makes_it_mixed(pipe):
    text = 'The Armenian foreign minister said the shelling of border villages was "a blatant breach" of the ceasefire.'
    st = only(code(pipe, text)[0])
    assert (st.kind, st.rule) == ("mixed", "statement:reported")
    assert st.quote == 'the shelling of border villages was "a blatant breach" of the ceasefire'
    assert st.speaker_text == "The Armenian foreign minister"


def test_pronoun_speaker_takes_the_actor_the_actors_stage_resolved(pipe):
    text = (
        "Sudan's army chief Abdel Fattah al-Burhan visited Port Sudan on Monday. "
        "He said the Rapid Support Forces would be defeated."
    )
    st = only(code(pipe, text)[0])
    assert (st.speaker_text, st.speaker) == ("He", "abdel-fattah-al-burhan")
    assert st.sentence == "He said the Rapid Support Forces would be defeated."


def test_unresolved_speaker_keeps_its_words(pipe):
    text = "A local official, speaking on condition of anonymity, said that two bridges had been destroyed."
    st = only(code(pipe, text)[0])
    assert st.speaker is None
    assert st.speaker_text == "A local official"
    assert st.quote == "two bridges had been destroyed"


@pytest.mark.parametrize(
    "text",
    [
        'Israeli troops remained in the so-called "buffer zone" along the border on Tuesday.',
        "Both sides signed the said agreement in Doha.",
        "Did Russia say it would stop striking power plants?",
        "The Houthis claimed responsibility for the attack on the tanker.",
        'Talks on the "Istanbul framework" resume next week.',
    ],
    ids=["scare-quotes", "said-as-adjective", "headline-question", "verb-without-clause", "quoted-name"],
)
def test_no_statement_without_attributed_speech(pipe, text):
    assert code(pipe, text)[0] == []


def test_quote_left_open_ends_at_the_end_of_its_paragraph(pipe):
    text = 'Zelensky said: "We will never give up Kherson\nThe talks resume on Monday.'
    st = only(code(pipe, text)[0])
    assert st.quote == "We will never give up Kherson"
    assert st.speaker == "volodymyr-zelensky"


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", '"', "“”", "«»«", "He said: “", "According to", 'said "', '?"?"', "”closing only” «nested “mess»"],
)
def test_odd_text_never_raises(pipe, text):
    statements, _, _ = code(pipe, text)
    assert all(st.quote.strip() for st in statements)


def test_each_span_yields_one_statement_with_a_stable_id(pipe):
    text = (
        '"The ceasefire is holding," Kremlin spokesman Dmitry Peskov said. '
        "He added that Moscow had not received any proposal from Kyiv."
    )
    statements, _, _ = code(pipe, text)
    assert [st.kind for st in statements] == ["direct", "reported"]
    assert len({(st.start, st.end) for st in statements}) == len(statements)
    for st in statements:
        assert st.id == "st-" + hashlib.sha1(f"{ARTICLE}:{st.start}:{st.end}".encode()).hexdigest()[:12]  # noqa: S324
        assert st.speaker == "dmitry-peskov"
    assert code(pipe, text)[0] == statements  # the same text gives the same records


def test_user_vocabulary_adds_a_reporting_verb(pipe, tmp_path):
    text = "The envoy whispered that the talks had collapsed."
    assert code(pipe, text)[0] == []
    extra = tmp_path / "verbs.yaml"
    extra.write_text("version: 1\nverbs: [whisper]\n", encoding="utf-8")
    st = only(code(pipe, text, vocab=load_vocabulary(extra))[0])
    assert (st.verb, st.quote) == ("whisper", "the talks had collapsed")


def test_malformed_vocabulary_names_the_file(tmp_path):
    bad = tmp_path / "verbs.yaml"
    bad.write_text("verbs: say\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"verbs\.yaml"):
        load_vocabulary(bad)


def test_seed_statements_point_at_their_text(pipe, seed_text):
    statements, events, text = code(pipe, seed_text)
    assert len(statements) >= 3
    event_ids = {e.id for e in events}
    for st in statements:
        assert st.quote.strip() and text[st.start : st.end] == st.quote
        assert st.quote in st.sentence or st.sentence in text
        assert st.kind in ("direct", "reported", "mixed") and st.rule.startswith("statement:")
        assert set(st.events) <= event_ids
    assert len({st.id for st in statements}) == len(statements)
    assert {st.kind for st in statements} >= {"direct", "reported"}
