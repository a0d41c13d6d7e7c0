"""The data behind every page and API endpoint, as plain dicts (one function per view).

Lists: overview, events, dyad series, network, articles, actors. The detail
views (one article, one actor, one linked event) are in `detail.py`. Every
query is parameterised; table names come only from this module.
"""
from __future__ import annotations

from .db import EVENT_INDEX, ReadOnlyStore
from .filters import ActorKey, EventFilter, like_pattern

EVENT_COLUMNS = (
    "id", "article_id", "type", "mode", "cameo", "source", "target", "source_name",
    "source_country", "source_code", "target_name", "target_country", "target_code", "status",
    "date_start", "date_end", "date_precision", "place_name", "place_country", "place_geonames_id",
    "place_feature", "place_admin1", "place_lat", "place_lon", "place_precision",
    "place_gazetteer_name", "place_source", "goldstein",
    "quad_class", "confidence", "sentence", "start", "end", "evidence", "trigger", "quote_id",
    "published", "url", "outlet",
)
ARTICLE_LIST_COLUMNS = ("id", "title", "url", "outlet", "published", "n_sentences", "story_id")
SORTS = {            # over the event index (`newest`: rank by date, newest first)
    "-date": "newest",
    "date": "day ASC NULLS LAST, newest DESC",
    "-goldstein": "goldstein DESC NULLS LAST, id",
    "goldstein": "goldstein ASC NULLS LAST, id",
}
LEVELS = ("country", "code")
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                4: "material conflict"}


def column_list(names) -> str:
    return ", ".join(f'"{c}"' for c in names)


def counts(store: ReadOnlyStore) -> dict[str, int | None]:
    """Row counts of the main tables; None for a table this store does not have."""
    out: dict[str, int | None] = {}
    for name, table in (("articles", "articles"), ("events", "events"),
                        ("linked_events", "linked_events"), ("quotes", "quotes"),
                        ("figures", "figures"), ("actors", "actors"), ("stories", "stories"),
                        ("times", "times"), ("errors", "errors")):
        out[name] = store.scalar(f'SELECT count(*) FROM "{table}"') if store.has(table) else None
    return out


def overview(store: ReadOnlyStore, latest: int = 10) -> dict:
    latest_articles = store.rows(
        f"SELECT {column_list(ARTICLE_LIST_COLUMNS)} FROM articles "
        "ORDER BY published DESC NULLS LAST, id LIMIT ?", [latest])
    _add_article_counts(store, latest_articles)
    types = [{"type": store.key_names[r["k"]], "n": r["n"]} for r in store.rows(
        f"SELECT type_k AS k, count(*) AS n FROM {EVENT_INDEX} WHERE type_k IS NOT NULL "
        "GROUP BY type_k ORDER BY n DESC, type_k")]
    return {"counts": counts(store), "latest_articles": latest_articles,
            "event_types": types, "top_dyads": dyads(store, page_size=10)["items"],
            "has_links": store.has("linked_events") and store.has("event_mentions")}


def _add_article_counts(store: ReadOnlyStore, articles: list[dict]) -> None:
    """Number of events, quotes and figures of each listed article (one query per table)."""
    ids = [a["id"] for a in articles]
    for a in articles:
        a.update(n_events=0, n_quotes=0, n_figures=0)
    if not ids:
        return
    by_id = {a["id"]: a for a in articles}
    for table in ("events", "quotes", "figures"):
        for r in store.rows(f'SELECT article_id, count(*) AS n FROM "{table}" '
                            "WHERE list_contains(?, article_id) GROUP BY article_id", [ids]):
            by_id[r["article_id"]][f"n_{table}"] = r["n"]


def events(store: ReadOnlyStore, flt: EventFilter, page: int = 1, page_size: int = 50,
           sort: str = "-date") -> dict:
    """One page of events matching the filter (newest first by default), with article titles.

    Filtering, counting and sorting run on the event index; only the page's rows are
    then read from the store, by primary key.
    """
    matches, params = _matches(store, flt, "id, day, goldstein, newest")
    # one pass gives the page and the total; a page past the end needs a count of its own
    got = store.rows(f"SELECT id, count(*) OVER () AS total FROM ({matches}) "
                     f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
                     params + [page_size, (page - 1) * page_size])
    total = got[0]["total"] if got else store.scalar(f"SELECT count(*) FROM ({matches})", params)
    items = fetch_events(store, [r["id"] for r in got])
    return {"items": items, "total": total, "page": page, "page_size": page_size}


