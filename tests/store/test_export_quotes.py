"""The quotes table exports speech by default; every category is stored and can be asked for."""
from __future__ import annotations

import csv
import dataclasses

import pytest

from readout.errors import StoreError
from readout.records import Quote
from readout.store.export import export_table
from readout.store.writer import Store
from tests.store.test_export_events import _doc


def _doc_with_quotes():
    doc = _doc()
    doc.quotes = [
        Quote("q1", None, "Mr A", "we will win", "direct", "said", None, 0, 5),
        Quote("q2", None, "Mr A", "eager", "indirect", "appeared", None, 6, 9, category="stance"),
        Quote("q3", None, "a poll", "most agree", "indirect", "found", None, 10, 14,
              category="evidence", parts=[10, 12, 13, 14]),
    ]
    return doc


def _ids(path):
    with open(path, encoding="utf-8") as fh:
        return sorted(r["id"] for r in csv.DictReader(fh))


def test_export_quotes_keeps_speech_by_default(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write([_doc_with_quotes()])
    with Store(db, read_only=True) as store:
        assert store.query("SELECT count(*) AS n FROM quotes")[0]["n"] == 3   # all stored
        assert export_table(store, "quotes", "csv", tmp_path / "q.csv") == 1
        assert export_table(store, "quotes", "csv", tmp_path / "all.csv",
                            quote_categories=("speech", "thought", "stance", "evidence")) == 3
        assert export_table(store, "quotes", "csv", tmp_path / "ev.csv", quote_categories=("evidence",)) == 1
        assert store.query("SELECT parts FROM quotes WHERE id = 'q3'")[0]["parts"] == [10, 12, 13, 14]
        with pytest.raises(StoreError):
            export_table(store, "quotes", "csv", tmp_path / "x.csv", quote_categories=("gossip",))
    assert _ids(tmp_path / "q.csv") == ["q1"] and _ids(tmp_path / "all.csv") == ["q1", "q2", "q3"]
    assert _ids(tmp_path / "ev.csv") == ["q3"]
