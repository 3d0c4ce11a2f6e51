"""Quality checks on merged agreement records: shapes that usually mean a wrong merge or a wrong side.

``truceline agreements check`` lists them and the ceasefire board shows them on each card. A finding is
a reason to look, not an error: an analyst fixes a wrong merge with ``agreements split`` / ``merge``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from pydantic import BaseModel, Field

from truceline.agreements.records import family
from truceline.models import Agreement


class Finding(BaseModel):
    agreement: str = Field(description="Merged record id.")
    name: str
    code: str = Field(description="many_parties, mediator_is_party, looks_duplicate, start_after_end, no_parties")
    message: str
    other: str | None = Field(None, description="The other record, for looks_duplicate.")


def _span(a: Agreement) -> tuple[dt.date, dt.date] | None:
    days = [d for s in a.timeline if (d := s.date or s.published)]
    days += [d for d in (a.start_date, a.end_date) if d]
    return (min(days), max(days)) if days else None


def check(records: Iterable[Agreement], conflict_of: Callable[[str], str] | None = None) -> list[Finding]:
    """Every suspicious shape among these records. ``conflict_of`` maps a party to its country (a group's
    home), so that 'more than two parties from different conflicts' can be told from a three-sided deal
    inside one country."""
    home = conflict_of or (lambda p: p)
    records = list(records)
    out: list[Finding] = []

    def flag(a: Agreement, code: str, message: str, other: str | None = None) -> None:
        out.append(Finding(agreement=a.id, name=a.name, code=code, message=message, other=other))

    for a in records:
        countries = {home(p) for p in a.parties}
        if len(a.parties) > 2 and len(countries) > 2:
            flag(a, "many_parties", f"{len(a.parties)} parties from {len(countries)} countries: {', '.join(a.parties)}")
        both = sorted(set(a.parties) & set(a.mediators))
        if both:
            flag(a, "mediator_is_party", f"mediator and party: {', '.join(both)}")
        if a.start_date and a.end_date and a.start_date > a.end_date:
            flag(a, "start_after_end", f"starts {a.start_date} after it ends {a.end_date}")
        if not a.parties and a.kind != "other":
            flag(a, "no_parties", "no party named")
    for i, a in enumerate(records):
        for b in records[i + 1 :]:
            if family(a.kind) != family(b.kind) or not a.parties or set(a.parties) != set(b.parties):
                continue
            if set(a.scope) != set(b.scope):
                continue  # an energy ceasefire and a maritime one between the same sides are two
            if a.kind == "extension" or b.kind == "extension" or (a.process and a.process == b.process):
                continue
            sa, sb = _span(a), _span(b)
            near = dt.timedelta(days=3)  # (reports of one deal date it within a few days of each other)
            if sa and sb and sa[0] <= sb[1] + near and sb[0] <= sa[1] + near:
                flag(a, "looks_duplicate", f"same sides and kind, overlapping dates as {b.id} ({b.name})", b.id)
    return out
