"""Resolvers for expressions counted from the report's date (or from a date nearby):
windows ("the past two years", "within 30 days"), relative periods ("last week", "the
rest of the month"), weekdays, "yesterday", shifts ("two years ago", "1 month 21 days
ago", "a year earlier"), and parts of a period ("the third week of 2027", "the last
3 weeks of this year").

Conventions: weeks run Monday–Sunday; the weeks of a month or year are ISO-8601 style —
the Monday–Sunday weeks whose Thursday falls in it (so "the first week of 2015" is
29 Dec 2014 – 4 Jan 2015); quarters in windows are calendar quarters ("the last two
quarters" = the two completed quarters before the current one); other windows roll from
the report's date; "N weeks/months/years ago" is that week/month/year (news reports
rarely mean the exact day).
"""
from __future__ import annotations

import datetime as dt
import re

from ..rules import Candidate, TimeRules
from .calendar import (DAY, Context, Resolved, add_months, apply_part, month_end, month_span, number_of,
                       ordinal_of, quarter_span, relative_step, relative_year, shift, week_span,
                       year_for_month)

D = dt.date
_UNIT_PRECISION = {"day": "day", "week": "week", "fortnight": "week", "month": "month",
                   "quarter": "quarter", "year": "year", "decade": "decade", "century": "century"}
_UNIT_ORDER = ("day", "week", "fortnight", "month", "quarter", "year", "decade", "century")
_DURATION = re.compile(r"([\w']+)\s+(?:(business|working)\s+)?(days?|weeks?|months?|quarters?|years?|decades?|"
                       r"fortnights?)\b", re.IGNORECASE)


def _unit(word: str) -> str:
    w = word.lower().split()[-1]
    return w[:-1] if w.endswith("s") else w


def business_days(d: D, n: int) -> D:
    """The n-th working day (Monday–Friday) after d (before it when n < 0)."""
    step = 1 if n > 0 else -1
    left = abs(n)
    while left:
        d += step * DAY
        if d.weekday() < 5:
            left -= 1
    return d


def durations(text: str, r: TimeRules) -> list[tuple[int, str, bool]]:
    """(count, unit, working days only) for each part of "2 years 1 month 21 days"."""
    out = []
    for m in _DURATION.finditer(text):
        n = number_of(m.group(1), r, default=0)
        if n <= 0:
            return []
        out.append((n, _unit(m.group(3)), bool(m.group(2))))
    return out


def shift_by(d: D, parts: list[tuple[int, str, bool]], sign: int) -> D:
    for n, unit, working in sorted(parts, key=lambda p: -_UNIT_ORDER.index(p[1])):
        d = business_days(d, sign * n) if working else shift(d, unit, sign * n)
    return d


def _finest(parts: list[tuple[int, str, bool]]) -> str:
    return min((p[1] for p in parts), key=_UNIT_ORDER.index)


# ---- weeks and parts of a month or year ---------------------------------------------------------

def iso_weeks(first: D, last: D) -> tuple[D, D]:
    """Mondays of the first and last Monday–Sunday week whose Thursday lies in [first, last]."""
    thu1 = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    thu2 = last - dt.timedelta(days=(last.weekday() - 3) % 7)
    return thu1 - 3 * DAY, thu2 - 3 * DAY


def _base_period(g: dict, ctx: Context, r: TimeRules) -> tuple[tuple[D, D], str, str] | None:
    """The month or year a "first/last/third … of" expression counts within."""
    if "month" in g:
        m = r.months[g["month"].lower().rstrip(".")]
        got = year_for_month(m, ctx.anchor, {"year": g["year2"]} if g.get("year2") else {}, ctx, r)
        return (month_span(got[0], m), "month", got[1]) if got else None
    if g.get("yunit", "").lower() == "month":
        if ctx.anchor is None:
            return None
        rel = g.get("yrel", "this").lower()
        step = 0 if rel in ("this", "current", "the") else relative_step(rel, r) or 0
        d = add_months(D(ctx.anchor.year, ctx.anchor.month, 1), step)
        return month_span(d.year, d.month), "month", rel
    got = relative_year(g, ctx, r)
    return ((D(got[0], 1, 1), D(got[0], 12, 31)), "year", got[1]) if got else None


