"""Statements stage: quoted and reported speech as records (speaker, quote, span, asserted events)."""

from truceline.statements.extract import extract_statements
from truceline.statements.vocabulary import StatementVocabulary, load_vocabulary

__all__ = ["StatementVocabulary", "extract_statements", "load_vocabulary"]
