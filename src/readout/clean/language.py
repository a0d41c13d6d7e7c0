"""Whether a text is English enough to code (a function-word count, no model)."""
from __future__ import annotations

import re


_EN_FUNCTION_WORDS = frozenset(
    "the a an of to in and or is are was were be been has have had that this it on for with as "
    "by at from said he she they we his her their its not but will would".split())


def looks_english(text: str) -> bool:
    """A cheap language check: enough English function words among the first 400 words."""
    words = re.findall(r"[^\W\d_]+", text[:5000].lower())
    if len(words) < 30:
        return True  # too short to judge
    share = sum(w in _EN_FUNCTION_WORDS for w in words[:400]) / min(len(words), 400)
    return share >= 0.08
