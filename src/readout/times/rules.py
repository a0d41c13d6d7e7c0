"""Find date expressions in text with the patterns of knowledge/time_patterns.toml.

One pass over the text's word tokens marks the trigger words of each class (a digit, a
month, a weekday, a unit such as "week" …); each compiled pattern then runs only within
80 characters of a word of its own class, which skips most of an article. Cheap context
checks follow on each match (a bare "May" needs a preposition before it, "1,500 troops"
is not a year, "Arab Spring" is not a season, "a 2/3 majority" is not a date), years and
days written in words become digits, and overlapping matches are settled longest-first.
Everything is compiled once per process (`rules()`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import load_toml
from .numbers import day_words_value, fragments, year_words_value

_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)\W*$")
_WORD_AFTER = re.compile(r"^\W*?([\w%'’]+)")


@dataclass(frozen=True, slots=True)
class TimeRules:
    patterns: tuple[tuple[str, re.Pattern, int], ...]
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
    weekday_holidays: dict[str, tuple[int, ...]]
    count_durations: str
    ambiguous_months: frozenset[str]
    ambiguous_left: frozenset[str]
    bare_left: frozenset[str]
    context: dict[str, frozenset[str]]
    span_cue: re.Pattern
    year_blockers_left: frozenset[str]
    year_blockers_right: frozenset[str]
    not_dates: re.Pattern
    future_aux: frozenset[str]
    future_lemmas: frozenset[str]
    past_words: re.Pattern
    future_words: re.Pattern
    abbreviations: frozenset[str]
    trigger_words: dict[str, int]
    version: str


def _alternation(words) -> str:
    """A regex alternation of the words, longest first, with flexible inner spaces."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]").replace("'", "['’]")
                    for w in ordered)


# classes of trigger words: a pattern runs only near a word of one of its classes
DIGIT, MONTH, WEEKDAY, SEASON, HOLIDAY, UNIT, NUMWORD = (1 << i for i in range(7))
TRIGGER_CLASSES = {"digit": DIGIT, "month": MONTH, "weekday": WEEKDAY, "season": SEASON,
                   "holiday": HOLIDAY, "unit": UNIT, "numword": NUMWORD}
_SPLIT_WORDS = re.compile(r"[A-Za-z]+")


def _trigger_words(lex: dict, months, weekdays, holiday_names) -> dict[str, int]:
    words: dict[str, int] = {}

    def add(ws, cls):
        for w in ws:
            for part in _SPLIT_WORDS.findall(w.lower()):
                words[part] = words.get(part, 0) | cls
    add(months, MONTH)
    add(weekdays, WEEKDAY)
    add(lex["seasons"], SEASON)
    add((w for name in holiday_names for w in _SPLIT_WORDS.findall(name)
         if len(w) >= 3 and w.lower() not in ("day", "days", "year", "the", "eve")), HOLIDAY)
    add(lex["triggers"]["units"], UNIT)
    add([*lex["cardinals"], *lex["ordinals"], *lex["decade_words"], *lex["triggers"]["number_words"]], NUMWORD)
    return words


