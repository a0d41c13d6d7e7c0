"""Detail views: one article with all its records, one actor across articles, one linked event.

The link stage's tables (`stories`, `linked_events`, `event_mentions`) are used
when the store has them; without them a story is absent and an event stands as
a linked event of one mention, so every page still works on a store that was
never linked.
"""
from __future__ import annotations

from .db import ReadOnlyStore
from . import queries
from .filters import ActorKey, EventFilter
from .queries import EVENT_COLUMNS, column_list, attach_linked_ids, attach_titles, link_columns

ARTICLE_COLUMNS = ("id", "input_id", "url", "outlet", "title", "published", "published_source",
                   "dateline", "credits", "caption", "text", "removed", "n_sentences",
                   "readout_version", "data_hash", "story_id")
RECORDS = {
    "sentences": ("id", "idx", "start", "end"),
    "times": ("id", "text", "start", "end", "start_date", "end_date", "precision", "anchor",
              "method", "sentence"),
    "actors": ("id", "name", "country", "sector", "code", "kind", "n_mentions"),
    "mentions": ("id", "actor_id", "start", "end", "text", "how", "sentence"),
    "quotes": ("id", "speaker", "speaker_text", "speaker_name", "text", "kind", "cue", "via",
               "via_name", "start", "end", "sentence"),
    "figures": ("id", "text", "value", "unit", "measure", "period_start", "period_end",
                "claimant", "claimant_name", "start", "end", "sentence"),
}
CONTEXT_SENTENCES = 1   # sentences shown before and after an event's sentence


def quote_condition(store: ReadOnlyStore, categories, alias: str = "") -> tuple[str, list]:
    """SQL keeping quotes of `categories` (all quotes for None, or in a store made before
    quotes had a category)."""
    if not categories or not store.has("quotes", "category"):
        return "TRUE", []
    return f"list_contains(?, {alias}category)", [list(categories)]


def article(store: ReadOnlyStore, article_id: str,
            quote_categories: tuple[str, ...] | None = ("speech",)) -> dict | None:
    """An article's clean text and every record found in it, with offsets into the text;
    quotes only of `quote_categories` (speech by default; None: all)."""
    row = store.one(f"SELECT {column_list(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", [article_id])
    if row is None:
        return None
    for table, cols in RECORDS.items():
        order = '"start", "end", id' if "start" in cols else "id"
        where, params = "TRUE", []
        if table == "quotes":
            where, params = quote_condition(store, quote_categories)
            if store.has("quotes", "category", "parts"):
                cols = cols[:-1] + ("category", "parts", cols[-1])
        row[table] = store.rows(f'SELECT {column_list(cols)} FROM "{table}" WHERE article_id = ? '
                                f"AND {where} ORDER BY {order}", [article_id] + params)
    mentions: dict[str, list] = {}
    for m in row.pop("mentions"):
        mentions.setdefault(m["actor_id"], []).append(m)
    for a in row["actors"]:
        a["mentions"] = mentions.get(a["id"], [])
    row["events"] = store.rows(f"SELECT {column_list(EVENT_COLUMNS)} FROM events WHERE article_id = ? "
                               'ORDER BY start, "end", id', [article_id])
    attach_linked_ids(store, row["events"])
    row["story"] = story(store, row.get("story_id"), exclude=article_id)
    return row


def story(store: ReadOnlyStore, story_id: str | None, exclude: str | None = None) -> dict | None:
    """The story an article belongs to and the story's other articles (link stage)."""
    if not story_id:
        return None
    info = {"id": story_id}
    if store.has("stories", "id"):
        info.update(store.one("SELECT * FROM stories WHERE id = ?", [story_id]) or {})
    info = _plain(info)        # dates as strings; the article rows below are plain already
    info["articles"] = store.rows(
        "SELECT id, title, outlet, published FROM articles WHERE story_id = ? AND id <> ? "
        "ORDER BY published NULLS LAST, id LIMIT 50", [story_id, exclude or ""])
    return info


