"""Truceline: a sourced, structured record of events, actors and agreements from news reports."""

from truceline.models import SCHEMA_VERSION, TrucelineRecord
from truceline.pipeline import Pipeline, extract

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "Pipeline", "TrucelineRecord", "__version__", "extract"]
