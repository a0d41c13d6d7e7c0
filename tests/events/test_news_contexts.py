"""Sentence contexts and the political scope of events (issue 13): election results, campaign
rallies and debates, background attack nouns, private persons, home trips, datelines and
inverted conditionals. Invented sentences, not from any article; each row says what must
not be coded and, where the sentence has one, the event that must be."""
from __future__ import annotations

import pytest

from . import one_sided

PUBLISHED = "2016-03-01"

# sentence, a (type, cameo prefix) that must not be coded, a (type, cameo prefix) that must be (or None)
CASES = [
    # election results are no event; violence in the same words still is
    ("Senator Warren beat Governor Baker 51% to 36% in the primary.", ("ASSAULT", "18"), None),
    ("Mayor Adams defeated Senator Kim in the runoff election.", ("ASSAULT", "19"), None),
    ("Senator Warren captured 1,944 delegates before the primaries.", ("COERCE", "17"), None),
    ("Governor Cuomo and Senator Sanders traded the lead throughout the vote count.", ("COOPERATE", "06"), None),
    ("Egyptian police beat protesters in Cairo on Sunday.", None, ("ASSAULT", "18")),
    ("Syrian rebels captured the town of Azaz from government forces.", None, ("COERCE", "1")),
    # campaign rallies and debates are not protests or meetings; debate attacks are criticism
    ("Senator Cruz held a campaign rally in Miami on Wednesday.", ("PROTEST", "14"), None),
    ("Senator Cruz debated Senator Rubio on Saturday before the primary.", ("CONSULT", "04"), None),
    ("Governor Christie unleashed withering attacks against Senator Rubio in Saturday's debate.",
     ("ASSAULT", "19"), ("ACCUSE", "111")),
    ("Thousands of students held a rally against the government in Athens.", None, ("PROTEST", "14")),
    # pledged support is support, not a promise of cooperation
    ("Two superdelegates have pledged their support to Senator Sanders.", ("AGREE", "03"), ("SUPPORT", "051")),
    # support thrown or stood "behind" its target, with the thrower's own "her" not the target
    ("Governor Fallin threw her weight behind Senator Cruz on Wednesday.", None, ("SUPPORT", "051")),
    ("Senator Klobuchar threw her support behind Governor Inslee.", None, ("SUPPORT", "051")),
    ("Senator Warren stands fully behind President Obama.", None, ("SUPPORT", "051")),
    ("The memorial stands behind the parliament building.", ("SUPPORT", "05"), None),
    # the subject receives or loses what the noun names: nobody's act
    ("Governor Kasich is losing support to Senator Cruz in Ohio.", ("SUPPORT", "05"), None),
    ("The minister's plan drew criticism on Monday.", ("ACCUSE", "11"), None),
    # contests and statements, not fights or threats
    ("In Kentucky, Democrats are battling it out before the primary.", ("ASSAULT", "19"), None),
    ("There are other issues where Russia clashes with the US and Europe.", ("ASSAULT", "19"), ("ACCUSE", "110")),
    ("Conceding that a trade deal was far off, the French minister left Brussels.", ("CONCEDE", "08"), None),
    ("Microsoft cautions that the patch only applies to Outlook.", ("THREATEN", "13"), None),
    # legal charges are legal action; undoing a rule is a rejection; unarmed dissenters riot
    ("A Greek court charged the police officer with murder on Monday.", ("ACCUSE", "11"), ("COERCE", "173")),
    ("President Obama overturned a Bush administration regulation on Tuesday.", ("COERCE", "17"), ("REJECT", "12")),
    ("Several hundred protesters attacked police with rocks in Athens.", ("ASSAULT", "19"), ("PROTEST", "145")),
    ("Syrian rebels attacked an army base near Aleppo.", ("PROTEST", "14"), ("ASSAULT", "19")),
    # blasting a politician is criticism; jets blasting a city is not (and the verb alone codes nothing)
    ("Senator Clinton blasted Governor Christie over his deportation plan.", None, ("ACCUSE", "111")),
    ("Israeli jets blasted Gaza overnight.", ("ACCUSE", "11"), None),
    ("Governor Christie lashed out at Senator Rubio on Tuesday.", None, ("ACCUSE", "111")),
    # a meeting at a place happened; "at" after an aimed act is its target
    ("President Putin met President Erdogan at the Kremlin on Monday.", ("AGREE", "03"), ("CONSULT", "040")),
    # "X should be awarded …" tells no one to act: no request to X
    ("President Putin defended Sepp Blatter, saying Mr. Blatter should be awarded the Nobel Peace Prize.",
     ("REQUEST", "0"), None),
    # idioms
    ("Spain struggles to form a government after the election.", ("ASSAULT", "19"), None),
    ("The opposition seized on the minister's remarks.", ("COERCE", "17"), None),
    ("The party needs to demonstrate that it is willing to change.", ("PROTEST", "14"), None),
    ("The super PAC spent $2 million on behalf of Senator Brady.", ("AID", "07"), None),
    ("British passengers returning from Denmark and Iceland must self-isolate.", ("CONSULT", "04"), None),
    ("Turkey and Poland have been removed from the British government's list of travel corridors.",
     ("COERCE", "17"), None),
    ("Ohio Republicans quickly speculated that Governor Kasich had advance notice.", ("CONSULT", "04"), None),
    ("Health secretary Matt Hancock was forced onto the defensive by Conservative MPs.", ("COERCE", "17"), None),
]


