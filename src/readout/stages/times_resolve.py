"""Resolve a found date expression to a calendar interval against the publication date.

News prior (differs from calendar-assistant specs): a bare weekday is the report's day
when it matches, else the most recent one unless the tense is future; a bare month or
month-day is the current month, else the most recent one (next one when future, nearest
when the tense is unknown); "next spring" is the first spring starting after the report.
Intervals are inclusive; precision says what the text supports.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .times_rules import Candidate, TimeRules, rules

D = dt.date
DAY = dt.timedelta(days=1)


@dataclass(slots=True)
class Resolved:
    start: D
    end: D
    precision: str
    method: str


@dataclass(slots=True)
class Context:
    anchor: D | None
    tense: str | None = None          # "past" | "future" | None
    previous: Resolved | None = None  # the last resolved expression before this one nearby


# ---- calendar helpers ---------------------------------------------------------------------

def month_end(y: int, m: int) -> D:
    return D(y, m, calendar.monthrange(y, m)[1])


def month_span(y: int, m: int) -> tuple[D, D]:
    return D(y, m, 1), month_end(y, m)


def add_months(d: D, n: int) -> D:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return D(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def add_years(d: D, n: int) -> D:
    return add_months(d, 12 * n)


def week_span(d: D) -> tuple[D, D]:
    monday = d - dt.timedelta(days=d.weekday())
    return monday, monday + dt.timedelta(days=6)


def quarter_span(y: int, q: int) -> tuple[D, D]:
    return D(y, 3 * q - 2, 1), month_end(y, 3 * q)


def easter(y: int) -> D:
    """Gregorian Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return D(y, month, day + 1)


def safe_date(y: int, m: int, d: int) -> D | None:
    try:
        return D(y, m, d)
    except ValueError:
        return None


def _num(word: str | None, r: TimeRules, default: int = 1) -> int:
    if not word:
        return default
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    return r.numbers.get(w, r.ordinals.get(w, default))


def _ord(word: str, r: TimeRules) -> int | None:
    w = word.lower().replace("\u2019", "'").strip()
    digits = "".join(ch for ch in w if ch.isdigit())
    if digits:
        return int(digits)
    return r.ordinals.get(w) or r.ordinals.get(w.replace("-", " "))


def _day(s: str) -> int:
    digits = "".join(ch for ch in s if ch.isdigit())
    if digits:
        return int(digits)
    r = rules()
    w = " ".join(s.lower().replace("-", " ").split())
    return r.ordinals.get(w) or r.ordinals.get(w.replace(" ", "-")) or 0


def _rel(word: str | None, r: TimeRules) -> int | None:
    if not word:
        return None
    return r.relative.get(" ".join(word.lower().split()))


def _part(g: dict, r: TimeRules) -> str | None:
    w = g.get("part") or g.get("partof")
    return r.part_words.get(w.lower()) if w else None


def _apply_part(span: tuple[D, D], unit: str, part: str | None, r: TimeRules) -> tuple[D, D]:
    if not part:
        return span
    s, e = span
    lo, hi = r.parts[unit][part]
    if unit == "month":
        return D(s.year, s.month, lo), D(s.year, s.month, min(hi, e.day))
    if unit == "year":
        return D(s.year, lo, 1), month_end(s.year, hi)
    if unit == "decade":
        return D(s.year + lo, 1, 1), D(s.year + hi, 12, 31)
    if unit == "century":
        return D(s.year + lo - 1, 1, 1), D(s.year + hi - 1, 12, 31)
    return span


def _pick(past: D, future: D, anchor: D, tense: str | None) -> tuple[D, str]:
    """Choose between the past and the future reading of an undated expression."""
    if tense == "future":
        return future, "future"
    if tense == "past":
        return past, "past"
    return (past, "nearest") if (anchor - past) <= (future - anchor) else (future, "nearest")


# ---- resolvers, one per pattern kind ------------------------------------------------------

def _year_of(g: dict, key: str = "year") -> int | None:
    v = g.get(key)
    return int(v) if v and len(v) == 4 else None


