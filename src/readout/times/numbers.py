"""Numbers written in words, as they appear in dates: "twenty-first", "twenty nine",
"nineteen ninety six", "two thousand and fifteen", "seventeen hundred thirty three".

The word lists come from time_lexicon.toml ([cardinals], [ordinals]); this module builds
the regular-expression fragments the patterns use ({DAYNUM_WORDS}, {YEAR_WORDS}) and turns
a matched phrase into its value. Years in words follow the two ways English says them:
pairs ("nineteen | ninety six", "twenty | twenty", "nineteen | oh one") and counts
("two thousand and fifteen", "nineteen hundred ninety three").
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import load_toml

_SPLIT = re.compile(r"[\s-]+")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int]]:
    lex = load_toml("time_lexicon.toml")
    return dict(lex["cardinals"]), {k.replace("-", " "): v for k, v in lex["ordinals"].items()}


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def fragments() -> dict[str, str]:
    """Regex fragments (no groups) for day numbers and years in words."""
    card, _ = _tables()
    units = _alt(w for w, v in card.items() if 1 <= v <= 9)
    teens = _alt(w for w, v in card.items() if 10 <= v <= 19)
    tens = _alt(w for w, v in card.items() if v in (20, 30, 40, 50, 60, 70, 80, 90))
    sep = r"[\s-]+"
    n99 = rf"(?:(?:{tens})(?:{sep}(?:{units}))?|{teens}|{units})"
    zero_unit = rf"(?:zero|oh|o){sep}(?:{units})"
    year_words = (
        rf"(?:(?:{units}|{teens}){sep}thousand(?:{sep}(?:and{sep})?(?:(?:{units}){sep}hundred(?:{sep}(?:and{sep})?{n99})?|{n99}))?"
        rf"|(?:{teens}|{units}){sep}hundred(?:{sep}(?:and{sep})?{n99})?"
        rf"|(?:{teens}|twenty){sep}(?:{zero_unit}|(?:{tens})(?:{sep}(?:{units}))?|{teens}))"
    )
    # a cardinal day 1–31 in words: "nine", "twenty nine", "thirty-one"
    day_words = rf"(?:twenty{sep}(?:{units})|thirty{sep}one|twenty|thirty|{teens}|{units})"
    function_words = _alt(load_toml("time_lexicon.toml")["context"]["number_stop_allowed"])
    # a year must not run on into a count ("two thousand people", "two thousand and five
    # hundred"); a day may be followed by a year in words but not by a noun
    year_stop = (rf"(?![\s-]+(?:and[\s-]+)?(?:{units}|{teens}|{tens}|hundred|thousand|million|billion)\b)"
                 rf"(?!\s+(?!(?:{function_words})\b)(?-i:[a-z]))")
    day_stop = (r"(?![\s-]+(?:hundred|thousand|million|billion)\b)"
                rf"(?!\s+(?!(?:{function_words}|{units}|{teens}|{tens})\b)(?-i:[a-z]))")
    # atomic groups: a number is read whole ("twenty one people" must not yield "twenty")
    return {"YEAR_WORDS": rf"\b(?>{year_words})\b{year_stop}",
            "DAYNUM_WORDS": rf"\b(?>{day_words})\b{day_stop}",
            "DAYNUM_WORDS_BARE": rf"\b(?>{day_words})\b", "N99_WORDS": n99}


def words_value(phrase: str) -> int | None:
    """The cardinal value of number words ("two thousand and fifteen" → 2015), else None."""
    card, _ = _tables()
    total = current = 0
    seen = False
    for w in _SPLIT.split(phrase.lower().strip()):
        if not w or w == "and":
            continue
        if w in ("oh", "o"):
            w = "zero"
        if w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif w in card:
            current += card[w]
        else:
            return None
        seen = True
    return total + current if seen else None


def year_words_value(phrase: str) -> int | None:
    """A year said in words: counts ("two thousand and five") or pairs ("nineteen ninety six")."""
    words = [w for w in _SPLIT.split(phrase.lower().strip()) if w]
    if not words:
        return None
    if "hundred" in words or "thousand" in words:
        return words_value(phrase)
    card, _ = _tables()
    head = card.get(words[0])
    if head is None or not 10 <= head <= 20:
        return None
    rest = words[1:]
    if rest and rest[0] in ("zero", "oh", "o"):
        tail = words_value(" ".join(rest[1:]))
        return head * 100 + tail if tail is not None and tail < 10 else None
    tail = words_value(" ".join(rest))
    return head * 100 + tail if tail is not None and tail < 100 else None


def day_words_value(phrase: str) -> int | None:
    """A day of the month in words, cardinal or ordinal ("twenty nine", "twenty-first")."""
    _, ordinals = _tables()
    key = " ".join(_SPLIT.split(phrase.lower().strip()))
    if key in ordinals:
        return ordinals[key]
    v = words_value(key)
    return v if v is not None and 1 <= v <= 31 else None
