"""Agreements across articles, on the 39-report corpus of tests/data/agreements (three ceasefires over
several weeks): merging, order independence, idempotent re-ingest, violations, overrides, the eval."""

import datetime as dt
import json
import random

import pytest
from tests.conftest import ROOT

from truceline import ledger
from truceline.agreements import evaluate
from truceline.store import Store

CORPUS = ROOT / "tests" / "data" / "agreements"


@pytest.fixture(scope="module")
def coded(pipe):
    """Every report coded once: (report id, record, text)."""
    out = []
    for line in (CORPUS / "reports.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        record = pipe.extract(
            r["text"], published=dt.date.fromisoformat(r["published"]), source=r["source"], title=r["title"]
        )
        out.append((r["id"], record, r["text"]))
    return out


def build(url, coded, order=None):
    store = Store(url)
    for i in order or range(len(coded)):
        store.add(coded[i][1], coded[i][2])
    return store, ledger.rebuild(store)


def by_report(coded):
    return {rec.article.id: rid for rid, rec, _ in coded}


def find(records, coded, report_id, kind=None):
    """The merged record that includes a given report."""
    ids = {v: k for k, v in by_report(coded).items()}
    found = [r for r in records if ids[report_id] in r.articles and (kind is None or r.kind == kind)]
    assert found, f"no merged record holds {report_id}"
    return found[0]


def test_reports_merge_into_one_record_per_ceasefire(coded, tmp_path):
    _, records = build(f"sqlite:///{tmp_path / 's.db'}", coded)
    energy = find(records, coded, "r07")
    assert set(energy.parties) == {"RUS", "UKR"} and "energy_infrastructure" in energy.scope
    assert len(energy.articles) >= 5  # proposal, agreement, entry into force, strikes, expiry
    assert energy.status == "ended" and energy.end_reason == "expired"
    assert energy.start_date == dt.date(2026, 3, 20)
    lebanon = find(records, coded, "r18")
    assert set(lebanon.parties) == {"ISR", "hezbollah"} and lebanon.status == "in_force"
    assert lebanon.start_date == dt.date(2026, 4, 15)
    sudan = find(records, coded, "r25")
    assert "rsf" in sudan.parties and sudan.start_date == dt.date(2026, 5, 4)
    # every status change is sourced: article, outlet, sentence, rule
    assert all(s.article_id and s.source and s.sentence and s.rule for r in records for s in r.timeline)


def test_violations_are_an_overlay_with_assessments(coded, tmp_path):
    _, records = build(f"sqlite:///{tmp_path / 's.db'}", coded)
    names = by_report(coded)
    energy = find(records, coded, "r07")
    assert energy.status == "ended"  # accusations never change the status
    power_plant = [v for v in energy.violations if {"r08", "r09"} <= {names[a] for a in v.articles}]
    assert power_plant and power_plant[0].assessment == "corroborated" and power_plant[0].alleged_violator == "RUS"
    assert {"party_match", "period_match", "scope_match"} <= set(power_plant[0].basis)
    # frontline artillery under an energy-only moratorium: kept apart with its reason, never linked
    assert not any("r12" in {names[a] for a in v.articles} for v in energy.violations)
    assert any("r12" in {names[a] for a in v.articles} and "scope" in (v.reason or "") for v in energy.out_of_scope)
    lebanon = find(records, coded, "r18")
    assert not any("r20" in {names[a] for a in v.articles} for v in lebanon.violations)  # a strike in Syria
    rockets = [v for v in lebanon.violations if "r26" in {names[a] for a in v.articles}]
    assert rockets and rockets[0].alleged_violator == "hezbollah" and rockets[0].assessment in ("disputed", "verified")
    assert energy.compliance == "corroborated"
    # a Russian claim of a Ukrainian strike (r10), denied by Kyiv the next day (r11): one incident, disputed
    pumping = [v for v in energy.violations if {"r10", "r11"} <= {names[a] for a in v.articles}]
    assert pumping and pumping[0].assessment == "disputed" and pumping[0].alleged_violator == "UKR"


def test_reingest_changes_nothing_and_order_does_not_matter(coded, tmp_path):
    store, first = build(f"sqlite:///{tmp_path / 'a.db'}", coded)
    for _, record, text in coded:
        assert store.add(record, text) is False
    again = ledger.rebuild(store)
    assert [r.model_dump() for r in again] == [r.model_dump() for r in first]
    order = list(range(len(coded)))
    random.Random(7).shuffle(order)
    _, shuffled = build(f"sqlite:///{tmp_path / 'b.db'}", coded, order)
    assert [r.model_dump() for r in shuffled] == [r.model_dump() for r in first]


