"""The figures of one parsed article: each number with what it measures, its period and
who claims it (see the package docstring)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import load_toml
from ..nlp.text import parsed_text
from ..records import DateRange, Figure, Quote, TimeExpression, stable_id
from ..work import WorkItem
from .quantities import Quantity, find_quantities, number_value

MEASURE_MAX_TOKENS = 14
NAME_ENTITIES = ("DATE", "TIME", "ORDINAL", "ORG", "EVENT", "FAC", "PRODUCT", "LAW",
                 "WORK_OF_ART", "PERSON", "GPE", "LOC", "NORP")
CUT_DEPS = ("relcl", "appos", "conj", "cc", "punct", "advcl", "parataxis")
CLIMB_DEPS = ("pobj", "prep", "npadvmod", "dobj", "attr", "acomp", "advmod", "nummod",
              "quantmod", "compound", "amod", "nmod", "oprd")


@lru_cache(maxsize=1)
def figure_rules() -> dict:
    d = load_toml("units.toml")
    fr = load_toml("figure_context.toml")
    return {"time_units": frozenset(fr["counts"]["time_units"]),
            "not_counted": frozenset(fr["counts"]["not_counted"]),
            "baseline": tuple(fr["period"]["baseline_markers"]),
            "measure_preps": frozenset(fr["measure"]["preps"]),
            "number_words": re.compile(r"\b(?:" + "|".join(sorted(
                (w for w in d["words"] if w not in ("a", "an", "zero", "one")), key=len, reverse=True))
                + r")\b", re.IGNORECASE),
            "version": d["version"] + "/" + fr["version"]}


# ---- counts from the parse ---------------------------------------------------------------
def _count_quantities(parsed, sent_start: int, sent_end: int, found: list[Quantity]) -> list[Quantity]:
    """'about 1,200 troops', 'three ships': a number modifying a plural noun that is not time."""
    rules = figure_rules()
    span = parsed.char_span(sent_start, sent_end, alignment_mode="expand")
    out = []
    if span is None:
        return out
    for tok in span:
        if tok.like_num and _estimate_object(tok) is not None and not any(q.start <= tok.idx < q.end for q in found):
            v = number_value(tok.text)    # "organisers put the crowd at 20,000"
            if v is not None:
                out.append(Quantity(tok.idx, tok.idx + len(tok), v, None, "count", tok.idx))
            continue
        if not tok.like_num or tok.dep_ != "nummod" or tok.ent_type_ in NAME_ENTITIES:
            continue   # "Group of 20", "the 1990s", "Power of Siberia 2" are names and dates
        if tok.i >= 2 and parsed[tok.i - 1].lower_ == "of" and parsed[tok.i - 2].pos_ == "PROPN":
            continue   # "Group of 20": part of a name the tagger did not mark
        head = tok.head
        if head.pos_ != "NOUN" or head.lemma_.lower() in rules["time_units"] \
                or head.lemma_.lower() in rules["not_counted"]:
            continue
        if any(q.start <= tok.idx < q.end for q in found):
            continue
        first = tok
        while first.i > span.start and parsed[first.i - 1].dep_ in ("quantmod",) \
                and parsed[first.i - 1].like_num:
            first = parsed[first.i - 1]
        v = number_value(parsed_text(parsed)[first.idx:tok.idx + len(tok)])
        if v is None:
            continue
        out.append(Quantity(first.idx, tok.idx + len(tok), v, None, "count", first.idx))
    return out


ESTIMATE_VERBS = frozenset({"put", "estimate", "place", "peg", "set"})


def _estimate_object(tok):
    """The counted thing of "put the crowd at 20,000", "estimated the toll at 300"."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "at" or tok.head.head.lemma_.lower() not in ESTIMATE_VERBS:
        return None
    objs = [c for c in tok.head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return objs[0] if objs else None


# ---- measure -----------------------------------------------------------------------------
def _phrase(parsed, head, skip: set[int], extra=()) -> str | None:
    """The noun phrase of `head` (clauses, appositions, time phrases and the figure left out)."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in CUT_DEPS] + list(extra)
    while stack:
        t = stack.pop()
        if t.i in skip:
            continue
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "appos", "parataxis"))
    idx = {t.i for t in keep if t.i not in skip}
    s = e = head.i
    while s - 1 in idx:
        s -= 1
    while e + 1 in idx:
        e += 1
    run = list(parsed[s:e + 1])
    while run and run[0].dep_ == "det" or run and run[0].is_punct:
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].dep_ in ("cc", "prep", "case")):
        run.pop()
    if not run:
        return None
    run = run[:MEASURE_MAX_TOKENS]
    text = parsed_text(parsed)[run[0].idx:run[-1].idx + len(run[-1])]
    return text.strip(" ,;:") or None


def _time_tokens(parsed, times: list[TimeExpression], lo: int, hi: int) -> set[int]:
    """Tokens of time expressions in [lo, hi) and the prepositions that bring them in."""
    out: set[int] = set()
    for t in times:
        if t.end <= lo or t.start >= hi:
            continue
        span = parsed.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            out.add(tok.i)
        if span.root.dep_ == "pobj":
            out.add(span.root.head.i)
    return out


def _measure(parsed, q: Quantity, times: list[TimeExpression] = (),
             sent_bounds: tuple[int, int] | None = None) -> str | None:
    span = parsed.char_span(q.num_start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    lo, hi = sent_bounds or (q.start, q.end)
    inside = {t.i for t in span} | _time_tokens(parsed, times, lo, hi)
    rules = figure_rules()
    last = span[-1]
    root = span.root
    counted = _estimate_object(root)
    if counted is not None:
        return _phrase(parsed, counted, inside)
    # "13.8 billion cubic metres of gas …", "$70 billion in aid"
    for tok in (last, root):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in rules["measure_preps"] and c.i not in inside:
                objs = [x for x in c.children if x.dep_ == "pobj"]
                if objs:   # "…metres of gas shipped to China": the clause may hang on the unit
                    acl = [x for x in tok.children if x.dep_ == "acl" and x.i > objs[0].i]
                    return _phrase(parsed, objs[0], inside, acl)
    # "a $70 billion aid package", "1,200 troops", "second-largest supplier of gas"
    head = root.head
    if root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod") and head.i not in inside \
            and head.pos_ in ("NOUN", "PROPN") and head.i > root.i:
        return _phrase(parsed, head, inside)
    if q.unit is None and root.pos_ == "NOUN" and root.i not in {t.i for t in span[:-1]} and q.kind == "count":
        return _phrase(parsed, root, inside)
    # "imports will decline by around 19 per cent" → the subject of the verb
    cur, steps = root, 0
    while cur.head.i != cur.i and steps < 6 and cur.pos_ not in ("VERB", "AUX"):
        if cur.dep_ not in CLIMB_DEPS and cur is not root:
            break
        cur = cur.head
        steps += 1
    if cur.pos_ in ("VERB", "AUX"):
        v = cur
        for _ in range(3):
            subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")] or _left_noun(parsed, v)
            if subj:
                s = subj[0]
                if s.pos_ == "PRON":
                    return None
                return _phrase(parsed, s, inside)
            if v.dep_ in ("conj", "xcomp", "ccomp") and v.head.i != v.i:
                v = v.head
            else:
                break
    return None


def _left_noun(parsed, v) -> list:
    """'… and total exports will fall': the noun just before a verb the parser left subjectless."""
    j = v.i - 1
    floor = max(0, v.i - 6)
    while j >= floor and parsed[j].dep_ in ("aux", "auxpass", "neg", "advmod"):
        j -= 1
    if j >= floor and parsed[j].pos_ in ("NOUN", "PROPN") and not parsed[j].is_sent_start:
        return [parsed[j]]
    return []


# ---- period and claimant ----------------------------------------------------------------
def _period(text: str, q: Quantity, times: list[TimeExpression], lo: int, hi: int) -> DateRange | None:
    """The time expression in [lo, hi) nearest the figure, after it first; baselines left out."""
    baseline = figure_rules()["baseline"]
    best = None
    for t in times:
        if t.start < lo or t.end > hi or not t.start_date or not t.end_date:
            continue
        if t.start < q.end and q.start < t.end:
            continue
        between = text[min(q.end, t.start):max(q.start, t.end)].lower() if t.start >= q.end else \
            text[t.end:q.start].lower()
        before_t = text[max(lo, t.start - 25):t.start].lower()
        if t.start >= q.end and any(b in between or before_t.rstrip().endswith(b) for b in baseline):
            continue
        if t.start < q.start and any(before_t.rstrip().endswith(b) for b in baseline):
            continue
        dist = (t.start - q.end) if t.start >= q.end else (q.start - t.end) * 2 + 1
        if best is None or dist < best[0]:
            best = (dist, t)
    if best is None:
        return None
    t = best[1]
    return DateRange(t.start_date, t.end_date, t.precision)


def _enclosing_quote(quotes: list[Quote], q: Quantity) -> Quote | None:
    best = None
    for qu in quotes:
        if qu.start <= q.start and q.end <= qu.end + 1:
            if best is None or (qu.end - qu.start) < (best.end - best.start):
                best = qu
    return best


def figures_for(item: WorkItem, claimant_categories=("speech", "evidence")) -> list[Figure]:
    """The figures of one item; a claimant is the speaker of the smallest enclosing quote of
    one of `claimant_categories` (by default speech and evidence: "IMF data shows …" claims,
    "she appeared confident that …" does not)."""
    doc = item.document
    text = doc.text
    parsed = item.parsed
    figures: list[Figure] = []
    for sent in doc.sentences:
        piece = text[sent.start:sent.end]
        if not re.search(r"\d|\b(?:half|quarter|third|hundred|thousand|million|billion|largest|biggest)",
                         piece, re.IGNORECASE) and not any(
                w in piece.lower() for w in ("per cent", "percent", "dozen", "-thirds", "second-")) \
                and not figure_rules()["number_words"].search(piece):   # "six soldiers died"
            continue
        found = []
        for q in find_quantities(piece):
            q.start += sent.start
            q.end += sent.start
            q.num_start += sent.start
            found.append(q)
        if parsed is not None:
            found += _count_quantities(parsed, sent.start, sent.end, found)
        found = [q for q in found if not _is_time(q, doc.times)]
        for q in sorted(found, key=lambda q: q.start):
            quote = _enclosing_quote([x for x in doc.quotes if x.category in claimant_categories], q)
            lo, hi = (quote.start, quote.end) if quote else (sent.start, sent.end)
            figures.append(Figure(
                id=stable_id(doc.id, "figure", q.start, q.end),
                text=text[q.start:q.end], value=q.value, unit=q.unit,
                measure=_measure(parsed, q, doc.times, (sent.start, sent.end))
                if parsed is not None else None,
                period=_period(text, q, doc.times, lo, hi),
                claimant=quote.speaker if quote else None,
                start=q.start, end=q.end))
    return figures


def _is_time(q: Quantity, times: list[TimeExpression]) -> bool:
    """A number that is part of a date or time expression ('the first 11 months') is no figure."""
    if q.kind in ("money", "percent", "physical"):
        return False
    return any(t.start <= q.num_start < t.end for t in times)
