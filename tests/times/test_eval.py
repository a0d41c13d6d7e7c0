"""times stage against the Recognizers-Text DateTime specs (eval/eval_dates.py), without the
spaCy model: the accuracy floor on DateTimeModel.json, and the scoring rules that keep the
number honest (a coarser interval or a different window is a miss)."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
sys.path.insert(0, str(EVAL_DIR))
import eval_dates  # noqa: E402

D = dt.date.fromisoformat
# measured 466 / 540 = 0.863 (words tense); pinned a little below
DATETIMEMODEL_FLOOR = 0.85


@pytest.fixture(scope="module")
def datetimemodel_totals():
    if not eval_dates.DATA.exists():
        pytest.skip(f"{eval_dates.DATA} not available")
    totals, excluded, _ = eval_dates.evaluate(("DateTimeModel.json",))
    return totals["DateTimeModel.json"], excluded


def test_times_eval_datetimemodel_accuracy_at_least_floor(datetimemodel_totals):
    row, _ = datetimemodel_totals
    assert row["correct"] / row["in scope"] >= DATETIMEMODEL_FLOOR


def test_times_eval_scope_is_fixed_by_expression_kind(datetimemodel_totals):
    row, excluded = datetimemodel_totals
    assert row["in scope"] == 540  # dates and date ranges with a concrete value and a reference
    assert excluded[("DateTimeModel.json", "time of day")] > 0
    assert excluded[("DateTimeModel.json", "modifier (before/after/since/until/approx/start/mid/end)")] > 0


def test_times_eval_scoring_rejects_a_coarser_interval_around_the_gold_day():
    gold = [eval_dates.Reading(D("2016-10-07"), D("2016-10-07"), "day")]
    assert eval_dates.match_rule("2016-10-01", "2016-10-31", "month", gold) is None
    assert eval_dates.match_rule("2016-10-07", "2016-10-07", "day", gold) == "R1"


def test_times_eval_scoring_named_range_end_only_for_named_ranges():
    # "from 2014 to 2018": the spec ends at 2018-01-01 (start of the last year named)
    named = [eval_dates.Reading(D("2014-01-01"), D("2018-01-01"), "range")]
    assert eval_dates.match_rule("2014-01-01", "2018-12-31", "year", named) == "R2"
    assert eval_dates.match_rule("2014-01-01", "2017-12-31", "year", named) == "R1"
    # "the last two quarters" is a window: its exclusive end may not be read as a named quarter
    window = [eval_dates.Reading(D("2019-01-01"), D("2019-07-01"), "period")]
    assert eval_dates.match_rule("2019-01-01", "2019-09-30", "quarter", window) is None
    assert eval_dates.match_rule("2019-01-01", "2019-06-30", "quarter", window) == "R1"


def test_times_eval_scoring_up_to_now_only_at_the_reference_day():
    past_3_weeks = [eval_dates.Reading(D("2016-10-17"), D("2016-11-07"), "period")]
    assert eval_dates.match_rule("2016-10-17", "2016-11-07", "week", past_3_weeks, D("2016-11-07")) == "R3"
    assert eval_dates.match_rule("2016-10-17", "2016-11-07", "week", past_3_weeks, D("2016-11-08")) is None
