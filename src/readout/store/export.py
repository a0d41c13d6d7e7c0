"""Exports from the store: any table as Parquet, CSV or JSON Lines; events as GDELT,
ICEWS or PLOVER-style files (column mappings in export_events.py)."""
from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import tempfile

from ..errors import StoreError
from ..records import QUOTE_CATEGORIES
from .writer import Store

TABLE_FORMATS = ("parquet", "csv", "jsonl")
EVENT_FORMATS = ("gdelt", "icews", "plover")


def _quote_path(path: str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


# Event exports that keep only events with both sides unless told otherwise: GDELT- and
# ICEWS-style rows are dyads, and a row with an empty side counts as noise in a dyad count.
COMPLETE_ONLY_BY_DEFAULT = frozenset({"gdelt", "icews"})


def _check_target(out: str) -> None:
    """A clear error before anything is read when the output cannot be written."""
    folder = os.path.dirname(os.path.abspath(out))
    if os.path.isdir(out):
        raise StoreError(f"{out}: is a folder; give a file name (or '-' for stdout)")
    if not os.path.isdir(folder):
        raise StoreError(f"{out}: no such folder {folder}; create it first (or give '-' for stdout)")
    if not os.access(folder, os.W_OK):
        raise StoreError(f"{out}: cannot write in {folder} (permission denied)")


def export_table(store: Store, table: str, fmt: str, out: str | os.PathLike,
                 complete_only: bool | None = None,
                 quote_categories: tuple[str, ...] | None = ("speech",)) -> int:
    """Write one table to `out` ('-': stdout); returns the number of rows. The event
    formats (gdelt, icews, plover) export the `events` table only; `complete_only`
    (default: on for gdelt and icews) leaves out events missing a side. The quotes table
    keeps only quotes of `quote_categories` (speech by default; None or every category:
    all rows)."""
    out = str(out)
    if fmt not in TABLE_FORMATS + EVENT_FORMATS:
        raise StoreError(f"unknown format {fmt!r}; choose one of {', '.join(TABLE_FORMATS + EVENT_FORMATS)}")
    if fmt in EVENT_FORMATS and table != "events":
        raise StoreError(f"--format {fmt} exports events only, not the {table!r} table; "
                         f"export {table!r} as {', '.join(TABLE_FORMATS)}")
    if fmt not in EVENT_FORMATS and table not in store.tables():
        raise StoreError(f"no table {table!r}; tables: {', '.join(store.tables())}")
    if out == "-":
        with tempfile.TemporaryDirectory(prefix="readout-export-") as tmp:
            path = os.path.join(tmp, "out")
            n = export_table(store, table, fmt, path, complete_only, quote_categories)
            with open(path, "rb") as fh:
                shutil.copyfileobj(fh, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        return n
    _check_target(out)
    if fmt in EVENT_FORMATS:
        return export_events(store, fmt, out, complete_only)
    select = f'SELECT * FROM "{table}"'
    if table == "quotes" and quote_categories and set(QUOTE_CATEGORIES) - set(quote_categories):
        bad = [c for c in quote_categories if c not in QUOTE_CATEGORIES]
        if bad:
            raise StoreError(f"unknown quote category {bad[0]!r}; known: {', '.join(QUOTE_CATEGORIES)}")
        select += " WHERE category IN (" + ", ".join(f"'{c}'" for c in quote_categories) + ")"
    n = store.con.execute(f"SELECT count(*) FROM ({select})").fetchone()[0]
    target = _quote_path(out)
    if fmt == "parquet":
        store.con.execute(f'COPY ({select}) TO {target} (FORMAT parquet)')
    elif fmt == "csv":
        store.con.execute(f'COPY ({select}) TO {target} (FORMAT csv, HEADER)')
    else:
        store.con.execute(f'COPY ({select}) TO {target} (FORMAT json)')
    return n


def export_events(store: Store, fmt: str, out: str | os.PathLike, complete_only: bool | None = None) -> int:
    from . import export_events as ev
    if complete_only is None:
        complete_only = fmt in COMPLETE_ONLY_BY_DEFAULT
    where = " WHERE source IS NOT NULL AND target IS NOT NULL" if complete_only else ""
    rows = store.query(f'SELECT * FROM events{where} ORDER BY published, article_id, start')
    if fmt == "plover":
        with open(out, "w", encoding="utf-8") as fh:
            for row in ev.plover_rows(store, rows):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        return len(rows)
    columns, mapped = (ev.gdelt_columns(), ev.gdelt_rows(store, rows)) if fmt == "gdelt" else \
        (ev.icews_columns(), ev.icews_rows(store, rows))
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t")
        writer.writerow(columns)
        for row in mapped:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return len(rows)
