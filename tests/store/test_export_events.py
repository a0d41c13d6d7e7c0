"""Event rows → GDELT 2.0 / ICEWS / PLOVER records, on a hand-built document (no model)."""
from __future__ import annotations

from readout.records import (Actor, DateRange, Document, Evidence, Event, Mention, Place, Sentence,
                             TimeExpression)
from readout.store.export_events import (event_rows, fips_code, gdelt_columns, gdelt_rows,
                                         icews_columns, icews_rows, plover_rows)

TEXT = "Mr Xi met Mr Putin in Uzbekistan in September. Beijing condemned the strikes."


def _doc() -> Document:
    xi = Actor("a1", "Xi Jinping", "CHN", "GOV", "CHNGOV", "person", [Mention(0, 5, "Mr Xi", "title")])
    putin = Actor("a2", "Vladimir Putin", "RUS", "GOV", "RUSGOV", "person", [Mention(10, 18, "Mr Putin", "title")])
    s0, s1 = Sentence(0, 47), Sentence(48, len(TEXT))
    met = Event("e1", "CONSULT", None, "040", "a1", "a2", "occurred",
                DateRange("2022-09-01", "2022-09-30", "month"), Place("Uzbekistan", "UZB"), 1.0, 1, 0.7,
                Evidence(0, 0, 47, TEXT[:47]), "met")
    condemn = Event("e2", "ACCUSE", "disapprove", "111", "a1", None, "occurred",
                    DateRange("2022-12-30", "2022-12-30", "day"), None, -2.0, 3, 0.5,
                    Evidence(1, 48, len(TEXT), TEXT[48:]), "condemned")
    return Document(id="d1", text=TEXT, published="2022-12-30", url="https://example.org/a",
                    outlet="Example", sentences=[s0, s1], actors=[xi, putin],
                    times=[TimeExpression("September", 37, 46, "2022-09-01", "2022-09-30", "month")],
                    events=[met, condemn])


def test_export_events_column_lists():
    cols = gdelt_columns()
    assert len(cols) == 61 and cols[0] == "GlobalEventID" and cols[-1] == "SOURCEURL"
    assert "EventRootCode" in cols and "QuadClass" in cols
    assert icews_columns()[:3] == ["Event ID", "Event Date", "Source Name"]


def test_export_events_gdelt_row():
    doc = _doc()
    rows = gdelt_rows(doc, event_rows(doc))
    assert set(rows[0]) == set(gdelt_columns())
    g = rows[0]
    assert (g["Day"], g["MonthYear"], g["Year"]) == ("20220901", "202209", 2022)
    assert g["Actor1Code"] == "CHNGOV" and g["Actor1Name"] == "XI JINPING" and g["Actor1CountryCode"] == "CHN"
    assert g["Actor2CountryCode"] == "RUS" and g["Actor1Type1Code"] == "GOV"
    assert (g["EventCode"], g["EventBaseCode"], g["EventRootCode"]) == ("040", "040", "04")
    assert g["QuadClass"] == 1 and g["GoldsteinScale"] == 1.0 and g["IsRootEvent"] == 1
    # GDELT's geography columns carry FIPS 10-4 codes, its actor columns CAMEO (ISO) codes
    assert g["ActionGeo_FullName"] == "Uzbekistan" and g["ActionGeo_CountryCode"] == "UZ"
    assert g["SOURCEURL"] == "https://example.org/a" and g["DATEADDED"] == "20221230000000"
    # a one-sided event leaves Actor2 empty; CAMEO quad 3 for a verbal conflict
    g2 = rows[1]
    assert g2["Actor2Code"] is None and g2["QuadClass"] == 3 and g2["IsRootEvent"] == 0
    assert rows[0]["GlobalEventID"] != rows[1]["GlobalEventID"]


def test_export_events_icews_row():
    doc = _doc()
    r = icews_rows(doc, event_rows(doc))[0]
    assert set(r) == set(icews_columns())
    assert r["Event Date"] == "2022-09-01" and r["CAMEO Code"] == "040"
    assert r["Event Text"] == "Consult" and r["Intensity"] == 1.0
    assert r["Source Name"] == "Xi Jinping" and r["Source Sectors"] == "GOV"
    assert r["Sentence Number"] == 1 and r["Story ID"] == "d1" and r["Publisher"] == "Example"


def test_export_events_plover_record():
    doc = _doc()
    p = plover_rows(doc, event_rows(doc))[0]
    assert p["event_type"] == "CONSULT" and p["cameo"] == "040"
    assert p["event_text"] == TEXT[:47]
    assert p["actor"]["span"] == {"text": "Mr Xi", "start": 0, "end": 5}
    assert p["recipient"]["span"]["text"] == "Mr Putin"
    assert p["date_raw"] == "September"
    assert p["date_resolved"] == {"start": "2022-09-01", "end": "2022-09-30", "precision": "month"}
    assert p["location"] == {"name": "Uzbekistan", "country": "UZB"}
    p2 = plover_rows(doc, event_rows(doc))[1]
    assert p2["recipient"] is None and p2["mode"] == "disapprove" and p2["date_raw"] is None


def test_export_events_fips_codes_cover_every_country():
    from readout.knowledge import data_dir
    rows = [l.split("\t") for l in (data_dir() / "actors" / "countries.tsv").read_text("utf-8").splitlines()
            if l and not l.startswith("#")]
    countries = [r[0] for r in rows if r[1] == "country"]
    missing = [c for c in countries if not fips_code(c)]
    assert not missing, missing
    # codes that differ from ISO alpha-2 in telling ways
    assert (fips_code("DEU"), fips_code("GBR"), fips_code("IRQ"), fips_code("CHN")) == ("GM", "UK", "IZ", "CH")
    assert fips_code("EUR") is None and fips_code(None) is None
    fips = [fips_code(c) for c in countries]
    assert len(set(fips)) == len(fips), "two countries share a FIPS code"
