"""Agreements stage: ceasefires and other agreements as records of their own."""

from truceline.agreements.extract import extract_agreements

__all__ = ["extract_agreements"]
