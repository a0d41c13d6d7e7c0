"""Acceptance on the seed + demo store through the API (no browser needed)."""
from __future__ import annotations

import duckdb
import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_client(seed_db):
    from fastapi.testclient import TestClient
    from readout.serve.app import create_app
    return TestClient(create_app(seed_db))


def test_seed_store_dyad_lists_every_stored_rus_chn_event(seed_client, seed_db):
    con = duckdb.connect(str(seed_db), read_only=True)
    expected = {r[0] for r in con.execute(
        "SELECT id FROM events WHERE (source_country, target_country) IN (('RUS', 'CHN'), ('CHN', 'RUS'))").fetchall()}
    con.close()
    assert expected
    got = seed_client.get("/api/events", params={"source": "RUS", "target": "CHN", "by": "country",
                                                 "both_directions": True, "page_size": 500}).json()
    assert {e["id"] for e in got["items"]} == expected and got["total"] == len(expected)
    series = seed_client.get("/api/dyads/RUS/CHN").json()
    assert sum(d["n_events"] for d in series["directions"]) == len(expected)


def test_seed_store_every_page_answers(seed_client):
    over = seed_client.get("/api/overview").json()
    assert over["counts"]["articles"] >= 6
    for a in over["latest_articles"]:
        assert seed_client.get(f"/articles/{a['id']}").status_code == 200
        art = seed_client.get(f"/api/articles/{a['id']}").json()
        for e in art["events"]:
            assert seed_client.get(f"/api/linked-events/{e['id']}").status_code == 200
    for d in over["top_dyads"]:
        assert seed_client.get(f"/dyads/{d['a']}/{d['b']}").status_code == 200
        assert seed_client.get(f"/actors/{d['a']}").status_code == 200
