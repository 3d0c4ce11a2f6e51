"""The JSON API: the same pydantic models as truceline/1, filters shared with the CLI, CSV/JSONL exports."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Header, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field, field_validator

from truceline.agreements.checks import Finding
from truceline.api.app import State
from truceline.models import (
    PLACE_COLUMNS,
    Actor,
    Agreement,
    Event,
    Statement,
    StatusChange,
    TrucelineRecord,
    ViolationLink,
)
from truceline.store.filters import EventFilter, EventSort

router = APIRouter()
AgreementKind = Literal[
    "ceasefire",
    "truce",
    "cessation_of_hostilities",
    "humanitarian_pause",
    "humanitarian_corridor",
    "prisoner_exchange",
    "hostage_release",
    "peace_agreement",
    "extension",
    "framework",
    "implementation",
    "memorandum",
    "other",
]


def state(request: Request) -> State:
    return request.app.state.truceline


def events_filter(
    actor: Annotated[str | None, Query(max_length=128, description="Actor id or country, source or target.")] = None,
    country: Annotated[str | None, Query(description="ISO alpha-3 country of the source or the target.")] = None,
    dyad: Annotated[str | None, Query(description="Two actors or countries, 'RUS,UKR': either way.")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. ASSAULT.")] = None,
    mode: Annotated[str | None, Query(max_length=32)] = None,
    status: Annotated[str | None, Query(max_length=16)] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the evidence sentence.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    sort: Annotated[EventSort, Query()] = "date",
) -> EventFilter:
    from pydantic import ValidationError

    def given(value: str | None) -> str | None:
        return value.strip() or None if value is not None else None  # an empty form field is no filter

    try:
        return EventFilter(
            actor=given(actor),
            country=given(country),
            dyad=given(dyad),
            type=given(type.upper()) if type else None,  # type: ignore[arg-type]
            mode=given(mode),
            status=given(status),
            since=given(since),  # type: ignore[arg-type]
            until=given(until),  # type: ignore[arg-type]
            q=given(q),
            limit=limit,
            offset=offset,
            sort=sort,
        )
    except ValidationError as exc:
        problems = [f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise HTTPException(422, "; ".join(problems)) from None


Filter = Annotated[EventFilter, Depends(events_filter)]


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters in all.")
    limit: int
    offset: int
    items: list[Event]


class StoryOut(BaseModel):
    id: str
    title: str | None
    source: str | None
    published: str | None
    events: int
    agreements: int
    independent_sources: int
    outlets: list[str]
    copies: int


class ArticleOut(BaseModel):
    record: TrucelineRecord
    text: str


class IngestIn(BaseModel):
    text: str = Field(min_length=1, max_length=5_000_000)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200, description="The outlet.")

    @field_validator("text")
    @classmethod
    def _words(cls, value: str) -> str:
        if len(re.findall(r"[^\W\d_]{2,}", value)) < 3:
            raise ValueError("not an article: fewer than three words")
        return value


class IngestOut(BaseModel):
    outcome: str = Field(description="stored, exact (a copy of a stored story), near, already, failed")
    article_id: str | None
    warnings: list[str]


class Relation(BaseModel):
    source: str
    target: str
    events: int
    goldstein: float | None


# ---------------------------------------------------------------------- articles
@router.get("/articles", response_model=list[StoryOut], tags=["articles"])
def list_articles(
    st: Annotated[State, Depends(state)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[StoryOut]:
    """Stored stories with their copies, outlets and independent sources."""
    stories = st.store.stories(limit=limit, offset=offset)
    return [
        StoryOut(
            id=s.id,
            title=s.title,
            source=s.source,
            published=s.published.isoformat() if s.published else None,
            events=s.events,
            agreements=s.agreements,
            independent_sources=s.independent_sources,
            outlets=s.outlets,
            copies=len([c for c in s.copies if c.relation != "original"]),
        )
        for s in stories
    ]


@router.get("/articles/{article_id}", response_model=ArticleOut, tags=["articles"])
def get_article(article_id: Annotated[str, Path(max_length=64)], st: Annotated[State, Depends(state)]) -> ArticleOut:
    """One article's record and text (an id prefix of 6+ characters is enough)."""
    found = st.store.record(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    record, text = found
    return ArticleOut(record=record, text=text)


def require_writer(
    st: Annotated[State, Depends(state)],
    authorization: Annotated[str | None, Header(description="Bearer <token>")] = None,
) -> None:
    if st.read_only:
        raise HTTPException(403, "this server is read-only")
    token = (authorization or "").removeprefix("Bearer ").strip()
    if not token or not st.store.check_token(token):
        raise HTTPException(
            401, "a valid API token is needed: Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"}
        )


