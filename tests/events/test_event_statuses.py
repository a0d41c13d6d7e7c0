"""`event_statuses`: which statuses the events stage keeps. By default a hypothetical act (a
conditional, a speculation, a question) is left out: it asserts nothing happened or is
planned; "all" keeps every status; an unknown status is a config error naming it."""
from __future__ import annotations

import pytest

import readout
from readout.config import load_config
from readout.errors import ConfigError

SPECULATION = "Germany is likely to impose sanctions on Russia. France imposed sanctions on Iran on Monday."


def _statuses(config):
    d = readout.extract_text(SPECULATION, published="2016-03-01", config=config)
    return {(e.type, e.status) for e in d.events}


def test_hypothetical_events_are_left_out_by_default():
    coded = _statuses(load_config())
    assert ("SANCTION", "occurred") in coded, coded
    assert not any(s == "hypothetical" for _t, s in coded), coded


def test_all_keeps_hypothetical_events():
    coded = _statuses(load_config().with_overrides(event_statuses="all"))
    assert ("SANCTION", "hypothetical") in coded and ("SANCTION", "occurred") in coded, coded


def test_a_list_of_statuses_is_read_and_checked():
    assert load_config().with_overrides(event_statuses="occurred, negated").event_statuses == ("occurred", "negated")
    with pytest.raises(ConfigError, match="event_statuses.*likely"):
        load_config().with_overrides(event_statuses=["occurred", "likely"])
