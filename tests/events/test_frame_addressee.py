"""An appeal's or demand's addressee after a preposition is its target ("called on X to",
"appealed to X to"); a preposition that names no actor leaves the target empty."""
from __future__ import annotations

import pytest

from readout.api import extract_text
from readout.events.lexicon import lexicon

ADDRESSEE = [  # (sentence, source country, target country)
    ("Hillary Clinton called on the United States to step up the fight against the Islamic State.", "USA", "USA"),
    ("The Kenyan president appealed to Uganda to release the detained fishermen.", "KEN", "UGA"),
    ("German Chancellor Angela Merkel pleaded with Russia to withdraw its troops from the border.", "DEU", "RUS"),
]


def _pairs(text):
    doc = extract_text(text, published="2016-06-01")
    out = []
    for e in doc.events:
        s, t = doc.actor(e.source), doc.actor(e.target)
        out.append((e.type, s.country if s else None, t.country if t else None))
    return out


@pytest.mark.parametrize("text,src,tgt", ADDRESSEE)
def test_the_addressee_after_a_preposition_is_the_target(text, src, tgt):
    assert ("REQUEST", src, tgt) in _pairs(text)


def test_a_call_for_a_thing_has_no_target():
    pairs = [p for p in _pairs("Obama called for calm in the streets on Sunday.") if p[0] == "REQUEST"]
    assert all(t is None for _ty, _s, t in pairs)


def test_addressee_prepositions_are_data():
    frames = lexicon().rules["frames"]
    assert "on" in frames["appeal"]["target_preps"] and "to" in frames["appeal"]["target_preps"]
