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
]


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
