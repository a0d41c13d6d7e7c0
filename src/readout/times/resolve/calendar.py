"""Date arithmetic and the helpers every family of resolvers shares: the resolved interval,
the context it is resolved in, month/week/quarter spans, Easter, number and ordinal words,
and the choice between the past and the future reading of an undated expression.

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

from ..rules import TimeRules, rules


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
    day_first: bool = False           # the document writes numeric dates day first ("22/04")


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


def number_of(word: str | None, r: TimeRules, default: int = 1) -> int:
    if not word:
        return default
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    return r.numbers.get(w, r.ordinals.get(w, default))


def ordinal_of(word: str, r: TimeRules) -> int | None:
    w = word.lower().replace("\u2019", "'").strip()
    digits = "".join(ch for ch in w if ch.isdigit())
    if digits:
        return int(digits)
    return r.ordinals.get(w) or r.ordinals.get(w.replace("-", " "))


def day_of(s: str) -> int:
    digits = "".join(ch for ch in s if ch.isdigit())
    if digits:
        return int(digits)
    r = rules()
    w = " ".join(s.lower().replace("-", " ").split())
    return r.ordinals.get(w) or r.ordinals.get(w.replace(" ", "-")) or 0


def relative_step(word: str | None, r: TimeRules) -> int | None:
    if not word:
        return None
    return r.relative.get(" ".join(word.lower().split()))


def part_of(g: dict, r: TimeRules) -> str | None:
    w = g.get("part") or g.get("partof")
    return r.part_words.get(w.lower()) if w else None


def apply_part(span: tuple[D, D], unit: str, part: str | None, r: TimeRules) -> tuple[D, D]:
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


def pick_by_tense(past: D, future: D, anchor: D, tense: str | None) -> tuple[D, str]:
    """Choose between the past and the future reading of an undated expression."""
    if tense == "future":
        return future, "future"
    if tense == "past":
        return past, "past"
    return (past, "nearest") if (anchor - past) <= (future - anchor) else (future, "nearest")


# ---- reading the groups of a match ---------------------------------------------------------

def year_of(g: dict, key: str = "year") -> int | None:
    v = g.get(key)
    return int(v) if v and len(v) == 4 else None


def nearest_month_day(m: int, d: int, a: D) -> tuple[D, D] | None:
    """The (month, day) on or before the anchor and on or after it (Feb 29: leap years)."""
    past = future = None
    for k in range(8):
        past = past or safe_date((a.year if (m, d) <= (a.month, a.day) else a.year - 1) - k, m, d)
        future = future or safe_date((a.year if (m, d) >= (a.month, a.day) else a.year + 1) + k, m, d)
    return (past, future) if past and future else None


def year_for_month(m: int, a: D | None, g: dict, ctx: Context, r: TimeRules) -> tuple[int, str] | None:
    y = year_of(g)
    if y:
        return y, "explicit"
    if a is None:
        return None
    if g.get("yrel"):
        return a.year + (relative_step(g["yrel"], r) or 0), "year-relative"
    rel = relative_step(g.get("rel"), r)
    if rel == -1:
        return (a.year if m < a.month else a.year - 1), "last"
    if rel == 1:
        return (a.year if m > a.month else a.year + 1), "next"
    if rel == 0 or m == a.month:
        return a.year, "current"
    if ctx.tense == "future":
        return (a.year if m > a.month else a.year + 1), "future"
    return (a.year if m < a.month else a.year - 1), ("past" if ctx.tense == "past" else "default-past")


def relative_year(g: dict, ctx: Context, r: TimeRules) -> tuple[int, str] | None:
    y = year_of(g) or year_of(g, "year2") or year_of(g, "year_pre")
    if y:
        return y, "explicit"
    yrel = g.get("yrel") or g.get("yrel2")
    if yrel and ctx.anchor:
        rel = relative_step(yrel, r)
        return ctx.anchor.year + (rel or 0), "relative"
    return None

def shift(d: D, unit: str, n: int) -> D:
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
