"""The REST API and the dashboard pages over a real store (SQLite and PostgreSQL): reads open, writes
with a token, clear 4xx errors, the seed on every page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from truceline.api import create_app
from truceline.store import Store

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.txt"
PAGE = Path(__file__).parent / "data" / "sources" / "html" / "northlight-kharkiv-blackout.html"


@pytest.fixture
def served(store_url, pipe):
    app = create_app(store_url)
    app.state.truceline._pipe = pipe  # the session's pipeline: no second model load
    token = Store(store_url).create_token("tests")
    with TestClient(app) as client:
        yield client, {"Authorization": f"Bearer {token}"}


def post_seed(client, auth) -> dict:
    body = {"text": SEED.read_text(encoding="utf-8"), "published": "2025-03-19", "source": "seed"}
    res = client.post("/api/articles", json=body, headers=auth)
    assert res.status_code == 201, res.text
    return res.json()


def test_writes_need_a_valid_token(served):
    client, auth = served
    body = {"text": "Israel and Hamas agreed to a ceasefire on Wednesday.", "published": "2025-01-15"}
    assert client.post("/api/articles", json=body).status_code == 401
    bad = client.post("/api/articles", json=body, headers={"Authorization": "Bearer tl_wrong"})
    assert bad.status_code == 401 and "token" in bad.json()["detail"]
    ok = client.post("/api/articles", json=body, headers=auth)
    assert ok.status_code == 201 and ok.json()["outcome"] == "stored"
    again = client.post("/api/articles", json=body, headers=auth)
    assert again.json()["outcome"] == "already"


def test_seed_through_the_api(served):
    client, auth = served
    out = post_seed(client, auth)
    assert out["outcome"] == "stored"
    page = client.get("/api/events", params={"type": "CONSULT", "limit": 5}).json()
    assert page["total"] >= 1 and page["items"][0]["type"] == "CONSULT"
    assert page["items"][0]["sentence"] and page["items"][0]["rule"]
    dyad = client.get("/api/events", params={"dyad": "USA,houthis"}).json()
    assert dyad["total"] >= 1
    agreements = client.get("/api/agreements").json()
    energy = next(a for a in agreements if "energy_infrastructure" in a["scope"] and a["phase"] == 1)
    assert energy["mediators"] == ["USA"] and set(energy["parties"]) == {"RUS", "UKR"}
    one = client.get(f"/api/agreements/{energy['id']}").json()
    assert one["id"] == energy["id"]
    timeline = client.get(f"/api/agreements/{energy['id']}/timeline").json()
    assert timeline and all("sentence" in s for s in timeline)
    assert client.get(f"/api/agreements/{energy['id']}/violations").status_code == 200
    gaza = next(a for a in agreements if a["status"] == "ended")
    assert gaza["end_reason"] == "collapsed"
    article = client.get(f"/api/articles/{out['article_id'][:8]}").json()
    assert article["record"]["schema"] == "truceline/1" and "Hooty" in article["text"]
    stories = client.get("/api/articles").json()
    assert stories[0]["id"] == out["article_id"]
    assert client.get("/api/actors", params={"actor": "houthis"}).json()[0]["id"] == "houthis"
    rel = client.get("/api/relations").json()
    assert any(r["source"] == "USA" for r in rel)
    assert client.get("/api/events/by-country").json()["UKR"] >= 1


def test_pagination_sort_and_text_search(served):
    client, auth = served
    post_seed(client, auth)
    total = client.get("/api/events").json()["total"]
    first = client.get("/api/events", params={"limit": 3, "offset": 0, "sort": "-date"}).json()
    second = client.get("/api/events", params={"limit": 3, "offset": 3, "sort": "-date"}).json()
    assert first["total"] == total and len(first["items"]) == 3
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    dates = [e["date"] for e in first["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    found = client.get("/api/events", params={"q": "prisoner"}).json()
    assert found["total"] >= 1 and all("prisoner" in e["sentence"].lower() for e in found["items"])


def test_exports_follow_the_filters(served):
    client, auth = served
    post_seed(client, auth)
    csv_text = client.get("/api/events/export", params={"format": "csv", "type": "ASSAULT"}).text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("id,date,date_basis,type") and len(lines) > 1
    assert all(",ASSAULT," in line for line in lines[1:])
    jsonl = client.get("/api/events/export", params={"format": "jsonl"}).text.strip().splitlines()
    assert len(jsonl) == client.get("/api/events").json()["total"]
    assert json.loads(jsonl[0])["id"].startswith("ev-")


@pytest.mark.parametrize(
    "params, fragment",
    [
        ({"since": "yesterday"}, "since"),
        ({"dyad": "RUS"}, "dyad"),
        ({"type": "BOMBING"}, "type"),
        ({"limit": 0}, "limit"),
        ({"country": "Ukraine"}, "country"),
        ({"sort": "size"}, "sort"),
    ],
)
def test_bad_filters_get_422_with_a_message(served, params, fragment):
    client, _ = served
    res = client.get("/api/events", params=params)
    assert res.status_code == 422
    assert fragment in res.json()["detail"]


def test_size_limit_read_only_and_not_found(served, store_url):
    client, auth = served
    huge = b'{"text": "' + b"a" * (50 * 1024 * 1024) + b'"}'
    res = client.post("/api/articles", content=huge, headers={**auth, "Content-Type": "application/json"})
    assert res.status_code == 413 and "limit" in res.json()["detail"]
    assert client.get("/api/agreements/agr-none").status_code == 404
    noise = client.post("/api/articles", json={"text": "[\U000a0139 ½ªs"}, headers=auth)
    assert noise.status_code == 422 and "fewer than three words" in noise.json()["detail"]
    assert client.get("/api/articles/ffffffffffff").json()["detail"].startswith("no article")
    ro = TestClient(create_app(store_url, read_only=True))
    body = {"text": "Armenia and Azerbaijan agreed to a ceasefire.", "published": "2025-01-15"}
    assert ro.post("/api/articles", json=body, headers=auth).status_code == 403
    assert ro.get("/api/health").json()["read_only"] is True


def test_file_upload_in_any_format(served):
    client, auth = served
    with PAGE.open("rb") as f:
        res = client.post("/api/articles/file", files={"file": (PAGE.name, f, "text/html")}, headers=auth)
    assert res.status_code == 201, res.text
    art = client.get(f"/api/articles/{res.json()['article_id']}").json()
    assert art["record"]["article"]["source"] == "Northlight Broadcasting"
    junk = client.post("/api/articles/file", files={"file": ("x.txt", b"", "text/plain")}, headers=auth)
    assert junk.status_code == 422 and "empty" in junk.json()["detail"]


def test_pages_show_the_seed_and_name_their_json_twin(served):
    client, auth = served
    post_seed(client, auth)
    board = client.get("/agreements").text
    assert "Energy infrastructure" in board and 'rel="alternate"' in board
    energy = next(a for a in client.get("/api/agreements").json() if a["phase"] == 1)
    page = client.get(f"/agreements/{energy['id']}").text
    assert "in force" in page and "USA" in page and "<svg" in page
    events = client.get("/events", params={"type": "ASSAULT"}).text
    assert "ASSAULT" in events and "/api/events?type=ASSAULT" in events
    article_id = client.get("/api/articles").json()[0]["id"]
    article = client.get(f"/articles/{article_id}").text
    assert '<mark class="actor"' in article and '<mark class="event"' in article and "Hooty" in article
    assert (
        "Houthi" in client.get("/search", params={"q": "Houthi"}).text
        or "houthis" in client.get("/search", params={"q": "houthis"}).text
    )
    for path in ("/graph", "/map", "/articles"):
        assert client.get(path).status_code == 200
    assert client.get("/agreements/agr-none").status_code == 404


def test_openapi_schema_is_published(served):
    client, _ = served
    schema = client.get("/openapi.json").json()
    assert "/api/events" in schema["paths"] and "/api/agreements/{agreement_id}/timeline" in schema["paths"]
    assert "Event" in schema["components"]["schemas"]


def test_relation_timeline_and_agreement_export(served):
    client, auth = served
    post_seed(client, auth)
    months = client.get("/api/relations/timeline", params={"dyad": "USA,houthis"}).json()
    assert months and months[0]["month"].startswith("2025-") and months[0]["events"] >= 1
    assert months[0]["goldstein"] is not None and months[0]["goldstein"] < 0  # strikes are hostile
    lines = client.get("/api/agreements/export", params={"format": "csv"}).text.strip().splitlines()
    assert lines[0].startswith("id,kind,name,status") and len(lines) == len(client.get("/api/agreements").json()) + 1
    jsonl = client.get("/api/agreements/export", params={"format": "jsonl", "kind": "prisoner_exchange"}).text
    assert all(json.loads(line)["kind"] == "prisoner_exchange" for line in jsonl.strip().splitlines())


def test_the_serve_command_on_a_fresh_store(tmp_path):
    """`truceline serve` as a user starts it: a token from `truceline tokens create`, the seed posted, the board."""
    import subprocess
    import sys
    import time

    import httpx
    from tests.live_server import free_port

    db = f"sqlite:///{tmp_path / 'fresh.db'}"
    cli = [sys.executable, "-m", "truceline.cli"]
    token = subprocess.run([*cli, "tokens", "create", "--db", db], capture_output=True, text=True, check=True)
    port = free_port()
    server = subprocess.Popen([*cli, "serve", "--db", db, "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                if httpx.get(f"{base}/api/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        assert httpx.get(f"{base}/api/health").json()["articles"] == 0
        body = {"text": SEED.read_text(encoding="utf-8"), "published": "2025-03-19"}
        auth = {"Authorization": f"Bearer {token.stdout.strip()}"}
        res = httpx.post(f"{base}/api/articles", json=body, headers=auth, timeout=300)
        assert res.status_code == 201, res.text
        assert "Energy infrastructure" in httpx.get(f"{base}/agreements").text
        assert httpx.get(f"{base}/openapi.json").json()["info"]["title"] == "Truceline"
    finally:
        server.terminate()
        server.wait(timeout=20)
    listed = subprocess.run([*cli, "tokens", "list", "--db", db], capture_output=True, text=True, check=True)
    token_id = Store(db).tokens()[0][0]
    assert token_id in listed.stdout and token.stdout.strip() not in listed.stdout  # the token itself is never shown
    revoked = subprocess.run([*cli, "tokens", "revoke", token_id, "--db", db], capture_output=True, text=True)
    assert revoked.returncode == 0, revoked.stderr
    assert not Store(db).check_token(token.stdout.strip())


def test_date_basis_in_the_json_the_export_and_the_timeline(served, store_url, seed_record, seed_text):
    import csv
    import io

    client, _ = served
    rec = seed_record.model_copy(deep=True)
    dated = [e for e in rec.events if e.date is not None]
    for i, e in enumerate(dated):
        e.date_basis = ("stated", "relative", "published")[i % 3]
    Store(store_url).add(rec, seed_text)
    want = {e.id: e.date_basis for e in rec.events}

    items = client.get("/api/events", params={"limit": 1000}).json()["items"]
    assert all("date_basis" in e for e in items)
    assert {e["id"]: e["date_basis"] for e in items} == want
    schema = client.get("/openapi.json").json()["components"]["schemas"]["Event"]["properties"]
    assert "date_basis" in schema and "publication date" in schema["date_basis"]["description"]

    rows = list(csv.DictReader(io.StringIO(client.get("/api/events/export", params={"format": "csv"}).text)))
    assert {r["id"]: r["date_basis"] or None for r in rows} == want
    jsonl = client.get("/api/events/export", params={"format": "jsonl"}).text.strip().splitlines()
    assert {json.loads(line)["id"]: json.loads(line)["date_basis"] for line in jsonl} == want

    page = client.get("/events", params={"limit": 1000}).text
    assert page.count('class="muted date-basis"') == sum(b in ("relative", "published") for b in want.values())
    assert "(relative)" in page and "(publication date)" in page
    assert 'data-date-basis="stated"' in page
    article = client.get(f"/articles/{rec.article.id}").text
    assert "(relative)" in article and "(publication date)" in article
