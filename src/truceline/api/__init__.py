"""Serve: a REST API (FastAPI, truceline/1 models) and a dashboard over the store."""

from truceline.api.app import create_app

__all__ = ["create_app"]
