"""Reading articles: encodings, bad input, stable ids."""

import pytest

from truceline.errors import InputError
from truceline.sources import article_from_text, article_id, read_article

TEXT = "Ukraine's president met the mediator in Genève on Tuesday. “Progress,” he said."


def test_utf8_file_reads_without_warning(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    art = read_article(p)
    assert art.text == TEXT
    assert art.encoding == "utf-8"
    assert not [w for w in art.warnings if w.code == "encoding_guessed"]


def test_latin1_file_is_read_with_a_recorded_guess(tmp_path):
    p = tmp_path / "a.txt"
    text = "Le président a rencontré le médiateur à Genève après les frappes sur la centrale électrique."
    p.write_bytes(text.encode("latin-1"))
    art = read_article(p)
    assert "président" in art.text and "Genève" in art.text
    assert any(w.code == "encoding_guessed" for w in art.warnings)


def test_utf16_with_bom_is_read_exactly(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode("utf-16"))
    art = read_article(p)
    assert art.text == TEXT
    assert art.encoding == "utf-16"


@pytest.mark.parametrize(
    "content, message",
    [(b"", "is empty"), (b"   \n\t ", "is empty"), (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "binary")],
)
def test_empty_and_binary_files_are_refused(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_article(p)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_id_is_a_stable_hash_of_the_normalised_text():
    assert article_id("Hello  world\n") == article_id("hello world")
    assert article_id("Hello world") != article_id("Hello there")
    assert len(article_id("x")) == 16


def test_missing_publication_date_is_a_recorded_warning():
    art = article_from_text("Russian troops attacked Kharkiv.")
    assert art.published is None
    assert any(w.code == "no_publication_date" for w in art.warnings)


def test_crlf_is_normalised_so_offsets_are_stable():
    art = article_from_text("Line one.\r\nLine two.")
    assert art.text == "Line one.\nLine two."
