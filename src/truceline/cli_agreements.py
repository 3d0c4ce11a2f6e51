"""``truceline agreements`` / ``agreement`` / ``process`` / ``report``: agreements across the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from truceline.cli_common import DbOpt, Format, FormatOpt, _print_json, _print_rows, _store, err, out
from truceline.errors import TrucelineError
from truceline.models import Agreement

agreements_app = typer.Typer(
    help="Agreements merged across every stored article; merge/split/confirm/dismiss record an analyst's override.",
    invoke_without_command=True,
)
report_app = typer.Typer(help="Self-contained HTML reports.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(agreements_app, name="agreements")
    app.add_typer(report_app, name="report")
    app.command("agreement")(agreement)
    app.command("process")(process)


AgreementArg = Annotated[str, typer.Argument(help="Agreement id.")]


def _row(a: Agreement) -> dict:
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "status": a.status if a.status != "ended" else f"ended ({a.end_reason or '?'})",
        "parties": ",".join(a.parties),
        "mediators": ",".join(a.mediators),
        "process": a.process,
        "phase": a.phase,
        "start": a.start_date,
        "end": a.end_date,
        "violations": len([v for v in a.violations if v.analyst != "dismissed"]),
        "compliance": a.compliance,
        "articles": len(a.articles),
    }


@agreements_app.callback()
def agreements(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help="proposed, negotiating, agreed, in_force, extended, suspended, ended…")
    ] = None,
    party: Annotated[str | None, typer.Option(help="Party or mediator: country code or group id.")] = None,
    kind: Annotated[str | None, typer.Option(help="ceasefire, prisoner_exchange, peace_agreement, …")] = None,
    process: Annotated[str | None, typer.Option(help="Process id (or its first characters).")] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """List agreements, each merged from every article that reports it."""
    if ctx.invoked_subcommand is not None:
        return
    found = _store(db).merged_agreements(party=party, kind=kind, status=status, process=process)
    _print_rows([_row(a) for a in found], fmt, "Agreements", found)


def _get(store: object, agreement_id: str) -> Agreement:
    found = store.merged_agreement(agreement_id)  # type: ignore[attr-defined]
    if found is None:
        raise TrucelineError(f"no agreement {agreement_id!r} (list them with `truceline agreements`)")
    return found


def _override(db: str | None, action: str, member: str, other: str | None, note: str | None) -> None:
    from truceline import ledger

    store = _store(db)
    store.add_override(action, member, other, note)
    with err.status("Rebuilding the agreements…"):
        ledger.rebuild(store)
    err.print(f"{action} recorded; it holds on every rebuild and re-ingest")


@agreements_app.command("merge")
def merge(
    first: Annotated[str, typer.Argument(help="Agreement id.")],
    second: Annotated[str, typer.Argument(help="Agreement id to merge into the first.")],
    note: Annotated[str | None, typer.Option(help="Why (kept with the override).")] = None,
    db: DbOpt = None,
) -> None:
    """Merge two agreements the automatic merge kept apart."""
    store = _store(db)
    a, b = _get(store, first), _get(store, second)
    if a.id == b.id:
        raise TrucelineError("those are the same agreement")
    _override(db, "merge", a.members[0], b.members[0], note)


@agreements_app.command("split")
def split(
    agreement_id: Annotated[str, typer.Argument(help="Agreement id.")],
    member: Annotated[str, typer.Argument(help="The per-article record (an id from its `members`) to take out.")],
    note: Annotated[str | None, typer.Option(help="Why (kept with the override).")] = None,
    db: DbOpt = None,
) -> None:
    """Take one article's record out of an agreement it was wrongly merged into."""
    a = _get(_store(db), agreement_id)
    if member not in a.members:
        raise TrucelineError(f"{member!r} is not a member of {a.id}: members are {', '.join(a.members)}")
    _override(db, "split", member, a.id, note)


IncidentArg = Annotated[str, typer.Argument(help="Incident id of a violation link.")]
NoteOpt = Annotated[str | None, typer.Option(help="Why (kept with the override).")]


@agreements_app.command("confirm")
def confirm(agreement_id: AgreementArg, incident: IncidentArg, note: NoteOpt = None, db: DbOpt = None) -> None:
    """Confirm a violation link."""
    _override(db, "confirm", _get(_store(db), agreement_id).id, incident, note)


@agreements_app.command("dismiss")
def dismiss(agreement_id: AgreementArg, incident: IncidentArg, note: NoteOpt = None, db: DbOpt = None) -> None:
    """Dismiss a violation link (it stays listed, out of the compliance summary)."""
    _override(db, "dismiss", _get(_store(db), agreement_id).id, incident, note)


