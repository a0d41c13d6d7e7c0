"""Resolvers for the less common forms: numeric months, month ranges, week numbers,
"the first Friday of July", "Friday the 15th", "the 20th of next month", "the week of
April 10", "the year after next", "year to date", holidays (fixed, Easter-based and
weekday-based: "Labor Day weekend", "Thanksgiving 2023") and "now" as a range end.
"""
from __future__ import annotations

import datetime as dt

from ..rules import Candidate, TimeRules
from .absolute import resolve_month_day
from .calendar import (DAY, Context, Resolved, day_of, easter, month_end, month_span, pick_by_tense,
                       relative_step, safe_date, shift, week_span, year_for_month, year_of)
from .relative import period_of

D = dt.date


def _month_numeric(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    y, m = int(g["year"]), int(g["month_num"])
    return Resolved(*month_span(y, m), "month", "month_numeric:explicit")


def _month_range(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"from March to May (2021)": the end month fixes the year; the start is at or before it."""
    g = c.groups
    m1 = r.months[g["month"].lower().rstrip(".")]
    m2 = r.months[g["month2"].lower().rstrip(".")]
    got = year_for_month(m2, ctx.anchor, {k: v for k, v in g.items() if k == "year"}, ctx, r)
    if got is None:
        return None
    y2, how = got
    if "year" not in g and ctx.anchor is not None and ctx.tense != "future" and m1 <= m2 \
            and D(y2, m1, 1) > ctx.anchor:
        y2 -= 1  # a past range has begun
    y1 = y2 if m1 <= m2 else y2 - 1
    if ctx.tense == "future" and "year" not in g and ctx.anchor and month_end(y2, m2) < ctx.anchor:
        y1, y2 = y1 + 1, y2 + 1
    return Resolved(D(y1, m1, 1), month_end(y2, m2), "month", f"month_range:{how}")


def _week_of(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    day = resolve_month_day(Candidate("month_day", c.start, c.end, dict(c.groups), 0), ctx, r)
    if day is None:
        return None
    s, e = week_span(day.start)
    return Resolved(s, e, "week", day.method.replace("month_day", "week_of"))


def _week_of_dom(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"the week of the 18th": the week of the nearest 18th."""
    day = _day_of_month(Candidate("day_of_month", c.start, c.end, dict(c.groups), 0), ctx, r)
    if day is None:
        return None
    s, e = week_span(day.start)
    return Resolved(s, e, "week", day.method.replace("day_of_month", "week_of_dom"))


def _week_number(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """ISO 8601 week numbers ("week 31")."""
    g = c.groups
    y = year_of(g) or (ctx.anchor.year + (relative_step(g.get("yrel"), r) or 0) if ctx.anchor else None)
    if y is None:
        return None
    try:
        s = D.fromisocalendar(y, int(g["wnum"]), 1)
    except ValueError:
        return None
    return Resolved(s, s + dt.timedelta(days=6), "week", "week_number:iso")


def _nth_weekday_of(y: int, m: int, want: int, n: int) -> D | None:
    if n == -1:
        last = month_end(y, m)
        return last - dt.timedelta(days=(last.weekday() - want) % 7)
    first = D(y, m, 1)
    day = first + dt.timedelta(days=(want - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == m else None


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "fifth": 5, "5th": 5, "last": -1}


def _nth_weekday(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    a = ctx.anchor
    want = r.weekdays[g["weekday"].lower()]
    n = _NTH[g["ord"].lower()]
    if "month" in g:
        m = r.months[g["month"].lower().rstrip(".")]
        got = year_for_month(m, a, {k: v for k, v in g.items() if k == "year"}, ctx, r)
        if got is None:
            return None
        y, how = got
    elif a is None:
        return None
    else:
        step = 0 if g.get("rel", "this").lower() in ("this", "current", "the") else (relative_step(g["rel"], r) or 0)
        first = D(a.year, a.month, 1)
        y, m = (first.year, first.month) if step == 0 else \
            ((first + dt.timedelta(days=32)).year, (first + dt.timedelta(days=32)).month) if step > 0 else \
            ((first - DAY).year, (first - DAY).month)
        how = g.get("rel", "this").lower()
    day = _nth_weekday_of(y, m, want, n)
    return Resolved(day, day, "day", f"nth_weekday:{how}") if day else None


def _weekday_dom(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"Friday the 15th": the nearest month (past or future by tense) whose 15th is a Friday."""
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    want = r.weekdays[g["weekday"].lower()]
    d = day_of(g["day"])
    past = future = None
    for k in range(0, 40):
        y, m = divmod(a.month - 1 - k, 12)
        day = safe_date(a.year + y, m + 1, d)
        if past is None and day and day <= a and day.weekday() == want:
            past = day
        y, m = divmod(a.month - 1 + k, 12)
        day = safe_date(a.year + y, m + 1, d)
        if future is None and day and day >= a and day.weekday() == want:
            future = day
    if past is None or future is None:
        return None
    day, how = pick_by_tense(past, future, a, ctx.tense)
    return Resolved(day, day, "day", f"weekday_dom:{how}")


def _day_of_month(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    d = day_of(g["day"])
    if not 1 <= d <= 31:
        return None
    if "rel" in g:
        step = relative_step(g["rel"], r) or 0
        first = D(a.year, a.month, 1)
        base = first if step == 0 else (first + dt.timedelta(days=32) if step > 0 else first - DAY)
        day = safe_date(base.year, base.month, d)
        return Resolved(day, day, "day", f"day_of_month:{g['rel'].lower()}") if day else None
    this = safe_date(a.year, a.month, d)
    prev_m = D(a.year, a.month, 1) - DAY
    next_m = D(a.year, a.month, 1) + dt.timedelta(days=32)
    past = this if this and this <= a else safe_date(prev_m.year, prev_m.month, d)
    future = this if this and this >= a else safe_date(next_m.year, next_m.month, d)
    if past is None or future is None:
        return None
    day, how = pick_by_tense(past, future, a, ctx.tense)
    return Resolved(day, day, "day", f"day_of_month:{how}")


def _day_range_relmonth(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"from 4 to 22 this month", "4 till 23 of next month"."""
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    step = relative_step(g["rel"], r) or 0
    first = D(a.year, a.month, 1)
    base = first if step == 0 else (first + dt.timedelta(days=32) if step > 0 else first - DAY)
    s, e = safe_date(base.year, base.month, day_of(g["day"])), safe_date(base.year, base.month, day_of(g["day2"]))
    if s is None or e is None or e < s:
        return None
    return Resolved(s, e, "day", f"day_range_relmonth:{g['rel'].lower()}")


def _after_next(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return None
    unit = c.groups["unit"].lower()
    s, e = period_of(unit, shift(a, "week" if unit == "weekend" else unit, 2))
    return Resolved(s, e, "week" if unit == "weekend" else unit, "after_next")


def _year_to_date(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    a = ctx.anchor
    return Resolved(D(a.year, 1, 1), a, "day", "year_to_date") if a else None


def _holiday_on(name: str, r: TimeRules):
    """A function year → date of the named holiday."""
    if name in r.holidays:
        m, d = r.holidays[name]
        return lambda y: safe_date(y, m, d)
    if name in r.moveable:
        offset = r.moveable[name]
        return lambda y: easter(y) + dt.timedelta(days=offset)
    m, weekday, n, offset = r.weekday_holidays[name]
    return lambda y: _nth_weekday_of(y, m, weekday, n) + dt.timedelta(days=offset)


def _holiday_weekend(day: D) -> tuple[D, D]:
    """The long weekend a holiday belongs to: Saturday–Monday for a Monday holiday,
    Thursday/Friday–Sunday for one late in the week, else the Saturday–Sunday around it."""
    wd = day.weekday()
    if wd == 0:
        return day - 2 * DAY, day
    if wd in (3, 4):
        return day, day + dt.timedelta(days=6 - wd)
    sat = day - dt.timedelta(days=(wd - 5) % 7)
    return sat, sat + DAY


def _holiday(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    name = " ".join(g["holiday"].lower().replace("\u2019", "'").split())
    on_year = _holiday_on(name, r)
    y = year_of(g)
    a = ctx.anchor
    if y:
        day, how = on_year(y), "explicit"
    elif a is None:
        return None
    elif g.get("yrel"):
        day, how = on_year(a.year + (relative_step(g["yrel"], r) or 0)), "year-relative"
    else:
        this = on_year(a.year)
        past = this if this <= a else on_year(a.year - 1)
        future = this if this >= a else on_year(a.year + 1)
        rel = relative_step(g.get("rel"), r)
        if rel == 0:
            day, how = this, "this"
        elif rel == -1:
            day, how = (past if past < a else on_year(a.year - 1)), "last"
        elif rel == 1:
            day, how = (future if future > a else on_year(a.year + 1)), "next"
        else:
            day, how = pick_by_tense(past, future, a, ctx.tense)
    if day is None:
        return None
    if "weekend" in g or "weekend_pre" in g:
        return Resolved(*_holiday_weekend(day), "week", f"holiday-weekend:{how}")
    return Resolved(day, day, "day", f"holiday:{how}")


def _now(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"now", "date" in "to date": the report's day — kept only as the end of a range."""
    a = ctx.anchor
    return Resolved(a, a, "day", "now") if a else None


DAY_RESOLVERS = {
    "month_numeric": _month_numeric, "month_range": _month_range, "week_of": _week_of,
    "week_of_dom": _week_of_dom, "week_number": _week_number, "nth_weekday": _nth_weekday,
    "weekday_dom": _weekday_dom, "day_of_month": _day_of_month, "after_next": _after_next,
    "year_to_date": _year_to_date, "holiday": _holiday, "now": _now,
    "day_range_relmonth": _day_range_relmonth,
}
