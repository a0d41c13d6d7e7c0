"""dateparser as a fallback: for spaCy DATE entities the rules did not find, and for
publication dates given in a free format. Imported lazily (dateparser is slow to import)
and asked only about short strings that name a calendar unit, so it runs rarely.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .resolve.calendar import Resolved, month_span, week_span

_CALENDAR_WORD = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.IGNORECASE)
_DURATION = re.compile(r"^\W*(?:about|around|some|nearly|almost|over|more than|for|the)?\s*[\d.,]+\s*"
                       r"(?:-|\s)?(?:years?|months?|weeks?|days?|decades?|hours?|minutes?)(?:\s+old)?\W*$",
                       re.IGNORECASE)


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser
    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past",
                                                       "RETURN_TIME_AS_PERIOD": False})


def parse_loose(value: str) -> dt.date | None:
    data = _parser().get_date_data(value)
    return data.date_obj.date() if data and data.date_obj else None


def resolve_entity(text: str, anchor: dt.date | None) -> Resolved | None:
    """A spaCy DATE entity's interval via dateparser, or None when it is not a calendar date."""
    if anchor is None or len(text) > 40 or not _CALENDAR_WORD.search(text) or _DURATION.match(text):
        return None
    from dateparser.date import DateDataParser
    parser = DateDataParser(languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day)})
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd strings
        return None
    if not data or not data.date_obj:
        return None
    d = data.date_obj.date()
    if abs(d.year - anchor.year) > 200:
        return None
    period = data.period or "day"
    if period == "month":
        return Resolved(*month_span(d.year, d.month), "month", "dateparser")
    if period == "year":
        return Resolved(dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), "year", "dateparser")
    if period == "week":
        return Resolved(*week_span(d), "week", "dateparser")
    return Resolved(d, d, "day", "dateparser")
