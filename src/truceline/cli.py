"""The ``truceline`` command: thin Typer commands over the stages and the store."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from truceline.cli_agreements import register
from truceline.cli_common import (
    ActorFilesOpt,
    DbOpt,
    Format,
    FormatOpt,
    RecordFormat,
    _date,
    _pipeline,
    _print_json,
    _print_rows,
    _store,
    err,
    out,
)
from truceline.cli_places import register as register_places
from truceline.cli_serve import register as register_serve
from truceline.cli_sources import register as register_sources
from truceline.errors import InputError, TrucelineError
from truceline.sources.documents import NEAR_JACCARD, InputFormat, Loaded

app = typer.Typer(
    help="Truceline: a sourced record of events, actors and ceasefires from news reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
actors_app = typer.Typer(help="Actors: query the store, or look names up in the registry.", invoke_without_command=True)
app.add_typer(actors_app, name="actors")


# ---------------------------------------------------------------------- extract / ingest
@app.command()
def extract(
    file: Annotated[
        Path, typer.Argument(help="An article: text, web page, feed or corpus file ('-': standard input).")
    ],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD: anchors relative dates.")] = None,
    url: Annotated[str | None, typer.Option(help="Article URL.")] = None,
    title: Annotated[str | None, typer.Option(help="Article title.")] = None,
    fmt: Annotated[
        RecordFormat, typer.Option("--format", "-f", help="json (truceline/1) or table.")
    ] = RecordFormat.json,
    explain: Annotated[bool, typer.Option(help="With --format table: show each event's rule and evidence.")] = False,
    actor_files: ActorFilesOpt = None,
) -> None:
    """Code one article and print its truceline/1 record, without storing it. The file may be plain text,
    a web page or a feed/JSONL/CSV (its first article); '-' reads standard input."""
    from truceline.sources.collect import collect

    pub = _date(published, "--published")
    pipe = _pipeline(actor_files)
    first = next((x for x in collect([file], published=pub) if x.article is not None or x.fatal), None)
    if first is None or first.article is None:
        raise InputError(first.problem.message if first is not None and first.problem else f"{file}: no article")
    article = first.article
    if str(file) == "-":
        article = article.model_copy(update={"source": article.source or "stdin"})
    update = {k: v for k, v in (("url", url), ("title", title)) if v is not None}
    record = pipe.extract_article(article.model_copy(update=update) if update else article)
    if fmt is RecordFormat.json:
        _print_json(record.model_dump(mode="json"))
    else:
        _record_tables(record, explain)


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders (searched recursively), or '-' for standard input."),
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs that give none (plain text).")
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option("--format", help="Input format; auto goes by file name, then by content.")
    ] = InputFormat.auto,
    columns: Annotated[
        str | None,
        typer.Option(help="JSONL/CSV column mapping: text=body,url=link,title=headline,published=date,source=outlet"),
    ] = None,
    columns_file: Annotated[
        Path | None, typer.Option(help="Column mapping as JSON ({'text': 'body', 'dayfirst': true}).")
    ] = None,
    dayfirst: Annotated[bool, typer.Option(help="Read dates like 08/10/2026 as 8 October.")] = False,
    dedup: Annotated[bool, typer.Option(help="Store near-duplicates (syndicated copies) as copies, uncoded.")] = True,
    near: Annotated[
        float, typer.Option(min=0.3, max=1.0, help="Word 5-gram Jaccard similarity that makes a near copy.")
    ] = NEAR_JACCARD,
    db: DbOpt = None,
    actor_files: ActorFilesOpt = None,
) -> None:
    """Read, de-duplicate, code and store articles. Already stored texts are skipped (idempotent);
    copies of a stored story are kept as its other sources; bad inputs become recorded warnings."""
    from truceline.ingest import Ingestor
    from truceline.sources.collect import collect, expand
    from truceline.sources.tables import Columns

    pub = _date(published, "--published")
    mapping = None
    if columns or columns_file or dayfirst:
        mapping = Columns.parse(columns, columns_file)
        mapping.dayfirst = mapping.dayfirst or dayfirst
    inputs = list(expand(paths))
    if not inputs:
        raise InputError("no files to ingest (folders are searched for .txt, .html, .xml, .jsonl, .json, .csv)")
    store = _store(db)
    pipe = _pipeline(actor_files)
    ingestor = Ingestor(
        store, pipe, dedup=dedup, near_jaccard=near, on_warning=lambda w: err.print(f"[yellow]warning[/]: {w.message}")
    )
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("Ingesting", total=len(inputs))
        current = {"ref": ""}

        def step(loaded: Loaded) -> None:
            name = loaded.ref.split("#", 1)[0]
            if name != current["ref"]:
                if current["ref"]:
                    progress.advance(task)
                current["ref"] = name
            progress.update(task, description=f"Ingesting {Path(name).name[:40]} ({ingestor.summary.seen} articles)")

        for loaded in collect(inputs, fmt=input_format, columns=mapping, published=pub):
            ingestor.add(loaded)
            step(loaded)
        with err.status("Merging agreements and counting sources…"):
            summary = ingestor.finish()
    if summary.agreements:
        err.print(f"{summary.agreements} agreements across the store")
    err.print(
        f"stored {summary.stored}, exact copies {summary.exact_copies}, near copies {summary.near_copies}, "
        f"already stored {summary.already}, failed {summary.failed}, warnings {len(summary.warnings)} "
        f"→ {store.safe_url}"
    )
    if summary.failed:
        raise typer.Exit(1)  # some input could not be read at all (everything valid was still stored)


# ---------------------------------------------------------------------- queries
@app.command()
def events(
    actor: Annotated[str | None, typer.Option(help="Actor id or country code (source or target).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    since: Annotated[str | None, typer.Option(help="From date YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="To date YYYY-MM-DD.")] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """List stored events."""
    found = _store(db).events(actor=actor, type=type, since=_date(since, "--since"), until=_date(until, "--until"))
    rows = [
        {
            "id": e.id,
            "date": e.date,
            "date_basis": e.date_basis,
            "type": e.type,
            "mode": e.mode,
            "source": e.source,
            "target": e.target,
            "status": e.status,
            "cameo": e.cameo,
            "goldstein": e.goldstein,
            **({"place": e.location.name if e.location else None} if fmt is Format.table else e.place_columns()),
            "sentence": e.sentence[:100],
        }
        for e in found
    ]
    _print_rows(rows, fmt, "Events", found)


@actors_app.callback()
def actors(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of a name.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-3 code.")] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """List actors in the store (with their number of mentions)."""
    if ctx.invoked_subcommand is not None:
        return
    found = _store(db).actors(actor=actor, country=country)
    rows = [
        {"id": a.id, "name": a.name, "country": a.country, "sector": a.sector, "kind": a.kind, "mentions": n}
        for a, n in found
    ]
    _print_rows(rows, fmt, "Actors", [a for a, _ in found])


@actors_app.command("lookup")
def actors_lookup(
    text: Annotated[str, typer.Argument(help="A name as written in a report.")],
    date: Annotated[str | None, typer.Option("--date", help="Date for role tenures (YYYY-MM-DD).")] = None,
    label: Annotated[str | None, typer.Option(help="NER label: PERSON, ORG, GPE, NORP.")] = None,
    fmt: FormatOpt = Format.table,
    actor_files: ActorFilesOpt = None,
) -> None:
    """Show the registry candidates for a name, with scores and the method that found them."""
    from truceline.actors import Resolver, registry

    when = _date(date, "--date")
    reg = registry(tuple(str(p) for p in actor_files or ()))
    hits = Resolver(reg).lookup(text, label, when)
    rows = []
    for h in hits:
        country, sector = h.actor.at(when)
        rows.append(
            {
                "id": h.actor.id,
                "name": h.actor.name,
                "country": country,
                "sector": sector,
                "kind": h.actor.kind,
                "method": h.method,
                "score": h.score,
            }
        )
    _print_rows(rows, fmt, f"Candidates for {text!r}")
    if not hits:
        raise typer.Exit(1)


@actors_app.command("list")
def actors_list(
    query: Annotated[str | None, typer.Option("--query", "-q", help="Part of a name or alias.")] = None,
    kind: Annotated[str | None, typer.Option(help="country, person, group.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-3 code.")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector code, e.g. GOV, MIL, REB, IGO.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Only people in office on this date.")] = None,
    fmt: FormatOpt = Format.table,
    actor_files: ActorFilesOpt = None,
) -> None:
    """Browse the actor registry (built-in files plus yours)."""
    from truceline.actors import registry

    when = _date(date, "--date")
    reg = registry(tuple(str(p) for p in actor_files or ()))
    rows = []
    q = (query or "").lower()
    for a in sorted(reg.actors.values(), key=lambda a: (a.kind, a.id)):
        if a.kind == "generic" or (kind and a.kind != kind):
            continue
        c, sec = a.at(when)
        if (country and c != country) or (sector and sec != sector):
            continue
        if q and not (q in a.name.lower() or q in a.id or any(q in x.lower() for x in a.aliases)):
            continue
        if when and a.roles and not any(r.active(when) for r in a.roles):
            continue
        rows.append(
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "country": c,
                "sector": sec,
                "qid": a.qid,
                "aliases": len(a.aliases),
                "origin": a.source,
            }
        )
    _print_rows(rows, fmt, "Registry actors")


@actors_app.command("show")
def actors_show(
    actor_id: Annotated[str, typer.Argument(help="Registry id, e.g. vladimir-putin, houthis, RUS.")],
    date: Annotated[str | None, typer.Option("--date", help="Country and sector as of this date.")] = None,
    actor_files: ActorFilesOpt = None,
) -> None:
    """One registry actor: names, aliases, and roles with their tenures."""
    from truceline.actors import registry

    reg = registry(tuple(str(p) for p in actor_files or ()))
    actor = reg.actors.get(actor_id)
    if actor is None:
        raise TrucelineError(f"no actor {actor_id!r} in the registry (try `truceline actors list -q ...`)")
    when = _date(date, "--date")
    c, sec = actor.at(when)
    row = next(r for r in reg.as_rows() if r["id"] == actor_id)
    row["at"] = {"date": when.isoformat() if when else None, "country": c, "sector": sec}
    _print_json(row)


@actors_app.command("load")
def actors_load(db: DbOpt = None, actor_files: ActorFilesOpt = None) -> None:
    """Load the registry (built-in files plus yours) into the store's actors table."""
    from truceline.actors import registry

    reg = registry(tuple(str(p) for p in actor_files or ()))
    store = _store(db)
    n = store.load_registry(reg.as_rows())
    err.print(f"loaded {n} registry actors into {store.safe_url}")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of 6+ characters).")],
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f")] = RecordFormat.table,
    db: DbOpt = None,
) -> None:
    """Print one stored article with its coded spans highlighted."""
    got = _store(db).record(article_id)
    if got is None:
        raise TrucelineError(f"no stored article with id {article_id!r}")
    record, text = got
    if fmt is RecordFormat.json:
        _print_json(record.model_dump(mode="json"))
        return
    out.print(
        f"[bold]{record.article.title or record.article.id}[/]  "
        f"[dim]{record.article.id} · {record.article.source or ''} · {record.article.published or 'no date'}[/]"
    )
    out.print(highlight(text, record))
    _record_tables(record, explain=False, header=False)


