"""Numbers with their unit and scale in plain text, normalised to a value and a unit code.

The news-specific parts are done here with the tables of knowledge/units.toml: money
("US$5.2bn", "$70 billion", "100 million yuan"), per cent ("18 per cent", "23%"),
fractions ("a quarter", "two-thirds", given in %), ranks ("second-largest") and
scaled counts ("1.2 million"). Physical units (cubic metres, tonnes, km, barrels a
day …) are read by quantulum3, whose unit names are mapped onto short codes; what
it reads as money or per cent is taken only where the news rules found nothing.
Counts of things ("1,200 troops") need the parse and are confirmed by the stage.
"""
from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import load_toml

TIME_ENTITIES = {"time", "dimensionless"}


@dataclass(slots=True)
class Quantity:
    start: int            # the figure's span in the text (qualifier included)
    end: int
    value: float
    unit: str | None      # code, or None for a count
    kind: str             # money | percent | rank | fraction | physical | count
    num_start: int = -1   # where the number itself starts (for the parse)


@dataclass(frozen=True, slots=True)
class UnitTables:
    scales: dict[str, float]
    money_scales: dict[str, float]
    words: dict[str, float]
    fractions: dict[str, float]
    ordinals: dict[str, int]
    superlatives: tuple[str, ...]
    percent: dict[str, str]
    approximators: tuple[str, ...]
    symbols: dict[str, str]
    codes: frozenset[str]
    lower_ok: frozenset[str]
    pound_money: frozenset[str]
    stop_unit_before: frozenset[str]
    currency_words: dict[str, str]
    names: dict[str, str]
    words_units: dict[str, tuple[str, float]]
    number: re.Pattern
    money_before: re.Pattern
    money_after: re.Pattern
    percent_re: re.Pattern
    fraction_re: re.Pattern
    rank_re: re.Pattern
    scaled_re: re.Pattern
    words_units_re: re.Pattern
    approx_re: re.Pattern
    feet_inches: re.Pattern
    number_words_re: re.Pattern


def _alt(items) -> str:
    return "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))


def _symbol_pattern(sym: str) -> str:
    """'HK$' also as 'hk $'; a one-letter prefix ('A$', 'S$') only as written, so that
    'a $48 million' stays US dollars."""
    esc = re.escape(sym)
    letters = sym[:-1]
    if sym.endswith("$") and len(letters) == 1:
        return f"(?-i:{esc})"
    if sym.endswith("$") and len(letters) > 1 and letters.isalpha():
        return esc.replace(r"\$", r"\s?\$")
    return esc


