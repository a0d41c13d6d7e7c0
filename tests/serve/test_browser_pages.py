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
                                  "/search?actor=RUS", "/network", "/api-docs", "/actors/USA?by=country"])
def test_browser_pages_fit_a_390px_screen(phone, server, path):
    phone.goto(server.url + path)
    phone.wait_for_load_state("networkidle")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path}: {width}px wide"
    name = path.strip("/").split("?")[0].replace("/", "-") or "overview"
    screenshot(phone, f"issue17-390px-{name}")
    assert phone.errors == []


def test_browser_api_docs_render_markdown_and_nav_links(page, server):
    page.goto(server.url + "/api-docs")
    assert page.locator("main .md code").count() > 0
    assert "`" not in page.locator("main .md").first.inner_text()
    nav = page.locator("header.top nav a").all_inner_texts()
    assert {"Overview", "Search", "Network", "API"} <= set(nav)
    page.locator("header.top nav a", has_text="Search").click()
    page.wait_for_url("**/search")
    screenshot(page, "issue17-api-docs-nav")
