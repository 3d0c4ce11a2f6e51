"""Divergence: line up what each source says about one agreement or one event, and flag differences.

An agreement's accounts are the per-article records merged into it (one account per outlet); an
event's accounts are the reports that the corroboration pass counts as the same event. For each
field (scope, parties, mediators, duration, numbers, dates, conditions, status) an account gives a
value or nothing; a field is flagged when two accounts give different values, or when only some of
them give one ("30 days" in one readout, nothing in the other).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import BaseModel, Field

from truceline.models import Agreement, ArticleRef, Event

AGREEMENT_FIELDS = (
    "status",
    "scope",
    "scope_text",
    "parties",
    "mediators",
    "duration",
    "numbers",
    "dates",
    "conditions",
)
EVENT_FIELDS = ("type", "source", "target", "date", "location", "numbers", "status")


class Account(BaseModel):
    """What one outlet (or one article without an outlet) says."""

    outlet: str
    articles: list[str]
    values: dict[str, str | None]
    evidence: list[str] = Field(default_factory=list, description="The sentences the values come from.")


class FieldComparison(BaseModel):
    field: str
    values: dict[str, str | None] = Field(description="Outlet -> the value it gives (None: it says nothing).")
    differs: bool
    note: str | None = Field(None, description="'given by one source only', 'values differ'.")


class Comparison(BaseModel):
    subject: str = Field(description="The agreement or event id.")
    kind: str = Field(description="agreement or event")
    title: str
    accounts: list[Account]
    fields: list[FieldComparison]

    @property
    def differences(self) -> list[FieldComparison]:
        return [f for f in self.fields if f.differs]


def _join(values: Iterable[str]) -> str | None:
    items = sorted({v for v in values if v})
    return "; ".join(items) if items else None


def _numbers(quantities: Iterable) -> str | None:
    parts = []
    for q in quantities:
        value = int(q.value) if float(q.value).is_integer() else q.value
        parts.append(f"{value} {q.unit}{' per side' if q.per_side else ''}")
    return _join(parts)


def agreement_values(records: list[Agreement]) -> dict[str, str | None]:
    """The values one outlet's records give (several records from one outlet are read together)."""
    dates = []
    for r in records:
        for s in r.timeline:
            if s.date is not None and s.modality in ("asserted", "claimed", "future"):
                dates.append(f"{s.status} {s.date.isoformat()}")
    return {
        "status": _join(r.status for r in records),
        "scope": _join(d.replace("_", " ") for r in records for d in r.scope if d != "all_hostilities"),
        "scope_text": _join(r.scope_text or "" for r in records),
        "parties": _join(p for r in records for p in r.parties),
        "mediators": _join(p for r in records for p in r.mediators),
        "duration": _join(r.duration_text or "" for r in records),
        "numbers": _numbers(q for r in records for q in r.quantities),
        "dates": _join(dates),
        "conditions": _join(f"{c.text} (set by {c.by})" if c.by else c.text for r in records for c in r.conditions),
    }


def event_values(events: list[Event]) -> dict[str, str | None]:
    return {
        "type": _join(e.type for e in events),
        "source": _join(e.source or "" for e in events),
        "target": _join(e.target or "" for e in events),
        "date": _join(e.date.isoformat() if e.date else "" for e in events),
        "location": _join(e.location.name if e.location else "" for e in events),
        "numbers": _numbers(q for e in events for q in e.quantities),
        "status": _join(e.status for e in events),
    }


def _outlet(article: ArticleRef) -> str:
    return article.source or f"article {article.id[:10]}"


def compare(subject: str, kind: str, title: str, accounts: list[Account], fields: tuple[str, ...]) -> Comparison:
    out = []
    for name in fields:
        values = {a.outlet: a.values.get(name) for a in accounts}
        given = {v for v in values.values() if v is not None}
        note = None
        if len(given) > 1:
            note = "values differ"
        elif given and len(given) == 1 and any(v is None for v in values.values()) and len(values) > 1:
            note = "given by " + ", ".join(o for o, v in values.items() if v is not None) + " only"
        out.append(FieldComparison(field=name, values=values, differs=note is not None, note=note))
    return Comparison(subject=subject, kind=kind, title=title, accounts=accounts, fields=out)


def compare_agreement(
    merged: Agreement, members: list[tuple[Agreement, ArticleRef]], outlets: list[str] | None = None
) -> Comparison:
    """One account per outlet among the merged record's members (optionally only the named outlets)."""
    by_outlet: dict[str, list[tuple[Agreement, ArticleRef]]] = {}
    for record, article in members:
        by_outlet.setdefault(_outlet(article), []).append((record, article))
    wanted = [o for o in by_outlet if not outlets or any(w.lower() in o.lower() for w in outlets)]
    accounts = [
        Account(
            outlet=o,
            articles=sorted({a.id for _, a in by_outlet[o]}),
            values=agreement_values([r for r, _ in by_outlet[o]]),
            evidence=[s.sentence for r, _ in by_outlet[o] for s in r.timeline][:3],
        )
        for o in sorted(wanted, key=lambda o: min(_published(a) for _, a in by_outlet[o]))
    ]
    return compare(merged.id, "agreement", merged.name, accounts, AGREEMENT_FIELDS)


def compare_events(
    event_id: str, reports: list[tuple[Event, ArticleRef]], outlets: list[str] | None = None
) -> Comparison:
    by_outlet: dict[str, list[tuple[Event, ArticleRef]]] = {}
    for event, article in reports:
        by_outlet.setdefault(_outlet(article), []).append((event, article))
    wanted = [o for o in by_outlet if not outlets or any(w.lower() in o.lower() for w in outlets)]
    accounts = [
        Account(
            outlet=o,
            articles=sorted({a.id for _, a in by_outlet[o]}),
            values=event_values([e for e, _ in by_outlet[o]]),
            evidence=[e.sentence for e, _ in by_outlet[o]][:3],
        )
        for o in sorted(wanted, key=lambda o: min(_published(a) for _, a in by_outlet[o]))
    ]
    first = reports[0][0] if reports else None
    title = f"{first.type} {first.source or '?'} → {first.target or '?'}" if first else event_id
    return compare(event_id, "event", title, accounts, EVENT_FIELDS)


def _published(article: ArticleRef) -> dt.date:
    return article.published or dt.date.max
