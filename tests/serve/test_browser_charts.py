"""Issue 17, in a real browser, on a store of 32 countries (`many_db`): the dyad chart plots
only dated events and says how many are undated, shows occurred events unless asked, draws
month- and season-dated events as bands over their period, labels its axes and keeps its
filters in the address; the network's labels do not overlap. Screenshots go to
test-artifacts/serve/."""
from __future__ import annotations

import datetime as dt

import pytest

from .conftest import FRA_DEU_EVENTS, LiveServer, screenshot

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture(scope="module")
def server(many_db):
    s = LiveServer(many_db["path"])
    yield s
    s.stop()


def _chart(page, source, target):
    return page.locator(f'svg.chart[data-source="{source}"][data-target="{target}"]')


def _box(page, source, target):
    return page.locator(f'.chart-box[data-source="{source}"][data-target="{target}"]')


def _bars(page, source, target) -> dict[str, int]:
    """Events per week as the bars draw them."""
    out: dict[str, int] = {}
    for week, n in _chart(page, source, target).locator("rect.bar").evaluate_all(
            "els => els.map(e => [e.dataset.week, +e.dataset.n])"):
        out[week] = out.get(week, 0) + n
    return out


def _monday(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def _expected(source, target, statuses, precisions=("day",)) -> dict[str, int]:
    out: dict[str, int] = {}
    for s, t, _typ, _c, _g, _q, status, date in FRA_DEU_EVENTS:
        if (s, t) == (source, target) and status in statuses and date and date[2] in precisions:
            out[_monday(date[0])] = out.get(_monday(date[0]), 0) + 1
    if source == "FRA" and target == "DEU" and "occurred" in statuses:
        out["2024-05-13"] = out.get("2024-05-13", 0) + 1        # the ring's FRA→DEU event
    return out


def test_browser_dyad_chart_plots_dated_occurred_events_with_spans_and_axis_labels(page, server):
    page.goto(server.url + "/dyads/FRA/DEU")
    expect(_chart(page, "FRA", "DEU")).to_be_visible()
    assert page.locator("#dyad-filters select[name=status]").input_value() == "occurred"
    # occurred events dated to a day, by week; the intended threat (2024-05-20) is left out
    assert _bars(page, "FRA", "DEU") == _expected("FRA", "DEU", {"occurred"}) \
        == {"2024-05-06": 2, "2024-05-13": 1}
    assert _bars(page, "DEU", "FRA") == {"2024-07-15": 1}          # the negated assault is left out
    # undated events are counted, not plotted
    undated = _box(page, "FRA", "DEU").locator("p.undated")
    assert undated.get_attribute("data-n") == "1"
    assert "1 of 6 event(s) have no date of their own" in undated.inner_text()
    assert _box(page, "DEU", "FRA").locator("p.undated").get_attribute("data-n") == "1"
    # the month (June) and the season (summer) are bands over their whole period
    chart = _chart(page, "FRA", "DEU")
    spans = chart.locator("g.span").evaluate_all(
        "gs => gs.map(g => { const r = g.querySelector('rect').getBBox();"
        " return [g.dataset.precision, g.dataset.start, g.dataset.end, r.x, r.width]; })")
    assert sorted(s[:3] for s in spans) == [["month", "2024-06-01", "2024-06-30"],
                                            ["season", "2024-06-01", "2024-08-31"]]
    # no bar in the week of 1 June (no spike on the first day of the period)
    assert _monday("2024-06-01") not in _bars(page, "FRA", "DEU")
    # a band's width is its number of days at the bars' scale: a week's bar step is 7 days
    bars = chart.locator("rect.bar").evaluate_all(
        "els => els.map(e => [e.dataset.week, e.getBBox().x])")
    x_of = dict(bars)
    step = (x_of["2024-05-13"] - x_of["2024-05-06"]) / 7           # pixels per day
    by = {s[0]: s for s in spans}
    assert by["month"][4] == pytest.approx(30 * step, rel=0.02)
    assert by["season"][4] == pytest.approx(92 * step, rel=0.02)
    origin = float(chart.locator("line.axis").first.get_attribute("x1"))   # Monday 2024-05-06
    assert by["month"][3] == pytest.approx(origin + 26 * step, abs=0.5)     # from 1 June
    assert by["season"][3] == pytest.approx(by["month"][3], abs=0.5)
    # labelled axes: the left one counts events per week, the right one is mean Goldstein
    left = chart.locator("text.axis-label.y-left")
    assert left.text_content() == "events per week" and "rotate(-90" in left.get_attribute("transform")
    assert chart.locator("text.axis-label.y-right").text_content() == "mean Goldstein"
    assert chart.locator("text.tick.y").all_text_contents() == ["0", "1", "2"]
    screenshot(page, "issue17-dyad-spans")
    assert page.errors == []


def test_browser_dyad_filters_are_in_the_url_and_survive_a_reload(page, server):
    page.goto(server.url + "/dyads/FRA/DEU")
    expect(page.locator("#event-total")).not_to_have_text("…")
    occurred = int(page.locator("#event-total").inner_text())
    page.select_option("#dyad-filters select[name=status]", "intended")
    page.wait_for_url("**/dyads/FRA/DEU?status=intended")
    expect(page.locator("#event-total")).to_have_text("1")
    expect(_chart(page, "FRA", "DEU").locator("rect.bar")).to_have_count(1)
    assert _bars(page, "FRA", "DEU") == _expected("FRA", "DEU", {"intended"}) == {"2024-05-20": 1}
    page.select_option("#dyad-filters select[name=type]", "THREATEN")
    page.select_option("#dyad-filters select[name=direction]", "ab")
    page.wait_for_url("**direction=ab")
    assert "type=THREATEN" in page.url and "status=intended" in page.url
    page.reload()
    assert page.locator("#dyad-filters select[name=status]").input_value() == "intended"
    assert page.locator("#dyad-filters select[name=type]").input_value() == "THREATEN"
    assert page.locator("#dyad-filters select[name=direction]").input_value() == "ab"
    expect(page.locator("#event-total")).to_have_text("1")
    expect(_chart(page, "FRA", "DEU").locator("rect.bar")).to_have_count(1)
    assert page.locator("#dyad-events td").nth(4).inner_text() == "intended"
    screenshot(page, "issue17-dyad-filters-reloaded")
    # every status: all dated events of both directions are plotted
    page.goto(server.url + "/dyads/FRA/DEU?status=any")
    expect(_chart(page, "DEU", "FRA")).to_be_visible()
    assert _bars(page, "DEU", "FRA") == _expected("DEU", "FRA", {"occurred", "negated"})
    assert page.locator("#dyad-filters select[name=status]").input_value() == "any"
    expect(page.locator("#event-total")).not_to_have_text(str(occurred))
    assert int(page.locator("#event-total").inner_text()) == len(FRA_DEU_EVENTS) + 1
    assert page.errors == []


def test_browser_network_labels_do_not_overlap(page, server, many_db):
    page.goto(server.url + "/network")
    page.wait_for_selector("svg.network-svg g.node")
    nodes = page.locator("svg.network-svg g.node")
    assert nodes.count() == len(many_db["countries"])
    boxes = page.locator("svg.network-svg text.node-label").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [e.dataset.id, e.textContent, r.left, r.top, r.right, r.bottom]; })")
    assert len(boxes) == len(many_db["countries"])                  # every node is labelled
    assert all(b[4] > b[2] and b[5] > b[3] for b in boxes)
    overlapping = [(a[1], b[1]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[2] < b[4] and b[2] < a[4] and a[3] < b[5] and b[3] < a[5]]
    assert overlapping == []
    svg = page.locator("svg.network-svg").bounding_box()
    for _, _, left, top, right, bottom in boxes:                    # and all inside the drawing
        assert svg["x"] - 1 <= left and right <= svg["x"] + svg["width"] + 1
        assert svg["y"] - 1 <= top and bottom <= svg["y"] + svg["height"] + 1
    # labels name their node: "France (FRA)", or the code alone where the name found no room
    for node_id, text, *_ in boxes:
        assert text.endswith(f"({node_id})") or text == node_id
    screenshot(page, "issue17-network-labels")
    assert page.errors == []


def test_browser_network_filters_survive_a_reload(page, server):
    page.goto(server.url + "/network")
    page.wait_for_selector("svg.network-svg g.node")
    page.fill("#network-filters input[name=min_events]", "2")
    page.locator("#network-filters input[name=min_events]").dispatch_event("change")
    page.wait_for_url("**/network?min_events=2")
    busy = page.evaluate("fetch('/api/dyads?min_events=2').then(r => r.json()).then(d => d.total)")
    assert 1 < busy < page.evaluate("fetch('/api/dyads').then(r => r.json()).then(d => d.total)")
    expect(page.locator("#edge-table tbody tr")).to_have_count(busy)    # the dyads with 2+ events
    page.reload()
    assert page.locator("#network-filters input[name=min_events]").input_value() == "2"
    expect(page.locator("#edge-table tbody tr")).to_have_count(busy)
    assert page.errors == []
