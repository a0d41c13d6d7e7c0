"""Tables of across-article linking, created beside the record tables.

`stories` holds each story's dates and counts and `_story_terms` its signature (the summed
term weights of its articles), so that a new article is compared with a few recent
candidate stories, never with all articles. `_link_df` and `_link_state` keep document
frequencies for the IDF weights. `linked_events` holds one canonical record per real-world
event and `event_mentions` every event record that reports it (GDELT's Events/Mentions
split, but linked across articles). Tables named with `_` are working state, hidden from
`Store.tables()`. The two event tables, which grow with the corpus, have no PRIMARY KEY
(DuckDB holds key indexes in memory); their rows are replaced by delete-then-insert.
"""
from __future__ import annotations

LINK_TABLES: dict[str, str] = {
    "stories": """
        id VARCHAR PRIMARY KEY, title VARCHAR, first_article_id VARCHAR, label VARCHAR,
        n_articles INTEGER, n_sources INTEGER, date_min DATE, date_max DATE,
        n_linked_events INTEGER
    """,
    "_story_terms": "story_id VARCHAR, term VARCHAR, weight DOUBLE",
    "_link_df": "term VARCHAR PRIMARY KEY, df INTEGER",
    "_link_state": "key VARCHAR PRIMARY KEY, value BIGINT",
    "linked_events": """
        id VARCHAR, story_id VARCHAR, canonical_event_id VARCHAR, type VARCHAR,
        mode VARCHAR, cameo VARCHAR, status VARCHAR,
        source_name VARCHAR, source_country VARCHAR, target_name VARCHAR, target_country VARCHAR,
        date_start VARCHAR, date_end VARCHAR, place_name VARCHAR, place_country VARCHAR,
        dyad_key VARCHAR, n_mentions INTEGER, n_articles INTEGER, n_sources INTEGER,
        first_published VARCHAR, last_published VARCHAR, evidence VARCHAR
    """,
    "event_mentions": """
        event_id VARCHAR, linked_event_id VARCHAR, article_id VARCHAR,
        story_id VARCHAR, sentence INTEGER, outlet VARCHAR, published VARCHAR, url VARCHAR,
        evidence VARCHAR
    """,
}


def ensure_link_tables(con) -> None:
    """Create the linking tables if missing (`Linker.prepare`, and before every batch it links)."""
    for name, cols in LINK_TABLES.items():
        con.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({cols})')
