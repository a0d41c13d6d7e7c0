"""Quotes and figures in the store: exported, and linked (a quote's events, a figure's claimant)."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed_path):
    from readout.api import ingest
    db = tmp_path_factory.mktemp("links") / "seed.duckdb"
    ingest([str(seed_path)], db=db, published="2022-12-30")
    from readout.store.writer import Store
    with Store(db, read_only=True) as store:
        yield store


def test_store_links_figure_claimant_is_an_actor(seed_store):
    rows = seed_store.query(
        "SELECT f.text, a.name FROM figures f JOIN actors a ON a.id = f.claimant "
        "AND a.article_id = f.article_id ORDER BY f.start")
    names = {r["text"]: r["name"] for r in rows}
    assert any("Putin" in n for t, n in names.items() if "13.8 billion" in t)
    assert any("Monetary Fund" in n or "IMF" in n for t, n in names.items() if "19 per cent" in t)


def test_store_links_quote_events_queryable(seed_store):
    rows = seed_store.query(
        "SELECT q.id, q.speaker_name, count(e.id) AS n FROM quotes q "
        "JOIN events e ON e.quote_id = q.id GROUP BY q.id, q.speaker_name")
    assert rows, "no event is linked to the quote it was reported in"
    assert all(r["n"] >= 1 for r in rows)
    # every linked quote id exists in the quotes table
    dangling = seed_store.query(
        "SELECT count(*) AS n FROM events e WHERE e.quote_id IS NOT NULL "
        "AND e.quote_id NOT IN (SELECT id FROM quotes)")
    assert dangling[0]["n"] == 0


@pytest.mark.parametrize("table", ["quotes", "figures"])
def test_store_links_export_tables(seed_store, tmp_path, table):
    from readout.store.export import export_table
    out = tmp_path / f"{table}.parquet"
    n = export_table(seed_store, table, "parquet", out)
    assert n > 0 and pq.read_table(out).num_rows == n
