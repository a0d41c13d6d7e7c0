"""Actor defects found on real news (2016), each as a probe sentence: the mention, the actor
it must belong to, and the actors that must not be made.

Rules: a title coordinated with the one next to a name is that person's, and no word of a
roles.tsv title becomes an actor of its own ("State" of "Secretary of State"); a surname
after a title or an honorific is a name even when spelt like a town ("Senator Murray"), and
a one-word known name no holder of the title's office bears is read as a surname ("Senator
Hassan" is no Jordanian prince); surnames with the Arabic article (al-/el-) are one surname
however written; a definite title noun ("the prince") refers to the last person named with
that title; governors are GOV (leaders.tsv).

Second set. Rules: an honorific's gender (Mrs./Ms./Miss female, Mr. male) rules out an earlier person
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

US = ("The US Congress met in Washington on Monday. Americans in Ohio and Texas watched the debate "
      "in the United States closely. Voters in Iowa said they were tired.\n\n")

# id, published, text, mention, expected actor name, expected code, names no actor may have
CASES = [
    ("coordinated-title", "2016-08-01",
     "Former Secretary of State and Democratic presidential frontrunner Hillary Clinton is calling for "
     "a new investigation.",
     "Former Secretary of State and Democratic presidential frontrunner Hillary Clinton", "Hillary Clinton",
     "USAELI", ("State", "Secretary", "Secretary of State")),
    ("coordinated-minister", "2016-08-01",
     "Former Defense Minister and opposition leader Ehud Barak said the deal was bad.",
     "Former Defense Minister and opposition leader Ehud Barak", "Ehud Barak", "ISRELI",
     ("Defense Minister", "Defense")),
    ("title-alone-speaker", "2016-08-01",
     "The Secretary of State said the talks would continue.", None, None, None, ("Secretary", "State")),
    ("senator-town-surname", "2016-08-01",
     "Senator Murray said the bill would fail.", "Senator Murray", "Murray", "LEG", ("senator",)),
    ("senator-us-article", "2016-08-01",
     US + "Senator Murray said the bill would fail.", "Senator Murray", "Patty Murray", "USALEG", ("senator",)),
    ("honorific-town-surname", "2016-08-01",
     "Mr Murray said the bill would fail.", "Mr Murray", "Murray", None, ()),
    ("senator-not-a-prince", "2016-08-01",
     US + "Senator Hassan said the bill would fail.", "Senator Hassan", "Hassan", "USALEG", ()),
    ("president-al-assad", "2016-08-01",
     "President al-Assad said the army would retake Aleppo.", "President al-Assad", "Bashar al-Assad",
     "SYRGOV", ("president",)),
    ("president-al-sisi", "2016-08-01",
     "President al-Sisi met the Egyptian cabinet on Monday.", "President al-Sisi", "Abdel Fattah al-Sisi",
     "EGYGOV", ("president",)),
    ("president-el-sisi", "2016-08-01",
     "President el-Sisi of Egypt said he agreed with the plan.", "President el-Sisi of Egypt",
     "Abdel Fattah al-Sisi", "EGYGOV", ()),
    ("article-surname-alone", "2016-08-01",
     "Iraqi Prime Minister Haider al-Abadi said the army would retake Mosul. Al-Abadi spoke in Baghdad "
     "on Monday.", "Al-Abadi", "Haider al-Abadi", "IRQGOV", ("Al-Abadi",)),
    ("the-prince", "2016-08-01",
     "Saudi Prince Alwaleed bin Talal has criticised Donald Trump's campaign. The billionaire investor "
     "called the Republican nominee a disgrace. In December, the prince called for Trump to drop out "
     "of the race.", "the prince", "Alwaleed bin Talal", "SAUGOV", ("prince",)),
    ("the-senator", "2016-08-01",
     US + "Senator Murray criticised the bill. On Tuesday the senator said it would fail.", "the senator",
     "Patty Murray", "USALEG", ("senator", "US senator")),
    ("governor", "2016-08-01",
     "Indiana Gov. Mike Pence said he would campaign in Ohio.", "Indiana Gov. Mike Pence", "Mike Pence",
     "USAGOV", ()),
    # second set: honorific gender, principal namesakes, foreign party acronyms
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


def test_one_word_organisation_named_again_is_no_cycle_of_merges():
    # an unknown one-word organisation first read alone, then inside a longer name of itself,
    # once merged into itself and looped for ever (found on eval article ecb_27_2ecb)
    import signal

    def stop(*_):
        raise TimeoutError("actor linking did not finish")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    try:
        doc = readout.extract_text(
            "They plant an IFrame onto a legitimate site and the IFrame redirects unsuspecting visitors "
            "to the site hosting the malicious code .\n\nAn IFrame is an HTML element that lets users "
            "embed an HTML document inside another HTML document .", published="2008-12-01")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert len({a.name for a in doc.actors}) == len(doc.actors)
