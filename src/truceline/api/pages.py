"""Dashboard pages, rendered on the server (Jinja2); each names its JSON twin under /api.

Pages: events (timeline chart, filters, table, exports), ceasefire board (a card per agreement),
one agreement (timeline chart, conditions, violations), relations graph, map, articles (the text
with its coded spans highlighted and each event explained), search. The graph and the map are
drawn in the browser with the vendored d3 files; nothing is fetched from the network.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from truceline.api.app import State
from truceline.api.routes import Filter, state
from truceline.models import Agreement, TrucelineRecord

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
St = Annotated[State, Depends(state)]


def _twin(request: Request, path: str) -> str:
    query = request.url.query
    return f"/api{path}" + (f"?{query}" if query else "")


def _page(request: Request, name: str, twin: str, **context: object) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"twin": twin, **context})


@router.get("/", response_class=HTMLResponse)
def home() -> RedirectResponse:
    return RedirectResponse("/agreements")


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, f: Filter, st: St) -> HTMLResponse:
    items, total = st.store.events_page(f)
    months = st.store.event_counts_by_month(f.model_copy(update={"limit": 1000, "offset": 0}))
    return _page(
        request,
        "events.html",
        _twin(request, "/events"),
        events=items,
        total=total,
        f=f,
        chart=Markup(_month_chart(months)),  # noqa: S704 - built from escaped parts
        export_query=request.url.query,
    )


@router.get("/agreements", response_class=HTMLResponse)
def board(request: Request, st: St) -> HTMLResponse:
    from truceline import ledger

    cards = st.store.merged_agreements()
    warnings: dict[str, list[str]] = {}
    for f in ledger.findings(st.store, cards):
        warnings.setdefault(f.agreement, []).append(f.message)
    return _page(request, "board.html", "/api/agreements", cards=cards, last=_last_change, warnings=warnings)


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def agreement_page(request: Request, agreement_id: str, st: St) -> HTMLResponse:
    from truceline.agreements.report import timeline_svg

    a = st.store.merged_agreement(agreement_id)
    if a is None:
        raise HTTPException(404, f"no agreement {agreement_id}")
    phases = st.store.merged_agreements(process=a.process) if a.process else []
    return _page(
        request,
        "agreement.html",
        f"/api/agreements/{a.id}",
        a=a,
        phases=phases,
        chart=Markup(timeline_svg(a)),  # noqa: S704 - the report module escapes every text it draws
    )


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request) -> HTMLResponse:
    return _page(request, "graph.html", _twin(request, "/relations"))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    return _page(request, "map.html", _twin(request, "/events/by-country"))


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, st: St) -> HTMLResponse:
    return _page(request, "articles.html", "/api/articles", stories=st.store.stories())


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, st: St) -> HTMLResponse:
    found = st.store.record(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    record, text = found
    return _page(
        request,
        "article.html",
        f"/api/articles/{record.article.id}",
        record=record,
        marked=Markup(highlight(record, text)),  # noqa: S704 - highlight escapes the text
        statements=st.store.statements(article=record.article.id),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, st: St, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    from truceline.store.filters import EventFilter

    events, total = st.store.events_page(EventFilter(q=q, limit=50)) if q.strip() else ([], 0)
    actors = [a for a, _ in st.store.actors(actor=q)][:20] if q.strip() else []
    words = q.lower().split()
    agreements = [a for a in st.store.merged_agreements() if words and all(w in _agreement_text(a) for w in words)]
    return _page(
        request,
        "search.html",
        f"/api/events?q={quote(q)}",
        q=q,
        events=events,
        total=total,
        actors=actors,
        agreements=agreements,
    )


# ---------------------------------------------------------------------- helpers
def _agreement_text(a: Agreement) -> str:
    return " ".join([a.name, a.kind, *a.parties, *a.mediators, *a.scope]).lower()


def _last_change(a: Agreement) -> str:
    if not a.timeline:
        return ""
    s = a.timeline[-1]
    when = s.date or s.published
    return f"{s.status.replace('_', ' ')} {when.isoformat() if when else ''}".strip()


def highlight(record: TrucelineRecord, text: str) -> str:
    """The article text with actor mentions and event triggers marked (escaped; spans may not overlap)."""
    spans: list[tuple[int, int, str, str]] = []
    for actor in record.actors:
        for m in actor.mentions:
            spans.append((m.start, m.end, "actor", f"{actor.id} ({m.method})"))
    for e in record.events:
        for ev in e.evidence or []:
            if ev.trigger_start is not None and ev.trigger_end is not None:
                spans.append((ev.trigger_start, ev.trigger_end, "event", f"{e.type} {e.id}: {e.rule}"))
        if not e.evidence:
            spans.append((e.start, e.end, "event", f"{e.type} {e.id}: {e.rule}"))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, at = [], 0
    for start, end, kind, title in spans:
        if start < at or end > len(text):
            continue
        out.append(html.escape(text[at:start]))
        out.append(
            f'<mark class="{kind}" title="{html.escape(title, quote=True)}">{html.escape(text[start:end])}</mark>'
        )
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def _month_chart(months: list[tuple[str, str, int]], width: int = 900, height: int = 140) -> str:
    """Events per month as stacked bars (inline SVG)."""
    if not months:
        return '<p class="muted">No dated events.</p>'
    totals: dict[str, int] = {}
    for m, _, n in months:
        totals[m] = totals.get(m, 0) + n
    keys = sorted(totals)
    top = max(totals.values())
    bar = max(4, min(60, (width - 40) // max(len(keys), 1) - 4))
    parts = [f'<svg class="chart" width="{width}" height="{height + 24}" role="img" aria-label="events per month">']
    for i, m in enumerate(keys):
        h = int(totals[m] / top * height)
        x = 20 + i * (bar + 4)
        parts.append(
            f'<rect x="{x}" y="{height - h}" width="{bar}" height="{h}" data-month="{m}" data-count="{totals[m]}">'
            f"<title>{m}: {totals[m]} events</title></rect>"
        )
        if len(keys) <= 24 or i % max(1, len(keys) // 12) == 0:
            parts.append(f'<text x="{x}" y="{height + 16}">{html.escape(m)}</text>')
    parts.append("</svg>")
    return "".join(parts)