def highlight(text: str, record: Any) -> Text:
    """The article text with actor mentions (cyan) and event triggers (bold magenta) styled."""
    styled = Text(text)
    for actor in record.actors:
        for m in actor.mentions:
            styled.stylize("cyan", m.start, m.end)
    for e in record.events:
        for ev in e.evidence:
            if ev.trigger_start is not None and ev.trigger_end is not None:
                styled.stylize("bold magenta underline", ev.trigger_start, ev.trigger_end)
    return styled


def _record_tables(record: Any, explain: bool, header: bool = True) -> None:
    if header:
        art = record.article
        out.print(f"[bold]{art.title or ''}[/] [dim]{art.id} · {art.published or 'no date'}[/]")
    names = {a.id: a.name for a in record.actors}
    t = Table(title=f"Events ({len(record.events)})")
    for col in ("#", "date", "type", "mode", "source", "target", "status", "trigger", "conf"):
        t.add_column(col, overflow="fold")
    for n, e in enumerate(record.events, 1):
        t.add_row(
            str(n),
            str(e.date or e.date_text or ""),
            e.type,
            e.mode or "",
            names.get(e.source, e.source or ""),
            names.get(e.target, e.target or ""),
            e.status + (" (negated)" if e.negated else ""),
            e.trigger,
            f"{e.confidence:.2f}",
        )
    out.print(t)
    if explain:
        for n, e in enumerate(record.events, 1):
            out.print(f"[bold]#{n} {e.type}[/] cameo {e.cameo} goldstein {e.goldstein} — rule [cyan]{e.rule}[/]")
            for loc in e.locations:
                where = ", ".join(x for x in (loc.admin1, loc.country) if x and x != loc.name)
                out.print(
                    f"   [magenta]place[/] {loc.name}{f' ({where})' if where else ''}: {loc.precision}, {loc.role}, "
                    f"from the {loc.basis} ('{loc.text}')",
                    highlight=False,
                )
            for q in e.quantities:
                bound = "at least " if q.lower_bound else ("about " if q.approx else "")
                who = f", claimed by {names.get(q.claimant, q.claimant)}" if q.claimant else ""
                side = " per side" if q.per_side else ""
                out.print(f"   [magenta]count[/] {bound}{q.value:g} {q.unit}{side} ('{q.text}'){who}", highlight=False)
            for ev in e.evidence:
                out.print(f"   [dim]{ev.rule}[/] {ev.sentence}", highlight=False)
                if ev.parse:
                    out.print(f"     [green]parse[/] {ev.parse}", highlight=False)
    a = Table(title=f"Agreements ({len(record.agreements)})")
    for col in ("name", "kind", "status", "parties", "mediators", "phase", "conditions"):
        a.add_column(col, overflow="fold")
    for g in record.agreements:
        a.add_row(
            g.name,
            g.kind,
            g.status + (f" ({g.end_reason})" if g.end_reason else ""),
            ", ".join(g.parties),
            ", ".join(g.mediators),
            str(g.phase or ""),
            "; ".join(c.text for c in g.conditions),
        )
    out.print(a)
    for w in record.warnings:
        out.print(f"[yellow]warning[/]: {w.message}")


