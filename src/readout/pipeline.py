"""Named stages over a batch of work items, checked for order before running.

A stage is a small object with a `name`, the fields it `requires` and the fields
it `adds`, and a `run(items, config)` that works on a whole batch (the parse
stage needs the batch to feed spaCy's `nlp.pipe`; the others loop). Stages
register themselves with `@register_stage`; `build_pipeline` checks that every
requirement is added by an earlier stage, as spaCy's pipe analysis does.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Protocol

from .config import Config
from .errors import PipelineOrderError, StageError
from .records import Actor, Document

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RawArticle:
    """What a reader gives: text and whatever metadata the input had."""
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
class PlaceMention:
    """A place named in the text (a capital or country used as a location, a city)."""
    start: int
    end: int
    name: str
    country: str | None


@dataclass(slots=True)
class WorkItem:
    """One article on its way through the stages.

    `document` is the record that is kept; `parsed` (the spaCy Doc) and the
    other fields are working state that stages share and that is never stored.
    """
    raw: RawArticle
    document: Document | None = None
    parsed: Any = None                      # spacy.tokens.Doc
    published_date: dt.date | None = None   # the anchor for relative dates
    places: list[PlaceMention] = field(default_factory=list)
    error: StageError | None = None
    _actor_spans: list[tuple[int, int, Actor]] | None = None

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the tightest mention."""
        if self._actor_spans is None:
            spans = []
            for a in self.document.actors:
                for m in a.mentions:
                    spans.append((m.start, m.end, a))
            spans.sort(key=lambda s: (s[0], s[1]))
            self._actor_spans = spans
        best = None
        for s, e, a in self._actor_spans:
            if s >= end:
                break
            if e > start:
                if best is None or (e - s) < (best[1] - best[0]):
                    best = (s, e, a)
        return best[2] if best else None

    def invalidate_actor_index(self) -> None:
        self._actor_spans = None


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    adds: tuple[str, ...]

    def run(self, items: list[WorkItem], config: Config) -> None: ...


STAGES: dict[str, Callable[[], Stage]] = {}


def register_stage(factory: Callable[[], Stage]) -> Callable[[], Stage]:
    STAGES[factory.name] = factory
    return factory


def _load_builtin_stages() -> None:
    # Importing the modules registers them.
    from .stages import (actors, clean, events, figures, parse, quotes, times)  # noqa: F401


def build_pipeline(names: Iterable[str]) -> list[Stage]:
    _load_builtin_stages()
    stages: list[Stage] = []
    available: set[str] = {"raw"}
    for name in names:
        if name not in STAGES:
            raise PipelineOrderError(f"unknown stage {name!r}; known: {', '.join(sorted(STAGES))}")
        stage = STAGES[name]()
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineOrderError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage adds")
        available.update(stage.adds)
        stages.append(stage)
    return stages


def run_batch(items: list[WorkItem], stages: list[Stage], config: Config) -> list[WorkItem]:
    """Run every stage over the batch; an item that fails keeps its error and leaves the batch."""
    live = [it for it in items if it.error is None]
    for stage in stages:
        try:
            stage.run(live, config)
        except Exception as exc:  # a batch-level failure: retry item by item to find the culprit
            if len(live) <= 1:
                for it in live:
                    it.error = StageError(it.raw.input_name, stage.name, exc)
            else:
                for it in live:
                    try:
                        stage.run([it], config)
                    except Exception as exc1:
                        it.error = StageError(it.raw.input_name, stage.name, exc1)
        live = [it for it in live if it.error is None]
    return items
