"""The compiled gazetteer (readout/geo/gazetteer.py): its binary format round-trips, names are
found by binary search over the sorted index, ids and countries are found without a full parse."""
from __future__ import annotations

from readout.geo.gazetteer import Gazetteer, gazetteer, norm, pack

ROWS = ["0\tBlack Sea\tSEA\t\t\t43.0\t35.0\t0",
        "5128581\tNew York City\tPPL\tUSA\tNY\t40.7143\t-74.006\t8804190",
        "2988507\tParis\tPPLC\tFRA\t11\t48.8534\t2.3488\t2138551",
        "4717560\tParis\tPPL\tUSA\tTX\t33.6609\t-95.5555\t24782",
        "3017382\tFrance\tPCLI\tFRA\t\t46.6\t2.4\t67000000",
        "4155751\tFlorida\tADM1\tUSA\tFL\t28.0\t-81.7\t21000000",
        "2643743\tLondon\tPPLC\tGBR\tENG\t51.5085\t-0.1257\t8961989",
        "1850147\tTōkyō\tPPLC\tJPN\t40\t35.6895\t139.6917\t8336599"]
NAMES = {"black sea": [0], "new york city": [2], "new york": [3], "paris": [4, 6], "france": [8],
         "florida": [10], "london": [12], "tokyo": [14], "tōkyō": [14], "nyc": [3]}


def small() -> Gazetteer:
    return Gazetteer(pack("test gazetteer", ROWS, NAMES))


def test_pack_round_trips_rows_and_names():
    g = small()
    assert len(g) == len(ROWS) and g.header == "test gazetteer"
    assert [(e.name, e.country) for e in g.lookup("Paris")] == [("Paris", "FRA"), ("Paris", "USA")]
    assert [(r, alt) for r, alt in g.rows("NYC")] == [(1, True)]
    e = g.lookup("Tōkyō")[0]
    assert (e.geonameid, e.fcode, e.lat, e.population) == (1850147, "PPLC", 35.6895, 8336599)


def test_every_name_is_found_and_no_other():
    g = small()
    for name, codes in NAMES.items():
        assert [r * 2 + alt for r, alt in g.rows(name, normalised=True)] == codes
    for missing in ("", "aaa", "zzz", "pari", "parisx", "new", "tokyo x"):
        assert g.rows(missing) == ()


def test_ids_countries_and_states_without_a_parse():
    g = small()
    assert g.by_id(4717560).admin1 == "TX" and g.by_id(1) is None and g.by_id(9999999) is None
    assert g.country_entry("FRA").name == "France" and g.country_entry("DEU") is None
    assert g.us_state("FL").name == "Florida" and g.us_state("TX") is None


def test_the_shipped_gazetteer_has_counties_and_small_towns():
    g = gazetteer()
    counties = [e for e in g.lookup("Jefferson County") if e.fcode == "ADM2"]
    assert len(counties) > 20 and {e.country for e in counties} == {"USA"}
    assert all(e.population > 0 and 24 < e.lat < 50 for e in counties)
    kent = [e for e in g.lookup("Kent") if e.fcode == "ADM2"]
    assert [(e.country, e.admin1) for e in kent] == [("GBR", "ENG")]
    small_towns = [e for e in g.lookup("Southold")]
    assert any(e.country == "USA" and e.admin1 == "NY" and e.population < 15000 for e in small_towns)
    # the index is sorted as UTF-8 bytes, so accented and plain forms both resolve
    assert g.lookup("Zürich") and g.lookup("Zurich") and norm("Zürich") == "zurich"


def test_geonames_first_level_divisions_outside_the_us():
    g = gazetteer()
    borno = [e for e in g.lookup("Borno") if e.fcode == "ADM1"]
    assert [(e.country, e.admin1, e.source) for e in borno] == [("NGA", "27", "g")]
    assert 10 < borno[0].lat < 14 and 11 < borno[0].lon < 15     # the median of its towns
    # a division named like its main town is indexed only with a division word after the name
    assert not any(e.fcode == "ADM1" for e in g.lookup("Lagos"))
    assert [(e.country, e.admin1) for e in g.lookup("Lagos State") if e.fcode == "ADM1"] == [("NGA", "05")]
    # "Moscow Oblast" does not take the capital's bare name; the capital keeps "Kiev"
    assert not any(e.fcode == "ADM1" and e.country == "RUS" for e in g.lookup("Moscow"))
    assert any(e.fcode == "PPLC" and e.country == "UKR" for e in g.lookup("Kiev"))
    # a places.tsv division matched to GeoNames takes its id and admin1 code, keeps its own point
    ont = [e for e in g.lookup("Ontario") if e.fcode == "ADM1"]
    assert [(e.country, e.admin1, e.source, e.geonameid > 0) for e in ont] == [("CAN", "08", "", True)]
    # a division named only by generic words ("Central", "Centre-Sud") is not indexed
    assert not any(e.fcode == "ADM1" for e in g.lookup("Centre-Sud"))


def test_us_towns_carry_their_county_and_towns_their_alternate_name_count():
    g = gazetteer()
    by_state = {e.admin1: e for e in g.lookup("Springfield") if e.country == "USA" and e.fcode == "PPL"}
    assert by_state["MO"].county == "Greene County" and by_state["IL"].county == "Sangamon County"
    assert {(e.county, e.fcode) for e in g.lookup("Cook County") if e.country == "USA"} == {("Cook County", "ADM2")}
    assert by_state["IL"].alternates > by_state["MO"].alternates > 0
    assert all(e.county == "" for e in g.lookup("Paris") if e.country == "FRA")


def test_oceans_seas_and_regions_carry_their_geonames_record():
    # places.tsv's optional geonameid column: the record is findable by id, keeps its kind,
    # and the oceans sit at GeoNames' own point
    g = gazetteer()
    for gid, name, fcode in ((3373405, "Atlantic", "OCN"), (2363254, "Pacific", "OCN"),
                             (1545739, "Indian Ocean", "OCN"), (363196, "Mediterranean", "SEA"),
                             (6269133, "Middle East", "RGN"), (235616, "Persian Gulf", "GULF")):
        e = g.by_id(gid)
        assert e is not None and e.name == name and e.fcode == fcode, (gid, e)
    atlantic = g.by_id(3373405)
    assert (atlantic.lat, atlantic.lon) == (10.0, -25.0)