@lru_cache(maxsize=1)
def rules() -> TimeRules:
    lex = load_toml("time_lexicon.toml")
    pats = load_toml("time_patterns.toml")
    months = {name: int(num) for num, names in lex["months"].items() for name in names}
    weekdays = {name: int(num) for num, names in lex["weekdays"].items() for name in names}
    weekday_full = [names[0] for names in lex["weekdays"].values()]
    numbers = dict(lex["numbers"])
    ordinals = dict(lex["ordinals"])
    words = fragments()
    ctx = lex["context"]
    holiday_names = [*lex["holidays"], *lex["moveable_holidays"], *lex["weekday_holidays"]]
    fill = {
        "MONTH": rf"\b(?:{_alternation(months)})",  # no closing \b: "Dec31"; patterns add it
        "WEEKDAY": rf"\b(?:{_alternation(weekday_full)})",
        "WEEKDAY_ANY": rf"\b(?:{_alternation(weekdays)})\b",
        "DAY": r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?",
        "DAYWORD": rf"\b(?:{_alternation(w for w, n in ordinals.items() if n <= 31)})\b",
        # a year attached to a month or day: digits, words, or two digits after "of" / an apostrophe
        "YEAR": rf"(?:(?:1\d\d\d|2[01]\d\d)(?!\d)|{words['YEAR_WORDS']}|(?<=of\s)['’]?\d\d(?![\d,.:])|['’]\d\d(?![\d,.:]))",
        "YEAR4": r"(?:1\d\d\d|2[01]\d\d)(?!\d)",
        "YEAR_WORDS": words["YEAR_WORDS"],
        "DAYNUM_WORDS": words["DAYNUM_WORDS"],
        "DAYNUM_WORDS_BARE": words["DAYNUM_WORDS_BARE"],
        "SEASON": rf"\b(?:{_alternation(lex['seasons'])})",
        "NUM": rf"(?:\b(?:{_alternation(numbers)})\b|\d{{1,2}}(?!\d))",
        "ORD": rf"(?:\b(?:{_alternation(ordinals)})\b|\d{{1,2}}(?:st|nd|rd|th))",
        "HOLIDAY": rf"\b(?:{_alternation(holiday_names)})\b",
        "DECADE_WORD": rf"\b(?:{_alternation(lex['decade_words'])})",
    }
    fill["DURATION"] = (rf"{fill['NUM']}\s+(?:(?:business|working)\s+)?"
                        r"(?:days?|weeks?|months?|quarters?|years?|decades?|fortnights?)\b")
    fill["DURATIONS"] = rf"{fill['DURATION']}(?:(?:\s*,\s*|\s+and\s+|\s+){fill['DURATION']})*"
    counts = [w for w in numbers if w not in ctx["vague_numbers"]]
    count_duration = (rf"(?:\b(?:{_alternation(counts)})\b|\d{{1,3}})\s+(?:(?:business|working)\s+)?"
                      r"(?:days?|weeks?|months?|years?|fortnights?)\b")
    count_durations = rf"{count_duration}(?:(?:\s*,\s*|\s+and\s+|\s+){count_duration})*"
    compiled = []
    for p in pats["pattern"]:
        body = _PLACEHOLDER.sub(lambda m: fill[m.group(1)], p["regex"])
        mask = 0
        for name in p["trigger"]:
            mask |= TRIGGER_CLASSES[name]
        compiled.append((p["kind"], re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), mask))
    parts = {unit: {k: tuple(v) for k, v in table.items()} for unit, table in lex["parts"].items()}
    tense = lex["tense"]
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
        weekday_holidays={k: tuple(v) for k, v in lex["weekday_holidays"].items()},
        count_durations=count_durations,
        ambiguous_months=frozenset(lex["ambiguous_months"]["words"]),
        ambiguous_left=frozenset(lex["ambiguous_months"]["left"]),
        bare_left=frozenset(ctx["bare_left"]),
        context={k: frozenset(v) for k, v in ctx.items()},
        span_cue=re.compile(rf"\b(?:{_alternation(ctx['span_cues'])}|\w+est)\W+(?:\w+\W+){{0,2}}$", re.IGNORECASE),
        year_blockers_left=frozenset(ctx["year_blockers_left"]),
        year_blockers_right=frozenset(ctx["year_blockers_right"]),
        not_dates=re.compile(rf"\b(?:{_alternation(lex['not_dates']['phrases'])})\b"),
        future_aux=frozenset(tense["future_aux"]),
        future_lemmas=frozenset(tense["future_lemmas"]),
        past_words=re.compile(rf"\b(?:{_alternation(tense['past_words'])})\b", re.IGNORECASE),
        future_words=re.compile(rf"\b(?:{_alternation(tense['future_words'])})\b", re.IGNORECASE),
        trigger_words=_trigger_words(lex, months, weekdays, holiday_names),
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
        if _bare(c, "year", "part", "partof", "rel", "yrel"):
            if lw in r.ambiguous_months:
                return word[0].isupper() and lw not in r.abbreviations and prev in r.ambiguous_left
            if prev not in r.bare_left and not (_is_capitalised(word) and word_after(text, c.end) in ("'s", "’s")):
                return False
            return not (word_after(text, c.end) and _is_capitalised(text[c.end:].lstrip()[:1])
                        and prev not in r.ambiguous_left)
        # lower-case "may"/"march" is a verb unless a year follows it ("2100 may sound …")
        return not (lw in ("may", "march") and word.islower() and ("year" not in g or text[c.start].isdigit()))
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
        if not text[c.end - 1].isdigit() and "part" not in g:  # a year in words stands alone
            return prev in r.context["year_words_left"] and int(g["year"]) >= 1000
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
        if "rel" in g:
            return True
        raw = text[c.start:c.end].lower()
        ordinal = bool(re.search(r"\d(?:st|nd|rd|th)\b|(?:fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                                 r"eleventh|twelfth|teenth|tieth|first|second|third)$", raw))
        if raw.endswith(("the first", "the second", "the third")) and not raw.startswith("the twenty"):
            return False  # "the first to …", "the second time"
        if not ordinal and prev in r.context["count_left"]:
            return False  # "one of the 27", "all the 27"
        after = text[c.end:c.end + 3].lstrip(" ")
        return after[:1] in ("", ".", ",", ";", ":", "!", "?", ")") and not after[1:2].isdigit()
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
    if kind == "numeric_md":
        a, b = int(g["a"]), int(g["b"])
        if not (1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)):
            return False
        if "weekday" in g or "rel" in g:
            return True
        nxt = word_after(text, c.end)
        # "a 2/3 majority", "1/2 cup": fractions; a date is followed by punctuation or a connective
        return prev not in ("a", "an", "of") and (not nxt or not nxt[0].isalpha()
                                                   or nxt in r.context["numeric_md_right"])
    if kind == "numeric_range":
        pairs = [(int(g["a"]), int(g["b"])), (int(g["a2"]), int(g["b2"]))]
        if not all(1 <= x <= 31 and 1 <= y <= 31 and (x <= 12 or y <= 12) for x, y in pairs):
            return False
        return g["sep"] == "/" or ("year" in g and "year2" in g)
    if kind == "nth_weekday":
        return g["ord"].lower() != "last" or "month" in g or "rel" in g
    if kind == "decade" and ("decade_word" in g or "decade2" in g):
        if text[c.start:c.start + 4].lower() == "the ":
            return prev not in ("their", "his", "her", "my", "our", "your")
        if text[c.start] in "'’" or "century_word" in g:  # "the 1970s and '80s"
            return True
        return prev in r.context["decade_left"]  # not "his mid-20s", "in their 70s"
    if kind == "shift" and g.get("dir", "").lower() in ("before", "after", "prior"):
        nxt = word_after(text, c.end)
        return nxt in ("", "and", "or", "but", "when", "as", "while") or text[c.end:c.end + 2].strip()[:1] in ",.;:)"
    if kind == "anchored_day" and g.get("dir", "").lower() in ("before", "after"):
        nxt = word_after(text, c.end)
        return nxt in ("", "and", "or", "but") or text[c.end:c.end + 2].strip()[:1] in ",.;:)"
    if kind == "day_range_relmonth":
        # "rose from 4 to 22 this month" counts; "is out from 4 to 22 this month" is a date range
        return prev not in r.context["change_words"] and int(g["day"]) < int(g["day2"])
    if kind == "in_shift":
        # "the lowest in 33 years", "the first time in two years", "in a year of anger": a span
        if word_after(text, c.end) in r.context["span_right"]:
            return False
        if r.span_cue.search(text, max(0, c.start - 40), c.start):
            g["span_cue"] = "1"
        return True
    if kind == "weekend":
        return bool(re.search(r"\bthe\s+weekend", text[c.start:c.end], re.I))
    if kind == "holiday" and g["holiday"].lower() == "independence day":
        # the US one, unless a country names its own ("Ukraine's Independence Day")
        m = _WORD_BEFORE.search(text, max(0, c.start - 40), c.start)
        raw_prev = m.group(1) if m else ""
        if raw_prev.endswith(("'s", "’s")):
            return False
        return not (_is_capitalised(raw_prev) and not _sentence_initial(text, m.start(1)))
    return True



