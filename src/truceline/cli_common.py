"""What every ``truceline`` command shares: output formats, options, the store and the pipeline."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from truceline.errors import TrucelineError

# wide enough for records when piped or captured; a terminal keeps its own width
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class RecordFormat(StrEnum):
    json = "json"
    table = "table"


DbOpt = Annotated[
    str | None, typer.Option("--db", help="Store URL or SQLite path (default: TRUCELINE_DB or ./truceline.db).")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ActorFilesOpt = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor registry file (YAML); repeatable.")
]


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TrucelineError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _pipeline(actor_files: list[Path] | None = None) -> Any:
    from truceline.pipeline import Pipeline

    with err.status("Loading the language model and vocabularies…"):
        return Pipeline(actors=actor_files or ())


def _store(db: str | None) -> Any:
    from truceline.store import Store

    return Store(db)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _print_rows(rows: list[dict[str, Any]], fmt: Format, title: str, full: list[BaseModel] | None = None) -> None:
    if fmt is Format.json:
        _print_json([m.model_dump(mode="json") for m in full] if full is not None else rows)
        return
    if fmt is Format.csv:
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    table = Table(title=f"{title} ({len(rows)})", show_lines=False)
    for col in rows[0] if rows else ["(none)"]:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row.values()])
    out.print(table)
