"""Turning candidate mentions into agreement records: identity, merging, names, status."""

from __future__ import annotations

import hashlib
from datetime import date

from truceline.agreements.candidate import Candidate
from truceline.models import Agreement, Evidence, StatusChange

RANK = {  # order of statuses on one day: the end outranks the start reported on the same date
    "planned": 0,
    "proposed": 1,
    "negotiating": 2,
    "rejected": 3,
    "agreed": 4,
    "declared": 4,
    "in_force": 5,
    "extended": 5,
    "suspended": 6,
    "ended": 7,
}


_HALTS = {"ceasefire", "truce", "cessation_of_hostilities", "humanitarian_pause"}


def family(kind: str) -> str:
    """Kinds that name one arrangement across reports: every halt of fighting is a 'ceasefire', a hostage
    release a 'prisoner_exchange' (hostages freed for prisoners: one swap, whatever a report calls it)."""
    if kind == "hostage_release":
        return "prisoner_exchange"
    return "ceasefire" if kind in _HALTS else kind


def compatible(a: Agreement, c: Candidate, loose: bool = False) -> bool:
    """Same arrangement? Needs the same kind, nothing contradictory and one positive sign."""
    halts = ("ceasefire", "truce", "cessation_of_hostilities")
    swaps = ("prisoner_exchange", "hostage_release")
    if a.kind != c.kind and not (a.kind in halts and c.kind in halts) and not (a.kind in swaps and c.kind in swaps):
        return False  # (one report's "truce" is its "ceasefire" and its "cessation of hostilities")
    if a.process and c.process and a.process == c.process:
        return False  # different phases of one process never merge
    a_dom, c_dom = set(a.scope), set(c.domains)
    if a_dom and c_dom and not (a_dom & c_dom):
        return False
    if a.coverage != "unknown" and c.coverage != "unknown" and a.coverage != c.coverage:
        return False
    if a.parties and c.parties and not (set(a.parties) & set(c.parties)):
        return False
    pa, pc = set(a.parties), set(c.parties)
    if len(pa) >= 2 and len(pc) >= 2 and not (pa <= pc or pc <= pa):
        return False  # "a ceasefire between Congo and Rwanda" and "the truce between the M23 and the army": two
    if a.end_date and c.status not in (None, "ended") and (c.date is None or c.date > a.end_date):
        return False
    if a_dom & c_dom:
        return True
    if a.coverage == c.coverage and a.coverage != "unknown":
        return True  # "a partial ceasefire" and an energy-only one; two "complete" ceasefires
    if not a_dom and not c_dom and {a.coverage, c.coverage} == {"unknown", "comprehensive"} and loose:
        if a.process:
            return False
        # "a ceasefire" and "a complete cessation of hostilities", one of them naming no sides
        return bool(set(a.parties) & set(c.parties)) or not a.parties or not c.parties
    if not a_dom and not c_dom and a.coverage == c.coverage == "unknown":
        same_length = a.duration_text is not None and a.duration_text == c.duration_text
        # "violating the ceasefire" then "Hezbollah has violated the ceasefire": a record that names no
        # sides yet is the one arrangement a later mention names them for
        return same_length or bool(set(a.parties) & set(c.parties)) or (not a.parties and a.kind == c.kind)
    return False


def unqualified(c: Candidate) -> bool:
    return not c.parties and not c.domains and c.coverage == "unknown" and not c.process and not c.area


def evidence_of(c: Candidate) -> Evidence:
    return Evidence(
        sentence=c.sent.text.strip(),
        start=c.sent.start_char,
        end=c.sent.end_char,
        rule=c.rule,
        trigger_start=c.head.idx,
        trigger_end=c.head.idx + len(c.head.text),
    )


