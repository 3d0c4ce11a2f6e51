"""The whole CLI end to end, on SQLite and PostgreSQL; errors are one line, never a traceback."""

import json
import subprocess
import sys

import pytest
from tests.conftest import SEED
from typer.testing import CliRunner

from truceline.cli import app
from truceline.models import TrucelineRecord

runner = CliRunner()


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "truceline.cli", *args], capture_output=True, text=True, timeout=300)


def test_extract_prints_exactly_the_record_serialisation(pipe, seed_text):
    res = runner.invoke(app, ["extract", str(SEED), "--published", "2025-03-19"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["schema"] == "truceline/1"
    record = TrucelineRecord.model_validate(data)
    assert record.model_dump(mode="json") == data
    expected = pipe.extract(seed_text, published=record.article.published)  # a text file names no outlet
    assert expected.model_dump(mode="json") == data


def test_extract_table_and_explain():
    res = runner.invoke(app, ["extract", str(SEED), "--published", "2025-03-19", "-f", "table", "--explain"])
    assert res.exit_code == 0
    assert "CONSULT" in res.stdout and "rule" in res.stdout


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: ((d / "empty.txt").write_bytes(b"") and d / "empty.txt") or d / "empty.txt", "is empty"),
        (lambda d: (d / "bin.txt").write_bytes(bytes(range(256)) * 20) and d / "bin.txt", "binary"),
    ],
)
def test_bad_files_give_one_line_and_nonzero_exit(tmp_path, make, message):
    path = make(tmp_path)
    proc = run("extract", str(path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and message in lines[0]


def test_bad_date_is_a_one_line_error():
    proc = run("extract", str(SEED), "--published", "19/03/2025")
    assert proc.returncode == 1 and "not a date" in proc.stderr and "Traceback" not in proc.stderr


def test_unreachable_store_is_a_one_line_error():
    proc = run("events", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert proc.returncode == 1 and "cannot open the store" in proc.stderr and "Traceback" not in proc.stderr


def test_ingest_then_query_everything(store_url, tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "sub" / "kyiv.txt").write_text(
        "Russian forces launched a drone attack on Kyiv on Sunday, killing "
        "at least 12 people, Ukrainian officials said.",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["ingest", str(folder), "--published", "2025-03-19", "--db", store_url])
    assert res.exit_code == 0, res.output
    again = runner.invoke(app, ["ingest", str(folder), "--published", "2025-03-19", "--db", store_url])
    assert again.exit_code == 0 and "already stored 2" in again.output

    arts = json.loads(runner.invoke(app, ["articles", "--db", store_url, "-f", "json"]).stdout)
    assert len(arts) == 2 and all(a["events"] > 0 for a in arts)

    evs = json.loads(runner.invoke(app, ["events", "--db", store_url, "--type", "CONSULT", "-f", "json"]).stdout)
    assert evs and all(e["type"] == "CONSULT" for e in evs)
    csv_out = runner.invoke(app, ["events", "--db", store_url, "--actor", "RUS-MIL", "-f", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("id,date,date_basis,type") and "ASSAULT" in csv_out

    ags = json.loads(runner.invoke(app, ["agreements", "--db", store_url, "--party", "USA", "-f", "json"]).stdout)
    energy = next(a for a in ags if a["kind"] == "ceasefire" and "energy_infrastructure" in a["scope"])
    ended = runner.invoke(app, ["agreements", "--db", store_url, "--status", "ended", "-f", "csv"]).stdout
    assert "collapsed" in ended
    one = runner.invoke(app, ["agreement", energy["id"][:10], "--db", store_url])
    assert one.exit_code == 0 and "Timeline" in one.stdout and "Violations" in one.stdout
    phases = json.loads(runner.invoke(app, ["process", energy["process"], "--db", store_url, "-f", "json"]).stdout)
    assert [p["phase"] for p in phases] == sorted(p["phase"] for p in phases) and len(phases) >= 3
    html = tmp_path / "report.html"
    made = runner.invoke(app, ["report", "agreement", energy["id"], "--out", str(html), "--db", store_url])
    page = html.read_text()
    assert made.exit_code == 0 and "<svg" in page and "<rect" in page
    assert not any(x in page for x in ('src="http', 'href="http', "<script", "<link", "@import"))  # nothing fetched
    assert runner.invoke(app, ["agreement", "agr-nothing", "--db", store_url]).exit_code == 1

    actors = json.loads(runner.invoke(app, ["actors", "--db", store_url, "-f", "json"]).stdout)
    assert any(a["id"] == "houthis" for a in actors)

    seed_id = next(a["id"] for a in arts if a["events"] > 5)
    shown = runner.invoke(app, ["show", seed_id[:8], "--db", store_url])
    assert shown.exit_code == 0 and "Hooty" in shown.stdout
    missing = runner.invoke(app, ["show", "ffffffffffff", "--db", store_url])
    assert missing.exit_code != 0


def test_ingest_stores_good_files_and_reports_bad_ones(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Israel and Hamas agreed to a ceasefire on Wednesday.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "latin.txt").write_bytes("Le président ukrainien a rencontré les médiateurs à Genève.".encode("latin-1"))
    db = tmp_path / "t.db"
    proc = run("ingest", str(folder), "--published", "2025-01-16", "--db", str(db))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "stored 2" in proc.stderr and "failed 1" in proc.stderr and "guessed" in proc.stderr


def test_actors_lookup_shows_method_and_dates():
    res = runner.invoke(app, ["actors", "lookup", "the Houthis", "-f", "json"])
    assert json.loads(res.stdout)[0]["id"] == "houthis"
    res = runner.invoke(app, ["actors", "lookup", "ZELENSKY", "--date", "2025-03-18", "-f", "json"])
    top = json.loads(res.stdout)[0]
    assert top["id"] == "volodymyr-zelensky" and top["method"] == "normalised" and top["sector"] == "GOV"


def test_schema_is_published_and_validates_records(seed_record, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "schema.json"
    res = runner.invoke(app, ["schema", "--out", str(out)])
    assert res.exit_code == 0
    schema = json.loads(out.read_text())
    assert schema["title"] == "truceline/1"
    for field in ("schema", "article", "actors", "events", "agreements"):
        assert field in schema["properties"]
    jsonschema.validate(seed_record.model_dump(mode="json"), schema)
    bad = seed_record.model_dump(mode="json")
    bad["events"][0]["type"] = "FIGHT"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_python_api_shortcut_matches_pipeline(seed_text, seed_record):
    import truceline

    rec = truceline.extract(seed_text, published=seed_record.article.published, source="seed.txt")
    assert rec.model_dump(mode="json") == seed_record.model_dump(mode="json")


def test_extract_reads_a_web_page_with_its_metadata():
    page = "tests/data/sources/html/northlight-kharkiv-blackout.html"
    res = runner.invoke(app, ["extract", page])
    assert res.exit_code == 0, res.output
    article = json.loads(res.stdout)["article"]
    assert article["source"] == "Northlight Broadcasting" and article["published"] == "2026-09-13"
    junk = run("extract", "tests/data/sources/malformed/junk.html")
    assert junk.returncode == 1 and "no article text" in junk.stderr and "Traceback" not in junk.stderr


def test_events_csv_and_json_carry_the_date_basis(store_url, seed_record):
    import csv
    import io

    from truceline.store import Store

    rec = seed_record.model_copy(deep=True)
    dated = [e for e in rec.events if e.date is not None]
    for i, e in enumerate(dated):
        e.date_basis = ("stated", "relative", "published")[i % 3]
    Store(store_url).add(rec, SEED.read_text(encoding="utf-8"))
    want = {e.id: e.date_basis for e in rec.events}

    out = runner.invoke(app, ["events", "--db", store_url, "-f", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0])[:3] == ["id", "date", "date_basis"]
    assert {r["id"]: r["date_basis"] or None for r in rows} == want
    evs = json.loads(runner.invoke(app, ["events", "--db", store_url, "-f", "json"]).stdout)
    assert {e["id"]: e["date_basis"] for e in evs} == want
