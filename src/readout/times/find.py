"""Find, resolve and combine the time expressions of one text (see the package docstring)."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from ..records import TimeExpression
from .compound import apply_prefixes, merge_ranges, split_day_lists
from .resolve import is_absolute, needs_tense, resolve
from .resolve.calendar import Context, Resolved
from .rules import Candidate, find_candidates, rules
from .tense import tense_from_tokens, tense_from_words

PREVIOUS_REACH = 400  # chars within which "a year earlier" looks back for its anchor


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


def writes_day_first(cands: list[Candidate]) -> bool:
    """A document that writes one numeric date day first ("22/04/2019") writes them all so."""
    for c in cands:
        if c.kind in ("numeric_date", "numeric_md", "numeric_range"):
            g = c.groups
            if int(g["a"]) > 12 >= int(g["b"]) or int(g.get("a2", 0)) > 12 >= int(g.get("b2", 13)):
                return True
    return False


def find_times(text: str, anchor: dt.date | None, parsed=None,
               candidates: list[Candidate] | None = None,
               tense_of: Callable[[Candidate], str | None] | None = None) -> list[TimeExpression]:
    """Resolved time expressions of `text` (relative ones only when `anchor` is known)."""
    cands = find_candidates(text) if candidates is None else candidates
    tense_of = tense_of or tense_function(text, parsed)
    day_first = writes_day_first(cands)
    found: list[tuple[Candidate, Resolved]] = []
    prev: tuple[Candidate, Resolved] | None = None

    def ctx_of(c: Candidate) -> Context:
        p = None
        if prev is not None and c.start - prev[0].end < PREVIOUS_REACH and "\n\n" not in text[prev[0].end:c.start]:
            p = prev[1]
        return Context(anchor=anchor, tense=tense_of(c) if needs_tense(c) else None, previous=p,
                       day_first=day_first)

    for c in cands:
        res = resolve(c, ctx_of(c))
        if res is None:
            continue
        found.append((c, res))
        if c.kind != "now":
            prev = (c, res)
    found = split_day_lists(text, apply_prefixes(text, merge_ranges(text, found, ctx_of)))
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
    from .fallback import resolve_entity
    for ent in ents:
        s, e = ent.start_char, ent.end_char
        if any(s < c.end and c.start < e for c in taken):
            continue
        res = resolve_entity(ent.text, anchor)
        if res is not None:
            out.append((Candidate("entity", s, e, {}, 99), res))
    return out


