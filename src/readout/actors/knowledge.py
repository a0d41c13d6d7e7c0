"""The compiled actor knowledge (knowledge/actors/actors.json), loaded once per process.

`scripts/build_actors.py` writes the file from the hand-written tables and the Phoenix
dictionaries; this module only reads it. Entries stay as the decoded lists and are wrapped
in `Entry` objects lazily, so loading costs one JSON decode.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import data_dir, load_toml
from .normalize import norm

DATA_FILE = "actors/actors.json"
TITLES_FILE = "actors/titles.toml"
KIND_OF = {"person": "person", "organisation": "organisation", "igo": "igo"}
REGION_KIND = "country"
# sector codes a CAMEO code may carry after its country part
SECTORS = frozenset("""GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI HLH LAB LEG REF MOD
RAD AGR DEV ENV HRI IGO NGO UAF INS SEP REL MUS CHR JEW HIN BUD""".split())
# a sector code that is also a country's ISO code: MUS is Muslim alone ("MUS", "MUSSHI") and
# Mauritius before a sector ("MUSGOV", "MUSLEG", "MUSPTY")
COUNTRY_CLASH = frozenset({"MUS"})
# words of a name that are never a surname alone ("Miguel Ángel Jazmín de la Cruz")
SURNAME_PARTICLES = frozenset("de da das do dos du del della di van von der den ter bin ibn al el le la abu y e".split())


def split_code(code: str | None, regions: frozenset = frozenset()) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO actor code: 'RUSGOV' → ('RUS', 'GOV'), 'IGOWSTNAT' → ('WST', 'IGO')."""
    if not code:
        return None, None
    first, rest = code[:3], code[3:]
    if first == "IGO":
        region = rest[:3]
        return (region if region in regions else None), "IGO"
    if first in ("NGO", "NGM"):
        return None, "NGO"
    if first == "MNC":
        c = rest[:3]
        return (c if len(c) == 3 else None), "BUS"
    if first == "IMG":
        return None, "REB"
    if first in SECTORS and not (first in COUNTRY_CLASH and rest[:3] in SECTORS):
        return None, first
    sector = rest[:3] or None
    return first, (sector if sector in SECTORS else None)


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    start: str          # ISO date or '' (open)
    end: str            # ISO date or '' (open); the day the office was left
    office: str = ""
    top: bool = False
    stale: bool = False  # an open-ended Phoenix role, trusted only up to the Phoenix horizon


@dataclass(frozen=True, slots=True)
class Entry:
    index: int
    name: str
    kind: str
    roles: tuple[Role, ...]
    gender: str
    name_tokens: tuple[str, ...] = ("",)

    @property
    def key(self) -> str:
        """Canonical key: stable across rebuilds as long as the name and kind stay."""
        return f"{self.kind}:{norm(self.name)}"



@dataclass(frozen=True, slots=True)
class TitleSpec:
    """What a title before a surname asks of a person's offices (knowledge/actors/titles.toml)."""
    kind: str
    offices: frozenset[str]
    chamber: str            # "upper" | "any" | "" : legislators of unknown chamber that fit
    sector: str
    fallback: bool          # any role of `sector` fits too
    many: bool              # many people hold the office at once


@lru_cache(maxsize=1)
def title_table() -> tuple[dict[str, TitleSpec], frozenset[str], frozenset[str]]:
    """Title word → its `TitleSpec`; the countries whose legislators may be senators; the
    countries of Spanish naming customs (a long name ends in the mother's surname)."""
    data = load_toml(TITLES_FILE)
    table: dict[str, TitleSpec] = {}
    for kind, row in data["kinds"].items():
        spec = TitleSpec(kind, frozenset(row.get("offices", ())), row.get("chamber", ""),
                         row.get("sector", ""), bool(row.get("fallback", False)),
                         bool(row.get("many", False)))
        for t in row["titles"]:
            table[t] = spec
    return (table, frozenset(data.get("senate_countries", ())),
            frozenset(data.get("paternal_surname_countries", ())))


@dataclass(frozen=True, slots=True)
class CodeAt:
    """The code an entry carries on a date, and how sure that is."""
    code: str | None
    role: Role | None
    state: str          # current | stale | former | before | undated