PLACE_KEY = ("coalesce(CAST(place_geonames_id AS VARCHAR), place_gazetteer_name, place_name)")


def place_condition(place: str) -> tuple[str, list]:
    """Events at a place key (a GeoNames id, else a gazetteer or text name, any case)."""
    if place.isdigit():
        if len(place) > 18:              # no GeoNames id is that long (and BIGINT would overflow)
            return "FALSE", []
        return "id IN (SELECT id FROM events WHERE place_geonames_id = ?)", [int(place)]
    return ("id IN (SELECT id FROM events WHERE place_geonames_id IS NULL AND "
            "lower(coalesce(place_gazetteer_name, place_name)) = lower(?))", [place])


def places(store: ReadOnlyStore, flt: EventFilter, limit: int = 500) -> dict:
    """Geocoded places with their event counts by quad class, busiest first."""
    if not store.has("events", "place_lat"):
        return {"items": [], "total": 0}
    matches, params = _matches(store, flt, "id")
    rows = store.rows(
        f"SELECT {PLACE_KEY} AS key, any_value(coalesce(place_gazetteer_name, place_name)) AS name, "
        "any_value(place_country) AS country, any_value(place_admin1) AS admin1, "
        "any_value(place_precision) AS precision, avg(place_lat) AS lat, avg(place_lon) AS lon, "
        "count(*) AS n, count(*) FILTER (WHERE quad_class = 1) AS q1, "
        "count(*) FILTER (WHERE quad_class = 2) AS q2, count(*) FILTER (WHERE quad_class = 3) AS q3, "
        "count(*) FILTER (WHERE quad_class = 4) AS q4, count(*) OVER () AS total "
        f"FROM events WHERE place_lat IS NOT NULL AND id IN ({matches}) "
        "GROUP BY key ORDER BY n DESC, key LIMIT ?", params + [limit])
    total = rows[0]["total"] if rows else 0
    items = [{"key": r["key"], "name": r["name"], "country": r["country"], "admin1": r["admin1"],
              "precision": r["precision"], "lat": round(r["lat"], 4), "lon": round(r["lon"], 4),
              "n": r["n"], "quad": {str(q): r[f"q{q}"] for q in (1, 2, 3, 4) if r[f"q{q}"]}}
             for r in rows]
    return {"items": items, "total": total}


def _matches(store: ReadOnlyStore, flt: EventFilter, columns: str) -> tuple[str, list]:
    """SELECT of the index rows matching the filter (a UNION ALL of disjoint branches)."""
    parts, params = [], []
    for where, ps in flt.branches(store):
        parts.append(f"SELECT {columns} FROM {EVENT_INDEX} WHERE {where}")
        params.extend(ps)
    return " UNION ALL ".join(parts), params


def fetch_events(store: ReadOnlyStore, ids: list[str]) -> list[dict]:
    """Full event rows for the given ids, in that order, with titles and linked event ids."""
    if not ids:
        return []
    by_id = {r["id"]: r for r in store.rows(
        f"SELECT {column_list(EVENT_COLUMNS)} FROM events WHERE list_contains(?, id)", [ids])}
    items = [by_id[i] for i in ids if i in by_id]
    attach_titles(store, items)
    attach_linked_ids(store, items)
    return items


def attach_titles(store: ReadOnlyStore, items: list[dict]) -> None:
    """Each item's article title (remembered: the store cannot change while serving)."""
    titles = store.cache.setdefault("titles", {})
    missing = sorted({e["article_id"] for e in items if e.get("article_id")} - titles.keys())
    if missing:
        if len(titles) > 200_000:        # bound the memory a long-running server spends on it
            titles.clear()
        found = {r["id"]: r["title"] for r in store.rows(
            "SELECT id, title FROM articles WHERE list_contains(?, id)", [missing])}
        for aid in missing:
            titles[aid] = found.get(aid)
    for e in items:
        e["article_title"] = titles.get(e.get("article_id"))


