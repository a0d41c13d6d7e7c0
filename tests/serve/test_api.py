"""The JSON API on a store of invented articles whose every record is known."""
from __future__ import annotations

import duckdb
import pytest

from readout.errors import StoreError
from readout.serve.db import QueryTimeout, ReadOnlyStore


def test_api_overview_counts_tables(client):
    data = client.get("/api/overview").json()
    assert data["counts"]["articles"] == 3
    assert data["counts"]["events"] == 6
    assert data["counts"]["linked_events"] == 1
    assert data["counts"]["quotes"] == 2 and data["counts"]["figures"] == 1
    assert [a["id"] for a in data["latest_articles"]] == ["art3", "art2", "art1"]
    art1 = data["latest_articles"][2]
    assert (art1["n_events"], art1["n_quotes"], art1["n_figures"]) == (3, 1, 1)
    assert data["top_dyads"][0] == {"a": "CHN", "b": "RUS", "n_events": 5, "n_a_to_b": 3,
                                    "n_b_to_a": 2, "mean_goldstein": -0.2}
    assert data["has_links"] is True


def test_api_events_dyad_both_directions(client):
    one_way = client.get("/api/events", params={"source": "RUS", "target": "CHN", "by": "country"}).json()
    assert one_way["total"] == 2
    assert all(e["source_country"] == "RUS" and e["target_country"] == "CHN" for e in one_way["items"])
    both = client.get("/api/events", params={"source": "RUS", "target": "CHN", "by": "country",
                                             "both_directions": True}).json()
    assert both["total"] == 5
    assert {(e["source_country"], e["target_country"]) for e in both["items"]} == {("RUS", "CHN"), ("CHN", "RUS")}


def test_api_events_newest_first_with_titles_and_links(client, synthetic_db):
    items = client.get("/api/events").json()["items"]
    days = [e["date_start"] or e["published"][:10] for e in items]
    assert days == sorted(days, reverse=True)
    assert all(e["article_title"] for e in items)
    linked = {e["id"] for e in items if e["linked_event_id"] == "le1"}
    assert linked == set(synthetic_db["talks"])


@pytest.mark.parametrize("params, expected", [
    ({"type": "CONSULT"}, 2),
    ({"status": "intended"}, 1),
    ({"quad_class": 3}, 2),
    ({"cameo": "11"}, 1),
    ({"q": "TARIFFS"}, 1),
    ({"q": "100%_"}, 0),                                   # LIKE wildcards are taken literally
    ({"actor": "Mira Tal"}, 0),                            # a quoted person with no events
    ({"actor": "USA"}, 1),
    ({"actor": "nobody at all"}, 0),
    ({"article_id": "art2"}, 2),
    ({"date_from": "2024-03-05", "date_to": "2024-03-06"}, 3),   # overlap: the week-long talks count
    ({"date_from": "2024-04-01"}, 1),
])
def test_api_events_filters(client, params, expected):
    res = client.get("/api/events", params=params)
    assert res.status_code == 200, res.text
    assert res.json()["total"] == expected


def test_api_events_pagination(client):
    pages = [client.get("/api/events", params={"page": p, "page_size": 2}).json() for p in (1, 2, 3, 4)]
    ids = [e["id"] for p in pages for e in p["items"]]
    assert len(ids) == 6 and len(set(ids)) == 6
    assert pages[3]["items"] == [] and pages[0]["total"] == 6


@pytest.mark.parametrize("url", [
    "/api/events?page_size=501", "/api/events?page=0", "/api/events?type=INVADE",
    "/api/events?status=maybe", "/api/events?quad_class=5", "/api/events?date_from=yesterday",
    "/api/events?date_from=2024-05-01&date_to=2024-01-01", "/api/events?cameo=x1",
    "/api/dyads?level=planet", "/api/network?max_edges=0", "/api/actors/RUS?by=nickname",
    "/api/articles?q=",
])
def test_api_bad_parameters_get_422(client, url):
    res = client.get(url)
    assert res.status_code == 422
    assert res.json()["detail"]


@pytest.mark.parametrize("url", ["/api/articles/nope", "/api/actors/Nobody%20Here",
                                 "/api/linked-events/nope", "/api/events/nope"])
def test_api_unknown_ids_get_404(client, url):
    res = client.get(url)
    assert res.status_code == 404
    assert "no " in res.json()["detail"]


def test_api_dyad_series_by_week_and_direction(client):
    data = client.get("/api/dyads/RUS/CHN").json()
    fwd, back = data["directions"]
    assert (fwd["source"], fwd["target"], back["source"], back["target"]) == ("RUS", "CHN", "CHN", "RUS")
    assert fwd["n_events"] == 2 and back["n_events"] == 3
    # RUS→CHN: talks (quad 1, dated 2024-03-04) are plotted; the threat has no date of its
    # own (its article's publication date is no date of the event): counted, not plotted
    assert fwd["weeks"] == [{"week": "2024-03-04", "n": 1, "by_quad": {"1": 1}, "goldstein": 1.0}]
    assert (fwd["n_dated"], fwd["n_undated"], fwd["spans"]) == (1, 1, [])
    # CHN→RUS: the accusation (day) and the talks (that week); the praise is undated
    assert back["weeks"] == [{"week": "2024-03-04", "n": 2, "by_quad": {"1": 1, "3": 1}, "goldstein": -0.5}]
    assert (back["n_dated"], back["n_undated"]) == (2, 1)
    assert data["names"] == {"RUS": "Ostravia", "CHN": "Velmar"}
    only_conflict = client.get("/api/dyads/RUS/CHN", params={"type": "THREATEN"}).json()
    assert [d["n_events"] for d in only_conflict["directions"]] == [1, 0]


