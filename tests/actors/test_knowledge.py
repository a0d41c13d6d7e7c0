"""Actor knowledge: data files, the compiled table, dates of office and the normal form of names."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from readout.actors.knowledge import ActorKnowledge, Entry, Role, knowledge, split_code
from readout.actors.normalize import norm, singular, variants
from readout.knowledge import data_dir

REPO = Path(__file__).resolve().parents[2]
PHOENIX = REPO.parent / "shared" / "data" / "actors"
DATASETS = PHOENIX / "datasets"
TABLES = ("countries.tsv", "organisations.tsv", "leaders.tsv", "roles.tsv", "successions.tsv",
          "institutions.tsv", "sectors.tsv")


def test_actors_knowledge_tables_name_source_and_version():
    for name in TABLES:
        head = (data_dir() / "actors" / name).read_text("utf-8").splitlines()[:12]
        assert any(line.startswith("# version:") for line in head), name
        assert any(line.startswith("# source:") for line in head), name


def test_actors_knowledge_leaders_rows_are_well_formed():
    rows = [l.split("\t") for l in (data_dir() / "actors" / "leaders.tsv").read_text("utf-8").splitlines()
            if l and not l.startswith("#")]
    assert len(rows) >= 300
    for r in rows:
        assert len(r) == 9, r
        name, _, code, office, start, end, top, gender, source = r
        dt.date.fromisoformat(start)
        if end:
            assert dt.date.fromisoformat(end) > dt.date.fromisoformat(start), r
        assert len(code) >= 6 and office and top in ("0", "1") and gender in ("m", "f") and source


def test_actors_knowledge_loads_once_and_quickly():
    a, b = knowledge(), knowledge()
    assert a is b
    assert len(a.names) > 10000 and "putin" in a.names


@pytest.mark.skipif(not (DATASETS / "MANIFEST.tsv").exists() or not PHOENIX.is_dir(),
                    reason="Phoenix dictionaries or the data-set copies not present")
def test_actors_knowledge_compiled_file_is_up_to_date(tmp_path):
    out = tmp_path / "actors.json"
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_actors.py"), "--out", str(out)],
                   check=True, capture_output=True)
    shipped = (data_dir() / "actors" / "actors.json").read_bytes()
    assert out.read_bytes() == shipped, "run scripts/build_actors.py after editing the tables"


def _k(entries):
    return ActorKnowledge({"entries": entries, "names": {}, "surnames": {}, "upper_only": [],
                           "countries": {"RUS": ["Russia", "country", "Russian"],
                                         "WST": ["the West", "region", "Western"]},
                           "country_names": {}, "demonyms": {}, "capitals": {}, "seats": {},
                           "places": {}, "roles": {}, "phoenix_horizon": "2016-06-30"})


def test_actors_knowledge_code_at_dates():
    k = _k([["A B", "person", [["RUSGOV", "2000-01-01", "2008-01-01", "president", 1],
                               ["RUSGOV", "2012-01-01", "", "president", 1]], "m"],
            ["C D", "person", [["RUSGOV", "2010-01-01", "", "", 0, 1]], ""],
            ["E F", "person", [["RUSMIL", "2001-01-01", "2002-01-01"], ["RUSELI", "", ""]], ""]])
    a, c, e = k.entry(0), k.entry(1), k.entry(2)
    assert k.code_at(a, dt.date(2005, 1, 1)).code == "RUSGOV"
    gap = k.code_at(a, dt.date(2010, 1, 1))
    assert (gap.code, gap.state) == ("RUSELI", "former")
    assert k.code_at(a, dt.date(1990, 1, 1)).state == "before"
    assert k.code_at(a, None).code == "RUSGOV"
    # an open Phoenix role is trusted to the horizon, and weaker after it
    assert k.code_at(c, dt.date(2015, 1, 1)).state == "current"
    assert k.code_at(c, dt.date(2022, 1, 1)).state == "stale"
    # an undated code is the default outside the dated ones
    assert k.code_at(e, dt.date(2010, 1, 1)).code == "RUSELI"
    assert k.code_at(e, dt.date(2001, 6, 1)).code == "RUSMIL"


def test_actors_knowledge_split_code():
    regions = frozenset({"WST", "EUR"})
    assert split_code("RUSGOV", regions) == ("RUS", "GOV")
    assert split_code("IGOWSTNAT", regions) == ("WST", "IGO")
    assert split_code("IGOUNO", regions) == (None, "IGO")
    assert split_code("CHN", regions) == ("CHN", None)
    assert split_code("MNCUSA", regions) == ("USA", "BUS")
    assert split_code("COP", regions) == (None, "COP")


def test_actors_knowledge_holders_on_a_date():
    k = knowledge()
    assert [e.name for e in k.holders("USA", ("president",), False, dt.date(2019, 1, 1))][:1] == ["Donald Trump"]
    assert [e.name for e in k.holders("GBR", (), True, dt.date(2022, 10, 1))][:1] == ["Liz Truss"]
    assert k.holders("USA", ("president",), False, dt.date(1850, 1, 1)) == []


def test_actors_normalize_forms():
    assert norm("U.S.") == "us"
    assert norm("Erdoğan") == "erdogan"
    assert norm("China’s") == "china's"
    assert norm("  Vladimir\xa0Putin ") == "vladimir putin"
    assert {"kim jong-un", "kim jong un", "kim jongun"} == variants("Kim Jong-un")
    assert singular("officials") == "official" and singular("policemen") == "policeman"
    assert singular("authorities") == "authority"


def test_actors_knowledge_successions_read_codes_on_a_date():
    k = knowledge()
    assert k.country_on("RUS", dt.date(1985, 1, 1)) == "SUN"
    assert k.country_on("RUS", dt.date(1991, 12, 26)) == "RUS"      # the day the USSR ended
    assert k.code_on("SRBGOV", dt.date(1990, 6, 1)) == "YUGGOV"
    assert k.code_on("SRBGOV", dt.date(1999, 6, 1)) == "SRBGOV"
    assert k.country_on("UKR", dt.date(1985, 1, 1)) == "UKR"        # republics keep their own
    assert k.country_on("RUS", None) == "RUS" and k.country_on(None, dt.date(1985, 1, 1)) is None
    # historical states and renamed ones are in the tables
    assert k.country_names["yugoslavia"] == "YUG" and k.demonyms["soviet"] == "SUN"
    assert k.country_names["zaire"] == "COD" and k.country_names["east germany"] == "DDR"
    assert "TMP" not in k.countries and k.country_names["east timor"] == "TLS"


def test_actors_context_country_from_one_country_sentences():
    from readout.actors.context import assign_context_countries
    from readout.work import PlaceMention
    from readout.records import Actor, Mention, Sentence
    text = "Judge Rivera charged Chilean officials. Police dispersed crowds in Lima and Quito."
    s0, s1 = Sentence(0, 39), Sentence(40, len(text))
    judge = Actor("j", "Rivera", None, "JUD", "JUD", "person", [Mention(6, 12, "Rivera", "name")])
    chile = Actor("c", "Chilean officials", "CHL", "GOV", "CHLGOV", "group", [Mention(21, 38, "Chilean officials", "role")])
    police = Actor("p", "police", None, "COP", "COP", "group", [Mention(40, 46, "Police", "role")])
    un = Actor("u", "United Nations", None, "IGO", "IGOUNO", "igo", [Mention(0, 5, "Judge", "name")])
    places = [PlaceMention(67, 71, "Lima", "PER"), PlaceMention(76, 81, "Quito", "ECU")]
    assign_context_countries([judge, chile, police, un], places, [s0, s1], knowledge())
    assert (judge.country, judge.code) == ("CHL", "CHLJUD")
    assert police.country is None          # its sentence names Peru and Ecuador
    assert un.country is None              # IGOs never take a country


def test_actors_knowledge_organisations_known_by_acronym_carry_it_in_the_name():
    """Canonical name = full name + the all-capital alias news uses, whichever form is read."""
    from readout import resolve_actor
    for text in ("CCTV", "China Central Television", "state broadcaster CCTV"):
        assert resolve_actor(text).name == "China Central Television (CCTV)"
    assert resolve_actor("the IMF").name == "International Monetary Fund (IMF)"
    assert resolve_actor("Nato").name == "North Atlantic Treaty Organization (NATO)"
    # an acronym that is the name, or no all-capital alias: unchanged
    assert resolve_actor("BRICS").name == "BRICS"
    assert resolve_actor("the Ministry of Defence").name == "Ministry of Defence"


def test_actors_domestic_news_gives_its_country_to_actors_without_one():
    """An article that names one country in most sentences is that country's news: "the police"
    and a person the tables do not know take its country; a mixed article decides nothing."""
    from readout.actors.context import article_country
    assert article_country({0: {"USA"}, 1: {"USA"}, 2: {"USA"}, 3: {"USA", "MEX"}}) == "USA"
    assert article_country({0: {"USA"}, 1: {"MEX"}, 2: {"USA"}, 3: {"MEX"}}) is None
    assert article_country({0: {"USA"}, 1: {"USA"}}) is None     # too little to go on
    import readout
    d = readout.extract_text(
        "President Obama spoke in Washington on Monday. The White House said Congress would vote. "
        "Senator Ted Cruz of Texas criticised the plan. Police arrested two protesters outside the Capitol.",
        published="2016-03-01")
    police = [a for a in d.actors if a.name.lower() == "police"]
    assert police and police[0].country == "USA"


def test_actors_knowledge_records_each_data_set_with_commit_and_licence():
    k = knowledge()
    for name in ("dataset:everypolitician", "dataset:partyfacts"):
        src = k.sources[name]
        assert " @ " in src and ("CC0" in src or "MIT" in src), src
    notes = (data_dir() / "actors" / "SOURCES.md").read_text("utf-8")
    assert "tijmenb/everypolitician-data" in notes and "hdigital/partyfactsdata" in notes


def test_actors_knowledge_data_set_persons_are_found_by_full_name_only():
    k = knowledge()
    e = [x for x in k.entries_named("achim post") if x.kind == "person"]
    assert e and e[0].roles[0].code == "DEULEG" and e[0].roles[0].office == "legislator"
    assert e[0].index not in k.surnames.get("post", [])
    assert k.code_at(e[0], dt.date(2015, 1, 1)).state == "current"
    assert k.code_at(e[0], dt.date(2020, 1, 1)).state == "stale"   # an open term after the horizon


def test_actors_knowledge_parties_institutions_and_sector_table():
    k = knowledge()
    spd = k.entries_named("syriza")
    assert spd and split_code(spd[0].roles[0].code) == ("GRC", "PTY")
    assert "sejm" in k.names and "pla navy" in k.names
    assert "people 's liberation army" in k.names      # the resolver splits the possessive off
    assert k.roles["national assembly"][0] == "LEG" and k.roles["central bank"][0] == "BUS"
    for stop in ("us", "eu", "pm"):
        assert all(not k.entry(i).name.endswith(f"({stop.upper()})") or k.entry(i).kind == "igo"
                   or split_code(k.entry(i).roles[0].code)[1] != "PTY" for i in k.names.get(stop, []))


def test_actors_knowledge_mauritius_and_muslim_codes_are_told_apart():
    assert split_code("MUSLEG") == ("MUS", "LEG") and split_code("MUSPTY") == ("MUS", "PTY")
    assert split_code("MUS") == (None, "MUS") and split_code("MUSSHI") == (None, "MUS")


def test_actors_knowledge_person_names_from_data_sets_are_cleaned():
    sys.path.insert(0, str(REPO / "scripts"))
    import build_actors
    pn = build_actors.Builder.person_name
    assert pn("Bana, Tibor") == "Tibor Bana"
    assert pn("Hon. KAMAU John") == "John Kamau"
    assert pn("Mr. James D. Paul, M.P.") == "James D. Paul"
    assert build_actors.clean_party_name("The Republic Onwards! (LREM)") == "Republic Onwards!"
    assert build_actors.iso_day("2013") == "2013-01-01" and build_actors.iso_day("x") == ""


def test_actors_knowledge_has_us_congress_members_with_dated_terms_and_genders():
    """unitedstates/congress-legislators (CC0): members serving since 2013 with every term,
    known by the name the news uses, with their gender for pronouns."""
    k = knowledge()
    for name, gender, day in (("bernie sanders", "m", dt.date(2016, 5, 1)),
                              ("elizabeth warren", "f", dt.date(2016, 5, 1)),
                              ("raul grijalva", "m", dt.date(2016, 5, 1))):
        ids = k.names.get(name, [])
        assert len(ids) == 1, (name, ids)
        e = k.entry(ids[0])
        assert e.gender == gender and k.code_at(e, day).code == "USALEG", (name, e)
    warren = k.entry(k.names["elizabeth warren"][0])
    assert k.code_at(warren, dt.date(2010, 1, 1)).code != "USALEG"     # before her first term
    # a name several members bore is nobody in particular
    assert not any(k.entry(i).kind == "person" and any(r.code == "USALEG" for r in k.entry(i).roles)
                   for i in k.names.get("john smith", []))
