"""Expressions built from two found expressions, after each has been resolved:

* ranges: "from March to May", "between 2019 and 2021", "Jan 22 to now", "today till
  tomorrow" become one expression;
* offsets: "3 days after January 12th", "two weeks before Christmas" — a duration
  before/after/from a date is that date shifted;
* spans: "for 2 weeks starting May 20th", "for 3 days from today" — a duration that
  starts on a date;
* lists: "on 18 and 19 June" is two days, not a range ("between 18 and 19 June" is one).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..records import PRECISIONS
from .resolve import resolve
from .resolve.calendar import Resolved
from .resolve.relative import durations, shift_by
from .rules import Candidate, rules

DAY = dt.timedelta(days=1)
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"\b(from|between)\s+$", re.IGNORECASE)
_RANGE_FAMILY = {"month": "month", "month_day": "day", "day_month": "day", "year": "year",
                 "season": "season", "weekday": "day", "quarter": "quarter", "iso_date": "day",
                 "numeric_date": "day", "numeric_md": "day", "holiday": "day", "deictic_day": "day",
                 "day_of_month": "day"}
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _prefix_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Offsets ("3 days after", "two weeks before") and spans ("for 2 weeks starting", "for 3
    days, from") right before a date; counts only: "a few weeks before" stays vague."""
    durs = rules().count_durations
    offset = re.compile(rf"(?P<dur>{durs})\s+(?P<dir>after|before|from|prior\s+to)\s+(?:the\s+)?$", re.I)
    span = re.compile(rf"(?:\bfor\s+)?(?P<dur>{durs})\s*,?\s+(?:starting|beginning|commencing)"
                      rf"(?:\s+(?:from|on))?\s+$|\bfor\s+(?P<dur2>{durs})\s*,?\s+from\s+$", re.I)
    return offset, span
_LIST_DAYS = re.compile(r"^(?P<d1>\S+)\s+and\s+(?:the\s+)?(?P<d2>\S+)", re.IGNORECASE)


def _coarser(p1: str, p2: str) -> str:
    return p1 if PRECISIONS.index(p1) >= PRECISIONS.index(p2) else p2


def _with_year(c: Candidate, year: str) -> Candidate:
    return Candidate(c.kind, c.start, c.end, {**c.groups, "year": year}, c.priority)


def merge_ranges(text: str, found: list[tuple[Candidate, Resolved]], ctx_of) -> list[tuple[Candidate, Resolved]]:
    """Join "from A to B" / "between A and B" / "A–B" into one expression; a lone "now" goes."""
    out: list[tuple[Candidate, Resolved]] = []
    i = 0
    while i < len(found):
        a, ra = found[i]
        if i + 1 < len(found):
            b, rb = found[i + 1]
            try:
                merged = _merge_pair(text, a, ra, b, rb, ctx_of)
            except (OverflowError, ValueError):
                merged = None
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        if a.kind != "now":
            out.append((a, ra))
        i += 1
    return out


