"""clean stage: the raw article becomes a `Document` with its clean text and parts (the work
is in `readout.clean`)."""
from __future__ import annotations

from ..config import Config
from ..clean.document import document_from_raw
from ..work import WorkItem
from .registry import register_stage


@register_stage
class CleanStage:
    name = "clean"
    requires = ("raw",)
    adds = ("document", "text", "title", "caption", "dateline", "credits", "removed")

    def run(self, items: list[WorkItem], config: Config) -> None:
        for item in items:
            item.document = document_from_raw(item.raw, config)
