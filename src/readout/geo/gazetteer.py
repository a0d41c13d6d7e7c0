"""The gazetteer index: places as one blob of text rows and a sorted name index, both
addressed through uint32 offset arrays (the compiled file's own bytes, nothing rebuilt at load),
so ~240,000 places and ~345,000 names take some 35 MB and load in a fraction of a second;
`gazetteer()` loads it once per process (a forked worker inherits it).
"""
from __future__ import annotations

import gzip
import re
import struct
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
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
    alternates: int = 0   # how many alternate names GeoNames gives a town (not scored: as a fame
                          # weight it helped GeoWebNews by 5 toponyms and cost LGL 0.013 at 161 km)
    source: str = ""      # "g": a GeoNames first-level division placed by its towns (not curated)
    county: str = ""      # a US town's county (nearest internal point), a US county's own name

    @property
    def precision(self) -> str:
        return precision_of(self.fcode)

    @property
    def feature_class(self) -> str:
        return FEATURE_CLASS.get(self.fcode, "L")


# The compiled file (scripts/build_gazetteer.py → knowledge/geo/gazetteer.bin.gz), gzip of:
#   a header line (UTF-8, "\n"), then five little-endian uint32 counts (rows, names, postings,
#   ids, 0), then the uint32 arrays row offsets (rows + 1), name offsets (names + 1), posting
#   offsets (names + 1), postings (row * 2, + 1 for an alternate name), GeoNames ids (sorted) and
#   their rows; then the rows (tab-separated text: geonameid, name, fcode, country ISO3, admin1,
#   lat, lon, population, and optionally the number of GeoNames alternate names, the source
#   ("g": a GeoNames division placed by its towns) and the US county) and the normalised names (sorted as UTF-8 bytes), each one blob.
_COUNTS = struct.Struct("<5I")


def _u32(values) -> bytes:
    a = array("I", values)
    if sys.byteorder == "big":
        a.byteswap()
    return a.tobytes()


def pack(header: str, rows: list[str], names: dict[str, list[int]]) -> bytes:
    """The compiled gazetteer of `rows` (tab-separated, see above) and name → postings."""
    row_blob = [r.encode("utf-8") for r in rows]
    order = sorted((k.encode("utf-8"), k) for k in names)
    row_off, key_off, post_off, post = [0], [0], [0], []
    for b in row_blob:
        row_off.append(row_off[-1] + len(b))
    for kb, k in order:
        key_off.append(key_off[-1] + len(kb))
        post.extend(names[k])
        post_off.append(len(post))
    ids = sorted((int(r[:r.index("\t")]), i) for i, r in enumerate(rows) if not r.startswith("0\t"))
    return b"".join([header.replace("\n", " ").encode("utf-8"), b"\n",
                     _COUNTS.pack(len(rows), len(order), len(post), len(ids), 0),
                     _u32(row_off), _u32(key_off), _u32(post_off), _u32(post),
                     _u32(i for i, _ in ids), _u32(r for _, r in ids),
                     b"".join(row_blob), b"".join(kb for kb, _ in order)])


