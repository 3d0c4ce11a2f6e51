"""Score extracted events against a gold file.

Gold format (JSONL, one text per line)::

    {"id": "d001", "published": "2025-03-19", "text": "...", "events": [
        {"type": "ASSAULT", "mode": "drone", "source": {"country": "RUS", "sector": "MIL"},
         "target": {"country": "UKR", "sector": null}, "date": "2025-03-16", "status": "asserted",
         "trigger": "attack", "quantities": [{"value": 12, "unit": "killed"}]}]}

PLOVER's hand-coded sentences (``PLOVER_GSR_CAMEO.txt``) are read with :func:`load_plover_gsr`,
which maps their old labels (DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT) and
CAMEO country codes to ISO alpha-3.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from truceline.errors import InputError
from truceline.events.quantities import UNITS
from truceline.models import TrucelineRecord

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO/PLOVER country-like codes that are not ISO alpha-3
CAMEO_CODES = {
    "JAP": "JPN",
    "UNO": None,
    "IGO": None,
    "NGO": None,
    "EUR": None,
    "KOS": "XKX",
    "DEU": "DEU",
    "GMY": "DEU",
    "ROM": "ROU",
    "SER": "SRB",
    "ISM": None,
    "IMG": None,
    "MNC": None,
    # typos in PLOVER's GSR file, normalised on the gold side (no such ISO or CAMEO codes exist)
    "ITL": "ITA",
    "VTN": "VNM",
}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    ok: int = 0
    total: int = 0

    def add(self, good: bool) -> None:
        self.total += 1
        self.ok += int(good)

    @property
    def value(self) -> float:
        return self.ok / self.total if self.total else 0.0


@dataclass
class Report:
    texts: int = 0
    overall: Tally = field(default_factory=Tally)
    per_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    dyad: Ratio = field(default_factory=Ratio)
    source: Ratio = field(default_factory=Ratio)
    target: Ratio = field(default_factory=Ratio)
    date: Ratio = field(default_factory=Ratio)
    status: Ratio = field(default_factory=Ratio)
    quantities: Ratio = field(default_factory=Ratio)
    sentence_type: Ratio = field(default_factory=Ratio)
    sentence_type_dyad: Ratio = field(default_factory=Ratio)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "texts": self.texts,
            "events": {
                "precision": self.overall.precision,
                "recall": self.overall.recall,
                "f1": self.overall.f1,
                "tp": self.overall.tp,
                "fp": self.overall.fp,
                "fn": self.overall.fn,
            },
            "per_type": {
                t: {"precision": v.precision, "recall": v.recall, "f1": v.f1, "gold": v.tp + v.fn}
                for t, v in sorted(self.per_type.items())
            },
            "matched": {
                name: {"accuracy": r.value, "n": r.total}
                for name, r in (
                    ("dyad", self.dyad),
                    ("source", self.source),
                    ("target", self.target),
                    ("date", self.date),
                    ("status", self.status),
                    ("quantities", self.quantities),
                )
            },
            "sentences": {
                "type": self.sentence_type.value,
                "type_and_dyad": self.sentence_type_dyad.value,
                "n": self.sentence_type.total,
            },
        }


# Gold units written before the codebook's units (docs/places.md), folded to them: a gold unit -> the
# units it accepts, and the factor that turns its value into that unit.
_GOLD_UNITS: dict[str, tuple[set[str], float]] = {
    "soldiers": ({"troops", "killed", "wounded", "prisoners"}, 1),
    "fighters": ({"troops", "killed", "wounded", "prisoners"}, 1),
    "people": ({"killed", "wounded", "casualties", "prisoners", "hostages", "displaced", "other"}, 1),
    "rockets": ({"missiles"}, 1),
    "shells": ({"missiles"}, 1),
    "hours": ({"days"}, 1 / 24),
    "weeks": ({"days"}, 7),
    "months": ({"days"}, 30),
    "years": ({"days"}, 365),
    "released": ({"prisoners", "hostages"}, 1),
}


def _same_count(value: float, unit: str, gold_value: float, gold_unit: str | None) -> bool:
    """A coded count equals a gold one: same value (after turning hours or weeks into days) and a unit the
    gold's accepts (a gold count of things with no unit of their own -- vessels, sites -- takes 'other')."""
    if not gold_unit:
        return abs(value - gold_value) < 1e-6
    units, factor = _GOLD_UNITS.get(gold_unit, ({gold_unit}, 1))
    if gold_unit not in _GOLD_UNITS and gold_unit not in UNITS:
        units = {gold_unit, "other"}
    return unit in units and abs(value - gold_value * factor) < 1e-6 * max(1.0, gold_value * factor)


def load_gold(path: str | Path) -> list[dict]:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    items = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{p}:{n}: not JSON ({exc.msg})") from None
        if "text" not in item or "events" not in item:
            raise InputError(f"{p}:{n}: a gold item needs `text` and `events`")
        items.append(item)
    return items