def _first_n(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"the first nine months of 2022", "the third week of 2027", "the last week of this month"."""
    g = c.groups
    unit = _unit(g["unit"])
    got = _base_period(g, ctx, r)
    if got is None:
        return None
    (b0, b1), base_unit, how = got
    edge = g["edge"].lower()
    last = edge in ("last", "final")
    if "num" in g:
        n, nth = number_of(g["num"], r), None
    else:
        n, nth = 1, (None if last else ordinal_of(edge, r))
        if not last and not nth:
            return None
    if unit == "week":
        mon1, mon_n = iso_weeks(b0, b1)
        if nth:
            s = mon1 + dt.timedelta(days=7 * (nth - 1))
            if s > mon_n:
                return None
            return Resolved(s, s + 6 * DAY, "week", f"first_n:week-{nth}:{how}")
        s, e = (mon1, mon1 + dt.timedelta(days=7 * n - 1)) if not last \
            else (mon_n - dt.timedelta(days=7 * (n - 1)), mon_n + 6 * DAY)
        return Resolved(s, e, "week", f"first_n:{edge}-weeks:{how}")
    if nth and nth > 1:  # "the third month of 2021", "the 2nd quarter of next year"
        s = shift(b0, unit, nth - 1)
        e = shift(s, unit, 1) - DAY
    elif not last:
        s, e = b0, shift(b0, unit, n) - DAY
    else:
        s, e = shift(b1 + DAY, unit, -n), b1
    if e > b1 or s < b0 or (base_unit == "month" and unit != "day"):
        return None
    return Resolved(s, e, _UNIT_PRECISION.get(unit, "day"), f"first_n:{how}")


# ---- windows ----------------------------------------------------------------------------------

def _window(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"the past two years" (rolling, up to the report's day), "the next 3 days", "the last
    2 quarters" (calendar quarters), "the next 4 business days"."""
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    if "dur" in g:
        parts = durations(g["dur"], r)
    else:
        parts = [(number_of(g.get("num"), r), _unit(g["unit"]), "business" in g["unit"].lower()
                  or "working" in g["unit"].lower())]
    if not parts:
        return None
    back = relative_step(g["rel"], r) == -1
    unit = _finest(parts)
    if len(parts) == 1 and unit == "quarter":
        q0, _ = quarter_span(a.year, (a.month - 1) // 3 + 1)
        n = parts[0][0]
        s, e = (add_months(q0, -3 * n), q0 - DAY) if back else (add_months(q0, 3), add_months(q0, 3 * (n + 1)) - DAY)
        return Resolved(s, e, "quarter", f"window:quarters-{'past' if back else 'next'}")
    if back:
        s, e = shift_by(a, parts, -1), (a if not parts[0][2] else a - DAY)
        how = "past"
    else:
        s, e = a + DAY, shift_by(a, parts, 1)
        how = "next"
    return Resolved(s, e, _UNIT_PRECISION.get(unit, "day"), f"window:{how}")


def _within(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"within 30 days", "within the next 3 years", "less than 2 weeks from today": from the
    base day (the report's, or tomorrow) up to the day before the limit."""
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    parts = durations(g.get("dur") or g["dur2"], r)
    base_word = (g.get("base") or g.get("base2") or "").lower()
    if not parts:
        return None
    if not base_word and ctx.tense != "future":
        if not re.search(r"\b(?:next|coming|upcoming)\b", g.get("dur_lead", "")):
            return None  # "graduate within six years", "within a year, it was …": a span, not a date
    base = a + DAY if base_word in ("tomorrow", "tmrw") else a
    end = shift_by(base, parts, 1) - DAY
    return Resolved(base, end, _UNIT_PRECISION.get(_finest(parts), "day"), "within")


def _in_shift(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"in two weeks" names a date unless the clause is past or it measures a span ("the
    first time in two years", "the highest in five years")."""
    a = ctx.anchor
    if a is None or ctx.tense == "past":
        return None
    g = c.groups
    if ctx.tense is None and g.get("span_cue"):
        return None
    unit = _unit(g["unit"])
    n = number_of(g["num"], r)
    if unit == "fortnight":
        unit, n = "week", 2 * n
    working = "business" in g["unit"].lower() or "working" in g["unit"].lower()
    day = business_days(a, n) if working else shift(a, unit, n)
    return Resolved(day, day, "day", f"in_shift:{ctx.tense or 'unmarked'}")


# ---- relative periods -------------------------------------------------------------------------

def period_of(unit: str, d: D) -> tuple[D, D]:
    if unit == "week":
        return week_span(d)
    if unit == "weekend":
        mon, _ = week_span(d)
        return mon + dt.timedelta(days=5), mon + dt.timedelta(days=6)
    if unit == "workweek":
        mon, _ = week_span(d)
        return mon, mon + 4 * DAY
    if unit == "month":
        return month_span(d.year, d.month)
    if unit == "quarter":
        return quarter_span(d.year, (d.month - 1) // 3 + 1)
    if unit == "year":
        return D(d.year, 1, 1), D(d.year, 12, 31)
    if unit == "decade":
        y = d.year // 10 * 10
        return D(y, 1, 1), D(y + 9, 12, 31)
    y = d.year // 100 * 100
    return D(y, 1, 1), D(y + 99, 12, 31)


def _relative_period(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    unit = " ".join(g["unit"].lower().split())
    if unit in ("working week", "work week", "workweek", "business week"):
        unit = "workweek"
    rel = g.get("rel", "this").lower()
    step = 0 if rel in ("this", "current", "the") else relative_step(rel, r) or 0
    shift_unit = "week" if unit in ("weekend", "workweek") else unit
    s, e = period_of(unit, shift(a, shift_unit, step))
    if unit == "weekend" and step == 1 and s <= a:  # "next weekend" said on a weekday: the coming one
        s, e = s - dt.timedelta(days=7), e - dt.timedelta(days=7)
        if s <= a:
            s, e = s + dt.timedelta(days=7), e + dt.timedelta(days=7)
    precision = "week" if unit in ("weekend", "workweek") else _UNIT_PRECISION[unit]
    word = (g.get("part") or g.get("partof") or "").lower()
    how = rel
    if word in ("earlier", "later") and step == 0:
        s, e = (s, a) if word == "earlier" else (a, e)
        how = f"{word}-this"
    elif word in ("rest", "remainder", "remaining"):
        s = min(max(s, a), e)
        how = "rest"
    elif word:
        part = r.part_words.get(word)
        if unit in ("month", "year", "decade", "century"):
            s, e = apply_part((s, e), unit, part, r)
        elif unit == "week":
            s, e = {"early": (s, s + 2 * DAY), "mid": (s + DAY, s + 3 * DAY),
                    "late": (s + 3 * DAY, e)}[part]
        how = f"{part}-{rel}"
    return Resolved(s, e, precision, f"relative_period:{how}")


def _weekend(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return None
    mon, _ = week_span(a)
    sat = mon + dt.timedelta(days=5)
    if a.weekday() >= 5:
        return Resolved(sat, sat + DAY, "week", "weekend:current")
    if ctx.tense == "future":
        return Resolved(sat, sat + DAY, "week", "weekend:future")
    return Resolved(sat - dt.timedelta(days=7), sat - dt.timedelta(days=6), "week", "weekend:past")


_WEEK_STEP = {"last": -1, "previous": -1, "this": 0, "next": 1, "following": 1, "coming": 1}


def _weekday(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    want = r.weekdays[g["weekday"].lower()]
    weekrel = (g.get("weekrel") or g.get("weekrel2") or g.get("weekrel3") or "").lower()
    if weekrel:  # "Monday of next week", "next week Mon"
        mon, _ = week_span(a + dt.timedelta(days=7 * _WEEK_STEP[weekrel]))
        day = mon + dt.timedelta(days=want)
        return Resolved(day, day, "day", f"weekday:{weekrel}-week")
    rel_word = " ".join(g.get("rel", "").lower().split())
    back = (a.weekday() - want) % 7 or 7     # days back to the most recent one before today
    ahead = (want - a.weekday()) % 7 or 7    # days ahead to the next one after today
    if rel_word == "this":
        mon, _ = week_span(a)
        day, how = mon + dt.timedelta(days=want), "this-week"
    elif rel_word:
        rel = relative_step(rel_word, r)
        if rel == -1:
            day, how = a - dt.timedelta(days=back), "last"
        else:
            day, how = a + dt.timedelta(days=ahead), "next"
    elif want == a.weekday():
        day, how = a, "today"
    elif ctx.tense == "future":
        day, how = a + dt.timedelta(days=ahead), "future"
    else:
        day, how = a - dt.timedelta(days=back), "most-recent"
    return Resolved(day, day, "day", f"weekday:{how}")


_DEICTIC = {"yesterday": -1, "today": 0, "tomorrow": 1, "tmrw": 1, "tonight": 0, "last night": -1,
            "the day before yesterday": -2, "the day after tomorrow": 2, "the day after tmrw": 2,
            "this morning": 0, "this afternoon": 0, "this evening": 0}


def _deictic_day(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    if ctx.anchor is None:
        return None
    word = " ".join(c.groups["word"].lower().split())
    day = ctx.anchor + dt.timedelta(days=_DEICTIC[word])
    return Resolved(day, day, "day", f"deictic:{word.replace(' ', '-')}")


_BASE = {"today": 0, "now": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}


def _deictic_shift(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"3 days after tomorrow", "two months from today", "1 month 2 days before yesterday"."""
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    parts = durations(g["dur"], r)
    if not parts:
        return None
    base = a + dt.timedelta(days=_BASE[g["base"].lower()])
    day = shift_by(base, parts, -1 if g["dir"].lower() == "before" else 1)
    return Resolved(day, day, "day", "deictic_shift")


def _shift_expr(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"two years ago" (that year), "3 days later" (after the date before it), "1 month 21
    days ago" (a day: the finest unit named sets the precision)."""
    g = c.groups
    parts = durations(g["dur"], r)
    if not parts:
        return None
    parts = [(2 * n, "week", w) if u == "fortnight" else (n, u, w) for n, u, w in parts]
    direction = g["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before", "prior") else 1
    unit = _finest(parts)
    relative_to_previous = direction not in ("ago", "from now", "hence")
    prev = ctx.previous
    if relative_to_previous and prev is not None:
        s, e = shift_by(prev.start, parts, sign), shift_by(prev.end, parts, sign)
        if prev.precision == "month" and prev.end == month_end(prev.end.year, prev.end.month):
            e = month_end(e.year, e.month)
        return Resolved(s, e, prev.precision, f"shift:{direction}-previous")
    if ctx.anchor is None:
        return None
    day = shift_by(ctx.anchor, parts, sign)
    if unit == "day" or direction in ("from now", "hence"):
        return Resolved(day, day, "day", f"shift:{direction}")
    s, e = period_of(unit, day)
    return Resolved(s, e, _UNIT_PRECISION[unit], f"shift:{direction}")


def _anchored(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    prev = ctx.previous
    if prev is None:  # no date nearby to count from: count from the report's date
        if ctx.anchor is None:
            return None
        prev = Resolved(ctx.anchor, ctx.anchor, "day", "anchor")
    which = (g.get("which") or g.get("dir") or "").lower()
    unit = (g.get("unit") or g.get("which2")).lower()
    sign = -1 if which in ("previous", "preceding", "before", "earlier") else 1
    base = prev.start if sign < 0 else prev.end
    how = "previous" if prev.method != "anchor" else "report"
    s, e = period_of(unit, shift(base, unit, sign)) if unit != "day" else (shift(base, unit, sign),) * 2
    return Resolved(s, e, _UNIT_PRECISION[unit], f"anchored:{which}-{how}")


RELATIVE_RESOLVERS = {
    "first_n": _first_n, "window": _window, "within": _within, "in_shift": _in_shift,
    "relative_period": _relative_period, "weekend": _weekend, "weekday": _weekday,
    "deictic_day": _deictic_day, "deictic_shift": _deictic_shift, "shift": _shift_expr,
    "anchored_day": _anchored,
}
