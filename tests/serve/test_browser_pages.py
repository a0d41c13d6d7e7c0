"""Pages a new user meets, in a real browser (issue 17): trigger words marked, labelled
record fields, unknown dyads 404, dates that do not wrap, pages that fit a 390 px screen,
API docs in Markdown, navigation. Screenshots go to test-artifacts/serve/."""
from __future__ import annotations

import pytest

from .conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(synthetic_db):
    s = LiveServer(synthetic_db["path"])
    yield s
    s.stop()


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


def test_browser_article_marks_trigger_words_and_labels_fields(page, server):
    page.goto(server.url + "/articles/art1")
    triggers = page.locator("#article-text .hl.k-trigger")
    assert triggers.first.inner_text() == "held talks"
    assert page.locator("#article-events mark.trigger").first.inner_text() == "held talks"
    triggers.first.click()
    card = page.locator("#record-panel .record.k-event").first
    heads = card.locator("th").all_inner_texts()
    assert "source" in heads and "trigger word" in heads and "sentence" in heads
    assert not any("_" in h for h in heads), heads           # labels, not raw keys
    assert page.locator("#record-panel .record").count() == 1    # the trigger opens its event once
    screenshot(page, "issue17-article-trigger")
    assert page.errors == []


def test_browser_event_tables_mark_triggers_and_keep_dates_on_one_line(page, server):
    page.goto(server.url + "/dyads/CHN/RUS")
    page.wait_for_selector("#dyad-events tbody tr")
    assert page.locator("#dyad-events mark.trigger").count() >= 1
    page.goto(server.url + "/search?actor=RUS")
    cells = page.locator("table.events td.date")
    assert cells.count() >= 1
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        line = float(cells.nth(i).evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 20"))
        assert cells.nth(i).evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
        assert box["height"] < 2 * line + 12
    screenshot(page, "issue17-search-dates")


def test_browser_unknown_dyad_is_404(page, server):
    for path in ("/dyads/AAA/ZZZ", "/dyads/CHN/ZZZ", "/dyads/USA/CHN?level=code"):
        resp = page.goto(server.url + path)
        assert resp.status == 404, path
    assert "no events between" in page.locator("main").inner_text()
    assert page.goto(server.url + "/dyads/RUS/CHN").status == 200
    screenshot(page, "issue17-dyad-404")


@pytest.mark.parametrize("path", ["/", "/dyads/CHN/RUS", "/events/le1", "/articles/art1",
                                  "/search?actor=RUS", "/network", "/api-docs", "/actors/USA?by=country",
                                  "/actors", "/articles", "/stories", "/stories/st1"])
def test_browser_pages_fit_a_390px_screen(phone, server, path):
    phone.goto(server.url + path)
    phone.wait_for_load_state("networkidle")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path}: {width}px wide"
    name = path.strip("/").split("?")[0].replace("/", "-") or "overview"
    name = {"actors": "actor-list", "articles": "article-list", "stories": "story-list"}.get(name, name)
    screenshot(phone, f"issue17-390px-{name}")
    assert phone.errors == []


def test_browser_api_docs_render_markdown_and_nav_links(page, server):
    page.goto(server.url + "/api-docs")
    assert page.locator("main .md code").count() > 0
    assert "`" not in page.locator("main .md").first.inner_text()
    nav = page.locator("header.top nav a").all_inner_texts()
    assert {"Overview", "Search", "Actors", "Articles", "Stories", "Network", "API"} <= set(nav)
    page.locator("header.top nav a", has_text="Search").click()
    page.wait_for_url("**/search")
    screenshot(page, "issue17-api-docs-nav")


def _db(synthetic_db, sql):
    import duckdb
    con = duckdb.connect(str(synthetic_db["path"]), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_browser_navigation_to_actor_article_and_story_lists(page, server, synthetic_db):
    page.goto(server.url + "/")
    # actors: every stored actor (grouped across articles), linked to its page
    page.locator("header.top nav a", has_text="Actors").click()
    page.wait_for_url("**/actors")
    assert page.locator('header.top nav a[aria-current="page"]').inner_text() == "Actors"
    groups = _db(synthetic_db, "SELECT count(*) FROM (SELECT DISTINCT name, country, code, kind FROM actors)")[0][0]
    assert page.locator("#actor-list tr.actor-row").count() == groups == int(page.locator("#actor-total").inner_text())
    names = page.locator("#actor-list a.actor-link").all_inner_texts()
    assert names[0] == "Ostravia"                       # in all three articles: first
    assert set(names) == {r[0] for r in _db(synthetic_db, "SELECT DISTINCT name FROM actors")}
    page.fill("#actors-form input[name=q]", "mira")
    page.locator("#actors-form button").click()
    page.wait_for_url("**/actors?q=mira**")
    assert page.locator("#actor-list a.actor-link").all_inner_texts() == ["Mira Tal"]
    screenshot(page, "issue17-actor-list")
    page.locator("#actor-list a.actor-link").click()
    page.wait_for_url("**/actors/Mira%20Tal?by=name")
    assert page.locator("#actor-title").inner_text() == "Mira Tal"
    # articles: every article, newest first, linked to its page
    page.locator("header.top nav a", has_text="Articles").click()
    page.wait_for_url("**/articles")
    titles = page.locator("#article-list a.article-link").all_inner_texts()
    assert titles == [r[0] for r in _db(synthetic_db, "SELECT title FROM articles ORDER BY published DESC")]
    screenshot(page, "issue17-article-list")
    page.locator("#article-list a.article-link", has_text="Velmar confirms").click()
    page.wait_for_url("**/articles/art2")
    # the article's story, and the story list
    page.locator("#story a.story-link").click()
    page.wait_for_url("**/stories/st1")
    assert page.locator("#story-title").inner_text() == "Ostravia and Velmar leaders meet"
    assert page.locator("#story-articles a.article-link").all_inner_texts() == [
        "Ostravia and Velmar leaders meet", "Velmar confirms talks with Ostravia"]
    assert page.locator("#story-events a.event-link").count() == 1
    screenshot(page, "issue17-story")
    page.locator("header.top nav a", has_text="Stories").click()
    page.wait_for_url("**/stories")
    rows = page.locator("#story-list tr.story-row")
    assert rows.count() == 1 and rows.first.get_attribute("data-story-id") == "st1"
    assert rows.first.locator("td.num").all_inner_texts() == ["2", "2", "1"]
    screenshot(page, "issue17-story-list")
    rows.first.locator("a.story-link").click()
    page.wait_for_url("**/stories/st1")
    page.locator("#story-events a.event-link").click()
    page.wait_for_url("**/events/le1")
    assert page.errors == []