@agreements_app.command("check")
def check_cmd(fmt: FormatOpt = Format.table, db: DbOpt = None) -> None:
    """List merged records with suspicious shapes: more than two parties from different countries, a mediator
    that is also a party, two records that look like one (same sides and kind, overlapping dates), a start
    after the end, no party. Exit status 1 when there is any (for scripts); fix a wrong merge with split/merge."""
    from truceline import ledger

    found = ledger.findings(_store(db))
    rows = [{"id": f.agreement, "name": f.name, "check": f.code, "detail": f.message} for f in found]
    if not rows and fmt is Format.table:
        out.print("No suspicious records.")
    else:
        _print_rows(rows, fmt, "Suspicious agreement records", found)
    if found:
        raise typer.Exit(1)


@agreements_app.command("rebuild")
def rebuild(db: DbOpt = None) -> None:
    """Merge the stored articles' agreements again (ingest does this by itself)."""
    from truceline import ledger

    store = _store(db)
    with err.status("Merging agreements across articles…"):
        merged = ledger.rebuild(store)
    err.print(f"{len(merged)} agreements")


def agreement(
    agreement_id: Annotated[str, typer.Argument(help="Agreement id (or its first characters, or a member id).")],
    json_out: Annotated[bool, typer.Option("--json", help="The whole record as truceline/1 JSON.")] = False,
    db: DbOpt = None,
) -> None:
    """One agreement: its timeline, phases, conditions and violations with their assessment."""
    a = _get(_store(db), agreement_id)
    if json_out:
        _print_json(a.model_dump(mode="json"))
        return
    status = a.status + (f" ({a.end_reason})" if a.end_reason else "")
    out.print(f"[bold]{a.name}[/]  {a.id}  [bold]{status}[/]")
    out.print(
        f"kind {a.kind}; parties {', '.join(a.parties) or '?'}; mediators {', '.join(a.mediators) or '-'}; "
        f"scope {', '.join(a.scope) or a.coverage}; from {a.start_date or '?'} to {a.end_date or a.planned_end or '…'}"
    )
    if a.process:
        out.print(f"process {a.process}, phase {a.phase}")
    if a.monitor:
        out.print(f"monitor: {a.monitor}")
    for link in a.links:
        out.print(f"{link.relation} {link.agreement}")
    t = Table(title="Timeline (by event date)")
    for col in ("date", "status", "claimed by", "modality", "source", "evidence"):
        t.add_column(col, overflow="fold")
    for s in a.timeline:
        when = str(s.date) if s.date else f"({s.published})"
        label = s.status + (f" ({s.end_reason})" if s.end_reason else "")
        t.add_row(when, label, s.claimed_by or "", s.modality, s.source or "", s.sentence[:160])
    out.print(t)
    if a.conditions:
        t = Table(title="Conditions")
        for col in ("by", "on", "status", "condition"):
            t.add_column(col, overflow="fold")
        for c in a.conditions:
            t.add_row(c.by or "?", c.on or "?", c.status, c.text)
        out.print(t)
    t = Table(title=f"Violations (compliance: {a.compliance or 'no_reports'})")
    for col in ("incident", "date", "violator", "alleged by", "assessment", "sources", "basis", "analyst"):
        t.add_column(col, overflow="fold")
    for v in a.violations:
        t.add_row(
            v.incident,
            str(v.date),
            v.alleged_violator or "?",
            v.alleging_party or "",
            v.assessment,
            str(len(v.sources)),
            ",".join(v.basis),
            v.analyst or "",
        )
    out.print(t)
    for v in a.out_of_scope:
        out.print(f"[dim]not a violation: {v.date} {v.alleged_violator}: {v.reason}[/]")


def process(
    process_id: Annotated[str, typer.Argument(help="Process id (or its first characters).")],
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """One process: its phases in order, each an agreement with its own status."""
    phases = _store(db).merged_agreements(process=process_id)
    if not phases:
        raise TrucelineError(f"no process {process_id!r} (see the process column of `truceline agreements`)")
    phases.sort(key=lambda a: (a.phase or 99, a.id))
    rows = [
        {
            "phase": a.phase,
            "id": a.id,
            "name": a.name,
            "status": a.status,
            "depends_on": phases[i - 1].id if i else None,
            "conditions": len(a.conditions),
        }
        for i, a in enumerate(phases)
    ]
    _print_rows(rows, fmt, f"Process {phases[0].process}", phases)


@report_app.command("agreement")
def report_agreement(
    agreement_id: Annotated[str, typer.Argument(help="Agreement id.")],
    output: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
    db: DbOpt = None,
) -> None:
    """Write a self-contained HTML page for one agreement, its timeline drawn as a chart."""
    from truceline.agreements.report import render

    store = _store(db)
    a = _get(store, agreement_id)
    phases = store.merged_agreements(process=a.process) if a.process else []
    try:
        output.write_text(render(a, phases), encoding="utf-8")
    except OSError as exc:
        raise TrucelineError(f"cannot write {output}: {exc.strerror}") from None
    err.print(f"wrote {output}")
