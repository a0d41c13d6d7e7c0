"""What a stage is, and the table of known stages by name.

A stage is a small object with a `name`, the fields it `requires`, the fields it `adds`,
the fields made by an earlier stage that it `extends` (today only "actors": quotes and
events add actors the actors stage did not find, through `WorkItem.actors.add`), and a
`run(items, config)` over a whole batch (the parse stage feeds spaCy's `nlp.pipe` the batch;
the others loop). Field names are those of `readout.work.WorkItem` and
`readout.records.Document`; `readout.pipeline.build_pipeline` checks them.

The built-in stages are imported when first asked for, so that `import readout` (and every
command that only reads a store) does not load spaCy.
"""
from __future__ import annotations

import importlib
from typing import Callable, Protocol

from ..config import Config
from ..work import WorkItem

BUILTIN_STAGES = ("clean", "parse", "times", "actors", "quotes", "events", "figures")


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    adds: tuple[str, ...]
    extends: tuple[str, ...]

    def run(self, items: list[WorkItem], config: Config) -> None: ...


STAGES: dict[str, Callable[[], Stage]] = {}


def register_stage(factory: Callable[[], Stage]) -> Callable[[], Stage]:
    """Class decorator: make a stage known by its name (plugins use it too)."""
    STAGES[factory.name] = factory
    return factory


def stage_factory(name: str) -> Callable[[], Stage] | None:
    """The registered stage called `name` (a built-in one is imported on first use), else None."""
    if name not in STAGES and name in BUILTIN_STAGES:
        importlib.import_module(f"{__package__}.{name}")   # the module registers its stage
    return STAGES.get(name)


def known_stages() -> list[str]:
    return sorted(set(STAGES) | set(BUILTIN_STAGES))
