"""Verb senses chosen by their arguments (events/senses.py + [verb_senses] data): figurative
and other-sense uses are not coded literally. Invented sentences, not from any article."""
from __future__ import annotations

import pytest

import readout

from . import one_sided

PUBLISHED = "2016-03-01"

# sentence, a (type, cameo) that must not be coded, a (type, cameo prefix) that must be (or None)
CASES = [
    ("The deal struck between Iran and the United States was welcomed.", ("ASSAULT", "19"), ("SUPPORT", "057")),
    ("Iran struck a deal with the United States on Tuesday.", ("ASSAULT", "19"), ("SUPPORT", "057")),
    ("The president fired his chief of staff on Monday.", ("ASSAULT", "19"), None),
    ("Governor Smith fired the prison director after the escape.", ("ASSAULT", "19"), None),
    ("Hillary Clinton fired back at Donald Trump on Twitter.", ("ASSAULT", "19"), ("ACCUSE", "111")),
    ("China and the United States clash over tariffs.", ("ASSAULT", "19"), ("ACCUSE", "110")),
    ("Firefighters fought the blaze for hours.", ("ASSAULT", "19"), None),
    ("Senator Jones attacked the Republican plan.", ("ASSAULT", "19"), ("ACCUSE", "111")),
    ("The Angels matched the Yankees' offer.", ("ASSAULT", "19"), None),
    ("Microsoft released a patch for the browser.", ("RETREAT", "08"), None),
    ("Mr Cruz beat Donald Trump in the Iowa caucuses.", ("ASSAULT", "19"), None),
    ("The Senate killed the immigration bill on Thursday.", ("ASSAULT", "19"), ("REJECT", "12")),
    ("Jeb Bush called Donald Trump unhinged.", ("CONSULT", "04"), ("ACCUSE", "111")),
    ("The president called the meeting productive.", ("CONSULT", "04"), None),
    ("Mr Putin called Mr Xi on Friday.", ("ACCUSE", "11"), ("CONSULT", "041")),
    ("Clinton called on the United States to step up the fight.", ("CONSULT", "04"), ("REQUEST", "02")),
    ("Russian and Ukrainian officials traded blame after the attack.", ("COOPERATE", "06"), ("ACCUSE", "111")),
    ("The two senators traded insults during the debate.", ("COOPERATE", "06"), None),
    ("Indian and Pakistani troops exchanged fire along the border.", ("COOPERATE", "06"), ("ASSAULT", "19")),
]


def test_reciprocal_verbs_code_each_side_against_the_other():
    d = one_sided.extract_text("Russia and Ukraine traded accusations on Tuesday.", published=PUBLISHED)
    pairs = {(d.actor(e.source).country, d.actor(e.target).country) for e in d.events
             if e.type == "ACCUSE" and e.source and e.target}
    assert pairs == {("RUS", "UKR"), ("UKR", "RUS")}, [(e.type, e.source, e.target) for e in d.events]


def _coded(text):
    d = one_sided.extract_text(text, published=PUBLISHED)
    return [(e.type, e.cameo) for e in d.events]


@pytest.mark.parametrize("text,forbidden,wanted", CASES, ids=[c[0][:40] for c in CASES])
def test_other_senses_are_not_coded_literally(text, forbidden, wanted):
    coded = _coded(text)
    assert not any(t == forbidden[0] and c.startswith(forbidden[1]) for t, c in coded), coded
    if wanted is not None:
        assert any(t == wanted[0] and c.startswith(wanted[1]) for t, c in coded), coded


@pytest.mark.parametrize("text,wanted", [
    ("Israeli jets struck targets in Gaza on Monday.", "19"),
    ("Indian and Chinese troops clashed on the border on Sunday.", "19"),
    ("Russia and Ukraine clashed over the weekend near Donetsk.", "19"),
    ("Soldiers fired on protesters in the capital.", "19"),
])
def test_literal_senses_still_code(text, wanted):
    coded = _coded(text)
    assert any(t == "ASSAULT" and c.startswith(wanted) for t, c in coded), coded
