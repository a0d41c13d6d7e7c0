"""times stage: finding and resolving date expressions, without the spaCy model.

The table pairs a sentence (with the expression in [brackets]) and a publication date with
the interval and precision it must resolve to. Tense comes from the words around the
expression (the model-free path); the model-backed path is tested on the seed below.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from readout.times.find import find_times
from readout.times.published import date_from_url, infer_published, parse_published
from readout.times.rules import find_candidates
from readout.times.find import tense_function

FRI = "2022-12-30"   # a Friday
WED = "2023-03-15"   # a Wednesday, in spring

CASES = [
    # weekdays: the report's own day, else the most recent; future tense or "next" → the next one
    ("Putin spoke on [Friday] with Xi.", FRI, "2022-12-30", "2022-12-30", "day"),
    ("The two leaders met on [Tuesday] in Moscow.", FRI, "2022-12-27", "2022-12-27", "day"),
    ("The ministers will meet on [Tuesday] in Geneva.", FRI, "2023-01-03", "2023-01-03", "day"),
    ("They talked [last Friday].", FRI, "2022-12-23", "2022-12-23", "day"),
    ("Talks resume [next Monday].", FRI, "2023-01-02", "2023-01-02", "day"),
    ("Voting took place on [Sunday].", WED, "2023-03-12", "2023-03-12", "day"),
    # deictic days
    ("Officials said [yesterday] that the talks failed.", FRI, "2022-12-29", "2022-12-29", "day"),
    ("The president speaks [today].", FRI, "2022-12-30", "2022-12-30", "day"),
    ("The summit opens [tomorrow].", FRI, "2022-12-31", "2022-12-31", "day"),
    # explicit dates in news formats
    ("The call took place on [Dec 30].", FRI, "2022-12-30", "2022-12-30", "day"),
    ("It was signed on [December 30, 2022].", FRI, "2022-12-30", "2022-12-30", "day"),
    ("It was signed on [30 December 2022].", FRI, "2022-12-30", "2022-12-30", "day"),
    ("The filing is dated [2022-12-30].", FRI, "2022-12-30", "2022-12-30", "day"),
    ("The treaty of [Nov. 9, 1989] ended it.", FRI, "1989-11-09", "1989-11-09", "day"),
    ("He met envoys on [Friday, Dec 23].", FRI, "2022-12-23", "2022-12-23", "day"),
    ("The deadline is [Jan 15].", FRI, "2023-01-15", "2023-01-15", "day"),
    ("Protests broke out on [Dec 5-9].", FRI, "2022-12-05", "2022-12-09", "day"),
    # months: most recent not after the report, future when the tense says so
    ("They met in person in Uzbekistan in [September].", FRI, "2022-09-01", "2022-09-30", "month"),
    ("He said that in [December], shipments rose.", FRI, "2022-12-01", "2022-12-31", "month"),
    ("The new law will take effect in [March].", FRI, "2023-03-01", "2023-03-31", "month"),
    ("Prices rose [last September].", FRI, "2022-09-01", "2022-09-30", "month"),
    ("Prices rose [last December].", FRI, "2021-12-01", "2021-12-31", "month"),
    ("Elections are planned for [next May].", FRI, "2023-05-01", "2023-05-31", "month"),
    ("The offensive stalled in [mid-March].", FRI, "2022-03-10", "2022-03-20", "month"),
    ("Fighting flared in [late December].", FRI, "2022-12-16", "2022-12-31", "month"),
    ("It peaked in [May 2021].", FRI, "2021-05-01", "2021-05-31", "month"),
    ("The accord lapsed at the [end of March].", FRI, "2022-03-16", "2022-03-31", "month"),
    # relative periods
    ("The summit was held [last month].", FRI, "2022-11-01", "2022-11-30", "month"),
    ("Exports will fall [this year].", FRI, "2022-01-01", "2022-12-31", "year"),
    ("Output grew [last year].", FRI, "2021-01-01", "2021-12-31", "year"),
    ("Growth will slow [next year].", FRI, "2023-01-01", "2023-12-31", "year"),
    ("He visited Beijing [last week].", FRI, "2022-12-19", "2022-12-25", "week"),
    ("Talks continue [next week].", FRI, "2023-01-02", "2023-01-08", "week"),
    ("The rally was held [earlier this month].", FRI, "2022-12-01", "2022-12-30", "month"),
    ("Rates may rise [later this year].", WED, "2023-03-15", "2023-12-31", "year"),
    ("Inflation eased in [the last quarter].", WED, "2022-10-01", "2022-12-31", "quarter"),
    ("Clashes erupted [over the weekend].", FRI, "2022-12-24", "2022-12-25", "week"),
    ("Sales rose [a year earlier].", FRI, "2021-01-01", "2021-12-31", "year"),
    ("The war began [two years ago].", FRI, "2020-01-01", "2020-12-31", "year"),
    # seasons: meteorological, northern hemisphere
    ("Xi will visit [next spring].", FRI, "2023-03-01", "2023-05-31", "season"),
    ("Xi will visit in [spring 2023].", FRI, "2023-03-01", "2023-05-31", "season"),
    ("Xi will visit [next spring].", WED, "2024-03-01", "2024-05-31", "season"),
    ("The offensive began [last summer].", FRI, "2022-06-01", "2022-08-31", "season"),
    ("Troops withdrew in [the winter of 1941].", FRI, "1941-12-01", "1942-02-28", "season"),
    # years, decades, centuries
    ("Imports fell compared to [2021].", FRI, "2021-01-01", "2021-12-31", "year"),
    ("The plan dates from [the 1990s].", FRI, "1990-01-01", "1999-12-31", "decade"),
    ("Growth was fast in [the early 2000s].", FRI, "2000-01-01", "2003-12-31", "decade"),
    ("Rivalry marked [the 20th century].", FRI, "1900-01-01", "1999-12-31", "century"),
    ("The reform was drafted in [mid-2019].", FRI, "2019-05-01", "2019-08-31", "year"),
    # quarters and halves
    ("Profit rose in [Q3 2022].", FRI, "2022-07-01", "2022-09-30", "quarter"),
    ("Profit rose in [the third quarter].", FRI, "2022-07-01", "2022-09-30", "quarter"),
    ("Profit fell in [the fourth quarter of 2021].", FRI, "2021-10-01", "2021-12-31", "quarter"),
    ("Output shrank in [the first half of 2022].", FRI, "2022-01-01", "2022-06-30", "half"),
    # parts of years
    ("Gas shipped in [the first 11 months of 2022].", FRI, "2022-01-01", "2022-11-30", "month"),
    ("Exports jumped in [the first nine months of 2022].", FRI, "2022-01-01", "2022-09-30", "month"),
    ("Exports jumped in [the first nine months of the year].", FRI, "2022-01-01", "2022-09-30", "month"),
    # ranges
    ("The talks ran [from March to May].", FRI, "2022-03-01", "2022-05-31", "month"),
    ("Prices doubled [between 2019 and 2021].", FRI, "2019-01-01", "2021-12-31", "year"),
    ("The drought lasted [from 2014 through 2018].", FRI, "2014-01-01", "2018-12-31", "year"),
    ("The 2019-20 budget [2019-2021] cycle.", FRI, "2019-01-01", "2021-12-31", "year"),
    ("The embargo ran [from March to May 2021].", FRI, "2021-03-01", "2021-05-31", "month"),
    ("Incidents rose [between January 1 and September 18].", FRI, "2022-01-01", "2022-09-18", "day"),
    ("Talks ran [from Monday to Friday].", FRI, "2022-12-26", "2022-12-30", "day"),
    # holidays
    ("Troops were home by [Christmas].", FRI, "2022-12-25", "2022-12-25", "day"),
    # holidays fixed by a weekday of a month (US), and their long weekends
    ("Shoppers crowded malls on [Thanksgiving].", FRI, "2022-11-24", "2022-11-24", "day"),
    ("Traffic peaked over [Labor Day weekend].", FRI, "2022-09-03", "2022-09-05", "week"),
    ("Offices closed on [Martin Luther King Day].", WED, "2023-01-16", "2023-01-16", "day"),
    ("The memorial opened on [Memorial Day 2021].", FRI, "2021-05-31", "2021-05-31", "day"),
    # numeric dates: month first unless the first number cannot be a month
    ("Ballots were counted on [11/20].", FRI, "2022-11-20", "2022-11-20", "day"),
    ("The treaty was signed on [20/11/2019].", FRI, "2019-11-20", "2019-11-20", "day"),
    ("Talks ran [from 10/1 to 11/7].", FRI, "2022-10-01", "2022-11-07", "day"),
    # a duration before/after a date, or starting on one
    ("The talks will resume [3 days after January 12th].", FRI, "2023-01-15", "2023-01-15", "day"),
    ("The ceasefire collapsed [two weeks before Christmas].", FRI, "2022-12-11", "2022-12-11", "day"),
    ("The fair runs [for two weeks starting May 20th].", WED, "2023-05-20", "2023-06-02", "day"),
    ("He was freed [1 month and 21 days ago].", FRI, "2022-11-09", "2022-11-09", "day"),
    ("The court will rule [in two weeks].", FRI, "2023-01-13", "2023-01-13", "day"),
    ("Troops will leave [within 30 days].", FRI, "2022-12-30", "2023-01-28", "day"),
    ("Campaigns will spend heavily [between now and November].", WED, "2023-03-15", "2023-11-30", "month"),
    # numbers in words
    ("They came back in [two thousand and fifteen].", FRI, "2015-01-01", "2015-12-31", "year"),
    ("The plant opened in [October two thousand and five].", FRI, "2005-10-01", "2005-10-31", "month"),
    ("She was born on [January twenty five nineteen eighty six].", FRI, "1986-01-25", "1986-01-25", "day"),
    ("Disco peaked in [the nineteen seventies].", FRI, "1970-01-01", "1979-12-31", "decade"),
    ("The siege began on [5 December 1391].", FRI, "1391-12-05", "1391-12-05", "day"),
    # weeks of a month or year are ISO-style (Monday–Sunday, the week's Thursday inside);
    # quarters in windows are calendar quarters
    ("Troops massed in [the third week of January 2023].", FRI, "2023-01-16", "2023-01-22", "week"),
    ("Sales slumped in [the first week of 2015].", FRI, "2014-12-29", "2015-01-04", "week"),
    ("Sales fell in [the last two quarters].", WED, "2022-07-01", "2022-12-31", "quarter"),
]


def _expr(sentence: str) -> tuple[str, int, int]:
    start = sentence.index("[")
    end = sentence.index("]") - 1
    return sentence.replace("[", "").replace("]", ""), start, end


@pytest.mark.parametrize("sentence,anchor,start_date,end_date,precision", CASES,
                         ids=[c[0] for c in CASES])
def test_times_resolves_expression(sentence, anchor, start_date, end_date, precision):
    text, start, end = _expr(sentence)
    times = find_times(text, dt.date.fromisoformat(anchor))
    hits = [t for t in times if t.start < end and start < t.end]
    assert hits, f"nothing found for {text[start:end]!r}; found {[t.text for t in times]}"
    t = hits[0]
    assert (t.start_date, t.end_date, t.precision) == (start_date, end_date, precision), t


NEGATIVES = [
    "Gas shipments reached 13.8 billion cubic metres.",
    "Shipments were 18 per cent above contractual obligations.",
    "Leaders met at the G-20 summit in Bali.",
    "The congress handed him a precedent-defying third term in power.",
    "Some 1500 troops and 2000 police were deployed.",
    "Theresa May said the vote may be delayed.",
    "The Arab Spring toppled several governments.",
    "He wrote for the Sunday Times.",
    "Prices fell by a fall in demand.",
    "USA TODAY reported the figures.",
    "The plant employs 2,021 workers and 3 engineers.",
    "A 2/3 majority backed the bill.",
    "He reached his mid-20s before the war.",
    "Its jobless rate is the lowest in 33 years.",
    "Two thousand people marched.",
    "Survivors of the 9/11 attacks spoke.",
    "The clip starts at the 15:20 mark.",
    "He was one of the 27 who signed.",
    "Ukraine's Independence Day parade was cancelled.",
    "The company reported 2022 sales of $5 billion.",   # a year: must be found (see below)
]


@pytest.mark.parametrize("sentence", NEGATIVES[:-1])
def test_times_ignores_numbers_and_names_that_are_not_dates(sentence):
    assert find_times(sentence, dt.date(2022, 12, 30)) == []


def test_times_finds_year_used_as_modifier():
    times = find_times(NEGATIVES[-1], dt.date(2022, 12, 30))
    assert [(t.text, t.precision) for t in times] == [("2022", "year")]


def test_times_change_of_a_count_is_not_a_day_range():
    times = find_times("Cases rose from 4 to 22 this month.", dt.date(2022, 12, 30))
    assert [t.text for t in times] == ["this month"]


def test_times_day_list_names_two_days():
    times = find_times("The summit was held on 18 and 19 June.", dt.date(2022, 12, 30))
    assert [(t.text, t.start_date, t.end_date) for t in times] == [
        ("18", "2022-06-18", "2022-06-18"), ("19 June", "2022-06-19", "2022-06-19")]


def test_times_document_writing_day_first_reads_all_numeric_dates_day_first():
    day_first = find_times("Talks were held on 22/04/2021 and again on 05/06/2021.", dt.date(2022, 12, 30))
    month_first = find_times("Talks were held on 04/22/2021 and again on 05/06/2021.", dt.date(2022, 12, 30))
    assert [t.start_date for t in day_first] == ["2021-04-22", "2021-06-05"]
    assert [t.start_date for t in month_first] == ["2021-04-22", "2021-05-06"]


def test_times_offsets_point_at_text_and_are_sorted():
    text = "On Friday, after talks last week and in September, he said 2023 would be better."
    times = find_times(text, dt.date(2022, 12, 30))
    assert [t.text for t in times] == ["Friday", "last week", "September", "2023"]
    assert all(text[t.start:t.end] == t.text for t in times)
    assert [t.start for t in times] == sorted(t.start for t in times)


def test_times_without_anchor_resolves_only_absolute_expressions():
    text = "He met them on Friday, on March 3, 2021 and in 2019, and will go next spring."
    times = find_times(text, None)
    assert [t.text for t in times] == ["March 3, 2021", "2019"]
    assert all(t.anchor is None for t in times)


def test_times_relative_expression_records_its_anchor_and_method():
    t = find_times("Prices rose last month.", dt.date(2022, 12, 30))[0]
    assert t.anchor == "2022-12-30"
    assert t.method and t.method.startswith("relative_period")


def test_times_year_earlier_shifts_the_previous_period():
    text = "Exports jumped 23 per cent in the first nine months of 2022 compared to the same period a year earlier."
    times = find_times(text, dt.date(2022, 12, 30))
    assert [(t.start_date, t.end_date) for t in times] == [("2022-01-01", "2022-09-30"), ("2021-01-01", "2021-09-30")]


# ---- publication date ----------------------------------------------------------------------

def _infer(text, caption=None, title=None, url=None):
    cands = find_candidates(text)
    got = infer_published(text, cands, tense_function(text), caption=caption, title=title, url=url)
    return got[0].isoformat() if got else None


BODY = ("President Putin spoke on Friday with Chinese leader Xi Jinping. Gas shipments in the first "
        "11 months of 2022 rose, and imports will fall this year compared to 2021.")


def test_published_from_caption_month_day_and_named_weekday():
    assert _infer(BODY, caption="Putin meeting Xi via a video call on Dec 30.") == "2022-12-30"


def test_published_weekday_picks_the_year_where_it_matches():
    body = BODY.replace("Friday", "Thursday")  # Dec 30 was a Thursday in 2021
    assert _infer(body.replace("2022", "2021"), caption="A call on Dec 30.") == "2021-12-30"


def test_published_from_weekday_and_month_day_in_body():
    text = "The minister said on Tuesday, Nov 8, that talks on the 2022 budget would resume."
    assert _infer(text) == "2022-11-08"


def test_published_from_full_date_in_caption():
    assert _infer("He spoke on Friday.", caption="Leaders at the summit on March 3, 2021.") == "2021-03-03"


def test_published_from_url():
    assert date_from_url("https://example.com/world/2021/07/04/story.html") == dt.date(2021, 7, 4)
    assert _infer("He spoke on Friday.", url="https://example.com/2020/01/31/a") == "2020-01-31"


def test_published_none_when_text_gives_no_day():
    assert _infer("He spoke on Friday about the war, which began in 2014.") is None


def test_published_given_values_parse():
    assert parse_published("2022-12-30") == dt.date(2022, 12, 30)
    assert parse_published("2022-12-30T08:15:00Z") == dt.date(2022, 12, 30)
    assert parse_published(None) is None


# ---- the seed, through the model -----------------------------------------------------------

def _times_hits(doc: dict, gold: dict) -> int:
    """The seed scorer's times check (shared/tools/score_seed.py), re-implemented."""
    text = doc["text"]
    hits = 0
    for g in gold["times"]:
        i = text.find(g["context"])
        if i < 0:
            continue
        j = i + g["context"].find(g["span"])
        lo, hi = j, j + len(g["span"])
        hits += any(t["start"] < hi and lo < t["end"]
                    and g["start"][0] <= (t["start_date"] or "") <= g["start"][1]
                    and g["end"][0] <= (t["end_date"] or "") <= g["end"][1]
                    for t in doc["times"])
    return hits


@pytest.mark.model
def test_times_seed_resolves_expected_times(seed_document, seed_expected):
    doc = seed_document.to_dict()
    assert _times_hits(doc, seed_expected) >= 14
    assert doc["published"] == "2022-12-30"
    assert json.dumps(doc["times"])  # serialisable


@pytest.mark.model
def test_times_seed_publication_date_inferred_without_metadata(seed_path, seed_expected):
    import readout
    doc = readout.extract(seed_path)[0].to_dict()
    assert (doc["published"], doc["published_source"]) == ("2022-12-30", "inferred")
    assert _times_hits(doc, seed_expected) >= 14
