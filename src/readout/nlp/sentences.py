"""Sentence spans of a parse, in character offsets."""
from __future__ import annotations

from ..records import Sentence
from .text import parsed_text


def sentences_of(parsed) -> list[Sentence]:
    """Sentence spans in character offsets, with whitespace-only sentences dropped.

    spaCy's parser sometimes splits inside a paragraph break; a sentence never spans
    a blank line here, so paragraph breaks are hard boundaries.
    """
    out: list[Sentence] = []
    text = parsed_text(parsed)
    for sent in parsed.sents:
        start, end = sent.start_char, sent.end_char
        piece = text[start:end]
        offset = 0
        for part in piece.split("\n\n"):
            s = start + offset
            e = s + len(part)
            offset += len(part) + 2
            stripped_l = len(part) - len(part.lstrip())
            stripped_r = len(part) - len(part.rstrip())
            if part.strip():
                out.append(Sentence(s + stripped_l, e - stripped_r))
    return out