class Gazetteer:
    """Places and a sorted name index, kept as the compiled file's bytes plus uint32 offset
    arrays: a name is found by binary search, a row becomes an `Entry` only when a lookup
    needs it. Loading is one gzip decompression and a few `array.frombytes` copies, so it
    takes a fraction of a second and some 35 MB for ~240,000 places and ~345,000 names."""

    def __init__(self, data: bytes) -> None:
        nl = data.index(b"\n")
        self.header = data[:nl].decode("utf-8")
        n_rows, n_keys, n_post, n_ids, _ = _COUNTS.unpack_from(data, nl + 1)
        view = memoryview(data)
        pos = nl + 1 + _COUNTS.size

        def take(n: int) -> array:
            nonlocal pos
            a = array("I")
            a.frombytes(view[pos:pos + 4 * n])
            if sys.byteorder == "big":
                a.byteswap()
            pos += 4 * n
            return a
        self._row_off, self._key_off, self._post_off = take(n_rows + 1), take(n_keys + 1), take(n_keys + 1)
        self._post, self._ids, self._id_rows = take(n_post), take(n_ids), take(n_ids)
        view.release()
        self._data = data
        self._rows_at = pos
        self._keys_at = pos + self._row_off[-1]
        self._n_keys = n_keys
        self._cache: dict[str, tuple[tuple[int, bool], ...]] = {}   # name → rows, recent lookups
        self._states_rows: tuple[int, ...] | None = None
        self._countries: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._row_off) - 1

    def _line(self, row: int) -> str:
        at = self._rows_at
        return self._data[at + self._row_off[row]:at + self._row_off[row + 1]].decode("utf-8")

    def entry(self, row: int) -> Entry:
        f = self._line(row).split("\t")
        return Entry(row, int(f[0]), f[1], f[2], f[3], f[4], float(f[5]), float(f[6]), int(f[7]),
                     int(f[8]) if len(f) > 8 else 0, f[9] if len(f) > 9 else "", f[10] if len(f) > 10 else "")

    def _key(self, i: int) -> bytes:
        at = self._keys_at
        return self._data[at + self._key_off[i]:at + self._key_off[i + 1]]

    def rows(self, name: str, normalised: bool = False) -> tuple[tuple[int, bool], ...]:
        """(row, by an alternate name) for every place called `name`."""
        k = name if normalised else norm(name)
        hit = self._cache.get(k)
        if hit is None:
            if len(self._cache) >= 65536:
                self._cache.clear()
            hit = self._cache[k] = self._search(k.encode("utf-8"))
        return hit

    def _search(self, key: bytes) -> tuple[tuple[int, bool], ...]:
        lo, hi = 0, self._n_keys
        while lo < hi:                       # binary search of the sorted names
            mid = (lo + hi) // 2
            if self._key(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo == self._n_keys or self._key(lo) != key:
            return ()
        return tuple((c >> 1, bool(c & 1)) for c in self._post[self._post_off[lo]:self._post_off[lo + 1]])

    def lookup(self, name: str, primary_only: bool = False) -> list[Entry]:
        return [self.entry(r) for r, alt in self.rows(name) if not (primary_only and alt)]

    def by_id(self, geonameid: int) -> Entry | None:
        i = bisect_left(self._ids, geonameid)
        if i < len(self._ids) and self._ids[i] == geonameid:
            return self.entry(self._id_rows[i])
        return None

    def _rows_with(self, needle: str) -> list[int]:
        """The rows whose text contains `needle` (a scan of the rows blob, no decoding)."""
        out, b = [], needle.encode("utf-8")
        at, end = self._rows_at, self._keys_at
        i = self._data.find(b, at, end)
        while i >= 0:
            r = bisect_right(self._row_off, i - at) - 1
            if not out or out[-1] != r:
                out.append(r)
            i = self._data.find(b, at + self._row_off[r + 1], end)
        return out

    def country_entry(self, iso3: str) -> Entry | None:
        """The country record (feature PCLI) of an ISO alpha-3 code."""
        if self._countries is None:
            self._countries = {self.entry(r).country: r for r in self._rows_with("\tPCLI\t")}
        r = self._countries.get(iso3)
        return self.entry(r) if r is not None else None

    def us_state(self, code: str) -> Entry | None:
        """A US state by its postal code ("IL")."""
        if self._states_rows is None:
            self._states_rows = tuple(self._rows_with("\tADM1\tUSA\t"))
        for r in self._states_rows:
            e = self.entry(r)
            if e.admin1 == code:
                return e
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer (knowledge/geo/gazetteer.bin.gz), loaded on first use."""
    with open(data_dir() / "geo" / "gazetteer.bin.gz", "rb") as fh:
        return Gazetteer(gzip.decompress(fh.read()))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Place names news writes as common words (knowledge/geo/common_words.txt)."""
    path = data_dir() / "geo" / "common_words.txt"
    if not path.exists():
        return frozenset()
    return frozenset(l.strip() for l in path.read_text(encoding="utf-8").splitlines()
                     if l.strip() and not l.startswith("#"))
