"""The coder with one-sided events of state-level actors kept (`one_sided_events = "state"`):
tests of what the coder codes ("Brazil did not condemn the attack", "Jones attacked the plan")
read its one-sided events too; the shipped default keeps them only at the gate's
`incomplete_min_confidence` (tests/events/test_precision_rules.py). Hypothetical events are
kept too (`event_statuses = "all"`), so tests can read the status the coder gives; the
shipped default leaves them out (tests/events/test_event_statuses.py)."""
from __future__ import annotations

import readout
from readout.config import load_config

STATE_ONE_SIDED = load_config().with_overrides(one_sided_events="state", event_statuses="all")


def extract_text(text, **kw):
    kw.setdefault("config", STATE_ONE_SIDED)
    return readout.extract_text(text, **kw)
