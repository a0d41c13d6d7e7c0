"""Find date expressions in text with the patterns of knowledge/time_patterns.toml.

The finder is a handful of compiled regular expressions run over the whole text (no
per-token Python loop), followed by cheap context checks on each match (a bare "May"
needs a preposition before it, "1,500 troops" is not a year, "Arab Spring" is not a
season). Overlapping matches are settled longest-first. Everything is compiled once
per process (`rules()`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import load_toml

_PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)\W*$")
_WORD_AFTER = re.compile(r"^\W*?([\w%'’]+)")


@dataclass(frozen=True, slots=True)
class TimeRules:
    patterns: tuple[tuple[str, re.Pattern, re.Pattern | None], ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    parts: dict[str, dict[str, tuple[int, int]]]
    part_words: dict[str, str]
    relative: dict[str, int]
    holidays: dict[str, tuple[int, int]]
    moveable: dict[str, int]
    ambiguous_months: frozenset[str]
    ambiguous_left: frozenset[str]
    bare_left: frozenset[str]
    year_blockers_left: frozenset[str]
    year_blockers_right: frozenset[str]
    not_dates: re.Pattern
    future_aux: frozenset[str]
    future_lemmas: frozenset[str]
    past_words: re.Pattern
    future_words: re.Pattern
    abbreviations: frozenset[str]
    trigger: re.Pattern
    version: str


def _alternation(words) -> str:
    """A regex alternation of the words, longest first, with flexible inner spaces."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]").replace("'", "['’]")
                    for w in ordered)


@lru_cache(maxsize=1)
def rules() -> TimeRules:
    lex = load_toml("time_lexicon.toml")
    pats = load_toml("time_patterns.toml")
    months = {name: int(num) for num, names in lex["months"].items() for name in names}
    weekdays = {name: int(num) for num, names in lex["weekdays"].items() for name in names}
    weekday_full = [names[0] for names in lex["weekdays"].values()]
    numbers = dict(lex["numbers"])
    ordinals = dict(lex["ordinals"])
    fill = {
        "MONTH": rf"\b(?:{_alternation(months)})",  # no closing \b: "Dec31"; patterns add it
        "WEEKDAY": rf"\b(?:{_alternation(weekday_full)})",
        "WEEKDAY_ANY": rf"\b(?:{_alternation(weekdays)})\b",
        "DAY": r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?",
        "DAYWORD": rf"\b(?:{_alternation(w for w, n in ordinals.items() if n <= 31)})\b",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)(?!\d)",
        "SEASON": rf"\b(?:{_alternation(lex['seasons'])})",
        "NUM": rf"(?:\b(?:{_alternation(numbers)})\b|\d{{1,2}}(?!\d))",
        "ORD": rf"(?:\b(?:{_alternation(ordinals)})\b|\d{{1,2}}(?:st|nd|rd|th))",
        "HOLIDAY": rf"\b(?:{_alternation(lex['holidays'])})\b",
        "MOVEABLE": rf"\b(?:{_alternation(lex['moveable_holidays'])})\b",
        "DECADE_WORD": rf"\b(?:{_alternation(lex['decade_words'])})",
    }
    compiled = []
    for p in pats["pattern"]:
        body = _PLACEHOLDER.sub(lambda m: fill[m.group(1)], p["regex"])
        requires = re.compile(p["requires"], re.IGNORECASE) if "requires" in p else None
        compiled.append((p["kind"], re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), requires))
    parts = {unit: {k: tuple(v) for k, v in table.items()} for unit, table in lex["parts"].items()}
    tense = lex["tense"]
    ctx = lex["context"]
    return TimeRules(
        patterns=tuple(compiled),
        months=months, weekdays=weekdays,
        seasons={k: tuple(v) for k, v in lex["seasons"].items()},
        numbers=numbers, ordinals=ordinals,
        decade_words=dict(lex["decade_words"]),
        parts=parts, part_words=dict(lex["part_words"]),
        relative=dict(lex["relative"]),
        holidays={k: tuple(v) for k, v in lex["holidays"].items()},
        moveable=dict(lex["moveable_holidays"]),
        ambiguous_months=frozenset(lex["ambiguous_months"]["words"]),
        ambiguous_left=frozenset(lex["ambiguous_months"]["left"]),
        bare_left=frozenset(ctx["bare_left"]),
        year_blockers_left=frozenset(ctx["year_blockers_left"]),
        year_blockers_right=frozenset(ctx["year_blockers_right"]),
        not_dates=re.compile(rf"\b(?:{_alternation(lex['not_dates']['phrases'])})\b"),
        future_aux=frozenset(tense["future_aux"]),
        future_lemmas=frozenset(tense["future_lemmas"]),
        past_words=re.compile(rf"\b(?:{_alternation(tense['past_words'])})\b", re.IGNORECASE),
        future_words=re.compile(rf"\b(?:{_alternation(tense['future_words'])})\b", re.IGNORECASE),
        trigger=re.compile("|".join([r"\d", fill["MONTH"], fill["WEEKDAY_ANY"], fill["SEASON"], fill["HOLIDAY"],
                                     fill["MOVEABLE"], fill["DECADE_WORD"], fill["DAYWORD"],
                                     r"\b(?:today|tomorrow|tmrw|yesterday|tonight|night|day|week|weekend|"
                                     r"fortnight|month|year|quarter|decade|century|noughties)"]),
                           re.IGNORECASE),
        abbreviations=frozenset(w for table in (lex["months"], lex["weekdays"])
                                for names in table.values() for w in names[1:]),
        version=f"{lex['version']}/{pats['version']}",
    )


