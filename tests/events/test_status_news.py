"""Not-happened is not coded as happened: speculation, rhetoric, impossibility and decisions put
off (invented sentences). The act may be coded, but never as `occurred`."""
from __future__ import annotations

import pytest

import readout

from . import one_sided

CASES = [
    # sentence, PLOVER type of the act, the status it must have
    ("Germany is likely to impose sanctions on Russia.", "SANCTION", {"hypothetical"}),
    ("If you elect her, you'd be fighting Syria and Russia at the same time.", "ASSAULT", {"hypothetical"}),
    ("The veto made it impossible for the EU to approve the sanctions against Russia.", "SANCTION", {"negated"}),
    ("The vote on sanctions against Iran was delayed until next month.", "SANCTION", {"intended"}),
    ("The United States did not impose sanctions on Russia.", "SANCTION", {"negated"}),
    # an infinitive that says what an aim is: not done
    ("The only hope the Gulf States have now is for Washington to oppose the policy of Turkey.", "ACCUSE",
     {"hypothetical"}),
    ("The goal of the European Union is to impose sanctions on Russia.", "SANCTION", {"hypothetical"}),
    # a question asserts nothing, not even an intent
    ("The reporter asked, \"Do you think the president would like to impose sanctions on Iran?\"", "SANCTION",
     {"hypothetical"}),
    ("Will Germany impose sanctions on Russia next month?", "SANCTION", {"hypothetical"}),
]


# a question quoted after the act is not the act's clause: the act keeps its own status
def test_a_quoted_question_after_the_act_leaves_it_occurred():
    d = one_sided.extract_text("Senator Ted Cruz criticized Senator Marco Rubio at the hearing, asking him, "
                               "\"Why did you vote for it?\" before the recess.", published="2016-03-01")
    assert any(e.type == "ACCUSE" and e.status == "occurred" for e in d.events), \
        [(e.type, e.status) for e in d.events]


# what was asked for is not done: "requested guards to help him travel" has no travel
def test_the_act_asked_for_below_a_request_is_not_coded():
    d = one_sided.extract_text("The ambassador requested more guards to help him travel to Libya.",
                               published="2016-03-01")
    assert not any(e.type == "CONSULT" for e in d.events), [(e.type, e.trigger, e.status) for e in d.events]


@pytest.mark.parametrize("text,typ,statuses", CASES, ids=[c[0][:40] for c in CASES])
def test_not_happened_is_not_occurred(text, typ, statuses):
    d = one_sided.extract_text(text, published="2016-03-01")
    of_type = [e for e in d.events if e.type == typ]
    assert all(e.status in statuses for e in of_type), [(e.type, e.status) for e in d.events]
    assert not any(e.status == "occurred" and e.type in (typ, "THREATEN") for e in d.events), \
        [(e.type, e.status) for e in d.events]


def test_second_person_rhetoric_is_no_threat():
    d = one_sided.extract_text("If you elect her, you'd be fighting Syria and Russia at the same time.",
                             published="2016-03-01")
    assert not any(e.type == "THREATEN" for e in d.events)


def test_an_event_missing_a_side_says_so():
    d = one_sided.extract_text("Senator Jones attacked the Republican plan. Russia met China in Moscow.",
                             published="2016-03-01")
    by_type = {e.type: e for e in d.events}
    assert by_type["ACCUSE"].incomplete and by_type["ACCUSE"].target is None
    assert not by_type["CONSULT"].incomplete
