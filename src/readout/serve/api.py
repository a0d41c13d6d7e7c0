"""The JSON API: one endpoint per page's data, paginated, filtered by query parameters.

Every parameter is validated (bad ones get a 422 naming the parameter), page
sizes are capped at `MAX_PAGE_SIZE`, and each query is interrupted after the
server's time limit (503: narrow the filters). Ids are the store's stable ids.
"""
from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Annotated, Optional

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator

from ..config import quote_categories as parse_quote_categories
from ..records import EVENT_STATUSES, PLOVER_TYPES, QUOTE_CATEGORIES
from . import detail, queries
from .filters import ActorKey, EventFilter, resolve_actor_key
from .models import (ActorDetail, ActorGroup, ArticleOut, ArticleSummary, DyadSeries, Dyad,
                     EventOut, LinkedEvent, Network, Overview, Page, PlaceList, Problem)

MAX_PAGE_SIZE = 500
MAX_PAGE = 10_000
KEY_PATTERN = r"^[^\x00-\x1f\x7f]+$"     # printable: no control characters

EventType = enum.Enum("EventType", {t: t for t in PLOVER_TYPES}, type=str)
EventStatus = enum.Enum("EventStatus", {s: s for s in EVENT_STATUSES}, type=str)


class Level(str, enum.Enum):
    country = "country"
    code = "code"


class KeyKind(str, enum.Enum):
    auto = "auto"
    country = "country"
    code = "code"
    name = "name"


class EventSort(str, enum.Enum):
    newest = "-date"
    oldest = "date"
    most_cooperative = "-goldstein"
    most_conflictual = "goldstein"


KEY_DOC = ("An actor across articles: a country code (`RUS`: all actors of that country), a "
           "CAMEO actor code (`RUSGOV`), or a name (case-insensitive). With `by=auto` the key is "
           "tried as a country, then a code, then a name, and the first that a stored actor has "
           "is used.")

