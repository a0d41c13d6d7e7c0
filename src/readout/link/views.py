"""Read-only views of stories and linked events for the CLI and the server."""
from __future__ import annotations

from ..errors import StoreError


def list_stories(store, limit: int = 50, min_articles: int = 1) -> list[dict]:
    """Stories, the most widely reported first."""
    if "stories" not in store.tables():
        raise StoreError(f"{store.path}: no stories (ingested before linking existed?)")
    return store.query("""
        SELECT id, title, label, n_articles, n_sources, n_linked_events,
               CAST(date_min AS VARCHAR) AS date_min, CAST(date_max AS VARCHAR) AS date_max
        FROM stories WHERE n_articles >= ?
        ORDER BY n_articles DESC, n_sources DESC, date_max DESC NULLS LAST, id LIMIT ?""",
                       [min_articles, limit])


def story_detail(store, story_id: str, max_events: int = 30) -> dict:
    """One story: its articles (by date) and its linked events (most mentioned first)."""
    found = store.query("SELECT id, title, label, n_articles, n_sources, n_linked_events, "
                        "CAST(date_min AS VARCHAR) AS date_min, CAST(date_max AS VARCHAR) AS date_max "
                        "FROM stories WHERE id = ?", [story_id])
    if not found:
        raise StoreError(f"no story {story_id!r} (see `readout stories`)")
    articles = store.query("SELECT id, outlet, title, published, url FROM articles WHERE story_id = ? "
                           "ORDER BY published NULLS LAST, id", [story_id])
    events = store.query("""
        SELECT id, type, cameo, status, source_name, target_name, date_start, place_name,
               n_mentions, n_articles, n_sources, evidence
        FROM linked_events WHERE story_id = ?
        ORDER BY n_articles DESC, n_mentions DESC, id LIMIT ?""", [story_id, max_events])
    return {"story": found[0], "articles": articles, "linked_events": events}


def resolve_id(store, table: str, given: str, what: str) -> str:
    """The full id in `table` that `given` names: itself, or the one id it is a prefix of;
    StoreError when none or several start so (naming a few)."""
    from ..errors import StoreError
    if store.query(f'SELECT 1 FROM "{table}" WHERE id = ?', [given]):
        return given
    found = [r["id"] for r in store.query(
        f'SELECT id FROM "{table}" WHERE starts_with(id, ?) ORDER BY id LIMIT 4', [given])]
    if len(found) == 1:
        return found[0]
    if not found:
        raise StoreError(f"no {what} {given!r} (see `readout stories`)")
    shown = ", ".join(found[:3]) + (" …" if len(found) > 3 else "")
    raise StoreError(f"{given!r} starts more than one {what} id ({shown}): give more characters")
