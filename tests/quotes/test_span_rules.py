"""Span rules of the finder, one table row each (issue 15): the content found for a cue in a
small parsed text. A row is (text, cue word, expected content or None for no attribution)."""
from __future__ import annotations

import pytest

from readout.config import load_config
from readout.nlp.model import load_model
from readout.quotes.find import find_attributions
from readout.quotes.marks import find_quote_spans

pytestmark = pytest.mark.model

CASES = [
    # a reporting clause set inside the sentence before the sentence's own verb (a copula)
    ("This campaign, he says, is different from the others.", "says",
     "This campaign, he says, is different from the others"),
    ("Time, Mr. Pence added, was on their side.", "added", "Time, Mr. Pence added, was on their side"),
    # 'as X observed, …' and a lone pointing word before the clause: only the clause after it
    ("Of course, as Joel Pollak observed, the biggest victor was not on the stage.", "observed",
     "the biggest victor was not on the stage"),
    ("That, the chief of staff explained, is by design.", "explained", "is by design"),
    ("And that, Mr. Manafort said, was in the works.", "said", "was in the works"),
    # 'described X as Y': the 'as' clause says what was said of the object
    ("He described the country as beset by illegal immigrants, some of them killers.", "described",
     "the country as beset by illegal immigrants"),
    ("The ad portrays Sanders as singularly focused on economic issues.", "portrays",
     "Sanders as singularly focused on economic issues"),
    # … but an 'as' clause with its own subject is the time of the report
    ("He praised the plan as it came out.", "praised", "the plan"),
    # where, when and how it was said is no content ([occasions]) …
    ("He mentioned him in almost every speech.", "mentioned", "him"),
    ("They talked politics Monday on Fox and Friends.", "talked", "politics"),
    ("She explained this in the past.", "explained", "this"),
    # … but what follows it may be
    ("She blamed Clinton directly for the turmoil in the region.", "blamed",
     "Clinton directly for the turmoil in the region"),
    # a clause ending in a colon introduces a statement ([colon] in quote_cues.toml): a verb of
    # saying or a statement noun, and a quotation after the colon or the rest of the sentence
    ("Trump gestured, then leaned in and boomed: “Let’s defeat her in November.”", "boomed",
     "Let’s defeat her in November."),
    ("The ministry’s statement read: talks with the rebels will go on next week.", "read",
     "talks with the rebels will go on next week"),
    ("The mayor released the following statement: “Our prayers are with all those affected.”",
     "released", "Our prayers are with all those affected."),
    ("He had one message for the crowd: “Dump Trump.”", "had", "Dump Trump."),
    # … but not a question put by the writer
    ("The question is: does the plan work?", "is", None),
    # 'call on/upon/for X to Y': the one appealed to and the act ([appeals])
    ("She called on Sanders and Donald Trump to do the same.", "called", "Sanders and Donald Trump to do the same"),
    ("The senator called upon the mayor to restart surveillance of mosques.", "called",
     "the mayor to restart surveillance of mosques"),
    ("He called for Clinton to resign.", "called", "Clinton to resign"),
    # a quotation inside what was called for or referred to stays in that content
    ("She has called for a redoubling of efforts to move to a “clean energy economy” soon.", "called",
     "a redoubling of efforts to move to a “clean energy economy” soon"),
    ("She called on fellow Muslims to “stand up to those who use Islam.”", "called",
     "fellow Muslims to “stand up to those who use Islam."),
    ('The candidate has mocked a reporter, referred to immigrants from Mexico as "rapists" and pointed to a man.',
     "referred", 'immigrants from Mexico as "rapists'),
    # 'said A, while others said B': the first content ends before 'while' ([contrast]) …
    ("Some voters said the former president had made a good case for his wife, while other voters said "
     "they had not heard anything new.", "said", "the former president had made a good case for his wife"),
    ("She argued that the system is rigged, while her rival has soared by saying that it is.", "argued",
     "that the system is rigged"),
    # … but a contrast with no report of its own is part of what was said
    ("He said prices rose, while wages fell.", "said", "prices rose, while wages fell"),
]


@pytest.fixture(scope="module")
def nlp():
    return load_model(load_config().model)


@pytest.mark.parametrize("text,cue,content", CASES)
def test_span_rule(nlp, text, cue, content):
    atts = [a for a in find_attributions(nlp(text), text=text) if a.cue == cue]
    if content is None:
        assert not atts
    else:
        assert atts and text[atts[0].start:atts[0].end] == content, \
            [(a.cue, text[a.start:a.end]) for a in find_attributions(nlp(text), text=text)]


def test_opening_mark_typed_as_closing_one_closes_the_quote():
    text = "“It's unusual,“ said Larry Noble. “It's a hard thing to do.”"
    spans = [text[q.start:q.end] for q in find_quote_spans(text)]
    assert spans == ["It's unusual", "It's a hard thing to do."]


