"""Agreements across articles: read every article's agreement records and attack reports from the
store, merge them into one record per agreement (``agreements.consolidate``), lay the violation
overlay on them (``agreements.violations``), apply the analysts' overrides, and store the result.

Run after every ingest batch, deletion or override. The result depends only on what is stored,
never on the order it was stored in.
"""

from __future__ import annotations

import re

from truceline.agreements.consolidate import Member, Override, consolidate
from truceline.agreements.violations import Report, calls_breach, overlay
from truceline.models import Agreement
from truceline.store import Store
from truceline.store.store import party_key

_REPORTED_TYPES = ("ASSAULT", "COERCE", "ACCUSE", "REJECT")


def rebuild(store: Store) -> list[Agreement]:
    facts = store.actor_facts()

    def key(actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        kind, country, sector = facts.get(actor_id, (None, None, None))
        return party_key(actor_id, kind, country, sector)

    members = []
    breach_articles: set[str] = set()
    for agreement, article, context in store.agreement_members():
        if any(calls_breach(t.sentence) for t in agreement.timeline):
            breach_articles.add(article.id)  # "the strike is a clear violation of the cessation of hostilities"
        parties = list(dict.fromkeys(k for k in map(key, agreement.parties) if k))
        mediators = [m for m in dict.fromkeys(k for k in map(key, agreement.mediators) if k) if m not in parties]
        members.append(
            Member(agreement.model_copy(update={"parties": parties, "mediators": mediators}), article, context)
        )
    saved = store.overrides()
    records = consolidate(members, [Override(a, m, o) for a, m, o in saved if a in ("merge", "split")])
    reports = [
        Report(event, article, key(event.source), key(event.target), key(event.reported_by))
        for event, article in store.event_reports(_REPORTED_TYPES)
    ]
    party_country = {aid: country for aid, (kind, country, _) in facts.items() if kind == "group" and country}
    monitors = {re.sub(r"\s*\(.*\)$", "", r.monitor) for r in records if r.monitor}
    monitors |= {m.group(1) for r in records if r.monitor and (m := re.search(r"\(([A-Z]{2,8})\)", r.monitor))}
    texts = store.articles_naming(monitors)  # where a monitor's findings may be
    decisions = {
        (m, o or ""): f"{a}ed" if a == "confirm" else "dismissed" for a, m, o in saved if a in ("confirm", "dismiss")
    }
    overlay(records, reports, texts, party_country, decisions, breach_articles)
    store.save_merged(records)
    return records
