"""A self-contained HTML report of one agreement: no script, no font, nothing fetched to view it.

The timeline is an inline SVG: one band per status period (by event date), a mark for each
violation link coloured by its assessment, and the process's phases listed beside it.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from truceline.models import Agreement

COLOURS = {
    "proposed": "#9ecae1",
    "negotiating": "#6baed6",
    "planned": "#c6dbef",
    "agreed": "#74c476",
    "declared": "#74c476",
    "in_force": "#238b45",
    "suspended": "#fd8d3c",
    "ended": "#969696",
    "rejected": "#de2d26",
}
MARKS = {
    "candidate": "#bdbdbd",
    "alleged": "#fdae6b",
    "disputed": "#e6550d",
    "corroborated": "#a63603",
    "verified": "#54278f",
}
_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;max-width:72rem;color:#222}
h1{font-size:1.4rem;margin-bottom:.2rem} .meta{color:#555} table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f4f4f4} .pill{display:inline-block;padding:0 .5rem;border-radius:.6rem;color:#fff;font-size:.8rem}
svg text{font-size:11px;font-family:system-ui,sans-serif} .quote{color:#444;font-style:italic}
"""


def _pill(status: str) -> str:
    return f'<span class="pill" style="background:{COLOURS.get(status, "#777")}">{escape(status)}</span>'


def _when(s: object) -> dt.date | None:
    return getattr(s, "date", None) or getattr(s, "published", None)


def timeline_svg(a: Agreement, width: int = 900) -> str:
    """Status bands between timeline entries, violation marks below them."""
    entries = [s for s in a.timeline if _when(s)]
    days = [d for d in (_when(s) for s in entries) if d] + [v.date for v in a.violations if v.date]
    if not days:
        return "<p>No dated timeline entries yet.</p>"
    first, last = min(days), max(days) + dt.timedelta(days=3)
    span = max((last - first).days, 1)

    def x(d: dt.date) -> float:
        return 20 + (width - 40) * (d - first).days / span

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="120" role="img" aria-label="timeline">']
    ordered = sorted(entries, key=lambda s: (_when(s), s.status))
    for i, s in enumerate(ordered):
        start = _when(s)
        end = _when(ordered[i + 1]) if i + 1 < len(ordered) else last
        x0, x1 = x(start), max(x(end), x(start) + 3)
        colour = COLOURS.get(s.status, "#777")
        parts.append(
            f'<rect x="{x0:.1f}" y="20" width="{x1 - x0:.1f}" height="30" fill="{colour}">'
            f"<title>{escape(s.status)} from {start} ({escape(s.source or '')})</title></rect>"
        )
        parts.append(f'<text x="{x0 + 2:.1f}" y="15">{escape(s.status)}</text>')
    for v in a.violations:
        if v.date:
            parts.append(
                f'<circle cx="{x(v.date):.1f}" cy="70" r="6" fill="{MARKS.get(v.assessment, "#000")}">'
                f"<title>{escape(v.assessment)}: {escape(v.sentence[:120])}</title></circle>"
            )
    for d in (first, first + dt.timedelta(days=span // 2), last):
        parts.append(f'<text x="{x(d) - 25:.1f}" y="105">{d.isoformat()}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(a: Agreement, phases: list[Agreement] = ()) -> str:
    rows = "".join(
        f"<tr><td>{escape(str(s.date or ''))}</td><td>{_pill(s.status)}"
        f"{(' ' + escape(s.end_reason)) if s.end_reason else ''}</td><td>{escape(s.claimed_by or '')}</td>"
        f"<td>{escape(s.source or '')} {escape(str(s.published or ''))}</td>"
        f'<td class="quote">{escape(s.sentence)}</td><td>{escape(s.rule)}</td></tr>'
        for s in a.timeline
    )
    conds = "".join(
        f"<tr><td>{escape(c.by or '?')}</td><td>{escape(c.on or '?')}</td><td>{escape(c.status)}</td>"
        f"<td>{escape(c.text)}</td></tr>"
        for c in a.conditions
    )
    viol = "".join(
        f"<tr><td>{escape(str(v.date))}</td><td>{escape(v.alleged_violator or '?')}</td>"
        f'<td><span class="pill" style="background:{MARKS.get(v.assessment, "#000")}">'
        f"{escape(v.assessment)}</span></td>"
        f"<td>{escape(', '.join(v.sources))}</td><td>{escape(', '.join(v.basis))}</td>"
        f'<td class="quote">{escape(v.sentence)}</td></tr>'
        for v in a.violations
    )
    oos = "".join(f"<li>{escape(str(v.date))}: {escape(v.reason or '')}</li>" for v in a.out_of_scope)
    steps = "".join(
        f"<li>{'<b>' if p.id == a.id else ''}phase {p.phase}: {escape(p.name)} {_pill(p.status)}"
        f"{'</b>' if p.id == a.id else ''}</li>"
        for p in sorted(phases, key=lambda p: p.phase or 99)
    )
    status = a.status + (f" ({a.end_reason})" if a.end_reason else "")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(a.name)} — Truceline</title>
<style>{_CSS}</style></head><body>
<h1>{escape(a.name)}</h1>
<p class="meta">{escape(a.id)} · {escape(a.kind)} · {_pill(a.status)} {escape(status if a.end_reason else "")} ·
parties {escape(", ".join(a.parties) or "?")} · mediators {escape(", ".join(a.mediators) or "-")} ·
scope {escape(", ".join(a.scope) or a.coverage)} · from {escape(str(a.start_date or "?"))}
to {escape(str(a.end_date or a.planned_end or "…"))} · compliance {escape(a.compliance or "no_reports")} ·
{len(a.articles)} articles</p>
<h2>Timeline</h2>{timeline_svg(a)}
{"<h2>Process</h2><ol>" + steps + "</ol>" if steps else ""}
<table><tr><th>event date</th><th>status</th><th>claimed by</th><th>source</th><th>evidence</th><th>rule</th></tr>
{rows}</table>
<h2>Conditions</h2>{
        "<table><tr><th>by</th><th>on</th><th>status</th><th>condition</th></tr>" + conds + "</table>"
        if conds
        else "<p>None recorded.</p>"
    }
<h2>Violations</h2>{
        "<table><tr><th>date</th><th>violator</th><th>assessment</th><th>sources</th><th>basis</th>"
        "<th>evidence</th></tr>" + viol + "</table>"
        if viol
        else "<p>None linked.</p>"
    }
{"<h3>Not violations (out of scope)</h3><ul>" + oos + "</ul>" if oos else ""}
<p class="meta">Generated by Truceline from {len(a.articles)} stored articles. Every row above quotes its sentence.</p>
</body></html>
"""