def actor(store: ReadOnlyStore, key: ActorKey, limit: int = 20,
          quote_categories: tuple[str, ...] | None = ("speech",)) -> dict:
    """Who an actor is (names, codes), whom it interacts with most, its quotes and events."""
    acond, aparams = key.actors_condition("a.")
    identities = store.rows(
        f"SELECT a.name, a.country, a.code, a.kind, count(DISTINCT a.article_id) AS n_articles "
        f"FROM actors a WHERE {acond} GROUP BY ALL ORDER BY n_articles DESC, a.name LIMIT 50",
        aparams)
    src, sp = key.events_condition("source")
    tgt, tp = key.events_condition("target")
    # the counterpart of each event: the other side, by country when known, else by name
    partners = store.rows(
        f"""SELECT coalesce(other_country, other_name) AS key,
                   CASE WHEN other_country IS NOT NULL THEN 'country' ELSE 'name' END AS by,
                   mode(other_name) AS name, count(*) AS n_events,
                   count(*) FILTER (WHERE as_source) AS n_as_source,
                   count(*) FILTER (WHERE NOT as_source) AS n_as_target,
                   round(avg(goldstein), 3) AS mean_goldstein
            FROM (SELECT target_country AS other_country, target_name AS other_name,
                         goldstein, TRUE AS as_source FROM events WHERE {src}
                  UNION ALL
                  SELECT source_country, source_name, goldstein, FALSE FROM events WHERE {tgt})
            WHERE coalesce(other_country, other_name) IS NOT NULL
            GROUP BY ALL ORDER BY n_events DESC, key LIMIT ?""", sp + tp + [limit])
    if key.by == "country":
        partners = [p for p in partners if not (p["by"] == "country" and p["key"] == key.value)]
    qcond, qparams = quote_condition(store, quote_categories, "q.")
    quotes = store.rows(
        f"""SELECT q.id, q.article_id, q.text, q.kind, q.cue, q.speaker_name, q.speaker_text,
                   q.via_name, q.start, q."end", ar.title AS article_title, ar.published
            FROM quotes q JOIN actors a ON a.id = q.speaker JOIN articles ar ON ar.id = q.article_id
            WHERE {acond} AND {qcond} ORDER BY ar.published DESC NULLS LAST, q.start LIMIT ?""",
        aparams + qparams + [limit * 2])
    recent = queries.events(store, EventFilter(actor=key), 1, limit)
    n_events, recent = recent["total"], recent["items"]
    return {"key": key.value, "by": key.by, "label": _label(key, identities),
            "identities": identities, "n_events": n_events,
            "partners": partners, "quotes": quotes, "events": recent}


def _label(key: ActorKey, identities: list[dict]) -> str:
    """A readable name: a country's own actor name, a code's commonest name, or the name."""
    if key.by == "country":
        own = [i["name"] for i in identities if i["kind"] == "country" and i["name"]]
        return own[0] if own else key.value
    if key.by == "code" and identities and identities[0]["name"]:
        return identities[0]["name"]
    return identities[0]["name"] if identities and identities[0]["name"] else key.value


def linked_event(store: ReadOnlyStore, some_id: str) -> dict | None:
    """A linked event and its mentions across articles, given its id or any member event's id.

    Without the link tables, or for an event the linker left alone, the event is
    shown as a linked event of one mention (`linked: false`).
    """
    link = link_columns(store)
    if link:
        ev_col, le_col = link
        row = store.one("SELECT * FROM linked_events WHERE id = ?", [some_id])
        if row is None:
            lid = store.scalar(f'SELECT "{le_col}" FROM event_mentions WHERE "{ev_col}" = ? LIMIT 1',
                               [some_id])
            row = store.one("SELECT * FROM linked_events WHERE id = ?", [lid]) if lid else None
        if row is not None:
            members = [r["e"] for r in store.rows(
                f'SELECT "{ev_col}" AS e FROM event_mentions WHERE "{le_col}" = ?', [row["id"]])]
            mentions = _mentions(store, members)
            return {"id": row["id"], "linked": True, "record": _plain(row),
                    "summary": _summary(mentions, row), "mentions": mentions}
    mentions = _mentions(store, [some_id])
    if not mentions:
        return None
    return {"id": some_id, "linked": False, "record": None, "summary": _summary(mentions),
            "mentions": mentions}


