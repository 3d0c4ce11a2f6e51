"""The published OpenAPI schema, fuzzed by schemathesis against a live server holding the seed:
no request it generates may get a server error (5xx)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.live_server import live_server

from truceline.api import create_app
from truceline.store import Store

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.txt"


def test_schemathesis_finds_no_server_error(pipe, tmp_path):
    cli = Path(sys.executable).with_name("schemathesis")
    if not cli.exists():
        pytest.skip("schemathesis is not installed (pip install -e '.[dev]')")
    db = f"sqlite:///{tmp_path / 'fuzz.db'}"
    store = Store(db)
    store.add(pipe.extract(SEED.read_text(encoding="utf-8")), SEED.read_text(encoding="utf-8"))
    token = store.create_token("fuzz")
    app = create_app(db)
    app.state.truceline._pipe = pipe
    with live_server(app) as url:
        proc = subprocess.run(
            [
                str(cli),
                "run",
                f"{url}/openapi.json",
                "--checks",
                "not_a_server_error",
                "--max-examples",
                "10",
                "--workers",
                "1",
                "--seed",
                "20261125",
                "-H",
                f"Authorization: Bearer {token}",
            ],
            capture_output=True,
            text=True,
            timeout=900,
            cwd=tmp_path,  # schemathesis keeps a cache folder where it runs
        )
    summary = proc.stdout[-3000:]
    assert proc.returncode == 0, summary
    assert "passed" in summary and "Server error" not in summary
