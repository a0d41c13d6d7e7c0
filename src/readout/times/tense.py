"""The tense a date expression is used in: "past", "future" or None (present/unknown).

With a spaCy parse the governing verb decides (its tag and auxiliaries, and a head verb
such as "expects"/"plans" for an infinitive); without one, the nearest cue word in the
clause does. Only tense-sensitive expressions ask (bare months, weekdays, seasons …).
"""
from __future__ import annotations

import re

from .rules import TimeRules

_BOUNDARY = re.compile(r"[.!?;:\n“”\"()]")
_MODAL_BEFORE = re.compile(r"\b(?:will|shall|'ll|’ll)\s+(?:not\s+)?$")  # lower case: not "Will" (a name)
_PAST_VERB = re.compile(r"\b(?!(?:need|speed|feed|seed|proceed|exceed|succeed|indeed|bed|red|shed|hundred)\b)[a-z]{3,}ed\b")


def _classify(v, r: TimeRules) -> str | None:
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    aux_lower = {a.lower_ for a in aux}
    if v.lower_ in r.future_aux or aux_lower & r.future_aux:
        return "future"
    past_aux = any(a.tag_ == "VBD" for a in aux)
    if v.tag_ == "VBG" and any(a.lemma_ == "be" for a in aux) and v.lemma_ == "go":
        return None if past_aux else "future"
    if v.lemma_ in r.future_lemmas and not past_aux and v.tag_ != "VBD":
        return "future"
    if v.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") and c.lemma_ in r.future_lemmas for c in v.children):
        return "future"
    if v.tag_ == "VBD" or past_aux or (v.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux)):
        return "past"
    if v.tag_ == "VB" and ("to" in aux_lower or v.dep_ == "xcomp"):
        h = v.head
        for _ in range(3):
            if h is v or h.pos_ not in ("VERB", "AUX", "ADJ"):
                break
            if h.lemma_ in r.future_lemmas or h.lemma_ == "go" and h.tag_ == "VBG":
                return "future"
            if {c.lower_ for c in h.children if c.dep_ == "aux"} & r.future_aux or h.lower_ in r.future_aux:
                return "future"
            if h.dep_ not in ("xcomp", "ccomp", "conj"):
                break
            h = h.head
    return None


def tense_from_tokens(parsed, start: int, end: int, r: TimeRules) -> str | None:
    """Tense from the verb that governs the expression in the dependency parse."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    t = span.root
    hops = 0
    for _ in range(14):
        if t.lemma_ in r.future_lemmas and t.pos_ in ("ADJ", "VERB"):
            return "future"
        if t.head.i == t.i:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            found = _classify(t, r)
            # a non-finite verb without auxiliaries ("after sending …") takes its tense from above
            if found is not None or hops >= 2 or t.tag_ not in ("VBG", "VBN") \
                    or any(c.dep_ in ("aux", "auxpass") for c in t.children):
                return found
            hops += 1
    return None


def tense_from_words(text: str, start: int, end: int, r: TimeRules) -> str | None:
    """Tense from the nearest cue word in the clause around the expression (no parse)."""
    lo = start
    while lo > 0 and start - lo < 160 and not _BOUNDARY.match(text[lo - 1]):
        lo -= 1
    left = text[lo:start]
    best_pos, best = -1, None
    for rx, label in ((r.future_words, "future"), (r.past_words, "past"), (_PAST_VERB, "past")):
        for m in rx.finditer(left.lower() if rx is _PAST_VERB else left):
            if label == "past" and _MODAL_BEFORE.search(left, 0, m.start()):
                continue  # "will have", "would have been": the modal decides
            if m.start() > best_pos or (m.start() == best_pos and label == "future"):
                best_pos, best = m.start(), label
    if best:
        return best
    hi = end
    while hi < len(text) and hi - end < 120 and not _BOUNDARY.match(text[hi]):
        hi += 1
    right = text[end:hi]
    first_pos, first = len(right) + 1, None
    for rx, label in ((r.future_words, "future"), (r.past_words, "past"), (_PAST_VERB, "past")):
        m = rx.search(right.lower() if rx is _PAST_VERB else right)
        if m and m.start() < first_pos:
            first_pos, first = m.start(), label
    return first