def name_of(c: Candidate) -> str:
    label = {
        "ceasefire": "ceasefire",
        "prisoner_exchange": "prisoner exchange",
        "peace_agreement": "peace agreement",
        "hostage_release": "hostage release",
        "extension": "extension",
        "humanitarian_corridor": "humanitarian corridor",
        "framework": "framework agreement",
    }.get(c.kind, c.kind)
    if c.kind == "other" and c.purpose:
        label = c.purpose.replace("_", " ")
    scope = " and ".join(d.replace("_", " ").replace(" long range", "") for d in c.domains)
    if scope:
        label = f"{scope} {label}"
    elif c.coverage == "comprehensive":
        label = f"comprehensive {label}"
    if c.area:
        label += f" ({c.area})"
    return label[:1].upper() + label[1:]


def new_record(c: Candidate, article_id: str) -> Agreement:
    aid = hashlib.sha1(f"{article_id}:{c.kind}:{c.head.idx}".encode(), usedforsecurity=False).hexdigest()[:12]
    return Agreement(
        id=f"ag-{aid}",
        kind=c.kind,
        name=name_of(c),
        status="proposed",
        process=c.process,
        phase=c.phase,
        start=c.head.idx,
        end=c.head.idx + len(c.head.text),
    )


def merge_into(r: Agreement, c: Candidate) -> None:
    if c.process and not r.process:
        r.process, r.phase = c.process, c.phase
    r.purpose = r.purpose or c.purpose
    r.extends_kind = r.extends_kind or c.extends_kind
    for d in c.domains:
        if d not in r.scope:
            r.scope.append(d)
    if r.coverage == "unknown":
        r.coverage = c.coverage  # type: ignore[assignment]
    for p in c.parties:
        if p not in r.parties and p not in r.mediators:
            r.parties.append(p)
    for m in c.mediators:
        if m not in r.mediators and m not in r.parties:
            r.mediators.append(m)
    r.events.extend(e for e in c.events if e not in r.events)
    r.conditions.extend(c.conditions)
    r.quantities.extend(q for q in c.quantities if q not in r.quantities)
    r.duration_text = r.duration_text or c.duration_text
    if c.scope_tokens and r.scope_text is None:
        r.scope_text = c.head.doc[min(c.scope_tokens) : max(c.scope_tokens) + 1].text
    if c.start_date and not r.start_date:
        r.start_date, r.start_precision = c.start_date, c.start_precision  # type: ignore[assignment]
    r.evidence.append(evidence_of(c))
    if c.status == "ended" and c.date:
        r.end_date = c.date
    if c.status:
        r.timeline.append(
            StatusChange(
                status=c.status,
                end_reason=c.end_reason,
                date=c.date,
                date_precision=c.date_precision,
                claimed_by=c.declared_by,
                modality=c.modality,
                sentence=c.sent.text.strip(),
                start=c.sent.start_char,
                end=c.sent.end_char,
                rule=c.rule,
            )
        )
    if r.name.lower().startswith(("ceasefire", "prisoner", "peace")) and (c.domains or c.coverage != "unknown"):
        r.name = name_of(c)


def derive_status(r: Agreement, published: date | None) -> None:
    """Latest entry by event date; an undated entry counts as of the article's date."""
    if not r.timeline:
        r.status = "proposed"
        return
    current = [s for s in r.timeline if s.modality not in ("future", "hypothetical")]
    if not current:
        # only announced for later: "is due to take effect on Monday" -> agreed, not yet in force;
        # "will expire on Friday" -> in force until then
        ahead = {s.status for s in r.timeline}
        r.status = (
            "in_force" if ahead & {"ended", "suspended"} else "agreed" if "in_force" in ahead else r.timeline[0].status
        )
        r.end_reason = None
        return
    # (on one day an arrangement agreed outranks one declared: one report's "halt" is another's deal)
    latest = max(current, key=lambda s: (s.date or published or date.min, RANK[s.status], s.status == "agreed"))
    r.status = latest.status
    r.end_reason = latest.end_reason if latest.status == "ended" else None
    # ("violated the three-week-old ceasefire" shows it in force that day, not that it began then)
    begun = [
        s.date
        for s in r.timeline
        if s.date and s.status in ("agreed", "declared", "in_force") and "violated" not in s.rule
    ]
    if begun and r.start_date is None:
        r.start_date, r.start_precision = min(begun), "day"
    if latest.status == "ended":
        r.end_date = latest.date
