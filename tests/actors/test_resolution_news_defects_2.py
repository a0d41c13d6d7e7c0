"""Actor defects found on real news (2016), second set: the mention, the actor it must
belong to, and the actors that must not be made.

Rules: an honorific's gender (Mrs./Ms./Miss female, Mr. male) rules out an earlier person
of the other gender (knowledge gender, first name, or earlier gendered honorifics), and
pronouns do the same with a first name's gender; a short name (honorific or title and
surname) goes to the article's principal namesake (known, named more often, named first)
rather than a relative named in passing; a one-word party or acronym of another country
than the article's is not that party ("PAC", "ABC" in American news) unless its own
sentence names that country.
"""
from __future__ import annotations

import pytest

import readout

# id, published, text, mention, expected actor name, expected code, names no actor may have
CASES = [
    ("mrs-not-husband", "2016-06-01",
     "Hillary Clinton campaigned in California on Tuesday. Her husband, former President Bill Clinton, "
     "appeared with her in Los Angeles. Mrs. Clinton has praised Mr. Obama's accomplishments.",
     "Mrs. Clinton", "Hillary Clinton", "USAELI", ()),
    ("her-not-husband", "2016-06-01",
     "Hillary Clinton won the primary. Bill Clinton campaigned for her. Mrs. Clinton has praised "
     "Mr. Obama's accomplishments.", "her", "Hillary Clinton", "USAELI", ()),
    ("mr-not-wife", "2016-06-01",
     "Bill Clinton spoke in Ohio. Hillary Clinton spoke in Iowa. Mr. Clinton said the economy was strong.",
     "Mr. Clinton", "Bill Clinton", "USAELI", ()),
    ("ms-not-husband-unknown", "2016-06-01",
     "Susan Hall, a farmer from Ohio, spoke first. Her husband, Robert Hall, spoke later. Ms. Hall said "
     "the drought had ruined them.", "Ms. Hall", "Susan Hall", None, ()),
    ("senator-not-father", "2016-06-01",
     "Texas Sen. Ted Cruz campaigned in Iowa on Monday. His father, Rafael Cruz, a pastor, spoke at "
     "churches across the state. Mr. Cruz won the endorsement of Rep. Steve King.",
     "Mr. Cruz", "Ted Cruz", "USALEG", ()),
    ("governor-not-son", "2016-06-01",
     "Wisconsin Gov. Scott Walker spoke in Madison on Monday. His son, Matt Walker, joined him on stage. "
     "Mr. Walker said he would cut taxes.", "Mr. Walker", "Scott Walker", "USAGOV", ()),
    ("super-pac-not-costa-rican", "2016-06-01",
     "Wisconsin Gov. Scott Walker campaigned in Iowa on Monday. A super PAC supporting Wisconsin Gov. "
     "Scott Walker raised $20 million. The PAC said it would air ads in Iowa and New Hampshire. "
     "Mr. Walker met migrants from Costa Rica in Texas.", "Mr. Walker", "Scott Walker", "USAGOV",
     ("Citizens' Action Party (PAC)",)),
    ("abc-not-basotho", "2016-06-01",
     "Donald Trump told ABC News on Sunday that he would win New York. The debate was hosted by ABC in "
     "Manchester, New Hampshire. Mr. Trump said he had met the prime minister of Lesotho. Senator Ted "
     "Cruz of Texas criticized ABC.", None, None, None, ("All Basotho Convention (ABC)",)),
]


@pytest.fixture(scope="module")
def docs():
    return {c[0]: readout.extract_text(c[2], published=c[1]) for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_news_actor_defect(docs, case):
    cid, _date, _text, mention, name, code, forbidden = case
    doc = docs[cid]
    got = [(a.name, a.code, [m.text for m in a.mentions]) for a in doc.actors]
    for a in doc.actors:
        assert a.name not in forbidden, (cid, got)
    if mention is None:
        return
    holders = [a for a in doc.actors if any(m.text == mention for m in a.mentions)]
    assert holders, (cid, mention, got)
    a = holders[0]
    assert a.name == name, (cid, got)
    if code is not None:
        assert a.code == code, (cid, got)
