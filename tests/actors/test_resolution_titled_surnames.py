"""A title before a surname, read on the article's date (knowledge/actors/titles.toml).

Rules: a title ("Sen.", "Rep.", "Gov.", "President") lets a surname alone name a knowledge
person, data-set legislators included (they are not in the plain surname index), only when
exactly one person of that surname held an office fitting the title on the date; several
holders leave the title's role code (LEG, or USALEG when the text or the article gives the
country); a governor's title never fits a GOV code that is no governorship; a many-seat
office after an indefinite article ("a US senator") is nobody in particular.
"""
from __future__ import annotations

import pytest

from readout.actors import resolve_actor

from .test_actors import run_actors

# phrase, date, expected name ("" = no knowledge person: an unknown or role actor), code
CASES = [
    # data-set senators (EveryPolitician / congress-legislators) by surname after a title
    ("Senator Sanders", "2016-05-01", "Bernie Sanders", "USALEG"),
    ("Sen. Sanders", "2016-05-01", "Bernie Sanders", "USALEG"),
    ("Sen. Warren", "2016-05-01", "Elizabeth Warren", "USALEG"),
    ("Senator Warren", "2022-12-30", "Elizabeth Warren", "USALEG"),
    # full names and hand-written senators keep working
    ("Sen. Elizabeth Warren", "2016-05-01", "Elizabeth Warren", "USALEG"),
    ("Senator Marco Rubio", "2016-05-01", "Marco Rubio", "USALEG"),
    ("Senator Rubio", "2016-05-01", "Marco Rubio", "USALEG"),
    # a governor's title is not the Bahamian prime minister's GOV code
    ("Gov. Christie", "2016-05-01", "", "GOV"),
    ("Governor Christie", "2016-05-01", "", "GOV"),
    # several senators of that surname on the date (two countries): the role code only
    ("Senator Brown", "2016-05-01", "", "LEG"),
    # a many-seat office after an indefinite article: nobody in particular
    ("a US senator", "2016-05-01", "", "USALEG"),
    ("an American senator", "2016-05-01", "", "USALEG"),
    ("A US senator", "2022-12-30", "", "USALEG"),
    # single-seat titles are unchanged
    ("President Obama", "2016-05-01", "Barack Obama", "USAGOV"),
    ("Prime Minister Cameron", "2016-05-01", "David Cameron", "GBRGOV"),
]


@pytest.mark.parametrize("phrase,date,name,code", CASES, ids=[c[0] + "@" + c[1] for c in CASES])
def test_titled_surname(phrase, date, name, code):
    a = resolve_actor(phrase, date=date)
    assert a is not None, phrase
    assert a.kind == "person", (phrase, a)
    if name:
        assert a.name == name, (phrase, a.name, a.code)
    else:
        assert " " not in a.name or "senator" in a.name, (phrase, a.name, a.code)
        for full in ("Perry Christie", "Marco Rubio", "Sherrod Brown", "Carol Brown", "Ted Cruz"):
            assert a.name != full, (phrase, a.name)
    assert a.code == code, (phrase, a.name, a.code)


US = ("The US Congress met in Washington on Monday. Americans in Ohio and Texas watched the debate "
      "in the United States closely. Voters in Iowa said they were tired.\n\n")

ARTICLES = {
    "cruz": ("2016-05-01", US + "Sen. Cruz said he would filibuster the bill."),
    "brown": ("2016-05-01", US + "Senator Brown said the law was unfair."),
    "christie": ("2016-05-01", US + "Gov. Christie said the bridge would reopen."),
    "senator": ("2016-05-01", US + "Senator Marco Rubio spoke first. A US senator said the bill was dead."),
}


@pytest.fixture(scope="module")
def docs():
    return {name: it.document for name, it in run_actors(ARTICLES).items()}


def persons(doc):
    return {a.name: a.code for a in doc.actors if a.kind == "person"}


def test_titled_surname_article_country_picks_the_one_holder(docs):
    # Cruz senators of several countries in 2016; one American: the article's country decides
    assert persons(docs["cruz"]) == {"Ted Cruz": "USALEG"}, persons(docs["cruz"])


def test_titled_surname_several_holders_in_the_article_country_stay_a_role(docs):
    # two American legislators named Brown sat in 2016 (the knowledge keeps no chamber)
    assert persons(docs["brown"]) == {"Brown": "USALEG"}, persons(docs["brown"])


def test_titled_surname_governor_is_no_foreign_head_of_government(docs):
    got = persons(docs["christie"])
    assert "Perry Christie" not in got and got.get("Christie", "").startswith("USA"), got


def test_indefinite_senator_is_not_the_senator_named_before(docs):
    got = [(a.name, a.code) for a in docs["senator"].actors if a.kind == "person"]
    rubio = [a for a in docs["senator"].actors if a.name == "Marco Rubio"]
    assert rubio and all("senator" not in m.text.lower() or "Rubio" in m.text for m in rubio[0].mentions), got
    assert any(code == "USALEG" and name != "Marco Rubio" for name, code in got), got