def test_overrides_hold_across_rebuilds_and_reingest(coded, store_url):
    store, records = build(store_url, coded)
    energy = find(records, coded, "r07")
    member = energy.members[-1]
    store.add_override("split", member, energy.id)
    records = ledger.rebuild(store)
    alone = [r for r in records if member in r.members]
    assert len(alone) == 1 and alone[0].members == [member]
    for _, record, text in coded:  # re-ingest keeps the analyst's correction
        store.add(record, text)
    assert [r.members for r in ledger.rebuild(store) if member in r.members] == [[member]]
    store.add_override("merge", energy.members[0], member)
    merged = [r for r in ledger.rebuild(store) if member in r.members]
    assert len(merged) == 1 and energy.members[0] in merged[0].members
    # an analyst dismisses the corroborated breach: it stays listed, out of the compliance summary
    energy = store.merged_agreement(energy.members[0])
    incident = next(v.incident for v in energy.violations if v.assessment == "corroborated")
    store.add_override("dismiss", energy.id, incident)
    energy = next(r for r in ledger.rebuild(store) if r.id == energy.id)
    assert next(v for v in energy.violations if v.incident == incident).analyst == "dismissed"
    assert energy.compliance != "corroborated"
    with pytest.raises(Exception, match="unknown override"):
        store.add_override("delete", energy.id)


def test_agreement_eval_pairs_every_gold_agreement(coded, tmp_path):
    store, records = build(f"sqlite:///{tmp_path / 's.db'}", coded)
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    rep = evaluate.score(records, gold, by_report(coded), store.actor_facts())
    data = rep.as_dict()
    assert data["found"] == len(gold["agreements"]) == 6
    fields = data["fields"]
    assert fields["out_of_scope_not_linked"]["accuracy"] == 1.0
    assert fields["kind_family"]["accuracy"] == 1.0
    # floors just under what the code reaches on this corpus (see the issue notes): a regression fails
    floors = {
        "parties": 1.0,
        "status": 1.0,
        "phase": 1.0,
        "process_grouping": 1.0,
        "timeline_entries": 0.9,
        "violations_linked": 0.85,
        "violation_assessment": 0.85,
        "conditions": 0.7,
        "condition_status": 0.7,
        "mediators": 0.8,
        "scope": 0.8,
    }
    low = {k: fields[k]["accuracy"] for k, floor in floors.items() if fields[k]["accuracy"] < floor}
    assert not low, f"below the floors: {low}; misses: {data['errors']}"


def test_the_seed_as_merged_records(seed_record, seed_text, tmp_path):
    """Issue #6 on the seed: one process of four ordered phases, the exchange, the Gaza collapse."""
    store = Store(f"sqlite:///{tmp_path / 'seed.db'}")
    store.add(seed_record, seed_text)
    records = ledger.rebuild(store)
    process = [r for r in records if r.process]
    assert len({r.process for r in process}) == 1
    phases = sorted(process, key=lambda r: r.phase)
    assert [r.phase for r in phases] == [1, 2, 3, 4]
    energy, maritime, full, peace = phases
    assert "energy_infrastructure" in energy.scope and energy.status == "in_force" and energy.mediators == ["USA"]
    assert maritime.status == "negotiating" and "maritime" in maritime.scope
    assert full.status == "planned" and full.conditions and full.conditions[0].by == "RUS"
    assert peace.status == "planned" and peace.kind == "peace_agreement"
    exchange = next(r for r in records if r.kind == "prisoner_exchange")
    assert {(q.value, q.unit) for q in exchange.quantities} >= {(175, "prisoners"), (23, "wounded")}
    gaza = next(r for r in records if set(r.parties) == {"ISR", "PSE"})
    assert (gaza.status, gaza.end_reason, gaza.end_date) == ("ended", "collapsed", dt.date(2025, 3, 18))
    assert gaza.start_precision == "month"


def test_an_incremental_rebuild_equals_a_full_one(coded, tmp_path):
    """Adding reports one at a time with `rebuild(store, touched)` gives the records a full rebuild gives."""
    _, full = build(f"sqlite:///{tmp_path / 'full.db'}", coded)
    store = Store(f"sqlite:///{tmp_path / 'inc.db'}")
    order = list(range(len(coded)))
    random.Random(7).shuffle(order)
    head, tail = order[:-6], order[-6:]
    for i in head:
        store.add(coded[i][1], coded[i][2])
    ledger.rebuild(store)
    for i in tail:  # then one report at a time, as ingest does
        store.add(coded[i][1], coded[i][2])
        ledger.rebuild(store, {coded[i][1].article.id})

    def shape(records):
        return sorted(
            (
                r.id,
                r.kind,
                r.status,
                tuple(sorted(r.parties)),
                tuple(sorted(r.members)),
                len(r.violations),
                r.start_date,
                r.end_date,
            )
            for r in records
        )

    assert shape(store.merged_agreements()) == shape(full)
