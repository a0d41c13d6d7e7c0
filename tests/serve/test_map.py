"""The map (issue 16): /api/places and the `place` filter over a synthetic store whose events
carry hand-set places, and the /map page in Chromium — circles where the places are, sized by
count and coloured by quad class, filters that change them, a click that lists the events
there with their evidence. The seed's Bali, Moscow and Beijing on the map of the real store.
Screenshots go to test-artifacts/serve/."""
from __future__ import annotations

import pytest

from readout.records import Place
from readout.store.writer import Store

from .conftest import DOCS, LiveServer, make_document, screenshot

MOSCOW = Place("Moscow", "RUS", 524901, "PPLC", "48", 55.7522, 37.6156, "city", "Moscow", "event")
BEIJING = Place("Beijing", "CHN", 1816670, "PPLC", "22", 39.9075, 116.3972, "city", "Beijing", "sentence")
BALI = Place("Bali", "IDN", None, "ADM1", None, -8.4, 115.2, "admin1", "Bali", "event")
GAZA = Place("Gaza", "PSE", None, "TERR", None, 31.42, 34.36, "region", "Gaza Strip", "dateline")
# (document, event index) → place; art1's threat has none
PLACES = {("art1", 0): MOSCOW, ("art1", 1): BEIJING, ("art2", 0): MOSCOW, ("art2", 1): BALI,
          ("art3", 0): GAZA}


@pytest.fixture(scope="module")
def map_db(tmp_path_factory):
    docs = [make_document(**d) for d in DOCS]
    for doc in docs:
        for i, ev in enumerate(doc.events):
            ev.place = PLACES.get((doc.id, i))
    path = tmp_path_factory.mktemp("serve-map") / "map.duckdb"
    with Store(path) as store:
        store.write(docs)
    return {"path": path, "docs": docs}


@pytest.fixture(scope="module")
def map_client(map_db):
    from fastapi.testclient import TestClient
    from readout.serve.app import create_app
    return TestClient(create_app(map_db["path"]))


def _event_ids(map_db, place):
    return {ev.id for doc in map_db["docs"] for ev in doc.events if ev.place == place}


# --- API -------------------------------------------------------------------------------------

def test_places_lists_each_place_with_counts_by_quad_class(map_client):
    got = map_client.get("/api/places").json()
    assert got["total"] == 4
    by_name = {p["name"]: p for p in got["items"]}
    assert set(by_name) == {"Moscow", "Beijing", "Bali", "Gaza Strip"}
    assert got["items"][0]["name"] == "Moscow"                       # busiest first
    assert by_name["Moscow"] == {"key": "524901", "name": "Moscow", "country": "RUS", "admin1": "48",
                                 "precision": "city", "lat": 55.7522, "lon": 37.6156, "n": 2,
                                 "quad": {"1": 2}}
    assert by_name["Beijing"]["quad"] == {"3": 1}
    assert by_name["Bali"]["key"] == "Bali" and by_name["Gaza Strip"]["key"] == "Gaza Strip"


def test_places_are_filtered_like_the_events(map_client):
    def names(**params):
        return {p["name"] for p in map_client.get("/api/places", params=params).json()["items"]}
    assert names(quad_class=3) == {"Beijing"}
    assert names(type="CONSULT") == {"Moscow"}
    assert names(actor="USA", by="country") == {"Gaza Strip"}
    assert names(actor="CHN", by="country") == {"Moscow", "Beijing", "Bali"}
    assert names(date_from="2024-04-01") == {"Gaza Strip"}
    assert names(status="intended") == set()                         # the threat has no place
    assert names(actor="NOSUCH") == set()
    assert names(q="praised") == {"Bali"}


def test_place_filter_on_places_and_events(map_client, map_db):
    for place in (MOSCOW, BEIJING, BALI, GAZA):
        key = str(place.geonames_id) if place.geonames_id else place.gazetteer_name
        events = map_client.get("/api/events", params={"place": key, "page_size": 500}).json()
        assert {e["id"] for e in events["items"]} == _event_ids(map_db, place)
        assert all(e["place_lat"] == place.lat and e["place_source"] == place.source for e in events["items"])
        one = map_client.get("/api/places", params={"place": key}).json()["items"]
        assert [p["key"] for p in one] == [key] and one[0]["n"] == len(_event_ids(map_db, place))
    # a name key matches any case; the place filter combines with the others
    assert map_client.get("/api/events", params={"place": "gaza strip"}).json()["total"] == 1
    assert map_client.get("/api/events", params={"place": "524901", "source": "CHN"}).json()["total"] == 1
    assert map_client.get("/api/places", params={"place": "524901", "quad_class": 3}).json()["items"] == []
    # unknown or absurd keys match nothing (no error)
    for key in ("Atlantis", "1", "9" * 40):
        assert map_client.get("/api/events", params={"place": key}).json()["total"] == 0
        assert map_client.get("/api/places", params={"place": key}).json()["items"] == []
    assert map_client.get("/api/places", params={"place": ""}).status_code == 422


