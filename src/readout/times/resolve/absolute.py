"""Resolvers for dates named on the calendar: "22 April", "March 2023", "next spring",
"the 1990s", "the third quarter", "the first half of 2024", ISO and numeric dates and
numeric ranges. A missing year comes from the publication date and the clause's tense.
"""
from __future__ import annotations

import datetime as dt

from ..rules import Candidate, TimeRules
from .calendar import (Context, Resolved, add_months, apply_part, day_of, month_end, month_span,
                       nearest_month_day, ordinal_of, part_of, pick_by_tense, quarter_span, relative_step,
                       relative_year, safe_date, year_for_month, year_of)

D = dt.date


def resolve_month_day(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    m = r.months[g["month"].lower().rstrip(".")]
    d = day_of(g["day"])
    y = year_of(g)
    if y:
        day = safe_date(y, m, d)
        return Resolved(day, day, "day", f"{c.kind}:explicit") if day else None
    a = ctx.anchor
    if a is None:
        return None
    got = nearest_month_day(m, d, a)
    if got is None:
        return None
    past, future = got
    if past == future:
        return Resolved(past, past, "day", f"{c.kind}:today")
    wd = g.get("weekday")
    if wd:  # "Friday, Dec 23": of the two readings, the one that falls on that weekday
        want = r.weekdays[wd.lower().rstrip(".")]
        hits = [x for x in (past, future) if x.weekday() == want]
        if len(hits) == 1:
            return Resolved(hits[0], hits[0], "day", f"{c.kind}:weekday")
    day, how = pick_by_tense(past, future, a, ctx.tense)
    return Resolved(day, day, "day", f"{c.kind}:{how}")


def _day_range_month(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    first = resolve_month_day(Candidate("month_day", c.start, c.end, {**{k: v for k, v in g.items() if k != "day2"}}, 0), ctx, r)
    if first is None:
        return None
    last = safe_date(first.start.year, first.start.month, day_of(g["day2"]))
    if last is not None and last < first.start:  # "April 27 to the 3rd": into the next month
        nxt = add_months(D(first.start.year, first.start.month, 1), 1)
        last = safe_date(nxt.year, nxt.month, day_of(g["day2"]))
    if last is None or last < first.start:
        return None
    return Resolved(first.start, last, "day", first.method.replace("month_day", c.kind))


def _month(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    m = r.months[g["month"].lower().rstrip(".")]
    got = year_for_month(m, ctx.anchor, g, ctx, r)
    if got is None:
        return None
    y, how = got
    s, e = apply_part(month_span(y, m), "month", part_of(g, r), r)
    return Resolved(s, e, "month", f"month:{how}")


def _season_instance(name: str, start_year: int, r: TimeRules) -> tuple[D, D]:
    m1, m2 = r.seasons[name]
    if m2 < m1:  # winter: from December into the next year
        return D(start_year, m1, 1), month_end(start_year + 1, m2)
    return D(start_year, m1, 1), month_end(start_year, m2)


def _season(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    name = g["season"].lower()
    y = year_of(g)
    a = ctx.anchor
    if y:
        s, e = _season_instance(name, y, r)
        how = "explicit"
    else:
        if a is None:
            return None
        spans = [_season_instance(name, a.year + k, r) for k in (-2, -1, 0, 1)]
        current = next((sp for sp in spans if sp[0] <= a <= sp[1]), None)
        last = max((sp for sp in spans if sp[1] < a), key=lambda sp: sp[0])
        nxt = min((sp for sp in spans if sp[0] > a), key=lambda sp: sp[0])
        rel = relative_step(g.get("rel"), r)
        if rel == -1:
            (s, e), how = last, "last"
        elif rel == 1:
            (s, e), how = nxt, "next"
        elif current is not None:
            (s, e), how = current, "current"
        elif rel == 0:
            (s, e), how = next(sp for sp in spans if sp[0].year == a.year), "this"
        elif ctx.tense == "future":
            (s, e), how = nxt, "future"
        else:
            (s, e), how = last, "default-past"
    part = part_of(g, r)
    if part:  # thirds of the season
        third = (e - s).days // 3
        if part == "early":
            e = s + dt.timedelta(days=third)
        elif part == "mid":
            s, e = s + dt.timedelta(days=third), s + dt.timedelta(days=2 * third)
        else:
            s = s + dt.timedelta(days=2 * third)
    return Resolved(s, e, "season", f"season:{how}")


def _year(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    y = int(g["year"])
    span = (D(y, 1, 1), D(y, 12, 31))
    partof = (g.get("partof") or "").lower()
    if partof.endswith("half"):
        span = (D(y, 1, 1), D(y, 6, 30)) if partof.startswith("first") else (D(y, 7, 1), D(y, 12, 31))
        return Resolved(*span, "half", "year:half")
    s, e = apply_part(span, "year", part_of(g, r), r)
    return Resolved(s, e, "year", "year:explicit")


def _year_range(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    y1 = int(g["year"])
    y2s = g["year2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    return Resolved(D(y1, 1, 1), D(y2, 12, 31), "year", "year_range:explicit")


def _decade(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    if "decade" in g:
        y = int(g["decade"])
        how = "explicit"
    elif "century_word" in g or g.get("decade_word", "").lower().startswith("two"):
        # "the nineteen seventies", "the twenty-tens", "the two thousand and tens", "the two thousands"
        word = " ".join(g.get("decade_word", "").lower().split())
        century = {"eighteen": 1800, "nineteen": 1900}.get(g.get("century_word", "").lower(), 2000)
        y = century + (0 if word == "two thousands" else 10 if word == "tens" else r.decade_words[word])
        how = "words"
    else:
        if ctx.anchor is None:
            return None
        d = int(g["decade2"]) if "decade2" in g else r.decade_words[g["decade_word"].lower()]
        y = (ctx.anchor.year // 100) * 100 + d
        if y > ctx.anchor.year:
            y -= 100
        how = "century-from-anchor"
    if y % 100 == 0 and y < 2000 and "decade" in g:  # "the 1900s" names the century
        s, e = apply_part((D(y, 1, 1), D(y + 99, 12, 31)), "century", part_of(g, r), r)
        return Resolved(s, e, "century", "decade:hundreds")
    s, e = apply_part((D(y, 1, 1), D(y + 9, 12, 31)), "decade", part_of(g, r), r)
    return Resolved(s, e, "decade", f"decade:{how}")


def _century(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    n = ordinal_of(c.groups["ord"], r)
    if not n or n > 21:
        return None
    base = (n - 1) * 100
    if base == 0:
        return None
    s, e = D(base, 1, 1), D(base + 99, 12, 31)
    part = part_of(c.groups, r)
    if part:
        lo, hi = r.parts["century"][part]
        s, e = D(base + lo - 1, 1, 1), D(base + hi - 1, 12, 31)
    return Resolved(s, e, "century", "century:ordinal")


def _quarter(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    q = int(g["qnum"]) if "qnum" in g else ordinal_of(g["ord"], r)
    if g.get("ord", "").lower() == "final":
        q = 4
    if not q or q > 4:
        return None
    if "year" in g and len(g["year"]) == 2:
        g = {**g, "year": str(2000 + int(g["year"]))}
    got = relative_year(g, ctx, r)
    a = ctx.anchor
    if got:
        y, how = got
    elif a is None:
        return None
    else:
        cq = (a.month - 1) // 3 + 1
        past = a.year if q <= cq else a.year - 1
        future = a.year if q >= cq else a.year + 1
        if q == cq:
            y, how = a.year, "current"
        elif ctx.tense == "future":
            y, how = future, "future"
        else:
            y, how = past, "past"
    return Resolved(*quarter_span(y, q), "quarter", f"quarter:{how}")


def _half(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    h = int(g["hnum"]) if "hnum" in g else (1 if g["ord"].lower() == "first" else 2)
    got = relative_year(g, ctx, r)
    if not got:
        return None
    y, how = got
    span = (D(y, 1, 1), D(y, 6, 30)) if h == 1 else (D(y, 7, 1), D(y, 12, 31))
    return Resolved(*span, "half", f"half:{how}")


def _iso(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    day = safe_date(int(g["year"]), int(g["month_num"]), int(g["day"]))
    return Resolved(day, day, "day", "iso_date") if day else None


def month_first(a: int, b: int, day_first: bool) -> tuple[int, int, str]:
    """(month, day, how) of a numeric date: US month-first unless the first number cannot be
    a month, or the document writes its dates day first and the second number can be one."""
    if a > 12 or (day_first and b <= 12):
        return b, a, "day-first"
    return a, b, "month-first"


def _full_year(v: str, anchor: D | None) -> int:
    y = int(v)
    if len(v) == 2:  # 20yy unless that is over 20 years after the anchor, then 19yy
        base = anchor.year if anchor else dt.date.today().year
        y = 2000 + y if 2000 + y <= base + 20 else 1900 + y
    return y


def _numeric(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    m, d, how = month_first(int(g["a"]), int(g["b"]), ctx.day_first)
    day = safe_date(_full_year(g["year"], ctx.anchor), m, d)
    return Resolved(day, day, "day", f"numeric_date:{how}") if day else None


def _md_day(m: int, d: int, rel: str | None, ctx: Context, r: TimeRules) -> tuple[D, str] | None:
    """A month-day without a year: "this"/"next"/"last" name the year, else nearest by tense."""
    a = ctx.anchor
    if a is None:
        return None
    step = relative_step(rel, r) if rel else None
    if step is not None:
        day = safe_date(a.year + step, m, d)
        return (day, f"{rel.lower()}-year") if day else None
    got = nearest_month_day(m, d, a)
    if got is None:
        return None
    return pick_by_tense(got[0], got[1], a, ctx.tense)


def _numeric_md(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"11/20", "on 4.22", "this Friday 5/12": a numeric month-day (the date wins over a weekday)."""
    g = c.groups
    m, d, order = month_first(int(g["a"]), int(g["b"]), ctx.day_first)
    rel = g.get("rel") if "weekday" not in g else None
    got = _md_day(m, d, rel, ctx, r)
    if got is None:
        return None
    return Resolved(got[0], got[0], "day", f"numeric_md:{order}:{got[1]}")


def _current_or_nearest(m1: int, d1: int, m2: int, d2: int, ctx: Context) -> tuple[D, D] | None:
    """A yearless range: the one under way at the report's date, else the nearest by tense."""
    a = ctx.anchor
    spans = []
    for y in (a.year - 1, a.year, a.year + 1):
        s0 = safe_date(y, m1, d1)
        e0 = safe_date(y if (m1, d1) <= (m2, d2) else y + 1, m2, d2)
        if s0 and e0:
            spans.append((s0, e0))
    current = [sp for sp in spans if sp[0] <= a <= sp[1]]
    if current:
        return current[0]
    past = [sp for sp in spans if sp[1] < a]
    future = [sp for sp in spans if sp[0] > a]
    if not (past and future):
        return (past or future or [None])[0]
    p, f = max(past), min(future)
    day, _ = pick_by_tense(p[0], f[0], a, ctx.tense)
    return p if day == p[0] else f


def _numeric_range(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    """"10/1-11/7", "from 5/1/2019-5/7/2020", "5/1-5/7, 2020": two numeric dates."""
    g = c.groups
    m1, d1, _ = month_first(int(g["a"]), int(g["b"]), ctx.day_first)
    m2, d2, _ = month_first(int(g["a2"]), int(g["b2"]), ctx.day_first)
    y2s = g.get("year2") or g.get("year3")
    if y2s:
        end = safe_date(_full_year(y2s, ctx.anchor), m2, d2)
        y1 = _full_year(g["year"], ctx.anchor) if g.get("year") else (end.year if end and (m1, d1) <= (m2, d2)
                                                                       else end.year - 1 if end else 0)
        start = safe_date(y1, m1, d1)
    elif g.get("rel") or g.get("rel2") or ctx.anchor is None:
        first = _md_day(m1, d1, g.get("rel"), ctx, r)
        if first is None:
            return None
        start = first[0]
        end = safe_date(start.year, m2, d2)
        if g.get("rel2"):
            second = _md_day(m2, d2, g["rel2"], ctx, r)
            end = second[0] if second else None
        elif end is not None and end < start:
            end = safe_date(start.year + 1, m2, d2)
    else:
        got = _current_or_nearest(m1, d1, m2, d2, ctx)
        if got is None:
            return None
        start, end = got
    if start is None or end is None or end < start:
        return None
    return Resolved(start, end, "day", "numeric_range")


ABSOLUTE_RESOLVERS = {
    "iso_date": _iso, "numeric_date": _numeric, "numeric_md": _numeric_md, "numeric_range": _numeric_range,
    "month_day": resolve_month_day, "day_month": resolve_month_day,
    "day_range_month": _day_range_month, "month": _month, "season": _season, "year": _year,
    "year_range": _year_range, "decade": _decade, "century": _century, "quarter": _quarter,
    "half": _half,
}