def _coded(text):
    d = one_sided.extract_text(text, published=PUBLISHED)
    return [(e.type, e.cameo) for e in d.events], d


@pytest.mark.parametrize("text,forbidden,wanted", CASES, ids=[c[0][:40] for c in CASES])
def test_news_contexts(text, forbidden, wanted):
    coded, _ = _coded(text)
    if forbidden is not None:
        assert not any(t == forbidden[0] and c.startswith(forbidden[1]) for t, c in coded), coded
    if wanted is not None:
        assert any(t == wanted[0] and c.startswith(wanted[1]) for t, c in coded), coded


def test_background_attack_nouns_have_no_invented_attackers():
    # "the attacks in Paris" names no attacker and no victim: no event by "unidentified attackers"
    for text in ("As the attacks in Paris were unfolding on Friday night, social media lit up.",
                 "He did not call the Orlando nightclub attack an act of terrorism."):
        coded, d = _coded(text)
        assert not any(a.sector == "UAF" for a in d.actors), [(a.name, a.code) for a in d.actors]
        assert not any(t == "ASSAULT" for t, _ in coded), coded


def test_a_verb_on_a_named_victim_keeps_the_unidentified_attackers():
    coded, d = _coded("A roadside bomb killed two Iraqi soldiers near Samarra on Monday.")
    assert ("ASSAULT" in {t for t, _ in coded}) and any(a.sector == "UAF" for a in d.actors), coded


def test_private_persons_make_no_political_event():
    coded, _ = _coded("Team owner Arte Moreno met agent Scott Boras in Las Vegas on Tuesday.")
    assert not any(t == "CONSULT" for t, _ in coded), coded
    coded, _ = _coded("Jeb Bush called Donald Trump a liar on Monday.")
    assert any(t == "ACCUSE" for t, _ in coded), coded        # a known public figure stays


def test_a_trip_home_is_no_visit_but_a_visit_to_someone_is():
    coded, _ = _coded("President Obama visited the state in 2008 before the primary.")
    assert not any(c.startswith("042") for _, c in coded), coded
    coded, _ = _coded("President Obama visited the governor of Texas in Austin on Monday.")
    assert any(c.startswith("042") for _, c in coded), coded


def test_a_dateline_is_no_actor_of_the_first_sentence():
    text = ("Rivals see opening in New Hampshire.\n\nBEDFORD, N.H. (AP) — Senator Rubio's debate "
            "performance has emboldened three governors seeking to stem his rise, and Governor "
            "Christie criticised Senator Rubio on Sunday.")
    _, d = _coded(text)
    names = {d.actor(x).name for e in d.events for x in (e.source, e.target) if x}
    assert not any("BEDFORD" in n or "Associated Press" in n for n in names), names
    assert d.dateline == "BEDFORD" and d.title == "Rivals see opening in New Hampshire."