def _ingest(st: State, loaded: list) -> IngestOut:
    from truceline.ingest import Ingestor

    pipe = st.pipeline()
    with st.write_lock:  # one ingest at a time: copies and merges see each other
        ing = Ingestor(st.store, pipe)
        outcomes = [ing.add(x) for x in loaded]
        ing.finish()
    article = next((x.article for x in loaded if x.article is not None), None)
    outcome = outcomes[0] if outcomes else "failed"
    if outcome == "warning":
        outcome = "failed"
    return IngestOut(
        outcome=outcome,
        article_id=article.id if article else None,
        warnings=[w.message for w in ing.summary.warnings],
    )


@router.post(
    "/articles", response_model=IngestOut, status_code=201, tags=["articles"], dependencies=[Depends(require_writer)]
)
def post_article(body: IngestIn, st: Annotated[State, Depends(state)]) -> IngestOut:
    """Ingest one text: coded and stored, or kept as a copy of a stored story. Needs a token."""
    import datetime as dt

    from truceline.errors import InputError
    from truceline.sources import article_from_text
    from truceline.sources.documents import Loaded

    try:
        published = dt.date.fromisoformat(body.published) if body.published else None
        article = article_from_text(
            body.text, published=published, url=body.url, title=body.title, source=body.source, ref="api"
        )
    except (InputError, ValueError) as exc:
        raise HTTPException(422, str(exc)) from None
    result = _ingest(st, [Loaded(ref="api", article=article)])
    if result.outcome == "failed":
        raise HTTPException(422, "; ".join(result.warnings) or "nothing could be read")
    return result


@router.post(
    "/articles/file",
    response_model=IngestOut,
    status_code=201,
    tags=["articles"],
    dependencies=[Depends(require_writer)],
)
def post_article_file(
    st: Annotated[State, Depends(state)],
    file: Annotated[UploadFile, File(description="A text, HTML, feed, JSONL or CSV file.")],
) -> IngestOut:
    """Ingest an uploaded file in any input format `truceline ingest` reads. Needs a token."""
    import tempfile
    from pathlib import Path as FilePath

    from truceline.sources.collect import collect

    name = FilePath(file.filename or "upload.txt").name
    with tempfile.TemporaryDirectory() as tmp:
        path = FilePath(tmp) / name
        path.write_bytes(file.file.read())
        loaded = list(collect([path]))
    result = _ingest(st, loaded)
    if result.outcome == "failed" and result.article_id is None:
        raise HTTPException(422, "; ".join(result.warnings) or "nothing could be read")
    return result


# ---------------------------------------------------------------------- events
@router.get("/events", response_model=EventPage, tags=["events"])
def list_events(f: Filter, st: Annotated[State, Depends(state)]) -> EventPage:
    """Events, filtered, sorted and paged. Each has its sentence, span and rule."""
    items, total = st.store.events_page(f)
    return EventPage(total=total, limit=f.limit, offset=f.offset, items=items)


EXPORT_COLUMNS = (
    "id",
    "date",
    "date_basis",
    "type",
    "mode",
    "source",
    "target",
    "status",
    "cameo",
    "goldstein",
    *PLACE_COLUMNS,
    "sentence",
)


