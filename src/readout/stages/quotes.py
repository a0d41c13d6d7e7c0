"""quotes: placeholder until the stage is built; adds nothing (the list stays empty)."""
from __future__ import annotations

from ..config import Config
from ..pipeline import WorkItem, register_stage


@register_stage
class QuotesStage:
    name = "quotes"
    requires = ("parsed", "actors")
    adds = ("quotes",)

    def run(self, items: list[WorkItem], config: Config) -> None:
        return None
