"""The web app: JSON API under /api, HTML pages, static files; and `run` for the CLI.

The pages draw on the same query functions as the API; charts and the network
are drawn in the browser from the API's JSON by the package's own small
scripts (plain SVG, nothing fetched from outside: the Content-Security-Policy
allows this origin only).
"""
from __future__ import annotations

import json
import math
import os
import sys
from importlib import resources
from typing import Iterable

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from ..config import Config
from ..errors import ConfigError
from ..version import __version__
from .db import DEFAULT_QUERY_TIMEOUT, QueryTimeout, ReadOnlyStore
from .guard import Guard, allowed_hosts, bind_warning, load_static

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


MAX_SHOWN = 100        # characters of a bad parameter's value a 422 repeats
MAX_ERRORS_SHOWN = 20


def _short(value):
    """A value as a 422 may repeat it: at most MAX_SHOWN characters."""
    if isinstance(value, str):
        return value if len(value) <= MAX_SHOWN else f"{value[:MAX_SHOWN]}… ({len(value):,} characters)"
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    text = json.dumps(jsonable_encoder(value), default=str)
    return value if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN]}… ({len(text):,} characters)"


def validation_errors(errors: list[dict]) -> list[dict]:
    """Pydantic's errors with every echoed value cut to MAX_SHOWN characters."""
    out = []
    for e in errors[:MAX_ERRORS_SHOWN]:
        e = {k: v for k, v in e.items() if k in ("type", "loc", "msg", "input", "ctx")}
        e["loc"] = [_short(x) for x in e.get("loc", ())]
        e["msg"] = _short(str(e.get("msg", "")))[:3 * MAX_SHOWN]
        if "input" in e:
            e["input"] = _short(e["input"])
        if "ctx" in e:
            e["ctx"] = {k: _short(v if isinstance(v, (str, int, float, bool)) or v is None else str(v))
                        for k, v in e["ctx"].items()}
        out.append(e)
    return out


def create_app(db: str | os.PathLike, query_timeout: float = DEFAULT_QUERY_TIMEOUT, *,
               hosts: Iterable[str] | None = None, token: str | None = None,
               config: Config | None = None, snapshot: bool = False,
               refresh: float = 0.0) -> FastAPI:
    """The app over one store, opened read-only (raises StoreError if it cannot be opened).

    `hosts`: the Host names to answer (None: any, as for an app used in-process); `token`:
    one every request must carry; `config`: the queue bounds (`serve_max_active` …);
    `snapshot`: serve a copy of the store, so that ingest can write it meanwhile, and with
    `refresh` > 0 look every `refresh` seconds for a changed store to copy again."""
    from . import api, pages

    if not (isinstance(query_timeout, (int, float)) and query_timeout > 0 and not math.isnan(query_timeout)):
        raise ConfigError(f"--query-timeout must be a positive number of seconds, got {query_timeout!r}")
    config = config or Config()
    store = ReadOnlyStore(db, query_timeout=query_timeout, snapshot=snapshot, refresh=refresh)
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
    app.state.quote_categories = config.quote_categories
    app.include_router(api.router)
    app.include_router(pages.router)
    static = resources.files("readout").joinpath("serve", "static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return JSONResponse({"detail": jsonable_encoder(validation_errors(exc.errors()))},
                            status_code=422)

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

    # added last, so outermost: Host, token, static files from memory, the bounded queue (serve/guard.py)
    app.add_middleware(Guard, hosts=set(hosts) if hosts is not None else None, token=token,
                       static=load_static(str(static)), max_active=config.serve_max_active,
                       max_waiting=config.serve_max_waiting, max_wait=config.serve_max_wait, csp=CSP)
    return app


def run(db: str | os.PathLike, host: str = "127.0.0.1", port: int = 8000,
        query_timeout: float = DEFAULT_QUERY_TIMEOUT, log_level: str = "info", *,
        allowed_host: Iterable[str] = (), token: str | None = None,
        config: Config | None = None, snapshot: bool = True, refresh: float = 30.0) -> None:
    """Serve the store until interrupted (localhost only unless `host` says otherwise).

    Requests must name this server in their Host header (the bound address, or one of
    `allowed_host`); with `token`, every request must carry it. A bind other machines can
    reach is announced with a warning on stderr. The server reads a snapshot of the store
    (`snapshot`), so `readout ingest` can write it meanwhile; every `refresh` seconds it
    serves a new snapshot if the store changed and no ingest holds it."""
    import uvicorn

    token = token or None          # an empty $READOUT_TOKEN is no token
    app = create_app(db, query_timeout=query_timeout, hosts=allowed_hosts(host, allowed_host),
                     token=token, config=config, snapshot=snapshot, refresh=refresh)
    warning = bind_warning(host, token)
    if warning:
        bar = "!" * 78
        sys.stderr.write(f"\n{bar}\n{warning}\n{bar}\n\n")
        sys.stderr.flush()
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
    finally:
        app.state.store.close()