def test_opening_mark_before_a_word_still_opens():
    text = "He called it “a deal“ and “a win” for “all“."
    spans = [text[q.start:q.end] for q in find_quote_spans(text)]
    assert spans == ["a deal", "a win", "all"]


SPEAKER_CASES = [
    # 'made it clear': the one who made it clear, not the expletive 'it'
    ("Sanders made it clear that he did not intend to hold back.", "Sanders"),
    # a statement or message as the object of its issuer: the issuer speaks
    ("The DNC issued a statement saying that it regretted the emails.", "The DNC"),
    ("She posted a message saying she was sorry.", "She"),
    # the subject of a colon clause, also through the verb it was joined to, or a statement's owner
    ("Trump gestured, then leaned in and boomed: “Let’s defeat her in November.”", "Trump"),
    ("The ministry’s statement read: talks with the rebels will go on next week.", "The ministry"),
    # the caller, and the subject of a verb in a list ('has mocked X, referred to Y as …')
    ("She called on Sanders and Donald Trump to do the same.", "She"),
    ('The candidate smiled, referred to immigrants from Mexico as "rapists" and left.', "The candidate"),
]


@pytest.mark.parametrize("text,speaker", SPEAKER_CASES)
def test_speaker_rule(nlp, text, speaker):
    atts = [a for a in find_attributions(nlp(text), text=text) if a.speaker_start is not None]
    assert atts and text[atts[0].speaker_start:atts[0].speaker_end] == speaker


@pytest.mark.parametrize("text,category", [
    ("Sanders made it clear that he did not intend to hold back.", "speech"),
    ("The DNC issued a statement saying that it regretted the emails.", "speech"),
    # a content after a colon ending its reporting clause: the colon makes it speech
    ("Trump gestured, then leaned in and boomed: “Let’s defeat her in November.”", "speech"),
])
def test_phrase_around_the_cue_gives_the_category(nlp, text, category):
    from readout.quotes.find import Finder
    from readout.quotes.learned import quote_model
    f = Finder(nlp(text), model=quote_model(), text=text)
    atts = f.find()
    assert atts and f.category_of(atts[0]) == category


def test_statement_issued_is_no_content(nlp):
    text = "The party issued a statement on Thursday."
    assert not find_attributions(nlp(text), text=text)


@pytest.mark.parametrize("text,cue,category", [
    # a speech noun object of a light verb above the cue ([frames] of quote_categories.toml)
    ("He held a conference call to defend the company.", "defend", "speech"),
    ("She put out a statement on Monday about the merger talks.", "put out", "speech"),
    ("He delivered a moving speech at the convention about losing their son in the war.",
     "delivered", "speech"),
    # … but not a clause of its own
    ("Trump rushed out tweet attacks, while Clinton pushed policy proposals.", "pushed", "stance"),
])
def test_light_verb_frame_gives_the_category(nlp, text, cue, category):
    atts = [a for a in find_attributions(nlp(text), text=text) if a.cue == cue]
    assert atts and atts[0].category == category, [(a.cue, a.category) for a in atts]


@pytest.mark.parametrize("text,speaker,second", [
    # '“A,” X said. “B.”': B goes on A, also when the parse made a word of A the cue's subject
    # or the inverted speaker an object
    ("“Toil hopelessly or go to prison,” Frank writes. “That is life at the bottom, thanks to Bill Clinton.”",
     "Frank", "That is life at the bottom"),
    ("“Look, Hillary needed to split the first two primaries,” added a South Carolina Democrat. "
     "“She has done that.”", "a South Carolina Democrat", "She has done that"),
    ('"He opposed every single one of them. Every single amendment," said Cruz, who had introduced '
     'some of those amendments. "It is not like people were quiet in sharing their concerns."',
     "Cruz", "It is not like people were quiet"),
])
def test_quotation_goes_on_after_its_attribution(nlp, text, speaker, second):
    atts = find_attributions(nlp(text), text=text)
    assert len(atts) == 1, [(text[a.start:a.end], a.cue) for a in atts]
    a = atts[0]
    assert second in text[a.start:a.end] and len(a.parts) == 2
    assert a.speaker_start is not None and text[a.speaker_start:a.speaker_end] == speaker


def test_quotation_introduced_by_its_own_colon_clause_is_a_new_one(nlp):
    text = ("“Happy Cinco de Mayo!,” he tweeted. “The best taco bowls are made in Trump Tower Grill.” "
            "Former candidate Jeb Bush broke down what was wrong with the image to a Dutch newspaper: "
            "“What Trump did was wrong.”")
    atts = find_attributions(nlp(text), text=text)
    tweeted = [a for a in atts if a.cue == "tweeted"]
    assert tweeted and "taco bowls" in text[tweeted[0].start:tweeted[0].end]
    assert "What Trump did" not in text[tweeted[0].start:tweeted[0].end]
