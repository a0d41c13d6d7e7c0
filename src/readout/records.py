"""Typed records that travel through the pipeline, and their JSON form.

The dataclass fields are the one definition of a record's shape: `to_dict()` is derived
from them (field order is key order), and so are the store's tables (`store/schema.py`)
and the reader back from rows (`store/documents.py`); a test checks the API models
against the tables. `Document.to_dict()` gives exactly the contract `readout.document/1`
(shared/contract/DOCUMENT.md); extra keys are allowed by the contract and are kept few
and named (`coder`, event `quote`, `trigger`, …).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA = "readout.document/1"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)
EVENT_STATUSES = ("occurred", "intended", "negated", "hypothetical")
PRECISIONS = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")
ACTOR_KINDS = ("person", "country", "organisation", "igo", "group")
QUOTE_KINDS = ("direct", "indirect", "mixed")
QUOTE_CATEGORIES = ("speech", "thought", "stance", "evidence")


def stable_id(*parts: Any, length: int = 16) -> str:
    """A short hex id that depends only on the given parts (so re-runs give the same id)."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


class Record:
    """A record whose JSON form is its fields, in order (a field's `metadata["json"]`, when
    given, converts its value)."""
    __slots__ = ()

    def to_dict(self) -> dict:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            convert = f.metadata.get("json")
            out[f.name] = convert(value) if convert else _plain(value)
        return out


def _plain(value):
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return dict(value)
    return value


def _period_json(period: "DateRange | None") -> dict | None:
    """A figure's period in the contract: both ends or nothing, no precision."""
    if period and period.start_date and period.end_date:
        return {"start_date": period.start_date, "end_date": period.end_date}
    return None


@dataclass(slots=True)
class RawArticle:
    """What a reader gives: text and whatever metadata the input had (not yet a record)."""
    text: str
    input_name: str                      # file name or "file:line" — for error messages
    title: str | None = None
    published: str | None = None
    published_source: str | None = None  # given | metadata
    url: str | None = None
    outlet: str | None = None
    input_id: str | None = None
    title_in_text: bool = False           # first line of text is the title (plain text)


@dataclass(slots=True)
class Sentence(Record):
    start: int
    end: int


@dataclass(slots=True)
class DateRange(Record):
    """A resolved date interval with the precision the text supports."""
    start_date: str | None
    end_date: str | None
    precision: str = "day"


@dataclass(slots=True)
class TimeExpression(Record):
    text: str
    start: int
    end: int
    start_date: str | None
    end_date: str | None
    precision: str
    anchor: str | None = None      # the date it was resolved against
    method: str | None = None      # which rule resolved it (provenance, not prose)


@dataclass(slots=True)
class Mention(Record):
    start: int
    end: int
    text: str
    how: str | None = None   # name | title | role | pronoun | metonymy | alias …


@dataclass(slots=True)
class Actor(Record):
    id: str
    name: str
    country: str | None
    sector: str | None
    code: str | None
    kind: str
    mentions: list[Mention] = field(default_factory=list)


PLACE_PRECISIONS = ("country", "admin1", "region", "city", "point")
PLACE_SOURCES = ("event", "sentence", "dateline")


@dataclass(slots=True)
class Place(Record):
    """A place as the text names it (`name`), with the gazetteer place it resolved to
    (readout/geo): GeoNames id (0-less: None for readout's own regions and seas), feature code,
    ISO alpha-3 country, first-level division code, coordinates and precision; `source` says
    where an event's place came from (its own phrase, its sentence, the dateline)."""
    name: str
    country: str | None = None
    geonames_id: int | None = None
    feature: str | None = None         # GeoNames feature code: PCLI, ADM1, PPLC, PPL, SEA …
    admin1: str | None = None          # GeoNames admin1 code (US: the postal code)
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None       # country | admin1 | region | city | point
    gazetteer_name: str | None = None  # the gazetteer's name ("Springfield" of "Springfield, Ill.")
    source: str | None = None          # event | sentence | dateline (events only)


@dataclass(slots=True)
class Evidence(Record):
    sentence: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Event(Record):
    id: str
    type: str
    mode: str | None
    cameo: str
    source: str | None
    target: str | None
    status: str
    date: DateRange | None
    place: Place | None
    goldstein: float
    quad_class: int
    confidence: float
    evidence: Evidence
    trigger: str | None = None     # the word or phrase that triggered the coding
    quote: str | None = None       # id of the quote the event was reported in
    incomplete: bool = False       # a side (source or target) is not in the text


@dataclass(slots=True)
class Quote(Record):
    id: str
    speaker: str | None
    speaker_text: str | None
    text: str
    kind: str
    cue: str | None
    via: str | None
    start: int
    end: int
    category: str = "speech"       # speech | thought | stance | evidence (by the cue)
    # start, end of each quoted piece when the quotation is broken by its attribution or
    # runs on over paragraphs ([s1, e1, s2, e2, …]; empty: one piece, start–end)
    parts: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Figure(Record):
    id: str
    text: str
    value: float | None
    unit: str | None
    measure: str | None
    period: DateRange | None = field(metadata={"json": _period_json})
    claimant: str | None
    start: int
    end: int


@dataclass(slots=True)
class Document(Record):
    """One article's record. Fields are in the contract's key order; those between `id` and
    `text` are keyword-only, so `Document(id, text)` still reads naturally."""
    id: str
    input_id: str | None = field(default=None, kw_only=True)
    url: str | None = field(default=None, kw_only=True)
    outlet: str | None = field(default=None, kw_only=True)
    title: str | None = field(default=None, kw_only=True)
    published: str | None = field(default=None, kw_only=True)
    published_source: str | None = field(default=None, kw_only=True)
    dateline: str | None = field(default=None, kw_only=True)
    credits: list[str] = field(default_factory=list, kw_only=True)
    caption: str | None = field(default=None, kw_only=True)
    text: str
    removed: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    coder: dict = field(default_factory=dict)   # readout version + data hash that made it

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, **Record.to_dict(self)}

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding a character offset (-1 when none does)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return -1

    def actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None
