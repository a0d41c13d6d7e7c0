"""Attribution frames the finder reads on small parsed texts (issue 15): speaker labels
("TAPPER: …", "… - Carl Bialik: “…”"), a quotation broken by its own reporting clause
inside one parsed sentence, and a reporting clause the parser split off after "?”"."""
from __future__ import annotations

import pytest

from readout.config import load_config
from readout.nlp.model import load_model
from readout.quotes.find import find_attributions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_model(load_config().model)


def _atts(nlp, text):
    return text, find_attributions(nlp(text), text=text)


def _one(text, atts, words):
    found = [a for a in atts if words in text[a.start:a.end]]
    assert found, [text[a.start:a.end] for a in atts]
    return found[0]


def test_transcript_label_names_the_speaker_of_its_line(nlp):
    text, atts = _atts(nlp, "Partial transcript as follows:\n\nTAPPER: Do you think he has campaigned well?\n\n"
                            "FALLIN: I think he is trying to campaign as a healer.")
    a = _one(text, atts, "trying to campaign")
    assert text[a.speaker_start:a.speaker_end] == "FALLIN" and a.cue == ":"
    assert text[a.start:a.end] == "I think he is trying to campaign as a healer."
    b = _one(text, atts, "campaigned well")
    assert text[b.speaker_start:b.speaker_end] == "TAPPER"


def test_name_and_colon_after_a_dash_before_a_quotation(nlp):
    text, atts = _atts(nlp, "Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one: "
                            "keep on polling.” [538.]")
    a = _one(text, atts, "biggest lessons")
    assert text[a.speaker_start:a.speaker_end] == "Carl Bialik" and a.kind == "direct"


def test_label_needs_a_name_not_a_heading(nlp):
    text, atts = _atts(nlp, "Update: The vote was moved to Tuesday after a long debate in the chamber.")
    assert not [a for a in atts if a.how == "label"]


def test_quotation_broken_by_its_own_clause_leaves_the_clause_out(nlp):
    text, atts = _atts(nlp, "Zucker spoke on Monday.\n\n“We’re global; we’re multi-platform,” he said. "
                            "“I think it’s always good to have a goal to do better.”")
    a = _one(text, atts, "multi-platform")
    assert a.kind == "direct" and len(a.parts) == 2
    assert all("he said" not in text[s:e] for s, e in a.parts)
    assert "goal to do better" in text[a.parts[1][0]:a.parts[1][1]]


def test_question_quote_before_a_split_off_clause(nlp):
    text, atts = _atts(nlp, "Laura Penn stood up at the meeting. “Why now?” she asked.")
    a = _one(text, atts, "Why now")
    assert text[a.speaker_start:a.speaker_end] == "she" and a.cue == "asked"


def test_quotation_after_the_comma_that_ends_a_reporting_clause(nlp):
    text, atts = _atts(nlp, "As Michael Dell said last week in Tel Aviv, “Israel is the center of the digital "
                            "future. It has inspired the entire world.”")
    a = _one(text, atts, "digital future")
    assert text[a.speaker_start:a.speaker_end] == "Michael Dell" and a.kind == "direct"
    assert "inspired the entire world" in text[a.start:a.end]


def test_comma_after_a_quotation_does_not_open_a_new_one(nlp):
    text, atts = _atts(nlp, "“We will win,” he said, “and we will win big.”")
    a = _one(text, atts, "We will win")
    assert len(a.parts) == 2 and "he said" not in " ".join(text[s:e] for s, e in a.parts)


def test_short_answers_are_what_was_said(nlp):
    text, atts = _atts(nlp, "Asked if he was ever bullied, the Republican presidential candidate said no.")
    a = [x for x in atts if x.how == "answer"]
    assert a and text[a[0].start:a[0].end] == "no"
    assert text[a[0].speaker_start:a[0].speaker_end] == "the Republican presidential candidate"


def test_split_off_clause_with_an_as_clause_still_reports_the_quote(nlp):
    text, atts = _atts(nlp, "“The great state of Alabama is proud to cast its votes for Donald J. Trump!” "
                            "US Senator Jeff Sessions said as he launched the process.")
    a = _one(text, atts, "great state of Alabama")
    assert text[a.speaker_start:a.speaker_end] == "US Senator Jeff Sessions"


def test_things_written_posted_or_won_are_no_content(nlp):
    text, atts = _atts(nlp, "The senator posted the clip to YouTube on Thursday. She wrote a letter to the "
                            "governor. He claimed victory in the Midwest.")
    assert not [a for a in atts if a.category == "speech"], [(text[a.start:a.end], a.cue) for a in atts]


def test_what_a_post_says_is_still_content(nlp):
    text, atts = _atts(nlp, "The senator wrote that the plan would fail.")
    a = _one(text, atts, "the plan would fail")
    assert a.category == "speech"


def test_as_x_put_it_is_speech(nlp):
    text, atts = _atts(nlp, "As Justin Bieber put it, “Hello, it’s the Biebs.”")
    a = _one(text, atts, "the Biebs")
    assert a.cue == "put it" and a.category == "speech"
    assert text[a.speaker_start:a.speaker_end] == "Justin Bieber"


def test_reportedly_reports_its_clause_without_a_source(nlp):
    text, atts = _atts(nlp, "The Club for Growth is reportedly spending money on television advertisements.")
    a = _one(text, atts, "spending money")
    assert a.cue == "reportedly" and a.category == "speech" and a.speaker_start is None