def test_api_dyads_and_network_agree(client):
    dyads = client.get("/api/dyads").json()["items"]
    net = client.get("/api/network").json()
    assert {(e["source"], e["target"], e["n_events"]) for e in net["edges"]} == \
        {(d["a"], d["b"], d["n_events"]) for d in dyads}
    weights = {n["id"]: n["n_events"] for n in net["nodes"]}
    assert weights == {"RUS": 6, "CHN": 5, "USA": 1}
    assert client.get("/api/dyads", params={"actor": "USA"}).json()["total"] == 1


def test_api_article_has_all_records_with_offsets(client):
    art = client.get("/api/articles/art1").json()
    text = art["text"]
    assert len(art["events"]) == 3 and len(art["quotes"]) == 1 and len(art["figures"]) == 1
    assert len(art["times"]) == 2 and {a["name"] for a in art["actors"]} == {"Ostravia", "Velmar"}
    for rec in art["events"] + art["quotes"] + art["figures"] + art["times"]:
        assert text[rec["start"]:rec["end"]] in (rec.get("evidence"), rec.get("text"))
    for a in art["actors"]:
        for m in a["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert art["removed"] == ["Subscribe to our newsletter", "Share this article"]


def test_api_actor_by_country_code_and_name(client):
    rus = client.get("/api/actors/RUS").json()
    assert rus["by"] == "country" and rus["label"] == "Ostravia" and rus["n_events"] == 6
    assert [(p["key"], p["n_events"], p["n_as_source"], p["n_as_target"]) for p in rus["partners"]] == \
        [("CHN", 5, 2, 3), ("USA", 1, 0, 1)]
    assert [q["text"] for q in rus["quotes"]] == ["frank and useful"]
    by_code = client.get("/api/actors/USAGOV").json()
    assert by_code["by"] == "code" and by_code["label"] == "Mira Tal"
    assert [q["text"] for q in by_code["quotes"]] == ["more will come"]
    by_name = client.get("/api/actors/velmar").json()     # names are case-insensitive
    assert by_name["by"] == "name" and by_name["n_events"] == 5


def test_api_linked_event_by_its_id_or_a_member(client, synthetic_db):
    le = client.get("/api/linked-events/le1").json()
    assert le["linked"] is True and le["id"] == "le1"
    assert {m["article_id"] for m in le["mentions"]} == {"art1", "art2"}
    assert le["summary"]["source_name"] == "Ostravia"        # the linked record's coding wins
    assert le["summary"]["date_start"] == "2024-03-04" and le["summary"]["date_end"] == "2024-03-10"
    for m in le["mentions"]:
        c = m["context"]
        assert c["sentence"][c["highlight_start"]:c["highlight_end"]] == m["evidence"]
    via_member = client.get(f"/api/linked-events/{synthetic_db['talks'][1]}").json()
    assert via_member["id"] == "le1"


def test_api_without_link_tables_degrades(unlinked_client, synthetic_db):
    over = unlinked_client.get("/api/overview").json()
    assert over["counts"]["linked_events"] is None and over["has_links"] is False
    alone = unlinked_client.get(f"/api/linked-events/{synthetic_db['talks'][0]}").json()
    assert alone["linked"] is False and len(alone["mentions"]) == 1
    assert all(e["linked_event_id"] is None for e in unlinked_client.get("/api/events").json()["items"])
    art = unlinked_client.get("/api/articles/art1").json()
    assert art["story"] is None and len(art["events"]) == 3


def test_api_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/dyads", "/api/dyads/{a}/{b}", "/api/network", "/api/articles/{article_id}",
                 "/api/actors/{key}", "/api/linked-events/{linked_id}", "/api/overview"):
        op = spec["paths"][path]["get"]
        assert op.get("description") or op.get("summary"), path
        assert "503" in op["responses"]
    assert not any(p.startswith("/articles") for p in spec["paths"])     # pages stay out of the API


def test_api_store_is_read_only(synthetic_db):
    store = ReadOnlyStore(synthetic_db["path"])
    try:
        with pytest.raises(duckdb.Error):
            store.rows("DELETE FROM events")
    finally:
        store.close()


def test_api_query_time_limit_interrupts(synthetic_db):
    store = ReadOnlyStore(synthetic_db["path"], query_timeout=0.2)
    try:
        with pytest.raises(QueryTimeout):
            store.rows("SELECT count(*) FROM range(100000000000) t(x) WHERE x % 7 = 3")
        assert store.scalar("SELECT count(*) FROM events") == 6      # the store still works after
    finally:
        store.close()


def test_api_query_timeout_is_a_503(client, monkeypatch):
    from readout.serve import queries

    def slow(*args, **kwargs):
        raise QueryTimeout("query took longer than 5 s")
    monkeypatch.setattr(queries, "events", slow)
    res = client.get("/api/events")
    assert res.status_code == 503 and "narrow the filters" in res.json()["detail"]
    assert client.get("/search?q=x").status_code == 503


def test_api_refuses_a_missing_or_foreign_database(tmp_path):
    with pytest.raises(StoreError):
        ReadOnlyStore(tmp_path / "missing.duckdb")
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(StoreError, match="not a readout store"):
        ReadOnlyStore(other)
