"""events: the coder end to end on a small made-up wire report (one parse for the module).

Each paragraph exercises one behaviour: a meeting with date and place, a refusal, a
negated condemnation, a conditional threat, an expected (intended) visit, an accusation,
sanctions from several senders, a phone call between a named pair.
"""
from __future__ import annotations

import jsonschema
import pytest

from . import one_sided

pytestmark = pytest.mark.model

ARTICLE = """Leaders meet in Delhi

Japanese Prime Minister Fumio Kishida met Indian Prime Minister Narendra Modi in New Delhi on Monday.

Germany has refused to send tanks to Ukraine.

Brazil did not condemn the attack on the embassy.

France said it would impose sanctions on Iran if the talks failed.

Turkey accused Greece of violating its airspace.

Kenya expects President William Ruto of Kenya to visit Ethiopia next month.

The European Union and the United States imposed sanctions on Belarus last week.

Chile's president held a phone call with Argentina's president on Sunday."""


@pytest.fixture(scope="module")
def doc():
    import readout
    return one_sided.extract_text(ARTICLE, published="2024-05-10")


def _country(doc, actor_id):
    a = doc.actor(actor_id)
    return a.country if a else None


def _events_in(doc, needle):
    return [e for e in doc.events if needle in e.evidence.text]


def test_events_meeting_pair_date_place(doc):
    evs = _events_in(doc, "Kishida met")
    met = [e for e in evs if e.type == "CONSULT"]
    assert met, evs
    e = met[0]
    assert {_country(doc, e.source), _country(doc, e.target)} == {"JPN", "IND"}
    assert e.status == "occurred"
    assert e.date.start_date == "2024-05-06" and e.date.precision == "day"   # the Monday before
    assert e.place is not None and "Delhi" in e.place.name
    assert e.cameo.startswith("04") and e.quad_class == 1 and 0 < e.confidence <= 1


def test_events_refusal_is_not_the_act(doc):
    evs = _events_in(doc, "refused to send")
    assert evs
    assert not [e for e in evs if e.type == "AID" and e.status == "occurred"]
    assert any(e.type == "REJECT" or e.status == "negated" for e in evs)


def test_events_negated_condemnation(doc):
    evs = _events_in(doc, "did not condemn")
    assert evs and all(e.status == "negated" for e in evs if e.type == "ACCUSE")


def test_events_conditional_sanctions_are_a_threat(doc):
    evs = _events_in(doc, "impose sanctions on Iran")
    e = [e for e in evs if _country(doc, e.source) == "FRA"][0]
    assert e.type == "THREATEN" and e.cameo == "1312"
    assert _country(doc, e.target) == "IRN"
    assert e.status != "occurred" or e.type == "THREATEN"


def test_events_accusation(doc):
    e = _events_in(doc, "accused Greece")[0]
    assert e.type == "ACCUSE" and e.cameo.startswith("112")
    assert (_country(doc, e.source), _country(doc, e.target)) == ("TUR", "GRC")
    assert e.goldstein < 0 and e.quad_class == 3


def test_events_expected_visit_is_intended(doc):
    evs = _events_in(doc, "to visit Ethiopia")
    assert evs
    assert not [e for e in evs if e.type == "CONSULT" and e.status == "occurred"]
    visits = [e for e in evs if e.cameo.startswith("042")]
    assert visits and visits[0].status == "intended"
    assert visits[0].date is not None and visits[0].date.start_date == "2024-06-01"


def test_events_sanctions_from_each_sender(doc):
    evs = [e for e in _events_in(doc, "imposed sanctions on Belarus") if e.type == "SANCTION"]
    senders = {_country(doc, e.source) for e in evs}
    assert "USA" in senders and len(senders) >= 2
    assert all(_country(doc, e.target) == "BLR" for e in evs)
    assert all(e.date and e.date.precision == "week" for e in evs)


def test_events_phone_call_mode(doc):
    evs = [e for e in _events_in(doc, "phone call") if e.type == "CONSULT"]
    assert evs and evs[0].mode == "phone" and evs[0].cameo == "041"
    assert {_country(doc, evs[0].source), _country(doc, evs[0].target)} == {"CHL", "ARG"}


def test_events_records_are_contract_shaped(doc, document_schema):
    jsonschema.validate(doc.to_dict(), document_schema)
    for e in doc.events:
        s = doc.sentences[e.evidence.sentence]
        assert (e.evidence.start, e.evidence.end) == (s.start, s.end)
        assert doc.text[s.start:s.end] == e.evidence.text
        assert e.source != e.target
        assert e.source or e.target
    ids = [e.id for e in doc.events]
    assert len(ids) == len(set(ids))


def test_events_ids_are_stable():
    import readout
    a = one_sided.extract_text(ARTICLE, published="2024-05-10")
    b = one_sided.extract_text(ARTICLE, published="2024-05-10")
    assert [e.id for e in a.events] == [e.id for e in b.events]
    assert [e.to_dict() for e in a.events] == [e.to_dict() for e in b.events]