class GoldFormat(StrEnum):
    truceline = "truceline"
    plover = "plover"
    agreements = "agreements"


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="Gold file: truceline JSONL, or PLOVER_GSR_CAMEO.txt with --gold-format plover.")
    ],
    gold_format: Annotated[
        GoldFormat,
        typer.Option(
            "--gold-format", help="truceline (events JSONL), plover (PLOVER GSR JSON) or agreements (gold.json)."
        ),
    ] = GoldFormat.truceline,
    show_errors: Annotated[int, typer.Option(help="Print this many misses and extras.")] = 0,
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f")] = RecordFormat.table,
    actor_files: ActorFilesOpt = None,
    reports: Annotated[
        Path | None, typer.Option(help="With --gold-format agreements: the reports (JSONL) the gold describes.")
    ] = None,
) -> None:
    """Score against a gold file: events (P/R/F1 per type; dyads, dates, status, quantities), or with
    --gold-format agreements the merged agreements (kind, parties, scope, status, phase, timeline,
    conditions, violations)."""
    from truceline import evaluation

    if gold_format is GoldFormat.agreements:
        _evaluate_agreements(gold, reports, fmt, actor_files)
        return
    items = evaluation.load_plover_gsr(gold) if gold_format is GoldFormat.plover else evaluation.load_gold(gold)
    pipe = _pipeline(actor_files)
    rep = _coding(len(items), lambda step: evaluation.run(pipe, items, show_errors, progress=step))
    data = rep.as_dict()
    if fmt is RecordFormat.json:
        _print_json(data)
        return
    ev = data["events"]
    out.print(f"[bold]{gold}[/]: {data['texts']} texts, {ev['tp'] + ev['fn']} gold events")
    out.print(f"events: precision {ev['precision']:.3f}  recall {ev['recall']:.3f}  F1 {ev['f1']:.3f}")
    s = data["sentences"]
    out.print(
        f"sentences with the gold type coded: {s['type']:.3f}; with type and source/target countries: "
        f"{s['type_and_dyad']:.3f} (n={s['n']})"
    )
    t = Table(title="Per type")
    for col in ("type", "gold", "precision", "recall", "F1"):
        t.add_column(col)
    for name, v in data["per_type"].items():
        t.add_row(name, str(v["gold"]), f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}")
    out.print(t)
    for name, v in data["matched"].items():
        if v["n"]:
            out.print(f"matched events, {name} accuracy: {v['accuracy']:.3f} (n={v['n']})")
    for e in rep.errors:
        out.print(f"[dim]{e}[/]", highlight=False)