@dataclass(slots=True)
class Candidate:
    """A matched date expression before resolution."""
    kind: str
    start: int
    end: int
    groups: dict[str, str]
    priority: int

    @property
    def length(self) -> int:
        return self.end - self.start


def word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER.search(text[pos:pos + 40])
    return m.group(1).lower() if m else ""


def _word_at_end(text: str, pos: int) -> str:
    m = re.search(r"(\w+)$", text[max(0, pos - 12):pos])
    return m.group(1) if m else ""


def _is_capitalised(s: str) -> bool:
    return bool(s) and s[0].isupper()


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" ")
    return pos == 0 or not before or before[-1] in ".!?\n\"“‘'("


def _bare(c: Candidate, *keys: str) -> bool:
    return not any(k in c.groups for k in keys)


def _accept(c: Candidate, text: str, r: TimeRules) -> bool:
    """Context checks that a regex cannot express cheaply."""
    g = c.groups
    kind = c.kind
    prev = word_before(text, c.start)
    if kind == "month":
        word = g["month"]
        lw = word.lower()
        if _bare(c, "year", "part", "partof", "rel"):
            if lw in r.ambiguous_months:
                return word[0].isupper() and lw not in r.abbreviations and prev in r.ambiguous_left
            if prev not in r.bare_left and not (_is_capitalised(word) and word_after(text, c.end) in ("'s", "’s")):
                return False
            return not (word_after(text, c.end) and _is_capitalised(text[c.end:].lstrip()[:1])
                        and prev not in r.ambiguous_left)
        return not (lw in ("may", "march") and word.islower() and "year" not in g)
    if kind in ("month_day", "day_month", "day_range_month"):
        word = g["month"]
        if word.lower() in ("may", "march", "mar") and word.islower() and "year" not in g:
            return bool(re.search(r"\d(?:st|nd|rd|th)|\bof\b", text[c.start:c.end]))
        return True
    if kind == "season":
        word = g["season"]
        if "year" in g:
            return True
        if _is_capitalised(word) and not _sentence_initial(text, c.start + text[c.start:c.end].find(word)):
            return False
        if word.lower() == "fall" and _bare(c, "rel", "part", "partof"):
            return "the" in g and prev in ("in", "during", "by", "until", "over", "since", "through") \
                and word_after(text, c.end) not in ("of", "in", "from", "to", "and")
        if _bare(c, "rel", "part", "partof", "the"):
            return prev in r.bare_left
        if "the" in g and _bare(c, "rel", "part", "partof"):
            return prev in r.bare_left and word_after(text, c.end) not in ("of",)
        return True
    if kind == "year":
        if _bare(c, "part", "partof"):
            if prev in r.year_blockers_left or text[max(0, c.start - 1):c.start] == "#":
                return False
            nxt = word_after(text, c.end)
            if nxt in r.year_blockers_right:
                return False
            if int(g["year"]) < 1700 and prev not in r.bare_left:
                return False
        return True
    if kind == "year_range":
        y1 = int(g["year"])
        y2s = g["year2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if y2 <= y1 or y2 - y1 > 100:
            return False
        conn = text[c.start:c.end]
        if re.search(r"\band\b", conn, re.I) and not re.match(r"between\b", conn, re.I):
            return False
        return True
    if kind == "day_of_month":
        return "rel" in g or text[c.end:c.end + 1] in ("", ".", ",", ";", ":", "!", "?", ")") \
            and not text[c.end:c.end + 2].startswith((".,", ".0", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9"))
    if kind == "month_range":
        conn = g["conn"].lower()
        if conn == "and" and (g.get("lead") or "").lower() != "between":
            return False
        words = (g["month"], g["month2"])
        if "year" not in g and "lead" not in g and any(w.lower() in r.abbreviations or w.islower() for w in words):
            return False
        return not any(w.lower() in ("may", "march") and w.islower() for w in words) or "year" in g
    if kind == "month_numeric":
        if g.get("sep") == "-" and len(g["month_num"]) == 2 and int(g["month_num"]) == (int(g["year"]) + 1) % 100:
            return False  # "2011-12": a season or fiscal year, read as a year range
        return True
    if kind == "numeric_date":
        a, b = int(g["a"]), int(g["b"])
        return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)
    if kind == "nth_weekday":
        return g["ord"].lower() != "last" or "month" in g or "rel" in g
    if kind == "decade" and "decade_word" in g:
        return "part" in g or text[c.start:c.start + 4].lower() == "the " and prev not in ("their", "his", "her", "my", "our", "your")
    if kind == "shift" and g.get("dir", "").lower() in ("before", "after", "prior"):
        nxt = word_after(text, c.end)
        return nxt in ("", "and", "or", "but", "when", "as", "while") or text[c.end:c.end + 2].strip()[:1] in ",.;:)"
    if kind == "anchored_day" and g.get("dir", "").lower() in ("before", "after"):
        nxt = word_after(text, c.end)
        return nxt in ("", "and", "or", "but") or text[c.end:c.end + 2].strip()[:1] in ",.;:)"
    if kind == "weekend":
        return bool(re.search(r"\bthe\s+weekend", text[c.start:c.end], re.I))
    return True


_MARGIN = 80  # no expression reaches further than this from its trigger word


def trigger_windows(text: str, r: TimeRules) -> list[tuple[int, int]]:
    """Stretches of text around words every date expression contains (a digit, a month …);
    the patterns run only there, which skips most of an article."""
    windows: list[tuple[int, int]] = []
    n = len(text)
    for m in r.trigger.finditer(text):
        lo, hi = max(0, m.start() - _MARGIN), min(n, m.end() + _MARGIN)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    # extend each window to word boundaries so no match is cut short at an edge
    out = []
    for lo, hi in windows:
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < n and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def find_candidates(text: str) -> list[Candidate]:
    """Non-overlapping date expressions in `text`, sorted by start."""
    r = rules()
    found: list[Candidate] = []
    windows = trigger_windows(text, r)
    if not windows:
        return found
    for prio, (kind, rx, requires) in enumerate(r.patterns):
        if requires is not None and not requires.search(text):
            continue  # a cheap scan rules the pattern out
        for m in (m for lo, hi in windows for m in rx.finditer(text, lo, hi)):
            if m.end() <= m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            end = m.end()
            if text[end - 1] == "." and _word_at_end(text, end - 1).lower() not in r.abbreviations:
                end -= 1
            c = Candidate(kind, m.start(), end, groups, prio)
            if _accept(c, text, r):
                found.append(c)
    if not found:
        return found
    blocked = [(m.start(), m.end()) for m in r.not_dates.finditer(text)]
    found.sort(key=lambda c: (-c.length, c.priority, c.start))
    taken: list[Candidate] = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in blocked) and c.kind not in ("moveable_holiday", "holiday"):
            continue
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    return taken
