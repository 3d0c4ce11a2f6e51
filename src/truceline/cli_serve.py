"""``truceline serve`` (API + dashboard) and ``truceline tokens`` (who may write through the API)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from truceline.cli_common import DbOpt, _store, err, out

tokens_app = typer.Typer(help="API tokens for write endpoints (stored hashed; shown once).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(tokens_app, name="tokens")


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    db: DbOpt = None,
    read_only: Annotated[bool, typer.Option(help="Refuse every write, even with a token.")] = False,
    max_body_mb: Annotated[int, typer.Option(min=1, max=1024, help="Largest request body accepted, in MB.")] = 10,
) -> None:
    """Serve the REST API (/api, schema at /openapi.json, docs at /docs) and the dashboard (/)."""
    import uvicorn

    from truceline.api import create_app

    app = create_app(db, read_only=read_only, max_body=max_body_mb * 1_000_000)
    err.print(f"Truceline on http://{host}:{port}/ (API /api, schema /openapi.json){' read-only' if read_only else ''}")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@tokens_app.command("create")
def create(
    name: Annotated[str, typer.Option(help="Who or what the token is for.")] = "default",
    db: DbOpt = None,
) -> None:
    """Create a token; it is printed once (only its hash is stored)."""
    token = _store(db).create_token(name)
    out.print(token, highlight=False)
    err.print("Keep it: it cannot be shown again. Send it as 'Authorization: Bearer <token>'.")


@tokens_app.command("list")
def list_tokens(db: DbOpt = None) -> None:
    """Tokens by id and name (never the token itself)."""
    table = Table(title="API tokens")
    for col in ("id", "name", "created", "revoked"):
        table.add_column(col)
    for tid, name, created, revoked in _store(db).tokens():
        table.add_row(
            tid, name, created.isoformat(timespec="seconds"), revoked.isoformat(timespec="seconds") if revoked else ""
        )
    out.print(table)


@tokens_app.command("revoke")
def revoke(
    token_id: Annotated[str, typer.Argument(help="The token's id (see tokens list).")], db: DbOpt = None
) -> None:
    """Revoke a token by its id."""
    from truceline.errors import TrucelineError

    if not _store(db).revoke_token(token_id):
        raise TrucelineError(f"no active token {token_id}")
    err.print(f"revoked {token_id}")