def _iso_date(value):
    """Dates only as YYYY-MM-DD (pydantic alone would also read "0" as 1970-01-01)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Rows per page (≤ {MAX_PAGE_SIZE}).")]
DateFrom = Annotated[Optional[dt.date], BeforeValidator(_iso_date),
                     Query(description="Only on or after this date (YYYY-MM-DD).")]
DateTo = Annotated[Optional[dt.date], BeforeValidator(_iso_date),
                   Query(description="Only on or before this date (YYYY-MM-DD).")]
Text = Annotated[Optional[str], Query(min_length=1, max_length=200, pattern=KEY_PATTERN,
                                      description="Free text, matched anywhere, case-insensitive.")]
ActorParam = Annotated[Optional[str], Query(min_length=1, max_length=100, pattern=KEY_PATTERN,
                                            description=KEY_DOC)]
By = Annotated[KeyKind, Query(description="How to read actor keys (see `actor`).")]
PlaceParam = Annotated[Optional[str], Query(min_length=1, max_length=100, pattern=KEY_PATTERN,
                                            description="A place key from /api/places: GeoNames id, else name.")]

router = APIRouter(prefix="/api", tags=["api"], responses={
    503: {"model": Problem, "description": "The query ran past the server's time limit."}})
NOT_FOUND = {404: {"model": Problem, "description": "No such record."}}


def _store(request: Request):
    return request.app.state.store


_CATEGORY = "(?:" + "|".join(QUOTE_CATEGORIES) + ")"
QuoteCategories = Annotated[Optional[str], Query(
    min_length=1, max_length=64, pattern=rf"^(?:all|{_CATEGORY}(?:,{_CATEGORY})*)$",
    description="Quote categories to show: comma-separated speech, thought, stance, evidence, "
                "or all (default: the server's quote_categories, speech).")]


def _quote_categories(request: Request, value: str | None) -> tuple[str, ...]:
    """The parameter's categories (its pattern admits only known names), else the server's."""
    if value is None:
        return getattr(request.app.state, "quote_categories", ("speech",))
    return parse_quote_categories(value)


def _dates(date_from, date_to) -> None:
    if date_from and date_to and date_from > date_to:
        raise RequestValidationError([{
            "type": "value_error", "loc": ["query", "date_to"], "input": date_to.isoformat(),
            "msg": f"date_to ({date_to}) is before date_from ({date_from})"}])


def _key(store, value: str | None, by: KeyKind) -> tuple[ActorKey | None, bool]:
    """(key, unmatched): an auto key that names no stored actor matches nothing."""
    if not value:
        return None, False
    if by is not KeyKind.auto:
        return ActorKey(by.value, value), False
    key = resolve_actor_key(store, value)
    return key, key is None


@router.get("/overview", response_model=Overview, summary="Overview page data")
def get_overview(request: Request,
                 latest: Annotated[int, Query(ge=1, le=100, description="Latest articles to list.")] = 10):
    """Counts per table, the latest articles, event types and the busiest dyads."""
    return queries.overview(_store(request), latest)


@router.get("/events", response_model=Page[EventOut], summary="Events, filtered and paginated")
def get_events(request: Request,
               source: ActorParam = None, target: ActorParam = None,
               both_directions: Annotated[bool, Query(
                   description="Also return events from `target` to `source`.")] = False,
               actor: ActorParam = None, by: By = KeyKind.auto,
               type: Annotated[Optional[EventType], Query(description="PLOVER type.")] = None,
               cameo: Annotated[Optional[str], Query(pattern=r"^[0-9]{2,4}$",
                                                     description="CAMEO code or prefix, e.g. 04.")] = None,
               status: Annotated[Optional[EventStatus], Query()] = None,
               quad_class: Annotated[Optional[int], Query(ge=1, le=4)] = None,
               date_from: DateFrom = None, date_to: DateTo = None, q: Text = None,
               article_id: Annotated[Optional[str], Query(max_length=64, pattern=KEY_PATTERN)] = None,
               place: PlaceParam = None,
               sort: Annotated[EventSort, Query(description="Order of the list.")] = EventSort.newest,
               page: PageNo = 1, page_size: PageSize = 50):
    """Events as coded from each article. `source`/`target`/`actor` take actor keys (see
    `actor`); dates are the event's own date range (else the article's publication date),
    kept when it overlaps [date_from, date_to]; `q` searches the evidence text; `place` takes a
    key from `/api/places` (a GeoNames id, else the place's name)."""
    _dates(date_from, date_to)
    store = _store(request)
    flt = EventFilter(both_directions=both_directions, type=type.value if type else None,
                      cameo=cameo, status=status.value if status else None, quad_class=quad_class,
                      date_from=date_from, date_to=date_to, q=q, article_id=article_id)
    for name, value in (("source", source), ("target", target), ("actor", actor)):
        key, unmatched = _key(store, value, by)
        setattr(flt, name, key)
        flt.unmatched = flt.unmatched or unmatched
    if place:
        if not store.has("events", "place_lat"):
            flt.unmatched = True
        else:
            flt.extra.append(queries.place_condition(place))
    return queries.events(store, flt, page, page_size, sort.value)


@router.get("/places", response_model=PlaceList, summary="Geocoded places by event count")
def get_places(request: Request, actor: ActorParam = None, by: By = KeyKind.auto,
               type: Annotated[Optional[EventType], Query(description="PLOVER type.")] = None,
               status: Annotated[Optional[EventStatus], Query()] = None,
               quad_class: Annotated[Optional[int], Query(ge=1, le=4)] = None,
               date_from: DateFrom = None, date_to: DateTo = None, q: Text = None,
               place: PlaceParam = None,
               limit: Annotated[int, Query(ge=1, le=500, description="Places to list.")] = 500):
    """The places events happened at (geocoded, with coordinates), busiest first, with event
    counts by quad class; filters as `/api/events`. `key` is the `place` filter of `/api/events`
    (and of this list: `place=KEY` gives that one place with the other filters' counts)."""
    _dates(date_from, date_to)
    store = _store(request)
    flt = EventFilter(type=type.value if type else None, status=status.value if status else None,
                      quad_class=quad_class, date_from=date_from, date_to=date_to, q=q)
    key, unmatched = _key(store, actor, by)
    flt.actor, flt.unmatched = key, unmatched
    if place:
        flt.extra.append(queries.place_condition(place))
    return queries.places(store, flt, limit)


@router.get("/events/{event_id}", response_model=EventOut, responses=NOT_FOUND,
            summary="One event")
def get_event(request: Request,
              event_id: Annotated[str, Path(max_length=64, pattern=KEY_PATTERN)]):
    store = _store(request)
    flt = EventFilter(extra=[("id = ?", [event_id])])
    got = queries.events(store, flt, 1, 1)["items"]
    if not got:
        raise HTTPException(404, f"no event {event_id!r}")
    return got[0]


@router.get("/dyads", response_model=Page[Dyad], summary="Dyads (actor pairs) by event count")
def get_dyads(request: Request,
              level: Annotated[Level, Query(description="Pair actors by country or by CAMEO code.")] = Level.country,
              actor: Annotated[Optional[str], Query(min_length=1, max_length=32, pattern=KEY_PATTERN,
                                                    description="Only pairs with this country/code.")] = None,
              min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
              page: PageNo = 1, page_size: PageSize = 50):
    """Unordered pairs (a < b) with events each way and the mean Goldstein score."""
    return queries.dyads(_store(request), level.value, actor, min_events, page, page_size)


@router.get("/dyads/{a}/{b}", response_model=DyadSeries, summary="A dyad's weekly time series")
def get_dyad(request: Request,
             a: Annotated[str, Path(max_length=32, pattern=KEY_PATTERN, description="Country code or CAMEO code.")],
             b: Annotated[str, Path(max_length=32, pattern=KEY_PATTERN)],
             level: Annotated[Level, Query(description="Whether a and b are countries or CAMEO codes.")] = Level.country,
             type: Annotated[Optional[EventType], Query()] = None,
             status: Annotated[Optional[EventStatus], Query()] = None,
             date_from: DateFrom = None, date_to: DateTo = None):
    """Events per ISO week (Monday) by quad class, and the week's mean Goldstein score, for
    a→b and b→a. Only events with a date of their own are plotted: one dated to a day or a
    week sits in the week its date starts in (`weeks`); one dated only to a month, season or
    longer is a span from the period's first to its last day (`spans`); events without a date
    of their own are counted in `n_undated`. All statuses unless `status` says (the dyad page
    shows `occurred` by default). The events themselves: `/api/events?source=a&target=b
    &by=country&both_directions=true`."""
    _dates(date_from, date_to)
    flt = EventFilter(type=type.value if type else None, status=status.value if status else None,
                      date_from=date_from, date_to=date_to)
    return queries.dyad_series(_store(request), a, b, level.value, flt)


@router.get("/network", response_model=Network, summary="Actor network")
def get_network(request: Request,
                level: Annotated[Level, Query()] = Level.country,
                min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                max_edges: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 200):
    """Actors as nodes and dyads as edges, weighted by event count, with mean Goldstein."""
    return queries.network(_store(request), level.value, min_events, max_edges)


@router.get("/articles", response_model=Page[ArticleSummary], summary="Articles")
def get_articles(request: Request, q: Text = None,
                 outlet: Annotated[Optional[str], Query(max_length=200, pattern=KEY_PATTERN)] = None,
                 date_from: DateFrom = None, date_to: DateTo = None,
                 page: PageNo = 1, page_size: PageSize = 50):
    """Articles, newest first; `q` searches title and text; dates are publication dates."""
    _dates(date_from, date_to)
    return queries.articles(_store(request), q, outlet, date_from, date_to, page, page_size)


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=NOT_FOUND,
            summary="One article with all its records")
