"""The server's read-only view of a readout store, with a time limit on every query.

The store file is attached READ_ONLY to an in-memory DuckDB instance that lives as
long as the app. Each query runs on its own cursor (DuckDB connections are not
safe to share across threads, cursors are); one watchdog thread interrupts any
query that runs past the time limit, which the API turns into a 503 telling the
caller to narrow the filters.

At start the server builds `memory.event_index`: the events' filter and sort
columns (codes as numbers, dates parsed), sorted by dyad, in memory (a few seconds
and ~60 MB per million events). Lists and dyad series filter and sort there, then fetch the page's
full rows from the store by primary key; that keeps them well under 200 ms on a
million events where scanning the store's string dates would not. What optional
tables exist (the link stage's `stories`, `linked_events`, `event_mentions`) is
also read once: the store is read-only, so neither can change while serving.
"""
from __future__ import annotations

import os
import threading
import time
from typing import Any, Sequence

import duckdb

from ..errors import StoreError

DEFAULT_QUERY_TIMEOUT = 5.0   # seconds


# Codes that events are filtered and grouped by (countries, CAMEO actor codes, types,
# statuses), numbered in sort order so that comparing numbers compares the codes.
KEY_COLUMNS = ("source_country", "target_country", "source_code", "target_code", "type", "status")
EVENT_KEYS_SQL = f"""
CREATE TABLE memory.main.event_keys AS
SELECT k, CAST(row_number() OVER (ORDER BY k) AS INTEGER) AS n
FROM ({" UNION ".join(f'SELECT "{c}" AS k FROM store.main.events' for c in KEY_COLUMNS)})
WHERE k IS NOT NULL
"""
# Filter and sort columns of every event: codes as numbers (`<column>_k`), names
# lower-cased, dates parsed; `newest` ranks all events newest first (ties by id).
EVENT_INDEX_SQL = f"""
CREATE TABLE memory.main.event_index AS
SELECT *, row_number() OVER (ORDER BY day DESC NULLS LAST, id) AS newest
FROM (SELECT e.id, e.article_id,
             {", ".join(f"k{i}.n AS {c}_k" for i, c in enumerate(KEY_COLUMNS))},
             lower(e.source_name) AS source_name, lower(e.target_name) AS target_name,
             e.cameo, e.quad_class, e.goldstein,
             TRY_CAST(left(coalesce(e.date_start, e.published), 10) AS DATE) AS day,
             TRY_CAST(left(coalesce(e.date_end, e.date_start, e.published), 10) AS DATE) AS day_end
      FROM store.main.events e
      {" ".join(f'LEFT JOIN memory.main.event_keys k{i} ON k{i}.k = e."{c}"'
                for i, c in enumerate(KEY_COLUMNS))})
ORDER BY source_country_k NULLS LAST, target_country_k NULLS LAST, day
"""
EVENT_INDEX = "memory.main.event_index"


class QueryTimeout(Exception):
    """A query ran past the server's time limit and was interrupted."""


class ReadOnlyStore:
    """A read-only DuckDB store shared by all request threads."""

    def __init__(self, path: str | os.PathLike, query_timeout: float = DEFAULT_QUERY_TIMEOUT):
        self.path = str(path)
        if not os.path.exists(self.path):
            raise StoreError(f"{self.path}: no such database")
        self.con = duckdb.connect(":memory:")
        try:
            quoted = "'" + self.path.replace("'", "''") + "'"
            self.con.execute(f"ATTACH {quoted} AS store (READ_ONLY)")
        except duckdb.Error as exc:
            self.con.close()
            raise StoreError(f"{self.path}: cannot open database: {exc}") from None
        self.query_timeout = query_timeout
        self.columns: dict[str, set[str]] = {}
        for table, column in self.con.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_catalog = 'store'").fetchall():
            self.columns.setdefault(table, set()).add(column)
        if "articles" not in self.columns or "events" not in self.columns:
            self.con.close()
            raise StoreError(f"{self.path}: not a readout store (no articles/events tables)")
        self.con.execute(EVENT_KEYS_SQL)
        self.con.execute(EVENT_INDEX_SQL)
        self.key_ids: dict[str, int] = dict(self.con.execute("SELECT k, n FROM memory.main.event_keys").fetchall())
        self.key_names: dict[int, str] = {n: k for k, n in self.key_ids.items()}
        self.cache: dict = {}          # small lookups that cannot change (the store is read-only)
        self._running: dict[int, tuple[float, duckdb.DuckDBPyConnection]] = {}
        self._lock = threading.Lock()
        self._closed = threading.Event()
        threading.Thread(target=self._watchdog, name="readout-query-watchdog", daemon=True).start()

    def _watchdog(self) -> None:
        """Interrupt every query past its deadline (one thread for all, checking 20 times a second)."""
        while not self._closed.wait(0.05):
            now = time.monotonic()
            with self._lock:
                late = [cur for deadline, cur in self._running.values() if deadline < now]
            for cur in late:
                cur.interrupt()

    def key(self, value: str | None) -> int:
        """The number of a code in the event index (-1, matching nothing, when no event has it)."""
        return self.key_ids.get(value, -1) if value is not None else -1

    def has(self, table: str, *columns: str) -> bool:
        """Whether a table (and the given columns of it) exists in this store."""
        cols = self.columns.get(table)
        return cols is not None and all(c in cols for c in columns)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        """Run one parameterised query on a fresh cursor, interrupted past the time limit."""
        cur = self.con.cursor()
        cur.execute("USE store")
        with self._lock:
            self._running[id(cur)] = (time.monotonic() + self.query_timeout, cur)
        try:
            cur.execute(sql, list(params))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r)) for r in cur.fetchall()]
        except duckdb.InterruptException:
            raise QueryTimeout(f"query took longer than {self.query_timeout:g} s") from None
        finally:
            with self._lock:
                self._running.pop(id(cur), None)
            cur.close()

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict | None:
        got = self.rows(sql, params)
        return got[0] if got else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None

    def close(self) -> None:
        self._closed.set()
        self.con.close()
