"""The attribution record the quote finders share (content span, cue, speaker, channel)."""
from __future__ import annotations

from dataclasses import dataclass, field

EDGE_CHARS = " \n\t,;:-–—"   # trimmed off both ends of a content or speaker span


@dataclass(slots=True)
class Attribution:
    start: int                       # content span in the text
    end: int
    kind: str                        # direct | indirect | mixed
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_head: tuple[int, int] | None = None   # the head word of the speaker phrase
    via_start: int | None = None
    via_end: int | None = None
    cue_token: int | None = None      # token index of the cue (for nesting checks)
    quotes: list[int] = field(default_factory=list)   # indices of quote spans inside
    how: str = ""                     # which rule found it (provenance)
    parts: list[tuple[int, int]] = field(default_factory=list)   # quoted pieces, when more than one
    category: str = "speech"          # speech | thought | stance | evidence (quotes/category.py)


def add_part(att: Attribution, start: int, end: int) -> None:
    """Extend a quotation by a later piece ("“A,” he said. “B.”", or a paragraph continuing
    it): the span runs on to it, and `parts` keeps the pieces without the frame between."""
    if not att.parts:
        att.parts = [(att.start, att.end)]
    att.parts.append((start, end))
    att.end = max(att.end, end)


def span_chars(tokens) -> tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
