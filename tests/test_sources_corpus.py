"""Issue #7 on its fixture corpus (tests/data/sources, written for the issue without reading the code):
every format in, each story once with its copies and sources counted, bad inputs as warnings, and
the two readouts of one call told apart by `truceline compare`."""

from __future__ import annotations

import gzip
import json
import random
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truceline import ledger
from truceline.cli import app
from truceline.compare import compare_agreement
from truceline.ingest import Ingestor
from truceline.sources.collect import collect
from truceline.store import Store

CORPUS = Path(__file__).parent / "data" / "sources"
INPUTS = ["html", "feed.xml", "atom.xml", "export.jsonl", "export.csv", "text"]
runner = CliRunner()


def gold() -> dict:
    return json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))


def ingest(store: Store, pipe, paths: list[Path], **kw) -> Ingestor:
    ing = Ingestor(store, pipe, **kw)
    ing.run(collect(paths))
    return ing


@pytest.fixture(scope="module")
def corpus_store(pipe, tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('sources') / 's.db'}")
    ing = ingest(store, pipe, [CORPUS / p for p in INPUTS])
    return store, ing


def ref_of(copy_ref: str | None) -> str:
    return (copy_ref or "").replace(str(CORPUS) + "/", "")


def test_every_story_once_with_its_copies(corpus_store):
    store, ing = corpus_store
    totals = gold()["totals"]
    assert ing.summary.failed == 0
    assert ing.summary.stored == totals["stories"]
    assert ing.summary.exact_copies == totals["exact_copies"]
    assert ing.summary.near_copies == totals["near_copies"]
    stories = store.stories()
    assert len(stories) == totals["stories"]
    by_member = {ref_of(c.ref): s for s in stories for c in s.copies}
    for story in gold()["stories"]:
        found = {by_member[m].id for m in story["members"]}
        assert len(found) == 1, f"{story['id']} is split over {len(found)} stories"
        assert set(by_member[story["members"][0]].outlets) == set(story["outlets"])
    outlets = {o for s in stories for o in s.outlets}
    assert outlets == set(totals["outlet_names"])


def test_near_copies_are_stored_uncoded_with_their_similarity(corpus_store):
    store, _ = corpus_store
    for s in store.stories():
        for c in s.copies:
            if c.relation == "near":
                assert 0.7 <= c.similarity < 1.0
            if c.relation == "exact":
                assert c.similarity == 1.0
    coded = {s.id for s in store.stories()}
    assert len(coded) == gold()["totals"]["stories"]  # copies are never coded as articles of their own


def test_metadata_from_every_format(corpus_store):
    store, _ = corpus_store
    by_title = {s.title: s for s in store.stories()}
    titles = " | ".join(t or "" for t in by_title)
    assert "Besançon" in titles  # a windows-1252 page, decoded by its declared charset
    for s in store.stories():
        if s.source is not None:
            assert s.published is not None, f"{s.title}: no date"
    csv_story = next(s for s in store.stories() if s.source == "Caucasus Weekly" or s.source == "Andes Monitor")
    assert csv_story.published.month == 10  # 08/10/2026-style dates read day first, from export.columns.json
    dates = {ref_of(c.ref): c.published for s in store.stories() for c in s.copies}
    assert dates["export.jsonl#1"].isoformat() == "2026-10-06"  # ISO datetimes are never read day-first


def test_independent_sources_count_outlets_not_copies(corpus_store):
    store, _ = corpus_store
    by_member = {ref_of(c.ref): s for s in store.stories() for c in s.copies}
    e1 = next(e for e in gold()["events"] if e["id"] == "E1")
    for doc in e1["documents"]:
        assert by_member[doc].independent_sources == e1["independent_sources"]
    strikes = [e for e in store.events(type="ASSAULT") if e.source == "RUS" or (e.source or "").startswith("RUS")]
    assert any(e.independent_sources == 2 for e in strikes)


def test_status_changes_carry_independent_sources(corpus_store):
    store, _ = corpus_store
    exchange = next(a for a in store.merged_agreements() if a.kind == "prisoner_exchange" and "RUS" in a.parties)
    assert all(s.independent_sources and s.independent_sources >= 1 for s in exchange.timeline)


