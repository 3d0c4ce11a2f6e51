"""Agreements across articles: read every article's agreement records and attack reports from the
store, merge them into one record per agreement (``agreements.consolidate``), lay the violation
overlay on them (``agreements.violations``), apply the analysts' overrides, and store the result.

Run after every ingest batch, deletion or override. The result depends only on what is stored,
never on the order it was stored in.
"""

from __future__ import annotations

import datetime as dt
import re

from truceline.agreements.checks import Finding, check
from truceline.agreements.consolidate import MAX_SCOPE_GAP_DAYS, Member, Override, consolidate
from truceline.agreements.violations import Report, overlay
from truceline.events import tolls
from truceline.models import Agreement, Fatalities
from truceline.store import Store
from truceline.store.sources_store import EventKey
from truceline.store.store import party_key

_REPORTED_TYPES = ("ASSAULT", "COERCE", "ACCUSE", "REJECT")


_SAME_EVENT_DAYS = 1


def corroborate(store: Store) -> int:
    """How many independent outlets report each stored event.

    Two reports are of one event when they have the same type, are dated within a day of each
    other (the article's date when the text gives none), and name the same sides: the same
    source and target, or the same pair either way round, or one side the same and the other
    unknown in one of them. An event's independent sources are the distinct outlets of the articles
    reporting it (an article with no outlet counts as its own). Copies of a story are never coded,
    so they add nothing. Returns the number of events counted."""
    keys = store.event_keys()
    root = same_event(keys)
    outlets: dict[str, set[str]] = {}
    for k in keys:
        outlets.setdefault(root[k.id], set()).add(k.outlet or k.article_id)
    counts = {k.id: len(outlets[root[k.id]]) for k in keys}
    store.set_independent_sources(counts)
    _incident_fatalities(store, root)
    return len(counts)


def _incident_fatalities(store: Store, root: dict[str, str]) -> None:
    """Deaths over every report of one incident: each report's claims kept, low/best/high derived from all
    (UCDP's GED does this by hand); written on every report of the incident that states deaths or is
    grouped with one that does."""
    reports = store.fatality_reports()
    by_incident: dict[str, list[Fatalities]] = {}
    for event_id, f in reports.items():
        if event_id in root:
            by_incident.setdefault(root[event_id], []).append(Fatalities.model_validate(f))
    combined = {r: tolls.combine(fs) for r, fs in by_incident.items()}
    values = {
        e: (combined[r].model_dump(mode="json") if combined.get(r) is not None else None)
        for e, r in root.items()
        if r in combined
    }
    if values:
        store.set_incident_fatalities(values)


def event_cluster(store: Store, event_id: str) -> list[str]:
    """The ids of the stored reports that are of the same event as ``event_id`` (itself included)."""
    root = same_event(store.event_keys())
    if event_id not in root:
        return []
    return sorted(e for e, r in root.items() if r == root[event_id])


def same_event(keys: list[EventKey]) -> dict[str, str]:
    """Each event id -> the id that stands for its group of reports of one event."""
    by_type: dict[str, list[EventKey]] = {}
    for k in keys:
        by_type.setdefault(k.type, []).append(k)
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in by_type.values():
        group.sort(key=lambda k: (k.date is None, k.date or dt.date.min, k.id))
        for i, k in enumerate(group):
            parent.setdefault(k.id, k.id)
            for j in range(i - 1, -1, -1):
                other = group[j]
                if k.date is not None and other.date is not None and (k.date - other.date).days > _SAME_EVENT_DAYS:
                    break
                if (k.date is None) != (other.date is None) or not _same_sides(k, other):
                    continue
                a, b = root(k.id), root(other.id)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {k.id: root(k.id) for k in keys}


def _same_sides(a: EventKey, b: EventKey) -> bool:
    src_a, tgt_a, src_b, tgt_b = a.source, a.target, b.source, b.target
    if (src_a is None and tgt_a is None) or (src_b is None and tgt_b is None):
        return False  # nobody named: nothing to match on
    if {src_a, tgt_a} == {src_b, tgt_b}:
        return True
    if src_a is not None and src_a == src_b:
        return tgt_a is None or tgt_b is None
    if tgt_a is not None and tgt_a == tgt_b:
        return src_a is None or src_b is None
    return False


def findings(store: Store, records: list[Agreement] | None = None) -> list[Finding]:
    """The quality checks (``agreements.checks``) on the stored merged records."""
    facts = store.actor_facts()

    def home(party: str) -> str:
        _, country, _ = facts.get(party, (None, None, None))
        return country or party

    return check(store.merged_agreements() if records is None else records, home)