@router.get("/events/export", tags=["events"], response_class=StreamingResponse)
def export_events(
    f: Filter,
    st: Annotated[State, Depends(state)],
    format: Annotated[Literal["csv", "jsonl"], Query()] = "csv",
    max_rows: Annotated[int, Query(ge=1, le=1_000_000)] = 100_000,
) -> StreamingResponse:
    """Every event matching the filters (not only one page) as CSV or JSONL (truceline/1 events)."""

    def rows() -> Iterator[str]:
        page = f.model_copy(update={"limit": 1000, "offset": 0})
        sent = 0
        if format == "csv":
            buf = io.StringIO()
            csv.writer(buf).writerow(EXPORT_COLUMNS)
            yield buf.getvalue()
        while sent < max_rows:
            items, _ = st.store.events_page(page)
            if not items:
                return
            for e in items[: max_rows - sent]:
                if format == "jsonl":
                    yield json.dumps(e.model_dump(mode="json"), ensure_ascii=False) + "\n"
                else:
                    buf = io.StringIO()
                    data = {**e.model_dump(mode="json"), **e.place_columns()}
                    csv.writer(buf).writerow(["" if data.get(c) is None else data.get(c) for c in EXPORT_COLUMNS])
                    yield buf.getvalue()
            sent += len(items)
            page = page.model_copy(update={"offset": page.offset + len(items)})

    media = "text/csv" if format == "csv" else "application/x-ndjson"
    headers = {"Content-Disposition": f'attachment; filename="events.{format}"'}
    return StreamingResponse(rows(), media_type=media, headers=headers)


@router.get("/events/by-country", response_model=dict[str, int], tags=["events"])
def events_by_country(f: Filter, st: Annotated[State, Depends(state)]) -> dict[str, int]:
    """Events per country, as source or target (the map)."""
    return st.store.event_counts_by_country(f)


class PlacePoint(BaseModel):
    name: str | None
    country: str | None
    admin1: str | None = None
    lat: float
    lon: float
    precision: str = Field(description="city: a point; admin1, region...: the centroid of an area.")
    events: int
    fatalities: float = Field(description="Sum of the events' best estimates of deaths.")


@router.get("/events/places", response_model=list[PlacePoint], tags=["events"])
def events_places(f: Filter, st: Annotated[State, Depends(state)]) -> list[dict]:
    """Where the events happened (the map's points): towns as points, areas by their centroid."""
    return st.store.event_places(f)


@router.get("/events/by-month", response_model=list[tuple[str, str, int]], tags=["events"])
def events_by_month(f: Filter, st: Annotated[State, Depends(state)]) -> list[tuple[str, str, int]]:
    """(month, type, count) for the timeline."""
    return st.store.event_counts_by_month(f)


@router.get("/relations", response_model=list[Relation], tags=["events"])
def relations(
    f: Filter, st: Annotated[State, Depends(state)], min_events: Annotated[int, Query(ge=1, le=1000)] = 1
) -> list[Relation]:
    """Dyads with their number of events and mean Goldstein score (the relations graph)."""
    return [Relation(**r) for r in st.store.relations(f, min_events)]


class RelationMonth(BaseModel):
    month: str = Field(description="YYYY-MM")
    events: int
    goldstein: float | None = Field(description="Mean Goldstein score of the month's events.")


@router.get("/relations/timeline", response_model=list[RelationMonth], tags=["events"])
def relation_timeline(f: Filter, st: Annotated[State, Depends(state)]) -> list[RelationMonth]:
    """Month by month, the number of events and their mean Goldstein score (pass dyad=A,B for one relation)."""
    return [RelationMonth(**r) for r in st.store.relation_over_time(f)]


