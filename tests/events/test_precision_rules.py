"""Precision rules of the coder: light verbs code only in specific phrases; one-sided events
need a state-level side or the gate's `incomplete_min_confidence`."""
from __future__ import annotations

import pytest

from readout.api import extract_text
from readout.config import load_config
from readout.events.lexicon import lexicon


def _events(text, **overrides):
    config = load_config().with_overrides(**overrides) if overrides else None
    doc = extract_text(text, published="2016-06-01", config=config)
    return doc, [(e.type, e.trigger) for e in doc.events]


LIGHT = [  # (sentence, a word that must not trigger an event)
    ("Donald Trump is going to make this look like a stolen election, Beck said.", "going"),
    ("Senator Marco Rubio and Governor John Kasich failed to win any states.", "failed"),
    ("About two-thirds of Republican voters say they will vote for Trump.", "vote"),
    ("If his rivals slow him in New Hampshire, they will leave the party with a muddled field.", "leave"),
]


@pytest.mark.parametrize("text,word", LIGHT)
def test_light_verbs_are_no_event_in_ordinary_prose(text, word):
    _doc, evs = _events(text)
    assert all(word not in (t or "") for _ty, t in evs), evs


def test_light_verbs_still_code_in_their_specific_phrases():
    assert "go" in lexicon().light_verbs
    _doc, evs = _events("The rebels offered to release the hostages held in Kabul.")
    assert evs, "a frame over a light verb's neighbour still codes"


def test_light_verb_list_is_data():
    assert {"go", "come", "want", "vote"} <= lexicon().light_verbs
    assert "meet" not in lexicon().light_verbs and "attack" not in lexicon().light_verbs


def test_one_sided_events_are_kept_only_above_the_floor_by_default():
    state = "The United Nations on Tuesday rejected a call for its peacekeeping forces to stay."
    doc, _evs = _events(state, incomplete_min_confidence=0.99)
    assert not doc.events, "shipped default: one-sided events only at the floor"
    doc, evs = _events(state, incomplete_min_confidence=0.0)
    assert any(t == "REJECT" for t, _ in evs), "a floor of 0 keeps them"
    doc, evs = _events(state, one_sided_events="all", incomplete_min_confidence=0.99)
    assert any(t == "REJECT" for t, _ in evs)


def test_unknown_one_sided_events_setting_is_a_config_error():
    from readout.errors import ConfigError
    with pytest.raises(ConfigError, match="one_sided_events"):
        load_config().with_overrides(one_sided_events="some")


def test_one_sided_event_of_a_state_kept_of_an_unknown_person_only_above_the_floor():
    state = "The United Nations on Tuesday rejected a call for its peacekeeping forces to stay."
    doc, evs = _events(state, incomplete_min_confidence=0.99, one_sided_events="state")
    assert any(t == "REJECT" for t, _ in evs) and all(e.incomplete for e in doc.events)
    person = "Jane Doakes rejected a call for more flexibility."
    doc_lo, evs_lo = _events(person, incomplete_min_confidence=0.0, one_sided_events="state")
    doc_hi, evs_hi = _events(person, incomplete_min_confidence=0.99, one_sided_events="state")
    assert [e for e in doc_lo.events if e.incomplete], "kept when the floor is 0"
    assert not [e for e in doc_hi.events if e.incomplete and e.confidence < 0.99]