def _month_day(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    m = r.months[g["month"].lower().rstrip(".")]
    d = _day(g["day"])
    y = _year_of(g)
    if y:
        day = safe_date(y, m, d)
        return Resolved(day, day, "day", f"{c.kind}:explicit") if day else None
    wd = g.get("weekday")
    a = ctx.anchor
    if wd:  # "Friday, Dec 30": the year in which that date falls on that weekday, nearest the anchor
        want = r.weekdays[wd.lower().rstrip(".")]
        base = a.year if a else None
        if base is not None:
            for off in (0, -1, 1):
                day = safe_date(base + off, m, d)
                if day and day.weekday() == want:
                    return Resolved(day, day, "day", f"{c.kind}:weekday")
    if a is None:
        return None
    past = future = None
    for k in range(8):  # Feb 29 recurs only in leap years
        past = past or safe_date((a.year if (m, d) <= (a.month, a.day) else a.year - 1) - k, m, d)
        future = future or safe_date((a.year if (m, d) >= (a.month, a.day) else a.year + 1) + k, m, d)
    if past is None or future is None:
        return None
    if past == future:
        return Resolved(past, past, "day", f"{c.kind}:today")
    day, how = _pick(past, future, a, ctx.tense)
    return Resolved(day, day, "day", f"{c.kind}:{how}")


def _day_range_month(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    first = _month_day(Candidate("month_day", c.start, c.end, {**{k: v for k, v in g.items() if k != "day2"}}, 0), ctx, r)
    if first is None:
        return None
    last = safe_date(first.start.year, first.start.month, _day(g["day2"]))
    if last is None or last < first.start:
        return None
    return Resolved(first.start, last, "day", first.method.replace("month_day", c.kind))


def _month_year(m: int, a: D | None, g: dict, ctx: Context, r: TimeRules) -> tuple[int, str] | None:
    y = _year_of(g)
    if y:
        return y, "explicit"
    if a is None:
        return None
    if g.get("yrel"):
        return a.year + (_rel(g["yrel"], r) or 0), "year-relative"
    rel = _rel(g.get("rel"), r)
    if rel == -1:
        return (a.year if m < a.month else a.year - 1), "last"
    if rel == 1:
        return (a.year if m > a.month else a.year + 1), "next"
    if rel == 0 or m == a.month:
        return a.year, "current"
    if ctx.tense == "future":
        return (a.year if m > a.month else a.year + 1), "future"
    return (a.year if m < a.month else a.year - 1), ("past" if ctx.tense == "past" else "default-past")


def _month(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    m = r.months[g["month"].lower().rstrip(".")]
    got = _month_year(m, ctx.anchor, g, ctx, r)
    if got is None:
        return None
    y, how = got
    s, e = _apply_part(month_span(y, m), "month", _part(g, r), r)
    return Resolved(s, e, "month", f"month:{how}")


def _season_instance(name: str, start_year: int, r: TimeRules) -> tuple[D, D]:
    m1, m2 = r.seasons[name]
    if m2 < m1:  # winter: from December into the next year
        return D(start_year, m1, 1), month_end(start_year + 1, m2)
    return D(start_year, m1, 1), month_end(start_year, m2)


def _season(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    name = g["season"].lower()
    y = _year_of(g)
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
        rel = _rel(g.get("rel"), r)
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
    part = _part(g, r)
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
    s, e = _apply_part(span, "year", _part(g, r), r)
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
    else:
        if ctx.anchor is None:
            return None
        d = int(g["decade2"]) if "decade2" in g else r.decade_words[g["decade_word"].lower()]
        y = (ctx.anchor.year // 100) * 100 + d
        if y > ctx.anchor.year:
            y -= 100
        how = "century-from-anchor"
    if y % 100 == 0 and y < 2000 and "decade" in g:  # "the 1900s" names the century
        s, e = _apply_part((D(y, 1, 1), D(y + 99, 12, 31)), "century", _part(g, r), r)
        return Resolved(s, e, "century", "decade:hundreds")
    s, e = _apply_part((D(y, 1, 1), D(y + 9, 12, 31)), "decade", _part(g, r), r)
    return Resolved(s, e, "decade", f"decade:{how}")


def _century(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    n = _ord(c.groups["ord"], r)
    if not n or n > 21:
        return None
    base = (n - 1) * 100
    if base == 0:
        return None
    s, e = D(base, 1, 1), D(base + 99, 12, 31)
    part = _part(c.groups, r)
    if part:
        lo, hi = r.parts["century"][part]
        s, e = D(base + lo - 1, 1, 1), D(base + hi - 1, 12, 31)
    return Resolved(s, e, "century", "century:ordinal")


def _year_from_rel(g: dict, ctx: Context, r: TimeRules) -> tuple[int, str] | None:
    y = _year_of(g) or _year_of(g, "year2") or _year_of(g, "year_pre")
    if y:
        return y, "explicit"
    yrel = g.get("yrel") or g.get("yrel2")
    if yrel and ctx.anchor:
        rel = _rel(yrel, r)
        return ctx.anchor.year + (rel or 0), "relative"
    return None


def _quarter(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    q = int(g["qnum"]) if "qnum" in g else _ord(g["ord"], r)
    if g.get("ord", "").lower() == "final":
        q = 4
    if not q or q > 4:
        return None
    if "year" in g and len(g["year"]) == 2:
        g = {**g, "year": str(2000 + int(g["year"]))}
    got = _year_from_rel(g, ctx, r)
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
    got = _year_from_rel(g, ctx, r)
    if not got:
        return None
    y, how = got
    span = (D(y, 1, 1), D(y, 6, 30)) if h == 1 else (D(y, 7, 1), D(y, 12, 31))
    return Resolved(*span, "half", f"half:{how}")


_UNIT_PRECISION = {"day": "day", "week": "week", "fortnight": "week", "month": "month",
                   "quarter": "quarter", "year": "year", "decade": "decade", "century": "century"}


def _unit(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") else w


def _shift(d: D, unit: str, n: int) -> D:
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit in ("week", "fortnight"):
        return d + dt.timedelta(days=(14 if unit == "fortnight" else 7) * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "year":
        return add_years(d, n)
    if unit == "decade":
        return add_years(d, 10 * n)
    return add_years(d, 100 * n)


def _first_n(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    unit = _unit(g["unit"])
    n = _num(g.get("num"), r)
    if "month" in g:
        m = r.months[g["month"].lower().rstrip(".")]
        got = _month_year(m, ctx.anchor, {"year": g.get("year2")} if g.get("year2") else {}, ctx, r)
        if not got:
            return None
        base = month_span(got[0], m)
        how = got[1]
    else:
        got = _year_from_rel(g, ctx, r)
        if not got:
            return None
        base = (D(got[0], 1, 1), D(got[0], 12, 31))
        how = got[1]
    if g["edge"].lower() == "first":
        s, e = base[0], _shift(base[0], unit, n) - DAY
    else:
        s, e = _shift(base[1] + DAY, unit, -n), base[1]
    if e > base[1] or s < base[0]:
        return None
    return Resolved(s, e, _UNIT_PRECISION.get(unit, "day"), f"first_n:{how}")


def _window(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    unit = _unit(g["unit"])
    n = _num(g.get("num"), r)
    back = _rel(g["rel"], r) == -1
    if back:
        s, e = _shift(a, unit, -n), a
        how = "past"
    else:
        s, e = a + DAY, _shift(a, unit, n)
        how = "next"
    return Resolved(s, e, _UNIT_PRECISION.get(unit, "day"), f"window:{how}")


def _period_of(unit: str, d: D) -> tuple[D, D]:
    if unit == "week":
        return week_span(d)
    if unit == "weekend":
        mon, _ = week_span(d)
        return mon + dt.timedelta(days=5), mon + dt.timedelta(days=6)
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
    unit = g["unit"].lower()
    rel = g.get("rel", "this").lower()
    step = 0 if rel in ("this", "current", "the") else _rel(rel, r) or 0
    shift_unit = "week" if unit == "weekend" else unit
    s, e = _period_of(unit, _shift(a, shift_unit, step))
    if unit == "weekend" and step == 1 and s <= a:  # "next weekend" said on a weekday: the coming one
        s, e = s - dt.timedelta(days=7), e - dt.timedelta(days=7)
        if s <= a:
            s, e = s + dt.timedelta(days=7), e + dt.timedelta(days=7)
    precision = "week" if unit == "weekend" else _UNIT_PRECISION[unit]
    word = (g.get("part") or g.get("partof") or "").lower()
    how = rel
    if word in ("earlier", "later") and step == 0:
        s, e = (s, a) if word == "earlier" else (a, e)
        how = f"{word}-this"
    elif word in ("rest", "remainder"):
        s = min(max(s, a), e)
        how = "rest"
    elif word:
        part = r.part_words.get(word)
        if unit in ("month", "year", "decade", "century"):
            s, e = _apply_part((s, e), unit, part, r)
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


def _weekday(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return None
    g = c.groups
    want = r.weekdays[g["weekday"].lower()]
    weekrel = g.get("weekrel") or g.get("weekrel2") or g.get("weekrel3")
    if weekrel and weekrel.lower() == "previous":
        weekrel = "last"
    if weekrel:
        step = {"last": -1, "this": 0, "next": 1}[weekrel.lower()]
        mon, _ = week_span(a + dt.timedelta(days=7 * step))
        day = mon + dt.timedelta(days=want)
        return Resolved(day, day, "day", f"weekday:{weekrel.lower()}-week")
    rel_word = " ".join(g.get("rel", "").lower().split())
    back = (a.weekday() - want) % 7 or 7     # days back to the most recent one before today
    ahead = (want - a.weekday()) % 7 or 7    # days ahead to the next one after today
    if rel_word == "this":
        mon, _ = week_span(a)
        day, how = mon + dt.timedelta(days=want), "this-week"
    elif rel_word:
        rel = _rel(rel_word, r)
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


def _shift_expr(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    unit = _unit(g["unit"])
    n = _num(g.get("num"), r)
    direction = g["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before", "prior") else 1
    if unit == "fortnight":
        unit, n = "week", 2 * n
    relative_to_previous = direction not in ("ago", "from now", "hence")
    prev = ctx.previous
    if relative_to_previous and prev is not None:
        s, e = _shift(prev.start, unit, sign * n), _shift(prev.end, unit, sign * n)
        if prev.precision == "month" and prev.end == month_end(prev.end.year, prev.end.month):
            e = month_end(e.year, e.month)
        return Resolved(s, e, prev.precision, f"shift:{direction}-previous")
    if ctx.anchor is None:
        return None
    day = _shift(ctx.anchor, unit, sign * n)
    if unit == "day":
        return Resolved(day, day, "day", f"shift:{direction}")
    s, e = _period_of(unit, day)
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
    s, e = _period_of(unit, _shift(base, unit, sign)) if unit != "day" else (_shift(base, unit, sign),) * 2
    return Resolved(s, e, _UNIT_PRECISION[unit], f"anchored:{which}-{how}")


def _holiday(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    name = " ".join(g["holiday"].lower().replace("\u2019", "'").split())
    if c.kind == "holiday":
        m, d = r.holidays[name]
        on_year = lambda y: safe_date(y, m, d)  # noqa: E731
    else:
        offset = r.moveable[name]
        on_year = lambda y: easter(y) + dt.timedelta(days=offset)  # noqa: E731
    y = _year_of(g)
    a = ctx.anchor
    if y:
        day, how = on_year(y), "explicit"
    elif a is None:
        return None
    else:
        this = on_year(a.year)
        past = this if this <= a else on_year(a.year - 1)
        future = this if this >= a else on_year(a.year + 1)
        rel = _rel(g.get("rel"), r)
        if rel == 0:
            day, how = this, "this"
        elif rel == -1:
            day, how = (past if past < a else on_year(a.year - 1)), "last"
        elif rel == 1:
            day, how = (future if future > a else on_year(a.year + 1)), "next"
        else:
            day, how = _pick(past, future, a, ctx.tense)
    if day is None:
        return None
    return Resolved(day, day, "day", f"{c.kind}:{how}")


def _iso(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    day = safe_date(int(g["year"]), int(g["month_num"]), int(g["day"]))
    return Resolved(day, day, "day", "iso_date") if day else None


def _numeric(c: Candidate, ctx: Context, r: TimeRules) -> Resolved | None:
    g = c.groups
    a, b, y = int(g["a"]), int(g["b"]), int(g["year"])
    if len(g["year"]) == 2:  # 20yy unless that is over 20 years after the anchor, then 19yy
        base = ctx.anchor.year if ctx.anchor else dt.date.today().year
        y = 2000 + y if 2000 + y <= base + 20 else 1900 + y
    m, d, how = (a, b, "us") if a <= 12 else (b, a, "day-first")
    day = safe_date(y, m, d)
    return Resolved(day, day, "day", f"numeric_date:{how}") if day else None


RESOLVERS = {
    "iso_date": _iso, "numeric_date": _numeric, "month_day": _month_day, "day_month": _month_day,
    "day_range_month": _day_range_month, "month": _month, "season": _season, "year": _year,
    "year_range": _year_range, "decade": _decade, "century": _century, "quarter": _quarter,
    "half": _half, "first_n": _first_n, "window": _window, "relative_period": _relative_period,
    "weekend": _weekend, "shift": _shift_expr, "anchored_day": _anchored,
    "deictic_day": _deictic_day, "weekday": _weekday, "holiday": _holiday,
    "moveable_holiday": _holiday,
}

# kinds whose reading depends on the tense of the clause (others ignore it)
TENSE_SENSITIVE = frozenset({"in_shift", "month_day", "day_month", "day_range_month", "month", "season",
                             "quarter", "weekend", "weekday", "holiday", "moveable_holiday",
                             "month_range", "week_of", "weekday_dom", "day_of_month", "nth_weekday"})


def needs_tense(c: Candidate) -> bool:
    if c.kind not in TENSE_SENSITIVE:
        return False
    g = c.groups
    return not any(k in g for k in ("year", "rel", "weekrel", "weekrel2", "weekrel3", "yrel", "yrel2", "year_pre"))


def is_absolute(c: Candidate) -> bool:
    """Whether the expression resolves without a publication date."""
    g = c.groups
    if c.kind in ("iso_date", "numeric_date", "year", "year_range", "century", "half", "month_numeric"):
        return c.kind != "half" or "year" in g
    if c.kind == "decade":
        return "decade" in g
    return "year" in g or "year2" in g or "year_pre" in g


from .times_resolve_more import MORE_RESOLVERS  # noqa: E402  (they use the helpers above)

RESOLVERS.update(MORE_RESOLVERS)


def resolve(c: Candidate, ctx: Context) -> Resolved | None:
    try:
        return RESOLVERS[c.kind](c, ctx, rules())
    except (ValueError, KeyError, OverflowError):
        return None
