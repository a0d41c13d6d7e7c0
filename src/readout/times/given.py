"""Publication dates given from outside the text: `--published`, the `published` argument
of the Python API, a JSON Lines `published` field, HTML metadata.

Absolute forms are read the same everywhere:

- ISO 8601: `2022-12-30`, `2022-12-30T08:00:00Z`, `2022-12-30 08:00` (the date as written;
  the time and zone are dropped);
- RFC 2822, as RSS feeds give it: `Fri, 30 Dec 2022 08:00:00 GMT`;
- a written date with its year: `30 December 2022`, `December 30, 2022`, `Dec 30 2022`,
  `2022/12/30`.

Relative forms — `today`, `yesterday`, `N days ago` — are accepted only where a person types
the date (`--published`, the API's `published` argument) and are resolved against the day the
command runs on this machine's local clock (`reference`, for tests); in data (a JSON Lines
field, HTML metadata) they have no reference and are refused. Anything else raises
`DateError` naming the input and the value.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re

from ..errors import DateError

D = dt.date
FORMS = "YYYY-MM-DD, '30 December 2022', 'December 30, 2022' or an RFC 2822 date"
RELATIVE_FORMS = "'today', 'yesterday', 'N days ago'"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?"
                  r"(?:Z|[+-]\d{2}(?::?\d{2})?)?)?")
_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_MONTHS = {m: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for m in names}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+)?"
_DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(_WEEKDAY + r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAYS_AGO = re.compile(r"(\d{1,4}) days? ago")


def _absolute(text: str) -> D | None:
    """The date of an absolute form; None when the text is not one. A form we read that
    names no real day ("2022-13-45") raises ValueError."""
    m = _ISO.fullmatch(text) or _SLASH.fullmatch(text)
    if m:
        return D(int(m[1]), int(m[2]), int(m[3]))
    low = " ".join(text.lower().split())
    m = _DAY_MONTH_YEAR.fullmatch(low)
    if m and m[2] in _MONTHS:
        return D(int(m[3]), _MONTHS[m[2]], int(m[1]))
    m = _MONTH_DAY_YEAR.fullmatch(low)
    if m and m[1] in _MONTHS:
        return D(int(m[3]), _MONTHS[m[1]], int(m[2]))
    if re.match(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            return None
    return None


def _relative(text: str, reference: D) -> D | None:
    low = " ".join(text.lower().split())
    if low == "today":
        return reference
    if low == "yesterday":
        return reference - dt.timedelta(days=1)
    m = _DAYS_AGO.fullmatch(low)
    return reference - dt.timedelta(days=int(m[1])) if m else None


def parse_given_date(value: str | D | None, name: str = "published", *,
                     relative: bool = False, reference: D | None = None) -> D | None:
    """The date a given value names, None for None/empty; `DateError` naming `name` (the
    option, field or input) for anything else. `relative`: also read today, yesterday, N days
    ago against `reference` (default: today on the local clock)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, D):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        got = _absolute(text)
    except ValueError:
        raise DateError(name, f"{text[:60]!r} is not a real date") from None
    if got is None and relative:
        got = _relative(text, reference or D.today())
    if got is None or not 1 <= got.year <= 9999:
        forms = FORMS + ("; or " + RELATIVE_FORMS if relative else "")
        raise DateError(name, f"{text[:60]!r} is not a date (use {forms})")
    return got


def given_date_iso(value, name: str = "published", **kw) -> str | None:
    """`parse_given_date` as an ISO string (what records store)."""
    got = parse_given_date(value, name, **kw)
    return got.isoformat() if got else None
