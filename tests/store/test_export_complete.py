"""Events missing a side say so (`incomplete`), and dyad exports (GDELT, ICEWS) leave them out
unless asked; a store made before the column existed gains it."""
from __future__ import annotations

import csv
import dataclasses

import duckdb

from readout.store.export import export_table
from readout.store.writer import Store
from tests.store.test_export_events import _doc


def _marked():
    doc = _doc()
    doc.events = [dataclasses.replace(e, incomplete=e.target is None) for e in doc.events]
    return doc


def _rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_dyad_exports_leave_out_incomplete_events_by_default(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write([_marked()])
    with Store(db, read_only=True) as store:
        assert store.query("SELECT id, incomplete FROM events ORDER BY id") == [
            {"id": "e1", "incomplete": False}, {"id": "e2", "incomplete": True}]
        assert export_table(store, "events", "gdelt", tmp_path / "g.tsv") == 1
        assert export_table(store, "events", "gdelt", tmp_path / "all.tsv", complete_only=False) == 2
        assert export_table(store, "events", "icews", tmp_path / "i.tsv") == 1
        assert export_table(store, "events", "plover", tmp_path / "p.jsonl") == 2   # keeps all
    assert len(_rows(tmp_path / "g.tsv")) == 1 and len(_rows(tmp_path / "all.tsv")) == 2


def test_a_store_from_before_gains_the_incomplete_column(tmp_path):
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.write([_marked()])
    con = duckdb.connect(str(db))
    con.execute('ALTER TABLE events DROP COLUMN "incomplete"')
    con.close()
    with Store(db) as store:       # opened for writing: the schema is brought up to date
        store.write([_marked()])
        assert store.query("SELECT count(*) AS n FROM events WHERE incomplete")[0]["n"] == 1