def test_an_inverted_conditional_is_hypothetical():
    _, d = _coded("Mr Trump said it would have been cool had Hillary Clinton congratulated him.")
    sup = [e for e in d.events if e.type == "SUPPORT"]
    assert sup and all(e.status == "hypothetical" for e in sup), [(e.type, e.status) for e in d.events]


def test_a_state_of_affairs_is_no_source():
    coded, d = _coded("The Greek crisis underlined the need for an overhaul of the EU's fiscal rules.")
    assert not any(e.source for e in d.events), [(e.type, e.source) for e in d.events]
    coded, d = _coded("A Taliban attack killed 20 Afghan soldiers in Kunduz on Monday.")
    assert any(t == "ASSAULT" for t, _ in coded), coded       # a violent noun's owner still acts


def test_a_relative_clause_act_takes_its_noun_date_and_habits_stay_undated():
    _, d = _coded("Critics charged that the hearing failed to provide any new information about the "
                  "Sept. 11, 2012, attacks on diplomatic compounds in Benghazi, Libya, that killed four Americans.")
    kills = [e for e in d.events if e.type == "ASSAULT"]
    assert kills and all(e.date is not None and e.date.start_date == "2012-09-11" for e in kills), \
        [(e.trigger, e.date) for e in d.events]
    _, d = _coded("The Democratic Party regularly attacked the Republican Party for how it ran the investigation.")
    acc = [e for e in d.events if e.cameo == "111"]
    assert acc and all(e.date is None for e in acc), [(e.trigger, e.date) for e in d.events]
    _, d = _coded("The Democratic Party attacked the Republican Party for how it ran the investigation.")
    assert [e.date.start_date for e in d.events if e.cameo == "111"] == [PUBLISHED]


def test_an_adjectival_participle_is_no_act():
    coded, _ = _coded("My phone has been ringing from people in Ohio who are upset and discouraged.")
    assert not any(t == "ACCUSE" for t, _ in coded), coded
    coded, _ = _coded("Israel is opposed to French mediation in Lebanon.")
    assert coded                       # a stance told by a stative passive is still read


def test_a_conjunct_after_a_comma_belongs_to_the_speaker():
    _, d = _coded("UK Independence Party leader Nigel Farage said the warning was indicative that the "
                  "President did not know what he was talking about, and accused Number 10 Downing Street "
                  "of putting words in the President's mouth.")
    acc = [e for e in d.events if e.type == "ACCUSE"]
    assert acc and all(d.actor(e.source).name == "Nigel Farage" for e in acc), \
        [(e.trigger, d.actor(e.source).name if e.source else None) for e in d.events]


@pytest.mark.parametrize("text", [
    "Oprah Winfrey asked Senator Harris whether they quit the committee because of the budget.",
    "Asked why the governor was not answering the phone, Senator Brown blamed his staff.",
    "The EU asked Russia if it would withdraw its troops from the border.",
])
def test_questions_are_no_requests(text):
    coded, _ = _coded(text)
    assert not any(t == "REQUEST" for t, _c in coded), coded


def test_a_request_to_act_is_still_a_request():
    coded, _ = _coded("President Obama asked Congress to approve the funds on Monday.")
    assert any(t == "REQUEST" for t, _c in coded), coded


@pytest.mark.parametrize("text", [
    "Both Senator Harris and Senator Booker spoke with eye-opening candor on Sunday.",
    "Presidents Macron and Scholz spoke to reporters after the summit.",
])
def test_conjoined_speakers_with_another_addressee_did_not_talk_to_each_other(text):
    coded, _ = _coded(text)
    assert not any(t == "CONSULT" for t, _c in coded), coded


def test_a_call_about_someone_is_not_a_call_with_them():
    coded, d = _coded("Senator Warren called the governor about President Biden on Monday.")
    names = {a.id: a.name for a in d.actors}
    assert not any(e.type == "CONSULT" and "Biden" in names.get(e.target, "") for e in d.events), coded


