"""NLP stage: the spaCy pipeline (loaded once per process) that turns text into a Doc."""

from truceline.nlp.pipeline import MODEL_NAME, MODEL_VERSION, load_nlp, parse

__all__ = ["MODEL_NAME", "MODEL_VERSION", "load_nlp", "parse"]
