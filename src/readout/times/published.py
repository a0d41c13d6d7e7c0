"""Infer an article's publication date from its own text when no metadata gives it.

Evidence, strongest first: a date in the URL; a full date in the caption, title or
dateline; a month-day without a year in the caption ("… via a video call on Dec 30.")
or a weekday plus month-day in the body ("on Friday, Dec 30"), whose year is chosen by
scoring the years around the latest year the text speaks of in the past: a year in which
that month-day falls on a weekday the report names ("on Friday") scores, and so does
being the latest year; a year that would put the report before a period the text
already reports on ("the first 11 months of 2022") is ruled out. Otherwise the latest
full date the body gives in a past-tense clause. With no day-level evidence: None.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from .resolve import resolve
from .resolve.calendar import Context, add_months, safe_date
from .rules import Candidate, find_candidates, rules

D = dt.date
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|$)")


def date_from_url(url: str | None) -> D | None:
    if not url:
        return None
    m = _URL_DATE.search(url)
    return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def parse_published(value: str | None) -> D | None:
    """A given publication date in one of the absolute forms of `times.given`
    ('2022-12-30', '2022-12-30T08:00:00Z', 'Fri, 30 Dec 2022 08:00:00 GMT' …) as a date;
    None when there is none or it is not a date (the date is then inferred from the text)."""
    from ..errors import DateError
    from .given import parse_given_date
    try:
        return parse_given_date(value)
    except DateError:
        return None


def _full_date(c: Candidate) -> D | None:
    if c.kind in ("iso_date", "numeric_date") or (c.kind in ("month_day", "day_month") and "year" in c.groups):
        res = resolve(c, Context(anchor=None))
        return res.start if res else None
    return None


def _month_day(c: Candidate) -> tuple[int, int, str | None] | None:
    if c.kind in ("month_day", "day_month") and "year" not in c.groups:
        r = rules()
        m = r.months[c.groups["month"].lower().rstrip(".")]
        d = int("".join(ch for ch in c.groups["day"] if ch.isdigit()))
        return m, d, c.groups.get("weekday")
    return None


def _lower_bound(c: Candidate) -> D | None:
    """The earliest publication date a past-tense mention allows (the period has begun or ended)."""
    g = c.groups
    if c.kind == "first_n" and "year" in g and g["edge"].lower() == "first":
        res = resolve(c, Context(anchor=None))
        return res.end + dt.timedelta(days=1) if res else None
    if c.kind in ("year", "month", "quarter", "half", "season") and ("year" in g or c.kind == "year") \
            and "part" not in g and "partof" not in g:
        res = resolve(c, Context(anchor=None))
        return res.start if res else None
    return None


def infer_published(text: str, candidates: list[Candidate], tense_of: Callable[[Candidate], str | None],
                    caption: str | None = None, title: str | None = None,
                    dateline: str | None = None, url: str | None = None) -> tuple[D, str] | None:
    """(date, how) for the report's publication, or None when the text does not say."""
    found = date_from_url(url)
    if found:
        return found, "url"
    side = [(s, find_candidates(s)) for s in (caption, title, dateline) if s]
    for _s, cands in side:
        dates = [d for d in map(_full_date, cands) if d]
        if dates:
            return max(dates), "header-date"

    past = [c for c in candidates if tense_of(c) != "future"]
    years = [int(c.groups[k]) for c in past for k in ("year", "year2") if k in c.groups
             and len(c.groups[k]) == 4 and c.kind != "year_range"]
    years += [int(c.groups["year2"]) if len(c.groups["year2"]) == 4 else int(c.groups["year"][:2] + c.groups["year2"])
              for c in past if c.kind == "year_range"]
    bounds = [b for b in map(_lower_bound, past) if b]
    bounds += [d for d in map(_full_date, past) if d]
    low = max(bounds) if bounds else None
    weekdays_named = {rules().weekdays[c.groups["weekday"].lower()] for c in candidates
                      if c.kind == "weekday" and "rel" not in c.groups and "weekrel" not in c.groups
                      and "weekrel2" not in c.groups}

    month_days = [md for _s, cands in side for md in map(_month_day, cands) if md]
    month_days += [md for md in map(_month_day, candidates) if md and md[2]]
    for m, d, weekday in month_days:
        best = _year_for(m, d, weekday, years, low, weekdays_named)
        if best:
            return best, "month-day"
    body_dates = [d for d in map(_full_date, past) if d]
    if body_dates:
        return max(body_dates), "latest-date"
    return None


def _year_for(m: int, d: int, weekday: str | None, years: list[int], low: D | None,
              weekdays_named: set[int]) -> D | None:
    r = rules()
    if weekday:
        weekdays_named = {r.weekdays[weekday.lower().rstrip(".")]}
    if years:
        latest = max(years)
    elif low:
        latest = low.year
    else:
        return None  # no year anywhere: a weekday alone repeats every few years
    scored = []
    for y in range(latest - 6, latest + 2):
        day = safe_date(y, m, d)
        if day is None:
            continue
        score = 0.0
        if weekdays_named:  # the weekday the report names is strong evidence
            score += 3.0 if day.weekday() in weekdays_named else (-5.0 if weekday else -1.0)
        if low and day < low:  # soft: a misread tense can make a bound wrong
            score -= 2.5
        if low and day > add_months(low, 13):
            score -= 1.0
        score -= abs(y - latest) * (0.5 if y <= latest else 1.5)
        scored.append((score, day))
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], -s[1].toordinal()))
    return scored[0][1]