def test_an_official_charged_with_no_agent_is_charged_by_his_own_country():
    coded, d = _coded("A Greek police officer has been charged with voluntary homicide, a court source said.")
    names = {a.id: a for a in d.actors}
    ev = [e for e in d.events if e.cameo.startswith("173")]
    assert ev and names[ev[0].source].country == "GRC", coded
    # a journalist may be held abroad: no source is invented for him
    coded, d = _coded("The American journalist was arrested on Friday.")
    assert not any(e.source and d.actor(e.source).country == "USA" for e in d.events if e.cameo.startswith("17")), coded


def test_lashing_out_at_a_country_for_an_act_makes_it_the_target_and_the_actor():
    # "lashed out at Turkey for having shot down a Russian bomber": Turkey is criticised, and
    # Turkey (not the critic) shot the bomber down
    coded, d = _coded("President Putin lashed out at Turkey for having shot down a Russian bomber.")
    name = {a.id: a.country for a in d.actors}
    acc = [e for e in d.events if e.type == "ACCUSE"]
    hit = [e for e in d.events if e.type == "ASSAULT"]
    assert acc and name[acc[0].target] == "TUR", coded
    assert hit and name[hit[0].source] == "TUR", coded


def test_an_act_done_by_means_of_another_takes_its_time():
    # "as he did two years ago by announcing the release": the release is dated two years back,
    # not on the report's day
    d = one_sided.extract_text("Mr. Putin likes surprises, as he did two years ago by announcing the release "
                               "of the imprisoned oil tycoon Mikhail Khodorkovsky.", published="2015-12-19")
    ev = [e for e in d.events if e.cameo.startswith("08")]
    assert ev and ev[0].date is not None and ev[0].date.start_date.startswith("2013"), [(e.cameo, e.date) for e in d.events]


@pytest.mark.parametrize("text", [
    "President Putin was able to reassure Russians that their living standards were not imperiled.",
    "Russians say they admire President Putin more than ever.",
])
def test_a_leader_and_his_own_nation_are_no_dyad_of_cooperation(text):
    coded, _ = _coded(text)
    assert not any(t == "SUPPORT" for t, _c in coded), coded


def test_an_act_in_the_perfect_participle_is_not_dated_to_the_report():
    d = one_sided.extract_text("President Putin lashed out at Turkey for having shot down a Russian bomber.",
                               published="2015-12-19")
    hit = [e for e in d.events if e.type == "ASSAULT"]
    assert hit and hit[0].date is None, [(e.type, e.date) for e in d.events]


def test_a_frame_noun_after_a_time_preposition_is_a_time():
    # "near the end of a day of meetings" ends nothing: the meeting itself is the event
    coded, _ = _coded("Mr. Lou spoke near the end of a day of annual meetings in Beijing between senior "
                      "Chinese and American officials.")
    assert not any(t == "SANCTION" for t, _c in coded), coded
    assert any(t == "CONSULT" for t, _c in coded), coded


def test_a_shared_subject_that_is_no_actor_does_not_hand_the_act_to_the_speaker():
    coded, d = _coded("The whole world applauded and thanked China, Mr. Lou said.")
    assert not any(e.type == "SUPPORT" and e.source and "Lou" in d.actor(e.source).name for e in d.events), coded


def test_an_unresolved_doer_is_not_replaced_by_unidentified_attackers():
    coded, d = _coded("Germany is training and arming Kurdish pesh merga battling the Islamic State in Iraq.")
    assert not any(e.source and "unidentified" in d.actor(e.source).name for e in d.events), coded
    coded, d = _coded("A roadside bomb killed a US soldier near Samarra on Sunday.")
    assert any(e.source and "unidentified" in d.actor(e.source).name for e in d.events), coded


def test_a_generic_group_acted_on_through_a_preposition_is_the_target():
    # "clashed with protesters": the protesters, not the country the clash happened in
    coded, d = _coded("Police clashed with protesters in Nairobi on Friday.")
    hit = [e for e in d.events if e.type == "ASSAULT"]
    assert hit and "protesters" in d.actor(hit[0].target).name, coded


