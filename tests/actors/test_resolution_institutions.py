"""One institution is one actor per article: its names, a distinctive word of its name and
"the department" / "the agency" referring back to it (issue 14)."""
from __future__ import annotations

import pytest

from .test_actors import run_actors

ARTICLES = {
    "doj": ("2016-07-06", (
        "The Justice Department said on Tuesday that it would not bring charges in Washington. "
        "The Department of Justice said the FBI had finished its inquiry. Justice said it would "
        "publish the report. The department declined to comment further, and the agency said "
        "its agents had cooperated.")),
    "party": ("2016-05-01", (
        "The Republican Party met in Cleveland on Monday. The party said its rules would not change, "
        "and the Democratic Party criticised the decision.")),
    "no_antecedent": ("2016-05-01", "The department said on Monday that the budget was too small."),
}


@pytest.fixture(scope="module")
def docs():
    return {name: it.document for name, it in run_actors(ARTICLES).items()}


def actor_of(doc, text):
    found = [a for a in doc.actors if any(m.text == text for m in a.mentions)]
    return found[0] if len(found) == 1 else None


def test_resolution_one_institution_is_one_actor(docs):
    doc = docs["doj"]
    a = actor_of(doc, "Justice Department")
    assert a is not None and a.code and a.code.startswith("USA"), [(x.name, x.code) for x in doc.actors]
    for text in ("Department of Justice", "Justice", "The department"):
        assert actor_of(doc, text) is a, (text, [(x.name, [m.text for m in x.mentions]) for x in doc.actors])


def test_resolution_the_agency_is_the_last_agency_named(docs):
    doc = docs["doj"]
    fbi = actor_of(doc, "FBI")
    assert fbi is not None and actor_of(doc, "the agency") is fbi


def test_resolution_the_party_is_the_party_named_before(docs):
    doc = docs["party"]
    rep = actor_of(doc, "Republican Party")
    assert rep is not None and actor_of(doc, "The party") is rep
    dem = actor_of(doc, "Democratic Party")
    assert dem is not None and dem is not rep


def test_resolution_a_definite_noun_with_nothing_named_before_is_not_an_institution(docs):
    assert all(a.kind != "organisation" or a.mentions[0].text != "The department"
               for a in docs["no_antecedent"].actors)