def attach_linked_ids(store: ReadOnlyStore, items: list[dict]) -> None:
    """The linked event each event belongs to, when the link stage has run."""
    link = link_columns(store)
    found: dict[str, str] = {}
    ids = [e["id"] for e in items]
    if link and ids:
        ev, le = link
        found = {r["event_id"]: r["linked_id"] for r in store.rows(
            f'SELECT "{ev}" AS event_id, "{le}" AS linked_id FROM event_mentions '
            f'WHERE list_contains(?, "{ev}")', [ids])}
    for e in items:
        e["linked_event_id"] = found.get(e["id"])


def link_columns(store: ReadOnlyStore) -> tuple[str, str] | None:
    """(event id column, linked event id column) of event_mentions, if the table is there."""
    if not store.has("event_mentions") or not store.has("linked_events", "id"):
        return None
    cols = store.columns["event_mentions"]
    ev = next((c for c in ("event_id", "event") if c in cols), None)
    le = next((c for c in ("linked_event_id", "linked_id", "linked_event") if c in cols), None)
    return (ev, le) if ev and le else None


# Events whose own date is a day or a week (a range within 7 days) are counted in the week of
# their start; a coarser date (month, season, quarter, year …) is a span from its start to
# its end, never a spike on its first day; events without a date of their own are counted
# as undated and not plotted.
POINT_PRECISIONS = ("day", "week")
_SERIES_KIND = ("CASE WHEN NOT dated THEN 'undated' "
                "WHEN coalesce(precision, 'day') IN ('day', 'week') AND day_end - day < 7 THEN 'week' "
                "ELSE 'span' END")