@lru_cache(maxsize=1)
def tables() -> UnitTables:
    d = load_toml("units.toml")
    words = {k: float(v) for k, v in d["words"].items()}
    scales = {k: float(v) for k, v in d["scales"].items()}
    word_num = (rf"(?:(?:{_alt(words)})(?:[- ](?:{_alt(words)}))*(?: and (?:{_alt(words)}))?"
                rf"(?:[- ](?:{_alt(words)}))*)")
    digits = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
              r"|\d{1,3}(?:[ \u202f\u2009]\d{3})+(?![\d.,])|\d+(?:\.\d+)?|\.\d+)")
    fractions = {k: float(v) for k, v in d["fractions"].items()}
    frac_scale = (rf"(?:(?:an?|one|two|three)[ -])?(?:{_alt(fractions)})(?= (?:a )?(?:{_alt(scales)})\b)")
    number = rf"(?:[-−–]\s?)?(?:{digits}|{frac_scale}|{word_num}|an?(?= (?:{_alt(scales)})\b))"
    scale = rf"(?:\s?(?:{_alt(scales)})\b)?"
    symbols = dict(d["currency"]["symbols"])
    codes = frozenset(d["currency"]["codes"]["codes"])
    cwords = dict(d["currency"]["words"])
    mscales = {k: float(v) for k, v in d["money_scales"].items()}
    sym_alt = "|".join(_symbol_pattern(x) for x in sorted(symbols, key=len, reverse=True))
    money_before = re.compile(
        rf"(?<![\w$])(?P<cur>(?:{_alt(codes)})\$|{sym_alt}|(?:{_alt(codes)})\s?)\s?(?P<num>{digits}|{word_num})"
        rf"(?P<scale>\s?(?:{_alt(scales)})\b|(?:{_alt(mscales)})\b)?", re.IGNORECASE)
    money_after = re.compile(
        rf"(?<![\w$])(?P<num>{number})(?P<scale>{scale})\s?(?P<cur>(?<=\s)(?:{_alt(cwords)}|{_alt(codes)})\b"
        rf"|[$€£](?!\s?\d))(?P<scale2>\s(?:{_alt(scales)})\b)?"
        rf"(?:\s(?:and\s)?(?P<cents>\d{{1,2}}|{word_num})\scents?\b)?",
        re.IGNORECASE)
    percent = dict(d["percent"])
    percent_re = re.compile(
        rf"(?<![\w.])(?P<num>{number})\s?(?P<unit>{_alt(percent)})(?![\w])"
        rf"|(?P<unit2>per cent|percents?) of (?P<num2>{number})\b", re.IGNORECASE)
    fraction_re = re.compile(
        rf"\b(?P<num>an?|one|two|three|four|nine|{digits})[- ](?P<frac>{_alt(fractions)})\b"
        rf"|\b(?P<bare>half)\b(?= (?:of|the|a|an|its|their|his|her)\b)", re.IGNORECASE)
    ordinals = {k: int(v) for k, v in d["ordinals"].items()}
    sup = tuple(d["rank"]["superlatives"])
    rank_re = re.compile(
        rf"\b(?P<ord>{_alt(ordinals)}|\d+(?:st|nd|rd|th))[- ](?P<sup>{_alt(sup)})\b", re.IGNORECASE)
    scaled_re = re.compile(rf"(?<![\w$.])(?P<num>{digits}|{word_num}|an?)\s(?P<scale>{_alt(scales)})\b",
                           re.IGNORECASE)
    wu = {}
    for k, v in d["words_units"].items():
        wu[k] = (v, 1.0) if isinstance(v, str) else (v[0], float(v[1]))
    words_units_re = re.compile(rf"(?<![\w.])(?P<num>{number})(?P<scale>{scale})\s?(?P<unit>{_alt(wu)})\b",
                                re.IGNORECASE)
    feet_inches = re.compile(rf"(?<![\w.])(?P<ft>{digits}|{word_num})\s?(?:ft|feet|foot)\.?\s"
                             rf"(?P<inch>{digits}|{word_num})\s?(?:in|inch|inches)\b", re.IGNORECASE)
    approx = tuple(d["approximators"]["words"])
    approx_re = re.compile(rf"(?:\b(?:{_alt(approx)})\s+)+$", re.IGNORECASE)
    return UnitTables(
        lower_ok=frozenset(d["currency"]["codes"]["lower_ok"]), scales=scales,
        pound_money=frozenset(d["ambiguous"]["pound_money_context"]),
        stop_unit_before=frozenset(d["ambiguous"]["stop_word_unit_before"]), feet_inches=feet_inches,
        number_words_re=re.compile(rf"\b(?:{_alt(words)})[\s-]+(?!(?:of|another|in|who|that|which|"
                                   rf"more|time|day|way|side|thing|or|and|to)\b)[a-z]", re.IGNORECASE), money_scales=mscales, words=words, fractions=fractions,
        ordinals=ordinals, superlatives=sup, percent={k.lower(): v for k, v in percent.items()},
        approximators=approx, symbols=symbols, codes=codes,
        currency_words={k.lower(): v for k, v in cwords.items()}, names=dict(d["names"]),
        words_units={k.lower(): v for k, v in wu.items()}, number=re.compile(number, re.IGNORECASE),
        money_before=money_before, money_after=money_after, percent_re=percent_re,
        fraction_re=fraction_re, rank_re=rank_re, scaled_re=scaled_re,
        words_units_re=words_units_re, approx_re=approx_re)


