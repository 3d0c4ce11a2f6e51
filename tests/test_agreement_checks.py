"""`truceline agreements check`, /api/agreements/checks and the board's warnings: records with suspicious
shapes (our own records and sentences)."""

import datetime as dt
import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from truceline import ledger
from truceline.agreements.checks import check
from truceline.api import create_app
from truceline.cli import app
from truceline.models import Agreement, StatusChange
from truceline.store import Store

runner = CliRunner()


def record(rid, parties, mediators=(), start=None, end=None, kind="ceasefire", day=None):
    timeline = [StatusChange(status="agreed", date=day, sentence="x", start=0, end=1, rule="t")] if day else []
    return Agreement(
        id=rid,
        kind=kind,
        name=rid,
        status="agreed",
        parties=list(parties),
        mediators=list(mediators),
        start_date=start,
        end_date=end,
        start=0,
        end=1,
        timeline=timeline,
    )


def test_each_suspicious_shape_is_found_and_a_sound_record_is_not():
    d = dt.date
    records = [
        record("glued", ["ISR", "hamas", "hezbollah", "QAT"], day=d(2024, 1, 1)),
        record("broker", ["SDN", "rsf", "USA"], mediators=["USA"], day=d(2023, 5, 1)),
        record("backwards", ["IND", "PAK"], start=d(2025, 5, 10), end=d(2025, 5, 1)),
        record("twin-a", ["ARM", "AZE"], day=d(2020, 10, 10)),
        record("twin-b", ["AZE", "ARM"], day=d(2020, 10, 11)),
        record("sound", ["COL", "eln"], day=d(2023, 6, 9)),
        record("later", ["ARM", "AZE"], day=d(2020, 11, 10)),
    ]
    found = {(f.agreement, f.code) for f in check(records, {"hamas": "PSE", "hezbollah": "LBN", "rsf": "SDN"}.get)}
    assert ("glued", "many_parties") in found
    assert ("broker", "mediator_is_party") in found and ("broker", "many_parties") not in found  # one country
    assert ("backwards", "start_after_end") in found
    assert ("twin-a", "looks_duplicate") in found
    assert not {f for f in found if f[0] in ("sound", "later")}


def test_the_check_command_and_its_json_twin(pipe, tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = Store(url)
    for text, day in (
        ("Armenia and Azerbaijan agreed to a humanitarian ceasefire on Saturday in Moscow.", dt.date(2020, 10, 10)),
        ("Israel and Hamas agreed to a four-day truce on Wednesday, Qatar said.", dt.date(2023, 11, 22)),
    ):
        store.add(pipe.extract(text, published=day), text)
    ledger.rebuild(store)
    clean = runner.invoke(app, ["agreements", "check", "--db", url])
    assert clean.exit_code == 0 and "No suspicious records" in clean.stdout
    merged = store.merged_agreements()
    broken = merged[0].model_copy(update={"mediators": [merged[0].parties[0]]})
    store.save_merged([broken, *merged[1:]])
    res = runner.invoke(app, ["agreements", "check", "--db", url, "-f", "json"])
    assert res.exit_code == 1
    rows = json.loads(res.stdout)
    assert [r["code"] for r in rows] == ["mediator_is_party"] and rows[0]["agreement"] == broken.id
    with TestClient(create_app(url)) as client:
        assert [f["code"] for f in client.get("/api/agreements/checks").json()] == ["mediator_is_party"]
        page = client.get("/agreements").text
        assert "mediator and party" in page and "/api/agreements/checks" in page
