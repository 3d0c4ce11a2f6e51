"""``truceline articles`` / ``warnings`` / ``statements`` / ``compare``: what the sources say, and where they differ."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from truceline.cli_common import DbOpt, Format, FormatOpt, _date, _print_json, _print_rows, _store, out
from truceline.errors import TrucelineError


def register(app: typer.Typer) -> None:
    app.command("articles")(articles)
    app.command("warnings")(warnings)
    app.command("statements")(statements)
    app.command("compare")(compare)


def articles(
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    copies: Annotated[
        bool, typer.Option(help="List every copy (outlet, relation, similarity) under its story.")
    ] = False,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """Stored stories: each coded article with its copies (syndicated exact and near copies), the
    outlets that carried it, and its independent sources (the most outlets that independently report
    any of its events)."""
    found = _store(db).stories(since=_date(since, "--since"), until=_date(until, "--until"))
    if fmt is Format.json:
        _print_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "source": s.source,
                    "published": s.published.isoformat() if s.published else None,
                    "events": s.events,
                    "agreements": s.agreements,
                    "independent_sources": s.independent_sources,
                    "outlets": s.outlets,
                    "copies": [
                        {**vars(c), "published": c.published.isoformat() if c.published else None}
                        for c in s.copies
                        if c.relation != "original"
                    ],
                }
                for s in found
            ]
        )
        return
    rows = []
    for s in found:
        others = [c for c in s.copies if c.relation != "original"]
        rows.append(
            {
                "id": s.id,
                "title": (s.title or "")[:60],
                "source": s.source,
                "published": s.published,
                "copies": len(others),
                "outlets": len(s.outlets),
                "independent": s.independent_sources,
                "events": s.events,
                "agreements": s.agreements,
            }
        )
        if copies and fmt is Format.table:
            for c in others:
                rows.append(
                    {
                        "id": f"  ↳ {c.relation}",
                        "title": (c.title or "")[:60],
                        "source": c.source,
                        "published": c.published,
                        "copies": f"{c.similarity:.2f}",
                        "outlets": "",
                        "independent": "",
                        "events": "",
                        "agreements": c.ref or c.url or "",
                    }
                )
    _print_rows(rows, fmt, "Stories")


def warnings(
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """Problems met while ingesting: unreadable files, bad lines, pages with no article, guessed encodings."""
    rows = [
        {"ref": ref, "code": code, "level": "error" if fatal else "warning", "message": message, "at": at}
        for ref, code, message, fatal, at in _store(db).ingest_warnings(limit)
    ]
    if fmt is Format.json:
        _print_json([{**r, "at": r["at"].isoformat()} for r in rows])
        return
    _print_rows(rows, fmt, "Ingest warnings")


def statements(
    speaker: Annotated[str | None, typer.Option(help="Actor id of the speaker.")] = None,
    article: Annotated[str | None, typer.Option(help="Article id (or its first 6+ characters).")] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """Quoted and reported speech: who said what, and the events each statement asserts."""
    found = _store(db).statements(speaker=speaker, article=article)
    if fmt is Format.json:
        _print_json([s.model_dump(mode="json") for s in found])
        return
    table = Table(title=f"Statements ({len(found)})")
    for col in ("article", "speaker", "kind", "verb", "quote", "events"):
        table.add_column(col, overflow="fold")
    for s in found:
        table.add_row(
            (s.article_id or "")[:10],
            s.speaker or f"({s.speaker_text or '?'})",
            s.kind,
            s.verb or "",
            s.quote[:160],
            ", ".join(s.events),
        )
    out.print(table)


def compare(
    subject: Annotated[
        str | None,
        typer.Argument(help="An agreement id (merged, or one of its members) or an event id; none: list divergences."),
    ] = None,
    outlet: Annotated[
        list[str] | None, typer.Option(help="Only these outlets (part of the name is enough); repeatable.")
    ] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """Line up what each source says about one agreement or event, side by side, and flag where they
    differ (scope, parties, numbers, dates, conditions…). Without an id: every agreement that two or
    more outlets report, with the fields they disagree on."""
    from truceline import compare as cmp
    from truceline import ledger

    store = _store(db)
    if subject is None:
        rows = []
        for merged in store.merged_agreements():
            result = cmp.compare_agreement(merged, store.agreement_records(merged.members), outlet)
            if len(result.accounts) < 2:
                continue
            rows.append(
                {
                    "id": merged.id,
                    "name": merged.name,
                    "outlets": len(result.accounts),
                    "differences": ", ".join(f.field for f in result.differences) or "none",
                }
            )
        _print_rows(rows, fmt, "Agreements told by two or more outlets")
        return
    event_id = subject if subject.startswith("ev-") else None
    if event_id is not None:
        full = store.event_id(event_id) or event_id
        ids = ledger.event_cluster(store, full)
        if not ids:
            raise TrucelineError(f"no stored event {subject}")
        result = cmp.compare_events(full, store.event_records(ids), outlet)
    else:
        merged = store.merged_agreement(subject)
        if merged is None:
            raise TrucelineError(f"no agreement {subject} (see `truceline agreements`)")
        result = cmp.compare_agreement(merged, store.agreement_records(merged.members), outlet)
    if fmt is Format.json:
        _print_json({**result.model_dump(mode="json"), "differences": [f.field for f in result.differences]})
        return
    if len(result.accounts) < 2:
        out.print(f"{result.subject}: only one source tells it ({', '.join(a.outlet for a in result.accounts)})")
    table = Table(title=f"{result.title} — {len(result.accounts)} sources", show_lines=True)
    table.add_column("field", style="bold")
    for a in result.accounts:
        table.add_column(a.outlet, overflow="fold")
    table.add_column("", overflow="fold")
    for f in result.fields:
        cells = [("—" if f.values.get(a.outlet) is None else str(f.values[a.outlet])) for a in result.accounts]
        mark = f"[red]≠ {f.note}[/]" if f.differs else ""
        table.add_row(f.field, *cells, mark)
    out.print(table)