def dyad_series(store: ReadOnlyStore, a: str, b: str, level: str = "country",
                flt: EventFilter | None = None) -> dict:
    """Events per week by quad class and mean Goldstein, for a→b and b→a separately; events
    dated only to a month, season or longer as spans; undated events counted apart."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    flt = flt or EventFilter()
    ka, kb = ActorKey(level, a), ActorKey(level, b)
    directions = []
    for src, tgt in ((ka, kb), (kb, ka)):
        f = EventFilter(**{**flt.__dict__, "source": src, "target": tgt, "both_directions": False,
                           "extra": list(flt.extra)})
        matches, params = _matches(store, f, "day, day_end, dated, precision, quad_class, goldstein")
        rows = store.rows(
            f"SELECT kind, CASE WHEN kind = 'week' THEN CAST(date_trunc('week', day) AS DATE) END AS week, "
            "CASE WHEN kind = 'span' THEN day END AS start, "
            "CASE WHEN kind = 'span' THEN day_end END AS \"end\", "
            "CASE WHEN kind = 'span' THEN coalesce(precision, 'day') END AS precision, "
            "quad_class, count(*) AS n, sum(goldstein) AS g, count(goldstein) AS gn "
            f"FROM (SELECT *, {_SERIES_KIND} AS kind FROM ({matches})) "
            "GROUP BY ALL ORDER BY week, start, \"end\"", params)
        directions.append(_series(src.value, tgt.value, rows))
        if a == b:
            break
    return {"a": a, "b": b, "level": level, "directions": directions,
            "quad_classes": [{"quad_class": k, "label": v} for k, v in QUAD_CLASSES.items()],
            "names": actor_names(store, level, [a, b])}


def _series(source: str, target: str, rows: list[dict]) -> dict:
    weeks: dict = {}
    spans: dict = {}
    undated = total = 0
    gsum = 0.0
    gn = 0
    for r in rows:
        total += r["n"]
        if r["g"] is not None:
            gsum += r["g"]
            gn += r["gn"]
        if r["kind"] == "undated":
            undated += r["n"]
            continue
        if r["kind"] == "week":
            w = weeks.setdefault(r["week"], {"week": r["week"].isoformat(), "n": 0, "by_quad": {},
                                             "_g": 0.0, "_gn": 0})
        else:
            w = spans.setdefault((r["start"], r["end"], r["precision"]), {
                "start": r["start"].isoformat(), "end": r["end"].isoformat(),
                "precision": r["precision"], "n": 0, "by_quad": {}, "_g": 0.0, "_gn": 0})
        w["n"] += r["n"]
        q = str(r["quad_class"]) if r["quad_class"] is not None else "none"
        w["by_quad"][q] = w["by_quad"].get(q, 0) + r["n"]
        if r["g"] is not None:
            w["_g"] += r["g"]
            w["_gn"] += r["gn"]

    def done(items):
        out = []
        for w in items:
            w["goldstein"] = round(w.pop("_g") / w["_gn"], 3) if w["_gn"] else None
            w.pop("_gn")
            out.append(w)
        return out
    return {"source": source, "target": target, "n_events": total, "n_undated": undated,
            "n_dated": total - undated,
            "mean_goldstein": round(gsum / gn, 3) if gn else None,
            "weeks": done(sorted(weeks.values(), key=lambda w: w["week"])),
            "spans": done(sorted(spans.values(), key=lambda w: (w["start"], w["end"])))}


def actor_names(store: ReadOnlyStore, level: str, keys: list[str]) -> dict[str, str]:
    """A readable name per key: for a country, the name of its country-kind actor."""
    out = {k: k for k in keys}
    if level not in LEVELS:
        return out
    cache = store.cache.setdefault(("names", level), {})
    missing = [k for k in keys if k not in cache]
    if missing:
        kind = "AND kind = 'country'" if level == "country" else ""
        found = {r["k"]: r["name"] for r in store.rows(
            f"SELECT {level} AS k, mode(name) AS name FROM actors "
            f"WHERE list_contains(?, {level}) {kind} GROUP BY ALL", [missing])}
        for k in missing:
            cache[k] = found.get(k) or k
    return {k: cache[k] for k in keys}


def dyads(store: ReadOnlyStore, level: str = "country", actor: str | None = None,
          min_events: int = 1, page: int = 1, page_size: int = 50) -> dict:
    """Undirected actor pairs with event counts each way and mean Goldstein."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    s, t = f"source_{level}_k", f"target_{level}_k"
    cond, params = [f"{s} IS NOT NULL", f"{t} IS NOT NULL", f"{s} <> {t}"], []
    if actor:
        cond.append(f"({s} = ? OR {t} = ?)")
        params += [store.key(actor)] * 2
    # codes are numbered in sort order, so least/greatest and the ordering match the codes'
    base = (f"SELECT least({s}, {t}) AS a, greatest({s}, {t}) AS b, count(*) AS n_events, "
            f"count(*) FILTER (WHERE {s} < {t}) AS n_a_to_b, "
            f"count(*) FILTER (WHERE {s} > {t}) AS n_b_to_a, "
            f"round(avg(goldstein), 3) AS mean_goldstein FROM {EVENT_INDEX} WHERE {' AND '.join(cond)} "
            f"GROUP BY ALL HAVING count(*) >= ?")
    params.append(min_events)
    total = store.scalar(f"SELECT count(*) FROM ({base})", params)
    items = store.rows(f"{base} ORDER BY n_events DESC, a, b LIMIT ? OFFSET ?",
                       params + [page_size, (page - 1) * page_size])
    for r in items:
        r["a"], r["b"] = store.key_names[r["a"]], store.key_names[r["b"]]
    return {"items": items, "total": total, "page": page, "page_size": page_size}


def network(store: ReadOnlyStore, level: str = "country", min_events: int = 1,
            max_edges: int = 200) -> dict:
    """Actors as nodes, dyads as edges (weight = events, colour = mean Goldstein)."""
    edges = dyads(store, level, min_events=min_events, page_size=max_edges)["items"]
    weight: dict[str, int] = {}
    for e in edges:
        for k in (e["a"], e["b"]):
            weight[k] = weight.get(k, 0) + e["n_events"]
    names = actor_names(store, level, list(weight))
    nodes = [{"id": k, "label": names.get(k, k), "n_events": n}
             for k, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"level": level, "nodes": nodes,
            "edges": [{"source": e["a"], "target": e["b"], "n_events": e["n_events"],
                       "mean_goldstein": e["mean_goldstein"]} for e in edges]}


