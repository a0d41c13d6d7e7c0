"""The HTML pages as served (no browser): real data, escaping, errors; and the highlighter."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest

from readout.serve.highlight import article_spans, segments


def test_highlight_segments_split_at_every_boundary():
    text = "Alpha met Beta today."
    spans = [(0, 15, "event", "e1"), (0, 5, "actor", "a1"), (10, 14, "actor", "a2"), (15, 20, "time", "t1")]
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.refs) for s in segs] == [
        ("Alpha", [("event", "e1"), ("actor", "a1")]),
        (" met ", [("event", "e1")]),
        ("Beta", [("event", "e1"), ("actor", "a2")]),
        (" ", [("event", "e1")]),
        ("today", [("time", "t1")]),
        (".", []),
    ]
    assert segs[0].kinds == ["event", "actor"]


def test_highlight_segments_clip_and_drop_bad_spans():
    segs = segments("abc", [(-5, 2, "figure", "f"), (2, 99, "quote", "q"), (2, 2, "time", "t")])
    assert [(s.text, s.refs) for s in segs] == [("ab", [("figure", "f")]), ("c", [("quote", "q")])]
    assert segments("", []) == []


def test_highlight_article_spans_cover_every_record_kind(client):
    art = client.get("/api/articles/art1").json()
    kinds = {k for _, _, k, _ in article_spans(art)}
    assert kinds == {"event", "quote", "figure", "actor", "time", "trigger"}   # trigger: a mark in its event


def test_highlight_trigger_span_is_the_word_in_its_evidence():
    from readout.serve.highlight import trigger_span
    text = "They said they held talks. Ostravia and Velmar held talks on Monday."
    ev = {"trigger": "held talks", "start": 27, "end": len(text)}
    start, end = trigger_span(text, ev)
    assert (start, text[start:end]) == (text.index("held talks", 27), "held talks")
    assert trigger_span(text, {**ev, "trigger": "met"}) is None
    assert trigger_span(text, {**ev, "trigger": "he"}) is None          # whole words only


def test_pages_overview_shows_counts_and_links(client):
    html = client.get("/").text
    counts = dict(re.findall(r'data-count="(\w+)"><span class="n">([^<]+)<', html))
    assert counts == {"articles": "3", "events": "6", "linked_events": "1", "quotes": "2", "figures": "1"}
    assert 'href="/dyads/CHN/RUS"' in html and 'href="/articles/art1"' in html
    assert 'action="/search"' in html


def test_pages_search_lists_matching_events_and_articles(client):
    html = client.get("/search", params={"actor": "RUS", "q": "talks"}).text
    assert re.search(r'id="event-total">2<', html)
    assert "2 article(s) containing" in unescape(html)
    html = client.get("/search", params={"actor": "no such actor"}).text
    assert "No stored actor matches" in unescape(html) and re.search(r'id="event-total">0<', html)


def test_pages_article_marks_each_record_and_embeds_them(client, synthetic_db):
    html = client.get("/articles/art1").text
    doc = synthetic_db["docs"][0]
    refs = " ".join(re.findall(r'data-refs="([^"]+)"', html))
    for e in doc.events:
        assert f"event:{e.id}" in refs
    assert f"quote:{doc.quotes[0].id}" in refs and f"figure:{doc.figures[0].id}" in refs
    records = json.loads(re.search(r'<script type="application/json" id="records">(.*?)</script>', html, re.S).group(1))
    assert set(records["event"]) == {e.id for e in doc.events}
    assert "Subscribe to our newsletter" in html                    # removed boilerplate is listed
    # the marked-up text is the article text, exactly
    body = re.search(r'<div class="text" id="article-text">(.*?)</div>', html, re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", body)) == doc.text


def test_pages_escape_stored_text(tmp_path):
    from fastapi.testclient import TestClient

    from readout.serve.app import create_app
    from readout.store.writer import Store
    from tests.serve.conftest import make_document

    nasty = "<script>alert(1)</script> & </script><b>"
    doc = make_document("x1", nasty, "Alpha said hello. " + nasty, "2024-01-01",
                        actors=[dict(name="Alpha", country="AAA", code="AAA", kind="country", mentions=["Alpha"])],
                        events=[], quotes=[dict(text=nasty, speaker="Alpha")])
    with Store(tmp_path / "x.duckdb") as store:
        store.write([doc])
        store.con.execute("UPDATE articles SET url = 'javascript:alert(1)'")
    client = TestClient(create_app(tmp_path / "x.duckdb"))
    for url in ("/articles/x1", "/", "/search?q=alert"):
        html = client.get(url).text
        assert "<script>alert(1)" not in html, url
    html = client.get("/articles/x1").text
    assert "javascript:" not in html                                # only web URLs become links
    embedded = re.search(r'<script type="application/json" id="records">(.*?)</script>', html, re.S).group(1)
    assert json.loads(embedded)["quote"][doc.quotes[0].id]["text"] == nasty


def test_pages_event_shows_mentions_side_by_side(client):
    html = unescape(client.get("/events/le1").text)
    assert html.count('class="mention"') == 2
    assert "<mark class=\"evidence\">Ostravia and Velmar held talks on Monday</mark>" in html
    assert "<mark class=\"evidence\">Velmar confirmed it held talks with Ostravia this week</mark>" in html
    assert 'id="accounts"' in html and "Test Wire" in html and "Other Post" in html
    # one column per source (the outlets head the columns); rows that differ are marked
    assert re.findall(r'<th class="account-source" data-source="[^"]*">([^<]*)</th>', html) == ["Test Wire", "Other Post"]
    assert re.search(r'<tr class="differs" data-field="published"><th>published</th>', html)
    assert re.search(r'<tr class="" data-field="type"><th>type</th>', html)


def test_pages_actor_lists_partners_and_quotes(client):
    html = unescape(client.get("/actors/RUS").text)
    assert 'href="/dyads/RUS/CHN"' in html and "“frank and useful”" in html


@pytest.mark.parametrize("url", ["/dyads/RUS/CHN", "/network", "/api-docs"])
def test_pages_script_pages_load(client, url):
    res = client.get(url)
    assert res.status_code == 200 and "Content-Security-Policy" in res.headers
    for src in re.findall(r'<script src="([^"]+)"', res.text):
        assert client.get(src).status_code == 200, src


@pytest.mark.parametrize("url", ["/articles/nope", "/events/nope", "/actors/Nobody", "/dyads/RUS/CHN?level=x"])
def test_pages_unknown_records_are_404_pages(client, url):
    res = client.get(url)
    assert res.status_code == 404 and "<h1>404</h1>" in res.text


def test_pages_work_without_link_tables(unlinked_client, synthetic_db):
    assert "no linked events yet" in unlinked_client.get("/").text
    html = unlinked_client.get(f"/events/{synthetic_db['talks'][0]}").text
    assert "not linked across articles" in html and html.count('class="mention"') == 1


def test_list_pages_for_actors_articles_and_stories(client, unlinked_client):
    """Issue 17: list pages behind the navigation; unknown stories 404; a store never linked
    says it has no stories."""
    res = client.get("/actors", params={"kind": "country"})
    assert res.status_code == 200 and "Velmar" in res.text and "Mira Tal" not in res.text
    res = client.get("/articles", params={"q": "aid"})
    assert res.status_code == 200 and "Kestrel aid to Ostravia" in res.text and "Velmar confirms" not in res.text
    res = client.get("/articles", params={"date_from": "2024-04-01"})
    assert "Kestrel aid to Ostravia" in res.text and "Velmar confirms" not in res.text
    assert client.get("/articles", params={"date_from": "garbage"}).status_code == 200
    res = client.get("/stories")
    assert res.status_code == 200 and 'href="/stories/st1"' in res.text
    assert client.get("/stories/nope").status_code == 404
    res = unlinked_client.get("/stories")
    assert res.status_code == 200 and 'id="no-stories"' in res.text
    assert unlinked_client.get("/stories/st1").status_code == 404
    for path in ("/", "/actors", "/articles", "/stories"):
        nav = client.get(path).text
        for href in ('href="/actors"', 'href="/articles"', 'href="/stories"'):
            assert href in nav, (path, href)
