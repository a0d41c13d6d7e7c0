"""Resolve a found date expression to a calendar interval against the publication date.

One module per family of resolvers — `absolute` (calendar dates, months, seasons, years),
`days` (week numbers, nth weekdays, holidays, "now"), `relative` (counted from the report's
date) — each with a table from pattern kind to resolver; this registry merges the tables.
`calendar` holds the date arithmetic they share.
"""
from __future__ import annotations

from ..rules import Candidate, rules
from .absolute import ABSOLUTE_RESOLVERS
from .calendar import Context, Resolved
from .days import DAY_RESOLVERS
from .relative import RELATIVE_RESOLVERS

RESOLVERS = {**ABSOLUTE_RESOLVERS, **DAY_RESOLVERS, **RELATIVE_RESOLVERS}


# kinds whose reading depends on the tense of the clause (others ignore it)
TENSE_SENSITIVE = frozenset({"in_shift", "month_day", "day_month", "day_range_month", "month", "season",
                             "quarter", "weekend", "weekday", "holiday", "numeric_md", "numeric_range",
                             "month_range", "week_of", "week_of_dom", "weekday_dom", "day_of_month",
                             "nth_weekday", "within"})


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
        return "decade" in g or "century_word" in g or g.get("decade_word", "").lower().startswith("two")
    if c.kind == "numeric_range":
        return "year" in g and ("year2" in g or "year3" in g)
    return "year" in g or "year2" in g or "year_pre" in g


def resolve(c: Candidate, ctx: Context) -> Resolved | None:
    try:
        return RESOLVERS[c.kind](c, ctx, rules())
    except (ValueError, KeyError, OverflowError):
        return None
