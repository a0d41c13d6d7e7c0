"""The HTML pages: overview, search, dyad, event, article, actor, network, map, API docs.

Pages are rendered from the same query functions as the JSON API. The dyad
chart, the network and the map are drawn in the browser from the API's JSON; the
article's highlights open their record from JSON embedded in the page.
"""
from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup, escape
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..config import quote_categories as parse_quote_categories
from ..errors import ConfigError
from ..records import EVENT_STATUSES, PLOVER_TYPES, QUOTE_CATEGORIES
from ..version import __version__
from . import detail, queries
from .filters import ActorKey, EventFilter, resolve_actor_key
from .db import EVENT_INDEX
from .highlight import KINDS, article_spans, segments

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(resources.files("readout").joinpath("serve", "templates"))),
    autoescape=True, trim_blocks=True, lstrip_blocks=True)
_env.filters["q"] = lambda s: quote(str(s), safe="")
_env.tests["web_url"] = lambda u: isinstance(u, str) and u.lower().startswith(("http://", "https://"))
_env.filters["num"] = lambda v, d=2: "" if v is None else f"{v:.{d}f}"


def mark_trigger(evidence: str | None, trigger: str | None) -> Markup:
    """An event's sentence with its trigger word marked (escaped; the first whole-word match)."""
    import re
    text = evidence or ""
    m = re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", text, re.IGNORECASE) if trigger else None
    if not m:
        return escape(text)
    return Markup("{}<mark class=\"trigger\" title=\"trigger word\">{}</mark>{}").format(
        text[:m.start()], m.group(0), text[m.end():])


_MD_INLINE = (
    (r"`([^`]+)`", r"<code>\1</code>"),
    (r"\*\*([^*]+)\*\*", r"<b>\1</b>"),
    (r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"<i>\1</i>"),
    (r"\[([^\]]+)\]\(((?:/|https?://)[^)\s\"]*)\)", r'<a href="\2">\1</a>'),
)


def markdown(text: str | None) -> Markup:
    """The small Markdown the API's descriptions use — paragraphs, `- ` lists, `code`,
    **bold**, *italics*, [links](/path) — as HTML; everything else is escaped."""
    import re
    blocks = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [l.strip() for l in block.splitlines() if l.strip()]
        if not lines:
            continue

        def inline(t: str) -> str:
            t = str(escape(t))
            for pat, rep in _MD_INLINE:
                t = re.sub(pat, rep, t)
            return t
        if all(l.startswith(("- ", "* ")) for l in lines):
            blocks.append("<ul>" + "".join(f"<li>{inline(l[2:])}</li>" for l in lines) + "</ul>")
        else:
            blocks.append(f"<p>{inline(' '.join(lines))}</p>")
    return Markup("".join(blocks))


_env.filters["mark_trigger"] = mark_trigger
_env.filters["markdown"] = markdown
_env.globals.update(version=__version__, quad_classes=queries.QUAD_CLASSES,
                    plover_types=PLOVER_TYPES, statuses=EVENT_STATUSES)


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    html = _env.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _store(request: Request):
    return request.app.state.store


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request):
    data = queries.overview(_store(request))
    return render(request, "overview.html", data=data)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, actor: str = "", type: str = "", date_from: str = "",
                date_to: str = "", q: str = "", page: int = 1):
    """Events (and, for free text, articles) matching the overview's search box."""
    store = _store(request)
    form = {"actor": actor.strip()[:100], "type": type if type in PLOVER_TYPES else "",
            "date_from": date_from, "date_to": date_to, "q": q.strip()[:200]}
    page = min(max(page, 1), 10_000)
    flt = EventFilter(type=form["type"] or None, date_from=_date(date_from),
                      date_to=_date(date_to), q=form["q"] or None)
    key = None
    if form["actor"]:
        key = resolve_actor_key(store, form["actor"])
        flt.actor, flt.unmatched = key, key is None
    found = queries.events(store, flt, page, PAGE_SIZE)
    arts = queries.articles(store, q=form["q"], page_size=20) if form["q"] else None
    more = {k: v for k, v in form.items() if v}
    return render(request, "search.html", form=form, events=found, articles=arts, actor_key=key,
                  next_url=("/search?" + urlencode({**more, "page": page + 1}))
                  if found["total"] > page * PAGE_SIZE else None,
                  prev_url=("/search?" + urlencode({**more, "page": page - 1})) if page > 1 else None)