def number_value(s: str, t: UnitTables | None = None) -> float | None:
    """'13.8' → 13.8, '1,200' → 1200, 'twenty-two' → 22, 'one hundred' → 100, 'a' → 1."""
    t = t or tables()
    s = s.strip().lower().replace("−", "-").replace("–", "-")
    neg = False
    if s.startswith("-"):
        neg, s = True, s[1:].strip()
    frac = re.fullmatch(r"(?:(an?|one|two|three)[ -])?(\w+)", s)
    if s in ("a", "an"):
        v = 1.0
    elif frac and frac.group(2) in t.fractions:
        n = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, None: 1}[frac.group(1)]
        v = n * t.fractions[frac.group(2)]
    elif re.fullmatch(r"[\d, \u202f\u2009]*\.?\d+", s):
        v = float(re.sub(r"[, \u202f\u2009]", "", s))
    else:
        total, current = 0.0, 0.0
        for w in re.split(r"[- ]+", s):
            if w == "and" or not w:
                continue
            if w not in t.words:
                return None
            n = t.words[w]
            if n == 100:
                current = (current or 1) * 100
            else:
                current += n
        v = total + current
    return -v if neg else v


def unit_code(name: str, t: UnitTables | None = None) -> str | None:
    """A unit name in quantulum3's or Recognizers-Text's wording → our code (None if unknown)."""
    t = t or tables()
    n = name.strip().lower()
    n = n.replace("meter", "metre").replace("liter", "litre").replace("metres", "metre")
    if n in t.names:
        return t.names[n]
    if n.endswith("s") and n[:-1] in t.names:
        return t.names[n[:-1]]
    if n in t.currency_words:
        return t.currency_words[n]
    return None


def _scale(s: str | None, t: UnitTables, money: bool = False) -> float:
    if not s:
        return 1.0
    k = s.strip().lower()
    if k in t.scales:
        return t.scales[k]
    if money and k in t.money_scales:
        return t.money_scales[k]
    return 1.0


def _with_approx(text: str, start: int) -> int:
    m = tables().approx_re.search(text[max(0, start - 40):start])
    return start - len(m.group(0)) if m else start


def _overlaps(a: Quantity, found: list[Quantity]) -> bool:
    return any(a.start < b.end and b.start < a.end for b in found)


def _currency_code(cur: str, t: UnitTables) -> str | None:
    """The ISO code for a money sign, code or name as matched (None for 'pen', 'try' …)."""
    c = re.sub(r"\s+", "", cur)
    if c in t.symbols:
        return t.symbols[c]
    for sym, code in t.symbols.items():
        if sym.lower() == c.lower() and not sym.isalpha():
            return code
    if c.endswith("$") and c[:-1].upper() in t.codes:
        return c[:-1].upper()
    if c.upper() in t.codes or c.upper() in t.symbols:
        if c != c.upper() and c.upper() not in t.lower_ok:
            return None
        return t.symbols.get(c.upper()) if c.upper() in t.symbols else c.upper()
    return t.currency_words.get(cur.lower())


def _pound_is_weight(text: str, m: re.Match, t: UnitTables) -> bool:
    if m.group("cur").lower() not in ("pound", "pounds") or m.group("scale") or m.group("scale2"):
        return False
    before = re.findall(r"[a-z]+", text[max(0, m.start() - 60):m.start()].lower())
    return not any(w in t.pound_money for w in before)


def _money(text: str, t: UnitTables, out: list[Quantity]) -> None:
    for m in t.money_after.finditer(text):
        code = _currency_code(m.group("cur"), t)
        v = number_value(m.group("num"), t)
        if code is None or v is None:
            continue
        if _pound_is_weight(text, m, t):
            code = "lb"
        v *= _scale(m.group("scale") or m.group("scale2"), t)
        if m.group("cents"):
            v += (number_value(m.group("cents"), t) or 0) / 100
        q = Quantity(m.start(), m.end(), v, code, "physical" if code == "lb" else "money",
                     m.start("num"))
        if not _overlaps(q, out):
            out.append(q)
    for m in t.money_before.finditer(text):
        code = _currency_code(m.group("cur"), t)
        v = number_value(m.group("num"), t)
        if code is None or v is None:
            continue
        q = Quantity(m.start(), m.end(), v * _scale(m.group("scale"), t, money=True), code, "money",
                     m.start("num"))
        if not _overlaps(q, out):
            out.append(q)