def _merge_pair(text, a, ra, b, rb, ctx_of):
    gap = text[a.end:b.start]
    if not _RANGE_GAP.fullmatch(gap):
        return None
    lead = _RANGE_LEAD.search(text, max(0, a.start - 10), a.start)
    conn = gap.strip().lower()
    family_a, family_b = _RANGE_FAMILY.get(a.kind), _RANGE_FAMILY.get(b.kind)
    if "now" in (a.kind, b.kind):
        family_a = family_b = family_a or family_b or "now"
    # "2014 through May 2018": two dates that both name their year join across kinds
    both_dated = "year" in a.groups and ("year" in b.groups or "year2" in b.groups) and conn not in ("-", "and")
    ok = (conn == "and" and lead and lead.group(1).lower() == "between") \
        or (conn != "and" and (lead or (family_a and family_a == family_b) or both_dated))
    if not ok:
        return None
    if "year" in b.groups and "year" not in a.groups and a.kind in ("month", "month_day", "day_month", "season"):
        ra2 = resolve(_with_year(a, b.groups["year"]), ctx_of(a))
        if ra2 and ra2.start > rb.end:
            ra2 = resolve(_with_year(a, str(int(b.groups["year"]) - 1)), ctx_of(a))
        ra = ra2 or ra
    if rb.end < ra.start and "year" not in a.groups and a.kind in ("month", "month_day", "day_month"):
        # "between January 1 and September 18": the start is the one before the end
        y = rb.end.year if (ra.start.month, ra.start.day) <= (rb.end.month, rb.end.day) else rb.end.year - 1
        ra = resolve(_with_year(a, str(y)), ctx_of(a)) or ra
    if rb.end < ra.start and b.kind == "weekday":
        shift = ((ra.start - rb.end).days // 7 + 1) * 7
        rb = Resolved(rb.start + dt.timedelta(days=shift), rb.end + dt.timedelta(days=shift), rb.precision, rb.method)
    if rb.end < ra.start:
        return None
    start = lead.start() if lead else a.start
    precision = _coarser(ra.precision, rb.precision) if "now" not in (a.kind, b.kind) else \
        (rb.precision if a.kind == "now" else ra.precision)
    return (Candidate("range", start, b.end, {}, 0),
            Resolved(ra.start, rb.end, precision, f"range({ra.method},{rb.method})"))


def apply_prefixes(text: str, found: list[tuple[Candidate, Resolved]]) -> list[tuple[Candidate, Resolved]]:
    """Offsets ("3 days after January 12th") and spans ("2 weeks starting May 20th") that
    lean on the date right after them."""
    r = rules()
    offset_rx, span_rx = _prefix_patterns()
    out: list[tuple[Candidate, Resolved]] = []
    for c, res in found:
        try:
            out.append(_with_prefix(text, c, res, out, r, offset_rx, span_rx))
        except (OverflowError, ValueError):  # a shift past year 1 or 9999
            out.append((c, res))
    return out


def _with_prefix(text: str, c: Candidate, res: Resolved, out: list, r, offset_rx: re.Pattern,
                 span_rx: re.Pattern) -> tuple[Candidate, Resolved]:
    """(c, res), or the span or offset expression that ends with it."""
    lo = max(0, c.start - 60)
    if out and out[-1][0].end > lo:  # do not reach into the previous expression
        lo = out[-1][0].end
    before = text[lo:c.start]
    span = span_rx.search(before)
    if span is not None and c.kind != "deictic_shift":
        parts = durations(span.group("dur") or span.group("dur2"), r)
        if parts:
            end = shift_by(res.start, parts, 1) - DAY
            return (Candidate("span", lo + span.start(), c.end, {}, 0),
                    Resolved(res.start, end, "day", f"span({res.method})"))
    lead_for = _FOR_BEFORE.search(before)
    if c.kind == "deictic_shift" and c.groups.get("dir", "").lower() == "from" and lead_for:
        # "for 3 days from today": three days starting today, not the day three days on
        parts = durations(c.groups["dur"], r)
        if parts:
            start = shift_by(res.start, parts, -1)
            return (Candidate("span", lo + lead_for.start(), c.end, {}, 0),
                    Resolved(start, res.start - DAY, "day", "span(deictic)"))
    off = offset_rx.search(before)
    if off is not None:
        parts = durations(off.group("dur"), r)
        if parts:
            sign = -1 if off.group("dir").lower() in ("before", "prior to") else 1
            if res.precision == "day" or res.start == res.end:
                day = shift_by(res.start, parts, sign)
                shifted = Resolved(day, day, "day", f"offset({res.method})")
            else:
                shifted = Resolved(shift_by(res.start, parts, sign), shift_by(res.end, parts, sign),
                                   res.precision, f"offset({res.method})")
            return Candidate("offset", lo + off.start(), c.end, {}, 0), shifted
    return c, res


def split_day_lists(text: str, found: list[tuple[Candidate, Resolved]]) -> list[tuple[Candidate, Resolved]]:
    """"on 18 and 19 June" names two days; "between 18 and 19 June" stays a range."""
    out = []
    for c, res in found:
        raw = text[c.start:c.end]
        m = _LIST_DAYS.match(raw) if c.kind == "day_range_month" else None
        if m is None or raw.lower().startswith(("between", "from")) or res.start.month != res.end.month:
            out.append((c, res))
            continue
        d1 = res.start
        first = Candidate("day_month", c.start, c.start + len(m.group("d1")), {}, c.priority)
        second = Candidate("day_month", c.start + m.start("d2"), c.end, {}, c.priority)
        out.append((first, Resolved(d1, d1, "day", res.method + ":list")))
        out.append((second, Resolved(res.end, res.end, "day", res.method + ":list")))
    return out
