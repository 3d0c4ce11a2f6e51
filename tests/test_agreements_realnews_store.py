"""Issue #14 on real news: one store built from the 30 articles of ../shared/data/realnews (a JSONL corpus
written here, each article with its PUBLISHED date) holds one record per arrangement, never glues two
conflicts together and never lists a mediator as a party; any order of ingest gives the same records.
Skips cleanly without ../shared. The articles are read from ../shared, never copied into the project."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from truceline.agreements.consolidate import family
from truceline.ingest import Ingestor
from truceline.sources.collect import collect
from truceline.store import Store

REALNEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "realnews"
pytestmark = pytest.mark.skipif(not REALNEWS.is_dir(), reason="../shared/data/realnews is absent")


def corpus(tmp: Path, order: list[int] | None = None) -> Path:
    lines = []
    for path in sorted(REALNEWS.glob("[0-3][0-9]-*.txt")):
        head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        meta = dict(re.findall(r"^(URL|PUBLISHED|TITLE):\s*(.*)$", head, re.M))
        lines.append(
            {
                "id": path.name[:2],
                "url": meta["URL"],
                "published": meta["PUBLISHED"],
                "title": meta.get("TITLE"),
                "source": urlparse(meta["URL"]).hostname,
                "text": body,
            }
        )
    if order is not None:
        lines = [lines[i] for i in order]
    out = tmp / "realnews.jsonl"
    out.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return out


def build(pipe, tmp: Path, order: list[int] | None = None) -> tuple[Store, dict[str, str]]:
    """The store, and each stored article's number in the set (by its URL)."""
    tmp.mkdir(parents=True, exist_ok=True)
    store = Store(f"sqlite:///{tmp / 'store.db'}")
    path = corpus(tmp, order)
    Ingestor(store, pipe).run(collect([path]))
    by_url = {json.loads(line)["url"]: json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()}
    return store, {ref.id: by_url.get(ref.url or "", "?") for _, ref, _ in store.agreement_members()}


@pytest.fixture(scope="module")
def realnews_store(pipe, tmp_path_factory):
    return build(pipe, tmp_path_factory.mktemp("realnews"))


def holding(store: Store, numbers: dict[str, str], *articles: str, kind: str = "ceasefire"):
    """The merged records of this kind family that hold any of these articles."""
    return [
        r
        for r in store.merged_agreements()
        if family(r.kind) == family(kind) and {numbers[a] for a in r.articles} & set(articles)
    ]


def statuses(record) -> list[str]:
    return [s.status for s in record.timeline if s.modality in ("asserted", "claimed")]


def test_one_gaza_truce_agreed_extended_then_ended(realnews_store):
    store, numbers = realnews_store
    found = holding(store, numbers, "18", "19", "20")
    truce = [r for r in found if r.kind != "extension" and {"18", "19", "20"} <= {numbers[a] for a in r.articles}]
    assert len(truce) == 1, [(r.name, sorted(numbers[a] for a in r.articles)) for r in found]
    seen = statuses(truce[0])
    assert "agreed" in seen and "extended" in seen and seen[-1] == "ended"
    assert truce[0].status == "ended" and truce[0].end_date is not None
    assert truce[0].start_date is not None and truce[0].start_date < truce[0].end_date


def test_one_yemen_truce_that_lapsed(realnews_store):
    store, numbers = realnews_store
    truce = [r for r in holding(store, numbers, "14", "15") if {"14", "15"} <= {numbers[a] for a in r.articles}]
    assert len(truce) == 1
    assert (truce[0].status, truce[0].end_reason) == ("ended", "expired")
    assert {"agreed", "in_force"} & set(statuses(truce[0]))


def test_one_grain_deal_agreed_then_terminated(realnews_store):
    store, numbers = realnews_store
    deal = [
        r
        for r in store.merged_agreements()
        if r.kind == "humanitarian_corridor" and {"01", "02"} <= {numbers[a] for a in r.articles}
    ]
    assert len(deal) == 1
    assert (deal[0].status, deal[0].end_reason) == ("ended", "terminated_by_party")
    assert "agreed" in statuses(deal[0]) and {"RUS", "UKR"} == set(deal[0].parties)


def test_one_jeddah_ceasefire_and_one_eln_ceasefire(realnews_store):
    store, numbers = realnews_store
    jeddah = [r for r in holding(store, numbers, "22", "23") if {"22", "23"} <= {numbers[a] for a in r.articles}]
    assert len(jeddah) == 1 and "rsf" in jeddah[0].parties and "USA" not in jeddah[0].parties
    eln = [r for r in holding(store, numbers, "27", "30") if {"27", "30"} <= {numbers[a] for a in r.articles}]
    assert len(eln) == 1 and set(eln[0].parties) == {"COL", "eln"}
    assert "CUB" in eln[0].hosts and "SAU" in jeddah[0].hosts  # agreed in Havana, in Jeddah: hosts, not sides
    assert (eln[0].status, eln[0].end_reason) == ("ended", "expired") and "agreed" in statuses(eln[0])