def _percent(text: str, t: UnitTables, out: list[Quantity]) -> None:
    for m in t.percent_re.finditer(text):
        num = m.group("num") or m.group("num2")
        unit = (m.group("unit") or m.group("unit2")).lower()
        v = number_value(num, t)
        if v is None:
            continue
        code = t.percent.get(unit, "%")
        q = Quantity(m.start(), m.end(), v, code, "percent",
                     m.start("num") if m.group("num") else m.start("num2"))
        if not _overlaps(q, out):
            out.append(q)


def _fractions(text: str, t: UnitTables, out: list[Quantity]) -> None:
    for m in t.fraction_re.finditer(text):
        if m.group("bare"):
            q = Quantity(m.start(), m.end(), 50.0, "%", "fraction", m.start())
        else:
            n = number_value(m.group("num"), t)
            if n is None:
                continue
            q = Quantity(m.start(), m.end(), round(n * t.fractions[m.group("frac").lower()] * 100, 4),
                         "%", "fraction", m.start())
        if not _overlaps(q, out):
            out.append(q)


def _ranks(text: str, t: UnitTables, out: list[Quantity]) -> None:
    for m in t.rank_re.finditer(text):
        o = m.group("ord").lower()
        v = t.ordinals.get(o)
        if v is None:
            v = int(re.match(r"\d+", o).group(0))
        q = Quantity(m.start(), m.end(), float(v), "rank", "rank", m.start())
        if not _overlaps(q, out):
            out.append(q)


def _words_units(text: str, t: UnitTables, out: list[Quantity]) -> None:
    for m in t.feet_inches.finditer(text):   # "5 ft 2 in" is one height
        ft, inch = number_value(m.group("ft"), t), number_value(m.group("inch"), t)
        if ft is not None and inch is not None:
            out.append(Quantity(m.start(), m.end(), ft + inch / 12, "ft", "physical", m.start()))
    for m in t.words_units_re.finditer(text):
        v = number_value(m.group("num"), t)
        if v is None:
            continue
        code, mult = t.words_units[m.group("unit").lower()]
        q = Quantity(m.start(), m.end(), v * _scale(m.group("scale"), t) * mult, code, "physical",
                     m.start("num"))
        if not _overlaps(q, out):
            out.append(q)


@lru_cache(maxsize=1)
def _quantulum():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    return parser


_DIGITS = re.compile(r"\d[\d,.]*")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


_WORD = re.compile(r"[^\s\d,;:()\[\]\"“”]+")
_ARTICLE = re.compile(r"\ban?\s", re.IGNORECASE)