def articles(store: ReadOnlyStore, q: str | None = None, outlet: str | None = None,
             date_from=None, date_to=None, page: int = 1, page_size: int = 50) -> dict:
    conds, params = [], []
    if q:
        conds.append("(title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
        params += [like_pattern(q)] * 2
    if outlet:
        conds.append("outlet = ?")
        params.append(outlet)
    if date_from:
        conds.append("left(published, 10) >= ?")
        params.append(date_from.isoformat())
    if date_to:
        conds.append("left(published, 10) <= ?")
        params.append(date_to.isoformat())
    where = " AND ".join(conds) or "TRUE"
    total = store.scalar(f"SELECT count(*) FROM articles WHERE {where}", params)
    items = store.rows(f"SELECT {column_list(ARTICLE_LIST_COLUMNS)} FROM articles WHERE {where} "
                       "ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
                       params + [page_size, (page - 1) * page_size])
    _add_article_counts(store, items)
    return {"items": items, "total": total, "page": page, "page_size": page_size}


def actors(store: ReadOnlyStore, q: str | None = None, kind: str | None = None,
           page: int = 1, page_size: int = 50) -> dict:
    """Actors across articles, grouped by (name, country, code, kind), most seen first."""
    conds, params = [], []
    if q:
        conds.append("(name ILIKE ? ESCAPE '\\' OR code = ? OR country = ?)")
        params += [like_pattern(q), q, q]
    if kind:
        conds.append("kind = ?")
        params.append(kind)
    where = " AND ".join(conds) or "TRUE"
    base = ("SELECT name, country, code, kind, count(DISTINCT article_id) AS n_articles, "
            f"CAST(sum(n_mentions) AS BIGINT) AS n_mentions FROM actors WHERE {where} GROUP BY ALL")
    total = store.scalar(f"SELECT count(*) FROM ({base})", params)
    items = store.rows(f"{base} ORDER BY n_articles DESC, n_mentions DESC NULLS LAST, name "
                       "LIMIT ? OFFSET ?", params + [page_size, (page - 1) * page_size])
    return {"items": items, "total": total, "page": page, "page_size": page_size}


STORY_COLUMNS = ("id, title, label, n_articles, n_sources, n_linked_events, "
                 "CAST(date_min AS VARCHAR) AS date_min, CAST(date_max AS VARCHAR) AS date_max")


def stories(store: ReadOnlyStore, page: int = 1, page_size: int = 50) -> dict:
    """Stories, the most widely reported first (`available` False: the link stage has not run)."""
    if not store.has("stories"):
        return {"items": [], "total": 0, "page": page, "page_size": page_size, "available": False}
    total = store.scalar("SELECT count(*) FROM stories")
    items = store.rows(f"SELECT {STORY_COLUMNS} FROM stories "
                       "ORDER BY n_articles DESC, n_sources DESC, date_max DESC NULLS LAST, id "
                       "LIMIT ? OFFSET ?", [page_size, (page - 1) * page_size])
    return {"items": items, "total": total, "page": page, "page_size": page_size, "available": True}


def story(store: ReadOnlyStore, story_id: str, max_events: int = 100) -> dict | None:
    """One story: its articles (by date) and its linked events (most reported first)."""
    if not store.has("stories"):
        return None
    found = store.one(f"SELECT {STORY_COLUMNS} FROM stories WHERE id = ?", [story_id])
    if found is None:
        return None
    articles = store.rows(f"SELECT {column_list(ARTICLE_LIST_COLUMNS)} FROM articles WHERE story_id = ? "
                          "ORDER BY published NULLS LAST, id", [story_id])
    _add_article_counts(store, articles)
    events = store.rows(
        "SELECT id, type, cameo, status, source_name, source_country, target_name, target_country, "
        "date_start, date_end, n_mentions, n_articles, n_sources FROM linked_events "
        "WHERE story_id = ? ORDER BY n_articles DESC, n_mentions DESC, id LIMIT ?",
        [story_id, max_events]) if store.has("linked_events", "story_id") else []
    return {"story": found, "articles": articles, "linked_events": events}
