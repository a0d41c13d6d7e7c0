"""Figurative uses of violent and coercive verbs are no events (issue 13): feelings, attention
and standing captured, stolen or defended, natural hazards as doers, "engaging" voters; and
mockery is criticism. Invented sentences; each row names what must not be coded and, where
the sentence has one, what must."""
from __future__ import annotations

import pytest

from . import one_sided

PUBLISHED = "2016-03-01"

# sentence, forbidden (type, cameo prefix) or None, wanted (type, cameo prefix) or None
CASES = [
    ("Governor Kasich is capturing the frustration of many voters in Ohio.", ("COERCE", "17"), None),
    ("By the time Governor Christie entered the race, Senator Cruz had stolen his thunder.", ("COERCE", "17"), None),
    ("The Republican Governors Association had to defend more seats than the Democrats.", ("AID", "07"), None),
    ("Senator Sanders has had great success in engaging a large segment of the Democratic Party.",
     ("ASSAULT", "19"), None),
    ("Two days after superstorm Sandy ravaged New Jersey, President Obama visited Governor Christie.",
     ("ASSAULT", "19"), ("CONSULT", "04")),
    ("Hurricane Matthew destroyed hundreds of homes in Haiti.", ("ASSAULT", "1"), None),
    ("Voters assign negative attributes to Senator Warren.", ("COOPERATE", "06"), None),
    # ... the literal senses stay
    ("Syrian troops engaged rebel fighters near Aleppo on Sunday.", None, ("ASSAULT", "19")),
    ("Rebels captured the town of Azaz from Syrian government forces.", None, ("COERCE", "1")),
    ("Syrian government forces destroyed the rebel headquarters in Aleppo.", None, ("ASSAULT", "1")),
    # a politician's "attacks" on a politician are criticism
    ("Senator Sanders has stepped up his attacks on Secretary Clinton's positions.", ("ASSAULT", "19"),
     ("ACCUSE", "111")),
    # a wish about another's past act, or a state someone "should" be in, is no appeal
    ("\"I wish Secretary Clinton had differentiated the two states of the world better,\" Senator Warren said.",
     ("REQUEST", "02"), None),
    ("Governor Walker said Secretary Clinton should be ready for questions about her husband.", ("REQUEST", "02"), None),
    # two politicians "fighting about" a third argue with each other; the third is the topic
    ("Senator Sanders and Secretary Clinton are fighting about President Obama.", ("ASSAULT", "19"), ("ACCUSE", "111")),
    # a guess about the past is no demand; documents released are no concession; inspiring,
    # managing a campaign and a postponed event are no events
    ("Voters may conclude that the programs of Senator Sanders must not have done much good.", ("REQUEST", "1"), None),
    ("The State Department released more than 1,100 additional pages of Secretary Clinton's emails.",
     ("RETREAT", "08"), None),
    ("Secretary Clinton has plainly inspired older women and black voters.", ("SUPPORT", "05"), None),
    ("Roy Neel managed the presidential campaign of Vice President Al Gore.", ("COOPERATE", "06"), None),
    ("The campaign event of President Obama with Secretary Clinton was postponed.", ("ACCUSE", "11"), None),
    # a question put to someone is no request
    ("\"Anybody can change,\" Mark Cuban said when asked about the temperament of Donald Trump.", ("REQUEST", "02"), None),
    ("Reporters asked Senator Cruz about the vote in Iowa.", ("REQUEST", "02"), None),
    ("Senator Cruz has benefited from the decline of Ben Carson in the polls.", ("COOPERATE", "06"), None),
    # dying in a fire is no attack; dying in an ambush is
    ("Three people have died in a blaze at a bank in Athens.", ("ASSAULT", "1"), None),
    ("Three Afghan soldiers died in an ambush near Kabul.", None, ("ASSAULT", "1")),
    ("Presumptive GOP nominee Donald Trump overshadows the agenda at the summit in Ottawa.", ("ASSAULT", "1"), None),
    # a stance for an act is not the act; tending and recognising are no events
    ("Representative Brooks said he favored imposing heavy tariffs on China.", None, None),
    ("Voters in districts hit by Chinese imports tended to choose extreme lawmakers.", ("AID", "07"), None),
    ("Representative Brooks recognizes that angry voters have valid reasons to be frustrated.", ("SUPPORT", "05"), None),
    # mockery is criticism, not a request
    ("Secretary Clinton mocked Governor Walker for calling himself the king of debt.", ("REQUEST", "02"),
     ("ACCUSE", "111")),
]


@pytest.mark.parametrize("text,forbidden,wanted", CASES, ids=[c[0][:40] for c in CASES])
def test_figurative_verbs(text, forbidden, wanted):
    d = one_sided.extract_text(text, published=PUBLISHED)
    coded = [(e.type, e.cameo) for e in d.events]
    if forbidden is not None:
        assert not any(t == forbidden[0] and c.startswith(forbidden[1]) for t, c in coded), coded
    if wanted is not None:
        assert any(t == wanted[0] and c.startswith(wanted[1]) for t, c in coded), coded


# sentence, (source country, target country) that must be coded as CONSULT, a target country that must not be
TOPICS = [
    ("President Obama and Chancellor Merkel discussed the Syrian civil war on Monday.", ("USA", "DEU"), "SYR"),
    ("President Obama discussed the Iran deal with Prime Minister Netanyahu.", ("USA", "ISR"), "IRN"),
    ("Laura Bush met reporters this week to discuss the United States' longest war in Afghanistan.", None, "AFG"),
]


@pytest.mark.parametrize("text,pair,topic", TOPICS, ids=[c[0][:40] for c in TOPICS])
def test_the_topic_of_talks_is_not_their_other_side(text, pair, topic):
    d = one_sided.extract_text(text, published=PUBLISHED)
    country = lambda i: d.actor(i).country if i and d.actor(i) else None
    consults = [(country(e.source), country(e.target)) for e in d.events if e.type == "CONSULT"]
    assert not any(topic in p for p in consults), consults
    if pair is not None:
        assert pair in consults or pair[::-1] in consults, consults


def test_a_favoured_act_is_not_done():
    d = one_sided.extract_text("Representative Brooks said he favored imposing heavy tariffs on China to punish Beijing.",
                               published=PUBLISHED)
    assert not any(e.status == "occurred" and e.cameo[:2] in ("16", "17") for e in d.events), \
        [(e.type, e.cameo, e.status) for e in d.events]


def test_support_welcomed_from_a_giver_is_the_givers():
    d = one_sided.extract_text("Representative Mo Brooks, who has welcomed support from the Tea Party, "
                               "spoke on Monday.", published=PUBLISHED)
    names = {a.id: a.name for a in d.actors}
    sup = [(names.get(e.source, ""), names.get(e.target, "")) for e in d.events if e.type == "SUPPORT"]
    assert sup and all("Brooks" in t and "Brooks" not in s for s, t in sup), sup