def _pager(path: str, query: dict, page: int, total: int, size: int = PAGE_SIZE) -> dict:
    """Links to the previous and next page of a list, keeping its other parameters."""
    more = {k: v for k, v in query.items() if v}
    return {"next_url": f"{path}?" + urlencode({**more, "page": page + 1}) if total > page * size else None,
            "prev_url": f"{path}?" + urlencode({**more, "page": page - 1}) if page > 1 else None}


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, q: str = "", kind: str = "", page: int = 1):
    """Actors across articles, most seen first; `q` matches names (or a code or country)."""
    from ..records import ACTOR_KINDS
    form = {"q": q.strip()[:100], "kind": kind if kind in ACTOR_KINDS else ""}
    page = min(max(page, 1), 10_000)
    found = queries.actors(_store(request), form["q"] or None, form["kind"] or None, page, PAGE_SIZE)
    return render(request, "actors.html", form=form, actors=found, kinds=ACTOR_KINDS,
                  **_pager("/actors", form, page, found["total"]))


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, q: str = "", outlet: str = "", date_from: str = "",
                  date_to: str = "", page: int = 1):
    """Articles, newest first; `q` searches title and text, dates are publication dates."""
    form = {"q": q.strip()[:200], "outlet": outlet.strip()[:200],
            "date_from": date_from if _date(date_from) else "", "date_to": date_to if _date(date_to) else ""}
    page = min(max(page, 1), 10_000)
    found = queries.articles(_store(request), form["q"] or None, form["outlet"] or None,
                             _date(date_from), _date(date_to), page, PAGE_SIZE)
    return render(request, "articles.html", form=form, articles=found,
                  **_pager("/articles", form, page, found["total"]))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, page: int = 1):
    """Stories (articles about one happening), the most widely reported first."""
    store = _store(request)
    page = min(max(page, 1), 10_000)
    found = queries.stories(store, page, PAGE_SIZE)
    return render(request, "stories.html", stories=found, **_pager("/stories", {}, page, found["total"]))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str):
    got = queries.story(_store(request), story_id[:64])
    if got is None:
        return error_page(request, 404, f"no story {story_id!r}")
    return render(request, "story.html", story=got)


DYAD_STATUSES = ("occurred",) + tuple(s for s in EVENT_STATUSES if s != "occurred") + ("any",)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, a: str, b: str, level: str = "country", type: str = "",
              status: str = "occurred", direction: str = "both"):
    """The dyad's charts and events; the filters are the page's query (`type`, `status` —
    occurred unless given, `any` for all — and `direction`), so a reload or a link keeps them."""
    if level not in ("country", "code") or len(a) > 32 or len(b) > 32:
        return error_page(request, 404, "no such dyad")
    store = _store(request)
    col = "country" if level == "country" else "code"
    ka, kb = store.key(a), store.key(b)
    if ka < 0 or kb < 0 or not store.scalar(
            f"SELECT count(*) FROM {EVENT_INDEX} WHERE (source_{col}_k = ? AND target_{col}_k = ?) "
            f"OR (source_{col}_k = ? AND target_{col}_k = ?)", [ka, kb, kb, ka]):
        return error_page(request, 404, f"no events between {a!r} and {b!r} (by {level})")
    names = queries.actor_names(store, level, [a, b])
    form = {"type": type if type in PLOVER_TYPES else "",
            "status": status if status in DYAD_STATUSES else "occurred",
            "direction": direction if direction in ("both", "ab", "ba") else "both"}
    return render(request, "dyad.html", a=a, b=b, level=level, names=names, form=form,
                  dyad_statuses=DYAD_STATUSES)


@router.get("/events/{some_id}", response_class=HTMLResponse)
def event_page(request: Request, some_id: str):
    got = detail.linked_event(_store(request), some_id[:64])
    if got is None:
        return error_page(request, 404, f"no event {some_id!r}")
    return render(request, "event.html", ev=got, account_rows=ACCOUNT_ROWS,
                  sources=account_columns(got["mentions"]))


# rows of the side-by-side accounts table: (label, field of a mention)
ACCOUNT_ROWS = (("published", "published"), ("type", "type"),
                ("CAMEO", "cameo"), ("status", "status"), ("source", "source_name"),
                ("target", "target_name"), ("date from", "date_start"), ("date to", "date_end"),
                ("place", "place_name"), ("Goldstein", "goldstein"), ("trigger", "trigger"),
                ("confidence", "confidence"))


