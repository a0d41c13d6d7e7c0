"""The pipeline checks what stages declare, before and while they run; the runner yields
documents and errors only."""
from __future__ import annotations

import pytest

from readout.config import load_config
from readout.errors import PipelineOrderError, StageError
from readout.pipeline import build_pipeline, process, run_batch
from readout.records import Actor, Document, Mention, RawArticle
from readout.stages import register_stage
from readout.work import WorkItem

CONFIG = load_config().with_overrides(stages=("clean",))
TEXT = "The foreign minister said on Monday that talks would resume in March.\n\nMore text follows."


@register_stage
class SneakyStage:
    """Writes `events` while declaring only `quotes`."""
    name = "test-sneaky"
    requires = ("text",)
    adds = ("quotes",)

    def run(self, items, config):
        for it in items:
            it.document.events = []


@register_stage
class NoActorsStage:
    """Stands in for the actors stage: sets an empty actor list."""
    name = "test-no-actors"
    requires = ("text",)
    adds = ("actors",)

    def run(self, items, config):
        for it in items:
            it.actors.set([])


@register_stage
class AddsActorStage:
    """Adds an actor through the declared path."""
    name = "test-adds-actor"
    requires = ("text",)
    adds = ("quotes",)
    extends = ("actors",)

    def run(self, items, config):
        for it in items:
            it.actors.add(Actor("a1", "Somebody", None, None, None, "person"),
                          Mention(4, 11, it.document.text[4:11], "test"), by=self.name)


@register_stage
class AddsActorUndeclaredStage(AddsActorStage):
    name = "test-adds-actor-undeclared"
    extends = ()


def _item() -> WorkItem:
    return WorkItem(raw=RawArticle(text=TEXT, input_name="t.txt", title="A title"))


def test_a_stage_that_writes_an_undeclared_field_is_stopped():
    with pytest.raises(PipelineOrderError) as err:
        run_batch([_item()], build_pipeline(["clean", "test-sneaky"]), CONFIG)
    assert "test-sneaky" in str(err.value) and "events" in str(err.value)


def test_actors_are_added_only_by_stages_that_extend_them():
    item = _item()
    run_batch([item], build_pipeline(["clean", "test-no-actors", "test-adds-actor"]), CONFIG)
    assert item.error is None and [a.name for a in item.document.actors] == ["Somebody"]
    assert item.actors.added_by == {"a1": "test-adds-actor"}
    assert item.actor_at(5, 6).id == "a1"
    with pytest.raises(PipelineOrderError) as err:
        run_batch([_item()], build_pipeline(["clean", "test-no-actors", "test-adds-actor-undeclared"]), CONFIG)
    assert "actors" in str(err.value)


def test_extends_needs_an_earlier_stage():
    with pytest.raises(PipelineOrderError):
        build_pipeline(["test-adds-actor"])


def test_process_yields_documents_and_errors_not_work_items():
    raws = [RawArticle(text=TEXT, input_name="ok.txt"), RawArticle(text="   ", input_name="empty.txt")]
    out = list(process(raws, CONFIG))
    assert isinstance(out[0], Document) and out[0].text.startswith("The foreign minister")
    assert isinstance(out[1], StageError) and "empty.txt" in str(out[1])
    assert not any(isinstance(x, WorkItem) for x in out)