def test_compare_shows_where_the_two_readouts_differ(corpus_store):
    store, _ = corpus_store
    c1 = next(c for c in gold()["compare"] if c["id"] == "C1")
    a_outlet, b_outlet = c1["sources"]
    ceasefire = next(a for a in store.merged_agreements() if a.kind == "ceasefire" and {"RUS", "UKR"} <= set(a.parties))
    result = compare_agreement(ceasefire, store.agreement_records(ceasefire.members), [a_outlet, b_outlet])
    assert [a.outlet for a in result.accounts] == [a_outlet, b_outlet]
    fields = {f.field: f for f in result.fields}
    assert fields["scope_text"].differs
    assert fields["scope_text"].values[a_outlet] == "energy and infrastructure"
    assert fields["scope_text"].values[b_outlet] == "energy infrastructure"
    assert fields["duration"].differs and fields["duration"].values == {a_outlet: "30 days", b_outlet: None}
    assert fields["conditions"].differs and fields["conditions"].values[a_outlet] is None
    assert "military aid" in (fields["conditions"].values[b_outlet] or "")
    exchange = next(a for a in store.merged_agreements() if a.kind == "prisoner_exchange" and "RUS" in a.parties)
    numbers = compare_agreement(exchange, store.agreement_records(exchange.members), [a_outlet, b_outlet])
    nums = {f.field: f for f in numbers.fields}["numbers"]
    assert nums.differs and "150" in nums.values[a_outlet] and "175" in nums.values[b_outlet]


def test_compare_flags_the_numbers_two_outlets_give(corpus_store):
    store, _ = corpus_store
    c2 = next(c for c in gold()["compare"] if c["id"] == "C2")
    exchange = next(a for a in store.merged_agreements() if a.kind == "prisoner_exchange" and "SDN" in a.parties)
    result = compare_agreement(exchange, store.agreement_records(exchange.members), c2["sources"])
    nums = {f.field: f for f in result.fields}["numbers"]
    assert nums.differs
    assert "120" in nums.values[c2["sources"][0]] and "118" in nums.values[c2["sources"][1]]


def test_compare_cli(corpus_store):
    store, _ = corpus_store
    listing = runner.invoke(app, ["compare", "--db", store.url, "-f", "json"])
    assert listing.exit_code == 0, listing.output
    rows = json.loads(listing.stdout)
    assert any("numbers" in r["differences"] for r in rows)
    one = runner.invoke(app, ["compare", rows[0]["id"], "--db", store.url])
    assert one.exit_code == 0 and "≠" in one.stdout
    event = next(e for e in store.events(type="ASSAULT") if (e.independent_sources or 0) >= 2)
    ev = runner.invoke(app, ["compare", event.id, "--db", store.url, "-f", "json"])
    assert ev.exit_code == 0, ev.output
    assert len(json.loads(ev.stdout)["accounts"]) >= 2
    assert runner.invoke(app, ["compare", "agr-nothing-here", "--db", store.url]).exit_code == 1


def test_articles_cli_lists_copies_and_sources(corpus_store):
    store, _ = corpus_store
    res = runner.invoke(app, ["articles", "--db", store.url, "-f", "json"])
    assert res.exit_code == 0
    stories = json.loads(res.stdout)
    syndicated = max(stories, key=lambda s: len(s["copies"]))
    assert len(syndicated["copies"]) == 3 and syndicated["independent_sources"] == 2
    table = runner.invoke(app, ["articles", "--db", store.url, "--copies"])
    assert "near" in table.stdout and "exact" in table.stdout


def test_reingest_and_another_order_change_nothing(pipe, corpus_store, tmp_path):
    store, _ = corpus_store
    again = ingest(store, pipe, [CORPUS / p for p in INPUTS])
    assert (again.summary.stored, again.summary.exact_copies, again.summary.near_copies) == (0, 0, 0)
    assert again.summary.already == gold()["totals"]["documents"]
    loaded = list(collect([CORPUS / p for p in INPUTS]))
    random.Random(7).shuffle(loaded)
    other = Store(f"sqlite:///{tmp_path / 'o.db'}")
    ing = Ingestor(other, pipe)
    ing.run(loaded)
    assert ing.summary.stored == len(store.stories()) == gold()["totals"]["stories"]
    groups = lambda st: sorted(sorted(ref_of(c.ref) for c in s.copies) for s in st.stories())  # noqa: E731
    assert groups(other) == groups(store)


def test_without_dedup_every_text_is_coded(pipe, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'n.db'}")
    ing = ingest(store, pipe, [CORPUS / "html", CORPUS / "feed.xml"], dedup=False)
    assert ing.summary.near_copies == 0 and ing.summary.stored == 9