def test_places_on_a_store_without_places(client):
    """The synthetic store's events have no places: the list is empty and /map still renders."""
    assert client.get("/api/places").json() == {"items": [], "total": 0}
    page = client.get("/map")
    assert page.status_code == 200 and 'id="map"' in page.text and "/static/map.js" in page.text
    assert client.get("/static/vendor/world-atlas/countries-110m.json").status_code == 200
    assert "Michael Bostock" in client.get("/static/vendor/world-atlas/LICENSE").text


def test_map_page_keeps_valid_filters_from_the_url(map_client):
    html = map_client.get("/map", params={"type": "CONSULT", "quad_class": "3", "status": "bogus",
                                          "date_from": "2024-13-01"}).text
    assert "<option selected>CONSULT</option>" in html
    assert '<option value="3" selected>' in html
    assert "bogus" not in html and "2024-13-01" not in html


# --- browser ---------------------------------------------------------------------------------

pytest_browser = pytest.mark.browser

PROJECT = """(el) => {
  const svg = el.ownerSVGElement, vb = svg.viewBox.baseVal;
  const top = +svg.dataset.latTop, bottom = +svg.dataset.latBottom;
  return {cx: +el.getAttribute('cx'), cy: +el.getAttribute('cy'), r: +el.getAttribute('r'),
          x: (+el.dataset.lon + 180) / 360 * vb.width,
          y: (top - Math.max(bottom, Math.min(top, +el.dataset.lat))) / (top - bottom) * vb.height,
          fill: getComputedStyle(el).fill};
}"""

# The country under the circle's centre, else the one whose outline is nearest (the 110m
# outline drops small islands such as Bali and coarsens coasts such as Gaza's).
COUNTRY_AT = """(el) => {
  const svg = el.ownerSVGElement, pt = svg.createSVGPoint();
  pt.x = +el.getAttribute('cx'); pt.y = +el.getAttribute('cy');
  const paths = [...svg.querySelectorAll('path.country')];
  const inside = paths.filter(p => p.isPointInFill(pt)).map(p => p.dataset.name);
  if (inside.length) return {name: inside.join('|'), distance: 0};
  let best = {name: null, distance: Infinity};
  for (const path of paths) {
    const b = path.getBBox();
    if (pt.x < b.x - 10 || pt.x > b.x + b.width + 10 || pt.y < b.y - 10 || pt.y > b.y + b.height + 10) continue;
    const len = path.getTotalLength();
    for (let s = 0; s <= len; s += 0.25) {
      const p = path.getPointAtLength(s), d = Math.hypot(p.x - pt.x, p.y - pt.y);
      if (d < best.distance) best = {name: path.dataset.name, distance: d};
    }
  }
  return best;
}"""


@pytest.fixture(scope="module")
def map_server(map_db):
    s = LiveServer(map_db["path"])
    yield s
    s.stop()


def _circles(page):
    page.wait_for_selector("svg.map-svg circle.place")
    return {c.get_attribute("data-name"): c for c in page.locator("svg.map-svg circle.place").element_handles()}


@pytest_browser
def test_browser_map_draws_circles_at_the_places(page, map_server):
    page.goto(map_server.url + "/map")
    circles = _circles(page)
    assert set(circles) == {"Moscow", "Beijing", "Bali", "Gaza Strip"}
    assert page.locator("svg.map-svg path.country").count() > 150        # the world outline
    geo = {name: c.evaluate(PROJECT) for name, c in circles.items()}
    for name, g in geo.items():
        assert abs(g["cx"] - g["x"]) < 0.05 and abs(g["cy"] - g["y"]) < 0.05, (name, g)
    # the positions agree with the basemap: each circle is on its country's outline
    at = {name: c.evaluate(COUNTRY_AT) for name, c in circles.items()}
    assert at["Moscow"] == {"name": "Russia", "distance": 0}
    assert at["Beijing"] == {"name": "China", "distance": 0}
    assert at["Bali"]["name"] == "Indonesia" and at["Bali"]["distance"] < 5
    assert at["Gaza Strip"]["name"] in ("Palestine", "Israel") and at["Gaza Strip"]["distance"] < 3
    assert geo["Moscow"]["cy"] < geo["Beijing"]["cy"] < geo["Bali"]["cy"]  # north to south
    assert geo["Gaza Strip"]["cx"] < geo["Moscow"]["cx"] < geo["Beijing"]["cx"]  # west to east
    # size by count (Moscow 2, the others 1) and colour by quad class
    assert geo["Moscow"]["r"] > geo["Beijing"]["r"] == geo["Bali"]["r"]
    assert [circles[n].get_attribute("data-quad") for n in ("Moscow", "Beijing", "Gaza Strip")] == ["1", "3", "2"]
    assert len({geo[n]["fill"] for n in ("Moscow", "Beijing", "Gaza Strip")}) == 3
    assert page.locator("#place-total").inner_text() == "4"
    assert page.locator("#place-table tbody tr").count() == 4
    screenshot(page, "issue16-map")
    assert page.errors == []


