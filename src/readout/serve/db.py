"""The server's read-only view of a readout store, with a time limit on every query.

The store file — for `readout serve`, a private snapshot copy of it, so that ingest can
write the store while it is served (see `snapshot`) — is attached READ_ONLY to an
in-memory DuckDB instance. Each query runs on its own cursor (DuckDB connections are not
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
import shutil
import tempfile
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
# lower-cased, dates parsed; `newest` ranks all events newest first (ties by id); `dated`:
# the event has a date of its own (else `day` is its article's publication date).
EVENT_INDEX_SQL = f"""
CREATE TABLE memory.main.event_index AS
SELECT *, row_number() OVER (ORDER BY day DESC NULLS LAST, id) AS newest
FROM (SELECT e.id, e.article_id,
             {", ".join(f"k{i}.n AS {c}_k" for i, c in enumerate(KEY_COLUMNS))},
             lower(e.source_name) AS source_name, lower(e.target_name) AS target_name,
             e.cameo, e.quad_class, e.goldstein,
             TRY_CAST(left(coalesce(e.date_start, e.published), 10) AS DATE) AS day,
             TRY_CAST(left(coalesce(e.date_end, e.date_start, e.published), 10) AS DATE) AS day_end,
             TRY_CAST(left(e.date_start, 10) AS DATE) IS NOT NULL AS dated, e.date_precision AS precision
      FROM store.main.events e
      {" ".join(f'LEFT JOIN memory.main.event_keys k{i} ON k{i}.k = e."{c}"'
                for i, c in enumerate(KEY_COLUMNS))})
ORDER BY source_country_k NULLS LAST, target_country_k NULLS LAST, day
"""
EVENT_INDEX = "memory.main.event_index"


class QueryTimeout(Exception):
    """A query ran past the server's time limit and was interrupted."""


def snapshot(path: str) -> str:
    """A private copy of the store in a temporary folder, made while DuckDB's shared lock is
    held (so no writer is half-way through): the server reads the copy, and `readout ingest`
    can write the store meanwhile. Raises StoreError saying who holds the lock if a writer does."""
    from ..store.writer import lock_message
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error as exc:
        raise StoreError(lock_message(path, exc, read_only=True)
                         or f"{path}: cannot open database: {exc}") from None
    folder = tempfile.mkdtemp(prefix="readout-serve-")
    copy = os.path.join(folder, "snapshot.duckdb")
    try:
        shutil.copyfile(path, copy)
        if os.path.exists(path + ".wal"):
            shutil.copyfile(path + ".wal", copy + ".wal")
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise StoreError(f"{path}: cannot copy the database to serve it: {exc}") from None
    finally:
        con.close()
    return copy


def _stamp(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class ReadOnlyStore:
    """A read-only DuckDB store shared by all request threads.

    With `snapshot` (the default for `readout serve`), the store is copied at start and the
    copy is served, so the server never holds the file's lock and `readout ingest` can add
    to it while it runs; with `refresh` seconds > 0, a changed store is copied again (once no
    writer holds it) and served from then on."""

    def __init__(self, path: str | os.PathLike, query_timeout: float = DEFAULT_QUERY_TIMEOUT,
                 snapshot: bool = False, refresh: float = 0.0):
        self.path = str(path)
        if not os.path.exists(self.path):
            raise StoreError(f"{self.path}: no such database")
        self.query_timeout = query_timeout
        self.use_snapshot = snapshot
        self.file: str | None = None
        self._open()
        self._running: dict[int, tuple[float, duckdb.DuckDBPyConnection]] = {}
        self._lock = threading.Lock()
        self._closed = threading.Event()
        threading.Thread(target=self._watchdog, name="readout-query-watchdog", daemon=True).start()
        if snapshot and refresh and refresh > 0:
            threading.Thread(target=self._refresher, args=(float(refresh),),
                             name="readout-store-refresh", daemon=True).start()

    def _open(self) -> None:
        """Attach the store (or a new snapshot of it) and build the event index; the state is
        swapped in as a whole, so a request sees the old store or the new one, never a mix."""
        stamp = _stamp(self.path)
        file = snapshot(self.path) if self.use_snapshot else self.path
        con = duckdb.connect(":memory:")
        try:
            quoted = "'" + file.replace("'", "''") + "'"
            con.execute(f"ATTACH {quoted} AS store (READ_ONLY)")
        except duckdb.Error as exc:
            con.close()
            self._drop(file)
            from ..store.writer import lock_message
            raise StoreError(lock_message(self.path, exc, read_only=True)
                             or f"{self.path}: cannot open database: {exc}") from None
        columns: dict[str, set[str]] = {}
        for table, column in con.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_catalog = 'store'").fetchall():
            columns.setdefault(table, set()).add(column)
        if "articles" not in columns or "events" not in columns:
            con.close()
            self._drop(file)
            raise StoreError(f"{self.path}: not a readout store (no articles/events tables)")
        con.execute(EVENT_KEYS_SQL)
        con.execute(EVENT_INDEX_SQL)
        key_ids: dict[str, int] = dict(con.execute("SELECT k, n FROM memory.main.event_keys").fetchall())
        old_file = self.file
        self.con, self.columns, self.key_ids = con, columns, key_ids
        self.key_names: dict[int, str] = {n: k for k, n in key_ids.items()}
        self.cache: dict = {}          # small lookups that cannot change (the copy is read-only)
        self.file, self.stamp = file, stamp
        if old_file is not None and old_file != file:
            self._drop(old_file)       # open handles keep it readable for requests still running

    def _drop(self, file: str) -> None:
        if self.use_snapshot and file != self.path:
            shutil.rmtree(os.path.dirname(file), ignore_errors=True)

    def refresh(self) -> bool:
        """Serve a new snapshot if the store changed since the last one; False when it did not
        change or a writer holds it now (the next call tries again)."""
        if not self.use_snapshot or _stamp(self.path) == self.stamp:
            return False
        try:
            self._open()
        except StoreError:
            return False
        return True

    def _refresher(self, every: float) -> None:
        while not self._closed.wait(every):
            self.refresh()

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
        if self.file is not None:
            self._drop(self.file)
