"""The geocoder on a table of its own cases (tests/geo/cases.tsv): ambiguous names, admin
qualifiers, article context, regions, seas, common words."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from readout.geo import GeoMention, geocode_text, gazetteer, resolve_places

CASES = [l.rstrip("\n").split("\t") for l in (Path(__file__).parent / "cases.tsv").read_text(
    encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]


def _countries(spec: str) -> Counter:
    return Counter({k: int(v) for k, v in (p.split(":") for p in spec.split(",") if p)})


def test_table_has_enough_cases():
    assert len(CASES) >= 100


@pytest.mark.parametrize("name,after,ctx,country,detail", [c[:5] for c in CASES],
                         ids=[f"{c[0]}{c[1]}|{c[2]}" for c in CASES])
def test_case(name, after, ctx, country, detail):
    p = geocode_text(name, after, _countries(ctx))
    if country == "-" and detail == "-":
        assert p is None, p
        return
    assert p is not None
    assert (p.country or "-") == country, p
    assert detail in (p.admin1, p.feature), p
    assert p.lat is not None and -90 <= p.lat <= 90 and -180 <= p.lon <= 180


def test_georgia_follows_the_other_places_of_the_article():
    text = "Officials in Atlanta and Georgia said. Georgia voted."
    ms = [GeoMention(12, 19, "Atlanta"), GeoMention(24, 31, "Georgia"), GeoMention(39, 46, "Georgia")]
    got = resolve_places(ms, text)
    assert [p.country for p in got] == ["USA", "USA", "USA"]
    text = "Protests in Tbilisi spread across Georgia."
    got = resolve_places([GeoMention(12, 19, "Tbilisi"), GeoMention(34, 41, "Georgia")], text)
    assert [p.country for p in got] == ["GEO", "GEO"]


def test_one_sense_per_article_after_a_qualifier():
    text = "He grew up in Springfield, Illinois. Springfield is the capital."
    got = resolve_places([GeoMention(14, 25, "Springfield"), GeoMention(37, 48, "Springfield")], text)
    assert [(p.country, p.admin1) for p in got] == [("USA", "IL"), ("USA", "IL")]


def test_dateline_country_breaks_ties():
    text = "Police in Birmingham said."
    p = resolve_places([GeoMention(10, 20, "Birmingham")], text, dateline="MONTGOMERY, Ala.")[0]
    # Montgomery is largest in Alabama: the dateline's country (USA) supports Birmingham, Alabama
    assert (p.country, p.admin1) == ("USA", "AL")


def test_lowercase_mentions_need_context():
    assert geocode_text("paris") is None
    assert geocode_text("Paris").country == "FRA"


def test_gazetteer_loads_fast_and_knows_its_source():
    g = gazetteer()
    assert len(g) > 150_000 and "GeoNames" in g.header
    e = g.country_entry("RUS")
    assert e.fcode == "PCLI" and 50 < e.lat < 70 and 60 < e.lon < 120   # not across the antimeridian


def test_a_datelines_state_is_context_for_counties_and_towns():
    text = "Officials of Jefferson County and Paris said."
    ms = [GeoMention(13, 29, "Jefferson County"), GeoMention(34, 39, "Paris")]
    plain = resolve_places(ms, text)
    assert plain[1].country == "FRA"
    for dateline, state in (("BIRMINGHAM, Ala.", "AL"), ("Paris, Tenn.", "TN"), ("LOUISVILLE, Ky.", "KY")):
        got = resolve_places(ms, text, dateline=dateline)
        assert got[0].admin1 == state and got[0].feature == "ADM2", (dateline, got[0])
        assert got[1].country == "USA", (dateline, got[1])
    assert resolve_places(ms, text, dateline="Paris, Tenn.")[1].admin1 == "TN"


def test_counties_are_regions_with_their_state():
    got = resolve_places([GeoMention(0, 11, "Cook County")], "Cook County officials said.")[0]
    assert (got.country, got.admin1, got.feature, got.precision) == ("USA", "IL", "ADM2", "region")
    assert 41 < got.lat < 43 and -89 < got.lon < -87


def _two(text, a, b, **kw):
    i, j = text.index(a), text.index(b)
    return resolve_places([GeoMention(i, i + len(a), a), GeoMention(j, j + len(b), b)], text, **kw)


def test_a_county_named_beside_a_town_ties_them():
    county, town = _two("Greene County commissioners met in Springfield on Monday.", "Greene County", "Springfield")
    assert (county.admin1, county.feature, town.admin1, town.feature) == ("MO", "ADM2", "MO", "PPL")
    county, town = _two("In Sangamon County, Springfield police said.", "Sangamon County", "Springfield")
    assert (county.admin1, town.admin1) == ("IL", "IL")


def test_a_state_named_as_the_qualifier_of_the_mention_before_is_that_state():
    # "Tacoma" and "Washington" as two spans: the second is the state ", Washington" names, not the capital
    town, state = _two("A baker from Tacoma, Washington shares tips.", "Tacoma", "Washington")
    assert (town.admin1, town.feature) == ("WA", "PPL")
    assert (state.country, state.admin1, state.feature) == ("USA", "WA", "ADM1")
    # alone, "Washington" is still the capital
    alone = resolve_places([GeoMention(0, 10, "Washington")], "Washington said.")[0]
    assert alone.feature == "PPLC"


def test_first_level_divisions_outside_the_us_are_context_for_their_towns():
    state, town = _two("Attacks in Borno State continued near Konduga on Sunday.", "Borno State", "Konduga")
    assert (state.country, state.feature, state.precision) == ("NGA", "ADM1", "admin1")
    assert (town.country, town.admin1) == ("NGA", state.admin1)


def _spans(text, names):
    out, pos = [], 0
    for n in names:
        i = text.index(n, pos)
        out.append(GeoMention(i, i + len(n), n))
        pos = i + len(n)
    return out


@pytest.mark.parametrize("text,names,country", [
    ("Rain in Toronto, Ottawa and Montreal; in Jamaica too. Kingston next.",
     ["Toronto", "Ottawa", "Montreal", "Jamaica", "Kingston"], "CAN"),
    ("Storms hit Glasgow, Aberdeen and Dundee, and also Australia. Then Perth.",
     ["Glasgow", "Aberdeen", "Dundee", "Australia", "Perth"], "GBR"),
])
def test_article_majority_country_prior(text, names, country, monkeypatch):
    # most of the article's places are in one country: an ambiguous name leans to it, even
    # against a capital or a larger town of another country the article also names
    from readout.geo import resolve as R
    assert resolve_places(_spans(text, names), text)[-1].country == country
    monkeypatch.setitem(R.weights(), "majority", 0.0)
    assert resolve_places(_spans(text, names), text)[-1].country != country


def test_county_ties_go_to_the_county_nearest_the_articles_places(monkeypatch):
    # several US counties of one name score within `tie` of each other, none in a state the
    # article names: the one nearest the centre of its other towns wins (Franklin County,
    # Pennsylvania beside Hagerstown, Maryland, not the larger one around Columbus, Ohio)
    from readout.geo import resolve as R
    text = "Police in Hagerstown said Franklin County deputies helped."
    names = ["Hagerstown", "Franklin County"]
    p = resolve_places(_spans(text, names), text)[-1]
    assert (p.country, p.admin1, p.feature) == ("USA", "PA", "ADM2")
    monkeypatch.setitem(R.weights(), "tie", 0.0)
    assert resolve_places(_spans(text, names), text)[-1].admin1 == "OH"


def test_a_state_the_article_names_outweighs_a_nearer_county():
    text = ("Daviess County gets $300,000, Ohio County $128,800 and McLean County $90,000 in "
            "Kentucky. Pike County, a district harder hit, gets the most.")
    names = ["Daviess County", "Ohio County", "McLean County", "Kentucky", "Pike County"]
    assert resolve_places(_spans(text, names), text)[-1].admin1 == "KY"


@pytest.mark.parametrize("text,name,dateline,want", [
    # no demonym, no other place: the dateline alone decides
    ("Voters in Georgia went to the polls.", "Georgia", "ATLANTA", ("USA", "GA")),
    ("Voters in Georgia went to the polls.", "Georgia", "SAVANNAH, Ga.", ("USA", "GA")),
    ("Voters in Georgia went to the polls.", "Georgia", "TBILISI", ("GEO", None)),
    ("He flew to Birmingham on Monday.", "Birmingham", "MONTGOMERY, Ala.", ("USA", "AL")),
    ("He flew to Birmingham on Monday.", "Birmingham", "LONDON", ("GBR", "ENG")),
    ("Police in Kingston said.", "Kingston", "TORONTO", ("CAN", "08")),
    ("Rain hit Perth.", "Perth", "EDINBURGH", ("GBR", "SCT")),
    ("Rain hit Perth.", "Perth", "SYDNEY", ("AUS", "08")),
    ("Officials in Hyderabad said.", "Hyderabad", "KARACHI", ("PAK", "05")),
    ("Rain hit Cordoba.", "Cordoba", "BUENOS AIRES", ("ARG", "05")),
    # the dateline's town is a place the article surely names: a town near it gains `near`
    ("Rain hit Victoria.", "Victoria", "VANCOUVER, British Columbia", ("CAN", "02")),
    ("Rain in Tripoli.", "Tripoli", "BEIRUT", ("LBN", "09")),
    ("Rain in Tripoli.", "Tripoli", "BENGHAZI", ("LBY", "77")),
    ("Rain in Hamilton.", "Hamilton", "CINCINNATI", ("USA", "OH")),
    ("Deputies from Franklin County helped.", "Franklin County", "HAGERSTOWN, Md.", ("USA", "PA")),
])
def test_the_dateline_disambiguates(text, name, dateline, want):
    i = text.index(name)
    p = resolve_places([GeoMention(i, i + len(name), name)], text, dateline=dateline)[0]
    assert (p.country, p.admin1) == want, p


@pytest.mark.parametrize("text,name,want", [
    ("He lives in Calif. now.", "Calif", "CA"),      # spaCy's span stops before the period
    ("Flooding hit Ill. farms.", "Ill", "IL"),
    ("Storms in Tenn. and Ky. today.", "Ky", "KY"),
    ("Fires near Mont. and Wyo. burned.", "Mont", "MT"),
])
def test_a_state_abbreviation_whose_period_is_outside_the_span(text, name, want):
    i = text.index(name)
    p = resolve_places([GeoMention(i, i + len(name), name)], text)[0]
    assert (p.country, p.admin1, p.feature) == ("USA", want, "ADM1"), p


def test_washington_is_the_state_among_the_states_towns():
    # the capital is read over a first-level division of its name, unless the article's
    # other places lie in that division (resolve.toml division_named)
    text = "Crews from Seattle, Tacoma and Spokane spread out across Washington."
    names = ["Seattle", "Tacoma", "Spokane", "Washington"]
    p = resolve_places(_spans(text, names), text)[-1]
    assert (p.admin1, p.feature) == ("WA", "ADM1"), p
    text = "Officials from Baltimore and Richmond met in Washington."
    p = resolve_places(_spans(text, ["Baltimore", "Richmond", "Washington"]), text)[-1]
    assert p.feature == "PPLC", p