def _iso(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()[:3]
    return CAMEO_CODES.get(code, code) if code in CAMEO_CODES else code


def _actors(value: Any) -> list[dict]:
    if not value:
        return []
    return [a for a in (value if isinstance(value, list) else [value]) if isinstance(a, dict)]


def load_plover_gsr(path: str | Path) -> list[dict]:
    """PLOVER's gold sentences as gold items (one event each; compound actors kept as lists)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: not a PLOVER JSON file ({exc})") from None
    items = []
    for rec in data:
        etype = OLD_LABELS.get(rec.get("event", ""), rec.get("event", ""))
        if etype == "DOCUMENT" or "text" not in rec:
            continue
        ev = {
            "type": etype,
            "sources": [
                {"country": _iso(a.get("code")), "sector": a.get("sector")} for a in _actors(rec.get("source"))
            ],
            "targets": [
                {"country": _iso(a.get("code")), "sector": a.get("sector")} for a in _actors(rec.get("target"))
            ],
        }
        items.append({"id": rec["id"], "text": rec["text"], "published": None, "events": [ev]})
    return items


def _countries(gold_actor: Any) -> set[str | None]:
    return {_iso(a.get("country")) for a in _actors(gold_actor)}


def _trigger_match(gold: dict, pred: Any) -> bool:
    want = (gold.get("trigger") or "").lower()
    if not want:
        return True
    got = pred.trigger.lower()
    return got[:4] == want[:4] or got in want or want in got


def score(records: list[TrucelineRecord], items: list[dict], show_errors: int = 0) -> Report:
    rep = Report()
    for record, item in zip(records, items, strict=True):
        rep.texts += 1
        country = {a.id: a.country for a in record.actors}
        preds = [e for e in record.events if not e.negated]
        # a trigger with no target (a partial event) answers only a gold event that has no target either;
        # it is never an extra, since it is not an event of the record
        partial = {len(preds) + k for k, e in enumerate(e for e in record.partial_events if not e.negated)}
        preds += [e for e in record.partial_events if not e.negated]
        gold_events = item.get("events", [])
        used: set[int] = set()
        for g in gold_events:
            g_sources = _countries(g.get("source")) | {_iso(a.get("country")) for a in g.get("sources", [])}
            g_targets = _countries(g.get("target")) | {_iso(a.get("country")) for a in g.get("targets", [])}
            g_sources.discard(None)
            g_targets.discard(None)
            candidates = [
                (i, e)
                for i, e in enumerate(preds)
                if i not in used and e.type == g["type"] and (i not in partial or not g_targets)
            ]
            best = None
            for i, e in candidates:
                good = int(_trigger_match(g, e)) * 2 + int(country.get(e.source or "") in g_sources)
                if best is None or good > best[0]:
                    best = (good, i, e)
            # sentence-level view (PLOVER gold: one event per sentence)
            # (a trigger typed right counts for the type, whether or not its target was found)
            rep.sentence_type.add(any(e.type == g["type"] for e in preds))
            rep.sentence_type_dyad.add(
                any(_dyad_ok(e, country, g_sources, g_targets) for e in preds if e.type == g["type"])
            )
            if best is None:
                rep.overall.fn += 1
                rep.per_type[g["type"]].fn += 1
                if len(rep.errors) < show_errors:
                    got = ", ".join(f"{e.type}({e.source}->{e.target})" for e in preds) or "nothing"
                    rep.errors.append(f"missed {g['type']}: {item['text'][:120]!r} — coded {got}")
                continue
            _, i, e = best
            used.add(i)
            rep.overall.tp += 1
            rep.per_type[g["type"]].tp += 1
            src_ok = not g_sources or country.get(e.source or "") in g_sources
            tgt_ok = not g_targets or country.get(e.target or "") in g_targets
            if g_sources:
                rep.source.add(src_ok)
            if g_targets:
                rep.target.add(tgt_ok)
            if g_sources or g_targets:
                rep.dyad.add(src_ok and tgt_ok)
            if not (src_ok and tgt_ok) and len(rep.errors) < show_errors:
                rep.errors.append(
                    f"dyad {g['type']} gold {sorted(g_sources)}->{sorted(g_targets)}, coded "
                    f"{country.get(e.source or '')}->{country.get(e.target or '')} ({e.source}->{e.target}, "
                    f"{e.rule}): {item['text'][:110]!r}"
                )
            if g.get("date"):
                rep.date.add(e.date is not None and e.date == dt.date.fromisoformat(g["date"]))
            if g.get("status"):
                rep.status.add(e.status == g["status"])
            for q in g.get("quantities") or []:
                gold_value, gold_unit = float(q["value"]), q.get("unit")
                rep.quantities.add(any(_same_count(p.value, p.unit, gold_value, gold_unit) for p in e.quantities))
        for i, e in enumerate(preds):
            if i not in used and i not in partial:
                rep.overall.fp += 1
                rep.per_type[e.type].fp += 1
                if len(rep.errors) < show_errors:
                    rep.errors.append(
                        f"extra {e.type}({e.source}->{e.target}) on {e.trigger!r}: {item['text'][:100]!r}"
                    )
    return rep


def _dyad_ok(e: Any, country: dict, g_sources: set, g_targets: set) -> bool:
    src = country.get(e.source or "")
    tgt = country.get(e.target or "")
    src_ok = not g_sources or src in g_sources
    tgt_ok = not g_targets or tgt in g_targets or (tgt is None and src in g_targets)
    return src_ok and tgt_ok


def run(pipe: Any, items: list[dict], show_errors: int = 0, progress: Any = None) -> Report:
    records = []
    for item in items:
        published = dt.date.fromisoformat(item["published"]) if item.get("published") else None
        records.append(pipe.extract(item["text"], published=published))
        if progress is not None:
            progress()
    return score(records, items, show_errors)
