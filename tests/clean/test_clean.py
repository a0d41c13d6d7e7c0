"""clean: tables of raw texts and what the clean body, caption, dateline and credits must be."""
from __future__ import annotations

import pytest

from readout.clean.boilerplate import clean_text, normalise, paragraphs_of
from readout.clean.language import looks_english

BODY = "The minister said the talks would continue next week in the capital, officials said."


@pytest.mark.parametrize("first, dateline, credits, body_start", [
    ("MOSCOW - " + BODY, "MOSCOW", [], "The minister"),
    ("BEIJING (Reuters) - " + BODY, "BEIJING", ["Reuters"], "The minister"),
    ("WASHINGTON — " + BODY, "WASHINGTON", [], "The minister"),
    ("NEW DELHI (AFP) – " + BODY, "NEW DELHI", ["AFP"], "The minister"),
    ("KYIV, Ukraine (AP) — " + BODY, "KYIV", ["AP"], "The minister"),
    ("LONDON, March 3 (Reuters) - " + BODY, "LONDON", ["Reuters"], "The minister"),
    # no dateline: sentence-case start, or a hyphen inside ordinary text
    ("Moscow - the city - said " + BODY, None, [], "Moscow - the city"),
    ("US officials - speaking anonymously - said " + BODY, None, [], "US officials"),
    (BODY, None, [], "The minister"),
])
def test_clean_dateline(first, dateline, credits, body_start):
    r = clean_text(f"Title line\n\n{first}\n\nSecond paragraph here.", title_in_text=True)
    assert r.dateline == dateline
    assert r.credits == credits
    assert r.paragraphs[0].startswith(body_start)


@pytest.mark.parametrize("last, credits, kept_end", [
    ("He said it was “over.” BLOOMBERG, REUTERS, AFP", ["BLOOMBERG", "REUTERS", "AFP"], "“over.”"),
    ("He said it was over. - Reuters", ["Reuters"], "over."),
    ("He said it was over. (AFP)", ["AFP"], "over."),
    ("He said it was over.", [], "over."),
    # an all-caps word that is not a wire service stays in the text
    ("He said it was over. NATO", [], "NATO"),
    ("They met at the White House on Monday with the AP", [], "with the AP"),
])
def test_clean_trailing_credits(last, credits, kept_end):
    r = clean_text(f"Title\n\n{BODY}\n\n{last}", title_in_text=True)
    assert r.credits == credits
    assert r.paragraphs[-1].endswith(kept_end)


def test_clean_credit_paragraph_alone():
    r = clean_text(f"Title\n\n{BODY}\n\nAFP, Reuters", title_in_text=True)
    assert r.credits == ["AFP", "Reuters"]
    assert r.paragraphs == [BODY]


@pytest.mark.parametrize("caption_para, caption, credit", [
    ("Leaders meet in Geneva on Monday. PHOTO: REUTERS", "Leaders meet in Geneva on Monday.", "PHOTO: REUTERS"),
    ("Protesters gather outside parliament. (Photo: AFP)", "Protesters gather outside parliament.", "(Photo: AFP)"),
    ("The minister arrives for the meeting. John Smith/Reuters", "The minister arrives for the meeting.", "John Smith/Reuters"),
])
def test_clean_caption_and_credit(caption_para, caption, credit):
    r = clean_text(f"Title\n\n{caption_para}\n\n{BODY}", title_in_text=True)
    assert r.caption == caption
    assert credit in r.removed
    assert r.paragraphs == [BODY]


@pytest.mark.parametrize("noise", [
    "Remote video URL", "Join ST's Telegram channel and get the latest breaking news delivered to you.",
    "Read more: Ministers meet in Brussels", "Share this article", "Advertisement",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Subscribe to our newsletter", "Reporting by Jane Doe; Editing by John Smith",
    "© 2023 Example News. All rights reserved.", "Follow us on Twitter for the latest updates",
])
def test_clean_noise_removed_and_recorded(noise):
    r = clean_text(f"Title\n\n{BODY}\n\n{noise}\n\nLast paragraph of the report.", title_in_text=True)
    assert noise in r.removed
    assert all(noise not in p for p in r.paragraphs)


@pytest.mark.parametrize("sentence", [
    "Read more about the plan in the annex, the ministry said.",
    "Related to this, police said two men were arrested.",
    "Copyright lawyers argued the case before the court.",
    "Reporting by the BBC showed the figures were wrong. The ministry denied it.",
    "Share prices fell sharply after the announcement.",
])
def test_clean_keeps_ordinary_sentences(sentence):
    r = clean_text(f"Title\n\n{BODY}\n\n{sentence}", title_in_text=True)
    assert sentence in r.paragraphs
    assert r.removed == []


def test_clean_normalises_spaces_keeps_curly_quotes():
    assert normalise("Mr\u00a0Putin said \u201chello\u201d\u200b") == "Mr Putin said \u201chello\u201d"


def test_clean_paragraphs_single_newlines():
    assert paragraphs_of("a\nb\n\nc") == ["a b", "c"]
    assert paragraphs_of("a\nb\nc") == ["a", "b", "c"]


def test_clean_given_title_not_repeated_in_body():
    r = clean_text(f"Big news\n\n{BODY}", title="Big news")
    assert r.title == "Big news" and r.paragraphs == [BODY]


def test_clean_language_check():
    assert looks_english(BODY * 5)
    assert not looks_english("Der Minister sagte, die Gespräche würden nächste Woche in der Hauptstadt "
                             "fortgesetzt, teilten Beamte mit. " * 5)


@pytest.mark.parametrize("raw, clean", [
    ("Ryan said,\u201cLook, we win.\u201d", "Ryan said, \u201cLook, we win.\u201d"),
    ("He said:\u201cNo.\u201d", "He said: \u201cNo.\u201d"),
    ("\u201cWe win.\u201dThen he left.", "\u201cWe win.\u201d Then he left."),
    # marks already spaced, apostrophes and quotes inside words stay as written
    ("Beijing\u2019s \u201creadout\u201d said.", "Beijing\u2019s \u201creadout\u201d said."),
    ("a \u201cso-called\u201d plan, the \u2018A\u2019 list", "a \u201cso-called\u201d plan, the \u2018A\u2019 list"),
])
def test_clean_sets_off_a_curly_quote_glued_to_a_word(raw, clean):
    assert normalise(raw) == clean