def account_columns(mentions: list[dict]) -> list[dict]:
    """The accounts side by side: one column per source (outlet; an article without one is a
    source of its own), in order of first report, with its articles, its mentions and, per
    row of ACCOUNT_ROWS, the distinct values its mentions give (once each); `differs` names
    the rows where the sources' values are not the same."""
    columns: dict[str, dict] = {}
    for m in mentions:
        key = m.get("outlet") or f"article {m['article_id']}"
        col = columns.setdefault(key, {"source": m.get("outlet") or m.get("article_title") or m["article_id"],
                                       "articles": {}, "mentions": [], "values": {}})
        col["articles"].setdefault(m["article_id"], {"id": m["article_id"], "title": m.get("article_title"),
                                                     "published": m.get("published")})
        col["mentions"].append(m)
        for _, field in ACCOUNT_ROWS:
            v = m.get(field)
            vals = col["values"].setdefault(field, [])
            if v is not None and v not in vals:
                vals.append(v)
    out = list(columns.values())
    for col in out:
        col["articles"] = list(col["articles"].values())
    differs = {field for _, field in ACCOUNT_ROWS
               if len({tuple(map(str, c["values"].get(field, []))) for c in out}) > 1}
    for col in out:
        col["differs"] = differs
    return out


def _page_quote_categories(request: Request, value: str | None) -> tuple[str, ...]:
    """The quote categories a page shows: `?quotes=all` (or a list), else the server's."""
    default = getattr(request.app.state, "quote_categories", ("speech",))
    if not value:
        return default
    try:
        return parse_quote_categories(value[:64])
    except ConfigError:
        return default


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, quotes: str | None = None):
    cats = _page_quote_categories(request, quotes)
    art = detail.article(_store(request), article_id[:64], cats)
    if art is None:
        return error_page(request, 404, f"no article {article_id!r}")
    segs = segments(art["text"], article_spans(art))
    records = {"event": {e["id"]: e for e in art["events"]},
               "quote": {q["id"]: q for q in art["quotes"]},
               "figure": {f["id"]: f for f in art["figures"]},
               "actor": {a["id"]: {k: v for k, v in a.items() if k != "mentions"}
                         for a in art["actors"]},
               "time": {t["id"]: t for t in art["times"]}}
    return render(request, "article.html", art=art, segments=segs, kinds=KINDS,
                  records_json=script_json(records), quote_categories=cats,
                  all_quotes=set(cats) == set(QUOTE_CATEGORIES))


def script_json(data) -> str:
    """JSON safe to place inside a <script type="application/json"> element."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@router.get("/actors/{key}", response_class=HTMLResponse)
def actor_page(request: Request, key: str, by: str = "auto", quotes: str | None = None):
    store = _store(request)
    if by not in ("auto", "country", "code", "name"):
        by = "auto"
    k = resolve_actor_key(store, key[:100], by)
    if k is None:
        return error_page(request, 404, f"no actor {key!r}")
    cats = _page_quote_categories(request, quotes)
    return render(request, "actor.html", actor=detail.actor(store, k, quote_categories=cats), level=_level(k),
                  quote_categories=cats, all_quotes=set(cats) == set(QUOTE_CATEGORIES), by=by)


def _level(key: ActorKey) -> str | None:
    """The dyad level a partner link goes to (actors named by code pair by code)."""
    return {"country": "country", "code": "code"}.get(key.by)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, level: str = "country", min_events: int = 1):
    """The network; its filters are the page's query, so a reload or a link keeps them."""
    if level not in ("country", "code"):
        level = "country"
    return render(request, "network.html", level=level, min_events=min(max(min_events, 1), 1_000_000))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, actor: str = "", type: str = "", status: str = "", quad_class: str = "",
             date_from: str = "", date_to: str = ""):
    """Events by geocoded place on a world outline; the circles come from /api/places."""
    form = {"actor": actor.strip()[:100], "type": type if type in PLOVER_TYPES else "",
            "status": status if status in EVENT_STATUSES else "",
            "quad_class": quad_class if quad_class in ("1", "2", "3", "4") else "",
            "date_from": date_from if _date(date_from) else "", "date_to": date_to if _date(date_to) else ""}
    return render(request, "map.html", form=form)


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs_page(request: Request):
    """The API described from its own OpenAPI schema (the hosted docs UIs need a CDN)."""
    spec = request.app.openapi()
    return render(request, "api_docs.html", spec=spec,
                  describe=lambda schema: describe_schema(schema or {}, spec))


def describe_schema(schema: dict, spec: dict) -> str:
    """A short type for a parameter's schema: `integer 1–500`, `one of: a, b`, `date | null`."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = {**spec.get("components", {}).get("schemas", {}).get(name, {}), **{
            k: v for k, v in schema.items() if k != "$ref"}}
    if "anyOf" in schema:
        return " | ".join(describe_schema(s, spec) for s in schema["anyOf"])
    if "enum" in schema:
        return "one of: " + ", ".join(map(str, schema["enum"]))
    kind = schema.get("format") or schema.get("type", "any")
    if "minimum" in schema or "maximum" in schema:
        kind += f" {schema.get('minimum', '')}–{schema.get('maximum', '')}"
    if "maxLength" in schema:
        kind += f" (≤ {schema['maxLength']} chars)"
    return kind