_MARGIN = 80  # no expression reaches further than this from its trigger word
_TOKEN = re.compile(r"[A-Za-z]+|\d+")


def trigger_positions(text: str, r: TimeRules) -> dict[int, list[tuple[int, int]]]:
    """Spans of the trigger words of each class (digit, month, weekday …) in the text: one
    pass over its tokens with a dictionary lookup each, instead of a regex per class."""
    spans: dict[int, list[tuple[int, int]]] = {}
    words = r.trigger_words
    for m in _TOKEN.finditer(text):
        tok = m.group()
        mask = DIGIT if tok[0].isdigit() else words.get(tok.lower(), 0)
        while mask:
            bit = mask & -mask
            spans.setdefault(bit, []).append(m.span())
            mask ^= bit
    return spans


def windows_for(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of text within _MARGIN of the given spans, cut at whitespace, merged."""
    n = len(text)
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        lo, hi = max(0, s - _MARGIN), min(n, e + _MARGIN)
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
            continue
        out.append((lo, hi))
    wide = []
    for lo, hi in out:  # widen to whitespace so no match is cut short at an edge
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < n and not text[hi].isspace():
            hi += 1
        if wide and lo <= wide[-1][1]:
            wide[-1] = (wide[-1][0], max(hi, wide[-1][1]))
        else:
            wide.append((lo, hi))
    return wide


_YEAR_TAIL = frozenset({"month", "month_day", "day_month"})
_TWO_DIGIT_YEAR_KINDS = frozenset({"month", "month_day", "day_month", "day_range_month", "month_range"})


_YEAR_SEP = re.compile(r"(?:[\s,/-]+(?:of|in)?)+$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z%]+)")


def _year_belongs_elsewhere(text: str, m: re.Match, end: int, r: TimeRules) -> bool:
    """"in May 1500 troops" (a count) or "in November. In 2000, …" (the next sentence): the
    number after the month is not its year."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt and nxt.group(1).lower() in r.year_blockers_right:
        return True
    gap = text[m.end("month"):m.start("year")] if m.start("month") < m.start("year") else ""
    return "." in gap and m.group("month").lower().rstrip(".") not in r.abbreviations


def _normalise(groups: dict[str, str], kind: str) -> dict[str, str] | None:
    """Years and days written in words (or a year as "'87") as digit strings; None if not a date."""
    for key in ("year", "year2", "year_pre"):
        v = groups.get(key)
        if v is None or v.isdigit() and (len(v) == 4 or kind not in _TWO_DIGIT_YEAR_KINDS):
            continue
        digits = v.lstrip("'’")
        if digits.isdigit():  # "April of 87", "May '87": read within 1950–2049
            y = int(digits)
            groups[key] = str(2000 + y if y < 50 else 1900 + y)
            continue
        y = year_words_value(v)
        if y is None or not 1000 <= y <= 2199:
            return None
        groups[key] = str(y)
    for key in ("day", "day2"):
        v = groups.get(key)
        if v and not v[0].isdigit():
            d = day_words_value(v)
            if d is None:
                return None
            groups[key] = str(d)
    return groups


def find_candidates(text: str) -> list[Candidate]:
    """Non-overlapping date expressions in `text`, sorted by start."""
    r = rules()
    found: list[Candidate] = []
    spans = trigger_positions(text, r)
    if not spans:
        return found
    cache: dict[int, list[tuple[int, int]]] = {}
    for prio, (kind, rx, mask) in enumerate(r.patterns):
        if mask not in cache:
            cache[mask] = windows_for(text, [sp for bit, sps in spans.items() if bit & mask for sp in sps])
        for m in (m for lo, hi in cache[mask] for m in rx.finditer(text, lo, hi)):
            if m.end() <= m.start():
                continue
            groups = _normalise({k: v for k, v in m.groupdict().items() if v is not None}, kind)
            if groups is None:
                continue
            end = m.end()
            if "year" in groups and kind in _YEAR_TAIL and _year_belongs_elsewhere(text, m, end, r):
                end = m.start() + len(_YEAR_SEP.sub("", text[m.start():m.start("year")]))
                if end <= m.start():
                    continue
                groups = {k: v for k, v in groups.items() if k != "year"}
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
        if any(c.start < e and s < c.end for s, e in blocked) and c.kind != "holiday":
            continue
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    return taken