class ActorKnowledge:
    """Lookup tables over the compiled data; one instance per process (see `knowledge()`)."""

    def __init__(self, data: dict):
        self.horizon: str = data.get("phoenix_horizon", "2016-06-30")
        self._raw_entries: list = data["entries"]
        self._entries: dict[int, Entry] = {}
        self.names: dict[str, list[int]] = data["names"]
        self.surnames: dict[str, list[int]] = data["surnames"]
        self.upper_only: frozenset[str] = frozenset(data["upper_only"])
        self.countries: dict[str, list] = data["countries"]
        self.country_names: dict[str, str] = data["country_names"]
        self.demonyms: dict[str, str] = data["demonyms"]
        self.capitals: dict[str, str] = data["capitals"]
        self.seats: dict[str, str] = data["seats"]
        self.places: dict[str, str] = data["places"]
        self.roles: dict[str, list] = data["roles"]
        self.regions = frozenset(c for c, row in self.countries.items() if row[1] == "region")
        self.sources: dict = data.get("sources", {})
        self.successions: dict[str, list] = data.get("successions", {})
        self._offices: dict[str, list[tuple[int, Role]]] | None = None
        self._first_words: dict[str, int] | None = None
        self._titled: dict[str, list[int]] | None = None
        self._max_words: dict[str, int] | None = None
        self._code_cache: dict[tuple[int, dt.date | None], CodeAt] = {}

    # -- entries
    def entry(self, idx: int) -> Entry:
        e = self._entries.get(idx)
        if e is None:
            name, kind, roles, gender = self._raw_entries[idx]
            e = Entry(idx, name, KIND_OF.get(kind, "organisation"),
                      tuple(Role(r[0], r[1], r[2], *(r[3:4] or [""]),
                                 bool(r[4]) if len(r) > 4 else False,
                                 bool(r[5]) if len(r) > 5 else False) for r in roles),
                      gender, tuple(norm(name).split()) or ("",))
            self._entries[idx] = e
        return e

    def entries_named(self, key: str) -> list[Entry]:
        return [self.entry(i) for i in self.names.get(key, ())]

    def entries_with_surname(self, token: str) -> list[Entry]:
        return [self.entry(i) for i in self.surnames.get(token, ())]

    def titled_surnames(self, token: str) -> list[Entry]:
        """Persons with that surname who held a named office (a data-set legislator, a
        hand-written minister): the ones a title before a surname may name. Data-set persons
        are not in `surnames` (found by full name only); a title is the context that lets
        their surname alone name them (`resolve.surname_match` decides who fits)."""
        if self._titled is None:
            self._build_titled()
        return [self.entry(i) for i in self._titled.get(token, ())]

    def _build_titled(self) -> None:
        paternal = title_table()[2]
        holders: dict[int, str] = {}       # office holder → the country of its first role
        for idx, (_, kind, roles, _) in enumerate(self._raw_entries):
            if kind == "person" and any(len(r) > 3 and r[3] for r in roles):
                holders[idx] = roles[0][0][:3]
        titled: dict[str, list[int]] = {}
        for key, idxs in self.names.items():
            toks = key.split()
            if len(toks) < 2:
                continue
            for idx in idxs:
                country = holders.get(idx)
                if country is None:
                    continue
                sur = toks[-2] if len(toks) > 2 and country in paternal else toks[-1]
                if len(sur) < 2 or sur in SURNAME_PARTICLES:
                    continue     # "Jazmín de la Cruz": a particle is nobody's surname alone
                lst = titled.setdefault(sur, [])
                if idx not in lst:
                    lst.append(idx)
        self._titled = titled

    def country_name(self, code: str | None) -> str | None:
        row = self.countries.get(code or "")
        return row[0] if row else None

    def demonym(self, code: str | None) -> str:
        """'Chinese' for CHN (the country's name when no demonym is listed)."""
        row = self.countries.get(code or "")
        if not row:
            return code or ""
        return (row[2] if len(row) > 2 and row[2] else row[0])

    def is_region(self, code: str | None) -> bool:
        return code in self.regions

    def country_on(self, code: str | None, date: dt.date | None) -> str | None:
        """The state a country code stood for on a date (successions.tsv): RUS before
        1991-12-26 → SUN, SRB before 1992-04-27 → YUG; the code itself otherwise."""
        if not code or date is None:
            return code
        rows = self.successions.get(code)
        if rows:
            d = date.isoformat()
            for until, then in rows:
                if d < until:
                    return then
        return code

    def code_on(self, code: str | None, date: dt.date | None) -> str | None:
        """A full actor code read on a date: its country part through `country_on`."""
        if not code or date is None or code[:3] not in self.successions:
            return code
        return self.country_on(code[:3], date) + code[3:]

    # -- dates
    def code_at(self, entry: Entry, date: dt.date | None) -> CodeAt:
        """The code of an entry on a date; the latest office when no date is given."""
        ck = (entry.index, date)
        hit = self._code_cache.get(ck)
        if hit is None:
            if len(self._code_cache) > 500_000:
                self._code_cache.clear()
            hit = self._code_cache[ck] = self._code_at(entry, date)
        return hit

    def _code_at(self, entry: Entry, date: dt.date | None) -> CodeAt:
        dated = [r for r in entry.roles if r.start or r.end]
        undated = [r for r in entry.roles if not r.start and not r.end]
        if date is None:
            if dated:
                best = max(dated, key=lambda r: (r.start, not r.stale, r.top))
                return CodeAt(best.code, best, "current")
            if undated:
                return CodeAt(undated[0].code, undated[0], "undated")
            return CodeAt(None, None, "undated")
        d = date.isoformat()
        valid = [r for r in dated if (not r.start or r.start <= d) and (not r.end or d < r.end)]
        fresh = [r for r in valid if not (r.stale and d > self.horizon)]
        if fresh:
            best = max(fresh, key=lambda r: (not r.stale, r.top, r.start))
            return CodeAt(best.code, best, "current")
        if valid:
            best = max(valid, key=lambda r: r.start)
            return CodeAt(best.code, best, "stale")
        if undated:
            return CodeAt(undated[0].code, undated[0], "undated")
        ended = [r for r in dated if r.end and r.end <= d]
        if ended:
            last = max(ended, key=lambda r: r.end)
            country = self._country_of_roles(entry, prefer=last)
            return CodeAt((country + "ELI") if country else None, last, "former")
        if dated:
            first = min(dated, key=lambda r: r.start or "0000")
            country = self._country_of_roles(entry, prefer=first)
            return CodeAt(country, first, "before")
        return CodeAt(None, None, "undated")

    def _country_of_roles(self, entry: Entry, prefer: Role) -> str | None:
        c, _ = split_code(prefer.code, self.regions)
        if c and c in self.countries and c not in self.regions:
            return c
        for r in sorted(entry.roles, key=lambda r: r.start, reverse=True):
            c, _ = split_code(r.code, self.regions)
            if c and c in self.countries and c not in self.regions:
                return c
        return None

    # -- offices ("the Chinese President" on a date)
    def holders(self, owner: str, offices: tuple[str, ...] | list[str] = (), top: bool = False,
                date: dt.date | None = None) -> list[Entry]:
        """People holding one of `offices` (or the top office) for a country/IGO code on a date."""
        if self._offices is None:
            self._build_offices()
        d = date.isoformat() if date else None
        out = []
        for idx, role in self._offices.get(owner, ()):
            if offices and role.office not in offices:
                continue
            if not offices and top and not role.top:
                continue
            if d is not None and not ((not role.start or role.start <= d) and (not role.end or d < role.end)):
                continue
            if d is None and role.end:
                continue
            out.append((role.start, idx))
        out.sort(reverse=True)
        seen, result = set(), []
        for _, idx in out:
            if idx not in seen:
                seen.add(idx)
                result.append(self.entry(idx))
        return result

    def _build_offices(self) -> None:
        offices: dict[str, list[tuple[int, Role]]] = {}
        for idx, (_, _, roles, _) in enumerate(self._raw_entries):
            for r in roles:
                if len(r) > 3 and r[3]:
                    role = self.entry(idx).roles[roles.index(r)]
                    c, s = split_code(role.code, self.regions)
                    owner = role.code if s == "IGO" else c
                    if owner:
                        offices.setdefault(owner, []).append((idx, role))
        self._offices = offices

    def max_words(self) -> dict[str, int]:
        """First word of every key (names, countries, roles …) → the most words a key has."""
        if self._max_words is None:
            mw: dict[str, int] = {}
            for table in (self.names, self.country_names, self.capitals, self.seats, self.places,
                          self.demonyms, self.roles):
                for key in table:
                    words = key.split(" ")
                    if len(words) > mw.get(words[0], 0):
                        mw[words[0]] = len(words)
            self._max_words = mw
        return self._max_words

    # -- the gazetteer's first words (for scanning text)
    def first_words(self) -> dict[str, int]:
        """First word of every name, country, capital, seat and place → its longest key length (chars)."""
        if self._first_words is None:
            fw: dict[str, int] = {}
            for table in (self.names, self.country_names, self.capitals, self.seats, self.places,
                          self.demonyms):
                for k in table:
                    first = k.split(" ", 1)[0]
                    for f in {first, first.split("-", 1)[0]}:
                        if len(k) > fw.get(f, 0):
                            fw[f] = len(k)
            self._first_words = fw
        return self._first_words


def _decode(raw: bytes) -> dict:
    try:
        import msgspec
        return msgspec.json.decode(raw)
    except ImportError:  # pragma: no cover - msgspec is a dependency
        import json
        return json.loads(raw)


@lru_cache(maxsize=1)
def knowledge() -> ActorKnowledge:
    """The process-wide actor knowledge (loaded on first use)."""
    raw = (data_dir() / DATA_FILE).read_bytes()
    return ActorKnowledge(_decode(raw))
