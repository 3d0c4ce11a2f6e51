"""Shared fixtures: one pipeline per test session, the seed, and stores on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed.txt"
SHARED = ROOT.parent / "shared"
SEED_DATE = dt.date(2025, 3, 19)


@pytest.fixture(scope="session")
def pipe():
    from truceline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_record(pipe, seed_text):
    return pipe.extract(seed_text, published=SEED_DATE, source="seed.txt")


def pg_url() -> str | None:
    url = os.environ.get("TRUCELINE_TEST_PG")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL: TRUCELINE_TEST_PG is not set (see scripts/test-postgres)")
        pytest.skip("TRUCELINE_TEST_PG not set: PostgreSQL tests skipped (run `make test` as root to start one)")
    return url


def fresh_pg_database(url: str) -> str:
    """A new empty database on the test server, so each test starts clean."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    base = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return fresh_pg_database(pg_url())
