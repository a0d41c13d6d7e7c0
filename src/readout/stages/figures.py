"""figures stage: numbers with unit, what they measure, period and claimant (the work is in
`readout.figures`); it runs after quotes, whose speakers become claimants."""
from __future__ import annotations

from ..config import Config
from ..figures.find import figures_for
from ..work import WorkItem
from .registry import register_stage


@register_stage
class FiguresStage:
    name = "figures"
    requires = ("parsed", "actors", "quotes", "times")
    adds = ("figures",)

    def run(self, items: list[WorkItem], config: Config) -> None:
        for item in items:
            item.document.figures = figures_for(item, config.claimant_categories)
