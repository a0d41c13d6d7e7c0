"""Typed records that travel through the pipeline and their JSON form.

`Document.to_dict()` gives exactly the contract `readout.document/1`
(shared/contract/DOCUMENT.md); extra keys are allowed by the contract and are
kept few and named (`coder`, event `quote`, `trigger`, …).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
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


def stable_id(*parts: Any, length: int = 16) -> str:
    """A short hex id that depends only on the given parts (so re-runs give the same id)."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


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
class Sentence:
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class DateRange:
    """A resolved date interval with the precision the text supports."""
    start_date: str | None
    end_date: str | None
    precision: str = "day"

    def to_dict(self) -> dict:
        return {"start_date": self.start_date, "end_date": self.end_date, "precision": self.precision}


@dataclass(slots=True)
class TimeExpression:
    text: str
    start: int
    end: int
    start_date: str | None
    end_date: str | None
    precision: str
    anchor: str | None = None      # the date it was resolved against
    method: str | None = None      # which rule resolved it (provenance, not prose)

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                "start_date": self.start_date, "end_date": self.end_date,
                "precision": self.precision, "anchor": self.anchor, "method": self.method}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    how: str | None = None   # name | title | role | pronoun | metonymy | alias …

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "how": self.how}


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    country: str | None
    sector: str | None
    code: str | None
    kind: str
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "country": self.country,
                "sector": self.sector, "code": self.code, "kind": self.kind,
                "mentions": [m.to_dict() for m in self.mentions]}


@dataclass(slots=True)
class Place:
    name: str
    country: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "country": self.country}


@dataclass(slots=True)
class Evidence:
    sentence: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Event:
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

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "mode": self.mode, "cameo": self.cameo,
                "source": self.source, "target": self.target, "status": self.status,
                "date": self.date.to_dict() if self.date else None,
                "place": self.place.to_dict() if self.place else None,
                "goldstein": self.goldstein, "quad_class": self.quad_class,
                "confidence": self.confidence, "evidence": self.evidence.to_dict(),
                "trigger": self.trigger, "quote": self.quote}


@dataclass(slots=True)
class Quote:
    id: str
    speaker: str | None
    speaker_text: str | None
    text: str
    kind: str
    cue: str | None
    via: str | None
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"id": self.id, "speaker": self.speaker, "speaker_text": self.speaker_text,
                "text": self.text, "kind": self.kind, "cue": self.cue, "via": self.via,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Figure:
    id: str
    text: str
    value: float | None
    unit: str | None
    measure: str | None
    period: DateRange | None
    claimant: str | None
    start: int
    end: int

    def to_dict(self) -> dict:
        period = None
        if self.period and self.period.start_date and self.period.end_date:
            period = {"start_date": self.period.start_date, "end_date": self.period.end_date}
        return {"id": self.id, "text": self.text, "value": self.value, "unit": self.unit,
                "measure": self.measure, "period": period, "claimant": self.claimant,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Document:
    id: str
    text: str
    title: str | None = None
    input_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_source: str | None = None
    dateline: str | None = None
    credits: list[str] = field(default_factory=list)
    caption: str | None = None
    removed: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    coder: dict = field(default_factory=dict)   # readout version + data hash that made it

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA, "id": self.id, "input_id": self.input_id, "url": self.url,
            "outlet": self.outlet, "title": self.title, "published": self.published,
            "published_source": self.published_source, "dateline": self.dateline,
            "credits": list(self.credits), "caption": self.caption, "text": self.text,
            "removed": list(self.removed),
            "sentences": [s.to_dict() for s in self.sentences],
            "times": [t.to_dict() for t in self.times],
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "figures": [f.to_dict() for f in self.figures],
            "coder": dict(self.coder),
        }

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
