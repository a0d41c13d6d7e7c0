"""Generic agents as event arguments ("officers", "a teenager", "the church") take the
country their phrase or sentence gives, or the article's; coordinated verbs share an object
("shot and killed a teenager") and give one event."""
from __future__ import annotations

import pytest

from readout.api import extract_text

pytestmark = pytest.mark.model


def _sides(doc):
    out = []
    for e in doc.events:
        s = doc.actor(e.source) if e.source else None
        t = doc.actor(e.target) if e.target else None
        out.append((e.type, s.code if s else None, t.code if t else None, e.trigger))
    return out


def test_officers_and_a_teenager_get_the_sentence_s_country():
    doc = extract_text("Police officers in Chicago shot and killed a teenager on Sunday, investigators said.",
                       published="2024-05-01")
    sides = _sides(doc)
    assert [s[:3] for s in sides] == [("ASSAULT", "USACOP", "USACVL")], sides
    ev = doc.events[0]
    assert ev.date.start_date == "2024-04-28", "the conj verb's date ('on Sunday') is the event's"
    assert doc.actor(ev.target).mentions[0].text == "teenager"


def test_a_generic_side_in_a_phrase_takes_that_phrase_s_country():
    doc = extract_text("Officers of the Kenyan police arrested a pastor in Nairobi on Friday.",
                       published="2024-05-01")
    sides = _sides(doc)
    assert any(s[0] == "COERCE" and (s[2] or "").startswith("KEN") for s in sides), sides


def test_no_country_cue_no_generic_side():
    """A story with no country anywhere: the generic noun stays out, no invented side."""
    doc = extract_text("A teenager was shot on Sunday. Officers said a man had been arrested.",
                       published="2024-05-01")
    for e in doc.events:
        for aid in (e.source, e.target):
            if aid:
                assert doc.actor(aid).country is not None or doc.actor(aid).kind != "group", doc.actor(aid)
    assert not any(a.name.lower().endswith(("teenager", "officers", "man")) for a in doc.actors)


def test_two_countries_in_the_sentence_give_no_generic_side():
    doc = extract_text("Russian and Ukrainian officials traded blame after officers detained a teenager.",
                       published="2024-05-01")
    assert not any(a.name.lower().endswith(" teenager") for a in doc.actors), [a.name for a in doc.actors]


def test_coordinated_verbs_without_a_shared_object_stay_apart():
    doc = extract_text("Israeli troops raided the camp and Hamas fighters killed two soldiers on Monday.",
                       published="2024-05-01")
    triggers = [e.trigger for e in doc.events]
    assert "raided" not in triggers or all(
        doc.actor(e.target).code != "ISRMIL" for e in doc.events if e.trigger == "raided" and e.target), _sides(doc)