def get_article(request: Request,
                article_id: Annotated[str, Path(max_length=64, pattern=KEY_PATTERN)],
                quotes: QuoteCategories = None):
    """The clean text, what was removed as boilerplate, and its sentences, times, actors with
    mentions, events, quotes (speech unless `quotes` says otherwise) and figures (offsets
    into `text`)."""
    got = detail.article(_store(request), article_id, _quote_categories(request, quotes))
    if got is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return got


@router.get("/actors", response_model=Page[ActorGroup], summary="Actors across articles")
def get_actors(request: Request, q: Text = None,
               kind: Annotated[Optional[str], Query(max_length=32, pattern=KEY_PATTERN)] = None,
               page: PageNo = 1, page_size: PageSize = 50):
    """Actors grouped by name, country, code and kind; `q` matches names, or codes exactly."""
    return queries.actors(_store(request), q, kind, page, page_size)


@router.get("/actors/{key}", response_model=ActorDetail, responses=NOT_FOUND,
            summary="One actor: partners, quotes, events")
def get_actor(request: Request,
              key: Annotated[str, Path(max_length=100, pattern=KEY_PATTERN, description=KEY_DOC)],
              by: By = KeyKind.auto,
              limit: Annotated[int, Query(ge=1, le=100, description="Rows per list.")] = 20,
              quotes: QuoteCategories = None):
    """Whom the actor interacts with most (by events either way), its quotes (speech unless
    `quotes` says otherwise), its latest events."""
    store = _store(request)
    cats = _quote_categories(request, quotes)
    k = resolve_actor_key(store, key, by.value)
    if k is None:
        raise HTTPException(404, f"no actor {key!r}")
    return detail.actor(store, k, limit, cats)


@router.get("/linked-events/{linked_id}", response_model=LinkedEvent, responses=NOT_FOUND,
            summary="A linked event and its mentions across articles")
def get_linked_event(request: Request,
                     linked_id: Annotated[str, Path(max_length=64, pattern=KEY_PATTERN,
                                                    description="A linked event's id, or any member event's id.")]):
    """The accounts of one happening: each mention with its article, its sentence in context
    (evidence offsets into that sentence), status and date. Without link data the event is
    returned alone (`linked: false`)."""
    got = detail.linked_event(_store(request), linked_id)
    if got is None:
        raise HTTPException(404, f"no linked event or event {linked_id!r}")
    return got
