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


def test_seed_store_places_are_geocoded_and_filter_events(seed_client, seed_db):
    """/api/places lists the seed's Bali, Moscow and Beijing with coordinates; each place's
    key filters /api/events to exactly the events stored there."""
    got = seed_client.get("/api/places").json()
    by_name = {p["name"]: p for p in got["items"]}
    for name, country, lat, lon in (("Bali", "IDN", -8.4, 115.2), ("Moscow", "RUS", 55.75, 37.62),
                                    ("Beijing", "CHN", 39.9, 116.4)):
        p = by_name[name]
        assert p["country"] == country and abs(p["lat"] - lat) < 0.5 and abs(p["lon"] - lon) < 0.5
        assert sum(p["quad"].values()) == p["n"]
    con = duckdb.connect(str(seed_db), read_only=True)
    for p in got["items"][:5]:
        where = "place_geonames_id = ?" if p["key"].isdigit() else \
            "place_geonames_id IS NULL AND coalesce(place_gazetteer_name, place_name) = ?"
        expected = {r[0] for r in con.execute(f"SELECT id FROM events WHERE {where}",
                                              [int(p["key"]) if p["key"].isdigit() else p["key"]]).fetchall()}
        events = seed_client.get("/api/events", params={"place": p["key"], "page_size": 500}).json()
        assert {e["id"] for e in events["items"]} == expected and events["total"] == p["n"]
    con.close()
    only = seed_client.get("/api/places", params={"quad_class": 4}).json()["items"]
    assert all(set(p["quad"]) <= {"4"} for p in only)
