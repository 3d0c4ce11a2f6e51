"""The FastAPI application: JSON API under /api, dashboard pages at /, static files at /static.

Reads are open; writes (posting articles) need an API token (``truceline tokens create``) sent as
``Authorization: Bearer <token>``; ``read_only`` refuses every write. Every error is JSON with a
``detail``: 401/403 for access, 404, 413 for bodies over the limit, 422 for bad parameters, and 500
without a traceback for anything unexpected.
"""

from __future__ import annotations

import logging
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from truceline.api.limits import LimitBody

if TYPE_CHECKING:
    from truceline.pipeline import Pipeline
from truceline.errors import TrucelineError
from truceline.store import Store

STATIC = Path(__file__).with_name("static")
MAX_BODY = 10_000_000
log = logging.getLogger("truceline.api")


class State:
    """What every request shares: the store, the settings, and the pipeline once a write needs it."""

    def __init__(self, store: Store, read_only: bool) -> None:
        self.store, self.read_only = store, read_only
        self._pipe: Pipeline | None = None
        self._load_lock = Lock()
        self.write_lock = Lock()

    def pipeline(self) -> Pipeline:
        with self._load_lock:
            if self._pipe is None:
                from truceline.pipeline import Pipeline

                self._pipe = Pipeline()
            return self._pipe


def create_app(db: str | None = None, *, read_only: bool = False, max_body: int = MAX_BODY) -> FastAPI:
    from truceline import __version__
    from truceline.api import pages, routes

    app = FastAPI(
        title="Truceline",
        version=__version__,
        description="Events, actors and ceasefires from news reports, each record linked to its sentence "
        "(truceline/1). Reads are open; writes need `Authorization: Bearer <token>`.",
    )
    app.state.truceline = State(Store(db), read_only)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
            problems.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return JSONResponse({"detail": "; ".join(problems) or "invalid request", "errors": problems}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(TrucelineError)
    async def _ours(_: Request, exc: TrucelineError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        return JSONResponse({"detail": f"internal error ({type(exc).__name__})"}, status_code=500)

    app.include_router(routes.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    app.add_middleware(LimitBody, max_bytes=max_body)
    return app