def test_every_timeline_entry_says_who_claims_it(realnews_store):
    store, _ = realnews_store
    entries = [s for r in store.merged_agreements() for s in r.timeline]
    assert entries and all(s.claimed_by for s in entries)  # the speaker, else the outlet
    assert sum(s.claimed_by != s.source for s in entries) >= len(entries) // 4  # many name a speaker


def test_three_karabakh_arrangements_stay_three(realnews_store):
    store, numbers = realnews_store
    records = holding(store, numbers, "07", "08", "09")
    homes = [{numbers[a] for a in r.articles} & {"07", "08", "09"} for r in records]
    assert all(len(h) == 1 for h in homes), homes
    assert {next(iter(h)) for h in homes} == {"07", "08", "09"}


def _gold() -> dict[str, dict]:
    out = {}
    for f in sorted(REALNEWS.glob("gold-[0-9]*.yaml")):
        for art in yaml.safe_load(f.read_text(encoding="utf-8")):
            out[art["file"][:2]] = art
    return out


def _country(store_facts: dict, key: str) -> str:
    _, country, _ = store_facts.get(key, (None, None, None))
    return country or key


def test_no_record_glues_conflicts_or_lists_a_mediator_as_a_party(realnews_store):
    """Every record's parties belong to the conflict of one of its articles (the countries of that
    article's gold agreement parties and events), and no party is a mediator or host of the gold
    agreement of that article."""
    store, numbers = realnews_store
    gold = _gold()
    facts = store.actor_facts()
    for r in store.merged_agreements():
        if not r.parties:
            continue
        countries = {_country(facts, p) for p in r.parties}
        fits = False
        for n in {numbers[a] for a in r.articles}:
            art = gold[n]
            allowed: set[str] = set()
            brokers: set[str] = set()
            for g in art.get("agreements") or []:
                for p in g.get("parties") or []:
                    allowed.add(p)
                for alt in g.get("parties_also_ok") or []:
                    allowed |= set(alt)
                brokers |= set(g.get("mediators") or []) | ({g["host"]} if g.get("host") else set())
            for e in art.get("events") or []:
                for side in ("source", "target"):
                    v = e.get(side)
                    allowed |= set(v if isinstance(v, list) else [v]) - {None}
            assert not countries & (brokers - allowed), (r.name, r.parties, n, brokers)
            fits = fits or countries <= allowed
        assert fits, (r.name, r.parties, sorted(numbers[a] for a in r.articles))


def test_shuffled_ingest_gives_the_same_records(pipe, realnews_store, tmp_path):
    store, numbers = realnews_store
    order = list(range(len(list(REALNEWS.glob("[0-3][0-9]-*.txt")))))
    random.Random(14).shuffle(order)
    other, numbers2 = build(pipe, tmp_path / "shuffled", order)

    def shape(s: Store, nums: dict[str, str]) -> list:
        return sorted(
            (r.kind, r.status, tuple(sorted(r.parties)), tuple(sorted(nums[a] for a in r.articles)), r.start_date)
            for r in s.merged_agreements()
        )

    assert shape(store, numbers) == shape(other, numbers2)


def test_the_quality_check_finds_no_glued_or_backwards_record(realnews_store):
    from truceline import ledger

    store, _ = realnews_store
    bad = [f for f in ledger.findings(store) if f.code in ("many_parties", "mediator_is_party", "start_after_end")]
    assert not bad, [(f.name, f.message) for f in bad]


def test_ingesting_one_article_at_a_time_gives_the_same_records(pipe, realnews_store, tmp_path):
    """Ingest rebuilds only the arrangements a batch can touch: five articles ingested one by one into a
    store of the other 25 give the records of the store built at once."""
    store, _ = realnews_store
    path = corpus(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    random.Random(3).shuffle(lines)
    other = Store(f"sqlite:///{tmp_path / 'one-by-one.db'}")
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(lines[:25]) + "\n", encoding="utf-8")
    Ingestor(other, pipe).run(collect([first]))
    for n, line in enumerate(lines[25:]):
        one = tmp_path / f"one-{n}.jsonl"
        one.write_text(line + "\n", encoding="utf-8")
        Ingestor(other, pipe).run(collect([one]))

    def shape(s: Store) -> list:
        return sorted(
            (r.id, r.kind, r.status, tuple(sorted(r.parties)), tuple(sorted(r.members)), len(r.violations))
            for r in s.merged_agreements()
        )

    assert shape(other) == shape(store)
