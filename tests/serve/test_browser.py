"""The pages in a real browser (Debian's Chromium through Playwright).

On the invented store the click-through overview → dyad → event → article has exact
expectations. On the store of the seed and the demo articles every page loads without a
script error and shows what the database holds (compared with direct DuckDB queries, so
the checks follow whatever the extraction stages produce). Screenshots go to
test-artifacts/serve/.
"""
from __future__ import annotations

import duckdb
import pytest

from .conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture(scope="module")
def synthetic_server(synthetic_db):
    server = LiveServer(synthetic_db["path"])
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seed_server(seed_db):
    server = LiveServer(seed_db)
    yield server
    server.stop()


def _db_rows(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_browser_click_through_invented_store(page, synthetic_server):
    page.goto(synthetic_server.url + "/")
    assert page.locator('[data-count="events"] .n').inner_text() == "6"
    screenshot(page, "synthetic-overview")

    page.locator("#top-dyads a.dyad-link", has_text="CHN–RUS").click()
    page.wait_for_url("**/dyads/CHN/RUS")
    page.wait_for_selector("#dyad-events tbody tr")
    # occurred events by default: the intended threat is left out
    assert page.locator("#event-total").inner_text() == "4"
    assert page.locator("#dyad-events tbody tr").count() == 4
    assert page.locator("svg.chart").count() == 2                  # one chart per direction
    # dated events only, by week × quad class: RUS→CHN the talks; CHN→RUS the accusation and
    # the talks "this week" (the praise has no date of its own)
    assert page.locator("svg.chart rect.bar").count() == 3
    assert page.locator("svg.chart polyline.gline").count() == 2
    page.select_option("#dyad-filters select[name=type]", "CONSULT")
    expect(page.locator("#event-total")).to_have_text("2")
    page.select_option("#dyad-filters select[name=direction]", "ab")     # CHN → RUS only
    expect(page.locator("#event-total")).to_have_text("1")
    assert page.locator("#dyad-events tbody tr td").nth(2).inner_text().startswith("Velmar")
    screenshot(page, "synthetic-dyad")

    page.locator("#dyad-events a.event-link").first.click()
    page.wait_for_url("**/events/le1")
    assert page.locator("#mentions li.mention").count() == 2
    assert page.locator("#mentions mark.evidence").first.inner_text() == "Ostravia and Velmar held talks on Monday"
    assert page.locator("#accounts thead th").count() == 3
    screenshot(page, "synthetic-event")

    page.locator("#mentions a.article-link").first.click()
    page.wait_for_url("**/articles/art1")
    assert page.locator("#article-title").inner_text() == "Ostravia and Velmar leaders meet"
    page.locator("#article-text .hl.k-quote").first.click()
    assert "frank and useful" in page.locator("#record-panel .record.k-quote").inner_text()
    page.locator("#article-text .hl.k-figure").first.click()
    assert "120 billion dollars" in page.locator("#record-panel .record.k-figure").inner_text()
    page.locator("#layers input[data-kind=event]").uncheck()
    assert "hide-event" in page.locator("#article-text").get_attribute("class")
    page.locator("#removed summary").click()
    assert "Share this article" in page.locator("#removed").inner_text()
    screenshot(page, "synthetic-article")
    assert page.errors == []


def test_browser_network_and_actor(page, synthetic_server):
    page.goto(synthetic_server.url + "/network")
    page.wait_for_selector("svg.network-svg")
    assert page.locator("svg.network-svg g.node").count() == 3
    assert page.locator("svg.network-svg line.edge").count() == 2
    assert page.locator("#edge-table tbody tr").count() == 2
    screenshot(page, "synthetic-network")
    page.locator('svg.network-svg g.node[data-id="USA"] circle').click()
    page.wait_for_url("**/actors/USA?by=country")
    assert page.locator("#actor-title").inner_text() == "Kestrel"
    assert "more will come" in page.locator("#actor-quotes").inner_text()
    screenshot(page, "synthetic-actor")
    assert page.errors == []


@pytest.mark.model
def test_browser_seed_pages_show_stored_data(page, seed_server, seed_db, seed_path):
    """Every page on the seed + demo store loads without a script error and shows its data."""
    n_articles, n_events = _db_rows(seed_db, "SELECT (SELECT count(*) FROM articles), "
                                             "(SELECT count(*) FROM events)")[0]
    page.goto(seed_server.url + "/")
    assert page.locator('[data-count="articles"] .n').inner_text() == f"{n_articles:,}"
    assert page.locator('[data-count="events"] .n').inner_text() == f"{n_events:,}"
    screenshot(page, "seed-overview")

    # dyad RUS–CHN: the list is exactly the stored events between the two, either way
    expected = {r[0] for r in _db_rows(seed_db, """
        SELECT id FROM events WHERE (source_country = 'RUS' AND target_country = 'CHN')
                                 OR (source_country = 'CHN' AND target_country = 'RUS')""")}
    assert expected, "the seed reports Russia–China events; none were stored"
    page.goto(seed_server.url + "/dyads/RUS/CHN?status=any")
    expect(page.locator("#event-total")).not_to_have_text("…")
    assert page.locator("#event-total").inner_text() == str(len(expected))
    shown = page.locator("#event-list tr.event-row").evaluate_all("rows => rows.map(r => r.dataset.eventId)")
    assert len(shown) == min(len(expected), 50) and set(shown) <= expected     # first page of 50
    assert page.locator("svg.chart").count() == 2
    screenshot(page, "seed-dyad-RUS-CHN")

    # the seed article: every stored event, quote and figure is highlighted
    seed_id, title = _db_rows(seed_db, "SELECT id, title FROM articles WHERE input_id = ?",
                              [seed_path.name])[0]
    page.goto(seed_server.url + f"/articles/{seed_id}")
    assert page.locator("#article-title").inner_text() == title
    refs = " ".join(page.locator("#article-text .hl").evaluate_all("els => els.map(e => e.dataset.refs)"))
    speech = " AND category = 'speech'"   # the page shows speech quotes unless ?quotes=all
    for table, kind in (("events", "event"), ("quotes", "quote"), ("figures", "figure")):
        ids = _db_rows(seed_db, f"SELECT id FROM {table} WHERE article_id = ?"
                       + (speech if table == "quotes" else ""), [seed_id])
        assert ids, f"the seed has {table}; none were stored"
        for (rid,) in ids:
            assert f"{kind}:{rid}" in refs, (kind, rid)
    others = _db_rows(seed_db, "SELECT id FROM quotes WHERE article_id = ? AND category <> 'speech'", [seed_id])
    assert others and all(f"quote:{rid}" not in refs for (rid,) in others)
    page.goto(seed_server.url + f"/articles/{seed_id}?quotes=all")
    refs_all = " ".join(page.locator("#article-text .hl").evaluate_all("els => els.map(e => e.dataset.refs)"))
    assert all(f"quote:{rid}" in refs_all for (rid,) in others)
    page.goto(seed_server.url + f"/articles/{seed_id}")
    page.locator("#article-text .hl.k-figure").first.click()
    expect(page.locator("#record-panel .record.k-figure")).to_be_visible()
    screenshot(page, "seed-article")

    # an event of the seed: its page shows the mention's evidence highlighted in context
    events = _db_rows(seed_db, "SELECT id, evidence FROM events WHERE article_id = ? ORDER BY start",
                      [seed_id])
    if events:
        page.locator("#article-events a.event-link").first.click()
        page.wait_for_url("**/events/**")
        marks = page.locator("#mentions mark.evidence").all_inner_texts()
        assert any(m.strip() and m.strip() in ev for _, ev in events for m in marks)
        screenshot(page, "seed-event")

    for name, path in (("seed-network", "/network"), ("seed-api-docs", "/api-docs")):
        page.goto(seed_server.url + path)
        page.wait_for_load_state("networkidle")
        screenshot(page, name)
    actor = _db_rows(seed_db, "SELECT name FROM actors WHERE name IS NOT NULL "
                              "GROUP BY name ORDER BY count(*) DESC, name LIMIT 1")
    if actor:
        page.goto(seed_server.url + f"/actors/{actor[0][0]}?by=name")
        assert page.locator("#actor-title").inner_text() == actor[0][0]
        screenshot(page, "seed-actor")
    assert page.errors == []