@lru_cache(maxsize=1)
def _unit_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """quantulum3's names and symbols (lower case) of the units a figure may keep, and
    apart those that are common English words ("in" for inch, "am").

    Units with no code in units.toml, and times, would be dropped from quantulum3's
    answer anyway, so their words are no reason to ask it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import load
    from spacy.lang.en.stop_words import STOP_WORDS
    units = load.units("en_US")
    t = tables()
    names, symbols, common = set(), set(), set()
    for table, into in ((units.surfaces_lower, names), (units.symbols_lower, symbols),
                        (units.symbols, symbols)):
        for word, found in table.items():
            if any(u.entity.name not in TIME_ENTITIES and unit_code(u.name, t) is not None
                   for u in found):
                (common if word.lower() in STOP_WORDS else into).add(word)
    return frozenset(names), frozenset(symbols), frozenset(common)


def _unit_follows(text: str, end: int, t: UnitTables, symbols: bool = True) -> bool:
    """Does a unit name (or symbol) stand within the three words after a number?"""
    names, syms, common = _unit_words()
    raw = [w.strip(".-!?'’") for w in _WORD.findall(text[end:end + 48])[:5]]
    words = [w.lower() for w in raw if w and w.lower() not in t.scales]
    raw = [w for w in raw if w and w.lower() not in t.scales]
    for i, w in enumerate(words[:3]):
        pair = f"{w} {words[i + 1]}" if i + 1 < len(words) else ""
        if w in names or pair in names or (symbols and (w in syms or raw[i] in syms or pair in syms)):
            return True
        if w in common and (i + 1 == len(words) or words[i + 1] in t.stop_unit_before):
            return True      # "2 in." and "2 in thick", not "2 in the car"
        if symbols and len(raw[i]) > 2 and (raw[i][:2] in syms or raw[i][:3] in syms):
            return True      # "MWh": quantulum3 reads compounds of symbols it does not list
    return False


def _unit_precedes(text: str, start: int) -> bool:
    """A symbol glued to a number ("£5", "#4") or a unit word just before it ("USD 100")."""
    before = text[max(0, start - 24):start]
    if before[-1:] and unicodedata.category(before[-1]) in ("Sc", "So", "Sm") or before[-1:] == "#":
        return True   # "£5", "#4", "°"; not "12:15" or "(5"
    names, syms, _ = _unit_words()
    words = [w.strip(".-!?'’").lower() for w in _WORD.findall(before)[-2:]]
    return any(w in names or w in syms for w in words) or " ".join(words) in names


def _worth_quantulum(text: str, t: UnitTables, out: list[Quantity]) -> bool:
    """Is there a number the news rules left, not a plain year, with a unit word beside it?

    quantulum3 costs ~10 ms a call, and most numbers in news are dates, counts, money or
    per cent, which the rules above read; so it is asked only where a unit stands."""
    for m in _DIGITS.finditer(text):
        if any(q.start <= m.start() < q.end for q in out) or _YEAR.fullmatch(m.group(0).rstrip(".,")):
            continue
        if _unit_follows(text, m.end(), t) or _unit_precedes(text, m.start()):
            return True
    # number_words_re ends on the first letter of the word after the number word
    if any(_unit_follows(text, m.end() - 1, t) for m in t.number_words_re.finditer(text)):
        return True
    return any(_unit_follows(text, m.end(), t, symbols=False) for m in _ARTICLE.finditer(text))


def _physical(text: str, t: UnitTables, out: list[Quantity]) -> None:
    if not _worth_quantulum(text, t, out):
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = _quantulum().parse(text)
        except Exception:   # quantulum3 raises on some odd inputs; the news rules still stand
            return
    for x in found:
        entity = x.unit.entity.name
        if entity in TIME_ENTITIES:
            continue
        code = unit_code(x.unit.name, t)
        if code is None:
            continue
        s, e = x.span
        kind = "money" if entity == "currency" else "percent" if code == "%" else "physical"
        q = Quantity(s, e, float(x.value), code, kind, s)
        if not _overlaps(q, out):
            out.append(q)


def _scaled_counts(text: str, t: UnitTables, out: list[Quantity]) -> None:
    for m in t.scaled_re.finditer(text):
        v = number_value(m.group("num"), t)
        if v is None:
            continue
        q = Quantity(m.start(), m.end(), v * _scale(m.group("scale"), t), None, "count", m.start())
        if not _overlaps(q, out):
            out.append(q)


def find_quantities(text: str) -> list[Quantity]:
    """Money, per cent, fractions, ranks, physical quantities and scaled counts, in text order."""
    t = tables()
    out: list[Quantity] = []
    _money(text, t, out)
    _percent(text, t, out)
    _words_units(text, t, out)
    _ranks(text, t, out)
    _fractions(text, t, out)
    _physical(text, t, out)
    _scaled_counts(text, t, out)
    for q in out:
        q.start = _with_approx(text, q.start)
        if text[q.start:q.num_start].strip().lower() == "minus" and q.value > 0:
            q.value = -q.value
    out.sort(key=lambda q: q.start)
    return out
