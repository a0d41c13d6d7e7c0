"""times: every date expression in the text, resolved against the publication date.

Finds expressions with compiled patterns over the text (times_rules), reads the tense of
each tense-sensitive one from the parse (times_tense), settles the publication date —
given, or inferred from the text (times_published) — and resolves each expression to an
inclusive interval with its precision (times_resolve). "from March to May" and "between
2019 and 2021" become one range. spaCy DATE entities the rules missed go to dateparser.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from ..config import Config
from ..pipeline import WorkItem, register_stage
from ..records import PRECISIONS, TimeExpression
from .times_published import infer_published, parse_published
from .times_resolve import Context, Resolved, is_absolute, needs_tense, resolve
from .times_rules import Candidate, find_candidates, rules
from .times_tense import tense_from_tokens, tense_from_words

_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"\b(from|between)\s+$", re.IGNORECASE)
_PREVIOUS_REACH = 400  # chars within which "a year earlier" looks back for its anchor
_RANGE_FAMILY = {"month": "month", "month_day": "day", "day_month": "day", "year": "year",
                 "season": "season", "weekday": "day", "quarter": "quarter", "iso_date": "day",
                 "numeric_date": "day", "holiday": "day"}


def tense_function(text: str, parsed=None) -> Callable[[Candidate], str | None]:
    r = rules()
    cache: dict[int, str | None] = {}

    def tense_of(c: Candidate) -> str | None:
        if c.start not in cache:
            if parsed is not None:
                cache[c.start] = tense_from_tokens(parsed, c.start, c.end, r)
            else:
                cache[c.start] = tense_from_words(text, c.start, c.end, r)
        return cache[c.start]
    return tense_of


def _coarser(p1: str, p2: str) -> str:
    return p1 if PRECISIONS.index(p1) >= PRECISIONS.index(p2) else p2


def _with_year(c: Candidate, year: str) -> Candidate:
    return Candidate(c.kind, c.start, c.end, {**c.groups, "year": year}, c.priority)


def _merge_ranges(text: str, found: list[tuple[Candidate, Resolved]], ctx_of) -> list[tuple[Candidate, Resolved]]:
    """Join "from A to B" / "between A and B" / "A–B" into one expression."""
    out: list[tuple[Candidate, Resolved]] = []
    i = 0
    while i < len(found):
        a, ra = found[i]
        if i + 1 < len(found):
            b, rb = found[i + 1]
            gap = text[a.end:b.start]
            lead = _RANGE_LEAD.search(text, max(0, a.start - 10), a.start)
            conn = gap.strip().lower()
            family_a, family_b = _RANGE_FAMILY.get(a.kind), _RANGE_FAMILY.get(b.kind)
            ok = bool(_RANGE_GAP.fullmatch(gap)) and (
                (conn == "and" and lead and lead.group(1).lower() == "between")
                or (conn != "and" and (lead or (family_a and family_a == family_b))))
            if ok:
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
                    rb = Resolved(rb.start + dt.timedelta(days=shift), rb.end + dt.timedelta(days=shift),
                                  rb.precision, rb.method)
                if rb.end >= ra.start:
                    start = lead.start() if lead else a.start
                    merged = Candidate("range", start, b.end, {}, 0)
                    out.append((merged, Resolved(ra.start, rb.end, _coarser(ra.precision, rb.precision),
                                                 f"range({ra.method},{rb.method})")))
                    i += 2
                    continue
        out.append((a, ra))
        i += 1
    return out


def find_times(text: str, anchor: dt.date | None, parsed=None,
               candidates: list[Candidate] | None = None,
               tense_of: Callable[[Candidate], str | None] | None = None) -> list[TimeExpression]:
    """Resolved time expressions of `text` (relative ones only when `anchor` is known)."""
    cands = find_candidates(text) if candidates is None else candidates
    tense_of = tense_of or tense_function(text, parsed)
    found: list[tuple[Candidate, Resolved]] = []
    prev: tuple[Candidate, Resolved] | None = None

    def ctx_of(c: Candidate) -> Context:
        p = None
        if prev is not None and c.start - prev[0].end < _PREVIOUS_REACH and "\n\n" not in text[prev[0].end:c.start]:
            p = prev[1]
        return Context(anchor=anchor, tense=tense_of(c) if needs_tense(c) else None, previous=p)

    for c in cands:
        res = resolve(c, ctx_of(c))
        if res is None:
            continue
        found.append((c, res))
        prev = (c, res)
    found = _merge_ranges(text, found, ctx_of)
    if parsed is not None and anchor is not None:
        found.extend(_fallback_entities(parsed, [c for c, _ in found], anchor))
        found.sort(key=lambda cr: cr[0].start)
    iso = anchor.isoformat() if anchor else None
    return [TimeExpression(text=text[c.start:c.end], start=c.start, end=c.end,
                           start_date=res.start.isoformat(), end_date=res.end.isoformat(),
                           precision=res.precision, anchor=None if is_absolute(c) else iso,
                           method=res.method)
            for c, res in found]


def _fallback_entities(parsed, taken: list[Candidate], anchor: dt.date) -> list[tuple[Candidate, Resolved]]:
    """spaCy DATE entities no rule covered, resolved by dateparser where it can."""
    out = []
    ents = [e for e in parsed.ents if e.label_ == "DATE"]
    if not ents:
        return out
    from .times_fallback import resolve_entity
    for ent in ents:
        s, e = ent.start_char, ent.end_char
        if any(s < c.end and c.start < e for c in taken):
            continue
        res = resolve_entity(ent.text, anchor)
        if res is not None:
            out.append((Candidate("entity", s, e, {}, 99), res))
    return out


@register_stage
class TimesStage:
    name = "times"
    requires = ("text", "parsed")
    adds = ("times", "published")

    def run(self, items: list[WorkItem], config: Config) -> None:
        for item in items:
            doc = item.document
            text = doc.text
            cands = find_candidates(text)
            tense_of = tense_function(text, item.parsed)
            anchor = parse_published(doc.published)
            if anchor is not None:
                doc.published = anchor.isoformat()
            else:
                got = infer_published(text, cands, tense_of, caption=doc.caption, title=doc.title,
                                      dateline=doc.dateline, url=doc.url)
                if got is not None:
                    anchor = got[0]
                    doc.published = anchor.isoformat()
                    doc.published_source = "inferred"
            item.published_date = anchor
            doc.times = find_times(text, anchor, item.parsed, cands, tense_of)
