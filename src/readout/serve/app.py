"""The web app: JSON API under /api, HTML pages, static files; and `run` for the CLI.

The pages draw on the same query functions as the API; charts and the network
are drawn in the browser from the API's JSON by the package's own small
scripts (plain SVG, nothing fetched from outside: the Content-Security-Policy
allows this origin only).
"""
from __future__ import annotations

import os
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from ..version import __version__
from .db import DEFAULT_QUERY_TIMEOUT, QueryTimeout, ReadOnlyStore

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


def create_app(db: str | os.PathLike, query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> FastAPI:
    """The app over one store, opened read-only (raises StoreError if it cannot be opened)."""
    from . import api, pages

    store = ReadOnlyStore(db, query_timeout=query_timeout)
    app = FastAPI(
        title="readout",
        version=__version__,
        description=("Events, quotes and figures read from news articles, each tied to the "
                     "sentence it came from. All list endpoints are paginated (`page`, "
                     "`page_size` ≤ 500); bad parameters get a 422 naming them; a query "
                     f"running past {query_timeout:g} s is stopped with a 503."),
        docs_url=None, redoc_url=None,   # the hosted docs UIs load from CDNs; /api-docs is ours
    )
    app.state.store = store
    app.include_router(api.router)
    app.include_router(pages.router)
    static = resources.files("readout").joinpath("serve", "static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.exception_handler(QueryTimeout)
    async def _timeout(request: Request, exc: QueryTimeout):
        msg = f"{exc}; narrow the filters (actor, type, dates) or ask for a smaller page"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": msg}, status_code=503, headers={"Retry-After": "1"})
        return pages.error_page(request, 503, msg)

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return app


def run(db: str | os.PathLike, host: str = "127.0.0.1", port: int = 8000,
        query_timeout: float = DEFAULT_QUERY_TIMEOUT, log_level: str = "info") -> None:
    """Serve the store until interrupted (localhost only unless `host` says otherwise)."""
    import uvicorn

    app = create_app(db, query_timeout=query_timeout)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
    finally:
        app.state.store.close()
