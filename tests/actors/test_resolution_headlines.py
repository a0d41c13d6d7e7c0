"""Title-case headlines: names are not glued to the verbs and words after them (issue 14)."""
from __future__ import annotations

import pytest

from .test_actors import run_actors

ARTICLES = {
    "slams": ("2016-11-10", "Dana Whitcombe Slams Governor And The Media In One Debate Answer\n\n"
              "Dana Whitcombe criticised the governor in Tuesday's debate. Whitcombe said reporters were unfair."),
    "worked": ("2016-06-13", "Thomas Kessler Worked With Department Of Homeland Security Contractor\n\n"
               "Thomas Kessler worked for a security contractor for years. Kessler was a guard."),
    "plain": ("2016-06-13", "Police arrested Thomas Kessler on Monday, and his lawyer Dana Whitcombe "
              "said he was innocent."),
}


@pytest.fixture(scope="module")
def docs():
    return {name: it.document for name, it in run_actors(ARTICLES).items()}


@pytest.mark.parametrize("name,person,glued", [("slams", "Dana Whitcombe", "Slams"),
                                               ("worked", "Thomas Kessler", "Worked")])
def test_resolution_headline_name_ends_where_the_body_name_ends(docs, name, person, glued):
    doc = docs[name]
    assert not any(glued in a.name or any(glued in m.text for m in a.mentions if a.kind == "person")
                   for a in doc.actors), [(a.name, [m.text for m in a.mentions]) for a in doc.actors]
    found = [a for a in doc.actors if a.name == person]
    assert len(found) == 1, [(a.name, [m.text for m in a.mentions]) for a in doc.actors]
    texts = [m.text for m in found[0].mentions]
    assert texts.count(person) >= 2, texts      # the headline's and the body's


def test_resolution_names_outside_headlines_are_untouched(docs):
    names = {a.name for a in docs["plain"].actors}
    assert {"Thomas Kessler", "Dana Whitcombe"} <= names, names
