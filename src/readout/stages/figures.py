"""figures: placeholder until the stage is built; adds nothing (the list stays empty)."""
from __future__ import annotations

from ..config import Config
from ..pipeline import WorkItem, register_stage


@register_stage
class FiguresStage:
    name = "figures"
    requires = ("parsed", "actors", "quotes", "times")
    adds = ("figures",)

    def run(self, items: list[WorkItem], config: Config) -> None:
        return None