@pytest.mark.parametrize("text,call", [
    ("Senator Clinton called ISIS violence against Yazidis genocide.", False),
    ("President Obama said calling the Islamic State radical Islamists would not help.", False),
    ("President Obama called President Putin on Friday.", True),
])
def test_calling_something_a_name_is_no_phone_call(text, call):
    coded, _ = _coded(text)
    assert any(c.startswith("041") for _t, c in coded) == call, coded


@pytest.mark.parametrize("text,cameo,status", [
    ("President Obama said he had instructed Mr. Kerry to continue negotiating with the Russians.", "04", "intended"),
    ("President Obama ordered Mr. Kerry to meet the Russian foreign minister.", "04", "intended"),
    ("President Obama met the Russian foreign minister on Monday.", "04", "occurred"),
])
def test_an_act_someone_was_told_to_do_has_not_happened(text, cameo, status):
    _, d = _coded(text)
    hit = [e for e in d.events if e.cameo.startswith(cameo)]
    assert hit and all(e.status == status for e in hit), [(e.type, e.cameo, e.status) for e in d.events]


@pytest.mark.parametrize("text", [
    "President Obama has deepened his resistance to providing the Syrian rebels with weapons.",
    "President Obama has shown reluctance to providing the Syrian rebels with weapons.",
])
def test_resistance_to_an_act_is_no_act(text):
    _, d = _coded(text)
    assert not any(e.type == "AID" and e.status == "occurred" for e in d.events), \
        [(e.type, e.cameo, e.status) for e in d.events]
    coded, _ = _coded("President Obama renewed his commitment to providing the Syrian rebels with weapons.")
    assert any(c.startswith("03") for _t, c in coded), coded


def test_its_is_bound_by_its_own_clause_subject():
    # "allowing the group to continue its attacks": the group's attacks, never the Russians of
    # the sentence before, even when readout cannot name the group
    _, d = _coded("The Russians have used the presence of rebel fighters to justify airstrikes around Aleppo. "
                  "The front was not a party to past agreements, allowing the group to continue its attacks "
                  "on Syrian government troops.")
    assert not any(e.type == "ASSAULT" and d.actor(e.source).country == "RUS" for e in d.events if e.source), \
        [(e.type, e.source) for e in d.events]
    coded, d = _coded("The deal allows Russia to continue its attacks on Syrian rebels.")
    hit = [e for e in d.events if e.type == "ASSAULT"]
    assert hit and d.actor(hit[0].source).country == "RUS", coded


@pytest.mark.parametrize("text,kind", [
    ("Sen. Ted Cruz attacked John Kasich on Tuesday.", ("ACCUSE", "111")),
    ("Kurdish fighters of the YPG attacked Islamic State positions near Raqqa.", ("ASSAULT", "19")),
    ("Senator Ted Cruz attacked Governor John Kasich's position on immigration.", ("ACCUSE", "111")),
])
def test_attacks_between_politicians_are_words_and_on_positions_are_arms(text, kind):
    coded, _ = _coded(text)
    assert any(t == kind[0] and c.startswith(kind[1]) for t, c in coded), coded


@pytest.mark.parametrize("text", [
    "Senator Warren called for President Obama to resign.",
    "Senator Warren called for Donald Trump to drop out of the race.",
])
def test_calling_for_someone_to_act_is_an_appeal_to_them(text):
    _, d = _coded(text)
    hit = [e for e in d.events if e.type == "REQUEST"]
    assert hit and d.actor(hit[0].target).country == "USA" and d.actor(hit[0].source).name.endswith("Warren"), \
        [(e.type, e.source, e.target) for e in d.events]