def test_quotation_resumed_after_its_clause_is_one_quote(nlp):
    text, atts = _atts(nlp, "\"It's a difficult issue,\" Clinton said, \"because it puts in conflict two "
                            "competing rights.\"")
    a = _one(text, atts, "difficult issue")
    assert len(a.parts) == 2 and "competing rights" in text[a.parts[1][0]:a.parts[1][1]]


def test_a_because_clause_stays_in_the_report(nlp):
    text, atts = _atts(nlp, "Kelly said she asked for the interview because she wanted to get her "
                            "interactions with Trump on a professional footing.")
    a = _one(text, atts, "asked for the interview")
    assert text[a.start:a.end].endswith("professional footing")


def test_a_second_report_joined_into_the_content_is_cut_off(nlp):
    text, atts = _atts(nlp, "Mr. Kaine said she admires his determination and highlighted their shared "
                            "commitment on policy goals.")
    a = _one(text, atts, "admires")
    assert text[a.start:a.end] == "she admires his determination"
    b = _one(text, atts, "shared commitment")
    assert b.cue == "highlighted" and text[b.speaker_start:b.speaker_end] == "Mr. Kaine"


def test_a_verb_joined_in_the_reported_tense_stays_in_the_content(nlp):
    text, atts = _atts(nlp, "He said he would go to the store and bought milk.")
    a = _one(text, atts, "store")
    assert text[a.start:a.end] == "he would go to the store and bought milk"


def test_an_object_list_is_not_cut_at_its_first_comma(nlp):
    text, atts = _atts(nlp, "She noted the Sept. 11 attacks, her support for first responders and her work "
                            "trying to bring in jobs.")
    a = _one(text, atts, "attacks")
    assert text[a.start:a.end].endswith("bring in jobs")
    text, atts = _atts(nlp, "He praised the governor, a longtime friend.")
    assert text[_one(text, atts, "governor").start:_one(text, atts, "governor").end] == "the governor"


def test_a_participle_after_a_comma_reports_nothing_before_it(nlp):
    for text in ("Tenney took down businessman Steve Wells in the three-way primary, claiming 41 percent.",
                 "The Vermont senator has struggled to win the south, continuing a trend.",
                 "The cost of the plan, estimated at $5 billion, rose again."):
        _, atts = _atts(nlp, text)
        assert not [a for a in atts if a.how.startswith("reverse")], [(a.how, text[a.start:a.end]) for a in atts]
    text, atts = _atts(nlp, "The plan will fail, Mr. Kaine said.")
    a = _one(text, atts, "plan")
    assert text[a.start:a.end] == "The plan will fail" and text[a.speaker_start:a.speaker_end] == "Mr. Kaine"


def test_a_quotation_goes_on_in_the_next_paragraph_only_when_it_opens_it(nlp):
    text, atts = _atts(nlp, "“You can wreck their career in a minute,” she said.\n\nAnd that entails a downshift "
                            "for both. Sherman wants to use the platform as a fact check. “I think we will impose "
                            "the skepticism in real time, because we know the town.”")
    a = _one(text, atts, "wreck")
    assert "skepticism" not in text[a.start:a.end] and not a.parts
    text, atts = _atts(nlp, "“You can wreck their career in a minute,” she said.\n\n“I think we will impose "
                            "the skepticism in real time, because we know the town.”")
    a = _one(text, atts, "wreck")
    assert "skepticism" in text[a.start:a.end] and len(a.parts) == 2


def test_a_quotation_right_after_a_reported_clause_goes_on_with_it(nlp):
    text, atts = _atts(nlp, 'Christie said he backed the bill, adding that he had fought for bills in his time as '
                            'governor. "A leader must fight for what they believe in, not handicap and say well maybe."')
    a = _one(text, atts, "fought for bills")
    assert len(a.parts) == 2 and "A leader must fight" in text[a.start:a.end]
    assert text[a.speaker_start:a.speaker_end] == "Christie"
    text, atts = _atts(nlp, '“We have won,” said Mr. Hedge, referring to the two resorts. '
                            '“The rest is a matter of time and of patience with the banks.”')
    a = _one(text, atts, "We have won")
    assert "matter of time" in text[a.start:a.end]


def test_quoted_fragments_inside_a_complement_make_the_whole_complement_the_report(nlp):
    text, atts = _atts(nlp, 'The two leaders pledged "cooperation" toward shared objectives, a "deep and sincere" '
                            'bond, and a "close and honest relationship" between the two countries.')
    found = [a for a in atts if "cooperation" in text[a.start:a.end]]
    assert len(found) == 1 and found[0].kind == "mixed"
    assert text[found[0].start:found[0].end].endswith("between the two countries")
    assert not [a for a in atts if text[a.start:a.end] == "close and honest relationship"]


def test_a_relative_clause_after_a_comma_ends_a_reported_clause(nlp):
    text, atts = _atts(nlp, "Officials said the FBI had secured the cooperation of Bryan Pagliano, who worked on "
                            "Clinton's 2008 presidential campaign.")
    a = _one(text, atts, "Pagliano")
    assert text[a.start:a.end] == "the FBI had secured the cooperation of Bryan Pagliano"