def _mentions(store: ReadOnlyStore, event_ids: list[str]) -> list[dict]:
    """Each event with its article and its sentence in context (offsets into the context)."""
    if not event_ids:
        return []
    events = store.rows(
        f"SELECT {column_list(EVENT_COLUMNS)} FROM events WHERE list_contains(?, id) "
        "ORDER BY published NULLS LAST, article_id, start", [event_ids])
    if not events:
        return []
    attach_titles(store, events)
    quote_ids = [e["quote_id"] for e in events if e.get("quote_id")]
    quotes = {q["id"]: q for q in store.rows(
        "SELECT id, text, speaker_name, speaker_text, kind FROM quotes WHERE list_contains(?, id)",
        [quote_ids])} if quote_ids else {}
    wanted = [(e["article_id"], e["sentence"]) for e in events if e.get("sentence") is not None]
    sentences: dict[tuple, dict] = {}
    if wanted:
        arts = sorted({a for a, _ in wanted})
        for s in store.rows(
                "SELECT s.article_id, s.idx, s.start, s.\"end\", s.text FROM sentences s "
                "WHERE list_contains(?, s.article_id)", [arts]):
            sentences[(s["article_id"], s["idx"])] = s
    for e in events:
        e["quote"] = quotes.get(e.get("quote_id"))
        e["context"] = _context(e, sentences)
    return events


def _context(event: dict, sentences: dict) -> dict | None:
    """The event's sentence with its neighbours, and where the evidence sits in it."""
    idx = event.get("sentence")
    if idx is None or (event["article_id"], idx) not in sentences:
        return None
    own = sentences[(event["article_id"], idx)]
    before = [sentences[(event["article_id"], i)]["text"]
              for i in range(idx - CONTEXT_SENTENCES, idx) if (event["article_id"], i) in sentences]
    after = [sentences[(event["article_id"], i)]["text"]
             for i in range(idx + 1, idx + 1 + CONTEXT_SENTENCES)
             if (event["article_id"], i) in sentences]
    start = max(0, (event.get("start") or own["start"]) - own["start"])
    end = min(len(own["text"]), (event.get("end") or own["end"]) - own["start"])
    if end <= start:
        start, end = 0, len(own["text"])
    return {"before": " ".join(before), "sentence": own["text"], "after": " ".join(after),
            "highlight_start": start, "highlight_end": end}


def _summary(mentions: list[dict], record: dict | None = None) -> dict:
    """What the accounts say together: the linked record's coding when there is one, else the
    commonest type, status and (source, target) pair; the date span; counts."""
    def most(key):
        counts: dict = {}
        for m in mentions:
            v = key(m)
            if v is not None:
                counts[v] = counts.get(v, 0) + 1
        # ties go to the earliest mention (mentions come in publication order)
        return max(counts, key=lambda k: counts[k]) if counts else None

    pair = most(lambda m: (m["source_name"], m["source_country"], m["target_name"], m["target_country"])
                if (m.get("source_name") or m.get("target_name")) else None) or (None,) * 4
    starts = sorted(m["date_start"] for m in mentions if m.get("date_start"))
    ends = sorted(m["date_end"] or m["date_start"] for m in mentions if m.get("date_start"))
    gold = [m["goldstein"] for m in mentions if m.get("goldstein") is not None]
    out = {"type": most(lambda m: m.get("type")), "cameo": most(lambda m: m.get("cameo")),
           "status": most(lambda m: m.get("status")),
           "source_name": pair[0], "source_country": pair[1],
           "target_name": pair[2], "target_country": pair[3],
           "date_start": starts[0] if starts else None, "date_end": ends[-1] if ends else None,
           "mean_goldstein": round(sum(gold) / len(gold), 3) if gold else None,
           "n_mentions": len(mentions), "n_articles": len({m["article_id"] for m in mentions}),
           "statuses": sorted({m["status"] for m in mentions if m.get("status")})}
    for key in ("type", "cameo", "status", "source_name", "source_country", "target_name",
                "target_country", "date_start", "date_end"):
        if record and record.get(key) is not None:
            out[key] = record[key]
    return out


def _plain(row: dict) -> dict:
    """A row with values JSON can carry (dates and other objects as strings)."""
    out = {}
    for k, v in row.items():
        if v is None or isinstance(v, (str, int, float, bool)):
            out[k] = v
        elif isinstance(v, (list, tuple)):
            out[k] = [x if isinstance(x, (str, int, float, bool)) or x is None else str(x) for x in v]
        else:
            out[k] = str(v)
    return out