@pytest.mark.parametrize("text,coded_111", [
    ("Hillary Clinton took aim at Donald Trump on Monday.", True),
    ("Hillary Clinton took a swipe at Donald Trump on Monday.", True),
    ("Hillary Clinton took a jab at Donald Trump on Monday.", True),
    ("Hillary Clinton went after Donald Trump on Monday.", True),
    ("Hillary Clinton hit back at Donald Trump on Monday.", True),
    ("Hillary Clinton launched a broadside against Donald Trump on Monday.", True),
    ("Hillary Clinton lambasted Donald Trump on Monday.", True),
    ("Hillary Clinton went after the meeting to Iowa.", False),
    ("Hillary Clinton took office in 2009.", False),
])
def test_criticism_idioms(text, coded_111):
    coded, _ = _coded(text)
    assert any(t == "ACCUSE" and c == "111" for t, c in coded) == coded_111, coded


@pytest.mark.parametrize("text,target_country", [
    ("Republicans in Congress want President Obama to push for new laws.", "USA"),
    ("Russia wants the United States to lift sanctions.", "USA"),
])
def test_wanting_another_to_act_is_an_appeal_to_it(text, target_country):
    _, d = _coded(text)
    req = [e for e in d.events if e.type == "REQUEST"]
    assert req and d.actor(req[0].target).country == target_country, [(e.type, e.cameo) for e in d.events]
    assert not any(e.cameo.startswith("03") for e in d.events), [(e.type, e.cameo) for e in d.events]
    coded, _ = _coded("President Obama wants to meet President Putin.")
    assert any(c.startswith("036") for _t, c in coded), coded      # wanting to act oneself is an intent


@pytest.mark.parametrize("text,status", [
    ("Would it make the Islamic State less committed to kill Americans?", "hypothetical"),
    ("Did Russia bomb the hospital in Aleppo?", "hypothetical"),
    ("\"Let them fight each other,\" he said of Russia and the Islamic State.", "hypothetical"),
    ("\"Russia bombed the hospital in Aleppo,\" he said.", "occurred"),
    ("Russia bombed the hospital in Aleppo on Monday.", "occurred"),
])
def test_questions_and_commands_are_not_reports(text, status):
    _, d = _coded(text)
    hit = [e for e in d.events if e.type == "ASSAULT"]
    assert hit and all(e.status == status for e in hit), [(e.type, e.status) for e in d.events]


@pytest.mark.parametrize("text,country", [
    ("A truck rammed into a crowd celebrating Bastille Day in the French city of Nice, killing 80 people.", "FRA"),
    ("A car bomb killed 12 people in a market in Baghdad on Monday.", "IRQ"),
    ("Russia and Syria bombed civilians in Aleppo on Monday.", "SYR"),
])
def test_plain_people_attacked_in_a_place_are_its_civilians(text, country):
    _, d = _coded(text)
    hit = [e for e in d.events if e.type == "ASSAULT" and e.target]
    assert hit and all(d.actor(e.target).code == country + "CVL" for e in hit), \
        [(e.type, e.source and d.actor(e.source).code, e.target and d.actor(e.target).code) for e in d.events]


def test_a_weapon_subject_over_civilians_of_one_country_is_unidentified_attackers():
    _, d = _coded("A truck rammed into a crowd celebrating Bastille Day in the French city of Nice, killing 80 people.")
    assert any(e.source and d.actor(e.source).code == "FRAUAF" for e in d.events), \
        [(e.type, e.source) for e in d.events]
    _, d = _coded("The driver opened fire on revelers in Nice, French officials said.")
    assert not any(e.source and d.actor(e.source).sector == "UAF" for e in d.events)   # a doer, unnamed


@pytest.mark.parametrize("text", [
    "The Islamic State has called on its followers to kill civilians in France by any means possible.",
    "The terrorist group urged followers to carry out lone-wolf attacks against France.",
])
def test_an_appeal_to_unnamed_followers_is_not_an_appeal_to_the_victims(text):
    _, d = _coded(text)
    assert not any(e.type == "REQUEST" and e.target and d.actor(e.target).country == "FRA" for e in d.events), \
        [(e.type, e.target and d.actor(e.target).code) for e in d.events]
    coded, _ = _coded("French police urged people to stay home.")
    assert any(t == "REQUEST" for t, _c in coded), coded