def _coding(total: int, work: Any) -> Any:
    """Run ``work(step)`` under a progress bar of ``total`` texts; ``step()`` advances it."""
    with Progress(
        TextColumn("Coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    ) as progress:
        task = progress.add_task("eval", total=total)
        return work(lambda: progress.advance(task))


def _evaluate_agreements(gold: Path, reports: Path | None, fmt: RecordFormat, actor_files: ActorFilesOpt) -> None:
    from truceline.agreements import evaluate

    if reports is None:
        raise InputError("--gold-format agreements needs --reports FILE.jsonl (the reports the gold describes)")
    gold_data, items = evaluate.load(gold, reports)
    pipe = _pipeline(actor_files)
    rep = _coding(len(items), lambda step: evaluate.run(pipe, gold_data, items, progress=step))
    data = rep.as_dict()
    if fmt is RecordFormat.json:
        _print_json(data)
        return
    out.print(
        f"[bold]{gold}[/]: {data['gold_agreements']} gold agreements, {data['found']} paired with a merged record "
        f"({data['merged_records']} merged records from {len(items)} reports)"
    )
    t = Table(title="Agreements")
    for col in ("field", "accuracy", "n"):
        t.add_column(col)
    for name, v in data["fields"].items():
        t.add_row(name, f"{v['accuracy']:.2f}", str(v["n"]))
    out.print(t)
    for line in data["errors"]:
        out.print(f"  {line}", highlight=False)


@app.command()
def schema(
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema of the truceline/1 record format."""
    from truceline.models import json_schema

    text = json.dumps(json_schema(), indent=2) + "\n"
    if out_file:
        out_file.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


register(app)
register_sources(app)
register_serve(app)
register_places(app)


def main() -> None:
    """Entry point: user errors are one line on stderr and exit code 1, never a traceback."""
    try:
        app()
    except TrucelineError as exc:
        err.print(f"[red]error[/]: {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("TRUCELINE_DEBUG"):
            raise
        err.print(
            f"[red]internal error[/]: {type(exc).__name__}: {exc} (set TRUCELINE_DEBUG=1 for the traceback)",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