def rebuild(store: Store, touched: set[str] | None = None) -> list[Agreement]:
    """Merge the stored per-article agreement records into one record per arrangement and store them.

    With ``touched`` (the ids of the articles an ingest stored or changed), only the arrangements those
    articles can affect are recomputed: records merge only between the same sides, so the affected ones are
    those between the sides the new records name (and the arrangements already stored between them). The
    rest of the store is left as it is; the result is the same as a full rebuild. Returns the records
    recomputed (all of them without ``touched``)."""
    facts = store.actor_facts()

    def key(actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        kind, country, sector = facts.get(actor_id, (None, None, None))
        return party_key(actor_id, kind, country, sector)

    replacing: set[str] | None = None
    raw: set[str] | None = None
    if touched is None:
        rows = store.agreement_members()
        sides: set[str] | None = None
    else:
        fresh = store.agreement_members(articles=set(touched))
        sides = {k for a, _, _ in fresh for k in map(key, a.parties) if k}
        sides |= {k for a, _, context in fresh if not a.parties for k in context}
        # a new attack report can join an incident under a stored arrangement between its sides
        attacks = store.event_reports(_REPORTED_TYPES, articles=set(touched))
        for event, _ in attacks:
            sides |= {k for k in (key(event.source), key(event.target)) if k}
        # and only within the longest gap two reports of one arrangement may have, around the new ones
        days = [d for a, ref, _ in fresh for d in [ref.published, *(s.date for s in a.timeline)] if d]
        days += [d for e, ref in attacks for d in (e.date, ref.published) if d]
        reach = dt.timedelta(days=MAX_SCOPE_GAP_DAYS + 31)
        window = (min(days) - reach, max(days) + reach) if days else None
        dirty = (
            [
                r
                for r in store.merged_with_parties(_raw_ids(sides, facts), window[0] if window else None)
                if _within(r, window)
            ]
            if sides
            else []
        )
        sides |= {p for r in dirty for p in r.parties}
        replacing = {r.id for r in dirty}
        members_of = {m for r in dirty for m in r.members}
        raw = _raw_ids(sides, facts)
        rows = store.agreement_members(articles=set(touched), parties=raw, ids=members_of, window=window)
    members = []
    for agreement, article, context in rows:
        parties = list(dict.fromkeys(k for k in map(key, agreement.parties) if k))
        mediators = [m for m in dict.fromkeys(k for k in map(key, agreement.mediators) if k) if m not in parties]
        members.append(
            Member(agreement.model_copy(update={"parties": parties, "mediators": mediators}), article, context)
        )
    saved = store.overrides()
    homes = {aid: country for aid, (kind, country, _) in facts.items() if kind == "group" and country}
    records = consolidate(members, [Override(a, m, o) for a, m, o in saved if a in ("merge", "split")], homes)
    span = None
    if sides is not None:  # the incidents of the recomputed arrangements' own periods, a week either side
        told = [d for r in records for d in _days(r)]
        week = dt.timedelta(days=7)
        if told:  # (an arrangement with no end takes the incidents of every later day)
            open_ended = any(r.end_date is None for r in records)
            span = (min(told) - week, dt.date.max if open_ended else max(told) + week)
    reports = [
        Report(event, article, key(event.source), key(event.target), key(event.reported_by))
        for event, article in store.event_reports(_REPORTED_TYPES, None if raw is None else raw | sides, within=span)
    ]
    party_country = {aid: country for aid, (kind, country, _) in facts.items() if kind == "group" and country}
    monitors = {re.sub(r"\s*\(.*\)$", "", r.monitor) for r in records if r.monitor}
    monitors |= {m.group(1) for r in records if r.monitor and (m := re.search(r"\(([A-Z]{2,8})\)", r.monitor))}
    texts = store.articles_naming(monitors)  # where a monitor's findings may be
    decisions = {
        (m, o or ""): f"{a}ed" if a == "confirm" else "dismissed" for a, m, o in saved if a in ("confirm", "dismiss")
    }
    overlay(records, reports, texts, party_country, decisions, store.article_texts)
    store.save_merged(records, replacing)
    return records


def _days(r: Agreement) -> list[dt.date]:
    return [d for s in r.timeline if (d := s.date or s.published)] + [d for d in (r.start_date, r.end_date) if d]


def _within(r: Agreement, window: tuple[dt.date, dt.date] | None) -> bool:
    """Can a merged record change when reports inside the window arrive?"""
    if window is None:
        return True
    days = _days(r)
    if not days or max(days) >= window[0]:
        return True  # it overlaps the window, or comes after it (a later arrangement may supersede an older one)
    # one still running before the window: a new incident may be a breach of it, a new deal may replace it
    return r.end_date is None and r.status in ("agreed", "declared", "in_force", "extended", "suspended")


def _raw_ids(keys: set[str], facts: dict[str, tuple[str | None, str | None, str | None]]) -> set[str]:
    """Every stored actor id that counts as one of these party keys (a state's forces count as the state)."""
    out = set(keys)
    for aid, (kind, country, sector) in facts.items():
        if party_key(aid, kind, country, sector) in keys:
            out.add(aid)
    return out
