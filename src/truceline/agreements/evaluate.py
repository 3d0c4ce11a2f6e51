"""Scoring merged agreements against a gold file (``tests/data/agreements/gold.json`` format).

The reports are coded, stored in a throwaway store and merged exactly as ``truceline ingest`` does;
each gold agreement is then paired with the merged record that shares most of its reports, and
kind, parties, scope, status, phase, timeline, conditions and violation assessments are compared.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from truceline.errors import InputError
from truceline.evaluation import Ratio
from truceline.models import Agreement

CEASEFIRE_FAMILY = {"ceasefire", "truce", "cessation_of_hostilities", "humanitarian_pause", "extension"}


@dataclass
class AgreementReport:
    gold: int = 0
    found: int = 0
    records: int = 0
    fields: dict[str, Ratio] = field(default_factory=dict)
    pairs: list[tuple[str, str | None]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, good: bool) -> None:
        self.fields.setdefault(name, Ratio()).add(good)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold_agreements": self.gold,
            "found": self.found,
            "merged_records": self.records,
            "fields": {k: {"accuracy": v.value, "n": v.total} for k, v in self.fields.items()},
            "pairs": dict(self.pairs),
            "errors": self.errors,
        }


def load(gold_path: str | Path, reports_path: str | Path) -> tuple[dict, list[dict]]:
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{gold_path}: cannot read the agreement gold file ({exc})") from None
    if not isinstance(gold, dict) or "agreements" not in gold:
        raise InputError(f"{gold_path}: an agreement gold file needs an 'agreements' list")
    reports = []
    try:
        lines = Path(reports_path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{reports_path}: {exc.strerror}") from None
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                reports.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{reports_path}:{n}: not JSON ({exc.msg})") from None
    return gold, reports


def run(pipe: Any, gold: dict, reports: list[dict], progress: Callable[[], None] | None = None) -> AgreementReport:
    from truceline import ledger
    from truceline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'eval.db'}")
        ids: dict[str, str] = {}
        for r in reports:
            published = dt.date.fromisoformat(r["published"]) if r.get("published") else None
            record = pipe.extract(r["text"], published=published, source=r.get("source"), title=r.get("title"))
            store.add(record, r["text"])
            ids[record.article.id] = r["id"]
            if progress is not None:
                progress()
        merged = ledger.rebuild(store)
        facts = store.actor_facts()
        store.engine.dispose()
    return score(merged, gold, ids, facts)


def _norm(actor: str, facts: dict[str, tuple]) -> str:
    from truceline.store.store import party_key

    kind, country, sector = facts.get(actor, (None, None, None))
    if kind is None and actor.islower():
        from truceline.actors import registry

        reg = registry()
        a = reg.actors.get(actor)
        if a is not None:
            kind, country, sector = "group" if a.kind == "group" else a.kind, a.country, a.sector
    return party_key(actor, kind, country, sector)


def score(merged: list[Agreement], gold: dict, ids: dict[str, str], facts: dict[str, tuple]) -> AgreementReport:
    rep = AgreementReport(gold=len(gold["agreements"]), records=len(merged))
    reports_of = {r.id: {ids.get(a, a) for a in r.articles} for r in merged}
    used: set[str] = set()
    pairs: dict[str, Agreement] = {}
    for g in gold["agreements"]:
        wanted = {t["report"] for t in g.get("timeline", [])}
        best, best_score = None, 0.0
        for r in merged:
            if r.id in used:
                continue
            share = len(wanted & reports_of[r.id]) / max(len(wanted), 1)
            if share > best_score:
                best, best_score = r, share
        rep.pairs.append((g["key"], best.id if best else None))
        if best is None:
            rep.errors.append(f"{g['key']}: no merged record shares a report with it")
            continue
        used.add(best.id)
        pairs[g["key"]] = best
        rep.found += 1
        _compare(rep, g, best, ids, facts)
    keys = {g["key"]: pairs.get(g["key"]) for g in gold["agreements"]}
    for proc in gold.get("processes", []):
        got = [keys.get(k) for k in proc["phases"]]
        same = len({r.process for r in got if r}) == 1 and all(r is not None and r.process for r in got)
        rep.add("process_grouping", same)
    for inc in gold.get("out_of_scope_incidents", []):
        r = keys.get(inc["agreement"])
        linked = r is not None and any(inc["report"] in {ids.get(a, a) for a in v.articles} for v in r.violations)
        rep.add("out_of_scope_not_linked", not linked)
    return rep


def _compare(rep: AgreementReport, g: dict, r: Agreement, ids: dict[str, str], facts: dict[str, tuple]) -> None:
    key = g["key"]
    rep.add("kind", r.kind == g["kind"])
    if r.kind != g["kind"]:
        rep.errors.append(f"{key}: kind {r.kind}, gold {g['kind']}")
    rep.add("kind_family", (r.kind in CEASEFIRE_FAMILY) == (g["kind"] in CEASEFIRE_FAMILY))
    gold_parties = {_norm(p, facts) for p in g.get("parties", [])}
    parties = {_norm(p, facts) for p in r.parties}
    rep.add("parties", parties == gold_parties)
    mediators = {_norm(p, facts) for p in r.mediators}
    gold_mediators = {_norm(p, facts) for p in g.get("mediators", [])}
    rep.add("mediators", mediators == gold_mediators)
    if mediators != gold_mediators:
        rep.errors.append(f"{key}: mediators {sorted(mediators)}, gold {sorted(gold_mediators)}")
    scope_ok = set(r.scope) == set(g.get("scope", [])) or (not r.scope and g.get("coverage") == r.coverage)
    rep.add("scope", scope_ok)
    if not scope_ok:
        rep.errors.append(f"{key}: scope {sorted(r.scope)}, gold {sorted(g.get('scope', []))}")
    rep.add("coverage", r.coverage == g.get("coverage"))
    rep.add("status", r.status == g["status"])
    if g["status"] == "ended":
        rep.add("end_reason", r.end_reason == g.get("end_reason"))
    rep.add("phase", (r.phase or None) == g.get("phase"))
    if r.status != g["status"]:
        rep.errors.append(f"{key}: status {r.status}, gold {g['status']}")
    got = {(s.status, s.date or s.published) for s in r.timeline}
    for t in g.get("timeline", []):
        hit = (t["status"], dt.date.fromisoformat(t["date"])) in got
        rep.add("timeline_entries", hit)
        if not hit:
            rep.errors.append(f"{key}: timeline entry {t['status']} {t['date']} ({t['report']}) not found")
    for c in g.get("conditions", []):
        by = _norm(c["by"], facts)
        match = [x for x in r.conditions if x.by and _norm(x.by, facts) == by]
        rep.add("conditions", bool(match))
        rep.add("condition_status", any(x.status == c["status"] for x in match))
        if not any(x.status == c["status"] for x in match):
            got_c = [x.status for x in match]
            rep.errors.append(
                f"{key}: condition by {c['by']} gold {c['status']}, got {got_c or 'none with that setter'}"
            )
    for v in g.get("violations", []):
        wanted = set(v["reports"])
        match = [x for x in r.violations if wanted & {ids.get(a, a) for a in x.articles}]
        rep.add("violations_linked", bool(match))
        rep.add("violation_assessment", any(x.assessment == v["assessment"] for x in match))
        if not any(x.assessment == v["assessment"] for x in match):
            got_a = [x.assessment for x in match]
            rep.errors.append(f"{key}: violation {v['report']} gold {v['assessment']}, got {got_a or 'no link'}")
