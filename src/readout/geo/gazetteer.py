"""The gazetteer index: one compact, column-wise table of places and a name → rows map.

Rows live in parallel columns (ids and populations in `array('l')`, coordinates in
`array('d')`, short strings interned), so ~175,000 places and their names take tens of
megabytes and load in well under a second; `gazetteer()` builds it once per process (a
forked worker inherits it).
"""
from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import data_dir

_PUNCT = re.compile(r"[^\w]+")
_SAINT = re.compile(r"^(st|ste|saint|sainte)\b\s*")

# GeoNames feature code → precision of the place record
PRECISION_OF = {"PCLI": "country", "TERR": "admin1", "ADM1": "admin1", "ADM2": "region",
                "CONT": "region",
                "PPL": "city", "PPLC": "city"}


def precision_of(fcode: str) -> str:
    return PRECISION_OF.get(fcode, "region" if fcode in ("RGN", "SEA", "GULF", "OCN", "PEN", "RGNE")
                            else "point")


FEATURE_CLASS = {"PCLI": "A", "ADM1": "A", "ADM2": "A", "TERR": "A", "PPL": "P", "PPLC": "P", "CONT": "L",
                 "RGN": "L", "PEN": "T", "SEA": "H", "GULF": "H", "OCN": "H", "STRT": "H",
                 "CNL": "H", "LK": "H", "STM": "H"}


def norm(name: str) -> str:
    """Lowercase, accents and punctuation off, "St."/"Saint" as "saint", "the" dropped."""
    s = unicodedata.normalize("NFKD", name.replace("’", "'"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().replace("'", "")
    s = _PUNCT.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return _SAINT.sub("saint ", s) if s[:2] == "st" or s[:5] == "saint" else s


@dataclass(slots=True)
class Entry:
    """One place, read from the columns (made on demand)."""
    row: int
    geonameid: int
    name: str
    fcode: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int

    @property
    def precision(self) -> str:
        return precision_of(self.fcode)

    @property
    def feature_class(self) -> str:
        return FEATURE_CLASS.get(self.fcode, "L")


class Gazetteer:
    """Places as text lines parsed on demand, and a dict from normalised name to its rows.

    Loading is three C-level splits and one `dict(zip(…))` of the compiled file, so it takes a
    fraction of a second; a row becomes an `Entry` only when a lookup needs it."""

    def __init__(self, text: str) -> None:
        head, _, rest = text.partition("\n#keys")
        lines = head.split("\n")
        self.header = lines[0].lstrip("# ")
        self._lines = lines[2:]                  # after the comment and the column names
        _, _, rest = rest.partition("\n")        # the rest of the "#keys" line
        names, _, codes = rest.partition("\n#rows\n")
        self.keys: dict[str, str] = dict(zip(names.split("\n"), codes.split("\n")))
        self._by_id: dict[int, int] | None = None
        self._states_rows: tuple[int, ...] | None = None
        self._countries: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._lines)

    def entry(self, row: int) -> Entry:
        f = self._lines[row].split("\t")
        return Entry(row, int(f[0]), f[1], f[2], f[3], f[4], float(f[5]), float(f[6]), int(f[7]))

    def rows(self, name: str, normalised: bool = False) -> tuple[tuple[int, bool], ...]:
        """(row, by an alternate name) for every place called `name`."""
        hit = self.keys.get(name if normalised else norm(name))
        if not hit:
            return ()
        return tuple((c >> 1, bool(c & 1)) for c in map(int, hit.split(",")))

    def lookup(self, name: str, primary_only: bool = False) -> list[Entry]:
        return [self.entry(r) for r, alt in self.rows(name) if not (primary_only and alt)]

    def by_id(self, geonameid: int) -> Entry | None:
        if self._by_id is None:
            self._by_id = {int(l[:l.index("\t")]): i for i, l in enumerate(self._lines)
                           if not l.startswith("0\t")}
        r = self._by_id.get(geonameid)
        return self.entry(r) if r is not None else None

    def country_entry(self, iso3: str) -> Entry | None:
        """The country record (feature PCLI) of an ISO alpha-3 code."""
        if self._countries is None:
            self._countries = {l.split("\t")[3]: i for i, l in enumerate(self._lines) if "\tPCLI\t" in l}
        r = self._countries.get(iso3)
        return self.entry(r) if r is not None else None

    def us_state(self, code: str) -> Entry | None:
        """A US state by its postal code ("IL")."""
        if self._states_rows is None:
            self._states_rows = tuple(i for i, l in enumerate(self._lines) if "\tADM1\tUSA\t" in l)
        for r in self._states_rows:
            e = self.entry(r)
            if e.admin1 == code:
                return e
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer (knowledge/geo/gazetteer.tsv.gz), loaded on first use."""
    with open(data_dir() / "geo" / "gazetteer.tsv.gz", "rb") as fh:
        return Gazetteer(gzip.decompress(fh.read()).decode("utf-8"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Place names news writes as common words (knowledge/geo/common_words.txt)."""
    path = data_dir() / "geo" / "common_words.txt"
    if not path.exists():
        return frozenset()
    return frozenset(l.strip() for l in path.read_text(encoding="utf-8").splitlines()
                     if l.strip() and not l.startswith("#"))