def test_malformed_inputs_warn_and_the_rest_is_stored(pipe, tmp_path):
    folder = tmp_path / "batch"
    shutil.copytree(CORPUS / "malformed", folder)
    shutil.copy(CORPUS / "html" / "northlight-kharkiv-blackout.html", folder / "good.html")
    big = folder / "huge.txt"
    with big.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # a 200 MB file (sparse: no disk space used)
    store = Store(f"sqlite:///{tmp_path / 'm.db'}")
    store_before = ingest(store, pipe, [CORPUS / "text" / "el-fasher-aid-convoy.txt"])
    assert store_before.summary.stored == 1
    ing = ingest(store, pipe, [folder])
    refs = {ref_of(w.message.split(": ", 1)[0]).replace(str(folder) + "/", "") for w in ing.summary.warnings}
    for name in ("junk.html", "notext.csv", "empty.txt", "binary.txt", "huge.txt", "bad.xml"):
        assert any(r.startswith(name) for r in refs), f"no warning for {name}: {refs}"
    assert any(r.startswith("mixed.jsonl#2") for r in refs) and any(r.startswith("mixed.jsonl#4") for r in refs)
    assert any(r.startswith("truncated.jsonl.gz") for r in refs)
    titles = {s.title for s in store.stories()}
    assert "Kharkiv in the dark after overnight Russian barrage on power grid" in titles
    assert {"Poland shuts Belarus border crossing after balloon incursions"} & titles or sum(
        "Poland" in (t or "") for t in titles
    )
    assert sum("Somalia" in (t or "") for t in titles) == 1
    assert not any("Please enable JavaScript" in (store.article_text(s.id) or "") for s in store.stories())
    assert any("Aid convoy" in (t or "") for t in titles)  # what was stored before is still there
    messages = " ".join(w.message for w in ing.summary.warnings)
    assert "not JSON" in messages and "no text column" in messages and "truncated" in messages
    assert "209,715,200 bytes" in messages
    recorded = store.ingest_warnings()
    assert len(recorded) == len(store_before.summary.warnings) + len(ing.summary.warnings)
    again = ingest(store, pipe, [folder])
    assert again.summary.warnings == [] and again.summary.stored == 0  # recorded once


def test_a_huge_jsonl_line_is_skipped_with_a_warning(pipe, tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as f:
        f.write(b'{"text": "' + b"x" * (6 * 1024 * 1024) + b'"}\n')
        line = {"text": "Kenya and Somalia agreed on Monday to reopen their border.", "source": "T"}
        f.write(json.dumps(line).encode())
    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    ing = ingest(store, pipe, [path])
    assert ing.summary.stored == 1
    assert any("longer than" in w.message for w in ing.summary.warnings)


def test_gzip_corpora_and_standard_input(pipe, tmp_path):
    lines = (CORPUS / "export.jsonl").read_bytes()
    packed = tmp_path / "export.jsonl.gz"
    packed.write_bytes(gzip.compress(lines))
    store = Store(f"sqlite:///{tmp_path / 'g.db'}")
    assert ingest(store, pipe, [packed]).summary.stored == 5
    db = f"sqlite:///{tmp_path / 'stdin.db'}"
    res = runner.invoke(app, ["ingest", "-", "--db", db], input=(CORPUS / "feed.xml").read_bytes())
    assert res.exit_code == 0, res.output
    assert "stored 3" in res.output


def test_column_mapping_from_the_command_line(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(
        'when,who,what\n03/11/2026,Lakeside Post,"Ethiopia and Eritrea agreed on Tuesday to reopen the Zalambessa '
        'border crossing, officials said."\n',
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'c.db'}"
    bad = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert bad.exit_code == 1 and "no text column" in bad.output
    res = runner.invoke(
        app, ["ingest", str(path), "--db", db, "--columns", "text=what,source=who,published=when", "--dayfirst"]
    )
    assert res.exit_code == 0, res.output
    arts = json.loads(runner.invoke(app, ["articles", "--db", db, "-f", "json"]).stdout)
    assert arts[0]["source"] == "Lakeside Post" and arts[0]["published"] == "2026-11-03"
    wrong = runner.invoke(app, ["ingest", str(path), "--db", db, "--columns", "body"])
    assert wrong.exit_code == 1 and "FIELD=COLUMN" in str(wrong.exception)


def test_sources_on_postgres(pipe, store_url):
    store = Store(store_url)
    ing = ingest(store, pipe, [CORPUS / "html", CORPUS / "feed.xml", CORPUS / "export.jsonl"])
    assert ing.summary.exact_copies == 1 and ing.summary.near_copies == 2
    assert ledger.corroborate(store) > 0
    again = ingest(store, pipe, [CORPUS / "html"])
    assert again.summary.stored == 0
