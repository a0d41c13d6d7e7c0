"""quotes stage: quotes with speaker, cue and channel (the work is in `readout.quotes`).

A named speaker the actors stage did not know becomes a small actor of its own, added
through the declared path (`extends = ("actors",)`), so every quote with a named source
is queryable by speaker.
"""
from __future__ import annotations

from ..config import Config
from ..quotes.speakers import quotes_for
from ..work import WorkItem
from .registry import register_stage


@register_stage
class QuotesStage:
    name = "quotes"
    requires = ("parsed", "actors")
    adds = ("quotes",)
    extends = ("actors",)          # named speakers the actors stage did not know

    def run(self, items: list[WorkItem], config: Config) -> None:
        for item in items:
            if item.parsed is None:
                continue
            item.document.quotes = quotes_for(item)
