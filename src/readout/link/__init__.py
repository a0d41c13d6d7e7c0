"""Across articles: stories, linked events, accounts.

`link_batch` runs after every stored batch (`Linker`, which `api.ingest` gives the ingest
driver as its after-write step; the tables are link's own, `schema.py`): it puts each new article in
a story (incrementally, see stories.py) and links its event records to the real-world
events they report (events.py). It is idempotent: re-ingesting an article keeps its story
and replaces its event mentions. `accounts` (accounts.py) lays the sources of one linked
event side by side.
"""
from __future__ import annotations

import pyarrow as pa

from ..config import Config, LinkConfig, load_config
from ..errors import StoreError
from ..records import Document
from ..store.documents import documents_from_tables
from .events import events_from_documents, link_events
from .schema import LINK_TABLES, ensure_link_tables
from .stories import LinkArticle, assign_stories


class Linker:
    """The after-write step of ingest: make the link tables, then link each stored batch."""

    def prepare(self, store) -> None:
        ensure_link_tables(store.con)

    def __call__(self, store, docs: list[Document], config: Config) -> None:
        link_batch(store, docs, config)


def article_from_document(doc) -> LinkArticle:
    """The clustering view of a Document (actors, places and event types included)."""
    places = [e.place.name for e in doc.events if e.place and e.place.name and e.place.source in (None, "event")]
    return LinkArticle(id=doc.id, title=doc.title, text=doc.text, outlet=doc.outlet,
                       published=doc.published,
                       actors=[(a.name, len(a.mentions)) for a in doc.actors if a.name],
                       places=places, event_types=[e.type for e in doc.events if e.type])


def _existing_story_ids(con, ids: list[str]) -> dict[str, str]:
    con.register("_l_ids", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        rows = con.execute("SELECT a.id, a.story_id FROM articles a JOIN _l_ids USING (id) "
                           "WHERE a.story_id IS NOT NULL").fetchall()
    finally:
        con.unregister("_l_ids")
    return dict(rows)


def link_batch(store, docs, config: Config | None = None) -> dict:
    """Cluster the batch's new articles into stories and link their events (one transaction)."""
    params = (config or load_config()).link
    if not params.enabled:
        return {"stories": {}, "mentions": 0}
    ensure_link_tables(store.con)
    unique = list({d.id: d for d in docs}.values())
    if not unique:
        return {"stories": {}, "mentions": 0}
    articles = [article_from_document(d) for d in unique]
    return link_articles(store.con, articles, params, docs=unique)


def link_articles(con, articles: list[LinkArticle], params: LinkConfig, docs=None) -> dict:
    known = _existing_story_ids(con, [a.id for a in articles])
    for a in articles:
        a.story_id = known.get(a.id)
    try:
        con.execute("BEGIN TRANSACTION")
        assigned = assign_stories(con, articles, params.stories)
        story_of = {**known, **assigned}
        n_mentions = 0
        if docs is not None:
            events = events_from_documents(docs, story_of)
            n_mentions = link_events(con, events, [a.id for a in articles], params.events)
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"linking failed, stories and links of this batch not stored: {exc}") from exc
    return {"stories": assigned, "mentions": n_mentions}


_ORDERS = {"stored": "rowid", "published": "published NULLS LAST, rowid", "input": "input_id, rowid"}


def link_stored(store, config: Config | None = None, reset: bool = False, order: str = "stored",
                batch_size: int = 64) -> dict:
    """Link articles already in the store that have no story yet (all of them with `reset`,
    which first drops every story and link), batch by batch in the given arrival order:
    'stored' (insertion), 'published' or 'input' (input id)."""
    con = store.con
    ensure_link_tables(con)
    if reset:
        con.execute("BEGIN TRANSACTION")
        for name in LINK_TABLES:
            con.execute(f'DELETE FROM "{name}"')
        con.execute("UPDATE articles SET story_id = NULL")
        con.execute("COMMIT")
    ids = [r[0] for r in con.execute(
        f"SELECT id FROM articles WHERE story_id IS NULL ORDER BY {_ORDERS[order]}").fetchall()]
    n_mentions = 0
    stories: set[str] = set()
    for i in range(0, len(ids), batch_size):
        chunk = ids[i:i + batch_size]
        con.register("_ls_ids", pa.table({"id": pa.array(chunk, pa.string())}))
        try:
            tables = {"articles": con.sql("SELECT a.* FROM articles a JOIN _ls_ids USING (id)").to_arrow_table()}
            for name in ("sentences", "actors", "mentions", "events", "quotes", "figures"):
                tables[name] = con.sql(
                    f'SELECT t.* FROM "{name}" t WHERE t.article_id IN (SELECT id FROM _ls_ids)').to_arrow_table()
        finally:
            con.unregister("_ls_ids")
        rank = {aid: k for k, aid in enumerate(chunk)}
        docs = sorted(documents_from_tables(tables), key=lambda d: rank[d.id])
        result = link_batch(store, docs, config)
        stories.update(result["stories"].values())
        n_mentions += result["mentions"]
    return {"articles": len(ids), "stories": len(stories), "mentions": n_mentions}
