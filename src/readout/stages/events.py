"""events: code the interactions between actors as CAMEO/PLOVER event records.

Each sentence's triggers (verbs from the CAMEO dictionary, event nouns such as "summit",
"invasion", "phone call") are coded with source and target actors from the dependency
parse, a status (occurred / intended / negated / hypothetical), the date and place
attached to the trigger's clause, Goldstein value and quad class, a confidence, and the
sentence as evidence. The coder lives in `readout.events`; data in knowledge/events/.

The stage may add actors to `document.actors` (mention `how` says why): a country named only
as a destination or scene of a coded act ("a state visit to Russia" → Russia, how "place"),
a nationality group the actors stage did not list ("Palestinian prisoners", how "demonym")
and a country-less group located by its phrase ("demonstrators in Baghdad", how "located").
With the learned gate (`events/gate.py`), an event's confidence is the gate's probability and
events below `min_confidence` are not kept; nor are events whose status is not among
`event_statuses` (by default hypothetical acts are left out).
"""
from __future__ import annotations

from ..config import Config
from ..events.coder import code_item
from ..events.gate import gate_model
from ..work import WorkItem
from .registry import register_stage


@register_stage
class EventsStage:
    name = "events"
    requires = ("parsed", "actors", "quotes", "times")
    adds = ("events",)
    extends = ("actors",)          # countries named only as places, groups it locates

    def run(self, items: list[WorkItem], config: Config) -> None:
        for item in items:
            item.document.events = [e for e in code_item(item, config.incomplete_min_confidence,
                                                           config.one_sided_events)
                                    if (e.confidence >= config.min_confidence or gate_model() is None)
                                    and e.status in config.event_statuses]
