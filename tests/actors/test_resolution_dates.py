"""resolve_actor reads dates in their common written forms and rejects anything else clearly."""
from __future__ import annotations

import datetime as dt

import pytest

from readout.actors import resolve_actor

# the written date, and who was the German chancellor then
FORMS = [
    ("12 April 2022", "Scholz"),
    ("April 12, 2022", "Scholz"),
    ("Apr 12 2022", "Scholz"),
    ("12th April, 2022", "Scholz"),
    ("2022-04-12", "Scholz"),
    ("2022/04/12", "Scholz"),
    ("2022-04-12T09:30:00Z", "Scholz"),
    ("April 2022", "Scholz"),
    ("2022", "Scholz"),
    (2022, "Scholz"),
    (dt.date(2022, 4, 12), "Scholz"),
    (dt.datetime(2022, 4, 12, 9, 30), "Scholz"),
    ("3 October 2010", "Merkel"),
    ("October 3, 2010", "Merkel"),
    ("2010", "Merkel"),
    ("  14 May   2025 ", "Merz"),
]


@pytest.mark.parametrize("date,name", FORMS, ids=[repr(f[0]) for f in FORMS])
def test_resolution_dates_in_written_forms(date, name):
    a = resolve_actor("the German chancellor", date=date)
    assert a is not None and name in a.name, (date, a)


BAD = ["yesterday", "12/04/2022", "31 February 2022", "2022-13-01", "", "next week", "Smarch 3, 2022", 3.5]


@pytest.mark.parametrize("date", BAD, ids=[repr(b) for b in BAD])
def test_resolution_dates_not_understood_raise_naming_the_input(date):
    with pytest.raises(ValueError) as e:
        resolve_actor("the German chancellor", date=date)
    assert repr(date) in str(e.value)
