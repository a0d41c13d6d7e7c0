"""The DuckDB store: bulk, idempotent writes of document records.

Rows are keyed by stable ids. Writing a batch first deletes every row that
belongs to the batch's articles, then inserts the new rows from Arrow tables, in
one transaction: re-ingesting an article replaces it, never duplicates it, and a
failure leaves what was stored before untouched.
"""
from __future__ import annotations

import os
import re
from typing import Iterable

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..records import Document
from .schema import RECORD_TABLES, TABLES, error_table, tables_from_documents

_DUCK_TYPES = {pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.float64(): "DOUBLE",
               pa.bool_(): "BOOLEAN", pa.list_(pa.string()): "VARCHAR[]",
               pa.list_(pa.int32()): "INTEGER[]"}


# Tables with a PRIMARY KEY on `id`. The record tables have none: DuckDB keeps every key
# index in memory (~60 bytes a row, never evicted), which would grow the driver with the
# store; their rows are unique because a batch's articles are deleted before it is written.
KEYED_TABLES = frozenset({"articles", "errors"})


def create_sql(name: str, schema: pa.Schema) -> str:
    keyed = name in KEYED_TABLES
    cols = ", ".join(f'"{f.name}" {_DUCK_TYPES[f.type]}'
                     + (" PRIMARY KEY" if keyed and f.name == "id" else "") for f in schema)
    return f'CREATE TABLE IF NOT EXISTS "{name}" ({cols})'


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")


def _command_line(pid: str | None) -> str | None:
    """The command line of a process (Linux /proc), shortened; None when unknown."""
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            args = [a.decode("utf-8", "replace") for a in fh.read().split(b"\0") if a]
    except OSError:
        return None
    if len(args) >= 3 and args[1] == "-m":                  # python -m readout.cli …
        args = [args[2].replace(".cli", "")] + args[3:]
    elif args:
        args[0] = os.path.basename(args[0])
    text = " ".join(args)
    return text if len(text) <= 100 else text[:99] + "…"


def lock_message(path: str, exc: BaseException, read_only: bool = False) -> str | None:
    """What to tell a user when another process holds the database's lock (DuckDB's own
    message suggests a flag of DuckDB's shell); None for any other error."""
    text = str(exc)
    if "Could not set lock" not in text:
        return None
    m = _LOCK_HOLDER.search(text)
    pid = m.group(2) if m else None
    who = _command_line(pid) or (os.path.basename(m.group(1)) if m else "") or "another process"
    held = f"{who} (PID {pid})" if pid else who
    if read_only:
        return (f"{path} is being written by {held}: wait until it has finished, then run this "
                f"again (ingest holds the database while it runs)")
    return (f"{path} is in use by {held}: wait until it has finished or stop it, then run this "
            f"again (ingest resumes where it stopped). `readout serve` does not hold the "
            f"database: it serves a snapshot and can stay up")


class Store:
    """A DuckDB file holding one table per record type."""

    def __init__(self, path: str | os.PathLike = "readout.duckdb", read_only: bool = False,
                 memory_limit: str | None = None):
        """`memory_limit` caps DuckDB's buffer pool ("1GB"): DuckDB otherwise keeps the pages
        it wrote cached up to 80 % of RAM, so a long ingest's memory would grow with the store."""
        self.path = str(path)
        if read_only and not os.path.exists(self.path):
            raise StoreError(f"{self.path}: no such database")
        config = {"memory_limit": memory_limit} if memory_limit else {}
        try:
            self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as exc:
            raise StoreError(lock_message(self.path, exc, read_only)
                             or f"{self.path}: cannot open database: {exc}") from None
        if not read_only:
            self.ensure_schema()

    def ensure_schema(self) -> None:
        """The record tables (the tables of across-article linking are link's own: see
        `readout.link.schema`)."""
        for name, schema in TABLES.items():
            self.con.execute(create_sql(name, schema))
            have = {r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [name]).fetchall()}
            for f in schema:          # a store made by an earlier version gains the new columns
                if f.name not in have:
                    self.con.execute(f'ALTER TABLE "{name}" ADD COLUMN "{f.name}" {_DUCK_TYPES[f.type]}')

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        """Replace the batch's articles and insert their rows, all in one transaction."""
        articles = tables["articles"]
        if articles.num_rows == 0:
            return
        con = self.con
        con.register("_batch_articles", articles.select(["id"]))
        try:
            con.execute("BEGIN TRANSACTION")
            seen = con.execute("SELECT count(*) FROM articles WHERE id IN (SELECT id FROM _batch_articles)"
                               ).fetchall()[0][0]
            for name in RECORD_TABLES if seen else ():   # new articles have no rows to replace
                con.execute(f'DELETE FROM "{name}" WHERE article_id IN (SELECT id FROM _batch_articles)')
            # keep story assignments of articles seen before
            con.execute("CREATE OR REPLACE TEMP TABLE _kept_story AS SELECT id, story_id FROM articles "
                        "WHERE id IN (SELECT id FROM _batch_articles)")
            con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _batch_articles)")
            for name in ("articles", *RECORD_TABLES):
                table = tables[name]
                if table.num_rows:
                    con.register("_rows", table)
                    cols = ", ".join(f'"{c}"' for c in table.column_names)
                    con.execute(f'INSERT INTO "{name}" ({cols}) SELECT {cols} FROM _rows')
                    con.unregister("_rows")
            con.execute("UPDATE articles SET story_id = k.story_id FROM _kept_story k "
                        "WHERE articles.id = k.id AND k.story_id IS NOT NULL")
            con.execute("DROP TABLE IF EXISTS _kept_story")
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: write failed, nothing of this batch stored: {exc}") from exc
        finally:
            con.unregister("_batch_articles")

    def write(self, docs: Iterable[Document]) -> int:
        docs = list(docs)
        self.write_tables(tables_from_documents(docs))
        return len(docs)

    def write_errors(self, errors: Iterable) -> int:
        table = error_table(errors)
        if table.num_rows == 0:
            return 0
        self.con.register("_err", table)
        self.con.execute('INSERT OR REPLACE INTO errors SELECT * FROM _err')
        self.con.unregister("_err")
        return table.num_rows

    def count(self, table: str) -> int:
        if table not in self.tables():
            raise StoreError(f"no table {table!r}; tables: {', '.join(self.tables())}")
        return self.con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]

    def tables(self) -> list[str]:
        rows = self.con.execute("SELECT table_name FROM information_schema.tables "
                                "WHERE table_schema = 'main' AND table_catalog = current_database() "
                                "AND NOT starts_with(table_name, '_') ORDER BY table_name").fetchall()
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        return {t: self.count(t) for t in self.tables()}

    def query(self, sql: str, params: list | None = None) -> list[dict]:
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
