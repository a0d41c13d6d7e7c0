"""Stated intents, plans and attempts (issue 13): an intent or plan aimed at the population
at large or a faith group is no event; a plan described as a noun is no threat; agreeing
with remarks is support; an attempt at a conflictual act happened; a politician's rally is
campaigning. Invented sentences; each row names what must not be coded and, where the
sentence has one, what must."""
from __future__ import annotations

import pytest

from . import one_sided

PUBLISHED = "2016-03-01"

# sentence, a (type, cameo prefix) that must not be coded, a (type, cameo prefix, status) that must (or None)
CASES = [
    # intents towards nobody in particular
    ("Prime Minister Costas Karamanlis has pledged to protect people and property.", ("AGREE", "03"), None),
    ("The church promised to help men and women in Ohio.", ("AGREE", "03"), None),
    ("President Obama vowed to protect all Americans.", ("AGREE", "03"), None),
    ("Governor Walker promised to build a wall at the Mexican border.", ("AGREE", "03"), None),
    ("Senator Cruz pledged to help families in Texas.", ("AGREE", "03"), None),
    # ... and towards a named party they stay
    ("Russia promised to help Syria.", None, ("AGREE", "03", "intended")),
    ("The rebels offered to release the hostages held in Kabul.", None, ("AGREE", "035", "intended")),
    ("Iran offered to mediate between Saudi Arabia and Yemen.", None, ("AGREE", "03", "intended")),
    ("President Obama renewed his commitment to providing the Syrian rebels with weapons.", None,
     ("AGREE", "03", "intended")),
    # a plan named as a noun is not a threat issued to anyone
    ("Governor Walker discussed his plan to ban Muslims from entering the United States.", ("THREATEN", "13"), None),
    ("Critics attacked the governor's plan to deport 11 million people.", ("THREATEN", "13"), None),
    ("The senator's proposal to sanction Iran drew criticism.", ("THREATEN", "13"), None),
    # ... a stated plan to act against a state still is (the PLOVER gold standard codes it)
    ("Greece plans to impose restrictions on Bulgaria.", None, ("THREATEN", "13", "intended")),
    # agreeing with someone's remarks is support, not an agreement
    ("Senator Sanders agreed with Governor Brown's remarks on Tuesday.", ("AGREE", "03"), ("SUPPORT", "051", "occurred")),
    ("Russia agreed with Turkey on a ceasefire.", None, ("AGREE", "03", "occurred")),
    # an attempt at a conflictual act was made
    ("Protesters tried to storm the Greek Parliament on Monday.", None, ("PROTEST", "145", "occurred")),
    ("Rebels attempted to attack the army base near Aleppo.", None, ("ASSAULT", "1", "occurred")),
    ("Rebels would try to attack the army base near Aleppo.", None, ("ASSAULT", "1", "hypothetical")),
    ("Russia tried to improve relations with Japan.", None, ("AGREE", "03", "intended")),
    # a rally held by a candidate or office holder is campaigning
    ("Senator Sanders held a rally on Saturday in Wilmington.", ("PROTEST", "14"), None),
    ("Police stopped a protester at a rally of Governor Walker on Monday.", ("PROTEST", "14"), None),
    ("Opposition supporters held a rally against the government of Venezuela.", None, ("PROTEST", "14", "occurred")),
    # an event noun in front of a person noun only describes the person
    ("They left candles in front of a line of riot policemen.", ("PROTEST", "14"), None),
]


@pytest.mark.parametrize("text,forbidden,wanted", CASES, ids=[c[0][:40] for c in CASES])
def test_intents_plans_and_attempts(text, forbidden, wanted):
    d = one_sided.extract_text(text, published=PUBLISHED)
    coded = [(e.type, e.cameo, e.status) for e in d.events]
    if forbidden is not None:
        assert not any(t == forbidden[0] and c.startswith(forbidden[1]) for t, c, _s in coded), coded
    if wanted is not None:
        assert any(t == wanted[0] and c.startswith(wanted[1]) and s == wanted[2] for t, c, s in coded), coded
