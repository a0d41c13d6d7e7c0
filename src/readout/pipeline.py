"""The pipeline: named stages over batches of work items, checked before and while they run.

`build_pipeline` checks the order before anything runs, as spaCy's pipe analysis does:
every name a stage requires, adds or extends is a real field of the work item or the
document, and every requirement is added by an earlier stage. `run_batch` runs the
stages over one batch and checks that each stage wrote only the fields it declares.
`process` is the runner every entry point uses: raw articles in, documents or errors out.
"""
from __future__ import annotations

import logging
from typing import Iterable, Iterator

from .config import Config, load_config
from .errors import InputError, PipelineOrderError, ReadoutError, StageError
from .records import Document, RawArticle
from .stages import Stage, known_stages, stage_factory
from .work import DOCUMENT_FIELDS, WORK_FIELDS, WorkItem

log = logging.getLogger(__name__)

DECLARABLE = WORK_FIELDS | DOCUMENT_FIELDS


def build_pipeline(names: Iterable[str], given: Iterable[str] = ("raw",)) -> list[Stage]:
    """The named stages, checked: every declared name is a real field, and what a stage
    requires is `given` (the raw article, by default) or added by an earlier stage."""
    stages: list[Stage] = []
    available: set[str] = set(given)
    for name in names:
        factory = stage_factory(name)
        if factory is None:
            raise PipelineOrderError(f"unknown stage {name!r}; known: {', '.join(known_stages())}")
        stage = factory()
        extends = tuple(getattr(stage, "extends", ()))
        unknown = [f for f in (*stage.requires, *stage.adds, *extends) if f not in DECLARABLE]
        if unknown:
            raise PipelineOrderError(
                f"stage {name!r} declares {', '.join(unknown)}, which are not fields of a "
                f"work item or a document")
        missing = [r for r in (*stage.requires, *extends) if r not in available]
        if missing:
            raise PipelineOrderError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage adds")
        available.update(stage.adds)
        stages.append(stage)
    return stages


def _mark(value) -> object:
    """What tells whether a field was written: identity and length of containers, else the value."""
    if isinstance(value, (list, dict)):
        return (id(value), len(value))
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    fingerprint = getattr(value, "fingerprint", None)
    return fingerprint() if fingerprint is not None else id(value)


def _written(item: WorkItem) -> dict[str, object]:
    marks = {name: _mark(getattr(item, name)) for name in WORK_FIELDS}
    doc = item.document
    if doc is not None:
        for name in DOCUMENT_FIELDS:
            if name != "actors":          # the work item's `actors` watches the document's list
                marks[name] = _mark(getattr(doc, name))
    return marks


def _check_writes(stage: Stage, before: dict[str, object], item: WorkItem) -> None:
    after = _written(item)
    declared = set(stage.adds) | set(getattr(stage, "extends", ()))
    if "document" in declared and before.get("document") is None:
        return                            # the stage made the document: all of it is its own
    changed = sorted(k for k, v in after.items() if k in before and before[k] != v)
    undeclared = [k for k in changed if k not in declared]
    if undeclared:
        raise PipelineOrderError(
            f"stage {stage.name!r} wrote {', '.join(undeclared)} without declaring it "
            f"(adds: {', '.join(stage.adds) or '-'})")


def run_batch(items: list[WorkItem], stages: list[Stage], config: Config) -> list[WorkItem]:
    """Run every stage over the batch; an item that fails keeps its error and leaves the batch."""
    live = [it for it in items if it.error is None]
    for stage in stages:
        before = [_written(it) for it in live]
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
        for it, marks in zip(live, before):
            if it.error is None:
                _check_writes(stage, marks, it)
        live = [it for it in live if it.error is None]
    return items


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for x in items:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process(raws: Iterable[RawArticle | InputError], config: Config | None = None,
            stages: list[Stage] | None = None) -> Iterator[Document | ReadoutError]:
    """Run raw articles through the pipeline in batches; yield each document or its error
    (a reader's `InputError` passes straight through, ahead of its batch)."""
    config = config or load_config()
    stages = stages or build_pipeline(config.stages)
    for batch in batched(raws, config.batch_size):
        items = []
        for r in batch:
            if isinstance(r, InputError):
                yield r
            else:
                items.append(WorkItem(raw=r))
        run_batch(items, stages, config)
        for it in items:
            it.parsed = None            # the spaCy Doc is not kept past its batch
            yield it.error if it.error is not None else it.document
