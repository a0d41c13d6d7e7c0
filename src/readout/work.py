"""The working state of one article between stages, and the only way to add actors to it.

A `WorkItem` carries the kept record (`document`) and state the stages share but never
store (the spaCy Doc, the publication date as a date, place mentions). Every field a stage
may write is a dataclass field here or on `Document`, so `build_pipeline` can check the
names a stage declares, and `run_batch` can check that it wrote nothing else.

`ArticleActors` owns the article's actors together with the index of their mentions.
The actors stage sets them; later stages (quotes: a named speaker it did not know; events:
a country named only as a destination) add through `ArticleActors.add`. The index is keyed
on what it indexes (the list, its length, the number of mentions), so a lookup after any
change sees the change: it cannot go stale.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .errors import StageError
from .records import Actor, Document, Mention, Place, RawArticle


@dataclass(slots=True)
class PlaceMention:
    """A place named in the text (a capital or country used as a location, a city), with the
    gazetteer place it resolved to (`geo`, readout.geo). `locative` is False for a state or
    city named attributively ("Ohio voters"): it tells the article's country, not where an
    event happened."""
    start: int
    end: int
    name: str
    country: str | None
    geo: Place | None = None
    locative: bool = True


class ArticleActors:
    """The actors of one work item's document (its `actors` list) and a span index over
    their mentions."""
    __slots__ = ("_item", "_spans", "_key", "added_by")

    def __init__(self, item: "WorkItem") -> None:
        self._item = item
        self._spans: list[tuple[int, int, Actor]] = []
        self._key: tuple | None = None
        self.added_by: dict[str, str] = {}   # actor id → the stage that added it after `actors`

    @property
    def _document(self) -> Document | None:
        return self._item.document

    def set(self, actors: list[Actor]) -> None:
        """The actors stage's result: the document's actors from now on."""
        self._document.actors = actors
        self.added_by.clear()

    def __iter__(self):
        return iter(self._document.actors if self._document is not None else ())

    def __len__(self) -> int:
        return len(self._document.actors) if self._document is not None else 0

    def get(self, actor_id: str | None) -> Actor | None:
        return self._document.actor(actor_id) if self._document is not None else None

    def add(self, actor: Actor, mention: Mention | None = None, *, by: str) -> Actor:
        """Add `actor` (unless one with its id is there: that one is used) and `mention` to it
        (unless it has that span already). Returns the actor the mention now belongs to."""
        have = self.get(actor.id)
        if have is None:
            self._document.actors.append(actor)
            self.added_by[actor.id] = by
            have = actor
        if mention is not None and not any(m.start == mention.start and m.end == mention.end
                                           for m in have.mentions):
            have.mentions.append(mention)
        return have

    def fingerprint(self) -> tuple:
        """What the index depends on: the actors list, its length, the number of mentions."""
        if self._document is None:
            return ()
        actors = self._document.actors
        return (id(actors), len(actors), sum(len(a.mentions) for a in actors))

    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the tightest mention."""
        if self._document is None:
            return None
        key = self.fingerprint()
        if key != self._key:
            spans = [(m.start, m.end, a) for a in self._document.actors for m in a.mentions]
            spans.sort(key=lambda s: (s[0], s[1]))
            self._spans, self._key = spans, key
        best = None
        for s, e, a in self._spans:
            if s >= end:
                break
            if e > start:
                if best is None or (e - s) < (best[1] - best[0]):
                    best = (s, e, a)
        return best[2] if best else None


@dataclass(slots=True)
class WorkItem:
    """One article on its way through the stages.

    `document` is the record that is kept; `parsed` (the spaCy Doc) and the other fields
    are working state that stages share and that is never stored.
    """
    raw: RawArticle
    document: Document | None = None
    parsed: Any = None                      # spacy.tokens.Doc
    published_date: dt.date | None = None   # the anchor for relative dates
    places: list[PlaceMention] = field(default_factory=list)
    actors: ArticleActors = field(init=False)
    error: StageError | None = None

    def __post_init__(self) -> None:
        self.actors = ArticleActors(self)

    def actor_at(self, start: int, end: int) -> Actor | None:
        return self.actors.at(start, end)


# The fields a stage may declare in `requires`/`adds`: the work item's and the document's.
WORK_FIELDS = frozenset(WorkItem.__dataclass_fields__) - {"error"}
DOCUMENT_FIELDS = frozenset(Document.__dataclass_fields__)