# ---------------------------------------------------------------------- actors, statements
@router.get("/actors", response_model=list[Actor], tags=["actors"])
def list_actors(
    st: Annotated[State, Depends(state)],
    actor: Annotated[str | None, Query(max_length=128)] = None,
    country: Annotated[str | None, Query(max_length=8)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[Actor]:
    """Actors in the store, most mentioned first."""
    found = st.store.actors(actor=actor, country=country)[:limit]
    return [a for a, _ in found]


@router.get("/statements", response_model=list[Statement], tags=["actors"])
def list_statements(
    st: Annotated[State, Depends(state)],
    speaker: Annotated[str | None, Query(max_length=128)] = None,
    article: Annotated[str | None, Query(max_length=64)] = None,
) -> list[Statement]:
    return st.store.statements(speaker=speaker, article=article)


# ---------------------------------------------------------------------- agreements
def _agreement(st: State, agreement_id: str) -> Agreement:
    found = st.store.merged_agreement(agreement_id)
    if found is None:
        raise HTTPException(404, f"no agreement {agreement_id}")
    return found


@router.get("/agreements", response_model=list[Agreement], tags=["agreements"])
def list_agreements(
    st: Annotated[State, Depends(state)],
    party: Annotated[str | None, Query(max_length=128)] = None,
    kind: Annotated[AgreementKind | None, Query()] = None,
    status: Annotated[
        Literal[
            "proposed",
            "negotiating",
            "agreed",
            "declared",
            "in_force",
            "extended",
            "suspended",
            "ended",
            "rejected",
            "planned",
        ]
        | None,
        Query(),
    ] = None,
    process: Annotated[str | None, Query(max_length=64)] = None,
) -> list[Agreement]:
    """Agreements merged across every stored article."""
    return st.store.merged_agreements(party=party, kind=kind, status=status, process=process)


@router.get("/agreements/checks", response_model=list[Finding], tags=["agreements"])
def agreement_checks(st: Annotated[State, Depends(state)]) -> list[Finding]:
    """Merged records with suspicious shapes (as ``truceline agreements check``; shown on the board)."""
    from truceline import ledger

    return ledger.findings(st.store)


AGREEMENT_COLUMNS = (
    "id",
    "kind",
    "name",
    "status",
    "end_reason",
    "parties",
    "mediators",
    "scope",
    "process",
    "phase",
    "start_date",
    "end_date",
    "compliance",
)


@router.get("/agreements/export", tags=["agreements"], response_class=StreamingResponse)
def export_agreements(
    st: Annotated[State, Depends(state)],
    format: Annotated[Literal["csv", "jsonl"], Query()] = "csv",
    party: Annotated[str | None, Query(max_length=128)] = None,
    kind: Annotated[AgreementKind | None, Query()] = None,
) -> StreamingResponse:
    """The merged agreements (optionally of one party or kind) as CSV or JSONL (truceline/1 agreements)."""
    found = st.store.merged_agreements(party=party, kind=kind)

    def rows() -> Iterator[str]:
        if format == "jsonl":
            for a in found:
                yield json.dumps(a.model_dump(mode="json"), ensure_ascii=False) + "\n"
            return
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(AGREEMENT_COLUMNS)
        for a in found:
            data = a.model_dump(mode="json")
            writer.writerow(
                [
                    ";".join(v) if isinstance(v := data.get(c), list) else ("" if v is None else v)
                    for c in AGREEMENT_COLUMNS
                ]
            )
        yield buf.getvalue()

    media = "text/csv" if format == "csv" else "application/x-ndjson"
    headers = {"Content-Disposition": f'attachment; filename="agreements.{format}"'}
    return StreamingResponse(rows(), media_type=media, headers=headers)


@router.get("/agreements/{agreement_id}", response_model=Agreement, tags=["agreements"])
def get_agreement(agreement_id: str, st: Annotated[State, Depends(state)]) -> Agreement:
    return _agreement(st, agreement_id)


@router.get("/agreements/{agreement_id}/timeline", response_model=list[StatusChange], tags=["agreements"])
def agreement_timeline(agreement_id: str, st: Annotated[State, Depends(state)]) -> list[StatusChange]:
    return _agreement(st, agreement_id).timeline


@router.get("/agreements/{agreement_id}/violations", response_model=list[ViolationLink], tags=["agreements"])
def agreement_violations(agreement_id: str, st: Annotated[State, Depends(state)]) -> list[ViolationLink]:
    return _agreement(st, agreement_id).violations


@router.get("/health", tags=["meta"])
def health(st: Annotated[State, Depends(state)]) -> dict[str, object]:
    return {"ok": True, "articles": st.store.article_count(), "read_only": st.read_only}