@pytest_browser
def test_browser_map_filters_change_the_circles(page, map_server):
    page.goto(map_server.url + "/map")
    _circles(page)
    page.select_option("#map-filters select[name=quad_class]", "3")
    page.wait_for_function("() => document.querySelectorAll('svg.map-svg circle.place').length === 1")
    assert page.locator("svg.map-svg circle.place").get_attribute("data-name") == "Beijing"
    assert "quad_class=3" in page.url
    page.select_option("#map-filters select[name=quad_class]", "")
    page.select_option("#map-filters select[name=type]", "CONSULT")
    page.wait_for_function("() => [...document.querySelectorAll('svg.map-svg circle.place')].map(c => c.dataset.name).join() === 'Moscow'")
    page.select_option("#map-filters select[name=type]", "")
    page.fill("#map-filters input[name=actor]", "USA")
    page.press("#map-filters input[name=actor]", "Enter")
    page.wait_for_function("() => [...document.querySelectorAll('svg.map-svg circle.place')].map(c => c.dataset.name).join() === 'Gaza Strip'")
    page.fill("#map-filters input[name=actor]", "NOSUCH")
    page.press("#map-filters input[name=actor]", "Enter")
    page.wait_for_selector("svg.map-svg text.empty")
    assert page.locator("svg.map-svg circle.place").count() == 0
    screenshot(page, "issue16-map-filtered")
    assert page.errors == []


@pytest_browser
def test_browser_map_click_lists_the_events_there_and_their_evidence(page, map_server, map_db):
    page.goto(map_server.url + "/map")
    circles = _circles(page)
    circles["Moscow"].click()
    page.wait_for_selector("#place-events-table tbody tr")
    rows = page.locator("#place-events-table tbody tr.event-row")
    assert {rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())} == _event_ids(map_db, MOSCOW)
    assert "2 event(s) at Moscow (RUS)" in page.locator("#place-title").inner_text()
    assert page.locator("#place-events-table mark.trigger").first.inner_text() == "held talks"
    assert "place=524901" in page.url
    screenshot(page, "issue16-map-click")
    # a filter narrows the listed events too; a place the filter leaves out closes the list
    page.select_option("#map-filters select[name=quad_class]", "3")
    page.wait_for_selector("#place-events", state="hidden")
    page.select_option("#map-filters select[name=quad_class]", "")
    page.locator("#place-table a.place-link", has_text="Beijing").click()
    page.wait_for_function("() => document.getElementById('place-title').textContent.includes('Beijing')")
    page.wait_for_selector("#place-events-table tbody tr.event-row")
    assert page.locator("#place-events-table tbody tr.event-row").count() == 1
    # → the evidence: the event's page shows its sentence
    page.locator("#place-events-table a.event-link").first.click()
    page.wait_for_url("**/events/**")
    assert "Velmar accused Ostravia of delaying the pipeline" in page.locator("main").inner_text()
    assert page.errors == []


@pytest_browser
def test_browser_map_opens_a_place_from_the_url(page, map_server):
    page.goto(map_server.url + "/map?place=Bali")
    page.wait_for_selector("#place-events-table tbody tr.event-row")
    assert "Bali" in page.locator("#place-title").inner_text()
    assert page.locator("svg.map-svg circle.place.selected").get_attribute("data-name") == "Bali"


@pytest_browser
def test_browser_map_fits_a_390px_screen(browser, map_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(map_server.url + "/map")
    pg.wait_for_selector("svg.map-svg circle.place")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    assert pg.locator("svg.map-svg").bounding_box()["width"] <= 390
    screenshot(pg, "issue16-390px-map")
    context.close()
    assert errors == []


@pytest.fixture(scope="module")
def seed_server(seed_db):
    s = LiveServer(seed_db)
    yield s
    s.stop()


@pytest_browser
@pytest.mark.model
def test_browser_map_shows_the_seed_places(page, seed_server):
    """The seed's G-20 summit in Bali and its Moscow and Beijing places are on the map, on
    their countries."""
    page.goto(seed_server.url + "/map")
    circles = _circles(page)
    for name, country in (("Bali", "Indonesia"), ("Moscow", "Russia"), ("Beijing", "China")):
        assert name in circles, sorted(circles)
        at = circles[name].evaluate(COUNTRY_AT)
        assert at["name"] == country and at["distance"] < 5, (name, at)
    circles["Bali"].click()
    page.wait_for_selector("#place-events-table tbody tr.event-row")
    assert "Bali" in page.locator("#place-title").inner_text()
    screenshot(page, "issue16-map-seed")
    assert page.errors == []
